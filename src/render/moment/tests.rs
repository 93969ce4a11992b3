//! The fast ways of writing a moment agree with the format strings they stand for.

use jiff::civil::date;

use super::*;

fn english() -> Strings {
    Strings::new(
        "en",
        toml::from_str(
            "[dates]\nmonths = [\"January\",\"February\",\"March\",\"April\",\"May\",\"June\",\"July\",\"August\",\"September\",\"October\",\"November\",\"December\"]\ndate = \"{day} {month} {year}\"\ndatetime = \"{date}, {time}\"\n",
        )
        .expect("strings"),
    )
}

/// A moment as it was made with format strings, before [`Moments`].
fn slow(when: &When, t: &Strings) -> Moment {
    match when {
        When::At(zoned) => {
            let time = format!("{:02}:{:02}", zoned.hour(), zoned.minute());
            let zone = zoned.strftime("%Z").to_string();
            let date = t.date(zoned.date());
            Moment {
                iso: when.iso(),
                display: format!("{} {zone}", t.datetime_of(&date, &time)),
                date,
                time: Some(time),
                zone: Some(zone),
            }
        }
        When::Day(day) => Moment {
            iso: day.to_string(),
            date: t.date(*day),
            time: None,
            zone: None,
            display: t.date(*day),
        },
        _ => unreachable!("only days and instants are compared"),
    }
}

fn zones() -> [&'static str; 10] {
    [
        "Europe/Oslo",
        "UTC",
        "America/New_York",
        "Asia/Kolkata",
        "Australia/Lord_Howe",
        "America/Sao_Paulo",
        "America/St_Johns",
        "Asia/Kathmandu",
        "Pacific/Chatham",
        "Europe/Amsterdam",
    ]
}

fn instants() -> [&'static str; 9] {
    [
        "2024-01-15T12:00:00Z",
        "2024-03-31T00:59:59Z",
        "2024-03-31T01:00:00Z",
        "2024-07-01T09:30:07Z",
        "2024-10-27T01:00:00Z",
        "1970-01-01T00:00:00Z",
        "1850-06-01T12:00:00Z",
        "0005-06-01T12:00:00Z",
        "9999-12-30T12:00:00Z",
    ]
}

fn zoned(instant: &str, zone: &str) -> ZonedDateTime {
    instant
        .parse::<jiff::Timestamp>()
        .expect("instant")
        .in_tz(zone)
        .expect("zone")
}

#[test]
fn moments_are_those_format_strings_make() {
    let t = english();
    let mut moments = Moments::new(&t);
    let mut whens = Vec::new();
    for zone in zones() {
        for instant in instants() {
            whens.push(When::At(zoned(instant, zone)));
        }
    }
    for day in [
        date(2024, 11, 7),
        date(1, 1, 1),
        date(-1, 3, 4),
        date(9999, 12, 31),
    ] {
        whens.push(When::Day(day));
    }
    // Each twice in a row: the second is made from the remembered day.
    for when in whens.iter().flat_map(|w| [w, w]) {
        let (fast, slow) = (moments.of(when), slow(when, &t));
        assert_eq!(
            (fast.iso, fast.date, fast.time, fast.zone, fast.display),
            (slow.iso, slow.date, slow.time, slow.zone, slow.display),
            "{when:?}"
        );
    }
}

#[test]
fn instants_with_offset_seconds_or_long_years_are_left_to_the_format_string() {
    // Amsterdam's mean time was 00:19:32 ahead of UTC.
    assert_eq!(
        instant_iso(&zoned("1850-06-01T12:00:00Z", "Europe/Amsterdam")),
        None
    );
    assert_eq!(
        instant_iso(&zoned("2024-07-01T09:30:07Z", "America/St_Johns")).as_deref(),
        Some("2024-07-01T07:00:07-02:30")
    );
    assert_eq!(day_iso(date(-1, 3, 4)), None);
    assert_eq!(day_iso(date(33, 3, 4)).as_deref(), Some("0033-03-04"));
}

#[test]
fn zone_abbreviations_are_those_strftime_writes() {
    let mut seen = std::collections::BTreeSet::new();
    for zone in zones() {
        for instant in instants() {
            let zoned = zoned(instant, zone);
            let written = zoned.strftime("%Z").to_string();
            assert_eq!(zone_abbreviation(&zoned), written, "{zone} {instant}");
            seen.insert(written);
        }
    }
    let fixed = jiff::Timestamp::UNIX_EPOCH
        .to_zoned_datetime(jiff::tz::TimeZone::fixed(jiff::tz::offset(-3)));
    assert_eq!(zone_abbreviation(&fixed), fixed.strftime("%Z").to_string());
    assert!(
        seen.contains("CEST") && seen.contains("EST") && seen.contains("IST"),
        "{seen:?}"
    );
}

#[test]
fn moments_shown_alike_are_alike() {
    let t = english();
    let mut whens = Vec::new();
    for zone in zones() {
        for instant in instants() {
            whens.push(When::At(zoned(instant, zone)));
        }
    }
    whens.push(When::Day(date(2024, 1, 15)));
    whens.push(When::Day(date(2024, 1, 16)));
    whens.push(When::Month(date(2024, 1, 1)));
    whens.push(When::Year(date(2024, 1, 1)));
    let mut alike = 0;
    for a in &whens {
        for b in &whens {
            let (ma, mb) = (Moment::of(a, &t), Moment::of(b, &t));
            let same = (ma.iso, ma.date, ma.time, ma.zone, ma.display)
                == (mb.iso, mb.date, mb.time, mb.zone, mb.display);
            if shown_alike(a, b) {
                assert!(same, "{a:?} {b:?}");
                alike += 1;
            }
        }
    }
    // Each with itself only: the same instant in another zone is shown otherwise.
    assert_eq!(alike, whens.len());
    let noon = zoned("2024-01-15T12:00:00Z", "UTC");
    assert!(!shown_alike(
        &When::At(noon.clone()),
        &When::At(noon.in_tz("Europe/Oslo").expect("zone"))
    ));
    assert!(shown_alike(&When::At(noon.clone()), &When::At(noon)));
}
