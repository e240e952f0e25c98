//! Unsaved work when the disk refuses to write, driven headless through egui_kittest with
//! the store's fault seam: a save that fails before closing, opening another project or
//! starting a new one keeps the window, the work and the recovery file; a discard whose
//! follow-up fails changes nothing; a failed autosave followed by a failed save on close
//! keeps the last good autosave.

mod common;

use std::path::{Path, PathBuf};

use egui::{Key, Modifiers, ViewportCommand};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use parallax::model::{Annotation, AnnotationId, Project, Source, SourceId, TagKind};
use parallax::store::{self, Faults, Step};
use parallax::ui::action::Then;
use parallax::ui::prefs::Prefs;
use parallax::ui::{Action, Workbench};

use common::{builder, commands, key_with, request_close, wait_for_writes};

fn project(title: &str) -> Project {
    let mut p = Project::new(title);
    p.sources.push(Source::new(
        SourceId::new("wire").unwrap(),
        "Wire report",
        "The ministry said talks would resume on Monday.",
    ));
    p
}

/// A folder with two projects, the window open on the first, one change made and
/// autosaved, and every later write failing at `fault`.
struct Setup {
    _dir: tempfile::TempDir,
    mine: PathBuf,
    other: PathBuf,
    h: Harness<'static, Workbench>,
}

fn setup(fault: Step) -> Setup {
    let dir = tempfile::tempdir().unwrap();
    let mine = dir.path().join("mine.ron");
    let other = dir.path().join("other.ron");
    store::save(&project("Mine"), &mine).unwrap();
    store::save(&project("Other"), &other).unwrap();
    let app = Workbench::open(&mine, Prefs::default()).unwrap();
    let mut h = builder().build_ui_state(|ui, app: &mut Workbench| app.show(ui), app);
    h.run();
    change(&mut h, "first");
    let ctx = h.ctx.clone();
    h.state_mut().autosave_now(0.0, &ctx);
    wait_for_writes(&mut h);
    assert!(store::read_recovery(&mine).is_some(), "autosaved");
    h.state_mut().inject_faults(Faults::at(fault));
    Setup {
        _dir: dir,
        mine,
        other,
        h,
    }
}

/// Tags a word, as one change the analyst makes.
fn change(h: &mut Harness<'_, Workbench>, id: &str) {
    let source = h.state().project().sources[0].clone();
    let a = Annotation::new(
        AnnotationId::new(id).unwrap(),
        &source,
        4..12,
        TagKind::Actor.empty_tag(),
    );
    h.state_mut().act(Action::edit(
        parallax::edit::Command::PutAnnotation(a),
        "tag",
    ));
    h.run();
}

/// The work is still in the window, unsaved, with the file and its autosave as they were.
fn kept(s: &Setup, before: &[u8]) {
    let app = s.h.state();
    assert_eq!(app.file().path.as_deref(), Some(s.mine.as_path()));
    assert!(
        app.project()
            .annotations
            .contains_key(&AnnotationId::new("first").unwrap())
    );
    assert!(app.is_dirty(), "the work is still marked unsaved");
    assert!(app.window_title().starts_with('●'));
    assert_eq!(
        std::fs::read(&s.mine).unwrap(),
        before,
        "the file is as it was"
    );
    let recovered = store::read_recovery(&s.mine)
        .expect("the autosave is kept")
        .unwrap();
    assert!(
        recovered
            .project
            .annotations
            .contains_key(&AnnotationId::new("first").unwrap())
    );
}

fn answer_save(h: &mut Harness<'_, Workbench>) {
    h.get_by_label("Save changes?");
    h.get_by_label("Save").click();
    h.run();
    wait_for_writes(h);
}

fn file_bytes(path: &Path) -> Vec<u8> {
    std::fs::read(path).unwrap()
}

#[test]
fn a_save_that_fails_on_close_keeps_the_window_open() {
    let mut s = setup(Step::Replace);
    let before = file_bytes(&s.mine);
    request_close(&mut s.h);
    assert!(commands(&s.h).contains(&ViewportCommand::CancelClose));
    s.h.run();
    answer_save(&mut s.h);
    assert!(
        !commands(&s.h).contains(&ViewportCommand::Close),
        "the window stays open"
    );
    s.h.get_by_label("The project was not saved");
    kept(&s, &before);
    // With the disk writable again, the same answer saves and closes.
    s.h.get_by_label("OK").click();
    s.h.run();
    s.h.state_mut().inject_faults(Faults::NONE);
    request_close(&mut s.h);
    s.h.run();
    s.h.get_by_label("Save").click();
    s.h.run();
    common::wait_until(&mut s.h, |w| !w.is_dirty(), "saved");
    s.h.step();
    assert!(
        store::read_recovery(&s.mine).is_none(),
        "saved: the autosave goes"
    );
    assert_eq!(
        store::load(&s.mine).unwrap().project,
        *s.h.state().project()
    );
}

