//! The inverted index in memory: documents put in result order, every field tokenised and mapped
//! to terms, and for every term the documents it occurs in with their quantised BM25 level.

use super::document::{Document, Field};
use super::gather;
use super::merge::{Merged, RunVocabulary, merge_runs};
use super::meta::sort_day;
use super::score;
use super::text::{normalise, pieces};
use super::vocabulary::{Language, Vocabulary};
use super::word_caches::Stems;
use rayon::prelude::*;
use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};

/// Everything the file writers need from the text, independent of the input's order.
#[derive(Debug)]
pub struct Inverted<K> {
    /// Per term id: `(document number, level)`, document numbers ascending.
    pub postings: Vec<Vec<(u32, u8)>>,
    /// What the caller made of the keys (see [`invert`]).
    pub keys: K,
}

/// Result order: newest first, then by id and url so equal dates never depend on the input order.
pub fn result_order(docs: &[Document]) -> Vec<usize> {
    // Each date is read once, not at every comparison.
    let days: Vec<u32> = docs.par_iter().map(sort_day).collect();
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.par_sort_by(|&a, &b| {
        let (x, y) = (&docs[a], &docs[b]);
        days[b]
            .cmp(&days[a])
            .then_with(|| x.id.cmp(&y.id))
            .then_with(|| x.url.cmp(&y.url))
            .then_with(|| x.title.cmp(&y.title))
    });
    order
}

/// One document's counts: its [`Entry`]s, each (term, field) once, in field order, and each
/// field's length in terms.
struct Counts {
    entries: Vec<Entry>,
    lengths: [u32; Field::ALL.len()],
}

/// A term's occurrences in one field of a document, packed into 8 bytes (the counts of every
/// document are held at once until the average field lengths are known): the term id in the high
/// 32 bits, the field's index in the next 4, the occurrences in the low 28 (capped there, far
/// beyond any document's length). Sorting entries sorts by term, then field.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
struct Entry(u64);

impl Entry {
    const TF_BITS: u32 = 28;
    const TF_MAX: u32 = (1 << Self::TF_BITS) - 1;

    fn new(term: u32, field: u8, tf: u32) -> Entry {
        Entry(
            u64::from(term) << 32
                | u64::from(field) << Self::TF_BITS
                | u64::from(tf.min(Self::TF_MAX)),
        )
    }

    fn term(self) -> u32 {
        (self.0 >> 32) as u32
    }

    fn field(self) -> usize {
        ((self.0 >> Self::TF_BITS) & 0xf) as usize
    }

    fn tf(self) -> u32 {
        (self.0 & u64::from(Self::TF_MAX)) as u32
    }
}

const _: () = assert!(
    Field::ALL.len() <= 16,
    "a field index takes 4 bits of an Entry"
);

/// Room for this many tallies is made at once: most documents need no more.
const TALLIES: usize = 512;

/// Tallies one document's terms field by field. `latest` is scratch kept across the documents of a
/// run, indexed by term: where in the entries the term's latest tally may be (checked, never
/// cleared). A term's tallies are made in field order, so only its latest can be the current
/// field's. The entries come out in the order they were made: by field, so each term's in field
/// order.
fn count(doc: &Document, vocab: &mut Vocabulary, latest: &mut Vec<u32>) -> Counts {
    let lang = Language::from_code(&doc.lang);
    let mut lengths = [0u32; Field::ALL.len()];
    let mut tallies: Vec<(u32, u8, u32)> = Vec::with_capacity(TALLIES);
    for (f, field) in Field::ALL.iter().enumerate() {
        let raw = doc.text(*field);
        let text = normalise(&raw);
        let f = f as u8;
        pieces(&text, |piece| {
            if let Some(term) = vocab.term(lang, piece) {
                lengths[usize::from(f)] += 1;
                let t = term as usize;
                if t >= latest.len() {
                    latest.resize(t + 1, u32::MAX);
                }
                match tallies.get_mut(latest[t] as usize) {
                    Some(tally) if tally.0 == term && tally.1 == f => tally.2 += 1,
                    _ => {
                        latest[t] = tallies.len() as u32;
                        tallies.push((term, f, 1));
                    }
                }
            }
        });
    }
    let entries = tallies
        .iter()
        .map(|&(term, f, tf)| Entry::new(term, f, tf))
        .collect();
    Counts { entries, lengths }
}

/// Documents a worker tokenises at least at once: enough that re-stemming the words every run of
/// documents meets again costs little.
const MIN_RUN: usize = 256;

/// The runs of `docs` consecutive documents that `threads` workers tokenise, in the order they are
/// taken: each run takes a share of the documents left, so the first runs are long (few words are
/// stemmed again) and the last ones short, and no worker is left with a long run when the others
/// have run out of work.
fn run_bounds(docs: usize, threads: usize) -> Vec<Range<usize>> {
    let mut runs = Vec::new();
    let mut start = 0;
    while start < docs {
        let left = docs - start;
        let len = left.div_ceil(2 * threads.max(1)).max(MIN_RUN).min(left);
        runs.push(start..start + len);
        start += len;
    }
    runs
}

/// A run's terms and keys (see [`Vocabulary::into_keys`]) and its documents' counts.
type RunKeys = (RunVocabulary, Vec<Counts>);

