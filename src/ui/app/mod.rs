//! The workbench's state and the loop that runs it. The project and its history are
//! private here: panels read them through a [`View`] and push [`Action`]s, and the app
//! carries those out after the frame through one [`Workbench::apply`], which runs every
//! change through [`History`] and keeps every index in step.

mod apply;
mod files;
mod work;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::Ui;

use super::about::AboutState;
use super::action::{Action, Actions, Cancel, Dialog, PathPurpose, SuggestionStep, Then};
use super::columns::ColumnsState;
use super::compare_view::CompareState;
use super::conflicts_panel::ConflictsState;
use super::curation::CurationState;
use super::dialogs::DialogState;
use super::document::TextSelection;
use super::entities_panel::EntitiesState;
use super::export::ExportDialog;
use super::find::FindState;
use super::inspector::{InspectorState, PanelField};
use super::jobs::Job;
use super::keys::{self, Does, When};
use super::list::ListState;
use super::prefs::Prefs;
use super::revising::Revising;
use super::sources_panel::SourcesState;
use super::spans::AnnotationIndex;
use super::suggestions::SuggestionsState;
use super::view::{Status, View, Work};
use crate::edit::History;
use crate::import::{Document, ImportError};
use crate::model::{AnnotationId, Project, SourceId};
use crate::store::{self, Faults};

pub use apply::Outcome;
use files::Writing;

/// Seconds between autosaves while there are unsaved changes.
pub const AUTOSAVE_SECONDS: f64 = 30.0;

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

/// Each panel's own state: what it remembers between frames.
#[derive(Default)]
struct Panels {
    dialog: DialogState,
    find: FindState,
    list: ListState,
    inspector: InspectorState,
    compare: CompareState,
    columns: ColumnsState,
    sources: SourcesState,
    entities: EntitiesState,
    conflicts: ConflictsState,
    curation: Option<CurationState>,
    export: Option<ExportDialog>,
    /// Whether the sheet of keys (Help ▸ Keys) is open.
    keys_open: bool,
    about: AboutState,
}

/// The whole state of the window.
pub struct Workbench {
    /// Shared with a save or autosave under way, which writes it as it was when asked;
    /// an edit meanwhile works on a copy.
    project: Arc<Project>,
    history: History,
    /// The annotations sorted for drawing and listing, kept up to date edit by edit.
    index: AnnotationIndex,
    file: ProjectFile,
    prefs: Prefs,
    status: Option<Status>,
    /// The text selection, in one source.
    selection: Option<(SourceId, TextSelection)>,
    selected: Option<AnnotationId>,
    /// Sources the analyst has hidden from the columns.
    hidden: Vec<SourceId>,
    /// Whether the comparison replaces the source columns.
    comparing: bool,
    /// Suggestions waiting for the analyst to accept or reject.
    suggestions: SuggestionsState,
    panels: Panels,
    queue: Actions,
    import: Option<Job<ImportResults>>,
    /// A source's revision being worked out.
    revising: Option<Revising>,
    /// The save or autosave under way, and a save or discard asked for meanwhile, which
    /// waits for it.
    writing: Option<Writing>,
    after_write: Option<Action>,
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
    untitled_recovery: Option<PathBuf>,
    /// Failures to inject into every save and autosave (for tests).
    faults: Faults,
}

impl Workbench {
    /// A workbench on a project, as loaded from `file` (or not saved yet).
    pub fn new(project: Project, file: ProjectFile, prefs: Prefs) -> Self {
        let mut app = Self::bare(project, file, prefs);
        app.offer_recovery();
        app
    }

    fn bare(project: Project, file: ProjectFile, prefs: Prefs) -> Self {
        let index = AnnotationIndex::build(&project);
        Self {
            project: Arc::new(project),
            history: History::default(),
            file,
            prefs,
            status: None,
            selection: None,
            selected: None,
            hidden: Vec::new(),
            comparing: false,
            suggestions: SuggestionsState::default(),
            panels: Panels::default(),
            queue: Actions::default(),
            index,
            import: None,
            revising: None,
            writing: None,
            after_write: None,
            last_autosave: None,
            autosave_failed: None,
            dirty_since: None,
            allow_close: false,
            last_title: String::new(),
            was_typing: false,
            untitled_recovery: None,
            faults: Faults::NONE,
        }
    }

    /// Opens a project file, with its load notes shown in a dialog.
    pub fn open(path: &Path, prefs: Prefs) -> Result<Self, store::StoreError> {
        let loaded = store::load(path)?;
        Ok(Self::opened(path, loaded, prefs))
    }

