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
    let runs = counts.into_iter().enumerate();
    let docs: Vec<(usize, Counts)> = runs
        .flat_map(|(r, c)| c.into_iter().map(move |c| (r, c)))
        .collect();
    let avg = averages(docs.iter().map(|d| &d.1));
    // Each document's counts are freed as soon as its levels are made.
    let most = grain::most(docs.len());
    let levels: Vec<Vec<(u32, u8)>> = docs
        .into_par_iter()
        .with_max_len(most)
        .map_init(Vec::new, |slots, (r, c)| levels(&c, &avg, &ids[r], slots))
        .collect();
    gather::postings(&levels, terms)
}

/// Each field's average length in terms over the documents that have it.
fn averages<'a>(counts: impl Iterator<Item = &'a Counts> + Clone) -> [f64; Field::ALL.len()] {
    let mut avg = [0f64; Field::ALL.len()];
    for (f, slot) in avg.iter_mut().enumerate() {
        let lens = counts.clone().map(|c| c.lengths[f]).filter(|&l| l > 0);
        let (n, sum) = lens.fold((0u64, 0u64), |(n, s), l| (n + 1, s + u64::from(l)));
        if n > 0 {
            *slot = sum as f64 / n as f64;
        }
    }
    avg
}

/// One document's `(term, level)` pairs, terms as `ids` numbers the run's terms, in the order the
/// document first names them: each term's field parts summed in field order, quantised. `slots`
/// is scratch kept across documents, indexed by the run's term number: where in the sums the term's
/// sum may be (checked, never cleared). A term's entries come in field order, so its parts are
/// summed in field order, from 0.0, and the levels never depend on how the sum is formed.
fn levels(
    c: &Counts,
    avg: &[f64; Field::ALL.len()],
    ids: &[u32],
    slots: &mut Vec<u32>,
) -> Vec<(u32, u8)> {
    let mut sums: Vec<(u32, f64)> = Vec::with_capacity(c.entries.len());
    for e in &c.entries {
        let (term, f) = (e.term(), e.field());
        let part = score::field_part(Field::ALL[f], e.tf(), c.lengths[f], avg[f]);
        let t = term as usize;
        if t >= slots.len() {
            slots.resize(t + 1, u32::MAX);
        }
        match sums.get_mut(slots[t] as usize) {
            Some(sum) if sum.0 == term => sum.1 += part,
            _ => {
                slots[t] = sums.len() as u32;
                sums.push((term, 0.0 + part));
            }
        }
    }
    let quantised = sums
        .iter()
        .map(|&(t, sum)| (ids[t as usize], score::quantise(sum)));
    quantised.collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::tally::Entry;
    use proptest::prelude::*;

    /// The levels by sorting the entries by merged term and field, each term's parts summed in that
    /// order: what [`levels`] must give, terms ascending.
    fn sorted_levels(c: &Counts, avg: &[f64; Field::ALL.len()], ids: &[u32]) -> Vec<(u32, u8)> {
        let mut parts: Vec<(u32, usize, u32)> = c
            .entries
            .iter()
            .map(|e| (ids[e.term() as usize], e.field(), e.tf()))
            .collect();
        parts.sort_unstable();
        let terms = parts.chunk_by(|a, b| a.0 == b.0);
        let sums = terms.map(|parts| {
            let sum = parts.iter().fold(0.0, |sum, &(_, f, tf)| {
                sum + score::field_part(Field::ALL[f], tf, c.lengths[f], avg[f])
            });
            (parts[0].0, score::quantise(sum))
        });
        sums.collect()
    }

    proptest! {
        #[test]
        fn levels_summed_in_tally_order_are_those_of_the_sorted_entries(
            fields in proptest::collection::vec(
                proptest::collection::btree_map(0u32..40, 1u32..30, 0..12), Field::ALL.len()),
            shuffle in any::<u64>(),
            lengths in proptest::array::uniform13(0u32..400),
            avg in proptest::array::uniform13(0.0f64..300.0),
        ) {
            // Per field in order, its terms in an order of their own; the run's numbers mapped
            // to merged ids out of order.
            let mut entries = Vec::new();
            for (f, terms) in fields.iter().enumerate() {
                let mut these: Vec<(u32, u32)> = terms.iter().map(|(&t, &n)| (t, n)).collect();
                let turn = (shuffle >> (f * 4)) as usize % these.len().max(1);
                these.rotate_left(turn);
                entries.extend(these.iter().map(|&(t, n)| Entry::new(t, f as u8, n)));
            }
            let c = Counts { entries, lengths };
            let ids: Vec<u32> = (0..40u32).map(|t| (t * 17 + (shuffle % 40) as u32) % 41).collect();
            let mut slots = vec![7; 3];
            let mut got = levels(&c, &avg, &ids, &mut slots);
            // Scratch left by another document changes nothing.
            prop_assert_eq!(&levels(&c, &avg, &ids, &mut slots), &got);
            got.sort_unstable();
            prop_assert_eq!(got, sorted_levels(&c, &avg, &ids));
        }
    }

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
