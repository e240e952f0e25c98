//! The `parallax` binary end to end: every subcommand on real files in a temporary folder,
//! its success and its failures. A failure must exit non-zero, say why on one line that
//! names the file, and leave the project file byte-identical.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use tempfile::TempDir;

/// The outcome of one run of the binary.
struct Run {
    ok: bool,
    stdout: String,
    stderr: String,
}

fn parallax(dir: &Path, args: &[&str]) -> Run {
    let Output {
        status,
        stdout,
        stderr,
    } = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the parallax binary runs");
    Run {
        ok: status.success(),
        stdout: String::from_utf8(stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(stderr).expect("stderr is UTF-8"),
    }
}

/// Runs a command that must succeed, and returns what it printed.
fn ok(dir: &Path, args: &[&str]) -> String {
    let run = parallax(dir, args);
    assert!(run.ok, "{args:?} failed: {}", run.stderr);
    run.stdout
}

/// Runs a command that must fail with one line naming `names`, and leave `project` as it
/// was; returns the line.
fn fails(dir: &Path, args: &[&str], project: &str, names: &[&str]) -> String {
    let before = fs::read(dir.join(project)).ok();
    let run = parallax(dir, args);
    assert!(!run.ok, "{args:?} succeeded: {}", run.stdout);
    let lines: Vec<&str> = run.stderr.lines().collect();
    assert_eq!(
        lines.len(),
        1,
        "{args:?} did not fail on one line: {}",
        run.stderr
    );
    let line = lines[0];
    assert!(line.starts_with("parallax: error: "), "{line}");
    for name in names {
        assert!(
            line.contains(name),
            "{args:?}: `{line}` does not name {name}"
        );
    }
    assert_eq!(
        fs::read(dir.join(project)).ok(),
        before,
        "{args:?} changed {project}"
    );
    line.to_string()
}

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/cli")
}

/// A temporary folder holding copies of the fixtures.
fn workspace() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    for entry in fs::read_dir(fixtures()).unwrap() {
        let path = entry.unwrap().path();
        fs::copy(&path, dir.path().join(path.file_name().unwrap())).unwrap();
    }
    dir
}

/// A workspace with a project `p.ron` holding the source `wire`.
fn project_with_wire() -> TempDir {
    let dir = workspace();
    let d = dir.path();
    ok(d, &["new", "p.ron", "--title", "Phone call"]);
    ok(
        d,
        &[
            "add",
            "p.ron",
            "wire.txt",
            "--outlet",
            "Meridian Wire",
            "--author",
            "Marta Ilić",
            "--url",
            "https://wire.example/call",
            "--published",
            "2025-06-05",
        ],
    );
    dir
}

fn row<'a>(list: &'a str, id: &str) -> Vec<&'a str> {
    list.lines()
        .find(|l| l.starts_with(&format!("{id} ")))
        .unwrap_or_else(|| panic!("no row for {id} in\n{list}"))
        .split_whitespace()
        .collect()
}

#[test]
fn help_works_for_every_subcommand() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let top = ok(d, &["--help"]);
    for sub in ["new", "add", "import", "list", "check", "agree"] {
        assert!(top.contains(sub), "{top}");
        let help = ok(d, &[sub, "--help"]);
        assert!(help.contains("Usage: parallax"), "{help}");
        assert!(help.contains("PROJECT"), "{help}");
    }
    let add = ok(d, &["add", "--help"]);
    for option in [
        "--id",
        "--title",
        "--outlet",
        "--author",
        "--url",
        "--published",
    ] {
        assert!(add.contains(option), "{add}");
    }
    assert!(ok(d, &["import", "--help"]).contains("brat"));
}

#[test]
fn version_prints_the_version_cargo_toml_gives() {
    let manifest =
        fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("Cargo.toml")).unwrap();
    let version = manifest
        .lines()
        .find_map(|l| l.strip_prefix("version = \""))
        .and_then(|v| v.strip_suffix('"'))
        .expect("Cargo.toml gives the version");
    let dir = tempfile::tempdir().unwrap();
    for flag in ["--version", "-V"] {
        assert_eq!(ok(dir.path(), &[flag]), format!("parallax {version}\n"));
    }
}

#[test]
fn new_creates_a_sound_empty_project() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    assert!(ok(d, &["new", "p.ron", "--title", "Phone call"]).contains("p.ron"));
    assert!(d.join("p.ron").is_file());
    let list = ok(d, &["list", "p.ron"]);
    assert!(
        list.starts_with("Phone call\n0 sources, 0 annotations"),
        "{list}"
    );
    ok(d, &["check", "p.ron"]);
}

#[test]
fn new_refuses_to_overwrite() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::write(d.join("p.ron"), "precious work").unwrap();
    fails(d, &["new", "p.ron"], "p.ron", &["p.ron", "exists"]);
    ok(d, &["new", "q.ron"]);
    fails(
        d,
        &["new", "q.ron", "--title", "Other"],
        "q.ron",
        &["q.ron"],
    );
}

