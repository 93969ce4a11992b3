//! Reading raw DEFLATE (RFC 1951), the packing of shards and card blocks, so the Rust reader of the
//! index ([`super::query`]) and the tests read what the browser reads with its own
//! `DecompressionStream('deflate-raw')`. Written out rather than taken from a crate: it is a page of
//! code, and only ever reads what [`super::deflate`] wrote or a damaged copy of it.

/// Match lengths: the base length of each length symbol from 257 on.
pub const LENGTH_BASE: [u16; 29] = [
    3, 4, 5, 6, 7, 8, 9, 10, 11, 13, 15, 17, 19, 23, 27, 31, 35, 43, 51, 59, 67, 83, 99, 115, 131,
    163, 195, 227, 258,
];
/// Extra bits after each length symbol.
pub const LENGTH_EXTRA: [u8; 29] = [
    0, 0, 0, 0, 0, 0, 0, 0, 1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 5, 0,
];
/// Match distances: the base distance of each distance symbol.
pub const DISTANCE_BASE: [u16; 30] = [
    1, 2, 3, 4, 5, 7, 9, 13, 17, 25, 33, 49, 65, 97, 129, 193, 257, 385, 513, 769, 1025, 1537,
    2049, 3073, 4097, 6145, 8193, 12289, 16385, 24577,
];
/// Extra bits after each distance symbol.
pub const DISTANCE_EXTRA: [u8; 30] = [
    0, 0, 0, 0, 1, 1, 2, 2, 3, 3, 4, 4, 5, 5, 6, 6, 7, 7, 8, 8, 9, 9, 10, 10, 11, 11, 12, 12, 13,
    13,
];
/// The order the code-length code's lengths are written in.
pub const CODE_LENGTH_ORDER: [usize; 19] = [
    16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1, 15,
];
/// Output beyond this is refused: no index file unpacks to anywhere near it.
const MAX_OUTPUT: usize = 1 << 26;

/// A canonical Huffman code for decoding: how many codes of each length, and the symbols in code order.
struct Code {
    count: [u16; 16],
    symbols: Vec<u16>,
}

impl Code {
    /// The code of these code lengths, or `None` if they are over-subscribed.
    fn new(lengths: &[u8]) -> Option<Code> {
        let mut count = [0u16; 16];
        for &l in lengths {
            count[usize::from(l)] += 1;
        }
        let mut left: i32 = 1;
        for &c in &count[1..] {
            left = left * 2 - i32::from(c);
            if left < 0 {
                return None;
            }
        }
        let mut offsets = [0u16; 16];
        for l in 1..15 {
            offsets[l + 1] = offsets[l] + count[l];
        }
        let mut symbols = vec![0; lengths.len()];
        for (s, &l) in lengths.iter().enumerate() {
            if l != 0 {
                symbols[usize::from(offsets[usize::from(l)])] = s as u16;
                offsets[usize::from(l)] += 1;
            }
        }
        count[0] = 0;
        Some(Code { count, symbols })
    }
}

struct Reader<'a> {
    bytes: &'a [u8],
    pos: usize,
    buf: u32,
    held: u32,
    out: Vec<u8>,
}

