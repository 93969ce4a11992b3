//! The incident page's view: a card plus everything the full post-mortem shows.

use serde::Serialize;

use crate::model::incident::Incident;
use crate::model::phase::Phase;
use crate::model::timeline::TimelineEntry;
use crate::parse::markdown::Heading;
use crate::render::i18n::Strings;
use crate::render::moment::{Moment, Moments};
use crate::render::view::{ActionView, Card, Views};
use crate::util::time::{When, zone_names};

/// A phase time with its key (`started`, `detected`, …).
#[derive(Clone, Debug, Serialize)]
pub struct PhaseView {
    /// The phase.
    pub key: &'static str,
    /// When.
    pub moment: Moment,
}

/// Time from start to each later phase.
#[derive(Clone, Debug, Serialize)]
pub struct Spans {
    /// Start → detected.
    pub time_to_detect: Option<String>,
    /// Start → acknowledged.
    pub time_to_acknowledge: Option<String>,
    /// Start → mitigated.
    pub time_to_mitigate: Option<String>,
    /// Start → resolved.
    pub time_to_resolve: Option<String>,
}

/// One timeline row.
#[derive(Clone, Debug, Serialize)]
pub struct EntryView {
    /// As shown.
    pub time: String,
    /// Machine-readable, when the time could be read.
    pub iso: Option<String>,
    /// The event.
    pub text_html: String,
    /// Its category.
    pub kind: Option<String>,
    /// The time could not be read.
    pub unplaced: bool,
}

/// The incident page's `incident`.
#[derive(Clone, Debug, Serialize)]
pub struct IncidentView {
    /// The card fields.
    #[serde(flatten)]
    pub card: Card,
    /// Who wrote it, as written.
    pub authors: Vec<String>,
    /// IANA zone name.
    pub timezone: String,
    /// Last revision.
    pub updated: Option<Moment>,
    /// Known phases, in order.
    pub times: Vec<PhaseView>,
    /// Time to each phase.
    pub spans: Spans,
    /// Rendered sections.
    pub impact_html: Option<String>,
    /// Why it happened.
    pub root_cause_html: Option<String>,
    /// What set it off.
    pub trigger_html: Option<String>,
    /// How it was noticed.
    pub detection_html: Option<String>,
    /// How it was ended.
    pub resolution_html: Option<String>,
    /// What made it worse or likelier, one HTML fragment each.
    pub contributing_factors: Vec<String>,
    /// What was learned, one HTML fragment each.
    pub lessons: Vec<String>,
    /// Timeline rows.
    pub timeline: Vec<EntryView>,
    /// Actions.
    pub action_items: Vec<ActionView>,
    /// The rest of the body.
    pub body_html: String,
    /// Table of contents (empty for short reports).
    pub toc: Vec<Heading>,
    /// Related incidents in the build.
    pub related: Vec<Card>,
    /// The content path.
    pub source: String,
}

/// Bytes of an incident page around what its report says: the head, the site's header and
/// footer, the facts and the section headings.
const PAGE_FRAME_BYTES: usize = 6 * 1024;

/// Bytes of markup a page adds around a timeline entry, an action and a related incident.
const ENTRY_BYTES: usize = 300;
const ACTION_BYTES: usize = 800;
const RELATED_BYTES: usize = 1200;

impl IncidentView {
    /// About how many bytes the default theme's page of this view has, a little more rather than
    /// less: what its buffer starts with.
    pub fn page_size(&self) -> usize {
        let texts = [
            &self.card.summary_html,
            &self.impact_html,
            &self.root_cause_html,
            &self.trigger_html,
            &self.detection_html,
            &self.resolution_html,
        ];
        let prose = self.body_html.len()
            + texts
                .iter()
                .filter_map(|t| t.as_ref())
                .map(String::len)
                .sum::<usize>()
            + self
                .contributing_factors
                .iter()
                .chain(&self.lessons)
                .map(String::len)
                .sum::<usize>();
        let timeline: usize = self
            .timeline
            .iter()
            .map(|e| ENTRY_BYTES + e.text_html.len())
            .sum();
        let actions: usize = self
            .action_items
            .iter()
            .map(|a| {
                ACTION_BYTES + a.title_html.len() + a.notes_html.as_ref().map_or(0, String::len)
            })
            .sum();
        let size =
            PAGE_FRAME_BYTES + prose + timeline + actions + RELATED_BYTES * self.related.len();
        size + size / 8
    }
}

/// The zones the page's times are shown in: the incident's zone for its phase times, and the
/// zones of its timeline (`CET` under "Date and Time in CET"); the incident's zone when no time
/// of day is shown.
fn shown_zones(incident: &Incident) -> String {
    let phases = incident.times.known().into_iter().map(|(_, w)| w);
    let timeline = incident.timeline.iter().flat_map(TimelineEntry::times);
    let names = zone_names(phases.chain(timeline));
    if names.is_empty() {
        incident.timezone.clone()
    } else {
        names.join(", ")
    }
}

