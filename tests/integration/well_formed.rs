//! A small XML well-formedness check for the files debrief writes by hand (sitemap, feed): tags
//! nest and close, one root element, and every `&` starts a character or predefined entity reference.

/// Why `xml` is not well-formed, or `Ok`.
pub fn check(xml: &str) -> Result<(), String> {
    let mut stack: Vec<&str> = Vec::new();
    let mut roots = 0;
    let mut rest = xml;
    while let Some(at) = rest.find(['<', '&']) {
        let (text, tail) = rest.split_at(at);
        if stack.is_empty() && !text.trim().is_empty() {
            return Err(format!("text outside the root element: {text:?}"));
        }
        if tail.starts_with('&') {
            rest = &tail[reference(tail)?..];
            continue;
        }
        if let Some(pi) = tail.strip_prefix("<?") {
            let end = pi.find("?>").ok_or("an unclosed <?")?;
            rest = &pi[end + 2..];
            continue;
        }
        if let Some(comment) = tail.strip_prefix("<!--") {
            let end = comment.find("-->").ok_or("an unclosed comment")?;
            rest = &comment[end + 3..];
            continue;
        }
        let end = tag_end(tail)?;
        let tag = &tail[1..end];
        rest = &tail[end + 1..];
        if let Some(name) = tag.strip_prefix('/') {
            match stack.pop() {
                Some(open) if open == name.trim() => {}
                open => return Err(format!("</{name}> closes {open:?}")),
            }
            continue;
        }
        let self_closing = tag.ends_with('/');
        let tag = tag.trim_end_matches('/');
        let name = tag.split_whitespace().next().ok_or("an empty tag")?;
        attributes(&tag[name.len()..])?;
        if stack.is_empty() {
            roots += 1;
        }
        if !self_closing {
            stack.push(name);
        }
    }
    if !rest.trim().is_empty() {
        return Err(format!("text after the root element: {rest:?}"));
    }
    match (stack.last(), roots) {
        (Some(open), _) => Err(format!("<{open}> is never closed")),
        (None, 1) => Ok(()),
        (None, n) => Err(format!("{n} root elements")),
    }
}

/// Where the `>` of the tag at the start of `tail` is, skipping quoted attribute values.
fn tag_end(tail: &str) -> Result<usize, String> {
    let mut quote = None;
    for (i, c) in tail.char_indices().skip(1) {
        match (quote, c) {
            (None, '"' | '\'') => quote = Some(c),
            (Some(q), c) if c == q => quote = None,
            (None, '>') => return Ok(i),
            (None, '<') | (Some(_), '<') => return Err(format!("`<` inside a tag: {tail:.60}")),
            _ => {}
        }
    }
    Err(format!("an unclosed tag: {tail:.60}"))
}

/// Checks `name="value"` pairs and the references in their values.
fn attributes(mut text: &str) -> Result<(), String> {
    loop {
        text = text.trim_start();
        if text.is_empty() {
            return Ok(());
        }
        let (name, value) = text
            .split_once('=')
            .ok_or_else(|| format!("an attribute without a value: {text:?}"))?;
        if name.trim().is_empty() || name.contains(char::is_whitespace) {
            return Err(format!("a bad attribute name: {name:?}"));
        }
        let quote = value
            .chars()
            .next()
            .filter(|c| matches!(c, '"' | '\''))
            .ok_or_else(|| format!("an unquoted attribute: {text:?}"))?;
        let end = value[1..]
            .find(quote)
            .ok_or_else(|| format!("an unclosed attribute: {text:?}"))?;
        let mut inner = &value[1..1 + end];
        while let Some(at) = inner.find('&') {
            inner = &inner[at + reference(&inner[at..])?..];
        }
        text = &value[end + 2..];
    }
}

/// The length of the reference at the start of `tail` (`&amp;`, `&#38;`, `&#x26;`).
fn reference(tail: &str) -> Result<usize, String> {
    let end = tail
        .find(';')
        .ok_or_else(|| format!("a bare `&`: {tail:.40}"))?;
    let name = &tail[1..end];
    let valid = match name.strip_prefix('#') {
        Some(hex) if hex.starts_with('x') => {
            hex.len() > 1 && hex[1..].chars().all(|c| c.is_ascii_hexdigit())
        }
        Some(decimal) => !decimal.is_empty() && decimal.chars().all(|c| c.is_ascii_digit()),
        None => matches!(name, "amp" | "lt" | "gt" | "quot" | "apos"),
    };
    if valid {
        Ok(end + 1)
    } else {
        Err(format!("a bare `&`: {tail:.40}"))
    }
}

#[test]
fn the_check_tells_well_formed_from_ill_formed() {
    assert_eq!(
        check("<?xml version=\"1.0\"?>\n<a x=\"1 &amp; 2\"><b/><c>&#38;&lt;</c></a>\n"),
        Ok(())
    );
    for bad in [
        "<a>&</a>",
        "<a>&copy;</a>",
        "<a x=\"&\"/>",
        "<a><b></a></b>",
        "<a>",
        "<a/><b/>",
        "<a x=1/>",
        "text<a/>",
    ] {
        assert!(check(bad).is_err(), "{bad}");
    }
}
