//! Tests of the whole index: ranking read back through an independent reader, determinism, the
//! format pinned by a snapshot, and the fixture index the client's node tests load.

pub(crate) mod corpus;
mod reader;

use super::{Document, build};
use reader::Index;

fn urls(index: &Index, ranked: &[(u32, f64)]) -> Vec<String> {
    ranked
        .iter()
        .map(|&(d, _)| index.card(d)[0].clone())
        .collect()
}

#[test]
fn a_title_match_ranks_above_a_body_match() {
    let mut body = Document {
        id: "A".into(),
        url: "a/".into(),
        title: "Slow logins".into(),
        date: "2024-01-02".into(),
        body: "kafka".into(),
        ..Document::default()
    };
    body.summary = "Short.".into();
    let title = Document {
        id: "B".into(),
        url: "b/".into(),
        title: "Kafka lag".into(),
        date: "2020-01-01".into(),
        body: "Nothing else here at all, just many other words to make it longer.".into(),
        ..Document::default()
    };
    let index = Index::new(build(&[body, title]));
    let ranked = index.rank("kafka");
    assert_eq!(urls(&index, &ranked), ["b/", "a/"]);
    assert!(ranked[0].1 > ranked[1].1);
}

#[test]
fn inflections_meet_at_their_stem_in_both_languages() {
    let index = Index::new(build(&corpus::archive()));
    let ranked = urls(&index, &index.rank("lagringssystemet"));
    // "lagringssystemet" (title), "lagringssystemene" (nb), and "lagringssystem" in an English incident.
    for url in ["incidents/inc-2023-0042/", "incidents/inc-2024-0011/"] {
        assert!(
            ranked.contains(&url.to_string()),
            "{url} missing from {ranked:?}"
        );
    }
    let ranked = urls(&index, &index.rank("outages"));
    assert!(
        ranked.contains(&"incidents/inc-2022-0100/".to_string()),
        "{ranked:?}"
    );
    let ranked = urls(&index, &index.rank("outage"));
    assert_eq!(
        ranked[0], "incidents/inc-2024-0007/",
        "title match first: {ranked:?}"
    );
}

#[test]
fn codes_are_found_whole_and_by_part() {
    let index = Index::new(build(&corpus::archive()));
    assert_eq!(
        urls(&index, &index.rank("ops-412")),
        ["incidents/inc-2024-0007/"]
    );
    assert_eq!(
        urls(&index, &index.rank("inc-2024-0007")),
        ["incidents/inc-2024-0007/"]
    );
    let prod = urls(&index, &index.rank("prod"));
    assert_eq!(prod, ["incidents/inc-2024-0007/"]);
    assert_eq!(index.rank("412").len(), 1);
}

#[test]
fn folded_spellings_lead_to_the_same_term() {
    let index = Index::new(build(&corpus::archive()));
    let exact = index.rank("blåbær");
    assert!(!exact.is_empty());
    assert_eq!(index.rank("blabaer"), exact);
    assert_eq!(index.rank("blaabaer"), exact);
}

/// Every key of a generated archive as a cold one-word query, ranked by the query module (the
/// client's rules): its first screen needs at most two card blocks beyond its shard's lead cards,
/// so entry, metadata, shard and blocks make at most five requests; and every lead card is its
/// document's card.
#[test]
fn every_key_needs_at_most_two_card_blocks_cold() {
    let files = build(&corpus::many(1500));
    let index = Index::new(files.clone());
    let query = crate::search::query::Index::open(files).expect("the index opens");
    let per = index.entry["cards_per_block"].as_u64().unwrap_or(1) as u32;
    assert!(index.entry["card_files"].as_array().map_or(0, Vec::len) > 4);
    let (mut keys, mut spread) = (0, 0);
    for name in index.entry["shard_files"].as_array().expect("shard files") {
        let shard = reader::shard(index.file(name));
        for (doc, title) in &shard.leads {
            assert_eq!(*title, index.card(*doc)[1], "lead {doc}");
        }
        for (key, _) in &shard.keys {
            let options = crate::search::query::Options::default();
            let hits = query.search(key, &options).expect("searches").hits;
            assert!(!hits.is_empty(), "{key} finds nothing");
            let first: Vec<u32> = hits
                .iter()
                .take(super::FIRST_SCREEN)
                .map(|h| h.doc)
                .collect();
            let mut all: Vec<u32> = first.iter().map(|d| d / per).collect();
            all.sort_unstable();
            all.dedup();
            spread += usize::from(all.len() > 2);
            let mut blocks: Vec<u32> = first
                .iter()
                .filter(|&&d| !shard.leads.iter().any(|l| l.0 == d))
                .map(|d| d / per)
                .collect();
            blocks.sort_unstable();
            blocks.dedup();
            assert!(
                blocks.len() <= 2,
                "{key}: first screen {first:?} in blocks {blocks:?}"
            );
            keys += 1;
        }
    }
    // Enough keys, and enough of them spread over more than two blocks, for the check to mean something.
    assert!(keys > 1000 && spread > 50, "{keys} keys, {spread} spread");
}

