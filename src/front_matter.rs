//! Front matter: splitting it from the body and reading its keys into typed, spanned fields.
//!
//! TOML (`+++`) and YAML (`---`) are parsed into one spanned tree ([`crate::value`]) and read here by
//! one reader, so both styles accept the same keys and report the same errors at the same places.

use std::ops::Range;

use crate::action::{ActionKind, ActionStatus, Priority};
use crate::diagnostic::Problem;
use crate::value::{Key, Node, NodeKind};
use crate::vocabulary::closest;

/// A value and the byte range of the file it was written at.
#[derive(Clone, Debug, PartialEq)]
pub struct At<T> {
    /// The value.
    pub value: T,
    /// Where it was written.
    pub span: Range<usize>,
}

/// A file cut into its front matter and its body.
#[derive(Clone, Debug, PartialEq)]
pub struct Split<'a> {
    /// The front matter's text and its byte offset in the file, if there is any.
    pub front: Option<(FrontFormat, &'a str, usize)>,
    /// The markdown body.
    pub body: &'a str,
    /// The body's byte offset in the file.
    pub body_offset: usize,
}

/// The syntax of the front matter.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FrontFormat {
    /// Between `+++` lines.
    Toml,
    /// Between `---` lines.
    Yaml,
}

/// Cuts `text` into front matter and body; an opening fence without a closing one is an error.
pub fn split(text: &str) -> Result<Split<'_>, Problem> {
    let bom = if text.starts_with('\u{feff}') { 3 } else { 0 };
    let rest = &text[bom..];
    let first_line = rest.lines().next().unwrap_or("");
    let (format, fence) = match first_line.trim_end() {
        "+++" => (FrontFormat::Toml, "+++"),
        "---" => (FrontFormat::Yaml, "---"),
        _ => {
            return Ok(Split {
                front: None,
                body: rest,
                body_offset: bom,
            });
        }
    };
    let start =
        bom + first_line.len() + usize::from(rest[first_line.len()..].starts_with("\r\n")) + 1;
    let start = start.min(text.len());
    let mut offset = start;
    for line in text[start..].split_inclusive('\n') {
        if line.trim_end() == fence {
            let body_offset = offset + line.len();
            return Ok(Split {
                front: Some((format, &text[start..offset], start)),
                body: &text[body_offset..],
                body_offset,
            });
        }
        offset += line.len();
    }
    Err(Problem::error(
        bom..bom + fence.len(),
        "the front matter opened here is never closed",
    )
    .with_help(format!(
        "end the front matter with a line holding only `{fence}`"
    )))
}

/// Times the incident's phases started, as written (parsed later in the incident's zone).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RawTimes {
    /// When the impact began.
    pub started: Option<At<String>>,
    /// When someone noticed.
    pub detected: Option<At<String>>,
    /// When a responder took it on.
    pub acknowledged: Option<At<String>>,
    /// When the impact stopped.
    pub mitigated: Option<At<String>>,
    /// When it was fully resolved.
    pub resolved: Option<At<String>>,
}

/// A `[[timeline]]` entry as written.
#[derive(Clone, Debug, PartialEq)]
pub struct RawEntry {
    /// When.
    pub at: At<String>,
    /// What happened (markdown).
    pub text: String,
    /// An optional category.
    pub kind: Option<String>,
}

/// An `[[actions]]` entry as written.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RawAction {
    /// The whole entry's place.
    pub span: Range<usize>,
    /// What is to be done.
    pub title: Option<At<String>>,
    /// An explicit id.
    pub id: Option<At<String>>,
    /// Where it stands.
    pub status: Option<ActionStatus>,
    /// Who owns it.
    pub owner: Option<String>,
    /// When it is due, as written.
    pub due: Option<At<String>>,
    /// How urgent.
    pub priority: Option<Priority>,
    /// What it does.
    pub kind: Option<ActionKind>,
    /// A URL or key.
    pub ticket: Option<String>,
    /// When it was finished, as written.
    pub completed: Option<At<String>>,
}

