//! What `debrief build` may replace: only an empty folder or a build it made itself (its
//! `.debrief-build` marker, nothing but the files listed there), never the site reached through a
//! link, and never a moment without a complete output folder.

use std::path::Path;

use crate::support::{Site, fixture};

const NOW: &str = "2025-07-15";

/// The marker's first line, as every build writes it.
const HEADER: &str = "debrief build output, format 1";

/// Every file and folder under `dir` (links not followed), relative, sorted.
fn listing(dir: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        for entry in std::fs::read_dir(&folder).expect("read dir").flatten() {
            let path = entry.path();
            let rel = path.strip_prefix(dir).expect("inside").to_string_lossy();
            found.push(rel.replace('\\', "/"));
            if entry.file_type().expect("type").is_dir() {
                stack.push(path);
            }
        }
    }
    found.sort();
    found
}

fn refused(site: &Site, output: &str) -> String {
    let (code, _, stderr) = site.run(&["build", "--now", NOW, "-o", output]);
    assert_eq!(code, 2, "{output} was not refused: {stderr}");
    assert!(stderr.contains("refusing to build into"), "{stderr}");
    stderr
}

#[test]
fn a_home_folder_holding_a_sitemap_is_refused_and_left_intact() {
    let site = fixture("basic");
    site.write("home/docs/plan.md", "my plan");
    site.write("home/.ssh/id_ed25519", "secret key");
    site.write("home/sitemap.xml", "<urlset/>");
    let before = listing(&site.path().join("home"));
    let stderr = refused(&site, "home");
    assert!(stderr.contains(".debrief-build"), "{stderr}");
    for found in [".ssh/", "docs/", "sitemap.xml"] {
        assert!(stderr.contains(found), "names {found}: {stderr}");
    }
    assert_eq!(listing(&site.path().join("home")), before);
    assert_eq!(site.read("home/.ssh/id_ed25519"), "secret key");
}

#[cfg(unix)]
#[test]
fn a_marker_that_debrief_did_not_write_is_not_a_build() {
    let site = fixture("basic");
    site.write("linked/keep.txt", "mine");
    site.write(
        "elsewhere/.debrief-build",
        &format!("{HEADER}\n\"keep.txt\"\n"),
    );
    std::os::unix::fs::symlink(
        site.path().join("elsewhere/.debrief-build"),
        site.path().join("linked/.debrief-build"),
    )
    .expect("link");
    let stderr = refused(&site, "linked");
    assert!(stderr.contains("is a link"), "{stderr}");
    site.write("forged/keep.txt", "mine");
    site.write("forged/.debrief-build", "debrief build\n\"keep.txt\"\n");
    let stderr = refused(&site, "forged");
    assert!(
        stderr.contains(HEADER),
        "says what the first line must be: {stderr}"
    );
    assert_eq!(site.read("linked/keep.txt"), "mine");
    assert_eq!(site.read("forged/keep.txt"), "mine");
}

#[test]
fn a_rebuild_replaces_a_previous_build_and_marks_it() {
    let site = fixture("basic");
    site.debrief(&["build", "--now", NOW]).assert().success();
    let marker = site.read("public/.debrief-build");
    assert_eq!(marker.lines().next(), Some(HEADER), "{marker}");
    assert!(marker.contains("\"index.html\""), "{marker}");
    assert!(
        marker.contains("\"incidents/cache/index.html\""),
        "{marker}"
    );
    assert!(!site.read("public/sitemap.xml").contains("debrief-build"));
    std::fs::remove_file(site.path().join("content/2025/cache.md")).expect("rm");
    site.debrief(&["build", "--now", NOW]).assert().success();
    assert!(!site.path().join("public/incidents/cache").exists());
    assert!(
        !site
            .read("public/.debrief-build")
            .contains("incidents/cache/")
    );
    assert!(site.path().join("public/index.html").is_file());
}

#[test]
fn a_previous_build_with_files_added_by_hand_is_refused() {
    let site = fixture("basic");
    site.debrief(&["build", "--now", NOW]).assert().success();
    site.write("public/notes/todo.txt", "mine");
    site.write("public/incidents/cache/draft.txt", "mine too");
    let stderr = refused(&site, "public");
    for found in ["notes/", "incidents/cache/draft.txt"] {
        assert!(stderr.contains(found), "names {found}: {stderr}");
    }
    assert_eq!(site.read("public/notes/todo.txt"), "mine");
    assert!(site.path().join("public/index.html").is_file());
}

