//! Slugs and ids derived from file names and headings.
//!
//! A slug is the URL segment of an incident page, so it is restricted to `[a-z0-9-]`; Norwegian
//! letters get their conventional ASCII spellings (æ→ae, ø→o, å→a) rather than deunicode's
//! generic ones, and every other letter is transliterated.

/// `[a-z0-9-]` from any text: æ→ae, ø→o, å→a, other letters transliterated, runs of others → `-`.
///
/// The result has no leading, trailing or doubled `-`; it is empty when `text` has no letter or
/// digit at all.
pub fn slugify(text: &str) -> String {
    let mut slug = Slug {
        text: String::with_capacity(text.len()),
        pending_dash: false,
    };
    for c in text.chars() {
        match c {
            c if c.is_ascii() => slug.push(c as u8),
            'æ' | 'Æ' => slug.push_str("ae"),
            'ø' | 'Ø' => slug.push_str("o"),
            'å' | 'Å' => slug.push_str("a"),
            // Unknown characters separate words; combining marks transliterate to nothing.
            c => slug.push_str(deunicode::deunicode_char(c).unwrap_or("-")),
        }
    }
    slug.text
}

/// A slug being made: its text so far, and whether a `-` goes before the next letter or digit.
struct Slug {
    text: String,
    pending_dash: bool,
}

impl Slug {
    /// Adds an ASCII byte: a letter (lowercased) or digit as it is, anything else as a separator.
    fn push(&mut self, b: u8) {
        if b.is_ascii_alphanumeric() {
            if self.pending_dash && !self.text.is_empty() {
                self.text.push('-');
            }
            self.pending_dash = false;
            self.text.push(char::from(b.to_ascii_lowercase()));
        } else {
            self.pending_dash = true;
        }
    }

    /// Adds each byte of a transliteration (ASCII, as `deunicode` gives) by [`Slug::push`].
    fn push_str(&mut self, ascii: &str) {
        for b in ascii.bytes() {
            self.push(b);
        }
    }
}

/// Whether `s` is a usable slug: non-empty and only `[a-z0-9-]`.
pub fn is_valid_slug(s: &str) -> bool {
    !s.is_empty()
        && s.bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

/// The leading ID of a file stem: `PM2024-001 - Foo` → `PM2024-001`, `OPS_7_cache` → `OPS_7`.
///
/// An ID is 1 to 10 uppercase ASCII letters, an optional `-` or `_`, digits, and any number of
/// further `-digits` groups; it must end the stem or be followed by a character that is not a
/// letter or digit. Stems such as `2024-11-07-mail-outage` or `mail-outage` have none.
pub fn leading_id(stem: &str) -> Option<String> {
    let bytes = stem.as_bytes();
    let letters = bytes.iter().take_while(|b| b.is_ascii_uppercase()).count();
    if !(1..=10).contains(&letters) {
        return None;
    }
    let mut end = letters;
    if matches!(bytes.get(end), Some(b'-' | b'_')) {
        end += 1;
    }
    let digits = |from: usize| {
        bytes[from..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .count()
    };
    let first = digits(end);
    if first == 0 {
        return None;
    }
    end += first;
    while bytes.get(end) == Some(&b'-') && digits(end + 1) > 0 {
        end += 1 + digits(end + 1);
    }
    if stem[end..]
        .chars()
        .next()
        .is_some_and(char::is_alphanumeric)
    {
        return None;
    }
    Some(stem[..end].to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn norwegian_letters_have_their_own_spellings() {
        assert_eq!(slugify("Tiltak på lagring"), "tiltak-pa-lagring");
        assert_eq!(slugify("Økt feilrate"), "okt-feilrate");
        assert_eq!(slugify("Ærlig"), "aerlig");
        assert_eq!(slugify("BLÅBÆR-SYLTETØY"), "blabaer-syltetoy");
    }

    #[test]
    fn other_letters_are_transliterated() {
        assert_eq!(slugify("Größe über Ça"), "grosse-uber-ca");
        assert_eq!(slugify("Ошибка DNS"), "oshibka-dns");
        assert_eq!(slugify("中文"), "zhong-wen");
        // A decomposed å (a + combining ring) stays one letter.
        assert_eq!(slugify("pa\u{30a}gar"), "pagar");
    }

    #[test]
    fn runs_of_other_characters_become_one_dash() {
        assert_eq!(
            slugify("  Mail outage -- 2024/11/07 (sev2)!  "),
            "mail-outage-2024-11-07-sev2"
        );
        assert_eq!(slugify("PM2024-001 - Foo"), "pm2024-001-foo");
        assert_eq!(slugify("a_b.c"), "a-b-c");
        assert_eq!(slugify("€ price"), "eur-price");
        assert_eq!(slugify("--- !!! ---"), "");
        assert_eq!(slugify(""), "");
    }

    #[test]
    fn slugify_output_is_always_valid_when_not_empty() {
        for text in [
            "Hello, World",
            "Ærlig talt / åpent",
            "日本語 test",
            "x--y",
            "🙂 ok",
        ] {
            let slug = slugify(text);
            assert!(is_valid_slug(&slug), "{text} → {slug}");
            assert!(
                !slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"),
                "{slug}"
            );
        }
    }

    #[test]
    fn valid_slugs() {
        assert!(is_valid_slug("mail-outage-2024"));
        assert!(is_valid_slug("a"));
        for bad in ["", "Mail", "a/b", "..", "a b", "æ", "a_b"] {
            assert!(!is_valid_slug(bad), "{bad}");
        }
    }

    #[test]
    fn leading_ids() {
        assert_eq!(
            leading_id("PM2024-001 - Foo").as_deref(),
            Some("PM2024-001")
        );
        assert_eq!(leading_id("INC-12 Database").as_deref(), Some("INC-12"));
        assert_eq!(leading_id("OPS_7_cache").as_deref(), Some("OPS_7"));
        assert_eq!(leading_id("INC-12").as_deref(), Some("INC-12"));
        assert_eq!(leading_id("PM2024-001-foo").as_deref(), Some("PM2024-001"));
        assert_eq!(
            leading_id("SEV-2024-11-07.draft").as_deref(),
            Some("SEV-2024-11-07")
        );
    }

    #[test]
    fn stems_without_leading_ids() {
        for stem in [
            "2024-11-07-mail-outage",
            "mail-outage",
            "README",
            "INC-",
            "Inc-12 x",
            "INC12abc",
            "ABCDEFGHIJK-1",
            "INC-12ø",
            "",
        ] {
            assert_eq!(leading_id(stem), None, "{stem}");
        }
        assert_eq!(leading_id("ABCDEFGHIJ-1").as_deref(), Some("ABCDEFGHIJ-1"));
    }

    proptest::proptest! {
        #[test]
        fn any_text_slugifies_to_a_valid_slug_or_nothing(text in "\\PC{0,60}") {
            let slug = slugify(&text);
            proptest::prop_assert!(slug.is_empty() || is_valid_slug(&slug), "{slug}");
            proptest::prop_assert!(!slug.starts_with('-') && !slug.ends_with('-') && !slug.contains("--"));
        }

        #[test]
        fn a_leading_id_is_a_prefix_of_the_stem(stem in "[A-Z]{0,3}[-_]?[0-9]{0,3}(-[0-9]{1,2})?[ -_a-z0-9]{0,4}") {
            if let Some(id) = leading_id(&stem) {
                proptest::prop_assert!(stem.starts_with(&id));
                proptest::prop_assert!(id.starts_with(|c: char| c.is_ascii_uppercase()));
                proptest::prop_assert!(id.ends_with(|c: char| c.is_ascii_digit()));
            }
        }
    }
}
