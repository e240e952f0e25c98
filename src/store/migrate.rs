//! Project files written in older format versions, brought up to the current one.
//!
//! An older file is read into a [`Draft`]: the project in a lenient form in which the
//! fields later versions added may be missing. Each [`Step`] in [`STEPS`] then upgrades the
//! draft by one version. A new format version adds one step (and, if it adds fields, makes
//! them optional in the draft).
//!
//! Version 1 is the form a person writes by hand: annotations without `quote`, `created`
//! and `modified`, sources without `content_hash`.

use std::collections::btree_map::Entry;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use chrono::{DateTime, NaiveDate, Utc};
use serde::Deserialize;

use super::StoreError;
use super::check::Problem;
use crate::anchor::{Quote, SourceText};
use crate::model::{
    Annotation, AnnotationId, ClaimGroup, Entity, Project, Source, SourceId, Tag, content_hash, now,
};

/// The oldest format version this build reads.
pub const OLDEST_VERSION: u32 = 1;

/// The oldest format version whose files have the current shape: later versions only
/// added optional fields, so such a file is read in one pass as a current one.
pub(super) const CURRENT_SHAPE_SINCE: u32 = 2;

/// Upgrades a draft from version `from` to `from + 1`.
struct Step {
    from: u32,
    apply: fn(&mut Draft),
}

/// Every upgrade, oldest first: one per version from [`OLDEST_VERSION`] up to
/// [`crate::model::FORMAT_VERSION`].
const STEPS: &[Step] = &[
    Step {
        from: 1,
        apply: add_quotes_hashes_and_times,
    },
    Step {
        from: 2,
        apply: nothing_to_fill_in,
    },
    Step {
        from: 3,
        apply: nothing_to_fill_in,
    },
];

/// Reads a file of an older `version` and upgrades it to the current one.
pub(super) fn upgrade(text: &str, path: &Path, version: u32) -> Result<Project, StoreError> {
    let mut draft: Draft = super::parse(text, path)?;
    for step in STEPS.iter().filter(|s| s.from >= version) {
        (step.apply)(&mut draft);
    }
    draft.finish().map_err(|problems| StoreError::Invalid {
        path: path.to_path_buf(),
        problems,
    })
}

/// Version 1 to 2: quote every annotation from its text (when its span fits the text;
/// otherwise the check that follows marks it unplaced), hash every source's text, and date
/// undated annotations now.
fn add_quotes_hashes_and_times(draft: &mut Draft) {
    let now = now();
    for source in &mut draft.sources {
        source.content_hash = Some(content_hash(source.text.as_str()));
    }
    // The first source of each id, as a search through the list would find it.
    let mut texts = HashMap::new();
    for source in &draft.sources {
        texts.entry(&source.id).or_insert(&source.text);
    }
    for a in &mut draft.annotations {
        if a.quote.is_none() {
            let text = texts
                .get(&a.source)
                .filter(|text| text.check_span(&(a.start..a.end)).is_ok());
            a.quote = Some(text.map_or_else(Quote::default, |t| t.quote(a.start..a.end)));
        }
        let created = *a.created.get_or_insert(now);
        a.modified.get_or_insert(created);
    }
}

/// Version 2 to 3 and 3 to 4: the details version 3 adds (a source's file hash, when it
/// was added, its reliability and memo; entities' and claim groups' memos; a claim's
/// credibility) and the merge conflicts version 4 records are optional, and an older file
/// has none.
fn nothing_to_fill_in(_: &mut Draft) {}

#[derive(Deserialize)]
#[serde(rename = "Project")]
struct Draft {
    #[serde(default)]
    title: String,
    #[serde(default)]
    sources: Vec<DraftSource>,
    #[serde(default)]
    entities: Vec<Entity>,
    #[serde(default)]
    claim_groups: Vec<ClaimGroup>,
    #[serde(default)]
    annotations: Vec<DraftAnnotation>,
}

