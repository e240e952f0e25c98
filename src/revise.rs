//! Revising a source: replacing its text with an edited version (a corrected article, an
//! updated transcript) while its annotations stay on their words.
//!
//! The annotations are placed in the new text the way loading places them when a text was
//! changed outside Parallax (see [`SourceText::reanchor_all`]): each by its quoted words
//! and the words around them, never onto other words. Those that cannot be placed with
//! confidence are kept, flagged unplaced for the analyst, not dropped. The revision is one
//! [`Command`], so it is undone in one step.

use std::path::PathBuf;

use crate::anchor::SourceText;
use crate::edit::Command;
use crate::model::{Annotation, Project, Source, SourceId, content_hash};
use crate::store::{LoadNote, clamp_unplaced, reanchor_revised};

/// Why a source cannot be revised.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum ReviseError {
    #[error("there is no source `{0}`")]
    NoSource(SourceId),
    #[error("the new text of source `{0}` is the same as its text; nothing to revise")]
    Unchanged(SourceId),
}

/// A revision worked out, ready to apply.
#[derive(Debug, Clone)]
pub struct Revision {
    /// Replaces the source and its annotations; applying it returns its undo.
    pub command: Command,
    /// Annotations whose span still covers their words.
    pub kept: usize,
    /// What happened to the others: moved with their words, or flagged unplaced.
    pub notes: Vec<LoadNote>,
}

impl Revision {
    /// How many annotations moved with their words.
    pub fn moved(&self) -> usize {
        self.count(|note| matches!(note, LoadNote::Moved { .. }))
    }

    /// How many annotations could not be placed in the new text and are flagged.
    pub fn unplaced(&self) -> usize {
        self.count(|note| matches!(note, LoadNote::Unplaced { .. }))
    }

    /// One line for the analyst: what became of the source's annotations.
    pub fn summary(&self, source: &SourceId) -> String {
        format!("Revised source `{source}`: {}", self.annotations())
    }

    /// What became of the annotations: how many were kept, moved and flagged.
    pub fn annotations(&self) -> String {
        let unplaced = self.unplaced();
        let mut line = format!(
            "{} annotation(s) kept, {} moved with their words",
            self.kept,
            self.moved()
        );
        if unplaced > 0 {
            line.push_str(&format!(
                ", {unplaced} could not be placed and are flagged unplaced for you to review"
            ));
        }
        line
    }

    fn count(&self, which: impl Fn(&LoadNote) -> bool) -> usize {
        self.notes.iter().filter(|note| which(note)).count()
    }
}

/// The file a new text was read from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FromFile {
    /// Where it is, as the source keeps it (see [`crate::import::origin`]).
    pub origin: PathBuf,
    /// SHA-256 of its bytes as they were read, in hex.
    pub file_hash: String,
}

