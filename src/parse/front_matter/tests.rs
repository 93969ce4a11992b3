//! Tests of splitting and reading front matter.
use super::*;
use crate::config::FrontMatterConfig;
use crate::model::phase::Phase;

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
    let (_, problems) = read(
        FrontFormat::Toml,
        "sevrity = \"sev1\"\n",
        4,
        &Default::default(),
    );
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].span, 4..11);
    assert_eq!(
        problems[0].help.as_deref(),
        Some("did you mean `severity`?")
    );
}

#[test]
fn wrong_types_and_bad_words_are_reported_in_both_syntaxes() {
    let toml = "services = 3\n[[actions]]\ntitle = \"x\"\nstatus = \"finished\"\n";
    let yaml = "services: 3\nactions:\n  - title: x\n    status: finished\n";
    for (format, text) in [(FrontFormat::Toml, toml), (FrontFormat::Yaml, yaml)] {
        let (front, problems) = read(format, text, 0, &Default::default());
        let front = front.expect("valid syntax");
        let messages: Vec<_> = problems.iter().map(|p| p.message.as_str()).collect();
        assert!(
            messages.contains(&"`services` must be a list of strings, found an integer"),
            "{messages:?}"
        );
        assert!(
            messages.contains(&"unknown status `finished`"),
            "{messages:?}"
        );
        assert_eq!(front.actions.map(|a| a.len()), Some(1));
    }
}

fn foreign_config(unknown: &str) -> FrontMatterConfig {
    let text = format!(
        "title = \"A\"\n[front_matter]\nunknown_keys = \"{unknown}\"\n[front_matter.rename]\nstart_time = \"times.started\"\nend_time = \"times.resolved\"\ncategories = \"tags\"\nproduct = \"services\"\n\"taxonomies.keywords\" = \"tags\"\n"
    );
    crate::config::Config::parse(std::path::Path::new("."), &text)
        .unwrap()
        .front_matter
}

#[test]
fn renamed_keys_are_read_as_ours_and_named_both_ways_in_errors() {
    let config = foreign_config("error");
    let yaml =
        "start_time: 2024-11-07 08:00\nend_time: [1]\ncategories: db\nproduct: [mail, web]\n";
    let (front, problems) = read(FrontFormat::Yaml, yaml, 4, &config);
    let front = front.unwrap();
    assert_eq!(front.times[&Phase::Started].value, "2024-11-07 08:00");
    let values = |list: Option<Vec<At<String>>>| -> Vec<String> {
        list.unwrap().into_iter().map(|a| a.value).collect()
    };
    assert_eq!(values(front.tags), ["db"]);
    assert_eq!(values(front.services), ["mail", "web"]);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(
        problems[0].message,
        "`end_time` (read as `times.resolved`) must be a date or datetime, found a list"
    );
    let at = 4 + yaml.find("[1]").unwrap();
    assert_eq!(problems[0].span.start, at);
}

#[test]
fn two_keys_landing_on_one_target_is_an_error_at_the_second() {
    let config = foreign_config("error");
    let toml = "tags = [\"a\"]\ncategories = [\"b\"]\n[taxonomies]\nkeywords = [\"c\"]\n";
    let (front, problems) = read(FrontFormat::Toml, toml, 0, &config);
    assert_eq!(front.unwrap().tags.unwrap()[0].value, "a");
    let messages: Vec<_> = problems.iter().map(|p| p.message.as_str()).collect();
    assert_eq!(
        messages,
        [
            "`categories` is read as `tags`, which `tags` already sets in this file",
            "`taxonomies.keywords` is read as `tags`, which `tags` already sets in this file",
        ]
    );
    assert_eq!(problems[0].span.start, toml.find("categories").unwrap());
}

#[test]
fn unknown_keys_are_errors_warnings_or_silent_and_kept_as_extra() {
    let yaml = "title: A\nuuid: 42\ncompany: Acme\nextra:\n  team: core\n";
    let (front, problems) = read(FrontFormat::Yaml, yaml, 0, &foreign_config("error"));
    assert_eq!(problems.len(), 2);
    assert!(
        problems
            .iter()
            .all(|p| p.level == crate::diagnostic::Level::Error)
    );
    assert_eq!(front.unwrap().extra.len(), 1, "only [extra] is kept");
    let (front, problems) = read(FrontFormat::Yaml, yaml, 0, &foreign_config("warn"));
    assert_eq!(problems.len(), 2);
    assert!(
        problems
            .iter()
            .all(|p| p.level == crate::diagnostic::Level::Warning)
    );
    let extra = front.unwrap().extra;
    assert_eq!(extra["uuid"], serde_json::json!(42));
    assert_eq!(extra["company"], serde_json::json!("Acme"));
    assert_eq!(extra["team"], serde_json::json!("core"));
    let (_, problems) = read(FrontFormat::Yaml, yaml, 0, &foreign_config("ignore"));
    assert!(problems.is_empty(), "{problems:?}");
}

