//! Placing the times of a timeline: bare clocks dated from the entry above, dates with clocks,
//! ranges with their end, approximations, and dates whose time is a placeholder.

use std::ops::Range;

use jiff::civil::{Date, Time};
use jiff::tz::TimeZone;

use super::time_text::{
    as_clock, as_date, core_time, looks_like_time, own_offset, seconds, split_range, split_utc,
};
use super::{Placement, Reader, TIME_HELP, warn_skipped};
use crate::diagnostic::Problem;
use crate::util::time::{When, parse_when_noted, place_local};

/// A time placed, with the note when the local time written does not exist.
type Placed = (When, Option<String>);

/// The date and the placeholder of a time such as `2022-06-02 HH:mm` or `2022-06-02 14:??`: a
/// readable date, then something standing where its time should be.
fn dated_placeholder(time: &str) -> Option<(Date, &str)> {
    let (day, clock) = core_time(time).split_once(char::is_whitespace)?;
    let clock = clock.trim();
    let date = as_date(day)?;
    (looks_like_time(clock) && as_clock(clock).is_none()).then_some((date, clock))
}

/// Why an entry could not be placed.
enum Unplaced {
    /// A bare clock time with no date above it and no default date.
    NoDate,
    /// The time is unreadable; the reason.
    Unreadable(String),
}

