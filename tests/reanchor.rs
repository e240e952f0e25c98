//! Re-anchoring after a source's text changes: a corpus (`tests/fixtures/reanchor/`) of
//! reports, each with an edit script (`NAME.edits`) that turns it into the revised version
//! checked in beside it (`NAME.edited.txt`): text added and removed around annotations,
//! paragraphs moved, typos fixed elsewhere, words next to annotations changed, names
//! shortened, sentences cut and repeated.
//!
//! Hundreds of annotations are made on the originals; the project file is then given the
//! revised texts and loaded, the way Parallax meets a source changed outside it (loading
//! checks every annotation against its quote and re-anchors it), and each source is
//! revised from its new version, as `parallax revise` does (with the same result). The edit script says where every
//! original character went, so the test knows where each annotation belongs: at least 99%
//! of those whose words survived land on exactly them, none lands on other words, and
//! every other one is kept and flagged unplaced.

mod seeded;

use std::collections::BTreeMap;
use std::fs;
use std::ops::Range;
use std::path::{Path, PathBuf};

use parallax::anchor::SourceText;
use parallax::edit::Command;
use parallax::import;
use parallax::model::{Annotation, AnnotationId, Project, Source, SourceId, TagKind};
use parallax::store::{self, LoadNote};
use seeded::Lcg;
use unicode_segmentation::UnicodeSegmentation;

fn corpus_folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/reanchor")
}

/// The names of the corpus's reports (each has `NAME.txt`, `NAME.edits` and
/// `NAME.edited.txt`).
fn reports() -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(corpus_folder())
        .unwrap()
        .filter_map(|e| {
            let name = e.unwrap().file_name().to_string_lossy().into_owned();
            name.strip_suffix(".edits").map(str::to_string)
        })
        .collect();
    names.sort();
    names
}

/// A text being edited, each character with the position it had in the original (`None`
/// for inserted text).
struct Tracked(Vec<(char, Option<usize>)>);

impl Tracked {
    fn new(original: &str) -> Self {
        Tracked(
            original
                .chars()
                .enumerate()
                .map(|(i, c)| (c, Some(i)))
                .collect(),
        )
    }

    fn text(&self) -> String {
        self.0.iter().map(|(c, _)| c).collect()
    }

    /// Where `needle` starts, in characters; it must occur exactly once.
    fn find_once(&self, needle: &str, line: usize) -> usize {
        let text = self.text();
        let found: Vec<usize> = text.match_indices(needle).map(|(b, _)| b).collect();
        assert_eq!(
            found.len(),
            1,
            "edit line {line}: `{needle}` occurs {found:?}"
        );
        text[..found[0]].chars().count()
    }

    fn splice(&mut self, at: usize, remove: usize, insert: &str) {
        let new = insert.chars().map(|c| (c, None));
        self.0.splice(at..at + remove, new);
    }

    /// Replaces `old` at `at` with `new`, word by word: the words both share keep their
    /// place in the original, the others are removed or inserted.
    fn rewrite(&mut self, at: usize, old: &str, new: &str) {
        let len = old.chars().count();
        let mut kept = self.0[at..at + len].iter().copied();
        let mut rewritten = Vec::new();
        for change in similar::TextDiff::from_unicode_words(old, new).iter_all_changes() {
            let n = change.value().chars().count();
            match change.tag() {
                similar::ChangeTag::Equal => rewritten.extend(kept.by_ref().take(n)),
                similar::ChangeTag::Delete => drop(kept.by_ref().nth(n - 1)),
                similar::ChangeTag::Insert => {
                    rewritten.extend(change.value().chars().map(|c| (c, None)));
                }
            }
        }
        self.0.splice(at..at + len, rewritten);
    }

    /// Where blank lines end: the second line break of each pair.
    fn blank_lines(&self) -> Vec<usize> {
        (1..self.0.len())
            .filter(|&i| self.0[i - 1].0 == '\n' && self.0[i].0 == '\n')
            .collect()
    }

    /// Where the paragraph around a position starts.
    fn paragraph_start(&self, at: usize) -> usize {
        let blanks = self.blank_lines();
        blanks.iter().rev().find(|&&b| b < at).map_or(0, |b| b + 1)
    }

    /// The paragraph around a position, with the blank line that ends it.
    fn paragraph(&self, at: usize) -> Range<usize> {
        let end = self
            .blank_lines()
            .into_iter()
            .find(|&b| b >= at)
            .expect("the last paragraph cannot be moved");
        self.paragraph_start(at)..end + 1
    }

