//! The archive pages: the index of every incident by year, the taxonomy pages and their terms, and
//! the 404 page. The index and each term are paginated; every page renders in parallel from cards
//! made once.

use std::collections::BTreeMap;
use std::ops::Range;

use anyhow::Result;
use minijinja::value::Serde;
use minijinja::{Value, context};
use rayon::prelude::*;

use crate::render::Files;
use crate::render::card_value;
use crate::render::env::PageEnv;
use crate::render::i18n::Strings;
use crate::render::paginate::{INCIDENTS_PER_PAGE, Pagination, paginate};
use crate::render::shared::MacroHtml;
use crate::render::view::{TermView, Views};
use crate::site::tracker::ActionCounts;
use crate::util::output_path::OutputPath;

/// The macro of `macros.html` that renders an incident's row on the term pages.
const ROW: &str = "incident_row";

/// One page of the archive to render.
enum Job {
    /// Page of the index, with its slice of the incidents.
    Index(Range<usize>, Pagination),
    /// The list of terms of the taxonomy at this index.
    Taxonomy(usize),
    /// Page of a term: taxonomy index, term index, its slice of the term's incidents.
    Term(usize, usize, Range<usize>, Pagination),
    /// `404.html`.
    NotFound,
}

/// What every archive page draws on, made once for the build.
struct Archive<'a> {
    env: &'a PageEnv<'a>,
    t: &'a Strings,
    /// Every incident's year, newest first.
    years: Vec<i16>,
    /// Their cards, ready for templates: those on the pages to render (the others are undefined).
    values: Vec<Value>,
    /// Incidents per year, for the year headings of the index.
    per_year: BTreeMap<i16, usize>,
    /// Each taxonomy's terms as shown.
    terms: Vec<Vec<TermView>>,
    /// Each taxonomy's `taxonomy` for templates.
    taxonomies: Vec<Value>,
    /// The term pages' rows, by incident, when `macros.html` has `incident_row`.
    rows: Option<MacroHtml<'a>>,
    /// The arguments of `incident_row` besides the card: `t`, `root`, `lang`.
    row_args: [Value; 3],
}

/// Renders `index.html` and its pages, each taxonomy's `<key>/index.html`, its terms' pages, and
/// `404.html`.
pub(crate) fn render(env: &PageEnv<'_>, views: &Views<'_>, t: &Strings) -> Result<Files> {
    render_only(env, views, t, &|_| true)
}

/// Renders the archive pages whose path `wanted` accepts.
pub(crate) fn render_only(
    env: &PageEnv<'_>,
    views: &Views<'_>,
    t: &Strings,
    wanted: &(dyn Fn(&str) -> bool + Sync),
) -> Result<Files> {
    let site = env.site;
    let years: Vec<i16> = site.incidents.iter().map(|i| i.year()).collect();
    let mut per_year = BTreeMap::new();
    for year in &years {
        *per_year.entry(*year).or_insert(0) += 1;
    }
    let terms: Vec<Vec<TermView>> = site
        .taxonomies
        .iter()
        .map(|tax| views.terms(tax, t))
        .collect();
    let taxonomies = site
        .taxonomies
        .iter()
        .zip(&terms)
        .map(|(tax, terms)| {
            let key = tax.key;
            context! { key, title => t.label("taxonomy", key), url => format!("{key}/"), terms => Serde(terms) }
        })
        .collect();
    let mut jobs: Vec<Job> = paginate("", years.len(), INCIDENTS_PER_PAGE)
        .into_iter()
        .map(|(range, p)| Job::Index(range, p))
        .collect();
    for (x, taxonomy) in site.taxonomies.iter().enumerate() {
        jobs.push(Job::Taxonomy(x));
        for (y, (term, view)) in taxonomy.terms.iter().zip(&terms[x]).enumerate() {
            let pages = paginate(&view.url, term.incidents.len(), INCIDENTS_PER_PAGE);
            jobs.extend(pages.into_iter().map(|(r, p)| Job::Term(x, y, r, p)));
        }
    }
    jobs.push(Job::NotFound);
    jobs.retain(|job| wanted(&job.path(site)));
    // Cards only for the incidents the pages to render show; a term page's row of an incident
    // is rendered once for all the term pages that list it.
    let mut shown = vec![false; years.len()];
    let mut rows = vec![0u32; years.len()];
    for job in &jobs {
        match job {
            Job::Index(range, _) => shown[range.clone()].fill(true),
            Job::Term(x, y, range, _) => {
                for &n in &site.taxonomies[*x].terms[*y].incidents[range.clone()] {
                    shown[n] = true;
                    rows[n] += 1;
                }
            }
            Job::Taxonomy(_) | Job::NotFound => {}
        }
    }
    let values: Vec<Value> = site
        .incidents
        .par_iter()
        .zip(&shown)
        .map(|(i, &shown)| {
            if shown {
                card_value::value(views.card(i, t))
            } else {
                Value::UNDEFINED
            }
        })
        .collect();
    let archive = Archive {
        env,
        t,
        years,
        values,
        per_year,
        terms,
        taxonomies,
        rows: MacroHtml::new(env, ROW, &rows)?,
        row_args: [
            t.value(),
            Value::from(views.root),
            Value::from(t.lang.as_str()),
        ],
    };
    // A page per task: the last pages are shared out instead of left to one core.
    jobs.par_iter()
        .with_max_len(1)
        .map(|job| archive.page(job))
        .collect()
}

