//! The links a post-mortem writes, wherever it writes them: to other incidents, and to files beside it.

use crate::parse::front_matter::{At, FrontMatter};
use crate::parse::markdown;

/// Every link to another incident and every relative link to a file the file writes, in its body or
/// in front-matter text, with its place in the file (front-matter links point at the value that holds them).
pub(super) fn links(
    front: &FrontMatter,
    body: &str,
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
        .map(|e| (e.text.as_str(), Some(&e.at.span)));
    let texts = std::iter::once((body, None))
        .chain(
            values
                .into_iter()
                .map(|at| (at.value.as_str(), Some(&at.span))),
        )
        .chain(entries);
    let (mut links, mut files) = (Vec::new(), Vec::new());
    for (text, value_span) in texts {
        // In the body, a link's own place; in front matter, the value that holds it.
        let place = |span: std::ops::Range<usize>| {
            value_span.map_or(span.start + base..span.end + base, Clone::clone)
        };
        links.extend(markdown::incident_links(text).into_iter().map(|link| {
            markdown::IncidentLink {
                span: place(link.span.clone()),
                ..link
            }
        }));
        files.extend(markdown::file_links(text).into_iter().map(|link| At {
            span: place(link.span),
            value: link.value,
        }));
    }
    (links, files)
}
