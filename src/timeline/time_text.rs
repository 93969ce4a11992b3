//! How times are written at the start of timeline list items and in cells: `12:10 –`,
//! `**12:10**:`, `2024-11-07 12:10 UTC`, and placeholders such as `14:??` or `TBD`.

use std::ops::Range;

use jiff::civil::{Date, Time};

use crate::time::{parse_clock, parse_date};

/// Words that are not times but stand where a time should be.
const PLACEHOLDERS: &[&str] = &[
    "tbd", "tba", "tbc", "?", "??", "???", "n/a", "ukjent", "unknown", "xx:xx", "--:--",
];

/// The time a list item starts with and where its text begins after the separator, both as
/// byte offsets in `own`; `None` when the item does not start with anything like a time.
pub(super) fn leading_time(own: &str) -> Option<(Range<usize>, usize)> {
    for (open, close) in [
        ("**", "**"),
        ("__", "__"),
        ("`", "`"),
        ("[", "]"),
        ("*", "*"),
        ("_", "_"),
    ] {
        let Some(after_open) = own.strip_prefix(open) else {
            continue;
        };
        let close_at = open.len() + after_open.find(close)?;
        if open == "[" && own[close_at + 1..].starts_with('(') {
            return None;
        }
        let inner = own[open.len()..close_at]
            .trim()
            .trim_end_matches(':')
            .trim_end();
        if !looks_like_time(inner) {
            return None;
        }
        let start = offset_in(own, inner);
        return Some((
            start..start + inner.len(),
            skip_separator(own, close_at + close.len()),
        ));
    }
    let word_end = |from: usize| {
        own[from..]
            .find(|c: char| c.is_whitespace() || matches!(c, '–' | '—' | '|'))
            .map_or(own.len(), |i| from + i)
    };
    let trimmed_end =
        |from: usize, to: usize| from + own[from..to].trim_end_matches([':', ',', ';', '-']).len();
    let next_word = |from: usize| from + (own[from..].len() - own[from..].trim_start().len());
    let mut end = trimmed_end(0, word_end(0));
    let first = &own[..end];
    let dated = first.len() >= 8
        && first.bytes().all(|b| b.is_ascii_digit() || b == b'-')
        && first.contains('-');
    if dated {
        let second = next_word(end);
        let second_end = trimmed_end(second, word_end(second));
        let word = &own[second..second_end];
        if word.starts_with(|c: char| c.is_ascii_digit() || "?xXhH".contains(c))
            && word.contains([':', '.'])
        {
            end = second_end;
        }
    }
    let after = next_word(end);
    let after_end = trimmed_end(after, word_end(after));
    if after > end
        && ["utc", "gmt", "z"]
            .iter()
            .any(|z| own[after..after_end].eq_ignore_ascii_case(z))
    {
        end = after_end;
    }
    let (core, _) = split_utc(&own[..end]);
    looks_like_time(core).then(|| (0..end, skip_separator(own, end)))
}

/// Skips whitespace, one separator (`–`, `—`, `-`, `:`, `|`) and whitespace after `from`.
pub(super) fn skip_separator(own: &str, from: usize) -> usize {
    let rest = own[from..].trim_start();
    let rest = rest
        .strip_prefix(['–', '—', '-', ':', '|'])
        .unwrap_or(rest)
        .trim_start();
    own.len() - rest.len()
}

/// Whether `text` is an attempt at a time, readable or not (`12:10`, `14:??`, `HH:mm`, `TBD`).
pub(super) fn looks_like_time(text: &str) -> bool {
    if PLACEHOLDERS.iter().any(|p| text.eq_ignore_ascii_case(p)) {
        return true;
    }
    text.len() <= 40
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || ":.?xXhHmMsStTzZ+-/ ".contains(c))
        && text
            .chars()
            .any(|c| c.is_ascii_digit() || c == ':' || c == '?')
}

/// A time without a trailing ` UTC`/` GMT` (or a `Z` after a bare clock), and whether it had one.
pub(super) fn split_utc(time: &str) -> (&str, bool) {
    let lower = time.to_ascii_lowercase();
    if lower.ends_with(" utc") || lower.ends_with(" gmt") {
        return (time[..time.len() - 4].trim_end(), true);
    }
    if let Some(clock) = time.strip_suffix(['Z', 'z'])
        && parse_clock(clock).is_some()
    {
        return (clock, true);
    }
    (time, false)
}

/// The date a line consists of (`2024-11-07`, `**2024-11-07**:`, `### 2024-11-07`), if any.
pub(super) fn date_line(line: &str) -> Option<Date> {
    let text = unwrap(line.trim().trim_start_matches('#').trim()).trim_end_matches(':');
    parse_date(unwrap(text)).ok()
}

/// `text` without surrounding emphasis or code markers (`**12:10**` → `12:10`).
pub(super) fn unwrap(text: &str) -> &str {
    let mut text = text.trim();
    loop {
        let before = text;
        for marker in ["**", "__", "`", "*", "_"] {
            if text.len() > 2 * marker.len()
                && let Some(inner) = text
                    .strip_prefix(marker)
                    .and_then(|t| t.strip_suffix(marker))
            {
                text = inner.trim();
            }
        }
        if text == before {
            return text;
        }
    }
}

/// Seconds since midnight.
pub(super) fn seconds(time: Time) -> i32 {
    i32::from(time.hour()) * 3600 + i32::from(time.minute()) * 60 + i32::from(time.second())
}

/// Where `inner`, a slice of `outer`, starts in it.
pub(super) fn offset_in(outer: &str, inner: &str) -> usize {
    (inner.as_ptr() as usize)
        .saturating_sub(outer.as_ptr() as usize)
        .min(outer.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leading_time_finds_the_time_and_the_text() {
        fn split(own: &str) -> Option<(&str, &str)> {
            leading_time(own).map(|(t, rest)| (&own[t], &own[rest..]))
        }
        assert_eq!(split("12:10 – Alert"), Some(("12:10", "Alert")));
        assert_eq!(split("12:10:30 Alert"), Some(("12:10:30", "Alert")));
        assert_eq!(split("12.10 Alert"), Some(("12.10", "Alert")));
        assert_eq!(split("**12:10** – Alert"), Some(("12:10", "Alert")));
        assert_eq!(
            split("2024-11-07 12:10 UTC: Alert"),
            Some(("2024-11-07 12:10 UTC", "Alert"))
        );
        assert_eq!(split("Alert at 12:10"), None);
        assert_eq!(split("**Note**: read this"), None);
        assert_eq!(split("[OPS-1](https://x) done"), None);
    }
}
