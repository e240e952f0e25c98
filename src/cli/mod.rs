//! The command line: `parallax [PROJECT]` opens the window, and subcommands create a
//! project, add sources, import annotations, list and check a project without one.
//!
//! Each subcommand is a function that writes its report to a writer and returns an error
//! as a value; `main` prints the error on one line and exits non-zero. A command that
//! changes a project loads it, applies its changes as [`edit::Command`]s in memory and
//! saves only when every change succeeded, so a failing command leaves the file as it was.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use clap::{Args, Parser, Subcommand, ValueEnum};

mod agree;
mod merge;
mod order;

pub use agree::AgreeArgs;
pub use merge::{GitSetupArgs, MergeArgs, MergeDriverArgs};

pub use order::{
    EntityAction, EntityArg, EntityListArgs, EntityMergeArgs, EntitySetArgs, KindArg, SourceAction,
    SourceArg, SourceMoveArgs, SourceSetArgs, TitleArgs,
};

use crate::compare;
use crate::edit;
use crate::export;
use crate::import;
use crate::model::{Project, Source, SourceId, TagKind};
use crate::revise;
use crate::store;
use crate::suggest;
use crate::wording::{count, one_line, shorten};

/// `parallax`: the command line as parsed.
#[derive(Debug, Parser)]
#[command(
    name = "parallax",
    version,
    about = "A workbench for comparing several reports of the same event",
    long_about = "A workbench for comparing several reports of the same event.\n\n\
        Load the reports side by side, tag spans as actors, claims and dates, and compare \
        who each report names, what it says in whose words, and when.\n\n\
        Without a subcommand, opens the window on PROJECT, or on the bundled example \
        project when no PROJECT is given.",
    args_conflicts_with_subcommands = true
)]
pub struct Cli {
    /// The project file to open in the window; without it, the bundled example opens.
    #[arg(value_name = "PROJECT")]
    pub project: Option<PathBuf>,

