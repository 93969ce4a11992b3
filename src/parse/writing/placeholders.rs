//! Placeholder text left in a report (`TBD`, `xx:xx`, `lorem ipsum`): found in one pass over
//! the text, which looks at many bytes at once for the three that start any placeholder.

use std::ops::Range;

/// Placeholders as written; the words are matched whole and case-sensitively, the others in any case.
pub(super) const PLACEHOLDER_WORDS: &[&str] = &["TBD", "TODO", "FIXME"];
pub(super) const PLACEHOLDER_TEXTS: &[&str] = &["xx:xx", "hh:mm", "lorem ipsum"];

/// Bytes of text looked at together for the start of a placeholder.
const BLOCK: usize = 64;

/// The places of placeholder text in `text`, outside fenced code blocks, in order.
pub(super) fn placeholders(text: &str) -> Vec<Range<usize>> {
    // Every match in the whole text (none spans a line), then those in code dropped. Most
    // reports hold none, and most blocks of text hold no three bytes that start one: only a
    // block holding such a start is read place by place.
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    // Where the last match of each text ended: the matches of one text do not overlap.
    let mut ends = [0; PLACEHOLDER_TEXTS.len()];
    // Every placeholder is at least three bytes long, so none starts in the last two.
    let last = bytes.len().saturating_sub(2);
    for start in (0..last).step_by(BLOCK) {
        let end = (start + BLOCK).min(last);
        if !may_start_in(&bytes[start..end + 2]) {
            continue;
        }
        for at in start..end {
            if !matches!(
                bytes[at],
                b'x' | b'X' | b'h' | b'H' | b'l' | b'L' | b'T' | b'F'
            ) {
                continue;
            }
            let rest = &bytes[at..];
            for (n, needle) in PLACEHOLDER_TEXTS.iter().enumerate() {
                let needle = needle.as_bytes();
                if at >= ends[n]
                    && rest
                        .get(..needle.len())
                        .is_some_and(|r| r.eq_ignore_ascii_case(needle))
                {
                    ends[n] = at + needle.len();
                    found.push(at..ends[n]);
                }
            }
            for word in PLACEHOLDER_WORDS {
                if rest.starts_with(word.as_bytes()) && is_whole_word(text, at..at + word.len()) {
                    found.push(at..at + word.len());
                }
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

/// Whether a placeholder may start in `window` but its last two bytes.
fn may_start_in(window: &[u8]) -> bool {
    // A whole block is a window of a fixed length, which the compiler checks many places at
    // once; the last one, shorter, place by place.
    if let Ok(window) = <&[u8; BLOCK + 2]>::try_from(window) {
        let mut seen = 0;
        for at in 0..BLOCK {
            seen |= u8::from(may_start(window[at], window[at + 1], window[at + 2]));
        }
        return seen != 0;
    }
    window.windows(3).any(|w| may_start(w[0], w[1], w[2]))
}

/// Whether the bytes `a`, `b`, `c` may start a placeholder: its first three, in any case for
/// the texts.
fn may_start(a: u8, b: u8, c: u8) -> bool {
    // `| 0x20` is the lowercase of an ASCII letter, and no other byte gives one.
    let (la, lb, lc) = (a | 0x20, b | 0x20, c | 0x20);
    (la == b'x') & (lb == b'x') & (c == b':')
        | (la == b'h') & (lb == b'h') & (c == b':')
        | (la == b'l') & (lb == b'o') & (lc == b'r')
        | (a == b'T') & ((b == b'B') & (c == b'D') | (b == b'O') & (c == b'D'))
        | (a == b'F') & (b == b'I') & (c == b'X')
}

/// Whether `range` of `text` is a whole word: no letter, digit or `_` right before or after it.
fn is_whole_word(text: &str, range: Range<usize>) -> bool {
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    let before = text[..range.start].chars().next_back();
    let after = text[range.end..].chars().next();
    before.is_none_or(|c| !is_word(c)) && after.is_none_or(|c| !is_word(c))
}
