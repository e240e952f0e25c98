//! What the fuzz targets in `fuzz/` run, shared with `tests/fuzz_replay.rs`, which runs
//! the same functions over the checked-in corpus in `tests/fuzz-corpus/`.
//!
//! Each target hands raw bytes to one reader of files Parallax is given, the way the
//! program does, and checks what comes back: a refusal must name the file, and what is
//! accepted must hold together (spans on their words, a project that saves and loads
//! again unchanged). A failed check panics, which is how a fuzzer learns of it. This is
//! not part of Parallax's interface.

use std::path::Path;

use crate::import::{self, ImportError};
use crate::model::Project;
use crate::store::{self, StoreError};

/// The body of a fuzz target: it takes any bytes and panics when a check fails.
pub type Target = fn(&[u8]);

/// The fuzz targets, by the name of their file in `fuzz/fuzz_targets/` and of their
/// corpus folder in `tests/fuzz-corpus/`.
pub const TARGETS: &[(&str, Target)] = &[
    ("project_file", project_file),
    ("brat_import", brat_import),
    ("document_txt", document_txt),
    ("document_md", document_md),
    ("document_html", document_html),
    ("document_eml", document_eml),
    ("document_docx", document_docx),
    ("document_odt", document_odt),
    ("document_mhtml", document_mhtml),
    ("document_pdf", document_pdf),
];

/// The text a brat input without a NUL byte is read against.
const BRAT_TEXT: &str = "Putin told Pope Leo 🇻🇦 on Wednesday (June 4)\r\nthat it was \
                         “a gesture”.\r\nPeskov said so.";

/// A project file's bytes, as opening the file reads them; a large file's way of reading
/// on two threads is tried on it too, whatever its size.
pub fn project_file(bytes: &[u8]) {
    let path = Path::new("fuzz.ron");
    if let Ok(text) = std::str::from_utf8(bytes) {
        assert!(
            store::two_threads_read_as_one(text),
            "read on two threads, the file reads otherwise than in one pass"
        );
    }
    match store::from_bytes(bytes, path) {
        Ok(loaded) => {
            assert_placed(&loaded.project);
            assert_saves_and_loads(&loaded.project);
        }
        Err(err) => assert_store_error_names(&err, "fuzz.ron"),
    }
}

/// A brat `.ann` file's bytes read against its `.txt`: the bytes before the first NUL
/// are the `.txt` and those after it the `.ann`; without a NUL, all of them are the
/// `.ann` of a fixed text. An import that succeeds must apply, must be importable again
/// into the project it made, and the project must save and load unchanged.
pub fn brat_import(bytes: &[u8]) {
    let (txt, ann) = match bytes.iter().position(|&b| b == 0) {
        Some(at) => (&bytes[..at], &bytes[at + 1..]),
        None => (BRAT_TEXT.as_bytes(), bytes),
    };
    let path = Path::new("fuzz.ann");
    let mut project = Project::new("fuzz");
    let command = match import::brat::import_bytes(&project, path, ann, txt) {
        Ok(command) => command,
        Err(err) => return assert_import_error_names(&err, "fuzz."),
    };
    command
        .apply(&mut project)
        .expect("an import is checked to apply before it is returned");
    assert_placed(&project);
    let again = import::brat::import_bytes(&project, path, ann, txt)
        .expect("the same files import again into the project they made");
    again
        .apply(&mut project)
        .expect("an import is checked to apply before it is returned");
    assert_placed(&project);
    assert_saves_and_loads(&project);
}

/// A `.txt` document's bytes, as importing the file reads them.
pub fn document_txt(bytes: &[u8]) {
    document("fuzz.txt", bytes);
}

/// A `.md` document's bytes, as importing the file reads them.
pub fn document_md(bytes: &[u8]) {
    document("fuzz.md", bytes);
}

/// An `.html` document's bytes, as importing the file reads them.
pub fn document_html(bytes: &[u8]) {
    document("fuzz.html", bytes);
}

/// An `.eml` e-mail's bytes, as importing the file reads them.
pub fn document_eml(bytes: &[u8]) {
    document("fuzz.eml", bytes);
}

/// A `.docx` Word file's bytes, as importing the file reads them.
pub fn document_docx(bytes: &[u8]) {
    document("fuzz.docx", bytes);
}

/// An `.odt` OpenDocument text's bytes, as importing the file reads them.
pub fn document_odt(bytes: &[u8]) {
    document("fuzz.odt", bytes);
}

/// An `.mhtml` web archive's bytes, as importing the file reads them.
pub fn document_mhtml(bytes: &[u8]) {
    document("fuzz.mhtml", bytes);
}

/// A `.pdf` file's bytes, as importing the file reads them.
pub fn document_pdf(bytes: &[u8]) {
    document("fuzz.pdf", bytes);
}

fn document(name: &str, bytes: &[u8]) {
    match import::document_from_bytes(bytes, Path::new(name), import::Reading::Article) {
        Ok(doc) => {
            assert!(!doc.text.contains('\r'), "a carriage return is left");
            assert!(
                !doc.text.starts_with('\u{FEFF}'),
                "a byte-order mark is left"
            );
            assert!(!doc.text.trim().is_empty(), "an empty text is accepted");
            assert!(!doc.title.is_empty(), "the title is empty");
        }
        Err(err) => assert_import_error_names(&err, name),
    }
}

/// Every annotation not flagged unplaced covers its quoted words on whole characters.
fn assert_placed(project: &Project) {
    for annotation in project.annotations.values() {
        let source = project
            .source(&annotation.source)
            .expect("an annotation's source is in the project");
        let span = annotation.span();
        if annotation.unplaced {
            assert!(span.start <= span.end && span.end <= source.text.char_len());
            continue;
        }
        assert_eq!(source.text.check_span(&span), Ok(()), "{annotation:?}");
        assert_eq!(source.text.slice(span), annotation.quote.exact);
    }
}

/// The project saves to RON that loads back to the same project with nothing repaired.
fn assert_saves_and_loads(project: &Project) {
    let text = store::to_ron(project);
    let loaded = store::from_ron(&text, Path::new("again.ron"))
        .unwrap_or_else(|err| panic!("a saved project does not load: {err}\n{text}"));
    assert_eq!(&loaded.project, project, "{text}");
    assert!(loaded.notes.is_empty(), "{:?}\n{text}", loaded.notes);
}

fn assert_store_error_names(err: &StoreError, name: &str) {
    let message = err.to_string();
    assert!(message.starts_with(name), "{message}");
}

fn assert_import_error_names(err: &ImportError, name: &str) {
    for problem in err.problems() {
        let message = problem.to_string();
        assert!(message.starts_with(name), "{message}");
    }
}
