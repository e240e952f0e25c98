//! The commands that keep a project in order: its title, each source's details, grade
//! and memo, removing and reordering sources, and listing, correcting, merging and
//! removing entities. Each change is applied in memory and saved only when it succeeded,
//! so a refused command leaves the file as it was.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Context, Result, bail};
use chrono::NaiveDate;
use clap::{Args, Subcommand, ValueEnum};
use serde::Serialize;

use super::{CompareFormat, Opened, open};
use crate::edit::{self, Command};
use crate::model::{EntityId, EntityKind, Project, Reliability, SourceId, TagKind};
use crate::wording::count;

#[derive(Debug, Args)]
pub struct TitleArgs {
    /// The project file.
    pub project: PathBuf,
    /// The project's new title.
    pub title: String,
}

/// `parallax source ...`
#[derive(Debug, Subcommand)]
pub enum SourceAction {
    /// Correct a source's details, grade it or write a memo on it.
    Set(SourceSetArgs),
    /// Remove a source with its annotations.
    Remove(SourceArg),
    /// Move a source to another column.
    Move(SourceMoveArgs),
}

#[derive(Debug, Args)]
pub struct SourceArg {
    /// The project file.
    pub project: PathBuf,
    /// The source's id.
    #[arg(value_name = "SOURCE")]
    pub source: String,
}

#[derive(Debug, Args)]
pub struct SourceSetArgs {
    #[command(flatten)]
    pub which: SourceArg,
    #[arg(long, value_name = "T")]
    pub title: Option<String>,
    #[arg(long, value_name = "O")]
    pub outlet: Option<String>,
    #[arg(long, value_name = "A")]
    pub author: Option<String>,
    #[arg(long, value_name = "U")]
    pub url: Option<String>,
    /// The day it was published, or `none`.
    #[arg(long, value_name = "YYYY-MM-DD|none")]
    pub published: Option<String>,
    /// How far it can be relied on: A (completely reliable) to E (unreliable), F (cannot
    /// be judged), or `none`.
    #[arg(long, value_name = "A-F|none")]
    pub reliability: Option<String>,
    /// A memo on the source (an empty one removes it).
    #[arg(long, value_name = "TEXT")]
    pub memo: Option<String>,
}

#[derive(Debug, Args)]
pub struct SourceMoveArgs {
    #[command(flatten)]
    pub which: SourceArg,
    /// Its new column, from 1.
    #[arg(long, value_name = "N")]
    pub to: usize,
}

/// `parallax entity ...`
#[derive(Debug, Subcommand)]
pub enum EntityAction {
    /// List the entities with their kind, aliases and mentions in each source.
    List(EntityListArgs),
    /// Rename an entity, set its kind, aliases or memo.
    Set(EntitySetArgs),
    /// Merge entities into one: their links, speakers and vias move to KEEP.
    Merge(EntityMergeArgs),
    /// Remove an entity nothing refers to.
    Remove(EntityArg),
}

#[derive(Debug, Args)]
pub struct EntityListArgs {
    /// The project file.
    pub project: PathBuf,
    #[arg(long, value_enum, default_value_t = CompareFormat::Text)]
    pub format: CompareFormat,
}

#[derive(Debug, Args)]
pub struct EntityArg {
    /// The project file.
    pub project: PathBuf,
    /// The entity's id.
    #[arg(value_name = "ENTITY")]
    pub entity: String,
}

/// The kinds of entity, as the command line names them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum KindArg {
    Person,
    Organisation,
    Place,
    Other,
}

impl From<KindArg> for EntityKind {
    fn from(kind: KindArg) -> Self {
        match kind {
            KindArg::Person => EntityKind::Person,
            KindArg::Organisation => EntityKind::Organisation,
            KindArg::Place => EntityKind::Place,
            KindArg::Other => EntityKind::Other,
        }
    }
}

#[derive(Debug, Args)]
pub struct EntitySetArgs {
    #[command(flatten)]
    pub which: EntityArg,
    #[arg(long, value_name = "N")]
    pub name: Option<String>,
    #[arg(long, value_enum)]
    pub kind: Option<KindArg>,
    /// Another name it goes by; given once or more, these become its aliases.
    #[arg(long = "alias", value_name = "A")]
    pub aliases: Vec<String>,
    /// A memo on the entity (an empty one removes it).
    #[arg(long, value_name = "TEXT")]
    pub memo: Option<String>,
}

