//! Revising a source off the window's thread, from a new version of its text or by
//! re-reading the web page it was added from as the whole page or as the article: reading
//! the document and placing the source's annotations in its text can take seconds for a
//! long source with thousands of annotations, so the window goes on meanwhile, with the
//! work's progress in the status bar and a button to cancel it.
//!
//! The work is done on a copy of the source and its annotations. When it is done, the
//! revision is applied (one undoable step) only if the source and its annotations are
//! still as they were copied; otherwise nothing changes and the analyst is told to revise
//! again.

use std::path::{Path, PathBuf};

use super::jobs::{Job, Poll};
use crate::edit::Command;
use crate::import::{self, Kept, Reading};
use crate::model::{Annotation, Project, Source, SourceId, bytes_hash};
use crate::revise::{self, FromFile, ReviseError, Revision};

/// Where a revision's new text comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewText {
    /// The document to read.
    pub path: PathBuf,
    /// What to keep of it, when it is a web page.
    pub reading: Reading,
    /// A re-read of the file the source was added from: its bytes must still be the ones
    /// received (when the source knows their hash), so that only what is kept of it
    /// changes.
    pub reread: bool,
}

impl NewText {
    /// A new version of the text, in the document at `path`.
    pub fn revision(path: PathBuf) -> Self {
        Self {
            path,
            reading: Reading::Article,
            reread: false,
        }
    }

    /// The file the source was added from, at `path`, read again keeping what `reading`
    /// says.
    pub fn reread(path: PathBuf, reading: Reading) -> Self {
        Self {
            path,
            reading,
            reread: true,
        }
    }

    /// What the status bar says when the work is not done.
    fn not_done(&self) -> &'static str {
        if self.reread {
            "The source was not re-read"
        } else {
            "The source was not revised"
        }
    }
}

/// What a reading keeps, in the analyst's words.
pub fn kept_words(reading: Reading) -> &'static str {
    match reading {
        Reading::Article => "the article",
        Reading::WholePage => "the whole page",
    }
}

/// A revision being worked out.
pub struct Revising {
    pub job: Job<Result<(Revision, Option<Kept>), String>>,
    /// The source and its annotations (in text order) as they were copied for the work.
    copied: (Source, Vec<Annotation>),
    new: NewText,
}

/// How a revision ended.
pub enum Revised {
    /// Worked out on a project still as it was: the edit to apply, its label for the undo
    /// menu, and what the status bar says once it is applied.
    Ready {
        command: Box<Command>,
        label: String,
        summary: String,
    },
    Cancelled(String),
    /// Not applied, and why.
    Refused(String),
}

/// Whether the project still holds the source and its annotations as they were copied.
fn unchanged(project: &Project, (source, annotations): &(Source, Vec<Annotation>)) -> bool {
    project.source(&source.id) == Some(source)
        && project
            .annotations_in(&source.id)
            .into_iter()
            .eq(annotations.iter())
}

/// Starts revising source `id` of `project` with the text in `new`; the project's own
/// file is `project_path`, which the document's origin is stored relative to.
pub fn start(
    project: &Project,
    id: &SourceId,
    new: NewText,
    project_path: Option<&Path>,
    ctx: &egui::Context,
) -> Result<Revising, String> {
    let Some(source) = project.source(id).cloned() else {
        return Err(format!("{}: there is no source `{id}`", new.not_done()));
    };
    let expected = source.file_hash.clone().filter(|_| new.reread);
    let annotations: Vec<Annotation> = project.annotations_in(id).into_iter().cloned().collect();
    let copied = (source, annotations);
    let mut part = Project {
        sources: vec![copied.0.clone()],
        ..Project::default()
    };
    for a in &copied.1 {
        part.annotations.insert(a.id.clone(), a.clone());
    }
    let origin = import::origin(project_path, &new.path);
    let source = id.clone();
    let ctx = ctx.clone();
    let label = if new.reread {
        format!("Re-reading {id} as {}", kept_words(new.reading))
    } else {
        format!("Revising {id}")
    };
    let work = new.clone();
    let job = Job::start(
        label,
        move |progress| {
            progress.set_total(2);
            let (text, file_hash, kept) = read(&work, expected.as_deref())?;
            progress.advance();
            let from = FromFile { origin, file_hash };
            let revision =
                revise::revise(&part, &source, text, Some(from)).map_err(|err| match err {
                    ReviseError::Unchanged(_) if work.reread => format!(
                        "source `{source}` already holds {} of {}; nothing changed",
                        kept_words(work.reading),
                        work.path.display()
                    ),
                    err => err.to_string(),
                });
            progress.advance();
            revision.map(|revision| (revision, kept))
        },
        move || ctx.request_repaint(),
    );
    Ok(Revising { job, copied, new })
}

