//! Paths of files in the built site, checked in one place so that nothing a page, a content file or
//! a theme names can land outside the output folder or mean something else to a file system.

use std::borrow::Borrow;
use std::fmt;
use std::path::Path;

/// A `/`-separated path relative to the output folder that stays inside it on every platform.
///
/// [`OutputPath::new`] is the only way to make one: every segment is a plain file or folder name
/// (no `.`, `..` or empty segments, no backslash, drive colon, control character or other character
/// Windows refuses, no trailing dot or space, which Windows drops).
///
/// Windows device names (`CON`, `aux`) are allowed: slugs of incidents and of taxonomy terms name
/// folders too, and refusing a tag `aux` here would fail a build that `check` passed.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct OutputPath(String);

/// A path [`OutputPath::new`] refused, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathError {
    /// The path as given.
    pub path: String,
    /// What is wrong with it.
    pub reason: Reason,
}

/// What makes a path unusable in the output.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reason {
    /// Nothing at all.
    Empty,
    /// It starts with `/`.
    Absolute,
    /// Two `/` in a row, or one at the end.
    EmptySegment,
    /// A segment that is `.` or `..`.
    DotSegment(String),
    /// A segment holding a character that is not allowed.
    Character {
        /// The file or folder name.
        segment: String,
        /// The character.
        found: char,
    },
    /// A segment ending in `.` or a space, which Windows drops.
    TrailingDotOrSpace(String),
}

/// What a valid output path looks like, for diagnostics.
pub const VALID_PATH_HELP: &str = "use names made of letters, digits, `-`, `_` and `.` (such as `diagram-1.png`), \
     with `/` only between folder names; `.` and `..` as names, drive letters (`C:`), backslashes, control characters \
     and the characters `: * ? \" < > |` are not allowed";

/// Characters Windows does not allow in names; `\` also separates folders there, and `:` starts a drive
/// or a stream (and, in a link, a URL scheme).
const FORBIDDEN: &[char] = &['\\', ':', '*', '?', '"', '<', '>', '|'];

impl OutputPath {
    /// Checks `path` and wraps it, or says what makes it unusable.
    pub fn new(path: &str) -> Result<OutputPath, PathError> {
        let fail = |reason| {
            Err(PathError {
                path: path.to_string(),
                reason,
            })
        };
        if path.is_empty() {
            return fail(Reason::Empty);
        }
        if path.starts_with('/') {
            return fail(Reason::Absolute);
        }
        for segment in path.split('/') {
            if let Err(reason) = check_segment(segment) {
                return fail(reason);
            }
        }
        Ok(OutputPath(path.to_string()))
    }

    /// The path, `/`-separated.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// Whether one file or folder name is usable, and if not, why.
fn check_segment(segment: &str) -> Result<(), Reason> {
    let owned = || segment.to_string();
    if segment.is_empty() {
        return Err(Reason::EmptySegment);
    }
    if segment == "." || segment == ".." {
        return Err(Reason::DotSegment(owned()));
    }
    if let Some(found) = segment
        .chars()
        .find(|c| c.is_control() || FORBIDDEN.contains(c))
    {
        return Err(Reason::Character {
            segment: owned(),
            found,
        });
    }
    if segment.ends_with('.') || segment.ends_with(' ') {
        return Err(Reason::TrailingDotOrSpace(owned()));
    }
    Ok(())
}

impl fmt::Display for Reason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Reason::Empty => write!(f, "the path is empty"),
            Reason::Absolute => write!(f, "it starts with `/`, which makes it absolute"),
            Reason::EmptySegment => write!(f, "it has an empty name (`//` or a `/` at the end)"),
            Reason::DotSegment(dots) => {
                write!(
                    f,
                    "`{dots}` is not allowed as a name: it would leave its folder"
                )
            }
            Reason::Character { segment, found } => {
                let what = match found {
                    '\\' => "a backslash (`\\`), which separates folders on Windows".to_string(),
                    ':' => "`:`, which starts a drive (`C:`) on Windows and a URL scheme in a link"
                        .to_string(),
                    c if c.is_control() => format!("the control character U+{:04X}", u32::from(*c)),
                    c => format!("`{c}`, which Windows does not allow in names"),
                };
                write!(f, "the name `{}` contains {what}", printable(segment))
            }
            Reason::TrailingDotOrSpace(name) => {
                write!(
                    f,
                    "`{name}` ends with a dot or a space, which Windows drops"
                )
            }
        }
    }
}

