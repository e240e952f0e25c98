//! Working as a team, end to end with the real binary: `parallax agree` on two analysts'
//! projects (figures checked against values worked out by hand), `parallax merge`, and
//! git merging branches of one project through `parallax git-setup`'s merge driver.

use std::ops::Range;
use std::path::Path;
use std::process::Command;

use parallax::model::{
    Annotation, AnnotationId, Entity, EntityId, EntityKind, Project, Source, SourceId, Tag,
};
use serde_json::Value;

const WIRE: &str = "Ada Brink said the port would reopen on Monday, the ministry said.";
const RADIO: &str = "The port stays shut, Radio Doravia reported.";

fn source(id: &str, text: &str) -> Source {
    Source::new(SourceId::new(id).unwrap(), id, text)
}

/// A project with the wire and radio sources and the given spans of the wire.
fn analyst(dir: &Path, name: &str, spans: &[(Range<usize>, Tag)]) -> String {
    let mut project = Project::new(name);
    project.sources = vec![source("wire", WIRE), source("radio", RADIO)];
    for (span, tag) in spans {
        if let Tag::Actor { entity: Some(id) } = tag {
            let entity = Entity::new(id.clone(), id.as_str(), EntityKind::Other);
            project.entities.insert(id.clone(), entity);
        }
        let a = Annotation::new(
            AnnotationId::random(),
            &project.sources[0],
            span.clone(),
            tag.clone(),
        );
        project.annotations.insert(a.id.clone(), a);
    }
    let path = dir.join(format!("{name}.ron"));
    parallax::store::save(&project, &path).unwrap();
    format!("{name}.ron")
}

fn actor(entity: &str) -> Tag {
    Tag::Actor {
        entity: Some(EntityId::new(entity).unwrap()),
    }
}

fn run(dir: &Path, args: &[&str]) -> (bool, String, String) {
    parallax(dir, &[&["agree"], args].concat())
}

