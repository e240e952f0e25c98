//! A column's title driven headless through egui_kittest: a click opens its menu, whose
//! entries re-read a saved web page as the whole page and back as the article (one
//! undoable step each, annotations on their words), refuse a page that is gone or
//! changed, and ask for the page when the project does not know where it is; dragging
//! the title moves the column, one step Ctrl+Z undoes. And the status bar under the
//! columns counts in words.

mod common;

use std::path::{Path, PathBuf};

use egui::{Event, Key, Modifiers, Pos2, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable;
use parallax::model::{Annotation, AnnotationId, Project, Source, TagKind, bytes_hash};
use parallax::ui::prefs::Prefs;
use parallax::ui::{ProjectFile, Workbench};

use common::{builder, click_at, key_with, pause, press, sid, wait_for_revision};

/// A copy of a page written for the project, with its navigation, in `dir`.
fn saved_page(dir: &Path) -> PathBuf {
    let page = dir.join("valley-courier.html");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages/valley-courier.html"),
        &page,
    )
    .unwrap();
    page
}

/// A project holding the page's article as a source, with "Ashby" tagged as an actor.
fn project_of(page: &Path) -> Project {
    let mut project = Project::new("Floods");
    let document = parallax::import::read_document(page).unwrap();
    let source = document.into_source(&project, None);
    let ashby = source.text.as_str().find("Ashby").unwrap();
    let start = source.text.as_str()[..ashby].chars().count();
    let a = Annotation::new(
        AnnotationId::new("ashby").unwrap(),
        &source,
        start..start + 5,
        TagKind::Actor.empty_tag(),
    );
    project.annotations.insert(a.id.clone(), a);
    project.sources.push(source);
    project
}

fn window(project: Project) -> Harness<'static, Workbench> {
    let app = Workbench::new(project, ProjectFile::default(), Prefs::default());
    let mut h = builder().build_ui_state(|ui, app: &mut Workbench| app.show(ui), app);
    h.run();
    h
}

/// The middle of a column's title: the label of that name above the column's text.
fn title(h: &Harness<'_, Workbench>, name: &str) -> Pos2 {
    let column = h.get_by_label(&format!("Text of {name}")).rect();
    h.query_all_by_label(name)
        .map(|node| node.rect())
        .find(|r| r.max.y <= column.min.y && column.x_range().contains(r.center().x))
        .expect("the column's title")
        .center()
}

const TITLE: &str = "Floods close the mill road for a second week";

/// Clicks the column's title and picks an entry of its menu.
fn from_menu(h: &mut Harness<'_, Workbench>, entry: &str) {
    let at = title(h, TITLE);
    click_at(h, at);
    h.get_by_label(entry).click();
    h.run();
}

fn source(h: &Harness<'_, Workbench>) -> Source {
    h.state().project().sources[0].clone()
}

/// The words the annotation on "Ashby" covers.
fn tagged(h: &Harness<'_, Workbench>) -> String {
    let p = h.state().project();
    let a = &p.annotations[&AnnotationId::new("ashby").unwrap()];
    assert!(!a.unplaced);
    p.sources[0].text.slice(a.span()).to_string()
}

fn status(h: &Harness<'_, Workbench>) -> parallax::ui::view::Status {
    h.state().status().cloned().expect("a status")
}

