//! Writing checks: warnings about the text of a report that is valid but likely unfinished — a
//! paragraph pasted twice, placeholder text, a published report without a root cause or actions.
//! Each check is one row of [`CHECKS`] and can be turned off under `[checks]` in `debrief.toml`.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hasher};
use std::ops::Range;

use crate::config::{ChecksConfig, Config};
use crate::diagnostic::Problem;
use crate::model::incident::{Incident, Status};
use crate::parse::front_matter::{FrontFormat, Split};
use crate::parse::source::Source;
use placeholders::placeholders;

mod paragraphs;
mod placeholders;
pub(crate) use paragraphs::commonmark_paragraphs;

/// One writing check: its `[checks]` name, whether it runs by default, and what it says.
pub struct Check {
    /// The key under `[checks]`.
    pub name: &'static str,
    /// Whether it runs when `[checks]` does not name it.
    pub default: bool,
    /// The warning's message.
    pub message: &'static str,
    /// The site's setting for it.
    setting: fn(&ChecksConfig) -> Option<bool>,
}

impl Check {
    /// Whether the check runs on this site.
    pub fn enabled(&self, config: &ChecksConfig) -> bool {
        (self.setting)(config).unwrap_or(self.default)
    }

    fn warning(&self, span: Range<usize>, detail: &str, help: &str) -> Problem {
        Problem::warning(span, format!("{}{detail}", self.message)).with_help(format!(
            "{help}; to turn this check off, set `{} = false` under `[checks]` in debrief.toml",
            self.name
        ))
    }
}

/// Every writing check.
pub const CHECKS: &[Check] = &[REPEATED_PARAGRAPH, PLACEHOLDER, NO_ROOT_CAUSE, NO_ACTIONS];

const REPEATED_PARAGRAPH: Check = Check {
    name: "repeated_paragraph",
    default: true,
    message: "this paragraph repeats one above word for word",
    setting: |c| c.repeated_paragraph,
};
const PLACEHOLDER: Check = Check {
    name: "placeholder",
    default: true,
    message: "placeholder text ",
    setting: |c| c.placeholder,
};
const NO_ROOT_CAUSE: Check = Check {
    name: "published_without_root_cause",
    default: true,
    message: "the post-mortem is published but has no root cause",
    setting: |c| c.published_without_root_cause,
};
const NO_ACTIONS: Check = Check {
    name: "published_without_actions",
    default: true,
    message: "the post-mortem is published but has no action items",
    setting: |c| c.published_without_actions,
};

/// Runs the enabled writing checks on `source`, cut as `split` and read as `incident`; `found` are the problems
/// already found in the file (a placeholder already reported where it is, as a timeline time, is
/// not reported again). `paragraphs` are those of the body as plain CommonMark reads them, when
/// [`commonmark_paragraphs`] could read them from the body's parse; else the body is parsed again.
pub fn check(
    source: &Source,
    split: &Split<'_>,
    incident: &Incident,
    config: &Config,
    paragraphs: Option<&[Range<usize>]>,
    found: &mut Vec<Problem>,
) {
    let checks = &config.checks;
    let text = source.text.as_str();
    let body_offset = split.body_offset;
    // Help is written in the file's own front-matter syntax.
    let draft = match split.front.as_ref().map(|(format, _, _)| format) {
        Some(FrontFormat::Yaml) => "mark the report `status: draft`",
        Some(FrontFormat::Toml) => "mark the report `status = \"draft\"`",
        None => {
            "mark the report as a draft in front matter (`status = \"draft\"` between `+++` lines)"
        }
    };
    let mut problems = Vec::new();
    if REPEATED_PARAGRAPH.enabled(checks) {
        let parsed;
        let paragraphs = match paragraphs {
            Some(paragraphs) => paragraphs,
            None => {
                parsed = paragraphs::plain_paragraphs(&text[body_offset..]);
                &parsed
            }
        };
        repeated_paragraphs(text, body_offset, paragraphs, &mut problems);
    }
    if PLACEHOLDER.enabled(checks) {
        for span in placeholders(text) {
            if !found.iter().any(|p| overlaps(&p.span, &span)) {
                let detail = format!("`{}`", &text[span.clone()]);
                problems.push(PLACEHOLDER.warning(
                    span,
                    &detail,
                    "write what is known, or what is still to be found out",
                ));
            }
        }
    }
    if incident.status == Status::Published {
        if NO_ROOT_CAUSE.enabled(checks) && incident.texts.root_cause.is_none() {
            problems.push(NO_ROOT_CAUSE.warning(
                0..0,
                "",
                &format!("add a `## Root cause` section (or `root_cause` in the front matter), or {draft} until it is known"),
            ));
        }
        if NO_ACTIONS.enabled(checks) && incident.actions.is_empty() {
            problems.push(NO_ACTIONS.warning(
                0..0,
                "",
                &format!("add an `## Action items` section with what will be done, or {draft}"),
            ));
        }
    }
    found.extend(problems);
}

