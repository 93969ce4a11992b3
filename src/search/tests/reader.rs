//! A reader of the index files for tests, written from `docs/search.md` rather than from the
//! writer's code, so a test fails when the two disagree.

use crate::search::canonical;
use std::collections::BTreeMap;

/// The files of one index by path.
pub struct Index {
    pub files: BTreeMap<String, Vec<u8>>,
    pub entry: serde_json::Value,
}

struct Bytes<'a> {
    b: &'a [u8],
    p: usize,
}

impl Bytes<'_> {
    fn u8(&mut self) -> u8 {
        self.p += 1;
        self.b[self.p - 1]
    }
    fn varint(&mut self) -> u64 {
        let (mut v, mut shift) = (0u64, 0);
        loop {
            let byte = self.u8();
            v |= u64::from(byte & 0x7f) << shift;
            shift += 7;
            if byte & 0x80 == 0 {
                return v;
            }
        }
    }
    fn take(&mut self, n: usize) -> &[u8] {
        self.p += n;
        &self.b[self.p - n..self.p]
    }
}

struct Bits<'a> {
    b: &'a [u8],
    pos: usize,
}

impl Bits<'_> {
    fn bit(&mut self) -> u64 {
        let v = (self.b[self.pos / 8] >> (7 - self.pos % 8)) & 1;
        self.pos += 1;
        u64::from(v)
    }
    fn bits(&mut self, n: u32) -> u64 {
        (0..n).fold(0, |v, _| v * 2 + self.bit())
    }
    fn gamma(&mut self) -> u64 {
        let mut n = 0;
        while self.bit() == 0 {
            n += 1;
        }
        (0..n).fold(1, |v, _| v * 2 + self.bit())
    }
    fn rice(&mut self, k: u32) -> u64 {
        let mut q = 0;
        while self.bit() == 1 {
            q += 1;
        }
        (q << k) + self.bits(k)
    }
}

/// One decoded shard: keys with their local terms, each term's postings, lead cards' documents.
pub struct Shard {
    pub keys: Vec<(String, Vec<usize>)>,
    pub postings: Vec<Vec<(u32, u8)>>,
    pub leads: Vec<(u32, String)>,
}

/// Packed bytes: a raw DEFLATE stream (RFC 1951, a standard the crate's reader follows).
fn unpack(r: &mut Bytes<'_>) -> Vec<u8> {
    let (data, used) = crate::search::inflate::unpack(&r.b[r.p..]).expect("a DEFLATE stream");
    r.p += used;
    data
}

fn card(r: &mut Bytes<'_>) -> [String; 3] {
    [(); 3].map(|_| {
        let n = r.varint() as usize;
        String::from_utf8(r.take(n).to_vec()).expect("UTF-8 card text")
    })
}

