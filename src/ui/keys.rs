//! Every key and gesture the window answers to, in one table. The key handling reads its
//! shortcuts from [`KEYS`], menus show them from it, and *Help ▸ Keys* lists it, so the
//! sheet, the menus and the code cannot disagree.

use egui::{Key, KeyboardShortcut, Modifiers, RichText, Ui};

use crate::model::TagKind;
use crate::reshape::{Edge, Step};

/// What a key does.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Does {
    Tag(TagKind),
    Delete,
    ClearSelection,
    /// Select the next (or previous) annotation in reading order.
    NextAnnotation {
        forward: bool,
    },
    /// Move an edge of the selected annotation.
    MoveEdge {
        edge: Edge,
        step: Step,
        forward: bool,
    },
    /// Give the keyboard to the side panel's first field, or to its note.
    FocusPanel,
    FocusNote,
    Undo,
    Redo,
    Save,
    SaveAs,
    Open,
    New,
    Find,
    Export,
    Suggest,
    Sources,
    Comparison,
    ShowKeys,
    AddSources,
    SourcesWindow,
    EntitiesWindow,
    ConflictsWindow,
    CompareAnalyst,
    LinkScrolling,
    AnnotationsList,
    /// Suggestions: the next or previous one, accept or reject the current one.
    NextSuggestion {
        forward: bool,
    },
    AcceptSuggestion,
    RejectSuggestion,
    /// In the find field: the next or previous match.
    FindStep {
        forward: bool,
    },
    /// In a search field of the side panel: move the highlight, take it.
    PickerMove {
        down: bool,
    },
    PickerTake,
    /// Mouse gestures and keys that text fields handle themselves: listed, not bound.
    Gesture,
}

/// When a key counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum When {
    /// Always, even while typing.
    Always,
    /// While no text field or dialog has the keyboard.
    Reading,
    /// While suggestions are listed and no text field has the keyboard.
    Suggestions,
    /// In the field the row names.
    InField,
    /// With the mouse.
    Mouse,
}

/// One row of the table.
pub struct Row {
    pub does: Does,
    pub when: When,
    pub keys: &'static [KeyboardShortcut],
    /// For gestures: what the hand does, in words.
    pub gesture: &'static str,
    /// What happens, in the analyst's words.
    pub what: &'static str,
}

const fn k(modifiers: Modifiers, key: Key) -> KeyboardShortcut {
    KeyboardShortcut::new(modifiers, key)
}

const NONE: Modifiers = Modifiers::NONE;
const SHIFT: Modifiers = Modifiers::SHIFT;
const ALT: Modifiers = Modifiers::ALT;
const CTRL: Modifiers = Modifiers::COMMAND;
const CTRL_SHIFT: Modifiers = Modifiers::COMMAND.plus(Modifiers::SHIFT);
const ALT_SHIFT: Modifiers = Modifiers::ALT.plus(Modifiers::SHIFT);
const CTRL_ALT_SHIFT: Modifiers = CTRL_SHIFT.plus(Modifiers::ALT);

const fn row(does: Does, when: When, keys: &'static [KeyboardShortcut], what: &'static str) -> Row {
    Row {
        does,
        when,
        keys,
        gesture: "",
        what,
    }
}

const fn gesture(when: When, gesture: &'static str, what: &'static str) -> Row {
    Row {
        does: Does::Gesture,
        when,
        keys: &[],
        gesture,
        what,
    }
}

const fn edge(edge: Edge, step: Step, forward: bool) -> Does {
    Does::MoveEdge {
        edge,
        step,
        forward,
    }
}

