//! Unit tests of markdown rendering.

use super::*;

fn html(markdown: &str) -> String {
    render(markdown, &MarkdownOptions::default(), &[]).html
}

/// Renders `body` without the one section at `skip`.
fn render_skipping(body: &str, skip: Range<usize>) -> Rendered {
    render(
        body,
        &MarkdownOptions::default(),
        std::slice::from_ref(&skip),
    )
}

fn escaped() -> MarkdownOptions {
    MarkdownOptions { raw_html: false }
}

#[test]
fn raw_html_is_the_default() {
    assert!(MarkdownOptions::default().raw_html);
}

#[test]
fn script_block_passes_through_with_raw_html() {
    let out = html("<script>alert(1)</script>\n");
    assert!(out.contains("<script>alert(1)</script>"), "{out}");
}

#[test]
fn script_block_is_escaped_without_raw_html() {
    let out = render("<script>alert(1)</script>\n", &escaped(), &[]);
    assert!(!out.html.contains("<script"), "{}", out.html);
    assert_eq!(out.html, "<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>\n");
    assert_eq!(out.text, "<script>alert(1)</script>");
}

#[test]
fn inline_html_is_escaped_without_raw_html() {
    let out = render(
        "Press <kbd>Enter</kbd> <script>x()</script>",
        &escaped(),
        &[],
    );
    assert_eq!(
        out.html,
        "<p>Press &lt;kbd&gt;Enter&lt;/kbd&gt; &lt;script&gt;x()&lt;/script&gt;</p>\n"
    );
}

#[test]
fn inline_html_passes_through_with_raw_html() {
    assert_eq!(
        html("Press <kbd>Enter</kbd>"),
        "<p>Press <kbd>Enter</kbd></p>\n"
    );
}

#[test]
fn multi_line_html_block_keeps_its_lines_when_escaped() {
    let out = render("<div>\nhi\n</div>\n\nafter\n", &escaped(), &[]);
    assert_eq!(
        out.html,
        "<p>&lt;div&gt;<br />\nhi<br />\n&lt;/div&gt;</p>\n<p>after</p>\n"
    );
}

#[test]
fn comments_are_dropped_when_html_is_escaped() {
    let out = render(
        "<!-- Describe the impact -->\n\nText <!-- note --> here\n",
        &escaped(),
        &[],
    );
    assert_eq!(out.html, "<p>Text  here</p>\n");
    assert_eq!(out.text, "Text here");
}

#[test]
fn comments_are_kept_with_raw_html_but_not_in_text() {
    let out = render("<!-- todo -->\n\nText\n", &MarkdownOptions::default(), &[]);
    assert!(out.html.contains("<!-- todo -->"), "{}", out.html);
    assert_eq!(out.text, "Text");
}

#[test]
fn raw_html_text_is_searchable_without_tags() {
    let out = render(
        "<details>\n<summary>Logs</summary>\n<!--\nhidden\n-->\nerror 503\n</details>\n",
        &MarkdownOptions::default(),
        &[],
    );
    assert_eq!(out.text, "Logs\nerror 503");
}

#[test]
fn heading_ids_are_slugs_of_their_text() {
    let out = render("## Tiltak på lagring\n", &MarkdownOptions::default(), &[]);
    assert_eq!(
        out.html,
        "<h2 id=\"tiltak-pa-lagring\">Tiltak på lagring</h2>\n"
    );
    assert_eq!(
        out.headings,
        vec![Heading {
            level: 2,
            id: "tiltak-pa-lagring".into(),
            text: "Tiltak på lagring".into()
        }]
    );
}

#[test]
fn duplicate_headings_get_suffixes() {
    let out = render(
        "# Notes\n\n## Notes\n\n### Notes\n",
        &MarkdownOptions::default(),
        &[],
    );
    let ids: Vec<_> = out.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["notes", "notes-1", "notes-2"]);
    assert!(out.html.contains("<h3 id=\"notes-2\">"), "{}", out.html);
}

#[test]
fn explicit_heading_ids_win_and_stay_unique() {
    let out = render(
        "## Root cause {#why}\n\n## Why {#why}\n\n## Why\n",
        &MarkdownOptions::default(),
        &[],
    );
    let ids: Vec<_> = out.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["why", "why-1", "why-2"]);
    assert_eq!(out.headings[0].text, "Root cause");
    assert!(
        out.html.contains("<h2 id=\"why\">Root cause</h2>"),
        "{}",
        out.html
    );
}

#[test]
fn heading_without_slug_falls_back_to_section() {
    let out = render("## ???\n\n## ???\n", &MarkdownOptions::default(), &[]);
    let ids: Vec<_> = out.headings.iter().map(|h| h.id.as_str()).collect();
    assert_eq!(ids, ["section", "section-1"]);
}

