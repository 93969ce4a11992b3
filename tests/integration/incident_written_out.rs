//! The default theme's incident page writes out what macros of its `macros.html` would write for it
//! (the badges), since a macro call costs more than what it writes, and writes most timeline entries
//! a short way: the pages are the same with those macros called and every entry written the long way.

use crate::support::{Site, assert_same_pages, between, fixture, repo_root, texts_under};

const NOW: &str = "2025-05-15";

/// A draft, internal incident without a severity, with an action of unknown status and notes.
const ODD: &str = "+++\nid = \"INC-9\"\ntitle = \"Odd one\"\nstatus = \"draft\"\nvisibility = \"internal\"\n\
                   date = 2025-03-01\n\n[[actions]]\ntitle = \"Nobody knows\"\nstatus = \"unknown\"\n\n\
                   [[actions]]\ntitle = \"Done long ago\"\nstatus = \"done\"\n+++\nSomething happened.\n";

/// An incident whose actions are all closed.
const CLOSED: &str = "+++\nid = \"INC-10\"\ntitle = \"All done\"\ndate = 2025-03-02\n\n\
                      [[actions]]\ntitle = \"Fixed\"\nstatus = \"done\"\n+++\nFixed.\n";

/// `text` with `from` (found once) replaced by `to`.
fn swap(text: &str, from: &str, to: &str) -> String {
    assert_eq!(
        text.matches(from).count(),
        1,
        "the default incident.html has changed: {from}"
    );
    text.replacen(from, to, 1)
}

/// The default `incident.html` with the macros called where it writes them out.
fn with_macros_called(template: &str) -> String {
    let badges = between(
        template,
        "{% if i.severity %}<span class=\"badge",
        "<span class=\"incident-id\">",
    );
    let called = swap(
        template,
        badges,
        "{{ m.severity_badge(i.severity, t) }}\n{{ m.status_badge(i.status, t) }}\n\
         {{ m.visibility_badge(i.visibility, t) }}\n",
    );
    // The badge macros come from macros.html, which the page imports only where its actions
    // table does not come rendered.
    let called = swap(
        &called,
        "{% extends \"base.html\" %}\n",
        "{% extends \"base.html\" %}\n{% import \"macros.html\" as m %}\n",
    );
    // Every timeline entry the long way.
    swap(
        &called,
        "{%- if e.kind or e.unplaced or not e.iso %}",
        "{%- if true %}",
    )
}

/// Every incident page of the site's output, by path.
fn incident_pages(site: &Site) -> Vec<(String, String)> {
    texts_under(&site.path().join("public/incidents"), "index.html")
}

fn build(site: &Site) -> Vec<(String, String)> {
    let (code, _, stderr) =
        site.run(&["build", "--now", NOW, "--drafts", "--audience", "internal"]);
    assert_eq!(code, 0, "{stderr}");
    incident_pages(site)
}

#[test]
fn incident_pages_are_the_same_with_the_macros_they_write_out_called() {
    let template =
        std::fs::read_to_string(repo_root().join("themes/default/templates/incident.html"))
            .expect("incident.html");
    let called = with_macros_called(&template);
    let mut shown = String::new();
    for name in ["actions", "basic"] {
        let site = fixture(name);
        site.write("content/odd.md", ODD);
        site.write("content/closed.md", CLOSED);
        let written_out = build(&site);
        assert!(written_out.len() >= 3, "{name}: {written_out:?}");
        site.write("templates/incident.html", &called);
        assert_same_pages(&written_out, &build(&site), &mut shown);
    }
    // The pages compared show every branch of what is written out.
    for part in [
        "data-severity=",
        "sev-none",
        "badge status status-draft",
        "badge internal",
        "class=\"act-open\"",
        "act-overdue",
        "act-unknown",
        "act-closed",
        "act-row act-row-unknown",
        "is-overdue",
        "overdue-days",
        "prio prio-high",
        "a-kind",
        "a-notes",
        "a-completed",
        "<td class=\"a-ticket\"><a href=",
        "<span class=\"muted\">",
        "<li class=\"tl-item\">",
        "tl-unplaced",
        "data-kind=",
    ] {
        assert!(shown.contains(part), "no page shows {part}");
    }
}
