//! Markdown to HTML for post-mortem bodies and front-matter text.
//!
//! One place decides which markdown extensions debrief accepts, how headings get their ids,
//! how raw HTML is treated and which links point at other incidents or files, so the body of a page,
//! its table of contents, its search text and the short front-matter strings all agree.

#[cfg(test)]
mod byte_scan_tests;
mod controls;
mod definitions;
mod file_links;
mod heading_ids;
mod inline;
mod part;
mod plain;
mod plain_line;
mod room;
#[cfg(test)]
mod tests;
mod urls;

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};

pub use crate::model::rendered::{Heading, IncidentLink, Rendered};

use controls::{collapse_whitespace, drop_controls, replace_controls};
pub use definitions::Definitions;
pub use file_links::{file_links, file_links_in};
use heading_ids::HeadingIds;
pub use inline::render_inline;
#[cfg(test)]
use inline::render_inline_parsed;
use inline::{inline_html, is_plain};
use plain::PlainText;
pub use plain_line::plain_text;

/// The URL scheme of a link to another incident: `[text](incident:INC-12)`.
pub const INCIDENT_SCHEME: &str = "incident:";

/// Opens the wrapper that lets a wide table scroll on a narrow screen.
const TABLE_WRAP_OPEN: &str = "<div class=\"table-wrap\">\n";
/// Closes [`TABLE_WRAP_OPEN`].
const TABLE_WRAP_CLOSE: &str = "</div>\n";

/// How markdown is turned into HTML.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MarkdownOptions {
    /// Pass raw HTML (blocks and inline tags) through as HTML. When false, it is escaped
    /// and shown as text, except HTML comments, which are dropped as they would be invisible anyway,
    /// and links and images whose URL would run code (`javascript:`, `vbscript:`, `data:` other than
    /// a raster image) point at `#` instead, keeping their text.
    pub raw_html: bool,
}

impl Default for MarkdownOptions {
    fn default() -> Self {
        Self { raw_html: true }
    }
}

/// The markdown extensions debrief accepts: CommonMark plus tables, footnotes,
/// strikethrough, task lists and heading attributes (`{#custom-id}`).
pub(crate) fn parser_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// A parsed markdown document: its events, each with its byte range in the source. A body is parsed
/// once into this, and its sections, links and HTML are all read from it.
pub type Events<'a> = Vec<(Event<'a>, Range<usize>)>;

/// Parses `markdown` with the extensions debrief accepts.
pub fn parse(markdown: &str) -> Events<'_> {
    let events = Parser::new_ext(markdown, parser_options()).into_offset_iter();
    room::collect_events(events, markdown.len())
}

/// Renders a markdown document to HTML, collecting its headings, plain text and incident links.
///
/// Blocks whose source starts inside one of `skip` (byte ranges of whole sections, shown
/// elsewhere on the page) are left out. Footnote definitions are always kept, as references
/// to them may sit anywhere in the document.
pub fn render(markdown: &str, options: &MarkdownOptions, skip: &[Range<usize>]) -> Rendered {
    let events = parse(markdown);
    let footnotes = definitions::footnote_order(&events);
    render_events(events, options, skip, &footnotes)
}

/// [`render`] for a document already parsed, whose footnote labels are `footnotes` in the order
/// they are numbered (as [`definitions::footnote_order`] gives them).
fn render_events(
    events: Events<'_>,
    options: &MarkdownOptions,
    skip: &[Range<usize>],
    footnotes: &[String],
) -> Rendered {
    let length = events.last().map_or(0, |(_, range)| range.end);
    let renderer = run(events, options, skip, PlainText::default(), footnotes);
    Rendered {
        html: to_html(renderer.events.into_iter(), length),
        headings: renderer.headings,
        text: kept(renderer.text.finish()),
    }
}

/// The HTML of a markdown document, as [`render`] makes it, without collecting its plain text:
/// for text fields shown on the page, which the search reads from elsewhere.
pub fn render_html(markdown: &str, options: &MarkdownOptions) -> String {
    let renderer = run(parse(markdown), options, &[], PlainText::off(), &[]);
    to_html(renderer.events.into_iter(), markdown.len())
}

/// The links to other incidents in `markdown` — `[text](incident:ID)`, `<incident:ID>` and reference
/// links — with the byte range of each, whether or not that part of the document is rendered.
pub fn incident_links(markdown: &str) -> Vec<IncidentLink> {
    incident_links_in(&parse(markdown))
}

