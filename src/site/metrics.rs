//! The metrics page: incidents by month, severity and service, how long detection, mitigation and
//! resolution took (median and 90th percentile), and action follow-through — with bar charts drawn
//! as inline SVG at build time, so the page needs no chart script.

use std::fmt::Write as _;

use jiff::SignedDuration;
use jiff::civil::Date;
use serde::Serialize;

use crate::render::i18n::Strings;
use crate::render::view::{TermView, Views};
use crate::site::Site;
use crate::site::tracker::Summary;
use crate::util::xml::escape;

/// Months shown at most, counting back from "now".
pub const MONTHS: usize = 60;

/// A counted bar: a month or a severity level.
#[derive(Clone, Debug, Serialize)]
pub struct Bar {
    /// `2024-11`, or the severity key.
    pub key: String,
    /// What is shown.
    pub label: String,
    /// Its rank on the severity scale (1 = most severe), none for months.
    pub rank: Option<usize>,
    /// Incidents.
    pub count: usize,
}

/// How long one phase took, over the incidents that record it.
#[derive(Clone, Debug, Serialize)]
pub struct PhaseTimes {
    /// `time_to_detect`, `time_to_acknowledge`, `time_to_mitigate`, `time_to_resolve`.
    pub key: &'static str,
    /// The median, formatted.
    pub median: Option<String>,
    /// The 90th percentile (nearest rank), formatted.
    pub p90: Option<String>,
    /// Incidents that record both times.
    pub samples: usize,
}

/// The charts, as SVG markup.
#[derive(Clone, Debug, Serialize)]
pub struct Charts {
    /// Incidents per month.
    pub by_month: String,
    /// Incidents per severity level.
    pub by_severity: String,
    /// Incidents per service.
    pub by_service: String,
}

/// The `metrics` a template sees.
#[derive(Clone, Debug, Serialize)]
pub struct Metrics {
    /// Incidents in the build.
    pub incidents: usize,
    /// Per month, oldest first.
    pub by_month: Vec<Bar>,
    /// Per severity level, in scale order.
    pub by_severity: Vec<Bar>,
    /// Per service, most incidents first.
    pub by_service: Vec<TermView>,
    /// Time to each phase.
    pub times: Vec<PhaseTimes>,
    /// Action follow-through.
    pub actions: Summary,
    /// The charts.
    pub charts: Charts,
}

