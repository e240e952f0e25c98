//! Every change to a project is a [`Command`]: applying it returns the command that undoes
//! it. [`History`] keeps both directions, so undo and redo are unlimited and span sources.
//!
//! Commands check what they are asked to do (ids exist, spans fit their text, links point
//! at existing entities and groups) and change nothing when they refuse.

use std::collections::HashMap;

use crate::model::{
    Annotation, AnnotationId, ClaimGroup, ClaimGroupId, Conflict, Entity, EntityId, Project,
    Source, SourceId,
};

/// One change to a project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Sets the project's title.
    SetTitle(String),
    /// Inserts a source at a position in the column order.
    InsertSource {
        index: usize,
        source: Source,
    },
    /// Replaces a source's metadata (the text must stay the same).
    UpdateSource(Source),
    /// Replaces a source with a revised version of its text, together with annotations of
    /// it placed anew in that text (see [`crate::revise`]). Every placed annotation of the
    /// source must fit the new text once these replace theirs.
    ReviseSource {
        source: Source,
        annotations: Vec<Annotation>,
    },
    /// Removes a source; its annotations must be removed first (see [`remove_source`]).
    RemoveSource(SourceId),
    /// Moves a source to another position in the column order.
    MoveSource {
        id: SourceId,
        to: usize,
    },
    /// Adds an annotation, or replaces the one with the same id.
    PutAnnotation(Annotation),
    RemoveAnnotation(AnnotationId),
    /// Adds an entity, or replaces the one with the same id.
    PutEntity(Entity),
    /// Removes an entity; nothing may refer to it (see [`remove_entity`]).
    RemoveEntity(EntityId),
    /// Adds a claim group, or replaces the one with the same id.
    PutClaimGroup(ClaimGroup),
    /// Removes a claim group; no claim may be in it (see [`remove_claim_group`]).
    RemoveClaimGroup(ClaimGroupId),
    /// Records a merge conflict at a position in the project's list of them.
    InsertConflict {
        index: usize,
        conflict: Box<Conflict>,
    },
    /// Removes the merge conflict at a position: it is settled.
    RemoveConflict(usize),
    /// Several changes as one step, applied in order and undone together.
    Batch(Vec<Command>),
}

/// Why a command was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum EditError {
    #[error("there is no source `{0}`")]
    NoSource(SourceId),
    #[error("a source `{0}` exists already")]
    SourceExists(SourceId),
    #[error("the text of source `{0}` cannot change; import a new version instead")]
    TextChanged(SourceId),
    #[error("source `{0}` still has annotations")]
    SourceInUse(SourceId),
    #[error("there is no annotation `{0}`")]
    NoAnnotation(AnnotationId),
    #[error("annotation `{annotation}` is not in source `{revised}`")]
    OtherSource {
        annotation: AnnotationId,
        revised: SourceId,
    },
    #[error("annotation `{id}` does not fit its source: {problem}")]
    BadSpan {
        id: AnnotationId,
        problem: crate::anchor::SpanProblem,
    },
    #[error("annotation `{0}` quotes other words than its span covers")]
    QuoteMismatch(AnnotationId),
    #[error("there is no entity `{0}`")]
    NoEntity(EntityId),
    #[error("entity `{0}` is still linked from annotations")]
    EntityInUse(EntityId),
    #[error("there is no claim group `{0}`")]
    NoClaimGroup(ClaimGroupId),
    #[error("claim group `{0}` still has claims")]
    ClaimGroupInUse(ClaimGroupId),
    #[error("there is no merge conflict number {}", .0 + 1)]
    NoConflict(usize),
}

