//! Turns words into terms: stopwords out, each word stemmed in its document's language, and every
//! spelling a searcher may type (the word as written, and its `aa` fold) recorded as a key of its term.
//!
//! Keys are what makes a stemmer unnecessary in the browser: the client looks a query word up among
//! the keys and reaches the term, whichever inflection the documents used.

use super::fasthash::WordMap;
use super::stopwords;
use super::text::{Piece, fold_aa};
#[cfg(test)]
use super::word_caches::RECENT_SLOTS;
use super::word_caches::{Recent, Stems};
use rust_stemmers::{Algorithm, Stemmer};

/// The stemming language of a document.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Language {
    /// English (Snowball English), also the fallback for unknown codes.
    English,
    /// Norwegian (Snowball Norwegian), for `nb`, `nn` and `no`.
    Norwegian,
}

impl Language {
    /// The language for a document's `lang` code.
    pub fn from_code(code: &str) -> Self {
        match code.to_ascii_lowercase().as_str() {
            "nb" | "nn" | "no" | "nob" | "nno" | "nor" => Language::Norwegian,
            _ => Language::English,
        }
    }

    fn slot(self) -> usize {
        self as usize
    }

    fn stopwords(self) -> &'static [&'static str] {
        match self {
            Language::English => stopwords::ENGLISH,
            Language::Norwegian => stopwords::NORWEGIAN,
        }
    }
}

/// A vocabulary's terms by id, and every key with its terms (see [`Vocabulary::into_keys`]).
pub type TermsAndKeys = (Vec<String>, Vec<(String, Vec<u32>)>);

/// Whether `word` is all ASCII digits, which no stemmer changes (see the tests).
fn is_number(word: &str) -> bool {
    word.bytes().all(|b| b.is_ascii_digit())
}

/// Terms (stems and whole codes) by dense id, with the keys that lead to them.
pub struct Vocabulary {
    stemmers: [Stemmer; 2],
    words: [WordMap<Option<u32>>; 2],
    recent: [Recent; 2],
    stems: Stems,
    codes: WordMap<u32>,
    ids: WordMap<u32>,
    terms: Vec<String>,
    keys: WordMap<Vec<u32>>,
}

impl Default for Vocabulary {
    fn default() -> Self {
        Self::new()
    }
}

impl Vocabulary {
    /// An empty vocabulary.
    pub fn new() -> Self {
        Self::with_stems(Stems::default())
    }

    /// An empty vocabulary that starts from the stems cached by an earlier one (see
    /// [`Vocabulary::into_keys_and_stems`]).
    pub fn with_stems(stems: Stems) -> Self {
        Vocabulary {
            stemmers: [
                Stemmer::create(Algorithm::English),
                Stemmer::create(Algorithm::Norwegian),
            ],
            words: [Language::English, Language::Norwegian].map(Self::stopword_map),
            recent: [Recent::new(), Recent::new()],
            stems,
            codes: WordMap::default(),
            ids: WordMap::default(),
            terms: Vec::new(),
            keys: WordMap::default(),
        }
    }

    /// A map of words met in `lang` that starts with its stopwords, which count for no term.
    fn stopword_map(lang: Language) -> WordMap<Option<u32>> {
        let mut words = WordMap::default();
        for word in lang.stopwords() {
            words.insert(word, None);
        }
        words
    }

    /// The term a piece of text counts for, or `None` for a stopword.
    // Inlined into the tokenising loop: most words are found in one step of the recent words.
    #[inline]
    pub fn term(&mut self, lang: Language, piece: Piece<'_>) -> Option<u32> {
        match piece {
            Piece::Word(word) => {
                let Some(key) = WordMap::<()>::packed(word) else {
                    return self.word(lang, word);
                };
                if let Some(term) = self.recent[lang.slot()].get(key) {
                    return term;
                }
                let term = self.word(lang, word);
                self.recent[lang.slot()].put(key, term);
                term
            }
            Piece::Code(code) => {
                if let Some(&id) = self.codes.get(code) {
                    return Some(id);
                }
                let id = self.intern(code);
                self.add_key(code, id);
                self.codes.insert(code, id);
                Some(id)
            }
        }
    }

