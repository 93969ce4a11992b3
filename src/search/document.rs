//! The search wing's own input: one plain record per incident, filled in by whoever wires the index to the site.
//!
//! Keeping a separate type means the index builder depends on nothing else in the crate; the site
//! copies what it knows into a [`Document`] and hands the whole list to [`crate::search::build`].

/// One incident as the search index sees it. Every text field is plain text (no markup).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// The incident's id, e.g. `INC-2024-0007`; searchable whole and by its parts.
    pub id: String,
    /// Link to the incident page, relative to the site root, e.g. `incidents/db-failover/`.
    pub url: String,
    /// The incident's title.
    pub title: String,
    /// Language of the text: `"en"` or `"nb"`; anything else is stemmed as English.
    pub lang: String,
    /// Start date as `YYYY-MM-DD`; results sort newest first by it.
    pub date: String,
    /// The year facet (usually the year of `date`).
    pub year: i32,
    /// Severity, e.g. `sev1`; a facet.
    pub severity: String,
    /// Affected services; a facet, and searchable.
    pub services: Vec<String>,
    /// Tags; searchable.
    pub tags: Vec<String>,
    /// How many action items are still open; the `open` facet.
    pub open_actions: u32,
    /// The short text shown on a result card (cut to about 140 characters by the builder).
    pub excerpt: String,
    /// The summary section.
    pub summary: String,
    /// The impact section.
    pub impact: String,
    /// The root cause section.
    pub root_cause: String,
    /// The resolution section.
    pub resolution: String,
    /// The body's headings.
    pub headings: Vec<String>,
    /// The rest of the body, as plain text.
    pub body: String,
    /// The timeline's event texts.
    pub timeline: Vec<String>,
    /// The action items' titles.
    pub actions: Vec<String>,
    /// Ticket keys mentioned by the incident (`OPS-412`).
    pub tickets: Vec<String>,
}

/// A weighted part of a [`Document`]; the order is the order of [`Field::ALL`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Field {
    /// The title.
    Title,
    /// The incident id.
    Id,
    /// Ticket keys.
    Tickets,
    /// Service names.
    Services,
    /// Tags.
    Tags,
    /// The summary.
    Summary,
    /// The root cause.
    RootCause,
    /// Headings of the body.
    Headings,
    /// The impact.
    Impact,
    /// The resolution.
    Resolution,
    /// Action item titles.
    Actions,
    /// Timeline events.
    Timeline,
    /// The rest of the body.
    Body,
}

impl Field {
    /// Every field, in index order.
    pub const ALL: [Field; 13] = [
        Field::Title,
        Field::Id,
        Field::Tickets,
        Field::Services,
        Field::Tags,
        Field::Summary,
        Field::RootCause,
        Field::Headings,
        Field::Impact,
        Field::Resolution,
        Field::Actions,
        Field::Timeline,
        Field::Body,
    ];

    /// How much one occurrence here counts against one in the body.
    pub fn weight(self) -> f64 {
        match self {
            Field::Title | Field::Id => 10.0,
            Field::Tickets => 6.0,
            Field::Services | Field::Tags | Field::Summary | Field::RootCause => 4.0,
            Field::Headings => 3.0,
            Field::Impact | Field::Resolution | Field::Actions => 2.0,
            Field::Timeline => 1.5,
            Field::Body => 1.0,
        }
    }

    /// Whether the field is long prose, whose term counts are normalised by its length (BM25's `b`).
    pub fn is_prose(self) -> bool {
        !matches!(
            self,
            Field::Title | Field::Id | Field::Tickets | Field::Services | Field::Tags
        )
    }
}

impl Document {
    /// The text of one field; list fields are joined by newlines so words never run together.
    pub fn text(&self, field: Field) -> std::borrow::Cow<'_, str> {
        use std::borrow::Cow::{Borrowed, Owned};
        match field {
            Field::Title => Borrowed(&self.title),
            Field::Id => Borrowed(&self.id),
            Field::Tickets => Owned(self.tickets.join("\n")),
            Field::Services => Owned(self.services.join("\n")),
            Field::Tags => Owned(self.tags.join("\n")),
            Field::Summary => Borrowed(&self.summary),
            Field::RootCause => Borrowed(&self.root_cause),
            Field::Headings => Owned(self.headings.join("\n")),
            Field::Impact => Borrowed(&self.impact),
            Field::Resolution => Borrowed(&self.resolution),
            Field::Actions => Owned(self.actions.join("\n")),
            Field::Timeline => Owned(self.timeline.join("\n")),
            Field::Body => Borrowed(&self.body),
        }
    }
}