#[test]
fn a_web_page_is_re_read_as_the_whole_page_and_back_each_one_undoable_step() {
    let dir = tempfile::tempdir().unwrap();
    let page = saved_page(dir.path());
    let project = project_of(&page);
    let article = project.sources[0].text.as_str().to_string();
    assert!(!article.contains("Classifieds"), "navigation left out");
    let mut h = window(project.clone());
    from_menu(&mut h, "Re-read as the whole page");
    wait_for_revision(&mut h);
    let whole = source(&h);
    assert!(
        whole.text.as_str().contains("Classifieds") && whole.text.as_str().contains("Ashby"),
        "every visible word: {}",
        whole.text.as_str()
    );
    assert_eq!(tagged(&h), "Ashby", "the annotation followed its word");
    assert_eq!(whole.file_hash, project.sources[0].file_hash);
    assert_eq!(whole.title, project.sources[0].title, "the details stay");
    let said = status(&h);
    assert!(
        !said.is_error
            && said.text.contains("as the whole page")
            && said.text.contains("1 moved with their words"),
        "{said:?}"
    );
    assert_eq!(
        h.state().undo_label(),
        Some("Re-read source valley-courier as the whole page")
    );
    // One step undoes it.
    key_with(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(*h.state().project(), project);
    key_with(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, Key::Z);
    assert_eq!(source(&h).text.as_str(), whole.text.as_str());
    // And back to the article.
    from_menu(&mut h, "Re-read as the article");
    wait_for_revision(&mut h);
    assert_eq!(source(&h).text.as_str(), article);
    assert_eq!(tagged(&h), "Ashby");
    let said = status(&h);
    assert!(
        said.text
            .starts_with("Re-read source `valley-courier` as the article (article, ")
            && said.text.contains(" words of page furniture left out): "),
        "{said:?}"
    );
    // Asking for what the source already holds changes nothing, and says so.
    from_menu(&mut h, "Re-read as the article");
    wait_for_revision(&mut h);
    let said = status(&h);
    assert!(
        said.is_error && said.text.contains("already holds the article"),
        "{said:?}"
    );
    assert_eq!(
        h.state().undo_label(),
        Some("Re-read source valley-courier as the article")
    );
}

#[test]
fn a_page_that_is_gone_or_changed_is_not_re_read_and_nothing_changes() {
    let dir = tempfile::tempdir().unwrap();
    let page = saved_page(dir.path());
    let project = project_of(&page);
    let mut h = window(project.clone());
    // Changed since it was added: its bytes are not the ones received.
    let mut bytes = std::fs::read(&page).unwrap();
    bytes.extend_from_slice(b"<!-- saved again -->\n");
    std::fs::write(&page, &bytes).unwrap();
    from_menu(&mut h, "Re-read as the whole page");
    wait_for_revision(&mut h);
    let said = status(&h);
    assert!(
        said.is_error
            && said.text.contains("valley-courier.html")
            && said
                .text
                .contains("is not the file the source was added from")
            && said.text.contains("nothing changed"),
        "{said:?}"
    );
    assert_eq!(*h.state().project(), project);
    assert!(!h.state().is_dirty());
    // Gone.
    std::fs::remove_file(&page).unwrap();
    from_menu(&mut h, "Re-read as the whole page");
    wait_for_revision(&mut h);
    let said = status(&h);
    assert!(
        said.is_error
            && said.text.contains("valley-courier.html")
            && said.text.contains("is not there any more")
            && said.text.contains("nothing changed"),
        "{said:?}"
    );
    assert_eq!(*h.state().project(), project);
    assert!(!h.state().is_dirty());
    assert_eq!(h.state().undo_label(), None);
}

#[test]
fn a_page_the_project_cannot_find_is_asked_for_and_must_be_the_same_file() {
    let dir = tempfile::tempdir().unwrap();
    let page = saved_page(dir.path());
    let mut project = project_of(&page);
    project.sources[0].origin = None;
    let mut h = window(project.clone());
    from_menu(&mut h, "Re-read as the whole page");
    h.get_by_label("Re-read the source's web page");
    h.get_by_label_contains("does not know where the web page");
    // Only a saved web page will do.
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "Some notes.").unwrap();
    h.get_by_label("Path").focus();
    h.event(Event::Text(notes.display().to_string()));
    h.run();
    h.get_by_label("Re-read").click();
    h.run();
    h.get_by_label_contains("is not a saved web page");
    // Another page than the one the source was added from is refused.
    let other = dir.path().join("other.html");
    std::fs::write(
        &other,
        "<html><body><p>Something else entirely.</p></body></html>",
    )
    .unwrap();
    h.get_by_label("Path").focus();
    h.key_press_modifiers(Modifiers::COMMAND, Key::A);
    h.event(Event::Text(other.display().to_string()));
    h.run();
    h.get_by_label("Re-read").click();
    h.run();
    wait_for_revision(&mut h);
    let said = status(&h);
    assert!(
        said.is_error
            && said
                .text
                .contains("is not the file the source was added from"),
        "{said:?}"
    );
    assert_eq!(*h.state().project(), project);
    // The page itself is read again, and the source now knows where it is.
    from_menu(&mut h, "Re-read as the whole page");
    h.get_by_label("Path").focus();
    h.event(Event::Text(page.display().to_string()));
    h.run();
    h.get_by_label("Re-read").click();
    h.run();
    wait_for_revision(&mut h);
    let whole = source(&h);
    assert!(whole.text.as_str().contains("Classifieds"));
    assert_eq!(whole.origin, Some(page.canonicalize().unwrap()));
    assert_eq!(
        whole.file_hash,
        Some(bytes_hash(&std::fs::read(&page).unwrap()))
    );
    assert_eq!(tagged(&h), "Ashby");
}

fn three_sources() -> Project {
    let mut p = Project::new("Talks");
    for (id, title, text) in [
        (
            "wire",
            "Wire report",
            "Talks resume on Monday, the ministry said.",
        ),
        (
            "radio",
            "Radio bulletin",
            "The talks will resume next week.",
        ),
        ("paper", "Morning paper", "Negotiators return to the table."),
    ] {
        p.sources.push(Source::new(sid(id), title, text));
    }
    p
}