    #[command(subcommand)]
    pub action: Option<Action>,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Action {
    /// Create an empty project file (never overwrites an existing file).
    New(NewArgs),
    /// Add documents (.txt, .md, .html, .htm, .eml, .docx, .odt) to a project as sources.
    #[command(
        long_about = "Add documents (.txt, .md, .html, .htm, .eml, .docx, .odt) to a project as sources.\n\n\
        Each FILE becomes one source whose id is made from the file name unless --id is \
        given. The text is stored in the project file, so the project stays complete \
        when the files move. The details a file declares become the source's: an \
        e-mail's subject, sender and date; a Word or OpenDocument file's title, creator \
        and creation day. --outlet, --author, --url and --published apply to every FILE \
        in their place; --id and --title name a single source and need exactly one FILE. \
        An e-mail's attachments are named, not imported."
    )]
    Add(AddArgs),
    /// Import annotations made in another tool into a project.
    #[command(
        long_about = "Import annotations made in another tool into a project.\n\n\
        brat: give .ann files (each beside its .txt) or folders holding such pairs. The \
        annotations of NAME.ann go to the source with the id NAME; when the project has \
        no such source, it is added from NAME.txt. Nothing is imported when any file has \
        an error."
    )]
    Import(ImportArgs),
    /// List a project's sources with their annotation counts.
    List(ProjectArg),
    /// Check a project; exits with 0 only when it has no problem at all.
    #[command(
        long_about = "Check a project; exits with 0 only when it has no problem at all.\n\n\
        Reports syntax errors with their line and column, annotations whose words were \
        moved or could not be found in their source, and links to entities, claim groups \
        or sources that do not exist."
    )]
    Check(ProjectArg),
    /// Compare a project's sources: actors, claims, dates, conflicts and coverage.
    #[command(
        long_about = "Compare a project's sources: actors, claims, dates, conflicts and coverage.\n\n\
        Prints, for each actor, how often and in which words each source names it; for each \
        claim group, each source's wording with its speaker and via, diffed word by word \
        against a reference source; each date value with the words each source uses for \
        it; the claims the sources date or attribute differently; and what each source \
        carries that the others do not. The dates of a claim are the dates inside its span."
    )]
    Compare(CompareArgs),
    /// Export a project: an HTML or Markdown report, CSV, JSON (W3C Web Annotation) or brat.
    #[command(
        long_about = "Export a project: an HTML or Markdown report, CSV, JSON (W3C Web Annotation) or brat.\n\n\
        html: one self-contained page with the sources side by side, their annotations \
        highlighted, the comparison tables and the notes. csv: one row per annotation. json: \
        the W3C Web Annotation data model (JSON-LD). md: a Markdown report. brat: a folder \
        with a .txt and an .ann file per source and an annotation.conf, which `parallax \
        import --format brat` reads back.\n\n\
        The export is written atomically: a failed export leaves nothing half-written. It \
        never replaces the project file, and refuses to write through a symbolic link \
        unless --force is given. An existing file is replaced; an existing brat folder only \
        when it holds nothing but the files the export writes."
    )]
    Export(ExportArgs),
    /// Suggest dates, actors and claims found in a project's sources; --apply accepts them.
    #[command(
        long_about = "Suggest dates, actors and claims found in a project's sources; --apply accepts them.\n\n\
        Dates are normalised against the source's publication date (a source without one \
        gets date suggestions without a value, saying why); actors propose the entity they \
        would link to, an existing one or a new one; claims propose their speaker and via \
        and, when a similar claim is grouped in another source, its claim group. Nothing \
        is changed unless --apply is given: then every suggestion is accepted in one step \
        and the project is saved. Positions are code points, end exclusive."
    )]
    Suggest(SuggestArgs),
    /// Replace a source's text with an edited version; its annotations follow their words.
    #[command(
        long_about = "Replace a source's text with an edited version; its annotations follow their words.\n\n\
        FILE is read like a document given to `parallax add` (.txt, .md, .html, .htm, .eml, .docx, .odt). Each \
        annotation of the source is placed on its words in the new text, found by the words \
        and the words around them; one that cannot be placed with confidence is kept and \
        flagged unplaced, never moved onto other words. The source keeps its id, title and \
        other details. Prints what moved and what is flagged."
    )]
    Revise(ReviseArgs),
    /// Set the project's title.
    Title(TitleArgs),
    /// Correct a source's details, grade or memo; remove a source; move it to another column.
    #[command(subcommand)]
    Source(SourceAction),
    /// List entities; rename them, set their kind, aliases and memo; merge or remove them.
    #[command(subcommand)]
    Entity(EntityAction),
    /// Measure how far the analysts behind several projects agree on the sources they share.
    #[command(
        long_about = "Measure how far the analysts behind several projects agree on the sources they share.\n\n\
        Only sources every project has with the same id and text are compared; the others \
        are listed and left out. For each tag (actor, claim, date) and each pair of \
        projects: exact F1 (same source, start, end and tag), overlap F1 (a span counts as \
        matched when the other project has an overlapping span of the same tag) and Cohen's \
        kappa over characters; over all projects at once, Krippendorff's alpha (nominal) \
        over the same characters. Of the exactly matched spans, the share of actors linked \
        to the same entity and of claims with the same speaker. Then each source's figures \
        and the spans not every project made. Projects are numbered from 0 in the order \
        given. A figure with nothing to measure prints as – (null in JSON)."
    )]
    Agree(AgreeArgs),
    /// Merge two analysts' versions of a project by meaning, against the version both started from.
    #[command(
        long_about = "Merge two analysts' versions of a project by meaning, against the version both started from.\n\n\
        Sources, entities, claim groups and annotations are matched by id. What one side \
        added, changed or removed is taken; both sides adding different things keep both; \
        the same change on both sides is one. An item changed differently on both sides, \
        changed on one and removed on the other, or removed on one side while the other \
        still refers to it is a conflict: the merged project keeps our version (or the \
        item referred to), records both versions, and the command lists the conflicts and \
        exits with 1. The merged project always loads; settle its conflicts in the \
        window's Conflicts panel. `parallax check` fails while any remains."
    )]
    Merge(MergeArgs),
    /// What git runs to merge a project file (set up by `parallax git-setup`).
    #[command(
        long_about = "What git runs to merge a project file (set up by `parallax git-setup`).\n\n\
        Merges like `parallax merge` and writes the result over OURS, as git expects; exits \
        with 1 when conflicts are left to settle. A file that is not a Parallax project is \
        merged line by line with `git merge-file`."
    )]
    MergeDriver(MergeDriverArgs),
    /// Make git merge project files by meaning in a repository.
    #[command(
        long_about = "Make git merge project files by meaning in a repository.\n\n\
        Registers `parallax merge-driver`, with the full path of this parallax, as the merge \
        driver `parallax` in the repository's .git/config, and adds `*.ron merge=parallax` \
        to the .gitattributes at its top. Says what it wrote; run again, it changes nothing."
    )]
    GitSetup(GitSetupArgs),
}

