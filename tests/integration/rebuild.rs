//! A rebuild over a previous build: files whose bytes did not change stay the very same files (same
//! inode, same modification time), and the result is what a clean build writes.

use std::collections::BTreeMap;
use std::path::Path;

use crate::support::{fixture, walkdir};

const NOW: &str = "2025-07-15";

/// Every file under `dir` (dotfiles too), relative path → bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir(dir)
        .into_iter()
        .map(|p| {
            let rel = p.strip_prefix(dir).expect("inside").to_string_lossy();
            (rel.replace('\\', "/"), std::fs::read(&p).expect("read"))
        })
        .collect()
}

#[cfg(unix)]
#[test]
fn a_rebuild_keeps_unchanged_files_and_equals_a_clean_build() {
    use std::os::unix::fs::MetadataExt;
    let site = fixture("basic");
    site.debrief(&["build", "--now", NOW]).assert().success();
    let public = site.path().join("public");
    let before = tree(&public);
    let identity = |rel: &str| {
        let meta = std::fs::metadata(public.join(rel)).expect("metadata");
        (meta.ino(), meta.mtime(), meta.mtime_nsec())
    };
    let identities: BTreeMap<String, _> = before
        .keys()
        .map(|rel| (rel.clone(), identity(rel)))
        .collect();
    let cache = site.path().join("content/2025/cache.md");
    let text = std::fs::read_to_string(&cache).expect("read");
    std::fs::write(&cache, text.replace("38 minutes", "39 minutes")).expect("write");
    site.debrief(&["build", "--now", NOW]).assert().success();
    site.debrief(&["build", "--now", NOW, "-o", "clean"])
        .assert()
        .success();
    let after = tree(&public);
    assert_eq!(
        after,
        tree(&site.path().join("clean")),
        "same as a clean build"
    );
    let (mut kept, mut changed) = (0, 0);
    for (rel, bytes) in &after {
        if rel == ".debrief-build" {
            continue;
        }
        if before.get(rel) == Some(bytes) {
            assert_eq!(identity(rel), identities[rel], "{rel} was written again");
            kept += 1;
        } else {
            assert_ne!(
                identity(rel).0,
                identities.get(rel).map_or(0, |i| i.0),
                "{rel} changed in place, under the previous build"
            );
            changed += 1;
        }
    }
    assert!(kept > 10, "{kept} files kept");
    assert!(changed > 0, "the edit changed some pages");
    assert!(
        !site
            .read("public/incidents/cache/index.html")
            .contains("38 minutes"),
        "the edited incident's page is the new one"
    );
}

#[test]
fn a_rebuild_writes_the_marker_a_clean_build_writes() {
    let site = fixture("basic");
    site.debrief(&["build", "--now", NOW]).assert().success();
    site.debrief(&["build", "--now", NOW]).assert().success();
    site.debrief(&["build", "--now", NOW, "-o", "clean"])
        .assert()
        .success();
    let marker = site.read("public/.debrief-build");
    assert_eq!(marker, site.read("clean/.debrief-build"));
    let listed: Vec<&str> = marker.lines().filter(|l| l.starts_with('"')).collect();
    let mut sorted = listed.clone();
    sorted.sort_unstable();
    assert_eq!(listed, sorted, "files are listed in order");
    assert!(!marker.contains(".debrief-build.next"), "{marker}");
}

#[test]
fn a_build_that_fails_while_rendering_leaves_the_previous_build_and_nothing_else() {
    let site = fixture("basic");
    site.debrief(&["build", "--now", NOW]).assert().success();
    let before = tree(&site.path().join("public"));
    let entries = || {
        let mut names: Vec<String> = std::fs::read_dir(site.path())
            .expect("read site")
            .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let listed = entries();
    // Incident pages are written before the 404 page fails.
    site.write("templates/404.html", "{{ 1 // 0 }}");
    let (code, _, stderr) = site.run(&["build", "--now", NOW]);
    assert_ne!(code, 0, "{stderr}");
    assert_eq!(tree(&site.path().join("public")), before);
    let mut expected = listed;
    expected.push("templates".to_string());
    expected.sort();
    assert_eq!(entries(), expected, "no staging folder is left: {stderr}");
}
