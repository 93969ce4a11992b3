//! `debrief build`: the whole pipeline, written to the output folder only when everything succeeded.

use std::io::IsTerminal;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result, bail};
use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::BuildArgs;
use crate::commands::{CONTENT_ERROR, load_options, print_human};
use crate::diagnostic::plural;
use crate::pipeline;

/// Builds the site at `root`.
pub fn build(root: &Path, args: &BuildArgs) -> Result<ExitCode> {
    let started = Instant::now();
    let output_dir = check_output_dir(root, &root.join(&args.output))?;
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
    let built = pipeline::build(&options, args.base_url.as_deref(), args.strict, &|| {
        bar.inc(1)
    })?;
    bar.finish_and_clear();
    let built = match built {
        Ok(built) => built,
        Err(diagnostics) => {
            print_human(&diagnostics);
            eprintln!(
                "build failed: {}; {} was left untouched",
                diagnostics.tally(),
                args.output.display()
            );
            return Ok(ExitCode::from(CONTENT_ERROR));
        }
    };
    print_human(&built.diagnostics);
    built.output.write_atomically(&output_dir)?;
    eprintln!(
        "built {}, {}, {} into {} with {} in {} ms",
        plural(built.incidents, "incident"),
        plural(built.actions, "action"),
        plural(built.output.files.len(), "file"),
        args.output.display(),
        plural(built.diagnostics.warnings(), "warning"),
        started.elapsed().as_millis()
    );
    Ok(ExitCode::SUCCESS)
}

/// The folder to build into, after refusing one whose replacement would lose anything that is not
/// a build: the site itself (its root, a parent, `content/`, `templates/`, `themes/`), a file, or a
/// non-empty folder that does not hold a previous build. A link to a folder is followed, so a
/// deployment that points `public` elsewhere keeps working.
pub fn check_output_dir(root: &Path, output: &Path) -> Result<std::path::PathBuf> {
    let output = match std::fs::symlink_metadata(output) {
        Ok(meta) if meta.file_type().is_symlink() => std::fs::canonicalize(output)
            .with_context(|| format!("{} is a link to nothing", output.display()))?,
        _ => output.to_path_buf(),
    };
    let absolute = |p: &Path| std::path::absolute(p).map(|p| normalize(&p));
    let (root, absolute_output) = (absolute(root)?, absolute(&output)?);
    if root.starts_with(&absolute_output) {
        bail!(
            "refusing to build into {}: it holds the site itself, and a build replaces its output folder",
            output.display()
        );
    }
    for kept in ["content", "templates", "themes"] {
        if absolute_output.starts_with(root.join(kept)) {
            bail!(
                "refusing to build into {}: it is inside the site's {kept}/ folder",
                output.display()
            );
        }
    }
    if output.exists() {
        if !output.is_dir() {
            bail!(
                "refusing to build into {}: it is a file, not a folder",
                output.display()
            );
        }
        let empty = std::fs::read_dir(&output)
            .map(|mut d| d.next().is_none())
            .unwrap_or(false);
        if !empty && !output.join(BUILD_MARK).is_file() {
            bail!(
                "refusing to build into {}: it is not empty and holds no previous debrief build (no {BUILD_MARK}); \
                 a build replaces the whole folder, so choose another --output or remove it",
                output.display()
            );
        }
    }
    Ok(output)
}

/// A file every build writes at the top of its output, by which a previous build is recognised.
pub const BUILD_MARK: &str = "incidents.json";

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
        assert_eq!(
            check_output_dir(root, Path::new("/srv/site/public")).unwrap(),
            Path::new("/srv/site/public")
        );
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
