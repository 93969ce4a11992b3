//! Problems found in a site's content, with the place they were found and what would be valid.
//!
//! Parsing never stops at the first problem: every stage collects [`Problem`]s (a byte range in one
//! file) and the caller turns them into [`Diagnostic`]s, which carry everything needed to print them
//! (path, line, column, the source line) in human, GitHub-annotation or JSON form.

use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::Serialize;

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
    /// Characters the caret underlines (at least 1 when there is a position).
    #[serde(skip)]
    pub width: usize,
    /// The text of the line, for the snippet.
    #[serde(skip)]
    pub source_line: String,
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
        let source_line = text[line_start..line_end]
            .trim_end_matches('\r')
            .to_string();
        let line = text[..start].matches('\n').count() + 1;
        let column = text[line_start..start].chars().count() + 1;
        let end = floor_char_boundary(text, problem.span.end.clamp(start, line_end));
        let width = text[start..end].chars().count().max(1);
        Self {
            level: problem.level,
            path: path.to_path_buf(),
            line,
            column,
            width,
            source_line,
            message: problem.message,
            help: problem.help,
        }
    }

    /// A problem with a whole file (unreadable, empty, …) or a place with no text to show.
    pub fn whole_file(level: Level, path: &Path, message: impl Into<String>) -> Self {
        Self {
            level,
            path: path.to_path_buf(),
            line: 0,
            column: 0,
            width: 0,
            source_line: String::new(),
            message: message.into(),
            help: None,
        }
    }

    /// The same diagnostic with a hint on what would be valid.
    #[must_use]
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
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
            let caret_pad: String = self
                .source_line
                .chars()
                .take(self.column - 1)
                .map(|c| if c == '\t' { '\t' } else { ' ' })
                .collect();
            let _ = writeln!(out, "{pad} |");
            let _ = writeln!(out, "{} | {}", self.line, self.source_line);
            let _ = writeln!(out, "{pad} | {caret_pad}{}", "^".repeat(self.width));
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
}

/// `1 file`, `2 files`: a count with its noun.
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
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
        assert_eq!((d.line, d.column, d.width), (2, 3, 4));
        assert_eq!(d.source_line, "sæcond line");
        assert!(
            d.to_human().contains("2 | sæcond line\n  |   ^^^^"),
            "{}",
            d.to_human()
        );
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
