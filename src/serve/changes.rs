//! Which file-system changes concern the site: content, templates, themes and `debrief.toml` —
//! not editor swap files, hidden files, or folders such as `public/` and `target/`.

use std::path::{Path, PathBuf};

use crate::config::FILE_NAME;
use crate::parse::source::is_ignored_name;
use crate::pipeline::incremental::Changed;

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

/// What a rebuild needs to know of `paths` (under `root`): which post-mortems and content files
/// changed, or that the theme or the config did; `None` when none of them concerns the site.
pub fn what_changed(root: &Path, paths: &[PathBuf]) -> Option<Changed> {
    Some(
        match classify_all(root, paths.iter().map(PathBuf::as_path))? {
            Change::Config => Changed::Everything,
            Change::Theme => Changed::Theme,
            Change::Content => Changed::Content(
                paths
                    .iter()
                    .filter(|p| classify(root, p) == Some(Change::Content))
                    .cloned()
                    .collect(),
            ),
        },
    )
}

/// Two bursts of changes as one: the weightier wins, and content paths add up.
pub fn merge(first: Changed, then: Changed) -> Changed {
    match (first, then) {
        (Changed::Everything, _) | (_, Changed::Everything) => Changed::Everything,
        (Changed::Theme, _) | (_, Changed::Theme) => Changed::Theme,
        (Changed::Content(mut a), Changed::Content(b)) => {
            a.extend(b);
            Changed::Content(a)
        }
    }
}

/// A change as the terminal says it: the file, or how many.
pub fn describe(root: &Path, changed: &Changed) -> String {
    match changed {
        Changed::Everything => "debrief.toml changed".into(),
        Changed::Theme => "the theme changed".into(),
        Changed::Content(paths) => {
            let root = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
            let root = root.as_path();
            let mut shown: Vec<String> = paths
                .iter()
                .map(|p| p.strip_prefix(root).unwrap_or(p).display().to_string())
                .collect();
            shown.sort();
            shown.dedup();
            match shown.as_slice() {
                [] => "content changed".into(),
                [one] => format!("{one} changed"),
                [one, rest @ ..] => format!("{one} and {} more changed", rest.len()),
            }
        }
    }
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

    #[test]
    fn content_changes_keep_their_paths_and_heavier_changes_win() {
        let root = Path::new("/site");
        let a = root.join("content/a.md");
        let paths = [a.clone(), root.join("README.md")];
        assert_eq!(
            what_changed(root, &paths),
            Some(Changed::Content(vec![a.clone()]))
        );
        assert_eq!(
            what_changed(root, &[a.clone(), root.join("templates/base.html")]),
            Some(Changed::Theme)
        );
        assert_eq!(what_changed(root, &[root.join("README.md")]), None);
        let b = root.join("content/b.md");
        assert_eq!(
            merge(
                Changed::Content(vec![a.clone()]),
                Changed::Content(vec![b.clone()])
            ),
            Changed::Content(vec![a.clone(), b])
        );
        assert_eq!(
            merge(Changed::Theme, Changed::Content(vec![a.clone()])),
            Changed::Theme
        );
        assert_eq!(
            merge(Changed::Content(vec![a]), Changed::Everything),
            Changed::Everything
        );
        assert_eq!(
            describe(root, &Changed::Content(vec![root.join("content/a.md")])),
            "content/a.md changed"
        );
    }
}