/// A timeline time as shown: the moment, and the end of its range when it has one
/// (`6 October 2020 09:00 CEST – 11:00`; the whole end when it is on another day or in another zone).
fn shown_range(start: &Moment, end: Option<&Moment>) -> String {
    match end {
        None => start.display.clone(),
        Some(end) => match &end.time {
            Some(time) if end.date == start.date && end.zone == start.zone => {
                format!("{} – {time}", start.display)
            }
            _ => format!("{} – {}", start.display, end.display),
        },
    }
}

/// Headings needed before a table of contents is shown.
const TOC_MIN_HEADINGS: usize = 4;

/// `shown`, followed by the clock as written when the entry was placed on its day only because
/// the clock is a placeholder (`2022-06-02 HH:mm`): what the writer wrote stays on the page.
fn with_unread_clock(shown: String, entry: &TimelineEntry) -> String {
    if !matches!(entry.at, Some(When::Day(_))) || entry.end.is_some() {
        return shown;
    }
    let placeholder = |clock: &str| {
        clock.contains([':', '?'])
            && clock.chars().all(|c| {
                matches!(
                    c,
                    'H' | 'h' | 'M' | 'm' | 'X' | 'x' | '?' | ':' | '.' | '0'..='9'
                )
            })
    };
    match entry.time_text.trim().rsplit_once(char::is_whitespace) {
        Some((_, clock)) if placeholder(clock) => format!("{shown}, {clock}"),
        _ => shown,
    }
}

impl Views<'_> {
    /// The full view of `incident` in its own language, with its body's incident links resolved.
    pub fn incident(&self, incident: &Incident, t: &Strings) -> IncidentView {
        // The page shows the whole summary where the lists show its first paragraphs.
        let texts = &incident.texts;
        let card = self.card_with_summary(
            incident,
            texts.summary_full.as_deref().or(texts.summary.as_deref()),
            t,
        );
        let mut moments = Moments::new(t);
        let times = &incident.times;
        let tz = &incident.tz;
        let timeline = incident
            .timeline
            .iter()
            .zip(&incident.timeline_html)
            .map(|(entry, html)| {
                let moment = entry.at.as_ref().map(|w| moments.of(w));
                let end = entry.end.as_ref().map(|w| moments.of(w));
                EntryView {
                    time: moment.as_ref().map_or_else(
                        || entry.time_text.clone(),
                        |m| with_unread_clock(shown_range(m, end.as_ref()), entry),
                    ),
                    iso: moment.map(|m| m.iso),
                    text_html: self.html(html),
                    kind: entry.kind.clone(),
                    unplaced: entry.at.is_none(),
                }
            })
            .collect();
        let toc = incident
            .body
            .headings
            .iter()
            .filter(|h| h.level <= 3)
            .cloned()
            .collect::<Vec<_>>();
        let span = |phase| times.elapsed(phase, tz).map(|d| t.duration(d));
        IncidentView {
            authors: incident.authors.clone(),
            timezone: shown_zones(incident),
            updated: incident.updated.map(|d| moments.day(d)),
            times: times
                .known()
                .into_iter()
                .map(|(key, w)| PhaseView {
                    key,
                    moment: moments.of(w),
                })
                .collect(),
            spans: Spans {
                time_to_detect: span(Phase::Detected),
                time_to_acknowledge: span(Phase::Acknowledged),
                time_to_mitigate: span(Phase::Mitigated),
                time_to_resolve: span(Phase::Resolved),
            },
            impact_html: incident.texts.impact.as_deref().map(|h| self.html(h)),
            root_cause_html: incident.texts.root_cause.as_deref().map(|h| self.html(h)),
            trigger_html: incident.texts.trigger.as_deref().map(|h| self.html(h)),
            detection_html: incident.texts.detection.as_deref().map(|h| self.html(h)),
            resolution_html: incident.texts.resolution.as_deref().map(|h| self.html(h)),
            contributing_factors: incident
                .texts
                .contributing_factors
                .iter()
                .map(|h| self.html(h))
                .collect(),
            lessons: incident
                .texts
                .lessons
                .iter()
                .map(|h| self.html(h))
                .collect(),
            timeline,
            action_items: incident
                .actions
                .iter()
                .zip(&incident.actions_html)
                .map(|(a, h)| self.action(a, h, t))
                .collect(),
            body_html: self.html(&incident.body.html),
            toc: if toc.len() >= TOC_MIN_HEADINGS {
                toc
            } else {
                Vec::new()
            },
            related: incident
                .related
                .iter()
                .filter_map(|r| self.site.get(&r.value))
                .map(|i| self.card(i, t))
                .collect(),
            source: incident.path.to_string_lossy().replace('\\', "/"),
            card,
        }
    }

    /// Rendered markdown ready for a page: `href="incident:ID"` rewritten to the page of incident `ID`.
    pub fn html(&self, html: &str) -> String {
        self.site.resolve_links(html, self.root)
    }
}
