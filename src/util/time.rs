//! Reading the times post-mortems are written with: offsets, local times in an IANA zone, dates.
//!
//! Writers give times in many shapes (front matter, TOML datetimes, timeline tables), so the parsers
//! here are strict about what they accept and say precisely what is wrong with what they reject.
//!
//! Local times (no offset) are read in the incident's zone. A local time that falls into a DST gap
//! (the clock skips it, e.g. 02:30 on 2024-03-31 in `Europe/Oslo`) is shifted forward by the length
//! of the gap (03:30 +02:00); a local time that occurs twice in a DST fold (02:30 on 2024-10-27 in
//! `Europe/Oslo`) is the earlier of the two instants (+02:00). This is jiff's "compatible"
//! disambiguation, which is also what RFC 5545 calendars and JavaScript's Temporal do.

use jiff::ZonedDateTime;
use jiff::civil::{Date, DateTime, Time};
use jiff::tz::{Offset, TimeZone};

mod duration;
mod when;

pub use duration::{DURATION_FORMS, parse_duration};
pub use when::{When, zone_names};

#[cfg(test)]
mod property_tests;
#[cfg(test)]
mod tests;

/// The shapes [`parse_when`] accepts, for error messages and help lines.
pub const WHEN_FORMS: &str = "a date `YYYY-MM-DD`, a local time `YYYY-MM-DD HH:MM` or RFC 3339 \
                              with an offset (`2024-11-07T08:00:00+01:00`)";

const ZONE_HINT: &str = "an IANA zone name such as `Europe/Oslo` or `UTC`";

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Reads a datetime as writers and TOML give it.
///
/// Accepted: RFC 3339 with an offset or `Z` (`2024-11-07T08:00:00+01:00`; the instant is kept and
/// shown in `tz`), a local datetime (`2024-11-07T08:00`, `2024-11-07 08:00`, optional seconds and
/// fractions) read in `tz`, and a date alone (`2024-11-07`, day precision). A trailing ` UTC` is
/// read as `Z`. Local times in a DST gap move forward; in a DST fold they are the earlier instant.
/// A time of day without a date is an error.
pub fn parse_when(text: &str, tz: &TimeZone) -> Result<When, String> {
    parse_when_noted(text, tz).map(|(when, _)| when)
}

/// [`parse_when`], with a note when `text` is a local time that does not exist in `tz` (it falls in
/// the hour the clocks skip in spring) saying what it is read as; writers are told.
pub fn parse_when_noted(text: &str, tz: &TimeZone) -> Result<(When, Option<String>), String> {
    match parse_parts(text)? {
        Written::Partial(when) => Ok((when, None)),
        Written::Day(date) => Ok((When::Day(date), None)),
        Written::Instant(datetime, offset) => offset
            .to_timestamp(datetime)
            .map(|instant| (When::At(instant.to_zoned_datetime(tz.clone())), None))
            .map_err(|e| format!("`{}` is out of range: {e}", text.trim())),
        Written::Local(datetime) => {
            place_local(datetime, tz).map(|(zoned, note)| (When::At(zoned), note))
        }
    }
}

/// Whether `text` is a datetime written with its offset or `Z` (`2024-11-07T08:00:00+01:00`,
/// `2024-11-07 07:00 UTC`), which no zone changes.
pub fn has_offset(text: &str) -> bool {
    matches!(parse_parts(text), Ok(Written::Instant(..)))
}

/// Places a local datetime in `tz`: in a DST gap it moves forward by the gap, in a fold it is the
/// earlier instant. The note, when there is one, says that the written time does not exist.
pub fn place_local(
    datetime: DateTime,
    tz: &TimeZone,
) -> Result<(ZonedDateTime, Option<String>), String> {
    let ambiguous = tz.to_ambiguous_zoned_datetime(datetime);
    let gap = matches!(ambiguous.offset(), jiff::tz::AmbiguousOffset::Gap { .. });
    let zoned = ambiguous
        .compatible()
        .map_err(|e| format!("`{datetime}` cannot be placed in the time zone: {e}"))?;
    let note = gap.then(|| {
        let zone = tz.iana_name().unwrap_or("the incident's time zone");
        format!(
            "{} {} does not exist in {zone} (the clocks skip that hour); it is read as {}",
            datetime.date(),
            datetime.time().strftime("%H:%M"),
            zoned.strftime("%H:%M %Z"),
        )
    });
    Ok((zoned, note))
}

