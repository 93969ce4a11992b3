//! Times as pages show them ([`Moment`]), made without a format string: an incident page shows a
//! dozen, most of them on the same day.

use jiff::ZonedDateTime;
use jiff::civil::Date;
use serde::Serialize;

use crate::render::i18n::Strings;
use crate::util::time::When;

/// A time, formatted for the page's language and the incident's zone.
#[derive(Clone, Debug, Serialize)]
pub struct Moment {
    /// Machine-readable (`<time datetime>`).
    pub iso: String,
    /// The day.
    pub date: String,
    /// `HH:MM`, or none for a day.
    pub time: Option<String>,
    /// Zone abbreviation, or none for a day.
    pub zone: Option<String>,
    /// Everything together.
    pub display: String,
}

impl Moment {
    /// Formats `when` (already in its incident's zone).
    pub fn of(when: &When, t: &Strings) -> Moment {
        Moments::new(t).of(when)
    }

    /// Formats a day.
    pub fn day(day: Date, t: &Strings) -> Moment {
        Moments::new(t).day(day)
    }
}

/// Makes the [`Moment`]s of one page in one language, remembering the last day it wrote out: the
/// times of a timeline are mostly on one day, and a day in words costs more than the rest.
pub struct Moments<'t> {
    t: &'t Strings,
    last_day: Option<(Date, String)>,
}

impl<'t> Moments<'t> {
    /// A maker for the language `t`.
    pub fn new(t: &'t Strings) -> Moments<'t> {
        Moments { t, last_day: None }
    }

    /// `day` in words ([`Strings::date`]).
    fn date(&mut self, day: Date) -> String {
        match &self.last_day {
            Some((last, text)) if *last == day => text.clone(),
            _ => {
                let text = self.t.date(day);
                self.last_day = Some((day, text.clone()));
                text
            }
        }
    }

    /// Formats `when` (already in its incident's zone), as [`Moment::of`].
    pub fn of(&mut self, when: &When) -> Moment {
        match when {
            When::Day(day) => self.day(*day),
            When::Year(_) | When::Month(_) => {
                let date = when.date();
                let display = match when {
                    When::Month(_) => self.t.month(date.year().into(), date.month().into()),
                    _ => date.year().to_string(),
                };
                Moment {
                    iso: when.iso(),
                    date: display.clone(),
                    time: None,
                    zone: None,
                    display,
                }
            }
            When::At(zoned) => {
                let mut time = String::with_capacity(5);
                push2(&mut time, zoned.hour());
                time.push(':');
                push2(&mut time, zoned.minute());
                let zone = zone_abbreviation(zoned);
                let date = self.date(zoned.date());
                let mut display = self.t.datetime_of(&date, &time);
                display.push(' ');
                display.push_str(&zone);
                Moment {
                    iso: instant_iso(zoned).unwrap_or_else(|| when.iso()),
                    date,
                    time: Some(time),
                    zone: Some(zone),
                    display,
                }
            }
        }
    }

    /// Formats a day, as [`Moment::day`].
    pub fn day(&mut self, day: Date) -> Moment {
        let date = self.date(day);
        Moment {
            iso: day_iso(day).unwrap_or_else(|| day.to_string()),
            date: date.clone(),
            time: None,
            zone: None,
            display: date,
        }
    }
}

/// Whether `a` and `b` are shown alike: the same day, month or year, or the same instant in the
/// same zone (instants compare equal in any zone).
pub fn shown_alike(a: &When, b: &When) -> bool {
    match (a, b) {
        (When::At(a), When::At(b)) => {
            a.timestamp() == b.timestamp() && a.time_zone() == b.time_zone()
        }
        _ => a == b,
    }
}

/// `n` (0–99) in two digits.
fn push2(out: &mut String, n: i8) {
    let n = n.unsigned_abs();
    out.push(char::from(b'0' + n / 10 % 10));
    out.push(char::from(b'0' + n % 10));
}

/// `day` as `YYYY-MM-DD` when its year has four digits (as its `Display` writes it); none for
/// the years `Display` writes with a sign.
fn day_iso(day: Date) -> Option<String> {
    let year = day.year();
    if !(0..=9999).contains(&year) {
        return None;
    }
    let mut out = String::with_capacity(25);
    let year = year.unsigned_abs();
    for digit in [year / 1000, year / 100 % 10, year / 10 % 10, year % 10] {
        out.push(char::from(b'0' + u8::try_from(digit).unwrap_or(0)));
    }
    out.push('-');
    push2(&mut out, day.month());
    out.push('-');
    push2(&mut out, day.day());
    Some(out)
}

/// `zoned` as [`When::iso`] writes an instant (`2024-11-07T08:00:00+01:00`); none where that
/// would not be plain digits: a year without four digits, an offset with seconds.
fn instant_iso(zoned: &ZonedDateTime) -> Option<String> {
    let offset = zoned.offset().seconds();
    if offset % 60 != 0 {
        return None;
    }
    let mut out = day_iso(zoned.date())?;
    out.push('T');
    push2(&mut out, zoned.hour());
    out.push(':');
    push2(&mut out, zoned.minute());
    out.push(':');
    push2(&mut out, zoned.second());
    out.push(if offset < 0 { '-' } else { '+' });
    let minutes = offset.unsigned_abs() / 60;
    push2(&mut out, i8::try_from(minutes / 60).ok()?);
    out.push(':');
    push2(&mut out, i8::try_from(minutes % 60).ok()?);
    Some(out)
}

/// The abbreviation of `zoned`'s zone at its instant (`CEST`), as `strftime("%Z")` writes it (in
/// upper case), without parsing a format for every time of every page.
fn zone_abbreviation(zoned: &ZonedDateTime) -> String {
    zoned
        .time_zone()
        .to_offset_info(zoned.timestamp())
        .abbreviation()
        .to_ascii_uppercase()
}

#[cfg(test)]
mod tests;
