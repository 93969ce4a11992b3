//! The action list for other tools: JSON for scripts, CSV for spreadsheets, iCalendar for calendars.
//!
//! All three are made from the same [`Record`]s, so they always agree.

pub mod csv;
pub mod ics;
pub mod json;

use serde::Serialize;

use crate::model::action::ActionStatus;
use crate::parse::markdown;
use crate::site::Site;
use crate::site::tracker::Row;
use crate::util::base_url::BaseUrl;

/// The incident an action belongs to.
#[derive(Clone, Debug, Serialize)]
pub struct IncidentRef {
    /// Its id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its slug.
    pub slug: String,
    /// The absolute URL of its page.
    pub url: String,
}

/// One action as exported: absent values are `null`, never omitted.
#[derive(Clone, Debug, Serialize)]
pub struct Record {
    /// The action's id.
    pub id: String,
    /// What is to be done, as plain text.
    pub title: String,
    /// Where it stands.
    pub status: ActionStatus,
    /// Who owns it.
    pub owner: Option<String>,
    /// Its due date, `YYYY-MM-DD`.
    pub due: Option<String>,
    /// `high`, `medium` or `low`.
    pub priority: Option<&'static str>,
    /// `mitigate`, `prevent`, `detect`, `process` or `other`.
    pub kind: Option<&'static str>,
    /// The ticket as written (URL or key).
    pub ticket: Option<String>,
    /// Where the ticket is: the URL, or the key through `ticket_url`.
    pub ticket_url: Option<String>,
    /// When it was finished, `YYYY-MM-DD`.
    pub completed: Option<String>,
    /// Open and past its due date.
    pub overdue: bool,
    /// Days past due, when overdue.
    pub days_overdue: Option<i32>,
    /// The incident it belongs to.
    pub incident: IncidentRef,
}

/// The bytes that keep a text from being written as it is in one format: the control characters
/// (below U+0020, U+007F, and `C2`, the first byte of U+0080 to U+009F) and the format's own.
pub(crate) struct Special([u8; 256]);

impl Special {
    /// The control characters and the bytes of `special`.
    pub(crate) const fn new(special: &[u8]) -> Special {
        let mut table = [0u8; 256];
        let mut b = 0;
        while b < 0x20 {
            table[b] = 1;
            b += 1;
        }
        table[0x7f] = 1;
        table[0xc2] = 1;
        let mut i = 0;
        while i < special.len() {
            table[special[i] as usize] = 1;
            i += 1;
        }
        Special(table)
    }
}

/// Whether `text` holds none of the bytes of `special` (so no control character either): when it
/// does, the exports write it as it is. Checked byte by byte, so it may answer `false` for text
/// that holds neither (any character from U+0080 to U+00BF), never `true` for text that does.
pub(crate) fn has_none_of(text: &str, special: &Special) -> bool {
    // Sixteen bytes at a time, each looked up without a branch: fields are short and mostly plain.
    text.as_bytes().chunks(16).all(|chunk| {
        chunk
            .iter()
            .fold(0, |found, &b| found | special.0[usize::from(b)])
            == 0
    })
}

/// The exported form of `rows`.
pub fn records(site: &Site, rows: &[Row<'_>], base: &BaseUrl) -> Vec<Record> {
    let ticket_url = site.config.actions.ticket_url.as_deref();
    rows.iter()
        .map(|row| {
            let action = row.action;
            let incident = row.incident;
            let ticket = action
                .ticket
                .as_deref()
                .map(|t| crate::site::ticket::ticket(t, ticket_url));
            Record {
                id: action.id.clone(),
                title: markdown::plain_text(&action.title).trim().to_string(),
                status: action.status,
                owner: action.owner.clone(),
                due: action.due.map(|d| d.to_string()),
                priority: action.priority.map(|p| p.as_str()),
                kind: action.kind.map(|k| k.as_str()),
                ticket: action.ticket.clone(),
                ticket_url: ticket.and_then(|t| t.url),
                completed: action.completed.map(|d| d.to_string()),
                overdue: row.overdue(),
                days_overdue: row.days_overdue,
                incident: IncidentRef {
                    id: incident.id.value.clone(),
                    title: incident.title.clone(),
                    slug: incident.slug.value.clone(),
                    url: base.absolute(&incident.page_path()),
                },
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::{Special, has_none_of};

    /// What [`has_none_of`] answers, byte by byte without a table.
    fn has_none_of_slowly(text: &str, special: &[u8]) -> bool {
        !text
            .bytes()
            .any(|b| b < 0x20 || b == 0x7f || b == 0xc2 || special.contains(&b))
    }

    proptest! {
        #[test]
        fn the_table_answers_as_the_bytes_do(
            text in "(\\PC|[\\x00-\\x1f\\x7f\\u{80}-\\u{a0},;\"\\\\]){0,40}",
            special in prop::sample::select(vec![&b""[..], b",", b",\"", b"\\;,", b";"]),
        ) {
            prop_assert_eq!(
                has_none_of(&text, &Special::new(special)),
                has_none_of_slowly(&text, special)
            );
        }
    }

    #[test]
    fn text_with_a_control_character_or_a_special_byte_is_never_found_plain() {
        let pieces = [
            "", "a", "é", "ø", "£", ",", ";", "\u{0}", "\t", "\n", "\u{1b}", "\u{7f}",
        ];
        let controls = ["\u{80}", "\u{85}", "\u{9f}", "\u{a0}"];
        for a in pieces.iter().chain(&controls) {
            for b in pieces.iter().chain(&controls) {
                let text = format!("{a}x{b}");
                let holds = text.chars().any(|c| c.is_control() || c == ',');
                if holds {
                    assert!(!has_none_of(&text, &Special::new(b",")), "{text:?}");
                }
            }
        }
        assert!(has_none_of("plain text, é ø", &Special::new(b";")));
        assert!(!has_none_of("plain text, é ø", &Special::new(b",")));
        assert!(!has_none_of("a\u{85}b", &Special::new(b"")));
    }
}
