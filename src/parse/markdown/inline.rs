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
    markdown.starts_with(char::is_alphabetic)
        && !markdown.ends_with(' ')
        && markdown.chars().all(|c| {
            c.is_alphanumeric()
                || matches!(
                    c,
                    ' ' | '.' | ',' | ';' | ':' | '?' | '(' | ')' | '/' | '%' | '-' | '+' | '='
                )
        })
}

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
