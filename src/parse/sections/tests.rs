//! Unit tests of finding sections, first paragraphs and list items in a body.

use super::*;

use crate::config::aliases::tests::{builtin, extra};

fn text<'a>(body: &'a str, range: &Range<usize>) -> &'a str {
    &body[range.clone()]
}

#[test]
fn title_is_a_leading_h1() {
    let body = "# Checkout latency\n\n## Summary\nOne node failed.\n";
    let outline = outline(body, &builtin());
    let Some((title, range)) = &outline.title else {
        panic!("no title");
    };
    assert_eq!(title, "Checkout latency");
    assert_eq!(text(body, range), "# Checkout latency\n");
}

#[test]
fn title_may_follow_blank_lines_and_comments_but_nothing_else() {
    let body = "\n<!-- template v2 -->\n\n# Title *here*\n";
    let title = outline(body, &builtin()).title;
    assert_eq!(title.map(|(t, _)| t), Some("Title here".to_string()));
    assert_eq!(outline("Intro\n\n# Title\n", &builtin()).title, None);
    assert_eq!(outline("## Title\n", &builtin()).title, None);
    let setext = outline("Title\n=====\n\nText\n", &builtin()).title;
    assert_eq!(setext, Some(("Title".to_string(), 0..12)));
}

#[test]
fn a_leading_h1_alias_is_a_section_not_the_title() {
    let body = "# Summary\nShort.\n\n# Timeline\n";
    let outline = outline(body, &builtin());
    assert_eq!(outline.title, None);
    let fields: Vec<_> = outline.sections.iter().map(|s| s.field).collect();
    assert_eq!(fields, [Field::Summary, Field::Timeline]);
}

#[test]
fn section_ranges_cover_heading_and_content() {
    let body = "# T\n\n## Summary\nOne node failed.\n\n## Root cause:\nA full disk.\n";
    let outline = outline(body, &builtin());
    assert_eq!(outline.sections.len(), 2);
    let summary = &outline.sections[0];
    assert_eq!(summary.field, Field::Summary);
    assert_eq!(text(body, &summary.heading), "## Summary\n");
    assert_eq!(text(body, &summary.content), "One node failed.\n\n");
    assert_eq!(
        text(body, &summary.whole),
        "## Summary\nOne node failed.\n\n"
    );
    let cause = &outline.sections[1];
    assert_eq!(cause.field, Field::RootCause);
    assert_eq!(text(body, &cause.content), "A full disk.\n");
    assert_eq!(cause.whole.end, body.len());
    assert_eq!(outline.get(Field::RootCause), Some(cause));
    assert_eq!(outline.get(Field::Impact), None);
}

#[test]
fn nested_heading_levels_bound_sections() {
    let body = "\
## Summary
Short.
### Details
Long.
#### Deeper
Deepest.
## What happened
### Root cause
Disk.
#### Why the disk filled
Logs.
### Impact
Slow.
# Appendix
";
    let outline = outline(body, &builtin());
    let summary = outline.get(Field::Summary).map(|s| text(body, &s.content));
    assert_eq!(
        summary,
        Some("Short.\n### Details\nLong.\n#### Deeper\nDeepest.\n")
    );
    let cause = outline
        .get(Field::RootCause)
        .map(|s| text(body, &s.content));
    assert_eq!(cause, Some("Disk.\n#### Why the disk filled\nLogs.\n"));
    let impact = outline.get(Field::Impact).map(|s| text(body, &s.content));
    assert_eq!(impact, Some("Slow.\n"));
}

#[test]
fn headings_with_markup_or_ids_match() {
    let body = "## **Root cause** {#rc}\nDisk.\n\n## `Timeline`\n";
    let fields: Vec<_> = outline(body, &builtin())
        .sections
        .iter()
        .map(|s| s.field)
        .collect();
    assert_eq!(fields, [Field::RootCause, Field::Timeline]);
}

