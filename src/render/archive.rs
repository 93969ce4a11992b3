//! The archive pages: the index of every incident by year, the taxonomy pages and their terms, and
//! the 404 page.

use anyhow::Result;
use minijinja::value::Serde;
use minijinja::{Value, context};

use crate::publish::output::Output;
use crate::render::env::PageEnv;
use crate::render::i18n::Strings;
use crate::render::view::{Card, TermView, Views};
use crate::util::output_path::OutputPath;

/// Renders `index.html`, each taxonomy's `<key>/index.html` and its terms' pages, and `404.html`.
pub(crate) fn render(env: &PageEnv<'_>, t: &Strings, output: &mut Output) -> Result<()> {
    let site = env.site;
    let views = Views {
        site,
        root: env.root,
    };
    let cards: Vec<Card> = site.incidents.iter().map(|i| views.card(i, t)).collect();
    let mut years: Vec<(i16, Vec<Card>)> = Vec::new();
    for card in &cards {
        match years.last_mut() {
            Some((year, list)) if *year == card.year => list.push(card.clone()),
            _ => years.push((card.year, vec![card.clone()])),
        }
    }
    let counts = context! {
        incidents => cards.len(),
        open_actions => cards.iter().map(|c| c.actions.open).sum::<usize>(),
        overdue_actions => cards.iter().map(|c| c.actions.overdue).sum::<usize>(),
    };
    let terms_of = |key: &str| -> Vec<TermView> {
        site.taxonomies
            .iter()
            .filter(|tax| tax.key == key)
            .flat_map(|tax| views.terms(tax, t))
            .collect()
    };
    let filters = context! { years => Serde(terms_of("years")), severities => Serde(terms_of("severity")), services => Serde(terms_of("services")) };
    let years: Vec<Value> = years
        .into_iter()
        .map(|(year, incidents)| context! { year, incidents => Serde(incidents) })
        .collect();
    let home = env.page(
        "index.html",
        t,
        "index",
        &site.config.title,
        "",
        context! { incidents => Serde(&cards), years, counts, filters },
    )?;
    output.insert(OutputPath::new("index.html")?, home);

    for taxonomy in &site.taxonomies {
        let key = taxonomy.key;
        let title = t.label("taxonomy", key);
        let terms = views.terms(taxonomy, t);
        let url = format!("{key}/");
        let tax = context! { key, title => &title, url => &url, terms => Serde(&terms) };
        output.insert(
            OutputPath::new(&format!("{url}index.html"))?,
            env.page(
                "taxonomy.html",
                t,
                "taxonomy",
                &title,
                &url,
                context! { taxonomy => &tax },
            )?,
        );
        for (term, view) in taxonomy.terms.iter().zip(&terms) {
            let incidents: Vec<&Card> = term.incidents.iter().map(|&n| &cards[n]).collect();
            let page_title = format!("{} · {title}", view.name);
            let html = env.page(
                "term.html",
                t,
                "term",
                &page_title,
                &view.url,
                context! { taxonomy => &tax, term => Serde(view), incidents => Serde(incidents) },
            )?;
            output.insert(OutputPath::new(&format!("{}index.html", view.url))?, html);
        }
    }
    let missing = t.flat("not_found_title");
    output.insert(
        OutputPath::new("404.html")?,
        env.page("404.html", t, "404", &missing, "404.html", context! {})?,
    );
    Ok(())
}
