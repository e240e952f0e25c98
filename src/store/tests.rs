//! Tests of loading and saving whole project files: the round trip, every broken form a
//! file can take, and saving under injected failures.

use std::fs;
use std::ops::Range;
use std::path::Path;

use chrono::{DateTime, Datelike, NaiveDate};
use proptest::prelude::*;
use unicode_segmentation::UnicodeSegmentation;

use super::*;
use super::{halves, item_line};
use crate::model::{
    Annotation, AnnotationId, ClaimGroup, ClaimGroupId, Credibility, DateValue, Entity, EntityId,
    EntityKind, Reliability, Source, SourceId, Tag, content_hash,
};

fn sid(s: &str) -> SourceId {
    SourceId::new(s).unwrap()
}

fn eid(s: &str) -> EntityId {
    EntityId::new(s).unwrap()
}

fn aid(s: &str) -> AnnotationId {
    AnnotationId::new(s).unwrap()
}

/// The code-point span of the first `needle` in `text`.
fn span_of(text: &str, needle: &str) -> Range<usize> {
    let byte = text.find(needle).unwrap();
    let start = text[..byte].chars().count();
    start..start + needle.chars().count()
}

const TASS: &str = "On Wednesday (June 4), Putin spoke with Pope Leo XIV — calling it \
                    “a gesture that would promote peace”. 🇻🇦 👩‍👩‍👧 e\u{301}\n\nPhoto: r#\"x\"#";
const VATICAN: &str = "Bruni said: \"a step that would help promote peace\" \\ (sic) [1], {2}";

fn sample() -> Project {
    let mut p = Project::new("Phone call, June 2025");
    let mut tass = Source::new(sid("tass"), "Putin and Leo XIV speak", TASS);
    tass.outlet = "TASS".into();
    tass.published = NaiveDate::from_ymd_opt(2025, 6, 5);
    tass.origin = Some("reports/tass.txt".into());
    let vatican = Source::new(sid("vatican"), "Vatican News", VATICAN);
    for (id, name, kind) in [
        ("putin", "Vladimir Putin", EntityKind::Person),
        ("bruni", "Matteo Bruni", EntityKind::Person),
    ] {
        p.entities.insert(eid(id), Entity::new(eid(id), name, kind));
    }
    let gesture = ClaimGroupId::new("gesture").unwrap();
    p.claim_groups.insert(
        gesture.clone(),
        ClaimGroup {
            id: gesture.clone(),
            label: "a gesture for peace".into(),
            memo: String::new(),
        },
    );
    let annotations = [
        Annotation::new(
            aid("putin-1"),
            &tass,
            span_of(TASS, "Putin"),
            Tag::Actor {
                entity: Some(eid("putin")),
            },
        ),
        Annotation::new(
            aid("date-1"),
            &tass,
            span_of(TASS, "Wednesday (June 4)"),
            Tag::Date {
                value: Some("2025-06-04".parse().unwrap()),
            },
        ),
        Annotation::new(
            aid("claim-1"),
            &vatican,
            span_of(VATICAN, "a step that would help promote peace"),
            Tag::Claim {
                speaker: Some(eid("putin")),
                via: Some(eid("bruni")),
                group: Some(gesture),
                credibility: None,
            },
        ),
    ];
    for a in annotations {
        p.annotations.insert(a.id.clone(), a);
    }
    p.sources.push(tass);
    p.sources.push(vatican);
    p
}

fn load_text(text: &str) -> Result<Loaded, StoreError> {
    from_ron(text, Path::new("call.ron"))
}

fn error_of(text: &str) -> String {
    load_text(text).unwrap_err().to_string()
}

// ---- The round trip ----

#[test]
fn the_sample_survives_a_round_trip_unchanged() {
    let project = sample();
    let text = to_ron(&project);
    let loaded = load_text(&text).unwrap();
    assert_eq!(loaded.notes, []);
    assert_eq!(loaded.project, project);
    assert_eq!(to_ron(&loaded.project), text);
    assert_eq!(loaded.file_hash, content_hash(&text));
}

#[test]
fn a_loaded_project_keeps_one_copy_of_each_id_it_links_to() {
    let project = load_text(&to_ron(&sample())).unwrap().project;
    let same = |a: &str, b: &str| a.as_ptr() == b.as_ptr();
    let claim = &project.annotations[&aid("claim-1")];
    assert!(same(claim.source.as_str(), project.sources[1].id.as_str()));
    let Tag::Claim {
        speaker: Some(speaker),
        via: Some(via),
        group: Some(group),
        ..
    } = &claim.tag
    else {
        panic!("{claim:?}");
    };
    let entity = |id: &str| project.entities.keys().find(|k| k.as_str() == id).unwrap();
    assert!(same(speaker.as_str(), entity("putin").as_str()));
    assert!(same(via.as_str(), entity("bruni").as_str()));
    let key = project.claim_groups.keys().next().unwrap();
    assert!(same(group.as_str(), key.as_str()));
    let putin = &project.annotations[&aid("putin-1")];
    let Tag::Actor {
        entity: Some(linked),
    } = &putin.tag
    else {
        panic!("{putin:?}");
    };
    assert!(same(linked.as_str(), entity("putin").as_str()));
}

