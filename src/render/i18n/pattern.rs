//! A language's date patterns (`{day}. {month} {year}`), filled in as a chain of [`str::replace`]
//! would fill them; cut at their placeholders once, since every time on every page is written
//! with them.

use std::ops::Range;

/// A piece of a [`Pattern`]: its own text, or the value of one of its placeholders.
#[derive(Clone, Debug)]
enum Part {
    Text(Range<usize>),
    Value(usize),
}

/// A pattern with placeholders such as `{day}`, and where they are in it.
#[derive(Clone, Debug)]
pub(super) struct Pattern {
    text: String,
    /// The pattern cut at the placeholders of its keys; none when it holds a `{` that opens none
    /// of them, which only the chain of replacements fills as written.
    parts: Option<Vec<Part>>,
}

impl Pattern {
    /// `text` with the placeholders `keys` (`{day}`, …; none the start of another).
    pub(super) fn new(text: &str, keys: &[&str]) -> Pattern {
        let mut parts = Some(Vec::new());
        let mut at = 0;
        while let Some(found) = text[at..].find('{') {
            let start = at + found;
            let Some(key) = keys.iter().position(|key| text[start..].starts_with(key)) else {
                parts = None;
                break;
            };
            if let Some(parts) = &mut parts {
                parts.push(Part::Text(at..start));
                parts.push(Part::Value(key));
            }
            at = start + keys[key].len();
        }
        if let Some(parts) = &mut parts {
            parts.push(Part::Text(at..text.len()));
        }
        Pattern {
            text: text.to_string(),
            parts,
        }
    }

    /// The pattern with each placeholder replaced by its value (`values` in the order of the
    /// keys it was made with), as [`fill`] replaces them.
    pub(super) fn fill(&self, keys: &[&str], values: &[&str]) -> String {
        match &self.parts {
            Some(parts) if !values.iter().any(|value| value.contains('{')) => {
                let mut out = String::with_capacity(self.text.len() + 24);
                for part in parts {
                    match part {
                        Part::Text(range) => out.push_str(&self.text[range.clone()]),
                        Part::Value(n) => out.push_str(values[*n]),
                    }
                }
                out
            }
            _ => {
                let subs: Vec<(&str, &str)> =
                    keys.iter().copied().zip(values.iter().copied()).collect();
                fill(&self.text, &subs)
            }
        }
    }
}

/// `pattern` with each `(placeholder, value)` of `subs` replaced in turn, as a chain of
/// [`str::replace`] would: in one pass when every `{` of the pattern opens a placeholder and no
/// value holds a `{` (so no replacement can make or hide another), else by that chain.
pub(super) fn fill(pattern: &str, subs: &[(&str, &str)]) -> String {
    let chained = || {
        subs.iter().fold(pattern.to_string(), |text, (key, value)| {
            text.replace(key, value)
        })
    };
    if subs.iter().any(|(_, value)| value.contains('{')) {
        return chained();
    }
    let mut out = String::with_capacity(pattern.len() + 32);
    let mut rest = pattern;
    while let Some(at) = rest.find('{') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let Some((key, value)) = subs.iter().find(|(key, _)| rest.starts_with(key)) else {
            return chained();
        };
        out.push_str(value);
        rest = &rest[key.len()..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEYS: [&str; 3] = ["{day}", "{month}", "{year}"];

    fn chained(pattern: &str, values: &[&str]) -> String {
        KEYS.iter()
            .zip(values)
            .fold(pattern.to_string(), |t, (k, v)| t.replace(k, v))
    }

    #[test]
    fn patterns_are_filled_as_a_chain_of_replacements() {
        let patterns = [
            "{day}. {month} {year}",
            "{year}-{month}-{day}",
            "{{day}} {unknown} {year",
            "{month}{year}{month}",
            "{day",
            "ends with {",
            "no placeholder",
            "",
        ];
        let value_sets: [[&str; 3]; 3] = [
            ["7", "nov", "2024"],
            ["7", "{year}", "2024"],
            ["{", "}", "{day}"],
        ];
        for pattern in patterns {
            let cut = Pattern::new(pattern, &KEYS);
            for values in &value_sets {
                let expected = chained(pattern, values);
                let subs: Vec<(&str, &str)> =
                    KEYS.iter().copied().zip(values.iter().copied()).collect();
                assert_eq!(fill(pattern, &subs), expected, "{pattern} {values:?}");
                assert_eq!(cut.fill(&KEYS, values), expected, "{pattern} {values:?}");
            }
        }
        // A value holding a placeholder is replaced again by the later ones, as in the chain.
        let odd = [("{day}", "7"), ("{month}", "{year}"), ("{year}", "2024")];
        assert_eq!(fill("{day} {month}", &odd), "7 2024");
    }

    #[test]
    fn a_pattern_is_cut_only_where_its_braces_open_placeholders() {
        assert!(Pattern::new("{day}. {month} {year}", &KEYS).parts.is_some());
        assert!(Pattern::new("{{day}}", &KEYS).parts.is_none());
    }
}
