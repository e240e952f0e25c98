//! The curation window driven headless through egui_kittest: this project compared with
//! another analyst's, the agreement figures on top, each differing span settled by
//! taking their side (one step Ctrl+Z undoes) or keeping ours.

mod common;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use parallax::model::{
    Annotation, AnnotationId, Entity, EntityId, EntityKind, Project, Source, Tag, TagKind,
};
use parallax::ui::prefs::Prefs;
use parallax::ui::{Action, ProjectFile, Workbench};

use common::{builder, key_with, sid};

const TEXT: &str = "Ada Brink said the port would reopen on Monday, the ministry said.";

fn eid(s: &str) -> EntityId {
    EntityId::new(s).unwrap()
}

fn project(spans: &[(&str, std::ops::Range<usize>, Tag)]) -> Project {
    let mut p = Project::new("Call");
    p.sources
        .push(Source::new(sid("wire"), "Wire report", TEXT));
    for (id, span, tag) in spans {
        if let Tag::Actor { entity: Some(e) } = tag {
            let name = if e.as_str() == "ada" {
                "Ada Brink"
            } else {
                "Ministry of Transport"
            };
            p.entities
                .insert(e.clone(), Entity::new(e.clone(), name, EntityKind::Other));
        }
        let a = Annotation::new(
            AnnotationId::new(*id).unwrap(),
            &p.sources[0],
            span.clone(),
            tag.clone(),
        );
        p.annotations.insert(a.id.clone(), a);
    }
    p
}

fn actor(e: &str) -> Tag {
    Tag::Actor {
        entity: Some(eid(e)),
    }
}

/// Ours tagged Ada Brink and a claim; theirs tagged Ada Brink and the ministry.
fn window() -> (Harness<'static, Workbench>, tempfile::TempDir) {
    let ours = project(&[
        ("a1", 0..9, actor("ada")),
        ("a2", 15..46, TagKind::Claim.empty_tag()),
    ]);
    let theirs = project(&[
        ("b1", 0..9, actor("ada")),
        ("b2", 48..60, actor("transport")),
    ]);
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("ben.ron");
    parallax::store::save(&theirs, &path).unwrap();
    let mut app = Workbench::new(ours, ProjectFile::default(), Prefs::default());
    app.act(Action::Curate(path));
    let mut h = builder().build_ui_state(|ui, app: &mut Workbench| app.show(ui), app);
    h.run();
    (h, dir)
}

#[test]
fn the_figures_and_each_difference_are_shown() {
    let (h, _dir) = window();
    h.get_by_label("Compare with ben.ron");
    h.get_by_label("alpha");
    h.get_by_label("Wire report — 1 alike, 2 to settle");
    h.get_by_label("1 span you both made alike is in this project already.");
    h.get_by_label("“the port would reopen on Monday”");
    h.get_by_label("marked by only you");
    h.get_by_label("actor: Ministry of Transport");
}

#[test]
fn taking_theirs_is_one_step_that_ctrl_z_undoes() {
    let (mut h, _dir) = window();
    // The second difference in text order is the ministry, which only they tagged.
    h.get_all_by_label("Take theirs").nth(1).unwrap().click();
    h.run();
    let project = h.state().project();
    let added = project
        .annotations
        .values()
        .find(|a| a.start == 48)
        .expect("their actor is added");
    assert_eq!(added.tag, actor("transport"));
    assert!(project.entities.contains_key(&eid("transport")));
    h.get_by_label("Wire report — 2 alike, 1 to settle");
    key_with(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(
        !h.state()
            .project()
            .annotations
            .values()
            .any(|a| a.start == 48)
    );
    assert!(!h.state().project().entities.contains_key(&eid("transport")));
}

#[test]
fn keeping_ours_sets_the_span_aside_and_changes_nothing() {
    let (mut h, _dir) = window();
    let before = h.state().project().clone();
    h.get_all_by_label("Keep ours").next().unwrap().click();
    h.run();
    assert_eq!(h.state().project(), &before);
    h.get_by_label("Wire report — 1 alike, 1 to settle");
    assert!(!h.state().is_dirty());
}

#[test]
fn f7_asks_for_the_other_analysts_project() {
    let app = Workbench::new(project(&[]), ProjectFile::default(), Prefs::default());
    let mut h = builder().build_ui_state(|ui, app: &mut Workbench| app.show(ui), app);
    h.run();
    common::key(&mut h, Key::F7);
    h.get_by_label("Compare with another analyst's project");
}

#[test]
fn a_broken_project_is_refused_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("broken.ron");
    std::fs::write(&path, "(format_version: 4, sources: [").unwrap();
    let mut app = Workbench::new(project(&[]), ProjectFile::default(), Prefs::default());
    app.act(Action::Curate(path));
    let mut h = builder().build_ui_state(|ui, app: &mut Workbench| app.show(ui), app);
    h.run();
    let status = h.state().status().expect("the refusal is shown");
    assert!(status.is_error);
    assert!(status.text.contains("broken.ron"), "{}", status.text);
    assert!(h.query_by_label("Compare with broken.ron").is_none());
}
