//! The plain text of a markdown string, with a fast path for a line that markdown leaves as it
//! stands.

use super::plain::PlainText;
use super::{MarkdownOptions, parse, run};

/// The plain text of a markdown string (words separated by spaces and newlines, no markup, no
/// control characters).
///
/// Most timeline entries, action titles and short front-matter texts are one line of words and
/// punctuation that markdown leaves alone, whose plain text is the line with its runs of spaces
/// folded: that is made without parsing it.
pub fn plain_text(markdown: &str) -> String {
    if !is_plain_line(markdown) {
        return parsed_plain_text(markdown);
    }
    if !markdown.contains("  ") && !markdown.ends_with(' ') {
        return markdown.to_string();
    }
    let mut out = String::with_capacity(markdown.len());
    for word in markdown.split(' ').filter(|w| !w.is_empty()) {
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The ASCII bytes a plain line may hold: letters, digits, the space, and punctuation that marks
/// up nothing inside a line.
const PLAIN_BYTES: [bool; 128] = {
    let mut table = [false; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric()
            || matches!(
                c,
                b' ' | b','
                    | b'.'
                    | b';'
                    | b':'
                    | b'\''
                    | b'"'
                    | b'('
                    | b')'
                    | b'?'
                    | b'%'
                    | b'/'
                    | b'-'
                    | b'+'
                    | b'='
                    | b'@'
                    | b'#'
                    | b'^'
                    | b'{'
                    | b'}'
            );
        b += 1;
    }
    table
};

/// Whether `markdown` is one paragraph of one line whose text markdown takes as it stands: it
/// starts with an ASCII letter (no list, heading, quote, indented code, table or HTML block can
/// start so), and holds only letters, digits, spaces and [`PLAIN_BYTES`] punctuation (no emphasis,
/// code, link, image, HTML, reference, escape or strikethrough marks, no line break, tab or
/// control character).
fn is_plain_line(markdown: &str) -> bool {
    let bytes = markdown.as_bytes();
    if !bytes.first().is_some_and(u8::is_ascii_alphabetic) {
        return false;
    }
    let plain = |c: char| match u8::try_from(c) {
        Ok(b) if b.is_ascii() => PLAIN_BYTES[usize::from(b)],
        _ => c.is_alphanumeric(),
    };
    if markdown.is_ascii() {
        bytes.iter().all(|&b| PLAIN_BYTES[usize::from(b)])
    } else {
        markdown.chars().all(plain)
    }
}

/// [`plain_text`] by parsing `markdown`, whatever it holds.
fn parsed_plain_text(markdown: &str) -> String {
    run(
        parse(markdown),
        &MarkdownOptions::default(),
        &[],
        PlainText::default(),
        &[],
    )
    .text
    .finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn plain_lines_are_taken_as_they_stand_and_markup_is_parsed() {
        assert!(is_plain_line(
            "Scaled api-gateway out by 4 instances (p99: 120 ms)."
        ));
        assert!(is_plain_line(
            "Rullet tilbake endringen på lagringssystemet"
        ));
        for marked in [
            "Paged `IngressSloBurnFast`",
            "*Not* plain",
            "1. a list",
            "- a list",
            "# heading",
            " indented",
            "a\nb",
            "see [this](x)",
            "a &amp; b",
            "a <b>c</b>",
            "a ~~b~~",
            "snake_case",
            "",
        ] {
            assert!(!is_plain_line(marked), "{marked:?}");
        }
        assert_eq!(plain_text("Disk  full on db-1.  "), "Disk full on db-1.");
        for marked in [
            "a *b* c",
            "a `b` c",
            "a [b](c) d",
            "a &amp; b",
            "a <i>b</i>",
            "a ~~b~~",
            "a \\*b",
            "a _b_ c",
            "a ![i](x)",
            "a <https://example.com>",
        ] {
            assert_ne!(parsed_plain_text(marked), marked, "{marked:?}");
            assert_eq!(plain_text(marked), parsed_plain_text(marked), "{marked:?}");
        }
    }

    proptest! {
        #[test]
        fn plain_lines_give_what_parsing_gives(
            text in r#"([a-zA-Z0-9 ,.;:'"()?%/+=@#^{}-]|[*_`\\\[\]!<>&~|\t\n]|å|é|Ω|\u{a0}|\u{85}|日|\p{Cc}){0,30}"#
        ) {
            prop_assert_eq!(plain_text(&text), parsed_plain_text(&text));
        }

        #[test]
        fn lines_of_words_with_markup_give_what_parsing_gives(
            text in r#"[a-zA-Z]([a-z ]{0,3}[*_`\\\[\]()!<>&~|\t\n:/.-]){0,12}"#
        ) {
            prop_assert_eq!(plain_text(&text), parsed_plain_text(&text));
        }

        #[test]
        fn lines_of_words_are_plain_and_give_what_parsing_gives(
            text in r#"[a-zA-Z]([a-zA-Z0-9 ,.;:'"()?%/+=@#^{}-]|å|é|日){0,40}"#
        ) {
            prop_assert!(is_plain_line(&text));
            prop_assert_eq!(plain_text(&text), parsed_plain_text(&text));
        }
    }
}
