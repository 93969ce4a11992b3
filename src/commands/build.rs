//! `debrief build`: the whole pipeline, written to the output folder only when everything succeeded.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::Result;
use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::BuildArgs;
use crate::commands::{CONTENT_ERROR, load_options, print_human};
use crate::diagnostic::plural;
use crate::pipeline;
use crate::render::{self, RenderInput};
use crate::theme::Theme;

/// Builds the site at `root`.
pub fn build(root: &Path, args: &BuildArgs) -> Result<ExitCode> {
    let started = Instant::now();
    let output_dir = root.join(&args.output);
    check_output_dir(root, &output_dir)?;
    let bar = if std::io::stderr().is_terminal() {
        let bar = ProgressBar::new_spinner();
        bar.set_style(ProgressStyle::with_template(
            "{spinner} parsing {pos} post-mortems",
        )?);
        bar
    } else {
        ProgressBar::hidden()
    };
    let options = load_options(root, &args.select, Some(output_dir.clone()));
    let loaded = pipeline::load(&options, &|| bar.inc(1));
    bar.finish_and_clear();
    print_human(&loaded.diagnostics);
    let diagnostics = &loaded.diagnostics;
    let failed = diagnostics.errors() > 0 || (args.strict && diagnostics.warnings() > 0);
    let Some(site) = loaded.site.filter(|_| !failed) else {
        eprintln!(
            "build failed: {}; {} was left untouched",
            diagnostics.tally(),
            args.output.display()
        );
        return Ok(ExitCode::from(CONTENT_ERROR));
    };
    let theme = Theme::load(root, &site.config.theme)?;
    let base_url = args
        .base_url
        .clone()
        .unwrap_or_else(|| site.config.base_url.clone());
    let output = render::render(
        &site,
        &RenderInput {
            theme: &theme,
            base_url: base_url.trim_end_matches('/'),
            assets: &loaded.assets,
        },
    )?;
    output.write_atomically(&output_dir)?;
    let actions: usize = site.incidents.iter().map(|i| i.actions.len()).sum();
    eprintln!(
        "built {}, {}, {} into {} with {} in {} ms",
        plural(site.incidents.len(), "incident"),
        plural(actions, "action"),
        plural(output.files.len(), "file"),
        args.output.display(),
        plural(diagnostics.warnings(), "warning"),
        started.elapsed().as_millis()
    );
    Ok(ExitCode::SUCCESS)
}

/// Refuses an output folder whose replacement would delete the site itself: the site root, one of its
/// parents, `content/`, `templates/`, `themes/` or anything inside them.
pub fn check_output_dir(root: &Path, output: &Path) -> Result<()> {
    let absolute = |p: &Path| std::path::absolute(p).map(|p| normalize(&p));
    let (root, output) = (absolute(root)?, absolute(output)?);
    if root.starts_with(&output) {
        anyhow::bail!(
            "refusing to build into {}: it holds the site itself, and a build replaces its output folder",
            output.display()
        );
    }
    for kept in ["content", "templates", "themes"] {
        if output.starts_with(root.join(kept)) {
            anyhow::bail!(
                "refusing to build into {}: it is inside the site's {kept}/ folder",
                output.display()
            );
        }
    }
    Ok(())
}

/// `a/./b/../c` → `a/c`, without touching the file system (the folder may not exist yet).
fn normalize(path: &Path) -> std::path::PathBuf {
    let mut out = std::path::PathBuf::new();
    for part in path.components() {
        match part {
            std::path::Component::ParentDir => {
                out.pop();
            }
            std::path::Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_folders_that_would_delete_the_site_are_refused() {
        let root = Path::new("/srv/site");
        assert!(check_output_dir(root, Path::new("/srv/site/public")).is_ok());
        assert!(check_output_dir(root, Path::new("/srv/other")).is_ok());
        for bad in [
            "/srv/site",
            "/srv/site/.",
            "/srv",
            "/",
            "/srv/site/content",
            "/srv/site/content/x",
            "/srv/site/public/..",
        ] {
            assert!(check_output_dir(root, Path::new(bad)).is_err(), "{bad}");
        }
    }
}
