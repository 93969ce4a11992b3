//! Unit tests of section matching.

use std::collections::BTreeMap;

use super::*;

/// SCHEMA.md's alias table, plus the detection aliases, written out independently of `field.rs`.
const TABLE: &[(&str, &[&str])] = &[
    (
        "summary",
        &[
            "Summary",
            "Overview",
            "TL;DR",
            "Sammendrag",
            "Kort oppsummert",
            "Oppsummering",
        ],
    ),
    (
        "impact",
        &[
            "Impact",
            "Customer impact",
            "Konsekvens",
            "Konsekvenser",
            "Påvirkning",
        ],
    ),
    (
        "root_cause",
        &[
            "Root cause",
            "Root causes",
            "Cause",
            "Kjerneårsak",
            "Rotårsak",
            "Årsak",
        ],
    ),
    ("trigger", &["Trigger", "Utløsende årsak"]),
    (
        "detection",
        &["Detection", "How we found out", "Oppdagelse", "Deteksjon"],
    ),
    (
        "resolution",
        &[
            "Resolution",
            "Mitigation",
            "Løsning",
            "Tiltak som ble gjort",
        ],
    ),
    ("timeline", &["Timeline", "Tidslinje"]),
    (
        "contributing_factors",
        &["Contributing factors", "Medvirkende årsaker"],
    ),
    (
        "actions",
        &[
            "Action items",
            "Actions",
            "Follow-ups",
            "Remediations",
            "Next steps",
            "Tiltak",
            "Oppfølging",
            "Hva gjør vi videre",
        ],
    ),
    ("lessons", &["Lessons learned", "Lærdom", "Læringspunkter"]),
];

fn builtin() -> Aliases {
    Aliases::default()
}

fn extra(pairs: &[(&str, &[&str])]) -> BTreeMap<String, Vec<String>> {
    pairs
        .iter()
        .map(|(key, names)| {
            (
                key.to_string(),
                names.iter().map(|n| n.to_string()).collect(),
            )
        })
        .collect()
}

fn text<'a>(body: &'a str, range: &Range<usize>) -> &'a str {
    &body[range.clone()]
}

#[test]
fn keys_round_trip() {
    assert_eq!(Field::ALL.len(), 10);
    for field in Field::ALL {
        assert_eq!(Field::from_key(field.key()), Some(field));
        assert_eq!(field.to_string(), field.key());
    }
    assert_eq!(Field::RootCause.key(), "root_cause");
    assert_eq!(
        Field::from_key("contributing_factors"),
        Some(Field::ContributingFactors)
    );
    assert_eq!(Field::from_key("Root cause"), None);
    assert_eq!(Field::from_key("rootcause"), None);
}

#[test]
fn builtin_aliases_match_the_schema_table() {
    assert_eq!(TABLE.len(), Field::ALL.len());
    for (key, names) in TABLE {
        let field = Field::from_key(key);
        assert!(field.is_some(), "{key}");
        assert_eq!(field.map(Field::builtin_aliases), Some(*names), "{key}");
    }
}

#[test]
fn every_builtin_alias_resolves_in_any_case() {
    let aliases = builtin();
    for (key, names) in TABLE {
        let field = Field::from_key(key);
        for name in *names {
            assert_eq!(aliases.field_of(name), field, "{name}");
            assert_eq!(aliases.field_of(&name.to_uppercase()), field, "{name}");
            assert_eq!(aliases.field_of(&name.to_lowercase()), field, "{name}");
            assert_eq!(aliases.field_of(&format!("  {name}: ")), field, "{name}");
        }
    }
}

#[test]
fn no_alias_names_two_fields() {
    let mut seen = BTreeMap::new();
    for field in Field::ALL {
        for alias in field.builtin_aliases() {
            let previous = seen.insert(aliases::normalize(alias), field);
            assert_eq!(previous, None, "{alias}");
        }
    }
}

