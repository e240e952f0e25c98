//! The window's dialogs: unsaved changes, a file changed on disk, recovery after a crash,
//! messages, and the path prompts behind Open, Save as and Add sources (with the native
//! file dialog as a "Browse…" button, and a typed path when it is unavailable).

use std::path::PathBuf;

use egui::{Id, Key, RichText};

use super::app::{Action, ProjectFile, Workbench};
use crate::model::{Project, SourceId};

/// What a path prompt is for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPurpose {
    Open,
    SaveAs,
    AddSources,
    /// A new version of this source's text.
    Revise(SourceId),
}

/// The dialog on top of the window, if any.
#[derive(Debug, Clone)]
pub enum Modal {
    /// Unsaved changes: save, discard or cancel, then carry on with `then`.
    Unsaved {
        then: Box<Action>,
    },
    /// The project file changed on disk since it was opened or saved.
    ChangedOnDisk {
        path: PathBuf,
    },
    /// An autosaved state was found from a session that did not end cleanly.
    Recover {
        path: PathBuf,
        recovered: Box<Project>,
    },
    Message {
        title: String,
        text: String,
    },
    PathPrompt {
        purpose: PathPurpose,
        text: String,
        problem: Option<String>,
    },
}

impl Modal {
    pub fn open() -> Self {
        Modal::PathPrompt {
            purpose: PathPurpose::Open,
            text: String::new(),
            problem: None,
        }
    }

    pub fn save_as(file: &ProjectFile) -> Self {
        Modal::PathPrompt {
            purpose: PathPurpose::SaveAs,
            text: file
                .path
                .as_ref()
                .map(|p| p.display().to_string())
                .unwrap_or_default(),
            problem: None,
        }
    }

    pub fn revise(source: SourceId) -> Self {
        Modal::PathPrompt {
            purpose: PathPurpose::Revise(source),
            text: String::new(),
            problem: None,
        }
    }

    pub fn add_sources() -> Self {
        Modal::PathPrompt {
            purpose: PathPurpose::AddSources,
            text: String::new(),
            problem: None,
        }
    }
}

/// Shows the current dialog, if any.
pub fn show(app: &mut Workbench, ctx: &egui::Context) {
    let Some(modal) = app.modal.take() else {
        return;
    };
    let mut keep = true;
    let response = egui::Modal::new(Id::unique("parallax-modal")).show(ctx, |ui| {
        ui.set_max_width(520.0);
        match &modal {
            Modal::Unsaved { then } => {
                ui.heading("Save changes?");
                ui.label("This project has changes that are not saved.");
                ui.horizontal(|ui| {
                    if ui.button("Save").clicked() {
                        app.act(Action::Save);
                        if app.file.path.is_some() {
                            app.act((**then).clone());
                        }
                        keep = false;
                    }
                    if ui.button("Discard").clicked() {
                        app.history.mark_saved();
                        app.act((**then).clone());
                        keep = false;
                    }
                    if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
                        keep = false;
                    }
                });
            }
            Modal::ChangedOnDisk { path } => {
                ui.heading("The file changed on disk");
                ui.label(format!(
                    "{} was changed by another program since you opened it. Saving now replaces those changes with yours (the other version is kept as .bak).",
                    path.display()
                ));
                ui.horizontal(|ui| {
                    if ui.button("Overwrite").clicked() {
                        app.act(Action::SaveOverwriting(path.clone()));
                        keep = false;
                    }
                    if ui.button("Save as…").clicked() {
                        app.modal = Some(Modal::save_as(&app.file));
                        keep = false;
                    }
                    if ui.button("Cancel").clicked() {
                        keep = false;
                    }
                });
            }
            Modal::Recover { path, recovered } => {
                ui.heading("Restore unsaved work?");
                ui.label(format!(
                    "Parallax found changes to {} that were autosaved but never saved, probably because the program stopped unexpectedly.",
                    path.display()
                ));
                ui.horizontal(|ui| {
                    if ui.button("Restore").clicked() {
                        app.restore((**recovered).clone());
                        keep = false;
                    }
                    if ui.button("Discard autosave").clicked() {
                        let _ = crate::store::discard_recovery(path);
                        keep = false;
                    }
                });
            }
            Modal::Message { title, text } => {
                ui.heading(title);
                egui::ScrollArea::vertical().max_height(300.0).show(ui, |ui| {
                    ui.label(text);
                });
                if ui.button("OK").clicked() || ui.input(|i| i.key_pressed(Key::Enter)) {
                    keep = false;
                }
            }
            Modal::PathPrompt { .. } => {}
        }
    });
    if let Modal::PathPrompt {
        purpose,
        mut text,
        mut problem,
    } = modal
    {
        let _ = response;
        let outcome = path_prompt(app, ctx, &purpose, &mut text, &mut problem);
        if outcome {
            app.modal = Some(Modal::PathPrompt {
                purpose,
                text,
                problem,
            });
        }
        return;
    }
    if response.should_close() {
        keep = false;
    }
    if keep && app.modal.is_none() {
        app.modal = Some(modal);
    }
}

