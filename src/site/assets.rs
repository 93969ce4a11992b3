//! Which files of `content/` are published with which incident, decided once for `check` and `build`.
//!
//! A bundle's files (everything below the folder of an `index.md`) go with that incident only. A
//! file in any other folder goes only with the post-mortems that link to it by a relative path, so a
//! picture beside an internal post-mortem is never published with a public one that sits in the same
//! folder, and notes, `LICENSE` or `README` files are never published at all. A file that would
//! replace the incident's page, or clash with another file on a case-insensitive file system, is an
//! error at that file, found here so that rendering cannot fail on it.

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Level};
use crate::model::incident::Incident;
use crate::parse::source::Asset;
use crate::util::output_path::OutputPath;
use crate::util::percent;

/// The page debrief writes in every incident's folder, which no file of `content/` may replace.
pub const INCIDENT_PAGE: &str = "index.html";

/// Names of files that describe a repository or a folder rather than an incident (any extension,
/// any case): never published unless a post-mortem links them, and not warned about.
const REPOSITORY_FILES: &[&str] = &[
    "README",
    "LICENSE",
    "LICENCE",
    "COPYING",
    "NOTICE",
    "AUTHORS",
    "CONTRIBUTING",
    "CHANGELOG",
    "CODEOWNERS",
    "SECURITY",
];

/// A file to publish with an incident, and its path inside the incident's folder.
type Wanted<'a> = (&'a Asset, &'a str);

/// One file of `content/` published with one incident.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Placement {
    /// The incident's file (`content/2024/mail.md`), by which a build keeps the incidents it selects.
    pub incident: PathBuf,
    /// Where the file goes in the output (`incidents/mail/diagram.svg`).
    pub target: OutputPath,
    /// The file as shown in diagnostics (`content/2024/diagram.svg`).
    pub path: PathBuf,
    /// The file to read.
    pub source: PathBuf,
}

/// Places every asset with the incidents it belongs to, over all incidents — drafts and internal
/// ones too, so `check` and every build find the same problems — reporting files that are not
/// published or cannot be. Keep only the placements of selected incidents before rendering.
pub fn place<'a>(
    all: &'a [Incident],
    assets: &'a [Asset],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Placement> {
    let mut bundles: HashMap<&str, &Incident> = HashMap::new();
    for incident in all.iter().filter(|i| i.is_bundle) {
        bundles.entry(incident.dir.as_str()).or_insert(incident);
    }
    let mut linked: HashMap<String, Vec<&Incident>> = HashMap::new();
    for incident in all {
        for link in &incident.files {
            if let Some(rel) = resolve(&incident.dir, &link.value) {
                let by = linked.entry(rel).or_default();
                // Incidents come one after the other: one already listed is the last one.
                if !by.last().is_some_and(|i| std::ptr::eq(*i, incident)) {
                    by.push(incident);
                }
            }
        }
    }
    // Incident → the files it is published with, by their path inside its folder.
    let mut wanted: BTreeMap<&Path, (&Incident, Vec<Wanted>)> = BTreeMap::new();
    let mut want = |incident: &'a Incident, asset: &'a Asset, inside: &'a str| {
        let entry = wanted
            .entry(incident.path.as_path())
            .or_insert_with(|| (incident, Vec::new()));
        entry.1.push((asset, inside));
    };
    for asset in assets {
        let rel = asset.rel.as_str();
        if let Some((inside_bundle, bundle)) = bundle_of(rel, &bundles) {
            want(bundle, asset, inside_bundle);
        } else if let Some(by) = linked.get(rel) {
            for incident in by {
                want(incident, asset, inside(&incident.dir, rel));
            }
        } else if !is_repository_file(rel) {
            diagnostics.push(
                Diagnostic::whole_file(
                    Level::Warning,
                    &asset.path,
                    "this file is not linked by any post-mortem, so it is not published",
                )
                .with_help(format!(
                    "link it from a post-mortem in its folder or a folder above by its relative path \
                     (`![what it shows]({})`), move it into a bundle (a folder with an `index.md`), \
                     or list it in `ignore` in debrief.toml",
                    rel.rsplit('/').next().unwrap_or(rel)
                )),
            );
        }
    }
    let mut placements = Vec::new();
    for (incident, files) in wanted.into_values() {
        placements.extend(place_in_folder(incident, files, diagnostics));
    }
    placements
}

