//! Grouping repeated diagnostics by kind, so an archive with one mistake in every file gets a short,
//! readable report: the first few places of each kind, a count of the rest, and a summary by kind.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write as _;

use super::{Diagnostic, Level, plural};

/// How many places of one kind are shown before the rest are counted.
pub const SHOWN_PER_KIND: usize = 3;

/// The kind of a message: the message with each `quoted` part replaced by `…`, so
/// "unknown key `uuid` in front matter" and "unknown key `url` in front matter" are one kind.
pub fn kind(message: &str) -> String {
    let mut out = String::with_capacity(message.len());
    let mut parts = message.split('`');
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    let rest: Vec<&str> = parts.collect();
    // An odd count of backticks leaves the last part unquoted: keep it as written.
    let pairs = rest.len() / 2;
    for (i, part) in rest.iter().enumerate() {
        if i < pairs * 2 && i % 2 == 0 {
            out.push_str("`…`");
        } else if i < pairs * 2 {
            out.push_str(part);
        } else {
            out.push('`');
            out.push_str(part);
        }
    }
    out
}

/// One kind of problem and the diagnostics of that kind, in order.
struct Group<'a> {
    level: Level,
    kind: String,
    items: Vec<&'a Diagnostic>,
}

/// The diagnostics grouped by level and kind, in order of each kind's first place.
fn groups(diagnostics: &[Diagnostic]) -> Vec<Group<'_>> {
    let mut out: Vec<Group<'_>> = Vec::new();
    let mut index: HashMap<(Level, String), usize> = HashMap::new();
    for diagnostic in diagnostics {
        let key = (diagnostic.level, kind(&diagnostic.message));
        let at = *index.entry(key.clone()).or_insert_with(|| {
            out.push(Group {
                level: key.0,
                kind: key.1.clone(),
                items: Vec::new(),
            });
            out.len() - 1
        });
        out[at].items.push(diagnostic);
    }
    out
}

/// The human report of `diagnostics` (sorted): each one in full while no kind repeats more than
/// [`SHOWN_PER_KIND`] times; otherwise grouped by kind, the first places of each kind (all of them
/// when `verbose`), each help text once per kind, and a summary by kind at the end.
pub fn human(diagnostics: &[Diagnostic], verbose: bool) -> String {
    let groups = groups(diagnostics);
    let mut out = String::new();
    if groups.iter().all(|g| g.items.len() <= SHOWN_PER_KIND) {
        for diagnostic in diagnostics {
            let _ = writeln!(out, "{}", diagnostic.to_human());
        }
        return out;
    }
    for group in &groups {
        let shown = if verbose {
            group.items.len()
        } else {
            group.items.len().min(SHOWN_PER_KIND)
        };
        let mut helps = BTreeSet::new();
        for diagnostic in &group.items[..shown] {
            let mut diagnostic = (*diagnostic).clone();
            if let Some(help) = diagnostic.help.take()
                && helps.insert(help.clone())
            {
                diagnostic.help = Some(help);
            }
            let _ = writeln!(out, "{}", diagnostic.to_human());
        }
        let hidden = &group.items[shown..];
        if !hidden.is_empty() {
            let files: BTreeSet<_> = hidden.iter().map(|d| &d.path).collect();
            let _ = writeln!(
                out,
                "… and {} more like this in {} (`--verbose` shows them all)\n",
                hidden.len(),
                plural(files.len(), "file")
            );
        }
    }
    let _ = writeln!(out, "by kind:");
    let mut by_count: Vec<&Group<'_>> = groups.iter().collect();
    by_count.sort_by_key(|g| (g.level, std::cmp::Reverse(g.items.len())));
    for group in by_count {
        let level = match group.level {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        let _ = writeln!(
            out,
            "{:>7} × {level}: {}{}",
            group.items.len(),
            group.kind,
            quoted_counts(&group.items)
        );
    }
    out
}

/// How many values are listed after a kind in the summary.
const LISTED_VALUES: usize = 10;

/// ` (`start_time` ×6, `uuid` ×6, …)`: the first quoted part of each message, most frequent first,
/// when the messages of a kind quote different things; empty otherwise.
fn quoted_counts(items: &[&Diagnostic]) -> String {
    let mut counts: Vec<(&str, usize)> = Vec::new();
    for diagnostic in items {
        let Some(value) = diagnostic.message.split('`').nth(1) else {
            return String::new();
        };
        match counts.iter_mut().find(|(v, _)| *v == value) {
            Some((_, n)) => *n += 1,
            None => counts.push((value, 1)),
        }
    }
    if counts.len() < 2 {
        return String::new();
    }
    counts.sort_by_key(|(_, n)| std::cmp::Reverse(*n));
    let mut listed: Vec<String> = counts
        .iter()
        .take(LISTED_VALUES)
        .map(|(v, n)| format!("`{v}` ×{n}"))
        .collect();
    if counts.len() > LISTED_VALUES {
        listed.push(format!("{} more", counts.len() - LISTED_VALUES));
    }
    format!(" ({})", listed.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_parts_do_not_make_a_kind() {
        assert_eq!(
            kind("unknown key `uuid` in front matter"),
            "unknown key `…` in front matter"
        );
        assert_eq!(kind("no quotes"), "no quotes");
        assert_eq!(kind("one ` stray"), "one ` stray");
        assert_eq!(kind("`a` and `b` then `c"), "`…` and `…` then `c");
    }
}
