//! Bad input in one file: every problem is reported at file:line:col with a caret and
//! what would be valid; errors fail `check` and `build`, warnings only under `--strict`.

use crate::support::Site;

/// A TOML post-mortem with a title and a date; `extra` goes on line 4 of the front matter.
pub(crate) fn toml(extra: &str) -> String {
    format!("+++\ntitle = \"Outage\"\ndate = 2024-11-07\n{extra}+++\nBody.\n")
}

/// `debrief check args…` on `site`: the exit code and the diagnostics, without the summary line.
fn check_site(site: &Site, args: &[&str]) -> (i32, String) {
    let mut command = vec!["check"];
    command.extend_from_slice(args);
    let (code, stdout, stderr) = site.run(&command);
    assert_eq!(stdout, "", "human diagnostics go to stderr");
    let (diagnostics, summary) = stderr.trim_end().rsplit_once('\n').unwrap_or(("", &stderr));
    assert!(summary.starts_with("checked "), "no summary line: {stderr}");
    (code, diagnostics.trim_end().to_string())
}

/// `debrief check` on a new site of `files`.
fn check(files: &[(&str, &str)]) -> (i32, String) {
    check_site(&Site::new(files), &[])
}

/// A case whose problems are all errors: exit 1, and the diagnostics.
fn errors(files: &[(&str, &str)]) -> String {
    let (code, diagnostics) = check(files);
    assert_eq!(code, 1, "{diagnostics}");
    assert!(!diagnostics.contains("warning:"), "{diagnostics}");
    diagnostics
}

/// A warning-only case: exit 0, exit 1 under `--strict` (same text), and the diagnostics.
fn warnings(files: &[(&str, &str)]) -> String {
    let site = Site::new(files);
    let (code, diagnostics) = check_site(&site, &[]);
    assert_eq!(code, 0, "{diagnostics}");
    assert!(
        diagnostics.starts_with("warning: ") && !diagnostics.contains("error:"),
        "{diagnostics}"
    );
    let (strict, strict_diagnostics) = check_site(&site, &["--strict"]);
    assert_eq!(strict, 1, "--strict fails on warnings");
    assert_eq!(strict_diagnostics, diagnostics);
    diagnostics
}

#[test]
fn broken_toml_front_matter_is_reported_alone() {
    let page = "+++\ntitle = \"Broken\ndate = 2024-11-07\n+++\nBody.\n";
    insta::assert_snapshot!(errors(&[("content/a.md", page)]));
}

#[test]
fn broken_yaml_front_matter_points_at_the_file_line() {
    let page = "---\ntitle: Outage\ndate: 2024-11-07\ntags: a: b\n---\nBody.\n";
    insta::assert_snapshot!(errors(&[("content/a.md", page)]));
}

#[test]
fn front_matter_never_closed() {
    let page = "+++\ntitle = \"Outage\"\ndate = 2024-11-07\n\nBody.\n";
    insta::assert_snapshot!(errors(&[("content/a.md", page)]));
}

#[test]
fn unknown_key_names_the_closest_in_toml_and_yaml() {
    let yaml = "---\ntitle: Outage\ndate: 2024-11-07\nservics: [mail]\n---\nBody.\n";
    insta::assert_snapshot!(errors(&[
        ("content/a.md", &toml("sevrity = \"sev1\"\n")),
        ("content/b.md", yaml),
    ]));
}

#[test]
fn wrong_type_in_toml_and_yaml() {
    let yaml = "---\ntitle: Outage\ndate: 2024-11-07\nservices: 3\n---\nBody.\n";
    insta::assert_snapshot!(errors(&[
        ("content/a.md", &toml("services = 3\n")),
        ("content/b.md", yaml),
    ]));
}

#[test]
fn unknown_severity_lists_the_scale() {
    insta::assert_snapshot!(errors(&[("content/a.md", &toml("severity = \"sev5\"\n"))]));
}