#[derive(Debug, Args)]
pub struct ReviseArgs {
    /// The project file.
    pub project: PathBuf,
    /// The id of the source to revise.
    #[arg(value_name = "SOURCE")]
    pub source: String,
    /// The document holding the source's new text.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Keep every visible word of a web page, not only its article (to read the page a
    /// source was added from again as the whole page).
    #[arg(long)]
    pub whole_page: bool,
}

#[derive(Debug, Args)]
pub struct NewArgs {
    /// The project file to create, for example `call.ron`.
    pub project: PathBuf,
    /// The project's title.
    #[arg(long, value_name = "T")]
    pub title: Option<String>,
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// The project file to add to.
    pub project: PathBuf,
    /// The documents to add.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
    /// The source's id (letters, digits, `_`, `-`, `.`); by default made from the file name.
    #[arg(long, value_name = "ID")]
    pub id: Option<String>,
    /// The source's title; by default the document's own title or its file name.
    #[arg(long, value_name = "T")]
    pub title: Option<String>,
    /// The outlet that published it (a newspaper, an agency, a ministry).
    #[arg(long, value_name = "O")]
    pub outlet: Option<String>,
    /// Who wrote it.
    #[arg(long, value_name = "A")]
    pub author: Option<String>,
    /// Where it was published.
    #[arg(long, value_name = "U")]
    pub url: Option<String>,
    /// The day it was published; relative dates in the text are read against it.
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub published: Option<String>,
    /// Keep every visible word of a web page, not only its article.
    #[arg(long)]
    pub whole_page: bool,
}

#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The project file to import into.
    pub project: PathBuf,
    /// The format of the annotations.
    #[arg(long, value_enum)]
    pub format: ImportFormat,
    /// The files or folders to import.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
}

/// The annotation formats `parallax import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ImportFormat {
    /// brat standoff: `.ann` files beside their `.txt`.
    Brat,
}

#[derive(Debug, Args)]
pub struct CompareArgs {
    /// The project file.
    pub project: PathBuf,
    /// How to print the comparison.
    #[arg(long, value_enum, default_value_t = CompareFormat::Text)]
    pub format: CompareFormat,
    /// The source whose wordings the others are diffed against; by default, for each
    /// claim, the first source that carries it.
    #[arg(long, value_name = "SOURCE")]
    pub reference: Option<String>,
}

/// The forms `parallax compare` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CompareFormat {
    /// Readable tables.
    Text,
    /// One JSON document, for other tools.
    Json,
}

#[derive(Debug, Args)]
pub struct SuggestArgs {
    /// The project file.
    pub project: PathBuf,
    /// Only this source; by default every source.
    #[arg(long, value_name = "ID")]
    pub source: Option<String>,
    /// How to print the suggestions.
    #[arg(long, value_enum, default_value_t = CompareFormat::Text)]
    pub format: CompareFormat,
    /// Accept every suggestion and save the project.
    #[arg(long)]
    pub apply: bool,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    /// The project file.
    pub project: PathBuf,
    /// What to write.
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    /// Where to write it: a file, or a folder for brat. By default beside the project,
    /// named after it: `call.ron` gives `call.html`, `call.csv`, ..., and `call-brat`.
    #[arg(long, value_name = "PATH")]
    pub output: Option<PathBuf>,
    /// Write through a symbolic link at PATH, replacing the file or folder it points to.
    #[arg(long)]
    pub force: bool,
}

/// The forms `parallax export` writes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// A self-contained HTML report.
    Html,
    /// One row per annotation.
    Csv,
    /// W3C Web Annotation JSON-LD.
    Json,
    /// A Markdown report.
    Md,
    /// A folder of brat standoff files.
    Brat,
}

impl From<ExportFormat> for export::Format {
    fn from(format: ExportFormat) -> Self {
        match format {
            ExportFormat::Html => export::Format::Html,
            ExportFormat::Csv => export::Format::Csv,
            ExportFormat::Json => export::Format::Json,
            ExportFormat::Md => export::Format::Markdown,
            ExportFormat::Brat => export::Format::Brat,
        }
    }
}

