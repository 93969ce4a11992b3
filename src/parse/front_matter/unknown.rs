//! Front-matter keys debrief does not read: refused, warned about or kept silently as
//! `[front_matter] unknown_keys` says, with help naming the debrief key a foreign name usually means;
//! the kept ones and the `extra` table go to the incident's `extra` for templates.

use std::collections::BTreeMap;

use super::reader::Reader;
use crate::config::front_matter::{KEYS, UnknownKeys, foreign};
use crate::diagnostic::Problem;
use crate::parse::value::{Key, Node, NodeKind};
use crate::util::vocabulary::closest;

/// The end of the help for an unknown key that is an error.
const UNKNOWN_ERROR_HELP: &str = "to keep keys debrief does not know for templates, set `unknown_keys = \"warn\"` (or `\"ignore\"`) under `[front_matter]` in debrief.toml";
/// The end of the help for an unknown key that is a warning.
const UNKNOWN_WARN_HELP: &str = "it is kept in the incident's `extra` for templates";

impl Reader<'_> {
    /// Reports the unknown top-level keys as the site says, keeping them in `extra` unless they are errors.
    pub(super) fn keep_unknown(
        &mut self,
        kept: Vec<(&Key, &Node)>,
        extra: &mut BTreeMap<String, serde_json::Value>,
    ) {
        let policy = self.config.unknown_keys;
        for (key, value) in kept {
            let message = format!("unknown key {} in front matter", self.label(key));
            let span = self.span(&key.span);
            match policy {
                UnknownKeys::Error => {
                    let help = self.unknown_help(key, UNKNOWN_ERROR_HELP);
                    self.problems
                        .push(Problem::error(span, message).with_help(help));
                    continue;
                }
                UnknownKeys::Warn => {
                    let help = self.unknown_help(key, UNKNOWN_WARN_HELP);
                    self.problems
                        .push(Problem::warning(span, message).with_help(help));
                }
                UnknownKeys::Ignore => {}
            }
            extra.insert(key.name.clone(), value.to_json());
        }
    }

    /// What to say about an unknown top-level key: the debrief key it usually means and the rename
    /// that reads it so, else the closest key, else the known keys; then `otherwise`.
    fn unknown_help(&self, key: &Key, otherwise: &str) -> String {
        let name = key.written.as_deref().unwrap_or(&key.name);
        if let Some(ours) = foreign(name) {
            return format!(
                "debrief calls this `{ours}`: to read it so, add `{name} = \"{ours}\"` under `[front_matter.rename]` in debrief.toml"
            );
        }
        match closest(name, KEYS) {
            Some(near) => format!("did you mean `{near}`?"),
            None => format!("{otherwise} (known keys: {})", KEYS.join(", ")),
        }
    }

    /// The `extra` table: kept as written, for templates.
    pub(super) fn extra(
        &mut self,
        label: &dyn std::fmt::Display,
        node: &Node,
        extra: &mut BTreeMap<String, serde_json::Value>,
    ) {
        match &node.kind {
            NodeKind::Table(entries) => {
                for (key, value) in entries {
                    extra.insert(key.name.clone(), value.to_json());
                }
            }
            other => {
                let found = other.type_name();
                self.error(
                    &node.span,
                    format!("{label} must be a table, found {found}"),
                    None,
                );
            }
        }
    }
}
