//! Random small edits of front-matter text for the fast readers' tests: they turn documents of the
//! subset into near misses (a stray quote, colon, tab, dash or indent).

use std::ops::RangeInclusive;

use proptest::prelude::*;

/// Characters an edit inserts; an edit choosing past them deletes a character instead.
const INSERTED: &[u8] = b" \n:#-\"'[],\t&*!|>{?x1\\=.yT~";

/// One edit: where (over the text's characters), and what.
pub(super) type Edit = (prop::sample::Index, usize);

/// Between `count.start()` and `count.end()` edits.
pub(super) fn edits(count: RangeInclusive<usize>) -> impl Strategy<Value = Vec<Edit>> {
    prop::collection::vec((any::<prop::sample::Index>(), 0..INSERTED.len() + 4), count)
}

/// `text` with `edits` made, one after the other.
pub(super) fn apply(text: &str, edits: &[Edit]) -> String {
    let mut text = text.to_string();
    for (place, what) in edits {
        let places: Vec<usize> = text
            .char_indices()
            .map(|(i, _)| i)
            .chain([text.len()])
            .collect();
        let at = places[place.index(places.len())];
        match INSERTED.get(*what) {
            Some(&c) => text.insert(at, char::from(c)),
            None if at < text.len() => {
                text.remove(at);
            }
            None => {}
        }
    }
    text
}
