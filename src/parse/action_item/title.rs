//! An action item's title: its text with the markers taken out and the leftovers tidied.

use std::ops::Range;

use crate::model::action::ActionStatus;

/// Characters left dangling at either end of a title once markers are gone.
const SEPARATORS: &[char] = &[',', ';', ':', '—', '–', '|'];

/// The title of `text` without the `removed` ranges, and the status of a trailing `(done)`-style
/// word, which is taken out too.
pub(super) fn clean(text: &str, removed: &[Range<usize>]) -> (String, Option<ActionStatus>) {
    let mut pieces = Vec::with_capacity(removed.len() + 1);
    let mut at = 0;
    for range in removed {
        pieces.push(collapse(&text[at..range.start]));
        at = range.end;
    }
    pieces.push(collapse(&text[at..]));
    drop_emptied_brackets(&mut pieces);
    let mut title = String::new();
    for piece in pieces
        .iter()
        .map(|p| p.trim())
        .filter(|p| !separators_only(p))
    {
        let piece = match title.chars().next_back() {
            Some(last) if SEPARATORS.contains(&last) || last == '-' => {
                piece.trim_start_matches(SEPARATORS).trim_start()
            }
            _ => piece,
        };
        if !title.is_empty() && !piece.starts_with([',', ';', ':', '.', '!', '?', ')']) {
            title.push(' ');
        }
        title.push_str(piece);
    }
    let title = trim_separators(&title);
    match trailing_status(&title) {
        Some((rest, status)) => (trim_separators(rest), Some(status)),
        None => (title, None),
    }
}

/// Whitespace runs (newlines included) as single spaces, keeping a space at either end if any.
fn collapse(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            space = true;
        } else {
            if space {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
    }
    if space {
        out.push(' ');
    }
    out
}

/// Whether a piece between markers is nothing but separators (`,` `;` `.`) and whitespace.
fn separators_only(piece: &str) -> bool {
    piece
        .chars()
        .all(|c| c.is_whitespace() || matches!(c, ',' | ';' | '.'))
}

/// Removes `(` … `)` (or `[` … `]`) pairs that held nothing but markers: a piece ending in `(`,
/// then only separators, then a piece starting with `)`.
fn drop_emptied_brackets(pieces: &mut [String]) {
    for open in 0..pieces.len() {
        for (opening, closing) in [('(', ')'), ('[', ']')] {
            if !pieces[open].trim_end().ends_with(opening) {
                continue;
            }
            let Some(close) = (open + 1..pieces.len()).find(|&k| !separators_only(&pieces[k]))
            else {
                continue;
            };
            if !pieces[close].trim_start().starts_with(closing) {
                continue;
            }
            let kept = pieces[open]
                .trim_end()
                .strip_suffix(opening)
                .unwrap_or_default()
                .to_string();
            pieces[open] = kept;
            let rest = pieces[close]
                .trim_start()
                .strip_prefix(closing)
                .unwrap_or_default()
                .to_string();
            pieces[close] = rest;
            for piece in &mut pieces[open + 1..close] {
                piece.clear();
            }
        }
    }
}

/// `text` without whitespace and dangling separators (`,` `;` `:` `—` `–` `|`, a lone `-`) at
/// either end.
fn trim_separators(text: &str) -> String {
    let mut text = text.trim();
    loop {
        let before = text;
        text = text.trim_matches(SEPARATORS).trim();
        if let Some(rest) = text.strip_suffix(" -").or_else(|| text.strip_prefix("- ")) {
            text = rest.trim();
        }
        if text == "-" {
            text = "";
        }
        if text == before {
            return text.to_string();
        }
    }
}

/// A trailing `(done)`, `(ferdig)`, `(in progress)`, … : the text before it and the status.
fn trailing_status(title: &str) -> Option<(&str, ActionStatus)> {
    let body = title.trim_end_matches('.').trim_end().strip_suffix(')')?;
    let open = body.rfind('(')?;
    let status = status_word(&body[open + 1..])?;
    Some((&body[..open], status))
}

