//! Tickets of action items: a key (`OPS-412`) linked through the site's `ticket_url`, or a URL
//! shown by a short label.

use serde::Serialize;

/// A ticket reference.
#[derive(Clone, Debug, Serialize)]
pub struct Ticket {
    /// What is shown.
    pub label: String,
    /// Where it links, if anywhere.
    pub url: Option<String>,
}

/// A short label for a ticket URL: `runbooks#57` for `…/runbooks/pull/57`, else its last segment.
fn url_label(url: &str) -> String {
    let segments: Vec<&str> = url
        .trim_end_matches('/')
        .split('/')
        .skip(3)
        .filter(|s| !s.is_empty())
        .collect();
    match segments.as_slice() {
        [.., repo, "-", "issues" | "merge_requests", number] => format!("{repo}#{number}"),
        [
            ..,
            repo,
            "pull" | "pulls" | "issues" | "merge_requests",
            number,
        ] => format!("{repo}#{number}"),
        [.., last] => (*last).to_string(),
        [] => url.to_string(),
    }
}

/// Turns a ticket (URL or key) into a link using `ticket_url`.
pub fn ticket(ticket: &str, ticket_url: Option<&str>) -> Ticket {
    if ticket.starts_with("http://") || ticket.starts_with("https://") {
        let label = url_label(ticket);
        return Ticket {
            label,
            url: Some(ticket.to_string()),
        };
    }
    let key = ticket.trim_start_matches('#');
    Ticket {
        label: ticket.to_string(),
        url: ticket_url.map(|u| u.replace("{key}", key)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ticket_urls_get_short_labels() {
        assert_eq!(
            url_label("https://git.example.no/platform/runbooks/pull/57"),
            "runbooks#57"
        );
        assert_eq!(url_label("https://gitlab.example/a/b/-/issues/9"), "b#9");
        assert_eq!(url_label("https://tracker.example/browse/OPS-1/"), "OPS-1");
        assert_eq!(url_label("https://example.org"), "https://example.org");
        let view = ticket("OPS-7", Some("https://t.example/browse/{key}"));
        assert_eq!(
            (view.label.as_str(), view.url.as_deref()),
            ("OPS-7", Some("https://t.example/browse/OPS-7"))
        );
        assert_eq!(ticket("#12", None).url, None);
    }
}
