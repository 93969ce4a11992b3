//! The postings gathered from every document's `(term, level)` pairs: each term's documents in
//! document order, filled on every thread, each taking the terms of one range.
//!
//! A range finds its part of each document's pairs by binary search, reading memory all over the
//! pairs: more ranges than threads cost more in those searches than they gain in balance.

use rayon::prelude::*;

/// Per term id (below `terms`), its `(document number, level)` pairs, from each document's
/// `(term, level)` pairs (terms ascending): filled on every thread, each taking the terms of a
/// range holding about as many pairs as the others' ranges.
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
            let (lo, hi) = (range.start as u32, range.end as u32);
            let mut lists: Vec<Vec<(u32, u8)>> = df[range]
                .iter()
                .map(|&n| Vec::with_capacity(n as usize))
                .collect();
            for (doc, list) in levels.iter().enumerate() {
                let from = list.partition_point(|e| e.0 < lo);
                let to = from + list[from..].partition_point(|e| e.0 < hi);
                for &(term, level) in &list[from..to] {
                    lists[(term - lo) as usize].push((doc as u32, level));
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
        // Low term ids common, as in real text; ids 390 and up never occur.
        let levels: Vec<Vec<(u32, u8)>> = (0..700)
            .map(|_| {
                let n = next(60);
                let mut list: Vec<(u32, u8)> = (0..n)
                    .map(|_| (next(390).pow(2) / 390, next(16) as u8))
                    .collect();
                list.sort_unstable_by_key(|e| e.0);
                list.dedup_by_key(|e| e.0);
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
