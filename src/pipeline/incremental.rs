//! Incremental builds for `serve`: parsed incidents are cached by path and content hash, so a save
//! re-parses only the files that changed, re-links the site in memory, and re-renders only the
//! units whose input key changed (the rule is [`crate::render::depends`]). A template or UI string
//! change re-renders everything and re-parses nothing; a `debrief.toml` change starts from scratch.
//! The search index, which needs every incident, is rebuilt on a thread of its own and swapped in
//! whole when it is ready.

mod quick;
mod search;
mod sources;
mod whole;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use anyhow::Result;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::incident::Incident;
use crate::parse::source::{Asset, Source};
use crate::publish::output::Output;
use crate::render::depends::{Facts, Key};
use crate::render::theme::Theme;
use crate::search::Document;
use crate::site::Selection;
use crate::util::output_path::OutputPath;

use super::{LoadOptions, resolve_now, source_date_epoch};
pub use search::SearchJob;

/// What changed on disk, as the watcher saw it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Changed {
    /// These files of `content/` (saved, made, renamed or deleted).
    Content(Vec<PathBuf>),
    /// A template, a theme file or a UI string.
    Theme,
    /// `debrief.toml`, or something not known: start from scratch.
    Everything,
}

/// What one rebuild changes in the output.
#[derive(Debug, Default)]
pub struct Step {
    /// Start from an empty output (a rebuild from scratch) before the rest.
    pub replace: bool,
    /// Files to remove (done first).
    pub remove: Vec<OutputPath>,
    /// Files to write.
    pub write: Vec<(OutputPath, Vec<u8>)>,
    /// Post-mortems parsed again.
    pub parsed: usize,
    /// Pages and page groups rendered again.
    pub rendered: usize,
    /// Incidents in the site.
    pub incidents: usize,
    /// The warnings of the site.
    pub diagnostics: Diagnostics,
    /// Those of `diagnostics` that the last good rebuild did not have (all of them for the first):
    /// what `serve` prints.
    pub fresh: Vec<Diagnostic>,
}

impl Step {
    /// Applies the step to `output`.
    pub fn apply(self, output: &mut Output) {
        if self.replace {
            output.files.clear();
        }
        for path in &self.remove {
            output.files.remove(path.as_str());
        }
        for (path, bytes) in self.write {
            output.insert(path, bytes);
        }
    }
}

/// One post-mortem as last read.
struct Entry {
    source: Source,
    /// [`text_hash`] of its text.
    hash: u64,
    /// The text changed since it was parsed.
    stale: bool,
    /// The parse, while it is not lent to a site being built.
    incident: Option<Incident>,
    /// Whether the parse gave an incident (when it is missing, the file is parsed again).
    parsed: bool,
    /// The problems of the parse.
    diagnostics: Vec<Diagnostic>,
    /// The facts of the incident, for the dependency rule.
    facts: Option<Facts>,
    /// The incident as the search index sees it, made when first needed.
    document: Option<Arc<Document>>,
}

/// The state kept between rebuilds.
struct State {
    config: Config,
    theme: Option<Theme>,
    entries: BTreeMap<PathBuf, Entry>,
    assets: Vec<Asset>,
    source_diagnostics: Vec<Diagnostic>,
    /// The input key of every unit in the output.
    keys: BTreeMap<String, Key>,
    /// The files of each unit rendered whole, and of each content file, by unit.
    owned: HashMap<String, Vec<OutputPath>>,
    /// Each content file's place in the output, with its source's key.
    placed: BTreeMap<String, Key>,
    /// Every unit must be rendered again (the theme changed).
    rerender: bool,
    /// What the last render kept for the next.
    kept: crate::render::Kept,
    /// No good build was made from this state yet: the next one replaces the whole output.
    first: bool,
    /// The last good site, kept whole while it has every parse (they are lent to it).
    last: Option<quick::Last>,
    /// Post-mortems were added or removed, or `content/` was read whole, since the last good build.
    reshaped: bool,
}

/// An incrementally maintained site: [`Incremental::rebuild`] says what to change in the output
/// from the last good build.
pub struct Incremental {
    options: LoadOptions,
    base_url: String,
    state: Option<State>,
    search: search::Search,
    /// The warnings of the last good rebuild.
    reported: Diagnostics,
}

impl Incremental {
    /// A site to build at `options`, served at `base_url`. Nothing is read yet.
    pub fn new(options: LoadOptions, base_url: &str) -> Incremental {
        Incremental {
            options,
            base_url: base_url.trim_end_matches('/').to_string(),
            state: None,
            search: search::Search::default(),
            reported: Diagnostics::default(),
        }
    }

