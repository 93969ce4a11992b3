//! The search wing's view of the linked site: one [`Document`] per incident the build publishes, in
//! plain text, so the index holds exactly what the pages show (a public build's index never holds an
//! internal incident or a draft).

use rayon::prelude::*;

use crate::model::incident::Incident;
use crate::parse::markdown::plain_text;
use crate::search::Document;
use crate::site::Site;
use crate::util::html_text::text;

/// The documents of every incident of `site`.
pub fn documents(site: &Site) -> Vec<Document> {
    site.incidents.par_iter().map(document).collect()
}

/// The documents of every incident of `site`, as [`documents`] makes them, except that each body's
/// plain text is moved out of the site instead of copied: the largest text of an incident is then
/// held once while the index is built. Afterwards every incident's `body.text` is empty, so only a
/// build that needs it for nothing else (the full build) takes the documents this way.
pub fn take_documents(site: &mut Site) -> Vec<Document> {
    site.incidents
        .par_iter_mut()
        .map(|incident| {
            let body = std::mem::take(&mut incident.body.text);
            with_body(incident, body)
        })
        .collect()
}

/// One incident as the index sees it.
pub fn document(incident: &Incident) -> Document {
    with_body(incident, incident.body.text.clone())
}

/// One incident as the index sees it, with `body` as the plain text of its body.
fn with_body(incident: &Incident, body: String) -> Document {
    let html = |field: &Option<String>| field.as_deref().map(text).unwrap_or_default();
    let texts = &incident.texts;
    let summary = html(&texts.summary_full);
    Document {
        id: incident.id.value.clone(),
        url: incident.page_path(),
        title: incident.title.clone(),
        lang: incident.lang.clone(),
        date: incident.date.date().to_string(),
        year: i32::from(incident.year()),
        severity: incident.severity.clone().unwrap_or_default(),
        services: incident.services.clone(),
        tags: incident.tags.clone(),
        open_actions: u32::try_from(
            incident
                .actions
                .iter()
                .filter(|a| a.status.is_open())
                .count(),
        )
        .unwrap_or(u32::MAX),
        excerpt: texts.summary.as_deref().map(text).unwrap_or_default(),
        summary,
        impact: html(&texts.impact),
        root_cause: html(&texts.root_cause),
        resolution: [&texts.resolution, &texts.trigger, &texts.detection]
            .into_iter()
            .map(html)
            .chain(texts.contributing_factors.iter().map(|h| text(h)))
            .chain(texts.lessons.iter().map(|h| text(h)))
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
        headings: incident
            .body
            .headings
            .iter()
            .map(|h| h.text.clone())
            .collect(),
        body,
        timeline: incident.timeline.iter().map(|e| plain(&e.text)).collect(),
        actions: incident.actions.iter().map(|a| plain(&a.title)).collect(),
        tickets: incident
            .actions
            .iter()
            .filter_map(|a| a.ticket.clone())
            .filter(|t| !t.contains("://"))
            .collect(),
    }
}

/// The plain text of a line of markdown, as [`plain_text`] gives it: most timeline entries and
/// action titles are one line of words and punctuation that markdown leaves alone, whose plain text
/// is the line with its runs of spaces folded, made here without parsing it.
fn plain(markdown: &str) -> String {
    if !is_plain_line(markdown) {
        return plain_text(markdown);
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
        assert_eq!(plain("Disk  full on db-1.  "), "Disk full on db-1.");
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
            assert_ne!(plain_text(marked), marked, "{marked:?}");
            assert_eq!(plain(marked), plain_text(marked), "{marked:?}");
        }
    }

    proptest! {
        #[test]
        fn plain_lines_give_what_parsing_gives(
            text in r#"([a-zA-Z0-9 ,.;:'"()?%/+=@#^{}-]|[*_`\\\[\]!<>&~|\t\n]|å|é|Ω|\u{a0}|\u{85}|日|\p{Cc}){0,30}"#
        ) {
            prop_assert_eq!(plain(&text), plain_text(&text));
        }

        #[test]
        fn lines_of_words_with_markup_give_what_parsing_gives(
            text in r#"[a-zA-Z]([a-z ]{0,3}[*_`\\\[\]()!<>&~|\t\n:/.-]){0,12}"#
        ) {
            prop_assert_eq!(plain(&text), plain_text(&text));
        }

        #[test]
        fn lines_of_words_are_plain_and_give_what_parsing_gives(
            text in r#"[a-zA-Z]([a-zA-Z0-9 ,.;:'"()?%/+=@#^{}-]|å|é|日){0,40}"#
        ) {
            prop_assert!(is_plain_line(&text));
            prop_assert_eq!(plain(&text), plain_text(&text));
        }
    }
}
