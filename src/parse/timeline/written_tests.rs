//! Times as writers of real archives give them: zones in table headers, `CET`/`CEST` against the
//! season, ranges, placeholder times beside a date, partial dates.

use super::tests::{oslo, show};
use super::*;
use crate::diagnostic::Level;

#[test]
fn a_zone_after_in_a_table_header_sets_the_zone() {
    let section = "| Date and Time in CET | Event |\n|---|---|\n\
        | 2020-01-06 09:00 | Disk fills |\n| 09:30 | Paged |\n";
    let (entries, problems) = extract(section, None, &TimeZone::UTC);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        show(&entries),
        [
            "2020-01-06T09:00:00+01:00[CET] | Disk fills",
            "2020-01-06T09:30:00+01:00[CET] | Paged",
        ]
    );
}

#[test]
fn a_norwegian_table_header_names_its_zone_in_parentheses_or_after_i() {
    for header in ["Tid (UTC)", "Tid i UTC"] {
        let section =
            format!("| {header} | Hendelse |\n|---|---|\n| 2020-01-06 09:00 | Varsel |\n");
        let (entries, problems) = extract(&section, None, &oslo());
        assert!(problems.is_empty(), "{header}: {problems:?}");
        assert_eq!(
            show(&entries),
            ["2020-01-06T09:00:00+00:00[UTC] | Varsel"],
            "{header}"
        );
    }
    let section = "| Dato | Tid i norsk tid | Hendelse |\n|---|---|---|\n\
        | 2020-01-06 | 09:00 | Varsel |\n";
    let (entries, problems) = extract(section, None, &TimeZone::UTC);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        show(&entries),
        ["2020-01-06T09:00:00+01:00[Europe/Oslo] | Varsel"]
    );
}

#[test]
fn an_unknown_zone_after_in_a_header_is_a_warning_at_the_name() {
    let section = "| Time in Mars | Event |\n|---|---|\n| 2020-01-06 09:00 | Dust |\n";
    let (entries, problems) = extract(section, None, &TimeZone::UTC);
    assert_eq!(show(&entries), ["2020-01-06T09:00:00+00:00[UTC] | Dust"]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(&section[problems[0].span.clone()], "Mars");
    assert!(problems[0].message.contains("not a known time zone"));
}

#[test]
fn cet_in_summer_warns_once_and_names_the_offset_used() {
    let section = "| Date and Time in CET | Event |\n|---|---|\n\
        | 2022-06-02 09:00 | Disk fills |\n| 09:30 | Paged |\n";
    let (entries, problems) = extract(section, None, &TimeZone::UTC);
    assert_eq!(
        show(&entries),
        [
            "2022-06-02T09:00:00+02:00[CET] | Disk fills",
            "2022-06-02T09:30:00+02:00[CET] | Paged",
        ]
    );
    assert_eq!(problems.len(), 1, "{problems:?}");
    let warning = &problems[0];
    assert_eq!(warning.level, Level::Warning);
    assert_eq!(&section[warning.span.clone()], "2022-06-02 09:00");
    assert!(warning.message.contains("`CET`"), "{}", warning.message);
    assert!(
        warning.message.contains("+02:00 (CEST)"),
        "{}",
        warning.message
    );
    assert!(warning.help.as_deref().unwrap().contains("`CEST`"));
}

#[test]
fn cest_in_winter_warns_and_names_the_offset_used() {
    let section = "All times in CEST.\n\n- 2022-01-10 09:00 Disk fills\n";
    let (entries, problems) = extract(section, None, &TimeZone::UTC);
    assert_eq!(
        show(&entries),
        ["2022-01-10T09:00:00+01:00[CET] | Disk fills"]
    );
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].message.contains("+01:00 (CET)"),
        "{}",
        problems[0].message
    );
    assert!(problems[0].message.contains("winter"));
}

#[test]
fn cet_in_its_season_and_times_with_their_own_offset_do_not_warn() {
    let section = "All times in CET.\n\n- 2022-01-10 09:00 Winter\n\
        - 2022-06-02T09:00:00+01:00 Own offset\n- 2022-06-02 09:00 UTC Said UTC\n";
    let (entries, problems) = extract(section, None, &TimeZone::UTC);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(entries.len(), 3);
}

