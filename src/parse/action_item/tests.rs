//! Unit tests for reading Action items sections.

use super::*;
use crate::diagnostic::Level;
use jiff::civil::date;

fn one(section: &str) -> ActionDraft {
    let (drafts, problems) = extract(section);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(drafts.len(), 1, "{drafts:?}");
    drafts.into_iter().next().unwrap()
}

#[test]
fn the_schema_example() {
    let section = "- [ ] Spread cache keys over three nodes @platform due 2025-05-01 OPS-412\n\
                   - [x] Add a health check for cache nodes @sre\n";
    let (drafts, problems) = extract(section);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        drafts[0],
        ActionDraft {
            title: "Spread cache keys over three nodes".into(),
            status: Some(ActionStatus::Open),
            owner: Some("platform".into()),
            due: Some(date(2025, 5, 1)),
            ticket: Some("OPS-412".into()),
            span: 0..section.find('\n').unwrap(),
            notes: None,
        }
    );
    assert_eq!(drafts[1].title, "Add a health check for cache nodes");
    assert_eq!(drafts[1].status, Some(ActionStatus::Done));
    assert_eq!(drafts[1].owner.as_deref(), Some("sre"));
    assert_eq!(
        &section[drafts[1].span.clone()],
        "- [x] Add a health check for cache nodes @sre"
    );
}

#[test]
fn task_boxes_give_the_status() {
    assert_eq!(one("- [X] Upper-case box").status, Some(ActionStatus::Done));
    assert_eq!(one("- [ ] Open box").status, Some(ActionStatus::Open));
    assert_eq!(one("- No box").status, None);
    assert_eq!(one("* [x] Star list").status, Some(ActionStatus::Done));
    assert_eq!(one("1. [x] Ordered list").status, Some(ActionStatus::Done));
}

#[test]
fn trailing_status_words_win_over_the_box_and_leave_the_title() {
    let cases = [
        ("- [ ] Rotate keys (done)", ActionStatus::Done),
        ("- Roter nøkler (ferdig)", ActionStatus::Done),
        ("- [x] Rotate keys (wontfix)", ActionStatus::Wontfix),
        ("- Rotate keys (in progress)", ActionStatus::InProgress),
        ("- Rotate keys (in-progress)", ActionStatus::InProgress),
        ("- Roter nøkler (pågår)", ActionStatus::InProgress),
        ("- Rotate keys (blocked)", ActionStatus::Blocked),
        ("- Roter nøkler (blokkert)", ActionStatus::Blocked),
        ("- [x] Rotate keys (open)", ActionStatus::Open),
        ("- Roter nøkler (åpen)", ActionStatus::Open),
    ];
    for (section, status) in cases {
        let draft = one(section);
        assert_eq!(draft.status, Some(status), "{section}");
        assert!(!draft.title.contains('('), "{section}: {}", draft.title);
    }
    let draft = one("- Move the nightly job (cron) @ops");
    assert_eq!(draft.title, "Move the nightly job (cron)");
    assert_eq!(draft.status, None);
}

#[test]
fn owners() {
    assert_eq!(one("- @kari Fix it").owner.as_deref(), Some("kari"));
    assert_eq!(
        one("- Fix it (@ola.nordmann)").owner.as_deref(),
        Some("ola.nordmann")
    );
    assert_eq!(
        one("- Fix it @bjørn_æ-å").owner.as_deref(),
        Some("bjørn_æ-å")
    );
    assert_eq!(
        one("- Fix it @team-sre.").owner.as_deref(),
        Some("team-sre")
    );
    let draft = one("- Fix it (@ola.nordmann)");
    assert_eq!(draft.title, "Fix it");
    let draft = one("- Fix it, Owner: @kari");
    assert_eq!(
        (draft.title.as_str(), draft.owner.as_deref()),
        ("Fix it", Some("kari"))
    );
    let draft = one("- Fiks det — ansvarlig: @kari");
    assert_eq!(
        (draft.title.as_str(), draft.owner.as_deref()),
        ("Fiks det", Some("kari"))
    );
}

#[test]
fn emails_and_code_are_not_owners() {
    let draft = one("- Mail kari@example.com about the relay");
    assert_eq!(draft.owner, None);
    assert_eq!(draft.title, "Mail kari@example.com about the relay");
    let draft = one("- Remove the `@cached` decorator @ola");
    assert_eq!(draft.owner.as_deref(), Some("ola"));
    assert_eq!(draft.title, "Remove the `@cached` decorator");
    let draft = one("- Write to kari@example.com, @ola owns it");
    assert_eq!(draft.owner.as_deref(), Some("ola"));
}

#[test]
fn only_the_first_owner_is_taken() {
    let draft = one("- Pair with @kari on the fix @ola");
    assert_eq!(draft.owner.as_deref(), Some("kari"));
    assert_eq!(draft.title, "Pair with on the fix @ola");
}

