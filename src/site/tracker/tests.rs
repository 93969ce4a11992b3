//! The tracker's order and figures, checked on sites read from post-mortem text.

use std::collections::HashMap;
use std::path::Path;

use jiff::civil::date;

use super::{median, rows};
use crate::config::Config;
use crate::model::incident::Visibility;
use crate::site::testing::source;
use crate::site::{Selection, Site, link};

/// A site of `files` (name → text), read and linked as a build does, as of 2025-05-15.
fn site(files: &[(&str, &str)]) -> Site {
    let config =
        Config::parse(Path::new("."), "title = \"T\"\ntimezone = \"UTC\"\n").expect("config");
    let mut problems = Vec::new();
    let incidents = files
        .iter()
        .filter_map(|(name, text)| {
            crate::parse::reader::read(&source(name, text), &config, &mut problems)
        })
        .collect();
    assert!(problems.is_empty(), "{problems:?}");
    let selection = Selection {
        drafts: false,
        audience: Visibility::Public,
        now: date(2025, 5, 15),
    };
    let mut diagnostics = Vec::new();
    let site = link(
        incidents,
        config,
        &selection,
        &HashMap::new(),
        &mut diagnostics,
    );
    assert!(diagnostics.is_empty(), "{diagnostics:?}");
    site
}

/// The ids of every action of `site`, in tracker order.
fn order(site: &Site) -> Vec<&str> {
    rows(site).iter().map(|r| r.action.id.as_str()).collect()
}

#[test]
fn open_actions_come_first_most_overdue_then_by_due_date() {
    let site = site(&[(
        "a.md",
        "+++\ntitle = \"A\"\nid = \"A\"\ndate = 2025-01-10\n\n\
         [[actions]]\ntitle = \"no due\"\nid = \"no-due\"\nowner = \"x\"\n\n\
         [[actions]]\ntitle = \"due later\"\nid = \"later\"\nowner = \"x\"\ndue = 2025-09-01\n\n\
         [[actions]]\ntitle = \"overdue a day\"\nid = \"late-1\"\nowner = \"x\"\ndue = 2025-05-14\n\n\
         [[actions]]\ntitle = \"done\"\nid = \"done\"\nstatus = \"done\"\ncompleted = 2025-02-01\n\n\
         [[actions]]\ntitle = \"due soon\"\nid = \"soon\"\nowner = \"x\"\ndue = 2025-06-01\n\n\
         [[actions]]\ntitle = \"overdue a month\"\nid = \"late-30\"\nowner = \"x\"\ndue = 2025-04-15\n\
         +++\n",
    )]);
    assert_eq!(
        order(&site),
        ["late-30", "late-1", "soon", "later", "no-due", "done"]
    );
}

#[test]
fn closed_actions_follow_most_recently_completed_first_then_by_incident_date() {
    let site = site(&[
        (
            "old.md",
            "+++\ntitle = \"Old\"\nid = \"OLD\"\ndate = 2024-03-01\n\n\
             [[actions]]\ntitle = \"undated b\"\nid = \"old-b\"\nstatus = \"wontfix\"\n\n\
             [[actions]]\ntitle = \"undated a\"\nid = \"old-a\"\nstatus = \"done\"\n\n\
             [[actions]]\ntitle = \"finished in March, due early\"\nid = \"march\"\n\
             status = \"done\"\ndue = 2024-01-01\ncompleted = 2025-03-01\n\
             +++\n",
        ),
        (
            "new.md",
            "+++\ntitle = \"New\"\nid = \"NEW\"\ndate = 2025-01-10\n\n\
             [[actions]]\ntitle = \"undated\"\nid = \"zz-new-undated\"\nstatus = \"done\"\n\n\
             [[actions]]\ntitle = \"finished in April, due late\"\nid = \"april\"\n\
             status = \"done\"\ndue = 2025-12-01\ncompleted = 2025-04-01\n\n\
             [[actions]]\ntitle = \"finished in January, no due date\"\nid = \"january\"\n\
             status = \"wontfix\"\ncompleted = 2025-01-20\n\n\
             [[actions]]\ntitle = \"open\"\nid = \"open\"\nowner = \"x\"\n\
             +++\n",
        ),
    ]);
    assert_eq!(
        order(&site),
        [
            "open",
            "april",
            "march",
            "january",
            "zz-new-undated",
            "old-a",
            "old-b"
        ]
    );
}

#[test]
fn median_of_odd_and_even_counts() {
    assert_eq!(median(&mut []), None);
    assert_eq!(median(&mut [9, 1, 5]), Some(5.0));
    assert_eq!(median(&mut [4, 1, 3, 2]), Some(2.5));
}

#[test]
fn actions_of_unknown_status_count_as_neither_open_nor_done() {
    let site = site(&[(
        "a.md",
        "+++\ntitle = \"A\"\nid = \"A\"\ndate = 2025-01-10\n\n\
         [[actions]]\ntitle = \"one\"\nstatus = \"unknown\"\ndue = 2025-02-01\n\n\
         [[actions]]\ntitle = \"two\"\nstatus = \"unknown\"\n\n\
         [[actions]]\ntitle = \"three\"\nstatus = \"done\"\n\n\
         [[actions]]\ntitle = \"four\"\nowner = \"x\"\n+++\n",
    )]);
    let summary = super::summary(&rows(&site));
    assert_eq!(
        (
            summary.total,
            summary.open,
            summary.overdue,
            summary.done,
            summary.unknown
        ),
        (4, 1, 0, 1, 2)
    );
    // One of the two actions whose status is known is done.
    assert_eq!(summary.completion_percent, Some(50));
}

#[test]
fn rows_made_again_from_their_order_are_the_rows() {
    let site = site(&[
        (
            "a.md",
            "+++\ntitle = \"A\"\nid = \"A\"\ndate = 2025-01-10\nservices = [\"Api Gateway\"]\n\n\
             [[actions]]\ntitle = \"late\"\nid = \"late\"\nowner = \"Team X\"\ndue = 2025-04-15\n\n\
             [[actions]]\ntitle = \"done\"\nid = \"done\"\nstatus = \"done\"\ncompleted = 2025-02-01\n\
             +++\n",
        ),
        (
            "b.md",
            "+++\ntitle = \"B\"\nid = \"B\"\ndate = 2025-03-10\n\n\
             [[actions]]\ntitle = \"soon\"\nid = \"soon\"\nowner = \"y\"\ndue = 2025-06-01\n\
             +++\n",
        ),
    ]);
    let made = rows(&site);
    let again = super::Order::of(&site, &made).rows(&site);
    let seen = |rows: &[super::Row<'_>]| -> Vec<_> {
        rows.iter()
            .map(|r| {
                (
                    r.incident.id.value.clone(),
                    r.action.id.clone(),
                    r.title_html.to_string(),
                    r.days_overdue,
                    r.owner_slug.clone(),
                    r.service_slugs.clone(),
                )
            })
            .collect()
    };
    assert_eq!(seen(&again), seen(&made));
    assert_eq!(made.len(), 3);
    assert_eq!(made[0].owner_slug.as_deref(), Some("team-x"));
    assert_eq!(made[0].service_slugs, ["api-gateway"]);
}
