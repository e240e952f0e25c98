//! The brat export: for each source, `ID.txt` (its text) and `ID.ann` (its annotations),
//! and an `annotation.conf` declaring the types, in the mapping [`crate::import::brat`]
//! reads, so that importing the folder gives back the same spans, tags and links.
//!
//! Per source, the `T` lines come first, in text order (`T1<TAB>Claim 10 42<TAB>words`,
//! offsets in code points, line breaks in the words written as spaces); then, for each
//! annotation in turn, its `N` references (`parallax:ENTITY` for an actor's entity,
//! `date:VALUE`, `claim:GROUP`), its speaker and via as `Speaker`/`Via` relations to the
//! nearest actor of the same source naming that entity, or as `speaker:ENTITY` and
//! `via:ENTITY` references when no actor there names it, and its note as one
//! `AnnotatorNotes` line per line of the note. Names and labels after the last tab are
//! written on one line.
//!
//! The memos travel as notes too, one `#` line per line of the memo: an entity's and a
//! claim group's on the first `N` line of the file naming it (`#3<TAB>AnnotatorNotes
//! N2<TAB>memo`), the source's on `document` (`#4<TAB>AnnotatorNotes document<TAB>memo`),
//! and the source's reliability as `#5<TAB>Reliability document<TAB>B`.
//!
//! Unplaced annotations are left out: brat needs true positions. A source whose text is
//! empty or white space only is left out too, since brat has nothing to annotate there.

use std::collections::BTreeSet;
use std::fmt::Write;

use crate::import::brat::DOCUMENT;
use crate::model::{Annotation, EntityId, Project, Source, Tag};

/// The configuration brat needs to show the files: the three types, the two relations,
/// and overlapping spans allowed.
pub const ANNOTATION_CONF: &str = "\
# Parallax's types: brat shows and edits the exported annotations with these.
[entities]
Actor
Claim
Date

[relations]
Speaker\tArg1:Claim, Arg2:Actor
Via\tArg1:Claim, Arg2:Actor
<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>

[events]

[attributes]
";

/// The name of the configuration file.
const CONF_NAME: &str = "annotation.conf";

/// The sources that are exported: those with some text.
fn exported_sources(project: &Project) -> impl Iterator<Item = &Source> {
    project
        .sources
        .iter()
        .filter(|s| !s.text.as_str().trim().is_empty())
}

/// The annotations of a source that are exported, in text order.
fn exported_in<'p>(project: &'p Project, source: &Source) -> Vec<&'p Annotation> {
    project
        .annotations_in(&source.id)
        .into_iter()
        .filter(|a| super::is_placed(a, Some(source)))
        .collect()
}

/// How many annotations a brat export holds.
pub fn exported_annotations(project: &Project) -> usize {
    exported_sources(project)
        .map(|s| exported_in(project, s).len())
        .sum()
}

/// The files, in the order written: each source's `.txt` and `.ann`, then the
/// configuration.
pub fn file_names(project: &Project) -> Vec<String> {
    let mut names: Vec<String> = exported_sources(project)
        .flat_map(|s| [format!("{}.txt", s.id), format!("{}.ann", s.id)])
        .collect();
    names.push(CONF_NAME.into());
    names
}

/// The folder's files.
pub fn render(project: &Project) -> Vec<(String, Vec<u8>)> {
    let mut files = Vec::new();
    for source in exported_sources(project) {
        files.push((
            format!("{}.txt", source.id),
            source.text.as_str().as_bytes().to_vec(),
        ));
        files.push((
            format!("{}.ann", source.id),
            ann(project, source).into_bytes(),
        ));
    }
    files.push((CONF_NAME.into(), ANNOTATION_CONF.as_bytes().to_vec()));
    files
}

/// Text for the end of a line: its line breaks written as spaces.
fn one_line(text: &str) -> String {
    text.replace(['\r', '\n'], " ")
}

