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

/// One action of each status, kind and priority, two of them overdue (by one day and by many).
const EVERY: &str = "+++\nid = \"every\"\ntitle = \"Every\"\ndate = 2025-03-02\n\n\
    [[actions]]\ntitle = \"A\"\nstatus = \"open\"\npriority = \"high\"\nkind = \"mitigate\"\ndue = 2025-07-14\n\n\
    [[actions]]\ntitle = \"B\"\nstatus = \"in-progress\"\npriority = \"medium\"\nkind = \"prevent\"\ndue = 2025-01-01\n\n\
    [[actions]]\ntitle = \"C\"\nstatus = \"blocked\"\npriority = \"low\"\nkind = \"detect\"\ndue = 2030-01-01\n\n\
    [[actions]]\ntitle = \"D\"\nstatus = \"done\"\nkind = \"process\"\ncompleted = 2025-04-01\n\n\
    [[actions]]\ntitle = \"E\"\nstatus = \"wontfix\"\nkind = \"other\"\n\n\
    [[actions]]\ntitle = \"F\"\nstatus = \"what\"\n+++\n\nBody.\n";

#[test]
fn the_made_labels_are_what_a_template_would_look_up() {
    let site = site::testing::linked_site(
        "title = \"Labels\"\n",
        &[("every.md", EVERY), ("full.md", FULL)],
    );
    let rows = tracker::rows(&site);
    assert_eq!(rows.len(), 8);
    let i18n = I18n::load(&Theme::embedded()).expect("strings");
    let views = Views::new(&site, "/");
    let env = minijinja::Environment::new();
    let looked_up = "{{ t.action_status[a.status] if t.action_status[a.status] is defined else a.status }}|\
        {% if a.kind %}{{ t.action_kind[a.kind] if t.action_kind[a.kind] is defined else a.kind }}{% endif %}|\
        {% if a.priority %}{{ t.priority[a.priority] if t.priority[a.priority] is defined else a.priority }}{% endif %}|\
        {% if a.overdue and a.days_overdue %}{{ (t.days_overdue_one if a.days_overdue == 1 else t.days_overdue_other)|replace(\"{n}\", a.days_overdue|string) }}{% endif %}|\
        {% if a.services %}{% for sv in a.services %}{{ sv.slug }}{% if not loop.last %} {% endif %}{% endfor %}{% endif %}";
    let made = "{{ a.status_label }}|{% if a.kind_label %}{{ a.kind_label }}{% endif %}|\
        {% if a.priority_label %}{{ a.priority_label }}{% endif %}|\
        {% if a.days_overdue_text %}{{ a.days_overdue_text }}{% endif %}|\
        {% if a.service_slugs %}{{ a.service_slugs }}{% endif %}";
    let mut seen = String::new();
    for lang in ["en", "nb"] {
        let t = i18n.get(lang);
        for row in &rows {
            let a = views.tracked(row, t).value();
            let render = |page: &str| {
                env.render_str(page, minijinja::context! { a => a.clone(), t => t.value() })
                    .expect("renders")
            };
            let expected = render(looked_up);
            assert_eq!(render(made), expected);
            seen.push_str(&expected);
            seen.push('\n');
        }
    }
    for shown in [
        "In progress|",
        "1 day overdue",
        "days overdue",
        "|mail dns",
        "Mitigation",
    ] {
        assert!(seen.contains(shown), "{shown} in {seen}");
    }
}
