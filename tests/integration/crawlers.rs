//! The files for crawlers, feed readers and scripts (`sitemap.xml`, `robots.txt`, `feed.xml`,
//! `incidents.json`): well-formed whatever the config and content hold, absolute where they must
//! be, stable ids, valid dates, and the figures the metrics page shows.

use crate::support::{Site, fixture};
use crate::well_formed::check;

const NOW: &str = "2025-07-15";

/// A site with `config` as its `debrief.toml` and one incident.
fn site(config: &str, incident: &str) -> Site {
    let site = Site::new(&[("content/one.md", incident)]);
    site.write("debrief.toml", config);
    site
}

fn build(site: &Site, now: &str) {
    let (code, _, stderr) = site.run(&["build", "--now", now]);
    assert_eq!(code, 0, "{stderr}");
}

const ONE: &str = "+++\ntitle = \"One & only\"\ndate = 2025-01-02\nid = \"INC 1/ø\"\n+++\nText.\n";

#[test]
fn a_base_url_with_an_ampersand_gives_well_formed_xml() {
    let site = site(
        "title = \"Q&A <archive>\"\nbase_url = \"https://example.com/q&a\"\n",
        ONE,
    );
    build(&site, NOW);
    let sitemap = site.read("public/sitemap.xml");
    assert_eq!(check(&sitemap), Ok(()), "{sitemap}");
    assert!(
        sitemap.contains("<loc>https://example.com/q&amp;a/incidents/one/</loc>"),
        "{sitemap}"
    );
    let feed = site.read("public/feed.xml");
    assert_eq!(check(&feed), Ok(()), "{feed}");
    assert_eq!(
        site.read("public/robots.txt"),
        "User-agent: *\nAllow: /\nSitemap: https://example.com/q&a/sitemap.xml\n"
    );
}

#[test]
fn a_base_url_cannot_add_lines_to_robots_txt() {
    let site = site(
        "title = \"T\"\nbase_url = \"https://example.com/status page\\nDisallow: /\"\n",
        ONE,
    );
    build(&site, NOW);
    assert_eq!(
        site.read("public/robots.txt"),
        "User-agent: *\nAllow: /\nSitemap: https://example.com/status%20page%0ADisallow:/sitemap.xml\n"
    );
    let sitemap = site.read("public/sitemap.xml");
    assert_eq!(check(&sitemap), Ok(()), "{sitemap}");
}

#[test]
fn without_a_base_url_there_is_no_sitemap_and_robots_names_none() {
    let site = site("title = \"Test archive\"\n", ONE);
    build(&site, NOW);
    assert!(!site.path().join("public/sitemap.xml").exists());
    assert_eq!(site.read("public/robots.txt"), "User-agent: *\nAllow: /\n");
    // The folder is still known as a build, and built over.
    build(&site, NOW);
}

/// The `<id>`s of a feed, in order.
fn ids(feed: &str) -> Vec<String> {
    feed.split("<id>")
        .skip(1)
        .filter_map(|s| s.split_once("</id>").map(|(id, _)| id.to_string()))
        .collect()
}

#[test]
fn atom_ids_without_a_base_url_stay_the_same_from_year_to_year() {
    let site = site("title = \"Test archive\"\n", ONE);
    build(&site, NOW);
    let first = ids(&site.read("public/feed.xml"));
    assert_eq!(
        first,
        [
            "tag:debrief.invalid,2000:test-archive",
            "tag:debrief.invalid,2000:test-archive:incident:INC%201%2F\u{f8}",
        ]
    );
    build(&site, "2031-02-01");
    assert_eq!(ids(&site.read("public/feed.xml")), first);
}

/// The text of every `<tag>` in `xml`.
fn all<'a>(xml: &'a str, tag: &str) -> Vec<&'a str> {
    xml.split(&format!("<{tag}>"))
        .skip(1)
        .filter_map(|s| s.split(&format!("</{tag}>")).next())
        .collect()
}

/// Whether `text` is an RFC 3339 UTC timestamp, `YYYY-MM-DDTHH:MM:SSZ`.
fn is_rfc3339_utc(text: &str) -> bool {
    let shape = "dddd-dd-ddTdd:dd:ddZ";
    text.len() == shape.len()
        && text
            .chars()
            .zip(shape.chars())
            .all(|(c, s)| if s == 'd' { c.is_ascii_digit() } else { c == s })
}

#[test]
fn feed_dates_at_the_ends_of_the_calendar_are_valid_rfc_3339() {
    let site = Site::new(&[
        (
            "content/first.md",
            "+++\ntitle = \"First\"\ndate = 0000-01-01\ntimezone = \"Europe/Oslo\"\n+++\n",
        ),
        (
            "content/last.md",
            "+++\ntitle = \"Last\"\ndate = 9999-12-31\ntimezone = \"America/Los_Angeles\"\n+++\n",
        ),
    ]);
    build(&site, NOW);
    let feed = site.read("public/feed.xml");
    let dates: Vec<&str> = all(&feed, "published")
        .into_iter()
        .chain(all(&feed, "updated"))
        .collect();
    assert_eq!(dates.len(), 5, "{feed}");
    for date in &dates {
        assert!(is_rfc3339_utc(date), "{date} in {feed}");
    }
    assert!(dates.contains(&"0000-01-01T00:00:00Z"), "{dates:?}");
}

#[test]
fn incidents_json_gives_each_phase_in_minutes_from_the_start() {
    let site = fixture("basic");
    build(&site, NOW);
    let list: serde_json::Value =
        serde_json::from_str(&site.read("public/incidents.json")).expect("json");
    let cache = list["incidents"]
        .as_array()
        .expect("list")
        .iter()
        .find(|i| i["id"] == "cache")
        .expect("cache");
    for (key, minutes) in [
        ("time_to_detect_minutes", serde_json::json!(6)),
        ("time_to_acknowledge_minutes", serde_json::Value::Null),
        ("time_to_mitigate_minutes", serde_json::json!(30)),
        ("time_to_resolve_minutes", serde_json::json!(38)),
    ] {
        assert_eq!(cache.get(key), Some(&minutes), "{key}: {cache}");
    }
}
