//! Accepting suggestions: the annotations they propose, and the entities they name that
//! the project does not have yet, as one undoable command.

use std::collections::{BTreeSet, HashMap};

use super::{EntityChoice, Proposal, Suggestion};
use crate::edit::Command;
use crate::model::{Annotation, AnnotationId, Entity, EntityId, Project, Tag, slug};

/// One step that annotates every chosen suggestion. A new entity is created once per
/// distinct name (and reused across the step); a new name equal to an entity the project
/// already has links to that entity instead. Suggestions whose source is gone or whose
/// span no longer fits its text are left out.
pub fn accept(project: &Project, chosen: &[Suggestion]) -> Command {
    let mut new = NewEntities::new(project);
    let mut steps = Vec::new();
    for s in chosen {
        let Some(source) = project.source(&s.source) else {
            continue;
        };
        if source.text.check_span(&s.span()).is_err() {
            continue;
        }
        let tag = match &s.proposal {
            Proposal::Date { value, .. } => Tag::Date { value: *value },
            Proposal::Actor { entity } => Tag::Actor {
                entity: Some(new.link(entity, &mut steps)),
            },
            Proposal::Claim {
                speaker,
                via,
                group,
            } => Tag::Claim {
                speaker: speaker.as_ref().map(|c| new.link(c, &mut steps)),
                via: via.as_ref().map(|c| new.link(c, &mut steps)),
                group: group.clone(),
                credibility: None,
            },
        };
        steps.push(Command::PutAnnotation(Annotation::new(
            AnnotationId::random(),
            source,
            s.span(),
            tag,
        )));
    }
    Command::Batch(steps)
}

/// The entities an accepting step creates, by name.
struct NewEntities<'p> {
    project: &'p Project,
    /// The project's entities by name.
    existing: HashMap<&'p str, &'p EntityId>,
    created: HashMap<String, EntityId>,
    ids: BTreeSet<String>,
}

impl<'p> NewEntities<'p> {
    fn new(project: &'p Project) -> Self {
        let mut existing = HashMap::new();
        for e in project.entities.values() {
            existing.entry(e.name.trim()).or_insert(&e.id);
        }
        Self {
            project,
            existing,
            created: HashMap::new(),
            ids: BTreeSet::new(),
        }
    }

    /// The id to link to; creating the entity (a step before the annotation) if needed.
    fn link(&mut self, choice: &EntityChoice, steps: &mut Vec<Command>) -> EntityId {
        let (name, kind) = match choice {
            EntityChoice::Existing(id) => return id.clone(),
            EntityChoice::New { name, kind } => (name.trim(), *kind),
        };
        if let Some(id) = self.existing.get(name) {
            return (*id).clone();
        }
        if let Some(id) = self.created.get(name) {
            return id.clone();
        }
        let id = self.fresh_id(name);
        steps.push(Command::PutEntity(Entity::new(id.clone(), name, kind)));
        self.created.insert(name.to_string(), id.clone());
        id
    }

    /// A readable id from the name that neither the project nor this step uses yet.
    fn fresh_id(&mut self, name: &str) -> EntityId {
        let free = |id: &str, ids: &BTreeSet<String>| {
            !ids.contains(id)
                && EntityId::new(id).is_ok_and(|e| !self.project.entities.contains_key(&e))
        };
        let id = match slug(name) {
            Some(base) => (1..)
                .map(|n| {
                    if n == 1 {
                        base.clone()
                    } else {
                        format!("{base}-{n}")
                    }
                })
                .find(|id| free(id, &self.ids))
                .and_then(|id| EntityId::new(id).ok()),
            None => None,
        }
        .unwrap_or_else(EntityId::random);
        self.ids.insert(id.to_string());
        id
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::History;
    use crate::model::{EntityKind, Source, SourceId, TagKind};
    use crate::suggest::suggest;

    fn sid(s: &str) -> SourceId {
        SourceId::new(s).unwrap()
    }

    fn project() -> Project {
        let mut p = Project::new("call");
        let mut wire = Source::new(
            sid("wire"),
            "Wire",
            "Tass reported, citing Kremlin spokesman Dmitry Peskov, that the talks were \
             frank. Peskov said on Sunday that Vladimir Putin would call again.",
        );
        wire.published = "2025-06-05".parse().ok();
        let other = Source::new(sid("other"), "Other", "Dmitry Peskov and Putin spoke.");
        p.sources.push(wire);
        p.sources.push(other);
        let putin = Entity::new(
            EntityId::new("vladimir-putin").unwrap(),
            "Vladimir Putin",
            EntityKind::Person,
        );
        p.entities.insert(putin.id.clone(), putin);
        p
    }

    #[test]
    fn accepting_is_one_step_that_undo_reverses_exactly() {
        let mut p = project();
        let before = p.clone();
        let chosen = suggest(&p);
        let kinds: BTreeSet<TagKind> = chosen.iter().map(|s| s.kind()).collect();
        assert_eq!(kinds.len(), 3, "{chosen:#?}");
        let command = accept(&p, &chosen);
        let mut history = History::default();
        history
            .apply(&mut p, command, "accept suggestions")
            .unwrap();
        assert_eq!(p.annotations.len(), chosen.len());
        // One entity per distinct new name, reused by every mention, speaker and via;
        // "Vladimir Putin" was already there.
        let names: Vec<&str> = p.entities.values().map(|e| e.name.as_str()).collect();
        assert_eq!(
            names,
            ["Dmitry Peskov", "Kremlin", "Tass", "Vladimir Putin"]
        );
        let peskov = EntityId::new("dmitry-peskov").unwrap();
        let links = p
            .annotations
            .values()
            .filter(|a| a.tag.references().0.contains(&&peskov))
            .count();
        assert_eq!(links, 5, "three mentions and two claims");
        assert!(p.annotations.values().any(|a| a.tag
            == Tag::Claim {
                speaker: Some(peskov.clone()),
                via: Some(EntityId::new("tass").unwrap()),
                group: None,
                credibility: None,
            }));
        assert_eq!(history.undo(&mut p).as_deref(), Some("accept suggestions"));
        assert_eq!(p, before);
        history.redo(&mut p);
        assert_eq!(p.annotations.len(), chosen.len());
    }

    #[test]
    fn new_ids_do_not_clash_and_gone_sources_are_left_out() {
        let mut p = project();
        let taken = Entity::new(
            EntityId::new("dmitry-peskov").unwrap(),
            "Someone else",
            EntityKind::Other,
        );
        p.entities.insert(taken.id.clone(), taken);
        let mut chosen = suggest(&p);
        let mut gone = chosen[0].clone();
        gone.source = sid("gone");
        chosen.push(gone);
        let Command::Batch(steps) = accept(&p, &chosen) else {
            unreachable!()
        };
        let created: Vec<String> = steps
            .iter()
            .filter_map(|s| match s {
                Command::PutEntity(e) => Some(format!("{} {}", e.id, e.name)),
                _ => None,
            })
            .collect();
        assert!(
            created.contains(&"dmitry-peskov-2 Dmitry Peskov".to_string()),
            "{created:?}"
        );
        let annotations = steps
            .iter()
            .filter(|s| matches!(s, Command::PutAnnotation(_)))
            .count();
        assert_eq!(annotations, chosen.len() - 1);
        assert!(Command::Batch(steps).apply(&mut p).is_ok());
    }
}