fn parallax(dir: &Path, args: &[&str]) -> (bool, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn near(value: &Value, expected: f64) {
    let got = value
        .as_f64()
        .unwrap_or_else(|| panic!("{value} is not a number"));
    assert!((got - expected).abs() < 1e-9, "{got} != {expected}");
}

#[test]
fn two_analysts_measured_as_json() {
    let dir = tempfile::tempdir().unwrap();
    let a = analyst(
        dir.path(),
        "ana",
        &[(0..9, actor("ada")), (48..60, actor("ministry"))],
    );
    let b = analyst(
        dir.path(),
        "ben",
        &[(0..9, actor("ada")), (52..60, actor("ministry"))],
    );
    let (ok, stdout, stderr) = run(dir.path(), &[&a, &b, "--format", "json"]);
    assert!(ok, "{stderr}");
    let doc: Value = serde_json::from_str(&stdout).unwrap();
    assert_eq!(doc["projects"], serde_json::json!(["ana.ron", "ben.ron"]));
    assert_eq!(doc["sources"], serde_json::json!(["wire", "radio"]));
    let pair = &doc["tags"]["actor"]["pairs"][0];
    assert_eq!((&pair["a"], &pair["b"]), (&Value::from(0), &Value::from(1)));
    near(&pair["exact_f1"], 0.5);
    near(&pair["overlap_f1"], 1.0);
    // Characters over both sources (66 + 44 = 110): both inside 17, only ana 4, the
    // other 89 outside for both.
    let n = 110.0;
    let observed = 106.0 / n;
    let expected = (21.0 * 17.0 + 89.0 * 93.0) / (n * n);
    near(&pair["kappa"], (observed - expected) / (1.0 - expected));
    // Alpha: o01 = 4, n1 = 38, n0 = 220 − 38 = 182, n = 220.
    near(
        &doc["tags"]["actor"]["alpha"],
        1.0 - 219.0 * 4.0 / (182.0 * 38.0),
    );
    assert_eq!(doc["tags"]["date"]["alpha"], Value::Null);
    assert_eq!(doc["tags"]["date"]["pairs"][0]["kappa"], Value::Null);
    near(&doc["links"]["entity"], 1.0);
    assert_eq!(doc["links"]["speaker"], Value::Null);
    let wire = &doc["by_source"]["wire"]["actor"];
    assert!(wire["alpha"].is_number());
    assert_eq!(wire["unmatched"][0]["words"], "the ministry");
    assert_eq!(wire["unmatched"][0]["made_by"], serde_json::json!([0]));
    assert_eq!(doc["by_source"]["radio"]["actor"]["alpha"], Value::Null);
}

#[test]
fn text_report_numbers_the_projects_and_lists_what_only_one_made() {
    let dir = tempfile::tempdir().unwrap();
    let a = analyst(
        dir.path(),
        "ana",
        &[(0..9, actor("ada")), (48..60, actor("m"))],
    );
    let b = analyst(dir.path(), "ben", &[(0..9, actor("ada"))]);
    let (ok, stdout, stderr) = run(dir.path(), &[&a, &b]);
    assert!(ok, "{stderr}");
    assert!(
        stdout.starts_with(
            "Agreement of 2 projects on 2 shared sources\n  [0] ana.ron\n  [1] ben.ron\n"
        ),
        "{stdout}"
    );
    assert!(stdout.contains("actor  alpha "), "{stdout}");
    assert!(stdout.contains("[0]–[1]  exact F1 0.667"), "{stdout}");
    assert!(stdout.contains("date   nobody tagged dates"), "{stdout}");
    assert!(
        stdout.contains("only [0]: actor 48–60 \"the ministry\""),
        "{stdout}"
    );
    assert!(
        stdout.contains("same entity on 1 of 1 matched actor (1.000)"),
        "{stdout}"
    );
}

#[test]
fn sources_not_shared_are_left_out_and_named() {
    let dir = tempfile::tempdir().unwrap();
    let a = analyst(dir.path(), "ana", &[(0..9, actor("ada"))]);
    let mut other = Project::new("cy");
    other.sources = vec![source("wire", WIRE), source("radio", "Another text.")];
    parallax::store::save(&other, &dir.path().join("cy.ron")).unwrap();
    let (ok, stdout, stderr) = run(dir.path(), &[&a, "cy.ron"]);
    assert!(ok, "{stderr}");
    assert!(
        stdout.contains("left out: `radio` (its text differs in cy.ron)"),
        "{stdout}"
    );
    assert!(stdout.contains("on 1 shared source\n"), "{stdout}");
}

#[test]
fn refusals_exit_non_zero_on_one_line() {
    let dir = tempfile::tempdir().unwrap();
    let a = analyst(dir.path(), "ana", &[]);
    let (ok, _, stderr) = run(dir.path(), &[&a]);
    assert!(!ok);
    assert!(stderr.contains("PROJECT"), "{stderr}");

    let mut unrelated = Project::new("cy");
    unrelated.sources = vec![source("memo", "Nothing in common.")];
    parallax::store::save(&unrelated, &dir.path().join("cy.ron")).unwrap();
    let (ok, _, stderr) = run(dir.path(), &[&a, "cy.ron"]);
    assert!(!ok);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("share no source"), "{stderr}");
    assert!(stderr.contains("`memo` (not in ana.ron)"), "{stderr}");

    std::fs::write(
        dir.path().join("broken.ron"),
        "(format_version: 3, sources: [",
    )
    .unwrap();
    let (ok, _, stderr) = run(dir.path(), &[&a, "broken.ron"]);
    assert!(!ok);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("broken.ron"), "{stderr}");
}

#[test]
fn the_example_agrees_with_itself() {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/phone-call.ron");
    let example = example.to_str().unwrap();
    let (ok, stdout, stderr) = run(Path::new("."), &[example, example, "--format", "json"]);
    assert!(ok, "{stderr}");
    let doc: Value = serde_json::from_str(&stdout).unwrap();
    for tag in ["actor", "claim", "date"] {
        near(&doc["tags"][tag]["alpha"], 1.0);
        near(&doc["tags"][tag]["pairs"][0]["exact_f1"], 1.0);
    }
    near(&doc["links"]["entity"], 1.0);
}

fn git(dir: &Path, args: &[&str]) -> (bool, String) {
    let out = Command::new("git")
        .args([
            "-c",
            "user.name=Analyst",
            "-c",
            "user.email=analyst@example.org",
        ])
        .args([
            "-c",
            "init.defaultBranch=main",
            "-c",
            "commit.gpgsign=false",
        ])
        .args(args)
        .current_dir(dir)
        .output()
        .unwrap();
    let text =
        String::from_utf8_lossy(&out.stdout).to_string() + &String::from_utf8_lossy(&out.stderr);
    (out.status.success(), text)
}

