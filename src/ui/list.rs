//! The annotations list: every annotation of every source in one table, filtered by tag,
//! source, entity and text. Clicking a row scrolls its source to it and selects it.

use egui::{RichText, Ui};
use egui_extras::{Column, TableBuilder};

use super::action::{Action, Actions};
use super::spans::{AnnotationIndex, Entry};
use super::theme;
use super::view::View;
use crate::model::{AnnotationId, EntityId, Project, SourceId, Tag, TagKind};

/// What the rows were computed for: the project state and the filters.
type RowsKey = (
    u64,
    Option<TagKind>,
    Option<SourceId>,
    Option<EntityId>,
    String,
);

/// The list's filters, and the rows they let through.
#[derive(Debug, Default)]
pub struct ListState {
    pub tag: Option<TagKind>,
    pub source: Option<SourceId>,
    pub entity: Option<EntityId>,
    pub text: String,
    /// Positions in the index of the rows that pass the filters, when any filter is set.
    filtered: Vec<usize>,
    computed_for: Option<RowsKey>,
}

impl ListState {
    fn filtering(&self) -> bool {
        self.tag.is_some()
            || self.source.is_some()
            || self.entity.is_some()
            || !self.text.trim().is_empty()
    }

    /// The rows to show: every annotation when no filter is set (no copy is made, so an
    /// edit costs nothing here), else those that pass.
    pub fn rows<'a>(
        &'a mut self,
        project: &Project,
        index: &'a AnnotationIndex,
        state: u64,
    ) -> Rows<'a> {
        if !self.filtering() {
            return Rows {
                entries: index.entries(),
                picked: None,
            };
        }
        let key = (
            state,
            self.tag,
            self.source.clone(),
            self.entity.clone(),
            self.text.clone(),
        );
        if self.computed_for.as_ref() != Some(&key) {
            self.filtered = filter(
                project,
                index,
                self.tag,
                self.source.as_ref(),
                self.entity.as_ref(),
                &self.text,
            );
            self.computed_for = Some(key);
        }
        Rows {
            entries: index.entries(),
            picked: Some(&self.filtered),
        }
    }
}

/// The rows of the list, in source then text order.
pub struct Rows<'a> {
    entries: &'a [Entry],
    picked: Option<&'a [usize]>,
}

impl<'a> Rows<'a> {
    pub fn len(&self) -> usize {
        self.picked.map_or(self.entries.len(), <[usize]>::len)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn get(&self, row: usize) -> &'a Entry {
        match self.picked {
            Some(picked) => &self.entries[picked[row]],
            None => &self.entries[row],
        }
    }
}

/// The positions in the index of the annotations that pass the given filters.
pub fn filter(
    project: &Project,
    index: &AnnotationIndex,
    tag: Option<TagKind>,
    source: Option<&SourceId>,
    entity: Option<&EntityId>,
    text: &str,
) -> Vec<usize> {
    let needle = text.trim().to_lowercase();
    let source = source.and_then(|s| index.source_position(s));
    let mut rows = Vec::new();
    for (i, e) in index.entries().iter().enumerate() {
        if source.is_some_and(|s| s != e.source) || tag.is_some_and(|t| t != e.kind) {
            continue;
        }
        if entity.is_none() && needle.is_empty() {
            rows.push(i);
            continue;
        }
        let Some(a) = project.annotations.get(&e.id) else {
            continue;
        };
        if let Some(wanted) = entity
            && !a.tag.references().0.contains(&wanted)
        {
            continue;
        }
        if !needle.is_empty()
            && !a.quote.exact.to_lowercase().contains(&needle)
            && !a.note.to_lowercase().contains(&needle)
        {
            continue;
        }
        rows.push(i);
    }
    rows
}

pub fn show(view: &View, state: &mut ListState, ui: &mut Ui, out: &mut Actions) {
    // At most a third of the window, so that a height saved on a larger screen fits.
    let most = (ui.available_height() / 3.0).max(80.0);
    egui::Panel::bottom("annotations")
        .resizable(true)
        .default_size(170.0_f32.min(most))
        .size_range(80.0..=most)
        .show(ui, |ui| {
            filters(view, state, ui);
            table(view, state, ui, out);
        });
}

fn filters(view: &View, list: &mut ListState, ui: &mut Ui) {
    ui.horizontal(|ui| {
        ui.strong("Annotations");
        egui::ComboBox::from_id_salt("filter-tag")
            .selected_text(list.tag.map_or("all tags", |t| t.label()))
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut list.tag, None, "all tags");
                for k in TagKind::ALL {
                    ui.selectable_value(&mut list.tag, Some(k), k.label());
                }
            })
            .response
            .accessible_name("Filter by tag");
        let source_name = list
            .source
            .as_ref()
            .and_then(|id| view.project.source(id))
            .map_or("all sources", |s| s.short_name());
        egui::ComboBox::from_id_salt("filter-source")
            .selected_text(source_name)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut list.source, None, "all sources");
                for s in &view.project.sources {
                    ui.selectable_value(&mut list.source, Some(s.id.clone()), s.short_name());
                }
            })
            .response
            .accessible_name("Filter by source");
        let entity_name = list
            .entity
            .as_ref()
            .map_or("all entities", |e| view.project.entity_name(e));
        egui::ComboBox::from_id_salt("filter-entity")
            .selected_text(entity_name)
            .show_ui(ui, |ui| {
                ui.selectable_value(&mut list.entity, None, "all entities");
                for e in view.project.entities.values() {
                    ui.selectable_value(&mut list.entity, Some(e.id.clone()), &e.name);
                }
            })
            .response
            .accessible_name("Filter by entity");
        ui.add(
            egui::TextEdit::singleline(&mut list.text)
                .hint_text("filter by text or note")
                .desired_width(200.0),
        )
        .accessible_name("Filter by text");
    });
}

