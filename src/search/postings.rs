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
    let mut tiers: Vec<(u8, Vec<u32>)> = Vec::new();
    let mut sorted: Vec<(u8, u32)> = list.iter().map(|&(d, l)| (l, d)).collect();
    sorted.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    for (level, doc) in sorted {
        match tiers.last_mut() {
            Some((l, docs)) if *l == level => docs.push(doc),
            _ => tiers.push((level, vec![doc])),
        }
    }
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

#[cfg(test)]
mod tests {
    use super::*;

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
