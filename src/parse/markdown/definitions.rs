//! What a whole body defines for every part of it: link reference definitions (`[id]: https://…`)
//! and footnotes.
//!
//! A section read into a field, a list item read as a lesson, an action's title and its notes are
//! rendered on their own, away from the definitions at the end of the file. Rendered through [`Definitions`], their
//! reference links still link and their footnote markers still point at the footnotes, which the body
//! shows once, numbered as everywhere else on the page.

#[cfg(test)]
mod tests;

use std::ops::Range;

use memchr::memmem;
use pulldown_cmark::{BrokenLink, CowStr, Event, Parser, Tag, TagEnd};

use super::{
    Events, MarkdownOptions, PlainText, Rendered, inline_html, is_plain, parser_options, run,
    run_each, to_html,
};
use crate::util::xml::escape;

/// The link reference definitions and footnotes of a body, for rendering parts of it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Definitions {
    /// Each link reference definition: its label as matched ([`label_key`]), URL and title.
    links: Vec<(String, String, String)>,
    /// The footnote labels in the order they are numbered, from 1.
    footnotes: Vec<String>,
    /// Where each top-level block starts in the body's events (see [`super::part`]).
    blocks: Vec<usize>,
}

impl Definitions {
    /// A body parsed (as [`super::parse`] parses it) and its definitions, read from that one parse.
    pub fn parsed(markdown: &str) -> (Events<'_>, Self) {
        let events = Parser::new_ext(markdown, parser_options()).into_offset_iter();
        // The parser has found every link reference definition before giving its first event.
        let links = if memmem::find(markdown.as_bytes(), b"]:").is_some() {
            (events.reference_definitions().iter())
                .map(|(label, def)| {
                    let title = def.title.as_deref().unwrap_or_default().to_string();
                    (label_key(label), def.dest.to_string(), title)
                })
                .collect()
        } else {
            Vec::new()
        };
        let events = super::room::collect_events(events, markdown.len());
        let footnotes = footnote_order(&events);
        let blocks = super::part::blocks(&events);
        let definitions = Self {
            links,
            footnotes,
            blocks,
        };
        (events, definitions)
    }

    /// The body these are the definitions of, parsed into `events`, rendered as
    /// [`super::render`] renders it (its footnotes numbered as already found).
    pub fn render_body(
        &self,
        events: Events<'_>,
        options: &MarkdownOptions,
        skip: &[Range<usize>],
    ) -> Rendered {
        super::render_events(events, options, skip, &self.footnotes)
    }

    /// A part of the body as HTML, as [`super::render_html`] makes it, with the body's reference links
    /// and footnote markers resolved. Footnote definitions are left out: the body shows them.
    pub fn render(&self, fragment: &str, options: &MarkdownOptions) -> String {
        self.with_events(fragment, options, true, |events, length| {
            to_html(events.into_iter(), length)
        })
    }

