//! The search index a build writes: present in every build, and holding exactly the incidents that
//! build publishes.

use crate::support::fixture;

const NOW: &str = "2025-07-15";

/// Every byte of the build's `search/` files, joined, then every card's url, title and excerpt as
/// the index gives them back (cards are stored packed, so their text need not appear as written).
fn index_bytes(site: &crate::support::Site, out: &str) -> Vec<u8> {
    let dir = site.path().join(out).join("search");
    let mut bytes = Vec::new();
    let mut files = Vec::new();
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .expect("search/")
        .map(|e| e.expect("entry").path())
        .collect();
    names.sort();
    for path in names {
        let file = std::fs::read(&path).expect("index file");
        bytes.extend(&file);
        let name = path.file_name().expect("a name").to_string_lossy();
        files.push((format!("search/{name}"), file));
    }
    let index = debrief::search::query::Index::open(files).expect("a readable index");
    for doc in 0..index.len() as u32 {
        let card = index.card(doc).expect("a card");
        for text in [card.url, card.title, card.excerpt] {
            bytes.extend(text.as_bytes());
            bytes.push(b'\n');
        }
    }
    bytes
}

fn holds(bytes: &[u8], text: &str) -> bool {
    bytes.windows(text.len()).any(|w| w == text.as_bytes())
}

#[test]
fn a_public_index_never_holds_an_internal_incident_or_a_draft() {
    let site = fixture("basic");
    site.debrief(&["build", "--now", NOW]).assert().success();
    let public = index_bytes(&site, "public");
    assert!(
        holds(&public, "Checkout latency"),
        "published titles are indexed"
    );
    assert!(!holds(&public, "Internal only"));
    assert!(!holds(&public, "still being written"));

    site.debrief(&[
        "build",
        "--now",
        NOW,
        "--drafts",
        "--audience",
        "internal",
        "-o",
        "internal",
    ])
    .assert()
    .success();
    let internal = index_bytes(&site, "internal");
    assert!(
        holds(&internal, "Internal only"),
        "the internal build indexes it"
    );
    assert!(holds(&internal, "still being written"));
}

#[test]
fn the_search_page_points_at_the_entry_and_every_page_has_the_box() {
    let site = fixture("basic");
    site.debrief(&["build", "--now", NOW]).assert().success();
    let page = site.read("public/search/index.html");
    assert!(
        page.contains("data-index=\"/archive/search/entry.json\""),
        "{page}"
    );
    assert!(site.path().join("public/search/entry.json").is_file());
    let incident = site.read("public/incidents/cache/index.html");
    assert!(
        incident.contains("<form class=\"site-search\" role=\"search\" action=\"/archive/search/\" method=\"get\">"),
        "{incident}"
    );
}
