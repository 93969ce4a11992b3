//! Packing for shards and card blocks as raw DEFLATE (RFC 1951), one block with its own Huffman
//! codes: browsers unpack it natively (`DecompressionStream('deflate-raw')`), so the client needs no
//! decoder, and the Huffman codes take a third off what a byte-oriented LZ77 leaves of card text
//! and front-coded keys. Written out rather than taken from a crate: it is two pages of code.
//!
//! Deterministic: the same bytes always pack the same way (the matches of [`super::lz77`], ties in
//! the Huffman codes broken by symbol).

use super::huffman::{codes, lengths};
use super::inflate::{CODE_LENGTH_ORDER, DISTANCE_BASE, DISTANCE_EXTRA, LENGTH_BASE, LENGTH_EXTRA};
use super::lz77::{MAX_MATCH, MIN_MATCH, Token, tokens};

/// The length symbol (0–28, counted from 257) of each match length, by table.
const LENGTH_SYMBOL: [u8; MAX_MATCH + 1] = {
    let mut table = [0u8; MAX_MATCH + 1];
    let mut symbol = 0;
    let mut len = MIN_MATCH;
    while len <= MAX_MATCH {
        while symbol + 1 < LENGTH_BASE.len() && LENGTH_BASE[symbol + 1] as usize <= len {
            symbol += 1;
        }
        table[len] = symbol as u8;
        len += 1;
    }
    table
};

/// The length symbol of a match length (counted from 257).
fn length_symbol(len: usize) -> usize {
    usize::from(LENGTH_SYMBOL[len])
}

/// The distance symbol of a match distance (1 to 32768): two symbols per power of two beyond 4,
/// told apart by the bit below the top one of `distance − 1`.
fn distance_symbol(distance: usize) -> usize {
    if distance <= 4 {
        return distance - 1;
    }
    let d = distance - 1;
    let top = (usize::BITS - 1 - d.leading_zeros()) as usize;
    2 * top + (d >> (top - 1) & 1)
}

/// Writes bits least significant first, as DEFLATE reads them, four bytes at a time.
#[derive(Default)]
struct Out {
    bytes: Vec<u8>,
    acc: u64,
    used: u32,
}

impl Out {
    /// Writes the low `n` bits of `value` (no more than 32 bits at once; the rest of `value` 0).
    fn bits(&mut self, value: u32, n: u32) {
        self.acc |= u64::from(value) << self.used;
        self.used += n;
        if self.used >= 32 {
            self.bytes
                .extend_from_slice(&(self.acc as u32).to_le_bytes());
            self.acc >>= 32;
            self.used -= 32;
        }
    }

    /// The bytes written, the last one filled up with zero bits.
    fn finish(mut self) -> Vec<u8> {
        let n = self.used.div_ceil(8) as usize;
        self.bytes.extend_from_slice(&self.acc.to_le_bytes()[..n]);
        self.bytes
    }
}

/// Run-length codes for a sequence of code lengths: (symbol 0–18, its extra bits).
fn runs(seq: &[u8]) -> Vec<(u8, u32)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < seq.len() {
        let v = seq[i];
        let run = seq[i..].iter().take_while(|&&x| x == v).count();
        if v == 0 && run >= 11 {
            let n = run.min(138);
            out.push((18, (n - 11) as u32));
            i += n;
        } else if v == 0 && run >= 3 {
            out.push((17, (run - 3) as u32));
            i += run;
        } else if v != 0 && run >= 4 {
            out.push((v, 0));
            let n = (run - 1).min(6);
            out.push((16, (n - 3) as u32));
            i += 1 + n;
        } else {
            out.push((v, 0));
            i += 1;
        }
    }
    out
}

