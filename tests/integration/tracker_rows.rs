//! The tracker's rows come from the theme's `tracker_row` macro, rendered once and handed to
//! `actions.html` as `tracker.rows`; a theme can still render its rows itself.

use crate::support::{Site, fixture, repo_root};

const NOW: &str = "2025-05-15";

/// The default theme's `macros.html`.
fn default_macros() -> String {
    std::fs::read_to_string(repo_root().join("themes/default/templates/macros.html"))
        .expect("macros.html")
}

fn build(site: &Site) {
    let (code, _, stderr) = site.run(&["build", "--now", NOW]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn a_sites_tracker_row_macro_renders_every_row_of_every_view() {
    let site = fixture("actions");
    let macros = default_macros();
    let marked = macros.replace("<tr class=\"act-row-", "<tr data-site-row class=\"act-row-");
    assert_ne!(marked, macros, "the default theme's tracker_row has moved");
    site.write("templates/macros.html", &marked);
    build(&site);
    for page in [
        "public/actions/index.html",
        "public/actions/status/done/index.html",
    ] {
        let html = site.read(page);
        let rows = html.matches("<tr class=\"act-row-").count();
        let marked = html.matches("<tr data-site-row class=\"act-row-").count();
        assert!(
            marked > 0 && rows == 0,
            "{page}: {marked} marked, {rows} not"
        );
    }
}

#[test]
fn a_sites_actions_template_gets_one_rendered_row_per_action() {
    let site = fixture("actions");
    site.write(
        "templates/actions.html",
        "{{ tracker.rows|length }}/{{ tracker.actions|length }}\
         {% for a in tracker.actions %}|{{ a.status }}{% endfor %}\n",
    );
    build(&site);
    let page = site.read("public/actions/index.html");
    let (counts, statuses) = page.split_once('|').expect("rows");
    let (rows, actions) = counts.split_once('/').expect("counts");
    assert_eq!(rows, actions, "{page}");
    assert!(
        actions.trim().parse::<usize>().expect("count") > 0,
        "{page}"
    );
    assert!(statuses.contains("open"), "{page}");
}

#[test]
fn without_a_tracker_row_macro_a_site_renders_its_rows_itself() {
    let site = fixture("actions");
    let macros = default_macros().replace("macro tracker_row(", "macro site_row(");
    site.write("templates/macros.html", &macros);
    // The incident page's action rows come from the same macro, under its new name.
    let incident =
        std::fs::read_to_string(repo_root().join("themes/default/templates/incident.html"))
            .expect("incident.html");
    let renamed = incident.replace("m.tracker_row(", "m.site_row(");
    assert_ne!(
        renamed, incident,
        "the default incident.html calls tracker_row"
    );
    site.write("templates/incident.html", &renamed);
    site.write(
        "templates/actions.html",
        "{% import \"macros.html\" as m %}{{ tracker.rows is none }}\
         {% for a in tracker.actions %}{{ m.site_row(a, t, site.root, lang, true, false) }}{% endfor %}\n",
    );
    build(&site);
    let page = site.read("public/actions/index.html");
    assert!(page.starts_with("True"), "{page}");
    assert!(page.contains("<tr class=\"act-row-"), "{page}");
}

#[test]
fn the_action_rows_of_the_tracker_and_the_incident_page_come_from_one_macro() {
    let site = fixture("actions");
    let macros = default_macros();
    let marked = macros.replace(
        "<td class=\"a-status\">",
        "<td data-site-cell class=\"a-status\">",
    );
    assert_ne!(marked, macros, "the default theme's tracker_row has moved");
    site.write("templates/macros.html", &marked);
    build(&site);
    let mut pages = vec!["public/actions/index.html".to_string()];
    for path in crate::support::walkdir(&site.path().join("public/incidents")) {
        if path.ends_with("index.html") {
            let rel = path.strip_prefix(site.path()).expect("in the site");
            pages.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
    let with_actions: Vec<&String> = pages
        .iter()
        .filter(|page| site.read(page).contains("class=\"a-status\""))
        .collect();
    assert!(with_actions.len() > 1, "{pages:?}");
    for page in with_actions {
        let html = site.read(page);
        let marked = html
            .matches("<td data-site-cell class=\"a-status\">")
            .count();
        let plain = html.matches("<td class=\"a-status\">").count();
        assert!(
            marked > 0 && plain == 0,
            "{page}: {marked} marked, {plain} not"
        );
    }
}
