//! Scoring and combining, as the client does it (`wordScores`, `combine` and `facet` in
//! `search.js`): BM25's IDF times the stored level per term, each word's best match per document,
//! every word required, and facet filters applied after ranking.

use std::collections::HashMap;

use super::Facts;

/// BM25's inverse document frequency of a term in `df` of `n` documents.
pub fn idf(df: usize, n: usize) -> f64 {
    let (df, n) = (df as f64, n as f64);
    (1.0 + (n - df + 0.5) / (df + 0.5)).ln()
}

/// The score a stored level stands for: `2^(level/steps) − 1`.
pub fn level_value(level: u8, steps: u32) -> f64 {
    2f64.powf(f64::from(level) / f64::from(steps)) - 1.0
}

/// One word's scores: per document, the best of `weight × idf × level value` over the terms it reached.
#[derive(Debug, Default)]
pub struct WordScores {
    /// Document → score.
    pub scores: HashMap<u32, f64>,
    /// A stopword: left out of the AND when it matched nothing.
    pub optional: bool,
}

impl WordScores {
    /// Adds one term reached with `weight`: its postings (document, level) and the index's size.
    pub fn add(&mut self, postings: &[(u32, u8)], weight: f64, docs: usize, steps: u32) {
        let w = weight * idf(postings.len(), docs);
        for &(doc, level) in postings {
            let s = w * level_value(level, steps);
            let best = self.scores.entry(doc).or_insert(s);
            if s > *best {
                *best = s;
            }
        }
    }
}

/// A ranked document.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Hit {
    /// The document's number (0 is the newest).
    pub doc: u32,
    /// The sum of its words' scores.
    pub score: f64,
    /// How many of the query's words it matched.
    pub words: usize,
}

/// Combines the words: every word that matched anything must match (AND); stopwords that matched
/// nothing are ignored. With no document matching all, every document matching any is kept and
/// the result is *partial*. Best first: most words, then highest score, then newest.
pub fn combine(per_word: &[WordScores]) -> (Vec<Hit>, bool) {
    let active: Vec<&WordScores> = per_word
        .iter()
        .filter(|w| !w.scores.is_empty() || !w.optional)
        .collect();
    let mut total: HashMap<u32, Hit> = HashMap::new();
    for word in &active {
        for (&doc, &score) in &word.scores {
            total
                .entry(doc)
                .and_modify(|h| {
                    h.score += score;
                    h.words += 1;
                })
                .or_insert(Hit {
                    doc,
                    score,
                    words: 1,
                });
        }
    }
    let mut hits: Vec<Hit> = total
        .values()
        .filter(|h| h.words == active.len())
        .copied()
        .collect();
    let mut partial = false;
    if hits.is_empty() && active.len() > 1 {
        hits = total.into_values().collect();
        partial = true;
    }
    hits.sort_by(|a, b| {
        b.words
            .cmp(&a.words)
            .then(b.score.total_cmp(&a.score))
            .then(a.doc.cmp(&b.doc))
    });
    (hits, partial)
}

/// Facet filters: a document passes when, for every facet with values listed, it has one of them
/// (OR within a facet, AND across facets), as the search page's checkboxes filter.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filters {
    /// Severities (`sev1`).
    pub severity: Vec<String>,
    /// Services.
    pub service: Vec<String>,
    /// Years.
    pub year: Vec<i32>,
    /// Language codes (`nb`, `en`).
    pub lang: Vec<String>,
    /// Whether the incident has open action items.
    pub open: Vec<bool>,
}

impl Filters {
    /// Whether a document with these facts passes.
    pub fn pass(&self, facts: &Facts) -> bool {
        fn any<T: PartialEq>(wanted: &[T], values: &[T]) -> bool {
            wanted.is_empty() || wanted.iter().any(|w| values.contains(w))
        }
        any(&self.severity, std::slice::from_ref(&facts.severity))
            && any(&self.service, &facts.services)
            && any(&self.year, &[facts.year])
            && any(&self.lang, std::slice::from_ref(&facts.lang))
            && any(&self.open, &[facts.open_actions > 0])
    }
}
