//! The walk of `content/`: which files it reads and which it skips, in which order, and the paths
//! it shows.

use super::{by_name, is_ignored_name, load, load_each, slash_path};
use crate::config::Config;
use std::path::Path;

/// Siblings whose names share their start, differ in case or hold characters before and
/// after `/` in byte order: walked in the order of their names alone.
#[test]
fn folders_are_walked_in_the_order_of_their_names() {
    let site = tempfile::TempDir::new().expect("temp dir");
    let names = [
        "a", "a-b", "a.b", "a b", "A", "\u{e4}", "a0", "ab", "b", "a~", "a/c", "a-b/c",
    ];
    for name in names {
        let path = site.path().join(name);
        std::fs::create_dir_all(path.join("x")).expect("mkdir");
        std::fs::write(path.join("x.md"), "").expect("write");
    }
    let walk = |walker: walkdir::WalkDir| -> Vec<_> {
        walker
            .into_iter()
            .map(|e| e.expect("entry").into_path())
            .collect()
    };
    let by_file_name = walk(walkdir::WalkDir::new(site.path()).sort_by_file_name());
    assert_eq!(
        walk(walkdir::WalkDir::new(site.path()).sort_by(by_name)),
        by_file_name
    );
    assert_eq!(by_file_name.len(), 1 + 3 * names.len());
}

/// Many post-mortems in nested folders, some unreadable, some beside assets: reading and
/// handling each while the walk goes on gives what the walk alone gives, in the same order.
#[test]
fn pages_read_during_the_walk_keep_the_walk_order() {
    let site = tempfile::TempDir::new().expect("temp dir");
    let content = site.path().join("content");
    for folder in 0..6 {
        let dir = content.join(format!("{folder}"));
        std::fs::create_dir_all(dir.join("inner")).expect("mkdir");
        for file in 0..25 {
            let name = dir.join(format!("{file:02}.md"));
            if file % 7 == 3 {
                std::fs::write(name, b"# Bad caf\xe9\n").expect("write");
            } else {
                std::fs::write(name, format!("# {folder}/{file}\n")).expect("write");
            }
        }
        std::fs::write(dir.join("inner/index.md"), "# inner\n").expect("write");
        std::fs::write(dir.join("diagram.svg"), "<svg/>").expect("write");
        std::fs::write(dir.join("notes.txt"), "---\ntitle: x\n---\n").expect("write");
    }
    let config = Config::parse(site.path(), "title = \"Site\"").expect("config");
    let alone = load(&config);
    let (sources, lengths) = load_each(&config, |source| source.text.len());
    let paths = |pages: &[super::Source]| -> Vec<_> {
        pages
            .iter()
            .map(|p| (p.path.clone(), p.text.clone()))
            .collect()
    };
    assert_eq!(paths(&sources.pages), paths(&alone.pages));
    assert_eq!(sources.diagnostics, alone.diagnostics);
    assert_eq!(sources.assets, alone.assets);
    assert_eq!(sources.markdown_files, 6 * 26);
    let mut sorted = paths(&sources.pages);
    sorted.sort();
    assert_eq!(paths(&sources.pages), sorted, "pages are in path order");
    let unreadable: Vec<_> = (sources.diagnostics.iter())
        .filter(|d| d.message.contains("not valid UTF-8"))
        .map(|d| d.path.clone())
        .collect();
    let mut in_order = unreadable.clone();
    in_order.sort();
    assert_eq!(unreadable.len(), 6 * 4);
    assert_eq!(
        unreadable, in_order,
        "unreadable files are reported in path order"
    );
    let expected: Vec<usize> = sources.pages.iter().map(|p| p.text.len()).collect();
    assert_eq!(lengths, expected, "each result belongs to its page");
}

#[test]
fn backslashes_stay_part_of_a_name() {
    let rel = Path::new("b").join("x\\..\\evil.txt");
    let joined = slash_path(&rel);
    if cfg!(windows) {
        assert_eq!(joined, "b/x/../evil.txt");
    } else {
        assert_eq!(joined, "b/x\\..\\evil.txt");
    }
}

#[test]
fn editor_files_are_ignored() {
    for name in [
        ".x.md.swp",
        "x.md~",
        "#x.md#",
        ".hidden.md",
        "4913",
        "_index.md",
        "x.md.tmp",
    ] {
        assert!(is_ignored_name(name), "{name}");
    }
    assert!(!is_ignored_name("2024-11-07-mail.md"));
}
