//! An incident's times: the phases of `[times]` (checked to be in order) and the timeline, from front
//! matter or from the Timeline section; and a written time or date read in the incident's zone.

use jiff::civil::Date;
use jiff::tz::TimeZone;

use super::Reader;
use crate::diagnostic::Problem;
use crate::model::phase::{Phase, Times};
use crate::parse::front_matter::{self, At};
use crate::parse::reader::file_start;
use crate::parse::sections::Field;
use crate::parse::timeline::{self, TimelineEntry};
use crate::util::time::{self, When};

impl Reader<'_> {
    /// The phases of `[times]`, each checked to come after the ones before it, with the durations
    /// a Stats section states.
    pub(super) fn times(&mut self) -> Times {
        let mut times = read_times(&self.front.times, &self.tz, self.problems);
        self.stated_durations(&mut times);
        times
    }

    /// The timeline: from `[[timeline]]`, else from the Timeline section, whose tables and lists
    /// read as entries leave the body (the whole section, when it holds nothing else; its other
    /// text stays in the body under its heading). Bare times take `default_date`.
    pub(super) fn timeline(&mut self, default_date: Option<Date>) -> Vec<TimelineEntry> {
        if let Some(entries) = &self.front.timeline {
            let times = entries
                .iter()
                .map(|e| (e.at.value.as_str(), e.at.span.clone()));
            let (placed, found) = timeline::place_all(times, default_date, &self.tz);
            self.problems.extend(found);
            return entries
                .iter()
                .zip(placed)
                .map(|(e, (at, end))| TimelineEntry {
                    at,
                    end,
                    time_text: e.at.value.clone(),
                    text: e.text.clone(),
                    kind: e.kind.clone(),
                    span: e.at.span.clone(),
                })
                .collect();
        }
        let Some(section) = self.section(Field::Timeline) else {
            return Vec::new();
        };
        let (content, whole) = (section.content.clone(), section.whole.clone());
        let text = &self.body[content.clone()];
        // The section's events from the body's when they are the same, else parsed again.
        let events = (self
            .definitions
            .part_events(self.body, &self.events, &content))
        .unwrap_or_else(|| crate::parse::markdown::parse(text));
        let read = timeline::read_parsed(text, events, default_date, &self.tz);
        let shift = self.base + content.start;
        (self.problems).extend(read.problems.into_iter().map(|p| p.shifted(shift)));
        let mut entries = read.entries;
        for entry in &mut entries {
            entry.span = entry.span.start + shift..entry.span.end + shift;
        }
        if read.more {
            let start = content.start;
            let blocks = read.blocks.iter().map(|r| r.start + start..r.end + start);
            self.consumed.extend(blocks);
        } else {
            self.consumed.push(whole);
        }
        entries
    }
}

fn read_times(raw: &front_matter::RawTimes, tz: &TimeZone, problems: &mut Vec<Problem>) -> Times {
    let mut times = Times::default();
    for (&phase, at) in raw {
        *times.slot(phase) = when(at, tz, problems);
    }
    let known = times.known();
    for (i, (key, later)) in known.iter().enumerate() {
        if let Some((earlier_key, _)) = known[..i]
            .iter()
            .rev()
            .find(|(_, e)| is_after(e, later, tz))
        {
            let span = Phase::parse(key)
                .and_then(|phase| raw.get(&phase))
                .map_or(file_start(), |a| a.span.clone());
            problems.push(
                Problem::error(span, format!("`{key}` is before `{earlier_key}`"))
                    .with_help("times must be in order: started ≤ detected ≤ acknowledged ≤ mitigated ≤ resolved"),
            );
        }
    }
    times
}
/// Whether `earlier` is after `later`; a time without a time of day is compared at its own
/// precision, so `started = 2024-01-01T10:00` and `resolved = 2024-01-01` are in order, and so
/// are `started = 2014-03-20` and `resolved = 2014-03`.
fn is_after(earlier: &When, later: &When, tz: &TimeZone) -> bool {
    match (earlier, later) {
        (When::At(_), When::At(_)) => earlier.timestamp(tz) > later.timestamp(tz),
        _ => {
            let keep = precision(earlier).min(precision(later));
            let cut = |when: &When| {
                let date = when.date();
                let (month, day) = (date.month(), date.day());
                (
                    date.year(),
                    if keep > 0 { month } else { 1 },
                    if keep > 1 { day } else { 1 },
                )
            };
            cut(earlier) > cut(later)
        }
    }
}

/// How finely `when` is known: 0 a year, 1 a month, 2 a day or finer.
fn precision(when: &When) -> u8 {
    match when {
        When::Year(_) => 0,
        When::Month(_) => 1,
        When::Day(_) | When::At(_) => 2,
    }
}

mod stats;

#[cfg(test)]
mod tests;

/// Parses a written time in `tz`, reporting what would be valid.
pub(crate) fn when(at: &At<String>, tz: &TimeZone, problems: &mut Vec<Problem>) -> Option<When> {
    match time::parse_when_noted(&at.value, tz) {
        Ok((when, note)) => {
            crate::parse::timeline::warn_skipped(at.span.clone(), note, problems);
            Some(when)
        }
        Err(reason) => {
            problems.push(
                Problem::error(at.span.clone(), reason)
                    .with_help("write `2024-11-07`, `2024-11-07 08:00` (in the incident's timezone) or `2024-11-07T08:00:00+01:00`"),
            );
            None
        }
    }
}

/// Parses a written date, reporting what would be valid.
pub(crate) fn date(at: &At<String>, tz: &TimeZone, problems: &mut Vec<Problem>) -> Option<Date> {
    when(at, tz, problems).map(|w| w.date())
}
