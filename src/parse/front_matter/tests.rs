//! Tests of splitting and reading front matter.
use super::*;

#[test]
fn split_finds_both_fences_and_offsets() {
    let text = "+++\ntitle = \"A\"\n+++\n# Body\n";
    let split = super::split(text).unwrap();
    let (format, front, offset) = split.front.unwrap();
    assert_eq!(
        (format, front, offset),
        (FrontFormat::Toml, "title = \"A\"\n", 4)
    );
    assert_eq!(split.body, "# Body\n");
    let yaml = super::split("---\ntitle: A\n---\n").unwrap();
    assert_eq!(yaml.front.unwrap().0, FrontFormat::Yaml);
    assert!(super::split("+++\ntitle = \"A\"\n").is_err());
    assert!(super::split("# no front matter\n").unwrap().front.is_none());
}

#[test]
fn unknown_keys_suggest_the_closest() {
    let (_, problems) = read(FrontFormat::Toml, "sevrity = \"sev1\"\n", 4);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].span, 4..11);
    assert_eq!(
        problems[0].help.as_deref(),
        Some("did you mean `severity`?")
    );
}

#[test]
fn wrong_types_and_bad_words_are_reported_in_both_syntaxes() {
    let toml = "services = \"mail\"\n[[actions]]\ntitle = \"x\"\nstatus = \"finished\"\n";
    let yaml = "services: mail\nactions:\n  - title: x\n    status: finished\n";
    for (format, text) in [(FrontFormat::Toml, toml), (FrontFormat::Yaml, yaml)] {
        let (front, problems) = read(format, text, 0);
        let front = front.expect("valid syntax");
        let messages: Vec<_> = problems.iter().map(|p| p.message.as_str()).collect();
        assert!(
            messages.contains(&"`services` must be a list of strings, found a string"),
            "{messages:?}"
        );
        assert!(
            messages.contains(&"unknown status `finished`"),
            "{messages:?}"
        );
        assert_eq!(front.actions.map(|a| a.len()), Some(1));
    }
}