/// [`incident_links`] of a document already parsed.
pub fn incident_links_in(events: &[(Event<'_>, Range<usize>)]) -> Vec<IncidentLink> {
    events
        .iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. }) => {
                dest_url
                    .strip_prefix(INCIDENT_SCHEME)
                    .map(|target| IncidentLink {
                        target: target.trim().to_string(),
                        span: range.clone(),
                    })
            }
            _ => None,
        })
        .collect()
}

/// The HTML of rendered events, from markdown of `length` bytes.
fn to_html<'a>(events: impl Iterator<Item = Event<'a>>, length: usize) -> String {
    let mut html = String::with_capacity(length * 3 / 2);
    pulldown_cmark::html::push_html(&mut html, events);
    kept(replace_controls(html))
}

/// `text` without spare capacity: rendered text is kept for the whole build, and the room reserved
/// while rendering would add up to more than the text over thousands of incidents.
fn kept(mut text: String) -> String {
    text.shrink_to_fit();
    text
}

/// Feeds every event of a parsed document that is not skipped to a [`Renderer`] collecting plain
/// text into `text`, numbering footnotes in the order of `footnotes` (others after them).
fn run<'a>(
    events: Events<'a>,
    options: &MarkdownOptions,
    skip: &[Range<usize>],
    text: PlainText,
    footnotes: &[String],
) -> Renderer<'a> {
    let length = events.last().map_or(0, |(_, range)| range.end);
    run_each(events.into_iter(), length, options, skip, text, footnotes)
}

/// [`run`] on events given one by one, from a document of `length` bytes.
fn run_each<'a>(
    events: impl ExactSizeIterator<Item = (Event<'a>, Range<usize>)>,
    length: usize,
    options: &MarkdownOptions,
    skip: &[Range<usize>],
    text: PlainText,
    footnotes: &[String],
) -> Renderer<'a> {
    let mut renderer = Renderer::new(options, text);
    renderer.footnotes = footnotes.to_vec();
    // Nearly every event is rendered, and the text is at most about as long as the source.
    renderer.events.reserve(events.len() + 4);
    renderer.text.reserve(length);
    // While > 0, the events belong to a skipped element; counts its open tags.
    let mut skipping = 0usize;
    // A footnote definition kept inside a skipped range: its content is kept too.
    let mut footnote: Option<Range<usize>> = None;
    for (event, range) in events {
        if skipping > 0 {
            match event {
                Event::Start(_) => skipping += 1,
                Event::End(_) => skipping -= 1,
                _ => {}
            }
            continue;
        }
        let in_footnote = footnote.as_ref().is_some_and(|f| f.contains(&range.start));
        if !in_footnote && skip.iter().any(|s| s.contains(&range.start)) {
            match event {
                Event::Start(Tag::FootnoteDefinition(_)) => footnote = Some(range.clone()),
                Event::End(_) => {}
                Event::Start(_) => {
                    skipping = 1;
                    continue;
                }
                _ => continue,
            }
        }
        renderer.push(event);
    }
    renderer
}

/// A heading whose inner events are held back until its text, and so its id, is known.
struct PendingHeading<'a> {
    level: HeadingLevel,
    id: Option<CowStr<'a>>,
    classes: Vec<CowStr<'a>>,
    attrs: Vec<(CowStr<'a>, Option<CowStr<'a>>)>,
    events: Vec<Event<'a>>,
    text: String,
}

/// Turns parser events into the events to render, collecting what [`Rendered`] reports.
struct Renderer<'a> {
    raw_html: bool,
    events: Vec<Event<'a>>,
    heading: Option<PendingHeading<'a>>,
    /// The source of the HTML block being read, when raw HTML is escaped.
    html_block: Option<String>,
    ids: HeadingIds,
    headings: Vec<Heading>,
    text: PlainText,
    /// Footnote labels in the order they are numbered, from 1.
    footnotes: Vec<String>,
}

impl<'a> Renderer<'a> {
    fn new(options: &MarkdownOptions, text: PlainText) -> Self {
        Self {
            raw_html: options.raw_html,
            events: Vec::new(),
            heading: None,
            html_block: None,
            ids: HeadingIds::default(),
            headings: Vec::new(),
            text,
            footnotes: Vec::new(),
        }
    }

