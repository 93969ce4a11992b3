//! Lead cards: which documents' cards travel in a term shard, so that the first screen of a
//! one-word query for any key needs at most [`LEAD_BLOCKS`] card blocks. A key's first screen is
//! ranked here exactly as the client ranks it (the key's own terms at weight 1, the other spellings
//! that fold alike at 0.95, each document's best), so keys whose terms mix (`alerting` reaching
//! `alert` and `alerting`) are covered as well as keys of one term.

use super::fasthash::{FastMap, FastSet};
#[cfg(doc)]
use super::query::rank::{WordScores, combine};
use super::query::rank::{idf, level_value};
use super::score::MAX_LEVEL;
use rayon::prelude::*;
use std::ops::Range;

/// Lead cards are kept only for keys that find at least this many documents; fewer fit in
/// [`LEAD_BLOCKS`] card blocks anyway.
pub const LEAD_MIN_DF: usize = 3;
/// A first screen may fetch this many card blocks; lead cards stand in for the rest.
pub const LEAD_BLOCKS: usize = 2;
/// Lead card copies, over all shards, stay under this many per hundred documents: keys that find
/// the most documents get them first, since they are typed most and their results spread widest.
pub const LEAD_PER_100_DOCS: usize = 600;
/// ... or under this many, whichever is more: a smaller archive has fewer documents but not
/// proportionally fewer words, and this many covers every word of a few thousand documents.
pub const LEAD_MIN_COPIES: usize = 16_000;

/// How many lead card copies an archive of `docs` documents may have.
pub fn lead_budget(docs: usize) -> usize {
    (docs * LEAD_PER_100_DOCS / 100).max(LEAD_MIN_COPIES)
}

/// The runs of keys that fold alike in keys sorted by fold (`folds`, one per key).
pub fn fold_groups(folds: &[String]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = 0;
    for i in 1..=folds.len() {
        if i == folds.len() || folds[i] != folds[start] {
            out.push(start..i);
            start = i;
        }
    }
    out
}

/// For each key (sorted by fold, with its term ids), its first screen as a one-word query: the
/// `count` best documents in the client's order, and how many documents the query finds.
/// `lists` are the terms' postings, `docs` the index's document count, `steps` its score steps.
pub fn first_screens(
    keys: &[(String, Vec<u32>)],
    folds: &[String],
    lists: &[Vec<(u32, u8)>],
    docs: usize,
    count: usize,
    steps: u32,
) -> Vec<(Vec<u32>, usize)> {
    let groups = fold_groups(folds);
    // The value of every level, worked out once: the same numbers as a `powf` per posting.
    let values: [f64; 256] = std::array::from_fn(|l| level_value(l as u8, steps));
    groups
        .par_iter()
        .with_max_len(super::grain::most(groups.len()))
        .flat_map_iter(|g| {
            let group = &keys[g.clone()];
            let mut scored: Vec<(u32, f64)> = Vec::new();
            group.iter().map(move |(key, terms)| {
                if let ([_], [t]) = (group, terms.as_slice()) {
                    let list = &lists[*t as usize];
                    let w = idf(list.len(), docs);
                    if let Some(screen) = one_list_screen(list, w, &values, count) {
                        return screen;
                    }
                }
                scored.clear();
                for (other, terms) in group {
                    let weight = if other == key { 1.0 } else { 0.95 };
                    for &t in terms {
                        let list = &lists[t as usize];
                        let w = weight * idf(list.len(), docs);
                        scored.extend(list.iter().map(|&(d, l)| (d, w * values[usize::from(l)])));
                    }
                }
                best_first(&mut scored, count)
            })
        })
        .collect()
}

/// The first screen of a key that is alone in its fold group and reaches one term, whose postings
/// are `list` (documents ascending, each once) scored at `w` × the value of their level: what
/// [`best_first`] makes of those scores, found by comparing levels alone. `None` (the caller then
/// scores them) unless `w` × value rises with every level up to [`MAX_LEVEL`] and no posting is
/// above it: then the best scores are the best levels, ties going to the earlier document.
fn one_list_screen(
    list: &[(u32, u8)],
    w: f64,
    values: &[f64; 256],
    count: usize,
) -> Option<(Vec<u32>, usize)> {
    let top = usize::from(MAX_LEVEL);
    let rises = values[..=top]
        .windows(2)
        .all(|v| (w * v[0]).total_cmp(&(w * v[1])).is_lt());
    if !rises {
        return None;
    }
    // The best so far, by level descending; among equal levels, earlier documents first.
    let mut best: Vec<(u32, u8)> = Vec::with_capacity(count + 1);
    for &(d, l) in list {
        if l > MAX_LEVEL {
            return None;
        }
        if best.len() == count {
            match best.last() {
                Some(last) if l > last.1 => {
                    best.pop();
                }
                _ => continue,
            }
        }
        // After every kept posting of a level as high: they are of earlier documents.
        let at = best.partition_point(|b| b.1 >= l);
        best.insert(at, (d, l));
    }
    Some((best.iter().map(|b| b.0).collect(), list.len()))
}

