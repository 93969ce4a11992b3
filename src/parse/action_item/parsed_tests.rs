//! Unit tests of reading an Action items section from the one parse that also finds its lists.

use proptest::strategy::Strategy;
use pulldown_cmark::Parser;

use super::*;
use crate::parse::markdown::parser_options;
use crate::parse::sections;

/// An Action items section: lists of actions with markers, among paragraphs, notes and comments.
fn section() -> impl Strategy<Value = String> {
    proptest::collection::vec(
        "(- |\\* |1\\. |  - |\\[ \\] |\\[x\\] |Fix it |@sre |due 2025-05-01 |due 2025-13-01 |OPS-12 |\\(done\\) |\\[t\\]\\(https://x\\) |<!-- c --> |\\| a \\| |\n|\n\n){1,8}",
        0..6,
    )
    .prop_map(|lines| lines.concat())
}

proptest::proptest! {
    #[test]
    fn actions_read_from_the_shared_parse_are_those_read_from_a_parser_of_their_own(
        text in section()
    ) {
        let own = extract_parsed(&text, Parser::new_ext(&text, parser_options()).into_offset_iter());
        let events = parse(&text);
        let lists = sections::lists_of(&text, &events);
        proptest::prop_assert_eq!(&lists, &sections::lists(&text));
        proptest::prop_assert_eq!(
            sections::list_items_of(&text, &events),
            sections::list_items(&text)
        );
        let shared = extract_parsed(&text, events);
        proptest::prop_assert_eq!(&shared.0, &own.0);
        let spans = |problems: &[Problem]| -> Vec<(Range<usize>, String)> {
            problems.iter().map(|p| (p.span.clone(), p.message.clone())).collect()
        };
        proptest::prop_assert_eq!(spans(&shared.1), spans(&own.1));
    }
}

#[test]
fn a_section_of_lists_and_text_gives_its_actions_and_its_lists_from_one_parse() {
    let text =
        "Before.\n\n- [ ] Add a health check @sre due 2025-05-01\n- Fix it (done)\n\nAfter.\n";
    let events = parse(text);
    let lists = sections::lists_of(text, &events);
    assert!(lists.more);
    assert_eq!(lists.ranges.len(), 1);
    let (drafts, problems) = extract_parsed(text, events);
    assert!(problems.is_empty(), "{problems:?}");
    let titles: Vec<&str> = drafts.iter().map(|d| d.title.as_str()).collect();
    assert_eq!(titles, ["Add a health check", "Fix it"]);
}
