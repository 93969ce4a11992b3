//! The reader that turns a spanned front-matter tree into [`FrontMatter`], key by key, reporting
//! unknown keys (with the closest known one), wrong types and unknown words at their place.

use std::fmt;
use std::ops::Range;

use crate::model::phase::Phase;

use super::{At, FrontFormat, FrontMatter, RawAction, RawEntry, RawTimes, TEXT_KEYS};
use crate::config::front_matter::{FrontMatterConfig, KEYS};
use crate::diagnostic::Problem;
use crate::model::action::{ActionKind, ActionStatus, Priority};
use crate::model::incident::{Status, Visibility};
use crate::parse::value::{Key, Node, NodeKind};
use crate::util::vocabulary::closest;

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

/// How a key is named in messages, written out only when a message needs it (most keys are fine).
#[derive(Clone, Copy)]
pub(super) struct Label<'k, 'c> {
    key: &'k Key,
    config: &'c FrontMatterConfig,
}

impl fmt::Display for Label<'_, '_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.key.written {
            Some(written) => {
                let target = self
                    .config
                    .rename
                    .get(written)
                    .map_or(self.key.name.as_str(), String::as_str);
                write!(f, "`{written}` (read as `{target}`)")
            }
            None => write!(f, "`{}`", self.key.name),
        }
    }
}

pub(super) struct Reader<'c> {
    pub(super) offset: usize,
    pub(super) format: FrontFormat,
    pub(super) config: &'c FrontMatterConfig,
    pub(super) problems: Vec<Problem>,
}

impl<'c> Reader<'c> {
    pub(super) fn span(&self, span: &Range<usize>) -> Range<usize> {
        span.start + self.offset..span.end + self.offset
    }

    pub(super) fn error(&mut self, span: &Range<usize>, message: String, help: Option<String>) {
        let mut problem = Problem::error(self.span(span), message);
        problem.help = help;
        self.problems.push(problem);
    }

