//! What the window tests share: a harness with the window's own fonts, and the mouse and
//! keyboard as an analyst uses them.

use egui::{Event, Key, Modifiers, PointerButton, Pos2, vec2};
use egui_kittest::Harness;
use parallax::model::SourceId;
use parallax::ui::Workbench;

pub fn sid(s: &str) -> SourceId {
    SourceId::new(s).unwrap()
}

/// A harness with the window's own fonts; a glyph they lack fails the test.
pub fn builder() -> egui_kittest::HarnessBuilder<Workbench> {
    Harness::builder()
        .with_size(vec2(1400.0, 900.0))
        .with_step_dt(1.0 / 60.0)
        .with_context_setup(|ctx| {
            parallax::ui::fonts::install(ctx);
            ctx.set_missing_glyph_policy(egui::MissingGlyphPolicy::Panic);
        })
}

pub fn press(h: &Harness<'_, Workbench>, pos: Pos2, pressed: bool, modifiers: Modifiers) {
    h.event(Event::PointerButton {
        pos,
        button: PointerButton::Primary,
        pressed,
        modifiers,
    });
}

pub fn click_at(h: &mut Harness<'_, Workbench>, pos: Pos2) {
    pause(h);
    h.event(Event::PointerMoved(pos));
    h.step();
    press(h, pos, true, Modifiers::NONE);
    h.step();
    press(h, pos, false, Modifiers::NONE);
    h.run();
    pause(h);
}

/// Lets half a second pass, so the next click is not taken for part of a double-click.
pub fn pause(h: &mut Harness<'_, Workbench>) {
    for _ in 0..30 {
        h.step();
    }
}

pub fn key(h: &mut Harness<'_, Workbench>, key: Key) {
    h.key_press(key);
    h.run();
}

pub fn key_with(h: &mut Harness<'_, Workbench>, modifiers: Modifiers, key: Key) {
    h.key_press_modifiers(modifiers, key);
    h.run();
}

/// Waits for a source's revision, worked out off the window's thread, to be done.
pub fn wait_for_revision(h: &mut Harness<'_, Workbench>) {
    for _ in 0..1000 {
        h.step();
        if h.state().revising.is_none() {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(h.state().revising.is_none(), "the revision is done");
    h.run();
}
