//! The inverted index in memory: documents put in result order, every field tokenised and mapped
//! to terms, and for every term the documents it occurs in with their quantised BM25 level.

use super::document::{Document, Field};
use super::gather;
use super::grain;
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

/// One document's counts: its [`Entry`]s, each (term, field) once (sorted once their term ids are
/// final), and each field's length in terms.
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

    /// The same occurrences, of term `term`.
    fn with_term(self, term: u32) -> Entry {
        Entry(u64::from(term) << 32 | (self.0 & u64::from(u32::MAX)))
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
/// field's. The entries come out in no particular order.
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
    fn entries_keep_term_field_and_count_and_sort_as_their_parts() {
        let parts = [(7, 12, 1), (7, 0, 300_000), (0, 3, 2), (u32::MAX, 5, 9)];
        let mut entries: Vec<Entry> = parts.iter().map(|&(t, f, n)| Entry::new(t, f, n)).collect();
        for (e, &(t, f, n)) in entries.iter().zip(&parts) {
            assert_eq!((e.term(), e.field(), e.tf()), (t, usize::from(f), n));
            assert_eq!(e.with_term(4).term(), 4);
            assert_eq!(
                (e.with_term(4).field(), e.with_term(4).tf()),
                (usize::from(f), n)
            );
        }
        entries.sort_unstable();
        let mut sorted = parts.to_vec();
        sorted.sort_unstable();
        let back: Vec<(u32, u8, u32)> = entries
            .iter()
            .map(|e| (e.term(), e.field() as u8, e.tf()))
            .collect();
        assert_eq!(back, sorted);
    }

    /// The counts by sorting every occurrence, as a check on [`count`]'s tallies.
    fn sorted_counts(doc: &Document, vocab: &mut Vocabulary) -> Vec<(u32, usize, u32)> {
        let lang = Language::from_code(&doc.lang);
        let mut all = Vec::new();
        for (f, field) in Field::ALL.iter().enumerate() {
            let text = doc.text(*field);
            pieces(&normalise(&text), |p| {
                all.extend(vocab.term(lang, p).map(|t| (t, f)))
            });
        }
        all.sort_unstable();
        let runs = all.chunk_by(|a, b| a == b);
        runs.map(|r| (r[0].0, r[0].1, r.len() as u32)).collect()
    }

    #[test]
    fn tallies_count_each_term_in_each_field_once_across_documents() {
        let doc = |title: &str, summary: &str, body: &str| Document {
            title: title.into(),
            summary: summary.into(),
            body: body.into(),
            tags: vec!["disk".into(), "disk-full".into()],
            ..Document::default()
        };
        let docs = [
            doc(
                "Disk full",
                "The disk filled; disks full",
                "disk disk full queue lag disk",
            ),
            doc("Queue lag", "lag lag", "full disk, then queue-lag and lag"),
            doc("", "", ""),
            doc("Full", "disk", "queue disk full full"),
        ];
        let (mut vocab, mut check) = (Vocabulary::new(), Vocabulary::new());
        let mut latest = Vec::new();
        for d in &docs {
            let c = count(d, &mut vocab, &mut latest);
            let mut got: Vec<(u32, usize, u32)> = c
                .entries
                .iter()
                .map(|e| (e.term(), e.field(), e.tf()))
                .collect();
            got.sort_unstable();
            let want = sorted_counts(d, &mut check);
            assert_eq!(got, want);
            for (f, len) in c.lengths.iter().enumerate() {
                let n: u32 = want.iter().filter(|w| w.1 == f).map(|w| w.2).sum();
                assert_eq!(*len, n);
            }
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

    #[test]
    fn a_count_beyond_an_entry_is_capped_not_wrapped() {
        assert_eq!(Entry::new(1, 2, u32::MAX).tf(), Entry::TF_MAX);
        assert_eq!(Entry::new(1, 2, u32::MAX).field(), 2);
    }
}
