//! Timeline entries read from a Timeline section's table or list.
//!
//! Post-mortems written from templates keep their timeline as a markdown table (`| 12:10 | … |`)
//! or a list (`- 12:10 – …`). This module turns either into [`TimelineEntry`]s. Times are read
//! leniently: a bare `HH:MM` takes the date of the entry above (the next day when it is more than
//! twelve hours earlier, as in `23:50` → `00:10`), a line such as "All times in UTC" changes the
//! zone of the entries after it, and a time that cannot be read is a warning, never an error: the
//! entry is kept, unplaced.

use std::ops::Range;

use jiff::civil::Date;
use jiff::tz::TimeZone;
use pulldown_cmark::{Event, Tag};

use crate::diagnostic::Problem;
use crate::parse::lines::split_lines;
use crate::parse::markdown::{Events, is_comment, parse};
use crate::util::time::When;

pub(crate) mod list_item;
mod placing;
mod season;
mod table;
mod time_text;
mod zone_line;

#[cfg(test)]
mod placing_tests;
#[cfg(test)]
mod property_tests;
#[cfg(test)]
mod read_tests;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod written_tests;

pub use crate::model::timeline::TimelineEntry;
use list_item::{ListItem, read_list, skip_block, take_block, trim_end};
use table::read_table;
use time_text::{date_line, leading_time};

/// The forms a timeline time may take, for help lines.
const TIME_HELP: &str = "write the time as `HH:MM` (it takes the date of the entry above), \
                         `YYYY-MM-DD HH:MM`, or RFC 3339 with an offset (`2024-11-07T08:00:00+01:00`)";

/// What a Timeline section gives: its entries, and which of its blocks they were read from.
pub struct Read {
    /// The entries, in the order they are written.
    pub entries: Vec<TimelineEntry>,
    /// Warnings, at byte ranges of the section.
    pub problems: Vec<Problem>,
    /// The byte ranges of the tables and lists read as entries, which the page shows as the
    /// timeline.
    pub blocks: Vec<Range<usize>>,
    /// Whether the section holds text besides those blocks (a zone line, a paragraph, a
    /// subheading, a list beside a table), which the page keeps in the body.
    pub more: bool,
}

/// Reads the entries of a Timeline section (its markdown, without the heading).
///
/// Tables are read when the section has one (a list beside it is taken as notes); otherwise the
/// section's lists are read. `default_date` is the date bare times take when no entry above has
/// one; `tz` is the zone of times without an offset until a line such as "All times in UTC"
/// names another. Entries keep the zone they were written in. Problem spans are byte ranges in
/// `section`.
pub fn extract(
    section: &str,
    default_date: Option<Date>,
    tz: &TimeZone,
) -> (Vec<TimelineEntry>, Vec<Problem>) {
    let read = read(section, default_date, tz);
    (read.entries, read.problems)
}

/// [`extract`], also telling which blocks of the section the entries came from and whether
/// anything else was written there, so that no word of the section is lost.
pub fn read(section: &str, default_date: Option<Date>, tz: &TimeZone) -> Read {
    read_parsed(section, parse(section), default_date, tz)
}

/// [`read`] of a section already parsed into `events`.
pub fn read_parsed(
    section: &str,
    events: Events<'_>,
    default_date: Option<Date>,
    tz: &TimeZone,
) -> Read {
    let has_table = events
        .iter()
        .any(|(event, _)| matches!(event, Event::Start(Tag::Table(_))));
    let mut reader = Reader::new(section, default_date, tz);
    let (mut blocks, mut more) = (Vec::new(), false);
    let mut events = events.into_iter();
    while let Some((event, range)) = events.next() {
        match event {
            Event::Start(Tag::Table(_)) => {
                let rows = read_table(&mut events, section);
                reader.table(&rows);
                blocks.push(range);
            }
            Event::Start(Tag::List(_)) => {
                let items = read_list(&mut events, section);
                if has_table {
                    more = true;
                } else {
                    reader.items(&items);
                    blocks.push(range);
                }
            }
            Event::Start(Tag::Paragraph) => {
                skip_block(&mut events);
                reader.note(range);
                more = true;
            }
            Event::Start(Tag::Heading { .. }) => {
                // The heading's text, without its `#`s and `{#id}`: `### 2024-11-08 {#day-two}`.
                let text = heading_text(&mut events).unwrap_or(range);
                reader.note(text);
                more = true;
            }
            Event::Start(Tag::BlockQuote(_)) => more = true,
            Event::Start(Tag::HtmlBlock) => {
                skip_block(&mut events);
                more |= !is_comment(&section[range]);
            }
            // Footnote definitions are kept in the body wherever they are written.
            Event::Start(Tag::FootnoteDefinition(_)) => skip_block(&mut events),
            Event::Start(_) => {
                skip_block(&mut events);
                more = true;
            }
            _ => {}
        }
    }
    Read {
        entries: reader.entries,
        problems: reader.problems,
        blocks,
        more,
    }
}

/// Warns at `span` when the local time written there does not exist (`note`, from
/// [`crate::util::time::parse_when_noted`] or [`crate::util::time::place_local`]: the clocks skip it in spring); nothing without a note.
/// Every written time, in `[times]`, `[[timeline]]` or a Timeline section, is warned about here.
pub(crate) fn warn_skipped(span: Range<usize>, note: Option<String>, problems: &mut Vec<Problem>) {
    if let Some(note) = note {
        problems.push(
            Problem::warning(span, note)
                .with_help("write the time as the clocks showed it, or with its offset"),
        );
    }
}

