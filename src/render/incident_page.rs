//! The incident pages: one per post-mortem, rendered in parallel, each in its incident's language.

use anyhow::Result;
use minijinja::context;
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

/// Incident pages rendered one after another by a task: few enough that the pages left when one
/// core runs out of work are shared out.
const PAGES_PER_TASK: usize = 16;

/// Renders `incidents/<slug>/index.html` for every incident into `sink`, each page handed on as
/// soon as it is made, so the pages are never all held at once.
pub(crate) fn write(
    env: &PageEnv<'_>,
    views: &Views<'_>,
    i18n: &I18n,
    sink: &Sink<'_>,
) -> Result<()> {
    // Small tasks, so that the last pages are shared out instead of left to one core.
    env.site
        .incidents
        .par_iter()
        .with_max_len(PAGES_PER_TASK)
        .try_for_each(|incident| {
            let (path, html) = page(env, views, i18n, incident)?;
            sink.insert(path, html)
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
    env.site
        .incidents
        .par_iter()
        .filter(|incident| wanted(&page_path(incident)))
        .map(|incident| page(env, views, i18n, incident))
        .collect()
}

/// The page of one incident, and where it goes.
pub(crate) fn page(
    env: &PageEnv<'_>,
    views: &Views<'_>,
    i18n: &I18n,
    incident: &Incident,
) -> Result<(OutputPath, Vec<u8>)> {
    let t = i18n.get(&incident.lang);
    let view = views.incident(incident, t);
    let (url, title) = (view.card.url.clone(), view.card.title.clone());
    let capacity = view.page_size();
    let html = env.page_sized(
        "incident.html",
        (t, "incident", &title, &url),
        context! { incident => incident_value::value(view) },
        capacity,
    )?;
    Ok((OutputPath::new(&format!("{url}{INCIDENT_PAGE}"))?, html))
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use super::*;
    use crate::render::env::environment;
    use crate::render::theme::Theme;

    /// A long report (a table of contents, a timeline, actions, a related incident) and a bare one.
    const LONG: &str = "+++\nid = \"long\"\ntitle = \"Mail down\"\nsummary = \"Short.\"\nrelated = [\"bare\"]\n\n\
        [times]\nstarted = 2025-03-02T10:00:00Z\nresolved = 2025-03-03T12:00:00Z\n\n[[actions]]\n\
        title = \"Fix it\"\nowner = \"sre\"\ndue = 2025-06-01\n\n[[actions]]\ntitle = \"Watch it\"\n+++\n\n\
        ## Impact\n\nMail was late.\n\n## Timeline\n\n| Time | Event |\n|---|---|\n\
        | 2025-03-02 10:00 | Disk fills. |\n| 10:20 | Paged. |\n| 11:00 | Fixed. |\n\n\
        ## One\n\nA.\n\n## Two\n\nB.\n\n## Three\n\nC.\n\n## Four\n\nD.\n";
    const BARE: &str = "+++\nid = \"bare\"\ntitle = \"Bare\"\ndate = 2025-03-01\n+++\n\nBody.\n";

    #[test]
    fn a_page_is_written_into_a_buffer_that_holds_it_without_growing() {
        let site = crate::site::testing::linked_site(
            "title = \"Pages\"\n",
            &[("long.md", LONG), ("bare.md", BARE)],
        );
        let theme = Theme::embedded();
        let i18n = I18n::load(&theme).expect("strings");
        let templates = environment(&theme).expect("templates");
        let env = PageEnv::new(
            &templates,
            &site,
            "/",
            &BTreeMap::new(),
            "https://x.test",
            &i18n,
        );
        let views = Views::new(&site, "/");
        for incident in &site.incidents {
            let size = views.incident(incident, i18n.get("en")).page_size();
            let (_, html) = page(&env, &views, &i18n, incident).expect("page");
            assert_eq!(
                html.capacity(),
                size,
                "{}: the buffer grew",
                incident.id.value
            );
            assert!(
                size < html.len() * 3,
                "{}: {size} for {}",
                incident.id.value,
                html.len()
            );
        }
    }
}
