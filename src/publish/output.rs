//! The rendered site: path → bytes held in memory (for `serve`), or written into a staging folder as
//! it is rendered and swapped in atomically for the output folder (for `build`).

use std::collections::BTreeMap;
use std::path::Path;

use anyhow::{Result, bail};
use rayon::iter::ParallelIterator;

pub use marker::{BUILD_MARK, check_replaceable};
pub use sink::Sink;

mod backlog;
mod folder;
mod lanes;
mod marker;
mod reuse;
mod sink;
mod staging;
mod swap;
#[cfg(test)]
mod tests;

use crate::util::output_path::OutputPath;
use staging::Staging;

/// Every file of a built site, by `/`-separated path relative to the output folder: held in
/// [`Output::files`], or, for an output made by [`Output::to_folder`], written as it is inserted.
#[derive(Debug, Default)]
pub struct Output {
    /// Path → bytes, ordered for stable writes; only checked [`OutputPath`]s get in. Empty for an
    /// output written to a folder.
    pub files: BTreeMap<OutputPath, Vec<u8>>,
    /// Where the files go instead, for an output written to a folder.
    staging: Option<Staging>,
}

impl Output {
    /// An output whose files are written, as they are inserted, into a staging folder beside `dir`
    /// that [`Output::commit`] swaps in for `dir`; dropping it uncommitted removes the staging
    /// folder and leaves `dir` as it was. Files that `dir`, a previous build, holds with the same
    /// bytes are kept as they are (linked, not written again). Folders that a killed build left
    /// beside `dir` are removed first when they provably are debrief's.
    pub fn to_folder(dir: &Path) -> Result<Output> {
        Ok(Output {
            files: BTreeMap::new(),
            staging: Some(Staging::begin(dir)?),
        })
    }

    /// Adds (or replaces) one file. An output written to a folder may wait here while many bytes
    /// wait to be written; its failures are reported by [`Output::commit`].
    pub fn insert(&mut self, path: OutputPath, bytes: impl Into<Vec<u8>>) {
        match &self.staging {
            Some(staging) => {
                staging.insert(path, bytes.into());
            }
            None => {
                self.files.insert(path, bytes.into());
            }
        }
    }

    /// Adds the files `files` makes in parallel (a page per incident, say), up to the first error.
    /// An output written to a folder queues each file as soon as it is made, so they are never all
    /// held at once; which of two files made at one path wins is not defined.
    pub fn par_extend<B, E>(
        &mut self,
        files: impl ParallelIterator<Item = Result<(OutputPath, B), E>>,
    ) -> Result<(), E>
    where
        B: Into<Vec<u8>> + Send,
        E: Send,
    {
        match &self.staging {
            Some(staging) => files.try_for_each(|file| {
                let (path, bytes) = file?;
                staging.insert(path, bytes.into());
                Ok(())
            }),
            None => {
                let made: Vec<(OutputPath, B)> = files.collect::<Result<_, E>>()?;
                for (path, bytes) in made {
                    self.insert(path, bytes);
                }
                Ok(())
            }
        }
    }

    /// The file at `path`, if the site has one held in memory.
    pub fn get(&self, path: &str) -> Option<&[u8]> {
        self.files.get(path).map(Vec::as_slice)
    }

    /// Whether the site has a file at `path`.
    pub fn contains(&self, path: &str) -> bool {
        match &self.staging {
            Some(staging) => staging.contains(path),
            None => self.files.contains_key(path),
        }
    }

    /// How many files the site has.
    pub fn len(&self) -> usize {
        self.staging.as_ref().map_or(self.files.len(), Staging::len)
    }

    /// Whether the site has no file.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Finishes an output made by [`Output::to_folder`]: waits for every file to be written, then
    /// puts the build in the output folder's place (in one step on Linux) and removes the old
    /// build, unless [`check_replaceable`], checked just before the swap, refuses. When anything
    /// fails, the output folder is left as it was and the staging folder is removed.
    pub fn commit(mut self) -> Result<()> {
        match self.staging.take() {
            Some(staging) => staging.commit(),
            None => bail!("internal error: the site is held in memory, not written to a folder"),
        }
    }

    /// Writes every file held in memory, and the [`BUILD_MARK`] listing them, into a staging folder
    /// beside `dir`, then swaps it in for `dir` as [`Output::commit`] does.
    pub fn write_atomically(&self, dir: &Path) -> Result<()> {
        if self.staging.is_some() {
            bail!("internal error: the site is already being written to a folder");
        }
        let mut output = Output::to_folder(dir)?;
        for (path, bytes) in &self.files {
            output.insert(path.clone(), bytes.clone());
        }
        output.commit()
    }
}
