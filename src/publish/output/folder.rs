//! The staging folder as an open handle: its files and folders are created relative to it (`openat`,
//! `mkdirat` on Linux), so that the kernel looks up only the part of each path inside the build
//! rather than walking the whole path from `/` for every one of a site's thousands of files.
//! Elsewhere the same operations take the full path.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

/// A folder whose files are made by their `/`-separated path relative to it.
#[derive(Debug)]
pub struct Folder {
    /// Where it is, for messages and for what takes a full path.
    path: PathBuf,
    /// The open folder, what the paths are relative to.
    #[cfg(target_os = "linux")]
    fd: std::os::fd::OwnedFd,
}

impl Folder {
    /// Opens the existing folder `path`.
    pub fn open(path: &Path) -> io::Result<Folder> {
        Ok(Folder {
            path: path.to_path_buf(),
            #[cfg(target_os = "linux")]
            fd: {
                use std::os::unix::fs::OpenOptionsExt;
                std::fs::OpenOptions::new()
                    .read(true)
                    .custom_flags(libc::O_DIRECTORY)
                    .open(path)?
                    .into()
            },
        })
    }

    /// The full path of `rel`.
    pub fn join(&self, rel: &str) -> PathBuf {
        self.path.join(rel)
    }

    /// Makes the folder `rel` and the folders it is in, as `create_dir_all` does: fine when it
    /// already is a folder, an error when something else is there.
    pub fn create_dir_all(&self, rel: &str) -> io::Result<()> {
        match self.create_dir(rel) {
            Ok(()) => Ok(()),
            Err(error) if error.kind() == io::ErrorKind::NotFound => {
                match rel.rsplit_once('/') {
                    Some((parent, _)) => self.create_dir_all(parent)?,
                    None => return Err(error),
                }
                match self.create_dir(rel) {
                    Err(_) if self.is_dir(rel) => Ok(()),
                    made => made,
                }
            }
            Err(_) if self.is_dir(rel) => Ok(()),
            Err(error) => Err(error),
        }
    }

    /// Creates the file `rel`, which must not exist yet, for writing.
    pub fn create_new(&self, rel: &str) -> io::Result<File> {
        #[cfg(target_os = "linux")]
        {
            use std::os::fd::{AsRawFd, FromRawFd};
            let name = c_path(rel)?;
            // SAFETY: `name` is a NUL-terminated string that outlives the call and `fd` an open
            // folder; the descriptor returned is new and owned by the `File` alone.
            let fd = unsafe {
                libc::openat(
                    self.fd.as_raw_fd(),
                    name.as_ptr(),
                    libc::O_WRONLY | libc::O_CREAT | libc::O_EXCL | libc::O_CLOEXEC,
                    0o666 as libc::c_uint,
                )
            };
            if fd < 0 {
                return Err(io::Error::last_os_error());
            }
            // SAFETY: `fd` was just opened, and nothing else owns it.
            Ok(unsafe { File::from_raw_fd(fd) })
        }
        #[cfg(not(target_os = "linux"))]
        std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(self.join(rel))
    }

    /// Removes the file (or link) `rel`.
    pub fn remove_file(&self, rel: &str) -> io::Result<()> {
        #[cfg(target_os = "linux")]
        {
            use std::os::fd::AsRawFd;
            let name = c_path(rel)?;
            // SAFETY: `name` is a NUL-terminated string that outlives the call.
            let done = unsafe { libc::unlinkat(self.fd.as_raw_fd(), name.as_ptr(), 0) };
            check(done)
        }
        #[cfg(not(target_os = "linux"))]
        std::fs::remove_file(self.join(rel))
    }

    /// Makes the one folder `rel`, whose parent exists.
    fn create_dir(&self, rel: &str) -> io::Result<()> {
        #[cfg(target_os = "linux")]
        {
            use std::os::fd::AsRawFd;
            let name = c_path(rel)?;
            // SAFETY: `name` is a NUL-terminated string that outlives the call.
            let done = unsafe { libc::mkdirat(self.fd.as_raw_fd(), name.as_ptr(), 0o777) };
            check(done)
        }
        #[cfg(not(target_os = "linux"))]
        std::fs::create_dir(self.join(rel))
    }

    /// Whether `rel` is a folder (not a link to one).
    fn is_dir(&self, rel: &str) -> bool {
        std::fs::symlink_metadata(self.join(rel)).is_ok_and(|meta| meta.is_dir())
    }
}

/// `rel` for a system call: an error when it holds a NUL, which no file name can.
#[cfg(target_os = "linux")]
fn c_path(rel: &str) -> io::Result<std::ffi::CString> {
    std::ffi::CString::new(rel).map_err(|_| io::Error::from(io::ErrorKind::InvalidInput))
}

/// The result of a system call that returns 0 or -1 and sets `errno`.
#[cfg(target_os = "linux")]
fn check(done: libc::c_int) -> io::Result<()> {
    if done == 0 {
        Ok(())
    } else {
        Err(io::Error::last_os_error())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn files_and_folders_are_made_inside_the_folder_as_with_full_paths() {
        let tmp = tempfile::TempDir::new().unwrap();
        let folder = Folder::open(tmp.path()).unwrap();
        folder.create_dir_all("a/b/c").unwrap();
        folder.create_dir_all("a/b").unwrap();
        assert!(tmp.path().join("a/b/c").is_dir());
        folder
            .create_new("a/b/c/index.html")
            .unwrap()
            .write_all(b"page")
            .unwrap();
        assert_eq!(
            std::fs::read_to_string(tmp.path().join("a/b/c/index.html")).unwrap(),
            "page"
        );
        let again = folder.create_new("a/b/c/index.html").unwrap_err();
        assert_eq!(again.kind(), io::ErrorKind::AlreadyExists);
        let over = folder.create_dir_all("a/b/c/index.html/d").unwrap_err();
        assert_ne!(over.kind(), io::ErrorKind::NotFound, "{over}");
        assert!(folder.create_dir_all("a/b/c/index.html").is_err());
        folder.remove_file("a/b/c/index.html").unwrap();
        assert!(!tmp.path().join("a/b/c/index.html").exists());
        let gone = folder.remove_file("a/b/c/index.html").unwrap_err();
        assert_eq!(gone.kind(), io::ErrorKind::NotFound);
        assert_eq!(folder.join("x/y"), tmp.path().join("x/y"));
    }
}
