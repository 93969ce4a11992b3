//! `actions.ics`: an RFC 5545 calendar with one all-day event per open action that has a due date,
//! so a team can subscribe to its remediation deadlines.

use std::borrow::Cow;

use jiff::civil::Date;

use super::Record;

/// The calendar text (CRLF lines, folded at 75 octets, text escaped).
pub fn to_ics(records: &[Record], calendar_name: &str, host: &str, now: Date) -> String {
    let mut out = String::with_capacity(256 + records.len() * 136);
    let stamp = format!("{}T000000Z", compact(now));
    for line in [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//debrief//action items//EN",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
    ] {
        push(&mut out, line);
    }
    // Each content line is put together in `line`, made once for all of them.
    let mut line = String::new();
    let mut put = |out: &mut String, parts: &[&str]| {
        line.clear();
        parts.iter().for_each(|part| line.push_str(part));
        push(out, &line);
    };
    put(&mut out, &["X-WR-CALNAME:", &escape(calendar_name)]);
    let mut description = String::new();
    for r in records.iter().filter(|r| r.status.is_open()) {
        // `due` is written by `records` from a date, so every due date reads back.
        let Some(day) = r.due.as_deref().and_then(|due| due.parse::<Date>().ok()) else {
            continue;
        };
        push(&mut out, "BEGIN:VEVENT");
        put(&mut out, &["UID:", &escape(&r.id), "@", host]);
        put(&mut out, &["DTSTAMP:", &stamp]);
        put(&mut out, &["DTSTART;VALUE=DATE:", &compact(day)]);
        // A date-only event without DTEND lasts that one day (RFC 5545 §3.6.1), which is how an
        // action due 9999-12-31, with no next day to end on, stays in the calendar.
        if let Ok(next) = day.tomorrow() {
            put(&mut out, &["DTEND;VALUE=DATE:", &compact(next)]);
        }
        put(&mut out, &["SUMMARY:", &escape(&r.title)]);
        description.clear();
        for part in [&r.incident.title, " · ", r.status.as_str()] {
            description.push_str(part);
        }
        if let Some(owner) = &r.owner {
            description.push_str(" · ");
            description.push_str(owner);
        }
        if let Some(ticket) = r.ticket_url.as_ref().or(r.ticket.as_ref()) {
            description.push('\n');
            description.push_str(ticket);
        }
        put(&mut out, &["DESCRIPTION:", &escape(&description)]);
        put(&mut out, &["URL:", &r.incident.url]);
        if r.overdue {
            push(&mut out, "CATEGORIES:OVERDUE");
        }
        push(&mut out, "END:VEVENT");
    }
    push(&mut out, "END:VCALENDAR");
    out
}

/// `date` as `YYYYMMDD`.
fn compact(date: Date) -> String {
    // Years of four digits are written directly; others as `strftime` writes them.
    if (1000..=9999).contains(&date.year()) {
        let mut text = String::with_capacity(8);
        let (year, month, day) = (date.year().unsigned_abs(), date.month(), date.day());
        for digit in [
            year / 1000,
            year / 100 % 10,
            year / 10 % 10,
            year % 10,
            (month / 10).unsigned_abs().into(),
            (month % 10).unsigned_abs().into(),
            (day / 10).unsigned_abs().into(),
            (day % 10).unsigned_abs().into(),
        ] {
            text.push(char::from(b'0' + u8::try_from(digit).unwrap_or_default()));
        }
        return text;
    }
    date.strftime("%Y%m%d").to_string()
}

/// TEXT escaping of RFC 5545 §3.3.11: backslash, semicolon, comma, newline; the control
/// characters TEXT may not hold (all but tab) are left out. Text with none of them is borrowed.
pub fn escape(text: &str) -> Cow<'_, str> {
    if super::has_none_of(text, &SPECIAL) {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(escape_each(text))
    }
}

/// The bytes TEXT escapes, besides control characters.
static SPECIAL: super::Special = super::Special::new(b"\\;,");

/// [`escape`], character by character.
fn escape_each(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends a content line, folded so no line exceeds 75 octets (never inside a UTF-8 character).
pub fn push(out: &mut String, line: &str) {
    // A line that fits is never folded.
    if line.len() <= 75 {
        out.push_str(line);
        out.push_str("\r\n");
        return;
    }
    // Each piece as long as fits before the next character: 75 octets, then 74 after the space
    // that starts a continued line.
    let (mut rest, mut room) = (line, 75);
    while rest.len() > room {
        let mut cut = room;
        while !rest.is_char_boundary(cut) {
            cut -= 1;
        }
        out.push_str(&rest[..cut]);
        out.push_str("\r\n ");
        rest = &rest[cut..];
        room = 74;
    }
    out.push_str(rest);
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_characters() {
        let mut out = String::new();
        push(&mut out, &format!("SUMMARY:{}", "ø".repeat(60)));
        for line in out.split("\r\n").filter(|l| !l.is_empty()) {
            assert!(line.len() <= 75, "{} octets: {line}", line.len());
        }
        let unfolded = out.replace("\r\n ", "");
        assert_eq!(unfolded, format!("SUMMARY:{}\r\n", "ø".repeat(60)));
    }

    #[test]
    fn text_that_needs_no_escaping_is_kept_as_it_is() {
        let pieces = [
            "", "a", "é", "£", "\\", ";", ",", "\n", "\t", "\r", "\u{0}", "\u{7f}", "\u{85}", "·",
        ];
        for a in pieces {
            for b in pieces {
                let text = format!("{a}x{b}y");
                assert_eq!(escape(&text), escape_each(&text), "{text:?}");
            }
        }
    }

    /// [`push`] for a long line, character by character.
    fn push_each(out: &mut String, line: &str) {
        let mut width = 0;
        for c in line.chars() {
            let len = c.len_utf8();
            if width + len > 75 {
                out.push_str("\r\n ");
                width = 1;
            }
            out.push(c);
            width += len;
        }
        out.push_str("\r\n");
    }

    proptest::proptest! {
        #[test]
        fn lines_fold_where_they_would_character_by_character(line in "[aø€😀]{0,200}") {
            let (mut fast, mut slow) = (String::new(), String::new());
            push(&mut fast, &line);
            push_each(&mut slow, &line);
            proptest::prop_assert_eq!(fast, slow);
        }
    }

    #[test]
    fn short_lines_are_pushed_as_they_are_and_long_ones_folded() {
        for n in [0, 1, 74, 75, 76, 150] {
            for c in ["a", "ø", "€"] {
                let line = c.repeat(n);
                let mut out = String::new();
                push(&mut out, &line);
                assert_eq!(out.replace("\r\n ", ""), format!("{line}\r\n"));
                assert!(out.split("\r\n").all(|l| l.len() <= 75), "{out:?}");
                assert_eq!(out.contains("\r\n "), line.len() > 75);
            }
        }
    }

    #[test]
    fn dates_are_written_as_strftime_writes_them() {
        for (y, m, d) in [
            (2026, 1, 9),
            (1000, 12, 31),
            (9999, 12, 31),
            (999, 3, 4),
            (1, 1, 1),
        ] {
            let date = Date::new(y, m, d).unwrap();
            assert_eq!(compact(date), date.strftime("%Y%m%d").to_string());
        }
        assert_eq!(compact(Date::new(2026, 11, 20).unwrap()), "20261120");
    }

    #[test]
    fn text_is_escaped() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn control_characters_are_left_out_but_tabs_kept() {
        assert_eq!(escape("a\0b\u{7}c\r\u{7f}d\te"), "abcd\te");
    }
}
