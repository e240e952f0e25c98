//! What a panel sees of the workbench while it draws: the project and everything the
//! window keeps about it, through shared references only. A panel changes nothing here;
//! it asks for changes with [`Action`](super::action::Action)s.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use super::action::Cancel;
use super::document::TextSelection;
use super::prefs::Prefs;
use super::spans::AnnotationIndex;
use super::suggestions::SuggestionsState;
use crate::edit::History;
use crate::model::{AnnotationId, Project, SourceId};

/// A message for the status bar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Status {
    pub text: String,
    pub is_error: bool,
}

/// Long work under way beside the window, as the status bar shows it.
pub struct Work<'a> {
    pub label: &'a str,
    /// Done so far, from 0 to 1; `None` when it cannot be told.
    pub fraction: Option<f32>,
    /// What to cancel to stop it; `None` when it cannot be cancelled.
    pub cancel: Option<Cancel>,
}

/// The workbench as the panels read it.
pub struct View<'a> {
    /// Shared, so that work beside the window can take the project without copying it.
    pub project: &'a Arc<Project>,
    pub history: &'a History,
    /// The annotations sorted for drawing and listing.
    pub index: &'a AnnotationIndex,
    /// The project's file; `None` until it is saved to one.
    pub path: Option<&'a Path>,
    pub prefs: &'a Prefs,
    pub status: Option<&'a Status>,
    /// The text selection, in one source.
    pub selection: Option<&'a (SourceId, TextSelection)>,
    pub selected: Option<&'a AnnotationId>,
    /// Sources the analyst has hidden from the columns.
    pub hidden: &'a [SourceId],
    pub comparing: bool,
    pub suggestions: &'a SuggestionsState,
    /// Long work under way, for the status bar.
    pub work: Vec<Work<'a>>,
}

impl View<'_> {
    /// The sources shown as columns, in order.
    pub fn shown_sources(&self) -> Vec<SourceId> {
        shown_sources(self.project, self.hidden)
    }

    /// The current text selection as a span fit to be tagged (see
    /// [`SourceText::span_to_tag`](crate::anchor::SourceText::span_to_tag)).
    pub fn selection_to_tag(&self) -> Option<(SourceId, Range<usize>)> {
        selection_to_tag(self.project, self.selection)
    }
}

/// The sources of `project` not in `hidden`, in order.
pub fn shown_sources(project: &Project, hidden: &[SourceId]) -> Vec<SourceId> {
    project
        .sources
        .iter()
        .filter(|s| !hidden.contains(&s.id))
        .map(|s| s.id.clone())
        .collect()
}

/// A text selection as a span fit to be tagged, if it is one.
pub fn selection_to_tag(
    project: &Project,
    selection: Option<&(SourceId, TextSelection)>,
) -> Option<(SourceId, Range<usize>)> {
    let (source_id, sel) = selection?;
    let range = project.source(source_id)?.text.span_to_tag(sel.range())?;
    Some((source_id.clone(), range))
}
