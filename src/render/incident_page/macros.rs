//! The parts of an incident page that the theme's `macros.html` renders: the rows of its actions
//! table (`tracker_row`) and its action counts (`action_counts`), rendered with one evaluation of
//! `macros.html` for a whole run of pages, where a page importing `macros.html` evaluates it for
//! itself.

use minijinja::{State, Value, context};

use crate::render::env::PageEnv;

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

/// An incident page's `action_rows` and `action_counts_html`: each of `incident`'s action items
/// as `tracker_row(a, t, root, lang, true, false, true)` renders it, and its `actions` as
/// `action_counts(actions, t)` renders them. Each is none when there are no action items, no
/// `macros.html` state, no such macro or the macro cannot render them so: the template then
/// renders them itself (and an error names its place).
pub(super) fn parts(
    state: Option<&mut State<'_, '_>>,
    incident: &Value,
    t: &Value,
    root: &str,
    lang: &str,
) -> (Value, Value) {
    let none = || (Value::from(()), Value::from(()));
    let Some(state) = state else {
        return none();
    };
    let Some(items) = incident
        .get_attr("action_items")
        .ok()
        .filter(|items| items.len().is_some_and(|n| n > 0))
    else {
        return none();
    };
    let (root, lang) = (Value::from(root), Value::from(lang));
    let rows: Option<Vec<Value>> = items.try_iter().ok().and_then(|items| {
        items
            .map(|a| {
                let args = [
                    a,
                    t.clone(),
                    root.clone(),
                    lang.clone(),
                    Value::from(true),
                    Value::from(false),
                    Value::from(true),
                ];
                state.call_macro("tracker_row", &args).ok()
            })
            .map(|row| row.map(Value::from_safe_string))
            .collect()
    });
    let counts = incident.get_attr("actions").ok().and_then(|actions| {
        state
            .call_macro("action_counts", &[actions, t.clone()])
            .ok()
            .map(Value::from_safe_string)
    });
    (
        rows.map_or_else(|| Value::from(()), Value::from),
        counts.unwrap_or_else(|| Value::from(())),
    )
}
