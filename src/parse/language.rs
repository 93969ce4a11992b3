//! The language of a post-mortem that does not say: read from which built-in section headings it uses.
//!
//! A markdown-only report cannot set `lang`, yet its UI strings and search stemming should follow its
//! text. Its headings tell: `## Root cause` is English, `## Kjerneårsak` is bokmål.

use crate::parse::sections::Outline;

/// The bokmål built-in headings (lowercase); every other built-in heading is English.
const BOKMAL: &[&str] = &[
    "sammendrag",
    "kort oppsummert",
    "oppsummering",
    "konsekvens",
    "konsekvenser",
    "påvirkning",
    "kjerneårsak",
    "rotårsak",
    "årsak",
    "utløsende årsak",
    "løsning",
    "tiltak som ble gjort",
    "tidslinje",
    "medvirkende årsaker",
    "tiltak",
    "oppfølging",
    "hva gjør vi videre",
    "lærdom",
    "læringspunkter",
    "oppdagelse",
    "deteksjon",
];

/// The built-in English headings (lowercase).
const ENGLISH: &[&str] = &[
    "summary",
    "overview",
    "tl;dr",
    "impact",
    "customer impact",
    "root cause",
    "root causes",
    "cause",
    "trigger",
    "detection",
    "how we found out",
    "resolution",
    "mitigation",
    "timeline",
    "contributing factors",
    "action items",
    "actions",
    "follow-ups",
    "remediations",
    "next steps",
    "lessons learned",
];

/// `en` or `nb` when the section headings of `body` are clearly in one of them.
pub fn guess(body: &str, outline: &Outline) -> Option<&'static str> {
    let (mut english, mut bokmal) = (0, 0);
    for section in &outline.sections {
        let heading = body[section.heading.clone()]
            .trim_start_matches('#')
            .trim()
            .trim_matches(|c: char| c == '*' || c == '_' || c == ':' || c.is_whitespace())
            .to_lowercase();
        english += usize::from(ENGLISH.contains(&heading.as_str()));
        bokmal += usize::from(BOKMAL.contains(&heading.as_str()));
    }
    match english.cmp(&bokmal) {
        std::cmp::Ordering::Greater => Some("en"),
        std::cmp::Ordering::Less => Some("nb"),
        std::cmp::Ordering::Equal => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::sections::{Aliases, outline};

    fn lang_of(body: &str) -> Option<&'static str> {
        guess(body, &outline(body, &Aliases::default()))
    }

    #[test]
    fn headings_tell_the_language() {
        assert_eq!(
            lang_of("# T\n\n## Summary\n\nx\n\n## Root cause\n\ny\n"),
            Some("en")
        );
        assert_eq!(
            lang_of("# T\n\nKort oppsummert:\n\nx\n\n## Kjerneårsak\n\ny\n"),
            Some("nb")
        );
        assert_eq!(lang_of("# T\n\nJust text.\n"), None);
    }
}
