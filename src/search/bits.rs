//! Byte and bit writers for the index files: LEB128 varints, strings, and an MSB-first bit stream
//! with Elias-gamma and Rice codes (how postings and the metadata table stay small without gzip).

/// Appends `value` as an unsigned LEB128 varint (7 bits a byte, low bits first).
pub fn varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Appends a string as its UTF-8 byte length (varint) followed by the bytes.
pub fn string(out: &mut Vec<u8>, text: &str) {
    varint(out, text.len() as u64);
    out.extend_from_slice(text.as_bytes());
}

/// The number of bits needed to tell `count` values apart (0 when there is at most one).
pub fn width(count: usize) -> u32 {
    if count <= 1 {
        0
    } else {
        usize::BITS - (count - 1).leading_zeros()
    }
}

/// Writes bits most significant first, four bytes at a time; the last byte is padded with zero bits.
#[derive(Debug, Default)]
pub struct BitWriter {
    bytes: Vec<u8>,
    acc: u64,
    used: u32,
}

impl BitWriter {
    /// An empty stream.
    pub fn new() -> Self {
        Self::default()
    }

    /// Writes the low `n` bits of `value` (n ≤ 32), high bit first.
    pub fn bits(&mut self, value: u64, n: u32) {
        debug_assert!(n <= 32 && (n == 32 || value < (1 << n)));
        // Fewer than 32 bits wait in `acc`, so 32 more fit.
        self.acc = (self.acc << n) | value;
        self.used += n;
        if self.used >= 32 {
            self.used -= 32;
            let word = (self.acc >> self.used) as u32;
            self.bytes.extend_from_slice(&word.to_be_bytes());
            self.acc &= (1 << self.used) - 1;
        }
    }

    /// Elias gamma code of `value ≥ 1`: as many zero bits as the value has bits after its top one, then the value.
    pub fn gamma(&mut self, value: u64) {
        debug_assert!(value >= 1);
        let n = 63 - value.leading_zeros();
        for _ in 0..n {
            self.bits(0, 1);
        }
        // Write the value in chunks of at most 32 bits.
        let total = n + 1;
        if total > 32 {
            self.bits(value >> 32, total - 32);
            self.bits(value & 0xffff_ffff, 32);
        } else {
            self.bits(value, total);
        }
    }

    /// Rice code of `value ≥ 0` with parameter `k`: `value >> k` one bits, a zero bit, then the low `k` bits.
    pub fn rice(&mut self, value: u64, k: u32) {
        let mut q = value >> k;
        let low = value & ((1 << k) - 1);
        // Most codes fit in one write: the ones, the zero and the low bits.
        if q + 1 + u64::from(k) <= 32 {
            let ones = (1 << q) - 1;
            self.bits((ones << 1) << k | low, q as u32 + 1 + k);
            return;
        }
        while q >= 32 {
            self.bits(0xffff_ffff, 32);
            q -= 32;
        }
        self.bits((1 << q) - 1, q as u32);
        self.bits(0, 1);
        if k > 0 {
            self.bits(low, k);
        }
    }

    /// The bytes written so far, the last one padded.
    pub fn finish(mut self) -> Vec<u8> {
        let whole = self.used.div_ceil(8);
        let padded = self.acc << (8 * whole - self.used);
        self.bytes
            .extend_from_slice(&padded.to_be_bytes()[8 - whole as usize..]);
        self.bytes
    }
}

/// The Rice parameter (below 16) that codes `values` in the fewest bits, the smallest of equally
/// good ones, and that bit count.
///
/// The count falls and then rises as the parameter grows (one more bit per value, against the
/// quotients' ones, which shrink by less each time), so the search stops at the first parameter
/// after which it no longer falls.
pub fn best_rice(values: &[u64]) -> (u32, u64) {
    let bits = |k: u32| -> u64 { values.iter().map(|v| (v >> k) + 1 + u64::from(k)).sum() };
    let mut best = (0, bits(0));
    for k in 1..16 {
        let total = bits(k);
        if total >= best.1 {
            break;
        }
        best = (k, total);
    }
    best
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn varints_are_little_endian_groups_of_seven() {
        let mut out = Vec::new();
        varint(&mut out, 0);
        varint(&mut out, 127);
        varint(&mut out, 300);
        assert_eq!(out, [0, 127, 0xac, 0x02]);
    }

    #[test]
    fn gamma_and_rice_codes_match_their_definitions() {
        let mut w = BitWriter::new();
        w.gamma(1); // 1
        w.gamma(5); // 00101
        w.rice(5, 1); // 11 0 1
        assert_eq!(w.finish(), [0b1001_0111, 0b0100_0000]);
    }

    /// Bits as a list of booleans, one at a time: the reference for [`BitWriter`].
    fn by_bit(writes: &[(u64, u32)]) -> Vec<u8> {
        let mut bits: Vec<bool> = Vec::new();
        for &(value, n) in writes {
            bits.extend((0..n).rev().map(|i| value >> i & 1 == 1));
        }
        let bytes = bits.chunks(8).map(|c| {
            let byte = c.iter().fold(0u8, |b, &bit| b << 1 | u8::from(bit));
            byte << (8 - c.len())
        });
        bytes.collect()
    }

    #[test]
    fn the_writer_puts_down_every_bit_as_one_at_a_time_would() {
        let mut x = 99u64;
        let mut rices = 0;
        for _ in 0..500 {
            let mut writes = Vec::new();
            let mut w = BitWriter::new();
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            for _ in 0..(x >> 58) {
                x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                let n = (x >> 58) as u32 % 33;
                let value = (x >> 7) & ((1u64 << n) - 1);
                if x & 1 == 0 {
                    // A Rice code, as its definition spells it out.
                    let (value, k) = (value % 5000, (x >> 9) as u32 % 16);
                    let q = value >> k;
                    writes.extend(std::iter::repeat_n((1, 1), q as usize));
                    writes.push((0, 1));
                    writes.push((value & ((1 << k) - 1), k));
                    w.rice(value, k);
                    rices += 1;
                } else {
                    writes.push((value, n));
                    w.bits(value, n);
                }
            }
            assert_eq!(w.finish(), by_bit(&writes), "{writes:?}");
        }
        assert!(rices > 1000, "{rices}");
    }

    #[test]
    fn widths_count_bits_for_distinct_values() {
        assert_eq!([0, 1, 2, 3, 4, 5].map(width), [0, 0, 1, 2, 2, 3]);
    }

    #[test]
    fn the_best_rice_parameter_follows_the_gaps_and_is_the_first_of_the_best() {
        // Every parameter tried, the fewest bits and then the smallest parameter winning.
        let every = |values: &[u64]| {
            (0..16u32)
                .map(|k| (k, values.iter().map(|v| (v >> k) + 1 + u64::from(k)).sum()))
                .min_by_key(|&(k, total): &(u32, u64)| (total, k))
                .unwrap_or((0, 0))
        };
        let mut x = 99u64;
        for round in 0..3000 {
            let n = round % 40;
            let values: Vec<u64> = (0..n)
                .map(|_| {
                    x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    (x >> 20) >> (x % 64).min(43)
                })
                .collect();
            assert_eq!(best_rice(&values), every(&values), "{values:?}");
        }
        assert_eq!(best_rice(&[]), (0, 0));
        assert_eq!(best_rice(&[3, 3]), every(&[3, 3]));
        assert_eq!(best_rice(&[0, 0, 1, 0]).0, 0);
        assert!(best_rice(&[1000, 900, 1100]).0 >= 8);
    }
}
