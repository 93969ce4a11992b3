//! Machine-readable views of the archive: an Atom feed of the newest incidents (`feed.xml`), the
//! whole archive as JSON (`incidents.json`) and, for crawlers, `sitemap.xml` and `robots.txt`; all
//! byte-identical for the same input and now, and everything from content or config escaped.

use jiff::SignedDuration;
use serde::Serialize;
use serde::ser::{SerializeMap, Serializer};

use crate::model::incident::Incident;
use crate::model::phase::Phase;
use crate::site::Site;
use crate::site::tracker::ActionCounts;
use crate::util::base_url::{BaseUrl, percent_encode};
use crate::util::slug::slugify;
use crate::util::time::When;
use crate::util::xml::{escape, midnight_utc, rfc3339_utc};

/// Incidents in the feed: the newest ones.
pub const FEED_ENTRIES: usize = 50;

/// The Atom 1.0 feed of the newest incidents.
pub fn atom(site: &Site, base: &BaseUrl) -> String {
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str(&format!(
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\" xml:base=\"{}\">\n",
        escape(&site.config.language),
        escape(&base.absolute(""))
    ));
    xml.push_str(&format!(
        "  <title>{}</title>\n",
        escape(&site.config.title)
    ));
    let feed_id = atom_id(site, base, "", None);
    xml.push_str(&format!("  <id>{}</id>\n", escape(&feed_id)));
    xml.push_str(&format!(
        "  <link rel=\"self\" href=\"{}\"/>\n",
        escape(&base.absolute("feed.xml"))
    ));
    xml.push_str(&format!(
        "  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
        escape(&base.absolute(""))
    ));
    let entries = &site.incidents[..site.incidents.len().min(FEED_ENTRIES)];
    let updated = entries.iter().map(entry_updated).max();
    let updated = updated.unwrap_or_else(|| midnight_utc(site.now));
    xml.push_str(&format!("  <updated>{updated}</updated>\n"));
    xml.push_str(&format!(
        "  <author><name>{}</name></author>\n",
        escape(&site.config.title)
    ));
    xml.push_str("  <generator>debrief</generator>\n");
    for incident in entries {
        let url = base.absolute(&incident.page_path());
        xml.push_str(&format!(
            "  <entry xml:lang=\"{}\">\n",
            escape(&incident.lang)
        ));
        xml.push_str(&format!("    <title>{}</title>\n", escape(&incident.title)));
        let id = atom_id(site, base, &incident.page_path(), Some(&incident.id.value));
        xml.push_str(&format!("    <id>{}</id>\n", escape(&id)));
        xml.push_str(&format!(
            "    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n",
            escape(&url)
        ));
        xml.push_str(&format!(
            "    <published>{}</published>\n",
            published(incident)
        ));
        xml.push_str(&format!(
            "    <updated>{}</updated>\n",
            entry_updated(incident)
        ));
        for author in &incident.authors {
            xml.push_str(&format!(
                "    <author><name>{}</name></author>\n",
                escape(author)
            ));
        }
        if let Some(severity) = &incident.severity {
            xml.push_str(&format!("    <category term=\"{}\"/>\n", escape(severity)));
        }
        for service in &incident.services {
            xml.push_str(&format!("    <category term=\"{}\"/>\n", escape(service)));
        }
        if let Some(summary) = &incident.texts.summary {
            xml.push_str(&format!(
                "    <summary type=\"html\">{}</summary>\n",
                escape(&site.resolve_links(summary, &base.root))
            ));
        }
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

/// The date of the `tag:` ids of a site without a base URL: fixed, so the ids never change.
const TAG_DATE: &str = "2000";

/// An Atom id (an absolute IRI, RFC 4287 §4.2.6) that stays the same from build to build and year
/// to year: the page's URL when the site's public URL is known; else a `tag:` URI (RFC 4151) made
/// of the site's title and the incident's id, if any
/// (`tag:debrief.invalid,2000:ops-archive:incident:INC-1`).
fn atom_id(site: &Site, base: &BaseUrl, page: &str, incident: Option<&str>) -> String {
    if base.is_known() {
        return base.absolute(page);
    }
    let mut archive = slugify(&site.config.title);
    if archive.is_empty() {
        archive = "archive".to_string();
    }
    let mut id = format!("tag:{},{TAG_DATE}:{archive}", base.host);
    if let Some(incident) = incident {
        // What a tag's specific part may hold as it is (RFC 4151 `pchar`, letters of any script).
        let keep = |c: char| c.is_alphanumeric() || "-._~!$&'()*+,;=:@".contains(c);
        id.push_str(":incident:");
        id.push_str(&percent_encode(incident, keep));
    }
    id
}

/// When the incident began, in UTC (RFC 3339, as Atom wants it).
fn published(incident: &Incident) -> String {
    rfc3339_utc(incident.start())
}

/// Its last revision (the start of that day in UTC), or when it began; never before it began.
fn entry_updated(incident: &Incident) -> String {
    let published = published(incident);
    let revised = incident.updated.map(midnight_utc);
    revised.filter(|r| *r > published).unwrap_or(published)
}

/// One incident in `incidents.json`.
#[derive(Serialize)]
struct IncidentRecord<'a> {
    id: &'a str,
    slug: &'a str,
    title: &'a str,
    url: String,
    date: String,
    updated: Option<String>,
    severity: Option<&'a str>,
    status: &'static str,
    visibility: &'static str,
    lang: &'a str,
    timezone: &'a str,
    services: &'a [String],
    tags: &'a [String],
    authors: &'a [String],
    started: Option<String>,
    resolved: Option<String>,
    duration_minutes: Option<i64>,
    #[serde(flatten)]
    phases: PhaseMinutes<'a>,
    actions: ActionCounts,
}

/// The time from the start to each later phase, in whole minutes, as the metrics page measures
/// it: `time_to_detect_minutes`, … (`null` when unknown).
struct PhaseMinutes<'a>(&'a Incident);

