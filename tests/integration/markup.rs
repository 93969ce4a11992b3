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
