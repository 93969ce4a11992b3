//! Properties of reading times: what is read prints back as written, local times land where the
//! clocks showed them (or an hour on, with a note, in the spring gap), and their order is kept.

use jiff::ToSpan;
use jiff::civil::{Date, DateTime, Time};
use proptest::prelude::*;

use super::*;

fn oslo() -> TimeZone {
    zone("Europe/Oslo").unwrap()
}

/// A day, often one the Oslo clocks change on (the spring gap and the autumn fold of 2024).
fn day() -> impl Strategy<Value = (i16, i8, i8)> {
    prop_oneof![
        Just((2024, 3, 31)),
        Just((2024, 10, 27)),
        (1970i16..2100, 1i8..=12, 1i8..=31),
    ]
}

/// A local datetime as writers give it: `T` or a space, with or without seconds.
fn written(
    (year, month, day): (i16, i8, i8),
    (hour, minute, second): (i8, i8, i8),
    t: bool,
) -> String {
    let separator = if t { "T" } else { " " };
    let seconds = if second == 0 {
        String::new()
    } else {
        format!(":{second:02}")
    };
    format!("{year:04}-{month:02}-{day:02}{separator}{hour:02}:{minute:02}{seconds}")
}

/// The forms a clock time may be written in (`8:05`, `08:05`, `08.05`, `08:05:30`, …).
fn clock_forms(time: Time) -> Vec<String> {
    let (h, m, s) = (time.hour(), time.minute(), time.second());
    let mut forms = Vec::new();
    for separator in [':', '.'] {
        for hour in [format!("{h}"), format!("{h:02}")] {
            forms.push(format!("{hour}{separator}{m:02}{separator}{s:02}"));
            if s == 0 {
                forms.push(format!("{hour}{separator}{m:02}"));
            }
        }
    }
    forms
}

proptest! {
    #[test]
    fn a_date_that_parses_prints_back_the_same(text in "[0-9]{4}-[0-9]{2}-[0-9]{2}") {
        match parse_date(&text) {
            Ok(day) => prop_assert_eq!(day.to_string(), text),
            Err(reason) => {
                let prefix = format!("`{text}` is not a date: ");
                prop_assert!(reason.starts_with(&prefix), "{}", reason);
            }
        }
    }

    #[test]
    fn a_local_time_lands_where_the_clocks_showed_it_or_an_hour_on_with_a_note(
        day in day(), hour in 0i8..24, minute in 0i8..60, second in 0i8..60, t: bool,
    ) {
        let text = written(day, (hour, minute, second), t);
        let Ok(date) = Date::new(day.0, day.1, day.2) else {
            prop_assert!(parse_when(&text, &oslo()).is_err(), "{text} is not a day");
            return Ok(());
        };
        let datetime = DateTime::from_parts(date, Time::new(hour, minute, second, 0).unwrap());
        let (when, note) = parse_when_noted(&text, &oslo()).expect("a local time");
        let When::At(zoned) = &when else {
            return Err(TestCaseError::fail(format!("{text} read as a day")));
        };
        prop_assert_eq!(zoned.time_zone().iana_name(), Some("Europe/Oslo"));
        match note {
            None => prop_assert_eq!(zoned.datetime(), datetime, "{}", text),
            Some(note) => {
                prop_assert_eq!(zoned.datetime(), datetime.checked_add(1.hour()).unwrap());
                let shown = format!("{date} {hour:02}:{minute:02} does not exist");
                prop_assert!(note.contains(&shown), "{}", note);
            }
        }
        prop_assert_eq!(parse_when(&when.iso(), &oslo()), Ok(when.clone()), "{} reads back", when.iso());
    }

    #[test]
    fn local_times_keep_their_order_outside_the_spring_gap(
        day in day(), hour in 0i8..24, minute in 0i8..60, later in 1i64..(3 * 3600),
    ) {
        let Ok(date) = Date::new(day.0, day.1, day.2) else { return Ok(()); };
        let a = DateTime::from_parts(date, Time::new(hour, minute, 0, 0).unwrap());
        let b = a.checked_add(later.seconds()).unwrap();
        let read = |dt: DateTime| {
            parse_when_noted(&dt.strftime("%Y-%m-%d %H:%M:%S").to_string(), &oslo()).unwrap()
        };
        let ((a_when, a_note), (b_when, b_note)) = (read(a), read(b));
        if a_note.is_none() && b_note.is_none() {
            prop_assert!(
                a_when.timestamp(&oslo()) < b_when.timestamp(&oslo()),
                "{a} before {b}: {} then {}", a_when.iso(), b_when.iso()
            );
        }
    }

    #[test]
    fn an_instant_with_an_offset_reads_back_from_its_iso_form(
        text in "20[0-9]{2}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])[T ]([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9])?(Z| UTC|[+-](0[0-9]|1[0-4]):?[0-5][0-9])",
    ) {
        if let Ok(when) = parse_when(&text, &oslo()) {
            prop_assert_eq!(parse_when(&when.iso(), &oslo()), Ok(when.clone()), "{}", text);
            prop_assert!(matches!(when, When::At(_)), "{}", text);
        }
    }

    #[test]
    fn a_clock_time_is_read_from_any_of_its_forms(hour in 0i8..24, minute in 0i8..60, second in 0i8..60) {
        let time = Time::new(hour, minute, second, 0).unwrap();
        for form in clock_forms(time) {
            prop_assert_eq!(parse_clock(&form), Some(time), "{}", form);
            prop_assert_eq!(parse_clock(&format!(" {form}\t")), Some(time), "{}", form);
        }
    }

    #[test]
    fn what_reads_as_a_clock_time_is_one_of_its_forms(text in " ?[0-9]{1,3}[:.][0-9?]{1,3}([:.][0-9]{1,3})? ?") {
        if let Some(time) = parse_clock(&text) {
            prop_assert!(clock_forms(time).contains(&text.trim().to_string()), "{:?} read as {}", text, time);
        }
    }
}
