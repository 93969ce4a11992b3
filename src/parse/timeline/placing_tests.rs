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
        .map(|(w, _)| {
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

#[test]
fn every_form_of_a_time_in_the_spring_gap_warns_once_where_it_is_written() {
    // Front-matter `[[timeline]]` times as TOML and YAML give them, and a bare clock after a date.
    let times = [
        ("2024-03-31T02:30", 0..16),
        ("2024-03-31T02:30:00", 20..39),
        ("2024-03-31 02:30", 40..56),
        ("2024-03-31 01:50", 60..76),
        ("02:30", 80..85),
        ("2024-03-31T02:30:00+01:00", 90..115),
    ];
    let (placed, problems) = place_all(times.iter().cloned(), None, &oslo());
    let shown: Vec<String> = placed
        .iter()
        .map(|(w, _)| w.as_ref().expect("placed").iso())
        .collect();
    assert_eq!(
        shown,
        [
            "2024-03-31T03:30:00+02:00",
            "2024-03-31T03:30:00+02:00",
            "2024-03-31T03:30:00+02:00",
            "2024-03-31T01:50:00+01:00",
            "2024-03-31T03:30:00+02:00",
            "2024-03-31T03:30:00+02:00",
        ]
    );
    let warned: Vec<_> = problems.iter().map(|p| p.span.clone()).collect();
    assert_eq!(warned, [0..16, 20..39, 40..56, 80..85], "{problems:?}");
    for problem in &problems {
        assert_eq!(problem.level, crate::diagnostic::Level::Warning);
        assert!(
            problem
                .message
                .contains("2024-03-31 02:30 does not exist in Europe/Oslo"),
            "{}",
            problem.message
        );
    }
}

#[test]
fn a_range_placed_alone_keeps_its_end() {
    let times = [
        ("2024-01-16 10:05-10:10", 0..22),
        ("2024-01-16 10:20", 30..46),
    ];
    let (placed, problems) = place_all(times.iter().cloned(), None, &oslo());
    assert!(problems.is_empty(), "{problems:?}");
    let ends: Vec<Option<String>> = placed
        .iter()
        .map(|(_, end)| end.as_ref().map(When::iso))
        .collect();
    assert_eq!(ends, [Some("2024-01-16T10:10:00+01:00".to_string()), None]);
}

proptest::proptest! {
    /// [`Reader::place_range`] finds whether a time is a range once, before placing its start:
    /// that it is one must not depend on the entry above, which placing the start changes.
    #[test]
    fn whether_a_time_is_a_range_does_not_depend_on_the_entry_above(
        time in "(2024-01-16[ T])?(~ ?)?[0-2]?[0-9][:.][0-5][0-9]( ?[-–] ?[0-2]?[0-9][:.][0-5][0-9])?( UTC|Z|-05:00)?",
    ) {
        let tz = oslo();
        let day = Date::constant(2024, 1, 16);
        let above = [
            None,
            Some(When::Day(day)),
            Some(When::At(crate::util::time::place_local(day.at(23, 0, 0, 0), &tz).unwrap().0)),
            Some(When::Year(Date::constant(2024, 1, 1))),
        ];
        let mut ends = above.into_iter().flat_map(|last| {
            [None, Some(day)].map(|default_date| {
                let mut reader = Reader::new("", default_date, &tz);
                reader.last = last.clone();
                reader.range_end(&time).map(str::to_string)
            })
        });
        let first = ends.next().unwrap();
        for end in ends {
            proptest::prop_assert_eq!(&end, &first);
        }
    }
}
