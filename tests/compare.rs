//! `parallax compare` end to end on the bundled example project, whose three reports of
//! one phone call were annotated by hand (`examples/phone-call/*.ann`): the tables and the
//! JSON are checked against values read off those annotations, and a broken project file
//! fails on one line.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{Value, json};

/// The outcome of one run of the binary.
struct Run {
    ok: bool,
    stdout: String,
    stderr: String,
}

fn parallax(args: &[&str]) -> Run {
    let output = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the parallax binary runs");
    Run {
        ok: output.status.success(),
        stdout: String::from_utf8(output.stdout).expect("stdout is UTF-8"),
        stderr: String::from_utf8(output.stderr).expect("stderr is UTF-8"),
    }
}

const EXAMPLE: &str = "examples/phone-call.ron";

fn example(args: &[&str]) -> String {
    let mut all = vec!["compare", EXAMPLE];
    all.extend(args);
    let run = parallax(&all);
    assert!(run.ok, "{all:?} failed: {}", run.stderr);
    assert!(
        run.stderr.is_empty(),
        "the example loads without notes: {}",
        run.stderr
    );
    run.stdout
}

/// The lines of the text from the line `heading` to the next blank line.
fn section<'t>(text: &'t str, heading: &str) -> &'t str {
    let start = text
        .find(&format!("\n{heading}\n"))
        .unwrap_or_else(|| panic!("no section `{heading}` in\n{text}"))
        + 1;
    let end = text[start..]
        .find("\n\n")
        .map_or(text.len(), |e| start + e + 1);
    &text[start..end]
}

#[test]
fn the_actors_table_counts_every_mention() {
    let text = example(&[]);
    assert_eq!(
        section(&text, "Actors (mentions per source; * named by only some sources)"),
        "\
Actors (mentions per source; * named by only some sources)
     ENTITY               NAME                            doravia-radio  meridian-wire  aurelian-herald
  *  aurelian-church      Aurelian Church                 1              -              1
     doravia              Doravia                         2              1              1
  *  doravian-church      Doravian Church                 -              -              1
  *  dorpress             DORPRESS                        -              1              -
  *  ilievski             Radu Ilievski                   -              2              -
  *  kalman               Teodor Kálmán                   -              -              1
  *  kelmar               Kelmar                          2              3              -
     montalban            Lucía Montalbán                 6              4              6
  *  presidential-office  Presidential Office of Doravia  2              -              -
  *  press-office         Aurelian Church Press Office    -              2              1
  *  saavedra             Iñigo Saavedra                  -              -              2
     veselic              Anton Veselić                   6              4              4
"
    );
    let names = section(&text, "How each source names them");
    for line in [
        "    doravia-radio    President Veselić; President Anton Veselić; The President; Veselić",
        "    aurelian-herald  President Veselić; the President of Doravia; Anton Veselić",
        "    meridian-wire  presidential spokesman Radu Ilievski; Ilievski",
        "    aurelian-herald  Metropolitan Teodor Kálmán",
    ] {
        assert!(names.lines().any(|l| l == line), "no `{line}` in\n{names}");
    }
}

