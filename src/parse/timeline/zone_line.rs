//! Lines that set the zone of the timeline entries after them ("All times in UTC", "Alle tider i
//! norsk tid"), and zone names as writers give them (`UTC`, `CET`, `norsk tid`, `UTC+1`).

use std::ops::Range;

use jiff::tz::{Offset, TimeZone};

/// A zone line: where its zone name is, and whether the line is surely about zones.
pub(super) struct ZoneLine {
    /// Byte range of the zone name in the line.
    pub name: Range<usize>,
    /// `true` for "… in X" forms, where an unknown X deserves a warning; `false` for "Times are X",
    /// which may as well say "Times are approximate".
    pub strict: bool,
}

/// Phrases that introduce a zone name, lowercase, each with whether it is [`ZoneLine::strict`].
const PHRASES: &[(&str, bool)] = &[
    ("all times are in ", true),
    ("all times shown in ", true),
    ("all times in ", true),
    ("all timestamps are in ", true),
    ("all timestamps in ", true),
    ("times are in ", true),
    ("times in ", true),
    ("timestamps are in ", true),
    ("timestamps in ", true),
    ("time zone: ", true),
    ("timezone: ", true),
    ("time zone is ", true),
    ("timezone is ", true),
    ("all times are ", false),
    ("times are ", false),
    ("alle tider er i ", true),
    ("alle tider i ", true),
    ("alle tidspunkter er i ", true),
    ("alle tidspunkter i ", true),
    ("alle tidspunkt er i ", true),
    ("alle tidspunkt i ", true),
    ("alle klokkeslett er i ", true),
    ("alle klokkeslett i ", true),
    ("tider er i ", true),
    ("tider i ", true),
    ("tidspunkter er i ", true),
    ("tidspunkter i ", true),
    ("tidssone: ", true),
    ("tidssone er ", true),
    ("alle tider er ", false),
    ("tider er ", false),
];

/// The zone name a line such as "All times are in UTC." gives, if the line is one.
pub(super) fn find(line: &str) -> Option<ZoneLine> {
    let body = line.trim_start_matches(|c: char| {
        c.is_whitespace() || matches!(c, '>' | '*' | '_' | '(' | '[')
    });
    let (phrase, strict) = PHRASES.iter().find(|(phrase, _)| {
        body.get(..phrase.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(phrase))
    })?;
    let rest = &body[phrase.len()..];
    let rest = rest.split([',', ';', '(']).next().unwrap_or(rest);
    let name = rest.trim().trim_end_matches(|c: char| {
        matches!(c, '.' | '*' | '_' | ')' | ']' | '!' | ':') || c.is_whitespace()
    });
    if name.is_empty() || name.split_whitespace().count() > 3 {
        return None;
    }
    let start = line.len() - body.len() + phrase.len() + (rest.len() - rest.trim_start().len());
    Some(ZoneLine {
        name: start..start + name.len(),
        strict: *strict,
    })
}

/// Words after which a time header names its zone (`Date and Time in CET`, `Tid i norsk tid`).
const HEADER_PHRASES: &[&str] = &[" in ", " i "];

/// Where a table's time header names a zone, if it does: `Time (UTC)`, `Tid (norsk tid)`,
/// `Time UTC`, `Date and Time in CET`, `Tid i UTC`. The name may still be unknown: a name in
/// parentheses is [`ZoneLine::strict`] only when it is not there (`Time (approx.)` is not about
/// zones), one after "in"/"i" always is.
pub(super) fn in_header(header: &str) -> Option<ZoneLine> {
    let trimmed = header.trim_end();
    if let Some(open) = trimmed.find('(') {
        let inner = &trimmed[open + 1..];
        let inner = inner.split(')').next().unwrap_or(inner);
        let start = open + 1 + (inner.len() - inner.trim_start().len());
        let name = start..start + inner.trim().len();
        return (!name.is_empty()).then_some(ZoneLine {
            name,
            strict: false,
        });
    }
    let lower = trimmed.to_ascii_lowercase();
    if let Some(at) = HEADER_PHRASES
        .iter()
        .filter_map(|phrase| lower.rfind(phrase).map(|at| at + phrase.len()))
        .max()
    {
        let name = trimmed[at..].trim();
        let start = trimmed.len() - trimmed[at..].trim_start().len();
        let words = name.split_whitespace().count();
        return (1..=3).contains(&words).then(|| ZoneLine {
            name: start..start + name.len(),
            strict: true,
        });
    }
    let last = trimmed.rsplit(char::is_whitespace).next()?;
    (trimmed.contains(char::is_whitespace)
        && ["utc", "gmt"].iter().any(|z| last.eq_ignore_ascii_case(z)))
    .then(|| ZoneLine {
        name: trimmed.len() - last.len()..trimmed.len(),
        strict: true,
    })
}

