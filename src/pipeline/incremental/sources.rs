//! The parse cache of incremental builds: post-mortems by path with the hash of their text, parsed
//! again only when the text changed (or when the parse was lent to a build that failed).

use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use super::{Entry, State};
use crate::parse::source::{Source, is_ignored_name};
use crate::render::depends;
use crate::util::glob;

/// A fast, stable hash of a file's text.
fn text_hash(text: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

/// A cache entry for `source`, to be parsed.
fn entry(source: Source, hash: u64) -> Entry {
    Entry {
        source,
        hash,
        stale: true,
        incident: None,
        parsed: false,
        diagnostics: Vec::new(),
        facts: None,
        document: None,
    }
}

/// Replaces the cache's files by `pages` (every post-mortem of `content/`), keeping the parses of
/// those whose text is the same.
pub(super) fn update_all(state: &mut State, pages: Vec<Source>) {
    state.reshaped = true;
    let mut old = std::mem::take(&mut state.entries);
    let hashed: Vec<(Source, u64)> = pages
        .into_par_iter()
        .map(|s| {
            let hash = text_hash(&s.text);
            (s, hash)
        })
        .collect();
    for (source, hash) in hashed {
        let kept = old
            .remove(&source.path)
            .filter(|e| e.hash == hash && e.source.rel == source.rel);
        let path = source.path.clone();
        state
            .entries
            .insert(path, kept.unwrap_or_else(|| entry(source, hash)));
    }
}

/// Reads the post-mortems at `paths` (absolute, as the watcher reports them) again, or removes
/// those that are gone. `false` when that is not enough and `content/` must be read whole: a path
/// that is not a post-mortem (a content file, a folder), a file that cannot be read, or a site
/// with unreadable files.
pub(super) fn update_paths(state: &mut State, paths: &[PathBuf]) -> bool {
    if !state.source_diagnostics.is_empty() || paths.is_empty() {
        return false;
    }
    let content = state.config.content_dir();
    let content = std::path::absolute(&content).unwrap_or(content);
    for path in paths {
        let Ok(rel_path) = path.strip_prefix(&content) else {
            return false;
        };
        let names: Option<Vec<&str>> = rel_path
            .components()
            .map(|c| c.as_os_str().to_str())
            .collect();
        let Some(names) = names else { return false };
        if names.is_empty() {
            return false;
        }
        if names.iter().any(|n| is_ignored_name(n)) {
            continue;
        }
        let rel = names.join("/");
        if state.config.ignore.iter().any(|p| glob::matches(p, &rel)) {
            continue;
        }
        let markdown = rel_path
            .extension()
            .is_some_and(|e| e == "md" || e == "markdown");
        if !markdown {
            return false;
        }
        let shown = Path::new("content").join(rel_path);
        match std::fs::symlink_metadata(path) {
            Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
                state.reshaped |= state.entries.remove(&shown).is_some();
            }
            Ok(meta) if meta.is_file() => {
                let Ok(text) = std::fs::read_to_string(path) else {
                    return false;
                };
                let hash = text_hash(&text);
                if state.entries.get(&shown).is_some_and(|e| e.hash == hash) {
                    continue;
                }
                let source = Source {
                    path: shown.clone(),
                    rel,
                    text,
                };
                state.reshaped |= state.entries.insert(shown, entry(source, hash)).is_none();
            }
            _ => return false,
        }
    }
    true
}

/// Parses, in parallel, the files whose text changed or whose parse was lost (not lent to the
/// last site kept); their paths.
pub(super) fn parse(state: &mut State) -> Vec<PathBuf> {
    let config = &state.config;
    let lent = state.last.is_some();
    let todo: Vec<&mut Entry> = state
        .entries
        .values_mut()
        .filter(|e| e.stale || (e.parsed && e.incident.is_none() && !lent))
        .collect();
    let paths = todo.iter().map(|e| e.source.path.clone()).collect();
    todo.into_par_iter().for_each(|entry| {
        let parsed = crate::parse::reader::parse(&entry.source, config);
        if entry.stale {
            entry.document = None;
        }
        entry.stale = false;
        entry.parsed = parsed.incident.is_some();
        entry.facts = parsed
            .incident
            .as_ref()
            .map(|i| depends::facts(i, &entry.source.text));
        entry.incident = parsed.incident;
        entry.diagnostics = parsed.diagnostics;
    });
    paths
}
