//! Huffman codes for [`super::deflate`]: code lengths from symbol frequencies, kept under DEFLATE's
//! length limits, and the canonical codes those lengths stand for. Deterministic: ties are broken
//! by the order nodes were made, so the same frequencies always give the same codes.

/// Huffman code lengths for `freqs`, none longer than `limit`; every code is complete (at least
/// two symbols get a length).
pub fn lengths(freqs: &[u32], limit: u8) -> Vec<u8> {
    let mut f: Vec<u64> = freqs.iter().map(|&x| u64::from(x)).collect();
    for s in 0..f.len() {
        if f.iter().filter(|&&x| x > 0).count() >= 2 {
            break;
        }
        if f[s] == 0 {
            f[s] = 1;
        }
    }
    loop {
        let lens = huffman(&f);
        if lens.iter().all(|&l| l <= limit) {
            return lens;
        }
        for x in f.iter_mut().filter(|x| **x > 0) {
            *x = x.div_ceil(2);
        }
    }
}

/// Plain Huffman code lengths (depths of the tree); ties merge the earlier-made node first.
///
/// Nodes are numbered as they are made, the leaves first in symbol order. Merged nodes are made in
/// order of weight (each merges the two lightest left), so they wait in a plain queue, and the
/// lightest node is the lighter front of the sorted leaves and of that queue, by (weight, number):
/// the node a binary heap of (weight, number) would pop.
fn huffman(f: &[u64]) -> Vec<u8> {
    let mut leaves: Vec<(u64, usize)> = f.iter().filter(|&&w| w > 0).copied().zip(0..).collect();
    leaves.sort_unstable();
    let n = leaves.len();
    let mut merged: Vec<(u64, usize)> = Vec::with_capacity(n);
    let mut parent = vec![usize::MAX; (2 * n).saturating_sub(1)];
    let (mut l, mut m) = (0, 0);
    let mut lightest = |merged: &[(u64, usize)]| {
        let leaf = leaves
            .get(l)
            .filter(|&&leaf| merged.get(m).is_none_or(|&node| leaf < node));
        if let Some(&leaf) = leaf {
            l += 1;
            leaf
        } else {
            m += 1;
            merged[m - 1]
        }
    };
    for node in n..parent.len() {
        let (wa, a) = lightest(&merged);
        let (wb, b) = lightest(&merged);
        parent[a] = node;
        parent[b] = node;
        merged.push((wa + wb, node));
    }
    // A parent is made after its children: depths from the root down.
    let mut depth = vec![0u8; parent.len()];
    for node in (0..parent.len().saturating_sub(1)).rev() {
        depth[node] = depth[parent[node]] + 1;
    }
    let mut leaf = 0;
    f.iter()
        .map(|&w| {
            if w == 0 {
                return 0;
            }
            leaf += 1;
            depth[leaf - 1]
        })
        .collect()
}

/// Canonical codes of these lengths, bit-reversed for DEFLATE's least-significant-first order.
pub fn codes(lengths: &[u8]) -> Vec<u32> {
    let mut count = [0u32; 16];
    for &l in lengths {
        count[usize::from(l)] += 1;
    }
    count[0] = 0;
    let mut next = [0u32; 16];
    for l in 1..16 {
        next[l] = (next[l - 1] + count[l - 1]) << 1;
    }
    lengths
        .iter()
        .map(|&l| {
            if l == 0 {
                return 0;
            }
            let c = next[usize::from(l)];
            next[usize::from(l)] += 1;
            c.reverse_bits() >> (32 - u32::from(l))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use std::cmp::Reverse;
    use std::collections::BinaryHeap;

    /// Huffman code lengths through a binary heap of (weight, node number): the reference for
    /// [`huffman`]'s two queues.
    fn by_heap(f: &[u64]) -> Vec<u8> {
        let mut heap: BinaryHeap<Reverse<(u64, usize)>> = BinaryHeap::new();
        let mut parent: Vec<usize> = Vec::new();
        let mut leaf = vec![usize::MAX; f.len()];
        for (s, &w) in f.iter().enumerate() {
            if w > 0 {
                leaf[s] = parent.len();
                heap.push(Reverse((w, parent.len())));
                parent.push(usize::MAX);
            }
        }
        while let (Some(Reverse((wa, a))), Some(Reverse((wb, b)))) = (heap.pop(), heap.pop()) {
            let node = parent.len();
            parent.push(usize::MAX);
            parent[a] = node;
            parent[b] = node;
            heap.push(Reverse((wa + wb, node)));
        }
        let depth = |mut n: usize| {
            let mut d = 0u8;
            while parent[n] != usize::MAX {
                n = parent[n];
                d += 1;
            }
            d
        };
        leaf.iter()
            .map(|&n| if n == usize::MAX { 0 } else { depth(n) })
            .collect()
    }

    proptest! {
        #[test]
        fn two_queues_give_the_heaps_lengths(
            f in proptest::collection::vec(
                prop_oneof![Just(0u64), 1u64..4, 1u64..100_000],
                0..300,
            )
        ) {
            prop_assert_eq!(huffman(&f), by_heap(&f));
        }
    }

    #[test]
    fn code_lengths_respect_their_limit() {
        // Fibonacci frequencies make the deepest plain Huffman tree.
        let mut f = vec![1u32, 1];
        while f.len() < 30 {
            f.push(f[f.len() - 1] + f[f.len() - 2]);
        }
        let l = lengths(&f, 15);
        assert!(l.iter().all(|&x| (1..=15).contains(&x)), "{l:?}");
        let kraft: f64 = l.iter().map(|&x| 0.5f64.powi(i32::from(x))).sum();
        assert!((kraft - 1.0).abs() < 1e-9);
        assert_eq!(lengths(&[0, 5, 0], 7), [1, 1, 0]);
    }
}