#[test]
fn pseudo_headings_start_sections() {
    let body = "\
# Tittel

Kort oppsummert:

Databasen gikk ned.

**Root cause**

Disken ble full.

__Tiltak:__

- Mer disk

## Tidslinje
";
    let outline = outline(body, &builtin());
    let fields: Vec<_> = outline.sections.iter().map(|s| s.field).collect();
    assert_eq!(
        fields,
        [
            Field::Summary,
            Field::RootCause,
            Field::Actions,
            Field::Timeline
        ]
    );
    let summary = &outline.sections[0];
    assert_eq!(text(body, &summary.heading), "Kort oppsummert:\n");
    assert_eq!(text(body, &summary.content), "\nDatabasen gikk ned.\n\n");
    let cause = &outline.sections[1];
    assert_eq!(text(body, &cause.heading), "**Root cause**\n");
    assert_eq!(text(body, &cause.content), "\nDisken ble full.\n\n");
    let actions = &outline.sections[2];
    assert_eq!(text(body, &actions.content), "\n- Mer disk\n\n");
}

#[test]
fn bold_pseudo_headings_may_have_a_colon_inside_or_outside() {
    for line in ["**Impact:**", "**Impact**:", "**Impact** :"] {
        let body = format!("{line}\n\nSlow checkout.\n");
        let sections = outline(&body, &builtin()).sections;
        assert_eq!(sections.len(), 1, "{line}");
        assert_eq!(sections[0].field, Field::Impact, "{line}");
    }
}

#[test]
fn a_pseudo_heading_may_be_the_first_line_of_a_paragraph() {
    let body = "Impact:\nCustomers could not pay.\n\nMore.\n";
    let sections = outline(body, &builtin()).sections;
    assert_eq!(sections.len(), 1);
    assert_eq!(text(body, &sections[0].heading), "Impact:\n");
    assert_eq!(
        text(body, &sections[0].content),
        "Customers could not pay.\n\nMore.\n"
    );
    assert_eq!(sections[0].whole, 0..body.len());
}

#[test]
fn lines_that_merely_mention_an_alias_are_not_pseudo_headings() {
    let body = "\
Summary

Kort oppsummert: databasen gikk ned.

- Impact:

> Root cause:

Some **Timeline** here

**Root** and **cause**

*Timeline:*
";
    let fields: Vec<_> = outline(body, &builtin())
        .sections
        .iter()
        .map(|s| s.field)
        .collect();
    assert_eq!(fields, []);
}

#[test]
fn a_pseudo_heading_section_ends_at_any_heading() {
    let body = "## Analyse\n\nÅrsak:\n\nDisk.\n\n#### Detaljer\n\nLogger.\n";
    let outline = outline(body, &builtin());
    let cause = outline
        .get(Field::RootCause)
        .map(|s| text(body, &s.content));
    assert_eq!(cause, Some("\nDisk.\n\n"));
}

#[test]
fn a_heading_section_runs_over_pseudo_headings() {
    let body = "## Summary\nShort.\n\nImpact:\n\nSlow.\n\n## Next\n";
    let outline = outline(body, &builtin());
    let summary = outline.get(Field::Summary).map(|s| text(body, &s.content));
    assert_eq!(summary, Some("Short.\n\nImpact:\n\nSlow.\n\n"));
    let impact = outline.get(Field::Impact).map(|s| text(body, &s.content));
    assert_eq!(impact, Some("\nSlow.\n\n"));
}

#[test]
fn the_first_section_of_a_field_wins() {
    let body = "## Summary\nFirst.\n\n## Details\n\n## Summary\nSecond.\n\nSummary:\n\nThird.\n";
    let outline = outline(body, &builtin());
    assert_eq!(outline.sections.len(), 1);
    assert_eq!(text(body, &outline.sections[0].content), "First.\n\n");
}

#[test]
fn a_later_duplicate_still_bounds_the_section_before_it() {
    let body = "## Impact\nSlow.\n## Impact\nAgain.\n";
    let outline = outline(body, &builtin());
    let impact = outline.get(Field::Impact).map(|s| text(body, &s.content));
    assert_eq!(impact, Some("Slow.\n"));
}

#[test]
fn extra_aliases_start_sections() {
    let aliases = Aliases::new(&extra(&[("lessons", &["Hva lærte vi"])]));
    let Ok(aliases) = aliases else {
        panic!("{aliases:?}");
    };
    let body = "## Hva lærte vi?\nMye.\n";
    let sections = outline(body, &aliases).sections;
    assert_eq!(sections.len(), 1);
    assert_eq!(sections[0].field, Field::Lessons);
    assert!(outline(body, &builtin()).sections.is_empty());
}

