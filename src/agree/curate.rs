//! Settling the differences between two analysts' annotations of the same sources: for
//! each shared source, the spans both made alike, those only one made, and those both
//! made with another tag or other links; and the edit that takes their side of one.
//!
//! The open project is ours: taking our side changes nothing, taking theirs adds their
//! annotation, removes ours, or gives ours their tag and note. An entity or claim group
//! their annotation links to comes along when this project lacks it.

use std::collections::BTreeMap;

use crate::edit::Command;
use crate::model::{Annotation, AnnotationId, Project, SourceId};

use super::shared_sources;

/// One difference between the two projects' annotations of a source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Difference {
    OnlyOurs(Annotation),
    OnlyTheirs(Annotation),
    /// The same span, another tag or other links.
    Differ {
        ours: Annotation,
        theirs: Box<Annotation>,
    },
}

impl Difference {
    /// Where it is in its source, to order and to name it.
    pub fn span(&self) -> (usize, usize) {
        let a = match self {
            Difference::OnlyOurs(a) | Difference::OnlyTheirs(a) => a,
            Difference::Differ { ours, .. } => ours,
        };
        (a.start, a.end)
    }
}

/// One shared source: how many spans both made alike, and every difference in text order.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceCuration {
    pub source: SourceId,
    pub alike: usize,
    pub differences: Vec<Difference>,
}

/// The sources both projects have with the same text, each with its differences.
pub fn curate(ours: &Project, theirs: &Project) -> Vec<SourceCuration> {
    let (shared, _) = shared_sources(&[ours, theirs]);
    shared
        .into_iter()
        .map(|id| {
            let by_span = |p: &Project| {
                let mut spans: BTreeMap<(usize, usize), Vec<Annotation>> = BTreeMap::new();
                for a in p.annotations_in(&id) {
                    if !a.unplaced {
                        spans.entry((a.start, a.end)).or_default().push(a.clone());
                    }
                }
                spans
            };
            let (mut mine, mut other) = (by_span(ours), by_span(theirs));
            let mut spans: Vec<(usize, usize)> = mine.keys().chain(other.keys()).copied().collect();
            spans.sort_unstable();
            spans.dedup();
            let mut alike = 0;
            let mut differences = Vec::new();
            for span in spans {
                let mut a = mine.remove(&span).unwrap_or_default();
                let mut b = other.remove(&span).unwrap_or_default();
                // The same tag with the same links: alike.
                a.retain(|x| match b.iter().position(|y| y.tag == x.tag) {
                    Some(i) => {
                        b.remove(i);
                        alike += 1;
                        false
                    }
                    None => true,
                });
                // The same kind first, then whatever is left, paired in order.
                let mut pairs = Vec::new();
                a.retain(|x| match b.iter().position(|y| y.kind() == x.kind()) {
                    Some(i) => {
                        pairs.push((x.clone(), b.remove(i)));
                        false
                    }
                    None => true,
                });
                let (a_len, b_len) = (a.len(), b.len());
                let rest = a_len.min(b_len);
                pairs.extend(a.drain(..rest).zip(b.drain(..rest)));
                differences.extend(pairs.into_iter().map(|(ours, theirs)| Difference::Differ {
                    ours,
                    theirs: Box::new(theirs),
                }));
                differences.extend(a.into_iter().map(Difference::OnlyOurs));
                differences.extend(b.into_iter().map(Difference::OnlyTheirs));
            }
            SourceCuration {
                source: id,
                alike,
                differences,
            }
        })
        .collect()
}

/// The step that puts their side of `difference` in `ours`.
pub fn take_theirs(ours: &Project, theirs: &Project, difference: &Difference) -> Command {
    let mut steps = Vec::new();
    match difference {
        Difference::OnlyOurs(a) => steps.push(Command::RemoveAnnotation(a.id.clone())),
        Difference::OnlyTheirs(a) => {
            let mut added = a.clone();
            if ours.annotations.contains_key(&added.id) {
                added.id = AnnotationId::random();
            }
            steps.extend(links_of(ours, theirs, &added));
            steps.push(Command::PutAnnotation(added));
        }
        Difference::Differ {
            ours: mine,
            theirs: other,
        } => {
            let mut changed = mine.clone();
            changed.tag = other.tag.clone();
            changed.note = other.note.clone();
            changed.modified = crate::model::now();
            steps.extend(links_of(ours, theirs, &changed));
            steps.push(Command::PutAnnotation(changed));
        }
    }
    Command::Batch(steps)
}

