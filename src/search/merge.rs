//! Merges the vocabularies of consecutive runs of documents on every thread, numbering the terms
//! exactly as [`Vocabulary::merge`] does one run after another in document order: terms and keys
//! are split by hash into parts merged at once, and a term's id is then the count of new terms
//! before its first occurrence. Term ids therefore never depend on the number of threads.

use super::fasthash::{FastMap, WordMap};
#[cfg(doc)]
use super::vocabulary::Vocabulary;
use rayon::prelude::*;

/// Keys, each with the ids of its terms.
pub type Keys = Vec<(String, Vec<u32>)>;
/// A run's terms by local id and its keys with local term ids, as [`Vocabulary::into_keys`] gives.
pub type RunVocabulary = (Vec<String>, Keys);
/// Where a term occurs first: the run, and its local id there.
type Place = (u32, u32);

/// The merged vocabulary of every run.
#[derive(Debug)]
pub struct Merged {
    /// How many distinct terms the runs hold.
    pub terms: usize,
    /// Per run, what each of its local term ids is in the merged numbering.
    pub ids: Vec<Vec<u32>>,
    /// Every key with its merged term ids (sorted, distinct), in no particular order.
    pub keys: Keys,
}

/// Which of `parts` parts a word falls in. Bits well above those a hash table indexes by, and
/// below the ones it tags entries with, so the maps of one part still spread their words.
fn part_of(word: &str, parts: usize) -> usize {
    (WordMap::<()>::hash(word) >> 40) as usize % parts
}

/// Merges the runs' vocabularies, given in document order, on the current rayon pool.
pub fn merge_runs(runs: Vec<RunVocabulary>) -> Merged {
    let parts = rayon::current_num_threads() * 4;
    let (terms, keys): (Vec<Vec<String>>, Vec<Keys>) = runs.into_iter().unzip();
    let (ids, count) = number(&terms, parts);
    drop(terms);
    let keys = merge_keys(keys, &ids, parts);
    Merged {
        terms: count,
        ids,
        keys,
    }
}

/// Per run, the merged id of each of its terms; and how many terms there are.
fn number(terms: &[Vec<String>], parts: usize) -> (Vec<Vec<u32>>, usize) {
    // Per run and part, the run's local ids whose terms fall in that part, ascending.
    let buckets: Vec<Vec<Vec<u32>>> = terms
        .par_iter()
        .with_max_len(1)
        .map(|run| {
            let mut by_part = vec![Vec::new(); parts];
            for (i, t) in run.iter().enumerate() {
                by_part[part_of(t, parts)].push(i as u32);
            }
            by_part
        })
        .collect();
    // Per part and run, where each term of the bucket first occurs: (run, local id).
    let firsts: Vec<Vec<Vec<Place>>> = (0..parts)
        .into_par_iter()
        .with_max_len(1)
        .map(|p| {
            let mut seen: WordMap<Place> = WordMap::default();
            let runs = terms.iter().zip(&buckets).enumerate();
            runs.map(|(r, (run, by_part))| {
                let bucket = by_part[p].iter();
                bucket
                    .map(|&i| *seen.get_or_insert(&run[i as usize], (r as u32, i)))
                    .collect()
            })
            .collect()
        })
        .collect();
    // Per run, each term's first occurrence, and each new term's rank among the run's new terms.
    let located: Vec<(Vec<Place>, Vec<u32>, u32)> = buckets
        .par_iter()
        .with_max_len(1)
        .enumerate()
        .map(|(r, by_part)| {
            let mut first = vec![(0, 0); terms[r].len()];
            for (p, bucket) in by_part.iter().enumerate() {
                for (&i, &f) in bucket.iter().zip(&firsts[p][r]) {
                    first[i as usize] = f;
                }
            }
            let mut rank = vec![0; first.len()];
            let mut new = 0u32;
            for (i, &f) in first.iter().enumerate() {
                if f == (r as u32, i as u32) {
                    rank[i] = new;
                    new += 1;
                }
            }
            (first, rank, new)
        })
        .collect();
    drop(firsts);
    let mut bases = Vec::with_capacity(located.len());
    let mut base = 0u32;
    for (_, _, new) in &located {
        bases.push(base);
        base += new;
    }
    let ids = located
        .par_iter()
        .with_max_len(1)
        .map(|(first, _, _)| {
            let id = |&(r, i): &Place| bases[r as usize] + located[r as usize].1[i as usize];
            first.iter().map(id).collect()
        })
        .collect();
    (ids, base as usize)
}

