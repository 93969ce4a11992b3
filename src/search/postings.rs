//! One term's postings as bytes: its documents grouped into tiers of equal score level (highest
//! first), each tier's document numbers as Rice-coded gaps. Tiers keep the level out of every
//! posting, and gaps cost a few bits where a term is common.
//!
//! Bit stream (MSB first, padded to a byte): gamma(tiers + 1); then per tier: level (4 bits),
//! gamma(count), Rice parameter k (4 bits), then `count` Rice codes of `gap − 1`, where a gap is the
//! difference to the previous document number of the tier (the first counts from −1).

use super::bits::{BitWriter, best_rice};

/// Lead cards are kept only for terms in at least this many documents; terms in fewer documents
/// show their results from at most two card blocks anyway.
pub const LEAD_MIN_DF: usize = 3;
/// A first screen may fetch this many card blocks; lead cards stand in for the rest.
pub const LEAD_BLOCKS: usize = 2;
/// Lead card copies, over all terms, stay under this many per hundred documents: the most common
/// terms get them first, since they are the ones typed most and whose results spread widest.
pub const LEAD_PER_100_DOCS: usize = 210;
/// ... or under this many (about 2 MB), whichever is more: a smaller archive has fewer documents but
/// not proportionally fewer words, and this many covers every word of a few thousand documents.
pub const LEAD_MIN_COPIES: usize = 16_000;

/// How many lead card copies an archive of `docs` documents may have.
pub fn lead_budget(docs: usize) -> usize {
    (docs * LEAD_PER_100_DOCS / 100).max(LEAD_MIN_COPIES)
}

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

/// For every term, the documents whose cards travel with it: of its `count` best documents (its
/// first screen), those outside the [`LEAD_BLOCKS`] card blocks of `per` documents that hold most of
/// them, so the first screen needs at most that many blocks. Terms get them by falling document
/// count (then spelling) until `budget` copies (see [`lead_budget`]) would run out.
pub fn choose_leads(
    postings: &[Vec<(u32, u8)>],
    terms: &[String],
    mut budget: usize,
    count: usize,
    per: usize,
) -> Vec<Vec<u32>> {
    let mut by_df: Vec<usize> = (0..postings.len())
        .filter(|&t| postings[t].len() >= LEAD_MIN_DF)
        .collect();
    by_df.sort_unstable_by(|&a, &b| {
        postings[b]
            .len()
            .cmp(&postings[a].len())
            .then_with(|| terms[a].cmp(&terms[b]))
    });
    let mut out = vec![Vec::new(); postings.len()];
    for t in by_df {
        let extra = outside_blocks(&leads(&postings[t], count), per);
        if extra.len() > budget {
            break;
        }
        budget -= extra.len();
        out[t] = extra;
    }
    out
}

/// The documents of `first` outside the [`LEAD_BLOCKS`] blocks (of `per` documents) holding most
/// of them, the lower block first among equals; in the order of `first`.
pub fn outside_blocks(first: &[u32], per: usize) -> Vec<u32> {
    let block = |d: u32| d as usize / per.max(1);
    let mut counts: Vec<(usize, usize)> = Vec::new();
    for &d in first {
        match counts.iter_mut().find(|c| c.0 == block(d)) {
            Some(c) => c.1 += 1,
            None => counts.push((block(d), 1)),
        }
    }
    counts.sort_unstable_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let kept: Vec<usize> = counts.iter().take(LEAD_BLOCKS).map(|c| c.0).collect();
    first
        .iter()
        .copied()
        .filter(|&d| !kept.contains(&block(d)))
        .collect()
}

/// A term's `count` best documents, highest level first and newest first among equals (the order
/// the client ranks a one-word query in).
pub fn leads(list: &[(u32, u8)], count: usize) -> Vec<u32> {
    let mut best: Vec<(u8, u32)> = list.iter().map(|&(d, l)| (l, d)).collect();
    best.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    best.iter().take(count).map(|&(_, d)| d).collect()
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

    #[test]
    fn leads_are_the_first_screen_outside_its_two_fullest_blocks() {
        let list = vec![(0, 2), (1, 9), (2, 9), (3, 5)];
        assert_eq!(leads(&list, 3), [1, 2, 3]);
        // Blocks of one document: 1, 2 and 3 each in its own; the lower two are fetched.
        assert_eq!(outside_blocks(&[1, 2, 3], 1), [3]);
        // Blocks of two: {0, 1} holds two, {6} and {9} one each; the fuller and the lower stay.
        assert_eq!(outside_blocks(&[9, 0, 6, 1], 2), [9]);
        assert!(outside_blocks(&[4, 5, 0], 2).is_empty());
        let terms = ["common".to_string(), "rare".to_string()];
        let chosen = choose_leads(&[list.clone(), list[..2].to_vec()], &terms, 100, 3, 1);
        assert_eq!(lead_budget(10_000), 21_000);
        assert_eq!(lead_budget(100), LEAD_MIN_COPIES);
        assert_eq!(chosen, [vec![3], vec![]]);
        // Nine terms in 4 to 12 documents, a first screen of four (two copies each): a budget of
        // 16 copies covers the eight most common.
        let lists: Vec<Vec<(u32, u8)>> = (0..9u32)
            .map(|t| (0..4 + t).map(|d| (d, 1)).collect())
            .collect();
        let names: Vec<String> = (0..9).map(|t| format!("t{t}")).collect();
        let chosen = choose_leads(&lists, &names, 16, 4, 1);
        let with: Vec<usize> = chosen.iter().map(Vec::len).collect();
        assert_eq!(with, [0, 2, 2, 2, 2, 2, 2, 2, 2]);
    }
}
