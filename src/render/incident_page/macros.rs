//! The parts of an incident page that the theme's `macros.html` renders: the rows of its actions
//! table (`tracker_row`), its action counts (`action_counts`) and its related incidents
//! (`card_list`), rendered with one evaluation of `macros.html` for a whole run of pages, where a
//! page importing `macros.html` evaluates it for itself.

use minijinja::{State, Value, context};

use super::kept::Kept;
use crate::render::env::PageEnv;
use crate::site::tracker::ActionCounts;

/// Runs `f` with the state of `macros.html` evaluated once; with none when the theme has no
/// `macros.html` or it cannot be evaluated (a template importing it then says why).
pub(super) fn with_macros<R>(
    env: &PageEnv<'_>,
    f: impl for<'s, 'st> FnOnce(Option<&'s mut State<'st, 'st>>) -> R,
) -> R {
    let Ok(template) = env.env.get_template("macros.html") else {
        return f(None);
    };
    match template.render_captured(context! {}) {
        Ok(mut captured) => captured.with_state_mut(|state| f(Some(state))),
        Err(_) => f(None),
    }
}

/// What `action_counts` renders for the pages of a run, by language and total, open, overdue and
/// unknown counts: each rendered once. The macro sees nothing but its arguments (`macros.html`
/// is evaluated without a context, and a template prints the same for the same values), and most
/// incidents share their counts with many others.
pub(super) type CountsHtml = Kept<(String, [usize; 4]), Value>;

/// An incident's action counts (the view's, which `incident.actions` shows), and where the HTML
/// of counts is kept for the pages of a run.
pub(super) struct Counts<'a> {
    pub html: &'a CountsHtml,
    pub counts: &'a ActionCounts,
}

/// The parts of an incident page rendered by `macros.html`; each none when it cannot be, and the
/// template then renders it itself (and an error names its place).
pub(super) struct Parts {
    /// `action_rows`: each action item as `tracker_row(a, t, root, lang, true, false, true)`
    /// renders it.
    pub action_rows: Value,
    /// `action_counts_html`: the incident's `actions` as `action_counts(actions, t)` renders them.
    pub action_counts_html: Value,
    /// `related_html`: the related incidents as `card_list(related, t, root, lang, 3)` renders them.
    pub related_html: Value,
}

/// An incident page's [`Parts`]. The action parts are none when there are no action items, and
/// the related incidents none when there are none; each is none when there is no `macros.html`
/// state, no such macro or the macro cannot render them so.
pub(super) fn parts(
    state: Option<&mut State<'_, '_>>,
    incident: &Value,
    t: &Value,
    root: &str,
    lang: &str,
    counts: &Counts<'_>,
) -> Parts {
    let mut parts = Parts {
        action_rows: Value::from(()),
        action_counts_html: Value::from(()),
        related_html: Value::from(()),
    };
    let Some(state) = state else {
        return parts;
    };
    if let Some(items) = non_empty(incident, "action_items") {
        action_parts(state, &mut parts, &items, incident, t, (root, lang), counts);
    }
    let (root, lang) = (Value::from(root), Value::from(lang));
    if let Some(related) = non_empty(incident, "related") {
        let args = [related, t.clone(), root, lang, Value::from(3)];
        if let Some(html) = call(state, "card_list", &args) {
            parts.related_html = html;
        }
    }
    parts
}

/// The action parts of `parts`: the rows of `items` and the counts of `incident`'s actions.
fn action_parts(
    state: &mut State<'_, '_>,
    parts: &mut Parts,
    items: &Value,
    incident: &Value,
    t: &Value,
    (root, lang): (&str, &str),
    counts: &Counts<'_>,
) {
    let (root_value, lang_value) = (Value::from(root), Value::from(lang));
    let rows: Option<Vec<Value>> = items.try_iter().ok().and_then(|items| {
        items
            .map(|a| {
                let args = [
                    a,
                    t.clone(),
                    root_value.clone(),
                    lang_value.clone(),
                    Value::from(true),
                    Value::from(false),
                    Value::from(true),
                ];
                call(state, "tracker_row", &args)
            })
            .collect()
    });
    if let Some(rows) = rows {
        parts.action_rows = Value::from(rows);
    }
    let counted = counts.counts;
    let key = [
        counted.total,
        counted.open,
        counted.overdue,
        counted.unknown,
    ];
    let html = counts.html.get_or_render((lang.to_string(), key), || {
        incident
            .get_attr("actions")
            .ok()
            .and_then(|actions| call(state, "action_counts", &[actions, t.clone()]))
    });
    if let Some(html) = html {
        parts.action_counts_html = html;
    }
}

/// `incident`'s list `key` when it has items.
fn non_empty(incident: &Value, key: &str) -> Option<Value> {
    incident
        .get_attr(key)
        .ok()
        .filter(|items| items.len().is_some_and(|n| n > 0))
}

/// What the macro `name` renders with `args`, as HTML to print as it is: the value the macro
/// returns (already safe in an HTML template), without copying it out into a string and back.
fn call(state: &mut State<'_, '_>, name: &str, args: &[Value]) -> Option<Value> {
    let html = state.lookup(name)?.call(state, args).ok()?;
    if html.is_safe() {
        Some(html)
    } else {
        Some(Value::from_safe_string(html.to_string()))
    }
}
