//! Turning one file's front matter and body sections into an [`Incident`]: defaults, derivations and checks.

use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::config::Config;
use crate::diagnostic::Diagnostic;
use crate::diagnostic::Problem;
use crate::model::incident::{Incident, Status, Visibility};
use crate::parse::front_matter::{self, At, FrontMatter};
use crate::parse::markdown::{self, MarkdownOptions};
use crate::parse::sections::{self, Field};
use crate::parse::source::Source;
use crate::util::slug;
use crate::util::time::{self, When};

pub(crate) mod actions;
mod texts;
mod times;

use texts::read_texts;
use times::{read_timeline, read_times};

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
    let incident = read(source, config, &mut problems);
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

/// Reads `source`, pushing every problem; `None` when the file cannot become an incident at all.
pub fn read(source: &Source, config: &Config, problems: &mut Vec<Problem>) -> Option<Incident> {
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
    let front = match split.front {
        Some((format, text, offset)) => {
            let (front, found) = front_matter::read(format, text, offset);
            problems.extend(found);
            // A front matter that is not TOML or YAML at all says nothing more worth reporting.
            front?
        }
        None => FrontMatter::default(),
    };
    let body = split.body;
    let base = split.body_offset;
    let outline = sections::outline(body, &config.aliases);
    let section = |field: Field| outline.sections.iter().find(|s| s.field == field);
    let options = MarkdownOptions {
        raw_html: config.markdown.raw_html,
    };

    let (stem, dir, is_bundle) = names(&source.rel);
    let title = match (&front.title, &outline.title) {
        (Some(title), _) if title.value.trim().is_empty() => {
            problems.push(
                Problem::error(title.span.clone(), "the title is empty")
                    .with_help("write what happened, e.g. `title = \"Checkout latency after a cache node failure\"`"),
            );
            String::new()
        }
        (Some(title), _) => title.value.trim().to_string(),
        (None, Some((title, _))) => title.clone(),
        (None, None) => {
            problems.push(
                Problem::error(file_start(), "the post-mortem has no title")
                    .with_help("add `title = \"…\"` to the front matter, or start the body with a `# Title` line"),
            );
            String::new()
        }
    };

    let lang = match &front.lang {
        Some(lang) => lang.value.clone(),
        None => crate::parse::language::guess(body, &outline, &config.aliases)
            .map_or_else(|| config.language.clone(), str::to_string),
    };
    let (timezone, tz) = match &front.timezone {
        Some(at) => match time::zone(&at.value) {
            Ok(tz) => (at.value.clone(), tz),
            Err(help) => {
                problems.push(
                    Problem::error(at.span.clone(), format!("unknown timezone `{}`", at.value))
                        .with_help(help),
                );
                (config.timezone.clone(), config.tz.clone())
            }
        },
        None => (config.timezone.clone(), config.tz.clone()),
    };
    let status = front.status.unwrap_or(Status::Published);
    let visibility = front.visibility.unwrap_or(Visibility::Public);
    let severity = front.severity.as_ref().and_then(|at| {
        if config.severity.rank(&at.value).is_some() {
            return Some(at.value.clone());
        }
        let keys: Vec<&str> = config
            .severity
            .levels
            .iter()
            .map(|l| l.key.as_str())
            .collect();
        let near = crate::util::vocabulary::closest(&at.value, &keys)
            .map(|k| format!("did you mean `{k}`? "))
            .unwrap_or_default();
        problems.push(
            Problem::error(at.span.clone(), format!("unknown severity `{}`", at.value)).with_help(
                format!("{near}the site's scale is {}", config.severity.expected()),
            ),
        );
        None
    });

    let times = read_times(&front.times, &tz, problems);
    let file_date = time::date_prefix(&stem);
    let front_date = front.date.as_ref().and_then(|at| when(at, &tz, problems));
    let default_date = front_date
        .as_ref()
        .or(times.started.as_ref())
        .map(When::date)
        .or(file_date);
    let (timeline, consumed_timeline) = read_timeline(
        &front,
        section(Field::Timeline),
        body,
        base,
        default_date,
        &tz,
        problems,
    );
    let date = front_date
        .or_else(|| times.started.clone())
        .or_else(|| timeline.iter().find_map(|e| e.at.clone()))
        .or_else(|| file_date.map(When::Day));
    let date = date.unwrap_or_else(|| {
        // A written but malformed `date` is already reported where it was written.
        if front.date.is_none() {
            problems.push(
                Problem::error(file_start(), "the post-mortem has no date")
                    .with_help("add `date = 2024-11-07` or `[times] started = …`, a dated timeline entry, or a `YYYY-MM-DD-` file name prefix"),
            );
        }
        // Reading goes on so the file's other problems are reported too; the error stops the build.
        When::Day(jiff::civil::Date::constant(1970, 1, 1))
    });
    let updated = front
        .updated
        .as_ref()
        .and_then(|at| when(at, &tz, problems))
        .map(|w| w.date());

    let id = match &front.id {
        Some(at) if at.value.trim().is_empty() => {
            problems.push(
                Problem::error(at.span.clone(), "the id is empty")
                    .with_help("remove `id` to use the file name's id or the slug, or write one such as `INC-2024-012`"),
            );
            at.clone()
        }
        Some(at) => at.clone(),
        None => At {
            value: slug::leading_id(&stem).unwrap_or_default(),
            span: file_start(),
        },
    };
    let slug = read_slug(&front, &stem, &title, problems);
    let id = if id.value.is_empty() {
        At {
            value: slug.value.clone(),
            span: id.span,
        }
    } else {
        id
    };

    let mut consumed: Vec<std::ops::Range<usize>> = Vec::new();
    consumed.extend(consumed_timeline);
    let texts = read_texts(&front, &outline, body, &options, &mut consumed);
    let (actions, actions_html, consumed_actions) = crate::parse::reader::actions::read(
        &front,
        section(Field::Actions),
        body,
        base,
        &id.value,
        &tz,
        &options,
        problems,
    );
    consumed.extend(consumed_actions);
    if let Some((_, range)) = &outline.title
        && front
            .title
            .as_ref()
            .is_none_or(|t| outline.title.as_ref().is_some_and(|(h1, _)| *h1 == t.value))
    {
        consumed.push(range.clone());
    }
    let rendered = markdown::render(body, &options, &consumed);
    let (links, files) = links(&front, body, base);
    let timeline_html = timeline
        .iter()
        .map(|e| markdown::render_inline(&e.text, &options))
        .collect();

    Some(Incident {
        path: source.path.clone(),
        dir,
        is_bundle,
        id,
        slug,
        title,
        date,
        updated,
        status,
        visibility,
        severity,
        lang,
        timezone,
        tz,
        texts,
        services: values(front.services),
        tags: values(front.tags),
        related: front.related.unwrap_or_default(),
        times,
        timeline,
        timeline_html,
        actions,
        actions_html,
        body: rendered,
        links,
        files,
    })
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

/// Parses a written time in `tz`, reporting what would be valid.
pub(crate) fn when(at: &At<String>, tz: &TimeZone, problems: &mut Vec<Problem>) -> Option<When> {
    match time::parse_when_noted(&at.value, tz) {
        Ok((when, note)) => {
            crate::parse::timeline::warn_skipped(at.span.clone(), note, problems);
            Some(when)
        }
        Err(reason) => {
            problems.push(
                Problem::error(at.span.clone(), reason)
                    .with_help("write `2024-11-07`, `2024-11-07 08:00` (in the incident's timezone) or `2024-11-07T08:00:00+01:00`"),
            );
            None
        }
    }
}

/// Parses a written date, reporting what would be valid.
pub(crate) fn date(at: &At<String>, tz: &TimeZone, problems: &mut Vec<Problem>) -> Option<Date> {
    when(at, tz, problems).map(|w| w.date())
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
            .with_help("add `slug = \"…\"` with lowercase letters, digits and `-`"),
        );
    }
    At {
        value,
        span: file_start(),
    }
}

