//! Unit tests for reading Timeline sections.

use super::*;
use crate::diagnostic::Level;
use jiff::civil::date;

pub(super) fn oslo() -> TimeZone {
    TimeZone::get("Europe/Oslo").unwrap()
}

/// `at` as RFC 9557 text (or `day D`, or `-`), with the event text.
pub(super) fn show(entries: &[TimelineEntry]) -> Vec<String> {
    entries
        .iter()
        .map(|e| {
            let at = match &e.at {
                Some(When::At(zoned)) => zoned.to_string(),
                Some(When::Day(day)) => format!("day {day}"),
                Some(partial) => format!("partial {}", partial.iso()),
                None => "-".to_string(),
            };
            format!("{at} | {}", e.text)
        })
        .collect()
}

#[test]
fn list_items_in_every_written_form() {
    let section = "\
- 2024-11-07 08:00 – Alert fires
- 08:05 Vakt ser på det
- **08:10**: Rollback started
- 08:15 - Rollback done
- 08:20: Monitoring
- `08:25` — Closed
- [08:30] Post-mortem scheduled
";
    let (entries, problems) = extract(section, None, &oslo());
    assert!(problems.is_empty(), "{problems:?}");
    let texts: Vec<&str> = entries.iter().map(|e| e.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "Alert fires",
            "Vakt ser på det",
            "Rollback started",
            "Rollback done",
            "Monitoring",
            "Closed",
            "Post-mortem scheduled"
        ]
    );
    let times: Vec<&str> = entries.iter().map(|e| e.time_text.as_str()).collect();
    assert_eq!(
        times,
        [
            "2024-11-07 08:00",
            "08:05",
            "08:10",
            "08:15",
            "08:20",
            "08:25",
            "08:30"
        ]
    );
    for entry in &entries {
        assert_eq!(&section[entry.span.clone()], entry.time_text);
        assert_eq!(entry.at.as_ref().map(When::date), Some(date(2024, 11, 7)));
    }
}

#[test]
fn list_entries_keep_their_nested_lists_and_continuation_lines() {
    let section = "- 12:10 Alert\n  more about it\n  - detail one\n  - detail two\n- 12:20 Next\n";
    let (entries, problems) = extract(section, Some(date(2024, 5, 1)), &TimeZone::UTC);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(entries.len(), 2);
    assert_eq!(
        entries[0].text,
        "Alert\nmore about it\n- detail one\n- detail two"
    );
    assert_eq!(entries[1].text, "Next");
}

#[test]
fn bare_times_take_the_date_above_or_the_default() {
    let tz = TimeZone::UTC;
    let section = "- 10:00 a\n- 2024-03-01 11:00 b\n- 12:00 c\n";
    let (entries, _) = extract(section, Some(date(2024, 2, 1)), &tz);
    let dates: Vec<_> = entries
        .iter()
        .map(|e| e.at.as_ref().unwrap().date())
        .collect();
    assert_eq!(
        dates,
        [date(2024, 2, 1), date(2024, 3, 1), date(2024, 3, 1)]
    );
}

#[test]
fn a_bare_time_with_no_date_to_take_is_a_warning() {
    let section = "- 10:00 first\n- 2024-03-01 11:00 second\n";
    let (entries, problems) = extract(section, None, &TimeZone::UTC);
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[0].at, None);
    assert_eq!(entries[0].text, "first");
    assert!(entries[1].at.is_some());
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].level, Level::Warning);
    assert_eq!(&section[problems[0].span.clone()], "10:00");
    assert!(
        problems[0].message.contains("no date"),
        "{}",
        problems[0].message
    );
    assert!(
        problems[0]
            .help
            .as_deref()
            .unwrap()
            .contains("YYYY-MM-DD HH:MM")
    );
}

#[test]
fn times_past_midnight_roll_over_to_the_next_day() {
    let section =
        "- 2024-11-07 23:50 late\n- 00:10 after midnight\n- 00:05 slightly out of order\n";
    let (entries, _) = extract(section, None, &TimeZone::UTC);
    let dates: Vec<_> = entries
        .iter()
        .map(|e| e.at.as_ref().unwrap().date())
        .collect();
    assert_eq!(
        dates,
        [date(2024, 11, 7), date(2024, 11, 8), date(2024, 11, 8)]
    );
}

#[test]
fn unreadable_times_are_warnings_and_the_entries_are_kept() {
    let section = "\
- 2024-01-16 09:00 Start
- 14:?? Someone restarts the service
- HH:mm Template placeholder
- 20202-01-16 10:00 Typo in the year
- TBD: Find out when
";
    let (entries, problems) = extract(section, None, &TimeZone::UTC);
    assert_eq!(entries.len(), 5);
    assert!(entries[0].at.is_some());
    let unplaced: Vec<(&str, &str)> = entries[1..]
        .iter()
        .map(|e| (e.time_text.as_str(), e.text.as_str()))
        .collect();
    assert_eq!(
        unplaced,
        [
            ("14:??", "Someone restarts the service"),
            ("HH:mm", "Template placeholder"),
            ("20202-01-16 10:00", "Typo in the year"),
            ("TBD", "Find out when"),
        ]
    );
    assert!(entries[1..].iter().all(|e| e.at.is_none()));
    assert_eq!(problems.len(), 4, "{problems:?}");
    for (problem, entry) in problems.iter().zip(&entries[1..]) {
        assert_eq!(problem.level, Level::Warning);
        assert_eq!(&section[problem.span.clone()], entry.time_text);
        assert!(problem.help.as_deref().unwrap().contains("`HH:MM`"));
    }
    assert!(
        problems[2].message.contains("the year has 5 digits"),
        "{}",
        problems[2].message
    );
    assert!(
        problems[0].message.contains("`14:??` is not a time"),
        "{}",
        problems[0].message
    );
}

