//! Unit tests of the writing checks: placeholders outside code, and paragraphs repeated word for word.

use super::placeholders::{PLACEHOLDER_TEXTS, PLACEHOLDER_WORDS};
use super::*;
use pulldown_cmark::{Event, Parser, Tag, TagEnd};

#[test]
fn placeholders_are_found_whole_and_outside_code() {
    let text = "a TBD b\nTODOs ok\ncalled at XX:XX or hh:mm\n```\nTODO in code\n```\nLorem ipsum\n";
    let found: Vec<&str> = placeholders(text).into_iter().map(|r| &text[r]).collect();
    assert_eq!(found, ["TBD", "XX:XX", "hh:mm", "Lorem ipsum"]);
}

/// Each placeholder of `text` found by itself, in order of place, before fenced code is left out.
fn each_placeholder(text: &str) -> Vec<Range<usize>> {
    let mut each: Vec<Range<usize>> = Vec::new();
    let lower = text.to_ascii_lowercase();
    for needle in PLACEHOLDER_TEXTS {
        each.extend(lower.match_indices(needle).map(|(i, m)| i..i + m.len()));
    }
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    for word in PLACEHOLDER_WORDS {
        for (i, m) in text.match_indices(word) {
            let before = text[..i].chars().next_back().is_none_or(|c| !is_word(c));
            let after = text[i + m.len()..]
                .chars()
                .next()
                .is_none_or(|c| !is_word(c));
            if before && after {
                each.push(i..i + m.len());
            }
        }
    }
    each.sort_by_key(|r| r.start);
    each
}

proptest::proptest! {
    #[test]
    fn placeholders_are_those_each_pattern_finds_on_its_own(
        text in "(TODO|TBD|FIXME|[xX]{1,3}:[xX]{1,3}|[hH]{2}:[mM]{2}|[lL]orem [iI]psum|_|a|é| |\n|```\n){0,40}"
    ) {
        let each = each_placeholder(&text);
        let found = placeholders(&text);
        let mut kept = each.iter().filter(|r| found.contains(r));
        // What was found is what each found, less only the matches in code.
        proptest::prop_assert!(found.iter().all(|r| kept.next() == Some(r)));
        if !text.contains("```") {
            proptest::prop_assert_eq!(found, each);
        }
    }

    #[test]
    fn placeholders_outside_code_are_those_each_pattern_finds_on_its_own(
        text in "(TODO|TBD|FIXME|[xX]{1,3}:[xX]{1,3}|[hH]{2}:[mM]{2}|[lL]orem [iI]psum|[lL][oO][rR]|TO|FI|T|F|_|a|é| |\n){0,60}"
    ) {
        proptest::prop_assert_eq!(placeholders(&text), each_placeholder(&text));
    }
}

#[test]
fn placeholders_at_either_end_and_across_blocks_of_text_are_found() {
    for before in [0, 1, 61, 62, 63, 64, 65, 127] {
        for placeholder in ["TBD", "TODO", "FIXME", "XX:xx", "hh:MM", "Lorem Ipsum"] {
            let text = format!("{}{placeholder}", " ".repeat(before));
            assert_eq!(placeholders(&text), vec![before..text.len()], "{text:?}");
            let text = format!("{text} and more");
            assert_eq!(
                placeholders(&text),
                vec![before..before + placeholder.len()]
            );
        }
    }
}

#[test]
fn placeholders_in_a_fence_left_open_or_closed_by_the_other_marker_are_code() {
    let text = "TODO\n~~~\nTBD\n```\nFIXME\n~~~\nTODO: x\n```\nlorem ipsum\n";
    let found: Vec<_> = placeholders(text).into_iter().map(|r| r.start).collect();
    assert_eq!(found, [0, text.rfind("TODO").unwrap()]);
}

#[test]
fn a_repeated_long_paragraph_is_reported_at_its_second_place() {
    let para = "The cache node failed and every request went to the database instead.";
    let text = format!("# T\n\n{para}\n\nShort one.\n\nShort one.\n\n{para}\n");
    let mut problems = Vec::new();
    repeated_paragraphs(
        &text,
        0,
        &paragraphs::plain_paragraphs(&text),
        &mut problems,
    );
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].span.start, text.rfind(para).unwrap());
    assert!(problems[0].message.ends_with("(line 3)"), "{problems:?}");
}

#[test]
fn every_check_has_a_setting_of_its_own() {
    let mut config = ChecksConfig::default();
    assert!(CHECKS.iter().all(|c| c.enabled(&config)));
    config.placeholder = Some(false);
    let off: Vec<_> = CHECKS
        .iter()
        .filter(|c| !c.enabled(&config))
        .map(|c| c.name)
        .collect();
    assert_eq!(off, ["placeholder"]);
}

/// Repeated paragraphs as found by keying every paragraph on its words joined by single spaces.
fn repeated_by_joined_words(text: &str) -> Vec<(Range<usize>, String)> {
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut found = Vec::new();
    let mut start = None;
    for (event, range) in Parser::new(text).into_offset_iter() {
        match event {
            Event::Start(Tag::Paragraph) => start = Some(range),
            Event::End(TagEnd::Paragraph) => {
                let Some(range) = start.take() else { continue };
                let words: Vec<&str> = text[range.clone()].split_whitespace().collect();
                if words.len() < 8 {
                    continue;
                }
                let key = words.join(" ");
                match seen.get(&key) {
                    Some(first_at) => {
                        let line = text[..*first_at].matches('\n').count() + 1;
                        let span = range.start..range.start + words[0].len();
                        found.push((span, format!(" (line {line})")));
                    }
                    None => {
                        seen.insert(key, range.start);
                    }
                }
            }
            _ => {}
        }
    }
    found
}

