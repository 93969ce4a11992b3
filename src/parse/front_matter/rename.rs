//! `[front_matter.rename]` applied to a spanned front-matter tree before it is read: each foreign key
//! is moved to where debrief's key would be, keeping its place and its written name for messages.

use std::collections::BTreeMap;

use crate::diagnostic::Problem;
use crate::parse::value::{Key, Node, NodeKind};

/// Moves every key named in `rename` (their dotted key → our dotted key) to its target in `root`.
///
/// Two keys landing on one target is an error at the later one; the earlier one is read.
pub(super) fn apply(
    root: &mut Node,
    rename: &BTreeMap<String, String>,
    problems: &mut Vec<Problem>,
) {
    let mut moved = Vec::new();
    for (from, to) in rename {
        let path: Vec<&str> = from.split('.').collect();
        if let Some((key, value)) = take(root, &path) {
            moved.push((from, to, key, value));
        }
    }
    moved.sort_by_key(|(_, _, key, _)| key.span.start);
    for (from, to, mut key, value) in moved {
        let (parent, name) = match to.rsplit_once('.') {
            Some((parent, name)) => (Some(parent), name),
            None => (None, to.as_str()),
        };
        key.written = Some(from.clone());
        key.name = name.to_string();
        let span = key.span.clone();
        let Some(table) = table_at(root, parent, &span) else {
            problems.push(
                Problem::error(
                    span,
                    format!(
                        "`{from}` is read as `{to}`, but this file's `{}` is not a table",
                        parent.unwrap_or_default()
                    ),
                )
                .with_help("rename it to another key in `[front_matter.rename]` of debrief.toml"),
            );
            continue;
        };
        if let Some((other, _)) = table.iter().find(|(k, _)| k.name == name) {
            let other = other.written.as_deref().unwrap_or(to);
            problems.push(
                Problem::error(
                    span,
                    format!(
                        "`{from}` is read as `{to}`, which `{other}` already sets in this file"
                    ),
                )
                .with_help(format!("keep only one of `{other}` and `{from}`")),
            );
            continue;
        }
        table.push((key, value));
    }
}

/// Removes and returns the entry at `path` (a top-level key, or a key of nested tables), and the
/// tables it leaves empty.
fn take(node: &mut Node, path: &[&str]) -> Option<(Key, Node)> {
    let NodeKind::Table(entries) = &mut node.kind else {
        return None;
    };
    let (first, rest) = path.split_first()?;
    let index = entries
        .iter()
        .position(|(k, _)| k.name == *first && k.written.is_none())?;
    if rest.is_empty() {
        return Some(entries.remove(index));
    }
    let taken = take(&mut entries[index].1, rest);
    // A table emptied by renames (Zola's `[taxonomies]`) was only their container.
    if taken.is_some()
        && matches!(&entries[index].1.kind, NodeKind::Table(inner) if inner.is_empty())
    {
        entries.remove(index);
    }
    taken
}

/// The entries of the table `parent` of `root` (the root itself for `None`), made when missing.
fn table_at<'n>(
    root: &'n mut Node,
    parent: Option<&str>,
    span: &std::ops::Range<usize>,
) -> Option<&'n mut Vec<(Key, Node)>> {
    let NodeKind::Table(entries) = &mut root.kind else {
        return None;
    };
    let Some(parent) = parent else {
        return Some(entries);
    };
    let index = match entries.iter().position(|(k, _)| k.name == parent) {
        Some(index) => index,
        None => {
            let key = Key {
                name: parent.to_string(),
                span: span.clone(),
                written: None,
            };
            let table = Node {
                kind: NodeKind::Table(Vec::new()),
                span: span.clone(),
            };
            entries.push((key, table));
            entries.len() - 1
        }
    };
    match &mut entries[index].1.kind {
        NodeKind::Table(inner) => Some(inner),
        _ => None,
    }
}