#[test]
fn foreign_names_suggest_the_rename_line() {
    let (_, problems) = read(FrontFormat::Yaml, "keywords: [a]\n", 0, &Default::default());
    assert_eq!(
        problems[0].help.as_deref(),
        Some(
            "debrief calls this `tags`: to read it so, add `keywords = \"tags\"` under `[front_matter.rename]` in debrief.toml"
        )
    );
}

#[test]
fn a_string_is_a_list_of_one_and_an_empty_one_of_none_and_an_empty_summary_is_unset() {
    let (front, problems) = read(
        FrontFormat::Toml,
        "tags = \"db\"\nservices = \"\"\nsummary = \"\"\n",
        0,
        &Default::default(),
    );
    let front = front.unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(front.tags.unwrap().len(), 1);
    assert_eq!(front.services.unwrap().len(), 0);
    assert!(front.texts.is_empty());
}

#[test]
fn list_help_is_written_in_the_files_own_syntax() {
    let (_, problems) = read(FrontFormat::Yaml, "tags: 3\n", 0, &Default::default());
    assert_eq!(
        problems[0].help.as_deref(),
        Some("write a list: `tags: [first, second]`")
    );
    let (_, problems) = read(
        FrontFormat::Yaml,
        "times:\n  ended: 2024-01-01\n",
        0,
        &Default::default(),
    );
    assert_eq!(problems[0].message, "unknown key `ended` in `times`");
}

#[test]
fn help_examples_follow_the_files_syntax() {
    let (toml, _) = read(FrontFormat::Toml, "", 0, &Default::default());
    let (yaml, _) = read(FrontFormat::Yaml, "", 0, &Default::default());
    let (toml, yaml) = (toml.unwrap(), yaml.unwrap());
    assert_eq!(toml.key_value("date", "2024-11-07"), "date = 2024-11-07");
    assert_eq!(yaml.key_value("date", "2024-11-07"), "date: 2024-11-07");
    assert_eq!(toml.times_entry("started", "…"), "[times] started = …");
    assert_eq!(
        yaml.times_entry("started", "…"),
        "times:` and, indented under it, `started: …"
    );
}

#[test]
fn zola_extra_and_taxonomies_are_read_by_renames() {
    let text = "title = \"A\"\n[front_matter.rename]\n\"taxonomies.tags\" = \"tags\"\n\"extra.severity\" = \"severity\"\n";
    let config = crate::config::Config::parse(std::path::Path::new("."), text)
        .unwrap()
        .front_matter;
    let zola = "title = \"A\"\n[taxonomies]\ntags = [\"db\"]\n[extra]\nseverity = \"sev2\"\nteam = \"core\"\n";
    let (front, problems) = read(FrontFormat::Toml, zola, 0, &config);
    let front = front.unwrap();
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(front.tags.unwrap()[0].value, "db");
    assert_eq!(front.severity.unwrap().value, "sev2");
    assert_eq!(front.extra.keys().collect::<Vec<_>>(), ["team"]);
}

#[test]
fn authors_are_a_list_or_one_string_and_an_empty_string_is_none() {
    let names = |front: Option<FrontMatter>| -> Vec<String> {
        let authors = front.unwrap().authors.expect("`authors` is read");
        authors.into_iter().map(|a| a.value).collect()
    };
    let (front, problems) = read(
        FrontFormat::Toml,
        "authors = [\"A\", \"B\"]\n",
        0,
        &Default::default(),
    );
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(names(front), ["A", "B"]);
    let (front, problems) = read(FrontFormat::Yaml, "authors: Jane\n", 0, &Default::default());
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(names(front), ["Jane"]);
    let (front, problems) = read(FrontFormat::Yaml, "authors: \"\"\n", 0, &Default::default());
    assert!(problems.is_empty(), "{problems:?}");
    assert!(names(front).is_empty());
    let (_, problems) = read(FrontFormat::Toml, "authors = 3\n", 0, &Default::default());
    assert_eq!(
        problems[0].message,
        "`authors` must be a list of strings, found an integer"
    );
}

#[test]
fn author_suggests_the_rename_to_authors() {
    let (_, problems) = read(FrontFormat::Yaml, "author: Jane\n", 0, &Default::default());
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0].message, "unknown key `author` in front matter");
    assert_eq!(
        problems[0].help.as_deref(),
        Some(
            "debrief calls this `authors`: to read it so, add `author = \"authors\"` under `[front_matter.rename]` in debrief.toml"
        )
    );
}

/// [`closing_line`] line by line.
fn closing_line_by_lines(text: &str, fence: &str) -> Option<(usize, usize)> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.trim_end() == fence {
            return Some((offset, line.len()));
        }
        offset += line.len();
    }
    None
}

proptest::proptest! {
    #[test]
    fn the_closing_fence_is_found_from_the_lines_starting_with_it_as_line_by_line(
        text in "(---|\\+\\+\\+|-|a| |\u{3000}|\r|\n|é){0,40}"
    ) {
        for fence in ["---", "+++"] {
            proptest::prop_assert_eq!(closing_line(&text, fence), closing_line_by_lines(&text, fence));
        }
    }
}
