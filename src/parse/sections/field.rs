//! The fields of a post-mortem that can be read from a body section, and their built-in headings.

use std::fmt;

/// A field of a post-mortem that a body section can fill.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// `summary`: what happened, in short.
    Summary,
    /// `impact`: who was affected and how.
    Impact,
    /// `root_cause`: why it happened.
    RootCause,
    /// `trigger`: what set it off.
    Trigger,
    /// `detection`: how it was found.
    Detection,
    /// `resolution`: how it was mitigated and resolved.
    Resolution,
    /// `timeline`: what happened when.
    Timeline,
    /// `contributing_factors`: what made it worse or more likely.
    ContributingFactors,
    /// `actions`: the follow-up action items.
    Actions,
    /// `lessons`: what was learned.
    Lessons,
}

impl Field {
    /// Every field, in the order a post-mortem usually presents them.
    pub const ALL: [Field; 10] = [
        Field::Summary,
        Field::Impact,
        Field::RootCause,
        Field::Trigger,
        Field::Detection,
        Field::Resolution,
        Field::Timeline,
        Field::ContributingFactors,
        Field::Actions,
        Field::Lessons,
    ];

    /// The field's snake_case key, as in front matter and in `debrief.toml`.
    pub fn key(self) -> &'static str {
        match self {
            Field::Summary => "summary",
            Field::Impact => "impact",
            Field::RootCause => "root_cause",
            Field::Trigger => "trigger",
            Field::Detection => "detection",
            Field::Resolution => "resolution",
            Field::Timeline => "timeline",
            Field::ContributingFactors => "contributing_factors",
            Field::Actions => "actions",
            Field::Lessons => "lessons",
        }
    }

    /// The field with the given key (exact, as [`Field::key`] spells it).
    pub fn from_key(key: &str) -> Option<Field> {
        Field::ALL.into_iter().find(|field| field.key() == key)
    }

    /// The section headings that mean this field out of the box, in English and bokmål.
    pub fn builtin_aliases(self) -> &'static [&'static str] {
        match self {
            Field::Summary => &[
                "Summary",
                "Overview",
                "TL;DR",
                "Sammendrag",
                "Kort oppsummert",
                "Oppsummering",
            ],
            Field::Impact => &[
                "Impact",
                "Customer impact",
                "Konsekvens",
                "Konsekvenser",
                "Påvirkning",
            ],
            Field::RootCause => &[
                "Root cause",
                "Root causes",
                "Cause",
                "Kjerneårsak",
                "Rotårsak",
                "Årsak",
            ],
            Field::Trigger => &["Trigger", "Utløsende årsak"],
            Field::Detection => &["Detection", "How we found out", "Oppdagelse", "Deteksjon"],
            Field::Resolution => &[
                "Resolution",
                "Mitigation",
                "Løsning",
                "Tiltak som ble gjort",
            ],
            Field::Timeline => &["Timeline", "Tidslinje"],
            Field::ContributingFactors => &["Contributing factors", "Medvirkende årsaker"],
            Field::Actions => &[
                "Action items",
                "Actions",
                "Follow-ups",
                "Remediations",
                "Next steps",
                "Tiltak",
                "Oppfølging",
                "Hva gjør vi videre",
            ],
            Field::Lessons => &["Lessons learned", "Lærdom", "Læringspunkter"],
        }
    }
}

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}
