//! The inverted index in memory: documents put in result order, every field tokenised and mapped
//! to terms, and for every term the documents it occurs in with their quantised BM25 level.

use super::document::{Document, Field};
use super::meta::sort_day;
use super::score;
use super::text::{normalise, pieces};
use super::vocabulary::{Language, Vocabulary};

/// Everything the file writers need, independent of the input's order.
#[derive(Debug)]
pub struct Inverted {
    /// Document number (result order: newest first) → index into the input slice.
    pub order: Vec<usize>,
    /// Term strings by term id.
    pub terms: Vec<String>,
    /// Per term id: `(document number, level)`, document numbers ascending.
    pub postings: Vec<Vec<(u32, u8)>>,
    /// Every key with the ids of its terms, in no particular order.
    pub keys: Vec<(String, Vec<u32>)>,
}

/// Result order: newest first, then by id and url so equal dates never depend on the input order.
pub fn result_order(docs: &[Document]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by(|&a, &b| {
        let (x, y) = (&docs[a], &docs[b]);
        sort_day(y)
            .cmp(&sort_day(x))
            .then_with(|| x.id.cmp(&y.id))
            .then_with(|| x.url.cmp(&y.url))
            .then_with(|| x.title.cmp(&y.title))
    });
    order
}

/// One document's counts: `(term, field, occurrences)` sorted, and each field's length in terms.
struct Counts {
    entries: Vec<(u32, u8, u32)>,
    lengths: [u32; Field::ALL.len()],
}

fn count(doc: &Document, vocab: &mut Vocabulary, scratch: &mut Vec<(u32, u8)>) -> Counts {
    let lang = Language::from_code(&doc.lang);
    let mut lengths = [0u32; Field::ALL.len()];
    scratch.clear();
    for (f, field) in Field::ALL.iter().enumerate() {
        let raw = doc.text(*field);
        let text = normalise(&raw);
        pieces(&text, |piece| {
            if let Some(term) = vocab.term(lang, piece) {
                scratch.push((term, f as u8));
                lengths[f] += 1;
            }
        });
    }
    scratch.sort_unstable();
    let mut entries: Vec<(u32, u8, u32)> = Vec::new();
    for &(term, field) in scratch.iter() {
        match entries.last_mut() {
            Some(last) if last.0 == term && last.1 == field => last.2 += 1,
            _ => entries.push((term, field, 1)),
        }
    }
    Counts { entries, lengths }
}

/// Tokenises and scores every document.
pub fn invert(docs: &[Document]) -> Inverted {
    let order = result_order(docs);
    let mut vocab = Vocabulary::new();
    let mut scratch = Vec::new();
    let counts: Vec<Counts> = order
        .iter()
        .map(|&i| count(&docs[i], &mut vocab, &mut scratch))
        .collect();

    let mut avg = [0f64; Field::ALL.len()];
    for (f, slot) in avg.iter_mut().enumerate() {
        let lens = counts.iter().map(|c| c.lengths[f]).filter(|&l| l > 0);
        let (n, sum) = lens.fold((0u64, 0u64), |(n, s), l| (n + 1, s + u64::from(l)));
        if n > 0 {
            *slot = sum as f64 / n as f64;
        }
    }

    let (terms, keys) = vocab.into_keys();
    let mut postings: Vec<Vec<(u32, u8)>> = vec![Vec::new(); terms.len()];
    for (doc, c) in counts.iter().enumerate() {
        let mut i = 0;
        while i < c.entries.len() {
            let term = c.entries[i].0;
            let mut sum = 0.0;
            while i < c.entries.len() && c.entries[i].0 == term {
                let (_, f, tf) = c.entries[i];
                let f = usize::from(f);
                sum += score::field_part(Field::ALL[f], tf, c.lengths[f], avg[f]);
                i += 1;
            }
            postings[term as usize].push((doc as u32, score::quantise(sum)));
        }
    }
    Inverted {
        order,
        terms,
        postings,
        keys,
    }
}
