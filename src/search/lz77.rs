//! The LZ77 half of [`super::deflate`]: the bytes to pack as literals and back-references, found
//! through hash chains. It searches as zlib does at its fast levels (a bounded number of tries, a
//! match long enough to stop at, each match taken as soon as it is found, without looking a byte on
//! for a longer one), which finds nearly every byte the longest matches would save at a fraction of
//! the time.
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
const TRIES: usize = 16;
/// A match this long ends the search: a longer one would save little.
const NICE: usize = 128;
/// A three-byte match further back than this costs more than its literals.
const FAR_FOR_THREE: usize = 4096;
/// How many bytes from each place are hashed: four, so the chains hold few places that share less.
const HASHED: usize = 4;
const HASH_BITS: u32 = 15;
const HASH_MASK: usize = (1 << HASH_BITS) - 1;

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

/// The hash chains' tables, kept by each thread from one packing to the next so that they are
/// not made and zeroed for every file: each packing stores its places plus a base above every
/// value an earlier one stored, so what those left behind lies outside every window of this one.
struct Tables {
    /// The newest place of each hash (plus the base).
    head: Box<[u32; 1 << HASH_BITS]>,
    /// The place before each place on its chain (plus the base), at the place's index modulo
    /// [`WINDOW`]: a chain is only followed within the window, where no two places share an index.
    prev: Box<[u32; WINDOW]>,
    /// Above every value stored so far: the next packing's places are stored plus this.
    next_base: u32,
}

impl Tables {
    fn new() -> Self {
        Tables {
            head: Box::new([0; 1 << HASH_BITS]),
            prev: Box::new([0; WINDOW]),
            next_base: 0,
        }
    }

    /// The base for packing `len` bytes: the tables are cleared first if their values would
    /// outgrow a `u32`.
    fn base_for(&mut self, len: usize) -> u32 {
        let Some(next) = u32::try_from(len)
            .ok()
            .and_then(|len| self.next_base.checked_add(len)?.checked_add(1))
        else {
            *self = Tables::new();
            return 0;
        };
        std::mem::replace(&mut self.next_base, next)
    }
}

thread_local! {
    /// This thread's chain tables.
    static TABLES: std::cell::RefCell<Tables> = std::cell::RefCell::new(Tables::new());
}

/// Hash chains over the first bytes of every place: the newest place of each hash and, per place,
/// the one before it. Places are stored plus one plus `base`, so a value up to `base` ends a chain.
struct Chains<'a> {
    data: &'a [u8],
    head: &'a mut [u32; 1 << HASH_BITS],
    prev: &'a mut [u32; WINDOW],
    /// Added to every place stored (with one).
    base: u32,
    /// How many places are on their chains: all those before it.
    inserted: usize,
    /// The hash of every place with [`HASHED`] bytes from it, made in one pass.
    hashes: Vec<u16>,
}

impl<'a> Chains<'a> {
    fn new(data: &'a [u8], tables: &'a mut Tables) -> Self {
        let hashes: Vec<u16> = data.windows(HASHED).map(hash).collect();
        let base = tables.base_for(data.len());
        Chains {
            data,
            head: &mut tables.head,
            prev: &mut tables.prev,
            base,
            inserted: 0,
            hashes,
        }
    }

    /// Puts every place before `to` not yet on its chain there, in order.
    #[inline(always)]
    fn insert_before(&mut self, to: usize) {
        let from = self.inserted;
        let Some(hashes) = self.hashes.get(from..to.min(self.hashes.len())) else {
            return;
        };
        self.inserted = from + hashes.len();
        let (head, prev) = (&mut *self.head, &mut *self.prev);
        let stored = self.base + 1;
        if let &[h] = hashes {
            // One place, after a literal: the common case, without setting up a loop.
            prev[from % WINDOW] =
                std::mem::replace(&mut head[usize::from(h) & HASH_MASK], stored + from as u32);
            return;
        }
        for (&h, place) in hashes.iter().zip(from..) {
            prev[place % WINDOW] =
                std::mem::replace(&mut head[usize::from(h) & HASH_MASK], stored + place as u32);
        }
    }

    /// The longest earlier match at `i`: (length, distance), length 0 if there is none or it is
    /// not worth coding. Every place before `i` is put on its chain first, so places are searched
    /// in order.
    ///
    /// Inlined into [`tokens`], so that the many places whose chain holds no place within the
    /// window (most places after a literal) cost a lookup rather than a call.
    #[inline(always)]
    fn longest(&mut self, i: usize) -> (usize, usize) {
        self.insert_before(i);
        let Some(&h) = self.hashes.get(i) else {
            return (0, 0);
        };
        let mut j = self.head[usize::from(h) & HASH_MASK];
        // Places up to this one (plus one and the base) are beyond the window, or another
        // packing's.
        let oldest = self.base + i.saturating_sub(WINDOW) as u32;
        if j <= oldest {
            return (0, 0);
        }
        let d = self.data;
        // At least the four hashed bytes.
        let max = (d.len() - i).min(MAX_MATCH);
        let enough = max.min(NICE);
        let (mut best, mut distance) = (0, 0);
        let mut tries = TRIES;
        let here = &d[i..i + max];
        // Only a match that reaches one byte past `best` is longer (and `best < max` here): the
        // four bytes ending there are compared first (while `best < 3`, the byte itself, masked
        // out of the first four), most places differ in them. They are read once per length of
        // `best`; `probes` is the data from where they start, so a place's four are at its index.
        let probe = |best: usize| match best {
            0..3 => (0, 0xFF << (8 * best)),
            _ => (best - 3, u32::MAX),
        };
        let (mut at, mut mask) = probe(best);
        let mut want = u32::from_le_bytes(load(here, at)) & mask;
        let mut probes = &d[at..];
        while j > oldest && tries > 0 {
            tries -= 1;
            let from = (j - self.base) as usize - 1;
            if u32::from_le_bytes(load(probes, from)) & mask == want {
                let len = common_prefix(&d[from..from + max], here);
                if len > best {
                    (best, distance) = (len, i - from);
                    if len >= enough {
                        break;
                    }
                    (at, mask) = probe(best);
                    want = u32::from_le_bytes(load(here, at)) & mask;
                    probes = &d[at..];
                }
            }
            j = self.prev[from % WINDOW];
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

/// LZ77 with greedy matching: the longest match found at a place is taken.
pub fn tokens(data: &[u8]) -> Vec<Token> {
    TABLES.with_borrow_mut(|tables| tokens_with(data, tables))
}

/// [`tokens`], with the chains in `tables`.
fn tokens_with(data: &[u8], tables: &mut Tables) -> Vec<Token> {
    let mut chains = Chains::new(data, tables);
    let mut out = Vec::with_capacity(data.len() / 3);
    let mut i = 0;
    while i < data.len() {
        let (len, distance) = chains.longest(i);
        if len == 0 {
            out.push(Token::Literal(data[i]));
            i += 1;
        } else {
            out.push(Token::Match {
                len: len as u16,
                distance: distance as u16,
            });
            i += len;
        }
    }
    out
}

#[cfg(test)]
mod tests;