#[derive(Debug, Args)]
pub struct ProjectArg {
    /// The project file.
    pub project: PathBuf,
}

/// Runs a subcommand, writing its report to `out`.
pub fn run(action: Action, out: &mut dyn Write) -> Result<()> {
    match action {
        Action::New(args) => new_project(&args, out),
        Action::Add(args) => add(&args, out),
        Action::Import(args) => import(&args, out),
        Action::List(args) => list(&args.project, out),
        Action::Check(args) => check(&args.project, out),
        Action::Compare(args) => compare(&args, out),
        Action::Export(args) => export(&args, out),
        Action::Suggest(args) => suggest(&args, out),
        Action::Revise(args) => revise(&args, out),
        Action::Title(args) => order::title(&args, out),
        Action::Source(action) => order::source(&action, out),
        Action::Entity(action) => order::entity(&action, out),
        Action::Agree(args) => agree::agree(&args, out),
        Action::Merge(args) => merge::merge_files(&args, out),
        Action::MergeDriver(args) => merge::merge_driver(&args, out),
        Action::GitSetup(args) => merge::git_setup(&args, out),
    }
}

/// The error as one line: its causes joined with `: `, line breaks flattened.
pub fn error_line(err: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in err.chain() {
        let text = cause.to_string();
        if line.contains(text.trim()) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(text.trim());
    }
    one_line(&line)
}

/// `parallax new`: writes an empty project, refusing to replace any existing file.
pub fn new_project(args: &NewArgs, out: &mut dyn Write) -> Result<()> {
    let path = &args.project;
    if path.symlink_metadata().is_ok() {
        bail!(
            "{} exists already; choose another name, or add to it with `parallax add`",
            path.display()
        );
    }
    let project = Project::new(args.title.clone().unwrap_or_default());
    store::save(&project, path)?;
    writeln!(out, "created {}", path.display())?;
    Ok(())
}

/// `parallax add`: reads each document and adds it as a source.
pub fn add(args: &AddArgs, out: &mut dyn Write) -> Result<()> {
    let path = &args.project;
    if args.files.len() > 1 && (args.id.is_some() || args.title.is_some()) {
        bail!(
            "--id and --title name a single source, but {} files were given; add them one \
             at a time, or leave --id and --title out",
            args.files.len()
        );
    }
    let published = args
        .published
        .as_deref()
        .map(parse_day)
        .transpose()
        .with_context(|| format!("nothing was added to {}", path.display()))?;
    let mut opened = open(path, out)?;
    let mut added = Vec::new();
    for file in &args.files {
        let (source, attachments, kept) = source_from(args, file, published, path, &opened.project)
            .with_context(|| format!("nothing was added to {}", path.display()))?;
        let id = source.id.clone();
        let chars = source.text.char_len();
        let kept = kept.map(|k| format!(": {k}")).unwrap_or_default();
        let insert = edit::Command::InsertSource {
            index: opened.project.sources.len(),
            source,
        };
        insert.apply(&mut opened.project).with_context(|| {
            format!(
                "nothing was added to {}; choose another --id for {}",
                path.display(),
                file.display()
            )
        })?;
        added.push((id, chars, file, kept, attachments));
    }
    opened.save(path)?;
    for (id, chars, file, kept, attachments) in added {
        writeln!(
            out,
            "added {} as source `{id}` ({chars} characters){kept}",
            file.display()
        )?;
        if !attachments.is_empty() {
            writeln!(
                out,
                "  not imported, attached to it: {}",
                attachments.join(", ")
            )?;
        }
    }
    Ok(())
}

/// Builds the source for one document of `parallax add`: the document's own, with what
/// the options say in its place; what of a web page was kept; and the names of the files
/// attached to the document, which are not imported.
fn source_from(
    args: &AddArgs,
    file: &Path,
    published: Option<NaiveDate>,
    project_path: &Path,
    project: &Project,
) -> Result<(Source, Vec<String>, Option<import::Kept>)> {
    let mut document = import::read_document_as(file, reading(args.whole_page))?;
    let attachments = std::mem::take(&mut document.attachments);
    let kept = document.kept;
    let mut source = document.into_source(project, Some(project_path));
    if let Some(id) = &args.id {
        let id = SourceId::new(id.as_str())?;
        if project.source(&id).is_some() {
            bail!(
                "the project has a source `{id}` already; choose another --id for {}",
                file.display()
            );
        }
        source.id = id;
    }
    if let Some(title) = &args.title {
        source.title.clone_from(title);
    }
    if let Some(outlet) = &args.outlet {
        source.outlet.clone_from(outlet);
    }
    if let Some(author) = &args.author {
        source.author.clone_from(author);
    }
    if let Some(url) = &args.url {
        source.url.clone_from(url);
    }
    if published.is_some() {
        source.published = published;
    }
    Ok((source, attachments, kept))
}