#[test]
fn add_keeps_the_metadata_and_check_passes() {
    let dir = project_with_wire();
    let d = dir.path();
    let list = ok(d, &["list", "p.ron"]);
    let wire = row(&list, "wire");
    assert!(list.contains("Meridian Wire"), "{list}");
    assert!(wire.contains(&"2025-06-05"), "{list}");
    let chars = fs::read_to_string(d.join("wire.txt"))
        .unwrap()
        .chars()
        .count();
    assert!(wire.contains(&chars.to_string().as_str()), "{list}");
    let saved = fs::read_to_string(d.join("p.ron")).unwrap();
    for kept in [
        "Marta Ilić",
        "https://wire.example/call",
        "wire.txt",
        "President Veselić",
    ] {
        assert!(saved.contains(kept), "{kept} missing from\n{saved}");
    }
    ok(d, &["check", "p.ron"]);
}

#[test]
fn add_several_files_with_ids_from_their_names() {
    let dir = project_with_wire();
    let d = dir.path();
    let out = ok(
        d,
        &[
            "add",
            "p.ron",
            "wire.txt",
            "statement.html",
            "--outlet",
            "Various",
        ],
    );
    assert!(out.contains("`wire-2`"), "{out}");
    assert!(out.contains("`statement`"), "{out}");
    let list = ok(d, &["list", "p.ron"]);
    assert!(list.contains("3 sources"), "{list}");
    let statement = row(&list, "statement");
    assert_eq!(
        &statement[1..6],
        ["Statement", "of", "the", "Presidential", "Office"]
    );
    let saved = fs::read_to_string(d.join("p.ron")).unwrap();
    assert!(
        !saved.contains("track(\\\"visit\\\")"),
        "script text was imported"
    );
}

#[test]
fn add_with_a_chosen_id_and_title() {
    let dir = project_with_wire();
    let d = dir.path();
    ok(
        d,
        &[
            "add",
            "p.ron",
            "statement.html",
            "--id",
            "office",
            "--title",
            "The statement",
        ],
    );
    let list = ok(d, &["list", "p.ron"]);
    assert_eq!(&row(&list, "office")[1..3], ["The", "statement"]);
}

#[test]
fn add_refuses_a_duplicate_id() {
    let dir = project_with_wire();
    let d = dir.path();
    fails(
        d,
        &["add", "p.ron", "statement.html", "--id", "wire"],
        "p.ron",
        &["p.ron", "`wire`"],
    );
}

#[test]
fn add_refuses_an_invalid_id() {
    let dir = project_with_wire();
    let d = dir.path();
    fails(
        d,
        &["add", "p.ron", "wire.txt", "--id", "no spaces"],
        "p.ron",
        &["p.ron", "no spaces"],
    );
}

#[test]
fn add_refuses_a_bad_publication_date() {
    let dir = project_with_wire();
    let d = dir.path();
    for bad in ["2025-13-01", "2025-02-30", "June 4", "2025-6-4"] {
        fails(
            d,
            &["add", "p.ron", "statement.html", "--published", bad],
            "p.ron",
            &["p.ron", bad, "YYYY-MM-DD"],
        );
    }
}

#[test]
fn add_refuses_a_missing_file() {
    let dir = project_with_wire();
    let d = dir.path();
    fails(
        d,
        &["add", "p.ron", "statement.html", "gone.txt"],
        "p.ron",
        &["gone.txt"],
    );
}

#[test]
fn add_refuses_binary_and_empty_files() {
    let dir = project_with_wire();
    let d = dir.path();
    let mut binary = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR".to_vec();
    binary.extend((0..=255u8).cycle().take(2048));
    fs::write(d.join("photo.txt"), binary).unwrap();
    fails(d, &["add", "p.ron", "photo.txt"], "p.ron", &["photo.txt"]);
    fs::write(d.join("empty.txt"), "").unwrap();
    fails(d, &["add", "p.ron", "empty.txt"], "p.ron", &["empty.txt"]);
}

#[test]
fn add_refuses_id_or_title_with_several_files() {
    let dir = project_with_wire();
    let d = dir.path();
    let line = fails(
        d,
        &[
            "add",
            "p.ron",
            "wire.txt",
            "statement.html",
            "--title",
            "Both",
        ],
        "p.ron",
        &["--title"],
    );
    assert!(line.contains("one"), "{line}");
    fails(
        d,
        &["add", "p.ron", "wire.txt", "statement.html", "--id", "x"],
        "p.ron",
        &["--id"],
    );
}

#[test]
fn add_refuses_a_missing_project() {
    let dir = workspace();
    let d = dir.path();
    fails(
        d,
        &["add", "none.ron", "wire.txt"],
        "none.ron",
        &["none.ron"],
    );
    assert!(!d.join("none.ron").exists());
}

