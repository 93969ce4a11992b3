//! `CET` and `CEST` written against the season: writers often label summer times `CET` (and, less
//! often, winter times `CEST`). Both read as central European wall-clock time; a time whose season
//! does not match its label is warned about once, naming the offset it was read with.

use std::ops::Range;

use jiff::ZonedDateTime;

use crate::diagnostic::Problem;

/// A zone named by its season's abbreviation, where it was named, and whether a time against the
/// season has been warned about.
pub(super) struct Named {
    /// `CET` or `CEST`, as the writer meant it.
    label: &'static str,
    /// Whether a time against the season was already reported.
    warned: bool,
}

impl Named {
    /// The label of a zone name that is a season's abbreviation (`CET`, `cest`); `None` for any
    /// other name, including `Central European Time`, which covers both seasons.
    pub(super) fn of(name: &str) -> Option<Named> {
        let label = ["CET", "CEST"]
            .into_iter()
            .find(|label| name.trim().eq_ignore_ascii_case(label))?;
        Some(Named {
            label,
            warned: false,
        })
    }

    /// A warning at `span` when `zoned`, read in the named zone, is in the other season; only the
    /// first such time is reported.
    pub(super) fn check(&mut self, zoned: &ZonedDateTime, span: Range<usize>) -> Option<Problem> {
        let shown = zoned.strftime("%Z").to_string();
        if self.warned || shown == self.label || !["CET", "CEST"].contains(&shown.as_str()) {
            return None;
        }
        self.warned = true;
        let (season, other_offset, help) = if self.label == "CET" {
            (
                "summer",
                "+01:00",
                "write `CEST` for summer times, or `UTC+1` if the clocks really showed +01:00",
            )
        } else {
            (
                "winter",
                "+02:00",
                "write `CET` for winter times, or `UTC+2` if the clocks really showed +02:00",
            )
        };
        let offset = zoned.strftime("%:z");
        Some(
            Problem::warning(
                span,
                format!(
                    "the times are labelled `{label}`, but {date} is in {season} time, when central \
                     Europe is on {shown}: they are read as the clocks showed them, {offset} \
                     ({shown}), not {other_offset}",
                    label = self.label,
                    date = zoned.date(),
                ),
            )
            .with_help(help),
        )
    }
}
