//! Property tests: no file, however broken, makes the parser panic.

use std::path::{Path, PathBuf};

use debrief::config::Config;
use debrief::parse::source::Source;
use proptest::prelude::*;

fn config() -> Config {
    let text = "title = \"T\"\nlanguage = \"nb\"\ntimezone = \"Europe/Oslo\"\n";
    Config::parse(Path::new("."), text).expect("valid config")
}

fn parse(text: &str) -> debrief::parse::reader::Parsed {
    let source = Source {
        path: PathBuf::from("content/x.md"),
        rel: "x.md".into(),
        text: text.to_string(),
    };
    debrief::parse::reader::parse(&source, &config())
}

/// Pieces real post-mortems are made of, to be shuffled into broken ones.
fn fragment() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("+++\n".to_string()),
        Just("---\n".to_string()),
        Just("title = \"A\"\n".to_string()),
        Just("title: A\n".to_string()),
        Just("[times]\nstarted = 2024-11-07T09:00:00+01:00\n".to_string()),
        Just("[[actions]]\ntitle = \"x\"\nstatus = \"done\"\n".to_string()),
        Just("actions:\n  - title: x\n    due: 2024-02-30\n".to_string()),
        Just("# Title\n".to_string()),
        Just("## Timeline\n".to_string()),
        Just("## Action items\n".to_string()),
        Just("Kort oppsummert:\n".to_string()),
        Just("| Time | Event |\n|---|---|\n".to_string()),
        Just("| 14:?? | x |\n".to_string()),
        Just("| 2024-03-31 02:30 | gap |\n".to_string()),
        Just("- [x] Do it @ops due 2024-13-01 OPS-1 (done)\n".to_string()),
        Just("- 10:00 text\n".to_string()),
        Just("All times in Mars/Base.\n".to_string()),
        Just("[link](incident:)\n".to_string()),
        Just("\u{feff}æøå\r\n".to_string()),
        "[ -~æøå\n\t|#*:@\\[\\]-]{0,40}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_text_never_panics(text in any::<String>()) {
        let _ = parse(&text);
    }

    #[test]
    fn shuffled_post_mortem_pieces_never_panic(parts in prop::collection::vec(fragment(), 0..24)) {
        let text = parts.concat();
        let parsed = parse(&text);
        // Every problem points inside the file.
        for d in &parsed.diagnostics {
            prop_assert!(d.line <= text.lines().count() + 1, "{d:?}");
        }
    }
}
