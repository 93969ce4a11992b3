//! Action tracking: the tracker page, the exports, `debrief actions` and the gating in `check`.

use crate::support::{Site, fixture};

const NOW: &str = "2025-05-15";

fn built() -> Site {
    let site = fixture("actions");
    let (code, _, stderr) = site.run(&["build", "--now", NOW]);
    assert_eq!(code, 0, "{stderr}");
    site
}

fn json(site: &Site) -> serde_json::Value {
    serde_json::from_str(&site.read("public/actions.json")).expect("actions.json is JSON")
}

fn action<'a>(doc: &'a serde_json::Value, title_start: &str) -> &'a serde_json::Value {
    doc["actions"]
        .as_array()
        .expect("list")
        .iter()
        .find(|a| {
            a["title"]
                .as_str()
                .is_some_and(|t| t.starts_with(title_start))
        })
        .unwrap_or_else(|| panic!("no action {title_start:?}"))
}

#[test]
fn overdue_is_measured_against_now_at_the_day_boundary() {
    let doc = json(&built());
    assert_eq!(doc["now"], "2025-05-15");
    let yesterday = action(&doc, "Due yesterday");
    assert_eq!(
        (
            yesterday["overdue"].as_bool(),
            yesterday["days_overdue"].as_i64()
        ),
        (Some(true), Some(1))
    );
    for title in ["Due today", "Due tomorrow"] {
        let a = action(&doc, title);
        assert_eq!(a["overdue"], false, "{title}");
        assert!(a["days_overdue"].is_null(), "{title}: null, never omitted");
    }
    assert_eq!(
        action(&doc, "Finished")["overdue"],
        false,
        "done actions are never overdue"
    );
}

#[test]
fn actions_from_all_three_styles_are_tracked_open_first() {
    let doc = json(&built());
    let list = doc["actions"].as_array().expect("list");
    assert_eq!(list.len(), 11);
    let ids: Vec<&str> = list.iter().map(|a| a["id"].as_str().expect("id")).collect();
    for id in ["INC-1-1", "INC-2-3", "2025-02-01-list-style-3"] {
        assert!(ids.contains(&id), "{ids:?}");
    }
    let open: Vec<bool> = list
        .iter()
        .map(|a| !matches!(a["status"].as_str(), Some("done" | "wontfix")))
        .collect();
    let first_closed = open.iter().position(|o| !o).expect("some closed");
    assert!(
        open[first_closed..].iter().all(|o| !o),
        "open first: {ids:?}"
    );
    assert_eq!(list[0]["id"], "INC-2-1", "most overdue first: {ids:?}");
    let runbook = action(&doc, "Write the runbook entry");
    assert_eq!(runbook["status"], "in-progress");
    assert_eq!(runbook["due"], "2025-09-01");
    let pinned = action(&doc, "Pin the build image");
    assert_eq!(
        pinned["ticket_url"],
        "https://tracker.example.com/browse/OPS-33"
    );
    assert_eq!(
        pinned["incident"]["url"],
        "https://status.example.com/incidents/2025-02-01-list-style/"
    );
    for key in [
        "id",
        "title",
        "status",
        "owner",
        "due",
        "priority",
        "kind",
        "ticket",
        "ticket_url",
        "completed",
        "overdue",
        "days_overdue",
        "incident",
    ] {
        assert!(
            list.iter().all(|a| a.get(key).is_some()),
            "{key} present on every action"
        );
    }
}

#[test]
fn exports_are_pinned() {
    let site = built();
    insta::assert_snapshot!("actions_json", site.read("public/actions.json"));
    insta::assert_snapshot!("actions_csv", site.read("public/actions.csv"));
    insta::assert_snapshot!("actions_ics", site.read("public/actions.ics"));
}

/// Reads RFC 4180 CSV: quoted fields may hold commas, doubled quotes and line breaks.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut field) = (Vec::new(), Vec::new(), String::new());
    let mut chars = text.chars().peekable();
    let mut quoted = false;
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\r') => assert_eq!(chars.next(), Some('\n'), "CR only before LF"),
            (false, '\n') => panic!("bare LF line ending"),
            (false, c) => field.push(c),
        }
        if !quoted && c == '\r' {
            row.push(std::mem::take(&mut field));
            rows.push(std::mem::take(&mut row));
        }
    }
    assert!(
        row.is_empty() && field.is_empty(),
        "the last line ends in CRLF"
    );
    rows
}

#[test]
fn the_csv_reads_back_as_the_json() {
    let site = built();
    let rows = parse_csv(&site.read("public/actions.csv"));
    let doc = json(&site);
    let list = doc["actions"].as_array().expect("list");
    assert_eq!(rows[0][..3], ["id", "title", "status"]);
    assert_eq!(rows.len(), list.len() + 1);
    let column = |name: &str| rows[0].iter().position(|c| c == name).expect(name);
    for (row, action) in rows[1..].iter().zip(list) {
        assert_eq!(row.len(), rows[0].len());
        for key in [
            "id",
            "title",
            "status",
            "owner",
            "due",
            "ticket_url",
            "completed",
        ] {
            assert_eq!(
                row[column(key)],
                action[key].as_str().unwrap_or(""),
                "{key}"
            );
        }
        assert_eq!(row[column("overdue")], action["overdue"].to_string());
        assert_eq!(
            row[column("incident_id")],
            action["incident"]["id"].as_str().expect("id")
        );
    }
}

