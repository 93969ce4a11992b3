//! The markers inside an action item's text: `@owner`, `due YYYY-MM-DD`, a ticket link or key.
//!
//! Markers are looked for outside code spans, and owners, keys and due dates outside links, so
//! `` `@decorator` `` or a URL path is never taken for one.

use std::ops::Range;

use jiff::civil::Date;
use memchr::{memchr, memchr_iter, memchr3};

use crate::util::time::parse_date;

/// What [`find`] found in an item's text; ranges are byte offsets in that text.
#[derive(Debug, Default)]
pub(super) struct Found {
    /// The first `@name`, without the `@`.
    pub owner: Option<String>,
    /// The first well-formed `due`/`frist` date.
    pub due: Option<Date>,
    /// A `due`/`frist` followed by something date-like that is not a date: its range and why.
    pub bad_due: Option<(Range<usize>, String)>,
    /// The first link or URL, else the first tracker key.
    pub ticket: Option<String>,
    /// The markers to take out of the title, sorted and not overlapping.
    pub removed: Vec<Range<usize>>,
}

/// Words introducing a due date, longest first (matched case-insensitively).
const DUE_LABELS: &[&str] = &["due date", "deadline", "frist", "due"];

/// Labels that may stand before an `@owner` and go with it.
const OWNER_LABELS: &[&str] = &["owner:", "assignee:", "ansvarlig:", "ansvar:", "eier:"];

/// Labels that may stand before a ticket and go with it.
const TICKET_LABELS: &[&str] = &["ticket:", "issue:", "jira:", "sak:"];

/// Uppercase words that look like tracker keys in `WORD-123` but are not.
const NOT_KEYS: &[&str] = &[
    "AES", "CVE", "COVID", "ECMA", "EN", "GPT", "HTTP", "HTTPS", "IEC", "IEEE", "IPV", "ISO", "MD",
    "NS", "PEP", "RFC", "RSA", "SEV", "SHA", "SSL", "TLS", "UTF",
];

/// Finds the markers of `text`, an item's own text.
pub(super) fn find(text: &str) -> Found {
    let code = code_spans(text);
    let links = links(text, &code);
    let mut protected = code;
    protected.extend(links.iter().map(|(range, _)| range.clone()));
    let mut found = Found::default();
    let ticket = links.iter().find(|(range, url)| {
        !in_parentheses(text, range.start, &protected) || is_ticket_link(&text[range.clone()], url)
    });
    if let Some((range, url)) = ticket {
        found.ticket = Some(url.clone());
        found
            .removed
            .push(with_label(text, range.clone(), TICKET_LABELS));
    }
    due(text, &protected, &mut found);
    owner(text, &protected, &mut found);
    if found.ticket.is_none() {
        key(text, &protected, &mut found);
    }
    found.removed.sort_by_key(|r| r.start);
    found
}

