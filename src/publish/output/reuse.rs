//! Keeping a previous build's file when a rebuild would write the same bytes: the file is
//! hard-linked into the new build instead of written again, so it keeps its inode and modification
//! time, and tools that compare them (rsync, web caches, file watchers) see it unchanged.

use std::fs::File;
use std::io::Read;
use std::path::Path;

/// How much of a file is compared at a time.
const CHUNK: usize = 64 << 10;

/// Puts the file `old` of the previous build at `target` when it is a regular file (not a link)
/// holding exactly `bytes`. `false`, with nothing at `target`, when it is not, or cannot be linked
/// there; the caller then writes the bytes.
pub fn link_unchanged(old: &Path, bytes: &[u8], target: &Path) -> bool {
    let Some(file) = open_regular(old) else {
        return false;
    };
    let Ok(meta) = file.metadata() else {
        return false;
    };
    if !meta.is_file() || meta.len() != bytes.len() as u64 || !same_bytes(file, bytes) {
        return false;
    }
    if std::fs::hard_link(old, target).is_err() {
        return false;
    }
    // `old` could have been replaced between the comparison and the link: keep the link only when
    // it is the very file that was compared.
    if same_file(&meta, target) {
        return true;
    }
    let _ = std::fs::remove_file(target);
    false
}

/// Opens `path` for reading without following a link in its last part.
fn open_regular(path: &Path) -> Option<File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW);
    }
    #[cfg(not(unix))]
    if std::fs::symlink_metadata(path)
        .ok()?
        .file_type()
        .is_symlink()
    {
        return None;
    }
    options.open(path).ok()
}

/// Whether `file` holds `bytes` and nothing more.
fn same_bytes(mut file: File, mut bytes: &[u8]) -> bool {
    let mut buffer = vec![0; CHUNK.min(bytes.len()).max(1)];
    while !bytes.is_empty() {
        let part = buffer.len().min(bytes.len());
        if file.read_exact(&mut buffer[..part]).is_err() || buffer[..part] != bytes[..part] {
            return false;
        }
        bytes = &bytes[part..];
    }
    matches!(file.read(&mut buffer), Ok(0))
}

/// Whether `path` is the file `meta` describes.
#[cfg(unix)]
fn same_file(meta: &std::fs::Metadata, path: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    std::fs::symlink_metadata(path).is_ok_and(|m| m.dev() == meta.dev() && m.ino() == meta.ino())
}

/// Whether `path` is the file `meta` describes: not known here, so no file is kept.
#[cfg(not(unix))]
fn same_file(_: &std::fs::Metadata, _: &Path) -> bool {
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_regular_file_with_the_same_bytes_is_linked() {
        let tmp = tempfile::TempDir::new().unwrap();
        let old = tmp.path().join("old");
        std::fs::write(&old, "same bytes").unwrap();
        let target = tmp.path().join("new");
        assert!(!link_unchanged(&old, b"same byteZ", &target));
        assert!(!link_unchanged(&old, b"same bytes and more", &target));
        assert!(!link_unchanged(&old, b"same", &target));
        assert!(!link_unchanged(&tmp.path().join("none"), b"", &target));
        assert!(!target.exists(), "nothing is left behind");
        assert_eq!(link_unchanged(&old, b"same bytes", &target), cfg!(unix));
        #[cfg(unix)]
        {
            use std::os::unix::fs::MetadataExt;
            let (a, b) = (old.metadata().unwrap(), target.metadata().unwrap());
            assert_eq!((a.ino(), a.nlink()), (b.ino(), 2));
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_link_in_the_previous_build_is_not_followed() {
        let tmp = tempfile::TempDir::new().unwrap();
        let secret = tmp.path().join("secret");
        std::fs::write(&secret, "same bytes").unwrap();
        let old = tmp.path().join("old");
        std::os::unix::fs::symlink(&secret, &old).unwrap();
        let target = tmp.path().join("new");
        assert!(!link_unchanged(&old, b"same bytes", &target));
        assert!(!target.exists());
    }
}
