//! The window's dialogs: unsaved changes, a file changed on disk, recovery after a crash,
//! messages, and the path prompts behind Open, Save as and Add sources (with the native
//! file dialog as a "Browse…" button, and a typed path when it is unavailable). Each
//! answer is an action for the workbench to carry out.

use std::path::PathBuf;

use egui::{Id, Key, RichText};

use super::action::{Action, Actions, Dialog, PathPurpose, Then};
use super::view::View;

/// The dialog on top of the window, if any, with what is typed in it.
#[derive(Debug, Default)]
pub struct DialogState {
    dialog: Option<Dialog>,
    /// The path typed in a path prompt.
    text: String,
    /// Why the typed path was refused.
    problem: Option<String>,
}

impl DialogState {
    /// Opens a dialog in place of any other.
    pub fn open(&mut self, dialog: Dialog) {
        self.open_with(dialog, String::new());
    }

    /// Opens a dialog with `text` already typed in its path field.
    pub fn open_with(&mut self, dialog: Dialog, text: String) {
        self.dialog = Some(dialog);
        self.text = text;
        self.problem = None;
    }

    pub fn is_open(&self) -> bool {
        self.dialog.is_some()
    }
}

/// Shows the current dialog, if any.
pub fn show(view: &View, state: &mut DialogState, ctx: &egui::Context, out: &mut Actions) {
    let Some(dialog) = state.dialog.take() else {
        return;
    };
    let keep = match &dialog {
        Dialog::Path(purpose) => {
            path_prompt(view, ctx, purpose, &mut state.text, &mut state.problem, out)
        }
        question => answer(question, ctx, out),
    };
    if keep {
        state.dialog = Some(dialog);
    }
}

/// Shows a question; returns whether it stays open.
fn answer(dialog: &Dialog, ctx: &egui::Context, out: &mut Actions) -> bool {
    let mut keep = true;
    let response = egui::Modal::new(Id::unique("parallax-modal")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        match dialog {
            Dialog::Unsaved(then) => {
                ui.heading("Save changes?");
                ui.label("This project has changes that are not saved.");
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        out.push(Action::Save(Some(then.clone())));
                        keep = false;
                    }
                    if ui.button("Discard").clicked() {
                        out.push(Action::Discard(then.clone()));
                        keep = false;
                    }
                    if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
                        keep = false;
                    }
                });
            }
            Dialog::ChangedOnDisk { path, then } => {
                ui.heading("The file changed on disk");
                ui.label(format!(
                    "{} was changed by another program since you opened it. Saving now replaces those changes with yours (the other version is kept as .bak).",
                    path.display()
                ));
                ui.horizontal(|ui| {
                    if ui.button("Overwrite").clicked() {
                        out.push(Action::SaveOverwriting(path.clone(), then.clone()));
                        keep = false;
                    }
                    if ui.button("Save as…").clicked() {
                        out.push(Action::OpenDialog(Dialog::Path(PathPurpose::SaveAs(
                            then.clone(),
                        ))));
                        keep = false;
                    }
                    if ui.button("Cancel").clicked() {
                        keep = false;
                    }
                });
            }
            Dialog::Recover { path, recovered } => {
                ui.heading("Restore unsaved work?");
                ui.label(format!(
                    "Parallax found changes to {} that were autosaved but never saved, probably because the program stopped unexpectedly.",
                    path.display()
                ));
                ui.horizontal(|ui| {
                    if ui.button("Restore").clicked() {
                        out.push(Action::Restore(recovered.clone()));
                        keep = false;
                    }
                    if ui.button("Discard autosave").clicked() {
                        out.push(Action::DiscardRecovery(path.clone()));
                        keep = false;
                    }
                });
            }
            Dialog::Message { title, text } => {
                ui.heading(title);
                egui::ScrollArea::vertical().max_height(300.0).show(ui, |ui| {
                    ui.label(text);
                });
                if ui.button("OK").clicked() || ui.input(|i| i.key_pressed(Key::Enter)) {
                    keep = false;
                }
            }
            Dialog::Path(_) => {}
        }
    });
    keep && !response.should_close()
}

/// The path prompt; returns whether it stays open.
fn path_prompt(
    view: &View,
    ctx: &egui::Context,
    purpose: &PathPurpose,
    text: &mut String,
    problem: &mut Option<String>,
    out: &mut Actions,
) -> bool {
    let mut keep = true;
    let (title, hint, go) = words(purpose);
    egui::Modal::new(Id::unique("parallax-path")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        ui.heading(title);
        if let PathPurpose::Revise(id) = purpose
            && let Some(source) = view.project.source(id)
        {
            ui.label(format!(
                "The text of “{}” is replaced by the document you give. Its annotations \
                 follow their words into the new text; those whose words cannot be found are \
                 kept and marked ⚠. Ctrl+Z undoes the revision.",
                source.display_title()
            ));
        }
        if let PathPurpose::Reread(id, reading) = purpose
            && let Some(source) = view.project.source(id)
        {
            ui.label(format!(
                "The project does not know where the web page of “{}” is. Give the page it \
                 was added from: it is read again keeping {}, and its annotations follow \
                 their words. Ctrl+Z undoes it.",
                source.display_title(),
                super::revising::kept_words(*reading)
            ));
        }
        let edit = if *purpose == PathPurpose::AddSources {
            egui::TextEdit::multiline(text).desired_rows(3)
        } else {
            egui::TextEdit::singleline(text)
        };
        let response = ui
            .add(edit.hint_text(hint).desired_width(520.0))
            .accessible_name("Path");
        if !response.has_focus() && text.is_empty() {
            response.request_focus();
        }
        if *purpose == PathPurpose::Open && !view.prefs.recent.is_empty() {
            ui.label("Recent projects:");
            for recent in &view.prefs.recent {
                if ui.link(recent.display().to_string()).clicked() {
                    *text = recent.display().to_string();
                }
            }
        }
        if let Some(p) = problem.as_ref() {
            ui.colored_label(ui.visuals().error_fg_color, p);
        }
        ui.horizontal(|ui| {
            let submit = ui.button(go).clicked()
                || (*purpose != PathPurpose::AddSources
                    && response.lost_focus()
                    && ui.input(|i| i.key_pressed(Key::Enter)));
            if ui.button("Browse…").clicked() {
                browse_into(purpose, text, problem);
            }
            if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
                keep = false;
            }
            if submit {
                match submit_path(purpose.clone(), text) {
                    Ok(action) => {
                        out.push(action);
                        keep = false;
                    }
                    Err(why) => *problem = Some(why),
                }
            }
        });
        if matches!(purpose, PathPurpose::Open | PathPurpose::AddSources) {
            ui.label(
                RichText::new("Tip: files can also be dropped on the window.")
                    .weak()
                    .small(),
            );
        }
    });
    keep
}

