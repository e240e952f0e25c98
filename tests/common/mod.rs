//! What the window tests share: a harness with the window's own fonts, the mouse and
//! keyboard as an analyst uses them, and waiting for work beside the window. Each test
//! file uses some of these.
#![allow(dead_code)]

use egui::{Event, Key, Modifiers, PointerButton, Pos2, ViewportCommand, ViewportId, vec2};
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
        // An answer to a dialog can lead to another, whose message settles in a scroll
        // area: a few frames more than kittest's default.
        .with_max_steps(16)
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

/// Steps the window until `done` holds, as work beside it finishes.
pub fn wait_until(h: &mut Harness<'_, Workbench>, done: impl Fn(&Workbench) -> bool, what: &str) {
    for _ in 0..2000 {
        h.step();
        if done(h.state()) {
            break;
        }
        std::thread::sleep(std::time::Duration::from_millis(5));
    }
    assert!(done(h.state()), "{what}");
    h.run();
}

/// Waits for a source's revision, worked out off the window's thread, to be done.
pub fn wait_for_revision(h: &mut Harness<'_, Workbench>) {
    wait_until(h, |w| !w.is_revising(), "the revision is done");
}

/// Waits for the save or autosave under way, written off the window's thread.
pub fn wait_for_writes(h: &mut Harness<'_, Workbench>) {
    wait_until(h, |w| !w.is_writing(), "the save is done");
}

/// Asks the window to close, as its close button does.
pub fn request_close(h: &mut Harness<'_, Workbench>) {
    h.input_mut()
        .viewports
        .entry(ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.step();
}

/// What the last frame asked of the window (close, cancel closing, a title).
pub fn commands(h: &Harness<'_, Workbench>) -> Vec<ViewportCommand> {
    h.output()
        .viewport_output
        .get(&ViewportId::ROOT)
        .map(|v| v.commands.clone())
        .unwrap_or_default()
}

/// A file dropped on the window, as the windowing system hands it over.
#[derive(Debug)]
pub struct Dropped(pub std::path::PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}
