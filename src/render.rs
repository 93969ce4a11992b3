//! The render stage: the linked site through the theme's templates into an [`Output`], one module
//! per page family.

pub mod archive;
pub mod card_value;
pub mod charts;
pub mod depends;
pub mod env;
pub mod i18n;
pub mod incident_page;
pub mod incident_value;
pub mod incident_view;
pub mod indent;
pub mod lazy_map;
pub mod metrics;
pub mod moment;
pub mod paginate;
pub mod search_page;
pub mod shared;
pub mod theme;
pub mod tracker_pages;
pub mod tracker_row;
pub mod tracker_view;
pub mod view;

use std::collections::{BTreeMap, HashSet};

use anyhow::{Result, ensure};
use rayon::prelude::*;

use crate::publish::feeds;
use crate::publish::output::{Output, Sink};
use crate::render::depends::{Facts, Key};
use crate::render::env::PageEnv;
use crate::render::i18n::I18n;
use crate::render::theme::Theme;
use crate::render::tracker_view::Tracker;
use crate::render::view::Views;
use crate::search::from_site;
use crate::site::Site;
use crate::site::assets::Placement;
use crate::site::tracker;
use crate::util::base_url::BaseUrl;
use crate::util::free::free;
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

/// Renders every page of `site`, with its feeds, exports and files, into `output`. The search index
/// is built first; then every other part runs at once. Each renders its pages in parallel; the
/// output does not depend on how many threads there are. The plain text of every incident's body
/// is moved into the search index (see [`from_site::take_documents`]): afterwards it is empty.
pub fn render(site: &mut Site, input: &RenderInput<'_>, mut output: Output) -> Result<Output> {
    let documents = from_site::take_documents(site);
    let site = &*site;
    let i18n = I18n::load(input.theme)?;
    let templates = env::environment(input.theme)?;
    let assets = env::statics(input.theme, &mut output)?;
    let base = BaseUrl::parse(input.base_url);
    let env = PageEnv::new(&templates, site, &base.root, &assets, input.base_url, &i18n);
    let t = i18n.get(&site.config.language);
    let sink = output.sink();
    // The search index first, with nothing beside it but the tracker's rows (small, and made on one
    // thread, which takes search work when they are done): its documents and postings are freed
    // before the views and pages of the other parts are made, which keeps the peak memory of a
    // large site low.
    let (search, rows) = rayon::join(
        || search_page::render(documents, &env, t),
        || tracker::rows(site),
    );
    sink.extend(search?)?;
    let views = Views::new(site, &base.root);
    let summary = tracker::summary(&rows);
    type Part<'p> = Box<dyn Fn(&Sink<'_>) -> Result<()> + Send + Sync + 'p>;
    let parts: Vec<Part<'_>> = vec![
        Box::new(|sink| incident_page::write(&env, &views, &i18n, sink)),
        Box::new(|sink| sink.extend(archive::render(&env, &views, t)?)),
        Box::new(|sink| tracker_pages::write(&env, &views, &rows, &summary, t, sink)),
        Box::new(|sink| sink.extend(tracker_pages::exports(site, &rows, &base)?)),
        Box::new(|sink| sink.extend(metrics::render(&env, &views, t, summary.clone())?)),
        Box::new(|sink| sink.extend(feed_files(site, &base)?)),
    ];
    // One part per task, so that a core that runs out of work takes the next part, or a share of
    // one, instead of waiting for a single core to finish the parts queued behind each other.
    parts
        .par_iter()
        .with_max_len(1)
        .try_for_each(|part| part(&sink))?;
    drop(parts);
    // One row per action, each with its owner's and services' slugs: freed on every thread.
    free(rows);
    crate::publish::assets::copy(input.assets, &mut output)?;
    Ok(output)
}

/// What [`render_changed`] made: the files of the units to (re)write, by unit, and every unit's key.
pub struct Changed {
    /// Per unit rendered: the unit (see [`depends`]) and its files. A page is its own unit.
    pub units: Vec<(String, Files)>,
    /// The units of the last build that are gone.
    pub dropped: Vec<String>,
    /// The key of every unit, for the next rebuild.
    pub keys: BTreeMap<String, Key>,
    /// The key of every incident's card, by its place in `site.incidents` (see
    /// [`depends::keys_and_cards`]).
    pub cards: Vec<Key>,
}

