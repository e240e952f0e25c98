//! The suggestions' keys, their menu (Annotate) and their section of the side panel:
//! what the current suggestion proposes, with buttons to accept or reject it or all of
//! a kind.

use egui::{Button, FocusDirection, RichText, Ui};

use super::action::{Action, Actions, SuggestionStep};
use super::keys::{self, Does};
use super::suggestions::SuggestionsState;
use super::theme;
use super::view::View;
use crate::model::TagKind;
use crate::wording::count;

/// The Annotate menu.
pub fn menu(view: &View, ui: &mut Ui, out: &mut Actions) {
    let suggestions = view.suggestions;
    let searching = suggestions.is_searching();
    if ui
        .add_enabled(
            !searching,
            Button::new("Suggest annotations").shortcut_text(keys::menu_text(Does::Suggest)),
        )
        .on_hover_text("Find dates, actors and claims in every source, for you to accept or reject")
        .clicked()
    {
        out.push(Action::Suggestion(SuggestionStep::Find));
    }
    let any = !suggestions.listed().is_empty();
    let current = suggestions.current().is_some();
    ui.separator();
    if ui
        .add_enabled(
            any,
            Button::new("Next suggestion")
                .shortcut_text(keys::menu_text(Does::NextSuggestion { forward: true })),
        )
        .clicked()
    {
        out.push(Action::Suggestion(SuggestionStep::Next { forward: true }));
    }
    if ui
        .add_enabled(
            any,
            Button::new("Previous suggestion")
                .shortcut_text(keys::menu_text(Does::NextSuggestion { forward: false })),
        )
        .clicked()
    {
        out.push(Action::Suggestion(SuggestionStep::Next { forward: false }));
    }
    if ui
        .add_enabled(
            current,
            Button::new("Accept suggestion").shortcut_text(keys::menu_text(Does::AcceptSuggestion)),
        )
        .clicked()
    {
        out.push(Action::Suggestion(SuggestionStep::AcceptCurrent));
    }
    if ui
        .add_enabled(
            current,
            Button::new("Reject suggestion").shortcut_text(keys::menu_text(Does::RejectSuggestion)),
        )
        .clicked()
    {
        out.push(Action::Suggestion(SuggestionStep::RejectCurrent));
    }
    ui.separator();
    for kind in TagKind::ALL {
        let n = suggestions.count(kind);
        if ui
            .add_enabled(n > 0, Button::new(format!("Accept all {}", kind.plural())))
            .clicked()
        {
            out.push(Action::Suggestion(SuggestionStep::AcceptAll(kind)));
        }
    }
    for kind in TagKind::ALL {
        let n = suggestions.count(kind);
        if ui
            .add_enabled(n > 0, Button::new(format!("Reject all {}", kind.plural())))
            .clicked()
        {
            out.push(Action::Suggestion(SuggestionStep::RejectAll(kind)));
        }
    }
    ui.separator();
    if ui
        .add_enabled(any, Button::new("Clear suggestions"))
        .clicked()
    {
        out.push(Action::Suggestion(SuggestionStep::Clear));
    }
}

/// The side panel's section on suggestions: what the current one proposes, with buttons
/// to accept or reject it or all of a kind.
pub fn panel(view: &View, ui: &mut Ui, out: &mut Actions) {
    let suggestions = view.suggestions;
    if suggestions.is_searching() {
        ui.heading("Suggestions");
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Looking for dates, actors and claims…");
        });
    } else if suggestions.listed().is_empty() {
        if ui
            .button("Suggest annotations")
            .on_hover_text(format!(
                "Find dates, actors and claims to accept or reject ({})",
                keys::menu_text(Does::Suggest)
            ))
            .clicked()
        {
            out.push(Action::Suggestion(SuggestionStep::Find));
        }
    } else {
        listed(view, ui, out);
    }
    ui.separator();
}