/// Reads a publication day written `YYYY-MM-DD`.
fn parse_day(text: &str) -> Result<NaiveDate> {
    NaiveDate::parse_from_str(text, "%Y-%m-%d")
        .ok()
        .filter(|_| text.len() == 10)
        .with_context(|| {
            format!("`{text}` is not a day: write --published YYYY-MM-DD, for example 2025-06-04")
        })
}

/// `parallax import`: imports annotations into a project, all of them or none.
pub fn import(args: &ImportArgs, out: &mut dyn Write) -> Result<()> {
    let path = &args.project;
    let mut opened = open(path, out)?;
    let before = opened.project.annotations.len();
    let command = match args.format {
        ImportFormat::Brat => import::brat::import(&opened.project, Some(path), &args.paths),
    };
    let command = match command {
        Ok(command) => command,
        Err(err) => {
            let problems = err.problems();
            if problems.len() == 1 {
                return Err(err)
                    .with_context(|| format!("nothing was imported into {}", path.display()));
            }
            for problem in &problems {
                writeln!(out, "{problem}")?;
            }
            bail!(
                "nothing was imported into {}: the files have {}, listed above",
                path.display(),
                count(problems.len(), "problem")
            );
        }
    };
    command
        .apply(&mut opened.project)
        .with_context(|| format!("nothing was imported into {}", path.display()))?;
    opened.save(path)?;
    writeln!(
        out,
        "imported {} into {}",
        count(
            opened.project.annotations.len().saturating_sub(before),
            "annotation"
        ),
        path.display()
    )?;
    Ok(())
}

/// `parallax list`: one line per source with its annotation counts per tag.
pub fn list(path: &Path, out: &mut dyn Write) -> Result<()> {
    let opened = open(path, out)?;
    write!(out, "{}", source_table(&opened.project))?;
    Ok(())
}

/// The table `parallax list` prints.
pub fn source_table(project: &Project) -> String {
    let mut counts: BTreeMap<&SourceId, ([usize; 3], usize)> = BTreeMap::new();
    for a in project.annotations.values() {
        let entry = counts.entry(&a.source).or_default();
        entry.0[TagKind::ALL
            .iter()
            .position(|k| *k == a.kind())
            .unwrap_or(0)] += 1;
        if a.unplaced {
            entry.1 += 1;
        }
    }
    let [actor, claim, date] = TagKind::ALL.map(|k| k.label().to_uppercase());
    let header = [
        "ID".into(),
        "TITLE".into(),
        "OUTLET".into(),
        "PUBLISHED".into(),
        "CHARS".into(),
        actor,
        claim,
        date,
        "UNPLACED".into(),
    ];
    let mut rows: Vec<[String; 9]> = vec![header];
    for s in &project.sources {
        let ([actor, claim, date], unplaced) = counts.get(&s.id).copied().unwrap_or_default();
        rows.push([
            s.id.to_string(),
            cell(&s.title, 40),
            cell(&s.outlet, 24),
            s.published
                .map(|d| d.to_string())
                .unwrap_or_else(|| "-".into()),
            s.text.char_len().to_string(),
            actor.to_string(),
            claim.to_string(),
            date.to_string(),
            unplaced.to_string(),
        ]);
    }
    let widths: Vec<usize> = (0..9)
        .map(|c| rows.iter().map(|r| r[c].chars().count()).max().unwrap_or(0))
        .collect();
    let title = if project.title.is_empty() {
        "(untitled project)"
    } else {
        &project.title
    };
    let mut table = format!(
        "{title}\n{}, {}, {}, {}\n\n",
        count(project.sources.len(), "source"),
        count(project.annotations.len(), "annotation"),
        count(project.entities.len(), "entity"),
        count(project.claim_groups.len(), "claim group"),
    );
    for row in &rows {
        let mut line = String::new();
        for (c, cell) in row.iter().enumerate() {
            let w = widths[c];
            if c >= 4 {
                line.push_str(&format!("{cell:>w$}  "));
            } else {
                line.push_str(&format!("{cell:<w$}  "));
            }
        }
        table.push_str(line.trim_end());
        table.push('\n');
    }
    table
}

