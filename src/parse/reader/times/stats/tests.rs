//! Stated durations read from whole files: labels in English and Norwegian, lists and tables, and
//! how they meet the durations `[times]` measure.

use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diagnostic::Problem;
use crate::model::incident::Incident;
use crate::model::phase::Phase;
use crate::parse::source::Source;

/// `text` read as `content/x.md` of a site in UTC: the incident and the problems.
fn read(text: &str) -> (Incident, Vec<Problem>) {
    let config =
        Config::parse(Path::new("."), "title = \"T\"\ntimezone = \"UTC\"\n").expect("config");
    let source = Source {
        path: PathBuf::from("content/x.md"),
        rel: "x.md".into(),
        text: text.into(),
    };
    let mut problems = Vec::new();
    let incident = crate::parse::reader::read(&source, &config, &mut problems).expect("read");
    (incident, problems)
}

/// Minutes from the start to each phase after it, as every page and export measures them.
fn spans(incident: &Incident) -> Vec<Option<i64>> {
    [
        Phase::Detected,
        Phase::Acknowledged,
        Phase::Mitigated,
        Phase::Resolved,
    ]
    .into_iter()
    .map(|phase| (incident.times.elapsed(phase, &incident.tz)).map(|d| d.as_secs() / 60))
    .collect()
}

#[test]
fn english_stats_fill_the_phase_durations() {
    let text = "# Outage\n\nDate: 2022-06-02\n\n## Stats\n\n\
                - Time to detection: 54 minutes\n- **Time to mitigate:** 1h 20m\n\
                - Duration: 2 hours\n- Customers affected: 300\n\n## Lessons\n\n\
                Time to resolve: 9 hours\n";
    let (incident, problems) = read(&format!("+++\ndate = 2022-06-02\n+++\n{text}"));
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(spans(&incident), [Some(54), None, Some(80), Some(120)]);
    assert_eq!(incident.duration().map(|d| d.as_secs() / 60), Some(120));
}

#[test]
fn a_duration_stated_twice_is_a_warning_and_the_first_is_used() {
    let text = "+++\ndate = 2022-06-02\n+++\n# Outage\n\n## Stats\n\n\
                - Time to detect: 10 min\n- Time to detection: 20 min\n";
    let (incident, problems) = read(text);
    assert_eq!(spans(&incident), [Some(10), None, None, None]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(&text[problems[0].span.clone()], "20 min");
    assert!(problems[0].message.contains("stated twice"));
}

#[test]
fn norwegian_stats_in_a_table_fill_the_phase_durations() {
    let text = "+++\ndate = 2022-06-02\n+++\n# Nedetid\n\n## Statistikk\n\n\
                | Hva | Verdi |\n|---|---|\n| Tid til deteksjon | 1 t 20 min |\n\
                | Varighet | 3 timer |\n";
    let (incident, problems) = read(text);
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(spans(&incident), [Some(80), None, None, Some(180)]);
}

#[test]
fn an_unreadable_stated_duration_is_a_warning_at_its_value() {
    let text = "+++\ndate = 2022-06-02\n+++\n# Outage\n\n## Stats\n\n\
                - Time to detection: about an hour\n";
    let (incident, problems) = read(text);
    assert_eq!(spans(&incident), [None, None, None, None]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(&text[problems[0].span.clone()], "about an hour");
    assert!(problems[0].message.contains("not a duration"));
    assert!(problems[0].help.as_deref().unwrap().contains("1h 20m"));
}

#[test]
fn measured_times_win_and_a_conflict_is_a_warning() {
    let text = "+++\ndate = 2022-06-02\n[times]\nstarted = 2022-06-02T10:00:00Z\n\
                detected = 2022-06-02T10:30:00Z\nresolved = 2022-06-02T12:00:00Z\n+++\n\
                # Outage\n\n## Stats\n\n- Time to detect: 45 minutes\n- Time to resolution: 2 hours\n\
                - Time to mitigate: 1 hour\n";
    let (incident, problems) = read(text);
    assert_eq!(spans(&incident), [Some(30), None, Some(60), Some(120)]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(&text[problems[0].span.clone()], "45 minutes");
    assert!(
        problems[0].message.contains("45 min") && problems[0].message.contains("30 min"),
        "{}",
        problems[0].message
    );
}
