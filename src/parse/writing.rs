//! Writing checks: warnings about the text of a report that is valid but likely unfinished — a
//! paragraph pasted twice, placeholder text, a published report without a root cause or actions.
//! Each check is one row of [`CHECKS`] and can be turned off under `[checks]` in `debrief.toml`.

use std::collections::HashMap;
use std::ops::Range;

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use crate::config::{ChecksConfig, Config};
use crate::diagnostic::Problem;
use crate::model::incident::{Incident, Status};
use crate::parse::front_matter::FrontFormat;
use crate::parse::source::Source;

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

/// Placeholders as written; the words are matched whole and case-sensitively, the others in any case.
const PLACEHOLDER_WORDS: &[&str] = &["TBD", "TODO", "FIXME"];
const PLACEHOLDER_TEXTS: &[&str] = &["xx:xx", "hh:mm", "lorem ipsum"];

/// Runs the enabled writing checks on `source`, read as `incident`; `found` are the problems
/// already found in the file (a placeholder already reported where it is, as a timeline time, is
/// not reported again).
pub fn check(source: &Source, incident: &Incident, config: &Config, found: &mut Vec<Problem>) {
    let checks = &config.checks;
    let text = source.text.as_str();
    let split = crate::parse::front_matter::split(text).ok();
    let body_offset = split.as_ref().map_or(0, |s| s.body_offset);
    // Help is written in the file's own front-matter syntax.
    let draft = match split.and_then(|s| s.front).map(|(format, _, _)| format) {
        Some(FrontFormat::Yaml) => "mark the report `status: draft`",
        Some(FrontFormat::Toml) => "mark the report `status = \"draft\"`",
        None => {
            "mark the report as a draft in front matter (`status = \"draft\"` between `+++` lines)"
        }
    };
    let mut problems = Vec::new();
    if REPEATED_PARAGRAPH.enabled(checks) {
        repeated_paragraphs(text, body_offset, &mut problems);
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

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end || a.start == b.start
}

/// Paragraphs of the body (at `offset` in `text`) that repeat an earlier one, whitespace aside.
fn repeated_paragraphs(text: &str, offset: usize, problems: &mut Vec<Problem>) {
    let body = &text[offset..];
    let mut seen: HashMap<String, usize> = HashMap::new();
    let mut start = None;
    let mut key = String::new();
    for (event, range) in Parser::new(body).into_offset_iter() {
        match event {
            Event::Start(Tag::Paragraph) => start = Some(range),
            Event::End(TagEnd::Paragraph) => {
                let Some(range) = start.take() else { continue };
                // The words joined by single spaces, and how many there are.
                key.clear();
                let (mut count, mut first) = (0, 0);
                for word in body[range.clone()].split_whitespace() {
                    if count == 0 {
                        first = word.len();
                    } else {
                        key.push(' ');
                    }
                    key.push_str(word);
                    count += 1;
                }
                // A short line ("None.", "See above.") may well repeat on purpose.
                if count < 8 {
                    continue;
                }
                let at = offset + range.start;
                if let Some(first_at) = seen.get(&key) {
                    let line = text[..*first_at].matches('\n').count() + 1;
                    problems.push(REPEATED_PARAGRAPH.warning(
                        at..at + first,
                        &format!(" (line {line})"),
                        "remove one of them",
                    ));
                } else {
                    seen.insert(key.clone(), at);
                }
            }
            _ => {}
        }
    }
}

/// The places of placeholder text in `text`, outside fenced code blocks, in order.
fn placeholders(text: &str) -> Vec<Range<usize>> {
    // Every match in the whole text at once (none spans a line), then those in code dropped.
    let mut found = Vec::new();
    let lower = text.to_ascii_lowercase();
    for needle in PLACEHOLDER_TEXTS {
        found.extend(lower.match_indices(needle).map(|(i, m)| i..i + m.len()));
    }
    let is_word = |c: char| c.is_alphanumeric() || c == '_';
    for word in PLACEHOLDER_WORDS {
        for (i, m) in text.match_indices(word) {
            let before = text[..i].chars().next_back().is_none_or(|c| !is_word(c));
            let after = text[i + m.len()..]
                .chars()
                .next()
                .is_none_or(|c| !is_word(c));
            if before && after {
                found.push(i..i + m.len());
            }
        }
    }
    if found.is_empty() {
        return found;
    }
    found.sort_by_key(|r| r.start);
    let mut code = Vec::new();
    let mut offset = 0;
    let mut fence: Option<(&str, usize)> = None;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let marker = ["```", "~~~"].into_iter().find(|m| trimmed.starts_with(m));
        match (fence, marker) {
            (None, Some(m)) => fence = Some((m, offset)),
            (Some((open, from)), Some(m)) if open == m => {
                code.push(from..offset + line.len());
                fence = None;
            }
            _ => {}
        }
        offset += line.len();
    }
    if let Some((_, from)) = fence {
        code.push(from..text.len());
    }
    // The fenced blocks are in order and apart: the one a match could be in is found by halving.
    found.retain(|r| {
        let i = code.partition_point(|c| c.end <= r.start);
        code.get(i).is_none_or(|c| !c.contains(&r.start))
    });
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_found_whole_and_outside_code() {
        let text =
            "a TBD b\nTODOs ok\ncalled at XX:XX or hh:mm\n```\nTODO in code\n```\nLorem ipsum\n";
        let found: Vec<&str> = placeholders(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["TBD", "XX:XX", "hh:mm", "Lorem ipsum"]);
    }

    proptest::proptest! {
        #[test]
        fn placeholders_are_those_each_pattern_finds_on_its_own(
            text in "(TODO|TBD|FIXME|[xX]{1,3}:[xX]{1,3}|[hH]{2}:[mM]{2}|[lL]orem [iI]psum|_|a|é| |\n|```\n){0,40}"
        ) {
            // Each placeholder found by itself, in order of place (the texts first where two
            // start together), before fenced code is left out.
            let mut each: Vec<Range<usize>> = Vec::new();
            let lower = text.to_ascii_lowercase();
            for needle in PLACEHOLDER_TEXTS {
                each.extend(lower.match_indices(needle).map(|(i, m)| i..i + m.len()));
            }
            let is_word = |c: char| c.is_alphanumeric() || c == '_';
            for word in PLACEHOLDER_WORDS {
                for (i, m) in text.match_indices(word) {
                    let before = text[..i].chars().next_back().is_none_or(|c| !is_word(c));
                    let after = text[i + m.len()..].chars().next().is_none_or(|c| !is_word(c));
                    if before && after {
                        each.push(i..i + m.len());
                    }
                }
            }
            each.sort_by_key(|r| r.start);
            let found = placeholders(&text);
            let mut kept = each.iter().filter(|r| found.contains(r));
            // What was found is what each found, less only the matches in code.
            proptest::prop_assert!(found.iter().all(|r| kept.next() == Some(r)));
            if !text.contains("```") {
                proptest::prop_assert_eq!(found, each);
            }
        }
    }

    #[test]
    fn placeholders_in_a_fence_left_open_or_closed_by_the_other_marker_are_code() {
        let text = "TODO\n~~~\nTBD\n```\nFIXME\n~~~\nTODO: x\n```\nlorem ipsum\n";
        let found: Vec<_> = placeholders(text).into_iter().map(|r| r.start).collect();
        assert_eq!(found, [0, text.rfind("TODO").unwrap()]);
    }

    #[test]
    fn a_repeated_long_paragraph_is_reported_at_its_second_place() {
        let para = "The cache node failed and every request went to the database instead.";
        let text = format!("# T\n\n{para}\n\nShort one.\n\nShort one.\n\n{para}\n");
        let mut problems = Vec::new();
        repeated_paragraphs(&text, 0, &mut problems);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].span.start, text.rfind(para).unwrap());
        assert!(problems[0].message.ends_with("(line 3)"), "{problems:?}");
    }

    #[test]
    fn every_check_has_a_setting_of_its_own() {
        let mut config = ChecksConfig::default();
        assert!(CHECKS.iter().all(|c| c.enabled(&config)));
        config.placeholder = Some(false);
        let off: Vec<_> = CHECKS
            .iter()
            .filter(|c| !c.enabled(&config))
            .map(|c| c.name)
            .collect();
        assert_eq!(off, ["placeholder"]);
    }
}
