//! Links between incidents: `href="incident:ID"` in rendered markdown becomes the link to that
//! incident's page once every incident is known.

use crate::site::Site;

impl Site {
    /// Rendered markdown with `href="incident:ID"` rewritten to the page of incident `ID` under
    /// `root` (`/`, `/status/` or an absolute URL), or to the 404 page when there is none.
    pub fn resolve_links(&self, html: &str, root: &str) -> String {
        const MARK: &str = "href=\"incident:";
        if !html.contains(MARK) {
            return html.to_string();
        }
        let mut out = String::with_capacity(html.len());
        let mut rest = html;
        while let Some(at) = rest.find(MARK) {
            out.push_str(&rest[..at]);
            let after = &rest[at + MARK.len()..];
            let end = after.find('"').unwrap_or(after.len());
            let target = &after[..end];
            let (id, anchor) = target.split_once('#').map_or((target, ""), |(i, a)| (i, a));
            match self.get(&percent_decode(id)) {
                Some(incident) => {
                    out.push_str(&format!("href=\"{root}incidents/{}/", incident.slug.value));
                    if !anchor.is_empty() {
                        out.push('#');
                        out.push_str(anchor);
                    }
                    out.push('"');
                }
                None => out.push_str(&format!("href=\"{root}404.html\"")),
            }
            rest = &after[(end + 1).min(after.len())..];
        }
        out.push_str(rest);
        out
    }
}

/// Undoes the percent-encoding markdown applies to link targets (`PM-%C3%981` → `PM-Ø1`).
pub(crate) fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

#[cfg(test)]
mod tests {
    use super::percent_decode;

    #[test]
    fn percent_escapes_are_decoded() {
        assert_eq!(percent_decode("PM-%C3%981"), "PM-Ø1");
        assert_eq!(percent_decode("INC-12"), "INC-12");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
    }
}
