//! Turning one file's front matter and body sections into an [`Incident`]: defaults, derivations and checks.

use std::ops::Range;

use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Problem;
use crate::model::incident::{Incident, Status, Visibility};
use crate::parse::front_matter::{self, At, FrontMatter};
use crate::parse::markdown::{self, MarkdownOptions};
use crate::parse::sections::{self, Field, Outline, Section};
use crate::parse::source::Source;
use crate::util::slug;
use crate::util::time::{self, When};

mod actions;
mod links;
mod texts;
mod times;

pub(crate) use times::{date, when};

/// The result of reading one file: the incident (when it is usable) and every problem found.
pub struct Parsed {
    /// The incident, when it could be assembled (even with errors, so site-wide checks still run).
    pub incident: Option<Incident>,
    /// Errors and warnings of this file.
    pub diagnostics: Vec<Diagnostic>,
}

/// Reads one source file into an incident; never looks at another file.
pub fn parse(source: &Source, config: &Config) -> Parsed {
    let mut problems = Vec::new();
    let read = read_with_paragraphs(source, config, &mut problems);
    if let Some((incident, paragraphs, split)) = &read {
        let paragraphs = paragraphs.as_deref();
        crate::parse::writing::check(source, split, incident, config, paragraphs, &mut problems);
    }
    let incident = read.map(|(incident, _, _)| incident);
    let diagnostics = problems
        .into_iter()
        .map(|p| Diagnostic::locate(&source.path, &source.text, p))
        .collect();
    Parsed {
        incident,
        diagnostics,
    }
}

/// Byte range helper for spans that cover nothing in particular (the start of the file).
pub(crate) fn file_start() -> std::ops::Range<usize> {
    0..0
}

/// One file being read: its parts, and what every step of reading needs.
pub(crate) struct Reader<'a> {
    config: &'a Config,
    front: FrontMatter,
    /// The markdown body.
    body: &'a str,
    /// The body parsed, read by each step rather than parsed again.
    events: markdown::Events<'a>,
    /// Where the body starts in the file, to place problems found in it.
    base: usize,
    outline: Outline,
    /// The zone of times written without an offset.
    tz: TimeZone,
    options: MarkdownOptions,
    problems: &'a mut Vec<Problem>,
    /// Body ranges shown elsewhere on the page (sections read into fields), left out of the body.
    consumed: Vec<Range<usize>>,
    /// The body's link and footnote definitions, for the parts of it rendered on their own.
    definitions: markdown::Definitions,
}

/// Reads `source`, pushing every problem; `None` when the file cannot become an incident at all.
pub fn read(source: &Source, config: &Config, problems: &mut Vec<Problem>) -> Option<Incident> {
    read_with_paragraphs(source, config, problems).map(|(incident, _, _)| incident)
}

/// The body's paragraphs as plain CommonMark reads them, when they could be read from its parse.
type Paragraphs = Option<Vec<Range<usize>>>;

/// [`read`], with the body's paragraphs as plain CommonMark reads them when they could be read
/// from the body's parse (for the repeated-paragraph check), and the file cut into its front
/// matter and body.
fn read_with_paragraphs<'a>(
    source: &'a Source,
    config: &Config,
    problems: &mut Vec<Problem>,
) -> Option<(Incident, Paragraphs, front_matter::Split<'a>)> {
    if source.text.trim().is_empty() {
        problems.push(Problem::error(file_start(), "the file is empty").with_help(
            "a post-mortem needs at least a title (`# Title` or `title = \"…\"`) and a date",
        ));
        return None;
    }
    let split = match front_matter::split(&source.text) {
        Ok(split) => split,
        Err(problem) => {
            problems.push(problem);
            return None;
        }
    };
    let front = match &split.front {
        Some((format, text, offset)) => {
            let (front, found) = front_matter::read(*format, text, *offset, &config.front_matter);
            problems.extend(found);
            // A front matter that is not TOML or YAML at all says nothing more worth reporting.
            front?
        }
        None => FrontMatter::default(),
    };
    let (timezone, tz) = zone(&front, config, problems);
    let (events, definitions) = markdown::Definitions::parsed(split.body);
    // Only for the repeated-paragraph check, and only when the site runs it.
    let paragraphs = crate::parse::writing::reads_paragraphs(config)
        .then(|| crate::parse::writing::commonmark_paragraphs(split.body, &events))
        .flatten();
    let reader = Reader {
        config,
        outline: sections::outline_of(split.body, &events, &config.aliases),
        events,
        front,
        body: split.body,
        base: split.body_offset,
        tz,
        options: MarkdownOptions {
            raw_html: config.markdown.raw_html,
        },
        problems,
        consumed: Vec::new(),
        definitions,
    };
    let incident = reader.incident(source, timezone);
    Some((incident, paragraphs, split))
}

