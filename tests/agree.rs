//! `parallax agree` end to end: two analysts' projects of the same sources, measured by
//! the real binary, the figures checked against values worked out by hand.

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
    let out = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .arg("agree")
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
