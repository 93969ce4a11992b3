//! One event of an incident's timeline, as read.

use std::ops::Range;

use crate::util::time::When;

/// One event of an incident's timeline.
#[derive(Clone, Debug, PartialEq)]
pub struct TimelineEntry {
    /// When it happened; `None` when the time could not be read (a warning says why).
    pub at: Option<When>,
    /// When it ended, for a range such as `09:00 - 11:00`; `None` for a moment.
    pub end: Option<When>,
    /// The time as written (`12:10`, `2024-11-07 12:10`), empty when none was written.
    pub time_text: String,
    /// The event, as markdown source.
    pub text: String,
    /// The event's kind, from a Kind/Type/Kategori column.
    pub kind: Option<String>,
    /// Byte range of the time as written, in the section (empty, at the entry, when none was).
    pub span: Range<usize>,
}

impl TimelineEntry {
    /// The entry's times: its moment and the end of its range, where known.
    pub fn times(&self) -> impl Iterator<Item = &When> {
        self.at.iter().chain(&self.end)
    }
}
