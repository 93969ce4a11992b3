//! Sites for unit tests: post-mortems given as text, parsed and linked as a build does, so each
//! test module states only its files.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::model::incident::Visibility;
use crate::parse::source::Source;
use crate::site::{Selection, Site, link};

/// The site of `files` (name → text) under a config of `config` (TOML) rooted at `/site`, with
/// drafts and internal incidents, as of 2025-07-15. Files that do not parse are left out.
pub(crate) fn linked_site<T: AsRef<str>>(config: &str, files: &[(&str, T)]) -> Site {
    let config = Config::parse(Path::new("/site"), config).expect("config");
    let incidents = files
        .iter()
        .filter_map(|(name, text)| {
            crate::parse::reader::parse(&source(name, text.as_ref()), &config).incident
        })
        .collect();
    let selection = Selection {
        drafts: true,
        audience: Visibility::Internal,
        now: "2025-07-15".parse().expect("date"),
    };
    link(
        incidents,
        config,
        &selection,
        &HashMap::new(),
        &mut Vec::new(),
    )
}

/// The source of `content/NAME` holding `text`.
pub(crate) fn source(name: &str, text: &str) -> Source {
    Source {
        path: PathBuf::from(format!("content/{name}")),
        rel: name.to_string(),
        text: text.to_string(),
    }
}