/// The table, in the order the sheet lists it.
pub const KEYS: &[Row] = &[
    gesture(
        When::Mouse,
        "drag",
        "select text, in whole words (hold Alt for single characters)",
    ),
    gesture(When::Mouse, "double-click", "select a word"),
    gesture(When::Mouse, "Shift+click", "extend the selection"),
    gesture(
        When::Mouse,
        "drag a handle",
        "move an edge of the selected annotation (the bars at its ends)",
    ),
    row(
        Does::Tag(TagKind::Actor),
        When::Reading,
        &[k(NONE, Key::A)],
        "tag the selection as actor (or retag the selected annotation)",
    ),
    row(
        Does::Tag(TagKind::Claim),
        When::Reading,
        &[k(NONE, Key::C)],
        "tag the selection as claim (or retag the selected annotation)",
    ),
    row(
        Does::Tag(TagKind::Date),
        When::Reading,
        &[k(NONE, Key::D)],
        "tag the selection as date, with the value the words give (or retag)",
    ),
    row(
        Does::Delete,
        When::Reading,
        &[k(NONE, Key::Delete), k(NONE, Key::Backspace)],
        "delete the selected annotation; with none selected, reject the current suggestion",
    ),
    row(
        Does::ClearSelection,
        When::Reading,
        &[k(NONE, Key::Escape)],
        "clear the selection; in a field, leave it",
    ),
    row(
        Does::NextAnnotation { forward: true },
        When::Reading,
        &[k(NONE, Key::CloseBracket), k(ALT, Key::ArrowDown)],
        "the next annotation in reading order (columns left to right), scrolled to",
    ),
    row(
        Does::NextAnnotation { forward: false },
        When::Reading,
        &[k(NONE, Key::OpenBracket), k(ALT, Key::ArrowUp)],
        "the previous annotation in reading order",
    ),
    row(
        edge(Edge::End, Step::Character, true),
        When::Reading,
        &[k(SHIFT, Key::ArrowRight)],
        "move the selected annotation's end a character right",
    ),
    row(
        edge(Edge::End, Step::Character, false),
        When::Reading,
        &[k(SHIFT, Key::ArrowLeft)],
        "move its end a character left",
    ),
    row(
        edge(Edge::End, Step::Word, true),
        When::Reading,
        &[k(CTRL_SHIFT, Key::ArrowRight)],
        "move its end a word right",
    ),
    row(
        edge(Edge::End, Step::Word, false),
        When::Reading,
        &[k(CTRL_SHIFT, Key::ArrowLeft)],
        "move its end a word left",
    ),
    row(
        edge(Edge::Start, Step::Character, false),
        When::Reading,
        &[k(ALT_SHIFT, Key::ArrowLeft)],
        "move its start a character left",
    ),
    row(
        edge(Edge::Start, Step::Character, true),
        When::Reading,
        &[k(ALT_SHIFT, Key::ArrowRight)],
        "move its start a character right",
    ),
    row(
        edge(Edge::Start, Step::Word, false),
        When::Reading,
        &[k(CTRL_ALT_SHIFT, Key::ArrowLeft)],
        "move its start a word left",
    ),
    row(
        edge(Edge::Start, Step::Word, true),
        When::Reading,
        &[k(CTRL_ALT_SHIFT, Key::ArrowRight)],
        "move its start a word right",
    ),
    row(
        Does::FocusPanel,
        When::Reading,
        &[k(NONE, Key::L)],
        "to the side panel: the entity, the speaker or the date value of the selected annotation",
    ),
    row(
        Does::FocusNote,
        When::Reading,
        &[k(NONE, Key::N)],
        "to the selected annotation's note",
    ),
    gesture(
        When::InField,
        "Tab; Shift+Tab",
        "in the side panel: the next; the previous field",
    ),
    row(
        Does::PickerMove { down: true },
        When::InField,
        &[k(NONE, Key::ArrowDown)],
        "in an entity or claim group search: highlight the next match",
    ),
    row(
        Does::PickerMove { down: false },
        When::InField,
        &[k(NONE, Key::ArrowUp)],
        "in a search: highlight the previous match",
    ),
    row(
        Does::PickerTake,
        When::InField,
        &[k(NONE, Key::Enter)],
        "in a search: take the highlighted match (the first unless moved), or create one",
    ),
    row(
        Does::NextSuggestion { forward: true },
        When::Suggestions,
        &[k(NONE, Key::Tab)],
        "the next suggestion",
    ),
    row(
        Does::NextSuggestion { forward: false },
        When::Suggestions,
        &[k(SHIFT, Key::Tab)],
        "the previous suggestion",
    ),
    row(
        Does::AcceptSuggestion,
        When::Suggestions,
        &[k(NONE, Key::Enter)],
        "accept the current suggestion",
    ),
    row(
        Does::RejectSuggestion,
        When::Suggestions,
        &[k(NONE, Key::Delete), k(NONE, Key::Backspace)],
        "reject the current suggestion (when no annotation is selected)",
    ),
    row(
        Does::Suggest,
        When::Always,
        &[k(CTRL_SHIFT, Key::A)],
        "suggest annotations (dates, actors, claims)",
    ),
    row(
        Does::Find,
        When::Always,
        &[k(CTRL, Key::F)],
        "find in sources",
    ),
    row(
        Does::FindStep { forward: true },
        When::InField,
        &[k(NONE, Key::Enter)],
        "in the find field: the next match, selected (then Esc and A, C or D tags it)",
    ),
    row(
        Does::FindStep { forward: false },
        When::InField,
        &[k(SHIFT, Key::Enter)],
        "in the find field: the previous match, selected",
    ),
    row(
        Does::Undo,
        When::Always,
        &[k(CTRL, Key::Z)],
        "undo (unlimited, across sources)",
    ),
    row(
        Does::Redo,
        When::Always,
        &[k(CTRL_SHIFT, Key::Z), k(CTRL, Key::Y)],
        "redo",
    ),
    row(Does::Save, When::Always, &[k(CTRL, Key::S)], "save"),
    row(
        Does::SaveAs,
        When::Always,
        &[k(CTRL_SHIFT, Key::S)],
        "save as",
    ),
    row(
        Does::Open,
        When::Always,
        &[k(CTRL, Key::O)],
        "open a project",
    ),
    row(Does::New, When::Always, &[k(CTRL, Key::N)], "new project"),
    row(
        Does::Export,
        When::Always,
        &[k(CTRL, Key::E)],
        "export (HTML, CSV, JSON, Markdown, brat)",
    ),
    row(
        Does::Sources,
        When::Always,
        &[k(NONE, Key::F2)],
        "the sources side by side",
    ),
    row(
        Does::Comparison,
        When::Always,
        &[k(NONE, Key::F3)],
        "the comparison",
    ),
    row(
        Does::AddSources,
        When::Always,
        &[k(CTRL_SHIFT, Key::O)],
        "add sources (text, Markdown, web pages, e-mail, Word, OpenDocument)",
    ),
    row(
        Does::SourcesWindow,
        When::Always,
        &[k(NONE, Key::F4)],
        "the Sources window: every source's details, grade and order",
    ),
    row(
        Does::EntitiesWindow,
        When::Always,
        &[k(NONE, Key::F5)],
        "the Entities window: rename, kind, aliases, merge",
    ),
    row(
        Does::ConflictsWindow,
        When::Always,
        &[k(NONE, Key::F6)],
        "the Conflicts window: what a merge left to settle",
    ),
    row(
        Does::CompareAnalyst,
        When::Always,
        &[k(NONE, Key::F7)],
        "compare with another analyst's project, and settle the differences",
    ),
    row(
        Does::LinkScrolling,
        When::Always,
        &[k(CTRL, Key::L)],
        "link scrolling across sources, on or off",
    ),
    row(
        Does::AnnotationsList,
        When::Always,
        &[k(NONE, Key::F9)],
        "the annotations list, shown or hidden",
    ),
    row(
        Does::ShowKeys,
        When::Always,
        &[k(NONE, Key::F1)],
        "this sheet of keys (Help ▸ Keys)",
    ),
];