    /// Rebuilds after `changed`: `Ok(Ok(step))` to apply to the last good output, `Ok(Err)` with
    /// the problems when the content has errors (the output stays as it is), `Err` for a theme
    /// that cannot be read or rendered. The first rebuild is a whole build; its search index is built
    /// on a thread of its own, like those of later rebuilds (see [`Incremental::search_ready`]).
    pub fn rebuild(&mut self, changed: &Changed) -> Result<Result<Step, Diagnostics>> {
        let epoch = source_date_epoch()?;
        let mut step = Step::default();
        let fresh = self.state.is_none() || *changed == Changed::Everything;
        if fresh {
            let config = match Config::load(&self.options.root) {
                Ok(config) => config,
                Err(found) => {
                    // Until the config reads again, every rebuild starts from scratch.
                    self.state = None;
                    let mut diagnostics = Diagnostics::default();
                    diagnostics.extend(found);
                    diagnostics.sort();
                    return Ok(Err(diagnostics));
                }
            };
            let loaded = crate::parse::source::load(&config);
            self.state = Some(State {
                config,
                theme: None,
                entries: BTreeMap::new(),
                assets: loaded.assets.clone(),
                source_diagnostics: loaded.diagnostics.clone(),
                keys: BTreeMap::new(),
                owned: HashMap::new(),
                placed: BTreeMap::new(),
                rerender: false,
                kept: crate::render::Kept::default(),
                first: true,
                last: None,
                reshaped: true,
            });
            self.search = self.search.fresh();
            let state = self.state.as_mut().expect("just set");
            sources::update_all(state, loaded.pages);
        }
        let state = self.state.as_mut().expect("a state");
        match changed {
            Changed::Theme | Changed::Content(_) if !fresh => {
                let paths = match changed {
                    Changed::Content(paths) => paths.as_slice(),
                    // Everything is rendered again: `content/` is read whole too, and compared.
                    _ => {
                        state.theme = None;
                        state.rerender = true;
                        &[]
                    }
                };
                if !sources::update_paths(state, paths) {
                    let loaded = crate::parse::source::load(&state.config);
                    state.assets = loaded.assets.clone();
                    state.source_diagnostics = loaded.diagnostics.clone();
                    sources::update_all(state, loaded.pages);
                }
            }
            _ => {}
        }
        let reparsed = sources::parse(state);
        step.parsed = reparsed.len();
        let selection = Selection {
            drafts: self.options.drafts,
            audience: self.options.audience,
            now: resolve_now(self.options.now, epoch, &state.config),
        };
        let first = state.first;
        let documents = match quick::rebuild(
            state,
            &reparsed,
            &self.base_url,
            &selection,
            &self.options,
            &mut step,
        )? {
            Some(documents) => documents,
            None => {
                quick::give_back(state);
                match whole::rebuild(state, &self.base_url, &selection, &self.options, &mut step)? {
                    Ok(documents) => documents,
                    Err(diagnostics) => return Ok(Err(diagnostics)),
                }
            }
        };
        state.first = false;
        state.reshaped = false;
        step.replace = first;
        step.fresh = (step.diagnostics.0.iter())
            .filter(|d| first || !self.reported.0.contains(d))
            .cloned()
            .collect();
        self.reported = step.diagnostics.clone();
        if let Some(swap) = self.search.update(documents, first)? {
            step.remove.extend(swap.remove);
            step.write.extend(swap.write);
        }
        Ok(Ok(step))
    }

    /// The site's root.
    pub fn root(&self) -> &Path {
        &self.options.root
    }

    /// Builds the search index beside every rebuild after the first, however quick it is (as it
    /// is at 10,000 incidents): for tests.
    pub fn search_beside(&mut self) {
        self.search.sync_limit = Some(std::time::Duration::ZERO);
    }

    /// Forgets everything: the next rebuild starts from scratch (after a rebuild that panicked).
    pub fn reset(&mut self) {
        self.state = None;
        self.search = self.search.fresh();
    }

    /// When a search index built on its own thread is ready: the step that swaps it in (all of
    /// the old index out, all of the new in). A stale index is built again from the latest site.
    pub fn search_ready(&mut self) -> Option<Step> {
        self.search.ready(false)
    }

    /// Waits for the search index being built, if any: the step that swaps it in.
    pub fn wait_for_search(&mut self) -> Option<Step> {
        self.search.ready(true)
    }
}
