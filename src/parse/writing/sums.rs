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
/// space; the bytes of other characters are all parts of words): eight bytes at a time, and the
/// last few one by one.
pub(super) fn ascii_spaced_sums(bytes: &[u8]) -> WordSums {
    let mut sums = WordSums::default();
    let mut after_space = true;
    let mut chunks = bytes.chunks_exact(8);
    for chunk in &mut chunks {
        let mut word = [0; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        let space = space_bytes(word);
        // A word starts at a byte that is not space right after one that is (the first byte's
        // previous one is the last of the chunk before).
        let before = (space << 8) | if after_space { 0x80 } else { 0 };
        let starts = !space & before & HIGH;
        sums.count += high_bits(starts);
        sums.bytes += 8 - high_bits(space);
        // Space bytes zeroed, then the bytes added up in four 16-bit lanes, then those.
        let kept = word & !((space >> 7) * 0xFF);
        let pairs = (kept & 0x00FF_00FF_00FF_00FF) + ((kept >> 8) & 0x00FF_00FF_00FF_00FF);
        sums.sum += pairs.wrapping_mul(0x0001_0001_0001_0001) >> 48;
        after_space = space >> 63 != 0;
    }
    for &b in chunks.remainder() {
        let space = matches!(b, b'\t'..=b'\r' | b' ');
        sums.count += usize::from(after_space && !space);
        sums.bytes += usize::from(!space);
        sums.sum += if space { 0 } else { u64::from(b) };
        after_space = space;
    }
    sums
}

/// How many bytes of `word` have their high bit set, its other bits being clear: by one
/// multiplication, as `count_ones` takes a dozen steps on processors without a count instruction.
fn high_bits(word: u64) -> usize {
    ((word >> 7).wrapping_mul(0x0101_0101_0101_0101) >> 56) as usize
}

/// The high bit of every byte of a word.
const HIGH: u64 = 0x8080_8080_8080_8080;

/// The bytes of `word` that are ASCII white space (`\t` to `\r`, and the space), each as its
/// high bit, the other bits clear.
fn space_bytes(word: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    // Each byte's low seven bits: no sum or difference below carries into the next byte.
    let low = word & !HIGH;
    // Bytes equal to the space have nothing left after `^`, and no high bit after adding 0x7F.
    let spaces = !(((low ^ (0x20 * ONES)) + 0x7F * ONES) | (word ^ (0x20 * ONES))) & HIGH;
    // `\t` (9) to `\r` (13): at least 9 and at most 13, and not beyond ASCII.
    let at_least_tab = low + (0x80 - 9) * ONES;
    let at_most_return = (0x80 + 13) * ONES - low;
    let controls = at_least_tab & at_most_return & !word & HIGH;
    spaces | controls
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
    fn each_byte_is_space_or_not_as_split_ascii_whitespace_and_vt_say() {
        for b in 0..=255u8 {
            let space = space_bytes(u64::from(b) << 24) == 0x80 << 24;
            assert_eq!(space, matches!(b, b'\t'..=b'\r' | b' '), "{b:#x}");
            assert_eq!(
                space_bytes(u64::from(b) * 0x0101_0101_0101_0101) == HIGH,
                space
            );
        }
    }

    #[test]
    fn high_bits_are_counted_as_count_ones_counts_them() {
        for bits in 0..=255u64 {
            let word = (0..8).fold(0, |word, i| word | ((bits >> i) & 1) << (8 * i + 7));
            assert_eq!(high_bits(word), word.count_ones() as usize, "{word:#x}");
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
        fn eight_bytes_at_a_time_sum_as_one_at_a_time(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..80)
        ) {
            proptest::prop_assert_eq!(ascii_spaced_sums(&bytes), sums_byte_by_byte(&bytes));
        }

        #[test]
        fn spaced_text_sums_as_one_at_a_time(
            bytes in proptest::collection::vec(
                proptest::sample::select(b"\t\n\x0B\x0C\r \x08\x0E\x1F!a~\x7F\x80\x89\x8D\xA0\xFF".to_vec()),
                0..80,
            )
        ) {
            proptest::prop_assert_eq!(ascii_spaced_sums(&bytes), sums_byte_by_byte(&bytes));
        }
    }
}