#[derive(Deserialize)]
#[serde(rename = "Source")]
struct DraftSource {
    id: SourceId,
    #[serde(default)]
    title: String,
    #[serde(default)]
    outlet: String,
    #[serde(default)]
    author: String,
    #[serde(default)]
    url: String,
    #[serde(default)]
    published: Option<NaiveDate>,
    #[serde(default)]
    origin: Option<PathBuf>,
    /// Since version 2.
    #[serde(default)]
    content_hash: Option<String>,
    text: SourceText,
}

#[derive(Deserialize)]
#[serde(rename = "Annotation")]
struct DraftAnnotation {
    id: AnnotationId,
    source: SourceId,
    start: usize,
    end: usize,
    /// Since version 2.
    #[serde(default)]
    quote: Option<Quote>,
    tag: Tag,
    #[serde(default)]
    note: String,
    /// Since version 2.
    #[serde(default)]
    created: Option<DateTime<Utc>>,
    /// Since version 2.
    #[serde(default)]
    modified: Option<DateTime<Utc>>,
    #[serde(default)]
    unplaced: bool,
}

impl Draft {
    /// The project the upgraded draft describes; fails only on duplicate ids.
    fn finish(self) -> Result<Project, Vec<Problem>> {
        let mut problems = Vec::new();
        let mut project = Project::new(self.title);
        project.sources = self
            .sources
            .into_iter()
            .map(|s| Source {
                id: s.id,
                title: s.title,
                outlet: s.outlet,
                author: s.author,
                url: s.url,
                published: s.published,
                origin: s.origin,
                file_hash: None,
                added: None,
                reliability: None,
                memo: String::new(),
                content_hash: s.content_hash.unwrap_or_default(),
                text: s.text,
            })
            .collect();
        project.entities = by_id(self.entities, |e| e.id.clone(), "entity", &mut problems);
        project.claim_groups = by_id(
            self.claim_groups,
            |g| g.id.clone(),
            "claim group",
            &mut problems,
        );
        let annotations = self.annotations.into_iter().map(|a| {
            let created = a.created.unwrap_or_default();
            Annotation {
                id: a.id,
                source: a.source,
                start: a.start,
                end: a.end,
                quote: a.quote.unwrap_or_default(),
                tag: a.tag,
                note: a.note,
                created,
                modified: a.modified.unwrap_or(created),
                unplaced: a.unplaced,
            }
        });
        project.annotations = by_id(annotations, |a| a.id.clone(), "annotation", &mut problems);
        if problems.is_empty() {
            Ok(project)
        } else {
            Err(problems)
        }
    }
}

/// A list keyed by id, with every duplicate id reported.
fn by_id<K: Ord + ToString, V>(
    list: impl IntoIterator<Item = V>,
    id: impl Fn(&V) -> K,
    kind: &'static str,
    problems: &mut Vec<Problem>,
) -> BTreeMap<K, V> {
    let mut map = BTreeMap::new();
    for item in list {
        match map.entry(id(&item)) {
            Entry::Occupied(taken) => problems.push(Problem::DuplicateId {
                kind,
                id: taken.key().to_string(),
            }),
            Entry::Vacant(free) => {
                free.insert(item);
            }
        }
    }
    map
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::FORMAT_VERSION;

    #[test]
    fn the_steps_lead_from_the_oldest_version_to_the_current_one() {
        let froms: Vec<u32> = STEPS.iter().map(|s| s.from).collect();
        let expected: Vec<u32> = (OLDEST_VERSION..FORMAT_VERSION).collect();
        assert_eq!(froms, expected);
    }

    #[test]
    fn duplicate_ids_in_an_old_file_are_problems() {
        let text = r#"(
            format_version: 1,
            entities: [(id: "pope", name: "Leo"), (id: "pope", name: "Leo XIV")],
        )"#;
        let err = upgrade(text, Path::new("old.ron"), 1).unwrap_err();
        let message = err.to_string();
        assert!(
            message.contains("old.ron") && message.contains("`pope`"),
            "{message}"
        );
    }
}
