//! The rules `check` enforces on action items: an owner and a due date for open actions (warnings, or
//! errors under `[actions] require_owner`/`require_due`), `max_open_days` after the incident was
//! resolved, and overdue actions under `--fail-on-overdue` — each reported at the action's line.

use std::collections::HashMap;
use std::path::Path;

use crate::diagnostic::{Diagnostic, Level, Problem};
use crate::model::incident::Incident;
use crate::site::Site;

/// Checks every action of `site`; `texts` maps each file to its text (for the snippets).
pub fn check(site: &Site, texts: &HashMap<&Path, &str>, fail_on_overdue: bool) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    for incident in &site.incidents {
        let text = texts
            .get(incident.path.as_path())
            .copied()
            .unwrap_or_default();
        found.extend(check_incident(site, incident, text, fail_on_overdue));
    }
    found
}

/// Checks the actions of `incident`, written as `text`, by the rules of `site` (its config and
/// date): what [`check`] finds in that incident.
pub fn check_incident(
    site: &Site,
    incident: &Incident,
    text: &str,
    fail_on_overdue: bool,
) -> Vec<Diagnostic> {
    let rules = &site.config.actions;
    let mut found = Vec::new();
    let resolved = incident
        .times
        .resolved
        .as_ref()
        .map(crate::util::time::When::date);
    for action in incident.actions.iter().filter(|a| a.status.is_open()) {
        let mut report = |level: Level, message: String, help: &str| {
            let problem = Problem {
                level,
                span: action.span.clone(),
                message,
                help: Some(help.to_string()),
            };
            found.push(Diagnostic::locate(&incident.path, text, problem));
        };
        if action.owner.is_none() && rules.require_owner != Some(false) {
            let level = if rules.require_owner == Some(true) {
                Level::Error
            } else {
                Level::Warning
            };
            let help =
                "name who follows it up: `owner = \"team\"`, or `@team` in an Action items list";
            report(
                level,
                format!("open action `{}` has no owner", action.id),
                help,
            );
        }
        if action.due.is_none() && rules.require_due {
            let help = "give it a due date: `due = 2025-05-01`, or `due 2025-05-01` in an Action items list";
            report(
                Level::Error,
                format!("open action `{}` has no due date", action.id),
                help,
            );
        }
        if let (Some(limit), Some(resolved)) = (rules.max_open_days, resolved) {
            let open_for = (site.now - resolved).get_days();
            if open_for > i32::try_from(limit).unwrap_or(i32::MAX) {
                let help = "close it (`done` or `wontfix`), or raise `[actions] max_open_days`";
                report(
                    Level::Warning,
                    format!(
                        "action `{}` is still open {open_for} days after the incident was resolved (limit: {limit})",
                        action.id
                    ),
                    help,
                );
            }
        }
        if fail_on_overdue && let Some(days) = action.days_overdue(site.now) {
            let due = action.due.map(|d| d.to_string()).unwrap_or_default();
            let help = "finish it, move its due date, or mark it `wontfix`";
            let unit = if days == 1 { "day" } else { "days" };
            report(
                Level::Error,
                format!(
                    "action `{}` is {days} {unit} overdue (due {due})",
                    action.id
                ),
                help,
            );
        }
    }
    found
}
