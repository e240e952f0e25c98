//! Merging two analysts' work on one project by meaning, against the version both started
//! from (`parallax merge`, and git's merge driver).
//!
//! Sources, entities, claim groups and annotations are matched by id, and the title is one
//! item. What one side added, changed or removed is taken; both sides adding different
//! things keep both; the same change on both sides is one. Where the sides cannot both be
//! right (see [`crate::model::Conflict`]) the merged project keeps our version, records
//! the conflict with both versions, and loads as any project does: an item we removed that
//! their side still refers to is kept, and annotations made against a text the other side
//! revised are placed on their words (or flagged unplaced) as when loading.

mod settle;

use std::collections::BTreeMap;

use crate::model::{Conflict, Item, Project, Source, SourceId, Why};
use crate::store::{self, LoadNote};

pub use settle::{Side, settle};

/// A merge worked out: the project and what it had to leave to the analyst.
#[derive(Debug, Clone)]
pub struct Merged {
    pub project: Project,
    /// The conflicts this merge found (the project's list also keeps earlier ones).
    pub conflicts: Vec<Conflict>,
    /// Annotations the merge had to place anew, as loading reports them.
    pub notes: Vec<LoadNote>,
}

/// Merges `ours` and `theirs`, both descended from `base`.
pub fn merge(base: &Project, ours: &Project, theirs: &Project) -> Merged {
    let mut found = Vec::new();
    let title = three_way(
        Some(&base.title),
        Some(&ours.title),
        Some(&theirs.title),
        |a, b| a == b,
        |t| Item::Title(t.clone()),
        &mut found,
    )
    .unwrap_or_else(|| ours.title.clone());
    let sources = merge_sources(base, ours, theirs, &mut found);
    let mut project = Project::new(title);
    project.sources = sources;
    project.entities = merge_map(
        &base.entities,
        &ours.entities,
        &theirs.entities,
        |a, b| a == b,
        |e| Item::Entity(e.clone()),
        &mut found,
    );
    project.claim_groups = merge_map(
        &base.claim_groups,
        &ours.claim_groups,
        &theirs.claim_groups,
        |a, b| a == b,
        |g| Item::ClaimGroup(g.clone()),
        &mut found,
    );
    // The same change made on both sides is one, whenever each made it.
    let same_annotation = |a: &crate::model::Annotation, b: &crate::model::Annotation| {
        if a.modified == b.modified {
            a == b
        } else {
            let mut b = b.clone();
            b.modified = a.modified;
            *a == b
        }
    };
    project.annotations = merge_map(
        &base.annotations,
        &ours.annotations,
        &theirs.annotations,
        same_annotation,
        |a| Item::Annotation(a.clone()),
        &mut found,
    );
    keep_what_is_referred_to(&mut project, base, ours, theirs, &mut found);
    project.conflicts = merge_conflicts(base, ours, theirs);
    for conflict in &found {
        if !project.conflicts.contains(conflict) {
            project.conflicts.push(conflict.clone());
        }
    }
    let notes = store::check(&mut project).notes;
    Merged {
        project,
        conflicts: found,
        notes,
    }
}

/// One item's three-way merge: `None` in the result means the item is gone. A conflict
/// keeps ours and is recorded.
fn three_way<T: Clone>(
    base: Option<&T>,
    ours: Option<&T>,
    theirs: Option<&T>,
    same: impl Fn(&T, &T) -> bool,
    item: impl Fn(&T) -> Item,
    found: &mut Vec<Conflict>,
) -> Option<T> {
    let same_opt = |a: Option<&T>, b: Option<&T>| match (a, b) {
        (Some(a), Some(b)) => same(a, b),
        (None, None) => true,
        _ => false,
    };
    if same_opt(ours, theirs) || same_opt(base, theirs) {
        return ours.cloned();
    }
    if same_opt(base, ours) {
        return theirs.cloned();
    }
    let why = if ours.is_some() && theirs.is_some() {
        Why::ChangedOnBoth
    } else {
        Why::ChangedAndRemoved
    };
    found.push(Conflict {
        why,
        ours: ours.map(&item),
        theirs: theirs.map(&item),
    });
    ours.cloned()
}

/// Every id of the three maps, merged one by one.
fn merge_map<K: Ord + Clone, V: Clone>(
    base: &BTreeMap<K, V>,
    ours: &BTreeMap<K, V>,
    theirs: &BTreeMap<K, V>,
    same: impl Fn(&V, &V) -> bool + Copy,
    item: impl Fn(&V) -> Item + Copy,
    found: &mut Vec<Conflict>,
) -> BTreeMap<K, V> {
    let mut keys: Vec<&K> = base
        .keys()
        .chain(ours.keys())
        .chain(theirs.keys())
        .collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter_map(|k| {
            three_way(base.get(k), ours.get(k), theirs.get(k), same, item, found)
                .map(|v| (k.clone(), v))
        })
        .collect()
}

