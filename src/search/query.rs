//! Queries over a built index from Rust, by the rules of the browser's client
//! (`themes/default/static/search.js`), so `debrief search` in a terminal lists the same incidents
//! in the same order as the search page.
//!
//! The index is read from its files (any map of path → bytes, such as what
//! [`crate::search::build`] returns), one shard at a time as queries need them. Words are
//! tokenised and folded by the builder's own [`crate::search::normalise`], [`crate::search::pieces`]
//! and [`crate::search::canonical`]; lookup, scoring and combining follow the client line for line
//! (see *Queries* in `docs/search.md`), and a test checks both against the fixture index.

mod files;
mod lookup;
pub(crate) mod rank;
mod read;
#[cfg(test)]
mod tests;

use std::collections::{BTreeMap, HashSet};
use std::sync::OnceLock;

pub use files::Card;
pub use rank::{Filters, Hit};
pub use read::IndexError;

use crate::search::ENTRY;
use lookup::{Reach, Word};

/// How to run a query.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The last word may be the start of a longer word, as the search page assumes while typing.
    pub prefix: bool,
    /// Only documents with these facet values; applied after ranking, as on the search page.
    pub filters: Filters,
}

/// What a query found.
#[derive(Debug, Clone, PartialEq)]
pub struct Results {
    /// The documents that pass the filters, best first.
    pub hits: Vec<Hit>,
    /// How many documents matched before the filters.
    pub unfiltered: usize,
    /// No document matched every word, so these match only some.
    pub partial: bool,
    /// The words looked up, normalised (a code's words when the code itself matched nothing).
    pub words: Vec<String>,
}

/// What the metadata table knows about one document.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facts {
    /// Its date, `YYYY-MM-DD`, or empty when it has none.
    pub date: String,
    /// Its severity, or empty.
    pub severity: String,
    /// Its services.
    pub services: Vec<String>,
    /// Its language code.
    pub lang: String,
    /// Its year facet.
    pub year: i32,
    /// How many of its action items are open.
    pub open_actions: u64,
}

/// A term a query word reached: which shard, which term in it, and how.
#[derive(Debug, Clone, Copy)]
struct Match {
    shard: usize,
    term: usize,
    reach: Reach,
}

/// A built index, ready for queries.
pub struct Index {
    files: BTreeMap<String, Vec<u8>>,
    entry: files::Entry,
    rows: Vec<files::Row>,
    stopwords: HashSet<String>,
    shards: Vec<OnceLock<Result<files::Shard, IndexError>>>,
}

impl Index {
    /// Opens an index from its files (path under the site root, such as `search/entry.json`, and
    /// bytes): reads the entry and the metadata table; shards are read when a query needs them.
    pub fn open(files: impl IntoIterator<Item = (String, Vec<u8>)>) -> Result<Self, IndexError> {
        let files: BTreeMap<String, Vec<u8>> = files.into_iter().collect();
        let bytes = files
            .get(ENTRY)
            .ok_or_else(|| IndexError::new(ENTRY, "missing"))?;
        let entry = files::entry(ENTRY, bytes)?;
        let (path, bytes) = file(&files, &entry.meta)?;
        let rows = files::meta(&path, bytes, &entry)?;
        let stopwords = entry.stopwords.values().flatten().cloned().collect();
        let shards = entry.shards.iter().map(|_| OnceLock::new()).collect();
        Ok(Index {
            files,
            entry,
            rows,
            stopwords,
            shards,
        })
    }

    /// The number of documents.
    pub fn len(&self) -> usize {
        self.entry.docs
    }

    /// Whether the index has no documents.
    pub fn is_empty(&self) -> bool {
        self.entry.docs == 0
    }

    /// The language codes of the documents (the `lang` facet's values), sorted.
    pub fn languages(&self) -> &[String] {
        &self.entry.facets.lang
    }

