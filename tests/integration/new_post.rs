//! `debrief new`: the title is written into the archetype's front matter so that it reads back
//! exactly, whatever characters it holds.

use crate::support::{CONFIG, Site};

/// Titles with every character a quoted front-matter string has to escape.
const TITLES: &[&str] = &[
    "Cache \"hot key\" storm",
    "Path C:\\temp\\ filled up",
    "First line\nsecond line",
    "Tab\there, return\r, bell \u{7}, delete \u{7f}, \"\\\" \\n",
    "Nøkkel 障害 🔥 mail",
];

/// `debrief new title --date 2024-11-07` in `site`: the written file's text.
fn new_post(site: &Site, title: &str, lang: &str) -> String {
    let (code, stdout, stderr) = site.run(&["new", title, "--date", "2024-11-07", "--lang", lang]);
    assert_eq!(code, 0, "{title:?}: {stderr}");
    let text = site.read(stdout.trim());
    std::fs::remove_file(site.path().join(stdout.trim())).expect("remove");
    text
}

/// The front matter between the `delimiter` lines at the top of `text`.
fn front_matter<'a>(text: &'a str, delimiter: &str) -> &'a str {
    let open = format!("{delimiter}\n");
    let rest = text.strip_prefix(&open).unwrap_or_else(|| panic!("{text}"));
    let end = rest
        .find(&format!("\n{open}"))
        .unwrap_or_else(|| panic!("{text}"));
    &rest[..=end]
}

#[test]
fn the_title_round_trips_through_the_toml_archetypes() {
    let site = Site::new(&[]);
    for lang in ["en", "nb"] {
        for title in TITLES {
            let text = new_post(&site, title, lang);
            let table: toml::Table = toml::from_str(front_matter(&text, "+++"))
                .unwrap_or_else(|e| panic!("{title:?}: {e}\n{text}"));
            assert_eq!(table["title"].as_str(), Some(*title), "{text}");
        }
    }
}

#[test]
fn the_title_round_trips_through_a_yaml_archetype() {
    let site = Site::new(&[(
        "themes/plain/archetypes/incident.md",
        "---\ntitle: \"{title}\"\ndate: {date}\nlang: {lang}\n---\n\n## Summary\n",
    )]);
    site.write("debrief.toml", &format!("{CONFIG}theme = \"plain\"\n"));
    for title in TITLES {
        let text = new_post(&site, title, "en");
        let front: std::collections::BTreeMap<String, String> =
            serde_saphyr::from_str(front_matter(&text, "---"))
                .unwrap_or_else(|e| panic!("{title:?}: {e}\n{text}"));
        assert_eq!(front["title"], *title, "{text}");
    }
}

#[test]
fn a_new_post_with_quotes_and_a_newline_in_its_title_checks_clean() {
    let site = Site::new(&[]);
    let title = "Cache \"hot key\" storm\non C:\\temp";
    let (code, stdout, stderr) = site.run(&["new", title, "--date", "2024-11-07"]);
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = site.run(&["check"]);
    assert_eq!(code, 0, "{stderr}");
    let (code, _, stderr) = site.run(&["build", "--drafts", "--now", "2024-11-08"]);
    assert_eq!(code, 0, "{stderr}");
    let slug = stdout
        .trim()
        .rsplit('/')
        .next()
        .unwrap()
        .trim_end_matches(".md");
    let page = site.read(&format!("public/incidents/{slug}/index.html"));
    assert!(
        page.contains("<title>Cache &quot;hot key&quot; storm\non C:\\temp · "),
        "{page}"
    );
}
