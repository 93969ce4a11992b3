//! `actions.csv`: RFC 4180 (CRLF, quoted where needed), a header row, the JSON's fields flattened.
//!
//! Its cells come from untrusted text, and spreadsheets run a cell that starts like a formula, so
//! such a cell is written with a leading `'`; control characters other than tab and line breaks
//! are left out.

use super::Record;

/// The header row's columns.
pub const COLUMNS: &[&str] = &[
    "id",
    "title",
    "status",
    "owner",
    "due",
    "priority",
    "kind",
    "ticket",
    "ticket_url",
    "completed",
    "overdue",
    "days_overdue",
    "incident_id",
    "incident_title",
    "incident_slug",
    "incident_url",
];

/// The CSV text.
pub fn to_csv(records: &[Record]) -> String {
    let mut out = String::with_capacity(records.len() * 448);
    line(&mut out, COLUMNS);
    for r in records {
        let days = r.days_overdue.map(|d| d.to_string());
        line(
            &mut out,
            &[
                &r.id,
                &r.title,
                r.status.as_str(),
                opt(&r.owner),
                opt(&r.due),
                r.priority.unwrap_or_default(),
                r.kind.unwrap_or_default(),
                opt(&r.ticket),
                opt(&r.ticket_url),
                opt(&r.completed),
                if r.overdue { "true" } else { "false" },
                days.as_deref().unwrap_or_default(),
                &r.incident.id,
                &r.incident.title,
                &r.incident.slug,
                &r.incident.url,
            ],
        );
    }
    out
}

/// The text of an optional field: empty when absent.
fn opt(value: &Option<String>) -> &str {
    value.as_deref().unwrap_or_default()
}

fn line(out: &mut String, fields: &[&str]) {
    for (i, field) in fields.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        push_cell(out, field);
    }
    out.push_str("\r\n");
}

/// Appends [`cell`]`(field)` to `out`, as it is when nothing in it needs changing (no control
/// character, no formula start, nothing to quote).
fn push_cell(out: &mut String, field: &str) {
    let as_is = !field.starts_with(FORMULA_STARTS)
        && (super::has_none_of(field, &SPECIAL)
            || !field
                .chars()
                .any(|c| c.is_control() || matches!(c, ',' | '"')));
    if as_is {
        out.push_str(field);
    } else {
        out.push_str(&cell(field));
    }
}

/// The bytes a cell is quoted for, besides control characters.
static SPECIAL: super::Special = super::Special::new(b",\"");

/// The characters a spreadsheet reads as the start of a formula (or, tab and CR, skips before one).
const FORMULA_STARTS: &[char] = &['=', '+', '-', '@', '\t', '\r'];

/// A field as written in the file: control characters other than tab and line breaks left out,
/// `'` put before a field that would start a formula (`=HYPERLINK(…)` → `'=HYPERLINK(…)`), then
/// [`quote`]d.
pub fn cell(field: &str) -> String {
    let clean: String = field
        .chars()
        .filter(|c| !c.is_control() || matches!(c, '\t' | '\n' | '\r'))
        .collect();
    if clean.starts_with(FORMULA_STARTS) {
        quote(&format!("'{clean}"))
    } else {
        quote(&clean)
    }
}

/// A field, quoted when it holds a comma, a quote or a line break (quotes doubled).
pub fn quote(field: &str) -> String {
    if field.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", field.replace('"', "\"\""))
    } else {
        field.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::{cell, push_cell, quote};

    #[test]
    fn a_cell_appended_in_place_is_the_cell() {
        let pieces = [
            "", "a", "=", "+", "-", "@", "\t", "\r", "\n", ",", "\"", "'", "\u{0}", "\u{1b}",
            "\u{7f}", "\u{85}", "é", "x y", "1",
        ];
        // Every field of up to three pieces.
        for a in pieces {
            for b in pieces {
                for c in pieces {
                    let field = format!("{a}{b}{c}");
                    let mut out = String::from("before,");
                    push_cell(&mut out, &field);
                    assert_eq!(out, format!("before,{}", cell(&field)), "{field:?}");
                }
            }
        }
    }

    #[test]
    fn fields_are_quoted_only_when_needed() {
        assert_eq!(quote("plain"), "plain");
        assert_eq!(quote("a, b"), "\"a, b\"");
        assert_eq!(quote("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(quote("two\nlines"), "\"two\nlines\"");
    }

    #[test]
    fn fields_that_would_start_a_formula_are_written_as_text() {
        assert_eq!(cell("=1+1"), "'=1+1");
        assert_eq!(cell("+47 555 00 000"), "'+47 555 00 000");
        assert_eq!(cell("-2"), "'-2");
        assert_eq!(cell("@SUM(A1:A9)"), "'@SUM(A1:A9)");
        assert_eq!(cell("\t=1"), "'\t=1");
        assert_eq!(cell("\r=1"), "\"'\r=1\"");
        assert_eq!(
            cell("=HYPERLINK(\"https://x.example\",\"y\")"),
            "\"'=HYPERLINK(\"\"https://x.example\"\",\"\"y\"\")\""
        );
        assert_eq!(cell("a=1, b-2"), "\"a=1, b-2\"");
        assert_eq!(cell("2025-05-01"), "2025-05-01");
    }

    #[test]
    fn control_characters_are_left_out_but_tabs_and_line_breaks_kept() {
        assert_eq!(cell("a\0b\u{1}c\u{7f}d"), "abcd");
        assert_eq!(cell("a\tb"), "a\tb");
        assert_eq!(cell("two\r\nlines"), "\"two\r\nlines\"");
        assert_eq!(cell("\0=1"), "'=1");
    }
}
