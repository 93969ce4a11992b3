//! Text for XML and HTML: escaped (for the feed, the sitemap and the charts made by hand, and for
//! every value a template prints), and without the control characters neither allows.

/// `text` escaped for XML and HTML text and attribute values (single- or double-quoted).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#x27;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// The start of `date` in UTC, as RFC 3339 (`2024-11-07T00:00:00Z`).
pub fn midnight_utc(date: jiff::civil::Date) -> String {
    format!("{date}T00:00:00Z")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_is_escaped_and_control_characters_dropped() {
        assert_eq!(
            escape("a < b & \"c\"\u{1}\u{7f}\n"),
            "a &lt; b &amp; &quot;c&quot;\n"
        );
        assert_eq!(escape("it's"), "it&#x27;s");
        assert_eq!(
            midnight_utc(jiff::civil::date(2024, 11, 7)),
            "2024-11-07T00:00:00Z"
        );
    }
}
