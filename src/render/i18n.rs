//! UI strings and date formats per language, from the theme's `i18n/<lang>.toml` (English fills gaps).

use std::collections::BTreeMap;

use anyhow::{Context, Result};
use jiff::civil::Date;

use crate::render::theme::Theme;

/// The strings of one language, merged over English.
#[derive(Clone, Debug)]
pub struct Strings {
    /// The language code.
    pub lang: String,
    /// Every key, as handed to templates as `t`.
    pub table: toml::Table,
}

impl Strings {
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
        self.text("dates", "date")
            .unwrap_or("{year}-{month}-{day}")
            .replace("{day}", &date.day().to_string())
            .replace("{month}", &self.month_name(i32::from(date.month())))
            .replace("{year}", &date.year().to_string())
    }

    fn month_name(&self, month: i32) -> String {
        self.table
            .get("dates")
            .and_then(|d| d.get("months"))
            .and_then(|m| m.as_array())
            .and_then(|m| m.get(usize::try_from(month - 1).unwrap_or(0)))
            .and_then(|m| m.as_str())
            .map_or_else(|| month.to_string(), str::to_string)
    }

    /// A month in this language (`november 2024`).
    pub fn month(&self, year: i32, month: i32) -> String {
        format!("{} {year}", self.month_name(month))
    }

    /// A day and a clock time in this language (`7. november 2024 kl. 08:00`).
    pub fn datetime(&self, date: Date, time: &str) -> String {
        self.text("dates", "datetime")
            .unwrap_or("{date} {time}")
            .replace("{date}", &self.date(date))
            .replace("{time}", time)
    }

    /// A span as its two largest units (`4 d 2 h`, `38 min`).
    pub fn duration(&self, span: jiff::SignedDuration) -> String {
        let minutes = (span.as_secs().max(0) + 59) / 60;
        let (days, hours, mins) = (minutes / 1440, minutes % 1440 / 60, minutes % 60);
        let unit = |key: &str, fallback: &'static str| {
            self.text("durations", key).unwrap_or(fallback).to_string()
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
            by_lang.insert(
                lang.to_string(),
                Strings {
                    lang: lang.to_string(),
                    table,
                },
            );
        }
        if !by_lang.contains_key("en") {
            by_lang.insert(
                "en".into(),
                Strings {
                    lang: "en".into(),
                    table: english,
                },
            );
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
        Strings {
            lang: "nb".into(),
            table: toml::from_str(toml_text).unwrap(),
        }
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
    }
}
