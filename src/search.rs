//! The full-text search index: built here at build time, read in the browser by
//! `themes/default/static/search.js`, served as plain static files (format in `docs/search.md`).
//!
//! This wing only reads the linked site: [`from_site`] copies each incident into a plain
//! [`Document`], and [`build`] turns the documents into every file of the index; [`query`] answers
//! queries over those files from Rust, by the client's rules.

mod bits;
mod cards;
mod deflate;
mod document;
mod entry;
pub(crate) mod fasthash;
pub mod from_site;
mod gather;
mod grain;
mod huffman;
mod inflate;
mod inverted;
mod leads;
mod lz77;
mod merge;
mod meta;
mod postings;
pub mod query;
mod score;
mod shards;
mod stopwords;
mod text;
mod vocabulary;
mod word_caches;

#[cfg(test)]
mod tests;

use rayon::prelude::*;

use crate::util::free::free;

pub use document::{Document, Field};
pub use text::{Piece, canonical, fold_aa, normalise, pieces};
pub use vocabulary::{Language, Vocabulary};

/// Path of the entry file, the one file of the index with a fixed name; the search page points
/// its `data-index` attribute here.
pub const ENTRY: &str = "search/entry.json";
/// How many results the first screen shows; each key's shard carries the cards of its best this
/// many that lie outside the two card blocks holding most of them.
pub const FIRST_SCREEN: usize = 5;

/// Builds the index for `docs`: every file as (path under the site root, starting with `search/`,
/// bytes), sorted by path. The same documents in any order give the same bytes, on any number of
/// threads: the work is spread over the current rayon pool.
pub fn build(docs: &[Document]) -> Vec<(String, Vec<u8>)> {
    let order = inverted::result_order(docs);
    let ordered: Vec<&Document> = order.iter().map(|&i| &docs[i]).collect();
    // What needs no terms is made beside the tokenising, on whichever thread is free, and the keys
    // are sorted beside the scoring.
    let (inverted, side) = rayon::join(
        || inverted::invert(docs, &order, shards::sort_keys),
        || beside_terms(&ordered),
    );
    let inverted::Inverted {
        postings: lists,
        keys: (keys, folds),
    } = inverted;
    let Side {
        facets,
        meta: (meta_name, meta_bytes),
        records,
        per,
        blocks,
    } = side;
    let screens = leads::first_screens(
        &keys,
        &folds,
        &lists,
        ordered.len(),
        FIRST_SCREEN,
        score::STEPS,
    );
    let budget = leads::lead_budget(ordered.len());
    // Choosing the leads takes one thread; the postings are encoded beside it.
    let (leads, encoded) = rayon::join(
        || leads::choose(&keys, &folds, &screens, budget, per),
        || {
            let lists = lists.par_iter().with_max_len(grain::most(lists.len()));
            lists.map(|p| postings::encode(p)).collect::<Vec<_>>()
        },
    );
    // The postings as pairs go while the shards are cut.
    let (shards, ()) = rayon::join(
        || {
            shards::cut(&shards::Parts {
                keys: &keys,
                folds: &folds,
                postings: &encoded,
                leads: &leads,
                cards: &records,
            })
        },
        || drop((lists, screens)),
    );
    // The tables the shards were cut from (hundreds of thousands of keys at 10,000 incidents) are
    // freed on every thread, beside the naming of the shards, instead of one by one at the end.
    let (shard_files, ()) = rayon::join(
        || {
            let shards = shards.par_iter();
            shards
                .map(|s| entry::hashed_name("t-", &s.bytes))
                .collect::<Vec<String>>()
        },
        || {
            // Each list is freed on every thread in turn.
            free(keys);
            free(folds);
            free(encoded);
            free(leads);
            free(records);
        },
    );
    let entry = entry::Entry {
        format: entry::FORMAT,
        docs: ordered.len(),
        meta: meta_name.clone(),
        shards: shards.iter().map(|s| s.first.as_str()).collect(),
        shard_files: shard_files.clone(),
        cards_per_block: per,
        card_files: blocks.iter().map(|b| b.0.clone()).collect(),
        leads: FIRST_SCREEN,
        lead_min_docs: leads::LEAD_MIN_DF,
        score_steps: score::STEPS,
        facets: entry::FacetTables::of(&facets),
        stopwords: entry::StopwordLists::default(),
    };
    let mut json = serde_json::to_vec(&entry).unwrap_or_default();
    json.push(b'\n');
    let mut files = vec![
        (ENTRY.to_string(), json),
        (format!("search/{meta_name}"), meta_bytes),
    ];
    for (name, shard) in shard_files.into_iter().zip(shards) {
        files.push((format!("search/{name}"), shard.bytes));
    }
    for (name, block) in blocks {
        files.push((format!("search/{name}"), block));
    }
    files.sort_by(|a, b| a.0.cmp(&b.0));
    files
}

/// What [`build`] makes from the documents alone, beside the tokenising.
struct Side {
    /// The facet tables.
    facets: meta::Facets,
    /// The metadata file's name and bytes.
    meta: (String, Vec<u8>),
    /// Each document's card record, by document number.
    records: Vec<Vec<u8>>,
    /// Cards per block.
    per: usize,
    /// Each card block's file name and bytes, in document order.
    blocks: Vec<(String, Vec<u8>)>,
}

/// The files and parts of [`build`] that need no terms, from the documents in result order, made
/// on every thread.
fn beside_terms(ordered: &[&Document]) -> Side {
    let ((facets, meta), (records, per, blocks)) = rayon::join(
        || {
            let facets = meta::Facets::of(ordered.iter().copied());
            let bytes = meta::encode(ordered, &facets);
            (facets, (entry::hashed_name("m-", &bytes), bytes))
        },
        || {
            let records: Vec<Vec<u8>> = ordered
                .par_iter()
                .with_max_len(grain::most(ordered.len()))
                .map(|d| cards::record(d))
                .collect();
            let per = cards::per_block(&records);
            let blocks = cards::blocks(&records, per).into_par_iter();
            let blocks = blocks.map(|b| (entry::hashed_name("c-", &b), b)).collect();
            (records, per, blocks)
        },
    );
    Side {
        facets,
        meta,
        records,
        per,
        blocks,
    }
}
