//! Turning one file's front matter and body sections into an [`Incident`]: defaults, derivations and checks.

use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::config::Config;
use crate::diagnostic::Problem;
use crate::front_matter::{self, At, FrontMatter};
use crate::incident::{Incident, Status, Texts, Times, Visibility, file_start};
use crate::markdown::{self, MarkdownOptions};
use crate::sections::{self, Field, Outline, Section};
use crate::slug;
use crate::source::Source;
use crate::time::{self, When};
use crate::timeline::{self, TimelineEntry};

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
        (Some(title), _) => title.value.clone(),
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
        None => crate::language::guess(body, &outline)
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
    let status = word(
        &front.status,
        Status::parse,
        &Status::words(),
        "status",
        problems,
    )
    .unwrap_or(Status::Published);
    let visibility = word(
        &front.visibility,
        Visibility::parse,
        &Visibility::words(),
        "visibility",
        problems,
    )
    .unwrap_or(Visibility::Public);
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
        let near = crate::vocabulary::closest(&at.value, &keys)
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
    let (actions, actions_html, consumed_actions) = crate::incident_actions::read(
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
    let mut rendered = markdown::render(body, &options, &consumed);
    for link in &mut rendered.links {
        link.span = link.span.start + base..link.span.end + base;
    }
    let timeline_html = timeline
        .iter()
        .map(|e| markdown::render_inline(&e.text, &options))
        .collect();
    let mut text = markdown::plain_text(&title);
    let parts = [
        &texts.summary_full,
        &texts.impact,
        &texts.root_cause,
        &texts.trigger,
        &texts.detection,
        &texts.resolution,
    ];
    for html in parts.into_iter().flatten() {
        text.push('\n');
        text.push_str(&strip_tags(html));
    }
    for entry in &timeline {
        text.push('\n');
        text.push_str(&markdown::plain_text(&entry.text));
    }
    text.push('\n');
    text.push_str(&rendered.text);

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
        text,
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

fn word<T>(
    at: &Option<At<String>>,
    parse: fn(&str) -> Option<T>,
    words: &[&str],
    key: &str,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    let at = at.as_ref()?;
    let value = parse(&at.value);
    if value.is_none() {
        let valid = words
            .iter()
            .map(|w| format!("`{w}`"))
            .collect::<Vec<_>>()
            .join(", ");
        problems.push(
            Problem::error(at.span.clone(), format!("unknown {key} `{}`", at.value))
                .with_help(format!("valid values: {valid}")),
        );
    }
    value
}

/// Parses a written time in `tz`, reporting what would be valid.
pub(crate) fn when(at: &At<String>, tz: &TimeZone, problems: &mut Vec<Problem>) -> Option<When> {
    match time::parse_when(&at.value, tz) {
        Ok(when) => Some(when),
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

fn read_times(raw: &front_matter::RawTimes, tz: &TimeZone, problems: &mut Vec<Problem>) -> Times {
    let parse = |at: &Option<At<String>>, problems: &mut Vec<Problem>| {
        at.as_ref().and_then(|at| when(at, tz, problems))
    };
    let times = Times {
        started: parse(&raw.started, problems),
        detected: parse(&raw.detected, problems),
        acknowledged: parse(&raw.acknowledged, problems),
        mitigated: parse(&raw.mitigated, problems),
        resolved: parse(&raw.resolved, problems),
    };
    let spans = [
        &raw.started,
        &raw.detected,
        &raw.acknowledged,
        &raw.mitigated,
        &raw.resolved,
    ];
    let known = times.known();
    for (i, (key, later)) in known.iter().enumerate() {
        if let Some((earlier_key, _)) = known[..i]
            .iter()
            .rev()
            .find(|(_, e)| e.timestamp(tz) > later.timestamp(tz))
        {
            let index = [
                "started",
                "detected",
                "acknowledged",
                "mitigated",
                "resolved",
            ]
            .iter()
            .position(|k| k == key)
            .unwrap_or(0);
            let span = spans[index]
                .as_ref()
                .map_or(file_start(), |a| a.span.clone());
            problems.push(
                Problem::error(span, format!("`{key}` is before `{earlier_key}`"))
                    .with_help("times must be in order: started ≤ detected ≤ acknowledged ≤ mitigated ≤ resolved"),
            );
        }
    }
    times
}

#[allow(clippy::too_many_arguments)]
fn read_timeline(
    front: &FrontMatter,
    section: Option<&Section>,
    body: &str,
    base: usize,
    default_date: Option<Date>,
    tz: &TimeZone,
    problems: &mut Vec<Problem>,
) -> (Vec<TimelineEntry>, Option<std::ops::Range<usize>>) {
    if let Some(entries) = &front.timeline {
        let mut previous: Option<Date> = None;
        let list = entries
            .iter()
            .map(|e| {
                let at = match time::parse_when(&e.at.value, tz) {
                    Ok(when) => Some(when),
                    // A bare `HH:MM` takes the date of the entry above, else the incident's date.
                    Err(_) if time::parse_clock(&e.at.value).is_some() && (previous.is_some() || default_date.is_some()) => {
                        let day = previous.or(default_date).unwrap_or_else(|| unreachable!("checked above"));
                        let clock = time::parse_clock(&e.at.value).unwrap_or_else(|| unreachable!("checked above"));
                        day.to_datetime(clock).to_zoned_datetime(tz.clone()).ok().map(When::At)
                    }
                    Err(_) => {
                        problems.push(
                            Problem::warning(e.at.span.clone(), format!("`{}` is not a time; the entry is kept but not placed on the timeline", e.at.value))
                                .with_help(format!("write {}", time::WHEN_FORMS)),
                        );
                        None
                    }
                };
                if let Some(when) = &at {
                    previous = Some(when.date());
                }
                TimelineEntry { at, time_text: e.at.value.clone(), text: e.text.clone(), kind: e.kind.clone(), span: e.at.span.clone() }
            })
            .collect();
        return (list, None);
    }
    let Some(section) = section else {
        return (Vec::new(), None);
    };
    let content = &body[section.content.clone()];
    let (mut entries, found) = timeline::extract(content, default_date, tz);
    let shift = base + section.content.start;
    problems.extend(found.into_iter().map(|p| p.shifted(shift)));
    for entry in &mut entries {
        entry.span = entry.span.start + shift..entry.span.end + shift;
    }
    (entries, Some(section.whole.clone()))
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

fn read_texts(
    front: &FrontMatter,
    outline: &Outline,
    body: &str,
    options: &MarkdownOptions,
    consumed: &mut Vec<std::ops::Range<usize>>,
) -> Texts {
    let mut from_section = |field: Field| -> Option<String> {
        let section = outline.sections.iter().find(|s| s.field == field)?;
        consumed.push(section.whole.clone());
        Some(body[section.content.clone()].to_string())
    };
    let front_text = |key: &str| {
        front
            .texts
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, at)| at.value.clone())
    };
    let render = |markdown: &str| markdown::render(markdown, options, &[]).html;
    let mut field = |key: &str, field: Field| {
        front_text(key)
            .or_else(|| from_section(field))
            .map(|m| render(&m))
    };
    let summary_section = outline
        .sections
        .iter()
        .find(|s| s.field == Field::Summary)
        .map(|s| body[s.content.clone()].to_string());
    let impact = field("impact", Field::Impact);
    let root_cause = field("root_cause", Field::RootCause);
    let trigger = field("trigger", Field::Trigger);
    let detection = field("detection", Field::Detection);
    let resolution = field("resolution", Field::Resolution);
    // The page shows the whole Summary section when there is one; lists use the short summary.
    let summary_full = from_section(Field::Summary)
        .or_else(|| front_text("summary"))
        .map(|m| render(&m));
    let short = front_text("summary")
        .or_else(|| {
            summary_section
                .as_deref()
                .and_then(|s| sections::first_paragraph(s).map(|r| s[r].to_string()))
        })
        .or_else(|| first_body_paragraph(body, outline));
    let summary = short.map(|s| markdown::render_inline(&s, options));
    let list = |key: &'static str,
                list: &Option<Vec<At<String>>>,
                field: Field,
                consumed: &mut Vec<std::ops::Range<usize>>|
     -> Vec<String> {
        let _ = key;
        if let Some(items) = list {
            return items
                .iter()
                .map(|i| markdown::render_inline(&i.value, options))
                .collect();
        }
        let Some(section) = outline.sections.iter().find(|s| s.field == field) else {
            return Vec::new();
        };
        consumed.push(section.whole.clone());
        let content = &body[section.content.clone()];
        sections::list_items(content)
            .into_iter()
            .map(|r| markdown::render_inline(&content[r], options))
            .collect()
    };
    let contributing_factors = list(
        "contributing_factors",
        &front.contributing_factors,
        Field::ContributingFactors,
        consumed,
    );
    let lessons = list("lessons", &front.lessons, Field::Lessons, consumed);
    Texts {
        summary,
        summary_full,
        impact,
        root_cause,
        trigger,
        detection,
        resolution,
        contributing_factors,
        lessons,
    }
}

fn first_body_paragraph(body: &str, outline: &Outline) -> Option<String> {
    let start = outline.title.as_ref().map_or(0, |(_, r)| r.end);
    let rest = &body[start..];
    sections::first_paragraph(rest).map(|r| rest[r].to_string())
}

/// Text of an HTML fragment without its tags, for the search text.
fn strip_tags(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out
}
