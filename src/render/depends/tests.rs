//! Which units a change touches, by the dependency rule: a site of a few post-mortems, one of them
//! edited, the units whose key changed.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

use super::{Key, changed, facts, keys};
use crate::render::i18n::I18n;
use crate::render::theme::Theme;
use crate::render::tracker_view;
use crate::site::{self, tracker};

/// A post-mortem: its title, day of March, services, action status and body.
fn report(title: &str, day: u8, services: &[&str], status: &str, body: &str) -> String {
    let services: Vec<String> = services.iter().map(|s| format!("{s:?}")).collect();
    format!(
        "+++\ntitle = {title:?}\nsummary = \"Short.\"\nseverity = \"sev2\"\nservices = [{}]\n\n[times]\n\
         started = 2025-03-{day:02}T10:00:00Z\n\n[[actions]]\ntitle = \"Fix it\"\nowner = \"sre\"\n\
         due = 2025-06-01\nstatus = {status:?}\n+++\n\n## What happened\n\n{body}\n",
        services.join(", ")
    )
}

/// The site of `files` (name → text), with the facts of its incidents.
fn linked(files: &[(&str, String)]) -> (site::Site, Vec<super::Facts>) {
    let site = site::testing::linked_site("title = \"Keys\"\n", files);
    let texts: HashMap<PathBuf, &str> = files
        .iter()
        .map(|(name, text)| (PathBuf::from(format!("content/{name}")), text.as_str()))
        .collect();
    let facts: Vec<_> = site
        .incidents
        .iter()
        .map(|i| facts(i, texts[&i.path]))
        .collect();
    (site, facts)
}

/// The key of every unit of the site of `files` (name → text).
fn site_keys(files: &[(&str, String)]) -> BTreeMap<String, Key> {
    let (site, facts) = linked(files);
    let facts: Vec<_> = facts.iter().collect();
    let i18n = I18n::load(&Theme::embedded()).expect("strings");
    let rows = tracker::rows(&site);
    let tracker = tracker_view::views(&rows, i18n.get("en"));
    keys(&site, &facts, Some((&tracker, &rows)))
}

/// The units to render again when `before` becomes `after`, and those dropped.
fn touched(before: &[(&str, String)], after: &[(&str, String)]) -> BTreeSet<String> {
    let (render, drop) = changed(&site_keys(before), &site_keys(after));
    render.into_iter().chain(drop).collect()
}

/// Four reports on four days (newest: d), `c` with the action `status`.
fn archive(
    title_b: &str,
    services_b: &[&str],
    status_c: &str,
    body_a: &str,
) -> Vec<(&'static str, String)> {
    vec![
        ("a.md", report("Alpha", 1, &["api"], "open", body_a)),
        ("b.md", report(title_b, 2, services_b, "open", "Bravo.")),
        ("c.md", report("Charlie", 3, &["db"], status_c, "Charlie.")),
        ("d.md", report("Delta", 4, &["db"], "open", "Delta.")),
    ]
}

fn set(units: &[&str]) -> BTreeSet<String> {
    units.iter().map(|u| (*u).to_string()).collect()
}

#[test]
fn a_body_edit_touches_its_page_only() {
    let before = archive("Bravo", &["api"], "open", "Alpha.");
    let after = archive("Bravo", &["api"], "open", "Alpha, with more said.");
    assert_eq!(touched(&before, &after), set(&["incidents/a/index.html"]));
}

#[test]
fn a_title_change_touches_the_lists_it_is_on_but_not_other_pages() {
    let before = archive("Bravo", &["api"], "open", "Alpha.");
    let after = archive("Beta", &["api"], "open", "Alpha.");
    let units = touched(&before, &after);
    for unit in [
        "incidents/b/index.html",
        "index.html",
        "services/api/index.html",
        "years/2025/index.html",
        "actions/index.html",
        "actions/status/open/index.html",
        "actions/owners/sre/index.html",
        "actions/services/api/index.html",
        super::FEEDS,
        super::EXPORTS,
    ] {
        assert!(units.contains(unit), "{unit} in {units:?}");
    }
    for unit in [
        "incidents/a/index.html",
        "incidents/c/index.html",
        "services/db/index.html",
        "services/index.html",
        "actions/services/db/index.html",
        "404.html",
        super::SEARCH,
    ] {
        assert!(!units.contains(unit), "{unit} not in {units:?}");
    }
}

