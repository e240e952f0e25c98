//! Replacing a file atomically: the new content goes to a temporary file beside it, is
//! flushed and synced, and is renamed over the old file, so the path always holds either
//! the old or the new version, never nothing and never half of one.
//!
//! Every step runs through one seam, [`Faults::run`], so tests can make any step fail as
//! if the operating system had refused it.

use std::ffi::OsStr;
use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use tempfile::Builder;

/// How many random characters name a temporary file (`.NAME.xxxxxx.tmp`).
const RANDOM_CHARS: usize = 6;

/// How many symbolic links are followed before giving up.
const MAX_LINKS: usize = 40;

/// One step of an atomic write, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Step {
    /// Finding where the file really lives and creating a temporary file beside it.
    CreateTemp,
    Write,
    Flush,
    /// `fsync` of the temporary file.
    SyncFile,
    /// Keeping the old file as `NAME.bak` (only when asked for and the file exists).
    KeepPrevious,
    /// Renaming the temporary file over the old one.
    Replace,
    /// `fsync` of the folder, so the rename survives a power cut.
    SyncFolder,
}

impl Step {
    pub const ALL: [Step; 7] = [
        Step::CreateTemp,
        Step::Write,
        Step::Flush,
        Step::SyncFile,
        Step::KeepPrevious,
        Step::Replace,
        Step::SyncFolder,
    ];

    /// Whether the file already holds the new version when this step fails.
    pub fn after_replace(self) -> bool {
        self == Step::SyncFolder
    }
}

impl fmt::Display for Step {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Step::CreateTemp => "creating a temporary file beside it",
            Step::Write => "writing the new version",
            Step::Flush => "flushing the new version",
            Step::SyncFile => "syncing the new version to disk",
            Step::KeepPrevious => "keeping the previous version as a .bak file",
            Step::Replace => "replacing the file with the new version",
            Step::SyncFolder => "syncing the folder",
        })
    }
}

/// Failures to inject into a write, for tests: the chosen step fails as if the operating
/// system had refused it, without being attempted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Faults {
    fail_at: Option<Step>,
}

impl Faults {
    /// No injected failure: every step is attempted for real.
    pub const NONE: Faults = Faults { fail_at: None };

    /// Makes `step` fail.
    pub fn at(step: Step) -> Self {
        Self {
            fail_at: Some(step),
        }
    }

    /// Runs one step of writing `path`, or fails it when a fault is injected there.
    fn run<T>(
        &self,
        step: Step,
        path: &Path,
        op: impl FnOnce() -> io::Result<T>,
    ) -> Result<T, AtomicError> {
        let result = if self.fail_at == Some(step) {
            Err(io::Error::other("injected fault"))
        } else {
            op()
        };
        result.map_err(|source| AtomicError {
            path: path.to_path_buf(),
            step,
            source,
        })
    }
}

/// How to write a file atomically.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WriteOptions {
    /// Keep the version being replaced as `NAME.bak` beside it (see [`backup_path`]).
    pub keep_backup: bool,
    pub faults: Faults,
}

/// A failed atomic write: which file, at which step, and why.
#[derive(Debug, thiserror::Error)]
pub struct AtomicError {
    /// The file that was being written.
    pub path: PathBuf,
    pub step: Step,
    #[source]
    pub source: io::Error,
}

impl fmt::Display for AtomicError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let path = self.path.display();
        if self.step.after_replace() {
            write!(
                f,
                "{path} holds the new version, but {} failed ({}), so it may not survive a \
                 power cut; save again",
                self.step, self.source
            )
        } else {
            write!(
                f,
                "{path}: {} failed ({}); the file on disk is unchanged",
                self.step, self.source
            )
        }
    }
}

/// Where the previous version of `path` is kept: `NAME.bak` beside it.
pub fn backup_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().unwrap_or(OsStr::new("")).to_os_string();
    name.push(".bak");
    path.with_file_name(name)
}

