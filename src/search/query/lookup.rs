//! From a query's words to the terms they reach in a shard, by the client's rules (`lookup` in
//! `search.js`): the exact spelling, other spellings with the same fold, a common ending beyond a
//! key, longer keys while typing the last word, and one typo in a word of five letters or more.

use super::files::{Key, Shard};
use crate::search::text::{Piece, canonical, normalise, pieces};

/// Endings a query word may have beyond a key it was not indexed under
/// (`lagringssystemer` → `lagringssystem`): the client's list, in the client's order.
pub const SUFFIXES: [&str; 16] = [
    "s", "es", "ed", "ing", "e", "en", "et", "er", "ene", "ers", "ets", "ens", "a", "ne", "te",
    "de",
];
/// A stem left by removing an ending must be at least this long (in UTF-16 units, as the client counts).
const MIN_STEM: usize = 3;
/// Typos are forgiven only in words of at least this many characters.
pub const MIN_TYPO_CHARS: usize = 5;
/// At most this many longer keys are taken for a word being typed.
pub const PREFIX_KEYS: usize = 100;

/// One word of a query, normalised and folded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    /// As typed, normalised (NFC, lowercase).
    pub text: String,
    /// Its fold ([`canonical`]).
    pub fold: String,
    /// Whether it is a code (`ops-412`), looked up whole.
    pub code: bool,
    /// A code's words, looked up instead when the code matches nothing.
    pub parts: Vec<Word>,
    /// A stopword of any language: ignored when it matches nothing.
    pub stop: bool,
}

impl Word {
    fn new(text: &str, code: bool, stop: bool) -> Self {
        Word {
            text: text.to_string(),
            fold: canonical(text).into_owned(),
            code,
            parts: Vec::new(),
            stop,
        }
    }
}

/// The words of a query; a code carries its words as parts. `is_stop` tells a stopword.
pub fn parse(query: &str, is_stop: impl Fn(&str) -> bool) -> Vec<Word> {
    let text = normalise(query);
    let base = text.as_ptr() as usize;
    let end_of = |piece: &str| piece.as_ptr() as usize - base + piece.len();
    let mut words: Vec<Word> = Vec::new();
    let mut code: Option<(usize, usize)> = None; // (index in words, end)
    pieces(&text, |piece| match piece {
        Piece::Code(c) => {
            code = Some((words.len(), end_of(c)));
            words.push(Word::new(c, true, false));
        }
        Piece::Word(w) => {
            let word = Word::new(w, false, is_stop(w));
            match code {
                Some((at, end)) if end_of(w) <= end => words[at].parts.push(word),
                _ => words.push(word),
            }
        }
    });
    words
}

/// How a key was reached from a query word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// The key is spelled as the word.
    Exact,
    /// The key folds as the word does (`blabaer` → `blåbær`).
    Fold,
    /// The word is the key plus a common ending.
    Ending,
    /// The key starts with the word being typed.
    Prefix,
    /// The key is one edit away.
    Typo,
}

impl Reach {
    /// How much a match counts: 1, 0.95, 0.8, 0.7, 0.6.
    pub fn weight(self) -> f64 {
        match self {
            Reach::Exact => 1.0,
            Reach::Fold => 0.95,
            Reach::Ending => 0.8,
            Reach::Prefix => 0.7,
            Reach::Typo => 0.6,
        }
    }
}

/// A term a word reached: the shard's term number and how.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Found {
    /// The term, numbered within its shard.
    pub term: usize,
    /// How the word reached it.
    pub reach: Reach,
}

/// The index of the first key whose fold is not before `fold`.
fn lower_bound(keys: &[Key], fold: &str) -> usize {
    keys.partition_point(|k| k.fold.as_str() < fold)
}

/// Adds the terms of `key`, reached as `reach`.
fn push(found: &mut Vec<Found>, key: &Key, reach: Reach) {
    found.extend(key.terms.iter().map(|&term| Found { term, reach }));
}

/// The terms `word` reaches in `shard`, in the client's order, and whether the range of longer
/// keys ran to the end of the shard (so the next shard may hold more).
pub fn lookup(shard: &Shard, word: &Word, prefix: bool, typos: bool) -> (Vec<Found>, bool) {
    let keys = &shard.keys;
    let mut found = Vec::new();
    let mut j = lower_bound(keys, &word.fold);
    while j < keys.len() && keys[j].fold == word.fold {
        let reach = if keys[j].key == word.text {
            Reach::Exact
        } else {
            Reach::Fold
        };
        push(&mut found, &keys[j], reach);
        j += 1;
    }
    if found.is_empty() && !word.code {
        for suffix in SUFFIXES {
            let Some(stem) = word.fold.strip_suffix(suffix) else {
                continue;
            };
            if stem.encode_utf16().count() < MIN_STEM {
                continue;
            }
            let mut s = lower_bound(keys, stem);
            while s < keys.len() && keys[s].fold == stem {
                push(&mut found, &keys[s], Reach::Ending);
                s += 1;
            }
        }
    }
    let mut more = false;
    if prefix {
        let mut taken = 0;
        while j < keys.len() && keys[j].fold.starts_with(&word.fold) {
            if taken < PREFIX_KEYS {
                push(&mut found, &keys[j], Reach::Prefix);
            }
            taken += 1;
            j += 1;
        }
        more = j == keys.len();
    }
    if found.is_empty() && typos && word.fold.chars().count() >= MIN_TYPO_CHARS {
        let fold = Units::of(&word.fold);
        for k in keys {
            if one_edit(&Units::of(&k.fold), &fold) {
                push(&mut found, k, Reach::Typo);
            }
        }
    }
    (found, more)
}

/// A string as the client's string functions see it: bytes when ASCII, else UTF-16 units.
enum Units<'a> {
    Ascii(&'a [u8]),
    Wide(Vec<u16>),
}

impl<'a> Units<'a> {
    fn of(text: &'a str) -> Self {
        if text.is_ascii() {
            Units::Ascii(text.as_bytes())
        } else {
            Units::Wide(text.encode_utf16().collect())
        }
    }
}

/// Whether `a` and `b` are at most one edit apart (insert, delete, substitute, swap neighbours),
/// counted in UTF-16 units as the client counts.
fn one_edit(a: &Units<'_>, b: &Units<'_>) -> bool {
    match (a, b) {
        (Units::Ascii(a), Units::Ascii(b)) => within_one_edit(a, b),
        _ => {
            let wide = |u: &Units<'_>| match u {
                Units::Ascii(s) => s.iter().map(|&c| u16::from(c)).collect(),
                Units::Wide(w) => w.clone(),
            };
            within_one_edit(&wide(a), &wide(b))
        }
    }
}

/// Whether two sequences are at most one edit apart: equal, one inserted or deleted, one
/// substituted, or two neighbours swapped.
pub fn within_one_edit<T: PartialEq>(a: &[T], b: &[T]) -> bool {
    if a == b {
        return true;
    }
    let (la, lb) = (a.len(), b.len());
    if la.abs_diff(lb) > 1 {
        return false;
    }
    let i = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    if la == lb {
        // a ≠ b, so they differ at i < la.
        a[i + 1..] == b[i + 1..]
            || (i + 1 < la && a[i] == b[i + 1] && a[i + 1] == b[i] && a[i + 2..] == b[i + 2..])
    } else if la > lb {
        a[i + 1..] == b[i..]
    } else {
        a[i..] == b[i + 1..]
    }
}
