//! Unit tests of the built-in section headings and of alias matching.

use std::collections::BTreeMap;

use super::*;

/// The documented alias table (docs/format.md), written out independently of `model/field.rs`.
const TABLE: &[(&str, &[&str])] = &[
    (
        "summary",
        &[
            "Summary",
            "Overview",
            "TL;DR",
            "Sammendrag",
            "Kort oppsummert",
            "Oppsummering",
        ],
    ),
    (
        "impact",
        &[
            "Impact",
            "Customer impact",
            "Konsekvens",
            "Konsekvenser",
            "Påvirkning",
        ],
    ),
    (
        "root_cause",
        &[
            "Root cause",
            "Root causes",
            "Cause",
            "Kjerneårsak",
            "Rotårsak",
            "Årsak",
        ],
    ),
    ("trigger", &["Trigger", "Utløsende årsak"]),
    (
        "detection",
        &["Detection", "How we found out", "Oppdagelse", "Deteksjon"],
    ),
    (
        "resolution",
        &[
            "Resolution",
            "Mitigation",
            "Løsning",
            "Tiltak som ble gjort",
        ],
    ),
    ("timeline", &["Timeline", "Tidslinje"]),
    (
        "contributing_factors",
        &["Contributing factors", "Medvirkende årsaker"],
    ),
    (
        "actions",
        &[
            "Action items",
            "Actions",
            "Follow-ups",
            "Remediations",
            "Next steps",
            "Tiltak",
            "Oppfølging",
            "Hva gjør vi videre",
        ],
    ),
    ("lessons", &["Lessons learned", "Lærdom", "Læringspunkter"]),
];

/// The built-in aliases alone.
pub(crate) fn builtin() -> Aliases {
    Aliases::default()
}

/// A `[sections]` table of `debrief.toml`, as config reads it.
pub(crate) fn extra(pairs: &[(&str, &[&str])]) -> BTreeMap<String, Vec<String>> {
    pairs
        .iter()
        .map(|(key, names)| {
            (
                key.to_string(),
                names.iter().map(|n| n.to_string()).collect(),
            )
        })
        .collect()
}

#[test]
fn keys_round_trip() {
    assert_eq!(Field::ALL.len(), 10);
    for field in Field::ALL {
        assert_eq!(Field::from_key(field.key()), Some(field));
        assert_eq!(field.to_string(), field.key());
    }
    assert_eq!(Field::RootCause.key(), "root_cause");
    assert_eq!(
        Field::from_key("contributing_factors"),
        Some(Field::ContributingFactors)
    );
    assert_eq!(Field::from_key("Root cause"), None);
    assert_eq!(Field::from_key("rootcause"), None);
}

#[test]
fn builtin_aliases_match_the_schema_table() {
    assert_eq!(TABLE.len(), Field::ALL.len());
    for (key, names) in TABLE {
        let field = Field::from_key(key);
        assert!(field.is_some(), "{key}");
        let builtin: Option<Vec<&str>> = field.map(|f| f.builtin_aliases().collect());
        assert_eq!(builtin.as_deref(), Some(*names), "{key}");
    }
}

#[test]
fn every_builtin_alias_resolves_in_any_case() {
    let aliases = builtin();
    for (key, names) in TABLE {
        let field = Field::from_key(key);
        for name in *names {
            assert_eq!(aliases.field_of(name), field, "{name}");
            assert_eq!(aliases.field_of(&name.to_uppercase()), field, "{name}");
            assert_eq!(aliases.field_of(&name.to_lowercase()), field, "{name}");
            assert_eq!(aliases.field_of(&format!("  {name}: ")), field, "{name}");
        }
    }
}

#[test]
fn no_alias_names_two_fields() {
    let mut seen = BTreeMap::new();
    for field in Field::ALL {
        for alias in field.builtin_aliases() {
            let previous = seen.insert(normalize(alias), field);
            assert_eq!(previous, None, "{alias}");
        }
    }
}

