//! Finding the known sections (Summary, Timeline, Action items, …) of a post-mortem body by heading.
//!
//! Many post-mortems have no front matter: their fields live in sections under headings such as
//! `## Root cause` or, pasted from a word processor, a line such as `Kort oppsummert:`. This module
//! finds those sections as byte ranges of the body, so the fields can be read from them, the page
//! can show them in their own place, and the body can leave them out.

#[cfg(test)]
#[cfg(test)]
mod tests;

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

pub use crate::config::aliases::Aliases;
pub use crate::model::field::Field;

use crate::parse::markdown::{is_comment, parse};
use crate::parse::words::joined_words;

/// A section of a body that fills a field.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Section {
    /// The field the heading names.
    pub field: Field,
    /// The heading line (or lines, for a setext heading), with its line break.
    pub heading: Range<usize>,
    /// What follows the heading, up to the next heading of the same or a higher level
    /// (for a pseudo-heading: the next heading or pseudo-heading), or the end of the body.
    pub content: Range<usize>,
    /// `heading` and `content` together.
    pub whole: Range<usize>,
}

/// The title and the known sections of a body.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outline {
    /// The text and byte range of a leading `# H1`, when it is the first block of the body.
    pub title: Option<(String, Range<usize>)>,
    /// The sections whose heading is an alias, in document order; a field appears once at most.
    pub sections: Vec<Section>,
}

impl Outline {
    /// The section of a field, if the body has one.
    pub fn get(&self, field: Field) -> Option<&Section> {
        self.sections.iter().find(|section| section.field == field)
    }
}

/// What a top-level block of a body is, as far as sections are concerned.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Kind {
    /// A heading of this level and plain text.
    Heading(u8, String),
    /// A paragraph whose plain text is empty (`![graph](x.png)`) or not.
    Paragraph { has_text: bool },
    /// An HTML block that is only a comment (`<!-- fill in -->`).
    Comment,
    /// A list, bulleted or numbered.
    List,
    /// Anything else.
    Other,
}

/// A top-level block of a body and its source range.
#[derive(Clone, Debug)]
struct Block {
    kind: Kind,
    range: Range<usize>,
}

/// The top-level blocks of `markdown`, parsed into `events`, in order.
fn blocks_of(markdown: &str, events: &[(Event<'_>, Range<usize>)]) -> Vec<Block> {
    let mut blocks = Vec::new();
    let mut depth = 0usize;
    // The text of a top-level heading; of any other block, only whether it has any.
    let mut text = String::new();
    let mut heading = false;
    let mut has_text = false;
    // Inside an image, text is its alt text, which a reader does not see.
    let mut images = 0usize;
    for (event, range) in events {
        let range = range.clone();
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    text.clear();
                    heading = matches!(tag, Tag::Heading { .. });
                    has_text = false;
                }
                if matches!(tag, Tag::Image { .. }) {
                    images += 1;
                }
                depth += 1;
            }
            Event::Text(t) | Event::Code(t) if depth > 0 && images == 0 => {
                if heading {
                    text.push_str(t);
                } else {
                    has_text = has_text || !t.trim().is_empty();
                }
            }
            Event::End(end) => {
                if *end == TagEnd::Image {
                    images = images.saturating_sub(1);
                }
                depth = depth.saturating_sub(1);
                if depth > 0 {
                    continue;
                }
                let kind = match end {
                    TagEnd::Heading(level) => Kind::Heading(*level as u8, joined_words(&text)),
                    TagEnd::Paragraph => Kind::Paragraph { has_text },
                    TagEnd::HtmlBlock if is_comment(&markdown[range.clone()]) => Kind::Comment,
                    TagEnd::List(_) => Kind::List,
                    _ => Kind::Other,
                };
                blocks.push(Block { kind, range });
            }
            _ if depth == 0 => blocks.push(Block {
                kind: Kind::Other,
                range,
            }),
            _ => {}
        }
    }
    blocks
}

/// A place where a section may start or end.
#[derive(Clone, Debug)]
struct Marker {
    /// The heading line(s).
    heading: Range<usize>,
    /// The heading's level; `None` for a pseudo-heading.
    level: Option<u8>,
    field: Option<Field>,
}

/// Finds the title and the known sections of a post-mortem body.
///
/// A section starts at a heading of any level whose text is an alias, and runs to the next
/// heading of the same or a higher level. A paragraph whose first line is only an alias and
/// a colon (`Kort oppsummert:`) or only a bold alias (`**Root cause**`) starts a section too,
/// which runs to the next heading or pseudo-heading. Only top-level blocks count. When a field
/// appears twice, the first wins. A leading `# H1` whose text is an alias is a section, not the title.
pub fn outline(body: &str, aliases: &Aliases) -> Outline {
    outline_of(body, &parse(body), aliases)
}

