//! The Sources window driven headless through egui_kittest: a source's details corrected
//! (a publication day set where a page gave none, a grade, a memo), bad input refused in
//! place, sources moved and removed after a confirmation, each one step Ctrl+Z undoes.

mod common;

use egui::{Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use parallax::model::{Annotation, AnnotationId, Project, Reliability, Source, TagKind};
use parallax::ui::prefs::Prefs;
use parallax::ui::{Action, ProjectFile, Workbench};

use common::{builder, key_with, sid};

fn project() -> Project {
    let mut p = Project::new("Talks");
    p.sources.push(Source::new(
        sid("wire"),
        "Wire report",
        "Talks resume on Monday, the ministry said.",
    ));
    p.sources.push(Source::new(
        sid("radio"),
        "Radio bulletin",
        "The talks will resume next week.",
    ));
    let radio = p.sources[1].clone();
    let a = Annotation::new(
        AnnotationId::new("talks").unwrap(),
        &radio,
        4..9,
        TagKind::Actor.empty_tag(),
    );
    p.annotations.insert(a.id.clone(), a);
    p
}

fn window() -> Harness<'static, Workbench> {
    let app = Workbench::new(project(), ProjectFile::default(), Prefs::default());
    let mut h = builder().build_ui_state(|ui, app: &mut Workbench| app.show(ui), app);
    h.run();
    h
}

/// Types into a field, as the analyst does after clicking in it.
fn type_into(h: &mut Harness<'_, Workbench>, field: &str, text: &str) {
    h.get_by_label(field).focus();
    h.run();
    h.get_by_label(field).type_text(text);
    h.run();
}

fn source(h: &Harness<'_, Workbench>, id: &str) -> Source {
    h.state().project().source(&sid(id)).unwrap().clone()
}

#[test]
fn a_sources_publication_day_grade_and_memo_are_set_and_undone() {
    let mut h = window();
    // A source without a publication day says so in its column, with a way to set it.
    h.get_all_by_label("set the publication day")
        .next()
        .unwrap()
        .click();
    h.run();
    h.get_by_label("Details of “Wire report”");
    type_into(&mut h, "Publication day", "June 4");
    h.get_by_label("“June 4” is not a day: write it as YYYY-MM-DD, or leave it empty");
    h.get_by_label("Apply").click();
    h.run();
    assert_eq!(source(&h, "wire").published, None, "nothing applied");
    h.get_by_label("Publication day").focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    type_into(&mut h, "Publication day", "2025-06-05");
    h.get_by_label("Reliability").click();
    h.run();
    h.get_by_label("B — usually reliable").click();
    h.run();
    type_into(&mut h, "Memo", "Agency copy, quotes the ministry.");
    h.get_by_label("Apply").click();
    h.run();
    let wire = source(&h, "wire");
    assert_eq!(
        wire.published.map(|d| d.to_string()).as_deref(),
        Some("2025-06-05")
    );
    assert_eq!(wire.reliability, Some(Reliability::B));
    assert_eq!(wire.memo, "Agency copy, quotes the ministry.");
    assert_eq!(h.state().undo_label(), Some("edit details of wire"));
    // The column now shows the day and the grade.
    h.get_by_label("5 June 2025 · reliability B");
    key_with(&mut h, Modifiers::COMMAND, Key::Z);
    let wire = source(&h, "wire");
    assert_eq!((wire.published, wire.reliability), (None, None));
    assert!(wire.memo.is_empty());
}

#[test]
fn sources_are_moved_and_removed_after_a_confirmation() {
    let mut h = window();
    h.state_mut().act(Action::ShowSources);
    h.run();
    h.get_all_by_label("▼").next().unwrap().click();
    h.run();
    let order: Vec<String> = h
        .state()
        .project()
        .sources
        .iter()
        .map(|s| s.id.to_string())
        .collect();
    assert_eq!(order, ["radio", "wire"]);
    // Radio, now first, carries one annotation: the confirmation counts it.
    h.get_all_by_label("Remove…").next().unwrap().click();
    h.run();
    h.get_by_label("Remove “Radio bulletin” and its 1 annotation?");
    h.get_by_label("Keep it").click();
    h.run();
    assert_eq!(h.state().project().sources.len(), 2);
    h.get_all_by_label("Remove…").next().unwrap().click();
    h.run();
    h.get_by_label("Remove").click();
    h.run();
    let p = h.state().project();
    assert_eq!(p.sources.len(), 1);
    assert!(p.annotations.is_empty(), "its annotations went with it");
    key_with(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().project().sources.len(), 2);
    assert_eq!(h.state().project().annotations.len(), 1);
    key_with(&mut h, Modifiers::COMMAND, Key::Z);
    let order: Vec<String> = h
        .state()
        .project()
        .sources
        .iter()
        .map(|s| s.id.to_string())
        .collect();
    assert_eq!(order, ["wire", "radio"], "the move is undone too");
}

/// The value proposed for the date suggestion on the wire's "Monday".
fn monday(h: &Harness<'_, Workbench>) -> Option<Option<String>> {
    h.state()
        .suggestions()
        .listed()
        .iter()
        .find(|s| s.source == sid("wire") && s.kind() == TagKind::Date && s.text == "Monday")
        .map(|s| match &s.proposal {
            parallax::suggest::Proposal::Date { value, .. } => value.map(|v| v.to_string()),
            _ => None,
        })
}

#[test]
fn setting_a_publication_day_from_the_column_gives_the_listed_date_suggestions_values() {
    let mut h = window();
    h.state_mut().act(Action::Suggestion(
        parallax::ui::action::SuggestionStep::Find,
    ));
    h.run();
    common::wait_until(
        &mut h,
        |w| !w.suggestions().is_searching(),
        "suggestions found",
    );
    assert_eq!(monday(&h), Some(None), "no day to resolve it against yet");
    // Both columns say they have no day, each with a link to set it.
    assert_eq!(h.get_all_by_label("publication date unknown").count(), 2);
    h.get_all_by_label("set the publication day")
        .next()
        .unwrap()
        .click();
    h.run();
    h.get_by_label("Details of “Wire report”");
    type_into(&mut h, "Publication day", "2025-06-05");
    h.get_by_label("Apply").click();
    h.run();
    assert_eq!(h.get_all_by_label("set the publication day").count(), 1);
    h.get_by_label("5 June 2025");
    common::wait_until(
        &mut h,
        |w| !w.suggestions().is_searching(),
        "suggestions found again",
    );
    assert_eq!(monday(&h), Some(Some("2025-06-02".to_string())));
}

#[test]
fn the_projects_title_is_renamed_in_one_undoable_step() {
    let mut h = window();
    h.state_mut().act(Action::ShowSources);
    h.run();
    h.get_by_label("Project title").focus();
    h.run();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    // Nothing to rename to yet: an empty title is not applied.
    h.get_by_label("Project title").type_text(" ");
    h.run();
    h.get_by_label("Rename").click();
    h.run();
    assert_eq!(h.state().project().title, "Talks");
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    type_into(&mut h, "Project title", "Talks in Geneva — مرحبا");
    h.get_by_label("Rename").click();
    h.run();
    assert_eq!(h.state().project().title, "Talks in Geneva — مرحبا");
    assert_eq!(h.state().undo_label(), Some("rename the project"));
    key_with(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().project().title, "Talks");
}
