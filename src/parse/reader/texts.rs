//! An incident's text fields (summary, impact, root cause, …, contributing factors, lessons): from front
//! matter, else from the matching body section, rendered to HTML.

use std::ops::Range;

use super::Reader;
use crate::model::incident::Texts;
use crate::parse::front_matter::{At, FrontMatter};
use crate::parse::markdown::{self, Definitions, Events, MarkdownOptions};
use crate::parse::sections::{self, Field, Outline};

impl Reader<'_> {
    /// The text fields: each from front matter, else from its section (which then leaves the body).
    pub(super) fn texts(&mut self) -> Texts {
        read_texts(
            &self.front,
            &self.outline,
            (self.body, &self.events),
            (&self.options, &self.definitions),
            &mut self.consumed,
        )
    }
}

/// The text fields. Sections are rendered with the body's link and footnote definitions, from
/// the body's events where they give the same as parsing the section on its own; a list-shaped section (contributing factors, lessons) holding more than lists stays whole in
/// the body, where it reads as written, and leaves its field empty.
fn read_texts(
    front: &FrontMatter,
    outline: &Outline,
    (body, events): (&str, &Events<'_>),
    (options, definitions): (&MarkdownOptions, &Definitions),
    consumed: &mut Vec<Range<usize>>,
) -> Texts {
    let mut from_section = |field: Field| -> Option<Range<usize>> {
        let section = outline.sections.iter().find(|s| s.field == field)?;
        consumed.push(section.whole.clone());
        Some(section.content.clone())
    };
    let front_text = |key: &str| {
        front
            .texts
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, at)| at.value.clone())
    };
    let render = |markdown: &str| markdown::render_html(markdown, options);
    let render_section = |part: Range<usize>| definitions.render_part(body, events, &part, options);
    let mut field = |key: &str, field: Field| match front_text(key) {
        Some(text) => Some(render(&text)),
        None => from_section(field).map(render_section),
    };
    // The first paragraph of a part of the body, from the body's events when they are the same.
    let first_paragraph = |part: Range<usize>| -> Option<String> {
        let text = &body[part.clone()];
        let paragraph = match definitions.part_events(body, events, &part) {
            Some(events) => sections::first_paragraph_of(text, &events),
            None => sections::first_paragraph(text),
        };
        paragraph.map(|r| text[r].to_string())
    };
    let summary_section = outline
        .sections
        .iter()
        .find(|s| s.field == Field::Summary)
        .map(|s| s.content.clone());
    let impact = field("impact", Field::Impact);
    let root_cause = field("root_cause", Field::RootCause);
    let trigger = field("trigger", Field::Trigger);
    let detection = field("detection", Field::Detection);
    let resolution = field("resolution", Field::Resolution);
    // The page shows the whole Summary section when there is one; lists use the short summary.
    let summary_full = match from_section(Field::Summary) {
        Some(section) => Some(render_section(section)),
        None => front_text("summary").map(|m| render(&m)),
    };
    let summary = match front_text("summary") {
        Some(text) => Some(markdown::render_inline(&text, options)),
        None => summary_section
            .and_then(first_paragraph)
            .or_else(|| {
                // The body's first paragraph, after its title.
                let start = outline.title.as_ref().map_or(0, |(_, r)| r.end);
                first_paragraph(start..body.len())
            })
            .map(|s| definitions.render_away(&s, options)),
    };
    let list = |key: &'static str,
                list: &Option<Vec<At<String>>>,
                field: Field,
                consumed: &mut Vec<Range<usize>>|
     -> Vec<String> {
        let _ = key;
        if let Some(items) = list {
            return items
                .iter()
                .map(|i| markdown::render_inline(&i.value, options))
                .collect();
        }
        let Some(section) = outline.sections.iter().find(|s| s.field == field) else {
            return Vec::new();
        };
        let content = &body[section.content.clone()];
        let events = (definitions.part_events(body, events, &section.content))
            .unwrap_or_else(|| markdown::parse(content));
        if sections::lists_of(content, &events).more {
            return Vec::new();
        }
        consumed.push(section.whole.clone());
        sections::list_items_of(content, &events)
            .into_iter()
            .map(|r| definitions.render_inline(&content[r], options))
            .collect()
    };
    let contributing_factors = list(
        "contributing_factors",
        &front.contributing_factors,
        Field::ContributingFactors,
        consumed,
    );
    let lessons = list("lessons", &front.lessons, Field::Lessons, consumed);
    Texts {
        summary,
        summary_full,
        impact,
        root_cause,
        trigger,
        detection,
        resolution,
        contributing_factors,
        lessons,
    }
}
