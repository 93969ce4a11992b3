//! The plain text of rendered markdown: what a reader sees, without markup, for the search index.

use pulldown_cmark::{Event, Tag, TagEnd};

/// Where the reader of raw HTML is: in text, inside a tag, or inside a comment.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
enum HtmlState {
    #[default]
    Text,
    Tag,
    Comment,
}

/// Collects the text of rendered events; blocks end up on lines of their own.
#[derive(Debug, Default)]
pub(super) struct PlainText {
    out: String,
    /// Raw HTML arrives line by line, so a tag or comment may span events.
    html: HtmlState,
}

impl PlainText {
    /// Reads the text of one event that is rendered.
    pub(super) fn observe(&mut self, event: &Event<'_>) {
        match event {
            Event::Text(text)
            | Event::Code(text)
            | Event::InlineMath(text)
            | Event::DisplayMath(text) => self.out.push_str(text),
            Event::SoftBreak => self.out.push(' '),
            Event::HardBreak | Event::Rule => self.out.push('\n'),
            Event::Html(html) => self.push_html(html),
            Event::Start(Tag::TableCell) | Event::End(TagEnd::TableCell) => self.out.push(' '),
            Event::Start(tag) => {
                if is_block(&tag.to_end()) {
                    self.block_break();
                }
            }
            Event::End(end) => {
                if *end == TagEnd::HtmlBlock {
                    self.html = HtmlState::Text;
                }
                if is_block(end) {
                    self.block_break();
                }
            }
            Event::InlineHtml(_) | Event::FootnoteReference(_) | Event::TaskListMarker(_) => {}
        }
    }

    /// Ends the current line, so the next block's words are not glued to this one's.
    pub(super) fn block_break(&mut self) {
        self.out.push('\n');
    }

    /// The text: one line per block, runs of spaces collapsed, no empty lines, no control
    /// characters.
    pub(super) fn finish(self) -> String {
        let mut text = String::with_capacity(self.out.len());
        for line in self.out.lines() {
            let line = super::drop_controls(line);
            let mut words = line.split_whitespace().peekable();
            if words.peek().is_none() {
                continue;
            }
            if !text.is_empty() {
                text.push('\n');
            }
            for (n, word) in words.enumerate() {
                if n > 0 {
                    text.push(' ');
                }
                text.push_str(word);
            }
        }
        text
    }

    /// Keeps the text of raw HTML, leaving out its tags and comments.
    fn push_html(&mut self, html: &str) {
        let mut rest = html;
        while !rest.is_empty() {
            match self.html {
                HtmlState::Text => match rest.find('<') {
                    Some(at) => {
                        self.out.push_str(&rest[..at]);
                        rest = &rest[at..];
                        if let Some(after) = rest.strip_prefix("<!--") {
                            self.html = HtmlState::Comment;
                            rest = after;
                        } else {
                            self.html = HtmlState::Tag;
                            rest = &rest[1..];
                        }
                    }
                    None => {
                        self.out.push_str(rest);
                        rest = "";
                    }
                },
                HtmlState::Tag => match rest.find('>') {
                    Some(at) => {
                        // Tags usually separate words (`<td>a</td><td>b</td>`).
                        self.out.push(' ');
                        self.html = HtmlState::Text;
                        rest = &rest[at + 1..];
                    }
                    None => rest = "",
                },
                HtmlState::Comment => match rest.find("-->") {
                    Some(at) => {
                        self.html = HtmlState::Text;
                        rest = &rest[at + 3..];
                    }
                    None => rest = "",
                },
            }
        }
    }
}

/// Whether an element is a block, whose text goes on lines of its own.
fn is_block(end: &TagEnd) -> bool {
    !matches!(
        end,
        TagEnd::Emphasis
            | TagEnd::Strong
            | TagEnd::Strikethrough
            | TagEnd::Superscript
            | TagEnd::Subscript
            | TagEnd::Link
            | TagEnd::Image
    )
}
