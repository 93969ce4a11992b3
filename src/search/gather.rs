//! The postings gathered from every document's `(term, level)` pairs: each term's documents in
//! document order, filled on every thread, each taking the terms of one range.
//!
//! A document's pairs come in no particular order of terms, so each range reads every pair and
//! keeps its own: one range per thread, as more ranges than threads would read the pairs again for
//! little gain in balance.

use rayon::prelude::*;

/// Per term id (below `terms`), its `(document number, level)` pairs, from each document's
/// `(term, level)` pairs (each term at most once per document, in any order): filled on every
/// thread, each taking the terms of a range holding about as many pairs as the others' ranges.
pub fn postings(levels: &[Vec<(u32, u8)>], terms: usize) -> Vec<Vec<(u32, u8)>> {
    let pieces = rayon::current_num_threads();
    let df = levels
        .par_chunks(levels.len().div_ceil(pieces).max(1))
        .with_max_len(1)
        .map(|docs| {
            let mut df = vec![0u32; terms];
            for &(term, _) in docs.iter().flatten() {
                df[term as usize] += 1;
            }
            df
        })
        .reduce_with(|mut a, b| {
            a.iter_mut().zip(b).for_each(|(a, b)| *a += b);
            a
        })
        .unwrap_or_else(|| vec![0; terms]);
    // Cut the term ids where the pairs so far pass each multiple of an equal share.
    let total: usize = df.iter().map(|&n| n as usize).sum();
    let share = total.div_ceil(pieces).max(1);
    let mut ranges = Vec::new();
    let (mut start, mut held) = (0, 0);
    for (t, &n) in df.iter().enumerate() {
        held += n as usize;
        if held >= share {
            ranges.push(start..t + 1);
            (start, held) = (t + 1, 0);
        }
    }
    if start < terms {
        ranges.push(start..terms);
    }
    ranges
        .into_par_iter()
        .with_max_len(1)
        .flat_map_iter(|range| {
            let (lo, span) = (range.start as u32, range.len() as u32);
            let mut lists: Vec<Vec<(u32, u8)>> = df[range]
                .iter()
                .map(|&n| Vec::with_capacity(n as usize))
                .collect();
            for (doc, list) in levels.iter().enumerate() {
                for &(term, level) in list {
                    // Below `lo`, the difference wraps beyond `span`.
                    let t = term.wrapping_sub(lo);
                    if t < span {
                        lists[t as usize].push((doc as u32, level));
                    }
                }
            }
            lists
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn postings_filled_by_term_ranges_are_a_scatter_in_document_order() {
        let mut state = 7u64;
        let mut next = |below: u32| {
            state = state
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1);
            ((state >> 33) % u64::from(below)) as u32
        };
        let terms = 400;
        // Low term ids common, as in real text; ids 390 and up never occur. Each document's terms
        // once each, in no order.
        let levels: Vec<Vec<(u32, u8)>> = (0..700)
            .map(|_| {
                let n = next(60);
                let mut list: Vec<(u32, u8)> = (0..n)
                    .map(|_| (next(390).pow(2) / 390, next(16) as u8))
                    .collect();
                list.sort_unstable_by_key(|e| e.0);
                list.dedup_by_key(|e| e.0);
                for i in (1..list.len()).rev() {
                    list.swap(i, next(i as u32 + 1) as usize);
                }
                list
            })
            .collect();
        let mut want = vec![Vec::new(); terms];
        for (doc, list) in levels.iter().enumerate() {
            for &(term, level) in list {
                want[term as usize].push((doc as u32, level));
            }
        }
        for threads in [1, 2, 3] {
            let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build();
            let pool = pool.expect("a thread pool");
            assert_eq!(pool.install(|| postings(&levels, terms)), want);
            assert_eq!(pool.install(|| postings(&levels[..0], 3)), [[]; 3]);
            assert!(pool.install(|| postings(&[], 0)).is_empty());
        }
    }
}
