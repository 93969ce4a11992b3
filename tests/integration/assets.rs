//! Files of `content/` that are not post-mortems: which incident each is published with, names that
//! cannot be published, and `check` reporting everything `build` refuses, at the same file.

use std::path::Path;

use crate::support::{Site, repo_root, walkdir};

const NOW: &str = "2025-07-15";

/// A post-mortem with a title, a date, `extra` front matter and `body`.
fn page(title: &str, extra: &str, body: &str) -> String {
    format!("+++\ntitle = \"{title}\"\ndate = 2024-11-07\n{extra}+++\n{body}\n")
}

/// The diagnostics (`error: …` / `warning: …` blocks) a run printed, without its summary line.
fn diagnostics(stderr: &str) -> Vec<String> {
    stderr
        .split("\n\n")
        .map(str::trim)
        .filter(|b| b.starts_with("error: ") || b.starts_with("warning: "))
        .map(|b| b.lines().take(3).collect::<Vec<_>>().join("\n"))
        .collect()
}

/// `check` and `build` on the same site: both fail with the same diagnostics, which are returned.
fn check_and_build_refuse(site: &Site) -> Vec<String> {
    let (check, _, check_err) = site.run(&["check", "--now", NOW]);
    assert_eq!(check, 1, "check must fail: {check_err}");
    let (build, _, build_err) = site.run(&["build", "--now", NOW]);
    assert_eq!(build, 1, "build must fail as content error: {build_err}");
    assert!(!site.path().join("public").exists(), "nothing is written");
    let (found, built) = (diagnostics(&check_err), diagnostics(&build_err));
    assert!(!found.is_empty(), "{check_err}");
    assert_eq!(found, built, "check and build report the same problems");
    found
}

/// Files whose name contains `needle`, anywhere under `dir`.
fn files_named(dir: &Path, needle: &str) -> Vec<std::path::PathBuf> {
    walkdir(dir)
        .into_iter()
        .filter(|p| p.to_string_lossy().contains(needle))
        .collect()
}

#[test]
fn a_backslash_name_is_an_error_at_the_file_and_nothing_leaves_the_output() {
    let site = Site::new(&[("content/b/index.md", &page("Bundle", "", "Body."))]);
    let name = "x\\..\\..\\..\\..\\escaped-by-name.txt";
    site.write(&format!("content/b/{name}"), "outside");
    let found = check_and_build_refuse(&site);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(
        found[0].contains(&format!("--> content/b/{name}")),
        "{found:?}"
    );
    assert!(found[0].contains("backslash"), "{found:?}");
    let root = site.path().parent().expect("temp dir");
    assert!(!root.join("escaped-by-name.txt").exists());
    assert!(
        files_named(site.path(), "escaped-by-name").len() == 1,
        "only the source"
    );
}

#[test]
fn absolute_looking_names_are_errors_at_their_paths() {
    let site = Site::new(&[("content/b/index.md", &page("Bundle", "", "Body."))]);
    site.write("content/b/C:\\drive.txt", "x");
    site.write("content/b/\\rooted.txt", "x");
    let found = check_and_build_refuse(&site);
    assert_eq!(found.len(), 2, "{found:?}");
    assert!(
        found
            .iter()
            .any(|d| d.contains("--> content/b/C:\\drive.txt"))
    );
    assert!(
        found
            .iter()
            .any(|d| d.contains("--> content/b/\\rooted.txt"))
    );
    assert!(found[0].contains("cannot be published"), "{found:?}");
}

#[test]
fn a_theme_static_file_cannot_leave_the_output() {
    let site = Site::new(&[("content/a.md", &page("A", "", "Body."))]);
    for file in walkdir(&repo_root().join("themes/default")) {
        let rel = file.strip_prefix(repo_root()).expect("inside");
        site.write_bytes(&rel.to_string_lossy(), &std::fs::read(&file).expect("read"));
    }
    site.write(
        "themes/default/static/x\\..\\..\\..\\theme-escape.txt",
        "outside",
    );
    let (code, _, stderr) = site.run(&["build", "--now", NOW]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("static/x"), "{stderr}");
    assert!(!site.path().join("public").exists());
    let escaped = files_named(site.path(), "theme-escape");
    assert_eq!(escaped.len(), 1, "only the theme's file: {escaped:?}");
}

#[test]
fn an_internal_incidents_file_is_published_only_in_an_internal_build() {
    let site = Site::new(&[
        ("content/2024/open.md", &page("Open", "", "Nothing linked.")),
        (
            "content/2024/secret.md",
            &page(
                "Secret",
                "visibility = \"internal\"\n",
                "![topology](topology.svg)",
            ),
        ),
        ("content/2024/topology.svg", "<svg/>"),
    ]);
    let public = site.path().join("public");
    site.debrief(&["build", "--now", NOW]).assert().success();
    assert!(public.join("incidents/open/index.html").is_file());
    assert_eq!(
        files_named(&public, "topology"),
        Vec::<std::path::PathBuf>::new()
    );
    site.debrief(&["build", "--now", NOW, "--audience", "internal"])
        .assert()
        .success();
    assert!(public.join("incidents/secret/topology.svg").is_file());
    assert!(!public.join("incidents/open/topology.svg").exists());
}

