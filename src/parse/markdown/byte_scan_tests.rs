//! Markdown syntax and HTML escapes at every place in a line: the parser looks for the bytes that
//! matter to it, and the HTML writer for the bytes it escapes, sixteen at a time, so what sits
//! across two such blocks, or in the last short one, must be found all the same.

use proptest::prelude::*;

use super::*;

/// One piece of a line, and its HTML.
const PIECES: [(&str, &str); 9] = [
    ("*em*", "<em>em</em>"),
    ("**strong**", "<strong>strong</strong>"),
    ("`a<b`", "<code>a&lt;b</code>"),
    (
        "[link](https://example.com/?a=1&b=2)",
        "<a href=\"https://example.com/?a=1&amp;b=2\">link</a>",
    ),
    ("~~gone~~", "<del>gone</del>"),
    ("&", "&amp;"),
    ("<", "&lt;"),
    (">", "&gt;"),
    ("\"quoted\"", "\"quoted\""),
];

/// A line of words (of any length, so that the pieces fall anywhere in a block of sixteen bytes)
/// and pieces, with the HTML each part renders as.
fn line() -> impl Strategy<Value = Vec<(String, String)>> {
    let part = prop_oneof![
        "[a-z]{1,13}".prop_map(|word| (word.clone(), word)),
        (0..PIECES.len()).prop_map(|n| (PIECES[n].0.to_string(), PIECES[n].1.to_string())),
    ];
    ("[a-z]{1,13}", proptest::collection::vec(part, 0..24)).prop_map(|(first, rest)| {
        std::iter::once((first.clone(), first))
            .chain(rest)
            .collect()
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn syntax_and_escapes_are_found_wherever_they_stand(parts in line()) {
        let markdown: Vec<&str> = parts.iter().map(|(m, _)| m.as_str()).collect();
        let expected: Vec<&str> = parts.iter().map(|(_, h)| h.as_str()).collect();
        let markdown = markdown.join(" ");
        prop_assert_eq!(
            render_html(&markdown, &MarkdownOptions::default()),
            format!("<p>{}</p>\n", expected.join(" "))
        );
    }
}
