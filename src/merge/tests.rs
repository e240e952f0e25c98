use proptest::prelude::*;

use super::*;
use crate::model::{
    Annotation, AnnotationId, ClaimGroup, ClaimGroupId, Entity, EntityId, EntityKind, Tag,
};

const WIRE: &str = "Ada Brink said the port would reopen on Monday, the ministry said.";
const RADIO: &str = "The port stays shut, Radio Doravia reported on Sunday.";

fn id(s: &str) -> EntityId {
    EntityId::new(s).unwrap()
}

fn annotation(
    project: &Project,
    name: &str,
    source: usize,
    span: std::ops::Range<usize>,
    tag: Tag,
) -> Annotation {
    let mut a = Annotation::new(
        AnnotationId::new(name).unwrap(),
        &project.sources[source],
        span,
        tag,
    );
    a.created = chrono::DateTime::from_timestamp(1_750_000_000, 0).unwrap();
    a.modified = a.created;
    a
}

/// The project both analysts start from.
fn base() -> Project {
    let mut p = Project::new("Harbour");
    p.sources = vec![
        Source::new(SourceId::new("wire").unwrap(), "Wire", WIRE),
        Source::new(SourceId::new("radio").unwrap(), "Radio", RADIO),
    ];
    for (e, name) in [
        ("ada", "Ada Brink"),
        ("ministry", "the ministry"),
        ("radio", "Radio Doravia"),
    ] {
        p.entities
            .insert(id(e), Entity::new(id(e), name, EntityKind::Other));
    }
    let group = ClaimGroupId::new("reopen").unwrap();
    p.claim_groups.insert(
        group.clone(),
        ClaimGroup::new(group.clone(), "Port reopens"),
    );
    let list = [
        annotation(
            &p,
            "a-ada",
            0,
            0..9,
            Tag::Actor {
                entity: Some(id("ada")),
            },
        ),
        annotation(
            &p,
            "a-min",
            0,
            48..60,
            Tag::Actor {
                entity: Some(id("ministry")),
            },
        ),
        annotation(
            &p,
            "a-claim",
            0,
            15..46,
            Tag::Claim {
                speaker: Some(id("ada")),
                via: None,
                group: Some(group),
                credibility: None,
            },
        ),
        annotation(
            &p,
            "a-radio",
            1,
            21..34,
            Tag::Actor {
                entity: Some(id("radio")),
            },
        ),
    ];
    for a in list {
        p.annotations.insert(a.id.clone(), a);
    }
    p
}

fn annotation_id(s: &str) -> AnnotationId {
    AnnotationId::new(s).unwrap()
}

#[test]
fn changes_to_different_items_are_both_taken() {
    let base = base();
    let mut ours = base.clone();
    ours.entities.get_mut(&id("ada")).unwrap().kind = EntityKind::Person;
    let mut theirs = base.clone();
    theirs.title = "Harbour, June".into();
    theirs.annotations.remove(&annotation_id("a-min"));
    let extra = annotation(&theirs, "a-date", 1, 45..51, Tag::Date { value: None });
    theirs.annotations.insert(extra.id.clone(), extra);
    let merged = merge(&base, &ours, &theirs);
    assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
    let p = merged.project;
    assert_eq!(p.title, "Harbour, June");
    assert_eq!(p.entities[&id("ada")].kind, EntityKind::Person);
    assert!(!p.annotations.contains_key(&annotation_id("a-min")));
    assert!(p.annotations.contains_key(&annotation_id("a-date")));
    assert!(p.conflicts.is_empty());
}

#[test]
fn the_same_change_on_both_sides_is_one() {
    let base = base();
    let mut ours = base.clone();
    let mut a = ours.annotations[&annotation_id("a-min")].clone();
    a.note = "the ministry of transport".into();
    a.modified = chrono::DateTime::from_timestamp(1_760_000_000, 0).unwrap();
    ours.annotations.insert(a.id.clone(), a.clone());
    let mut theirs = base.clone();
    a.modified = chrono::DateTime::from_timestamp(1_760_000_999, 0).unwrap();
    theirs.annotations.insert(a.id.clone(), a);
    let merged = merge(&base, &ours, &theirs);
    assert!(merged.conflicts.is_empty());
    assert_eq!(
        merged.project.annotations[&annotation_id("a-min")].note,
        "the ministry of transport"
    );
}