/// Packs `data` as one final DEFLATE block with dynamic Huffman codes.
pub fn pack(data: &[u8]) -> Vec<u8> {
    let tokens = tokens(data);
    let (mut lit_f, mut dist_f) = ([0u32; 286], [0u32; 30]);
    for t in &tokens {
        match *t {
            Token::Literal(b) => lit_f[usize::from(b)] += 1,
            Token::Match { len, distance } => {
                lit_f[257 + length_symbol(usize::from(len))] += 1;
                dist_f[distance_symbol(usize::from(distance))] += 1;
            }
        }
    }
    lit_f[256] = 1;
    let (lit_len, dist_len) = (lengths(&lit_f, 15), lengths(&dist_f, 15));
    let used = |l: &[u8], min: usize| (l.iter().rposition(|&x| x > 0).unwrap_or(0) + 1).max(min);
    let (n_lit, n_dist) = (used(&lit_len, 257), used(&dist_len, 1));
    let seq = [&lit_len[..n_lit], &dist_len[..n_dist]].concat();
    let runs = runs(&seq);
    let mut cl_f = [0u32; 19];
    for &(s, _) in &runs {
        cl_f[usize::from(s)] += 1;
    }
    let cl_len = lengths(&cl_f, 7);
    let n_cl = (CODE_LENGTH_ORDER
        .iter()
        .rposition(|&s| cl_len[s] > 0)
        .unwrap_or(0)
        + 1)
    .max(4);
    let (lit_code, dist_code, cl_code) = (codes(&lit_len), codes(&dist_len), codes(&cl_len));

    let mut w = Out::default();
    w.bits(1, 1);
    w.bits(2, 2);
    w.bits((n_lit - 257) as u32, 5);
    w.bits((n_dist - 1) as u32, 5);
    w.bits((n_cl - 4) as u32, 4);
    for &s in &CODE_LENGTH_ORDER[..n_cl] {
        w.bits(u32::from(cl_len[s]), 3);
    }
    for &(s, extra) in &runs {
        let s = usize::from(s);
        w.bits(cl_code[s], u32::from(cl_len[s]));
        match s {
            16 => w.bits(extra, 2),
            17 => w.bits(extra, 3),
            18 => w.bits(extra, 7),
            _ => {}
        }
    }
    // Each symbol's code and its length, side by side, and each match's code and extra bits in
    // one write (at most 15 + 13 bits).
    let lit: [(u32, u32); 286] = std::array::from_fn(|s| (lit_code[s], u32::from(lit_len[s])));
    let dist: [(u32, u32); 30] = std::array::from_fn(|s| (dist_code[s], u32::from(dist_len[s])));
    for t in &tokens {
        match *t {
            Token::Literal(b) => {
                let (code, n) = lit[usize::from(b)];
                w.bits(code, n);
            }
            Token::Match { len, distance } => {
                let (len, distance) = (usize::from(len), usize::from(distance));
                let s = length_symbol(len);
                let (code, n) = lit[257 + s];
                let extra = (len - usize::from(LENGTH_BASE[s])) as u32;
                w.bits(code | extra << n, n + u32::from(LENGTH_EXTRA[s]));
                let d = distance_symbol(distance);
                let (code, n) = dist[d];
                let extra = (distance - usize::from(DISTANCE_BASE[d])) as u32;
                w.bits(code | extra << n, n + u32::from(DISTANCE_EXTRA[d]));
            }
        }
    }
    w.bits(lit_code[256], u32::from(lit_len[256]));
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::super::inflate::unpack;
    use super::*;

    #[test]
    fn text_round_trips_and_repeats_shrink() {
        let text = "incidents/2026-10-04-disk-full/ The storage service had slow reads for 2 hours. \
                    incidents/2026-10-05-disk-full-again/ The storage service had slow writes for 3 hours.";
        let packed = pack(text.as_bytes());
        assert!(
            packed.len() < text.len() * 3 / 4,
            "{} of {}",
            packed.len(),
            text.len()
        );
        let (back, used) = unpack(&packed).expect("unpacks");
        assert_eq!(back, text.as_bytes());
        assert_eq!(used, packed.len());
    }

    #[test]
    fn short_empty_long_and_self_overlapping_data_round_trip() {
        let long: Vec<u8> = (0..200_000u32)
            .map(|i| (i.wrapping_mul(2_654_435_761) >> 13) as u8 % 7 + b'a')
            .collect();
        for data in [
            &b""[..],
            b"a",
            b"abc",
            b"aaaaaaaaaaaaaaaaaaaaaaaa",
            b"abcabcabcabcx",
            &long,
            &[0u8; 100_000],
        ] {
            let packed = pack(data);
            assert_eq!(unpack(&packed).map(|(d, _)| d).as_deref(), Some(data));
        }
        // "aaaa…" is one literal and matches reaching back one byte into themselves.
        assert!(pack(&[b'a'; 1000]).len() < 30);
    }

    #[test]
    fn symbols_are_those_whose_base_is_the_last_not_above_the_value() {
        let symbol_of =
            |base: &[u16], value: usize| base.partition_point(|&b| usize::from(b) <= value) - 1;
        for len in MIN_MATCH..=MAX_MATCH {
            assert_eq!(length_symbol(len), symbol_of(&LENGTH_BASE, len), "{len}");
        }
        for distance in 1..=super::super::lz77::WINDOW {
            let want = symbol_of(&DISTANCE_BASE, distance);
            assert_eq!(distance_symbol(distance), want, "{distance}");
        }
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_round_trip(
            data in proptest::prop_oneof![
                proptest::collection::vec(proptest::prelude::any::<u8>(), 0..5000),
                proptest::collection::vec(b'a'..b'e', 0..20_000),
            ]
        ) {
            let packed = pack(&data);
            proptest::prop_assert_eq!(unpack(&packed), Some((data, packed.len())));
        }
    }

    #[test]
    fn damaged_bytes_are_refused() {
        let packed = pack(b"abcabcabcabc, abcabcabcabc, and more text to code");
        assert_eq!(unpack(&packed[..packed.len() - 2]), None);
    }
}
