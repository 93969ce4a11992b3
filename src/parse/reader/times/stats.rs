//! Durations a post-mortem states in its Stats section ("Time to detection: 54 minutes",
//! "Tid til deteksjon: 1 t 20 min"): they stand in for the phase durations the times cannot
//! measure, and a stated duration the times contradict is a warning.

use std::ops::Range;

use jiff::SignedDuration;
use pulldown_cmark::{Event, Tag};

use crate::diagnostic::Problem;
use crate::model::phase::{Phase, Times};
use crate::parse::lines::split_lines;
use crate::parse::reader::Reader;
use crate::util::time::{DURATION_FORMS, parse_duration};

/// Headings of a Stats section, lowercase.
const HEADINGS: &[&str] = &[
    "stats",
    "statistics",
    "incident stats",
    "key figures",
    "key metrics",
    "metrics",
    "statistikk",
    "nøkkeltall",
];

/// The labels of stated durations (lowercase), each with the phase it measures up to.
const LABELS: &[(&str, Phase)] = &[
    ("time to detect", Phase::Detected),
    ("time to detection", Phase::Detected),
    ("time to discovery", Phase::Detected),
    ("tid til deteksjon", Phase::Detected),
    ("tid til oppdagelse", Phase::Detected),
    ("time to acknowledge", Phase::Acknowledged),
    ("time to acknowledgement", Phase::Acknowledged),
    ("time to acknowledgment", Phase::Acknowledged),
    ("time to respond", Phase::Acknowledged),
    ("tid til respons", Phase::Acknowledged),
    ("tid til kvittering", Phase::Acknowledged),
    ("time to mitigate", Phase::Mitigated),
    ("time to mitigation", Phase::Mitigated),
    ("tid til mitigering", Phase::Mitigated),
    ("tid til avbøting", Phase::Mitigated),
    ("time to resolve", Phase::Resolved),
    ("time to resolution", Phase::Resolved),
    ("time to recovery", Phase::Resolved),
    ("duration", Phase::Resolved),
    ("total duration", Phase::Resolved),
    ("tid til løsning", Phase::Resolved),
    ("tid til gjenoppretting", Phase::Resolved),
    ("varighet", Phase::Resolved),
    ("total varighet", Phase::Resolved),
];

/// A stated duration as found: its phase, its label and value as written, and the value's range
/// in the body.
struct Stat<'b> {
    phase: Phase,
    label: &'b str,
    value: &'b str,
    span: Range<usize>,
}

impl Reader<'_> {
    /// Puts the durations the body's Stats section states into `times`. A value that is not a
    /// duration, a phase stated twice, and a stated duration that differs from the one the times
    /// measure are warnings; the measured one is used.
    pub(super) fn stated_durations(&mut self, times: &mut Times) {
        for stat in stats(self.body, &self.events) {
            let span = self.base + stat.span.start..self.base + stat.span.end;
            let (label, value) = (stat.label, stat.value);
            let Some(stated) = parse_duration(value) else {
                self.problems.push(
                    Problem::warning(
                        span,
                        format!("`{value}` is not a duration, so \"{label}\" is not used"),
                    )
                    .with_help(format!("write {DURATION_FORMS}")),
                );
                continue;
            };
            if times.stated_for(stat.phase).is_some() {
                self.problems.push(
                    Problem::warning(
                        span,
                        format!("\"{label}\" is stated twice; the first one is used"),
                    )
                    .with_help("keep one line per duration in the Stats section"),
                );
                continue;
            }
            if let Some(measured) = times.measured(stat.phase, &self.tz)
                && differs(stated, measured)
            {
                self.problems.push(
                    Problem::warning(
                        span,
                        format!(
                            "\"{label}\" is stated as {}, but the times measure {}; the measured \
                             one is shown",
                            minutes(stated),
                            minutes(measured),
                        ),
                    )
                    .with_help("correct the stated duration or the times, so that they agree"),
                );
            }
            times.stated.push((stat.phase, stated));
        }
    }
}

/// Whether a stated duration disagrees with a measured one by more than a minute and 5 %.
fn differs(stated: SignedDuration, measured: SignedDuration) -> bool {
    let off = (stated.as_secs() - measured.as_secs()).abs();
    off > 60 && off * 20 > measured.as_secs().abs()
}

/// A duration in hours and minutes, for messages: `54 min`, `1 h 20 min`.
fn minutes(duration: SignedDuration) -> String {
    let total = duration.as_secs() / 60;
    match (total / 60, total % 60) {
        (0, m) => format!("{m} min"),
        (h, 0) => format!("{h} h"),
        (h, m) => format!("{h} h {m} min"),
    }
}

/// The stated durations of the Stats sections of `body`, in order.
fn stats<'b>(body: &'b str, events: &[(Event<'_>, Range<usize>)]) -> Vec<Stat<'b>> {
    let mut found = Vec::new();
    for range in sections(body, events) {
        let mut start = range.start;
        for line in split_lines(&body[range]) {
            found.extend(stat_line(line, start));
            start += line.len();
        }
    }
    found
}

/// The byte ranges of the Stats sections of `body`: from after the heading to the next heading
/// of the same or a higher level.
fn sections(body: &str, events: &[(Event<'_>, Range<usize>)]) -> Vec<Range<usize>> {
    let headings: Vec<(usize, Range<usize>)> = events
        .iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Heading { level, .. }) => Some((*level as usize, range.clone())),
            _ => None,
        })
        .collect();
    headings
        .iter()
        .enumerate()
        .filter(|(_, (_, range))| {
            let title = body[range.clone()].lines().next().unwrap_or_default();
            let title = title.trim().trim_matches('#').trim().trim_end_matches(':');
            HEADINGS.iter().any(|h| title.eq_ignore_ascii_case(h))
        })
        .map(|(i, (level, range))| {
            let end = headings[i + 1..]
                .iter()
                .find(|(next, _)| next <= level)
                .map_or(body.len(), |(_, next)| next.start);
            range.end..end
        })
        .collect()
}

/// The stated duration a line of a Stats section gives (`- **Time to detection:** 54 minutes`,
/// `| Tid til deteksjon | 1 t 20 min |`), if its label is a known one; `offset` is where the line
/// starts in the body.
fn stat_line(line: &str, offset: usize) -> Option<Stat<'_>> {
    let body = line.trim_start().trim_start_matches(['-', '*', '+', '|']);
    let (label, value) = if line.trim_start().starts_with('|') {
        let mut cells = body.split('|');
        (cells.next()?, cells.next()?)
    } else {
        body.split_once(':')?
    };
    let (label, value) = (plain(label), plain(value));
    let phase = LABELS
        .iter()
        .find(|(known, _)| label.eq_ignore_ascii_case(known))?
        .1;
    let start = offset + (value.as_ptr() as usize - line.as_ptr() as usize);
    Some(Stat {
        phase,
        label,
        value,
        span: start..start + value.len(),
    })
}

/// `text` without surrounding spaces, emphasis and colons (`**Time to detect:**` → `Time to detect`).
fn plain(text: &str) -> &str {
    text.trim().trim_matches(['*', '_', ':', ' ']).trim()
}

#[cfg(test)]
mod tests;
