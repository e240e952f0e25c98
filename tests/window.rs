//! The window driven headless through egui_kittest: select with the mouse, tag with each
//! key, retag, delete, undo and redo, link to an entity, save, a failed save, the close
//! prompt, a file changed on disk, and autosave with recovery (restored, declined,
//! damaged, or failing to be written), and the file the window is started on (as a file
//! manager starts it): opened, or, when it cannot be, the reason shown; Help ▸ About
//! Parallax with the version from `Cargo.toml`, the licence and the font's licence.

mod common;

use egui::{Event, Key, Modifiers, PointerButton, Pos2, ViewportCommand, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use parallax::model::{Project, Source, Tag, TagKind};
use parallax::store::{self, Faults, Step};
use parallax::ui::action::{Cancel, Dialog, PathPurpose};
use parallax::ui::prefs::Prefs;
use parallax::ui::{Action, Outcome, ProjectFile, Workbench};

use common::{
    Dropped, builder, click_at, commands, key, key_with, pause, press, request_close, sid,
    wait_for_revision, wait_for_writes,
};

const KREMLIN: &str = "Vladimir Putin spoke with Pope Leo on Wednesday (June 4).\n\nПутин said the talks were “useful” — Ο Πάπας agreed. Putin thanked him.";
const VATICAN: &str = "Pope Leo called Putin.\n\nThe Vatican said the call was long.";

fn project() -> Project {
    let mut p = Project::new("Phone call");
    p.sources
        .push(Source::new(sid("kremlin"), "Kremlin readout", KREMLIN));
    p.sources
        .push(Source::new(sid("vatican"), "Vatican note", VATICAN));
    p
}

fn harness(app: Workbench) -> Harness<'static, Workbench> {
    builder().build_ui_state(|ui, app: &mut Workbench| app.show(ui), app)
}

/// A harness on a project not saved to a file.
fn on(project: Project) -> Harness<'static, Workbench> {
    let mut h = harness(Workbench::new(
        project,
        ProjectFile::default(),
        Prefs::default(),
    ));
    h.run();
    h
}

fn fresh() -> Harness<'static, Workbench> {
    on(project())
}

/// A point on the first line of a source's text, `dx` points right of where it starts.
fn text_point(h: &Harness<'_, Workbench>, title: &str, dx: f32, line: f32) -> Pos2 {
    let rect = h.get_by_label(&format!("Text of {title}")).rect();
    rect.min + vec2(22.0 + dx, 8.0 + line * 20.0)
}

/// Drags the mouse across the text, as an analyst selects.
fn drag(h: &mut Harness<'_, Workbench>, from: Pos2, to: Pos2) {
    h.event(Event::PointerMoved(from));
    h.step();
    press(h, from, true, Modifiers::NONE);
    h.step();
    for i in 1..=5 {
        h.event(Event::PointerMoved(from + (to - from) * (i as f32 / 5.0)));
        h.step();
    }
    press(h, to, false, Modifiers::NONE);
    h.run();
    pause(h);
}

fn double_click_at(h: &mut Harness<'_, Workbench>, pos: Pos2) {
    pause(h);
    h.event(Event::PointerMoved(pos));
    h.step();
    for _ in 0..2 {
        press(h, pos, true, Modifiers::NONE);
        h.step();
        press(h, pos, false, Modifiers::NONE);
        h.step();
    }
    h.run();
    pause(h);
}

/// Double-clicks a word of a source and tags it with a key.
fn tag_word(h: &mut Harness<'_, Workbench>, title: &str, dx: f32, line: f32, tag: Key) {
    let at = text_point(h, title, dx, line);
    double_click_at(h, at);
    key(h, tag);
}

fn selected_text(h: &Harness<'_, Workbench>) -> String {
    let app = h.state();
    let (source, sel) = app.selection().cloned().expect("a selection");
    app.project()
        .source(&source)
        .unwrap()
        .text
        .slice(sel.range())
        .to_string()
}

fn only_annotation(h: &Harness<'_, Workbench>) -> parallax::model::Annotation {
    let all: Vec<_> = h.state().project().annotations.values().cloned().collect();
    assert_eq!(all.len(), 1, "{all:?}");
    all.into_iter().next().unwrap()
}

#[test]
fn dragging_selects_text_and_each_key_tags_it() {
    let mut h = fresh();
    let start = text_point(&h, "Kremlin readout", 1.0, 0.0);
    drag(&mut h, start, start + vec2(95.0, 0.0));
    let selected = selected_text(&h);
    assert!(
        KREMLIN.starts_with(&selected) && selected.len() > 5,
        "{selected:?}"
    );
    key(&mut h, Key::A);
    let actor = only_annotation(&h);
    assert_eq!(actor.kind(), TagKind::Actor);
    assert_eq!(actor.quote.exact, selected.trim());
    assert_eq!(actor.start, 0);
    assert!(h.state().is_dirty());
    assert!(
        h.state().selection().is_none(),
        "tagging clears the selection"
    );
    assert_eq!(
        h.state().selected(),
        Some(&actor.id),
        "the new annotation is selected"
    );

    // Double-click selects one word; C and D tag it.
    let word = text_point(&h, "Vatican note", 3.0, 0.0);
    double_click_at(&mut h, word);
    assert_eq!(selected_text(&h), "Pope");
    key(&mut h, Key::C);
    let claims: Vec<_> = h
        .state()
        .project()
        .annotations
        .values()
        .filter(|a| a.kind() == TagKind::Claim)
        .cloned()
        .collect();
    assert_eq!(claims.len(), 1);
    assert_eq!(claims[0].quote.exact, "Pope");
    let word = text_point(&h, "Vatican note", 40.0, 0.0);
    double_click_at(&mut h, word);
    let date_word = selected_text(&h);
    key(&mut h, Key::D);
    let dates: Vec<_> = h
        .state()
        .project()
        .annotations
        .values()
        .filter(|a| a.kind() == TagKind::Date)
        .cloned()
        .collect();
    assert_eq!(dates.len(), 1);
    assert_eq!(dates[0].quote.exact, date_word);
}

#[test]
fn shift_click_extends_a_selection() {
    let mut h = fresh();
    let start = text_point(&h, "Vatican note", 1.0, 0.0);
    double_click_at(&mut h, start);
    assert_eq!(selected_text(&h), "Pope");
    let further = text_point(&h, "Vatican note", 60.0, 0.0);
    h.event(Event::PointerMoved(further));
    h.event(Event::ModifiersChanged(Modifiers::SHIFT));
    h.step();
    press(&h, further, true, Modifiers::SHIFT);
    h.step();
    press(&h, further, false, Modifiers::SHIFT);
    h.run();
    h.event(Event::ModifiersChanged(Modifiers::NONE));
    h.step();
    let extended = selected_text(&h);
    assert!(extended.starts_with("Pope Leo"), "{extended:?}");
}

