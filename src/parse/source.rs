//! Finding the files of a site's `content/`: post-mortems to parse and assets to copy beside them.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Level};
use crate::util::glob;

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

/// A file of `content/` that is not a post-mortem: copied beside the pages of its folder.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Asset {
    /// The path relative to `content/`, `/`-separated.
    pub rel: String,
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
pub fn load(config: &Config, output: Option<&Path>) -> Sources {
    let content = config.content_dir();
    let mut sources = Sources::default();
    let walker = WalkDir::new(&content)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|entry| {
            let name = entry.file_name().to_string_lossy();
            let is_output = output.is_some_and(|o| entry.path() == o);
            entry.depth() == 0 || !(is_ignored_name(&name) || is_output)
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
        let rel = rel_path.to_string_lossy().replace('\\', "/");
        if config
            .ignore
            .iter()
            .any(|pattern| glob::matches(pattern, &rel))
        {
            continue;
        }
        let shown = Path::new("content").join(rel_path);
        if abs
            .extension()
            .is_some_and(|e| e == "md" || e == "markdown")
        {
            sources.markdown_files += 1;
            match std::fs::read(&abs) {
                Ok(bytes) => match String::from_utf8(bytes) {
                    Ok(text) => sources.pages.push(Source {
                        path: shown,
                        rel,
                        text,
                    }),
                    Err(error) => {
                        let at = error.utf8_error().valid_up_to();
                        let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
                        let problem = crate::diagnostic::Problem::error(
                            at..at + 1,
                            "the file is not valid UTF-8",
                        )
                        .with_help("save the file as UTF-8");
                        sources
                            .diagnostics
                            .push(Diagnostic::locate(&shown, &text, problem));
                    }
                },
                Err(error) => sources.diagnostics.push(Diagnostic::whole_file(
                    Level::Error,
                    &shown,
                    format!("cannot read: {error}"),
                )),
            }
        } else {
            sources.assets.push(Asset { rel, abs });
        }
    }
    sources
}

#[cfg(test)]
mod tests {
    use super::is_ignored_name;

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
}
