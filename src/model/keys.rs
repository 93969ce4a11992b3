//! The front-matter keys of the content format, listed once: the parser reads them and the
//! configuration checks renames and suggestions against them.

/// Every top-level front-matter key of the content format (docs/format.md).
pub const KEYS: &[&str] = &[
    "title",
    "id",
    "slug",
    "date",
    "updated",
    "status",
    "visibility",
    "severity",
    "lang",
    "timezone",
    // The markdown text keys, [`TEXT_KEYS`].
    "summary",
    "impact",
    "root_cause",
    "trigger",
    "detection",
    "resolution",
    // The rest.
    "services",
    "tags",
    "authors",
    "contributing_factors",
    "lessons",
    "related",
    "times",
    "timeline",
    "actions",
    "extra",
];

/// Where the markdown text keys start in [`KEYS`], and how many there are.
const TEXT_AT: (usize, usize) = (10, 6);

/// The markdown text keys: `summary` to `resolution`.
pub const TEXT_KEYS: &[&str] = KEYS.split_at(TEXT_AT.0).1.split_at(TEXT_AT.1).0;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_text_keys_are_the_markdown_ones() {
        assert_eq!(
            TEXT_KEYS,
            [
                "summary",
                "impact",
                "root_cause",
                "trigger",
                "detection",
                "resolution"
            ]
        );
    }
}