fn table(view: &View, list: &mut ListState, ui: &mut Ui, out: &mut Actions) {
    let rows = list.rows(view.project, view.index, view.history.state());
    let project = view.project;
    let selected = view.selected;
    let mut clicked: Option<AnnotationId> = None;
    let row_height = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    // A click anywhere on a row selects it, so the cells' text is not selectable.
    ui.style_mut().interaction.selectable_labels = false;
    TableBuilder::new(ui)
        .striped(true)
        .sense(egui::Sense::click())
        .column(Column::exact(70.0))
        .column(Column::initial(140.0).resizable(true).clip(true))
        .column(Column::initial(320.0).resizable(true).clip(true))
        .column(Column::remainder().clip(true))
        .auto_shrink([false, false])
        // The rows scroll within the panel's height, which they never stretch.
        .min_scrolled_height(0.0)
        .header(row_height, |mut header| {
            for title in ["Tag", "Source", "Text", "Links"] {
                header.col(|ui| {
                    ui.strong(title);
                });
            }
        })
        .body(|body| {
            body.rows(row_height, rows.len(), |mut row| {
                let Some(a) = project.annotations.get(&rows.get(row.index()).id) else {
                    return;
                };
                row.set_selected(selected == Some(&a.id));
                row.col(|ui| {
                    let color = theme::tag_color(a.kind(), ui.visuals());
                    let warn = if a.unplaced { "⚠ " } else { "" };
                    let title = theme::tag_title(a.kind());
                    ui.label(RichText::new(format!("{warn}{title}")).color(color));
                });
                row.col(|ui| {
                    ui.label(
                        project
                            .source(&a.source)
                            .map_or(a.source.as_str(), |s| s.short_name()),
                    );
                });
                row.col(|ui| {
                    ui.label(crate::wording::shorten(&a.quote.exact, 40));
                });
                row.col(|ui| {
                    ui.label(links(project, &a.tag));
                });
                if row.response().clicked() {
                    clicked = Some(a.id.clone());
                }
            });
        });
    if let Some(id) = clicked {
        out.push(Action::Reveal(id));
    }
}

/// An annotation's links in a few words.
fn links(project: &Project, tag: &Tag) -> String {
    let name = |e: &EntityId| project.entity_name(e).to_string();
    match tag {
        Tag::Actor { entity } => entity.as_ref().map(name).unwrap_or_default(),
        Tag::Claim {
            speaker,
            via,
            group,
            ..
        } => {
            let mut parts = Vec::new();
            if let Some(s) = speaker {
                parts.push(format!("said by {}", name(s)));
            }
            if let Some(v) = via {
                parts.push(format!("via {}", name(v)));
            }
            if let Some(g) = group {
                parts.push(format!(
                    "group: {}",
                    project
                        .claim_groups
                        .get(g)
                        .map_or(g.as_str(), |g| g.label.as_str())
                ));
            }
            parts.join(", ")
        }
        Tag::Date { value } => value.map(|v| v.to_string()).unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Annotation, Source};

    #[test]
    fn filters_combine() {
        let mut p = Project::new("t");
        let s1 = Source::new(
            SourceId::new("one").unwrap(),
            "One",
            "Putin met Leo on Sunday.",
        );
        let s2 = Source::new(SourceId::new("two").unwrap(), "Two", "Leo called Putin.");
        let putin = EntityId::new("putin").unwrap();
        p.entities.insert(
            putin.clone(),
            crate::model::Entity::new(putin.clone(), "Putin", crate::model::EntityKind::Person),
        );
        let mut add = |s: &Source, span: std::ops::Range<usize>, tag: Tag| {
            let a = Annotation::new(AnnotationId::random(), s, span, tag);
            p.annotations.insert(a.id.clone(), a);
        };
        add(
            &s1,
            0..5,
            Tag::Actor {
                entity: Some(putin.clone()),
            },
        );
        add(&s1, 10..13, Tag::Actor { entity: None });
        add(&s1, 17..23, Tag::Date { value: None });
        add(
            &s2,
            11..16,
            Tag::Actor {
                entity: Some(putin.clone()),
            },
        );
        p.sources.push(s1);
        p.sources.push(s2);
        let index = AnnotationIndex::build(&p);
        let count = |tag, source: Option<&str>, entity, text| {
            let source = source.map(|s| SourceId::new(s).unwrap());
            filter(&p, &index, tag, source.as_ref(), entity, text).len()
        };
        assert_eq!(count(None, None, None, ""), 4);
        assert_eq!(count(Some(TagKind::Actor), None, None, ""), 3);
        assert_eq!(count(None, Some("two"), None, ""), 1);
        assert_eq!(count(None, None, Some(&putin), ""), 2);
        assert_eq!(count(Some(TagKind::Actor), None, None, "LEO"), 1);
        let first = &p.annotations[&index.entries()[0].id];
        assert_eq!(
            first.quote.exact, "Putin",
            "rows come in source and text order"
        );
        let mut state = ListState::default();
        assert_eq!(
            state.rows(&p, &index, 0).len(),
            4,
            "no filter: every annotation"
        );
        state.tag = Some(TagKind::Date);
        assert_eq!(state.rows(&p, &index, 0).get(0).kind, TagKind::Date);
    }
}
