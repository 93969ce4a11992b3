//! Term shards: the keys sorted by their folded spelling and cut into files of about
//! [`SHARD_BYTES`] packed, each carrying the postings of the terms its keys lead to and the lead
//! cards of those keys (see [`super::leads`]), so a one-word query needs exactly one shard and at
//! most two card blocks.
//!
//! Shard file: `dbT2`, then packed with [`super::deflate`]: varint key count, term count, lead
//! count; the keys; the terms (varint byte length, postings as in [`super::postings`]); the lead
//! cards (each a varint gap to the previous lead's document number, the first counting from 0, then
//! the card record).
//!
//! A key is front-coded against the previous key: one byte `shared << 4 | suffix` (each capped at
//! 15, a varint of the rest following when capped), the suffix bytes, then its terms. Terms are
//! numbered in the shard in the order keys first name them; a key names them with one varint `v`:
//! `0` = one term, the next new one; odd = one term already named, `(v − 1) / 2` back from the
//! newest; even = `v / 2 + 1` terms, each a varint: `0` the next new one, else `c − 1` back.

use super::bits;
use super::deflate;
use super::fasthash::{FastMap, FastSet};
use super::grain;
use super::text::canonical;
use rayon::prelude::*;
use std::ops::Range;
use std::sync::{Mutex, PoisonError};

/// Magic bytes that open a shard.
pub const MAGIC: &[u8; 4] = b"dbT2";
/// Aim for shards of about this many bytes, packed (estimated from the unpacked parts).
pub const SHARD_BYTES: usize = 24 * 1024;

/// The inputs shards are cut from.
pub struct Parts<'a> {
    /// Keys with their term ids, sorted by [`sort_keys`].
    pub keys: &'a [(String, Vec<u32>)],
    /// The fold of each key.
    pub folds: &'a [String],
    /// Encoded postings by term id.
    pub postings: &'a [Vec<u8>],
    /// Lead documents by key.
    pub leads: &'a [Vec<u32>],
    /// Card records by document number.
    pub cards: &'a [Vec<u8>],
}

/// One finished shard: the folded spelling of its first key and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shard {
    /// Every key of this shard folds to this or to something after it (and before the next shard's).
    pub first: String,
    /// The file.
    pub bytes: Vec<u8>,
}

/// Keys sorted by folded spelling, then by themselves (keys that fold alike are neighbours), and
/// their folded spellings; on every thread.
pub fn sort_keys(keys: Vec<(String, Vec<u32>)>) -> (Vec<(String, Vec<u32>)>, Vec<String>) {
    let most = grain::most(keys.len());
    let mut with: Vec<(String, (String, Vec<u32>))> = keys
        .into_par_iter()
        .with_max_len(most)
        .map(|k| (canonical(&k.0).into_owned(), k))
        .collect();
    // Keys are distinct, so no two compare equal: the order is the same however it is sorted.
    with.par_sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| a.1.0.cmp(&b.1.0)));
    with.into_par_iter().map(|(f, k)| (k, f)).unzip()
}

/// Cuts the sorted keys into shards, never between two keys that fold alike, and encodes the shards
/// in parallel: each as soon as its keys are known, so the other threads pack shards while this
/// one is still cutting (a pass over every key, on one thread).
pub fn cut(parts: &Parts<'_>) -> Vec<Shard> {
    let encoded: Mutex<Vec<(usize, Shard)>> = Mutex::new(Vec::new());
    rayon::scope(|scope| {
        let mut cut = 0;
        each_range(parts, |range| {
            let (at, encoded) = (cut, &encoded);
            cut += 1;
            scope.spawn(move |_| {
                let shard = encode(range, parts);
                // Only pushed to: usable after a panic elsewhere.
                let mut encoded = encoded.lock().unwrap_or_else(PoisonError::into_inner);
                encoded.push((at, shard));
            });
        });
    });
    let mut shards = encoded.into_inner().unwrap_or_else(PoisonError::into_inner);
    shards.sort_unstable_by_key(|(at, _)| *at);
    shards.into_iter().map(|(_, shard)| shard).collect()
}

