//! The Conflicts window: what a merge of two analysts' work left to settle, each conflict
//! with our version and theirs side by side. The analyst keeps ours, takes theirs, or
//! edits the item and keeps it as it is now; each choice is one step Ctrl+Z undoes.
//!
//! The window opens by itself while the project has conflicts, until the analyst closes
//! it; *View ▸ Conflicts…* opens it again.

use egui::{Id, RichText, Ui};

use super::action::{Action, Actions};
use super::view::View;
use crate::merge::{Side, settle};
use crate::model::{Conflict, Item, Tag};
use crate::wording::{count, one_line, shorten};

/// How wide each side's value is drawn, wrapping within it.
const VALUE_WIDTH: f32 = 250.0;

/// How wide a field's name is drawn.
const NAME_WIDTH: f32 = 70.0;

/// Whether the window is shown.
#[derive(Debug, Default)]
pub struct ConflictsState {
    /// Asked for from the menu.
    pub open: bool,
    /// Closed by the analyst while conflicts remained: it stays closed until asked for,
    /// or until a project with conflicts comes after one without.
    closed: bool,
}

/// Shows the Conflicts window when asked for, or by itself while conflicts remain.
pub fn show(view: &View, state: &mut ConflictsState, ctx: &egui::Context, out: &mut Actions) {
    let conflicts = &view.project.conflicts;
    if conflicts.is_empty() {
        state.closed = false;
    } else if !state.closed {
        // Stays open once the last is settled, to say so.
        state.open = true;
    }
    if !state.open {
        return;
    }
    let mut open = true;
    egui::Window::new("Conflicts")
        .id(Id::unique("parallax-conflicts"))
        .open(&mut open)
        .default_width(620.0)
        .show(ctx, |ui| {
            if conflicts.is_empty() {
                ui.label("Every conflict is settled. Save the project to record it.");
                return;
            }
            ui.label(format!(
                "{} left by merging two versions of this project. The project keeps our \
                 version of each until you choose.",
                count(conflicts.len(), "conflict")
            ));
            egui::ScrollArea::vertical()
                .max_height(ctx.content_rect().height() * 0.7)
                .show(ui, |ui| {
                    for (index, conflict) in conflicts.iter().enumerate() {
                        ui.separator();
                        one(view, index, conflict, ui, out);
                    }
                });
        });
    if !open {
        state.open = false;
        state.closed = true;
    }
}

/// One conflict: what it is, the fields in which the versions differ, and the choices.
fn one(view: &View, index: usize, conflict: &Conflict, ui: &mut Ui, out: &mut Actions) {
    ui.strong(conflict.describe());
    let ours = conflict.ours.as_ref().map(fields);
    let theirs = conflict.theirs.as_ref().map(fields);
    let names: Vec<&str> = ours
        .iter()
        .chain(&theirs)
        .flatten()
        .map(|(name, _)| *name)
        .fold(Vec::new(), |mut names, name| {
            if !names.contains(&name) {
                names.push(name);
            }
            names
        });
    let value = |side: &Option<Vec<(&'static str, String)>>, name: &str| -> Option<String> {
        side.as_ref().map(|fields| {
            fields
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| v.clone())
                .unwrap_or_default()
        })
    };
    let mut same = Vec::new();
    egui::Grid::new(("conflict", index))
        .num_columns(3)
        .striped(true)
        .show(ui, |ui| {
            ui.label("");
            ui.strong("Ours");
            ui.strong("Theirs");
            ui.end_row();
            if ours.is_none() || theirs.is_none() {
                let shown = |v: &Option<Vec<(&'static str, String)>>| {
                    if v.is_some() { "kept" } else { "removed" }
                };
                ui.label("item");
                ui.label(RichText::new(shown(&ours)).italics());
                ui.label(RichText::new(shown(&theirs)).italics());
                ui.end_row();
            }
            for name in names {
                let (a, b) = (value(&ours, name), value(&theirs, name));
                if a == b && ours.is_some() && theirs.is_some() {
                    same.push(name);
                    continue;
                }
                cell(ui, NAME_WIDTH, name.to_owned());
                let (a, b) = (a.unwrap_or_default(), b.unwrap_or_default());
                let from = first_difference(&a, &b);
                for v in [a, b] {
                    cell(ui, VALUE_WIDTH, excerpt(&v, from));
                }
                ui.end_row();
            }
        });
    if !same.is_empty() {
        ui.label(RichText::new(format!("the same on both sides: {}", same.join(", "))).weak());
    }
    ui.horizontal(|ui| {
        for (label, side, hint) in [
            ("Keep ours", Side::Ours, "Keep our version and drop theirs"),
            (
                "Take theirs",
                Side::Theirs,
                "Put their version in place of ours",
            ),
            (
                "Keep as it is now",
                Side::AsItIs,
                "You edited the item yourself: keep it as it is now",
            ),
        ] {
            if ui.button(label).on_hover_text(hint).clicked() {
                match settle(view.project, index, side) {
                    Ok(step) => out.push(Action::edit(
                        step,
                        format!("settle conflict: {}", label.to_lowercase()),
                    )),
                    Err(why) => out.push(Action::Error(format!(
                        "This conflict cannot be settled that way: {why}"
                    ))),
                }
            }
        }
    });
}

