//! Writing a site into its output folder: replacing, refusing, keeping what did not change.

use super::*;

#[test]
fn write_replaces_the_whole_folder() {
    let tmp = std::env::temp_dir().join(format!("debrief-output-test-{}", std::process::id()));
    let dir = tmp.join("public");
    let mut old = Output::default();
    old.insert(OutputPath::new("stale.html").unwrap(), "old");
    old.write_atomically(&dir).unwrap();
    let mut output = Output::default();
    output.insert(OutputPath::new("a/index.html").unwrap(), "new");
    output.write_atomically(&dir).unwrap();
    assert_eq!(
        std::fs::read_to_string(dir.join("a/index.html")).unwrap(),
        "new"
    );
    assert!(!dir.join("stale.html").exists());
    let leftovers: Vec<_> = std::fs::read_dir(&tmp)
        .unwrap()
        .flatten()
        .map(|e| e.file_name())
        .collect();
    assert_eq!(leftovers.len(), 1, "{leftovers:?}");
    std::fs::remove_dir_all(&tmp).unwrap();
}

#[test]
fn a_folder_that_is_not_a_build_is_left_as_it_was() {
    let tmp = tempfile::TempDir::new().unwrap();
    let dir = tmp.path().join("home");
    std::fs::create_dir_all(dir.join(".ssh")).unwrap();
    std::fs::write(dir.join("sitemap.xml"), "mine").unwrap();
    let mut output = Output::default();
    output.insert(OutputPath::new("sitemap.xml").unwrap(), "new");
    let error = output.write_atomically(&dir).unwrap_err().to_string();
    assert!(error.contains("holds no previous debrief build"), "{error}");
    assert_eq!(
        std::fs::read_to_string(dir.join("sitemap.xml")).unwrap(),
        "mine"
    );
    let entries = std::fs::read_dir(tmp.path()).unwrap().count();
    assert_eq!(entries, 1, "the staging folder was removed");
    output.insert(OutputPath::new(BUILD_MARK).unwrap(), "forged");
    let error = output
        .write_atomically(&tmp.path().join("new"))
        .unwrap_err();
    assert!(
        error.to_string().contains("keeps for its marker"),
        "{error}"
    );
}

/// A file of the site at `path`.
fn path(path: &str) -> OutputPath {
    OutputPath::new(path).unwrap()
}

/// The staging folder of a build of `dir` by this process.
/// A folder `public` holding a previous build of one file, `name` with `text`.
fn previous_build(name: &str, text: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::TempDir::new().unwrap();
    let dir = tmp.path().join("public");
    let mut old = Output::default();
    old.insert(path(name), text);
    old.write_atomically(&dir).unwrap();
    (tmp, dir)
}

/// Asserts that the previous build of `index.html` ("old") is still in `dir` and that no staging
/// folder is left beside it.
fn left_as_it_was(tmp: &tempfile::TempDir, dir: &Path) {
    assert_eq!(
        std::fs::read_to_string(dir.join("index.html")).unwrap(),
        "old"
    );
    assert_eq!(
        std::fs::read_dir(tmp.path()).unwrap().count(),
        1,
        "staging removed"
    );
}

fn staging_of(dir: &Path) -> std::path::PathBuf {
    let name = dir.file_name().unwrap().to_string_lossy();
    swap::staging(dir.parent().unwrap(), &name)
}

