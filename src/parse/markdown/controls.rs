//! Control characters in markdown (a NUL byte pasted from a log, a bell): left out of text and ids,
//! shown as U+FFFD in HTML. Most text has none, which a look at its bytes tells without decoding it.

use std::borrow::Cow;

use crate::parse::words::joined_words;

/// Trims `text` and replaces every run of whitespace with one space; other control characters
/// are left out.
pub(super) fn collapse_whitespace(text: &str) -> String {
    joined_words(&drop_controls(text))
}

/// `text` without its control characters, except the whitespace ones (tab, line breaks).
pub(super) fn drop_controls(text: &str) -> Cow<'_, str> {
    if !may_hold_controls(text) {
        return Cow::Borrowed(text);
    }
    text.chars()
        .filter(|c| !c.is_control() || c.is_whitespace())
        .collect()
}

/// Whether `text` may hold a control character other than tab, line feed and carriage return: a
/// quick look at its bytes (C0 controls, DEL, and the lead byte of C1 controls, which other
/// characters share), so that text without any is not read char by char.
fn may_hold_controls(text: &str) -> bool {
    // Whole chunks without an early exit, which the compiler turns into vector instructions.
    text.as_bytes()
        .chunks(64)
        .any(|chunk| chunk.iter().fold(false, |found, &b| found | suspect(b)))
}

/// Whether a byte is a control other than tab, line feed and carriage return, or a C1 lead byte.
fn suspect(b: u8) -> bool {
    (b < 0x20 && b != b'\t' && b != b'\n' && b != b'\r') || b == 0x7f || b == 0xc2
}

/// Whether `c` is a control character that has no place in a page: any but tab and line breaks.
fn is_stray_control(c: char) -> bool {
    c.is_control() && !matches!(c, '\t' | '\n' | '\r')
}

/// `html` with each stray control character (a NUL byte pasted from a log, say) replaced by
/// U+FFFD, as CommonMark does with NUL, so the page shows that something was there.
pub(super) fn replace_controls(html: String) -> String {
    if !may_hold_controls(&html) || !html.contains(is_stray_control) {
        return html;
    }
    html.chars()
        .map(|c| if is_stray_control(c) { '\u{FFFD}' } else { c })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn the_quick_look_misses_no_control_character(text in "(\\PC|\\p{Cc}|\u{a0}|\u{85}){0,40}") {
            let dropped: String = text
                .chars()
                .filter(|c| !c.is_control() || c.is_whitespace())
                .collect();
            prop_assert_eq!(drop_controls(&text), dropped);
            let replaced: String = text
                .chars()
                .map(|c| if is_stray_control(c) { '\u{FFFD}' } else { c })
                .collect();
            prop_assert_eq!(replace_controls(text), replaced);
        }
    }
}