#[test]
fn the_calendar_follows_rfc_5545() {
    let site = built();
    let ics = site.read("public/actions.ics");
    assert!(ics.ends_with("\r\n"));
    assert!(
        !ics.replace("\r\n", "").contains('\n'),
        "every line ends in CRLF"
    );
    let lines: Vec<&str> = ics.split("\r\n").filter(|l| !l.is_empty()).collect();
    for line in &lines {
        assert!(line.len() <= 75, "{} octets: {line}", line.len());
    }
    let unfolded = ics.replace("\r\n ", "");
    let logical: Vec<&str> = unfolded.split("\r\n").filter(|l| !l.is_empty()).collect();
    assert_eq!(logical.first(), Some(&"BEGIN:VCALENDAR"));
    assert_eq!(logical.last(), Some(&"END:VCALENDAR"));
    assert!(logical.contains(&"VERSION:2.0"));
    assert!(logical.iter().any(|l| l.starts_with("PRODID:")));
    let events = logical.iter().filter(|l| **l == "BEGIN:VEVENT").count();
    assert_eq!(
        events,
        logical.iter().filter(|l| **l == "END:VEVENT").count()
    );
    assert_eq!(events, 7, "one per open action with a due date");
    let uids: Vec<&&str> = logical.iter().filter(|l| l.starts_with("UID:")).collect();
    let mut unique = uids.clone();
    unique.dedup();
    assert_eq!(uids.len(), unique.len());
    assert!(logical.contains(&"UID:INC-1-1@status.example.com"));
    assert!(logical.contains(&"DTSTART;VALUE=DATE:20250514"));
    assert!(logical.contains(&"DTEND;VALUE=DATE:20250515"));
    assert!(
        logical.contains(
            &"SUMMARY:Due tomorrow\\; with a comma\\, a semicolon\\; and a \\\\ backslash"
        ),
        "{logical:#?}"
    );
    for line in logical.iter().filter(|l| !l.starts_with(' ')) {
        let name = line.split([':', ';']).next().unwrap_or_default();
        assert!(
            !name.is_empty() && name.chars().all(|c| c.is_ascii_uppercase() || c == '-'),
            "{line}"
        );
    }
}

#[test]
fn the_tracker_pages_show_every_action_and_a_view_per_owner_and_status() {
    let site = built();
    let page = site.read("public/actions/index.html");
    assert!(page.contains("Due yesterday, so overdue by one day"));
    assert!(page.contains("Pin the build image"));
    let owner = site.read("public/actions/owners/mail-team/index.html");
    assert!(owner.contains("Due today"));
    assert!(!owner.contains("Pin the build image"));
    let blocked = site.read("public/actions/status/blocked/index.html");
    assert!(blocked.contains("Due tomorrow"));
    assert!(!blocked.contains("Due today"));
    assert!(
        site.read("public/actions/services/dns/index.html")
            .contains("Alert on zone serial lag")
    );
    assert!(
        site.read("public/actions/kinds/detect/index.html")
            .contains("Due tomorrow")
    );
}

#[test]
fn check_gates_on_overdue_actions_and_on_rules() {
    let site = fixture("actions");
    let (code, _, stderr) = site.run(&["check", "--now", NOW]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("open action `INC-2-3` has no owner"),
        "{stderr}"
    );
    let (code, out, _) = site.run(&[
        "check",
        "--now",
        NOW,
        "--fail-on-overdue",
        "--format",
        "github",
    ]);
    assert_eq!(code, 1);
    insta::assert_snapshot!("check_overdue_github", out);

    let config = std::fs::read_to_string(site.path().join("debrief.toml")).expect("config");
    site.write(
        "debrief.toml",
        &config.replace(
            "[actions]\n",
            "[actions]\nrequire_owner = true\nrequire_due = true\nmax_open_days = 30\n",
        ),
    );
    let (code, _, stderr) = site.run(&["check", "--now", NOW]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("error: open action `INC-2-3` has no owner"),
        "{stderr}"
    );
    assert!(
        stderr.contains("error: open action `2025-02-01-list-style-4` has no due date"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("`2025-02-01-list-style-1` has no due date"),
        "{stderr}"
    );
    assert!(
        stderr.contains(
            "action `INC-1-1` is still open 46 days after the incident was resolved (limit: 30)"
        ),
        "{stderr}"
    );
}

#[test]
fn the_example_archive_tracks_the_norwegian_alerting_review() {
    let example = |now: &str| {
        let mut command = assert_cmd::Command::cargo_bin("debrief").expect("binary");
        let out = command
            .arg("-C")
            .arg(crate::support::repo_root())
            .args([
                "actions", "--format", "json", "--now", now, "--owner", "drift",
            ])
            .output()
            .expect("run");
        let doc: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
        doc["actions"]
            .as_array()
            .expect("list")
            .iter()
            .find(|a| a["id"] == "DRIFT-2024-11-07-2")
            .cloned()
            .expect("the alerting review is tracked")
    };
    let before = example("2025-06-30");
    assert_eq!(before["status"], "open");
    assert_eq!(before["overdue"], false);
    let after = example("2025-07-01");
    assert_eq!(
        (after["overdue"].as_bool(), after["days_overdue"].as_i64()),
        (Some(true), Some(1))
    );
}

#[test]
fn durations_across_daylight_saving_changes_are_true_durations() {
    let site = built();
    let spring = site.read("public/incidents/toml-style/index.html");
    assert!(
        spring.contains("29 March 2025, 22:00 CET") && spring.contains("30 March 2025, 04:00 CEST"),
        "{spring}"
    );
    assert!(
        spring.contains(">5 h<"),
        "22:00 CET to 04:00 CEST is five hours"
    );
    let autumn = site.read("public/incidents/yaml-style/index.html");
    assert!(
        autumn.contains(">3 h<"),
        "23:30 CEST to 02:30 (the first, CEST) is three hours"
    );
}
