//! The workbench window (eframe and egui). Panels draw from a read-only [`view::View`]
//! and queue [`action::Action`]s; the [`app::Workbench`] alone holds the project and its
//! history, and carries the actions out after each frame through [`crate::edit`].

pub mod about;
pub mod action;
pub mod app;
pub mod blocks;
pub mod columns;
pub mod compare_view;
pub mod conflicts_panel;
pub mod curation;
pub mod dialogs;
pub mod document;
pub mod entities_panel;
pub mod export;
pub mod find;
pub mod fonts;
pub mod icon;
pub mod inspector;
pub mod jobs;
pub mod keys;
pub mod list;
pub mod menu;
pub mod picker;
pub mod prefs;
pub mod revising;
pub mod sources_panel;
pub mod spans;
pub mod status;
pub mod suggestion_panel;
pub mod suggestions;
pub mod theme;
pub mod timeline;
pub mod view;

use std::path::{Path, PathBuf};

pub use action::Action;
pub use app::{Outcome, ProjectFile, Workbench};
use prefs::Prefs;

/// The application id: names the window class and the folder for preferences.
pub const APP_ID: &str = "parallax";

/// eframe's side of the workbench: preferences are loaded and stored through eframe's
/// storage; the project itself only ever goes to project files.
struct ParallaxApp {
    workbench: Workbench,
    fitted: bool,
}

impl eframe::App for ParallaxApp {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        if !self.fitted {
            self.fitted = fit_to_monitor(ui.ctx());
        }
        self.workbench.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, prefs::STORAGE_KEY, self.workbench.prefs());
    }
}

/// Opens the workbench on a project file, or on the bundled example when `project` is
/// `None`.
pub fn run(project: Option<PathBuf>) -> anyhow::Result<()> {
    // Open the project before the window, so a broken file is reported on the terminal too.
    let opened = project.as_deref().map(|path| {
        let (workbench, failure) = open_for_window(path, Prefs::default());
        if let Some(why) = &failure {
            eprintln!("parallax: error: {why}");
        }
        (workbench, failure.is_none())
    });
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_app_id(APP_ID)
            .with_title("Parallax")
            .with_icon(icon::icon())
            .with_inner_size([1400.0, 900.0])
            .with_maximized(true)
            .with_min_inner_size([640.0, 400.0])
            .with_drag_and_drop(true),
        persist_window: true,
        ..Default::default()
    };
    eframe::run_native(
        APP_ID,
        options,
        Box::new(move |cc| {
            fonts::install(&cc.egui_ctx);
            let prefs: Prefs = cc
                .storage
                .and_then(|s| eframe::get_value(s, prefs::STORAGE_KEY))
                .unwrap_or_default();
            let (mut workbench, opened_the_file) = match opened {
                Some(opened) => opened,
                None => (example_workbench(prefs.clone()), false),
            };
            let mut prefs = prefs;
            if let (Some(path), true) = (&project, opened_the_file) {
                prefs.remember(path);
            }
            workbench.set_prefs(prefs);
            workbench.set_untitled_recovery(
                eframe::storage_dir(APP_ID).map(|dir| dir.join("untitled.ron")),
            );
            if workbench.file().path.is_none() {
                workbench.offer_recovery();
            }
            Ok(Box::new(ParallaxApp {
                workbench,
                fitted: false,
            }))
        }),
    )
    .map_err(|e| anyhow::anyhow!("the window could not be opened: {e}"))
}

/// Shrinks the window onto the screen when it opened larger than the screen (on a
/// desktop without a window manager to maximise it); returns whether the size is known.
fn fit_to_monitor(ctx: &egui::Context) -> bool {
    let (monitor, inner) = ctx.input(|i| (i.viewport().monitor_size, i.viewport().inner_rect));
    let (Some(monitor), Some(inner)) = (monitor, inner) else {
        return false;
    };
    if inner.width() > monitor.x || inner.height() > monitor.y {
        ctx.send_viewport_cmd(egui::ViewportCommand::OuterPosition(egui::Pos2::ZERO));
        ctx.send_viewport_cmd(egui::ViewportCommand::InnerSize(monitor));
    }
    true
}

/// The workbench on the project file at `path`, as the window opens it. When the file
/// cannot be opened, an untitled project with the reason in a dialog, because a desktop
/// that opens Parallax on a file (`parallax %f`) shows no terminal; the reason is
/// returned too, for the terminal.
pub fn open_for_window(path: &Path, prefs: Prefs) -> (Workbench, Option<String>) {
    match Workbench::open(path, prefs.clone()) {
        Ok(workbench) => (workbench, None),
        Err(err) => {
            let why = err.to_string();
            let mut workbench = Workbench::new(
                crate::model::Project::new("Untitled"),
                ProjectFile::default(),
                prefs,
            );
            workbench.act(Action::OpenDialog(action::Dialog::Message {
                title: "The project could not be opened".into(),
                text: why.clone(),
            }));
            (workbench, Some(why))
        }
    }
}

/// A workbench on the bundled example project (not tied to any file until saved).
pub fn example_workbench(prefs: Prefs) -> Workbench {
    let loaded = crate::example::example();
    Workbench::new(loaded.project, ProjectFile::default(), prefs)
}