#[test]
fn malformed_date() {
    let page = "+++\ntitle = \"Outage\"\ndate = \"2024-11-7\"\n+++\nBody.\n";
    insta::assert_snapshot!(errors(&[("content/a.md", page)]));
}

#[test]
fn impossible_date_in_toml_and_yaml() {
    let toml = "+++\ntitle = \"Outage\"\ndate = 2024-02-30\n+++\nBody.\n";
    let yaml = "---\ntitle: Outage\ndate: 2024-02-30\n---\nBody.\n";
    insta::assert_snapshot!(errors(&[("content/a.md", toml), ("content/b.md", yaml)]));
}

#[test]
fn times_out_of_order() {
    let times =
        "[times]\nstarted = 2024-11-07T10:00:00+01:00\ndetected = 2024-11-07T09:30:00+01:00\n";
    insta::assert_snapshot!(errors(&[("content/a.md", &toml(times))]));
}

#[test]
fn missing_title() {
    let page = "+++\ndate = 2024-11-07\n+++\nA body without a heading.\n";
    insta::assert_snapshot!(errors(&[("content/a.md", page)]));
}

#[test]
fn missing_date() {
    insta::assert_snapshot!(errors(&[("content/a.md", "# Outage\n\nBody.\n")]));
}

#[test]
fn missing_date_does_not_hide_the_other_problems_of_the_file() {
    let page = "+++\ntitle = \"Outage\"\nslug = \"../x\"\n+++\nBody.\n";
    insta::assert_snapshot!(errors(&[("content/a.md", page)]));
}

#[test]
fn duplicate_id_across_two_files() {
    insta::assert_snapshot!(errors(&[
        ("content/a.md", &toml("id = \"INC-1\"\n")),
        ("content/b.md", &toml("id = \"INC-1\"\n")),
    ]));
}

#[test]
fn duplicate_slug_across_two_files_is_one_error() {
    insta::assert_snapshot!(errors(&[
        ("content/a.md", &toml("slug = \"outage\"\n")),
        ("content/b.md", &toml("slug = \"outage\"\n")),
    ]));
}

#[test]
fn slug_that_would_leave_its_folder() {
    insta::assert_snapshot!(errors(&[
        ("content/a.md", &toml("slug = \"../x\"\n")),
        ("content/b.md", &toml("slug = \"a/b\"\n")),
    ]));
}

#[test]
fn invalid_utf8() {
    let site = Site::new(&[]);
    site.write_bytes(
        "content/2024-11-07-a.md",
        b"# Outage\n\nThe caf\xe9 was closed.\n",
    );
    let (code, diagnostics) = check_site(&site, &[]);
    assert_eq!(code, 1, "{diagnostics}");
    insta::assert_snapshot!(diagnostics);
    let (_, _, stderr) = site.run(&["check"]);
    assert!(
        stderr.contains("\nchecked 1 file"),
        "the file was read, so it was checked: {stderr}"
    );
}

#[test]
fn empty_files() {
    insta::assert_snapshot!(errors(&[
        ("content/2024-11-07-a.md", ""),
        ("content/2024-11-07-b.md", "\n  \n")
    ]));
}

#[test]
fn action_with_unknown_status_in_toml_and_yaml() {
    let action = "[[actions]]\ntitle = \"Fix it\"\nowner = \"sre\"\nstatus = \"finished\"\n";
    let yaml = "---\ntitle: Outage\ndate: 2024-11-07\nactions:\n  - title: Fix it\n    owner: sre\n    status: finished\n---\n";
    insta::assert_snapshot!(errors(&[
        ("content/a.md", &toml(action)),
        ("content/b.md", yaml)
    ]));
}

#[test]
fn completed_on_an_open_action() {
    let action = "[[actions]]\ntitle = \"Fix it\"\nowner = \"sre\"\nstatus = \"in-progress\"\ncompleted = 2024-11-20\n";
    insta::assert_snapshot!(errors(&[("content/a.md", &toml(action))]));
}

