//! The part of a source line a diagnostic shows: cut around the problem so one long line cannot
//! flood the terminal, with the caret placed by display width (wide characters, tabs).

use std::ops::Range;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// The most display columns of source text a diagnostic shows, `…` included.
pub const MAX_COLUMNS: usize = 120;

/// What a tab is shown as (a fixed width, so the caret line can use spaces only).
const TAB: &str = "    ";

/// A source line as shown under a diagnostic: at most [`MAX_COLUMNS`] wide, `…` on a cut side.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Excerpt {
    /// The text shown: tabs as spaces, control characters as visible symbols, `…` where cut.
    pub text: String,
    /// Display columns of `text` before the caret.
    pub caret: usize,
    /// Display columns the caret underlines (at least 1).
    pub underline: usize,
}

impl Excerpt {
    /// The excerpt of `line` (one line, without its newline) around the byte range `span` of it.
    ///
    /// `span` must lie on character boundaries of `line`.
    pub fn new(line: &str, span: Range<usize>) -> Self {
        let start = columns(&line[..span.start]);
        let end = start + columns(&line[span.clone()]);
        let total = end + columns(&line[span.end..]);
        let (lo, hi) = window(start, end, total);
        let (from, to) = bytes_within(line, lo, hi);
        let clamp = |i: usize| i.clamp(from, to);
        let mut text = String::new();
        if from > 0 {
            text.push('…');
        }
        push_shown(&mut text, &line[from..clamp(span.start)]);
        let caret = text.width();
        push_shown(&mut text, &line[clamp(span.start)..clamp(span.end)]);
        let underline = text.width().saturating_sub(caret).max(1);
        push_shown(&mut text, &line[clamp(span.end)..to]);
        if to < line.len() {
            text.push('…');
        }
        Self {
            text,
            caret,
            underline,
        }
    }
}

/// The columns `[lo, hi)` of a line `total` columns wide to show for a problem at `[start, end)`:
/// the whole line when it fits, else the problem's start with context around it, leaving room for
/// `…` on each cut side. An underline longer than half the room is cut too.
fn window(start: usize, end: usize, total: usize) -> (usize, usize) {
    if total <= MAX_COLUMNS {
        return (0, total);
    }
    let needed = end.max(start + 1).min(start + MAX_COLUMNS / 2);
    if needed < MAX_COLUMNS {
        (0, MAX_COLUMNS - 1)
    } else if total - start < MAX_COLUMNS {
        (total - (MAX_COLUMNS - 1), total)
    } else {
        let room = MAX_COLUMNS - 2;
        let lo = start - (room - (needed - start)) / 2;
        (lo, lo + room)
    }
}

/// The byte range of the characters of `line` lying wholly within the columns `[lo, hi)`.
fn bytes_within(line: &str, lo: usize, hi: usize) -> (usize, usize) {
    let mut column = 0;
    let mut from = None;
    for (i, c) in line.char_indices() {
        let width = char_columns(c);
        if from.is_none() && column >= lo {
            from = Some(i);
        }
        if column + width > hi {
            return (from.unwrap_or(i), i);
        }
        column += width;
    }
    (from.unwrap_or(line.len()), line.len())
}

/// Display columns of `text` as shown (for choosing what to cut; the caret uses the shown text).
fn columns(text: &str) -> usize {
    text.chars().map(char_columns).sum()
}

/// Display columns of one character as shown.
fn char_columns(c: char) -> usize {
    if c == '\t' {
        TAB.len()
    } else {
        shown(c).width().unwrap_or(0)
    }
}

/// Appends `text` as shown: tabs as spaces, invisible or terminal-controlling characters as symbols.
fn push_shown(out: &mut String, text: &str) {
    for c in text.chars() {
        if c == '\t' {
            out.push_str(TAB);
        } else {
            out.push(shown(c));
        }
    }
}

