//! Saving from the command line is crash-safe and says why when it cannot save.
//!
//! The real binary adds a document to a multi-megabyte project and is killed with
//! SIGKILL at random moments of its save, hundreds of times: after every kill the project
//! file is byte for byte the old or the new version (both load cleanly), its backup is
//! the old version, and temporary files never pile up, because the next save removes what
//! a killed one left. Saves that the system refuses (a folder that is a file, a file size
//! limit hit in the middle of writing) fail on one line naming the file and the step, exit
//! non-zero and leave the project file as it was; so does a command whose project another
//! program rewrote while it ran (same size, same modification time).

#![cfg(unix)]

mod seeded;

use std::collections::BTreeSet;
use std::fs;
use std::os::unix::process::ExitStatusExt;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::{Duration, Instant};

use parallax::model::{
    Annotation, AnnotationId, ClaimGroup, ClaimGroupId, Entity, EntityId, EntityKind, Project,
    Source, SourceId, Tag,
};
use parallax::store;
use seeded::Lcg;

/// How many kills inside a save the test makes at least.
const KILLS: usize = 200;

/// How many projects are saved and killed side by side (one per core of a small machine).
const WORKERS: usize = 2;

/// The size of each source's text, and how many sources and annotations the project has.
/// Loading, not saving, takes most of each run, and a debug build loads about 25,000
/// annotations a second: these keep the test near half a minute on two idle cores.
const SOURCE_BYTES: usize = 1 << 20;
const SOURCES: usize = 3;
const ANNOTATIONS: usize = 3_000;

/// How often the test looks for the save's temporary file.
const POLL: Duration = Duration::from_micros(200);

const SIGKILL: i32 = 9;

const WORDS: &[&str] = &[
    "the",
    "minister",
    "said",
    "talks",
    "Kremlin",
    "Vatican",
    "on",
    "Wednesday",
    "peace",
    "gesture",
    "would",
    "promote",
    "agency",
    "reported",
    "citing",
    "spokesman",
    "statement",
    "Moscow",
    "call",
    "Ukraine",
    "prisoners",
    "exchange",
    "humanitarian",
    "Patriarch",
    "Leo",
    "Putin",
    "late",
    "May",
    "Sunday",
    "Zürich",
    "café",
    "Ελλάδα",
    "Москва",
    "«quoted»",
    "—",
    "2025",
];

/// About `bytes` bytes of report-like text in paragraphs, mostly ASCII with accents,
/// Greek, Cyrillic, guillemets and dashes.
fn report_text(rng: &mut Lcg, bytes: usize) -> String {
    let mut text = String::with_capacity(bytes + 200);
    let mut sentences = 0;
    while text.len() < bytes {
        for w in 0..6 + rng.below(18) {
            let word = WORDS[rng.below(WORDS.len())];
            if w > 0 {
                text.push(' ');
            }
            text.push_str(word);
        }
        text.push('.');
        sentences += 1;
        text.push_str(if sentences % 7 == 0 { "\n\n" } else { " " });
    }
    text
}

/// The large project: sources of about a megabyte each, annotations of one to three words
/// spread over them with links to entities and claim groups.
fn large_project() -> Project {
    let mut rng = Lcg(0x5eed);
    let mut p = Project::new("Killed while saving");
    for i in 0..SOURCES {
        let id = SourceId::new(format!("report-{i}")).unwrap();
        let text = report_text(&mut rng, SOURCE_BYTES);
        let mut s = Source::new(id, format!("Report {i}"), text);
        s.outlet = format!("Outlet {i}");
        p.sources.push(s);
    }
    let entities: Vec<EntityId> = (0..50)
        .map(|i| EntityId::new(format!("entity-{i}")).unwrap())
        .collect();
    for id in &entities {
        let kind = EntityKind::ALL[rng.below(EntityKind::ALL.len())];
        let entity = Entity::new(id.clone(), format!("Name of {id}"), kind);
        p.entities.insert(id.clone(), entity);
    }
    let groups: Vec<ClaimGroupId> = (0..50)
        .map(|i| ClaimGroupId::new(format!("claim-{i}")).unwrap())
        .collect();
    for id in &groups {
        let group = ClaimGroup {
            id: id.clone(),
            label: format!("Claim {id}"),
            memo: String::new(),
        };
        p.claim_groups.insert(id.clone(), group);
    }
    // Where each word starts, in characters.
    let word_starts: Vec<Vec<usize>> = p
        .sources
        .iter()
        .map(|s| {
            let mut starts = vec![0];
            for (i, c) in s.text.as_str().chars().enumerate() {
                if c == ' ' {
                    starts.push(i + 1);
                }
            }
            starts
        })
        .collect();
    for n in 0..ANNOTATIONS {
        let k = rng.below(SOURCES);
        let starts = &word_starts[k];
        let at = rng.below(starts.len() - 4);
        let span = starts[at]..starts[at + 1 + rng.below(3)] - 1;
        let tag = match n % 3 {
            0 => Tag::Actor {
                entity: Some(entities[rng.below(entities.len())].clone()),
            },
            1 => Tag::Claim {
                speaker: Some(entities[rng.below(entities.len())].clone()),
                via: None,
                group: Some(groups[rng.below(groups.len())].clone()),
                credibility: None,
            },
            _ => Tag::Date {
                value: Some("2025-06-04".parse().unwrap()),
            },
        };
        let id = AnnotationId::new(format!("a{n}")).unwrap();
        let annotation = Annotation::new(id, &p.sources[k], span, tag);
        p.annotations.insert(annotation.id.clone(), annotation);
    }
    p
}

