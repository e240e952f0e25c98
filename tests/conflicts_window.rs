//! The Conflicts window driven headless through egui_kittest: a project that a merge left
//! with conflicts opens with them shown; each is settled by keeping ours, taking theirs or
//! keeping the item as edited, one step Ctrl+Z undoes.

mod common;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use parallax::merge::merge;
use parallax::model::{Entity, EntityId, EntityKind, Project, Source};
use parallax::ui::prefs::Prefs;
use parallax::ui::{Action, ProjectFile, Workbench};

use common::{builder, key_with, sid};

fn eid(s: &str) -> EntityId {
    EntityId::new(s).unwrap()
}

/// A merge of two versions that renamed the same entity differently, and changed the
/// title on one side only.
fn merged() -> Project {
    let mut base = Project::new("Call");
    base.sources
        .push(Source::new(sid("wire"), "Wire", "Ada Brink spoke."));
    base.entities.insert(
        eid("ada"),
        Entity::new(eid("ada"), "Ada Brink", EntityKind::Person),
    );
    let mut ours = base.clone();
    ours.entities.get_mut(&eid("ada")).unwrap().name = "Ada M. Brink".into();
    let mut theirs = base.clone();
    theirs.entities.get_mut(&eid("ada")).unwrap().name = "Adaline Brink".into();
    theirs.title = "The call".into();
    merge(&base, &ours, &theirs).project
}

fn window() -> Harness<'static, Workbench> {
    let app = Workbench::new(merged(), ProjectFile::default(), Prefs::default());
    let mut h = builder().build_ui_state(|ui, app: &mut Workbench| app.show(ui), app);
    h.run();
    h
}

fn name(h: &Harness<'_, Workbench>) -> String {
    h.state().project().entities[&eid("ada")].name.clone()
}

#[test]
fn the_window_opens_by_itself_with_both_versions() {
    let h = window();
    h.get_by_label("entity `ada` (Ada M. Brink): changed differently on both sides");
    // Only the fields that differ are set side by side; the rest are named.
    h.get_by_label("Ada M. Brink");
    h.get_by_label("Adaline Brink");
    h.get_by_label("the same on both sides: kind");
    assert_eq!(h.state().project().title, "The call");
}

#[test]
fn taking_theirs_is_one_step_that_ctrl_z_undoes() {
    let mut h = window();
    h.get_by_label("Take theirs").click();
    h.run();
    assert_eq!(name(&h), "Adaline Brink");
    assert!(h.state().project().conflicts.is_empty());
    h.get_by_label("Every conflict is settled. Save the project to record it.");
    assert!(h.state().is_dirty());
    key_with(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(name(&h), "Ada M. Brink");
    assert_eq!(h.state().project().conflicts.len(), 1);
}

#[test]
fn keeping_ours_drops_theirs() {
    let mut h = window();
    h.get_by_label("Keep ours").click();
    h.run();
    assert_eq!(name(&h), "Ada M. Brink");
    assert!(h.state().project().conflicts.is_empty());
}

#[test]
fn an_item_edited_by_hand_is_kept_as_it_is() {
    let mut h = window();
    let mut edited = h.state().project().entities[&eid("ada")].clone();
    edited.name = "Ada Brink (minister)".into();
    h.state_mut().act(Action::edit(
        parallax::edit::Command::PutEntity(edited),
        "rename",
    ));
    h.run();
    h.get_by_label("Keep as it is now").click();
    h.run();
    assert_eq!(name(&h), "Ada Brink (minister)");
    assert!(h.state().project().conflicts.is_empty());
}

#[test]
fn closed_it_stays_closed_until_asked_for() {
    let mut h = window();
    h.get_by_label("Close window").click();
    h.run();
    assert!(h.query_by_label("Take theirs").is_none());
    // F6 (View ▸ Conflicts…) opens it again.
    common::key(&mut h, Key::F6);
    h.get_by_label("Take theirs");
}
