//! What untrusted content can do to the pages and files built from it: timeline headings with ids,
//! and (in the other tests here) links, control characters, exports and the XML files.

use crate::support::Site;

const NOW: &str = "2025-07-15";

/// Builds `site` at [`NOW`], expecting success.
fn build(site: &Site) {
    let (code, _, stderr) = site.run(&["build", "--now", NOW]);
    assert_eq!(code, 0, "{stderr}");
}

#[test]
fn a_timeline_day_heading_with_an_id_dates_the_entries_under_it() {
    let site = Site::new(&[(
        "content/two-days.md",
        "# Two days\n\n## Timeline\n\nAll times in UTC.\n\n### 2024-11-07\n\n- 08:00 First alert\n\n\
         ### 2024-11-08 {#day-two}\n\n- 09:00 Fix deployed\n",
    )]);
    build(&site);
    let page = site.read("public/incidents/two-days/index.html");
    assert!(
        page.contains("datetime=\"2024-11-08T09:00:00+00:00\""),
        "{page}"
    );
    assert!(!page.contains("2024-11-07T09:00"), "{page}");
}

/// A markdown-only report with NUL bytes in its body and in an action item.
const NUL_REPORT: &str = "# Queue stall\n\nThe queue held A\0B.\n\n## Action items\n\n- [ ] Drain\0 the queue @sre due 2025-09-01\n";

/// A report whose action fields would be formulas in a spreadsheet, with control characters.
const FORMULA_REPORT: &str = "+++\ntitle = \"Bell\\u0007 incident\"\ndate = 2025-01-03\n\n\
[[actions]]\ntitle = \"=HYPERLINK(\\\"https://evil.example\\\",\\\"click\\\")\"\nowner = \"@ops\"\n\
due = 2025-08-01\nticket = \"-1+2\"\n+++\nText.\n";

fn exports_site() -> Site {
    let site = Site::new(&[
        ("content/2025-01-02-queue.md", NUL_REPORT),
        ("content/formula.md", FORMULA_REPORT),
    ]);
    build(&site);
    site
}

#[test]
fn nul_in_a_body_is_a_replacement_character_in_html() {
    let site = exports_site();
    let page = site.read("public/incidents/2025-01-02-queue/index.html");
    assert!(page.contains("<p>The queue held A\u{FFFD}B.</p>"), "{page}");
    assert!(page.contains("Drain\u{FFFD} the queue"), "{page}");
    assert!(!page.contains('\0'));
    let bell = site.read("public/incidents/formula/index.html");
    assert!(!bell.contains('\u{7}'));
}

#[test]
fn csv_cells_never_start_a_formula_nor_hold_control_characters() {
    let csv = exports_site().read("public/actions.csv");
    assert!(!csv.contains('\0') && !csv.contains('\u{7}'), "{csv:?}");
    let row = csv
        .lines()
        .find(|l| l.starts_with("formula-1,"))
        .unwrap_or_else(|| panic!("{csv}"));
    assert!(
        row.starts_with(
            "formula-1,\"'=HYPERLINK(\"\"https://evil.example\"\",\"\"click\"\")\",open,'@ops,2025-08-01,,,'-1+2,"
        ),
        "{row}"
    );
    assert!(row.contains(",Bell incident,"), "{row}");
    assert!(
        csv.contains("\r\n2025-01-02-queue-1,Drain the queue,open,sre,2025-09-01,"),
        "{csv}"
    );
}

#[test]
fn calendar_text_holds_no_control_characters() {
    let ics = exports_site().read("public/actions.ics");
    assert!(!ics.contains('\0') && !ics.contains('\u{7}'), "{ics:?}");
    let unfolded = ics.replace("\r\n ", "");
    assert!(
        unfolded.contains("\r\nSUMMARY:Drain the queue\r\n"),
        "{unfolded}"
    );
    assert!(
        unfolded.contains("\r\nDESCRIPTION:Bell incident · open · @ops"),
        "{unfolded}"
    );
}

#[test]
fn an_action_due_on_the_last_day_there_is_stays_in_the_calendar() {
    let site = Site::new(&[(
        "content/far.md",
        "+++\ntitle = \"Far\"\ndate = 2025-01-03\n\n[[actions]]\ntitle = \"Some day\"\n\
         owner = \"sre\"\ndue = 9999-12-31\n+++\n",
    )]);
    build(&site);
    let ics = site.read("public/actions.ics");
    let event = ics
        .split("BEGIN:VEVENT\r\n")
        .nth(1)
        .unwrap_or_else(|| panic!("no event: {ics}"));
    assert!(
        event.contains("\r\nDTSTART;VALUE=DATE:99991231\r\n"),
        "{event}"
    );
    assert!(event.contains("\r\nSUMMARY:Some day\r\n"), "{event}");
    assert!(
        !event.contains("DTEND"),
        "a date-only event without DTEND lasts that one day: {event}"
    );
}
