//! Unit tests for time parsing, including the Europe/Oslo DST edges.

use super::*;
use jiff::civil::{date, time};

fn oslo() -> TimeZone {
    zone("Europe/Oslo").unwrap()
}

/// The instant as RFC 9557 text, which shows the offset and the zone it is kept in.
fn at(text: &str, tz: &TimeZone) -> String {
    match parse_when(text, tz).unwrap() {
        When::At(zoned) => zoned.to_string(),
        other => panic!("expected an instant for {text}, got {}", other.iso()),
    }
}

#[test]
fn rfc3339_with_offset_keeps_the_instant_and_shows_it_in_the_zone() {
    assert_eq!(
        at("2024-11-07T08:00:00+01:00", &oslo()),
        "2024-11-07T08:00:00+01:00[Europe/Oslo]"
    );
    assert_eq!(
        at("2024-11-07T08:00:00-05:00", &oslo()),
        "2024-11-07T14:00:00+01:00[Europe/Oslo]"
    );
    assert_eq!(
        at("2024-11-07 08:00 +0530", &TimeZone::UTC),
        "2024-11-07T02:30:00+00:00[UTC]"
    );
    assert_eq!(
        at("2024-11-07T08:00+02", &TimeZone::UTC),
        "2024-11-07T06:00:00+00:00[UTC]"
    );
}

#[test]
fn utc_instant_is_converted_into_oslo_time() {
    assert_eq!(
        at("2024-07-01T12:00:00Z", &oslo()),
        "2024-07-01T14:00:00+02:00[Europe/Oslo]"
    );
    assert_eq!(
        at("2024-01-15t06:30:00z", &oslo()),
        "2024-01-15T07:30:00+01:00[Europe/Oslo]"
    );
    assert_eq!(
        at("2024-01-15 06:30 UTC", &oslo()),
        "2024-01-15T07:30:00+01:00[Europe/Oslo]"
    );
}

#[test]
fn local_datetimes_are_read_in_the_zone() {
    let expected = "2024-11-07T08:00:00+01:00[Europe/Oslo]";
    assert_eq!(at("2024-11-07T08:00", &oslo()), expected);
    assert_eq!(at("2024-11-07 08:00", &oslo()), expected);
    assert_eq!(at("2024-11-07 08:00:00", &oslo()), expected);
    assert_eq!(at("  2024-11-07  8:00 ", &oslo()), expected);
    assert_eq!(
        at("2024-06-07 08:00", &oslo()),
        "2024-06-07T08:00:00+02:00[Europe/Oslo]"
    );
}

#[test]
fn offsets_on_either_side_of_the_oslo_transitions() {
    assert_eq!(
        at("2024-03-31 01:59", &oslo()),
        "2024-03-31T01:59:00+01:00[Europe/Oslo]"
    );
    assert_eq!(
        at("2024-03-31 03:00", &oslo()),
        "2024-03-31T03:00:00+02:00[Europe/Oslo]"
    );
    assert_eq!(
        at("2024-10-27 01:59", &oslo()),
        "2024-10-27T01:59:00+02:00[Europe/Oslo]"
    );
    assert_eq!(
        at("2024-10-27 03:00", &oslo()),
        "2024-10-27T03:00:00+01:00[Europe/Oslo]"
    );
}

#[test]
fn a_time_in_the_spring_gap_moves_forward() {
    // 02:00–03:00 does not exist on 2024-03-31 in Oslo: 02:30 becomes 03:30 summer time.
    assert_eq!(
        at("2024-03-31 02:30", &oslo()),
        "2024-03-31T03:30:00+02:00[Europe/Oslo]"
    );
    let When::At(zoned) = parse_when("2024-03-31T02:30", &oslo()).unwrap() else {
        panic!("expected an instant");
    };
    assert_eq!(zoned.timestamp().to_string(), "2024-03-31T01:30:00Z");
}

#[test]
fn a_time_in_the_autumn_fold_is_the_earlier_instant() {
    // 02:00–03:00 happens twice on 2024-10-27 in Oslo: first at +02:00, then at +01:00.
    assert_eq!(
        at("2024-10-27 02:30", &oslo()),
        "2024-10-27T02:30:00+02:00[Europe/Oslo]"
    );
    let When::At(zoned) = parse_when("2024-10-27 02:30", &oslo()).unwrap() else {
        panic!("expected an instant");
    };
    assert_eq!(zoned.timestamp().to_string(), "2024-10-27T00:30:00Z");
    // The later one can still be given with its offset.
    assert_eq!(
        at("2024-10-27T02:30:00+01:00", &oslo()),
        "2024-10-27T02:30:00+01:00[Europe/Oslo]"
    );
}

