//! The search page and its index: `search/index.html` and the files under `search/` that its script
//! reads, built from exactly the incidents this build publishes.

use anyhow::Result;
use minijinja::context;

use crate::render::Files;
use crate::render::env::PageEnv;
use crate::render::i18n::Strings;
use crate::search::{self, Document};
use crate::util::free::free;
use crate::util::output_path::OutputPath;

/// Renders `search/index.html` (when the theme has `search.html`) and writes the index of
/// `documents` (those of [`search::from_site`]).
pub(crate) fn render(documents: Vec<Document>, env: &PageEnv<'_>, t: &Strings) -> Result<Files> {
    let index = search::build(&documents);
    // The documents are by far the largest part of the index's input: freed before anything else,
    // on every thread.
    free(documents);
    let mut files = Files::with_capacity(index.len() + 1);
    for (path, bytes) in index {
        files.push((OutputPath::new(&path)?, bytes));
    }
    files.extend(page(env, t)?);
    Ok(files)
}

/// Renders `search/index.html` alone, when the theme has `search.html`.
pub(crate) fn page(env: &PageEnv<'_>, t: &Strings) -> Result<Files> {
    if env.env.get_template("search.html").is_err() {
        return Ok(Files::new());
    }
    let title = t.label("search", "title");
    let html = env.page("search.html", t, "search", &title, "search/", context! {})?;
    Ok(vec![(
        OutputPath::new("search/index.html")?,
        html.into_bytes(),
    )])
}
