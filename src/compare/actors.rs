//! Actors x sources: for each entity, how often each source mentions it and in which
//! words ("Vladimir Putin", "the Russian leader").
//!
//! Two mentions are one form when their words differ only in letter case or spacing
//! ("The President" at the start of a sentence, "the President" inside one); a form is
//! shown as first written. Forms are listed in the order of their first mention.

use rustc_hash::FxHashMap;

use crate::model::{EntityId, Project};

use super::Mention;
use super::index::{Index, TextOrder, sorted};

/// One entity across the sources.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorRow {
    pub entity: EntityId,
    /// The entity's name (its id when the project does not have it).
    pub name: String,
    /// One cell per column.
    pub cells: Vec<ActorCell>,
    /// The columns that do not mention the entity at all.
    pub missing: Vec<usize>,
}

impl ActorRow {
    /// Whether some sources name the actor and others do not.
    pub fn named_by_some_only(&self) -> bool {
        !self.missing.is_empty()
    }
}

/// How one source names one entity.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ActorCell {
    /// Every mention, in text order.
    pub mentions: Vec<Mention>,
}

impl ActorCell {
    /// The distinct ways the source names the entity, in the order of first use (made
    /// when asked: a view asks for the cells it shows).
    pub fn forms(&self) -> Vec<Form> {
        let mut forms: Vec<Form> = Vec::new();
        let mut by_key: FxHashMap<String, usize> = FxHashMap::default();
        let mut key = String::new();
        for (i, mention) in self.mentions.iter().enumerate() {
            form_key(&mention.text, &mut key);
            match by_key.get(key.as_str()) {
                Some(&form) => forms[form].mentions.push(i),
                None => {
                    by_key.insert(key.clone(), forms.len());
                    forms.push(Form {
                        text: mention
                            .text
                            .split_whitespace()
                            .collect::<Vec<_>>()
                            .join(" "),
                        mentions: vec![i],
                    });
                }
            }
        }
        forms
    }
}

/// One way a source names an entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Form {
    /// The words as first written, with runs of white space made one space.
    pub text: String,
    /// The mentions in this form: indexes into the cell's mentions, in text order.
    pub mentions: Vec<usize>,
}

/// The actor rows in entity id order, and per column the mentions linked to no entity.
pub(super) fn build(project: &Project, index: &Index) -> (Vec<ActorRow>, Vec<Vec<Mention>>) {
    let columns = index.columns;
    let mut rows: Vec<Option<Vec<TextOrder<Mention>>>> = vec![None; index.entities.len()];
    let mut unlinked = vec![TextOrder::default(); columns];
    for item in &index.actors {
        let mention = item.mention();
        let cell = match item.link {
            Some(entity) => &mut rows[entity]
                .get_or_insert_with(|| vec![TextOrder::default(); columns])[item.column],
            None => &mut unlinked[item.column],
        };
        cell.push(item.place, mention);
    }
    let mut rows: Vec<ActorRow> = rows
        .into_iter()
        .zip(&index.entities)
        .filter_map(|(cells, &entity)| {
            let cells: Vec<ActorCell> = sorted(cells?)
                .into_iter()
                .map(|mentions| ActorCell { mentions })
                .collect();
            Some(ActorRow {
                entity: entity.clone(),
                name: project.entity_name(entity).to_string(),
                missing: (0..cells.len())
                    .filter(|&c| cells[c].mentions.is_empty())
                    .collect(),
                cells,
            })
        })
        .collect();
    rows.sort_unstable_by(|a, b| a.entity.cmp(&b.entity));
    (rows, sorted(unlinked))
}

/// What makes two forms one: the words in lower case with spacing made even.
fn form_key(words: &str, key: &mut String) {
    key.clear();
    for word in words.split_whitespace() {
        if !key.is_empty() {
            key.push(' ');
        }
        if word.is_ascii() {
            key.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            key.push_str(&word.to_lowercase());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::Comparison;
    use super::super::fixture::Fixture;

    fn texts(forms: &[super::Form]) -> Vec<&str> {
        forms.iter().map(|f| f.text.as_str()).collect()
    }

    #[test]
    fn each_source_names_an_actor_in_its_own_forms_in_text_order() {
        let mut f = Fixture::new(&["wire", "radio"]);
        f.name("putin", "Vladimir Putin");
        let first = f.actor("wire", "Vladimir Putin", Some("putin"));
        f.write("wire", "spoke.");
        let second = f.actor("wire", "The Russian leader", Some("putin"));
        f.write("wire", "said");
        let third = f.actor("wire", "the  Russian\nleader", Some("putin"));
        f.actor("radio", "Putin", Some("putin"));
        let c = Comparison::build(&f.project());
        assert_eq!(c.actors.len(), 1);
        let row = &c.actors[0];
        assert_eq!(
            (row.entity.as_str(), row.name.as_str()),
            ("putin", "Vladimir Putin")
        );
        let wire = &row.cells[0];
        let ids: Vec<&str> = wire
            .mentions
            .iter()
            .map(|m| m.annotation.as_str())
            .collect();
        assert_eq!(ids, [first.as_str(), second.as_str(), third.as_str()]);
        let forms = wire.forms();
        assert_eq!(texts(&forms), ["Vladimir Putin", "The Russian leader"]);
        assert_eq!(forms[0].mentions, [0]);
        assert_eq!(forms[1].mentions, [1, 2]);
        assert_eq!(texts(&row.cells[1].forms()), ["Putin"]);
        assert!(!row.named_by_some_only());
    }

    #[test]
    fn actors_only_some_sources_name_are_marked_and_silent_entities_omitted() {
        let mut f = Fixture::new(&["a", "b", "c"]);
        f.actor("a", "Leo", Some("leo"));
        f.actor("b", "Leo", Some("leo"));
        f.actor("c", "Leo", Some("leo"));
        f.actor("b", "Kálmán", Some("kalman"));
        let mut p = f.project();
        let silent = crate::model::EntityId::new("silent").unwrap();
        p.entities.insert(
            silent.clone(),
            crate::model::Entity::new(silent, "Nobody", crate::model::EntityKind::Person),
        );
        let c = Comparison::build(&p);
        let ids: Vec<&str> = c.actors.iter().map(|r| r.entity.as_str()).collect();
        assert_eq!(ids, ["kalman", "leo"]);
        assert!(c.actors[0].named_by_some_only());
        assert_eq!(c.actors[0].missing, [0, 2]);
        assert!(c.actors[1].missing.is_empty());
    }

    #[test]
    fn mentions_of_no_entity_are_listed_per_source() {
        let mut f = Fixture::new(&["a", "b"]);
        f.actor("a", "a spokesman", None);
        let linked = f.actor("b", "Leo", Some("leo"));
        let loose = f.actor("b", "officials", None);
        let c = Comparison::build(&f.project());
        assert_eq!(c.unlinked_actors[0][0].text, "a spokesman");
        assert_eq!(c.unlinked_actors[1].len(), 1);
        assert_eq!(c.unlinked_actors[1][0].annotation.as_str(), loose);
        assert_eq!(c.actors[0].cells[1].mentions[0].annotation.as_str(), linked);
    }
}
