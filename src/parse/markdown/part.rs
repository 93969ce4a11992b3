//! A part of a parsed body read from the body's events instead of being parsed again on its own.
//!
//! A section read into a field is rendered on its own; parsing its text again costs as much as
//! the body's parse of it did. When the part starts and ends between the body's blocks, the body's
//! events inside it are the events a parse of the part alone gives (with the part's own byte
//! ranges), as long as nothing in it refers to something outside it: a reference link resolved by a
//! definition elsewhere, a footnote. [`Definitions::part_events`](super::Definitions) decides that.

use std::ops::Range;

use pulldown_cmark::Event;

/// The index in `events` (a parsed body's) of each top-level block's first event, in order.
pub(super) fn blocks(events: &[(Event<'_>, Range<usize>)]) -> Vec<usize> {
    let mut depth = 0usize;
    let mut blocks = Vec::new();
    for (n, (event, _)) in events.iter().enumerate() {
        if depth == 0 {
            blocks.push(n);
        }
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    blocks
}

/// The events of `events` (`body` parsed, its top-level blocks starting at the indices `blocks`)
/// inside `part`, one by one, with their ranges made relative to the part's start (a caller that
/// reads them once needs no list of its own); `None` when the part does
/// not start and end at the start of a line (a block of it alone could take in the indentation
/// that follows), when a block straddles a boundary of `part` (the part starts or ends inside
/// it), or when the part holds no events.
pub(super) fn events_inside<'e, 'a>(
    body: &str,
    events: &'e [(Event<'a>, Range<usize>)],
    blocks: &[usize],
    part: &Range<usize>,
) -> Option<impl ExactSizeIterator<Item = (Event<'a>, Range<usize>)> + 'e> {
    let line_start = |at: usize| at == 0 || at == body.len() || body[..at].ends_with('\n');
    if !line_start(part.start) || !line_start(part.end) {
        return None;
    }
    // Top-level blocks start in document order: the part's are those starting inside it.
    let starts_before = |at: usize| blocks.partition_point(|&n| events[n].1.start < at);
    let (first, after) = (starts_before(part.start), starts_before(part.end));
    if first >= after {
        return None;
    }
    // The block before the part ends before it.
    if first > 0 && events[blocks[first - 1]].1.end > part.start {
        return None;
    }
    let end = blocks.get(after).copied().unwrap_or(events.len());
    let inside = &events[blocks[first]..end];
    if (inside.iter()).any(|(_, range)| range.start < part.start || range.end > part.end) {
        return None;
    }
    let start = part.start;
    Some(
        inside
            .iter()
            .map(move |(event, range)| (event.clone(), range.start - start..range.end - start)),
    )
}

#[cfg(test)]
#[path = "part_tests.rs"]
mod tests;
