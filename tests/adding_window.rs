//! Adding documents of every format in the window, driven headless through egui_kittest:
//! dropped on the window or typed in *Add sources…*, a web page, a web archive, an e-mail,
//! a Word and an OpenDocument file each become a source in one undoable step, and the
//! status bar says what was kept of each page and which attachments were not imported.

mod common;

use std::path::{Path, PathBuf};

use egui::{Event, Key, Modifiers};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use parallax::model::Project;
use parallax::ui::action::{Dialog, PathPurpose};
use parallax::ui::prefs::Prefs;
use parallax::ui::{Action, ProjectFile, Workbench};

use common::{Dropped, builder, key_with, wait_until};

fn fixture(name: &str) -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let pages = root.join("pages").join(name);
    if pages.is_file() {
        pages
    } else {
        root.join("formats").join(name)
    }
}

fn window() -> Harness<'static, Workbench> {
    let app = Workbench::new(
        Project::new("Harbour"),
        ProjectFile::default(),
        Prefs::default(),
    );
    let mut h = builder().build_ui_state(|ui, app: &mut Workbench| app.show(ui), app);
    h.run();
    h
}

fn titles(h: &Harness<'_, Workbench>) -> Vec<String> {
    let sources = &h.state().project().sources;
    sources.iter().map(|s| s.title.clone()).collect()
}

#[test]
fn dropped_pages_archives_and_emails_become_sources_and_the_status_says_what_was_kept() {
    let mut h = window();
    for name in [
        "harbour-post.html",
        "harbour-post.mhtml",
        "press-release.eml",
    ] {
        h.input_mut()
            .dropped_files
            .push(std::sync::Arc::new(Dropped(fixture(name))));
    }
    h.step();
    h.input_mut().dropped_files.clear();
    wait_until(
        &mut h,
        |w| w.project().sources.len() == 3,
        "three sources added",
    );
    let ids: Vec<String> = h
        .state()
        .project()
        .sources
        .iter()
        .map(|s| s.id.to_string())
        .collect();
    assert_eq!(ids, ["harbour-post", "harbour-post-2", "press-release"]);
    let titles = titles(&h);
    assert_eq!(titles[2], "Statement on the harbour talks");
    assert_eq!(titles[0], titles[1], "the archive holds the same page");
    let status = h.state().status().cloned().unwrap();
    assert!(!status.is_error, "{status:?}");
    assert!(
        status.text.starts_with("Added 3 sources (article, ")
            && status.text.contains(" words of page furniture left out")
            && status
                .text
                .contains("attached, not imported: quotas-2026.pdf, harbour.jpg"),
        "{status:?}"
    );
    assert_eq!(h.state().undo_label(), Some("add 3 sources"));
    key_with(&mut h, Modifiers::COMMAND, Key::Z);
    assert!(h.state().project().sources.is_empty());
}

#[test]
fn word_and_opendocument_files_are_added_by_typing_their_paths() {
    let mut h = window();
    h.state_mut()
        .act(Action::OpenDialog(Dialog::Path(PathPurpose::AddSources)));
    h.run();
    let typed = ["election.docx", "harbour.odt"]
        .map(|name| fixture(name).display().to_string())
        .join("\n");
    h.get_by_label("Path").focus();
    h.event(Event::Text(typed));
    h.run();
    h.get_by_label("Add").click();
    h.run();
    wait_until(
        &mut h,
        |w| w.project().sources.len() == 2,
        "two sources added",
    );
    let project = h.state().project();
    for (source, words) in project.sources.iter().zip(["election", "harbour"]) {
        assert_eq!(source.id.as_str(), words);
        let text = std::fs::read_to_string(fixture(&format!("{words}.txt"))).unwrap();
        let first = text.lines().find(|l| !l.trim().is_empty()).unwrap().trim();
        assert!(
            source.text.as_str().contains(first),
            "{words}: {}",
            source.text.as_str()
        );
        assert!(source.file_hash.is_some(), "{words}: provenance kept");
    }
}