    /// Applies one line of an edit script (see the `.edits` files).
    fn apply(&mut self, line: &str, number: usize) {
        let fields: Vec<String> = line.split('\t').map(|f| f.replace("\\n", "\n")).collect();
        let chars = |s: &str| s.chars().count();
        match fields.iter().map(String::as_str).collect::<Vec<_>>()[..] {
            ["replace", old, new] => {
                let at = self.find_once(old, number);
                self.rewrite(at, old, new);
            }
            ["delete", old] => {
                let at = self.find_once(old, number);
                self.splice(at, chars(old), "");
            }
            ["insert-before", anchor, text] => {
                let at = self.find_once(anchor, number);
                self.splice(at, 0, text);
            }
            ["insert-after", anchor, text] => {
                let at = self.find_once(anchor, number) + chars(anchor);
                self.splice(at, 0, text);
            }
            ["move", paragraph, before] => {
                let moved = self.paragraph(self.find_once(paragraph, number));
                let cut: Vec<_> = self.0.drain(moved).collect();
                let to = self.paragraph_start(self.find_once(before, number));
                self.0.splice(to..to, cut);
            }
            _ => panic!("edit line {number}: cannot read `{line}`"),
        }
    }

    /// Where the original characters `span` are now, if they are all still there, in
    /// order and side by side.
    fn follow(&self, span: &Range<usize>) -> Option<Range<usize>> {
        let start = self.0.iter().position(|&(_, o)| o == Some(span.start))?;
        let len = span.len();
        let same = (0..len).all(|k| {
            self.0
                .get(start + k)
                .is_some_and(|&(_, o)| o == Some(span.start + k))
        });
        same.then_some(start..start + len)
    }
}

/// The revised version of a report, by its edit script.
fn revise(original: &str, script: &str) -> Tracked {
    let mut tracked = Tracked::new(original);
    for (i, line) in script.lines().enumerate() {
        if !line.trim().is_empty() && !line.starts_with('#') {
            tracked.apply(line, i + 1);
        }
    }
    tracked
}

const NOT_NAMES: &[&str] = &[
    "A",
    "According",
    "All",
    "Asked",
    "As",
    "At",
    "But",
    "By",
    "During",
    "He",
    "How",
    "In",
    "Is",
    "It",
    "No",
    "On",
    "One",
    "She",
    "Some",
    "The",
    "This",
    "We",
    "What",
];

