//! Offsets in hard text: a corpus (`tests/fixtures/offsets/`) of emoji with skin tones,
//! ZWJ sequences, flags and tag sequences, combining marks, CRLF and lone CR line ends,
//! byte-order marks (UTF-8 and UTF-16), right-to-left Arabic and Hebrew with bidi marks,
//! and all of them mixed. Thousands of spans on grapheme boundaries are annotated, then
//! saved and loaded, exported to brat and imported back: at every step each annotation's
//! text is its quote and no span splits a grapheme cluster, as `unicode-segmentation`
//! counts them. brat files written against the raw files (CRs counted, as brat does) are
//! imported onto the normalised texts the same way.

mod seeded;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use parallax::edit::Command;
use parallax::export::{self, Format};
use parallax::import::{self, normalise};
use parallax::model::{Annotation, AnnotationId, Project, Source, SourceId, TagKind};
use parallax::store;
use seeded::Lcg;
use unicode_segmentation::UnicodeSegmentation;

fn corpus() -> Vec<PathBuf> {
    let folder = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/offsets");
    let mut files: Vec<PathBuf> = fs::read_dir(folder)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    files
}

fn stem(path: &Path) -> String {
    path.file_stem().unwrap().to_string_lossy().into_owned()
}

/// The code-point positions between grapheme clusters (extended), from 0 to the length.
fn grapheme_boundaries(text: &str) -> Vec<usize> {
    let mut boundaries = vec![0];
    let mut at = 0;
    for cluster in text.graphemes(true) {
        at += cluster.chars().count();
        boundaries.push(at);
    }
    boundaries
}

/// The code-point position of each byte offset that starts a character.
fn char_positions(text: &str) -> BTreeMap<usize, usize> {
    let mut map: BTreeMap<usize, usize> = text
        .char_indices()
        .enumerate()
        .map(|(i, (b, _))| (b, i))
        .collect();
    map.insert(text.len(), text.chars().count());
    map
}

/// Spans worth annotating in `text`, all between grapheme clusters: every word, every two
/// words with what separates them, every cluster that is not plain ASCII, every line,
/// every two lines across their line end, and random spans.
fn spans(text: &str, rng: &mut Lcg) -> BTreeSet<(usize, usize)> {
    let boundaries = grapheme_boundaries(text);
    let on_boundary: BTreeSet<usize> = boundaries.iter().copied().collect();
    let position = char_positions(text);
    let mut spans = BTreeSet::new();
    let words: Vec<(usize, usize)> = text
        .split_word_bound_indices()
        .filter(|(_, w)| !w.trim().is_empty())
        .map(|(b, w)| (position[&b], position[&(b + w.len())]))
        .collect();
    spans.extend(words.iter().copied());
    spans.extend(words.windows(2).map(|pair| (pair[0].0, pair[1].1)));
    let mut at = 0;
    for cluster in text.graphemes(true) {
        let len = cluster.chars().count();
        if !cluster.is_ascii() {
            spans.insert((at, at + len));
        }
        at += len;
    }
    let mut lines = Vec::new();
    let mut b = 0;
    for line in text.split_inclusive(['\n', '\r']) {
        let content = line.trim_end_matches(['\r', '\n']);
        if !content.trim().is_empty() {
            lines.push((position[&b], position[&(b + content.len())]));
        }
        b += line.len();
    }
    spans.extend(lines.iter().copied());
    spans.extend(lines.windows(2).map(|pair| (pair[0].0, pair[1].1)));
    for _ in 0..300 {
        let from = rng.below(boundaries.len() - 1);
        let to = (from + 1 + rng.below(40)).min(boundaries.len() - 1);
        spans.insert((boundaries[from], boundaries[to]));
    }
    spans.retain(|(s, e)| s < e && on_boundary.contains(s) && on_boundary.contains(e));
    spans
}

