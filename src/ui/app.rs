//! The workbench's state and the loop that runs it: panels queue [`Action`]s while they
//! draw, and the app carries them out after the frame, so every change to the project
//! goes through [`History`] and can be undone.

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use egui::{Key, KeyboardShortcut, Modifiers, Ui};

use super::compare_view::CompareState;
use super::dialogs::Modal;
use super::document::{DocumentLayout, TextSelection};
use super::find::FindState;
use super::inspector::InspectorState;
use super::jobs::{Job, Poll};
use super::list::ListState;
use super::prefs::Prefs;
use super::spans::AnnotationIndex;
use super::suggestions::SuggestionsState;
use crate::edit::{Command, History};
use crate::import::{self, Document, ImportError};
use crate::model::{Annotation, AnnotationId, Project, Source, SourceId, TagKind};
use crate::store;

/// Seconds between autosaves while there are unsaved changes.
pub const AUTOSAVE_SECONDS: f64 = 30.0;

/// Something the user asked for, carried out after the frame that asked.
#[derive(Debug, Clone)]
pub enum Action {
    /// A change to the project, with the label undo shows.
    Edit(Box<Command>, String),
    Undo,
    Redo,
    /// Tag the text selection (or retag the selected annotation) as this kind.
    Tag(TagKind),
    DeleteSelected,
    SelectAnnotation(Option<AnnotationId>),
    /// Scroll a source to an annotation and select it.
    Reveal(AnnotationId),
    /// Scroll a source to a character position.
    ScrollTo(SourceId, usize),
    Save,
    SaveAs(PathBuf),
    /// Save even though the file changed on disk since it was opened.
    SaveOverwriting(PathBuf),
    Open(PathBuf),
    New,
    AddSources(Vec<PathBuf>),
    /// Replace a source's text with the document at this path; annotations follow.
    ReviseSource(SourceId, PathBuf),
    /// Close the window even with unsaved changes.
    CloseDiscarding,
}

impl Action {
    /// A change to the project, labelled for the undo menu.
    pub fn edit(command: Command, label: impl Into<String>) -> Self {
        Action::Edit(Box::new(command), label.into())
    }
}

/// A message for the status bar.
#[derive(Debug, Clone)]
pub struct Status {
    pub text: String,
    pub is_error: bool,
}

/// What the project was loaded from.
#[derive(Debug, Clone, Default)]
pub struct ProjectFile {
    /// `None` for the bundled example and new projects until they are saved.
    pub path: Option<PathBuf>,
    /// SHA-256 of the file as it was loaded or last saved, to notice other programs' changes.
    pub hash: Option<String>,
}

/// Documents read by a background import.
pub type ImportResults = Vec<Result<Document, ImportError>>;

/// The whole state of the window.
pub struct Workbench {
    pub project: Project,
    pub history: History,
    pub file: ProjectFile,
    pub prefs: Prefs,
    pub status: Option<Status>,
    pub modal: Option<Modal>,
    /// The text selection, in one source.
    pub selection: Option<(SourceId, TextSelection)>,
    pub selected: Option<AnnotationId>,
    /// Sources the analyst has hidden from the columns.
    pub hidden: Vec<SourceId>,
    pub find: FindState,
    pub list: ListState,
    pub inspector: InspectorState,
    pub compare: CompareState,
    /// Suggestions waiting for the analyst to accept or reject.
    pub suggestions: SuggestionsState,
    /// The export dialog, while it is open.
    pub export: Option<super::export::ExportDialog>,
    pub(crate) actions: Vec<Action>,
    pub(crate) layouts: HashMap<SourceId, DocumentLayout>,
    /// The annotations sorted for drawing and listing, kept up to date edit by edit.
    pub index: AnnotationIndex,
    /// Scroll requests for the next frame: to a character, or to an offset.
    pub(crate) scroll_to: HashMap<SourceId, usize>,
    pub(crate) scroll_offsets: HashMap<SourceId, f32>,
    /// Relative widths of the shown columns.
    pub(crate) column_weights: HashMap<SourceId, f32>,
    pub(crate) job: Option<Job<ImportResults>>,
    /// A source's revision being worked out.
    pub revising: Option<super::revising::Revising>,
    /// When unsaved changes were last written to the recovery file (state, time).
    last_autosave: Option<(u64, f64)>,
    /// When autosave last failed, so that it is tried again thirty seconds later, not
    /// every frame.
    autosave_failed: Option<f64>,
    dirty_since: Option<f64>,
    allow_close: bool,
    last_title: String,
    /// Whether a text field had the keyboard at the end of the last frame (egui drops the
    /// focus on Escape before the frame runs, and that Escape belongs to the field).
    was_typing: bool,
    /// Where a project not yet saved to a file is autosaved (as if it were this file);
    /// the window sets it to a file in its data folder, and without it such a project
    /// is not autosaved.
    pub untitled_recovery: Option<PathBuf>,
}