#[derive(Debug, Args)]
pub struct EntityMergeArgs {
    /// The project file.
    pub project: PathBuf,
    /// The entity to keep.
    #[arg(value_name = "KEEP")]
    pub keep: String,
    /// The entities merged into it.
    #[arg(required = true, value_name = "MERGED")]
    pub merged: Vec<String>,
}

/// Applies one change to an opened project, or says why it was refused.
fn change(opened: &mut Opened, command: Command) -> Result<()> {
    let project = &mut opened.project;
    command
        .apply(project)
        .map_err(|err| anyhow::anyhow!("{err}"))?;
    Ok(())
}

pub fn title(args: &TitleArgs, out: &mut dyn Write) -> Result<()> {
    let mut opened = open(&args.project, out)?;
    change(&mut opened, Command::SetTitle(args.title.clone()))?;
    opened.save(&args.project)?;
    writeln!(out, "Title: {}", args.title)?;
    Ok(())
}

pub fn source(action: &SourceAction, out: &mut dyn Write) -> Result<()> {
    match action {
        SourceAction::Set(args) => source_set(args, out),
        SourceAction::Remove(args) => source_remove(args, out),
        SourceAction::Move(args) => source_move(args, out),
    }
}

/// The source `id` of `project`, or an error that lists the ids there are.
fn source_id(project: &Project, path: &std::path::Path, id: &str) -> Result<SourceId> {
    match SourceId::new(id)
        .ok()
        .filter(|id| project.source(id).is_some())
    {
        Some(id) => Ok(id),
        None => {
            let ids: Vec<&str> = project.sources.iter().map(|s| s.id.as_str()).collect();
            bail!(
                "{}: there is no source `{id}`; its sources are: {}",
                path.display(),
                if ids.is_empty() {
                    "none".into()
                } else {
                    ids.join(", ")
                }
            )
        }
    }
}

fn source_set(args: &SourceSetArgs, out: &mut dyn Write) -> Result<()> {
    let path = &args.which.project;
    let mut opened = open(path, out)?;
    let id = source_id(&opened.project, path, &args.which.source)?;
    let mut source = opened
        .project
        .source(&id)
        .cloned()
        .context("the source is there")?;
    let text = |field: &Option<String>, into: &mut String| {
        if let Some(value) = field {
            into.clone_from(value);
        }
    };
    text(&args.title, &mut source.title);
    text(&args.outlet, &mut source.outlet);
    text(&args.author, &mut source.author);
    text(&args.url, &mut source.url);
    text(&args.memo, &mut source.memo);
    if let Some(day) = &args.published {
        source.published = none_or(day, |d| {
            NaiveDate::parse_from_str(d, "%Y-%m-%d")
                .map_err(|_| format!("`{d}` is not a day; give it as YYYY-MM-DD (or none)"))
        })?;
    }
    if let Some(grade) = &args.reliability {
        source.reliability = none_or(grade, str::parse::<Reliability>)?;
    }
    change(&mut opened, Command::UpdateSource(source.clone()))?;
    opened.save(path)?;
    writeln!(out, "{}", describe_source(&source))?;
    Ok(())
}

/// `none` as no value, anything else as `parse` reads it.
fn none_or<T>(value: &str, parse: impl Fn(&str) -> Result<T, String>) -> Result<Option<T>> {
    if value.trim().eq_ignore_ascii_case("none") {
        return Ok(None);
    }
    parse(value).map(Some).map_err(|why| anyhow::anyhow!(why))
}

/// A source's details in one line, as `source set` reports them.
fn describe_source(s: &crate::model::Source) -> String {
    let mut parts = vec![format!("{}: {}", s.id, s.display_title())];
    for (name, value) in [
        ("outlet", &s.outlet),
        ("author", &s.author),
        ("url", &s.url),
    ] {
        if !value.is_empty() {
            parts.push(format!("{name} {value}"));
        }
    }
    parts.push(s.published.map_or("publication date unknown".into(), |d| {
        format!("published {d}")
    }));
    parts.push(s.reliability.map_or("not graded".into(), |r| {
        format!("reliability {r} ({})", r.meaning())
    }));
    if !s.memo.is_empty() {
        parts.push(format!("memo “{}”", crate::wording::shorten(&s.memo, 40)));
    }
    parts.join(" · ")
}

