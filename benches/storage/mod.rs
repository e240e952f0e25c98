//! Opening and saving a large project: from the file on disk to a window's ready state
//! (the project checked and re-anchored, the window's indexes built), and an atomic save
//! with fsync; serde_json reading the same project in the same run is the baseline; and
//! the peak memory of a process that opens it.

use std::path::Path;
use std::time::Instant;

use parallax::model::Project;
use parallax::ui::Workbench;
use parallax::ui::prefs::Prefs;

use crate::median;
use crate::synthetic;

/// The environment variable that makes the benchmark binary a child that opens the
/// project file it names, prints its peak resident memory and exits.
pub const PEAK_RSS_CHILD: &str = "PARALLAX_BENCH_OPEN_FOR_PEAK_RSS";

/// `scale` eighths of the large project: 100 sources, 10 MB of text and 100,000
/// annotations at 8.
pub fn size(scale: usize) -> synthetic::Size {
    synthetic::Size {
        sources: 100,
        chars_per_source: 12_500 * scale,
        annotations: 12_500 * scale,
        entities: 2_000,
        claim_groups: 5_000,
        one_paragraph: false,
    }
}

/// The medians of opening and saving one project, in milliseconds.
pub struct Storage {
    pub open: f64,
    pub save: f64,
    /// serde_json reading the same project from a string.
    pub json: f64,
    pub file_bytes: u64,
    /// The peak resident memory of a fresh process that opens the project, in MB.
    pub peak_rss_mb: f64,
}

/// Opens and saves a synthetic project of `size`, `runs` times each, in a temporary
/// folder, and measures the peak memory of opening it in a fresh process.
pub fn measure(size: synthetic::Size, runs: usize) -> Storage {
    let project = synthetic::project(21, size);
    let folder = tempfile::tempdir().expect("a temporary folder");
    let path = folder.path().join("large.ron");
    parallax::store::save(&project, &path).expect("the project saves");
    let file_bytes = std::fs::metadata(&path).map_or(0, |m| m.len());
    let json = serde_json::to_string(&project).expect("a project writes as JSON");
    let (mut open, mut save, mut baseline) = (Vec::new(), Vec::new(), Vec::new());
    for _ in 0..runs {
        let started = Instant::now();
        let app = Workbench::open(&path, Prefs::default()).expect("the project opens");
        open.push(ms(started));
        assert_eq!(app.project().annotations.len(), project.annotations.len());
        drop(app);
        let started = Instant::now();
        parallax::store::save(&project, &path).expect("the project saves");
        save.push(ms(started));
        let started = Instant::now();
        let parsed: Project = serde_json::from_str(&json).expect("the JSON reads back");
        baseline.push(ms(started));
        assert_eq!(parsed.annotations.len(), project.annotations.len());
    }
    Storage {
        open: median(open),
        save: median(save),
        json: median(baseline),
        file_bytes,
        peak_rss_mb: peak_rss_of_opening(&path).unwrap_or(f64::NAN),
    }
}

fn ms(started: Instant) -> f64 {
    started.elapsed().as_secs_f64() * 1000.0
}

/// The peak resident memory, in MB, of a fresh process that opens the project at `path`
/// (this benchmark binary, run as a child).
fn peak_rss_of_opening(path: &Path) -> Option<f64> {
    let exe = std::env::current_exe().ok()?;
    let output = std::process::Command::new(exe)
        .env(PEAK_RSS_CHILD, path)
        .output()
        .ok()?;
    String::from_utf8(output.stdout).ok()?.trim().parse().ok()
}

/// In the child: opens the project, then prints the process's peak resident memory in MB.
pub fn open_and_print_peak_rss(path: &Path) {
    let app = Workbench::open(path, Prefs::default()).expect("the project opens");
    let peak = peak_rss_mb().expect("the peak memory is readable on Linux");
    drop(app);
    println!("{peak}");
}

/// The process's peak resident memory in MB (10^6 bytes), from `/proc/self/status`.
fn peak_rss_mb() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024.0 / 1e6)
}
