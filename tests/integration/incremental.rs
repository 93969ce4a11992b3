//! Incremental rebuilds (what `serve` does on a save) against whole builds: after any sequence of
//! edits, creations, renames and deletions of post-mortems and template edits, the incrementally
//! maintained site is byte for byte what a fresh build of the same files makes.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use debrief::diagnostic::Diagnostics;
use debrief::model::incident::Visibility;
use debrief::pipeline::incremental::{Changed, Incremental};
use debrief::pipeline::{LoadOptions, build};
use debrief::publish::output::Output;
use proptest::prelude::*;

use crate::support::{Site, fixture, repo_root};

pub(crate) const BASE: &str = "http://127.0.0.1:4000";
const SERVICES: [&str; 4] = ["api", "db", "cache", "edge"];
const TAGS: [&str; 3] = ["capacity", "deploy", "network"];
const STATUSES: [&str; 5] = ["open", "in-progress", "blocked", "done", "wontfix"];
const TITLES: [&str; 4] = [
    "Aardvark outage",
    "Middle slowdown",
    "Zebra errors",
    "Queue stall",
];

/// One post-mortem the test writes.
#[derive(Clone, Debug)]
struct Report {
    file: String,
    title: String,
    day: u8,
    services: Vec<&'static str>,
    tags: Vec<&'static str>,
    status: &'static str,
    body: String,
}

impl Report {
    fn new(n: usize) -> Report {
        Report {
            file: format!("content/gen/T-{n} - report.md"),
            title: TITLES[n % TITLES.len()].to_string(),
            day: 1 + (n % 27) as u8,
            services: vec![SERVICES[n % SERVICES.len()]],
            tags: vec![TAGS[n % TAGS.len()]],
            status: STATUSES[n % STATUSES.len()],
            body: format!("Report {n} body."),
        }
    }

    fn text(&self) -> String {
        let list = |items: &[&str]| {
            items
                .iter()
                .map(|s| format!("{s:?}"))
                .collect::<Vec<_>>()
                .join(", ")
        };
        format!(
            "+++\ntitle = {title:?}\nseverity = \"sev{sev}\"\nservices = [{services}]\ntags = [{tags}]\n\
             summary = \"About {title}.\"\n\n[times]\nstarted = 2025-03-{day:02}T10:00:00Z\n\
             resolved = 2025-03-{day:02}T11:30:00Z\n\n[[actions]]\ntitle = \"Fix it\"\n\
             owner = \"team-{owner}\"\ndue = 2025-06-01\nstatus = {status:?}\n+++\n\n\
             ## What happened\n\n{body} See [the storage incident](incident:PM2024-001).\n",
            title = self.title,
            sev = 1 + self.day % 3,
            services = list(&self.services),
            tags = list(&self.tags),
            day = self.day,
            owner = self.day % 3,
            status = self.status,
            body = self.body,
        )
    }
}

/// What the test does to the site.
#[derive(Clone, Debug)]
enum Edit {
    Title(usize, usize),
    Services(usize, Vec<usize>),
    Tags(usize, Vec<usize>),
    Status(usize, usize),
    Body(usize, String),
    Create,
    Rename(usize),
    Delete(usize),
    Template(u8),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), 0..TITLES.len()).prop_map(|(i, t)| Edit::Title(i, t)),
        (
            any::<usize>(),
            prop::collection::vec(0..SERVICES.len(), 0..3)
        )
            .prop_map(|(i, s)| Edit::Services(i, s)),
        (any::<usize>(), prop::collection::vec(0..TAGS.len(), 0..3))
            .prop_map(|(i, s)| Edit::Tags(i, s)),
        (any::<usize>(), 0..STATUSES.len()).prop_map(|(i, s)| Edit::Status(i, s)),
        (any::<usize>(), "[a-z ]{1,30}").prop_map(|(i, b)| Edit::Body(i, b)),
        Just(Edit::Create),
        any::<usize>().prop_map(Edit::Rename),
        any::<usize>().prop_map(Edit::Delete),
        any::<u8>().prop_map(Edit::Template),
    ]
}

