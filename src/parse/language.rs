//! The language of a post-mortem that does not say: read from which built-in section headings it uses.
//!
//! A markdown-only report cannot set `lang`, yet its UI strings and search stemming should follow its
//! text. Its headings tell: `## Root cause` is English, `## Kjerneårsak` is bokmål.

use crate::config::Aliases;
use crate::parse::sections::Outline;

/// `en` or `nb` when the built-in section headings of `body` are clearly in one of them.
pub fn guess(body: &str, outline: &Outline, aliases: &Aliases) -> Option<&'static str> {
    let (mut english, mut bokmal) = (0, 0);
    for section in &outline.sections {
        let heading = body[section.heading.clone()]
            .trim_start_matches('#')
            .trim()
            .trim_matches(|c: char| c == '*' || c == '_');
        match aliases.language_of(heading) {
            Some("en") => english += 1,
            Some("nb") => bokmal += 1,
            _ => {}
        }
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
    use crate::parse::sections::outline;

    fn lang_of(body: &str) -> Option<&'static str> {
        let aliases = Aliases::default();
        guess(body, &outline(body, &aliases), &aliases)
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
