//! Suggestions in the window, driven headless through egui_kittest: finding them from the
//! menu, moving between them, accepting with Enter and rejecting with Del, all of a kind as
//! one undoable step, undo listing them again, clicking a dashed span, and the dashed
//! outlines themselves.

mod common;

use egui::epaint::Shape;
use egui::{Color32, Key, Modifiers, Pos2, Rect, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use parallax::model::{Project, Source, Tag, TagKind};
use parallax::suggest::Suggestion;
use parallax::ui::prefs::Prefs;
use parallax::ui::{ProjectFile, Workbench, theme};

use common::{builder, click_at, key, key_with, sid, wait_for_revision};

const WIRE: &str = "On Sunday, President Anton Veselić spoke with Primate Lucía Montalbán.\n\nThe next call is planned for 12 June 2025, the Presidential Office said.";
const NOTE: &str = "Primate Lucía Montalbán thanked President Anton Veselić on 2 June 2025.";

fn project() -> Project {
    let mut p = Project::new("Phone call");
    let mut wire = Source::new(sid("wire"), "Wire copy", WIRE);
    wire.published = "2025-06-04".parse().ok();
    p.sources.push(wire);
    p.sources
        .push(Source::new(sid("note"), "Office note", NOTE));
    p
}

/// A harness with the window's own fonts; a glyph they lack fails the test.
fn on(project: Project) -> Harness<'static, Workbench> {
    let mut h = builder().build_ui_state(
        |ui, app: &mut Workbench| app.show(ui),
        Workbench::new(project, ProjectFile::default(), Prefs::default()),
    );
    h.run();
    h
}

/// Waits for the search for suggestions to finish.
fn wait_for_suggestions(h: &mut Harness<'_, Workbench>) {
    for _ in 0..400 {
        h.step();
        if !h.state().suggestions().is_searching() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(
        !h.state().suggestions().is_searching(),
        "the search finished"
    );
    h.run();
}

/// Finds suggestions through Annotate ▸ Suggest annotations.
fn suggest_from_the_menu(h: &mut Harness<'_, Workbench>) {
    h.get_by_label("Annotate").click();
    h.run();
    h.get_by_label("Suggest annotations").click();
    h.step();
    wait_for_suggestions(h);
}

fn listed(h: &Harness<'_, Workbench>) -> Vec<(String, TagKind)> {
    h.state()
        .suggestions()
        .listed()
        .iter()
        .map(|s| (s.text.clone(), s.kind()))
        .collect()
}

fn current(h: &Harness<'_, Workbench>) -> Suggestion {
    h.state()
        .suggestions()
        .current()
        .expect("a current suggestion")
        .clone()
}

/// The annotations of the project as (quote, tag), in no particular order.
fn annotations(h: &Harness<'_, Workbench>) -> Vec<(String, Tag)> {
    let mut all: Vec<(String, Tag)> = h
        .state()
        .project()
        .annotations
        .values()
        .map(|a| (a.quote.exact.clone(), a.tag.clone()))
        .collect();
    all.sort_by(|a, b| a.0.cmp(&b.0));
    all
}

fn date(value: &str) -> Tag {
    Tag::Date {
        value: value.parse().ok(),
    }
}

#[test]
fn suggestions_are_found_listed_accepted_with_enter_and_rejected_with_del() {
    let mut h = on(project());
    suggest_from_the_menu(&mut h);
    let found = listed(&h);
    for expected in [
        ("Sunday", TagKind::Date),
        ("President Anton Veselić", TagKind::Actor),
        ("12 June 2025", TagKind::Date),
        ("2 June 2025", TagKind::Date),
    ] {
        assert!(
            found.contains(&(expected.0.to_string(), expected.1)),
            "{expected:?} in {found:?}"
        );
    }
    h.get_by_label_contains(&format!("Found {} suggestions", found.len()));
    // The first is current and the side panel says what it proposes.
    assert_eq!(current(&h).text, "Sunday");
    h.get_by_label("Date 2025-06-01 (day)");

    key(&mut h, Key::Enter);
    assert_eq!(
        annotations(&h),
        [("Sunday".to_string(), date("2025-06-01"))]
    );
    assert!(h.state().is_dirty(), "accepting is an unsaved change");
    assert_eq!(
        listed(&h).len(),
        found.len() - 1,
        "accepted, so no longer listed"
    );
    assert_eq!(current(&h).text, found[1].0, "the next one is current");

    // Del rejects the current one: nothing is annotated, and it leaves the list.
    let rejected = current(&h);
    key(&mut h, Key::Delete);
    assert_eq!(annotations(&h).len(), 1);
    assert!(!h.state().suggestions().listed().contains(&rejected));
    assert_eq!(listed(&h).len(), found.len() - 2);

    // Tab and Shift+Tab move between them without moving the keyboard focus.
    let before = current(&h);
    key(&mut h, Key::Tab);
    assert_ne!(current(&h), before);
    key_with(&mut h, Modifiers::SHIFT, Key::Tab);
    assert_eq!(current(&h), before);
    assert!(h.ctx.memory(|m| m.focused().is_none()));
    // Two presses within one frame move two steps.
    let position = |h: &Harness<'_, Workbench>| {
        let s = &h.state().suggestions();
        s.listed()
            .iter()
            .position(|x| Some(x) == s.current())
            .unwrap()
    };
    let at = position(&h);
    h.key_press(Key::Tab);
    h.key_press(Key::Tab);
    h.run();
    assert_eq!(position(&h), at + 2);
    key_with(&mut h, Modifiers::SHIFT, Key::Tab);
    key_with(&mut h, Modifiers::SHIFT, Key::Tab);

    // Asking again proposes neither the accepted span nor the rejected one.
    h.key_press_modifiers(Modifiers::COMMAND | Modifiers::SHIFT, Key::A);
    wait_for_suggestions(&mut h);
    let again = listed(&h);
    assert_eq!(again.len(), found.len() - 2, "{again:?}");
    assert!(!again.contains(&("Sunday".to_string(), TagKind::Date)));
    assert!(!h.state().suggestions().listed().contains(&rejected));
}