/// The corpus as a project: each file read as `parallax add` reads it, with its spans
/// annotated through the command the window uses, which refuses a span its own check
/// finds splitting a character.
fn annotated_corpus() -> Project {
    let mut rng = Lcg(7);
    let mut p = Project::new("Offsets");
    for file in corpus() {
        let document = import::read_document(&file).unwrap();
        let id = SourceId::new(stem(&file)).unwrap();
        let source = Source::new(id, document.title, document.text);
        p.sources.push(source.clone());
        for (n, (start, end)) in spans(source.text.as_str(), &mut rng)
            .into_iter()
            .enumerate()
        {
            let kind = TagKind::ALL[n % TagKind::ALL.len()];
            let id = AnnotationId::new(format!("{}-{n}", source.id)).unwrap();
            let annotation = Annotation::new(id, &source, start..end, kind.empty_tag());
            Command::PutAnnotation(annotation)
                .apply(&mut p)
                .unwrap_or_else(|e| panic!("{}: {start}..{end}: {e}", source.id));
        }
    }
    p
}

/// Checks every annotation: placed, its text its quote, its ends between grapheme
/// clusters. Returns how many were checked.
fn check_offsets(p: &Project, step: &str) -> usize {
    let boundaries: BTreeMap<&SourceId, BTreeSet<usize>> = p
        .sources
        .iter()
        .map(|s| {
            let set = grapheme_boundaries(s.text.as_str()).into_iter().collect();
            (&s.id, set)
        })
        .collect();
    for a in p.annotations.values() {
        let source = p.source(&a.source).unwrap();
        let at = format!("{step}: {} {}..{}", a.source, a.start, a.end);
        assert!(!a.unplaced, "{at}: unplaced");
        assert_eq!(source.text.slice(a.span()), a.quote.exact, "{at}");
        assert_eq!(source.text.quote(a.span()), a.quote, "{at}: context");
        let on = &boundaries[&a.source];
        assert!(
            on.contains(&a.start) && on.contains(&a.end),
            "{at}: splits a grapheme cluster in {:?}",
            a.quote.exact
        );
    }
    p.annotations.len()
}

/// Each annotation's source, span, kind and words, sorted (ids differ after an import).
fn placements(p: &Project) -> Vec<Placement> {
    let mut list: Vec<_> = p
        .annotations
        .values()
        .map(|a| {
            (
                a.source.to_string(),
                a.start,
                a.end,
                a.kind(),
                a.quote.exact.clone(),
            )
        })
        .collect();
    list.sort();
    list
}

type Placement = (String, usize, usize, TagKind, String);

/// Fails on the first placement that differs, rather than printing thousands.
fn assert_same_placements(got: &[Placement], expected: &[Placement]) {
    if let Some((g, e)) = got.iter().zip(expected).find(|(g, e)| g != e) {
        panic!("placed {g:?}, expected {e:?}");
    }
    assert_eq!(got.len(), expected.len(), "how many annotations");
}

fn import_brat(folder: &Path) -> Project {
    let mut p = Project::new("");
    import::brat::import(&p, None, &[folder.to_path_buf()])
        .unwrap()
        .apply(&mut p)
        .unwrap();
    p
}

#[test]
fn the_corpus_is_as_hard_as_it_claims() {
    let raw: BTreeMap<String, Vec<u8>> = corpus()
        .iter()
        .map(|f| (stem(f), fs::read(f).unwrap()))
        .collect();
    let has = |name: &str, bytes: &[u8]| raw[name].windows(bytes.len()).any(|w| w == bytes);
    assert!(has("crlf", b"\r\n"), "git turned the CRLFs into LFs");
    assert!(raw["bom"].starts_with("\u{feff}".as_bytes()));
    assert!(raw["utf16le"].starts_with(&[0xff, 0xfe]));
    assert!(has("mixed", b"\r\n") && has("mixed", b"\rends"));
    let p = annotated_corpus();
    let text = |id: &str| {
        p.source(&SourceId::new(id).unwrap())
            .unwrap()
            .text
            .as_str()
            .to_string()
    };
    for needle in ["👨‍👩‍👧‍👦", "👍🏿", "🇺🇦", "🏴\u{e0067}", "1️⃣"]
    {
        assert!(text("emoji").contains(needle), "{needle}");
    }
    assert!(text("combining").contains("e\u{301}"));
    assert!(text("rtl").contains("פסקוב") && text("rtl").contains("بيسكوف"));
    for id in ["crlf", "bom", "utf16le", "mixed"] {
        let t = text(id);
        assert!(!t.contains('\r') && !t.starts_with('\u{feff}'), "{id}");
    }
}

