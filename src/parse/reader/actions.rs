//! An incident's action items, from `[[actions]]` or from its Action items list, with their checks.

use std::ops::Range;

use jiff::tz::TimeZone;

use super::{Reader, date};
use crate::diagnostic::Problem;
use crate::model::action::{Action, ActionStatus};
use crate::parse::action_item;
use crate::parse::front_matter::FrontMatter;
use crate::parse::markdown::{self, Definitions, Events, MarkdownOptions};
use crate::parse::sections::{self, Field, Section};

impl Reader<'_> {
    /// The actions and their rendered titles, from `[[actions]]`, else from the Action items section
    /// (whose lists then leave the body). Actions without an id are numbered after `incident_id`.
    pub(super) fn actions(&mut self, incident_id: &str) -> (Vec<Action>, Vec<String>) {
        let section = self.section(Field::Actions).cloned();
        let (actions, html, consumed) = read(
            &self.front,
            section.as_ref(),
            (self.body, self.base, &self.events),
            (incident_id, self.config.actions.default_status()),
            &self.tz,
            (&self.options, &self.definitions),
            self.problems,
        );
        self.consumed.extend(consumed);
        (actions, html)
    }
}

/// The actions, their rendered titles, and the body ranges they were read from. A list item that
/// gives no status gets `default_status`. The ranges are the whole section
/// when it holds only lists, else only its lists, so its other text stays in the body under its
/// heading.
fn read(
    front: &FrontMatter,
    section: Option<&Section>,
    (body, base, body_events): (&str, usize, &Events<'_>),
    (incident_id, default_status): (&str, ActionStatus),
    tz: &TimeZone,
    (options, definitions): (&MarkdownOptions, &Definitions),
    problems: &mut Vec<Problem>,
) -> (Vec<Action>, Vec<String>, Vec<Range<usize>>) {
    if let Some(raw) = &front.actions {
        let actions = raw
            .iter()
            .enumerate()
            .filter_map(|(i, raw)| {
                let title = raw.title.as_ref()?;
                let status = raw.status.unwrap_or(ActionStatus::Open);
                let completed = raw.completed.as_ref().and_then(|at| date(at, tz, problems));
                if let Some(at) = &raw.completed
                    && status.is_open()
                {
                    problems.push(
                        Problem::error(
                            at.span.clone(),
                            format!("`completed` is set but the action is `{}`", status.as_str()),
                        )
                        .with_help("`completed` goes only with status `done` or `wontfix`"),
                    );
                }
                Some(Action {
                    id: raw
                        .id
                        .as_ref()
                        .map_or_else(|| format!("{incident_id}-{}", i + 1), |a| a.value.clone()),
                    title: title.value.clone(),
                    status,
                    owner: raw.owner.clone(),
                    due: raw.due.as_ref().and_then(|at| date(at, tz, problems)),
                    priority: raw.priority,
                    kind: raw.kind,
                    ticket: raw.ticket.clone(),
                    completed,
                    notes: None,
                    span: title.span.clone(),
                })
            })
            .collect::<Vec<_>>();
        let html = actions
            .iter()
            .map(|a| markdown::render_inline(&a.title, options))
            .collect();
        (actions, html, Vec::new())
    } else if let Some(section) = section {
        let content = &body[section.content.clone()];
        let shift = base + section.content.start;
        // The section's events (from the body's when they are the same), for its actions and for
        // what besides lists it holds.
        let events = (definitions.part_events(body, body_events, &section.content))
            .unwrap_or_else(|| markdown::parse(content));
        let lists = sections::lists_of(content, &events);
        let (drafts, found) = action_item::extract_parsed(content, events);
        problems.extend(found.into_iter().map(|p| p.shifted(shift)));
        let actions = drafts
            .into_iter()
            .enumerate()
            .map(|(i, d)| Action {
                id: format!("{incident_id}-{}", i + 1),
                title: d.title,
                status: d.status.unwrap_or(default_status),
                owner: d.owner,
                due: d.due,
                priority: None,
                kind: None,
                ticket: d.ticket,
                completed: None,
                notes: d.notes.map(|notes| definitions.render(&notes, options)),
                span: d.span.start + shift..d.span.end + shift,
            })
            .collect::<Vec<_>>();
        let html = actions
            .iter()
            .map(|a| definitions.render_inline(&a.title, options))
            .collect();
        let consumed = if lists.more {
            let start = section.content.start;
            lists
                .ranges
                .iter()
                .map(|r| r.start + start..r.end + start)
                .collect()
        } else {
            vec![section.whole.clone()]
        };
        (actions, html, consumed)
    } else {
        (Vec::new(), Vec::new(), Vec::new())
    }
}