#[cfg(unix)]
#[test]
fn an_output_reached_through_a_link_into_content_is_refused() {
    let site = fixture("basic");
    let before = listing(&site.path().join("content"));
    std::os::unix::fs::symlink("content", site.path().join("alias")).expect("link");
    for output in ["alias/out", "alias", "alias/2025"] {
        refused(&site, output);
    }
    assert_eq!(listing(&site.path().join("content")), before);
}

#[cfg(unix)]
#[test]
fn an_output_below_a_linked_parent_of_the_site_is_refused() {
    let outer = tempfile::TempDir::new().expect("temp dir");
    let site = fixture("basic");
    std::os::unix::fs::symlink(
        site.path().parent().expect("parent"),
        outer.path().join("up"),
    )
    .expect("link");
    let name = site.path().file_name().expect("name").to_string_lossy();
    let before = listing(site.path());
    let up = outer.path().join("up").join(&*name);
    for output in [up.join("content/out"), up.join("templates"), up.clone()] {
        refused(&site, output.to_str().expect("utf-8"));
    }
    assert_eq!(listing(site.path()), before);
    let through = up.join("public");
    site.debrief(&[
        "build",
        "--now",
        NOW,
        "-o",
        through.to_str().expect("utf-8"),
    ])
    .assert()
    .success();
    assert!(site.path().join("public/index.html").is_file());
}

#[test]
fn a_killed_build_is_cleaned_up_by_the_next_and_unrelated_folders_are_kept() {
    let site = fixture("basic");
    site.debrief(&["build", "--now", NOW]).assert().success();
    let marker = site.read("public/.debrief-build");
    // A build killed after writing its marker and one page, and one killed after moving the old
    // build aside: both hold debrief's marker, under names of processes that no longer run.
    site.write(".public.debrief-new-99999999/.debrief-build", &marker);
    site.write(".public.debrief-new-99999999/index.html", "half");
    site.write(".public.debrief-old-99999998/.debrief-build", &marker);
    site.write(".public.debrief-old-99999998/index.html", "old");
    // Similar names that debrief cannot prove it made.
    site.write(".public.debrief-new-99999997/notes.txt", "mine");
    site.write(
        ".public.debrief-old-99999996/.debrief-build",
        "not debrief's",
    );
    site.write(".public.debrief-newer/.debrief-build", &marker);
    site.debrief(&["build", "--now", NOW]).assert().success();
    assert!(!site.path().join(".public.debrief-new-99999999").exists());
    assert!(!site.path().join(".public.debrief-old-99999998").exists());
    assert_eq!(site.read(".public.debrief-new-99999997/notes.txt"), "mine");
    assert!(site.path().join(".public.debrief-old-99999996").is_dir());
    assert!(site.path().join(".public.debrief-newer").is_dir());
    assert!(site.read("public/index.html").contains("<html"));
}

/// Watches `public/index.html` while builds replace `public/`: renaming the old folder aside and the
/// new one in leaves a moment without it, exchanging the two in one step (Linux) does not.
#[cfg(target_os = "linux")]
#[test]
fn the_output_folder_is_never_missing_while_a_build_replaces_it() {
    let site = fixture("basic");
    site.debrief(&["build", "--now", NOW]).assert().success();
    let page = site.path().join("public/index.html");
    let done = std::sync::atomic::AtomicBool::new(false);
    let gaps = std::thread::scope(|scope| {
        let watcher = scope.spawn(|| {
            let mut gaps = 0;
            while !done.load(std::sync::atomic::Ordering::Relaxed) {
                if std::fs::symlink_metadata(&page).is_err() {
                    gaps += 1;
                }
            }
            gaps
        });
        for _ in 0..15 {
            site.debrief(&["build", "--now", NOW]).assert().success();
        }
        done.store(true, std::sync::atomic::Ordering::Relaxed);
        watcher.join().expect("watcher")
    });
    assert_eq!(gaps, 0, "public/index.html was missing {gaps} times");
}
