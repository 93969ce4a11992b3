//! The quick rebuild of a save (one post-mortem whose page alone changes): what it keeps of the last
//! build is thrown away whenever the save changes more, so the site and its warnings stay those of
//! a whole build.

use std::path::{Path, PathBuf};

use debrief::pipeline::build;
use debrief::pipeline::incremental::{Changed, Incremental};
use debrief::publish::output::Output;

use crate::incremental::{BASE, files, human, options, step_found, whole, whole_diagnostics};
use crate::support::Site;

/// A post-mortem with an unknown related id (a warning in the front matter), below `above`.
fn report(id: &str, title: &str, above: &str, body: &str) -> String {
    format!(
        "+++\n{above}id = {id:?}\ntitle = {title:?}\nseverity = \"sev2\"\nservices = [\"api\"]\n\
         summary = \"About {title}.\"\nrelated = [\"NOPE-1\"]\n\n[times]\n\
         started = 2025-03-02T10:00:00Z\nresolved = 2025-03-02T11:30:00Z\n+++\n\n\
         ## What happened\n\n{body}\n"
    )
}

/// A site of two post-mortems, built once: the site, its incremental build and output, and the
/// path of the first post-mortem.
fn start() -> (Site, Incremental, Output, PathBuf) {
    start_with(&[])
}

/// [`start`], with `more` files in the site.
fn start_with(more: &[(&str, &str)]) -> (Site, Incremental, Output, PathBuf) {
    let a = report("A-1", "Alpha", "", "Body of A.");
    let b = report("B-1", "Beta", "", "See [A](incident:A-1).");
    let mut files = vec![("content/a.md", a.as_str()), ("content/b.md", b.as_str())];
    files.extend_from_slice(more);
    let site = Site::new(&files);
    let mut incremental = Incremental::new(options(site.path()), BASE);
    incremental.search_beside();
    let mut output = Output::default();
    let (good, _) = step_found(&mut incremental, &mut output, &Changed::Everything);
    assert!(good);
    let a = site.path().join("content/a.md");
    (site, incremental, output, a)
}

/// Saves `text` as the first post-mortem and rebuilds: whether it built, its warnings as printed,
/// and how many pages it rendered; its warnings and output must be a whole build's.
fn save(
    site: &Site,
    incremental: &mut Incremental,
    output: &mut Output,
    a: &Path,
    text: &str,
) -> (bool, Vec<String>, usize) {
    site.write("content/a.md", text);
    let changed = Changed::Content(vec![a.to_path_buf()]);
    let (good, found, rendered) = match incremental.rebuild(&changed).expect("no theme error") {
        Ok(step) => {
            let found = human(&step.diagnostics);
            let rendered = step.rendered;
            step.apply(output);
            if let Some(search) = incremental.wait_for_search() {
                search.apply(output);
            }
            (true, found, rendered)
        }
        Err(diagnostics) => (false, human(&diagnostics), 0),
    };
    assert_eq!(found, whole_diagnostics(site.path()));
    if good {
        assert!(
            Some(files(output)) == whole(site.path()),
            "not a whole build's output"
        );
    }
    (good, found, rendered)
}

#[test]
fn a_save_that_moves_a_warning_reports_it_where_it_now_is() {
    let (site, mut incremental, mut output, a) = start();
    let text = report("A-1", "Alpha", "# Reviewed.\n# Twice.\n", "Body of A.");
    let (good, found, rendered) = save(&site, &mut incremental, &mut output, &a, &text);
    assert!(good);
    assert_eq!(rendered, 1, "only the page of A");
    let line = found
        .iter()
        .find(|f| f.contains("NOPE-1") && f.contains("content/a.md"))
        .expect("the warning of A");
    assert!(line.contains("content/a.md:9:"), "{line}");
}

#[test]
fn a_save_that_changes_a_card_renders_the_lists_again() {
    let (site, mut incremental, mut output, a) = start();
    let text = report("A-1", "Alpha renamed", "", "Body of A.");
    let (good, _, rendered) = save(&site, &mut incremental, &mut output, &a, &text);
    assert!(good);
    assert!(rendered > 2, "the index and term pages too, not {rendered}");
    let index = String::from_utf8_lossy(output.get("index.html").expect("index"));
    assert!(index.contains("Alpha renamed"));
}

