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
    // Most values (titles, names, dates) need nothing: found in whole chunks, without an early
    // exit per byte, which the compiler turns into vector instructions.
    let Some(first) = bytes
        .chunks(32)
        .position(|chunk| chunk.iter().fold(false, |found, &b| found | special(b)))
        .map(|chunk| chunk * 32)
    else {
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

/// Whether a byte may need escaping or leaving out: markup, a control (tab and line breaks too,
/// which are kept), or the lead byte of a C1 control (which other characters share).
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
