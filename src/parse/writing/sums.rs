//! What equal sequences of words have in common, counted without splitting a paragraph into its
//! words: the repeated-paragraph check compares these first, as most paragraphs share them with
//! no other.

/// What equal sequences of words have in common: how many words there are, how many bytes
/// they hold, and the sum of those bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub(super) struct WordSums {
    pub(super) count: usize,
    pub(super) bytes: usize,
    pub(super) sum: u64,
}

/// The [`WordSums`] of `text`'s words, as [`str::split_whitespace`] splits them.
pub(super) fn word_sums(text: &str) -> WordSums {
    let bytes = text.as_bytes();
    if !text.is_ascii() && has_wide_space(bytes) {
        return text
            .split_whitespace()
            .fold(WordSums::default(), |sums, word| WordSums {
                count: sums.count + 1,
                bytes: sums.bytes + word.len(),
                sum: sums.sum + word.bytes().map(u64::from).sum::<u64>(),
            });
    }
    ascii_spaced_sums(bytes)
}

/// The [`WordSums`] of `bytes` with words parted by ASCII white space (`\t` to `\r` and the
/// space; the bytes of other characters are all parts of words): [`LANES`] bytes at a time, each
/// looked at with the byte before it, in a loop the compiler turns into vector instructions; the
/// first byte and the last few one by one.
pub(super) fn ascii_spaced_sums(bytes: &[u8]) -> WordSums {
    let mut sums = WordSums::default();
    let Some(&first) = bytes.first() else {
        return sums;
    };
    add_byte(&mut sums, true, first);
    let mut at = 1;
    while let Some(window) = bytes.get(at - 1..at + LANES) {
        // Each count fits its lane: at most `LANES` words or bytes, and `LANES` × 255 in the sum.
        let (mut starts, mut kept, mut sum) = (0u8, 0u8, 0u16);
        for pair in window.windows(2) {
            let word = !is_space(pair[1]);
            starts += u8::from(is_space(pair[0]) & word);
            kept += u8::from(word);
            sum += if word { u16::from(pair[1]) } else { 0 };
        }
        sums.count += usize::from(starts);
        sums.bytes += usize::from(kept);
        sums.sum += u64::from(sum);
        at += LANES;
    }
    for pair in bytes[at - 1..].windows(2) {
        add_byte(&mut sums, is_space(pair[0]), pair[1]);
    }
    sums
}

/// Bytes [`ascii_spaced_sums`] adds up together.
const LANES: usize = 64;

/// Adds byte `b` to `sums`, after a space or not.
fn add_byte(sums: &mut WordSums, after_space: bool, b: u8) {
    let space = is_space(b);
    sums.count += usize::from(after_space && !space);
    sums.bytes += usize::from(!space);
    sums.sum += if space { 0 } else { u64::from(b) };
}

/// Whether `b` is ASCII white space as [`str::split_whitespace`] reads it: `\t` to `\r` (`\x0B`
/// too, unlike `u8::is_ascii_whitespace`), or the space.
fn is_space(b: u8) -> bool {
    (b.wrapping_sub(b'\t') < 5) | (b == b' ')
}

/// Whether `bytes` (UTF-8) hold white space other than ASCII's: U+0085, U+00A0, U+1680,
/// U+2000 to U+200A, U+2028, U+2029, U+202F, U+205F or U+3000.
pub(super) fn has_wide_space(bytes: &[u8]) -> bool {
    // Most text has none of their lead bytes, which a look at many bytes at once tells: only a
    // block holding one is read byte by byte (a character may run on into the next block).
    // (Bytes, not booleans, are folded: the compiler turns only that fold into vector steps.)
    let lead = |b: u8| u8::from(b == 0xC2) | u8::from(b.wrapping_sub(0xE1) < 3);
    bytes.chunks(BLOCK).enumerate().any(|(n, block)| {
        block.iter().fold(0, |found, &b| found | lead(b)) != 0
            && (n * BLOCK..n * BLOCK + block.len()).any(|i| wide_space_at(bytes, i))
    })
}

/// Bytes [`has_wide_space`] looks at together.
const BLOCK: usize = 64;

/// Whether a white space character beyond ASCII starts at byte `i` of `bytes`.
fn wide_space_at(bytes: &[u8], i: usize) -> bool {
    match bytes[i] {
        0xC2 => matches!(bytes.get(i + 1), Some(0x85 | 0xA0)),
        0xE1 => bytes.get(i + 1..i + 3) == Some(&[0x9A, 0x80]),
        0xE2 => matches!(
            bytes.get(i + 1..i + 3),
            Some([0x80, 0x80..=0x8A | 0xA8 | 0xA9 | 0xAF] | [0x81, 0x9F])
        ),
        0xE3 => bytes.get(i + 1..i + 3) == Some(&[0x80, 0x80]),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// [`ascii_spaced_sums`] one byte at a time.
    fn sums_byte_by_byte(bytes: &[u8]) -> WordSums {
        let mut sums = WordSums::default();
        let mut after_space = true;
        for &b in bytes {
            let space = matches!(b, b'\t'..=b'\r' | b' ');
            sums.count += usize::from(after_space && !space);
            sums.bytes += usize::from(!space);
            sums.sum += if space { 0 } else { u64::from(b) };
            after_space = space;
        }
        sums
    }

    #[test]
    fn each_byte_is_space_or_not_as_split_whitespace_says() {
        for b in 0..=255u8 {
            let c = char::from(b);
            assert_eq!(is_space(b), b.is_ascii() && c.is_whitespace(), "{b:#x}");
        }
    }

    #[test]
    fn a_wide_space_running_on_into_the_next_block_is_found() {
        for before in BLOCK - 3..=BLOCK + 1 {
            for c in ['\u{85}', '\u{1680}', '\u{2009}', '\u{3000}'] {
                let text = format!("{}{c}ø", "a".repeat(before));
                assert!(has_wide_space(text.as_bytes()), "{before} {c:?}");
                let text = format!("{}–{}", "a".repeat(before), "’".repeat(30));
                assert!(!has_wide_space(text.as_bytes()), "{before}");
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn many_bytes_at_a_time_sum_as_one_at_a_time(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..300)
        ) {
            proptest::prop_assert_eq!(ascii_spaced_sums(&bytes), sums_byte_by_byte(&bytes));
        }

        #[test]
        fn spaced_text_sums_as_one_at_a_time(
            bytes in proptest::collection::vec(
                proptest::sample::select(b"\t\n\x0B\x0C\r \x08\x0E\x1F!a~\x7F\x80\x89\x8D\xA0\xFF".to_vec()),
                0..300,
            )
        ) {
            proptest::prop_assert_eq!(ascii_spaced_sums(&bytes), sums_byte_by_byte(&bytes));
        }
    }
}
