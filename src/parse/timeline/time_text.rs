//! How times are written at the start of timeline list items and in cells: `12:10 –`,
//! `**12:10**:`, `2024-11-07 12:10 UTC`, and placeholders such as `14:??` or `TBD`.

use std::ops::Range;

use jiff::civil::{Date, Time};

use crate::util::time::{has_offset, parse_clock, parse_date};

/// [`parse_clock`] of `text`, told at once when `text` cannot be a clock: longer than
/// `HH:MM:SS`, or holding anything but digits, `:` and `.` (a date, a date and a time, words).
pub(super) fn as_clock(text: &str) -> Option<Time> {
    let text = text.trim();
    let may_be = text.len() <= "HH:MM:SS".len()
        && (text.bytes()).all(|b| b.is_ascii_digit() || b == b':' || b == b'.');
    may_be.then(|| parse_clock(text)).flatten()
}

/// [`parse_date`] of `text` when it reads as a date, told at once (without the message of why
/// not) when `text` is not shaped as one: ten bytes with dashes after the year and the month.
pub(super) fn as_date(text: &str) -> Option<Date> {
    let text = text.trim();
    let shaped = text.len() == "YYYY-MM-DD".len()
        && text.as_bytes()[4] == b'-'
        && text.as_bytes()[7] == b'-';
    shaped.then(|| parse_date(text).ok()).flatten()
}

/// Words that are not times but stand where a time should be.
const PLACEHOLDERS: &[&str] = &[
    "tbd", "tba", "tbc", "?", "??", "???", "n/a", "ukjent", "unknown", "xx:xx", "--:--",
];

/// Words written before a time that are not part of it (`kl. 10:05`, `ca. 10:05`, `~ 10:05`).
const APPROXIMATE: &[&str] = &[
    "kl.", "kl", "ca.", "ca", "approx.", "approx", "circa", "~", "≈",
];

/// The time a writer means by `text`: without a leading `kl.`, `ca.` or `~`, and the start of a
/// range (`10:05–10:10` → `10:05`). Only for text that does not read as a time as it is.
pub(super) fn core_time(text: &str) -> &str {
    split_range(text).0
}

