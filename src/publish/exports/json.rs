//! `actions.json`: `{"generated", "now", "actions": [...]}`.

use jiff::civil::Date;
use serde::Serialize;

use super::Record;

#[derive(Serialize)]
struct Document<'a> {
    generated: String,
    now: String,
    actions: &'a [Record],
}

/// The JSON document, pretty-printed with a trailing newline.
pub fn to_json(records: &[Record], now: Date) -> String {
    let doc = Document {
        generated: crate::util::xml::midnight_utc(now),
        now: now.to_string(),
        actions: records,
    };
    let mut text = serde_json::to_string_pretty(&doc)
        .unwrap_or_else(|_| unreachable!("plain data serializes"));
    text.push('\n');
    text
}