/// Every key with the merged ids of its terms in every run.
fn merge_keys(keys: Vec<Keys>, ids: &[Vec<u32>], parts: usize) -> Keys {
    // Per run and part, the run's keys in that part, with merged ids.
    let bucketed: Vec<Vec<Keys>> = keys
        .into_par_iter()
        .with_max_len(1)
        .zip(ids)
        .map(|(run, ids)| {
            let mut by_part = vec![Vec::new(); parts];
            for (key, mut terms) in run {
                terms.iter_mut().for_each(|t| *t = ids[*t as usize]);
                by_part[part_of(&key, parts)].push((key, terms));
            }
            by_part
        })
        .collect();
    let mut by_part: Vec<Vec<Keys>> = vec![Vec::new(); parts];
    for run in bucketed {
        for (p, bucket) in run.into_iter().enumerate() {
            by_part[p].push(bucket);
        }
    }
    by_part
        .into_par_iter()
        .with_max_len(1)
        .flat_map_iter(|runs| {
            let mut merged: FastMap<String, Vec<u32>> = FastMap::default();
            for (key, terms) in runs.into_iter().flatten() {
                merged.entry(key).or_default().extend(terms);
            }
            merged.into_iter().map(|(key, mut terms)| {
                terms.sort_unstable();
                terms.dedup();
                (key, terms)
            })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::text::{Piece, normalise, pieces};
    use crate::search::vocabulary::{Language, Vocabulary};

    /// Each text's vocabulary, as a run of one document would build it.
    fn runs(texts: &[&str]) -> Vec<Vocabulary> {
        texts
            .iter()
            .map(|text| {
                let mut v = Vocabulary::new();
                let lang = if text.contains('å') {
                    Language::Norwegian
                } else {
                    Language::English
                };
                pieces(&normalise(text), |p: Piece<'_>| {
                    v.term(lang, p);
                });
                v
            })
            .collect()
    }

    /// What merging one run after another gives: per run its ids, the term count, the keys sorted.
    fn one_by_one(texts: &[&str]) -> Merged {
        let mut whole = Vocabulary::new();
        let ids = runs(texts)
            .into_iter()
            .map(|v| whole.merge(v.into_keys()))
            .collect();
        let (terms, keys) = whole.into_keys();
        Merged {
            terms: terms.len(),
            ids,
            keys,
        }
    }

    fn at_once(texts: &[&str], threads: usize) -> Merged {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build();
        let pool = pool.expect("a thread pool");
        let vocabularies = runs(texts).into_iter().map(Vocabulary::into_keys).collect();
        pool.install(|| merge_runs(vocabularies))
    }

    #[test]
    fn merging_at_once_numbers_terms_and_keys_as_one_run_after_another() {
        let texts = [
            "Disk full on db-1; the disks filled",
            "Kafka lag, then disk full again",
            "",
            "Lagringssystemet på blåbær-1 feilet; disk full",
            "queue lag queue-lag kafka-2 inc-2024-0007 and a-much-longer-code-2024-01",
            "full disks, failing disk, failed kafka",
            "Blåbærene og lagringssystem",
        ];
        for n in 0..=texts.len() {
            let mut want = one_by_one(&texts[..n]);
            want.keys.sort();
            for threads in [1, 2, 3] {
                let mut got = at_once(&texts[..n], threads);
                got.keys.sort();
                assert_eq!(got.ids, want.ids, "{n} runs, {threads} threads");
                assert_eq!(got.terms, want.terms, "{n} runs, {threads} threads");
                assert_eq!(got.keys, want.keys, "{n} runs, {threads} threads");
            }
        }
    }

    #[test]
    fn many_words_spread_over_every_part() {
        let texts: Vec<String> = (0..40)
            .map(|r| {
                let words = (0..60).map(|w| format!("w{}x{}", (r * 7 + w * 13) % 500, w % 3));
                words.collect::<Vec<_>>().join(" ")
            })
            .collect();
        let texts: Vec<&str> = texts.iter().map(String::as_str).collect();
        let mut want = one_by_one(&texts);
        want.keys.sort();
        let mut got = at_once(&texts, 2);
        got.keys.sort();
        assert!(want.terms > 400, "{}", want.terms);
        assert_eq!(
            (got.terms, got.ids, got.keys),
            (want.terms, want.ids, want.keys)
        );
    }
}
