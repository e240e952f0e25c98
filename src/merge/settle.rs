//! Settling a merge conflict: the project takes one side's version of the item (or keeps
//! it as the analyst edited it) and the conflict is removed, as one undoable step.

use crate::edit::{self, Command, EditError};
use crate::model::{Item, Project};
use crate::revise;

/// Which version of a conflicting item the project keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    Ours,
    Theirs,
    /// The item as it is now in the project, after the analyst edited it.
    AsItIs,
}

/// The step that settles conflict `index` of `project` on `side`.
pub fn settle(project: &Project, index: usize, side: Side) -> Result<Command, EditError> {
    let conflict = project
        .conflicts
        .get(index)
        .ok_or(EditError::NoConflict(index))?;
    let item = conflict.item().ok_or(EditError::NoConflict(index))?;
    let chosen = match side {
        Side::Ours => Some(&conflict.ours),
        Side::Theirs => Some(&conflict.theirs),
        Side::AsItIs => None,
    };
    let mut steps = match chosen {
        None => Vec::new(),
        Some(Some(version)) => vec![put(project, version)?],
        Some(None) => vec![remove(project, item)],
    };
    steps.push(Command::RemoveConflict(index));
    Ok(Command::Batch(steps))
}

/// The step that makes the project's item this version.
fn put(project: &Project, version: &Item) -> Result<Command, EditError> {
    Ok(match version {
        Item::Title(title) => Command::SetTitle(title.clone()),
        Item::Entity(e) => Command::PutEntity(e.clone()),
        Item::ClaimGroup(g) => Command::PutClaimGroup(g.clone()),
        Item::Annotation(a) => Command::PutAnnotation(a.clone()),
        Item::Source(s) => match project.source(&s.id) {
            None => Command::InsertSource {
                index: project.sources.len(),
                source: s.clone(),
            },
            Some(now) if now.text == s.text => Command::UpdateSource(s.clone()),
            Some(_) => {
                // Another text: the source's annotations follow their words into it.
                let revision = revise::revise(project, &s.id, s.text.as_str().to_owned(), None)
                    .map_err(|_| EditError::NoSource(s.id.clone()))?;
                match revision.command {
                    Command::ReviseSource { annotations, .. } => Command::ReviseSource {
                        source: s.clone(),
                        annotations,
                    },
                    other => other,
                }
            }
        },
    })
}

/// The step that removes the project's item, with what depends on it: a source's
/// annotations, the links to an entity, the grouping of a claim group's claims.
fn remove(project: &Project, item: &Item) -> Command {
    match item {
        Item::Title(_) => Command::Batch(Vec::new()),
        Item::Source(s) if project.source(&s.id).is_some() => edit::remove_source(project, &s.id),
        Item::Entity(e) if project.entities.contains_key(&e.id) => {
            edit::remove_entity(project, &e.id)
        }
        Item::ClaimGroup(g) if project.claim_groups.contains_key(&g.id) => {
            edit::remove_claim_group(project, &g.id)
        }
        Item::Annotation(a) if project.annotations.contains_key(&a.id) => {
            Command::RemoveAnnotation(a.id.clone())
        }
        _ => Command::Batch(Vec::new()),
    }
}