#[test]
fn headings_inside_other_blocks_do_not_start_sections() {
    let body = "> ## Summary\n> quoted\n\n- ## Impact\n";
    assert!(outline(body, &builtin()).sections.is_empty());
}

#[test]
fn section_ranges_can_be_skipped_when_rendering() {
    let body = "# T\n\n## Summary\nShort.\n\n## Details\nLong.\n\nTidslinje:\n\n- 12:00 x\n";
    let outline = outline(body, &builtin());
    let mut skip: Vec<_> = outline.sections.iter().map(|s| s.whole.clone()).collect();
    assert_eq!(skip.len(), 2);
    skip.extend(outline.title.map(|(_, range)| range));
    let rendered = crate::parse::markdown::render(body, &Default::default(), &skip);
    assert_eq!(rendered.text, "Details\nLong.");
}

#[test]
fn first_paragraph_is_the_first_top_level_paragraph_with_text() {
    let body =
        "# Title\n\n![graph](g.png)\n\nWhat we saw:\n\n- a list\n\nOne node\nfailed.\n\nMore.\n";
    let range = first_paragraph(body);
    assert_eq!(range.map(|r| text(body, &r)), Some("One node\nfailed."));
    assert_eq!(first_paragraph("- only\n- a list\n"), None);
    assert_eq!(first_paragraph(""), None);
    assert_eq!(first_paragraph("> quoted\n\nPlain"), Some(10..15));
}

#[test]
fn list_items_are_the_top_level_items_without_markers() {
    let body = "\
Intro

- [ ] Spread keys @platform due 2025-05-01
  - nested detail
* [x] Add a health check
+ Third

1. First
2) Second
10. Tenth
-
";
    let items: Vec<_> = list_items(body).iter().map(|r| text(body, r)).collect();
    assert_eq!(
        items,
        [
            "[ ] Spread keys @platform due 2025-05-01\n  - nested detail",
            "[x] Add a health check",
            "Third",
            "First",
            "Second",
            "Tenth",
            "",
        ]
    );
}

#[test]
fn list_items_of_a_loose_list_keep_their_paragraphs() {
    let body = "- First\n\n  more\n\n- Second\n";
    let items: Vec<_> = list_items(body).iter().map(|r| text(body, r)).collect();
    assert_eq!(items, ["First\n\n  more", "Second"]);
    assert!(list_items("> - quoted\n").is_empty());
}

#[test]
fn windows_line_endings_are_understood() {
    let body =
        "# Title\r\n\r\nKort oppsummert:\r\nDatabasen gikk ned.\r\n\r\n## Tiltak\r\n- Mer disk\r\n";
    let outline = outline(body, &builtin());
    assert_eq!(
        outline.title.as_ref().map(|(t, _)| t.as_str()),
        Some("Title")
    );
    let summary = outline.get(Field::Summary);
    assert_eq!(
        summary.map(|s| text(body, &s.heading)),
        Some("Kort oppsummert:\r\n")
    );
    let actions = outline.get(Field::Actions).map(|s| s.content.clone());
    let items: Vec<_> = actions
        .map(|range| {
            let content = &body[range];
            list_items(content)
                .into_iter()
                .map(|r| content[r].to_string())
                .collect()
        })
        .unwrap_or_default();
    assert_eq!(items, ["Mer disk"]);
    let paragraph = summary
        .map(|s| text(body, &s.content))
        .and_then(|content| first_paragraph(content).map(|r| content[r].to_string()));
    assert_eq!(paragraph.as_deref(), Some("Databasen gikk ned."));
}

#[test]
fn lists_tell_a_list_only_section_from_one_with_more() {
    let only = "\n- a\n- b\n\n<!-- more to come -->\n\n1. c\n";
    let found = lists(only);
    assert_eq!(found.ranges.len(), 2);
    assert!(!found.more);
    assert!(only[found.ranges[0].clone()].starts_with("- a\n- b\n"));
    assert!(lists("We learned three things:\n\n- a\n").more);
    assert!(lists("### Short term\n\n- a\n").more);
    assert!(lists("Written as a paragraph.\n").more);
    assert_eq!(
        lists("Written as a paragraph.\n").ranges,
        Vec::<std::ops::Range<usize>>::new()
    );
}