fn source_remove(args: &SourceArg, out: &mut dyn Write) -> Result<()> {
    let mut opened = open(&args.project, out)?;
    let id = source_id(&opened.project, &args.project, &args.source)?;
    let annotations = opened.project.annotations_in(&id).len();
    let command = edit::remove_source(&opened.project, &id);
    change(&mut opened, command)?;
    opened.save(&args.project)?;
    writeln!(
        out,
        "Removed source {id} and its {}",
        count(annotations, "annotation")
    )?;
    Ok(())
}

fn source_move(args: &SourceMoveArgs, out: &mut dyn Write) -> Result<()> {
    let path = &args.which.project;
    let mut opened = open(path, out)?;
    let id = source_id(&opened.project, path, &args.which.source)?;
    let columns = opened.project.sources.len();
    if args.to == 0 || args.to > columns {
        bail!(
            "{}: --to {} is not a column; the project has {} (give 1 to {columns})",
            path.display(),
            args.to,
            count(columns, "source")
        );
    }
    change(
        &mut opened,
        Command::MoveSource {
            id: id.clone(),
            to: args.to - 1,
        },
    )?;
    opened.save(path)?;
    let order: Vec<&str> = opened
        .project
        .sources
        .iter()
        .map(|s| s.id.as_str())
        .collect();
    writeln!(
        out,
        "Moved {id} to column {}: {}",
        args.to,
        order.join(", ")
    )?;
    Ok(())
}

pub fn entity(action: &EntityAction, out: &mut dyn Write) -> Result<()> {
    match action {
        EntityAction::List(args) => entity_list(args, out),
        EntityAction::Set(args) => entity_set(args, out),
        EntityAction::Merge(args) => entity_merge(args, out),
        EntityAction::Remove(args) => entity_remove(args, out),
    }
}

/// The entity `id` of `project`, or an error naming the file.
fn entity_id(project: &Project, path: &std::path::Path, id: &str) -> Result<EntityId> {
    EntityId::new(id)
        .ok()
        .filter(|id| project.entities.contains_key(id))
        .with_context(|| {
            format!(
                "{}: there is no entity `{id}`; `parallax entity list {}` lists them",
                path.display(),
                path.display()
            )
        })
}

/// One entity as `entity list` prints it.
#[derive(Serialize)]
struct Listed<'a> {
    id: &'a str,
    name: &'a str,
    kind: &'a str,
    aliases: &'a [String],
    /// Per source (in column order): actor mentions, claims it speaks, claims it relays.
    mentions: Vec<Mentions<'a>>,
    memo: &'a str,
}

#[derive(Serialize)]
struct Mentions<'a> {
    source: &'a str,
    actor: usize,
    speaker: usize,
    via: usize,
}

fn listed<'a>(project: &'a Project) -> Vec<Listed<'a>> {
    project
        .entities
        .values()
        .map(|e| {
            let mentions = project
                .sources
                .iter()
                .map(|s| {
                    let mut m = Mentions {
                        source: s.id.as_str(),
                        actor: 0,
                        speaker: 0,
                        via: 0,
                    };
                    for a in project.annotations.values().filter(|a| a.source == s.id) {
                        match &a.tag {
                            crate::model::Tag::Actor { entity } => {
                                m.actor += usize::from(entity.as_ref() == Some(&e.id));
                            }
                            crate::model::Tag::Claim { speaker, via, .. } => {
                                m.speaker += usize::from(speaker.as_ref() == Some(&e.id));
                                m.via += usize::from(via.as_ref() == Some(&e.id));
                            }
                            crate::model::Tag::Date { .. } => {}
                        }
                    }
                    m
                })
                .collect();
            Listed {
                id: e.id.as_str(),
                name: &e.name,
                kind: e.kind.label(),
                aliases: &e.aliases,
                mentions,
                memo: &e.memo,
            }
        })
        .collect()
}

