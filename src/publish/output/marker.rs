//! The `.debrief-build` marker: how a folder proves that debrief wrote it, so that the next build
//! may replace it whole and a killed build's leftovers may be removed — and nothing else may.

use crate::util::output_path::OutputPath;
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::fs::File;
use std::io::Write;
use std::path::Path;

/// The marker's name, at the top of every build. A dotfile: not a page, and not in the sitemap.
pub const BUILD_MARK: &str = ".debrief-build";

/// The marker's first line, exactly. The number changes with the format of the lines after it.
pub const HEADER: &str = "debrief build output, format 1";

/// Said after the header, for whoever opens the file.
const PREAMBLE: &str = "\
# debrief wrote this folder. The next `debrief build` replaces it whole, but only while it holds
# nothing but the files listed below (one JSON string a line): files added by hand stop the build.
";

/// A marker larger than this is not one debrief wrote (a million files listed is ~100 MB).
const MAX_BYTES: u64 = 256 << 20;

/// How many of the entries found a message names before it says "and N more".
const NAMED: usize = 8;

/// Where the finished marker is written before it is renamed over [`BUILD_MARK`]. A folder being
/// written lists it first, so that it never holds a file its marker does not list.
pub const NEXT: &str = ".debrief-build.next";

/// Writes the marker listing `files` into the new folder `dir` (failing if it already holds one),
/// as a build's ends up.
#[cfg(test)]
pub fn write<'a>(
    dir: &Path,
    files: impl IntoIterator<Item = &'a OutputPath>,
) -> std::io::Result<()> {
    create(dir)?.write_all(text(files).as_bytes())
}

/// Starts the marker of the new folder `dir` whose files are not known yet: its header and
/// [`NEXT`], ready for [`line`]s appended before each file is written, so that a build killed while
/// writing leaves a folder that still proves to be debrief's.
pub fn begin(dir: &Path) -> std::io::Result<File> {
    let mut file = create(dir)?;
    file.write_all(format!("{HEADER}\n{PREAMBLE}{}", line(NEXT)).as_bytes())?;
    Ok(file)
}

/// Replaces the marker [`begin`] started in `dir` with the one listing `files` in order, exactly
/// as [`write`] would have written it: written beside it as [`NEXT`], then renamed over it.
pub fn finish<'a>(
    dir: &Path,
    files: impl IntoIterator<Item = &'a OutputPath>,
) -> std::io::Result<()> {
    let next = dir.join(NEXT);
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&next)?
        .write_all(text(files).as_bytes())?;
    std::fs::rename(next, dir.join(BUILD_MARK))
}

/// One file's line of the marker: the name as a JSON string.
pub fn line(file: &str) -> String {
    let mut line = String::new();
    push_line(&mut line, file);
    line
}

/// Appends [`line`]`(file)` to `text`.
pub fn push_line(text: &mut String, file: &str) {
    text.push_str(&serde_json::Value::from(file).to_string());
    text.push('\n');
}

/// The marker of a folder holding `files`.
fn text<'a>(files: impl IntoIterator<Item = &'a OutputPath>) -> String {
    let mut text = format!("{HEADER}\n{PREAMBLE}");
    for file in files {
        push_line(&mut text, file.as_str());
    }
    text
}

/// Creates the marker of the new folder `dir`, failing if it already holds one.
fn create(dir: &Path) -> std::io::Result<File> {
    std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(dir.join(BUILD_MARK))
}

/// Whether a build may replace `dir` whole: it does not exist, is an empty folder, or holds a
/// previous build — debrief's marker, a regular file with the exact header, and nothing but the
/// files the marker lists. Otherwise what was found and what to do, to follow "refusing to build
/// into <dir>: ".
pub fn check_replaceable(dir: &Path) -> Result<(), String> {
    let meta = match std::fs::symlink_metadata(dir) {
        Ok(meta) => meta,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(error) => return Err(format!("it cannot be read: {error}")),
    };
    if meta.file_type().is_symlink() {
        return Err("it is a link; build into the folder it points to".into());
    }
    if !meta.is_dir() {
        return Err("it is a file, not a folder; choose another --output".into());
    }
    let mut found: Vec<String> = std::fs::read_dir(dir)
        .map_err(|error| format!("it cannot be read: {error}"))?
        .map(|entry| match entry {
            Ok(entry) if entry.file_type().is_ok_and(|t| t.is_dir()) => {
                format!("{}/", entry.file_name().to_string_lossy())
            }
            Ok(entry) => entry.file_name().to_string_lossy().into_owned(),
            Err(error) => format!("(unreadable: {error})"),
        })
        .collect();
    if found.is_empty() {
        return Ok(());
    }
    found.sort();
    let listed = read(dir).map_err(|why| {
        format!(
            "it is not empty and holds no previous debrief build ({why}); it holds {}. A build \
             replaces the whole folder: choose another --output, or remove the folder if it is an \
             earlier build",
            named(&found)
        )
    })?;
    let foreign = foreign(dir, &listed);
    if foreign.is_empty() {
        return Ok(());
    }
    Err(format!(
        "it holds a previous debrief build, but also what that build did not write: {}. A build \
         replaces the whole folder: move them out, or choose another --output",
        named(&foreign)
    ))
}