#[test]
fn a_range_keeps_its_end() {
    let section = "| Date and Time in CET | Event |\n|---|---|\n\
        | 2020-10-06 09:00 - 11:00 | Maintenance window |\n| 23:30–01:15 | Night work |\n\
        | 2020-10-07 08:00 | Done |\n";
    let (entries, problems) = extract(section, None, &TimeZone::UTC);
    // Only that `CET` in October is summer time.
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(problems[0].message.contains("summer"));
    let ends: Vec<Option<String>> = entries
        .iter()
        .map(|e| e.end.as_ref().map(When::iso))
        .collect();
    assert_eq!(
        ends,
        [
            Some("2020-10-06T11:00:00+02:00".to_string()),
            Some("2020-10-07T01:15:00+02:00".to_string()),
            None,
        ]
    );
    assert_eq!(entries[0].time_text, "2020-10-06 09:00 - 11:00");
    assert_eq!(
        entries[1].at.as_ref().map(When::iso).as_deref(),
        Some("2020-10-06T23:30:00+02:00")
    );
}

#[test]
fn a_time_with_an_offset_is_not_a_range() {
    let section = "- 2024-11-07T08:00:00-05:00 Alert\n";
    let (entries, problems) = extract(section, None, &TimeZone::UTC);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(entries[0].end, None);
}

#[test]
fn a_placeholder_time_keeps_its_date() {
    let section = "| Date and Time in CET | Event |\n|---|---|\n\
        | 2022-01-02 HH:mm | Someone notices |\n| 10:00 | Fixed |\n";
    let (entries, problems) = extract(section, None, &TimeZone::UTC);
    assert_eq!(
        show(&entries),
        [
            "day 2022-01-02 | Someone notices",
            "2022-01-02T10:00:00+01:00[CET] | Fixed",
        ]
    );
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(&section[problems[0].span.clone()], "2022-01-02 HH:mm");
    assert!(
        problems[0].message.contains("placed on 2022-01-02"),
        "{}",
        problems[0].message
    );
    let list = "- 2022-01-02 14:?? Someone notices\n";
    let (entries, _) = extract(list, None, &TimeZone::UTC);
    assert_eq!(show(&entries), ["day 2022-01-02 | Someone notices"]);
}

#[test]
fn partial_dates_keep_their_precision() {
    let section = "| When | What |\n|---|---|\n| 2014 | The old system is bought |\n\
        | 2014-03 | It goes live |\n| 10:00 | Something later |\n";
    let (entries, problems) = extract(section, None, &TimeZone::UTC);
    let iso: Vec<Option<String>> = entries
        .iter()
        .map(|e| e.at.as_ref().map(When::iso))
        .collect();
    assert_eq!(
        iso,
        [Some("2014".to_string()), Some("2014-03".to_string()), None]
    );
    assert!(matches!(entries[0].at, Some(When::Year(_))));
    assert!(matches!(entries[1].at, Some(When::Month(_))));
    // A bare time cannot take a day from a month.
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(&section[problems[0].span.clone()], "10:00");
    assert!(
        problems[0].message.contains("dated `2014-03` only"),
        "{}",
        problems[0].message
    );
}

#[test]
fn a_later_clock_after_a_hyphen_is_a_range_not_an_offset() {
    let section = "- 2024-01-16 10:05-10:10 Window\n- 2024-01-16 10:05-05:00 Offset\n";
    let (entries, problems) = extract(section, None, &TimeZone::UTC);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(
        show(&entries),
        [
            "2024-01-16T10:05:00+00:00[UTC] | Window",
            "2024-01-16T15:05:00+00:00[UTC] | Offset",
        ]
    );
    assert_eq!(
        entries[0].end.as_ref().map(When::iso).as_deref(),
        Some("2024-01-16T10:10:00+00:00")
    );
    assert_eq!(entries[1].end, None);
}
