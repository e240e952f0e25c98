//! Revising a source from a file off the window's thread: reading the document and placing
//! the source's annotations in its text can take seconds for a long source with thousands
//! of annotations, so the window goes on meanwhile, with the work's progress in the status
//! bar and a button to cancel it.
//!
//! The work is done on a copy of the source and its annotations. When it is done, the
//! revision is applied (one undoable step) only if the source and its annotations are
//! still as they were copied; otherwise nothing changes and the analyst is told to revise
//! again.

use std::path::PathBuf;

use super::app::Workbench;
use super::jobs::{Job, Poll};
use crate::import;
use crate::model::{Annotation, Project, Source, SourceId};
use crate::revise::{self, Revision};

/// A revision being worked out.
pub struct Revising {
    pub job: Job<Result<Revision, String>>,
    /// The source and its annotations (in text order) as they were copied for the work.
    copied: (Source, Vec<Annotation>),
}

/// Whether the project still holds the source and its annotations as they were copied.
fn unchanged(project: &Project, (source, annotations): &(Source, Vec<Annotation>)) -> bool {
    project.source(&source.id) == Some(source)
        && project
            .annotations_in(&source.id)
            .into_iter()
            .eq(annotations.iter())
}

/// Starts revising source `id` with the document at `path`.
pub fn start(app: &mut Workbench, id: &SourceId, path: PathBuf, ctx: &egui::Context) {
    if app.revising.is_some() {
        app.set_error("A revision is already under way; wait for it or cancel it");
        return;
    }
    let Some(source) = app.project.source(id).cloned() else {
        app.set_error(format!(
            "The source was not revised: there is no source `{id}`"
        ));
        return;
    };
    let annotations: Vec<Annotation> = app
        .project
        .annotations_in(id)
        .into_iter()
        .cloned()
        .collect();
    let copied = (source, annotations);
    let mut part = Project {
        sources: vec![copied.0.clone()],
        ..Project::default()
    };
    for a in &copied.1 {
        part.annotations.insert(a.id.clone(), a.clone());
    }
    let origin = import::origin(app.file.path.as_deref(), &path);
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
    app.revising = Some(Revising { job, copied });
}

/// Applies a finished revision, or says why it was not.
pub fn poll(app: &mut Workbench) {
    let Some(revising) = &app.revising else {
        return;
    };
    let result = match revising.job.poll() {
        Poll::Running => return,
        Poll::Done(result) => result,
        Poll::Failed => Err("the work stopped unexpectedly".to_string()),
    };
    let Some(Revising { job, copied }) = app.revising.take() else {
        return;
    };
    let source = &copied.0.id;
    if job.progress.is_cancelled() {
        app.set_status(format!(
            "Revising source `{source}` cancelled; it is unchanged"
        ));
        return;
    }
    match result {
        Ok(revision) if unchanged(&app.project, &copied) => {
            let summary = revision.summary(source);
            if app.apply_edit(revision.command, format!("Revise source {source}")) {
                app.set_status(summary);
            }
        }
        Ok(_) => app.set_error(format!(
            "Source `{source}` or its annotations changed while the revision was worked out; \
             nothing was revised. Revise it again."
        )),
        Err(err) => app.set_error(format!("The source was not revised: {err}")),
    }
}
