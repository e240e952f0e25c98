//! Checking a project after it is read: every annotation's source and links exist, every
//! span covers its quoted words, every source's hash matches its text.
//!
//! What can be repaired is repaired and reported as a [`LoadNote`] (a span moved to where
//! its words are, an annotation marked unplaced, a hash recomputed); what cannot is a
//! [`Problem`] that stops the project from loading. Nothing wrong is kept silently.

use std::collections::{BTreeMap, HashSet};
use std::fmt;
use std::ops::Range;

use rustc_hash::FxHashMap;

use crate::threads::both;

use crate::anchor::{Anchoring, Quote, SourceText, SpanProblem};
use crate::model::{
    Annotation, AnnotationId, ClaimGroup, ClaimGroupId, Entity, EntityId, Project, Source,
    SourceId, Tag, content_hash,
};

/// How many characters of a quote a message shows, the ellipsis of a longer one included.
const EXCERPT_CHARS: usize = 40;

/// What checking a project found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckReport {
    /// What was repaired.
    pub notes: Vec<LoadNote>,
    /// What could not be repaired.
    pub problems: Vec<Problem>,
}

impl CheckReport {
    /// Nothing needed repairing and nothing is wrong.
    pub fn is_sound(&self) -> bool {
        self.notes.is_empty() && self.problems.is_empty()
    }
}

/// Checks a project, repairing what can be repaired (see the module documentation).
pub fn check(project: &mut Project) -> CheckReport {
    let mut report = CheckReport::default();
    let mut seen = HashSet::new();
    let mut text_changed = Vec::with_capacity(project.sources.len());
    for source in &mut project.sources {
        if !seen.insert(source.id.clone()) {
            report.problems.push(Problem::DuplicateId {
                kind: "source",
                id: source.id.to_string(),
            });
        }
        let hash = content_hash(source.text.as_str());
        let changed = source.content_hash != hash;
        if changed {
            source.content_hash = hash;
            report.notes.push(LoadNote::HashFixed {
                source: source.id.clone(),
            });
        }
        text_changed.push(changed);
    }
    let Project {
        sources,
        entities,
        claim_groups,
        annotations,
        ..
    } = project;
    let known = Known::new(entities, claim_groups);
    // The first source of each id, as a search through the list would find it.
    let mut by_id = FxHashMap::default();
    for (source, changed) in sources.iter().zip(text_changed) {
        by_id.entry(&source.id).or_insert((source, changed));
    }
    // Each annotation is checked on its own, half of them on a second thread in a large
    // project; those of a source whose text changed are re-anchored together below.
    let mut list: Vec<&mut Annotation> = annotations.values_mut().collect();
    let half = if list.len() >= SHARED_FROM {
        list.len() / 2
    } else {
        list.len()
    };
    let (first, second) = list.split_at_mut(half);
    let check_part = |part: &mut [&mut Annotation]| scan(part, &known, &by_id);
    let (after, before) = both(|| check_part(second), || check_part(first));
    let mut revised_at = Vec::with_capacity(before.revised.len() + after.revised.len());
    for (scanned, offset) in [(before, 0), (after, half)] {
        report.problems.extend(scanned.problems);
        report.notes.extend(scanned.notes);
        revised_at.extend(scanned.revised.into_iter().map(|i| i + offset));
    }
    let mut revised: BTreeMap<&SourceId, Vec<&mut Annotation>> = BTreeMap::new();
    let mut revised_at = revised_at.into_iter().peekable();
    for (i, annotation) in list.into_iter().enumerate() {
        if revised_at.next_if_eq(&i).is_some() {
            let (source, _) = by_id[&annotation.source];
            revised.entry(&source.id).or_default().push(annotation);
        }
    }
    for (id, mut list) in revised {
        report
            .notes
            .extend(reanchor_revised(&mut list, &by_id[id].0.text));
    }
    report
}