#[test]
fn toml_datetime_display_forms_are_accepted() {
    let tz = oslo();
    assert_eq!(
        at("2024-11-07T08:00:00+01:00", &tz),
        "2024-11-07T08:00:00+01:00[Europe/Oslo]"
    );
    assert_eq!(
        at("2024-11-07T08:00:00", &tz),
        "2024-11-07T08:00:00+01:00[Europe/Oslo]"
    );
    assert_eq!(
        at("1979-05-27T07:32:00Z", &TimeZone::UTC),
        "1979-05-27T07:32:00+00:00[UTC]"
    );
    assert_eq!(
        at("1979-05-27T00:32:00.999999-07:00", &TimeZone::UTC),
        "1979-05-27T07:32:00.999999+00:00[UTC]"
    );
    assert_eq!(
        at("1979-05-27T07:32:00.5", &TimeZone::UTC),
        "1979-05-27T07:32:00.5+00:00[UTC]"
    );
    assert_eq!(
        parse_when("2024-11-07", &tz),
        Ok(When::Day(date(2024, 11, 7)))
    );
}

#[test]
fn when_gives_its_date_and_an_instant_for_ordering() {
    let tz = oslo();
    let day = parse_when("2024-11-07", &tz).unwrap();
    assert_eq!(day.date(), date(2024, 11, 7));
    assert_eq!(day.timestamp(&tz).to_string(), "2024-11-06T23:00:00Z");
    assert_eq!(
        day.timestamp(&TimeZone::UTC).to_string(),
        "2024-11-07T00:00:00Z"
    );
    let late = parse_when("2024-11-07T23:30:00Z", &tz).unwrap();
    assert_eq!(
        late.date(),
        date(2024, 11, 8),
        "the date is taken in the zone it is shown in"
    );
    assert_eq!(
        late.timestamp(&TimeZone::UTC).to_string(),
        "2024-11-07T23:30:00Z"
    );
    assert!(day.timestamp(&tz) < late.timestamp(&tz));
}

#[test]
fn impossible_dates_say_why() {
    let err = parse_when("2024-02-30", &oslo()).unwrap_err();
    assert_eq!(err, "`2024-02-30` is not a date: February 2024 has 29 days");
    let err = parse_date("2023-02-29").unwrap_err();
    assert!(err.contains("February 2023 has 28 days"), "{err}");
    let err = parse_date("2024-04-31").unwrap_err();
    assert!(err.contains("April 2024 has 30 days"), "{err}");
    let err = parse_date("2024-13-01").unwrap_err();
    assert!(err.contains("months go from 01 to 12"), "{err}");
    let err = parse_date("2024-00-10").unwrap_err();
    assert!(err.contains("no month 00"), "{err}");
    let err = parse_date("2024-01-00").unwrap_err();
    assert!(err.contains("days start at 01"), "{err}");
}

#[test]
fn malformed_dates_say_what_is_expected() {
    let err = parse_date("20202-01-16").unwrap_err();
    assert!(err.contains("the year has 5 digits"), "{err}");
    let err = parse_date("2024-1-5").unwrap_err();
    assert!(err.contains("`2024-01-05`"), "{err}");
    for bad in [
        "07.11.2024",
        "2024/11/07",
        "yesterday",
        "",
        "2024-11-07x",
        "2024-11",
    ] {
        let err = parse_date(bad).unwrap_err();
        assert!(err.contains("YYYY-MM-DD"), "{bad}: {err}");
    }
    assert_eq!(parse_date("2024-02-29"), Ok(date(2024, 2, 29)));
    assert_eq!(parse_date(" 2000-12-31 "), Ok(date(2000, 12, 31)));
}

#[test]
fn parse_when_rejects_time_only_and_garbage_with_the_valid_forms() {
    let tz = oslo();
    for bad in ["14:00", "14:??", "08.30"] {
        let err = parse_when(bad, &tz).unwrap_err();
        assert!(err.contains("without a date"), "{bad}: {err}");
        assert!(err.contains("YYYY-MM-DD HH:MM"), "{bad}: {err}");
    }
    let err = parse_when("TBD", &tz).unwrap_err();
    assert!(err.contains("expected a date `YYYY-MM-DD`"), "{err}");
    assert!(err.contains("RFC 3339"), "{err}");
    let err = parse_when("", &tz).unwrap_err();
    assert!(err.contains("no date or time"), "{err}");
    let err = parse_when("20202-01-16 10:00", &tz).unwrap_err();
    assert!(err.contains("`20202-01-16` is not a date"), "{err}");
}