#[test]
fn stopwords_are_not_indexed() {
    let index = Index::new(build(&corpus::archive()));
    assert!(index.rank("the").is_empty());
    assert!(index.rank("og").is_empty());
    assert!(!index.rank("storage").is_empty());
}

#[test]
fn the_same_documents_in_any_order_give_the_same_bytes() {
    let docs = corpus::archive();
    let mut reversed = docs.clone();
    reversed.reverse();
    let (a, b) = (build(&docs), build(&reversed));
    assert_eq!(a, b);
    assert!(a.windows(2).all(|w| w[0].0 < w[1].0), "sorted by path");
    assert!(a.iter().all(|(p, _)| p.starts_with("search/")));
}

#[test]
fn the_bytes_do_not_depend_on_the_number_of_threads() {
    let docs = corpus::many(1500);
    let on = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .expect("a thread pool");
        pool.install(|| build(&docs))
    };
    let one = on(1);
    assert!(one.len() > 4, "several shards and card blocks");
    // Shards are packed as they are cut, finishing in any order: several test their placing.
    let shards = one.iter().filter(|(path, _)| path.starts_with("search/t-"));
    let n = shards.count();
    assert!(n > 2, "several shards, not {n}");
    assert!(one == on(4), "one thread and four built different files");
    assert!(
        one == build(&docs),
        "one thread and the default pool differ"
    );
}

#[test]
fn file_names_are_content_hashes() {
    let mut docs = corpus::archive();
    let before = build(&docs);
    docs[0].title.push_str(" again");
    let after = build(&docs);
    let names = |files: &[(String, Vec<u8>)]| files.iter().map(|f| f.0.clone()).collect::<Vec<_>>();
    assert_ne!(names(&before), names(&after));
    assert!(names(&after).contains(&super::ENTRY.to_string()));
}

#[test]
fn an_empty_archive_still_has_an_entry() {
    let files = build(&[]);
    let index = Index::new(files);
    assert_eq!(index.entry["docs"], 0);
    assert!(index.rank("anything").is_empty());
}

/// Every file as hex, 32 bytes a line, with the entry as text: the format, pinned.
fn dump(files: &[(String, Vec<u8>)]) -> String {
    let mut out = String::new();
    for (path, bytes) in files {
        out.push_str(&format!("== {path} ({} bytes)\n", bytes.len()));
        if path.ends_with(".json") {
            out.push_str(&String::from_utf8_lossy(bytes));
            continue;
        }
        for line in bytes.chunks(32) {
            let hex: Vec<String> = line.iter().map(|b| format!("{b:02x}")).collect();
            out.push_str(&hex.join(" "));
            out.push('\n');
        }
    }
    out
}

#[test]
fn the_index_format_is_pinned() {
    let docs: Vec<Document> = corpus::archive().into_iter().take(3).collect();
    insta::assert_snapshot!(dump(&build(&docs)));
}

/// The index the node tests in `tests/search_client/` load. Set `DEBRIEF_UPDATE_FIXTURE=1` to rewrite it.
#[test]
fn the_client_fixture_is_up_to_date() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/search_client/fixture");
    let files = build(&corpus::archive());
    if std::env::var_os("DEBRIEF_UPDATE_FIXTURE").is_some() {
        let _ = std::fs::remove_dir_all(&dir);
        for (path, bytes) in &files {
            let path = dir.join(path);
            std::fs::create_dir_all(path.parent().expect("a folder")).expect("writable");
            std::fs::write(path, bytes).expect("writable");
        }
    }
    let mut on_disk: Vec<String> = std::fs::read_dir(dir.join("search"))
        .map(|d| {
            d.flatten()
                .map(|e| format!("search/{}", e.file_name().to_string_lossy()))
                .collect()
        })
        .unwrap_or_default();
    on_disk.sort();
    let names: Vec<String> = files.iter().map(|f| f.0.clone()).collect();
    assert_eq!(
        on_disk, names,
        "run DEBRIEF_UPDATE_FIXTURE=1 cargo test search to rewrite the fixture"
    );
    for (path, bytes) in &files {
        assert_eq!(
            &std::fs::read(dir.join(path)).unwrap_or_default(),
            bytes,
            "{path} is stale"
        );
    }
}
