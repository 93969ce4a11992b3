//! Timeline tables: which column holds what, and one entry per row.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

use super::list_item::{skip_block, trim_end};
use super::time_text::{as_clock, as_date, offset_in, unwrap};
use super::zone_line;
use super::{Reader, TIME_HELP, TimelineEntry};
use crate::diagnostic::Problem;

/// A table row: the trimmed byte range of each cell, and whether it is the header row.
pub(super) struct Row {
    /// Whether this is the header row.
    head: bool,
    /// Each cell's content, trimmed.
    cells: Vec<Range<usize>>,
}

/// Reads the rows of a table whose `Start(Table)` event was just taken from `events`.
pub(super) fn read_table<'a>(
    events: &mut impl Iterator<Item = (Event<'a>, Range<usize>)>,
    section: &str,
) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut cells = Vec::new();
    while let Some((event, range)) = events.next() {
        match event {
            Event::End(TagEnd::Table) => break,
            Event::Start(Tag::TableCell) => {
                skip_block(events);
                let text = &section[range.clone()];
                let start = range.start + (text.len() - text.trim_start().len());
                cells.push(trim_end(section, start..range.end));
            }
            Event::End(TagEnd::TableHead) => {
                rows.push(Row {
                    head: true,
                    cells: std::mem::take(&mut cells),
                });
            }
            Event::End(TagEnd::TableRow) => {
                rows.push(Row {
                    head: false,
                    cells: std::mem::take(&mut cells),
                });
            }
            _ => {}
        }
    }
    rows
}

/// A column header without the zone it names: `time` for `Time (UTC)` and `Tid i norsk tid`.
fn header_word(header: &str) -> &str {
    [" (", " in ", " i "]
        .iter()
        .filter_map(|cut| header.find(cut))
        .min()
        .map_or(header, |at| &header[..at])
}

impl Reader<'_> {
    /// Reads the rows of a table; the header row names the columns and is skipped unless it
    /// holds an event itself.
    pub(super) fn table(&mut self, rows: &[Row]) {
        let Some(head) = rows.first().filter(|row| row.head) else {
            return;
        };
        if head.cells.len() < 2 {
            let span = head.cells.first().map_or(0..0, Clone::clone);
            self.problems.push(
                Problem::warning(
                    span,
                    "this timeline table has one column; its rows are not read",
                )
                .with_help("give the table a time column and an event column: `| Time | Event |`"),
            );
            return;
        }
        let header: Vec<String> = head
            .cells
            .iter()
            .map(|c| unwrap(&self.section[c.clone()]).to_lowercase())
            .collect();
        let header_words: Vec<&str> = header.iter().map(|h| header_word(h)).collect();
        let is = |i: usize, words: &[&str]| header_words.get(i).is_some_and(|h| words.contains(h));
        let time_columns =
            if is(0, &["date", "dato"]) && is(1, &["time", "tid", "klokkeslett", "kl."]) {
                2
            } else {
                1
            };
        let kind_column =
            (0..header.len()).find(|&i| is(i, &["kind", "type", "kategori", "category", "art"]));
        let event_column =
            (time_columns..header.len().max(time_columns + 1)).find(|&i| Some(i) != kind_column);
        if let Some(cell) = head.cells.get(time_columns - 1) {
            let cell = self.unwrapped(cell.clone());
            if let Some(found) = zone_line::in_header(&self.section[cell.clone()]) {
                self.set_zone(&found, cell.start);
            }
        }
        let header_is_data = head.cells.first().is_some_and(|c| {
            let text = unwrap(&self.section[c.clone()]);
            as_clock(text).is_some() || text.get(..10).is_some_and(|d| as_date(d).is_some())
        });
        let body = rows.iter().skip(usize::from(!header_is_data));
        for row in body {
            self.row(row, time_columns, event_column, kind_column);
        }
    }

    /// One body row: an entry, unless the row is empty; a row without a time continues the
    /// entry above it.
    fn row(&mut self, row: &Row, time_columns: usize, event: Option<usize>, kind: Option<usize>) {
        let cell = |i: Option<usize>| i.and_then(|i| row.cells.get(i)).cloned();
        if row.cells.iter().all(|c| c.is_empty()) {
            return;
        }
        let times: Vec<Range<usize>> = (0..time_columns)
            .filter_map(|i| cell(Some(i)))
            .map(|c| self.unwrapped(c))
            .filter(|c| !c.is_empty())
            .collect();
        let text = cell(event).map_or_else(String::new, |c| self.section[c].to_string());
        let kind = cell(kind)
            .map(|c| unwrap(&self.section[c]).to_string())
            .filter(|k| !k.is_empty());
        let (at, time_text, span) = match (times.first(), times.last()) {
            (Some(first), Some(last)) => {
                let time_text = times
                    .iter()
                    .map(|c| &self.section[c.clone()])
                    .collect::<Vec<_>>()
                    .join(" ");
                let span = first.start..last.end;
                (self.place_range(&time_text, span.clone()), time_text, span)
            }
            _ => {
                // A row without a time continues the one above it.
                let span = cell(Some(0)).map_or(0..0, |c| c.start..c.start);
                if self.last.is_none() {
                    self.problems.push(
                        Problem::warning(span.clone(), "this timeline row has no time")
                            .with_help(TIME_HELP),
                    );
                }
                ((self.last.clone(), None), String::new(), span)
            }
        };
        self.entries.push(TimelineEntry {
            at: at.0,
            end: at.1,
            time_text,
            text,
            kind,
            span,
        });
    }

    /// `range` without markdown emphasis or code around it.
    fn unwrapped(&self, range: Range<usize>) -> Range<usize> {
        let text = &self.section[range.clone()];
        let inner = unwrap(text);
        let start = range.start + offset_in(text, inner);
        start..start + inner.len()
    }
}

