//! The comparison of a project's sources: who each source names and how, which claims
//! each carries in what words and on whose authority, which dates each gives, where the
//! sources disagree, and what each carries that the others do not.
//!
//! [`Comparison::build`] turns a [`Project`] into plain data that the window and the
//! command line both render. Every per-source cell is a list indexed by column, the
//! position of the source in [`Comparison::sources`] (the project's order), and keeps the
//! ids of the annotations it came from, so a view can scroll the source to the span.
//!
//! The build reads each annotation once, in the order the project stores them
//! (`index.rs`, in two halves on two threads for a large project), and puts each cell in
//! text order on its own; actors and dates are built on a second thread while claims and
//! their conflicts are built on the caller's, so a project of 100,000 annotations
//! compares in tens of milliseconds. Two things are made only when asked for, because a
//! view shows few of them at a time: word diffs ([`ClaimRow::diff`]) and the forms an
//! actor is named by ([`ActorCell::forms`]).

mod actors;
mod claims;
mod conflicts;
mod coverage;
mod dates;
mod diff;
mod index;
pub mod json;
pub mod text;

use chrono::NaiveDate;

use crate::model::{AnnotationId, EntityId, Project, Reliability, SourceId};

use crate::threads::both;
use index::Index;

pub use actors::{ActorCell, ActorRow, Form};
pub use claims::{ClaimDate, ClaimRow, Wording};
pub use conflicts::{Conflict, ConflictKind};
pub use coverage::{Carried, Coverage};
pub use dates::DateRow;
pub use diff::{Change, Segment};

/// The comparison of a project's sources, ready to render.
#[derive(Debug, Clone, PartialEq)]
pub struct Comparison {
    /// The project's title.
    pub title: String,
    /// The columns: the project's sources in the analyst's order.
    pub sources: Vec<SourceColumn>,
    /// One row per entity that at least one source mentions, in id order.
    pub actors: Vec<ActorRow>,
    /// Per column, the actor mentions linked to no entity, in text order.
    pub unlinked_actors: Vec<Vec<Mention>>,
    /// One row per claim group that at least one source carries, in id order.
    pub claims: Vec<ClaimRow>,
    /// Per column, the claims in no claim group, in text order.
    pub unmatched_claims: Vec<Vec<Wording>>,
    /// One row per distinct date value, by first day, then last day.
    pub dates: Vec<DateRow>,
    /// Per column, the dates with no value, in text order.
    pub undated: Vec<Vec<Mention>>,
    /// Where sources disagree about a claim, in the order of [`Comparison::claims`].
    pub conflicts: Vec<Conflict>,
    /// Per column, what the source carries alone and what it lacks.
    pub coverage: Vec<Coverage>,
}

/// A column of the comparison: one source.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceColumn {
    pub id: SourceId,
    /// The name the source goes by in the comparison ([`Project::source_names`]).
    pub name: String,
    pub title: String,
    pub outlet: String,
    pub published: Option<NaiveDate>,
    /// How far the analyst relies on the source.
    pub reliability: Option<Reliability>,
}

/// Annotated words of a source: an actor mention, a date's wording.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub annotation: AnnotationId,
    /// The annotated words as they stand in the source.
    pub text: String,
}

/// An entity a claim names as its speaker or its via, with the entity's name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EntityRef {
    pub entity: EntityId,
    pub name: String,
}

/// Choices that change a comparison.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The source whose wording every other wording of a claim is diffed against; for a
    /// claim it does not carry (or when unset), the first source in order that carries it.
    pub reference: Option<SourceId>,
}

impl Comparison {
    /// Compares the sources of `project`, diffing wordings against the first source that
    /// carries each claim.
    pub fn build(project: &Project) -> Self {
        Self::build_with(project, &Options::default())
    }

    /// Compares the sources of `project` with the given options.
    pub fn build_with(project: &Project, options: &Options) -> Self {
        let sources: Vec<SourceColumn> = project
            .sources
            .iter()
            .zip(project.source_names())
            .map(|(s, name)| SourceColumn {
                id: s.id.clone(),
                name,
                title: s.title.clone(),
                outlet: s.outlet.clone(),
                published: s.published,
                reliability: s.reliability,
            })
            .collect();
        let index = Index::new(project);
        let reference = options
            .reference
            .as_ref()
            .and_then(|id| project.source_index(id));
        let actors_and_dates = || (actors::build(project, &index), dates::build(&index));
        let claims_and_conflicts = || {
            let claims = claims::build(project, &index, reference);
            let conflicts = conflicts::find(&sources, &claims.0);
            (claims, conflicts)
        };
        let (
            ((actors, unlinked_actors), (dates, undated)),
            ((claims, unmatched_claims), conflicts),
        ) = both(actors_and_dates, claims_and_conflicts);
        let coverage = coverage::build(sources.len(), &actors, &claims, &dates);
        Self {
            title: project.title.clone(),
            sources,
            actors,
            unlinked_actors,
            claims,
            unmatched_claims,
            dates,
            undated,
            conflicts,
            coverage,
        }
    }

    /// The column of a source.
    pub fn column(&self, source: &SourceId) -> Option<usize> {
        self.sources.iter().position(|s| &s.id == source)
    }
}

/// The columns missing from a row: those whose cell is empty.
fn missing<T>(cells: &[Vec<T>]) -> Vec<usize> {
    cells
        .iter()
        .enumerate()
        .filter(|(_, cell)| cell.is_empty())
        .map(|(i, _)| i)
        .collect()
}

#[cfg(test)]
pub(crate) mod fixture;

#[cfg(test)]
mod tests {
    use super::fixture::Fixture;
    use super::*;

    #[test]
    fn columns_follow_the_projects_order_and_text_order() {
        let mut f = Fixture::new(&["b", "a"]);
        f.date("a", "on Friday", None);
        f.date("a", "Monday", None);
        let c = Comparison::build(&f.project());
        let ids: Vec<&str> = c.sources.iter().map(|s| s.id.as_str()).collect();
        assert_eq!(ids, ["b", "a"]);
        assert_eq!(c.column(&SourceId::new("a").unwrap()), Some(1));
        let words: Vec<&str> = c.undated[1].iter().map(|m| m.text.as_str()).collect();
        assert_eq!(words, ["on Friday", "Monday"]);
        assert!(c.undated[0].is_empty());
    }

    #[test]
    fn an_empty_project_compares_to_nothing() {
        let c = Comparison::build(&Project::new("empty"));
        assert!(c.sources.is_empty() && c.actors.is_empty() && c.claims.is_empty());
        assert!(c.dates.is_empty() && c.conflicts.is_empty() && c.coverage.is_empty());
    }

    #[test]
    fn annotations_of_unknown_sources_are_left_out() {
        let mut f = Fixture::new(&["a"]);
        f.actor("a", "Leo", Some("leo"));
        let mut p = f.project();
        let mut stray = p.annotations.values().next().unwrap().clone();
        stray.id = AnnotationId::new("stray").unwrap();
        stray.source = SourceId::new("gone").unwrap();
        p.annotations.insert(stray.id.clone(), stray);
        let c = Comparison::build(&p);
        assert_eq!(c.actors.len(), 1);
        assert_eq!(c.actors[0].cells[0].mentions.len(), 1);
    }
}
