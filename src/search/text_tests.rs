//! Tests of the tokeniser: pieces, normalising and folding, each fast path against a plain one.

use super::*;

/// Texts of `parts` strung together at random, from a fixed seed: `count` of them.
fn mixes(parts: &[&str], count: usize) -> Vec<String> {
    let mut x = 2024u32;
    let mut out = Vec::with_capacity(count);
    for _ in 0..count {
        let mut text = String::new();
        for _ in 0..(x >> 27) + 1 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            text.push_str(parts[(x >> 16) as usize % parts.len()]);
        }
        out.push(text);
    }
    out
}

#[test]
fn normalising_matches_nfc_then_the_standard_lowercase() {
    let parts = [
        "Disk ",
        "FULL",
        "é",
        "e\u{301}",
        "Å",
        "A\u{30a}",
        "æØ",
        "ẞ",
        "İ",
        "Σ",
        "ΑΣ ",
        "ǅ",
        "—",
        "…",
        "日本",
        "\u{a0}",
        "x",
        "\u{1e9e}",
        "Ω",
        "\u{212b}",
        "a\u{323}\u{302}",
        "a\u{302}\u{323}",
        "\u{2c6}",
        "\u{2ff}",
        "\u{300}",
    ];
    for text in mixes(&parts, 5000) {
        let want = text.nfc().collect::<String>().to_lowercase();
        assert_eq!(normalise(&text), want, "{text:?}");
    }
}

#[test]
fn only_text_below_the_combining_marks_is_passed_as_nfc_unchecked() {
    for c in ['\u{0}', 'a', 'å', 'ÿ', '\u{2ff}'] {
        assert!(below_combining(&c.to_string()), "{c:?}");
    }
    for c in ['\u{300}', '\u{301}', '—', '日', '\u{1f600}'] {
        assert!(!below_combining(&format!("a{c}")), "{c:?}");
    }
}

#[test]
fn every_byte_is_told_below_the_combining_marks_at_every_place_of_eight() {
    for b in 0..=255u8 {
        for at in 0..19 {
            let mut bytes = [b'a'; 19];
            bytes[at] = b;
            for from in [0, 3, 8] {
                let want = bytes[from..].iter().all(|&b| b < 0xCC);
                assert_eq!(
                    bytes_below_combining(&bytes[from..]),
                    want,
                    "{b:#x} {at} {from}"
                );
            }
        }
    }
}

#[test]
fn two_characters_are_told_by_the_first_ones_width() {
    for word in [
        "a",
        "ab",
        "é",
        "éa",
        "aé",
        "日",
        "日本",
        "\u{1f600}",
        "\u{1f600}x",
    ] {
        assert_eq!(
            has_two_chars(word),
            word.chars().nth(1).is_some(),
            "{word:?}"
        );
    }
}

fn all(text: &str) -> Vec<String> {
    let text = normalise(text);
    let mut out = Vec::new();
    pieces(&text, |p| {
        out.push(match p {
            Piece::Word(w) => w.to_string(),
            Piece::Code(c) => format!("[{c}]"),
        })
    });
    out
}

#[test]
fn text_is_lowercased_and_split_on_anything_but_letters_and_digits() {
    assert_eq!(
        all("Storage OUTAGE, (again)! Ærlig talt: 42%"),
        ["storage", "outage", "again", "ærlig", "talt", "42"]
    );
}

#[test]
fn lowercasing_matches_the_standard_library() {
    for text in [
        "Blåbær PÅ Ærlig SØKNAD",
        "İstanbul ẞ ǅ Ὀδυσσεύς",
        "ΟΔΥΣΣΕΥΣ Σ ΑΣ",
        "plain ascii",
    ] {
        assert_eq!(lowercase(text), text.to_lowercase(), "{text}");
        assert_eq!(
            normalise(text),
            text.nfc().collect::<String>().to_lowercase()
        );
    }
}