/// First screens of up to this many results are picked in one pass over the scores, longer ones by
/// selection.
const SMALL_SCREEN: usize = 16;

/// The `count` best documents of `scored` (document, score) as [`combine`] ranks one word (each
/// document's best score, highest first, then newest), and how many documents it holds; what
/// [`WordScores`] and [`combine`] compute, without their maps.
fn best_first(scored: &mut Vec<(u32, f64)>, count: usize) -> (Vec<u32>, usize) {
    if scored.windows(2).any(|w| w[0].0 >= w[1].0) {
        scored.sort_unstable_by(|a, b| a.0.cmp(&b.0).then(b.1.total_cmp(&a.1)));
        scored.dedup_by_key(|e| e.0);
    }
    let found = scored.len();
    let order = |a: &(u32, f64), b: &(u32, f64)| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0));
    if count <= SMALL_SCREEN {
        // One pass keeping the best so far in order: most documents lose to the last of them.
        let mut best: Vec<(u32, f64)> = Vec::with_capacity(count + 1);
        for &e in scored.iter() {
            if best.len() == count {
                match best.last() {
                    Some(last) if order(&e, last).is_lt() => {
                        best.pop();
                    }
                    _ => continue,
                }
            }
            let at = best.partition_point(|b| order(b, &e).is_lt());
            best.insert(at, e);
        }
        return (best.iter().map(|e| e.0).collect(), found);
    }
    if scored.len() > count && count > 0 {
        scored.select_nth_unstable_by(count - 1, order);
        scored.truncate(count);
    }
    scored.sort_unstable_by(order);
    (scored.iter().take(count).map(|e| e.0).collect(), found)
}

