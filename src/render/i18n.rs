//! UI strings and date formats per language, from the theme's `i18n/<lang>.toml` (English fills gaps).

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Arc;

use anyhow::{Context, Result};
use jiff::civil::Date;
use minijinja::Value;
use minijinja::value::{Enumerator, Object, ObjectRepr};

use crate::render::theme::Theme;
use crate::search::fasthash::FastMap;

mod pattern;

use pattern::Pattern;

/// The strings of one language, merged over English.
#[derive(Clone, Debug)]
pub struct Strings {
    /// The language code.
    pub lang: String,
    /// Every key, as handed to templates as `t`.
    pub table: toml::Table,
    /// `[dates]` of `table`, read once: every time on every page is formatted with it.
    dates: Dates,
    /// The units of `[durations]`: day, hour and minute, read once (each card and incident page
    /// shows a few durations).
    units: [String; 3],
}

/// The placeholders of a day's pattern, in the order [`Strings::date`] gives their values.
const DATE_KEYS: [&str; 3] = ["{day}", "{month}", "{year}"];

/// The placeholders of a day and time's pattern.
const DATETIME_KEYS: [&str; 2] = ["{date}", "{time}"];

/// The date patterns and month names of a language's `[dates]` (numbers where it has none).
#[derive(Clone, Debug)]
struct Dates {
    date: Pattern,
    datetime: Pattern,
    months: Vec<Option<String>>,
}

impl Dates {
    fn of(table: &toml::Table) -> Dates {
        let dates = table.get("dates");
        let text = |key: &str| dates.and_then(|d| d.get(key)).and_then(|v| v.as_str());
        let months = dates
            .and_then(|d| d.get("months"))
            .and_then(|m| m.as_array())
            .map(|m| m.iter().map(|m| m.as_str().map(str::to_string)).collect())
            .unwrap_or_default();
        Dates {
            date: Pattern::new(text("date").unwrap_or("{year}-{month}-{day}"), &DATE_KEYS),
            datetime: Pattern::new(text("datetime").unwrap_or("{date} {time}"), &DATETIME_KEYS),
            months,
        }
    }
}

impl Strings {
    /// The strings `table` of the language `lang`.
    pub fn new(lang: &str, table: toml::Table) -> Strings {
        let unit = |key: &str, fallback: &str| {
            table
                .get("durations")
                .and_then(|d| d.get(key))
                .and_then(|v| v.as_str())
                .unwrap_or(fallback)
                .to_string()
        };
        Strings {
            lang: lang.to_string(),
            dates: Dates::of(&table),
            units: [unit("day", "d"), unit("hour", "h"), unit("minute", "min")],
            table,
        }
    }

    fn text(&self, table: &str, key: &str) -> Option<&str> {
        self.table.get(table)?.get(key)?.as_str()
    }

    /// A string of a sub-table (`[action_status] open = "…"`), or `key` itself.
    pub fn label(&self, table: &str, key: &str) -> String {
        self.text(table, key).unwrap_or(key).to_string()
    }

    /// A top-level string (`nav_actions = "…"`), or `key` itself.
    pub fn flat(&self, key: &str) -> String {
        self.table
            .get(key)
            .and_then(|v| v.as_str())
            .unwrap_or(key)
            .to_string()
    }

    /// The label of a severity key, if the theme translates it.
    pub fn severity(&self, key: &str) -> Option<String> {
        self.text("severity", key).map(str::to_string)
    }

    /// A day in this language (`7. november 2024`).
    pub fn date(&self, date: Date) -> String {
        let month = i32::from(date.month());
        let month_name: std::borrow::Cow<str> = self
            .month_name_str(month)
            .map_or_else(|| month.to_string().into(), Into::into);
        self.dates.date.fill(
            &DATE_KEYS,
            &[
                &date.day().to_string(),
                &month_name,
                &date.year().to_string(),
            ],
        )
    }

    fn month_name_str(&self, month: i32) -> Option<&str> {
        self.dates
            .months
            .get(usize::try_from(month - 1).unwrap_or(0))?
            .as_deref()
    }

    /// A month in this language (`november 2024`).
    pub fn month(&self, year: i32, month: i32) -> String {
        match self.month_name_str(month) {
            Some(name) => format!("{name} {year}"),
            None => format!("{month} {year}"),
        }
    }

    /// A day and a clock time in this language (`7. november 2024 kl. 08:00`).
    pub fn datetime(&self, date: Date, time: &str) -> String {
        self.datetime_of(&self.date(date), time)
    }

    /// [`Strings::datetime`] of a day already formatted by [`Strings::date`].
    pub fn datetime_of(&self, date: &str, time: &str) -> String {
        self.dates.datetime.fill(&DATETIME_KEYS, &[date, time])
    }

