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

/// The JSON document, pretty-printed with a trailing newline, for people reading a terminal.
pub fn to_json(records: &[Record], now: Date) -> String {
    finish(serde_json::to_string_pretty(&document(records, now)))
}

/// The JSON document on one line with a trailing newline, for the `actions.json` file: the same
/// data as [`to_json`] without the whitespace, which at thousands of actions is megabytes.
pub fn to_compact_json(records: &[Record], now: Date) -> String {
    // Room for the whole document up front (an action takes some 600 bytes), so it is not
    // copied as it grows.
    let mut bytes = Vec::with_capacity(128 + records.len() * 640);
    let written = serde_json::to_writer(&mut bytes, &document(records, now));
    finish(
        written
            .map(|()| String::from_utf8(bytes).unwrap_or_else(|_| unreachable!("JSON is UTF-8"))),
    )
}

fn document(records: &[Record], now: Date) -> Document<'_> {
    Document {
        generated: crate::util::xml::midnight_utc(now),
        now: now.to_string(),
        actions: records,
    }
}

/// The serialised document with its trailing newline.
fn finish(text: serde_json::Result<String>) -> String {
    let mut text = text.unwrap_or_else(|_| unreachable!("plain data serializes"));
    text.push('\n');
    text
}