/// The temporary files saving `p.ron` makes: `.p.ron.XXXXXX.tmp`.
fn temporaries(folder: &Path) -> BTreeSet<String> {
    fs::read_dir(folder)
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".p.ron.") && n.ends_with(".tmp"))
        .collect()
}

fn names_in(folder: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// What became of one run of `parallax add`.
struct Run {
    status: ExitStatus,
    /// How long after its start the save's first temporary file appeared.
    saving_from: Option<Duration>,
    /// How long after that the process ended.
    saving_for: Option<Duration>,
    /// How long after its start the process ended (or was killed).
    ended: Duration,
}

impl Run {
    fn killed(&self) -> bool {
        self.status.signal() == Some(SIGKILL)
    }
}

/// When to kill a run: `kill_after` its save created its first temporary file, which is
/// not looked for during the first `quiet` (spent loading the project). A save quicker than
/// the polling (or a poller the machine starves) may be over before its file is seen: the
/// kill then comes `kill_after` the moment the save was expected to begin, `saves_from`.
#[derive(Clone, Copy)]
struct Kill {
    quiet: Duration,
    saves_from: Duration,
    kill_after: Duration,
}

/// Runs `parallax add p.ron late.txt` in `folder`, and kills it as `kill` says unless it
/// ends before.
fn run_add(folder: &Path, kill: Option<Kill>) -> Run {
    let before = temporaries(folder);
    let started = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(["add", "p.ron", "late.txt"])
        .current_dir(folder)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("the parallax binary runs");
    if let Some(kill) = kill {
        thread::sleep(kill.quiet);
    }
    let mut saving: Option<Instant> = None;
    loop {
        let ran = |saving: Option<Instant>, status| Run {
            status,
            saving_from: saving.map(|at| at - started),
            saving_for: saving.map(|at| at.elapsed()),
            ended: started.elapsed(),
        };
        if let Some(status) = child.try_wait().unwrap() {
            return ran(saving, status);
        }
        if saving.is_none() && temporaries(folder).iter().any(|n| !before.contains(n)) {
            saving = Some(Instant::now());
        }
        let mut pause = POLL;
        if let Some(kill) = kill {
            let due = saving.unwrap_or(started + kill.saves_from) + kill.kill_after;
            let now = Instant::now();
            if now >= due {
                // Killing a process that has just exited is harmless: its status says so.
                child.kill().unwrap();
                return ran(saving, child.wait().unwrap());
            }
            pause = pause.min(due - now);
        }
        thread::sleep(pause);
    }
}

/// A folder with `p.ron` (the old version) and the document `add` adds.
struct Workspace {
    folder: PathBuf,
    /// The old version, kept outside the folder and linked back in to restore it.
    old_copy: PathBuf,
}

impl Workspace {
    fn new(root: &Path, n: usize, old_copy: &Path) -> Self {
        let folder = root.join(format!("project-{n}"));
        fs::create_dir(&folder).unwrap();
        fs::write(
            folder.join("late.txt"),
            "A late report: the talks resume on Monday.\n",
        )
        .unwrap();
        let w = Workspace {
            folder,
            old_copy: old_copy.to_path_buf(),
        };
        w.restore();
        w
    }

    fn project(&self) -> PathBuf {
        self.folder.join("p.ron")
    }

    /// Puts the old version back in one rename (a hard link of the kept copy, so nothing
    /// is written in place).
    fn restore(&self) {
        let staged = self.old_copy.with_extension(format!(
            "{}.staged",
            self.folder.file_name().unwrap().to_string_lossy()
        ));
        fs::hard_link(&self.old_copy, &staged).unwrap();
        fs::rename(&staged, self.project()).unwrap();
    }
}

/// What the kills in one workspace gave.
#[derive(Default)]
struct Tally {
    runs: usize,
    killed_old: usize,
    killed_new: usize,
    /// Runs that ended on their own before the kill came.
    finished: usize,
    /// The time kills were spread over in the end.
    saving: Duration,
    /// Kills that left a temporary file behind (removed by the next save).
    left_temporaries: usize,
    most_temporaries: usize,
}

/// Kills saves in `w` until the kills (counted over every workspace) reach [`KILLS`]. A
/// save that ends before its kill shortens the time kills are spread over to its own.
fn kill_saves(w: &Workspace, old: &[u8], new: &[u8], mut timing: Timing, seed: u64) -> Tally {
    static KILLED: AtomicUsize = AtomicUsize::new(0);
    let mut rng = Lcg(seed);
    let mut tally = Tally::default();
    while KILLED.load(Ordering::SeqCst) < KILLS {
        tally.runs += 1;
        assert!(
            tally.runs < 4 * KILLS,
            "the kills keep missing the save: {} runs, {} finished first, {} killed",
            tally.runs,
            tally.finished,
            tally.killed_old + tally.killed_new
        );
        let kill_after = timing.saving.mul_f64(unit(&mut rng));
        let kill = Kill {
            quiet: timing.before_saving.mul_f64(0.7),
            saves_from: timing.before_saving,
            kill_after,
        };
        let run = run_add(&w.folder, Some(kill));
        let bytes = fs::read(w.project()).unwrap();
        let is_new = if bytes == old {
            false
        } else if without_when_added(&bytes) == new {
            true
        } else {
            panic!(
                "killed {kill_after:?} into the save, p.ron is neither version ({} bytes)",
                bytes.len()
            );
        };
        if run.killed() {
            KILLED.fetch_add(1, Ordering::SeqCst);
            if is_new {
                tally.killed_new += 1;
            } else {
                tally.killed_old += 1;
            }
        } else {
            assert!(run.status.success(), "the save failed: {:?}", run.status);
            assert!(is_new, "a save that finished left the old version");
            tally.finished += 1;
            // The machine got quicker than when the timing was measured: the kills move
            // up to this run's timing.
            match run.saving_for {
                Some(saving_for) => timing.saving = timing.saving.min(saving_for),
                None => {
                    let began = run.ended.saturating_sub(timing.saving);
                    timing.before_saving = timing.before_saving.min(began);
                }
            }
        }
        let backup = store::backup_path(&w.project());
        if let Ok(kept) = fs::read(&backup) {
            assert!(kept == old, "p.ron.bak is not the old version");
        }
        let left = temporaries(&w.folder).len();
        // At most the new version and the backup's link, and only until the next save.
        assert!(left <= 2, "temporary files pile up: {left}");
        tally.left_temporaries += usize::from(left > 0);
        tally.most_temporaries = tally.most_temporaries.max(left);
        if is_new {
            w.restore();
        }
    }
    tally.saving = timing.saving;
    tally
}

/// How long a save in a workspace takes to begin (loading the project first), and to end
/// from its first temporary file to the end of the process.
#[derive(Clone, Copy)]
struct Timing {
    before_saving: Duration,
    saving: Duration,
}

/// A project file without the line that says when its newest source was added: the one
/// part of the new version that differs from save to save.
fn without_when_added(bytes: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(bytes);
    text.lines()
        .filter(|line| !line.trim_start().starts_with("added: \""))
        .flat_map(|line| [line, "\n"])
        .collect::<String>()
        .into_bytes()
}

/// Saves to completion three times in `w`: the new version's bytes, and how long the save
/// takes at the quickest (other programs on the machine only slow it down).
fn calibrate(w: &Workspace) -> (Vec<u8>, Timing) {
    let mut new: Option<Vec<u8>> = None;
    let mut timing = Timing {
        before_saving: Duration::MAX,
        saving: Duration::MAX,
    };
    for _ in 0..3 {
        let run = run_add(&w.folder, None);
        assert!(
            run.status.success(),
            "parallax add failed: {:?}",
            run.status
        );
        let from = run.saving_from.expect("the save made a temporary file");
        timing.before_saving = timing.before_saving.min(from);
        timing.saving = timing.saving.min(run.saving_for.unwrap());
        let bytes = without_when_added(&fs::read(w.project()).unwrap());
        if let Some(first) = &new {
            assert!(first == &bytes, "two saves of the same change differ");
        }
        new = Some(bytes);
        w.restore();
    }
    (new.unwrap(), timing)
}

#[test]
fn a_save_killed_at_any_moment_leaves_the_old_or_the_new_version() {
    let started = Instant::now();
    let root = tempfile::tempdir().unwrap();
    let old_copy = root.path().join("old.ron");
    store::save(&large_project(), &old_copy).unwrap();
    let old = fs::read(&old_copy).unwrap();
    let loaded = store::load(&old_copy).unwrap();
    assert!(loaded.notes.is_empty(), "{:?}", loaded.notes);
    assert_eq!(loaded.project.annotations.len(), ANNOTATIONS);

    let workspaces: Vec<Workspace> = (0..WORKERS)
        .map(|n| Workspace::new(root.path(), n, &old_copy))
        .collect();
    let results: Vec<(Vec<u8>, Duration, Tally)> = thread::scope(|scope| {
        let handles: Vec<_> = workspaces
            .iter()
            .enumerate()
            .map(|(n, w)| {
                let old = &old;
                scope.spawn(move || {
                    let (new, timing) = calibrate(w);
                    let tally = kill_saves(w, old, &new, timing, 0x1000 + n as u64);
                    (new, tally.saving, tally)
                })
            })
            .collect();
        handles.into_iter().map(|h| h.join().unwrap()).collect()
    });

    // Every workspace saved the same new version, and it loads cleanly; every file the
    // kills left is byte for byte this or the old version, so it loads cleanly too.
    let new = &results[0].0;
    assert!(results.iter().all(|(n, ..)| n == new));
    let scratch = root.path().join("new.ron");
    fs::write(&scratch, new).unwrap();
    let loaded = store::load(&scratch).unwrap();
    assert!(loaded.notes.is_empty(), "{:?}", loaded.notes);
    assert_eq!(loaded.project.sources.len(), SOURCES + 1);

    // One more save in each workspace removes whatever the last kill left.
    for w in &workspaces {
        let run = run_add(&w.folder, None);
        assert!(run.status.success());
        assert_eq!(names_in(&w.folder), ["late.txt", "p.ron", "p.ron.bak"]);
        let saved = without_when_added(&fs::read(w.project()).unwrap());
        assert!(&saved == new, "the last save did not write the new version");
        assert_eq!(fs::read(store::backup_path(&w.project())).unwrap(), old);
    }

    let sum = |f: fn(&Tally) -> usize| results.iter().map(|(_, _, t)| f(t)).sum::<usize>();
    let (killed_old, killed_new) = (sum(|t| t.killed_old), sum(|t| t.killed_new));
    let windows: Vec<String> = results
        .iter()
        .map(|(_, w, _)| format!("{} ms", w.as_millis()))
        .collect();
    println!(
        "kills survived: {} ({killed_old} left the old version, {killed_new} the new); {} \
         runs finished before their kill; {} kills left temporary files (at most {} at once), \
         each removed by the next save; project {} bytes; kill moments spread over saves of \
         {}; {:.1} s",
        killed_old + killed_new,
        sum(|t| t.finished),
        sum(|t| t.left_temporaries),
        results
            .iter()
            .map(|(_, _, t)| t.most_temporaries)
            .max()
            .unwrap_or(0),
        old.len(),
        windows.join(" and "),
        started.elapsed().as_secs_f64()
    );
    assert!(killed_old + killed_new >= KILLS);
}

// ---- Saves the system refuses ----

fn parallax(folder: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(args)
        .current_dir(folder)
        .output()
        .expect("the parallax binary runs")
}

/// The one error line of a run that must fail.
fn error_line(out: &Output) -> String {
    assert!(!out.status.success(), "it succeeded");
    let err = String::from_utf8(out.stderr.clone()).unwrap();
    assert_eq!(err.lines().count(), 1, "not one line: {err}");
    assert!(err.starts_with("parallax: error: "), "{err}");
    err
}

#[test]
fn a_project_in_a_folder_that_is_a_file_is_not_saved() {
    // Even root cannot create a file under a file.
    let dir = tempfile::tempdir().unwrap();
    fs::write(dir.path().join("notes"), "a file, not a folder").unwrap();
    let out = parallax(dir.path(), &["new", "notes/p.ron"]);
    let err = error_line(&out);
    assert!(
        err.contains("could not save the project: notes/p.ron")
            && err.contains("creating a temporary file beside it failed")
            && err.contains("the file on disk is unchanged"),
        "{err}"
    );
    assert_eq!(names_in(dir.path()), ["notes"]);
}

#[test]
fn a_save_cut_short_while_writing_leaves_the_old_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(
        parallax(d, &["new", "p.ron", "--title", "Call"])
            .status
            .success()
    );
    fs::write(d.join("long.txt"), "The talks went on. ".repeat(1000)).unwrap();
    let old = fs::read(d.join("p.ron")).unwrap();
    // A file size limit of 8 blocks of 512 bytes: the 19 kB new version cannot be written,
    // and the limit binds root too. The signal it raises is ignored, so the write fails
    // with an error the program must handle.
    let out = Command::new("sh")
        .arg("-c")
        .arg("trap '' XFSZ; ulimit -f 8; exec \"$0\" add p.ron long.txt")
        .arg(env!("CARGO_BIN_EXE_parallax"))
        .current_dir(d)
        .output()
        .unwrap();
    let err = error_line(&out);
    assert!(
        err.contains("could not save the project: p.ron")
            && err.contains("writing the new version failed")
            && err.contains("the file on disk is unchanged"),
        "{err}"
    );
    assert_eq!(fs::read(d.join("p.ron")).unwrap(), old);
    assert_eq!(names_in(d), ["long.txt", "p.ron"]);
    // Without the limit the same command saves.
    assert!(parallax(d, &["add", "p.ron", "long.txt"]).status.success());
    assert_eq!(names_in(d), ["long.txt", "p.ron", "p.ron.bak"]);
}