    /// A span as its two largest units (`4 d 2 h`, `38 min`): the first unit that is not zero
    /// and the next one unless it is zero.
    pub fn duration(&self, span: jiff::SignedDuration) -> String {
        let minutes = (span.as_secs().max(0) + 59) / 60;
        let counts = [minutes / 1440, minutes % 1440 / 60, minutes % 60];
        let mut out = String::with_capacity(16);
        let first = counts.iter().position(|&n| n > 0).unwrap_or(counts.len());
        for (n, unit) in counts.iter().zip(&self.units).skip(first).take(2) {
            if *n > 0 {
                if !out.is_empty() {
                    out.push(' ');
                }
                // Writing into a String cannot fail.
                let _ = write!(out, "{n} {unit}");
            }
        }
        if out.is_empty() {
            out.push_str("0 ");
            out.push_str(&self.units[2]);
        }
        out
    }
}

impl Strings {
    /// The strings as templates see them (`t`): each table a map found by hashing (a fast hash:
    /// the keys are the theme's), since a page looks up a hundred strings in a table of nearly
    /// two hundred.
    pub fn value(&self) -> Value {
        table_value(&self.table)
    }
}

/// A table of UI strings for templates: looked up by hashing, listed in key order (as a map
/// made through serde would be).
#[derive(Debug)]
struct TableValue {
    keys: Vec<Value>,
    by_key: FastMap<String, Value>,
}

fn table_value(table: &toml::Table) -> Value {
    let by_key: FastMap<String, Value> = table
        .iter()
        .map(|(key, value)| {
            let value = match value {
                toml::Value::Table(inner) => table_value(inner),
                other => Value::from(minijinja::value::Serde(other)),
            };
            (key.clone(), value)
        })
        .collect();
    // toml keeps a table's keys in order.
    let keys = table.keys().map(|key| Value::from(key.as_str())).collect();
    Value::from_object(TableValue { keys, by_key })
}

impl Object for TableValue {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Map
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.by_key.get(key.as_str()?).cloned()
    }

    fn get_value_by_str(self: &Arc<Self>, key: &str) -> Option<Value> {
        self.by_key.get(key).cloned()
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Values(self.keys.clone())
    }
}

/// Every language the theme ships, with English as the fallback.
#[derive(Clone, Debug)]
pub struct I18n {
    by_lang: BTreeMap<String, Strings>,
}

impl I18n {
    /// Reads the theme's `i18n/*.toml`.
    pub fn load(theme: &Theme) -> Result<I18n> {
        let parse = |lang: &str, bytes: &[u8]| -> Result<toml::Table> {
            let text = std::str::from_utf8(bytes)
                .with_context(|| format!("i18n/{lang}.toml is not UTF-8"))?;
            toml::from_str(text).with_context(|| format!("invalid theme file i18n/{lang}.toml"))
        };
        let english = match theme.i18n("en") {
            Some(bytes) => parse("en", bytes)?,
            None => toml::Table::new(),
        };
        let mut by_lang = BTreeMap::new();
        for (path, bytes) in &theme.files {
            let Some(lang) = path
                .strip_prefix("i18n/")
                .and_then(|p| p.strip_suffix(".toml"))
            else {
                continue;
            };
            let mut table = english.clone();
            merge(&mut table, parse(lang, bytes)?);
            by_lang.insert(lang.to_string(), Strings::new(lang, table));
        }
        if !by_lang.contains_key("en") {
            by_lang.insert("en".into(), Strings::new("en", english));
        }
        Ok(I18n { by_lang })
    }

    /// Every language, English included.
    pub fn all(&self) -> impl Iterator<Item = &Strings> {
        self.by_lang.values()
    }

    /// The strings for `lang`, else English.
    pub fn get(&self, lang: &str) -> &Strings {
        self.by_lang
            .get(lang)
            .or_else(|| self.by_lang.get("en"))
            .unwrap_or_else(|| unreachable!("English is always present"))
    }
}

