//! What a merge of two analysts' work could not settle on its own (since version 4): the
//! same item changed differently on both sides, changed on one side and removed on the
//! other, or removed on one side while the other side still refers to it.
//!
//! The merged project keeps our version of each such item (or, where the other side still
//! refers to an item we removed, the item, so that nothing points nowhere) and records the
//! conflict with both versions, until the analyst settles it.

use serde::{Deserialize, Serialize};

use super::{Annotation, ClaimGroup, Entity, Source};

/// One conflict: why, and each side's version of the item (`None`: that side removed it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    pub why: Why,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ours: Option<Item>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub theirs: Option<Item>,
}

/// Why two versions could not be merged.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Why {
    /// Both sides changed the item (or added one with the same id), differently.
    ChangedOnBoth,
    /// One side changed the item, the other removed it.
    ChangedAndRemoved,
    /// One side removed (or merged away) the item, the other still refers to it: the
    /// merged project keeps it so that the references hold.
    RemovedButReferred,
}

/// A version of one item of the project.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Item {
    Title(String),
    Source(Source),
    Entity(Entity),
    ClaimGroup(ClaimGroup),
    Annotation(Annotation),
}

impl Item {
    /// What the item is, for messages: `entity `ada` (Ada Brink)`.
    pub fn describe(&self) -> String {
        let quote = |text: &str| crate::wording::shorten(&crate::wording::one_line(text), 40);
        match self {
            Item::Title(_) => "the project's title".to_owned(),
            Item::Source(s) => format!("source `{}` ({})", s.id, quote(s.display_title())),
            Item::Entity(e) => format!("entity `{}` ({})", e.id, quote(&e.name)),
            Item::ClaimGroup(g) => format!("claim group `{}` ({})", g.id, quote(&g.label)),
            Item::Annotation(a) => format!(
                "{} annotation `{}` in `{}` (\"{}\")",
                a.kind().noun(),
                a.id,
                a.source,
                quote(&a.quote.exact)
            ),
        }
    }
}

impl Conflict {
    /// The item as either side has it (ours first).
    pub fn item(&self) -> Option<&Item> {
        self.ours.as_ref().or(self.theirs.as_ref())
    }

    /// The conflict in one sentence: `entity `ada` (Ada Brink): changed differently on
    /// both sides`.
    pub fn describe(&self) -> String {
        let item = self.item().map_or_else(String::new, Item::describe);
        let what = match (self.why, &self.ours, &self.theirs) {
            (Why::ChangedOnBoth, _, _) => "changed differently on both sides",
            (Why::ChangedAndRemoved, None, _) => "removed on our side, changed on theirs",
            (Why::ChangedAndRemoved, _, _) => "changed on our side, removed on theirs",
            (Why::RemovedButReferred, None, _) => {
                "removed on our side, but their side refers to it (kept)"
            }
            (Why::RemovedButReferred, _, _) => {
                "removed on their side, but our side refers to it (kept)"
            }
        };
        format!("{item}: {what}")
    }
}