impl Command {
    /// Applies the command and returns its inverse. On error the project is unchanged.
    pub fn apply(self, project: &mut Project) -> Result<Command, EditError> {
        match self {
            Command::SetTitle(title) => Ok(Command::SetTitle(std::mem::replace(
                &mut project.title,
                title,
            ))),
            Command::InsertSource { index, source } => apply::insert_source(project, index, source),
            Command::UpdateSource(source) => apply::update_source(project, source),
            Command::ReviseSource {
                source,
                annotations,
            } => apply::revise_source(project, source, annotations),
            Command::RemoveSource(id) => apply::remove_source(project, id),
            Command::MoveSource { id, to } => apply::move_source(project, id, to),
            Command::PutAnnotation(annotation) => apply::put_annotation(project, annotation),
            Command::RemoveAnnotation(id) => project
                .annotations
                .remove(&id)
                .map(Command::PutAnnotation)
                .ok_or(EditError::NoAnnotation(id)),
            Command::PutEntity(entity) => Ok(apply::put(
                &mut project.entities,
                entity.id.clone(),
                entity,
                Command::PutEntity,
                Command::RemoveEntity,
            )),
            Command::RemoveEntity(id) => apply::remove_entity(project, id),
            Command::PutClaimGroup(group) => Ok(apply::put(
                &mut project.claim_groups,
                group.id.clone(),
                group,
                Command::PutClaimGroup,
                Command::RemoveClaimGroup,
            )),
            Command::RemoveClaimGroup(id) => apply::remove_claim_group(project, id),
            Command::InsertConflict { index, conflict } => {
                if index > project.conflicts.len() {
                    return Err(EditError::NoConflict(index));
                }
                project.conflicts.insert(index, *conflict);
                Ok(Command::RemoveConflict(index))
            }
            Command::RemoveConflict(index) => {
                if index >= project.conflicts.len() {
                    return Err(EditError::NoConflict(index));
                }
                let conflict = Box::new(project.conflicts.remove(index));
                Ok(Command::InsertConflict { index, conflict })
            }
            Command::Batch(commands) => apply::batch(project, commands),
        }
    }

    /// The annotations this command adds, changes or removes.
    pub fn annotations_touched(&self) -> Vec<AnnotationId> {
        match self {
            Command::PutAnnotation(a) => vec![a.id.clone()],
            Command::ReviseSource { annotations, .. } => {
                annotations.iter().map(|a| a.id.clone()).collect()
            }
            Command::RemoveAnnotation(id) => vec![id.clone()],
            Command::Batch(list) => list.iter().flat_map(Command::annotations_touched).collect(),
            _ => Vec::new(),
        }
    }

    /// Whether the command changes which sources there are or their order.
    pub fn changes_sources(&self) -> bool {
        match self {
            Command::InsertSource { .. }
            | Command::RemoveSource(_)
            | Command::MoveSource { .. } => true,
            Command::Batch(list) => list.iter().any(Command::changes_sources),
            _ => false,
        }
    }

    /// Whether the command changes nothing (an empty batch).
    pub fn is_empty(&self) -> bool {
        matches!(self, Command::Batch(list) if list.iter().all(Command::is_empty))
    }
}

/// What each command does to a project, one function per command that needs more than a
/// line, each returning the inverse, or refusing with the project unchanged.
mod apply {
    use std::collections::BTreeMap;

    use super::{Command, EditError, check_annotation, check_revision};
    use crate::model::{Annotation, ClaimGroupId, EntityId, Project, Source, SourceId};

    pub(super) fn insert_source(
        project: &mut Project,
        index: usize,
        source: Source,
    ) -> Result<Command, EditError> {
        if project.source(&source.id).is_some() {
            return Err(EditError::SourceExists(source.id));
        }
        let id = source.id.clone();
        let index = index.min(project.sources.len());
        project.sources.insert(index, source);
        Ok(Command::RemoveSource(id))
    }

    pub(super) fn update_source(
        project: &mut Project,
        source: Source,
    ) -> Result<Command, EditError> {
        let i = source_index(project, &source.id)?;
        if project.sources[i].text != source.text {
            return Err(EditError::TextChanged(source.id));
        }
        let old = std::mem::replace(&mut project.sources[i], source);
        Ok(Command::UpdateSource(old))
    }

    pub(super) fn revise_source(
        project: &mut Project,
        source: Source,
        annotations: Vec<Annotation>,
    ) -> Result<Command, EditError> {
        let i = source_index(project, &source.id)?;
        check_revision(project, &source, &annotations)?;
        let old = std::mem::replace(&mut project.sources[i], source);
        let olds = annotations
            .into_iter()
            .filter_map(|a| project.annotations.insert(a.id.clone(), a))
            .collect();
        Ok(Command::ReviseSource {
            source: old,
            annotations: olds,
        })
    }

    pub(super) fn remove_source(project: &mut Project, id: SourceId) -> Result<Command, EditError> {
        let i = source_index(project, &id)?;
        if project.annotations.values().any(|a| a.source == id) {
            return Err(EditError::SourceInUse(id));
        }
        let source = project.sources.remove(i);
        Ok(Command::InsertSource { index: i, source })
    }

    pub(super) fn move_source(
        project: &mut Project,
        id: SourceId,
        to: usize,
    ) -> Result<Command, EditError> {
        let from = source_index(project, &id)?;
        let source = project.sources.remove(from);
        let to = to.min(project.sources.len());
        project.sources.insert(to, source);
        Ok(Command::MoveSource { id, to: from })
    }

