//! The project model: sources, annotations, entities and claim groups.
//!
//! Plain data with no I/O and no window code. Changes go through [`crate::edit`]; files
//! are read and written by [`crate::store`].

mod conflict;
mod date;
mod grade;
mod ids;

use std::collections::BTreeMap;
use std::ops::Range;
use std::path::PathBuf;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

use crate::anchor::{Quote, SourceText};

pub use conflict::{Conflict, Item, Why};
pub use date::{BadDate, CalendarDate, DateValue, Precision};
pub use grade::{Credibility, Reliability, admiralty};
pub use ids::{AnnotationId, BadId, ClaimGroupId, EntityId, SourceId, check_id, slug};

/// The version of the project file format this build writes.
pub const FORMAT_VERSION: u32 = 4;

/// A set of sources about one event, and everything the analyst marked in them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Project {
    pub format_version: u32,
    #[serde(default)]
    pub title: String,
    /// In the order the analyst arranged them.
    #[serde(default)]
    pub sources: Vec<Source>,
    #[serde(default, with = "by_id")]
    pub entities: BTreeMap<EntityId, Entity>,
    #[serde(default, with = "by_id")]
    pub claim_groups: BTreeMap<ClaimGroupId, ClaimGroup>,
    #[serde(default, with = "by_id")]
    pub annotations: BTreeMap<AnnotationId, Annotation>,
    /// What a merge of two analysts' work left for the analyst to settle (since version 4).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<Conflict>,
}

impl Default for Project {
    fn default() -> Self {
        Self::new("")
    }
}

impl Project {
    pub fn new(title: impl Into<String>) -> Self {
        Self {
            format_version: FORMAT_VERSION,
            title: title.into(),
            sources: Vec::new(),
            entities: BTreeMap::new(),
            claim_groups: BTreeMap::new(),
            annotations: BTreeMap::new(),
            conflicts: Vec::new(),
        }
    }

    pub fn source(&self, id: &SourceId) -> Option<&Source> {
        self.sources.iter().find(|s| &s.id == id)
    }

    pub fn source_index(&self, id: &SourceId) -> Option<usize> {
        self.sources.iter().position(|s| &s.id == id)
    }

    /// The name each source goes by wherever sources are named side by side (columns of
    /// the comparison, conflicts, reports), in the project's order: its short name
    /// ([`Source::short_name`]), followed by its id in brackets when another source has
    /// the same short name ("Meridian Wire (wire-2)").
    pub fn source_names(&self) -> Vec<String> {
        let mut seen: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for s in &self.sources {
            *seen.entry(s.short_name()).or_default() += 1;
        }
        self.sources
            .iter()
            .map(|s| {
                let name = s.short_name();
                if seen[name] > 1 && name != s.id.as_str() {
                    format!("{name} ({})", s.id)
                } else {
                    name.to_string()
                }
            })
            .collect()
    }

    /// The annotations of one source, in text order.
    pub fn annotations_in(&self, source: &SourceId) -> Vec<&Annotation> {
        let mut list: Vec<&Annotation> = self
            .annotations
            .values()
            .filter(|a| &a.source == source)
            .collect();
        list.sort_by(|a, b| (a.start, a.end, &a.id).cmp(&(b.start, b.end, &b.id)));
        list
    }

    /// An entity's display name, or its id when it is unknown.
    pub fn entity_name<'a>(&'a self, id: &'a EntityId) -> &'a str {
        self.entities
            .get(id)
            .map_or(id.as_str(), |e| e.name.as_str())
    }

    /// A source id derived from `wanted` (or a title) that no source has yet.
    pub fn fresh_source_id(&self, wanted: &str) -> SourceId {
        let base = slug(wanted).unwrap_or_else(|| "source".into());
        let base: String = base.chars().take(56).collect();
        let mut candidate = base.clone();
        let mut n = 2;
        while self.sources.iter().any(|s| s.id.as_str() == candidate) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        SourceId::new(candidate).unwrap_or_else(|_| SourceId::random())
    }
}

/// One document: a report, a statement, a transcript.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Source {
    pub id: SourceId,
    #[serde(default)]
    pub title: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub outlet: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub author: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub url: String,
    /// The day it was published; relative dates in the text are resolved against it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<NaiveDate>,
    /// Where the text was imported from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub origin: Option<PathBuf>,
    /// SHA-256 of the file's bytes as they were received, in hex (since version 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub file_hash: Option<String>,
    /// When the source was added to the project (since version 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub added: Option<DateTime<Utc>>,
    /// How far the analyst relies on it (since version 3).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reliability: Option<Reliability>,
    /// The analyst's memo on the source (since version 3).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub memo: String,
    /// SHA-256 of the text, in hex.
    pub content_hash: String,
    pub text: SourceText,
}

