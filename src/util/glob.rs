//! Glob patterns for `ignore` in `debrief.toml`: `*`, `?` and `**` over `/`-separated paths.

/// Whether `path` (relative, `/`-separated) matches `pattern`.
///
/// `*` and `?` stay within one path segment; `**/` matches any number of whole segments (also none),
/// and a trailing `**` matches everything below.
pub fn matches(pattern: &str, path: &str) -> bool {
    let pattern: Vec<char> = pattern.chars().collect();
    let path: Vec<char> = path.chars().collect();
    match_from(&pattern, &path)
}

/// Matches character by character, so `?` is one character however many bytes it takes.
fn match_from(pattern: &[char], path: &[char]) -> bool {
    if let Some(rest) = pattern.strip_prefix(&['*', '*', '/']) {
        // Zero segments, or skip one segment at a time.
        if match_from(rest, path) {
            return true;
        }
        return path
            .iter()
            .enumerate()
            .filter(|(_, c)| **c == '/')
            .any(|(i, _)| match_from(rest, &path[i + 1..]));
    }
    if pattern == ['*', '*'] {
        return true;
    }
    match (pattern.first(), path.first()) {
        (None, None) => true,
        (Some('*'), _) => {
            let rest = &pattern[1..];
            if match_from(rest, path) {
                return true;
            }
            match path.first() {
                Some('/') | None => false,
                Some(_) => match_from(pattern, &path[1..]),
            }
        }
        (Some('?'), Some(c)) if *c != '/' => match_from(&pattern[1..], &path[1..]),
        (Some(p), Some(c)) if p == c => match_from(&pattern[1..], &path[1..]),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::matches;

    #[test]
    fn single_star_stays_in_a_segment() {
        assert!(matches("templates/*.md", "templates/basic.md"));
        assert!(!matches("templates/*.md", "templates/sub/basic.md"));
        assert!(!matches("*.md", "a/b.md"));
    }

    #[test]
    fn double_star_crosses_segments() {
        assert!(matches("**/README.md", "README.md"));
        assert!(matches("**/README.md", "2024/notes/README.md"));
        assert!(!matches("**/README.md", "2024/README.mdx"));
        assert!(matches("drafts/**", "drafts/a/b.md"));
    }

    #[test]
    fn question_mark_is_one_character() {
        assert!(matches("202?/x.md", "2024/x.md"));
        assert!(!matches("202?/x.md", "20245/x.md"));
        assert!(matches("?.md", "ø.md"), "two bytes");
        assert!(matches("?.md", "障.md"), "three bytes");
        assert!(matches("a?c/*.md", "a🔥c/x.md"), "four bytes");
        assert!(!matches("?.md", "øø.md"));
        assert!(matches("*ø?.md", "døø.md"));
    }
}
