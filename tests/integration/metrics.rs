//! The metrics page's figures, computed over a fixture site through the library.

use debrief::model::incident::Visibility;
use debrief::pipeline::{self, LoadOptions};
use debrief::render::i18n::I18n;
use debrief::render::metrics;
use debrief::render::theme::Theme;
use debrief::render::view::Views;
use debrief::site::tracker;

use crate::support::repo_root;

#[test]
fn figures_of_the_fixture_archive() {
    let options = LoadOptions {
        root: repo_root().join("tests/fixtures/basic"),
        drafts: false,
        audience: Visibility::Public,
        now: Some(jiff::civil::date(2025, 7, 15)),
        fail_on_overdue: false,
    };
    let loaded = pipeline::load(&options, &|| {}).expect("a usable environment");
    assert_eq!(loaded.diagnostics.errors(), 0);
    let site = loaded.site.expect("site");
    let i18n = I18n::load(&Theme::embedded()).expect("i18n");
    let t = i18n.get("en");
    let views = Views::new(&site, "/");
    let summary = tracker::summary(&tracker::rows(&site));
    let m = metrics::metrics(&site, &views, summary, t);

    assert_eq!(m.incidents, 3);
    let months: Vec<(&str, usize)> = m
        .by_month
        .iter()
        .map(|b| (b.key.as_str(), b.count))
        .collect();
    assert_eq!(months.first(), Some(&("2024-11", 1)));
    assert_eq!(
        months.last(),
        Some(&("2025-07", 0)),
        "every month up to now"
    );
    assert_eq!(months.len(), 9);
    assert_eq!(months.iter().map(|(_, c)| c).sum::<usize>(), 3);
    let severities: Vec<(&str, usize)> = m
        .by_severity
        .iter()
        .map(|b| (b.key.as_str(), b.count))
        .collect();
    assert_eq!(
        severities,
        [("sev1", 1), ("sev2", 1), ("sev3", 0), ("sev4", 0)]
    );

    let phase = |key: &str| m.times.iter().find(|p| p.key == key).expect(key);
    let resolve = phase("time_to_resolve");
    assert_eq!(resolve.samples, 2);
    assert_eq!(resolve.median.as_deref(), Some("38 min"));
    assert_eq!(resolve.p90.as_deref(), Some("5 d 1 h"));
    let detect = phase("time_to_detect");
    assert_eq!(
        (detect.samples, detect.median.as_deref()),
        (1, Some("6 min"))
    );
    assert_eq!(phase("time_to_acknowledge").samples, 0);
    assert_eq!(phase("time_to_acknowledge").median, None);

    assert!(m.charts.by_month.contains("role=\"img\""));
    assert_eq!(m.charts.by_severity.matches("<rect").count(), 4);
    assert_eq!(m.actions.total, 6);
}
