//! The link stage: everything that needs all incidents at once — selection, ordering, uniqueness,
//! links between incidents, taxonomies and action state.

pub mod assets;
pub mod links;
pub mod metrics;
#[cfg(test)]
mod order_tests;
pub mod rules;
#[cfg(test)]
pub(crate) mod testing;
pub mod ticket;
pub mod tracker;

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use jiff::civil::Date;
use rayon::prelude::*;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Problem};
use crate::model::incident::{Incident, Status, Visibility};
use crate::util::slug::slugify;

/// What to build: which incidents and as of when.
#[derive(Clone, Debug)]
pub struct Selection {
    /// Include drafts and reviews.
    pub drafts: bool,
    /// `Internal` includes internal incidents.
    pub audience: Visibility,
    /// The date overdue is measured against.
    pub now: Date,
}

/// One value of a taxonomy and the incidents that carry it (indices into [`Site::incidents`]).
#[derive(Clone, Debug, PartialEq)]
pub struct Term {
    /// As written (the first spelling seen).
    pub name: String,
    /// URL segment.
    pub slug: String,
    /// Incidents carrying it, newest first.
    pub incidents: Vec<usize>,
}

/// A grouping of incidents: services, tags, severity, years.
#[derive(Clone, Debug, PartialEq)]
pub struct Taxonomy {
    /// `services`, `tags`, `severity` or `years`.
    pub key: &'static str,
    /// Its values, in display order.
    pub terms: Vec<Term>,
}

/// All incidents of the build, linked.
#[derive(Debug)]
pub struct Site {
    /// The configuration.
    pub config: Config,
    /// The selected incidents, newest first.
    pub incidents: Vec<Incident>,
    /// Id → index into `incidents`.
    pub by_id: HashMap<String, usize>,
    /// Services, tags, severity, years.
    pub taxonomies: Vec<Taxonomy>,
    /// The date overdue is measured against.
    pub now: Date,
}

impl Site {
    /// The incident with `id`, if it is in the build.
    pub fn get(&self, id: &str) -> Option<&Incident> {
        self.by_id.get(id).map(|&i| &self.incidents[i])
    }
}