/// Whether `dir` is a folder debrief wrote: its marker, and nothing the marker does not list
/// (some listed files may be missing, as in a build killed while writing).
pub fn is_build(dir: &Path) -> bool {
    read(dir).is_ok_and(|listed| foreign(dir, &listed).is_empty())
}

/// Removes a folder debrief wrote, its marker last: a removal cut short leaves a folder that still
/// proves to be debrief's, which the next build then removes. Entries are removed by several
/// threads at once, as removing each mostly waits on the file system.
pub fn remove(dir: &Path) -> std::io::Result<()> {
    let entries = std::fs::read_dir(dir)?.collect::<std::io::Result<Vec<_>>>()?;
    let remove_all = || {
        entries
            .par_iter()
            .filter(|entry| entry.file_name() != BUILD_MARK)
            .try_for_each(remove_entry)
    };
    match rayon::ThreadPoolBuilder::new().num_threads(8).build() {
        Ok(pool) => pool.install(remove_all)?,
        Err(_) => remove_all()?,
    }
    match std::fs::remove_file(dir.join(BUILD_MARK)) {
        Err(error) if error.kind() != std::io::ErrorKind::NotFound => return Err(error),
        _ => {}
    }
    std::fs::remove_dir(dir)
}

/// Removes a file, a link (not what it points to) or a folder with everything in it, the entries
/// of a folder in parallel: a build has thousands of them, and each waits on the file system.
fn remove_entry(entry: &std::fs::DirEntry) -> std::io::Result<()> {
    if !entry.file_type()?.is_dir() {
        return std::fs::remove_file(entry.path());
    }
    let folder = entry.path();
    std::fs::read_dir(&folder)?
        .collect::<std::io::Result<Vec<_>>>()?
        .par_iter()
        .try_for_each(remove_entry)?;
    std::fs::remove_dir(folder)
}

/// The files the marker of `dir` lists, or why it holds no marker debrief wrote.
pub fn read(dir: &Path) -> Result<BTreeSet<String>, String> {
    let path = dir.join(BUILD_MARK);
    let meta = match std::fs::symlink_metadata(&path) {
        Ok(meta) => meta,
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            return Err(format!("no {BUILD_MARK}"));
        }
        Err(error) => return Err(format!("its {BUILD_MARK} cannot be read: {error}")),
    };
    if meta.file_type().is_symlink() {
        return Err(format!(
            "its {BUILD_MARK} is a link, not the file a build writes"
        ));
    }
    if !meta.is_file() || meta.len() > MAX_BYTES {
        return Err(format!("its {BUILD_MARK} is not the file a build writes"));
    }
    let not_debrief = || format!("its {BUILD_MARK} does not start with the line `{HEADER}`");
    let text = std::fs::read_to_string(&path).map_err(|_| not_debrief())?;
    let mut lines = text.lines();
    if lines.next() != Some(HEADER) {
        return Err(not_debrief());
    }
    let mut listed = BTreeSet::new();
    for (index, line) in lines.enumerate() {
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        match serde_json::from_str::<String>(line) {
            Ok(file) => listed.insert(file),
            Err(_) => {
                return Err(format!(
                    "its {BUILD_MARK} is damaged at line {}: not a quoted file name",
                    index + 2
                ));
            }
        };
    }
    Ok(listed)
}

/// What `dir` holds besides its marker and the `listed` files (and their folders), in order:
/// `folder/` for a folder none of them is in, a path for anything else.
fn foreign(dir: &Path, listed: &BTreeSet<String>) -> Vec<String> {
    let folders: BTreeSet<&str> = listed
        .iter()
        .flat_map(|file| file.match_indices('/').map(|(at, _)| &file[..at]))
        .collect();
    let mut found = Vec::new();
    let mut walk = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter();
    while let Some(entry) = walk.next() {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                found.push(format!("(unreadable: {error})"));
                continue;
            }
        };
        let rel = entry.path().strip_prefix(dir).unwrap_or(entry.path());
        let name = rel
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/");
        let exact = rel.to_str().is_some();
        let kind = entry.file_type();
        if kind.is_dir() {
            if !(exact && folders.contains(name.as_str())) {
                found.push(format!("{name}/"));
                walk.skip_current_dir();
            }
        } else if !(kind.is_file() && exact && (name == BUILD_MARK || listed.contains(&name))) {
            found.push(name);
        }
    }
    found
}