pub(crate) fn options(root: &Path) -> LoadOptions {
    LoadOptions {
        root: root.to_path_buf(),
        drafts: true,
        audience: Visibility::Internal,
        now: Some("2025-07-15".parse().expect("date")),
        fail_on_overdue: false,
    }
}

/// A fresh whole build of the site's files, or `None` when it does not build.
pub(crate) fn whole(root: &Path) -> Option<BTreeMap<String, Vec<u8>>> {
    let built = build(&options(root), Some(BASE), false, &|| {})
        .expect("no theme error")
        .ok()?;
    Some(
        built
            .output
            .files
            .into_iter()
            .map(|(p, b)| (p.as_str().to_string(), b))
            .collect(),
    )
}

/// The problems a fresh whole build finds, as printed.
pub(crate) fn whole_diagnostics(root: &Path) -> Vec<String> {
    let diagnostics =
        match build(&options(root), Some(BASE), false, &|| {}).expect("no theme error") {
            Ok(built) => built.diagnostics,
            Err(diagnostics) => diagnostics,
        };
    human(&diagnostics)
}

pub(crate) fn human(diagnostics: &Diagnostics) -> Vec<String> {
    diagnostics.0.iter().map(|d| d.to_human()).collect()
}

/// Applies one incremental rebuild to `output`; whether it built.
fn step(site: &mut Incremental, output: &mut Output, changed: &Changed) -> bool {
    step_found(site, output, changed).0
}

/// [`step`], with the problems the rebuild found, as printed.
pub(crate) fn step_found(
    site: &mut Incremental,
    output: &mut Output,
    changed: &Changed,
) -> (bool, Vec<String>) {
    match site.rebuild(changed).expect("no theme error") {
        Ok(step) => {
            let found = human(&step.diagnostics);
            step.apply(output);
            if let Some(search) = site.wait_for_search() {
                search.apply(output);
            }
            (true, found)
        }
        Err(diagnostics) => (false, human(&diagnostics)),
    }
}

pub(crate) fn files(output: &Output) -> BTreeMap<String, Vec<u8>> {
    output
        .files
        .iter()
        .map(|(p, b)| (p.as_str().to_string(), b.clone()))
        .collect()
}

/// The first difference between two sites, for the failure message.
fn difference(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>) -> String {
    for (path, bytes) in a {
        match b.get(path) {
            None => return format!("{path} only in the incremental site"),
            Some(other) if other != bytes => return format!("{path} differs"),
            _ => {}
        }
    }
    match b.keys().find(|p| !a.contains_key(*p)) {
        Some(path) => format!("{path} only in the whole build"),
        None => "none".into(),
    }
}

