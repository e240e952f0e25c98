//! The Entities window: every entity with its kind, aliases and mentions per source,
//! where the analyst renames it, sets its kind, aliases and memo, merges it into another
//! ("Putin" into "Vladimir Putin": every link moves, the name becomes an alias), or
//! deletes it when nothing refers to it. Each change is one undoable step; the
//! annotations list can be filtered to an entity from here.

use egui::{Id, RichText, Ui};

use super::action::{Action, Actions};
use super::view::View;
use crate::edit::{Command, merge_entities};
use crate::model::{Entity, EntityId, EntityKind, Project};
use crate::wording::count;

/// What the window shows and what is being typed in it.
#[derive(Debug, Default)]
pub struct EntitiesState {
    pub open: bool,
    /// The entity being edited, with its fields as typed.
    editing: Option<Draft>,
}

#[derive(Debug, Clone)]
struct Draft {
    id: EntityId,
    name: String,
    kind: EntityKind,
    /// One alias per line.
    aliases: String,
    memo: String,
    /// The entity to merge this one into, when one is chosen.
    merge_into: Option<EntityId>,
}

impl Draft {
    fn of(e: &Entity) -> Self {
        Self {
            id: e.id.clone(),
            name: e.name.clone(),
            kind: e.kind,
            aliases: e.aliases.join("\n"),
            memo: e.memo.clone(),
            merge_into: None,
        }
    }

    fn applied_to(&self, e: &Entity) -> Result<Entity, &'static str> {
        if self.name.trim().is_empty() {
            return Err("An entity needs a name.");
        }
        let mut changed = e.clone();
        changed.name = self.name.trim().to_string();
        changed.kind = self.kind;
        changed.aliases = self
            .aliases
            .lines()
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(String::from)
            .collect();
        changed.memo = self.memo.trim().to_string();
        Ok(changed)
    }
}

/// How many annotations link to an entity, as actor, speaker or via.
fn links(project: &Project, id: &EntityId) -> usize {
    project
        .annotations
        .values()
        .filter(|a| a.tag.references().0.contains(&id))
        .count()
}

/// Shows the Entities window while it is open.
pub fn show(view: &View, state: &mut EntitiesState, ctx: &egui::Context, out: &mut Actions) {
    if !state.open {
        return;
    }
    let mut open = true;
    egui::Window::new("Entities")
        .id(Id::unique("parallax-entities"))
        .open(&mut open)
        .default_width(520.0)
        .default_height(480.0)
        .show(ctx, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| match &mut state.editing {
                Some(draft) => {
                    if !details(view, draft, ui, out) {
                        state.editing = None;
                    }
                }
                None => list(view, state, ui, out),
            });
        });
    state.open &= open;
}

fn list(view: &View, state: &mut EntitiesState, ui: &mut Ui, out: &mut Actions) {
    let project = view.project;
    if project.entities.is_empty() {
        ui.label("No entities yet: link an actor to one in the side panel.");
        return;
    }
    for e in project.entities.values() {
        ui.horizontal(|ui| {
            ui.strong(&e.name);
            ui.label(RichText::new(e.kind.label()).weak());
        });
        if !e.aliases.is_empty() {
            ui.label(RichText::new(format!("also {}", e.aliases.join("; "))).weak());
        }
        ui.label(RichText::new(mentions(project, &e.id)).weak());
        ui.horizontal(|ui| {
            if ui.button("Edit…").clicked() {
                state.editing = Some(Draft::of(e));
            }
            if ui
                .button("Show its annotations")
                .on_hover_text("Filter the annotations list to this entity")
                .clicked()
            {
                out.push(Action::FilterByEntity(e.id.clone()));
            }
        });
        ui.separator();
    }
}

/// Where an entity is named, source by source.
fn mentions(project: &Project, id: &EntityId) -> String {
    let per_source: Vec<String> = project
        .sources
        .iter()
        .filter_map(|s| {
            let n = project
                .annotations
                .values()
                .filter(|a| a.source == s.id && a.tag.references().0.contains(&id))
                .count();
            (n > 0).then(|| format!("{} in {}", n, s.display_title()))
        })
        .collect();
    if per_source.is_empty() {
        "not named in any source".into()
    } else {
        per_source.join(" · ")
    }
}

