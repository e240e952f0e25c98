//! `cargo bench --bench workbench`: the speed figures of Parallax, each the median of
//! several runs, printed as a table and then one `NAME: VALUE UNIT` line per figure.
//!
//! Frames are driven headless through `egui::Context`, tessellation included (what a
//! frame costs before the GPU), on three sources of 1 MB each with 30,000 annotations.

mod synthetic;

use std::time::Instant;

use egui::{Pos2, RawInput, Rect, vec2};
use parallax::ui::prefs::Prefs;
use parallax::ui::{Action, ProjectFile, Workbench};

/// One figure: a name, its median, its unit and its target.
struct Figure {
    name: &'static str,
    value: f64,
    unit: &'static str,
    target: &'static str,
}

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(|a, b| a.total_cmp(b));
    samples[samples.len() / 2]
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

/// Frame times on three sources of 1 MB each with 30,000 annotations: as paragraphs, or
/// (`one_paragraph`) as one line each, as text pulled from a web page can be.
fn frames(one_paragraph: bool) -> [f64; 3] {
    let size = synthetic::Size {
        sources: 3,
        chars_per_source: 1_000_000,
        annotations: 30_000,
        entities: 200,
        claim_groups: 300,
        one_paragraph,
    };
    let project = synthetic::project(7, size);
    let ctx = egui::Context::default();
    parallax::ui::fonts::install(&ctx);
    // Warm the context (fonts, atlas) on a small project, as a running window is.
    let small = synthetic::Size {
        chars_per_source: 2000,
        annotations: 30,
        ..size
    };
    let mut warm = Workbench::new(
        synthetic::project(1, small),
        ProjectFile::default(),
        Prefs::default(),
    );
    for i in 0..3 {
        frame(&ctx, &mut warm, i as f64);
    }
    let (mut first, mut steady, mut edit) = (Vec::new(), Vec::new(), Vec::new());
    let mut time = 10.0;
    for _ in 0..7 {
        let copy = project.clone();
        time += 1.0;
        // Opening: the window's state and indexes, then the first frame.
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
            let command = synthetic::one_more(&app.project);
            app.act(Action::edit(command, "tag"));
            time += 0.016;
            // The frame that applies the edit and the frame that shows it.
            edit.push(frame(&ctx, &mut app, time) + frame(&ctx, &mut app, time + 0.016));
            time += 0.016;
        }
    }
    [median(first), median(steady), median(edit)]
}

/// The steady frame of the same window on one small source (2,000 characters, 30
/// annotations): the baseline the large project's frames are compared with.
fn small_steady_frame() -> f64 {
    let size = synthetic::Size {
        sources: 3,
        chars_per_source: 2000,
        annotations: 30,
        entities: 20,
        claim_groups: 10,
        one_paragraph: false,
    };
    let ctx = egui::Context::default();
    parallax::ui::fonts::install(&ctx);
    let mut app = Workbench::new(
        synthetic::project(1, size),
        ProjectFile::default(),
        Prefs::default(),
    );
    let mut samples = Vec::new();
    for i in 0..100 {
        let ms = frame(&ctx, &mut app, i as f64 * 0.016);
        if i >= 20 {
            samples.push(ms);
        }
    }
    median(samples)
}

