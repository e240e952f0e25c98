//! Carrying out one action: the one way the project, the history and everything kept
//! beside them change.

use std::sync::Arc;

use super::Workbench;
use crate::edit::Command;
use crate::model::{Annotation, AnnotationId, TagKind};
use crate::reshape::move_edge;
use crate::ui::action::{Action, Dialog, PathPurpose};
use crate::ui::curation::CurationState;
use crate::ui::export::ExportDialog;
use crate::ui::revising::NewText;
use crate::wording::shorten;

/// What carrying out an action came to, when it was not refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Done now.
    Done,
    /// Work started beside the window; its result comes in a later frame.
    Started,
    /// A dialog asks the analyst first.
    Asked,
    /// There was nothing to do (nothing to undo, no selection to tag).
    Nothing,
}

impl Workbench {
    /// Carries out one action now. A refusal says why, for the status bar; what a
    /// failed save or open says is also shown in a dialog.
    pub fn apply(&mut self, action: Action, ctx: &egui::Context) -> Result<Outcome, String> {
        match action {
            Action::Edit(command, label) => {
                let dates_move = self.moves_publication_days(&command);
                let outcome = self.edit(*command, label)?;
                if dates_move && !self.suggestions.listed().is_empty() {
                    // Listed date suggestions were resolved against the old days.
                    self.suggestions.start(Arc::clone(&self.project), ctx)?;
                }
                Ok(outcome)
            }
            Action::Undo => Ok(self.undo(true)),
            Action::Redo => Ok(self.undo(false)),
            Action::Tag(kind) => self.tag(kind),
            Action::DeleteSelected => match self.selected.clone() {
                Some(id) => self.edit(Command::RemoveAnnotation(id), "delete annotation".into()),
                None => Ok(Outcome::Nothing),
            },
            Action::SelectAnnotation(id) => {
                self.selected = id;
                Ok(Outcome::Done)
            }
            Action::StepAnnotation { forward } => Ok(self.step_annotation(forward)),
            Action::MoveEdge {
                edge,
                step,
                forward,
            } => {
                let Some(a) = self
                    .selected
                    .as_ref()
                    .and_then(|id| self.project.annotations.get(id))
                else {
                    self.set_status("Select an annotation first, then move its edges");
                    return Ok(Outcome::Nothing);
                };
                let moved = self
                    .project
                    .source(&a.source)
                    .and_then(|s| move_edge(&s.text, a.span(), edge, step, forward));
                match moved {
                    Some(span) => self.reshape(a.id.clone(), span),
                    None => Ok(Outcome::Nothing),
                }
            }
            Action::Reshape(id, span) => self.reshape(id, span),
            Action::ShowKeys => {
                self.panels.keys_open = true;
                Ok(Outcome::Done)
            }
            Action::SetSelection(selection) => {
                if selection.is_some() {
                    self.selected = None;
                }
                self.selection = selection;
                Ok(Outcome::Done)
            }
            Action::Reveal(id) => Ok(self.reveal(&id)),
            Action::ScrollTo(source, pos) => {
                self.hidden.retain(|s| s != &source);
                self.panels.columns.scroll_to(source, pos);
                Ok(Outcome::Done)
            }
            Action::Hide(source) => {
                if !self.hidden.contains(&source) {
                    self.hidden.push(source);
                }
                self.forget_missing();
                Ok(Outcome::Done)
            }
            Action::Unhide(source) => {
                self.hidden.retain(|h| h != &source);
                Ok(Outcome::Done)
            }
            Action::ShowComparison(shown) => {
                self.comparing = shown;
                Ok(Outcome::Done)
            }
            Action::SetPrefs(prefs) => {
                self.prefs = prefs;
                Ok(Outcome::Done)
            }
            Action::OpenDialog(dialog) => self.open_dialog(dialog),
            Action::OpenFind => {
                self.panels.find.open_focused();
                Ok(Outcome::Done)
            }
            Action::ShowSources => {
                self.panels.sources.open = true;
                Ok(Outcome::Done)
            }
            Action::EditSource(id) => match self.project.source(&id) {
                Some(source) => {
                    self.panels.sources.edit(source);
                    Ok(Outcome::Done)
                }
                None => Err(format!("There is no source `{id}`")),
            },
            Action::ShowEntities => {
                self.panels.entities.open = true;
                Ok(Outcome::Done)
            }
            Action::Curate(path) => {
                let theirs = crate::store::load(&path).map_err(|e| {
                    format!("Could not compare with another analyst's project: {e}")
                })?;
                let name = path.file_name().map_or_else(
                    || path.display().to_string(),
                    |n| n.to_string_lossy().into_owned(),
                );
                self.panels.curation = Some(CurationState::new(theirs.project, name));
                Ok(Outcome::Done)
            }
            Action::ShowConflicts => {
                self.panels.conflicts.open = true;
                Ok(Outcome::Done)
            }
            Action::FilterByEntity(id) => {
                self.panels.list.entity = Some(id);
                self.prefs.show_list = true;
                self.comparing = false;
                Ok(Outcome::Done)
            }
            Action::OpenExport => {
                if self.panels.export.is_none() {
                    self.panels.export = Some(ExportDialog::default());
                }
                Ok(Outcome::Done)
            }
            Action::ShowAbout => {
                self.panels.about.open = true;
                Ok(Outcome::Done)
            }
            Action::Status(text) => {
                self.set_status(text);
                Ok(Outcome::Done)
            }
            Action::Error(text) => {
                self.set_error(text);
                Ok(Outcome::Done)
            }
            Action::Save(then) => self.save(then, ctx),
            Action::SaveAs(path, then) => self.save_to(path, false, then, ctx),
            Action::SaveOverwriting(path, then) => self.save_to(path, true, then, ctx),
            Action::Proceed(then) => self.proceed(then, ctx),
            Action::Discard(then) => self.discard(then, ctx),
            Action::Restore(project) => Ok(self.restore(*project)),
            Action::DiscardRecovery(path) => self.discard_recovery(&path),
            Action::AddSources(paths) => self.start_import(paths, ctx),
            Action::ReviseSource(id, path) => {
                self.start_revision(&id, NewText::revision(path), ctx)
            }
            Action::Reread(id, reading, path) => self.reread(&id, reading, path, ctx),
            Action::Suggestion(step) => self.suggestion(step, ctx),
            Action::Cancel(work) => {
                self.cancel(work);
                Ok(Outcome::Done)
            }
        }
    }