/// The incident's zone, by name: its own `timezone`, else the site's.
fn zone(front: &FrontMatter, config: &Config, problems: &mut Vec<Problem>) -> (String, TimeZone) {
    let Some(at) = &front.timezone else {
        return (config.timezone.clone(), config.tz.clone());
    };
    match time::zone(&at.value) {
        Ok(tz) => (at.value.clone(), tz),
        Err(help) => {
            problems.push(
                Problem::error(at.span.clone(), format!("unknown timezone `{}`", at.value))
                    .with_help(help),
            );
            (config.timezone.clone(), config.tz.clone())
        }
    }
}

impl Reader<'_> {
    /// The body section read into `field`, if the body has one.
    fn section(&self, field: Field) -> Option<&Section> {
        self.outline.sections.iter().find(|s| s.field == field)
    }

    /// The whole incident.
    fn incident(mut self, source: &Source, timezone: String) -> Incident {
        let (stem, dir, is_bundle) = names(&source.rel);
        let title = self.title();
        let lang = match &self.front.lang {
            Some(lang) => lang.value.clone(),
            None => crate::parse::language::guess(self.body, &self.outline, &self.config.aliases)
                .map_or_else(|| self.config.language.clone(), str::to_string),
        };
        let severity = self.severity();
        let times = self.times();
        let file_date = time::date_prefix(&stem);
        let front_date =
            (self.front.date.as_ref()).and_then(|at| when(at, &self.tz, self.problems));
        let default_date = front_date
            .as_ref()
            .or(times.started.as_ref())
            .map(When::date)
            .or(file_date);
        let timeline = self.timeline(default_date);
        let date = front_date
            .or_else(|| times.started.clone())
            .or_else(|| timeline.iter().find_map(|e| e.at.clone()))
            .or_else(|| file_date.map(When::Day))
            .unwrap_or_else(|| self.no_date());
        let updated = (self.front.updated.as_ref())
            .and_then(|at| when(at, &self.tz, self.problems))
            .map(|w| w.date());
        let (id, slug) = self.id_and_slug(&stem, &title);
        let texts = self.texts();
        let (actions, actions_html) = self.actions(&id.value);
        if let Some((h1, range)) = &self.outline.title
            && self.front.title.as_ref().is_none_or(|t| *h1 == t.value)
        {
            self.consumed.push(range.clone());
        }
        let (links, files) = links::links(&self.front, &self.events, self.base);
        let events = std::mem::take(&mut self.events);
        let body = (self.definitions).render_body(events, &self.options, &self.consumed);
        let timeline_html = timeline
            .iter()
            .map(|e| self.definitions.render_inline(&e.text, &self.options))
            .collect();
        let front = self.front;
        Incident {
            path: source.path.clone(),
            dir,
            is_bundle,
            id,
            slug,
            title,
            date,
            updated,
            status: front.status.unwrap_or(Status::Published),
            visibility: front.visibility.unwrap_or(Visibility::Public),
            severity,
            lang,
            timezone,
            tz: self.tz,
            texts,
            services: values(front.services),
            tags: values(front.tags),
            // A blank name in the list (`["", "Ada"]`) names nobody.
            authors: values(front.authors)
                .into_iter()
                .filter(|name| !name.trim().is_empty())
                .collect(),
            related: front.related.unwrap_or_default(),
            times,
            timeline,
            timeline_html,
            actions,
            actions_html,
            body,
            links,
            files,
            extra: front.extra,
        }
    }

    /// The title: `title`, else the H1.
    fn title(&mut self) -> String {
        match (&self.front.title, &self.outline.title) {
            (Some(title), _) if title.value.trim().is_empty() => {
                let example = self
                    .front
                    .key_value("title", "\"Checkout latency after a cache node failure\"");
                self.problems.push(
                    Problem::error(title.span.clone(), "the title is empty")
                        .with_help(format!("write what happened, e.g. `{example}`")),
                );
                String::new()
            }
            (Some(title), _) => title.value.trim().to_string(),
            (None, Some((title, _))) => title.clone(),
            (None, None) => {
                let example = self.front.key_value("title", "\"…\"");
                self.problems.push(
                    Problem::error(file_start(), "the post-mortem has no title")
                        .with_help(format!("add `{example}` to the front matter, or start the body with a `# Title` line")),
                );
                String::new()
            }
        }
    }

    /// The severity, when it is a key of the site's scale.
    fn severity(&mut self) -> Option<String> {
        let at = self.front.severity.as_ref()?;
        let scale = &self.config.severity;
        if scale.rank(&at.value).is_some() {
            return Some(at.value.clone());
        }
        let keys: Vec<&str> = scale.levels.iter().map(|l| l.key.as_str()).collect();
        let near = crate::util::vocabulary::closest(&at.value, &keys)
            .map(|k| format!("did you mean `{k}`? "))
            .unwrap_or_default();
        self.problems.push(
            Problem::error(at.span.clone(), format!("unknown severity `{}`", at.value))
                .with_help(format!("{near}the site's scale is {}", scale.expected())),
        );
        None
    }

    /// Reports a missing date, and stands in for it so reading goes on (the error stops the build).
    fn no_date(&mut self) -> When {
        // A written but malformed `date` is already reported where it was written.
        let date = self.front.key_value("date", "2024-11-07");
        let started = self.front.times_entry("started", "…");
        if self.front.date.is_none() && self.front.status == Some(Status::Draft) {
            self.problems.push(
                Problem::warning(
                    file_start(),
                    "this draft has no date yet; it is listed as 1970-01-01",
                )
                .with_help(format!(
                    "add `{date}` or `{started}`, or a dated timeline entry, before it is published"
                )),
            );
        } else if self.front.date.is_none() {
            self.problems.push(
                Problem::error(file_start(), "the post-mortem has no date")
                    .with_help(format!("add `{date}` or `{started}`, a dated timeline entry, or a `YYYY-MM-DD-` file name prefix")),
            );
        }
        When::Day(Date::constant(1970, 1, 1))
    }

    /// The id (`id`, else the file name's leading id, else the slug) and the slug.
    fn id_and_slug(&mut self, stem: &str, title: &str) -> (At<String>, At<String>) {
        let id = match &self.front.id {
            Some(at) if at.value.trim().is_empty() => {
                self.problems.push(
                    Problem::error(at.span.clone(), "the id is empty")
                        .with_help("remove `id` to use the file name's id or the slug, or write one such as `INC-2024-012`"),
                );
                at.clone()
            }
            Some(at) => at.clone(),
            None => At {
                value: slug::leading_id(stem).unwrap_or_default(),
                span: file_start(),
            },
        };
        let slug = read_slug(&self.front, stem, title, self.problems);
        if id.value.is_empty() {
            let id = At {
                value: slug.value.clone(),
                span: id.span,
            };
            return (id, slug);
        }
        (id, slug)
    }
}