/// Works out the revision of source `id` to `text` (already normalised, as the importers
/// return it), read from a file when `from` says which: the source then keeps that file
/// as its origin and the hash of its bytes, as a source added from it would.
pub fn revise(
    project: &Project,
    id: &SourceId,
    text: String,
    from: Option<FromFile>,
) -> Result<Revision, ReviseError> {
    let old = project
        .source(id)
        .ok_or_else(|| ReviseError::NoSource(id.clone()))?;
    if old.text.as_str() == text {
        return Err(ReviseError::Unchanged(id.clone()));
    }
    let text = SourceText::new(text);
    let mut annotations: Vec<Annotation> = project
        .annotations
        .values()
        .filter(|a| &a.source == id)
        .cloned()
        .collect();
    let (mut unplaced, mut placed): (Vec<&mut Annotation>, Vec<&mut Annotation>) =
        annotations.iter_mut().partition(|a| a.unplaced);
    let placed_count = placed.len();
    let mut notes = reanchor_revised(&mut placed, &text);
    notes.extend(unplaced.iter_mut().filter_map(|a| clamp_unplaced(a, &text)));
    let changed = notes
        .iter()
        .filter(|note| matches!(note, LoadNote::Moved { .. } | LoadNote::Unplaced { .. }))
        .count();
    let (origin, file_hash) = match from {
        Some(file) => (Some(file.origin), Some(file.file_hash)),
        None => (old.origin.clone(), old.file_hash.clone()),
    };
    let source = Source {
        content_hash: content_hash(text.as_str()),
        text,
        origin,
        file_hash,
        ..old.clone()
    };
    Ok(Revision {
        command: Command::ReviseSource {
            source,
            annotations,
        },
        kept: placed_count - changed,
        notes,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AnnotationId, Tag};

    fn project_with(text: &str, marks: &[&str]) -> Project {
        let mut project = Project::new("revise");
        let source = Source::new(SourceId::new("report").unwrap(), "Report", text);
        for (n, words) in marks.iter().enumerate() {
            let start = text[..text.find(words).unwrap()].chars().count();
            let span = start..start + words.chars().count();
            let id = AnnotationId::new(format!("a{n}")).unwrap();
            let a = Annotation::new(id, &source, span, Tag::Date { value: None });
            project.annotations.insert(a.id.clone(), a);
        }
        project.sources.push(source);
        project
    }

    fn words_of(project: &Project, id: &str) -> String {
        let a = &project.annotations[&AnnotationId::new(id).unwrap()];
        project.sources[0].text.slice(a.span()).to_string()
    }

    #[test]
    fn annotations_follow_their_words_and_undo_restores_the_old_text() {
        let old = "The talks began on Monday in Geneva, with both delegations present. \
                   After a pause, both sides met again on Tuesday to sign the text.";
        let mut project = project_with(old, &["Monday", "Tuesday"]);
        let before = project.clone();
        let new = "UPDATED: The talks began on Monday in Geneva, with both delegations present. \
                   Officials said little. \
                   After a pause, both sides met again on Tuesday to sign the text.";
        let id = SourceId::new("report").unwrap();
        let revision = revise(&project, &id, new.to_string(), None).unwrap();
        assert_eq!(
            (revision.kept, revision.moved(), revision.unplaced()),
            (0, 2, 0)
        );
        let undo = revision.command.apply(&mut project).unwrap();
        assert_eq!(project.sources[0].text.as_str(), new);
        assert_eq!(project.sources[0].content_hash, content_hash(new));
        assert_eq!(words_of(&project, "a0"), "Monday");
        assert_eq!(words_of(&project, "a1"), "Tuesday");
        undo.apply(&mut project).unwrap();
        assert_eq!(project, before);
    }

    #[test]
    fn words_that_are_gone_are_flagged_not_dropped() {
        let old = "Officials said the ceasefire began on 4 June. Nothing else was agreed.";
        let mut project = project_with(old, &["4 June", "Nothing else was agreed"]);
        let new = "Officials said the ceasefire began on 4 June.";
        let id = SourceId::new("report").unwrap();
        let revision = revise(&project, &id, new.to_string(), None).unwrap();
        assert_eq!((revision.kept, revision.unplaced()), (1, 1));
        assert!(revision.summary(&id).contains("1 could not be placed"));
        revision.command.apply(&mut project).unwrap();
        assert_eq!(project.annotations.len(), 2);
        let lost = &project.annotations[&AnnotationId::new("a1").unwrap()];
        assert!(lost.unplaced);
        assert!(lost.end <= new.chars().count());
        assert_eq!(words_of(&project, "a0"), "4 June");
    }

    #[test]
    fn a_revision_from_a_file_keeps_that_file_and_the_hash_of_its_bytes() {
        let mut project = project_with("Some words.", &["words"]);
        project.sources[0].origin = Some(PathBuf::from("first.html"));
        project.sources[0].file_hash = Some(content_hash("the first file's bytes"));
        let before = project.clone();
        let id = SourceId::new("report").unwrap();
        let from = FromFile {
            origin: PathBuf::from("second.txt"),
            file_hash: content_hash("the second file's bytes"),
        };
        let revision = revise(&project, &id, "Some more words.".into(), Some(from)).unwrap();
        let undo = revision.command.apply(&mut project).unwrap();
        let revised = &project.sources[0];
        assert_eq!(revised.origin, Some(PathBuf::from("second.txt")));
        assert_eq!(
            revised.file_hash,
            Some(content_hash("the second file's bytes"))
        );
        undo.apply(&mut project).unwrap();
        assert_eq!(project, before);
        // A text that came from no file leaves the source's provenance as it was.
        let revision = revise(&project, &id, "Other words.".into(), None).unwrap();
        revision.command.apply(&mut project).unwrap();
        assert_eq!(project.sources[0].origin, before.sources[0].origin);
        assert_eq!(project.sources[0].file_hash, before.sources[0].file_hash);
    }

    #[test]
    fn the_same_text_or_an_unknown_source_is_refused() {
        let project = project_with("Some words.", &["words"]);
        let id = SourceId::new("report").unwrap();
        let same = revise(&project, &id, "Some words.".to_string(), None).unwrap_err();
        assert_eq!(same, ReviseError::Unchanged(id));
        let missing = SourceId::new("other").unwrap();
        let unknown = revise(&project, &missing, "x".to_string(), None).unwrap_err();
        assert_eq!(unknown, ReviseError::NoSource(missing));
    }

    #[test]
    fn a_revision_that_does_not_fit_is_refused_and_changes_nothing() {
        let mut project = project_with("Some words here.", &["words"]);
        let before = project.clone();
        let mut source = project.sources[0].clone();
        source.text = SourceText::new("Other text.");
        let refused = Command::ReviseSource {
            source,
            annotations: Vec::new(),
        }
        .apply(&mut project);
        assert!(refused.is_err(), "{refused:?}");
        assert_eq!(project, before);
    }
}
