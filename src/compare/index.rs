//! The one pass over a project's annotations that every part of the comparison reads:
//! each annotation's column, place, id, words and links (entities and claim groups turned
//! into small numbers), per tag.
//!
//! The pass walks the annotations in id order, the order they are stored and loaded in, so
//! it reads memory front to back, and the parts of the comparison consume its items in
//! that order too. Each cell of the comparison collects its items with their place
//! ([`TextOrder`]) and is put in text order on its own: many small sorts of data at hand
//! instead of one large sort and a gather across memory. Annotations of sources the
//! project does not have are left out. A large project is read in two halves on two
//! threads, and the halves joined as one pass would have numbered them.

use rustc_hash::FxHashMap;

use crate::model::{Annotation, ClaimGroupId, DateValue, EntityId, Project, SourceId, Tag};
use crate::threads::both;

use super::Mention;

/// The annotations of a project, ready to compare.
pub(super) struct Index<'p> {
    /// How many columns (sources) there are.
    pub columns: usize,
    /// Every entity an annotation links to, numbered in order of first link.
    pub entities: Vec<&'p EntityId>,
    /// Every claim group a claim belongs to, numbered in order of first use.
    pub groups: Vec<&'p ClaimGroupId>,
    /// The actor mentions, in id order, with the number of their entity.
    pub actors: Vec<Item<'p, Option<usize>>>,
    /// The claims, in id order, with their links.
    pub claims: Vec<Item<'p, ClaimLinks>>,
    /// The dates, in id order, with their values.
    pub dates: Vec<Item<'p, Option<DateValue>>>,
}

/// One annotation: where it is, the annotation itself, and what it links to.
pub(super) struct Item<'p, L> {
    pub column: usize,
    pub place: Place,
    pub annotation: &'p Annotation,
    pub link: L,
}

/// Where an annotation stands in its source: start, end, then its rank in id order, so
/// that places sort in text order and no two are equal.
pub(super) type Place = (usize, usize, usize);

/// A claim's links, as numbers into [`Index::groups`] and [`Index::entities`].
pub(super) struct ClaimLinks {
    pub group: Option<usize>,
    pub speaker: Option<usize>,
    pub via: Option<usize>,
}

impl<'p, L> Item<'p, L> {
    fn of(a: &'p Annotation, column: usize, rank: usize, link: L) -> Self {
        Self {
            column,
            place: (a.start, a.end, rank),
            annotation: a,
            link,
        }
    }

    /// The annotation's id and words, for a cell of the comparison.
    pub fn mention(&self) -> Mention {
        Mention {
            annotation: self.annotation.id.clone(),
            text: self.annotation.quote.exact.clone(),
        }
    }

    pub fn unplaced(&self) -> bool {
        self.annotation.unplaced
    }

    pub fn start(&self) -> usize {
        self.place.0
    }

    pub fn end(&self) -> usize {
        self.place.1
    }
}

/// Gives each distinct id a number, in order of first use.
struct Numbering<'p, T> {
    numbers: FxHashMap<&'p T, usize>,
    ids: Vec<&'p T>,
}

impl<'p, T: Eq + std::hash::Hash> Numbering<'p, T> {
    fn new() -> Self {
        Self {
            numbers: FxHashMap::default(),
            ids: Vec::new(),
        }
    }

    fn number(&mut self, id: &'p T) -> usize {
        *self.numbers.entry(id).or_insert_with(|| {
            self.ids.push(id);
            self.ids.len() - 1
        })
    }
}

/// Projects with fewer annotations are read in one pass: a second thread would cost more
/// than it saves.
const HALVES_FROM: usize = 20_000;

impl<'p> Index<'p> {
    pub fn new(project: &'p Project) -> Self {
        Self::read(project, HALVES_FROM)
    }