impl Workbench {
    /// A workbench on a project, as loaded from `file` (or not saved yet).
    pub fn new(project: Project, file: ProjectFile, prefs: Prefs) -> Self {
        let index = AnnotationIndex::build(&project);
        let mut app = Self {
            project,
            history: History::default(),
            file,
            prefs,
            status: None,
            modal: None,
            selection: None,
            selected: None,
            hidden: Vec::new(),
            find: FindState::default(),
            list: ListState::default(),
            inspector: InspectorState::default(),
            compare: CompareState::default(),
            suggestions: SuggestionsState::default(),
            export: None,
            actions: Vec::new(),
            layouts: HashMap::new(),
            index,
            scroll_to: HashMap::new(),
            scroll_offsets: HashMap::new(),
            column_weights: HashMap::new(),
            job: None,
            revising: None,
            last_autosave: None,
            autosave_failed: None,
            dirty_since: None,
            allow_close: false,
            last_title: String::new(),
            was_typing: false,
            untitled_recovery: None,
        };
        app.offer_recovery();
        app
    }

    /// Opens a project file, with its load notes shown in the status bar.
    pub fn open(path: &Path, prefs: Prefs) -> Result<Self, store::StoreError> {
        let loaded = store::load(path)?;
        let mut prefs = prefs;
        prefs.remember(path);
        let file = ProjectFile {
            path: Some(path.to_path_buf()),
            hash: Some(loaded.file_hash.clone()),
        };
        let mut app = Self::new(loaded.project, file, prefs);
        app.report_load_notes(&loaded.notes);
        Ok(app)
    }

    fn report_load_notes(&mut self, notes: &[store::LoadNote]) {
        if notes.is_empty() {
            return;
        }
        self.history.mark_unsaved();
        let list: Vec<String> = notes.iter().map(ToString::to_string).collect();
        self.modal = Some(Modal::Message {
            title: "The project was repaired while loading".into(),
            text: format!(
                "{}\n\nSave to keep these repairs; annotations marked unplaced are listed with ⚠ in the annotations list.",
                list.join("\n")
            ),
        });
    }

    /// Queues an action for the end of the frame.
    pub fn act(&mut self, action: Action) {
        self.actions.push(action);
    }

