//! The tracker's rows as positions, kept between incremental rebuilds: sorting every action and
//! slugging every owner and service takes long on a large archive, and a save that changes no
//! action leaves the list as it was, so its rows are made again from these positions.

use super::Row;
use crate::site::Site;

/// One row of [`super::rows`]: its incident's index in the site, its action's index in the
/// incident, and its slugs.
#[derive(Clone, Debug, PartialEq, Eq)]
struct Place {
    incident: usize,
    action: usize,
    owner_slug: Option<String>,
    service_slugs: Vec<String>,
}

/// The rows of a site in their order, without references into it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Order(Vec<Place>);

impl Order {
    /// The positions of `rows`, the rows of `site`.
    pub fn of(site: &Site, rows: &[Row<'_>]) -> Order {
        Order(
            rows.iter()
                .map(|row| {
                    let incident = site.by_id[&row.incident.id.value];
                    let action = row
                        .incident
                        .actions
                        .iter()
                        .position(|a| std::ptr::eq(a, row.action))
                        .expect("a row's action is one of its incident's");
                    Place {
                        incident,
                        action,
                        owner_slug: row.owner_slug.clone(),
                        service_slugs: row.service_slugs.clone(),
                    }
                })
                .collect(),
        )
    }

    /// The rows of `site` at these positions. Equal to [`super::rows`] when `site` has the same
    /// incidents, in the same order, with the same ids, dates, services and actions as the site the
    /// order was taken from, and the same `now` (overdue days are counted again).
    pub fn rows<'a>(&self, site: &'a Site) -> Vec<Row<'a>> {
        self.0
            .iter()
            .map(|place| {
                let incident = &site.incidents[place.incident];
                let action = &incident.actions[place.action];
                Row {
                    incident,
                    action,
                    title_html: &incident.actions_html[place.action],
                    days_overdue: action.days_overdue(site.now),
                    owner_slug: place.owner_slug.clone(),
                    service_slugs: place.service_slugs.clone(),
                }
            })
            .collect()
    }
}
