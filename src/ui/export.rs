//! The export dialog (File > Export): choose a format and where to write, see exactly
//! what will be written and what it replaces, and export on a thread of its own so the
//! window never waits. The checks and the writing are [`crate::export`]'s.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use egui::{Id, Key, RichText};

use super::action::Actions;
use super::jobs::{Job, Poll};
use super::view::View;
use crate::export::{self, Format, Survey};
use crate::model::Project;

/// The export dialog's state; `None` in the app when it is closed.
pub struct ExportDialog {
    format: Format,
    /// The output path as typed; empty means the default beside the project.
    output: String,
    /// Write through a symbolic link at the output, replacing what it points to.
    force: bool,
    /// What the last export attempt said went wrong.
    problem: Option<String>,
    running: Option<Running>,
}

/// An export under way on its own thread.
struct Running {
    output: PathBuf,
    job: Job<Result<export::Exported, String>>,
}

impl Default for ExportDialog {
    fn default() -> Self {
        Self::new(Format::Html)
    }
}

impl ExportDialog {
    /// A dialog with `format` chosen and the default output.
    pub fn new(format: Format) -> Self {
        Self {
            format,
            output: String::new(),
            force: false,
            problem: None,
            running: None,
        }
    }

    /// Whether an export is being written.
    pub fn is_running(&self) -> bool {
        self.running.is_some()
    }

    /// Where the export goes: the typed path, or the default one.
    fn output_path(&self, project: &Project, project_path: Option<&Path>) -> PathBuf {
        let typed = self.output.trim();
        if typed.is_empty() {
            self.format.default_output(project_path, &project.title)
        } else {
            PathBuf::from(typed)
        }
    }

    /// Chooses another format, carrying a typed file name over to its extension.
    fn choose(&mut self, format: Format) {
        if format == self.format {
            return;
        }
        let typed = PathBuf::from(self.output.trim());
        let old = self.format.extension();
        if !self.output.trim().is_empty() && typed.extension().and_then(|e| e.to_str()) == old {
            let renamed = match format.extension() {
                Some(extension) => typed.with_extension(extension),
                None => typed.with_extension(""),
            };
            self.output = renamed.display().to_string();
        }
        self.format = format;
        self.force = false;
        self.problem = None;
    }

    /// Starts writing the export on a thread of its own.
    fn start(&mut self, project: &Arc<Project>, project_path: Option<&Path>, ctx: &egui::Context) {
        let output = self.output_path(project, project_path);
        let options = export::Options {
            project_path: project_path.map(Path::to_path_buf),
            force: self.force,
        };
        let project = Arc::clone(project);
        let format = self.format;
        let target = output.clone();
        let ctx = ctx.clone();
        let job = Job::start(
            format!("Exporting to {}", output.display()),
            move |_| export::export(&project, format, &target, &options).map_err(|e| e.to_string()),
            move || ctx.request_repaint(),
        );
        self.problem = None;
        self.running = Some(Running { output, job });
    }

    /// The result of a finished export, if it has finished.
    fn poll(&mut self) -> Option<Result<export::Exported, String>> {
        let running = self.running.as_ref()?;
        let result = match running.job.poll() {
            Poll::Done(result) => result,
            Poll::Running => return None,
            Poll::Failed => Err(format!(
                "the export to {} stopped unexpectedly; nothing was written",
                running.output.display()
            )),
        };
        self.running = None;
        Some(result)
    }
}

