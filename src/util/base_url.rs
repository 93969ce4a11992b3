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
    pub fn parse(base_url: &str) -> BaseUrl {
        let base_url = base_url.trim().trim_end_matches('/');
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

    /// The absolute URL of a root-relative page (`incidents/x/` → `https://example.org/status/incidents/x/`).
    pub fn absolute(&self, page: &str) -> String {
        format!("{}{}{page}", self.origin, self.root)
    }
}

#[cfg(test)]
mod tests {
    use super::BaseUrl;

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
}