    fn source_index(project: &Project, id: &SourceId) -> Result<usize, EditError> {
        project
            .source_index(id)
            .ok_or_else(|| EditError::NoSource(id.clone()))
    }

    pub(super) fn put_annotation(
        project: &mut Project,
        annotation: Annotation,
    ) -> Result<Command, EditError> {
        check_annotation(project, &annotation)?;
        let id = annotation.id.clone();
        Ok(put(
            &mut project.annotations,
            id,
            annotation,
            Command::PutAnnotation,
            Command::RemoveAnnotation,
        ))
    }

    /// Puts `item` under `id`; the inverse puts back the item it replaced, or removes it.
    pub(super) fn put<K: Ord + Clone, V>(
        items: &mut BTreeMap<K, V>,
        id: K,
        item: V,
        put_back: fn(V) -> Command,
        remove: fn(K) -> Command,
    ) -> Command {
        match items.insert(id.clone(), item) {
            Some(old) => put_back(old),
            None => remove(id),
        }
    }

    pub(super) fn remove_entity(project: &mut Project, id: EntityId) -> Result<Command, EditError> {
        if project
            .annotations
            .values()
            .any(|a| a.tag.references().0.contains(&&id))
        {
            return Err(EditError::EntityInUse(id));
        }
        project
            .entities
            .remove(&id)
            .map(Command::PutEntity)
            .ok_or(EditError::NoEntity(id))
    }

    pub(super) fn remove_claim_group(
        project: &mut Project,
        id: ClaimGroupId,
    ) -> Result<Command, EditError> {
        if project
            .annotations
            .values()
            .any(|a| a.tag.references().1 == Some(&id))
        {
            return Err(EditError::ClaimGroupInUse(id));
        }
        project
            .claim_groups
            .remove(&id)
            .map(Command::PutClaimGroup)
            .ok_or(EditError::NoClaimGroup(id))
    }

    /// Applies the commands in order; when one is refused, undoes those before it.
    pub(super) fn batch(
        project: &mut Project,
        commands: Vec<Command>,
    ) -> Result<Command, EditError> {
        let mut inverses = Vec::with_capacity(commands.len());
        for command in commands {
            match command.apply(project) {
                Ok(inverse) => inverses.push(inverse),
                Err(err) => {
                    for inverse in inverses.into_iter().rev() {
                        inverse
                            .apply(project)
                            .expect("the inverse of an applied command applies");
                    }
                    return Err(err);
                }
            }
        }
        inverses.reverse();
        Ok(Command::Batch(inverses))
    }
}

fn check_annotation(project: &Project, a: &Annotation) -> Result<(), EditError> {
    let source = project
        .source(&a.source)
        .ok_or_else(|| EditError::NoSource(a.source.clone()))?;
    check_placement(source, a)?;
    check_links(project, a)
}

/// Checks a revision before anything changes: the annotations it replaces exist and are
/// the source's, and every placed annotation of the source fits the revised text.
fn check_revision(
    project: &Project,
    source: &Source,
    annotations: &[Annotation],
) -> Result<(), EditError> {
    let mut revised = HashMap::with_capacity(annotations.len());
    for a in annotations {
        let old = project
            .annotations
            .get(&a.id)
            .ok_or_else(|| EditError::NoAnnotation(a.id.clone()))?;
        if old.source != source.id || a.source != source.id {
            return Err(EditError::OtherSource {
                annotation: a.id.clone(),
                revised: source.id.clone(),
            });
        }
        check_links(project, a)?;
        revised.insert(&a.id, a);
    }
    project
        .annotations
        .values()
        .filter(|a| a.source == source.id)
        .try_for_each(|a| check_placement(source, revised.get(&a.id).copied().unwrap_or(a)))
}

/// Checks that a placed annotation's span fits its source's text and covers its quote.
fn check_placement(source: &Source, a: &Annotation) -> Result<(), EditError> {
    if a.unplaced {
        return Ok(());
    }
    source
        .text
        .check_span(&a.span())
        .map_err(|problem| EditError::BadSpan {
            id: a.id.clone(),
            problem,
        })?;
    if source.text.slice(a.span()) != a.quote.exact {
        return Err(EditError::QuoteMismatch(a.id.clone()));
    }
    Ok(())
}

fn check_links(project: &Project, a: &Annotation) -> Result<(), EditError> {
    let (entities, group) = a.tag.references();
    if let Some(missing) = entities
        .into_iter()
        .find(|e| !project.entities.contains_key(e))
    {
        return Err(EditError::NoEntity(missing.clone()));
    }
    if let Some(group) = group.filter(|g| !project.claim_groups.contains_key(g)) {
        return Err(EditError::NoClaimGroup(group.clone()));
    }
    Ok(())
}