/// A text as a cell of the table: on one line, and at most `width` characters, the last
/// an ellipsis when the text was cut.
fn cell(text: &str, width: usize) -> String {
    shorten(&one_line(text), width - 1)
}

/// `parallax check`: reports every problem, one per line; fails when there is any.
///
/// Problems are what loading refuses (links to nothing, duplicate ids) and what it had to
/// repair (annotations moved to their words or marked unplaced, hashes recomputed, an
/// older format converted): a sound project needs neither.
pub fn check(path: &Path, out: &mut dyn Write) -> Result<()> {
    let problems: Vec<String> = match store::load(path) {
        Ok(loaded) if loaded.notes.is_empty() && loaded.project.conflicts.is_empty() => {
            writeln!(
                out,
                "{}: sound: {}, {}",
                path.display(),
                count(loaded.project.sources.len(), "source"),
                count(loaded.project.annotations.len(), "annotation")
            )?;
            return Ok(());
        }
        Ok(loaded) => {
            let notes = loaded.notes.iter().map(ToString::to_string);
            let conflicts = loaded.project.conflicts.iter().map(|c| {
                format!(
                    "merge conflict: {}; settle it in the window's Conflicts panel",
                    c.describe()
                )
            });
            notes.chain(conflicts).collect()
        }
        Err(store::StoreError::Invalid { problems, .. }) => {
            problems.iter().map(ToString::to_string).collect()
        }
        Err(err) => return Err(err.into()),
    };
    for problem in &problems {
        writeln!(out, "{}: {problem}", path.display())?;
    }
    bail!(
        "{} has {}",
        path.display(),
        count(problems.len(), "problem")
    )
}

/// `parallax compare`: prints the comparison of a project's sources. What loading had to
/// repair goes to the standard error, so the JSON on the standard output stays whole.
pub fn compare(args: &CompareArgs, out: &mut dyn Write) -> Result<()> {
    let path = &args.project;
    let loaded = store::load(path)?;
    for note in &loaded.notes {
        eprintln!("{}: note: {note}", path.display());
    }
    let project = loaded.project;
    let reference = match &args.reference {
        Some(id) => {
            let known = project.sources.iter().find(|s| s.id.as_str() == id);
            let Some(source) = known else {
                let ids: Vec<&str> = project.sources.iter().map(|s| s.id.as_str()).collect();
                bail!(
                    "{} has no source `{id}`; choose --reference among: {}",
                    path.display(),
                    ids.join(", ")
                );
            };
            Some(source.id.clone())
        }
        None => None,
    };
    let comparison = compare::Comparison::build_with(&project, &compare::Options { reference });
    let text = match args.format {
        CompareFormat::Text => compare::text::render(&comparison),
        CompareFormat::Json => compare::json::render(&comparison),
    };
    out.write_all(text.as_bytes())?;
    Ok(())
}

/// `parallax suggest`: lists what the suggestion engine finds, and with `--apply` accepts
/// it all and saves. What loading had to repair goes to the standard error, so the JSON on
/// the standard output stays whole.
pub fn suggest(args: &SuggestArgs, out: &mut dyn Write) -> Result<()> {
    let path = &args.project;
    let mut notes = Vec::new();
    let mut opened = open(path, &mut notes)?;
    std::io::stderr().write_all(&notes)?;
    let project = &opened.project;
    let found = match &args.source {
        Some(id) => {
            let Some(source) = project.sources.iter().find(|s| s.id.as_str() == id) else {
                let ids: Vec<&str> = project.sources.iter().map(|s| s.id.as_str()).collect();
                bail!(
                    "{} has no source `{id}`; choose --source among: {}",
                    path.display(),
                    ids.join(", ")
                );
            };
            suggest::suggest_source(project, &source.id)
        }
        None => suggest::suggest(project),
    };
    match args.format {
        CompareFormat::Json => writeln!(
            out,
            "{}",
            serde_json::to_string_pretty(&suggest::to_json(&found))?
        )?,
        CompareFormat::Text => {
            for s in &found {
                writeln!(
                    out,
                    "{}\t{}..{}\t{}\t“{}”",
                    s.source,
                    s.start,
                    s.end,
                    s.proposal.describe(project),
                    one_line(&s.text)
                )?;
            }
        }
    }
    if !args.apply {
        if args.format == CompareFormat::Text {
            writeln!(
                out,
                "{} found; nothing was changed (--apply accepts them all)",
                count(found.len(), "suggestion")
            )?;
        }
        return Ok(());
    }
    let command = suggest::accept(project, &found);
    command
        .apply(&mut opened.project)
        .with_context(|| format!("nothing was changed in {}", path.display()))?;
    opened.save(path)?;
    let done = format!(
        "accepted {} into {}",
        count(found.len(), "suggestion"),
        path.display()
    );
    match args.format {
        CompareFormat::Text => writeln!(out, "{done}")?,
        CompareFormat::Json => eprintln!("{done}"),
    }
    Ok(())
}

