//! The LZ77 half of [`super::deflate`]: the bytes to pack as literals and back-references, found
//! through hash chains. It searches as zlib does at its middle levels (a bounded number of tries,
//! a match long enough to stop at, one step of lazy matching only after a short match), which finds
//! nearly every byte the longest matches would save at a fraction of the time.
//!
//! Deterministic: the same bytes always give the same tokens (chains searched newest first, the
//! first of equally long matches kept).

/// The shortest match DEFLATE can code.
pub const MIN_MATCH: usize = 3;
/// The longest match DEFLATE can code.
pub const MAX_MATCH: usize = 258;
/// How far back a match may reach.
pub const WINDOW: usize = 32 * 1024;
/// How many earlier places with the same first four bytes are tried for each match.
const TRIES: usize = 32;
/// A match this long ends the search: a longer one would save little.
const NICE: usize = 128;
/// A match this long is taken at once, without looking one byte on for a longer one.
const MAX_LAZY: usize = 32;
/// When the match waiting to be taken is this long, the look one byte on tries a quarter as many
/// places.
const GOOD: usize = 8;
/// A three-byte match further back than this costs more than its literals.
const FAR_FOR_THREE: usize = 4096;
/// How many bytes from each place are hashed: four, so the chains hold few places that share less.
const HASHED: usize = 4;
const HASH_BITS: u32 = 15;

/// What the packed stream says next: a byte as it is, or a copy of earlier bytes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Token {
    /// One byte.
    Literal(u8),
    /// `len` bytes copied from `distance` bytes back.
    Match {
        /// How many bytes, [`MIN_MATCH`] to [`MAX_MATCH`].
        len: u16,
        /// How far back, 1 to [`WINDOW`].
        distance: u16,
    },
}

/// Hash chains over the first bytes of every place: the newest place of each hash and, per place,
/// the one before it. Places are stored plus one, so 0 ends a chain.
struct Chains<'a> {
    data: &'a [u8],
    head: Vec<u32>,
    prev: Vec<u32>,
    /// The hash of every place with [`HASHED`] bytes from it, made in one pass.
    hashes: Vec<u16>,
}

impl<'a> Chains<'a> {
    fn new(data: &'a [u8]) -> Self {
        Chains {
            data,
            head: vec![0; 1 << HASH_BITS],
            prev: vec![0; data.len()],
            hashes: data.windows(HASHED).map(hash).collect(),
        }
    }

    fn insert(&mut self, i: usize) {
        if let Some(&h) = self.hashes.get(i) {
            let h = usize::from(h);
            self.prev[i] = self.head[h];
            self.head[h] = i as u32 + 1;
        }
    }

    /// The longest earlier match at `i` that is longer than `beat`: (length, distance), length 0
    /// if there is none or it is not worth coding.
    fn longest(&self, i: usize, beat: usize) -> (usize, usize) {
        let d = self.data;
        let Some(&h) = self.hashes.get(i) else {
            return (0, 0);
        };
        let max = (d.len() - i).min(MAX_MATCH);
        if beat >= max {
            return (0, 0);
        }
        let enough = max.min(NICE);
        let (mut best, mut distance) = (beat, 0);
        let tries = if beat >= GOOD { TRIES / 4 } else { TRIES };
        // Places up to this one (plus one) are beyond the window.
        let oldest = i.saturating_sub(WINDOW) as u32;
        let here = &d[i..i + max];
        // Only a match that reaches one byte past `best` is longer (and `best < max` here): the
        // four bytes ending there (or the byte itself, while `best < 3`) are compared first, most
        // places differ in them. Here they are read once per length of `best`.
        let end_of = |bytes: &[u8], best: usize| match best {
            0..3 => u32::from(bytes[best]),
            _ => u32::from_le_bytes(load(bytes, best - 3)),
        };
        let mut want = end_of(here, best);
        let mut j = self.head[usize::from(h)];
        for _ in 0..tries {
            if j <= oldest {
                break;
            }
            let from = j as usize - 1;
            let there = &d[from..from + max];
            if end_of(there, best) == want {
                let len = common_prefix(there, here);
                if len > best {
                    (best, distance) = (len, i - from);
                    if len >= enough {
                        break;
                    }
                    want = end_of(here, best);
                }
            }
            j = self.prev[from];
        }
        if distance == 0 || best < MIN_MATCH || (best == MIN_MATCH && distance > FAR_FOR_THREE) {
            (0, 0)
        } else {
            (best, distance)
        }
    }
}

