//! The links a post-mortem writes, wherever it writes them: to other incidents, and to files beside it.

use std::ops::Range;

use pulldown_cmark::Event;

use crate::parse::front_matter::{At, FrontMatter};
use crate::parse::markdown;

/// Every link to another incident and every relative link to a file the file writes, in its body or
/// in front-matter text, with its place in the file (front-matter links point at the value that holds them).
pub(super) fn links(
    front: &FrontMatter,
    body: &[(Event<'_>, Range<usize>)],
    base: usize,
) -> (Vec<markdown::IncidentLink>, Vec<At<String>>) {
    let mut values: Vec<&At<String>> = front.texts.iter().map(|(_, at)| at).collect();
    for list in [&front.contributing_factors, &front.lessons]
        .into_iter()
        .flatten()
    {
        values.extend(list);
    }
    values.extend(
        front
            .actions
            .iter()
            .flatten()
            .filter_map(|a| a.title.as_ref()),
    );
    let entries = front
        .timeline
        .iter()
        .flatten()
        .map(|e| (e.text.as_str(), &e.at.span));
    let front_texts = values
        .into_iter()
        .map(|at| (at.value.as_str(), &at.span))
        .chain(entries);
    let (mut links, mut files) = (Vec::new(), Vec::new());
    // In the body, a link's own place; in front matter, the value that holds it.
    add(&mut links, &mut files, body, |span| {
        span.start + base..span.end + base
    });
    for (text, value_span) in front_texts {
        // Links, images and raw HTML are all written with `[` or `<`: text holding neither has
        // none, and needs no parse.
        if memchr::memchr2(b'[', b'<', text.as_bytes()).is_none() {
            continue;
        }
        add(&mut links, &mut files, &markdown::parse(text), |_| {
            value_span.clone()
        });
    }
    (links, files)
}

/// Adds the links of a parsed text, each at the place `place` gives for its range in that text.
fn add(
    links: &mut Vec<markdown::IncidentLink>,
    files: &mut Vec<At<String>>,
    events: &[(Event<'_>, Range<usize>)],
    place: impl Fn(Range<usize>) -> Range<usize>,
) {
    links.extend(markdown::incident_links_in(events).into_iter().map(|link| {
        markdown::IncidentLink {
            span: place(link.span.clone()),
            ..link
        }
    }));
    files.extend(markdown::file_links_in(events).into_iter().map(|link| At {
        span: place(link.span),
        value: link.value,
    }));
}