fn ok_git(dir: &Path, args: &[&str]) -> String {
    let (ok, text) = git(dir, args);
    assert!(ok, "git {args:?}: {text}");
    text
}

fn load(path: &Path) -> Project {
    parallax::store::load(path).unwrap().project
}

/// The example project, as the common start of two analysts.
fn start(dir: &Path) -> std::path::PathBuf {
    let example = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/phone-call.ron");
    let path = dir.join("call.ron");
    std::fs::copy(example, &path).unwrap();
    path
}

#[test]
fn merge_takes_both_sides_edits_of_different_items() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let base = start(d);
    std::fs::copy(&base, d.join("ours.ron")).unwrap();
    std::fs::copy(&base, d.join("theirs.ron")).unwrap();
    let (ok, _, e) = parallax(d, &["title", "ours.ron", "The call"]);
    assert!(ok, "{e}");
    let (ok, _, e) = parallax(
        d,
        &[
            "entity",
            "set",
            "theirs.ron",
            "veselic",
            "--memo",
            "Head of state",
        ],
    );
    assert!(ok, "{e}");
    let (ok, out, e) = parallax(
        d,
        &[
            "merge",
            "call.ron",
            "ours.ron",
            "theirs.ron",
            "--output",
            "merged.ron",
        ],
    );
    assert!(ok, "{e}");
    assert!(out.contains("merged into merged.ron"), "{out}");
    let merged = load(&d.join("merged.ron"));
    assert_eq!(merged.title, "The call");
    assert_eq!(
        merged
            .entities
            .values()
            .find(|e| e.id.as_str() == "veselic")
            .unwrap()
            .memo,
        "Head of state"
    );
    let (ok, out, _) = parallax(d, &["check", "merged.ron"]);
    assert!(ok, "{out}");
}

#[test]
fn a_conflict_is_kept_recorded_listed_and_fails_check() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    start(d);
    std::fs::copy(d.join("call.ron"), d.join("ours.ron")).unwrap();
    std::fs::copy(d.join("call.ron"), d.join("theirs.ron")).unwrap();
    assert!(
        parallax(
            d,
            &[
                "entity",
                "set",
                "ours.ron",
                "veselic",
                "--name",
                "President Veselić"
            ]
        )
        .0
    );
    assert!(
        parallax(
            d,
            &[
                "entity",
                "set",
                "theirs.ron",
                "veselic",
                "--name",
                "A. Veselić"
            ]
        )
        .0
    );
    let (ok, out, err) = parallax(d, &["merge", "call.ron", "ours.ron", "theirs.ron"]);
    assert!(!ok);
    assert!(out.contains("ours.ron: conflict: entity `veselic` (President Veselić): changed differently on both sides"), "{out}");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("with 1 conflict to settle"), "{err}");
    let merged = load(&d.join("ours.ron"));
    assert_eq!(merged.conflicts.len(), 1);
    let (ok, out, _) = parallax(d, &["check", "ours.ron"]);
    assert!(!ok);
    assert!(out.contains("merge conflict: entity `veselic`"), "{out}");
}

#[test]
fn merge_refuses_a_broken_version_and_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    start(d);
    std::fs::copy(d.join("call.ron"), d.join("ours.ron")).unwrap();
    std::fs::write(d.join("theirs.ron"), "(format_version: 4, sources: [").unwrap();
    let before = std::fs::read(d.join("ours.ron")).unwrap();
    let (ok, _, err) = parallax(d, &["merge", "call.ron", "ours.ron", "theirs.ron"]);
    assert!(!ok);
    assert!(err.contains("theirs.ron"), "{err}");
    assert_eq!(std::fs::read(d.join("ours.ron")).unwrap(), before);
}

