//! Importing documents (`.txt`, `.md`, `.html`, `.htm`, `.mhtml`, `.mht`, `.eml`,
//! `.docx`, `.odt`) and brat standoff annotations.
//!
//! A document's bytes are decoded (see [`read_document_as`] for the encodings
//! understood), a web page is reduced to its article (or, when asked, to all its visible
//! text) and the details it declares, an e-mail to its body, a Word or OpenDocument file
//! to the text of its paragraphs and tables, and the text gets the one normalisation Parallax
//! ever applies to a source: [`normalise`]. Positions in the result are code points of
//! that normalised text. [`brat`] turns `.ann` files into one undoable
//! [`crate::edit::Command`].

mod article;
pub mod brat;
mod decode;
mod document;
mod email;
mod html;
mod mhtml;
mod office_xml;
mod opendocument;
mod package;
mod page_details;
mod page_parser;
mod word;

use std::fmt::Write as _;
use std::io::Read;
use std::path::{Path, PathBuf};

pub use document::{
    Document, Kept, MAX_DOCUMENT_BYTES, Reading, SUPPORTED_EXTENSIONS, document_from_bytes,
    is_web_page, normalise, read_document, read_document_as,
};
pub use page_details::Details;

/// Where a document came from, as its source stores it: relative to the folder of the
/// project file when the document lies inside it (so that a project and its documents can
/// move together), else absolute. A project not yet saved has no folder.
pub fn origin(project_file: Option<&Path>, document: &Path) -> PathBuf {
    let Ok(document) = document.canonicalize() else {
        return document.to_path_buf();
    };
    let folder = project_file
        .and_then(|p| p.canonicalize().ok())
        .and_then(|p| p.parent().map(Path::to_path_buf));
    match folder
        .as_deref()
        .and_then(|dir| document.strip_prefix(dir).ok())
    {
        Some(relative) => relative.to_path_buf(),
        None => document,
    }
}

/// Where a source's document is on disk, from the origin it stores (see [`origin`]): a
/// relative origin lies in the folder of the project file.
pub fn origin_path(project_file: Option<&Path>, origin: &Path) -> PathBuf {
    let folder = project_file.and_then(|p| {
        let p = p.canonicalize().unwrap_or_else(|_| p.to_path_buf());
        p.parent().map(Path::to_path_buf)
    });
    match folder {
        Some(folder) if origin.is_relative() => folder.join(origin),
        _ => origin.to_path_buf(),
    }
}

/// Why a file could not be imported. Every message names the file (and the line and
/// column where there is one) and says what to do.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    #[error("{}: cannot read it: {source}", .path.display())]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(
        "{}: Parallax cannot import this kind of file; it imports {}",
        .path.display(),
        document::supported_list()
    )]
    Unsupported { path: PathBuf },
    #[error(
        "{}: the file is {} MiB, more than the {} MiB a document may have; split it into smaller files",
        .path.display(),
        .size.div_ceil(1 << 20),
        MAX_DOCUMENT_BYTES >> 20
    )]
    TooLarge { path: PathBuf, size: u64 },
    #[error(
        "{}: the page nests its elements more than {} deep, or makes the HTML parser search \
         that deep for most tags, so it cannot be read in reasonable time; open it in a \
         browser, save it as text and import the .txt file",
        .path.display(),
        page_parser::MAX_OPEN_ELEMENTS
    )]
    TooDeep { path: PathBuf },
    #[error(
        "{}: there is no text to annotate (the file is empty, white space only, or a page without visible text)",
        .path.display()
    )]
    Empty { path: PathBuf },
    #[error(
        "{}: this looks like a binary file, not text (or UTF-16 text without a byte-order mark); convert it to a UTF-8 .txt file first",
        .path.display()
    )]
    Binary { path: PathBuf },
    #[error(
        "{}:{line}:{column}: the file is UTF-8 but has an invalid byte here; repair it or save it again as UTF-8",
        .path.display()
    )]
    BrokenUtf8 {
        path: PathBuf,
        line: usize,
        column: usize,
    },
    #[error(
        "{}: the file is marked as {encoding} but is not valid {encoding}; save it again as UTF-8",
        .path.display()
    )]
    Undecodable {
        path: PathBuf,
        encoding: &'static str,
    },
    #[error(
        "{}: the text encoding cannot be recognised with confidence; convert the file to UTF-8 and import it again",
        .path.display()
    )]
    UnknownEncoding { path: PathBuf },
    /// A problem on one line of a file (a brat `.ann` line, or a place in a `.txt`).
    #[error("{}:{line}{}: {problem}", .path.display(), column_suffix(*.column))]
    Line {
        path: PathBuf,
        line: usize,
        column: Option<usize>,
        problem: String,
    },
    /// A problem with a whole file or folder.
    #[error("{}: {problem}", .path.display())]
    File { path: PathBuf, problem: String },
    /// The import was checked against the project and refused.
    #[error("the import does not fit the project and was refused: {0}")]
    Rejected(crate::edit::EditError),
    /// Several problems, one per line of the message.
    #[error("{}", list_problems(.0))]
    Several(Vec<ImportError>),
}

impl ImportError {
    /// The problems this error stands for: itself, or each of [`ImportError::Several`].
    pub fn problems(&self) -> Vec<&ImportError> {
        match self {
            ImportError::Several(list) => list.iter().collect(),
            other => vec![other],
        }
    }