/// For every key, the documents whose cards its shard carries for it: of its first screen, those
/// outside the [`LEAD_BLOCKS`] card blocks (of `per` documents) that hold most of the rest, after
/// the copies already chosen for keys that fold alike. Keys get them by falling result count (then
/// spelling) until `budget` copies (see [`lead_budget`]) would run out.
pub fn choose(
    keys: &[(String, Vec<u32>)],
    folds: &[String],
    screens: &[(Vec<u32>, usize)],
    mut budget: usize,
    per: usize,
) -> Vec<Vec<u32>> {
    let mut group = vec![0; keys.len()];
    for (n, g) in fold_groups(folds).into_iter().enumerate() {
        group[g].fill(n);
    }
    let mut order: Vec<usize> = (0..keys.len())
        .filter(|&k| screens[k].1 >= LEAD_MIN_DF)
        .collect();
    order.sort_unstable_by(|&a, &b| {
        screens[b]
            .1
            .cmp(&screens[a].1)
            .then_with(|| keys[a].0.cmp(&keys[b].0))
    });
    let mut copied: FastMap<usize, FastSet<u32>> = FastMap::default();
    let mut out = vec![Vec::new(); keys.len()];
    for k in order {
        let have = copied.entry(group[k]).or_default();
        let rest: Vec<u32> = screens[k]
            .0
            .iter()
            .copied()
            .filter(|d| !have.contains(d))
            .collect();
        let extra = outside_blocks(&rest, per);
        if extra.len() > budget {
            break;
        }
        budget -= extra.len();
        have.extend(extra.iter().copied());
        out[k] = extra;
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn one_list_screens_are_the_best_scores(
            docs in proptest::collection::btree_set(0u32..400, 0..120),
            levels in proptest::collection::vec(0u8..=MAX_LEVEL + 2, 120),
            w in prop_oneof![Just(1e-320), 1e-3f64..20.0],
            count in 0usize..=SMALL_SCREEN + 4,
        ) {
            let values: [f64; 256] = std::array::from_fn(|l| level_value(l as u8, 2));
            let list: Vec<(u32, u8)> = docs.into_iter().zip(levels).collect();
            if let Some(fast) = one_list_screen(&list, w, &values, count) {
                let mut scored: Vec<(u32, f64)> =
                    list.iter().map(|&(d, l)| (d, w * values[usize::from(l)])).collect();
                prop_assert_eq!(fast, best_first(&mut scored, count));
            } else {
                let high = list.iter().any(|e| e.1 > MAX_LEVEL);
                prop_assert!(high || w < 1e-300, "{list:?} {w}");
            }
        }
    }

    fn key(k: &str, terms: &[u32]) -> (String, Vec<u32>) {
        (k.to_string(), terms.to_vec())
    }

    #[test]
    fn leads_are_the_first_screen_outside_its_two_fullest_blocks() {
        // Blocks of one document: 1, 2 and 3 each in its own; the lower two are fetched.
        assert_eq!(outside_blocks(&[1, 2, 3], 1), [3]);
        // Blocks of two: {0, 1} holds two, {6} and {9} one each; the fuller and the lower stay.
        assert_eq!(outside_blocks(&[9, 0, 6, 1], 2), [9]);
        assert!(outside_blocks(&[4, 5, 0], 2).is_empty());
        assert_eq!(lead_budget(10_000), 60_000);
        assert_eq!(lead_budget(100), LEAD_MIN_COPIES);
    }

    #[test]
    fn first_screens_match_the_client_ranking_on_many_keys() {
        use crate::search::query::rank::{WordScores, combine};
        // Pseudo-random postings: many ties in level, documents shared between terms.
        let mut x = 12_345u32;
        let mut next = |m: u32| {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            (x >> 16) % m
        };
        let lists: Vec<Vec<(u32, u8)>> = (0..6)
            .map(|_| {
                let mut docs: Vec<u32> = (0..40).filter(|_| next(3) == 0).collect();
                docs.dedup();
                docs.into_iter().map(|d| (d, next(4) as u8)).collect()
            })
            .collect();
        let keys = [
            key("a", &[0, 1]),
            key("á", &[2]),
            key("à", &[1, 3]),
            key("b", &[4]),
            key("c", &[5]),
        ];
        let folds: Vec<String> = ["a", "a", "a", "b", "c"].map(String::from).to_vec();
        for count in [0, 1, 3, 5, SMALL_SCREEN, SMALL_SCREEN + 1, 100] {
            let screens = first_screens(&keys, &folds, &lists, 40, count, 2);
            for (k, (key, _)) in keys.iter().enumerate() {
                let mut word = WordScores::default();
                for (other, terms) in keys.iter().filter(|o| folds_alike(o, key, &keys, &folds)) {
                    let weight = if other == key { 1.0 } else { 0.95 };
                    for &t in terms {
                        word.add(&lists[t as usize], weight, 40, 2);
                    }
                }
                let (hits, _) = combine(std::slice::from_ref(&word));
                let want: Vec<u32> = hits.iter().take(count).map(|h| h.doc).collect();
                assert_eq!(screens[k], (want, word.scores.len()), "{key} {count}");
            }
        }
    }

    fn folds_alike(
        a: &(String, Vec<u32>),
        b: &str,
        keys: &[(String, Vec<u32>)],
        folds: &[String],
    ) -> bool {
        let fold = |k: &str| &folds[keys.iter().position(|o| o.0 == k).expect("a key")];
        fold(&a.0) == fold(b)
    }

    #[test]
    fn a_first_screen_is_ranked_as_the_client_ranks_the_key() {
        // Term 0 in documents 0–3, term 1 (rarer, so worth more) in 4 and 5 at a high level.
        let lists = vec![vec![(0, 2), (1, 9), (2, 9), (3, 5)], vec![(4, 15), (5, 1)]];
        let keys = [key("alert", &[0]), key("alerté", &[1])];
        let folds = ["alert".to_string(), "alert".to_string()];
        let screens = first_screens(&keys, &folds, &lists, 100, 3, 2);
        // Both keys reach both terms; each one's own terms count 1, the other's 0.95.
        assert_eq!(screens[0], (vec![4, 1, 2], 6));
        assert_eq!(screens[1], (vec![4, 1, 2], 6));
        let single = first_screens(&keys[..1], &folds[..1], &lists, 100, 3, 2);
        assert_eq!(single, [(vec![1, 2, 3], 4)]);
    }

    #[test]
    fn keys_that_fold_alike_share_their_copies_and_the_budget_runs_out() {
        let keys = [
            key("a", &[0]),
            key("á", &[0]),
            key("b", &[1]),
            key("c", &[2]),
        ];
        let folds: Vec<String> = ["a", "a", "b", "c"].map(String::from).to_vec();
        let screens = [
            (vec![1, 2, 3], 9),
            (vec![1, 2, 3], 9),
            (vec![4, 5, 6], 5),
            (vec![7, 8, 9], 4),
        ];
        // Blocks of one document: each screen needs one copy; "á" reuses the copy made for "a".
        let chosen = choose(&keys, &folds, &screens, 2, 1);
        assert_eq!(chosen, [vec![3], vec![], vec![6], vec![]]);
        let all = choose(&keys, &folds, &screens, 3, 1);
        assert_eq!(all[3], [9]);
        // Keys finding fewer than three documents get none.
        let few = [(vec![1, 2], 2), (vec![1, 2], 2), (vec![4], 1), (vec![7], 1)];
        assert!(choose(&keys, &folds, &few, 9, 1).iter().all(Vec::is_empty));
    }
}