/// The source range of a heading's text, from its first to its last inline event, taking the
/// events up to the end of the heading; `None` for an empty heading.
fn heading_text<'a>(
    events: &mut impl Iterator<Item = (Event<'a>, Range<usize>)>,
) -> Option<Range<usize>> {
    let mut text: Option<Range<usize>> = None;
    take_block(events, |range| {
        text = Some(match text.take() {
            Some(t) => t.start.min(range.start)..t.end.max(range.end),
            None => range,
        });
    });
    text
}

/// A time as placed (`None` when it could not be), and the end of its range when it is one.
pub type Placement = (Option<When>, Option<When>);

/// Places times written one by one, as front-matter `[[timeline]]` entries are, by the rules of a
/// Timeline section: a bare `HH:MM` takes the date of the entry above (the next day when it is
/// more than 12 hours earlier), else `default_date`; a time that cannot be read is a warning and
/// stays unplaced; a range (`10:05-10:10`) keeps its end. Each time comes with its place in the
/// file, where problems are reported; each placed time comes with the end of its range.
pub fn place_all<'t>(
    times: impl IntoIterator<Item = (&'t str, Range<usize>)>,
    default_date: Option<Date>,
    tz: &TimeZone,
) -> (Vec<Placement>, Vec<Problem>) {
    let mut reader = Reader::new("", default_date, tz);
    let placed = times
        .into_iter()
        .map(|(time, span)| reader.place_range(time, span))
        .collect();
    (placed, reader.problems)
}

/// Reading one section: the zone in force and the entry bare times take their date from.
struct Reader<'s> {
    /// The section's markdown.
    section: &'s str,
    /// The incident's zone, for "local time".
    home: TimeZone,
    /// The zone of offset-less times here.
    zone: TimeZone,
    /// The zone's name, when it is a season's abbreviation (`CET`, `CEST`).
    named: Option<season::Named>,
    /// The date bare times take when there is no entry above.
    default_date: Option<Date>,
    /// The last placed entry (or date line), which bare times take their date from.
    last: Option<When>,
    entries: Vec<TimelineEntry>,
    problems: Vec<Problem>,
}

impl<'s> Reader<'s> {
    fn new(section: &'s str, default_date: Option<Date>, tz: &TimeZone) -> Self {
        Reader {
            section,
            home: tz.clone(),
            zone: tz.clone(),
            named: None,
            default_date,
            last: None,
            entries: Vec::new(),
            problems: Vec::new(),
        }
    }

    /// A paragraph or heading between entries: zone lines and date lines.
    fn note(&mut self, range: Range<usize>) {
        let section = self.section;
        let mut start = range.start;
        for line in split_lines(&section[range]) {
            let line_range = trim_end(section, start..start + line.len());
            start += line.len();
            if !self.zone_line(line_range.clone())
                && let Some(date) = date_line(&section[line_range])
            {
                self.last = Some(When::Day(date));
            }
        }
    }

    /// Applies `range` if it is a line naming the zone of the times after it; whether it was one.
    fn zone_line(&mut self, range: Range<usize>) -> bool {
        match zone_line::find(&self.section[range.clone()]) {
            Some(found) => self.set_zone(&found, range.start),
            None => false,
        }
    }

    /// Sets the zone `found` names (its range counted from `base` in the section); an unknown
    /// name is a warning when `found` is surely about zones. Whether `found` named a zone.
    fn set_zone(&mut self, found: &zone_line::ZoneLine, base: usize) -> bool {
        let span = base + found.name.start..base + found.name.end;
        let name = &self.section[span.clone()];
        match zone_line::resolve(name, &self.home) {
            Some(zone) => {
                self.zone = zone;
                self.named = season::Named::of(name);
            }
            None if found.strict => {
                let current = self.zone.iana_name().unwrap_or("the incident's zone");
                self.problems.push(
                    Problem::warning(
                        span,
                        format!(
                            "`{name}` is not a known time zone; times after it stay in `{current}`"
                        ),
                    )
                    .with_help(
                        "name an IANA zone such as `Europe/Oslo` or `UTC`, or write `norsk tid`",
                    ),
                );
            }
            None => return false,
        }
        true
    }

    /// Reads list items as entries; an item that is only a date (with entries nested under it)
    /// or only a zone line is not an entry itself.
    fn items(&mut self, items: &[ListItem]) {
        let section = self.section;
        for item in items {
            let own = item.own.clone();
            let own_text = &section[own.clone()];
            if own_text.is_empty() {
                self.items(&item.children);
                continue;
            }
            if !own_text.contains('\n') && self.zone_line(own.clone()) {
                continue;
            }
            if let Some(date) = date_line(own_text) {
                self.last = Some(When::Day(date));
                self.items(&item.children);
                continue;
            }
            let (at, time_text, span, text_from) = match leading_time(own_text) {
                Some((time, rest)) => {
                    let span = own.start + time.start..own.start + time.end;
                    let at = self.place_range(&own_text[time.clone()], span.clone());
                    (at, own_text[time].to_string(), span, own.start + rest)
                }
                None => {
                    let first_line = own_text.lines().next().unwrap_or_default();
                    self.problems.push(
                        Problem::warning(
                            own.start..own.start + first_line.len(),
                            "this timeline entry has no time; it is kept but not placed",
                        )
                        .with_help(TIME_HELP),
                    );
                    ((None, None), String::new(), own.start..own.start, own.start)
                }
            };
            let text = item.body_from(section, text_from);
            self.entries.push(TimelineEntry {
                at: at.0,
                end: at.1,
                time_text,
                text,
                kind: None,
                span,
            });
        }
    }
}
