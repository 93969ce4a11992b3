//! [`When`], the moments of an incident's history, and the zones they are shown in.

use jiff::Timestamp;
use jiff::ZonedDateTime;
use jiff::civil::{Date, Time};
use jiff::tz::{Offset, TimeZone};

/// A moment in an incident's history: a whole year, month or day, or an instant in a zone.
#[derive(Clone, Debug, PartialEq)]
pub enum When {
    /// Year precision (`2014`), as the first day of the year.
    Year(Date),
    /// Month precision (`2014-03`), as the first day of the month.
    Month(Date),
    /// Day precision.
    Day(Date),
    /// An instant, kept in the zone it is shown in.
    At(ZonedDateTime),
}

impl When {
    /// Machine-readable: `2014`, `2014-03` or `2024-11-07` for a year, month or day, RFC 3339
    /// with its offset for an instant.
    pub fn iso(&self) -> String {
        match self {
            When::Year(date) => date.strftime("%Y").to_string(),
            When::Month(date) => date.strftime("%Y-%m").to_string(),
            When::Day(day) => day.to_string(),
            When::At(zoned) => zoned.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
        }
    }

    /// The name of the zone an instant is shown in (`Europe/Oslo`, `CET`, `UTC+01:00` for a fixed
    /// offset); none for a day.
    pub fn zone_name(&self) -> Option<String> {
        let When::At(zoned) = self else {
            return None;
        };
        Some(
            zoned
                .time_zone()
                .iana_name()
                .map_or_else(|| format!("UTC{}", zoned.strftime("%:z")), str::to_string),
        )
    }

    /// The calendar date: the day itself (the first of a year or month), or the instant's date
    /// in its own zone.
    pub fn date(&self) -> Date {
        match self {
            When::Year(date) | When::Month(date) | When::Day(date) => *date,
            When::At(zoned) => zoned.date(),
        }
    }

    /// The instant, for ordering and durations: a day (year, month) counts as its first moment
    /// in `tz`.
    pub fn timestamp(&self, tz: &TimeZone) -> Timestamp {
        match self {
            When::At(zoned) => zoned.timestamp(),
            When::Year(date) | When::Month(date) | When::Day(date) => {
                let midnight = date.to_datetime(Time::midnight());
                tz.to_ambiguous_timestamp(midnight)
                    .compatible()
                    .or_else(|_| Offset::UTC.to_timestamp(midnight))
                    .unwrap_or(if date.year() < 0 {
                        Timestamp::MIN
                    } else {
                        Timestamp::MAX
                    })
            }
        }
    }
}

/// The names of the zones `whens` are shown in ([`When::zone_name`]), each once, in the order they
/// are first used; days have none.
pub fn zone_names<'a>(whens: impl IntoIterator<Item = &'a When>) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    for name in whens.into_iter().filter_map(When::zone_name) {
        if !names.contains(&name) {
            names.push(name);
        }
    }
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn zone_names_are_listed_once_in_order_of_use() {
        let at = |name: &str| {
            let zone = TimeZone::get(name).unwrap();
            When::At(
                jiff::civil::date(2022, 6, 2)
                    .at(9, 0, 0, 0)
                    .to_zoned_datetime(zone)
                    .unwrap(),
            )
        };
        let fixed = When::At(
            jiff::civil::date(2022, 6, 2)
                .at(9, 0, 0, 0)
                .to_zoned_datetime(TimeZone::fixed(Offset::constant(1)))
                .unwrap(),
        );
        let day = When::Day(jiff::civil::date(2022, 6, 2));
        let whens = [day, at("CET"), at("UTC"), at("CET"), fixed];
        assert_eq!(zone_names(&whens), ["CET", "UTC", "UTC+01:00"]);
        assert!(zone_names(&[When::Day(jiff::civil::date(2022, 6, 2))]).is_empty());
    }
}
