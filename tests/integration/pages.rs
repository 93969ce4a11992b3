//! What the generated pages show: the `<main>` of each kind of page pinned as a snapshot, and the
//! archive's sections by year.

use crate::support::Site;

/// An incident file with `date` and, when given, `times.started`.
fn incident(title: &str, date: &str, started: Option<&str>) -> String {
    let times = started.map_or(String::new(), |s| format!("\n[times]\nstarted = \"{s}\"\n"));
    format!("+++\ntitle = \"{title}\"\ndate = {date}\n{times}+++\nBody.\n")
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
    let (code, _, stderr) = site.run(&["build", "--now", "2025-07-15"]);
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
