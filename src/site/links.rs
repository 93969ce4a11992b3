//! Links between incidents: `href="incident:ID"` in rendered markdown becomes the link to that
//! incident's page once every incident is known.

use std::sync::LazyLock;

use memchr::memmem;

use crate::site::Site;
use crate::util::percent;

/// What a link to an incident starts with in rendered markdown.
const MARK: &str = "href=\"incident:";

/// The search for [`MARK`], made once.
static FINDER: LazyLock<memmem::Finder<'static>> = LazyLock::new(|| memmem::Finder::new(MARK));

impl Site {
    /// Rendered markdown with `href="incident:ID"` rewritten to the page of incident `ID` under
    /// `root` (`/`, `/status/` or an absolute URL), or to the 404 page when there is none.
    pub fn resolve_links(&self, html: &str, root: &str) -> String {
        // Most rendered markdown links no incident: one vectorised search finds that out.
        let finder = &*FINDER;
        if finder.find(html.as_bytes()).is_none() {
            return html.to_string();
        }
        let mut out = String::with_capacity(html.len());
        let mut rest = html;
        while let Some(at) = finder.find(rest.as_bytes()) {
            out.push_str(&rest[..at]);
            let after = &rest[at + MARK.len()..];
            let end = after.find('"').unwrap_or(after.len());
            let target = &after[..end];
            let (id, anchor) = target.split_once('#').map_or((target, ""), |(i, a)| (i, a));
            match self.get(&percent::decode(id).unwrap_or_else(|_| id.to_string())) {
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

#[cfg(test)]
mod tests {
    use crate::util::percent;

    fn percent_decode(text: &str) -> String {
        percent::decode(text).unwrap_or_else(|_| text.to_string())
    }

    #[test]
    fn percent_escapes_are_decoded() {
        assert_eq!(percent_decode("PM-%C3%981"), "PM-Ø1");
        assert_eq!(percent_decode("INC-12"), "INC-12");
        assert_eq!(percent_decode("100%"), "100%");
        assert_eq!(percent_decode("%zz"), "%zz");
    }
}
