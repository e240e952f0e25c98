//! The menu bar and the toolbar: file commands, undo and redo, the tag buttons with their
//! legend, which sources are shown, view settings, and the Help menu (the sheet of keys,
//! About Parallax).

use egui::{Button, RichText, Ui};

use super::action::{Action, Actions, Dialog, PathPurpose, Then};
use super::keys::{Does, menu_text};
use super::theme;
use super::view::View;
use crate::model::TagKind;

pub fn show(view: &View, ui: &mut Ui, out: &mut Actions) {
    egui::Panel::top("menu").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button("File", |ui| file_menu(view, ui, out));
            ui.menu_button("Edit", |ui| edit_menu(view, ui, out));
            ui.menu_button("Annotate", |ui| {
                super::suggestion_panel::menu(view, ui, out)
            });
            ui.menu_button("View", |ui| view_menu(view, ui, out));
            ui.menu_button("Help", |ui| {
                if ui
                    .add(Button::new("Keys").shortcut_text(menu_text(Does::ShowKeys)))
                    .clicked()
                {
                    out.push(Action::ShowKeys);
                }
                ui.separator();
                if ui.button("About Parallax").clicked() {
                    out.push(Action::ShowAbout);
                }
            });
        });
    });
    egui::Panel::top("toolbar").show(ui, |ui| {
        ui.horizontal_wrapped(|ui| toolbar(view, ui, out));
    });
}

fn file_menu(view: &View, ui: &mut Ui, out: &mut Actions) {
    if ui
        .add(Button::new("New").shortcut_text(menu_text(Does::New)))
        .clicked()
    {
        out.push(Action::Proceed(Then::New));
    }
    if ui
        .add(Button::new("Open…").shortcut_text(menu_text(Does::Open)))
        .clicked()
    {
        out.push(Action::OpenDialog(Dialog::Path(PathPurpose::Open)));
    }
    ui.menu_button("Open recent", |ui| {
        if view.prefs.recent.is_empty() {
            ui.label("No recent projects");
        }
        for path in &view.prefs.recent {
            if ui.button(path.display().to_string()).clicked() {
                out.push(Action::Proceed(Then::Open(path.clone())));
            }
        }
    });
    ui.separator();
    if ui
        .add(Button::new("Save").shortcut_text(menu_text(Does::Save)))
        .clicked()
    {
        out.push(Action::Save(None));
    }
    if ui
        .add(Button::new("Save as…").shortcut_text(menu_text(Does::SaveAs)))
        .clicked()
    {
        out.push(Action::OpenDialog(Dialog::Path(PathPurpose::SaveAs(None))));
    }
    ui.separator();
    if ui
        .add(Button::new("Add sources…").shortcut_text(menu_text(Does::AddSources)))
        .clicked()
    {
        out.push(Action::OpenDialog(Dialog::Path(PathPurpose::AddSources)));
    }
    if ui
        .add(
            Button::new("Compare with another analyst's project…")
                .shortcut_text(menu_text(Does::CompareAnalyst)),
        )
        .on_hover_text("Agreement figures, and the spans you marked differently, to settle")
        .clicked()
    {
        out.push(Action::OpenDialog(Dialog::Path(
            PathPurpose::CompareAnalyst,
        )));
    }
    if ui
        .add(Button::new("Export…").shortcut_text(menu_text(Does::Export)))
        .clicked()
    {
        out.push(Action::OpenExport);
    }
    ui.separator();
    if ui.button("Quit").clicked() {
        ui.ctx().send_viewport_cmd(egui::ViewportCommand::Close);
    }
}

fn edit_menu(view: &View, ui: &mut Ui, out: &mut Actions) {
    let undo = view.history.undo_label().map(|l| format!("Undo {l}"));
    let redo = view.history.redo_label().map(|l| format!("Redo {l}"));
    if ui
        .add_enabled(
            undo.is_some(),
            Button::new(undo.unwrap_or_else(|| "Undo".into())).shortcut_text(menu_text(Does::Undo)),
        )
        .clicked()
    {
        out.push(Action::Undo);
    }
    if ui
        .add_enabled(
            redo.is_some(),
            Button::new(redo.unwrap_or_else(|| "Redo".into())).shortcut_text(menu_text(Does::Redo)),
        )
        .clicked()
    {
        out.push(Action::Redo);
    }
    ui.separator();
    if ui
        .add(Button::new("Find in sources").shortcut_text(menu_text(Does::Find)))
        .clicked()
    {
        out.push(Action::OpenFind);
    }
    if ui
        .add_enabled(
            view.selected.is_some(),
            Button::new("Delete annotation").shortcut_text(menu_text(Does::Delete)),
        )
        .clicked()
    {
        out.push(Action::DeleteSelected);
    }
    ui.separator();
    for (forward, label) in [(true, "Next annotation"), (false, "Previous annotation")] {
        let does = Does::NextAnnotation { forward };
        if ui
            .add(Button::new(label).shortcut_text(menu_text(does)))
            .clicked()
        {
            out.push(Action::StepAnnotation { forward });
        }
    }
}