#[test]
fn parse_when_rejects_bad_times_and_offsets() {
    let tz = oslo();
    let cases = [
        ("2024-11-07 24:00", "hours go from 00 to 23"),
        ("2024-11-07 12:60", "minutes go from 00 to 59"),
        ("2024-11-07T12:00:61", "seconds go from 00 to 59"),
        ("2024-11-07 14:??", "expected `HH:MM`"),
        ("2024-11-07 HH:mm", "expected `HH:MM`"),
        ("2024-11-07T", "no time after the date"),
        (
            "2024-11-07 08:00 Europe/Oslo",
            "unexpected text after the time",
        ),
        ("2024-11-07T08:00:00+25:00", "impossible offset"),
        ("2024-11-07T08:00:00.1234567890Z", "fraction of a second"),
    ];
    for (input, needle) in cases {
        let err = parse_when(input, &tz).unwrap_err();
        assert!(err.contains(needle), "{input}: {err}");
    }
}

#[test]
fn clock_times() {
    assert_eq!(parse_clock("8:05"), Some(time(8, 5, 0, 0)));
    assert_eq!(parse_clock("08:05"), Some(time(8, 5, 0, 0)));
    assert_eq!(parse_clock("23:59:59"), Some(time(23, 59, 59, 0)));
    assert_eq!(parse_clock("14.30"), Some(time(14, 30, 0, 0)));
    assert_eq!(parse_clock(" 00:00 "), Some(time(0, 0, 0, 0)));
    for bad in [
        "24:00",
        "14:??",
        "HH:mm",
        "12:60",
        "12:5",
        "123:00",
        "12",
        "12:00:00:00",
        "1430",
        "12:3a",
    ] {
        assert_eq!(parse_clock(bad), None, "{bad}");
    }
}

#[test]
fn zones_by_name() {
    assert_eq!(
        zone("Europe/Oslo").unwrap().iana_name(),
        Some("Europe/Oslo")
    );
    assert_eq!(zone(" UTC ").unwrap().iana_name(), Some("UTC"));
    let err = zone("Mars/Olympus").unwrap_err();
    assert!(
        err.contains("`Mars/Olympus` is not a known time zone"),
        "{err}"
    );
    assert!(err.contains("such as `Europe/Oslo` or `UTC`"), "{err}");
    assert!(zone("").unwrap_err().contains("no time zone"));
}

#[test]
fn date_prefix_of_file_stems() {
    assert_eq!(
        date_prefix("2024-11-07-mail-outage"),
        Some(date(2024, 11, 7))
    );
    assert_eq!(date_prefix("2024-11-07"), Some(date(2024, 11, 7)));
    assert_eq!(
        date_prefix("2024-11-07 Mail outage"),
        Some(date(2024, 11, 7))
    );
    assert_eq!(date_prefix("2024-11-078"), None);
    assert_eq!(date_prefix("2024-02-30-x"), None);
    assert_eq!(date_prefix("20202-01-16"), None);
    assert_eq!(date_prefix("mail-outage"), None);
    assert_eq!(date_prefix("2024-11-0æ"), None);
}

#[test]
fn a_local_time_in_the_spring_gap_gets_a_note_and_others_do_not() {
    let oslo = TimeZone::get("Europe/Oslo").unwrap();
    let note = parse_when_noted("2024-03-31 02:30", &oslo)
        .expect("read")
        .1
        .expect("02:30 does not exist");
    assert!(
        note.contains("2024-03-31 02:30 does not exist in Europe/Oslo"),
        "{note}"
    );
    assert!(note.ends_with("read as 03:30 CEST"), "{note}");
    for fine in [
        "2024-03-31 01:59",
        "2024-03-31 03:00",
        "2024-10-27 02:30",
        "2024-03-31T02:30:00+01:00",
        "2024-03-31T02:30Z",
        "2024-03-31",
    ] {
        assert_eq!(
            parse_when_noted(fine, &oslo).expect("read").1,
            None,
            "{fine}"
        );
    }
}

#[test]
fn partial_dates_are_read_with_their_precision() {
    let utc = TimeZone::UTC;
    assert_eq!(parse_when("2014", &utc), Ok(When::Year(date(2014, 1, 1))));
    assert_eq!(
        parse_when("2014-03", &utc),
        Ok(When::Month(date(2014, 3, 1)))
    );
    assert_eq!(parse_when("2014-03", &utc).unwrap().iso(), "2014-03");
    assert_eq!(parse_when("2014", &utc).unwrap().iso(), "2014");
    assert!(parse_when("2014-13", &utc).is_err());
    assert!(parse_when("2014-3", &utc).is_err());
    assert!(parse_when("14", &utc).is_err());
}
