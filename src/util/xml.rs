//! Text for XML and HTML: escaped (for the feed, the sitemap and the charts made by hand, and for
//! every value a template prints), and without the control characters neither allows; and the
//! RFC 3339 times the feed and the JSON files carry, always with four-digit years.

/// `text` escaped for XML and HTML text and attribute values (single- or double-quoted), without
/// the control characters but tab and line breaks. Runs of bytes that need nothing are copied at
/// once: every value a template prints comes through here.
pub fn escape(text: &str) -> String {
    escaped(text).into_owned()
}

/// [`escape`], borrowing `text` when it needs nothing (as most values a template prints), so
/// the caller copies it only where it goes.
pub fn escaped(text: &str) -> std::borrow::Cow<'_, str> {
    let bytes = text.as_bytes();
    let Some(first) = first_special_run(bytes) else {
        return text.into();
    };
    let mut out = String::with_capacity(text.len() + 16);
    let mut copied = 0;
    let mut at = first;
    while at < bytes.len() {
        let (replacement, len) = match bytes[at] {
            b'&' => ("&amp;", 1),
            b'<' => ("&lt;", 1),
            b'>' => ("&gt;", 1),
            b'"' => ("&quot;", 1),
            b'\'' => ("&#x27;", 1),
            b'\t' | b'\n' | b'\r' => {
                at += 1;
                continue;
            }
            0..=0x1f | 0x7f => ("", 1),
            // U+0080 to U+009F, the C1 controls.
            0xc2 if bytes.get(at + 1).is_some_and(|b| (0x80..=0x9f).contains(b)) => ("", 2),
            _ => {
                at += 1;
                continue;
            }
        };
        out.push_str(&text[copied..at]);
        out.push_str(replacement);
        at += len;
        copied = at;
    }
    out.push_str(&text[copied..]);
    out.into()
}

/// Bytes looked at together for one that needs escaping: a machine word.
const RUN: usize = 8;
/// A word with each byte 1.
const ONES: u64 = u64::from_ne_bytes([0x01; RUN]);
/// A word with each byte's top bit set.
const TOPS: u64 = u64::from_ne_bytes([0x80; RUN]);

/// Where the first run of [`RUN`] bytes of `bytes` that holds one that may need escaping or
/// leaving out starts, or the last run (which may overlap the one before). Most values (titles,
/// names, dates) need nothing, and are short: each run is looked at as one word.
fn first_special_run(bytes: &[u8]) -> Option<usize> {
    let (runs, rest) = bytes.as_chunks::<RUN>();
    if let Some(run) = runs.iter().position(|run| any_special(*run)) {
        return Some(run * RUN);
    }
    if rest.is_empty() {
        return None;
    }
    let last = bytes.last_chunk::<RUN>().copied().unwrap_or_else(|| {
        let mut padded = [b' '; RUN];
        padded[..rest.len()].copy_from_slice(rest);
        padded
    });
    any_special(last).then_some(bytes.len().saturating_sub(RUN))
}

/// Whether one byte of `run` may need escaping or leaving out: markup (`&<>"'`), a control (tab
/// and line breaks too, which are kept), or the lead byte of a C1 control (0xc2, which other
/// characters share). All eight bytes are looked at at once: `below` sets a byte's top bit where
/// it is below `n` (and maybe in the bytes above one that is, which only repeats what that one
/// says), `equal` where it is `b`.
fn any_special(run: [u8; RUN]) -> bool {
    let word = u64::from_ne_bytes(run);
    let below = |bytes: u64, n: u8| bytes.wrapping_sub(ONES * u64::from(n)) & !bytes;
    let equal = |bytes: u64, b: u8| below(bytes ^ (ONES * u64::from(b)), 1);
    let found = equal(word | ONES, b'\'') // `&` and `'`
        | equal(word | (ONES * 2), b'>') // `<` and `>`
        | equal(word, b'"')
        | equal(word, 0xc2)
        | equal(word, 0x7f)
        | below(word, 0x20);
    found & TOPS != 0
}

/// Whether a byte may need escaping or leaving out: markup, a control (tab and line breaks too,
/// which are kept), or the lead byte of a C1 control (which other characters share). What
/// [`any_special`] finds in a whole run at once.
#[cfg(test)]
fn special(b: u8) -> bool {
    matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'' | 0xc2) || b < 0x20 || b == 0x7f
}

