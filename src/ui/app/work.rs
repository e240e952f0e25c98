//! Long work beside the window, started and taken in by the app: adding documents as
//! sources, revising a source from a file or re-reading its web page, and finding suggestions, with what the
//! analyst does with them.

use std::path::PathBuf;
use std::sync::Arc;

use super::{ImportResults, Outcome, Workbench};
use crate::edit::Command;
use crate::import::{self, Reading};
use crate::model::{Project, SourceId};
use crate::ui::action::{Dialog, PathPurpose, SuggestionStep};
use crate::ui::jobs::{Job, Poll};
use crate::ui::revising::{self, NewText, Revised};
use crate::wording::{count, shorten};

impl Workbench {
    pub(super) fn start_import(
        &mut self,
        paths: Vec<PathBuf>,
        ctx: &egui::Context,
    ) -> Result<Outcome, String> {
        if paths.is_empty() {
            return Ok(Outcome::Nothing);
        }
        if self.import.is_some() {
            return Err("An import is already under way; wait for it or cancel it".into());
        }
        let ctx = ctx.clone();
        let label = format!("Importing {}", count(paths.len(), "file"));
        self.import = Some(Job::start(
            label,
            move |progress| {
                progress.set_total(paths.len());
                let mut results = Vec::new();
                for path in paths {
                    if progress.is_cancelled() {
                        break;
                    }
                    results.push(import::read_document(&path));
                    progress.advance();
                }
                results
            },
            move || ctx.request_repaint(),
        ));
        Ok(Outcome::Started)
    }

    pub(super) fn poll_import(&mut self) {
        let Some(job) = &self.import else { return };
        let results = match job.poll() {
            Poll::Running => return,
            Poll::Done(results) => results,
            Poll::Failed => {
                self.import = None;
                self.set_error("The import stopped unexpectedly; nothing was added");
                return;
            }
        };
        let cancelled = job.progress.is_cancelled();
        self.import = None;
        self.finish_import(results, cancelled);
    }

    /// Adds imported documents as sources, in one undoable step, and reports failures.
    pub fn finish_import(&mut self, results: ImportResults, cancelled: bool) {
        let mut steps = Vec::new();
        let mut errors = Vec::new();
        // What of each web page was kept, and what e-mails carried that was not, for the
        // status bar.
        let mut kept = Vec::new();
        // The sources alone decide which ids are free; the annotations need no copy.
        let mut scratch = Project {
            sources: self.project.sources.clone(),
            ..Project::default()
        };
        for result in results {
            match result {
                Ok(doc) => {
                    if let Some(what) = doc.kept {
                        kept.push(what.to_string());
                    }
                    if !doc.attachments.is_empty() {
                        kept.push(format!(
                            "attached, not imported: {}",
                            doc.attachments.join(", ")
                        ));
                    }
                    let source = doc.into_source(&scratch, self.file.path.as_deref());
                    let step = Command::InsertSource {
                        index: usize::MAX,
                        source,
                    };
                    if step.clone().apply(&mut scratch).is_ok() {
                        steps.push(step);
                    }
                }
                Err(err) => errors.push(err.to_string()),
            }
        }
        let added = steps.len();
        if added > 0
            && let Err(err) = self.edit(
                Command::Batch(steps),
                format!("add {}", count(added, "source")),
            )
        {
            errors.push(err);
        }
        let mut text = format!("Added {}", count(added, "source"));
        if !kept.is_empty() {
            text = format!("{text} ({})", kept.join("; "));
        }
        if cancelled {
            text.push_str(" (import cancelled)");
        }
        if errors.is_empty() {
            self.set_status(text);
        } else {
            self.set_error(format!("{text}; {} not added", errors.len()));
            self.ask(Dialog::Message {
                title: "Some files were not added".into(),
                text: errors.join("\n"),
            });
        }
    }

    pub(super) fn start_revision(
        &mut self,
        id: &SourceId,
        new: NewText,
        ctx: &egui::Context,
    ) -> Result<Outcome, String> {
        if self.revising.is_some() {
            return Err("A revision is already under way; wait for it or cancel it".into());
        }
        let revising = revising::start(&self.project, id, new, self.file.path.as_deref(), ctx)?;
        self.revising = Some(revising);
        Ok(Outcome::Started)
    }

    /// Re-reads the web page source `id` was added from (at `path`, else where the source
    /// says it came from, else where the analyst says), keeping what `reading` says.
    pub(super) fn reread(
        &mut self,
        id: &SourceId,
        reading: Reading,
        path: Option<PathBuf>,
        ctx: &egui::Context,
    ) -> Result<Outcome, String> {
        let Some(source) = self.project.source(id) else {
            return Err(format!(
                "The source was not re-read: there is no source `{id}`"
            ));
        };
        let known = source
            .origin
            .as_deref()
            .map(|origin| import::origin_path(self.file.path.as_deref(), origin));
        match path.or(known) {
            Some(path) => self.start_revision(id, NewText::reread(path, reading), ctx),
            None => self.open_dialog(Dialog::Path(PathPurpose::Reread(id.clone(), reading))),
        }
    }