impl Serialize for PhaseMinutes<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let incident = self.0;
        let mut map = serializer.serialize_map(None)?;
        for &phase in Phase::ALL {
            if let Some(key) = phase.time_to_key() {
                let span = incident.times.elapsed(phase, &incident.tz);
                map.serialize_entry(&format!("{key}_minutes"), &whole_minutes(span))?;
            }
        }
        map.end()
    }
}

/// A span in whole minutes; none when unknown or negative (times out of order).
fn whole_minutes(span: Option<SignedDuration>) -> Option<i64> {
    span.filter(|d| !d.is_negative()).map(|d| d.as_secs() / 60)
}

#[derive(Serialize)]
struct Document<'a> {
    generated: String,
    incidents: Vec<IncidentRecord<'a>>,
}

/// The whole archive as compact JSON on one line (with a trailing newline), newest first; absent
/// values are `null`.
pub fn json(site: &Site, base: &BaseUrl) -> String {
    let incidents = site
        .incidents
        .iter()
        .map(|incident| {
            let actions = ActionCounts::of(incident, site.now);
            IncidentRecord {
                id: &incident.id.value,
                slug: &incident.slug.value,
                title: &incident.title,
                url: base.absolute(&incident.page_path()),
                date: incident.date.iso(),
                updated: incident.updated.map(|d| d.to_string()),
                severity: incident.severity.as_deref(),
                status: incident.status.as_str(),
                visibility: incident.visibility.as_str(),
                lang: &incident.lang,
                timezone: &incident.timezone,
                services: &incident.services,
                tags: &incident.tags,
                authors: &incident.authors,
                started: incident.times.started.as_ref().map(When::iso),
                resolved: incident.times.resolved.as_ref().map(When::iso),
                duration_minutes: whole_minutes(incident.duration()),
                phases: PhaseMinutes(incident),
                actions,
            }
        })
        .collect();
    let doc = Document {
        generated: midnight_utc(site.now),
        incidents,
    };
    let mut text =
        serde_json::to_string(&doc).unwrap_or_else(|_| unreachable!("plain data serializes"));
    text.push('\n');
    text
}

/// `sitemap.xml`: the home page and every incident page, with the day each last changed.
///
/// The sitemap protocol wants absolute URLs, which only a known base URL gives, so without one
/// there is no sitemap (`None`) and [`robots`] names none.
pub fn sitemap(site: &Site, base: &BaseUrl) -> Option<String> {
    if !base.is_known() {
        return None;
    }
    let mut xml = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n",
    );
    xml.push_str(&format!(
        "  <url><loc>{}</loc></url>\n",
        escape(&base.absolute(""))
    ));
    for incident in &site.incidents {
        let lastmod = incident.updated.unwrap_or_else(|| incident.date.date());
        let loc = base.absolute(&incident.page_path());
        xml.push_str(&format!(
            "  <url><loc>{}</loc><lastmod>{}</lastmod></url>\n",
            escape(&loc),
            escape(&lastmod.to_string())
        ));
    }
    xml.push_str("</urlset>\n");
    Some(xml)
}

/// `robots.txt`: every page may be crawled, and the sitemap is named when there is one (see
/// [`sitemap`]). The base URL holds no spaces or line breaks ([`BaseUrl::parse`] encodes them),
/// so it cannot add lines.
pub fn robots(base: &BaseUrl) -> String {
    let mut robots = String::from("User-agent: *\nAllow: /\n");
    if base.is_known() {
        robots.push_str(&format!("Sitemap: {}\n", base.absolute("sitemap.xml")));
    }
    robots
}