    /// The part `part` of `body` (parsed into `events`) as HTML, as [`Definitions::render`] makes
    /// it, read from the body's events when they give the same HTML, else parsed again.
    pub fn render_part(
        &self,
        body: &str,
        events: &[(Event<'_>, Range<usize>)],
        part: &Range<usize>,
        options: &MarkdownOptions,
    ) -> String {
        match self.part_inside(body, events, part) {
            Some(events) => {
                let footnotes = &self.footnotes;
                let rendered = run_each(
                    events,
                    part.len(),
                    options,
                    &[],
                    PlainText::off(),
                    footnotes,
                );
                to_html(rendered.events.into_iter(), part.len())
            }
            None => self.render(&body[part.clone()], options),
        }
    }

    /// The events of the part `part` of `body` (parsed into `events`, as [`Definitions::parsed`]
    /// gave them with these definitions), as [`Definitions`] parses
    /// the part on its own, read from the body's events; `None` when they could differ: the part
    /// starts or ends inside a block, or refers to something elsewhere (a footnote, or a link
    /// definition, which a part resolves by its own definitions first and the body by the first
    /// one of its label).
    pub fn part_events<'a>(
        &self,
        body: &str,
        events: &[(Event<'a>, Range<usize>)],
        part: &Range<usize>,
    ) -> Option<Events<'a>> {
        Some(self.part_inside(body, events, part)?.collect())
    }

    /// The events [`Definitions::part_events`] gives, one by one, without gathering them.
    fn part_inside<'e, 'a>(
        &self,
        body: &str,
        events: &'e [(Event<'a>, Range<usize>)],
        part: &Range<usize>,
    ) -> Option<impl ExactSizeIterator<Item = (Event<'a>, Range<usize>)> + 'e> {
        if !self.links.is_empty() || memmem::find(body[part.clone()].as_bytes(), b"[^").is_some() {
            return None;
        }
        super::part::events_inside(body, events, &self.blocks, part)
    }

    /// A short part of the body (a list item), as [`super::render_inline`] makes it, with the body's
    /// reference links and footnote markers resolved.
    pub fn render_inline(&self, fragment: &str, options: &MarkdownOptions) -> String {
        if is_plain(fragment) {
            return fragment.to_string();
        }
        self.with_events(fragment, options, true, inline_html)
    }

    /// A short part of the body shown away from it (the summary of lists and the feed), as
    /// [`Definitions::render_inline`] makes it but without footnote markers, whose footnotes are
    /// not there.
    pub fn render_away(&self, fragment: &str, options: &MarkdownOptions) -> String {
        if is_plain(fragment) {
            return fragment.to_string();
        }
        self.with_events(fragment, options, false, inline_html)
    }

    /// Parses `fragment` with the body's definitions, renders its events without footnote
    /// definitions (and without footnote markers unless `markers`), and gives them to `finish`.
    fn with_events<T>(
        &self,
        fragment: &str,
        options: &MarkdownOptions,
        markers: bool,
        finish: impl FnOnce(Vec<Event<'_>>, usize) -> T,
    ) -> T {
        // Footnote references only parse when their label is defined: stand-ins are defined after
        // the fragment, and left out of what is rendered.
        let stand_ins: String = if memmem::find(fragment.as_bytes(), b"[^").is_some() {
            (self.footnotes.iter())
                .map(|label| format!("\n\n[^{label}]: -\n"))
                .collect()
        } else {
            String::new()
        };
        let text = format!("{fragment}{stand_ins}");
        let mut events = self.parse(&text);
        // A fragment ending in an open code block would swallow the stand-ins as code.
        let swallowed = !stand_ins.is_empty()
            && !events.iter().any(|(event, range)| {
                matches!(event, Event::Start(Tag::FootnoteDefinition(_)))
                    && range.start >= fragment.len()
            });
        if swallowed {
            events = self.parse(fragment);
        }
        let mut events = without_footnote_definitions(events);
        if !markers {
            events.retain(|(event, _)| !matches!(event, Event::FootnoteReference(_)));
        }
        let rendered = run(events, options, &[], PlainText::off(), &self.footnotes).events;
        finish(rendered, fragment.len())
    }

    /// `text` parsed, its reference links resolved by the body's definitions when it has none of its own.
    fn parse<'a>(&self, text: &'a str) -> Events<'a> {
        let callback = |link: BrokenLink<'a>| {
            let key = label_key(&link.reference);
            self.links
                .iter()
                .find(|(label, _, _)| *label == key)
                .map(|(_, url, title)| (CowStr::from(url.clone()), CowStr::from(title.clone())))
        };
        let events = Parser::new_with_broken_link_callback(text, parser_options(), Some(callback));
        super::room::collect_events(events.into_offset_iter(), text.len())
    }
}

/// A link label as CommonMark matches it: case folded, runs of white space as one space.
fn label_key(label: &str) -> String {
    label
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The footnote labels of a parsed document in the order they are numbered: by their first
/// reference, then those never referenced, by their definition.
pub(super) fn footnote_order(events: &[(Event<'_>, Range<usize>)]) -> Vec<String> {
    let mut order: Vec<String> = Vec::new();
    let mut add = |label: &str| {
        if !order.iter().any(|known| known == label) {
            order.push(label.to_string());
        }
    };
    let mut referenced: Vec<(&str, usize)> = Vec::new();
    for (event, range) in events {
        if let Event::FootnoteReference(label) = event {
            referenced.push((label, range.start));
        }
    }
    // Events come in source order, but a reference inside a footnote definition counts where it is.
    referenced.sort_by_key(|(_, at)| *at);
    for (label, _) in referenced {
        add(label);
    }
    for (event, _) in events {
        if let Event::Start(Tag::FootnoteDefinition(label)) = event {
            add(label);
        }
    }
    order
}

/// `events` without footnote definitions and what they hold.
fn without_footnote_definitions(events: Events<'_>) -> Events<'_> {
    let mut depth = 0usize;
    events
        .into_iter()
        .filter(|(event, _)| {
            match event {
                Event::Start(Tag::FootnoteDefinition(_)) => depth += 1,
                Event::End(TagEnd::FootnoteDefinition) => {
                    depth = depth.saturating_sub(1);
                    return false;
                }
                _ => {}
            }
            depth == 0
        })
        .collect()
}

/// The HTML of a footnote marker: the label's number, linked to its definition.
pub(super) fn reference_html(label: &str, number: usize) -> String {
    format!(
        "<sup class=\"footnote-reference\"><a href=\"#{}\">{number}</a></sup>",
        escape(label)
    )
}

/// The HTML opening a footnote definition, with its number.
pub(super) fn definition_html(label: &str, number: usize) -> String {
    format!(
        "\n<div class=\"footnote-definition\" id=\"{}\"><sup class=\"footnote-definition-label\">{number}</sup>",
        escape(label)
    )
}