#[test]
fn the_claims_table_marks_who_carries_what_in_which_words() {
    let text = example(&[]);
    let heading = "Claims (ref: the wording the others are compared with; =: the same words; \
                   ~: other words; -: not carried)";
    assert_eq!(
        section(&text, heading),
        format!(
            "{heading}
  GROUP            doravia-radio  meridian-wire  aurelian-herald
  earlier-contact  ref            ~              -
  gesture          ref            ~              ~
  prisoners        ref            ~              ~
  talks-offer      -              ref            ~
"
        )
    );
    assert_eq!(
        section(
            &text,
            "  gesture: The Primate asks Doravia for a gesture for peace"
        ),
        "  gesture: The Primate asks Doravia for a gesture for peace
    doravia-radio    ref  Doravia would make a gesture that would promote peace
                          speaker: Lucía Montalbán; via: Presidential Office of Doravia
    meridian-wire    ~    Montalbán urged Veselić to take “a step that would help promote peace,”
                          speaker: Lucía Montalbán; via: Aurelian Church Press Office
                          diff: [-Doravia would make-]{+Montalbán urged Veselić to take “+}a \
[-gesture-]{+step+} that would{+ help+} promote peace{+,”+}
    aurelian-herald  ~    The Primate appealed for Doravia to make a gesture that would favor peace,
                          speaker: Lucía Montalbán; via: Iñigo Saavedra
                          diff: {+The Primate appealed for+} Doravia [-would-]{+to+} make a \
gesture that would [-promote-]{+favor+} peace{+,+}
"
    );
    let dated = section(
        &text,
        "  prisoners: The exchange of prisoners was discussed",
    );
    assert!(
        dated.contains(
            "speaker: Anton Veselić; via: Presidential Office of Doravia; dates: 2025-05 (late May)"
        ),
        "{dated}"
    );
    let unmatched = section(&text, "Claims in no claim group");
    assert_eq!(
        unmatched
            .lines()
            .filter(|l| l.starts_with("  doravia-radio"))
            .count(),
        3
    );
    assert!(
        unmatched
            .contains("  meridian-wire    the President “values the offer and is studying it.”")
    );
}

#[test]
fn the_dates_table_puts_wordings_of_one_day_side_by_side() {
    let text = example(&[]);
    assert_eq!(
        section(&text, "Dates"),
        "\
Dates
  VALUE            KIND   doravia-radio                     meridian-wire  aurelian-herald
  2022/2025-06-05  range  -                                 -              Since 2022
  2025             year   this year                         -              -
  2025-02-12       day    -                                 -              12 February
  2025-05          month  late May                          -              late May
  2025-06-01       day    -                                 On Sunday      -
  2025-06-04       day    Wednesday (June 4); this evening  Wednesday      yesterday afternoon
  2025-06-05       day    tomorrow                          5 June 2025    5 June 2025
"
    );
}

#[test]
fn the_reports_disagree_on_who_says_they_had_spoken_before() {
    let text = example(&[]);
    assert_eq!(
        section(&text, "Conflicts"),
        "\
Conflicts
  speaker earlier-contact: doravia-radio, meridian-wire
    “Whether the two had spoken before” is attributed to different speakers: Doravian State \
Radio: Presidential Office of Doravia; Meridian Wire: Aurelian Church Press Office
  speaker prisoners: doravia-radio, meridian-wire, aurelian-herald
    “The exchange of prisoners was discussed” is attributed to different speakers: \
Doravian State Radio: Anton Veselić; Meridian Wire: Radu Ilievski; Aurelian Herald: Iñigo Saavedra
"
    );
}

#[test]
fn the_coverage_says_what_each_source_alone_carries_and_lacks() {
    let text = example(&[]);
    assert_eq!(
        section(&text, "Coverage"),
        "\
Coverage
  doravia-radio
    only here  claims: none; actors: presidential-office; dates: 2025
    lacks      claims: talks-offer; actors: doravian-church, dorpress, ilievski, kalman, \
press-office, saavedra; dates: 2022/2025-06-05, 2025-02-12, 2025-06-01
  meridian-wire
    only here  claims: none; actors: dorpress, ilievski; dates: 2025-06-01
    lacks      claims: none; actors: aurelian-church, doravian-church, kalman, \
presidential-office, saavedra; dates: 2022/2025-06-05, 2025, 2025-02-12, 2025-05
  aurelian-herald
    only here  claims: none; actors: doravian-church, kalman, saavedra; dates: \
2022/2025-06-05, 2025-02-12
    lacks      claims: earlier-contact; actors: dorpress, ilievski, kelmar, \
presidential-office; dates: 2025, 2025-06-01
"
    );
}

fn json_of(args: &[&str]) -> Value {
    let mut all = vec!["--format", "json"];
    all.extend(args);
    serde_json::from_str(&example(&all)).expect("the output is JSON")
}