    /// Reads the annotations in one pass, or from `halves_from` annotations on, in two
    /// halves on two threads, joined as one pass would have numbered them.
    fn read(project: &'p Project, halves_from: usize) -> Self {
        let column_of: FxHashMap<&SourceId, usize> = project
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| (&s.id, i))
            .collect();
        let all = &project.annotations;
        let half = all.len() / 2;
        let middle = (all.len() >= halves_from.max(2))
            .then(|| all.keys().nth(half))
            .flatten();
        let mut index = match middle {
            None => Self::run(all.values(), 0, &column_of),
            Some(middle) => {
                let (first, second) = both(
                    || Self::run(all.range(..middle).map(|(_, a)| a), 0, &column_of),
                    || Self::run(all.range(middle..).map(|(_, a)| a), half, &column_of),
                );
                first.join(second)
            }
        };
        index.columns = project.sources.len();
        index
    }

    /// The index of a run of annotations, the first of which has the rank `first_rank` in
    /// id order, its entities and groups numbered on their own.
    fn run(
        annotations: impl Iterator<Item = &'p Annotation>,
        first_rank: usize,
        column_of: &FxHashMap<&SourceId, usize>,
    ) -> Self {
        let mut entities = Numbering::new();
        let mut groups = Numbering::new();
        let mut actors = Vec::new();
        let mut claims = Vec::new();
        let mut dates = Vec::new();
        for (rank, a) in (first_rank..).zip(annotations) {
            let Some(&column) = column_of.get(&a.source) else {
                continue;
            };
            match &a.tag {
                Tag::Actor { entity } => {
                    let entity = entity.as_ref().map(|e| entities.number(e));
                    actors.push(Item::of(a, column, rank, entity));
                }
                Tag::Claim {
                    speaker,
                    via,
                    group,
                    ..
                } => {
                    let links = ClaimLinks {
                        group: group.as_ref().map(|g| groups.number(g)),
                        speaker: speaker.as_ref().map(|e| entities.number(e)),
                        via: via.as_ref().map(|e| entities.number(e)),
                    };
                    claims.push(Item::of(a, column, rank, links));
                }
                Tag::Date { value } => dates.push(Item::of(a, column, rank, *value)),
            }
        }
        Self {
            columns: 0,
            entities: entities.ids,
            groups: groups.ids,
            actors,
            claims,
            dates,
        }
    }

    /// This run's index followed by the next run's: the next run's entities and groups
    /// take the numbers this one gave them, and those new to it the following numbers.
    fn join(mut self, next: Self) -> Self {
        let entity = renumber(&mut self.entities, &next.entities);
        let group = renumber(&mut self.groups, &next.groups);
        let entity_of = |n: Option<usize>| n.map(|n| entity[n]);
        self.actors.extend(next.actors.into_iter().map(|item| Item {
            link: entity_of(item.link),
            ..item
        }));
        self.claims.extend(next.claims.into_iter().map(|item| Item {
            link: ClaimLinks {
                group: item.link.group.map(|n| group[n]),
                speaker: entity_of(item.link.speaker),
                via: entity_of(item.link.via),
            },
            ..item
        }));
        self.dates.extend(next.dates);
        self
    }
}

/// Numbers `next`'s ids after `ids`, adding those `ids` lacks; returns, for each of
/// `next`'s numbers, its number in `ids`.
fn renumber<'p, T: Eq + std::hash::Hash>(ids: &mut Vec<&'p T>, next: &[&'p T]) -> Vec<usize> {
    let mut numbering = Numbering {
        numbers: ids.iter().enumerate().map(|(n, &id)| (id, n)).collect(),
        ids: std::mem::take(ids),
    };
    let numbers = next.iter().map(|&id| numbering.number(id)).collect();
    *ids = numbering.ids;
    numbers
}

/// A cell's contents, collected in any order with their places, given back in text order.
pub(super) struct TextOrder<T>(Vec<(Place, T)>);

