//! Nothing the analyst makes is lost: random sequences of the window's actions (changes,
//! saves, autosaves, closing, opening another project, starting a new one, saving or
//! discarding first), with a write failure injected at a random step of any of them.
//! After every action and every frame, each change the analyst made and has not
//! discarded is in the project file, in the recovery file, or still in the window.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use egui::{Pos2, RawInput, Rect, ViewportCommand, ViewportId, vec2};
use parallax::edit::Command;
use parallax::model::{Annotation, AnnotationId, Project, Source, SourceId, TagKind};
use parallax::store::{self, Faults, Step};
use parallax::ui::action::Then;
use parallax::ui::prefs::Prefs;
use parallax::ui::{Action, Workbench};
use proptest::prelude::*;

const TEXT: &str = "The ministry said talks would resume on Monday, according to the agency.";

fn project(title: &str) -> Project {
    let mut p = Project::new(title);
    p.sources.push(Source::new(
        SourceId::new("wire").unwrap(),
        "Wire report",
        TEXT,
    ));
    p
}

/// What the analyst does next.
#[derive(Debug, Clone)]
enum Move {
    /// Tag words: a change to keep.
    Change,
    Save,
    Autosave,
    /// Answer "Save changes?" with Save, then carry on.
    SaveThen(Next),
    /// Answer "Save changes?" with Discard, then carry on.
    DiscardThen(Next),
}

/// Where the analyst goes after saving or discarding.
#[derive(Debug, Clone, Copy)]
enum Next {
    Close,
    /// Another, sound project.
    OpenOther,
    /// A file that is not a project: opening it fails.
    OpenBroken,
    New,
}

fn steps() -> impl Strategy<Value = Vec<(Move, Option<Step>)>> {
    let next = prop_oneof![
        Just(Next::Close),
        Just(Next::OpenOther),
        Just(Next::OpenBroken),
        Just(Next::New),
    ];
    let step = prop_oneof![
        4 => Just(Move::Change),
        2 => Just(Move::Save),
        2 => Just(Move::Autosave),
        1 => next.clone().prop_map(Move::SaveThen),
        1 => next.prop_map(Move::DiscardThen),
    ];
    let fault = prop_oneof![
        2 => Just(None),
        1 => proptest::sample::select(Step::ALL.to_vec()).prop_map(Some),
    ];
    proptest::collection::vec((step, fault), 1..14)
}

/// The window, run frame by frame on a headless context.
struct Window {
    ctx: egui::Context,
    app: Workbench,
    time: f64,
    closed: bool,
}

impl Window {
    fn frame(&mut self) {
        self.time += 0.016;
        let input = RawInput {
            screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1200.0, 800.0))),
            time: Some(self.time),
            ..Default::default()
        };
        let app = &mut self.app;
        let mut output = self.ctx.run_ui(input, |ui| app.show(ui));
        output.textures_delta.clear();
        self.closed |= output
            .viewport_output
            .get(&ViewportId::ROOT)
            .is_some_and(|v| v.commands.contains(&ViewportCommand::Close));
    }
}

/// The changes the analyst made, by the file whose project they were made in.
#[derive(Default)]
struct Made {
    changes: Vec<(PathBuf, AnnotationId)>,
    discarded: HashSet<AnnotationId>,
}

fn ids_in(project: Option<Project>) -> HashSet<AnnotationId> {
    project
        .map(|p| p.annotations.keys().cloned().collect())
        .unwrap_or_default()
}

fn in_file(path: &Path) -> HashSet<AnnotationId> {
    ids_in(store::load(path).ok().map(|l| l.project))
}

fn in_recovery(path: &Path) -> HashSet<AnnotationId> {
    ids_in(
        store::read_recovery(path)
            .and_then(Result::ok)
            .map(|l| l.project),
    )
}

/// The file the window's project belongs to: its own, or where an untitled one is
/// autosaved.
fn window_file(w: &Window, untitled: &Path) -> PathBuf {
    w.app
        .file()
        .path
        .clone()
        .unwrap_or_else(|| untitled.to_path_buf())
}