/// Replaces the file at `path` with `bytes` atomically.
///
/// A symbolic link at `path` is followed: the file it points to is replaced (and the
/// link kept), with the temporary file and any backup beside that file. Temporary files
/// left by an earlier write of the same file that was killed are removed first; the
/// temporary file of a write still under way is locked, so that is never one of them.
pub fn write_atomically(
    path: &Path,
    bytes: &[u8],
    options: &WriteOptions,
) -> Result<(), AtomicError> {
    let faults = &options.faults;
    let target = faults.run(Step::CreateTemp, path, || real_location(path))?;
    let folder = folder_of(&target).to_path_buf();
    let name = target
        .file_name()
        .ok_or_else(|| AtomicError {
            path: path.to_path_buf(),
            step: Step::CreateTemp,
            source: io::Error::new(io::ErrorKind::InvalidInput, "the path names no file"),
        })?
        .to_os_string();
    let prefix = temp_prefix(&name);
    remove_leftovers(&folder, &prefix);

    let mut temp = faults.run(Step::CreateTemp, path, || {
        let mut builder = Builder::new();
        builder
            .prefix(&prefix)
            .suffix(".tmp")
            .rand_bytes(RANDOM_CHARS);
        #[cfg(unix)]
        builder.permissions(permissions_for(&target));
        builder.tempfile_in(&folder)
    })?;
    // Marks the file as in use for another write's `remove_leftovers`; where the system
    // has no locks, the write goes on without.
    let _ = temp.as_file().try_lock();
    faults.run(Step::Write, path, || temp.write_all(bytes))?;
    faults.run(Step::Flush, path, || temp.flush())?;
    faults.run(Step::SyncFile, path, || temp.as_file().sync_all())?;
    if options.keep_backup && target.is_file() {
        faults.run(Step::KeepPrevious, path, || {
            keep_previous(&target, &folder, &prefix)
        })?;
    }
    // On failure the temporary file comes back inside the error and is removed on drop.
    faults.run(Step::Replace, path, || {
        temp.persist(&target).map(drop).map_err(|e| e.error)
    })?;
    faults.run(Step::SyncFolder, path, || sync_folder(&folder))
}

/// The file a path finally names after following symbolic links (which need not exist yet).
fn real_location(path: &Path) -> io::Result<PathBuf> {
    let mut current = path.to_path_buf();
    for _ in 0..MAX_LINKS {
        match fs::symlink_metadata(&current) {
            Ok(meta) if meta.file_type().is_symlink() => {
                let link = fs::read_link(&current)?;
                current = folder_of(&current).join(link);
            }
            Ok(meta) if meta.is_dir() => {
                return Err(io::Error::new(
                    io::ErrorKind::IsADirectory,
                    "it is a folder, not a file",
                ));
            }
            Ok(_) => return Ok(current),
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(current),
            Err(e) => return Err(e),
        }
    }
    Err(io::Error::other("too many levels of symbolic links"))
}

fn folder_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// `.NAME.`: temporary files are `.NAME.xxxxxx.tmp`.
fn temp_prefix(name: &OsStr) -> std::ffi::OsString {
    let mut prefix = std::ffi::OsString::from(".");
    prefix.push(name);
    prefix.push(".");
    prefix
}

/// Removes temporary files an earlier, interrupted write of the same file left behind.
/// One that a write under way holds locked is left alone, as is one that cannot be
/// removed.
fn remove_leftovers(folder: &Path, prefix: &OsStr) {
    let Some(prefix) = prefix.to_str() else {
        return;
    };
    let Ok(entries) = fs::read_dir(folder) else {
        return;
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let ours = name
            .to_str()
            .and_then(|n| n.strip_prefix(prefix))
            .and_then(|rest| rest.strip_suffix(".tmp"))
            .is_some_and(|random| {
                random.len() == RANDOM_CHARS && random.chars().all(|c| c.is_ascii_alphanumeric())
            });
        if ours && !in_use(&entry.path()) {
            let _ = fs::remove_file(entry.path());
        }
    }
}

/// Whether another write holds a lock on the file (its own temporary file, or the file
/// it is keeping as a backup).
fn in_use(path: &Path) -> bool {
    fs::File::open(path)
        .is_ok_and(|file| matches!(file.try_lock(), Err(fs::TryLockError::WouldBlock)))
}

