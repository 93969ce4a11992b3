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
mod fasthash;
pub mod from_site;
mod grain;
mod huffman;
mod inflate;
mod inverted;
mod leads;
mod merge;
mod meta;
mod postings;
pub mod query;
mod score;
mod shards;
mod stopwords;
mod text;
mod vocabulary;

#[cfg(test)]
mod tests;

use rayon::prelude::*;

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
    let inverted::Inverted {
        order,
        postings: lists,
        keys,
    } = inverted::invert(docs);
    let ordered: Vec<&Document> = order.iter().map(|&i| &docs[i]).collect();
    let records: Vec<Vec<u8>> = ordered
        .par_iter()
        .with_max_len(grain::most(ordered.len()))
        .map(|d| cards::record(d))
        .collect();
    let per = cards::per_block(&records);
    let (keys, folds) = shards::sort_keys(keys);
    let screens = leads::first_screens(
        &keys,
        &folds,
        &lists,
        ordered.len(),
        FIRST_SCREEN,
        score::STEPS,
    );
    let budget = leads::lead_budget(ordered.len());
    // Choosing the leads takes one thread; everything else that does not need them goes beside it.
    let (leads, side) = rayon::join(
        || leads::choose(&keys, &folds, &screens, budget, per),
        || beside_leads(&ordered, &records, per, &lists),
    );
    let Side {
        facets,
        meta: (meta_name, meta_bytes),
        blocks,
        postings: encoded,
    } = side;
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
    let shard_files: Vec<String> = shards
        .par_iter()
        .map(|s| entry::hashed_name("t-", &s.bytes))
        .collect();
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

/// What [`build`] makes beside choosing the leads, from the documents in result order, their card
/// records, the cards per block and every term's postings.
struct Side {
    /// The facet tables.
    facets: meta::Facets,
    /// The metadata file's name and bytes.
    meta: (String, Vec<u8>),
    /// Each card block's file name and bytes, in document order.
    blocks: Vec<(String, Vec<u8>)>,
    /// Each term's encoded postings, by term id.
    postings: Vec<Vec<u8>>,
}

/// The files and parts of [`build`] that do not need the leads, made on every thread.
fn beside_leads(
    ordered: &[&Document],
    records: &[Vec<u8>],
    per: usize,
    lists: &[Vec<(u32, u8)>],
) -> Side {
    let (((facets, meta), blocks), postings) = rayon::join(
        || {
            rayon::join(
                || {
                    let facets = meta::Facets::of(ordered.iter().copied());
                    let bytes = meta::encode(ordered, &facets);
                    (facets, (entry::hashed_name("m-", &bytes), bytes))
                },
                || {
                    let blocks = cards::blocks(records, per).into_par_iter();
                    blocks.map(|b| (entry::hashed_name("c-", &b), b)).collect()
                },
            )
        },
        || {
            let lists = lists.par_iter().with_max_len(grain::most(lists.len()));
            lists.map(|p| postings::encode(p)).collect()
        },
    );
    Side {
        facets,
        meta,
        blocks,
        postings,
    }
}
