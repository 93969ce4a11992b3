//! Tests of the in-memory inverted index: entries, tallies, levels and runs.

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
    let mut latest = Vec::new();
    for d in &docs {
        let c = count(d, &mut vocab, &mut latest);
        let mut got: Vec<(u32, usize, u32)> = c
            .entries
            .iter()
            .map(|e| (e.term(), e.field(), e.tf()))
            .collect();
        assert!(c.entries.windows(2).all(|w| w[0].field() <= w[1].field()));
        got.sort_unstable();
        let want = sorted_counts(d, &mut check);
        assert_eq!(got, want);
        for (f, len) in c.lengths.iter().enumerate() {
            let n: u32 = want.iter().filter(|w| w.1 == f).map(|w| w.2).sum();
            assert_eq!(*len, n);
        }
    }
}

/// One document's levels as they were once made: the entries sorted by term and field, each
/// term's parts summed in field order, the terms ascending.
fn levels_by_sorting(c: &Counts, avg: &[f64; Field::ALL.len()]) -> Vec<(u32, u8)> {
    let mut entries = c.entries.clone();
    entries.sort_unstable();
    let terms = entries.chunk_by(|a, b| a.term() == b.term());
    terms
        .map(|parts| {
            let sum = parts.iter().fold(0.0, |sum, e| {
                let f = e.field();
                sum + score::field_part(Field::ALL[f], e.tf(), c.lengths[f], avg[f])
            });
            (parts[0].term(), score::quantise(sum))
        })
        .collect()
}

proptest::proptest! {
    /// The levels summed by term id in the order of the entries are those of sorting the
    /// entries, document after document with the same scratch, and the terms merged by `ids`.
    #[test]
    fn summed_levels_are_the_levels_of_sorted_entries(
        docs in proptest::collection::vec(
            proptest::collection::vec("((disk|full|lag|queue|q-1|x|the|ås|2024) ){0,12}", 13),
            1..4,
        ),
        avg_len in 0.5f64..20.0,
    ) {
        let docs: Vec<Document> = docs
            .iter()
            .map(|fields| Document {
                title: fields[0].clone(),
                id: fields[1].clone(),
                tickets: vec![fields[2].clone()],
                services: vec![fields[3].clone()],
                tags: vec![fields[4].clone(), fields[3].clone()],
                summary: fields[5].clone(),
                root_cause: fields[6].clone(),
                headings: vec![fields[7].clone()],
                impact: fields[8].clone(),
                resolution: fields[9].clone(),
                actions: vec![fields[10].clone()],
                timeline: vec![fields[11].clone()],
                body: fields[12].clone(),
                ..Document::default()
            })
            .collect();
        let mut vocab = Vocabulary::new();
        let mut latest = Vec::new();
        let counts: Vec<Counts> = docs.iter().map(|d| count(d, &mut vocab, &mut latest)).collect();
        let terms = vocab.terms().len();
        // Merged ids that reverse the run's order.
        let ids: Vec<u32> = (0..terms as u32).rev().collect();
        let avg = std::array::from_fn(|f| avg_len + f as f64);
        let mut sums = Sums { sums: vec![UNSEEN; terms], seen: Vec::new() };
        for c in &counts {
            let mut got = sums.levels(c, &avg, &ids);
            let mut want: Vec<(u32, u8)> = levels_by_sorting(c, &avg)
                .into_iter()
                .map(|(t, level)| (ids[t as usize], level))
                .collect();
            got.sort_unstable();
            want.sort_unstable();
            proptest::prop_assert_eq!(got, want);
        }
        proptest::prop_assert!(sums.sums.iter().all(|&s| s == UNSEEN));
    }
}

#[test]
fn runs_cover_every_document_once_in_order_and_shrink() {
    for docs in [0, 1, 255, 256, 257, 1000, 10_000, 50_001] {
        for threads in [1, 2, 3, 8] {
            let runs = run_bounds(docs, threads);
            let mut at = 0;
            for r in &runs {
                assert_eq!(r.start, at, "{docs} {threads}");
                assert!(!r.is_empty());
                at = r.end;
            }
            assert_eq!(at, docs);
            let lens: Vec<usize> = runs.iter().map(|r| r.len()).collect();
            let last = lens.len().saturating_sub(1);
            assert!(lens.windows(2).all(|w| w[0] >= w[1]), "{lens:?}");
            assert!(lens[..last].iter().all(|&n| n >= MIN_RUN), "{lens:?}");
            if docs >= 8 * MIN_RUN * threads {
                assert!(lens[0] <= docs.div_ceil(2 * threads), "{lens:?}");
                assert!(lens[last] <= MIN_RUN, "{lens:?}");
            }
        }
    }
}

#[test]
fn a_count_beyond_an_entry_is_capped_not_wrapped() {
    assert_eq!(Entry::new(1, 2, u32::MAX).tf(), Entry::TF_MAX);
    assert_eq!(Entry::new(1, 2, u32::MAX).field(), 2);
}
