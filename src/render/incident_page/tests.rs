//! The incident pages: each in its buffer, and the same whether its action table and related
//! incidents come rendered with a shared evaluation of macros.html or the template renders them
//! itself, and whether the site's header and footer come kept from another page or not.

use std::collections::BTreeMap;

use super::*;
use crate::render::env::environment;
use crate::render::theme::Theme;

/// A long report (a table of contents, a timeline, actions, a related incident) and a bare one.
const LONG: &str = "+++\nid = \"long\"\ntitle = \"Mail down\"\nsummary = \"Short.\"\nrelated = [\"bare\"]\n\n\
    [times]\nstarted = 2025-03-02T10:00:00Z\nresolved = 2025-03-03T12:00:00Z\n\n[[actions]]\n\
    title = \"Fix it\"\nowner = \"sre\"\ndue = 2025-06-01\n\n[[actions]]\ntitle = \"Watch it\"\n+++\n\n\
    ## Impact\n\nMail was late.\n\n## Timeline\n\n| Time | Event |\n|---|---|\n\
    | 2025-03-02 10:00 | Disk fills. |\n| 10:20 | Paged. |\n| 11:00 | Fixed. |\n\n\
    ## One\n\nA.\n\n## Two\n\nB.\n\n## Three\n\nC.\n\n## Four\n\nD.\n";
const BARE: &str = "+++\nid = \"bare\"\ntitle = \"Bare\"\ndate = 2025-03-01\n+++\n\nBody.\n";

fn site() -> crate::site::Site {
    crate::site::testing::linked_site(
        "title = \"Pages\"\n",
        &[("long.md", LONG), ("bare.md", BARE)],
    )
}

/// The default theme, with `macros` for its macros.html when given.
fn theme(macros: Option<&str>) -> Theme {
    let mut theme = Theme::embedded();
    if let Some(macros) = macros {
        theme
            .files
            .insert("templates/macros.html".into(), macros.as_bytes().to_vec());
    }
    theme
}

/// The default theme's strings and templates, with `macros` for its macros.html when given.
struct Themed {
    i18n: I18n,
    templates: minijinja::Environment<'static>,
}

impl Themed {
    fn new(macros: Option<&str>) -> Themed {
        let theme = theme(macros);
        Themed {
            i18n: I18n::load(&theme).expect("strings"),
            templates: environment(&theme).expect("templates"),
        }
    }

    /// The environment of `site`'s pages, at the root of the host.
    fn env<'a>(&'a self, site: &'a crate::site::Site) -> PageEnv<'a> {
        PageEnv::new(
            &self.templates,
            site,
            "/",
            &BTreeMap::new(),
            "https://x.test",
            &self.i18n,
        )
    }
}

#[test]
fn a_page_is_written_into_a_buffer_that_holds_it_without_growing() {
    let site = site();
    let themed = Themed::new(None);
    let (env, i18n) = (themed.env(&site), &themed.i18n);
    let views = Views::new(&site, "/");
    for incident in &site.incidents {
        let size = views.incident(incident, i18n.get("en")).page_size();
        let (_, html) = macros::with_macros(&env, |macros| {
            page(&env, &views, i18n, incident, (macros, &Default::default())).expect("page")
        });
        assert_eq!(
            html.capacity(),
            size,
            "{}: the buffer grew",
            incident.id.value
        );
        assert!(
            size < html.len() * 3,
            "{}: {size} for {}",
            incident.id.value,
            html.len()
        );
    }
}

#[test]
fn a_page_is_the_same_with_its_macro_parts_rendered_for_it_or_by_itself() {
    let site = site();
    // The default macros, and a tracker_row that takes six arguments (it cannot render the
    // incident page's rows: the template then renders them itself, and says why).
    let six = "{% macro tracker_row(a, t, root, lang, show_owner, closed_list) %}<tr>{{ a.id }}</tr>\
               {% endmacro %}{% macro action_counts(a, t) %}{{ a.total }}{% endmacro %}\
               {% macro card_list(cards, t, root, lang, hl=3) %}{{ cards|length }}{% endmacro %}";
    for (macros, rendered) in [(None, true), (Some(six), false)] {
        let themed = Themed::new(macros);
        let (env, i18n) = (themed.env(&site), &themed.i18n);
        let views = Views::new(&site, "/");
        let long = &site
            .incidents
            .iter()
            .find(|i| i.id.value == "long")
            .expect("long");
        let parts = macros::with_macros(&env, |state| {
            let view = views.incident(long, i18n.get("en"));
            let counts = view.card.actions.clone();
            let strings = env.strings("en").cloned().expect("strings");
            let counts = macros::Counts {
                html: &Default::default(),
                counts: &counts,
            };
            macros::parts(
                state,
                &incident_value::value(view),
                &strings,
                "/",
                "en",
                &counts,
            )
        });
        assert_eq!(
            parts.action_rows.len().is_some(),
            rendered,
            "rows: {:?}",
            parts.action_rows
        );
        for html in [&parts.action_counts_html, &parts.related_html] {
            assert!(html.as_str().is_some() && html.is_safe(), "{html:?}");
        }
        for incident in &site.incidents {
            let counts = KeptHtml::default();
            let with = macros::with_macros(&env, |state| {
                page(&env, &views, i18n, incident, (state, &counts))
            });
            let without = page(&env, &views, i18n, incident, (None, &counts));
            match (with, without) {
                (Ok((_, with)), Ok((_, without))) => {
                    assert_eq!(
                        String::from_utf8_lossy(&with),
                        String::from_utf8_lossy(&without)
                    );
                    let shown = String::from_utf8_lossy(&with).contains("act-row");
                    assert_eq!(shown, incident.id.value == "long", "{}", incident.id.value);
                }
                (Err(with), Err(without)) => {
                    assert!(macros.is_some() && incident.id.value == "long", "{with:#}");
                    assert_eq!(format!("{with:#}"), format!("{without:#}"));
                    assert!(format!("{with:#}").contains("incident.html:"), "{with:#}");
                }
                (with, without) => panic!("{}: {with:?} {without:?}", incident.id.value),
            }
        }
    }
}