/// What a datetime as written holds, before it is placed in a zone.
enum Written {
    /// A year or month alone.
    Partial(When),
    Day(Date),
    Instant(DateTime, Offset),
    Local(DateTime),
}

fn parse_parts(text: &str) -> Result<Written, String> {
    let text = text.trim();
    if text.is_empty() {
        return Err(format!("no date or time given: expected {WHEN_FORMS}"));
    }
    if !text.starts_with(|c: char| c.is_ascii_digit()) {
        return Err(format!(
            "`{text}` is not a date or time: expected {WHEN_FORMS}"
        ));
    }
    let date_end = text.find(['T', 't', ' ', '\t']).unwrap_or(text.len());
    let (date_part, rest) = text.split_at(date_end);
    if !date_part.contains('-') && looks_like_clock(date_part) {
        return Err(format!(
            "`{text}` is a time of day without a date: expected {WHEN_FORMS}"
        ));
    }
    if rest.is_empty()
        && let Some(partial) = parse_partial(date_part)
    {
        return Ok(partial);
    }
    let date = parse_date(date_part)?;
    if rest.is_empty() {
        return Ok(Written::Day(date));
    }
    let time_part = rest[1..].trim_start();
    if time_part.is_empty() {
        return Err(format!(
            "`{text}` has no time after the date: expected {WHEN_FORMS}"
        ));
    }
    let (time, suffix) = scan_time(time_part, text)?;
    let datetime = DateTime::from_parts(date, time);
    Ok(match scan_offset(suffix, text)? {
        Some(offset) => Written::Instant(datetime, offset),
        None => Written::Local(datetime),
    })
}

/// A year (`2014`) or a month (`2014-03`) alone, as a partial date.
fn parse_partial(text: &str) -> Option<Written> {
    let digits = |s: &str, len: usize| s.len() == len && s.bytes().all(|b| b.is_ascii_digit());
    let (year, month) = match text.split_once('-') {
        Some((year, month)) if digits(year, 4) && digits(month, 2) => (year, Some(month)),
        None if digits(text, 4) => (text, None),
        _ => return None,
    };
    let year = i16::try_from(number(year)).ok()?;
    match month {
        None => Date::new(year, 1, 1)
            .ok()
            .map(|d| Written::Partial(When::Year(d))),
        Some(month) => {
            let month = i8::try_from(number(month)).ok()?;
            Date::new(year, month, 1)
                .ok()
                .map(|d| Written::Partial(When::Month(d)))
        }
    }
}

