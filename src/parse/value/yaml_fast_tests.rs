//! Tests that the fast YAML reader either declines a document or reads it exactly as serde-saphyr:
//! the YAML traps one by one, then generated documents of the subset and near misses of it.

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

mod generated;