    /// The term a word counts for, from the map of every word met, or stemmed and added to it.
    #[inline(never)]
    fn word(&mut self, lang: Language, word: &str) -> Option<u32> {
        if let Some(&known) = self.words[lang.slot()].get(word) {
            return known;
        }
        // Not a stopword: the map holds every stopword from the start. A number is its own stem:
        // the stemmers only cut letters off a word's end. Numbers are nearly half of the
        // different words of incident text (times, counts, ports).
        let id = if is_number(word) {
            self.intern(word)
        } else {
            let stemmer = &self.stemmers[lang.slot()];
            let stem = self.stems.stem(lang.slot(), stemmer, word);
            self.intern(stem.as_str())
        };
        self.add_key(word, id);
        self.words[lang.slot()].insert(word, Some(id));
        Some(id)
    }

    /// The stemmed form of a word, as the index would store it (for tests and tools).
    pub fn stem(&self, lang: Language, word: &str) -> String {
        self.stemmers[lang.slot()].stem(word).into_owned()
    }

    fn intern(&mut self, term: &str) -> u32 {
        match self.ids.get(term) {
            Some(&id) => id,
            None => self.add_term(term.to_string()),
        }
    }

    /// The id of a new term.
    fn add_term(&mut self, term: String) -> u32 {
        let id = self.terms.len() as u32;
        self.ids.insert(&term, id);
        self.terms.push(term);
        id
    }

    fn add_key(&mut self, key: &str, id: u32) {
        let mut add = |k: &str| {
            let list = self.keys.entry_or_default(k);
            if !list.contains(&id) {
                list.push(id);
            }
        };
        add(key);
        if let Some(aa) = fold_aa(key) {
            add(&aa);
        }
    }

    /// Takes in the terms and keys of a vocabulary built over later documents (its
    /// [`Vocabulary::into_keys`], which leaves its word caches behind), and returns what each of its
    /// term ids is here. Its new terms are numbered after this one's, in its own order, so
    /// vocabularies built over consecutive runs of documents and merged in document order number
    /// the terms exactly as one vocabulary over all of them would.
    pub fn merge(&mut self, (terms, keys): (Vec<String>, Vec<(String, Vec<u32>)>)) -> Vec<u32> {
        let ids: Vec<u32> = terms
            .into_iter()
            .map(|t| match self.ids.get(&t) {
                Some(&id) => id,
                None => self.add_term(t),
            })
            .collect();
        for (key, theirs) in keys {
            let list = self.keys.entry_or_default(&key);
            for id in theirs {
                let id = ids[id as usize];
                if !list.contains(&id) {
                    list.push(id);
                }
            }
        }
        ids
    }

    /// The term strings, by id.
    pub fn terms(&self) -> &[String] {
        &self.terms
    }

    /// Every key with its terms (sorted), in no particular order.
    pub fn into_keys(self) -> TermsAndKeys {
        self.into_keys_and_stems().0
    }

