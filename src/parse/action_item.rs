//! Action items read from an Action items section's list (`- [ ] Do it @owner due 2025-01-01 OPS-1`).
//!
//! Teams keep follow-ups as a plain checklist; this module reads each top-level item into an
//! [`ActionDraft`]: the task box and a trailing `(done)`-style word give the status, `@name` the
//! owner, `due`/`frist YYYY-MM-DD` the due date, a link, URL or tracker key the ticket. Markers
//! are taken out of the title. Nested lists are notes on their item, not actions of their own.

use std::ops::Range;

use jiff::civil::Date;
use pulldown_cmark::{Event, Tag};

use crate::diagnostic::Problem;
use crate::model::action::ActionStatus;
use crate::parse::markdown::parse;
use crate::parse::timeline::list_item::{ListItem, read_list, skip_block};

mod markers;
mod title;

#[cfg(test)]
mod parsed_tests;
#[cfg(test)]
mod tests;

/// One action item as written in a section, before ids and defaults are given.
#[derive(Clone, Debug, PartialEq)]
pub struct ActionDraft {
    /// What is to be done (markdown inline text), markers removed.
    pub title: String,
    /// From the task box or a trailing `(done)`-style word; `None` means not given (open).
    pub status: Option<ActionStatus>,
    /// The `@name` owner, without the `@`.
    pub owner: Option<String>,
    /// The `due`/`frist` date.
    pub due: Option<Date>,
    /// A link's URL, a bare URL, or a tracker key (`OPS-123`, `#123`).
    pub ticket: Option<String>,
    /// The item's byte range in the section.
    pub span: Range<usize>,
    /// What the item holds after its first paragraph (nested lists, more paragraphs), as markdown.
    pub notes: Option<String>,
}

/// Reads the actions of an Action items section (its markdown, without the heading).
///
/// Each item of a top-level list is one action; text outside lists is ignored. A malformed due
/// date and an item with no title left are errors; spans are byte ranges in `section`.
pub fn extract(section: &str) -> (Vec<ActionDraft>, Vec<Problem>) {
    extract_parsed(section, parse(section))
}

/// [`extract`] from a section already parsed into `events` (as [`parse`] parses it).
pub fn extract_parsed<'a>(
    section: &str,
    events: impl IntoIterator<Item = (Event<'a>, Range<usize>)>,
) -> (Vec<ActionDraft>, Vec<Problem>) {
    let mut events = events.into_iter();
    let mut drafts = Vec::new();
    let mut problems = Vec::new();
    while let Some((event, _)) = events.next() {
        match event {
            Event::Start(Tag::List(_)) => {
                for item in read_list(&mut events, section) {
                    drafts.extend(draft(section, &item, &mut problems));
                }
            }
            Event::Start(_) => skip_block(&mut events),
            _ => {}
        }
    }
    (drafts, problems)
}

/// Reads one item; `None` (and an error) when no title is left.
fn draft(section: &str, item: &ListItem, problems: &mut Vec<Problem>) -> Option<ActionDraft> {
    let own = item.own.clone();
    let text = &section[own.clone()];
    let found = markers::find(text);
    if let Some((span, reason)) = found.bad_due {
        problems.push(
            Problem::error(own.start + span.start..own.start + span.end, reason).with_help(
                "write the due date as `due YYYY-MM-DD` (or `frist YYYY-MM-DD`), such as `due 2025-05-01`",
            ),
        );
    }
    let (title, trailing_status) = title::clean(text, &found.removed);
    if title.is_empty() {
        problems.push(
            Problem::error(item.range.clone(), "this action item has no title").with_help(
                "write what is to be done before the markers, such as \
                 `- [ ] Add a health check for cache nodes @sre due 2025-05-01`",
            ),
        );
        return None;
    }
    let boxed = item.task.map(|done| {
        if done {
            ActionStatus::Done
        } else {
            ActionStatus::Open
        }
    });
    Some(ActionDraft {
        title,
        status: trailing_status.or(boxed),
        owner: found.owner,
        due: found.due,
        ticket: found.ticket,
        span: item.range.clone(),
        notes: Some(item.body_from(section, own.end).trim().to_string()).filter(|n| !n.is_empty()),
    })
}
