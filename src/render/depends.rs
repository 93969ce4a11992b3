//! The dependency rule of incremental rendering, in one place next to the page families: every unit
//! of output (a page, or a small family rendered whole) gets an *input key*, a hash of exactly what
//! goes into it. A rebuild renders the units whose key changed or that are new, drops the units
//! that vanished, and keeps the rest byte for byte.
//!
//! What each unit depends on:
//! - an incident page: everything its file says, its card (below), and the cards of its related
//!   incidents;
//! - a card (a row of a list): what lists show of the incident ([`Facts::listed`]), the counts of
//!   its services and tags, the pages its incident links lead to, and today's date;
//! - an index or term page: its pagination and the cards on it; page 1 of the index also the site's
//!   totals and term lists, a term page also its taxonomy's term list, the index its year counts;
//! - a taxonomy page: its term list;
//! - a tracker page: every action's tracker facts (they decide the views, facets and summary) and
//!   the cards of the incidents of the actions on it;
//! - metrics, feeds, exports: every card, in order;
//! - the search page and `404.html`: nothing but the theme.
//!
//! A template or UI string change, and a `debrief.toml` change, make every key new (the caller
//! starts from no keys), so they are not part of any key.

use std::collections::{BTreeMap, HashMap};
use std::fmt::{self, Debug, Write as _};
use std::hash::{DefaultHasher, Hash, Hasher};

use crate::model::incident::Incident;
use crate::render::paginate::{ACTIONS_PER_PAGE, INCIDENTS_PER_PAGE, paginate};
use crate::render::tracker_view::Tracker;
use crate::site::Site;
use crate::site::tracker::Row;
use crate::util::percent;
use crate::util::slug::slugify;

/// An input key: equal keys give equal bytes.
pub type Key = u64;

/// The unit of the search page, rendered whole.
pub const SEARCH: &str = "#search";
/// The unit of the action exports (`actions.json`, `.csv`, `.ics`).
pub const EXPORTS: &str = "#exports";
/// The unit of the metrics page.
pub const METRICS: &str = "#metrics";
/// The unit of `robots.txt`, `sitemap.xml`, `feed.xml` and `incidents.json`.
pub const FEEDS: &str = "#feeds";
/// The unit of the theme's static files.
pub const STATICS: &str = "#statics";

/// What the dependency rule needs of one parsed incident. It depends on the file alone, so callers
/// keep it with their parse cache and compute it once per parse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Facts {
    /// Everything the file says.
    pub full: Key,
    /// What lists, feeds, exports and metrics show of it: all but the long texts.
    pub listed: Key,
    /// What the tracker's views, facets and summary are made of: its actions and services.
    pub tracked: Key,
    /// What linking the site reads of it besides its text: its place, id, slug, dates, selection,
    /// taxonomy values, the incidents and files it links to and its actions. While it stays the
    /// same, the site's order, ids, taxonomies, content files and link checks stay the same.
    pub linked: Key,
    /// Its service slugs, for the counts its card shows.
    services: Vec<String>,
    /// Its tag slugs.
    tags: Vec<String>,
    /// Every incident id it may link to (a superset: any `incident:` in its text).
    links: Vec<String>,
}

/// Hashes the `Debug` form of a value without building it.
struct DebugHasher(DefaultHasher);

impl fmt::Write for DebugHasher {
    fn write_str(&mut self, s: &str) -> fmt::Result {
        self.0.write(s.as_bytes());
        Ok(())
    }
}

fn debug_key(value: &dyn Debug) -> Key {
    let mut hasher = DebugHasher(DefaultHasher::new());
    let _ = write!(hasher, "{value:?}");
    hasher.0.finish()
}

fn key(value: impl Hash) -> Key {
    let mut hasher = DefaultHasher::new();
    value.hash(&mut hasher);
    hasher.finish()
}

