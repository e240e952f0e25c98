//! The status bar: unsaved changes, the last message, counts, and the progress of long
//! work with a button to cancel it.

use egui::{RichText, Ui};

use super::app::Workbench;
use super::jobs::Job;

pub fn show(app: &mut Workbench, ui: &mut Ui) {
    egui::Panel::bottom("status").show(ui, |ui| {
        ui.horizontal(|ui| {
            if app.history.is_dirty() {
                ui.label(RichText::new("● Unsaved changes").color(ui.visuals().warn_fg_color));
            } else {
                ui.label(RichText::new("✔ Saved").weak());
            }
            ui.separator();
            let path = app.file.path.as_ref().map_or_else(
                || "not saved to a file yet".to_string(),
                |p| p.display().to_string(),
            );
            ui.label(RichText::new(path).weak());
            ui.separator();
            ui.label(format!(
                "{} sources · {} annotations · {} entities",
                app.project.sources.len(),
                app.project.annotations.len(),
                app.project.entities.len()
            ));
            if let Some(job) = &app.job {
                job_progress(ui, job);
            }
            if let Some(job) = app.suggestions.job() {
                job_progress(ui, job);
            }
            if let Some(revising) = &app.revising {
                job_progress(ui, &revising.job);
            }
            if let Some(status) = &app.status {
                ui.separator();
                let color = if status.is_error {
                    ui.visuals().error_fg_color
                } else {
                    ui.visuals().text_color()
                };
                ui.label(RichText::new(&status.text).color(color));
            }
        });
    });
}

/// A job's progress bar, with a button to cancel it.
fn job_progress<T: Send + 'static>(ui: &mut Ui, job: &Job<T>) {
    ui.separator();
    ui.add(
        egui::ProgressBar::new(job.progress.fraction())
            .desired_width(160.0)
            .text(job.label.clone()),
    );
    if ui.button("Cancel").clicked() {
        job.cancel();
    }
    ui.ctx()
        .request_repaint_after(std::time::Duration::from_millis(100));
}
