//! A part of a parsed body read from the body's events instead of being parsed again on its own.
//!
//! A section read into a field is rendered on its own; parsing its text again costs as much as
//! the body's parse of it did. When the part starts and ends between the body's blocks, the body's
//! events inside it are the events a parse of the part alone gives (with the part's own byte
//! ranges), as long as nothing in it refers to something outside it: a reference link resolved by a
//! definition elsewhere, a footnote. [`Definitions::part_events`](super::Definitions) decides that.

use std::ops::Range;

use pulldown_cmark::Event;

use super::Events;

/// The events of `events` (`body` parsed) inside `part`, with their ranges made relative to the
/// part's start; `None` when the part does not start and end at the start of a line (a block of
/// it alone could take in the indentation that follows), when an event straddles a boundary of
/// `part` (the part starts or ends inside a block), or when the part holds no events.
pub(super) fn events_within<'a>(
    body: &str,
    events: &[(Event<'a>, Range<usize>)],
    part: &Range<usize>,
) -> Option<Events<'a>> {
    let line_start = |at: usize| at == 0 || at == body.len() || body[..at].ends_with('\n');
    if !line_start(part.start) || !line_start(part.end) {
        return None;
    }
    let mut first = None;
    let mut last = 0;
    for (n, (_, range)) in events.iter().enumerate() {
        let before = range.end <= part.start && range.start < part.start;
        let after = range.start >= part.end;
        if before || after {
            continue;
        }
        if range.start < part.start || range.end > part.end {
            return None;
        }
        first.get_or_insert(n);
        last = n;
    }
    let first = first?;
    // Events are in document order: those inside the part follow each other.
    let inside = &events[first..=last];
    if (inside.iter()).any(|(_, range)| range.start < part.start || range.end > part.end) {
        return None;
    }
    Some(
        inside
            .iter()
            .map(|(event, range)| {
                (
                    event.clone(),
                    range.start - part.start..range.end - part.start,
                )
            })
            .collect(),
    )
}

#[cfg(test)]
#[path = "part_tests.rs"]
mod tests;