    fn push(&mut self, event: Event<'a>) {
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                self.text.block_break();
                self.heading = Some(PendingHeading {
                    level,
                    id,
                    classes,
                    attrs,
                    events: Vec::new(),
                    text: String::new(),
                });
            }
            Event::End(TagEnd::Heading(_)) => self.finish_heading(),
            Event::Start(Tag::HtmlBlock) if !self.raw_html => {
                self.html_block = Some(String::new());
            }
            Event::Html(html) if !self.raw_html => match self.html_block.as_mut() {
                Some(block) => block.push_str(&html),
                None => self.emit(Event::Text(html)),
            },
            Event::End(TagEnd::HtmlBlock) if !self.raw_html => self.finish_escaped_html_block(),
            Event::InlineHtml(html) if !self.raw_html => {
                if !is_comment(&html) {
                    self.emit(Event::Text(html));
                }
            }
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }) if !self.raw_html && urls::is_unsafe(&dest_url) => {
                self.emit(Event::Start(Tag::Link {
                    link_type,
                    dest_url: urls::INERT_URL.into(),
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) if !self.raw_html && urls::is_unsafe(&dest_url) => {
                self.emit(Event::Start(Tag::Image {
                    link_type,
                    dest_url: urls::INERT_URL.into(),
                    title,
                    id,
                }));
            }
            Event::Start(Tag::Table(_)) => {
                self.route(Event::Html(TABLE_WRAP_OPEN.into()));
                self.emit(event);
            }
            Event::End(TagEnd::Table) => {
                self.emit(event);
                self.route(Event::Html(TABLE_WRAP_CLOSE.into()));
            }
            Event::FootnoteReference(ref label) => {
                let html = definitions::reference_html(label, self.footnote_number(label));
                self.text.observe(&event);
                self.route(Event::InlineHtml(html.into()));
            }
            Event::Start(Tag::FootnoteDefinition(ref label)) => {
                let html = definitions::definition_html(label, self.footnote_number(label));
                self.text.observe(&event);
                self.route(Event::Html(html.into()));
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                self.text.observe(&event);
                self.route(Event::Html("</div>\n".into()));
            }
            other => self.emit(other),
        }
    }

    /// The number of a footnote: its place in the numbering order, else after every known one.
    fn footnote_number(&mut self, label: &str) -> usize {
        match self.footnotes.iter().position(|known| known == label) {
            Some(at) => at + 1,
            None => {
                self.footnotes.push(label.to_string());
                self.footnotes.len()
            }
        }
    }

    /// Sends an event to the output, or to the heading being read, and reads its text.
    fn emit(&mut self, event: Event<'a>) {
        self.text.observe(&event);
        self.route(event);
    }

    /// Sends an event to the output, or to the heading being read.
    fn route(&mut self, event: Event<'a>) {
        match self.heading.as_mut() {
            Some(heading) => {
                if let Event::Text(text) | Event::Code(text) = &event {
                    heading.text.push_str(text);
                }
                heading.events.push(event);
            }
            None => self.events.push(event),
        }
    }

    fn finish_heading(&mut self) {
        let Some(heading) = self.heading.take() else {
            return;
        };
        let text = collapse_whitespace(&heading.text);
        let id = self.ids.assign(heading.id.as_deref(), &text);
        self.headings.push(Heading {
            level: heading.level as u8,
            id: id.clone(),
            text,
        });
        self.events.push(Event::Start(Tag::Heading {
            level: heading.level,
            id: Some(id.into()),
            classes: heading.classes,
            attrs: heading.attrs,
        }));
        self.events.extend(heading.events);
        self.events.push(Event::End(TagEnd::Heading(heading.level)));
        self.text.block_break();
    }

    /// Shows an HTML block as a paragraph of text, one source line per line; drops a lone comment.
    fn finish_escaped_html_block(&mut self) {
        let Some(block) = self.html_block.take() else {
            return;
        };
        let block = block.trim_end();
        if block.is_empty() || is_comment(block.trim_start()) {
            return;
        }
        self.emit(Event::Start(Tag::Paragraph));
        for (n, line) in block.lines().enumerate() {
            if n > 0 {
                self.emit(Event::HardBreak);
            }
            self.emit(Event::Text(line.to_string().into()));
        }
        self.emit(Event::End(TagEnd::Paragraph));
    }
}

/// Whether `html` is exactly one HTML comment (`<!-- fill in -->`), surrounding whitespace aside.
pub(crate) fn is_comment(html: &str) -> bool {
    let html = html.trim();
    html.starts_with("<!--")
        && html.ends_with("-->")
        && html.find("-->").map(|end| end + 3) == Some(html.len())
}