/// Whether [`check`] compares the body's paragraphs on this site (so they are worth gathering).
pub(crate) fn reads_paragraphs(config: &Config) -> bool {
    REPEATED_PARAGRAPH.enabled(&config.checks)
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end || a.start == b.start
}

/// Paragraphs of the body (at `offset` in `text`; `paragraphs` are its paragraphs' ranges in it,
/// in order) that repeat an earlier one, whitespace aside.
fn repeated_paragraphs(
    text: &str,
    offset: usize,
    paragraphs: &[Range<usize>],
    problems: &mut Vec<Problem>,
) {
    let body = &text[offset..];
    // Equal words start and end alike, so a paragraph whose first and last two words no other
    // one shares repeats none, and its words need neither joining nor hashing (only a few bytes
    // at either end are read). Sorting by those words (and place) puts the ones sharing them
    // side by side.
    let mut ends: Vec<(WordEnds<'_>, usize)> = (paragraphs.iter().enumerate())
        .map(|(n, range)| (word_ends(&body[range.clone()]), n))
        .collect();
    ends.sort_unstable();
    let mut shared: Vec<usize> = (ends.chunk_by(|a, b| a.0 == b.0))
        .filter(|same| same.len() > 1)
        .flat_map(|same| same.iter().map(|&(_, n)| n))
        .collect();
    if shared.is_empty() {
        return;
    }
    shared.sort_unstable();
    // Each paragraph sharing its first and last two words, by the hash of its words: where it
    // starts in `text`, and its range in `body` to compare the words themselves when the hashes
    // agree.
    let mut seen: HashMap<u64, Vec<(usize, Range<usize>)>> = HashMap::new();
    let mut key = Vec::new();
    for range in shared.into_iter().map(|n| &paragraphs[n]) {
        let (count, first) = join_words(&body[range.clone()], &mut key);
        // A short line ("None.", "See above.") may well repeat on purpose.
        if count < 8 {
            continue;
        }
        let mut hasher = DefaultHasher::new();
        hasher.write(&key);
        let at = offset + range.start;
        let same = seen.entry(hasher.finish()).or_default();
        let words = body[range.clone()].split_whitespace();
        let earlier = (same.iter())
            .find(|(_, earlier)| body[earlier.clone()].split_whitespace().eq(words.clone()));
        if let Some((first_at, _)) = earlier {
            let line = text[..*first_at].matches('\n').count() + 1;
            problems.push(REPEATED_PARAGRAPH.warning(
                at..at + first,
                &format!(" (line {line})"),
                "remove one of them",
            ));
        } else {
            same.push((at, range.clone()));
        }
    }
}

/// The first two and the last two words of a text, as [`str::split_whitespace`] splits it.
type WordEnds<'a> = [Option<&'a str>; 4];

/// The [`WordEnds`] of `text`, read from either end without going through the words between.
fn word_ends(text: &str) -> WordEnds<'_> {
    let mut words = text.split_whitespace();
    [
        words.next(),
        words.next(),
        words.next_back(),
        words.next_back(),
    ]
}

/// Joins the words of `text` (as [`str::split_whitespace`] splits it) by single spaces into
/// `key`; gives how many words there are and the first one's length.
fn join_words(text: &str, key: &mut Vec<u8>) -> (usize, usize) {
    key.clear();
    let (mut count, mut first) = (0, 0);
    let mut add = |word: &[u8]| {
        if count == 0 {
            first = word.len();
        } else {
            key.push(b' ');
        }
        key.extend_from_slice(word);
        count += 1;
    };
    if text.is_ascii() {
        // Byte by byte, without decoding characters: the ASCII white space is `\t` to `\r`
        // (`\x0B` too, unlike `u8::is_ascii_whitespace`) and the space.
        let words = text.as_bytes().split(|b| matches!(b, b'\t'..=b'\r' | b' '));
        words.filter(|word| !word.is_empty()).for_each(&mut add);
    } else {
        text.split_whitespace()
            .for_each(|word| add(word.as_bytes()));
    }
    (count, first)
}

#[cfg(test)]
mod tests;