/// The facts of `incident`, parsed from `text` (the parse depends on nothing else but its path and
/// the config).
pub fn facts(incident: &Incident, text: &str) -> Facts {
    let i = incident;
    // Without the byte ranges where things were written: an edit above them moves them.
    let actions: Vec<_> = i
        .actions
        .iter()
        .map(|a| {
            (
                (&a.id, &a.title, a.status, &a.owner, a.due, a.priority),
                (a.kind, &a.ticket, a.completed, &a.notes),
            )
        })
        .collect();
    let related: Vec<&str> = i.related.iter().map(|r| r.value.as_str()).collect();
    let listed = debug_key(&(
        (
            &i.path,
            &i.dir,
            i.is_bundle,
            &i.id.value,
            &i.slug.value,
            &i.title,
        ),
        (&i.date, &i.updated, i.status, i.visibility, &i.severity),
        (
            &i.lang,
            &i.timezone,
            &i.tz,
            &i.texts.summary,
            &i.texts.summary_full,
        ),
        (&i.services, &i.tags, &i.authors, &related, &i.times),
        (&actions, &i.actions_html),
    ));
    let tracked = debug_key(&(&i.id.value, &i.date, &i.services, &actions));
    let targets: Vec<&str> = i.links.iter().map(|l| l.target.as_str()).collect();
    let files: Vec<&str> = i.files.iter().map(|f| f.value.as_str()).collect();
    let linked = debug_key(&(
        (
            &i.path,
            &i.dir,
            i.is_bundle,
            &i.id.value,
            i.id.span.is_empty(),
        ),
        (
            &i.slug.value,
            &i.date,
            &i.times,
            &i.tz,
            i.status,
            i.visibility,
        ),
        (
            &i.severity,
            &i.services,
            &i.tags,
            &related,
            &targets,
            &files,
        ),
        &actions,
    ));
    let slugs = |names: &[String]| names.iter().map(|n| slugify(n)).collect();
    Facts {
        full: key((&i.path, text)),
        listed,
        tracked,
        linked,
        services: slugs(&i.services),
        tags: slugs(&i.tags),
        links: linked_ids(text),
    }
}

/// Every id after an `incident:` in `text`, as written and percent-decoded (more than the links,
/// which is harmless: a dependency too many only renders a page again).
fn linked_ids(text: &str) -> Vec<String> {
    let mut ids = Vec::new();
    for (at, _) in text.match_indices("incident:") {
        let rest = &text[at + "incident:".len()..];
        let end = rest
            .find(|c: char| {
                matches!(c, '"' | '\\' | '#' | ')' | '<' | '>' | '\'') || c.is_whitespace()
            })
            .unwrap_or(rest.len());
        let id = &rest[..end];
        ids.push(id.to_string());
        if let Ok(decoded) = percent::decode(id)
            && decoded != id
        {
            ids.push(decoded);
        }
    }
    ids.sort();
    ids.dedup();
    ids
}

/// The input key of every unit of `site`'s output. `facts[n]` are the facts of
/// `site.incidents[n]`; `tracker` and `rows` are the tracker's views and rows when the theme has
/// tracker pages.
pub fn keys(
    site: &Site,
    facts: &[&Facts],
    tracker: Option<(&Tracker, &[Row<'_>])>,
) -> BTreeMap<String, Key> {
    keys_and_cards(site, facts, tracker).0
}

/// The number of incidents of every term, by taxonomy and slug, for the cards.
pub struct Counts<'a>(HashMap<(&'a str, &'a str), usize>);

impl Counts<'_> {
    /// The counts of `site`'s terms.
    pub fn of(site: &Site) -> Counts<'_> {
        Counts(
            site.taxonomies
                .iter()
                .flat_map(|tax| {
                    tax.terms
                        .iter()
                        .map(move |term| ((tax.key, term.slug.as_str()), term.incidents.len()))
                })
                .collect(),
        )
    }

    fn count(&self, tax: &'static str, slugs: &[String]) -> Vec<usize> {
        slugs
            .iter()
            .map(|s| self.0.get(&(tax, s.as_str())).copied().unwrap_or(0))
            .collect()
    }
}

/// The key of the card of the incident whose facts are `facts` (see the module's rule).
pub fn card(site: &Site, counts: &Counts<'_>, facts: &Facts) -> Key {
    let links: Vec<Option<&str>> = facts
        .links
        .iter()
        .map(|id| site.get(id).map(|i| i.slug.value.as_str()))
        .collect();
    key((
        facts.listed,
        counts.count("services", &facts.services),
        counts.count("tags", &facts.tags),
        links,
        site.now,
    ))
}

/// The input key of the page of `site.incidents[n]`, whose facts are `facts`; `cards` are the
/// cards of every incident of the site.
pub fn incident_key(site: &Site, n: usize, facts: &Facts, cards: &[Key]) -> Key {
    let related: Vec<Option<Key>> = site.incidents[n]
        .related
        .iter()
        .map(|r| site.by_id.get(&r.value).map(|&r| cards[r]))
        .collect();
    dated(site, key(("incident", facts.full, cards[n], related)))
}

/// A unit's key with the date: every page shows today's date (`site.now`), and overdue counts
/// depend on it.
fn dated(site: &Site, value: Key) -> Key {
    key((value, site.now))
}