#[test]
fn retag_delete_undo_and_redo() {
    let mut h = fresh();
    tag_word(&mut h, "Vatican note", 3.0, 0.0, Key::A);
    let tagged = only_annotation(&h);
    // Retag from the side panel.
    h.get_by_role_and_label(egui::Role::Button, "Claim").click();
    h.run();
    assert_eq!(only_annotation(&h).kind(), TagKind::Claim);
    // Delete with the key, then undo twice and redo.
    key(&mut h, Key::Delete);
    assert!(h.state().project().annotations.is_empty());
    key_with(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(only_annotation(&h).kind(), TagKind::Claim);
    key_with(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(only_annotation(&h).kind(), TagKind::Actor);
    key_with(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(h.state().project().annotations.is_empty());
    assert!(
        !h.state().is_dirty(),
        "undoing everything is the saved state again"
    );
    key_with(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(only_annotation(&h).id, tagged.id);
    key_with(&mut h, Modifiers::COMMAND, Key::Y);
    assert_eq!(only_annotation(&h).kind(), TagKind::Claim);
}

#[test]
fn clicking_an_annotation_selects_it() {
    let mut h = fresh();
    let word = text_point(&h, "Vatican note", 3.0, 0.0);
    double_click_at(&mut h, word);
    key(&mut h, Key::A);
    key(&mut h, Key::Escape);
    assert!(h.state().selected().is_none());
    click_at(&mut h, word);
    assert_eq!(h.state().selected(), Some(&only_annotation(&h).id));
    let at = text_point(&h, "Vatican note", 3.0, 2.0);
    click_at(&mut h, at);
    assert!(
        h.state().selected().is_none(),
        "clicking plain text clears it"
    );
}

#[test]
fn an_actor_is_linked_to_a_new_entity_and_every_mention_tagged_in_one_step() {
    let mut h = fresh();
    let putin = text_point(&h, "Vatican note", 120.0, 0.0);
    double_click_at(&mut h, putin);
    assert_eq!(selected_text(&h), "Putin");
    key(&mut h, Key::A);
    h.get_by_label("+ Create “Putin”").click();
    h.run();
    let entity = h
        .state()
        .project()
        .entities
        .values()
        .next()
        .cloned()
        .expect("an entity");
    assert_eq!(entity.name, "Putin");
    assert_eq!(
        only_annotation(&h).tag,
        Tag::Actor {
            entity: Some(entity.id.clone())
        }
    );
    let before = h.state().project().clone();
    h.get_by_label("Tag every other “Putin” in all sources")
        .click();
    h.run();
    let app = h.state();
    let mentions: Vec<_> = app
        .project()
        .annotations
        .values()
        .map(|a| (a.source.as_str().to_string(), a.quote.exact.clone()))
        .collect();
    assert_eq!(mentions.len(), 3, "{mentions:?}");
    assert!(app.project().annotations.values().all(|a| a.tag
        == Tag::Actor {
            entity: Some(entity.id.clone())
        }));
    key_with(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(
        *h.state().project(),
        before,
        "one undo takes every new mention back"
    );
}

#[test]
fn a_project_that_never_had_a_file_says_unchanged_not_saved() {
    let h = on(project());
    h.get_by_label("No changes");
    h.get_by_label("not saved to a file yet");
    assert!(h.query_by_label("✔ Saved").is_none());
}

#[test]
fn saving_writes_the_project_and_clears_the_unsaved_mark() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("call.ron");
    store::save(&project(), &path).unwrap();
    let mut h = harness(Workbench::open(&path, Prefs::default()).unwrap());
    h.run();
    assert!(!h.state().window_title().starts_with('●'));
    h.get_by_label("✔ Saved");
    tag_word(&mut h, "Vatican note", 3.0, 0.0, Key::D);
    assert!(
        h.state().window_title().starts_with('●'),
        "{}",
        h.state().window_title()
    );
    h.get_by_label("● Unsaved changes");
    key_with(&mut h, Modifiers::COMMAND, Key::S);
    wait_for_writes(&mut h);
    assert!(!h.state().is_dirty());
    assert!(!h.state().window_title().starts_with('●'));
    h.run();
    h.get_by_label("✔ Saved");
    let saved = store::load(&path).unwrap();
    assert_eq!(saved.project, *h.state().project());
    assert!(
        store::backup_path(&path).exists(),
        "the previous version is kept"
    );
}

#[test]
fn a_failed_save_says_why_and_keeps_the_changes_unsaved() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("call.ron");
    store::save(&project(), &path).unwrap();
    let before = std::fs::read(&path).unwrap();
    let mut app = Workbench::open(&path, Prefs::default()).unwrap();
    app.inject_faults(Faults::at(Step::Replace));
    let mut h = harness(app);
    h.run();
    tag_word(&mut h, "Vatican note", 3.0, 0.0, Key::A);
    key_with(&mut h, Modifiers::COMMAND, Key::S);
    wait_for_writes(&mut h);
    assert!(h.state().is_dirty());
    h.get_by_label("The project was not saved");
    let status = h.state().status().cloned().unwrap();
    assert!(
        status.is_error && status.text.contains("replacing the file"),
        "{status:?}"
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        before,
        "the file is as it was"
    );
}

#[test]
fn closing_with_unsaved_changes_asks_first() {
    let mut h = fresh();
    // Nothing unsaved: the window may close.
    request_close(&mut h);
    assert!(!commands(&h).contains(&ViewportCommand::CancelClose));
    tag_word(&mut h, "Vatican note", 3.0, 0.0, Key::A);
    request_close(&mut h);
    assert!(commands(&h).contains(&ViewportCommand::CancelClose));
    h.run();
    h.get_by_label("Save changes?");
    h.get_by_label("Cancel").click();
    h.run();
    assert!(h.query_by_label("Save changes?").is_none());
    assert!(h.state().is_dirty(), "cancel keeps the work");
    request_close(&mut h);
    h.run();
    h.get_by_label("Discard").click();
    h.step();
    assert!(commands(&h).contains(&ViewportCommand::Close));
}

#[test]
fn saving_over_a_file_another_program_changed_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("call.ron");
    store::save(&project(), &path).unwrap();
    let mut h = harness(Workbench::open(&path, Prefs::default()).unwrap());
    h.run();
    // Another program rewrites the file with the same size and modification time, so
    // only its content tells.
    let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
    let theirs = std::fs::read_to_string(&path)
        .unwrap()
        .replace("Phone call", "Phone cell");
    std::fs::write(&path, &theirs).unwrap();
    let file = std::fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(modified).unwrap();
    drop(file);
    let now = std::fs::metadata(&path).unwrap();
    assert_eq!(now.modified().unwrap(), modified);
    assert_eq!(now.len() as usize, theirs.len());
    tag_word(&mut h, "Vatican note", 3.0, 0.0, Key::A);
    key_with(&mut h, Modifiers::COMMAND, Key::S);
    wait_for_writes(&mut h);
    h.get_by_label("The file changed on disk");
    h.get_by_label("Cancel").click();
    h.run();
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        theirs,
        "their version is untouched"
    );
    assert!(h.state().is_dirty());
    key_with(&mut h, Modifiers::COMMAND, Key::S);
    wait_for_writes(&mut h);
    h.get_by_label("Overwrite").click();
    h.run();
    wait_for_writes(&mut h);
    assert!(!h.state().is_dirty());
    assert_eq!(store::load(&path).unwrap().project, *h.state().project());
}

#[test]
fn unsaved_work_is_autosaved_and_offered_back_after_a_crash() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("call.ron");
    store::save(&project(), &path).unwrap();
    let app = Workbench::open(&path, Prefs::default()).unwrap();
    let mut h = harness(app);
    h.run();
    tag_word(&mut h, "Vatican note", 3.0, 0.0, Key::A);
    assert!(
        store::read_recovery(&path).is_none(),
        "no autosave before 30 seconds"
    );
    // Twenty-nine seconds later, still nothing; thirty-one, and the work is autosaved.
    let now = h.ctx.input(|i| i.time);
    h.input_mut().time = Some(now + 29.0);
    h.step();
    wait_for_writes(&mut h);
    assert!(
        store::read_recovery(&path).is_none(),
        "no autosave before 30 seconds"
    );
    h.input_mut().time = Some(now + 31.0);
    h.step();
    h.input_mut().time = None;
    wait_for_writes(&mut h);
    assert!(
        store::read_recovery(&path).is_some(),
        "autosaved after 30 seconds: {:?}",
        h.state().status()
    );
    let changed = h.state().project().clone();
    // The process dies here: the harness is dropped without saving.
    drop(h);
    assert_eq!(
        store::load(&path).unwrap().project,
        project(),
        "the project file is as it was"
    );
    let mut h = harness(Workbench::open(&path, Prefs::default()).unwrap());
    h.run();
    h.get_by_label("Restore unsaved work?");
    h.get_by_label("Restore").click();
    h.run();
    assert_eq!(*h.state().project(), changed);
    assert!(h.state().is_dirty(), "restored work is unsaved until saved");
    key_with(&mut h, Modifiers::COMMAND, Key::S);
    wait_for_writes(&mut h);
    assert!(
        store::read_recovery(&path).is_none(),
        "saving removes the autosave"
    );
}

