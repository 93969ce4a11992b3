//! The paragraphs the repeated-paragraph check compares: those of the body read as plain
//! CommonMark, without debrief's extensions. Reading them from the body's own parse (with the
//! extensions) saves parsing every body a second time; where the two readings could differ, the
//! body is parsed again as plain CommonMark.

use std::ops::Range;

use memchr::{memchr, memmem, memrchr};
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

/// The range of every paragraph of `body` read as plain CommonMark, in order.
pub(super) fn plain_paragraphs(body: &str) -> Vec<Range<usize>> {
    let mut paragraphs = Vec::new();
    let mut start = None;
    for (event, range) in Parser::new(body).into_offset_iter() {
        match event {
            Event::Start(Tag::Paragraph) => start = Some(range),
            Event::End(TagEnd::Paragraph) => paragraphs.extend(start.take()),
            _ => {}
        }
    }
    paragraphs
}

/// The paragraphs [`plain_paragraphs`] finds in `body`, read from `events`, the body parsed with
/// debrief's extensions; `None` when the extensions could have read the body otherwise.
///
/// Only three extensions shape blocks: footnotes, task lists and tables (strikethrough is inline,
/// heading attributes stay inside their heading). Both parses place every other block alike, so:
/// - A body with `[^` may hold a footnote definition: `None`.
/// - A task list marker (`[ ]`, `[x]`) starts its item's paragraph in plain CommonMark, where it
///   is text; the paragraph with the extensions starts after it. So a loose item's paragraph
///   starts at its marker. A marker with nothing after it on its line has the item's next lines
///   as blocks of their own with the extensions, and as its paragraph's lines without: `None`.
/// - A table is, in plain CommonMark, a paragraph of the same lines when it starts a block and
///   ends at a blank line, and no line of it could end a paragraph (a setext underline, a list
///   item, …) or be read into another block: so every line of the table must start with `|` after
///   spaces and tabs, the line before it must be blank (or the body start there), and the line
///   after it blank (or the body end). Then its range is that paragraph's. Otherwise `None`.
/// - A table may break into a paragraph at a line starting with `|`; the paragraph it breaks
///   into runs on in plain CommonMark. So a table, or a paragraph, starting with `|` must
///   follow a blank line, which holds for the tables above.
/// - A line starting with `|` right after a line that is neither blank nor piped may be read
///   otherwise by the two parses (a table in a list item, a paragraph's continuation): `None`.
/// - A `\r` ends a line for the parser but not for the line checks here: `None`.
pub(crate) fn commonmark_paragraphs(
    body: &str,
    events: &[(Event<'_>, Range<usize>)],
) -> Option<Vec<Range<usize>>> {
    let bytes = body.as_bytes();
    if memmem::find(bytes, b"[^").is_some()
        || memchr(b'\r', bytes).is_some()
        || !piped_runs_follow_blank_lines(body)
    {
        return None;
    }
    let mut paragraphs: Vec<Range<usize>> = Vec::new();
    let mut after_paragraph_start = false;
    for (event, range) in events {
        let paragraph_start = matches!(event, Event::Start(Tag::Paragraph));
        match event {
            Event::Start(Tag::Paragraph) => {
                if body[range.start..].starts_with('|') && !starts_block(body, range.start) {
                    return None;
                }
                paragraphs.push(range.clone());
            }
            Event::Start(Tag::Table(_)) => {
                let whole_lines = line_start(body, range.start)..line_end(body, range.end);
                let rows = body[whole_lines.clone()].lines();
                let piped = rows
                    .clone()
                    .all(|row| row.trim_start_matches([' ', '\t']).starts_with('|'));
                if !piped
                    || !starts_block(body, range.start)
                    || !is_blank_line(body, whole_lines.end)
                {
                    return None;
                }
                paragraphs.push(range.clone());
            }
            Event::TaskListMarker(_) => {
                if !body[range.start..].starts_with('[') || is_blank_line(body, range.end) {
                    return None;
                }
                if after_paragraph_start && let Some(paragraph) = paragraphs.last_mut() {
                    paragraph.start = range.start;
                }
            }
            _ => {}
        }
        after_paragraph_start = paragraph_start;
    }
    Some(paragraphs)
}

/// Whether every run of lines starting with `|` (after spaces and tabs) follows a blank line or
/// starts the body: a piped line right after other text may be read into a table with the
/// extensions and as that text's continuation without them, in ways the checks on each block's
/// own lines do not see (inside a list item, say).
fn piped_runs_follow_blank_lines(body: &str) -> bool {
    // Only a line holding a `|` may start with one: each such line is found from its first `|`,
    // and the others are not looked at.
    let bytes = body.as_bytes();
    let mut from = 0;
    while let Some(at) = memchr(b'|', &bytes[from..]) {
        let pipe = from + at;
        let start = line_start(body, pipe);
        if is_blank(&body[start..pipe]) && start > 0 {
            let before = &body[line_start(body, start - 1)..start - 1];
            let before = before.trim_start_matches([' ', '\t']);
            if !before.is_empty() && !before.starts_with('|') {
                return false;
            }
        }
        match memchr(b'\n', &bytes[pipe..]) {
            Some(end) => from = pipe + end + 1,
            None => break,
        }
    }
    true
}

/// Whether `at` is the first non-blank place of its line, and the line before is blank (or
/// there is none).
fn starts_block(body: &str, at: usize) -> bool {
    let start = line_start(body, at);
    is_blank(&body[start..at]) && (start == 0 || is_blank_line(body, line_start(body, start - 1)))
}

/// Where the line holding `at` starts.
fn line_start(body: &str, at: usize) -> usize {
    memrchr(b'\n', &body.as_bytes()[..at]).map_or(0, |i| i + 1)
}

/// Where the line holding the byte before `at` ends, past its `\n` (`at` itself when that byte
/// is a `\n`).
fn line_end(body: &str, at: usize) -> usize {
    if at == 0 || body.as_bytes()[at - 1] == b'\n' {
        return at;
    }
    memchr(b'\n', &body.as_bytes()[at..]).map_or(body.len(), |i| at + i + 1)
}

/// Whether the line from `at` holds only spaces and tabs (the end of the body counts).
fn is_blank_line(body: &str, at: usize) -> bool {
    // Up to the first byte that is not a space or tab: only a line break (or the end) there
    // makes the line blank, and the rest of the line need not be found.
    let line = &body.as_bytes()[at..];
    line.iter()
        .find(|&&b| b != b' ' && b != b'\t')
        .is_none_or(|&b| b == b'\n')
}

/// Whether `text` is only spaces and tabs, as CommonMark's blank lines are.
fn is_blank(text: &str) -> bool {
    text.bytes().all(|b| b == b' ' || b == b'\t')
}

#[cfg(test)]
mod tests;
