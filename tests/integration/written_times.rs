//! Markdown-only reports from a wiki template, built as they are: the zone a timeline table's
//! header names, `CET` against the season, ranges, placeholder times and a Stats section's
//! durations, as the incident page shows them.

use crate::support::{Site, main_of, repo_root};

/// A site in `Europe/Oslo` holding the `times-*.md` reports of `tests/fixtures/wiki-archive/content`.
fn wiki_site() -> Site {
    let folder = repo_root().join("tests/fixtures/wiki-archive/content");
    let site = Site::new(&[]);
    for name in ["times-cet-winter", "times-cet-summer", "times-norsk-utc"] {
        let text = std::fs::read_to_string(folder.join(format!("{name}.md"))).expect("fixture");
        site.write(&format!("content/{name}.md"), &text);
    }
    site
}

/// The `<main>` of the page of `slug`.
fn page(site: &Site, slug: &str) -> String {
    main_of(&site.read(&format!("public/incidents/{slug}/index.html"))).to_string()
}

/// The value of the fact labelled `label` on `page`.
fn fact<'p>(page: &'p str, label: &str) -> &'p str {
    let from = page
        .find(&format!("<dt>{label}</dt><dd>"))
        .unwrap_or_else(|| panic!("no fact {label}"));
    let value = &page[from + label.len() + 13..];
    &value[..value.find("</dd>").expect("end of fact")]
}

#[test]
fn wiki_reports_show_their_times_in_the_zone_they_were_written_in() {
    let site = wiki_site();
    let (code, _, stderr) = site.run(&["build", "--now", "2025-01-01"]);
    assert_eq!(code, 0, "{stderr}");

    let winter = page(&site, "times-cet-winter");
    assert_eq!(fact(&winter, "Time zone"), "CET");
    assert!(
        winter.contains(">14 January 2020, 09:00 CET – 11:00</time>"),
        "{winter}"
    );
    assert!(winter.contains("datetime=\"2020-01-14T09:12:00+01:00\""));
    assert_eq!(fact(&winter, "Time to detect"), "54 min");
    assert_eq!(fact(&winter, "Time to mitigate"), "1 h 20 min");
    assert_eq!(fact(&winter, "Time to resolve"), "2 h");

    let summer = page(&site, "times-cet-summer");
    assert!(summer.contains(">2 June 2022</time>"), "{summer}");
    assert!(
        summer.contains(">2 June 2022, 07:45 CEST</time>"),
        "{summer}"
    );
    assert_eq!(fact(&summer, "Time to resolve"), "9 h 10 min");

    let norsk = page(&site, "times-norsk-utc");
    assert_eq!(fact(&norsk, "Tidssone"), "UTC");
    assert!(
        norsk.contains(">9. mars 2021 kl. 13:47 UTC</time>"),
        "{norsk}"
    );
    assert_eq!(fact(&norsk, "Tid til løsning"), "1 t 23 min");
}

#[test]
fn what_was_read_against_the_grain_is_warned_about_where_it_was_written() {
    let site = wiki_site();
    let (code, _, stderr) = site.run(&["check"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("--> content/times-cet-summer.md:12:3"),
        "{stderr}"
    );
    assert!(stderr.contains("`HH:mm` is not a time; the entry is placed on 2022-06-02"));
    assert!(
        stderr.contains("--> content/times-cet-summer.md:13:3"),
        "{stderr}"
    );
    assert!(stderr.contains("+02:00 (CEST), not +01:00"), "{stderr}");
    assert!(!stderr.contains("times-cet-winter.md"), "{stderr}");
    assert!(!stderr.contains("times-norsk-utc.md"), "{stderr}");
}

#[test]
fn partial_dates_are_shown_with_their_precision() {
    let site = Site::new(&[(
        "content/old.md",
        "# An old outage\n\n## Timeline\n\n| When | What |\n|---|---|\n\
         | 2014 | The system is bought |\n| 2014-03 | It goes live and fails |\n",
    )]);
    let (code, _, stderr) = site.run(&["build", "--now", "2025-01-01"]);
    assert_eq!(code, 0, "{stderr}");
    let old = page(&site, "old");
    assert!(old.contains("datetime=\"2014\">2014</time>"), "{old}");
    assert!(
        old.contains("datetime=\"2014-03\">March 2014</time>"),
        "{old}"
    );
}