/// The permissions the new version gets: the old file's, or the usual ones for a new file.
#[cfg(unix)]
fn permissions_for(target: &Path) -> fs::Permissions {
    use std::os::unix::fs::PermissionsExt;
    fs::metadata(target)
        .map(|m| m.permissions())
        .unwrap_or_else(|_| fs::Permissions::from_mode(0o666))
}

/// Makes `NAME.bak` a copy of the current file (a hard link when the file system allows),
/// replacing the old backup in one rename. Nothing is done when `NAME.bak` is that file
/// already (a write killed after keeping the backup leaves them linked).
///
/// On Unix, where locks only advise, the current file is locked meanwhile, so another
/// write's `remove_leftovers` leaves the link being made alone.
fn keep_previous(target: &Path, folder: &Path, prefix: &OsStr) -> io::Result<()> {
    let backup = backup_path(target);
    if same_file(target, &backup) {
        return Ok(());
    }
    #[cfg(unix)]
    let _current = fs::File::open(target).inspect(|file| {
        let _ = file.try_lock();
    });
    let copy = Builder::new()
        .prefix(prefix)
        .suffix(".tmp")
        .rand_bytes(RANDOM_CHARS)
        .make_in(folder, |temp| match fs::hard_link(target, temp) {
            Err(e) if e.kind() != io::ErrorKind::AlreadyExists => fs::copy(target, temp).map(drop),
            linked => linked,
        })?;
    copy.persist(backup).map(drop).map_err(|e| e.error)
}

