//! The index's files decoded for queries: the entry, the metadata table, term shards (keys and where
//! each term's postings are) and cards, read the way `search.js` reads them (format in
//! `docs/search.md`).

use std::collections::BTreeMap;

use serde::Deserialize;

use super::read::{Bits, Bytes, IndexError};
use crate::search::bits::width;
use crate::search::text::canonical;
use crate::search::{cards, entry, inflate, meta, shards};

/// `search/entry.json`, as read.
#[derive(Debug, Deserialize)]
pub struct Entry {
    /// Format version; only [`entry::FORMAT`] is read.
    pub format: u32,
    /// Number of documents.
    pub docs: usize,
    /// File name of the metadata table.
    pub meta: String,
    /// Fold of each shard's first key, ascending.
    pub shards: Vec<String>,
    /// File name of each shard.
    pub shard_files: Vec<String>,
    /// Documents per card block.
    pub cards_per_block: usize,
    /// File name of each card block.
    pub card_files: Vec<String>,
    /// Score levels per doubling.
    pub score_steps: u32,
    /// Facet value tables.
    pub facets: FacetTables,
    /// Stopword lists by language.
    pub stopwords: BTreeMap<String, Vec<String>>,
}

/// The facet tables of the entry.
#[derive(Debug, Deserialize)]
pub struct FacetTables {
    /// Severities.
    pub severity: Vec<String>,
    /// Services.
    pub service: Vec<String>,
    /// Years.
    pub year: Vec<i32>,
    /// Language codes.
    pub lang: Vec<String>,
}

/// Reads the entry file.
pub fn entry(file: &str, bytes: &[u8]) -> Result<Entry, IndexError> {
    let e: Entry = serde_json::from_slice(bytes)
        .map_err(|err| IndexError::new(file, format!("not an entry file: {err}")))?;
    if e.format != entry::FORMAT {
        return Err(IndexError::new(
            file,
            format!(
                "format {} (this debrief reads format {})",
                e.format,
                entry::FORMAT
            ),
        ));
    }
    if e.shards.len() != e.shard_files.len() || e.score_steps == 0 || e.cards_per_block == 0 {
        return Err(IndexError::new(file, "inconsistent shard or card tables"));
    }
    Ok(e)
}

/// One document's row of the metadata table, as indexes into the facet tables.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Days since 1970-01-01 (0 or less: no date).
    pub day: i64,
    /// Index into the severity table.
    pub severity: usize,
    /// The year facet.
    pub year: i32,
    /// Index into the language table.
    pub lang: usize,
    /// Open action items.
    pub open: u64,
    /// Indexes into the service table.
    pub services: Vec<usize>,
}

/// Reads the metadata table.
pub fn meta(file: &str, bytes: &[u8], e: &Entry) -> Result<Vec<Row>, IndexError> {
    let mut r = Bytes::new(file, bytes);
    r.magic(meta::MAGIC)?;
    let n = r.size()?;
    if n != e.docs {
        return Err(IndexError::new(
            file,
            format!("{n} documents, the entry says {}", e.docs),
        ));
    }
    let mut day = i64::try_from(r.varint()?).unwrap_or(i64::MAX);
    let f = &e.facets;
    let mut bits = Bits::new(file, r.rest());
    let index = |value: u64, len: usize, what: &str| {
        usize::try_from(value)
            .ok()
            .filter(|&i| i < len)
            .ok_or_else(|| IndexError::new(file, format!("{what} {value} is not in the entry")))
    };
    let mut rows = Vec::with_capacity(n.min(bytes.len() * 8));
    for _ in 0..n {
        day = day.saturating_sub(i64::try_from(bits.gamma()? - 1).unwrap_or(i64::MAX));
        let severity = index(
            bits.bits(width(f.severity.len()))?,
            f.severity.len(),
            "severity",
        )?;
        let year = if bits.bit()? == 1 {
            i32::try_from(day).map_or(0, meta::year_of)
        } else {
            f.year[index(bits.bits(width(f.year.len()))?, f.year.len(), "year")?]
        };
        let lang = index(bits.bits(width(f.lang.len()))?, f.lang.len(), "language")?;
        let open = bits.gamma()? - 1;
        let count = bits.gamma()? - 1;
        let services = (0..count)
            .map(|_| {
                index(
                    bits.bits(width(f.service.len()))?,
                    f.service.len(),
                    "service",
                )
            })
            .collect::<Result<_, _>>()?;
        rows.push(Row {
            day,
            severity,
            year,
            lang,
            open,
            services,
        });
    }
    Ok(rows)
}

/// One key of a shard: a spelling, its fold, and the shard's numbers of its terms.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Key {
    /// The spelling as indexed.
    pub key: String,
    /// Its fold ([`canonical`]).
    pub fold: String,
    /// Its terms, numbered within the shard.
    pub terms: Vec<usize>,
}

/// A decoded term shard: its keys in order, and each term's postings still encoded.
#[derive(Debug)]
pub struct Shard {
    /// The file, for errors.
    pub file: String,
    /// The keys, sorted by fold, then spelling.
    pub keys: Vec<Key>,
    /// Each term's encoded postings.
    terms: Vec<Vec<u8>>,
}

