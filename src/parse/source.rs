//! Finding the files of a site's `content/`: post-mortems to parse and assets to copy beside them.
//!
//! An asset's name becomes part of a path in the output, so it is checked here, once, for check and
//! build alike: a name that could leave the output folder (`x\..\..\evil.txt`) is an error at the file.

use std::cmp::Ordering;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use walkdir::{DirEntry, WalkDir};

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Level};
use crate::util::glob;
use crate::util::output_path::{OutputPath, VALID_PATH_HELP};

/// One markdown file of `content/` and its text.
#[derive(Clone, Debug)]
pub struct Source {
    /// The path as shown in diagnostics: relative to the site root (`content/2024/mail.md`).
    pub path: PathBuf,
    /// The path relative to `content/`, `/`-separated.
    pub rel: String,
    /// The file's text.
    pub text: String,
}

/// A file of `content/` that is not a post-mortem: published with the post-mortems it belongs to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Asset {
    /// The path as shown in diagnostics: relative to the site root (`content/2024/diagram.svg`).
    pub path: PathBuf,
    /// The path relative to `content/`, checked to be usable in the output.
    pub rel: OutputPath,
    /// The absolute path to read it from.
    pub abs: PathBuf,
}

/// Everything `content/` holds.
#[derive(Debug, Default)]
pub struct Sources {
    /// The post-mortems, sorted by path.
    pub pages: Vec<Source>,
    /// The other files, sorted by path.
    pub assets: Vec<Asset>,
    /// Files that could not be read (invalid UTF-8, I/O errors).
    pub diagnostics: Vec<Diagnostic>,
    /// Markdown files found, read or not.
    pub markdown_files: usize,
}

/// Whether a file name is an editor's temporary or swap file, or hidden.
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
        || (name.starts_with('#') && name.ends_with('#'))
        || name == "4913"
        // Zola and Hugo section pages describe a folder; they are not post-mortems.
        || name == "_index.md"
}

/// Reads `content/` below the site root, skipping hidden and temporary files and `ignore` globs.
pub fn load(config: &Config) -> Sources {
    load_each(config, |_| ()).0
}

/// [`load`], handing each post-mortem to `each` as soon as it is read: files are read, and `each`
/// runs, on the thread pool while the walk goes on, so the walk, the reading and what `each` does
/// keep every core busy from the start. The results are in the order of [`Sources::pages`], and the
/// diagnostics in the order [`load`] gives them (the walk's, then unreadable files' by path).
pub fn load_each<T: Send>(
    config: &Config,
    each: impl Fn(&Source) -> T + Sync,
) -> (Sources, Vec<T>) {
    let each = &each;
    // Each post-mortem read, with its place in the walk: finished in any order, put in order after.
    let read: Mutex<Vec<(usize, Read<T>)>> = Mutex::default();
    let read_ref = &read;
    let mut sources = rayon::scope(|scope| {
        walk(config, &mut |index, (path, rel, abs)| {
            scope.spawn(move |_| {
                let page = read_page(path, rel, &abs).map(|source| {
                    let done = each(&source);
                    (source, done)
                });
                read_ref
                    .lock()
                    .unwrap_or_else(std::sync::PoisonError::into_inner)
                    .push((index, page));
            });
        })
    });
    let read = read
        .into_inner()
        .unwrap_or_else(std::sync::PoisonError::into_inner);
    // Each page is moved once, to its place in the walk: sorting would move these large values
    // many times over.
    let mut placed: Vec<Option<Read<T>>> = Vec::new();
    placed.resize_with(read.len(), || None);
    for (index, page) in read {
        if index >= placed.len() {
            placed.resize_with(index + 1, || None);
        }
        placed[index] = Some(page);
    }
    let mut done = Vec::with_capacity(placed.len());
    sources.pages.reserve(placed.len());
    for page in placed.into_iter().flatten() {
        match page {
            Ok((source, each)) => {
                sources.pages.push(source);
                done.push(each);
            }
            Err(diagnostic) => sources.diagnostics.push(*diagnostic),
        }
    }
    (sources, done)
}

/// A post-mortem read and what was made of it, or why it could not be read.
type Read<T> = Result<(Source, T), Box<Diagnostic>>;

/// A post-mortem found by the walk: its path as shown, relative to `content/`, and absolute.
type Found = (PathBuf, String, PathBuf);

/// Entries of one folder by name. Their paths are the folder's path and their names, so comparing
/// whole paths compares the names, without looking for where each name starts.
fn by_name(a: &DirEntry, b: &DirEntry) -> Ordering {
    a.path().as_os_str().cmp(b.path().as_os_str())
}

