//! The text of an HTML fragment debrief rendered itself: tags dropped, entities decoded, for places
//! that need words rather than markup (the search index).

/// `html` without its tags, with character references decoded and whitespace runs folded to one space.
pub fn text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find('<') {
        out.push_str(&rest[..at]);
        // A tag ends a word: `<p>a</p><p>b</p>` is two words.
        out.push(' ');
        rest = rest.find('>').map_or("", |end| &rest[end + 1..]);
    }
    out.push_str(rest);
    decode(&out)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// `text` (HTML text without tags) with its character references decoded: `&amp;`, `&lt;`, `&gt;`,
/// `&quot;`, `&apos;`, `&nbsp;` and numeric ones. Anything else, a lone `&` included, stays as it is.
pub fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let (decoded, used) = reference(&rest[at..]);
        out.push_str(&decoded);
        rest = &rest[at + used..];
    }
    out.push_str(rest);
    out
}

/// The character reference at the start of `text` (which starts with `&`) and the bytes it takes;
/// a lone `&` stays as it is.
fn reference(text: &str) -> (String, usize) {
    let Some(end) = text[..text.len().min(12)].find(';') else {
        return ("&".into(), 1);
    };
    let name = &text[1..end];
    let decoded = match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => name.strip_prefix('#').and_then(|number| {
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => number.parse().ok(),
            };
            code.and_then(char::from_u32)
        }),
    };
    match decoded {
        Some(c) => (c.to_string(), end + 1),
        None => ("&".into(), 1),
    }
}

#[cfg(test)]
mod tests {
    use super::text;

    #[test]
    fn tags_go_and_references_are_decoded() {
        assert_eq!(
            text("<p>Disk <em>full</em> &amp; slow</p><p>Lagring&#x2F;ytelse &#229;</p>"),
            "Disk full & slow Lagring/ytelse å"
        );
        assert_eq!(text("a &unknown; b & c"), "a &unknown; b & c");
        assert_eq!(text("<ul>\n<li>one</li>\n<li>two</li>\n</ul>"), "one two");
        assert_eq!(text("<p>&lt;b&gt; is bold</p>"), "<b> is bold");
    }

    #[test]
    fn decoding_keeps_tags_and_unknown_references() {
        assert_eq!(
            super::decode("<b>x&#X41;&nbsp;&bogus; &amp;</b>"),
            "<b>xA &bogus; &</b>"
        );
    }
}