/// The `.ann` file of one source.
fn ann(project: &Project, source: &Source) -> String {
    let annotations = exported_in(project, source);
    let t = |index: usize| format!("T{}", index + 1);
    let mut out = String::new();
    for (i, a) in annotations.iter().enumerate() {
        let words = source.text.slice(a.span());
        let _ = writeln!(
            out,
            "{}\t{} {} {}\t{}",
            t(i),
            a.kind().label(),
            a.start,
            a.end,
            one_line(words)
        );
    }
    let mut n = 0;
    let mut r = 0;
    let mut notes = Notes::default();
    // The memos of the entities and groups named, each on the first N line naming it.
    let mut memos: Vec<(String, String)> = Vec::new();
    let mut named: BTreeSet<String> = BTreeSet::new();
    for (i, a) in annotations.iter().enumerate() {
        let mut reference = |what: String, label: &str, memo: &str| {
            n += 1;
            let _ = writeln!(out, "N{n}\tReference {} {what}\t{}", t(i), one_line(label));
            let (namespace, id) = what.split_once(':').unwrap_or_default();
            let kind = if namespace == "claim" {
                "group"
            } else {
                "entity"
            };
            if !memo.is_empty() && named.insert(format!("{kind}:{id}")) {
                memos.push((format!("N{n}"), memo.to_string()));
            }
        };
        let entity_memo = |e: &EntityId| project.entities.get(e).map_or("", |e| e.memo.as_str());
        let mut roles = Vec::new();
        match &a.tag {
            Tag::Actor { entity: Some(e) } => {
                reference(
                    format!("parallax:{e}"),
                    project.entity_name(e),
                    entity_memo(e),
                );
            }
            Tag::Date { value: Some(v) } => {
                reference(format!("date:{v}"), source.text.slice(a.span()), "");
            }
            Tag::Claim {
                speaker,
                via,
                group,
                credibility,
            } => {
                if let Some(c) = credibility {
                    reference(format!("credibility:{c}"), c.meaning(), "");
                }
                if let Some(g) = group {
                    let (label, memo) = project
                        .claim_groups
                        .get(g)
                        .map_or((g.as_str(), ""), |g| (g.label.as_str(), g.memo.as_str()));
                    reference(format!("claim:{g}"), label, memo);
                }
                for (role, entity) in [("Speaker", speaker), ("Via", via)] {
                    let Some(entity) = entity else { continue };
                    match nearest_actor(&annotations, a, entity) {
                        Some(actor) => roles.push((role, actor)),
                        None => reference(
                            format!("{}:{entity}", role.to_ascii_lowercase()),
                            project.entity_name(entity),
                            entity_memo(entity),
                        ),
                    }
                }
            }
            _ => {}
        }
        for (role, actor) in roles {
            r += 1;
            let _ = writeln!(out, "R{r}\t{role} Arg1:{} Arg2:{}", t(i), t(actor));
        }
        notes.write(&mut out, "AnnotatorNotes", &t(i), &a.note);
    }
    for (target, memo) in memos {
        notes.write(&mut out, "AnnotatorNotes", &target, &memo);
    }
    if let Some(grade) = source.reliability {
        notes.write(&mut out, "Reliability", DOCUMENT, grade.letter());
    }
    notes.write(&mut out, "AnnotatorNotes", DOCUMENT, &source.memo);
    out
}

/// The `#` lines of a file, numbered in turn.
#[derive(Default)]
struct Notes(usize);

impl Notes {
    /// Writes a note on `target`, one line per line of it; nothing when it is empty.
    fn write(&mut self, out: &mut String, kind: &str, target: &str, text: &str) {
        if text.is_empty() {
            return;
        }
        let text = crate::import::normalise(text);
        for line in text.split('\n') {
            self.0 += 1;
            let _ = writeln!(out, "#{}\t{kind} {target}\t{line}", self.0);
        }
    }
}