/// A key's name as the sheet and the menus write it.
fn key_name(key: Key) -> &'static str {
    match key {
        Key::ArrowLeft => "←",
        Key::ArrowRight => "→",
        Key::ArrowUp => "↑",
        Key::ArrowDown => "↓",
        Key::Delete => "Del",
        Key::Escape => "Esc",
        other => other.symbol_or_name(),
    }
}

/// A shortcut as the sheet writes it: `Ctrl+Shift+Z`, `Alt+↓`, `]`.
pub fn shortcut_text(s: &KeyboardShortcut) -> String {
    let m = s.modifiers;
    let mut text = String::new();
    for (on, name) in [
        (m.command || m.ctrl, "Ctrl+"),
        (m.alt, "Alt+"),
        (m.shift, "Shift+"),
    ] {
        if on {
            text.push_str(name);
        }
    }
    text.push_str(key_name(s.logical_key));
    text
}

/// The keys of a row as the sheet writes them: `Del, Backspace`, or the gesture.
pub fn row_keys(row: &Row) -> String {
    if row.keys.is_empty() {
        return row.gesture.to_string();
    }
    let names: Vec<String> = row.keys.iter().map(shortcut_text).collect();
    names.join(", ")
}

/// The row of what a key does (the first, for actions bound in several places).
pub fn row_of(does: Does) -> &'static Row {
    KEYS.iter()
        .find(|r| r.does == does)
        .expect("every action a key does has a row")
}

/// The first shortcut of an action, as a menu shows it.
pub fn menu_text(does: Does) -> String {
    row_of(does)
        .keys
        .first()
        .map_or(String::new(), shortcut_text)
}