    /// Whether `command` changes a source's publication day (against which its relative
    /// dates resolve).
    fn moves_publication_days(&self, command: &Command) -> bool {
        match command {
            Command::UpdateSource(source) => self
                .project
                .source(&source.id)
                .is_some_and(|s| s.published != source.published),
            Command::Batch(steps) => steps.iter().any(|s| self.moves_publication_days(s)),
            _ => false,
        }
    }

    /// Applies a change to the project as one step of the history, and brings every index
    /// up to date.
    pub(super) fn edit(&mut self, command: Command, label: String) -> Result<Outcome, String> {
        let before = self.index.before(&self.project, &command);
        let project = Arc::make_mut(&mut self.project);
        let applied = self.history.apply(project, command, label);
        self.index.after(&self.project, before);
        self.forget_missing();
        applied
            .map(|()| Outcome::Done)
            .map_err(|err| format!("Not done: {err}"))
    }

    /// Undoes the last change (or, with `undo` false, redoes the last undone one).
    fn undo(&mut self, undo: bool) -> Outcome {
        let (next, nothing, done) = if undo {
            (self.history.next_undo(), "Nothing to undo", "Undid")
        } else {
            (self.history.next_redo(), "Nothing to redo", "Redid")
        };
        let Some(command) = next else {
            self.set_status(nothing);
            return Outcome::Nothing;
        };
        let before = self.index.before(&self.project, command);
        let project = Arc::make_mut(&mut self.project);
        let label = if undo {
            self.history.undo(project)
        } else {
            self.history.redo(project)
        };
        if let Some(label) = label {
            self.set_status(format!("{done}: {label}"));
        }
        self.index.after(&self.project, before);
        self.forget_missing();
        Outcome::Done
    }

    /// Drops selections that point at annotations or sources no longer there, and the
    /// layouts of texts no longer shown (a source removed or revised).
    pub(super) fn forget_missing(&mut self) {
        if let Some(id) = &self.selected
            && !self.project.annotations.contains_key(id)
        {
            self.selected = None;
        }
        self.panels.columns.forget_missing(&self.project);
        // A selection lasts only while its source is shown with the text it was made in.
        if let Some((source, _)) = &self.selection
            && (self.hidden.contains(source) || !self.panels.columns.is_laid_out(source))
        {
            self.selection = None;
        }
    }

    /// Shows an annotation in its source's column and selects it.
    fn reveal(&mut self, id: &AnnotationId) -> Outcome {
        let Some(a) = self.project.annotations.get(id) else {
            return Outcome::Nothing;
        };
        self.comparing = false;
        self.hidden.retain(|s| s != &a.source);
        self.panels.columns.scroll_to(a.source.clone(), a.start);
        self.selected = Some(id.clone());
        Outcome::Done
    }

