//! An archive migrated from a wiki, whose action lists carry no status and name owners in words:
//! `[actions] default_status` and `require_owner = false` say so, and the tracker follows.

use crate::support::{Site, fixture};

const NOW: &str = "2020-06-01";

/// The wiki archive with `extra` added to its `[actions]` table.
fn archive(extra: &str) -> Site {
    let site = fixture("wiki-archive");
    let config = std::fs::read_to_string(site.path().join("debrief.toml")).expect("config");
    site.write("debrief.toml", &format!("{config}{extra}"));
    site
}

/// The statuses of every action in `public/actions.json`.
fn statuses(site: &Site) -> Vec<String> {
    let doc: serde_json::Value =
        serde_json::from_str(&site.read("public/actions.json")).expect("actions.json is JSON");
    doc["actions"]
        .as_array()
        .expect("list")
        .iter()
        .map(|a| a["status"].as_str().expect("status").to_string())
        .collect()
}

#[test]
fn items_without_a_box_are_open_by_default_and_unknown_when_the_site_says_so() {
    let open = archive("");
    let (code, _, stderr) = open.run(&["build", "--now", NOW]);
    assert_eq!(code, 0, "{stderr}");
    let before = statuses(&open);
    assert!(
        before.iter().filter(|s| *s == "open").count() > 20,
        "{before:?}"
    );

    let unknown = archive("default_status = \"unknown\"\n");
    let (code, _, stderr) = unknown.run(&["build", "--now", NOW]);
    assert_eq!(code, 0, "{stderr}");
    let after = statuses(&unknown);
    assert_eq!(after.len(), before.len());
    // The one item with a checked box stays done; nothing is open.
    assert_eq!(
        after.iter().filter(|s| *s == "done").count(),
        1,
        "{after:?}"
    );
    assert_eq!(
        after.iter().filter(|s| *s == "open").count(),
        0,
        "{after:?}"
    );
    let tracker = unknown.read("public/actions/index.html");
    assert!(
        tracker.contains("<dt>Unknown</dt>"),
        "the tracker counts them"
    );
    assert!(!tracker.contains("is-overdue"), "none is overdue");
    assert!(
        tracker.contains("act-unknown\">Unknown</span>"),
        "the tracker lists and labels them"
    );
    assert!(tracker.contains("its 1 closed one"), "they are not closed");
    let page = unknown.read("public/incidents/pm2019-014-payment-timeouts/index.html");
    assert!(
        page.contains(
            "3 action items:</span>\n<span class=\"act-unknown\">3 of unknown status</span>"
        ),
        "the incident page does not call them closed"
    );
    let listed = unknown.read("public/actions/status/unknown/index.html");
    assert!(
        listed.contains("act-unknown\">Unknown</span>"),
        "their own view labels them"
    );
}

#[test]
fn require_owner_false_silences_the_owner_warning() {
    let warned = archive("");
    let (code, _, stderr) = warned.run(&["check", "--now", NOW]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("has no owner"), "{stderr}");

    let quiet = archive("require_owner = false\n");
    let (code, _, stderr) = quiet.run(&["check", "--now", NOW]);
    assert_eq!(code, 0, "{stderr}");
    assert!(!stderr.contains("has no owner"), "{stderr}");
}

#[test]
fn an_unknown_default_status_is_an_error_at_its_value() {
    let site = archive("default_status = \"closed\"\n");
    let (code, _, stderr) = site.run(&["check"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("unknown `default_status` `closed`"),
        "{stderr}"
    );
    assert!(stderr.contains("debrief.toml:8:19"), "{stderr}");
    assert!(
        stderr.contains("`open` (the default), `done` or `unknown`"),
        "{stderr}"
    );
}
