//! The small archive the search tests and the client's fixture index are built from.

use crate::search::Document;

/// A document of the small archive: its id, language, date, severity and title.
pub(crate) fn doc(id: &str, lang: &str, date: &str, severity: &str, title: &str) -> Document {
    Document {
        id: id.into(),
        url: format!("incidents/{}/", id.to_lowercase()),
        title: title.into(),
        lang: lang.into(),
        date: date.into(),
        year: date[..4].parse().unwrap_or(0),
        severity: severity.into(),
        ..Document::default()
    }
}

/// Eight incidents in English and Norwegian, each there for a test of the client or the builder.
pub fn archive() -> Vec<Document> {
    let mut a = doc(
        "INC-2024-0007",
        "en",
        "2024-03-02",
        "sev1",
        "Storage outage in payments-prod-3",
    );
    a.services = vec!["storage".into(), "payments-prod-3".into()];
    a.tags = vec!["disk".into()];
    a.open_actions = 2;
    a.summary = "The storage cluster ran out of disk and payments failed for 40 minutes.".into();
    a.root_cause = "A retention job was disabled during the last migration.".into();
    a.body = "Writes to the volume stalled. Engineers moved replicas to new nodes.".into();
    a.actions = vec!["Alert on disk usage above 80 percent OPS-412".into()];
    a.tickets = vec!["OPS-412".into()];

    let mut b = doc(
        "INC-2023-0042",
        "nb",
        "2023-11-20",
        "sev2",
        "Feil i lagringssystemet",
    );
    b.services = vec!["lagring".into()];
    b.summary = "Lagringssystemet svarte tregt, og kunder fikk feilmeldinger i to timer.".into();
    b.body =
        "Vi flyttet data til nye disker. Blåbær er ikke relevant, men står her for testens skyld."
            .into();
    b.open_actions = 1;

    let mut c = doc(
        "INC-2022-0100",
        "en",
        "2022-06-01",
        "sev3",
        "Certificate expired on the API gateway",
    );
    c.services = vec!["api-gateway".into()];
    c.summary = "Clients saw TLS errors until the certificate was renewed.".into();
    c.body =
        "Several outages of this kind happened before; the storage team was not involved.".into();
    c.tickets = vec!["OPS-4120".into()];

    let mut d = doc(
        "INC-2024-0011",
        "nb",
        "2024-01-15",
        "sev2",
        "Treg innlogging",
    );
    d.services = vec!["auth".into()];
    d.summary = "Innloggingen var treg fordi lagringssystemene var overbelastet.".into();
    d.body = "Årsaken var en feilkonfigurert kø.".into();

    let mut e = doc(
        "INC-2021-0003",
        "en",
        "2021-09-09",
        "sev1",
        "Database failover during deploy",
    );
    e.services = vec!["database".into()];
    e.summary = "A deploy triggered a failover of the primary database.".into();
    e.body = "The lagringssystem dashboards showed nothing unusual.".into();

    let mut f = doc(
        "INC-2024-0020",
        "en",
        "2024-05-05",
        "sev3",
        "Kafka consumers lagging",
    );
    f.services = vec!["kafka".into(), "storage".into()];
    f.summary = "Consumers fell behind after a broker restart.".into();
    f.body = "Storage was fine. Kafka itself recovered once the broker rejoined.".into();
    f.open_actions = 3;

    let mut g = doc(
        "INC-2020-0001",
        "nb",
        "2020-02-02",
        "sev4",
        "Blåbærsyltetøy på serverrommet",
    );
    g.services = vec!["facilities".into()];
    g.summary = "Noen sølte blåbær på en server. Ingen nedetid.".into();

    let mut h = doc(
        "INC-2023-0050",
        "en",
        "2023-04-04",
        "sev2",
        "DNS resolver timeouts",
    );
    h.services = vec!["dns".into()];
    h.summary = "Resolvers timed out under load; a kafka topic was mentioned in passing.".into();
    h.body = "An outage of internal name resolution.".into();

    vec![a, b, c, d, e, f, g, h]
}

/// `n` incidents made from the archive's, each with its own id, day and a few words of its own,
/// so the index of many documents has common, medium and rare terms spread over many card blocks.
pub fn many(n: usize) -> Vec<Document> {
    let base = archive();
    (0..n)
        .map(|i| {
            let mut d = base[i % base.len()].clone();
            d.id = format!("GEN-{i:05}");
            d.url = format!("incidents/gen-{i:05}/");
            // A day each, so a word in every 41st incident lies in many card blocks.
            let year = 2000 + i / 336;
            d.date = format!("{year}-{:02}-{:02}", 1 + i / 28 % 12, 1 + i % 28);
            d.year = year as i32;
            d.title = format!("{} word{} tag{}", d.title, i % 7, i % 97);
            d.body = format!("{} unique{i} shared{} medium{}", d.body, i % 3, i % 41);
            // "paging" stems to "page" in English and stays "paging" in Norwegian: one key, two
            // terms, one first screen ranked over both: four English incidents a hundred apart
            // (documents 51 to 350, the newest first), then four Norwegian ones (450 to 754).
            if [1448, 1349, 1248, 1149, 1049, 945, 849, 745].contains(&i) {
                d.title.push_str(" paging");
            }
            d
        })
        .collect()
}
