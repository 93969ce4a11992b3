//! The incident pages: one per post-mortem, rendered in parallel, each in its incident's language.

use anyhow::Result;
use minijinja::{Value, context};
use rayon::prelude::*;

use crate::model::incident::Incident;
use crate::publish::output::Sink;
use crate::render::Files;
use crate::render::env::PageEnv;
use crate::render::i18n::I18n;
use crate::render::incident_value;
use crate::render::view::Views;
use crate::site::assets::INCIDENT_PAGE;
use crate::util::output_path::OutputPath;

mod kept;
mod macros;

use kept::KeptWhenAlike;

/// The HTML the incident pages of a run share: the action counts (see [`macros::CountsHtml`]),
/// and the site's header and footer by language.
#[derive(Default)]
struct KeptHtml {
    counts: macros::CountsHtml,
    frames: KeptWhenAlike<String, Frame>,
}

/// The site's header and footer of an incident page, as its template's blocks `site_header` and
/// `site_footer` render them: from nothing but the site, the language and its strings (the
/// default theme's `base.html` says so), the same on every incident page in one language. They
/// are kept for a language only once two of its pages rendered them alike.
#[derive(Clone, PartialEq)]
struct Frame {
    header: Value,
    footer: Value,
}

/// Incident pages rendered one after another by a task, with one evaluation of `macros.html`: few
/// enough that the pages left when one core runs out of work are shared out.
const PAGES_PER_TASK: usize = 16;

/// The blocks of an incident page's template that make its [`Frame`].
const FRAME_BLOCKS: [&str; 2] = ["site_header", "site_footer"];

/// Renders `incidents/<slug>/index.html` for every incident into `sink`, each page handed on as
/// soon as it is made, so the pages are never all held at once.
pub(crate) fn write(
    env: &PageEnv<'_>,
    views: &Views<'_>,
    i18n: &I18n,
    sink: &Sink<'_>,
) -> Result<()> {
    let kept = KeptHtml::default();
    // Small tasks, so that the last pages are shared out instead of left to one core.
    env.site
        .incidents
        .par_chunks(PAGES_PER_TASK)
        .try_for_each(|incidents| {
            macros::with_macros(env, |mut macros| {
                incidents.iter().try_for_each(|incident| {
                    let macros = (macros.as_deref_mut(), &kept);
                    let (path, html) = page(env, views, i18n, incident, macros)?;
                    sink.insert(path, html)
                })
            })
        })
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
    let kept = KeptHtml::default();
    env.site
        .incidents
        .par_iter()
        .filter(|incident| wanted(&page_path(incident)))
        .map(|incident| {
            macros::with_macros(env, |macros| {
                page(env, views, i18n, incident, (macros, &kept))
            })
        })
        .collect()
}

/// The page of one incident, and where it goes; its action rows and counts and its related
/// incidents rendered with `macros`, the state of `macros.html` (see [`macros::parts`]), and the
/// HTML kept for the pages of a run.
fn page(
    env: &PageEnv<'_>,
    views: &Views<'_>,
    i18n: &I18n,
    incident: &Incident,
    (macros, kept): (Option<&mut minijinja::State<'_, '_>>, &KeptHtml),
) -> Result<(OutputPath, Vec<u8>)> {
    let t = i18n.get(&incident.lang);
    let view = views.incident(incident, t);
    let (url, title) = (view.card.url.clone(), view.card.title.clone());
    let counts = view.card.actions.clone();
    let capacity = view.page_size();
    let incident = incident_value::value(view);
    let strings = env.strings(&t.lang).cloned().unwrap_or_default();
    let macros::Parts {
        action_rows,
        action_counts_html,
        related_html,
    } = macros::parts(
        macros,
        &incident,
        &strings,
        views.root,
        &t.lang,
        &macros::Counts {
            html: &kept.counts,
            counts: &counts,
        },
    );
    let page = (t, "incident", title.as_str(), url.as_str());
    // The page's own variables, with the site's header and footer when they are kept.
    let own = |(site_header_html, site_footer_html): (Value, Value)| {
        context! {
            incident => incident.clone(),
            action_rows => action_rows.clone(),
            action_counts_html => action_counts_html.clone(),
            related_html => related_html.clone(),
            site_header_html,
            site_footer_html,
        }
    };
    let none = || (Value::from(()), Value::from(()));
    let frame = kept.frames.get_or_render(t.lang.clone(), || {
        let [header, footer] = env.blocks("incident.html", page, own(none()), FRAME_BLOCKS)?;
        Some(Frame { header, footer })
    });
    let frame = frame.map_or_else(none, |frame| (frame.header, frame.footer));
    let html = env.page_sized("incident.html", page, own(frame), capacity)?;
    Ok((OutputPath::new(&format!("{url}{INCIDENT_PAGE}"))?, html))
}

#[cfg(test)]
mod tests;
