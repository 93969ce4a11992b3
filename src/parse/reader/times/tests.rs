//! Times read from a whole file: a local time the clocks skip is warned about wherever it is
//! written, in `[times]`, in front-matter `[[timeline]]` entries or in the Timeline section.

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diagnostic::{Level, Problem};
use crate::parse::source::Source;

/// The problems of reading `text` as `content/x.md` of a site in `Europe/Oslo`.
fn problems_of(text: &str) -> Vec<Problem> {
    let config = Config::parse(
        Path::new("."),
        "title = \"T\"\ntimezone = \"Europe/Oslo\"\n",
    )
    .expect("config");
    let source = Source {
        path: PathBuf::from("content/x.md"),
        rel: "x.md".into(),
        text: text.into(),
    };
    let mut problems = Vec::new();
    crate::parse::reader::read(&source, &config, &mut problems).expect("read");
    problems
}

/// What each problem of `text` points at, and whether each says the time does not exist.
fn warned_at(text: &str) -> Vec<&str> {
    problems_of(text)
        .iter()
        .map(|p| {
            assert_eq!(p.level, Level::Warning, "{p:?}");
            assert!(
                p.message
                    .contains("2024-03-31 02:30 does not exist in Europe/Oslo"),
                "{p:?}"
            );
            &text[p.span.clone()]
        })
        .map(|s| s.trim_matches('"'))
        .collect()
}

#[test]
fn toml_front_matter_times_in_the_spring_gap_warn() {
    let text = "+++\ntitle = \"Gap\"\ndate = 2024-03-31\n\n[times]\nstarted = 2024-03-31T02:30:00\n\n\
                [[timeline]]\nat = 2024-03-31T02:30:00\ntext = \"Native\"\n\n\
                [[timeline]]\nat = \"2024-03-31T02:30\"\ntext = \"Quoted\"\n+++\nBody.\n";
    assert_eq!(
        warned_at(text),
        [
            "2024-03-31T02:30:00",
            "2024-03-31T02:30:00",
            "2024-03-31T02:30"
        ]
    );
}

#[test]
fn yaml_front_matter_and_section_times_in_the_spring_gap_warn() {
    let front = "---\ntitle: Gap\ndate: 2024-03-31\ntimeline:\n  - at: 2024-03-31T02:30\n    text: In the gap\n---\n";
    assert_eq!(warned_at(front), ["2024-03-31T02:30"]);
    let section = "---\ntitle: Gap\ndate: 2024-03-31\n---\n## Timeline\n\n- 2024-03-31T02:30 In the gap\n- 2024-03-31T03:30 After it\n";
    assert_eq!(warned_at(section), ["2024-03-31T02:30"]);
}

#[test]
fn a_draft_may_lack_a_date_but_a_published_report_may_not() {
    let draft = problems_of("+++\ntitle = \"Still writing\"\nstatus = \"draft\"\n+++\nBody.\n");
    assert_eq!(draft.len(), 1, "{draft:?}");
    assert_eq!(draft[0].level, Level::Warning);
    assert!(draft[0].message.contains("draft has no date"));
    let published = problems_of("+++\ntitle = \"Done\"\n+++\nBody.\n");
    assert_eq!(published.len(), 1, "{published:?}");
    assert_eq!(published[0].level, Level::Error);
    assert!(published[0].message.contains("has no date"));
}

#[test]
fn a_partial_date_is_in_order_with_the_days_inside_it() {
    let text = "+++\ntitle = \"Old\"\ndate = \"2014-03\"\n\n[times]\nstarted = 2014-03-20\nresolved = \"2014-03\"\n+++\nBody.\n";
    assert!(problems_of(text).is_empty(), "{:?}", problems_of(text));
    let late = "+++\ntitle = \"Old\"\n\n[times]\nstarted = 2014-04-02\nresolved = \"2014-03\"\n+++\nBody.\n";
    let problems = problems_of(late);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0]
            .message
            .contains("`resolved` is before `started`")
    );
}