#[test]
fn import_brat_into_an_existing_source() {
    let dir = project_with_wire();
    let d = dir.path();
    let out = ok(d, &["import", "p.ron", "--format", "brat", "wire.ann"]);
    assert!(out.contains("6 annotations"), "{out}");
    let list = ok(d, &["list", "p.ron"]);
    assert!(
        list.contains("6 annotations, 4 entities, 1 claim group"),
        "{list}"
    );
    // ACTOR CLAIM DATE UNPLACED are the last four columns.
    assert_eq!(
        row(&list, "wire").iter().rev().take(4).collect::<Vec<_>>(),
        [&"0", &"1", &"1", &"4"]
    );
    ok(d, &["check", "p.ron"]);
}

#[test]
fn import_brat_adds_the_source_when_missing() {
    let dir = workspace();
    let d = dir.path();
    ok(d, &["new", "p.ron"]);
    ok(d, &["import", "p.ron", "--format", "brat", "wire.ann"]);
    let list = ok(d, &["list", "p.ron"]);
    assert!(list.contains("1 source, 6 annotations"), "{list}");
    row(&list, "wire");
    ok(d, &["check", "p.ron"]);
}

/// A brat text is stored as its source's origin the way `add` stores a document's:
/// relative to the project's folder, whatever folder the command ran in.
#[test]
fn import_brat_stores_the_text_relative_to_the_project_as_add_does() {
    let dir = workspace();
    let d = dir.path();
    ok(d, &["new", "p.ron"]);
    let elsewhere = d.join("elsewhere");
    fs::create_dir(&elsewhere).unwrap();
    ok(
        &elsewhere,
        &["import", "../p.ron", "--format", "brat", "../wire.ann"],
    );
    ok(&elsewhere, &["add", "../p.ron", "../statement.html"]);
    let project = parallax::store::load(&d.join("p.ron")).unwrap().project;
    let origin = |id: &str| {
        let source = project.sources.iter().find(|s| s.id.as_str() == id);
        source.and_then(|s| s.origin.clone())
    };
    assert_eq!(origin("wire"), Some(PathBuf::from("wire.txt")));
    assert_eq!(origin("statement"), Some(PathBuf::from("statement.html")));
}

#[test]
fn import_refuses_a_broken_brat_line() {
    let dir = project_with_wire();
    let d = dir.path();
    ok(d, &["add", "p.ron", "broken.txt"]);
    fails(
        d,
        &[
            "import",
            "p.ron",
            "--format",
            "brat",
            "wire.ann",
            "broken.ann",
        ],
        "p.ron",
        &["p.ron", "broken.ann:2:", "forty"],
    );
}

#[test]
fn import_lists_every_problem_and_imports_nothing() {
    let dir = project_with_wire();
    let d = dir.path();
    fs::copy(d.join("wire.txt"), d.join("bad.txt")).unwrap();
    fs::write(
        d.join("bad.ann"),
        "T1\tEvent 0 7\tPrimate\nT2\tActor 0\tPrimate\n",
    )
    .unwrap();
    let before = fs::read(d.join("p.ron")).unwrap();
    let run = parallax(
        d,
        &["import", "p.ron", "--format", "brat", "wire.ann", "bad.ann"],
    );
    assert!(!run.ok);
    assert!(run.stdout.contains("bad.ann:1"), "{}", run.stdout);
    assert!(run.stdout.contains("bad.ann:2"), "{}", run.stdout);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("2 problems"), "{}", run.stderr);
    assert!(run.stderr.contains("p.ron"), "{}", run.stderr);
    assert_eq!(fs::read(d.join("p.ron")).unwrap(), before);
}

#[test]
fn import_refuses_a_missing_file() {
    let dir = project_with_wire();
    let d = dir.path();
    fails(
        d,
        &["import", "p.ron", "--format", "brat", "gone.ann"],
        "p.ron",
        &["gone.ann"],
    );
}

#[test]
fn a_broken_project_file_is_refused_by_every_command() {
    let dir = workspace();
    let d = dir.path();
    fs::write(
        d.join("p.ron"),
        "(\n    format_version: 2,\n    title: \"unclosed,\n",
    )
    .unwrap();
    let args: [&[&str]; 5] = [
        &["add", "p.ron", "wire.txt"],
        &["import", "p.ron", "--format", "brat", "wire.ann"],
        &["list", "p.ron"],
        &["check", "p.ron"],
        &["suggest", "p.ron"],
    ];
    for args in args {
        fails(d, args, "p.ron", &["p.ron"]);
    }
    fs::write(d.join("q.ron"), "(format_version: 2, title: 7)").unwrap();
    fails(d, &["check", "q.ron"], "q.ron", &["q.ron:1:"]);
}

