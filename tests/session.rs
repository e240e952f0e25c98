//! A whole annotation session in the window, driven headless through egui_kittest: an
//! annotation's edges moved by its handles and by keys with its links kept, selections
//! snapped to words, Find's match tagged from the keyboard, stepping through annotations,
//! the side panel reached by keys, the sheet of keys, the entity type-ahead, a date's
//! proposed value, and a layout that holds still (a long label, a small window).

mod common;

use egui::{Event, Key, Modifiers, Pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use parallax::model::{
    Annotation, AnnotationId, Entity, EntityId, EntityKind, Project, Source, Tag, TagKind,
};
use parallax::ui::keys::{KEYS, row_keys};
use parallax::ui::prefs::Prefs;
use parallax::ui::{ProjectFile, Workbench};

use common::{builder, click_at, key, key_with, pause, press, sid};

const HARBOUR: &str = "Tomas Reyes met Captain Vosk at the port on Monday.\n\nDoravian State Radio said Ada Brink would speak.";
const WIRE: &str = "Ada Brink spoke to reporters.\n\nCaptain Vosk declined to comment.";

fn source(id: &str, title: &str, text: &str) -> Source {
    let mut s = Source::new(sid(id), title, text);
    s.published = Some("2025-06-10".parse().unwrap());
    s
}

/// Two sources; in the first, “Tomas Re” is tagged as an actor linked to Tomas Reyes.
fn project() -> (Project, AnnotationId) {
    let mut p = Project::new("Harbour");
    p.sources.push(source("harbour", "Harbour report", HARBOUR));
    p.sources.push(source("wire", "Wire story", WIRE));
    let reyes = EntityId::new("tomas-reyes").unwrap();
    p.entities.insert(
        reyes.clone(),
        Entity::new(reyes.clone(), "Tomas Reyes", EntityKind::Person),
    );
    let vosk = EntityId::new("captain-vosk").unwrap();
    p.entities.insert(
        vosk.clone(),
        Entity::new(vosk, "Captain Vosk", EntityKind::Person),
    );
    let id = AnnotationId::random();
    let a = Annotation::new(
        id.clone(),
        &p.sources[0],
        0..8,
        Tag::Actor {
            entity: Some(reyes),
        },
    );
    p.annotations.insert(id.clone(), a);
    (p, id)
}

fn harness_sized(project: Project, size: egui::Vec2) -> Harness<'static, Workbench> {
    let app = Workbench::new(project, ProjectFile::default(), Prefs::default());
    let mut h = builder()
        .with_size(size)
        .build_ui_state(|ui, app: &mut Workbench| app.show(ui), app);
    h.run();
    h
}

fn harness(project: Project) -> Harness<'static, Workbench> {
    harness_sized(project, vec2(1400.0, 900.0))
}

/// A point on a line of a source's text, `dx` points right of where the text starts.
fn text_point(h: &Harness<'_, Workbench>, title: &str, dx: f32, line: f32) -> Pos2 {
    let rect = h.get_by_label(&format!("Text of {title}")).rect();
    rect.min + vec2(22.0 + dx, 8.0 + line * 20.0)
}

/// Drags the mouse from one point to another with `modifiers` held throughout.
fn drag_with(h: &mut Harness<'_, Workbench>, from: Pos2, to: Pos2, modifiers: Modifiers) {
    h.event(Event::ModifiersChanged(modifiers));
    h.event(Event::PointerMoved(from));
    h.step();
    press(h, from, true, modifiers);
    h.step();
    for i in 1..=6 {
        h.event(Event::PointerMoved(from + (to - from) * (i as f32 / 6.0)));
        h.step();
    }
    press(h, to, false, modifiers);
    h.run();
    h.event(Event::ModifiersChanged(Modifiers::NONE));
    pause(h);
}

fn annotation(h: &Harness<'_, Workbench>, id: &AnnotationId) -> Annotation {
    h.state().project().annotations[id].clone()
}

fn words(h: &Harness<'_, Workbench>, id: &AnnotationId) -> String {
    annotation(h, id).quote.exact
}

fn selected_text(h: &Harness<'_, Workbench>) -> String {
    let app = h.state();
    let (source, sel) = app.selection().cloned().expect("a selection");
    let text = &app.project().source(&source).unwrap().text;
    text.slice(text.span_to_tag(sel.range()).unwrap())
        .to_string()
}

/// Selects an annotation by clicking inside its words.
fn select(h: &mut Harness<'_, Workbench>, title: &str, dx: f32, line: f32) {
    let at = text_point(h, title, dx, line);
    click_at(h, at);
}

