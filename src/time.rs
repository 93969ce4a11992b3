//! Reading the times post-mortems are written with: offsets, local times in an IANA zone, dates.

use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;
use jiff::ZonedDateTime;

/// A moment in an incident's history: a whole day, or an instant in a zone.
#[derive(Clone, Debug, PartialEq)]
pub enum When {
    /// Day precision.
    Day(Date),
    /// An instant, kept in the zone it is shown in.
    At(ZonedDateTime),
}

/// Reads RFC 3339 with offset, a local datetime (`2024-11-07T08:00`, `2024-11-07 08:00`) in `tz`, or a date.
pub fn parse_when(text: &str, tz: &TimeZone) -> Result<When, String> {
    let _ = (text, tz);
    Err("not yet".into())
}

/// Reads a `YYYY-MM-DD` date.
pub fn parse_date(text: &str) -> Result<Date, String> {
    let _ = text;
    Err("not yet".into())
}

/// Reads a bare `HH:MM` (or `HH:MM:SS`) clock time.
pub fn parse_clock(text: &str) -> Option<Time> {
    let _ = text;
    None
}

/// Looks up an IANA zone name (`Europe/Oslo`, `UTC`).
pub fn zone(name: &str) -> Result<TimeZone, String> {
    TimeZone::get(name).map_err(|e| e.to_string())
}