#[test]
fn license_and_readme_files_at_the_top_are_not_copied_into_incidents() {
    let site = Site::new(&[
        ("content/mail.md", &page("Mail", "", "Body.")),
        ("content/LICENSE", "MIT"),
        ("content/README.md", "# Notes for writers"),
        ("content/NOTICE.txt", "notice"),
    ]);
    site.write(
        "debrief.toml",
        &format!("{}ignore = [\"README.md\"]\n", crate::support::CONFIG),
    );
    let (code, _, stderr) = site.run(&["check", "--now", NOW]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        diagnostics(&stderr).is_empty(),
        "not even a warning: {stderr}"
    );
    site.debrief(&["build", "--now", NOW]).assert().success();
    let folder = site.path().join("public/incidents/mail");
    let names: Vec<_> = walkdir(&folder)
        .into_iter()
        .map(|p| p.file_name().expect("name").to_string_lossy().into_owned())
        .collect();
    assert_eq!(names, ["index.html"]);
}

#[test]
fn a_bundles_files_in_subfolders_keep_their_place() {
    let site = Site::new(&[
        (
            "content/2025/rebalance/index.md",
            &page("Rebalance", "", "![p99](img/p99.svg)"),
        ),
        ("content/2025/rebalance/img/p99.svg", "<svg>p99</svg>"),
        ("content/2025/rebalance/logs/raw/run.txt", "log"),
    ]);
    site.debrief(&["build", "--now", NOW]).assert().success();
    assert_eq!(
        site.read("public/incidents/rebalance/img/p99.svg"),
        "<svg>p99</svg>"
    );
    assert_eq!(
        site.read("public/incidents/rebalance/logs/raw/run.txt"),
        "log"
    );
}

#[test]
fn a_shared_folders_file_goes_only_with_the_post_mortems_that_link_it() {
    let site = Site::new(&[
        (
            "content/2024/a.md",
            &page("A", "", "![chart](img/chart%201.png)"),
        ),
        (
            "content/2024/b.md",
            &page(
                "B",
                "summary = \"See <img src='./notes.pdf'>.\"\n",
                "No picture.",
            ),
        ),
        ("content/2024/img/chart 1.png", "png"),
        ("content/2024/notes.pdf", "pdf"),
    ]);
    site.debrief(&["build", "--now", NOW]).assert().success();
    assert_eq!(site.read("public/incidents/a/img/chart 1.png"), "png");
    assert_eq!(site.read("public/incidents/b/notes.pdf"), "pdf");
    let public = site.path().join("public");
    assert!(!public.join("incidents/b/img").exists());
    assert!(!public.join("incidents/a/notes.pdf").exists());
}

#[test]
fn an_unlinked_file_in_a_shared_folder_is_a_warning_at_its_path() {
    let site = Site::new(&[
        ("content/2024/a.md", &page("A", "", "Body.")),
        ("content/2024/b.md", &page("B", "", "Body.")),
        ("content/2024/forgotten.png", "png"),
    ]);
    let (code, _, stderr) = site.run(&["check", "--now", NOW]);
    assert_eq!(code, 0, "{stderr}");
    let found = diagnostics(&stderr);
    assert_eq!(
        found,
        [
            "warning: this file is not linked by any post-mortem, so it is not published\n \
          --> content/2024/forgotten.png\n  = help: link it from a post-mortem in its folder or a folder above \
          by its relative path (`![what it shows](forgotten.png)`), move it into a bundle (a folder with an \
          `index.md`), or list it in `ignore` in debrief.toml"
        ],
    );
    let (code, _, build_err) = site.run(&["build", "--now", NOW]);
    assert_eq!(code, 0, "{build_err}");
    assert_eq!(diagnostics(&build_err), found);
    assert_eq!(
        files_named(&site.path().join("public"), "forgotten"),
        Vec::<std::path::PathBuf>::new()
    );
}

#[test]
fn files_that_would_replace_a_page_fail_check_and_build_at_the_same_file() {
    let site = Site::new(&[
        ("content/b/index.md", &page("Bundle", "", "Body.")),
        ("content/b/index.html", "<p>stray</p>"),
        (
            "content/2024/a.md",
            &page("A", "", "[old page](Index.html)"),
        ),
        ("content/2024/Index.html", "<p>old</p>"),
    ]);
    let found = check_and_build_refuse(&site);
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(
        found[0],
        "error: this file would replace incidents/a/index.html, the page debrief generates for \
         content/2024/a.md (names that differ only in case are one file on Windows and macOS)\n \
         --> content/2024/Index.html\n  = help: rename the file, or move it out of the post-mortem's folder"
    );
    assert!(
        found[1].contains("would replace incidents/b/index.html")
            && found[1].contains("--> content/b/index.html"),
        "{found:?}"
    );
}

#[test]
fn names_that_clash_without_case_fail_check_and_build_at_the_later_file() {
    let site = Site::new(&[
        ("content/b/index.md", &page("Bundle", "", "Body.")),
        ("content/b/Chart.svg", "<svg>1</svg>"),
        ("content/b/chart.svg", "<svg>2</svg>"),
        ("content/b/index.html/old.png", "png"),
    ]);
    let found = check_and_build_refuse(&site);
    assert_eq!(
        found,
        [
            "error: this file and content/b/Chart.svg would both be published as incidents/b/chart.svg: \
             names that differ only in case are one file on Windows and macOS\n \
             --> content/b/chart.svg\n  = help: rename the file, or move it out of the post-mortem's folder",
            "error: this file would need a folder incidents/b/index.html/, where debrief writes the page for \
             content/b/index.md\n --> content/b/index.html/old.png\n  = help: rename the file, or move it \
             out of the post-mortem's folder",
        ]
    );
}