#[test]
fn a_save_that_links_an_unknown_incident_fails() {
    let (site, mut incremental, mut output, a) = start();
    let text = report("A-1", "Alpha", "", "See [it](incident:GONE-9).");
    let (good, found, _) = save(&site, &mut incremental, &mut output, &a, &text);
    assert!(!good);
    assert!(
        found
            .iter()
            .any(|f| f.contains("link to unknown incident `GONE-9`")),
        "{found:?}"
    );
    // Fixed again, it builds as a whole build does.
    let text = report("A-1", "Alpha", "", "Body of A, fixed.");
    assert!(save(&site, &mut incremental, &mut output, &a, &text).0);
}

#[test]
fn a_save_that_changes_an_id_links_the_site_again() {
    let (site, mut incremental, mut output, a) = start();
    let text = report("A-2", "Alpha", "", "Body of A.");
    let (good, found, _) = save(&site, &mut incremental, &mut output, &a, &text);
    assert!(!good, "B links to A-1, which is gone");
    assert!(found.iter().any(|f| f.contains("`A-1`")), "{found:?}");
}

#[test]
fn a_page_that_fails_to_render_is_rendered_again_by_the_next_save() {
    // A template that fails on the page of a post-mortem that says BOOM.
    let template = "{% extends \"base.html\" %}{% block content %}\
        {% if \"BOOM\" in incident.body_html %}{{ nope() }}{% endif %}{{ incident.id }}{% endblock %}";
    let (site, mut incremental, _, a) = start_with(&[("templates/incident.html", template)]);
    site.write("content/a.md", &report("A-1", "Alpha", "", "BOOM."));
    let changed = Changed::Content(vec![a]);
    assert!(incremental.rebuild(&changed).is_err(), "A's page fails");
    // Another save: A's page still fails, as it does in a whole build.
    site.write(
        "content/b.md",
        &report("B-1", "Beta", "", "See [A](incident:A-1) again."),
    );
    let b = site.path().join("content/b.md");
    assert!(
        incremental.rebuild(&Changed::Content(vec![b])).is_err(),
        "the page that failed is rendered again"
    );
    assert!(build(&options(site.path()), Some(BASE), false, &|| {}).is_err());
}

#[test]
fn a_save_with_an_error_that_changes_nothing_else_fails() {
    let (site, mut incremental, mut output, a) = start();
    let text = report("A-1", "Alpha", "colour = \"red\"\n", "Body of A.");
    let (good, found, _) = save(&site, &mut incremental, &mut output, &a, &text);
    assert!(
        found.iter().any(|f| f.starts_with("error")),
        "an unknown key is an error: {found:?}"
    );
    assert!(!good);
}

#[test]
fn a_save_that_links_a_content_file_publishes_it() {
    let (site, mut incremental, mut output, a) = start_with(&[("content/chart.svg", "<svg/>")]);
    let text = report("A-1", "Alpha", "", "![The chart](chart.svg)");
    let (good, _, _) = save(&site, &mut incremental, &mut output, &a, &text);
    assert!(good);
    let chart = output
        .files
        .keys()
        .find(|p| p.as_str().ends_with("/chart.svg"));
    assert_eq!(chart.map(|p| p.as_str()), Some("incidents/a/chart.svg"));
}

#[test]
fn only_warnings_a_rebuild_did_not_have_before_are_fresh() {
    let site = Site::new(&[("content/a.md", &report("A-1", "Alpha", "", "Body."))]);
    let mut incremental = Incremental::new(options(site.path()), BASE);
    let first = incremental.rebuild(&Changed::Everything).expect("theme");
    let first = first.expect("builds");
    assert!(!first.fresh.is_empty() && first.fresh.len() == first.diagnostics.0.len());
    let a = site.path().join("content/a.md");
    site.write("content/a.md", &report("A-1", "Alpha", "", "Body, again."));
    let same = incremental.rebuild(&Changed::Content(vec![a.clone()]));
    let same = same.expect("theme").expect("builds");
    assert_eq!(same.diagnostics.0, first.diagnostics.0);
    assert!(same.fresh.is_empty(), "{:?}", same.fresh);
    site.write(
        "content/a.md",
        &report("A-1", "Alpha", "# Moved.\n", "Body."),
    );
    let moved = incremental.rebuild(&Changed::Content(vec![a]));
    let moved = moved.expect("theme").expect("builds");
    assert_eq!(moved.fresh.len(), 1, "the moved warning: {:?}", moved.fresh);
}
