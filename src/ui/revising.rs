//! Revising a source from a file off the window's thread: reading the document and placing
//! the source's annotations in its text can take seconds for a long source with thousands
//! of annotations, so the window goes on meanwhile, with the work's progress in the status
//! bar and a button to cancel it.
//!
//! The work is done on a copy of the source and its annotations. When it is done, the
//! revision is applied (one undoable step) only if the source and its annotations are
//! still as they were copied; otherwise nothing changes and the analyst is told to revise
//! again.

use std::path::{Path, PathBuf};

use super::jobs::{Job, Poll};
use crate::edit::Command;
use crate::import;
use crate::model::{Annotation, Project, Source, SourceId};
use crate::revise::{self, Revision};

/// A revision being worked out.
pub struct Revising {
    pub job: Job<Result<Revision, String>>,
    /// The source and its annotations (in text order) as they were copied for the work.
    copied: (Source, Vec<Annotation>),
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

/// Starts revising source `id` of `project` with the document at `path`; the project's
/// own file is `project_path`, which the document's origin is stored relative to.
pub fn start(
    project: &Project,
    id: &SourceId,
    path: PathBuf,
    project_path: Option<&Path>,
    ctx: &egui::Context,
) -> Result<Revising, String> {
    let Some(source) = project.source(id).cloned() else {
        return Err(format!(
            "The source was not revised: there is no source `{id}`"
        ));
    };
    let annotations: Vec<Annotation> = project.annotations_in(id).into_iter().cloned().collect();
    let copied = (source, annotations);
    let mut part = Project {
        sources: vec![copied.0.clone()],
        ..Project::default()
    };
    for a in &copied.1 {
        part.annotations.insert(a.id.clone(), a.clone());
    }
    let origin = import::origin(project_path, &path);
    let source = id.clone();
    let ctx = ctx.clone();
    let job = Job::start(
        format!("Revising {id}"),
        move |progress| {
            progress.set_total(2);
            let document = import::read_document(&path).map_err(|err| err.to_string())?;
            progress.advance();
            let revision = revise::revise(&part, &source, document.text, Some(origin))
                .map_err(|err| err.to_string());
            progress.advance();
            revision
        },
        move || ctx.request_repaint(),
    );
    Ok(Revising { job, copied })
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
        if self.job.progress.is_cancelled() {
            return Some(Revised::Cancelled(format!(
                "Revising source `{source}` cancelled; it is unchanged"
            )));
        }
        Some(match result {
            Ok(revision) if unchanged(project, &self.copied) => Revised::Ready {
                summary: revision.summary(source),
                command: Box::new(revision.command),
                label: format!("Revise source {source}"),
            },
            Ok(_) => Revised::Refused(format!(
                "Source `{source}` or its annotations changed while the revision was worked \
                 out; nothing was revised. Revise it again."
            )),
            Err(err) => Revised::Refused(format!("The source was not revised: {err}")),
        })
    }
}