    /// One error for a list of problems; `None` when the list is empty.
    fn from_list(mut list: Vec<ImportError>) -> Option<ImportError> {
        match list.len() {
            0 => None,
            1 => list.pop(),
            _ => Some(ImportError::Several(list)),
        }
    }
}

fn column_suffix(column: Option<usize>) -> String {
    column.map(|c| format!(":{c}")).unwrap_or_default()
}

/// How many problems [`ImportError::Several`] spells out before summing up the rest.
const PROBLEMS_SHOWN: usize = 20;

fn list_problems(list: &[ImportError]) -> String {
    let mut out = format!("{} problems; nothing was imported:", list.len());
    for problem in list.iter().take(PROBLEMS_SHOWN) {
        let _ = write!(out, "\n{problem}");
    }
    if list.len() > PROBLEMS_SHOWN {
        let _ = write!(out, "\n… and {} more", list.len() - PROBLEMS_SHOWN);
    }
    out
}

/// Reads a whole file, refusing it before reading when it exceeds [`MAX_DOCUMENT_BYTES`].
pub fn read_limited(path: &Path) -> Result<Vec<u8>, ImportError> {
    let read_error = |source| ImportError::Read {
        path: path.to_path_buf(),
        source,
    };
    let file = std::fs::File::open(path).map_err(read_error)?;
    let metadata = file.metadata().map_err(read_error)?;
    if metadata.is_dir() {
        return Err(ImportError::File {
            path: path.to_path_buf(),
            problem: "this is a folder; give the files in it".into(),
        });
    }
    if metadata.len() > MAX_DOCUMENT_BYTES {
        return Err(ImportError::TooLarge {
            path: path.to_path_buf(),
            size: metadata.len(),
        });
    }
    let mut bytes = Vec::with_capacity(metadata.len() as usize);
    // A file that grows while it is read stops at the limit plus one byte.
    file.take(MAX_DOCUMENT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(read_error)?;
    if bytes.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(ImportError::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
        });
    }
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_origin_is_relative_to_the_projects_folder_when_inside_it() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("p.ron");
        std::fs::write(&project, "").unwrap();
        let inside = dir.path().join("a").join("doc.txt");
        std::fs::create_dir(dir.path().join("a")).unwrap();
        std::fs::write(&inside, "x").unwrap();
        let other = tempfile::tempdir().unwrap();
        let outside = other.path().join("doc.txt");
        std::fs::write(&outside, "x").unwrap();
        let absolute = |p: &Path| p.canonicalize().unwrap();
        assert_eq!(
            origin(Some(&project), &inside),
            Path::new("a").join("doc.txt")
        );
        assert_eq!(origin(Some(&project), &outside), absolute(&outside));
        assert_eq!(origin(None, &inside), absolute(&inside));
        // A document that cannot be found is kept as it was named.
        let gone = Path::new("gone/doc.txt");
        assert_eq!(origin(Some(&project), gone), gone);
        // And each origin leads back to its document.
        for document in [&inside, &outside] {
            let stored = origin(Some(&project), document);
            assert_eq!(
                absolute(&origin_path(Some(&project), &stored)),
                absolute(document)
            );
        }
        assert_eq!(origin_path(None, &origin(None, &inside)), absolute(&inside));
    }

    #[test]
    fn web_pages_are_known_by_their_extension() {
        for page in ["a.html", "a.HTM", "a.mhtml", "a.mht"] {
            assert!(is_web_page(Path::new(page)), "{page}");
        }
        for other in ["a.txt", "a.md", "a.eml", "a.docx", "a"] {
            assert!(!is_web_page(Path::new(other)), "{other}");
        }
    }

    #[test]
    fn several_problems_are_listed_one_per_line() {
        let line = |n| ImportError::Line {
            path: "a.ann".into(),
            line: n,
            column: (n % 2 == 0).then_some(3),
            problem: "bad".into(),
        };
        let err = ImportError::from_list((1..=3).map(line).collect()).unwrap();
        assert_eq!(
            err.to_string(),
            "3 problems; nothing was imported:\na.ann:1: bad\na.ann:2:3: bad\na.ann:3: bad"
        );
        assert_eq!(err.problems().len(), 3);
        let many = ImportError::from_list((1..=25).map(line).collect()).unwrap();
        assert!(many.to_string().ends_with("… and 5 more"), "{many}");
        assert!(ImportError::from_list(Vec::new()).is_none());
    }

    #[test]
    fn files_over_the_limit_are_refused_before_reading() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("huge.txt");
        let file = std::fs::File::create(&path).unwrap();
        // A sparse file: nothing is written, so the test stays fast.
        file.set_len(MAX_DOCUMENT_BYTES + 1).unwrap();
        let err = read_limited(&path).unwrap_err();
        assert!(matches!(err, ImportError::TooLarge { .. }), "{err}");
        let message = err.to_string();
        assert!(
            message.contains("huge.txt") && message.contains("split it"),
            "{message}"
        );
        let err = read_document(&path).unwrap_err();
        assert!(matches!(err, ImportError::TooLarge { .. }), "{err}");
    }

    #[test]
    fn folders_and_missing_files_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let err = read_limited(dir.path()).unwrap_err();
        assert!(err.to_string().contains("is a folder"), "{err}");
        let missing = dir.path().join("missing.txt");
        let err = read_limited(&missing).unwrap_err();
        assert!(matches!(err, ImportError::Read { .. }));
        assert!(err.to_string().contains("missing.txt"), "{err}");
    }
}