/// A control character as its visible symbol (`␛` for escape), so content cannot drive the
/// terminal; other characters as they are, except those that reorder text (bidi controls).
fn shown(c: char) -> char {
    match c {
        '\0'..='\u{1f}' => char::from_u32(0x2400 + u32::from(c)).unwrap_or('\u{fffd}'),
        '\u{7f}' => '\u{2421}',
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => '\u{fffd}',
        c if c.is_control() => '\u{fffd}',
        c => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The excerpt of `line` for the first `needle` in it.
    fn at(line: &str, needle: &str) -> Excerpt {
        let start = line.find(needle).expect(needle);
        Excerpt::new(line, start..start + needle.len())
    }

    #[test]
    fn a_short_line_is_shown_whole() {
        let e = at("severity = \"sev5\"", "sev5");
        assert_eq!(
            (e.text.as_str(), e.caret, e.underline),
            ("severity = \"sev5\"", 12, 4)
        );
    }

    #[test]
    fn wide_characters_move_the_caret_by_their_width() {
        let e = at("障害 🔥 x = sev5", "sev5");
        assert_eq!((e.caret, e.underline), (12, 4));
        let e = at("a 障害 b", "障害");
        assert_eq!((e.caret, e.underline), (2, 4));
    }

    #[test]
    fn tabs_and_control_characters_are_shown_with_a_known_width() {
        let e = at("\tkey\t= \u{1b}[31mbad", "bad");
        assert_eq!(e.text, "    key    = ␛[31mbad");
        assert_eq!(e.caret, 18);
    }

    #[test]
    fn a_long_line_is_cut_around_the_problem() {
        let line = format!("{}BAD{}", "a".repeat(4_000_000), "b".repeat(4_000_000));
        let e = at(&line, "BAD");
        assert!(
            e.text.starts_with("…a") && e.text.ends_with("b…"),
            "{}",
            e.text
        );
        assert_eq!(e.text.width(), MAX_COLUMNS);
        assert_eq!(&e.text[e.text.find('B').unwrap()..][..3], "BAD");
        assert_eq!(e.text[..e.text.find('B').unwrap()].width(), e.caret);
        assert_eq!(e.underline, 3);
    }

    #[test]
    fn a_problem_near_either_end_is_cut_on_the_other_side_only() {
        let line = format!("BAD{}END", "x".repeat(1000));
        let e = at(&line, "BAD");
        assert!(
            e.text.starts_with("BADx") && e.text.ends_with("x…"),
            "{}",
            e.text
        );
        assert_eq!((e.caret, e.text.width()), (0, MAX_COLUMNS));
        let e = at(&line, "END");
        assert!(
            e.text.starts_with("…x") && e.text.ends_with("xEND"),
            "{}",
            e.text
        );
        assert_eq!((e.caret, e.text.width()), (MAX_COLUMNS - 3, MAX_COLUMNS));
        let e = Excerpt::new(&line, line.len()..line.len());
        assert_eq!((e.caret, e.underline), (MAX_COLUMNS, 1));
    }

    #[test]
    fn a_long_underline_is_cut_too() {
        let line = format!("key = \"{}\"", "v".repeat(10_000));
        let e = at(&line, &"v".repeat(10_000));
        assert_eq!(e.text.width(), MAX_COLUMNS);
        assert_eq!(e.caret, 7);
        assert_eq!(e.underline, MAX_COLUMNS - 1 - 7);
    }

    #[test]
    fn wide_characters_at_a_cut_are_left_out_whole() {
        let line = "障".repeat(1000);
        let middle = 500 * '障'.len_utf8();
        let e = Excerpt::new(&line, middle..middle + '障'.len_utf8());
        assert!(e.text.width() <= MAX_COLUMNS, "{}", e.text);
        assert_eq!(
            e.text[..e.text.len() - '…'.len_utf8()].chars().nth(1),
            Some('障')
        );
        assert_eq!(e.underline, 2);
        assert_eq!(e.caret % 2, 1, "after `…` and whole wide characters");
    }

    proptest::proptest! {
        #[test]
        fn any_line_and_span_give_a_bounded_excerpt_with_the_caret_inside(
            line in "(a|ø|障|🔥|\t|\u{1b}|\u{301}| ){0,300}",
            a in 0usize..400,
            b in 0usize..400,
        ) {
            let boundaries: Vec<usize> = line
                .char_indices()
                .map(|(i, _)| i)
                .chain([line.len()])
                .collect();
            let (a, b) = (boundaries[a % boundaries.len()], boundaries[b % boundaries.len()]);
            let e = Excerpt::new(&line, a.min(b)..a.max(b));
            let width = e.text.width();
            proptest::prop_assert!(width <= MAX_COLUMNS, "{} is {width} wide", e.text);
            proptest::prop_assert!(e.underline >= 1);
            proptest::prop_assert!(
                e.caret + e.underline <= width.max(e.caret + 1),
                "{e:?}"
            );
            if columns(&line) <= MAX_COLUMNS {
                proptest::prop_assert!(!e.text.contains('…'), "{e:?}");
            }
        }
    }
}
