//! `debrief search`: the site's search in the terminal, as a table cut to the terminal's width or
//! as JSON, ranked as the search page ranks, with the site selection of `build`.

use crate::support::Site;

const OUTAGE: &str = "+++
title = \"Storage outage in payments\"
id = \"INC-1\"
date = 2024-03-02
severity = \"sev1\"
services = [\"storage\", \"payments\"]
+++
## Summary

The disks filled up and payments failed.
";

const KAFKA: &str = "+++
title = \"Kafka consumers lagging\"
id = \"INC-2\"
date = 2025-01-10
services = [\"kafka\"]
+++
## Summary

Consumers fell behind. Storage was fine.
";

const LAGRING: &str = "+++
title = \"Feil i lagringssystemet\"
id = \"INC-3\"
date = 2023-11-20
severity = \"sev2\"
lang = \"nb\"
+++
## Sammendrag

Lagringssystemene var trege, og kunder fikk feilmeldinger.
";

const DRAFT: &str = "+++
title = \"Storage quota draft\"
id = \"INC-4\"
date = 2025-02-01
status = \"draft\"
+++
Not published yet.
";

fn site() -> Site {
    Site::new(&[
        ("content/outage.md", OUTAGE),
        ("content/kafka.md", KAFKA),
        ("content/lagring.md", LAGRING),
        ("content/draft.md", DRAFT),
    ])
}

/// The ids in a table, top to bottom.
fn table_ids(out: &str) -> Vec<String> {
    out.lines()
        .skip(1)
        .map(|l| l.split_whitespace().nth(1).expect("an id").to_string())
        .collect()
}

#[test]
fn the_table_lists_rank_id_date_severity_and_title_best_first() {
    let (code, out, err) = site().run(&["search", "storage"]);
    assert_eq!(code, 0, "{err}");
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(
        lines[0].split_whitespace().collect::<Vec<_>>(),
        ["#", "ID", "DATE", "SEVERITY", "TITLE"]
    );
    assert_eq!(
        lines[1].split_whitespace().collect::<Vec<_>>(),
        [
            "1",
            "INC-1",
            "2024-03-02",
            "sev1",
            "Storage",
            "outage",
            "in",
            "payments"
        ],
        "the title match first, though older"
    );
    assert_eq!(
        table_ids(&out),
        ["INC-1", "INC-2"],
        "drafts are left out: {out}"
    );
    assert!(lines[2].contains(" - "), "no severity is a dash: {out}");
    assert!(err.is_empty(), "nothing to note: {err}");
    assert!(!out.contains('\u{1b}'), "no colour when not on a terminal");
}

#[test]
fn json_lists_each_result_with_its_url_and_score() {
    let (code, out, _) = site().run(&["search", "storage", "--format", "json"]);
    assert_eq!(code, 0);
    let list: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    let list = list.as_array().expect("a list");
    assert_eq!(list.len(), 2);
    let first = &list[0];
    assert_eq!(first["id"], "INC-1");
    assert_eq!(first["url"], "https://status.example.com/incidents/outage/");
    assert_eq!(first["title"], "Storage outage in payments");
    assert_eq!(first["date"], "2024-03-02");
    assert_eq!(first["severity"], "sev1");
    assert_eq!(
        first["services"],
        serde_json::json!(["payments", "storage"])
    );
    assert_eq!(list[1]["severity"], serde_json::Value::Null);
    let (a, b) = (first["score"].as_f64(), list[1]["score"].as_f64());
    assert!(a > b && b > Some(0.0), "{a:?} > {b:?}");
}

#[test]
fn inflections_folds_and_the_last_word_as_a_prefix_find_incidents() {
    let site = site();
    let ids = |args: &[&str]| {
        let (code, out, err) = site.run(args);
        assert_eq!(code, 0, "{err}");
        table_ids(&out)
    };
    assert_eq!(ids(&["search", "lagringssystemet"]), ["INC-3"]);
    assert_eq!(
        ids(&["search", "LAGRINGSSYSTEMER"]),
        ["INC-3"],
        "by its ending"
    );
    assert_eq!(ids(&["search", "kafak"]), ["INC-2"], "one typo");
    assert_eq!(
        ids(&["search", "consum"]),
        ["INC-2"],
        "the last word while typing"
    );
    assert_eq!(
        ids(&["search", "disks", "payments"]),
        ["INC-1"],
        "several words"
    );
    assert_eq!(ids(&["search", "inc-2"]), ["INC-2"], "an id");
    assert_eq!(
        ids(&["search", "storage", "--drafts"]),
        ["INC-1", "INC-4", "INC-2"],
        "drafts with --drafts, as build"
    );
}

#[test]
fn lang_keeps_one_language_and_says_what_it_hid() {
    let site = site();
    let (code, out, _) = site.run(&["search", "lagringssystemene", "--lang", "nb"]);
    assert_eq!(code, 0);
    assert_eq!(table_ids(&out), ["INC-3"]);
    let (code, out, err) = site.run(&["search", "storage", "--lang", "nb"]);
    assert_eq!(code, 0, "zero results are not a failure");
    assert_eq!(out, "");
    assert_eq!(
        err.trim(),
        "no incident in `nb` matches \"storage\"; 2 incidents in other languages (leave out --lang)"
    );
    let (code, out, _) = site.run(&["search", "storage", "--lang", "EN", "--format", "json"]);
    assert_eq!(code, 0);
    let list: serde_json::Value = serde_json::from_str(&out).expect("JSON");
    assert_eq!(list.as_array().map(Vec::len), Some(2));
}

#[test]
fn nothing_found_exits_0_with_a_message_on_stderr() {
    let site = site();
    let (code, out, err) = site.run(&["search", "zebra"]);
    assert_eq!((code, out.as_str()), (0, ""));
    assert_eq!(err.trim(), "no incident matches \"zebra\"");
    let (code, out, _) = site.run(&["search", "zebra", "--format", "json"]);
    assert_eq!((code, out.trim()), (0, "[]"));
    let (code, out, err) = site.run(&["search", "kafka", "zebra"]);
    assert_eq!(code, 0);
    assert_eq!(table_ids(&out), ["INC-2"]);
    assert!(err.contains("no incident matches every word"), "{err}");
}

#[test]
fn limit_cuts_the_list_and_says_so() {
    let (code, out, err) = site().run(&["search", "storage", "--limit", "1"]);
    assert_eq!(code, 0);
    assert_eq!(table_ids(&out), ["INC-1"]);
    assert_eq!(
        err.trim(),
        "the best 1 of 2 results; --limit 2 lists them all"
    );
}

#[test]
fn bad_usage_exits_2() {
    let site = site();
    for args in [
        vec!["search"],
        vec!["search", "x", "--format", "xml"],
        vec!["search", "x", "--limit", "0"],
        vec!["search", "x", "--limit", "many"],
        vec!["search", "x", "--audience", "everyone"],
    ] {
        let (code, out, err) = site.run(&args);
        assert_eq!(code, 2, "{args:?}: {err}");
        assert!(out.is_empty() && err.contains("error"), "{args:?}: {err}");
    }
    let (code, _, err) = site.run(&["search", "!", "-"]);
    assert_eq!(code, 2);
    assert!(err.contains("no words to search for"), "{err}");
}

#[test]
fn content_errors_exit_1_and_are_printed() {
    let site = site();
    site.write(
        "content/bad.md",
        "+++\ntitle = \"Bad\"\ndate = 2024-01-01\nseverity = \"sev9\"\n+++\nBody.\n",
    );
    let (code, out, err) = site.run(&["search", "storage"]);
    assert_eq!(code, 1, "{err}");
    assert!(out.is_empty());
    assert!(err.contains("content/bad.md:4:"), "{err}");
}

#[test]
fn the_table_is_cut_to_the_terminal_width() {
    use debrief::commands::search::{Found, table};
    let found = |id: &str, title: &str| Found {
        id: id.into(),
        url: String::new(),
        title: title.into(),
        date: "2024-03-02".into(),
        severity: Some("sev1".into()),
        services: Vec::new(),
        score: 1.0,
    };
    let list = [
        found(
            "INC-1",
            "A very long title about a storage outage that went on for hours",
        ),
        found("INC-22", "Short"),
    ];
    let whole = table(&list, None);
    assert!(whole.contains("went on for hours"), "{whole}");
    let cut = table(&list, Some(50));
    for line in cut.lines() {
        let line = console::strip_ansi_codes(line);
        assert!(console::measure_text_width(&line) <= 50, "{line:?}");
    }
    assert!(cut.contains("A very long titl…\n"), "{cut}");
    assert!(
        cut.lines().nth(2).is_some_and(|l| l.ends_with("Short")),
        "{cut}"
    );
}

#[test]
fn the_command_ranks_the_index_that_build_publishes() {
    use debrief::search::query::{Index, Options};
    let site = crate::support::fixture("basic");
    site.debrief(&["build", "--now", "2025-07-15"])
        .assert()
        .success();
    let dir = site.path().join("public/search");
    let files = std::fs::read_dir(&dir).expect("search/").map(|e| {
        let path = e.expect("entry").path();
        let name = path.file_name().expect("name").to_string_lossy();
        (
            format!("search/{name}"),
            std::fs::read(&path).expect("read"),
        )
    });
    let published = Index::open(files.filter(|(p, _)| p.ends_with(".bin") || p.ends_with(".json")))
        .expect("the published index opens");
    let options = Options {
        prefix: true,
        ..Options::default()
    };
    for query in [
        "storage",
        "lagringssystem",
        "cache latency",
        "gjennomgå",
        "sev",
    ] {
        let results = published.search(query, &options).expect("query");
        let expected: Vec<String> = results
            .hits
            .iter()
            .map(|h| {
                let url = published.card(h.doc).expect("card").url;
                format!("https://status.example.com/archive/{url}")
            })
            .collect();
        let (code, out, err) =
            site.run(&["search", query, "--now", "2025-07-15", "--format", "json"]);
        assert_eq!(code, 0, "{err}");
        let list: Vec<serde_json::Value> = serde_json::from_str(&out).expect("JSON");
        let urls: Vec<&str> = list.iter().filter_map(|r| r["url"].as_str()).collect();
        assert_eq!(urls, expected, "{query}");
    }
    let (_, out, _) = site.run(&["search", "storage", "--format", "json"]);
    assert!(out.contains("Storage degradation"), "{out}");
}

#[test]
fn control_characters_in_a_title_never_reach_the_terminal() {
    let site = site();
    site.write(
        "content/evil.md",
        "+++\ntitle = \"Storage \\u001b[2J\\u001b]0;owned\\u0007 wiped\\tscreen\"\ndate = 2024-01-01\n+++\nBody.\n",
    );
    let (code, out, err) = site.run(&["search", "wiped"]);
    assert_eq!(code, 0, "{err}");
    assert!(!out.chars().any(|c| c.is_control() && c != '\n'), "{out:?}");
    assert!(
        out.contains("Storage �[2J�]0;owned� wiped screen"),
        "{out:?}"
    );
    let (_, json, _) = site.run(&["search", "wiped", "--format", "json"]);
    assert!(
        json.contains(r"Storage \u001b[2J"),
        "JSON keeps the title, escaped: {json}"
    );
}
