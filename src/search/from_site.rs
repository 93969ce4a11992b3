//! The search wing's view of the linked site: one [`Document`] per incident the build publishes, in
//! plain text, so the index holds exactly what the pages show (a public build's index never holds an
//! internal incident or a draft).

use rayon::prelude::*;

use crate::model::incident::Incident;
use crate::parse::markdown::plain_text;
use crate::search::Document;
use crate::site::Site;
use crate::util::html_text::text;

/// The documents of every incident of `site`.
pub fn documents(site: &Site) -> Vec<Document> {
    site.incidents.par_iter().map(document).collect()
}

/// The documents of every incident of `site`, as [`documents`] makes them, except that each body's
/// plain text is moved out of the site instead of copied: the largest text of an incident is then
/// held once while the index is built. Afterwards every incident's `body.text` is empty, so only a
/// build that needs it for nothing else (the full build) takes the documents this way.
pub fn take_documents(site: &mut Site) -> Vec<Document> {
    site.incidents
        .par_iter_mut()
        .map(|incident| {
            let body = std::mem::take(&mut incident.body.text);
            with_body(incident, body)
        })
        .collect()
}

/// One incident as the index sees it.
pub fn document(incident: &Incident) -> Document {
    with_body(incident, incident.body.text.clone())
}

/// One incident as the index sees it, with `body` as the plain text of its body.
fn with_body(incident: &Incident, body: String) -> Document {
    let html = |field: &Option<String>| field.as_deref().map(text).unwrap_or_default();
    let texts = &incident.texts;
    let summary = html(&texts.summary_full);
    Document {
        id: incident.id.value.clone(),
        url: incident.page_path(),
        title: incident.title.clone(),
        lang: incident.lang.clone(),
        date: incident.date.date().to_string(),
        year: i32::from(incident.year()),
        severity: incident.severity.clone().unwrap_or_default(),
        services: incident.services.clone(),
        tags: incident.tags.clone(),
        open_actions: u32::try_from(
            incident
                .actions
                .iter()
                .filter(|a| a.status.is_open())
                .count(),
        )
        .unwrap_or(u32::MAX),
        excerpt: texts.summary.as_deref().map(text).unwrap_or_default(),
        summary,
        impact: html(&texts.impact),
        root_cause: html(&texts.root_cause),
        resolution: [&texts.resolution, &texts.trigger, &texts.detection]
            .into_iter()
            .map(html)
            .chain(texts.contributing_factors.iter().map(|h| text(h)))
            .chain(texts.lessons.iter().map(|h| text(h)))
            .filter(|t| !t.is_empty())
            .collect::<Vec<_>>()
            .join(" "),
        headings: incident
            .body
            .headings
            .iter()
            .map(|h| h.text.clone())
            .collect(),
        body,
        timeline: incident
            .timeline
            .iter()
            .map(|e| plain_text(&e.text))
            .collect(),
        actions: incident
            .actions
            .iter()
            .map(|a| plain_text(&a.title))
            .collect(),
        tickets: incident
            .actions
            .iter()
            .filter_map(|a| a.ticket.clone())
            .filter(|t| !t.contains("://"))
            .collect(),
    }
}
