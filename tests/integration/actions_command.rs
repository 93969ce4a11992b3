//! `debrief actions`: the action list in the terminal, filtered, as a table cut to the terminal's
//! width or as CSV or JSON.

use crate::support::{Site, fixture};

const NOW: &str = "2025-05-15";

#[test]
fn debrief_actions_filters_and_formats() {
    let site = fixture("actions");
    let (code, out, _) = site.run(&[
        "actions", "--now", NOW, "--format", "json", "--owner", "sre",
    ]);
    assert_eq!(code, 0);
    let doc: serde_json::Value = serde_json::from_str(&out).expect("json");
    let titles: Vec<&str> = doc["actions"]
        .as_array()
        .expect("list")
        .iter()
        .map(|a| a["title"].as_str().expect("t"))
        .collect();
    assert_eq!(titles.len(), 2, "{titles:?}");
    let (_, out, _) = site.run(&[
        "actions", "--now", NOW, "--format", "csv", "--status", "blocked",
    ]);
    assert_eq!(out.lines().count(), 2, "{out}");
    let (_, out, _) = site.run(&["actions", "--now", NOW, "--service", "dns"]);
    assert!(out.contains("INC-2-1") && !out.contains("INC-1-1"), "{out}");
    assert!(!out.contains('\u{1b}'), "no colour when not on a terminal");
    let (code, out, _) = site.run(&["actions", "--now", NOW, "--overdue", "--format", "csv"]);
    assert_eq!(code, 0);
    assert_eq!(out.lines().count(), 4, "header and three overdue: {out}");
    let (code, _, _) = site.run(&["actions", "--now", NOW, "--fail-on-overdue"]);
    assert_eq!(code, 1);
    let (code, _, _) = site.run(&[
        "actions",
        "--now",
        "2025-04-01",
        "--owner",
        "docs-team",
        "--fail-on-overdue",
    ]);
    assert_eq!(code, 0);
    let (code, _, stderr) = site.run(&["actions", "--status", "finished"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("in-progress"), "{stderr}");
}

/// The action records of `site` as `debrief actions` lists them.
fn records(site: &Site) -> Vec<debrief::publish::exports::Record> {
    let options = debrief::pipeline::LoadOptions {
        root: site.path().to_path_buf(),
        drafts: false,
        audience: debrief::model::incident::Visibility::Public,
        now: Some(NOW.parse().expect("date")),
        fail_on_overdue: false,
    };
    let loaded = debrief::pipeline::load(&options, &|| {}).expect("loaded");
    let linked = loaded.site.expect("site");
    let rows = debrief::site::tracker::rows(&linked);
    let base = debrief::util::base_url::BaseUrl::parse(&linked.config.base_url);
    debrief::publish::exports::records(&linked, &rows, &base)
}

#[test]
fn the_table_is_cut_to_the_terminal_width() {
    use debrief::commands::actions::table;
    let site = fixture("actions");
    let records = records(&site);
    assert_eq!(records.len(), 11);
    let lines = |width| -> Vec<String> {
        table(&records, width)
            .lines()
            .map(|l| console::strip_ansi_codes(l).into_owned())
            .collect()
    };
    let long = "Due tomorrow; with a comma, a semicolon; and a \\ backslash";

    let whole = lines(None);
    assert_eq!(whole.len(), 12, "a header and a line per action");
    assert!(whole.iter().any(|l| l.contains(long)), "{whole:#?}");
    assert!(
        !whole.iter().any(|l| l.contains('…')),
        "not cut without a width"
    );
    let widest = whole.iter().map(|l| console::measure_text_width(l)).max();
    assert!(widest > Some(120), "{widest:?}");
    let (_, printed, _) = site.run(&["actions", "--now", NOW]);
    assert!(
        printed.contains(long),
        "not cut when not on a terminal: {printed}"
    );

    let cut = lines(Some(120));
    assert_eq!(cut.len(), 12);
    for (line, full) in cut.iter().zip(&whole) {
        assert!(console::measure_text_width(line) <= 120, "{line:?}");
        let id = full.split_whitespace().next().expect("id");
        let incident = full.split_whitespace().last().expect("incident");
        assert!(
            line.starts_with(id) && line.ends_with(incident),
            "only the title is cut: {line:?}"
        );
    }
    let title_at = cut[0].find("TITLE").expect("title column");
    let row = cut.iter().find(|l| l.starts_with("INC-1-3")).expect("row");
    assert_eq!(
        &row[title_at..title_at + "Due tomorrow; with a comma, …".len()],
        "Due tomorrow; with a comma, …",
        "a long title keeps what fits and ends in an ellipsis: {row:?}"
    );
    assert!(
        cut.iter().any(|l| l.contains("Pin the build image  ")),
        "a short title is whole: {cut:#?}"
    );

    let narrow = lines(Some(40));
    let row = narrow
        .iter()
        .find(|l| l.starts_with("INC-2-1"))
        .expect("row");
    assert!(
        row.contains("Alert on zo…  INC-2"),
        "the title keeps 12 columns however narrow the terminal: {row:?}"
    );
}