/// Every link to another incident and every relative link to a file the file writes, in its body or
/// in front-matter text, with its place in the file (front-matter links point at the value that holds them).
fn links(
    front: &FrontMatter,
    body: &str,
    base: usize,
) -> (Vec<markdown::IncidentLink>, Vec<At<String>>) {
    let mut values: Vec<&At<String>> = front.texts.iter().map(|(_, at)| at).collect();
    for list in [&front.contributing_factors, &front.lessons]
        .into_iter()
        .flatten()
    {
        values.extend(list);
    }
    values.extend(
        front
            .actions
            .iter()
            .flatten()
            .filter_map(|a| a.title.as_ref()),
    );
    let entries = front
        .timeline
        .iter()
        .flatten()
        .map(|e| (e.text.as_str(), Some(&e.at.span)));
    let texts = std::iter::once((body, None))
        .chain(
            values
                .into_iter()
                .map(|at| (at.value.as_str(), Some(&at.span))),
        )
        .chain(entries);
    let (mut links, mut files) = (Vec::new(), Vec::new());
    for (text, value_span) in texts {
        // In the body, a link's own place; in front matter, the value that holds it.
        let place = |span: std::ops::Range<usize>| {
            value_span.map_or(span.start + base..span.end + base, Clone::clone)
        };
        links.extend(markdown::incident_links(text).into_iter().map(|link| {
            markdown::IncidentLink {
                span: place(link.span.clone()),
                ..link
            }
        }));
        files.extend(markdown::file_links(text).into_iter().map(|link| At {
            span: place(link.span),
            value: link.value,
        }));
    }
    (links, files)
}
