//! Small scanners the fast readers of YAML and TOML front matter share, so both read quoted
//! strings and stray characters alike.

/// The longest front matter the fast readers take: far below the general YAML parser's limits on
/// nodes, and short enough that their key-by-key duplicate checks stay cheap.
const MAX_TEXT: usize = 64 * 1024;

/// True when `text` is short and has none of the characters the fast readers leave to the general
/// parsers: tabs, carriage returns and other control characters, and the Unicode line separators
/// and byte-order mark that YAML gives a meaning of their own.
pub(super) fn fast_readable(text: &str) -> bool {
    let bytes = text.as_bytes();
    if bytes.len() > MAX_TEXT {
        return false;
    }
    // Every byte looked at, with no stop at the first control character: the compiler then
    // checks many bytes at once.
    let control = |b: u8| (b < 0x20 && b != b'\n') | (b == 0x7f);
    if bytes.iter().fold(false, |found, &b| found | control(b)) {
        return false;
    }
    bytes.is_ascii()
        || !text.chars().any(|c| {
            matches!(
                c,
                '\u{80}'
                    ..='\u{9f}' | '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
            )
        })
}

/// Reads the double-quoted string `s` starts with (`s` is one line): its value and the bytes it
/// takes, quotes included. Only the `\"` and `\\` escapes are read (they mean the same in YAML and
/// TOML); any other escape, or no closing quote on the line, gives `None`.
pub(super) fn double_quoted(s: &str) -> Option<(String, usize)> {
    let bytes = s.as_bytes();
    debug_assert_eq!(bytes.first(), Some(&b'"'));
    // Most strings hold no escape: their closing quote is the first quote or backslash after the
    // opening one, found many bytes at a time, and their value is copied at once.
    let at = 1 + memchr::memchr2(b'"', b'\\', bytes.get(1..)?)?;
    if bytes[at] == b'"' {
        return Some((s[1..at].to_string(), at + 1));
    }
    escaped_from(s, at)
}

/// [`double_quoted`] of `s` read byte by byte from `at`, the first byte after the opening quote
/// that may be a quote or a backslash.
fn escaped_from(s: &str, mut at: usize) -> Option<(String, usize)> {
    let bytes = s.as_bytes();
    let mut value = String::new();
    let mut from = 1;
    loop {
        match bytes.get(at)? {
            b'"' => {
                value.push_str(&s[from..at]);
                return Some((value, at + 1));
            }
            b'\\' => {
                let escaped = *bytes.get(at + 1)?;
                if escaped != b'"' && escaped != b'\\' {
                    return None;
                }
                value.push_str(&s[from..at]);
                value.push(char::from(escaped));
                at += 2;
                from = at;
            }
            _ => at += 1,
        }
    }
}

/// True when what follows a value on its line is nothing, or a `#` comment after a space.
pub(super) fn only_comment(rest: &str) -> bool {
    rest.is_empty() || (rest.starts_with(' ') && rest.trim_start_matches(' ').starts_with('#'))
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn a_quoted_string_reads_as_when_read_byte_by_byte(text in "\"[a-z \"\\\\é]{0,30}") {
            proptest::prop_assert_eq!(double_quoted(&text), escaped_from(&text, 1));
        }

        #[test]
        fn a_control_character_anywhere_leaves_the_text_to_the_general_parsers(
            text in "[ -~\t\n\r\u{0}\u{1f}\u{7f}é]{0,200}"
        ) {
            let control = text.bytes().any(|b| (b < 0x20 && b != b'\n') || b == 0x7f);
            proptest::prop_assert_eq!(fast_readable(&text), !control);
        }
    }
}
