//! Importing brat standoff annotations: each `NAME.ann` beside its `NAME.txt`.
//!
//! The annotations of `NAME.ann` go to the source with the id `NAME`. When the project
//! has that source, its text must equal `NAME.txt` (after [`super::normalise`]); when it
//! has not, `NAME.txt` is added as a new source at the end, so a brat export can be
//! imported into a new project.
//!
//! Offsets count code points of `NAME.txt` as it is on disk after decoding, without a
//! byte-order mark but with the CR of each CRLF, as brat counts them; they are moved onto
//! the normalised text.
//!
//! The mapping, line by line (fields separated by tabs, names case-insensitive):
//!
//! | line | meaning |
//! |------|---------|
//! | `T1 Actor 0 5 Putin` | an annotation tagged Actor, Claim or Date over `0..5`; the text after the tab must be the text there, line breaks written as spaces |
//! | `N1 Reference T1 parallax:ID Name` | links actor T1 to the entity `ID`, created (kind Other) with the name after the tab when the project lacks it |
//! | `N2 Reference T3 date:2025-06-01` | sets date T3's value: a day, month (`2025-06`), year (`2025`) or a range (`2025-05-20/2025-05-31`) |
//! | `N3 Reference T2 claim:ID Label` | puts claim T2 in the claim group `ID`, created with the label after the tab when missing |
//! | `N4 Reference T2 speaker:ID Name` | claim T2 was made by the entity `ID` (created when missing), which no actor in this text names |
//! | `N5 Reference T2 via:ID Name` | claim T2 came through the entity `ID`, likewise |
//! | `N6 Reference T2 credibility:2` | claim T2's credibility, 1 to 6 (what it means may follow the tab) |
//! | `R1 Speaker Arg1:T2 Arg2:T1` | claim T2 was made by the entity of actor T1 |
//! | `R2 Via Arg1:T2 Arg2:T4` | claim T2 came through the entity of actor T4 |
//! | `#1 AnnotatorNotes T1 text` | the note of T1; several `#` lines for one annotation are the lines of its note |
//! | `#2 AnnotatorNotes N1 text` | the memo of the entity or claim group N1 names, line by line likewise |
//! | `#3 AnnotatorNotes document text` | the source's memo, line by line likewise |
//! | `#4 Reliability document B` | the source's reliability, A to F |
//!
//! Memos and the reliability are given to the sources, entities and claim groups the
//! import creates; those the project has already keep their own, as they keep their
//! names. One entity or group given two different memos is an error.
//!
//! An actor named by `Speaker` or `Via` that has no `parallax:` link is linked to an
//! entity whose id is made from its text (`Dmitry Peskov` gives `dmitry-peskov`).
//!
//! Every other line kind (`E` events, `A` and `M` attributes, `*` equivalences), other
//! normalisation namespaces and discontinuous spans are errors, not skipped: skipping
//! would lose the analyst's work without telling. Empty lines are ignored. Annotations
//! get fresh random ids; entity and claim group ids come from the file.
//!
//! A malformed line is an error naming the file, line and column; every problem in every
//! file is reported, and nothing at all is imported while there is one.

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::{Path, PathBuf};

use super::decode::decode;
use super::{ImportError, normalise, read_limited};
use crate::anchor::SourceText;
use crate::edit::Command;
use crate::model::{
    Annotation, AnnotationId, ClaimGroup, ClaimGroupId, Credibility, DateValue, Entity, EntityId,
    EntityKind, Project, Reliability, Source, SourceId, Tag, TagKind, slug,
};
use crate::wording::shorten;

/// The target of the notes about the source itself, which brat has no annotation for.
pub const DOCUMENT: &str = "document";

/// Reads `.ann` files (each beside its `.txt`) and folders of them, and returns the
/// changes that add their annotations to `project` as one undoable step. The step has
/// been checked against `project`: it applies. A `.txt` that brings a new source is its
/// origin, stored as [`super::origin`] stores it for `project_file`.
pub fn import(
    project: &Project,
    project_file: Option<&Path>,
    paths: &[PathBuf],
) -> Result<Command, ImportError> {
    let files = ann_files(paths)?;
    let mut batch = Batch::new(project, project_file);
    let mut errors = Vec::new();
    for file in &files {
        if let Err(mut problems) = batch.add_file(file) {
            errors.append(&mut problems);
        }
    }
    if let Some(err) = ImportError::from_list(errors) {
        return Err(err);
    }
    batch.finish()
}

/// Reads the bytes of one `.ann` file against the bytes of its `.txt`, as if they were
/// the file `ann` and the `.txt` beside it, and returns the changes that add its
/// annotations to `project`, checked like [`import`]'s.
pub fn import_bytes(
    project: &Project,
    ann: &Path,
    ann_bytes: &[u8],
    txt_bytes: &[u8],
) -> Result<Command, ImportError> {
    let mut batch = Batch::new(project, None);
    let id = batch.source_id(ann)?;
    let txt = batch.text_file(id, ann.with_extension("txt"), txt_bytes)?;
    if let Err(problems) = batch.add_annotations(ann, ann_bytes, txt) {
        return Err(
            ImportError::from_list(problems).unwrap_or(ImportError::Empty {
                path: ann.to_path_buf(),
            }),
        );
    }
    batch.finish()
}

/// The `.ann` files named by `paths`: files as given, folders' `.ann` files by name.
fn ann_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, ImportError> {
    let mut files = Vec::new();
    let mut errors = Vec::new();
    for path in paths {
        if path.is_dir() {
            match folder_ann_files(path) {
                Ok(found) if found.is_empty() => errors.push(ImportError::File {
                    path: path.clone(),
                    problem:
                        "this folder holds no .ann files; give brat .ann files or folders of them"
                            .into(),
                }),
                Ok(found) => files.extend(found),
                Err(source) => errors.push(ImportError::Read {
                    path: path.clone(),
                    source,
                }),
            }
        } else if is_ann(path) {
            files.push(path.clone());
        } else {
            errors.push(ImportError::File {
                path: path.clone(),
                problem: "not a brat annotation file; give the .ann file (with its .txt beside it) or a folder of them".into(),
            });
        }
    }
    ImportError::from_list(errors).map_or(Ok(files), Err)
}

fn is_ann(path: &Path) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("ann"))
}

fn folder_ann_files(folder: &Path) -> std::io::Result<Vec<PathBuf>> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(folder)? {
        let path = entry?.path();
        if is_ann(&path) && path.is_file() {
            found.push(path);
        }
    }
    found.sort();
    Ok(found)
}

/// The changes an import collects, file by file.
struct Batch<'p> {
    project: &'p Project,
    /// The project's file, which new sources' origins are stored relative to.
    project_file: Option<&'p Path>,
    /// The `.ann` file that gave each source its annotations.
    filled: BTreeMap<SourceId, PathBuf>,
    new_sources: Vec<Source>,
    new_entities: BTreeMap<EntityId, Entity>,
    new_groups: BTreeMap<ClaimGroupId, ClaimGroup>,
    annotations: Vec<Annotation>,
    /// Where each new entity's or group's memo was read: file and line.
    memo_lines: HashMap<Named, (PathBuf, usize)>,
}

/// An entity or a claim group, as an `N` line names it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Named {
    Entity(EntityId),
    Group(ClaimGroupId),
}

impl<'p> Batch<'p> {
    fn new(project: &'p Project, project_file: Option<&'p Path>) -> Self {
        Self {
            project,
            project_file,
            filled: BTreeMap::new(),
            new_sources: Vec::new(),
            new_entities: BTreeMap::new(),
            new_groups: BTreeMap::new(),
            annotations: Vec::new(),
            memo_lines: HashMap::new(),
        }
    }

