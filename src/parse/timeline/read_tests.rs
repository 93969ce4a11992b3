//! Unit tests for which blocks of a Timeline section become entries and whether other text is
//! left for the body.

use super::tests::oslo;
use super::*;

/// The source of each block read as entries.
fn blocks<'s>(section: &'s str, read: &Read) -> Vec<&'s str> {
    read.blocks
        .iter()
        .map(|r| section[r.clone()].trim_end())
        .collect()
}

#[test]
fn a_section_of_only_a_table_has_nothing_more() {
    let section =
        "\n| Time | Event |\n|---|---|\n| 2024-11-07 12:10 | Down |\n\n<!-- fill in -->\n";
    let read = read(section, None, &oslo());
    assert_eq!(read.entries.len(), 1);
    assert!(!read.more, "a comment is not text to keep");
    assert_eq!(
        blocks(section, &read),
        ["| Time | Event |\n|---|---|\n| 2024-11-07 12:10 | Down |"]
    );
}

#[test]
fn zone_lines_paragraphs_and_subheadings_are_more() {
    for (section, list) in [
        (
            "All times in UTC.\n\n- 2024-11-07 12:10 Down\n",
            "- 2024-11-07 12:10 Down",
        ),
        (
            "- 2024-11-07 12:10 Down\n\nAfterwards it stayed up.\n",
            "- 2024-11-07 12:10 Down",
        ),
        ("### 2024-11-07\n\n- 12:10 Down\n", "- 12:10 Down"),
        (
            "> Times are approximate.\n\n- 2024-11-07 12:10 Down\n",
            "- 2024-11-07 12:10 Down",
        ),
    ] {
        let read = read(section, None, &oslo());
        assert!(read.more, "{section:?}");
        assert_eq!(read.entries.len(), 1, "{section:?}");
        assert_eq!(blocks(section, &read), [list], "{section:?}");
    }
}

#[test]
fn a_list_beside_a_table_is_not_read_but_is_more() {
    let section = "| Time | Event |\n|---|---|\n| 2024-11-07 12:10 | Down |\n\n- open question\n";
    let read = read(section, None, &oslo());
    assert_eq!(read.entries.len(), 1);
    assert!(read.more);
    assert_eq!(blocks(section, &read).len(), 1);
    assert!(blocks(section, &read)[0].starts_with("| Time"));
}

#[test]
fn lists_are_all_read_when_there_is_no_table() {
    let section = "- 2024-11-07 12:10 Down\n\n1. 12:20 Up\n";
    let read = read(section, None, &oslo());
    assert_eq!(read.entries.len(), 2);
    assert!(!read.more);
    assert_eq!(
        blocks(section, &read),
        ["- 2024-11-07 12:10 Down", "1. 12:20 Up"]
    );
}