fn frame_figures(figures: &mut Vec<Figure>) {
    let baseline = small_steady_frame();
    figures.push(Figure {
        name: "small_steady_frame_ms",
        value: baseline,
        unit: "ms",
        target: "baseline",
    });
    let [first, steady, edit] = frames(false);
    figures.push(Figure {
        name: "first_frame_ms",
        value: first,
        unit: "ms",
        target: "<= 16",
    });
    figures.push(Figure {
        name: "steady_frame_ms",
        value: steady,
        unit: "ms",
        target: "<= 2",
    });
    figures.push(Figure {
        name: "edit_frame_ms",
        value: edit,
        unit: "ms",
        target: "<= 4",
    });
    figures.push(Figure {
        name: "steady_vs_small_ratio",
        value: steady / baseline,
        unit: "x",
        target: "~1: frames do not grow with the text",
    });
    let [first, steady, edit] = frames(true);
    figures.push(Figure {
        name: "first_frame_one_line_ms",
        value: first,
        unit: "ms",
        target: "<= 16",
    });
    figures.push(Figure {
        name: "steady_frame_one_line_ms",
        value: steady,
        unit: "ms",
        target: "<= 2",
    });
    figures.push(Figure {
        name: "edit_frame_one_line_ms",
        value: edit,
        unit: "ms",
        target: "<= 4",
    });
}

/// A full comparison of 100,000 annotations, and serde_json reading the same annotations
/// in the same run as a baseline (touching every annotation once).
fn compare_run(sources: usize, entities: usize, claim_groups: usize) -> (f64, f64) {
    let size = synthetic::Size {
        sources,
        chars_per_source: 10_000_000 / sources,
        annotations: 100_000,
        entities,
        claim_groups,
        one_paragraph: false,
    };
    // The project as the window holds it: opened from its file.
    let generated = synthetic::project(11, size);
    let file = std::path::Path::new("synthetic.ron");
    let project = parallax::store::from_ron(&parallax::store::to_ron(&generated), file)
        .expect("a synthetic project loads")
        .project;
    drop(generated);
    let json = serde_json::to_string(&project.annotations.values().collect::<Vec<_>>()).unwrap();
    let mut compare = Vec::new();
    let mut baseline = Vec::new();
    for _ in 0..7 {
        let started = Instant::now();
        let comparison = parallax::compare::Comparison::build(&project);
        compare.push(started.elapsed().as_secs_f64() * 1000.0);
        assert!(!comparison.claims.is_empty());
        drop(comparison);
        let started = Instant::now();
        let parsed: Vec<parallax::model::Annotation> = serde_json::from_str(&json).unwrap();
        baseline.push(started.elapsed().as_secs_f64() * 1000.0);
        assert_eq!(parsed.len(), project.annotations.len());
    }
    (median(compare), median(baseline))
}

fn compare_figures(figures: &mut Vec<Figure>) {
    // Ten sources, as a comparison of reports usually has.
    let (compare, baseline) = compare_run(10, 500, 1_000);
    figures.push(Figure {
        name: "compare_full_ms",
        value: compare,
        unit: "ms",
        target: "<= 50",
    });
    figures.push(Figure {
        name: "compare_vs_json_ratio",
        value: compare / baseline,
        unit: "x",
        target: "reading the annotations as JSON = 1",
    });
    // A hundred sources: every claim group and actor has a cell per source.
    let (compare, baseline) = compare_run(100, 2_000, 5_000);
    figures.push(Figure {
        name: "compare_100_sources_ms",
        value: compare,
        unit: "ms",
        target: "<= 50",
    });
    figures.push(Figure {
        name: "compare_100_sources_vs_json_ratio",
        value: compare / baseline,
        unit: "x",
        target: "reading the annotations as JSON = 1",
    });
}

fn main() {
    // `cargo bench --bench workbench -- compare` runs only the figures named so.
    let only = std::env::args().skip(1).find(|a| !a.starts_with('-'));
    let wanted = |group: &str| only.as_deref().is_none_or(|o| group.contains(o));
    let mut figures = Vec::new();
    if wanted("frame") {
        frame_figures(&mut figures);
    }
    if wanted("compare") {
        compare_figures(&mut figures);
    }
    println!("{:<22} {:>12} {:>6}  target", "figure", "median", "unit");
    for f in &figures {
        println!(
            "{:<22} {:>12.3} {:>6}  {}",
            f.name, f.value, f.unit, f.target
        );
    }
    println!();
    for f in &figures {
        println!("{}: {:.3} {}", f.name, f.value, f.unit);
    }
}
