//! Markdown after rendering: its HTML, headings, plain text and the incident links it holds.

use std::ops::Range;

use serde::Serialize;

/// A heading of a rendered document, for its table of contents.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize)]
pub struct Heading {
    /// 1 for `#`, up to 6.
    pub level: u8,
    /// The `id` attribute of the heading: unique within the document, never empty.
    pub id: String,
    /// The heading as plain text.
    pub text: String,
}

/// A link to another incident (`[text](incident:INC-12)`), to be resolved once all incidents are known.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct IncidentLink {
    /// The id after `incident:` (`INC-12`), trimmed; empty when the writer left it out.
    pub target: String,
    /// The byte range of the whole link in the rendered markdown, for diagnostics.
    pub span: Range<usize>,
}

/// The result of [`render`].
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Rendered {
    /// The HTML. Incident links keep `href="incident:…"` for a later stage to rewrite.
    pub html: String,
    /// The headings that were rendered, in document order.
    pub headings: Vec<Heading>,
    /// The plain text of what was rendered (no markup), for the search index.
    pub text: String,
}
