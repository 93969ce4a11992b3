//! The entry file, `search/entry.json`: the one file with a fixed name. It tells the client the
//! format version, the document count, where the metadata, shards and card blocks are (by
//! content-hashed name), the facet value tables and the stopwords.

use super::meta::Facets;
use super::stopwords;
use serde::Serialize;

/// The format version written to `entry.json`; bumped on any change a reader would notice.
pub const FORMAT: u32 = 2;

/// The entry file's contents.
#[derive(Debug, Serialize)]
pub struct Entry<'a> {
    /// Format version ([`FORMAT`]).
    pub format: u32,
    /// Number of documents.
    pub docs: usize,
    /// File name of the metadata table.
    pub meta: String,
    /// First folded key of each shard, ascending.
    pub shards: Vec<&'a str>,
    /// File name of each shard, in the same order.
    pub shard_files: Vec<String>,
    /// Documents per card block.
    pub cards_per_block: usize,
    /// File name of each card block, in document order.
    pub card_files: Vec<String>,
    /// How many best results make a first screen, which lead cards cover.
    pub leads: usize,
    /// Lead cards are kept for keys whose query finds at least this many documents.
    pub lead_min_docs: usize,
    /// Quantisation steps per doubling of a stored score level.
    pub score_steps: u32,
    /// Facet value tables; the metadata table stores indexes into them.
    pub facets: FacetTables<'a>,
    /// Stopwords by language.
    pub stopwords: StopwordLists,
}

/// The facet tables as they appear in the entry.
#[derive(Debug, Serialize)]
pub struct FacetTables<'a> {
    /// Severities.
    pub severity: &'a [String],
    /// Services.
    pub service: &'a [String],
    /// Years.
    pub year: &'a [i32],
    /// Languages.
    pub lang: &'a [String],
}

impl<'a> FacetTables<'a> {
    /// Borrows the tables of `facets`.
    pub fn of(facets: &'a Facets) -> Self {
        FacetTables {
            severity: &facets.severity,
            service: &facets.service,
            year: &facets.year,
            lang: &facets.lang,
        }
    }
}

/// The stopword lists as they appear in the entry.
#[derive(Debug, Serialize)]
pub struct StopwordLists {
    /// English.
    pub en: &'static [&'static str],
    /// Norwegian.
    pub nb: &'static [&'static str],
}

impl Default for StopwordLists {
    fn default() -> Self {
        StopwordLists {
            en: stopwords::ENGLISH,
            nb: stopwords::NORWEGIAN,
        }
    }
}

/// 64-bit FNV-1a: small, fast and the same everywhere, which is all a file name needs.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &b in bytes {
        h ^= u64::from(b);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

/// A content-hashed file name: `prefix`, 12 hex digits of the hash, `.bin`.
pub fn hashed_name(prefix: &str, bytes: &[u8]) -> String {
    format!("{prefix}{:012x}.bin", fnv1a(bytes) >> 16)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_change_with_the_content() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(hashed_name("t-", b"a"), hashed_name("t-", b"a"));
        assert_ne!(hashed_name("t-", b"a"), hashed_name("t-", b"b"));
        assert_eq!(
            hashed_name("m-", b"x").len(),
            "m-".len() + 12 + ".bin".len()
        );
    }
}
