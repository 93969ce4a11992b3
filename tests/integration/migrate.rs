//! An archive written for another tool (YAML front matter with foreign key names) published by
//! configuration alone: renamed keys, unknown keys kept or refused, and the grouped report of `check`.

use crate::support::{Site, fixture};

const NOW: &str = "2024-06-01";

/// The migration settings of the issue: the rename table and what unknown keys are.
fn config(unknown_keys: &str) -> String {
    format!(
        "title = \"Migrated archive\"\nbase_url = \"https://status.example.com\"\ntimezone = \"Europe/Oslo\"\n\
         [front_matter]\nunknown_keys = \"{unknown_keys}\"\n[front_matter.rename]\n\
         start_time = \"times.started\"\nend_time = \"times.resolved\"\ncategories = \"tags\"\nproduct = \"services\"\n"
    )
}

fn migrated(unknown_keys: &str) -> Site {
    let site = fixture("migrate-yaml");
    site.write("debrief.toml", &config(unknown_keys));
    site
}

/// The incident page of `slug`.
fn page(site: &Site, slug: &str) -> String {
    site.read(&format!("public/incidents/{slug}/index.html"))
}

#[test]
fn with_the_rename_table_the_archive_builds_and_fields_land_where_they_should() {
    let site = migrated("warn");
    let (code, _, stderr) = site.run(&["build", "--now", NOW]);
    assert_eq!(code, 0, "{stderr}");
    let login = page(&site, "2023-05-20-login");
    // `categories: auth` and `product: login` are single strings: lists of one.
    assert!(login.contains(">auth<"), "tag from `categories`");
    assert!(login.contains("services/login/"), "service from `product`");
    assert!(login.contains("2023-05-20"), "date from `start_time`");
    let dns = page(&site, "2023-02-01-dns");
    assert!(dns.contains("tags/network/") && dns.contains("tags/dns/"));
    assert!(dns.contains("services/resolver/"));
    // The duration needs both `start_time` and `end_time` (13:00 → 14:10).
    assert!(
        dns.contains("1 h 10 min"),
        "duration from the two renamed times"
    );
}

#[test]
fn unknown_keys_warn_once_each_and_name_the_usual_rename() {
    let site = migrated("warn");
    let (code, _, stderr) = site.run(&["check", "--verbose"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stderr.contains("warning: unknown key `company` in front matter"));
    assert!(
        stderr.contains("add `keywords = \"tags\"` under `[front_matter.rename]`"),
        "{stderr}"
    );
    assert!(
        stderr.contains("warning: unknown key `sevrity` in front matter")
            && stderr.contains("did you mean `severity`?"),
        "{stderr}"
    );
    assert!(!stderr.contains("error:"), "{stderr}");
}

#[test]
fn by_default_unknown_keys_fail_with_a_grouped_report() {
    let site = fixture("migrate-yaml");
    let (code, stdout, stderr) = site.run(&["check"]);
    assert_eq!((code, stdout.as_str()), (1, ""));
    insta::assert_snapshot!(stderr);
    let (_, _, verbose) = site.run(&["check", "--verbose"]);
    let shown = verbose
        .lines()
        .filter(|l| l.starts_with("error: unknown key"));
    assert_eq!(shown.count(), 49);
    // `company`, `url` and `uuid` (18 places) share one long help: it is printed once.
    assert_eq!(
        verbose.matches("known keys: title, id").count(),
        1,
        "{verbose}"
    );
    let (_, json, _) = site.run(&["check", "--format", "json"]);
    assert_eq!(json.matches("\"message\": \"unknown key").count(), 49);
    let (code, _, _) = site.run(&["build", "--now", NOW]);
    assert_eq!(code, 1);
}

#[test]
fn ignore_is_silent() {
    let site = migrated("ignore");
    let (code, _, stderr) = site.run(&["check", "--strict"]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(stderr.trim(), "checked 6 files: 0 errors, 0 warnings");
}

#[test]
fn kept_keys_reach_templates_as_extra() {
    let site = migrated("ignore");
    site.write(
        "templates/incident.html",
        "<p>{{ incident.extra.company }} {{ incident.extra.uuid }} {{ incident.extra.keywords[0] }}</p>\n",
    );
    site.debrief(&["build", "--now", NOW]).assert().success();
    assert_eq!(
        page(&site, "2023-03-14-mail").trim(),
        "<p>Acme 1c2d postmortem</p>"
    );
}

#[test]
fn a_rename_target_that_is_no_key_is_an_error_in_the_config() {
    let site = fixture("migrate-yaml");
    site.write(
        "debrief.toml",
        "title = \"A\"\n[front_matter.rename]\ncategories = \"tag\"\n",
    );
    let (code, _, stderr) = site.run(&["check"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("debrief.toml:3:14")
            && stderr.contains("`categories` is renamed to `tag`, which is not a front-matter key")
            && stderr.contains("did you mean `tags`?"),
        "{stderr}"
    );
}

#[test]
fn help_for_a_yaml_file_is_written_in_yaml() {
    let site = Site::new(&[("content/a.md", "---\nlang: en\n---\nBody.\n")]);
    let (code, _, stderr) = site.run(&["check"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("add `date: 2024-11-07` or `times:` and, indented under it, `started: …`,"),
        "{stderr}"
    );
    assert!(
        stderr.contains("add `title: \"…\"` to the front matter"),
        "{stderr}"
    );
    assert!(
        !stderr.contains("date = ") && !stderr.contains("title = "),
        "{stderr}"
    );
}
