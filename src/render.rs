//! The render stage: the linked site through the theme's templates into an [`Output`].

pub mod charts;
pub mod i18n;
pub mod incident_view;
pub mod metrics;
pub mod theme;
pub mod tracker_pages;
pub mod tracker_view;
pub mod view;

use anyhow::{Context, Result};
use minijinja::value::Serde;
use minijinja::{Environment, Value, context};
use rayon::prelude::*;
use serde::Serialize;

use crate::publish::output::Output;
use crate::render::i18n::{I18n, Strings};
use crate::render::theme::Theme;
use crate::render::view::{Card, TermView, Views};
use crate::site::Site;
use crate::site::assets::{INCIDENT_PAGE, Placement};
use crate::util::base_url::BaseUrl;
use crate::util::output_path::OutputPath;

/// Site-wide values every page sees as `site`.
#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    base_url: &'a str,
    root: &'a str,
    language: &'a str,
    generated: String,
    now: String,
    severities: Vec<crate::render::view::SeverityView>,
}

/// Everything render needs besides the site.
pub struct RenderInput<'a> {
    /// The theme.
    pub theme: &'a Theme,
    /// The public URL (without trailing slash), possibly overridden by `--base-url`.
    pub base_url: &'a str,
    /// Files of `content/` to publish, each at its place beside an incident page.
    pub assets: &'a [Placement],
}

/// A short content hash (FNV-1a, 64 bit) for cache-busting asset names.
pub fn content_hash(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:08x}", hash >> 32)
}

/// Renders every page of `site`.
pub fn render(site: &Site, input: &RenderInput<'_>) -> Result<Output> {
    let i18n = I18n::load(input.theme)?;
    let mut env = Environment::new();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Chainable);
    env.set_formatter(html_formatter);
    for (name, bytes) in input.theme.templates() {
        let source = String::from_utf8(bytes.to_vec())
            .with_context(|| format!("template {name} is not UTF-8"))?;
        env.add_template_owned(name.to_string(), source)
            .with_context(|| format!("invalid template {name}"))?;
    }
    let mut output = Output::default();
    let mut assets = std::collections::BTreeMap::new();
    for (name, bytes) in input.theme.statics() {
        let hashed = match name.rsplit_once('.') {
            Some((stem, ext)) => format!("static/{stem}.{}.{ext}", content_hash(bytes)),
            None => format!("static/{name}"),
        };
        let path = OutputPath::new(&hashed)
            .with_context(|| format!("the theme's static/{name} cannot be published"))?;
        assets.insert(name.to_string(), hashed);
        output.insert(path, bytes.to_vec());
    }
    let base = BaseUrl::parse(input.base_url);
    let root = base.root.clone();
    let views = Views { site, root: &root };
    let page_env = PageEnv {
        env: &env,
        site,
        root: &root,
        assets: &assets,
        base_url: input.base_url,
    };
    let t = i18n.get(&site.config.language);

    let pages: Vec<(OutputPath, String)> = site
        .incidents
        .par_iter()
        .map(|incident| {
            let t = i18n.get(&incident.lang);
            let view = views.incident(incident, t);
            let (url, title) = (view.card.url.clone(), view.card.title.clone());
            let html = page_env.page(
                "incident.html",
                t,
                "incident",
                &title,
                &url,
                context! { incident => Serde(view) },
            )?;
            Ok((OutputPath::new(&format!("{url}{INCIDENT_PAGE}"))?, html))
        })
        .collect::<Result<_>>()?;
    for (path, html) in pages {
        output.insert(path, html);
    }

    let cards: Vec<Card> = site.incidents.iter().map(|i| views.card(i, t)).collect();
    let mut years: Vec<(i16, Vec<Card>)> = Vec::new();
    for card in &cards {
        match years.last_mut() {
            Some((year, list)) if *year == card.year => list.push(card.clone()),
            _ => years.push((card.year, vec![card.clone()])),
        }
    }
    let counts = context! {
        incidents => cards.len(),
        open_actions => cards.iter().map(|c| c.actions.open).sum::<usize>(),
        overdue_actions => cards.iter().map(|c| c.actions.overdue).sum::<usize>(),
    };
    let terms_of = |key: &str| -> Vec<TermView> {
        site.taxonomies
            .iter()
            .filter(|tax| tax.key == key)
            .flat_map(|tax| views.terms(tax, t))
            .collect()
    };
    let filters = context! { years => Serde(terms_of("years")), severities => Serde(terms_of("severity")), services => Serde(terms_of("services")) };
    let years: Vec<Value> = years
        .into_iter()
        .map(|(year, incidents)| context! { year, incidents => Serde(incidents) })
        .collect();
    let home = page_env.page(
        "index.html",
        t,
        "index",
        &site.config.title,
        "",
        context! { incidents => Serde(&cards), years, counts, filters },
    )?;
    output.insert(OutputPath::new("index.html")?, home);

    for taxonomy in &site.taxonomies {
        let key = taxonomy.key;
        let title = t.label("taxonomy", key);
        let terms = views.terms(taxonomy, t);
        let url = format!("{key}/");
        let tax = context! { key, title => &title, url => &url, terms => Serde(&terms) };
        output.insert(
            OutputPath::new(&format!("{url}index.html"))?,
            page_env.page(
                "taxonomy.html",
                t,
                "taxonomy",
                &title,
                &url,
                context! { taxonomy => &tax },
            )?,
        );
        for (term, view) in taxonomy.terms.iter().zip(&terms) {
            let incidents: Vec<&Card> = term.incidents.iter().map(|&n| &cards[n]).collect();
            let page_title = format!("{} · {title}", view.name);
            let html = page_env.page(
                "term.html",
                t,
                "term",
                &page_title,
                &view.url,
                context! { taxonomy => &tax, term => Serde(view), incidents => Serde(incidents) },
            )?;
            output.insert(OutputPath::new(&format!("{}index.html", view.url))?, html);
        }
    }
    let missing = t.flat("not_found_title");
    output.insert(
        OutputPath::new("404.html")?,
        page_env.page("404.html", t, "404", &missing, "404.html", context! {})?,
    );
    let summary = crate::render::tracker_pages::render(site, &page_env, t, &base, &mut output)?;
    if page_env.env.get_template("metrics.html").is_ok() {
        let metrics = crate::render::metrics::metrics(site, &views, summary, t);
        let title = t.flat("nav_metrics");
        let html = page_env.page(
            "metrics.html",
            t,
            "metrics",
            &title,
            "metrics/",
            context! { metrics => Serde(metrics) },
        )?;
        output.insert(OutputPath::new("metrics/index.html")?, html);
    }
    copy_assets(input.assets, &mut output)?;
    output.insert(
        OutputPath::new("robots.txt")?,
        crate::publish::feeds::robots(&base),
    );
    if let Some(sitemap) = crate::publish::feeds::sitemap(site, &base) {
        output.insert(OutputPath::new("sitemap.xml")?, sitemap);
    }
    output.insert(
        OutputPath::new("feed.xml")?,
        crate::publish::feeds::atom(site, &base),
    );
    output.insert(
        OutputPath::new("incidents.json")?,
        crate::publish::feeds::json(site, &base),
    );
    Ok(output)
}

