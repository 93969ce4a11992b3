//! The render stage: the linked site through the theme's templates into an [`Output`], one module
//! per page family.

pub mod archive;
pub mod charts;
pub mod env;
pub mod i18n;
pub mod incident_page;
pub mod incident_view;
pub mod indent;
pub mod metrics;
pub mod paginate;
pub mod search_page;
pub mod theme;
pub mod tracker_pages;
pub mod tracker_row;
pub mod tracker_view;
pub mod view;

use anyhow::Result;
use rayon::prelude::*;

use crate::publish::feeds;
use crate::publish::output::{Output, Sink};
use crate::render::env::PageEnv;
use crate::render::i18n::I18n;
use crate::render::theme::Theme;
use crate::render::view::Views;
use crate::site::Site;
use crate::site::assets::Placement;
use crate::site::tracker;
use crate::util::base_url::BaseUrl;
use crate::util::output_path::OutputPath;

pub use env::content_hash;

/// Files made by one part of render, by their path in the output.
pub(crate) type Files = Vec<(OutputPath, Vec<u8>)>;

/// Everything render needs besides the site.
pub struct RenderInput<'a> {
    /// The theme.
    pub theme: &'a Theme,
    /// The public URL (without trailing slash), possibly overridden by `--base-url`.
    pub base_url: &'a str,
    /// Files of `content/` to publish, each at its place beside an incident page.
    pub assets: &'a [Placement],
}

/// Renders every page of `site`, with its feeds, exports and files, into `output`. Every part runs
/// at once, and each renders its pages in parallel; the output does not depend on how many threads
/// there are.
pub fn render(site: &Site, input: &RenderInput<'_>, mut output: Output) -> Result<Output> {
    let i18n = I18n::load(input.theme)?;
    let templates = env::environment(input.theme)?;
    let assets = env::statics(input.theme, &mut output)?;
    let base = BaseUrl::parse(input.base_url);
    let env = PageEnv::new(&templates, site, &base.root, &assets, input.base_url, &i18n);
    let views = Views::new(site, &base.root);
    let t = i18n.get(&site.config.language);
    let rows = tracker::rows(site);
    let summary = tracker::summary(&rows);
    type Part<'p> = Box<dyn Fn(&Sink<'_>) -> Result<()> + Send + Sync + 'p>;
    let parts: Vec<Part<'_>> = vec![
        Box::new(|sink| incident_page::write(&env, &views, &i18n, sink)),
        Box::new(|sink| sink.extend(archive::render(&env, &views, t)?)),
        Box::new(|sink| tracker_pages::write(&env, &views, &rows, &summary, t, sink)),
        Box::new(|sink| sink.extend(tracker_pages::exports(site, &rows, &base)?)),
        Box::new(|sink| sink.extend(metrics::render(&env, &views, t, summary.clone())?)),
        Box::new(|sink| sink.extend(search_page::render(&env, t)?)),
        Box::new(|sink| sink.extend(feed_files(site, &base)?)),
    ];
    let sink = output.sink();
    parts.par_iter().try_for_each(|part| part(&sink))?;
    crate::publish::assets::copy(input.assets, &mut output)?;
    Ok(output)
}

/// `robots.txt`, `sitemap.xml` (when the base URL is known), `feed.xml` and `incidents.json`.
fn feed_files(site: &Site, base: &BaseUrl) -> Result<Files> {
    let mut files: Files = vec![
        (OutputPath::new("robots.txt")?, feeds::robots(base).into()),
        (OutputPath::new("feed.xml")?, feeds::atom(site, base).into()),
        (
            OutputPath::new("incidents.json")?,
            feeds::json(site, base).into(),
        ),
    ];
    if let Some(sitemap) = feeds::sitemap(site, base) {
        files.push((OutputPath::new("sitemap.xml")?, sitemap.into()));
    }
    Ok(files)
}