fn entity_list(args: &EntityListArgs, out: &mut dyn Write) -> Result<()> {
    let opened = open(&args.project, out)?;
    let entities = listed(&opened.project);
    if args.format == CompareFormat::Json {
        serde_json::to_writer_pretty(&mut *out, &entities)?;
        writeln!(out)?;
        return Ok(());
    }
    if entities.is_empty() {
        writeln!(out, "No entities yet.")?;
    }
    for e in &entities {
        writeln!(out, "{}  {} ({})", e.id, e.name, e.kind)?;
        if !e.aliases.is_empty() {
            writeln!(out, "    also: {}", e.aliases.join("; "))?;
        }
        let named: Vec<String> = e
            .mentions
            .iter()
            .filter(|m| m.actor + m.speaker + m.via > 0)
            .map(|m| {
                let mut parts = Vec::new();
                if m.actor > 0 {
                    parts.push(count(m.actor, TagKind::Actor.noun()));
                }
                if m.speaker > 0 {
                    parts.push(format!(
                        "speaker of {}",
                        count(m.speaker, TagKind::Claim.noun())
                    ));
                }
                if m.via > 0 {
                    parts.push(format!("via of {}", count(m.via, TagKind::Claim.noun())));
                }
                format!("{}: {}", m.source, parts.join(", "))
            })
            .collect();
        let named = if named.is_empty() {
            "not named in any source".to_string()
        } else {
            named.join("; ")
        };
        writeln!(out, "    {named}")?;
        if !e.memo.is_empty() {
            writeln!(out, "    memo: {}", crate::wording::one_line(e.memo))?;
        }
    }
    Ok(())
}

fn entity_set(args: &EntitySetArgs, out: &mut dyn Write) -> Result<()> {
    let path = &args.which.project;
    let mut opened = open(path, out)?;
    let id = entity_id(&opened.project, path, &args.which.entity)?;
    let mut entity = opened.project.entities[&id].clone();
    if let Some(name) = &args.name {
        if name.trim().is_empty() {
            bail!("{}: an entity's name cannot be empty", path.display());
        }
        entity.name.clone_from(name);
    }
    if let Some(kind) = args.kind {
        entity.kind = kind.into();
    }
    if !args.aliases.is_empty() {
        entity.aliases.clone_from(&args.aliases);
    }
    if let Some(memo) = &args.memo {
        entity.memo.clone_from(memo);
    }
    change(&mut opened, Command::PutEntity(entity.clone()))?;
    opened.save(path)?;
    let aliases = if entity.aliases.is_empty() {
        String::new()
    } else {
        format!(", also {}", entity.aliases.join("; "))
    };
    writeln!(
        out,
        "{}: {} ({}){aliases}",
        entity.id,
        entity.name,
        entity.kind.label()
    )?;
    Ok(())
}

fn entity_merge(args: &EntityMergeArgs, out: &mut dyn Write) -> Result<()> {
    let path = &args.project;
    let mut opened = open(path, out)?;
    let keep = entity_id(&opened.project, path, &args.keep)?;
    let mut merged = Vec::new();
    for id in &args.merged {
        let id = entity_id(&opened.project, path, id)?;
        if id == keep {
            bail!(
                "{}: `{id}` is the entity kept; it cannot be merged into itself",
                path.display()
            );
        }
        merged.push(id);
    }
    let command = edit::merge_entities(&opened.project, &keep, &merged)
        .map_err(|err| anyhow::anyhow!("{err}"))?;
    let moved = match &command {
        Command::Batch(steps) => steps
            .iter()
            .filter(|s| matches!(s, Command::PutAnnotation(_)))
            .count(),
        _ => 0,
    };
    change(&mut opened, command)?;
    opened.save(path)?;
    let kept = &opened.project.entities[&keep];
    writeln!(
        out,
        "Merged {} into {keep} ({}); {} now linked to it",
        count(merged.len(), "entity"),
        kept.name,
        count(moved, "annotation")
    )?;
    Ok(())
}

fn entity_remove(args: &EntityArg, out: &mut dyn Write) -> Result<()> {
    let path = &args.project;
    let mut opened = open(path, out)?;
    let id = entity_id(&opened.project, path, &args.entity)?;
    let linked: Vec<&str> = opened
        .project
        .annotations
        .values()
        .filter(|a| a.tag.references().0.contains(&&id))
        .map(|a| a.id.as_str())
        .collect();
    if !linked.is_empty() {
        let shown: Vec<&str> = linked.iter().take(5).copied().collect();
        let more = if linked.len() > shown.len() {
            ", …"
        } else {
            ""
        };
        bail!(
            "{}: entity `{id}` is still linked from {} ({}{more}); merge it into another \
             entity with `parallax entity merge`, or unlink those first",
            path.display(),
            count(linked.len(), "annotation"),
            shown.join(", ")
        );
    }
    change(&mut opened, Command::RemoveEntity(id.clone()))?;
    opened.save(path)?;
    writeln!(out, "Removed entity {id}")?;
    Ok(())
}