/// What to keep of a web page, as `--whole-page` says.
fn reading(whole_page: bool) -> import::Reading {
    if whole_page {
        import::Reading::WholePage
    } else {
        import::Reading::Article
    }
}

/// `parallax revise`: replaces a source's text with the text of a document and places its
/// annotations in it, saving only when that succeeded.
pub fn revise(args: &ReviseArgs, out: &mut dyn Write) -> Result<()> {
    let path = &args.project;
    let mut opened = open(path, out)?;
    let unchanged = || format!("nothing was changed in {}", path.display());
    let Some(id) = opened
        .project
        .sources
        .iter()
        .map(|s| &s.id)
        .find(|id| id.as_str() == args.source)
        .cloned()
    else {
        let ids: Vec<&str> = opened
            .project
            .sources
            .iter()
            .map(|s| s.id.as_str())
            .collect();
        bail!(
            "{} has no source `{}`; choose among: {}",
            path.display(),
            args.source,
            ids.join(", ")
        );
    };
    let document =
        import::read_document_as(&args.file, reading(args.whole_page)).with_context(unchanged)?;
    let from = revise::FromFile {
        origin: import::origin(Some(path), &args.file),
        file_hash: document.file_hash,
    };
    let revision =
        revise::revise(&opened.project, &id, document.text, Some(from)).with_context(unchanged)?;
    let summary = revision.summary(&id);
    revision
        .command
        .apply(&mut opened.project)
        .with_context(unchanged)?;
    opened.save(path)?;
    for note in &revision.notes {
        writeln!(out, "{}: {note}", path.display())?;
    }
    writeln!(out, "{summary}")?;
    Ok(())
}

/// `parallax export`: writes the project in another format; the project file is only read.
pub fn export(args: &ExportArgs, out: &mut dyn Write) -> Result<()> {
    let path = &args.project;
    let project = open(path, out)?.project;
    let format = export::Format::from(args.format);
    let output = match &args.output {
        Some(output) => output.clone(),
        None => format.default_output(Some(path), &project.title),
    };
    let options = export::Options {
        project_path: Some(path.clone()),
        force: args.force,
    };
    let exported = export::export(&project, format, &output, &options)
        .with_context(|| format!("nothing was exported from {}", path.display()))?;
    writeln!(out, "{exported}")?;
    Ok(())
}

/// A project loaded for a command that changes it.
struct Opened {
    project: Project,
    file_hash: String,
}

/// Loads a project for a command, passing on what loading had to repair.
fn open(path: &Path, out: &mut dyn Write) -> Result<Opened> {
    let loaded = store::load(path)?;
    for note in &loaded.notes {
        writeln!(out, "{}: note: {note}", path.display())?;
    }
    Ok(Opened {
        project: loaded.project,
        file_hash: loaded.file_hash,
    })
}

