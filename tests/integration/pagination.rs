//! Long lists cut into pages: the archive index, a term page and the tracker views on a generated
//! archive of small incidents. Page 1 is the list's own URL and page N is `page/N/` under it; each
//! page holds the right items in order, links to its neighbours in the head and on the page, says
//! which page it is, and the last page is never empty. The build is the same on one thread or many.

use std::collections::BTreeMap;

use crate::support::{Site, walkdir};

const NOW: &str = "2026-01-01";
/// Incidents on a page of the index and of a term (`INCIDENTS_PER_PAGE`).
const INCIDENTS: usize = 100;
/// Actions on a page of a tracker view (`ACTIONS_PER_PAGE`).
const ACTIONS: usize = 250;

/// Incident `n` (1 = oldest): dated `n` days into 2020, on service `db`, with one open action
/// (`Fix NNN`, owned by `team`, due ten days after the incident: older ones are more overdue) and
/// one done action.
fn incident(n: usize) -> (String, String) {
    let date = jiff::civil::date(2020, 1, 1) + jiff::Span::new().days(i64::try_from(n).unwrap());
    let due = date + jiff::Span::new().days(10);
    let text = format!(
        "+++\ntitle = \"Incident {n:03}\"\ndate = {date}\nservices = [\"db\"]\n\n\
         [[actions]]\ntitle = \"Fix {n:03}\"\nowner = \"team\"\ndue = {due}\n\n\
         [[actions]]\ntitle = \"Done {n:03}\"\nowner = \"team\"\nstatus = \"done\"\ncompleted = {due}\n+++\nBody.\n"
    );
    (format!("content/inc-{n:03}.md"), text)
}

/// A site of incidents 1..=`count`, built.
fn archive(count: usize) -> Site {
    let site = Site::new(&[]);
    add(&site, 1..=count);
    build(&site);
    site
}

fn add(site: &Site, range: std::ops::RangeInclusive<usize>) {
    for n in range {
        let (path, text) = incident(n);
        site.write(&path, &text);
    }
}

fn build(site: &Site) {
    let (code, _, stderr) = site.run(&["build", "--now", NOW]);
    assert_eq!(code, 0, "{stderr}");
}

/// Every `<prefix>NNN` on `page`, in order.
fn numbers(page: &str, prefix: &str) -> Vec<usize> {
    page.match_indices(prefix)
        .filter_map(|(at, _)| page.get(at + prefix.len()..at + prefix.len() + 3))
        .filter_map(|digits| digits.parse().ok())
        .collect()
}

/// The pages of the list at `base` (`""` for the home page): each page's file as read, page 1 first.
fn pages(site: &Site, base: &str) -> Vec<String> {
    let mut pages = vec![site.read(&format!("public/{base}index.html"))];
    while site
        .path()
        .join(format!("public/{base}page/{}/index.html", pages.len() + 1))
        .is_file()
    {
        pages.push(site.read(&format!("public/{base}page/{}/index.html", pages.len() + 1)));
    }
    pages
}

/// `href` of `<link rel="{rel}">` in the head, if any.
fn link(page: &str, rel: &str) -> Option<String> {
    let head = &page[..page.find("</head>").expect("a head")];
    let tag = format!("<link rel=\"{rel}\" href=\"");
    let at = head.find(&tag)? + tag.len();
    Some(head[at..at + head[at..].find('"').expect("closed")].to_string())
}

#[test]
fn the_index_pages_hold_the_incidents_newest_first_and_link_to_each_other() {
    let site = archive(250);
    let pages = pages(&site, "");
    assert_eq!(pages.len(), 3, "100 + 100 + 50, no empty page");
    let newest_first: Vec<usize> = (1..=250).rev().collect();
    for (i, page) in pages.iter().enumerate() {
        let expected = &newest_first[i * INCIDENTS..((i + 1) * INCIDENTS).min(250)];
        assert_eq!(numbers(page, ">Incident "), expected, "page {}", i + 1);
    }
    let (first, middle, last) = (&pages[0], &pages[1], &pages[2]);
    assert_eq!(link(first, "prev"), None);
    assert_eq!(link(first, "next").as_deref(), Some("/page/2/"));
    assert_eq!(link(middle, "prev").as_deref(), Some("/"));
    assert_eq!(link(middle, "next").as_deref(), Some("/page/3/"));
    assert_eq!(link(last, "prev").as_deref(), Some("/page/2/"));
    assert_eq!(link(last, "next"), None);
    assert!(middle.contains("<title>Page 2 of 3 · Test archive</title>"));
    assert!(middle.contains("<p class=\"pager-status\">Page 2 of 3</p>"));
    assert!(middle.contains("<a class=\"pager-step\" rel=\"prev\" href=\"/\">"));
    assert!(middle.contains("<a class=\"pager-step\" rel=\"next\" href=\"/page/3/\">"));
    assert!(
        middle.contains("<a class=\"pager-number\" href=\"/page/2/\" aria-current=\"page\">2</a>")
    );
    assert!(first.contains("Page 1 of 3") && !first.contains("rel=\"prev\""));
    assert!(
        !site.path().join("public/page/1").exists(),
        "page 1 is the index itself"
    );
    assert_eq!(
        middle.matches("id=\"year-").count(),
        1,
        "one section per year on a page"
    );
    assert!(
        middle.contains("<span class=\"year-count\">250 incidents</span>"),
        "the year's count, not the page's"
    );
}

