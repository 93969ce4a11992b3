//! What templates see: incidents, actions and times turned into display-ready values (docs/templates.md).

use serde::Serialize;

use crate::model::action::Action;
use crate::model::incident::Incident;
use crate::render::i18n::Strings;
pub use crate::render::moment::Moment;
use crate::render::moment::{Moments, shown_alike};
use crate::search::fasthash::FastMap;
use crate::site::Site;
use crate::util::slug::slugify;
use crate::util::time::When;

/// A severity as shown.
#[derive(Clone, Debug, Serialize)]
pub struct SeverityView {
    /// The scale key.
    pub key: String,
    /// The label in the page language.
    pub label: String,
    /// 1 = most severe.
    pub rank: usize,
}

/// A taxonomy value as a link.
#[derive(Clone, Debug, Serialize)]
pub struct TermView {
    /// As written.
    pub name: String,
    /// URL segment.
    pub slug: String,
    /// Root-relative URL.
    pub url: String,
    /// Incidents carrying it.
    pub count: usize,
}

/// An incident in a list.
#[derive(Clone, Debug, Serialize)]
pub struct Card {
    /// The incident's id.
    pub id: String,
    /// Its URL segment.
    pub slug: String,
    /// Its page, root-relative.
    pub url: String,
    /// Its title.
    pub title: String,
    /// The short summary.
    pub summary_html: Option<String>,
    /// Its severity, if any.
    pub severity: Option<SeverityView>,
    /// `published`, `review` or `draft`.
    pub status: &'static str,
    /// `public` or `internal`.
    pub visibility: &'static str,
    /// Its language.
    pub lang: String,
    /// When it happened.
    pub date: Moment,
    /// The year of `date`, for grouping.
    pub year: i16,
    /// When the impact began.
    pub started: Option<Moment>,
    /// When it was resolved.
    pub resolved: Option<Moment>,
    /// From start to resolution, formatted.
    pub duration: Option<String>,
    /// Affected services.
    pub services: Vec<TermView>,
    /// Tags.
    pub tags: Vec<TermView>,
    /// Action counts.
    pub actions: crate::site::tracker::ActionCounts,
    /// Front matter kept for templates (`[extra]`, and unknown keys when they are kept).
    pub extra: std::collections::BTreeMap<String, serde_json::Value>,
}

/// An action as shown.
#[derive(Clone, Debug, Serialize)]
pub struct ActionView {
    /// The action's id.
    pub id: String,
    /// What is to be done.
    pub title_html: String,
    /// Notes written under the item, if any.
    pub notes_html: Option<String>,
    /// Where it stands.
    pub status: &'static str,
    /// Who owns it.
    pub owner: Option<String>,
    /// When it is due.
    pub due: Option<Moment>,
    /// Open and past due.
    pub overdue: bool,
    /// Days past due, when overdue.
    pub days_overdue: Option<i32>,
    /// How urgent.
    pub priority: Option<&'static str>,
    /// What it does.
    pub kind: Option<&'static str>,
    /// Its ticket.
    pub ticket: Option<crate::site::ticket::Ticket>,
    /// When it was finished.
    pub completed: Option<Moment>,
    /// `status` in the page language (`t.action_status[status]`, else `status` itself).
    pub status_label: String,
    /// `priority` in the page language (`t.priority[priority]`, else `priority`), if any.
    pub priority_label: Option<String>,
    /// `kind` in the page language (`t.action_kind[kind]`, else `kind`), if any.
    pub kind_label: Option<String>,
    /// "3 days overdue" in the page language (`t.days_overdue_one`/`_other`), when overdue.
    pub days_overdue_text: Option<String>,
}

/// "3 days overdue": `t.days_overdue_one` or `_other` with `{n}` filled in.
fn days_overdue(n: i32, t: &Strings) -> String {
    let key = if n == 1 {
        "days_overdue_one"
    } else {
        "days_overdue_other"
    };
    t.flat(key).replace("{n}", &n.to_string())
}

/// Builds the views of one site for one language.
pub struct Views<'a> {
    /// The linked site.
    pub site: &'a Site,
    /// The path every link starts with (`/` or `/status/`).
    pub root: &'a str,
    /// Incidents per taxonomy key and term slug, looked up once per link.
    counts: FastMap<(&'a str, &'a str), usize>,
    /// Each term of the site as a link, by taxonomy key, then by its name as the taxonomy holds
    /// it: most links name a term so, and are then made without working out the slug again.
    links: Vec<(&'a str, FastMap<&'a str, TermView>)>,
}

