//! The export dialog in the window, driven headless through egui_kittest: choose a
//! format, type a path, export on the dialog's thread while the window keeps drawing,
//! and find the file; a symbolic link is only written through when asked.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui::vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use parallax::ui::prefs::Prefs;
use parallax::ui::{Action, Workbench};

/// The window on the project at `project_path`, with the export dialog open.
fn harness(project_path: PathBuf) -> Harness<'static, Workbench> {
    let mut app = Workbench::open(&project_path, Prefs::default()).unwrap();
    app.act(Action::OpenExport);
    Harness::builder()
        .with_size(vec2(1400.0, 900.0))
        .with_context_setup(|ctx| {
            parallax::ui::fonts::install(ctx);
            ctx.set_missing_glyph_policy(egui::MissingGlyphPolicy::Panic);
        })
        .build_ui_state(|ui, app: &mut Workbench| app.show(ui), app)
}

/// Steps the window until the dialog has closed, as a running export lets it.
fn until_closed(h: &mut Harness<'_, Workbench>) {
    let started = Instant::now();
    while h.state().is_exporting() {
        assert!(
            started.elapsed() < Duration::from_secs(30),
            "the export did not finish: {:?}",
            h.state().status()
        );
        h.step();
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn copy_of_example(dir: &Path) -> PathBuf {
    let path = dir.join("call.ron");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/phone-call.ron"),
        &path,
    )
    .unwrap();
    path
}

#[test]
fn choosing_csv_and_a_path_exports_there() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(copy_of_example(dir.path()));
    h.run();
    // The default is shown before anything is typed.
    let default = dir.path().join("call.html").display().to_string();
    h.get_by_label(&format!("Leave empty for {default}"));
    h.get_by_label("CSV table").click();
    h.run();
    let out = dir.path().join("table.csv");
    h.get_by_label("Output path").click();
    h.run();
    h.get_by_label("Output path")
        .type_text(&out.display().to_string());
    h.run();
    h.get_by_label(&format!(
        "Will write one file, {} (CSV table).",
        out.display()
    ));
    h.get_by_label("Export").click();
    h.step();
    until_closed(&mut h);
    let csv = std::fs::read_to_string(&out).unwrap();
    assert_eq!(csv.lines().count(), 82, "a header and 81 rows");
    assert_eq!(
        h.state().status().map(|s| s.text.clone()),
        Some(format!(
            "Exported 81 annotations of 3 sources as CSV table to {}",
            out.display()
        ))
    );
}

#[test]
fn a_brat_folder_is_announced_with_its_files() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(copy_of_example(dir.path()));
    h.run();
    h.get_by_label("brat standoff folder").click();
    h.run();
    let folder = dir.path().join("call-brat");
    h.get_by_label(&format!(
        "Will write a folder {} with 7 files: a .txt and an .ann for each of 3 sources, and annotation.conf.",
        folder.display()
    ));
    h.get_by_label("Export").click();
    h.step();
    until_closed(&mut h);
    assert_eq!(std::fs::read_dir(&folder).unwrap().count(), 7);
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_is_written_through_only_when_asked() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(copy_of_example(dir.path()));
    let real = dir.path().join("real.html");
    std::fs::write(&real, "old").unwrap();
    std::os::unix::fs::symlink("real.html", dir.path().join("call.html")).unwrap();
    h.run();
    assert!(h.query_by_label("Write through the link").is_some());
    h.get_by_label("Export").click();
    h.run();
    assert_eq!(
        std::fs::read_to_string(&real).unwrap(),
        "old",
        "Export is disabled"
    );
    h.get_by_label("Write through the link").click();
    h.run();
    h.get_by_label("Export").click();
    h.step();
    until_closed(&mut h);
    assert!(
        std::fs::read_to_string(&real)
            .unwrap()
            .starts_with("<!DOCTYPE html>")
    );
}

#[test]
fn the_project_file_cannot_be_chosen_and_cancel_closes() {
    let dir = tempfile::tempdir().unwrap();
    let project = copy_of_example(dir.path());
    let mut h = harness(project.clone());
    h.run();
    h.get_by_label("Output path").click();
    h.run();
    h.get_by_label("Output path")
        .type_text(&project.display().to_string());
    h.run();
    h.get_by_label(
        "Cannot export there: this is the project file itself; choose another output path",
    );
    let before = std::fs::read(&project).unwrap();
    h.get_by_label("Export").click();
    h.run();
    assert!(h.state().is_exporting());
    h.get_by_label("Cancel").click();
    h.run();
    assert!(!h.state().is_exporting());
    assert_eq!(std::fs::read(&project).unwrap(), before);
    assert!(h.state().status().is_none());
}
