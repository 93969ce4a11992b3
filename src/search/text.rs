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
    let nfc: Cow<'_, str> = if below_combining(text) || nfc_quick_yes(text) {
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

/// Whether every character of `text` comes before U+0300, the first combining mark: such text is
/// NFC as it stands (every character below it is its own composition, of combining class 0). A
/// character from U+0300 on starts with a byte from 0xCC on in UTF-8.
fn below_combining(text: &str) -> bool {
    bytes_below_combining(text.as_bytes())
}

/// Whether every byte of `bytes` is below 0xCC, asked of eight at a time: a byte from 0xCC on has
/// its high bit set and its low seven bits at 0x4C or more, which adding 0x34 to each byte's low
/// seven bits carries into the high bit (never into the next byte).
fn bytes_below_combining(bytes: &[u8]) -> bool {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const ONES: u64 = 0x0101_0101_0101_0101;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let word = u64::from_le_bytes(chunk.try_into().unwrap_or_default());
        if word & HIGH & ((word & !HIGH) + ONES * 0x34) != 0 {
            return false;
        }
    }
    chunks.remainder().iter().all(|&b| b < 0xCC)
}

/// Where the ASCII bytes from `i` of `bytes` end: eight at a time while eight are ASCII.
fn ascii_end(bytes: &[u8], mut i: usize) -> usize {
    while let Some(eight) = bytes.get(i..i + 8) {
        let word = u64::from_le_bytes(eight.try_into().unwrap_or([0x80; 8]));
        if word & 0x8080_8080_8080_8080 != 0 {
            break;
        }
        i += 8;
    }
    while bytes.get(i).is_some_and(u8::is_ascii) {
        i += 1;
    }
    i
}

/// Whether `is_nfc_quick(text.chars())` is `IsNormalized::Yes`, asked of each run of characters
/// beyond ASCII alone: an ASCII character is NFC and a starter, which resets the check's order of
/// combining classes, so the runs are checked apart and the ASCII between them skipped.
fn nfc_quick_yes(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut i = ascii_end(bytes, 0);
    while i < bytes.len() {
        let end = bytes[i..]
            .iter()
            .position(u8::is_ascii)
            .map_or(bytes.len(), |n| i + n);
        if is_nfc_quick(text[i..end].chars()) != IsNormalized::Yes {
            return false;
        }
        i = ascii_end(bytes, end);
    }
    true
}

/// `str::to_lowercase`, with ASCII letters lowered in place of a table search each: text that
/// is mostly ASCII with a few `æøå` lowers several times faster. A capital sigma, whose lowercase
/// depends on its neighbours, leaves the whole text to the standard library.
fn lowercase(text: &str) -> String {
    if text.contains('Σ') {
        return text.to_lowercase();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while !rest.is_empty() {
        // A run of ASCII is lowered byte by byte, the character after it by the table.
        let (run, after) = rest.split_at(ascii_end(rest.as_bytes(), 0));
        let start = out.len();
        out.push_str(run);
        out[start..].make_ascii_lowercase();
        let mut chars = after.chars();
        if let Some(c) = chars.next() {
            out.extend(c.to_lowercase());
        }
        rest = chars.as_str();
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

/// A byte that is not ASCII: the class of the character it starts needs decoding.
const NOT_ASCII: u8 = 3;

/// What every byte is to the tokeniser, looked up once per byte: an ASCII byte's [`Class`] (as
/// `Class as u8`), [`NOT_ASCII`] for the rest.
const BYTE_CLASS: [u8; 256] = {
    let mut table = [NOT_ASCII; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = ASCII_CLASS[b] as u8;
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

/// Where the bytes from `i` of the class `class` (as in [`BYTE_CLASS`]) end.
fn run_end(bytes: &[u8], mut i: usize, class: u8) -> usize {
    while i < bytes.len() && BYTE_CLASS[usize::from(bytes[i])] == class {
        i += 1;
    }
    i
}

/// Where the word characters starting at byte `i` of `text` end (`i` if there are none).
fn word_end(text: &str, mut i: usize) -> usize {
    let bytes = text.as_bytes();
    loop {
        i = run_end(bytes, i, Class::Word as u8);
        match bytes.get(i) {
            Some(&b) if !b.is_ascii() => match class_at(text, i) {
                (Class::Word, len) => i += len,
                _ => return i,
            },
            _ => return i,
        }
    }
}

/// Whether `word` (not empty) has more than one character.
fn has_two_chars(word: &str) -> bool {
    let first = word.as_bytes()[0];
    // The length of the first character, from its first byte.
    let width = match first {
        0..0xC0 => 1,
        0xC0..0xE0 => 2,
        0xE0..0xF0 => 3,
        _ => 4,
    };
    word.len() > width
}

/// Calls `emit` with every piece of `text`, which must already be [`normalise`]d.
///
/// Walks the bytes, ASCII by table: the same pieces as taking the text character by character.
pub fn pieces<'a>(text: &'a str, mut emit: impl FnMut(Piece<'a>)) {
    let bytes = text.as_bytes();
    let len = text.len();
    // Where the words of the current code start and end; most codes have few.
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < len {
        i = run_end(bytes, i, Class::Other as u8);
        i = run_end(bytes, i, Class::Joiner as u8);
        if i >= len {
            break;
        }
        let (class, step) = class_at(text, i);
        if class != Class::Word {
            i += step;
            continue;
        }
        let mut end = word_end(text, i + step);
        let joined =
            |end: usize| end < len && BYTE_CLASS[usize::from(bytes[end])] == Class::Joiner as u8;
        if !joined(end) {
            // Most words stand alone: no code to gather.
            emit_word(&text[i..end], &mut emit);
            i = end;
            continue;
        }
        // One code: words separated by single joiners.
        words.clear();
        let mut word_start = i;
        while joined(end) {
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
            emit_word(&text[s..e], &mut emit);
        }
        i = end;
    }
}

/// Calls `emit` with `word` if it is a word the index holds: 2 to [`MAX_WORD`] characters.
fn emit_word<'a>(word: &'a str, emit: &mut impl FnMut(Piece<'a>)) {
    // A word of no more bytes than MAX_WORD needs no counting.
    let fits = word.len() <= MAX_WORD || word.chars().count() <= MAX_WORD;
    if fits && has_two_chars(word) {
        emit(Piece::Word(word));
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
#[path = "text_tests.rs"]
mod tests;