/// The files of one incident's folder, minus those that would replace its page or clash with each
/// other where names are compared without case (Windows, macOS), which are reported.
fn place_in_folder(
    incident: &Incident,
    mut files: Vec<Wanted>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Placement> {
    let folder = incident.page_path();
    // A file sorts before the files under a folder of its name, so each clash is met at the later file.
    files.sort_by_cached_key(|(_, inside)| inside.to_lowercase());
    let mut taken: HashMap<String, Option<&Asset>> = HashMap::new();
    taken.insert(INCIDENT_PAGE.to_string(), None);
    let mut placements = Vec::new();
    for (asset, inside) in files {
        let lower = inside.to_lowercase();
        // The path itself and each folder above it, as the file names them.
        let names: Vec<&str> = inside.split('/').collect();
        let clash = (1..=names.len()).find_map(|n| {
            let written = names[..n].join("/");
            taken
                .get(&written.to_lowercase())
                .map(|by| (written, n == names.len(), *by))
        });
        if let Some((written, whole, by)) = clash {
            let message = clash_message(incident, &folder, &written, whole, by);
            diagnostics.push(
                Diagnostic::whole_file(Level::Error, &asset.path, message)
                    .with_help("rename the file, or move it out of the post-mortem's folder"),
            );
            continue;
        }
        // Only an invalid slug makes this fail, and the reader has reported it.
        let Ok(target) = OutputPath::new(&format!("{folder}{inside}")) else {
            continue;
        };
        taken.insert(lower, Some(asset));
        placements.push(Placement {
            incident: incident.path.clone(),
            target,
            path: asset.path.clone(),
            source: asset.abs.clone(),
        });
    }
    placements
}

/// What is wrong with publishing a file in `folder` whose path (`whole`) or one of whose folders is
/// `written` (as the file names it), taken by the incident's page (`by` is `None`) or another file.
fn clash_message(
    incident: &Incident,
    folder: &str,
    written: &str,
    whole: bool,
    by: Option<&Asset>,
) -> String {
    const CASE: &str = "names that differ only in case are one file on Windows and macOS";
    match by {
        None => {
            let page = format!("{folder}{INCIDENT_PAGE}");
            let who = incident.path.display();
            match (whole, written == INCIDENT_PAGE) {
                (true, true) => {
                    format!("this file would replace {page}, the page debrief generates for {who}")
                }
                (true, false) => format!(
                    "this file would replace {page}, the page debrief generates for {who} ({CASE})"
                ),
                (false, _) => format!(
                    "this file would need a folder {folder}{written}/, where debrief writes the page for {who}"
                ),
            }
        }
        Some(other) if whole => format!(
            "this file and {} would both be published as {folder}{written}: {CASE}",
            other.path.display()
        ),
        Some(other) => format!(
            "this file would need a folder {folder}{written}/, where {} is published",
            other.path.display()
        ),
    }
}

/// The incident of the innermost bundle folder holding `rel`, and `rel` inside that folder.
fn bundle_of<'a>(
    rel: &'a str,
    bundles: &HashMap<&str, &'a Incident>,
) -> Option<(&'a str, &'a Incident)> {
    rel.rmatch_indices('/').find_map(|(at, _)| {
        bundles
            .get(&rel[..at])
            .map(|bundle| (&rel[at + 1..], *bundle))
    })
}

/// `rel` relative to the folder `dir` that holds it.
fn inside<'a>(dir: &str, rel: &'a str) -> &'a str {
    if dir.is_empty() {
        rel
    } else {
        &rel[dir.len() + 1..]
    }
}

/// The file under `content/` a link written in the folder `dir` names, when it stays in that
/// folder or below it (a query or fragment is dropped, percent-escapes are decoded).
fn resolve(dir: &str, url: &str) -> Option<String> {
    let path = url.split(['#', '?']).next().unwrap_or_default();
    let path = percent::decode(path).unwrap_or_else(|_| path.to_string());
    let mut names: Vec<&str> = Vec::new();
    for name in path.split('/') {
        match name {
            "" | "." => {}
            ".." => {
                names.pop()?;
            }
            name => names.push(name),
        }
    }
    if names.is_empty() {
        return None;
    }
    let below = names.join("/");
    Some(if dir.is_empty() {
        below
    } else {
        format!("{dir}/{below}")
    })
}

/// Whether `rel` names a README, LICENSE or similar file.
fn is_repository_file(rel: &str) -> bool {
    let name = rel.rsplit('/').next().unwrap_or(rel);
    let stem = name.split('.').next().unwrap_or(name);
    REPOSITORY_FILES
        .iter()
        .any(|r| r.eq_ignore_ascii_case(stem))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_resolve_within_the_post_mortems_folder() {
        assert_eq!(
            resolve("2024", "diagram.svg").as_deref(),
            Some("2024/diagram.svg")
        );
        assert_eq!(resolve("", "./img/a.png#x").as_deref(), Some("img/a.png"));
        assert_eq!(
            resolve("2024", "img/../b%201.png?v=2").as_deref(),
            Some("2024/b 1.png")
        );
        assert_eq!(resolve("2024", "../x.png"), None, "leaves the folder");
        assert_eq!(resolve("2024", "img/../../x.png"), None);
        assert_eq!(resolve("2024", "./"), None);
    }

    #[test]
    fn repository_files_are_recognised_by_stem() {
        for name in ["LICENSE", "README.txt", "docs/license.md", "CODEOWNERS"] {
            assert!(is_repository_file(name), "{name}");
        }
        assert!(!is_repository_file("readme-chart.png"));
        assert!(!is_repository_file("diagram.svg"));
    }
}