#[test]
fn heading_text_is_plain() {
    let out = render(
        "### The `cache` *node* [c3](https://x.example)\n",
        &MarkdownOptions::default(),
        &[],
    );
    assert_eq!(out.headings[0].text, "The cache node c3");
    assert_eq!(out.headings[0].level, 3);
    assert!(out.html.contains("<code>cache</code>"), "{}", out.html);
}

#[test]
fn heading_classes_are_kept() {
    let out = html("## Impact {#impact .wide}\n");
    assert_eq!(out, "<h2 id=\"impact\" class=\"wide\">Impact</h2>\n");
}

#[test]
fn skipped_ranges_are_left_out() {
    let body = "# Title\n\n## Summary\nShort text.\n\n## Details\nLong text.\n";
    let start = body.find("## Summary").unwrap_or_default();
    let end = body.find("## Details").unwrap_or_default();
    let out = render_skipping(body, start..end);
    assert!(!out.html.contains("Summary"), "{}", out.html);
    assert!(!out.html.contains("Short text"), "{}", out.html);
    assert!(out.html.contains("Long text"), "{}", out.html);
    assert!(!out.text.contains("Short"), "{}", out.text);
    let texts: Vec<_> = out.headings.iter().map(|h| h.text.as_str()).collect();
    assert_eq!(texts, ["Title", "Details"]);
}

#[test]
fn several_skipped_ranges_including_a_table() {
    let body = "Intro\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nMiddle\n\n- one\n- two\n\nEnd\n";
    let table = body.find('|').unwrap_or_default()..body.find("Middle").unwrap_or_default();
    let list = body.find("- one").unwrap_or_default()..body.find("End").unwrap_or_default();
    let out = render(body, &MarkdownOptions::default(), &[table, list]);
    assert_eq!(out.html, "<p>Intro</p>\n<p>Middle</p>\n<p>End</p>\n");
}

#[test]
fn footnote_definitions_are_never_skipped() {
    let body = "See[^1].\n\n## Lessons\nMore.\n\n[^1]: The note.\n";
    let start = body.find("## Lessons").unwrap_or_default();
    let out = render_skipping(body, start..body.len());
    assert!(!out.html.contains("More."), "{}", out.html);
    assert!(out.html.contains("The note."), "{}", out.html);
}

#[test]
fn incident_links_are_kept_and_collected_with_spans() {
    let body = "Same as [last time](incident:INC-12) and [this](<incident: PM2024-001 >).\n";
    let out = render(body, &MarkdownOptions::default(), &[]);
    assert!(
        out.html
            .contains("<a href=\"incident:INC-12\">last time</a>"),
        "{}",
        out.html
    );
    let links = incident_links(body);
    assert_eq!(links.len(), 2);
    assert_eq!(links[0].target, "INC-12");
    assert_eq!(&body[links[0].span.clone()], "[last time](incident:INC-12)");
    assert_eq!(links[1].target, "PM2024-001");
    assert_eq!(
        &body[links[1].span.clone()],
        "[this](<incident: PM2024-001 >)"
    );
}

#[test]
fn incident_links_by_reference_and_autolink() {
    let body = "See [the outage][old] and <incident:INC-3>.\n\n[old]: incident:INC-1\n";
    let links = incident_links(body);
    let targets: Vec<_> = links.iter().map(|l| l.target.as_str()).collect();
    assert_eq!(targets, ["INC-1", "INC-3"]);
    assert_eq!(&body[links[0].span.clone()], "[the outage][old]");
}

#[test]
fn other_links_are_not_incident_links() {
    let links = incident_links("[a](https://example.com) [b](#incident) ![c](incident:INC-1)");
    assert!(links.is_empty(), "{links:?}");
}

#[test]
fn incident_links_are_found_in_sections_that_are_not_rendered_here() {
    let body = "[a](incident:A)\n\n## Impact\n\n[b](incident:B)\n";
    let second = body.find("## Impact").unwrap_or_default();
    let out = render_skipping(body, second..body.len());
    assert!(!out.html.contains("incident:B"));
    let targets: Vec<_> = incident_links(body).into_iter().map(|l| l.target).collect();
    assert_eq!(targets, ["A", "B"]);
}

#[test]
fn footnote_markers_are_not_in_the_text_but_the_notes_are() {
    let out = render(
        "The cache failed[^why].\n\n[^why]: A full disk.\n",
        &MarkdownOptions::default(),
        &[],
    );
    assert_eq!(out.text, "The cache failed.\nA full disk.");
}

#[test]
fn task_boxes_are_not_in_the_text() {
    let out = render(
        "- [x] Add alerts\n- [ ] Spread keys\n",
        &MarkdownOptions::default(),
        &[],
    );
    assert_eq!(out.text, "Add alerts\nSpread keys");
}

