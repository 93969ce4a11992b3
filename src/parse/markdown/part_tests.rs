//! The body's events of a section against the section parsed on its own: bodies made of blocks
//! that tempt the two apart (lazy lines, open fences, setext underlines, pseudo-headings, link and
//! footnote definitions elsewhere).

use proptest::prelude::*;

use crate::parse::markdown::{Definitions, MarkdownOptions, parse};
use crate::parse::sections::{Aliases, outline_of};

/// Blocks and lines a body is made of: section headings (real and pseudo), and blocks whose end
/// depends on what follows them.
const PIECES: &[&str] = &[
    "## Root cause\n",
    "## Impact\n\n",
    "# Summary\n",
    "### Trigger\n",
    "  ## Detection\n",
    "Resolution\n----------\n",
    "Lessons learned:\n",
    "**Contributing factors**\nThe first line.\n",
    "Root cause:\n\nA paragraph.\n",
    "\n",
    "\n\n",
    "A paragraph line.\n",
    "A *lazy* line with `code` and a [link](https://example.com).\n",
    "- an item\n- another [item][ref]\n",
    "1. first\n2. second\n\n   More of the second.\n",
    "- item\nlazy continuation\n",
    "2. not a list after a paragraph\n",
    "> a quote\ncontinued lazily\n",
    "```\nan open fence\n",
    "```text\n## not a heading\n```\n",
    "    indented code\n",
    "<div>\nhtml block\n",
    "<!-- a comment -->\n",
    "| a | b |\n|---|---|\n| 1 | 2 |\n",
    "===\n",
    "---\n",
    "See [ref] and [Ref][] and [text][ref].\n",
    "[ref]: https://example.com/ref \"Title\"\n",
    "[REF]: https://example.com/other\n",
    "A note[^n].\n",
    "[^n]: The note.\n",
    "Trailing spaces  \n",
    "- [ ] a task\n- [x] done\n",
    "Text <span>inline html</span> &amp; entities\n",
    "[dangling]: \n",
];

fn body() -> impl Strategy<Value = String> {
    proptest::collection::vec(0..PIECES.len(), 0..24)
        .prop_map(|pieces| pieces.into_iter().map(|n| PIECES[n]).collect())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(2000))]

    #[test]
    fn a_section_read_from_the_body_s_events_is_the_section_parsed_alone(body in body()) {
        let (events, definitions) = Definitions::parsed(&body);
        let outline = outline_of(&body, &events, &Aliases::default());
        let options = MarkdownOptions::default();
        for section in &outline.sections {
            let part = &section.content;
            let alone = &body[part.clone()];
            if let Some(from_body) = definitions.part_events(&body, &events, part) {
                prop_assert_eq!(&from_body, &parse(alone), "{:?} of {:?}", part, body);
            }
            prop_assert_eq!(
                definitions.render_part(&body, &events, part, &options),
                definitions.render(alone, &options),
                "{:?} of {:?}", part, body
            );
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(500))]

    #[test]
    fn any_part_from_or_to_a_line_start_read_from_the_body_s_events_is_the_part_parsed_alone(
        body in body()
    ) {
        let (events, definitions) = Definitions::parsed(&body);
        let starts = (0..=body.len()).filter(|&at| at == 0 || body[..at].ends_with('\n'));
        for at in starts {
            for part in [at..body.len(), 0..at] {
                if let Some(from_body) = definitions.part_events(&body, &events, &part) {
                    prop_assert_eq!(&from_body, &parse(&body[part.clone()]), "{:?} of {:?}", part, body);
                }
            }
        }
    }
}

#[test]
fn a_section_referring_elsewhere_is_parsed_again() {
    let body = "## Root cause\n\nSee [ref].\n\n## Impact\n\nNone.\n\n[ref]: https://example.com\n";
    let (events, definitions) = Definitions::parsed(body);
    let outline = outline_of(body, &events, &Aliases::default());
    let part = &outline.sections[0].content;
    assert_eq!(definitions.part_events(body, &events, part), None);
    let body = "## Root cause\n\nSee the note[^n].\n\n## Impact\n\nNone.\n\n[^n]: A note.\n";
    let (events, definitions) = Definitions::parsed(body);
    let outline = outline_of(body, &events, &Aliases::default());
    let part = &outline.sections[0].content;
    assert_eq!(definitions.part_events(body, &events, part), None);
}

#[test]
fn a_section_between_blocks_is_read_from_the_body_s_events() {
    let body = "# Title\n\n## Root cause\n\nA *cause*.\n\n- one\n- two\n\n## Impact\n\nNone.\n";
    let (events, definitions) = Definitions::parsed(body);
    let outline = outline_of(body, &events, &Aliases::default());
    for section in &outline.sections {
        let part = &section.content;
        let from_body = definitions.part_events(body, &events, part);
        assert_eq!(from_body, Some(parse(&body[part.clone()])));
    }
}