impl<'a> Views<'a> {
    /// The views of `site`, linked from `root`.
    pub fn new(site: &'a Site, root: &'a str) -> Views<'a> {
        let mut counts = FastMap::default();
        for tax in &site.taxonomies {
            for term in &tax.terms {
                counts
                    .entry((tax.key, term.slug.as_str()))
                    .or_insert(term.incidents.len());
            }
        }
        let mut views = Views {
            site,
            root,
            counts,
            links: Vec::new(),
        };
        let links = site
            .taxonomies
            .iter()
            .map(|tax| {
                let links = tax
                    .terms
                    .iter()
                    .map(|term| (term.name.as_str(), views.new_term(tax.key, &term.name)))
                    .collect();
                (tax.key, links)
            })
            .collect();
        views.links = links;
        views
    }

    /// A taxonomy value as a link, counted.
    pub fn term(&self, taxonomy: &str, name: &str) -> TermView {
        let known = self
            .links
            .iter()
            .find(|(key, _)| *key == taxonomy)
            .and_then(|(_, links)| links.get(name));
        match known {
            Some(link) => link.clone(),
            None => self.new_term(taxonomy, name),
        }
    }

    /// [`Views::term`] worked out from the name.
    fn new_term(&self, taxonomy: &str, name: &str) -> TermView {
        let slug = slugify(name);
        let count = self
            .counts
            .get(&(taxonomy, slug.as_str()))
            .copied()
            .unwrap_or(0);
        TermView {
            name: name.to_string(),
            url: [taxonomy, "/", &slug, "/"].concat(),
            slug,
            count,
        }
    }

    /// `names` of `taxonomy` as links, leaving out those with no letters or digits (they have no page).
    pub fn terms_of(&self, taxonomy: &str, names: &[String]) -> Vec<TermView> {
        names
            .iter()
            .map(|name| self.term(taxonomy, name))
            .filter(|term| !term.slug.is_empty())
            .collect()
    }

    /// The terms of `taxonomy` as links, severity levels named by their label in the page language.
    pub fn terms(&self, taxonomy: &crate::site::Taxonomy, t: &Strings) -> Vec<TermView> {
        taxonomy
            .terms
            .iter()
            .map(|term| {
                let mut view = self.term(taxonomy.key, &term.name);
                if taxonomy.key == "severity"
                    && let Some(severity) = self.severity(&term.name, t)
                {
                    view.name = severity.label;
                }
                view
            })
            .collect()
    }

    /// The severity of `key` in the page language.
    pub fn severity(&self, key: &str, t: &Strings) -> Option<SeverityView> {
        let scale = &self.site.config.severity;
        let rank = scale.rank(key)?;
        let label = t
            .severity(key)
            .unwrap_or_else(|| scale.levels[rank - 1].label.clone());
        Some(SeverityView {
            key: key.to_string(),
            label,
            rank,
        })
    }

    /// An action as shown.
    pub fn action(&self, action: &Action, title_html: &str, t: &Strings) -> ActionView {
        let days = action.days_overdue(self.site.now);
        let priority = action.priority.map(|p| p.as_str());
        let kind = action.kind.map(|k| k.as_str());
        ActionView {
            id: action.id.clone(),
            title_html: self.html(title_html),
            notes_html: action.notes.as_deref().map(|notes| self.html(notes)),
            status: action.status.as_str(),
            owner: action.owner.clone(),
            due: action.due.map(|d| Moment::day(d, t)),
            overdue: days.is_some(),
            days_overdue: days,
            priority,
            kind,
            ticket: action.ticket.as_deref().map(|k| {
                crate::site::ticket::ticket(k, self.site.config.actions.ticket_url.as_deref())
            }),
            completed: action.completed.map(|d| Moment::day(d, t)),
            status_label: t.label("action_status", action.status.as_str()),
            priority_label: priority.map(|p| t.label("priority", p)),
            kind_label: kind.map(|k| t.label("action_kind", k)),
            days_overdue_text: days.filter(|&n| n != 0).map(|n| days_overdue(n, t)),
        }
    }

    /// An incident in a list, in the language `t`.
    pub fn card(&self, incident: &Incident, t: &Strings) -> Card {
        self.card_with_summary(incident, incident.texts.summary.as_deref(), t)
    }

    /// [`Views::card`] with `summary` (rendered markdown) for its summary.
    pub(crate) fn card_with_summary(
        &self,
        incident: &Incident,
        summary: Option<&str>,
        t: &Strings,
    ) -> Card {
        let counts = crate::site::tracker::ActionCounts::of(incident, self.site.now);
        let mut moments = Moments::new(t);
        let date = moments.of(&incident.date);
        // An incident's date is mostly when it started.
        let mut moment = |when: &When| {
            if shown_alike(when, &incident.date) {
                date.clone()
            } else {
                moments.of(when)
            }
        };
        Card {
            id: incident.id.value.clone(),
            slug: incident.slug.value.clone(),
            url: incident.page_path(),
            title: incident.title.clone(),
            summary_html: summary.map(|h| self.html(h)),
            severity: incident
                .severity
                .as_deref()
                .and_then(|k| self.severity(k, t)),
            status: incident.status.as_str(),
            visibility: incident.visibility.as_str(),
            lang: incident.lang.clone(),
            year: incident.year(),
            started: incident.times.started.as_ref().map(&mut moment),
            resolved: incident.times.resolved.as_ref().map(moment),
            date,
            duration: incident.duration().map(|d| t.duration(d)),
            services: self.terms_of("services", &incident.services),
            tags: self.terms_of("tags", &incident.tags),
            actions: counts,
            extra: incident.extra.clone(),
        }
    }
}