    /// The changes collected, as one step, once it is known to apply to the project.
    fn finish(self) -> Result<Command, ImportError> {
        let project = self.project;
        let command = self.into_command();
        command
            .clone()
            .apply(&mut project.clone())
            .map_err(ImportError::Rejected)?;
        Ok(command)
    }

    fn into_command(self) -> Command {
        let at = self.project.sources.len();
        let mut steps: Vec<Command> = self
            .new_sources
            .into_iter()
            .enumerate()
            .map(|(i, source)| Command::InsertSource {
                index: at + i,
                source,
            })
            .collect();
        steps.extend(self.new_entities.into_values().map(Command::PutEntity));
        steps.extend(self.new_groups.into_values().map(Command::PutClaimGroup));
        steps.extend(self.annotations.into_iter().map(Command::PutAnnotation));
        Command::Batch(steps)
    }

    /// Reads one `.ann` file and its `.txt`, adding what they hold to the batch.
    fn add_file(&mut self, ann: &Path) -> Result<(), Vec<ImportError>> {
        let txt = self.text_beside(ann).map_err(|e| vec![e])?;
        let bytes = read_limited(ann).map_err(|e| vec![e])?;
        self.add_annotations(ann, &bytes, txt)
    }

    /// Reads the bytes of an `.ann` file against its `.txt`, adding what they hold to the
    /// batch.
    fn add_annotations(
        &mut self,
        ann: &Path,
        bytes: &[u8],
        txt: TxtFile,
    ) -> Result<(), Vec<ImportError>> {
        let lines = decode(bytes, ann, false).map_err(|e| vec![e])?;
        let mut file = AnnFile {
            path: ann,
            txt: &txt,
            bounds: Vec::new(),
            by_id: HashMap::new(),
            named: HashMap::new(),
            memos: Vec::new(),
            document_notes: Vec::new(),
            reliability: None,
            errors: Vec::new(),
        };
        file.read(&normalise(&lines), self);
        if !file.errors.is_empty() {
            return Err(file.errors);
        }
        let memo = file.document_notes.join("\n");
        let reliability = file.reliability.map(|(grade, _)| grade);
        for bound in file.bounds {
            let mut annotation =
                Annotation::new(AnnotationId::random(), &txt.source, bound.span, bound.tag);
            annotation.note = bound.notes.join("\n");
            self.annotations.push(annotation);
        }
        if self.project.source(&txt.source.id).is_none() {
            let mut source = txt.source;
            source.memo = memo;
            source.reliability = reliability;
            self.new_sources.push(source);
        }
        Ok(())
    }

    /// Gives a memo to an entity or a group the import creates; refused when another
    /// line gave it another memo.
    fn give_memo(
        &mut self,
        named: &Named,
        memo: String,
        path: &Path,
        line: usize,
    ) -> Result<(), String> {
        let slot = match named {
            Named::Entity(id) => self.new_entities.get_mut(id).map(|e| &mut e.memo),
            Named::Group(id) => self.new_groups.get_mut(id).map(|g| &mut g.memo),
        };
        // One the project has keeps its own memo.
        let Some(slot) = slot else {
            return Ok(());
        };
        if let Some((earlier, at)) = self.memo_lines.get(named) {
            if *slot == memo {
                return Ok(());
            }
            let what = match named {
                Named::Entity(id) => format!("entity `{id}`"),
                Named::Group(id) => format!("claim group `{id}`"),
            };
            return Err(format!(
                "{what} was given another memo at {}:{at}; keep one",
                earlier.display()
            ));
        }
        *slot = memo;
        self.memo_lines
            .insert(named.clone(), (path.to_path_buf(), line));
        Ok(())
    }

    /// Reads the `.txt` beside an `.ann` file, with the source its annotations go to:
    /// the project's source named by the file, or a new one.
    fn text_beside(&mut self, ann: &Path) -> Result<TxtFile, ImportError> {
        let id = self.source_id(ann)?;
        let path = ann.with_extension("txt");
        if !path.is_file() {
            return Err(ImportError::File {
                path: ann.to_path_buf(),
                problem: format!(
                    "there is no {} beside it; brat keeps each document's text in a .txt file of the same name",
                    path.display()
                ),
            });
        }
        let bytes = read_limited(&path)?;
        self.text_file(id, path, &bytes)
    }

    /// The id of the source an `.ann` file's annotations go to, from its name; refused
    /// when the name is no valid id or another file of the batch has that source.
    fn source_id(&mut self, ann: &Path) -> Result<SourceId, ImportError> {
        let file_error = |problem: String| ImportError::File {
            path: ann.to_path_buf(),
            problem,
        };
        let stem = ann
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let id = SourceId::new(stem.as_str()).map_err(|err| {
            file_error(format!(
                "the file name gives the source id `{stem}`, which is not valid ({}); rename the .ann and .txt files",
                err.reason
            ))
        })?;
        if let Some(other) = self.filled.insert(id.clone(), ann.to_path_buf()) {
            return Err(file_error(format!(
                "{} gives annotations to source `{id}` already; import one of the two",
                other.display()
            )));
        }
        Ok(id)
    }

    /// Reads the bytes of the `.txt` at `path` into the source with the id `id`: the
    /// project's source, whose text must be the same, or a new one.
    fn text_file(&self, id: SourceId, path: PathBuf, bytes: &[u8]) -> Result<TxtFile, ImportError> {
        let raw = decode(bytes, &path, false)?;
        let text = normalise(&raw);
        if text.trim().is_empty() {
            return Err(ImportError::Empty { path });
        }
        let source = match self.project.source(&id) {
            Some(existing) => {
                check_same_text(existing, &text, &path)?;
                existing.clone()
            }
            None => {
                let title = id.to_string();
                let mut source = Source::new(id, title, text);
                source.origin = Some(super::origin(self.project_file, &path));
                source
            }
        };
        Ok(TxtFile {
            offsets: Offsets::new(&raw),
            raw: SourceText::new(raw),
            path,
            source,
        })
    }

    /// Makes sure the entity exists, creating it with `name` when it does not.
    fn ensure_entity(&mut self, id: &EntityId, name: &str) {
        if !self.project.entities.contains_key(id) && !self.new_entities.contains_key(id) {
            let entity = Entity::new(id.clone(), name, EntityKind::Other);
            self.new_entities.insert(id.clone(), entity);
        }
    }

    /// Makes sure the claim group exists, creating it with `label` when it does not.
    fn ensure_group(&mut self, id: &ClaimGroupId, label: &str) {
        if !self.project.claim_groups.contains_key(id) && !self.new_groups.contains_key(id) {
            let group = ClaimGroup {
                id: id.clone(),
                label: label.to_string(),
                memo: String::new(),
            };
            self.new_groups.insert(id.clone(), group);
        }
    }
}

/// The `.txt` of an `.ann` file, and the source its annotations go to.
struct TxtFile {
    path: PathBuf,
    /// The text as read, which brat's offsets count.
    raw: SourceText,
    offsets: Offsets,
    source: Source,
}

/// Moves offsets counted in a `.txt` as read (CRLF line ends and all) onto its
/// normalised text.
struct Offsets {
    /// Positions in the text as read of the characters normalisation removes.
    removed: Vec<usize>,
}

impl Offsets {
    fn new(raw: &str) -> Self {
        let mut removed = Vec::new();
        let mut chars = raw.chars().enumerate().peekable();
        let leading = raw.chars().take_while(|&c| c == '\u{FEFF}').count();
        while let Some((i, c)) = chars.next() {
            let gone =
                i < leading || (c == '\r' && chars.peek().is_some_and(|&(_, next)| next == '\n'));
            if gone {
                removed.push(i);
            }
        }
        Self { removed }
    }

    fn normalised(&self, raw: usize) -> usize {
        raw - self.removed.partition_point(|&r| r < raw)
    }
}