/// One cell of the table, `width` wide, its text wrapping within it.
fn cell(ui: &mut Ui, width: f32, text: String) {
    ui.allocate_ui(egui::vec2(width, 0.0), |ui| {
        ui.set_width(width);
        ui.add(egui::Label::new(text).wrap());
    });
}

/// How many characters two values share at their start.
fn first_difference(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

/// A value on one line, shortened, beginning a little before `from` (where it differs
/// from the other side's) when that lies far in.
fn excerpt(value: &str, from: usize) -> String {
    const BEFORE: usize = 20;
    let start = from.saturating_sub(BEFORE);
    let rest: String = value.chars().skip(start).collect();
    let shown = shorten(&one_line(&rest), 80);
    if start > 0 {
        format!("…{shown}")
    } else {
        shown
    }
}

/// A version of an item as named fields the analyst can compare, empty ones left out.
fn fields(item: &Item) -> Vec<(&'static str, String)> {
    let mut fields = Vec::new();
    let mut field = |name: &'static str, value: &str| {
        if !value.is_empty() {
            fields.push((name, value.to_owned()));
        }
    };
    match item {
        Item::Title(title) => field("title", title),
        Item::Source(s) => {
            field("title", &s.title);
            field("outlet", &s.outlet);
            field("author", &s.author);
            field("address", &s.url);
            field(
                "published",
                &s.published.map(|d| d.to_string()).unwrap_or_default(),
            );
            field(
                "grade",
                &s.reliability.map(|r| r.to_string()).unwrap_or_default(),
            );
            field("memo", &s.memo);
            field("text", s.text.as_str());
            field("length", &count(s.text.char_len(), "character"));
        }
        Item::Entity(e) => {
            field("name", &e.name);
            field("kind", e.kind.label());
            field("aliases", &e.aliases.join(", "));
            field("memo", &e.memo);
        }
        Item::ClaimGroup(g) => {
            field("label", &g.label);
            field("memo", &g.memo);
        }
        Item::Annotation(a) => {
            field("words", &a.quote.exact);
            field("at", &format!("{}–{} in {}", a.start, a.end, a.source));
            match &a.tag {
                Tag::Actor { entity } => {
                    field("actor of", entity.as_ref().map_or("", |e| e.as_str()));
                }
                Tag::Claim {
                    speaker,
                    via,
                    group,
                    credibility,
                } => {
                    field("claim by", speaker.as_ref().map_or("", |e| e.as_str()));
                    field("via", via.as_ref().map_or("", |e| e.as_str()));
                    field("group", group.as_ref().map_or("", |g| g.as_str()));
                    field(
                        "credibility",
                        &credibility.map(|c| c.to_string()).unwrap_or_default(),
                    );
                }
                Tag::Date { value } => {
                    field(
                        "date",
                        &value.as_ref().map(|v| v.to_string()).unwrap_or_default(),
                    );
                }
            }
            field("note", &a.note);
        }
    }
    fields
}
