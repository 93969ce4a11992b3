//! Matching section headings to fields, however a writer or a word processor spelled them.

use std::collections::{BTreeMap, HashMap};

use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::model::field::{BUILTIN_ALIASES, Field};

/// The section headings a site recognises: the built-in ones plus those of its `debrief.toml`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Aliases {
    /// Normalised heading → field, and the language of a built-in heading.
    by_heading: HashMap<String, (Field, Option<&'static str>)>,
}

impl Default for Aliases {
    /// The built-in aliases only.
    fn default() -> Self {
        let by_heading = BUILTIN_ALIASES
            .iter()
            .map(|alias| (normalize(alias.heading), (alias.field, Some(alias.lang))))
            .collect();
        Self { by_heading }
    }
}

impl Aliases {
    /// The built-in aliases plus `extra`, keyed by field key (`root_cause = ["Why it broke"]`).
    ///
    /// A site's alias wins over a built-in one of another field. An unknown key, an empty
    /// alias, or one alias given for two fields is an error, whose message names the valid choices.
    pub fn new(extra: &BTreeMap<String, Vec<String>>) -> Result<Aliases, String> {
        let mut aliases = Aliases::default();
        let mut from_site: HashMap<String, Field> = HashMap::new();
        for (key, headings) in extra {
            let field = Field::from_key(key.trim()).ok_or_else(|| {
                let keys: Vec<&str> = Field::ALL.iter().map(|f| f.key()).collect();
                format!(
                    "unknown section field `{key}`; the fields are {}",
                    keys.join(", ")
                )
            })?;
            for heading in headings {
                let normalized = normalize(heading);
                if normalized.is_empty() {
                    return Err(format!(
                        "an alias of `{key}` is empty; give the heading text, such as \"{}\"",
                        field.builtin_aliases().next().unwrap_or_default()
                    ));
                }
                match from_site.get(&normalized) {
                    Some(&other) if other != field => {
                        return Err(format!(
                            "the alias \"{}\" is given for both `{}` and `{}`; keep it under one of them",
                            heading.trim(),
                            other.key(),
                            field.key()
                        ));
                    }
                    _ => {}
                }
                from_site.insert(normalized.clone(), field);
                aliases.by_heading.insert(normalized, (field, None));
            }
        }
        Ok(aliases)
    }

    /// The field a heading names, if any.
    ///
    /// Case is ignored (æøå included), the text is NFC-normalised, surrounding whitespace,
    /// a trailing `:` or `?` and a leading section number (`2.`, `3.1`, `4)`) are ignored,
    /// and runs of whitespace count as one space.
    pub fn field_of(&self, heading: &str) -> Option<Field> {
        self.by_heading
            .get(&normalize(heading))
            .map(|(field, _)| *field)
    }

    /// The language of a heading when it is a built-in one (a site's own aliases have none).
    pub fn language_of(&self, heading: &str) -> Option<&'static str> {
        self.by_heading
            .get(&normalize(heading))
            .and_then(|(_, lang)| *lang)
    }
}

/// The comparable form of a heading: see [`Aliases::field_of`].
pub(crate) fn normalize(heading: &str) -> String {
    let trimmed = heading
        .trim()
        .trim_end_matches(|c: char| matches!(c, ':' | '?' | '：') || c.is_whitespace());
    let text = strip_number(trimmed);
    let mut out = String::with_capacity(text.len());
    if text.is_ascii() {
        // ASCII's white space is `\t` to `\r` and the space, and its lowercase is
        // `to_ascii_lowercase`; ASCII text is already in NFC. Each word is copied whole, and
        // the copy lowercased at once.
        let bytes = text.as_bytes();
        let is_space = |b: u8| matches!(b, b'\t'..=b'\r' | b' ');
        let mut at = 0;
        while at < bytes.len() {
            if is_space(bytes[at]) {
                at += 1;
                continue;
            }
            let end = (bytes[at..].iter())
                .position(|&b| is_space(b))
                .map_or(bytes.len(), |n| at + n);
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(&text[at..end]);
            at = end;
        }
        out.make_ascii_lowercase();
        return out;
    }
    for word in text.split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    // Most text is in NFC already, which a quick look can tell.
    if is_nfc_quick(out.chars()) == IsNormalized::Yes {
        return out;
    }
    out.nfc().collect()
}

/// `text` without a leading section number such as `2.`, `3.1` or `4)`.
fn strip_number(text: &str) -> &str {
    if !text.starts_with(|c: char| c.is_ascii_digit()) {
        return text;
    }
    let rest = text.trim_start_matches(|c: char| c.is_ascii_digit() || c == '.');
    let rest = rest.strip_prefix(')').unwrap_or(rest);
    if rest.starts_with(char::is_whitespace) && !rest.trim().is_empty() {
        rest.trim_start()
    } else {
        text
    }
}

#[cfg(test)]
#[path = "alias_tests.rs"]
pub(crate) mod tests;
