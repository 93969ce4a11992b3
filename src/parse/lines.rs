//! Lines of text, each found by a search for its line break many bytes at a time: front matter
//! is read line by line, and a line is short, which the standard library's search for a character
//! is slow to start on.

/// The lines of `text`, each with its `\n`, as [`str::split_inclusive`] on `'\n'` gives them (the
/// last line may have none; an empty text has no line).
pub(crate) fn split_lines(text: &str) -> impl Iterator<Item = &str> {
    let mut rest = text;
    std::iter::from_fn(move || {
        if rest.is_empty() {
            return None;
        }
        let end = memchr::memchr(b'\n', rest.as_bytes()).map_or(rest.len(), |at| at + 1);
        let (line, after) = rest.split_at(end);
        rest = after;
        Some(line)
    })
}

#[cfg(test)]
mod tests {
    use super::split_lines;
    use proptest::prelude::*;

    #[test]
    fn lines_keep_their_breaks_and_the_last_may_have_none() {
        let lines = |text| split_lines(text).collect::<Vec<_>>();
        assert_eq!(lines(""), Vec::<&str>::new());
        assert_eq!(lines("\n"), ["\n"]);
        assert_eq!(lines("a\r\n\nb"), ["a\r\n", "\n", "b"]);
        assert_eq!(lines("title = \"x\"\n"), ["title = \"x\"\n"]);
    }

    proptest! {
        #[test]
        fn lines_are_those_split_inclusive_gives(text in "([a-z ]{0,40}|\n|\r|é|\u{2028}){0,30}") {
            let split: Vec<&str> = text.split_inclusive('\n').collect();
            prop_assert_eq!(split_lines(&text).collect::<Vec<_>>(), split);
        }
    }
}