#[test]
fn git_merges_two_branches_of_a_project_by_meaning() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok_git(d, &["init", "-q"]);
    start(d);
    let (ok, out, err) = parallax(d, &["git-setup"]);
    assert!(ok, "{err}");
    assert!(out.contains("merge.parallax.driver"), "{out}");
    assert!(out.contains("*.ron merge=parallax"), "{out}");
    let config = ok_git(d, &["config", "--get", "merge.parallax.driver"]);
    assert!(config.contains(env!("CARGO_BIN_EXE_parallax")), "{config}");
    let (ok, again, _) = parallax(d, &["git-setup"]);
    assert!(ok && again.starts_with("already set up"), "{again}");
    ok_git(d, &["add", "."]);
    ok_git(d, &["commit", "-qm", "the example"]);
    ok_git(d, &["checkout", "-qb", "ana"]);
    assert!(parallax(d, &["title", "call.ron", "The call, checked"]).0);
    assert!(
        parallax(
            d,
            &[
                "source",
                "set",
                "call.ron",
                "meridian-wire",
                "--reliability",
                "B"
            ]
        )
        .0
    );
    ok_git(d, &["commit", "-qam", "ana's reading"]);
    ok_git(d, &["checkout", "-q", "main"]);
    assert!(
        parallax(
            d,
            &[
                "entity",
                "set",
                "call.ron",
                "veselic",
                "--memo",
                "President"
            ]
        )
        .0
    );
    assert!(
        parallax(
            d,
            &["source", "move", "call.ron", "aurelian-herald", "--to", "1"]
        )
        .0
    );
    ok_git(d, &["commit", "-qam", "ben's reading"]);
    let (ok, out) = git(d, &["merge", "-q", "--no-edit", "ana"]);
    assert!(ok, "{out}");
    let merged = load(&d.join("call.ron"));
    assert_eq!(merged.title, "The call, checked");
    assert_eq!(merged.sources[0].id.as_str(), "aurelian-herald");
    let wire = merged
        .sources
        .iter()
        .find(|s| s.id.as_str() == "meridian-wire")
        .unwrap();
    assert_eq!(wire.reliability.map(|r| r.letter()), Some("B"));
    assert!(merged.conflicts.is_empty());
    assert!(
        !std::fs::read_to_string(d.join("call.ron"))
            .unwrap()
            .contains("<<<<<<<")
    );
}

#[test]
fn git_reports_a_conflict_and_the_file_still_loads() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    ok_git(d, &["init", "-q"]);
    start(d);
    assert!(parallax(d, &["git-setup"]).0);
    ok_git(d, &["add", "."]);
    ok_git(d, &["commit", "-qm", "the example"]);
    ok_git(d, &["checkout", "-qb", "ana"]);
    assert!(parallax(d, &["title", "call.ron", "Ana's title"]).0);
    ok_git(d, &["commit", "-qam", "ana"]);
    ok_git(d, &["checkout", "-q", "main"]);
    assert!(parallax(d, &["title", "call.ron", "Ben's title"]).0);
    ok_git(d, &["commit", "-qam", "ben"]);
    let (ok, out) = git(d, &["merge", "--no-edit", "ana"]);
    assert!(!ok, "{out}");
    assert!(
        out.contains("conflict: the project's title: changed differently on both sides"),
        "{out}"
    );
    let merged = load(&d.join("call.ron"));
    assert_eq!(merged.title, "Ben's title");
    assert_eq!(merged.conflicts.len(), 1);
}

#[test]
fn the_driver_merges_other_ron_files_line_by_line() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(d.join("base"), "(a: 1,\nb: 2,\nc: 3)\n").unwrap();
    std::fs::write(d.join("ours"), "(a: 10,\nb: 2,\nc: 3)\n").unwrap();
    std::fs::write(d.join("theirs"), "(a: 1,\nb: 2,\nc: 30)\n").unwrap();
    let (ok, out, err) = parallax(
        d,
        &["merge-driver", "base", "ours", "theirs", "settings.ron"],
    );
    assert!(ok, "{err}");
    assert!(
        out.contains("settings.ron: not read as a Parallax project"),
        "{out}"
    );
    assert_eq!(
        std::fs::read_to_string(d.join("ours")).unwrap(),
        "(a: 10,\nb: 2,\nc: 30)\n"
    );
}

#[test]
fn a_merge_that_cannot_be_written_says_so_and_leaves_ours_as_it_was() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    start(d);
    std::fs::copy(d.join("call.ron"), d.join("ours.ron")).unwrap();
    std::fs::copy(d.join("call.ron"), d.join("theirs.ron")).unwrap();
    assert!(parallax(d, &["title", "theirs.ron", "Theirs"]).0);
    let before = std::fs::read(d.join("ours.ron")).unwrap();
    // The output's folder is a file: the write fails.
    let (ok, _, err) = parallax(
        d,
        &[
            "merge",
            "call.ron",
            "ours.ron",
            "theirs.ron",
            "--output",
            "call.ron/merged.ron",
        ],
    );
    assert!(!ok);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains("merged.ron"), "{err}");
    assert_eq!(std::fs::read(d.join("ours.ron")).unwrap(), before);
}