#[test]
fn files_are_written_while_the_site_is_rendered_and_prove_to_be_debriefs() {
    let tmp = tempfile::TempDir::new().unwrap();
    let dir = tmp.path().join("public");
    let mut output = Output::to_folder(&dir).unwrap();
    output.insert(path("index.html"), "home");
    output.insert(path("incidents/a/index.html"), "a");
    // A writer is handed files a few at a time: enough more for every writer to be handed some.
    for n in 0..64 {
        output.insert(path(&format!("more/{n}.html")), vec![b'x'; 64 << 10]);
    }
    let written = staging_of(&dir).join("incidents/a/index.html");
    // The writer creates the file before it writes its bytes: wait for the bytes, not the name.
    let read = || std::fs::read_to_string(&written).ok();
    let waited = std::time::Instant::now();
    while read().as_deref() != Some("a") && waited.elapsed().as_secs() < 10 {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert_eq!(read().as_deref(), Some("a"));
    // The writers still run: a file they make between the check's read of the marker and its walk
    // is missing from the marker it read (though listed before it was made), so the check may
    // fail while they write. Once they have written what they were handed, the folder is as a
    // killed build would leave it.
    let removable = || marker::is_build(&staging_of(&dir));
    let waited = std::time::Instant::now();
    while !removable() && waited.elapsed().as_secs() < 10 {
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(removable(), "a killed build is removable");
    assert!(!dir.exists(), "nothing is in place before the commit");
    assert!(output.files.is_empty(), "nothing is held in memory");
    assert!(output.contains("index.html"));
    assert_eq!(output.len(), 66);
    output.commit().unwrap();
    assert_eq!(
        std::fs::read_to_string(dir.join("index.html")).unwrap(),
        "home"
    );
    assert!(!staging_of(&dir).exists());
}

#[test]
fn a_build_dropped_before_its_commit_leaves_the_output_folder_as_it_was() {
    let (tmp, dir) = previous_build("index.html", "old");
    let mut output = Output::to_folder(&dir).unwrap();
    output.insert(path("index.html"), "new");
    drop(output);
    left_as_it_was(&tmp, &dir);
}

#[test]
fn the_last_file_inserted_at_a_path_wins() {
    let (_tmp, dir) = previous_build("a.txt", "first");
    let mut output = Output::to_folder(&dir).unwrap();
    for n in 0..50 {
        output.insert(path("a.txt"), "first");
        output.insert(path("a.txt"), format!("version {n}"));
    }
    output.commit().unwrap();
    assert_eq!(
        std::fs::read_to_string(dir.join("a.txt")).unwrap(),
        "version 49"
    );
}

#[test]
fn a_file_that_cannot_be_written_fails_the_commit_and_changes_nothing() {
    let (tmp, dir) = previous_build("index.html", "old");
    let mut output = Output::to_folder(&dir).unwrap();
    output.insert(path("index.html"), "new");
    output.insert(path("a"), "a file");
    output.insert(path("a/b.html"), "inside a file");
    output.insert(path(".debrief-build.next"), "forged");
    let error = format!("{:#}", output.commit().unwrap_err());
    assert!(
        ["cannot create", "cannot write", "keeps for its marker"]
            .iter()
            .any(|why| error.contains(why)),
        "{error}"
    );
    left_as_it_was(&tmp, &dir);
}

#[test]
fn files_made_in_parallel_are_the_same_in_memory_and_in_a_folder() {
    use rayon::prelude::*;
    let tmp = tempfile::TempDir::new().unwrap();
    let dir = tmp.path().join("public");
    let make = || {
        (0..200).into_par_iter().map(|n| {
            Ok::<_, String>((
                path(&format!("incidents/{n}/index.html")),
                format!("page {n}"),
            ))
        })
    };
    let mut memory = Output::default();
    memory.par_extend(make()).unwrap();
    let mut folder = Output::to_folder(&dir).unwrap();
    folder.par_extend(make()).unwrap();
    assert_eq!((memory.len(), folder.len()), (200, 200));
    folder.commit().unwrap();
    for (path, bytes) in &memory.files {
        assert_eq!(
            &std::fs::read(dir.join(path.as_str())).unwrap(),
            bytes,
            "{path}"
        );
    }
    let failing = (0..10).into_par_iter().map(|n| match n {
        7 => Err(format!("page {n} failed")),
        n => Ok((path(&format!("{n}.html")), "x")),
    });
    let mut output = Output::to_folder(&dir).unwrap();
    assert_eq!(output.par_extend(failing), Err("page 7 failed".to_string()));
    drop(output);
    assert!(
        !dir.join("0.html").exists(),
        "the previous build is left as it was"
    );
}

#[test]
fn a_sink_takes_files_from_many_threads_and_refuses_a_second_file_at_one_path() {
    use rayon::prelude::*;
    let tmp = tempfile::TempDir::new().unwrap();
    let dir = tmp.path().join("public");
    let mut memory = Output::default();
    let mut folder = Output::to_folder(&dir).unwrap();
    for output in [&mut memory, &mut folder] {
        let sink = output.sink();
        (0..200)
            .into_par_iter()
            .try_for_each(|n| sink.insert(path(&format!("{n}/index.html")), vec![b'x'; n]))
            .unwrap();
        let again = sink.insert(path("7/index.html"), b"other".to_vec());
        assert_eq!(
            again.unwrap_err().to_string(),
            "internal error: two files would be written at 7/index.html"
        );
        assert_eq!(output.len(), 200);
    }
    folder.commit().unwrap();
    assert_eq!(memory.get("7/index.html"), Some(&b"xxxxxxx"[..]));
    assert_eq!(
        std::fs::read(dir.join("9/index.html")).unwrap(),
        vec![b'x'; 9]
    );
}
