//! A rebuild that links the whole site again: the cached parses are lent to a new site, checked
//! together, every unit's input key is made again and the units whose key changed are rendered.
//! When the site keeps every parse, it is kept for the next save ([`super::quick`]); otherwise the
//! parses go back to the cache.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::ffi::OsStr;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::path::Path;
use std::sync::Arc;

use anyhow::Result;

use super::quick::Last;
use super::{Entry, State, Step};
use crate::diagnostic::Diagnostics;
use crate::pipeline::LoadOptions;
use crate::publish::output::Output;
use crate::render::depends::{Facts, Key};
use crate::render::theme::Theme;
use crate::search::Document;
use crate::site::assets::Placement;
use crate::site::{Selection, Site};
use crate::util::output_path::OutputPath;

/// Links the cached parses and renders what changed into `step`: the search documents of the
/// site, in its order, or the problems.
pub(super) fn rebuild(
    state: &mut State,
    base_url: &str,
    selection: &Selection,
    options: &LoadOptions,
    step: &mut Step,
) -> Result<Result<Vec<Arc<Document>>, Diagnostics>> {
    let (site, result) = render(state, base_url, selection, options, step)?;
    let mut entries: HashMap<&OsStr, &mut Entry> = state
        .entries
        .iter_mut()
        .map(|(path, entry)| (path.as_os_str(), entry))
        .collect();
    let good = match result {
        Ok(good) => good,
        Err(diagnostics) => {
            // The parses go back to the cache.
            for incident in site.incidents {
                if let Some(entry) = entries.get_mut(incident.path.as_os_str()) {
                    entry.incident = Some(incident);
                }
            }
            return Ok(Err(diagnostics));
        }
    };
    let mut documents = Vec::with_capacity(site.incidents.len());
    let mut linked = Vec::with_capacity(site.incidents.len());
    for incident in &site.incidents {
        let entry = entries
            .get_mut(incident.path.as_os_str())
            .expect("every incident has its entry");
        documents.push(Arc::clone(entry.document.get_or_insert_with(|| {
            Arc::new(crate::search::from_site::document(incident))
        })));
        linked.push(entry.facts.as_ref().map_or(0, |f| f.linked));
    }
    drop(entries);
    state.last = Some(Last {
        site,
        placements: good.placements,
        diagnostics: good.diagnostics,
        cards: good.cards,
        documents: documents.clone(),
        linked,
    });
    // A site that left parses out (incidents it does not build) cannot be patched.
    let parsed = state.entries.values().filter(|e| e.parsed).count();
    if state
        .last
        .as_ref()
        .is_some_and(|l| l.site.incidents.len() != parsed)
    {
        super::quick::give_back(state);
    }
    Ok(Ok(documents))
}

/// What a good build leaves for [`Last`] besides the site.
struct Good {
    placements: Vec<Placement>,
    diagnostics: Diagnostics,
    cards: Vec<Key>,
}

