//! The site's public URL, read once: the origin absolute links start with, the path every page
//! link starts with, and the host calendar UIDs are made unique with.

/// `https://example.org/status` as its parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BaseUrl {
    /// `https://example.org`, or empty when no base URL is set.
    pub origin: String,
    /// `/status/`: the path every link starts with, always ending in `/`.
    pub root: String,
    /// `example.org`, or `debrief.invalid` when there is none.
    pub host: String,
}

impl BaseUrl {
    /// Reads a base URL such as `https://example.org/status/` (an empty one is the site root).
    ///
    /// Spaces and control characters, which no URL may hold, are percent-encoded, so the URL
    /// stays one word in every file it is written into (`robots.txt` is read line by line).
    pub fn parse(base_url: &str) -> BaseUrl {
        let base_url = percent_encode(base_url.trim(), |c| c > ' ' && c != '\u{7f}');
        let base_url = base_url.trim_end_matches('/');
        let (origin, path) = match base_url.split_once("://") {
            Some((scheme, rest)) => {
                let cut = rest.find('/').unwrap_or(rest.len());
                (&base_url[..scheme.len() + 3 + cut], &rest[cut..])
            }
            None => ("", base_url),
        };
        let path = path.trim_matches('/');
        let root = if path.is_empty() {
            "/".to_string()
        } else {
            format!("/{path}/")
        };
        let host = origin.split_once("://").map_or("", |(_, h)| h);
        let host = if host.is_empty() {
            "debrief.invalid"
        } else {
            host
        };
        BaseUrl {
            origin: origin.to_string(),
            root,
            host: host.to_string(),
        }
    }

    /// Whether the site's public URL is known, so [`BaseUrl::absolute`] gives absolute URLs;
    /// without it, they are paths from the server's root.
    pub fn is_known(&self) -> bool {
        !self.origin.is_empty()
    }

    /// The absolute URL of a root-relative page (`incidents/x/` → `https://example.org/status/incidents/x/`).
    pub fn absolute(&self, page: &str) -> String {
        format!("{}{}{page}", self.origin, self.root)
    }
}

/// `text` with every character that `keep` refuses percent-encoded as its UTF-8 bytes
/// (`a b` → `a%20b` when spaces are refused).
pub fn percent_encode(text: &str, keep: impl Fn(char) -> bool) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if keep(c) {
            out.push(c);
        } else {
            for byte in c.encode_utf8(&mut [0; 4]).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{BaseUrl, percent_encode};

    #[test]
    fn parts_of_a_base_url() {
        let url = BaseUrl::parse("https://example.org/status/");
        assert_eq!(
            (url.origin.as_str(), url.root.as_str(), url.host.as_str()),
            ("https://example.org", "/status/", "example.org")
        );
        assert_eq!(
            url.absolute("incidents/x/"),
            "https://example.org/status/incidents/x/"
        );
        let plain = BaseUrl::parse("https://status.example.no");
        assert_eq!(
            (plain.root.as_str(), plain.absolute("")),
            ("/", "https://status.example.no/".to_string())
        );
        let none = BaseUrl::parse("");
        assert_eq!(
            (none.origin.as_str(), none.root.as_str(), none.host.as_str()),
            ("", "/", "debrief.invalid")
        );
    }

    #[test]
    fn spaces_and_control_characters_are_encoded() {
        let url = BaseUrl::parse(" https://example.org/status page\nDisallow: /\u{7f} ");
        assert_eq!(
            url.absolute("sitemap.xml"),
            "https://example.org/status%20page%0ADisallow:%20/%7F/sitemap.xml"
        );
        assert!(url.is_known());
        assert!(!BaseUrl::parse("/archive").is_known());
        assert_eq!(
            percent_encode("a/ø b", |c| c.is_ascii_alphanumeric()),
            "a%2F%C3%B8%20b"
        );
    }
}
