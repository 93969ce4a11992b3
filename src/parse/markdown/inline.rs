//! Short markdown strings (an action title, a timeline event, a lesson) rendered without the
//! paragraph around them, and without the parser when they are plain words.

use pulldown_cmark::{Event, Tag};

use super::{MarkdownOptions, PlainText, parse, run, to_html};

/// Renders a short front-matter string (an action title, a timeline event, a summary line).
///
/// A single paragraph comes back without its wrapping `<p>…</p>`; anything else as
/// [`super::render`] gives it.
pub fn render_inline(markdown: &str, options: &MarkdownOptions) -> String {
    if is_plain(markdown) {
        return markdown.to_string();
    }
    render_inline_parsed(markdown, options)
}

/// [`render_inline`] through the parser.
pub(super) fn render_inline_parsed(markdown: &str, options: &MarkdownOptions) -> String {
    let events = run(parse(markdown), options, &[], PlainText::off(), &[]).events;
    inline_html(events, markdown.len())
}

/// The HTML of rendered events from markdown of `length` bytes: a single paragraph without its
/// `<p>…</p>`, anything else as it is.
pub(super) fn inline_html(events: Vec<Event<'_>>, length: usize) -> String {
    let single_paragraph = matches!(events.first(), Some(Event::Start(Tag::Paragraph)))
        && top_level_blocks(&events) == 1;
    if single_paragraph {
        let inner = &events[1..events.len() - 1];
        to_html(inner.iter().cloned(), length)
    } else {
        to_html(events.into_iter(), length)
    }
}

/// Whether `markdown` is one line of words that renders as itself: it starts with a letter, ends
/// with no space, and holds only letters, digits, spaces and punctuation that means nothing to
/// markdown or HTML inside a line. Most short strings (timeline events, action titles) are such
/// lines, and need no parser.
pub(super) fn is_plain(markdown: &str) -> bool {
    if !markdown.starts_with(char::is_alphabetic) || markdown.ends_with(' ') {
        return false;
    }
    // ASCII by a table, byte by byte; from the first other character on, character by character.
    let bytes = markdown.as_bytes();
    match bytes.iter().position(|&b| !PLAIN_ASCII[usize::from(b)]) {
        None => true,
        Some(at) if bytes[at].is_ascii() => false,
        Some(at) => markdown[at..].chars().all(is_plain_char),
    }
}

/// Whether a character may stand in a line [`is_plain`] takes.
fn is_plain_char(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(
            c,
            ' ' | '.' | ',' | ';' | ':' | '?' | '(' | ')' | '/' | '%' | '-' | '+' | '='
        )
}

/// [`is_plain_char`] of each ASCII byte (other bytes are `false`, to be read as characters).
const PLAIN_ASCII: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        let c = b as u8;
        table[b] = c.is_ascii_alphanumeric()
            || matches!(
                c,
                b' ' | b'.'
                    | b','
                    | b';'
                    | b':'
                    | b'?'
                    | b'('
                    | b')'
                    | b'/'
                    | b'%'
                    | b'-'
                    | b'+'
                    | b'='
            );
        b += 1;
    }
    table
};

/// How many elements sit at the top level of an event stream.
fn top_level_blocks(events: &[Event<'_>]) -> usize {
    let mut depth = 0usize;
    let mut count = 0;
    for event in events {
        match event {
            Event::Start(_) => {
                if depth == 0 {
                    count += 1;
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ if depth == 0 => count += 1,
            _ => {}
        }
    }
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn plain_lines_are_found_by_the_table_as_character_by_character(
            line in "[ -~\t\né²Ω\u{2003}\u{0301}\u{10000}]{0,30}"
        ) {
            let by_chars = line.starts_with(char::is_alphabetic)
                && !line.ends_with(' ')
                && line.chars().all(is_plain_char);
            proptest::prop_assert_eq!(is_plain(&line), by_chars);
        }

        #[test]
        fn mostly_plain_lines_are_found_by_the_table_as_character_by_character(
            line in "[a-zéΩ][a-z0-9 .,:()é²Ω\u{2003}\u{0301}*<]{0,20}"
        ) {
            let by_chars = !line.ends_with(' ') && line.chars().all(is_plain_char);
            proptest::prop_assert_eq!(is_plain(&line), by_chars);
        }
    }

    #[test]
    fn every_ascii_character_is_plain_or_not_as_its_character_is() {
        for b in 0..128u8 {
            assert_eq!(
                PLAIN_ASCII[usize::from(b)],
                is_plain_char(char::from(b)),
                "{b:#x}"
            );
        }
    }
}
