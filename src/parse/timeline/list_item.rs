//! The items of a markdown list with the text that is their own, shared by timelines and actions.
//!
//! A list item's "own" text is its first paragraph: what follows the marker (and the task box) up
//! to the first nested block. Nested lists are kept as children of their item, not as siblings.

use std::ops::Range;

use pulldown_cmark::{Event, Tag, TagEnd};

/// One list item, located in the source it was read from.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct ListItem {
    /// The whole item, marker and nested blocks included, without trailing whitespace.
    pub range: Range<usize>,
    /// The item's first paragraph, after the marker and task box, without trailing whitespace;
    /// empty (at the item's start) when the item has none.
    pub own: Range<usize>,
    /// `Some(true)` for a `[x]` box, `Some(false)` for `[ ]`, `None` without one.
    pub task: Option<bool>,
    /// The items of lists nested in this one.
    pub children: Vec<ListItem>,
}

impl ListItem {
    /// The item's markdown from byte `from` to its end, continuation lines moved left by the
    /// item's content indent so the text stands on its own.
    pub fn body_from(&self, source: &str, from: usize) -> String {
        let from = from.clamp(self.range.start, self.range.end);
        let text = &source[from..self.range.end];
        // Most items are one line: nothing to move left.
        if memchr::memchr(b'\n', text.as_bytes()).is_none() {
            return text.trim().to_string();
        }
        self.dedented(source, from)
    }

    /// [`ListItem::body_from`] line by line, for `from` within the item.
    fn dedented(&self, source: &str, from: usize) -> String {
        let indent = self.content_indent(source);
        let mut body = String::new();
        for (i, line) in source[from..self.range.end].split('\n').enumerate() {
            if i > 0 {
                body.push('\n');
                let spaces = line.len() - line.trim_start_matches(' ').len();
                body.push_str(&line[spaces.min(indent)..]);
            } else {
                body.push_str(line);
            }
        }
        body.trim().to_string()
    }

    /// The column where the item's text starts (`- text` → 2).
    fn content_indent(&self, source: &str) -> usize {
        let line_start = source[..self.range.start].rfind('\n').map_or(0, |i| i + 1);
        let first_line_end = source[self.range.start..]
            .find('\n')
            .map_or(source.len(), |i| self.range.start + i);
        if self.own.start > self.range.start && self.own.start <= first_line_end {
            let marker_end = source[self.range.start..first_line_end]
                .find(char::is_whitespace)
                .map_or(first_line_end, |i| self.range.start + i);
            let after_marker = source[marker_end..first_line_end].len()
                - source[marker_end..first_line_end].trim_start().len();
            marker_end - line_start + after_marker.clamp(1, 4)
        } else {
            self.range.start - line_start + 2
        }
    }
}

/// Reads the items of a list whose `Start(List)` event was just taken from `events`, up to and
/// including its `End(List)`.
pub(crate) fn read_list<'a>(
    events: &mut impl Iterator<Item = (Event<'a>, Range<usize>)>,
    source: &str,
) -> Vec<ListItem> {
    let mut items = Vec::new();
    while let Some((event, range)) = events.next() {
        match event {
            Event::Start(Tag::Item) => items.push(read_item(events, range, source)),
            Event::End(TagEnd::List(_)) => break,
            _ => {}
        }
    }
    items
}

/// Takes events up to the end of the block whose `Start` was just taken.
pub(crate) fn skip_block<'a>(events: &mut impl Iterator<Item = (Event<'a>, Range<usize>)>) {
    take_block(events, |_| {});
}

/// Takes events up to the end of the block whose `Start` was just taken, handing the range of each
/// event inside it to `inner`.
pub(crate) fn take_block<'a>(
    events: &mut impl Iterator<Item = (Event<'a>, Range<usize>)>,
    mut inner: impl FnMut(Range<usize>),
) {
    let mut depth = 1usize;
    for (event, range) in events.by_ref() {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => depth -= 1,
            _ => {}
        }
        if depth == 0 {
            break;
        }
        inner(range);
    }
}

/// `range` without trailing whitespace.
pub(crate) fn trim_end(source: &str, range: Range<usize>) -> Range<usize> {
    let text = &source[range.clone()];
    range.start..range.start + text.trim_end().len()
}

