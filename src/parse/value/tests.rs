//! Tests of the spanned tree both front-matter syntaxes parse into.
use super::*;

fn table(node: &Node) -> &[(Key, Node)] {
    match &node.kind {
        NodeKind::Table(entries) => entries,
        other => panic!("not a table: {other:?}"),
    }
}

#[test]
fn toml_and_yaml_give_the_same_tree_with_spans() {
    let toml_text = "title = \"Outage\"\nservices = [\"mail\", \"web\"]\n";
    let yaml_text = "title: Outage\nservices: [mail, web]\n";
    for (text, node) in [
        (toml_text, parse_toml(toml_text)),
        (yaml_text, parse_yaml(yaml_text)),
    ] {
        let node = node.unwrap();
        let entries = table(&node);
        let (key, value) = entries.iter().find(|(k, _)| k.name == "title").unwrap();
        assert_eq!(&text[key.span.clone()], "title");
        assert_eq!(value.kind, NodeKind::Str("Outage".into()));
        assert!(text[value.span.clone()].contains("Outage"));
        let (_, services) = entries.iter().find(|(k, _)| k.name == "services").unwrap();
        match &services.kind {
            NodeKind::Array(items) => {
                assert_eq!(items.len(), 2);
                assert!(text[items[1].span.clone()].contains("web"));
            }
            other => panic!("{other:?}"),
        }
    }
}

#[test]
fn toml_datetimes_are_kept_as_written() {
    let node = parse_toml("at = 2024-11-07T08:00:00+01:00\n").unwrap();
    assert_eq!(
        table(&node)[0].1.kind,
        NodeKind::Datetime("2024-11-07T08:00:00+01:00".into())
    );
}

#[test]
fn yaml_messages_carry_no_parser_advice() {
    let error = parse_yaml("title: A\ntitle: B\n").unwrap_err();
    assert_eq!(
        error.message,
        "invalid YAML front matter: duplicate mapping key: title"
    );
    assert_eq!(error.span.start, "title: A\n".len());
}

#[test]
fn syntax_errors_point_into_the_text() {
    let toml_error = parse_toml("title = \"open\n").unwrap_err();
    assert!(
        toml_error.message.contains("invalid TOML"),
        "{toml_error:?}"
    );
    let yaml_error = parse_yaml("title: [unclosed\n").unwrap_err();
    assert!(
        yaml_error.message.contains("invalid YAML"),
        "{yaml_error:?}"
    );
}