/// [`outline`] of a body already parsed into `events`.
pub fn outline_of(body: &str, events: &[(Event<'_>, Range<usize>)], aliases: &Aliases) -> Outline {
    let blocks = blocks_of(body, events);
    let mut outline = Outline::default();
    let first = blocks.iter().find(|block| block.kind != Kind::Comment);
    if let Some(Block {
        kind: Kind::Heading(1, text),
        range,
    }) = first
        && aliases.field_of(text).is_none()
    {
        outline.title = Some((text.clone(), range.clone()));
    }

    let mut markers = Vec::new();
    for block in &blocks {
        match &block.kind {
            Kind::Heading(level, text) => markers.push(Marker {
                heading: block.range.clone(),
                level: Some(*level),
                field: aliases.field_of(text),
            }),
            Kind::Paragraph { .. } => {
                if let Some((field, heading_end)) = pseudo_heading(body, &block.range, aliases) {
                    markers.push(Marker {
                        heading: block.range.start..heading_end,
                        level: None,
                        field: Some(field),
                    });
                }
            }
            Kind::Comment | Kind::List | Kind::Other => {}
        }
    }

    for (n, marker) in markers.iter().enumerate() {
        let Some(field) = marker.field else { continue };
        if outline.get(field).is_some() {
            continue;
        }
        let end = markers[n + 1..]
            .iter()
            .find(|next| match (marker.level, next.level) {
                (Some(level), Some(next_level)) => next_level <= level,
                (Some(_), None) => false,
                (None, _) => true,
            })
            .map_or(body.len(), |next| next.heading.start);
        let heading = marker.heading.clone();
        outline.sections.push(Section {
            field,
            content: heading.end..end,
            whole: heading.start..end,
            heading,
        });
    }
    outline
}

/// The field a paragraph names as a pseudo-heading, and where that heading line ends.
fn pseudo_heading(body: &str, range: &Range<usize>, aliases: &Aliases) -> Option<(Field, usize)> {
    let source = &body[range.clone()];
    // Most paragraphs are long lines, whose end is found many bytes at a time.
    let (line, heading_end) = match memchr::memchr(b'\n', source.as_bytes()) {
        Some(at) if !source[at..].trim().is_empty() => (&source[..at], range.start + at + 1),
        _ => (source, range.end),
    };
    let line = line.trim();
    let (text, colon) = match line.strip_suffix(':') {
        Some(text) => (text.trim_end(), true),
        None => (line, false),
    };
    let bold = ["**", "__"].into_iter().find_map(|mark| {
        text.strip_prefix(mark)
            .and_then(|t| t.strip_suffix(mark))
            .filter(|inner| !inner.contains(mark))
    });
    let field = match bold {
        Some(inner) => aliases.field_of(inner)?,
        None if colon => aliases.field_of(text)?,
        None => return None,
    };
    Some((field, heading_end))
}

/// The byte range of the first top-level paragraph with text, without its trailing line break.
///
/// A one-line paragraph ending in a colon (`Kort oppsummert:`, `What we saw:`) only introduces
/// what follows, so it is passed over.
pub fn first_paragraph(markdown: &str) -> Option<Range<usize>> {
    first_paragraph_of(markdown, &parse(markdown))
}

/// [`first_paragraph`] of `markdown` already parsed into `events`.
pub fn first_paragraph_of(
    markdown: &str,
    events: &[(Event<'_>, Range<usize>)],
) -> Option<Range<usize>> {
    blocks_of(markdown, events).into_iter().find_map(|block| {
        if block.kind != (Kind::Paragraph { has_text: true }) {
            return None;
        }
        let source = markdown[block.range.clone()].trim_end();
        if source.ends_with(':') && memchr::memchr(b'\n', source.as_bytes()).is_none() {
            return None;
        }
        Some(block.range.start..block.range.start + source.len())
    })
}

/// The top-level lists of a section, and whether it holds more than lists.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Lists {
    /// The byte range of each top-level list, in order.
    pub ranges: Vec<Range<usize>>,
    /// Whether anything but lists and HTML comments stands beside them: a paragraph, a
    /// subheading, a table, a block quote, …
    pub more: bool,
}

/// The top-level lists of `markdown` (a section's content), and whether it holds anything else.
pub fn lists(markdown: &str) -> Lists {
    lists_of(markdown, &parse(markdown))
}

/// [`lists`] of a section already parsed into `events`.
pub fn lists_of(markdown: &str, events: &[(Event<'_>, Range<usize>)]) -> Lists {
    let mut lists = Lists::default();
    for block in blocks_of(markdown, events) {
        match block.kind {
            Kind::List => lists.ranges.push(block.range),
            Kind::Comment => {}
            _ => lists.more = true,
        }
    }
    lists
}

/// The byte ranges of the text of each top-level list item, in order, without the bullet or
/// number marker and without trailing whitespace. A task box (`[x]`) stays in the text.
pub fn list_items(markdown: &str) -> Vec<Range<usize>> {
    list_items_of(markdown, &parse(markdown))
}

/// [`list_items`] of a section already parsed into `events`.
pub fn list_items_of(markdown: &str, events: &[(Event<'_>, Range<usize>)]) -> Vec<Range<usize>> {
    let mut items = Vec::new();
    let mut depth = 0usize;
    // Whether the element at depth 1 is a list, whose items (at depth 2) are wanted.
    let mut in_list = false;
    for (event, range) in events {
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    in_list = matches!(tag, Tag::List(_));
                } else if depth == 1 && in_list && *tag == Tag::Item {
                    items.push(item_text(markdown, range.clone()));
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    items
}

/// The range of a list item's text: after its marker and the spaces that follow it.
fn item_text(markdown: &str, item: Range<usize>) -> Range<usize> {
    let source = &markdown[item.clone()];
    let rest = source.trim_start_matches([' ', '\t']);
    let rest = match rest.strip_prefix(['-', '*', '+']) {
        Some(rest) => rest,
        None => {
            let after_digits = rest.trim_start_matches(|c: char| c.is_ascii_digit());
            after_digits
                .strip_prefix(['.', ')'])
                .unwrap_or(after_digits)
        }
    };
    let rest = rest.trim_start_matches([' ', '\t']);
    let start = item.start + (source.len() - rest.len());
    let end = item.start + source.trim_end().len();
    start..end.max(start)
}