#[test]
fn a_save_that_fails_before_opening_another_project_keeps_this_one() {
    let mut s = setup(Step::Write);
    let before = file_bytes(&s.mine);
    let other = s.other.clone();
    s.h.state_mut().act(Action::Proceed(Then::Open(other)));
    s.h.run();
    answer_save(&mut s.h);
    s.h.get_by_label("The project was not saved");
    kept(&s, &before);
}

#[test]
fn a_save_that_fails_before_a_new_project_keeps_this_one() {
    let mut s = setup(Step::SyncFile);
    let before = file_bytes(&s.mine);
    key_with(&mut s.h, Modifiers::COMMAND, Key::N);
    answer_save(&mut s.h);
    s.h.get_by_label("The project was not saved");
    kept(&s, &before);
}

#[test]
fn discarding_before_an_open_that_fails_changes_nothing() {
    let mut s = setup(Step::Write);
    let before = file_bytes(&s.mine);
    let broken = s.mine.with_file_name("broken.ron");
    std::fs::write(&broken, "(format_version: 2, title: ").unwrap();
    s.h.state_mut().act(Action::Proceed(Then::Open(broken)));
    s.h.run();
    s.h.get_by_label("Discard").click();
    s.h.run();
    s.h.get_by_label("The project could not be opened");
    kept(&s, &before);
    // The window still guards the work: closing asks first.
    s.h.get_by_label("OK").click();
    s.h.run();
    request_close(&mut s.h);
    assert!(commands(&s.h).contains(&ViewportCommand::CancelClose));
}

#[test]
fn a_failed_autosave_then_a_failed_save_on_close_keep_the_last_autosave() {
    let mut s = setup(Step::CreateTemp);
    let before = file_bytes(&s.mine);
    let autosaved = std::fs::read(store::recovery_path(&s.mine)).unwrap();
    change(&mut s.h, "second");
    let ctx = s.h.ctx.clone();
    s.h.state_mut().autosave_now(100.0, &ctx);
    wait_for_writes(&mut s.h);
    let status = s.h.state().status().cloned().unwrap();
    assert!(
        status.is_error && status.text.starts_with("Autosave failed"),
        "{status:?}"
    );
    request_close(&mut s.h);
    s.h.run();
    answer_save(&mut s.h);
    assert!(!commands(&s.h).contains(&ViewportCommand::Close));
    kept(&s, &before);
    assert!(
        s.h.state()
            .project()
            .annotations
            .contains_key(&AnnotationId::new("second").unwrap()),
        "the newest change is still in the window"
    );
    assert_eq!(
        std::fs::read(store::recovery_path(&s.mine)).unwrap(),
        autosaved,
        "the last good autosave is kept"
    );
}

#[test]
fn a_change_made_while_saving_before_closing_is_asked_about_again() {
    let mut s = setup(Step::Write);
    s.h.state_mut().inject_faults(Faults::NONE);
    let ctx = s.h.ctx.clone();
    let saving = s.h.state_mut().apply(Action::Save(Some(Then::Close)), &ctx);
    assert_eq!(saving, Ok(parallax::ui::Outcome::Started));
    // A change lands before the save, written beside the window, is taken in.
    change(&mut s.h, "meanwhile");
    wait_for_writes(&mut s.h);
    assert!(!commands(&s.h).contains(&ViewportCommand::Close));
    assert!(s.h.state().is_dirty(), "the change is not in the file");
    s.h.get_by_label("Save changes?");
}

#[test]
fn opening_another_project_leaves_an_autosave_not_yet_answered() {
    let mut s = setup(Step::Write);
    drop(s.h);
    // The next start offers the autosave back; the analyst opens another project instead.
    let app = Workbench::open(&s.mine, Prefs::default()).unwrap();
    s.h = builder().build_ui_state(|ui, app: &mut Workbench| app.show(ui), app);
    s.h.run();
    s.h.get_by_label("Restore unsaved work?");
    let other = s.other.clone();
    s.h.state_mut()
        .act(Action::Proceed(Then::Open(other.clone())));
    s.h.run();
    assert_eq!(s.h.state().file().path.as_deref(), Some(other.as_path()));
    assert!(
        store::read_recovery(&s.mine).is_some(),
        "the autosave is still there to restore"
    );
}

#[test]
fn a_discard_waits_for_the_autosave_under_way() {
    let mut s = setup(Step::Write);
    s.h.state_mut().inject_faults(Faults::NONE);
    change(&mut s.h, "second");
    let ctx = s.h.ctx.clone();
    s.h.state_mut().autosave_now(100.0, &ctx);
    assert!(s.h.state().is_writing());
    let other = s.other.clone();
    let discarding =
        s.h.state_mut()
            .apply(Action::Discard(Then::Open(other.clone())), &ctx);
    assert_eq!(discarding, Ok(parallax::ui::Outcome::Started));
    wait_for_writes(&mut s.h);
    assert_eq!(s.h.state().file().path.as_deref(), Some(other.as_path()));
    assert!(
        store::read_recovery(&s.mine).is_none(),
        "the autosave written meanwhile is discarded with the changes"
    );
}