#[test]
fn undoing_an_accept_lists_the_suggestion_again_and_redo_takes_it_again() {
    let mut h = on(project());
    suggest_from_the_menu(&mut h);
    let found = listed(&h);
    key(&mut h, Key::Tab);
    let chosen = current(&h);
    key(&mut h, Key::Enter);
    assert_eq!(annotations(&h).len(), 1);
    assert!(!h.state().suggestions().listed().contains(&chosen));
    for _ in 0..2 {
        key_with(&mut h, Modifiers::COMMAND, Key::Z);
        assert!(h.state().project().annotations.is_empty());
        assert_eq!(listed(&h), found, "back in its place in the list");
        assert_eq!(current(&h), chosen, "and current");
        h.get_by_label_contains("1 suggestion listed again");
        key_with(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
        assert_eq!(annotations(&h).len(), 1);
        assert_eq!(listed(&h).len(), found.len() - 1);
        assert!(!h.state().suggestions().listed().contains(&chosen));
    }
}

#[test]
fn a_rejected_suggestion_stays_away_when_the_accept_before_it_is_undone() {
    let mut h = on(project());
    suggest_from_the_menu(&mut h);
    let found = listed(&h);
    key(&mut h, Key::Enter);
    let rejected = current(&h);
    key(&mut h, Key::Delete);
    key_with(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(h.state().project().annotations.is_empty());
    assert_eq!(listed(&h).len(), found.len() - 1);
    assert!(!h.state().suggestions().listed().contains(&rejected));
}

#[test]
fn del_deletes_a_selected_annotation_rather_than_rejecting_a_suggestion() {
    let mut h = on(project());
    suggest_from_the_menu(&mut h);
    key(&mut h, Key::Enter);
    let accepted = h
        .state()
        .project()
        .annotations
        .keys()
        .next()
        .unwrap()
        .clone();
    let n = listed(&h).len();
    h.state_mut()
        .act(parallax::ui::Action::SelectAnnotation(Some(accepted)));
    h.run();
    key(&mut h, Key::Delete);
    assert!(h.state().project().annotations.is_empty());
    assert_eq!(listed(&h).len(), n, "no suggestion was rejected");
}

#[test]
fn all_dates_are_accepted_in_one_step_that_one_undo_removes() {
    let mut h = on(project());
    suggest_from_the_menu(&mut h);
    let dates: Vec<String> = listed(&h)
        .into_iter()
        .filter(|(_, k)| *k == TagKind::Date)
        .map(|(t, _)| t)
        .collect();
    assert!(dates.len() >= 3, "{dates:?}");
    let others = listed(&h).len() - dates.len();

    h.get_by_label("Accept all dates").click();
    h.run();
    let mut tagged: Vec<String> = annotations(&h).into_iter().map(|(q, _)| q).collect();
    let mut expected = dates.clone();
    tagged.sort();
    expected.sort();
    assert_eq!(tagged, expected, "exactly the date suggestions");
    assert!(
        h.state()
            .project()
            .annotations
            .values()
            .all(|a| a.kind() == TagKind::Date)
    );
    assert!(annotations(&h).contains(&("12 June 2025".to_string(), date("2025-06-12"))));
    assert_eq!(listed(&h).len(), others);
    assert!(h.state().is_dirty());
    h.get_by_label_contains(&format!("Accepted {} date suggestions", dates.len()));

    key_with(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(
        h.state().project().annotations.is_empty(),
        "one undo removes them all"
    );
    assert_eq!(*h.state().project(), project());
    assert_eq!(
        listed(&h).len(),
        others + dates.len(),
        "and lists them again"
    );

    // Rejecting all claims leaves the dates and actors.
    h.get_by_label("Reject all claims").click();
    h.run();
    assert!(listed(&h).iter().all(|(_, k)| *k != TagKind::Claim));
}

/// The line segments painted in a colour inside a rectangle of the screen.
/// Whether every listed suggestion's words are at its span in its source's text.
fn all_on_their_words(h: &Harness<'_, Workbench>) -> bool {
    let app = h.state();
    app.suggestions().listed().iter().all(|s| {
        let text = &app.project().source(&s.source).unwrap().text;
        text.char_len() >= s.end && text.slice(s.span()) == s.text
    })
}

#[test]
fn revising_a_source_drops_its_suggestions_that_no_longer_fit_and_undo_keeps_them_honest() {
    let dir = tempfile::tempdir().unwrap();
    let revised = dir.path().join("wire-2.txt");
    std::fs::write(&revised, format!("UPDATED at noon.\n\n{WIRE}")).unwrap();
    let mut h = on(project());
    suggest_from_the_menu(&mut h);
    let wire = |h: &Harness<'_, Workbench>| {
        let listed = h.state().suggestions().listed();
        listed.iter().filter(|s| s.source == sid("wire")).count()
    };
    let in_wire = wire(&h);
    assert!(in_wire >= 2, "{:?}", listed(&h));
    let in_note = listed(&h).len() - in_wire;
    h.state_mut()
        .act(parallax::ui::Action::ReviseSource(sid("wire"), revised));
    h.run();
    wait_for_revision(&mut h);
    assert!(all_on_their_words(&h), "{:?}", listed(&h));
    assert_eq!(wire(&h), 0, "the wire's words all moved");
    assert_eq!(listed(&h).len(), in_note, "the other source's stay");
    // Accepting what is left tags the words it shows.
    key(&mut h, Key::Enter);
    let (words, _) = annotations(&h).into_iter().next().expect("one annotation");
    assert!(NOTE.contains(&words), "{words}");
    key_with(&mut h, Modifiers::COMMAND, Key::Z);
    key_with(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(h.state().project().sources[0].text.as_str(), WIRE);
    assert!(all_on_their_words(&h), "{:?}", listed(&h));
    assert_eq!(
        wire(&h),
        in_wire,
        "undoing the revision brings its suggestions back"
    );
    assert_eq!(listed(&h).len(), in_wire + in_note);
}

fn segments_in(h: &Harness<'_, Workbench>, color: Color32, area: Rect) -> Vec<[Pos2; 2]> {
    fn walk(shape: &Shape, color: Color32, area: Rect, out: &mut Vec<[Pos2; 2]>) {
        match shape {
            Shape::LineSegment { points, stroke }
                if stroke.color == color && points.iter().all(|p| area.contains(*p)) =>
            {
                out.push(*points);
            }
            Shape::Vec(shapes) => {
                for s in shapes {
                    walk(s, color, area, out);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    for clipped in &h.output().shapes {
        walk(&clipped.shape, color, area, &mut out);
    }
    out
}

#[test]
fn suggestions_are_outlined_with_dashes_and_a_click_makes_one_current() {
    let mut project = project();
    project.sources.retain(|s| s.id.as_str() == "note");
    let mut h = on(project);
    let text = h.get_by_label("Text of Office note").rect();
    // The text itself, right of the margin where annotations have their bars.
    let area = Rect::from_min_max(text.min + vec2(20.0, 0.0), text.max);
    let color = theme::tag_color(TagKind::Date, &h.ctx.global_style().visuals);
    let vertical = |h: &Harness<'_, Workbench>| {
        segments_in(h, color, area)
            .iter()
            .filter(|[a, b]| (a.x - b.x).abs() < 0.01 && (a.y - b.y).abs() > 0.5)
            .count()
    };
    assert_eq!(
        vertical(&h),
        0,
        "nothing outlined before suggestions are asked for"
    );
    suggest_from_the_menu(&mut h);
    assert!(listed(&h).contains(&("2 June 2025".to_string(), TagKind::Date)));
    assert!(
        vertical(&h) >= 2,
        "the date's outline has dashed sides in the date colour"
    );

    // Clicking the dashed date makes it current; Enter accepts it.
    let before = current(&h);
    assert_ne!(before.text, "2 June 2025");
    let outline = segments_in(&h, color, area)
        .into_iter()
        .flatten()
        .fold(Rect::NOTHING, |r, p| r.union(Rect::from_min_max(p, p)));
    let at = outline.center();
    click_at(&mut h, at);
    assert_eq!(current(&h).text, "2 June 2025", "clicked at {at:?}");
    key(&mut h, Key::Enter);
    assert_eq!(
        annotations(&h),
        [("2 June 2025".to_string(), date("2025-06-02"))]
    );
    // The accepted date is an annotation now: filled, not outlined.
    h.run();
    assert_eq!(vertical(&h), 0);
}

#[test]
fn accepting_a_date_that_points_ahead_takes_the_day_ahead_of_publication() {
    let mut p = Project::new("Channel");
    let mut port = Source::new(
        sid("port"),
        "Port notice",
        "Divers inspected the hull, and work should end in mid-June. The ministers will meet on Friday.",
    );
    port.published = "2025-06-10".parse().ok();
    p.sources.push(port);
    let mut h = on(p);
    suggest_from_the_menu(&mut h);
    h.get_by_label("Accept all dates").click();
    h.run();
    assert_eq!(
        annotations(&h),
        [
            ("Friday".to_string(), date("2025-06-13")),
            ("mid-June".to_string(), date("2025-06-11/2025-06-20")),
        ]
    );
}
