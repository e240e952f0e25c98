//! Help ▸ About Parallax driven headless through egui_kittest: the window shows the
//! version from `Cargo.toml`, the licence, and the bundled font's licence in full, and
//! closes.

mod common;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use parallax::model::Project;
use parallax::ui::prefs::Prefs;
use parallax::ui::{ProjectFile, Workbench};

use common::builder;

fn window() -> Harness<'static, Workbench> {
    let app = Workbench::new(
        Project::new("Call"),
        ProjectFile::default(),
        Prefs::default(),
    );
    let mut h = builder().build_ui_state(|ui, app: &mut Workbench| app.show(ui), app);
    h.run();
    h
}

fn shows(h: &Harness<'_, Workbench>, words: &str) -> bool {
    h.query_by_label_contains(words).is_some()
}

#[test]
fn about_shows_the_version_the_licence_and_the_fonts_licence() {
    let mut h = window();
    let version = format!("Version {}", env!("CARGO_PKG_VERSION"));
    assert!(!shows(&h, &version), "About is closed at first");

    h.get_by_label("Help").click();
    h.run();
    h.get_by_label("About Parallax").click();
    h.run();

    assert!(shows(&h, &version));
    assert!(shows(&h, "Licence: MIT or Apache-2.0, at your choice."));
    assert!(shows(&h, "DejaVu Sans, bundled with Parallax"));
    assert!(
        !shows(&h, "Bitstream Vera is a trademark"),
        "the licence text is folded"
    );

    h.get_by_label("DejaVu Sans licence").click();
    h.run();
    let licence = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/assets/fonts/DejaVuSans-LICENSE.txt"
    ))
    .unwrap();
    assert!(
        h.query_by_label(&licence).is_some(),
        "the whole licence file"
    );

    h.get_by_label("Close").click();
    h.run();
    assert!(!shows(&h, &version), "Close closes About");
}