#[test]
fn field_of_forgives_spelling() {
    let aliases = builtin();
    assert_eq!(aliases.field_of("ÅRSAK"), Some(Field::RootCause));
    assert_eq!(aliases.field_of("LÆRDOM"), Some(Field::Lessons));
    assert_eq!(aliases.field_of("UTLØSENDE ÅRSAK"), Some(Field::Trigger));
    // `å` written as `a` + combining ring above.
    assert_eq!(aliases.field_of("Pa\u{30A}virkning"), Some(Field::Impact));
    assert_eq!(
        aliases.field_of("Hva gjør vi videre?"),
        Some(Field::Actions)
    );
    assert_eq!(aliases.field_of("Root cause :"), Some(Field::RootCause));
    assert_eq!(aliases.field_of("Root\u{a0} cause"), Some(Field::RootCause));
    assert_eq!(aliases.field_of("\tTimeline\n"), Some(Field::Timeline));
    assert_eq!(aliases.field_of("3.1 Root cause"), Some(Field::RootCause));
    assert_eq!(aliases.field_of("2) Impact"), Some(Field::Impact));
    assert_eq!(aliases.field_of("4. Tidslinje:"), Some(Field::Timeline));
}

#[test]
fn field_of_rejects_other_headings() {
    let aliases = builtin();
    assert_eq!(aliases.field_of("Root cause analysis"), None);
    assert_eq!(aliases.field_of("What happened"), None);
    assert_eq!(aliases.field_of(""), None);
    assert_eq!(aliases.field_of(":"), None);
    assert_eq!(aliases.field_of("2024"), None);
    assert_eq!(aliases.field_of("Tidslinjer"), None);
}

#[test]
fn extra_aliases_add_to_the_builtin_ones() {
    let aliases = Aliases::new(&extra(&[
        ("root_cause", &["Why it broke", "Hvorfor"]),
        ("detection", &["Alerting"]),
    ]));
    let Ok(aliases) = aliases else {
        panic!("{aliases:?}");
    };
    assert_eq!(aliases.field_of("why it broke:"), Some(Field::RootCause));
    assert_eq!(aliases.field_of("HVORFOR"), Some(Field::RootCause));
    assert_eq!(aliases.field_of("Alerting"), Some(Field::Detection));
    assert_eq!(aliases.field_of("Root cause"), Some(Field::RootCause));
    assert_eq!(aliases.field_of("Why"), None);
    assert_eq!(builtin().field_of("Why it broke"), None);
}

#[test]
fn a_site_alias_wins_over_a_builtin_one() {
    let aliases = Aliases::new(&extra(&[("resolution", &["Tiltak"])]));
    assert_eq!(
        aliases.map(|a| a.field_of("Tiltak")),
        Ok(Some(Field::Resolution))
    );
}

#[test]
fn no_extra_aliases_is_the_builtin_set() {
    assert_eq!(Aliases::new(&BTreeMap::new()), Ok(builtin()));
}

#[test]
fn unknown_field_key_is_an_error_naming_the_valid_keys() {
    let err = Aliases::new(&extra(&[("rootcause", &["Why"])])).err();
    let Some(err) = err else {
        panic!("an unknown key was accepted");
    };
    assert!(err.contains("`rootcause`"), "{err}");
    for field in Field::ALL {
        assert!(err.contains(field.key()), "{err}");
    }
}

#[test]
fn empty_or_ambiguous_extra_aliases_are_errors() {
    let empty = Aliases::new(&extra(&[("summary", &["  "])]));
    assert!(
        empty.as_ref().is_err_and(|e| e.contains("empty")),
        "{empty:?}"
    );
    let twice = Aliases::new(&extra(&[("impact", &["Effekt"]), ("summary", &["effekt"])]));
    assert!(
        twice
            .as_ref()
            .is_err_and(|e| e.contains("impact") && e.contains("summary")),
        "{twice:?}"
    );
}

/// [`normalize`] as it reads every heading, with no shortcut for ASCII or text already in NFC.
fn normalize_by_chars(heading: &str) -> String {
    let trimmed = heading
        .trim()
        .trim_end_matches(|c: char| matches!(c, ':' | '?' | '：') || c.is_whitespace());
    let mut out = String::new();
    for word in strip_number(trimmed).split_whitespace() {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(word.chars().flat_map(char::to_lowercase));
    }
    out.nfc().collect()
}

proptest::proptest! {
    #[test]
    fn normalizing_takes_shortcuts_to_the_same_heading(
        heading in "[a-zA-Z0-9 \t\n\u{0B}\u{0C}\r:?.)æøåÆØÅ\u{030A}\u{0301}\u{00A0}\u{2003}\u{0085}İǅÅ：]{0,24}"
    ) {
        proptest::prop_assert_eq!(normalize(&heading), normalize_by_chars(&heading));
    }

    #[test]
    fn normalizing_ascii_takes_a_shortcut_to_the_same_heading(heading in "[ -~\t\n\u{0B}\u{0C}\r]{0,24}") {
        proptest::prop_assert_eq!(normalize(&heading), normalize_by_chars(&heading));
    }
}