/// What [`render_changed`] keeps for the next rebuild: the theme's compiled templates and UI
/// strings, and the tracker's rows (as positions) and views, made again only when an action, its
/// incident's id, date or services, the set of incidents, or the date changed. Start from
/// [`Kept::default`] whenever the theme or the config changed.
#[derive(Default)]
pub struct Kept {
    theme: Option<Compiled>,
    tracker: Option<KeptTracker>,
}

/// The theme's UI strings, compiled templates and static files.
struct Compiled {
    i18n: I18n,
    templates: minijinja::Environment<'static>,
    /// Each static file's hashed path by its name, for templates.
    assets: BTreeMap<String, String>,
    /// The static files.
    statics: Files,
}

impl Compiled {
    fn of(theme: &Theme) -> Result<Compiled> {
        let mut statics = Output::default();
        let assets = env::statics(theme, &mut statics)?;
        Ok(Compiled {
            i18n: I18n::load(theme)?,
            templates: env::environment(theme)?,
            assets,
            statics: statics.files.into_iter().collect(),
        })
    }
}

/// The tracker of the last rebuild, with the key it was made for.
struct KeptTracker {
    /// [`depends::tracked`] of the site, and its date.
    key: (Key, jiff::civil::Date),
    order: tracker::Order,
    views: Option<Tracker>,
}

/// Renders the units of `site` whose input key differs from `previous` (all of them when
/// `previous` is empty), without the search index (see [`search_files`]) and the content files
/// beside incidents. `facts[n]` are [`depends::facts`] of `site.incidents[n]`; `kept` is what the
/// last call left for this one (see [`Kept`]).
pub fn render_changed(
    site: &Site,
    input: &RenderInput<'_>,
    facts: &[&Facts],
    previous: &BTreeMap<String, Key>,
    kept: &mut Kept,
) -> Result<Changed> {
    if kept.theme.is_none() {
        kept.theme = Some(Compiled::of(input.theme)?);
    }
    let Kept {
        theme,
        tracker: kept,
    } = kept;
    let theme = theme.as_ref().expect("just made");
    let tracked = (depends::tracked(facts), site.now);
    let hit = kept.as_ref().filter(|k| k.key == tracked);
    let rows = hit.map_or_else(|| tracker::rows(site), |k| k.order.rows(site));
    let parts = Parts::new(site, input, rows, theme)?;
    let mut made = None;
    let tracker = match hit {
        Some(k) => k.views.as_ref(),
        None => {
            made = parts.tracker();
            made.as_ref()
        }
    };
    let (keys, cards) =
        depends::keys_and_cards(site, facts, tracker.map(|t| (t, parts.rows.as_slice())));
    let (render, dropped) = depends::changed(previous, &keys);
    let wanted: HashSet<String> = render.into_iter().collect();
    let units = parts.render((&wanted, tracker))?;
    for (unit, files) in &units {
        for (path, _) in files {
            ensure!(
                unit.starts_with('#') || keys.contains_key(path.as_str()),
                "internal error: {path} has no input key in render::depends"
            );
        }
    }
    if hit.is_none() {
        *kept = Some(KeptTracker {
            key: tracked,
            order: tracker::Order::of(site, &parts.rows),
            views: made,
        });
    }
    Ok(Changed {
        units,
        dropped,
        keys,
        cards,
    })
}

/// Renders the incident pages at `pages` (paths in the output) alone, as [`render_changed`] would:
/// for a rebuild that changed nothing but what these pages show. `kept` is what the last
/// [`render_changed`] left (the theme's templates are compiled when missing).
pub fn render_pages(
    site: &Site,
    input: &RenderInput<'_>,
    pages: &HashSet<String>,
    kept: &mut Kept,
) -> Result<Vec<(String, Files)>> {
    if kept.theme.is_none() {
        kept.theme = Some(Compiled::of(input.theme)?);
    }
    let theme = kept.theme.as_ref().expect("just made");
    // No tracker rows: incident pages do not show them.
    Parts::new(site, input, Vec::new(), theme)?.render((pages, None))
}

