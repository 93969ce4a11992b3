//! Words too common to search for on their own, in English and Norwegian (bokmål and some nynorsk).
//!
//! They are not indexed as words, but a code that contains one (`on-call`) is still indexed whole.
//! The lists travel in the entry file, so the client drops the same words from a query.

/// English stopwords. Words that carry meaning in an incident (`down`, `up`, `out`, `off`, `not`) are kept out.
pub const ENGLISH: &[&str] = &[
    "a", "about", "after", "again", "all", "am", "an", "and", "any", "are", "as", "at", "be",
    "because", "been", "before", "being", "between", "both", "but", "by", "can", "could", "did",
    "do", "does", "doing", "during", "each", "few", "for", "from", "further", "had", "has", "have",
    "having", "he", "her", "here", "hers", "him", "his", "how", "i", "if", "in", "into", "is",
    "it", "its", "itself", "just", "me", "more", "most", "my", "of", "on", "once", "only", "or",
    "other", "our", "ours", "own", "same", "she", "should", "so", "some", "such", "than", "that",
    "the", "their", "them", "then", "there", "these", "they", "this", "those", "through", "to",
    "too", "until", "very", "was", "we", "were", "what", "when", "where", "which", "while", "who",
    "whom", "why", "will", "with", "would", "you", "your",
];

/// Norwegian stopwords (Snowball's list, without words that carry meaning in an incident).
pub const NORWEGIAN: &[&str] = &[
    "alle", "at", "av", "bare", "begge", "ble", "blei", "bli", "blir", "blitt", "både", "da",
    "de", "deg", "dei", "deim", "deira", "deires", "dem", "den", "denne", "der", "dere", "deres",
    "det", "dette", "di", "din", "disse", "ditt", "du", "då", "eg", "ein", "eit", "eitt", "eller",
    "elles", "en", "enn", "er", "et", "ett", "etter", "for", "fordi", "fra", "før", "ha", "hadde",
    "han", "hans", "har", "hennar", "henne", "hennes", "her", "hjå", "ho", "hoe", "honom", "hoss",
    "hossen", "hun", "hva", "hvem", "hver", "hvilke", "hvilken", "hvis", "hvor", "hvordan",
    "hvorfor", "i", "ikke", "ikkje", "ingen", "ingi", "inkje", "inn", "inni", "ja", "jeg", "kan",
    "kom", "korleis", "korso", "kun", "kunne", "kva", "kvar", "kvarhelst", "kven", "kvi",
    "kvifor", "man", "mange", "me", "med", "medan", "meg", "meget", "mellom", "men", "mi", "min",
    "mine", "mitt", "mot", "mykje", "no", "noe", "noen", "noka", "noko", "nokon", "nokor",
    "nokre", "nå", "når", "og", "også", "om", "oss", "over", "på", "samme", "seg", "selv", "si",
    "sia", "sidan", "siden", "sin", "sine", "sitt", "sjøl", "skal", "skulle", "slik", "so",
    "som", "somme", "somt", "så", "sånn", "til", "um", "uten", "var", "vart", "varte", "ved",
    "vere", "verte", "vi", "vil", "ville", "vore", "vors", "vort", "vår", "være", "vært", "å",
];

/// Whether `word` (normalised) is a stopword in the given list.
pub fn contains(list: &[&str], word: &str) -> bool {
    list.binary_search(&word).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_sorted_for_binary_search() {
        for list in [ENGLISH, NORWEGIAN] {
            assert!(list.windows(2).all(|w| w[0] < w[1]), "{:?}", list.windows(2).find(|w| w[0] >= w[1]));
        }
        assert!(contains(ENGLISH, "the") && !contains(ENGLISH, "down"));
        assert!(contains(NORWEGIAN, "og") && !contains(NORWEGIAN, "lagring"));
    }
}
