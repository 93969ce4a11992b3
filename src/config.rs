//! The site configuration, `debrief.toml`, with defaults for every key but `title`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use jiff::tz::TimeZone;
use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Level, Problem};
use crate::model::action::ActionStatus;
pub mod aliases;
pub mod front_matter;

pub use aliases::Aliases;
pub use front_matter::{ChecksConfig, FrontMatterConfig, UnknownKeys};

/// The config file's name, at the site root.
pub const FILE_NAME: &str = "debrief.toml";

/// One level of the severity scale.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SeverityLevel {
    /// What front matter writes (`sev1`).
    pub key: String,
    /// What pages show (`Critical`).
    pub label: String,
}

/// `[severity]`: the ordered scale, most severe first.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SeverityScale {
    /// The levels, most severe first.
    pub levels: Vec<SeverityLevel>,
}

impl Default for SeverityScale {
    fn default() -> Self {
        let level = |key: &str, label: &str| SeverityLevel {
            key: key.into(),
            label: label.into(),
        };
        Self {
            levels: vec![
                level("sev1", "Critical"),
                level("sev2", "Major"),
                level("sev3", "Minor"),
                level("sev4", "Low"),
            ],
        }
    }
}

impl SeverityScale {
    /// The 1-based rank of `key` on the scale.
    pub fn rank(&self, key: &str) -> Option<usize> {
        self.levels.iter().position(|l| l.key == key).map(|i| i + 1)
    }

    /// The valid keys, for error messages.
    pub fn expected(&self) -> String {
        self.levels
            .iter()
            .map(|l| format!("`{}`", l.key))
            .collect::<Vec<_>>()
            .join(", ")
    }
}

/// `[actions]`: ticket links and the rules `check` enforces.
#[derive(Clone, Debug, Default, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct ActionsConfig {
    /// A URL with `{key}`, turning ticket keys into links.
    pub ticket_url: Option<String>,
    /// An open action without an owner is an error (`true`), nothing (`false`), or, when not
    /// set, a warning.
    pub require_owner: Option<bool>,
    /// An open action without a due date is an error.
    #[serde(default)]
    pub require_due: bool,
    /// An action still open this many days after its incident was resolved is flagged.
    pub max_open_days: Option<u32>,
    /// The status of an Action items list item with no task box and no status word, as written
    /// (checked by [`Config::parse`]): `open`, `done` or `unknown`. Read with
    /// [`ActionsConfig::default_status`].
    pub default_status: Option<String>,
}

/// The statuses `[actions] default_status` may give.
const DEFAULT_STATUSES: [ActionStatus; 3] = [
    ActionStatus::Open,
    ActionStatus::Done,
    ActionStatus::Unknown,
];

impl ActionsConfig {
    /// The status of a list item that gives none: `default_status`, else `open`.
    pub fn default_status(&self) -> ActionStatus {
        self.default_status
            .as_deref()
            .and_then(ActionStatus::parse)
            .filter(|status| DEFAULT_STATUSES.contains(status))
            .unwrap_or(ActionStatus::Open)
    }
}

/// `[markdown]`: how bodies are rendered.
#[derive(Clone, Debug, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct MarkdownConfig {
    /// Whether raw HTML in markdown passes through (writers are trusted by default).
    #[serde(default = "yes")]
    pub raw_html: bool,
}

impl Default for MarkdownConfig {
    fn default() -> Self {
        Self { raw_html: true }
    }
}

fn yes() -> bool {
    true
}

/// `debrief.toml` as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    #[serde(default)]
    base_url: String,
    #[serde(default = "default_language")]
    language: String,
    #[serde(default = "default_timezone")]
    timezone: toml::Spanned<String>,
    #[serde(default = "default_theme")]
    theme: String,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    severity: SeverityScale,
    #[serde(default)]
    actions: ActionsConfig,
    #[serde(default)]
    sections: BTreeMap<String, Vec<String>>,
    #[serde(default)]
    markdown: MarkdownConfig,
    #[serde(default)]
    front_matter: FrontMatterConfig,
    #[serde(default)]
    checks: ChecksConfig,
}

fn default_language() -> String {
    "en".into()
}
fn default_timezone() -> toml::Spanned<String> {
    toml::Spanned::new(0..0, "UTC".into())
}
fn default_theme() -> String {
    "default".into()
}

/// The loaded, checked site configuration.
#[derive(Clone, Debug)]
pub struct Config {
    /// The site root (where `debrief.toml` is).
    pub root: PathBuf,
    /// The site's title.
    pub title: String,
    /// The public URL, without a trailing slash (may be empty).
    pub base_url: String,
    /// The default language of incidents and of the UI.
    pub language: String,
    /// The default IANA zone name.
    pub timezone: String,
    /// The default zone.
    pub tz: TimeZone,
    /// The theme's name.
    pub theme: String,
    /// Globs under `content/` that are not post-mortems.
    pub ignore: Vec<String>,
    /// The severity scale.
    pub severity: SeverityScale,
    /// Action tracking settings.
    pub actions: ActionsConfig,
    /// Section heading aliases, built in plus the site's.
    pub aliases: Aliases,
    /// Markdown settings.
    pub markdown: MarkdownConfig,
    /// How front matter written for another tool is read.
    pub front_matter: FrontMatterConfig,
    /// Which writing checks run.
    pub checks: ChecksConfig,
}

