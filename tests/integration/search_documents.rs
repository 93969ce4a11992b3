//! The full build moves each body's plain text into the search documents instead of copying it:
//! the documents must be exactly those the copying path (serve, `debrief search`) makes.

use debrief::model::incident::Visibility;
use debrief::pipeline::{LoadOptions, load};
use debrief::search::from_site;

use crate::support::fixture;

#[test]
fn taken_documents_are_the_copied_ones_and_leave_the_bodies_empty() {
    let site = fixture("search");
    site.write(
        "content/2025-06-01-notes.md",
        "+++\ntitle = \"Queue backlog\"\nseverity = \"sev3\"\n+++\n\n## Summary\n\nThe queue \
         backed up.\n\n## Notes from the call\n\nConsumers were scaled by hand at **noon**.\n",
    );
    let options = LoadOptions {
        root: site.path().to_path_buf(),
        drafts: true,
        audience: Visibility::Internal,
        now: Some("2025-07-15".parse().expect("date")),
        fail_on_overdue: false,
    };
    let mut linked = load(&options, &|| {}).expect("loads").site.expect("a site");
    let copied = from_site::documents(&linked);
    assert!(
        copied.iter().any(|d| !d.body.is_empty()),
        "the fixture has bodies"
    );
    let taken = from_site::take_documents(&mut linked);
    assert_eq!(taken, copied);
    assert!(linked.incidents.iter().all(|i| i.body.text.is_empty()));
}