#[test]
fn field_of_forgives_spelling() {
    let aliases = builtin();
    assert_eq!(aliases.field_of("ÅRSAK"), Some(Field::RootCause));
    assert_eq!(aliases.field_of("LÆRDOM"), Some(Field::Lessons));
    assert_eq!(aliases.field_of("UTLØSENDE ÅRSAK"), Some(Field::Trigger));
    // `å` written as `a` + combining ring above.
    assert_eq!(aliases.field_of("Pa\u{30A}virkning"), Some(Field::Impact));
    assert_eq!(
        aliases.field_of("Hva gjør vi videre?"),
        Some(Field::Actions)
    );
    assert_eq!(aliases.field_of("Root cause :"), Some(Field::RootCause));
    assert_eq!(aliases.field_of("Root\u{a0} cause"), Some(Field::RootCause));
    assert_eq!(aliases.field_of("\tTimeline\n"), Some(Field::Timeline));
    assert_eq!(aliases.field_of("3.1 Root cause"), Some(Field::RootCause));
    assert_eq!(aliases.field_of("2) Impact"), Some(Field::Impact));
    assert_eq!(aliases.field_of("4. Tidslinje:"), Some(Field::Timeline));
}

#[test]
fn field_of_rejects_other_headings() {
    let aliases = builtin();
    assert_eq!(aliases.field_of("Root cause analysis"), None);
    assert_eq!(aliases.field_of("What happened"), None);
    assert_eq!(aliases.field_of(""), None);
    assert_eq!(aliases.field_of(":"), None);
    assert_eq!(aliases.field_of("2024"), None);
    assert_eq!(aliases.field_of("Tidslinjer"), None);
}

#[test]
fn extra_aliases_add_to_the_builtin_ones() {
    let aliases = Aliases::new(&extra(&[
        ("root_cause", &["Why it broke", "Hvorfor"]),
        ("detection", &["Alerting"]),
    ]));
    let Ok(aliases) = aliases else {
        panic!("{aliases:?}");
    };
    assert_eq!(aliases.field_of("why it broke:"), Some(Field::RootCause));
    assert_eq!(aliases.field_of("HVORFOR"), Some(Field::RootCause));
    assert_eq!(aliases.field_of("Alerting"), Some(Field::Detection));
    assert_eq!(aliases.field_of("Root cause"), Some(Field::RootCause));
    assert_eq!(aliases.field_of("Why"), None);
    assert_eq!(builtin().field_of("Why it broke"), None);
}

#[test]
fn a_site_alias_wins_over_a_builtin_one() {
    let aliases = Aliases::new(&extra(&[("resolution", &["Tiltak"])]));
    assert_eq!(
        aliases.map(|a| a.field_of("Tiltak")),
        Ok(Some(Field::Resolution))
    );
}

#[test]
fn no_extra_aliases_is_the_builtin_set() {
    assert_eq!(Aliases::new(&BTreeMap::new()), Ok(builtin()));
}

#[test]
fn unknown_field_key_is_an_error_naming_the_valid_keys() {
    let err = Aliases::new(&extra(&[("rootcause", &["Why"])])).err();
    let Some(err) = err else {
        panic!("an unknown key was accepted");
    };
    assert!(err.contains("`rootcause`"), "{err}");
    for field in Field::ALL {
        assert!(err.contains(field.key()), "{err}");
    }
}

#[test]
fn empty_or_ambiguous_extra_aliases_are_errors() {
    let empty = Aliases::new(&extra(&[("summary", &["  "])]));
    assert!(
        empty.as_ref().is_err_and(|e| e.contains("empty")),
        "{empty:?}"
    );
    let twice = Aliases::new(&extra(&[("impact", &["Effekt"]), ("summary", &["effekt"])]));
    assert!(
        twice
            .as_ref()
            .is_err_and(|e| e.contains("impact") && e.contains("summary")),
        "{twice:?}"
    );
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
    assert_eq!(fields, [Field::Timeline]);
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
    let rendered = crate::markdown::render(body, &Default::default(), &skip);
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