impl Config {
    /// Reads `debrief.toml` under `root`; every problem is returned as a diagnostic.
    pub fn load(root: &Path) -> Result<Config, Vec<Diagnostic>> {
        let path = root.join(FILE_NAME);
        let shown = Path::new(FILE_NAME);
        let text = std::fs::read_to_string(&path).map_err(|e| {
            let d = Diagnostic::whole_file(
                Level::Error,
                shown,
                format!("cannot read the site config: {e}"),
            );
            vec![d.with_help(
                "run `debrief init` to make a new site, or run debrief in a site's folder",
            )]
        })?;
        Self::parse(root, &text).map_err(|problems| {
            problems
                .into_iter()
                .map(|p| Diagnostic::locate(shown, &text, p))
                .collect()
        })
    }

    /// Checks the text of a `debrief.toml`.
    pub fn parse(root: &Path, text: &str) -> Result<Config, Vec<Problem>> {
        let raw: RawConfig = toml::from_str(text).map_err(|e| {
            let span = e.span().unwrap_or(0..0);
            vec![Problem::error(
                span,
                format!("invalid {FILE_NAME}: {}", e.message().trim()),
            )]
        })?;
        let mut problems = Vec::new();
        // Headers and keys are unique in a TOML file, so their first occurrence is their place.
        let span_of = |needle: &str| text.find(needle).map_or(0..0, |i| i..i + needle.len());
        let timezone = raw.timezone.get_ref().clone();
        let tz = crate::util::time::zone(&timezone).unwrap_or_else(|e| {
            problems.push(
                Problem::error(
                    raw.timezone.span(),
                    format!("unknown timezone `{timezone}`"),
                )
                .with_help(e),
            );
            TimeZone::UTC
        });
        let aliases = Aliases::new(&raw.sections).unwrap_or_else(|e| {
            problems.push(Problem::error(span_of("[sections]"), e));
            Aliases::new(&BTreeMap::new()).unwrap_or_else(|_| unreachable!("no extra aliases"))
        });
        if raw.severity.levels.is_empty() {
            problems.push(
                Problem::error(span_of("levels"), "the severity scale is empty").with_help(
                    "list at least one level: `{ key = \"sev1\", label = \"Critical\" }`",
                ),
            );
        }
        if let Some(url) = &raw.actions.ticket_url
            && !url.contains("{key}")
        {
            problems.push(
                Problem::error(
                    value_span(text, "ticket_url", url),
                    "`ticket_url` has no `{key}` placeholder",
                )
                .with_help("for example `https://tracker.example/browse/{key}`"),
            );
        }
        if let Some(status) = &raw.actions.default_status
            && !ActionStatus::parse(status).is_some_and(|s| DEFAULT_STATUSES.contains(&s))
        {
            problems.push(
                Problem::error(
                    value_span(text, "default_status", status),
                    format!("unknown `default_status` `{status}`"),
                )
                .with_help("write `open` (the default), `done` or `unknown`"),
            );
        }
        // A rename's target is found after the `[front_matter.rename]` header, where it is written.
        let renames = text.find("[front_matter.rename]").unwrap_or(0);
        problems.extend(raw.front_matter.problems(|needle| {
            text[renames..]
                .find(needle)
                .map_or(0..0, |i| renames + i..renames + i + needle.len())
        }));
        if !problems.is_empty() {
            return Err(problems);
        }
        Ok(Config {
            root: root.to_path_buf(),
            title: raw.title,
            base_url: raw.base_url.trim_end_matches('/').to_string(),
            language: raw.language,
            timezone,
            tz,
            theme: raw.theme,
            ignore: raw.ignore,
            severity: raw.severity,
            actions: raw.actions,
            aliases,
            markdown: raw.markdown,
            front_matter: raw.front_matter,
            checks: raw.checks,
        })
    }

    /// The content folder.
    pub fn content_dir(&self) -> PathBuf {
        self.root.join("content")
    }
}

/// Where the string value of `key` is written (its first occurrence after the key), else the key.
fn value_span(text: &str, key: &str, value: &str) -> std::ops::Range<usize> {
    let Some(at) = text.find(key) else {
        return 0..0;
    };
    text[at..]
        .find(value)
        .map_or(at..at + key.len(), |i| at + i..at + i + value.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_title_is_required() {
        let config = Config::parse(Path::new("."), "title = \"Archive\"\n").unwrap();
        assert_eq!(config.language, "en");
        assert_eq!(config.severity.rank("sev3"), Some(3));
        assert!(config.markdown.raw_html);
        let problems = Config::parse(Path::new("."), "language = \"nb\"\n").unwrap_err();
        assert!(problems[0].message.contains("title"), "{problems:?}");
    }

    #[test]
    fn unknown_keys_and_zones_are_errors() {
        let problems =
            Config::parse(Path::new("."), "title = \"A\"\ntimezon = \"UTC\"\n").unwrap_err();
        assert!(problems[0].message.contains("timezon"), "{problems:?}");
        let text = "title = \"Europe/Osl status\"\ntimezone = \"Europe/Osl\"\n";
        let problems = Config::parse(Path::new("."), text).unwrap_err();
        assert_eq!(&text[problems[0].span.clone()], "\"Europe/Osl\"");
        assert!(
            problems[0].span.start > text.find('\n').unwrap(),
            "on the timezone line"
        );
        assert!(problems[0].message.contains("Europe/Osl"), "{problems:?}");
    }
}
