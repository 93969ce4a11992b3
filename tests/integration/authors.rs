//! The `authors` front-matter key: read from TOML and YAML, shown in the incident page's facts
//! (singular for one), in `incidents.json` and the Atom feed; `author` from other tools is
//! refused with the rename that reads it.

use crate::support::{Site, main_of};

const NOW: &str = "2025-07-15";

/// A YAML report with `key: value` in its front matter.
fn yaml_report(key: &str, value: &str) -> String {
    format!("---\ntitle: Mail queue stalls\ndate: 2025-03-01\n{key}: {value}\n---\nBody.\n")
}

/// The facts row of the incident page of `slug`, from its `<dt>` to its `</dd>`.
fn authors_fact(site: &Site, slug: &str) -> Option<String> {
    let page = site.read(&format!("public/incidents/{slug}/index.html"));
    let main = main_of(&page);
    let start = main.find("<div class=\"fact\"><dt>Author")?;
    let end = main[start..].find("</div>")? + start;
    Some(main[start..end].to_string())
}

#[test]
fn authors_are_shown_in_the_page_facts_the_json_and_the_feed() {
    let site = Site::new(&[
        (
            "content/mail.md",
            "+++\ntitle = \"Mail queue stalls\"\ndate = 2025-03-01\nauthors = [\"Ada <Ops>\", \" \", \"Bo\"]\n+++\nBody.\n",
        ),
        ("content/dns.md", &yaml_report("authors", "Jane")),
        ("content/web.md", &yaml_report("authors", "\"\"")),
    ]);
    let (code, _, stderr) = site.run(&["build", "--now", NOW]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        authors_fact(&site, "mail").as_deref(),
        Some("<div class=\"fact\"><dt>Authors</dt><dd>Ada &lt;Ops&gt;, Bo</dd>")
    );
    assert_eq!(
        authors_fact(&site, "dns").as_deref(),
        Some("<div class=\"fact\"><dt>Author</dt><dd>Jane</dd>")
    );
    assert_eq!(
        authors_fact(&site, "web"),
        None,
        "an empty string is no author"
    );
    let json: serde_json::Value =
        serde_json::from_str(&site.read("public/incidents.json")).expect("json");
    let authors: Vec<_> = json["incidents"]
        .as_array()
        .expect("incidents")
        .iter()
        .map(|i| (i["slug"].as_str().unwrap(), i["authors"].clone()))
        .collect();
    assert!(
        authors.contains(&("mail", serde_json::json!(["Ada <Ops>", "Bo"])))
            && authors.contains(&("web", serde_json::json!([]))),
        "{authors:?}"
    );
    let feed = site.read("public/feed.xml");
    assert!(
        feed.contains(
            "<author><name>Ada &lt;Ops&gt;</name></author>\n    <author><name>Bo</name></author>"
        ),
        "{feed}"
    );
}

#[test]
fn the_label_is_in_the_pages_language() {
    let site = Site::new(&[(
        "content/lagring.md",
        "+++\ntitle = \"Treg lagring\"\ndate = 2025-03-01\nlang = \"nb\"\nauthors = [\"Kari\", \"Ola\"]\n+++\nTekst.\n",
    )]);
    site.debrief(&["build", "--now", NOW]).assert().success();
    let page = site.read("public/incidents/lagring/index.html");
    assert!(
        main_of(&page).contains("<dt>Forfattere</dt><dd>Kari, Ola</dd>"),
        "{page}"
    );
}

#[test]
fn author_from_another_tool_is_refused_with_the_rename_and_builds_with_it() {
    let site = Site::new(&[("content/dns.md", &yaml_report("author", "Jane"))]);
    let (code, _, stderr) = site.run(&["check"]);
    assert_eq!(code, 1, "{stderr}");
    assert!(
        stderr.contains("dns.md:4:1")
            && stderr.contains("unknown key `author` in front matter")
            && stderr.contains(
                "debrief calls this `authors`: to read it so, add `author = \"authors\"` under `[front_matter.rename]` in debrief.toml"
            ),
        "{stderr}"
    );
    let config = format!(
        "{}[front_matter.rename]\nauthor = \"authors\"\n",
        crate::support::CONFIG
    );
    site.write("debrief.toml", &config);
    let (code, _, stderr) = site.run(&["build", "--now", NOW]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(
        authors_fact(&site, "dns").as_deref(),
        Some("<div class=\"fact\"><dt>Author</dt><dd>Jane</dd>")
    );
}
