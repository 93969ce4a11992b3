//! Front matter: splitting it from the body and reading its keys into typed, spanned fields.
//!
//! TOML (`+++`) and YAML (`---`) are parsed into one spanned tree ([`crate::parse::value`]) and read here by
//! one reader, so both styles accept the same keys and report the same errors at the same places.

use std::ops::Range;

use crate::config::FrontMatterConfig;
use crate::diagnostic::Problem;
use crate::model::action::{ActionKind, ActionStatus, Priority};
use crate::model::incident::{Status, Visibility};
use crate::model::phase::Phase;
use crate::parse::lines::split_lines;

mod reader;
mod rename;
mod unknown;

use reader::Reader;

pub use crate::model::at::At;

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
    if let Some((offset, line)) = closing_line(&text[start..], fence) {
        let (offset, body_offset) = (start + offset, start + offset + line);
        return Ok(Split {
            front: Some((format, &text[start..offset], start)),
            body: &text[body_offset..],
            body_offset,
        });
    }
    Err(Problem::error(
        bom..bom + fence.len(),
        "the front matter opened here is never closed",
    )
    .with_help(format!(
        "end the front matter with a line holding only `{fence}`"
    )))
}

/// Where the first line of `text` holding only `fence` (and trailing white space) starts, and its
/// length with its line break. Only the lines starting with the fence are looked at, each found
/// by a search for the fence right after a line break.
fn closing_line(text: &str, fence: &str) -> Option<(usize, usize)> {
    let mut start = 0;
    loop {
        let line = split_lines(&text[start..]).next()?;
        if line.trim_end() == fence {
            return Some((start, line.len()));
        }
        if !line.ends_with('\n') {
            return None;
        }
        let after = start + line.len();
        let (next, _) = (text[after..].match_indices(fence))
            .find(|&(at, _)| at == 0 || text.as_bytes()[after + at - 1] == b'\n')?;
        start = after + next;
    }
}

/// The phase times as written (parsed later in the incident's zone).
pub type RawTimes = std::collections::BTreeMap<Phase, At<String>>;

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

/// Every front-matter key of the content format (docs/format.md), read and type-checked but not yet interpreted.
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
    pub status: Option<Status>,
    /// `visibility` (`public`, `internal`).
    pub visibility: Option<Visibility>,
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
    /// `authors`.
    pub authors: Option<Vec<At<String>>>,
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
    /// The syntax it was written in (`None` when the file has no front matter).
    pub format: Option<FrontFormat>,
    /// `[extra]` and the unknown keys kept by `unknown_keys = "warn"` or `"ignore"`, as written.
    pub extra: std::collections::BTreeMap<String, serde_json::Value>,
}

impl FrontMatter {
    /// `key = value` in the syntax of this front matter (`key: value` in YAML), for help texts:
    /// help is written the way the writer writes. `value` is written as TOML, which YAML reads alike
    /// for quoted strings and dates.
    pub fn key_value(&self, key: &str, value: &str) -> String {
        match self.format {
            Some(FrontFormat::Yaml) => format!("{key}: {value}"),
            _ => format!("{key} = {value}"),
        }
    }

    /// `[times] started = …` in the syntax of this front matter.
    pub fn times_entry(&self, phase: &str, value: &str) -> String {
        match self.format {
            Some(FrontFormat::Yaml) => format!("times:` and, indented under it, `{phase}: {value}"),
            _ => format!("[times] {phase} = {value}"),
        }
    }
}

pub use crate::model::keys::TEXT_KEYS;

/// Reads the front matter's text (at `offset` in its file) into [`FrontMatter`], collecting problems;
/// keys are renamed and unknown keys kept as `config` says.
///
/// `None` when the text is not valid TOML or YAML at all: nothing in it can be trusted then.
pub fn read(
    format: FrontFormat,
    text: &str,
    offset: usize,
    config: &FrontMatterConfig,
) -> (Option<FrontMatter>, Vec<Problem>) {
    let parsed = match format {
        FrontFormat::Toml => crate::parse::value::parse_toml(text),
        FrontFormat::Yaml => crate::parse::value::parse_yaml(text),
    };
    let mut reader = Reader {
        offset,
        format,
        config,
        problems: Vec::new(),
    };
    match parsed {
        Ok(mut node) => {
            let mut renamed = Vec::new();
            rename::apply(&mut node, &config.rename, &mut renamed);
            reader
                .problems
                .extend(renamed.into_iter().map(|p| p.shifted(offset)));
            let mut front = reader.front_matter(&node);
            front.format = Some(format);
            (Some(front), reader.problems)
        }
        Err(problem) => (None, vec![problem.shifted(offset)]),
    }
}

#[cfg(test)]
mod tests;
