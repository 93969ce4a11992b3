//! The search page and its index: `search/index.html` and the files under `search/` that its script
//! reads, built from exactly the incidents this build publishes.

use anyhow::Result;
use minijinja::context;

use crate::publish::output::Output;
use crate::render::env::PageEnv;
use crate::render::i18n::Strings;
use crate::search::{self, from_site};
use crate::util::output_path::OutputPath;

/// Renders `search/index.html` (when the theme has `search.html`) and writes the index.
pub(crate) fn render(env: &PageEnv<'_>, t: &Strings, output: &mut Output) -> Result<()> {
    for (path, bytes) in search::build(&from_site::documents(env.site)) {
        output.insert(OutputPath::new(&path)?, bytes);
    }
    if env.env.get_template("search.html").is_err() {
        return Ok(());
    }
    let title = t.label("search", "title");
    let html = env.page("search.html", t, "search", &title, "search/", context! {})?;
    output.insert(OutputPath::new("search/index.html")?, html);
    Ok(())
}
