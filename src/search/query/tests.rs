//! Tests of queries over indexes built from small archives: the lookup rules one by one, ranking,
//! filters, and what a damaged index does.

use super::lookup::within_one_edit;
use super::{Filters, Index, IndexError, Options};
use crate::search::{Document, build};

fn doc(id: &str, lang: &str, date: &str, title: &str, body: &str) -> Document {
    Document {
        body: body.into(),
        ..crate::search::tests::corpus::doc(id, lang, date, "sev2", title)
    }
}

fn archive() -> Vec<Document> {
    let mut a = doc(
        "A",
        "en",
        "2024-03-02",
        "Storage outage",
        "Disks filled up. The lagringssystem team helped.",
    );
    a.tickets = vec!["OPS-412".into()];
    a.services = vec!["storage".into(), "payments".into()];
    a.severity = "sev1".into();
    a.open_actions = 2;
    let mut c = doc(
        "C",
        "en",
        "2022-06-01",
        "Certificate expired",
        "Several outages of this kind happened before.",
    );
    c.tickets = vec!["OPS-4120".into()];
    vec![
        a,
        doc(
            "B",
            "nb",
            "2023-11-20",
            "Feil i lagringssystemet",
            "Noen sølte blåbær.",
        ),
        c,
        doc(
            "D",
            "nb",
            "2024-01-15",
            "Treg innlogging",
            "Lagringssystemene var overbelastet.",
        ),
        doc(
            "E",
            "en",
            "2021-09-09",
            "Database failover",
            "Kafka was fine.",
        ),
        doc(
            "F",
            "en",
            "2024-05-05",
            "Kafka consumers lagging",
            "Nothing else.",
        ),
    ]
}

fn open(docs: &[Document]) -> Index {
    Index::open(build(docs)).expect("a built index opens")
}

/// The ids of the results of `query`, best first.
fn ids(index: &Index, query: &str, prefix: bool) -> Vec<String> {
    let options = Options {
        prefix,
        ..Options::default()
    };
    let results = index.search(query, &options).expect("query");
    results
        .hits
        .iter()
        .map(|h| {
            let url = index.card(h.doc).expect("card").url;
            url.trim_start_matches("incidents/")
                .trim_end_matches('/')
                .to_uppercase()
        })
        .collect()
}

#[test]
fn an_inflection_finds_the_other_forms_of_its_word() {
    let index = open(&archive());
    let found = ids(&index, "lagringssystemet", false);
    assert_eq!(found[0], "B", "the title match first: {found:?}");
    for id in ["D", "A"] {
        assert!(found.contains(&id.to_string()), "{id} in {found:?}");
    }
    assert!(
        ids(&index, "lagringssystemer", false).contains(&"A".to_string()),
        "a form nobody wrote is found by its ending"
    );
}

#[test]
fn a_plural_finds_the_singular_and_back() {
    let index = open(&archive());
    assert_eq!(ids(&index, "outages", false), ["A", "C"]);
    assert_eq!(ids(&index, "outage", false), ["A", "C"]);
}

#[test]
fn one_typo_is_forgiven_in_a_long_word_only() {
    let index = open(&archive());
    assert_eq!(ids(&index, "failovr", false), ["E"]);
    assert_eq!(ids(&index, "kafak", false), ids(&index, "kafka", false));
    assert_eq!(ids(&index, "dsk", false), Vec::<String>::new());
    assert!(within_one_edit(b"storage", b"storgae"));
    assert!(within_one_edit(b"kafka", b"kafk") && within_one_edit(b"kafk", b"kafka"));
    assert!(!within_one_edit(b"kafka", b"kfkaa"));
    assert!(!within_one_edit(b"ab", b"ba c"));
}

#[test]
fn a_folded_spelling_finds_blabaer() {
    let index = open(&archive());
    let exact = ids(&index, "blåbær", false);
    assert_eq!(exact, ["B"]);
    assert_eq!(ids(&index, "blabaer", false), exact);
    assert_eq!(ids(&index, "BLAABAER", false), exact);
}

#[test]
fn a_ticket_key_finds_its_incident_and_not_a_longer_key() {
    let index = open(&archive());
    assert_eq!(ids(&index, "OPS-412", false), ["A"]);
    assert_eq!(ids(&index, "ops-4120", false), ["C"]);
    assert_eq!(ids(&index, "OPS-41", true), ["A", "C"]);
    assert_eq!(
        ids(&index, "OPS-41", false),
        ["A"],
        "one typo away from OPS-412"
    );
    assert_eq!(ids(&index, "ops-4", false), ["A", "C"], "its words instead");
    let results = index.search("ops-999", &Options::default()).expect("query");
    assert_eq!(results.words, ["ops", "999"]);
    assert!(results.partial, "no incident has 999");
}

