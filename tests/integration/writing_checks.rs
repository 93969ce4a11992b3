//! Writing checks: a repeated paragraph, placeholder text and a published report without a root
//! cause or actions are warnings at their line, and each can be turned off under `[checks]`.

use crate::support::Site;

const CONFIG: &str = "title = \"A\"\ntimezone = \"Europe/Oslo\"\n";

const PARAGRAPH: &str = "The cache node failed and every request went to the database instead.";

/// A published YAML report with a repeated paragraph (lines 9 and 13), placeholders in the front
/// matter (line 3) and the body (line 11), and neither a root cause nor actions.
fn report() -> String {
    format!(
        "---\ntitle: Cache outage\nsummary: TBD\ndate: 2024-11-07\n---\n# Cache outage\n\n## Impact\n\
         {PARAGRAPH}\n\nThe alert fired at XX:XX.\n\n{PARAGRAPH}\n"
    )
}

fn check(config: &str) -> String {
    let site = Site::new(&[("content/a.md", &report())]);
    site.write("debrief.toml", config);
    let (code, _, stderr) = site.run(&["check"]);
    assert_eq!(code, 0, "warnings only: {stderr}");
    stderr
}

/// `(message, place)` of every warning.
fn warnings(stderr: &str) -> Vec<(String, String)> {
    let lines: Vec<&str> = stderr.lines().collect();
    lines
        .iter()
        .enumerate()
        .filter_map(|(i, line)| {
            let message = line.strip_prefix("warning: ")?;
            let place = lines.get(i + 1)?.trim().strip_prefix("--> ")?;
            Some((message.to_string(), place.to_string()))
        })
        .collect()
}

#[test]
fn each_writing_check_fires_at_its_line() {
    let found = warnings(&check(CONFIG));
    let expected = [
        (
            "the post-mortem is published but has no action items",
            "content/a.md:1:1",
        ),
        (
            "the post-mortem is published but has no root cause",
            "content/a.md:1:1",
        ),
        ("placeholder text `TBD`", "content/a.md:3:10"),
        ("placeholder text `XX:XX`", "content/a.md:11:20"),
        (
            "this paragraph repeats one above word for word (line 9)",
            "content/a.md:13:1",
        ),
    ];
    let expected: Vec<(String, String)> = expected
        .iter()
        .map(|(m, p)| (m.to_string(), p.to_string()))
        .collect();
    assert_eq!(found, expected);
}

#[test]
fn each_writing_check_can_be_turned_off() {
    let all = warnings(&check(CONFIG)).len();
    for (name, gone) in [
        ("repeated_paragraph", 1),
        ("placeholder", 2),
        ("published_without_root_cause", 1),
        ("published_without_actions", 1),
    ] {
        let stderr = check(&format!("{CONFIG}[checks]\n{name} = false\n"));
        assert_eq!(warnings(&stderr).len(), all - gone, "{name}: {stderr}");
        assert!(!stderr.contains(&format!("`{name} = false`")), "{stderr}");
    }
}

#[test]
fn a_report_that_is_not_published_needs_no_root_cause_yet() {
    let site = Site::new(&[(
        "content/a.md",
        "+++\ntitle = \"A\"\ndate = 2024-11-07\nstatus = \"draft\"\n+++\nBody.\n",
    )]);
    site.write("debrief.toml", CONFIG);
    let (code, _, stderr) = site.run(&["check", "--strict"]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn an_unknown_check_name_is_an_error_in_the_config() {
    let site = Site::new(&[]);
    site.write(
        "debrief.toml",
        &format!("{CONFIG}[checks]\nrepeated_paragraphs = false\n"),
    );
    let (code, _, stderr) = site.run(&["check"]);
    assert_eq!(code, 1);
    assert!(
        stderr.contains("repeated_paragraphs") && stderr.contains("debrief.toml:4"),
        "{stderr}"
    );
}
