//! Generated YAML documents of the subset, and near misses of it, read alike or declined.

use proptest::prelude::*;

use super::super::edits::{apply, edits};
use super::{ARCHIVE_STYLE, agrees};

/// A generated value: an index into [`SCALARS`], a flow list of them, a mapping or a block list.
#[derive(Clone, Debug)]
enum Value {
    Scalar(usize),
    Flow(Vec<usize>),
    Map(Vec<(usize, Value)>),
    List(Vec<Value>),
}

/// Keys: the first [`GOOD_KEYS`] in the subset, then traps.
const KEYS: &[&str] = &[
    "title", "times", "at", "a", "b_c", "x-y", "_u", "kind", "text", "due", "yes", "on", "null",
    "1", "\"q\"", "a b", "y",
];
const GOOD_KEYS: usize = 10;

/// Scalars as written: the first [`GOOD_SCALARS`] in the subset, then traps and things outside it.
const SCALARS: &[&str] = &[
    "\"plain text\"",
    "\"with \\\"escape\\\"\"",
    "\"back\\\\slash\"",
    "\"a: b\"",
    "\"# c\"",
    "'single'",
    "'it''s'",
    "''",
    "\"\"",
    "Outage here",
    "mail",
    "tranché é",
    "\"é ü\"",
    "it's",
    "\"2024-11-07\"",
    "\"09:10\"",
    "\"\\n\"",
    "\"\\t\"",
    "yes",
    "No",
    "~",
    "null",
    "0x1F",
    "1e3",
    ".inf",
    "2024-11-07",
    "12:30",
    "42",
    "-7",
    "007",
    "3.5",
    "true",
    "a, b",
    "x # c",
    "&anchor v",
    "*alias",
    "!tag v",
    "|",
    ">",
    "{a: b}",
    "é tranché",
    "nan",
    "http://x",
    "a:b",
    "- x",
    "?x",
    "\"unclosed",
    "'unclosed",
    "Y",
];
const GOOD_SCALARS: usize = 16;

fn key() -> impl Strategy<Value = usize> {
    prop_oneof![8 => 0..GOOD_KEYS, 1 => 0..KEYS.len()]
}

fn scalar() -> impl Strategy<Value = usize> {
    prop_oneof![8 => 0..GOOD_SCALARS, 1 => 0..SCALARS.len()]
}

fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        3 => scalar().prop_map(Value::Scalar),
        1 => prop::collection::vec(scalar(), 0..4).prop_map(Value::Flow),
    ];
    leaf.prop_recursive(3, 24, 4, |inner| {
        prop_oneof![
            prop::collection::vec((key(), inner.clone()), 1..4).prop_map(Value::Map),
            prop::collection::vec(inner, 1..4).prop_map(Value::List),
        ]
    })
}

/// How a document is laid out.
#[derive(Clone, Debug)]
struct Style {
    step: usize,
    dash_gap: usize,
    trailing_comments: bool,
    comment_lines: bool,
}

struct Writer<'s> {
    style: &'s Style,
    out: String,
}

impl Writer<'_> {
    fn inline(&mut self, value: &Value) {
        match value {
            Value::Scalar(i) => self.out.push_str(SCALARS[*i]),
            Value::Flow(items) => {
                let items: Vec<_> = items.iter().map(|i| SCALARS[*i]).collect();
                self.out.push_str(&format!("[{}]", items.join(", ")));
            }
            _ => unreachable!(),
        }
        if self.style.trailing_comments {
            self.out.push_str("  # note");
        }
        self.out.push('\n');
    }

    /// Writes a mapping at `indent`; the first key's indent is already written when `open`.
    fn map(&mut self, entries: &[(usize, Value)], indent: usize, mut open: bool) {
        for (key, value) in entries {
            if !open {
                self.out.push_str(&" ".repeat(indent));
            }
            open = false;
            self.out.push_str(KEYS[*key]);
            self.out.push(':');
            self.value_after_key(value, indent);
            if self.style.comment_lines {
                self.out.push_str("\n# between\n");
            }
        }
    }

    fn value_after_key(&mut self, value: &Value, indent: usize) {
        match value {
            Value::Map(entries) => {
                self.out.push('\n');
                self.map(entries, indent + self.style.step, false);
            }
            Value::List(items) => {
                self.out.push('\n');
                self.list(items, indent + self.style.step);
            }
            leaf => {
                self.out.push(' ');
                self.inline(leaf);
            }
        }
    }

    fn list(&mut self, items: &[Value], indent: usize) {
        for item in items {
            self.out.push_str(&" ".repeat(indent));
            self.out.push('-');
            match item {
                Value::Map(entries) => {
                    self.out.push_str(&" ".repeat(self.style.dash_gap));
                    self.map(entries, indent + 1 + self.style.dash_gap, true);
                }
                Value::List(inner) => {
                    self.out.push('\n');
                    self.list(inner, indent + self.style.step);
                }
                leaf => {
                    self.out.push_str(&" ".repeat(self.style.dash_gap));
                    self.inline(leaf);
                }
            }
        }
    }
}

fn document() -> impl Strategy<Value = String> {
    let style = (1..5usize, 1..3usize, any::<bool>(), any::<bool>()).prop_map(
        |(step, dash_gap, trailing_comments, comment_lines)| Style {
            step,
            dash_gap,
            trailing_comments,
            comment_lines,
        },
    );
    (
        prop::collection::vec((key(), value()), 1..6),
        style,
        edits(0..=1),
    )
        .prop_map(|(entries, style, edit)| {
            let mut writer = Writer {
                style: &style,
                out: String::new(),
            };
            writer.map(&entries, 0, false);
            apply(&writer.out, &edit)
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn generated_documents_are_read_alike_or_declined(text in document()) {
        agrees(&text);
    }

    #[test]
    fn archive_style_near_misses_are_read_alike_or_declined(edit in edits(1..=3)) {
        agrees(&apply(ARCHIVE_STYLE, &edit));
    }
}
