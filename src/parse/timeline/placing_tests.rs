//! Unit tests for placing times: the hour the clocks skip, and times placed one by one.

use super::tests::oslo;
use super::*;

#[test]
fn a_row_in_the_spring_gap_is_placed_after_it_with_a_warning() {
    let oslo = TimeZone::get("Europe/Oslo").unwrap();
    let section =
        "| Time | Event |\n|---|---|\n| 2024-03-31 01:50 | Start |\n| 02:30 | In the gap |\n";
    let (entries, problems) = extract(section, None, &oslo);
    assert_eq!(entries.len(), 2);
    let at = entries[1].at.as_ref().expect("placed");
    assert_eq!(at.timestamp(&oslo).to_string(), "2024-03-31T01:30:00Z");
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(&section[problems[0].span.clone()], "02:30");
    assert!(
        problems[0]
            .message
            .contains("does not exist in Europe/Oslo")
    );
}

#[test]
fn times_placed_one_by_one_follow_the_section_rules() {
    let times = [
        ("2024-01-01 23:50", 0..16),
        ("00:10", 20..25),
        ("14:??", 30..35),
        ("09:00 UTC", 40..49),
    ];
    let (placed, problems) = place_all(times.iter().cloned(), None, &oslo());
    let shown: Vec<String> = placed
        .iter()
        .map(|w| {
            w.as_ref()
                .map_or("unplaced".into(), |w| w.timestamp(&oslo()).to_string())
        })
        .collect();
    assert_eq!(
        shown,
        [
            "2024-01-01T22:50:00Z",
            "2024-01-01T23:10:00Z",
            "unplaced",
            "2024-01-02T09:00:00Z"
        ]
    );
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].span, 30..35);
}