/// Removes a source together with its annotations, as one step.
pub fn remove_source(project: &Project, id: &SourceId) -> Command {
    let mut steps: Vec<Command> = project
        .annotations
        .values()
        .filter(|a| &a.source == id)
        .map(|a| Command::RemoveAnnotation(a.id.clone()))
        .collect();
    steps.push(Command::RemoveSource(id.clone()));
    Command::Batch(steps)
}

/// Removes an entity and every link to it, as one step.
pub fn remove_entity(project: &Project, id: &EntityId) -> Command {
    let mut steps = relink(project, std::slice::from_ref(id), None);
    steps.push(Command::RemoveEntity(id.clone()));
    Command::Batch(steps)
}

/// Merges entities into the one kept, as one step: every actor link, speaker and via of
/// the merged ones moves to it, their names and aliases become its aliases, their memos
/// follow its own, and they are removed.
pub fn merge_entities(
    project: &Project,
    keep: &EntityId,
    merged: &[EntityId],
) -> Result<Command, EditError> {
    let mut kept = project
        .entities
        .get(keep)
        .cloned()
        .ok_or_else(|| EditError::NoEntity(keep.clone()))?;
    let merged: Vec<EntityId> = merged.iter().filter(|m| *m != keep).cloned().collect();
    for id in &merged {
        let entity = project
            .entities
            .get(id)
            .ok_or_else(|| EditError::NoEntity(id.clone()))?;
        for name in std::iter::once(&entity.name).chain(&entity.aliases) {
            if name != &kept.name && !kept.aliases.contains(name) {
                kept.aliases.push(name.clone());
            }
        }
        if !entity.memo.is_empty() {
            if !kept.memo.is_empty() {
                kept.memo.push('\n');
            }
            kept.memo.push_str(&entity.memo);
        }
    }
    let mut steps = vec![Command::PutEntity(kept)];
    steps.extend(relink(project, &merged, Some(keep)));
    steps.extend(merged.into_iter().map(Command::RemoveEntity));
    Ok(Command::Batch(steps))
}

/// The annotations linked to any of the `moved` entities (as actor, speaker or via),
/// linked to `to` instead (or to none).
fn relink(project: &Project, moved: &[EntityId], to: Option<&EntityId>) -> Vec<Command> {
    let relink = |e: &mut Option<EntityId>| {
        if e.as_ref().is_some_and(|e| moved.contains(e)) {
            *e = to.cloned();
        }
    };
    let mut steps = Vec::new();
    for a in project.annotations.values() {
        if !a.tag.references().0.iter().any(|e| moved.contains(e)) {
            continue;
        }
        let mut changed = a.clone();
        match &mut changed.tag {
            crate::model::Tag::Actor { entity } => relink(entity),
            crate::model::Tag::Claim { speaker, via, .. } => {
                relink(speaker);
                relink(via);
            }
            crate::model::Tag::Date { .. } => {}
        }
        changed.modified = crate::model::now();
        steps.push(Command::PutAnnotation(changed));
    }
    steps
}

/// Removes a claim group, leaving its claims ungrouped, as one step.
pub fn remove_claim_group(project: &Project, id: &ClaimGroupId) -> Command {
    let mut steps: Vec<Command> = Vec::new();
    for a in project.annotations.values() {
        if let crate::model::Tag::Claim { group, .. } = &a.tag
            && group.as_ref() == Some(id)
        {
            let mut changed = a.clone();
            if let crate::model::Tag::Claim { group, .. } = &mut changed.tag {
                *group = None;
            }
            changed.modified = crate::model::now();
            steps.push(Command::PutAnnotation(changed));
        }
    }
    steps.push(Command::RemoveClaimGroup(id.clone()));
    Command::Batch(steps)
}

