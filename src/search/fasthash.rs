//! A fast hasher for the index builder's maps of words and numbers (the standard SipHash cost a
//! tenth of the build's CPU in the vocabulary's lookups alone), and a map that keys short words
//! by number. Iteration order of these maps never reaches the index bytes (keys are sorted before
//! they are written), so any hash will do.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasher, BuildHasherDefault, Hasher};

/// Multiplier of the word-at-a-time mix (the one rustc's own `FxHasher` uses).
const K: u64 = 0xf135_7aea_2e62_a9c5;

/// A word-at-a-time multiplicative hasher (in the manner of rustc's `FxHasher`); not resistant to
/// chosen collisions, which would only slow a build down, never change its output.
#[derive(Debug, Default, Clone, Copy)]
pub struct FastHasher {
    hash: u64,
}

impl FastHasher {
    fn add(&mut self, word: u64) {
        self.hash = (self.hash.rotate_left(5) ^ word).wrapping_mul(K);
    }
}

impl Hasher for FastHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            self.add(u64::from_le_bytes(c.try_into().unwrap_or_default()));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut last = [0u8; 8];
            last[..rest.len()].copy_from_slice(rest);
            self.add(u64::from_le_bytes(last) ^ (rest.len() as u64) << 59);
        }
    }

    fn write_u8(&mut self, n: u8) {
        self.add(u64::from(n));
    }

    fn write_u32(&mut self, n: u32) {
        self.add(u64::from(n));
    }

    fn write_u64(&mut self, n: u64) {
        self.add(n);
    }

    fn write_usize(&mut self, n: usize) {
        self.add(n as u64);
    }

    fn finish(&self) -> u64 {
        // The multiply leaves the low bits weakest; the table indexes by them.
        self.hash.rotate_left(26)
    }
}

/// A `HashMap` with [`FastHasher`].
pub type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FastHasher>>;
/// A `HashSet` with [`FastHasher`].
pub type FastSet<T> = HashSet<T, BuildHasherDefault<FastHasher>>;

/// A map keyed by words: a word of up to 15 bytes (most of them) is held as two numbers, its bytes
/// and its length, which hash and compare in a step or two; longer ones as strings.
#[derive(Debug, Clone)]
pub struct WordMap<V> {
    short: FastMap<(u64, u64), V>,
    long: FastMap<String, V>,
}

impl<V> Default for WordMap<V> {
    fn default() -> Self {
        WordMap {
            short: FastMap::default(),
            long: FastMap::default(),
        }
    }
}

/// Bytes `at..at + N` of `bytes`.
fn load<const N: usize>(bytes: &[u8], at: usize) -> [u8; N] {
    let mut out = [0; N];
    out.copy_from_slice(&bytes[at..at + N]);
    out
}

impl<V> WordMap<V> {
    /// The bytes of a word of at most 15, little-endian in 16 bytes, with its length in the last:
    /// read as two overlapping loads rather than byte by byte.
    pub(super) fn packed(word: &str) -> Option<(u64, u64)> {
        let bytes = word.as_bytes();
        let n = bytes.len();
        let (lo, hi) = match n {
            0..=3 => (bytes.iter().rev().fold(0, |v, &b| v << 8 | u64::from(b)), 0),
            4..=7 => {
                let first = u64::from(u32::from_le_bytes(load(bytes, 0)));
                let last = u64::from(u32::from_le_bytes(load(bytes, n - 4)));
                (first | last << (8 * (n - 4)), 0)
            }
            8..=15 => {
                let last = u64::from_le_bytes(load(bytes, n - 8));
                // Bytes 8.. of the word; none when it has exactly 8.
                let rest = last.checked_shr(8 * (16 - n) as u32).unwrap_or(0);
                (u64::from_le_bytes(load(bytes, 0)), rest)
            }
            _ => return None,
        };
        Some((lo, hi | (n as u64) << 56))
    }

    /// The value of `word`, if it has one.
    pub fn get(&self, word: &str) -> Option<&V> {
        match Self::packed(word) {
            Some(key) => self.short.get(&key),
            None => self.long.get(word),
        }
    }

    /// The value of `word`, made with `V::default()` if it has none yet.
    pub fn entry_or_default(&mut self, word: &str) -> &mut V
    where
        V: Default,
    {
        match Self::packed(word) {
            Some(key) => self.short.entry(key).or_default(),
            None => self.long.entry(word.to_string()).or_default(),
        }
    }

    /// Every word with its value, in no particular order.
    pub fn into_entries(self) -> impl Iterator<Item = (String, V)> {
        let short = self.short.into_iter().map(|((lo, hi), v)| {
            let mut bytes = [0u8; 16];
            bytes[..8].copy_from_slice(&lo.to_le_bytes());
            bytes[8..].copy_from_slice(&hi.to_le_bytes());
            let len = usize::from(bytes[15]);
            // The bytes came from a `str`: never lossy.
            (String::from_utf8_lossy(&bytes[..len]).into_owned(), v)
        });
        short.chain(self.long)
    }