/// From how many annotations half of them are checked on a second thread.
const SHARED_FROM: usize = 10_000;

/// What checking some annotations found: problems and repairs in their order, and the
/// positions of those whose source's text changed.
#[derive(Default)]
struct Scanned {
    problems: Vec<Problem>,
    notes: Vec<LoadNote>,
    revised: Vec<usize>,
}

/// Checks annotations one by one: links, source, span. Those of a source whose text
/// changed are only listed, to be re-anchored together.
fn scan(
    annotations: &mut [&mut Annotation],
    known: &Known,
    by_id: &FxHashMap<&SourceId, (&Source, bool)>,
) -> Scanned {
    let mut found = Scanned::default();
    for (i, annotation) in annotations.iter_mut().enumerate() {
        let annotation: &mut Annotation = annotation;
        check_links(annotation, known, &mut found.problems);
        let Some(&(source, text_changed)) = by_id.get(&annotation.source) else {
            found.problems.push(Problem::UnknownSource {
                annotation: annotation.id.clone(),
                source: annotation.source.clone(),
            });
            continue;
        };
        // One copy of the id, the source's own (see `check_links`).
        annotation.source = source.id.clone();
        if annotation.unplaced {
            found.notes.extend(clamp_unplaced(annotation, &source.text));
        } else if text_changed {
            found.revised.push(i);
        } else if let Some(fault) = fault_of(annotation, &source.text) {
            let anchoring = reanchor_in_same_text(annotation, &source.text);
            found
                .notes
                .extend(repair(annotation, &source.text, fault, anchoring));
        }
    }
    found
}

/// The ids annotations may link to, to look each link up in constant time.
struct Known<'a> {
    entities: FxHashMap<&'a str, &'a EntityId>,
    groups: FxHashMap<&'a str, &'a ClaimGroupId>,
}

impl<'a> Known<'a> {
    fn new(
        entities: &'a BTreeMap<EntityId, Entity>,
        groups: &'a BTreeMap<ClaimGroupId, ClaimGroup>,
    ) -> Self {
        Self {
            entities: entities.keys().map(|id| (id.as_str(), id)).collect(),
            groups: groups.keys().map(|id| (id.as_str(), id)).collect(),
        }
    }
}

/// Checks an annotation's links, and makes each link that resolves share its id with
/// the entity or group it names: one copy of each id in memory, which the comparison,
/// looking ids up hundreds of thousands of times, finds in the cache.
fn check_links(annotation: &mut Annotation, known: &Known, problems: &mut Vec<Problem>) {
    let id = &annotation.id;
    let mut entity = |role: &'static str, entity: &mut Option<EntityId>| {
        let Some(linked) = entity.as_mut() else {
            return;
        };
        match known.entities.get(linked.as_str()) {
            Some(&shared) => *linked = shared.clone(),
            None => problems.push(Problem::UnknownEntity {
                annotation: id.clone(),
                role,
                entity: linked.clone(),
            }),
        }
    };
    let group = match &mut annotation.tag {
        Tag::Actor { entity: linked } => {
            entity("entity", linked);
            None
        }
        Tag::Claim {
            speaker,
            via,
            group,
            ..
        } => {
            entity("speaker", speaker);
            entity("via", via);
            group.as_mut()
        }
        Tag::Date { .. } => None,
    };
    if let Some(group) = group {
        match known.groups.get(group.as_str()) {
            Some(&shared) => *group = shared.clone(),
            None => problems.push(Problem::UnknownClaimGroup {
                annotation: id.clone(),
                group: group.clone(),
            }),
        }
    }
}

/// Keeps an annotation already flagged unplaced for the analyst inside its text.
pub(crate) fn clamp_unplaced(annotation: &mut Annotation, text: &SourceText) -> Option<LoadNote> {
    let old = annotation.span();
    let kept_at = clamp(&old, text);
    if kept_at == old {
        return None;
    }
    set_span(annotation, &kept_at);
    Some(LoadNote::Clamped {
        annotation: annotation.id.clone(),
        source: annotation.source.clone(),
        from: old,
        to: kept_at,
    })
}