/// Checks what needs every incident (unique ids, slugs and action ids; related ids; incident links),
/// keeps the selected incidents and groups them.
pub fn link(
    all: Vec<Incident>,
    config: Config,
    selection: &Selection,
    texts: &HashMap<&Path, &str>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Site {
    let read_text = |incident: &Incident| {
        texts
            .get(incident.path.as_path())
            .copied()
            .unwrap_or_default()
    };
    // The checks read every incident; the order of those built is found beside them.
    let (unique, (links, order)) = rayon::join(
        || {
            let mut found = Vec::new();
            check_unique(&all, &read_text, &mut found);
            found
        },
        || {
            rayon::join(
                || {
                    let known: HashMap<&str, &Incident> =
                        all.iter().map(|i| (i.id.value.as_str(), i)).collect();
                    all.par_iter()
                        .flat_map_iter(|incident| {
                            let mut found = Vec::new();
                            let text = read_text(incident);
                            check_links(incident, text, &known, selection, &mut found);
                            found
                        })
                        .collect::<Vec<_>>()
                },
                || built_order(&all, selection),
            )
        },
    );
    diagnostics.extend(unique);
    diagnostics.extend(links);
    let incidents = take(all, &order);
    let (by_id, taxonomies) = rayon::join(
        || {
            incidents
                .iter()
                .enumerate()
                .map(|(n, i)| (i.id.value.clone(), n))
                .collect()
        },
        || taxonomies(&incidents, &config),
    );
    Site {
        config,
        incidents,
        by_id,
        taxonomies,
        now: selection.now,
    }
}

/// The places in `all` of the incidents `selection` builds, newest first by `date`, the day that
/// decides an incident's year, so that each year's incidents stay together for the archive's
/// sections; within a day, by when it started, then by id. Each key is made once, and the
/// incidents themselves are not moved while sorting.
fn built_order(all: &[Incident], selection: &Selection) -> Vec<usize> {
    let mut keyed: Vec<(Date, jiff::Timestamp, usize)> = all
        .iter()
        .enumerate()
        .filter(|(_, i)| selection.includes(i))
        .map(|(n, i)| (i.date.date(), i.start(), n))
        .collect();
    keyed.sort_by(|a, b| {
        (b.0, b.1)
            .cmp(&(a.0, a.1))
            .then_with(|| all[a.2].id.value.cmp(&all[b.2].id.value))
    });
    keyed.into_iter().map(|k| k.2).collect()
}

/// The incidents of `all` at `order` (distinct places), in that order; the others are dropped.
/// Each is swapped into its place in `all` itself, so nothing is copied into new memory.
fn take<T>(mut all: Vec<T>, order: &[usize]) -> Vec<T> {
    // `place[n]`: where the incident first at `n` is now; `first[p]`: where the one now at `p` was.
    let mut place: Vec<usize> = (0..all.len()).collect();
    let mut first: Vec<usize> = (0..all.len()).collect();
    for (p, &n) in order.iter().enumerate() {
        let q = place[n];
        all.swap(p, q);
        let displaced = first[p];
        first[q] = displaced;
        place[displaced] = q;
        first[p] = n;
        place[n] = p;
    }
    all.truncate(order.len());
    all
}

impl Selection {
    /// Whether `incident` is built.
    pub fn includes(&self, incident: &Incident) -> bool {
        (self.drafts || incident.status == Status::Published)
            && (self.audience == Visibility::Internal || incident.visibility == Visibility::Public)
    }
}

/// Checks the links and related ids of `incident` (written as `text`) against `known`, every
/// incident of the site by id: links to unknown incidents, unknown related ids, and (for an
/// incident that is built) links to incidents the build leaves out. What it finds depends on
/// nothing else of the other incidents than their ids, status and visibility.
pub fn check_links(
    incident: &Incident,
    text: &str,
    known: &HashMap<&str, &Incident>,
    selection: &Selection,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let locate = |p: Problem| Diagnostic::locate(&incident.path, text, p);
    for link in &incident.links {
        let id = link.target.split('#').next().unwrap_or_default();
        if !known.contains_key(id) {
            diagnostics.push(locate(
                Problem::error(
                    link.span.clone(),
                    format!("link to unknown incident `{id}`"),
                )
                .with_help(suggest(id, known)),
            ));
        }
    }
    for related in &incident.related {
        if !known.contains_key(related.value.as_str()) {
            diagnostics.push(locate(
                Problem::warning(
                    related.span.clone(),
                    format!("related incident `{}` does not exist", related.value),
                )
                .with_help(suggest(&related.value, known)),
            ));
        }
    }
    if !selection.includes(incident) {
        return;
    }
    for link in &incident.links {
        let id = link.target.split('#').next().unwrap_or_default();
        if let Some(target) = known.get(id).filter(|target| !selection.includes(target)) {
            let why = if target.visibility == Visibility::Internal {
                "internal"
            } else {
                target.status.as_str()
            };
            let problem = Problem::warning(
                link.span.clone(),
                format!("link to `{id}`, which this build leaves out ({why}): it leads to the 404 page"),
            )
            .with_help("publish that incident, build with `--drafts`/`--audience internal`, or remove the link");
            diagnostics.push(locate(problem));
        }
    }
}

fn suggest(id: &str, known: &HashMap<&str, &Incident>) -> String {
    let mut ids: Vec<&str> = known.keys().copied().collect();
    ids.sort_unstable();
    match crate::util::vocabulary::closest(id, &ids) {
        Some(near) => format!("did you mean `{near}`?"),
        None => "link to the `id` of an incident in content/".to_string(),
    }
}

fn check_unique<'a>(
    all: &'a [Incident],
    read_text: &dyn Fn(&Incident) -> &'a str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let actions = all.iter().map(|i| i.actions.len()).sum();
    let mut ids: HashMap<&str, &Incident> = HashMap::with_capacity(all.len());
    let mut slugs: HashMap<&str, &Incident> = HashMap::with_capacity(all.len());
    let mut action_ids: HashMap<&str, &Incident> = HashMap::with_capacity(actions);
    for incident in all {
        let mut duplicate =
            |what: &str, value: &str, span: std::ops::Range<usize>, first: &Incident| {
                let problem = Problem::error(span, format!("duplicate {what} `{value}`"))
                    .with_help(format!(
                        "{} already uses it; every {what} must be unique in the site",
                        first.path.display()
                    ));
                diagnostics.push(Diagnostic::locate(
                    &incident.path,
                    read_text(incident),
                    problem,
                ));
            };
        // An id derived from the slug is reported as a duplicate slug, not twice.
        // An id derived from a slug that is itself a duplicate is reported once, as the slug.
        let derived = incident.id.span.is_empty() && incident.id.value == incident.slug.value;
        if let Some(first) = ids.insert(&incident.id.value, incident)
            && !(derived && first.slug.value == incident.slug.value)
        {
            duplicate("id", &incident.id.value, incident.id.span.clone(), first);
        }
        if let Some(first) = slugs.insert(&incident.slug.value, incident) {
            duplicate(
                "slug",
                &incident.slug.value,
                incident.slug.span.clone(),
                first,
            );
        }
        for action in &incident.actions {
            if let Some(first) = action_ids.insert(&action.id, incident) {
                duplicate("action id", &action.id, action.span.clone(), first);
            }
        }
    }
}

fn taxonomies(incidents: &[Incident], config: &Config) -> Vec<Taxonomy> {
    let group = |key: &'static str, values: &dyn Fn(&Incident) -> Vec<String>| {
        let mut terms: BTreeMap<String, Term> = BTreeMap::new();
        for (n, incident) in incidents.iter().enumerate() {
            for name in values(incident) {
                let slug = slugify(&name);
                let term = terms.entry(slug.clone()).or_insert_with(|| Term {
                    name,
                    slug,
                    incidents: Vec::new(),
                });
                if term.incidents.last() != Some(&n) {
                    term.incidents.push(n);
                }
            }
        }
        let mut terms: Vec<Term> = terms.into_values().filter(|t| !t.slug.is_empty()).collect();
        terms.sort_by(|a, b| {
            b.incidents
                .len()
                .cmp(&a.incidents.len())
                .then_with(|| a.slug.cmp(&b.slug))
        });
        Taxonomy { key, terms }
    };
    let ((services, tags), (severity, years)) = rayon::join(
        || {
            rayon::join(
                || group("services", &|i| i.services.clone()),
                || group("tags", &|i| i.tags.clone()),
            )
        },
        || {
            rayon::join(
                || {
                    let mut severity = group("severity", &|i| i.severity.iter().cloned().collect());
                    severity
                        .terms
                        .sort_by_key(|t| config.severity.rank(&t.name).unwrap_or(usize::MAX));
                    severity
                },
                || {
                    let mut years = group("years", &|i| vec![i.year().to_string()]);
                    years.terms.sort_by(|a, b| b.name.cmp(&a.name));
                    years
                },
            )
        },
    );
    vec![services, tags, severity, years]
}