/// The status a word in parentheses names, English or Norwegian.
fn status_word(word: &str) -> Option<ActionStatus> {
    let word = word.trim().to_lowercase();
    ActionStatus::parse(&word).or(match word.as_str() {
        "ferdig" | "fullført" | "løst" | "fixed" | "completed" => Some(ActionStatus::Done),
        "won't fix" | "wont fix" | "will not fix" | "won't-fix" | "avvist" => {
            Some(ActionStatus::Wontfix)
        }
        "in progress" | "pågår" | "under arbeid" | "påbegynt" => Some(ActionStatus::InProgress),
        "blokkert" => Some(ActionStatus::Blocked),
        "åpen" | "todo" | "to do" => Some(ActionStatus::Open),
        _ => None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn title(text: &str, markers: &[&str]) -> (String, Option<ActionStatus>) {
        let removed: Vec<Range<usize>> = markers
            .iter()
            .map(|m| {
                let at = text.find(m).unwrap();
                at..at + m.len()
            })
            .collect();
        clean(text, &removed)
    }

    #[test]
    fn dangling_separators_and_emptied_brackets_go() {
        assert_eq!(
            title(
                "Fix thing @bob, due 2025-01-01, OPS-1",
                &["@bob", "due 2025-01-01", "OPS-1"]
            )
            .0,
            "Fix thing"
        );
        assert_eq!(
            title(
                "Add alert (@sre, due 2025-01-01)",
                &["@sre", "due 2025-01-01"]
            )
            .0,
            "Add alert"
        );
        assert_eq!(
            title("Add alert @sre, then page the team", &["@sre"]).0,
            "Add alert, then page the team"
        );
        assert_eq!(title("OPS-1: Fix thing", &["OPS-1"]).0, "Fix thing");
        assert_eq!(title("Rotate keys — @sec", &["@sec"]).0, "Rotate keys");
        assert_eq!(title("Rotate keys - @sec", &["@sec"]).0, "Rotate keys");
        assert_eq!(title("Rotate keys; @sec", &["@sec"]).0, "Rotate keys");
        assert_eq!(title("@sec — Rotate keys", &["@sec"]).0, "Rotate keys");
        assert_eq!(
            title("Add a\n  multi-line   title @x", &["@x"]).0,
            "Add a multi-line title"
        );
    }

    #[test]
    fn brackets_and_dashes_that_belong_to_the_title_stay() {
        assert_eq!(
            title("Call `close()` on shutdown @bob", &["@bob"]).0,
            "Call `close()` on shutdown"
        );
        assert_eq!(
            title("Fix the e-mail relay (SMTP) @bob", &["@bob"]).0,
            "Fix the e-mail relay (SMTP)"
        );
        assert_eq!(
            title("Cache - quick fix @bob", &["@bob"]).0,
            "Cache - quick fix"
        );
    }

    #[test]
    fn trailing_status_words() {
        assert_eq!(
            title("Fix it (done)", &[]),
            ("Fix it".to_string(), Some(ActionStatus::Done))
        );
        assert_eq!(
            title("Fiks det (ferdig).", &[]),
            ("Fiks det".to_string(), Some(ActionStatus::Done))
        );
        assert_eq!(
            title("Fix it (In Progress)", &[]).1,
            Some(ActionStatus::InProgress)
        );
        assert_eq!(
            title("Fix it (in-progress)", &[]).1,
            Some(ActionStatus::InProgress)
        );
        assert_eq!(
            title("Fiks det (pågår)", &[]).1,
            Some(ActionStatus::InProgress)
        );
        assert_eq!(
            title("Fix it (blocked)", &[]).1,
            Some(ActionStatus::Blocked)
        );
        assert_eq!(
            title("Fiks det (blokkert)", &[]).1,
            Some(ActionStatus::Blocked)
        );
        assert_eq!(
            title("Fix it (wontfix)", &[]).1,
            Some(ActionStatus::Wontfix)
        );
        assert_eq!(title("Fix it (open)", &[]).1, Some(ActionStatus::Open));
        assert_eq!(title("Fiks det (åpen)", &[]).1, Some(ActionStatus::Open));
        assert_eq!(
            title("Fix it (done) @bob", &["@bob"]),
            ("Fix it".to_string(), Some(ActionStatus::Done))
        );
        assert_eq!(title("Fix it — (done)", &[]).0, "Fix it");
        assert_eq!(
            title("Move the job (nightly)", &[]),
            ("Move the job (nightly)".to_string(), None)
        );
        assert_eq!(
            title("Check (done) flags", &[]),
            ("Check (done) flags".to_string(), None)
        );
    }
}
