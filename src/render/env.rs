//! What every page is rendered with: the theme's templates in one minijinja environment, its
//! static files under content-hashed names, and the context all pages share.

use std::collections::BTreeMap;
use std::sync::Arc;

use anyhow::{Context, Result};
use minijinja::value::{Enumerator, Object, ObjectRepr, Serde, ValueKind};
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
    // A string is escaped as it is held (and written as it is when it needs nothing); a number or
    // a boolean needs nothing; anything else is written out first.
    let written = match value.as_str() {
        Some(text) => out.write_str(&crate::util::xml::escaped(text)),
        None if matches!(value.kind(), ValueKind::Number | ValueKind::Bool) => {
            write!(out, "{value}")
        }
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

    /// `t` as templates see it: the strings of the language `lang`, made once.
    pub(crate) fn strings(&self, lang: &str) -> Option<&Value> {
        self.shared.get(lang).map(|(_, strings)| strings)
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
        let (template, ctx) = self.prepare(template, (t, kind, title, path), extra)?;
        template
            .render(ctx)
            .with_context(|| cannot_render(&template, path))
    }

    /// [`PageEnv::page`] written into a buffer of `capacity` bytes: a page whose size is known
    /// roughly is not copied as its buffer grows.
    pub(crate) fn page_sized(
        &self,
        template: &str,
        (t, kind, title, path): (&Strings, &str, &str, &str),
        extra: Value,
        capacity: usize,
    ) -> Result<Vec<u8>> {
        let (template, ctx) = self.prepare(template, (t, kind, title, path), extra)?;
        let mut out = Vec::with_capacity(capacity);
        template
            .render_captured_to(ctx, &mut out)
            .with_context(|| cannot_render(&template, path))?;
        Ok(out)
    }

    /// The blocks `names` of `template` as they render in the page that [`PageEnv::page`] makes
    /// of the same arguments; none when the page cannot be rendered or a block is not there.
    pub(crate) fn blocks<const N: usize>(
        &self,
        template: &str,
        (t, kind, title, path): (&Strings, &str, &str, &str),
        extra: Value,
        names: [&str; N],
    ) -> Option<[Value; N]> {
        let (template, ctx) = self.prepare(template, (t, kind, title, path), extra).ok()?;
        let mut captured = template.render_captured(ctx).ok()?;
        captured.with_state_mut(|state| {
            let mut blocks = names.map(|_| Value::UNDEFINED);
            for (block, name) in blocks.iter_mut().zip(names) {
                *block = Value::from_safe_string(state.render_block(name).ok()?);
            }
            Some(blocks)
        })
    }

    /// The template `template` and the context of a page: its strings, kind, title and path.
    fn prepare(
        &self,
        template: &str,
        (t, kind, title, path): (&Strings, &str, &str, &str),
        extra: Value,
    ) -> Result<(minijinja::Template<'_, '_>, Value)> {
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
        let ctx = PageContext::value(
            vec![
                ("site", site),
                ("lang", Value::from(t.lang.as_str())),
                ("t", strings),
                ("page", context! { kind, title, path, description }),
                ("assets", self.assets.clone()),
            ],
            &extra,
        );
        let template = self
            .env
            .get_template(template)
            .with_context(|| format!("the theme has no template {template}"))?;
        Ok((template, ctx))
    }
}

/// A page's variables: those of every page, then the page's own (`extra`, a map); a name both
/// have is the shared one. Found by name in one list, where a merge of the two maps would make a
/// key and look in each map for every variable a template reads.
#[derive(Debug)]
struct PageContext {
    shared: Vec<(&'static str, Value)>,
    own: Vec<(Value, Value)>,
}

impl PageContext {
    fn value(shared: Vec<(&'static str, Value)>, extra: &Value) -> Value {
        let own = extra
            .try_iter()
            .into_iter()
            .flatten()
            .filter(|key| {
                !key.as_str()
                    .is_some_and(|k| shared.iter().any(|(s, _)| *s == k))
            })
            .filter_map(|key| {
                let value = extra.get_item(&key).ok()?;
                (!value.is_undefined()).then_some((key, value))
            })
            .collect();
        Value::from_object(PageContext { shared, own })
    }
}

impl Object for PageContext {
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Map
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        match key.as_str() {
            Some(key) => self.get_value_by_str(key),
            None => self
                .own
                .iter()
                .find(|(k, _)| k == key)
                .map(|(_, v)| v.clone()),
        }
    }

    fn get_value_by_str(self: &Arc<Self>, key: &str) -> Option<Value> {
        if let Some((_, value)) = self.shared.iter().find(|(k, _)| *k == key) {
            return Some(value.clone());
        }
        self.own
            .iter()
            .find(|(k, _)| k.as_str() == Some(key))
            .map(|(_, v)| v.clone())
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        let mut keys: Vec<Value> = self.shared.iter().map(|(k, _)| Value::from(*k)).collect();
        keys.extend(self.own.iter().map(|(k, _)| k.clone()));
        keys.sort();
        Enumerator::Values(keys)
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

/// The context of an error in rendering `template` for the page at `path`.
fn cannot_render(template: &minijinja::Template<'_, '_>, path: &str) -> String {
    format!("cannot render {} for {path}", template.name())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_page_sees_its_variables_as_a_merge_of_the_two_maps_shows_them() {
        let mut env = Environment::new();
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Chainable);
        let extra = context! { incident => "I", site => "other", n => 3, gone => Value::UNDEFINED };
        let merged = context! { site => "S", t => 5, ..extra.clone() };
        let ours = PageContext::value(
            vec![("site", Value::from("S")), ("t", Value::from(5))],
            &extra,
        );
        let page = "{{ site }}|{{ t }}|{{ incident }}|{{ n + 1 }}|{{ gone is defined }}|\
                    {{ missing is defined }}|{{ site is defined }}";
        let render = |ctx: Value| env.render_str(page, ctx).expect("renders");
        assert_eq!(render(ours), render(merged.clone()));
        assert_eq!(render(merged), "S|5|I|4|False|False|True");
    }

    #[test]
    fn hashes_differ_for_different_content() {
        assert_ne!(content_hash(b"a"), content_hash(b"b"));
        assert_eq!(content_hash(b"a").len(), 8);
    }
}
