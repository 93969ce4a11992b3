//! `incident` as templates see it: the same as the map serde makes of the view, key by key, in
//! the same order, however a template reads it.

use minijinja::Value;
use minijinja::value::Serde;

use crate::render::i18n::I18n;
use crate::render::incident_view::{EntryView, IncidentView};
use crate::render::lazy_map::Fields;
use crate::render::theme::Theme;
use crate::render::view::{ActionView, Views};
use crate::site;

/// A post-mortem with every part a page shows, and one with almost none.
const FULL: &str = "+++\nid = \"full\"\ntitle = \"Mail <down>\"\nsummary = \"Short.\"\nseverity = \"sev2\"\n\
    status = \"review\"\nauthors = [\"Ann\", \"Bo\"]\nupdated = 2025-03-09\nservices = [\"mail\", \"dns\"]\n\
    tags = [\"disk\"]\nrelated = [\"bare\"]\n\n[times]\nstarted = 2025-03-02T10:00:00Z\n\
    detected = 2025-03-02T10:20:00Z\nresolved = 2025-03-03T12:00:00Z\n\n[extra]\nurl = \"https://x.test/1\"\n\
    keywords = [\"a\", \"b\"]\n\n[[actions]]\ntitle = \"Fix it\"\nowner = \"sre\"\ndue = 2025-06-01\n\
    status = \"open\"\nticket = \"OPS-1\"\n+++\n\n## Impact\n\nMail was late.\n\n## Root cause\n\nA full disk.\n\n\
    ## Timeline\n\n| Time | Event |\n|---|---|\n| 2025-03-02 10:00 | Disk fills. |\n| 10:20 | Paged. |\n\n\
    ## Lessons learned\n\n- Watch inodes.\n\n## Notes\n\nMore [here](incident:bare).\n";
const BARE: &str = "+++\nid = \"bare\"\ntitle = \"Bare\"\ndate = 2025-03-01\n+++\n\nBody.\n";

fn site() -> site::Site {
    site::testing::linked_site(
        "title = \"Views\"\n",
        &[("full.md", FULL), ("bare.md", BARE)],
    )
}

#[test]
fn templates_see_the_incident_as_serde_would_show_it() {
    let site = site();
    assert_eq!(site.incidents.len(), 2);
    let i18n = I18n::load(&Theme::embedded()).expect("strings");
    let views = Views::new(&site, "/");
    let mut env = minijinja::Environment::new();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Chainable);
    let page = "{{ incident|tojson }}|{% for k, v in incident|items %}{{ k }}={{ v }};{% endfor %}|\
                {{ incident|length }}|{{ incident.title }}{{ incident['body_html'] }}|\
                {{ incident.missing is defined }}{{ incident[1] is defined }}|\
                {% for t in incident.timeline %}{{ t|tojson }}{{ t|length }}{% for k, v in t|items %}{{ k }}={{ v }};{% endfor %}\
                {{ t.time }}{{ t.iso }}{{ t.text_html }}{{ t.kind is none }}{{ t.unplaced }}{{ t.other is defined }}{% endfor %}|\
                {% for a in incident.action_items %}{{ a|tojson }}{{ a|length }}{% for k, v in a|items %}{{ k }}={{ v }};{% endfor %}\
                {{ a.id }}{{ a.title_html }}{{ a.notes_html is none }}{{ a.status }}{{ a.owner }}{{ a.due.date }}{{ a.overdue }}\
                {{ a.days_overdue }}{{ a.priority }}{{ a.kind }}{{ a.ticket.label }}{{ a.completed }}{{ a.incident.lang is defined }}{% endfor %}|\
                {{ incident.related[0].title }}{{ incident.extra.keywords[1] }}{{ incident.spans.time_to_detect }}|\
                {{ incident.severity.label }}{{ incident.year }}{{ incident.year + 1 }}{{ incident.updated.date }}";
    let render = |incident: Value| {
        env.render_str(page, minijinja::context! { incident })
            .expect("renders")
    };
    for incident in &site.incidents {
        let view = views.incident(incident, i18n.get("en"));
        let expected = render(Value::from(Serde(&view)));
        assert_eq!(render(super::value(view)), expected);
        if incident.id.value == "full" {
            for shown in [
                "Mail <down>",
                "Ann",
                "keywords",
                "OPS-1",
                "Paged.",
                "Bare",
                "title_html=",
                "unplaced=",
            ] {
                assert!(expected.contains(shown), "{shown} in {expected}");
            }
        }
    }
}

#[test]
fn the_keys_are_in_order() {
    assert!(IncidentView::KEYS.is_sorted());
}

/// Each key of `T` is found at its place, and no name near it is.
fn keys_are_found<T: Fields>() {
    for (n, key) in T::KEYS.iter().enumerate() {
        assert_eq!(T::index(key), Some(n), "{key}");
        assert_eq!(T::index(&key.to_uppercase()), None, "{key}");
        assert_eq!(T::index(&format!("{key}s")), None, "{key}");
        assert_eq!(T::index(&key[..key.len() - 1]), None, "{key}");
    }
    assert_eq!(T::index(""), None);
}

#[test]
fn each_key_is_found_at_its_place_and_no_other_name_is() {
    keys_are_found::<IncidentView>();
    keys_are_found::<ActionView>();
    keys_are_found::<EntryView>();
}
