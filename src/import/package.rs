//! The zip container of Word (`.docx`) and OpenDocument (`.odt`) files: the few parts a
//! reader needs, each unpacked within limits, so that a crafted file (a "zip bomb") is
//! refused before it costs memory or time.

use std::io::{Cursor, Read};
use std::path::{Path, PathBuf};

use zip::ZipArchive;
use zip::result::ZipError;

use super::ImportError;

/// The most entries a package may list; a Word file has a few dozen.
pub(super) const MAX_ENTRIES: usize = 10_000;

/// The most bytes the parts read from one package may unpack to, together: 256 MiB.
pub(super) const MAX_UNPACKED_BYTES: u64 = 256 << 20;

/// The most a part may grow when unpacked, as a multiple of its packed size; text
/// packs ten to thirty times smaller, a zip bomb a thousand times.
pub(super) const MAX_RATIO: u64 = 200;

/// A part up to this size is never refused for its ratio: 4 MiB.
pub(super) const RATIO_FREE_BYTES: u64 = 4 << 20;

/// The first bytes of an OLE compound file: a password-protected Office file, or a
/// Word 97-2003 document.
const COMPOUND_FILE: &[u8] = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1";

/// An opened package, which keeps count of what its parts unpacked to.
pub(super) struct Package<'a> {
    archive: ZipArchive<Cursor<&'a [u8]>>,
    path: PathBuf,
    unpacked: u64,
}

impl<'a> Package<'a> {
    /// Opens the package in `bytes`, the file at `path`; `format` names the kind of file
    /// in messages ("a Word file").
    pub(super) fn open(bytes: &'a [u8], path: &Path, format: &str) -> Result<Self, ImportError> {
        let refuse = |problem: String| ImportError::File {
            path: path.to_path_buf(),
            problem,
        };
        if bytes.starts_with(COMPOUND_FILE) {
            return Err(refuse(format!(
                "this is a password-protected file or an old binary document, not {format} \
                 Parallax can read; open it, remove the password, and save it again as \
                 .docx or .odt"
            )));
        }
        let archive = ZipArchive::new(Cursor::new(bytes)).map_err(|err| {
            refuse(format!(
                "this is not {format}, or it is damaged ({err}); open it in a word \
                 processor and save it again"
            ))
        })?;
        if archive.len() > MAX_ENTRIES {
            return Err(refuse(format!(
                "the file holds {} parts, more than the {MAX_ENTRIES} {format} may have; it is refused as a possible zip bomb",
                archive.len()
            )));
        }
        Ok(Package {
            archive,
            path: path.to_path_buf(),
            unpacked: 0,
        })
    }

    /// The unpacked bytes of the part named `name`, or `None` when there is no such part.
    pub(super) fn part(&mut self, name: &str) -> Result<Option<Vec<u8>>, ImportError> {
        let path = &self.path;
        let refuse = |problem: String| ImportError::File {
            path: path.clone(),
            problem,
        };
        let part = match self.archive.by_name(name) {
            Ok(part) => part,
            Err(ZipError::FileNotFound) => return Ok(None),
            Err(ZipError::UnsupportedArchive(ZipError::PASSWORD_REQUIRED)) => {
                return Err(refuse(
                    "the file is encrypted; open it, remove the password, and save it again".into(),
                ));
            }
            Err(err) => {
                return Err(refuse(format!(
                    "the part {name} cannot be unpacked ({err}); open the file in a word \
                     processor and save it again"
                )));
            }
        };
        let by_ratio = part
            .compressed_size()
            .saturating_mul(MAX_RATIO)
            .max(RATIO_FREE_BYTES);
        let left = MAX_UNPACKED_BYTES - self.unpacked;
        let limit = by_ratio.min(left);
        let mut bytes = Vec::new();
        part.take(limit + 1)
            .read_to_end(&mut bytes)
            .map_err(|err| {
                refuse(format!(
                    "the part {name} is damaged ({err}); open the file in a word processor \
                     and save it again"
                ))
            })?;
        if bytes.len() as u64 > limit {
            return Err(refuse(format!(
                "the part {name} unpacks to more than {} times its packed size or past {} \
                 MiB in all; the file is refused as a possible zip bomb",
                MAX_RATIO,
                MAX_UNPACKED_BYTES >> 20
            )));
        }
        self.unpacked += bytes.len() as u64;
        Ok(Some(bytes))
    }
}
