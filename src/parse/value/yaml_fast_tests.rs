//! Tests that the fast YAML reader either declines a document or reads it exactly as serde-saphyr:
//! the YAML traps one by one, then generated documents of the subset and near misses of it.

use proptest::prelude::*;

use super::{saphyr, yaml_fast};

/// Whether the fast reader took `text`; panics when it read it differently from the general parser.
fn agrees(text: &str) -> bool {
    let Some(fast) = yaml_fast::parse(text) else {
        return false;
    };
    match saphyr::parse(text) {
        Ok(general) => assert_eq!(fast, general, "read differently:\n{text}"),
        Err(error) => panic!("accepted what the general parser rejects ({error:?}):\n{text}"),
    }
    true
}

const ARCHIVE_STYLE: &str = r#"title: "Logins rejected after a \"signing\" key rotation"
date: "2019-03-09"
status: "published"
services: ["ldap", "payments"]
tags: ["key-rotation"]   # trailing comment
times:
  started: "2019-03-09 08:46"
  detected: "2019-03-09T09:10:00+00:00"

# a comment line
timeline:
  - at: "2019-03-09 08:46"
    kind: "trigger"
    text: "A failed key rotation begins: see C:\\keys."
  - at: "09:10"
    text: 'It''s detected; # is no comment here'
actions:
  - title: Remove the manual step
    owner: j.smith
    due: "2019-05-08"
"#;

#[test]
fn the_archive_style_is_read_fast_and_alike() {
    assert!(agrees(ARCHIVE_STYLE));
    assert!(agrees("title: Outage\nservices: [mail, web]\n"));
    assert!(agrees("# leading comment\n\ntitle: x\n"));
    assert!(agrees("services:\n    - mail\n    - 'web'\nempty: []\n"));
    assert!(agrees("a:\n -   b: x\n     c: w\n -   b: z\n"));
}

#[test]
fn plain_words_that_are_not_strings_are_left_to_the_general_parser() {
    for word in [
        "yes",
        "No",
        "ON",
        "off",
        "y",
        "N",
        "true",
        "False",
        "~",
        "null",
        "NULL",
        "0x1F",
        "1e3",
        ".inf",
        "-.inf",
        ".NaN",
        "nan",
        "Infinity",
        "2024-11-07",
        "12:30",
        "09:10",
        "42",
        "-7",
        "007",
        "3.5",
        "0o17",
        "+1",
        "1_000",
    ] {
        for text in [
            format!("key: {word}\n"),
            format!("key: [{word}]\n"),
            format!("key: [a, {word}]\n"),
            format!("key:\n  - {word}\n"),
            format!("{word}: x\n"),
        ] {
            assert!(!agrees(&text), "took {text:?}");
        }
    }
}

#[test]
fn the_same_words_quoted_are_strings() {
    for word in [
        "yes",
        "~",
        "null",
        "0x1F",
        "1e3",
        ".inf",
        "2024-11-07",
        "12:30",
    ] {
        assert!(agrees(&format!("key: \"{word}\"\n")), "{word}");
        assert!(agrees(&format!("key: '{word}'\n")), "{word}");
        assert!(agrees(&format!("key: [\"{word}\", '{word}']\n")), "{word}");
    }
}

#[test]
fn quoting_and_comment_traps_are_read_alike_or_declined() {
    let taken = [
        "key: \"a: b\"\n",
        "key: 'a: b'\n",
        "key: \"# not a comment\"\n",
        "key: 'it''s'\n",
        "key: ''\n",
        "key: \"\"\n",
        "key: \"a\" # comment\n",
        "key: [\"a, b\", 'c]']  # comment\n",
        "key: \"\\\"quoted\\\" and \\\\\"\n",
        "key: \"é ü ✓\"\n",
        "key: Ok, på norsk\n",
        "key: http/x (see) + more!\n",
        "key:\n  - [a, \"b\"]\n  - []\n",
    ];
    for text in taken {
        assert!(agrees(text), "declined {text:?}");
    }
    let declined = [
        "key: \"a\\nb\"\n",
        "key: \"\\u00e9\"\n",
        "key: \"a\"# comment\n",
        "key: \"open\n  continued\"\n",
        "key: 'open\n  continued'\n",
        "key: plain\n  continued\n",
        "key: a # comment\n",
        "key: a:b\n",
        "key: \"a\": b\n",
        "key: [a, ]\n",
        "key: [a\n  , b]\n",
        "key: {a: b}\n",
        "key: &anchor a\nother: *anchor\n",
        "key: !tag a\n",
        "key: |\n  block\n",
        "key: >\n  folded\n",
        "key:\n",
        "key:\nother: x\n",
        "key:\n- a\n",
        "key:\n  - - a\n",
        "key: x\nkey: y\n",
        "key:\ta\n",
        "key: a\r\n",
        "  key: a\n",
        "key : a\n",
        "\"key\": a\n",
        "? key\n: a\n",
        "key: a\n...\n",
        "%YAML 1.2\n---\nkey: a\n",
        "- a\n- b\n",
        "key: a\u{2028}b\n",
        "key: @a\n",
        "key: `a`\n",
        "a:\n  b: x\n c: y\n",
        "a:\n  - b: x\n   c: y\n",
    ];
    for text in declined {
        assert!(!agrees(text), "took {text:?}");
    }
}

#[test]
fn what_the_general_parser_refuses_for_size_is_declined() {
    let long = "x".repeat(1100);
    assert!(agrees(&format!(
        "key: {long}\nother: \"{long}\"\nlist: [{long}]\n"
    )));
    assert!(!agrees(&format!("{long}: x\n")));
    let mut deep = String::new();
    for level in 0..70 {
        deep.push_str(&format!("{}k{level}:\n", " ".repeat(level)));
    }
    deep.push_str(&format!("{}end: x\n", " ".repeat(70)));
    assert!(!agrees(&deep));
    let big: String = (0..10_000).map(|i| format!("k{i}: v\n")).collect();
    assert!(!agrees(&big));
}

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
    let edit = prop::option::weighted(0.4, (any::<prop::sample::Index>(), 0..24usize));
    (prop::collection::vec((key(), value()), 1..6), style, edit).prop_map(
        |(entries, style, edit)| {
            let mut writer = Writer {
                style: &style,
                out: String::new(),
            };
            writer.map(&entries, 0, false);
            let mut text = writer.out;
            if let Some((place, what)) = edit {
                let places: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
                let at = places[place.index(places.len())];
                match b" \n:#-\"'[],\t&*!|>{?x1\\".get(what) {
                    Some(&c) => text.insert(at, char::from(c)),
                    None => {
                        text.remove(at);
                    }
                }
            }
            text
        },
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(3000))]

    #[test]
    fn generated_documents_are_read_alike_or_declined(text in document()) {
        agrees(&text);
    }
}