/// Every change not discarded is in its project file, its recovery file, or the window.
fn check(w: &Window, made: &Made, untitled: &Path) -> Result<(), TestCaseError> {
    let shown = window_file(w, untitled);
    for (file, id) in &made.changes {
        if made.discarded.contains(id) {
            continue;
        }
        let in_window = !w.closed && &shown == file && w.app.project().annotations.contains_key(id);
        prop_assert!(
            in_window || in_file(file).contains(id) || in_recovery(file).contains(id),
            "change {id} to {} is lost (window on {}, closed: {}, status: {:?})",
            file.display(),
            shown.display(),
            w.closed,
            w.app.status()
        );
    }
    Ok(())
}

/// Runs frames until the window's writes are done, checking after each.
fn settle(w: &mut Window, made: &Made, untitled: &Path) -> Result<(), TestCaseError> {
    let started = Instant::now();
    loop {
        w.frame();
        check(w, made, untitled)?;
        if !w.app.is_writing() {
            return Ok(());
        }
        prop_assert!(started.elapsed() < Duration::from_secs(20), "a write hangs");
        std::thread::sleep(Duration::from_millis(2));
    }
}

fn target(next: Next, other: &Path, broken: &Path) -> Then {
    match next {
        Next::Close => Then::Close,
        Next::OpenOther => Then::Open(other.to_path_buf()),
        Next::OpenBroken => Then::Open(broken.to_path_buf()),
        Next::New => Then::New,
    }
}

fn run(steps: Vec<(Move, Option<Step>)>) -> Result<(), TestCaseError> {
    let dir = tempfile::tempdir().unwrap();
    let mine = dir.path().join("mine.ron");
    let other = dir.path().join("other.ron");
    let broken = dir.path().join("broken.ron");
    let untitled = dir.path().join("untitled.ron");
    store::save(&project("Mine"), &mine).unwrap();
    store::save(&project("Other"), &other).unwrap();
    std::fs::write(&broken, "(format_version: 2, title: ").unwrap();
    let mut app = Workbench::open(&mine, Prefs::default()).unwrap();
    app.set_untitled_recovery(Some(untitled.clone()));
    let mut w = Window {
        ctx: egui::Context::default(),
        app,
        time: 0.0,
        closed: false,
    };
    parallax::ui::fonts::install(&w.ctx);
    w.frame();
    let mut made = Made::default();
    for (n, (step, fault)) in steps.into_iter().enumerate() {
        if w.closed {
            break;
        }
        w.app.inject_faults(fault.map_or(Faults::NONE, Faults::at));
        let ctx = w.ctx.clone();
        match step {
            Move::Change => {
                let id = AnnotationId::new(format!("change-{n}")).unwrap();
                let mut steps = Vec::new();
                // A new project has no source yet: the change adds one first.
                let source = match w.app.project().sources.first() {
                    Some(source) => source.clone(),
                    None => {
                        let source = project("").sources.remove(0);
                        steps.push(Command::InsertSource {
                            index: 0,
                            source: source.clone(),
                        });
                        source
                    }
                };
                let start = (n * 7) % 60;
                let tag = TagKind::Actor.empty_tag();
                steps.push(Command::PutAnnotation(Annotation::new(
                    id.clone(),
                    &source,
                    start..start + 5,
                    tag,
                )));
                let done = w
                    .app
                    .apply(Action::edit(Command::Batch(steps), "tag"), &ctx);
                prop_assert!(done.is_ok(), "{done:?}");
                made.changes.push((window_file(&w, &untitled), id));
            }
            Move::Save => {
                let _ = w.app.apply(Action::Save(None), &ctx);
            }
            Move::Autosave => w.app.autosave_now(w.time, &ctx),
            Move::SaveThen(next) => {
                let then = target(next, &other, &broken);
                let _ = w.app.apply(Action::Save(Some(then)), &ctx);
            }
            Move::DiscardThen(next) => {
                let file = window_file(&w, &untitled);
                let then = target(next, &other, &broken);
                if w.app.apply(Action::Discard(then), &ctx).is_ok() {
                    // What the file holds stays checked; the rest was given up.
                    let kept = in_file(&file);
                    for (f, id) in &made.changes {
                        if f == &file && !kept.contains(id) {
                            made.discarded.insert(id.clone());
                        }
                    }
                }
            }
        }
        settle(&mut w, &made, &untitled)?;
    }
    w.app.inject_faults(Faults::NONE);
    check(&w, &made, &untitled)
}

proptest! {
    #![proptest_config(ProptestConfig {
        cases: 48,
        failure_persistence: None,
        ..ProptestConfig::default()
    })]

    #[test]
    fn no_change_is_ever_lost(steps in steps()) {
        run(steps)?;
    }
}
