//! The rendered site as path → bytes, and writing it to disk atomically over a previous build.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, anyhow, bail};

pub use marker::{BUILD_MARK, check_replaceable};

mod marker;
mod swap;

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

    /// Writes every file, and the [`BUILD_MARK`] listing them, into a staging folder beside `dir`,
    /// then swaps it in for `dir` (in one step on Linux) and removes the old build.
    ///
    /// `dir` is replaced only if [`check_replaceable`] allows it, checked just before the swap. When
    /// anything fails, `dir` is left as it was and the staging folder is removed. Folders that a
    /// killed build left beside `dir` are removed first when they provably are debrief's.
    pub fn write_atomically(&self, dir: &Path) -> Result<()> {
        if self.files.contains_key(BUILD_MARK) {
            bail!("the site would write {BUILD_MARK}, the name debrief keeps for its marker");
        }
        let parent = dir
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent)
            .with_context(|| format!("cannot create {}", parent.display()))?;
        let name = dir
            .file_name()
            .map_or_else(|| "public".into(), |n| n.to_string_lossy().into_owned());
        swap::remove_leftovers(parent, &name);
        let staging = swap::staging(parent, &name);
        std::fs::create_dir(&staging)
            .with_context(|| format!("cannot create {}", staging.display()))?;
        let swapped = marker::write(&staging, self.files.keys())
            .with_context(|| format!("cannot write {}", staging.join(BUILD_MARK).display()))
            .and_then(|()| self.write_into(&staging))
            .and_then(|()| {
                check_replaceable(dir)
                    .map_err(|why| anyhow!("refusing to build into {}: {why}", dir.display()))
            })
            .and_then(|()| {
                swap::swap_in(&staging, dir, &swap::backup(parent, &name))
                    .with_context(|| format!("cannot move the new site into {}", dir.display()))
            });
        match swapped {
            Ok(old) => {
                if let Some(old) = old {
                    let _ = marker::remove(&old);
                }
                Ok(())
            }
            Err(error) => {
                let _ = marker::remove(&staging);
                Err(error)
            }
        }
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
        let mut old = Output::default();
        old.insert(OutputPath::new("stale.html").unwrap(), "old");
        old.write_atomically(&dir).unwrap();
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

    #[test]
    fn a_folder_that_is_not_a_build_is_left_as_it_was() {
        let tmp = tempfile::TempDir::new().unwrap();
        let dir = tmp.path().join("home");
        std::fs::create_dir_all(dir.join(".ssh")).unwrap();
        std::fs::write(dir.join("sitemap.xml"), "mine").unwrap();
        let mut output = Output::default();
        output.insert(OutputPath::new("sitemap.xml").unwrap(), "new");
        let error = output.write_atomically(&dir).unwrap_err().to_string();
        assert!(error.contains("holds no previous debrief build"), "{error}");
        assert_eq!(
            std::fs::read_to_string(dir.join("sitemap.xml")).unwrap(),
            "mine"
        );
        let entries = std::fs::read_dir(tmp.path()).unwrap().count();
        assert_eq!(entries, 1, "the staging folder was removed");
        output.insert(OutputPath::new(BUILD_MARK).unwrap(), "forged");
        let error = output
            .write_atomically(&tmp.path().join("new"))
            .unwrap_err();
        assert!(
            error.to_string().contains("keeps for its marker"),
            "{error}"
        );
    }
}
