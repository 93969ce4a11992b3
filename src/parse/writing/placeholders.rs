//! Placeholder text left in a report (`TBD`, `xx:xx`, `lorem ipsum`): found by searching many
//! bytes at a time for a byte each placeholder holds, and looking around each one found.

use std::ops::Range;

use memchr::{memchr_iter, memchr2_iter};

/// Placeholders as written; the words are matched whole and case-sensitively, the others in any case.
pub(super) const PLACEHOLDER_WORDS: &[&str] = &["TBD", "TODO", "FIXME"];
pub(super) const PLACEHOLDER_TEXTS: &[&str] = &["xx:xx", "hh:mm", "lorem ipsum"];

/// The places of placeholder text in `text`, outside fenced code blocks, in order.
pub(super) fn placeholders(text: &str) -> Vec<Range<usize>> {
    // Every match in the whole text (none spans a line), then those in code dropped. Each is
    // looked for where a byte of it is found that few other places hold: the colon of `xx:xx`
    // and `hh:mm`, the `p` of `lorem ipsum` in either case, the first letter of a word.
    let bytes = text.as_bytes();
    let mut found = Vec::new();
    // Each text found at `start`, unless it overlaps the last match of the same text (`xx:xx:xx`
    // holds one), as a search from the end of each match finds them.
    let mut ends = [0; PLACEHOLDER_TEXTS.len()];
    let mut text_at = |n: usize, start: Option<usize>, found: &mut Vec<Range<usize>>| {
        let needle = PLACEHOLDER_TEXTS[n].as_bytes();
        let Some(start) = start.filter(|&start| start >= ends[n]) else {
            return;
        };
        if (bytes.get(start..start + needle.len())).is_some_and(|r| r.eq_ignore_ascii_case(needle))
        {
            ends[n] = start + needle.len();
            found.push(start..ends[n]);
        }
    };
    for colon in memchr_iter(b':', bytes) {
        text_at(0, colon.checked_sub(2), &mut found);
        text_at(1, colon.checked_sub(2), &mut found);
    }
    for p in memchr2_iter(b'p', b'P', bytes) {
        text_at(2, p.checked_sub("lorem i".len()), &mut found);
    }
    // Every word starts with `T` or `F`: one search finds them all.
    for at in memchr2_iter(b'T', b'F', bytes) {
        for word in PLACEHOLDER_WORDS {
            let end = at + word.len();
            if bytes[at..].starts_with(word.as_bytes()) && is_whole_word(text, at..end) {
                found.push(at..end);
            }
        }
    }
    if found.is_empty() {
        return found;
    }
    found.sort_by_key(|r| r.start);
    let mut code = Vec::new();
    let mut offset = 0;
    let mut fence: Option<(&str, usize)> = None;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let marker = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m));
        match (fence, marker) {
            (None, Some(m)) => fence = Some((m, offset)),
            (Some((open, from)), Some(m)) if open == m => {
                code.push(from..offset + line.len());
                fence = None;
            }
            _ => {}
        }
        offset += line.len();
    }
    if let Some((_, from)) = fence {
        code.push(from..text.len());
    }
    // The fenced blocks are in order and apart: the one a match could be in is found by halving.
    found.retain(|r| {
        let i = code.partition_point(|c| c.end <= r.start);
        code.get(i).is_none_or(|c| !c.contains(&r.start))
    });
    found
}

/// Whether `range` of `text` is a whole word: no letter, digit or `_` right before or after it.
fn is_whole_word(text: &str, range: Range<usize>) -> bool {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    before.is_none_or(|c| !is_word(c)) && after.is_none_or(|c| !is_word(c))
}
