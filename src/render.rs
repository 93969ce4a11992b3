//! The render stage: the linked site through the theme's templates into an [`Output`], one module
//! per page family.

pub mod archive;
pub mod charts;
pub mod env;
pub mod i18n;
pub mod incident_page;
pub mod incident_view;
pub mod metrics;
pub mod search_page;
pub mod theme;
pub mod tracker_pages;
pub mod tracker_view;
pub mod view;

use anyhow::Result;

use crate::publish::feeds;
use crate::publish::output::Output;
use crate::render::env::PageEnv;
use crate::render::i18n::I18n;
use crate::render::theme::Theme;
use crate::site::Site;
use crate::site::assets::Placement;
use crate::util::base_url::BaseUrl;
use crate::util::output_path::OutputPath;

pub use env::content_hash;

/// Everything render needs besides the site.
pub struct RenderInput<'a> {
    /// The theme.
    pub theme: &'a Theme,
    /// The public URL (without trailing slash), possibly overridden by `--base-url`.
    pub base_url: &'a str,
    /// Files of `content/` to publish, each at its place beside an incident page.
    pub assets: &'a [Placement],
}

/// Renders every page of `site`, with its feeds, exports and files, into `output`.
pub fn render(site: &Site, input: &RenderInput<'_>, mut output: Output) -> Result<Output> {
    let i18n = I18n::load(input.theme)?;
    let templates = env::environment(input.theme)?;
    let assets = env::statics(input.theme, &mut output)?;
    let base = BaseUrl::parse(input.base_url);
    let env = PageEnv {
        env: &templates,
        site,
        root: &base.root,
        assets: &assets,
        base_url: input.base_url,
    };
    let t = i18n.get(&site.config.language);
    incident_page::render(&env, &i18n, &mut output)?;
    archive::render(&env, t, &mut output)?;
    let summary = tracker_pages::render(site, &env, t, &base, &mut output)?;
    metrics::render(&env, t, summary, &mut output)?;
    search_page::render(&env, t, &mut output)?;
    crate::publish::assets::copy(input.assets, &mut output)?;
    output.insert(OutputPath::new("robots.txt")?, feeds::robots(&base));
    if let Some(sitemap) = feeds::sitemap(site, &base) {
        output.insert(OutputPath::new("sitemap.xml")?, sitemap);
    }
    output.insert(OutputPath::new("feed.xml")?, feeds::atom(site, &base));
    output.insert(OutputPath::new("incidents.json")?, feeds::json(site, &base));
    Ok(output)
}