impl Reader<'_> {
    fn bits(&mut self, n: u32) -> Option<u32> {
        while self.held < n {
            let b = *self.bytes.get(self.pos)?;
            self.pos += 1;
            self.buf |= u32::from(b) << self.held;
            self.held += 8;
        }
        let v = self.buf & ((1u32 << n) - 1);
        self.buf = if n == 32 { 0 } else { self.buf >> n };
        self.held -= n;
        Some(v)
    }

    fn decode(&mut self, code: &Code) -> Option<usize> {
        let (mut value, mut first, mut index) = (0i32, 0i32, 0i32);
        for &count in &code.count[1..] {
            value |= self.bits(1)? as i32;
            let count = i32::from(count);
            if value - first < count {
                return code
                    .symbols
                    .get((index + value - first) as usize)
                    .map(|&s| s as usize);
            }
            index += count;
            first = (first + count) << 1;
            value <<= 1;
        }
        None
    }

    fn stored(&mut self) -> Option<()> {
        self.buf = 0;
        self.held = 0;
        let head = self.bytes.get(self.pos..self.pos + 4)?;
        let len = usize::from(u16::from_le_bytes([head[0], head[1]]));
        if len != usize::from(!u16::from_le_bytes([head[2], head[3]])) {
            return None;
        }
        self.pos += 4;
        let data = self.bytes.get(self.pos..self.pos + len)?;
        self.out.extend_from_slice(data);
        self.pos += len;
        Some(())
    }

    fn dynamic(&mut self) -> Option<(Code, Code)> {
        let lits = self.bits(5)? as usize + 257;
        let dists = self.bits(5)? as usize + 1;
        let codes = self.bits(4)? as usize + 4;
        if lits > 286 || dists > 30 {
            return None;
        }
        let mut lengths = [0u8; 19];
        for &at in &CODE_LENGTH_ORDER[..codes] {
            lengths[at] = self.bits(3)? as u8;
        }
        let code = Code::new(&lengths)?;
        let mut lengths = Vec::with_capacity(lits + dists);
        while lengths.len() < lits + dists {
            let symbol = self.decode(&code)?;
            let (value, times) = match symbol {
                0..=15 => (symbol as u8, 1),
                16 => (*lengths.last()?, 3 + self.bits(2)?),
                17 => (0, 3 + self.bits(3)?),
                _ => (0, 11 + self.bits(7)?),
            };
            if lengths.len() + times as usize > lits + dists {
                return None;
            }
            lengths.extend(std::iter::repeat_n(value, times as usize));
        }
        if lengths[256] == 0 {
            return None;
        }
        Some((Code::new(&lengths[..lits])?, Code::new(&lengths[lits..])?))
    }

    fn fixed() -> (Code, Code) {
        let mut lengths = [8u8; 288];
        lengths[144..256].fill(9);
        lengths[256..280].fill(7);
        let lit = Code::new(&lengths).unwrap_or(Code {
            count: [0; 16],
            symbols: Vec::new(),
        });
        let dist = Code::new(&[5; 30]).unwrap_or(Code {
            count: [0; 16],
            symbols: Vec::new(),
        });
        (lit, dist)
    }

    fn block(&mut self, lit: &Code, dist: &Code) -> Option<()> {
        loop {
            let symbol = self.decode(lit)?;
            if symbol < 256 {
                self.out.push(symbol as u8);
            } else if symbol == 256 {
                return Some(());
            } else {
                let s = symbol - 257;
                let len = usize::from(*LENGTH_BASE.get(s)?)
                    + self.bits(u32::from(LENGTH_EXTRA[s]))? as usize;
                let d = self.decode(dist)?;
                let distance = usize::from(*DISTANCE_BASE.get(d)?)
                    + self.bits(u32::from(DISTANCE_EXTRA[d]))? as usize;
                if distance > self.out.len() || self.out.len() + len > MAX_OUTPUT {
                    return None;
                }
                let from = self.out.len() - distance;
                for p in from..from + len {
                    self.out.push(self.out[p]);
                }
            }
            if self.out.len() > MAX_OUTPUT {
                return None;
            }
        }
    }
}

/// Unpacks the raw DEFLATE stream at the start of `bytes`: the data and how many bytes the stream
/// took, or `None` if it ends early or is damaged.
pub fn unpack(bytes: &[u8]) -> Option<(Vec<u8>, usize)> {
    let mut r = Reader {
        bytes,
        pos: 0,
        buf: 0,
        held: 0,
        out: Vec::new(),
    };
    loop {
        let last = r.bits(1)?;
        match r.bits(2)? {
            0 => r.stored()?,
            1 => {
                let (lit, dist) = Reader::fixed();
                r.block(&lit, &dist)?;
            }
            2 => {
                let (lit, dist) = r.dynamic()?;
                r.block(&lit, &dist)?;
            }
            _ => return None,
        }
        if last == 1 {
            return Some((r.out, r.pos));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stored_and_fixed_blocks_read() {
        // A stored block of "hi", then a final fixed block of "a" (zlib's output for it).
        let mut bytes = vec![0b000, 2, 0, !2, !0, b'h', b'i'];
        bytes.extend([0x4b, 0x04, 0x00]);
        assert_eq!(unpack(&bytes), Some((b"hia".to_vec(), bytes.len())));
        assert_eq!(unpack(&bytes[..5]), None);
        // A block type that does not exist.
        assert_eq!(unpack(&[0b111]), None);
    }
}
