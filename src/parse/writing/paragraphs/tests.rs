//! Tests of reading the plain CommonMark paragraphs from the parse with extensions: wherever it
//! gives an answer, it is the one parsing again gives.

use super::*;
use crate::parse::markdown;

/// Each paragraph as the check sees it: where it starts, and its words.
fn seen(body: &str, paragraphs: &[Range<usize>]) -> Vec<(usize, Vec<String>)> {
    (paragraphs.iter())
        .map(|r| {
            (
                r.start,
                body[r.clone()]
                    .split_whitespace()
                    .map(str::to_string)
                    .collect(),
            )
        })
        .collect()
}

#[test]
fn a_report_with_a_table_is_read_without_parsing_again() {
    let body = "## Summary\n\nThe cache node failed.\n\n| Service | Customers |\n|---|---|\n| `api` | 7,140 |\n\n- one\n- two\n\n> quoted\n> text\n\n```text\nlog | line\n```\n";
    let events = markdown::parse(body);
    let fast = commonmark_paragraphs(body, &events).expect("no extension reads it otherwise");
    assert_eq!(fast.len(), 3, "{fast:?}");
    assert_eq!(seen(body, &fast), seen(body, &plain_paragraphs(body)));
}

#[test]
fn a_loose_task_list_item_s_paragraph_starts_at_its_marker() {
    let body = "- [ ] Alert on consumer lag\n\n- [x] Back off retries\n\n* [ ] tight\n* [X] list\n";
    let events = markdown::parse(body);
    let fast = commonmark_paragraphs(body, &events).expect("no extension reads it otherwise");
    assert_eq!(fast.iter().map(|r| r.start).collect::<Vec<_>>(), [2, 31]);
    assert_eq!(seen(body, &fast), seen(body, &plain_paragraphs(body)));
}

#[test]
fn footnotes_task_lists_and_tables_breaking_into_a_paragraph_parse_again() {
    for body in [
        "Text.[^a]\n\n[^a]: The note.\n",
        "- [ ]\n  to do\n",
        "Text right above\n| a | b |\n|---|---|\n| c | d |\n",
        "| a | b |\n|---|---|\n| c | d |\nlazy line\n",
        "| a | b |\n- | -\n",
        "> | a | b |\n> |---|---|\n",
        "  - [ ] task\n| a | c |\n    |---|---|\n- \n   a | c\n",
    ] {
        let events = markdown::parse(body);
        assert_eq!(commonmark_paragraphs(body, &events), None, "{body:?}");
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(3000))]
    #[test]
    fn paragraphs_read_from_the_parse_are_those_plain_commonmark_finds(
        parts in proptest::collection::vec(
            proptest::prop_oneof![
                "(word|other|\\*a\\*|`c`|é|\\[x\\]|\\[\\^n\\]|\\| |\\|)( |\t)?",
                "\n|\n\n|\r\n|  |    ",
                "(> |>|- |\\* |1\\. |2\\) |\\[ \\] |\\[x\\] |# |## )",
                "(\\|---\\|---\\||\\| --- \\||---|===|--|- \\| -|:-:|\\|:--|```|~~~|<div>|\\[\\^n\\]: |\\[l\\]: /u)",
            ],
            0..40,
        ),
    ) {
        let body: String = parts.concat();
        let events = markdown::parse(&body);
        if let Some(fast) = commonmark_paragraphs(&body, &events) {
            proptest::prop_assert_eq!(seen(&body, &fast), seen(&body, &plain_paragraphs(&body)), "{:?}", body);
        }
    }

    #[test]
    fn tables_among_other_lines_read_as_plain_commonmark_reads_them(
        lines in proptest::collection::vec(
            (
                "(|  |    |> |>|- |  - |-   |1\\. |   |- \\[ \\] |\\* \\[x\\]\t)",
                proptest::prop_oneof![
                    3 => "\\| (a|b|a b) \\| (c|d) \\|",
                    3 => "\\|(---|:--|--:)\\|(---|:-:)\\|",
                    1 => "(a|b) \\| (c|d)",
                    1 => "(---|--|===|- \\| -|-- \\| --|---\\|---)",
                    2 => "(word|other word|the cache node failed and every request went on)",
                    2 => "",
                    1 => "(```|# Head|<div>)",
                    2 => "(\\[ \\]|\\[x\\]|\\[ \\] task|\\[x\\] done it|\\[x\\]:)",
                ],
            ),
            0..16,
        ),
    ) {
        let body: String = lines.iter().map(|(prefix, line)| format!("{prefix}{line}\n")).collect();
        let events = markdown::parse(&body);
        if let Some(fast) = commonmark_paragraphs(&body, &events) {
            proptest::prop_assert_eq!(seen(&body, &fast), seen(&body, &plain_paragraphs(&body)), "{:?}", body);
        }
    }
}

/// [`piped_runs_follow_blank_lines`] line by line.
fn piped_runs_follow_blank_lines_by_lines(body: &str) -> bool {
    let mut before_ok = true;
    for line in body.split('\n') {
        let rest = line.trim_start_matches([' ', '\t']);
        let piped = rest.starts_with('|');
        if piped && !before_ok {
            return false;
        }
        before_ok = piped || rest.is_empty();
    }
    true
}

proptest::proptest! {
    #[test]
    fn piped_lines_are_found_from_their_pipes_as_line_by_line(
        body in "(\\||a|a\\|b| |\t|\n|\n\n|\r|é){0,40}"
    ) {
        proptest::prop_assert_eq!(
            piped_runs_follow_blank_lines(&body),
            piped_runs_follow_blank_lines_by_lines(&body)
        );
    }
}

proptest::proptest! {
    #[test]
    fn lines_are_found_by_bytes_as_by_characters(
        body in "(\\||a| |\t|\n|\n\n|\r|é){0,40}",
        at in 0usize..80,
    ) {
        let at = at.min(body.len());
        proptest::prop_assume!(body.is_char_boundary(at));
        proptest::prop_assert_eq!(line_start(&body, at), body[..at].rfind('\n').map_or(0, |i| i + 1));
        let end = if at == 0 || body[..at].ends_with('\n') {
            at
        } else {
            body[at..].find('\n').map_or(body.len(), |i| at + i + 1)
        };
        proptest::prop_assert_eq!(line_end(&body, at), end);
        let blank = body[at..].split('\n').next().unwrap_or("").bytes().all(|b| b == b' ' || b == b'\t');
        proptest::prop_assert_eq!(is_blank_line(&body, at), blank);
    }
}
