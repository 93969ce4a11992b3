//! The environment debrief reads: a malformed `SOURCE_DATE_EPOCH` stops every command that loads
//! the site with a usage error (exit 2), instead of falling back to the clock.

use crate::support::Site;

/// An open action item due 2024-12-01, so "now" decides whether it is overdue.
const PAGE: &str = "+++\ntitle = \"Outage\"\ndate = 2024-11-07\n\
                    [[actions]]\ntitle = \"Fix it\"\nowner = \"sre\"\ndue = 2024-12-01\n+++\n";

/// `debrief args…` with `SOURCE_DATE_EPOCH` set to `epoch`: exit code, stdout, stderr.
fn run_with_epoch(site: &Site, epoch: &str, args: &[&str]) -> (i32, String, String) {
    let output = site
        .debrief(args)
        .env("SOURCE_DATE_EPOCH", epoch)
        .output()
        .expect("run debrief");
    (
        output.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&output.stdout).into_owned(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

#[test]
fn a_malformed_source_date_epoch_is_a_usage_error_for_every_command() {
    let site = Site::new(&[("content/a.md", PAGE)]);
    for epoch in [
        "yesterday",
        "2024-11-07",
        "1731000000.5",
        "",
        "99999999999999999",
    ] {
        for args in [
            &["build"][..],
            &["check"],
            &["check", "--format", "json"],
            &["actions"],
            &["build", "--now", "2024-11-08"],
        ] {
            let (code, stdout, stderr) = run_with_epoch(&site, epoch, args);
            assert_eq!(code, 2, "{epoch:?} {args:?}: {stderr}");
            assert_eq!(stdout, "", "{epoch:?} {args:?}");
            assert_eq!(
                stderr,
                format!(
                    "error: SOURCE_DATE_EPOCH is {epoch:?}, which is not a time: set it to whole \
                     seconds since 1970-01-01 00:00 UTC (as `git log -1 --format=%ct` prints), \
                     or unset it\n"
                ),
                "{args:?}"
            );
        }
    }
    assert!(!site.path().join("public").exists(), "nothing was built");
}

#[test]
fn serve_stops_on_a_malformed_source_date_epoch() {
    let site = Site::new(&[("content/a.md", PAGE)]);
    let output = site
        .debrief(&["serve", "--port", "0"])
        .env("SOURCE_DATE_EPOCH", "yesterday")
        .timeout(std::time::Duration::from_secs(60))
        .output()
        .expect("run debrief");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.starts_with("error: SOURCE_DATE_EPOCH is \"yesterday\""),
        "{stderr}"
    );
}

#[test]
fn a_valid_source_date_epoch_sets_now() {
    let site = Site::new(&[("content/a.md", PAGE)]);
    // 2024-12-10 12:00 UTC, with surrounding whitespace as a shell may leave it.
    let (code, stdout, stderr) =
        run_with_epoch(&site, " 1733832000\n", &["actions", "--format", "csv"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(stdout.contains(",2024-12-01,"), "{stdout}");
    let (code, _, stderr) = run_with_epoch(&site, "1733832000", &["check", "--fail-on-overdue"]);
    assert_eq!(code, 1, "overdue on 2024-12-10: {stderr}");
    let (code, _, stderr) = run_with_epoch(&site, "1732000000", &["check", "--fail-on-overdue"]);
    assert_eq!(code, 0, "not overdue on 2024-11-19: {stderr}");
}