#[test]
fn the_file_is_readable_text() {
    let text = to_ron(&sample());
    assert!(text.starts_with("(\n    format_version: 4,\n"), "{text}");
    // Optional values are written bare, texts keep their line breaks and characters.
    assert!(text.contains("published: \"2025-06-05\""), "{text}");
    assert!(text.contains("entity: \"putin\""), "{text}");
    assert!(text.contains("👩‍👩‍👧 e\u{301}\n\nPhoto"), "{text}");
    // A text with quotes or backslashes is a raw string, never escaped.
    assert!(text.contains(r##"text: r#"Bruni said: "a step"##), "{text}");
    assert!(text.contains("text: r##\"On Wednesday"), "{text}");
}

#[test]
fn a_hand_written_current_file_may_spell_options_either_way() {
    let text = to_ron(&sample()).replace("entity: \"putin\"", "entity: Some(\"putin\")");
    assert_eq!(load_text(&text).unwrap().project, sample());
}

/// Pieces that random texts are made of: plain words, RON's own characters, emoji,
/// combining marks, ZWJ sequences, flags, right-to-left text.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z]{1,8}".prop_map(String::from),
        Just(" ".to_string()),
        Just("\n".to_string()),
        prop::sample::select(vec![
            "\"",
            "\\",
            "\\\"",
            "r#\"",
            "\"#",
            "#",
            "(",
            ")",
            "[",
            "]",
            "{",
            "}",
            ",",
            ":",
            "//",
            "/*",
            "*/",
            "'",
            "\t",
            "🌍",
            "e\u{301}",
            "a\u{308}\u{301}",
            "👩‍👩‍👧",
            "👨🏽‍💻",
            "🇻🇦",
            "سلام",
            "“",
            "”",
            "—",
            "\u{200d}",
            "\u{301}",
            "Some(",
            "None",
        ])
        .prop_map(String::from),
        "\\PC{1,3}".prop_map(String::from),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(piece(), 0..40).prop_map(|pieces| pieces.concat())
}

/// Free text for titles and notes, control characters included.
fn words() -> impl Strategy<Value = String> {
    prop_oneof![text(), "\\PC{0,12}", ".{0,12}"]
}

/// Grapheme boundaries of a text, in code points.
fn boundaries(text: &str) -> Vec<usize> {
    let mut out: Vec<usize> = text
        .grapheme_indices(true)
        .map(|(byte, _)| text[..byte].chars().count())
        .collect();
    out.push(text.chars().count());
    out
}

/// The seed of one annotation: source, two boundaries, tag, links, note, times.
type AnnotationSeed = (
    prop::sample::Index,
    prop::sample::Index,
    prop::sample::Index,
    u8,
    (Option<prop::sample::Index>, Option<prop::sample::Index>),
    String,
    (i64, u32),
);

fn annotation_seed() -> impl Strategy<Value = AnnotationSeed> {
    (
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        any::<prop::sample::Index>(),
        0u8..3,
        (
            any::<Option<prop::sample::Index>>(),
            any::<Option<prop::sample::Index>>(),
        ),
        words(),
        (0i64..4_000_000_000, 0u32..1_000_000_000),
    )
}

fn date_value() -> impl Strategy<Value = DateValue> {
    prop_oneof![
        (1000i32..3000, 1u32..13, 1u32..29).prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        (1000i32..3000, 1u32..13).prop_map(|(y, m)| format!("{y:04}-{m:02}")),
        (1000i32..2000, 0i32..1000).prop_map(|(y, n)| format!("{y:04}/{:04}", y + n)),
    ]
    .prop_map(|s| s.parse().unwrap())
}

type SourceSeed = (
    String,
    String,
    String,
    Option<(i32, u32, u32)>,
    Option<String>,
);

fn source_seed() -> impl Strategy<Value = SourceSeed> {
    (
        text(),
        words(),
        words(),
        prop::option::of((1i32..3000, 1u32..13, 1u32..29)),
        prop::option::of("[a-z/éü 🌍.]{1,20}"),
    )
}

/// The seed of a project: title, sources, entities (name, aliases, kind), claim group
/// labels, annotations.
type ProjectSeed = (
    String,
    Vec<SourceSeed>,
    Vec<(String, Vec<String>, u8)>,
    Vec<String>,
    Vec<(AnnotationSeed, DateValue)>,
);

fn project_seed() -> impl Strategy<Value = ProjectSeed> {
    (
        words(),
        prop::collection::vec(source_seed(), 1..4),
        prop::collection::vec(
            (words(), prop::collection::vec(words(), 0..3), 0u8..4),
            0..4,
        ),
        prop::collection::vec(words(), 0..3),
        prop::collection::vec((annotation_seed(), date_value()), 0..12),
    )
}

/// Builds a project whose every annotation is valid, from random seeds.
fn build((title, sources, entities, groups, annotations): ProjectSeed) -> Project {
    let mut p = Project::new(title);
    for (i, (text, title, outlet, published, origin)) in sources.into_iter().enumerate() {
        let mut s = Source::new(sid(&format!("s{i}")), title, text);
        s.outlet = outlet;
        s.published = published.and_then(|(y, m, d)| NaiveDate::from_ymd_opt(y, m, d));
        s.origin = origin.map(Into::into);
        // The details of version 3, drawn from the same seeds.
        if let Some(day) = s.published {
            s.reliability = Some(Reliability::ALL[day.day0() as usize % 6]);
            s.added = day.and_hms_opt(9, 30, 0).map(|t| t.and_utc());
            s.file_hash = Some(s.content_hash.chars().rev().collect());
            s.memo = s.title.clone();
        }
        p.sources.push(s);
    }
    for (i, (name, aliases, kind)) in entities.into_iter().enumerate() {
        let mut e = Entity::new(EntityId::random(), name, EntityKind::ALL[kind as usize]);
        e.memo = aliases.first().cloned().unwrap_or_default();
        e.aliases = aliases;
        if i == 0 {
            e.id = eid("first-entity");
        }
        p.entities.insert(e.id.clone(), e);
    }
    for label in groups {
        let mut g = ClaimGroup::new(ClaimGroupId::random(), label);
        g.memo = g.label.chars().rev().collect();
        p.claim_groups.insert(g.id.clone(), g);
    }
    let entity_ids: Vec<EntityId> = p.entities.keys().cloned().collect();
    let group_ids: Vec<ClaimGroupId> = p.claim_groups.keys().cloned().collect();
    let pick = |ids: &[EntityId], i: &Option<prop::sample::Index>| {
        i.as_ref()
            .filter(|_| !ids.is_empty())
            .map(|i| i.get(ids).clone())
    };
    for ((source, a, b, kind, (x, y), note, (secs, nanos)), date) in annotations {
        let s = source.get(&p.sources);
        let bounds = boundaries(s.text.as_str());
        if bounds.len() < 2 {
            continue;
        }
        let (a, b) = (a.index(bounds.len()), b.index(bounds.len()));
        let (start, end) = match a.cmp(&b) {
            std::cmp::Ordering::Less => (bounds[a], bounds[b]),
            std::cmp::Ordering::Greater => (bounds[b], bounds[a]),
            std::cmp::Ordering::Equal if a + 1 < bounds.len() => (bounds[a], bounds[a + 1]),
            std::cmp::Ordering::Equal => (bounds[a - 1], bounds[a]),
        };
        let tag = match kind {
            0 => Tag::Actor {
                entity: pick(&entity_ids, &x),
            },
            1 => Tag::Claim {
                speaker: pick(&entity_ids, &x),
                via: pick(&entity_ids, &y),
                group: y
                    .as_ref()
                    .filter(|_| !group_ids.is_empty())
                    .map(|i| i.get(&group_ids).clone()),
                credibility: Credibility::try_from((nanos % 7) as u8).ok(),
            },
            _ => Tag::Date {
                value: x.map(|_| date),
            },
        };
        let mut annotation = Annotation::new(AnnotationId::random(), s, start..end, tag);
        annotation.note = note;
        annotation.created = DateTime::from_timestamp(secs, nanos).unwrap();
        annotation.modified = DateTime::from_timestamp(secs + 60, 0).unwrap();
        p.annotations.insert(annotation.id.clone(), annotation);
    }
    p
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn random_projects_survive_the_round_trip(seed in project_seed()) {
        let project = build(seed);
        let text = to_ron(&project);
        let loaded = load_text(&text);
        prop_assert!(loaded.is_ok(), "{}\n{}", loaded.unwrap_err(), text);
        let loaded = loaded.unwrap();
        prop_assert_eq!(&loaded.notes, &Vec::<LoadNote>::new());
        prop_assert_eq!(&loaded.project, &project);
        prop_assert_eq!(to_ron(&project), text.clone());
        prop_assert_eq!(to_ron(&loaded.project), text.clone());
        // A large file's annotation lines are read by the fast reader: each reads as ron
        // reads it (only `\u{…}` escapes are left to ron), and the file on two threads
        // reads as in one pass.
        for line in list_lines(&text, "annotations") {
            let item = line.trim_ascii().strip_suffix(',').unwrap();
            let by_ron: Annotation = ron_options().from_str(item).unwrap();
            match item_line::read::<Annotation>(item) {
                Ok(fast) => prop_assert_eq!(fast, by_ron),
                Err(_) => prop_assert!(item.contains("\\u{"), "refused: {}", item),
            }
        }
        if !project.annotations.is_empty() {
            prop_assert_eq!(halves::read(&text, &ron_options()), Some(project));
        }
    }

    #[test]
    fn an_edited_file_reads_on_two_threads_as_in_one_pass(
        seed in project_seed(),
        edits in prop::collection::vec((any::<prop::sample::Index>(), edit()), 1..4),
    ) {
        let project = build(seed);
        prop_assume!(!project.annotations.is_empty());
        let mut text = to_ron(&project);
        let items = text.rfind("\n    annotations: [\n").unwrap();
        for (at, edit) in edits {
            let at = text.floor_char_boundary(items + at.index(text.len() - items));
            match edit {
                Some(piece) => text.insert_str(at, piece),
                None if at < text.len() => {
                    text.remove(at);
                }
                None => {}
            }
        }
        // Two threads may leave a file to the one pass, but never read it otherwise.
        if let Some(fast) = halves::read(&text, &ron_options()) {
            let whole = parse::<Project>(&text, Path::new("edited.ron"));
            prop_assert!(whole.is_ok(), "{}", whole.unwrap_err());
            prop_assert_eq!(fast, whole.unwrap());
        }
    }
}

/// An edit of a file: a piece inserted, or (`None`) a character removed.
fn edit() -> impl Strategy<Value = Option<&'static str>> {
    prop::option::of(prop::sample::select(vec![
        "\"",
        "\\",
        ",",
        "(",
        ")",
        "[",
        "]",
        "#",
        "r",
        "r#",
        " ",
        "\n",
        "\r\n",
        ":",
        "/*",
        "*/",
        "//",
        "Some(",
        "None",
        "0x",
        "_",
        "-",
        "\\u{e9}",
        "\\n",
        "é",
        "\u{2028}",
        "x: 1,",
        "true",
        "id: \"a-x\", ",
        "),\n        (",
    ]))
}

