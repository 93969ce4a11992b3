//! The tracker's views: one per owner and service slug, named as where the slug is first met, each
//! listing the open rows its filter keeps.

use super::views;
use crate::render::i18n::I18n;
use crate::render::theme::Theme;
use crate::site::{self, tracker};

/// Owners and services spelled differently with the same slug, open and closed actions.
const FILES: [(&str, &str); 2] = [
    (
        "a.md",
        "+++\nid = \"a\"\ntitle = \"A\"\ndate = 2025-03-02\nservices = [\"Mail\", \"dns\", \"mail\"]\n\n\
         [[actions]]\ntitle = \"One\"\nowner = \"SRE Team\"\nkind = \"prevent\"\n\n\
         [[actions]]\ntitle = \"Two\"\nowner = \"Ops\"\nstatus = \"done\"\ncompleted = 2025-04-01\n\n\
         [[actions]]\ntitle = \"Five\"\nowner = \"!!!\"\n+++\n\nBody.\n",
    ),
    (
        "b.md",
        "+++\nid = \"b\"\ntitle = \"B\"\ndate = 2025-03-01\nservices = [\"web\", \"MAIL\"]\n\n\
         [[actions]]\ntitle = \"Three\"\nowner = \"sre-team\"\nstatus = \"wontfix\"\n\n\
         [[actions]]\ntitle = \"Four\"\nowner = \"SRE  team\"\nstatus = \"blocked\"\nkind = \"detect\"\n+++\n\nBody.\n",
    ),
];

#[test]
fn each_owner_and_service_slug_has_one_view_named_where_it_is_first_met() {
    let site = site::testing::linked_site("title = \"T\"\n", &FILES);
    let rows = tracker::rows(&site);
    let i18n = I18n::load(&Theme::embedded()).expect("strings");
    let tracker = views(&rows, i18n.get("en"));
    let group = |key: &str| -> Vec<(String, String)> {
        tracker
            .views
            .iter()
            .filter_map(|v| v.shown.as_ref().filter(|s| s.key == key))
            .map(|s| (s.slug.clone(), s.name.clone()))
            .collect()
    };
    let first = |slug: &str, names: &dyn Fn(&tracker::Row<'_>) -> Vec<(String, String)>| {
        rows.iter()
            .flat_map(names)
            .find(|(s, _)| s == slug)
            .map(|(_, name)| name)
    };
    let owner_of = |r: &tracker::Row<'_>| -> Vec<(String, String)> {
        r.owner_slug
            .iter()
            .zip(&r.action.owner)
            .map(|(s, o)| (s.clone(), o.clone()))
            .collect()
    };
    let services_of = |r: &tracker::Row<'_>| -> Vec<(String, String)> {
        r.service_slugs
            .iter()
            .cloned()
            .zip(r.incident.services.iter().cloned())
            .collect()
    };
    let owners = group("owner");
    let slugs: Vec<&str> = owners.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(slugs, ["ops", "sre-team"], "sorted by slug, none empty");
    for (slug, name) in &owners {
        assert_eq!(Some(name.clone()), first(slug, &owner_of));
    }
    let services = group("service");
    let slugs: Vec<&str> = services.iter().map(|(s, _)| s.as_str()).collect();
    assert_eq!(slugs, ["dns", "mail", "web"]);
    for (slug, name) in &services {
        assert_eq!(Some(name.clone()), first(slug, &services_of));
    }
    // Every view lists the rows its filter keeps: open ones, or closed ones for a closed status.
    for view in &tracker.views[1..] {
        let shown = view.shown.as_ref().expect("a filter");
        let keeps = |r: &tracker::Row<'_>| match shown.key {
            "status" => r.action.status.as_str() == shown.slug,
            "kind" => r.action.kind.is_some_and(|k| k.as_str() == shown.slug),
            "owner" => r.owner_slug.as_deref() == Some(shown.slug.as_str()),
            _ => r.service_slugs.contains(&shown.slug),
        };
        let open = |r: &tracker::Row<'_>| {
            r.action.status.is_open()
                || r.action.status == crate::model::action::ActionStatus::Unknown
        };
        let listed: Vec<usize> = (0..rows.len())
            .filter(|&i| keeps(&rows[i]) && (open(&rows[i]) || shown.key == "status"))
            .collect();
        assert_eq!(view.rows, listed, "{}", view.url);
        let closed = (0..rows.len())
            .filter(|&i| keeps(&rows[i]) && !listed.contains(&i))
            .count();
        assert_eq!(view.closed, closed, "{}", view.url);
        for (i, matched) in tracker.matches.iter().enumerate() {
            let v = tracker.views.iter().position(|u| u.url == view.url);
            assert_eq!(
                matched.contains(&v.expect("a view")),
                keeps(&rows[i]),
                "{} row {i}",
                view.url
            );
        }
    }
}
