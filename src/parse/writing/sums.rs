//! What equal sequences of words have in common, counted without splitting a paragraph into its
//! words: the repeated-paragraph check compares these first, as most paragraphs share them with
//! no other.

/// What equal sequences of words have in common: how many words there are, how many bytes
/// they hold, and the sum of those bytes.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
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
/// space; the bytes of other characters are all parts of words): a block of bytes at a time, the
/// last one filled up with spaces, which hold no word and end none.
pub(super) fn ascii_spaced_sums(bytes: &[u8]) -> WordSums {
    let mut sums = WordSums::default();
    let mut after_space = true;
    let mut blocks = bytes.chunks_exact(SUM_BLOCK);
    for block in &mut blocks {
        let block = block.try_into().expect("blocks are whole");
        after_space = add_block(block, after_space, &mut sums);
    }
    let rest = blocks.remainder();
    if !rest.is_empty() {
        let mut last = [b' '; SUM_BLOCK];
        last[..rest.len()].copy_from_slice(rest);
        add_block(&last, after_space, &mut sums);
    }
    sums
}

/// Bytes [`ascii_spaced_sums`] adds up together: few enough that a block's counts fit a byte
/// and its sum 16 bits.
const SUM_BLOCK: usize = 64;

/// Adds the words of `block` to `sums`, a word starting at its first byte when the byte before
/// it (`after_space`) was space; gives whether its last byte is space. Each step is the same for
/// every byte, without a branch, so that the compiler works on many bytes at once.
fn add_block(block: &[u8; SUM_BLOCK], after_space: bool, sums: &mut WordSums) -> bool {
    let mut space = [0u8; SUM_BLOCK];
    for (s, &b) in space.iter_mut().zip(block) {
        *s = u8::from(matches!(b, b'\t'..=b'\r' | b' '));
    }
    let (mut kept, mut sum) = (0u8, 0u16);
    for (&s, &b) in space.iter().zip(block) {
        kept += 1 - s;
        // A space's byte is masked out: `s - 1` is all ones for a word's byte, zero for a space.
        sum += u16::from(b & s.wrapping_sub(1));
    }
    // A word starts at a byte that is not space right after one that is.
    let mut starts = (1 - space[0]) & u8::from(after_space);
    for (&s, &before) in space[1..].iter().zip(&space[..SUM_BLOCK - 1]) {
        starts += (1 - s) & before;
    }
    sums.count += usize::from(starts);
    sums.bytes += usize::from(kept);
    sums.sum += u64::from(sum);
    space[SUM_BLOCK - 1] != 0
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
        fn a_block_at_a_time_sums_as_one_at_a_time(
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
