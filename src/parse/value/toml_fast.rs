//! A fast reader for the plain subset of TOML that almost all front matter is written in, because the
//! general parser costs more than reading what it finds.
//!
//! The subset: `key = value` lines with bare keys, `[table]` and `[[array-of-tables]]` headers with a
//! bare name, and values that are basic strings (escapes `\"` and `\\` only), literal strings,
//! `true`/`false`, dates and date-times in their usual full form, and one-line arrays of strings.
//! Anything else — numbers, dotted keys, inline tables, multi-line strings, other escapes, tabs,
//! duplicate keys or tables, documents over 64 KiB — gives `None`, and the general parser reads
//! the document. What it accepts it reads into exactly the tree, spans and key order included, the
//! general parser gives.

use std::ops::Range;
use std::str::FromStr;

use crate::parse::lines::split_lines;

use super::scan::{double_quoted, fast_readable, only_comment};
use super::{Key, Node, NodeKind};

/// Where `key = value` lines go: the root table, or the last table a header opened (by index in the
/// root).
#[derive(Clone, Copy)]
enum Target {
    Root,
    Table(usize),
    ArrayTable(usize),
}

/// Reads `text` if it is in the subset, into the tree the general parser would give; else `None`.
pub(super) fn parse(text: &str) -> Option<Node> {
    if !fast_readable(text) {
        return None;
    }
    let mut root: Vec<(Key, Node)> = Vec::new();
    let mut array_tables: Vec<usize> = Vec::new();
    let mut target = Target::Root;
    let mut start = 0;
    for raw in split_lines(text) {
        let line = raw.strip_suffix('\n').unwrap_or(raw);
        let content = line.trim_start_matches(' ');
        let at = start + line.len() - content.len();
        let content = content.trim_end_matches(' ');
        start += raw.len();
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        if let Some(header) = content.strip_prefix('[') {
            let array = header.starts_with('[');
            let open = 1 + usize::from(array);
            let (name, rest) = bare_key(&content[open..])?;
            let rest = rest.strip_prefix(if array { "]]" } else { "]" })?;
            if !only_comment(rest) {
                return None;
            }
            let key = key(name, at + open);
            let span = at..at + 2 * open + name.len();
            let table = Node {
                kind: NodeKind::Table(Vec::new()),
                span: span.clone(),
            };
            let existing = root.iter().position(|(k, _)| k.name == name);
            target = match (existing, array) {
                (None, false) => {
                    root.push((key, table));
                    Target::Table(root.len() - 1)
                }
                (None, true) => {
                    root.push((key, node(NodeKind::Array(vec![table]), span)));
                    array_tables.push(root.len() - 1);
                    Target::ArrayTable(root.len() - 1)
                }
                (Some(index), true) if array_tables.contains(&index) => {
                    let NodeKind::Array(tables) = &mut root[index].1.kind else {
                        return None;
                    };
                    tables.push(table);
                    Target::ArrayTable(index)
                }
                (Some(_), _) => return None,
            };
            continue;
        }
        let (name, rest) = bare_key(content)?;
        let value_text = rest
            .trim_start_matches(' ')
            .strip_prefix('=')?
            .trim_start_matches(' ');
        let value = value(value_text, at + content.len() - value_text.len())?;
        let entries = match target {
            Target::Root => &mut root,
            Target::Table(index) => table_entries(&mut root[index].1)?,
            Target::ArrayTable(index) => match &mut root[index].1.kind {
                NodeKind::Array(tables) => table_entries(tables.last_mut()?)?,
                _ => return None,
            },
        };
        if entries.iter().any(|(k, _)| k.name == name) {
            return None;
        }
        entries.push((key(name, at), value));
    }
    // The general parser keeps keys in a sorted map.
    for (index, (_, value)) in root.iter_mut().enumerate() {
        match &mut value.kind {
            NodeKind::Table(entries) => sort(entries),
            NodeKind::Array(tables) if array_tables.contains(&index) => {
                for table in tables {
                    sort(table_entries(table)?);
                }
            }
            _ => {}
        }
    }
    sort(&mut root);
    Some(node(NodeKind::Table(root), 0..0))
}