impl Reader<'_> {
    /// Reads `time` (found at `span`) as [`Reader::place`] does, with the end of the range it is
    /// (`09:00 - 11:00`): on the start's day in the start's zone, the next day when it is earlier.
    pub(super) fn place_range(&mut self, time: &str, span: Range<usize>) -> Placement {
        // Whether `time` is a range depends on nothing that placing its start changes: it is
        // found once, for both.
        let range_end = self.range_end(time);
        let start = self.place(time, span, range_end.is_some());
        let end = match (&start, range_end.and_then(as_clock)) {
            (Some(When::At(from)), Some(clock)) => {
                let zone = from.time_zone();
                let on = |date: Date| place_local(date.to_datetime(clock), zone).ok();
                on(from.date())
                    .filter(|(end, _)| end >= from)
                    .or_else(|| from.date().tomorrow().ok().and_then(on))
                    .map(|(end, _)| When::At(end))
            }
            _ => None,
        };
        (start, end)
    }

    /// Reads `time` (found at `span`; a range when `range`); a warning when it cannot be placed.
    fn place(&mut self, time: &str, span: Range<usize>, range: bool) -> Option<When> {
        match self.resolve(time, range) {
            Ok((when, note)) => {
                warn_skipped(span.clone(), note, &mut self.problems);
                if let (When::At(zoned), Some(named)) = (&when, &mut self.named)
                    && !own_offset(time)
                {
                    self.problems.extend(named.check(zoned, span));
                }
                self.last = Some(when.clone());
                Some(when)
            }
            Err(Unplaced::NoDate) => {
                self.problems.push(
                    Problem::warning(
                        span,
                        format!("`{time}` has no date: there is no dated entry above it and the incident has no date"),
                    )
                    .with_help("write the first entry with its date (`YYYY-MM-DD HH:MM`), or give the incident a `date`"),
                );
                None
            }
            Err(Unplaced::Unreadable(_)) if let Some((date, clock)) = dated_placeholder(time) => {
                self.problems.push(
                    Problem::warning(
                        span,
                        format!(
                            "`{clock}` is not a time; the entry is placed on {date}, without a time"
                        ),
                    )
                    .with_help(TIME_HELP),
                );
                let day = When::Day(date);
                self.last = Some(day.clone());
                Some(day)
            }
            Err(Unplaced::Unreadable(reason)) => {
                self.problems.push(
                    Problem::warning(
                        span,
                        format!("{reason}; the entry is kept but not placed on the timeline"),
                    )
                    .with_help(TIME_HELP),
                );
                None
            }
        }
    }

    /// Reads `time` (a range when `range`); failing that, the time it approximates or starts
    /// (`~10:05`, `10:05–10:10`).
    fn resolve(&self, time: &str, range: bool) -> Result<Placed, Unplaced> {
        if range {
            return self.resolve_exact(core_time(time));
        }
        match self.resolve_exact(time) {
            Err(Unplaced::Unreadable(reason)) => {
                let core = core_time(time);
                if core == time {
                    return Err(Unplaced::Unreadable(reason));
                }
                match self.resolve_exact(core) {
                    Err(Unplaced::Unreadable(_)) => Err(Unplaced::Unreadable(reason)),
                    other => other,
                }
            }
            other => other,
        }
    }

    /// When `time` is a range (`10:05–10:10`, `2024-01-16 10:05-10:10`) rather than one time:
    /// it ends in a dash and a clock, and either does not read as one time, or is written without
    /// `T` and the clock after the dash is later than the one before it (`10:05-10:10` is a
    /// window, not the offset -10:10; `2024-01-16T10:05-05:00` is an offset). Gives the clock
    /// after the dash (`10:10` of `10:05-10:10`) when it is one.
    ///
    /// It does not depend on the entries above: a time ending in a dash and a clock is no bare
    /// clock, so [`Reader::resolve_exact`] reads it, or not, whatever the entry above is.
    pub(super) fn range_end<'t>(&self, time: &'t str) -> Option<&'t str> {
        let (start, Some(end)) = split_range(time) else {
            return None;
        };
        if self.resolve_exact(time).is_err() {
            return Some(end);
        }
        let from = start.rsplit(char::is_whitespace).next().and_then(as_clock);
        let range = !time.contains(['T', 't'])
            && from.zip(as_clock(end)).is_some_and(|(from, to)| to > from);
        range.then_some(end)
    }

    /// Reads `time` as written: a bare clock (dated from above), a date and clock, or what
    /// [`parse_when_noted`] reads.
    fn resolve_exact(&self, time: &str) -> Result<Placed, Unplaced> {
        let (core, utc) = split_utc(time);
        let zone = if utc {
            TimeZone::UTC
        } else {
            self.zone.clone()
        };
        if let Some(clock) = as_clock(core) {
            let (date, previous) = match &self.last {
                Some(When::At(zoned)) => (zoned.date(), Some(zoned.time())),
                Some(When::Day(date)) => (*date, None),
                Some(partial @ (When::Year(_) | When::Month(_))) => {
                    return Err(Unplaced::Unreadable(format!(
                        "`{time}` has no day to take: the entry above is dated `{}` only",
                        partial.iso()
                    )));
                }
                None => (self.default_date.ok_or(Unplaced::NoDate)?, None),
            };
            let rolls_over = previous.is_some_and(|p| seconds(p) > seconds(clock) + 12 * 3600);
            let date = if rolls_over {
                date.tomorrow().unwrap_or(date)
            } else {
                date
            };
            return self.local(date, clock, &zone);
        }
        if let Some((day, clock)) = core.split_once(char::is_whitespace)
            && let (Some(date), Some(clock)) = (as_date(day), as_clock(clock))
        {
            return self.local(date, clock, &zone);
        }
        parse_when_noted(time, &self.zone).map_err(|reason| {
            let dated = time.len() > 4
                && time.starts_with(|c: char| c.is_ascii_digit())
                && time.contains('-');
            Unplaced::Unreadable(if dated {
                reason
            } else {
                format!("`{time}` is not a time")
            })
        })
    }

    /// `date` at `clock` in `zone` (DST gaps move forward, folds take the earlier instant),
    /// shown in the zone of this part of the timeline.
    fn local(&self, date: Date, clock: Time, zone: &TimeZone) -> Result<Placed, Unplaced> {
        let (zoned, note) =
            place_local(date.to_datetime(clock), zone).map_err(Unplaced::Unreadable)?;
        Ok((When::At(zoned.with_time_zone(self.zone.clone())), note))
    }
}
