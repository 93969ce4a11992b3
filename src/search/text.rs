//! The tokeniser shared (in spirit, line for line) with the client in `search.js`: NFC, lowercase,
//! words and codes, and the folded forms that let `blabaer` find `blåbær`.
//!
//! A *word* is a run of letters, digits and combining marks. Words joined by `-`, `_` or `.` with no
//! space form a *code* (`inc-2024-0007`, `payments-prod-3`, `e-post`), indexed whole and by its words.

use std::borrow::Cow;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

/// Words longer than this (in characters) are not indexed: hashes, base64, URLs run together.
pub const MAX_WORD: usize = 40;
/// Codes longer than this (in bytes) are not indexed whole, only by their words.
pub const MAX_CODE: usize = 64;

/// One indexable piece of text, already normalised and lowercased.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    /// A word (stemmed and stopword-filtered by the caller).
    Word(&'a str),
    /// A whole code such as `ops-412` (indexed as it is).
    Code(&'a str),
}

/// NFC, then lowercase: the form every key of the index is in.
pub fn normalise(text: &str) -> Cow<'_, str> {
    // ASCII is NFC already and lowercases byte by byte: most text needs no more than one pass.
    if text.is_ascii() {
        return if text.bytes().any(|b| b.is_ascii_uppercase()) {
            Cow::Owned(text.to_ascii_lowercase())
        } else {
            Cow::Borrowed(text)
        };
    }
    let nfc: Cow<'_, str> = if is_nfc_quick(text.chars()) == IsNormalized::Yes {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.nfc().collect())
    };
    if nfc.bytes().any(|b| b.is_ascii_uppercase() || b >= 0x80) {
        Cow::Owned(lowercase(&nfc))
    } else {
        nfc
    }
}

/// `str::to_lowercase`, with ASCII letters lowered in place of a table search each: text that
/// is mostly ASCII with a few `æøå` lowers several times faster. A capital sigma, whose lowercase
/// depends on its neighbours, leaves the whole text to the standard library.
fn lowercase(text: &str) -> String {
    if text.contains('Σ') {
        return text.to_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        if c.is_ascii() {
            out.push(c.to_ascii_lowercase());
        } else {
            out.extend(c.to_lowercase());
        }
    }
    out
}

/// Whether `c` belongs inside a word: a letter, a digit or a combining mark.
pub fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || (!c.is_ascii() && is_combining_mark(c))
}

/// Whether `c` joins two words into a code when it stands between them.
pub fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '_' | '.')
}

/// Calls `emit` with every piece of `text`, which must already be [`normalise`]d.
pub fn pieces<'a>(text: &'a str, mut emit: impl FnMut(Piece<'a>)) {
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !is_word_char(c) {
            continue;
        }
        // One code: words separated by single joiners.
        words.clear();
        let mut word_start = start;
        let mut end = start + c.len_utf8();
        loop {
            match chars.peek().copied() {
                Some((i, d)) if is_word_char(d) => {
                    end = i + d.len_utf8();
                    chars.next();
                }
                Some((i, d)) if is_joiner(d) => {
                    let after = text[i + d.len_utf8()..].chars().next();
                    if after.is_some_and(is_word_char) {
                        words.push((word_start, end));
                        chars.next();
                        word_start = i + d.len_utf8();
                        end = word_start;
                    } else {
                        break;
                    }
                }
                _ => break,
            }
        }
        words.push((word_start, end));
        if words.len() > 1 {
            let whole = &text[words[0].0..end];
            if whole.len() <= MAX_CODE {
                emit(Piece::Code(whole));
            }
        }
        for &(s, e) in &words {
            let word = &text[s..e];
            // 2 to MAX_WORD characters; a word of no more bytes than that needs no counting.
            let fits = word.len() <= MAX_WORD || word.chars().count() <= MAX_WORD;
            if fits && word.chars().nth(1).is_some() {
                emit(Piece::Word(word));
            }
        }
    }
}

/// The plain-letter spelling of one character, if it has one of its own (beyond dropping accents).
fn special_fold(c: char) -> Option<&'static str> {
    Some(match c {
        'æ' => "ae",
        'ø' => "o",
        'œ' => "oe",
        'ß' => "ss",
        'đ' | 'ð' => "d",
        'ł' => "l",
        'þ' => "th",
        _ => return None,
    })
}

/// The canonical folded form used to place and look up keys: æ→ae, ø→o, å→a, accents dropped.
pub fn canonical(word: &str) -> Cow<'_, str> {
    if word.is_ascii() {
        return Cow::Borrowed(word);
    }
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        if c.is_ascii() {
            out.push(c);
        } else if let Some(s) = special_fold(c) {
            out.push_str(s);
        } else {
            out.extend(std::iter::once(c).nfd().filter(|&m| !is_combining_mark(m)));
        }
    }
    Cow::Owned(out)
}

/// The second folded form of a word with `å`, spelled `aa` (as in older Norwegian): `blåbær` → `blaabaer`.
pub fn fold_aa(word: &str) -> Option<String> {
    word.contains('å')
        .then(|| canonical(&word.replace('å', "aa")).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<String> {
        let text = normalise(text);
        let mut out = Vec::new();
        pieces(&text, |p| {
            out.push(match p {
                Piece::Word(w) => w.to_string(),
                Piece::Code(c) => format!("[{c}]"),
            })
        });
        out
    }

    #[test]
    fn text_is_lowercased_and_split_on_anything_but_letters_and_digits() {
        assert_eq!(
            all("Storage OUTAGE, (again)! Ærlig talt: 42%"),
            ["storage", "outage", "again", "ærlig", "talt", "42"]
        );
    }

    #[test]
    fn lowercasing_matches_the_standard_library() {
        for text in [
            "Blåbær PÅ Ærlig SØKNAD",
            "İstanbul ẞ ǅ Ὀδυσσεύς",
            "ΟΔΥΣΣΕΥΣ Σ ΑΣ",
            "plain ascii",
        ] {
            assert_eq!(lowercase(text), text.to_lowercase(), "{text}");
            assert_eq!(
                normalise(text),
                text.nfc().collect::<String>().to_lowercase()
            );
        }
    }

    #[test]
    fn decomposed_letters_are_composed_first() {
        // "å" written as a + combining ring.
        assert_eq!(all("bla\u{30a}bær"), ["blåbær"]);
    }

    #[test]
    fn codes_are_kept_whole_and_split_into_words() {
        assert_eq!(
            all("See INC-2024-0007 and payments-prod-3."),
            [
                "see",
                "[inc-2024-0007]",
                "inc",
                "2024",
                "0007",
                "and",
                "[payments-prod-3]",
                "payments",
                "prod"
            ]
        );
        assert_eq!(
            all("ops_412 v1.2 - end."),
            ["[ops_412]", "ops", "412", "[v1.2]", "v1", "end"]
        );
    }

    #[test]
    fn single_letters_and_very_long_words_are_not_words() {
        let long = "x".repeat(MAX_WORD + 1);
        assert_eq!(all(&format!("a b {long} ok")), ["ok"]);
    }

    #[test]
    fn folding_spells_norwegian_letters_in_ascii() {
        assert_eq!(canonical("blåbær"), "blabaer");
        assert_eq!(canonical("søknad"), "soknad");
        assert_eq!(canonical("café"), "cafe");
        assert_eq!(canonical("plain"), "plain");
        assert_eq!(fold_aa("blåbær").as_deref(), Some("blaabaer"));
        assert_eq!(fold_aa("bær"), None);
    }
}
