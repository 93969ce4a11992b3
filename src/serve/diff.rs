//! What a rebuild changed for one open tab, so only the tabs whose page changed reload: the page it
//! shows is compared, old build against new, byte for byte; a page that differs only in the
//! content-hashed names of its stylesheets swaps them instead of reloading.

use std::sync::Arc;

use crate::publish::output::Output;

use super::http::{Target, resolve};

/// What one open tab is told after a good rebuild.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Its page is as it was, stylesheets included.
    Same,
    /// Its page is as it was but for these stylesheets, each `(old, new)` as a path in the site
    /// (`static/style.1a2b3c4d.css`): swap them, no reload. `old == new` when a stylesheet kept its
    /// name but not its bytes.
    Styles(Vec<(String, String)>),
    /// Its page changed, appeared or went away: reload it.
    Reload,
}

/// One rebuild, from the site a tab was shown to the new one, with what every tab's verdict needs
/// worked out once: which stylesheets changed.
pub struct Rebuild {
    old: Arc<Output>,
    new: Arc<Output>,
    styles: Vec<(String, String)>,
}

impl Rebuild {
    /// The rebuild from `old` to `new`.
    pub fn new(old: Arc<Output>, new: Arc<Output>) -> Rebuild {
        let styles = stylesheets(&old, &new);
        Rebuild { old, new, styles }
    }

    /// Whether this is the rebuild from `old` to `new`.
    pub fn is(&self, old: &Arc<Output>, new: &Arc<Output>) -> bool {
        Arc::ptr_eq(&self.old, old) && Arc::ptr_eq(&self.new, new)
    }

    /// What this rebuild tells a tab at the URL `path` (as the browser asks for it).
    pub fn verdict(&self, path: &str) -> Verdict {
        let before = served(&self.old, path);
        let after = served(&self.new, path);
        if before.0 != after.0 {
            return Verdict::Reload;
        }
        match (before.1, after.1) {
            (None, None) => Verdict::Same,
            (Some(was), Some(is)) => {
                // Only the stylesheets the page names.
                let named = String::from_utf8_lossy(was);
                let styles: Vec<(String, String)> = self
                    .styles
                    .iter()
                    .filter(|(from, _)| named.contains(from.as_str()))
                    .cloned()
                    .collect();
                if was == is {
                    let kept: Vec<_> = styles.into_iter().filter(|(a, b)| a == b).collect();
                    return if kept.is_empty() {
                        Verdict::Same
                    } else {
                        Verdict::Styles(kept)
                    };
                }
                if !styles.iter().any(|(a, b)| a != b) || renamed(&named, &styles) != is {
                    return Verdict::Reload;
                }
                Verdict::Styles(styles)
            }
            _ => Verdict::Reload,
        }
    }
}

/// Where `path` leads in `site`, and the bytes the tab gets there: the page's, or the 404 page's.
fn served<'a>(site: &'a Output, path: &str) -> (Target, Option<&'a [u8]>) {
    let target = resolve(path, |rel| site.files.contains_key(rel));
    let bytes = match &target {
        Target::File(rel) => site.get(rel),
        Target::Missing => site.get("404.html"),
        _ => None,
    };
    (target, bytes)
}

/// The stylesheets (`.css` files) that `new` changed: each removed one with the added one of the
/// same name but for its content hash (`style.1a2b3c4d.css` → `style.5e6f7a8b.css`), and each one
/// whose name stayed but whose bytes did not (`(path, path)`). Sorted by old path.
pub fn stylesheets(old: &Output, new: &Output) -> Vec<(String, String)> {
    let css = |site: &Output| -> Vec<String> {
        site.files
            .keys()
            .filter(|path| path.as_str().ends_with(".css"))
            .map(|path| path.as_str().to_string())
            .collect()
    };
    let (before, after) = (css(old), css(new));
    let mut changed = Vec::new();
    for path in &before {
        match new.get(path) {
            Some(bytes) if Some(bytes) != old.get(path) => {
                changed.push((path.clone(), path.clone()))
            }
            Some(_) => {}
            None => {
                let key = unhashed(path);
                let mut added = after
                    .iter()
                    .filter(|p| old.get(p).is_none() && unhashed(p) == key);
                // Two new candidates for one old name: which replaced it cannot be told.
                if let (Some(to), None) = (added.next(), added.next()) {
                    changed.push((path.clone(), to.clone()));
                }
            }
        }
    }
    changed
}

/// `path` without a content hash in its file name: `static/style.1a2b3c4d.css` → `static/style.css`
/// (a hash being a dot-separated part of 8 or more hex digits between the stem and the extension).
fn unhashed(path: &str) -> String {
    let (folder, name) = path.rsplit_once('/').map_or(("", path), |(f, n)| (f, n));
    let parts: Vec<&str> = name.split('.').collect();
    let kept: Vec<&str> = parts
        .iter()
        .enumerate()
        .filter(|&(i, part)| {
            i == 0
                || i == parts.len() - 1
                || part.len() < 8
                || !part.bytes().all(|b| b.is_ascii_hexdigit())
        })
        .map(|(_, part)| *part)
        .collect();
    format!("{folder}/{}", kept.join("."))
}

/// `page` with each stylesheet's old name replaced by its new one.
fn renamed(page: &str, styles: &[(String, String)]) -> Vec<u8> {
    let mut text = page.to_string();
    for (from, to) in styles.iter().filter(|(a, b)| a != b) {
        text = text.replace(from.as_str(), to);
    }
    text.into_bytes()
}

#[cfg(test)]
mod tests;
