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

/// Writes bits most significant first; the last byte is padded with zero bits.
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
        self.acc = (self.acc << n) | value;
        self.used += n;
        while self.used >= 8 {
            self.used -= 8;
            self.bytes.push((self.acc >> self.used) as u8);
        }
        self.acc &= (1 << self.used) - 1;
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
        while q >= 32 {
            self.bits(0xffff_ffff, 32);
            q -= 32;
        }
        self.bits((1 << q) - 1, q as u32);
        self.bits(0, 1);
        if k > 0 {
            self.bits(value & ((1 << k) - 1), k);
        }
    }

    /// The bytes written so far, the last one padded.
    pub fn finish(mut self) -> Vec<u8> {
        if self.used > 0 {
            let pad = 8 - self.used;
            self.bits(0, pad);
        }
        self.bytes
    }
}

/// The Rice parameter that codes `values` in the fewest bits, and that bit count.
pub fn best_rice(values: &[u64]) -> (u32, u64) {
    (0..16u32)
        .map(|k| {
            let total: u64 = values.iter().map(|v| (v >> k) + 1 + u64::from(k)).sum();
            (k, total)
        })
        .min_by_key(|&(k, total)| (total, k))
        .unwrap_or((0, 0))
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

    #[test]
    fn widths_count_bits_for_distinct_values() {
        assert_eq!([0, 1, 2, 3, 4, 5].map(width), [0, 0, 1, 2, 2, 3]);
    }

    #[test]
    fn the_best_rice_parameter_follows_the_gaps() {
        assert_eq!(best_rice(&[0, 0, 1, 0]).0, 0);
        assert!(best_rice(&[1000, 900, 1100]).0 >= 8);
    }
}