/// Links the cached parses and renders what changed into `step`. Gives back the site (its
/// incidents are the parses lent to it) and, when the step is good, what else the next save needs
/// of it, or the problems.
fn render(
    state: &mut State,
    base_url: &str,
    selection: &Selection,
    options: &LoadOptions,
    step: &mut Step,
) -> Result<(Site, Result<Good, Diagnostics>)> {
    let mut diagnostics = Diagnostics::default();
    diagnostics.extend(state.source_diagnostics.iter().cloned());
    let mut incidents = Vec::with_capacity(state.entries.len());
    for entry in state.entries.values_mut() {
        diagnostics.extend(entry.diagnostics.iter().cloned());
        incidents.extend(entry.incident.take());
    }
    let texts: HashMap<&Path, &str> = state
        .entries
        .values()
        .map(|e| (e.source.path.as_path(), e.source.text.as_str()))
        .collect();
    let (site, placements) = crate::pipeline::link(
        incidents,
        state.config.clone(),
        &state.assets,
        &texts,
        selection,
        options.fail_on_overdue,
        &mut diagnostics,
    );
    drop(texts);
    diagnostics.sort();
    if diagnostics.errors() > 0 {
        return Ok((site, Err(diagnostics)));
    }
    // On an error from here on, the parses lent to the site are dropped: they are parsed again.
    let theme = match state.theme.take() {
        Some(theme) => theme,
        None => Theme::load(&options.root, &site.config.theme)?,
    };
    // By the bytes of the path: comparing and hashing `Path`s parses them, 10,000 times a save.
    let entries: HashMap<&OsStr, &Entry> = state
        .entries
        .iter()
        .map(|(path, entry)| (path.as_os_str(), entry))
        .collect();
    let facts: Vec<&Facts> = site
        .incidents
        .iter()
        .map(|i| {
            entries[i.path.as_os_str()]
                .facts
                .as_ref()
                .expect("facts are made with each parse")
        })
        .collect();
    drop(entries);
    let input = crate::render::RenderInput {
        theme: &theme,
        base_url,
        assets: &placements,
    };
    let empty = BTreeMap::new();
    let previous = if state.rerender { &empty } else { &state.keys };
    if state.rerender {
        state.kept = crate::render::Kept::default();
    }
    let changed = crate::render::render_changed(&site, &input, &facts, previous, &mut state.kept)?;
    drop(facts);
    state.theme = Some(theme);
    // Units of the last build gone, or (after a theme change) not made again.
    let mut gone: Vec<String> = changed.dropped.clone();
    if state.rerender {
        gone.extend(
            state
                .keys
                .keys()
                .filter(|u| !changed.keys.contains_key(*u))
                .cloned(),
        );
    }
    for unit in &gone {
        forget(state, unit, step);
    }
    step.rendered = changed.units.len();
    step.incidents = site.incidents.len();
    for (unit, files) in changed.units {
        if unit.starts_with('#') {
            forget(state, &unit, step);
            state
                .owned
                .insert(unit, files.iter().map(|(p, _)| p.clone()).collect());
        }
        step.write.extend(files);
    }
    state.keys = changed.keys;
    let cards = changed.cards;
    state.rerender = false;
    place(state, &placements, step)?;
    step.diagnostics = diagnostics.clone();
    let good = Good {
        placements,
        diagnostics,
        cards,
    };
    Ok((site, Ok(good)))
}

/// Removes the files of `unit` from the output.
fn forget(state: &mut State, unit: &str, step: &mut Step) {
    match state.owned.remove(unit) {
        Some(files) => step.remove.extend(files),
        None if !unit.starts_with('#') => {
            if let Ok(path) = OutputPath::new(unit) {
                step.remove.push(path);
            }
        }
        None => {}
    }
}

/// An error when `placement` would put a content file where a page of the site is written
/// (`written` says which paths are), as a whole build finds when it copies the file.
fn check_free(placement: &Placement, written: &dyn Fn(&str) -> bool) -> Result<()> {
    anyhow::ensure!(
        !written(placement.target.as_str()),
        "internal error: {} was placed at {}, where a page was written",
        placement.path.display(),
        placement.target
    );
    Ok(())
}

/// Copies the content files placed beside incidents whose source changed, and removes those gone.
fn place(state: &mut State, placements: &[Placement], step: &mut Step) -> Result<()> {
    let mut placed = BTreeMap::new();
    let mut copy = Vec::new();
    let owned: HashSet<&str> = state.owned.values().flatten().map(|p| p.as_str()).collect();
    let written = |path: &str| state.keys.contains_key(path) || owned.contains(path);
    for placement in placements {
        check_free(placement, &written)?;
        let meta = std::fs::metadata(&placement.source).ok();
        let key = {
            let mut hasher = DefaultHasher::new();
            placement.source.hash(&mut hasher);
            meta.as_ref().map(|m| m.len()).hash(&mut hasher);
            meta.and_then(|m| m.modified().ok()).hash(&mut hasher);
            hasher.finish()
        };
        let target = placement.target.as_str().to_string();
        if state.placed.get(&target) != Some(&key) {
            copy.push(placement.clone());
        }
        placed.insert(target, key);
    }
    for target in state.placed.keys().filter(|t| !placed.contains_key(*t)) {
        if let Ok(path) = OutputPath::new(target) {
            step.remove.push(path);
        }
    }
    let mut copied = Output::default();
    crate::publish::assets::copy(&copy, &mut copied)?;
    step.write.extend(copied.files);
    state.placed = placed;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_content_file_placed_on_a_page_is_an_error() {
        let placement = Placement {
            incident: "content/a/index.md".into(),
            target: OutputPath::new("incidents/a/b/index.html").expect("path"),
            path: "content/a/b/index.html".into(),
            source: "/site/content/a/b/index.html".into(),
        };
        let error = check_free(&placement, &|p| p == "incidents/a/b/index.html")
            .expect_err("the page is there");
        assert!(
            error.to_string().contains(
                "content/a/b/index.html was placed at incidents/a/b/index.html, where a page was written"
            ),
            "{error}"
        );
        assert!(check_free(&placement, &|p| p == "incidents/a/index.html").is_ok());
    }
}