#[test]
fn check_reports_every_problem_with_its_place() {
    let dir = project_with_wire();
    let d = dir.path();
    ok(d, &["import", "p.ron", "--format", "brat", "wire.ann"]);
    let text = fs::read_to_string(d.join("p.ron")).unwrap();
    // Someone edits the file by hand: the quoted words no longer match any place.
    let edited = text.replace("\"Father Saavedra\"", "\"Father Ignatius\"");
    assert_ne!(edited, text);
    fs::write(d.join("p.ron"), &edited).unwrap();
    let run = parallax(d, &["check", "p.ron"]);
    assert!(!run.ok);
    assert!(run.stdout.contains("p.ron"), "{}", run.stdout);
    assert!(run.stdout.contains("Father Ignatius"), "{}", run.stdout);
    assert!(run.stderr.contains("p.ron has 1 problem"), "{}", run.stderr);
    assert_eq!(fs::read_to_string(d.join("p.ron")).unwrap(), edited);
}

#[test]
fn check_reports_links_to_nothing() {
    let dir = project_with_wire();
    let d = dir.path();
    ok(d, &["import", "p.ron", "--format", "brat", "wire.ann"]);
    let text = fs::read_to_string(d.join("p.ron")).unwrap();
    let edited = text.replace("entity: \"saavedra\"", "entity: \"nobody\"");
    assert_ne!(edited, text);
    fs::write(d.join("p.ron"), &edited).unwrap();
    let run = parallax(d, &["check", "p.ron"]);
    assert!(!run.ok);
    assert!(run.stdout.contains("`nobody`"), "{}", run.stdout);
    assert!(run.stderr.contains("p.ron has 1 problem"), "{}", run.stderr);
    fails(d, &["list", "p.ron"], "p.ron", &["p.ron", "`nobody`"]);
}

#[test]
fn the_example_project_is_sound() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let out = ok(root, &["check", "examples/phone-call.ron"]);
    assert!(out.contains("sound"), "{out}");
    let list = ok(root, &["list", "examples/phone-call.ron"]);
    for id in ["doravia-radio", "meridian-wire", "aurelian-herald"] {
        let cells = row(&list, id);
        assert!(
            cells.iter().rev().take(4).skip(1).all(|n| *n != "0"),
            "{list}"
        );
    }
}

/// The example is built from its texts and brat files by the commands the README gives;
/// building it again gives the same sources and annotation counts.
#[test]
fn the_example_project_matches_its_brat_files() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = tempfile::tempdir().unwrap();
    let rebuilt = dir.path().join("phone-call.ron");
    let rebuilt = rebuilt.to_str().unwrap();
    let shipped = fs::read_to_string(root.join("examples/phone-call.ron")).unwrap();
    let title = shipped
        .lines()
        .find_map(|l| l.trim().strip_prefix("title: \""))
        .and_then(|t| t.strip_suffix("\","))
        .expect("the example has a title");
    ok(root, &["new", rebuilt, "--title", title]);
    for source in ["doravia-radio", "meridian-wire", "aurelian-herald"] {
        ok(
            root,
            &["add", rebuilt, &format!("examples/phone-call/{source}.txt")],
        );
    }
    ok(
        root,
        &["import", rebuilt, "--format", "brat", "examples/phone-call"],
    );
    let counts = |list: String| -> Vec<String> {
        list.lines()
            .map(|l| {
                let cells: Vec<&str> = l.split_whitespace().collect();
                let n = cells.len();
                format!(
                    "{} {}",
                    cells.first().unwrap_or(&""),
                    cells[n.saturating_sub(5)..].join(" ")
                )
            })
            .collect()
    };
    assert_eq!(
        counts(ok(root, &["list", rebuilt])),
        counts(ok(root, &["list", "examples/phone-call.ron"]))
    );
}

#[test]
fn suggest_lists_dates_actors_and_claims_as_json_without_changing_the_project() {
    let dir = project_with_wire();
    let d = dir.path();
    let before = fs::read(d.join("p.ron")).unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&ok(d, &["suggest", "p.ron", "--format", "json"])).unwrap();
    assert_eq!(
        fs::read(d.join("p.ron")).unwrap(),
        before,
        "suggest changed p.ron"
    );
    let list = json.as_array().expect("a list of suggestions");
    let find = |tag: &str, text: &str| {
        list.iter()
            .find(|s| s["tag"] == tag && s["text"] == text)
            .unwrap_or_else(|| panic!("no {tag} `{text}` in {json:#}"))
    };
    // Published 2025-06-05: "Wednesday (June 4)" is the day before.
    let wednesday = list
        .iter()
        .find(|s| s["tag"] == "Date" && s["text"].as_str().unwrap().starts_with("Wednesday"))
        .unwrap_or_else(|| panic!("no Wednesday in {json:#}"));
    assert_eq!(wednesday["value"], "2025-06-04");
    assert_eq!(wednesday["precision"], "day");
    assert_eq!(wednesday["source"], "wire");
    let start = wednesday["start"].as_u64().unwrap() as usize;
    let end = wednesday["end"].as_u64().unwrap() as usize;
    let text = fs::read_to_string(d.join("wire.txt")).unwrap();
    let words: String = text.chars().skip(start).take(end - start).collect();
    assert_eq!(words, wednesday["text"].as_str().unwrap(), "code points");
    let saavedra = find("Actor", "Father Saavedra");
    assert!(saavedra["entity"].is_string(), "{saavedra}");
    assert!(
        saavedra.get("value").is_none(),
        "fields that do not apply are left out"
    );
    assert!(
        list.iter()
            .any(|s| s["tag"] == "Claim" && s["speaker"].is_string()),
        "a claim with its speaker: {json:#}"
    );
}

