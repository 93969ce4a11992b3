//! Problems found in a site's content, with the place they were found and what would be valid.
//!
//! Parsing never stops at the first problem: every stage collects [`Problem`]s (a byte range in one
//! file) and the caller turns them into [`Diagnostic`]s, which carry everything needed to print them
//! (path, line, column, an excerpt of the source line) in human, GitHub-annotation or JSON form.

mod excerpt;
pub mod group;

use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Serialize;

pub use excerpt::Excerpt;

/// How serious a problem is: errors stop a build, warnings do not (unless `--strict`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// The content is invalid; nothing is written.
    Error,
    /// The content is suspicious but still builds.
    Warning,
}

/// A problem at a byte range of one file, before it is tied to that file.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// Error or warning.
    pub level: Level,
    /// Byte range in the file's text (may be empty: then the caret points at its start).
    pub span: Range<usize>,
    /// What is wrong.
    pub message: String,
    /// What would be valid, if there is something to say.
    pub help: Option<String>,
}

impl Problem {
    /// An error at `span`.
    pub fn error(span: Range<usize>, message: impl Into<String>) -> Self {
        Self {
            level: Level::Error,
            span,
            message: message.into(),
            help: None,
        }
    }

    /// A warning at `span`.
    pub fn warning(span: Range<usize>, message: impl Into<String>) -> Self {
        Self {
            level: Level::Warning,
            span,
            message: message.into(),
            help: None,
        }
    }

    /// The same problem with a hint on what would be valid.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The same problem moved by `offset` bytes (for spans found in a slice of a file).
    #[must_use]
    pub fn shifted(mut self, offset: usize) -> Self {
        self.span = self.span.start + offset..self.span.end + offset;
        self
    }
}

/// A problem tied to its file: what `check` and `build` print.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub level: Level,
    /// The file, as the user named it (relative to the site root).
    pub path: PathBuf,
    /// 1-based line; 0 when the problem concerns the whole file.
    pub line: usize,
    /// 1-based column in characters; 0 when the problem concerns the whole file.
    pub column: usize,
    /// The part of the line shown under the header, with where the caret goes (empty when the
    /// problem concerns the whole file).
    #[serde(skip)]
    pub excerpt: Excerpt,
    /// What is wrong.
    pub message: String,
    /// What would be valid.
    pub help: Option<String>,
}

impl Diagnostic {
    /// Ties `problem` to the file at `path` whose text is `text`.
    pub fn locate(path: &Path, text: &str, problem: Problem) -> Self {
        let start = floor_char_boundary(text, problem.span.start.min(text.len()));
        let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        let source_line = text[line_start..line_end].trim_end_matches('\r');
        let source_end = line_start + source_line.len();
        let line = text[..start].matches('\n').count() + 1;
        let column = text[line_start..start].chars().count() + 1;
        // A span starting at the `\r` of a `\r\n` puts the caret just after the text.
        let start = start.min(source_end);
        let end = floor_char_boundary(text, problem.span.end.clamp(start, source_end));
        Self {
            level: problem.level,
            path: path.to_path_buf(),
            line,
            column,
            excerpt: Excerpt::new(source_line, start - line_start..end - line_start),
            message: bounded(problem.message),
            help: problem.help.map(bounded),
        }
    }

    /// A problem with a whole file (unreadable, empty, …) or a place with no text to show.
    pub fn whole_file(level: Level, path: &Path, message: impl Into<String>) -> Self {
        Self {
            level,
            path: path.to_path_buf(),
            line: 0,
            column: 0,
            excerpt: Excerpt::default(),
            message: bounded(message.into()),
            help: None,
        }
    }

    /// The same diagnostic with a hint on what would be valid.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(bounded(help.into()));
        self
    }

    /// `path:line:col`, or the path alone for whole-file problems.
    pub fn location(&self) -> String {
        if self.line == 0 {
            self.path.display().to_string()
        } else {
            format!("{}:{}:{}", self.path.display(), self.line, self.column)
        }
    }

    /// The rustc-style text: a header, the source line with a caret, and the help.
    pub fn to_human(&self) -> String {
        let kind = match self.level {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        let mut out = format!("{kind}: {}\n", self.message);
        let gutter = if self.line == 0 {
            1
        } else {
            self.line.to_string().len()
        };
        let pad = " ".repeat(gutter);
        let _ = writeln!(out, "{pad}--> {}", self.location());
        if self.line != 0 {
            let excerpt = &self.excerpt;
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{} | {}", self.line, excerpt.text);
            let _ = writeln!(
                out,
                "{pad} | {}{}",
                " ".repeat(excerpt.caret),
                "^".repeat(excerpt.underline)
            );
        }
        if let Some(help) = &self.help {
            let _ = writeln!(out, "{pad} = help: {help}");
        }
        out
    }

    /// A GitHub Actions workflow command (`::error file=…,line=…,col=…::message`).
    pub fn to_github(&self) -> String {
        let kind = match self.level {
            Level::Error => "error",
            Level::Warning => "warning",
        };
        let mut message = self.message.clone();
        if let Some(help) = &self.help {
            message.push_str(" (help: ");
            message.push_str(help);
            message.push(')');
        }
        let file = escape_property(&self.path.display().to_string());
        let mut props = format!("file={file}");
        if self.line != 0 {
            let _ = write!(props, ",line={},col={}", self.line, self.column);
        }
        format!("::{kind} {props}::{}", escape_data(&message))
    }
}