/// Whether `at` is inside parentheses the writer opened (`(see [the plan](…))`), counting only
/// parentheses outside code and links.
fn in_parentheses(text: &str, at: usize, protected: &[Range<usize>]) -> bool {
    let mut depth = 0usize;
    for (i, c) in text[..at].char_indices() {
        match c {
            '(' if !inside(i, protected) => depth += 1,
            ')' if !inside(i, protected) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    depth > 0
}

/// Whether a link, as written (`[OPS-12](https://…)`, `<https://…>`, a bare URL), points at a
/// ticket: its text is a key, its URL ends in a key, or its URL ends in an issue, pull or merge
/// request number (`…/issues/12`, `…/pull/57`).
fn is_ticket_link(written: &str, url: &str) -> bool {
    let is_key = |word: &str| {
        let mut found = Found::default();
        key(word, &[], &mut found);
        found.ticket.as_deref() == Some(word)
    };
    let text = written
        .strip_prefix('[')
        .and_then(|rest| rest.split_once(']'))
        .map(|(text, _)| text.trim());
    if text.is_some_and(is_key) {
        return true;
    }
    let mut segments = url.trim_end_matches('/').rsplit('/');
    let last = segments.next().unwrap_or_default();
    let numbered = last.chars().all(|c| c.is_ascii_digit())
        && !last.is_empty()
        && segments.next().is_some_and(|kind| {
            matches!(
                kind,
                "issues" | "issue" | "pull" | "pulls" | "merge_requests" | "tickets" | "ticket"
            )
        });
    numbered || is_key(last)
}

fn inside(at: usize, ranges: &[Range<usize>]) -> bool {
    ranges.iter().any(|r| r.contains(&at))
}

/// Whether a marker may start at `at`: at the start, or after whitespace or opening punctuation.
fn starts_word(text: &str, at: usize) -> bool {
    text[..at]
        .chars()
        .next_back()
        .is_none_or(|c| c.is_whitespace() || "([,;".contains(c))
}

/// `range` extended back over one of `labels` (`Owner: @bob`), if one stands right before it.
fn with_label(text: &str, range: Range<usize>, labels: &[&str]) -> Range<usize> {
    let before = text[..range.start].trim_end();
    for label in labels {
        let Some(start) = before.len().checked_sub(label.len()) else {
            continue;
        };
        if before.is_char_boundary(start)
            && before[start..].eq_ignore_ascii_case(label)
            && starts_word(text, start)
        {
            return start..range.end;
        }
    }
    range
}

/// Byte ranges of inline code spans (`` `x` ``, ``` `` x `` ```).
fn code_spans(text: &str) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let run = |at: usize| bytes[at..].iter().take_while(|&&b| b == b'`').count();
    let mut spans = Vec::new();
    let mut i = 0;
    while let Some(tick) = memchr(b'`', &bytes[i..]) {
        i += tick;
        let open = run(i);
        let mut j = i + open;
        let mut close = None;
        while j < bytes.len() {
            if bytes[j] == b'`' {
                let n = run(j);
                if n == open {
                    close = Some(j + n);
                    break;
                }
                j += n;
            } else {
                j += 1;
            }
        }
        match close {
            Some(end) => {
                spans.push(i..end);
                i = end;
            }
            None => i += open,
        }
    }
    spans
}

/// Markdown links (`[text](url)`), autolinks (`<https://…>`) and bare URLs, with their URLs.
fn links(text: &str, code: &[Range<usize>]) -> Vec<(Range<usize>, String)> {
    let mut links = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    // Every link starts with one of these bytes, all ASCII, so each is where a character starts.
    while let Some(next) = memchr3(b'[', b'<', b'h', &bytes[i..]) {
        i += next;
        if inside(i, code) {
            i += 1;
            continue;
        }
        let rest = &text[i..];
        let found = if rest.starts_with('[') && !text[..i].ends_with('!') {
            markdown_link(rest)
        } else if rest.starts_with("<http://") || rest.starts_with("<https://") {
            rest.find('>')
                .map(|end| (end + 1, rest[1..end].to_string()))
        } else if (rest.starts_with("http://") || rest.starts_with("https://"))
            && starts_word(text, i)
        {
            let end = rest.find(char::is_whitespace).unwrap_or(rest.len());
            let url = rest[..end].trim_end_matches(['.', ',', ';', ':', '!', '?', ')']);
            Some((url.len(), url.to_string()))
        } else {
            None
        };
        match found {
            Some((len, url)) => {
                links.push((i..i + len, url));
                i += len;
            }
            None => i += 1,
        }
    }
    links
}

/// `[text](url "title")` at the start of `rest`: its length and URL.
fn markdown_link(rest: &str) -> Option<(usize, String)> {
    let close = rest.find(']')?;
    let target = rest[close + 1..].strip_prefix('(')?;
    let end = target.find(')')?;
    let url = target[..end].split_whitespace().next().unwrap_or_default();
    let url = url.trim_start_matches('<').trim_end_matches('>');
    Some((close + 2 + end + 1, url.to_string()))
}

/// The first `due`/`frist` marker followed by something date-like.
fn due(text: &str, protected: &[Range<usize>], found: &mut Found) {
    for (i, &b) in text.as_bytes().iter().enumerate() {
        // Every label starts with `d` or `f` (ASCII, so where a character starts): the cheap test first.
        if !matches!(b, b'd' | b'D' | b'f' | b'F') || inside(i, protected) || !starts_word(text, i)
        {
            continue;
        }
        for label in DUE_LABELS {
            let Some(head) = text.get(i..i + label.len()) else {
                continue;
            };
            if !head.eq_ignore_ascii_case(label) {
                continue;
            }
            let mut at = i + label.len();
            let colon = text[at..].starts_with(':');
            at += usize::from(colon);
            let spaces = text[at..].len() - text[at..].trim_start().len();
            if !colon && spaces == 0 {
                continue;
            }
            at += spaces;
            let end = text[at..]
                .find(char::is_whitespace)
                .map_or(text.len(), |n| at + n);
            let token = text[at..end].trim_end_matches([',', ';', ')', ']', '.']);
            if !token.starts_with(|c: char| c.is_ascii_digit()) {
                continue;
            }
            match parse_date(token) {
                Ok(date) => {
                    found.due = Some(date);
                    found.removed.push(i..at + token.len());
                }
                Err(reason) => found.bad_due = Some((at..at + token.len(), reason)),
            }
            return;
        }
    }
}

/// The first `@name` that is not part of an email address.
fn owner(text: &str, protected: &[Range<usize>], found: &mut Found) {
    for i in memchr_iter(b'@', text.as_bytes()) {
        if inside(i, protected) || !starts_word(text, i) {
            continue;
        }
        let rest = &text[i + 1..];
        let len = rest
            .find(|c: char| !(c.is_alphanumeric() || matches!(c, '.' | '_' | '-')))
            .unwrap_or(rest.len());
        if rest[len..].starts_with('@') {
            continue;
        }
        let name = rest[..len].trim_end_matches(['.', '_', '-']);
        if name.is_empty() {
            continue;
        }
        found.owner = Some(name.to_string());
        found
            .removed
            .push(with_label(text, i..i + 1 + name.len(), OWNER_LABELS));
        return;
    }
}

/// The first tracker key: `OPS-123` (2–10 uppercase letters or digits, starting with a letter)
/// or `#123`.
fn key(text: &str, protected: &[Range<usize>], found: &mut Found) {
    let bytes = text.as_bytes();
    let digits = |from: usize| {
        bytes[from.min(bytes.len())..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let ends_word = |at: usize| {
        let mut after = text[at..].chars();
        match after.next() {
            None => true,
            Some(c) if c.is_alphanumeric() => false,
            Some('-' | '.' | '_' | '/') => !after.next().is_some_and(char::is_alphanumeric),
            Some(_) => true,
        }
    };
    // Keys start with ASCII, so each byte looked at is where a character starts.
    for (i, &b) in bytes.iter().enumerate() {
        if !(b == b'#' || b.is_ascii_uppercase()) || inside(i, protected) || !starts_word(text, i) {
            continue;
        }
        let end = if b == b'#' {
            let n = digits(i + 1);
            (n > 0).then_some(i + 1 + n)
        } else if b.is_ascii_uppercase() {
            let word = bytes[i..]
                .iter()
                .take_while(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
                .count();
            let letters = bytes[i..]
                .iter()
                .take_while(|b| b.is_ascii_uppercase())
                .count();
            let n = digits(i + word + 1);
            let is_key = (2..=10).contains(&word)
                && bytes.get(i + word) == Some(&b'-')
                && n > 0
                && !NOT_KEYS.contains(&&text[i..i + letters]);
            is_key.then_some(i + word + 1 + n)
        } else {
            None
        };
        if let Some(end) = end.filter(|&end| ends_word(end)) {
            found.ticket = Some(text[i..end].to_string());
            found.removed.push(with_label(text, i..end, TICKET_LABELS));
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_link_in_parentheses_is_a_ticket_only_when_it_looks_like_one() {
        let ticket = |text: &str| find(text).ticket;
        assert_eq!(
            ticket("Write a runbook ([draft](https://wiki.example.com/runbooks/restore))"),
            None
        );
        assert_eq!(
            ticket("Sync weekly (see https://git.example.com/sync) OPS-4"),
            Some("OPS-4".into())
        );
        assert_eq!(
            ticket("Fix it ([OPS-9](https://t.example.com/browse/OPS-9))"),
            Some("https://t.example.com/browse/OPS-9".into())
        );
        assert_eq!(
            ticket("Fix it (https://git.example.com/a/b/pull/57)"),
            Some("https://git.example.com/a/b/pull/57".into())
        );
        assert_eq!(
            ticket("Fix it [the plan](https://wiki.example.com/plan)"),
            Some("https://wiki.example.com/plan".into())
        );
        let found = find("Move it ([proposal](https://wiki.example.com/p))");
        assert!(found.removed.is_empty(), "the link stays in the title");
    }

    #[test]
    fn every_due_label_starts_with_the_letters_looked_for_first() {
        assert!(DUE_LABELS.iter().all(|label| label.starts_with(['d', 'f'])));
    }
}