/// What is wrong with a placed annotation's span in its source's text, if anything.
fn fault_of(annotation: &Annotation, text: &SourceText) -> Option<SpanFault> {
    let span = annotation.span();
    if span.start < span.end && span.end <= text.char_len() {
        let (start, end) = (text.byte_of(span.start), text.byte_of(span.end));
        if between_ascii(text.as_str(), start) && between_ascii(text.as_str(), end) {
            let words = &text.as_str()[start..end];
            return (words != annotation.quote.exact).then_some(SpanFault::QuoteMismatch);
        }
    }
    match text.check_span(&span) {
        Err(problem) => Some(SpanFault::Span(problem)),
        Ok(()) if text.slice(span) != annotation.quote.exact => Some(SpanFault::QuoteMismatch),
        Ok(()) => None,
    }
}

/// Whether a byte offset is at either end of a text or between two ASCII characters other
/// than CR and LF: there it splits no grapheme cluster (every rule that joins characters
/// into one involves a character outside ASCII, or CR LF), so the common case needs no
/// grapheme segmentation.
fn between_ascii(text: &str, byte: usize) -> bool {
    let bytes = text.as_bytes();
    if byte == 0 || byte == bytes.len() {
        return true;
    }
    let (before, after) = (bytes[byte - 1], bytes[byte]);
    before.is_ascii() && after.is_ascii() && !(before == b'\r' && after == b'\n')
}

/// Finds the words of an annotation whose span is wrong in a text that did not change since
/// the project was saved: by their quote, or, when its context vouches for no place (it
/// may have been taken from an older version), where the text holds the words just once.
fn reanchor_in_same_text(annotation: &Annotation, text: &SourceText) -> Anchoring {
    match text.reanchor(annotation.span(), &annotation.quote) {
        Anchoring::Lost => {
            let words = Quote {
                exact: annotation.quote.exact.clone(),
                ..Quote::default()
            };
            text.reanchor(annotation.span(), &words)
        }
        found => found,
    }
}

/// Re-anchors the annotations of a source whose text changed since the project was saved
/// (its stored hash disagrees): other words may have moved under a span, so every span is
/// checked against its quote's context too, all of them together (see
/// [`SourceText::reanchor_all`]).
pub(crate) fn reanchor_revised(
    annotations: &mut [&mut Annotation],
    text: &SourceText,
) -> Vec<LoadNote> {
    let quotes: Vec<_> = annotations.iter().map(|a| (a.span(), &a.quote)).collect();
    let anchorings = text.reanchor_all(&quotes);
    annotations
        .iter_mut()
        .zip(anchorings)
        .filter_map(|(annotation, anchoring)| {
            let fault = fault_of(annotation, text).unwrap_or(SpanFault::ContextChanged);
            repair(annotation, text, fault, anchoring)
        })
        .collect()
}

/// Puts an annotation where re-anchoring found its words, or flags it unplaced, and says
/// so. One kept in place (its text changed around it) takes its context from the text.
fn repair(
    annotation: &mut Annotation,
    text: &SourceText,
    fault: SpanFault,
    anchoring: Anchoring,
) -> Option<LoadNote> {
    let old = annotation.span();
    let quote = annotation.quote.exact.clone();
    match anchoring {
        Anchoring::Moved(new) => {
            set_span(annotation, &new);
            annotation.quote = text.quote(new.clone());
            Some(LoadNote::Moved {
                annotation: annotation.id.clone(),
                source: annotation.source.clone(),
                from: old,
                to: new,
                fault,
                quote,
            })
        }
        Anchoring::Kept => {
            annotation.quote = text.quote(old);
            None
        }
        Anchoring::Lost => {
            let kept_at = clamp(&old, text);
            set_span(annotation, &kept_at);
            annotation.unplaced = true;
            Some(LoadNote::Unplaced {
                annotation: annotation.id.clone(),
                source: annotation.source.clone(),
                span: old,
                kept_at,
                fault,
                quote,
            })
        }
    }
}

