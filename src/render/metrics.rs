//! The metrics page: the site's figures labelled in the page language, with their charts.

use anyhow::Result;
use minijinja::context;
use minijinja::value::Serde;
use serde::Serialize;

use crate::render::Files;
use crate::render::env::PageEnv;
use crate::util::output_path::OutputPath;

use crate::render::charts::{Bar, columns, rows};
use crate::render::i18n::Strings;
use crate::render::view::{TermView, Views};
use crate::site::Site;
use crate::site::metrics::figures;
use crate::site::tracker::Summary;

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
    let figures = figures(site);
    let by_month: Vec<Bar> = figures
        .months
        .iter()
        .map(|m| Bar {
            key: format!("{}-{:02}", m.year, m.month),
            label: t.month(m.year, m.month),
            rank: None,
            count: m.count,
        })
        .collect();
    let by_severity: Vec<Bar> = site
        .config
        .severity
        .levels
        .iter()
        .zip(&figures.severities)
        .enumerate()
        .map(|(i, (level, &count))| Bar {
            key: level.key.clone(),
            label: t
                .severity(&level.key)
                .unwrap_or_else(|| level.label.clone()),
            rank: Some(i + 1),
            count,
        })
        .collect();
    let by_service: Vec<TermView> = site
        .taxonomies
        .iter()
        .filter(|tax| tax.key == "services")
        .flat_map(|tax| views.terms(tax, t))
        .collect();
    let times = figures
        .phases
        .iter()
        .filter_map(|figure| {
            Some(PhaseTimes {
                key: figure.phase.time_to_key()?,
                median: figure.median.map(|d| t.duration(d)),
                p90: figure.p90.map(|d| t.duration(d)),
                samples: figure.samples,
            })
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

/// Renders `metrics/index.html` when the theme has a metrics template.
pub(crate) fn render(
    env: &PageEnv<'_>,
    views: &Views<'_>,
    t: &Strings,
    actions: Summary,
) -> Result<Files> {
    if env.env.get_template("metrics.html").is_err() {
        return Ok(Files::new());
    }
    let metrics = metrics(env.site, views, actions, t);
    let title = t.flat("nav_metrics");
    let html = env.page(
        "metrics.html",
        t,
        "metrics",
        &title,
        "metrics/",
        context! { metrics => Serde(metrics) },
    )?;
    Ok(vec![(
        OutputPath::new("metrics/index.html")?,
        html.into_bytes(),
    )])
}
