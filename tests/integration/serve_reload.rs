//! `debrief serve` reloads only what changed: after a save, each open tab's event stream is told
//! whether that tab's own page changed, and a tab whose page did not is not told to reload.

use crate::serve::{get, listening_with, next_change, next_event, retitle_cache, start, wait_for};
use crate::support::fixture;

/// The event stream of a tab showing `path`, served from build 0.
fn tab(address: &str, path: &str) -> std::io::BufReader<std::net::TcpStream> {
    let path = path.replace('/', "%2F");
    listening_with(address, &format!("since=0&path={path}"))
}

#[test]
fn only_the_tabs_whose_page_changed_are_told_to_reload() {
    let site = fixture("basic");
    let server = start(site.path(), "0");
    let mut unrelated = tab(&server.address, "/incidents/bundle/");
    let mut edited = tab(&server.address, "/incidents/cache/");
    let mut tracker = tab(&server.address, "/actions/");

    retitle_cache(site.path());
    assert_eq!(next_change(&mut edited), "event: reload");
    assert_eq!(
        next_change(&mut tracker),
        "event: reload",
        "it lists the title"
    );
    assert_eq!(
        next_event(&mut unrelated),
        "event: unchanged",
        "an incident the save did not touch"
    );

    // An action's status: the tracker changes, an unrelated incident does not.
    let file = site.path().join("content/2025/cache.md");
    let text = std::fs::read_to_string(&file).expect("read");
    std::fs::write(
        &file,
        text.replacen("status = \"in-progress\"", "status = \"done\"", 1),
    )
    .expect("save");
    assert_eq!(next_change(&mut tracker), "event: reload");
    assert_eq!(next_event(&mut unrelated), "event: unchanged");
}

#[test]
fn a_tab_from_an_older_build_reloads_when_it_connects_and_a_current_one_does_not() {
    let site = fixture("basic");
    let server = start(site.path(), "0");
    retitle_cache(site.path());
    wait_for(&server.address, "/incidents/cache/", |b| {
        b.contains("Checkout slowness")
    });
    let (_, page) = get(&server.address, "/incidents/bundle/");
    assert!(page.contains("data-build=\"1\""), "served from build 1");
    let mut stale = tab(&server.address, "/incidents/bundle/");
    assert_eq!(
        next_change(&mut stale),
        "event: reload",
        "served from build 0"
    );

    let mut current = listening_with(&server.address, "since=1&path=%2Fincidents%2Fbundle%2F");
    let mut edited = listening_with(&server.address, "since=1&path=%2Fincidents%2Fcache%2F");
    let file = site.path().join("content/2025/cache.md");
    let text = std::fs::read_to_string(&file).expect("read");
    std::fs::write(&file, text.replace("Checkout slowness", "Checkout latency")).expect("save");
    assert_eq!(next_change(&mut edited), "event: reload");
    assert_eq!(next_event(&mut current), "event: unchanged");
}

/// The path in the site of the stylesheet `page` links to.
fn stylesheet(page: &str) -> String {
    page.split("href=\"/static/style.")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .map(|name| format!("static/style.{name}"))
        .expect(page)
}

#[test]
fn a_stylesheet_only_change_is_a_swap_not_a_reload() {
    let site = fixture("basic");
    // The default theme as a folder of the site, so its stylesheet can be saved.
    let theme = crate::support::repo_root().join("themes/default");
    for file in crate::support::walkdir(&theme) {
        let rel = file.strip_prefix(&theme).expect("inside").to_string_lossy();
        let bytes = std::fs::read(&file).expect("theme file");
        site.write_bytes(&format!("themes/default/{rel}"), &bytes);
    }
    let server = start(site.path(), "0");
    let (_, page) = get(&server.address, "/incidents/bundle/");
    let old = stylesheet(&page);
    let mut tab = tab(&server.address, "/incidents/bundle/");

    let css = site.read("themes/default/static/style.css");
    site.write(
        "themes/default/static/style.css",
        &format!("{css}\n:root {{ --saved: 1; }}\n"),
    );
    assert_eq!(next_change(&mut tab), "event: styles");
    let mut data = String::new();
    std::io::BufRead::read_line(&mut tab, &mut data).expect("data");
    let (_, page) = get(&server.address, "/incidents/bundle/");
    let new = stylesheet(&page);
    assert_ne!(old, new, "the stylesheet's name follows its bytes");
    assert_eq!(data.trim_end(), format!("data: [[\"{old}\",\"{new}\"]]"));
}
