//! The status bar: unsaved changes, the last message, counts, and the progress of long
//! work with a button to cancel it.

use egui::{RichText, Ui};

use super::action::{Action, Actions};
use super::view::{View, Work};
use crate::wording::count;

pub fn show(view: &View, ui: &mut Ui, out: &mut Actions) {
    egui::Panel::bottom("status").show(ui, |ui| {
        ui.horizontal(|ui| {
            if view.history.is_dirty() {
                ui.label(RichText::new("● Unsaved changes").color(ui.visuals().warn_fg_color));
            } else if view.path.is_some() {
                ui.label(RichText::new("✔ Saved").weak());
            } else {
                // A project that never had a file (the bundled example, a new one) is
                // unchanged, not saved.
                ui.label(RichText::new("No changes").weak());
            }
            ui.separator();
            let path = view.path.map_or_else(
                || "not saved to a file yet".to_string(),
                |p| p.display().to_string(),
            );
            ui.label(RichText::new(path).weak());
            ui.separator();
            ui.label(format!(
                "{} · {} · {}",
                count(view.project.sources.len(), "source"),
                count(view.project.annotations.len(), "annotation"),
                count(view.project.entities.len(), "entity")
            ));
            for work in &view.work {
                progress(ui, work, out);
            }
            if let Some(status) = view.status {
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

/// Work's progress bar (its name alone when its progress cannot be told), with a button
/// to cancel it where it can be.
fn progress(ui: &mut Ui, work: &Work<'_>, out: &mut Actions) {
    ui.separator();
    match work.fraction {
        Some(fraction) => {
            ui.add(
                egui::ProgressBar::new(fraction)
                    .desired_width(160.0)
                    .text(work.label),
            );
        }
        // No animation: the window need not redraw until the work is done.
        None => {
            ui.label(format!("{}…", work.label));
        }
    }
    if let Some(cancel) = work.cancel
        && ui.button("Cancel").clicked()
    {
        out.push(Action::Cancel(cancel));
    }
    ui.ctx()
        .request_repaint_after(std::time::Duration::from_millis(100));
}