/// The span moved inside the text and made ordered, so that it is safe to use.
fn clamp(span: &Range<usize>, text: &SourceText) -> Range<usize> {
    let end = span.end.min(text.char_len());
    span.start.min(end)..end
}

fn set_span(annotation: &mut Annotation, span: &Range<usize>) {
    annotation.start = span.start;
    annotation.end = span.end;
}

/// What was wrong with an annotation's span.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SpanFault {
    Span(SpanProblem),
    /// The span is sound but its text is not the annotation's quote.
    QuoteMismatch,
    /// The span still covers the quoted words, but the source's text changed and the words
    /// around them are not those the quote remembers.
    ContextChanged,
}

impl fmt::Display for SpanFault {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SpanFault::Span(problem) => problem.fmt(f),
            SpanFault::QuoteMismatch => f.write_str("the text at the span differs from its quote"),
            SpanFault::ContextChanged => f.write_str(
                "the source's text changed, and the words around the span differ from those \
                 its quote remembers",
            ),
        }
    }
}

/// Something found wrong in a project and repaired while loading it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LoadNote {
    /// The file was written in an older format version and converted.
    Migrated { from: u32, to: u32 },
    /// A source's stored content hash did not match its text and was recomputed.
    HashFixed { source: SourceId },
    /// An annotation's span was wrong and its quoted words were found elsewhere.
    Moved {
        annotation: AnnotationId,
        source: SourceId,
        from: Range<usize>,
        to: Range<usize>,
        fault: SpanFault,
        quote: String,
    },
    /// An annotation's span was wrong and its quoted words could not be found: it is kept,
    /// marked unplaced, at `kept_at` (its old span, moved inside the text if needed).
    Unplaced {
        annotation: AnnotationId,
        source: SourceId,
        span: Range<usize>,
        kept_at: Range<usize>,
        fault: SpanFault,
        quote: String,
    },
    /// An annotation already marked unplaced had a span outside its text.
    Clamped {
        annotation: AnnotationId,
        source: SourceId,
        from: Range<usize>,
        to: Range<usize>,
    },
}

impl fmt::Display for LoadNote {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            LoadNote::Migrated { from, to } => write!(
                f,
                "the file was in format version {from}; it was converted to version {to}, \
                 which it will be saved in"
            ),
            LoadNote::HashFixed { source } => write!(
                f,
                "source `{source}`: the stored content hash did not match the text (was the \
                 text edited by hand?); the hash was recomputed"
            ),
            LoadNote::Moved {
                annotation,
                source,
                from,
                to,
                fault,
                quote,
            } => write!(
                f,
                "annotation `{annotation}` in source `{source}`, span {}: {fault}; it was \
                 moved to {}, where its words {} are",
                show(from),
                show(to),
                excerpt(quote)
            ),
            LoadNote::Unplaced {
                annotation,
                source,
                span,
                kept_at,
                fault,
                quote,
            } => {
                write!(
                    f,
                    "annotation `{annotation}` in source `{source}`, span {}: {fault}, and ",
                    show(span)
                )?;
                if quote.is_empty() {
                    f.write_str("it has no quote to find its words by")?;
                } else {
                    write!(
                        f,
                        "its words {} were not found with the words that surrounded them",
                        excerpt(quote)
                    )?;
                }
                f.write_str("; it is kept, marked unplaced")?;
                if kept_at != span {
                    write!(f, " at {}", show(kept_at))?;
                }
                f.write_str(", for you to place again")
            }
            LoadNote::Clamped {
                annotation,
                source,
                from,
                to,
            } => write!(
                f,
                "annotation `{annotation}` in source `{source}` (unplaced): its span {} lay \
                 outside the text and was moved to {}",
                show(from),
                show(to)
            ),
        }
    }
}

