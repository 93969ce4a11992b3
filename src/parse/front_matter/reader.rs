//! The reader that turns a spanned front-matter tree into [`FrontMatter`], key by key, reporting
//! unknown keys (with the closest known one), wrong types and unknown words at their place.

use std::ops::Range;

use crate::model::phase::Phase;

use super::{At, FrontFormat, FrontMatter, RawAction, RawEntry, RawTimes, TEXT_KEYS};
use crate::diagnostic::Problem;
use crate::model::action::{ActionKind, ActionStatus, Priority};
use crate::model::incident::{Status, Visibility};
use crate::parse::value::{Key, Node, NodeKind};
use crate::util::vocabulary::closest;

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

pub(super) struct Reader {
    pub(super) offset: usize,
    pub(super) format: FrontFormat,
    pub(super) problems: Vec<Problem>,
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

    pub(super) fn front_matter(&mut self, node: &Node) -> FrontMatter {
        let mut front = FrontMatter::default();
        for (key, value) in self.entries(node, "front matter", KEYS) {
            let name = key.name.as_str();
            match name {
                "title" => front.title = self.string(name, value),
                "id" => front.id = self.string(name, value),
                "slug" => front.slug = self.string(name, value),
                "date" => front.date = self.time(name, value),
                "updated" => front.updated = self.time(name, value),
                "status" => front.status = self.word(name, value, Status::parse, &Status::words()),
                "visibility" => {
                    front.visibility =
                        self.word(name, value, Visibility::parse, &Visibility::words());
                }
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
        for (key, value) in self.entries(node, "[times]", &Phase::words()) {
            let at = self.time(&key.name, value);
            if let (Some(phase), Some(at)) = (Phase::parse(&key.name), at) {
                times.insert(phase, at);
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