/// Whether two paths are links to one file.
#[cfg(unix)]
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (fs::metadata(a), fs::metadata(b)) {
        (Ok(a), Ok(b)) => a.dev() == b.dev() && a.ino() == b.ino(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn same_file(_a: &Path, _b: &Path) -> bool {
    false
}

/// Flushes a folder's entries (a rename in it) to disk, where the system allows it.
#[cfg(unix)]
pub(crate) fn sync_folder(folder: &Path) -> io::Result<()> {
    fs::File::open(folder)?.sync_all()
}

#[cfg(not(unix))]
pub(crate) fn sync_folder(_folder: &Path) -> io::Result<()> {
    Ok(())
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// The names in a folder, sorted (to see what a write left behind).
    pub(crate) fn names_in(folder: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(folder)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    fn with_backup(faults: Faults) -> WriteOptions {
        WriteOptions {
            keep_backup: true,
            faults,
        }
    }

    #[test]
    fn writes_a_new_file_and_replaces_it_keeping_a_backup() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        write_atomically(&path, b"one", &with_backup(Faults::NONE)).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"one");
        assert_eq!(names_in(dir.path()), ["p.ron"]);
        write_atomically(&path, b"two", &with_backup(Faults::NONE)).unwrap();
        write_atomically(&path, b"three", &with_backup(Faults::NONE)).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"three");
        assert_eq!(fs::read(backup_path(&path)).unwrap(), b"two");
        assert_eq!(names_in(dir.path()), ["p.ron", "p.ron.bak"]);
    }

    #[test]
    fn without_backup_no_bak_file_appears() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("out.csv");
        write_atomically(&path, b"a", &WriteOptions::default()).unwrap();
        write_atomically(&path, b"b", &WriteOptions::default()).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"b");
        assert_eq!(names_in(dir.path()), ["out.csv"]);
    }

    #[test]
    fn a_failure_at_any_step_before_the_rename_leaves_the_old_file() {
        for step in Step::ALL {
            let dir = tempfile::tempdir().unwrap();
            let path = dir.path().join("p.ron");
            write_atomically(&path, b"old", &with_backup(Faults::NONE)).unwrap();
            write_atomically(&path, b"current", &with_backup(Faults::NONE)).unwrap();
            let err = write_atomically(&path, b"new", &with_backup(Faults::at(step))).unwrap_err();
            assert_eq!(err.step, step);
            let message = err.to_string();
            assert!(message.contains(&path.display().to_string()), "{message}");
            assert!(message.contains(&step.to_string()), "{message}");
            let backup = fs::read(backup_path(&path)).unwrap();
            match step {
                Step::SyncFolder => {
                    assert_eq!(fs::read(&path).unwrap(), b"new");
                    assert_eq!(backup, b"current");
                    assert!(message.contains("save again"), "{message}");
                }
                Step::Replace => {
                    assert_eq!(fs::read(&path).unwrap(), b"current", "{step:?}");
                    assert_eq!(backup, b"current");
                    assert!(message.contains("unchanged"), "{message}");
                }
                _ => {
                    assert_eq!(fs::read(&path).unwrap(), b"current", "{step:?}");
                    assert_eq!(backup, b"old", "{step:?}");
                    assert!(message.contains("unchanged"), "{message}");
                }
            }
            assert_eq!(names_in(dir.path()), ["p.ron", "p.ron.bak"], "{step:?}");
        }
    }

    #[test]
    fn leftovers_of_a_killed_write_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        for name in [
            ".p.ron.Ab12cD.tmp",
            ".p.ron.other.tmp",
            ".p.ron.x.Ab12cD.tmp",
            "keep.txt",
        ] {
            fs::write(dir.path().join(name), "x").unwrap();
        }
        write_atomically(&path, b"new", &WriteOptions::default()).unwrap();
        assert_eq!(
            names_in(dir.path()),
            [
                ".p.ron.other.tmp",
                ".p.ron.x.Ab12cD.tmp",
                "keep.txt",
                "p.ron"
            ]
        );
    }

    #[test]
    fn a_temporary_file_of_a_write_under_way_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        let theirs = dir.path().join(".p.ron.Ab12cD.tmp");
        fs::write(&theirs, "being written").unwrap();
        let held = fs::File::open(&theirs).unwrap();
        held.lock().unwrap();
        write_atomically(&path, b"one", &with_backup(Faults::NONE)).unwrap();
        assert_eq!(names_in(dir.path()), [".p.ron.Ab12cD.tmp", "p.ron"]);
        // Once that write is over (killed, say), its file is a leftover like any other.
        drop(held);
        write_atomically(&path, b"two", &with_backup(Faults::NONE)).unwrap();
        assert_eq!(names_in(dir.path()), ["p.ron", "p.ron.bak"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_backup_still_linked_to_the_file_is_kept_without_leftovers() {
        // A write killed after keeping the backup and before replacing the file leaves
        // `p.ron.bak` a second link to `p.ron`; renaming a link over another link to the
        // same file does nothing, so the next write must not try.
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        fs::write(&path, "current").unwrap();
        fs::hard_link(&path, backup_path(&path)).unwrap();
        write_atomically(&path, b"new", &with_backup(Faults::NONE)).unwrap();
        assert_eq!(fs::read(&path).unwrap(), b"new");
        assert_eq!(fs::read(backup_path(&path)).unwrap(), b"current");
        assert_eq!(names_in(dir.path()), ["p.ron", "p.ron.bak"]);
    }

    #[cfg(unix)]
    #[test]
    fn a_symbolic_link_is_followed_and_kept() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join("real")).unwrap();
        let real = dir.path().join("real/p.ron");
        fs::write(&real, "old").unwrap();
        let link = dir.path().join("link.ron");
        std::os::unix::fs::symlink("real/p.ron", &link).unwrap();
        write_atomically(&link, b"new", &with_backup(Faults::NONE)).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert_eq!(fs::read(&real).unwrap(), b"new");
        assert_eq!(fs::read(dir.path().join("real/p.ron.bak")).unwrap(), b"old");
        assert_eq!(names_in(&dir.path().join("real")), ["p.ron", "p.ron.bak"]);
    }

    #[cfg(unix)]
    #[test]
    fn permissions_are_kept() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("p.ron");
        fs::write(&path, "old").unwrap();
        fs::set_permissions(&path, fs::Permissions::from_mode(0o640)).unwrap();
        write_atomically(&path, b"new", &WriteOptions::default()).unwrap();
        let mode = fs::metadata(&path).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
    }

    #[test]
    fn a_folder_is_not_overwritten() {
        let dir = tempfile::tempdir().unwrap();
        let err = write_atomically(dir.path(), b"x", &WriteOptions::default()).unwrap_err();
        assert_eq!(err.step, Step::CreateTemp);
        assert!(err.to_string().contains("folder"), "{err}");
    }

    #[test]
    fn backup_is_beside_the_file() {
        assert_eq!(backup_path(Path::new("a/b.ron")), Path::new("a/b.ron.bak"));
    }
}
