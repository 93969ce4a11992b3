//! `debrief build` (and `init`/`new`) over fixture sites: what is written, and what it looks like.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{fixture, repo_root, walkdir};

/// Every file under `dir`, relative path → bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir(dir)
        .into_iter()
        .map(|p| {
            (
                p.strip_prefix(dir)
                    .expect("inside")
                    .to_string_lossy()
                    .replace('\\', "/"),
                std::fs::read(&p).expect("read"),
            )
        })
        .collect()
}

const NOW: &str = "2025-07-15";

#[test]
fn builds_published_public_incidents_with_their_pages() {
    let site = fixture("basic");
    let (code, _, stderr) = site.run(&["build", "--now", NOW]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("built 3 incidents, 6 actions"), "{stderr}");
    let files = tree(&site.path().join("public"));
    for expected in [
        "index.html",
        "404.html",
        "robots.txt",
        "sitemap.xml",
        "incidents/cache/index.html",
        "incidents/pm2024-001-storage-degradation/index.html",
        "incidents/bundle/index.html",
        "incidents/bundle/diagram.svg",
        "services/index.html",
        "services/checkout/index.html",
        "tags/capacity/index.html",
        "severity/sev1/index.html",
        "years/2025/index.html",
        "years/2024/index.html",
    ] {
        assert!(
            files.contains_key(expected),
            "missing {expected}: {:?}",
            files.keys().collect::<Vec<_>>()
        );
    }
    assert!(
        !files
            .keys()
            .any(|k| k.contains("draft") || k.contains("internal") || k.contains("README"))
    );
    let css: Vec<_> = files
        .keys()
        .filter(|k| k.starts_with("static/style.") && k.ends_with(".css"))
        .collect();
    assert_eq!(css.len(), 1, "{css:?}");
    let index = site.read("public/index.html");
    assert!(
        index.contains(&format!("/archive/{}", css[0])),
        "stylesheet link uses the base path"
    );
}