/// Reports with the same action counts, in two languages, and one with other counts.
fn counted_site() -> crate::site::Site {
    let report = |id: &str, lang: &str, done: bool| {
        format!(
            "+++\nid = \"{id}\"\ntitle = \"T {id}\"\nlang = \"{lang}\"\ndate = 2025-03-01\n\n\
             [[actions]]\ntitle = \"Fix\"\nowner = \"sre\"\ndue = 2025-06-01\n\n\
             [[actions]]\ntitle = \"Watch\"\nstatus = \"{}\"\n+++\n\nBody.\n",
            if done { "done" } else { "open" }
        )
    };
    let files = [
        ("a.md", report("a", "en", true)),
        ("b.md", report("b", "en", true)),
        ("c.md", report("c", "nb", true)),
        ("d.md", report("d", "en", false)),
        ("e.md", report("e", "nb", true)),
    ];
    crate::site::testing::linked_site("title = \"Counts\"\n", &files)
}

#[test]
fn action_counts_rendered_for_one_page_are_those_of_every_page_with_its_language_and_counts() {
    let site = counted_site();
    let themed = Themed::new(None);
    let (env, i18n) = (themed.env(&site), &themed.i18n);
    let views = Views::new(&site, "/");
    // Every page with one store of counts, as a run renders them, and each with a store of its own.
    let shared = KeptHtml::default();
    let pages = macros::with_macros(&env, |mut state| {
        site.incidents
            .iter()
            .map(|incident| {
                let macros = (state.as_deref_mut(), &shared);
                page(&env, &views, i18n, incident, macros).expect("page")
            })
            .collect::<Vec<_>>()
    });
    let mut counts = BTreeMap::new();
    for (incident, (_, with_shared)) in site.incidents.iter().zip(pages) {
        let (_, alone) = macros::with_macros(&env, |state| {
            page(&env, &views, i18n, incident, (state, &Default::default())).expect("page")
        });
        let html = String::from_utf8(with_shared).expect("UTF-8");
        assert_eq!(
            html,
            String::from_utf8_lossy(&alone),
            "{}",
            incident.id.value
        );
        let shown = html
            .split("<p class=\"card-actions\">")
            .nth(1)
            .and_then(|rest| rest.split("</p>").next())
            .expect("action counts")
            .to_string();
        counts.insert(incident.id.value.clone(), shown);
    }
    assert_eq!(counts["a"], counts["b"]);
    assert_ne!(counts["a"], counts["c"], "another language");
    assert_ne!(counts["a"], counts["d"], "other counts");
}

#[test]
fn the_header_and_footer_kept_from_one_page_are_those_every_page_of_its_language_renders() {
    let site = counted_site();
    let kept = Themed::new(None);
    // The default theme with a base.html that renders its header and footer on every page.
    let mut theme = theme(None);
    let base = theme
        .files
        .get_mut("templates/base.html")
        .expect("base.html");
    let own = String::from_utf8_lossy(base)
        .replace("site_header_html is string", "false")
        .replace("site_footer_html is string", "false");
    *base = own.into_bytes();
    let rendered = Themed {
        i18n: I18n::load(&theme).expect("strings"),
        templates: environment(&theme).expect("templates"),
    };
    let pages = |themed: &Themed| {
        let (env, views) = (themed.env(&site), Views::new(&site, "/"));
        let run = KeptHtml::default();
        let pages = site
            .incidents
            .iter()
            .map(|incident| page(&env, &views, &themed.i18n, incident, (None, &run)))
            .map(|page| String::from_utf8(page.expect("page").1).expect("UTF-8"))
            .collect::<Vec<_>>();
        for lang in ["en", "nb"] {
            let frame = run.frames.get_or_render(lang.into(), || None);
            assert!(frame.is_some(), "a header and a footer kept in {lang}");
        }
        pages
    };
    let (with_kept, with_own) = (pages(&kept), pages(&rendered));
    assert!(with_kept[0].contains("<header class=\"site-header\">"));
    assert!(with_kept[0].contains("<footer class=\"site-footer\">"));
    assert_eq!(with_kept, with_own);
}

#[test]
fn a_header_that_reads_the_page_is_rendered_by_every_page_not_kept() {
    let site = counted_site();
    let mut theme = theme(None);
    let base = theme
        .files
        .get_mut("templates/base.html")
        .expect("base.html");
    let reads_title = String::from_utf8_lossy(base).replace(
        "<header class=\"site-header\">",
        "<header class=\"site-header\" data-title=\"{{ page.title }}\">",
    );
    assert_ne!(
        reads_title.as_bytes(),
        &base[..],
        "the header reads the title"
    );
    *base = reads_title.into_bytes();
    let themed = Themed {
        i18n: I18n::load(&theme).expect("strings"),
        templates: environment(&theme).expect("templates"),
    };
    let (env, views) = (themed.env(&site), Views::new(&site, "/"));
    let run = KeptHtml::default();
    for incident in &site.incidents {
        let (_, html) = page(&env, &views, &themed.i18n, incident, (None, &run)).expect("page");
        let title = format!("data-title=\"{}\"", incident.title);
        assert!(
            String::from_utf8_lossy(&html).contains(&title),
            "{} has its own header",
            incident.id.value
        );
    }
    for lang in ["en", "nb"] {
        let frame = run.frames.get_or_render(lang.into(), || None);
        assert!(frame.is_none(), "no header kept in {lang}");
    }
}