#[cfg(test)]
mod tests {
    use crate::parse::timeline::extract;
    use crate::parse::timeline::tests::{oslo, show};
    use jiff::civil::date;
    use jiff::tz::TimeZone;

    #[test]
    fn a_table_with_one_column_is_a_warning() {
        let section = "| Time |\n|---|\n| 2024-01-01 10:00 |\n";
        let (entries, problems) = extract(section, None, &TimeZone::UTC);
        assert!(entries.is_empty());
        assert_eq!(problems.len(), 1);
        assert_eq!(&section[problems[0].span.clone()], "Time");
    }

    #[test]
    fn table_with_dates_bare_times_and_a_utc_line() {
        let section = "All times in UTC.\n\n\
            | Time             | Event                         |\n\
            | ---------------- | ----------------------------- |\n\
            | 2025-04-02 12:10 | Cache node c3 stops answering |\n\
            | 12:16            | Latency alert pages *on-call* |\n";
        let (entries, problems) = extract(section, None, &oslo());
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            show(&entries),
            [
                "2025-04-02T12:10:00+00:00[UTC] | Cache node c3 stops answering",
                "2025-04-02T12:16:00+00:00[UTC] | Latency alert pages *on-call*",
            ]
        );
        assert_eq!(entries[0].time_text, "2025-04-02 12:10");
        assert_eq!(&section[entries[1].span.clone()], "12:16");
        assert_eq!(entries[1].kind, None);
    }

    #[test]
    fn table_kind_column_and_emphasised_times() {
        let section = "| Tid | Kategori | Hendelse |\n|---|---|---|\n\
            | **08:00** | `detect` | Varsel i Slack |\n| 08:05 |  | Vakt svarer |\n";
        let (entries, problems) = extract(section, Some(date(2024, 11, 7)), &oslo());
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            show(&entries),
            [
                "2024-11-07T08:00:00+01:00[Europe/Oslo] | Varsel i Slack",
                "2024-11-07T08:05:00+01:00[Europe/Oslo] | Vakt svarer",
            ]
        );
        assert_eq!(entries[0].kind.as_deref(), Some("detect"));
        assert_eq!(entries[1].kind, None);
        assert_eq!(entries[0].time_text, "08:00");
        assert_eq!(&section[entries[0].span.clone()], "08:00");
    }

    #[test]
    fn table_with_separate_date_and_time_columns_and_a_zone_in_the_header() {
        let section = "| Date | Time (UTC) | Event |\n|---|---|---|\n\
            | 2024-11-07 | 23:50 | Disk fills |\n|  | 00:10 | Paged |\n| 2024-11-08 | 01:00 | Fixed |\n";
        let (entries, problems) = extract(section, None, &oslo());
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            show(&entries),
            [
                "2024-11-07T23:50:00+00:00[UTC] | Disk fills",
                "2024-11-08T00:10:00+00:00[UTC] | Paged",
                "2024-11-08T01:00:00+00:00[UTC] | Fixed",
            ]
        );
        assert_eq!(entries[2].time_text, "2024-11-08 01:00");
    }

    #[test]
    fn a_header_row_that_is_an_event_is_read_and_an_empty_time_continues() {
        let section =
            "| 10:00 | Deploy starts |\n|---|---|\n| | Deploy continues |\n| 10:30 | Done |\n";
        let (entries, problems) = extract(section, Some(date(2024, 1, 2)), &TimeZone::UTC);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            show(&entries),
            [
                "2024-01-02T10:00:00+00:00[UTC] | Deploy starts",
                "2024-01-02T10:00:00+00:00[UTC] | Deploy continues",
                "2024-01-02T10:30:00+00:00[UTC] | Done",
            ]
        );
        assert_eq!(entries[1].time_text, "");
    }

    #[test]
    fn unreadable_table_times_are_warnings_too() {
        let section =
            "| Time | Event |\n|---|---|\n| 14:?? | Restart |\n| 2024-02-30 10:00 | Bad day |\n";
        let (entries, problems) = extract(section, Some(date(2024, 2, 1)), &TimeZone::UTC);
        assert_eq!(show(&entries), ["- | Restart", "- | Bad day"]);
        assert_eq!(problems.len(), 2);
        assert_eq!(&section[problems[0].span.clone()], "14:??");
        assert!(
            problems[1].message.contains("February 2024 has 29 days"),
            "{}",
            problems[1].message
        );
    }

    #[test]
    fn a_table_wins_over_lists_beside_it() {
        let section = "| Time | Event |\n|---|---|\n| 10:00 | From the table |\n\nNotes:\n\n- 11:00 not an entry\n";
        let (entries, problems) = extract(section, Some(date(2024, 1, 1)), &TimeZone::UTC);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            show(&entries),
            ["2024-01-01T10:00:00+00:00[UTC] | From the table"]
        );
    }

    #[test]
    fn a_date_alone_is_a_day_entry() {
        let section =
            "| When | What |\n|---|---|\n| 2024-11-07 | Slow build-up |\n| 10:00 | Outage |\n";
        let (entries, problems) = extract(section, None, &TimeZone::UTC);
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            show(&entries),
            [
                "day 2024-11-07 | Slow build-up",
                "2024-11-07T10:00:00+00:00[UTC] | Outage"
            ]
        );
    }
}