#[test]
fn inline_markup_does_not_break_the_line_of_text() {
    let out = render(
        "~~wrong~~ **right** [link](https://x.example) ![pic](p.png) end\n",
        &MarkdownOptions::default(),
        &[],
    );
    assert_eq!(out.text, "wrong right link pic end");
}

#[test]
fn tables_are_wrapped() {
    let out = render(
        "| Time | Event |\n|---|---|\n| 12:10 | Node stops |\n",
        &MarkdownOptions::default(),
        &[],
    );
    assert!(
        out.html.starts_with("<div class=\"table-wrap\">\n<table>"),
        "{}",
        out.html
    );
    assert!(out.html.ends_with("</table>\n</div>\n"), "{}", out.html);
    assert_eq!(out.text, "Time Event\n12:10 Node stops");
}

#[test]
fn tables_are_wrapped_when_html_is_escaped() {
    let out = render("| a |\n|---|\n| 1 |\n", &escaped(), &[]);
    assert!(
        out.html.starts_with("<div class=\"table-wrap\">"),
        "{}",
        out.html
    );
    assert!(!out.html.contains("&lt;div"), "{}", out.html);
}

#[test]
fn text_separates_blocks_and_drops_markup() {
    let out = render(
        "# Title\n\nOne **bold**\nline.\n\n- a\n  - b\n\n```\ncode\nblock\n```\n\n> quoted\n",
        &MarkdownOptions::default(),
        &[],
    );
    assert_eq!(out.text, "Title\nOne bold line.\na\nb\ncode\nblock\nquoted");
}

#[test]
fn render_inline_unwraps_a_single_paragraph() {
    let options = MarkdownOptions::default();
    assert_eq!(
        render_inline("Spread *keys* over `3` nodes", &options),
        "Spread <em>keys</em> over <code>3</code> nodes"
    );
    assert_eq!(render_inline("", &options), "");
}

#[test]
fn render_inline_keeps_other_blocks() {
    let options = MarkdownOptions::default();
    assert_eq!(
        render_inline("one\n\ntwo", &options),
        "<p>one</p>\n<p>two</p>\n"
    );
    assert_eq!(
        render_inline("- item", &options),
        "<ul>\n<li>item</li>\n</ul>\n"
    );
}

#[test]
fn render_inline_escapes_html_when_asked() {
    assert_eq!(
        render_inline("a <b>bold</b> move", &escaped()),
        "a &lt;b&gt;bold&lt;/b&gt; move"
    );
    assert_eq!(
        render_inline("<div>x</div>", &escaped()),
        "&lt;div&gt;x&lt;/div&gt;"
    );
}

#[test]
fn plain_text_strips_markup() {
    assert_eq!(
        plain_text("**Checkout** was _slow_ for [38 min](https://x.example).\nSee `logs`."),
        "Checkout was slow for 38 min. See logs."
    );
}

#[test]
fn is_comment_needs_one_whole_comment() {
    assert!(is_comment("<!-- a -->"));
    assert!(is_comment("  <!---->\n"));
    assert!(!is_comment("<!-- a --> <b>x</b> <!-- c -->"));
    assert!(!is_comment("<b>"));
}

#[test]
fn control_characters_show_as_replacement_characters_and_leave_the_text() {
    let body = "## Log\0 dump {#log\u{1}}\n\nA\0B `c\0d` e\u{7}f\n";
    let out = render(body, &MarkdownOptions::default(), &[]);
    assert_eq!(
        out.html,
        "<h2 id=\"log\">Log\u{FFFD} dump</h2>\n<p>A\u{FFFD}B <code>c\u{FFFD}d</code> e\u{FFFD}f</p>\n"
    );
    assert_eq!(out.text, "Log dump\nAB cd ef");
    assert_eq!(out.headings[0].text, "Log dump");
    assert_eq!(out.headings[0].id, "log");
    assert_eq!(render_inline("Drain\0 it", &escaped()), "Drain\u{FFFD} it");
    assert_eq!(plain_text("Drain\0 the queue"), "Drain the queue");
}

/// A line of words with up to two characters that may mean something to markdown or HTML.
fn nearly_plain_line() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::strategy::Strategy;
    let words = "[a-zé日0-9 .,;:?()/%+=-]{0,12}";
    let mark = proptest::prop_oneof![
        proptest::strategy::Just(String::new()),
        "[*_`#>&<\\[\\]!\"'\\\\~|{}\t\n\u{0}]"
    ];
    ("[a-zé日]", words, mark.clone(), words, mark, words)
        .prop_map(|(a, b, c, d, e, f)| [a, b, c, d, e, f].concat())
}

proptest::proptest! {
    #[test]
    fn plain_lines_render_as_the_parser_renders_them(line in nearly_plain_line()) {
        let options = MarkdownOptions::default();
        proptest::prop_assert_eq!(
            render_inline(&line, &options),
            render_inline_parsed(&line, &options)
        );
    }
}
