//! Actors x sources: for each entity, how often each source mentions it and in which
//! words ("Vladimir Putin", "the Russian leader").
//!
//! Two mentions are one form when their words differ only in letter case or spacing
//! ("The President" at the start of a sentence, "the President" inside one); a form is
//! shown as first written. Forms are listed in the order of their first mention.

use std::collections::HashMap;

use crate::model::{AnnotationId, EntityId, Project, Tag, TagKind};

use super::{Columns, Mention};

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
    pub mentions: Vec<ActorMention>,
    /// The distinct ways of naming the entity, in the order of first use, each as first
    /// written with runs of white space made one space.
    pub forms: Vec<String>,
}

impl ActorCell {
    /// The mentions that use one of the cell's forms, in text order.
    pub fn uses(&self, form: usize) -> impl Iterator<Item = &AnnotationId> {
        self.mentions
            .iter()
            .filter(move |m| m.form == form)
            .map(|m| &m.annotation)
    }
}

/// One mention of an entity.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActorMention {
    pub annotation: AnnotationId,
    /// Its form: an index into the cell's forms.
    pub form: usize,
}

/// A cell being built, with its forms by their key.
#[derive(Default)]
struct Building {
    cell: ActorCell,
    forms: HashMap<String, usize>,
}

/// The actor rows in entity id order, and per column the mentions linked to no entity.
pub(super) fn build(project: &Project, columns: &Columns) -> (Vec<ActorRow>, Vec<Vec<Mention>>) {
    let mut row_of: HashMap<&EntityId, usize> = HashMap::new();
    let mut rows: Vec<(&EntityId, Vec<Building>)> = Vec::new();
    let mut unlinked = vec![Vec::new(); columns.len()];
    let mut key = String::new();
    for (column, annotations) in columns.of(TagKind::Actor) {
        for a in annotations {
            let Tag::Actor { entity: Some(entity) } = &a.tag else {
                unlinked[column].push(Mention::of(a));
                continue;
            };
            let row = *row_of.entry(entity).or_insert_with(|| {
                rows.push((entity, (0..columns.len()).map(|_| Building::default()).collect()));
                rows.len() - 1
            });
            let building = &mut rows[row].1[column];
            form_key(&a.quote.exact, &mut key);
            let form = match building.forms.get(key.as_str()) {
                Some(&form) => form,
                None => {
                    let form = building.cell.forms.len();
                    building.forms.insert(key.clone(), form);
                    let words = a.quote.exact.split_whitespace();
                    building.cell.forms.push(words.collect::<Vec<_>>().join(" "));
                    form
                }
            };
            building.cell.mentions.push(ActorMention {
                annotation: a.id.clone(),
                form,
            });
        }
    }
    rows.sort_unstable_by_key(|(entity, _)| *entity);
    let rows = rows
        .into_iter()
        .map(|(entity, cells)| {
            let cells: Vec<ActorCell> = cells.into_iter().map(|b| b.cell).collect();
            ActorRow {
                entity: entity.clone(),
                name: project.entity_name(entity).to_string(),
                missing: (0..cells.len())
                    .filter(|&c| cells[c].mentions.is_empty())
                    .collect(),
                cells,
            }
        })
        .collect();
    (rows, unlinked)
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

    fn texts(forms: &[String]) -> Vec<&str> {
        forms.iter().map(String::as_str).collect()
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
        assert_eq!((row.entity.as_str(), row.name.as_str()), ("putin", "Vladimir Putin"));
        let wire = &row.cells[0];
        let ids: Vec<&str> = wire.mentions.iter().map(|m| m.annotation.as_str()).collect();
        assert_eq!(ids, [first.as_str(), second.as_str(), third.as_str()]);
        let forms: Vec<usize> = wire.mentions.iter().map(|m| m.form).collect();
        assert_eq!(forms, [0, 1, 1]);
        assert_eq!(texts(&wire.forms), ["Vladimir Putin", "The Russian leader"]);
        let leader: Vec<&str> = wire.uses(1).map(|a| a.as_str()).collect();
        assert_eq!(leader, [second.as_str(), third.as_str()]);
        assert_eq!(texts(&row.cells[1].forms), ["Putin"]);
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
