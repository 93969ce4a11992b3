//! `[front_matter]` and `[checks]` of `debrief.toml`: how front matter written for another tool is
//! read (renamed keys, unknown keys kept or refused) and which writing checks run, so an existing
//! archive can be published by configuration alone.

use std::collections::BTreeMap;

use serde::Deserialize;

use crate::diagnostic::Problem;
use crate::model::phase::Phase;

pub use crate::model::keys::KEYS;

/// What happens to a front-matter key debrief does not know.
#[derive(Clone, Copy, Debug, Default, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum UnknownKeys {
    /// An error: nothing builds until the key is fixed, renamed or removed.
    #[default]
    Error,
    /// A warning; the key is kept in the incident's `extra` for templates.
    Warn,
    /// Kept in `extra` without a word.
    Ignore,
}

/// `[front_matter]`: reading front matter written for another tool.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct FrontMatterConfig {
    /// What an unknown key is.
    #[serde(default)]
    pub unknown_keys: UnknownKeys,
    /// Their key → our key, each dotted for nested keys (`start_time = "times.started"`).
    #[serde(default)]
    pub rename: BTreeMap<String, String>,
}

impl FrontMatterConfig {
    /// Problems with the rename table: a target that is not a debrief key, or a source that is not a
    /// key name (each located by `span_of` in the config text).
    pub fn problems(&self, span_of: impl Fn(&str) -> std::ops::Range<usize>) -> Vec<Problem> {
        let mut problems = Vec::new();
        for (from, to) in &self.rename {
            if !is_target(to) {
                let near = crate::util::vocabulary::closest(to, &targets())
                    .map(|k| format!("did you mean `{k}`? "))
                    .unwrap_or_default();
                problems.push(
                    Problem::error(
                        span_of(&format!("\"{to}\"")),
                        format!("`{from}` is renamed to `{to}`, which is not a front-matter key of debrief"),
                    )
                    .with_help(format!(
                        "{near}a target is a front-matter key (`tags`, `services`, …), `times.<phase>` or `extra.<name>`"
                    )),
                );
            }
            if from.is_empty() || from.split('.').any(str::is_empty) {
                problems.push(Problem::error(
                    span_of(&format!("{from} =")),
                    format!("`{from}` is not a key name"),
                ));
            }
        }
        problems
    }
}

/// The keys a rename may land on: every key, each phase of `times`, and any `extra.<name>`.
pub fn targets() -> Vec<&'static str> {
    let mut all: Vec<&'static str> = KEYS.to_vec();
    all.extend(TIMES_TARGETS);
    all
}

const TIMES_TARGETS: &[&str] = &[
    "times.started",
    "times.detected",
    "times.acknowledged",
    "times.mitigated",
    "times.resolved",
];

fn is_target(to: &str) -> bool {
    match to.split_once('.') {
        None => KEYS.contains(&to),
        Some(("times", phase)) => Phase::parse(phase).is_some(),
        Some(("extra", name)) => !name.is_empty() && !name.contains('.'),
        Some(_) => false,
    }
}

/// The usual names other tools and templates give debrief's keys, for "did you mean".
pub const FOREIGN_KEYS: &[(&str, &str)] = &[
    ("start_time", "times.started"),
    ("started_at", "times.started"),
    ("start", "times.started"),
    ("begin", "times.started"),
    ("end_time", "times.resolved"),
    ("ended_at", "times.resolved"),
    ("end", "times.resolved"),
    ("resolved_at", "times.resolved"),
    ("detected_at", "times.detected"),
    ("mitigated_at", "times.mitigated"),
    ("categories", "tags"),
    ("category", "tags"),
    ("keywords", "tags"),
    ("labels", "tags"),
    ("product", "services"),
    ("products", "services"),
    ("component", "services"),
    ("components", "services"),
    ("service", "services"),
    ("systems", "services"),
    ("description", "summary"),
    ("abstract", "summary"),
    ("cause", "root_cause"),
    ("lastmod", "updated"),
    ("last_modified", "updated"),
    ("language", "lang"),
    ("author", "authors"),
    ("authored_by", "authors"),
    ("writer", "authors"),
    ("writers", "authors"),
    ("written_by", "authors"),
];

/// The debrief key a foreign key usually means, if it is one of [`FOREIGN_KEYS`].
pub fn foreign(key: &str) -> Option<&'static str> {
    let key = key.to_lowercase();
    FOREIGN_KEYS
        .iter()
        .find(|(theirs, _)| *theirs == key)
        .map(|(_, ours)| *ours)
}

/// `[checks]`: the writing checks each on (`true`) or off; unset means its default.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ChecksConfig {
    /// A paragraph repeated word for word within one report.
    pub repeated_paragraph: Option<bool>,
    /// Placeholder text (`TBD`, `TODO`, `XX:XX`, …) left in a report.
    pub placeholder: Option<bool>,
    /// A published report without a root cause.
    pub published_without_root_cause: Option<bool>,
    /// A published report without any action.
    pub published_without_actions: Option<bool>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn targets_are_keys_phases_or_extra() {
        for ok in ["tags", "times.started", "extra.company", "services"] {
            assert!(is_target(ok), "{ok}");
        }
        for bad in ["tag", "times.ended", "extra.a.b", "services.x", "extra."] {
            assert!(!is_target(bad), "{bad}");
        }
        let config = FrontMatterConfig {
            rename: BTreeMap::from([("categories".into(), "tag".into())]),
            ..FrontMatterConfig::default()
        };
        let problems = config.problems(|_| 0..0);
        assert_eq!(problems.len(), 1);
        assert!(
            problems[0]
                .help
                .as_deref()
                .unwrap()
                .contains("did you mean `tags`?")
        );
    }

    #[test]
    fn foreign_names_point_at_ours() {
        assert_eq!(foreign("Start_Time"), Some("times.started"));
        assert_eq!(foreign("keywords"), Some("tags"));
        for name in ["author", "Authored_By", "writers"] {
            assert_eq!(foreign(name), Some("authors"), "{name}");
        }
        assert_eq!(foreign("uuid"), None);
    }
}
