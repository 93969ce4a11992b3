//! Fixture sites for the tests: a temporary folder with `debrief.toml` and content files.

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use tempfile::TempDir;

/// A minimal `debrief.toml`; test pages are fragments, so the checks that a published report is
/// complete (root cause, actions) are off.
pub const CONFIG: &str = "title = \"Test archive\"\nbase_url = \"https://status.example.com\"\nlanguage = \"en\"\ntimezone = \"Europe/Oslo\"\nchecks = { published_without_root_cause = false, published_without_actions = false }\n";

/// A temporary site.
pub struct Site {
    dir: TempDir,
}

impl Site {
    /// A site with the minimal config and `files` (path relative to the site root → text).
    pub fn new(files: &[(&str, &str)]) -> Site {
        let site = Site {
            dir: TempDir::new().expect("temp dir"),
        };
        site.write("debrief.toml", CONFIG);
        std::fs::create_dir_all(site.path().join("content")).expect("content dir");
        for (path, text) in files {
            site.write(path, text);
        }
        site
    }

    /// The site's folder.
    pub fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Writes (or replaces) a file of the site.
    pub fn write(&self, rel: &str, text: &str) {
        self.write_bytes(rel, text.as_bytes());
    }

    /// Writes raw bytes.
    pub fn write_bytes(&self, rel: &str, bytes: &[u8]) {
        let path = self.path().join(rel);
        std::fs::create_dir_all(path.parent().expect("parent")).expect("mkdir");
        std::fs::write(path, bytes).expect("write");
    }

    /// Reads a file of the output (`public/…`).
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path().join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    /// `debrief -C <site> args…`, with a fixed `SOURCE_DATE_EPOCH` unset.
    pub fn debrief(&self, args: &[&str]) -> Command {
        let mut command = Command::cargo_bin("debrief").expect("binary");
        command
            .arg("-C")
            .arg(self.path())
            .args(args)
            .env_remove("SOURCE_DATE_EPOCH");
        command
    }

    /// Runs `debrief` and returns (exit code, stdout, stderr).
    pub fn run(&self, args: &[&str]) -> (i32, String, String) {
        let output = self.debrief(args).output().expect("run debrief");
        (
            output.status.code().unwrap_or(-1),
            String::from_utf8_lossy(&output.stdout).into_owned(),
            String::from_utf8_lossy(&output.stderr).into_owned(),
        )
    }
}

/// The repository's root (where the example archive is).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A temporary copy of `tests/fixtures/<name>`.
pub fn fixture(name: &str) -> Site {
    let site = Site::new(&[]);
    let source = repo_root().join("tests/fixtures").join(name);
    for entry in walkdir(&source) {
        let rel = entry
            .strip_prefix(&source)
            .expect("inside")
            .to_string_lossy()
            .replace('\\', "/");
        site.write_bytes(&rel, &std::fs::read(&entry).expect("read fixture"));
    }
    site
}

pub fn walkdir(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).expect("fixture dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walkdir(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// The `<main …>…</main>` element of a page: what the page itself shows, without the header and
/// footer every page shares.
pub fn main_of(page: &str) -> &str {
    let start = page
        .find("<main")
        .unwrap_or_else(|| panic!("no <main> in the page: {page}"));
    let end = page[start..]
        .find("</main>")
        .unwrap_or_else(|| panic!("<main> is never closed: {page}"))
        + start
        + "</main>".len();
    &page[start..end]
}

/// The part of `text` from `start` up to (not including) `end`, which follows it.
pub fn between<'t>(text: &'t str, start: &str, end: &str) -> &'t str {
    let at = text.find(start).unwrap_or_else(|| panic!("no {start}"));
    let len = text[at..].find(end).unwrap_or_else(|| panic!("no {end}"));
    &text[at..at + len]
}

/// Every file under `dir` whose path ends with `suffix`, as (path, text), by path.
pub fn texts_under(dir: &Path, suffix: &str) -> Vec<(String, String)> {
    let mut texts: Vec<(String, String)> = walkdir(dir)
        .into_iter()
        .filter(|p| p.to_string_lossy().ends_with(suffix))
        .map(|p| {
            let text = std::fs::read_to_string(&p).expect("page");
            (p.to_string_lossy().into_owned(), text)
        })
        .collect();
    texts.sort();
    texts
}

/// Asserts that two builds' pages (as [`texts_under`] gives them) are the same, path by path, and
/// appends their text to `shown`.
pub fn assert_same_pages(fast: &[(String, String)], slow: &[(String, String)], shown: &mut String) {
    assert_eq!(fast.len(), slow.len());
    for ((path, fast), (_, slow)) in fast.iter().zip(slow) {
        assert_eq!(fast, slow, "{path}");
        shown.push_str(fast);
    }
}