/// The suggestions waiting: how many, the current one, and all of a kind.
fn listed(view: &View, ui: &mut Ui, out: &mut Actions) {
    let suggestions = view.suggestions;
    ui.horizontal(|ui| {
        ui.heading("Suggestions");
        if ui
            .small_button("✖")
            .on_hover_text("Clear the suggestions (Annotate ▸ Clear suggestions)")
            .clicked()
        {
            out.push(Action::Suggestion(SuggestionStep::Clear));
        }
    });
    let counts: Vec<String> = TagKind::ALL
        .iter()
        .map(|&k| count(suggestions.count(k), k.noun()))
        .collect();
    let n = suggestions.listed().len();
    ui.label(RichText::new(format!("{n} left: {}", counts.join(", "))).weak());
    current(view, ui, out);
    ui.label("All of a kind:");
    egui::Grid::new("suggestions-of-a-kind").show(ui, |ui| {
        for kind in TagKind::ALL {
            let n = suggestions.count(kind);
            let color = theme::tag_color(kind, ui.visuals());
            ui.label(RichText::new(count(n, kind.noun())).color(color));
            let all = |verb: &str| Button::new(format!("{verb} all {}", kind.plural()));
            if ui.add_enabled(n > 0, all("Accept")).clicked() {
                out.push(Action::Suggestion(SuggestionStep::AcceptAll(kind)));
            }
            if ui.add_enabled(n > 0, all("Reject")).clicked() {
                out.push(Action::Suggestion(SuggestionStep::RejectAll(kind)));
            }
            ui.end_row();
        }
    });
    ui.label(
        RichText::new("Tab and Shift+Tab move, Enter accepts, Del rejects; click a dashed span to make it current.")
            .weak()
            .small(),
    );
}

/// The current suggestion: what it proposes, where, and the buttons that take it.
fn current(view: &View, ui: &mut Ui, out: &mut Actions) {
    let suggestions = view.suggestions;
    let (Some(i), Some(s)) = (suggestions.current_position(), suggestions.current()) else {
        return;
    };
    ui.horizontal(|ui| {
        theme::suggested_heading(ui, s.kind());
        let n = suggestions.listed().len();
        ui.label(RichText::new(format!("{} of {n}", i + 1)).weak());
    });
    let source = view
        .project
        .source(&s.source)
        .map_or(s.source.as_str(), |src| src.display_title());
    ui.label(RichText::new(format!("in {source}")).weak());
    ui.label(RichText::new(format!("“{}”", s.text)).italics());
    ui.label(s.proposal.describe(view.project));
    ui.horizontal(|ui| {
        let buttons = [
            ("Accept", "Enter", SuggestionStep::AcceptCurrent),
            ("Reject", "Del", SuggestionStep::RejectCurrent),
            (
                "◀",
                "Previous suggestion (Shift+Tab)",
                SuggestionStep::Next { forward: false },
            ),
            (
                "▶",
                "Next suggestion (Tab)",
                SuggestionStep::Next { forward: true },
            ),
        ];
        for (text, hint, step) in buttons {
            if ui.button(text).on_hover_text(hint).clicked() {
                out.push(Action::Suggestion(step));
            }
        }
    });
}

/// The suggestion keys pressed this frame, for a window whose keyboard no dialog or text
/// field has. Tab and Shift+Tab move between suggestions (instead of moving the keyboard
/// focus), Enter accepts the current one and Del (or Backspace) rejects it, unless an
/// annotation is selected: then Del is the annotation's.
pub fn keys(
    ctx: &egui::Context,
    suggestions: &SuggestionsState,
    annotation_selected: bool,
) -> Vec<SuggestionStep> {
    let mut steps = Vec::new();
    let focused = ctx.memory(|m| m.focused().is_some());
    if focused || suggestions.listed().is_empty() {
        return steps;
    }
    // Shift+Tab and Tab: each press counts, even several within one frame.
    let back = keys::count(ctx, Does::NextSuggestion { forward: false });
    let forth = keys::count(ctx, Does::NextSuggestion { forward: true });
    if back + forth > 0 {
        ctx.memory_mut(|m| m.move_focus(FocusDirection::None));
    }
    steps.extend((0..back).map(|_| SuggestionStep::Next { forward: false }));
    steps.extend((0..forth).map(|_| SuggestionStep::Next { forward: true }));
    if suggestions.current().is_none() && back + forth == 0 {
        return steps;
    }
    if keys::pressed(ctx, Does::AcceptSuggestion) {
        steps.push(SuggestionStep::AcceptCurrent);
    }
    if !annotation_selected && keys::pressed(ctx, Does::RejectSuggestion) {
        steps.push(SuggestionStep::RejectCurrent);
    }
    steps
}
