//! The text of an HTML fragment debrief rendered itself: tags dropped, entities decoded, for places
//! that need words rather than markup (the search index).

/// `html` without its tags, with character references decoded and whitespace runs folded to one space.
///
/// One pass: a tag counts as whitespace (`<p>a</p><p>b</p>` is two words), and a decoded reference
/// is text, never the start of a tag (`&lt;b&gt;` stays `<b>`).
pub fn text(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut out = Squeezed {
        text: String::with_capacity(html.len()),
        space: false,
    };
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'<' => {
                out.space = true;
                i = html[i..].find('>').map_or(bytes.len(), |end| i + end + 1);
            }
            b'&' => {
                let (c, used) = reference(&html[i..]);
                out.push(c);
                i += used;
            }
            b if is_space(b) => {
                out.space = true;
                i += 1;
            }
            b if b.is_ascii() => {
                // A run of plain ASCII text is copied whole, words and the single spaces between.
                let end = plain_run_end(bytes, i);
                out.push_str(&html[i..end]);
                i = end;
            }
            _ => {
                let c = html[i..].chars().next().unwrap_or(' ');
                out.push(c);
                i += c.len_utf8();
            }
        }
    }
    // Exactly as long as the text: every incident's texts are held while the index is built.
    out.text.as_str().to_owned()
}

/// Whether an ASCII byte is whitespace as `char::is_whitespace` counts it (vertical tab included).
const fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | 0x0b | 0x0c | b'\r')
}

/// The bytes [`text`] copies as they stand, looked up once per byte: ASCII other than whitespace,
/// `<` and `&`.
const PLAIN: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 128 {
        let byte = b as u8;
        table[b] = !is_space(byte) && byte != b'<' && byte != b'&';
        b += 1;
    }
    table
};

/// Where the run of plain text from `i` of `bytes` (a [`PLAIN`] byte) ends: [`PLAIN`] bytes, and
/// single spaces each between two of them, which [`text`] would write as they stand. The run
/// neither starts nor ends with a space, so it can be pushed as one piece.
fn plain_run_end(bytes: &[u8], mut i: usize) -> usize {
    loop {
        while bytes.get(i).is_some_and(|&b| PLAIN[usize::from(b)]) {
            i += 1;
        }
        match bytes.get(i..i + 2) {
            Some(&[b' ', after]) if PLAIN[usize::from(after)] => i += 2,
            _ => return i,
        }
    }
}

/// Text being built with every whitespace run folded to one space, none at either end.
struct Squeezed {
    text: String,
    /// Whether whitespace came since the last text.
    space: bool,
}

impl Squeezed {
    fn push(&mut self, c: char) {
        if c.is_whitespace() {
            self.space = true;
        } else {
            self.push_str(c.encode_utf8(&mut [0; 4]));
        }
    }

    /// Appends `text`, which holds no whitespace but single spaces between other characters.
    fn push_str(&mut self, text: &str) {
        if self.space && !self.text.is_empty() {
            self.text.push(' ');
        }
        self.space = false;
        self.text.push_str(text);
    }
}

/// `text` (HTML text without tags) with its character references decoded: `&amp;`, `&lt;`, `&gt;`,
/// `&quot;`, `&apos;`, `&nbsp;` and numeric ones. Anything else, a lone `&` included, stays as it is.
pub fn decode(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        let (decoded, used) = reference(&rest[at..]);
        out.push(decoded);
        rest = &rest[at + used..];
    }
    out.push_str(rest);
    out
}

/// The character reference at the start of `text` (which starts with `&`) and the bytes it takes;
/// a lone `&` stays as it is.
fn reference(text: &str) -> (char, usize) {
    // Looked for by byte: twelve bytes may end inside a character.
    let Some(end) = text.bytes().take(12).position(|b| b == b';') else {
        return ('&', 1);
    };
    let name = &text[1..end];
    let decoded = match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some(' '),
        _ => name.strip_prefix('#').and_then(|number| {
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => number.parse().ok(),
            };
            code.and_then(char::from_u32)
        }),
    };
    match decoded {
        Some(c) => (c, end + 1),
        None => ('&', 1),
    }
}

#[cfg(test)]
mod tests {
    use super::text;

