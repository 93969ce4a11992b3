//! Files are read and parsed in parallel while `content/` is walked: what they report still comes
//! in path order, every file's problems together, and a second run says the same.

use crate::support::Site;

/// A site of many post-mortems in nested folders, every fifth without a date, every seventh not
/// UTF-8, and one asset named so it cannot be published.
fn site() -> Site {
    let site = Site::new(&[]);
    for folder in ["2023", "2024/q1", "2024/q2", "archive"] {
        for n in 0..30 {
            let rel = format!("content/{folder}/{}-{n:02}.md", folder.replace('/', "-"));
            if n % 7 == 3 {
                site.write_bytes(&rel, b"# Outage\n\nThe caf\xe9 was closed.\n");
            } else if n % 5 == 1 {
                site.write(&rel, "# Outage\n\nNo date anywhere.\n");
            } else {
                site.write(&rel, &format!("+++\ntitle = \"Outage {n}\"\ndate = 2024-11-07\nseverity = \"SEV9\"\n+++\nBody.\n"));
            }
        }
    }
    site.write("content/2024/q1/bad\\name.png", "png");
    site
}

/// The file of each problem (`::error file=PATH,line=…::…`), in the order printed.
fn located(printed: &str) -> Vec<String> {
    printed
        .lines()
        .filter_map(|line| line.split_once(" file=").map(|(_, rest)| rest))
        .map(|rest| rest.split([',', ':']).next().unwrap_or(rest).to_string())
        .collect()
}

#[test]
fn problems_of_many_files_are_reported_in_path_order() {
    let site = site();
    let (code, stdout, stderr) = site.run(&["check", "--format", "github"]);
    let printed = format!("{stdout}{stderr}");
    assert_eq!(code, 1, "{stderr}");
    assert!(printed.contains("not valid UTF-8") && printed.contains("no date"));
    let paths = located(&printed);
    let mut sorted = paths.clone();
    sorted.sort();
    assert_eq!(paths, sorted, "{printed}");
    // Every file has a problem: a date, an encoding or a severity, and the asset its name.
    sorted.dedup();
    assert_eq!(sorted.len(), 4 * 30 + 1, "{printed}");
    let (_, out, err) = site.run(&["check", "--format", "github"]);
    assert_eq!(
        format!("{out}{err}"),
        printed,
        "the same problems in the same order on every run"
    );
}