/// Escapes like minijinja's HTML mode but leaves `/` alone, so URLs stay readable in the output.
fn html_formatter(
    out: &mut minijinja::Output,
    state: &mut minijinja::State,
    value: &Value,
) -> Result<(), minijinja::Error> {
    let plain = matches!(state.auto_escape(), minijinja::AutoEscape::Html)
        && !value.is_safe()
        && !value.is_undefined()
        && !value.is_none();
    if !plain {
        return minijinja::escape_formatter(out, state, value);
    }
    out.write_str(&crate::util::xml::escape(&value.to_string()))
        .map_err(|_| {
            minijinja::Error::new(minijinja::ErrorKind::WriteFailure, "cannot write the page")
        })
}

/// What every page is rendered with.
pub(crate) struct PageEnv<'a> {
    pub(crate) env: &'a Environment<'a>,
    site: &'a Site,
    pub(crate) root: &'a str,
    assets: &'a std::collections::BTreeMap<String, String>,
    base_url: &'a str,
}

impl PageEnv<'_> {
    /// Renders `template` with the shared context plus `extra`.
    pub(crate) fn page(
        &self,
        template: &str,
        t: &Strings,
        kind: &str,
        title: &str,
        path: &str,
        extra: Value,
    ) -> Result<String> {
        let config = &self.site.config;
        let site = SiteView {
            title: &config.title,
            base_url: self.base_url,
            root: self.root,
            language: &config.language,
            generated: crate::util::xml::midnight_utc(self.site.now),
            now: self.site.now.to_string(),
            severities: config
                .severity
                .levels
                .iter()
                .filter_map(|l| {
                    Views {
                        site: self.site,
                        root: self.root,
                    }
                    .severity(&l.key, t)
                })
                .collect(),
        };
        let description = t
            .table
            .get("site_description")
            .and_then(|v| v.as_str())
            .unwrap_or_default();
        let ctx = context! {
            site => Serde(site),
            lang => &t.lang,
            t => Serde(&t.table),
            page => context! { kind, title, path, description },
            assets => assets_value(self.assets),
            ..extra
        };
        let template = self
            .env
            .get_template(template)
            .with_context(|| format!("the theme has no template {template}"))?;
        template.render(ctx).with_context(|| {
            format!(
                "cannot render {template} for {path}",
                template = template.name()
            )
        })
    }
}

/// `assets`: each static file's hashed URL by its name, plus `css` for the stylesheet.
fn assets_value(assets: &std::collections::BTreeMap<String, String>) -> Value {
    let mut map: std::collections::BTreeMap<String, String> = assets.clone();
    if let Some(css) = assets.get("style.css") {
        map.insert("css".into(), css.clone());
    }
    Value::from(Serde(map))
}

/// Copies each file of `content/` to the place the link stage chose for it.
///
/// The link stage has already refused every file that would replace a page, so a clash here is a
/// bug in debrief, not in the content.
fn copy_assets(placements: &[Placement], output: &mut Output) -> Result<()> {
    let mut last: Option<(&std::path::Path, Vec<u8>)> = None;
    for placement in placements {
        let bytes = match &last {
            Some((source, bytes)) if *source == placement.source => bytes.clone(),
            _ => {
                let bytes = std::fs::read(&placement.source)
                    .with_context(|| format!("cannot read {}", placement.path.display()))?;
                last = Some((&placement.source, bytes.clone()));
                bytes
            }
        };
        anyhow::ensure!(
            !output.files.contains_key(&placement.target),
            "internal error: {} was placed at {}, where a page was written",
            placement.path.display(),
            placement.target
        );
        output.insert(placement.target.clone(), bytes);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashes_differ_for_different_content() {
        assert_ne!(content_hash(b"a"), content_hash(b"b"));
        assert_eq!(content_hash(b"a").len(), 8);
    }
}
