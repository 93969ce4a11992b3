//! One term's postings as bytes: its documents grouped into tiers of equal score level (highest
//! first), each tier's document numbers as Rice-coded gaps. Tiers keep the level out of every
//! posting, and gaps cost a few bits where a term is common.
//!
//! Bit stream (MSB first, padded to a byte): gamma(tiers + 1); then per tier: level (4 bits),
//! gamma(count), Rice parameter k (4 bits), then `count` Rice codes of `gap − 1`, where a gap is the
//! difference to the previous document number of the tier (the first counts from −1).

use super::bits::{BitWriter, best_rice};

/// The postings of one term, `(document, level)` with documents ascending, as bytes.
pub fn encode(list: &[(u32, u8)]) -> Vec<u8> {
    let tiers = tiers(list);
    let mut w = BitWriter::new();
    w.gamma(tiers.len() as u64 + 1);
    let mut gaps = Vec::new();
    for (level, docs) in &tiers {
        w.bits(u64::from(*level), 4);
        w.gamma(docs.len() as u64);
        gaps.clear();
        let mut prev: i64 = -1;
        for &d in docs {
            gaps.push((i64::from(d) - prev - 1) as u64);
            prev = i64::from(d);
        }
        let (k, _) = best_rice(&gaps);
        w.bits(u64::from(k), 4);
        for &g in &gaps {
            w.rice(g, k);
        }
    }
    w.finish()
}

/// The documents of `list` (documents ascending) grouped by level, highest level first, each
/// tier's documents ascending: a counting sort, as levels are 4-bit numbers.
fn tiers(list: &[(u32, u8)]) -> Vec<(u8, Vec<u32>)> {
    let mut counts = [0usize; 256];
    let (mut low, mut high) = (u8::MAX, 0);
    for &(_, l) in list {
        counts[usize::from(l)] += 1;
        (low, high) = (low.min(l), high.max(l));
    }
    let mut tiers: Vec<(u8, Vec<u32>)> = (low..=high)
        .rev()
        .filter(|&l| counts[usize::from(l)] > 0)
        .map(|l| (l, Vec::with_capacity(counts[usize::from(l)])))
        .collect();
    // Tier of each level, by level.
    let mut slot = [0usize; 256];
    for (n, (l, _)) in tiers.iter().enumerate() {
        slot[usize::from(*l)] = n;
    }
    for &(d, l) in list {
        tiers[slot[usize::from(l)]].1.push(d);
    }
    tiers
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tiers_hold_the_documents_of_each_level_in_order() {
        let mut x = 7u32;
        let list: Vec<(u32, u8)> = (0..500u32)
            .filter_map(|d| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                (x >> 20 & 1 == 0).then_some((d, (x >> 16 & 15) as u8))
            })
            .collect();
        // What a sort by falling level, then document, groups into tiers.
        let mut sorted: Vec<(u8, u32)> = list.iter().map(|&(d, l)| (l, d)).collect();
        sorted.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        let mut want: Vec<(u8, Vec<u32>)> = Vec::new();
        for (level, doc) in sorted {
            match want.last_mut() {
                Some((l, docs)) if *l == level => docs.push(doc),
                _ => want.push((level, vec![doc])),
            }
        }
        assert_eq!(tiers(&list), want);
        assert_eq!(tiers(&[]), []);
        assert_eq!(tiers(&[(3, 200), (4, 0)]), [(200, vec![3]), (0, vec![4])]);
    }

    #[test]
    fn one_posting_is_a_few_bits() {
        // gamma(2)=010, level 7=0111, gamma(1)=1, k=1 as 0001, rice(5,1)=1101 → 16 bits.
        assert_eq!(encode(&[(5, 7)]).len(), 2);
    }

    #[test]
    fn tiers_go_from_the_highest_level_down() {
        let bytes = encode(&[(0, 3), (1, 9), (2, 3)]);
        // gamma(3) = 011, then the first tier's level 9 = 1001.
        assert_eq!(bytes[0] >> 1, 0b011_1001);
    }
}
