//! The inverted index in memory: documents put in result order, every field tokenised and mapped
//! to terms, and for every term the documents it occurs in with their quantised BM25 level.

use super::document::{Document, Field};
use super::gather;
use super::grain;
use super::merge::{Merged, RunVocabulary, merge_runs};
use super::meta::sort_day;
use super::score;
use super::tally::{Counts, Numbering, count};
use super::vocabulary::Vocabulary;
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

/// Documents a worker tokenises at least at once: enough that numbering every run's terms and
/// merging them costs little.
const MIN_RUN: usize = 256;

/// The runs of `docs` consecutive documents that `threads` workers tokenise, in the order they are
/// taken: each run takes a share of the documents left, so the first runs are long (few runs to
/// number and merge) and the last ones short, and no worker is left with a long run when the others
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

/// A run's terms and keys (see [`Numbering::finish`]) and its documents' counts.
type RunKeys = (RunVocabulary, Vec<Counts>);

/// Tokenises and scores every document, numbered in `order` (see [`result_order`]), on every
/// thread of the current rayon pool. Runs of consecutive documents are counted with numberings of
/// their own (each worker keeps one vocabulary for every run it takes), merged in document order,
/// so term ids, and every byte built from them, do not depend
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
    let next = AtomicUsize::new(0);
    let mut taken: Vec<(usize, RunKeys)> = (0..threads)
        .into_par_iter()
        .with_max_len(1)
        .flat_map_iter(|_| {
            // One vocabulary for every run the worker takes: a word is stemmed once per worker.
            let mut vocab = Vocabulary::new();
            let (mut numbering, mut latest) = (Numbering::default(), Vec::new());
            std::iter::from_fn(|| {
                let r = next.fetch_add(1, Ordering::Relaxed);
                let run = &order[bounds.get(r)?.clone()];
                let counts = run
                    .iter()
                    .map(|&i| count(&docs[i], &mut vocab, &mut numbering, &mut latest))
                    .collect();
                Some((r, (numbering.finish(&mut vocab), counts)))
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
    let mut runs: Vec<(Vec<u32>, Vec<Counts>)> = ids.into_iter().zip(counts).collect();
    runs.par_iter_mut()
        .with_max_len(1)
        .for_each(|(ids, counts)| {
            for c in counts.iter_mut() {
                for e in &mut c.entries {
                    *e = e.with_term(ids[e.term() as usize]);
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

    // Each document's counts are freed as soon as its levels are made.
    let most = grain::most(counts.len());
    let levels: Vec<Vec<(u32, u8)>> = counts
        .into_par_iter()
        .with_max_len(most)
        .map(|c| levels(&c, &avg))
        .collect();
    gather::postings(&levels, terms)
}

/// One document's `(term, level)` pairs: each term's field parts summed in field order, quantised.
fn levels(c: &Counts, avg: &[f64; Field::ALL.len()]) -> Vec<(u32, u8)> {
    let terms = c.entries.chunk_by(|a, b| a.term() == b.term());
    let mut out = Vec::with_capacity(terms.clone().count());
    out.extend(terms.map(|parts| {
        // Summed in field order, from 0.0, so the levels never depend on how the sum is formed.
        let sum = parts.iter().fold(0.0, |sum, e| {
            let f = e.field();
            sum + score::field_part(Field::ALL[f], e.tf(), c.lengths[f], avg[f])
        });
        (parts[0].term(), score::quantise(sum))
    }));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_cover_every_document_once_in_order_and_shrink() {
        for docs in [0, 1, 255, 256, 257, 1000, 10_000, 50_001] {
            for threads in [1, 2, 3, 8] {
                let runs = run_bounds(docs, threads);
                let mut at = 0;
                for r in &runs {
                    assert_eq!(r.start, at, "{docs} {threads}");
                    assert!(!r.is_empty());
                    at = r.end;
                }
                assert_eq!(at, docs);
                let lens: Vec<usize> = runs.iter().map(|r| r.len()).collect();
                let last = lens.len().saturating_sub(1);
                assert!(lens.windows(2).all(|w| w[0] >= w[1]), "{lens:?}");
                assert!(lens[..last].iter().all(|&n| n >= MIN_RUN), "{lens:?}");
                if docs >= 8 * MIN_RUN * threads {
                    assert!(lens[0] <= docs.div_ceil(2 * threads), "{lens:?}");
                    assert!(lens[last] <= MIN_RUN, "{lens:?}");
                }
            }
        }
    }
}