/// Reads the new text: the normalised text, the hash of the file's bytes, and what was
/// kept of a web page. A re-read refuses a file that is gone or whose bytes are no longer
/// `expected`, and a page with no article when the article is asked for.
fn read(new: &NewText, expected: Option<&str>) -> Result<(String, String, Option<Kept>), String> {
    let path = &new.path;
    if new.reread && !path.is_file() {
        return Err(format!(
            "its file {} is not there any more (moved, renamed or deleted); nothing changed",
            path.display()
        ));
    }
    let bytes = import::read_limited(path).map_err(|err| err.to_string())?;
    let file_hash = bytes_hash(&bytes);
    if expected.is_some_and(|expected| expected != file_hash) {
        return Err(format!(
            "{} is not the file the source was added from: its bytes changed since (their \
             SHA-256 differs); nothing changed. To take the new version, use Revise text from \
             a file…",
            path.display()
        ));
    }
    let document =
        import::document_from_bytes(&bytes, path, new.reading).map_err(|err| err.to_string())?;
    if new.reread
        && new.reading == Reading::Article
        && let Some(Kept::NoArticle { .. }) = document.kept
    {
        return Err(format!(
            "no article was recognised in {}, so the source keeps the whole page; nothing \
             changed",
            path.display()
        ));
    }
    Ok((document.text, file_hash, document.kept))
}

impl Revising {
    /// How the revision ended, once it has, against the project as it is now.
    pub fn poll(&self, project: &Project) -> Option<Revised> {
        let result = match self.job.poll() {
            Poll::Running => return None,
            Poll::Done(result) => result,
            Poll::Failed => Err("the work stopped unexpectedly".to_string()),
        };
        let source = &self.copied.0.id;
        let reread = self.new.reread;
        let as_kept = kept_words(self.new.reading);
        if self.job.progress.is_cancelled() {
            let what = if reread { "Re-reading" } else { "Revising" };
            return Some(Revised::Cancelled(format!(
                "{what} source `{source}` cancelled; it is unchanged"
            )));
        }
        Some(match result {
            Ok((revision, kept)) if unchanged(project, &self.copied) => {
                let (label, summary) = if reread {
                    // What was left out of a page is worth saying; the whole page is
                    // what was asked.
                    let kept = match kept {
                        Some(what @ (Kept::Article { .. } | Kept::NoArticle { .. })) => {
                            format!(" ({what})")
                        }
                        _ => String::new(),
                    };
                    (
                        format!("Re-read source {source} as {as_kept}"),
                        format!(
                            "Re-read source `{source}` as {as_kept}{kept}: {}",
                            revision.annotations()
                        ),
                    )
                } else {
                    (format!("Revise source {source}"), revision.summary(source))
                };
                Revised::Ready {
                    summary,
                    command: Box::new(revision.command),
                    label,
                }
            }
            Ok(_) => Revised::Refused(format!(
                "Source `{source}` or its annotations changed while the revision was worked \
                 out; nothing was changed. Try again."
            )),
            Err(err) => Revised::Refused(format!("{}: {err}", self.new.not_done())),
        })
    }
}