/// Every front-matter key of SCHEMA.md, read and type-checked but not yet interpreted.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FrontMatter {
    /// `title`.
    pub title: Option<At<String>>,
    /// `id`.
    pub id: Option<At<String>>,
    /// `slug`.
    pub slug: Option<At<String>>,
    /// `date`.
    pub date: Option<At<String>>,
    /// `updated`.
    pub updated: Option<At<String>>,
    /// `status` (`draft`, `review`, `published`).
    pub status: Option<At<String>>,
    /// `visibility` (`public`, `internal`).
    pub visibility: Option<At<String>>,
    /// `severity`, a key of the site scale.
    pub severity: Option<At<String>>,
    /// `lang`.
    pub lang: Option<At<String>>,
    /// `timezone`.
    pub timezone: Option<At<String>>,
    /// Markdown text fields, by key (`summary`, `impact`, `root_cause`, …).
    pub texts: Vec<(&'static str, At<String>)>,
    /// `services`.
    pub services: Option<Vec<At<String>>>,
    /// `tags`.
    pub tags: Option<Vec<At<String>>>,
    /// `contributing_factors`.
    pub contributing_factors: Option<Vec<At<String>>>,
    /// `lessons`.
    pub lessons: Option<Vec<At<String>>>,
    /// `related`.
    pub related: Option<Vec<At<String>>>,
    /// `[times]`.
    pub times: RawTimes,
    /// `[[timeline]]`.
    pub timeline: Option<Vec<RawEntry>>,
    /// `[[actions]]`.
    pub actions: Option<Vec<RawAction>>,
}

/// The markdown text keys.
pub const TEXT_KEYS: &[&str] = &[
    "summary",
    "impact",
    "root_cause",
    "trigger",
    "detection",
    "resolution",
];

const KEYS: &[&str] = &[
    "title",
    "id",
    "slug",
    "date",
    "updated",
    "status",
    "visibility",
    "severity",
    "lang",
    "timezone",
    "summary",
    "impact",
    "root_cause",
    "trigger",
    "detection",
    "resolution",
    "services",
    "tags",
    "contributing_factors",
    "lessons",
    "related",
    "times",
    "timeline",
    "actions",
];
const TIME_KEYS: &[&str] = &[
    "started",
    "detected",
    "acknowledged",
    "mitigated",
    "resolved",
];
const ENTRY_KEYS: &[&str] = &["at", "text", "kind"];
const ACTION_KEYS: &[&str] = &[
    "title",
    "id",
    "status",
    "owner",
    "due",
    "priority",
    "kind",
    "ticket",
    "completed",
];

/// Reads the front matter's text (at `offset` in its file) into [`FrontMatter`], collecting problems.
///
/// `None` when the text is not valid TOML or YAML at all: nothing in it can be trusted then.
pub fn read(format: FrontFormat, text: &str, offset: usize) -> (Option<FrontMatter>, Vec<Problem>) {
    let parsed = match format {
        FrontFormat::Toml => crate::value::parse_toml(text),
        FrontFormat::Yaml => crate::value::parse_yaml(text),
    };
    let mut reader = Reader {
        offset,
        format,
        problems: Vec::new(),
    };
    match parsed {
        Ok(node) => {
            let front = reader.front_matter(&node);
            (Some(front), reader.problems)
        }
        Err(problem) => (None, vec![problem.shifted(offset)]),
    }
}

struct Reader {
    offset: usize,
    format: FrontFormat,
    problems: Vec<Problem>,
}

impl Reader {
    fn span(&self, span: &Range<usize>) -> Range<usize> {
        span.start + self.offset..span.end + self.offset
    }

    fn error(&mut self, span: &Range<usize>, message: String, help: Option<String>) {
        let mut problem = Problem::error(self.span(span), message);
        problem.help = help;
        self.problems.push(problem);
    }