#[test]
fn dragging_a_handle_moves_an_edge_and_keeps_the_links_in_one_undoable_step() {
    let (p, id) = project();
    let linked = annotation(&harness(p.clone()), &id).tag;
    let mut h = harness(p);
    select(&mut h, "Harbour report", 10.0, 0.0);
    assert_eq!(h.state().selected(), Some(&id));
    let end = h.get_by_label("End of the selected annotation").rect();
    let start = h.get_by_label("Start of the selected annotation").rect();
    assert!(start.center().x < end.center().x);
    // Let go in the middle of “Reyes”: the edge takes the whole word.
    let from = end.center();
    drag_with(&mut h, from, from + vec2(12.0, 0.0), Modifiers::NONE);
    assert_eq!(words(&h, &id), "Tomas Reyes");
    assert_eq!(annotation(&h, &id).tag, linked, "its link stays");
    assert_eq!(h.state().selected(), Some(&id));
    assert!(h.state().selection().is_none(), "no text was selected");
    // With Alt the edge stops at a character.
    let end = h.get_by_label("End of the selected annotation").rect();
    drag_with(
        &mut h,
        end.center(),
        end.center() - vec2(14.0, 0.0),
        Modifiers::ALT,
    );
    let shorter = words(&h, &id);
    assert!(
        shorter.starts_with("Tomas R") && shorter.len() < "Tomas Reyes".len(),
        "{shorter:?}"
    );
    key_with(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(words(&h, &id), "Tomas Reyes");
    key_with(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(words(&h, &id), "Tomas Re", "each drag is one step");
}

#[test]
fn shift_arrows_move_the_edges_by_character_and_word() {
    let (p, id) = project();
    let mut h = harness(p);
    select(&mut h, "Harbour report", 10.0, 0.0);
    key_with(&mut h, Modifiers::SHIFT, Key::ArrowRight);
    assert_eq!(words(&h, &id), "Tomas Rey");
    key_with(
        &mut h,
        Modifiers::COMMAND | Modifiers::SHIFT,
        Key::ArrowRight,
    );
    assert_eq!(words(&h, &id), "Tomas Reyes");
    key_with(
        &mut h,
        Modifiers::COMMAND | Modifiers::SHIFT,
        Key::ArrowRight,
    );
    assert_eq!(words(&h, &id), "Tomas Reyes met");
    key_with(&mut h, Modifiers::SHIFT, Key::ArrowLeft);
    assert_eq!(words(&h, &id), "Tomas Reyes me");
    key_with(&mut h, Modifiers::ALT | Modifiers::SHIFT, Key::ArrowRight);
    assert_eq!(words(&h, &id), "omas Reyes me");
    key_with(
        &mut h,
        Modifiers::COMMAND | Modifiers::ALT | Modifiers::SHIFT,
        Key::ArrowRight,
    );
    assert_eq!(words(&h, &id), "Reyes me");
    assert!(matches!(
        annotation(&h, &id).tag,
        Tag::Actor { entity: Some(_) }
    ));
    for _ in 0..6 {
        key_with(&mut h, Modifiers::COMMAND, Key::Z);
    }
    assert_eq!(words(&h, &id), "Tomas Re");
    // Plain arrows and keys in a field leave the annotation alone.
    key(&mut h, Key::ArrowRight);
    assert_eq!(words(&h, &id), "Tomas Re");
}

#[test]
fn a_drag_selects_whole_words_and_alt_selects_characters() {
    let (p, _) = project();
    let mut h = harness(p);
    // From inside “Tomas” to inside “Captain”.
    let from = text_point(&h, "Wire story", 0.0, 2.0) + vec2(16.0, 0.0);
    let to = from + vec2(60.0, 0.0);
    drag_with(&mut h, from, to, Modifiers::NONE);
    let whole = selected_text(&h);
    assert!(
        WIRE.contains(&whole) && whole.starts_with("Captain") && !whole.ends_with(' '),
        "{whole:?}"
    );
    let last = whole.split_whitespace().last().unwrap();
    assert!(
        WIRE.split_whitespace()
            .any(|w| w.trim_end_matches('.') == last),
        "ends on a whole word: {whole:?}"
    );
    drag_with(&mut h, from, to, Modifiers::ALT);
    let part = selected_text(&h);
    assert!(
        !part.starts_with("Captain") && "Captain Vosk declined".contains(&part),
        "{part:?}"
    );
}

#[test]
fn finds_match_is_tagged_from_the_keyboard() {
    let (p, _) = project();
    let mut h = harness(p);
    key_with(&mut h, Modifiers::COMMAND, Key::F);
    h.event(Event::Text("ada brink".into()));
    h.run();
    key(&mut h, Key::Enter);
    assert_eq!(selected_text(&h), "Ada Brink");
    key(&mut h, Key::Escape);
    key(&mut h, Key::A);
    let tagged: Vec<Annotation> = h
        .state()
        .project()
        .annotations
        .values()
        .filter(|a| a.quote.exact == "Ada Brink")
        .cloned()
        .collect();
    assert_eq!(tagged.len(), 1, "the match was tagged");
    assert_eq!(tagged[0].kind(), TagKind::Actor);
    assert_eq!(
        tagged[0].source,
        sid("harbour"),
        "the first match, in reading order"
    );
}

#[test]
fn brackets_step_through_the_annotations_in_reading_order() {
    let (mut p, first) = project();
    let wire = p.sources[1].clone();
    let harbour = p.sources[0].clone();
    let mut put = |source: &Source, span: std::ops::Range<usize>| {
        let a = Annotation::new(
            AnnotationId::random(),
            source,
            span,
            TagKind::Actor.empty_tag(),
        );
        let id = a.id.clone();
        p.annotations.insert(id.clone(), a);
        id
    };
    let ada = put(&wire, 0..9);
    let vosk_in_harbour = put(&harbour, 16..28);
    let vosk_in_wire = put(&wire, 31..43);
    let mut h = harness(p);
    let mut seen = Vec::new();
    for _ in 0..5 {
        key(&mut h, Key::CloseBracket);
        seen.push(h.state().selected().cloned().unwrap());
    }
    assert_eq!(
        seen,
        [
            first.clone(),
            vosk_in_harbour.clone(),
            ada.clone(),
            vosk_in_wire.clone(),
            first.clone()
        ],
        "columns left to right, each top to bottom, round again"
    );
    key(&mut h, Key::OpenBracket);
    assert_eq!(h.state().selected(), Some(&vosk_in_wire));
    key_with(&mut h, Modifiers::ALT, Key::ArrowUp);
    assert_eq!(h.state().selected(), Some(&ada));
    key_with(&mut h, Modifiers::ALT, Key::ArrowDown);
    assert_eq!(h.state().selected(), Some(&vosk_in_wire));
}

#[test]
fn a_long_source_scrolls_to_the_annotation_stepped_to() {
    let mut p = Project::new("Long");
    let text = format!(
        "{}The end is here.",
        "A line of filler text.\n\n".repeat(300)
    );
    p.sources.push(source("long", "Long report", &text));
    let start = text.find("end").unwrap();
    let a = Annotation::new(
        AnnotationId::random(),
        &p.sources[0],
        start..start + 3,
        TagKind::Claim.empty_tag(),
    );
    p.annotations.insert(a.id.clone(), a);
    let mut h = harness(p);
    assert_eq!(h.state().layouts_scroll(&sid("long")), 0.0);
    h.key_press(Key::CloseBracket);
    for _ in 0..60 {
        h.step();
    }
    assert!(h.state().layouts_scroll(&sid("long")) > 1000.0);
}

#[test]
fn keys_reach_the_side_panels_fields() {
    let (p, _) = project();
    let mut h = harness(p);
    key(&mut h, Key::CloseBracket);
    // Typed letter by letter, frame by frame, right after L: each letter stays.
    h.key_press(Key::L);
    h.step();
    for letter in ["V", "o", "s"] {
        h.event(Event::Text(letter.into()));
        h.step();
    }
    h.run();
    assert!(h.get_by_label("Entity search").is_focused());
    assert_eq!(
        h.get_by_label("Entity search").value().as_deref(),
        Some("Vos")
    );
    key(&mut h, Key::Escape);
    key(&mut h, Key::N);
    assert!(h.get_by_label("Note").is_focused());
    h.get_by_label("Note").type_text("checked against the wire");
    h.run();
    key(&mut h, Key::Escape);
    key(&mut h, Key::CloseBracket);
    let notes: Vec<String> = h
        .state()
        .project()
        .annotations
        .values()
        .map(|a| a.note.clone())
        .collect();
    assert!(
        notes.contains(&"checked against the wire".to_string()),
        "{notes:?}"
    );
}

#[test]
fn the_sheet_of_keys_lists_every_row_of_the_table() {
    let (p, _) = project();
    let mut h = harness(p);
    key(&mut h, Key::F1);
    assert!(h.state().shows_keys());
    for row in KEYS {
        h.get_by_label(row.what);
        assert!(
            h.query_all_by_label(&row_keys(row)).next().is_some(),
            "{}",
            row_keys(row)
        );
    }
}

#[test]
fn the_entity_search_replaces_its_words_and_takes_enter_down_and_up() {
    let (p, _) = project();
    let mut h = harness(p);
    // “Captain Vosk” in the wire story: the search starts with the words, selected.
    let line = text_point(&h, "Wire story", 0.0, 2.0);
    drag_with(
        &mut h,
        line + vec2(2.0, 0.0),
        line + vec2(70.0, 0.0),
        Modifiers::NONE,
    );
    assert_eq!(selected_text(&h), "Captain Vosk");
    key(&mut h, Key::A);
    let id = h.state().selected().cloned().unwrap();
    let search = h.get_by_label("Entity search");
    assert_eq!(search.value().as_deref(), Some("Captain Vosk"));
    search.focus();
    h.run();
    h.get_by_label("Entity search").type_text("Vos");
    h.run();
    assert_eq!(
        h.get_by_label("Entity search").value().as_deref(),
        Some("Vos"),
        "typing replaced the words, it did not add to them"
    );
    // Matches: Captain Vosk, then creating “Vos”. Down, Up, Down: the second, Enter.
    key(&mut h, Key::ArrowDown);
    key(&mut h, Key::ArrowUp);
    key(&mut h, Key::Enter);
    let Tag::Actor {
        entity: Some(entity),
    } = annotation(&h, &id).tag
    else {
        panic!("linked")
    };
    assert_eq!(
        entity.as_str(),
        "captain-vosk",
        "Enter took the first match"
    );
    assert_eq!(h.state().project().entities.len(), 2, "nothing was created");
    // Down then Enter takes the second choice: a new entity named as typed.
    let line = text_point(&h, "Wire story", 0.0, 0.0);
    drag_with(
        &mut h,
        line + vec2(2.0, 0.0),
        line + vec2(60.0, 0.0),
        Modifiers::NONE,
    );
    assert_eq!(selected_text(&h), "Ada Brink");
    key(&mut h, Key::A);
    // Typed at once after L: nothing is lost while the field takes the keyboard.
    h.key_press(Key::L);
    h.step();
    h.event(Event::Text("Tomas".into()));
    h.run();
    assert_eq!(
        h.get_by_label("Entity search").value().as_deref(),
        Some("Tomas")
    );
    key(&mut h, Key::ArrowDown);
    key(&mut h, Key::Enter);
    let names: Vec<&str> = h
        .state()
        .project()
        .entities
        .values()
        .map(|e| e.name.as_str())
        .collect();
    assert!(names.contains(&"Tomas"), "{names:?}");
}

#[test]
fn a_new_entitys_kind_is_proposed_from_its_words() {
    let (p, _) = project();
    let mut h = harness(p);
    let line = text_point(&h, "Harbour report", 0.0, 2.0);
    drag_with(
        &mut h,
        line + vec2(2.0, 0.0),
        line + vec2(120.0, 0.0),
        Modifiers::NONE,
    );
    assert_eq!(selected_text(&h), "Doravian State Radio");
    key(&mut h, Key::A);
    assert_eq!(
        h.get_by_label("Kind of new entities").value().as_deref(),
        Some("organisation")
    );
    key(&mut h, Key::L);
    key(&mut h, Key::Enter);
    let radio = h
        .state()
        .project()
        .entities
        .values()
        .find(|e| e.name == "Doravian State Radio")
        .cloned()
        .expect("created");
    assert_eq!(radio.kind, EntityKind::Organisation);
}

#[test]
fn tagging_a_date_proposes_its_value_with_the_reason() {
    let (p, _) = project();
    let mut h = harness(p);
    let monday = HARBOUR.find("Monday").unwrap();
    // Find it, then tag it from the keyboard.
    key_with(&mut h, Modifiers::COMMAND, Key::F);
    h.event(Event::Text("Monday".into()));
    h.run();
    key(&mut h, Key::Enter);
    key(&mut h, Key::Escape);
    key(&mut h, Key::D);
    let id = h.state().selected().cloned().unwrap();
    let a = annotation(&h, &id);
    assert_eq!(a.span(), monday..monday + 6);
    assert_eq!(
        a.tag,
        Tag::Date {
            value: Some("2025-06-09".parse().unwrap())
        }
    );
    h.get_by_label_contains("counted from the publication day, Tuesday 10 June 2025");
    assert_eq!(
        h.get_by_label("Date value").value().as_deref(),
        Some("2025-06-09")
    );
    h.get_by_label("a day, 2025-06-09");
    // The analyst edits it; the proposal stays on offer.
    h.get_by_label("Date value").focus();
    h.run();
    h.get_by_label("Date value").type_text("2025-06-02");
    h.run();
    key(&mut h, Key::Escape);
    assert_eq!(
        annotation(&h, &id).tag,
        Tag::Date {
            value: Some("2025-06-02".parse().unwrap())
        }
    );
    // A range says so.
    h.get_by_label("Date value").focus();
    h.run();
    h.get_by_label("Date value")
        .type_text("2025-06-02/2025-06-20");
    h.run();
    h.get_by_label("a range, 2025-06-02 to 2025-06-20");
    key(&mut h, Key::Escape);
    h.get_by_label("Use 2025-06-09").click();
    h.run();
    assert_eq!(
        annotation(&h, &id).tag,
        Tag::Date {
            value: Some("2025-06-09".parse().unwrap())
        }
    );
}

/// Tags the first line of the harbour report as a claim and puts it in a new group.
fn claim_in_group(h: &mut Harness<'_, Workbench>, label: &str) {
    let line = text_point(h, "Harbour report", 0.0, 0.0);
    drag_with(
        h,
        line + vec2(2.0, 0.0),
        line + vec2(200.0, 0.0),
        Modifiers::NONE,
    );
    key(h, Key::C);
    h.get_by_label("Claim group search").focus();
    h.run();
    h.get_by_label("Claim group search").type_text(label);
    h.run();
    key(h, Key::Enter);
    key(h, Key::Escape);
}

#[test]
fn a_long_claim_group_label_wraps_and_nothing_moves() {
    let (p, _) = project();
    let mut h = harness(p);
    let column = h.get_by_label("Text of Harbour report").rect();
    let note = h.get_by_label_contains("Select text").rect();
    let label = "The harbour stays closed until the divers have finished their inspection of the channel and the port authority has published its report on the damage";
    claim_in_group(&mut h, label);
    assert!(
        h.state()
            .project()
            .claim_groups
            .values()
            .any(|g| g.label == label)
    );
    h.run();
    let group = h.get_by_label(label).rect();
    let now = h.get_by_label("Text of Harbour report").rect();
    assert_eq!(now, column, "the columns did not move");
    assert!(
        group.max.x <= 1400.0 && group.height() > 30.0,
        "{group:?} wraps"
    );
    assert!(group.min.x >= note.min.x - 1.0, "inside the side panel");
}

#[test]
fn a_side_panel_saved_wide_is_clamped_to_a_smaller_window() {
    let (p, _) = project();
    let mut h = harness(p);
    // Widen the side panel by dragging its edge far to the left.
    let panel_edge = h.get_by_label_contains("Select text").rect().min.x - 8.0;
    let at = Pos2::new(panel_edge, 400.0);
    drag_with(&mut h, at, Pos2::new(100.0, 400.0), Modifiers::NONE);
    let wide = h.get_by_label_contains("Select text").rect();
    assert!(wide.width() > 400.0, "{wide:?}");
    // The window opens smaller, as on a laptop: the panel fits and leaves the columns room.
    h.set_size(vec2(1024.0, 700.0));
    h.run();
    let side = h.get_by_label_contains("Select text").rect();
    assert!(side.min.x >= 1024.0 * 0.5, "{side:?}");
    let column = h.get_by_label("Text of Harbour report").rect();
    assert!(column.width() > 150.0, "{column:?}");
}

#[test]
fn at_1024_by_700_the_claim_panel_shows_its_note_field() {
    let (p, _) = project();
    let mut h = harness_sized(p, vec2(1024.0, 700.0));
    claim_in_group(&mut h, "The meeting at the port");
    h.get_by_label("Claim memo");
    let note = h.get_by_label("Note").rect();
    assert!(
        note.max.y <= 700.0 && note.max.x <= 1024.0 && note.min.x >= 0.0,
        "{note:?}"
    );
    let window = egui::Rect::from_min_size(Pos2::ZERO, vec2(1024.0, 700.0));
    assert!(window.contains_rect(note), "{note:?}");
}

#[test]
fn the_windows_and_view_settings_have_keys_too() {
    let (p, _) = project();
    let mut h = harness(p);
    key(&mut h, Key::F5);
    assert_eq!(
        h.query_all_by_label("Edit…").count(),
        2,
        "the Entities window"
    );
    key(&mut h, Key::F4);
    assert_eq!(
        h.query_all_by_label("Edit details…").count(),
        2,
        "the Sources window"
    );
    let before = h.state().prefs().clone();
    key(&mut h, Key::F9);
    key_with(&mut h, Modifiers::COMMAND, Key::L);
    let after = h.state().prefs();
    assert_eq!(after.show_list, !before.show_list);
    assert_eq!(after.linked_scrolling, !before.linked_scrolling);
}
