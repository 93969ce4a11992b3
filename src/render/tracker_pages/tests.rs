//! The tracker's facets made once and shared by every page show as each view's own would.

use minijinja::Value;
use minijinja::value::Serde;

use super::SharedFacets;
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
