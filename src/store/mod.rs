//! Reading and writing project files.
//!
//! A project file is RON text, human-readable and deterministic (the same project always
//! gives the same bytes), with the source texts embedded. Loading reads `format_version`
//! first, refuses newer files, upgrades older ones, and checks the result
//! ([`check()`]), repairing spans by their quotes. Saving is atomic ([`write_atomically`])
//! and keeps the previous version as `NAME.ron.bak`. Autosaves go to a recovery file beside
//! the project ([`recovery_path`]).

mod atomic;
mod check;
mod halves;
mod item_line;
mod layout;
mod migrate;
mod recovery;

#[cfg(test)]
mod tests;

use std::fs::File;
use std::io::Read;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use serde::{Deserialize, Deserializer};

use crate::model::{FORMAT_VERSION, Project};

pub(crate) use atomic::sync_folder;
#[cfg(test)]
pub(crate) use atomic::tests::names_in;
pub use atomic::{AtomicError, Faults, Step, WriteOptions, backup_path, write_atomically};
pub use check::{CheckReport, LoadNote, Problem, SpanFault, check};
pub(crate) use check::{clamp_unplaced, reanchor_revised};
use migrate::CURRENT_SHAPE_SINCE;
pub use migrate::OLDEST_VERSION;
pub use recovery::{
    discard_recovery, read_recovery, recovery_path, write_recovery, write_recovery_with,
};

/// The largest project file Parallax opens (and saves), in bytes: 256 MiB.
pub const MAX_PROJECT_BYTES: u64 = 256 * 1024 * 1024;

/// How deeply brackets may nest in a project file; a real one nests fewer than ten levels.
pub const MAX_NESTING: usize = 128;

/// A project read from a file, with what loading repaired.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Loaded {
    pub project: Project,
    /// What was converted or repaired, one note per thing, for the analyst to read.
    pub notes: Vec<LoadNote>,
    /// SHA-256 of the file's bytes, in hex, to notice later that another program changed it.
    pub file_hash: String,
}

/// A project written to a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Saved {
    /// SHA-256 of the bytes written, in hex (compare with [`disk_hash`] before saving again).
    pub file_hash: String,
}