/// Pieces as the tokeniser first took them, character by character: the reference for the
/// byte walk of [`pieces`].
fn pieces_by_char(text: &str) -> Vec<Piece<'_>> {
    let mut out = Vec::new();
    let mut words: Vec<(usize, usize)> = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if !is_word_char(c) {
            continue;
        }
        words.clear();
        let mut word_start = start;
        let mut end = start + c.len_utf8();
        loop {
            match chars.peek().copied() {
                Some((i, d)) if is_word_char(d) => {
                    end = i + d.len_utf8();
                    chars.next();
                }
                Some((i, d)) if is_joiner(d) => {
                    let after = text[i + d.len_utf8()..].chars().next();
                    if after.is_some_and(is_word_char) {
                        words.push((word_start, end));
                        chars.next();
                        word_start = i + d.len_utf8();
                        end = word_start;
                    } else {
                        break;
                    }
                }
                _ => break,
            }
        }
        words.push((word_start, end));
        if words.len() > 1 && end - words[0].0 <= MAX_CODE {
            out.push(Piece::Code(&text[words[0].0..end]));
        }
        for &(s, e) in &words {
            let word = &text[s..e];
            let fits = word.chars().count() <= MAX_WORD;
            if fits && word.chars().nth(1).is_some() {
                out.push(Piece::Word(word));
            }
        }
    }
    out
}

#[test]
fn the_byte_walk_finds_the_pieces_a_walk_by_character_finds() {
    let parts = [
        "a",
        "b7",
        "-",
        "_",
        ".",
        "..",
        " ",
        "\n",
        ",",
        "é",
        "å",
        "ø",
        "\u{301}",
        "日本",
        "٣",
        "Ⅻ",
        "—",
        "\u{a0}",
        "inc",
        "2024",
        "x".repeat(20).leak(),
        "é".repeat(15).leak(),
    ];
    for text in mixes(&parts, 5000) {
        let mut got = Vec::new();
        pieces(&text, |p| got.push(p));
        assert_eq!(got, pieces_by_char(&text), "{text:?}");
    }
}

#[test]
fn decomposed_letters_are_composed_first() {
    // "å" written as a + combining ring.
    assert_eq!(all("bla\u{30a}bær"), ["blåbær"]);
}

#[test]
fn codes_are_kept_whole_and_split_into_words() {
    assert_eq!(
        all("See INC-2024-0007 and payments-prod-3."),
        [
            "see",
            "[inc-2024-0007]",
            "inc",
            "2024",
            "0007",
            "and",
            "[payments-prod-3]",
            "payments",
            "prod"
        ]
    );
    assert_eq!(
        all("ops_412 v1.2 - end."),
        ["[ops_412]", "ops", "412", "[v1.2]", "v1", "end"]
    );
}

#[test]
fn single_letters_and_very_long_words_are_not_words() {
    let long = "x".repeat(MAX_WORD + 1);
    assert_eq!(all(&format!("a b {long} ok")), ["ok"]);
}

#[test]
fn folding_spells_norwegian_letters_in_ascii() {
    assert_eq!(canonical("blåbær"), "blabaer");
    assert_eq!(canonical("søknad"), "soknad");
    assert_eq!(canonical("café"), "cafe");
    assert_eq!(canonical("plain"), "plain");
    assert_eq!(fold_aa("blåbær").as_deref(), Some("blaabaer"));
    assert_eq!(fold_aa("bær"), None);
}

proptest::proptest! {
    #[test]
    fn the_nfc_check_by_runs_beyond_ascii_is_the_whole_check(
        text in "([a-zA-Z .]{0,20}|é|e|\u{301}|\u{323}|\u{302}|\u{300}|Å|\u{212b}|\u{2ff}|—|日|\u{1e9e}){0,16}"
    ) {
        proptest::prop_assert_eq!(nfc_quick_yes(&text), is_nfc_quick(text.chars()) == IsNormalized::Yes);
        let end = ascii_end(text.as_bytes(), 0);
        proptest::prop_assert_eq!(end, text.bytes().position(|b| !b.is_ascii()).unwrap_or(text.len()));
    }

    #[test]
    fn bytes_are_below_the_combining_marks_eight_at_a_time_as_one_by_one(
        bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..40),
    ) {
        let want = bytes.iter().all(|&b| b < 0xCC);
        proptest::prop_assert_eq!(bytes_below_combining(&bytes), want);
    }

    #[test]
    fn long_mostly_ascii_text_normalises_as_nfc_then_lowercase(
        text in "([a-zA-Z0-9 .,-]{0,100}|é|Å|e\u{301}|Σ|—){0,8}"
    ) {
        let want = text.nfc().collect::<String>().to_lowercase();
        proptest::prop_assert_eq!(normalise(&text), want);
    }
}
