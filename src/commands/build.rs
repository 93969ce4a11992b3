//! `debrief build`: the whole pipeline, written beside the output folder as it is rendered and put in
//! its place only when everything succeeded.

use std::io::IsTerminal;
use std::path::{Component, Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, Result, anyhow};
use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::BuildArgs;
use crate::commands::{CONTENT_ERROR, load_options};
use crate::diagnostic::plural;
use crate::pipeline;
use crate::publish::output::check_replaceable;

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
    let options = load_options(root, &args.select);
    let built = pipeline::build_into(
        &options,
        args.base_url.as_deref(),
        args.strict,
        &|| bar.inc(1),
        &output_dir,
    )?;
    bar.finish_and_clear();
    let built = match built {
        Ok(built) => built,
        Err(diagnostics) => {
            diagnostics.print_human();
            eprintln!(
                "build failed: {}; {} was left untouched",
                diagnostics.tally(),
                args.output.display()
            );
            return Ok(ExitCode::from(CONTENT_ERROR));
        }
    };
    built.diagnostics.print_human();
    let files = built.output.len();
    let model = built.model;
    built.output.commit()?;
    // The process exits next, which returns all its memory at once: freeing the model's millions
    // of values one by one first would only cost time.
    std::mem::forget(model);
    eprintln!(
        "built {}, {}, {} into {} with {} in {} ms",
        plural(built.incidents, "incident"),
        plural(built.actions, "action"),
        plural(files, "file"),
        args.output.display(),
        plural(built.diagnostics.warnings(), "warning"),
        started.elapsed().as_millis()
    );
    Ok(ExitCode::SUCCESS)
}

/// The folder to build into, with every link followed, after refusing one whose replacement would
/// lose anything that is not a build: the site itself (its root or a parent of it), a folder in or
/// holding `content/`, `templates/` or `themes/` (also when reached through links), a file, or a
/// non-empty folder that is not a previous build (see [`check_replaceable`]). A `public` that is a
/// link to a folder elsewhere is built through the link, which is kept.
pub fn check_output_dir(root: &Path, output: &Path) -> Result<PathBuf> {
    let resolved = resolve(output)?;
    let shown = match std::path::absolute(output) {
        Ok(absolute) if absolute != resolved => {
            format!("{} (that is, {})", output.display(), resolved.display())
        }
        _ => output.display().to_string(),
    };
    let refuse = |why: String| anyhow!("refusing to build into {shown}: {why}");
    if resolve(root)?.starts_with(&resolved) {
        return Err(refuse(
            "it holds the site itself, and a build replaces its output folder".into(),
        ));
    }
    for kept in ["content", "templates", "themes"] {
        let kept_dir = resolve(&root.join(kept))?;
        if resolved.starts_with(&kept_dir) {
            return Err(refuse(format!("it is inside the site's {kept}/ folder")));
        }
        if kept_dir.starts_with(&resolved) {
            return Err(refuse(format!("it holds the site's {kept}/ folder")));
        }
    }
    check_replaceable(&resolved).map_err(refuse)?;
    Ok(resolved)
}

/// Where the file system puts `path`: absolute, every link followed and every `..` applied after
/// the link before it, the part that does not exist yet kept as written. Paths are compared
/// resolved, so that no link can make the output folder look like somewhere else.
fn resolve(path: &Path) -> Result<PathBuf> {
    let absolute =
        std::path::absolute(path).with_context(|| format!("cannot resolve {}", path.display()))?;
    let mut resolved = PathBuf::new();
    for part in absolute.components() {
        match part {
            Component::Prefix(_) | Component::RootDir => resolved.push(part),
            Component::CurDir => {}
            Component::ParentDir => {
                resolved.pop();
            }
            Component::Normal(name) => {
                resolved.push(name);
                match std::fs::symlink_metadata(&resolved) {
                    Ok(meta) if meta.file_type().is_symlink() => {
                        resolved = std::fs::canonicalize(&resolved).with_context(|| {
                            format!("{} is a link to nothing", resolved.display())
                        })?;
                    }
                    Ok(_) => {}
                    Err(error) if error.kind() == std::io::ErrorKind::NotFound => {}
                    Err(error) => {
                        return Err(error)
                            .with_context(|| format!("cannot look at {}", resolved.display()));
                    }
                }
            }
        }
    }
    Ok(resolved)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_folders_that_would_delete_the_site_are_refused() {
        let tmp = tempfile::TempDir::new().unwrap();
        let tmp = std::fs::canonicalize(tmp.path()).unwrap();
        let root = tmp.join("srv/site");
        std::fs::create_dir_all(root.join("content/x")).unwrap();
        assert_eq!(
            check_output_dir(&root, &root.join("public")).unwrap(),
            root.join("public")
        );
        assert!(check_output_dir(&root, &tmp.join("srv/other")).is_ok());
        for bad in [
            "",
            ".",
            "..",
            "../..",
            "/",
            "content",
            "content/x",
            "content/new",
            "templates/new",
            "public/..",
            "public/../content/y",
        ] {
            assert!(check_output_dir(&root, &root.join(bad)).is_err(), "{bad}");
        }
    }

    #[cfg(unix)]
    #[test]
    fn links_are_followed_before_comparing() {
        let tmp = tempfile::TempDir::new().unwrap();
        let tmp = std::fs::canonicalize(tmp.path()).unwrap();
        let root = tmp.join("site");
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::create_dir_all(tmp.join("deploy")).unwrap();
        std::os::unix::fs::symlink(root.join("content"), root.join("alias")).unwrap();
        std::os::unix::fs::symlink(&root, tmp.join("site-link")).unwrap();
        std::os::unix::fs::symlink(tmp.join("deploy"), root.join("public")).unwrap();
        std::os::unix::fs::symlink(tmp.join("nowhere"), root.join("dangling")).unwrap();
        std::os::unix::fs::symlink(&tmp, root.join("up")).unwrap();
        for bad in [
            "alias/out",
            "alias/../alias/out",
            "../site-link/content/out",
            "up",
            "up/site",
            "up/site/content",
            "up/site-link/templates",
            "dangling/out",
        ] {
            assert!(check_output_dir(&root, &root.join(bad)).is_err(), "{bad}");
        }
        let linked = check_output_dir(&root, &root.join("public")).unwrap();
        assert_eq!(linked, tmp.join("deploy"));
        let through = check_output_dir(&root, &tmp.join("site-link/public/out")).unwrap();
        assert_eq!(through, tmp.join("deploy/out"));
        let back = check_output_dir(&root, &root.join("up/deploy/../elsewhere")).unwrap();
        assert_eq!(back, tmp.join("elsewhere"));
    }
}
