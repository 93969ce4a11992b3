//! Template sources without their indentation: templates stay readable, and the pages they make do
//! not carry the indentation of every repeated card and row (a tenth of a large archive's bytes).
//! Leading spaces and tabs of a line only ever separate tags, which a newline does as well, except
//! inside `<pre>`, `<textarea>`, `<script>` and `<style>`, whose lines are kept as written. Every
//! line stays, so a template error names the line of the file.

/// Elements whose text is shown (or run) as written.
const VERBATIM: [&str; 4] = ["pre", "textarea", "script", "style"];

/// `source` with the leading spaces and tabs of each line removed outside the [`VERBATIM`]
/// elements.
pub fn strip(source: &str) -> String {
    let mut out = String::with_capacity(source.len());
    let mut inside: Option<&str> = None;
    for line in source.split_inclusive('\n') {
        if inside.is_some() {
            out.push_str(line);
        } else {
            out.push_str(line.trim_start_matches([' ', '\t']));
        }
        inside = state_after(line, inside);
    }
    out
}

/// Which verbatim element is open after `line`, given the one open before it.
fn state_after<'e>(line: &str, mut inside: Option<&'e str>) -> Option<&'e str> {
    let lower = line.to_ascii_lowercase();
    let mut at = 0;
    while let Some(found) = lower[at..].find('<') {
        let tag = &lower[at + found + 1..];
        at += found + 1;
        match inside {
            Some(name) => {
                if tag.strip_prefix('/').is_some_and(|t| opens(t, name)) {
                    inside = None;
                }
            }
            None => inside = VERBATIM.into_iter().find(|name| opens(tag, name)),
        }
    }
    inside
}

/// Whether `tag` (the text after `<` or `</`) starts with the element `name`.
fn opens(tag: &str, name: &str) -> bool {
    tag.strip_prefix(name)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with(['>', ' ', '\t', '\n', '\r', '/']))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn indentation_goes_and_every_line_stays() {
        assert_eq!(
            strip("<ul>\n  <li>a</li>\n\n\t<li>b</li>\n   \n</ul>\n"),
            "<ul>\n<li>a</li>\n\n<li>b</li>\n\n</ul>\n"
        );
    }

    #[test]
    fn verbatim_elements_keep_their_lines() {
        let source = "<div>\n  <pre class=\"x\">\n  one\n\n    two</pre>\n  <p>after</p>\n</div>\n";
        assert_eq!(
            strip(source),
            "<div>\n<pre class=\"x\">\n  one\n\n    two</pre>\n<p>after</p>\n</div>\n"
        );
        assert_eq!(
            strip("<SCRIPT>\n  if (a) {\n    b();\n  }\n</script>\n  <i>x</i>\n"),
            "<SCRIPT>\n  if (a) {\n    b();\n  }\n</script>\n<i>x</i>\n"
        );
        assert_eq!(
            strip("<pre>a</pre><p>\n  b\n"),
            "<pre>a</pre><p>\nb\n",
            "closed on its own line"
        );
        assert_eq!(
            strip("<preview>\n  x\n<prefix>\n"),
            "<preview>\nx\n<prefix>\n",
            "only the element itself"
        );
    }
}