fn order(h: &Harness<'_, Workbench>) -> Vec<String> {
    let sources = &h.state().project().sources;
    sources.iter().map(|s| s.id.to_string()).collect()
}

/// Presses on `from`, moves in steps to `to` and releases there, as a hand drags.
fn drag(h: &mut Harness<'_, Workbench>, from: Pos2, to: Pos2) {
    pause(h);
    h.event(Event::PointerMoved(from));
    h.step();
    press(h, from, true, Modifiers::NONE);
    h.step();
    for i in 1..=8 {
        h.event(Event::PointerMoved(from + (to - from) * (i as f32 / 8.0)));
        h.step();
    }
    press(h, to, false, Modifiers::NONE);
    h.run();
    pause(h);
}

#[test]
fn dragging_a_columns_title_moves_it_in_one_undoable_step() {
    let mut h = window(three_sources());
    // The first column's title dropped on the third column's text.
    let from = title(&h, "Wire report");
    let to = h.get_by_label("Text of Morning paper").rect().center();
    drag(&mut h, from, to);
    assert_eq!(order(&h), ["radio", "paper", "wire"]);
    assert_eq!(h.state().undo_label(), Some("move Wire report to column 3"));
    assert!(
        h.query_by_label("Edit details…").is_none(),
        "no menu opened"
    );
    assert!(
        h.state().selection().is_none(),
        "no text selected on the way"
    );
    // Back to the front, dropped on the first column's title.
    let from = title(&h, "Wire report");
    let to = title(&h, "Radio bulletin") + vec2(0.0, 2.0);
    drag(&mut h, from, to);
    assert_eq!(order(&h), ["wire", "radio", "paper"]);
    key_with(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(order(&h), ["radio", "paper", "wire"]);
    key_with(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(order(&h), ["wire", "radio", "paper"]);
    // The dots beside a title move it too.
    let grip = h.get_by_label("Move “Morning paper”").rect().center();
    let to = h.get_by_label("Text of Wire report").rect().center();
    drag(&mut h, grip, to);
    assert_eq!(order(&h), ["paper", "wire", "radio"]);
    key_with(&mut h, Modifiers::COMMAND, Key::Z);
    assert_eq!(order(&h), ["wire", "radio", "paper"]);
    // Dropped on its own column, or released outside any column, nothing moves.
    let from = title(&h, "Radio bulletin");
    drag(&mut h, from, from + vec2(40.0, 60.0));
    assert_eq!(order(&h), ["wire", "radio", "paper"]);
    assert!(!h.state().is_dirty());
}

#[test]
fn a_plain_click_on_a_columns_title_opens_its_menu() {
    let mut h = window(three_sources());
    let at = title(&h, "Radio bulletin");
    click_at(&mut h, at);
    h.get_by_label("Edit details…").click();
    h.run();
    h.get_by_label("Details of “Radio bulletin”");
    assert_eq!(order(&h), ["wire", "radio", "paper"]);
}

#[test]
fn the_status_bar_counts_in_words() {
    let dir = tempfile::tempdir().unwrap();
    let h = window(project_of(&saved_page(dir.path())));
    h.get_by_label("1 source · 1 annotation · 0 entities");
}

#[test]
fn a_page_without_an_article_is_not_re_read_as_one() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("section-front.html");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages/section-front.html"),
        &page,
    )
    .unwrap();
    let mut project = Project::new("Fronts");
    let source = parallax::import::read_document(&page)
        .unwrap()
        .into_source(&project, None);
    project.sources.push(source);
    let mut h = window(project.clone());
    let at = title(&h, "Local news");
    click_at(&mut h, at);
    h.get_by_label("Re-read as the article").click();
    h.run();
    wait_for_revision(&mut h);
    let said = status(&h);
    assert!(
        said.is_error
            && said.text.contains("no article was recognised in")
            && said.text.contains("section-front.html"),
        "{said:?}"
    );
    assert_eq!(*h.state().project(), project);
}

#[test]
fn a_source_added_before_hashes_were_kept_is_re_read_and_gets_one() {
    let dir = tempfile::tempdir().unwrap();
    let page = saved_page(dir.path());
    let mut project = project_of(&page);
    project.sources[0].file_hash = None;
    let mut h = window(project);
    from_menu(&mut h, "Re-read as the whole page");
    wait_for_revision(&mut h);
    let whole = source(&h);
    assert!(whole.text.as_str().contains("Classifieds"));
    assert_eq!(
        whole.file_hash,
        Some(bytes_hash(&std::fs::read(&page).unwrap()))
    );
    assert_eq!(tagged(&h), "Ashby");
}