#[test]
fn link_to_an_unknown_incident() {
    let page =
        "+++\ntitle = \"Outage\"\ndate = 2024-11-07\n+++\nLike [the last one](incident:NOPE).\n";
    insta::assert_snapshot!(errors(&[
        ("content/a.md", page),
        ("content/b.md", &toml("id = \"NOPF\"\n"))
    ]));
}

#[test]
fn link_to_a_known_incident_with_an_anchor_is_fine() {
    let page = "+++\ntitle = \"Outage\"\ndate = 2024-11-07\n+++\nSee [its timeline](incident:INC-2#timeline).\n";
    let (code, diagnostics) = check(&[
        ("content/a.md", page),
        ("content/b.md", &toml("id = \"INC-2\"\n")),
    ]);
    assert_eq!((code, diagnostics.as_str()), (0, ""));
}

#[test]
fn site_checks_still_run_on_a_file_with_other_errors() {
    let page = "+++\ntitle = \"Outage\"\ndate = 2024-11-07\nseverity = \"critical\"\n\
                related = [\"NOPE\"]\n[[actions]]\ntitle = \"Call\"\n+++\nSee [x](incident:NOPE).\n";
    let (code, diagnostics) = check(&[
        ("content/a.md", page),
        ("content/b.md", &toml("id = \"INC-2\"\n")),
    ]);
    assert_eq!(code, 1);
    insta::assert_snapshot!(diagnostics);
}

#[test]
fn related_id_that_does_not_exist_is_a_warning() {
    insta::assert_snapshot!(warnings(&[(
        "content/a.md",
        &toml("related = [\"INC-404\"]\n")
    )]));
}

#[test]
fn unknown_timezone() {
    insta::assert_snapshot!(errors(&[(
        "content/a.md",
        &toml("timezone = \"Europe/Olso\"\n")
    )]));
}

#[test]
fn placeholder_timeline_time_is_a_warning() {
    let page = "# Outage\n\n## Timeline\n\n| Time | Event |\n| --- | --- |\n\
                | 2024-11-07 14:00 | Mail stops |\n| 14:?? | Someone notices |\n";
    insta::assert_snapshot!(warnings(&[("content/a.md", page)]));
}

#[test]
fn front_matter_timeline_bare_time_takes_the_date() {
    let entry = "[[timeline]]\nat = \"14:30\"\ntext = \"Mail stops\"\n";
    let (code, diagnostics) = check(&[("content/a.md", &toml(entry))]);
    assert_eq!(
        (code, diagnostics.as_str()),
        (0, ""),
        "a bare HH:MM takes `date`"
    );
    let site = Site::new(&[(
        "content/a.md",
        &toml(&format!(
            "{entry}[[timeline]]\nat = \"09:05\"\ntext = \"Back\"\n"
        )),
    )]);
    let (code, _, stderr) = site.run(&["build", "--now", "2024-12-01"]);
    assert_eq!(code, 0, "{stderr}");
    let page = site.read("public/incidents/a/index.html");
    assert!(
        page.contains("datetime=\"2024-11-07T14:30:00+01:00\""),
        "{page}"
    );
    assert!(
        page.contains("datetime=\"2024-11-07T09:05:00+01:00\""),
        "no rollover in front matter: {page}"
    );
}

#[test]
fn open_action_without_owner_is_a_warning() {
    let list = "# Outage\n\n## Action items\n\n- [ ] Add alerting due 2024-12-01\n- [x] Restart the node\n";
    insta::assert_snapshot!(warnings(&[
        (
            "content/a.md",
            &toml("id = \"INC-1\"\n[[actions]]\ntitle = \"Fix it\"\n")
        ),
        ("content/2024-11-08-b.md", list),
    ]));
}

#[test]
fn malformed_due_in_an_action_items_list() {
    let list = "# Outage\n\n## Action items\n\n- [ ] Add alerting @sre due 2024-13-01\n\
                - [ ] Add a runbook @sre frist 01.12.2024\n";
    insta::assert_snapshot!(errors(&[("content/2024-11-07-a.md", list)]));
}