/// [`keys`], with the key of every incident's card (by its place in `site.incidents`), for
/// [`card`] and [`incident_key`] to compare one incident's with later.
pub fn keys_and_cards(
    site: &Site,
    facts: &[&Facts],
    tracker: Option<(&Tracker, &[Row<'_>])>,
) -> (BTreeMap<String, Key>, Vec<Key>) {
    let counts = Counts::of(site);
    let cards: Vec<Key> = facts.iter().map(|f| card(site, &counts, f)).collect();
    let mut keys: BTreeMap<String, Key> = site
        .incidents
        .iter()
        .enumerate()
        .map(|(n, incident)| {
            let path = crate::render::incident_page::page_path(incident);
            (path, incident_key(site, n, facts[n], &cards))
        })
        .collect();
    let mut units = BTreeMap::new();
    archive_keys(site, &cards, &mut units);
    if let Some((tracker, rows)) = tracker {
        tracker_keys(site, facts, &cards, tracker, rows, &mut units);
    }
    let every = key(&cards);
    for unit in [EXPORTS, METRICS, FEEDS] {
        units.insert(unit.to_string(), key((unit, every)));
    }
    units.insert(SEARCH.to_string(), key(SEARCH));
    units.insert(STATICS.to_string(), key(STATICS));
    units.insert("404.html".to_string(), key("404"));
    keys.extend(
        units
            .into_iter()
            .map(|(unit, value)| (unit, dated(site, value))),
    );
    (keys, cards)
}

/// The index, taxonomy and term pages.
fn archive_keys(site: &Site, cards: &[Key], keys: &mut BTreeMap<String, Key>) {
    let term_lists: Vec<Key> = site
        .taxonomies
        .iter()
        .map(|tax| {
            let terms: Vec<(&str, &str, usize)> = tax
                .terms
                .iter()
                .map(|t| (t.name.as_str(), t.slug.as_str(), t.incidents.len()))
                .collect();
            key((tax.key, terms))
        })
        .collect();
    let mut per_year: BTreeMap<i16, usize> = BTreeMap::new();
    for incident in &site.incidents {
        *per_year.entry(incident.year()).or_insert(0) += 1;
    }
    let totals = key((&term_lists, cards.len(), cards));
    for (range, pagination) in paginate("", cards.len(), INCIDENTS_PER_PAGE) {
        let years: Vec<(i16, usize)> = site.incidents[range.clone()]
            .iter()
            .map(|i| (i.year(), per_year[&i.year()]))
            .collect();
        let first = (pagination.number == 1).then_some(totals);
        keys.insert(
            format!("{}index.html", pagination.url),
            key((
                "index",
                pagination.number,
                pagination.total,
                &cards[range],
                years,
                first,
            )),
        );
    }
    for (tax, list) in site.taxonomies.iter().zip(&term_lists) {
        keys.insert(format!("{}/index.html", tax.key), key(("taxonomy", list)));
        for term in &tax.terms {
            let base = format!("{}/{}/", tax.key, term.slug);
            for (range, pagination) in paginate(&base, term.incidents.len(), INCIDENTS_PER_PAGE) {
                let on_page: Vec<Key> = term.incidents[range].iter().map(|&n| cards[n]).collect();
                keys.insert(
                    format!("{}index.html", pagination.url),
                    key(("term", list, pagination.number, pagination.total, on_page)),
                );
            }
        }
    }
}

/// What the tracker's rows, views, facets and summary are made of, over the whole site
/// (`facts[n]` are the facts of its incident `n`): with the same key and the same date, the
/// tracker's rows are the same actions in the same order.
pub fn tracked(facts: &[&Facts]) -> Key {
    key(facts.iter().map(|f| f.tracked).collect::<Vec<_>>())
}

/// The tracker pages: every view, every page.
fn tracker_keys(
    site: &Site,
    facts: &[&Facts],
    cards: &[Key],
    tracker: &Tracker,
    rows: &[Row<'_>],
    keys: &mut BTreeMap<String, Key>,
) {
    let tracked = tracked(facts);
    let row_keys: Vec<Key> = rows
        .iter()
        .map(|row| {
            let n = site.by_id.get(&row.incident.id.value).copied();
            key((n.map(|n| cards[n]), &row.action.id))
        })
        .collect();
    for view in &tracker.views {
        for (range, pagination) in paginate(&view.url, view.rows.len(), ACTIONS_PER_PAGE) {
            let on_page: Vec<Key> = view.rows[range].iter().map(|&r| row_keys[r]).collect();
            keys.insert(
                format!("{}index.html", pagination.url),
                key(("actions", tracked, pagination.number, on_page)),
            );
        }
    }
}

/// Which units differ between `old` and `new`: those to render (new or changed) and those to drop.
pub fn changed(
    old: &BTreeMap<String, Key>,
    new: &BTreeMap<String, Key>,
) -> (Vec<String>, Vec<String>) {
    let render = new
        .iter()
        .filter(|(unit, key)| old.get(*unit) != Some(key))
        .map(|(unit, _)| unit.clone())
        .collect();
    let drop = old
        .keys()
        .filter(|unit| !new.contains_key(*unit))
        .cloned()
        .collect();
    (render, drop)
}

#[cfg(test)]
mod tests;
