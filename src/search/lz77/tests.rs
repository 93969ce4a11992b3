//! Tests of [`super`]: tokens stand for their bytes within DEFLATE's limits, and are the tokens
//! of the plain search (a zeroed table of chain links, every try compared byte by byte from the
//! end of the best match) that the chains' fast paths stand in for.

use super::*;
use proptest::prelude::*;

/// The bytes `tokens` stand for.
fn expand(tokens: &[Token]) -> Vec<u8> {
    let mut out: Vec<u8> = Vec::new();
    for t in tokens {
        match *t {
            Token::Literal(b) => out.push(b),
            Token::Match { len, distance } => {
                let (len, distance) = (usize::from(len), usize::from(distance));
                assert!((MIN_MATCH..=MAX_MATCH).contains(&len), "{t:?}");
                assert!((1..=WINDOW.min(out.len())).contains(&distance), "{t:?}");
                for _ in 0..len {
                    out.push(out[out.len() - distance]);
                }
            }
        }
    }
    out
}

#[test]
fn tokens_stand_for_the_bytes_within_the_limits() {
    // Phrases repeated near and far, long runs (past NICE), and noise.
    let mut x = 7u32;
    let mut data = Vec::new();
    let phrases = [
        "the storage service ",
        "had slow reads ",
        "for 2 hours. ",
        "x",
    ];
    for round in 0..20_000 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        match (x >> 16) % 5 {
            0..=2 => data.extend_from_slice(phrases[(x >> 20) as usize % 4].as_bytes()),
            3 => data.extend(std::iter::repeat_n(
                b'a' + (round % 3) as u8,
                (x >> 22) as usize % 600,
            )),
            _ => data.push((x >> 24) as u8),
        }
    }
    let tokens = tokens(&data);
    assert_eq!(expand(&tokens), data);
    let matched = tokens
        .iter()
        .filter(|t| matches!(t, Token::Match { .. }))
        .count();
    assert!(
        matched * 4 > tokens.len(),
        "{matched} matches of {}",
        tokens.len()
    );
    assert!(
        tokens
            .iter()
            .any(|t| matches!(t, Token::Match { len, .. } if usize::from(*len) == MAX_MATCH))
    );
}

#[test]
fn common_prefixes_are_counted_to_the_byte() {
    let a = b"abcdefghijklmnopqrstuvwxyz0123456789";
    for cut in 0..a.len() {
        let mut b = *a;
        b[cut] = b'!';
        assert_eq!(common_prefix(a, &b), cut);
        assert_eq!(common_prefix(&a[..cut], &b[..cut]), cut);
    }
    assert_eq!(common_prefix(a, a), a.len());
}

/// The tokens of the plain search, as the chains were first written: the reference for [`tokens`].
fn plain_tokens(data: &[u8]) -> Vec<Token> {
    let hashes: Vec<u16> = data.windows(HASHED).map(hash).collect();
    let mut head = vec![0u32; 1 << HASH_BITS];
    let mut prev = vec![0u32; data.len()];
    let insert = |i: usize, head: &mut [u32], prev: &mut [u32]| {
        if let Some(&h) = hashes.get(i) {
            prev[i] = head[usize::from(h)];
            head[usize::from(h)] = i as u32 + 1;
        }
    };
    let longest = |i: usize, head: &[u32], prev: &[u32]| -> (usize, usize) {
        let Some(&h) = hashes.get(i) else {
            return (0, 0);
        };
        let max = (data.len() - i).min(MAX_MATCH);
        let (mut best, mut distance) = (0, 0);
        let oldest = i.saturating_sub(WINDOW) as u32;
        let here = &data[i..i + max];
        let end_of = |bytes: &[u8], best: usize| match best {
            0..3 => u32::from(bytes[best]),
            _ => u32::from_le_bytes(load(bytes, best - 3)),
        };
        let mut j = head[usize::from(h)];
        for _ in 0..TRIES {
            if j <= oldest {
                break;
            }
            let from = j as usize - 1;
            let there = &data[from..from + max];
            if end_of(there, best) == end_of(here, best) {
                let len = there.iter().zip(here).take_while(|(a, b)| a == b).count();
                if len > best {
                    (best, distance) = (len, i - from);
                    if len >= max.min(NICE) {
                        break;
                    }
                }
            }
            j = prev[from];
        }
        if distance == 0 || best < MIN_MATCH || (best == MIN_MATCH && distance > FAR_FOR_THREE) {
            (0, 0)
        } else {
            (best, distance)
        }
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let (len, distance) = longest(i, &head, &prev);
        if len == 0 {
            out.push(Token::Literal(data[i]));
            insert(i, &mut head, &mut prev);
            i += 1;
            continue;
        }
        out.push(Token::Match {
            len: len as u16,
            distance: distance as u16,
        });
        for p in i..i + len {
            insert(p, &mut head, &mut prev);
        }
        i += len;
    }
    out
}