/// Something wrong in a project that loading cannot repair.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Problem {
    /// Two items of one kind share an id.
    DuplicateId { kind: &'static str, id: String },
    UnknownSource {
        annotation: AnnotationId,
        source: SourceId,
    },
    /// `role` is `entity` (an actor's), `speaker` or `via` (a claim's).
    UnknownEntity {
        annotation: AnnotationId,
        role: &'static str,
        entity: EntityId,
    },
    UnknownClaimGroup {
        annotation: AnnotationId,
        group: ClaimGroupId,
    },
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::DuplicateId { kind, id } => write!(
                f,
                "two {kind}s have the id `{id}`; give one of them another id"
            ),
            Problem::UnknownSource { annotation, source } => write!(
                f,
                "annotation `{annotation}` belongs to source `{source}`, which is not in the \
                 project; add the source back or delete the annotation"
            ),
            Problem::UnknownEntity {
                annotation,
                role,
                entity,
            } => write!(
                f,
                "annotation `{annotation}` names `{entity}` as its {role}, but there is no \
                 entity `{entity}`; add it to `entities` or remove the link"
            ),
            Problem::UnknownClaimGroup { annotation, group } => write!(
                f,
                "annotation `{annotation}` is in claim group `{group}`, which does not exist; \
                 add it to `claim_groups` or remove the link"
            ),
        }
    }
}

fn show(span: &Range<usize>) -> String {
    format!("{}..{}", span.start, span.end)
}

