//! Frame times of the window, driven headless through `egui::Context` with tessellation
//! included (what a frame costs before the GPU): the first frame of a freshly opened
//! project, a steady frame, the frames that apply and show one more annotation, and the
//! slowest frame while a large project saves.

use std::time::{Duration, Instant};

use egui::{Pos2, RawInput, Rect, vec2};
use parallax::ui::prefs::Prefs;
use parallax::ui::{Action, ProjectFile, Workbench};

use crate::median;
use crate::synthetic;

/// The medians of one size's frames, in milliseconds.
pub struct Frames {
    /// The window's state and indexes for the project, then its first frame.
    pub first: f64,
    pub steady: f64,
    /// The frame that applies an edit plus the frame that shows it.
    pub edit: f64,
}

/// Three sources of `chars_per_source` characters each and `annotations` annotations:
/// as paragraphs, or (`one_paragraph`) as one line each, as text pulled from a web page
/// can be.
pub fn size(chars_per_source: usize, annotations: usize, one_paragraph: bool) -> synthetic::Size {
    synthetic::Size {
        sources: 3,
        chars_per_source,
        annotations,
        entities: 200,
        claim_groups: 300,
        one_paragraph,
    }
}

fn input(time: f64) -> RawInput {
    RawInput {
        screen_rect: Some(Rect::from_min_size(Pos2::ZERO, vec2(1600.0, 1000.0))),
        time: Some(time),
        ..Default::default()
    }
}

/// Runs one frame, tessellation included, and returns its time in milliseconds.
fn frame(ctx: &egui::Context, app: &mut Workbench, time: f64) -> f64 {
    let started = Instant::now();
    let mut output = ctx.run_ui(input(time), |ui| app.show(ui));
    let _ = ctx.tessellate(std::mem::take(&mut output.shapes), output.pixels_per_point);
    let ms = started.elapsed().as_secs_f64() * 1000.0;
    output.textures_delta.clear();
    ms
}

/// A context with the window's fonts, warmed (fonts, atlas) on a small project as a
/// running window is.
fn warm_context() -> egui::Context {
    let ctx = egui::Context::default();
    parallax::ui::fonts::install(&ctx);
    let mut warm = Workbench::new(
        synthetic::project(1, size(2000, 30, false)),
        ProjectFile::default(),
        Prefs::default(),
    );
    for i in 0..3 {
        frame(&ctx, &mut warm, i as f64);
    }
    ctx
}

/// The frames of a project of `size`, over `runs` openings.
pub fn measure(size: synthetic::Size, runs: usize) -> Frames {
    let project = synthetic::project(7, size);
    let ctx = warm_context();
    let (mut first, mut steady, mut edit) = (Vec::new(), Vec::new(), Vec::new());
    let mut time = 10.0;
    for _ in 0..runs {
        let copy = project.clone();
        time += 1.0;
        let started = Instant::now();
        let mut app = Workbench::new(copy, ProjectFile::default(), Prefs::default());
        let open_ms = started.elapsed().as_secs_f64() * 1000.0;
        first.push(open_ms + frame(&ctx, &mut app, time));
        for _ in 0..5 {
            time += 0.016;
            frame(&ctx, &mut app, time);
        }
        for _ in 0..20 {
            time += 0.016;
            steady.push(frame(&ctx, &mut app, time));
        }
        for _ in 0..10 {
            let command = synthetic::one_more(app.project());
            app.act(Action::edit(command, "tag"));
            time += 0.016;
            edit.push(frame(&ctx, &mut app, time) + frame(&ctx, &mut app, time + 0.016));
            time += 0.016;
        }
    }
    Frames {
        first: median(first),
        steady: median(steady),
        edit: median(edit),
    }
}

/// The steady frame of the same window on three small sources (2,000 characters, 30
/// annotations): the baseline the large project's frames are compared with.
pub fn small_steady() -> f64 {
    let ctx = warm_context();
    let mut app = Workbench::new(
        synthetic::project(1, size(2000, 30, false)),
        ProjectFile::default(),
        Prefs::default(),
    );
    let samples: Vec<f64> = (0..100)
        .map(|i| frame(&ctx, &mut app, 10.0 + i as f64 * 0.016))
        .skip(20)
        .collect();
    median(samples)
}

/// The slowest frame, in milliseconds, while a project of `size` is saved over its file
/// (the median over `runs` saves): the window shows three of its sources at 60 frames a
/// second, and each save follows one more annotation.
pub fn during_save(size: synthetic::Size, runs: usize) -> f64 {
    let dir = tempfile::tempdir().expect("a temporary folder");
    let path = dir.path().join("large.ron");
    let project = synthetic::project(7, size);
    parallax::store::save(&project, &path).expect("the project saves");
    let ctx = warm_context();
    let mut app = Workbench::open(&path, Prefs::default()).expect("the project opens");
    for source in project.sources.iter().skip(3) {
        app.act(Action::Hide(source.id.clone()));
    }
    let mut time = 10.0;
    let mut next_frame = |app: &mut Workbench| {
        time += 0.016;
        let ms = frame(&ctx, app, time);
        std::thread::sleep(Duration::from_secs_f64((16.0 - ms).max(1.0) / 1000.0));
        ms
    };
    for _ in 0..5 {
        next_frame(&mut app);
    }
    let mut slowest = Vec::new();
    for _ in 0..runs {
        let command = synthetic::one_more(app.project());
        app.act(Action::edit(command, "tag"));
        next_frame(&mut app);
        app.act(Action::Save(None));
        let mut worst: f64 = 0.0;
        let started = Instant::now();
        loop {
            worst = worst.max(next_frame(&mut app));
            if !app.is_writing() {
                break;
            }
            assert!(started.elapsed().as_secs() < 60, "the save finishes");
        }
        assert!(!app.is_dirty(), "the save succeeded: {:?}", app.status());
        slowest.push(worst);
    }
    median(slowest)
}