proptest::proptest! {
    #[test]
    fn repeated_paragraphs_are_those_whose_joined_words_repeat(
        paragraphs in proptest::collection::vec(
            "(cache|node|failed|é|TBD|\\*a\\*|> |- |\\| x \\||[ \t]{1,2}|\n){6,16}",
            1..10,
        ),
        picks in proptest::collection::vec(0usize..10, 0..12),
    ) {
        // Paragraphs, some of them again further down, apart by blank lines.
        let mut text = String::new();
        for paragraph in paragraphs.iter().chain(picks.iter().filter_map(|i| paragraphs.get(*i))) {
            text.push_str(paragraph);
            text.push_str("\n\n");
        }
        let mut problems = Vec::new();
        repeated_paragraphs(&text, 0, &paragraphs::plain_paragraphs(&text), &mut problems);
        let found: Vec<(Range<usize>, String)> = problems
            .into_iter()
            .map(|p| {
                let detail = p.message.trim_start_matches(REPEATED_PARAGRAPH.message).to_string();
                (p.span, detail)
            })
            .collect();
        proptest::prop_assert_eq!(found, repeated_by_joined_words(&text));
    }
}

proptest::proptest! {
    #[test]
    fn words_are_joined_as_split_whitespace_splits_them(
        text in "[\\x00-\\x20a-c\\x7f\\u{85}\\u{a0}\\u{2003}é]{0,40}"
    ) {
        let words: Vec<&str> = text.split_whitespace().collect();
        let mut key = Vec::new();
        let (count, first) = join_words(&text, &mut key);
        proptest::prop_assert_eq!(String::from_utf8(key).unwrap(), words.join(" "));
        proptest::prop_assert_eq!(count, words.len());
        proptest::prop_assert_eq!(first, words.first().map_or(0, |w| w.len()));
    }
}

#[test]
fn a_vertical_tab_parts_words_as_other_white_space_does() {
    let mut key = Vec::new();
    assert_eq!(join_words("a\x0Bb \t\x0Cc\r\n", &mut key), (3, 1));
    assert_eq!(key, b"a b c");
}

#[test]
fn paragraphs_of_the_same_words_in_another_order_are_not_repeats() {
    let para = "the cache node failed and every request went on to the database";
    let shuffled = "the database node failed and every request went on to the cache";
    let text = format!("{para}\n\n{shuffled}\n\n{para}\n\n{shuffled}\n");
    let mut problems = Vec::new();
    repeated_paragraphs(
        &text,
        0,
        &paragraphs::plain_paragraphs(&text),
        &mut problems,
    );
    let found: Vec<_> = problems
        .iter()
        .map(|p| (p.span.start, p.message.clone()))
        .collect();
    let message = REPEATED_PARAGRAPH.message;
    assert_eq!(
        found,
        [
            (text.rfind(para).unwrap(), format!("{message} (line 1)")),
            (text.rfind(shuffled).unwrap(), format!("{message} (line 3)")),
        ]
    );
}

#[test]
fn placeholders_that_overlap_themselves_or_start_the_text_are_found_as_a_search_finds_them() {
    for text in [
        "xx:xx:xx",
        "XX:xx:XX:xx",
        "hh:mm:ss",
        "lorem ipsum lorem ipsum",
        "p:",
        ":",
    ] {
        assert_eq!(placeholders(text), each_placeholder(text), "{text:?}");
    }
    let first = 0..5;
    assert_eq!(placeholders("xx:xx:xx"), vec![first]);
}

#[test]
fn every_placeholder_word_starts_with_a_letter_the_search_looks_for() {
    // The words are found from their first letters, `T` and `F`.
    assert!(PLACEHOLDER_WORDS.iter().all(|w| w.starts_with(['T', 'F'])));
}

#[test]
fn every_placeholder_text_holds_the_byte_the_search_looks_for_where_it_looks() {
    // `xx:xx` and `hh:mm` are found from their colon, two bytes in; `lorem ipsum` from its `p`,
    // seven bytes in: a text added or reordered must be found its own way.
    assert_eq!(PLACEHOLDER_TEXTS.len(), 3);
    assert_eq!(PLACEHOLDER_TEXTS[0].as_bytes()[2], b':');
    assert_eq!(PLACEHOLDER_TEXTS[1].as_bytes()[2], b':');
    assert_eq!(PLACEHOLDER_TEXTS[2].as_bytes()["lorem i".len()], b'p');
}

#[test]
fn word_ends_are_those_of_the_words_whatever_spaces_part_them() {
    assert_eq!(
        word_ends("the\u{a0}cache node\n\tfailed again "),
        word_ends("the cache\u{2003}node failed\u{3000}again")
    );
    assert_eq!(word_ends("one"), [Some("one"), None, None, None]);
    assert_eq!(word_ends("a b c"), [Some("a"), Some("b"), Some("c"), None]);
}