/// Walks `content/` in path order, gathering its assets and the walk's diagnostics, and handing
/// each post-mortem to `page` with its index among them, for it to be read.
fn walk(config: &Config, page: &mut dyn FnMut(usize, Found)) -> Sources {
    let content = config.content_dir();
    let mut sources = Sources::default();
    let walker = WalkDir::new(&content)
        .sort_by(by_name)
        .into_iter()
        .filter_entry(|entry| {
            let name = entry.file_name().to_string_lossy();
            entry.depth() == 0 || !is_ignored_name(&name)
        });
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let path = error
                    .path()
                    .map_or_else(|| content.clone(), Path::to_path_buf);
                let shown = path
                    .strip_prefix(&config.root)
                    .unwrap_or(&path)
                    .to_path_buf();
                sources.diagnostics.push(Diagnostic::whole_file(
                    Level::Error,
                    &shown,
                    format!("cannot read: {error}"),
                ));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let abs = entry.path().to_path_buf();
        let Ok(rel_path) = abs.strip_prefix(&content) else {
            continue;
        };
        let shown = Path::new("content").join(rel_path);
        let rel = slash_path(rel_path);
        if config
            .ignore
            .iter()
            .any(|pattern| glob::matches(pattern, &rel))
        {
            continue;
        }
        if abs
            .extension()
            .is_some_and(|e| e == "md" || e == "markdown")
        {
            page(sources.markdown_files, (shown, rel, abs));
            sources.markdown_files += 1;
        } else if rel_path.to_str().is_none() {
            sources.diagnostics.push(
                Diagnostic::whole_file(Level::Error, &shown, "the file name is not valid UTF-8")
                    .with_help("rename the file (or its folder) using UTF-8 characters"),
            );
        } else {
            // A post-mortem saved under the wrong name is not an asset either.
            if let Some(diagnostic) = looks_like_a_report(&abs, &shown) {
                sources.diagnostics.push(diagnostic);
                continue;
            }
            match OutputPath::new(&rel) {
                Ok(rel) => sources.assets.push(Asset {
                    path: shown,
                    rel,
                    abs,
                }),
                Err(error) => sources.diagnostics.push(
                    Diagnostic::whole_file(
                        Level::Error,
                        &shown,
                        format!("this file cannot be published: {}", error.reason),
                    )
                    .with_help(format!(
                        "rename the file (or its folder): {VALID_PATH_HELP}; or list it in `ignore` in debrief.toml"
                    )),
                ),
            }
        }
    }
    sources
}

/// Extensions of text files that may be a post-mortem saved under the wrong name (and none at all).
const TEXT_EXTENSIONS: &[&str] = &[
    "txt", "text", "mdown", "mkd", "mkdn", "mdwn", "mdtxt", "mdtext", "rmd", "mdx",
];

/// The most bytes read of a file to tell whether it looks like a post-mortem.
const SNIFF_BYTES: u64 = 64 * 1024;

/// A warning when the file at `abs` is not read as a post-mortem (its name lacks `.md`) but its
/// text looks like one: it opens with a front-matter fence, or has a `# ` title and `## ` sections.
fn looks_like_a_report(abs: &Path, shown: &Path) -> Option<Diagnostic> {
    let extension = abs.extension().map(|e| e.to_string_lossy().to_lowercase());
    if extension
        .as_deref()
        .is_some_and(|e| !TEXT_EXTENSIONS.contains(&e))
    {
        return None;
    }
    let mut head = Vec::new();
    let file = std::fs::File::open(abs).ok()?;
    std::io::Read::read_to_end(&mut std::io::Read::take(file, SNIFF_BYTES), &mut head).ok()?;
    let text = match std::str::from_utf8(&head) {
        Ok(text) => text,
        // A cut at the end of what was read is fine; anything else is not text.
        Err(e) if e.error_len().is_none() => std::str::from_utf8(&head[..e.valid_up_to()]).ok()?,
        Err(_) => return None,
    };
    let text = text.trim_start_matches('\u{feff}');
    let first = text.lines().next().unwrap_or("").trim_end();
    let fenced = first == "---" || first == "+++";
    let title = text.lines().any(|l| l.starts_with("# "));
    let sections = text.lines().filter(|l| l.starts_with("## ")).count();
    if !(fenced || (title && sections >= 2)) {
        return None;
    }
    let name = abs.file_name()?.to_string_lossy();
    let stem = abs
        .file_stem()
        .map_or(name.clone(), |s| s.to_string_lossy());
    Some(
        Diagnostic::whole_file(
            Level::Warning,
            shown,
            "this file looks like a post-mortem but is not read as one: its name does not end in `.md`",
        )
        .with_help(format!(
            "rename it to `{stem}.md` to publish it as a post-mortem, or list it in `ignore` in debrief.toml"
        )),
    )
}

/// Reads one post-mortem: its text, or why it cannot be read.
fn read_page(path: PathBuf, rel: String, abs: &Path) -> Result<Source, Box<Diagnostic>> {
    let bytes = std::fs::read(abs).map_err(|error| {
        Box::new(Diagnostic::whole_file(
            Level::Error,
            &path,
            format!("cannot read: {error}"),
        ))
    })?;
    match String::from_utf8(bytes) {
        Ok(text) => Ok(Source { path, rel, text }),
        Err(error) => {
            let at = error.utf8_error().valid_up_to();
            let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
            let problem =
                crate::diagnostic::Problem::error(at..at + 1, "the file is not valid UTF-8")
                    .with_help("save the file as UTF-8");
            Err(Box::new(Diagnostic::locate(&path, &text, problem)))
        }
    }
}

/// `rel` with its names joined by `/`, each name kept as it is: a `\\` in a name on Linux stays part
/// of that name rather than becoming a folder separator.
fn slash_path(rel: &Path) -> String {
    let names: Vec<_> = rel
        .components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect();
    names.join("/")
}

#[cfg(test)]
mod tests;
