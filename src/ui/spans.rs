//! The index of annotation spans the window draws and lists: every annotation once,
//! sorted by source (in column order), start, end and id, so one source's annotations are
//! a contiguous slice and those meeting a range of text are found by binary search.
//!
//! An edit updates the index in place (remove the old entry, insert the new one) instead
//! of rebuilding it, so tagging a span costs the same with 30 or 30,000 annotations.

use std::ops::Range;

use crate::edit::Command;
use crate::model::{Annotation, AnnotationId, Project, SourceId, TagKind};

/// Past this many annotations touched by one change, the index is rebuilt instead.
const REBUILD_ABOVE: usize = 2000;

/// One annotation as the index keeps it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The source's position in the column order.
    pub source: usize,
    pub start: usize,
    pub end: usize,
    pub kind: TagKind,
    pub unplaced: bool,
    pub id: AnnotationId,
}

impl Entry {
    fn key(&self) -> (usize, usize, usize, &AnnotationId) {
        (self.source, self.start, self.end, &self.id)
    }
}

/// Where the annotations a change touches stood before it, to take them out afterwards.
pub struct Before {
    rebuild: bool,
    old: Vec<(AnnotationId, Option<Entry>)>,
}

/// All annotations of a project, sorted for drawing and listing.
#[derive(Debug, Default, Clone)]
pub struct AnnotationIndex {
    entries: Vec<Entry>,
    sources: Vec<SourceId>,
    /// Per source, the longest span ever indexed: bounds how far back an overlap starts.
    longest: Vec<usize>,
}

impl AnnotationIndex {
    pub fn build(project: &Project) -> Self {
        let sources: Vec<SourceId> = project.sources.iter().map(|s| s.id.clone()).collect();
        let mut index = Self {
            entries: Vec::with_capacity(project.annotations.len()),
            longest: vec![0; sources.len()],
            sources,
        };
        for a in project.annotations.values() {
            if let Some(e) = index.entry(a) {
                index.longest[e.source] = index.longest[e.source].max(e.end - e.start);
                index.entries.push(e);
            }
        }
        index.entries.sort_unstable_by(|a, b| a.key().cmp(&b.key()));
        index
    }

    fn entry(&self, a: &Annotation) -> Option<Entry> {
        let source = self.sources.iter().position(|s| s == &a.source)?;
        Some(Entry {
            source,
            start: a.start,
            end: a.end,
            kind: a.kind(),
            unplaced: a.unplaced,
            id: a.id.clone(),
        })
    }

    /// Notes what a command is about to change; pass the result to [`Self::after`].
    pub fn before(&self, project: &Project, command: &Command) -> Before {
        let ids = command.annotations_touched();
        let rebuild = command.changes_sources() || ids.len() > REBUILD_ABOVE;
        let old = if rebuild {
            Vec::new()
        } else {
            ids.into_iter()
                .map(|id| {
                    let old = project.annotations.get(&id).and_then(|a| self.entry(a));
                    (id, old)
                })
                .collect()
        };
        Before { rebuild, old }
    }

    /// Brings the index up to date after a command noted by [`Self::before`] was applied.
    pub fn after(&mut self, project: &Project, before: Before) {
        if before.rebuild || self.sources.len() != project.sources.len() {
            *self = Self::build(project);
            return;
        }
        for (id, old) in before.old {
            if let Some(old) = old
                && let Ok(i) = self.entries.binary_search_by(|e| e.key().cmp(&old.key()))
            {
                self.entries.remove(i);
            }
            if let Some(new) = project.annotations.get(&id).and_then(|a| self.entry(a)) {
                self.longest[new.source] = self.longest[new.source].max(new.end - new.start);
                let i = self.entries.partition_point(|e| e.key() < new.key());
                self.entries.insert(i, new);
            }
        }
    }

    /// Every annotation, in source then text order.
    pub fn entries(&self) -> &[Entry] {
        &self.entries
    }

    /// The position of a source in the index's column order.
    pub fn source_position(&self, id: &SourceId) -> Option<usize> {
        self.sources.iter().position(|s| s == id)
    }

    /// The annotations of one source.
    pub fn of_source(&self, source: usize) -> SourceMarks<'_> {
        let from = self.entries.partition_point(|e| e.source < source);
        let to = self.entries.partition_point(|e| e.source <= source);
        SourceMarks {
            entries: &self.entries[from..to],
            longest: self.longest.get(source).copied().unwrap_or(0),
        }
    }
}

/// The annotations of one source, sorted by start.
#[derive(Debug, Clone, Copy, Default)]
pub struct SourceMarks<'a> {
    entries: &'a [Entry],
    longest: usize,
}