fn merge(base: &mut toml::Table, over: toml::Table) {
    for (key, value) in over {
        match (base.get_mut(&key), value) {
            (Some(toml::Value::Table(inner)), toml::Value::Table(over)) => merge(inner, over),
            (_, value) => {
                base.insert(key, value);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(toml_text: &str) -> Strings {
        Strings::new("nb", toml::from_str(toml_text).unwrap())
    }

    #[test]
    fn dates_follow_the_language_pattern() {
        let nb = strings(
            "[dates]\nmonths = [\"januar\",\"februar\",\"mars\",\"april\",\"mai\",\"juni\",\"juli\",\"august\",\"september\",\"oktober\",\"november\",\"desember\"]\ndate = \"{day}. {month} {year}\"\ndatetime = \"{date} kl. {time}\"\n",
        );
        let day = jiff::civil::date(2024, 11, 7);
        assert_eq!(nb.date(day), "7. november 2024");
        assert_eq!(nb.datetime(day, "08:00"), "7. november 2024 kl. 08:00");
    }

    #[test]
    fn dates_without_patterns_or_month_names_fall_back_to_numbers() {
        let bare = strings("");
        let day = jiff::civil::date(2024, 11, 7);
        assert_eq!(bare.date(day), "2024-11-7");
        assert_eq!(bare.datetime(day, "08:00"), "2024-11-7 08:00");
        assert_eq!(bare.month(2024, 11), "11 2024");
        let few = strings("[dates]\nmonths = [\"jan\", 2]\ndate = \"{month} {day}\"\n");
        assert_eq!(few.date(jiff::civil::date(2024, 1, 7)), "jan 7");
        assert_eq!(few.date(jiff::civil::date(2024, 2, 7)), "2 7");
        assert_eq!(few.month(2024, 3), "3 2024");
    }

    #[test]
    fn templates_see_the_strings_as_serde_would_show_them() {
        let nb = strings(
            "b = \"B\"\na = 1\nlist = [\"x\", \"y\"]\n[status]\nz = \"Z\"\ndraft = \"Utkast\"\n[status.deep]\nk = true\n",
        );
        let env = minijinja::Environment::new();
        let page = "{{ t|tojson }}|{% for k, v in t.status|items %}{{ k }}={{ v }};{% endfor %}|\
                    {{ t.b }}{{ t['a'] }}{{ t.list[1] }}{{ t.status.deep.k }}|{{ t.missing is defined }}|{{ t|length }}";
        let render = |t: Value| env.render_str(page, minijinja::context! { t }).unwrap();
        let expected = render(Value::from(minijinja::value::Serde(&nb.table)));
        assert!(expected.contains("draft=Utkast;"), "{expected}");
        assert_eq!(render(nb.value()), expected);
    }

    #[test]
    fn durations_show_two_units() {
        let nb = strings("[durations]\nday = \"d\"\nhour = \"t\"\nminute = \"min\"\n");
        assert_eq!(
            nb.duration(jiff::SignedDuration::from_mins(5 * 1440 + 60)),
            "5 d 1 t"
        );
        assert_eq!(nb.duration(jiff::SignedDuration::from_mins(38)), "38 min");
        assert_eq!(
            nb.duration(jiff::SignedDuration::from_mins(1440 + 5)),
            "1 d"
        );
        assert_eq!(nb.duration(jiff::SignedDuration::ZERO), "0 min");
        assert_eq!(
            strings("").duration(jiff::SignedDuration::from_mins(61)),
            "1 h 1 min"
        );
    }

    /// [`Strings::duration`] as it was first written: the units looked up for every span, the
    /// parts formatted one by one and joined.
    fn duration_by_parts(t: &Strings, span: jiff::SignedDuration) -> String {
        let minutes = (span.as_secs().max(0) + 59) / 60;
        let (days, hours, mins) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
        let unit = |key: &str, fallback: &'static str| {
            t.text("durations", key).unwrap_or(fallback).to_string()
        };
        let parts = [
            (days, unit("day", "d")),
            (hours, unit("hour", "h")),
            (mins, unit("minute", "min")),
        ];
        let shown: Vec<String> = parts
            .iter()
            .skip_while(|(n, _)| *n == 0)
            .take(2)
            .filter(|(n, _)| *n > 0)
            .map(|(n, u)| format!("{n} {u}"))
            .collect();
        if shown.is_empty() {
            format!("0 {}", unit("minute", "min"))
        } else {
            shown.join(" ")
        }
    }

    #[test]
    fn durations_are_written_as_the_parts_joined_would_write_them() {
        let languages = [
            strings("[durations]\nday = \"dager\"\nhour = \"t\"\nminute = \"m\"\n"),
            strings("[durations]\nhour = 3\n"),
            strings(""),
        ];
        let mut seconds: Vec<i64> = vec![-90, 0, 1, 59, 60, 61, 3599, 3600, 3601, 86_399, 86_400];
        seconds.extend((0..2000).map(|n| n * n * 37 + n * 13));
        for t in &languages {
            for &secs in &seconds {
                let span = jiff::SignedDuration::from_secs(secs);
                assert_eq!(t.duration(span), duration_by_parts(t, span), "{secs} s");
            }
        }
    }
}
