//! Slugs and ids derived from file names and headings.

/// `[a-z0-9-]+` from any text: æ→ae, ø→o, å→a, other letters transliterated, runs of others → `-`.
pub fn slugify(text: &str) -> String {
    text.to_lowercase()
}
