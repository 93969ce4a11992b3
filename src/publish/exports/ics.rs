//! `actions.ics`: an RFC 5545 calendar with one all-day event per open action that has a due date,
//! so a team can subscribe to its remediation deadlines.

use jiff::civil::Date;

use super::Record;

/// The calendar text (CRLF lines, folded at 75 octets, text escaped).
pub fn to_ics(records: &[Record], calendar_name: &str, host: &str, now: Date) -> String {
    let mut out = String::new();
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
    push(&mut out, &format!("X-WR-CALNAME:{}", escape(calendar_name)));
    for r in records.iter().filter(|r| r.status.is_open()) {
        // `due` is written by `records` from a date, so every due date reads back.
        let Some(day) = r.due.as_deref().and_then(|due| due.parse::<Date>().ok()) else {
            continue;
        };
        push(&mut out, "BEGIN:VEVENT");
        push(&mut out, &format!("UID:{}@{}", escape(&r.id), host));
        push(&mut out, &format!("DTSTAMP:{stamp}"));
        push(&mut out, &format!("DTSTART;VALUE=DATE:{}", compact(day)));
        // A date-only event without DTEND lasts that one day (RFC 5545 §3.6.1), which is how an
        // action due 9999-12-31, with no next day to end on, stays in the calendar.
        if let Ok(next) = day.tomorrow() {
            push(&mut out, &format!("DTEND;VALUE=DATE:{}", compact(next)));
        }
        push(&mut out, &format!("SUMMARY:{}", escape(&r.title)));
        let mut description = format!("{} · {}", r.incident.title, r.status.as_str());
        if let Some(owner) = &r.owner {
            description.push_str(&format!(" · {owner}"));
        }
        if let Some(ticket) = r.ticket_url.as_ref().or(r.ticket.as_ref()) {
            description.push_str(&format!("\n{ticket}"));
        }
        push(&mut out, &format!("DESCRIPTION:{}", escape(&description)));
        push(&mut out, &format!("URL:{}", r.incident.url));
        if r.overdue {
            push(&mut out, "CATEGORIES:OVERDUE");
        }
        push(&mut out, "END:VEVENT");
    }
    push(&mut out, "END:VCALENDAR");
    out
}

fn compact(date: Date) -> String {
    date.strftime("%Y%m%d").to_string()
}

/// TEXT escaping of RFC 5545 §3.3.11: backslash, semicolon, comma, newline; the control
/// characters TEXT may not hold (all but tab) are left out.
pub fn escape(text: &str) -> String {
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
    fn text_is_escaped() {
        assert_eq!(escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
    }

    #[test]
    fn control_characters_are_left_out_but_tabs_kept() {
        assert_eq!(escape("a\0b\u{7}c\r\u{7f}d\te"), "abcd\te");
    }
}