    pub(super) fn poll_revision(&mut self) {
        let Some(revising) = &self.revising else {
            return;
        };
        let Some(revised) = revising.poll(&self.project) else {
            return;
        };
        self.revising = None;
        match revised {
            Revised::Ready {
                command,
                label,
                summary,
            } => match self.edit(*command, label) {
                Ok(_) => self.set_status(summary),
                Err(err) => self.set_error(err),
            },
            Revised::Cancelled(text) => self.set_status(text),
            Revised::Refused(text) => self.set_error(text),
        }
    }

    pub(super) fn poll_suggestions(&mut self) {
        let state = self.history.state();
        match self
            .suggestions
            .take_found(&self.project, &self.index, state)
        {
            Some(Ok(text)) => {
                self.set_status(text);
                self.reveal_current_suggestion();
            }
            Some(Err(text)) => self.set_error(text),
            None => {}
        }
        let back = self.suggestions.follow(&self.project, &self.index, state);
        if back > 0 {
            let again = format!("{} listed again", count(back, "suggestion"));
            match &mut self.status {
                Some(status) if !status.is_error => {
                    status.text = format!("{}; {again}", status.text);
                }
                _ => self.set_status(again),
            }
            self.reveal_current_suggestion();
        }
    }

    /// Carries out what the analyst does with the suggestions.
    pub(super) fn suggestion(
        &mut self,
        step: SuggestionStep,
        ctx: &egui::Context,
    ) -> Result<Outcome, String> {
        let current = self.suggestions.current_position();
        match step {
            SuggestionStep::Find => {
                self.suggestions.start(Arc::clone(&self.project), ctx)?;
                return Ok(Outcome::Started);
            }
            SuggestionStep::Next { forward } => self.suggestions.step(forward),
            SuggestionStep::MakeCurrent { source, index } => {
                return Ok(self.make_suggestion_current(&source, index));
            }
            SuggestionStep::AcceptCurrent => {
                if let Some(i) = current {
                    self.accept_suggestions(&[i])?;
                }
            }
            SuggestionStep::RejectCurrent => {
                if let (Some(i), Some(s)) = (current, self.suggestions.current()) {
                    let what = format!("“{}”", shorten(&s.text, 40));
                    self.reject_suggestions(&[i], what);
                }
            }
            SuggestionStep::AcceptAll(kind) => {
                let chosen = self.suggestions.of_kind(kind);
                self.accept_suggestions(&chosen)?;
            }
            SuggestionStep::RejectAll(kind) => {
                let chosen = self.suggestions.of_kind(kind);
                let what = count(chosen.len(), &format!("{} suggestion", kind.noun()));
                self.reject_suggestions(&chosen, what);
            }
            SuggestionStep::Clear => {
                self.suggestions.clear();
                self.set_status(
                    "Suggestions cleared; Annotate ▸ Suggest annotations finds them again",
                );
                return Ok(Outcome::Done);
            }
        }
        self.reveal_current_suggestion();
        Ok(Outcome::Done)
    }

    /// Makes the suggestion at `index` among `source`'s current (a click on it).
    fn make_suggestion_current(&mut self, source: &SourceId, index: usize) -> Outcome {
        if self.suggestions.make_current(source, index) {
            self.selected = None;
            self.selection = None;
            Outcome::Done
        } else {
            Outcome::Nothing
        }
    }

    /// Accepts the suggestions at these positions of the list as one undoable step.
    fn accept_suggestions(&mut self, chosen: &[usize]) -> Result<(), String> {
        let Some((command, label, status)) = self.suggestions.acceptance(chosen, &self.project)
        else {
            return Ok(());
        };
        let before = self.history.state();
        self.edit(command, label)?;
        self.suggestions.accepted(chosen, before);
        let left = self.suggestions.listed().len();
        self.set_status(format!(
            "{status} ({} left; Ctrl+Z undoes)",
            count(left, "suggestion")
        ));
        Ok(())
    }

    fn reject_suggestions(&mut self, chosen: &[usize], what: String) {
        if chosen.is_empty() {
            return;
        }
        self.suggestions.reject(chosen);
        let left = self.suggestions.listed().len();
        self.set_status(format!(
            "Rejected {what} ({} left)",
            count(left, "suggestion")
        ));
    }

    /// Shows the current suggestion's source (and the sources view) and scrolls it into
    /// view.
    fn reveal_current_suggestion(&mut self) {
        let Some(s) = self.suggestions.current() else {
            return;
        };
        let (source, start) = (s.source.clone(), s.start);
        self.comparing = false;
        self.hidden.retain(|h| h != &source);
        self.selected = None;
        self.panels.columns.reveal(source, start);
    }
}