/// `a, b, c and 4 more`.
fn named(found: &[String]) -> String {
    let shown = found[..found.len().min(NAMED)].join(", ");
    match found.len().saturating_sub(NAMED) {
        0 => shown,
        more => format!("{shown} and {more} more"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folder(files: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::TempDir::new().unwrap();
        for (path, text) in files {
            let path = dir.path().join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        dir
    }

    fn marked(files: &[&str], extra: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = folder(extra);
        let listed: Vec<OutputPath> = files.iter().map(|f| OutputPath::new(f).unwrap()).collect();
        write(dir.path(), &listed).unwrap();
        dir
    }

    #[test]
    fn a_marked_build_with_nothing_else_is_replaceable() {
        let dir = marked(
            &["index.html", "a/b/c.html", "odd name ø.txt"],
            &[("index.html", ""), ("a/b/c.html", "")],
        );
        std::fs::write(dir.path().join("odd name ø.txt"), "").unwrap();
        assert_eq!(check_replaceable(dir.path()), Ok(()));
        assert!(is_build(dir.path()));
    }

    #[test]
    fn missing_and_empty_folders_are_replaceable() {
        let dir = folder(&[]);
        assert_eq!(check_replaceable(dir.path()), Ok(()));
        assert_eq!(check_replaceable(&dir.path().join("nothing")), Ok(()));
        assert!(!is_build(dir.path()), "an empty folder proves nothing");
    }

    #[test]
    fn unlisted_files_and_folders_are_named() {
        let dir = marked(
            &["index.html", "a/b/c.html"],
            &[
                ("index.html", ""),
                ("a/b/x.txt", ""),
                ("notes/1", ""),
                ("notes/2", ""),
            ],
        );
        let why = check_replaceable(dir.path()).unwrap_err();
        assert!(
            why.contains("also what that build did not write: a/b/x.txt, notes/."),
            "{why}"
        );
        assert!(!is_build(dir.path()));
    }

    #[test]
    fn a_marker_with_another_header_or_damaged_lines_is_not_debriefs() {
        let dir = folder(&[(BUILD_MARK, "debrief build output, format 2\n"), ("x", "")]);
        let why = check_replaceable(dir.path()).unwrap_err();
        assert!(why.contains(HEADER), "{why}");
        assert!(why.contains("holds .debrief-build, x."), "{why}");
        let dir = folder(&[(BUILD_MARK, &format!("{HEADER}\nindex.html\n")), ("x", "")]);
        let why = check_replaceable(dir.path()).unwrap_err();
        assert!(why.contains("damaged at line 2"), "{why}");
        assert!(!is_build(dir.path()));
    }

    #[test]
    fn many_entries_are_counted_rather_than_listed() {
        let files: Vec<(String, &str)> = (0..12).map(|i| (format!("f{i:02}"), "")).collect();
        let files: Vec<(&str, &str)> = files.iter().map(|(p, t)| (p.as_str(), *t)).collect();
        let why = check_replaceable(folder(&files).path()).unwrap_err();
        assert!(
            why.contains("f00, f01, f02, f03, f04, f05, f06, f07 and 4 more"),
            "{why}"
        );
    }

    #[cfg(unix)]
    #[test]
    fn removing_a_build_removes_links_not_what_they_point_to() {
        let outside = folder(&[("kept/file.txt", "mine")]);
        let dir = marked(
            &["a/b/c.html", "index.html"],
            &[("a/b/c.html", ""), ("index.html", "")],
        );
        std::os::unix::fs::symlink(outside.path().join("kept"), dir.path().join("a/link")).unwrap();
        remove(dir.path()).unwrap();
        assert!(!dir.path().exists());
        assert_eq!(
            std::fs::read_to_string(outside.path().join("kept/file.txt")).unwrap(),
            "mine"
        );
    }

    #[test]
    fn a_file_is_not_replaceable() {
        let dir = folder(&[("file", "x")]);
        let why = check_replaceable(&dir.path().join("file")).unwrap_err();
        assert!(why.contains("is a file"), "{why}");
    }
}