#[test]
fn a_service_change_touches_the_old_and_new_term_pages() {
    let before = archive("Bravo", &["api"], "open", "Alpha.");
    let after = archive("Bravo", &["cache"], "open", "Alpha.");
    let units = touched(&before, &after);
    for unit in [
        "incidents/b/index.html",
        "services/api/index.html",
        "services/cache/index.html",
        "services/index.html",
        "actions/services/cache/index.html",
    ] {
        assert!(units.contains(unit), "{unit} in {units:?}");
    }
    // `a` shows the count of `api`, which went down.
    assert!(units.contains("incidents/a/index.html"), "{units:?}");
    assert!(!units.contains("incidents/c/index.html"), "{units:?}");
}

#[test]
fn an_action_status_change_touches_the_tracker_pages() {
    let before = archive("Bravo", &["api"], "open", "Alpha.");
    let after = archive("Bravo", &["api"], "done", "Alpha.");
    let units = touched(&before, &after);
    for unit in [
        "incidents/c/index.html",
        "actions/index.html",
        "actions/status/open/index.html",
        "actions/status/done/index.html",
        "actions/owners/sre/index.html",
        super::EXPORTS,
        super::METRICS,
    ] {
        assert!(units.contains(unit), "{unit} in {units:?}");
    }
    assert!(!units.contains("incidents/a/index.html"), "{units:?}");
    assert!(!units.contains("services/index.html"), "{units:?}");
}

#[test]
fn a_new_report_appears_and_a_deleted_one_disappears() {
    let before = archive("Bravo", &["api"], "open", "Alpha.");
    let mut after = before.clone();
    after.push(("e.md", report("Echo", 5, &["edge"], "open", "Echo.")));
    let units = touched(&before, &after);
    for unit in [
        "incidents/e/index.html",
        "services/edge/index.html",
        "index.html",
    ] {
        assert!(units.contains(unit), "{unit} in {units:?}");
    }
    let (render, dropped) = changed(&site_keys(&after), &site_keys(&before));
    assert!(
        dropped.contains(&"incidents/e/index.html".to_string())
            && dropped.contains(&"services/edge/index.html".to_string()),
        "{dropped:?}"
    );
    assert!(
        !render.contains(&"incidents/a/index.html".to_string()),
        "{render:?}"
    );
}

#[test]
fn an_authors_change_touches_its_page_and_the_feeds() {
    let before = archive("Bravo", &["api"], "open", "Alpha.");
    let mut after = before.clone();
    after[1].1 = after[1]
        .1
        .replacen("+++\n", "+++\nauthors = [\"Jane\"]\n", 1);
    let units = touched(&before, &after);
    for unit in ["incidents/b/index.html", super::FEEDS] {
        assert!(units.contains(unit), "{unit} in {units:?}");
    }
    assert!(!units.contains("incidents/a/index.html"), "{units:?}");
}

/// [`super::tracked`] of the site of `files`.
fn tracked(files: &[(&str, String)]) -> Key {
    let (_, facts) = linked(files);
    super::tracked(&facts.iter().collect::<Vec<_>>())
}

#[test]
fn the_tracker_is_kept_for_body_and_title_edits_and_made_again_for_action_changes() {
    let before = tracked(&archive("Bravo", &["api"], "open", "Alpha."));
    // What the tracker does not show of an incident: kept.
    assert_eq!(
        tracked(&archive("Renamed", &["api"], "open", "Other words.")),
        before
    );
    // An action's status, the incident's services: made again.
    assert_ne!(
        tracked(&archive("Bravo", &["api"], "done", "Alpha.")),
        before
    );
    assert_ne!(
        tracked(&archive("Bravo", &["db"], "open", "Alpha.")),
        before
    );
    // An incident more, or one less: made again.
    let mut more = archive("Bravo", &["api"], "open", "Alpha.");
    more.push(("e.md", report("Echo", 5, &["api"], "open", "New.")));
    assert_ne!(tracked(&more), before);
    let mut fewer = archive("Bravo", &["api"], "open", "Alpha.");
    fewer.pop();
    assert_ne!(tracked(&fewer), before);
}