/// Whether one of the action's keys was pressed this frame; the press is consumed.
pub fn pressed(ctx: &egui::Context, does: Does) -> bool {
    count(ctx, does) > 0
}

/// How many times one of the action's keys was pressed this frame; the presses are
/// consumed.
pub fn count(ctx: &egui::Context, does: Does) -> usize {
    row_of(does)
        .keys
        .iter()
        .map(|s| ctx.input_mut(|i| count_exact(i, s)))
        .sum()
}

/// Consumes presses of exactly this shortcut (Shift+← is not ←, Ctrl+Shift+Z not Ctrl+Z),
/// with the text a key that types (`L`, `]`) sends beside it, so that the letter does
/// not land in a field the key gives the keyboard to.
fn count_exact(input: &mut egui::InputState, s: &KeyboardShortcut) -> usize {
    let wanted = s.modifiers;
    let typed = s.logical_key.symbol_or_name();
    let types = typed.chars().count() == 1 && !(wanted.command || wanted.ctrl || wanted.alt);
    let mut n = 0;
    let mut text_owed = 0;
    input.events.retain(|event| match event {
        egui::Event::Key {
            key,
            pressed: true,
            modifiers,
            ..
        } if *key == s.logical_key && same_modifiers(*modifiers, wanted) => {
            n += 1;
            text_owed += usize::from(types);
            false
        }
        egui::Event::Text(t) if text_owed > 0 && t.eq_ignore_ascii_case(typed) => {
            text_owed -= 1;
            false
        }
        _ => true,
    });
    n
}

fn same_modifiers(got: Modifiers, wanted: Modifiers) -> bool {
    (got.command || got.ctrl) == (wanted.command || wanted.ctrl)
        && got.alt == wanted.alt
        && got.shift == wanted.shift
}

/// The rows that count `when`, with the actions they do.
pub fn rows(when: When) -> impl Iterator<Item = &'static Row> {
    KEYS.iter().filter(move |r| r.when == when)
}

/// The heading each part of the sheet has.
pub fn heading(when: When) -> &'static str {
    match when {
        When::Mouse => "With the mouse",
        When::Reading => "Reading and tagging (no field has the keyboard)",
        When::InField => "In a field",
        When::Suggestions => "Suggestions",
        When::Always => "Anywhere",
    }
}

/// The order of the sheet's parts.
pub const PARTS: [When; 5] = [
    When::Mouse,
    When::Reading,
    When::InField,
    When::Suggestions,
    When::Always,
];

/// The sheet: every row of the table under its part's heading, in one grid so that
/// the columns line up.
pub fn sheet(ui: &mut Ui) {
    egui::Grid::new("keys")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            for when in PARTS {
                ui.label(RichText::new(heading(when)).heading());
                ui.end_row();
                for row in rows(when) {
                    ui.label(RichText::new(row_keys(row)).strong());
                    ui.label(row.what);
                    ui.end_row();
                }
            }
        });
}

/// The *Help ▸ Keys* window, while `open`: as tall as the window allows.
pub fn window(ctx: &egui::Context, open: &mut bool) {
    let room = ctx.content_rect();
    egui::Window::new("Keys")
        .open(open)
        .pivot(egui::Align2::CENTER_CENTER)
        .default_pos(room.center())
        .default_width(640.0_f32.min(room.width() - 40.0))
        .default_height(room.height() - 80.0)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(ui, sheet);
        });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shortcuts_are_written_as_the_sheet_shows_them() {
        assert_eq!(shortcut_text(&k(CTRL_SHIFT, Key::Z)), "Ctrl+Shift+Z");
        assert_eq!(shortcut_text(&k(ALT, Key::ArrowDown)), "Alt+↓");
        assert_eq!(shortcut_text(&k(NONE, Key::CloseBracket)), "]");
        assert_eq!(row_keys(row_of(Does::Delete)), "Del, Backspace");
    }

    #[test]
    fn no_key_does_two_things_in_the_same_place() {
        let mut seen: Vec<(String, When)> = Vec::new();
        for row in KEYS {
            for s in row.keys {
                let key = (shortcut_text(s), row.when);
                // Enter, Del and arrows mean different things in different fields.
                if row.when != When::InField {
                    assert!(!seen.contains(&key), "{key:?} is bound twice");
                }
                seen.push(key);
            }
        }
    }
}