const DATE_WORDS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// The annotations an analyst might make on a report, as code-point spans with their
/// tag: names (runs of capitalised words) as actors; days, months and years with their
/// numbers as dates; quoted words and sentences that report speech as claims; and a
/// sample of other words and phrases.
fn annotate(text: &str) -> BTreeMap<(usize, usize), TagKind> {
    let mut chars_at = BTreeMap::new();
    for (i, (b, _)) in text.char_indices().enumerate() {
        chars_at.insert(b, i);
    }
    chars_at.insert(text.len(), text.chars().count());
    let words: Vec<(usize, usize, &str)> = text
        .split_word_bound_indices()
        .filter(|(_, w)| w.chars().any(char::is_alphanumeric))
        .map(|(b, w)| (chars_at[&b], chars_at[&(b + w.len())], w))
        .collect();
    let mut spans = BTreeMap::new();
    let capital = |w: &str| w.starts_with(char::is_uppercase);
    let joined = |a: &(usize, usize, &str), b: &(usize, usize, &str)| b.0 == a.1 + 1;
    // Names.
    let mut i = 0;
    while i < words.len() {
        if !capital(words[i].2) {
            i += 1;
            continue;
        }
        let mut j = i + 1;
        while j < words.len() && capital(words[j].2) && joined(&words[j - 1], &words[j]) {
            j += 1;
        }
        let first = if NOT_NAMES.contains(&words[i].2) {
            i + 1
        } else {
            i
        };
        if first < j {
            spans.insert((words[first].0, words[j - 1].1), TagKind::Actor);
        }
        i = j;
    }
    // Dates.
    for (k, w) in words.iter().enumerate() {
        // A day number right before or after the word, as its span.
        let number = |n: Option<&(usize, usize, &str)>| {
            n.filter(|n| n.2.len() <= 2 && n.2.chars().all(|c| c.is_ascii_digit()))
                .map(|n| (n.0, n.1))
        };
        if DATE_WORDS.contains(&w.2) {
            let before = number(k.checked_sub(1).and_then(|p| words.get(p)));
            let after = number(words.get(k + 1));
            let start = before.filter(|b| b.1 + 1 == w.0).map_or(w.0, |b| b.0);
            let end = after.filter(|a| w.1 + 1 == a.0).map_or(w.1, |a| a.1);
            spans.insert((start, end), TagKind::Date);
        } else if w.2.len() == 4 && w.2.starts_with("20") {
            spans.insert((w.0, w.1), TagKind::Date);
        }
    }
    // Quoted words, and sentences that report what someone said.
    let quotes: Vec<usize> = text.match_indices('"').map(|(b, _)| chars_at[&b]).collect();
    for pair in quotes.chunks(2).filter(|p| p.len() == 2) {
        spans.insert((pair[0] + 1, pair[1]), TagKind::Claim);
    }
    for (b, sentence) in text.split_sentence_bound_indices() {
        let sentence = sentence.trim_end();
        let reported = [" said", " told", " stressed", " noted"];
        if reported.iter().any(|v| sentence.contains(v)) {
            let start = chars_at[&b];
            spans.insert((start, start + sentence.chars().count()), TagKind::Claim);
        }
    }
    // A sample of other words and phrases.
    for (k, w) in words.iter().enumerate() {
        if k % 7 == 3 && w.2.chars().count() >= 4 {
            spans.entry((w.0, w.1)).or_insert(TagKind::Actor);
        }
        if k % 11 == 5 && k + 2 < words.len() && words[k + 2].0 < w.1 + 30 {
            spans.entry((w.0, words[k + 2].1)).or_insert(TagKind::Claim);
        }
    }
    spans.retain(|(s, e), _| s < e);
    spans
}

/// The corpus as one project of its original reports, annotated.
fn original_project() -> Project {
    let mut p = Project::new("Re-anchoring");
    for name in reports() {
        let document = import::read_document(&corpus_folder().join(format!("{name}.txt"))).unwrap();
        let source = Source::new(
            SourceId::new(name.as_str()).unwrap(),
            document.title,
            document.text,
        );
        p.sources.push(source.clone());
        for (n, ((start, end), kind)) in annotate(source.text.as_str()).into_iter().enumerate() {
            let id = AnnotationId::new(format!("{name}-{n}")).unwrap();
            let annotation = Annotation::new(id, &source, start..end, kind.empty_tag());
            Command::PutAnnotation(annotation).apply(&mut p).unwrap();
        }
    }
    p
}

#[test]
fn each_edit_script_gives_its_revised_version() {
    for name in reports() {
        let read = |suffix: &str| {
            fs::read_to_string(corpus_folder().join(format!("{name}{suffix}"))).unwrap()
        };
        let revised = revise(&read(".txt"), &read(".edits")).text();
        assert!(
            revised == read(".edited.txt"),
            "{name}.edits does not give {name}.edited.txt"
        );
    }
}

/// Where the annotations of a revised project ended up, against where they belong.
#[derive(Default)]
struct Outcome {
    /// Annotations whose words all survived the edits.
    survived: usize,
    /// Of those, placed on exactly their words.
    same: usize,
    /// Of those, flagged unplaced.
    lost: usize,
    /// Annotations whose words were edited away, flagged unplaced.
    flagged: usize,
    /// Annotations placed on other words, described.
    wrong: Vec<String>,
}

impl Outcome {
    /// Compares each annotation of `original` with the same one in `revised`, which has the
    /// texts of `moves` and was re-anchored.
    fn of(original: &Project, revised: &Project, moves: &BTreeMap<SourceId, Tracked>) -> Self {
        assert_eq!(
            revised.annotations.len(),
            original.annotations.len(),
            "none dropped"
        );
        let mut outcome = Outcome::default();
        for (id, before) in &original.annotations {
            let after = &revised.annotations[id];
            let text = &revised.source(&after.source).unwrap().text;
            let belongs = moves[&before.source].follow(&before.span());
            outcome.survived += usize::from(belongs.is_some());
            match (&belongs, after.unplaced) {
                (Some(span), false) if *span == after.span() => outcome.same += 1,
                (_, false) => outcome.wrong.push(format!(
                    "{id} {:?} now covers {:?} at {:?}, but belongs at {belongs:?}",
                    before.quote.exact,
                    text.slice(after.span()),
                    after.span()
                )),
                (Some(_), true) => outcome.lost += 1,
                (None, true) => outcome.flagged += 1,
            }
            if !after.unplaced {
                assert_eq!(text.slice(after.span()), after.quote.exact, "{id}");
            }
        }
        outcome
    }