impl fmt::Display for PathError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "`{}` cannot be a file of the site: {}",
            printable(&self.path),
            self.reason
        )
    }
}

impl std::error::Error for PathError {}

/// `text` with control characters written as escapes (`\n`, `\u{7f}`), so a message stays on one line.
fn printable(text: &str) -> String {
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

impl fmt::Display for OutputPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl AsRef<str> for OutputPath {
    fn as_ref(&self) -> &str {
        &self.0
    }
}

impl AsRef<Path> for OutputPath {
    fn as_ref(&self) -> &Path {
        Path::new(&self.0)
    }
}

/// Lets maps keyed by `OutputPath` be looked up with a `&str`.
impl Borrow<str> for OutputPath {
    fn borrow(&self) -> &str {
        &self.0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reason(path: &str) -> Reason {
        OutputPath::new(path).expect_err(path).reason
    }

    #[test]
    fn plain_paths_are_accepted() {
        for good in [
            "index.html",
            "incidents/mail-outage/index.html",
            "incidents/b/img/diagram 1.png",
            "static/style.3f2a9c1e.css",
            ".well-known/security.txt",
            "ærlig/øl.txt",
            "a..b/c",
        ] {
            assert_eq!(OutputPath::new(good).expect(good).as_str(), good);
        }
    }

    #[test]
    fn paths_that_escape_or_confuse_a_file_system_are_refused() {
        assert_eq!(reason(""), Reason::Empty);
        assert_eq!(reason("/etc/passwd"), Reason::Absolute);
        assert_eq!(reason("a//b"), Reason::EmptySegment);
        assert_eq!(reason("a/"), Reason::EmptySegment);
        assert_eq!(reason("a/../b"), Reason::DotSegment("..".into()));
        assert_eq!(reason("./a"), Reason::DotSegment(".".into()));
        assert_eq!(reason(".."), Reason::DotSegment("..".into()));
        for (path, found) in [
            ("x\\..\\..\\evil.txt", '\\'),
            ("\\\\server\\share", '\\'),
            ("C:/Windows", ':'),
            ("c:evil", ':'),
            ("file.txt:stream", ':'),
            ("a\0b", '\0'),
            ("a\nb", '\n'),
            ("a\u{7f}b", '\u{7f}'),
            ("a\u{85}b", '\u{85}'),
            ("what?.png", '?'),
            ("a|b", '|'),
        ] {
            assert!(
                matches!(reason(path), Reason::Character { found: f, .. } if f == found),
                "{path:?}"
            );
        }
        assert_eq!(reason("a./b"), Reason::TrailingDotOrSpace("a.".into()));
        assert_eq!(reason("..."), Reason::TrailingDotOrSpace("...".into()));
        assert_eq!(reason("b "), Reason::TrailingDotOrSpace("b ".into()));
        assert!(
            OutputPath::new("tags/aux/index.html").is_ok(),
            "slugs may be device names"
        );
    }

    #[test]
    fn the_message_names_the_path_and_the_character() {
        let error = OutputPath::new("b/x\\..\\evil.txt").expect_err("backslash");
        let message = error.to_string();
        assert!(message.contains("`b/x\\..\\evil.txt`"), "{message}");
        assert!(message.contains("backslash"), "{message}");
    }

    #[test]
    fn control_characters_are_shown_escaped() {
        let message = OutputPath::new("a\nb").expect_err("newline").to_string();
        assert!(
            message.contains("`a\\nb`") && !message.contains('\n'),
            "{message}"
        );
    }

    #[test]
    fn maps_keyed_by_paths_are_looked_up_by_str() {
        let mut map = std::collections::BTreeMap::new();
        map.insert(OutputPath::new("a/b").expect("valid"), 1);
        assert_eq!(map.get("a/b"), Some(&1));
    }
}