#[test]
fn suggest_apply_accepts_every_suggestion_and_saves() {
    let dir = project_with_wire();
    let d = dir.path();
    let listed = ok(d, &["suggest", "p.ron"]);
    let found = listed.lines().count() - 1;
    assert!(found >= 3, "{listed}");
    assert!(listed.contains("nothing was changed"), "{listed}");
    let applied = ok(d, &["suggest", "p.ron", "--apply"]);
    assert!(
        applied.contains(&format!("accepted {found} suggestions into")),
        "{applied}"
    );
    let list = ok(d, &["list", "p.ron"]);
    assert!(list.contains(&format!("{found} annotations")), "{list}");
    let again = ok(d, &["suggest", "p.ron"]);
    assert!(again.starts_with("0 suggestions found"), "{again}");
    ok(d, &["check", "p.ron"]);
}

#[test]
fn suggest_refuses_an_unknown_source_naming_the_known_ones() {
    let dir = project_with_wire();
    fails(
        dir.path(),
        &["suggest", "p.ron", "--source", "nope"],
        "p.ron",
        &["p.ron", "`nope`", "wire"],
    );
}

#[test]
fn revise_keeps_annotations_on_their_words_and_flags_those_whose_words_are_gone() {
    let dir = project_with_wire();
    let d = dir.path();
    ok(d, &["suggest", "p.ron", "--apply"]);
    let before = parallax::store::load(&d.join("p.ron")).unwrap().project;
    let old = fs::read_to_string(d.join("wire.txt")).unwrap();
    // A correction on top, and the quotation cut.
    let first = old.lines().next().unwrap();
    let new = format!("CORRECTED on 6 June: an earlier version misnamed the office.\n\n{first}\n");
    fs::write(d.join("wire-corrected.txt"), &new).unwrap();
    let said = ok(d, &["revise", "p.ron", "wire", "wire-corrected.txt"]);
    let after = parallax::store::load(&d.join("p.ron")).unwrap().project;
    let source = &after.sources[0];
    assert_eq!(source.text.as_str(), new);
    assert_eq!(source.title, before.sources[0].title, "the details stay");
    // The source now comes from the corrected file: its hash is of that file's bytes.
    assert_eq!(
        source.file_hash,
        Some(parallax::model::bytes_hash(new.as_bytes()))
    );
    assert_ne!(source.file_hash, before.sources[0].file_hash);
    assert_eq!(source.origin, Some(PathBuf::from("wire-corrected.txt")));
    assert_eq!(
        after.annotations.len(),
        before.annotations.len(),
        "none dropped"
    );
    let mut placed = 0;
    let mut unplaced = 0;
    for (id, a) in &after.annotations {
        let was = &before.annotations[id];
        assert_eq!(a.quote.exact, was.quote.exact, "{id}");
        if a.unplaced {
            unplaced += 1;
            assert!(!new.contains(&a.quote.exact), "{id} could have been placed");
        } else {
            placed += 1;
            assert_eq!(
                source.text.slice(a.span()),
                a.quote.exact,
                "{id} on other words"
            );
        }
    }
    assert!(
        placed >= 2 && unplaced >= 1,
        "{placed} placed, {unplaced} unplaced"
    );
    assert!(
        said.contains(&format!("{placed} moved with their words"))
            && said.contains(&format!("{unplaced} could not be placed")),
        "{said}"
    );
    ok(d, &["check", "p.ron"]);
}

#[test]
fn revise_refuses_an_unknown_source_a_missing_file_and_the_same_text() {
    let dir = project_with_wire();
    let d = dir.path();
    fails(
        d,
        &["revise", "p.ron", "nope", "wire.txt"],
        "p.ron",
        &["p.ron", "`nope`", "wire"],
    );
    fails(
        d,
        &["revise", "p.ron", "wire", "gone.txt"],
        "p.ron",
        &["p.ron", "gone.txt"],
    );
    fails(
        d,
        &["revise", "p.ron", "wire", "wire.txt"],
        "p.ron",
        &["p.ron", "nothing to revise"],
    );
}

#[test]
fn revise_whole_page_reads_the_page_a_source_came_from_with_every_visible_word() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/pages/valley-courier.html"),
        d.join("courier.html"),
    )
    .unwrap();
    ok(d, &["new", "p.ron"]);
    ok(d, &["add", "p.ron", "courier.html"]);
    let article = load_p(d).sources[0].clone();
    assert!(!article.text.as_str().contains("Classifieds"));
    let said = ok(
        d,
        &["revise", "p.ron", "courier", "courier.html", "--whole-page"],
    );
    assert!(said.contains("Revised source `courier`"), "{said}");
    let whole = load_p(d).sources[0].clone();
    assert!(whole.text.as_str().contains("Classifieds"));
    assert_eq!(whole.file_hash, article.file_hash, "the same file");
    assert_eq!(whole.title, article.title);
    // And back to the article.
    ok(d, &["revise", "p.ron", "courier", "courier.html"]);
    assert_eq!(load_p(d).sources[0].text.as_str(), article.text.as_str());
    fails(
        d,
        &["revise", "p.ron", "courier", "courier.html"],
        "p.ron",
        &["p.ron", "nothing to revise"],
    );
}