/// A quote on one line, shortened, in quotation marks.
fn excerpt(quote: &str) -> String {
    let one_line: String = quote
        .chars()
        .map(|c| if c.is_control() { ' ' } else { c })
        .collect();
    format!(
        "“{}”",
        crate::wording::shorten(&one_line, EXCERPT_CHARS - 1)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{ClaimGroup, EntityKind, Source, TagKind};

    fn sid(s: &str) -> SourceId {
        SourceId::new(s).unwrap()
    }

    fn aid(s: &str) -> AnnotationId {
        AnnotationId::new(s).unwrap()
    }

    /// A project with one source and one annotation `a` over `span`.
    fn project(text: &str, span: Range<usize>, tag: Tag) -> Project {
        let mut p = Project::new("t");
        let s = Source::new(sid("s"), "S", text);
        let a = Annotation::new(aid("a"), &s, span, tag);
        p.sources.push(s);
        p.annotations.insert(a.id.clone(), a);
        p
    }

    fn only(p: &Project) -> &Annotation {
        p.annotations.values().next().unwrap()
    }

    #[test]
    fn a_sound_project_is_sound_and_unchanged() {
        let mut p = project("Leo spoke to Putin.", 13..18, TagKind::Actor.empty_tag());
        let before = p.clone();
        assert!(check(&mut p).is_sound());
        assert_eq!(p, before);
    }

    #[test]
    fn after_the_text_changed_other_words_under_a_span_are_not_taken_for_it() {
        let old = "Putin spoke. Later, at a briefing in Moscow, Putin said nothing more.";
        let mut p = project(old, 45..50, TagKind::Actor.empty_tag());
        assert_eq!(&old[45..50], "Putin");
        // The text was edited in the file: the second sentence is gone, and another "Putin"
        // now stands where the annotated one was.
        let revised = "Putin spoke. Then he flew to Minsk and met Putin again, twice.";
        assert_eq!(&revised[43..48], "Putin");
        // Shift the new text so that this "Putin" is at the old span.
        let revised = format!("..{revised}");
        p.sources[0].text = SourceText::new(revised);
        let report = check(&mut p);
        assert!(only(&p).unplaced, "{:?}", report.notes);
        let [LoadNote::HashFixed { .. }, LoadNote::Unplaced { fault, .. }] = &report.notes[..]
        else {
            panic!("{:?}", report.notes)
        };
        assert_eq!(*fault, SpanFault::ContextChanged);
        assert!(fault.to_string().contains("text changed"));
    }

    #[test]
    fn after_the_text_changed_a_span_kept_in_place_takes_the_new_context() {
        let mut p = project(
            "Leo spoke to Putin on Sunday.",
            13..18,
            TagKind::Actor.empty_tag(),
        );
        p.sources[0].text = SourceText::new("Leo spoke to Putin late on Sunday.");
        let report = check(&mut p);
        assert_eq!(report.notes.len(), 1, "only the hash: {:?}", report.notes);
        assert_eq!(only(&p).span(), 13..18);
        assert_eq!(only(&p).quote.suffix, " late on Sunday.");
        assert!(check(&mut p).is_sound());
    }

    #[test]
    fn a_span_that_lost_its_words_is_moved_to_them() {
        let mut p = project("Leo spoke to Putin.", 13..18, TagKind::Actor.empty_tag());
        let a = p.annotations.get_mut(&aid("a")).unwrap();
        a.start = 4;
        a.end = 9;
        a.quote.prefix = "context from an older version ".into();
        let report = check(&mut p);
        assert_eq!(only(&p).span(), 13..18);
        assert!(!only(&p).unplaced);
        let [
            LoadNote::Moved {
                from, to, fault, ..
            },
        ] = report.notes.as_slice()
        else {
            panic!("{report:?}")
        };
        assert_eq!((from.clone(), to.clone()), (4..9, 13..18));
        assert_eq!(*fault, SpanFault::QuoteMismatch);
        assert_eq!(only(&p).quote, p.sources[0].text.quote(13..18));
        let line = report.notes[0].to_string();
        for part in ["`a`", "`s`", "4..9", "13..18", "“Putin”"] {
            assert!(line.contains(part), "{line}");
        }
        assert!(!line.contains('\n'));
    }

    #[test]
    fn words_that_are_gone_leave_the_annotation_unplaced_not_dropped() {
        let mut p = project("Leo spoke to Putin.", 13..18, TagKind::Actor.empty_tag());
        p.annotations.get_mut(&aid("a")).unwrap().quote.exact = "Zelensky".into();
        let report = check(&mut p);
        assert_eq!(p.annotations.len(), 1);
        assert!(only(&p).unplaced);
        assert_eq!(only(&p).span(), 13..18);
        assert!(matches!(report.notes[..], [LoadNote::Unplaced { .. }]));
        assert!(report.notes[0].to_string().contains("unplaced"));
        // Once unplaced, it is left for the analyst.
        assert!(check(&mut p).is_sound());
    }

    #[test]
    fn an_out_of_range_unfindable_span_is_kept_inside_the_text() {
        let mut p = project("short", 0..5, TagKind::Date.empty_tag());
        let a = p.annotations.get_mut(&aid("a")).unwrap();
        a.start = 40;
        a.end = 30;
        a.quote.exact = "gone".into();
        let report = check(&mut p);
        assert_eq!(only(&p).span(), 5..5);
        let line = report.notes[0].to_string();
        assert!(
            line.contains("40..30") && line.contains("at 5..5"),
            "{line}"
        );
    }

    #[test]
    fn an_unplaced_span_outside_the_text_is_clamped() {
        let mut p = project("short", 0..5, TagKind::Date.empty_tag());
        let a = p.annotations.get_mut(&aid("a")).unwrap();
        a.unplaced = true;
        a.end = 99;
        let report = check(&mut p);
        assert_eq!(only(&p).span(), 0..5);
        assert!(matches!(report.notes[..], [LoadNote::Clamped { .. }]));
    }

    #[test]
    fn missing_links_are_problems_naming_the_annotation() {
        let tag = Tag::Claim {
            speaker: Some(EntityId::new("pope").unwrap()),
            via: Some(EntityId::new("bruni").unwrap()),
            group: Some(ClaimGroupId::new("gesture").unwrap()),
            credibility: None,
        };
        let mut p = project("A gesture for peace.", 2..9, tag);
        let pope = EntityId::new("pope").unwrap();
        p.entities.insert(
            pope.clone(),
            Entity::new(pope, "Leo XIV", EntityKind::Person),
        );
        let report = check(&mut p);
        let lines: Vec<String> = report.problems.iter().map(|p| p.to_string()).collect();
        assert_eq!(lines.len(), 2, "{lines:?}");
        assert!(
            lines[0].contains("`a`") && lines[0].contains("via") && lines[0].contains("`bruni`")
        );
        assert!(lines[1].contains("`gesture`"));
        let gesture = ClaimGroupId::new("gesture").unwrap();
        p.claim_groups.insert(
            gesture.clone(),
            ClaimGroup {
                id: gesture,
                label: "gesture".into(),
                memo: String::new(),
            },
        );
        assert_eq!(check(&mut p).problems.len(), 1);
    }

    #[test]
    fn an_annotation_of_a_missing_source_is_a_problem() {
        let mut p = project("text", 0..4, TagKind::Date.empty_tag());
        p.sources.clear();
        let report = check(&mut p);
        assert!(matches!(
            report.problems[..],
            [Problem::UnknownSource { .. }]
        ));
        assert_eq!(p.annotations.len(), 1);
    }

    #[test]
    fn duplicate_sources_and_wrong_hashes_are_found() {
        let mut p = project("text", 0..4, TagKind::Date.empty_tag());
        let mut twin = p.sources[0].clone();
        twin.content_hash = "0".into();
        p.sources.push(twin);
        let report = check(&mut p);
        assert!(matches!(
            report.problems[..],
            [Problem::DuplicateId { kind: "source", .. }]
        ));
        assert_eq!(report.notes, [LoadNote::HashFixed { source: sid("s") }]);
        assert_eq!(p.sources[1].content_hash, content_hash("text"));
    }

    #[test]
    fn spans_are_checked_for_split_characters_between_ascii_and_beyond() {
        // Between CR and LF, and before a combining mark, a span splits a character.
        for (text, span) in [
            ("ab\r\ncd", 0..3),
            ("ab\r\ncd", 3..6),
            ("cafe\u{301} x", 0..4),
        ] {
            let mut p = project(text, span.clone(), TagKind::Date.empty_tag());
            let a = p.annotations.get_mut(&aid("a")).unwrap();
            a.quote.exact = "gone".into();
            let fault = fault_of(only(&p), &p.sources[0].text);
            assert_eq!(
                fault,
                Some(SpanFault::Span(SpanProblem::SplitsCharacter)),
                "{text:?} {span:?}"
            );
        }
        // Between two ASCII characters, and at both ends, it does not.
        for (text, span) in [
            ("ab\r\ncd", 0..2),
            ("ab\r\ncd", 4..6),
            ("cafe\u{301} x", 0..5),
        ] {
            let p = project(text, span.clone(), TagKind::Date.empty_tag());
            assert_eq!(
                fault_of(only(&p), &p.sources[0].text),
                None,
                "{text:?} {span:?}"
            );
            let mut p = p;
            p.annotations.get_mut(&aid("a")).unwrap().quote.exact = "gone".into();
            let fault = fault_of(only(&p), &p.sources[0].text);
            assert_eq!(fault, Some(SpanFault::QuoteMismatch), "{text:?} {span:?}");
        }
    }

    #[test]
    fn long_quotes_are_shortened_to_one_line() {
        let long = format!("line one\nline two {}", "x".repeat(80));
        let shown = excerpt(&long);
        assert!(!shown.contains('\n'));
        assert_eq!(shown.chars().count(), EXCERPT_CHARS + 2);
    }
}