/// Text-like bytes: words from a small vocabulary, some runs, and a little noise.
fn text_like() -> impl Strategy<Value = Vec<u8>> {
    let word = prop_oneof![
        Just(&b"the "[..]),
        Just(&b"storage "[..]),
        Just(&b"service "[..]),
        Just(&b"incidents/2026-10-04-disk-full/ "[..]),
        Just(&b"aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"[..]),
        Just(&b"\0\0\0"[..]),
    ];
    let piece = prop_oneof![
        4 => word.prop_map(<[u8]>::to_vec),
        1 => proptest::collection::vec(any::<u8>(), 0..4),
        1 => (any::<u8>(), 0..400usize).prop_map(|(b, n)| vec![b; n]),
    ];
    proptest::collection::vec(piece, 0..400).prop_map(|p| p.concat())
}

proptest! {
    #[test]
    fn tokens_are_those_of_the_plain_search(
        data in prop_oneof![
            text_like(),
            proptest::collection::vec(0u8..4, 0..3000),
            // Every byte value: many 4-byte strings, so chains hold places of other strings too.
            proptest::collection::vec(any::<u8>(), 0..40_000),
        ]
    ) {
        let tokens = tokens(&data);
        prop_assert_eq!(expand(&tokens), data.clone());
        prop_assert_eq!(tokens, plain_tokens(&data));
    }
}

#[test]
fn tokens_past_the_window_are_those_of_the_plain_search() {
    // Long enough for chains to reach past the window, with text repeated near and far.
    let mut x = 11u32;
    let mut data = Vec::new();
    while data.len() < 150_000 {
        x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
        let n = (x >> 16) as usize % 40;
        let back = (x >> 8) as usize % 50_000;
        if data.len() > back + n && x & 1 == 0 {
            let from = data.len() - back - n;
            data.extend_from_within(from..from + n);
        } else {
            data.extend((0..n).map(|k| b'a' + ((x >> (k % 24)) as u8 % 6)));
        }
    }
    assert_eq!(tokens(&data), plain_tokens(&data));
}

#[test]
fn tables_left_by_earlier_packings_change_no_token() {
    let text = |seed: u32| -> Vec<u8> {
        let mut x = seed;
        (0..50_000)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                b'a' + (x >> 16) as u8 % 5
            })
            .collect()
    };
    let (first, second) = (text(3), text(5));
    let mut tables = Tables::new();
    assert_eq!(tokens_with(&first, &mut tables), plain_tokens(&first));
    assert_eq!(tokens_with(&second, &mut tables), plain_tokens(&second));
    // Values near the top of a `u32`: the tables are cleared before they would wrap.
    tables.next_base = u32::MAX - 60_000;
    assert_eq!(tokens_with(&first, &mut tables), plain_tokens(&first));
    assert_eq!(tokens_with(&second, &mut tables), plain_tokens(&second));
    assert!(tables.next_base < 60_000);
}
