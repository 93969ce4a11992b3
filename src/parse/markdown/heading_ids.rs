//! Heading ids: unique within a document and never empty, so every heading can be linked to.

use std::collections::HashSet;

use crate::util::slug::slugify;

/// The id of a heading whose text gives no usable slug (`## ???`).
const FALLBACK_ID: &str = "section";

/// Hands out heading ids for one document.
#[derive(Debug, Default)]
pub(super) struct HeadingIds {
    used: HashSet<String>,
}

impl HeadingIds {
    /// The id of the next heading: its explicit `{#id}` (control characters left out) if any, else the slug of its text
    /// (else `section`), with `-1`, `-2`, … appended when the document already uses it.
    pub(super) fn assign(&mut self, explicit: Option<&str>, text: &str) -> String {
        let explicit = explicit.map(super::drop_controls);
        let base = match explicit
            .as_deref()
            .map(str::trim)
            .filter(|id| !id.is_empty())
        {
            Some(id) => id.to_string(),
            None => slugify(text),
        };
        let base = if base.is_empty() {
            FALLBACK_ID.to_string()
        } else {
            base
        };
        if self.used.insert(base.clone()) {
            return base;
        }
        let mut n = 1usize;
        loop {
            let candidate = format!("{base}-{n}");
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
            n += 1;
        }
    }
}
