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
    /// Nothing is collected: the text is not wanted.
    off: bool,
}

impl PlainText {
    /// A collector that collects nothing, for markdown whose text is not wanted.
    pub(super) fn off() -> PlainText {
        PlainText {
            off: true,
            ..PlainText::default()
        }
    }

    /// Reads the text of one event that is rendered.
    pub(super) fn observe(&mut self, event: &Event<'_>) {
        if self.off {
            return;
        }
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

    /// Makes room for `length` bytes of text, unless nothing is collected.
    pub(super) fn reserve(&mut self, length: usize) {
        if !self.off {
            self.out.reserve(length);
        }
    }

    /// Ends the current line, so the next block's words are not glued to this one's.
    pub(super) fn block_break(&mut self) {
        if !self.off {
            self.out.push('\n');
        }
    }

    /// The text: one line per block, runs of spaces collapsed, no empty lines, no control
    /// characters. One pass over the bytes, copying runs of plain ASCII at once.
    pub(super) fn finish(self) -> String {
        let out = self.out.as_str();
        let bytes = out.as_bytes();
        let mut text = String::with_capacity(out.len());
        // What goes before the next word: nothing, a space, or a line break (which wins).
        let mut gap = None;
        let mut at = 0;
        while at < bytes.len() {
            let byte = bytes[at];
            let (kind, len) = if byte.is_ascii() {
                (Kind::of(char::from(byte)), 1)
            } else {
                let c = out[at..].chars().next().unwrap_or_default();
                (Kind::of(c), c.len_utf8())
            };
            match kind {
                Kind::LineBreak if !text.is_empty() => gap = Some('\n'),
                Kind::Space if !text.is_empty() => gap = gap.or(Some(' ')),
                Kind::Word => {
                    text.extend(gap.take());
                    let end = if byte.is_ascii() {
                        at + plain_run(&bytes[at..])
                    } else {
                        at + len
                    };
                    text.push_str(&out[at..end]);
                    at = end;
                    continue;
                }
                Kind::LineBreak | Kind::Space | Kind::Dropped => {}
            }
            at += len;
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

/// How many of the leading bytes are visible ASCII characters or single spaces between them: text
/// that finishes as it is, copied at once.
fn plain_run(bytes: &[u8]) -> usize {
    // Each byte is looked at on its own (a space with the byte after it), so blocks of them are
    // looked at together, without a branch per byte, and the last block byte by byte.
    const BLOCK: usize = 16;
    let graphic = |b: u8| b.wrapping_sub(b'!') <= b'~' - b'!';
    let stays = |i: usize| {
        graphic(bytes[i]) || bytes[i] == b' ' && bytes.get(i + 1).is_some_and(|&b| graphic(b))
    };
    let mut n = 0;
    while n + BLOCK < bytes.len() {
        let block = &bytes[n..=n + BLOCK];
        let all = (0..BLOCK).fold(true, |all, i| {
            all & (graphic(block[i]) | (block[i] == b' ') & graphic(block[i + 1]))
        });
        if !all {
            break;
        }
        n += BLOCK;
    }
    while n < bytes.len() && stays(n) {
        n += 1;
    }
    n
}

/// What a character of collected text is to the finished text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    /// `\n`: ends a line.
    LineBreak,
    /// Other whitespace: separates words.
    Space,
    /// A control character that is not whitespace: left out.
    Dropped,
    /// Part of a word.
    Word,
}

impl Kind {
    fn of(c: char) -> Kind {
        if c == '\n' {
            Kind::LineBreak
        } else if c.is_whitespace() {
            Kind::Space
        } else if c.is_control() {
            Kind::Dropped
        } else {
            Kind::Word
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

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// What [`PlainText::finish`] makes of `out`, written plainly: line by line, control characters
    /// left out, words joined by one space.
    fn reference(out: &str) -> String {
        let mut lines = Vec::new();
        for line in out.lines() {
            let line: String = line
                .chars()
                .filter(|c| !c.is_control() || c.is_whitespace())
                .collect();
            let words: Vec<&str> = line.split_whitespace().collect();
            if !words.is_empty() {
                lines.push(words.join(" "));
            }
        }
        lines.join("\n")
    }

    /// [`plain_run`] byte by byte.
    fn plain_run_bytewise(bytes: &[u8]) -> usize {
        let mut n = 0;
        while n < bytes.len() {
            if bytes[n].is_ascii_graphic() {
                n += 1;
            } else if bytes[n] == b' ' && bytes.get(n + 1).is_some_and(u8::is_ascii_graphic) {
                n += 2;
            } else {
                break;
            }
        }
        n
    }

    proptest! {
        #[test]
        fn a_plain_run_is_what_a_byte_by_byte_look_finds(
            text in "([a-z!~]{1,20}|[ ]{1,2}|[\x00-\x20\x7f]|é){0,12}"
        ) {
            prop_assert_eq!(plain_run(text.as_bytes()), plain_run_bytewise(text.as_bytes()));
        }

        #[test]
        fn finishing_collapses_spaces_and_drops_empty_lines_and_controls(
            out in "([a-z]{1,3}|[ \t\r\n]|\\p{Cc}|\\p{Zs}|\u{85}|\u{2028}|é|日){0,40}"
        ) {
            let text = PlainText { out: out.clone(), ..PlainText::default() }.finish();
            prop_assert_eq!(text, reference(&out));
        }
    }
}