fn read_item<'a>(
    events: &mut impl Iterator<Item = (Event<'a>, Range<usize>)>,
    range: Range<usize>,
    source: &str,
) -> ListItem {
    let mut own: Option<Range<usize>> = None;
    let mut own_closed = false;
    let mut task = None;
    let mut task_end = range.start;
    let mut children = Vec::new();
    while let Some((event, r)) = events.next() {
        match event {
            Event::End(TagEnd::Item) => break,
            Event::TaskListMarker(done) => {
                task = Some(done);
                task_end = r.end;
            }
            Event::Start(Tag::List(_)) => {
                own_closed = true;
                children.extend(read_list(events, source));
            }
            Event::Start(Tag::Paragraph) if !own_closed => {
                own = Some(r);
                own_closed = true;
                for (event, r) in events.by_ref() {
                    match event {
                        Event::TaskListMarker(done) => {
                            task = Some(done);
                            task_end = r.end;
                        }
                        Event::End(TagEnd::Paragraph) => break,
                        _ => {}
                    }
                }
            }
            Event::Start(tag) if is_block(&tag) => {
                own_closed = true;
                skip_block(events);
            }
            Event::Rule => own_closed = true,
            _ if !own_closed => {
                own = Some(match own {
                    Some(o) => o.start.min(r.start)..o.end.max(r.end),
                    None => r,
                });
            }
            _ => {}
        }
    }
    let range = trim_end(source, range);
    let own = match own {
        Some(o) => {
            let start = o.start.max(task_end).min(o.end);
            let skipped = source[start..o.end].len() - source[start..o.end].trim_start().len();
            trim_end(source, start + skipped..o.end)
        }
        None => range.start..range.start,
    };
    ListItem {
        range,
        own,
        task,
        children,
    }
}

fn is_block(tag: &Tag<'_>) -> bool {
    matches!(
        tag,
        Tag::Paragraph
            | Tag::Heading { .. }
            | Tag::BlockQuote(_)
            | Tag::CodeBlock(_)
            | Tag::HtmlBlock
            | Tag::List(_)
            | Tag::Item
            | Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition
            | Tag::Table(_)
            | Tag::TableHead
            | Tag::TableRow
            | Tag::TableCell
            | Tag::MetadataBlock(_)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::markdown::parser_options;
    use pulldown_cmark::Parser;

    fn items(source: &str) -> Vec<ListItem> {
        let mut events = Parser::new_ext(source, parser_options()).into_offset_iter();
        let mut all = Vec::new();
        while let Some((event, _)) = events.next() {
            if let Event::Start(Tag::List(_)) = event {
                all.extend(read_list(&mut events, source));
            }
        }
        all
    }

    #[test]
    fn own_text_stops_at_nested_lists_which_become_children() {
        let source = "- [x] First item\n  continued\n  - nested\n- second\n";
        let found = items(source);
        assert_eq!(found.len(), 2);
        assert_eq!(&source[found[0].own.clone()], "First item\n  continued");
        assert_eq!(found[0].task, Some(true));
        assert_eq!(found[0].children.len(), 1);
        assert_eq!(&source[found[0].children[0].own.clone()], "nested");
        assert_eq!(
            &source[found[0].range.clone()],
            "- [x] First item\n  continued\n  - nested"
        );
        assert_eq!(&source[found[1].own.clone()], "second");
        assert_eq!(found[1].task, None);
    }

    #[test]
    fn loose_items_and_empty_items() {
        let source = "1. [ ] one\n\n   more\n\n2. \n   - only nested\n";
        let found = items(source);
        assert_eq!(found.len(), 2);
        assert_eq!(&source[found[0].own.clone()], "one");
        assert_eq!(found[0].task, Some(false));
        assert!(found[1].own.is_empty());
        assert_eq!(found[1].children.len(), 1);
    }

    #[test]
    fn body_is_dedented() {
        let source = "- 12:10 Alert\n  more text\n  - detail\n";
        let found = items(source);
        let from = source.find("Alert").unwrap();
        assert_eq!(
            found[0].body_from(source, from),
            "Alert\nmore text\n- detail"
        );
        let source = "1.  Step one\n    - sub\n";
        let found = items(source);
        assert_eq!(
            found[0].body_from(source, found[0].own.start),
            "Step one\n- sub"
        );
    }

    proptest::proptest! {
        #[test]
        fn a_one_line_item_s_body_is_its_text_trimmed_as_line_by_line(
            text in "[a-z :\t]{0,12}",
            marker in "(-|\\*|1\\.|- \\[x\\])",
            indent in 0usize..3,
        ) {
            let source = format!("{}{marker} {text}\n", " ".repeat(indent));
            let found = items(&source);
            for item in &found {
                for from in item.range.clone() {
                    proptest::prop_assert_eq!(
                        item.body_from(&source, from),
                        item.dedented(&source, from)
                    );
                }
            }
        }
    }
}