    /// `start_time` (read as `times.started`) for a renamed key, else `` `name` ``.
    pub(super) fn label<'k>(&self, key: &'k Key) -> Label<'k, 'c> {
        Label {
            key,
            config: self.config,
        }
    }

    /// The entries of a table, with unknown keys reported against `known`.
    fn entries<'n>(
        &mut self,
        node: &'n Node,
        what: &str,
        known: &[&str],
    ) -> Vec<(&'n Key, &'n Node)> {
        self.entries_keeping(node, what, known, &mut |_, _| false)
    }

    /// [`Self::entries`], offering each unknown key to `keep` first: one it keeps is no error.
    fn entries_keeping<'n>(
        &mut self,
        node: &'n Node,
        what: &str,
        known: &[&str],
        keep: &mut dyn FnMut(&'n Key, &'n Node) -> bool,
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
            if keep(key, value) {
                continue;
            }
            let help = match closest(&key.name, known) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("known keys: {}", known.join(", ")),
            };
            self.error(
                &key.span,
                format!("unknown key {} in {what}", self.label(key)),
                Some(help),
            );
        }
        out
    }

    /// A string; `label` names the key in messages (`` `title` ``).
    fn string(&mut self, label: &dyn fmt::Display, node: &Node) -> Option<At<String>> {
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
                    format!("{label} must be a string, found {found}"),
                    None,
                );
                None
            }
        }
    }

    /// A date or datetime: a TOML datetime or a string (parsed later, in the incident's zone).
    fn time(&mut self, label: &dyn fmt::Display, node: &Node) -> Option<At<String>> {
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
                    format!("{label} must be a date or datetime, found {found}"),
                    help,
                );
                None
            }
        }
    }

    /// A list of strings; a single string is a list of one, and an empty string or null a list of none.
    fn strings(&mut self, key: &Key, node: &Node) -> Option<Vec<At<String>>> {
        let label = self.label(key);
        let items = match &node.kind {
            NodeKind::Array(items) => items,
            NodeKind::Null => return Some(Vec::new()),
            NodeKind::Str(s) if s.trim().is_empty() => return Some(Vec::new()),
            NodeKind::Str(_) => return self.string(&label, node).map(|one| vec![one]),
            other => {
                let found = other.type_name();
                let name = key.written.as_deref().unwrap_or(&key.name);
                let help = Some(match self.format {
                    FrontFormat::Toml => {
                        format!("write a list: `{name} = [\"first\", \"second\"]`")
                    }
                    FrontFormat::Yaml => format!("write a list: `{name}: [first, second]`"),
                });
                self.error(
                    &node.span,
                    format!("{label} must be a list of strings, found {found}"),
                    help,
                );
                return None;
            }
        };
        Some(
            items
                .iter()
                .filter_map(|item| self.string(&label, item))
                .collect(),
        )
    }

    fn word<T>(
        &mut self,
        key: &Key,
        node: &Node,
        parse: fn(&str) -> Option<T>,
        words: &[&str],
    ) -> Option<T> {
        let at = self.string(&self.label(key), node)?;
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
                Problem::error(at.span, format!("unknown {} `{}`", key.name, at.value))
                    .with_help(help),
            );
        }
        value
    }

    pub(super) fn front_matter(&mut self, node: &Node) -> FrontMatter {
        let mut front = FrontMatter::default();
        let mut kept = Vec::new();
        let entries = self.entries_keeping(node, "front matter", KEYS, &mut |key, value| {
            kept.push((key, value));
            true
        });
        self.keep_unknown(kept, &mut front.extra);
        for (key, value) in entries {
            let name = key.name.as_str();
            let label = self.label(key);
            match name {
                "title" => front.title = self.string(&label, value),
                "id" => front.id = self.string(&label, value),
                "slug" => front.slug = self.string(&label, value),
                "date" => front.date = self.time(&label, value),
                "updated" => front.updated = self.time(&label, value),
                "status" => front.status = self.word(key, value, Status::parse, &Status::words()),
                "visibility" => {
                    front.visibility =
                        self.word(key, value, Visibility::parse, &Visibility::words());
                }
                "severity" => front.severity = self.string(&label, value),
                "lang" => front.lang = self.string(&label, value),
                "timezone" => front.timezone = self.string(&label, value),
                "services" => front.services = self.strings(key, value),
                "tags" => front.tags = self.strings(key, value),
                "authors" => front.authors = self.strings(key, value),
                "contributing_factors" => front.contributing_factors = self.strings(key, value),
                "lessons" => front.lessons = self.strings(key, value),
                "related" => front.related = self.strings(key, value),
                "times" => front.times = self.times(value),
                "timeline" => front.timeline = self.list(&label, value, Self::entry),
                "actions" => front.actions = self.list(&label, value, Self::action),
                "extra" => self.extra(&label, value, &mut front.extra),
                _ => {
                    // An empty text is not set: archetypes write `summary = ""`.
                    if let Some(key) = TEXT_KEYS.iter().find(|k| **k == name)
                        && let Some(text) = self.string(&label, value)
                        && !text.value.trim().is_empty()
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
        let what = match self.format {
            FrontFormat::Toml => "[times]",
            FrontFormat::Yaml => "`times`",
        };
        for (key, value) in self.entries(node, what, &Phase::words()) {
            let at = self.time(&self.label(key), value);
            if let (Some(phase), Some(at)) = (Phase::parse(&key.name), at) {
                times.insert(phase, at);
            }
        }
        times
    }

    fn list<T>(
        &mut self,
        label: &dyn fmt::Display,
        node: &Node,
        item: fn(&mut Self, &Node) -> Option<T>,
    ) -> Option<Vec<T>> {
        let NodeKind::Array(items) = &node.kind else {
            let found = node.kind.type_name();
            self.error(
                &node.span,
                format!("{label} must be a list of tables, found {found}"),
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
                "at" => at = self.time(&"`at`", value),
                "text" => text = self.string(&"`text`", value),
                _ => kind = self.string(&"`kind`", value),
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
            let label = self.label(key);
            match key.name.as_str() {
                "title" => action.title = self.string(&label, value),
                "id" => action.id = self.string(&label, value),
                "status" => {
                    action.status =
                        self.word(key, value, ActionStatus::parse, &ActionStatus::words())
                }
                "owner" => action.owner = self.string(&label, value).map(|a| a.value),
                "due" => action.due = self.time(&label, value),
                "priority" => {
                    action.priority = self.word(key, value, Priority::parse, &Priority::words())
                }
                "kind" => {
                    action.kind = self.word(key, value, ActionKind::parse, &ActionKind::words())
                }
                "ticket" => action.ticket = self.string(&label, value).map(|a| a.value),
                _ => action.completed = self.time(&label, value),
            }
        }
        if action.title.is_none() {
            let help = Some("every action needs a `title`: what is to be done".into());
            self.error(&node.span, "action without a `title`".into(), help);
        }
        Some(action)
    }
}