// ---- The layout ----

/// The lines of a list in a file (`    NAME: [` up to its closing `    ],`).
fn list_lines<'a>(text: &'a str, name: &str) -> Vec<&'a str> {
    text.lines()
        .skip_while(|l| *l != format!("    {name}: ["))
        .skip(1)
        .take_while(|l| *l != "    ],")
        .collect()
}

#[test]
fn entities_groups_and_annotations_take_one_line_each() {
    let mut p = sample();
    let photo = Annotation::new(
        aid("photo"),
        &p.sources[0],
        span_of(TASS, "Photo"),
        Tag::Actor { entity: None },
    );
    p.annotations.insert(photo.id.clone(), photo);
    let text = to_ron(&p);
    for (name, count) in [
        ("entities", p.entities.len()),
        ("claim_groups", p.claim_groups.len()),
        ("annotations", p.annotations.len()),
    ] {
        let lines = list_lines(&text, name);
        assert_eq!(lines.len(), count, "{name}: {lines:#?}");
        for line in lines {
            assert!(
                line.starts_with("        (id: ") && line.ends_with("),"),
                "{line}"
            );
        }
    }
    // An annotation whose quote holds a line break has its strings escaped; one whose
    // strings hold quotation marks (and no line break) keeps them as they are.
    assert!(text.contains(r##"\n\n", suffix: ": r#\"x\"#""##), "{text}");
    assert!(text.contains(r##"prefix: r#"Bruni said: ""#"##), "{text}");
    assert_eq!(load_text(&text).unwrap().project, p);
}

#[test]
fn a_file_laid_out_one_field_per_line_reads_the_same() {
    // The layout Parallax wrote before, and a person may write.
    let config = ron::ser::PrettyConfig::new()
        .indentor("    ")
        .escape_strings(false);
    let text = ron_options().to_string_pretty(&sample(), config).unwrap();
    assert!(
        text.contains("    annotations: [\n        (\n            id:"),
        "{text}"
    );
    let loaded = load_text(&text).unwrap();
    assert_eq!(loaded.notes, []);
    assert_eq!(loaded.project, sample());
}

/// A project with one source of `words` words, each annotated.
fn many(words: usize) -> Project {
    let text: String = (0..words).map(|i| format!("w{i} ")).collect();
    let source = Source::new(sid("s"), "S", text.as_str());
    let mut p = Project::new("many");
    let mut at = 0;
    for i in 0..words {
        let len = format!("w{i}").len();
        let id = aid(&format!("a{i:06}"));
        let a = Annotation::new(id, &source, at..at + len, Tag::Date { value: None });
        p.annotations.insert(a.id.clone(), a);
        at += len + 1;
    }
    p.sources.push(source);
    p
}

#[test]
fn a_long_list_written_in_two_halves_is_in_order() {
    let p = many(12_000);
    let text = to_ron(&p);
    let ids: Vec<String> = list_lines(&text, "annotations")
        .iter()
        .map(|l| {
            l["        (id: \"".len()..]
                .split('"')
                .next()
                .unwrap()
                .to_string()
        })
        .collect();
    let expected: Vec<String> = p.annotations.keys().map(ToString::to_string).collect();
    assert_eq!(ids, expected);
    let loaded = load_text(&text).unwrap();
    assert_eq!(loaded.project, p);
    assert_eq!(loaded.file_hash, content_hash(&text));
}

#[test]
fn a_large_file_is_hashed_as_it_is_read_and_saved() {
    let mut p = sample();
    p.sources[1] = Source::new(sid("vatican"), "Vatican News", "peace ".repeat(200_000));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("large.ron");
    let saved = save(&p, &path).unwrap();
    let bytes = fs::read(&path).unwrap();
    assert!(bytes.len() > 1 << 20);
    assert_eq!(saved.file_hash, crate::model::bytes_hash(&bytes));
    assert_eq!(load(&path).unwrap().file_hash, saved.file_hash);
}

// ---- Broken forms ----

#[test]
fn a_syntax_error_names_file_line_and_column() {
    let text = "(\n    format_version: 2,\n    title: \"x\"\n    sources: [],\n)\n";
    let message = error_of(text);
    assert!(message.starts_with("call.ron:4:5: "), "{message}");
}

#[test]
fn a_type_error_names_file_line_and_column() {
    let text = "(\n    format_version: 2,\n    title: 5,\n)\n";
    let message = error_of(text);
    assert!(message.starts_with("call.ron:3:12: "), "{message}");
    let text = to_ron(&sample()).replacen("start: ", "start: \"five\", _x: ", 1);
    let message = error_of(&text);
    assert!(message.starts_with("call.ron:"), "{message}");
    assert!(message.contains("integer"), "{message}");
}

#[test]
fn a_missing_field_is_named() {
    let text = to_ron(&sample()).replace("content_hash", "hash_of_content");
    let message = error_of(&text);
    assert!(message.contains("content_hash"), "{message}");
}

#[test]
fn a_version_2_file_is_read_with_none_of_the_details_version_3_adds() {
    let text = to_ron(&sample()).replace("format_version: 4", "format_version: 2");
    let loaded = load_text(&text).unwrap();
    assert_eq!(loaded.notes, [LoadNote::Migrated { from: 2, to: 4 }]);
    let mut expected = sample();
    expected.format_version = 4;
    assert_eq!(loaded.project, expected);
    assert!(
        loaded
            .project
            .sources
            .iter()
            .all(|s| s.reliability.is_none())
    );
}

#[test]
fn the_details_version_3_adds_are_written_and_read_back() {
    let mut p = sample();
    p.sources[0].reliability = Some(Reliability::B);
    p.sources[0].memo = "State agency: quotes verbatim, omits context.".into();
    p.sources[0].file_hash = Some(content_hash("the bytes as received"));
    p.sources[0].added = DateTime::from_timestamp(1_749_000_000, 0);
    let group = p.claim_groups.keys().next().unwrap().clone();
    p.claim_groups.get_mut(&group).unwrap().memo = "Checked against the readout".into();
    p.entities.get_mut(&eid("putin")).unwrap().memo = "President of Russia".into();
    for a in p.annotations.values_mut() {
        if let Tag::Claim { credibility, .. } = &mut a.tag {
            *credibility = Some(Credibility::try_from(2).unwrap());
        }
    }
    let text = to_ron(&p);
    assert!(text.contains("reliability: B"), "{text}");
    assert!(text.contains("credibility: 2"), "{text}");
    let loaded = load_text(&text).unwrap();
    assert!(loaded.notes.is_empty(), "{:?}", loaded.notes);
    assert_eq!(loaded.project, p);
    // Out of range, a grade is an error that names the file and the line.
    let wrong = text.replace("credibility: 2", "credibility: 9");
    let message = error_of(&wrong);
    assert!(
        message.contains("call.ron:") && message.contains("1 to 6"),
        "{message}"
    );
}

#[test]
fn a_version_3_file_is_read_in_one_pass_without_conflicts() {
    let text = to_ron(&sample()).replace("format_version: 4", "format_version: 3");
    let loaded = load_text(&text).unwrap();
    assert_eq!(loaded.notes, [LoadNote::Migrated { from: 3, to: 4 }]);
    assert_eq!(loaded.project, sample());
}

#[test]
fn merge_conflicts_are_written_one_per_line_and_read_back() {
    use crate::model::{Conflict, Item, Why};
    let mut p = sample();
    let source = p.sources[0].clone();
    let mut changed = source.clone();
    changed.memo = "Theirs: \"quoted\", two\nlines".into();
    let entity = p.entities.values().next().unwrap().clone();
    p.conflicts = vec![
        Conflict {
            why: Why::ChangedOnBoth,
            ours: Some(Item::Source(source)),
            theirs: Some(Item::Source(changed)),
        },
        Conflict {
            why: Why::RemovedButReferred,
            ours: None,
            theirs: Some(Item::Entity(entity)),
        },
    ];
    let text = to_ron(&p);
    let lines: Vec<&str> = text.lines().filter(|l| l.contains("(why: ")).collect();
    assert_eq!(lines.len(), 2, "{text}");
    let loaded = load_text(&text).unwrap();
    assert!(loaded.notes.is_empty(), "{:?}", loaded.notes);
    assert_eq!(loaded.project, p);
    // A file without conflicts has no `conflicts` list at all.
    assert!(!to_ron(&sample()).contains("conflicts"));
}

#[test]
fn newer_files_are_refused() {
    let text = to_ron(&sample()).replace("format_version: 4", "format_version: 5");
    let message = error_of(&text);
    assert!(message.starts_with("call.ron: "), "{message}");
    assert!(message.contains("newer Parallax"), "{message}");
    // Even when the rest is in a form this build cannot read.
    let message = error_of("(format_version: 9, wholly_new: Thing(1, 2))");
    assert!(message.contains("newer Parallax"), "{message}");
}

#[test]
fn unknown_and_missing_versions_are_refused() {
    let message = error_of("(format_version: 0)");
    assert!(message.contains("no format version 0"), "{message}");
    let message = error_of("(title: \"x\")");
    assert!(message.contains("no `format_version`"), "{message}");
    let message = error_of("(format_version: -1)");
    assert!(message.starts_with("call.ron:1:"), "{message}");
}

#[test]
fn a_hand_written_version_1_file_is_upgraded() {
    let text = r#"// Written by hand.
Project(
    format_version: 1,
    title: "Phone call",
    sources: [
        (id: "tass", title: "TASS", published: "2025-06-05",
         text: "Putin spoke with Leo XIV on Wednesday."),
    ],
    entities: [(id: "putin", name: "Vladimir Putin", kind: Person)],
    annotations: [
        (id: "a1", source: "tass", start: 0, end: 5, tag: Actor(entity: "putin")),
        (id: "a2", source: "tass", start: 28, end: 37, tag: Date(value: "2025-06-04"),
         note: "the day before publication"),
    ],
)
"#;
    let loaded = load_text(text).unwrap();
    assert_eq!(loaded.notes, [LoadNote::Migrated { from: 1, to: 4 }]);
    assert!(loaded.notes[0].to_string().contains("version 1"));
    let p = &loaded.project;
    assert_eq!(p.format_version, crate::model::FORMAT_VERSION);
    let tass = p.source(&sid("tass")).unwrap();
    assert_eq!(tass.content_hash, content_hash(tass.text.as_str()));
    let a1 = &p.annotations[&aid("a1")];
    assert_eq!(a1.quote.exact, "Putin");
    assert_eq!(a1.quote.suffix, " spoke with Leo XIV on Wednesday");
    assert_eq!(a1.created, a1.modified);
    assert_eq!(p.annotations[&aid("a2")].quote.exact, "Wednesday");
    // Saved again, it is a current file that loads without notes.
    let again = load_text(&to_ron(p)).unwrap();
    assert_eq!(again.notes, []);
    assert_eq!(&again.project, p);
}

#[test]
fn a_version_1_span_outside_its_text_is_unplaced() {
    let text = r#"(format_version: 1, sources: [(id: "s", text: "short")],
        annotations: [(id: "a", source: "s", start: 2, end: 50, tag: Date())])"#;
    let loaded = load_text(text).unwrap();
    assert!(loaded.project.annotations[&aid("a")].unplaced);
    assert!(
        matches!(loaded.notes[1], LoadNote::Unplaced { .. }),
        "{:?}",
        loaded.notes
    );
}

/// The sample's text with the span of annotation `id` replaced.
fn with_span(id: &str, span: Range<usize>) -> String {
    let mut p = sample();
    let a = p.annotations.get_mut(&aid(id)).unwrap();
    a.start = span.start;
    a.end = span.end;
    to_ron(&p)
}

fn unplaced_note(loaded: &Loaded, id: &str) -> String {
    let a = &loaded.project.annotations[&aid(id)];
    assert!(a.unplaced, "{a:?}");
    assert_eq!(loaded.notes.len(), 1, "{:?}", loaded.notes);
    loaded.notes[0].to_string()
}

#[test]
fn an_out_of_range_span_is_re_anchored_by_its_quote() {
    let loaded = load_text(&with_span("claim-1", 500..536)).unwrap();
    let a = &loaded.project.annotations[&aid("claim-1")];
    assert_eq!(
        a.span(),
        span_of(VATICAN, "a step that would help promote peace")
    );
    assert!(!a.unplaced);
    let note = loaded.notes[0].to_string();
    assert!(
        note.contains("past the end") && note.contains("500..536"),
        "{note}"
    );
}

#[test]
fn a_reversed_span_is_re_anchored_by_its_quote() {
    let right = span_of(TASS, "Putin");
    let loaded = load_text(&with_span("putin-1", right.end..right.start)).unwrap();
    assert_eq!(loaded.project.annotations[&aid("putin-1")].span(), right);
    let note = loaded.notes[0].to_string();
    assert!(note.contains("reversed"), "{note}");
}

#[test]
fn a_span_splitting_a_character_is_reported() {
    // Half of the family emoji: the quote ("Putin") is elsewhere, so it moves back there.
    let family = span_of(TASS, "👩‍👩‍👧");
    let loaded = load_text(&with_span("putin-1", family.start..family.start + 1)).unwrap();
    assert_eq!(
        loaded.project.annotations[&aid("putin-1")].span(),
        span_of(TASS, "Putin")
    );
    assert!(loaded.notes[0].to_string().contains("splits a character"));
    // When the quote itself is half a character, nothing can be placed: unplaced, kept.
    let mut p = sample();
    let a = p.annotations.get_mut(&aid("putin-1")).unwrap();
    a.start = family.start;
    a.end = family.start + 1;
    a.quote.exact = "👩".into();
    let loaded = load_text(&to_ron(&p)).unwrap();
    let note = unplaced_note(&loaded, "putin-1");
    assert!(note.contains("splits a character"), "{note}");
}

#[test]
fn a_quote_that_moved_is_followed() {
    let text = with_span("date-1", 0..18);
    let loaded = load_text(&text).unwrap();
    assert_eq!(
        loaded.project.annotations[&aid("date-1")].span(),
        span_of(TASS, "Wednesday (June 4)")
    );
    let [LoadNote::Moved { fault, .. }] = loaded.notes.as_slice() else {
        panic!("{:?}", loaded.notes)
    };
    assert_eq!(*fault, SpanFault::QuoteMismatch);
}

#[test]
fn a_quote_that_cannot_be_found_is_kept_unplaced() {
    let text = to_ron(&sample()).replace("exact: \"Putin\"", "exact: \"Medvedev\"");
    let loaded = load_text(&text).unwrap();
    assert_eq!(loaded.project.annotations.len(), 3);
    let note = unplaced_note(&loaded, "putin-1");
    assert!(
        note.contains("“Medvedev”") && note.contains("putin-1"),
        "{note}"
    );
    // The repaired project saves and loads cleanly.
    assert_eq!(load_text(&to_ron(&loaded.project)).unwrap().notes, []);
}

#[test]
fn an_edited_text_gets_its_hash_recomputed() {
    let text = to_ron(&sample()).replace("(sic)", "[sic]");
    let loaded = load_text(&text).unwrap();
    assert_eq!(
        loaded.notes,
        [LoadNote::HashFixed {
            source: sid("vatican")
        }]
    );
    let vatican = loaded.project.source(&sid("vatican")).unwrap();
    assert_eq!(vatican.content_hash, content_hash(vatican.text.as_str()));
}

#[test]
fn an_unknown_source_is_an_error() {
    let text = to_ron(&sample()).replace("source: \"vatican\"", "source: \"reuters\"");
    let message = error_of(&text);
    assert!(message.starts_with("call.ron: "), "{message}");
    assert!(
        message.contains("`claim-1`") && message.contains("`reuters`"),
        "{message}"
    );
}

#[test]
fn an_unknown_entity_is_an_error() {
    let text = to_ron(&sample()).replace("via: \"bruni\"", "via: \"ansa\"");
    let message = error_of(&text);
    assert!(
        message.contains("`claim-1`") && message.contains("`ansa`"),
        "{message}"
    );
}

#[test]
fn several_problems_are_all_listed() {
    let text = to_ron(&sample())
        .replace("via: \"bruni\"", "via: \"ansa\"")
        .replace("entity: \"putin\"", "entity: \"kremlin\"");
    let message = error_of(&text);
    assert!(
        message.contains("2 problems") && message.contains("`kremlin`"),
        "{message}"
    );
}

#[test]
fn a_duplicate_id_is_an_error_with_its_position() {
    let text = to_ron(&sample()).replace("id: \"bruni\"", "id: \"putin\"");
    let message = error_of(&text);
    assert!(message.starts_with("call.ron:"), "{message}");
    assert!(message.contains("`putin` is used twice"), "{message}");
    let text = to_ron(&sample()).replace("id: \"vatican\"", "id: \"tass\"");
    let message = error_of(&text);
    assert!(
        message.contains("two sources have the id `tass`"),
        "{message}"
    );
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    for text in [
        deep.clone(),
        format!("(format_version: 2, title: {deep})"),
        format!("(format_version: 2, extra: {deep})"),
        format!("(format_version: 2, extra: {})", "Some(".repeat(100_000)),
    ] {
        let message = error_of(&text);
        assert!(message.starts_with("call.ron:1:"), "{message}");
    }
    let message = error_of(&format!("(format_version: 2, extra: {deep})"));
    assert!(message.contains("nest more than"), "{message}");
}

#[test]
fn invalid_utf8_is_refused_with_its_position() {
    let bytes = b"(\n  format_version: 2,\n  title: \"caf\xe9\",\n)";
    let message = from_bytes(bytes, Path::new("call.ron"))
        .unwrap_err()
        .to_string();
    assert!(message.starts_with("call.ron:3:14: "), "{message}");
    assert!(message.contains("UTF-8"), "{message}");
}

#[test]
fn an_empty_file_is_refused() {
    for text in ["", "  \n\t", "\u{feff}"] {
        let message = error_of(text);
        assert!(message.starts_with("call.ron: "), "{message}");
        assert!(message.contains("empty"), "{message}");
    }
}

#[test]
fn a_byte_order_mark_is_allowed() {
    let text = format!("\u{feff}{}", to_ron(&sample()));
    let loaded = load_text(&text).unwrap();
    assert_eq!(loaded.project, sample());
    assert_eq!(loaded.file_hash, content_hash(&text));
}

#[test]
fn files_that_are_missing_too_large_or_folders_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.ron");
    let message = load(&missing).unwrap_err().to_string();
    assert!(
        message.contains("missing.ron") && message.contains("no such file"),
        "{message}"
    );
    let message = load(dir.path()).unwrap_err().to_string();
    assert!(message.contains("folder"), "{message}");
    // A sparse file: the size is refused before anything is read.
    let huge = dir.path().join("huge.ron");
    fs::File::create(&huge)
        .unwrap()
        .set_len(MAX_PROJECT_BYTES + 1)
        .unwrap();
    let message = load(&huge).unwrap_err().to_string();
    assert!(
        message.contains("huge.ron") && message.contains("256 MiB"),
        "{message}"
    );
}

// ---- Saving ----

#[test]
fn saving_then_loading_gives_the_same_project_and_keeps_a_backup() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("call.ron");
    let first = sample();
    let saved = save(&first, &path).unwrap();
    assert_eq!(disk_hash(&path).unwrap(), Some(saved.file_hash.clone()));
    let loaded = load(&path).unwrap();
    assert_eq!(loaded.project, first);
    assert_eq!(loaded.file_hash, saved.file_hash);
    assert!(loaded.notes.is_empty());

    let mut second = first.clone();
    second.title = "Revised".into();
    save(&second, &path).unwrap();
    assert_eq!(load(&path).unwrap().project, second);
    assert_eq!(load(&backup_path(&path)).unwrap().project, first);
    assert_eq!(names_in(dir.path()), ["call.ron", "call.ron.bak"]);
    assert_eq!(disk_hash(&dir.path().join("none.ron")).unwrap(), None);
}

#[test]
fn a_failed_save_leaves_the_old_file_and_no_temporary_files() {
    for step in Step::ALL {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("call.ron");
        let mut project = sample();
        save(&project, &path).unwrap();
        let old = fs::read(&path).unwrap();
        project.title = "Changed".into();
        let err = save_with(&project, &path, Faults::at(step)).unwrap_err();
        let message = err.to_string();
        assert!(message.contains(&path.display().to_string()), "{message}");
        assert!(message.contains(&step.to_string()), "{message}");
        if step.after_replace() {
            assert_eq!(load(&path).unwrap().project, project);
        } else {
            assert_eq!(fs::read(&path).unwrap(), old, "{step:?}");
        }
        let mut expected = vec!["call.ron"];
        if matches!(step, Step::Replace | Step::SyncFolder) {
            expected.push("call.ron.bak");
        }
        assert_eq!(names_in(dir.path()), expected, "{step:?}");
    }
}

#[test]
fn a_project_too_large_to_open_again_is_not_saved() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("big.ron");
    let mut p = Project::new("big");
    let text = "x".repeat(MAX_PROJECT_BYTES as usize);
    p.sources.push(Source::new(sid("s"), "S", text));
    let message = save(&p, &path).unwrap_err().to_string();
    assert!(
        message.contains("big.ron") && message.contains("256 MiB"),
        "{message}"
    );
    assert!(!path.exists());
}