/// A T annotation as read, with what later lines say about it.
struct Bound {
    span: Range<usize>,
    /// Its text in the source.
    text: String,
    tag: Tag,
    /// One entry per `#` line, in file order; the note is their lines joined.
    notes: Vec<String>,
    /// The line of its `N` reference.
    reference_line: Option<usize>,
    speaker_line: Option<usize>,
    via_line: Option<usize>,
}

/// One line of an `.ann` file, split into its parts.
struct Line<'a> {
    number: usize,
    id: &'a str,
    /// The words between the first and second tab, each with its column.
    fields: Vec<(usize, &'a str)>,
    /// The column just after those words.
    fields_end: usize,
    /// What follows the second tab, and its column.
    text: Option<(usize, &'a str)>,
}

impl<'a> Line<'a> {
    fn parse(line: &'a str, number: usize) -> Result<Line<'a>, String> {
        let (id, rest) = line.split_once('\t').ok_or(
            "expected an id, a tab and the annotation, as in `T1<TAB>Actor 0 5<TAB>Putin`",
        )?;
        if id.trim().is_empty() {
            return Err("the line must start with an id such as T1, N1, R1 or #1".into());
        }
        let (middle, text) = match rest.split_once('\t') {
            Some((middle, text)) => (middle, Some(text)),
            None => (rest, None),
        };
        let first = id.chars().count() + 2;
        let mut fields = Vec::new();
        let mut word: Option<(usize, usize)> = None; // (byte, column)
        let mut column = first;
        for (byte, c) in middle.char_indices() {
            if c == ' ' {
                if let Some((start, at)) = word.take() {
                    fields.push((at, &middle[start..byte]));
                }
            } else if word.is_none() {
                word = Some((byte, column));
            }
            column += 1;
        }
        if let Some((start, at)) = word {
            fields.push((at, &middle[start..]));
        }
        Ok(Line {
            number,
            id,
            fields,
            fields_end: column,
            text: text.map(|t| (column + 1, t)),
        })
    }

    /// The column of the first field, or where it should be.
    fn first_column(&self) -> usize {
        self.fields.first().map_or(self.fields_end, |f| f.0)
    }
}

/// Which link of a claim a line sets.
#[derive(Clone, Copy)]
enum Role {
    Speaker,
    Via,
}

impl Role {
    fn label(self) -> &'static str {
        match self {
            Role::Speaker => "speaker",
            Role::Via => "via",
        }
    }
}

/// What an `N` line's reference sets, by its namespace.
#[derive(Clone, Copy)]
enum Link {
    /// `parallax:`, an actor's entity.
    Entity,
    /// `date:`, a date's value.
    Date,
    /// `claim:`, a claim's group.
    Group,
    /// `speaker:` and `via:`, a claim's links to entities no actor in the text names.
    Role(Role),
    /// `credibility:`, a claim's grade from 1 to 6.
    Credibility,
}

/// One `.ann` file being read.
struct AnnFile<'a> {
    path: &'a Path,
    txt: &'a TxtFile,
    bounds: Vec<Bound>,
    /// Where each T id is in `bounds`.
    by_id: HashMap<String, usize>,
    /// The entity or group each `N` id names.
    named: HashMap<String, Named>,
    /// The memos given on `N` lines: the `N` id, the line of its first note, and the
    /// memo's lines.
    memos: Vec<(String, usize, Vec<String>)>,
    /// The lines of the source's memo.
    document_notes: Vec<String>,
    /// The source's reliability, and its line.
    reliability: Option<(Reliability, usize)>,
    errors: Vec<ImportError>,
}