#[test]
fn find_highlights_matches_in_all_shown_sources() {
    let mut h = fresh();
    key_with(&mut h, Modifiers::COMMAND, Key::F);
    h.get_by_label("Find:");
    h.event(Event::Text("putin".into()));
    h.run();
    h.get_by_label("3 matches in 2 sources");
    let kremlin = &h.state().find().matches[&sid("kremlin")];
    assert_eq!(kremlin.len(), 2, "Путин is another word; {kremlin:?}");
}

#[test]
fn the_example_project_opens_with_every_source_shown() {
    let mut h = harness(parallax::ui::example_workbench(Prefs::default()));
    h.run();
    let app = h.state();
    assert!(app.project().sources.len() >= 3);
    for source in &app.project().sources {
        h.get_by_label(&format!("Text of {}", source.display_title()));
    }
    assert!(!app.is_dirty());
}

#[test]
fn hidden_sources_leave_the_columns() {
    let mut h = fresh();
    h.get_all_by_label("✖").next().unwrap().click();
    h.run();
    assert!(h.query_by_label("Text of Kremlin readout").is_none());
    h.get_by_label("Text of Vatican note");
}

#[test]
fn clicking_a_row_of_the_annotations_list_reveals_the_annotation() {
    let mut h = fresh();
    tag_word(&mut h, "Vatican note", 3.0, 0.0, Key::A);
    key(&mut h, Key::Escape);
    assert!(h.state().selected().is_none());
    h.state_mut().act(Action::Hide(sid("vatican")));
    h.run();
    // The row's text cell; the source comes back into view and the annotation is selected.
    h.get_by_label("Pope").click();
    h.run();
    let id = only_annotation(&h).id;
    assert_eq!(h.state().selected(), Some(&id));
    assert!(h.state().shown_sources().contains(&sid("vatican")));
}

#[test]
fn with_an_annotation_selected_a_tag_key_retags_it() {
    let mut h = fresh();
    tag_word(&mut h, "Vatican note", 3.0, 0.0, Key::A);
    key(&mut h, Key::D);
    assert_eq!(only_annotation(&h).kind(), TagKind::Date);
    key_with(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(only_annotation(&h).kind(), TagKind::Actor);
}

#[test]
fn a_project_is_opened_by_typing_its_path() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("other.ron");
    let mut other = Project::new("Other");
    other.sources.push(Source::new(
        sid("wire"),
        "Wire copy",
        "Tass reported, citing Peskov.",
    ));
    store::save(&other, &path).unwrap();
    let mut h = fresh();
    key_with(&mut h, Modifiers::COMMAND, Key::O);
    h.get_by_label("Open project");
    h.get_by_label("Path").focus();
    h.event(Event::Text(path.display().to_string()));
    h.run();
    h.get_by_label("Open").click();
    h.run();
    assert_eq!(*h.state().project(), other);
    assert_eq!(h.state().file().path.as_deref(), Some(path.as_path()));
    assert_eq!(
        h.state().prefs().recent.first().and_then(|p| p.file_name()),
        path.file_name()
    );
    h.get_by_label("Text of Wire copy");
}

#[test]
fn a_path_that_is_not_a_file_is_refused_in_the_prompt() {
    let mut h = fresh();
    key_with(&mut h, Modifiers::COMMAND, Key::O);
    h.get_by_label("Path").focus();
    h.event(Event::Text("/no/such/project.ron".into()));
    h.run();
    h.get_by_label("Open").click();
    h.run();
    h.get_by_label("/no/such/project.ron is not a file.");
    assert_eq!(*h.state().project(), project());
}