#[test]
fn drafts_and_internal_incidents_need_their_flags() {
    let site = fixture("basic");
    let (code, _, stderr) =
        site.run(&["build", "--now", NOW, "--drafts", "--audience", "internal"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("built 5 incidents"), "{stderr}");
    assert!(
        site.path()
            .join("public/incidents/draft/index.html")
            .exists()
    );
    assert!(
        site.path()
            .join("public/incidents/internal/index.html")
            .exists()
    );
}

#[test]
fn the_incident_page_is_pinned() {
    let site = fixture("basic");
    site.debrief(&["build", "--now", NOW]).assert().success();
    let page = site.read("public/incidents/cache/index.html");
    insta::assert_snapshot!("incident_page", redact_hashes(&page));
    for (name, path) in [
        ("index_page", "public/index.html"),
        ("markdown_only_page", "public/incidents/bundle/index.html"),
        (
            "norwegian_page",
            "public/incidents/pm2024-001-storage-degradation/index.html",
        ),
        ("services_page", "public/services/index.html"),
        ("tracker_page", "public/actions/index.html"),
    ] {
        insta::assert_snapshot!(name, redact_hashes(&site.read(path)));
    }
}

#[test]
fn front_matter_text_is_escaped_and_body_html_passes_through() {
    let site = fixture("basic");
    site.debrief(&["build", "--now", NOW]).assert().success();
    let page = site.read("public/incidents/cache/index.html");
    assert!(!page.contains("<script>alert(1)</script>"));
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"),
        "{page}"
    );
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
fn no_page_keeps_an_unresolved_incident_link() {
    let site = fixture("basic");
    site.debrief(&["build", "--now", NOW]).assert().success();
    let files = tree(&site.path().join("public"));
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let page = String::from_utf8_lossy(bytes);
        assert!(
            !page.contains("href=\"incident:"),
            "{path} keeps an incident: link"
        );
    }
    let bundle = site.read("public/incidents/bundle/index.html");
    assert!(
        bundle.contains("href=\"/archive/incidents/pm2024-001-storage-degradation/\""),
        "summary link"
    );
    assert!(
        bundle.contains("href=\"/archive/incidents/pm2024-001-storage-degradation/#timeline\""),
        "lessons link with anchor"
    );
    let index = site.read("public/index.html");
    assert!(
        index.contains(
            "href=\"/archive/incidents/pm2024-001-storage-degradation/\">the storage incident"
        ),
        "card summary link"
    );
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
fn overdue_actions_depend_on_now() {
    let site = fixture("basic");
    site.debrief(&["build", "--now", "2025-06-30"])
        .assert()
        .success();
    let on_time = site.read("public/incidents/pm2024-001-storage-degradation/index.html");
    site.debrief(&["build", "--now", "2025-07-15"])
        .assert()
        .success();
    let late = site.read("public/incidents/pm2024-001-storage-degradation/index.html");
    assert_ne!(on_time, late);
    assert!(
        late.contains("15 dager over fristen"),
        "days overdue in the page language: {late}"
    );
    assert!(!on_time.contains("over fristen"), "{on_time}");
}

#[test]
fn the_same_input_and_now_give_identical_output() {
    let site = fixture("basic");
    site.debrief(&["build", "--now", NOW, "-o", "one"])
        .assert()
        .success();
    site.debrief(&["build", "--now", NOW, "-o", "two"])
        .assert()
        .success();
    let (one, two) = (
        tree(&site.path().join("one")),
        tree(&site.path().join("two")),
    );
    assert!(!one.is_empty());
    assert_eq!(one, two);
}

#[test]
fn source_date_epoch_sets_now() {
    let site = fixture("basic");
    site.debrief(&["build", "-o", "flag", "--now", "2025-07-15"])
        .assert()
        .success();
    site.debrief(&["build", "-o", "epoch"])
        .env("SOURCE_DATE_EPOCH", "1752537600")
        .assert()
        .success();
    assert_eq!(
        tree(&site.path().join("flag")),
        tree(&site.path().join("epoch"))
    );
}

#[test]
fn base_url_flag_overrides_the_config() {
    let site = fixture("basic");
    site.debrief(&[
        "build",
        "--now",
        NOW,
        "--base-url",
        "https://other.example.org/",
    ])
    .assert()
    .success();
    let index = site.read("public/index.html");
    assert!(index.contains("href=\"/incidents/cache/\""), "{index}");
    assert!(
        site.read("public/sitemap.xml")
            .contains("<loc>https://other.example.org/incidents/cache/</loc>")
    );
}

#[test]
fn a_sites_templates_override_the_theme() {
    let site = fixture("basic");
    site.write(
        "templates/404.html",
        "<!doctype html><title>{{ site.title }}</title><p>Gone.</p>\n",
    );
    site.debrief(&["build", "--now", NOW]).assert().success();
    assert_eq!(
        site.read("public/404.html"),
        "<!doctype html><title>Fixture archive</title><p>Gone.</p>"
    );
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
fn the_example_archive_builds() {
    let out = tempfile::TempDir::new().expect("temp");
    let output = out.path().join("public");
    let mut command = assert_cmd::Command::cargo_bin("debrief").expect("binary");
    let run = command
        .arg("-C")
        .arg(repo_root())
        .args(["build", "--now", "2026-11-28", "-o"])
        .arg(&output)
        .output()
        .expect("run");
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(run.status.success(), "{stderr}");
    let page =
        std::fs::read_to_string(output.join("incidents/2024-11-07-e-post-og-webhotell/index.html"))
            .expect("page");
    assert!(page.contains("Gjennomgå varslingsrutinene"));
    assert!(page.contains("<html lang=\"nb\""));
}

#[test]
fn init_then_new_then_build() {
    let dir = tempfile::TempDir::new().expect("temp");
    let root = dir.path().join("site");
    let mut init = assert_cmd::Command::cargo_bin("debrief").expect("binary");
    init.arg("init").arg(&root).assert().success();
    let mut again = assert_cmd::Command::cargo_bin("debrief").expect("binary");
    again.arg("init").arg(&root).assert().failure().code(2);
    let mut new = assert_cmd::Command::cargo_bin("debrief").expect("binary");
    let out = new
        .arg("-C")
        .arg(&root)
        .args([
            "new",
            "Database failover took 40 minutes",
            "--date",
            "2025-03-02",
        ])
        .output()
        .expect("run");
    assert!(out.status.success());
    let path = String::from_utf8_lossy(&out.stdout).trim().to_string();
    assert_eq!(
        path,
        "content/2025/2025-03-02-database-failover-took-40-minutes.md"
    );
    let mut build = assert_cmd::Command::cargo_bin("debrief").expect("binary");
    build
        .arg("-C")
        .arg(&root)
        .args(["build", "--drafts", "--now", "2025-03-03"])
        .assert()
        .success();
    assert!(
        root.join("public/incidents/2025-03-02-database-failover-took-40-minutes/index.html")
            .exists()
    );
}

/// Replaces the content hashes of asset names (`style.93cc89b1.css`) so theme edits do not churn snapshots.
fn redact_hashes(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find("static/") {
        out.push_str(&rest[..at + 7]);
        rest = &rest[at + 7..];
        let end = rest.find('"').unwrap_or(rest.len());
        let name = &rest[..end];
        let parts: Vec<&str> = name.split('.').collect();
        if parts.len() == 3
            && parts[1].len() == 8
            && parts[1].chars().all(|c| c.is_ascii_hexdigit())
        {
            out.push_str(&format!("{}.HASH.{}", parts[0], parts[2]));
        } else {
            out.push_str(name);
        }
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

#[test]
fn an_output_folder_holding_the_site_is_refused() {
    let site = fixture("basic");
    for output in [".", "content", ".."] {
        let (code, _, stderr) = site.run(&["build", "--now", NOW, "-o", output]);
        assert_eq!(code, 2, "{output}: {stderr}");
        assert!(stderr.contains("refusing to build into"), "{stderr}");
    }
    assert!(site.path().join("content/2025/cache.md").exists());
    assert!(site.path().join("debrief.toml").exists());
}

#[test]
fn an_output_folder_that_is_not_a_build_is_refused() {
    let site = fixture("basic");
    site.write("notes/keep.txt", "mine");
    for output in ["notes", "debrief.toml"] {
        let (code, _, stderr) = site.run(&["build", "--now", NOW, "-o", output]);
        assert_eq!(code, 2, "{output}: {stderr}");
        assert!(stderr.contains("refusing to build into"), "{stderr}");
    }
    assert_eq!(site.read("notes/keep.txt"), "mine");
    assert!(site.read("debrief.toml").contains("Fixture archive"));
    site.debrief(&["build", "--now", NOW, "-o", "fresh"])
        .assert()
        .success();
    site.debrief(&["build", "--now", NOW, "-o", "fresh"])
        .assert()
        .success();
}

#[cfg(unix)]
#[test]
fn a_linked_output_folder_is_built_through_the_link() {
    let site = fixture("basic");
    std::fs::create_dir_all(site.path().join("deploy")).expect("mkdir");
    std::os::unix::fs::symlink(site.path().join("deploy"), site.path().join("public"))
        .expect("link");
    site.debrief(&["build", "--now", NOW]).assert().success();
    let meta = std::fs::symlink_metadata(site.path().join("public")).expect("meta");
    assert!(meta.file_type().is_symlink(), "the link is kept");
    assert!(
        site.path().join("deploy/index.html").is_file(),
        "the build went to the link's target"
    );
}

#[test]
fn a_file_that_would_replace_a_generated_page_fails_the_build() {
    let site = fixture("basic");
    site.write("content/2025/bundle/index.html", "<p>stray</p>");
    let (code, _, stderr) = site.run(&["build", "--now", NOW]);
    assert_eq!(code, 2, "{stderr}");
    assert!(
        stderr.contains(
            "content/2025/bundle/index.html would replace the generated incidents/bundle/index.html"
        ),
        "{stderr}"
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

#[test]
fn the_feed_and_the_incident_list_are_pinned() {
    let site = fixture("basic");
    site.debrief(&["build", "--now", NOW]).assert().success();
    let feed = site.read("public/feed.xml");
    assert_eq!(
        feed.matches("<entry ").count(),
        3,
        "published public incidents only"
    );
    assert!(feed.contains("<id>https://status.example.com/archive/incidents/cache/</id>"));
    assert!(feed.contains("&lt;script&gt;"), "titles are escaped");
    insta::assert_snapshot!("feed", feed);
    let list: serde_json::Value =
        serde_json::from_str(&site.read("public/incidents.json")).expect("json");
    let ids: Vec<&str> = list["incidents"]
        .as_array()
        .expect("list")
        .iter()
        .map(|i| i["id"].as_str().expect("id"))
        .collect();
    assert_eq!(ids, ["bundle", "cache", "PM2024-001"], "newest first");
    insta::assert_snapshot!("incidents_json", site.read("public/incidents.json"));
    assert!(
        site.read("public/index.html")
            .contains("<link rel=\"alternate\" type=\"application/atom+xml\"")
    );
}
