//! Room for a parsed document's events, reserved at once: the parser cannot tell how many it
//! will give, and a list grown one doubling at a time copies every event several times over.

use std::ops::Range;

use pulldown_cmark::Event;

use super::Events;

/// Bytes of markdown per event that leave room for nearly every document: reports give one
/// event per 28 bytes on average, and one per 17 at most.
const BYTES_PER_EVENT: usize = 16;

/// The events of markdown of `length` bytes, in a list reserved for them.
pub(super) fn collect_events<'a>(
    events: impl Iterator<Item = (Event<'a>, Range<usize>)>,
    length: usize,
) -> Events<'a> {
    let mut all = Vec::with_capacity(length / BYTES_PER_EVENT + 8);
    all.extend(events);
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_report_s_events_fit_the_room_reserved_for_them() {
        let section = "## Summary\n\nThe cache node failed, and *every* request went to the database instead. \
            It took 45 minutes to find the cause, mostly because the first alerts pointed elsewhere. \
            Customers who tried again a few minutes later mostly succeeded.\n\n\
            - Writes were rejected while reads kept working from the replicas.\n\
            - Batch jobs were skipped and [started by hand](https://example.com) afterwards.\n\n";
        let body = &section.repeat(10);
        let parsed = super::super::parse(body);
        let events = pulldown_cmark::Parser::new_ext(body, super::super::parser_options());
        assert_eq!(parsed, events.into_offset_iter().collect::<Vec<_>>());
        // Reserved once, and never grown.
        assert_eq!(parsed.capacity(), body.len() / BYTES_PER_EVENT + 8);
    }
}
