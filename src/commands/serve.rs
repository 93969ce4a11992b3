//! `debrief serve`: build, serve on localhost, watch, and rebuild and reload what each save changes.

use std::net::{IpAddr, SocketAddr};
use std::path::Path;
use std::process::ExitCode;

use anyhow::Result;

use crate::cli::ServeArgs;
use crate::model::incident::Visibility;
use crate::pipeline::LoadOptions;
use crate::pipeline::incremental::{Changed, Incremental};
use crate::publish::output::Output;
use crate::serve;

/// Serves the site at `root` until interrupted.
pub fn serve(root: &Path, args: &ServeArgs) -> Result<ExitCode> {
    let listener = serve::bind(SocketAddr::new(args.bind, args.port))?;
    let address = listener.local_addr()?;
    if let Some(warning) = exposure_warning(address.ip()) {
        eprintln!("{warning}");
    }
    let base_url = format!("http://{address}");
    // A writer previews everything: drafts and internal incidents too.
    let options = LoadOptions {
        root: root.to_path_buf(),
        drafts: true,
        audience: Visibility::Internal,
        now: args.now,
        fail_on_overdue: false,
    };
    let mut site = Incremental::new(options, &base_url);
    let initial = match serve::build(&mut site, &Changed::Everything)? {
        Ok(step) => {
            let mut output = Output::default();
            step.apply(&mut output);
            output
        }
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
    serve::run(listener, initial, site, changes)?;
    Ok(ExitCode::SUCCESS)
}

/// The warning for an address other machines can reach: `serve` shows drafts and internal incidents.
fn exposure_warning(ip: IpAddr) -> Option<String> {
    if ip.to_canonical().is_loopback() {
        return None;
    }
    let reach = if ip.is_unspecified() {
        "every network this machine is on".to_string()
    } else {
        format!("the network at {ip}")
    };
    Some(format!(
        "warning: serving on {ip}: drafts and internal incidents are open to {reach}; \
         use `--bind 127.0.0.1` (the default) to keep them on this machine"
    ))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_addresses_off_this_machine_are_warned_about() {
        for local in ["127.0.0.1", "127.1.2.3", "::1", "::ffff:127.0.0.1"] {
            assert_eq!(
                exposure_warning(local.parse().expect("ip")),
                None,
                "{local}"
            );
        }
        for open in ["0.0.0.0", "::", "192.168.1.20", "10.0.0.5", "fe80::1"] {
            let warning = exposure_warning(open.parse().expect("ip")).expect(open);
            assert!(
                warning.starts_with("warning:")
                    && warning.contains("drafts and internal incidents")
                    && warning.contains("--bind 127.0.0.1"),
                "{warning}"
            );
        }
    }
}