/// Reads a term shard (without its lead cards, which only save the browser a download).
pub fn shard(file: &str, bytes: &[u8]) -> Result<Shard, IndexError> {
    let mut r = Bytes::new(file, bytes);
    r.magic(shards::MAGIC)?;
    let (body, _) = inflate::unpack(r.rest())
        .ok_or_else(|| IndexError::new(file, "damaged packed bytes after byte 4"))?;
    let bytes = body.as_slice();
    let mut r = Bytes::new(file, bytes);
    let (n_keys, n_terms) = (r.size()?, r.size()?);
    r.size()?;
    let bad = |what: &str| IndexError::new(file, what.to_string());
    let mut keys = Vec::with_capacity(n_keys.min(bytes.len()));
    let mut prev: Vec<u8> = Vec::new();
    let mut named = 0usize;
    for _ in 0..n_keys {
        let head = r.u8()?;
        let (mut shared, mut suffix) = (usize::from(head >> 4), usize::from(head & 15));
        if shared == 15 {
            shared += r.size()?;
        }
        if suffix == 15 {
            suffix += r.size()?;
        }
        let mut key = prev
            .get(..shared)
            .ok_or_else(|| bad("a key shares more than the previous one has"))?
            .to_vec();
        key.extend_from_slice(r.take(suffix)?);
        let mut name = |back: Option<usize>| -> Result<usize, IndexError> {
            let term = match back {
                None => {
                    named += 1;
                    named - 1
                }
                Some(back) => named
                    .checked_sub(back + 1)
                    .ok_or_else(|| bad("a key names a term before the first"))?,
            };
            if term < n_terms {
                Ok(term)
            } else {
                Err(bad("a key names more terms than the shard has"))
            }
        };
        let v = r.size()?;
        let terms = if v == 0 {
            vec![name(None)?]
        } else if v % 2 == 1 {
            vec![name(Some((v - 1) / 2))?]
        } else {
            let mut list = Vec::new();
            for _ in 0..v / 2 + 1 {
                let c = r.size()?;
                list.push(name(c.checked_sub(1))?);
            }
            list
        };
        let text = String::from_utf8_lossy(&key).into_owned();
        keys.push(Key {
            fold: canonical(&text).into_owned(),
            key: text,
            terms,
        });
        prev = key;
    }
    let mut terms = Vec::with_capacity(n_terms.min(bytes.len()));
    for _ in 0..n_terms {
        let len = r.size()?;
        terms.push(r.take(len)?.to_vec());
    }
    Ok(Shard {
        file: file.to_string(),
        keys,
        terms,
    })
}

impl Shard {
    /// A term's postings, `(document, level)` in the stored order: tiers from the highest level
    /// down, documents ascending within a tier.
    pub fn postings(&self, term: usize, docs: usize) -> Result<Vec<(u32, u8)>, IndexError> {
        let bytes = self
            .terms
            .get(term)
            .ok_or_else(|| IndexError::new(&self.file, format!("no term {term}")))?;
        let mut bits = Bits::new(&self.file, bytes);
        let mut out = Vec::new();
        for _ in 1..bits.gamma()? {
            let level = bits.bits(4)? as u8;
            let count = bits.gamma()?;
            let k = bits.bits(4)? as u32;
            let mut doc: i64 = -1;
            for _ in 0..count {
                doc += i64::try_from(bits.rice(k)?).unwrap_or(i64::MAX - 1) + 1;
                let d = u32::try_from(doc).ok().filter(|&d| (d as usize) < docs);
                let d = d.ok_or_else(|| {
                    IndexError::new(&self.file, format!("document {doc} is not in the index"))
                })?;
                out.push((d, level));
            }
        }
        Ok(out)
    }
}

/// One result card: what a result shows beyond the metadata.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Card {
    /// The incident page, relative to the site root (`incidents/db-failover/`).
    pub url: String,
    /// The incident's title.
    pub title: String,
    /// A short excerpt (at most [`cards::EXCERPT_CHARS`] characters and an ellipsis).
    pub excerpt: String,
}

/// The card of the `nth` document of a card block.
pub fn card(file: &str, bytes: &[u8], nth: usize) -> Result<Card, IndexError> {
    let mut r = Bytes::new(file, bytes);
    r.magic(cards::MAGIC)?;
    let count = r.size()?;
    if nth >= count {
        return Err(IndexError::new(
            file,
            format!("no card {nth} in a block of {count}"),
        ));
    }
    let (records, _) = inflate::unpack(r.rest()).ok_or_else(|| {
        IndexError::new(file, format!("damaged packed cards after byte {}", r.pos))
    })?;
    let mut r = Bytes::new(file, &records);
    let mut read = || -> Result<Card, IndexError> {
        Ok(Card {
            url: r.string()?,
            title: r.string()?,
            excerpt: r.string()?,
        })
    };
    for _ in 0..nth {
        read()?;
    }
    read()
}