#[test]
fn the_span_check_knows_every_grapheme_boundary() {
    let p = annotated_corpus();
    let mut refused = 0;
    for source in &p.sources {
        let mut alone = Project::new("");
        alone.sources.push(source.clone());
        let text = &source.text;
        let on: BTreeSet<usize> = grapheme_boundaries(text.as_str()).into_iter().collect();
        for at in 0..=text.char_len() {
            assert_eq!(
                text.is_grapheme_boundary(at),
                on.contains(&at),
                "{} at {at}",
                source.id
            );
        }
        // A span ending inside a cluster is refused, by the command as by the check.
        for at in (1..text.char_len()).filter(|at| !on.contains(at)) {
            let start = *on.range(..at).next_back().unwrap();
            let id = AnnotationId::new(format!("split-{at}")).unwrap();
            let split = Annotation::new(id, source, start..at, TagKind::Actor.empty_tag());
            assert!(Command::PutAnnotation(split).apply(&mut alone).is_err());
            refused += 1;
        }
    }
    assert!(refused > 250, "only {refused} positions inside clusters");
}

#[test]
fn annotations_keep_their_words_through_save_load_and_brat() {
    let p = annotated_corpus();
    let count = check_offsets(&p, "annotated");
    assert!(count > 2000, "only {count} annotations");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("offsets.ron");
    store::save(&p, &path).unwrap();
    let loaded = store::load(&path).unwrap();
    assert_eq!(loaded.notes, []);
    assert_eq!(loaded.project, p);
    check_offsets(&loaded.project, "loaded");

    let brat = dir.path().join("brat");
    let exported = export::export(
        &loaded.project,
        Format::Brat,
        &brat,
        &export::Options::default(),
    )
    .unwrap();
    assert_eq!((exported.annotations, exported.left_out), (count, 0));
    let back = import_brat(&brat);
    for source in &p.sources {
        assert_eq!(back.source(&source.id).unwrap().text, source.text);
    }
    assert_eq!(check_offsets(&back, "brat"), count);
    assert_same_placements(&placements(&back), &placements(&p));

    // And the imported project saves and loads as cleanly.
    store::save(&back, &path).unwrap();
    let again = store::load(&path).unwrap();
    assert_eq!(again.notes, []);
    assert_eq!(again.project, back);
    println!(
        "offsets: {count} annotations in {} sources",
        p.sources.len()
    );
}

/// A file's text as brat reads it: decoded, without a byte-order mark, CRs kept.
fn raw_text(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xff, 0xfe]) {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        return String::from_utf16(&units).unwrap();
    }
    let text = String::from_utf8(bytes.to_vec()).unwrap();
    text.strip_prefix('\u{feff}').unwrap_or(&text).to_string()
}

#[test]
fn brat_offsets_counted_in_the_raw_files_land_on_the_same_words() {
    let dir = tempfile::tempdir().unwrap();
    let mut rng = Lcg(11);
    let mut expected = Vec::new();
    for file in corpus() {
        let name = stem(&file);
        let bytes = fs::read(&file).unwrap();
        fs::write(dir.path().join(format!("{name}.txt")), &bytes).unwrap();
        let raw = raw_text(&bytes);
        let chars: Vec<char> = raw.chars().collect();
        let mut ann = String::new();
        for (n, (start, end)) in spans(&raw, &mut rng).into_iter().enumerate() {
            let words: String = chars[start..end].iter().collect();
            let kind = TagKind::ALL[n % TagKind::ALL.len()];
            let shown = words.replace(['\r', '\n'], " ");
            let label = kind.label();
            ann.push_str(&format!("T{}\t{label} {start} {end}\t{shown}\n", n + 1));
            // Where the words are in the normalised text: past the CR of every CRLF
            // before them.
            let crs_before = |at: usize| {
                (1..at)
                    .filter(|&i| chars[i - 1] == '\r' && chars[i] == '\n')
                    .count()
            };
            let (s, e) = (start - crs_before(start), end - crs_before(end));
            expected.push((name.clone(), s, e, kind, normalise(&words)));
        }
        fs::write(dir.path().join(format!("{name}.ann")), ann).unwrap();
    }
    let p = import_brat(dir.path());
    let count = check_offsets(&p, "raw brat");
    expected.sort();
    assert_same_placements(&placements(&p), &expected);
    println!("raw brat offsets: {count} annotations");
}