    /// A workbench on a project loaded from `path`.
    fn opened(path: &Path, loaded: store::Loaded, prefs: Prefs) -> Self {
        let mut prefs = prefs;
        prefs.remember(path);
        let file = ProjectFile {
            path: Some(path.to_path_buf()),
            hash: Some(loaded.file_hash.clone()),
        };
        let mut app = Self::new(loaded.project, file, prefs);
        app.report_load_notes(&loaded.notes);
        app
    }

    fn report_load_notes(&mut self, notes: &[store::LoadNote]) {
        if notes.is_empty() {
            return;
        }
        self.history.mark_unsaved();
        let list: Vec<String> = notes.iter().map(ToString::to_string).collect();
        self.ask(Dialog::Message {
            title: "The project was repaired while loading".into(),
            text: format!(
                "{}\n\nSave to keep these repairs; annotations marked unplaced are listed with ⚠ in the annotations list.",
                list.join("\n")
            ),
        });
    }

    /// The project as it stands.
    pub fn project(&self) -> &Project {
        &self.project
    }

    /// Whether the project has changes its file does not hold.
    pub fn is_dirty(&self) -> bool {
        self.history.is_dirty()
    }

    /// The label of the change Ctrl+Z undoes.
    pub fn undo_label(&self) -> Option<&str> {
        self.history.undo_label()
    }

    pub fn file(&self) -> &ProjectFile {
        &self.file
    }

    pub fn prefs(&self) -> &Prefs {
        &self.prefs
    }

    /// Replaces the preferences (as the window loads them from its storage).
    pub fn set_prefs(&mut self, prefs: Prefs) {
        self.prefs = prefs;
    }

    pub fn status(&self) -> Option<&Status> {
        self.status.as_ref()
    }

    pub fn selection(&self) -> Option<&(SourceId, TextSelection)> {
        self.selection.as_ref()
    }

    pub fn selected(&self) -> Option<&AnnotationId> {
        self.selected.as_ref()
    }

    pub fn suggestions(&self) -> &SuggestionsState {
        &self.suggestions
    }

    pub fn find(&self) -> &FindState {
        &self.panels.find
    }

    /// Whether the comparison is shown instead of the sources side by side.
    pub fn is_comparing(&self) -> bool {
        self.comparing
    }

    /// Whether a source's revision is being worked out.
    pub fn is_revising(&self) -> bool {
        self.revising.is_some()
    }

    /// Whether a save or an autosave is being written.
    pub fn is_writing(&self) -> bool {
        self.writing.is_some() || self.after_write.is_some()
    }

    /// The labels of the long work under way, as the status bar shows them.
    pub fn work_under_way(&self) -> Vec<String> {
        self.view()
            .work
            .iter()
            .map(|w| w.label.to_string())
            .collect()
    }

    /// Whether a dialog is open on top of the window.
    pub fn has_dialog(&self) -> bool {
        self.panels.dialog.is_open()
    }

    /// Whether the sheet of keys is open.
    pub fn shows_keys(&self) -> bool {
        self.panels.keys_open
    }

    /// Whether the export dialog is open.
    pub fn is_exporting(&self) -> bool {
        self.panels.export.is_some()
    }

    /// The sources shown as columns, in order.
    pub fn shown_sources(&self) -> Vec<SourceId> {
        super::view::shown_sources(&self.project, &self.hidden)
    }

    /// How far a source's column is scrolled, in points.
    pub fn layouts_scroll(&self, source: &SourceId) -> f32 {
        self.panels.columns.scroll(source)
    }

    pub fn window_title(&self) -> &str {
        &self.last_title
    }

    /// Where a project not yet saved to a file is autosaved.
    pub fn set_untitled_recovery(&mut self, path: Option<PathBuf>) {
        self.untitled_recovery = path;
    }

    /// Makes every later save and autosave fail at the step `faults` names (for tests of
    /// what the window does when the disk refuses a write).
    pub fn inject_faults(&mut self, faults: Faults) {
        self.faults = faults;
    }

    /// Queues an action for the end of the frame.
    pub fn act(&mut self, action: Action) {
        self.queue.push(action);
    }