#[test]
fn due_dates_in_english_and_norwegian() {
    assert_eq!(one("- Fix it due 2025-05-01").due, Some(date(2025, 5, 1)));
    assert_eq!(one("- Fix it Due: 2025-05-01").due, Some(date(2025, 5, 1)));
    assert_eq!(
        one("- Fiks det frist 2025-05-01").due,
        Some(date(2025, 5, 1))
    );
    assert_eq!(
        one("- Fiks det (FRIST: 2025-05-01)").due,
        Some(date(2025, 5, 1))
    );
    assert_eq!(one("- Fix it, due:2025-05-01.").due, Some(date(2025, 5, 1)));
    for section in [
        "- Fix it due 2025-05-01",
        "- Fiks det (FRIST: 2025-05-01)",
        "- Fix it, due:2025-05-01.",
    ] {
        let title = one(section).title;
        assert!(
            title == "Fix it" || title == "Fiks det",
            "{section}: {title}"
        );
    }
}

#[test]
fn due_as_an_ordinary_word_stays_in_the_title() {
    let draft = one("- Fix the crash due to a race");
    assert_eq!(draft.due, None);
    assert_eq!(draft.title, "Fix the crash due to a race");
    let draft = one("- Track overdue 2025 tasks");
    assert_eq!(draft.due, None);
}

#[test]
fn malformed_due_dates_are_errors_at_the_date() {
    let section = "- Fix it due 2025-02-30 @ola\n- Fiks det frist 2025-5-1\n- Ok due 20255-01-01\n";
    let (drafts, problems) = extract(section);
    assert_eq!(drafts.len(), 3, "the actions are still read");
    assert_eq!(problems.len(), 3, "{problems:?}");
    assert!(problems.iter().all(|p| p.level == Level::Error));
    let spans: Vec<&str> = problems.iter().map(|p| &section[p.span.clone()]).collect();
    assert_eq!(spans, ["2025-02-30", "2025-5-1", "20255-01-01"]);
    assert!(
        problems[0].message.contains("February 2025 has 28 days"),
        "{}",
        problems[0].message
    );
    assert!(
        problems[1].message.contains("`2025-05-01`"),
        "{}",
        problems[1].message
    );
    assert!(
        problems[2].message.contains("5 digits"),
        "{}",
        problems[2].message
    );
    assert!(
        problems
            .iter()
            .all(|p| p.help.as_deref().unwrap().contains("due YYYY-MM-DD"))
    );
    assert_eq!(drafts[0].due, None);
    assert_eq!(drafts[0].owner.as_deref(), Some("ola"));
}

#[test]
fn tickets_from_links_urls_and_keys() {
    let draft = one("- Fix it [OPS-12](https://tracker.example/browse/OPS-12)");
    assert_eq!(
        draft.ticket.as_deref(),
        Some("https://tracker.example/browse/OPS-12")
    );
    assert_eq!(draft.title, "Fix it");
    let draft = one("- Fix it https://github.com/org/repo/issues/7.");
    assert_eq!(
        draft.ticket.as_deref(),
        Some("https://github.com/org/repo/issues/7")
    );
    assert_eq!(draft.title, "Fix it");
    let draft = one("- Fix it <https://tracker.example/x/1>");
    assert_eq!(draft.ticket.as_deref(), Some("https://tracker.example/x/1"));
    assert_eq!(draft.title, "Fix it");
    let draft = one("- OPS-123: Fix it");
    assert_eq!(
        (draft.ticket.as_deref(), draft.title.as_str()),
        (Some("OPS-123"), "Fix it")
    );
    let draft = one("- Fix it (#123)");
    assert_eq!(
        (draft.ticket.as_deref(), draft.title.as_str()),
        (Some("#123"), "Fix it")
    );
    let draft = one("- Fix it, ticket: PLAT2-9");
    assert_eq!(
        (draft.ticket.as_deref(), draft.title.as_str()),
        (Some("PLAT2-9"), "Fix it")
    );
}

#[test]
fn a_link_wins_over_a_key_and_things_like_keys_are_not_tickets() {
    let draft = one("- Close OPS-1 [tracker](https://t.example/OPS-1)");
    assert_eq!(draft.ticket.as_deref(), Some("https://t.example/OPS-1"));
    assert_eq!(draft.title, "Close OPS-1");
    for section in [
        "- Use SHA-256 for tokens",
        "- Parse ISO-8601 dates",
        "- Patch CVE-2024-3094",
        "- Serve UTF-8",
        "- Fix item#12 parsing",
        "- Fix `OPS-1` in the docs",
        "- Rename A-1 hosts",
    ] {
        let draft = one(section);
        assert_eq!(draft.ticket, None, "{section}");
        assert_eq!(draft.title, section[2..], "{section}");
    }
}