#[test]
fn the_last_word_is_a_prefix_only_when_asked() {
    let index = open(&archive());
    assert_eq!(ids(&index, "certif", true), ["C"]);
    assert_eq!(ids(&index, "certif", false), Vec::<String>::new());
    let results = index
        .search(
            "certif expired",
            &Options {
                prefix: true,
                ..Options::default()
            },
        )
        .expect("query");
    assert!(results.partial, "only the last word is a prefix");
}

#[test]
fn a_title_match_beats_a_body_match_and_equals_go_newest_first() {
    let index = open(&archive());
    assert_eq!(ids(&index, "kafka", false), ["F", "E"]);
    let mut docs = archive();
    docs.push(doc(
        "G",
        "en",
        "2025-01-01",
        "Kafka broker down",
        "Nothing.",
    ));
    let index = open(&docs);
    assert_eq!(ids(&index, "kafka", false), ["G", "F", "E"]);
    let results = index.search("kafka", &Options::default()).expect("query");
    assert!(results.hits[0].score == results.hits[1].score);
    assert!(results.hits[1].score > results.hits[2].score);
}

#[test]
fn every_word_must_match_else_the_best_partial_matches() {
    let index = open(&archive());
    assert_eq!(ids(&index, "kafka consumers", false), ["F"]);
    let results = index
        .search("kafka zebra", &Options::default())
        .expect("query");
    assert!(results.partial);
    assert_eq!(results.hits.len(), 2);
    assert_eq!(
        ids(&index, "the storage", false),
        ids(&index, "storage", false)
    );
    assert!(ids(&index, "the", false).is_empty());
    assert!(ids(&index, "", false).is_empty());
}

#[test]
fn filters_keep_one_language_and_count_what_they_hid() {
    let index = open(&archive());
    let options = Options {
        filters: Filters {
            lang: vec!["nb".into()],
            ..Filters::default()
        },
        ..Options::default()
    };
    let results = index.search("lagringssystemet", &options).expect("query");
    assert_eq!(results.unfiltered, 3);
    let langs: Vec<String> = results
        .hits
        .iter()
        .filter_map(|h| index.facts(h.doc))
        .map(|f| f.lang)
        .collect();
    assert_eq!(langs, ["nb", "nb"]);
    let sev1 = Filters {
        severity: vec!["sev1".into()],
        open: vec![true],
        ..Filters::default()
    };
    let options = Options {
        filters: sev1,
        ..Options::default()
    };
    assert_eq!(index.search("storage", &options).expect("q").hits.len(), 1);
}

#[test]
fn facts_and_cards_come_from_the_metadata_and_the_blocks() {
    let index = open(&archive());
    assert_eq!(index.len(), 6);
    let hit = index
        .search("ops-412", &Options::default())
        .expect("q")
        .hits[0];
    let facts = index.facts(hit.doc).expect("facts");
    assert_eq!(facts.date, "2024-03-02");
    assert_eq!(facts.severity, "sev1");
    assert_eq!(facts.services, ["payments", "storage"]);
    assert_eq!(
        (facts.lang.as_str(), facts.year, facts.open_actions),
        ("en", 2024, 2)
    );
    let card = index.card(hit.doc).expect("card");
    assert_eq!(
        (card.url.as_str(), card.title.as_str()),
        ("incidents/a/", "Storage outage")
    );
    assert!(index.facts(99).is_none());
    assert!(index.card(99).is_err());
}

#[test]
fn an_empty_index_answers_nothing() {
    let index = open(&[]);
    assert!(index.is_empty());
    assert!(
        index
            .search("anything", &Options::default())
            .expect("q")
            .hits
            .is_empty()
    );
}

#[test]
fn a_damaged_index_is_an_error_naming_the_file() {
    let files = build(&archive());
    let shard = files
        .iter()
        .find(|(p, _)| p.starts_with("search/t-"))
        .map(|(p, _)| p.clone())
        .expect("a shard");
    let cut: Vec<(String, Vec<u8>)> = files
        .iter()
        .map(|(p, b)| {
            (
                p.clone(),
                if *p == shard {
                    b[..b.len() / 2].to_vec()
                } else {
                    b.clone()
                },
            )
        })
        .collect();
    let index = Index::open(cut).expect("the entry and metadata are whole");
    let err = index
        .search("storage", &Options::default())
        .expect_err("damaged");
    assert_eq!(err.file, shard, "{err}");
    let without: Vec<_> = files
        .into_iter()
        .filter(|(p, _)| !p.ends_with(".json"))
        .collect();
    let err = Index::open(without).err();
    assert_eq!(err, Some(IndexError::new("search/entry.json", "missing")));
}