    /// The entries of a table, with unknown keys reported against `known`.
    fn entries<'n>(
        &mut self,
        node: &'n Node,
        what: &str,
        known: &[&str],
    ) -> Vec<(&'n Key, &'n Node)> {
        let NodeKind::Table(entries) = &node.kind else {
            let found = node.kind.type_name();
            self.error(
                &node.span,
                format!("{what} must be a table, found {found}"),
                None,
            );
            return Vec::new();
        };
        let mut out = Vec::new();
        for (key, value) in entries {
            if known.contains(&key.name.as_str()) {
                out.push((key, value));
                continue;
            }
            let help = match closest(&key.name, known) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("known keys: {}", known.join(", ")),
            };
            self.error(
                &key.span,
                format!("unknown key `{}` in {what}", key.name),
                Some(help),
            );
        }
        out
    }

    fn string(&mut self, key: &str, node: &Node) -> Option<At<String>> {
        match &node.kind {
            NodeKind::Str(s) => Some(At {
                value: s.clone(),
                span: self.span(&node.span),
            }),
            NodeKind::Null => None,
            other => {
                let found = other.type_name();
                self.error(
                    &node.span,
                    format!("`{key}` must be a string, found {found}"),
                    None,
                );
                None
            }
        }
    }

    /// A date or datetime: a TOML datetime or a string (parsed later, in the incident's zone).
    fn time(&mut self, key: &str, node: &Node) -> Option<At<String>> {
        match &node.kind {
            NodeKind::Datetime(s) | NodeKind::Str(s) => Some(At {
                value: s.clone(),
                span: self.span(&node.span),
            }),
            NodeKind::Null => None,
            other => {
                let found = other.type_name();
                let help = Some(
                    "for example `2024-11-07T08:00:00+01:00`, `2024-11-07 08:00` or `2024-11-07`"
                        .into(),
                );
                self.error(
                    &node.span,
                    format!("`{key}` must be a date or datetime, found {found}"),
                    help,
                );
                None
            }
        }
    }

    fn strings(&mut self, key: &str, node: &Node) -> Option<Vec<At<String>>> {
        let NodeKind::Array(items) = &node.kind else {
            let found = node.kind.type_name();
            let help = Some(match self.format {
                FrontFormat::Toml => format!("write a list: `{key} = [\"first\", \"second\"]`"),
                FrontFormat::Yaml => format!("write a list: `{key}: [\"first\", \"second\"]`"),
            });
            self.error(
                &node.span,
                format!("`{key}` must be a list of strings, found {found}"),
                help,
            );
            return None;
        };
        Some(
            items
                .iter()
                .filter_map(|item| self.string(key, item))
                .collect(),
        )
    }

    fn word<T>(
        &mut self,
        key: &str,
        node: &Node,
        parse: fn(&str) -> Option<T>,
        words: &[&str],
    ) -> Option<T> {
        let at = self.string(key, node)?;
        let value = parse(&at.value);
        if value.is_none() {
            let valid = words
                .iter()
                .map(|w| format!("`{w}`"))
                .collect::<Vec<_>>()
                .join(", ");
            let help = match closest(&at.value, words) {
                Some(near) => format!("did you mean `{near}`? valid values: {valid}"),
                None => format!("valid values: {valid}"),
            };
            self.problems.push(
                Problem::error(at.span, format!("unknown {key} `{}`", at.value)).with_help(help),
            );
        }
        value
    }

    fn front_matter(&mut self, node: &Node) -> FrontMatter {
        let mut front = FrontMatter::default();
        for (key, value) in self.entries(node, "front matter", KEYS) {
            let name = key.name.as_str();
            match name {
                "title" => front.title = self.string(name, value),
                "id" => front.id = self.string(name, value),
                "slug" => front.slug = self.string(name, value),
                "date" => front.date = self.time(name, value),
                "updated" => front.updated = self.time(name, value),
                "status" => front.status = self.string(name, value),
                "visibility" => front.visibility = self.string(name, value),
                "severity" => front.severity = self.string(name, value),
                "lang" => front.lang = self.string(name, value),
                "timezone" => front.timezone = self.string(name, value),
                "services" => front.services = self.strings(name, value),
                "tags" => front.tags = self.strings(name, value),
                "contributing_factors" => front.contributing_factors = self.strings(name, value),
                "lessons" => front.lessons = self.strings(name, value),
                "related" => front.related = self.strings(name, value),
                "times" => front.times = self.times(value),
                "timeline" => front.timeline = self.list(name, value, Self::entry),
                "actions" => front.actions = self.list(name, value, Self::action),
                _ => {
                    if let Some(key) = TEXT_KEYS.iter().find(|k| **k == name)
                        && let Some(text) = self.string(name, value)
                    {
                        front.texts.push((key, text));
                    }
                }
            }
        }
        front
    }

    fn times(&mut self, node: &Node) -> RawTimes {
        let mut times = RawTimes::default();
        for (key, value) in self.entries(node, "[times]", TIME_KEYS) {
            let at = self.time(&key.name, value);
            match key.name.as_str() {
                "started" => times.started = at,
                "detected" => times.detected = at,
                "acknowledged" => times.acknowledged = at,
                "mitigated" => times.mitigated = at,
                _ => times.resolved = at,
            }
        }
        times
    }

    fn list<T>(
        &mut self,
        key: &str,
        node: &Node,
        item: fn(&mut Self, &Node) -> Option<T>,
    ) -> Option<Vec<T>> {
        let NodeKind::Array(items) = &node.kind else {
            let found = node.kind.type_name();
            self.error(
                &node.span,
                format!("`{key}` must be a list of tables, found {found}"),
                None,
            );
            return None;
        };
        Some(items.iter().filter_map(|node| item(self, node)).collect())
    }

    fn entry(&mut self, node: &Node) -> Option<RawEntry> {
        let (mut at, mut text, mut kind) = (None, None, None);
        for (key, value) in self.entries(node, "a timeline entry", ENTRY_KEYS) {
            match key.name.as_str() {
                "at" => at = self.time("at", value),
                "text" => text = self.string("text", value),
                _ => kind = self.string("kind", value),
            }
        }
        let help = Some("a timeline entry needs `at` and `text`".to_string());
        let Some(at) = at else {
            self.error(&node.span, "timeline entry without `at`".into(), help);
            return None;
        };
        let Some(text) = text else {
            self.error(&node.span, "timeline entry without `text`".into(), help);
            return None;
        };
        Some(RawEntry {
            at,
            text: text.value,
            kind: kind.map(|k| k.value),
        })
    }

    fn action(&mut self, node: &Node) -> Option<RawAction> {
        let mut action = RawAction {
            span: self.span(&node.span),
            ..RawAction::default()
        };
        for (key, value) in self.entries(node, "an action", ACTION_KEYS) {
            let name = key.name.as_str();
            match name {
                "title" => action.title = self.string(name, value),
                "id" => action.id = self.string(name, value),
                "status" => {
                    action.status =
                        self.word(name, value, ActionStatus::parse, &ActionStatus::words())
                }
                "owner" => action.owner = self.string(name, value).map(|a| a.value),
                "due" => action.due = self.time(name, value),
                "priority" => {
                    action.priority = self.word(name, value, Priority::parse, &Priority::words())
                }
                "kind" => {
                    action.kind = self.word(name, value, ActionKind::parse, &ActionKind::words())
                }
                "ticket" => action.ticket = self.string(name, value).map(|a| a.value),
                _ => action.completed = self.time(name, value),
            }
        }
        if action.title.is_none() {
            let help = Some("every action needs a `title`: what is to be done".into());
            self.error(&node.span, "action without a `title`".into(), help);
        }
        Some(action)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn split_finds_both_fences_and_offsets() {
        let text = "+++\ntitle = \"A\"\n+++\n# Body\n";
        let split = super::split(text).unwrap();
        let (format, front, offset) = split.front.unwrap();
        assert_eq!(
            (format, front, offset),
            (FrontFormat::Toml, "title = \"A\"\n", 4)
        );
        assert_eq!(split.body, "# Body\n");
        let yaml = super::split("---\ntitle: A\n---\n").unwrap();
        assert_eq!(yaml.front.unwrap().0, FrontFormat::Yaml);
        assert!(super::split("+++\ntitle = \"A\"\n").is_err());
        assert!(super::split("# no front matter\n").unwrap().front.is_none());
    }

    #[test]
    fn unknown_keys_suggest_the_closest() {
        let (_, problems) = read(FrontFormat::Toml, "sevrity = \"sev1\"\n", 4);
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].span, 4..11);
        assert_eq!(
            problems[0].help.as_deref(),
            Some("did you mean `severity`?")
        );
    }

    #[test]
    fn wrong_types_and_bad_words_are_reported_in_both_syntaxes() {
        let toml = "services = \"mail\"\n[[actions]]\ntitle = \"x\"\nstatus = \"finished\"\n";
        let yaml = "services: mail\nactions:\n  - title: x\n    status: finished\n";
        for (format, text) in [(FrontFormat::Toml, toml), (FrontFormat::Yaml, yaml)] {
            let (front, problems) = read(format, text, 0);
            let front = front.expect("valid syntax");
            let messages: Vec<_> = problems.iter().map(|p| p.message.as_str()).collect();
            assert!(
                messages.contains(&"`services` must be a list of strings, found a string"),
                "{messages:?}"
            );
            assert!(
                messages.contains(&"unknown status `finished`"),
                "{messages:?}"
            );
            assert_eq!(front.actions.map(|a| a.len()), Some(1));
        }
    }
}
