//! One spanned tree for TOML and YAML front matter, so both map to the model through the same code.
//!
//! Every node keeps the byte range it was written at, so a wrong type or an unknown key is reported at
//! its exact place whatever the syntax.

use std::fmt;
use std::ops::Range;

use serde::Deserialize;
use serde::de::{self, MapAccess, SeqAccess, Visitor};

use crate::diagnostic::Problem;

/// A front-matter value with the byte range it came from.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// The value.
    pub kind: NodeKind,
    /// Where it was written, in bytes of the front-matter text.
    pub span: Range<usize>,
}

/// The shapes a front-matter value can take.
#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    /// A string.
    Str(String),
    /// An integer.
    Int(i64),
    /// A floating-point number.
    Float(f64),
    /// A boolean.
    Bool(bool),
    /// A TOML datetime, kept as written (RFC 3339 form).
    Datetime(String),
    /// An explicit null (YAML `~`).
    Null,
    /// A list.
    Array(Vec<Node>),
    /// A table, in the order it was written.
    Table(Vec<(Key, Node)>),
}

/// A table key with its place.
#[derive(Clone, Debug, PartialEq)]
pub struct Key {
    /// The key.
    pub name: String,
    /// Where it was written.
    pub span: Range<usize>,
    /// The name as written, when `[front_matter.rename]` gave it another one.
    pub written: Option<String>,
}

impl NodeKind {
    /// The name of this type for "expected X, found Y" messages.
    pub fn type_name(&self) -> &'static str {
        match self {
            NodeKind::Str(_) => "a string",
            NodeKind::Int(_) => "an integer",
            NodeKind::Float(_) => "a number",
            NodeKind::Bool(_) => "a boolean",
            NodeKind::Datetime(_) => "a datetime",
            NodeKind::Null => "null",
            NodeKind::Array(_) => "a list",
            NodeKind::Table(_) => "a table",
        }
    }
}

impl Node {
    /// The value as JSON, for templates (a TOML datetime becomes its text).
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value;
        match &self.kind {
            NodeKind::Str(s) | NodeKind::Datetime(s) => Value::String(s.clone()),
            NodeKind::Int(i) => Value::from(*i),
            NodeKind::Float(f) => {
                serde_json::Number::from_f64(*f).map_or(Value::Null, Value::Number)
            }
            NodeKind::Bool(b) => Value::Bool(*b),
            NodeKind::Null => Value::Null,
            NodeKind::Array(items) => Value::Array(items.iter().map(Node::to_json).collect()),
            NodeKind::Table(entries) => Value::Object(
                entries
                    .iter()
                    .map(|(k, v)| (k.name.clone(), v.to_json()))
                    .collect(),
            ),
        }
    }
}

/// Parses TOML front matter into a table node.
pub fn parse_toml(text: &str) -> Result<Node, Problem> {
    match toml::de::DeTable::parse(text) {
        Ok(table) => {
            let span = table.span();
            Ok(Node {
                kind: toml_table(table.get_ref()),
                span,
            })
        }
        Err(error) => {
            let span = error.span().unwrap_or(0..0);
            let message = error.message().trim().to_string();
            Err(
                Problem::error(span, format!("invalid TOML front matter: {message}")).with_help(
                    "front matter between `+++` lines is TOML: `key = \"value\"`, one per line",
                ),
            )
        }
    }
}

fn toml_table(table: &toml::de::DeTable<'_>) -> NodeKind {
    NodeKind::Table(
        table
            .iter()
            .map(|(key, value)| {
                let key = Key {
                    name: key.get_ref().to_string(),
                    span: key.span(),
                    written: None,
                };
                (key, toml_node(value))
            })
            .collect(),
    )
}

fn toml_node(value: &toml::Spanned<toml::de::DeValue<'_>>) -> Node {
    use toml::de::DeValue;
    let kind = match value.get_ref() {
        DeValue::String(s) => NodeKind::Str(s.to_string()),
        DeValue::Integer(i) => i64::from_str_radix(&i.as_str().replace('_', ""), i.radix())
            .map_or_else(|_| NodeKind::Str(i.as_str().to_string()), NodeKind::Int),
        DeValue::Float(f) => {
            NodeKind::Float(f.as_str().replace('_', "").parse().unwrap_or(f64::NAN))
        }
        DeValue::Boolean(b) => NodeKind::Bool(*b),
        DeValue::Datetime(d) => NodeKind::Datetime(d.to_string()),
        DeValue::Array(items) => NodeKind::Array(items.iter().map(toml_node).collect()),
        DeValue::Table(table) => toml_table(table),
    };
    Node {
        kind,
        span: value.span(),
    }
}

/// Parses YAML front matter into a table node (an empty document is an empty table).
pub fn parse_yaml(text: &str) -> Result<Node, Problem> {
    if text.trim().is_empty() {
        return Ok(Node {
            kind: NodeKind::Table(Vec::new()),
            span: 0..0,
        });
    }
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

#[cfg(test)]
mod tests {
    use super::*;

    fn table(node: &Node) -> &[(Key, Node)] {
        match &node.kind {
            NodeKind::Table(entries) => entries,
            other => panic!("not a table: {other:?}"),
        }
    }

    #[test]
    fn toml_and_yaml_give_the_same_tree_with_spans() {
        let toml_text = "title = \"Outage\"\nservices = [\"mail\", \"web\"]\n";
        let yaml_text = "title: Outage\nservices: [mail, web]\n";
        for (text, node) in [
            (toml_text, parse_toml(toml_text)),
            (yaml_text, parse_yaml(yaml_text)),
        ] {
            let node = node.unwrap();
            let entries = table(&node);
            let (key, value) = entries.iter().find(|(k, _)| k.name == "title").unwrap();
            assert_eq!(&text[key.span.clone()], "title");
            assert_eq!(value.kind, NodeKind::Str("Outage".into()));
            assert!(text[value.span.clone()].contains("Outage"));
            let (_, services) = entries.iter().find(|(k, _)| k.name == "services").unwrap();
            match &services.kind {
                NodeKind::Array(items) => {
                    assert_eq!(items.len(), 2);
                    assert!(text[items[1].span.clone()].contains("web"));
                }
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn toml_datetimes_are_kept_as_written() {
        let node = parse_toml("at = 2024-11-07T08:00:00+01:00\n").unwrap();
        assert_eq!(
            table(&node)[0].1.kind,
            NodeKind::Datetime("2024-11-07T08:00:00+01:00".into())
        );
    }

    #[test]
    fn yaml_messages_carry_no_parser_advice() {
        let error = parse_yaml("title: A\ntitle: B\n").unwrap_err();
        assert_eq!(
            error.message,
            "invalid YAML front matter: duplicate mapping key: title"
        );
        assert_eq!(error.span.start, "title: A\n".len());
    }

    #[test]
    fn syntax_errors_point_into_the_text() {
        let toml_error = parse_toml("title = \"open\n").unwrap_err();
        assert!(
            toml_error.message.contains("invalid TOML"),
            "{toml_error:?}"
        );
        let yaml_error = parse_yaml("title: [unclosed\n").unwrap_err();
        assert!(
            yaml_error.message.contains("invalid YAML"),
            "{yaml_error:?}"
        );
    }
}
