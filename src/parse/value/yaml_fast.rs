//! A fast reader for the plain subset of YAML that almost all front matter is written in, because the
//! general parser costs more than the rest of reading a file's front matter.
//!
//! The subset: `key: value` lines with plain keys, nested block mappings and block lists (each level
//! indented further than its parent), values that are double-quoted strings (escapes `\"` and `\\`
//! only), single-quoted strings, flow lists of such strings on one line, and plain words that can
//! only be strings (they start with a letter, hold no `:` or `#`, and are no `yes`, `off`, `null`,
//! `inf`…). Anything else — anchors, tags, block or multi-line scalars, flow mappings, numbers,
//! tabs, duplicate keys, odd indentation, sizes near the general parser's limits — gives `None`,
//! and the general parser reads the document. What it accepts it reads into exactly the tree,
//! spans included, the general parser gives.

use super::scan::{double_quoted, fast_readable, only_comment};
use super::{Key, Node, NodeKind};
use crate::parse::lines::split_lines;

/// Plain words that YAML reads as booleans, null or numbers (in any case), never as strings.
const NOT_STRINGS: &[&str] = &[
    "y", "yes", "n", "no", "true", "false", "on", "off", "null", "inf", "infinity", "nan",
];

/// The general parser refuses keys longer than about 1024 bytes and nesting deeper than 64 levels;
/// the fast reader leaves documents anywhere near that to it.
const MAX_KEY: usize = 512;
const MAX_DEPTH: usize = 32;

/// One line with content: where it starts, how far it is indented and what follows the indent
/// (without trailing spaces).
#[derive(Clone, Copy)]
struct Line<'t> {
    start: usize,
    indent: usize,
    content: &'t str,
}

impl Line<'_> {
    fn at(&self) -> usize {
        self.start + self.indent
    }
}

/// Reads `text` if it is in the subset, into the tree the general parser would give; else `None`.
pub(super) fn parse(text: &str) -> Option<Node> {
    if !fast_readable(text) {
        return None;
    }
    let mut lines = Vec::new();
    let mut start = 0;
    for raw in split_lines(text) {
        let line = raw.strip_suffix('\n').unwrap_or(raw);
        let content = line.trim_start_matches(' ');
        let indent = line.len() - content.len();
        let content = content.trim_end_matches(' ');
        if !content.is_empty() && !content.starts_with('#') {
            lines.push(Line {
                start,
                indent,
                content,
            });
        }
        start += raw.len();
    }
    if lines.first()?.indent != 0 {
        return None;
    }
    let mut reader = Reader {
        lines,
        next: 0,
        depth: 0,
    };
    let node = reader.map(0)?;
    (reader.next == reader.lines.len()).then_some(node)
}

struct Reader<'t> {
    lines: Vec<Line<'t>>,
    next: usize,
    /// How many mappings and lists the one being read is nested in.
    depth: usize,
}

impl Reader<'_> {
    /// The block mapping whose keys stand at `indent`, from the next line on.
    fn map(&mut self, indent: usize) -> Option<Node> {
        self.deeper()?;
        let at = self.lines[self.next].at();
        let mut entries: Vec<(Key, Node)> = Vec::new();
        while let Some(&line) = self.lines.get(self.next)
            && line.indent == indent
        {
            let (name, rest) = key(line.content)?;
            if entries.iter().any(|(k, _)| k.name == name) {
                return None;
            }
            self.next += 1;
            let value = if rest.is_empty() {
                self.block(indent)?
            } else {
                let value = value(rest, line.at() + line.content.len() - rest.len())?;
                self.ends_before(indent)?;
                value
            };
            let key = Key {
                name: name.to_string(),
                span: line.at()..line.at() + name.len(),
                written: None,
            };
            entries.push((key, value));
        }
        self.depth -= 1;
        Some(Node {
            kind: NodeKind::Table(entries),
            span: at..at,
        })
    }

    /// The block list whose dashes stand at `indent`, from the next line on.
    fn list(&mut self, indent: usize) -> Option<Node> {
        self.deeper()?;
        let at = self.lines[self.next].at();
        let mut items = Vec::new();
        while let Some(&line) = self.lines.get(self.next)
            && line.indent == indent
            && line.content.starts_with('-')
        {
            let item = line.content.strip_prefix("- ")?.trim_start_matches(' ');
            let column = indent + line.content.len() - item.len();
            if key(item).is_some() {
                self.lines[self.next] = Line {
                    start: line.start,
                    indent: column,
                    content: item,
                };
                items.push(self.map(column)?);
            } else {
                items.push(value(item, line.start + column)?);
                self.next += 1;
                self.ends_before(indent)?;
            }
        }
        self.depth -= 1;
        Some(Node {
            kind: NodeKind::Array(items),
            span: at..at,
        })
    }

    fn deeper(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth <= MAX_DEPTH).then_some(())
    }

    /// The block mapping or list nested under a key at `indent` that has no value on its line.
    fn block(&mut self, indent: usize) -> Option<Node> {
        let line = *self.lines.get(self.next)?;
        if line.indent <= indent {
            return None;
        }
        if line.content.starts_with('-') {
            self.list(line.indent)
        } else {
            self.map(line.indent)
        }
    }

    /// `Some` when the next line does not continue the value just read on a line at `indent`.
    fn ends_before(&self, indent: usize) -> Option<()> {
        match self.lines.get(self.next) {
            Some(line) if line.indent > indent => None,
            _ => Some(()),
        }
    }
}