#[test]
fn nested_lists_belong_to_their_item() {
    let section = "\
- [ ] Spread cache keys @platform
  - first step @someone-else
  - [x] second step
- Second action

  with a second paragraph
";
    let (drafts, problems) = extract(section);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(drafts.len(), 2);
    assert_eq!(drafts[0].title, "Spread cache keys");
    assert_eq!(drafts[0].owner.as_deref(), Some("platform"));
    assert!(section[drafts[0].span.clone()].ends_with("- [x] second step"));
    assert_eq!(
        drafts[0].notes.as_deref(),
        Some("- first step @someone-else\n- [x] second step")
    );
    assert_eq!(drafts[1].title, "Second action");
    assert_eq!(drafts[1].notes.as_deref(), Some("with a second paragraph"));
}

#[test]
fn text_outside_lists_is_ignored_and_separate_lists_are_all_read() {
    let section =
        "Agreed in the review:\n\n- One\n\nLater:\n\n1. Two\n2. Three\n\n> - not an action\n";
    let (drafts, problems) = extract(section);
    assert!(problems.is_empty(), "{problems:?}");
    let titles: Vec<&str> = drafts.iter().map(|d| d.title.as_str()).collect();
    assert_eq!(titles, ["One", "Two", "Three"]);
}

#[test]
fn an_item_with_only_markers_is_an_error() {
    let section = "- [ ] @ola due 2025-01-01 OPS-1\n- [x]\n- Real one\n";
    let (drafts, problems) = extract(section);
    assert_eq!(drafts.len(), 1);
    assert_eq!(drafts[0].title, "Real one");
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems
            .iter()
            .all(|p| p.level == Level::Error && p.message.contains("no title"))
    );
    assert_eq!(
        &section[problems[0].span.clone()],
        "- [ ] @ola due 2025-01-01 OPS-1"
    );
    assert!(problems[0].help.is_some());
}

#[test]
fn everything_at_once_in_norwegian() {
    let draft = one(
        "- [ ] Innfør varsling på diskfylling, ansvarlig: @kari, frist 2025-03-01, OPS-77 (pågår)",
    );
    assert_eq!(draft.title, "Innfør varsling på diskfylling");
    assert_eq!(draft.owner.as_deref(), Some("kari"));
    assert_eq!(draft.due, Some(date(2025, 3, 1)));
    assert_eq!(draft.ticket.as_deref(), Some("OPS-77"));
    assert_eq!(draft.status, Some(ActionStatus::InProgress));
}

#[test]
fn an_empty_section_has_no_actions() {
    assert_eq!(extract(""), (Vec::new(), Vec::new()));
    assert_eq!(extract("Nothing to do.").0, Vec::new());
}

/// Markdown made of the pieces action lists are written with, in any order.
fn actions_like() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    const PIECES: &[&str] = &[
        "- ",
        "  - ",
        "1. ",
        "[ ] ",
        "[x] ",
        "\n",
        "\n\n",
        "Fix",
        " it",
        "@ola",
        "@",
        "kari@x.no",
        " due ",
        "frist: ",
        "2025-05-01",
        "2025-02-30",
        "OPS-12",
        "#7",
        "[t](https://x.no/1)",
        "https://y.no/2",
        "(done)",
        "(pågår)",
        "(",
        ")",
        ", ",
        "; ",
        " — ",
        " - ",
        "`",
        "æøå",
        "Owner: ",
    ];
    prop::collection::vec(prop::sample::select(PIECES), 0..30).prop_map(|p| p.concat())
}

proptest::proptest! {
    #[test]
    fn drafts_are_tidy_on_any_input(section in actions_like()) {
        let (drafts, problems) = extract(&section);
        for draft in &drafts {
            proptest::prop_assert!(!draft.title.is_empty());
            proptest::prop_assert!(!draft.title.contains('\n'), "{:?}", draft.title);
            proptest::prop_assert_eq!(draft.title.trim(), draft.title.as_str());
            proptest::prop_assert!(draft.owner.as_deref().is_none_or(|o| !o.is_empty() && !o.contains('@')));
            proptest::prop_assert!(draft.span.end <= section.len());
        }
        for problem in &problems {
            proptest::prop_assert_eq!(problem.level, Level::Error);
            proptest::prop_assert!(section.is_char_boundary(problem.span.start));
            proptest::prop_assert!(section.is_char_boundary(problem.span.end.min(section.len())));
        }
    }

    #[test]
    fn arbitrary_text_is_read_without_panicking(section in "\\PC{0,120}") {
        let (drafts, _) = extract(&section);
        proptest::prop_assert!(drafts.iter().all(|d| d.span.end <= section.len()));
    }
}
