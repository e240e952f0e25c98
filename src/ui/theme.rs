//! Colours and marks of the three tags, readable in light and dark themes and not by
//! colour alone: each tag also has its own underline style and marker letter, and one
//! title ("A Actor") wherever the window names it.

use egui::{Color32, RichText, Ui, Visuals};

use crate::model::TagKind;

/// The colour of a tag (Okabe–Ito palette, distinguishable with common colour blindness).
pub fn tag_color(kind: TagKind, visuals: &Visuals) -> Color32 {
    let dark = visuals.dark_mode;
    match kind {
        TagKind::Actor if dark => Color32::from_rgb(86, 180, 233),
        TagKind::Actor => Color32::from_rgb(0, 114, 178),
        TagKind::Claim if dark => Color32::from_rgb(240, 170, 40),
        TagKind::Claim => Color32::from_rgb(213, 94, 0),
        TagKind::Date if dark => Color32::from_rgb(60, 200, 150),
        TagKind::Date => Color32::from_rgb(0, 130, 90),
    }
}

/// The translucent fill behind an annotated span.
pub fn tag_fill(kind: TagKind, visuals: &Visuals) -> Color32 {
    let alpha = if visuals.dark_mode { 60 } else { 45 };
    let c = tag_color(kind, visuals);
    Color32::from_rgba_unmultiplied(c.r(), c.g(), c.b(), alpha)
}

/// How a tag's underline is drawn.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Underline {
    Solid,
    Dashed,
    Dotted,
}

pub fn tag_underline(kind: TagKind) -> Underline {
    match kind {
        TagKind::Actor => Underline::Solid,
        TagKind::Claim => Underline::Dashed,
        TagKind::Date => Underline::Dotted,
    }
}

/// The fill behind the current suggestion, whose outline stays dashed.
pub fn suggestion_fill(kind: TagKind, visuals: &Visuals) -> Color32 {
    let alpha = if visuals.dark_mode { 50 } else { 35 };
    let c = tag_color(kind, visuals);
    Color32::from_rgba_unmultiplied(c.r(), c.g(), c.b(), alpha)
}

/// The fill of selected text.
pub fn selection_fill(visuals: &Visuals) -> Color32 {
    visuals.selection.bg_fill.gamma_multiply(0.85)
}

/// The fill of find matches.
pub fn find_fill(visuals: &Visuals) -> Color32 {
    if visuals.dark_mode {
        Color32::from_rgba_unmultiplied(200, 200, 0, 90)
    } else {
        Color32::from_rgba_unmultiplied(255, 230, 0, 140)
    }
}

/// A tag as the window names it: its letter and its name ("A Actor").
pub fn tag_title(kind: TagKind) -> String {
    format!("{} {}", kind.letter(), kind.label())
}

/// A tag's name as a heading in its colour.
pub fn tag_heading(ui: &mut Ui, kind: TagKind) {
    let color = tag_color(kind, ui.visuals());
    ui.label(RichText::new(tag_title(kind)).color(color).strong());
}

/// A suggestion's tag as a heading in its colour ("D Suggested date").
pub fn suggested_heading(ui: &mut Ui, kind: TagKind) {
    let color = tag_color(kind, ui.visuals());
    let title = format!("{} Suggested {}", kind.letter(), kind.noun());
    ui.label(RichText::new(title).color(color).strong());
}