/// The search index of `site`: every file under `search/` but the search page.
pub fn search_files(documents: &[crate::search::Document]) -> Result<Files> {
    crate::search::build(documents)
        .into_iter()
        .map(|(path, bytes)| Ok((OutputPath::new(&path)?, bytes)))
        .collect()
}

/// Everything the page families share, made once per render.
struct Parts<'a> {
    site: &'a Site,
    input: &'a RenderInput<'a>,
    theme: &'a Compiled,
    base: BaseUrl,
    rows: Vec<tracker::Row<'a>>,
    summary: tracker::Summary,
}

/// Which units to render: those named, with the tracker's views when the theme has them.
type Wanted<'w> = (&'w HashSet<String>, Option<&'w Tracker>);

impl<'a> Parts<'a> {
    fn new(
        site: &'a Site,
        input: &'a RenderInput<'a>,
        rows: Vec<tracker::Row<'a>>,
        theme: &'a Compiled,
    ) -> Result<Parts<'a>> {
        let summary = tracker::summary(&rows);
        Ok(Parts {
            site,
            input,
            theme,
            base: BaseUrl::parse(input.base_url),
            rows,
            summary,
        })
    }

    /// The tracker's views, when the theme has tracker pages.
    fn tracker(&self) -> Option<Tracker> {
        let has = self.theme.templates.get_template("actions.html").is_ok();
        let t = self.theme.i18n.get(&self.site.config.language);
        has.then(|| tracker_view::views(&self.rows, t))
    }

    /// Renders the wanted units, each part at once, without the search index.
    fn render(&self, wanted: Wanted<'_>) -> Result<Vec<(String, Files)>> {
        let (site, input, i18n) = (self.site, self.input, &self.theme.i18n);
        let env = PageEnv::new(
            &self.theme.templates,
            site,
            &self.base.root,
            &self.theme.assets,
            input.base_url,
            i18n,
        );
        let views = Views::new(site, &self.base.root);
        let t = i18n.get(&site.config.language);
        let (rows, summary, base) = (&self.rows, &self.summary, &self.base);
        let page = |path: &str| wanted.0.contains(path);
        let unit = |name: &str| wanted.0.contains(name);
        type Part<'p> = Box<dyn Fn() -> Result<(String, Files)> + Send + Sync + 'p>;
        let pages = String::new;
        let mut parts: Vec<Part<'_>> = vec![
            Box::new(|| {
                let files = incident_page::render_only(&env, &views, i18n, &page)?;
                Ok((pages(), files))
            }),
            Box::new(|| {
                let files = archive::render_only(&env, &views, t, &page)?;
                Ok((pages(), files))
            }),
            Box::new(|| match wanted.1 {
                None => Ok((pages(), Files::new())),
                Some(tracker) => Ok((
                    pages(),
                    tracker_pages::pages_only(&env, &views, rows, summary, t, tracker, &page)?,
                )),
            }),
        ];
        if unit(depends::EXPORTS) {
            parts.push(Box::new(|| {
                Ok((
                    depends::EXPORTS.into(),
                    tracker_pages::exports(site, rows, base)?,
                ))
            }));
        }
        if unit(depends::METRICS) {
            parts.push(Box::new(|| {
                let files = metrics::render(&env, &views, t, summary.clone())?;
                Ok((depends::METRICS.into(), files))
            }));
        }
        if unit(depends::SEARCH) {
            parts.push(Box::new(|| {
                Ok((depends::SEARCH.into(), search_page::page(&env, t)?))
            }));
        }
        if unit(depends::FEEDS) {
            parts.push(Box::new(|| {
                Ok((depends::FEEDS.into(), feed_files(site, base)?))
            }));
        }
        let mut made: Vec<(String, Files)> =
            parts.par_iter().map(|part| part()).collect::<Result<_>>()?;
        if unit(depends::STATICS) {
            made.push((depends::STATICS.into(), self.theme.statics.clone()));
        }
        // Pages are their own units.
        let mut units = Vec::new();
        for (name, files) in made {
            if name.is_empty() {
                units.extend(
                    files
                        .into_iter()
                        .map(|f| (f.0.as_str().to_string(), vec![f])),
                );
            } else {
                units.push((name, files));
            }
        }
        Ok(units)
    }
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