    pub fn set_status(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            is_error: false,
        });
    }

    pub fn set_error(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            is_error: true,
        });
    }

    /// The sources shown as columns, in order.
    pub fn shown_sources(&self) -> Vec<SourceId> {
        self.project
            .sources
            .iter()
            .filter(|s| !self.hidden.contains(&s.id))
            .map(|s| s.id.clone())
            .collect()
    }

    /// The current text selection as a range fit to be tagged: whitespace trimmed, on
    /// grapheme boundaries, not empty.
    pub fn selection_to_tag(&self) -> Option<(SourceId, std::ops::Range<usize>)> {
        let (source_id, sel) = self.selection.as_ref()?;
        let source = self.project.source(source_id)?;
        let text = &source.text;
        let mut range = sel.range();
        range.end = range.end.min(text.char_len());
        let slice = text.slice(range.clone());
        let lead = slice.chars().take_while(|c| c.is_whitespace()).count();
        let trail = slice
            .chars()
            .rev()
            .take_while(|c| c.is_whitespace())
            .count();
        if lead == range.end - range.start {
            return None;
        }
        range.start += lead;
        range.end -= trail;
        while range.start > 0 && !text.is_grapheme_boundary(range.start) {
            range.start -= 1;
        }
        while range.end < text.char_len() && !text.is_grapheme_boundary(range.end) {
            range.end += 1;
        }
        Some((source_id.clone(), range))
    }

    /// Draws one frame and carries out what it asked for.
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.poll_job();
        super::revising::poll(self);
        super::suggestions::poll(self);
        self.handle_dropped_files(&ctx);
        self.handle_shortcuts(&ctx);
        self.handle_close_request(&ctx);
        super::menu::show(self, ui);
        super::status::show(self, ui);
        if self.prefs.show_list {
            super::list::show(self, ui);
        }
        super::inspector::show(self, ui);
        super::columns::show(self, ui);
        super::dialogs::show(self, &ctx);
        if let Some(message) = super::export::show(
            &mut self.export,
            &self.project,
            self.file.path.as_deref(),
            &ctx,
        ) {
            self.set_status(message);
        }
        self.apply_actions(&ctx);
        self.update_title(&ctx);
        self.autosave(&ctx);
        self.was_typing = ctx.text_edit_focused();
    }

    fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        let shortcut = |m, k| KeyboardShortcut::new(m, k);
        let cmd_shift = Modifiers::COMMAND | Modifiers::SHIFT;
        let pressed = |s: KeyboardShortcut| ctx.input_mut(|i| i.consume_shortcut(&s));
        if pressed(shortcut(cmd_shift, Key::Z)) || pressed(shortcut(Modifiers::COMMAND, Key::Y)) {
            self.act(Action::Redo);
        }
        if pressed(shortcut(Modifiers::COMMAND, Key::Z)) {
            self.act(Action::Undo);
        }
        if pressed(shortcut(cmd_shift, Key::S)) {
            self.modal = Some(Modal::save_as(&self.file));
        }
        if pressed(shortcut(Modifiers::COMMAND, Key::S)) {
            self.act(Action::Save);
        }
        if pressed(shortcut(Modifiers::COMMAND, Key::O)) {
            self.modal = Some(Modal::open());
        }
        if pressed(shortcut(Modifiers::COMMAND, Key::N)) {
            self.guard_unsaved(Action::New);
        }
        if pressed(shortcut(Modifiers::NONE, Key::F2)) {
            self.compare.open = false;
        }
        if pressed(shortcut(Modifiers::NONE, Key::F3)) {
            self.compare.open = true;
        }
        if pressed(shortcut(Modifiers::COMMAND, Key::E)) {
            self.export = Some(super::export::ExportDialog::default());
        }
        if pressed(shortcut(Modifiers::COMMAND, Key::F)) {
            self.find.open = true;
            self.find.focus = true;
        }
        let busy = self.modal.is_some()
            || self.export.is_some()
            || ctx.text_edit_focused()
            || self.was_typing;
        super::suggestions::handle_keys(self, ctx, busy);
        if busy {
            return;
        }
        for (key, kind) in [
            (Key::A, TagKind::Actor),
            (Key::C, TagKind::Claim),
            (Key::D, TagKind::Date),
        ] {
            if pressed(shortcut(Modifiers::NONE, key)) {
                self.act(Action::Tag(kind));
            }
        }
        if pressed(shortcut(Modifiers::NONE, Key::Delete))
            || pressed(shortcut(Modifiers::NONE, Key::Backspace))
        {
            self.act(Action::DeleteSelected);
        }
        if pressed(shortcut(Modifiers::NONE, Key::Escape)) {
            self.selection = None;
            self.selected = None;
        }
    }

    /// Runs `action` now if nothing is unsaved, or asks first.
    pub fn guard_unsaved(&mut self, action: Action) {
        if self.history.is_dirty() {
            self.modal = Some(Modal::Unsaved {
                then: Box::new(action),
            });
        } else {
            self.act(action);
        }
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if !ctx.input(|i| i.viewport().close_requested()) || self.allow_close {
            return;
        }
        if self.history.is_dirty() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.modal = Some(Modal::Unsaved {
                then: Box::new(Action::CloseDiscarding),
            });
        }
    }

    fn handle_dropped_files(&mut self, ctx: &egui::Context) {
        let dropped: Vec<PathBuf> = ctx.input(|i| {
            i.raw
                .dropped_files
                .iter()
                .map(|f| f.path().to_path_buf())
                .collect()
        });
        if dropped.is_empty() {
            return;
        }
        let (projects, documents): (Vec<PathBuf>, Vec<PathBuf>) = dropped
            .into_iter()
            .partition(|p| p.extension().is_some_and(|e| e.eq_ignore_ascii_case("ron")));
        if let Some(project) = projects.into_iter().next() {
            self.guard_unsaved(Action::Open(project));
        } else {
            self.act(Action::AddSources(documents));
        }
    }

    fn apply_actions(&mut self, ctx: &egui::Context) {
        for action in std::mem::take(&mut self.actions) {
            self.apply(action, ctx);
        }
    }

    /// Carries out one action now.
    pub fn apply(&mut self, action: Action, ctx: &egui::Context) {
        match action {
            Action::Edit(command, label) => {
                self.apply_edit(*command, label);
            }
            Action::Undo => {
                if let Some(command) = self.history.next_undo() {
                    let before = self.index.before(&self.project, command);
                    if let Some(label) = self.history.undo(&mut self.project) {
                        self.index.after(&self.project, before);
                        self.set_status(format!("Undid: {label}"));
                    }
                } else {
                    self.set_status("Nothing to undo");
                }
                self.forget_missing();
            }
            Action::Redo => {
                if let Some(command) = self.history.next_redo() {
                    let before = self.index.before(&self.project, command);
                    if let Some(label) = self.history.redo(&mut self.project) {
                        self.index.after(&self.project, before);
                        self.set_status(format!("Redid: {label}"));
                    }
                } else {
                    self.set_status("Nothing to redo");
                }
                self.forget_missing();
            }
            Action::Tag(kind) => self.tag(kind, ctx),
            Action::DeleteSelected => {
                if let Some(id) = self.selected.clone() {
                    self.apply(
                        Action::edit(Command::RemoveAnnotation(id), "delete annotation"),
                        ctx,
                    );
                }
            }
            Action::SelectAnnotation(id) => self.selected = id,
            Action::Reveal(id) => {
                if let Some(a) = self.project.annotations.get(&id) {
                    self.compare.open = false;
                    self.hidden.retain(|s| s != &a.source);
                    self.scroll_to.insert(a.source.clone(), a.start);
                    self.selected = Some(id);
                }
            }
            Action::ScrollTo(source, pos) => {
                self.hidden.retain(|s| s != &source);
                self.scroll_to.insert(source, pos);
            }
            Action::Save => match self.file.path.clone() {
                Some(path) => self.save_to(&path, false),
                None => self.modal = Some(Modal::save_as(&self.file)),
            },
            Action::SaveAs(path) => self.save_to(&path, false),
            Action::SaveOverwriting(path) => self.save_to(&path, true),
            Action::Open(path) => match Workbench::open(&path, self.prefs.clone()) {
                Ok(opened) => {
                    let untitled = self.untitled_recovery.take();
                    *self = opened;
                    self.untitled_recovery = untitled;
                    self.set_status(format!("Opened {}", path.display()));
                }
                Err(err) => {
                    self.prefs.forget(&path);
                    self.set_error(err.to_string());
                    self.modal = Some(Modal::Message {
                        title: "The project could not be opened".into(),
                        text: err.to_string(),
                    });
                }
            },
            Action::New => {
                let untitled = self.untitled_recovery.take();
                *self = Workbench::new(
                    Project::new("Untitled"),
                    ProjectFile::default(),
                    self.prefs.clone(),
                );
                self.untitled_recovery = untitled;
                self.set_status(
                    "New project: add sources with File ▸ Add sources… or drop files on the window",
                );
            }
            Action::AddSources(paths) => self.start_import(paths, ctx),
            Action::ReviseSource(id, path) => super::revising::start(self, &id, path, ctx),
            Action::CloseDiscarding => {
                self.allow_close = true;
                if let Some(path) = self.recovery_target() {
                    let _ = store::discard_recovery(&path);
                }
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
            }
        }
    }

    /// Applies a change to the project, as one step of the history; whether it was done.
    pub(super) fn apply_edit(&mut self, command: Command, label: String) -> bool {
        let before = self.index.before(&self.project, &command);
        let done = match self.history.apply(&mut self.project, command, label) {
            Ok(()) => {
                self.index.after(&self.project, before);
                true
            }
            Err(err) => {
                self.set_error(format!("Not done: {err}"));
                false
            }
        };
        self.forget_missing();
        done
    }

    /// Drops selections that point at annotations or sources no longer there, and the
    /// layouts of texts no longer shown (a source removed or revised).
    fn forget_missing(&mut self) {
        if let Some(id) = &self.selected
            && !self.project.annotations.contains_key(id)
        {
            self.selected = None;
        }
        let project = &self.project;
        self.layouts
            .retain(|id, layout| project.source(id).is_some_and(|s| layout.shows(&s.text)));
        // A selection lasts only while its source is shown with the text it was made in.
        if let Some((source, _)) = &self.selection
            && !self.layouts.contains_key(source)
        {
            self.selection = None;
        }
    }

    fn tag(&mut self, kind: TagKind, ctx: &egui::Context) {
        if let Some((source_id, range)) = self.selection_to_tag() {
            let Some(source) = self.project.source(&source_id) else {
                return;
            };
            let annotation =
                Annotation::new(AnnotationId::random(), source, range, kind.empty_tag());
            let id = annotation.id.clone();
            let label = format!(
                "tag “{}” as {}",
                short(&annotation.quote.exact),
                kind.label().to_lowercase()
            );
            self.apply(Action::edit(Command::PutAnnotation(annotation), label), ctx);
            if self.project.annotations.contains_key(&id) {
                self.selection = None;
                self.selected = Some(id);
            }
        } else if let Some(id) = self.selected.clone() {
            let Some(annotation) = self.project.annotations.get(&id) else {
                return;
            };
            if annotation.kind() == kind {
                return;
            }
            let mut changed = annotation.clone();
            changed.tag = kind.empty_tag();
            changed.modified = crate::model::now();
            self.apply(
                Action::edit(
                    Command::PutAnnotation(changed),
                    format!("retag as {}", kind.label().to_lowercase()),
                ),
                ctx,
            );
        } else {
            self.set_status("Select some text first, then press A, C or D");
        }
    }

    fn save_to(&mut self, path: &Path, overwrite_changed: bool) {
        let same_file = self.file.path.as_deref() == Some(path);
        if !overwrite_changed && same_file {
            let on_disk = store::disk_hash(path).ok().flatten();
            if on_disk.is_some() && on_disk != self.file.hash {
                self.modal = Some(Modal::ChangedOnDisk {
                    path: path.to_path_buf(),
                });
                return;
            }
        }
        match store::save(&self.project, path) {
            Ok(saved) => {
                self.history.mark_saved();
                if let Some(old) = self.recovery_target() {
                    let _ = store::discard_recovery(&old);
                }
                self.file = ProjectFile {
                    path: Some(path.to_path_buf()),
                    hash: Some(saved.file_hash),
                };
                self.prefs.remember(path);
                self.last_autosave = None;
                self.set_status(format!("Saved {}", path.display()));
            }
            Err(err) => {
                self.set_error(format!("Not saved: {err}"));
                self.modal = Some(Modal::Message {
                    title: "The project was not saved".into(),
                    text: format!(
                        "{err}\n\nYour changes are still here and still marked unsaved. Try again, or save under another name (Ctrl+Shift+S)."
                    ),
                });
            }
        }
    }

    fn start_import(&mut self, paths: Vec<PathBuf>, ctx: &egui::Context) {
        if paths.is_empty() {
            return;
        }
        if self.job.is_some() {
            self.set_error("An import is already under way; wait for it or cancel it");
            return;
        }
        let ctx = ctx.clone();
        let label = format!(
            "Importing {} file{}",
            paths.len(),
            if paths.len() == 1 { "" } else { "s" }
        );
        self.job = Some(Job::start(
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
    }

    fn poll_job(&mut self) {
        let Some(job) = &self.job else { return };
        let results = match job.poll() {
            Poll::Running => return,
            Poll::Done(results) => results,
            Poll::Failed => {
                self.job = None;
                self.set_error("The import stopped unexpectedly; nothing was added");
                return;
            }
        };
        let cancelled = job.progress.is_cancelled();
        self.job = None;
        self.finish_import(results, cancelled);
    }

    /// Adds imported documents as sources, in one undoable step, and reports failures.
    pub fn finish_import(&mut self, results: ImportResults, cancelled: bool) {
        let mut steps = Vec::new();
        let mut errors = Vec::new();
        // The sources alone decide which ids are free; the annotations need no copy.
        let mut scratch = Project {
            sources: self.project.sources.clone(),
            ..Project::default()
        };
        for result in results {
            match result {
                Ok(doc) => {
                    let wanted = doc
                        .path
                        .file_stem()
                        .map(|s| s.to_string_lossy().into_owned())
                        .unwrap_or_default();
                    let id = scratch.fresh_source_id(&wanted);
                    let mut source = Source::new(id, doc.title, doc.text);
                    source.origin = Some(import::origin(self.file.path.as_deref(), &doc.path));
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
        if added > 0 {
            let label = format!("add {added} source{}", if added == 1 { "" } else { "s" });
            match self
                .history
                .apply(&mut self.project, Command::Batch(steps), label)
            {
                Ok(()) => self.index = AnnotationIndex::build(&self.project),
                Err(err) => errors.push(err.to_string()),
            }
        }
        let mut text = format!("Added {added} source{}", if added == 1 { "" } else { "s" });
        if cancelled {
            text.push_str(" (import cancelled)");
        }
        if errors.is_empty() {
            self.set_status(text);
        } else {
            self.set_error(format!("{text}; {} not added", errors.len()));
            self.modal = Some(Modal::Message {
                title: "Some files were not added".into(),
                text: errors.join("\n"),
            });
        }
    }

    /// The project path recovery files are kept for: the project's file, or for a project
    /// not saved yet, [`Self::untitled_recovery`].
    fn recovery_target(&self) -> Option<PathBuf> {
        self.file
            .path
            .clone()
            .or_else(|| self.untitled_recovery.clone())
    }

    /// Offers back autosaved work found for the project, if any.
    pub fn offer_recovery(&mut self) {
        let Some(path) = self.recovery_target() else {
            return;
        };
        match store::read_recovery(&path) {
            Some(Ok(loaded)) if loaded.project != self.project => {
                self.modal = Some(Modal::Recover {
                    path,
                    recovered: Box::new(loaded.project),
                });
            }
            Some(Ok(_)) => {
                let _ = store::discard_recovery(&path);
            }
            Some(Err(err)) => self.set_error(format!(
                "A recovery file was found but could not be read: {err}"
            )),
            None => {}
        }
    }

    /// Restores an autosaved state as unsaved changes.
    pub fn restore(&mut self, recovered: Project) {
        self.project = recovered;
        self.history = History::default();
        self.history.mark_unsaved();
        self.layouts.clear();
        self.index = AnnotationIndex::build(&self.project);
        self.forget_missing();
        self.set_status("Restored the autosaved changes; save to keep them");
    }

    fn autosave(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        if !self.history.is_dirty() {
            self.dirty_since = None;
            return;
        }
        let since = *self.dirty_since.get_or_insert(now);
        let state = self.history.state();
        let last = self
            .last_autosave
            .map_or(since, |(_, t)| t)
            .max(self.autosave_failed.unwrap_or(f64::NEG_INFINITY));
        if self.last_autosave.is_some_and(|(s, _)| s == state) {
            return;
        }
        if now - last >= AUTOSAVE_SECONDS {
            self.autosave_now(now);
        } else {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(
                AUTOSAVE_SECONDS - (now - last),
            ));
        }
    }

    /// Writes the recovery file now.
    pub fn autosave_now(&mut self, now: f64) {
        let Some(path) = self.recovery_target() else {
            return;
        };
        match store::write_recovery(&self.project, &path) {
            Ok(()) => {
                self.last_autosave = Some((self.history.state(), now));
                self.autosave_failed = None;
            }
            Err(err) => {
                self.autosave_failed = Some(now);
                self.set_error(format!("Autosave failed: {err}"));
            }
        }
    }

    fn update_title(&mut self, ctx: &egui::Context) {
        let name = self
            .file
            .path
            .as_ref()
            .and_then(|p| p.file_name())
            .map_or_else(
                || "unsaved project".to_string(),
                |n| n.to_string_lossy().into_owned(),
            );
        let mark = if self.history.is_dirty() { "● " } else { "" };
        let title = format!("{mark}{name} — Parallax");
        if title != self.last_title {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(title.clone()));
            self.last_title = title;
        }
    }

    /// How far a source's column is scrolled, in points.
    pub fn layouts_scroll(&self, source: &SourceId) -> f32 {
        self.layouts.get(source).map_or(0.0, |l| l.scroll_y)
    }

    pub fn window_title(&self) -> &str {
        &self.last_title
    }
}

/// A quote cut to a length that fits a status line.
pub fn short(text: &str) -> String {
    let mut s: String = text.chars().take(40).collect();
    if text.chars().count() > 40 {
        s.push('…');
    }
    s.replace('\n', " ")
}