impl Job {
    /// The output path of the page.
    fn path(&self, site: &crate::site::Site) -> String {
        match self {
            Job::Index(_, pagination) | Job::Term(_, _, _, pagination) => {
                format!("{}index.html", pagination.url)
            }
            Job::Taxonomy(x) => format!("{}/index.html", site.taxonomies[*x].key),
            Job::NotFound => "404.html".to_string(),
        }
    }
}

impl Archive<'_> {
    /// Renders one page: its output path and HTML.
    fn page(&self, job: &Job) -> Result<(OutputPath, Vec<u8>)> {
        let (env, t) = (self.env, self.t);
        let (url, html) = match job {
            Job::Index(range, pagination) => {
                (pagination.url.clone(), self.index(range, pagination)?)
            }
            Job::Taxonomy(x) => {
                let key = env.site.taxonomies[*x].key;
                let title = t.label("taxonomy", key);
                let url = format!("{key}/");
                let html = env.page(
                    "taxonomy.html",
                    t,
                    "taxonomy",
                    &title,
                    &url,
                    context! { taxonomy => &self.taxonomies[*x] },
                )?;
                (url, html)
            }
            Job::Term(x, y, range, pagination) => {
                let taxonomy = &env.site.taxonomies[*x];
                let view = &self.terms[*x][*y];
                let listed = &taxonomy.terms[*y].incidents[range.clone()];
                let incidents: Vec<Value> =
                    listed.iter().map(|&n| self.values[n].clone()).collect();
                let rows = match &self.rows {
                    Some(rows) => Some(rows.page(listed.iter().copied(), |n| {
                        let mut args = vec![self.values[n].clone()];
                        args.extend(self.row_args.iter().cloned());
                        args
                    })?),
                    None => None,
                };
                let title = format!("{} · {}", view.name, t.label("taxonomy", taxonomy.key));
                let html = env.page(
                    "term.html",
                    t,
                    "term",
                    &title,
                    &pagination.url,
                    context! {
                        taxonomy => &self.taxonomies[*x],
                        term => Serde(view),
                        incidents,
                        rows,
                        pagination => Serde(pagination),
                    },
                )?;
                (pagination.url.clone(), html)
            }
            Job::NotFound => {
                let missing = t.flat("not_found_title");
                let html = env.page("404.html", t, "404", &missing, "404.html", context! {})?;
                return Ok((OutputPath::new("404.html")?, html.into_bytes()));
            }
        };
        Ok((
            OutputPath::new(&format!("{url}index.html"))?,
            html.into_bytes(),
        ))
    }

    /// A page of the index: its incidents grouped by year, and on page 1 the totals and the links
    /// to browse by year, severity and service.
    fn index(&self, range: &Range<usize>, pagination: &Pagination) -> Result<String> {
        let site = self.env.site;
        let mut years: Vec<(i16, Vec<Value>)> = Vec::new();
        for n in range.clone() {
            let (year, value) = (self.years[n], self.values[n].clone());
            match years.last_mut() {
                Some((y, list)) if *y == year => list.push(value),
                _ => years.push((year, vec![value])),
            }
        }
        let years: Vec<Value> = years
            .into_iter()
            .map(|(year, incidents)| {
                let count = self.per_year.get(&year).copied().unwrap_or_default();
                context! { year, count, incidents }
            })
            .collect();
        let first = pagination.number == 1;
        let counts = first.then(|| {
            let actions: Vec<ActionCounts> = site
                .incidents
                .iter()
                .map(|i| ActionCounts::of(i, site.now))
                .collect();
            context! {
                incidents => self.years.len(),
                open_actions => actions.iter().map(|c| c.open).sum::<usize>(),
                overdue_actions => actions.iter().map(|c| c.overdue).sum::<usize>(),
            }
        });
        let terms_of = |key: &str| -> Vec<&TermView> {
            site.taxonomies
                .iter()
                .zip(&self.terms)
                .filter(|(tax, _)| tax.key == key)
                .flat_map(|(_, terms)| terms)
                .collect()
        };
        let filters = first.then(|| {
            context! {
                years => Serde(terms_of("years")),
                severities => Serde(terms_of("severity")),
                services => Serde(terms_of("services")),
            }
        });
        let incidents: Vec<Value> = self.values[range.clone()].to_vec();
        self.env.page(
            "index.html",
            self.t,
            "index",
            &site.config.title,
            &pagination.url,
            context! { incidents, years, counts, filters, pagination => Serde(pagination) },
        )
    }
}
