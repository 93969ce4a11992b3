//! Several threads adding files to one [`Output`] at once, so that each page goes to the writers as
//! soon as it is rendered instead of waiting, with every other page of the site, to be inserted.

use std::collections::BTreeMap;
use std::collections::btree_map::Entry;
use std::sync::{Mutex, PoisonError};

use anyhow::{Result, bail};

use super::Output;
use super::staging::Staging;
use crate::util::output_path::OutputPath;

/// A handle on an [`Output`] through which any number of threads add files, each at a path no
/// other file of the site has. Made by [`Output::sink`].
pub struct Sink<'a> {
    /// Where an output written to a folder queues its files.
    staging: Option<&'a Staging>,
    /// Where an output held in memory keeps them.
    files: Mutex<&'a mut BTreeMap<OutputPath, Vec<u8>>>,
}

impl Output {
    /// A [`Sink`] adding files to this output from several threads at once: written as they come
    /// for an output made by [`Output::to_folder`], held for one in memory.
    pub fn sink(&mut self) -> Sink<'_> {
        Sink {
            staging: self.staging.as_ref(),
            files: Mutex::new(&mut self.files),
        }
    }
}

impl Sink<'_> {
    /// Adds one file; an error when the output already has a file at `path`, since two parts of the
    /// site would then write the same file.
    pub fn insert(&self, path: OutputPath, bytes: Vec<u8>) -> Result<()> {
        let new = match self.staging {
            Some(staging) => staging.insert(path.clone(), bytes),
            None => {
                let mut files = self.files.lock().unwrap_or_else(PoisonError::into_inner);
                match files.entry(path.clone()) {
                    Entry::Vacant(entry) => {
                        entry.insert(bytes);
                        true
                    }
                    Entry::Occupied(_) => false,
                }
            }
        };
        if !new {
            bail!("internal error: two files would be written at {path}");
        }
        Ok(())
    }

    /// Adds every file of `files`, as [`Sink::insert`] does, up to the first error.
    pub fn extend(&self, files: impl IntoIterator<Item = (OutputPath, Vec<u8>)>) -> Result<()> {
        files
            .into_iter()
            .try_for_each(|(path, bytes)| self.insert(path, bytes))
    }
}