/// The zone a writer means by `name`: `UTC`, `norsk tid`, `local time` (`home`), `CET`, `UTC+1`,
/// or any IANA name. `None` when it is none of those.
pub(super) fn resolve(name: &str, home: &TimeZone) -> Option<TimeZone> {
    let lower = name.trim().to_lowercase();
    let lower = lower.strip_prefix("the ").unwrap_or(&lower);
    match lower {
        "utc" | "gmt" | "z" | "zulu" | "utc time" | "utc-tid" | "utc tid" => Some(TimeZone::UTC),
        "norsk tid" | "norwegian time" | "oslo time" | "oslo-tid" | "oslotid"
        | "norsk normaltid" | "norsk sommertid" => TimeZone::get("Europe/Oslo").ok(),
        "local time" | "lokal tid" | "lokaltid" => Some(home.clone()),
        "cet" | "cest" | "central european time" | "sentraleuropeisk tid" => {
            TimeZone::get("CET").ok()
        }
        _ => fixed_offset(lower).or_else(|| TimeZone::get(name.trim()).ok()),
    }
}

/// `UTC+1`, `GMT-05:00`, `+0100` as a fixed zone.
fn fixed_offset(lower: &str) -> Option<TimeZone> {
    let rest = lower
        .strip_prefix("utc")
        .or_else(|| lower.strip_prefix("gmt"))
        .unwrap_or(lower)
        .trim();
    let (sign, digits) = if let Some(digits) = rest.strip_prefix('+') {
        (1, digits)
    } else if let Some(digits) = rest.strip_prefix(['-', '−']) {
        (-1, digits)
    } else {
        return None;
    };
    let (hours, minutes) = match digits.split_once(':') {
        Some((h, m)) => (h, m),
        None if digits.len() == 4 && digits.is_char_boundary(2) => digits.split_at(2),
        None => (digits, "0"),
    };
    let number = |s: &str| {
        let digits = !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit());
        digits.then(|| s.parse::<i32>().ok()).flatten()
    };
    let (hours, minutes) = (number(hours)?, number(minutes)?);
    if hours > 23 || minutes > 59 {
        return None;
    }
    Offset::from_seconds(sign * (hours * 3600 + minutes * 60))
        .ok()
        .map(TimeZone::fixed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn name(line: &str) -> Option<&str> {
        find(line).map(|found| &line[found.name])
    }

    #[test]
    fn finds_zone_names_in_english_and_norwegian_lines() {
        assert_eq!(name("All times in UTC."), Some("UTC"));
        assert_eq!(name("*All times are in Europe/Oslo*"), Some("Europe/Oslo"));
        assert_eq!(name("Times are CET"), Some("CET"));
        assert_eq!(name("(all times in UTC, unless noted)"), Some("UTC"));
        assert_eq!(name("Alle tider i norsk tid."), Some("norsk tid"));
        assert_eq!(name("> Alle tider er i UTC"), Some("UTC"));
        assert_eq!(name("Timezone: UTC+1"), Some("UTC+1"));
        assert!(find("Times are approximate").is_some_and(|f| !f.strict));
        assert!(find("All times in Mars/Olympus").is_some_and(|f| f.strict));
    }

    #[test]
    fn other_lines_are_not_zone_lines() {
        assert_eq!(
            name("The alert fired three times in a row and then stopped."),
            None
        );
        assert_eq!(name("Cache node stops answering"), None);
        assert_eq!(name("All times in"), None);
        assert_eq!(name("Ærlig talt"), None);
    }

    #[test]
    fn resolves_what_writers_call_zones() {
        let home = TimeZone::get("America/New_York").unwrap();
        let iana =
            |name: &str| resolve(name, &home).and_then(|tz| tz.iana_name().map(String::from));
        assert_eq!(iana("UTC").as_deref(), Some("UTC"));
        assert_eq!(iana("GMT").as_deref(), Some("UTC"));
        assert_eq!(iana("norsk tid").as_deref(), Some("Europe/Oslo"));
        assert_eq!(iana("Norwegian time").as_deref(), Some("Europe/Oslo"));
        assert_eq!(iana("local time").as_deref(), Some("America/New_York"));
        assert_eq!(iana("CET").as_deref(), Some("CET"));
        assert_eq!(iana("europe/oslo").as_deref(), Some("Europe/Oslo"));
        let plus_one = resolve("UTC+1", &home).unwrap();
        assert_eq!(plus_one.to_fixed_offset().unwrap().seconds(), 3600);
        let minus = resolve("GMT-05:30", &home).unwrap();
        assert_eq!(
            minus.to_fixed_offset().unwrap().seconds(),
            -(5 * 3600 + 30 * 60)
        );
        assert!(resolve("Mars/Olympus", &home).is_none());
        assert!(resolve("approximate", &home).is_none());
        assert!(resolve("UTC+25", &home).is_none());
    }

    #[test]
    fn zones_from_table_headers() {
        let named = |header: &str| in_header(header).map(|z| header[z.name].to_string());
        assert_eq!(named("Tid (norsk tid)").as_deref(), Some("norsk tid"));
        assert_eq!(named("Tid (UTC)").as_deref(), Some("UTC"));
        assert_eq!(named("Time UTC").as_deref(), Some("UTC"));
        assert_eq!(named("Date and Time in CET").as_deref(), Some("CET"));
        assert_eq!(
            named("Dato og tid i norsk tid").as_deref(),
            Some("norsk tid")
        );
        assert_eq!(named("Time (approx.)").as_deref(), Some("approx."));
        assert!(in_header("Time (approx.)").is_some_and(|z| !z.strict));
        assert!(in_header("Date and Time in Mars").is_some_and(|z| z.strict));
        assert_eq!(named("Time"), None);
        assert_eq!(named("Time in"), None);
    }

    mod through_extract {
        //! Zone lines as `extract` meets them, between entries.
        use crate::diagnostic::Level;
        use crate::parse::timeline::extract;
        use crate::parse::timeline::tests::{oslo, show};
        use jiff::tz::TimeZone;

        #[test]
        fn zone_lines_change_the_zone_of_the_entries_after_them() {
            let section = "Alle tider i UTC.\n\n- 2024-11-07 08:00 a\n\n\
                           Alle tider i norsk tid.\n\n- 2024-11-07 10:00 b\n\n\
                           Times are CET\n\n- 2024-07-01 10:00 c\n\n\
                           All times in Europe/Oslo\n\n- 2024-07-01 11:00 d\n";
            let (entries, problems) = extract(section, None, &TimeZone::UTC);
            // `CET` in July is read as the clocks showed it, with a warning.
            assert_eq!(problems.len(), 1, "{problems:?}");
            assert_eq!(&section[problems[0].span.clone()], "2024-07-01 10:00");
            let at: Vec<String> = show(&entries);
            assert_eq!(
                at,
                [
                    "2024-11-07T08:00:00+00:00[UTC] | a",
                    "2024-11-07T10:00:00+01:00[Europe/Oslo] | b",
                    "2024-07-01T10:00:00+02:00[CET] | c",
                    "2024-07-01T11:00:00+02:00[Europe/Oslo] | d",
                ]
            );
        }

        #[test]
        fn a_zone_line_as_a_list_item_is_not_an_entry() {
            let section = "- All times are in UTC\n- 2024-11-07 08:00 a\n";
            let (entries, problems) = extract(section, None, &oslo());
            assert!(problems.is_empty(), "{problems:?}");
            assert_eq!(show(&entries), ["2024-11-07T08:00:00+00:00[UTC] | a"]);
        }

        #[test]
        fn an_unknown_zone_is_a_warning_and_the_zone_stays() {
            let section = "All times in Mars/Olympus.\n\n- 2024-11-07 08:00 a\n";
            let (entries, problems) = extract(section, None, &oslo());
            assert_eq!(
                show(&entries),
                ["2024-11-07T08:00:00+01:00[Europe/Oslo] | a"]
            );
            assert_eq!(problems.len(), 1);
            assert_eq!(problems[0].level, Level::Warning);
            assert_eq!(&section[problems[0].span.clone()], "Mars/Olympus");
            assert!(problems[0].message.contains("not a known time zone"));
            assert!(problems[0].help.as_deref().unwrap().contains("Europe/Oslo"));
        }

        #[test]
        fn a_sentence_that_is_not_about_zones_is_ignored() {
            let section = "Times are approximate.\n\n- 2024-11-07 08:00 a\n";
            let (entries, problems) = extract(section, None, &oslo());
            assert!(problems.is_empty(), "{problems:?}");
            assert_eq!(
                show(&entries),
                ["2024-11-07T08:00:00+01:00[Europe/Oslo] | a"]
            );
        }
    }
}
