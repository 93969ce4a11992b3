//! Properties of reading Timeline sections, over markdown built from the pieces timelines are
//! written with and over arbitrary text.

use super::tests::oslo;
use super::*;
use crate::diagnostic::Level;
use crate::util::time::parse_clock;
use jiff::civil::date;
use proptest::prelude::*;

/// Markdown made of the pieces timelines are written with, in any order.
fn timeline_like() -> impl Strategy<Value = String> {
    const PIECES: &[&str] = &[
        "- ",
        "  - ",
        "| ",
        " |",
        "|---|---|",
        "\n",
        "\n\n",
        "12:10",
        "2024-11-07",
        "23:50",
        "00:10",
        "**",
        "`",
        "[",
        "]",
        "(",
        ")",
        " – ",
        ": ",
        "T08:00:00+01:00",
        "Z",
        " UTC",
        "14:??",
        "TBD",
        "All times in ",
        "Alle tider i ",
        "norsk tid",
        "Mars/Olympus",
        "### ",
        "æøå",
        "é",
        " ",
        "Kind",
        "Event",
        "[x] ",
        "> ",
        "20202-01-16",
        "2024-03-31 02:30",
    ];
    prop::collection::vec(prop::sample::select(PIECES), 0..40).prop_map(|p| p.concat())
}

/// What holds for every section read: spans are inside it on character boundaries; each entry's
/// span holds the time it was read from; an entry that could not be placed is warned about where it
/// is; a bare clock time is placed at that time in the zone in force, unless the clocks skipped it
/// (then there is a warning at it).
fn check(
    section: &str,
    entries: &[TimelineEntry],
    problems: &[Problem],
) -> Result<(), TestCaseError> {
    let spans = entries
        .iter()
        .map(|e| &e.span)
        .chain(problems.iter().map(|p| &p.span));
    for span in spans {
        prop_assert!(
            span.start <= span.end && span.end <= section.len(),
            "{span:?}"
        );
        prop_assert!(section.is_char_boundary(span.start) && section.is_char_boundary(span.end));
    }
    for problem in problems {
        prop_assert_eq!(problem.level, Level::Warning);
    }
    let warned_at = |span: &Range<usize>| problems.iter().any(|p| p.span.start == span.start);
    for entry in entries {
        let written = &section[entry.span.clone()];
        let words: Vec<&str> = entry.time_text.split(' ').collect();
        prop_assert!(
            written.starts_with(words[0]) && written.ends_with(words[words.len() - 1]),
            "{:?} read from {:?}",
            entry.time_text,
            written
        );
        if entry.at.is_none() {
            prop_assert!(
                warned_at(&entry.span),
                "unplaced without a warning: {:?}",
                entry
            );
        }
        if let (Some(clock), Some(When::At(zoned))) = (parse_clock(&entry.time_text), &entry.at) {
            prop_assert!(
                zoned.time() == clock || warned_at(&entry.span),
                "{} placed at {}",
                entry.time_text,
                zoned
            );
        }
    }
    Ok(())
}

proptest! {
    #[test]
    fn timeline_like_sections_keep_their_times_where_they_are_written(section in timeline_like()) {
        let (entries, problems) = extract(&section, Some(date(2024, 11, 7)), &oslo());
        check(&section, &entries, &problems)?;
    }

    #[test]
    fn arbitrary_text_keeps_its_times_where_they_are_written(section in "\\PC{0,120}") {
        let (entries, problems) = extract(&section, None, &TimeZone::UTC);
        check(&section, &entries, &problems)?;
    }
}