/// The first instant RFC 3339 can write: its years have four digits.
const EARLIEST: &str = "0000-01-01T00:00:00Z";
/// [`EARLIEST`] in seconds from the Unix epoch.
const EARLIEST_SECOND: i64 = -62_167_219_200;
/// `instant` in UTC as RFC 3339 (`2024-11-07T08:00:00Z`), held to the years RFC 3339 can write:
/// `0000-01-01` in a zone east of UTC began in year -1, which is written as [`EARLIEST`]. (The
/// latest instant jiff has, `9999-12-30T22:00:00Z`, is inside year 9999.)
pub fn rfc3339_utc(instant: jiff::Timestamp) -> String {
    if instant.as_second() < EARLIEST_SECOND {
        EARLIEST.to_string()
    } else {
        instant.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
    }
}

/// The start of `date` in UTC, as RFC 3339 (`2024-11-07T00:00:00Z`), held to the years RFC 3339
/// can write.
pub fn midnight_utc(date: jiff::civil::Date) -> String {
    if date.year() < 0 {
        EARLIEST.to_string()
    } else {
        format!("{}T00:00:00Z", date.strftime("%Y-%m-%d"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn escaping_replaces_markup_and_drops_controls_char_by_char(
            text in "([a-z ]|[&<>\"'\t\n\r]|\\p{Cc}|\u{a0}|é|日){0,100}"
        ) {
            let mut expected = String::new();
            for c in text.chars() {
                match c {
                    '&' => expected.push_str("&amp;"),
                    '<' => expected.push_str("&lt;"),
                    '>' => expected.push_str("&gt;"),
                    '"' => expected.push_str("&quot;"),
                    '\'' => expected.push_str("&#x27;"),
                    '\t' | '\n' | '\r' => expected.push(c),
                    c if c.is_control() => {}
                    c => expected.push(c),
                }
            }
            prop_assert_eq!(escape(&text), expected);
        }
    }

    #[test]
    fn a_run_needs_escaping_where_one_of_its_bytes_does() {
        for b in 0..=u8::MAX {
            for place in 0..RUN {
                for around in [b' ', 0x80, 0xff] {
                    let mut run = [around; RUN];
                    run[place] = b;
                    assert_eq!(
                        any_special(run),
                        special(b) || special(around),
                        "{b} at {place}"
                    );
                }
            }
        }
    }

    #[test]
    fn text_that_needs_nothing_is_lent_not_copied() {
        let plain = "Database failover, 7 November 2024 08:00 CET".repeat(3);
        assert!(matches!(escaped(&plain), std::borrow::Cow::Borrowed(_)));
        assert_eq!(escaped(&format!("{plain}&")), format!("{plain}&amp;"));
    }

    #[test]
    fn markup_is_escaped_and_control_characters_dropped() {
        assert_eq!(
            escape("a < b & \"c\"\u{1}\u{7f}\n"),
            "a &lt; b &amp; &quot;c&quot;\n"
        );
        assert_eq!(escape("it's"), "it&#x27;s");
        let long = "x".repeat(70);
        assert_eq!(
            escape(&format!("{long}<{long}")),
            format!("{long}&lt;{long}")
        );
        assert_eq!(escape(&long), long);
        assert_eq!(
            midnight_utc(jiff::civil::date(2024, 11, 7)),
            "2024-11-07T00:00:00Z"
        );
    }

    #[test]
    fn rfc_3339_times_keep_to_four_digit_years() {
        use jiff::Timestamp;
        let at = |s: &str| s.parse::<Timestamp>().unwrap();
        assert_eq!(
            rfc3339_utc(at("2024-11-07T08:00:00+01:00")),
            "2024-11-07T07:00:00Z"
        );
        assert_eq!(rfc3339_utc(at("0000-01-01T00:00:00Z")), EARLIEST);
        assert_eq!(rfc3339_utc(at("0000-01-01T00:00:00+01:00")), EARLIEST);
        assert_eq!(rfc3339_utc(Timestamp::MIN), EARLIEST);
        assert_eq!(rfc3339_utc(Timestamp::MAX), "9999-12-30T22:00:00Z");
        assert_eq!(midnight_utc(jiff::civil::date(0, 1, 1)), EARLIEST);
        assert_eq!(midnight_utc(jiff::civil::date(-1, 12, 31)), EARLIEST);
        assert_eq!(
            midnight_utc(jiff::civil::date(9999, 12, 31)),
            "9999-12-31T00:00:00Z"
        );
    }
}