    fn percent_same(&self) -> f64 {
        100.0 * self.same as f64 / self.survived.max(1) as f64
    }
}

/// Each report's revised version, with what its edits did to every position.
fn revisions(original: &Project) -> BTreeMap<SourceId, Tracked> {
    original
        .sources
        .iter()
        .map(|source| {
            let script = corpus_folder().join(format!("{}.edits", source.id));
            let tracked = revise(source.text.as_str(), &fs::read_to_string(script).unwrap());
            (source.id.clone(), tracked)
        })
        .collect()
}

#[test]
fn revised_sources_keep_their_annotations_on_the_same_words() {
    let original = original_project();
    // The project file as another program leaves it after replacing the texts with their
    // revised versions (the stored hashes now disagree with the texts).
    let mut revised = original.clone();
    let moves = revisions(&original);
    for source in &mut revised.sources {
        source.text = SourceText::new(moves[&source.id].text());
    }
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("revised.ron");
    fs::write(&path, store::to_ron(&revised)).unwrap();
    let loaded = store::load(&path).unwrap();
    let p = &loaded.project;

    let outcome = Outcome::of(&original, p, &moves);
    println!(
        "re-anchoring: {} annotations on {} revised reports; the words of {} survived the \
         edits, {} of them ({:.1}%) were placed on the same words and {} flagged unplaced; \
         the {} whose words were edited away were flagged unplaced; {} landed on other words",
        original.annotations.len(),
        p.sources.len(),
        outcome.survived,
        outcome.same,
        outcome.percent_same(),
        outcome.lost,
        outcome.flagged,
        outcome.wrong.len()
    );
    assert!(
        outcome.wrong.is_empty(),
        "moved onto other words:\n{}",
        outcome.wrong.join("\n")
    );
    assert!(
        outcome.same * 100 >= outcome.survived * 99,
        "only {} of {} annotations placed on their words",
        outcome.same,
        outcome.survived
    );
    assert!(original.annotations.len() >= 500);
    // Loading said what it did: each annotation it could not place has its note.
    let unplaced_notes = loaded
        .notes
        .iter()
        .filter(|n| matches!(n, LoadNote::Unplaced { .. }))
        .count();
    assert_eq!(unplaced_notes, outcome.lost + outcome.flagged);
    // Saved again, the repaired project loads without a note, the flags kept.
    store::save(p, &path).unwrap();
    let again = store::load(&path).unwrap();
    assert_eq!(again.notes, []);
    assert_eq!(&again.project, p);
}

/// Revising each source in the project (`parallax revise`, the window's *Revise text from a
/// file…*) places the annotations exactly as loading a file whose texts were changed does.
#[test]
fn revising_each_source_places_the_annotations_as_loading_does() {
    let original = original_project();
    let moves = revisions(&original);
    let mut revised = original.clone();
    for (id, tracked) in &moves {
        let revision = parallax::revise::revise(&revised, id, tracked.text(), None).unwrap();
        revision.command.apply(&mut revised).unwrap();
    }
    let outcome = Outcome::of(&original, &revised, &moves);
    assert!(outcome.wrong.is_empty(), "{}", outcome.wrong.join("\n"));
    assert!(outcome.same * 100 >= outcome.survived * 99);
    let mut changed_outside = original.clone();
    for source in &mut changed_outside.sources {
        source.text = SourceText::new(moves[&source.id].text());
    }
    store::check(&mut changed_outside);
    assert_eq!(revised.annotations, changed_outside.annotations);
}

