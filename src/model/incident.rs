//! One post-mortem, typed, with its body rendered: what the reader makes of one file.

use std::path::PathBuf;

use jiff::civil::Date;
use jiff::tz::TimeZone;

use crate::model::action::Action;
use crate::model::at::At;
use crate::model::phase::Times;
use crate::model::rendered::{IncidentLink, Rendered};
use crate::model::timeline::TimelineEntry;
use crate::util::time::When;
use crate::util::vocabulary::vocabulary;

vocabulary! {
    /// How far a post-mortem is in its review.
    Status {
        /// Being written: built only with `--drafts`.
        Draft = "draft",
        /// Under review: built only with `--drafts`.
        Review = "review",
        /// Done.
        Published = "published",
    }
}

vocabulary! {
    /// Who may read a post-mortem.
    Visibility {
        /// Everyone: built by default.
        Public = "public",
        /// Staff only: built with `--audience internal`.
        Internal = "internal",
    }
}

/// Markdown text fields, each as rendered HTML.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Texts {
    /// The short summary for lists and feeds.
    pub summary: Option<String>,
    /// The whole Summary section, when there is one (else the short summary).
    pub summary_full: Option<String>,
    /// Who was affected and how.
    pub impact: Option<String>,
    /// Why it happened.
    pub root_cause: Option<String>,
    /// What set it off.
    pub trigger: Option<String>,
    /// How it was noticed.
    pub detection: Option<String>,
    /// How it was ended.
    pub resolution: Option<String>,
    /// What made it worse or likelier.
    pub contributing_factors: Vec<String>,
    /// What was learned.
    pub lessons: Vec<String>,
}

/// One post-mortem, fully read.
#[derive(Clone, Debug)]
pub struct Incident {
    /// The file, relative to the site root (`content/2024/mail.md`).
    pub path: PathBuf,
    /// The file's folder relative to `content/` (`2024`), `/`-separated, empty at the top.
    pub dir: String,
    /// Whether the file is an `index.md` that owns its folder.
    pub is_bundle: bool,
    /// Unique id.
    pub id: At<String>,
    /// Unique URL slug.
    pub slug: At<String>,
    /// The title (plain text).
    pub title: String,
    /// When it happened.
    pub date: When,
    /// The last substantial revision.
    pub updated: Option<Date>,
    /// Review status.
    pub status: Status,
    /// Audience.
    pub visibility: Visibility,
    /// Severity key, checked against the site scale.
    pub severity: Option<String>,
    /// Language of the text and of the page's UI.
    pub lang: String,
    /// IANA zone name times are shown in.
    pub timezone: String,
    /// The zone.
    pub tz: TimeZone,
    /// Rendered text fields.
    pub texts: Texts,
    /// Affected services.
    pub services: Vec<String>,
    /// Free tags.
    pub tags: Vec<String>,
    /// Who wrote the post-mortem, as written.
    pub authors: Vec<String>,
    /// Ids of related incidents, with where they were written.
    pub related: Vec<At<String>>,
    /// Phase times.
    pub times: Times,
    /// The timeline, in document order.
    pub timeline: Vec<TimelineEntry>,
    /// The timeline's event texts, rendered, in the same order.
    pub timeline_html: Vec<String>,
    /// Action items.
    pub actions: Vec<Action>,
    /// Rendered action titles, in the same order.
    pub actions_html: Vec<String>,
    /// The body, without the sections shown elsewhere.
    pub body: Rendered,
    /// Links to other incidents, anywhere in the file.
    pub links: Vec<IncidentLink>,
    /// Relative links to files (`diagram.svg`, `img/a.png`), anywhere in the file, as written.
    pub files: Vec<At<String>>,
    /// Front matter debrief does not read, kept for templates: the `extra` table and, with
    /// `unknown_keys = "warn"` or `"ignore"`, every unknown key, as written.
    pub extra: std::collections::BTreeMap<String, serde_json::Value>,
}

impl Incident {
    /// Where the incident's page lives, relative to the site root: `incidents/<slug>/`.
    pub fn page_path(&self) -> String {
        ["incidents/", &self.slug.value, "/"].concat()
    }

    /// The year of `date`.
    pub fn year(&self) -> i16 {
        self.date.date().year()
    }

    /// When the incident began, as an instant (for ordering and durations).
    pub fn start(&self) -> jiff::Timestamp {
        self.times
            .started
            .as_ref()
            .unwrap_or(&self.date)
            .timestamp(&self.tz)
    }

    /// The span from start to resolution, if both are known; else the stated time to resolve.
    pub fn duration(&self) -> Option<jiff::SignedDuration> {
        let Some(end) = self.times.resolved.as_ref() else {
            return self.times.stated_for(crate::model::phase::Phase::Resolved);
        };
        Some(end.timestamp(&self.tz).duration_since(self.start()))
    }
}
