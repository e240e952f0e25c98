//! The menu bar and the toolbar: file commands, undo and redo, the tag buttons with their
//! legend, which sources are shown, and view settings.

use egui::{Button, RichText, Ui};

use super::app::{Action, Workbench};
use super::dialogs::Modal;
use super::theme;
use crate::model::TagKind;

pub fn show(app: &mut Workbench, ui: &mut Ui) {
    egui::Panel::top("menu").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| file_menu(app, ui));
            ui.menu_button("Edit", |ui| edit_menu(app, ui));
            ui.menu_button("Annotate", |ui| super::suggestions::menu(app, ui));
            ui.menu_button("View", |ui| view_menu(app, ui));
        });
    });
    egui::Panel::top("toolbar").show(ui, |ui| {
        ui.horizontal_wrapped(|ui| toolbar(app, ui));
    });
}

fn file_menu(app: &mut Workbench, ui: &mut Ui) {
    if ui.add(Button::new("New").shortcut_text("Ctrl+N")).clicked() {
        app.guard_unsaved(Action::New);
    }
    if ui
        .add(Button::new("Open…").shortcut_text("Ctrl+O"))
        .clicked()
    {
        app.modal = Some(Modal::open());
    }
    ui.menu_button("Open recent", |ui| {
        if app.prefs.recent.is_empty() {
            ui.label("No recent projects");
        }
        for path in app.prefs.recent.clone() {
            if ui.button(path.display().to_string()).clicked() {
                app.guard_unsaved(Action::Open(path));
            }
        }
    });
    ui.separator();
    if ui
        .add(Button::new("Save").shortcut_text("Ctrl+S"))
        .clicked()
    {
        app.act(Action::Save);
    }
    if ui
        .add(Button::new("Save as…").shortcut_text("Ctrl+Shift+S"))
        .clicked()
    {
        app.modal = Some(Modal::save_as(&app.file));
    }
    ui.separator();
    if ui.button("Add sources…").clicked() {
        app.modal = Some(Modal::add_sources());
    }
    if ui
        .add(Button::new("Export…").shortcut_text("Ctrl+E"))
        .clicked()
    {
        app.export = Some(super::export::ExportDialog::default());
    }
    ui.separator();
    if ui.button("Quit").clicked() {
        ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
    }
}

fn edit_menu(app: &mut Workbench, ui: &mut Ui) {
    let undo = app.history.undo_label().map(|l| format!("Undo {l}"));
    let redo = app.history.redo_label().map(|l| format!("Redo {l}"));
    if ui
        .add_enabled(
            undo.is_some(),
            Button::new(undo.unwrap_or_else(|| "Undo".into())).shortcut_text("Ctrl+Z"),
        )
        .clicked()
    {
        app.act(Action::Undo);
    }
    if ui
        .add_enabled(
            redo.is_some(),
            Button::new(redo.unwrap_or_else(|| "Redo".into())).shortcut_text("Ctrl+Shift+Z"),
        )
        .clicked()
    {
        app.act(Action::Redo);
    }
    ui.separator();
    if ui
        .add(Button::new("Find in sources").shortcut_text("Ctrl+F"))
        .clicked()
    {
        app.find.open = true;
        app.find.focus = true;
    }
    if ui
        .add_enabled(
            app.selected.is_some(),
            Button::new("Delete annotation").shortcut_text("Del"),
        )
        .clicked()
    {
        app.act(Action::DeleteSelected);
    }
}

fn view_menu(app: &mut Workbench, ui: &mut Ui) {
    if ui
        .add(Button::new("Sources side by side").shortcut_text("F2"))
        .clicked()
    {
        app.compare.open = false;
    }
    if ui
        .add(Button::new("Comparison").shortcut_text("F3"))
        .clicked()
    {
        app.compare.open = true;
    }
    ui.separator();
    ui.checkbox(
        &mut app.prefs.linked_scrolling,
        "Link scrolling across sources",
    );
    ui.checkbox(&mut app.prefs.show_list, "Annotations list");
    ui.add(egui::Slider::new(&mut app.prefs.font_size, 10.0..=28.0).text("Text size"));
    ui.separator();
    ui.label("Sources shown:");
    let sources: Vec<_> = app
        .project
        .sources
        .iter()
        .map(|s| (s.id.clone(), s.display_title().to_string()))
        .collect();
    for (id, title) in sources {
        let mut shown = !app.hidden.contains(&id);
        if ui.checkbox(&mut shown, title).changed() {
            if shown {
                app.hidden.retain(|h| h != &id);
            } else {
                app.hidden.push(id);
            }
        }
    }
    ui.separator();
    egui::widgets::global_theme_preference_buttons(ui);
}

fn toolbar(app: &mut Workbench, ui: &mut Ui) {
    ui.selectable_value(&mut app.compare.open, false, "Sources")
        .on_hover_text("The sources side by side (F2)");
    ui.selectable_value(&mut app.compare.open, true, "Comparison")
        .on_hover_text("What each source names, claims, dates and leaves out (F3)");
    ui.separator();
    let can_tag = app.selection_to_tag().is_some() || app.selected.is_some();
    for kind in TagKind::ALL {
        let color = theme::tag_color(kind, ui.visuals());
        let label = RichText::new(format!("{} {}", theme::tag_letter(kind), kind.label()))
            .color(color)
            .strong();
        let hint = format!(
            "Tag the selection as {} (key {})",
            kind.label().to_lowercase(),
            theme::tag_letter(kind)
        );
        if ui
            .add_enabled(can_tag, Button::new(label))
            .on_hover_text(hint)
            .clicked()
        {
            app.act(Action::Tag(kind));
        }
    }
    ui.separator();
    if ui
        .add_enabled(app.history.can_undo(), Button::new("⟲ Undo"))
        .on_hover_text("Ctrl+Z")
        .clicked()
    {
        app.act(Action::Undo);
    }
    if ui
        .add_enabled(app.history.can_redo(), Button::new("⟳ Redo"))
        .on_hover_text("Ctrl+Shift+Z or Ctrl+Y")
        .clicked()
    {
        app.act(Action::Redo);
    }
    ui.separator();
    if ui.button("Find").on_hover_text("Ctrl+F").clicked() {
        app.find.open = true;
        app.find.focus = true;
    }
    ui.toggle_value(&mut app.prefs.linked_scrolling, "⇅ Link scrolling")
        .on_hover_text("Scroll all sources together");
    ui.separator();
    legend(ui);
}

/// The legend: each tag's colour, letter and underline style.
fn legend(ui: &mut Ui) {
    ui.label(RichText::new("Legend:").weak());
    for kind in TagKind::ALL {
        let color = theme::tag_color(kind, ui.visuals());
        let style = match theme::tag_underline(kind) {
            theme::Underline::Solid => "solid",
            theme::Underline::Dashed => "dashed",
            theme::Underline::Dotted => "dotted",
        };
        ui.label(
            RichText::new(format!(
                "{} {} ({style})",
                theme::tag_letter(kind),
                kind.label().to_lowercase()
            ))
            .color(color),
        );
    }
}