#[test]
fn a_project_another_program_rewrites_during_a_command_is_not_overwritten() {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path();
    let path = folder.join("p.ron");
    store::save(&large_project(), &path).unwrap();
    fs::remove_file(store::backup_path(&path)).ok();
    fs::write(folder.join("late.txt"), "A late report.\n").unwrap();
    let old = fs::read(&path).unwrap();
    // Their version has the same size and keeps the modification time: only the content
    // tells it apart.
    let theirs = String::from_utf8(old.clone())
        .unwrap()
        .replacen("Killed while saving", "Killed while SAVING", 1)
        .into_bytes();
    assert_eq!(theirs.len(), old.len());
    let modified = fs::metadata(&path).unwrap().modified().unwrap();
    let calibration = run_add(folder, None);
    let loading = calibration.saving_from.unwrap();
    // The other program writes while the command is still reading the project; on a busy
    // machine that may come too early or too late, so it is tried at several moments.
    for (attempt, share) in [0.5, 0.3, 0.7, 0.4, 0.6, 0.2, 0.8, 0.5, 0.35, 0.65]
        .into_iter()
        .enumerate()
    {
        fs::write(&path, &old).unwrap();
        let child = Command::new(env!("CARGO_BIN_EXE_parallax"))
            .args(["add", "p.ron", "late.txt"])
            .current_dir(folder)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        thread::sleep(loading.mul_f64(share));
        fs::write(&path, &theirs).unwrap();
        fs::File::options()
            .write(true)
            .open(&path)
            .unwrap()
            .set_modified(modified)
            .unwrap();
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8(out.stderr).unwrap();
        if out.status.success() {
            println!("attempt {attempt}: the rewrite missed the command");
            continue;
        }
        assert!(
            err.contains("p.ron changed on disk while this command ran; nothing was saved"),
            "{err}"
        );
        assert_eq!(fs::read(&path).unwrap(), theirs, "their version is kept");
        assert!(temporaries(folder).is_empty());
        return;
    }
    panic!("the rewrite never landed while the command ran");
}

/// A number in `[0, 1)`, in steps of 2^-31.
fn unit(rng: &mut Lcg) -> f64 {
    const STEPS: usize = 1 << 31;
    rng.below(STEPS) as f64 / STEPS as f64
}
