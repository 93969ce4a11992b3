//! Synthetic post-mortems for the search benchmark: English and Norwegian text with a Zipf-shaped
//! vocabulary, inflections, bursty topic words, stopwords, ids, ticket keys and services.

use debrief::search::Document;

/// A small deterministic random source (xorshift64*), so every run measures the same archive.
pub struct Rng(u64);

impl Rng {
    /// A generator from a seed.
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }

    /// The next 64 random bits.
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// A float in `[0, 1)`.
    pub fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }
}

const EN_CORE: &str = "storage outage database latency replica failover certificate expired deploy \
rollback cache queue timeout memory disk network packet loss dns resolver load balancer error rate \
customer payment checkout login token session cluster node pod kubernetes container restart alert \
pager monitoring dashboard metric threshold capacity traffic spike incident engineer config change \
migration schema index query lock deadlock connection pool exhausted upstream dependency vendor \
region zone backup restore snapshot corruption permission firewall rule proxy gateway api webhook";
const NB_CORE: &str = "lagringssystem nedetid database treghet kunde betaling innlogging feil varsel \
overvåking kapasitet trafikk endring utrulling tilbakerulling sertifikat nettverk tjeneste kø \
minne disk brannmur sikkerhetskopi gjenoppretting påvirkning årsak løsning tiltak måling hendelse \
vakt bruker tilgang oppgradering migrering ytelse forsinkelse lastbalanserer navnetjener ødelagt";
const EN_STOP: &str = "the a of to and in is was on for that with as by at from it this be were";
const NB_STOP: &str = "og i det er som på en til av for med at den de ikke var har så etter";
const SYLLABLES: &[&str] = &[
    "ka", "ro", "mi", "te", "sa", "lo", "ven", "dar", "pel", "ni", "tor", "gu", "bre", "fa", "ly",
    "sk", "mo", "re", "an", "ti", "ul", "ber", "ste", "gr", "ø", "å", "æ", "in", "ek", "ar",
];
// Inflections, the bare form most often (as in running text).
const EN_SUFFIX: &[&str] = &["", "", "", "", "", "s", "s", "ed", "ing"];
const NB_SUFFIX: &[&str] = &["", "", "", "", "en", "en", "et", "er", "ene"];

/// The word lists the generator draws from.
pub struct Lexicon {
    en: Vec<String>,
    nb: Vec<String>,
    services: Vec<String>,
    tags: Vec<String>,
}

fn synthetic(rng: &mut Rng, count: usize, norwegian: bool) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    let mut out = Vec::new();
    while out.len() < count {
        let n = 2 + rng.below(3);
        let mut w = String::new();
        for _ in 0..n {
            let s = SYLLABLES[rng.below(SYLLABLES.len())];
            if !norwegian && !s.is_ascii() {
                w.push('o');
            } else {
                w.push_str(s);
            }
        }
        if seen.insert(w.clone()) {
            out.push(w);
        }
    }
    out
}

impl Lexicon {
    /// Core incident words first (the most frequent ranks), then a long synthetic tail.
    pub fn new(rng: &mut Rng) -> Self {
        let mut en: Vec<String> = EN_CORE.split_whitespace().map(String::from).collect();
        en.extend(synthetic(rng, 30_000, false));
        let mut nb: Vec<String> = NB_CORE.split_whitespace().map(String::from).collect();
        nb.extend(synthetic(rng, 20_000, true));
        let services = (0..40)
            .map(|i| {
                format!(
                    "{}-{}",
                    ["payments", "auth", "storage", "edge", "search"][i % 5],
                    ["prod", "eu", "us", "batch", "api", "web", "db", "cache"][i / 5]
                )
            })
            .collect();
        let tags = (0..60).map(|i| format!("tag{i}")).collect();
        Lexicon {
            en,
            nb,
            services,
            tags,
        }
    }
}