/// Tokenises and scores every document, numbered in `order` (see [`result_order`]), on every
/// thread of the current rayon pool. Runs of consecutive documents are counted with vocabularies of
/// their own, merged in document order, so term ids, and every byte built from them, do not depend
/// on the number of threads. Every key with the ids of its terms (in no particular order) goes to
/// `with_keys` as soon as the terms are numbered, which runs beside the scoring.
pub fn invert<K: Send>(
    docs: &[Document],
    order: &[usize],
    with_keys: impl FnOnce(Vec<(String, Vec<u32>)>) -> K + Send,
) -> Inverted<K> {
    let threads = rayon::current_num_threads();
    let bounds = run_bounds(order.len(), threads);
    // Every worker takes the next run until none is left: the long runs first, the short ones last.
    let next = &AtomicUsize::new(0);
    let bounds = &bounds;
    let mut taken: Vec<(usize, RunKeys)> = (0..threads)
        .into_par_iter()
        .with_max_len(1)
        .flat_map_iter(|_| {
            // The stems this worker made, kept for its next run (a bounded cache).
            let mut stems = Some(Stems::default());
            std::iter::from_fn(move || {
                let r = next.fetch_add(1, Ordering::Relaxed);
                let run = &order[bounds.get(r)?.clone()];
                let mut vocab = Vocabulary::with_stems(stems.take().unwrap_or_default());
                let mut latest = Vec::new();
                let counts = run
                    .iter()
                    .map(|&i| count(&docs[i], &mut vocab, &mut latest))
                    .collect();
                // Only the terms and keys are merged: the run's word maps go now.
                let (keys, kept) = vocab.into_keys_and_stems();
                stems = Some(kept);
                Some((r, (keys, counts)))
            })
            .collect::<Vec<_>>()
        })
        .collect();
    taken.sort_unstable_by_key(|t| t.0);
    let runs = taken.into_iter().map(|t| t.1);
    let (locals, counts): (Vec<RunVocabulary>, Vec<Vec<Counts>>) = runs.unzip();
    let Merged { terms, ids, keys } = merge_runs(locals);
    let (postings, keys) = rayon::join(|| score(ids, counts, terms), || with_keys(keys));
    Inverted { postings, keys }
}

/// Every term's postings, from each run's term ids (local → merged), its documents' counts, and
/// the number of terms.
fn score(ids: Vec<Vec<u32>>, counts: Vec<Vec<Counts>>, terms: usize) -> Vec<Vec<(u32, u8)>> {
    let mut avg = [0f64; Field::ALL.len()];
    for (f, slot) in avg.iter_mut().enumerate() {
        let lens = counts
            .iter()
            .flatten()
            .map(|c| c.lengths[f])
            .filter(|&l| l > 0);
        let (n, sum) = lens.fold((0u64, 0u64), |(n, s), l| (n + 1, s + u64::from(l)));
        if n > 0 {
            *slot = sum as f64 / n as f64;
        }
    }

    // Each run's documents are scored with sums kept by the run's own term ids; each document's
    // counts are freed as soon as its levels are made.
    let runs: Vec<Vec<Vec<(u32, u8)>>> = ids
        .into_par_iter()
        .zip(counts)
        .with_max_len(1)
        .map(|(ids, counts)| {
            let mut sums = Sums {
                sums: vec![UNSEEN; ids.len()],
                seen: Vec::new(),
            };
            counts
                .into_iter()
                .map(|c| sums.levels(&c, &avg, &ids))
                .collect()
        })
        .collect();
    let levels: Vec<Vec<(u32, u8)>> = runs.into_iter().flatten().collect();
    gather::postings(&levels, terms)
}

/// In [`Sums`], a term with no part in the current document yet (every part is above 0).
const UNSEEN: f64 = -1.0;

/// Scratch for scoring the documents of a run, indexed by the run's term ids.
struct Sums {
    /// Per term, its score so far in the current document, or [`UNSEEN`] (each put back after a
    /// document).
    sums: Vec<f64>,
    /// The current document's terms, in the order of their first entries.
    seen: Vec<u32>,
}

impl Sums {
    /// One document's `(term, level)` pairs, its terms (merged by `ids`) in the order of their
    /// first entries: each term's field parts summed in field order (the order of its entries),
    /// from 0.0, and quantised, so the levels never depend on how the sums are kept.
    fn levels(&mut self, c: &Counts, avg: &[f64; Field::ALL.len()], ids: &[u32]) -> Vec<(u32, u8)> {
        self.seen.clear();
        for e in &c.entries {
            let (t, f) = (e.term(), e.field());
            let part = score::field_part(Field::ALL[f], e.tf(), c.lengths[f], avg[f]);
            let sum = &mut self.sums[t as usize];
            if *sum == UNSEEN {
                self.seen.push(t);
                *sum = 0.0;
            }
            *sum += part;
        }
        let mut out = Vec::with_capacity(self.seen.len());
        for &t in &self.seen {
            let sum = std::mem::replace(&mut self.sums[t as usize], UNSEEN);
            out.push((ids[t as usize], score::quantise(sum)));
        }
        out
    }
}

#[cfg(test)]
mod tests;
