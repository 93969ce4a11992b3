//! The incident pages: one per post-mortem, rendered in parallel, each in its incident's language.

use anyhow::Result;
use minijinja::context;
use minijinja::value::Serde;
use rayon::prelude::*;

use crate::model::incident::Incident;
use crate::render::Files;
use crate::render::env::PageEnv;
use crate::render::i18n::I18n;
use crate::render::view::Views;
use crate::site::assets::INCIDENT_PAGE;
use crate::util::output_path::OutputPath;

/// Renders `incidents/<slug>/index.html` for every incident.
pub(crate) fn render(env: &PageEnv<'_>, views: &Views<'_>, i18n: &I18n) -> Result<Files> {
    render_only(env, views, i18n, &|_| true)
}

/// The page of `incident`: `incidents/<slug>/index.html`.
pub(crate) fn page_path(incident: &Incident) -> String {
    format!("incidents/{}/{INCIDENT_PAGE}", incident.slug.value)
}

/// Renders the incident pages whose path `wanted` accepts.
pub(crate) fn render_only(
    env: &PageEnv<'_>,
    views: &Views<'_>,
    i18n: &I18n,
    wanted: &(dyn Fn(&str) -> bool + Sync),
) -> Result<Files> {
    env.site
        .incidents
        .par_iter()
        .filter(|incident| wanted(&page_path(incident)))
        .map(|incident| {
            let t = i18n.get(&incident.lang);
            let view = views.incident(incident, t);
            let (url, title) = (view.card.url.clone(), view.card.title.clone());
            let html = env.page(
                "incident.html",
                t,
                "incident",
                &title,
                &url,
                context! { incident => Serde(view) },
            )?;
            Ok((
                OutputPath::new(&format!("{url}{INCIDENT_PAGE}"))?,
                html.into_bytes(),
            ))
        })
        .collect()
}