/// A path prompt's title, its field's hint and its button.
fn words(purpose: &PathPurpose) -> (&'static str, &'static str, &'static str) {
    match purpose {
        PathPurpose::Open => ("Open project", "/path/to/project.ron", "Open"),
        PathPurpose::SaveAs(_) => ("Save project as", "/path/to/project.ron", "Save"),
        PathPurpose::AddSources => (
            "Add sources",
            "one file per line: .txt, .md, .html, .mhtml, .eml, .docx, .odt",
            "Add",
        ),
        PathPurpose::Revise(_) => (
            "Revise the source's text",
            "/path/to/the-edited-version.txt",
            "Revise",
        ),
        PathPurpose::Reread(..) => (
            "Re-read the source's web page",
            "/path/to/the-saved-page.html",
            "Re-read",
        ),
        PathPurpose::CompareAnalyst => (
            "Compare with another analyst's project",
            "/path/to/their-project.ron",
            "Compare",
        ),
    }
}

/// Puts what the system's file dialog picked in the field, or says why it could not ask.
fn browse_into(purpose: &PathPurpose, text: &mut String, problem: &mut Option<String>) {
    match browse(purpose) {
        Ok(Some(paths)) => {
            *text = paths
                .iter()
                .map(|p| p.display().to_string())
                .collect::<Vec<_>>()
                .join("\n");
            *problem = None;
        }
        Ok(None) => {}
        Err(why) => *problem = Some(why),
    }
}

/// What a typed path asks for, or why it is refused.
fn submit_path(purpose: PathPurpose, text: &str) -> Result<Action, String> {
    let paths: Vec<PathBuf> = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(PathBuf::from)
        .collect();
    let Some(first) = paths.first().cloned() else {
        return Err("Type a path first.".into());
    };
    match purpose {
        PathPurpose::Open => {
            if !first.is_file() {
                return Err(format!("{} is not a file.", first.display()));
            }
            Ok(Action::Proceed(Then::Open(first)))
        }
        PathPurpose::SaveAs(then) => {
            let path = if first.extension().is_none() {
                first.with_extension("ron")
            } else {
                first
            };
            if path
                .parent()
                .is_some_and(|d| !d.as_os_str().is_empty() && !d.is_dir())
            {
                return Err(format!("The folder of {} does not exist.", path.display()));
            }
            Ok(Action::SaveAs(path, then))
        }
        PathPurpose::AddSources => {
            if let Some(missing) = paths.iter().find(|p| !p.is_file()) {
                return Err(format!("{} is not a file.", missing.display()));
            }
            Ok(Action::AddSources(paths))
        }
        PathPurpose::Revise(source) => {
            if !first.is_file() {
                return Err(format!("{} is not a file.", first.display()));
            }
            Ok(Action::ReviseSource(source, first))
        }
        PathPurpose::Reread(source, reading) => {
            if !first.is_file() {
                return Err(format!("{} is not a file.", first.display()));
            }
            if !crate::import::is_web_page(&first) {
                return Err(format!(
                    "{} is not a saved web page (.html, .htm, .mhtml or .mht).",
                    first.display()
                ));
            }
            Ok(Action::Reread(source, reading, Some(first)))
        }
        PathPurpose::CompareAnalyst => {
            if !first.is_file() {
                return Err(format!("{} is not a file.", first.display()));
            }
            Ok(Action::Curate(first))
        }
    }
}

/// Asks the system's file dialog; an error when there is none to ask.
fn browse(purpose: &PathPurpose) -> Result<Option<Vec<PathBuf>>, String> {
    if cfg!(target_os = "linux") && std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none() {
        return Err("The system file dialog is not available here (no desktop session bus): type the path instead.".into());
    }
    let dialog = rfd::FileDialog::new();
    let picked = match purpose {
        PathPurpose::Open | PathPurpose::CompareAnalyst => dialog
            .add_filter("Parallax project", &["ron"])
            .pick_file()
            .map(|p| vec![p]),
        PathPurpose::SaveAs(_) => dialog
            .add_filter("Parallax project", &["ron"])
            .save_file()
            .map(|p| vec![p]),
        PathPurpose::AddSources => dialog
            .add_filter("Documents", crate::import::SUPPORTED_EXTENSIONS)
            .pick_files(),
        PathPurpose::Revise(_) => dialog
            .add_filter("Documents", crate::import::SUPPORTED_EXTENSIONS)
            .pick_file()
            .map(|p| vec![p]),
        PathPurpose::Reread(..) => dialog
            .add_filter("Saved web pages", &["html", "htm", "mhtml", "mht"])
            .pick_file()
            .map(|p| vec![p]),
    };
    Ok(picked)
}
