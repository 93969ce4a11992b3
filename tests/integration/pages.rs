//! What the generated pages show: the `<main>` of each kind of page pinned as a snapshot, the
//! archive's sections by year, escaping, links between incidents and each page's language.

use crate::support::{Site, fixture, main_of};

const NOW: &str = "2025-07-15";

/// An incident file with `date` and, when given, `times.started`.
fn incident(title: &str, date: &str, started: Option<&str>) -> String {
    let times = started.map_or(String::new(), |s| format!("\n[times]\nstarted = \"{s}\"\n"));
    format!("+++\ntitle = \"{title}\"\ndate = {date}\n{times}+++\nBody.\n")
}

#[test]
fn the_main_of_each_kind_of_page_is_pinned() {
    let site = fixture("basic");
    site.debrief(&["build", "--now", NOW]).assert().success();
    for (name, path) in [
        ("index_main", "public/index.html"),
        ("incident_main", "public/incidents/cache/index.html"),
        ("markdown_only_main", "public/incidents/bundle/index.html"),
        (
            "norwegian_main",
            "public/incidents/pm2024-001-storage-degradation/index.html",
        ),
        ("services_main", "public/services/index.html"),
        ("tracker_main", "public/actions/index.html"),
    ] {
        insta::assert_snapshot!(name, main_of(&site.read(path)));
    }
}

#[test]
fn the_archive_has_one_section_per_year_even_when_start_and_date_differ_in_year() {
    let site = Site::new(&[
        (
            "content/new-year-eve.md",
            &incident(
                "Late on new year eve",
                "2024-12-31",
                Some("2025-01-01T00:30"),
            ),
        ),
        (
            "content/new-year-day.md",
            &incident(
                "Reported on new year's day",
                "2025-01-01",
                Some("2024-12-31T23:50"),
            ),
        ),
        ("content/summer.md", &incident("Summer", "2024-06-01", None)),
    ]);
    let (code, _, stderr) = site.run(&["build", "--now", NOW]);
    assert_eq!(code, 0, "{stderr}");
    let index = site.read("public/index.html");
    let ids: Vec<&str> = index
        .match_indices(" id=\"")
        .map(|(at, _)| {
            let rest = &index[at + 5..];
            &rest[..rest.find('"').expect("closed")]
        })
        .collect();
    let mut unique = ids.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "duplicate ids: {ids:?}");
    let years: Vec<&str> = ids
        .iter()
        .copied()
        .filter(|id| id.starts_with("year-"))
        .collect();
    assert_eq!(
        years,
        ["year-2025", "year-2024"],
        "newest year first, once each"
    );
    let section_of = |title: &str| {
        let at = index
            .find(title)
            .unwrap_or_else(|| panic!("{title} missing"));
        index[..at]
            .rfind("id=\"year-")
            .map(|s| &index[s + 9..s + 13])
    };
    assert_eq!(section_of("Late on new year eve"), Some("2024"));
    assert_eq!(section_of("Reported on new year"), Some("2025"));
    assert_eq!(section_of("Summer"), Some("2024"));
}

#[test]
fn front_matter_text_is_escaped_and_body_html_passes_through() {
    let site = fixture("basic");
    site.debrief(&["build", "--now", NOW]).assert().success();
    let page = site.read("public/incidents/cache/index.html");
    assert!(!page.contains("<script>alert(1)</script>"));
    assert!(page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assert!(page.contains("<p class=\"raw\">Raw HTML passes through.</p>"));

    let config = std::fs::read_to_string(site.path().join("debrief.toml")).expect("config");
    site.write(
        "debrief.toml",
        &format!("{config}\n[markdown]\nraw_html = false\n"),
    );
    site.debrief(&["build", "--now", NOW]).assert().success();
    let page = site.read("public/incidents/cache/index.html");
    assert!(!page.contains("<p class=\"raw\">"));
    assert!(
        page.contains("<p>&lt;p class=\"raw\"&gt;Raw HTML passes through.&lt;/p&gt;</p>"),
        "{page}"
    );
}

#[test]
fn incident_links_point_at_the_target_page() {
    let site = fixture("basic");
    site.debrief(&["build", "--now", NOW]).assert().success();
    let page = site.read("public/incidents/cache/index.html");
    assert!(
        page.contains("href=\"/archive/incidents/pm2024-001-storage-degradation/\""),
        "{page}"
    );
    assert!(!page.contains("incident:PM2024-001"));
}

#[test]
fn each_page_speaks_its_incidents_language() {
    let site = fixture("basic");
    site.debrief(&["build", "--now", NOW]).assert().success();
    let nb = site.read("public/incidents/pm2024-001-storage-degradation/index.html");
    assert!(nb.contains("<html lang=\"nb\""), "{nb}");
    assert!(
        nb.contains("7. november 2024 kl. 09:00 CET"),
        "times in the incident's zone, named"
    );
    let en = site.read("public/incidents/cache/index.html");
    assert!(en.contains("<html lang=\"en\""));
    assert!(en.contains("2 April 2025"), "{en}");
}

#[test]
fn markdown_only_reports_fill_fields_from_sections() {
    let site = fixture("basic");
    site.debrief(&["build", "--now", NOW]).assert().success();
    let page = site.read("public/incidents/bundle/index.html");
    assert!(page.contains("Login failures after a key rotation"));
    assert!(page.contains("The verifier cached the key set for an hour."));
    assert!(
        page.contains("2025-06-03T10:02:00+00:00") || page.contains("2025-06-03T12:02:00+02:00"),
        "UTC table time"
    );
    assert!(page.contains("14:??"), "unplaced entry keeps its time text");
    assert!(
        page.contains("https://tracker.example.com/browse/AUTH-77"),
        "ticket key linked"
    );
    assert_eq!(
        page.matches("Shorten the key-set cache").count(),
        1,
        "actions are not repeated in the body"
    );
    assert!(
        page.contains("<div class=\"a-notes\"><ul>\n<li>Try it in staging first</li>"),
        "notes under an action are kept: {page}"
    );
}

#[test]
fn links_to_ids_with_norwegian_letters_resolve() {
    let site = fixture("basic");
    site.write(
        "content/2025/oslo.md",
        "+++\ntitle = \"Øst\"\nid = \"DRIFT-Ø1\"\ndate = 2025-01-01\n+++\nBody.\n",
    );
    site.write(
        "content/2025/link.md",
        "+++\ntitle = \"Link\"\ndate = 2025-01-02\n+++\nSee [øst](incident:DRIFT-Ø1).\n",
    );
    site.debrief(&["build", "--now", NOW]).assert().success();
    let page = site.read("public/incidents/link/index.html");
    assert!(page.contains("href=\"/archive/incidents/oslo/\""), "{page}");
}
