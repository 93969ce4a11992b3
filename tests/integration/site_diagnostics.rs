//! Problems across files and how they are reported: every problem of every file in one run, the
//! GitHub and JSON formats, a failed build that leaves the output alone, and checks that need
//! several files (ids, links).

use crate::diagnostics::toml;
use crate::support::Site;

/// Five files with four errors and two warnings between them.
fn several_problems() -> Site {
    let yaml = "---\ntitle: B\ndate: 2024-11-08\nactions:\n  - title: Fix it\n    owner: sre\n    status: finished\n---\n";
    Site::new(&[
        (
            "content/a.md",
            &toml("severity = \"critical\"\nsevrity = \"sev1\"\n"),
        ),
        ("content/b.md", yaml),
        (
            "content/2024-11-09-c.md",
            "# C\n\n## Action items\n\n- [ ] Fix @sre due 2024-13-01\n",
        ),
        (
            "content/d.md",
            &toml("related = [\"NOPE\"]\n[[actions]]\ntitle = \"Call\"\n"),
        ),
        ("content/e.md", &toml("")),
    ])
}

/// How many lines of `text` start with `prefix`.
fn count(text: &str, prefix: &str) -> usize {
    text.lines().filter(|l| l.starts_with(prefix)).count()
}

#[test]
fn several_problems_in_several_files_are_reported_in_one_run() {
    let (code, _, stderr) = several_problems().run(&["check"]);
    assert_eq!(code, 1);
    assert!(
        stderr.ends_with("checked 5 files: 4 errors, 2 warnings\n"),
        "{stderr}"
    );
    assert_eq!(
        (count(&stderr, "error: "), count(&stderr, "warning: ")),
        (4, 2)
    );
    for (file, n) in [
        ("a.md:", 2),
        ("b.md:", 1),
        ("2024-11-09-c.md:", 1),
        ("d.md:", 2),
        ("e.md", 0),
    ] {
        assert_eq!(
            count(&stderr, &format!(" --> content/{file}")),
            n,
            "{file}\n{stderr}"
        );
    }
}

#[test]
fn github_format() {
    let (code, stdout, stderr) = several_problems().run(&["check", "--format", "github"]);
    assert_eq!((code, stderr.as_str()), (1, ""));
    assert_eq!(
        (count(&stdout, "::error "), count(&stdout, "::warning ")),
        (4, 2)
    );
    assert_eq!(stdout.lines().count(), 6, "{stdout}");
    for line in stdout.lines() {
        let (_, rest) = line.split_once(' ').expect(line);
        let (props, message) = rest.split_once("::").expect(line);
        let props: Vec<&str> = props.split(',').collect();
        assert!(
            props.len() == 3 && props[0].starts_with("file=content/"),
            "{line}"
        );
        for (prop, name) in props[1..].iter().zip(["line=", "col="]) {
            let number = prop.strip_prefix(name).expect(line);
            assert!(number.parse::<usize>().is_ok_and(|n| n > 0), "{line}");
        }
        assert!(!message.is_empty(), "{line}");
    }
    insta::assert_snapshot!(stdout);
}

#[test]
fn json_format() {
    let (code, stdout, stderr) = several_problems().run(&["check", "--format", "json"]);
    assert_eq!((code, stderr.as_str()), (1, ""));
    let json: serde_json::Value = serde_json::from_str(&stdout).expect("JSON");
    let list = json.as_array().expect("a list");
    assert_eq!(list.len(), 6);
    for item in list {
        let mut keys: Vec<&str> = item
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        keys.sort_unstable();
        assert_eq!(
            keys,
            ["column", "help", "level", "line", "message", "path"],
            "{item}"
        );
        assert!(item["line"].as_u64().is_some_and(|n| n > 0), "{item}");
        assert!(item["column"].as_u64().is_some_and(|n| n > 0), "{item}");
    }
    let status = list
        .iter()
        .find(|d| d["path"] == "content/b.md")
        .expect("b.md");
    assert_eq!(
        (
            status["level"].as_str(),
            status["line"].as_u64(),
            status["column"].as_u64()
        ),
        (Some("error"), Some(7), Some(13))
    );
    assert_eq!(status["message"], "unknown status `finished`");
    assert_eq!(
        status["help"],
        "valid values: `open`, `in-progress`, `blocked`, `done`, `wontfix`, `unknown`"
    );
    let related = list
        .iter()
        .find(|d| d["message"] == "related incident `NOPE` does not exist");
    assert_eq!(related.expect("related warning")["level"], "warning");
}