fn zipf(rng: &mut Rng, n: usize) -> usize {
    // Inverse transform of a continuous 1/x law over [1, n]: rank = n^u.
    let r = (n as f64).powf(rng.unit()) as usize;
    r.saturating_sub(1).min(n - 1)
}

fn sentence(rng: &mut Rng, lex: &Lexicon, nb: bool, topic: &[usize], words: usize) -> String {
    let (list, stop, suffix) = if nb {
        (&lex.nb, NB_STOP, NB_SUFFIX)
    } else {
        (&lex.en, EN_STOP, EN_SUFFIX)
    };
    let stops: Vec<&str> = stop.split_whitespace().collect();
    let mut out = Vec::with_capacity(words);
    for _ in 0..words {
        let r = rng.unit();
        if r < 0.45 {
            out.push(stops[rng.below(stops.len())].to_string());
        } else {
            let i = if r < 0.58 {
                topic[rng.below(topic.len())]
            } else {
                zipf(rng, list.len())
            };
            out.push(format!("{}{}", list[i], suffix[rng.below(suffix.len())]));
        }
    }
    let mut s = out.join(" ");
    if let Some(first) = s.get(..1) {
        s.replace_range(..1, &first.to_uppercase());
    }
    s + "."
}

fn paragraph(rng: &mut Rng, lex: &Lexicon, nb: bool, topic: &[usize], words: usize) -> String {
    let mut left = words;
    let mut out = Vec::new();
    while left > 0 {
        let n = (8 + rng.below(14)).min(left);
        out.push(sentence(rng, lex, nb, topic, n));
        left -= n;
    }
    out.join(" ")
}

/// The `i`-th synthetic incident.
pub fn document(i: usize, rng: &mut Rng, lex: &Lexicon) -> Document {
    let nb = rng.below(10) < 3;
    let list_len = if nb { lex.nb.len() } else { lex.en.len() };
    let topic: Vec<usize> = (0..12).map(|_| zipf(rng, list_len.min(4000))).collect();
    let year = 2015 + (i % 11) as i32;
    let date = format!("{year}-{:02}-{:02}", 1 + rng.below(12), 1 + rng.below(28));
    let words = 600 + rng.below(901);
    let services: Vec<String> = (0..1 + rng.below(2))
        .map(|_| lex.services[rng.below(lex.services.len())].clone())
        .collect();
    let tickets: Vec<String> = (0..3)
        .map(|k| format!("OPS-{}", i * 3 + k + 1000))
        .collect();
    let title_words = 4 + rng.below(5);
    let title = sentence(rng, lex, nb, &topic, title_words);
    let summary = paragraph(rng, lex, nb, &topic, 40);
    let body_words = words.saturating_sub(40 + 60 + 60 + 40 + 60);
    Document {
        id: format!("INC-{year}-{:04}", i % 10_000),
        url: format!("incidents/{}-{i}/", &date),
        title: title.trim_end_matches('.').to_string(),
        lang: if nb { "nb" } else { "en" }.to_string(),
        date,
        year,
        severity: format!("sev{}", 1 + rng.below(4)),
        services,
        tags: (0..rng.below(4))
            .map(|_| lex.tags[rng.below(lex.tags.len())].clone())
            .collect(),
        open_actions: if rng.below(3) == 0 {
            rng.below(5) as u32
        } else {
            0
        },
        excerpt: String::new(),
        summary,
        impact: paragraph(rng, lex, nb, &topic, 60),
        root_cause: paragraph(rng, lex, nb, &topic, 60),
        resolution: paragraph(rng, lex, nb, &topic, 40),
        headings: vec![
            "Summary".into(),
            "Impact".into(),
            "Root cause".into(),
            "Timeline".into(),
        ],
        body: paragraph(rng, lex, nb, &topic, body_words),
        timeline: (0..6)
            .map(|_| paragraph(rng, lex, nb, &topic, 10))
            .collect(),
        actions: tickets
            .iter()
            .map(|t| format!("{} {t}", paragraph(rng, lex, nb, &topic, 6)))
            .collect(),
        tickets,
    }
}
