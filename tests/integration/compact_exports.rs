//! The JSON files a build writes are compact: one line each, with the same data that `debrief
//! actions --format json` prints indented for people.

use crate::support::fixture;

const NOW: &str = "2025-05-15";

#[test]
fn actions_json_and_incidents_json_are_one_line_with_the_data_of_the_indented_listing() {
    let site = fixture("actions");
    let (code, _, stderr) = site.run(&["build", "--now", NOW]);
    assert_eq!(code, 0, "{stderr}");
    for file in ["public/actions.json", "public/incidents.json"] {
        let text = site.read(file);
        assert_eq!(text.lines().count(), 1, "{file} is one line");
        assert!(text.ends_with("}\n"), "{file} ends with a newline");
        assert!(!text.contains(": "), "{file} has no space after its keys");
    }
    let (code, listed, stderr) = site.run(&["actions", "--now", NOW, "--format", "json"]);
    assert_eq!(code, 0, "{stderr}");
    assert!(listed.lines().count() > 1, "the listing is indented");
    let written: serde_json::Value =
        serde_json::from_str(&site.read("public/actions.json")).unwrap();
    let listed: serde_json::Value = serde_json::from_str(&listed).unwrap();
    assert_eq!(written, listed);
}
