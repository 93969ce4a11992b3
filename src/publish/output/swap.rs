//! Putting a finished build in the output folder's place so that the folder never stops holding a
//! whole build, and removing what a killed build left beside it.
//!
//! Linux swaps the two folders in one step (`renameat2` with `RENAME_EXCHANGE`): at every instant
//! the output path is either the old build or the new one, and the old one is then removed under
//! the staging folder's name. Elsewhere, and on file systems that cannot exchange, the old folder
//! is renamed aside and the new one into place: a build killed between those two renames leaves no
//! output folder until the next build. Making the output a link to versioned folders would be
//! atomic everywhere, but it would turn the `public/` that users, deploy scripts and web servers
//! know as a folder into a link, so it is not done.

use std::io;
use std::path::{Path, PathBuf};

use super::marker;

/// `.public.debrief-new-<pid>`: where this process writes a build of `parent/name` before swapping
/// it in (and where, after an exchange, the old build waits for removal).
pub fn staging(parent: &Path, name: &str) -> PathBuf {
    parent.join(format!("{}new-{}", prefix(name), std::process::id()))
}

/// `.public.debrief-old-<pid>`: where the old build is moved aside when folders cannot be exchanged.
pub fn backup(parent: &Path, name: &str) -> PathBuf {
    parent.join(format!("{}old-{}", prefix(name), std::process::id()))
}

fn prefix(name: &str) -> String {
    format!(".{name}.debrief-")
}

/// Makes the folder `staging` the output `dir`. Returns where the old build now is, to be removed:
/// `staging` after an exchange, `backup` after two renames, nothing when `dir` did not exist.
pub fn swap_in(staging: &Path, dir: &Path, backup: &Path) -> io::Result<Option<PathBuf>> {
    match std::fs::symlink_metadata(dir) {
        Err(error) if error.kind() == io::ErrorKind::NotFound => {
            return std::fs::rename(staging, dir).map(|()| None);
        }
        Err(error) => return Err(error),
        Ok(_) => {}
    }
    if exchange(staging, dir)? {
        return Ok(Some(staging.to_path_buf()));
    }
    std::fs::rename(dir, backup)?;
    if let Err(error) = std::fs::rename(staging, dir) {
        let _ = std::fs::rename(backup, dir);
        return Err(error);
    }
    Ok(Some(backup.to_path_buf()))
}

/// Swaps two paths in one step. `Ok(false)` when the kernel or the file system cannot.
#[cfg(target_os = "linux")]
fn exchange(a: &Path, b: &Path) -> io::Result<bool> {
    use std::os::unix::ffi::OsStrExt;
    let a = std::ffi::CString::new(a.as_os_str().as_bytes())?;
    let b = std::ffi::CString::new(b.as_os_str().as_bytes())?;
    // SAFETY: both pointers are NUL-terminated strings that outlive the call, which only reads
    // them. The raw system call needs no particular libc version (the wrapper needs glibc 2.28).
    let result = unsafe {
        libc::syscall(
            libc::SYS_renameat2,
            libc::AT_FDCWD,
            a.as_ptr(),
            libc::AT_FDCWD,
            b.as_ptr(),
            libc::RENAME_EXCHANGE,
        )
    };
    if result == 0 {
        return Ok(true);
    }
    let error = io::Error::last_os_error();
    match error.raw_os_error() {
        Some(libc::ENOSYS | libc::EINVAL | libc::EOPNOTSUPP) => Ok(false),
        _ => Err(error),
    }
}

/// Swaps two paths in one step: not available here, so the caller renames twice.
#[cfg(not(target_os = "linux"))]
fn exchange(_: &Path, _: &Path) -> io::Result<bool> {
    Ok(false)
}

/// Removes what killed builds of `parent/name` left: folders named `.<name>.debrief-new-<pid>` or
/// `.<name>.debrief-old-<pid>` that hold debrief's marker and nothing it does not list, made by a
/// process that no longer runs. Anything else is kept, whatever its name.
pub fn remove_leftovers(parent: &Path, name: &str) {
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    let prefix = prefix(name);
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(rest) = file_name.to_str().and_then(|n| n.strip_prefix(&prefix)) else {
            continue;
        };
        let Some(pid) = rest.strip_prefix("new-").or(rest.strip_prefix("old-")) else {
            continue;
        };
        if pid.is_empty() || !pid.bytes().all(|b| b.is_ascii_digit()) || running(pid) {
            continue;
        }
        let path = entry.path();
        if entry.file_type().is_ok_and(|t| t.is_dir()) && marker::is_build(&path) {
            let _ = marker::remove(&path);
        }
    }
}

/// Whether another process with this id runs, whose staging folder must be left alone. A folder
/// under this process's own id was left by an earlier process. Only Linux can tell (`/proc`);
/// elsewhere a concurrent build into the same folder may lose its staging folder and fail.
fn running(pid: &str) -> bool {
    pid != std::process::id().to_string()
        && cfg!(target_os = "linux")
        && Path::new("/proc").join(pid).exists()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(dir: &Path, page: &str) {
        std::fs::create_dir_all(dir).unwrap();
        std::fs::write(dir.join("index.html"), page).unwrap();
        marker::write(
            dir,
            &[crate::util::output_path::OutputPath::new("index.html").unwrap()],
        )
        .unwrap();
    }

    #[test]
    fn swapping_puts_the_new_build_in_place_and_hands_back_the_old() {
        let tmp = tempfile::TempDir::new().unwrap();
        let (dir, new, aside) = (
            tmp.path().join("public"),
            tmp.path().join("new"),
            tmp.path().join("aside"),
        );
        build(&new, "first");
        assert_eq!(swap_in(&new, &dir, &aside).unwrap(), None);
        build(&new, "second");
        let old = swap_in(&new, &dir, &aside).unwrap().unwrap();
        assert_eq!(
            std::fs::read_to_string(dir.join("index.html")).unwrap(),
            "second"
        );
        assert_eq!(
            std::fs::read_to_string(old.join("index.html")).unwrap(),
            "first"
        );
        if cfg!(target_os = "linux") {
            assert_eq!(old, new, "exchanged in one step");
        }
    }

    #[test]
    fn leftovers_are_removed_only_when_debrief_provably_made_them() {
        let tmp = tempfile::TempDir::new().unwrap();
        let left = ".site.debrief-new-4294967295";
        let running = ".site.debrief-old-1";
        let kept = [
            ".site.debrief-new-",
            ".site.debrief-newest",
            ".other.debrief-new-4294967293",
        ];
        for name in [left, running].iter().chain(&kept) {
            build(&tmp.path().join(name), "x");
        }
        let unmarked = ".site.debrief-new-4294967294";
        std::fs::create_dir(tmp.path().join(unmarked)).unwrap();
        remove_leftovers(tmp.path(), "site");
        for name in kept.iter().chain(&[unmarked]) {
            assert!(tmp.path().join(name).is_dir(), "{name} kept");
        }
        assert!(!tmp.path().join(left).exists(), "{left} removed");
        if cfg!(target_os = "linux") {
            assert!(tmp.path().join(running).is_dir(), "process 1 runs: kept");
        }
    }
}
