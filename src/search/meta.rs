//! The metadata table: for every document, in result order (newest first), its date, severity, year,
//! language, open-action count and services, packed in a few bits each so facets, facet counts and
//! date sorting work from one small download.
//!
//! File: `dbM1`, varint document count, varint day of the first document (days since 1970-01-01),
//! then a bit stream with, per document: gamma(previous day − day + 1); the severity index; one
//! bit that is 1 when the year is the date's year, else 0 and the year index; the language index;
//! gamma(open actions + 1); gamma(services + 1) and each service index. Indexes are as wide as their
//! facet table needs (`ceil(log2(values))` bits, none for a single value).

use super::bits::{self, BitWriter};
use super::document::Document;
use std::collections::BTreeSet;

/// Magic bytes that open the metadata file.
pub const MAGIC: &[u8; 4] = b"dbM1";

/// The distinct values of each facet, sorted; the metadata table stores indexes into these.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Facets {
    /// Severities, sorted as strings.
    pub severity: Vec<String>,
    /// Services, sorted as strings.
    pub service: Vec<String>,
    /// Years, ascending.
    pub year: Vec<i32>,
    /// Language codes, sorted.
    pub lang: Vec<String>,
}

impl Facets {
    /// The facet tables of a set of documents.
    pub fn of<'a>(docs: impl IntoIterator<Item = &'a Document> + Clone) -> Self {
        // Sets of borrowed values: each distinct value is copied once, not once per document.
        let (mut severity, mut service) = (BTreeSet::new(), BTreeSet::new());
        let (mut year, mut lang) = (BTreeSet::new(), BTreeSet::new());
        for d in docs {
            severity.insert(d.severity.as_str());
            service.extend(d.services.iter().map(String::as_str));
            year.insert(d.year);
            lang.insert(d.lang.as_str());
        }
        let owned = |set: BTreeSet<&str>| set.into_iter().map(str::to_string).collect();
        Facets {
            severity: owned(severity),
            service: owned(service),
            year: year.into_iter().collect(),
            lang: owned(lang),
        }
    }
}

/// Days since 1970-01-01 of a `YYYY-MM-DD` date (a longer timestamp is cut to its date), if it is one.
pub fn days(date: &str) -> Option<i32> {
    let d = date.get(..10)?;
    let b = d.as_bytes();
    if b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |s: &str| s.parse::<i32>().ok();
    let (y, m, day) = (num(&d[..4])?, num(&d[5..7])?, num(&d[8..10])?);
    if !(1..=12).contains(&m) || !(1..=31).contains(&day) {
        return None;
    }
    // Howard Hinnant's days_from_civil.
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    Some(era * 146_097 + doe - 719_468)
}

/// The year of a day number (days since 1970-01-01).
pub fn year_of(days: i32) -> i32 {
    // Howard Hinnant's civil_from_days, year only.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    yoe + era * 400 + i32::from(month <= 2)
}

/// The day a document sorts by: its date, or 0 (sorted last) when it has none.
pub fn sort_day(doc: &Document) -> u32 {
    days(&doc.date).unwrap_or(0).max(0) as u32
}

fn index_of<T: Ord + ?Sized>(table: &[impl std::borrow::Borrow<T>], value: &T) -> u64 {
    table
        .binary_search_by(|v| v.borrow().cmp(value))
        .map_or(0, |i| i as u64)
}

/// The metadata file for documents already in result order.
pub fn encode(docs: &[&Document], facets: &Facets) -> Vec<u8> {
    let mut out = MAGIC.to_vec();
    bits::varint(&mut out, docs.len() as u64);
    let first = docs.first().map_or(0, |d| sort_day(d));
    bits::varint(&mut out, u64::from(first));
    let sev_w = bits::width(facets.severity.len());
    let year_w = bits::width(facets.year.len());
    let lang_w = bits::width(facets.lang.len());
    let svc_w = bits::width(facets.service.len());
    let mut w = BitWriter::new();
    let mut prev = first;
    for d in docs {
        let day = sort_day(d);
        w.gamma(u64::from(prev - day) + 1);
        prev = day;
        w.bits(index_of::<str>(&facets.severity, &d.severity), sev_w);
        if day > 0 && year_of(day as i32) == d.year {
            w.bits(1, 1);
        } else {
            w.bits(0, 1);
            w.bits(index_of::<i32>(&facets.year, &d.year), year_w);
        }
        w.bits(index_of::<str>(&facets.lang, &d.lang), lang_w);
        w.gamma(u64::from(d.open_actions) + 1);
        let mut services: Vec<u64> = d
            .services
            .iter()
            .map(|s| index_of::<str>(&facets.service, s))
            .collect();
        services.sort_unstable();
        services.dedup();
        w.gamma(services.len() as u64 + 1);
        for s in services {
            w.bits(s, svc_w);
        }
    }
    out.extend(w.finish());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_count_days_from_the_epoch() {
        assert_eq!(days("1970-01-01"), Some(0));
        assert_eq!(days("2000-03-01"), Some(11_017));
        assert_eq!(days("2024-02-29T10:00:00Z"), Some(19_782));
        assert_eq!(days("2024-13-01"), None);
        assert_eq!(days("soon"), None);
        for date in [
            "1970-01-01",
            "1999-12-31",
            "2000-01-01",
            "2024-02-29",
            "2024-03-01",
        ] {
            let d = days(date).unwrap_or(-1);
            assert_eq!(year_of(d).to_string(), date[..4], "{date}");
        }
    }

    #[test]
    fn facet_tables_are_sorted_and_distinct() {
        let a = Document {
            severity: "sev2".into(),
            services: vec!["dns".into(), "api".into()],
            year: 2024,
            lang: "en".into(),
            ..Document::default()
        };
        let b = Document {
            severity: "sev1".into(),
            services: vec!["dns".into()],
            year: 2023,
            lang: "nb".into(),
            ..Document::default()
        };
        let f = Facets::of([&a, &b]);
        assert_eq!(f.severity, ["sev1", "sev2"]);
        assert_eq!(f.service, ["api", "dns"]);
        assert_eq!(f.year, [2023, 2024]);
        assert_eq!(f.lang, ["en", "nb"]);
    }
}