impl Tracked {
    /// The code-point spans of the pieces `split` cuts the text into, keeping those `keep`
    /// accepts.
    fn pieces<'t>(
        text: &'t str,
        split: impl Fn(&'t str) -> Vec<(usize, &'t str)>,
        keep: impl Fn(&str) -> bool,
    ) -> Vec<Range<usize>> {
        split(text)
            .into_iter()
            .filter(|(_, piece)| keep(piece))
            .map(|(b, piece)| {
                let start = text[..b].chars().count();
                start..start + piece.chars().count()
            })
            .collect()
    }

    /// One random revision, as an editor makes them: a sentence cut, a new sentence of
    /// words from the report, a word changed, a typo made or a paragraph moved.
    fn random_edit(&mut self, rng: &mut Lcg, vocabulary: &[String]) {
        let text = self.text();
        let sentences = Self::pieces(
            &text,
            |t| t.split_sentence_bound_indices().collect(),
            |s| s.chars().any(char::is_alphabetic),
        );
        let words = Self::pieces(
            &text,
            |t| t.split_word_bound_indices().collect(),
            |w| w.chars().all(char::is_alphabetic),
        );
        let word = |rng: &mut Lcg| vocabulary[rng.below(vocabulary.len())].clone();
        match rng.below(5) {
            0 if sentences.len() > 3 => {
                let cut = &sentences[rng.below(sentences.len())];
                self.splice(cut.start, cut.len(), "");
            }
            1 => {
                let at = sentences[rng.below(sentences.len())].start;
                let mut sentence: Vec<String> = (0..4 + rng.below(10)).map(|_| word(rng)).collect();
                sentence[0] = format!("Meanwhile {}", sentence[0]);
                self.splice(at, 0, &format!("{}. ", sentence.join(" ")));
            }
            2 => {
                let changed = words[rng.below(words.len())].clone();
                let was: String = self.0[changed.clone()].iter().map(|(c, _)| c).collect();
                let new = word(rng);
                if new != was {
                    self.splice(changed.start, changed.len(), &new);
                }
            }
            3 => {
                let typo = &words[rng.below(words.len())];
                let at = typo.start + rng.below(typo.len());
                let wrong = if self.0[at].0 == 'x' { "q" } else { "x" };
                self.splice(at, 1, wrong);
            }
            _ => {
                let blanks = self.blank_lines();
                if blanks.len() >= 3 {
                    let moved = self.paragraph(blanks[rng.below(blanks.len())]);
                    let cut: Vec<_> = self.0.drain(moved).collect();
                    let to = self.paragraph_start(blanks[0].min(self.0.len() - 1));
                    let to = if rng.below(2) == 0 { to } else { self.0.len() };
                    self.0.splice(to..to, cut);
                }
            }
        }
    }
}

/// Random revisions of the corpus, checked the same way. Here the words can land on other
/// words, rarely: when a paragraph move puts, next to a repeated formula ("... of the
/// Armed Forces of Ukraine were handed over."), the very paragraph that followed another
/// copy of it, while the annotation's own surroundings were edited away. Over other seeds
/// that happens to about one annotation in 12,000; this seed has none, and the test allows
/// at most one in 5,000.
#[test]
fn random_revisions_almost_never_move_an_annotation_onto_other_words() {
    let original = original_project();
    let mut rng = Lcg(2025);
    let mut total = Outcome::default();
    let rounds = 40;
    for _ in 0..rounds {
        let mut revised = original.clone();
        let mut moves = BTreeMap::new();
        for source in &mut revised.sources {
            let text = source.text.as_str().to_string();
            let vocabulary: Vec<String> = text
                .unicode_words()
                .filter(|w| w.len() > 3)
                .map(str::to_string)
                .collect();
            let mut tracked = Tracked::new(&text);
            for _ in 0..1 + rng.below(12) {
                tracked.random_edit(&mut rng, &vocabulary);
            }
            source.text = SourceText::new(tracked.text());
            moves.insert(source.id.clone(), tracked);
        }
        // What loading does with the revised file.
        store::check(&mut revised);
        let outcome = Outcome::of(&original, &revised, &moves);
        total.survived += outcome.survived;
        total.same += outcome.same;
        total.lost += outcome.lost;
        total.flagged += outcome.flagged;
        total.wrong.extend(outcome.wrong);
    }
    println!(
        "random revisions: {rounds} rounds of 1 to 12 random edits per report; {} annotations \
         whose words survived, {} ({:.1}%) placed on the same words, {} flagged unplaced; {} \
         edited away and flagged; {} on other words",
        total.survived,
        total.same,
        total.percent_same(),
        total.lost,
        total.flagged,
        total.wrong.len()
    );
    assert!(
        total.wrong.len() * 5000 <= total.survived,
        "moved onto other words:\n{}",
        total.wrong.join("\n")
    );
    assert!(total.same * 100 >= total.survived * 98);
}