fn load_p(dir: &Path) -> parallax::model::Project {
    parallax::store::load(&dir.join("p.ron")).unwrap().project
}

/// A temporary folder holding a copy of the bundled example as `call.ron`.
fn example() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/phone-call.ron"),
        dir.path().join("call.ron"),
    )
    .unwrap();
    dir
}

fn load(dir: &Path) -> parallax::model::Project {
    parallax::store::load(&dir.join("call.ron"))
        .unwrap()
        .project
}

#[test]
fn title_and_source_details_are_set_and_bad_ones_refused() {
    let dir = example();
    let d = dir.path();
    ok(
        d,
        &["title", "call.ron", "Veselić and Montalbán, June 2025"],
    );
    let said = ok(
        d,
        &[
            "source",
            "set",
            "call.ron",
            "meridian-wire",
            "--outlet",
            "Meridian Wire",
            "--published",
            "2025-06-06",
            "--reliability",
            "b",
            "--memo",
            "Agency copy.",
        ],
    );
    assert!(said.contains("reliability B (usually reliable)"), "{said}");
    let p = load(d);
    assert_eq!(p.title, "Veselić and Montalbán, June 2025");
    let wire = p
        .source(&parallax::model::SourceId::new("meridian-wire").unwrap())
        .unwrap();
    assert_eq!(
        wire.published.map(|d| d.to_string()).as_deref(),
        Some("2025-06-06")
    );
    assert_eq!(wire.reliability, Some(parallax::model::Reliability::B));
    assert_eq!(wire.memo, "Agency copy.");
    ok(
        d,
        &[
            "source",
            "set",
            "call.ron",
            "meridian-wire",
            "--published",
            "none",
            "--reliability",
            "none",
        ],
    );
    let wire = load(d).sources[1].clone();
    assert_eq!((wire.published, wire.reliability), (None, None));
    fails(
        d,
        &[
            "source",
            "set",
            "call.ron",
            "meridian-wire",
            "--reliability",
            "G",
        ],
        "call.ron",
        &["A to F"],
    );
    fails(
        d,
        &[
            "source",
            "set",
            "call.ron",
            "meridian-wire",
            "--published",
            "June 6",
        ],
        "call.ron",
        &["YYYY-MM-DD"],
    );
    fails(
        d,
        &["source", "set", "call.ron", "no-such", "--title", "X"],
        "call.ron",
        &["call.ron", "no-such", "doravia-radio"],
    );
}

#[test]
fn sources_are_moved_and_removed_with_their_annotations() {
    let dir = example();
    let d = dir.path();
    let said = ok(
        d,
        &["source", "move", "call.ron", "aurelian-herald", "--to", "1"],
    );
    assert!(
        said.contains("aurelian-herald, doravia-radio, meridian-wire"),
        "{said}"
    );
    fails(
        d,
        &["source", "move", "call.ron", "aurelian-herald", "--to", "4"],
        "call.ron",
        &["call.ron", "1 to 3"],
    );
    fails(
        d,
        &["source", "move", "call.ron", "aurelian-herald", "--to", "0"],
        "call.ron",
        &["call.ron"],
    );
    let before = load(d);
    let herald = parallax::model::SourceId::new("aurelian-herald").unwrap();
    let n = before.annotations_in(&herald).len();
    assert!(n > 0);
    let said = ok(d, &["source", "remove", "call.ron", "aurelian-herald"]);
    assert!(said.contains(&format!("its {n} annotations")), "{said}");
    let after = load(d);
    assert!(after.source(&herald).is_none());
    assert_eq!(after.annotations.len(), before.annotations.len() - n);
    fails(
        d,
        &["source", "remove", "call.ron", "aurelian-herald"],
        "call.ron",
        &["no source `aurelian-herald`"],
    );
}

