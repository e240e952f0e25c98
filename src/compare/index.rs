//! The one pass over a project's annotations that every part of the comparison reads:
//! each annotation's id, words and links (entities and claim groups turned into small
//! numbers), per tag and per column, in text order.
//!
//! The pass walks the annotations in id order, the order they are stored and loaded in,
//! so it reads memory front to back; everything after it works on this compact copy.
//! Annotations of sources the project does not have are left out.

use std::collections::HashMap;

use crate::model::{
    Annotation, AnnotationId, ClaimGroupId, DateValue, EntityId, Project, SourceId, Tag,
};

/// The annotations of a project, ready to compare.
pub(super) struct Index<'p> {
    /// How many columns (sources) there are.
    pub columns: usize,
    /// Every entity an annotation links to, numbered in order of first link.
    pub entities: Vec<&'p EntityId>,
    /// Every claim group a claim belongs to, numbered in order of first use.
    pub groups: Vec<&'p ClaimGroupId>,
    /// Per column, the actor mentions with the number of their entity.
    pub actors: Vec<Vec<Item<Option<usize>>>>,
    /// Per column, the claims with their links.
    pub claims: Vec<Vec<Item<ClaimLinks>>>,
    /// Per column, the dates with their values.
    pub dates: Vec<Vec<Item<Option<DateValue>>>>,
}

/// One annotation: where it is, its id, its words, and what it links to.
pub(super) struct Item<L> {
    pub start: usize,
    pub end: usize,
    pub unplaced: bool,
    pub annotation: AnnotationId,
    pub text: String,
    pub link: L,
}

impl<L> Item<L> {
    fn of(a: &Annotation, link: L) -> Self {
        Self {
            start: a.start,
            end: a.end,
            unplaced: a.unplaced,
            annotation: a.id.clone(),
            text: a.quote.exact.clone(),
            link,
        }
    }
}

/// A claim's links, as numbers into [`Index::groups`] and [`Index::entities`].
pub(super) struct ClaimLinks {
    pub group: Option<usize>,
    pub speaker: Option<usize>,
    pub via: Option<usize>,
}

/// Gives each distinct id a number, in order of first use.
struct Numbering<'p, T> {
    numbers: HashMap<&'p T, usize>,
    ids: Vec<&'p T>,
}

impl<'p, T: Eq + std::hash::Hash> Numbering<'p, T> {
    fn new() -> Self {
        Self {
            numbers: HashMap::new(),
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

/// Items with the keys that put them in text order: column, start, end, id order.
type Keyed<L> = Vec<((usize, usize, usize, usize), Item<L>)>;

impl<'p> Index<'p> {
    pub fn new(project: &'p Project) -> Self {
        let column_of: HashMap<&SourceId, usize> = project
            .sources
            .iter()
            .enumerate()
            .map(|(i, s)| (&s.id, i))
            .collect();
        let t0 = std::time::Instant::now();
        let mut entities = Numbering::new();
        let mut groups = Numbering::new();
        let mut actors: Keyed<Option<usize>> = Vec::new();
        let mut claims: Keyed<ClaimLinks> = Vec::new();
        let mut dates: Keyed<Option<DateValue>> = Vec::new();
        for (n, a) in project.annotations.values().enumerate() {
            let Some(&column) = column_of.get(&a.source) else {
                continue;
            };
            let key = (column, a.start, a.end, n);
            match &a.tag {
                Tag::Actor { entity } => {
                    let entity = entity.as_ref().map(|e| entities.number(e));
                    actors.push((key, Item::of(a, entity)));
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
                    claims.push((key, Item::of(a, links)));
                }
                Tag::Date { value } => dates.push((key, Item::of(a, *value))),
            }
        }
        let columns = project.sources.len();
        let t1 = t0.elapsed();
        let actors = per_column(actors, columns);
        let claims = per_column(claims, columns);
        let dates = per_column(dates, columns);
        eprintln!("index pass {:.1} sort {:.1}", t1.as_secs_f64()*1e3, (t0.elapsed()-t1).as_secs_f64()*1e3);
        Self {
            columns,
            entities: entities.ids,
            groups: groups.ids,
            actors,
            claims,
            dates,
        }
    }
}

/// Sorts items into text order and deals them out to their columns. The keys are sorted
/// apart from the items, which are large, and the items then moved once.
fn per_column<L>(keyed: Keyed<L>, columns: usize) -> Vec<Vec<Item<L>>> {
    let (mut keys, items): (Vec<_>, Vec<_>) = keyed
        .into_iter()
        .enumerate()
        .map(|(i, ((column, start, end, _), item))| ((column, start, end, i), Some(item)))
        .unzip();
    let mut items: Vec<Option<Item<L>>> = items;
    keys.sort_unstable();
    let mut lists: Vec<Vec<Item<L>>> = (0..columns).map(|_| Vec::new()).collect();
    for (column, _, _, i) in keys {
        lists[column].extend(items[i].take());
    }
    lists
}
