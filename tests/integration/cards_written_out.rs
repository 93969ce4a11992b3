//! The default theme's `card` macro writes out what `action_counts()` would write for a card, since
//! a macro call costs more than what it writes: every page is the same with that macro called.

use crate::support::{Site, assert_same_pages, between, fixture, repo_root, texts_under};

const NOW: &str = "2025-05-15";

/// Incidents whose cards show each kind of action count: one with an action of unknown status
/// (and one closed), one with every action closed, and one with open, overdue and unknown ones.
const ODD: &str = "+++\nid = \"INC-9\"\ntitle = \"Odd one\"\ndate = 2025-03-01\n\n\
                   [[actions]]\ntitle = \"Nobody knows\"\nstatus = \"unknown\"\n\n\
                   [[actions]]\ntitle = \"Done long ago\"\nstatus = \"done\"\n+++\nSomething happened.\n";
const CLOSED: &str = "+++\nid = \"INC-10\"\ntitle = \"All done\"\ndate = 2025-03-02\n\n\
                      [[actions]]\ntitle = \"Fixed\"\nstatus = \"done\"\n+++\nFixed.\n";
const MIXED: &str = "+++\nid = \"INC-11\"\ntitle = \"Mixed\"\ndate = 2025-03-03\n\n\
                     [[actions]]\ntitle = \"Late\"\nstatus = \"open\"\ndue = 2025-04-01\n\n\
                     [[actions]]\ntitle = \"Later\"\nstatus = \"open\"\ndue = 2025-04-02\n\n\
                     [[actions]]\ntitle = \"Who knows\"\nstatus = \"unknown\"\n+++\nMixed.\n";

/// The default `macros.html` with `card` calling `action_counts()` where it writes it out.
fn with_counts_called(macros: &str) -> String {
    let card = between(macros, "{% macro card(", "{%- endmacro %}");
    let end = "</p>\n{%- endif %}";
    let written = format!("{}{end}", between(card, "{% set a = c.actions %}", end));
    assert_eq!(
        macros.matches(&written).count(),
        1,
        "the default macros.html has changed"
    );
    macros.replacen(&written, "{{ action_counts(c.actions, t) }}", 1)
}

/// Every HTML page of the site's output, by path.
fn pages(site: &Site) -> Vec<(String, String)> {
    let (code, _, stderr) = site.run(&["build", "--now", NOW]);
    assert_eq!(code, 0, "{stderr}");
    texts_under(&site.path().join("public"), ".html")
}

#[test]
fn pages_are_the_same_with_the_action_counts_of_cards_called() {
    let macros = std::fs::read_to_string(repo_root().join("themes/default/templates/macros.html"))
        .expect("macros.html");
    let called = with_counts_called(&macros);
    let mut shown = String::new();
    for name in ["actions", "basic"] {
        let site = fixture(name);
        site.write("content/odd.md", ODD);
        site.write("content/closed.md", CLOSED);
        site.write("content/mixed.md", MIXED);
        let written_out = pages(&site);
        site.write("templates/macros.html", &called);
        assert_same_pages(&written_out, &pages(&site), &mut shown);
    }
    // The pages compared show every branch of what is written out, on cards.
    for part in [
        "<p class=\"card-actions\"><span class=\"act-total\">",
        "<span class=\"act-open\">",
        "act-overdue",
        ", <span class=\"act-unknown\">",
        "\n<span class=\"act-unknown\">",
        "act-closed",
    ] {
        assert!(shown.contains(part), "no page shows {part}");
    }
}
