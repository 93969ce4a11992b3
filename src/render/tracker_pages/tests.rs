//! The tracker's facets and their links made once and shared by every page show as each view's
//! own would.

use std::collections::BTreeMap;

use minijinja::Value;
use minijinja::value::Serde;

use super::{FacetHtml, SharedFacets};
use crate::render::env::{PageEnv, environment};
use crate::render::i18n::I18n;
use crate::render::theme::Theme;
use crate::render::tracker_view;
use crate::site::{self, tracker};

/// Owners, services, kinds and statuses open and closed.
const FILES: [(&str, &str); 2] = [
    (
        "a.md",
        "+++\nid = \"a\"\ntitle = \"A\"\ndate = 2025-03-02\nservices = [\"mail\", \"dns\"]\n\n\
         [[actions]]\ntitle = \"One\"\nowner = \"SRE\"\nkind = \"prevent\"\n\n\
         [[actions]]\ntitle = \"Two\"\nowner = \"Ops\"\nstatus = \"done\"\ncompleted = 2025-04-01\n+++\n\nBody.\n",
    ),
    (
        "b.md",
        "+++\nid = \"b\"\ntitle = \"B\"\ndate = 2025-03-01\nservices = [\"web\"]\n\n\
         [[actions]]\ntitle = \"Three\"\nowner = \"Ops\"\nstatus = \"wontfix\"\n\n\
         [[actions]]\ntitle = \"Four\"\nstatus = \"blocked\"\nkind = \"detect\"\n+++\n\nBody.\n",
    ),
];

#[test]
fn shared_facets_show_as_each_views_own_facets_would() {
    let site = site::testing::linked_site("title = \"T\"\n", &FILES);
    let rows = tracker::rows(&site);
    let summary = tracker::summary(&rows);
    let i18n = I18n::load(&Theme::embedded()).expect("strings");
    let t = i18n.get("en");
    let tracker = tracker_view::views(&rows, t);
    assert!(tracker.views.len() > 8, "{} views", tracker.views.len());
    assert_eq!(tracker.closed_views.len(), 2);
    let shared = SharedFacets::new(&tracker);
    let facet = |v: usize, current: bool| shared.get(&tracker, v, current);
    let env = minijinja::Environment::new();
    let page = "{{ tr|tojson }}|{% for k, v in tr|items %}{{ k }};{% endfor %}|\
                {% for f in tr.facets.owners %}{{ f.name }}{{ f.current }}{% endfor %}|{{ ch|tojson }}";
    let render = |tr: Value, ch: Value| {
        env.render_str(page, minijinja::context! { tr, ch })
            .expect("renders")
    };
    let mut currents = 0;
    for (v, view) in tracker.views.iter().enumerate() {
        let expected = render(
            Value::from(Serde(tracker.view(v, &summary, t))),
            Value::from(Serde(tracker.choices(&view.rows))),
        );
        let got = render(
            Value::from(Serde(tracker.view_with(v, &summary, t, facet))),
            Value::from(Serde(tracker.choices_with(&view.rows, |u| facet(u, false)))),
        );
        assert_eq!(got, expected);
        currents += expected.matches("\"current\": true").count();
    }
    assert_eq!(
        currents,
        tracker.views.len() - 1,
        "each view but the first marks its own"
    );
}

#[test]
fn facet_links_are_what_the_macro_makes_of_each_pages_facets() {
    let site = site::testing::linked_site("title = \"T\"\n", &FILES);
    let rows = tracker::rows(&site);
    let summary = tracker::summary(&rows);
    let theme = Theme::embedded();
    let i18n = I18n::load(&theme).expect("strings");
    let mut templates = environment(&theme).expect("templates");
    // Both lists written out as HTML, escaped as a page's are.
    let groups = "{% for g in [l.owners, l.statuses, l.kinds, l.services] %}\
                  {% for f in g %}{{ H }}\n{% endfor %}|{% endfor %}";
    let called = format!(
        "{{% import \"macros.html\" as m %}}{}",
        groups.replace("H", "m.tracker_facet(f, \"/\")")
    );
    for (name, source) in [
        ("made.html", groups.replace("H", "f")),
        ("called.html", called),
    ] {
        templates
            .add_template_owned(name, source)
            .expect("template");
    }
    let env = PageEnv::new(
        &templates,
        &site,
        "/",
        &BTreeMap::new(),
        "https://x.test",
        &i18n,
    );
    let t = i18n.get("en");
    let tracker = tracker_view::views(&rows, t);
    let shared = SharedFacets::new(&tracker);
    let links = FacetHtml::new(&env, &tracker, &shared, "/")
        .expect("renders")
        .expect("the default theme has tracker_facet");
    let render = |name: &str, l: Value| {
        let template = templates.get_template(name).expect("template");
        template.render(minijinja::context! { l }).expect("renders")
    };
    let mut currents = 0;
    for v in 0..tracker.views.len() {
        let facets = Value::from(Serde(tracker.view(v, &summary, t))).get_attr("facets");
        let expected = render("called.html", facets.expect("facets"));
        let got = render("made.html", links.lists(&tracker, v));
        assert_eq!(got, expected);
        assert!(expected.contains("Won&#x27;t fix <span"), "{expected}");
        currents += expected.matches("aria-current").count();
    }
    assert_eq!(
        currents,
        tracker.views.len() - 1,
        "each view but the first marks its own"
    );
}