/// The form for one entity; returns whether it stays open.
fn details(view: &View, draft: &mut Draft, ui: &mut Ui, out: &mut Actions) -> bool {
    let project = view.project;
    let Some(entity) = project.entities.get(&draft.id) else {
        return false;
    };
    ui.heading(format!("“{}”", entity.name));
    egui::Grid::new("entity-details")
        .num_columns(2)
        .show(ui, |ui| {
            ui.label("Name");
            ui.add(egui::TextEdit::singleline(&mut draft.name).desired_width(320.0))
                .accessible_name("Entity name");
            ui.end_row();
            ui.label("Kind");
            egui::ComboBox::from_id_salt("entity-kind")
                .selected_text(draft.kind.label())
                .show_ui(ui, |ui| {
                    for kind in EntityKind::ALL {
                        ui.selectable_value(&mut draft.kind, kind, kind.label());
                    }
                })
                .response
                .accessible_name("Entity kind");
            ui.end_row();
            ui.label("Also called");
            ui.add(
                egui::TextEdit::multiline(&mut draft.aliases)
                    .desired_rows(2)
                    .hint_text("one name per line")
                    .desired_width(320.0),
            )
            .accessible_name("Aliases");
            ui.end_row();
            ui.label("Memo");
            ui.add(
                egui::TextEdit::multiline(&mut draft.memo)
                    .desired_rows(2)
                    .desired_width(320.0),
            )
            .accessible_name("Entity memo");
            ui.end_row();
        });
    let applied = draft.applied_to(entity);
    if let Err(why) = applied {
        ui.colored_label(ui.visuals().error_fg_color, why);
    }
    let mut keep = true;
    ui.horizontal(|ui| {
        let changed = applied.as_ref().is_ok_and(|e| e != entity);
        if ui
            .add_enabled(changed, egui::Button::new("Apply"))
            .clicked()
            && let Ok(changed) = applied
        {
            out.push(Action::edit(
                Command::PutEntity(changed),
                format!("edit entity {}", entity.name),
            ));
            keep = false;
        }
        let linked = links(project, &entity.id);
        let delete = ui
            .add_enabled(linked == 0, egui::Button::new("Delete"))
            .on_disabled_hover_text(format!(
                "Linked from {}: merge it into another entity instead",
                count(linked, "annotation")
            ));
        if delete.clicked() {
            out.push(Action::edit(
                Command::RemoveEntity(entity.id.clone()),
                format!("delete entity {}", entity.name),
            ));
            keep = false;
        }
        if ui.button("Back to the list").clicked() {
            keep = false;
        }
    });
    ui.separator();
    keep && merge(project, entity, draft, ui, out)
}

/// Merging this entity into another; returns false once it is merged.
fn merge(
    project: &Project,
    entity: &Entity,
    draft: &mut Draft,
    ui: &mut Ui,
    out: &mut Actions,
) -> bool {
    let mut keep = true;
    ui.horizontal(|ui| {
        ui.label("Merge it into");
        let chosen = draft
            .merge_into
            .as_ref()
            .map_or("choose an entity", |id| project.entity_name(id));
        egui::ComboBox::from_id_salt("merge-into")
            .selected_text(chosen)
            .show_ui(ui, |ui| {
                for other in project.entities.values().filter(|o| o.id != entity.id) {
                    ui.selectable_value(&mut draft.merge_into, Some(other.id.clone()), &other.name);
                }
            })
            .response
            .accessible_name("Entity to merge into");
        let Some(into) = draft.merge_into.clone() else {
            return;
        };
        if ui
            .button("Merge")
            .on_hover_text("Its links move there and its names become aliases there")
            .clicked()
            && let Ok(command) = merge_entities(project, &into, std::slice::from_ref(&entity.id))
        {
            out.push(Action::edit(
                command,
                format!("merge {} into {}", entity.name, project.entity_name(&into)),
            ));
            keep = false;
        }
    });
    keep
}
