//! The theme a site is rendered with: the embedded default, or a theme folder of the site, with the
//! site's own `templates/` laid over it file by file.

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Context, Result, bail};
use walkdir::WalkDir;

mod embedded {
    include!(concat!(env!("OUT_DIR"), "/default_theme.rs"));
}

/// A theme's files, by path relative to the theme folder (`templates/base.html`, `static/style.css`).
#[derive(Clone, Debug, Default)]
pub struct Theme {
    /// Path → bytes.
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Theme {
    /// The built-in default theme.
    pub fn embedded() -> Theme {
        Theme {
            files: embedded::FILES
                .iter()
                .map(|(p, b)| ((*p).to_string(), b.to_vec()))
                .collect(),
        }
    }

    /// The theme `name` for the site at `root`: `themes/<name>/` when the site has it, else the embedded
    /// default; then the site's `templates/` overrides templates file by file.
    pub fn load(root: &Path, name: &str) -> Result<Theme> {
        let dir = root.join("themes").join(name);
        let mut theme = if dir.is_dir() {
            let mut theme = Theme::default();
            read_dir_into(&dir, "", &mut theme.files)?;
            theme
        } else if name == "default" {
            Theme::embedded()
        } else {
            bail!(
                "theme `{name}` not found: expected a folder {}",
                dir.display()
            );
        };
        let overrides = root.join("templates");
        if overrides.is_dir() {
            read_dir_into(&overrides, "templates/", &mut theme.files)?;
        }
        Ok(theme)
    }

    /// The templates, by name relative to `templates/`.
    pub fn templates(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files
            .iter()
            .filter_map(|(p, b)| p.strip_prefix("templates/").map(|n| (n, b.as_slice())))
    }

    /// The static files, by path relative to `static/`.
    pub fn statics(&self) -> impl Iterator<Item = (&str, &[u8])> {
        self.files
            .iter()
            .filter_map(|(p, b)| p.strip_prefix("static/").map(|n| (n, b.as_slice())))
    }

    /// The UI strings file for `lang`, if the theme has one.
    pub fn i18n(&self, lang: &str) -> Option<&[u8]> {
        self.files
            .get(&format!("i18n/{lang}.toml"))
            .map(Vec::as_slice)
    }
}

fn read_dir_into(dir: &Path, prefix: &str, files: &mut BTreeMap<String, Vec<u8>>) -> Result<()> {
    for entry in WalkDir::new(dir).sort_by_file_name() {
        let entry = entry.with_context(|| format!("cannot read {}", dir.display()))?;
        let name = entry.file_name().to_string_lossy();
        if !entry.file_type().is_file() || crate::parse::source::is_ignored_name(&name) {
            continue;
        }
        let rel = entry
            .path()
            .strip_prefix(dir)
            .unwrap_or(entry.path())
            .to_string_lossy()
            .replace('\\', "/");
        let bytes = std::fs::read(entry.path())
            .with_context(|| format!("cannot read {}", entry.path().display()))?;
        files.insert(format!("{prefix}{rel}"), bytes);
    }
    Ok(())
}
