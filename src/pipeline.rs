//! The stages run in order — config, sources, incidents, site — shared by `build` and `check`.

use std::collections::{HashMap, HashSet};
use std::path::{Path, PathBuf};

use jiff::Timestamp;
use jiff::civil::Date;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Diagnostics};
use crate::model::incident::{Incident, Visibility};
use crate::parse::source::{self, Asset};
use crate::publish::output::Output;
use crate::site::assets::Placement;
use crate::site::{self, Selection, Site};

pub mod incremental;

/// What the user asked to load.
#[derive(Clone, Debug)]
pub struct LoadOptions {
    /// The site root.
    pub root: PathBuf,
    /// Include drafts and reviews.
    pub drafts: bool,
    /// Which incidents are built.
    pub audience: Visibility,
    /// `--now`, if given.
    pub now: Option<Date>,
    /// Report overdue actions as errors.
    pub fail_on_overdue: bool,
}

/// A loaded, linked site with everything found on the way.
pub struct Loaded {
    /// The site, unless the config itself was unusable.
    pub site: Option<Site>,
    /// Files of `content/` to publish with the incidents of the site.
    pub assets: Vec<Placement>,
    /// Every problem, sorted.
    pub diagnostics: Diagnostics,
    /// How many files were read.
    pub files: usize,
}

/// The seconds since 1970-01-01 UTC that reproducible builds set to fix "now".
const SOURCE_DATE_EPOCH: &str = "SOURCE_DATE_EPOCH";

/// `SOURCE_DATE_EPOCH`, when it is set; an error when it is set to anything but a whole number of
/// seconds (surrounding whitespace aside), so a broken CI setting never falls back to the clock.
pub fn source_date_epoch() -> anyhow::Result<Option<Timestamp>> {
    let value = match std::env::var_os(SOURCE_DATE_EPOCH) {
        None => return Ok(None),
        Some(value) => value.to_string_lossy().into_owned(),
    };
    match value.trim().parse::<i64>().map(Timestamp::from_second) {
        Ok(Ok(at)) => Ok(Some(at)),
        _ => anyhow::bail!(
            "{SOURCE_DATE_EPOCH} is {value:?}, which is not a time: set it to whole seconds since \
             1970-01-01 00:00 UTC (as `git log -1 --format=%ct` prints), or unset it"
        ),
    }
}

/// Today, for overdue: `--now`, else `epoch` (from [`source_date_epoch`]), else the clock, in the
/// site's zone.
pub fn resolve_now(now: Option<Date>, epoch: Option<Timestamp>, config: &Config) -> Date {
    now.unwrap_or_else(|| {
        epoch
            .unwrap_or_else(Timestamp::now)
            .to_zoned_datetime(config.tz.clone())
            .date()
    })
}

/// Runs config → sources → incidents → site, collecting every diagnostic. `Err` (before anything is
/// read) when the environment is unusable: a malformed `SOURCE_DATE_EPOCH`.
pub fn load(options: &LoadOptions, progress: &(dyn Fn() + Sync)) -> anyhow::Result<Loaded> {
    let epoch = source_date_epoch()?;
    let mut diagnostics = Diagnostics::default();
    let config = match Config::load(&options.root) {
        Ok(config) => config,
        Err(found) => {
            diagnostics.extend(found);
            diagnostics.sort();
            return Ok(Loaded {
                site: None,
                assets: Vec::new(),
                diagnostics,
                files: 0,
            });
        }
    };
    // Each file is parsed as soon as it is read, while the walk of `content/` goes on.
    let (sources, parsed) = source::load_each(&config, |source| {
        let parsed = crate::parse::reader::parse(source, &config);
        progress();
        parsed
    });
    diagnostics.extend(sources.diagnostics.iter().cloned());
    let mut incidents = Vec::with_capacity(parsed.len());
    for parsed in parsed {
        diagnostics.extend(parsed.diagnostics);
        incidents.extend(parsed.incident);
    }
    let texts: HashMap<&Path, &str> = sources
        .pages
        .iter()
        .map(|s| (s.path.as_path(), s.text.as_str()))
        .collect();
    let selection = Selection {
        drafts: options.drafts,
        audience: options.audience,
        now: resolve_now(options.now, epoch, &config),
    };
    let (site, placements) = link(
        incidents,
        config,
        &sources.assets,
        &texts,
        &selection,
        options.fail_on_overdue,
        &mut diagnostics,
    );
    diagnostics.sort();
    Ok(Loaded {
        site: Some(site),
        assets: placements,
        diagnostics,
        files: sources.markdown_files,
    })
}