impl Source {
    /// A source with the given text and no metadata; the text must already be normalised.
    pub fn new(id: SourceId, title: impl Into<String>, text: impl Into<String>) -> Self {
        let text = SourceText::new(text);
        Self {
            id,
            title: title.into(),
            outlet: String::new(),
            author: String::new(),
            url: String::new(),
            published: None,
            origin: None,
            file_hash: None,
            added: None,
            reliability: None,
            memo: String::new(),
            content_hash: content_hash(text.as_str()),
            text,
        }
    }

    /// The short name of the source: its outlet, else its title, else its id.
    pub fn short_name(&self) -> &str {
        [self.outlet.trim(), self.title.trim()]
            .into_iter()
            .find(|name| !name.is_empty())
            .unwrap_or(self.id.as_str())
    }

    /// Title, or the id when the title is empty.
    pub fn display_title(&self) -> &str {
        if self.title.trim().is_empty() {
            self.id.as_str()
        } else {
            &self.title
        }
    }
}

/// SHA-256 of a text, in lowercase hex.
pub fn content_hash(text: &str) -> String {
    bytes_hash(text.as_bytes())
}

/// SHA-256 of bytes, in lowercase hex (whole project files are compared by it).
pub fn bytes_hash(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Someone or something the sources name: a person, an organisation, a place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    pub id: EntityId,
    pub name: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliases: Vec<String>,
    #[serde(default)]
    pub kind: EntityKind,
    /// The analyst's memo on the entity (since version 3).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub memo: String,
}

impl Entity {
    pub fn new(id: EntityId, name: impl Into<String>, kind: EntityKind) -> Self {
        Self {
            id,
            name: name.into(),
            aliases: Vec::new(),
            kind,
            memo: String::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
pub enum EntityKind {
    Person,
    Organisation,
    Place,
    #[default]
    Other,
}

impl EntityKind {
    pub const ALL: [EntityKind; 4] = [
        EntityKind::Person,
        EntityKind::Organisation,
        EntityKind::Place,
        EntityKind::Other,
    ];

    pub fn label(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Organisation => "organisation",
            EntityKind::Place => "place",
            EntityKind::Other => "other",
        }
    }
}

/// One claim as carried by several sources, in their several wordings.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimGroup {
    pub id: ClaimGroupId,
    pub label: String,
    /// The analyst's memo on the claim (since version 3).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub memo: String,
}

impl ClaimGroup {
    pub fn new(id: ClaimGroupId, label: impl Into<String>) -> Self {
        Self {
            id,
            label: label.into(),
            memo: String::new(),
        }
    }
}

/// A span of a source tagged as an actor, a claim or a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Annotation {
    pub id: AnnotationId,
    pub source: SourceId,
    /// Code-point offset of the first character.
    pub start: usize,
    /// Code-point offset just past the last character.
    pub end: usize,
    pub quote: Quote,
    pub tag: Tag,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    #[serde(deserialize_with = "timestamp::deserialize")]
    pub created: DateTime<Utc>,
    #[serde(deserialize_with = "timestamp::deserialize")]
    pub modified: DateTime<Utc>,
    /// Set when the quoted words could not be found in the source's text (after the
    /// source was revised or the file edited by hand): `start` and `end` are where the
    /// words used to be, and the analyst must place the annotation again.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub unplaced: bool,
}

impl Annotation {
    /// A new annotation over `span` of `source`, quoting it, created now.
    pub fn new(id: AnnotationId, source: &Source, span: Range<usize>, tag: Tag) -> Self {
        let now = now();
        Self {
            id,
            source: source.id.clone(),
            start: span.start,
            end: span.end,
            quote: source.text.quote(span),
            tag,
            note: String::new(),
            created: now,
            modified: now,
            unplaced: false,
        }
    }

    pub fn span(&self) -> Range<usize> {
        self.start..self.end
    }

    /// The same annotation (its tag, links, note) over another span of its source,
    /// quoting the new words, modified now.
    pub fn reshaped(&self, source: &Source, span: Range<usize>) -> Self {
        Self {
            start: span.start,
            end: span.end,
            quote: source.text.quote(span),
            modified: now(),
            unplaced: false,
            ..self.clone()
        }
    }

    pub fn kind(&self) -> TagKind {
        self.tag.kind()
    }
}

/// The current time, to the second (project files need no finer).
pub fn now() -> DateTime<Utc> {
    let t = Utc::now();
    DateTime::from_timestamp(t.timestamp(), 0).unwrap_or(t)
}