#[test]
fn entities_are_listed_corrected_merged_and_removed() {
    let dir = example();
    let d = dir.path();
    let listed = ok(d, &["entity", "list", "call.ron"]);
    assert!(
        listed.contains("veselic  Anton Veselić (other)"),
        "{listed}"
    );
    assert!(listed.contains("doravia-radio: "), "{listed}");
    let json: serde_json::Value =
        serde_json::from_str(&ok(d, &["entity", "list", "call.ron", "--format", "json"])).unwrap();
    let veselic = json
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == "veselic")
        .unwrap();
    assert_eq!(veselic["kind"], "other");
    assert_eq!(veselic["mentions"].as_array().unwrap().len(), 3);
    ok(
        d,
        &[
            "entity",
            "set",
            "call.ron",
            "veselic",
            "--kind",
            "person",
            "--alias",
            "President Veselić",
            "--alias",
            "the President",
            "--memo",
            "President of Doravia",
        ],
    );
    let p = load(d);
    let v = &p.entities[&parallax::model::EntityId::new("veselic").unwrap()];
    assert_eq!(v.kind, parallax::model::EntityKind::Person);
    assert_eq!(v.aliases, ["President Veselić", "the President"]);
    // The Presidential Office is merged into Veselić: every link moves, its name stays.
    let office = parallax::model::EntityId::new("presidential-office").unwrap();
    let links = |p: &parallax::model::Project, e: &parallax::model::EntityId| {
        p.annotations
            .values()
            .filter(|a| a.tag.references().0.contains(&e))
            .count()
    };
    let either = p
        .annotations
        .values()
        .filter(|a| {
            let refs = a.tag.references().0;
            refs.contains(&&office) || refs.contains(&&v.id)
        })
        .count();
    assert!(links(&p, &office) > 0);
    fails(
        d,
        &["entity", "remove", "call.ron", "presidential-office"],
        "call.ron",
        &["call.ron", "still linked", "merge"],
    );
    fails(
        d,
        &["entity", "merge", "call.ron", "veselic", "veselic"],
        "call.ron",
        &["itself"],
    );
    fails(
        d,
        &["entity", "merge", "call.ron", "veselic", "nobody"],
        "call.ron",
        &["no entity `nobody`"],
    );
    let said = ok(
        d,
        &[
            "entity",
            "merge",
            "call.ron",
            "veselic",
            "presidential-office",
        ],
    );
    assert!(said.contains("Merged 1 entity into veselic"), "{said}");
    let p = load(d);
    assert!(!p.entities.contains_key(&office));
    assert_eq!(links(&p, &v.id), either);
    assert!(
        p.entities[&v.id]
            .aliases
            .contains(&"Presidential Office of Doravia".to_string())
    );
    // An entity nothing refers to goes.
    ok(d, &["entity", "merge", "call.ron", "kelmar", "doravia"]);
    let kelmar = parallax::model::EntityId::new("kelmar").unwrap();
    let unlinked: Vec<_> = load(d)
        .annotations
        .values()
        .filter(|a| a.tag.references().0.contains(&&kelmar))
        .map(|a| a.id.to_string())
        .collect();
    assert!(!unlinked.is_empty());
    fails(
        d,
        &["entity", "remove", "call.ron", "kelmar"],
        "call.ron",
        &[&unlinked[0]],
    );
    let mut p = load(d);
    p.entities.insert(
        parallax::model::EntityId::new("spare").unwrap(),
        parallax::model::Entity::new(
            parallax::model::EntityId::new("spare").unwrap(),
            "Spare",
            parallax::model::EntityKind::Other,
        ),
    );
    parallax::store::save(&p, &d.join("call.ron")).unwrap();
    ok(d, &["entity", "remove", "call.ron", "spare"]);
    assert!(
        !load(d)
            .entities
            .contains_key(&parallax::model::EntityId::new("spare").unwrap())
    );
}

#[test]
fn every_refusal_of_the_ordering_commands_leaves_the_file_as_it_was() {
    let dir = example();
    let d = dir.path();
    let cases: [(&[&str], &[&str]); 10] = [
        (
            &["source", "set", "call.ron", "nope", "--memo", "x"],
            &["call.ron", "`nope`"],
        ),
        (
            &["source", "remove", "call.ron", "nope"],
            &["call.ron", "`nope`"],
        ),
        (
            &["source", "move", "call.ron", "nope", "--to", "1"],
            &["call.ron", "`nope`"],
        ),
        (
            &["entity", "set", "call.ron", "nobody", "--name", "X"],
            &["call.ron", "`nobody`"],
        ),
        (
            &["entity", "set", "call.ron", "veselic", "--name", " "],
            &["call.ron", "cannot be empty"],
        ),
        (
            &["entity", "merge", "call.ron", "nobody", "veselic"],
            &["call.ron", "`nobody`"],
        ),
        (
            &["entity", "remove", "call.ron", "nobody"],
            &["call.ron", "`nobody`"],
        ),
        (&["title", "gone.ron", "Title"], &["gone.ron"]),
        (
            &["source", "set", "gone.ron", "wire", "--memo", "x"],
            &["gone.ron"],
        ),
        (&["entity", "list", "gone.ron"], &["gone.ron"]),
    ];
    for (args, names) in cases {
        let project = if args.contains(&"gone.ron") {
            "gone.ron"
        } else {
            "call.ron"
        };
        fails(d, args, project, names);
    }
    // A damaged project file is named and left as it was by every command.
    fs::write(
        d.join("damaged.ron"),
        "(format_version: 3, title: \"cut off",
    )
    .unwrap();
    for args in [
        &["title", "damaged.ron", "T"][..],
        &["source", "set", "damaged.ron", "wire", "--memo", "x"],
        &["source", "move", "damaged.ron", "wire", "--to", "1"],
        &["source", "remove", "damaged.ron", "wire"],
        &["entity", "set", "damaged.ron", "putin", "--memo", "x"],
        &["entity", "merge", "damaged.ron", "putin", "leo"],
        &["entity", "remove", "damaged.ron", "putin"],
    ] {
        fails(d, args, "damaged.ron", &["damaged.ron"]);
    }
    // A value clap refuses (an unknown kind) changes nothing either.
    let before = fs::read(d.join("call.ron")).unwrap();
    let run = parallax(
        d,
        &["entity", "set", "call.ron", "veselic", "--kind", "animal"],
    );
    assert!(!run.ok && run.stderr.contains("animal"), "{}", run.stderr);
    assert_eq!(fs::read(d.join("call.ron")).unwrap(), before);
}