/// Calls `shard` with the range of keys of every shard, in key order: a shard is closed before
/// the group of keys that fold alike that would take its estimated size over [`SHARD_BYTES`].
fn each_range(parts: &Parts<'_>, mut shard: impl FnMut(Range<usize>)) {
    let (keys, folded) = (parts.keys, parts.folds);
    let mut start = 0;
    let mut size = 0;
    let mut terms: FastSet<u32> = FastSet::default();
    let mut leads: FastSet<u32> = FastSet::default();
    let mut i = 0;
    while i < keys.len() {
        let mut j = i + 1;
        while j < keys.len() && folded[j] == folded[i] {
            j += 1;
        }
        // In thirds of a byte: packed, front-coded keys and card text take about a third of
        // their length, postings (dense bits already) all of it.
        let mut cost = 0;
        for (n, (key, ids)) in keys[i..j].iter().enumerate() {
            let prev = if i + n > start {
                keys[i + n - 1].0.as_bytes()
            } else {
                &[]
            };
            let shared = prev
                .iter()
                .zip(key.as_bytes())
                .take_while(|(a, b)| a == b)
                .count();
            cost += key.len() - shared + 1 + ids.len();
            for &t in ids {
                if !terms.contains(&t) {
                    cost += 3 * (parts.postings[t as usize].len() + 2);
                }
            }
            for &d in &parts.leads[i + n] {
                if !leads.contains(&d) {
                    cost += parts.cards[d as usize].len() + 2;
                }
            }
        }
        if i > start && size + cost > 3 * SHARD_BYTES {
            shard(start..i);
            start = i;
            size = 0;
            terms.clear();
            leads.clear();
            continue;
        }
        for (n, (_, ids)) in keys[i..j].iter().enumerate() {
            terms.extend(ids.iter().copied());
            leads.extend(parts.leads[i + n].iter().copied());
        }
        size += cost;
        i = j;
    }
    if start < keys.len() {
        shard(start..keys.len());
    }
}

fn encode(range: Range<usize>, parts: &Parts<'_>) -> Shard {
    let (keys, first) = (&parts.keys[range.clone()], &parts.folds[range.start]);
    let mut local: FastMap<u32, u64> = FastMap::default();
    let mut terms: Vec<u32> = Vec::new();
    for (_, ids) in keys {
        for &t in ids {
            local.entry(t).or_insert_with(|| {
                terms.push(t);
                terms.len() as u64 - 1
            });
        }
    }
    let mut lead_docs: Vec<u32> = parts.leads[range].concat();
    lead_docs.sort_unstable();
    lead_docs.dedup();

    let mut out = Vec::new();
    bits::varint(&mut out, keys.len() as u64);
    bits::varint(&mut out, terms.len() as u64);
    bits::varint(&mut out, lead_docs.len() as u64);
    let mut prev: &[u8] = &[];
    let mut named = 0u64;
    for (key, ids) in keys {
        let key = key.as_bytes();
        let shared = prev.iter().zip(key).take_while(|(a, b)| a == b).count();
        let suffix = key.len() - shared;
        out.push((shared.min(15) << 4 | suffix.min(15)) as u8);
        if shared >= 15 {
            bits::varint(&mut out, (shared - 15) as u64);
        }
        if suffix >= 15 {
            bits::varint(&mut out, (suffix - 15) as u64);
        }
        out.extend_from_slice(&key[shared..]);
        let mut code = |t: &u32| -> Option<u64> {
            let l = local[t];
            if l == named {
                named += 1;
                None
            } else {
                Some(named - 1 - l)
            }
        };
        if let [only] = ids.as_slice() {
            let v = code(only).map_or(0, |back| 2 * back + 1);
            bits::varint(&mut out, v);
        } else {
            bits::varint(&mut out, 2 * (ids.len() as u64 - 1));
            for t in ids {
                let c = code(t).map_or(0, |back| back + 1);
                bits::varint(&mut out, c);
            }
        }
        prev = key;
    }
    for &t in &terms {
        let p = &parts.postings[t as usize];
        bits::varint(&mut out, p.len() as u64);
        out.extend_from_slice(p);
    }
    let mut prev_doc = 0;
    for &d in &lead_docs {
        bits::varint(&mut out, u64::from(d - prev_doc));
        out.extend_from_slice(&parts.cards[d as usize]);
        prev_doc = d;
    }
    Shard {
        first: first.to_string(),
        bytes: [MAGIC.as_slice(), &deflate::pack(&out)].concat(),
    }
}