/// The spans of `items` (sorted by start, none longer than `longest` characters) that
/// meet `range` (overlap it by at least one character), with their positions in `items`.
pub fn meeting<'a, T>(
    items: &'a [T],
    longest: usize,
    range: Range<usize>,
    span: impl Fn(&T) -> Range<usize> + Copy + 'a,
) -> impl Iterator<Item = (usize, &'a T)> + 'a {
    let from = items.partition_point(|item| span(item).start + longest <= range.start);
    items[from..]
        .iter()
        .enumerate()
        .take_while(move |(_, item)| span(item).start < range.end)
        .filter(move |(_, item)| span(item).end > range.start)
        .map(move |(i, item)| (from + i, item))
}

impl<'a> SourceMarks<'a> {
    /// The placed annotations that meet `range` (overlap it by at least one character).
    pub fn overlapping(&self, range: Range<usize>) -> impl Iterator<Item = &'a Entry> + use<'a> {
        meeting(self.entries, self.longest, range, |m| m.start..m.end)
            .map(|(_, m)| m)
            .filter(|m| !m.unplaced)
    }

    /// The innermost (shortest) placed annotation under a character position.
    pub fn innermost_at(&self, pos: usize) -> Option<&'a Entry> {
        self.overlapping(pos..pos + 1)
            .min_by_key(|m| m.end - m.start)
    }

    /// How many annotations began earlier and are still open where `mark` starts: the
    /// layer its underline is drawn in.
    pub fn depth(&self, mark: &Entry) -> usize {
        self.overlapping(mark.start..mark.start + 1)
            .filter(|m| {
                (m.start, std::cmp::Reverse(m.end), &m.id)
                    < (mark.start, std::cmp::Reverse(mark.end), &mark.id)
            })
            .count()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::History;
    use crate::model::Source;

    fn project(spans: &[Range<usize>]) -> Project {
        let source = Source::new(
            SourceId::new("s").unwrap(),
            "S",
            "abcdefghijklmnopqrstuvwxyz",
        );
        let mut p = Project::new("t");
        for span in spans {
            let a = Annotation::new(
                AnnotationId::random(),
                &source,
                span.clone(),
                TagKind::Actor.empty_tag(),
            );
            p.annotations.insert(a.id.clone(), a);
        }
        p.sources.push(source);
        p
    }

    #[test]
    fn finds_overlapping_marks_including_long_ones_that_start_early() {
        let p = project(&[0..20, 2..4, 10..12, 21..22]);
        let index = AnnotationIndex::build(&p);
        let marks = index.of_source(0);
        let found: Vec<(usize, usize)> = marks
            .overlapping(11..15)
            .map(|m| (m.start, m.end))
            .collect();
        assert_eq!(found, [(0, 20), (10, 12)]);
        assert_eq!(marks.overlapping(20..21).count(), 0);
        assert_eq!(
            marks.innermost_at(3).map(|m| (m.start, m.end)),
            Some((2, 4))
        );
    }

    #[test]
    fn nested_marks_get_deeper_layers() {
        let p = project(&[0..20, 2..10, 3..5, 12..14]);
        let index = AnnotationIndex::build(&p);
        let marks = index.of_source(0);
        let depths: Vec<(usize, usize)> = marks
            .overlapping(0..26)
            .map(|m| (m.start, marks.depth(m)))
            .collect();
        assert_eq!(depths, [(0, 0), (2, 1), (3, 2), (12, 1)]);
    }

    #[test]
    fn edits_keep_the_index_equal_to_a_fresh_build() {
        let mut p = project(&[0..20, 2..4, 10..12]);
        let mut index = AnnotationIndex::build(&p);
        let mut history = History::default();
        let source = p.sources[0].clone();
        let first = p.annotations.values().next().unwrap().clone();
        let mut moved = first.clone();
        moved.start = 5;
        moved.end = 7;
        moved.quote = source.text.quote(5..7);
        let commands = vec![
            Command::PutAnnotation(Annotation::new(
                AnnotationId::random(),
                &source,
                1..3,
                TagKind::Date.empty_tag(),
            )),
            Command::PutAnnotation(moved),
            Command::RemoveAnnotation(first.id.clone()),
        ];
        for command in commands {
            let before = index.before(&p, &command);
            if history.apply(&mut p, command, "edit").is_ok() {
                index.after(&p, before);
                assert_eq!(index.entries(), AnnotationIndex::build(&p).entries());
            }
        }
        while let Some(command) = history.next_undo().cloned() {
            let before = index.before(&p, &command);
            history.undo(&mut p);
            index.after(&p, before);
            assert_eq!(index.entries(), AnnotationIndex::build(&p).entries());
        }
    }

    #[test]
    fn unplaced_annotations_are_listed_but_not_drawn() {
        let mut p = project(&[0..2, 4..6]);
        p.annotations.values_mut().next().unwrap().unplaced = true;
        let index = AnnotationIndex::build(&p);
        assert_eq!(index.entries().len(), 2);
        assert_eq!(index.of_source(0).overlapping(0..26).count(), 1);
    }
}
