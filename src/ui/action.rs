//! What the window's panels ask for. A panel reads the project through a
//! [`View`](super::view::View) and pushes [`Action`]s into an [`Actions`] queue; the app
//! carries them out after the frame, through one `apply`, so every change to the project
//! goes through the history and every index follows it.

use std::path::PathBuf;

use super::document::TextSelection;
use super::prefs::Prefs;
use crate::edit::Command;
use crate::import::Reading;
use crate::model::{AnnotationId, EntityId, Project, SourceId, TagKind};
use crate::reshape::{Edge, Step};

/// What comes after a save or a discard: the current project makes way for another, or
/// the window closes. It runs only once the step before it has succeeded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Then {
    Close,
    Open(PathBuf),
    New,
}

/// What a path prompt is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPurpose {
    Open,
    /// Save under a new name, then carry on with the follow-up, if any.
    SaveAs(Option<Then>),
    AddSources,
    /// A new version of this source's text.
    Revise(SourceId),
    /// The web page this source was added from, to read again keeping what the reading
    /// says (asked for when the project does not know where the page is).
    Reread(SourceId, Reading),
    /// Another analyst's project of the same sources, to compare with and curate.
    CompareAnalyst,
}

/// A dialog to open on top of the window.
#[derive(Debug, Clone)]
pub enum Dialog {
    /// Unsaved changes: save, discard or cancel, then carry on with `then`.
    Unsaved(Then),
    /// The project file changed on disk since it was opened or saved.
    ChangedOnDisk {
        path: PathBuf,
        then: Option<Then>,
    },
    /// An autosaved state was found from a session that did not end cleanly.
    Recover {
        path: PathBuf,
        recovered: Box<Project>,
    },
    Message {
        title: String,
        text: String,
    },
    Path(PathPurpose),
}

/// What the analyst does with the suggestions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SuggestionStep {
    /// Look for suggestions in every source.
    Find,
    /// Make the next (or previous) suggestion current.
    Next {
        forward: bool,
    },
    /// Make current the suggestion at this position among its source's.
    MakeCurrent {
        source: SourceId,
        index: usize,
    },
    AcceptCurrent,
    RejectCurrent,
    AcceptAll(TagKind),
    RejectAll(TagKind),
    Clear,
}

/// Long work beside the window that the analyst can cancel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Cancel {
    Import,
    Suggestions,
    Revision,
}

/// Something the analyst asked for, carried out after the frame that asked.
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
    /// Select the next (or previous) annotation in reading order and scroll to it.
    StepAnnotation {
        forward: bool,
    },
    /// Move an edge of the selected annotation by a character or a word.
    MoveEdge {
        edge: Edge,
        step: Step,
        forward: bool,
    },
    /// Give an annotation a new span of its source (its links and note stay).
    Reshape(AnnotationId, std::ops::Range<usize>),
    /// Open the sheet of keys (Help ▸ Keys).
    ShowKeys,
    /// Replace the text selection (a drag, a double-click, or none).
    SetSelection(Option<(SourceId, TextSelection)>),
    /// Scroll a source to an annotation and select it.
    Reveal(AnnotationId),
    /// Scroll a source to a character position.
    ScrollTo(SourceId, usize),
    Hide(SourceId),
    Unhide(SourceId),
    /// Show the comparison instead of the sources side by side, or back.
    ShowComparison(bool),
    SetPrefs(Prefs),
    OpenDialog(Dialog),
    OpenFind,
    /// Open the About window.
    ShowAbout,
    OpenExport,
    /// Open the Sources window.
    ShowSources,
    /// Open the Sources window on one source's details.
    EditSource(SourceId),
    /// Open the Entities window.
    ShowEntities,
    /// Open the Conflicts window.
    ShowConflicts,
    /// Compare with another analyst's project of the same sources, and curate.
    Curate(PathBuf),
    /// Show the annotations list filtered to one entity.
    FilterByEntity(EntityId),
    Status(String),
    Error(String),
    /// Save to the project's file (asking for one when it has none), then carry on.
    Save(Option<Then>),
    SaveAs(PathBuf, Option<Then>),
    /// Save even though the file changed on disk since it was opened.
    SaveOverwriting(PathBuf, Option<Then>),
    /// Carry on to `Then`, asking first when there are unsaved changes.
    Proceed(Then),
    /// Carry on to `Then` without saving; the unsaved changes are dropped only once it
    /// has succeeded.
    Discard(Then),
    /// Take back autosaved work as unsaved changes.
    Restore(Box<Project>),
    /// Forget the autosaved work kept for this project file.
    DiscardRecovery(PathBuf),
    AddSources(Vec<PathBuf>),
    /// Replace a source's text with the document at this path; annotations follow.
    ReviseSource(SourceId, PathBuf),
    /// Read the web page a source was added from again, keeping the article or the whole
    /// page, and replace its text with it; annotations follow. The page is at the path
    /// given, else where the source says it came from; when neither is known, the
    /// analyst is asked for it.
    Reread(SourceId, Reading, Option<PathBuf>),
    Suggestion(SuggestionStep),
    Cancel(Cancel),
}

impl Action {
    /// A change to the project, labelled for the undo menu.
    pub fn edit(command: Command, label: impl Into<String>) -> Self {
        Action::Edit(Box::new(command), label.into())
    }
}

/// The queue panels push their actions into while they draw.
#[derive(Debug, Default)]
pub struct Actions(Vec<Action>);

impl Actions {
    pub fn push(&mut self, action: Action) {
        self.0.push(action);
    }

    /// A message for the status bar.
    pub fn status(&mut self, text: impl Into<String>) {
        self.push(Action::Status(text.into()));
    }

    /// An error for the status bar.
    pub fn error(&mut self, text: impl Into<String>) {
        self.push(Action::Error(text.into()));
    }

    /// Takes the queued actions, in the order they were asked for.
    pub fn take(&mut self) -> Vec<Action> {
        std::mem::take(&mut self.0)
    }
}