impl AnnFile<'_> {
    fn fail(&mut self, line: usize, column: Option<usize>, problem: impl Into<String>) {
        self.errors.push(ImportError::Line {
            path: self.path.to_path_buf(),
            line,
            column,
            problem: problem.into(),
        });
    }

    fn bound(&self, id: &str) -> Option<usize> {
        self.by_id.get(id).copied()
    }

    /// Reads every line: T lines first, then references, relations and notes, which
    /// may point at T lines further down.
    fn read(&mut self, text: &str, batch: &mut Batch<'_>) {
        let mut first_use: HashMap<&str, usize> = HashMap::new();
        let mut later: [Vec<Line<'_>>; 3] = Default::default();
        for (i, raw_line) in text.split('\n').enumerate() {
            let number = i + 1;
            if raw_line.trim().is_empty() {
                continue;
            }
            let line = match Line::parse(raw_line, number) {
                Ok(line) => line,
                Err(problem) => {
                    self.fail(number, None, problem);
                    continue;
                }
            };
            let kind = line.id.chars().next().unwrap_or(' ');
            if let Some(what) = unsupported_kind(kind) {
                self.fail(
                    number,
                    Some(1),
                    format!("`{kind}` lines ({what}) are not part of Parallax's brat mapping, which reads T, N, R and # lines; remove the line"),
                );
                continue;
            }
            if !matches!(kind, 'T' | 'N' | 'R' | '#') {
                self.fail(
                    number,
                    Some(1),
                    format!(
                        "`{}` is not a brat annotation id; ids start with T, N, R or #",
                        line.id
                    ),
                );
                continue;
            }
            if let Entry::Occupied(first) = first_use.entry(line.id) {
                self.fail(
                    number,
                    Some(1),
                    format!("the id `{}` is used twice (first on line {}); give each annotation its own id", line.id, first.get()),
                );
                continue;
            }
            first_use.insert(line.id, number);
            match kind {
                'T' => self.text_bound(&line),
                'N' => later[0].push(line),
                'R' => later[1].push(line),
                _ => later[2].push(line),
            }
        }
        let [references, relations, notes] = later;
        for line in &references {
            self.reference(line, batch);
        }
        for line in &relations {
            self.relation(line, batch);
        }
        for line in &notes {
            self.note(line);
        }
        for (target, line, lines) in std::mem::take(&mut self.memos) {
            let named = &self.named[&target];
            if let Err(problem) = batch.give_memo(named, lines.join("\n"), self.path, line) {
                self.fail(line, None, problem);
            }
        }
    }

    /// `T1<TAB>Actor 0 5<TAB>Putin`
    fn text_bound(&mut self, line: &Line<'_>) {
        let n = line.number;
        let Some((text_column, text)) = line.text else {
            return self.fail(
                n,
                Some(line.fields_end),
                "a T line needs the text it covers after a second tab, as in `T1<TAB>Actor 0 5<TAB>Putin`",
            );
        };
        if let Some(&(column, _)) = line.fields.iter().find(|(_, f)| f.contains(';')) {
            return self.fail(
                n,
                Some(column),
                "discontinuous spans are not supported; split the annotation into one T line per part",
            );
        }
        let &[
            (type_column, name),
            (start_column, start),
            (end_column, end),
        ] = &line.fields[..]
        else {
            return self.fail(
                n,
                Some(line.first_column()),
                "expected a type and two offsets, as in `Actor 0 5`",
            );
        };
        let Some(kind) = TagKind::parse(name) else {
            return self.fail(
                n,
                Some(type_column),
                format!("`{name}` is not a Parallax type; use Actor, Claim or Date"),
            );
        };
        let offset = |word: &str| word.parse::<usize>().ok();
        let (Some(start), Some(end)) = (offset(start), offset(end)) else {
            let (column, word) = if offset(start).is_none() {
                (start_column, start)
            } else {
                (end_column, end)
            };
            return self.fail(
                n,
                Some(column),
                format!("`{word}` is not an offset; offsets are numbers of characters"),
            );
        };
        if start >= end {
            return self.fail(
                n,
                Some(start_column),
                format!("the span {start}-{end} is empty or reversed"),
            );
        }
        let len = self.txt.raw.char_len();
        if end > len {
            return self.fail(
                n,
                Some(end_column),
                format!(
                    "the span ends at {end}, past the end of {} ({len} characters)",
                    self.txt.path.display()
                ),
            );
        }
        let found = self.txt.raw.slice(start..end).replace(['\r', '\n'], " ");
        if found != text {
            return self.fail(
                n,
                Some(text_column),
                format!(
                    "the text at {start}-{end} of {} is `{}`, not `{}`; offsets count characters (code points) from the start of the .txt file",
                    self.txt.path.display(),
                    shorten(&found, QUOTED_CHARS),
                    shorten(text, QUOTED_CHARS)
                ),
            );
        }
        let offsets = &self.txt.offsets;
        let span = offsets.normalised(start)..offsets.normalised(end);
        if let Err(problem) = self.txt.source.text.check_span(&span) {
            return self.fail(
                n,
                Some(start_column),
                format!("the span {start}-{end}: {problem}"),
            );
        }
        self.by_id.insert(line.id.to_string(), self.bounds.len());
        self.bounds.push(Bound {
            text: self.txt.source.text.slice(span.clone()).to_string(),
            span,
            tag: kind.empty_tag(),
            notes: Vec::new(),
            reference_line: None,
            speaker_line: None,
            via_line: None,
        });
    }

    /// `N1<TAB>Reference T1 parallax:putin<TAB>Vladimir Putin`, and `date:`, `claim:`,
    /// `speaker:` and `via:`.
    fn reference(&mut self, line: &Line<'_>, batch: &mut Batch<'_>) {
        let n = line.number;
        let expected =
            "expected `Reference T1 parallax:ENTITY_ID`, `date:VALUE` or `claim:GROUP_ID`";
        let &[
            (type_column, name),
            (target_column, target),
            (value_column, reference),
        ] = &line.fields[..]
        else {
            return self.fail(n, Some(line.first_column()), expected);
        };
        if !name.eq_ignore_ascii_case("Reference") {
            return self.fail(
                n,
                Some(type_column),
                format!("`{name}` is not a normalisation type; brat writes `Reference`"),
            );
        }
        let Some(index) = self.bound(target) else {
            return self.missing(n, target_column, target);
        };
        let Some((namespace, value)) = reference.split_once(':') else {
            return self.fail(n, Some(value_column), expected);
        };
        let link = match namespace.to_ascii_lowercase().as_str() {
            "parallax" => Link::Entity,
            "date" => Link::Date,
            "claim" => Link::Group,
            "speaker" => Link::Role(Role::Speaker),
            "via" => Link::Role(Role::Via),
            "credibility" => Link::Credibility,
            _ => {
                return self.fail(
                    n,
                    Some(value_column),
                    format!("`{namespace}:` references are not part of Parallax's brat mapping; use parallax:ENTITY_ID for actors, date:VALUE for dates, and claim:GROUP_ID, speaker:ENTITY_ID or via:ENTITY_ID for claims"),
                );
            }
        };
        let wanted = match link {
            Link::Entity => TagKind::Actor,
            Link::Date => TagKind::Date,
            Link::Group | Link::Role(_) | Link::Credibility => TagKind::Claim,
        };
        let bound = &self.bounds[index];
        if bound.tag.kind() != wanted {
            let problem = format!(
                "`{namespace}:` is for {} annotations, but {target} is tagged {}",
                wanted.label(),
                bound.tag.kind().label()
            );
            return self.fail(n, Some(value_column), problem);
        }
        let value_column = value_column + namespace.chars().count() + 1;
        let label = line.text.map(|(_, t)| t.trim()).filter(|t| !t.is_empty());
        if !matches!(link, Link::Role(_) | Link::Credibility)
            && let Some(first) = bound.reference_line
        {
            return self.fail(
                n,
                Some(target_column),
                format!("{target} has a reference already (line {first}); keep one"),
            );
        }
        let named = &mut self.named;
        let linked = match link {
            Link::Entity => EntityId::new(value).map(|id| {
                batch.ensure_entity(&id, label.unwrap_or(bound.text.trim()));
                named.insert(line.id.to_string(), Named::Entity(id.clone()));
                Tag::Actor { entity: Some(id) }
            }),
            Link::Group => ClaimGroupId::new(value).map(|id| {
                batch.ensure_group(&id, label.unwrap_or(value));
                named.insert(line.id.to_string(), Named::Group(id.clone()));
                let mut tag = bound.tag.clone();
                if let Tag::Claim { group, .. } = &mut tag {
                    *group = Some(id);
                }
                tag
            }),
            Link::Date => match value.parse::<DateValue>() {
                Ok(value) => Ok(Tag::Date { value: Some(value) }),
                Err(err) => return self.fail(n, Some(value_column), err.to_string()),
            },
            Link::Credibility => {
                return match value.parse::<Credibility>() {
                    Ok(grade) => self.grade_claim(n, target_column, index, target, grade),
                    Err(why) => self.fail(n, Some(value_column), why),
                };
            }
            Link::Role(role) => {
                return match EntityId::new(value) {
                    Ok(id) => {
                        batch.ensure_entity(&id, label.unwrap_or(value));
                        named.insert(line.id.to_string(), Named::Entity(id.clone()));
                        self.link_claim(n, target_column, index, target, role, id);
                    }
                    Err(err) => self.fail(n, Some(value_column), err.to_string()),
                };
            }
        };
        match linked {
            Ok(tag) => {
                let bound = &mut self.bounds[index];
                bound.tag = tag;
                bound.reference_line = Some(n);
            }
            Err(err) => self.fail(n, Some(value_column), err.to_string()),
        }
    }

    /// Sets a claim's credibility, refusing a second one.
    fn grade_claim(
        &mut self,
        line: usize,
        column: usize,
        index: usize,
        target: &str,
        grade: Credibility,
    ) {
        let Tag::Claim { credibility, .. } = &mut self.bounds[index].tag else {
            return;
        };
        if let Some(earlier) = credibility {
            let problem = format!("{target} has a credibility already ({earlier}); keep one");
            return self.fail(line, Some(column), problem);
        }
        *credibility = Some(grade);
    }

    /// Sets a claim's speaker or via, refusing a second one.
    fn link_claim(
        &mut self,
        line: usize,
        column: usize,
        index: usize,
        target: &str,
        role: Role,
        entity: EntityId,
    ) {
        let bound = &mut self.bounds[index];
        let (slot, earlier) = match (&mut bound.tag, role) {
            (Tag::Claim { speaker, .. }, Role::Speaker) => (speaker, &mut bound.speaker_line),
            (Tag::Claim { via, .. }, Role::Via) => (via, &mut bound.via_line),
            _ => return,
        };
        if let Some(first) = *earlier {
            let problem = format!(
                "{target} has a {} already (line {first}); keep one",
                role.label()
            );
            return self.fail(line, Some(column), problem);
        }
        *slot = Some(entity);
        *earlier = Some(line);
    }

    /// `R1<TAB>Speaker Arg1:T2 Arg2:T1` and `Via`.
    fn relation(&mut self, line: &Line<'_>, batch: &mut Batch<'_>) {
        let n = line.number;
        let expected = "expected a relation and two arguments, as in `Speaker Arg1:T2 Arg2:T1`";
        let &[(name_column, name), first, second] = &line.fields[..] else {
            return self.fail(n, Some(line.first_column()), expected);
        };
        let role = match name.to_ascii_lowercase().as_str() {
            "speaker" => Role::Speaker,
            "via" => Role::Via,
            _ => {
                return self.fail(
                    n,
                    Some(name_column),
                    format!("`{name}` is not a Parallax relation; use Speaker or Via"),
                );
            }
        };
        let argument = |(column, word): (usize, &str), wanted: &str| {
            word.split_once(':')
                .filter(|(role, _)| role.eq_ignore_ascii_case(wanted))
                .map(|(role, target)| (column + role.chars().count() + 1, target.to_string()))
        };
        let (claim, actor) = match (argument(first, "Arg1"), argument(second, "Arg2")) {
            (Some(a), Some(b)) => (a, b),
            _ => match (argument(second, "Arg1"), argument(first, "Arg2")) {
                (Some(a), Some(b)) => (a, b),
                _ => return self.fail(n, Some(first.0), expected),
            },
        };
        let Some(claim_index) = self.bound(&claim.1) else {
            return self.missing(n, claim.0, &claim.1);
        };
        let Some(actor_index) = self.bound(&actor.1) else {
            return self.missing(n, actor.0, &actor.1);
        };
        let claim_kind = self.bounds[claim_index].tag.kind();
        if claim_kind != TagKind::Claim {
            return self.fail(
                n,
                Some(claim.0),
                format!(
                    "Arg1 of {name} must be a claim, but {} is tagged {}",
                    claim.1,
                    claim_kind.label()
                ),
            );
        }
        let actor_bound = &self.bounds[actor_index];
        let Tag::Actor { entity } = &actor_bound.tag else {
            let kind = actor_bound.tag.kind().label();
            return self.fail(
                n,
                Some(actor.0),
                format!(
                    "Arg2 of {name} must be an actor, but {} is tagged {kind}",
                    actor.1
                ),
            );
        };
        let entity = match entity {
            Some(entity) => entity.clone(),
            None => {
                let name = actor_bound.text.trim().to_string();
                let id = slug(&name)
                    .and_then(|s| EntityId::new(s).ok())
                    .unwrap_or_else(EntityId::random);
                batch.ensure_entity(&id, &name);
                self.bounds[actor_index].tag = Tag::Actor {
                    entity: Some(id.clone()),
                };
                id
            }
        };
        self.link_claim(n, name_column, claim_index, &claim.1, role, entity);
    }

    /// `#1<TAB>AnnotatorNotes T1<TAB>note text`, a note on an annotation; on an `N` line,
    /// the memo of the entity or group it names; on `document`, the source's memo; and
    /// `#2<TAB>Reliability document<TAB>B`.
    fn note(&mut self, line: &Line<'_>) {
        let n = line.number;
        let &[(type_column, name), (target_column, target)] = &line.fields[..] else {
            return self.fail(
                n,
                Some(line.first_column()),
                "expected `AnnotatorNotes T1` and the note after a tab",
            );
        };
        let text = line.text.map_or("", |(_, t)| t);
        if name.eq_ignore_ascii_case("Reliability") {
            if target != DOCUMENT {
                return self.fail(
                    n,
                    Some(target_column),
                    format!("a reliability is the source's: write `Reliability {DOCUMENT}`"),
                );
            }
            let column = line.text.map(|(column, _)| column);
            return match (text.parse::<Reliability>(), self.reliability) {
                (Err(why), _) => self.fail(n, column, why),
                (Ok(_), Some((_, first))) => self.fail(
                    n,
                    Some(1),
                    format!("the source has a reliability already (line {first}); keep one"),
                ),
                (Ok(grade), None) => self.reliability = Some((grade, n)),
            };
        }
        if !name.eq_ignore_ascii_case("AnnotatorNotes") {
            return self.fail(
                n,
                Some(type_column),
                format!(
                    "`{name}` is not a note type; brat writes `AnnotatorNotes` (and Parallax \
                     `Reliability {DOCUMENT}`)"
                ),
            );
        }
        if target == DOCUMENT {
            self.document_notes.push(text.to_string());
        } else if let Some(index) = self.bound(target) {
            self.bounds[index].notes.push(text.to_string());
        } else if self.named.contains_key(target) {
            match self.memos.iter_mut().find(|(id, ..)| id == target) {
                Some((.., lines)) => lines.push(text.to_string()),
                None => self
                    .memos
                    .push((target.to_string(), n, vec![text.to_string()])),
            }
        } else {
            self.fail(
                n,
                Some(target_column),
                format!(
                    "`{target}` is neither a T annotation nor an N line naming an entity or \
                     claim group in this file, so it cannot take a note; notes go on those or \
                     on `{DOCUMENT}`"
                ),
            );
        }
    }

    fn missing(&mut self, line: usize, column: usize, target: &str) {
        self.fail(
            line,
            Some(column),
            format!("there is no T annotation `{target}` in this file"),
        );
    }
}

