//! A repository of post-mortems holds more than post-mortems: a report saved without `.md` is a
//! warning naming it, notes for writers stay out, and `init` writes the usual ignores.

use crate::support::Site;

const REPORT: &str =
    "# Mail outage\n\n## Summary\n\nMail was down.\n\n## Timeline\n\n- 10:00 Down\n";

#[test]
fn a_report_without_md_is_a_warning_naming_the_file() {
    let site = Site::new(&[
        ("content/2024-01-01-mail.md", REPORT),
        ("content/2024/dns outage.txt", REPORT),
        ("content/2024/webhotell", "---\ntitle: Web\n---\nBody.\n"),
        ("content/notes.txt", "Call the vendor on Monday.\n"),
        (
            "content/diagram.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        ),
    ]);
    let (code, _, stderr) = site.run(&["check"]);
    assert_eq!(code, 0, "{stderr}");
    let message = "warning: this file looks like a post-mortem but is not read as one: its name does not end in `.md`";
    assert_eq!(stderr.matches(message).count(), 2, "{stderr}");
    assert!(
        stderr.contains("--> content/2024/dns outage.txt\n")
            && stderr.contains("rename it to `dns outage.md` to publish it as a post-mortem, or list it in `ignore`"),
        "{stderr}"
    );
    assert!(stderr.contains("--> content/2024/webhotell\n"), "{stderr}");
    assert!(!stderr.contains("rename it to `notes.md`"), "{stderr}");
}

#[test]
fn init_writes_the_usual_ignores() {
    let dir = tempfile::TempDir::new().expect("temp dir");
    let root = dir.path().join("site");
    let mut init = assert_cmd::Command::cargo_bin("debrief").expect("binary");
    init.arg("init").arg(&root).assert().success();
    let gitignore = std::fs::read_to_string(root.join(".gitignore")).expect(".gitignore");
    assert!(gitignore.lines().any(|l| l == "/public/"), "{gitignore}");
    // Notes for writers beside the reports are not read as reports.
    std::fs::write(root.join("content/README.md"), REPORT).expect("readme");
    std::fs::write(root.join("content/LICENSE.txt"), REPORT).expect("license");
    let mut check = assert_cmd::Command::cargo_bin("debrief").expect("binary");
    let output = check
        .arg("-C")
        .arg(&root)
        .arg("check")
        .output()
        .expect("check");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(output.status.success(), "{stderr}");
    assert!(
        stderr.ends_with("checked 1 file: 0 errors, 0 warnings\n"),
        "{stderr}"
    );
}