/// Tags, as actors linked to `entity`, every mention of `name` in all sources that is a
/// whole word (or words) and not yet tagged as an actor at exactly that span, as one step.
pub fn tag_every_mention(project: &Project, entity: &EntityId, name: &str) -> Command {
    let mut steps = Vec::new();
    if name.trim().is_empty() {
        return Command::Batch(steps);
    }
    for source in &project.sources {
        let taken: std::collections::HashSet<(usize, usize)> = project
            .annotations
            .values()
            .filter(|a| a.source == source.id && a.kind() == crate::model::TagKind::Actor)
            .map(|a| (a.start, a.end))
            .collect();
        let text = source.text.as_str();
        for (byte, found) in text.match_indices(name) {
            let before = text[..byte].chars().next_back();
            let after = text[byte + found.len()..].chars().next();
            if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric)
            {
                continue;
            }
            let start = source.text.char_of(byte);
            let span = start..start + found.chars().count();
            if taken.contains(&(span.start, span.end)) || source.text.check_span(&span).is_err() {
                continue;
            }
            let tag = crate::model::Tag::Actor {
                entity: Some(entity.clone()),
            };
            steps.push(Command::PutAnnotation(Annotation::new(
                AnnotationId::random(),
                source,
                span,
                tag,
            )));
        }
    }
    Command::Batch(steps)
}

/// One undoable step: the command that reverses it and the state it leads back to.
#[derive(Debug, Clone)]
struct Step {
    command: Command,
    state: u64,
    label: String,
}

/// Undo and redo stacks over a project, and whether it differs from the saved state.
#[derive(Debug, Clone)]
pub struct History {
    undo: Vec<Step>,
    redo: Vec<Step>,
    /// Identifies the project's current state; every new change mints a new one.
    state: u64,
    next_state: u64,
    saved_state: Option<u64>,
}

impl Default for History {
    fn default() -> Self {
        Self {
            undo: Vec::new(),
            redo: Vec::new(),
            state: 0,
            next_state: 1,
            saved_state: Some(0),
        }
    }
}

impl History {
    /// Applies a new change; it can be undone, and it clears what could be redone.
    pub fn apply(
        &mut self,
        project: &mut Project,
        command: Command,
        label: impl Into<String>,
    ) -> Result<(), EditError> {
        if command.is_empty() {
            return Ok(());
        }
        let inverse = command.apply(project)?;
        self.undo.push(Step {
            command: inverse,
            state: self.state,
            label: label.into(),
        });
        self.redo.clear();
        self.state = self.next_state;
        self.next_state += 1;
        Ok(())
    }

    /// Undoes the last change; returns its label, or `None` when there is nothing to undo.
    pub fn undo(&mut self, project: &mut Project) -> Option<String> {
        let step = self.undo.pop()?;
        let redo = step
            .command
            .apply(project)
            .expect("an undo step applies to the state it was recorded in");
        self.redo.push(Step {
            command: redo,
            state: self.state,
            label: step.label.clone(),
        });
        self.state = step.state;
        Some(step.label)
    }