    /// Runs a query: every word must match (else the documents matching the most words, marked
    /// partial), ranked by BM25, newest first among equals, then filtered by facet.
    pub fn search(&self, query: &str, options: &Options) -> Result<Results, IndexError> {
        let words = lookup::parse(query, |w| self.stopwords.contains(w));
        let mut expanded: Vec<(&Word, Vec<Match>)> = Vec::new();
        for (i, word) in words.iter().enumerate() {
            let typing = options.prefix && i + 1 == words.len();
            let found = self.matches(word, typing)?;
            if word.code && found.is_empty() {
                for part in &word.parts {
                    expanded.push((part, self.matches(part, false)?));
                }
            } else {
                expanded.push((word, found));
            }
        }
        let mut per_word = Vec::with_capacity(expanded.len());
        for (word, found) in &expanded {
            let mut scores = rank::WordScores {
                optional: word.stop,
                ..Default::default()
            };
            for m in found {
                let postings = self.shard(m.shard)?.postings(m.term, self.entry.docs)?;
                scores.add(
                    &postings,
                    m.reach.weight(),
                    self.entry.docs,
                    self.entry.score_steps,
                );
            }
            per_word.push(scores);
        }
        let (mut hits, partial) = rank::combine(&per_word);
        let unfiltered = hits.len();
        if options.filters != Filters::default() {
            hits.retain(|h| {
                self.facts(h.doc)
                    .is_some_and(|facts| options.filters.pass(&facts))
            });
        }
        Ok(Results {
            hits,
            unfiltered,
            partial,
            words: expanded.iter().map(|(w, _)| w.text.clone()).collect(),
        })
    }

    /// The date, severity, services, language, year and open actions of a document.
    pub fn facts(&self, doc: u32) -> Option<Facts> {
        let row = self.rows.get(doc as usize)?;
        let f = &self.entry.facets;
        Some(Facts {
            date: date_of(row.day),
            severity: f.severity[row.severity].clone(),
            services: row.services.iter().map(|&s| f.service[s].clone()).collect(),
            lang: f.lang[row.lang].clone(),
            year: row.year,
            open_actions: row.open,
        })
    }

    /// The card (url, title, excerpt) of a document.
    pub fn card(&self, doc: u32) -> Result<Card, IndexError> {
        let per = self.entry.cards_per_block;
        let doc = doc as usize;
        let name =
            self.entry.card_files.get(doc / per).ok_or_else(|| {
                IndexError::new(ENTRY, format!("no card block for document {doc}"))
            })?;
        let (path, bytes) = file(&self.files, name)?;
        files::card(&path, bytes, doc % per)
    }

    /// Shard `i`, read the first time it is needed.
    fn shard(&self, i: usize) -> Result<&files::Shard, IndexError> {
        let slot = self
            .shards
            .get(i)
            .ok_or_else(|| IndexError::new(ENTRY, format!("no shard {i}")))?;
        slot.get_or_init(|| {
            let (path, bytes) = file(&self.files, &self.entry.shard_files[i])?;
            files::shard(&path, bytes)
        })
        .as_ref()
        .map_err(Clone::clone)
    }

    /// The terms `word` reaches: in the shard its fold belongs to and, when the range of longer
    /// keys runs to that shard's end, in the next one (longer keys only), as the client looks.
    fn matches(&self, word: &Word, prefix: bool) -> Result<Vec<Match>, IndexError> {
        let firsts = &self.entry.shards;
        if firsts.is_empty() {
            return Ok(Vec::new());
        }
        let i = firsts
            .partition_point(|f| f.as_str() <= word.fold.as_str())
            .saturating_sub(1);
        let (found, more) = lookup::lookup(self.shard(i)?, word, prefix, true);
        let mut out: Vec<Match> = found
            .into_iter()
            .map(|f| Match {
                shard: i,
                term: f.term,
                reach: f.reach,
            })
            .collect();
        if more && i + 1 < firsts.len() && firsts[i + 1].starts_with(&word.fold) {
            let (found, _) = lookup::lookup(self.shard(i + 1)?, word, prefix, false);
            out.extend(
                found
                    .into_iter()
                    .filter(|f| f.reach == Reach::Prefix)
                    .map(|f| Match {
                        shard: i + 1,
                        term: f.term,
                        reach: f.reach,
                    }),
            );
        }
        Ok(out)
    }
}

/// A file named by the entry (relative to it), as its path and bytes.
fn file<'a>(
    files: &'a BTreeMap<String, Vec<u8>>,
    name: &str,
) -> Result<(String, &'a [u8]), IndexError> {
    let path = format!("search/{name}");
    match files.get(&path) {
        Some(bytes) => Ok((path, bytes)),
        None => Err(IndexError::new(&path, "missing")),
    }
}

/// `YYYY-MM-DD` of a day number (days since 1970-01-01), or empty for 0 (no date), as the client shows it.
pub fn date_of(day: i64) -> String {
    if day <= 0 {
        return String::new();
    }
    jiff::Span::new()
        .try_days(day)
        .ok()
        .and_then(|span| jiff::civil::date(1970, 1, 1).checked_add(span).ok())
        .map(|d| d.to_string())
        .unwrap_or_default()
}