/// The figures of `site` in the language `t`.
pub fn metrics(site: &Site, views: &Views<'_>, actions: Summary, t: &Strings) -> Metrics {
    let by_month = months(site, t);
    let by_severity: Vec<Bar> = site
        .config
        .severity
        .levels
        .iter()
        .enumerate()
        .map(|(i, level)| Bar {
            key: level.key.clone(),
            label: t
                .severity(&level.key)
                .unwrap_or_else(|| level.label.clone()),
            rank: Some(i + 1),
            count: site
                .incidents
                .iter()
                .filter(|inc| inc.severity.as_deref() == Some(&level.key))
                .count(),
        })
        .collect();
    let by_service: Vec<TermView> = site
        .taxonomies
        .iter()
        .filter(|tax| tax.key == "services")
        .flat_map(|tax| views.terms(tax, t))
        .collect();
    let phases = [
        ("time_to_detect", 1),
        ("time_to_acknowledge", 2),
        ("time_to_mitigate", 3),
        ("time_to_resolve", 4),
    ];
    let times = phases
        .iter()
        .map(|&(key, phase)| {
            let mut spans: Vec<SignedDuration> = site
                .incidents
                .iter()
                .filter_map(|incident| {
                    let times = &incident.times;
                    let end = [
                        &times.detected,
                        &times.acknowledged,
                        &times.mitigated,
                        &times.resolved,
                    ][phase - 1]
                        .as_ref()?;
                    let start = times.started.as_ref()?;
                    let both_instants = matches!(
                        (start, end),
                        (
                            crate::util::time::When::At(_),
                            crate::util::time::When::At(_)
                        )
                    );
                    both_instants.then(|| {
                        end.timestamp(&incident.tz)
                            .duration_since(start.timestamp(&incident.tz))
                    })
                })
                .filter(|span| !span.is_negative())
                .collect();
            spans.sort();
            PhaseTimes {
                key,
                median: percentile(&spans, 50).map(|d| t.duration(d)),
                p90: percentile(&spans, 90).map(|d| t.duration(d)),
                samples: spans.len(),
            }
        })
        .collect();
    let service_bars: Vec<Bar> = by_service
        .iter()
        .map(|term| Bar {
            key: term.slug.clone(),
            label: term.name.clone(),
            rank: None,
            count: term.count,
        })
        .collect();
    let charts = Charts {
        by_month: columns(&by_month, &t.flat("metrics_by_month")),
        by_severity: rows(&by_severity, &t.flat("metrics_by_severity")),
        by_service: rows(&service_bars, &t.flat("metrics_by_service")),
    };
    Metrics {
        incidents: site.incidents.len(),
        by_month,
        by_severity,
        by_service,
        times,
        actions,
        charts,
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

fn months(site: &Site, t: &Strings) -> Vec<Bar> {
    let month_of = |date: Date| (i32::from(date.year()), i32::from(date.month()));
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
    let index = |(year, month): (i32, i32)| year * 12 + month - 1;
    let start = index(first).max(index(last) - i32::try_from(MONTHS).unwrap_or(60) + 1);
    (start..=index(last))
        .map(|n| {
            let (year, month) = (n.div_euclid(12), n.rem_euclid(12) + 1);
            let count = site
                .incidents
                .iter()
                .filter(|i| month_of(i.date.date()) == (year, month))
                .count();
            Bar {
                key: format!("{year}-{month:02}"),
                label: t.month(year, month),
                rank: None,
                count,
            }
        })
        .collect()
}

/// Vertical bars, one per month, labelled at the first month of each year and at the ends.
fn columns(bars: &[Bar], title: &str) -> String {
    let (width, height, left, bottom) = (720.0_f64, 200.0_f64, 28.0_f64, 24.0_f64);
    let max = bars.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    #[allow(clippy::cast_precision_loss)]
    let step = (width - left) / bars.len().max(1) as f64;
    let mut svg = format!(
        "<svg class=\"chart chart-columns\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{}\">",
        escape(title)
    );
    let _ = write!(
        svg,
        "<line class=\"axis\" x1=\"{left}\" y1=\"{}\" x2=\"{width}\" y2=\"{}\"/>",
        height - bottom,
        height - bottom
    );
    let _ = write!(
        svg,
        "<text class=\"tick\" x=\"{}\" y=\"12\" text-anchor=\"end\">{max}</text>",
        left - 4.0
    );
    let labelled = column_labels(bars, step);
    for (i, bar) in bars.iter().enumerate() {
        #[allow(clippy::cast_precision_loss)]
        let (x, h) = (
            left + step * i as f64,
            (height - bottom - 16.0) * bar.count as f64 / max as f64,
        );
        if bar.count > 0 {
            let _ = write!(
                svg,
                "<rect class=\"bar\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{h:.1}\"><title>{}: {}</title></rect>",
                x + step * 0.15,
                height - bottom - h,
                step * 0.7,
                escape(&bar.label),
                bar.count
            );
        }
        if labelled.contains(&i) {
            let _ = write!(
                svg,
                "<text class=\"tick\" x=\"{:.1}\" y=\"{}\" text-anchor=\"middle\">{}</text>",
                x + step / 2.0,
                height - 6.0,
                escape(&bar.key)
            );
        }
    }
    svg.push_str("</svg>");
    svg
}

/// Which columns get a label: every January, and the first and last month where they do not crowd
/// a January (a label needs about 110 units of the chart's width).
fn column_labels(bars: &[Bar], step: f64) -> Vec<usize> {
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let near = (110.0 / step).ceil() as usize;
    let mut labelled: Vec<usize> = (0..bars.len())
        .filter(|&i| bars[i].key.ends_with("-01"))
        .collect();
    for end in [0, bars.len().saturating_sub(1)] {
        if !bars.is_empty() && labelled.iter().all(|&i| i.abs_diff(end) >= near) {
            labelled.push(end);
        }
    }
    labelled.sort_unstable();
    labelled.dedup();
    labelled
}

/// Horizontal bars with their labels and counts.
fn rows(bars: &[Bar], title: &str) -> String {
    let (width, row, label) = (720.0_f64, 26.0_f64, 200.0_f64);
    let max = bars.iter().map(|b| b.count).max().unwrap_or(0).max(1);
    #[allow(clippy::cast_precision_loss)]
    let height = row * bars.len().max(1) as f64;
    let mut svg = format!(
        "<svg class=\"chart chart-rows\" viewBox=\"0 0 {width} {height}\" role=\"img\" aria-label=\"{}\">",
        escape(title)
    );
    for (i, bar) in bars.iter().enumerate() {
        #[allow(clippy::cast_precision_loss)]
        let (y, w) = (
            row * i as f64,
            (width - label - 48.0) * bar.count as f64 / max as f64,
        );
        let rank = bar.rank.map_or_else(String::new, |r| format!(" sev-r{r}"));
        let _ = write!(
            svg,
            "<text class=\"label\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{}</text>",
            label - 8.0,
            y + row * 0.65,
            escape(&bar.label)
        );
        let _ = write!(
            svg,
            "<rect class=\"bar{rank}\" x=\"{label}\" y=\"{:.1}\" width=\"{w:.1}\" height=\"{:.1}\"/>",
            y + row * 0.2,
            row * 0.6
        );
        let _ = write!(
            svg,
            "<text class=\"value\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
            label + w + 6.0,
            y + row * 0.65,
            bar.count
        );
    }
    svg.push_str("</svg>");
    svg
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

    #[test]
    fn charts_are_labelled_images_with_a_bar_per_count() {
        let bars = vec![
            Bar {
                key: "2024-12".into(),
                label: "desember 2024".into(),
                rank: None,
                count: 2,
            },
            Bar {
                key: "2025-01".into(),
                label: "januar 2025".into(),
                rank: None,
                count: 0,
            },
            Bar {
                key: "2025-02".into(),
                label: "februar 2025".into(),
                rank: None,
                count: 1,
            },
        ];
        let svg = columns(&bars, "Hendelser per måned");
        assert!(svg.starts_with("<svg class=\"chart chart-columns\""));
        assert!(svg.contains("role=\"img\" aria-label=\"Hendelser per måned\""));
        assert_eq!(svg.matches("<rect").count(), 2, "no bar for an empty month");
        assert!(svg.contains("<title>desember 2024: 2</title>"));
        assert_eq!(
            column_labels(&bars, 10.0),
            [1],
            "January 2025 crowds out both ends at 10 units a column"
        );
        assert_eq!(column_labels(&bars, 200.0), [0, 1, 2]);
        let rows = rows(&bars, "By <service>");
        assert!(rows.contains("aria-label=\"By &lt;service&gt;\""));
        assert_eq!(rows.matches("<rect").count(), 3);
    }
}
