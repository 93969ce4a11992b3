//! One spanned tree for TOML and YAML front matter, so both map to the model through the same code.
//!
//! Every node keeps the byte range it was written at, so a wrong type or an unknown key is reported at
//! its exact place whatever the syntax.

use std::ops::Range;

use crate::diagnostic::Problem;

mod saphyr;
mod scan;
mod toml_fast;
mod yaml_fast;

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
///
/// Like [`parse_yaml`], the plain subset most front matter is written in is read by a fast reader
/// ([`toml_fast`]) into exactly the tree the general parser gives; the rest goes to the `toml` crate.
pub fn parse_toml(text: &str) -> Result<Node, Problem> {
    if let Some(node) = toml_fast::parse(text) {
        return Ok(node);
    }
    toml_general(text)
}

/// Parses TOML with the `toml` crate, which knows all of TOML and words its errors.
fn toml_general(text: &str) -> Result<Node, Problem> {
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
///
/// Most front matter is written in a small, plain subset of YAML (`key: "value"`, flow lists of
/// strings, nested mappings and lists of mappings); [`yaml_fast`] reads that subset into exactly
/// the tree serde-saphyr would give and declines everything else, which then goes to serde-saphyr.
pub fn parse_yaml(text: &str) -> Result<Node, Problem> {
    if text.trim().is_empty() {
        return Ok(Node {
            kind: NodeKind::Table(Vec::new()),
            span: 0..0,
        });
    }
    match yaml_fast::parse(text) {
        Some(node) => Ok(node),
        None => saphyr::parse(text),
    }
}

#[cfg(test)]
mod edits;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod toml_fast_tests;
#[cfg(test)]
mod yaml_fast_tests;