/// The file stem (a bundle's folder name for `index.md`), the folder, and whether it is a bundle.
fn names(rel: &str) -> (String, String, bool) {
    let (dir, file) = rel.rsplit_once('/').unwrap_or(("", rel));
    let stem = file.rsplit_once('.').map_or(file, |(s, _)| s);
    if stem == "index" && !dir.is_empty() {
        let name = dir.rsplit('/').next().unwrap_or(dir);
        (name.to_string(), dir.to_string(), true)
    } else {
        (stem.to_string(), dir.to_string(), false)
    }
}

fn values(list: Option<Vec<At<String>>>) -> Vec<String> {
    list.unwrap_or_default()
        .into_iter()
        .map(|a| a.value)
        .collect()
}

fn read_slug(
    front: &FrontMatter,
    stem: &str,
    title: &str,
    problems: &mut Vec<Problem>,
) -> At<String> {
    if let Some(at) = &front.slug {
        if !slug::is_valid_slug(&at.value) {
            let suggestion = slug::slugify(&at.value);
            problems.push(
                Problem::error(at.span.clone(), format!("`{}` is not a valid slug", at.value))
                    .with_help(format!("a slug is lowercase letters, digits and `-` only (it names one folder of the output), e.g. `{suggestion}`")),
            );
        }
        return at.clone();
    }
    let from_stem = slug::slugify(stem);
    let value = if from_stem.is_empty() {
        slug::slugify(title)
    } else {
        from_stem
    };
    if value.is_empty() {
        problems.push(
            Problem::error(
                file_start(),
                "cannot derive a slug from the file name or title",
            )
            .with_help(format!(
                "add `{}` with lowercase letters, digits and `-`",
                front.key_value("slug", "\"…\"")
            )),
        );
    }
    At {
        value,
        span: file_start(),
    }
}