    /// [`Vocabulary::into_keys`], and the cached stems for the next vocabulary of the same worker.
    pub fn into_keys_and_stems(self) -> (TermsAndKeys, Stems) {
        let keys = self
            .keys
            .into_entries()
            .map(|(k, mut ids)| {
                ids.sort_unstable();
                (k, ids)
            })
            .collect();
        ((self.terms, keys), self.stems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norwegian_inflections_share_a_stem() {
        let v = Vocabulary::new();
        let nb = Language::Norwegian;
        assert_eq!(v.stem(nb, "lagringssystemet"), v.stem(nb, "lagringssystem"));
        assert_eq!(
            v.stem(nb, "lagringssystemene"),
            v.stem(nb, "lagringssystem")
        );
    }

    #[test]
    fn english_plurals_share_a_stem() {
        let v = Vocabulary::new();
        let en = Language::English;
        assert_eq!(v.stem(en, "outages"), v.stem(en, "outage"));
        assert_eq!(v.stem(en, "failing"), v.stem(en, "failed"));
        assert_ne!(v.stem(en, "storage"), v.stem(en, "story"));
    }

    #[test]
    fn stopwords_have_no_term_but_codes_with_them_do() {
        let mut v = Vocabulary::new();
        assert_eq!(v.term(Language::English, Piece::Word("the")), None);
        assert_eq!(v.term(Language::Norwegian, Piece::Word("og")), None);
        assert!(v.term(Language::English, Piece::Code("on-call")).is_some());
        // A Norwegian stopword is a word in English.
        assert!(v.term(Language::English, Piece::Word("man")).is_some());
    }

    #[test]
    fn merged_vocabularies_number_terms_as_one_would() {
        let words = ["disk", "full", "kafka", "disk", "lag", "full", "queue"];
        let en = Language::English;
        let mut whole = Vocabulary::new();
        let expected: Vec<Option<u32>> = words
            .iter()
            .map(|w| whole.term(en, Piece::Word(w)))
            .collect();
        let (mut first, mut second) = (Vocabulary::new(), Vocabulary::new());
        let mut got: Vec<Option<u32>> = words[..3]
            .iter()
            .map(|w| first.term(en, Piece::Word(w)))
            .collect();
        let later: Vec<Option<u32>> = words[3..]
            .iter()
            .map(|w| second.term(en, Piece::Word(w)))
            .collect();
        let ids = first.merge(second.into_keys());
        got.extend(later.iter().map(|t| t.map(|t| ids[t as usize])));
        assert_eq!(got, expected);
        let sorted = |v: Vocabulary| {
            let (terms, mut keys) = v.into_keys();
            keys.sort();
            (terms, keys)
        };
        assert_eq!(sorted(first), sorted(whole));
    }

    #[test]
    fn words_met_again_count_for_what_they_counted_for_first() {
        // More words than slots, so that words share slots and push each other out; short and
        // long ones (never cached), stopwords and words of both languages.
        let words: Vec<String> = (0..3 * RECENT_SLOTS)
            .map(|i| match i % 5 {
                0 => format!("w{i}"),
                1 => format!("disk{}", i % 97),
                2 => ["the", "og", "failing", "blåbærene"][i % 4].to_string(),
                3 => format!("averyverylongwordnumber{i}"),
                _ => format!("q{}", i % 13),
            })
            .collect();
        let mut cached = Vocabulary::new();
        let mut uncached = Vocabulary::new();
        for round in 0..3 {
            for (i, w) in words.iter().enumerate() {
                let lang = [Language::English, Language::Norwegian][(i + round) % 2];
                let want = uncached.word(lang, w);
                assert_eq!(cached.term(lang, Piece::Word(w)), want, "{w} {round}");
            }
        }
        assert_eq!(cached.terms(), uncached.terms());
    }

    proptest::proptest! {
        #[test]
        fn numbers_are_their_own_stems(n in "[0-9]{1,40}") {
            let v = Vocabulary::new();
            assert!(is_number(&n));
            for lang in [Language::English, Language::Norwegian] {
                proptest::prop_assert_eq!(v.stem(lang, &n), n.clone());
            }
        }
    }

    #[test]
    fn numbers_count_for_the_term_of_their_stem_as_other_words() {
        let mut v = Vocabulary::new();
        let mut stemmed = Vocabulary::new();
        let words = [
            "2018",
            "07",
            "disks",
            "0",
            "1843221",
            "8f2a31c0d4",
            "249z",
            "4812",
            "2018",
        ];
        for lang in [Language::English, Language::Norwegian] {
            for w in words {
                let got = v.term(lang, Piece::Word(w));
                // The slow path: every word through the stemmer.
                let stem = stemmed.stem(lang, w);
                let want = stemmed.intern(&stem);
                stemmed.add_key(w, want);
                assert_eq!(got, Some(want), "{w}");
            }
        }
        assert_eq!(v.terms(), stemmed.terms());
        assert!(!is_number("12a") && !is_number("１２") && is_number("0042"));
    }

    #[test]
    fn every_spelling_is_a_key_of_its_term() {
        let mut v = Vocabulary::new();
        let id = v.term(Language::Norwegian, Piece::Word("blåbærene"));
        let (terms, keys) = v.into_keys();
        let id = id.expect("not a stopword");
        let find = |k: &str| {
            keys.iter()
                .find(|(key, _)| key == k)
                .map(|(_, ids)| ids.clone())
        };
        assert_eq!(find("blåbærene"), Some(vec![id]));
        assert_eq!(find("blaabaerene"), Some(vec![id]));
        assert_eq!(terms[id as usize], "blåbær");
        assert_eq!(
            find("blåbær"),
            None,
            "a stem is not a key unless it was written"
        );
    }
}
