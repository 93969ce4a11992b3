//! The source line under a diagnostic: cut around the problem on long lines, and the caret placed
//! by display width, so what is printed stays small and points at the right place.

use crate::support::Site;

/// A post whose body is `line`: a TOML post-mortem with a title and a date.
fn post(line: &str) -> String {
    format!("+++\ntitle = \"Outage\"\ndate = 2024-11-07\n+++\n{line}\n")
}

/// `debrief check` on a site whose only post has the body `line`: exit code and stderr.
fn check_line(line: &str) -> (i32, String) {
    let (code, stdout, stderr) = Site::new(&[("content/a.md", &post(line))]).run(&["check"]);
    assert_eq!(stdout, "");
    (code, stderr)
}

/// The source and caret lines printed for line 5 (the body) of `stderr`.
fn snippet(stderr: &str) -> (&str, &str) {
    let mut lines = stderr.lines().skip_while(|l| !l.starts_with("5 | "));
    let source = lines
        .next()
        .unwrap_or_else(|| panic!("no source line: {stderr}"));
    let caret = lines
        .next()
        .unwrap_or_else(|| panic!("no caret line: {stderr}"));
    (&source[4..], caret.strip_prefix("  | ").expect(caret))
}

#[test]
fn a_four_megabyte_line_prints_a_short_excerpt() {
    let half = "a".repeat(2 * 1024 * 1024);
    let line = format!("{half}[x](incident:NOPE){half}");
    let (code, stderr) = check_line(&line);
    assert_eq!(code, 1, "{}", &stderr[..stderr.len().min(2000)]);
    assert!(
        stderr.len() < 2000,
        "{} bytes of stderr for one error",
        stderr.len()
    );
    assert!(
        stderr.contains("link to unknown incident `NOPE`\n --> content/a.md:5:2097153\n"),
        "{stderr}"
    );
    let (source, caret) = snippet(&stderr);
    assert!(
        source.starts_with("…aaa") && source.ends_with("aaa…"),
        "{stderr}"
    );
    assert!(source.chars().count() <= 120, "{stderr}");
    let at = caret.find('^').expect(caret);
    assert!(
        source.chars().nth(at) == Some('[') && caret.trim() == "^".repeat(caret.trim().len()),
        "the caret points at the link:\n{source}\n{caret}"
    );
}

#[test]
fn the_caret_follows_wide_characters() {
    let (code, stderr) = check_line("障害 🔥 [x](incident:NOPE)");
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains(" --> content/a.md:5:6\n"),
        "column in characters: {stderr}"
    );
    assert_eq!(
        snippet(&stderr),
        ("障害 🔥 [x](incident:NOPE)", "        ^^^^^^^^^^^^^^^^^^")
    );
}

#[test]
fn the_caret_follows_tabs() {
    let (code, stderr) = check_line("See\t障害\t[x](incident:NOPE)");
    assert_eq!(code, 1, "{stderr}");
    assert_eq!(
        snippet(&stderr),
        (
            "See    障害    [x](incident:NOPE)",
            "               ^^^^^^^^^^^^^^^^^^"
        ),
        "tabs are shown as spaces, so the caret lines up in any terminal"
    );
}

#[test]
fn a_four_megabyte_value_is_cut_in_the_message_in_every_format() {
    let value = "x".repeat(4 * 1024 * 1024);
    let page = format!("+++\ntitle = \"Outage\"\ndate = 2024-11-07\nseverity = \"{value}\"\n+++\n");
    let site = Site::new(&[("content/a.md", &page)]);
    for format in ["human", "github", "json"] {
        let (code, stdout, stderr) = site.run(&["check", "--format", format]);
        let printed = format!("{stdout}{stderr}");
        assert_eq!(code, 1, "{format}");
        assert!(
            printed.len() < 3000,
            "{format}: {} bytes for one error",
            printed.len()
        );
        assert!(
            printed.contains("unknown severity `xxx")
                && printed.contains("xxx…xxx")
                && printed.contains("xxx`"),
            "{format}: {printed}"
        );
    }
}