    pub(super) fn open_dialog(&mut self, dialog: Dialog) -> Result<Outcome, String> {
        let dialog = match dialog {
            Dialog::Path(PathPurpose::Revise(id) | PathPurpose::Reread(id, _))
                if self.project.source(&id).is_none() =>
            {
                return Err(format!("There is no source `{id}` to revise"));
            }
            other => other,
        };
        let typed = match &dialog {
            Dialog::Path(PathPurpose::SaveAs(_)) => self
                .file
                .path
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            _ => String::new(),
        };
        self.panels.dialog.open_with(dialog, typed);
        Ok(Outcome::Asked)
    }

    /// Tags the text selection as `kind`, or retags the selected annotation.
    fn tag(&mut self, kind: TagKind) -> Result<Outcome, String> {
        if let Some((source_id, range)) =
            crate::ui::view::selection_to_tag(&self.project, self.selection.as_ref())
        {
            let Some(source) = self.project.source(&source_id) else {
                return Ok(Outcome::Nothing);
            };
            let tag = crate::suggest::tag_for(source, range.clone(), kind);
            let annotation = Annotation::new(AnnotationId::random(), source, range, tag);
            let id = annotation.id.clone();
            let label = format!(
                "tag “{}” as {}",
                shorten(&annotation.quote.exact, 40),
                kind.noun()
            );
            let outcome = self.edit(Command::PutAnnotation(annotation), label)?;
            self.selection = None;
            self.selected = Some(id);
            Ok(outcome)
        } else if let Some(id) = self.selected.clone() {
            let Some(annotation) = self.project.annotations.get(&id) else {
                return Ok(Outcome::Nothing);
            };
            if annotation.kind() == kind {
                return Ok(Outcome::Nothing);
            }
            let mut changed = annotation.clone();
            changed.tag = match self.project.source(&annotation.source) {
                Some(source) => crate::suggest::tag_for(source, annotation.span(), kind),
                None => kind.empty_tag(),
            };
            changed.modified = crate::model::now();
            self.edit(
                Command::PutAnnotation(changed),
                format!("retag as {}", kind.noun()),
            )
        } else {
            self.set_status("Select some text first, then press A, C or D");
            Ok(Outcome::Nothing)
        }
    }
}

impl Workbench {
    /// Gives an annotation a new span, as one step; its tag, links and note stay.
    fn reshape(
        &mut self,
        id: AnnotationId,
        span: std::ops::Range<usize>,
    ) -> Result<Outcome, String> {
        let Some(a) = self.project.annotations.get(&id) else {
            return Ok(Outcome::Nothing);
        };
        let Some(source) = self.project.source(&a.source) else {
            return Ok(Outcome::Nothing);
        };
        if span == a.span() {
            return Ok(Outcome::Nothing);
        }
        if let Err(problem) = source.text.check_span(&span) {
            return Err(format!("The annotation cannot cover that: {problem}"));
        }
        let changed = a.reshaped(source, span);
        let label = format!(
            "resize annotation to “{}”",
            shorten(&changed.quote.exact, 40)
        );
        self.selected = Some(id);
        self.edit(Command::PutAnnotation(changed), label)
    }

    /// Selects the next (or previous) annotation in reading order: the shown columns
    /// left to right, each from top to bottom; scrolls to it when it is out of view.
    fn step_annotation(&mut self, forward: bool) -> Outcome {
        let shown = self.shown_sources();
        let columns: Vec<usize> = shown
            .iter()
            .filter_map(|s| self.index.source_position(s))
            .collect();
        // The index holds the annotations in column, then text order.
        let order: Vec<(&AnnotationId, usize)> = self
            .index
            .entries()
            .iter()
            .filter(|e| !e.unplaced && columns.contains(&e.source))
            .map(|e| (&e.id, e.start))
            .collect();
        if order.is_empty() {
            self.set_status("There are no annotations in the sources shown");
            return Outcome::Nothing;
        }
        let at = self
            .selected
            .as_ref()
            .and_then(|id| order.iter().position(|(o, _)| *o == id));
        let n = order.len();
        let next = match (at, forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
        };
        let (id, start) = order[next];
        let id = id.clone();
        let Some(source) = self.project.annotations.get(&id).map(|a| a.source.clone()) else {
            return Outcome::Nothing;
        };
        self.panels.columns.reveal(source, start);
        self.selection = None;
        self.selected = Some(id);
        Outcome::Done
    }
}