#[test]
fn failed_build_leaves_the_previous_output_untouched() {
    let site = Site::new(&[("content/mail.md", &toml(""))]);
    let (code, _, stderr) = site.run(&["build"]);
    assert_eq!(code, 0, "{stderr}");
    let page = "public/incidents/mail/index.html";
    let before = site.read(page);
    assert!(before.contains("Body."), "{before}");
    site.write(
        "content/mail.md",
        &toml("severity = \"sev9\"\n").replace("Body.", "Changed."),
    );
    let (code, _, stderr) = site.run(&["build"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("unknown severity `sev9`"), "{stderr}");
    assert!(stderr.contains("public was left untouched"), "{stderr}");
    assert_eq!(site.read(page), before);
    let mut entries: Vec<String> = std::fs::read_dir(site.path())
        .expect("site")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    entries.sort();
    assert_eq!(entries, ["content", "debrief.toml", "public"]);
}

#[test]
fn an_explicit_id_equal_to_another_files_derived_id_is_a_duplicate() {
    let site = Site::new(&[
        (
            "content/foo.md",
            "+++\ntitle = \"Foo\"\ndate = 2024-01-01\n+++\n",
        ),
        (
            "content/bar.md",
            "+++\ntitle = \"Bar\"\nid = \"foo\"\ndate = 2024-01-02\n+++\n",
        ),
    ]);
    let (code, _, stderr) = site.run(&["check"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(stderr.contains("duplicate id `foo`"), "{stderr}");
}

#[test]
fn incident_links_are_checked_wherever_they_are_written() {
    let site = Site::new(&[
        (
            "content/a.md",
            "+++\ntitle = \"A\"\ndate = 2024-01-01\nsummary = \"Like [b](incident:NOPE-1).\"\n+++\n\n## Impact\n\nSee [the other](incident:NOPE-2).\n",
        ),
        (
            "content/b.md",
            "# B\n\n## Timeline\n\n- 2024-01-02 10:00 Same as [a](incident:NOPE-3)\n",
        ),
    ]);
    let (code, _, stderr) = site.run(&["check"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("link to unknown incident `NOPE-1`\n --> content/a.md:4:11"),
        "{stderr}"
    );
    assert!(
        stderr.contains("link to unknown incident `NOPE-2`\n --> content/a.md:9:5"),
        "{stderr}"
    );
    assert!(
        stderr.contains("link to unknown incident `NOPE-3`\n --> content/b.md:5:28"),
        "{stderr}"
    );
}

#[test]
fn a_published_page_linking_to_a_left_out_incident_is_warned_about() {
    let site = Site::new(&[
        (
            "content/a.md",
            "+++\ntitle = \"A\"\ndate = 2024-01-01\n+++\nSee [the draft](incident:b).\n",
        ),
        (
            "content/b.md",
            "+++\ntitle = \"B\"\ndate = 2024-01-02\nstatus = \"draft\"\n+++\nDraft.\n",
        ),
    ]);
    let (code, _, stderr) = site.run(&["build", "--now", "2024-02-01"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(
        stderr.contains("warning: link to `b`, which this build leaves out (draft)"),
        "{stderr}"
    );
    let (code, _, stderr) = site.run(&["build", "--now", "2024-02-01", "--drafts"]);
    assert_eq!(code, 0);
    assert!(!stderr.contains("leaves out"), "{stderr}");
}
