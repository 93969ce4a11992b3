//! Nothing a writer wrote disappears: every word of every markdown-only report in
//! `tests/fixtures/wiki-archive/` is on its built page, its links and footnotes work, and its actions
//! keep the status the archive gives them.

use std::collections::BTreeMap;
use std::path::Path;

use pulldown_cmark::{Event, LinkType, Options, Parser, Tag, TagEnd};

use crate::support::{fixture, repo_root, walkdir};

/// The fixture archive, written like an export of a company wiki.
const ARCHIVE: &str = "wiki-archive";

/// The words of a text: runs of letters and runs of digits, lowercased, counted.
fn words(text: &str) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    let mut word = String::new();
    let mut flush = |word: &mut String| {
        if !word.is_empty() {
            *counts.entry(std::mem::take(word)).or_insert(0) += 1;
        }
    };
    for c in text.chars() {
        let same_kind = word
            .chars()
            .last()
            .is_none_or(|last| last.is_ascii_digit() == c.is_ascii_digit());
        if c.is_alphanumeric() && same_kind {
            word.extend(c.to_lowercase());
        } else {
            flush(&mut word);
            if c.is_alphanumeric() {
                word.extend(c.to_lowercase());
            }
        }
    }
    flush(&mut word);
    counts
}

/// What a markdown file says to a reader: the text of its text and code events, markup left out.
///
/// The header row of the Timeline table only names its columns, which the page labels in its own
/// words, so it is left out.
fn source_text(markdown: &str) -> String {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES;
    let mut text = String::new();
    let mut heading = String::new();
    let mut in_heading = false;
    let mut section = String::new();
    let mut in_table_head = false;
    for event in Parser::new_ext(markdown, options) {
        match event {
            Event::Start(Tag::Heading { .. }) => {
                in_heading = true;
                heading.clear();
            }
            Event::End(TagEnd::Heading(level)) => {
                in_heading = false;
                if level <= pulldown_cmark::HeadingLevel::H2 {
                    section = heading.trim().to_lowercase();
                }
            }
            Event::Start(Tag::TableHead) => in_table_head = true,
            Event::End(TagEnd::TableHead) => in_table_head = false,
            Event::Text(t) | Event::Code(t) => {
                if in_heading {
                    heading.push_str(&t);
                }
                if !(in_table_head && is_timeline(&section)) {
                    text.push_str(&t);
                    text.push(' ');
                }
            }
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text
}

/// Whether a section heading (lowercased) is one that fills the timeline, in either language.
fn is_timeline(heading: &str) -> bool {
    debrief::model::field::Field::Timeline
        .builtin_aliases()
        .any(|alias| alias.to_lowercase() == heading)
}

/// The text a reader sees on a page: the HTML without its tags, comments, scripts and styles,
/// with entities decoded. The machine-readable time of a `<time>` element counts as its text.
fn page_text(html: &str) -> String {
    let mut text = String::new();
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        text.push(' ');
        rest = &rest[open..];
        for (start, end) in [
            ("<!--", "-->"),
            ("<script", "</script>"),
            ("<style", "</style>"),
        ] {
            if rest.starts_with(start) {
                let close = rest.find(end).map_or(rest.len(), |at| at + end.len());
                rest = &rest[close..];
            }
        }
        let Some(close) = rest.find('>') else { break };
        let tag = &rest[..close];
        if let Some(at) = tag.find("datetime=\"") {
            let value = &tag[at + "datetime=\"".len()..];
            text.push_str(&value[..value.find('"').unwrap_or(value.len())]);
            text.push(' ');
        }
        rest = &rest[close + 1..];
    }
    text.push_str(rest);
    debrief::util::html_text::decode(&text)
}

/// The words of `source` that `page` does not hold as often, with how many are missing.
fn lost_words(source: &str, page: &str) -> Vec<(String, usize)> {
    let on_page = words(page);
    words(source)
        .into_iter()
        .filter_map(|(word, n)| {
            let shown = on_page.get(&word).copied().unwrap_or(0);
            (shown < n).then(|| (word, n - shown))
        })
        .collect()
}

/// The reports of the fixture archive, as (path relative to the repository, text).
fn reports() -> Vec<(String, String)> {
    let root = repo_root();
    let mut files: Vec<_> = walkdir(&root.join("tests/fixtures").join(ARCHIVE))
        .into_iter()
        .filter(|path| path.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    files
        .into_iter()
        .map(|path| {
            let rel = path.strip_prefix(&root).expect("inside the repository");
            let text = std::fs::read_to_string(&path).expect("read report");
            (rel.display().to_string(), text)
        })
        .collect()
}

/// The built page of a report: `public/incidents/<slug>/index.html`, the slug made from its file
/// name, or its folder's name for a bundle's `index.md`.
fn page_of(site: &crate::support::Site, report: &str) -> String {
    let path = Path::new(report);
    let stem = path.file_stem().expect("file name").to_string_lossy();
    let name = if stem == "index" {
        let folder = path
            .parent()
            .and_then(Path::file_name)
            .expect("bundle folder");
        folder.to_string_lossy()
    } else {
        stem
    };
    let slug = debrief::util::slug::slugify(&name);
    site.read(&format!("public/incidents/{slug}/index.html"))
}

/// The fixture archive, built.
fn built() -> crate::support::Site {
    let site = fixture(ARCHIVE);
    let (code, _, stderr) = site.run(&["build", "--now", "2020-06-01"]);
    assert_eq!(code, 0, "the wiki archive does not build:\n{stderr}");
    site
}

#[test]
fn every_word_of_every_report_is_on_its_page() {
    let site = built();
    let reports = reports();
    assert!(reports.len() >= 8, "the fixture archive has its reports");
    let mut failures = Vec::new();
    for (path, markdown) in &reports {
        let page = page_of(&site, path);
        let lost = lost_words(
            &source_text(markdown),
            &page_text(crate::support::main_of(&page)),
        );
        if !lost.is_empty() {
            let list: Vec<String> = lost
                .iter()
                .map(|(word, n)| {
                    if *n == 1 {
                        word.clone()
                    } else {
                        format!("{word} ×{n}")
                    }
                })
                .collect();
            failures.push(format!("{path}: {} lost: {}", lost.len(), list.join(", ")));
        }
    }
    assert!(
        failures.is_empty(),
        "words written in a report are missing from its page:\n{}",
        failures.join("\n")
    );
}

#[test]
fn reference_links_and_footnotes_resolve_on_every_page() {
    let site = built();
    let mut failures = Vec::new();
    for (path, markdown) in &reports() {
        let page = page_of(&site, path);
        let main = crate::support::main_of(&page);
        let text = page_text(main);
        for leftover in ["][", "[^"] {
            if text.contains(leftover) {
                failures.push(format!("{path}: `{leftover}` is shown as text"));
            }
        }
        for (event, _) in Parser::new_ext(markdown, Options::ENABLE_FOOTNOTES).into_offset_iter() {
            match event {
                Event::Start(Tag::Link {
                    link_type: LinkType::Reference | LinkType::Collapsed | LinkType::Shortcut,
                    dest_url,
                    ..
                }) if !main.contains(&format!("href=\"{dest_url}\"")) => {
                    failures.push(format!(
                        "{path}: the reference link to {dest_url} is not a link"
                    ));
                }
                Event::FootnoteReference(label) => {
                    let ids = main.matches(&format!("id=\"{label}\"")).count();
                    if ids != 1 {
                        failures.push(format!("{path}: footnote `{label}` is shown {ids} times"));
                    }
                    if !main.contains(&format!("href=\"#{label}\"")) {
                        failures.push(format!("{path}: no link goes to footnote `{label}`"));
                    }
                }
                _ => {}
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn the_word_counter_sees_a_lost_word() {
    let lost = lost_words(
        &source_text("# Title\n\nWe learned *two* things.\n"),
        &page_text("<h1>Title</h1><p>We learned things &amp; more.</p>"),
    );
    assert_eq!(lost, vec![("two".to_string(), 1)]);
    assert_eq!(
        lost_words(
            "due 2019-03-14",
            &page_text("<time datetime=\"2019-03-14\">14 March</time>")
        ),
        vec![("due".to_string(), 1)]
    );
}

#[test]
fn footnote_markers_on_tracker_pages_lead_to_the_incident_page() {
    let site = built();
    let mut markers = 0;
    for page in walkdir(&site.path().join("public/actions")) {
        if page.extension().is_none_or(|e| e != "html") {
            continue;
        }
        let html = std::fs::read_to_string(&page).expect("tracker page");
        const MARKER: &str = "<sup class=\"footnote-reference\"><a href=\"";
        for (at, _) in html.match_indices(MARKER) {
            let href = &html[at + MARKER.len()..];
            let href = &href[..href.find('"').expect("end of href")];
            assert!(
                href.contains("incidents/") && href.contains("/#"),
                "{}: a footnote marker links to {href}, which is not on this page",
                page.display()
            );
            markers += 1;
        }
    }
    assert!(
        markers > 0,
        "the fixture has a footnote in an action's notes"
    );
}