fn view_menu(view: &View, ui: &mut Ui, out: &mut Actions) {
    if ui
        .add(Button::new("Sources side by side").shortcut_text(menu_text(Does::Sources)))
        .clicked()
    {
        out.push(Action::ShowComparison(false));
    }
    if ui
        .add(Button::new("Comparison").shortcut_text(menu_text(Does::Comparison)))
        .clicked()
    {
        out.push(Action::ShowComparison(true));
    }
    ui.separator();
    let mut prefs = view.prefs.clone();
    ui.checkbox(&mut prefs.linked_scrolling, "Link scrolling across sources")
        .on_hover_text(menu_text(Does::LinkScrolling));
    ui.checkbox(&mut prefs.show_list, "Annotations list")
        .on_hover_text(menu_text(Does::AnnotationsList));
    ui.add(egui::Slider::new(&mut prefs.font_size, 10.0..=28.0).text("Text size"));
    if &prefs != view.prefs {
        out.push(Action::SetPrefs(prefs));
    }
    ui.separator();
    if ui
        .add(Button::new("Sources…").shortcut_text(menu_text(Does::SourcesWindow)))
        .on_hover_text("Every source's details, grade and order")
        .clicked()
    {
        out.push(Action::ShowSources);
    }
    if ui
        .add(Button::new("Entities…").shortcut_text(menu_text(Does::EntitiesWindow)))
        .on_hover_text("Every entity: rename, set its kind and aliases, merge, delete")
        .clicked()
    {
        out.push(Action::ShowEntities);
    }
    let conflicts = view.project.conflicts.len();
    let label = if conflicts == 0 {
        "Conflicts…".to_owned()
    } else {
        format!("Conflicts ({conflicts})…")
    };
    if ui
        .add(Button::new(label).shortcut_text(menu_text(Does::ConflictsWindow)))
        .on_hover_text("What merging two analysts' versions of the project left to settle")
        .clicked()
    {
        out.push(Action::ShowConflicts);
    }
    ui.label("Sources shown:");
    let sources: Vec<_> = view
        .project
        .sources
        .iter()
        .map(|s| (s.id.clone(), s.display_title().to_string()))
        .collect();
    for (id, title) in sources {
        let mut shown = !view.hidden.contains(&id);
        if ui.checkbox(&mut shown, title).changed() {
            out.push(if shown {
                Action::Unhide(id)
            } else {
                Action::Hide(id)
            });
        }
    }
    ui.separator();
    egui::widgets::global_theme_preference_buttons(ui);
}

fn toolbar(view: &View, ui: &mut Ui, out: &mut Actions) {
    let mut comparing = view.comparing;
    ui.selectable_value(&mut comparing, false, "Sources")
        .on_hover_text("The sources side by side (F2)");
    ui.selectable_value(&mut comparing, true, "Comparison")
        .on_hover_text("What each source names, claims, dates and leaves out (F3)");
    if comparing != view.comparing {
        out.push(Action::ShowComparison(comparing));
    }
    ui.separator();
    let can_tag = view.selection_to_tag().is_some() || view.selected.is_some();
    for kind in TagKind::ALL {
        let color = theme::tag_color(kind, ui.visuals());
        let label = RichText::new(theme::tag_title(kind)).color(color).strong();
        let hint = format!(
            "Tag the selection as {} (key {})",
            kind.noun(),
            kind.letter()
        );
        if ui
            .add_enabled(can_tag, Button::new(label))
            .on_hover_text(hint)
            .clicked()
        {
            out.push(Action::Tag(kind));
        }
    }
    ui.separator();
    if ui
        .add_enabled(view.history.can_undo(), Button::new("⟲ Undo"))
        .on_hover_text("Ctrl+Z")
        .clicked()
    {
        out.push(Action::Undo);
    }
    if ui
        .add_enabled(view.history.can_redo(), Button::new("⟳ Redo"))
        .on_hover_text("Ctrl+Shift+Z or Ctrl+Y")
        .clicked()
    {
        out.push(Action::Redo);
    }
    ui.separator();
    if ui
        .button("Find")
        .on_hover_text(menu_text(Does::Find))
        .clicked()
    {
        out.push(Action::OpenFind);
    }
    let mut linked = view.prefs.linked_scrolling;
    if ui
        .toggle_value(&mut linked, "⇅ Link scrolling")
        .on_hover_text(format!(
            "Scroll all sources together ({})",
            menu_text(Does::LinkScrolling)
        ))
        .changed()
    {
        out.push(Action::SetPrefs(super::prefs::Prefs {
            linked_scrolling: linked,
            ..view.prefs.clone()
        }));
    }
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
            RichText::new(format!("{} {} ({style})", kind.letter(), kind.noun())).color(color),
        );
    }
}
