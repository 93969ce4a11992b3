//! The words of a text joined by single spaces: a heading's text, a collapsed line.

/// The words of `text` (as [`str::split_whitespace`] splits them) joined by single spaces, without
/// a list of them.
pub(crate) fn joined_words(text: &str) -> String {
    let mut joined = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !joined.is_empty() {
            joined.push(' ');
        }
        joined.push_str(word);
    }
    joined
}

#[cfg(test)]
mod tests {
    use super::joined_words;
    use proptest::prelude::*;

    #[test]
    fn runs_of_whitespace_become_one_space_and_the_ends_none() {
        assert_eq!(
            joined_words("  Root\t cause\n\u{a0}here "),
            "Root cause here"
        );
        assert_eq!(joined_words(" \n "), "");
    }

    proptest! {
        #[test]
        fn words_are_joined_as_collecting_them_joins_them(text in "([a-zé]{0,6}|[ \t\n\r]|\u{a0}|\u{2028}){0,20}") {
            let collected = text.split_whitespace().collect::<Vec<_>>().join(" ");
            prop_assert_eq!(joined_words(&text), collected);
        }
    }
}