#[test]
fn both_adding_different_things_keeps_both() {
    let base = base();
    let mut ours = base.clone();
    let one = annotation(&ours, "a-one", 1, 0..8, Tag::Actor { entity: None });
    ours.annotations.insert(one.id.clone(), one);
    ours.sources.push(Source::new(
        SourceId::new("memo").unwrap(),
        "Memo",
        "A memo.",
    ));
    let mut theirs = base.clone();
    let two = annotation(&theirs, "a-two", 1, 4..8, Tag::Actor { entity: None });
    theirs.annotations.insert(two.id.clone(), two);
    theirs.entities.insert(
        id("vos"),
        Entity::new(id("vos"), "Captain Vos", EntityKind::Person),
    );
    let merged = merge(&base, &ours, &theirs);
    assert!(merged.conflicts.is_empty());
    let p = merged.project;
    assert!(p.annotations.contains_key(&annotation_id("a-one")));
    assert!(p.annotations.contains_key(&annotation_id("a-two")));
    assert!(p.entities.contains_key(&id("vos")));
    let order: Vec<&str> = p.sources.iter().map(|s| s.id.as_str()).collect();
    assert_eq!(order, ["wire", "radio", "memo"]);
}

#[test]
fn the_same_item_changed_differently_keeps_ours_and_records_both() {
    let base = base();
    let mut ours = base.clone();
    ours.entities.get_mut(&id("ada")).unwrap().name = "Ada M. Brink".into();
    let mut theirs = base.clone();
    theirs.entities.get_mut(&id("ada")).unwrap().name = "Adaline Brink".into();
    let merged = merge(&base, &ours, &theirs);
    assert_eq!(merged.project.entities[&id("ada")].name, "Ada M. Brink");
    assert_eq!(merged.conflicts.len(), 1);
    let conflict = &merged.project.conflicts[0];
    assert_eq!(conflict.why, Why::ChangedOnBoth);
    assert_eq!(
        conflict.ours,
        Some(Item::Entity(ours.entities[&id("ada")].clone()))
    );
    assert_eq!(
        conflict.theirs,
        Some(Item::Entity(theirs.entities[&id("ada")].clone()))
    );
    assert_eq!(
        conflict.describe(),
        "entity `ada` (Ada M. Brink): changed differently on both sides"
    );
}

#[test]
fn changed_on_one_side_and_removed_on_the_other_is_a_conflict() {
    let base = base();
    let mut ours = base.clone();
    ours.annotations.remove(&annotation_id("a-radio"));
    let mut theirs = base.clone();
    theirs
        .annotations
        .get_mut(&annotation_id("a-radio"))
        .unwrap()
        .note = "state radio".into();
    let merged = merge(&base, &ours, &theirs);
    assert!(
        !merged
            .project
            .annotations
            .contains_key(&annotation_id("a-radio"))
    );
    let conflict = &merged.project.conflicts[0];
    assert_eq!(
        (conflict.why, conflict.ours.is_none()),
        (Why::ChangedAndRemoved, true)
    );
    assert!(
        conflict
            .describe()
            .ends_with("removed on our side, changed on theirs")
    );
}

#[test]
fn an_entity_merged_away_on_one_side_is_kept_while_the_other_links_to_it() {
    let base = base();
    let mut ours = base.clone();
    let merge_step = crate::edit::merge_entities(&ours, &id("ministry"), &[id("radio")]).unwrap();
    merge_step.apply(&mut ours).unwrap();
    assert!(!ours.entities.contains_key(&id("radio")));
    let mut theirs = base.clone();
    let link = annotation(
        &theirs,
        "a-link",
        1,
        21..26,
        Tag::Actor {
            entity: Some(id("radio")),
        },
    );
    theirs.annotations.insert(link.id.clone(), link);
    let merged = merge(&base, &ours, &theirs);
    assert!(merged.project.entities.contains_key(&id("radio")));
    let conflict = merged
        .conflicts
        .iter()
        .find(|c| c.why == Why::RemovedButReferred)
        .expect("the entity's removal is a conflict");
    assert!(conflict.ours.is_none());
    assert!(
        conflict.describe().contains("entity `radio`"),
        "{}",
        conflict.describe()
    );
    // The merged project loads: nothing points nowhere.
    let text = store::to_ron(&merged.project);
    let loaded = store::from_ron(&text, std::path::Path::new("merged.ron")).unwrap();
    assert_eq!(loaded.project.conflicts, merged.project.conflicts);
}