#[test]
fn hostile_details_and_memos_are_kept_as_typed() {
    let dir = example();
    let d = dir.path();
    let memo = "Line one\nline\ttwo — שלום مرحبا e\u{301} 👩\u{200d}👩\u{200d}👧 =SUM(A1) <b>x</b>";
    let title = "\u{202e}Reversed\u{202c} “title” 🇷🇺";
    ok(
        d,
        &[
            "source",
            "set",
            "call.ron",
            "meridian-wire",
            "--title",
            title,
            "--memo",
            memo,
        ],
    );
    ok(d, &["entity", "set", "call.ron", "veselic", "--memo", memo]);
    ok(d, &["title", "call.ron", title]);
    let p = load(d);
    let wire = p
        .source(&parallax::model::SourceId::new("meridian-wire").unwrap())
        .unwrap();
    assert_eq!((wire.title.as_str(), wire.memo.as_str()), (title, memo));
    let veselic = &p.entities[&parallax::model::EntityId::new("veselic").unwrap()];
    assert_eq!(veselic.memo, memo);
    assert_eq!(p.title, title);
    // The list shows the memo on one line.
    let listed = ok(d, &["entity", "list", "call.ron"]);
    assert!(
        listed.contains("memo: Line one line two — שלום"),
        "{listed}"
    );
}

#[test]
fn the_json_comparison_carries_each_sources_reliability_and_each_wordings_credibility() {
    let dir = example();
    let d = dir.path();
    ok(
        d,
        &[
            "source",
            "set",
            "call.ron",
            "meridian-wire",
            "--reliability",
            "B",
        ],
    );
    let mut p = load(d);
    let claim = p
        .annotations
        .values_mut()
        .find(|a| {
            a.source.as_str() == "meridian-wire" && a.kind() == parallax::model::TagKind::Claim
        })
        .unwrap();
    let id = claim.id.to_string();
    if let parallax::model::Tag::Claim { credibility, .. } = &mut claim.tag {
        *credibility = Some(parallax::model::Credibility::try_from(2).unwrap());
    }
    parallax::store::save(&p, &d.join("call.ron")).unwrap();
    let json: serde_json::Value =
        serde_json::from_str(&ok(d, &["compare", "call.ron", "--format", "json"])).unwrap();
    let sources = json["sources"].as_array().unwrap();
    assert_eq!(sources[1]["id"], "meridian-wire");
    assert_eq!(sources[1]["reliability"], "B");
    assert!(sources[0]["reliability"].is_null());
    let wordings: Vec<&serde_json::Value> = json["claims"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|c| c["in"]["meridian-wire"].as_array().into_iter().flatten())
        .chain(
            json["unmatched_claims"]["meridian-wire"]
                .as_array()
                .into_iter()
                .flatten(),
        )
        .collect();
    let graded = wordings
        .iter()
        .find(|w| w["annotation"] == id.as_str())
        .unwrap();
    assert_eq!(graded["credibility"], 2);
    assert!(
        wordings
            .iter()
            .filter(|w| w["annotation"] != id.as_str())
            .all(|w| w["credibility"].is_null())
    );
}

#[test]
fn an_added_source_keeps_the_hash_of_the_file_as_received_and_when_it_was_added() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    // A byte-order mark and CRLF line ends: the text is normalised, the file's hash is not.
    let bytes = b"\xEF\xBB\xBFTalks resume on Monday.\r\nThe ministry said so.\r\n";
    fs::write(d.join("wire.txt"), bytes).unwrap();
    ok(d, &["new", "call.ron"]);
    let before = chrono::Utc::now() - chrono::Duration::seconds(1);
    ok(d, &["add", "call.ron", "wire.txt"]);
    let p = parallax::store::load(&d.join("call.ron")).unwrap().project;
    let wire = &p.sources[0];
    assert_eq!(
        wire.file_hash.as_deref(),
        Some(parallax::model::bytes_hash(bytes).as_str())
    );
    assert_ne!(wire.file_hash.as_deref(), Some(wire.content_hash.as_str()));
    assert!(
        wire.added
            .is_some_and(|t| t >= before && t <= chrono::Utc::now())
    );
}
