//! The general YAML parser (serde-saphyr) behind [`super::parse_yaml`], for every document the fast
//! reader of the common subset declines: it knows all of YAML and words its errors.

use std::fmt;
use std::ops::Range;

use serde::Deserialize;
use serde::de::{self, MapAccess, SeqAccess, Visitor};

use super::{Key, Node, NodeKind};
use crate::diagnostic::Problem;

/// Parses YAML with serde-saphyr, the general parser every document the fast reader declines goes to.
pub(super) fn parse(text: &str) -> Result<Node, Problem> {
    match serde_saphyr::from_str::<serde_saphyr::Spanned<YamlNode>>(text) {
        Ok(node) => Ok(from_yaml(node, text)),
        Err(error) => {
            let span = error.location().map_or(0..0, |l| {
                let at = yaml_span(&l, text).start;
                at..(at + 1).min(text.len())
            });
            let message = error.to_string();
            let first = strip_location(message.lines().next().unwrap_or("syntax error"));
            Err(
                Problem::error(span, format!("invalid YAML front matter: {first}")).with_help(
                    "front matter between `---` lines is YAML: `key: value`, one per line",
                ),
            )
        }
    }
}

/// A YAML value as serde-saphyr hands it over, before spans are turned into byte ranges.
#[derive(Debug)]
enum YamlNode {
    Str(String),
    Int(i64),
    Float(f64),
    Bool(bool),
    Null,
    Seq(Vec<serde_saphyr::Spanned<YamlNode>>),
    Map(
        Vec<(
            serde_saphyr::Spanned<String>,
            serde_saphyr::Spanned<YamlNode>,
        )>,
    ),
}

impl<'de> Deserialize<'de> for YamlNode {
    fn deserialize<D: de::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(YamlVisitor)
    }
}

struct YamlVisitor;

impl<'de> Visitor<'de> for YamlVisitor {
    type Value = YamlNode;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any YAML value")
    }
    fn visit_bool<E>(self, v: bool) -> Result<YamlNode, E> {
        Ok(YamlNode::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<YamlNode, E> {
        Ok(YamlNode::Int(v))
    }
    fn visit_u64<E>(self, v: u64) -> Result<YamlNode, E> {
        Ok(i64::try_from(v).map_or(YamlNode::Float(v as f64), YamlNode::Int))
    }
    fn visit_f64<E>(self, v: f64) -> Result<YamlNode, E> {
        Ok(YamlNode::Float(v))
    }
    fn visit_str<E>(self, v: &str) -> Result<YamlNode, E> {
        Ok(YamlNode::Str(v.to_string()))
    }
    fn visit_string<E>(self, v: String) -> Result<YamlNode, E> {
        Ok(YamlNode::Str(v))
    }
    fn visit_unit<E>(self) -> Result<YamlNode, E> {
        Ok(YamlNode::Null)
    }
    fn visit_none<E>(self) -> Result<YamlNode, E> {
        Ok(YamlNode::Null)
    }
    fn visit_some<D: de::Deserializer<'de>>(self, d: D) -> Result<YamlNode, D::Error> {
        YamlNode::deserialize(d)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<YamlNode, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(YamlNode::Seq(items))
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<YamlNode, A::Error> {
        let mut entries = Vec::new();
        while let Some(key) = map.next_key::<serde_saphyr::Spanned<String>>()? {
            let value = map.next_value()?;
            entries.push((key, value));
        }
        Ok(YamlNode::Map(entries))
    }
}

/// The message of a YAML error without the `error: line N column M:` prefix (the caret shows where)
/// and without advice on the parser's own options, which a writer cannot set.
fn strip_location(message: &str) -> &str {
    let mut rest = message.trim();
    rest = rest.strip_prefix("error:").unwrap_or(rest).trim_start();
    if let Some(after) = rest.strip_prefix("line ")
        && let Some(colon) = after.find(':')
        && after[..colon]
            .split_whitespace()
            .all(|w| w == "column" || w.chars().all(|c| c.is_ascii_digit()))
    {
        rest = after[colon + 1..].trim_start();
    }
    rest.split(", set ").next().unwrap_or(rest)
}

fn yaml_span(location: &serde_saphyr::Location, text: &str) -> Range<usize> {
    let span = location.span();
    match (span.byte_offset(), span.byte_len()) {
        (Some(start), Some(len)) => {
            let start = (start as usize).min(text.len());
            start..(start + len as usize).min(text.len())
        }
        _ => {
            let line_start: usize = text
                .split_inclusive('\n')
                .take((location.line() as usize).saturating_sub(1))
                .map(str::len)
                .sum();
            let line = &text[line_start.min(text.len())..];
            let column = (location.column() as usize).saturating_sub(1);
            let start = line_start
                + line
                    .char_indices()
                    .nth(column)
                    .map_or(line.len(), |(i, _)| i);
            let start = start.min(text.len());
            start..start
        }
    }
}

fn from_yaml(node: serde_saphyr::Spanned<YamlNode>, text: &str) -> Node {
    let span = yaml_span(&node.referenced, text);
    let kind = match node.value {
        YamlNode::Str(s) => NodeKind::Str(s),
        YamlNode::Int(i) => NodeKind::Int(i),
        YamlNode::Float(f) => NodeKind::Float(f),
        YamlNode::Bool(b) => NodeKind::Bool(b),
        YamlNode::Null => NodeKind::Null,
        YamlNode::Seq(items) => {
            NodeKind::Array(items.into_iter().map(|i| from_yaml(i, text)).collect())
        }
        YamlNode::Map(entries) => NodeKind::Table(
            entries
                .into_iter()
                .map(|(k, v)| {
                    let key = Key {
                        span: yaml_span(&k.referenced, text),
                        name: k.value,
                        written: None,
                    };
                    (key, from_yaml(v, text))
                })
                .collect(),
        ),
    };
    Node { kind, span }
}