/// The path prompt; returns whether it stays open.
fn path_prompt(
    app: &mut Workbench,
    ctx: &egui::Context,
    purpose: &PathPurpose,
    text: &mut String,
    problem: &mut Option<String>,
) -> bool {
    let mut keep = true;
    let (title, hint, go) = match purpose {
        PathPurpose::Open => ("Open project", "/path/to/project.ron", "Open"),
        PathPurpose::SaveAs => ("Save project as", "/path/to/project.ron", "Save"),
        PathPurpose::AddSources => ("Add sources", "one file per line: .txt, .md, .html", "Add"),
        PathPurpose::Revise(_) => (
            "Revise the source's text",
            "/path/to/the-edited-version.txt",
            "Revise",
        ),
    };
    let revised = match purpose {
        PathPurpose::Revise(id) => app
            .project
            .source(id)
            .map(|s| s.display_title().to_string()),
        _ => None,
    };
    egui::Modal::new(Id::unique("parallax-path")).show(ctx, |ui| {
        ui.set_max_width(560.0);
        ui.heading(title);
        if let Some(source) = &revised {
            ui.label(format!(
                "The text of “{source}” is replaced by the document you give. Its annotations \
                 follow their words into the new text; those whose words cannot be found are \
                 kept and marked ⚠. Ctrl+Z undoes the revision."
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
        if *purpose == PathPurpose::Open && !app.prefs.recent.is_empty() {
            ui.label("Recent projects:");
            for recent in app.prefs.recent.clone() {
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
            if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
                keep = false;
            }
            if submit {
                match submit_path(app, purpose.clone(), text) {
                    Ok(()) => keep = false,
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

fn submit_path(app: &mut Workbench, purpose: PathPurpose, text: &str) -> Result<(), String> {
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
            app.guard_unsaved(Action::Open(first));
        }
        PathPurpose::SaveAs => {
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
            app.act(Action::SaveAs(path));
        }
        PathPurpose::AddSources => {
            if let Some(missing) = paths.iter().find(|p| !p.is_file()) {
                return Err(format!("{} is not a file.", missing.display()));
            }
            app.act(Action::AddSources(paths));
        }
        PathPurpose::Revise(source) => {
            if !first.is_file() {
                return Err(format!("{} is not a file.", first.display()));
            }
            app.act(Action::ReviseSource(source, first));
        }
    }
    Ok(())
}

/// Asks the system's file dialog; an error when there is none to ask.
fn browse(purpose: &PathPurpose) -> Result<Option<Vec<PathBuf>>, String> {
    if cfg!(target_os = "linux") && std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_none() {
        return Err("The system file dialog is not available here (no desktop session bus): type the path instead.".into());
    }
    let dialog = rfd::FileDialog::new();
    let picked = match purpose {
        PathPurpose::Open => dialog
            .add_filter("Parallax project", &["ron"])
            .pick_file()
            .map(|p| vec![p]),
        PathPurpose::SaveAs => dialog
            .add_filter("Parallax project", &["ron"])
            .save_file()
            .map(|p| vec![p]),
        PathPurpose::AddSources => dialog
            .add_filter("Documents", &["txt", "md", "html", "htm"])
            .pick_files(),
        PathPurpose::Revise(_) => dialog
            .add_filter("Documents", &["txt", "md", "html", "htm"])
            .pick_file()
            .map(|p| vec![p]),
    };
    Ok(picked)
}