/// A plain key followed by `:` and the rest of the line (empty, or the value after the spaces).
fn key(content: &str) -> Option<(&str, &str)> {
    let bytes = content.as_bytes();
    if !bytes.first()?.is_ascii_alphabetic() && bytes[0] != b'_' {
        return None;
    }
    let len = bytes
        .iter()
        .position(|&b| !(b.is_ascii_alphanumeric() || b == b'_' || b == b'-'))?;
    let name = &content[..len];
    if len > MAX_KEY {
        return None;
    }
    let rest = content[len..].strip_prefix(':')?;
    if !(rest.is_empty() || rest.starts_with(' '))
        || NOT_STRINGS.iter().any(|w| name.eq_ignore_ascii_case(w))
    {
        return None;
    }
    Some((name, rest.trim_start_matches(' ')))
}

/// The value after `key: `, written at byte `at`: a scalar or a flow list.
fn value(s: &str, at: usize) -> Option<Node> {
    if s.starts_with('[') {
        flow_list(s, at)
    } else {
        scalar(s, at)
    }
}

/// A quoted string or a plain word filling the rest of its line (but for a comment).
fn scalar(s: &str, at: usize) -> Option<Node> {
    let (value, used) = match s.as_bytes()[0] {
        b'"' => double_quoted(s)?,
        b'\'' => single_quoted(s)?,
        _ if plain_string(s) => (s.to_string(), s.len()),
        _ => return None,
    };
    only_comment(&s[used..]).then_some(Node {
        kind: NodeKind::Str(value),
        span: at..at + used,
    })
}

/// A one-line flow list of strings, `["a", 'b', c]`; its span is its opening bracket.
fn flow_list(s: &str, at: usize) -> Option<Node> {
    let bytes = s.as_bytes();
    let mut items = Vec::new();
    let mut i = skip_spaces(s, 1);
    if bytes.get(i) == Some(&b']') {
        i += 1;
    } else {
        loop {
            i = skip_spaces(s, i);
            let rest = &s[i..];
            let (value, used) = match *bytes.get(i)? {
                b'"' => double_quoted(rest)?,
                b'\'' => single_quoted(rest)?,
                _ => {
                    let word = rest[..rest.find([',', ']'])?].trim_end_matches(' ');
                    if !plain_string(word) {
                        return None;
                    }
                    (word.to_string(), word.len())
                }
            };
            items.push(Node {
                kind: NodeKind::Str(value),
                span: at + i..at + i + used,
            });
            i = skip_spaces(s, i + used);
            match *bytes.get(i)? {
                b',' => i += 1,
                b']' => {
                    i += 1;
                    break;
                }
                _ => return None,
            }
        }
    }
    only_comment(&s[i..]).then_some(Node {
        kind: NodeKind::Array(items),
        span: at..at + 1,
    })
}

fn skip_spaces(s: &str, from: usize) -> usize {
    from + s[from..].len() - s[from..].trim_start_matches(' ').len()
}

/// Reads the single-quoted string `s` starts with (`''` is a quote): its value and length.
fn single_quoted(s: &str) -> Option<(String, usize)> {
    let mut value = String::new();
    let mut from = 1;
    loop {
        let quote = from + s[from..].find('\'')?;
        value.push_str(&s[from..quote]);
        if s[quote + 1..].starts_with('\'') {
            value.push('\'');
            from = quote + 2;
        } else {
            return Some((value, quote + 1));
        }
    }
}

/// True for a plain scalar YAML can only read as this very string.
fn plain_string(s: &str) -> bool {
    s.as_bytes().first().is_some_and(u8::is_ascii_alphabetic)
        && s.chars().all(|c| {
            c.is_ascii_alphanumeric()
                || " _.,/()-+'!?&=;".contains(c)
                || (!c.is_ascii() && c.is_alphanumeric())
        })
        && !NOT_STRINGS.iter().any(|w| s.eq_ignore_ascii_case(w))
}