/// The chain a place goes on, from its first [`HASHED`] bytes.
fn hash(first: &[u8]) -> u16 {
    let v = u32::from_le_bytes(load(first, 0));
    (v.wrapping_mul(0x9E37_79B1) >> (32 - HASH_BITS)) as u16
}

/// The four bytes of `d` from `at`.
fn load(d: &[u8], at: usize) -> [u8; 4] {
    let mut out = [0; 4];
    out.copy_from_slice(&d[at..at + 4]);
    out
}

/// How many leading bytes `a` and `b` (of equal length) share, compared eight at a time.
fn common_prefix(a: &[u8], b: &[u8]) -> usize {
    let mut n = 0;
    for (x, y) in a.chunks_exact(8).zip(b.chunks_exact(8)) {
        let word = |c: &[u8]| u64::from_le_bytes(c.try_into().unwrap_or_default());
        let diff = word(x) ^ word(y);
        if diff != 0 {
            return n + (diff.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + a[n..]
        .iter()
        .zip(&b[n..])
        .take_while(|(x, y)| x == y)
        .count()
}

/// LZ77 with one step of lazy matching: a short match is put off by a byte when the next one is
/// longer.
pub fn tokens(data: &[u8]) -> Vec<Token> {
    let mut chains = Chains::new(data);
    let mut out = Vec::with_capacity(data.len() / 3);
    let mut i = 0;
    let mut pending = chains.longest(0, 0);
    while i < data.len() {
        let (len, distance) = pending;
        chains.insert(i);
        if len == 0 {
            out.push(Token::Literal(data[i]));
            i += 1;
            pending = chains.longest(i, 0);
            continue;
        }
        let next = if len < MAX_LAZY {
            chains.longest(i + 1, len)
        } else {
            (0, 0)
        };
        if next.0 > len {
            out.push(Token::Literal(data[i]));
            i += 1;
            pending = next;
            continue;
        }
        out.push(Token::Match {
            len: len as u16,
            distance: distance as u16,
        });
        for p in i + 1..i + len {
            chains.insert(p);
        }
        i += len;
        pending = chains.longest(i, 0);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The bytes `tokens` stand for.
    fn expand(tokens: &[Token]) -> Vec<u8> {
        let mut out: Vec<u8> = Vec::new();
        for t in tokens {
            match *t {
                Token::Literal(b) => out.push(b),
                Token::Match { len, distance } => {
                    let (len, distance) = (usize::from(len), usize::from(distance));
                    assert!((MIN_MATCH..=MAX_MATCH).contains(&len), "{t:?}");
                    assert!((1..=WINDOW.min(out.len())).contains(&distance), "{t:?}");
                    for _ in 0..len {
                        out.push(out[out.len() - distance]);
                    }
                }
            }
        }
        out
    }

    #[test]
    fn tokens_stand_for_the_bytes_within_the_limits() {
        // Phrases repeated near and far, long runs (past NICE and MAX_LAZY), and noise.
        let mut x = 7u32;
        let mut data = Vec::new();
        let phrases = [
            "the storage service ",
            "had slow reads ",
            "for 2 hours. ",
            "x",
        ];
        for round in 0..20_000 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            match (x >> 16) % 5 {
                0..=2 => data.extend_from_slice(phrases[(x >> 20) as usize % 4].as_bytes()),
                3 => data.extend(std::iter::repeat_n(
                    b'a' + (round % 3) as u8,
                    (x >> 22) as usize % 600,
                )),
                _ => data.push((x >> 24) as u8),
            }
        }
        let tokens = tokens(&data);
        assert_eq!(expand(&tokens), data);
        let matched = tokens
            .iter()
            .filter(|t| matches!(t, Token::Match { .. }))
            .count();
        assert!(
            matched * 4 > tokens.len(),
            "{matched} matches of {}",
            tokens.len()
        );
        assert!(
            tokens
                .iter()
                .any(|t| matches!(t, Token::Match { len, .. } if usize::from(*len) == MAX_MATCH))
        );
    }

    #[test]
    fn common_prefixes_are_counted_to_the_byte() {
        let a = b"abcdefghijklmnopqrstuvwxyz0123456789";
        for cut in 0..a.len() {
            let mut b = *a;
            b[cut] = b'!';
            assert_eq!(common_prefix(a, &b), cut);
            assert_eq!(common_prefix(&a[..cut], &b[..cut]), cut);
        }
        assert_eq!(common_prefix(a, a), a.len());
    }
}