/// The entities and claim group `annotation` refers to that `ours` lacks, from `theirs`.
fn links_of(ours: &Project, theirs: &Project, annotation: &Annotation) -> Vec<Command> {
    let (entities, group) = annotation.tag.references();
    let mut steps = Vec::new();
    for id in entities {
        if !ours.entities.contains_key(id)
            && let Some(entity) = theirs.entities.get(id)
            && !steps.contains(&Command::PutEntity(entity.clone()))
        {
            steps.push(Command::PutEntity(entity.clone()));
        }
    }
    if let Some(id) = group
        && !ours.claim_groups.contains_key(id)
        && let Some(group) = theirs.claim_groups.get(id)
    {
        steps.push(Command::PutClaimGroup(group.clone()));
    }
    steps
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Entity, EntityId, EntityKind, Source, Tag, TagKind};

    const TEXT: &str = "Ada Brink said the port would reopen on Monday, the ministry said.";

    fn project(spans: &[(&str, std::ops::Range<usize>, Tag)]) -> Project {
        let mut p = Project::new("");
        p.sources
            .push(Source::new(SourceId::new("wire").unwrap(), "Wire", TEXT));
        for (id, span, tag) in spans {
            if let Tag::Actor { entity: Some(e) } = tag {
                p.entities.insert(
                    e.clone(),
                    Entity::new(e.clone(), e.as_str(), EntityKind::Person),
                );
            }
            let a = Annotation::new(
                AnnotationId::new(*id).unwrap(),
                &p.sources[0],
                span.clone(),
                tag.clone(),
            );
            p.annotations.insert(a.id.clone(), a);
        }
        p
    }

    fn actor(e: &str) -> Tag {
        Tag::Actor {
            entity: Some(EntityId::new(e).unwrap()),
        }
    }

    fn kinds(c: &SourceCuration) -> Vec<(&'static str, (usize, usize))> {
        c.differences
            .iter()
            .map(|d| {
                let kind = match d {
                    Difference::OnlyOurs(_) => "ours",
                    Difference::OnlyTheirs(_) => "theirs",
                    Difference::Differ { .. } => "differ",
                };
                (kind, d.span())
            })
            .collect()
    }

    #[test]
    fn spans_are_alike_only_ours_only_theirs_or_different() {
        let ours = project(&[
            ("a1", 0..9, actor("ada")),
            ("a2", 48..60, actor("ministry")),
            ("a3", 15..46, TagKind::Claim.empty_tag()),
        ]);
        let theirs = project(&[
            ("b1", 0..9, actor("ada")),
            ("b2", 48..60, actor("transport")),
            ("b3", 40..46, Tag::Date { value: None }),
        ]);
        let curation = curate(&ours, &theirs);
        assert_eq!(curation.len(), 1);
        assert_eq!(curation[0].alike, 1);
        assert_eq!(
            kinds(&curation[0]),
            [
                ("ours", (15, 46)),
                ("theirs", (40, 46)),
                ("differ", (48, 60))
            ]
        );
    }

    #[test]
    fn taking_theirs_adds_removes_or_relinks_and_brings_their_entity() {
        let ours = project(&[
            ("a1", 0..9, actor("ada")),
            ("a2", 48..60, actor("ministry")),
        ]);
        let theirs = project(&[
            ("a2", 15..46, TagKind::Claim.empty_tag()),
            ("b2", 48..60, actor("transport")),
        ]);
        let mut project = ours.clone();
        for difference in &curate(&ours, &theirs)[0].differences {
            let step = take_theirs(&project, &theirs, difference);
            step.apply(&mut project).unwrap();
        }
        // Now the two agree on every span.
        let after = curate(&project, &theirs);
        assert!(
            after[0].differences.is_empty(),
            "{:?}",
            after[0].differences
        );
        assert_eq!(after[0].alike, 2);
        assert!(
            project
                .entities
                .contains_key(&EntityId::new("transport").unwrap())
        );
        // Their claim's id was ours already (our actor's, which stays): it got a new one.
        let a2 = &project.annotations[&AnnotationId::new("a2").unwrap()];
        assert_eq!(a2.tag, actor("transport"));
        assert!(
            project
                .annotations
                .values()
                .any(|a| a.kind() == TagKind::Claim)
        );
        assert!(crate::store::check(&mut project).problems.is_empty());
    }
}