/// What an annotation marks, with the links that belong to that kind.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Tag {
    /// A mention of an actor, linked to the entity it names.
    Actor {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        entity: Option<EntityId>,
    },
    /// A reported claim: who made it, through whom, and which claim it is across sources.
    Claim {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        speaker: Option<EntityId>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        via: Option<EntityId>,
        #[serde(default, skip_serializing_if = "Option::is_none")]
        group: Option<ClaimGroupId>,
        /// How credible the analyst judges this wording (since version 3).
        #[serde(default, skip_serializing_if = "Option::is_none")]
        credibility: Option<Credibility>,
    },
    /// A date, with its normalised calendar value.
    Date {
        #[serde(default, skip_serializing_if = "Option::is_none")]
        value: Option<DateValue>,
    },
}

impl Tag {
    pub fn kind(&self) -> TagKind {
        match self {
            Tag::Actor { .. } => TagKind::Actor,
            Tag::Claim { .. } => TagKind::Claim,
            Tag::Date { .. } => TagKind::Date,
        }
    }

    /// The entities and claim group this tag refers to.
    pub fn references(&self) -> (Vec<&EntityId>, Option<&ClaimGroupId>) {
        match self {
            Tag::Actor { entity } => (entity.iter().collect(), None),
            Tag::Claim {
                speaker,
                via,
                group,
                ..
            } => (speaker.iter().chain(via.iter()).collect(), group.as_ref()),
            Tag::Date { .. } => (Vec::new(), None),
        }
    }
}

/// The three kinds of annotation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum TagKind {
    Actor,
    Claim,
    Date,
}

impl TagKind {
    pub const ALL: [TagKind; 3] = [TagKind::Actor, TagKind::Claim, TagKind::Date];

    /// The kind's name as a label or at the start of a sentence: `Actor`.
    pub fn label(self) -> &'static str {
        match self {
            TagKind::Actor => "Actor",
            TagKind::Claim => "Claim",
            TagKind::Date => "Date",
        }
    }

    /// The kind's name inside a sentence: `actor`.
    pub fn noun(self) -> &'static str {
        match self {
            TagKind::Actor => "actor",
            TagKind::Claim => "claim",
            TagKind::Date => "date",
        }
    }

    /// The kind's name for several tags: `actors`.
    pub fn plural(self) -> String {
        crate::wording::plural(2, self.noun())
    }

    /// The letter that marks the kind beside a highlight: `A`.
    pub fn letter(self) -> &'static str {
        &self.label()[..1]
    }

    /// An empty tag of this kind.
    pub fn empty_tag(self) -> Tag {
        match self {
            TagKind::Actor => Tag::Actor { entity: None },
            TagKind::Claim => Tag::Claim {
                speaker: None,
                via: None,
                group: None,
                credibility: None,
            },
            TagKind::Date => Tag::Date { value: None },
        }
    }

    /// Parses a kind case-insensitively (`actor`, `Claim`, `DATE`).
    pub fn parse(s: &str) -> Option<TagKind> {
        TagKind::ALL
            .into_iter()
            .find(|k| k.label().eq_ignore_ascii_case(s.trim()))
    }
}

/// Reads an annotation's times: RFC 3339 as Parallax writes them (`2025-06-05T14:02:11Z`)
/// by the direct route, any other form chrono reads by chrono's general one.
mod timestamp {
    use std::fmt;

    use chrono::{DateTime, Utc};
    use serde::Deserializer;
    use serde::de::{Error, Visitor};

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<DateTime<Utc>, D::Error> {
        d.deserialize_str(Time)
    }

    struct Time;

    impl Visitor<'_> for Time {
        type Value = DateTime<Utc>;

        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("an RFC 3339 formatted date and time string")
        }

        fn visit_str<E: Error>(self, text: &str) -> Result<Self::Value, E> {
            match DateTime::parse_from_rfc3339(text) {
                Ok(time) => Ok(time.with_timezone(&Utc)),
                Err(_) => text.parse().map_err(E::custom),
            }
        }
    }
}

/// Keeps id-keyed maps as plain lists in the project file, refusing duplicate ids.
mod by_id {
    use std::collections::BTreeMap;

    use serde::de::Error;
    use serde::{Deserialize, Deserializer, Serialize, Serializer};

    pub trait HasId {
        type Id: Ord + Clone + std::fmt::Display;
        fn id(&self) -> &Self::Id;
    }

    pub fn serialize<S, K, V>(map: &BTreeMap<K, V>, s: S) -> Result<S::Ok, S::Error>
    where
        S: Serializer,
        V: Serialize,
    {
        s.collect_seq(map.values())
    }