#[test]
fn a_full_last_page_is_not_followed_by_an_empty_one() {
    let site = archive(200);
    assert_eq!(pages(&site, "").len(), 2);
    assert_eq!(pages(&site, "services/db/").len(), 2);
    assert!(!site.path().join("public/page/3").exists());
    let single = archive(3);
    let only = &pages(&single, "")[0];
    assert!(!only.contains("class=\"pager\"") && link(only, "next").is_none());
    assert!(!only.contains("Page 1 of 1"));
}

#[test]
fn term_pages_are_paginated_under_the_terms_url() {
    let site = archive(250);
    let pages = pages(&site, "services/db/");
    assert_eq!(pages.len(), 3);
    assert_eq!(
        numbers(&pages[1], ">Incident "),
        (51..=150).rev().collect::<Vec<_>>()
    );
    assert_eq!(link(&pages[1], "prev").as_deref(), Some("/services/db/"));
    assert_eq!(
        link(&pages[1], "next").as_deref(),
        Some("/services/db/page/3/")
    );
    assert!(
        pages[2].contains("250 incidents · Page 3 of 3"),
        "the count is the term's"
    );
}

#[test]
fn tracker_views_list_their_open_actions_on_pages_and_closed_ones_once() {
    let site = archive(260);
    let all = pages(&site, "actions/");
    assert_eq!(all.len(), 2, "260 open actions: 250 + 10");
    let most_overdue_first: Vec<usize> = (1..=260).collect();
    assert_eq!(numbers(&all[0], ">Fix "), most_overdue_first[..ACTIONS]);
    assert_eq!(numbers(&all[1], ">Fix "), most_overdue_first[ACTIONS..]);
    assert!(
        all.iter().all(|p| numbers(p, ">Done ").is_empty()),
        "closed ones are not repeated"
    );
    assert_eq!(link(&all[1], "prev").as_deref(), Some("/actions/"));
    assert!(all[1].contains("Page 2 of 2"));
    let owner = pages(&site, "actions/owners/team/");
    assert_eq!(owner.len(), 2);
    assert_eq!(numbers(&owner[1], ">Fix "), most_overdue_first[ACTIONS..]);
    assert!(
        owner[0].contains("its 260 closed ones"),
        "the closed ones are linked"
    );
    let done = pages(&site, "actions/status/done/");
    assert_eq!(done.len(), 2);
    let listed: usize = done.iter().map(|p| numbers(p, ">Done ").len()).sum();
    assert_eq!(listed, 260, "every closed action once, in its status view");
}

#[test]
fn adding_a_newest_incident_keeps_every_page_at_its_url() {
    let site = archive(240);
    let before = page_urls(&site);
    add(&site, 241..=241);
    build(&site);
    assert_eq!(
        page_urls(&site),
        before,
        "the same number of pages, the same URLs"
    );
    let index = pages(&site, "");
    assert_eq!(
        numbers(&index[0], ">Incident ")[0],
        241,
        "the newest on page 1"
    );
    add(&site, 242..=301);
    build(&site);
    let after = page_urls(&site);
    assert!(
        before.iter().all(|url| after.contains(url)),
        "no page moved"
    );
    assert!(after.contains(&"page/4/".to_string()), "{after:?}");
}

/// Every `…/page/N/` folder of the build, plus the lists they belong to.
fn page_urls(site: &Site) -> Vec<String> {
    let root = site.path().join("public");
    let mut urls: Vec<String> = walkdir(&root)
        .iter()
        .map(|p| {
            p.strip_prefix(&root)
                .expect("inside")
                .to_string_lossy()
                .replace('\\', "/")
        })
        .filter(|p| p.contains("page/"))
        .map(|p| p[..p.len() - "index.html".len()].to_string())
        .collect();
    urls.sort();
    urls
}

#[test]
fn pages_say_which_page_they_are_in_norwegian_too() {
    let site = archive(150);
    let config = std::fs::read_to_string(site.path().join("debrief.toml")).expect("config");
    site.write(
        "debrief.toml",
        &config.replace("language = \"en\"", "language = \"nb\""),
    );
    build(&site);
    let second = site.read("public/page/2/index.html");
    assert!(
        second.contains("<p class=\"pager-status\">Side 2 av 2</p>"),
        "{second}"
    );
    assert!(second.contains("Forrige side"));
}

#[test]
fn a_build_on_one_thread_writes_the_same_bytes_as_one_on_many() {
    let site = Site::new(&[]);
    add(&site, 1..=120);
    let read_all = |site: &Site| -> BTreeMap<String, Vec<u8>> {
        let root = site.path().join("public");
        walkdir(&root)
            .into_iter()
            .map(|p| {
                let rel = p
                    .strip_prefix(&root)
                    .expect("inside")
                    .to_string_lossy()
                    .into_owned();
                (rel, std::fs::read(&p).expect("read"))
            })
            .collect()
    };
    let build_on = |threads: &str| {
        let output = site
            .debrief(&["build", "--now", NOW])
            .env("RAYON_NUM_THREADS", threads)
            .output()
            .expect("run");
        assert!(output.status.success(), "{output:?}");
        read_all(&site)
    };
    let many = build_on("4");
    let one = build_on("1");
    assert_eq!(
        many.keys().collect::<Vec<_>>(),
        one.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &many {
        assert!(
            one[path] == *bytes,
            "{path} differs between 1 and many threads"
        );
    }
    assert!(many.len() > 150, "{} files", many.len());
}
