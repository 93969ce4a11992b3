//! Durations as writers state them in a post-mortem's Stats section: `54 minutes`, `1h 20m`,
//! `2 hours`, `1 t 20 min`, `1.5 hours`, `2 dager`.

use jiff::SignedDuration;

/// The forms [`parse_duration`] accepts, for help lines.
pub const DURATION_FORMS: &str =
    "a number and a unit, such as `54 minutes`, `1h 20m`, `2 hours` or `1 t 20 min`";

/// Units, each with the words writers use for it (lowercase), and its length in seconds.
const UNITS: &[(&[&str], i64)] = &[
    (&["d", "day", "days", "dag", "dager", "døgn"], 86_400),
    (
        &["h", "hr", "hrs", "hour", "hours", "t", "time", "timer"],
        3600,
    ),
    (
        &[
            "m", "min", "mins", "minute", "minutes", "minutt", "minutter",
        ],
        60,
    ),
    (
        &[
            "s", "sec", "secs", "second", "seconds", "sek", "sekund", "sekunder",
        ],
        1,
    ),
];

/// Words that join the parts of a duration (`1 hour and 20 minutes`, `1 time og 20 minutter`).
const JOINERS: &[&str] = &["and", "og", "+"];

/// Reads a stated duration: one or more parts of a number (`1`, `1.5`, `1,5`) and a unit (`h`,
/// `hours`, `t`, `timer`, `min`, …), written together or apart. Reading stops at the first word that
/// is neither, so `54 minutes (from the first alert)` is 54 minutes; `None` when `text` does not
/// start with a duration.
pub fn parse_duration(text: &str) -> Option<SignedDuration> {
    let mut tokens = tokens(text).into_iter().peekable();
    let mut seconds = 0.0_f64;
    let mut parts = 0;
    while let Some(token) = tokens.next() {
        if parts > 0 && JOINERS.iter().any(|j| token.eq_ignore_ascii_case(j)) {
            continue;
        }
        let Ok(number) = token.replace(',', ".").parse::<f64>() else {
            break;
        };
        let Some(unit) = tokens.next().and_then(unit) else {
            break;
        };
        seconds += number * unit as f64;
        parts += 1;
    }
    (parts > 0 && seconds.is_finite() && seconds < 1e12)
        .then(|| SignedDuration::from_secs(seconds.round() as i64))
}

/// `text` cut into numbers and words, at spaces and where digits meet letters (`1h20m` → `1`,
/// `h`, `20`, `m`).
fn tokens(text: &str) -> Vec<&str> {
    let number = |c: char| c.is_ascii_digit() || c == '.' || c == ',';
    let mut tokens = Vec::new();
    for word in text.split_whitespace() {
        let mut rest = word;
        while let Some(first) = rest.chars().next() {
            let in_number = first.is_ascii_digit();
            let end = rest
                .find(|c: char| {
                    if in_number {
                        !number(c)
                    } else {
                        c.is_ascii_digit()
                    }
                })
                .unwrap_or(rest.len());
            tokens.push(rest[..end].trim_end_matches([',', '.']));
            rest = &rest[end..];
        }
    }
    tokens
}

/// The length in seconds of the unit `word` names (`min`, `timer,`), if it names one.
fn unit(word: &str) -> Option<i64> {
    let word = word.trim_end_matches(['.', ',', ';', ')']).to_lowercase();
    UNITS
        .iter()
        .find(|(names, _)| names.contains(&word.as_str()))
        .map(|(_, seconds)| *seconds)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn minutes(text: &str) -> Option<i64> {
        parse_duration(text).map(|d| d.as_secs() / 60)
    }

    #[test]
    fn durations_in_english_and_norwegian() {
        assert_eq!(minutes("54 minutes"), Some(54));
        assert_eq!(minutes("1h 20m"), Some(80));
        assert_eq!(minutes("2 hours"), Some(120));
        assert_eq!(minutes("1 t 20 min"), Some(80));
        assert_eq!(minutes("1 hour and 20 minutes"), Some(80));
        assert_eq!(minutes("1 time og 20 minutter"), Some(80));
        assert_eq!(minutes("1,5 timer"), Some(90));
        assert_eq!(minutes("1.5 hours"), Some(90));
        assert_eq!(minutes("2 dager"), Some(2 * 24 * 60));
        assert_eq!(minutes("90min."), Some(90));
        assert_eq!(minutes("1h20m"), Some(80));
        assert_eq!(minutes("1h, 20m"), Some(80));
        assert_eq!(minutes("54 minutes (from the first alert)"), Some(54));
    }

    #[test]
    fn what_is_not_a_duration() {
        assert_eq!(minutes("about an hour"), None);
        assert_eq!(minutes("54"), None);
        assert_eq!(minutes("unknown"), None);
        assert_eq!(minutes(""), None);
        assert_eq!(minutes("5 apples"), None);
    }
}
