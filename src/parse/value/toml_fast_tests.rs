//! Tests that the fast TOML reader either declines a document or reads it exactly as the `toml`
//! crate: the traps one by one, then generated documents of the subset and near misses of it.

use proptest::prelude::*;

use super::edits::{apply, edits};
use super::{toml_fast, toml_general};

/// Whether the fast reader took `text`; panics when it read it differently from the general parser.
fn agrees(text: &str) -> bool {
    let Some(fast) = toml_fast::parse(text) else {
        return false;
    };
    match toml_general(text) {
        Ok(general) => assert_eq!(fast, general, "read differently:\n{text}"),
        Err(error) => panic!("accepted what the general parser rejects ({error:?}):\n{text}"),
    }
    true
}

const ARCHIVE_STYLE: &str = r#"title = "Write failures on \"database\" during C:\\failover"
date = 2019-01-18
status = 'published'
services = ["webhooks", 'kafka']   # trailing comment
tags = []
draft = false

# a comment line
[times]
started = 2019-06-18T08:35:00+01:00
detected = 2019-06-18T08:40:00Z
resolved = 2019-06-18T09:40:00

[[timeline]]
at = "2019-06-18 08:35"
text = "It starts; # is no comment here"

[[actions]]
title = "Fix it"
[[timeline]]
at = "09:10"
kind = "detect"
"#;

#[test]
fn the_archive_style_is_read_fast_and_alike() {
    assert!(agrees(ARCHIVE_STYLE));
    assert!(agrees(""));
    assert!(agrees("# only a comment\n"));
    assert!(agrees("  indented = true\nb=\"x\"\n"));
}

#[test]
fn values_outside_the_subset_are_left_to_the_general_parser() {
    for value in [
        "42",
        "-7",
        "3.5",
        "1e3",
        "inf",
        "nan",
        "0x1F",
        "\"\"\"multi\"\"\"",
        "'''multi'''",
        "\"a\\nb\"",
        "\"\\u00e9\"",
        "{ a = \"b\" }",
        "[1, 2]",
        "[\"a\",]",
        "[\"a\", [\"b\"]]",
        "[\n\"a\"]",
        "1979-05-27 07:32:00Z",
        "1979-05-27t07:32:00z",
        "1979-05-27T07:32:00.5Z",
        "1979-05-27T07:32+01:00",
        "07:32:00",
        "2019-02-30",
        "2019-13-01",
        "2019-06-18T25:00:00Z",
        "True",
        "truex",
        "\"a\"# comment",
        "\"unclosed",
        "",
    ] {
        for text in [format!("key = {value}\n"), format!("[t]\nkey = {value}\n")] {
            assert!(!agrees(&text), "took {text:?}");
        }
    }
}

#[test]
fn structure_outside_the_subset_is_left_to_the_general_parser() {
    for text in [
        "a = \"x\"\na = \"y\"\n",
        "a.b = \"x\"\n",
        "\"a\" = \"x\"\n",
        "[a]\n[a]\n",
        "a = \"x\"\n[a]\n",
        "[a]\n[[a]]\n",
        "[[a]]\n[a]\n",
        "[a.b]\n",
        "[ a ]\n",
        "[a] x = \"y\"\n",
        "[]\n",
        "[[a]]\nx = \"1\"\nx = \"2\"\n",
        "a\t= \"x\"\n",
        "a = \"x\"\r\n",
        "a = \"x\"\u{feff}\n",
        "a = \"x\" b = \"y\"\n",
    ] {
        assert!(!agrees(text), "took {text:?}");
    }
    assert!(agrees(
        "[[a]]\nx = \"1\"\n[[a]]\nx = \"2\"\n[b]\nx = \"3\"\n"
    ));
}

/// Lines as written: the first [`GOOD_LINES`] in the subset, then traps.
const LINES: &[&str] = &[
    "title = \"plain text\"",
    "times = \"with \\\"escape\\\" \\\\\"",
    "at = 'literal # not a comment'",
    "kind = \"é ü\"",
    "date = 2019-01-18",
    "started = 2019-06-18T08:35:00+01:00",
    "detected = 2019-06-18T08:35:00Z",
    "resolved = 2019-06-18T08:35:00",
    "services = [\"a\", 'b']",
    "tags = []",
    "draft = true",
    "b_c = false  # comment",
    "x-y = \"\"",
    "",
    "# comment",
    "[times]",
    "[[timeline]]",
    "[[actions]]",
    "[extra]",
    "n = 42",
    "f = 3.5",
    "s = \"\"\"multi\"\"\"",
    "e = \"\\n\"",
    "t = { a = 1 }",
    "d = 1979-05-27 07:32:00Z",
    "a.b = \"x\"",
    "[a.b]",
    "[ times ]",
    "l = [\"a\",]",
    "d = 2019-02-30",
];
const GOOD_LINES: usize = 19;

fn line() -> impl Strategy<Value = usize> {
    prop_oneof![12 => 0..GOOD_LINES, 1 => 0..LINES.len()]
}

fn document() -> impl Strategy<Value = String> {
    (prop::collection::vec(line(), 1..14), edits(0..=1)).prop_map(|(lines, edit)| {
        let text: String = lines.iter().map(|&i| format!("{}\n", LINES[i])).collect();
        apply(&text, &edit)
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