/// Links parsed incidents into the site (the second half of [`load`]): places the content files
/// beside them, selects, groups and checks them; the diagnostics are added to `diagnostics`
/// (unsorted). `texts` has every file's text by path, for the diagnostics.
pub(crate) fn link(
    incidents: Vec<Incident>,
    config: Config,
    assets: &[Asset],
    texts: &HashMap<&Path, &str>,
    selection: &Selection,
    fail_on_overdue: bool,
    diagnostics: &mut Diagnostics,
) -> (Site, Vec<Placement>) {
    let mut linked: Vec<Diagnostic> = Vec::new();
    // Placed over every incident, so check and each build report the same files; kept for the selected.
    let mut placements = site::assets::place(&incidents, assets, &mut linked);
    let site = site::link(incidents, config, selection, texts, &mut linked);
    let selected: HashSet<&Path> = site.incidents.iter().map(|i| i.path.as_path()).collect();
    placements.retain(|p| selected.contains(p.incident.as_path()));
    diagnostics.extend(linked);
    diagnostics.extend(crate::site::rules::check(&site, texts, fail_on_overdue));
    (site, placements)
}

/// A rendered site.
pub struct Built {
    /// Every file of the site: held in memory by [`build`]; written by [`build_into`], to be
    /// committed.
    pub output: crate::publish::output::Output,
    /// Incidents built.
    pub incidents: usize,
    /// Their action items.
    pub actions: usize,
    /// The warnings found on the way.
    pub diagnostics: Diagnostics,
    /// The site model the files were rendered from: freeing it takes a while at 10,000
    /// incidents, so a caller about to exit may leave it to the system (`std::mem::forget`).
    pub model: Site,
}

/// Loads and renders the site in memory. `Ok(Err(diagnostics))` when the content has errors (or
/// warnings under `strict`): nothing was rendered. `Err` for a theme that cannot be read or rendered.
pub fn build(
    options: &LoadOptions,
    base_url: Option<&str>,
    strict: bool,
    progress: &(dyn Fn() + Sync),
) -> anyhow::Result<Result<Built, Diagnostics>> {
    render(options, base_url, strict, progress, &|| {
        Ok(Output::default())
    })
}

/// Loads and renders the site as [`build`] does, each file written as it is rendered into a
/// staging folder beside `dir` (see [`Output::to_folder`]): [`Output::commit`] puts it in `dir`'s
/// place. Nothing is written when the content has errors.
pub fn build_into(
    options: &LoadOptions,
    base_url: Option<&str>,
    strict: bool,
    progress: &(dyn Fn() + Sync),
    dir: &Path,
) -> anyhow::Result<Result<Built, Diagnostics>> {
    render(options, base_url, strict, progress, &|| {
        Output::to_folder(dir)
    })
}

/// Loads the site and, when it has no errors, renders it into the output `open` makes.
fn render(
    options: &LoadOptions,
    base_url: Option<&str>,
    strict: bool,
    progress: &(dyn Fn() + Sync),
    open: &dyn Fn() -> anyhow::Result<Output>,
) -> anyhow::Result<Result<Built, Diagnostics>> {
    let loaded = load(options, progress)?;
    let diagnostics = loaded.diagnostics;
    let failed = diagnostics.errors() > 0 || (strict && diagnostics.warnings() > 0);
    let Some(mut site) = loaded.site.filter(|_| !failed) else {
        return Ok(Err(diagnostics));
    };
    let theme = crate::render::theme::Theme::load(&options.root, &site.config.theme)?;
    let base_url = base_url.map_or_else(|| site.config.base_url.clone(), str::to_string);
    let input = crate::render::RenderInput {
        theme: &theme,
        base_url: base_url.trim_end_matches('/'),
        assets: &loaded.assets,
    };
    let output = crate::render::render(&mut site, &input, open()?)?;
    let actions = site.incidents.iter().map(|i| i.actions.len()).sum();
    let incidents = site.incidents.len();
    Ok(Ok(Built {
        output,
        incidents,
        actions,
        diagnostics,
        model: site,
    }))
}