#[test]
fn dropped_documents_are_imported_off_the_window_thread_as_one_undoable_step() {
    let dir = tempfile::tempdir().unwrap();
    let a = dir.path().join("tass.txt");
    let b = dir.path().join("statement.html");
    let bad = dir.path().join("empty.txt");
    std::fs::write(&a, "Tass reported, citing Dmitry Peskov.\r\n").unwrap();
    std::fs::write(&b, "<html><head><title>Statement</title></head><body><p>The Pope called.</p><script>x()</script></body></html>").unwrap();
    std::fs::write(&bad, "").unwrap();
    let mut h = fresh();
    for path in [&a, &b, &bad] {
        h.input_mut()
            .dropped_files
            .push(std::sync::Arc::new(Dropped(path.clone())));
    }
    h.step();
    h.input_mut().dropped_files.clear();
    for _ in 0..200 {
        h.step();
        if h.state().project().sources.len() == 4 {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    h.run();
    let app = h.state();
    assert_eq!(
        app.project().sources.len(),
        4,
        "two documents added, the empty one refused"
    );
    let tass = app
        .project()
        .source(&sid("tass"))
        .expect("named after the file");
    assert_eq!(tass.text.as_str(), "Tass reported, citing Dmitry Peskov.\n");
    assert_eq!(
        app.project().source(&sid("statement")).unwrap().title,
        "Statement"
    );
    h.get_by_label("Some files were not added");
    h.get_by_label("OK").click();
    h.run();
    key_with(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(*h.state().project(), project());
}

#[test]
fn a_dropped_pdf_is_read_and_a_dropped_scan_is_refused_with_the_reason() {
    let dir = tempfile::tempdir().unwrap();
    let fixtures = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pdf");
    let article = dir.path().join("bridge.pdf");
    let scan = dir.path().join("scan.pdf");
    std::fs::copy(fixtures.join("bridge-headers.pdf"), &article).unwrap();
    std::fs::copy(fixtures.join("scan.pdf"), &scan).unwrap();
    let mut h = fresh();
    let before = h.state().project().sources.len();
    for path in [&article, &scan] {
        h.input_mut()
            .dropped_files
            .push(std::sync::Arc::new(Dropped(path.clone())));
    }
    h.step();
    h.input_mut().dropped_files.clear();
    for _ in 0..400 {
        h.step();
        if h.state().project().sources.len() > before {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    h.run();
    let project = h.state().project();
    assert_eq!(project.sources.len(), before + 1, "the scan is not added");
    let bridge = project
        .source(&sid("bridge"))
        .expect("named after the file");
    assert!(
        bridge.text.as_str().starts_with(
            "Engineers find cracks in the old river bridge as repairs fall behind\n\n"
        ),
        "{}",
        bridge.text.as_str()
    );
    let status = h
        .state()
        .status()
        .map(|s| s.text.clone())
        .unwrap_or_default();
    assert!(
        status.contains("pages of text,") && status.contains("running heads, feet"),
        "{status}"
    );
    h.get_by_label("Some files were not added");
    h.get_by_label(&format!(
        "{}: the PDF has no text layer (a scanned document?); Parallax does not recognise \
         text in images: run text recognition (OCR) on it first, or add a text version",
        scan.display()
    ));
}

#[test]
fn characters_no_font_has_are_drawn_as_a_box_not_a_crash() {
    let mut p = project();
    p.sources.push(Source::new(
        sid("emoji"),
        "Emoji",
        "Peace 🕊️ and 🌍, private \u{E000}, ZWJ 👩‍👩‍👧, RTL سلام.",
    ));
    // The window's fonts draw what they can; the unit test of `fonts` shows the rest
    // becomes a box under the window's policy.
    let mut h = Harness::builder()
        .with_size(vec2(1400.0, 900.0))
        .allow_missing_glyphs()
        .with_context_setup(parallax::ui::fonts::install)
        .build_ui_state(
            |ui, app: &mut Workbench| app.show(ui),
            Workbench::new(p, ProjectFile::default(), Prefs::default()),
        );
    h.run();
    h.get_by_label("Text of Emoji");
}

#[test]
fn a_selection_can_cross_paragraphs_and_the_toolbar_tags_it() {
    let mut h = fresh();
    let from = text_point(&h, "Kremlin readout", 200.0, 0.0);
    let to = text_point(&h, "Kremlin readout", 30.0, 3.0);
    drag(&mut h, from, to);
    let selected = selected_text(&h);
    assert!(selected.contains("\n\n"), "{selected:?}");
    h.get_by_label("C Claim").click();
    h.run();
    let claim = only_annotation(&h);
    assert_eq!(claim.kind(), TagKind::Claim);
    assert!(claim.quote.exact.contains("\n\n"));
}

#[test]
fn the_side_panel_sets_a_dates_value_a_claims_speaker_and_group_and_a_note() {
    let mut h = fresh();
    // A date, normalised by typing its value.
    tag_word(&mut h, "Kremlin readout", 300.0, 0.0, Key::D);
    h.get_by_label("Date value").focus();
    h.event(Event::Text("2025-06-04".into()));
    h.run();
    h.get_by_label("Set value").click();
    h.run();
    assert_eq!(
        only_annotation(&h).tag,
        Tag::Date {
            value: Some("2025-06-04".parse().unwrap())
        }
    );
    h.get_by_label("a day, 2025-06-04");
    // A claim: a new speaker, then a new claim group, then a note. Clicking the text
    // takes the keyboard back from the side panel's fields.
    tag_word(&mut h, "Vatican note", 3.0, 2.0, Key::C);
    let claim_id = h.state().selected().cloned().unwrap();
    h.get_by_label("Speaker search").focus();
    h.event(Event::Text("Matteo Bruni".into()));
    h.run();
    h.get_by_label("+ Create “Matteo Bruni”").click();
    h.run();
    h.get_by_label("Claim group search").focus();
    h.event(Event::Text("The call was long".into()));
    h.run();
    h.get_by_label("+ Create group “The call was long”").click();
    h.run();
    h.get_by_label("Note").focus();
    h.event(Event::Text("Vatican's own outlet".into()));
    h.run();
    key(&mut h, Key::Escape);
    let app = h.state();
    let claim = &app.project().annotations[&claim_id];
    let Tag::Claim {
        speaker: Some(speaker),
        via: None,
        group: Some(group),
        credibility: None,
    } = &claim.tag
    else {
        panic!("{:?}", claim.tag)
    };
    assert_eq!(app.project().entities[speaker].name, "Matteo Bruni");
    assert_eq!(app.project().claim_groups[group].label, "The call was long");
    assert_eq!(claim.note, "Vatican's own outlet");
    // Undo takes the note back, and the field shows it.
    key_with(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().project().annotations[&claim_id].note, "");
    assert_eq!(h.get_by_label("Note").value().as_deref(), Some(""));
}

#[test]
fn linked_scrolling_moves_every_column() {
    let mut p = Project::new("Long");
    let long = "A paragraph of a long report that goes on and on.\n".repeat(400);
    p.sources.push(Source::new(sid("one"), "One", long.clone()));
    p.sources.push(Source::new(sid("two"), "Two", long));
    let mut h = on(p);
    let scroll_of = |h: &Harness<'_, Workbench>, id: &str| h.state().layouts_scroll(&sid(id));
    let over = text_point(&h, "One", 40.0, 3.0);
    let wheel = |h: &mut Harness<'_, Workbench>| {
        h.event(Event::PointerMoved(over));
        h.event(Event::MouseWheel {
            unit: egui::MouseWheelUnit::Point,
            delta: vec2(0.0, -600.0),
            phase: egui::TouchPhase::Move,
            modifiers: Modifiers::NONE,
            source: egui::MouseWheelSource::Wheel,
        });
        h.run_steps(30);
    };
    wheel(&mut h);
    assert!(scroll_of(&h, "one") > 100.0);
    assert_eq!(
        scroll_of(&h, "two"),
        0.0,
        "unlinked, the other column stays"
    );
    h.get_by_label("⇅ Link scrolling").click();
    h.run_steps(5);
    wheel(&mut h);
    let (one, two) = (scroll_of(&h, "one"), scroll_of(&h, "two"));
    assert!(two > 100.0 && (one - two).abs() < 30.0, "{one} {two}");
}

#[test]
fn a_new_project_asks_about_unsaved_changes_first() {
    let mut h = fresh();
    tag_word(&mut h, "Vatican note", 3.0, 0.0, Key::A);
    key_with(&mut h, Modifiers::COMMAND, Key::N);
    h.get_by_label("Save changes?");
    h.get_by_label("Discard").click();
    h.run();
    assert!(h.state().project().sources.is_empty());
    h.get_by_label("No sources yet");
}

/// A project with one claim in two sources, worded differently, not grouped yet.
fn two_wordings() -> Project {
    let mut p = Project::new("Wordings");
    p.sources.push(Source::new(
        sid("radio"),
        "Radio",
        "He called it a gesture that would promote peace.",
    ));
    p.sources.push(Source::new(
        sid("wire"),
        "Wire",
        "She called it a step that would help promote peace.",
    ));
    let mut tag = |source: &str, words: &str| {
        let s = p.source(&sid(source)).unwrap().clone();
        let start = s.text.as_str().find(words).unwrap();
        let span = s.text.char_of(start)..s.text.char_of(start + words.len());
        let a = parallax::model::Annotation::new(
            parallax::model::AnnotationId::random(),
            &s,
            span,
            TagKind::Claim.empty_tag(),
        );
        p.annotations.insert(a.id.clone(), a);
    };
    tag("radio", "a gesture that would promote peace");
    tag("wire", "a step that would help promote peace");
    p
}

#[test]
fn a_claims_credibility_is_set_in_the_side_panel_and_graded_in_the_comparison() {
    let mut p = two_wordings();
    p.sources[1].reliability = Some(parallax::model::Reliability::B);
    let group = parallax::model::ClaimGroup::new(
        parallax::model::ClaimGroupId::new("appeal").unwrap(),
        "The appeal",
    );
    for a in p.annotations.values_mut() {
        if let Tag::Claim { group: g, .. } = &mut a.tag {
            *g = Some(group.id.clone());
        }
    }
    p.claim_groups.insert(group.id.clone(), group);
    let wire_claim = p
        .annotations
        .values()
        .find(|a| a.source == sid("wire"))
        .unwrap()
        .id
        .clone();
    let mut h = on(p);
    // The column's header shows the source's grade.
    h.get_by_label("publication date unknown · reliability B");
    h.state_mut()
        .act(Action::SelectAnnotation(Some(wire_claim.clone())));
    h.run();
    h.get_by_label("Source reliability: B — usually reliable · grade B-");
    h.get_by_label("Credibility").click();
    h.run();
    h.get_by_label("2 — probably true").click();
    h.run();
    let credibility =
        |h: &Harness<'_, Workbench>| match &h.state().project().annotations[&wire_claim].tag {
            Tag::Claim { credibility, .. } => credibility.map(|c| c.number()),
            _ => None,
        };
    assert_eq!(credibility(&h), Some(2));
    assert_eq!(h.state().undo_label(), Some("set credibility"));
    h.get_by_label("Source reliability: B — usually reliable · grade B2");
    key_with(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(credibility(&h), None);
    key_with(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(credibility(&h), Some(2));
    // A memo on the claim, shared by all its wordings, is kept when the field is left.
    h.get_by_label("Claim memo").focus();
    h.run();
    h.get_by_label("Claim memo")
        .type_text("Both quote the same statement.");
    h.run();
    h.get_by_label("Note").focus();
    h.run();
    let appeal = parallax::model::ClaimGroupId::new("appeal").unwrap();
    assert_eq!(
        h.state().project().claim_groups[&appeal].memo,
        "Both quote the same statement."
    );
    assert_eq!(
        h.state().undo_label(),
        Some("edit the memo of “The appeal”")
    );
    key(&mut h, Key::F3);
    h.get_by_label("Claims").click();
    h.run();
    h.get_by_label("B2");
    // The memo was one step, which Ctrl+Z undoes.
    key_with(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().project().claim_groups[&appeal].memo, "");
    assert_eq!(credibility(&h), Some(2), "only the memo was undone");
}

#[test]
fn claims_are_grouped_renamed_and_split_in_the_comparison_view() {
    let mut h = on(two_wordings());
    key(&mut h, Key::F3);
    h.get_by_label("Claims").click();
    h.run();
    h.get_by_label("Claims in no group");
    h.get_by_label("Tick “a gesture that would promote peace”")
        .click();
    h.get_by_label("Tick “a step that would help promote peace”")
        .click();
    h.run();
    h.get_by_label("New group label").focus();
    h.event(Event::Text("The appeal".into()));
    h.run();
    h.get_by_label("Group 2 claims").click();
    h.run();
    let groups = &h.state().project().claim_groups;
    assert_eq!(groups.len(), 1);
    let group = groups.values().next().unwrap().clone();
    assert_eq!(group.label, "The appeal");
    assert!(
        h.state()
            .project()
            .annotations
            .values()
            .all(|a| matches!(&a.tag, Tag::Claim { group: Some(g), .. } if *g == group.id))
    );
    // The view shows the group with the diff of the second wording.
    h.get_by_label("The appeal");
    h.get_by_label("Rename").click();
    h.run();
    h.get_by_label("Group label").focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(Event::Text("The call for peace".into()));
    h.run();
    h.get_by_label("Done").click();
    h.run();
    assert_eq!(
        h.state().project().claim_groups[&group.id].label,
        "The call for peace"
    );
    // Split one wording out into a group of its own, then undo it.
    h.get_all_by_label("Split out").next().unwrap().click();
    h.run();
    assert_eq!(h.state().project().claim_groups.len(), 2);
    key_with(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().project().claim_groups.len(), 1);
    key_with(&mut h, Modifiers::COMMAND, Key::Z);
    key_with(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(
        h.state().project().claim_groups.is_empty(),
        "grouping is undone in one step"
    );
}

#[test]
fn a_comparison_cell_leads_back_to_the_words_in_the_source() {
    let mut h = harness(parallax::ui::example_workbench(Prefs::default()));
    h.run();
    key(&mut h, Key::F3);
    assert!(h.state().is_comparing());
    // The actors table names each actor's forms; clicking one reveals it.
    let form = h
        .get_all_by_label_contains("“")
        .next()
        .expect("a form")
        .rect()
        .center();
    h.event(Event::PointerMoved(form));
    h.step();
    press(&h, form, true, Modifiers::NONE);
    h.step();
    press(&h, form, false, Modifiers::NONE);
    h.run();
    assert!(!h.state().is_comparing(), "back to the sources");
    let selected = h
        .state()
        .selected()
        .cloned()
        .expect("the mention is selected");
    assert_eq!(
        h.state().project().annotations[&selected].kind(),
        TagKind::Actor
    );
}

#[test]
fn the_comparison_follows_an_edit_within_the_frame() {
    let mut h = on(two_wordings());
    key(&mut h, Key::F3);
    h.get_by_label("Dates").click();
    h.run();
    assert!(h.query_by_label_contains("2025-06 (month)").is_none());
    key(&mut h, Key::F2);
    tag_word(&mut h, "Radio", 3.0, 0.0, Key::D);
    h.get_by_label("Date value").focus();
    h.event(Event::Text("2025-06".into()));
    h.run();
    h.get_by_label("Set value").click();
    h.run();
    key(&mut h, Key::F3);
    h.get_by_label_contains("2025-06 (month)");
}

#[test]
fn the_export_dialog_opens_from_the_keyboard_and_exports_without_blocking() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("call.ron");
    store::save(&project(), &path).unwrap();
    let mut h = harness(Workbench::open(&path, Prefs::default()).unwrap());
    h.run();
    key_with(&mut h, Modifiers::COMMAND, Key::E);
    assert!(h.state().is_exporting());
    h.get_by_label("Export").click();
    for _ in 0..200 {
        h.step();
        if !h.state().is_exporting() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    let status = h.state().status().cloned().expect("a message");
    assert!(
        status
            .text
            .starts_with("Exported 0 annotations of 2 sources"),
        "{status:?}"
    );
    assert!(dir.path().join("call.html").is_file());
}

#[test]
fn work_on_a_project_never_saved_is_autosaved_where_the_window_says() {
    let dir = tempfile::tempdir().unwrap();
    let untitled = dir.path().join("untitled.ron");
    let mut app = Workbench::new(project(), ProjectFile::default(), Prefs::default());
    app.set_untitled_recovery(Some(untitled.clone()));
    let mut h = harness(app);
    h.run();
    tag_word(&mut h, "Vatican note", 3.0, 0.0, Key::A);
    let ctx = h.ctx.clone();
    h.state_mut().autosave_now(0.0, &ctx);
    wait_for_writes(&mut h);
    assert!(store::read_recovery(&untitled).is_some());
    let changed = h.state().project().clone();
    drop(h);
    let mut again = Workbench::new(project(), ProjectFile::default(), Prefs::default());
    again.set_untitled_recovery(Some(untitled.clone()));
    again.offer_recovery();
    let mut h = harness(again);
    h.run();
    h.get_by_label("Restore").click();
    h.run();
    assert_eq!(*h.state().project(), changed);
}

/// Lets autosave's thirty seconds pass.
fn wait_for_autosave(h: &mut Harness<'_, Workbench>) {
    let now = h.ctx.input(|i| i.time);
    h.input_mut().time = Some(now + 31.0);
    h.step();
    h.input_mut().time = None;
    wait_for_writes(h);
}

#[test]
fn recovery_restores_every_change_up_to_the_last_autosave() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("call.ron");
    store::save(&project(), &path).unwrap();
    let mut h = harness(Workbench::open(&path, Prefs::default()).unwrap());
    h.run();
    tag_word(&mut h, "Vatican note", 3.0, 0.0, Key::A);
    tag_word(&mut h, "Kremlin readout", 3.0, 0.0, Key::A);
    wait_for_autosave(&mut h);
    let autosaved = h.state().project().clone();
    assert_eq!(autosaved.annotations.len(), 2);
    // A change after the last autosave is what a crash loses, and only that.
    key_with(&mut h, Modifiers::COMMAND, Key::Z);
    tag_word(&mut h, "Vatican note", 60.0, 0.0, Key::D);
    assert_ne!(*h.state().project(), autosaved);
    drop(h);
    let mut h = harness(Workbench::open(&path, Prefs::default()).unwrap());
    h.run();
    h.get_by_label("Restore").click();
    h.run();
    assert_eq!(*h.state().project(), autosaved);
}

#[test]
fn declining_recovery_keeps_the_saved_project_and_forgets_the_autosave() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("call.ron");
    store::save(&project(), &path).unwrap();
    let saved = std::fs::read(&path).unwrap();
    let mut h = harness(Workbench::open(&path, Prefs::default()).unwrap());
    h.run();
    tag_word(&mut h, "Vatican note", 3.0, 0.0, Key::A);
    wait_for_autosave(&mut h);
    assert!(store::read_recovery(&path).is_some());
    drop(h);
    let mut h = harness(Workbench::open(&path, Prefs::default()).unwrap());
    h.run();
    h.get_by_label("Discard autosave").click();
    h.run();
    assert_eq!(*h.state().project(), project());
    assert!(!h.state().is_dirty());
    assert!(
        store::read_recovery(&path).is_none(),
        "the autosave is gone"
    );
    assert_eq!(
        std::fs::read(&path).unwrap(),
        saved,
        "the project file is as saved"
    );
    drop(h);
    let mut h = harness(Workbench::open(&path, Prefs::default()).unwrap());
    h.run();
    assert!(h.query_by_label("Restore unsaved work?").is_none());
}

#[test]
fn a_damaged_recovery_file_is_reported_and_left_for_the_analyst() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("call.ron");
    store::save(&project(), &path).unwrap();
    let damaged = b"(format_version: 2, title: \"Phone ca\xFF";
    let recovery = store::recovery_path(&path);
    std::fs::write(&recovery, damaged).unwrap();
    let mut h = harness(Workbench::open(&path, Prefs::default()).unwrap());
    h.run();
    assert!(h.query_by_label("Restore unsaved work?").is_none());
    let status = h.state().status().cloned().unwrap();
    assert!(
        status.is_error && status.text.contains(".call.ron.recovery"),
        "{status:?}"
    );
    assert_eq!(*h.state().project(), project(), "the saved project opens");
    assert_eq!(
        std::fs::read(&recovery).unwrap(),
        damaged,
        "nothing is deleted"
    );
}

#[test]
fn a_failed_autosave_says_why_and_keeps_the_work_unsaved() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = Workbench::new(project(), ProjectFile::default(), Prefs::default());
    app.set_untitled_recovery(Some(dir.path().join("no-such-folder").join("untitled.ron")));
    let mut h = harness(app);
    h.run();
    tag_word(&mut h, "Vatican note", 3.0, 0.0, Key::A);
    wait_for_autosave(&mut h);
    let status = h.state().status().cloned().unwrap();
    assert!(
        status.is_error
            && status.text.starts_with("Autosave failed")
            && status.text.contains("no-such-folder"),
        "{status:?}"
    );
    assert!(h.state().is_dirty());
    assert_eq!(h.state().project().annotations.len(), 1, "the work is kept");
    // It is tried again thirty seconds later, not at every frame.
    h.state_mut().act(Action::Status("Waiting".into()));
    h.step();
    let now = h.ctx.input(|i| i.time);
    for later in [1.0, 15.0, 29.0] {
        h.input_mut().time = Some(now + later);
        h.step();
        wait_for_writes(&mut h);
        let status = h.state().status().cloned().unwrap();
        assert!(!status.is_error, "tried again after {later} s: {status:?}");
    }
    h.input_mut().time = Some(now + 31.0);
    h.step();
    wait_for_writes(&mut h);
    assert!(h.state().status().is_some_and(|s| s.is_error));
}

fn right_click_at(h: &mut Harness<'_, Workbench>, pos: Pos2) {
    pause(h);
    h.event(Event::PointerMoved(pos));
    h.step();
    for pressed in [true, false] {
        h.event(Event::PointerButton {
            pos,
            button: PointerButton::Secondary,
            pressed,
            modifiers: Modifiers::NONE,
        });
        h.step();
    }
    h.run();
}

#[test]
fn a_source_is_revised_from_its_column_and_undone_in_one_step() {
    let dir = tempfile::tempdir().unwrap();
    let revised = "UPDATED after publication.\n\nPope Leo called Putin.\n\nThe Vatican said the call was long.";
    let file = dir.path().join("vatican-2.txt");
    std::fs::write(&file, revised).unwrap();
    let mut h = fresh();
    tag_word(&mut h, "Vatican note", 3.0, 0.0, Key::A);
    assert_eq!(only_annotation(&h).span(), 0..4);
    // A selection in the old text does not outlive it.
    let word = text_point(&h, "Vatican note", 60.0, 0.0);
    double_click_at(&mut h, word);
    assert!(h.state().selection().is_some());
    // The column's title: the label above the column's text.
    let column = h.get_by_label("Text of Vatican note").rect();
    let title = h
        .query_all_by_label("Vatican note")
        .map(|node| node.rect())
        .find(|r| r.max.y <= column.min.y && column.x_range().contains(r.center().x))
        .expect("the column's title")
        .center();
    right_click_at(&mut h, title);
    h.get_by_label("Revise text from a file…").click();
    h.run();
    h.get_by_label("Revise the source's text");
    h.get_by_label_contains("The text of “Vatican note” is replaced");
    h.get_by_label("Path").focus();
    h.event(Event::Text(file.display().to_string()));
    h.run();
    h.get_by_label("Revise").click();
    h.run();
    wait_for_revision(&mut h);
    let vatican = h.state().project().source(&sid("vatican")).unwrap().clone();
    assert_eq!(vatican.text.as_str(), revised);
    // A project never saved has no folder: the document's whole path is kept.
    assert_eq!(vatican.origin, Some(file.canonicalize().unwrap()));
    // And the hash of the file's bytes, as a source added from it would.
    assert_eq!(
        vatican.file_hash,
        Some(parallax::model::bytes_hash(revised.as_bytes()))
    );
    assert!(
        h.state().selection().is_none(),
        "{:?}",
        h.state().selection()
    );
    let pope = only_annotation(&h);
    assert_eq!(
        vatican.text.slice(pope.span()),
        "Pope",
        "the annotation followed its word"
    );
    let status = h.state().status().cloned().unwrap();
    assert!(
        !status.is_error && status.text.contains("1 moved with their words"),
        "{status:?}"
    );
    // The column shows the new text: its first word is the new one.
    let first_word = text_point(&h, "Vatican note", 3.0, 0.0);
    double_click_at(&mut h, first_word);
    assert_eq!(selected_text(&h), "UPDATED");
    key(&mut h, Key::Escape);
    key_with(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(*h.state().project(), {
        let mut before = project();
        before.annotations.insert(pope.id.clone(), {
            let mut was = pope.clone();
            was.start = 0;
            was.end = 4;
            was.quote = before.sources[1].text.quote(0..4);
            was
        });
        before
    });
    let first_word = text_point(&h, "Vatican note", 3.0, 0.0);
    double_click_at(&mut h, first_word);
    assert_eq!(selected_text(&h), "Pope");
}

#[test]
fn revising_with_a_missing_or_unchanged_file_says_why_and_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let same = dir.path().join("same.txt");
    std::fs::write(&same, VATICAN).unwrap();
    let mut h = fresh();
    h.state_mut()
        .act(Action::OpenDialog(Dialog::Path(PathPurpose::Revise(sid(
            "vatican",
        )))));
    h.run();
    h.get_by_label("Path").focus();
    h.event(Event::Text(
        dir.path().join("gone.txt").display().to_string(),
    ));
    h.run();
    h.get_by_label("Revise").click();
    h.run();
    h.get_by_label_contains("is not a file");
    h.get_by_label("Cancel").click();
    h.run();
    h.state_mut()
        .act(parallax::ui::Action::ReviseSource(sid("vatican"), same));
    h.run();
    wait_for_revision(&mut h);
    let status = h.state().status().cloned().unwrap();
    assert!(
        status.is_error && status.text.contains("nothing to revise"),
        "{status:?}"
    );
    assert_eq!(*h.state().project(), project());
    assert!(!h.state().is_dirty());
}

#[test]
fn documents_in_the_projects_folder_are_stored_relative_to_it_as_on_the_command_line() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("p.ron");
    store::save(&project(), &path).unwrap();
    let inside = dir.path().join("reports").join("wire.txt");
    std::fs::create_dir(inside.parent().unwrap()).unwrap();
    std::fs::write(&inside, "Pope Leo called.").unwrap();
    let elsewhere = tempfile::tempdir().unwrap();
    let outside = elsewhere.path().join("radio.txt");
    std::fs::write(&outside, "Putin spoke.").unwrap();
    let mut app = Workbench::open(&path, Prefs::default()).unwrap();
    let documents =
        [&inside, &outside].map(|file| Ok(parallax::import::read_document(file).unwrap()));
    app.finish_import(documents.into_iter().collect(), false);
    let origins: Vec<_> = ["wire", "radio"]
        .map(|id| app.project().source(&sid(id)).unwrap().origin.clone())
        .into();
    let relative = std::path::PathBuf::from("reports").join("wire.txt");
    assert_eq!(
        origins,
        [
            Some(relative.clone()),
            Some(outside.canonicalize().unwrap())
        ]
    );
    // The command line stores the same.
    let cli = dir.path().join("cli.ron");
    store::save(&project(), &cli).unwrap();
    let added = std::process::Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(["add", "cli.ron", "reports/wire.txt"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(added.status.success(), "{added:?}");
    let loaded = store::load(&cli).unwrap().project;
    assert_eq!(loaded.source(&sid("wire")).unwrap().origin, Some(relative));
}

#[test]
fn a_revision_is_worked_out_while_the_window_goes_on_and_an_edit_meanwhile_wins() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("vatican-2.txt");
    std::fs::write(&file, format!("UPDATED.\n\n{VATICAN}")).unwrap();
    let mut h = fresh();
    tag_word(&mut h, "Vatican note", 3.0, 0.0, Key::A);
    let pope = only_annotation(&h);
    // The revision starts, and in the same frame the analyst removes the annotation.
    h.state_mut().act(parallax::ui::Action::ReviseSource(
        sid("vatican"),
        file.clone(),
    ));
    h.state_mut().act(parallax::ui::Action::edit(
        parallax::edit::Command::RemoveAnnotation(pope.id.clone()),
        "Delete annotation",
    ));
    h.run();
    wait_for_revision(&mut h);
    let status = h.state().status().cloned().unwrap();
    assert!(
        status.is_error
            && status
                .text
                .contains("changed while the revision was worked out"),
        "{status:?}"
    );
    assert_eq!(h.state().project().sources[1].text.as_str(), VATICAN);
    assert!(h.state().project().annotations.is_empty());
    // Revised again, nothing in between: it is done, and named in the status bar's
    // progress meanwhile.
    let ctx = h.ctx.clone();
    let started = h
        .state_mut()
        .apply(Action::ReviseSource(sid("vatican"), file.clone()), &ctx);
    assert_eq!(started, Ok(Outcome::Started));
    assert_eq!(h.state().work_under_way(), ["Revising vatican"]);
    wait_for_revision(&mut h);
    assert!(
        h.state().project().sources[1]
            .text
            .as_str()
            .starts_with("UPDATED."),
        "{:?}",
        h.state().status()
    );
    // A cancelled revision changes nothing.
    key_with(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().project().sources[1].text.as_str(), VATICAN);
    // Cancelled before the window next looks at it, however quick the work was.
    let started = h
        .state_mut()
        .apply(Action::ReviseSource(sid("vatican"), file), &ctx);
    assert_eq!(started, Ok(Outcome::Started));
    let cancelled = h.state_mut().apply(Action::Cancel(Cancel::Revision), &ctx);
    assert_eq!(cancelled, Ok(Outcome::Done));
    wait_for_revision(&mut h);
    assert_eq!(h.state().project().sources[1].text.as_str(), VATICAN);
    assert!(h.state().status().unwrap().text.contains("cancelled"));
}

#[test]
fn a_file_given_on_the_command_line_opens_and_one_that_cannot_says_why_in_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let good = dir.path().join("phone call.ron");
    store::save(&project(), &good).unwrap();
    let (app, failure) = parallax::ui::open_for_window(&good, Prefs::default());
    assert_eq!(failure, None);
    assert_eq!(app.project().title, "Phone call");
    assert_eq!(app.file().path.as_deref(), Some(good.as_path()));

    // A file manager may hand Parallax any file: with no terminal to read, the window
    // says why it did not open, on an untitled project.
    let broken = dir.path().join("notes.ron");
    std::fs::write(&broken, "(format_version: 3, title: \"cut off").unwrap();
    let (app, failure) = parallax::ui::open_for_window(&broken, Prefs::default());
    let why = failure.expect("a broken file is not opened");
    assert!(why.contains("notes.ron"), "{why}");
    let mut h = harness(app);
    h.run();
    h.get_by_label("The project could not be opened");
    assert!(
        h.query_by_label(&why).is_some(),
        "the reason, naming the file"
    );
    assert_eq!(h.state().project().title, "Untitled");
    assert_eq!(h.state().file().path, None);
}

fn shows_words(h: &Harness<'_, Workbench>, words: &str) -> bool {
    h.query_by_label_contains(words).is_some()
}

#[test]
fn about_shows_the_version_the_licence_and_the_fonts_licence() {
    let mut h = on(Project::new("Call"));
    let version = format!("Version {}", env!("CARGO_PKG_VERSION"));
    assert!(!shows_words(&h, &version), "About is closed at first");

    h.get_by_label("Help").click();
    h.run();
    h.get_by_label("About Parallax").click();
    h.run();

    assert!(shows_words(&h, &version));
    assert!(shows_words(
        &h,
        "Licence: MIT or Apache-2.0, at your choice."
    ));
    assert!(shows_words(&h, "DejaVu Sans, bundled with Parallax"));
    assert!(
        !shows_words(&h, "Bitstream Vera is a trademark"),
        "the licence text is folded"
    );

    h.get_by_label("DejaVu Sans licence").click();
    h.run();
    let licence = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/fonts/DejaVuSans-LICENSE.txt"
    ))
    .unwrap();
    assert!(
        h.query_by_label(&licence).is_some(),
        "the whole licence file"
    );

    h.get_by_label("Close").click();
    h.run();
    assert!(!shows_words(&h, &version), "Close closes About");
}
