//! Closed sets of words front matter may use (statuses, priorities, …), parsed and listed alike.

/// Defines a closed vocabulary of kebab-case words with `ALL`, `as_str`, `parse` and `expected`.
macro_rules! vocabulary {
    ($(#[$meta:meta])* $name:ident { $($(#[$vmeta:meta])* $variant:ident = $word:literal),+ $(,)? }) => {
        $(#[$meta])*
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
        #[serde(rename_all = "kebab-case")]
        pub enum $name { $($(#[$vmeta])* $variant),+ }

        impl $name {
            /// Every word, in order.
            pub const ALL: &'static [$name] = &[$($name::$variant),+];

            /// The word for this value, as written in content.
            pub fn as_str(self) -> &'static str {
                match self { $($name::$variant => $word),+ }
            }

            /// Reads the word (case-insensitive); `None` when it is not one of [`Self::ALL`].
            pub fn parse(word: &str) -> Option<Self> {
                let word = word.trim();
                Self::ALL.iter().copied().find(|v| v.as_str().eq_ignore_ascii_case(word))
            }

            /// The valid words, for error messages: `` `open`, `done` ``.
            pub fn expected() -> String {
                Self::ALL.iter().map(|v| format!("`{}`", v.as_str())).collect::<Vec<_>>().join(", ")
            }

            /// The valid words as plain strings, for suggestions.
            pub fn words() -> Vec<&'static str> {
                Self::ALL.iter().map(|v| v.as_str()).collect()
            }
        }
    };
}

pub(crate) use vocabulary;

/// The candidate closest to `word` by edit distance, if it is close enough to be a likely typo.
pub fn closest<'a>(word: &str, candidates: &[&'a str]) -> Option<&'a str> {
    let word = word.to_lowercase();
    let length = word.chars().count();
    candidates
        .iter()
        .filter_map(|c| {
            let candidate = c.to_lowercase();
            let most = (c.chars().count() / 3).max(2);
            // The distance is at least the difference in length: skip the far ones unmeasured, so a
            // megabyte-long word costs no more than a short one.
            if length.abs_diff(candidate.chars().count()) > most {
                return None;
            }
            let distance = strsim::levenshtein(&word, &candidate);
            (distance <= most).then(|| (distance, first_difference(&word, &candidate), *c))
        })
        .min_by_key(|(distance, difference, _)| (*distance, *difference))
        .map(|(_, _, c)| c)
}

/// How far apart the first differing characters are (`sev5` is nearer `sev4` than `sev1`).
fn first_difference(a: &str, b: &str) -> u32 {
    a.chars()
        .zip(b.chars())
        .find(|(x, y)| x != y)
        .map_or(0, |(x, y)| u32::from(x).abs_diff(u32::from(y)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn closest_finds_typos_only() {
        let keys = ["severity", "services", "summary", "status"];
        assert_eq!(closest("sevrity", &keys), Some("severity"));
        assert_eq!(closest("Servics", &keys), Some("services"));
        assert_eq!(closest("colour", &keys), None);
        assert_eq!(
            closest("sev5", &["sev1", "sev2", "sev3", "sev4"]),
            Some("sev4")
        );
        assert_eq!(closest("stauts", &keys), Some("status"), "two edits");
        assert_eq!(closest("sttaus", &["status"]), Some("status"));
        assert_eq!(closest("stxxxs", &["status"]), None, "three edits");
    }

    #[test]
    fn closest_counts_characters_not_bytes() {
        assert_eq!(closest("prioritét", &["priorität"]), Some("priorität"));
        assert_eq!(closest("ææ", &["ab"]), Some("ab"));
        assert_eq!(closest("æææ", &["ab"]), None);
    }

    #[test]
    fn closest_skips_candidates_too_different_in_length() {
        let huge = "x".repeat(4_000_000);
        assert_eq!(closest(&huge, &["sev1", "sev2"]), None);
        assert_eq!(closest("sev", &["sev1", "severity"]), Some("sev1"));
    }
}