    /// Redoes the last undone change; returns its label.
    pub fn redo(&mut self, project: &mut Project) -> Option<String> {
        let step = self.redo.pop()?;
        let undo = step
            .command
            .apply(project)
            .expect("a redo step applies to the state it was recorded in");
        self.undo.push(Step {
            command: undo,
            state: self.state,
            label: step.label.clone(),
        });
        self.state = step.state;
        Some(step.label)
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    pub fn can_redo(&self) -> bool {
        !self.redo.is_empty()
    }

    /// The command the next undo will apply.
    pub fn next_undo(&self) -> Option<&Command> {
        self.undo.last().map(|s| &s.command)
    }

    /// The command the next redo will apply.
    pub fn next_redo(&self) -> Option<&Command> {
        self.redo.last().map(|s| &s.command)
    }

    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    pub fn redo_label(&self) -> Option<&str> {
        self.redo.last().map(|s| s.label.as_str())
    }

    /// Records that the current state is what the project file holds.
    pub fn mark_saved(&mut self) {
        self.saved_state = Some(self.state);
    }

    /// Records that the project file holds `state` (one this history went through): the
    /// project is unsaved unless it is in that state.
    pub fn mark_saved_as(&mut self, state: u64) {
        self.saved_state = Some(state);
    }

    /// Records that the project file holds none of the states in this history.
    pub fn mark_unsaved(&mut self) {
        self.saved_state = None;
    }

    /// Whether the project differs from its file.
    pub fn is_dirty(&self) -> bool {
        self.saved_state != Some(self.state)
    }

    /// A number that changes whenever the project does (undo and redo included).
    pub fn state(&self) -> u64 {
        self.state
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntityKind, Tag, TagKind};
    use proptest::prelude::*;

    fn sid(s: &str) -> SourceId {
        SourceId::new(s).unwrap()
    }

    fn sample() -> Project {
        let mut p = Project::new("Phone call");
        p.sources.push(Source::new(
            sid("kremlin"),
            "Kremlin",
            "Putin spoke to Leo on Wednesday.",
        ));
        p.sources.push(Source::new(
            sid("vatican"),
            "Vatican",
            "Pope Leo called the Russian president.",
        ));
        p
    }

    fn tag_span(p: &Project, source: &str, span: std::ops::Range<usize>, kind: TagKind) -> Command {
        let s = p.source(&sid(source)).unwrap();
        Command::PutAnnotation(Annotation::new(
            AnnotationId::random(),
            s,
            span,
            kind.empty_tag(),
        ))
    }

    #[test]
    fn merging_entities_moves_every_link_and_name_in_one_undoable_step() {
        let mut p = sample();
        let eid = |s: &str| EntityId::new(s).unwrap();
        let mut putin = Entity::new(eid("putin"), "Putin", EntityKind::Person);
        putin.memo = "Created while tagging the Kremlin readout".into();
        let mut full = Entity::new(eid("vladimir-putin"), "Vladimir Putin", EntityKind::Person);
        full.aliases = vec!["the Russian president".into()];
        full.memo = "President of Russia".into();
        p.entities.insert(putin.id.clone(), putin);
        p.entities.insert(full.id.clone(), full);
        let kremlin = p.source(&sid("kremlin")).unwrap().clone();
        let vatican = p.source(&sid("vatican")).unwrap().clone();
        let actor = Annotation::new(
            AnnotationId::new("a").unwrap(),
            &kremlin,
            0..5,
            Tag::Actor {
                entity: Some(eid("putin")),
            },
        );
        let claim = Annotation::new(
            AnnotationId::new("c").unwrap(),
            &vatican,
            0..8,
            Tag::Claim {
                speaker: Some(eid("putin")),
                via: Some(eid("vladimir-putin")),
                group: None,
                credibility: None,
            },
        );
        p.annotations.insert(actor.id.clone(), actor);
        p.annotations.insert(claim.id.clone(), claim);
        let before = p.clone();
        let mut history = History::default();
        let merge = merge_entities(&p, &eid("vladimir-putin"), &[eid("putin")]).unwrap();
        history.apply(&mut p, merge, "merge").unwrap();
        assert!(!p.entities.contains_key(&eid("putin")));
        let kept = &p.entities[&eid("vladimir-putin")];
        assert_eq!(kept.aliases, ["the Russian president", "Putin"]);
        assert_eq!(
            kept.memo,
            "President of Russia\nCreated while tagging the Kremlin readout"
        );
        let links: Vec<Vec<&EntityId>> = p
            .annotations
            .values()
            .map(|a| a.tag.references().0)
            .collect();
        assert_eq!(
            links,
            [
                vec![&eid("vladimir-putin")],
                vec![&eid("vladimir-putin"), &eid("vladimir-putin")]
            ]
        );
        history.undo(&mut p);
        assert_eq!(p, before);
        assert!(matches!(
            merge_entities(&p, &eid("vladimir-putin"), &[eid("nobody")]),
            Err(EditError::NoEntity(_))
        ));
    }

    #[test]
    fn refused_commands_change_nothing() {
        let mut p = sample();
        let before = p.clone();
        let bad_span = tag_span(&p, "kremlin", 0..5, TagKind::Actor);
        let Command::PutAnnotation(mut a) = bad_span else {
            unreachable!()
        };
        a.end = 500;
        assert!(matches!(
            Command::PutAnnotation(a.clone()).apply(&mut p),
            Err(EditError::BadSpan { .. })
        ));
        a.end = 5;
        a.tag = Tag::Actor {
            entity: Some(EntityId::new("nobody").unwrap()),
        };
        assert_eq!(
            Command::PutAnnotation(a.clone()).apply(&mut p),
            Err(EditError::NoEntity(EntityId::new("nobody").unwrap()))
        );
        // A batch that fails half-way is rolled back.
        let ok = tag_span(&p, "kremlin", 0..5, TagKind::Actor);
        let batch = Command::Batch(vec![ok, Command::PutAnnotation(a)]);
        assert!(batch.apply(&mut p).is_err());
        assert_eq!(p, before);
        assert_eq!(
            Command::RemoveSource(sid("nope")).apply(&mut p),
            Err(EditError::NoSource(sid("nope")))
        );
    }

    #[test]
    fn entities_in_use_are_unlinked_before_removal() {
        let mut p = sample();
        let mut h = History::default();
        let putin = Entity::new(
            EntityId::new("putin").unwrap(),
            "Vladimir Putin",
            EntityKind::Person,
        );
        h.apply(&mut p, Command::PutEntity(putin.clone()), "new entity")
            .unwrap();
        let s = p.source(&sid("kremlin")).unwrap();
        let a = Annotation::new(
            AnnotationId::random(),
            s,
            0..5,
            Tag::Actor {
                entity: Some(putin.id.clone()),
            },
        );
        h.apply(&mut p, Command::PutAnnotation(a.clone()), "tag")
            .unwrap();
        assert_eq!(
            Command::RemoveEntity(putin.id.clone()).apply(&mut p.clone()),
            Err(EditError::EntityInUse(putin.id.clone()))
        );
        let before = p.clone();
        let command = remove_entity(&p, &putin.id);
        h.apply(&mut p, command, "remove entity").unwrap();
        assert!(p.entities.is_empty());
        assert_eq!(p.annotations[&a.id].tag, Tag::Actor { entity: None });
        h.undo(&mut p);
        assert_eq!(p, before);
    }

    #[test]
    fn removing_a_source_takes_its_annotations_and_undo_restores_them() {
        let mut p = sample();
        let mut h = History::default();
        let command = tag_span(&p, "kremlin", 0..5, TagKind::Actor);
        h.apply(&mut p, command, "tag").unwrap();
        let command = tag_span(&p, "vatican", 0..8, TagKind::Actor);
        h.apply(&mut p, command, "tag").unwrap();
        let before = p.clone();
        let command = remove_source(&p, &sid("kremlin"));
        h.apply(&mut p, command, "remove source").unwrap();
        assert_eq!(p.sources.len(), 1);
        assert_eq!(p.annotations.len(), 1);
        assert_eq!(h.undo(&mut p).as_deref(), Some("remove source"));
        assert_eq!(p, before);
    }

    #[test]
    fn every_mention_of_a_name_is_tagged_once_as_one_step() {
        let mut p = sample();
        p.sources.push(Source::new(
            sid("tass"),
            "Tass",
            "Putin said. Putinism is not Putin's. PUTIN",
        ));
        let mut h = History::default();
        let putin = Entity::new(
            EntityId::new("putin").unwrap(),
            "Vladimir Putin",
            EntityKind::Person,
        );
        h.apply(&mut p, Command::PutEntity(putin.clone()), "entity")
            .unwrap();
        let first = Annotation::new(
            AnnotationId::random(),
            p.source(&sid("kremlin")).unwrap(),
            0..5,
            Tag::Actor {
                entity: Some(putin.id.clone()),
            },
        );
        h.apply(&mut p, Command::PutAnnotation(first), "tag")
            .unwrap();
        let before = p.clone();
        let command = tag_every_mention(&p, &putin.id, "Putin");
        h.apply(&mut p, command, "tag every mention").unwrap();
        let tass: Vec<(usize, usize)> = p
            .annotations_in(&sid("tass"))
            .iter()
            .map(|a| (a.start, a.end))
            .collect();
        // "Putinism" and "PUTIN" are not mentions of "Putin"; "Putin's" is.
        assert_eq!(tass, [(0, 5), (28, 33)]);
        assert_eq!(
            p.annotations_in(&sid("kremlin")).len(),
            1,
            "the tagged mention is not tagged twice"
        );
        assert!(p.annotations.values().all(|a| a.tag
            == Tag::Actor {
                entity: Some(putin.id.clone())
            }));
        h.undo(&mut p);
        assert_eq!(p, before);
    }

    #[test]
    fn dirty_follows_the_saved_state_through_undo_and_redo() {
        let mut p = sample();
        let mut h = History::default();
        assert!(!h.is_dirty());
        let command = tag_span(&p, "kremlin", 0..5, TagKind::Actor);
        h.apply(&mut p, command, "tag").unwrap();
        assert!(h.is_dirty());
        h.mark_saved();
        assert!(!h.is_dirty());
        h.undo(&mut p);
        assert!(h.is_dirty());
        h.redo(&mut p);
        assert!(!h.is_dirty());
        h.undo(&mut p);
        let command = tag_span(&p, "kremlin", 6..10, TagKind::Claim);
        h.apply(&mut p, command, "tag").unwrap();
        assert!(h.is_dirty());
        assert!(!h.can_redo());
        h.mark_unsaved();
        h.undo(&mut p);
        assert!(h.is_dirty());
    }

    /// A random edit, built against the project as it stands.
    fn random_command(p: &Project, pick: (u8, usize, usize, usize)) -> Command {
        let (what, a, b, c) = pick;
        let source = &p.sources[a % p.sources.len()];
        let len = source.text.char_len();
        let start = b % len;
        let end = start + 1 + c % (len - start);
        let entity_ids: Vec<&EntityId> = p.entities.keys().collect();
        let group_ids: Vec<&ClaimGroupId> = p.claim_groups.keys().collect();
        let annotation_ids: Vec<&AnnotationId> = p.annotations.keys().collect();
        match what % 13 {
            0 | 1 => {
                let tag = match c % 3 {
                    0 => Tag::Actor {
                        entity: entity_ids
                            .get(b % entity_ids.len().max(1))
                            .map(|e| (*e).clone()),
                    },
                    1 => Tag::Claim {
                        speaker: entity_ids
                            .get(a % entity_ids.len().max(1))
                            .map(|e| (*e).clone()),
                        via: None,
                        group: group_ids
                            .get(b % group_ids.len().max(1))
                            .map(|g| (*g).clone()),
                        credibility: crate::model::Credibility::try_from((a % 7) as u8).ok(),
                    },
                    _ => Tag::Date {
                        value: Some("2025-06".parse().unwrap()),
                    },
                };
                Command::PutAnnotation(Annotation::new(
                    AnnotationId::random(),
                    source,
                    start..end,
                    tag,
                ))
            }
            2 => match annotation_ids.get(a % annotation_ids.len().max(1)) {
                Some(id) => Command::RemoveAnnotation((*id).clone()),
                None => Command::SetTitle(format!("title {a}")),
            },
            3 => Command::PutEntity(Entity::new(
                EntityId::random(),
                format!("E{a}"),
                EntityKind::Person,
            )),
            4 => match entity_ids.get(a % entity_ids.len().max(1)) {
                Some(id) => remove_entity(p, id),
                None => Command::SetTitle("no entity".into()),
            },
            5 => Command::PutClaimGroup(ClaimGroup {
                id: ClaimGroupId::random(),
                label: format!("G{b}"),
                memo: String::new(),
            }),
            6 => match group_ids.get(a % group_ids.len().max(1)) {
                Some(id) => remove_claim_group(p, id),
                None => Command::SetTitle("no group".into()),
            },
            7 => Command::MoveSource {
                id: source.id.clone(),
                to: b % 3,
            },
            8 => {
                let mut changed = source.clone();
                changed.outlet = format!("Outlet {c}");
                changed.reliability = crate::model::Reliability::ALL.get(c % 7).copied();
                changed.memo = format!("Memo {a}");
                Command::UpdateSource(changed)
            }
            9 if entity_ids.len() >= 2 => {
                let keep = entity_ids[a % entity_ids.len()];
                let merged = entity_ids[b % entity_ids.len()];
                merge_entities(p, keep, std::slice::from_ref(merged))
                    .unwrap_or_else(|_| Command::SetTitle("no merge".into()))
            }
            10 if p.sources.len() >= 2 => remove_source(p, &source.id),
            11 => Command::InsertConflict {
                index: a % (p.conflicts.len() + 1),
                conflict: Box::new(crate::model::Conflict {
                    why: crate::model::Why::ChangedOnBoth,
                    ours: Some(crate::model::Item::Title(p.title.clone())),
                    theirs: Some(crate::model::Item::Title(format!("theirs {b}"))),
                }),
            },
            12 if !p.conflicts.is_empty() => {
                let side = [
                    crate::merge::Side::Ours,
                    crate::merge::Side::Theirs,
                    crate::merge::Side::AsItIs,
                ][b % 3];
                crate::merge::settle(p, a % p.conflicts.len(), side)
                    .unwrap_or_else(|_| Command::SetTitle("no conflict".into()))
            }
            _ => Command::SetTitle(format!("title {c}")),
        }
    }

    proptest! {
        #[test]
        fn undoing_any_sequence_restores_the_project_exactly(
            picks in proptest::collection::vec((any::<u8>(), any::<usize>(), any::<usize>(), any::<usize>()), 1..40)
        ) {
            let mut p = sample();
            let original = p.clone();
            let mut h = History::default();
            let mut states = vec![p.clone()];
            for pick in picks {
                let command = random_command(&p, pick);
                if h.apply(&mut p, command, "step").is_ok() {
                    states.push(p.clone());
                }
            }
            let last = p.clone();
            // Undo walks back through every state in turn.
            for expected in states.iter().rev().skip(1) {
                prop_assert!(h.undo(&mut p).is_some());
                prop_assert_eq!(&p, expected);
            }
            prop_assert!(h.undo(&mut p).is_none());
            prop_assert_eq!(&p, &original);
            // And redo walks forward again.
            while h.redo(&mut p).is_some() {}
            prop_assert_eq!(&p, &last);
        }
    }
}