    #[test]
    fn tags_go_and_references_are_decoded() {
        assert_eq!(
            text("<p>Disk <em>full</em> &amp; slow</p><p>Lagring&#x2F;ytelse &#229;</p>"),
            "Disk full & slow Lagring/ytelse å"
        );
        assert_eq!(text("a &unknown; b & c"), "a &unknown; b & c");
        assert_eq!(text("<ul>\n<li>one</li>\n<li>two</li>\n</ul>"), "one two");
        assert_eq!(text("<p>&lt;b&gt; is bold</p>"), "<b> is bold");
    }

    #[test]
    fn whitespace_of_every_kind_folds_to_one_space() {
        assert_eq!(
            text("  a\u{b}\u{a0}b&nbsp;&#10;c <br> <br>d\u{3000}é\t\r\n"),
            "a b c d é"
        );
        assert_eq!(text("<p>x</p>"), "x");
        assert_eq!(text("&#32;x&#9;"), "x");
        assert_eq!(text("a<unclosed tag"), "a");
        assert_eq!(text(""), "");
    }

    /// Tags out, then references decoded, then whitespace folded: the three steps [`text`] makes in one.
    fn in_three_steps(html: &str) -> String {
        let mut stripped = String::new();
        let mut rest = html;
        while let Some(at) = rest.find('<') {
            stripped.push_str(&rest[..at]);
            stripped.push(' ');
            rest = rest[at..].find('>').map_or("", |end| &rest[at + end + 1..]);
        }
        stripped.push_str(rest);
        let decoded = super::decode(&stripped);
        decoded.split_whitespace().collect::<Vec<_>>().join(" ")
    }

    #[test]
    fn one_pass_gives_what_the_three_steps_give() {
        let parts = [
            "<", ">", "&", ";", "#", "x", "3", "9", "amp", "lt;", "gt", "&nbsp;", "&#10;",
            "&#x41;", "<p>", "</em>", " ", "\n", "\u{a0}", "\u{b}", "é", "å", "\u{3000}", "word",
            "&#xD800;",
        ];
        let mut x = 99u32;
        for _ in 0..3000 {
            let mut html = String::new();
            for _ in 0..(x >> 28) + 2 {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
                html.push_str(parts[(x >> 16) as usize % parts.len()]);
            }
            assert_eq!(text(&html), in_three_steps(&html), "{html:?}");
        }
    }

    #[test]
    fn words_and_single_spaces_are_copied_as_one_run_and_the_rest_folded() {
        assert_eq!(super::plain_run_end(b"ab cd  ef", 0), 5);
        assert_eq!(super::plain_run_end(b"ab cd <b>", 0), 5);
        assert_eq!(super::plain_run_end(b"ab cd \xc3\xa9", 0), 5);
        assert_eq!(super::plain_run_end(b"ab cd&amp;", 0), 5);
        assert_eq!(super::plain_run_end(b"ab c", 0), 4);
        assert_eq!(super::plain_run_end(b"ab ", 0), 2);
        assert_eq!(super::plain_run_end(b"a \tb", 0), 1);
        assert_eq!(
            text("<p>The disk  filled up. Then \n lag&amp;more </p> x <i>y</i>z"),
            "The disk filled up. Then lag&more x y z"
        );
    }

    #[test]
    fn a_greater_than_sign_in_text_does_not_repeat_the_text_before_it() {
        assert_eq!(text("a > b <i>c</i>"), "a > b c");
        assert_eq!(text("x>y<b>z</b>"), "x>y z");
    }

    #[test]
    fn a_reference_cut_short_by_a_wide_letter_stays_text() {
        // The twelfth byte falls inside `é`.
        assert_eq!(text("&aaaaaaaaaaé;"), "&aaaaaaaaaaé;");
        assert_eq!(super::decode("&aaaaaaaaaaé"), "&aaaaaaaaaaé");
    }

    #[test]
    fn decoding_keeps_tags_and_unknown_references() {
        assert_eq!(
            super::decode("<b>x&#X41;&nbsp;&bogus; &amp;</b>"),
            "<b>xA &bogus; &</b>"
        );
    }

    proptest::proptest! {
        #[test]
        fn any_html_gives_what_the_three_steps_give(
            html in "([a-z0-9 ]{0,20}|[<>&;#/\t\n\r\u{b}\u{c}\u{1c}\u{7f}]|&amp;|&#32;|&nbsp;|<p>|\u{a0}|\u{3000}|é|\u{85}){0,16}"
        ) {
            proptest::prop_assert_eq!(text(&html), in_three_steps(&html));
        }
    }
}
