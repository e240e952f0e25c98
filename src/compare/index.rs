//! The one pass over a project's annotations that every part of the comparison reads:
//! each annotation's column, place, id, words and links (entities and claim groups turned
//! into small numbers), per tag.
//!
//! The pass walks the annotations in id order, the order they are stored and loaded in, so
//! it reads memory front to back, and the parts of the comparison consume its items in
//! that order too. Each cell of the comparison collects its items with their place
//! ([`TextOrder`]) and is put in text order on its own: many small sorts of data at hand
//! instead of one large sort and a gather across memory. Annotations of sources the
//! project does not have are left out.

use rustc_hash::FxHashMap;

use crate::model::{Annotation, ClaimGroupId, DateValue, EntityId, Project, SourceId, Tag};

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

impl<'p> Index<'p> {
    pub fn new(project: &'p Project) -> Self {
        let column_of: FxHashMap<&SourceId, usize> = project
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| (&s.id, i))
            .collect();
        let mut entities = Numbering::new();
        let mut groups = Numbering::new();
        let mut actors = Vec::new();
        let mut claims = Vec::new();
        let mut dates = Vec::new();
        for (rank, a) in project.annotations.values().enumerate() {
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
            columns: project.sources.len(),
            entities: entities.ids,
            groups: groups.ids,
            actors,
            claims,
            dates,
        }
    }
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
    use super::*;

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