/// Shows the export dialog while it is open. When an export finished, the status bar is
/// told (the dialog closes when it succeeded, and stays open with the reason when it
/// failed).
pub fn show(
    view: &View,
    dialog: &mut Option<ExportDialog>,
    ctx: &egui::Context,
    out: &mut Actions,
) {
    let (project, project_path) = (view.project, view.path);
    let Some(d) = dialog.as_mut() else {
        return;
    };
    if let Some(result) = d.poll() {
        match result {
            Ok(exported) => {
                *dialog = None;
                out.status(capitalised(&exported.to_string()));
            }
            Err(why) => {
                out.error(format!("Export failed: {why}"));
                d.problem = Some(why);
            }
        }
        return;
    }
    let output = d.output_path(project, project_path);
    let survey = export::survey(project, d.format, &output, project_path);
    let mut close = false;
    let modal = egui::Modal::new(Id::unique("parallax-export")).show(ctx, |ui| {
        ui.set_max_width(600.0);
        ui.heading("Export the project");
        ui.add_enabled_ui(!d.is_running(), |ui| {
            form(ui, d, project, project_path, &survey);
        });
        if let Some(problem) = &d.problem {
            ui.colored_label(ui.visuals().error_fg_color, problem);
        }
        ui.separator();
        ui.horizontal(|ui| {
            if d.is_running() {
                ui.spinner();
                ui.label(format!("Writing {}", output.display()));
                return;
            }
            let ready = survey.allows(d.force).is_ok();
            let export = ui.add_enabled(ready, egui::Button::new("Export"));
            if export.clicked() {
                d.start(project, project_path, ctx);
            }
            if ui.button("Cancel").clicked() || ui.input(|i| i.key_pressed(Key::Escape)) {
                close = true;
            }
        });
    });
    if (close || modal.should_close()) && !d.is_running() {
        *dialog = None;
    }
}

/// The format choice, the output path with its preview, and what will be written.
fn form(
    ui: &mut egui::Ui,
    d: &mut ExportDialog,
    project: &Project,
    project_path: Option<&Path>,
    survey: &Survey,
) {
    ui.label("Format");
    let mut chosen = d.format;
    for format in Format::ALL {
        ui.radio_value(&mut chosen, format, format.label());
    }
    d.choose(chosen);
    ui.add_space(6.0);
    let what = if d.format.is_folder() {
        "folder"
    } else {
        "file"
    };
    ui.label(format!("Output {what}"));
    let default = d.format.default_output(project_path, &project.title);
    let edit = egui::TextEdit::singleline(&mut d.output)
        .hint_text(default.display().to_string())
        .desired_width(560.0);
    let response = ui.add(edit).accessible_name("Output path");
    if response.changed() {
        d.force = false;
        d.problem = None;
    }
    ui.label(
        RichText::new(format!("Leave empty for {}", default.display()))
            .weak()
            .small(),
    );
    ui.add_space(6.0);
    ui.label(format!("Will write {}.", survey.summary));
    if let Some(problem) = &survey.problem {
        ui.colored_label(
            ui.visuals().error_fg_color,
            format!("Cannot export there: {problem}"),
        );
        return;
    }
    if let Some(target) = &survey.link {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            format!(
                "{} is a symbolic link to {}. Parallax does not write through links unless you ask.",
                survey.output.display(),
                target.display()
            ),
        );
        ui.checkbox(
            &mut d.force,
            "Write through the link, replacing what it points to",
        )
        .accessible_name("Write through the link");
    } else if survey.replaces {
        let replaced = if d.format.is_folder() {
            "The folder exists; its files will be replaced."
        } else {
            "The file exists and will be replaced."
        };
        ui.colored_label(ui.visuals().warn_fg_color, replaced);
    }
}

/// The message with a capital first letter, for the status bar.
fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_typed_name_follows_the_format() {
        let mut d = ExportDialog::new(Format::Html);
        d.output = "out/report.html".into();
        d.choose(Format::Csv);
        assert_eq!(d.output, "out/report.csv");
        d.choose(Format::Brat);
        assert_eq!(d.output, "out/report");
        d.output = "notes.txt".into();
        d.choose(Format::Json);
        assert_eq!(d.output, "notes.txt", "a name the user chose is left alone");
    }

    #[test]
    fn an_empty_path_means_beside_the_project() {
        let d = ExportDialog::new(Format::Markdown);
        let project = Project::new("Call");
        let path = d.output_path(&project, Some(Path::new("work/call.ron")));
        assert_eq!(path, Path::new("work/call.md"));
        assert_eq!(capitalised("exported 3"), "Exported 3");
    }
}
