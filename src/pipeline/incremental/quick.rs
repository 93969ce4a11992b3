//! The quick rebuild of a save that changed nothing the rest of the site reads of the files saved:
//! the last good site is kept whole, and when every saved post-mortem has the same linked facts as
//! before ([`Facts::linked`]: place, id, slug, dates, selection, taxonomy values, link targets,
//! actions) and the same card, its incident is swapped into the kept site, its own warnings are
//! found again (the other files' cannot change), and only its page is rendered. Anything else —
//! a post-mortem added or removed, a parse that fails, a new error, a changed card or linked
//! fact, a new date, a theme change — goes the whole way ([`super::whole`]).

use std::collections::{HashMap, HashSet};
use std::ffi::OsStr;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{Result, ensure};

use super::{Entry, State, Step};
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::incident::Incident;
use crate::pipeline::LoadOptions;
use crate::render::depends::{self, Counts, Facts, Key};
use crate::search::Document;
use crate::site::assets::Placement;
use crate::site::{Selection, Site};

/// The last good build, kept for the next save. Its site holds the parses of every post-mortem.
pub(super) struct Last {
    /// The site.
    pub(super) site: Site,
    /// The content files placed beside its incidents.
    pub(super) placements: Vec<Placement>,
    /// Its warnings, sorted.
    pub(super) diagnostics: Diagnostics,
    /// The key of each incident's card, by its place in the site.
    pub(super) cards: Vec<Key>,
    /// Each incident's search document, by its place in the site.
    pub(super) documents: Vec<Arc<Document>>,
    /// Each incident's [`Facts::linked`], by its place in the site.
    pub(super) linked: Vec<Key>,
}

/// Puts the parses lent to the last site back into the cache (those not parsed again since), and
/// forgets the site.
pub(super) fn give_back(state: &mut State) {
    let Some(last) = state.last.take() else {
        return;
    };
    let mut entries: HashMap<&OsStr, &mut Entry> = state
        .entries
        .iter_mut()
        .map(|(path, entry)| (path.as_os_str(), entry))
        .collect();
    for incident in last.site.incidents {
        if let Some(entry) = entries.get_mut(incident.path.as_os_str())
            && entry.parsed
            && entry.incident.is_none()
        {
            entry.incident = Some(incident);
        }
    }
}

/// One saved post-mortem that the quick rebuild can take.
struct Saved<'a> {
    /// Its place in the site.
    n: usize,
    incident: &'a Incident,
    facts: &'a Facts,
    text: &'a str,
    parsed: &'a [Diagnostic],
}

/// Rebuilds after the post-mortems at `reparsed` were parsed again, when the kept site allows it
/// (see the module): the search documents of the site, or `None` to rebuild the whole way.
pub(super) fn rebuild(
    state: &mut State,
    reparsed: &[PathBuf],
    base_url: &str,
    selection: &Selection,
    options: &LoadOptions,
    step: &mut Step,
) -> Result<Option<Vec<Arc<Document>>>> {
    if state.rerender || state.reshaped {
        return Ok(None);
    }
    let (Some(last), Some(theme)) = (state.last.as_ref(), state.theme.as_ref()) else {
        return Ok(None);
    };
    let site = &last.site;
    if site.now != selection.now {
        return Ok(None);
    }
    let counts = Counts::of(site);
    let mut saved = Vec::with_capacity(reparsed.len());
    for path in reparsed {
        let Some(entry) = state.entries.get(path) else {
            return Ok(None);
        };
        let (Some(incident), Some(facts)) = (&entry.incident, &entry.facts) else {
            return Ok(None);
        };
        let Some(&n) = site.by_id.get(&incident.id.value) else {
            return Ok(None);
        };
        let same = site.incidents[n].path == incident.path
            && last.linked[n] == facts.linked
            && depends::card(site, &counts, facts) == last.cards[n];
        if !same {
            return Ok(None);
        }
        saved.push(Saved {
            n,
            incident,
            facts,
            text: &entry.source.text,
            parsed: &entry.diagnostics,
        });
    }
    // The warnings of the saved files, found again; those of the other files stay.
    let known: HashMap<&str, &Incident> = site
        .incidents
        .iter()
        .map(|i| (i.id.value.as_str(), i))
        .collect();
    let mut found = Vec::new();
    for s in &saved {
        found.extend(s.parsed.iter().cloned());
        crate::site::check_links(s.incident, s.text, &known, selection, &mut found);
        found.extend(crate::site::rules::check_incident(
            site,
            s.incident,
            s.text,
            options.fail_on_overdue,
        ));
    }
    drop(known);
    let mut diagnostics = Diagnostics::default();
    diagnostics.extend(
        last.diagnostics
            .0
            .iter()
            .filter(|d| !reparsed.contains(&d.path))
            .cloned(),
    );
    diagnostics.extend(found);
    diagnostics.sort();
    if diagnostics.errors() > 0 {
        return Ok(None);
    }
    let pages: Vec<(usize, String, Key)> = saved
        .iter()
        .map(|s| {
            let path = crate::render::incident_page::page_path(s.incident);
            (
                s.n,
                path,
                depends::incident_key(site, s.n, s.facts, &last.cards),
            )
        })
        .collect();
    drop(saved);
    // From here on the kept site changes: the saved parses go into it.
    let last = state.last.as_mut().expect("checked");
    for path in reparsed {
        let entry = state.entries.get_mut(path).expect("checked");
        let incident = entry.incident.take().expect("checked");
        let n = last.site.by_id[&incident.id.value];
        let document = Arc::new(crate::search::from_site::document(&incident));
        entry.document = Some(Arc::clone(&document));
        last.documents[n] = document;
        last.site.incidents[n] = incident;
    }
    let wanted: HashSet<String> = pages
        .iter()
        .filter(|(_, path, key)| state.keys.get(path) != Some(key))
        .map(|(_, path, _)| path.clone())
        .collect();
    let input = crate::render::RenderInput {
        theme,
        base_url,
        assets: &last.placements,
    };
    let rendered = crate::render::render_pages(&last.site, &input, &wanted, &mut state.kept)
        .and_then(|units| {
            for (unit, files) in &units {
                ensure!(
                    wanted.contains(unit) && files.len() == 1,
                    "internal error: {unit} is not an incident page to render"
                );
            }
            Ok(units)
        });
    let units = match rendered {
        Ok(units) => units,
        Err(error) => {
            // The pages not rendered are found by the next rebuild, which goes the whole way.
            give_back(state);
            return Err(error);
        }
    };
    let last = state.last.as_mut().expect("kept");
    for (_, path, key) in pages {
        state.keys.insert(path, key);
    }
    step.rendered = units.len();
    step.incidents = last.site.incidents.len();
    step.write
        .extend(units.into_iter().flat_map(|(_, files)| files));
    last.diagnostics = diagnostics.clone();
    step.diagnostics = diagnostics;
    Ok(Some(last.documents.clone()))
}
