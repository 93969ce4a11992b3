//! The fields of a post-mortem that a body section can fill, and the built-in headings for them.

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
    pub fn builtin_aliases(self) -> impl Iterator<Item = &'static str> {
        BUILTIN_ALIASES
            .iter()
            .filter(move |alias| alias.field == self)
            .map(|alias| alias.heading)
    }
}

/// A built-in section heading: the field it fills and the language it is written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct BuiltinAlias {
    /// The field the section fills.
    pub field: Field,
    /// The heading as it is usually written.
    pub heading: &'static str,
    /// `en` or `nb`.
    pub lang: &'static str,
}

const fn en(field: Field, heading: &'static str) -> BuiltinAlias {
    BuiltinAlias {
        field,
        heading,
        lang: "en",
    }
}

const fn nb(field: Field, heading: &'static str) -> BuiltinAlias {
    BuiltinAlias {
        field,
        heading,
        lang: "nb",
    }
}

/// Every built-in section heading, English and bokmål: the one table section matching, the
/// language guess and the documentation read.
pub const BUILTIN_ALIASES: &[BuiltinAlias] = &[
    en(Field::Summary, "Summary"),
    en(Field::Summary, "Overview"),
    en(Field::Summary, "TL;DR"),
    nb(Field::Summary, "Sammendrag"),
    nb(Field::Summary, "Kort oppsummert"),
    nb(Field::Summary, "Oppsummering"),
    en(Field::Impact, "Impact"),
    en(Field::Impact, "Customer impact"),
    nb(Field::Impact, "Konsekvens"),
    nb(Field::Impact, "Konsekvenser"),
    nb(Field::Impact, "Påvirkning"),
    en(Field::RootCause, "Root cause"),
    en(Field::RootCause, "Root causes"),
    en(Field::RootCause, "Cause"),
    nb(Field::RootCause, "Kjerneårsak"),
    nb(Field::RootCause, "Rotårsak"),
    nb(Field::RootCause, "Årsak"),
    en(Field::Trigger, "Trigger"),
    nb(Field::Trigger, "Utløsende årsak"),
    en(Field::Detection, "Detection"),
    en(Field::Detection, "How we found out"),
    nb(Field::Detection, "Oppdagelse"),
    nb(Field::Detection, "Deteksjon"),
    en(Field::Resolution, "Resolution"),
    en(Field::Resolution, "Mitigation"),
    nb(Field::Resolution, "Løsning"),
    nb(Field::Resolution, "Tiltak som ble gjort"),
    en(Field::Timeline, "Timeline"),
    nb(Field::Timeline, "Tidslinje"),
    en(Field::ContributingFactors, "Contributing factors"),
    nb(Field::ContributingFactors, "Medvirkende årsaker"),
    en(Field::Actions, "Action items"),
    en(Field::Actions, "Actions"),
    en(Field::Actions, "Follow-ups"),
    en(Field::Actions, "Remediations"),
    en(Field::Actions, "Next steps"),
    nb(Field::Actions, "Tiltak"),
    nb(Field::Actions, "Oppfølging"),
    nb(Field::Actions, "Hva gjør vi videre"),
    en(Field::Lessons, "Lessons learned"),
    nb(Field::Lessons, "Lærdom"),
    nb(Field::Lessons, "Læringspunkter"),
];

impl fmt::Display for Field {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.key())
    }
}