pub fn shard(bytes: &[u8]) -> Shard {
    assert_eq!(&bytes[..4], b"dbT2");
    let body = unpack(&mut Bytes { b: bytes, p: 4 });
    let mut r = Bytes { b: &body, p: 0 };
    let (nk, nt, nl) = (r.varint(), r.varint(), r.varint());
    let mut keys = Vec::new();
    let mut prev: Vec<u8> = Vec::new();
    let mut named = 0usize;
    for _ in 0..nk {
        let h = r.u8();
        let (mut shared, mut suffix) = (usize::from(h >> 4), usize::from(h & 15));
        if shared == 15 {
            shared += r.varint() as usize;
        }
        if suffix == 15 {
            suffix += r.varint() as usize;
        }
        let mut key = prev[..shared].to_vec();
        key.extend_from_slice(r.take(suffix));
        let mut name = |back: Option<usize>| match back {
            None => {
                named += 1;
                named - 1
            }
            Some(b) => named - 1 - b,
        };
        let v = r.varint() as usize;
        let terms = if v == 0 {
            vec![name(None)]
        } else if v % 2 == 1 {
            vec![name(Some((v - 1) / 2))]
        } else {
            (0..v / 2 + 1)
                .map(|_| {
                    let c = r.varint() as usize;
                    name(c.checked_sub(1))
                })
                .collect()
        };
        keys.push((String::from_utf8(key.clone()).expect("UTF-8 key"), terms));
        prev = key;
    }
    let mut postings = Vec::new();
    for _ in 0..nt {
        let len = r.varint() as usize;
        let mut bits = Bits {
            b: r.take(len),
            pos: 0,
        };
        let mut list = Vec::new();
        for _ in 0..bits.gamma() - 1 {
            let level = bits.bits(4) as u8;
            let count = bits.gamma();
            let k = bits.bits(4) as u32;
            let mut doc: i64 = -1;
            for _ in 0..count {
                doc += bits.rice(k) as i64 + 1;
                list.push((doc as u32, level));
            }
        }
        postings.push(list);
    }
    let mut leads = Vec::new();
    let mut doc = 0;
    for _ in 0..nl {
        doc += r.varint() as u32;
        leads.push((doc, card(&mut r)[1].clone()));
    }
    assert_eq!(r.p, r.b.len(), "the lead cards end the shard");
    Shard {
        keys,
        postings,
        leads,
    }
}

impl Index {
    pub fn new(files: Vec<(String, Vec<u8>)>) -> Self {
        let files: BTreeMap<_, _> = files.into_iter().collect();
        let entry = serde_json::from_slice(&files["search/entry.json"]).expect("entry is JSON");
        Index { files, entry }
    }

    pub fn file(&self, name: &serde_json::Value) -> &[u8] {
        &self.files[&format!("search/{}", name.as_str().expect("a file name"))]
    }

    /// The shard a word's fold belongs to.
    pub fn shard_for(&self, word: &str) -> Shard {
        let fold = canonical(word);
        let firsts = self.entry["shards"].as_array().expect("shards");
        if firsts.is_empty() {
            return Shard {
                keys: Vec::new(),
                postings: Vec::new(),
                leads: Vec::new(),
            };
        }
        let i = firsts
            .iter()
            .rposition(|f| f.as_str().is_some_and(|f| f <= fold.as_ref()))
            .unwrap_or(0);
        shard(self.file(&self.entry["shard_files"][i]))
    }

    /// Documents for one word, exact folds only, best first: (document, score).
    pub fn rank(&self, word: &str) -> Vec<(u32, f64)> {
        let shard = self.shard_for(word);
        let n = self.entry["docs"].as_f64().unwrap_or(0.0);
        let fold = canonical(word);
        let mut scores: BTreeMap<u32, f64> = BTreeMap::new();
        for (key, terms) in &shard.keys {
            if canonical(key) != fold {
                continue;
            }
            for &t in terms {
                let list = &shard.postings[t];
                let df = list.len() as f64;
                let idf = (1.0 + (n - df + 0.5) / (df + 0.5)).ln();
                for &(doc, level) in list {
                    let s = idf * (2f64.powf(f64::from(level) / 2.0) - 1.0);
                    let e = scores.entry(doc).or_default();
                    *e = e.max(s);
                }
            }
        }
        let mut out: Vec<(u32, f64)> = scores.into_iter().collect();
        out.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        out
    }

    /// The card (url, title, excerpt) of a document, from its block.
    pub fn card(&self, doc: u32) -> [String; 3] {
        let per = self.entry["cards_per_block"].as_u64().unwrap_or(1) as u32;
        let block = self.file(&self.entry["card_files"][(doc / per) as usize]);
        assert_eq!(&block[..4], b"dbC2");
        let mut r = Bytes { b: block, p: 4 };
        let count = r.varint() as u32;
        assert!(doc % per < count);
        let records = unpack(&mut r);
        let mut r = Bytes { b: &records, p: 0 };
        for _ in 0..doc % per {
            card(&mut r);
        }
        card(&mut r)
    }
}