/// The element of a JSON list whose `key` is `value`.
fn find<'v>(list: &'v Value, key: &str, value: &str) -> &'v Value {
    list.as_array()
        .expect("a list")
        .iter()
        .find(|v| v[key] == value)
        .unwrap_or_else(|| panic!("no {key} = {value}"))
}

#[test]
fn the_json_carries_sources_actors_and_forms() {
    let v = json_of(&[]);
    let ids: Vec<&str> = v["sources"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["doravia-radio", "meridian-wire", "aurelian-herald"]);
    assert_eq!(
        v["sources"][1],
        json!({
            "id": "meridian-wire",
            "name": "Meridian Wire",
            "title": "Doravian leader and Aurelian primate discuss prisoners, peace",
            "outlet": "Meridian Wire",
            "published": "2025-06-05",
            "reliability": null
        })
    );
    let montalban = find(&v["actors"], "entity", "montalban");
    assert_eq!(montalban["name"], "Lucía Montalbán");
    assert_eq!(
        montalban["mentions"],
        json!({"doravia-radio": 6, "meridian-wire": 4, "aurelian-herald": 6})
    );
    assert_eq!(
        montalban["forms"]["meridian-wire"],
        json!(["Primate Lucía Montalbán", "Montalbán"])
    );
    assert_eq!(
        montalban["forms"]["aurelian-herald"],
        json!([
            "Primate Montalbán",
            "Primate Lucía Montalbán",
            "The Primate"
        ])
    );
    let kalman = find(&v["actors"], "entity", "kalman");
    assert_eq!(
        kalman["forms"],
        json!({"aurelian-herald": ["Metropolitan Teodor Kálmán"]})
    );
    assert_eq!(kalman["missing"], json!(["doravia-radio", "meridian-wire"]));
    assert_eq!(v["actors"].as_array().unwrap().len(), 12);
}

#[test]
fn the_json_carries_the_quote_in_three_wordings() {
    let v = json_of(&[]);
    let gesture = find(&v["claims"], "group", "gesture");
    assert_eq!(
        gesture["label"],
        "The Primate asks Doravia for a gesture for peace"
    );
    assert_eq!(gesture["missing"], json!([]));
    let wording = |source: &str| {
        let cell = gesture["in"][source].as_array().expect("a wording");
        assert_eq!(cell.len(), 1, "{source}");
        let w = &cell[0];
        (w["text"].as_str(), w["speaker"].as_str(), w["via"].as_str())
    };
    assert_eq!(
        wording("doravia-radio"),
        (
            Some("Doravia would make a gesture that would promote peace"),
            Some("Lucía Montalbán"),
            Some("Presidential Office of Doravia")
        )
    );
    assert_eq!(
        wording("meridian-wire"),
        (
            Some("Montalbán urged Veselić to take “a step that would help promote peace,”"),
            Some("Lucía Montalbán"),
            Some("Aurelian Church Press Office")
        )
    );
    assert_eq!(
        wording("aurelian-herald"),
        (
            Some("The Primate appealed for Doravia to make a gesture that would favor peace,"),
            Some("Lucía Montalbán"),
            Some("Iñigo Saavedra")
        )
    );
    assert_eq!(gesture["reference"], "doravia-radio");
    let herald_diff = &gesture["in"]["aurelian-herald"][0]["diff"];
    assert!(
        herald_diff
            .as_array()
            .unwrap()
            .contains(&json!({"inserted": "favor"}))
    );
    assert_eq!(
        find(&v["claims"], "group", "talks-offer")["missing"],
        json!(["doravia-radio"])
    );
    assert_eq!(
        find(&v["claims"], "group", "earlier-contact")["missing"],
        json!(["aurelian-herald"])
    );
    let prisoners = find(&v["claims"], "group", "prisoners");
    assert_eq!(
        prisoners["in"]["doravia-radio"][0]["dates"],
        json!(["2025-05"])
    );
    assert_eq!(prisoners["in"]["meridian-wire"][0]["via"], "DORPRESS");
    assert_eq!(
        v["unmatched_claims"]["doravia-radio"]
            .as_array()
            .unwrap()
            .len(),
        3
    );
}