/// Runs `edits` on a site, checking the incremental site after each against a whole build.
fn check(edits: Vec<(Edit, bool)>, beside: bool) -> Result<(), TestCaseError> {
    let site: Site = fixture("basic");
    let root = site.path().to_path_buf();
    let mut reports: Vec<Report> = (0..4).map(Report::new).collect();
    for r in &reports {
        site.write(&r.file, &r.text());
    }
    let template = std::fs::read_to_string(repo_root().join("themes/default/templates/base.html"))
        .expect("default base template");
    let mut incremental = Incremental::new(options(&root), BASE);
    if beside {
        incremental.search_beside();
    }
    let mut output = Output::default();
    prop_assert!(step(&mut incremental, &mut output, &Changed::Everything));
    prop_assert_eq!(Some(files(&output)), whole(&root));
    let mut made = reports.len();
    for (edit, by_path) in edits {
        let mut touched: Vec<PathBuf> = Vec::new();
        let mut changed = None;
        let pick =
            |i: usize, reports: &Vec<Report>| (!reports.is_empty()).then(|| i % reports.len());
        match edit.clone() {
            Edit::Title(i, t) => {
                if let Some(i) = pick(i, &reports) {
                    reports[i].title = TITLES[t].to_string();
                    touched.push(root.join(&reports[i].file));
                }
            }
            Edit::Services(i, s) => {
                if let Some(i) = pick(i, &reports) {
                    let mut s: Vec<&str> = s.into_iter().map(|n| SERVICES[n]).collect();
                    s.dedup();
                    reports[i].services = s;
                    touched.push(root.join(&reports[i].file));
                }
            }
            Edit::Tags(i, s) => {
                if let Some(i) = pick(i, &reports) {
                    let mut s: Vec<&str> = s.into_iter().map(|n| TAGS[n]).collect();
                    s.dedup();
                    reports[i].tags = s;
                    touched.push(root.join(&reports[i].file));
                }
            }
            Edit::Status(i, s) => {
                if let Some(i) = pick(i, &reports) {
                    reports[i].status = STATUSES[s];
                    touched.push(root.join(&reports[i].file));
                }
            }
            Edit::Body(i, b) => {
                if let Some(i) = pick(i, &reports) {
                    reports[i].body = b;
                    touched.push(root.join(&reports[i].file));
                }
            }
            Edit::Create => {
                let report = Report::new(made);
                made += 1;
                touched.push(root.join(&report.file));
                reports.push(report);
            }
            Edit::Rename(i) => {
                if let Some(i) = pick(i, &reports) {
                    let old = root.join(&reports[i].file);
                    reports[i].file = format!("content/gen/T-{made} - renamed.md");
                    made += 1;
                    std::fs::rename(&old, root.join(&reports[i].file)).expect("rename");
                    touched.extend([old, root.join(&reports[i].file)]);
                }
            }
            Edit::Delete(i) => {
                if let Some(i) = pick(i, &reports) {
                    let gone = reports.remove(i);
                    std::fs::remove_file(root.join(&gone.file)).expect("delete");
                    touched.push(root.join(&gone.file));
                }
            }
            Edit::Template(n) => {
                site.write(
                    "templates/base.html",
                    &template.replace("</body>", &format!("<!-- edit {n} --></body>")),
                );
                changed = Some(Changed::Theme);
            }
        }
        for r in &reports {
            if touched.contains(&root.join(&r.file)) {
                site.write(&r.file, &r.text());
            }
        }
        // The watcher's paths, or none (then `content/` is read whole and compared by hash).
        let changed =
            changed.unwrap_or_else(|| Changed::Content(if by_path { touched } else { Vec::new() }));
        let (good, found) = step_found(&mut incremental, &mut output, &changed);
        prop_assert_eq!(&found, &whole_diagnostics(&root), "after {:?}", edit);
        let expected = whole(&root);
        prop_assert_eq!(good, expected.is_some(), "after {:?}", edit);
        if let Some(expected) = expected {
            let got = files(&output);
            prop_assert!(
                got == expected,
                "after {:?}: {}",
                edit,
                difference(&got, &expected)
            );
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    #[test]
    fn incremental_rebuilds_equal_whole_builds(
        edits in prop::collection::vec((edit(), any::<bool>()), 1..8),
        beside in any::<bool>(),
    ) {
        check(edits, beside)?;
    }
}

#[test]
fn a_broken_config_fails_every_rebuild_until_it_is_fixed() {
    let site: Site = fixture("basic");
    let root = site.path().to_path_buf();
    let mut incremental = Incremental::new(options(&root), BASE);
    let mut output = Output::default();
    assert!(step(&mut incremental, &mut output, &Changed::Everything));
    let config = site.read("debrief.toml");
    site.write("debrief.toml", "title = [");
    assert!(!step(&mut incremental, &mut output, &Changed::Everything));
    let cache = root.join("content/2025/cache.md");
    let text = std::fs::read_to_string(&cache).expect("read");
    std::fs::write(&cache, text.replace("38 minutes", "39 minutes")).expect("save");
    assert!(
        !step(
            &mut incremental,
            &mut output,
            &Changed::Content(vec![cache])
        ),
        "a save does not build over a config that does not read"
    );
    site.write("debrief.toml", &config);
    assert!(step(&mut incremental, &mut output, &Changed::Everything));
    assert_eq!(Some(files(&output)), whole(&root));
}
