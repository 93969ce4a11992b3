//! One document's term counts, field by field: the words tokenised, mapped to terms and tallied,
//! numbered as the run of documents they belong to first meets them.

use super::document::{Document, Field};
use super::merge::RunVocabulary;
use super::text::{normalise, pieces};
use super::vocabulary::{Language, Vocabulary};

/// One document's counts: its [`Entry`]s, each (term, field) once, and each field's length in
/// terms.
pub struct Counts {
    /// Each (term, field) once, in the order the document first names it: a term's entries come in
    /// field order.
    pub entries: Vec<Entry>,
    /// Each field's length in terms.
    pub lengths: [u32; Field::ALL.len()],
}

/// A term's occurrences in one field of a document, packed into 8 bytes (the counts of every
/// document are held at once until the average field lengths are known): the term id in the high
/// 32 bits, the field's index in the next 4, the occurrences in the low 28 (capped there, far
/// beyond any document's length).
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Entry(u64);

impl Entry {
    const TF_BITS: u32 = 28;
    const TF_MAX: u32 = (1 << Self::TF_BITS) - 1;

    /// `tf` occurrences of term `term` in field `field` (an index in [`Field::ALL`]).
    pub fn new(term: u32, field: u8, tf: u32) -> Entry {
        Entry(
            u64::from(term) << 32
                | u64::from(field) << Self::TF_BITS
                | u64::from(tf.min(Self::TF_MAX)),
        )
    }

    /// The term's number in its run.
    pub fn term(self) -> u32 {
        (self.0 >> 32) as u32
    }

    /// The field's index in [`Field::ALL`].
    pub fn field(self) -> usize {
        ((self.0 >> Self::TF_BITS) & 0xf) as usize
    }

    /// The occurrences.
    pub fn tf(self) -> u32 {
        (self.0 & u64::from(Self::TF_MAX)) as u32
    }
}

const _: () = assert!(
    Field::ALL.len() <= 16,
    "a field index takes 4 bits of an Entry"
);

/// Room for this many tallies is made at once: most documents need no more.
const TALLIES: usize = 512;

/// A run's own numbering of the terms of a vocabulary kept over several runs: each term is
/// numbered where the run first meets it, so a run numbers its terms as a vocabulary of its own
/// would, without stemming again the words earlier runs met.
#[derive(Default)]
pub struct Numbering {
    /// Per vocabulary term id, its number in the run ([`Numbering::NONE`] if it has none yet).
    local: Vec<u32>,
    /// The run's terms, by their number in it.
    terms: Vec<u32>,
}

impl Numbering {
    const NONE: u32 = u32::MAX;

    /// The run's number of vocabulary term `id`, given the next one if the run has not met it.
    fn number(&mut self, id: u32) -> u32 {
        let i = id as usize;
        if i >= self.local.len() {
            self.local.resize(i + 1, Self::NONE);
        }
        if self.local[i] == Self::NONE {
            self.local[i] = self.terms.len() as u32;
            self.terms.push(id);
        }
        self.local[i]
    }

    /// The run's terms by number and the keys `vocab` met first in the run, with the run's
    /// numbers, as [`Vocabulary::into_keys`] of a vocabulary of the run's own gives them (its keys
    /// in no particular order, a key possibly more than once); the numbering starts again.
    pub fn finish(&mut self, vocab: &mut Vocabulary) -> RunVocabulary {
        let names = vocab.terms();
        let terms = self.terms.iter().map(|&id| names[id as usize].clone());
        let terms = terms.collect();
        let keys = vocab.take_fresh_keys().into_iter();
        let keys = keys.map(|(key, id)| (key, vec![self.local[id as usize]]));
        let keys = keys.collect();
        for &id in &self.terms {
            self.local[id as usize] = Self::NONE;
        }
        self.terms.clear();
        (terms, keys)
    }
}