impl<T> Default for TextOrder<T> {
    fn default() -> Self {
        Self(Vec::new())
    }
}

impl<T: Clone> Clone for TextOrder<T> {
    fn clone(&self) -> Self {
        Self(self.0.clone())
    }
}

impl<T> TextOrder<T> {
    pub fn push(&mut self, place: Place, value: T) {
        self.0.push((place, value));
    }

    /// The values in text order.
    pub fn sorted(mut self) -> Vec<T> {
        self.0.sort_unstable_by_key(|(place, _)| *place);
        self.0.into_iter().map(|(_, value)| value).collect()
    }
}

/// Cells in text order.
pub(super) fn sorted<T>(cells: Vec<TextOrder<T>>) -> Vec<Vec<T>> {
    cells.into_iter().map(TextOrder::sorted).collect()
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::super::fixture::Fixture;
    use super::*;

    /// Everything an index holds, written out: entities and groups by number, then each
    /// item's column, place, annotation and links.
    fn described(index: &Index) -> Vec<String> {
        let mut lines = vec![
            format!("{} columns", index.columns),
            format!("entities {:?}", index.entities),
            format!("groups {:?}", index.groups),
        ];
        let item = |kind: &str, column: usize, place: Place, a: &Annotation, link: String| {
            format!("{kind} {column} {place:?} {} {link}", a.id)
        };
        for i in &index.actors {
            lines.push(item(
                "actor",
                i.column,
                i.place,
                i.annotation,
                format!("{:?}", i.link),
            ));
        }
        for i in &index.claims {
            let ClaimLinks {
                group,
                speaker,
                via,
            } = &i.link;
            let links = format!("{group:?} {speaker:?} {via:?}");
            lines.push(item("claim", i.column, i.place, i.annotation, links));
        }
        for i in &index.dates {
            lines.push(item(
                "date",
                i.column,
                i.place,
                i.annotation,
                format!("{:?}", i.link),
            ));
        }
        lines
    }

    proptest! {
        #[test]
        fn two_halves_index_a_project_as_one_pass_does(
            tags in proptest::collection::vec(
                (0..3usize, 0..3usize, proptest::option::of(0..6usize), proptest::option::of(0..4usize), proptest::option::of(0..6usize)),
                0..80,
            ),
            stray in any::<bool>(),
        ) {
            let sources = ["wire", "radio", "note"];
            let mut f = Fixture::new(&sources);
            for (kind, source, entity, group, via) in tags {
                let source = sources[source];
                let entity = entity.map(|e| format!("e{e}"));
                let group = group.map(|g| format!("g{g}"));
                let via = via.map(|e| format!("e{e}"));
                match kind {
                    0 => f.actor(source, "Leo", entity.as_deref()),
                    1 => f.claim(source, "said so", group.as_deref(), entity.as_deref(), via.as_deref()),
                    _ => f.date(source, "Sunday", group.map(|_| "2025-06-01")),
                };
            }
            let mut p = f.project();
            if stray && let Some(a) = p.annotations.values().nth(p.annotations.len() / 3) {
                let mut stray = a.clone();
                stray.id = crate::model::AnnotationId::new("a0").unwrap();
                stray.source = SourceId::new("gone").unwrap();
                p.annotations.insert(stray.id.clone(), stray);
            }
            let one_pass = described(&Index::read(&p, usize::MAX));
            let halves = described(&Index::read(&p, 0));
            prop_assert_eq!(halves, one_pass);
        }
    }

    #[test]
    fn cells_come_back_in_text_order_with_ties_in_id_order() {
        let mut cell = TextOrder::default();
        for (place, word) in [
            ((9, 12, 0), "c"),
            ((0, 4, 2), "b"),
            ((0, 4, 1), "a"),
            ((0, 2, 3), "x"),
        ] {
            cell.push(place, word);
        }
        assert_eq!(cell.sorted(), ["x", "a", "b", "c"]);
    }
}
