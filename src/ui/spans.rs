//! Per-source index of annotation spans, so the document view can find the annotations
//! that meet a range of text without scanning the whole project.

use std::collections::HashMap;
use std::ops::Range;

use crate::model::{AnnotationId, Project, SourceId, TagKind};

/// One annotation as the document view draws it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mark {
    pub start: usize,
    pub end: usize,
    pub kind: TagKind,
    pub id: AnnotationId,
    /// How many other marks enclose or overlap this one from before (0 = outermost).
    pub depth: usize,
}

/// The placed annotations of one source, sorted by start.
#[derive(Debug, Default, Clone)]
pub struct SourceMarks {
    marks: Vec<Mark>,
    /// The longest span, which bounds how far back an overlapping mark can start.
    longest: usize,
}

impl SourceMarks {
    pub fn build(project: &Project, source: &SourceId) -> Self {
        let mut marks: Vec<Mark> = project
            .annotations
            .values()
            .filter(|a| &a.source == source && !a.unplaced)
            .map(|a| Mark {
                start: a.start,
                end: a.end,
                kind: a.kind(),
                id: a.id.clone(),
                depth: 0,
            })
            .collect();
        marks.sort_by(|a, b| {
            (a.start, std::cmp::Reverse(a.end), &a.id).cmp(&(
                b.start,
                std::cmp::Reverse(b.end),
                &b.id,
            ))
        });
        // Depth: how many earlier marks are still open where this one starts.
        let mut open: Vec<usize> = Vec::new(); // end positions of open marks
        for mark in &mut marks {
            open.retain(|&end| end > mark.start);
            mark.depth = open.len();
            open.push(mark.end);
        }
        let longest = marks.iter().map(|m| m.end - m.start).max().unwrap_or(0);
        Self { marks, longest }
    }

    /// The marks that meet `range` (overlap it by at least one character).
    pub fn overlapping(&self, range: Range<usize>) -> impl Iterator<Item = &Mark> {
        let from = self
            .marks
            .partition_point(|m| m.start + self.longest <= range.start);
        self.marks[from..]
            .iter()
            .take_while(move |m| m.start < range.end)
            .filter(move |m| m.end > range.start)
    }

    /// The innermost (shortest) mark under a character position.
    pub fn innermost_at(&self, pos: usize) -> Option<&Mark> {
        self.overlapping(pos..pos + 1)
            .min_by_key(|m| m.end - m.start)
    }

    pub fn len(&self) -> usize {
        self.marks.len()
    }

    pub fn is_empty(&self) -> bool {
        self.marks.is_empty()
    }
}

/// The marks of every source, rebuilt per source when its annotations change.
#[derive(Debug, Default)]
pub struct MarkIndex {
    by_source: HashMap<SourceId, (u64, SourceMarks)>,
}

impl MarkIndex {
    /// The marks of a source; `revision` is the source's annotation revision, and the
    /// index is rebuilt when it differs from the one the marks were built at.
    pub fn get(&mut self, project: &Project, source: &SourceId, revision: u64) -> &SourceMarks {
        let entry = self
            .by_source
            .entry(source.clone())
            .or_insert_with(|| (u64::MAX, SourceMarks::default()));
        if entry.0 != revision {
            *entry = (revision, SourceMarks::build(project, source));
        }
        &entry.1
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Annotation, Source};

    fn project(spans: &[Range<usize>]) -> (Project, SourceId) {
        let id = SourceId::new("s").unwrap();
        let source = Source::new(id.clone(), "S", "abcdefghijklmnopqrstuvwxyz");
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
        (p, id)
    }

    #[test]
    fn finds_overlapping_marks_including_long_ones_that_start_early() {
        let (p, id) = project(&[0..20, 2..4, 10..12, 21..22]);
        let marks = SourceMarks::build(&p, &id);
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
        let (p, id) = project(&[0..20, 2..10, 3..5, 12..14]);
        let marks = SourceMarks::build(&p, &id);
        let depths: Vec<(usize, usize)> = marks
            .overlapping(0..26)
            .map(|m| (m.start, m.depth))
            .collect();
        assert_eq!(depths, [(0, 0), (2, 1), (3, 2), (12, 1)]);
    }

    #[test]
    fn the_index_rebuilds_when_the_revision_changes() {
        let (mut p, id) = project(&[0..2, 10..12]);
        let mut index = MarkIndex::default();
        assert_eq!(index.get(&p, &id, 1).len(), 2);
        let a = Annotation::new(
            AnnotationId::random(),
            &p.sources[0],
            4..6,
            TagKind::Date.empty_tag(),
        );
        p.annotations.insert(a.id.clone(), a);
        assert_eq!(index.get(&p, &id, 1).len(), 2);
        assert_eq!(index.get(&p, &id, 2).len(), 3);
    }
}