#[test]
fn an_item_without_a_time_is_kept_with_a_warning() {
    let section = "- 10:00 a\n- The team met afterwards\n";
    let (entries, problems) = extract(section, Some(date(2024, 2, 1)), &TimeZone::UTC);
    assert_eq!(entries.len(), 2);
    assert_eq!(entries[1].at, None);
    assert_eq!(entries[1].text, "The team met afterwards");
    assert_eq!(entries[1].time_text, "");
    assert!(entries[1].span.is_empty());
    assert_eq!(entries[1].span.start, section.find("The team").unwrap());
    assert_eq!(problems.len(), 1);
    assert_eq!(
        &section[problems[0].span.clone()],
        "The team met afterwards"
    );
    assert!(problems[0].message.contains("no time"));
}

#[test]
fn oslo_dst_edges_in_a_timeline() {
    let section = "- 2024-03-31 01:30 before the gap\n- 02:30 in the gap\n\
        - 2024-10-27 01:30 before the fold\n- 02:30 in the fold\n- 03:30 after the fold\n";
    let (entries, problems) = extract(section, None, &oslo());
    // Only the time the clocks skipped is worth a warning; the fold takes its earlier instant.
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(
        problems[0].span.start,
        section.find("02:30 in the gap").unwrap()
    );
    assert_eq!(
        show(&entries),
        [
            "2024-03-31T01:30:00+01:00[Europe/Oslo] | before the gap",
            "2024-03-31T03:30:00+02:00[Europe/Oslo] | in the gap",
            "2024-10-27T01:30:00+02:00[Europe/Oslo] | before the fold",
            "2024-10-27T02:30:00+02:00[Europe/Oslo] | in the fold",
            "2024-10-27T03:30:00+01:00[Europe/Oslo] | after the fold",
        ]
    );
}

#[test]
fn offsets_and_utc_suffixes_are_converted_into_the_timeline_zone() {
    let section = "- 2024-11-07T07:00:00Z a\n- 08:30 UTC b\n- 2024-11-07T10:00:00+02:00 c\n";
    let (entries, problems) = extract(section, None, &oslo());
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        show(&entries),
        [
            "2024-11-07T08:00:00+01:00[Europe/Oslo] | a",
            "2024-11-07T09:30:00+01:00[Europe/Oslo] | b",
            "2024-11-07T09:00:00+01:00[Europe/Oslo] | c",
        ]
    );
    assert_eq!(entries[1].time_text, "08:30 UTC");
}

#[test]
fn day_headings_and_day_items_set_the_date() {
    let section = "\
### 2024-11-07

- 23:00 a

**2024-11-09**

- 01:00 b
- 2024-11-10
  - 02:00 c
  - 03:00 d
";
    let (entries, problems) = extract(section, None, &TimeZone::UTC);
    assert!(problems.is_empty(), "{problems:?}");
    let dates: Vec<_> = entries
        .iter()
        .map(|e| (e.text.as_str(), e.at.as_ref().unwrap().date()))
        .collect();
    assert_eq!(
        dates,
        [
            ("a", date(2024, 11, 7)),
            ("b", date(2024, 11, 9)),
            ("c", date(2024, 11, 10)),
            ("d", date(2024, 11, 10)),
        ]
    );
}

#[test]
fn an_empty_section_has_no_entries() {
    let (entries, problems) = extract("", None, &TimeZone::UTC);
    assert!(entries.is_empty() && problems.is_empty());
    let (entries, problems) = extract("Nothing was recorded.\n", None, &TimeZone::UTC);
    assert!(entries.is_empty() && problems.is_empty());
}

#[test]
fn ranges_and_approximate_times_take_their_start() {
    let section = "\
- 10:05–10:10 window one
- 10:15 - 10:20: window two
- ~10:25 roughly
- kl. 10:30: Varsel i Slack
- ca. 10:35 Noen ringer
";
    let (entries, problems) = extract(section, Some(date(2024, 1, 16)), &oslo());
    assert!(problems.is_empty(), "{problems:?}");
    let read: Vec<(&str, String, &str)> = entries
        .iter()
        .map(|e| {
            let at =
                e.at.as_ref()
                    .map(|w| w.timestamp(&oslo()).to_string())
                    .unwrap_or_default();
            (e.time_text.as_str(), at, e.text.as_str())
        })
        .collect();
    assert_eq!(
        read,
        [
            (
                "10:05–10:10",
                "2024-01-16T09:05:00Z".to_string(),
                "window one"
            ),
            (
                "10:15 - 10:20",
                "2024-01-16T09:15:00Z".to_string(),
                "window two"
            ),
            ("~10:25", "2024-01-16T09:25:00Z".to_string(), "roughly"),
            (
                "kl. 10:30",
                "2024-01-16T09:30:00Z".to_string(),
                "Varsel i Slack"
            ),
            (
                "ca. 10:35",
                "2024-01-16T09:35:00Z".to_string(),
                "Noen ringer"
            ),
        ]
    );
}

#[test]
fn a_range_in_a_table_cell_takes_its_start() {
    let section = "| Time | Event |\n|---|---|\n| 2024-01-16 10:05–10:10 | Window |\n";
    let (entries, problems) = extract(section, None, &TimeZone::UTC);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(show(&entries), ["2024-01-16T10:05:00+00:00[UTC] | Window"]);
}