/// Reads a strict `YYYY-MM-DD` date; the error says why an impossible date is impossible.
pub fn parse_date(text: &str) -> Result<Date, String> {
    let text = text.trim();
    let bytes = text.as_bytes();
    let year_digits = bytes.iter().take_while(|b| b.is_ascii_digit()).count();
    if year_digits > 4 && bytes.get(year_digits) == Some(&b'-') {
        return Err(format!(
            "`{text}` is not a date: the year has {year_digits} digits, write it with four \
             (`YYYY-MM-DD`)"
        ));
    }
    let fields: Vec<&str> = text.split('-').collect();
    let numeric = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let [y, m, d] = fields[..] else {
        return Err(format!(
            "`{text}` is not a date: expected `YYYY-MM-DD`, such as `2024-11-07`"
        ));
    };
    if !(numeric(y) && numeric(m) && numeric(d)) || y.len() != 4 || m.len() > 2 || d.len() > 2 {
        return Err(format!(
            "`{text}` is not a date: expected `YYYY-MM-DD`, such as `2024-11-07`"
        ));
    }
    if m.len() < 2 || d.len() < 2 {
        return Err(format!(
            "`{text}` is not a date: write the month and day with two digits (`{y}-{m:0>2}-{d:0>2}`)"
        ));
    }
    let (year, month, day) = (number(y), number(m), number(d));
    if !(1..=12).contains(&month) {
        return Err(format!(
            "`{text}` is not a date: there is no month {m}; months go from 01 to 12"
        ));
    }
    if day == 0 {
        return Err(format!("`{text}` is not a date: days start at 01"));
    }
    let first = Date::new(year as i16, month as i8, 1)
        .map_err(|e| format!("`{text}` is not a date: {e}"))?;
    let days = first.days_in_month();
    if day > days as u32 {
        let name = MONTHS[month as usize - 1];
        return Err(format!(
            "`{text}` is not a date: {name} {year} has {days} days"
        ));
    }
    Date::new(year as i16, month as i8, day as i8)
        .map_err(|e| format!("`{text}` is not a date: {e}"))
}

/// Reads a bare clock time: `H:MM`, `HH:MM`, `HH:MM:SS`, or the same with `.` (`08.30`).
///
/// Placeholders (`14:??`, `HH:mm`), `24:00` and out-of-range fields give `None`.
pub fn parse_clock(text: &str) -> Option<Time> {
    let text = text.trim();
    let separator = if text.contains(':') { ':' } else { '.' };
    let parts: Vec<&str> = text.split(separator).collect();
    if !(2..=3).contains(&parts.len()) {
        return None;
    }
    let digits = |s: &str, min: usize, max: usize| {
        (min..=max).contains(&s.len()) && s.bytes().all(|b| b.is_ascii_digit())
    };
    if !digits(parts[0], 1, 2) || !parts[1..].iter().all(|p| digits(p, 2, 2)) {
        return None;
    }
    let hour = number(parts[0]);
    let minute = number(parts[1]);
    let second = parts.get(2).map_or(0, |s| number(s));
    if hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    Time::new(hour as i8, minute as i8, second as i8, 0).ok()
}

/// Looks up an IANA zone name (`Europe/Oslo`, `UTC`); the error names what would be valid.
pub fn zone(name: &str) -> Result<TimeZone, String> {
    let name = name.trim();
    if name.is_empty() {
        return Err(format!("no time zone given: expected {ZONE_HINT}"));
    }
    TimeZone::get(name).map_err(|_| {
        let names: Vec<String> = jiff::tz::db()
            .available()
            .map(|n| n.as_str().to_string())
            .collect();
        let refs: Vec<&str> = names.iter().map(String::as_str).collect();
        match crate::util::vocabulary::closest(name, &refs) {
            Some(near) => format!("`{name}` is not a known time zone: did you mean `{near}`?"),
            None => format!("`{name}` is not a known time zone: expected {ZONE_HINT}"),
        }
    })
}

/// The date a file stem starts with, as in `2024-11-07-mail-outage`; `None` when there is none.
pub fn date_prefix(stem: &str) -> Option<Date> {
    let head = stem.get(..10)?;
    let next = stem[10..].chars().next();
    if next.is_some_and(char::is_alphanumeric) {
        return None;
    }
    parse_date(head).ok()
}

/// The value of a run of ASCII digits (callers have checked it is one, of at most 9 digits).
fn number(digits: &str) -> u32 {
    digits.bytes().fold(0, |n, b| n * 10 + u32::from(b - b'0'))
}

/// Whether `text` is shaped like a clock time, even an unreadable one (`14:??`, `25:00`).
fn looks_like_clock(text: &str) -> bool {
    text.len() <= 12 && text.contains([':', '.']) && text.starts_with(|c: char| c.is_ascii_digit())
}