/// All diagnostics of a run, sorted by file and place so output is stable.
#[derive(Clone, Debug, Default, Serialize)]
pub struct Diagnostics(pub Vec<Diagnostic>);

impl Diagnostics {
    /// Adds one diagnostic.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// Adds many.
    pub fn extend(&mut self, more: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(more);
    }

    /// Sorts by path, line, column, then message.
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            (&a.path, a.line, a.column, &a.message).cmp(&(&b.path, b.line, b.column, &b.message))
        });
        self.0.dedup();
    }

    /// How many errors.
    pub fn errors(&self) -> usize {
        self.0.iter().filter(|d| d.level == Level::Error).count()
    }

    /// How many warnings.
    pub fn warnings(&self) -> usize {
        self.0.iter().filter(|d| d.level == Level::Warning).count()
    }

    /// `2 errors, 1 warning`.
    pub fn tally(&self) -> String {
        format!(
            "{}, {}",
            plural(self.errors(), "error"),
            plural(self.warnings(), "warning")
        )
    }

    /// Prints every diagnostic to stderr in the human format.
    pub fn print_human(&self) {
        for diagnostic in &self.0 {
            eprintln!("{}", diagnostic.to_human());
        }
    }

    /// Prints the diagnostics to stderr in the human format, repeated kinds grouped (see
    /// [`group::human`]); `verbose` shows every place.
    pub fn print_grouped(&self, verbose: bool) {
        eprint!("{}", group::human(&self.0, verbose));
    }
}

/// `1 file`, `2 files`: a count with its noun.
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// The most characters a message or help shows: a value quoted from the content can be megabytes.
const MAX_MESSAGE_CHARS: usize = 500;

/// `text`, with its middle cut to `…` when it is longer than [`MAX_MESSAGE_CHARS`] (its end, often
/// a closing quote, stays).
fn bounded(text: String) -> String {
    if text.chars().nth(MAX_MESSAGE_CHARS).is_none() {
        return text;
    }
    let tail_chars = MAX_MESSAGE_CHARS / 5;
    let head = text
        .char_indices()
        .nth(MAX_MESSAGE_CHARS - tail_chars - 1)
        .map_or(0, |(i, _)| i);
    let tail = text
        .char_indices()
        .rev()
        .nth(tail_chars - 1)
        .map_or(0, |(i, _)| i);
    format!("{}…{}", &text[..head], &text[tail..])
}

fn floor_char_boundary(text: &str, mut index: usize) -> usize {
    while !text.is_char_boundary(index) {
        index -= 1;
    }
    index
}

fn escape_data(s: &str) -> String {
    s.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locate_counts_lines_and_characters() {
        let text = "first\nsæcond line\nthird";
        let at = text.find("cond").unwrap();
        let d = Diagnostic::locate(Path::new("a.md"), text, Problem::error(at..at + 4, "bad"));
        assert_eq!((d.line, d.column, d.excerpt.underline), (2, 3, 4));
        assert_eq!(d.excerpt.text, "sæcond line");
        assert!(
            d.to_human().contains("2 | sæcond line\n  |   ^^^^"),
            "{}",
            d.to_human()
        );
    }

    #[test]
    fn a_huge_value_quoted_in_a_message_is_cut_in_its_middle() {
        let value = "ø".repeat(4_000_000);
        let p = Problem::error(0..1, format!("unknown severity `{value}`")).with_help(&value);
        let d = Diagnostic::locate(Path::new("a.md"), "x", p);
        for text in [&d.message, d.help.as_ref().unwrap()] {
            assert_eq!(text.chars().count(), MAX_MESSAGE_CHARS, "{text}");
            assert!(text.contains("øø…øø"), "{text}");
        }
        assert!(d.message.starts_with("unknown severity `ø") && d.message.ends_with("ø`"));
        let short = "unknown severity `sev5`";
        let d = Diagnostic::whole_file(Level::Error, Path::new("a.md"), short);
        assert_eq!(d.message, short);
    }

    #[test]
    fn github_annotations_escape_newlines_and_commas() {
        let d = Diagnostic::locate(Path::new("a,b.md"), "x", Problem::warning(0..1, "one\ntwo"));
        assert_eq!(
            d.to_github(),
            "::warning file=a%2Cb.md,line=1,col=1::one%0Atwo"
        );
    }
}