    fn set_status(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            is_error: false,
        });
    }

    fn set_error(&mut self, text: impl Into<String>) {
        self.status = Some(Status {
            text: text.into(),
            is_error: true,
        });
    }

    /// Opens a dialog.
    fn ask(&mut self, dialog: Dialog) {
        self.panels.dialog.open(dialog);
    }

    /// The workbench as panels read it.
    fn view(&self) -> View<'_> {
        let mut work = Vec::new();
        if let Some(job) = &self.import {
            work.push(Work {
                label: &job.label,
                fraction: Some(job.progress.fraction()),
                cancel: Some(Cancel::Import),
            });
        }
        if let Some(job) = self.suggestions.job() {
            work.push(Work {
                label: &job.label,
                fraction: Some(job.progress.fraction()),
                cancel: Some(Cancel::Suggestions),
            });
        }
        if let Some(revising) = &self.revising {
            work.push(Work {
                label: &revising.job.label,
                fraction: Some(revising.job.progress.fraction()),
                cancel: Some(Cancel::Revision),
            });
        }
        if let Some(writing) = &self.writing {
            work.push(Work {
                label: writing.label(),
                fraction: None,
                cancel: None,
            });
        }
        View {
            project: &self.project,
            history: &self.history,
            index: &self.index,
            path: self.file.path.as_deref(),
            prefs: &self.prefs,
            status: self.status.as_ref(),
            selection: self.selection.as_ref(),
            selected: self.selected.as_ref(),
            hidden: &self.hidden,
            comparing: self.comparing,
            suggestions: &self.suggestions,
            work,
        }
    }

    /// Draws one frame and carries out what it asked for.
    pub fn show(&mut self, ui: &mut Ui) {
        let ctx = ui.ctx().clone();
        self.poll_work();
        self.handle_dropped_files(&ctx);
        self.handle_shortcuts(&ctx);
        self.handle_close_request(&ctx);
        self.draw(ui, &ctx);
        let actions = self.queue.take();
        if !actions.is_empty() {
            // What they change is drawn before this frame is shown; when the frame has
            // no pass left to redo, the next frame shows it.
            ctx.request_discard("the window's actions were carried out");
            ctx.request_repaint();
        }
        for action in actions {
            self.apply_reporting(action, &ctx);
        }
        self.update_title(&ctx);
        self.autosave(&ctx);
        self.was_typing = ctx.text_edit_focused();
    }

    /// Draws every panel; what they ask for lands in the queue.
    fn draw(&mut self, ui: &mut Ui, ctx: &egui::Context) {
        // The panels' states and the queue are the panels' to change while the view of
        // the rest is read.
        let mut panels = std::mem::take(&mut self.panels);
        let mut queue = std::mem::take(&mut self.queue);
        self.draw_panels(&mut panels, &mut queue, ui, ctx);
        self.panels = panels;
        self.queue = queue;
    }

    fn draw_panels(
        &self,
        panels: &mut Panels,
        out: &mut Actions,
        ui: &mut Ui,
        ctx: &egui::Context,
    ) {
        let view = self.view();
        super::menu::show(&view, ui, out);
        super::status::show(&view, ui, out);
        if view.prefs.show_list {
            super::list::show(&view, &mut panels.list, ui, out);
        }
        super::inspector::show(&view, &mut panels.inspector, ui, out);
        egui::CentralPanel::default().show(ui, |ui| {
            if view.comparing {
                super::compare_view::show(&view, &mut panels.compare, ui, out);
            } else {
                super::find::bar(&view, &mut panels.find, ui, out);
                super::columns::show(&view, &mut panels.columns, &panels.find, ui, out);
            }
        });
        super::sources_panel::show(&view, &mut panels.sources, ctx, out);
        super::entities_panel::show(&view, &mut panels.entities, ctx, out);
        super::conflicts_panel::show(&view, &mut panels.conflicts, ctx, out);
        super::curation::show(&view, &mut panels.curation, ctx, out);
        super::dialogs::show(&view, &mut panels.dialog, ctx, out);
        super::export::show(&view, &mut panels.export, ctx, out);
        super::keys::window(ctx, &mut panels.keys_open);
        super::about::show(&mut panels.about, ctx);
    }

    /// Carries out an action, with a refusal shown in the status bar.
    fn apply_reporting(&mut self, action: Action, ctx: &egui::Context) {
        if let Err(why) = self.apply(action, ctx) {
            self.set_error(why);
        }
    }

    /// Takes in the results of long work that finished since the last frame.
    fn poll_work(&mut self) {
        self.poll_import();
        self.poll_revision();
        self.poll_suggestions();
        self.poll_writing();
    }

    /// Carries out the keys of the table in [`keys`](super::keys) pressed this frame.
    fn handle_shortcuts(&mut self, ctx: &egui::Context) {
        for row in keys::rows(When::Always) {
            for _ in 0..keys::count(ctx, row.does) {
                self.key(row.does);
            }
        }
        let busy = self.panels.dialog.is_open()
            || self.panels.export.is_some()
            || ctx.text_edit_focused()
            || self.was_typing;
        if busy {
            return;
        }
        let suggestion_keys =
            super::suggestion_panel::keys(ctx, &self.suggestions, self.selected.is_some());
        for step in suggestion_keys {
            self.act(Action::Suggestion(step));
        }
        for row in keys::rows(When::Reading) {
            for _ in 0..keys::count(ctx, row.does) {
                self.key(row.does);
            }
        }
    }

    /// Queues what a key of the window does.
    fn key(&mut self, does: Does) {
        let action = match does {
            Does::Tag(kind) => Action::Tag(kind),
            Does::Delete => Action::DeleteSelected,
            Does::ClearSelection => {
                self.act(Action::SetSelection(None));
                Action::SelectAnnotation(None)
            }
            Does::NextAnnotation { forward } => Action::StepAnnotation { forward },
            Does::MoveEdge {
                edge,
                step,
                forward,
            } => Action::MoveEdge {
                edge,
                step,
                forward,
            },
            Does::FocusPanel => return self.focus_panel(PanelField::First),
            Does::FocusNote => return self.focus_panel(PanelField::Note),
            Does::Undo => Action::Undo,
            Does::Redo => Action::Redo,
            Does::Save => Action::Save(None),
            Does::SaveAs => Action::OpenDialog(Dialog::Path(PathPurpose::SaveAs(None))),
            Does::Open => Action::OpenDialog(Dialog::Path(PathPurpose::Open)),
            Does::New => Action::Proceed(Then::New),
            Does::Find => Action::OpenFind,
            Does::Export => Action::OpenExport,
            Does::Suggest => Action::Suggestion(SuggestionStep::Find),
            Does::Sources => Action::ShowComparison(false),
            Does::Comparison => Action::ShowComparison(true),
            Does::ShowKeys => Action::ShowKeys,
            Does::AddSources => Action::OpenDialog(Dialog::Path(PathPurpose::AddSources)),
            Does::SourcesWindow => Action::ShowSources,
            Does::EntitiesWindow => Action::ShowEntities,
            Does::ConflictsWindow => Action::ShowConflicts,
            Does::CompareAnalyst => Action::OpenDialog(Dialog::Path(PathPurpose::CompareAnalyst)),
            Does::LinkScrolling => Action::SetPrefs(Prefs {
                linked_scrolling: !self.prefs.linked_scrolling,
                ..self.prefs.clone()
            }),
            Does::AnnotationsList => Action::SetPrefs(Prefs {
                show_list: !self.prefs.show_list,
                ..self.prefs.clone()
            }),
            // Handled where they count: the suggestions' keys, fields, the mouse.
            Does::NextSuggestion { .. }
            | Does::AcceptSuggestion
            | Does::RejectSuggestion
            | Does::FindStep { .. }
            | Does::PickerMove { .. }
            | Does::PickerTake
            | Does::Gesture => return,
        };
        self.act(action);
    }

    /// Gives the keyboard to a field of the side panel in this very frame, before it is
    /// drawn, so that what is typed at once after the key goes into the field.
    fn focus_panel(&mut self, field: PanelField) {
        if self.selected.is_some() {
            self.panels.inspector.focus = Some(field);
        } else {
            self.set_status("Select an annotation first (] steps to the next one)");
        }
    }

    fn handle_close_request(&mut self, ctx: &egui::Context) {
        if !ctx.input(|i| i.viewport().close_requested()) || self.allow_close {
            return;
        }
        if self.history.is_dirty() {
            ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
            self.ask(Dialog::Unsaved(Then::Close));
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
            self.act(Action::Proceed(Then::Open(project)));
        } else {
            self.act(Action::AddSources(documents));
        }
    }

    /// Cancels long work under way.
    fn cancel(&mut self, work: Cancel) {
        match work {
            Cancel::Import => {
                if let Some(job) = &self.import {
                    job.cancel();
                }
            }
            Cancel::Suggestions => {
                if let Some(job) = self.suggestions.job() {
                    job.cancel();
                }
            }
            Cancel::Revision => {
                if let Some(revising) = &self.revising {
                    revising.job.cancel();
                }
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
}