impl Opened {
    /// Saves the project, unless another program changed the file since it was loaded.
    fn save(&self, path: &Path) -> Result<()> {
        if store::disk_hash(path)?.as_deref() != Some(self.file_hash.as_str()) {
            bail!(
                "{} changed on disk while this command ran; nothing was saved, run it again",
                path.display()
            );
        }
        store::save(&self.project, path)?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_subcommand_parses() {
        let ok = |args: &[&str]| Cli::try_parse_from(args).unwrap();
        assert!(ok(&["parallax"]).action.is_none());
        assert_eq!(
            ok(&["parallax", "p.ron"]).project,
            Some(PathBuf::from("p.ron"))
        );
        assert!(matches!(
            ok(&["parallax", "new", "p.ron", "--title", "Call"]).action,
            Some(Action::New(NewArgs { title: Some(t), .. })) if t == "Call"
        ));
        let Some(Action::Add(add)) = ok(&[
            "parallax",
            "add",
            "p.ron",
            "a.txt",
            "b.html",
            "--outlet",
            "Wire",
            "--published",
            "2025-06-04",
        ])
        .action
        else {
            panic!("not an add");
        };
        assert_eq!(add.files.len(), 2);
        assert_eq!(add.outlet.as_deref(), Some("Wire"));
        let Some(Action::Import(import)) = ok(&[
            "parallax", "import", "p.ron", "--format", "brat", "a.ann", "dir",
        ])
        .action
        else {
            panic!("not an import");
        };
        assert_eq!(import.format, ImportFormat::Brat);
        assert_eq!(import.paths.len(), 2);
        assert!(matches!(
            ok(&["parallax", "list", "p.ron"]).action,
            Some(Action::List(_))
        ));
        assert!(matches!(
            ok(&["parallax", "check", "p.ron"]).action,
            Some(Action::Check(_))
        ));
        let Some(Action::Export(export)) = ok(&[
            "parallax", "export", "p.ron", "--format", "md", "--output", "r.md", "--force",
        ])
        .action
        else {
            panic!("not an export");
        };
        assert_eq!(
            export::Format::from(export.format),
            export::Format::Markdown
        );
        assert_eq!(export.output, Some(PathBuf::from("r.md")));
        assert!(export.force);
    }

    #[test]
    fn bad_command_lines_are_refused() {
        for args in [
            &["parallax", "add", "p.ron"][..],
            &["parallax", "import", "p.ron", "x.ann"],
            &["parallax", "import", "p.ron", "--format", "csv", "x.ann"],
            &["parallax", "new"],
            &["parallax", "export", "p.ron", "--format", "pdf"],
            &["parallax", "export", "p.ron"],
            &["parallax", "p.ron", "q.ron"],
        ] {
            assert!(Cli::try_parse_from(args).is_err(), "{args:?}");
        }
    }

    #[test]
    fn publication_days_must_be_full_dates() {
        assert_eq!(parse_day("2025-06-04").unwrap().to_string(), "2025-06-04");
        for bad in ["2025-6-4", "2025-02-30", "June 4", "2025-06", ""] {
            let err = parse_day(bad).unwrap_err().to_string();
            assert!(err.contains("YYYY-MM-DD"), "{err}");
        }
    }

    #[test]
    fn errors_print_on_one_line() {
        let err = anyhow::anyhow!("line one\nline two").context("cannot open p.ron");
        assert_eq!(error_line(&err), "cannot open p.ron: line one line two");
    }

    #[test]
    fn long_titles_are_shortened() {
        assert_eq!(cell("short", 10), "short");
        assert_eq!(cell("a very long title indeed", 10), "a very lo…");
        assert_eq!(cell("Ünïcödé títlé ẁith áccents", 6).chars().count(), 6);
    }

    #[test]
    fn the_table_counts_annotations_per_tag() {
        use crate::model::{Annotation, AnnotationId};
        let mut p = Project::new("Call");
        let mut s = Source::new(
            SourceId::new("wire").unwrap(),
            "Wire report",
            "Leo spoke on Sunday.",
        );
        s.outlet = "Wire".into();
        for (span, kind, unplaced) in [
            (0..3, TagKind::Actor, false),
            (0..19, TagKind::Claim, false),
            (12..18, TagKind::Date, true),
        ] {
            let mut a = Annotation::new(AnnotationId::random(), &s, span, kind.empty_tag());
            a.unplaced = unplaced;
            p.annotations.insert(a.id.clone(), a);
        }
        p.sources.push(s);
        let table = source_table(&p);
        let lines: Vec<&str> = table.lines().collect();
        assert_eq!(lines[0], "Call");
        assert_eq!(
            lines[1],
            "1 source, 3 annotations, 0 entities, 0 claim groups"
        );
        let cells: Vec<&str> = lines[4].split_whitespace().collect();
        assert_eq!(
            cells,
            [
                "wire", "Wire", "report", "Wire", "-", "20", "1", "1", "1", "1"
            ]
        );
    }
}