/// What a brat line kind outside Parallax's mapping holds.
fn unsupported_kind(kind: char) -> Option<&'static str> {
    match kind {
        'E' => Some("events"),
        'A' | 'M' => Some("attributes"),
        '*' => Some("equivalences"),
        _ => None,
    }
}

/// How many characters of a text a message quotes before it cuts the rest.
const QUOTED_CHARS: usize = 60;

/// Refuses a `.txt` whose text differs from the project's source of the same id, naming
/// the first place where they differ.
fn check_same_text(existing: &Source, text: &str, txt: &Path) -> Result<(), ImportError> {
    if existing.text.as_str() == text {
        return Ok(());
    }
    let common: String = existing
        .text
        .as_str()
        .chars()
        .zip(text.chars())
        .take_while(|(a, b)| a == b)
        .map(|(a, _)| a)
        .collect();
    let line = common.matches('\n').count() + 1;
    let column = common.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Err(ImportError::Line {
        path: txt.to_path_buf(),
        line,
        column: Some(column),
        problem: format!(
            "this text differs from source `{}` in the project from here on; brat annotations can only be added to the same text: import into another project, or rename the .ann and .txt files to make a new source",
            existing.id
        ),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::edit::History;

    fn fixture_folder() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/import/brat")
    }

    fn eid(id: &str) -> EntityId {
        EntityId::new(id).unwrap()
    }

    fn sid(id: &str) -> SourceId {
        SourceId::new(id).unwrap()
    }

    /// Writes `NAME.txt` and `NAME.ann` into a folder and returns the `.ann` path.
    fn pair(dir: &Path, name: &str, txt: &[u8], ann: &str) -> PathBuf {
        std::fs::write(dir.join(format!("{name}.txt")), txt).unwrap();
        let path = dir.join(format!("{name}.ann"));
        std::fs::write(&path, ann).unwrap();
        path
    }

    /// Imports into `project` and applies the result, as the command line does.
    fn apply(project: &mut Project, paths: &[PathBuf]) -> Result<(), ImportError> {
        let command = import(project, None, paths)?;
        command.apply(project).expect("a checked import applies");
        Ok(())
    }

    /// The annotation over the given quoted words.
    fn quoted<'a>(project: &'a Project, words: &str) -> &'a Annotation {
        let found: Vec<&Annotation> = project
            .annotations
            .values()
            .filter(|a| a.quote.exact == words)
            .collect();
        assert_eq!(found.len(), 1, "one annotation quoting `{words}`");
        found[0]
    }

    #[test]
    fn every_line_kind_of_a_hand_written_file() {
        let mut project = Project::new("call");
        apply(&mut project, &[fixture_folder().join("kremlin.ann")]).unwrap();

        let source = project
            .source(&sid("kremlin"))
            .expect("the .txt became a source");
        assert_eq!(source.title, "kremlin");
        assert!(source.text.as_str().starts_with("🇷🇺 Vladimir Putin"));
        assert_eq!(project.annotations.len(), 7);
        assert!(project.annotations.values().all(|a| a.source == source.id));

        // Offsets count code points: the flag is two of them, eight bytes.
        let putin = quoted(&project, "Vladimir Putin");
        assert_eq!(putin.span(), 3..17);
        assert_eq!(
            putin.tag,
            Tag::Actor {
                entity: Some(eid("putin"))
            }
        );
        assert_eq!(putin.note, "");

        let leo = quoted(&project, "Pope Leo");
        assert_eq!(
            leo.tag,
            Tag::Actor {
                entity: Some(eid("leo-xiv"))
            }
        );
        assert_eq!(leo.note, "Leo XIV, elected in May 2025");

        let wednesday = quoted(&project, "Wednesday (June 4)");
        assert_eq!(
            wednesday.tag,
            Tag::Date {
                value: Some("2025-06-04".parse().unwrap())
            }
        );

        let kremlin = quoted(&project, "the Kremlin");
        assert_eq!(kremlin.tag, Tag::Actor { entity: None });

        // Peskov has no parallax: link; being named by Via links him to a new entity.
        let peskov = quoted(&project, "Dmitry Peskov");
        assert_eq!(
            peskov.tag,
            Tag::Actor {
                entity: Some(eid("dmitry-peskov"))
            }
        );

        let gesture = quoted(&project, "a gesture that would promote peace");
        assert_eq!(
            gesture.tag,
            Tag::Claim {
                speaker: Some(eid("putin")),
                via: Some(eid("dmitry-peskov")),
                group: Some(ClaimGroupId::new("gesture").unwrap()),
                credibility: None,
            }
        );
        assert_eq!(gesture.note, "Worded differently in the Vatican's report");

        let late_may = quoted(&project, "late May");
        assert_eq!(
            late_may.tag,
            Tag::Date {
                value: Some("2025-05-20/2025-05-31".parse().unwrap())
            }
        );

        let names: Vec<(&str, &str, EntityKind)> = project
            .entities
            .values()
            .map(|e| (e.id.as_str(), e.name.as_str(), e.kind))
            .collect();
        assert_eq!(
            names,
            [
                ("dmitry-peskov", "Dmitry Peskov", EntityKind::Other),
                ("leo-xiv", "Pope Leo XIV", EntityKind::Other),
                ("putin", "Vladimir Putin", EntityKind::Other),
            ]
        );
        let group = &project.claim_groups[&ClaimGroupId::new("gesture").unwrap()];
        assert_eq!(group.label, "The call was a gesture for peace");
    }

    #[test]
    fn an_import_is_one_undoable_step() {
        let mut project = Project::new("call");
        let before = project.clone();
        let command = import(&project, None, &[fixture_folder()]).unwrap();
        let Command::Batch(steps) = &command else {
            panic!("an import is a batch");
        };
        assert!(matches!(steps[0], Command::InsertSource { index: 0, .. }));
        let mut history = History::default();
        history.apply(&mut project, command, "import brat").unwrap();
        assert_eq!(project.annotations.len(), 7);
        history.undo(&mut project);
        assert_eq!(project, before);
    }

    #[test]
    fn annotations_go_to_an_existing_source_with_the_same_text() {
        let text = std::fs::read_to_string(fixture_folder().join("kremlin.txt")).unwrap();
        let mut project = Project::new("call");
        project
            .sources
            .push(Source::new(sid("other"), "Other", "Other text."));
        project.sources.push(Source::new(
            sid("kremlin"),
            "Kremlin readout",
            text.as_str(),
        ));
        // An entity the project has keeps its name.
        let putin = Entity::new(eid("putin"), "Putin", EntityKind::Person);
        project.entities.insert(putin.id.clone(), putin.clone());
        let command = import(&project, None, &[fixture_folder()]).unwrap();
        let Command::Batch(steps) = &command else {
            unreachable!()
        };
        assert!(
            !steps
                .iter()
                .any(|s| matches!(s, Command::InsertSource { .. }))
        );
        assert!(
            !steps
                .iter()
                .any(|s| matches!(s, Command::PutEntity(e) if e.id == putin.id))
        );
        command.apply(&mut project).unwrap();
        assert_eq!(project.sources.len(), 2);
        assert_eq!(project.sources[1].title, "Kremlin readout");
        assert_eq!(project.entities[&putin.id], putin);
        assert_eq!(quoted(&project, "Vladimir Putin").source, sid("kremlin"));
    }

    #[test]
    fn a_different_text_is_refused_where_it_differs() {
        let mut project = Project::new("call");
        let text = std::fs::read_to_string(fixture_folder().join("kremlin.txt")).unwrap();
        let changed = text.replace("Spokesman", "Spokesperson");
        project
            .sources
            .push(Source::new(sid("kremlin"), "K", changed));
        let err = import(&project, None, &[fixture_folder()]).unwrap_err();
        match &err {
            ImportError::Line {
                path, line, column, ..
            } => {
                assert!(path.ends_with("kremlin.txt"));
                assert_eq!((*line, *column), (2, Some(7)));
            }
            other => panic!("{other}"),
        }
        assert!(
            err.to_string().contains("differs from source `kremlin`"),
            "{err}"
        );
    }

    #[test]
    fn crlf_and_emoji_offsets_count_code_points_of_the_file() {
        let dir = tempfile::tempdir().unwrap();
        // brat counts the CR of each CRLF (not the byte-order mark); the source's text
        // has LF only.
        let txt = "\u{FEFF}Line one 👩‍👩‍👧\r\nPutin said\r\n\r\nit was \"a gesture\".\r\n";
        let ann = "T1\tActor 16 21\tPutin\nT2\tClaim 38 47\ta gesture\nT3\tClaim 9 21\t👩‍👩‍👧  Putin\n";
        let path = pair(dir.path(), "crlf", txt.as_bytes(), ann);
        let mut project = Project::new("t");
        apply(&mut project, &[path]).unwrap();
        let source = project.source(&sid("crlf")).unwrap();
        assert_eq!(
            source.text.as_str(),
            "Line one 👩‍👩‍👧\nPutin said\n\nit was \"a gesture\".\n"
        );
        assert_eq!(quoted(&project, "Putin").span(), 15..20);
        assert_eq!(quoted(&project, "a gesture").span(), 35..44);
        // A span across a line end: its text in the .ann shows the CRLF as two spaces.
        assert_eq!(quoted(&project, "👩‍👩‍👧\nPutin").span(), 9..20);
    }

    #[test]
    fn malformed_lines_are_named_by_line_and_column() {
        let txt = "Putin spoke to 🇻🇦 Leo on Wednesday.";
        let head = "T1\tActor 0 5\tPutin\nT2\tClaim 6 11\tspoke\nT3\tDate 25 34\tWednesday\n";
        // (line 4 of the file, where its problem is, what the message says)
        #[rustfmt::skip]
        let cases: &[(&str, Option<usize>, &str)] = &[
            ("T9 Actor 0 5 Putin", None, "expected an id, a tab"),
            ("\tActor 0 5\tPutin", None, "must start with an id"),
            ("T9\tActor 0 5", Some(13), "needs the text it covers"),
            ("T9\tEvent 0 5\tPutin", Some(4), "`Event` is not a Parallax type"),
            ("T9\tActor 0 2;3 5\tPutin", Some(12), "discontinuous spans"),
            ("T9\tActor 0\tPutin", Some(4), "a type and two offsets"),
            ("T9\tActor x 5\tPutin", Some(10), "`x` is not an offset"),
            ("T9\tActor 5 5\tPutin", Some(10), "empty or reversed"),
            ("T9\tActor 30 99\tPutin", Some(13), "past the end"),
            ("T9\tActor 0 5\tPutim", Some(14), "is `Putin`, not `Putim`"),
            ("T9\tActor 15 16\t🇻", Some(10), "splits a character"),
            ("T1\tActor 0 5\tPutin", Some(1), "`T1` is used twice (first on line 1)"),
            ("N1\tReference T1 wikipedia:Q7747", Some(17), "`wikipedia:` references are not part"),
            ("N1\tReference T2 parallax:putin", Some(17), "`parallax:` is for Actor annotations, but T2 is tagged Claim"),
            ("N1\tReference T9 parallax:putin", Some(14), "no T annotation `T9`"),
            ("N1\tReference T3 date:June", Some(22), "`June` is not a date value"),
            ("N1\tReference T1 parallax:-x", Some(26), "`-x` is not a valid id"),
            ("N1\tReference T2 claim:has/slash", Some(23), "is not a valid id"),
            ("N1\tNorm T1 parallax:putin", Some(4), "`Norm` is not a normalisation type"),
            ("N1\tReference T1 putin", Some(17), "expected `Reference T1 parallax:ENTITY_ID`"),
            ("R1\tCites Arg1:T2 Arg2:T1", Some(4), "`Cites` is not a Parallax relation"),
            ("R1\tSpeaker Arg1:T1 Arg2:T1", Some(17), "Arg1 of Speaker must be a claim, but T1 is tagged Actor"),
            ("R1\tVia Arg1:T2 Arg2:T3", Some(21), "Arg2 of Via must be an actor, but T3 is tagged Date"),
            ("R1\tSpeaker Arg1:T2", Some(4), "a relation and two arguments"),
            ("R1\tSpeaker From:T2 To:T1", Some(12), "a relation and two arguments"),
            ("R1\tSpeaker Arg1:T2 Arg2:T7", Some(25), "no T annotation `T7`"),
            ("#1\tComment T1\tnote", Some(4), "`Comment` is not a note type"),
            ("#1\tAnnotatorNotes R1\tnote", Some(19), "`R1` is neither a T annotation nor"),
            ("#1\tAnnotatorNotes N7\tmemo", Some(19), "`N7` is neither a T annotation nor"),
            ("#1\tReliability T1\tB", Some(16), "a reliability is the source's"),
            ("#1\tReliability document\tG", Some(25), "`G` is not a reliability grade"),
            ("E1\tSpeech:T2 Agent:T1", Some(1), "`E` lines (events) are not part"),
            ("A1\tNegated T2", Some(1), "`A` lines (attributes)"),
            ("M1\tConfidence T2 High", Some(1), "`M` lines (attributes)"),
            ("*\tEquiv T1 T3", Some(1), "`*` lines (equivalences)"),
            ("X1\tActor 0 5\tPutin", Some(1), "`X1` is not a brat annotation id"),
        ];
        let dir = tempfile::tempdir().unwrap();
        for (i, (line, column, wanted)) in cases.iter().enumerate() {
            let path = pair(
                dir.path(),
                &format!("case{i}"),
                txt.as_bytes(),
                &format!("{head}{line}\n"),
            );
            let project = Project::new("t");
            let err = import(&project, None, std::slice::from_ref(&path)).unwrap_err();
            let ImportError::Line {
                path: at,
                line: n,
                column: c,
                problem,
            } = &err
            else {
                panic!("{line:?}: {err}");
            };
            assert_eq!(at, &path, "{line:?}");
            assert_eq!((*n, c), (4, column), "{line:?}: {err}");
            assert!(problem.contains(wanted), "{line:?}: {err}");
            assert!(
                err.to_string()
                    .starts_with(&format!("{}:4:", path.display())),
                "{err}"
            );
        }
    }

    #[test]
    fn memos_and_a_reliability_go_to_what_the_import_creates() {
        let dir = tempfile::tempdir().unwrap();
        let memo = "Named in\tboth — مرحبا 👩\u{200d}👧";
        let wire = pair(
            dir.path(),
            "wire",
            b"Putin spoke.",
            &format!(
                "T1\tActor 0 5\tPutin\nN1\tReference T1 parallax:putin\tPutin\n\
                 #1\tAnnotatorNotes N1\t{memo}\n#2\tAnnotatorNotes N1\t\n\
                 #3\tReliability document\tc\n#4\tAnnotatorNotes document\tAgency copy\n"
            ),
        );
        let radio = pair(
            dir.path(),
            "radio",
            b"Putin called.",
            &format!(
                "T1\tActor 0 5\tPutin\nN1\tReference T1 parallax:putin\tPutin\n\
                 #1\tAnnotatorNotes N1\t{memo}\n#2\tAnnotatorNotes N1\t\n"
            ),
        );
        let mut project = Project::new("t");
        apply(&mut project, &[wire.clone(), radio.clone()]).unwrap();
        assert_eq!(project.entities[&eid("putin")].memo, format!("{memo}\n"));
        let wire_source = project.source(&sid("wire")).unwrap();
        assert_eq!(wire_source.reliability, Some(Reliability::C));
        assert_eq!(wire_source.memo, "Agency copy");
        let radio_source = project.source(&sid("radio")).unwrap();
        assert_eq!(
            (radio_source.reliability, radio_source.memo.as_str()),
            (None, "")
        );
        // Into a project that has them, the source and the entity keep their own.
        let mut again = Project::new("t");
        again
            .sources
            .push(Source::new(sid("wire"), "Wire", "Putin spoke."));
        let mut putin = Entity::new(eid("putin"), "Putin", EntityKind::Person);
        putin.memo = "Our own memo".into();
        again.entities.insert(putin.id.clone(), putin.clone());
        apply(&mut again, std::slice::from_ref(&wire)).unwrap();
        assert_eq!(again.entities[&putin.id], putin);
        let kept = again.source(&sid("wire")).unwrap();
        assert_eq!((kept.reliability, kept.memo.as_str()), (None, ""));
        // Two different memos for one entity, or two grades for one source, are refused.
        let other = pair(
            dir.path(),
            "other",
            b"Putin left.",
            "T1\tActor 0 5\tPutin\nN1\tReference T1 parallax:putin\n\
             #1\tAnnotatorNotes N1\tAnother memo\n\
             #2\tReliability document\tA\n#3\tReliability document\tB\n",
        );
        let err = import(&Project::new("t"), None, &[wire, other]).unwrap_err();
        let problems: Vec<String> = err.problems().iter().map(|p| p.to_string()).collect();
        assert_eq!(problems.len(), 2, "{err}");
        assert!(
            problems.iter().any(|p| p.contains("other.ann:3")
                && p.contains("entity `putin` was given another memo at")
                && p.contains("wire.ann:3")),
            "{err}"
        );
        assert!(
            problems
                .iter()
                .any(|p| p.contains("other.ann:5:1") && p.contains("reliability already (line 4)")),
            "{err}"
        );
    }

    #[test]
    fn links_may_be_given_only_once() {
        let dir = tempfile::tempdir().unwrap();
        let ann = "T1\tActor 0 5\tPutin\nT2\tClaim 6 11\tspoke\n\
                   N1\tReference T1 parallax:putin\nN2\tReference T1 parallax:vvp\n\
                   R1\tSpeaker Arg1:T2 Arg2:T1\nR2\tSpeaker Arg1:T2 Arg2:T1\n";
        let path = pair(dir.path(), "twice", b"Putin spoke.", ann);
        let err = import(&Project::new("t"), None, &[path]).unwrap_err();
        let problems: Vec<String> = err.problems().iter().map(|p| p.to_string()).collect();
        assert_eq!(problems.len(), 2, "{err}");
        assert!(
            problems[0].contains(":4:14: T1 has a reference already (line 3)"),
            "{err}"
        );
        assert!(
            problems[1].contains(":6:4: T2 has a speaker already (line 5)"),
            "{err}"
        );
    }

    #[test]
    fn references_may_point_down_the_file_and_names_fall_back_to_the_text() {
        let dir = tempfile::tempdir().unwrap();
        let ann = "#1\tAnnotatorNotes T1\tfirst\nR1\tSpeaker Arg1:T2 Arg2:T1\n\
                   N1\tReference T1 parallax:putin\nN2\tReference T2 claim:call\n\
                   #2\tAnnotatorNotes T1\t\n#3\tAnnotatorNotes T1\tthird \n\n\nT1\tActor 0 5\tPutin\nT2\tClaim 6 11\tspoke";
        let path = pair(dir.path(), "order", b"Putin spoke.", ann);
        let mut project = Project::new("t");
        apply(&mut project, &[path]).unwrap();
        let putin = quoted(&project, "Putin");
        assert_eq!(
            putin.tag,
            Tag::Actor {
                entity: Some(eid("putin"))
            }
        );
        assert_eq!(putin.note, "first\n\nthird ");
        assert_eq!(project.entities[&eid("putin")].name, "Putin");
        let group = ClaimGroupId::new("call").unwrap();
        assert_eq!(project.claim_groups[&group].label, "call");
        assert_eq!(
            quoted(&project, "spoke").tag,
            Tag::Claim {
                speaker: Some(eid("putin")),
                via: None,
                group: Some(group),
                credibility: None
            }
        );
    }

    #[test]
    fn claims_may_name_a_speaker_and_via_that_no_actor_mentions() {
        let dir = tempfile::tempdir().unwrap();
        let ann = "T1\tClaim 0 12\tPeace talks.\n\
                   N1\tReference T1 speaker:putin\tVladimir Putin\n\
                   N2\tReference T1 VIA:tass\n\
                   N3\tReference T1 claim:talks\tTalks\n\
                   N4\tReference T1 speaker:kremlin\n";
        let path = pair(dir.path(), "claims", b"Peace talks.", ann);
        let err = import(&Project::new("t"), None, std::slice::from_ref(&path)).unwrap_err();
        assert!(
            err.to_string()
                .ends_with(":5:14: T1 has a speaker already (line 2); keep one"),
            "{err}"
        );
        let ann = ann.replace("N4\tReference T1 speaker:kremlin\n", "");
        std::fs::write(&path, ann).unwrap();
        let mut project = Project::new("t");
        apply(&mut project, &[path]).unwrap();
        assert_eq!(
            quoted(&project, "Peace talks.").tag,
            Tag::Claim {
                speaker: Some(eid("putin")),
                via: Some(eid("tass")),
                group: Some(ClaimGroupId::new("talks").unwrap()),
                credibility: None,
            }
        );
        assert_eq!(project.entities[&eid("putin")].name, "Vladimir Putin");
        assert_eq!(project.entities[&eid("tass")].name, "tass");
    }

    #[test]
    fn nothing_is_imported_while_any_file_has_an_error() {
        let dir = tempfile::tempdir().unwrap();
        pair(
            dir.path(),
            "good",
            b"Putin spoke.",
            "T1\tActor 0 5\tPutin\n",
        );
        pair(
            dir.path(),
            "bad",
            b"Putin spoke.",
            "T1\tActor 0 5\tPutin\nT2\tEvent 6 11\tspoke\nT3\tActor 0 99\tx\n",
        );
        let err = import(&Project::new("t"), None, &[dir.path().to_path_buf()]).unwrap_err();
        let ImportError::Several(problems) = &err else {
            panic!("{err}")
        };
        assert_eq!(problems.len(), 2);
        let message = err.to_string();
        assert!(
            message.starts_with("2 problems; nothing was imported:\n"),
            "{message}"
        );
        assert!(message.contains("bad.ann:2:4: `Event`"), "{message}");
        assert!(
            message.contains("bad.ann:3:12: the span ends at 99"),
            "{message}"
        );
    }

    #[test]
    fn files_and_folders_that_cannot_be_imported() {
        let dir = tempfile::tempdir().unwrap();
        let project = Project::new("t");
        let message = |paths: &[PathBuf]| import(&project, None, paths).unwrap_err().to_string();

        let lonely = dir.path().join("lonely.ann");
        std::fs::write(&lonely, "T1\tActor 0 5\tPutin\n").unwrap();
        assert!(
            message(std::slice::from_ref(&lonely)).contains("there is no"),
            "no .txt"
        );
        assert!(message(&[lonely.with_extension("txt")]).contains("not a brat annotation file"));

        let empty_folder = dir.path().join("empty");
        std::fs::create_dir(&empty_folder).unwrap();
        assert!(message(&[empty_folder]).contains("holds no .ann files"));

        let bad_name = pair(dir.path(), "two words", b"Putin spoke.", "");
        let text = message(&[bad_name]);
        assert!(
            text.contains("source id `two words`, which is not valid"),
            "{text}"
        );

        let again = pair(dir.path(), "again", b"Putin spoke.", "");
        let text = message(&[again.clone(), again]);
        assert!(
            text.contains("gives annotations to source `again` already"),
            "{text}"
        );

        let blank = pair(dir.path(), "blank", b" \n", "");
        assert!(message(&[blank]).contains("blank.txt: there is no text"));

        let binary = pair(dir.path(), "binary", b"Putin spoke.", "T1\0\0");
        assert!(message(&[binary]).contains("binary.ann: this looks like a binary file"));
    }

    #[test]
    fn an_empty_ann_adds_its_text_as_a_source() {
        let dir = tempfile::tempdir().unwrap();
        let path = pair(dir.path(), "plain", b"Putin spoke.\r\n", "\n\n");
        let mut project = Project::new("t");
        apply(&mut project, &[path]).unwrap();
        let source = project.source(&sid("plain")).unwrap();
        assert_eq!(source.text.as_str(), "Putin spoke.\n");
        assert_eq!(
            source.origin.as_deref(),
            Some(dir.path().join("plain.txt").as_path())
        );
        assert!(project.annotations.is_empty());
    }

    #[test]
    fn covered_text_may_hold_tabs() {
        let dir = tempfile::tempdir().unwrap();
        let path = pair(
            dir.path(),
            "tabs",
            b"Name:\tPutin",
            "T1\tActor 0 11\tName:\tPutin\n",
        );
        let mut project = Project::new("t");
        apply(&mut project, &[path]).unwrap();
        assert_eq!(
            project.annotations.values().next().unwrap().quote.exact,
            "Name:\tPutin"
        );
    }

    proptest::proptest! {
        #[test]
        fn any_ann_file_is_imported_or_refused_without_panic(
            ann in "([TNR#EA*][0-9]{0,2}\t?(Actor|claim|Date|Reference|Speaker|Via|AnnotatorNotes)? ?[0-9]{0,2} ?(T[0-9]|[0-9]{1,2}|parallax:p|date:2025|claim:g|Arg[12]:T[0-9])? ?(Arg2:T[0-9])?\t?[a-z ]{0,6}\r?\n){0,8}"
        ) {
            let dir = tempfile::tempdir().unwrap();
            let path = pair(dir.path(), "any", "Putin said 🇻🇦 peace.\r\nOn Wednesday.".as_bytes(), &ann);
            let project = Project::new("t");
            match import(&project, None, &[path]) {
                Ok(command) => proptest::prop_assert!(command.apply(&mut project.clone()).is_ok()),
                Err(err) => proptest::prop_assert!(!err.to_string().is_empty()),
            }
        }
    }

    #[test]
    fn offsets_move_past_removed_characters() {
        let offsets = Offsets::new("\u{FEFF}a\r\nb\rc\r\n");
        assert_eq!(offsets.removed, [0, 2, 7]);
        let moved: Vec<usize> = (0..9).map(|i| offsets.normalised(i)).collect();
        assert_eq!(moved, [0, 0, 1, 1, 2, 3, 4, 5, 5]);
        // Every leading mark is removed, as normalising removes them.
        let offsets = Offsets::new("\u{FEFF}\u{FEFF}a\u{FEFF}");
        assert_eq!(offsets.removed, [0, 1]);
    }
}
