//! The rendered site as path → bytes, and writing it to disk atomically.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use crate::util::output_path::OutputPath;

/// Every file of a built site, by `/`-separated path relative to the output folder.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Output {
    /// Path → bytes, ordered for stable writes; only checked [`OutputPath`]s get in.
    pub files: BTreeMap<OutputPath, Vec<u8>>,
}

impl Output {
    /// Adds (or replaces) one file.
    pub fn insert(&mut self, path: OutputPath, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path, bytes.into());
    }

    /// The file at `path`, if the site has one.
    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    /// Writes every file under a temporary sibling of `dir`, then swaps it in for `dir`.
    ///
    /// When anything fails, `dir` is left as it was and the temporary folder is removed.
    pub fn write_atomically(&self, dir: &Path) -> Result<()> {
        let parent = dir
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        let name = dir
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        let staging = parent.join(format!(".{name}.debrief-new-{}", std::process::id()));
        let old = parent.join(format!(".{name}.debrief-old-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&staging);
        if let Err(error) = self.write_into(&staging) {
            let _ = std::fs::remove_dir_all(&staging);
            return Err(error);
        }
        let had_old = dir.exists();
        if had_old {
            std::fs::rename(dir, &old)
                .with_context(|| format!("cannot move {} aside", dir.display()))?;
        }
        if let Err(error) = std::fs::rename(&staging, dir) {
            if had_old {
                let _ = std::fs::rename(&old, dir);
            }
            let _ = std::fs::remove_dir_all(&staging);
            return Err(error)
                .with_context(|| format!("cannot move the new site into {}", dir.display()));
        }
        if had_old {
            let _ = std::fs::remove_dir_all(&old);
        }
        Ok(())
    }

    fn write_into(&self, root: &Path) -> Result<()> {
        use rayon::prelude::*;
        let folders: std::collections::BTreeSet<PathBuf> = self
            .files
            .keys()
            .filter_map(|p| root.join(p).parent().map(Path::to_path_buf))
            .collect();
        for folder in &folders {
            std::fs::create_dir_all(folder)
                .with_context(|| format!("cannot create {}", folder.display()))?;
        }
        self.files.par_iter().try_for_each(|(path, bytes)| {
            let target = root.join(path);
            std::fs::write(&target, bytes)
                .with_context(|| format!("cannot write {}", target.display()))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_replaces_the_whole_folder() {
        let tmp = std::env::temp_dir().join(format!("debrief-output-test-{}", std::process::id()));
        let dir = tmp.join("public");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("stale.html"), "old").unwrap();
        let mut output = Output::default();
        output.insert(OutputPath::new("a/index.html").unwrap(), "new");
        output.write_atomically(&dir).unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.join("a/index.html")).unwrap(),
            "new"
        );
        assert!(!dir.join("stale.html").exists());
        let leftovers: Vec<_> = std::fs::read_dir(&tmp)
            .unwrap()
            .flatten()
            .map(|e| e.file_name())
            .collect();
        assert_eq!(leftovers.len(), 1, "{leftovers:?}");
        std::fs::remove_dir_all(&tmp).unwrap();
    }
}
