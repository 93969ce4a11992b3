//! The metrics figures: incidents by month and severity, and how long each phase took (median and
//! 90th percentile) — in no language; the metrics page labels and draws them.

use jiff::SignedDuration;
use jiff::civil::Date;

use crate::model::phase::Phase;
use crate::site::Site;

/// Months counted at most, back from "now".
pub const MONTHS: usize = 60;

/// Incidents in one month.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MonthCount {
    /// The year.
    pub year: i32,
    /// 1 to 12.
    pub month: i32,
    /// Incidents that happened in it.
    pub count: usize,
}

/// How long one phase took from the start, over the incidents that record both times.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PhaseFigure {
    /// The phase reached.
    pub phase: Phase,
    /// The median time from start.
    pub median: Option<SignedDuration>,
    /// The 90th percentile (nearest rank).
    pub p90: Option<SignedDuration>,
    /// Incidents counted.
    pub samples: usize,
}

/// The figures of a site.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Figures {
    /// Per month, oldest first, up to "now" and at most [`MONTHS`] of them.
    pub months: Vec<MonthCount>,
    /// Incidents per severity level, in scale order.
    pub severities: Vec<usize>,
    /// Every phase after the start, in order.
    pub phases: Vec<PhaseFigure>,
}

/// The figures of `site`.
pub fn figures(site: &Site) -> Figures {
    let severities = site
        .config
        .severity
        .levels
        .iter()
        .map(|level| {
            site.incidents
                .iter()
                .filter(|inc| inc.severity.as_deref() == Some(&level.key))
                .count()
        })
        .collect();
    let phases = Phase::ALL
        .iter()
        .filter(|&&phase| phase != Phase::Started)
        .map(|&phase| {
            let mut spans: Vec<SignedDuration> = site
                .incidents
                .iter()
                .filter_map(|incident| incident.times.elapsed(phase, &incident.tz))
                .filter(|span| !span.is_negative())
                .collect();
            spans.sort();
            PhaseFigure {
                phase,
                median: percentile(&spans, 50),
                p90: percentile(&spans, 90),
                samples: spans.len(),
            }
        })
        .collect();
    Figures {
        months: months(site),
        severities,
        phases,
    }
}

/// The nearest-rank percentile `p` of sorted `values`.
pub fn percentile(values: &[SignedDuration], p: usize) -> Option<SignedDuration> {
    if values.is_empty() {
        return None;
    }
    let rank = (p * values.len()).div_ceil(100).max(1);
    values.get(rank - 1).copied()
}

fn months(site: &Site) -> Vec<MonthCount> {
    let month_of = |date: Date| (i32::from(date.year()), i32::from(date.month()));
    let index = |(year, month): (i32, i32)| year * 12 + month - 1;
    let Some(first) = site.incidents.iter().map(|i| month_of(i.date.date())).min() else {
        return Vec::new();
    };
    let latest = site
        .incidents
        .iter()
        .map(|i| month_of(i.date.date()))
        .max()
        .unwrap_or(first);
    let last = month_of(site.now).max(latest);
    let start = index(first).max(index(last) - i32::try_from(MONTHS).unwrap_or(60) + 1);
    let mut counts = vec![0; usize::try_from(index(last) - start + 1).unwrap_or(0)];
    for incident in &site.incidents {
        let at = index(month_of(incident.date.date())) - start;
        if let Some(count) = usize::try_from(at).ok().and_then(|i| counts.get_mut(i)) {
            *count += 1;
        }
    }
    counts
        .into_iter()
        .zip(start..)
        .map(|(count, n)| MonthCount {
            year: n.div_euclid(12),
            month: n.rem_euclid(12) + 1,
            count,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles() {
        let values: Vec<SignedDuration> = (1..=10).map(SignedDuration::from_mins).collect();
        assert_eq!(percentile(&values, 50), Some(SignedDuration::from_mins(5)));
        assert_eq!(percentile(&values, 90), Some(SignedDuration::from_mins(9)));
        assert_eq!(
            percentile(&values[..1], 90),
            Some(SignedDuration::from_mins(1))
        );
        assert_eq!(percentile(&[], 50), None);
    }
}
