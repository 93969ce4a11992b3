//! Which open tabs a rebuild reloads, swaps the stylesheets of, or leaves alone.

use super::*;
use crate::util::output_path::OutputPath;

/// What the rebuild from `old` to `new` tells a tab at `path`.
fn verdict(old: &Output, new: &Output, path: &str) -> Verdict {
    let copy = |site: &Output| {
        let mut copy = Output::default();
        copy.files = site.files.clone();
        Arc::new(copy)
    };
    Rebuild::new(copy(old), copy(new)).verdict(path)
}

/// A site of `(path, text)` files.
fn site(files: &[(&str, &str)]) -> Output {
    let mut output = Output::default();
    for (path, text) in files {
        output.insert(OutputPath::new(path).expect("path"), text.as_bytes());
    }
    output
}

fn page(title: &str, css: &str) -> String {
    format!("<link rel=\"stylesheet\" href=\"/{css}\"><h1>{title}</h1>")
}

/// The fixture: two incidents and a 404 page, all on one hashed stylesheet.
fn before() -> Output {
    let css = "static/style.1a2b3c4d.css";
    site(&[
        ("incidents/a/index.html", &page("A", css)),
        ("incidents/b/index.html", &page("B", css)),
        ("404.html", &page("not found", css)),
        (css, "h1 { color: red }"),
    ])
}

#[test]
fn a_changed_page_reloads_and_an_unchanged_one_does_not() {
    let css = "static/style.1a2b3c4d.css";
    let after = site(&[
        ("incidents/a/index.html", &page("A, retitled", css)),
        ("incidents/b/index.html", &page("B", css)),
        ("404.html", &page("not found", css)),
        (css, "h1 { color: red }"),
    ]);
    assert_eq!(verdict(&before(), &after, "/incidents/a/"), Verdict::Reload);
    assert_eq!(
        verdict(&before(), &after, "/incidents/a/index.html"),
        Verdict::Reload,
        "the same page by its file name"
    );
    assert_eq!(verdict(&before(), &after, "/incidents/b/"), Verdict::Same);
    assert_eq!(verdict(&before(), &after, "/no/such/"), Verdict::Same);
}

#[test]
fn a_stylesheet_only_change_swaps_the_stylesheet() {
    let (old, new) = ("static/style.1a2b3c4d.css", "static/style.5e6f7a8b.css");
    let after = site(&[
        ("incidents/a/index.html", &page("A", new)),
        ("incidents/b/index.html", &page("B, retitled", new)),
        ("404.html", &page("not found", new)),
        (new, "h1 { color: blue }"),
    ]);
    let swap = Verdict::Styles(vec![(old.into(), new.into())]);
    assert_eq!(
        stylesheets(&before(), &after),
        vec![(old.into(), new.into())]
    );
    assert_eq!(verdict(&before(), &after, "/incidents/a/"), swap);
    assert_eq!(
        verdict(&before(), &after, "/missing/"),
        swap,
        "the 404 page"
    );
    assert_eq!(
        verdict(&before(), &after, "/incidents/b/"),
        Verdict::Reload,
        "more than the stylesheet changed"
    );
}

#[test]
fn a_stylesheet_that_keeps_its_name_is_swapped_in_place() {
    let css = "static/style.1a2b3c4d.css";
    let mut after = before();
    after.insert(OutputPath::new(css).expect("path"), "h1 { color: blue }");
    assert_eq!(
        verdict(&before(), &after, "/incidents/a/"),
        Verdict::Styles(vec![(css.into(), css.into())])
    );
    let unstyled = site(&[("plain/index.html", "<h1>plain</h1>")]);
    let mut restyled = site(&[("plain/index.html", "<h1>plain</h1>")]);
    restyled.insert(OutputPath::new(css).expect("path"), "x");
    assert_eq!(
        verdict(&unstyled, &restyled, "/plain/"),
        Verdict::Same,
        "a page that names no changed stylesheet"
    );
}

#[test]
fn an_added_and_a_removed_page_reload_their_tabs() {
    let css = "static/style.1a2b3c4d.css";
    let after = site(&[
        ("incidents/a/index.html", &page("A", css)),
        ("incidents/c/index.html", &page("C", css)),
        ("404.html", &page("not found", css)),
        (css, "h1 { color: red }"),
    ]);
    assert_eq!(
        verdict(&before(), &after, "/incidents/b/"),
        Verdict::Reload,
        "removed: to the 404 page"
    );
    assert_eq!(
        verdict(&before(), &after, "/incidents/c/"),
        Verdict::Reload,
        "added: the tab showed the 404 page"
    );
    assert_eq!(verdict(&before(), &after, "/incidents/a/"), Verdict::Same);
}

#[test]
fn two_candidates_for_one_stylesheet_are_not_guessed_between() {
    let old = "static/style.1a2b3c4d.css";
    let after = site(&[
        ("static/style.5e6f7a8b.css", "a"),
        ("static/style.9c9c9c9c.css", "b"),
        (
            "incidents/a/index.html",
            &page("A", "static/style.5e6f7a8b.css"),
        ),
    ]);
    assert!(stylesheets(&before(), &after).is_empty());
    assert_eq!(verdict(&before(), &after, "/incidents/a/"), Verdict::Reload);
    assert_eq!(unhashed(old), "static/style.css");
    assert_eq!(unhashed("print.css"), "/print.css");
    assert_eq!(unhashed("static/a.b.css"), "static/a.b.css");
}
