//! The Entities window driven headless through egui_kittest: an entity renamed, given a
//! kind, aliases and a memo; one merged into another with every link; one nothing refers
//! to deleted; each one step Ctrl+Z undoes; and the window's way to the annotations list
//! filtered to one entity.

mod common;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use parallax::model::{
    Annotation, AnnotationId, Entity, EntityId, EntityKind, Project, Source, Tag,
};
use parallax::ui::prefs::Prefs;
use parallax::ui::{Action, ProjectFile, Workbench};

use common::{builder, key_with, sid};

fn eid(s: &str) -> EntityId {
    EntityId::new(s).unwrap()
}

fn project() -> Project {
    let mut p = Project::new("Call");
    p.sources.push(Source::new(
        sid("wire"),
        "Wire",
        "Putin spoke to Leo. Vladimir Putin called it useful.",
    ));
    for (id, name) in [
        ("putin", "Putin"),
        ("vladimir-putin", "Vladimir Putin"),
        ("spare", "Spare"),
    ] {
        p.entities
            .insert(eid(id), Entity::new(eid(id), name, EntityKind::Other));
    }
    let wire = p.sources[0].clone();
    for (id, span, entity) in [("a1", 0..5, "putin"), ("a2", 20..34, "vladimir-putin")] {
        let mut a = Annotation::new(
            AnnotationId::new(id).unwrap(),
            &wire,
            span,
            Tag::Actor {
                entity: Some(eid(entity)),
            },
        );
        // Fixed times, so that two calls make equal projects whatever the clock says.
        a.created = "2025-06-10T09:00:00Z".parse().unwrap();
        a.modified = a.created;
        p.annotations.insert(a.id.clone(), a);
    }
    p
}

fn window() -> Harness<'static, Workbench> {
    let mut app = Workbench::new(project(), ProjectFile::default(), Prefs::default());
    app.act(Action::ShowEntities);
    let mut h = builder().build_ui_state(|ui, app: &mut Workbench| app.show(ui), app);
    h.run();
    h
}

/// Opens the form of the `n`th entity in id order.
fn edit(h: &mut Harness<'_, Workbench>, n: usize) {
    h.get_all_by_label("Edit…").nth(n).unwrap().click();
    h.run();
}

fn linked_to(h: &Harness<'_, Workbench>, id: &str) -> Vec<String> {
    h.state()
        .project()
        .annotations
        .values()
        .filter(|a| a.tag.references().0.contains(&&eid(id)))
        .map(|a| a.id.to_string())
        .collect()
}

#[test]
fn an_entity_is_merged_into_another_with_every_link_and_undone() {
    let mut h = window();
    let before = h.state().project().clone();
    assert_eq!(h.get_all_by_label("1 in Wire").count(), 2);
    h.get_by_label("not named in any source");
    edit(&mut h, 0); // putin
    h.get_by_label("Entity to merge into").click();
    h.run();
    // The choice in the open list (the annotations list names him too).
    h.get_all_by_label("Vladimir Putin").last().unwrap().click();
    h.run();
    h.get_by_label("Merge").click();
    h.run();
    let p = h.state().project();
    assert!(!p.entities.contains_key(&eid("putin")));
    assert_eq!(p.entities[&eid("vladimir-putin")].aliases, ["Putin"]);
    assert_eq!(linked_to(&h, "vladimir-putin"), ["a1", "a2"]);
    assert_eq!(
        h.state().undo_label(),
        Some("merge Putin into Vladimir Putin")
    );
    key_with(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(*h.state().project(), before);
}

#[test]
fn an_entity_is_renamed_given_a_kind_and_aliases_and_deleted_only_when_unlinked() {
    let mut h = window();
    edit(&mut h, 2); // vladimir-putin
    h.get_by_label("Entity kind").click();
    h.run();
    h.get_by_label("person").click();
    h.run();
    h.get_by_label("Aliases").focus();
    h.run();
    h.get_by_label("Aliases").type_text("the President");
    h.run();
    // A linked entity cannot be deleted: the button does nothing.
    h.get_by_label("Delete").click();
    h.run();
    assert!(
        h.state()
            .project()
            .entities
            .contains_key(&eid("vladimir-putin"))
    );
    h.get_by_label("Apply").click();
    h.run();
    let e = &h.state().project().entities[&eid("vladimir-putin")];
    assert_eq!(e.kind, EntityKind::Person);
    assert_eq!(e.aliases, ["the President"]);
    // The list shows the kind and the aliases.
    h.get_by_label("also the President");
    assert_eq!(h.get_all_by_label("person").count(), 1);
    assert_eq!(h.get_all_by_label("other").count(), 2);
    edit(&mut h, 1); // spare
    h.get_by_label("Delete").click();
    h.run();
    assert!(!h.state().project().entities.contains_key(&eid("spare")));
    key_with(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(h.state().project().entities.contains_key(&eid("spare")));
}

#[test]
fn an_entity_is_renamed_and_given_a_memo_in_one_undoable_step() {
    let mut h = window();
    let before = h.state().project().clone();
    edit(&mut h, 1); // spare
    h.get_by_label("Entity name").focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.get_by_label("Entity name").type_text("Spare parts");
    h.run();
    h.get_by_label("Entity memo").focus();
    h.run();
    h.get_by_label("Entity memo")
        .type_text("Named by the ministry — مرحبا");
    h.run();
    h.get_by_label("Apply").click();
    h.run();
    let spare = &h.state().project().entities[&eid("spare")];
    assert_eq!(spare.name, "Spare parts");
    assert_eq!(spare.memo, "Named by the ministry — مرحبا");
    assert_eq!(h.state().undo_label(), Some("edit entity Spare"));
    key_with(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(*h.state().project(), before);
}

/// The annotations list's rows: one tag label per row, beside the toolbar's buttons.
fn actor_labels(h: &Harness<'_, Workbench>) -> usize {
    h.query_all_by_label("A Actor").count()
}

#[test]
fn the_panel_leads_to_the_annotations_list_filtered_to_an_entity() {
    let mut h = window();
    let all = actor_labels(&h);
    h.get_all_by_label("Show its annotations")
        .nth(2) // vladimir-putin
        .unwrap()
        .click();
    h.run();
    assert_eq!(actor_labels(&h), all - 1, "only his row is left");
    assert!(
        h.query_all_by_label("Vladimir Putin").count() >= 3,
        "the filter names him, as do his row and the panel"
    );
    h.get_all_by_label("Show its annotations")
        .nth(1) // spare
        .unwrap()
        .click();
    h.run();
    assert_eq!(actor_labels(&h), all - 2, "nothing names the spare entity");
}