    pub fn deserialize<'de, D, V>(d: D) -> Result<BTreeMap<V::Id, V>, D::Error>
    where
        D: Deserializer<'de>,
        V: Deserialize<'de> + HasId,
    {
        let list = Vec::<V>::deserialize(d)?;
        // A list sorted by id (as Parallax writes it) makes a map in one pass.
        if list.windows(2).all(|pair| pair[0].id() < pair[1].id()) {
            return Ok(list
                .into_iter()
                .map(|item| (item.id().clone(), item))
                .collect());
        }
        let mut map = BTreeMap::new();
        for item in list {
            let id = item.id().clone();
            if map.insert(id.clone(), item).is_some() {
                return Err(D::Error::custom(format!("the id `{id}` is used twice")));
            }
        }
        Ok(map)
    }

    macro_rules! has_id {
        ($t:ty, $id:ty) => {
            impl HasId for $t {
                type Id = $id;
                fn id(&self) -> &$id {
                    &self.id
                }
            }
        };
    }
    has_id!(super::Entity, super::EntityId);
    has_id!(super::ClaimGroup, super::ClaimGroupId);
    has_id!(super::Annotation, super::AnnotationId);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_goes_by_its_outlet_else_its_title_else_its_id() {
        let mut p = Project::new("names");
        let mut wire = Source::new(SourceId::new("wire").unwrap(), "Channel shut", "x");
        wire.outlet = "Northline Wire".into();
        let titled = Source::new(SourceId::new("notice").unwrap(), "Port notice", "x");
        let bare = Source::new(SourceId::new("bare").unwrap(), "  ", "x");
        let mut again = Source::new(SourceId::new("wire-2").unwrap(), "Later", "x");
        again.outlet = "Northline Wire".into();
        assert_eq!(wire.short_name(), "Northline Wire");
        assert_eq!(titled.short_name(), "Port notice");
        assert_eq!(bare.short_name(), "bare");
        p.sources = vec![wire, titled, bare, again];
        assert_eq!(
            p.source_names(),
            [
                "Northline Wire (wire)",
                "Port notice",
                "bare",
                "Northline Wire (wire-2)"
            ]
        );
    }

    #[test]
    fn fresh_source_ids_do_not_clash() {
        let mut p = Project::new("t");
        let id = p.fresh_source_id("Vatican News");
        assert_eq!(id.as_str(), "vatican-news");
        p.sources.push(Source::new(id, "Vatican News", "text"));
        assert_eq!(p.fresh_source_id("Vatican News").as_str(), "vatican-news-2");
        assert_eq!(p.fresh_source_id("«»").as_str(), "source");
    }

    #[test]
    fn annotations_in_text_order() {
        let mut p = Project::new("t");
        let s = Source::new(SourceId::new("s").unwrap(), "S", "one two three");
        for span in [8..13, 0..3, 4..7] {
            let a = Annotation::new(AnnotationId::random(), &s, span, TagKind::Date.empty_tag());
            p.annotations.insert(a.id.clone(), a);
        }
        p.sources.push(s);
        let starts: Vec<usize> = p
            .annotations_in(&SourceId::new("s").unwrap())
            .iter()
            .map(|a| a.start)
            .collect();
        assert_eq!(starts, [0, 4, 8]);
    }

    #[test]
    fn duplicate_ids_are_refused_on_load() {
        let s = Source::new(SourceId::new("s").unwrap(), "S", "abc");
        let a = Annotation::new(
            AnnotationId::new("x").unwrap(),
            &s,
            0..1,
            TagKind::Actor.empty_tag(),
        );
        let mut p = Project::new("t");
        p.sources.push(s);
        p.annotations.insert(a.id.clone(), a);
        let mut value = serde_json::to_value(&p).unwrap();
        let list = value["annotations"].as_array_mut().unwrap();
        list.push(list[0].clone());
        let err = serde_json::from_value::<Project>(value).unwrap_err();
        assert!(err.to_string().contains("used twice"), "{err}");
    }

    #[test]
    fn tag_kinds_parse_case_insensitively() {
        assert_eq!(TagKind::parse("actor"), Some(TagKind::Actor));
        assert_eq!(TagKind::parse("CLAIM"), Some(TagKind::Claim));
        assert_eq!(TagKind::parse("Event"), None);
    }

    #[test]
    fn tag_kinds_are_worded_alike_everywhere() {
        let words: Vec<_> = TagKind::ALL
            .map(|k| (k.label(), k.noun(), k.plural(), k.letter()))
            .into();
        assert_eq!(
            words,
            [
                ("Actor", "actor", "actors".to_string(), "A"),
                ("Claim", "claim", "claims".to_string(), "C"),
                ("Date", "date", "dates".to_string(), "D"),
            ]
        );
    }

    #[test]
    fn content_hash_is_sha256() {
        assert_eq!(
            content_hash("abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