/// Tallies one document's terms field by field, numbered by `run`. `latest` is scratch kept across
/// documents, indexed by vocabulary term id: where in the tallies the term's latest tally may be
/// (checked, never cleared). A term's tallies are made in field order, so only its latest can be
/// the current field's. The entries come out in tally order.
pub fn count(
    doc: &Document,
    vocab: &mut Vocabulary,
    run: &mut Numbering,
    latest: &mut Vec<u32>,
) -> Counts {
    let lang = Language::from_code(&doc.lang);
    let mut lengths = [0u32; Field::ALL.len()];
    let mut tallies: Vec<(u32, u8, u32)> = Vec::with_capacity(TALLIES);
    for (f, field) in Field::ALL.iter().enumerate() {
        let f = f as u8;
        // Part by part: the newline that joins a list field's items ends every word.
        for part in doc.parts(*field) {
            pieces(&normalise(part), |piece| {
                if let Some(term) = vocab.term(lang, piece) {
                    lengths[usize::from(f)] += 1;
                    let t = term as usize;
                    if t >= latest.len() {
                        latest.resize(t + 1, u32::MAX);
                    }
                    match tallies.get_mut(latest[t] as usize) {
                        Some(tally) if tally.0 == term && tally.1 == f => tally.2 += 1,
                        _ => {
                            latest[t] = tallies.len() as u32;
                            tallies.push((term, f, 1));
                        }
                    }
                }
            });
        }
    }
    // A term's first tally is where the document first names it: numbered in tally order, the
    // terms are numbered in the order the run first meets them.
    let entries = tallies
        .iter()
        .map(|&(term, f, tf)| Entry::new(run.number(term), f, tf))
        .collect();
    Counts { entries, lengths }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_keep_term_field_and_count_and_sort_as_their_parts() {
        let parts = [(7, 12, 1), (7, 0, 300_000), (0, 3, 2), (u32::MAX, 5, 9)];
        let mut entries: Vec<Entry> = parts.iter().map(|&(t, f, n)| Entry::new(t, f, n)).collect();
        for (e, &(t, f, n)) in entries.iter().zip(&parts) {
            assert_eq!((e.term(), e.field(), e.tf()), (t, usize::from(f), n));
        }
        entries.sort_unstable();
        let mut sorted = parts.to_vec();
        sorted.sort_unstable();
        let back: Vec<(u32, u8, u32)> = entries
            .iter()
            .map(|e| (e.term(), e.field() as u8, e.tf()))
            .collect();
        assert_eq!(back, sorted);
    }

    /// The counts by sorting every occurrence, as a check on [`count`]'s tallies.
    fn sorted_counts(doc: &Document, vocab: &mut Vocabulary) -> Vec<(u32, usize, u32)> {
        let lang = Language::from_code(&doc.lang);
        let mut all = Vec::new();
        for (f, field) in Field::ALL.iter().enumerate() {
            let text = doc.text(*field);
            pieces(&normalise(&text), |p| {
                all.extend(vocab.term(lang, p).map(|t| (t, f)))
            });
        }
        all.sort_unstable();
        let runs = all.chunk_by(|a, b| a == b);
        runs.map(|r| (r[0].0, r[0].1, r.len() as u32)).collect()
    }

    #[test]
    fn tallies_count_each_term_in_each_field_once_across_documents() {
        let doc = |title: &str, summary: &str, body: &str| Document {
            title: title.into(),
            summary: summary.into(),
            body: body.into(),
            tags: vec!["disk".into(), "disk-full".into()],
            ..Document::default()
        };
        let docs = [
            doc(
                "Disk full",
                "The disk filled; disks full",
                "disk disk full queue lag disk",
            ),
            doc("Queue lag", "lag lag", "full disk, then queue-lag and lag"),
            doc("", "", ""),
            doc("Full", "disk", "queue disk full full"),
        ];
        let (mut vocab, mut check) = (Vocabulary::new(), Vocabulary::new());
        let (mut latest, mut run) = (Vec::new(), Numbering::default());
        for d in &docs {
            let c = count(d, &mut vocab, &mut run, &mut latest);
            let mut got: Vec<(u32, usize, u32)> = c
                .entries
                .iter()
                .map(|e| (e.term(), e.field(), e.tf()))
                .collect();
            got.sort_unstable();
            let want = sorted_counts(d, &mut check);
            assert_eq!(got, want);
            for (f, len) in c.lengths.iter().enumerate() {
                let n: u32 = want.iter().filter(|w| w.1 == f).map(|w| w.2).sum();
                assert_eq!(*len, n);
            }
        }
    }

    proptest::proptest! {
        #[test]
        fn list_fields_counted_item_by_item_count_as_their_joined_text(
            items in proptest::collection::vec(
                r"([a-zA-Z0-9 .,_-]|Σ|ς|é|e\u{301}|\u{301}|å|Å|ß|İ|\u{a0}|\n){0,12}", 0..5),
            lang in proptest::sample::select(vec!["en", "nb"]),
        ) {
            let doc = Document {
                lang: lang.to_string(),
                title: items.concat(),
                tags: items.clone(),
                timeline: items.iter().rev().cloned().collect(),
                tickets: items,
                ..Document::default()
            };
            let (mut vocab, mut check) = (Vocabulary::new(), Vocabulary::new());
            let c = count(&doc, &mut vocab, &mut Numbering::default(), &mut Vec::new());
            let mut got: Vec<(u32, usize, u32)> =
                c.entries.iter().map(|e| (e.term(), e.field(), e.tf())).collect();
            got.sort_unstable();
            let want = sorted_counts(&doc, &mut check);
            proptest::prop_assert_eq!(&got, &want);
            for (f, len) in c.lengths.iter().enumerate() {
                let n: u32 = want.iter().filter(|w| w.1 == f).map(|w| w.2).sum();
                proptest::prop_assert_eq!(*len, n);
            }
        }
    }

    /// Each (key, term) pair of a run's keys, by the term's spelling.
    fn pairs((terms, keys): &RunVocabulary) -> std::collections::BTreeSet<(String, String)> {
        let each = keys
            .iter()
            .flat_map(|(k, ids)| ids.iter().map(move |&i| (k, i)));
        each.map(|(k, i)| (k.clone(), terms[i as usize].clone()))
            .collect()
    }

    #[test]
    fn runs_of_a_kept_vocabulary_count_and_key_as_vocabularies_of_their_own() {
        let pool = [
            "disk",
            "disks",
            "full",
            "the",
            "og",
            "blåbær",
            "blaabaer",
            "blåbærene",
            "kafka-2",
            "inc-2024-0007",
            "queue",
            "lag",
            "Lagringssystemet",
            "failing",
            "failed",
            "man",
            "e-post",
            "averyverylongwordthatpacksintonoword",
        ];
        let mut x = 5u32;
        let mut words = |n: usize| {
            let mut out = Vec::new();
            for _ in 0..n {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                out.push(pool[(x >> 16) as usize % pool.len()]);
            }
            out.join(" ")
        };
        let docs: Vec<Document> = (0..12)
            .map(|i| Document {
                lang: ["en", "nb", "en"][i % 3].to_string(),
                title: words(3),
                tags: vec![words(1), words(2)],
                body: words(30),
                ..Document::default()
            })
            .collect();
        let mut kept = Vocabulary::new();
        let (mut numbering, mut latest) = (Numbering::default(), Vec::new());
        let mut kept_pairs = std::collections::BTreeSet::new();
        let mut own_pairs = std::collections::BTreeSet::new();
        for run in [0..1, 1..5, 5..6, 6..12] {
            let mut own = Vocabulary::new();
            let (mut own_numbering, mut own_latest) = (Numbering::default(), Vec::new());
            for d in &docs[run] {
                let got = count(d, &mut kept, &mut numbering, &mut latest);
                let want = count(d, &mut own, &mut own_numbering, &mut own_latest);
                assert!(got.entries == want.entries && got.lengths == want.lengths);
            }
            let run = numbering.finish(&mut kept);
            let own = own.into_keys();
            assert_eq!(run.0, own.0);
            let (got, want) = (pairs(&run), pairs(&own));
            assert!(got.is_subset(&want), "{got:?} {want:?}");
            kept_pairs.extend(got);
            own_pairs.extend(want);
        }
        assert_eq!(kept_pairs, own_pairs);
        assert!(kept_pairs.contains(&("blaabaer".to_string(), "blåbær".to_string())));
    }

    #[test]
    fn a_count_beyond_an_entry_is_capped_not_wrapped() {
        assert_eq!(Entry::new(1, 2, u32::MAX).tf(), Entry::TF_MAX);
        assert_eq!(Entry::new(1, 2, u32::MAX).field(), 2);
    }
}