/// A large project is checked in two halves on two threads: what each half finds is
/// reported in annotation order, as one pass would, and the annotations of a source whose
/// text changed are still re-anchored together.
#[test]
fn a_large_project_is_checked_in_halves_with_its_findings_in_order() {
    let mut p = Project::new("large");
    let text: String = (0..12_000).map(|n| format!("w{n:05} ")).collect();
    let fixed = Source::new(sid("fixed"), "Fixed", text.as_str());
    let said = "The ministry said the talks would resume in the first week of June.";
    let changed = Source::new(sid("changed"), "Changed", said);
    for n in 0..12_000 {
        let at = n * 7;
        let a = Annotation::new(
            aid(&format!("a{n:05}")),
            &fixed,
            at..at + 6,
            Tag::Actor { entity: None },
        );
        p.annotations.insert(a.id.clone(), a);
    }
    let moving = Annotation::new(
        aid("a05500"),
        &changed,
        span_of(said, "the first week of June"),
        Tag::Date { value: None },
    );
    p.annotations.insert(moving.id.clone(), moving);
    p.sources.push(fixed);
    p.sources.push(changed);
    // Faults in both halves, a link to nothing in each, and a text changed outside.
    for (n, shift) in [(3, 1), (11_000, 2)] {
        let a = p.annotations.get_mut(&aid(&format!("a{n:05}"))).unwrap();
        a.start += shift;
        a.end += shift;
    }
    for n in [100, 9_000] {
        p.annotations
            .get_mut(&aid(&format!("a{n:05}")))
            .unwrap()
            .tag = Tag::Actor {
            entity: Some(eid("nobody")),
        };
    }
    p.sources[1].text = crate::anchor::SourceText::new(format!("Updated. {said}"));

    let report = check(&mut p);
    let problems: Vec<String> = report
        .problems
        .iter()
        .map(|problem| match problem {
            Problem::UnknownEntity { annotation, .. } => annotation.to_string(),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(problems, ["a00100", "a09000"]);
    let notes: Vec<String> = report
        .notes
        .iter()
        .map(|note| match note {
            LoadNote::HashFixed { source } => format!("hash {source}"),
            LoadNote::Moved { annotation, .. } => format!("moved {annotation}"),
            other => panic!("{other:?}"),
        })
        .collect();
    assert_eq!(
        notes,
        [
            "hash changed",
            "moved a00003",
            "moved a11000",
            "moved a05500"
        ]
    );
    for a in p.annotations.values() {
        let source = p.source(&a.source).unwrap();
        assert_eq!(source.text.slice(a.span()), a.quote.exact, "{}", a.id);
    }
}