/// Why a project file could not be read or written. Every message names the file.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{}: no such file; check the path, or create a project with `parallax new`", .path.display())]
    NotFound { path: PathBuf },
    #[error("{}: this is a folder, not a project file", .path.display())]
    NotAFile { path: PathBuf },
    #[error("{}: could not be read: {source}", .path.display())]
    Read {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error(
        "{}: the file is {} MiB, more than the {} MiB a project file may have (Parallax never \
         saves a larger one); check that this is a Parallax project, or split its sources \
         across several projects",
        .path.display(), .size.div_ceil(1 << 20), MAX_PROJECT_BYTES >> 20
    )]
    TooLarge { path: PathBuf, size: u64 },
    #[error(
        "{}: the project would take {size} bytes, more than the {} MiB Parallax can open \
         again; remove some sources and save again",
        .path.display(), MAX_PROJECT_BYTES / (1024 * 1024)
    )]
    TooLargeToSave { path: PathBuf, size: u64 },
    #[error("{}: the file is empty; a project file starts with `(format_version: {FORMAT_VERSION},`", .path.display())]
    Empty { path: PathBuf },
    #[error(
        "{}:{line}:{column}: the file is not UTF-8 text; save it as UTF-8 and open it again",
        .path.display()
    )]
    NotUtf8 {
        path: PathBuf,
        line: usize,
        column: usize,
    },
    /// A syntax or type error.
    #[error("{}:{line}:{column}: {message}", .path.display())]
    Parse {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
    #[error(
        "{}: the file has no `format_version`; add `format_version: {FORMAT_VERSION},` at \
         the top (or `format_version: 1,` for a file written by hand)",
        .path.display()
    )]
    NoVersion { path: PathBuf },
    #[error(
        "{}: the file was written by a newer Parallax (format version {version}; this one \
         reads up to {FORMAT_VERSION}); update Parallax to open it",
        .path.display()
    )]
    Newer { path: PathBuf, version: u32 },
    #[error(
        "{}: there is no format version {version}; this Parallax reads versions \
         {OLDEST_VERSION} to {FORMAT_VERSION}",
        .path.display()
    )]
    UnknownVersion { path: PathBuf, version: u32 },
    #[error("{}: {}", .path.display(), list(.problems))]
    Invalid {
        path: PathBuf,
        problems: Vec<Problem>,
    },
    #[error("could not save the project: {0}")]
    Save(#[source] AtomicError),
    #[error("could not autosave the project: {0}")]
    Autosave(#[source] AtomicError),
    #[error("{}: could not be removed: {source}", .path.display())]
    Remove {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

fn list(problems: &[Problem]) -> String {
    let all: Vec<String> = problems.iter().map(ToString::to_string).collect();
    match all.len() {
        1 => all[0].clone(),
        n => format!("{n} problems: {}", all.join("; ")),
    }
}

/// The project as RON text, deterministic, with the source texts embedded: the sources one
/// field per line, then entities, claim groups and annotations one per line.
pub fn to_ron(project: &Project) -> String {
    layout::write(project)
}

/// Reads a project file. See [`from_bytes`].
pub fn load(path: &Path) -> Result<Loaded, StoreError> {
    from_bytes(&read_limited(path)?, path)
}

/// Reads a project from a file's bytes; `path` names the file in messages.
pub fn from_bytes(bytes: &[u8], path: &Path) -> Result<Loaded, StoreError> {
    let text = std::str::from_utf8(bytes).map_err(|e| {
        let (line, column) = position_of(&bytes[..e.valid_up_to()]);
        StoreError::NotUtf8 {
            path: path.to_path_buf(),
            line,
            column,
        }
    })?;
    from_ron(text, path)
}

/// Reads a project from RON text; `path` names the file in messages.
///
/// Its `format_version` decides how it is read: a newer file is refused, an older one
/// upgraded (a current file is read in one pass). The project is then checked
/// ([`check()`]): what can be repaired is, and noted; what cannot is an error.
pub fn from_ron(text: &str, path: &Path) -> Result<Loaded, StoreError> {
    let (file_hash, read) = alongside(
        || crate::model::bytes_hash(text.as_bytes()),
        || read_project(text, path),
        text.len(),
    );
    let (project, notes) = read?;
    Ok(Loaded {
        project,
        notes,
        file_hash,
    })
}

/// The project in a file's text, checked, and what loading repaired.
fn read_project(text: &str, path: &Path) -> Result<(Project, Vec<LoadNote>), StoreError> {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    if body.trim().is_empty() {
        return Err(StoreError::Empty {
            path: path.to_path_buf(),
        });
    }
    let path_buf = || path.to_path_buf();
    // A current, well-formed file is read in one pass. Any other is read again for its
    // version alone, which decides how to read it or which error to report.
    let current = parse_current(body, path);
    let (mut project, mut notes) = match current {
        Ok(project) if project.format_version == FORMAT_VERSION => (project, Vec::new()),
        // Versions since the current shape differ only in optional fields: one pass reads
        // them as they are.
        Ok(mut project)
            if (CURRENT_SHAPE_SINCE..FORMAT_VERSION).contains(&project.format_version) =>
        {
            let note = LoadNote::Migrated {
                from: project.format_version,
                to: FORMAT_VERSION,
            };
            project.format_version = FORMAT_VERSION;
            (project, vec![note])
        }
        _ => match parse::<VersionOnly>(body, path)?.format_version {
            None => return Err(StoreError::NoVersion { path: path_buf() }),
            Some(FORMAT_VERSION) => (current?, Vec::new()),
            Some(version) if version > FORMAT_VERSION => {
                return Err(StoreError::Newer {
                    path: path_buf(),
                    version,
                });
            }
            Some(version) if version >= OLDEST_VERSION => {
                let project = migrate::upgrade(body, path, version)?;
                let note = LoadNote::Migrated {
                    from: version,
                    to: FORMAT_VERSION,
                };
                (project, vec![note])
            }
            Some(version) => {
                return Err(StoreError::UnknownVersion {
                    path: path_buf(),
                    version,
                });
            }
        },
    };
    let report = check(&mut project);
    if !report.problems.is_empty() {
        return Err(StoreError::Invalid {
            path: path_buf(),
            problems: report.problems,
        });
    }
    notes.extend(report.notes);
    Ok((project, notes))
}

/// Reads a project in the current format: a large file in two halves side by side when
/// it allows (see [`halves`]), any other in one pass.
fn parse_current(body: &str, path: &Path) -> Result<Project, StoreError> {
    if body.len() >= halves::FROM_BYTES
        && let Some(project) = halves::read(body, &ron_options())
        && (CURRENT_SHAPE_SINCE..=FORMAT_VERSION).contains(&project.format_version)
    {
        return Ok(project);
    }
    parse::<Project>(body, path)
}

/// Whether `text`, if it is laid out to be read on two threads, reads so exactly as in one
/// pass (for the fuzz targets, which try it on files of any size).
pub(crate) fn two_threads_read_as_one(text: &str) -> bool {
    let body = text.strip_prefix('\u{feff}').unwrap_or(text);
    halves::read(body, &ron_options())
        .is_none_or(|fast| parse::<Project>(body, Path::new("")).is_ok_and(|whole| whole == fast))
}

/// Saves a project atomically, keeping the previous version as `NAME.ron.bak`.
pub fn save(project: &Project, path: &Path) -> Result<Saved, StoreError> {
    save_with(project, path, Faults::NONE)
}

/// [`save`], with failures injected at the given steps (for tests).
pub fn save_with(project: &Project, path: &Path, faults: Faults) -> Result<Saved, StoreError> {
    let text = to_ron(project);
    if text.len() as u64 > MAX_PROJECT_BYTES {
        return Err(StoreError::TooLargeToSave {
            path: path.to_path_buf(),
            size: text.len() as u64,
        });
    }
    let options = WriteOptions {
        keep_backup: true,
        faults,
    };
    let (file_hash, written) = alongside(
        || crate::model::bytes_hash(text.as_bytes()),
        || write_atomically(path, text.as_bytes(), &options),
        text.len(),
    );
    written.map_err(StoreError::Save)?;
    Ok(Saved { file_hash })
}

/// From how many bytes a file is hashed on a second thread while it is read or written.
const HASH_APART_FROM: usize = 1 << 20;

/// Runs `hash` and `work` side by side on two threads when there are `bytes` to hash
/// (at least [`HASH_APART_FROM`]), otherwise one after the other; the results are the same
/// either way.
fn alongside<H: Send, W>(
    hash: impl FnOnce() -> H + Send,
    work: impl FnOnce() -> W,
    bytes: usize,
) -> (H, W) {
    if bytes < HASH_APART_FROM {
        return (hash(), work());
    }
    crate::threads::both(hash, work)
}

/// The SHA-256 of the file now at `path`, or `None` when there is none; compare it with
/// [`Loaded::file_hash`] or [`Saved::file_hash`] to learn whether another program changed
/// the file.
pub fn disk_hash(path: &Path) -> Result<Option<String>, StoreError> {
    match read_limited(path) {
        Ok(bytes) => Ok(Some(crate::model::bytes_hash(&bytes))),
        Err(StoreError::NotFound { .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Reads a whole file, refusing one larger than [`MAX_PROJECT_BYTES`] before reading it.
fn read_limited(path: &Path) -> Result<Vec<u8>, StoreError> {
    let read_error = |source: std::io::Error| match source.kind() {
        std::io::ErrorKind::NotFound => StoreError::NotFound {
            path: path.to_path_buf(),
        },
        _ => StoreError::Read {
            path: path.to_path_buf(),
            source,
        },
    };
    let file = File::open(path).map_err(read_error)?;
    let meta = file.metadata().map_err(read_error)?;
    if meta.is_dir() {
        return Err(StoreError::NotAFile {
            path: path.to_path_buf(),
        });
    }
    let too_large = |size| StoreError::TooLarge {
        path: path.to_path_buf(),
        size,
    };
    if meta.len() > MAX_PROJECT_BYTES {
        return Err(too_large(meta.len()));
    }
    // The file may grow while it is read, or be a device that reports no length.
    let mut bytes = Vec::with_capacity(meta.len() as usize);
    file.take(MAX_PROJECT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    if bytes.len() as u64 > MAX_PROJECT_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// How project files are read and written: optional values are written bare
/// (`published: "2025-06-05"`, not `Some("2025-06-05")`; both are read), and nesting is
/// limited to [`MAX_NESTING`].
fn ron_options() -> ron::Options {
    ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .with_recursion_limit(MAX_NESTING)
}

/// Parses RON text into `T`, with errors naming the file, line and column.
fn parse<T: DeserializeOwned>(text: &str, path: &Path) -> Result<T, StoreError> {
    ron_options().from_str(text).map_err(|e| {
        let message = match e.code {
            ron::Error::ExceededRecursionLimit => format!(
                "brackets nest more than {MAX_NESTING} levels deep; a project file never \
                     does, so this file is damaged"
            ),
            code => crate::wording::shorten(&code.to_string(), MESSAGE_CHARS),
        };
        let (line, column) = first_visible(text, &e.span);
        StoreError::Parse {
            path: path.to_path_buf(),
            line,
            column,
            message,
        }
    })
}

/// How many characters of ron's message a parse error shows: ron quotes the value it
/// found, which in a damaged file can be megabytes long (and can hold line breaks, shown
/// as spaces so that the message stays on its line).
const MESSAGE_CHARS: usize = 200;

/// Where an error's span starts, past the blanks ron includes before the offending value.
fn first_visible(text: &str, span: &ron::error::Span) -> (usize, usize) {
    let (line, mut column) = (span.start.line, span.start.col);
    if span.end.line == line {
        let blanks = text
            .lines()
            .nth(line.saturating_sub(1))
            .unwrap_or_default()
            .chars()
            .skip(column.saturating_sub(1))
            .take(span.end.col.saturating_sub(column))
            .take_while(|c| c.is_whitespace())
            .count();
        column += blanks;
    }
    (line, column)
}

/// The line and column (from 1, in characters) just after some valid UTF-8 bytes.
fn position_of(valid: &[u8]) -> (usize, usize) {
    let text = std::str::from_utf8(valid).unwrap_or_default();
    let line = 1 + text.matches('\n').count();
    let last_line = text.rsplit('\n').next().unwrap_or_default();
    (line, 1 + last_line.chars().count())
}

/// The one field read before the rest, to know how to read the rest.
#[derive(Deserialize)]
#[serde(rename = "Project")]
struct VersionOnly {
    #[serde(default, deserialize_with = "present")]
    format_version: Option<u32>,
}

fn present<'de, D: Deserializer<'de>>(d: D) -> Result<Option<u32>, D::Error> {
    u32::deserialize(d).map(Some)
}
