//! List items rendered once and shared by every page that lists them (the term pages' incident rows,
//! the tracker's action rows) give the same pages as a site whose `macros.html` lacks the macro and
//! whose templates render each item in place.

use std::collections::BTreeMap;

use crate::support::{Site, fixture, repo_root, walkdir};

const NOW: &str = "2025-05-15";

/// The default theme's template `name`.
fn default_template(name: &str) -> String {
    std::fs::read_to_string(repo_root().join("themes/default/templates").join(name))
        .expect("default template")
}

/// `text` with each of `from` replaced by `to`, which must be there.
fn renamed(text: &str, from: &str, to: &str) -> String {
    assert!(text.contains(from), "{from} has moved");
    text.replace(from, to)
}

/// Every page the build of `site` writes under `public/`, by its path.
fn build(site: &Site) -> BTreeMap<String, String> {
    let (code, _, stderr) = site.run(&["build", "--now", NOW]);
    assert_eq!(code, 0, "{stderr}");
    let public = site.path().join("public");
    walkdir(&public)
        .into_iter()
        .filter(|path| path.extension().is_some_and(|e| e == "html"))
        .map(|path| {
            let rel = path.strip_prefix(&public).expect("in public");
            let text = std::fs::read_to_string(&path).expect("page");
            (rel.to_string_lossy().replace('\\', "/"), text)
        })
        .collect()
}

/// The pages under `prefix` of `pages`, at least one.
fn under<'p>(pages: &'p BTreeMap<String, String>, prefix: &str) -> Vec<(&'p String, &'p String)> {
    let found: Vec<_> = pages
        .iter()
        .filter(|(p, _)| p.starts_with(prefix))
        .collect();
    assert!(!found.is_empty(), "no page under {prefix}");
    found
}

#[test]
fn term_pages_without_an_incident_row_macro_render_their_rows_in_place_alike() {
    let shared = build(&fixture("basic"));
    let site = fixture("basic");
    let macros = renamed(
        &default_template("macros.html"),
        "incident_row(",
        "site_row(",
    );
    site.write("templates/macros.html", &macros);
    let in_place = build(&site);
    let rows = in_place
        .values()
        .filter(|p| p.contains("<tr><td><time"))
        .count();
    assert!(rows > 1, "term pages with incident rows: {rows}");
    assert_eq!(
        shared.keys().collect::<Vec<_>>(),
        in_place.keys().collect::<Vec<_>>()
    );
    for (path, page) in &in_place {
        assert!(shared[path] == *page, "{path} differs");
    }
    for key in ["services/", "tags/", "years/", "severity/"] {
        under(&in_place, key);
    }
}

#[test]
fn a_sites_incident_row_macro_renders_every_row_of_every_term_page() {
    let site = fixture("basic");
    let macros = renamed(
        &default_template("macros.html"),
        "<tr><td><time datetime=\"{{ c.date.iso[:10] }}\">",
        "<tr data-site-row><td><time datetime=\"{{ c.date.iso[:10] }}\">",
    );
    site.write("templates/macros.html", &macros);
    let pages = build(&site);
    for (path, page) in under(&pages, "services/") {
        if path == "services/index.html" {
            continue;
        }
        let marked = page.matches("<tr data-site-row><td>").count();
        assert!(marked > 0 && !page.contains("<tr><td>"), "{path}: {page}");
    }
}

#[test]
fn tracker_pages_without_a_tracker_row_macro_render_their_rows_in_place_alike() {
    let shared = build(&fixture("actions"));
    let site = fixture("actions");
    let rename = |name: &str, from: &str, to: &str| {
        site.write(
            &format!("templates/{name}"),
            &renamed(&default_template(name), from, to),
        );
    };
    rename("macros.html", "macro tracker_row(", "macro site_row(");
    rename("actions.html", "m.tracker_row(", "m.site_row(");
    rename("incident.html", "m.tracker_row(", "m.site_row(");
    let in_place = build(&site);
    let tracker = under(&in_place, "actions/");
    assert!(tracker.len() > 3, "{} tracker pages", tracker.len());
    assert_eq!(
        shared.keys().collect::<Vec<_>>(),
        in_place.keys().collect::<Vec<_>>()
    );
    for (path, page) in &in_place {
        assert!(shared[path] == *page, "{path} differs");
    }
    assert!(
        tracker
            .iter()
            .any(|(_, p)| p.contains("<tr class=\"act-row-"))
    );
}
