//! `debrief serve`: build, serve on localhost, watch, and reload the browser on every save.

use std::net::SocketAddr;
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use crate::cli::ServeArgs;
use crate::model::incident::Visibility;
use crate::pipeline::LoadOptions;
use crate::serve;

/// Serves the site at `root` until interrupted.
pub fn serve(root: &Path, args: &ServeArgs) -> Result<ExitCode> {
    let listener = serve::bind(SocketAddr::new(args.bind, args.port))?;
    let address = listener.local_addr()?;
    let base_url = format!("http://{address}");
    // A writer previews everything: drafts and internal incidents too.
    let options = LoadOptions {
        root: root.to_path_buf(),
        output: None,
        drafts: true,
        audience: Visibility::Internal,
        now: args.now,
        fail_on_overdue: false,
    };
    let initial = match serve::build(&options, &base_url)? {
        Ok(output) => output,
        Err(_) => {
            eprintln!(
                "the site does not build; fix the problems above and run `debrief serve` again"
            );
            return Ok(ExitCode::from(crate::commands::CONTENT_ERROR));
        }
    };
    let (_watcher, changes) = serve::watch(root)?;
    let shown = std::path::absolute(root).unwrap_or_else(|_| root.to_path_buf());
    println!(
        "serving {} at {base_url}/ (Ctrl-C to stop)",
        shown.display()
    );
    std::io::Write::flush(&mut std::io::stdout())?;
    if args.open {
        open(&format!("{base_url}/"));
    }
    serve::run(listener, initial, changes, move || {
        serve::build(&options, &base_url)
    })?;
    Ok(ExitCode::SUCCESS)
}

/// Opens `url` in the desktop's browser, if there is one.
fn open(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        eprintln!("could not open a browser; visit {url}");
    }
}
