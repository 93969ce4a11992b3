//! Links from a post-mortem to files beside it (`![chart](diagram.svg)`, `<img src="img/a.png">`),
//! collected as written so the link stage can publish exactly the files a post-mortem shows.

use std::ops::Range;

use pulldown_cmark::{Event, Tag};

use crate::model::at::At;
use crate::parse::markdown::parse;

/// Every relative link and image in `markdown` — markdown links, images, reference links and the
/// `src`/`href` of raw HTML tags — with the byte range of the link, whether or not that part of the
/// document is rendered. URLs with a scheme (`https:`, `incident:`), root-relative ones (`/x`) and
/// fragment-only ones (`#x`) are left out: they never name a file beside the post-mortem.
pub fn file_links(markdown: &str) -> Vec<At<String>> {
    file_links_in(&parse(markdown))
}

/// [`file_links`] of a document already parsed.
pub fn file_links_in(events: &[(Event<'_>, Range<usize>)]) -> Vec<At<String>> {
    let mut links = Vec::new();
    let mut push = |url: &str, span: Range<usize>| {
        let url = url.trim();
        if is_relative(url) {
            links.push(At {
                value: url.to_string(),
                span,
            });
        }
    };
    for (event, range) in events {
        match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                push(dest_url, range.clone());
            }
            Event::Html(html) | Event::InlineHtml(html) => {
                for url in html_urls(html) {
                    push(url, range.clone());
                }
            }
            _ => {}
        }
    }
    links
}

/// Whether `url` is relative to the page: not empty, no scheme, not from the root, not a bare fragment or query.
fn is_relative(url: &str) -> bool {
    let scheme = url
        .split_once(':')
        .is_some_and(|(before, _)| !before.contains(['/', '?', '#']));
    !(url.is_empty() || url.starts_with(['/', '#', '?']) || scheme)
}

/// The values of `src` and `href` attributes in a piece of raw HTML, quoted or not.
fn html_urls(html: &str) -> Vec<&str> {
    // ASCII lowercasing keeps every byte where it was, so positions in `lower` hold in `html`.
    let lower = html.to_ascii_lowercase();
    let mut urls = Vec::new();
    for attribute in ["src=", "href="] {
        for (at, _) in lower.match_indices(attribute) {
            if !html[..at].ends_with(char::is_whitespace) {
                continue;
            }
            let rest = &html[at + attribute.len()..];
            let value = match rest.chars().next() {
                Some(quote @ ('"' | '\'')) => rest[1..].split(quote).next(),
                _ => rest.split(|c: char| c.is_whitespace() || c == '>').next(),
            };
            urls.extend(value);
        }
    }
    urls
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(markdown: &str) -> Vec<String> {
        file_links(markdown).into_iter().map(|l| l.value).collect()
    }

    #[test]
    fn images_links_and_references_to_files_are_collected() {
        let body = "![chart](diagram.svg) see [the log](logs/run%201.txt#L3) and [ref][r]\n\n\
                    [r]: ./img/a.png\n";
        assert_eq!(
            values(body),
            ["diagram.svg", "logs/run%201.txt#L3", "./img/a.png"]
        );
        let links = file_links("Intro ![c](d.svg)");
        assert_eq!(&"Intro ![c](d.svg)"[links[0].span.clone()], "![c](d.svg)");
    }

    #[test]
    fn raw_html_sources_are_collected() {
        let body =
            "<img src=\"img/a.png\" width=600>\n\nText <a href='b.pdf'>b</a> <img SRC=c.png>\n";
        assert_eq!(values(body), ["img/a.png", "b.pdf", "c.png"]);
        assert!(values("<img data-src=\"x.png\">").is_empty());
    }

    #[test]
    fn urls_that_name_no_file_beside_the_page_are_left_out() {
        let body = "[a](https://example.com/x.png) [b](incident:INC-1) [c](/static/x.png) \
                    [d](#timeline) [e](mailto:a@example.com) [f](?q=1) [g](../up.png)";
        assert_eq!(values(body), ["../up.png"]);
    }
}