#[test]
fn a_source_revised_on_both_sides_is_a_conflict_and_a_revision_on_one_side_moves_the_other_sides_annotations()
 {
    let base = base();
    let revised = |text: &str, p: &Project| {
        crate::revise::revise(p, &SourceId::new("wire").unwrap(), text.into(), None)
            .unwrap()
            .command
    };
    let mut ours = base.clone();
    revised(&format!("Update: {WIRE}"), &ours)
        .apply(&mut ours)
        .unwrap();
    let mut theirs = base.clone();
    revised(&format!("{WIRE} More later."), &theirs)
        .apply(&mut theirs)
        .unwrap();
    let both = merge(&base, &ours, &theirs);
    assert!(both.conflicts.iter().any(|c| c.why == Why::ChangedOnBoth
        && matches!(&c.ours, Some(Item::Source(s)) if s.id.as_str() == "wire")));
    assert!(
        both.project.sources[0]
            .text
            .as_str()
            .starts_with("Update: ")
    );

    // Only theirs revised; ours added an actor against the old text.
    let mut ours = base.clone();
    let brink = annotation(
        &ours,
        "a-brink",
        0,
        4..9,
        Tag::Actor {
            entity: Some(id("ada")),
        },
    );
    ours.annotations.insert(brink.id.clone(), brink);
    let one = merge(&base, &ours, &theirs);
    assert!(one.conflicts.is_empty(), "{:?}", one.conflicts);
    let placed = &one.project.annotations[&annotation_id("a-brink")];
    let text = &one.project.sources[0].text;
    assert_eq!(text.slice(placed.span()), "Brink");
}

#[test]
fn a_side_that_reordered_the_sources_keeps_its_order() {
    let base = base();
    let ours = base.clone();
    let mut theirs = base.clone();
    theirs.sources.reverse();
    let merged = merge(&base, &ours, &theirs);
    let order: Vec<&str> = merged
        .project
        .sources
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    assert_eq!(order, ["radio", "wire"]);
}

#[test]
fn settling_takes_a_side_and_undo_brings_the_conflict_back() {
    let base = base();
    let mut ours = base.clone();
    ours.entities.get_mut(&id("ada")).unwrap().name = "Ada M. Brink".into();
    let mut theirs = base.clone();
    theirs.entities.get_mut(&id("ada")).unwrap().name = "Adaline Brink".into();
    let mut project = merge(&base, &ours, &theirs).project;
    let before = project.clone();
    let undo = settle(&project, 0, Side::Theirs)
        .unwrap()
        .apply(&mut project)
        .unwrap();
    assert_eq!(project.entities[&id("ada")].name, "Adaline Brink");
    assert!(project.conflicts.is_empty());
    undo.apply(&mut project).unwrap();
    assert_eq!(project, before);

    let mut kept = before.clone();
    settle(&kept, 0, Side::Ours)
        .unwrap()
        .apply(&mut kept)
        .unwrap();
    assert_eq!(kept.entities[&id("ada")].name, "Ada M. Brink");
    assert!(kept.conflicts.is_empty());
    assert_eq!(
        settle(&kept, 0, Side::AsItIs),
        Err(crate::edit::EditError::NoConflict(0))
    );
}

#[test]
fn settling_a_kept_entity_on_the_removing_side_unlinks_and_removes_it() {
    let base = base();
    let mut ours = base.clone();
    crate::edit::remove_entity(&ours, &id("radio"))
        .apply(&mut ours)
        .unwrap();
    let mut theirs = base.clone();
    let link = annotation(
        &theirs,
        "a-link",
        1,
        21..26,
        Tag::Actor {
            entity: Some(id("radio")),
        },
    );
    theirs.annotations.insert(link.id.clone(), link);
    let mut project = merge(&base, &ours, &theirs).project;
    let index = project
        .conflicts
        .iter()
        .position(|c| c.why == Why::RemovedButReferred)
        .unwrap();
    settle(&project, index, Side::Ours)
        .unwrap()
        .apply(&mut project)
        .unwrap();
    assert!(!project.entities.contains_key(&id("radio")));
    assert_eq!(
        project.annotations[&annotation_id("a-link")].tag,
        Tag::Actor { entity: None }
    );
    assert!(store::check(&mut project).problems.is_empty());
}

