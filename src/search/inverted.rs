//! The inverted index in memory: documents put in result order, every field tokenised and mapped
//! to terms, and for every term the documents it occurs in with their quantised BM25 level.

use super::document::{Document, Field};
use super::meta::sort_day;
use super::score;
use super::text::{normalise, pieces};
use super::vocabulary::{Language, Vocabulary};
use rayon::prelude::*;

/// Everything the file writers need, independent of the input's order.
#[derive(Debug)]
pub struct Inverted {
    /// Document number (result order: newest first) → index into the input slice.
    pub order: Vec<usize>,
    /// Per term id: `(document number, level)`, document numbers ascending.
    pub postings: Vec<Vec<(u32, u8)>>,
    /// Every key with the ids of its terms, in no particular order.
    pub keys: Vec<(String, Vec<u32>)>,
}

/// Result order: newest first, then by id and url so equal dates never depend on the input order.
pub fn result_order(docs: &[Document]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&docs[a], &docs[b]);
        sort_day(y)
            .cmp(&sort_day(x))
            .then_with(|| x.id.cmp(&y.id))
            .then_with(|| x.url.cmp(&y.url))
            .then_with(|| x.title.cmp(&y.title))
    });
    order
}

/// One document's counts: `(term, field, occurrences)` sorted, and each field's length in terms.
struct Counts {
    entries: Vec<(u32, u8, u32)>,
    lengths: [u32; Field::ALL.len()],
}

fn count(doc: &Document, vocab: &mut Vocabulary, scratch: &mut Vec<(u32, u8)>) -> Counts {
    let lang = Language::from_code(&doc.lang);
    let mut lengths = [0u32; Field::ALL.len()];
    scratch.clear();
    for (f, field) in Field::ALL.iter().enumerate() {
        let raw = doc.text(*field);
        let text = normalise(&raw);
        pieces(&text, |piece| {
            if let Some(term) = vocab.term(lang, piece) {
                scratch.push((term, f as u8));
                lengths[f] += 1;
            }
        });
    }
    scratch.sort_unstable();
    let mut entries: Vec<(u32, u8, u32)> = Vec::new();
    for &(term, field) in scratch.iter() {
        match entries.last_mut() {
            Some(last) if last.0 == term && last.1 == field => last.2 += 1,
            _ => entries.push((term, field, 1)),
        }
    }
    Counts { entries, lengths }
}

/// Documents a worker tokenises at once: enough that re-stemming the words every run of documents
/// meets again costs little, few enough that every thread gets several runs.
const MIN_RUN: usize = 256;

/// Tokenises and scores every document, on every thread of the current rayon pool. Runs of
/// consecutive documents are counted with vocabularies of their own, merged in document order, so
/// term ids, and every byte built from them, do not depend on the number of threads.
pub fn invert(docs: &[Document]) -> Inverted {
    let order = result_order(docs);
    let run = order
        .len()
        .div_ceil(rayon::current_num_threads() * 4)
        .max(MIN_RUN);
    let runs: Vec<(Vocabulary, Vec<Counts>)> = order
        .par_chunks(run)
        .map(|run| {
            let mut vocab = Vocabulary::new();
            let mut scratch = Vec::new();
            let counts = run
                .iter()
                .map(|&i| count(&docs[i], &mut vocab, &mut scratch))
                .collect();
            (vocab, counts)
        })
        .collect();
    let mut vocab = Vocabulary::new();
    let mut runs: Vec<(Vec<u32>, Vec<Counts>)> = runs
        .into_iter()
        .map(|(local, counts)| (vocab.merge(local), counts))
        .collect();
    runs.par_iter_mut().for_each(|(ids, counts)| {
        for c in counts.iter_mut() {
            for e in &mut c.entries {
                e.0 = ids[e.0 as usize];
            }
            c.entries.sort_unstable();
        }
    });
    let counts: Vec<Counts> = runs.into_iter().flat_map(|(_, c)| c).collect();

    let mut avg = [0f64; Field::ALL.len()];
    for (f, slot) in avg.iter_mut().enumerate() {
        let lens = counts.iter().map(|c| c.lengths[f]).filter(|&l| l > 0);
        let (n, sum) = lens.fold((0u64, 0u64), |(n, s), l| (n + 1, s + u64::from(l)));
        if n > 0 {
            *slot = sum as f64 / n as f64;
        }
    }

    let levels: Vec<Vec<(u32, u8)>> = counts.par_iter().map(|c| levels(c, &avg)).collect();
    let (terms, keys) = vocab.into_keys();
    let mut postings: Vec<Vec<(u32, u8)>> = vec![Vec::new(); terms.len()];
    for (doc, list) in levels.into_iter().enumerate() {
        for (term, level) in list {
            postings[term as usize].push((doc as u32, level));
        }
    }
    Inverted {
        order,
        postings,
        keys,
    }
}

/// One document's `(term, level)` pairs: each term's field parts summed in field order, quantised.
fn levels(c: &Counts, avg: &[f64; Field::ALL.len()]) -> Vec<(u32, u8)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < c.entries.len() {
        let term = c.entries[i].0;
        let mut sum = 0.0;
        while i < c.entries.len() && c.entries[i].0 == term {
            let (_, f, tf) = c.entries[i];
            let f = usize::from(f);
            sum += score::field_part(Field::ALL[f], tf, c.lengths[f], avg[f]);
            i += 1;
        }
        out.push((term, score::quantise(sum)));
    }
    out
}
