//! The order of a site's incidents: newest day first, then latest start, then id; and the lookups
//! and taxonomies made from that order.

use proptest::prelude::*;

use super::testing::linked_site;

fn file(id: &str, date: &str, started: Option<&str>, service: &str) -> String {
    let times = started.map_or_else(String::new, |s| format!("\n[times]\nstarted = {s}\n"));
    format!(
        "+++\nid = \"{id}\"\ntitle = \"{id}\"\ndate = {date}\nservices = [\"{service}\"]\n{times}+++\n\nBody.\n"
    )
}

#[test]
fn incidents_are_ordered_by_day_then_start_then_id_whatever_the_file_order() {
    let files = [
        (
            "1.md",
            file("early", "2025-03-01", Some("2025-03-01T08:00:00Z"), "mail"),
        ),
        ("2.md", file("next-day", "2025-03-02", None, "web")),
        (
            "3.md",
            file("late-b", "2025-03-01", Some("2025-03-01T10:00:00Z"), "mail"),
        ),
        (
            "4.md",
            file("late-a", "2025-03-01", Some("2025-03-01T10:00:00Z"), "web"),
        ),
        ("5.md", file("older", "2024-12-31", None, "mail")),
    ];
    let expected = ["next-day", "late-a", "late-b", "early", "older"];
    for rotation in 0..files.len() {
        let mut shuffled = files.to_vec();
        shuffled.rotate_left(rotation);
        let site = linked_site("title = \"T\"\n", &shuffled);
        let ids: Vec<&str> = site.incidents.iter().map(|i| i.id.value.as_str()).collect();
        assert_eq!(ids, expected, "files rotated by {rotation}");
        for (n, id) in expected.iter().enumerate() {
            assert_eq!(site.by_id[*id], n, "{id} is found at its place");
        }
        let services = &site.taxonomies[0];
        assert_eq!(services.key, "services");
        let mail = services
            .terms
            .iter()
            .find(|t| t.slug == "mail")
            .expect("mail");
        assert_eq!(
            mail.incidents,
            [2, 3, 4],
            "a term's incidents, newest first"
        );
        let years = &site.taxonomies[3];
        let names: Vec<&str> = years.terms.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["2025", "2024"]);
    }
}

/// A length and some of the places below it, shuffled.
fn places() -> impl Strategy<Value = (usize, Vec<usize>)> {
    (0usize..40).prop_flat_map(|len| {
        let some = proptest::sample::subsequence((0..len).collect::<Vec<_>>(), 0..=len);
        (Just(len), some.prop_shuffle())
    })
}

proptest! {
    #[test]
    fn taking_any_places_in_any_order_gives_the_values_at_them((len, order) in places()) {
        let values: Vec<u32> = (0..len as u32).map(|n| n * 7).collect();
        let expected: Vec<u32> = order.iter().map(|&n| values[n]).collect();
        prop_assert_eq!(super::take(values, &order), expected);
    }
}
