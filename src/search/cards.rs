//! Result cards: what a result shows beyond the metadata table (link, title, a short excerpt),
//! stored in blocks of consecutive documents, and copied as *lead cards* into term shards; both
//! packed with [`super::deflate`], since cards repeat the same phrases.

use super::bits;
use super::deflate;
use super::document::Document;
use rayon::prelude::*;

/// Magic bytes that open a card block.
pub const MAGIC: &[u8; 4] = b"dbC2";
/// The longest excerpt, in characters, before it is cut at a word and ended with `…`.
pub const EXCERPT_CHARS: usize = 140;
/// Aim for card blocks of about this many bytes of cards before packing (about a third after).
pub const BLOCK_BYTES: usize = 16 * 1024;

/// The excerpt shown on a card: the document's excerpt, else its summary, else its body, cut short.
pub fn excerpt(doc: &Document) -> String {
    let source = [&doc.excerpt, &doc.summary, &doc.body]
        .into_iter()
        .find(|t| !t.trim().is_empty())
        .map_or("", |t| t.as_str());
    // Words joined by single spaces, only as far as the cut can reach (a body may be long).
    let (mut text, mut chars) = (String::new(), 0);
    for word in source.split_whitespace() {
        if chars > EXCERPT_CHARS {
            break;
        }
        if !text.is_empty() {
            text.push(' ');
            chars += 1;
        }
        text.push_str(word);
        chars += word.chars().count();
    }
    if chars <= EXCERPT_CHARS {
        return text;
    }
    let cut: String = text.chars().take(EXCERPT_CHARS).collect();
    let cut = match cut.rfind(' ') {
        Some(i) if i > EXCERPT_CHARS / 2 => &cut[..i],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end_matches([',', ';', ':', '.', ' ']))
}

/// One card record: url, title and excerpt, each a varint length and UTF-8 bytes.
pub fn record(doc: &Document) -> Vec<u8> {
    let mut out = Vec::new();
    bits::string(&mut out, &doc.url);
    bits::string(&mut out, &doc.title);
    bits::string(&mut out, &excerpt(doc));
    out
}

/// How many consecutive documents share a block, chosen from the average card size.
pub fn per_block(records: &[Vec<u8>]) -> usize {
    let total: usize = records.iter().map(Vec::len).sum();
    let avg = total.checked_div(records.len()).unwrap_or(1).max(1);
    (BLOCK_BYTES / avg).clamp(8, 512)
}

/// The card blocks: `per` records each, in document order: the magic bytes, a varint record count,
/// then the records, packed; on every thread.
pub fn blocks(records: &[Vec<u8>], per: usize) -> Vec<Vec<u8>> {
    records
        .par_chunks(per.max(1))
        .with_max_len(1)
        .map(|chunk| {
            let mut out = MAGIC.to_vec();
            bits::varint(&mut out, chunk.len() as u64);
            out.extend(deflate::pack(&chunk.concat()));
            out
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_excerpts_are_cut_at_a_word() {
        let doc = Document {
            summary: "word ".repeat(100),
            ..Document::default()
        };
        let e = excerpt(&doc);
        assert!(e.ends_with("word…"), "{e}");
        assert!(e.chars().count() <= EXCERPT_CHARS + 1);
    }

    #[test]
    fn excerpts_at_the_limit_are_whole_and_one_more_character_cuts() {
        // "abcd efgh …": 28 words of four letters and a space make exactly 140 characters.
        let exact = "abcd ".repeat(28);
        let whole = excerpt(&Document {
            summary: format!("{exact}\n\n"),
            ..Document::default()
        });
        assert_eq!(whole, exact.trim_end());
        let over = excerpt(&Document {
            summary: format!("{exact} x  {}", "long tail ".repeat(500)),
            ..Document::default()
        });
        assert_eq!(over, format!("{}…", exact.trim_end()));
    }

    #[test]
    fn the_excerpt_falls_back_to_the_summary() {
        let doc = Document {
            excerpt: "  ".into(),
            summary: "Disk  full\non db-1.".into(),
            ..Document::default()
        };
        assert_eq!(excerpt(&doc), "Disk full on db-1.");
    }

    #[test]
    fn blocks_hold_consecutive_records() {
        let records = vec![vec![1], vec![2], vec![3]];
        let b = blocks(&records, 2);
        assert_eq!(b.len(), 2);
        for (block, (count, records)) in b.iter().zip([(2, vec![1, 2]), (1, vec![3])]) {
            assert_eq!(&block[..5], [b"dbC2".as_slice(), &[count]].concat());
            let unpacked = super::super::inflate::unpack(&block[5..]).map(|(d, _)| d);
            assert_eq!(unpacked, Some(records));
        }
    }
}