#[test]
fn conflicts_settled_on_one_side_stay_settled_and_new_ones_are_added() {
    let mut base = base();
    base.entities.get_mut(&id("ada")).unwrap().memo = "x".into();
    let old = Conflict {
        why: Why::ChangedOnBoth,
        ours: Some(Item::Title("A".into())),
        theirs: Some(Item::Title("B".into())),
    };
    base.conflicts.push(old.clone());
    let mut ours = base.clone();
    ours.conflicts.clear();
    let theirs = base.clone();
    let merged = merge(&base, &ours, &theirs);
    assert!(merged.project.conflicts.is_empty());
}

/// One analyst's edit of one item of the base project.
#[derive(Debug, Clone)]
enum Edit {
    Title(String),
    EntityName(usize, String),
    Note(usize, String),
    RemoveAnnotation(usize),
    AddAnnotation(usize),
}

impl Edit {
    /// The item it touches: edits of different items must both survive a merge.
    fn item(&self, side: &str) -> String {
        match self {
            Edit::Title(_) => "title".into(),
            Edit::EntityName(i, _) => format!("entity {}", i % 3),
            Edit::Note(i, _) | Edit::RemoveAnnotation(i) => format!("annotation {}", i % 4),
            Edit::AddAnnotation(i) => format!("new {side} {i}"),
        }
    }

    fn apply(&self, p: &mut Project, side: &str) {
        let entity = |i: usize| ["ada", "ministry", "radio"][i % 3];
        // Annotations are named as in the base, whatever the other side did to them.
        let annotation =
            |_: &Project, i: usize| base().annotations.keys().nth(i % 4).cloned().unwrap();
        match self {
            Edit::Title(t) => p.title = t.clone(),
            Edit::EntityName(i, name) => {
                p.entities.get_mut(&id(entity(*i))).unwrap().name = name.clone()
            }
            Edit::Note(i, note) => {
                let key = annotation(p, *i);
                if let Some(a) = p.annotations.get_mut(&key) {
                    a.note = note.clone();
                }
            }
            Edit::RemoveAnnotation(i) => {
                let key = annotation(p, *i);
                p.annotations.remove(&key);
            }
            Edit::AddAnnotation(i) => {
                let a = annotation_new(p, &format!("a-new-{side}-{i}"), *i);
                p.annotations.insert(a.id.clone(), a);
            }
        }
    }
}

fn annotation_new(p: &Project, name: &str, i: usize) -> Annotation {
    annotation(
        p,
        name,
        1,
        (i % 10)..(i % 10 + 3),
        Tag::Date { value: None },
    )
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        "[a-z ]{1,8}".prop_map(Edit::Title),
        (0..3usize, "[A-Z][a-z]{1,6}").prop_map(|(i, n)| Edit::EntityName(i, n)),
        (0..4usize, "[a-z]{1,6}").prop_map(|(i, n)| Edit::Note(i, n)),
        (0..4usize).prop_map(Edit::RemoveAnnotation),
        (0..10usize).prop_map(Edit::AddAnnotation),
    ]
}

proptest! {
    #[test]
    fn edits_of_different_items_merge_to_both_and_of_the_same_item_are_reported(
        ours_edit in edit(),
        theirs_edit in edit(),
    ) {
        let base = base();
        let mut ours = base.clone();
        ours_edit.apply(&mut ours, "ours");
        let mut theirs = base.clone();
        theirs_edit.apply(&mut theirs, "theirs");
        let merged = merge(&base, &ours, &theirs);
        let mut expected_both = ours.clone();
        theirs_edit.apply(&mut expected_both, "theirs");
        if ours_edit.item("ours") != theirs_edit.item("theirs") {
            prop_assert!(merged.conflicts.is_empty(), "{:?}", merged.conflicts);
            prop_assert_eq!(&merged.project, &expected_both);
        } else if ours != theirs {
            // The same item, edited differently: ours is kept, theirs is recorded.
            let changed_both = ours != base && theirs != base;
            prop_assert!(!changed_both || !merged.conflicts.is_empty());
            for conflict in &merged.conflicts {
                prop_assert!(merged.project.conflicts.contains(conflict));
            }
            prop_assert_eq!(&merged.project.title, &ours.title);
            prop_assert_eq!(&merged.project.entities, &ours.entities);
        }
    }
}
