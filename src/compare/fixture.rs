//! Small hand-made projects for the comparison's unit tests: text is written source by
//! source, and the words just written can be tagged. Annotation ids are `a1`, `a2`, ...
//! in the order the tags were made; entities and claim groups are created on first use,
//! named after their ids unless named first.

use std::collections::BTreeMap;
use std::ops::Range;

use crate::model::{
    Annotation, AnnotationId, ClaimGroup, ClaimGroupId, Entity, EntityId, EntityKind, Project,
    Source, SourceId, Tag,
};

pub struct Fixture {
    texts: Vec<(String, String)>,
    tags: Vec<(usize, Range<usize>, Tag)>,
    names: BTreeMap<String, String>,
    labels: BTreeMap<String, String>,
}

fn entity(id: Option<&str>) -> Option<EntityId> {
    id.map(|id| EntityId::new(id).unwrap())
}

impl Fixture {
    /// A project with these sources, in this order, all empty.
    pub fn new(sources: &[&str]) -> Self {
        Self {
            texts: sources
                .iter()
                .map(|s| (s.to_string(), String::new()))
                .collect(),
            tags: Vec::new(),
            names: BTreeMap::new(),
            labels: BTreeMap::new(),
        }
    }

    pub fn name(&mut self, entity: &str, name: &str) {
        self.names.insert(entity.into(), name.into());
    }

    pub fn label(&mut self, group: &str, label: &str) {
        self.labels.insert(group.into(), label.into());
    }

    /// Appends `words` and a space to a source; returns the span of the words.
    pub fn write(&mut self, source: &str, words: &str) -> Range<usize> {
        let text = &mut self
            .texts
            .iter_mut()
            .find(|(id, _)| id == source)
            .expect("a source of the fixture")
            .1;
        let start = text.chars().count();
        text.push_str(words);
        text.push(' ');
        start..start + words.chars().count()
    }

    /// Tags a span; returns the annotation's id.
    pub fn tag(&mut self, source: &str, span: Range<usize>, tag: Tag) -> String {
        let column = self.texts.iter().position(|(id, _)| id == source).unwrap();
        self.tags.push((column, span, tag));
        format!("a{}", self.tags.len())
    }

    pub fn actor(&mut self, source: &str, words: &str, entity_id: Option<&str>) -> String {
        let span = self.write(source, words);
        self.tag(
            source,
            span,
            Tag::Actor {
                entity: entity(entity_id),
            },
        )
    }

    pub fn claim(
        &mut self,
        source: &str,
        words: &str,
        group: Option<&str>,
        speaker: Option<&str>,
        via: Option<&str>,
    ) -> String {
        let span = self.write(source, words);
        self.tag(source, span, claim(group, speaker, via))
    }

    pub fn date(&mut self, source: &str, words: &str, value: Option<&str>) -> String {
        let span = self.write(source, words);
        self.tag(source, span, date(value))
    }

    /// The project as written so far.
    pub fn project(&self) -> Project {
        let mut p = Project::new("Fixture");
        for (id, text) in &self.texts {
            p.sources.push(Source::new(
                SourceId::new(id.as_str()).unwrap(),
                id.to_uppercase(),
                text.clone(),
            ));
        }
        for (n, (column, span, tag)) in self.tags.iter().enumerate() {
            let (entities, group) = tag.references();
            for e in entities {
                let name = self.names.get(e.as_str()).map_or(e.as_str(), |n| n);
                p.entities
                    .entry(e.clone())
                    .or_insert_with(|| Entity::new(e.clone(), name, EntityKind::Person));
            }
            if let Some(g) = group {
                let label = self.labels.get(g.as_str()).map_or(g.as_str(), |l| l);
                p.claim_groups
                    .entry(g.clone())
                    .or_insert_with(|| ClaimGroup {
                        id: g.clone(),
                        label: label.into(),
                        memo: String::new(),
                    });
            }
            let id = AnnotationId::new(format!("a{}", n + 1)).unwrap();
            let a = Annotation::new(id, &p.sources[*column], span.clone(), tag.clone());
            p.annotations.insert(a.id.clone(), a);
        }
        p
    }
}

pub fn claim(group: Option<&str>, speaker: Option<&str>, via: Option<&str>) -> Tag {
    Tag::Claim {
        speaker: entity(speaker),
        via: entity(via),
        group: group.map(|g| ClaimGroupId::new(g).unwrap()),
        credibility: None,
    }
}

pub fn date(value: Option<&str>) -> Tag {
    Tag::Date {
        value: value.map(|v| v.parse().unwrap()),
    }
}
