//! What every page is rendered with: the theme's templates in one minijinja environment, its
//! static files under content-hashed names, and the context all pages share.

use std::collections::BTreeMap;

use anyhow::{Context, Result};
use minijinja::value::Serde;
use minijinja::{Environment, Value, context};
use serde::Serialize;

use crate::publish::output::Output;
use crate::render::i18n::{I18n, Strings};
use crate::render::indent;
use crate::render::theme::Theme;
use crate::render::view::Views;
use crate::site::Site;
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

/// A short content hash (FNV-1a, 64 bit) for cache-busting asset names.
pub fn content_hash(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:08x}", hash >> 32)
}

/// The theme's templates in one environment, with debrief's HTML escaping, each without the
/// indentation of its lines ([`indent::strip`]).
pub(crate) fn environment(theme: &Theme) -> Result<Environment<'static>> {
    let mut env = Environment::new();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Chainable);
    env.set_formatter(html_formatter);
    for (name, bytes) in theme.templates() {
        let source = String::from_utf8(bytes.to_vec())
            .with_context(|| format!("template {name} is not UTF-8"))?;
        env.add_template_owned(name.to_string(), indent::strip(&source))
            .with_context(|| format!("invalid template {name}"))?;
    }
    Ok(env)
}

/// Puts the theme's static files into `output` under content-hashed names; returns each file's
/// hashed path by its name, for templates.
pub(crate) fn statics(theme: &Theme, output: &mut Output) -> Result<BTreeMap<String, String>> {
    let mut assets = BTreeMap::new();
    for (name, bytes) in theme.statics() {
        let hashed = match name.rsplit_once('.') {
            Some((stem, ext)) => format!("static/{stem}.{}.{ext}", content_hash(bytes)),
            None => format!("static/{name}"),
        };
        let path = OutputPath::new(&hashed)
            .with_context(|| format!("the theme's static/{name} cannot be published"))?;
        assets.insert(name.to_string(), hashed);
        output.insert(path, bytes.to_vec());
    }
    Ok(assets)
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
    // A string is escaped as it is held (and written as it is when it needs nothing); anything
    // else is written out first.
    let written = match value.as_str() {
        Some(text) => out.write_str(&crate::util::xml::escaped(text)),
        None => out.write_str(&crate::util::xml::escaped(&value.to_string())),
    };
    written.map_err(|_| {
        minijinja::Error::new(minijinja::ErrorKind::WriteFailure, "cannot write the page")
    })
}

/// What every page is rendered with: the templates, and the values every page shares computed
/// once per language.
pub struct PageEnv<'a> {
    pub(crate) env: &'a Environment<'a>,
    pub(crate) site: &'a Site,
    assets: Value,
    /// Per language: `site` (its severity labels are in that language) and `t`.
    shared: BTreeMap<String, (Value, Value)>,
}

impl<'a> PageEnv<'a> {
    /// The environment for `site`'s pages, in every language of `i18n`.
    pub(crate) fn new(
        env: &'a Environment<'a>,
        site: &'a Site,
        root: &'a str,
        assets: &BTreeMap<String, String>,
        base_url: &str,
        i18n: &I18n,
    ) -> PageEnv<'a> {
        let config = &site.config;
        let views = Views::new(site, root);
        let shared = i18n
            .all()
            .map(|t| {
                let view = SiteView {
                    title: &config.title,
                    base_url,
                    root,
                    language: &config.language,
                    generated: crate::util::xml::midnight_utc(site.now),
                    now: site.now.to_string(),
                    severities: config
                        .severity
                        .levels
                        .iter()
                        .filter_map(|l| views.severity(&l.key, t))
                        .collect(),
                };
                let strings = t.value();
                (t.lang.clone(), (Value::from(Serde(&view)), strings))
            })
            .collect();
        PageEnv {
            env,
            site,
            assets: assets_value(assets),
            shared,
        }
    }

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
        let (site, strings) = self
            .shared
            .get(&t.lang)
            .cloned()
            .with_context(|| format!("no strings in language {}", t.lang))?;
        let description = t
            .table
            .get("site_description")
            .and_then(|v| v.as_str())
            .unwrap_or_default();
        let ctx = context! {
            site,
            lang => &t.lang,
            t => strings,
            page => context! { kind, title, path, description },
            assets => self.assets.clone(),
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
fn assets_value(assets: &BTreeMap<String, String>) -> Value {
    let mut map: BTreeMap<String, String> = assets.clone();
    if let Some(css) = assets.get("style.css") {
        map.insert("css".into(), css.clone());
    }
    Value::from(Serde(map))
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
