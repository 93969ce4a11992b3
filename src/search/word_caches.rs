//! The vocabulary's small caches of words, each a fixed number of slots keyed by a word's packed
//! bytes (see [`WordMap::packed`]): the terms of the words a run of documents met last, and the
//! stems of the words a worker stemmed last, kept from one run of documents to the next.

use super::fasthash::WordMap;
use rust_stemmers::Stemmer;
use std::borrow::Cow;

/// A word's bytes packed in two numbers, as [`WordMap::packed`] packs them.
type Packed = (u64, u64);

/// A packed key no word has: its length byte is beyond any packed word's.
const EMPTY: (u64, u64) = (0, u64::MAX);

/// The slot of a packed word among `slots` (a power of two), from the high bits of a mix.
fn slot_of(key: (u64, u64), slots: usize) -> usize {
    let mixed = (key.0 ^ key.1.rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (mixed >> (64 - slots.trailing_zeros())) as usize
}

const _: () = assert!(RECENT_SLOTS.is_power_of_two() && STEM_SLOTS.is_power_of_two());

/// Slots of a [`Recent`] cache: a few thousand of the most often written words cover most of a
/// text, and this many slots of every language fit in a core's own cache.
pub const RECENT_SLOTS: usize = 4096;

/// What the words last met in each slot count for, by their packed bytes: a word written often is
/// found here in one step, without reaching into the whole map of every word met, which outgrows a
/// core's cache and costs a wait for memory at nearly every word.
pub struct Recent {
    /// Per slot, a packed word (no word packs to `EMPTY`) and its term.
    slots: Vec<((u64, u64), Option<u32>)>,
}

impl Recent {
    pub fn new() -> Self {
        Recent {
            slots: vec![(EMPTY, None); RECENT_SLOTS],
        }
    }

    /// The term of the packed word `key`, if it is the word its slot holds.
    #[inline]
    pub fn get(&self, key: (u64, u64)) -> Option<Option<u32>> {
        let slot = &self.slots[slot_of(key, RECENT_SLOTS)];
        (slot.0 == key).then_some(slot.1)
    }

    /// Puts the packed word `key` with its term in its slot.
    #[inline]
    pub fn put(&mut self, key: (u64, u64), term: Option<u32>) {
        self.slots[slot_of(key, RECENT_SLOTS)] = (key, term);
    }
}

/// Slots of a [`Stems`] cache per language: about as many as the different words a long run of
/// documents stems, in half a megabyte.
const STEM_SLOTS: usize = 16_384;

/// The stems of the words a worker stemmed last, per language, kept across its runs of documents:
/// most words of a run were met in the runs before, and stemming is the dearest step of a new
/// word. A word and its stem are held packed, so the cache never grows beyond its slots.
#[derive(Default)]
pub struct Stems {
    /// Per language, per slot, a packed word and its packed stem; made at the language's first word.
    slots: [Vec<(Packed, Packed)>; 2],
}

/// A stem: from the cache, or as the stemmer made it.
pub enum Stem<'w> {
    /// The packed bytes of a cached stem.
    Cached([u8; 16]),
    /// A stem just made.
    Made(Cow<'w, str>),
}

impl Stem<'_> {
    /// The stem's text.
    pub fn as_str(&self) -> &str {
        match self {
            Stem::Cached(bytes) => {
                let len = usize::from(bytes[15]);
                // The bytes were packed from a `str`: never empty for want of UTF-8.
                std::str::from_utf8(&bytes[..len]).unwrap_or_default()
            }
            Stem::Made(stem) => stem,
        }
    }
}

impl Stems {
    /// The stem of `word` by `stemmer`, the stemmer of language `lang` (0 or 1): from the cache if
    /// `word` is the word its slot holds, else made and cached when both it and its stem pack.
    pub fn stem<'w>(&mut self, lang: usize, stemmer: &Stemmer, word: &'w str) -> Stem<'w> {
        let Some(key) = WordMap::<()>::packed(word) else {
            return Stem::Made(stemmer.stem(word));
        };
        let slots = &mut self.slots[lang];
        if slots.is_empty() {
            *slots = vec![(EMPTY, EMPTY); STEM_SLOTS];
        }
        let slot = &mut slots[slot_of(key, STEM_SLOTS)];
        if slot.0 == key {
            let mut bytes = [0u8; 16];
            bytes[..8].copy_from_slice(&slot.1.0.to_le_bytes());
            bytes[8..].copy_from_slice(&slot.1.1.to_le_bytes());
            return Stem::Cached(bytes);
        }
        let stem = stemmer.stem(word);
        if let Some(packed) = WordMap::<()>::packed(&stem) {
            *slot = (key, packed);
        }
        Stem::Made(stem)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use rust_stemmers::Algorithm;

    proptest::proptest! {
        #[test]
        fn cached_stems_are_what_the_stemmer_makes(
            words in proptest::collection::vec("[a-zæøå]{1,3}(s|ing|ed|ene|ly|er|ies|y|å|ø|)", 1..400)
        ) {
            let stemmers = [Stemmer::create(Algorithm::English), Stemmer::create(Algorithm::Norwegian)];
            let mut stems = Stems::default();
            // Every word three times, in both languages, so that most are found in the cache.
            for round in 0..3 {
                for (i, w) in words.iter().enumerate() {
                    let lang = (i + round) % 2;
                    let want = stemmers[lang].stem(w);
                    let got = stems.stem(lang, &stemmers[lang], w);
                    proptest::prop_assert_eq!(got.as_str(), want.as_ref());
                }
            }
        }
    }

    #[test]
    fn words_sharing_a_slot_push_each_other_out_and_long_ones_are_stemmed_each_time() {
        let stemmer = Stemmer::create(Algorithm::English);
        let mut stems = Stems::default();
        let words: Vec<String> = (0..3 * STEM_SLOTS)
            .map(|i| match i % 3 {
                0 => format!("failing{i}s"),
                1 => format!("averyverylongwordthatneverpacks{i}ing"),
                _ => ["outages", "failing", "storage"][i % 3].to_string(),
            })
            .collect();
        for w in words.iter().chain(&words) {
            let got = stems.stem(0, &stemmer, w);
            assert_eq!(got.as_str(), stemmer.stem(w), "{w}");
        }
        let cached =
            |w: &str, stems: &mut Stems| matches!(stems.stem(0, &stemmer, w), Stem::Cached(_));
        assert!(cached("storage", &mut stems));
        assert!(!cached("averyverylongwordthatneverpacks1ing", &mut stems));
    }
}
