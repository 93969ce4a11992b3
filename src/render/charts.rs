//! Bar charts drawn as inline SVG at build time, so the metrics page needs no chart script.

use std::fmt::Write as _;

use serde::Serialize;

use crate::util::xml::escape;

/// A counted bar: a month, a severity level or a service.
#[derive(Clone, Debug, Serialize)]
pub struct Bar {
    /// `2024-11`, the severity key or the service slug.
    pub key: String,
    /// What is shown.
    pub label: String,
    /// Its rank on the severity scale (1 = most severe), none otherwise.
    pub rank: Option<usize>,
    /// Incidents.
    pub count: usize,
}

/// Vertical bars, one per month, labelled at the first month of each year and at the ends.
pub fn columns(bars: &[Bar], title: &str) -> String {
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
pub fn rows(bars: &[Bar], title: &str) -> String {
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
