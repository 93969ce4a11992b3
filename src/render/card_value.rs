//! An incident's card as the archive's list pages see it: the map serde makes of a [`Card`], each
//! value made only when a template first asks for it. A card is read by one macro call or two, and
//! a lookup by name here costs a match where serde's map makes a key and compares it with others.

use minijinja::Value;
use minijinja::value::Serde;

use crate::render::lazy_map::{LazyMap, lazy_fields};
use crate::render::view::Card;

lazy_fields! { Card, c;
    0 "id" => Value::from(c.id.as_str()),
    1 "slug" => Value::from(c.slug.as_str()),
    2 "url" => Value::from(c.url.as_str()),
    3 "title" => Value::from(c.title.as_str()),
    4 "summary_html" => Value::from(Serde(&c.summary_html)),
    5 "severity" => Value::from(Serde(&c.severity)),
    6 "status" => Value::from(c.status),
    7 "visibility" => Value::from(c.visibility),
    8 "lang" => Value::from(c.lang.as_str()),
    9 "date" => Value::from(Serde(&c.date)),
    10 "year" => Value::from(Serde(&c.year)),
    11 "started" => Value::from(Serde(&c.started)),
    12 "resolved" => Value::from(Serde(&c.resolved)),
    13 "duration" => Value::from(Serde(&c.duration)),
    14 "services" => Value::from(Serde(&c.services)),
    15 "tags" => Value::from(Serde(&c.tags)),
    16 "actions" => Value::from(Serde(&c.actions)),
    17 "extra" => Value::from(Serde(&c.extra)),
}

/// `card` for templates.
pub fn value(card: Card) -> Value {
    LazyMap::value(card)
}

#[cfg(test)]
mod tests {
    use minijinja::Value;
    use minijinja::value::Serde;

    use crate::render::i18n::I18n;
    use crate::render::lazy_map::Fields;
    use crate::render::theme::Theme;
    use crate::render::view::{Card, Views};
    use crate::site;

    /// A card with every part set, and one with almost none.
    const FULL: &str = "+++\nid = \"full\"\ntitle = \"Mail <down>\"\nsummary = \"Short.\"\nseverity = \"sev2\"\n\
        status = \"review\"\nservices = [\"mail\", \"dns\"]\ntags = [\"disk\"]\n\n[times]\n\
        started = 2025-03-02T10:00:00Z\nresolved = 2025-03-03T12:00:00Z\n\n[extra]\nkeywords = [\"a\", \"b\"]\n\n\
        [[actions]]\ntitle = \"Fix it\"\nowner = \"sre\"\ndue = 2025-06-01\n+++\n\nBody.\n";
    const BARE: &str = "+++\nid = \"bare\"\ntitle = \"Bare\"\ndate = 2025-03-01\n+++\n\nBody.\n";

    #[test]
    fn templates_see_a_card_as_serde_would_show_it() {
        let site = site::testing::linked_site(
            "title = \"Cards\"\n",
            &[("full.md", FULL), ("bare.md", BARE)],
        );
        assert_eq!(site.incidents.len(), 2);
        let i18n = I18n::load(&Theme::embedded()).expect("strings");
        let views = Views::new(&site, "/");
        let mut env = minijinja::Environment::new();
        env.set_undefined_behavior(minijinja::UndefinedBehavior::Chainable);
        let page = "{{ c|tojson }}|{% for k, v in c|items %}{{ k }}={{ v }};{% endfor %}|\
                    {{ c|length }}|{{ c.title }}{{ c['url'] }}{{ c.severity.label }}{{ c.year + 1 }}|\
                    {{ c.missing is defined }}{{ c[1] is defined }}{{ c.services[1].name }}{{ c.extra.keywords[1] }}";
        let render = |c: Value| {
            env.render_str(page, minijinja::context! { c })
                .expect("renders")
        };
        let mut seen = String::new();
        for incident in &site.incidents {
            let card = views.card(incident, i18n.get("en"));
            let expected = render(Value::from(Serde(&card)));
            assert_eq!(render(super::value(card)), expected);
            seen.push_str(&expected);
        }
        for shown in ["Mail <down>", "dns", "keywords", "Short.", "Bare", "2026"] {
            assert!(seen.contains(shown), "{shown} in {seen}");
        }
    }

    #[test]
    fn each_key_of_a_card_is_found_at_its_place() {
        for (n, key) in Card::KEYS.iter().enumerate() {
            assert_eq!(Card::index(key), Some(n), "{key}");
            assert_eq!(Card::index(&format!("{key}s")), None, "{key}");
        }
    }
}
