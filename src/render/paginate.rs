//! Long lists cut into pages with stable URLs: page 1 at the list's own URL, page N at `page/N/`
//! under it, never an empty page after the last item.

use std::ops::Range;

use serde::Serialize;

/// Incidents on one page of the archive index and of a taxonomy term.
pub const INCIDENTS_PER_PAGE: usize = 100;

/// Actions on one page of a tracker view.
pub const ACTIONS_PER_PAGE: usize = 250;

/// Pages on each side of the current one that get a numbered link (plus the first and the last).
const NEIGHBOURS: usize = 2;

/// One numbered link of a page navigation.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct PageLink {
    /// The page's number, from 1.
    pub number: usize,
    /// Its root-relative URL.
    pub url: String,
    /// Whether it is the page being rendered.
    pub current: bool,
}

/// Where one page sits in its list: the `pagination` a template sees (docs/templates.md).
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Pagination {
    /// This page's number, from 1.
    pub number: usize,
    /// How many pages the list has (at least 1).
    pub total: usize,
    /// Items in the whole list.
    pub items: usize,
    /// Position of this page's first item in the list, from 1 (0 for an empty list).
    pub first_item: usize,
    /// Position of this page's last item (0 for an empty list).
    pub last_item: usize,
    /// This page's root-relative URL.
    pub url: String,
    /// The list's own URL: page 1.
    pub first_url: String,
    /// The previous page, none on page 1.
    pub prev_url: Option<String>,
    /// The next page, none on the last.
    pub next_url: Option<String>,
    /// Numbered links: the first and last page and those near this one, in order; none where
    /// pages are left out between two links.
    pub links: Vec<Option<PageLink>>,
}

/// The root-relative URL of page `number` of the list at `base` (`""` for the home page, else
/// ending in `/`).
pub fn page_url(base: &str, number: usize) -> String {
    if number <= 1 {
        base.to_string()
    } else {
        format!("{base}page/{number}/")
    }
}

/// The pages of a list of `items` at `base`, `size` items each: the item range and the
/// [`Pagination`] of each page. An empty list has one (empty) page; no other page is empty.
pub fn paginate(base: &str, items: usize, size: usize) -> Vec<(Range<usize>, Pagination)> {
    let size = size.max(1);
    let total = items.div_ceil(size).max(1);
    (1..=total)
        .map(|number| {
            let range = (number - 1) * size..(number * size).min(items);
            let links = links(base, number, total);
            let pagination = Pagination {
                number,
                total,
                items,
                first_item: if range.is_empty() { 0 } else { range.start + 1 },
                last_item: range.end,
                url: page_url(base, number),
                first_url: base.to_string(),
                prev_url: (number > 1).then(|| page_url(base, number - 1)),
                next_url: (number < total).then(|| page_url(base, number + 1)),
                links,
            };
            (range, pagination)
        })
        .collect()
}

/// Links to the first and last page and to those within [`NEIGHBOURS`] of `number`, a gap (none)
/// wherever pages are skipped.
fn links(base: &str, number: usize, total: usize) -> Vec<Option<PageLink>> {
    let mut links = Vec::new();
    let mut previous = 0;
    for n in 1..=total {
        let near = n.abs_diff(number) <= NEIGHBOURS;
        if !(n == 1 || n == total || near) {
            continue;
        }
        if n > previous + 1 {
            links.push(None);
        }
        links.push(Some(PageLink {
            number: n,
            url: page_url(base, n),
            current: n == number,
        }));
        previous = n;
    }
    links
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_one_is_the_list_itself_and_later_pages_sit_under_it() {
        assert_eq!(page_url("services/db/", 1), "services/db/");
        assert_eq!(page_url("services/db/", 3), "services/db/page/3/");
        assert_eq!(page_url("", 2), "page/2/");
    }

    #[test]
    fn items_fill_pages_in_order_and_no_page_is_empty() {
        let pages = paginate("actions/", 120, 50);
        let ranges: Vec<Range<usize>> = pages.iter().map(|(r, _)| r.clone()).collect();
        assert_eq!(ranges, [0..50, 50..100, 100..120]);
        assert_eq!(
            paginate("x/", 100, 50).len(),
            2,
            "no empty page after a full one"
        );
        let (range, only) = &paginate("x/", 0, 50)[0];
        assert_eq!((range.clone(), only.total, only.first_item), (0..0, 1, 0));
        let last = &pages[2].1;
        assert_eq!((last.first_item, last.last_item), (101, 120));
        assert_eq!(last.prev_url.as_deref(), Some("actions/page/2/"));
        assert_eq!(last.next_url, None);
        assert_eq!(pages[1].1.prev_url.as_deref(), Some("actions/"));
    }

    #[test]
    fn numbered_links_keep_the_ends_and_the_neighbours() {
        let numbers = |number, total| -> Vec<usize> {
            links("", number, total)
                .iter()
                .map(|l| l.as_ref().map_or(0, |l| l.number))
                .collect()
        };
        assert_eq!(numbers(1, 1), [1]);
        assert_eq!(numbers(1, 9), [1, 2, 3, 0, 9]);
        assert_eq!(numbers(5, 9), [1, 0, 3, 4, 5, 6, 7, 0, 9]);
        assert_eq!(numbers(4, 9), [1, 2, 3, 4, 5, 6, 0, 9]);
        assert!(
            links("", 2, 3)
                .iter()
                .flatten()
                .any(|l| l.current && l.number == 2)
        );
    }
}