/// Reads `HH:MM[:SS[.fraction]]` at the start of `s`; returns it and what follows.
fn scan_time<'a>(s: &'a str, whole: &str) -> Result<(Time, &'a str), String> {
    let shape =
        || format!("`{whole}` has no readable time after the date: expected `HH:MM` or `HH:MM:SS`");
    let bytes = s.as_bytes();
    let run = |from: usize| {
        bytes[from.min(bytes.len())..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let hour_len = run(0);
    if !(1..=2).contains(&hour_len) || bytes.get(hour_len) != Some(&b':') || run(hour_len + 1) != 2
    {
        return Err(shape());
    }
    let hour = number(&s[..hour_len]);
    let minute = number(&s[hour_len + 1..hour_len + 3]);
    let mut end = hour_len + 3;
    let mut second = 0;
    let mut nanos = 0;
    if bytes.get(end) == Some(&b':') {
        if run(end + 1) != 2 {
            return Err(shape());
        }
        second = number(&s[end + 1..end + 3]);
        end += 3;
        if matches!(bytes.get(end), Some(b'.' | b',')) {
            let len = run(end + 1);
            if !(1..=9).contains(&len) {
                return Err(format!(
                    "`{whole}` has an unreadable fraction of a second: expected 1 to 9 digits"
                ));
            }
            let fraction = &s[end + 1..end + 1 + len];
            nanos = number(fraction) * 10u32.pow(9 - len as u32);
            end += 1 + len;
        }
    }
    if hour > 23 {
        let note = if hour == 24 {
            " (`24:00` is `00:00` of the next day)"
        } else {
            ""
        };
        return Err(format!(
            "`{whole}` is not a valid time: hours go from 00 to 23{note}"
        ));
    }
    if minute > 59 {
        return Err(format!(
            "`{whole}` is not a valid time: minutes go from 00 to 59"
        ));
    }
    if second > 59 {
        return Err(format!(
            "`{whole}` is not a valid time: seconds go from 00 to 59"
        ));
    }
    let time = Time::new(hour as i8, minute as i8, second as i8, nanos as i32)
        .map_err(|e| format!("`{whole}` is not a valid time: {e}"))?;
    Ok((time, &s[end..]))
}

/// Reads what may follow a time: nothing (local), `Z`/` UTC`, or `±HH:MM`/`±HHMM`/`±HH`.
fn scan_offset(suffix: &str, whole: &str) -> Result<Option<Offset>, String> {
    let unexpected = || {
        format!(
            "`{whole}` has unexpected text after the time: `{}`; expected {WHEN_FORMS}",
            suffix.trim()
        )
    };
    let s = suffix.strip_prefix(' ').unwrap_or(suffix);
    if suffix.is_empty() {
        return Ok(None);
    }
    if s == "Z" || s == "z" || s.eq_ignore_ascii_case("utc") {
        return Ok(Some(Offset::UTC));
    }
    let (sign, digits) = match s.as_bytes().first() {
        Some(b'+') => (1, &s[1..]),
        Some(b'-') => (-1, &s[1..]),
        _ => return Err(unexpected()),
    };
    let all_digits = |t: &str| t.bytes().all(|b| b.is_ascii_digit());
    let (hours, minutes) = match digits.len() {
        2 if all_digits(digits) => (number(digits), 0),
        4 if all_digits(digits) => (number(&digits[..2]), number(&digits[2..])),
        5 if digits.as_bytes()[2] == b':'
            && all_digits(&digits[..2])
            && all_digits(&digits[3..]) =>
        {
            (number(&digits[..2]), number(&digits[3..]))
        }
        _ => return Err(unexpected()),
    };
    if hours > 23 || minutes > 59 {
        return Err(format!(
            "`{whole}` has an impossible offset `{s}`: offsets go from -23:59 to +23:59"
        ));
    }
    let seconds = sign * (hours * 3600 + minutes * 60) as i32;
    Offset::from_seconds(seconds)
        .map(Some)
        .map_err(|e| format!("`{whole}`: {e}"))
}