    /// The value of `word`, set to `value` first if it has none.
    pub fn get_or_insert(&mut self, word: &str, value: V) -> &mut V {
        match Self::packed(word) {
            Some(key) => self.short.entry(key).or_insert(value),
            None => self.long.entry(word.to_string()).or_insert(value),
        }
    }

    /// A hash of `word`, from the form this map keys it by; the same for the same word.
    pub fn hash(word: &str) -> u64 {
        let build = BuildHasherDefault::<FastHasher>::default();
        match Self::packed(word) {
            Some(key) => build.hash_one(key),
            None => build.hash_one(word),
        }
    }

    /// Sets the value of `word`.
    pub fn insert(&mut self, word: &str, value: V) {
        match Self::packed(word) {
            Some(key) => self.short.insert(key, value),
            None => self.long.insert(word.to_string(), value),
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::{BuildHasher, Hash};

    fn hash(value: impl Hash) -> u64 {
        BuildHasherDefault::<FastHasher>::default().hash_one(value)
    }

    #[test]
    fn different_words_hash_apart_and_maps_work() {
        let words = [
            "disk",
            "disks",
            "disk\0",
            "outage",
            "ab",
            "ba",
            "",
            "a-much-longer-code-2024",
        ];
        let mut hashes: Vec<u64> = words.iter().map(hash).collect();
        hashes.sort_unstable();
        hashes.dedup();
        assert_eq!(hashes.len(), words.len());
        assert_eq!(hash("disk"), hash(String::from("disk")));
        let mut map: FastMap<String, usize> = FastMap::default();
        for (i, w) in words.iter().enumerate() {
            map.insert(w.to_string(), i);
        }
        assert_eq!(map.get("outage"), Some(&3));
        assert_eq!(map.len(), words.len());
    }

    #[test]
    fn words_are_packed_as_their_bytes_and_length() {
        let text = "abcdefghijklmnopæøå";
        for start in 0..4 {
            for end in start..text.len() {
                let Some(word) = text.get(start..end) else {
                    continue;
                };
                let mut buf = [0u8; 16];
                let packed = WordMap::<()>::packed(word);
                if word.len() > 15 {
                    assert_eq!(packed, None);
                    continue;
                }
                buf[..word.len()].copy_from_slice(word.as_bytes());
                buf[15] = word.len() as u8;
                let want = (
                    u64::from_le_bytes(load(&buf, 0)),
                    u64::from_le_bytes(load(&buf, 8)),
                );
                assert_eq!(packed, Some(want), "{word:?}");
            }
        }
    }

    #[test]
    fn word_maps_tell_apart_words_that_share_their_bytes_up_to_padding() {
        let words = [
            "",
            "a",
            "a\0",
            "\0",
            "ab",
            "abcdefghijklmno",
            "abcdefghijklmnop",
            "abcdefghijklmno\0",
            "abcdefghijklmnopq",
            "blåbær",
            "inc-2024-0007",
        ];
        let mut map = WordMap::default();
        for (i, w) in words.iter().enumerate() {
            assert_eq!(map.get(w), None, "{w:?}");
            map.insert(w, i);
        }
        for (i, w) in words.iter().enumerate() {
            assert_eq!(map.get(w), Some(&i), "{w:?}");
        }
        map.insert("ab", 99);
        assert_eq!(map.get("ab"), Some(&99));
        assert_eq!(map.get("abc"), None);
        *map.entry_or_default("abc") += 5;
        *map.entry_or_default("ab") += 1;
        *map.entry_or_default("abcdefghijklmnopqrs") += 7;
        assert_eq!(*map.get_or_insert("ab", 5), 100);
        assert_eq!(*map.get_or_insert("abcd", 4), 4);
        assert_eq!(*map.get_or_insert("abcd", 9), 4);
        assert_eq!(*map.get_or_insert("abcdefghijklmnopqrst", 8), 8);
        assert_eq!(*map.get_or_insert("abcdefghijklmnopqrst", 9), 8);
        for w in ["ab", "abcd", "abcdefghijklmnopqrst"] {
            let elsewhere = format!("x{w}");
            assert_eq!(
                WordMap::<usize>::hash(w),
                WordMap::<usize>::hash(&elsewhere[1..])
            );
        }
        assert_ne!(WordMap::<usize>::hash("ab"), WordMap::<usize>::hash("abc"));
        let mut all: Vec<(String, usize)> = map.into_entries().collect();
        all.sort();
        let mut want: Vec<(String, usize)> = words
            .iter()
            .enumerate()
            .map(|(i, w)| (w.to_string(), if *w == "ab" { 100 } else { i }))
            .chain([("abc".into(), 5), ("abcdefghijklmnopqrs".into(), 7)])
            .chain([("abcd".into(), 4), ("abcdefghijklmnopqrst".into(), 8)])
            .collect();
        want.sort();
        assert_eq!(all, want);
    }
}