#[test]
fn the_json_carries_dates_and_conflicts() {
    let v = json_of(&[]);
    let values: Vec<&str> = v["dates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| d["value"].as_str().unwrap())
        .collect();
    assert_eq!(
        values,
        [
            "2022/2025-06-05",
            "2025",
            "2025-02-12",
            "2025-05",
            "2025-06-01",
            "2025-06-04",
            "2025-06-05"
        ]
    );
    let wednesday = find(&v["dates"], "value", "2025-06-04");
    assert_eq!(wednesday["precision"], "day");
    assert_eq!(
        wednesday["in"],
        json!({
            "doravia-radio": ["Wednesday (June 4)", "this evening"],
            "meridian-wire": ["Wednesday"],
            "aurelian-herald": ["yesterday afternoon"]
        })
    );
    let late_may = find(&v["dates"], "value", "2025-05");
    assert_eq!(late_may["precision"], "month");
    assert_eq!(
        late_may["in"],
        json!({"doravia-radio": ["late May"], "aurelian-herald": ["late May"]})
    );
    assert_eq!(
        find(&v["dates"], "value", "2025-06-01")["in"],
        json!({"meridian-wire": ["On Sunday"]})
    );
    let earlier = find(&v["conflicts"], "group", "earlier-contact");
    assert_eq!(earlier["kind"], "speaker");
    assert_eq!(
        earlier["sources"],
        json!(["doravia-radio", "meridian-wire"])
    );
    assert!(earlier["detail"].as_str().unwrap().contains(
        "Doravian State Radio: Presidential Office of Doravia; Meridian Wire: Aurelian Church Press \
         Office"
    ));
    assert_eq!(v["conflicts"].as_array().unwrap().len(), 2);
    assert_eq!(
        v["coverage"]["doravia-radio"]["lacking"]["claims"],
        json!(["talks-offer"])
    );
}

#[test]
fn a_chosen_reference_source_is_diffed_against() {
    let v = json_of(&["--reference", "aurelian-herald"]);
    assert_eq!(
        find(&v["claims"], "group", "gesture")["reference"],
        "aurelian-herald"
    );
    assert_eq!(
        find(&v["claims"], "group", "earlier-contact")["reference"],
        "doravia-radio",
        "the herald does not carry it"
    );
    let run = parallax(&["compare", EXAMPLE, "--reference", "tass"]);
    assert!(!run.ok);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("no source `tass`"), "{}", run.stderr);
    assert!(
        run.stderr
            .contains("doravia-radio, meridian-wire, aurelian-herald")
    );
}

#[test]
fn the_output_is_the_same_every_time() {
    assert_eq!(
        example(&["--format", "json"]),
        example(&["--format", "json"])
    );
    assert_eq!(example(&[]), example(&[]));
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/compare")
        .join(name)
}

#[test]
fn a_broken_project_fails_on_one_line() {
    let broken = fixture("broken.ron");
    for format in ["text", "json"] {
        let run = parallax(&["compare", broken.to_str().unwrap(), "--format", format]);
        assert!(!run.ok, "{}", run.stdout);
        assert!(run.stdout.is_empty(), "{}", run.stdout);
        let lines: Vec<&str> = run.stderr.lines().collect();
        assert_eq!(lines.len(), 1, "{}", run.stderr);
        assert!(lines[0].starts_with("parallax: error: "), "{}", lines[0]);
        assert!(
            lines[0].contains("broken.ron:11:"),
            "names the file and line: {}",
            lines[0]
        );
    }
    let missing = fixture("no-such-project.ron");
    let run = parallax(&["compare", missing.to_str().unwrap()]);
    assert!(!run.ok);
    assert_eq!(run.stderr.lines().count(), 1, "{}", run.stderr);
    assert!(run.stderr.contains("no-such-project.ron"), "{}", run.stderr);
}