/// [`core_time`] and the end of the range `text` is, if it is one (`10:05–10:10` → `10:10`): a
/// clock time after a dash.
pub(super) fn split_range(text: &str) -> (&str, Option<&str>) {
    let mut text = text.trim().trim_start_matches(['~', '≈']).trim_start();
    if let Some((word, rest)) = text.split_once(char::is_whitespace)
        && APPROXIMATE.iter().any(|w| word.eq_ignore_ascii_case(w))
    {
        text = rest.trim_start();
    }
    for (at, dash) in text
        .char_indices()
        .rev()
        .filter(|(_, c)| matches!(c, '–' | '—' | '-'))
    {
        let start = text[..at].trim_end();
        let end = text[at + dash.len_utf8()..].trim();
        if as_clock(end).is_some() && !start.is_empty() {
            return (start, Some(end));
        }
    }
    (text, None)
}

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
    let mut start = 0;
    let mut end = trimmed_end(0, word_end(0));
    if APPROXIMATE
        .iter()
        .any(|w| own[..end].eq_ignore_ascii_case(w))
    {
        start = next_word(end);
        end = trimmed_end(start, word_end(start));
    }
    let first = &own[start..end];
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
    // The end of a range: `10:05 – 10:10`, `10:05–10:10`.
    let dash = next_word(end);
    if let Some(rest) = own[dash..].strip_prefix(['–', '—', '-']) {
        let until = next_word(own.len() - rest.len());
        let until_end = trimmed_end(until, word_end(until));
        if as_clock(&own[until..until_end]).is_some() {
            end = until_end;
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
    looks_like_time(core_time(core)).then(|| (0..end, skip_separator(own, end)))
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
    let last = time.len().checked_sub(4).map(|at| &time.as_bytes()[at..]);
    if last.is_some_and(|last| {
        last.eq_ignore_ascii_case(b" utc") || last.eq_ignore_ascii_case(b" gmt")
    }) {
        return (time[..time.len() - 4].trim_end(), true);
    }
    if let Some(clock) = time.strip_suffix(['Z', 'z'])
        && as_clock(clock).is_some()
    {
        return (clock, true);
    }
    (time, false)
}

/// Whether `time` carries its own offset (`12:10Z`, `… UTC`, `2024-07-01T10:00+02:00`), so the
/// zone of the timeline around it does not apply.
pub(super) fn own_offset(time: &str) -> bool {
    let core = core_time(time);
    split_utc(core).1 || has_offset(core)
}

/// The date a line consists of (`2024-11-07`, `**2024-11-07**:`, `### 2024-11-07`), if any.
pub(super) fn date_line(line: &str) -> Option<Date> {
    let text = unwrap(line.trim().trim_start_matches('#').trim()).trim_end_matches(':');
    as_date(unwrap(text))
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

    fn split(own: &str) -> Option<(&str, &str)> {
        leading_time(own).map(|(t, rest)| (&own[t], &own[rest..]))
    }

    #[test]
    fn leading_time_finds_the_time_and_the_text() {
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

    #[test]
    fn ranges_and_approximations_in_leading_times() {
        assert_eq!(split("10:05–10:10 window"), Some(("10:05–10:10", "window")));
        assert_eq!(
            split("10:05 - 10:10: window"),
            Some(("10:05 - 10:10", "window"))
        );
        assert_eq!(
            split("10:05 - 10 engineers join"),
            Some(("10:05", "10 engineers join"))
        );
        assert_eq!(split("Kl. 10:05: Varsel"), Some(("Kl. 10:05", "Varsel")));
        assert_eq!(split("~10:05 roughly"), Some(("~10:05", "roughly")));
        assert_eq!(split("Kl. ni var alt nede"), None);
    }

    #[test]
    fn core_time_strips_approximations_and_range_ends() {
        assert_eq!(core_time("10:05–10:10"), "10:05");
        assert_eq!(core_time("2024-01-16 10:05-10:10"), "2024-01-16 10:05");
        assert_eq!(core_time("ca. 10:05"), "10:05");
        assert_eq!(core_time("≈ 10:05"), "10:05");
        assert_eq!(core_time("2024-01-16"), "2024-01-16");
        assert_eq!(core_time("TBD"), "TBD");
        assert_eq!(
            split_range("2020-10-06 09:00 - 11:00"),
            ("2020-10-06 09:00", Some("11:00"))
        );
        assert_eq!(split_range("10:05"), ("10:05", None));
    }

    #[test]
    fn placeholders_and_times_look_like_times() {
        for text in [
            "12:10",
            "14:??",
            "HH:mm",
            "TBD",
            "2024-11-07T08:00:00Z",
            "xx:xx",
        ] {
            assert!(looks_like_time(text), "{text}");
        }
        for text in ["Alert", "The", "-", "Z", "Kl."] {
            assert!(!looks_like_time(text), "{text}");
        }
    }

    #[test]
    fn unwrap_and_date_lines() {
        assert_eq!(unwrap("**`12:10`**"), "12:10");
        assert_eq!(unwrap("*"), "*");
        assert_eq!(
            date_line("### 2024-11-07"),
            Some(jiff::civil::date(2024, 11, 7))
        );
        assert_eq!(
            date_line("**2024-11-07**:"),
            Some(jiff::civil::date(2024, 11, 7))
        );
        assert_eq!(date_line("2024-11-07 was a Thursday"), None);
        assert_eq!(split_utc("12:10Z"), ("12:10", true));
        assert_eq!(split_utc("12:10 utc"), ("12:10", true));
        assert_eq!(split_utc("2024-11-07T12:10Z"), ("2024-11-07T12:10Z", false));
    }

    proptest::proptest! {
        #[test]
        fn clocks_and_dates_told_at_once_are_those_the_parsers_read(
            text in "[ 0-9:.\\-a]{0,12}"
        ) {
            proptest::prop_assert_eq!(as_clock(&text), parse_clock(&text));
            proptest::prop_assert_eq!(as_date(&text), parse_date(&text).ok());
        }
    }
}