fn node(kind: NodeKind, span: Range<usize>) -> Node {
    Node { kind, span }
}

fn key(name: &str, at: usize) -> Key {
    Key {
        name: name.to_string(),
        span: at..at + name.len(),
        written: None,
    }
}

fn table_entries(node: &mut Node) -> Option<&mut Vec<(Key, Node)>> {
    match &mut node.kind {
        NodeKind::Table(entries) => Some(entries),
        _ => None,
    }
}

fn sort(entries: &mut [(Key, Node)]) {
    entries.sort_by(|(a, _), (b, _)| a.name.cmp(&b.name));
}

/// A bare key at the start of `s` and what follows it.
fn bare_key(s: &str) -> Option<(&str, &str)> {
    let len = s
        .bytes()
        .position(|b| !(b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))
        .unwrap_or(s.len());
    (len > 0).then(|| s.split_at(len))
}

/// The value filling the rest of a line (but for a comment), written at byte `at`.
fn value(s: &str, at: usize) -> Option<Node> {
    let (kind, used) = match *s.as_bytes().first()? {
        b'"' | b'\'' => {
            let (value, used) = string(s)?;
            (NodeKind::Str(value), used)
        }
        b'[' => return array(s, at),
        b't' if s.starts_with("true") => (NodeKind::Bool(true), 4),
        b'f' if s.starts_with("false") => (NodeKind::Bool(false), 5),
        b'0'..=b'9' => {
            let word = s.split(' ').next().unwrap_or(s);
            (NodeKind::Datetime(datetime(word)?), word.len())
        }
        _ => return None,
    };
    only_comment(&s[used..]).then(|| node(kind, at..at + used))
}

/// A basic or literal one-line string at the start of `s`: its value and length.
fn string(s: &str) -> Option<(String, usize)> {
    if s.starts_with('"') {
        return double_quoted(s);
    }
    let end = 1 + s[1..].find('\'')?;
    Some((s[1..end].to_string(), end + 1))
}

/// A date (`2024-11-07`) or full date-time (`2024-11-07T08:00:00`, with `Z` or `+01:00`) as the
/// general parser writes it back.
fn datetime(word: &str) -> Option<String> {
    let shape: &[u8] = match word.len() {
        10 => b"dddd-dd-dd",
        19 => b"dddd-dd-ddTdd:dd:dd",
        20 => b"dddd-dd-ddTdd:dd:ddZ",
        25 => b"dddd-dd-ddTdd:dd:dd+dd:dd",
        _ => return None,
    };
    let fits = word.bytes().zip(shape).all(|(b, &s)| match s {
        b'd' => b.is_ascii_digit(),
        b'+' => b == b'+' || b == b'-',
        _ => b == s,
    });
    if !fits {
        return None;
    }
    toml::value::Datetime::from_str(word)
        .ok()
        .map(|d| d.to_string())
}

/// A one-line array of strings, `["a", 'b']`.
fn array(s: &str, at: usize) -> Option<Node> {
    let bytes = s.as_bytes();
    let spaces = |from: usize| from + s[from..].len() - s[from..].trim_start_matches(' ').len();
    let mut items = Vec::new();
    let mut i = spaces(1);
    if bytes.get(i) == Some(&b']') {
        i += 1;
    } else {
        loop {
            let (value, used) = match bytes.get(i)? {
                b'"' | b'\'' => string(&s[i..])?,
                _ => return None,
            };
            items.push(node(NodeKind::Str(value), at + i..at + i + used));
            i = spaces(i + used);
            match bytes.get(i)? {
                b',' => i = spaces(i + 1),
                b']' => {
                    i += 1;
                    break;
                }
                _ => return None,
            }
        }
    }
    only_comment(&s[i..]).then(|| node(NodeKind::Array(items), at..at + i))
}
