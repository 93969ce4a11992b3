//! `actions.csv`: RFC 4180 (CRLF, quoted where needed), a header row, the JSON's fields flattened.

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
    let mut out = String::new();
    line(&mut out, COLUMNS.iter().map(|c| (*c).to_string()));
    for r in records {
        let opt = |v: &Option<String>| v.clone().unwrap_or_default();
        line(
            &mut out,
            [
                r.id.clone(),
                r.title.clone(),
                r.status.as_str().to_string(),
                opt(&r.owner),
                opt(&r.due),
                r.priority.unwrap_or_default().to_string(),
                r.kind.unwrap_or_default().to_string(),
                opt(&r.ticket),
                opt(&r.ticket_url),
                opt(&r.completed),
                r.overdue.to_string(),
                r.days_overdue.map(|d| d.to_string()).unwrap_or_default(),
                r.incident.id.clone(),
                r.incident.title.clone(),
                r.incident.slug.clone(),
                r.incident.url.clone(),
            ]
            .into_iter(),
        );
    }
    out
}

fn line(out: &mut String, fields: impl Iterator<Item = String>) {
    for (i, field) in fields.enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str(&quote(&field));
    }
    out.push_str("\r\n");
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
    use super::quote;

    #[test]
    fn fields_are_quoted_only_when_needed() {
        assert_eq!(quote("plain"), "plain");
        assert_eq!(quote("a, b"), "\"a, b\"");
        assert_eq!(quote("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(quote("two\nlines"), "\"two\nlines\"");
    }
}
