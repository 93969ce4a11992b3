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
pub const fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '_' | '.')
}

/// What a character is to the tokeniser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Part of a word ([`is_word_char`]).
    Word,
    /// A [`is_joiner`].
    Joiner,
    /// Anything else: it ends a word.
    Other,
}

/// The class of every ASCII byte.
const ASCII_CLASS: [Class; 128] = {
    let mut table = [Class::Other; 128];
    let mut b = 0;
    while b < 128 {
        let c = b as u8 as char;
        table[b] = if c.is_ascii_alphanumeric() {
            Class::Word
        } else if is_joiner(c) {
            Class::Joiner
        } else {
            Class::Other
        };
        b += 1;
    }
    table
};

/// The class of the character starting at byte `i` of `text`, and its length in bytes: ASCII by
/// table, anything else decoded.
fn class_at(text: &str, i: usize) -> (Class, usize) {
    let b = text.as_bytes()[i];
    if b.is_ascii() {
        return (ASCII_CLASS[usize::from(b)], 1);
    }
    let c = text[i..].chars().next().unwrap_or(' ');
    let class = if is_word_char(c) {
        Class::Word
    } else {
        Class::Other
    };
    (class, c.len_utf8())
}

/// Where the word characters starting at byte `i` of `text` end (`i` if there are none).
fn word_end(text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_alphanumeric() {
            i += 1;
            continue;
        }
        match class_at(text, i) {
            (Class::Word, len) => i += len,
            _ => break,
        }
    }
    i
}

/// Calls `emit` with every piece of `text`, which must already be [`normalise`]d.
///
/// Walks the bytes, ASCII by table: the same pieces as taking the text character by character.
pub fn pieces<'a>(text: &'a str, mut emit: impl FnMut(Piece<'a>)) {
    let len = text.len();
    // Where the words of the current code start and end; most codes have few.
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < len {
        let (class, step) = class_at(text, i);
        if class != Class::Word {
            i += step;
            continue;
        }
        // One code: words separated by single joiners.
        words.clear();
        let mut word_start = i;
        let mut end = word_end(text, i + step);
        while end < len && class_at(text, end).0 == Class::Joiner {
            let next = end + 1;
            if next < len && class_at(text, next).0 == Class::Word {
                words.push((word_start, end));
                word_start = next;
                end = word_end(text, next);
            } else {
                break;
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
        i = end;
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

    /// Pieces as the tokeniser first took them, character by character: the reference for the
    /// byte walk of [`pieces`].
    fn pieces_by_char(text: &str) -> Vec<Piece<'_>> {
        let mut out = Vec::new();
        let mut words: Vec<(usize, usize)> = Vec::new();
        let mut chars = text.char_indices().peekable();
        while let Some((start, c)) = chars.next() {
            if !is_word_char(c) {
                continue;
            }
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
            if words.len() > 1 && end - words[0].0 <= MAX_CODE {
                out.push(Piece::Code(&text[words[0].0..end]));
            }
            for &(s, e) in &words {
                let word = &text[s..e];
                let fits = word.chars().count() <= MAX_WORD;
                if fits && word.chars().nth(1).is_some() {
                    out.push(Piece::Word(word));
                }
            }
        }
        out
    }

    #[test]
    fn the_byte_walk_finds_the_pieces_a_walk_by_character_finds() {
        let parts = [
            "a",
            "b7",
            "-",
            "_",
            ".",
            "..",
            " ",
            "\n",
            ",",
            "é",
            "å",
            "ø",
            "\u{301}",
            "日本",
            "٣",
            "Ⅻ",
            "—",
            "\u{a0}",
            "inc",
            "2024",
            "x".repeat(20).leak(),
            "é".repeat(15).leak(),
        ];
        let mut x = 2024u32;
        for _ in 0..5000 {
            let mut text = String::new();
            for _ in 0..(x >> 27) + 1 {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                text.push_str(parts[(x >> 16) as usize % parts.len()]);
            }
            let mut got = Vec::new();
            pieces(&text, |p| got.push(p));
            assert_eq!(got, pieces_by_char(&text), "{text:?}");
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
