//! Unit tests of link and footnote definitions read once per file and used by every section.

use super::*;
use crate::parse::markdown::{parse, render};

const BODY: &str = "# Title\n\n## Root cause\n\nSee [PM-9][PM-9] and [the guide][] and the vendor's notes[^vendor].\n\n\
                    ## Lessons learned\n\n- Load test first[^load].\n\n[PM-9]: https://wiki.example.com/PM-9\n\
                    [The Guide]: https://wiki.example.com/guide \"Guide\"\n\n[^load]: The sandbox has no limits.\n\n\
                    [^vendor]: Version 4.2.\n";

fn definitions() -> Definitions {
    Definitions::parsed(BODY).1
}

#[test]
fn the_body_is_parsed_once_for_its_events_and_its_definitions() {
    let (events, definitions) = Definitions::parsed(BODY);
    assert_eq!(events, parse(BODY));
    let links: Vec<&str> = definitions
        .links
        .iter()
        .map(|(l, _, _)| l.as_str())
        .collect();
    assert_eq!(links.len(), 2, "{links:?}");
    assert!(
        links.contains(&"pm-9") && links.contains(&"the guide"),
        "{links:?}"
    );
    assert_eq!(definitions.footnotes, ["vendor", "load"]);
}

#[test]
fn a_part_of_the_body_links_through_the_body_s_reference_definitions() {
    let html = definitions().render(
        "See [PM-9][PM-9] and [the guide][] and the vendor's notes.",
        &MarkdownOptions::default(),
    );
    assert!(
        html.contains("<a href=\"https://wiki.example.com/PM-9\">PM-9</a>"),
        "{html}"
    );
    assert!(
        html.contains("<a href=\"https://wiki.example.com/guide\" title=\"Guide\">the guide</a>"),
        "{html}"
    );
    assert!(!html.contains("]["), "{html}");
}

#[test]
fn footnote_markers_of_a_part_point_at_the_body_s_footnotes_numbered_as_in_the_body() {
    let item = definitions().render_inline("Load test first[^load].", &MarkdownOptions::default());
    // `vendor` is referenced first in the body, so `load` is number 2.
    assert_eq!(
        item,
        "Load test first<sup class=\"footnote-reference\"><a href=\"#load\">2</a></sup>."
    );
    let body = render(BODY, &MarkdownOptions::default(), &[]).html;
    assert!(body.contains("<a href=\"#vendor\">1</a>"), "{body}");
    assert!(
        body.contains("id=\"load\"><sup class=\"footnote-definition-label\">2</sup>"),
        "{body}"
    );
    assert!(
        body.contains("id=\"vendor\"><sup class=\"footnote-definition-label\">1</sup>"),
        "{body}"
    );
}

#[test]
fn a_part_holding_footnote_definitions_leaves_them_to_the_body() {
    let html = definitions().render(
        "Text[^load].\n\n[^load]: The sandbox has no limits.\n",
        &MarkdownOptions::default(),
    );
    assert!(!html.contains("sandbox"), "{html}");
    assert!(html.contains("href=\"#load\""), "{html}");
}

#[test]
fn a_part_ending_in_an_open_code_block_does_not_show_the_stand_ins() {
    let html = definitions().render(
        "Notes[^load]:\n\n```\nlog line\n",
        &MarkdownOptions::default(),
    );
    assert!(html.contains("log line"), "{html}");
    assert!(!html.contains("[^vendor]"), "{html}");
}

#[test]
fn a_body_without_definitions_renders_parts_as_before() {
    let none = Definitions::parsed("plain").1;
    let options = MarkdownOptions::default();
    for text in [
        "A [link](https://x.example)",
        "[PM-9][PM-9]",
        "Note[^1]",
        "*stress*",
    ] {
        assert_eq!(
            none.render_inline(text, &options),
            crate::parse::markdown::render_inline(text, &options)
        );
    }
}

#[test]
fn an_action_s_notes_link_and_point_at_the_body_s_footnotes() {
    let html = definitions().render(
        "- Background in [the guide][].\n- Ask the vendor[^vendor] first.",
        &MarkdownOptions::default(),
    );
    assert!(
        html.contains("<a href=\"https://wiki.example.com/guide\" title=\"Guide\">the guide</a>"),
        "{html}"
    );
    // `vendor` is referenced first in the body, so it is footnote 1 here too.
    assert!(
        html.contains(
            "vendor<sup class=\"footnote-reference\"><a href=\"#vendor\">1</a></sup> first"
        ),
        "{html}"
    );
    assert!(!html.contains("[^"), "{html}");
    assert!(
        !html.contains("Version 4.2"),
        "the body shows the footnote: {html}"
    );
}

#[test]
fn a_part_shown_away_from_the_body_has_no_footnote_markers() {
    let html = definitions().render_away(
        "Timed out[^vendor] per [PM-9].",
        &MarkdownOptions::default(),
    );
    assert_eq!(
        html,
        "Timed out per <a href=\"https://wiki.example.com/PM-9\">PM-9</a>."
    );
}

#[test]
fn the_body_renders_with_its_footnotes_numbered_as_when_rendered_alone() {
    let lessons = BODY.find("## Lessons").unwrap()..BODY.find("[PM-9]:").unwrap();
    let skip = vec![lessons];
    let (events, definitions) = Definitions::parsed(BODY);
    let options = MarkdownOptions::default();
    assert_eq!(
        definitions.render_body(events, &options, &skip),
        render(BODY, &options, &skip)
    );
}
