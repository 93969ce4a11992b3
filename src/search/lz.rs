//! A small byte-oriented LZ77 packing for card text: cards repeat the same phrases (`incidents/`,
//! "The … service had … on … 2026, caused by"), and packing them halves what card blocks and lead
//! cards weigh, with a decoder of a dozen lines in the client.
//!
//! Packed bytes: varint length of the unpacked bytes, then sequences until that many bytes are out:
//! varint literal count, the literal bytes, then (unless the output is complete) a match: varint
//! `length − MIN_MATCH` and varint `distance` (≥ 1) back from the end of the output so far, copied
//! byte by byte (a match may overlap its own output).

use super::bits;
use std::collections::HashMap;

/// The shortest repeat worth a match.
pub const MIN_MATCH: usize = 4;
/// How many earlier places with the same four bytes are tried for each match.
const TRIES: usize = 32;

/// Packs `data`. Deterministic: the same bytes always pack the same way.
pub fn pack(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() / 2 + 8);
    bits::varint(&mut out, data.len() as u64);
    let mut seen: HashMap<[u8; MIN_MATCH], Vec<usize>> = HashMap::new();
    let key = |i: usize| -> [u8; MIN_MATCH] {
        let mut k = [0; MIN_MATCH];
        k.copy_from_slice(&data[i..i + MIN_MATCH]);
        k
    };
    let (mut start, mut i) = (0, 0);
    while i + MIN_MATCH <= data.len() {
        let k = key(i);
        let (mut best, mut distance) = (0, 0);
        if let Some(places) = seen.get(&k) {
            for &j in places.iter().rev().take(TRIES) {
                let len = data[j..]
                    .iter()
                    .zip(&data[i..])
                    .take_while(|(a, b)| a == b)
                    .count();
                if len > best {
                    (best, distance) = (len, i - j);
                }
            }
        }
        if best < MIN_MATCH {
            seen.entry(k).or_default().push(i);
            i += 1;
            continue;
        }
        bits::varint(&mut out, (i - start) as u64);
        out.extend_from_slice(&data[start..i]);
        bits::varint(&mut out, (best - MIN_MATCH) as u64);
        bits::varint(&mut out, distance as u64);
        for p in i..(i + best).min(data.len() + 1 - MIN_MATCH) {
            seen.entry(key(p)).or_default().push(p);
        }
        i += best;
        start = i;
    }
    bits::varint(&mut out, (data.len() - start) as u64);
    out.extend_from_slice(&data[start..]);
    out
}

/// Unpacks bytes made by [`pack`] from the start of `bytes`: the data and how many bytes were read,
/// or `None` if they end early or point before the start.
pub fn unpack(bytes: &[u8]) -> Option<(Vec<u8>, usize)> {
    let mut at = 0;
    let read = |at: &mut usize| -> Option<usize> {
        let mut value: u64 = 0;
        for shift in (0..64).step_by(7) {
            let byte = *bytes.get(*at)?;
            *at += 1;
            value |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return usize::try_from(value).ok();
            }
        }
        None
    };
    let len = read(&mut at)?;
    let mut out: Vec<u8> = Vec::with_capacity(len.min(1 << 24));
    loop {
        let literals = read(&mut at)?;
        let from = at;
        let to = from.checked_add(literals)?;
        out.extend_from_slice(bytes.get(from..to)?);
        at = to;
        if out.len() >= len {
            break;
        }
        let count = read(&mut at)?.checked_add(MIN_MATCH)?;
        let distance = read(&mut at)?;
        if distance == 0 || distance > out.len() || out.len() + count > len {
            return None;
        }
        let begin = out.len() - distance;
        for p in 0..count {
            out.push(out[begin + p]);
        }
    }
    (out.len() == len).then_some((out, at))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_round_trips_and_repeats_shrink() {
        let text = "incidents/2026-10-04-disk-full/ The storage service had slow reads for 2 hours. \
                    incidents/2026-10-05-disk-full-again/ The storage service had slow writes for 3 hours.";
        let packed = pack(text.as_bytes());
        assert!(
            packed.len() < text.len() * 3 / 4,
            "{} of {}",
            packed.len(),
            text.len()
        );
        let (back, used) = unpack(&packed).expect("unpacks");
        assert_eq!(back, text.as_bytes());
        assert_eq!(used, packed.len());
    }

    #[test]
    fn short_empty_and_self_overlapping_data_round_trip() {
        for data in [
            &b""[..],
            b"abc",
            b"aaaaaaaaaaaaaaaaaaaaaaaa",
            b"abcabcabcabcx",
        ] {
            let packed = pack(data);
            assert_eq!(unpack(&packed).map(|(d, _)| d).as_deref(), Some(data));
        }
        // "aaaa…" is one literal and a match reaching back one byte into itself.
        assert!(pack(&[b'a'; 100]).len() < 8);
    }

    #[test]
    fn damaged_bytes_are_refused() {
        let packed = pack(b"abcabcabcabc, abcabcabcabc");
        assert_eq!(unpack(&packed[..packed.len() - 1]), None);
        // A match reaching back before the start.
        assert_eq!(unpack(&[10, 1, b'a', 3, 2]), None);
    }
}