/// The sources merged by id, in the order of the side that reordered them (ours when
/// both did), with the sources only the other side has after those they follow there.
fn merge_sources(
    base: &Project,
    ours: &Project,
    theirs: &Project,
    found: &mut Vec<Conflict>,
) -> Vec<Source> {
    let by_id = |p: &Project| -> BTreeMap<SourceId, Source> {
        p.sources
            .iter()
            .map(|s| (s.id.clone(), s.clone()))
            .collect()
    };
    let merged = merge_map(
        &by_id(base),
        &by_id(ours),
        &by_id(theirs),
        |a, b| a == b,
        |s| Item::Source(s.clone()),
        found,
    );
    let order = |p: &Project| -> Vec<SourceId> {
        p.sources
            .iter()
            .map(|s| s.id.clone())
            .filter(|id| merged.contains_key(id))
            .collect()
    };
    let (base_order, our_order, their_order) = (order(base), order(ours), order(theirs));
    let common = |order: &[SourceId], other: &[SourceId]| -> Vec<SourceId> {
        order
            .iter()
            .filter(|id| other.contains(id))
            .cloned()
            .collect()
    };
    let (spine, other) = if common(&our_order, &base_order) == common(&base_order, &our_order)
        && common(&their_order, &base_order) != common(&base_order, &their_order)
    {
        (their_order, our_order)
    } else {
        (our_order, their_order)
    };
    let mut ids = spine;
    for (i, id) in other.iter().enumerate() {
        if !ids.contains(id) {
            let after = other[..i]
                .iter()
                .rev()
                .find_map(|p| ids.iter().position(|x| x == p));
            ids.insert(after.map_or(0, |p| p + 1), id.clone());
        }
    }
    for id in merged.keys() {
        if !ids.contains(id) {
            ids.push(id.clone());
        }
    }
    let mut merged = merged;
    ids.into_iter()
        .filter_map(|id| merged.remove(&id))
        .collect()
}

/// Brings back what one side removed (or merged away) while the other side's merged
/// annotations still refer to it, recording each as a conflict, so that the merged
/// project has no link to nothing.
fn keep_what_is_referred_to(
    project: &mut Project,
    base: &Project,
    ours: &Project,
    theirs: &Project,
    found: &mut Vec<Conflict>,
) {
    let version =
        |pick: &dyn Fn(&Project) -> Option<Item>| [theirs, ours, base].into_iter().find_map(pick);
    let mut referred = Vec::new();
    for a in project.annotations.values() {
        if project.source(&a.source).is_none() {
            referred.push(version(&|p: &Project| {
                p.source(&a.source).cloned().map(Item::Source)
            }));
        }
        let (entities, group) = a.tag.references();
        for e in entities {
            if !project.entities.contains_key(e) {
                referred.push(version(&|p: &Project| {
                    p.entities.get(e).cloned().map(Item::Entity)
                }));
            }
        }
        if let Some(g) = group.filter(|g| !project.claim_groups.contains_key(g)) {
            referred.push(version(&|p: &Project| {
                p.claim_groups.get(g).cloned().map(Item::ClaimGroup)
            }));
        }
    }
    for item in referred.into_iter().flatten() {
        let ours_has = match &item {
            Item::Source(s) => ours.source(&s.id).is_some(),
            Item::Entity(e) => ours.entities.contains_key(&e.id),
            Item::ClaimGroup(g) => ours.claim_groups.contains_key(&g.id),
            Item::Title(_) | Item::Annotation(_) => true,
        };
        let restored = match &item {
            Item::Source(s) if project.source(&s.id).is_none() => {
                project.sources.push(s.clone());
                true
            }
            Item::Entity(e) if !project.entities.contains_key(&e.id) => {
                project.entities.insert(e.id.clone(), e.clone());
                true
            }
            Item::ClaimGroup(g) if !project.claim_groups.contains_key(&g.id) => {
                project.claim_groups.insert(g.id.clone(), g.clone());
                true
            }
            _ => false,
        };
        if !restored {
            continue;
        }
        // Whatever conflict the item had already is replaced by this one.
        found.retain(|c| c.item().map(item_key) != Some(item_key(&item)));
        let (ours_version, theirs_version) = if ours_has {
            (Some(item), None)
        } else {
            (None, Some(item))
        };
        found.push(Conflict {
            why: Why::RemovedButReferred,
            ours: ours_version,
            theirs: theirs_version,
        });
    }
}

/// What identifies an item across versions: its kind and id.
fn item_key(item: &Item) -> (u8, String) {
    match item {
        Item::Title(_) => (0, String::new()),
        Item::Source(s) => (1, s.id.to_string()),
        Item::Entity(e) => (2, e.id.to_string()),
        Item::ClaimGroup(g) => (3, g.id.to_string()),
        Item::Annotation(a) => (4, a.id.to_string()),
    }
}

/// The conflicts recorded before: those either side settled (removed from its list since
/// the base) are gone, those either side kept or added stay.
fn merge_conflicts(base: &Project, ours: &Project, theirs: &Project) -> Vec<Conflict> {
    let mut kept: Vec<Conflict> = Vec::new();
    for conflict in ours.conflicts.iter().chain(&theirs.conflicts) {
        let settled = base.conflicts.contains(conflict)
            && !(ours.conflicts.contains(conflict) && theirs.conflicts.contains(conflict));
        if !settled && !kept.contains(conflict) {
            kept.push(conflict.clone());
        }
    }
    kept
}

#[cfg(test)]
mod tests;
