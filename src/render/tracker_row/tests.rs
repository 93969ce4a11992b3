//! A tracked action as templates see it: the same as the map serde makes of the view, key by key,
//! in the same order, however a template reads it.

use minijinja::Value;
use minijinja::value::Serde;

use crate::render::i18n::I18n;
use crate::render::lazy_map::Fields;
use crate::render::theme::Theme;
use crate::render::tracker_row::TrackedView;
use crate::render::view::Views;
use crate::site::{self, tracker};

/// Actions with every field set, with none, and closed.
const FULL: &str = "+++\nid = \"full\"\ntitle = \"Mail <down>\"\ndate = 2025-03-02\nseverity = \"sev2\"\n\
    services = [\"mail\", \"dns\"]\n\n[[actions]]\ntitle = \"Fix *it*\"\nowner = \"SRE team\"\n\
    due = 2025-06-01\nstatus = \"open\"\npriority = \"high\"\nkind = \"mitigate\"\nticket = \"OPS-1\"\n\n[[actions]]\ntitle = \"Done\"\nstatus = \"done\"\n\
    completed = 2025-04-01\n+++\n\nBody.\n";
const BARE: &str = "+++\nid = \"bare\"\ntitle = \"Bare\"\ndate = 2025-03-01\n\n[[actions]]\n\
    title = \"Something\"\n+++\n\nBody.\n";

#[test]
fn templates_see_a_tracked_action_as_serde_would_show_it() {
    let site = site::testing::linked_site(
        "title = \"Views\"\nlanguage = \"de\"\n",
        &[("full.md", FULL), ("bare.md", BARE)],
    );
    let rows = tracker::rows(&site);
    assert_eq!(rows.len(), 3);
    let i18n = I18n::load(&Theme::embedded()).expect("strings");
    let t = i18n.get("en");
    let views = Views::new(&site, "/status/");
    let mut env = minijinja::Environment::new();
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Chainable);
    let page = "{{ a|tojson }}|{% for k, v in a|items %}{{ k }}={{ v }};{% endfor %}|\
                {{ a|length }}|{{ a.title_html }}{{ a['status'] }}{{ a.incident.severity.label }}|\
                {{ a.missing is defined }}{{ a[1] is defined }}{{ a.due.date }}{{ a.services[1].url }}";
    let render = |a: Value| {
        env.render_str(page, minijinja::context! { a })
            .expect("renders")
    };
    let mut seen = String::new();
    for row in &rows {
        let view = views.tracked(row, t);
        let expected = render(Value::from(Serde(&view)));
        assert_eq!(render(view.value()), expected);
        seen.push_str(&expected);
    }
    for shown in [
        "OPS-1",
        "<em>it</em>",
        "sre-team",
        "1 April 2025",
        "dns",
        "Major",
    ] {
        assert!(seen.contains(shown), "{shown} in {seen}");
    }
}

#[test]
fn each_key_of_a_tracked_action_is_in_order_and_found_at_its_place() {
    assert!(TrackedView::KEYS.is_sorted());
    for (n, key) in TrackedView::KEYS.iter().enumerate() {
        assert_eq!(TrackedView::index(key), Some(n), "{key}");
        assert_eq!(TrackedView::index(&format!("{key}s")), None, "{key}");
    }
}