/// The actor annotation nearest to `claim` that names `entity`, by its index.
fn nearest_actor(
    annotations: &[&Annotation],
    claim: &Annotation,
    entity: &EntityId,
) -> Option<usize> {
    annotations
        .iter()
        .enumerate()
        .filter(|(_, a)| matches!(&a.tag, Tag::Actor { entity: Some(e) } if e == entity))
        .min_by_key(|(_, a)| a.start.abs_diff(claim.start))
        .map(|(i, _)| i)
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;
    use std::path::Path;

    use proptest::prelude::*;

    use super::*;
    use crate::export::fixture;
    use crate::model::{
        AnnotationId, ClaimGroup, ClaimGroupId, DateValue, Entity, EntityKind, Reliability,
        SourceId,
    };

    /// What an import must give back of an annotation: source, span, tag with links, note.
    type Kept = (String, usize, usize, Tag, String);

    fn kept(project: &Project) -> Vec<Kept> {
        let mut list: Vec<Kept> = project
            .annotations
            .values()
            .filter(|a| super::super::is_placed(a, project.source(&a.source)))
            .map(|a| {
                (
                    a.source.to_string(),
                    a.start,
                    a.end,
                    a.tag.clone(),
                    crate::import::normalise(&a.note),
                )
            })
            .collect();
        list.sort_by(|x, y| format!("{x:?}").cmp(&format!("{y:?}")));
        list
    }

    /// Writes the export into a folder and imports it into a new project.
    fn round_trip(project: &Project) -> Project {
        let dir = tempfile::tempdir().unwrap();
        for (name, bytes) in render(project) {
            std::fs::write(dir.path().join(name), bytes).unwrap();
        }
        import(dir.path())
    }

    fn import(folder: &Path) -> Project {
        let mut imported = Project::new("imported");
        let command = crate::import::brat::import(&imported, None, &[folder.to_path_buf()])
            .unwrap_or_else(|e| panic!("the export does not import: {e}"));
        command.apply(&mut imported).unwrap();
        imported
    }

    #[test]
    fn the_hostile_project_comes_back() {
        let project = fixture::hostile();
        let back = round_trip(&project);
        assert_eq!(kept(&back), kept(&project));
        for source in &project.sources {
            let again = back.source(&source.id).unwrap();
            assert_eq!(again.text.as_str(), source.text.as_str());
        }
        let unplaced = project.annotations.values().filter(|a| a.unplaced).count();
        assert_eq!(
            exported_annotations(&project),
            project.annotations.len() - unplaced
        );
        // Names and labels come back on one line.
        let crlf = &back.entities[&EntityId::new("crlf").unwrap()];
        assert_eq!(crlf.name, "Line one  Line two");
    }

    #[test]
    fn a_claims_credibility_comes_back() {
        let mut project = fixture::hostile();
        let mut n = 0;
        for a in project.annotations.values_mut() {
            if let Tag::Claim { credibility, .. } = &mut a.tag {
                n += 1;
                *credibility = crate::model::Credibility::try_from(1 + n % 6).ok();
            }
        }
        assert!(n > 1);
        let back = round_trip(&project);
        assert_eq!(kept(&back), kept(&project));
        // A grade out of range is refused, naming the file and the line.
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("r.txt"), "Leo said yes.").unwrap();
        std::fs::write(
            dir.path().join("r.ann"),
            "T1\tClaim 0 12\tLeo said yes\nN1\tReference T1 credibility:9\t\n",
        )
        .unwrap();
        let err =
            crate::import::brat::import(&Project::new("x"), None, &[dir.path().to_path_buf()])
                .unwrap_err()
                .to_string();
        assert!(err.contains("r.ann:2:") && err.contains("1 to 6"), "{err}");
    }

    /// A memo no file format should trip on: line breaks of every kind, a blank line, tabs,
    /// markup, right-to-left scripts, combining marks and emoji.
    const HOSTILE_MEMO: &str = "First line\r\nsecond\tline with a tab\n\nשלום — مرحبا e\u{301} \
                                👩\u{200d}👩\u{200d}👧 <b>bold</b> =SUM(A1)\rlast line \n";

    #[test]
    fn grades_and_memos_of_sources_entities_and_groups_come_back() {
        let mut project = fixture::hostile();
        let grades = [Reliability::A, Reliability::F];
        for (n, source) in project.sources.iter_mut().enumerate() {
            source.memo = format!("{n}: {HOSTILE_MEMO}");
            source.reliability = grades.get(n).copied();
        }
        for (n, entity) in project.entities.values_mut().enumerate() {
            entity.memo = format!("entity {n}: {HOSTILE_MEMO}");
        }
        for (n, group) in project.claim_groups.values_mut().enumerate() {
            group.memo = format!("group {n}: {HOSTILE_MEMO}");
        }
        let back = round_trip(&project);
        assert_eq!(kept(&back), kept(&project), "the annotations come back too");
        for source in &project.sources {
            let again = back.source(&source.id).unwrap();
            assert_eq!(again.memo, crate::import::normalise(&source.memo));
            assert_eq!(again.reliability, source.reliability, "{}", source.id);
        }
        // Every entity and group an annotation names comes back with its memo, even when
        // several files name it.
        let mut entities = 0;
        for (id, entity) in &project.entities {
            if let Some(again) = back.entities.get(id) {
                entities += 1;
                assert_eq!(again.memo, crate::import::normalise(&entity.memo), "{id}");
            }
        }
        assert!(entities >= 4, "{entities} entities came back");
        for (id, group) in &project.claim_groups {
            let again = &back.claim_groups[id];
            assert_eq!(again.memo, crate::import::normalise(&group.memo), "{id}");
        }
        // Each memo is written once per file, on the first line naming its holder.
        let markup = ann(&project, &project.sources[0]);
        let on_n = markup
            .lines()
            .filter(|l| l.contains("\tAnnotatorNotes N") && l.ends_with("entity 0: First line"))
            .count();
        assert_eq!(on_n, 1, "{markup}");
        assert!(markup.contains("\tReliability document\tA\n"), "{markup}");
    }

    #[test]
    fn a_project_without_memos_writes_no_notes_for_them() {
        let project = fixture::hostile();
        for (_, bytes) in render(&project) {
            let text = String::from_utf8(bytes).unwrap();
            assert!(!text.contains(" document\t"), "{text}");
            assert!(!text.contains("AnnotatorNotes N"), "{text}");
        }
    }

    #[test]
    fn speakers_named_in_the_text_are_relations_and_others_references() {
        let project = fixture::hostile();
        let ann_of = |id: &str| {
            ann(
                &project,
                project.source(&SourceId::new(id).unwrap()).unwrap(),
            )
        };
        // T1 is the actor `<b>Bold</b>`, T2 the claim it speaks, starting at the same place.
        let markup = ann_of("markup");
        assert!(
            markup.starts_with("T1\tActor 0 11\t<b>Bold</b>\nT2\tClaim 0 "),
            "{markup}"
        );
        assert!(markup.contains("\tSpeaker Arg1:T2 Arg2:T1\n"), "{markup}");
        assert!(markup.contains("\tVia Arg1:T2 Arg2:T"), "{markup}");
        // No actor of the plain report names the via.
        let plain = ann_of("plain");
        assert!(plain.contains("Speaker Arg1:"), "{plain}");
        assert!(plain.contains(" via:sheet\t=SUM(A1:A9)\n"), "{plain}");
        let scripts = ann_of("scripts");
        let note_lines = scripts
            .lines()
            .filter(|l| l.contains("\tAnnotatorNotes "))
            .count();
        assert_eq!(note_lines, 6, "one line per line of each note:\n{scripts}");
    }

    #[test]
    fn blank_sources_and_unplaced_annotations_are_left_out() {
        let mut project = fixture::hostile();
        project.sources.push(Source::new(
            SourceId::new("blank").unwrap(),
            "Blank",
            " \n ",
        ));
        let names = file_names(&project);
        assert!(!names.iter().any(|n| n.starts_with("blank.")));
        assert_eq!(names.last().map(String::as_str), Some(CONF_NAME));
        let all: String = render(&project)
            .iter()
            .map(|(_, b)| String::from_utf8_lossy(b).into_owned())
            .collect();
        assert!(
            !all.contains("A plain report\n"),
            "the unplaced annotation is not written"
        );
    }

    /// Text of words in several scripts, with emoji, combining marks and line breaks.
    fn text() -> impl Strategy<Value = String> {
        let word = prop::sample::select(vec![
            "Putin",
            "Ватикан",
            "Πάπας",
            "שלום",
            "مرحبا",
            "e\u{301}te\u{301}",
            "👩\u{200d}👩\u{200d}👧",
            "🇷🇺",
            "“quoted”",
            "—",
            "a\tb",
            "x",
            "Z\u{351}\u{36b}",
            "&amp;",
            "<b>",
        ]);
        let gap = prop::sample::select(vec![" ", " ", "\n", "\n\n", ", "]);
        prop::collection::vec((word, gap), 1..30).prop_map(|parts| {
            parts
                .into_iter()
                .map(|(w, g)| format!("{w}{g}"))
                .collect::<String>()
                .trim_end()
                .to_string()
        })
    }

    fn note() -> impl Strategy<Value = String> {
        prop::sample::select(vec![
            "",
            "a note",
            "two\nlines",
            "trailing\n",
            "\nleading",
            "tab\there",
            "ünï 👩\u{200d}👧",
            "\n",
            "pipe | and # hash",
        ])
        .prop_map(String::from)
    }

    /// One annotation's choices: where (as fractions of the text's grapheme boundaries),
    /// which tag, which links.
    type Choice = (usize, usize, u8, [Option<usize>; 3], usize, String);

    fn choice() -> impl Strategy<Value = Choice> {
        (
            0usize..1000,
            0usize..1000,
            0u8..3,
            [
                prop::option::of(0usize..3),
                prop::option::of(0usize..3),
                prop::option::of(0usize..2),
            ],
            0usize..4,
            note(),
        )
    }

    fn build(texts: Vec<String>, choices: Vec<Vec<Choice>>) -> Project {
        let mut project = Project::new("random");
        let entities: Vec<EntityId> = ["putin", "leo", "peskov"]
            .iter()
            .map(|e| EntityId::new(*e).unwrap())
            .collect();
        for (i, e) in entities.iter().enumerate() {
            let mut entity = Entity::new(e.clone(), format!("Name {i} é"), EntityKind::Person);
            entity.memo = ["", "two\nlines", "tab\there\n"][i].into();
            project.entities.insert(e.clone(), entity);
        }
        let groups: Vec<ClaimGroupId> = ["gesture", "talks"]
            .iter()
            .map(|g| ClaimGroupId::new(*g).unwrap())
            .collect();
        for (i, g) in groups.iter().enumerate() {
            let group = ClaimGroup {
                id: g.clone(),
                label: format!("Label of {g}"),
                memo: ["\nleading", ""][i].into(),
            };
            project.claim_groups.insert(g.clone(), group);
        }
        let dates: [DateValue; 4] =
            ["2025-06-04", "2025-06", "2025", "2025-05-20/2025-05-31"].map(|d| d.parse().unwrap());
        for (s, (text, choices)) in texts.into_iter().zip(choices).enumerate() {
            let mut source = Source::new(SourceId::new(format!("s{s}")).unwrap(), "S", text);
            source.memo = ["ünï 👩\u{200d}👧\n\n", "", "pipe | # hash"][s % 3].into();
            source.reliability = [None, Some(Reliability::B)][s % 2];
            let boundaries: Vec<usize> = (0..=source.text.char_len())
                .filter(|&p| source.text.is_grapheme_boundary(p))
                .collect();
            for (n, (a, b, kind, links, date, note)) in choices.into_iter().enumerate() {
                let x = boundaries[a % boundaries.len()];
                let y = boundaries[b % boundaries.len()];
                if x == y {
                    continue;
                }
                let span = x.min(y)..x.max(y);
                let entity = |i: Option<usize>| i.map(|i| entities[i].clone());
                let tag = match kind {
                    0 => Tag::Actor {
                        entity: entity(links[0]),
                    },
                    1 => Tag::Claim {
                        speaker: entity(links[0]),
                        via: entity(links[1]),
                        group: links[2].map(|g| groups[g].clone()),
                        credibility: None,
                    },
                    _ => Tag::Date {
                        value: (date > 0).then(|| dates[date - 1]),
                    },
                };
                let id = AnnotationId::new(format!("s{s}-{n}")).unwrap();
                let mut annotation = Annotation::new(id, &source, span, tag);
                annotation.note = note;
                project
                    .annotations
                    .insert(annotation.id.clone(), annotation);
            }
            project.sources.push(source);
        }
        project
    }

    fn project() -> impl Strategy<Value = Project> {
        prop::collection::vec((text(), prop::collection::vec(choice(), 0..12)), 1..4).prop_map(
            |sources| {
                let (texts, choices) = sources.into_iter().unzip();
                build(texts, choices)
            },
        )
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        #[test]
        fn import_gives_back_what_was_exported(project in project()) {
            let back = round_trip(&project);
            prop_assert_eq!(kept(&back), kept(&project));
            let texts: BTreeMap<String, String> = back
                .sources
                .iter()
                .map(|s| (s.id.to_string(), s.text.as_str().to_string()))
                .collect();
            for s in &project.sources {
                prop_assert_eq!(texts.get(s.id.as_str()), Some(&s.text.as_str().to_string()));
                let again = back.source(&s.id).unwrap();
                prop_assert_eq!((&again.memo, again.reliability), (&s.memo, s.reliability));
            }
            for (id, entity) in &back.entities {
                prop_assert_eq!(&entity.memo, &project.entities[id].memo);
            }
            for (id, group) in &back.claim_groups {
                prop_assert_eq!(&group.memo, &project.claim_groups[id].memo);
            }
        }
    }
}
