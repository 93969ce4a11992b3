//! The terminal and the browser rank alike: the Rust query module and the search client in node
//! run the same queries over the committed fixture index (`tests/search_client/fixture/`) and must
//! list the same incidents in the same order with the same scores.
//!
//! Needs `node` on PATH; without it the test is skipped with a message, except under `CI=true`,
//! where a missing node is a failure.

use std::io::Write;
use std::process::{Command, Stdio};

use debrief::search::query::{Filters, Index, Options};
use serde_json::{Value, json};

use crate::support::repo_root;

/// Queries that exercise every lookup rule: inflections, endings, plurals, typos, folds, codes,
/// prefixes, several words, partial matches, stopwords and filters.
const QUERIES: &[&str] = &[
    "lagringssystemet",
    "lagringssystemer",
    "lagringssystemene",
    "outages",
    "outage",
    "failovr",
    "storgae",
    "kafak",
    "kafka",
    "dms",
    "blåbær",
    "blabaer",
    "BLAABAER",
    "blåbærsyltetøy",
    "OPS-412",
    "ops-4120",
    "OPS-41",
    "ops-999",
    "INC-2024-0007",
    "payments-prod-3",
    "prod",
    "412",
    "certif",
    "stor",
    "kafka storage",
    "kafka zebra",
    "the storage",
    "the",
    "",
    "innlogging treg",
    "database failover",
    "årsaken",
    "disk",
    "tls errors renewed",
];

/// Filters to run every query with too: none, a language, a severity.
fn filter_sets() -> Vec<(Value, Filters)> {
    vec![
        (json!({}), Filters::default()),
        (
            json!({"lang": ["nb"]}),
            Filters {
                lang: vec!["nb".into()],
                ..Filters::default()
            },
        ),
        (
            json!({"severity": ["sev1"]}),
            Filters {
                severity: vec!["sev1".into()],
                ..Filters::default()
            },
        ),
    ]
}

fn fixture_index() -> (std::path::PathBuf, Index) {
    let dir = repo_root().join("tests/search_client/fixture/search");
    let files = std::fs::read_dir(&dir)
        .expect("the fixture index")
        .map(|e| {
            let path = e.expect("entry").path();
            let name = path.file_name().expect("name").to_string_lossy();
            (
                format!("search/{name}"),
                std::fs::read(&path).expect("read"),
            )
        });
    let index = Index::open(files).expect("the fixture index opens");
    (dir.join("entry.json"), index)
}

/// Whether node can be run, else why not.
fn node() -> Result<(), String> {
    match Command::new("node").arg("--version").output() {
        Ok(out) if out.status.success() => Ok(()),
        Ok(out) => Err(format!("`node --version` failed: {}", out.status)),
        Err(err) => Err(format!("node is not on PATH ({err})")),
    }
}

#[test]
fn the_terminal_and_the_browser_list_the_same_incidents_in_the_same_order() {
    if let Err(why) = node() {
        assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "CI=true needs node for the search cross-check: {why}"
        );
        eprintln!("skipped the search client cross-check: {why}");
        return;
    }
    let (entry, index) = fixture_index();
    let mut cases = Vec::new();
    for query in QUERIES {
        for prefix in [false, true] {
            for (js, rust) in filter_sets() {
                cases.push((
                    json!({"query": query, "prefix": prefix, "filters": js}),
                    rust,
                ));
            }
        }
    }
    let input: Vec<&Value> = cases.iter().map(|c| &c.0).collect();
    let mut child = Command::new("node")
        .arg(repo_root().join("tests/search_client/rank.js"))
        .arg(&entry)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("node runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(json!(input).to_string().as_bytes())
        .expect("queries written");
    let out = child.wait_with_output().expect("node finishes");
    assert!(
        out.status.success(),
        "rank.js failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    let browser: Vec<Value> = serde_json::from_slice(&out.stdout).expect("JSON from rank.js");
    assert_eq!(browser.len(), cases.len());

    let mut found_any = 0;
    for ((case, filters), js) in cases.iter().zip(&browser) {
        let options = Options {
            prefix: case["prefix"].as_bool().expect("bool"),
            filters: filters.clone(),
        };
        let query = case["query"].as_str().expect("query");
        let results = index.search(query, &options).expect("the query runs");
        let urls: Vec<String> = results
            .hits
            .iter()
            .map(|h| index.card(h.doc).expect("card").url)
            .collect();
        let js_urls: Vec<String> = serde_json::from_value(js["urls"].clone()).expect("urls");
        assert_eq!(urls, js_urls, "{case}");
        assert_eq!(results.partial, js["partial"], "partial for {case}");
        assert_eq!(
            results.unfiltered, js["unfiltered"],
            "unfiltered for {case}"
        );
        for (hit, score) in results
            .hits
            .iter()
            .zip(js["scores"].as_array().expect("scores"))
        {
            let score = score.as_f64().expect("a number");
            assert!(
                (hit.score - score).abs() <= 1e-12 * score.abs().max(1.0),
                "{case}: {} in Rust, {score} in the browser",
                hit.score
            );
        }
        found_any += usize::from(!urls.is_empty());
    }
    assert!(found_any > cases.len() / 2, "most queries find something");
}
