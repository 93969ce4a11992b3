//! Which file-system changes concern the site: content, templates, themes and `debrief.toml` —
//! not editor swap files, hidden files, or folders such as `public/` and `target/`.

use std::path::Path;

use crate::config::FILE_NAME;
use crate::parse::source::is_ignored_name;

/// What a change touches.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Change {
    /// A post-mortem or a file beside it.
    Content,
    /// A template, a theme file or a UI string.
    Theme,
    /// `debrief.toml`.
    Config,
}

/// What `path` (under `root`) touches, if anything.
pub fn classify(root: &Path, path: &Path) -> Option<Change> {
    let rel = path.strip_prefix(root).ok()?;
    if rel
        .components()
        .any(|c| is_ignored_name(&c.as_os_str().to_string_lossy()))
    {
        return None;
    }
    let first = rel
        .components()
        .next()?
        .as_os_str()
        .to_string_lossy()
        .into_owned();
    match first.as_str() {
        FILE_NAME if rel.components().count() == 1 => Some(Change::Config),
        "content" => Some(Change::Content),
        "templates" | "themes" => Some(Change::Theme),
        _ => None,
    }
}

/// The weightiest change among `paths`, if any of them concerns the site.
pub fn classify_all<'a>(root: &Path, paths: impl IntoIterator<Item = &'a Path>) -> Option<Change> {
    paths.into_iter().filter_map(|p| classify(root, p)).max()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn site_files_are_changes_and_others_are_not() {
        let root = Path::new("/site");
        let at = |p: &str| classify(root, &root.join(p));
        assert_eq!(at("content/2024/mail.md"), Some(Change::Content));
        assert_eq!(at("content/2024/diagram.svg"), Some(Change::Content));
        assert_eq!(at("templates/incident.html"), Some(Change::Theme));
        assert_eq!(at("themes/default/i18n/nb.toml"), Some(Change::Theme));
        assert_eq!(at("debrief.toml"), Some(Change::Config));
        for ignored in [
            "content/2024/.mail.md.swp",
            "content/2024/mail.md~",
            "content/.git/index",
            "content/#mail.md#",
            "public/index.html",
            "target/debug/debrief",
            "README.md",
            "notes/debrief.toml",
        ] {
            assert_eq!(at(ignored), None, "{ignored}");
        }
        assert_eq!(classify(root, Path::new("/elsewhere/content/a.md")), None);
    }

    #[test]
    fn the_weightiest_change_wins() {
        let root = Path::new("/site");
        let paths = [
            root.join("content/a.md"),
            root.join("debrief.toml"),
            root.join("README.md"),
        ];
        assert_eq!(
            classify_all(root, paths.iter().map(|p| p.as_path())),
            Some(Change::Config)
        );
        assert_eq!(classify_all(root, [root.join("x").as_path()]), None);
    }
}
