//! The side panel for the selected annotation: retag or delete it, link an actor to an
//! entity (type to find one or create it, then tag every other mention in one step), set a
//! claim's speaker, via and claim group, a date's value, and a note.

use egui::{RichText, Ui};

use super::action::{Action, Actions};
use super::theme;
use super::view::View;
use crate::edit::{Command, tag_every_mention};
use crate::model::{
    Annotation, AnnotationId, ClaimGroup, ClaimGroupId, Credibility, DateValue, Entity, EntityId,
    EntityKind, Project, Reliability, Tag, TagKind, admiralty, now, slug,
};
use crate::wording::{count, shorten};

/// Text being typed in the panel, kept between frames.
#[derive(Debug, Default)]
pub struct InspectorState {
    /// The annotation the drafts belong to.
    for_annotation: Option<AnnotationId>,
    entity_query: String,
    speaker_query: String,
    via_query: String,
    group_query: String,
    new_entity_kind: Option<EntityKind>,
    date_draft: String,
    date_focused: bool,
    note_draft: String,
    note_focused: bool,
    /// The memo of the claim's group, as typed.
    group_memo_draft: String,
    group_memo_focused: bool,
}

/// Follows a text field bound to a draft of `current`: returns true when the analyst has
/// just left the field with a changed draft (to be committed), and keeps the draft equal
/// to `current` while the field is not being edited (so undo shows through).
fn left_changed(
    response: &egui::Response,
    was_focused: &mut bool,
    draft: &mut String,
    current: &str,
) -> bool {
    let left = *was_focused && !response.has_focus();
    *was_focused = response.has_focus();
    if left {
        return draft.trim() != current;
    }
    if !response.has_focus() && draft != current {
        *draft = current.to_string();
    }
    false
}

impl InspectorState {
    fn follow(&mut self, a: &Annotation) {
        if self.for_annotation.as_ref() != Some(&a.id) {
            *self = InspectorState {
                for_annotation: Some(a.id.clone()),
                date_draft: match &a.tag {
                    Tag::Date { value: Some(v) } => v.to_string(),
                    _ => String::new(),
                },
                note_draft: a.note.clone(),
                ..Default::default()
            };
        }
    }
}

pub fn show(view: &View, state: &mut InspectorState, ui: &mut Ui, out: &mut Actions) {
    egui::Panel::right("inspector")
        .resizable(true)
        .default_size(300.0)
        .min_size(220.0)
        .show(ui, |ui| {
            egui::ScrollArea::vertical().show(ui, |ui| {
                super::suggestion_panel::panel(view, ui, out);
                match view
                    .selected
                    .and_then(|id| view.project.annotations.get(id))
                {
                    Some(a) => annotation(view, state, ui, out, a),
                    None => help(ui),
                }
            });
        });
}

fn help(ui: &mut Ui) {
    ui.heading("Annotation");
    ui.label("Select text in a source with the mouse, then press A (actor), C (claim) or D (date), or use the buttons above.");
    ui.label("Click an annotation to edit it here.");
    ui.add_space(8.0);
    ui.label(RichText::new("Double-click selects a word; Shift+click extends the selection. Ctrl+Z undoes, Ctrl+S saves.").weak());
}

fn edit(out: &mut Actions, changed: Annotation, extra: Vec<Command>, label: &str) {
    let mut changed = changed;
    changed.modified = now();
    let mut steps = extra;
    steps.push(Command::PutAnnotation(changed));
    out.push(Action::edit(Command::Batch(steps), label.to_string()));
}

fn annotation(
    view: &View,
    state: &mut InspectorState,
    ui: &mut Ui,
    out: &mut Actions,
    a: &Annotation,
) {
    state.follow(a);
    let kind = a.kind();
    let color = theme::tag_color(kind, ui.visuals());
    ui.heading(RichText::new(theme::tag_title(kind)).color(color));
    let source_title = view
        .project
        .source(&a.source)
        .map_or(a.source.as_str(), |s| s.display_title());
    ui.label(
        RichText::new(format!(
            "in {source_title}, characters {}–{}",
            a.start, a.end
        ))
        .weak(),
    );
    ui.label(RichText::new(format!("“{}”", a.quote.exact)).italics());
    if a.unplaced {
        ui.colored_label(
            ui.visuals().warn_fg_color,
            "⚠ These words are no longer in the source's text. Delete this annotation or tag the words again where they now stand.",
        );
    }
    ui.horizontal(|ui| {
        ui.label("Tag:");
        for k in TagKind::ALL {
            if ui.selectable_label(k == kind, k.label()).clicked() && k != kind {
                let mut changed = a.clone();
                changed.tag = k.empty_tag();
                edit(out, changed, Vec::new(), &format!("retag as {}", k.noun()));
            }
        }
    });
    if ui
        .button("Delete annotation")
        .on_hover_text("Del")
        .clicked()
    {
        out.push(Action::DeleteSelected);
    }
    ui.separator();
    match &a.tag {
        Tag::Actor { entity } => actor(view, state, ui, out, a, entity.as_ref()),
        Tag::Claim { .. } => claim(view, state, ui, out, a),
        Tag::Date { value } => date(view, state, ui, out, a, value.as_ref()),
    }
    ui.separator();
    ui.label("Note:");
    let response = ui
        .add(
            egui::TextEdit::multiline(&mut state.note_draft)
                .desired_rows(3)
                .hint_text("a note for this annotation"),
        )
        .accessible_name("Note");
    if left_changed(
        &response,
        &mut state.note_focused,
        &mut state.note_draft,
        &a.note,
    ) {
        let mut changed = a.clone();
        changed.note = state.note_draft.clone();
        edit(out, changed, Vec::new(), "edit note");
    }
    ui.add_space(6.0);
    ui.label(
        RichText::new(format!(
            "created {} · modified {}",
            a.created.format("%Y-%m-%d %H:%M"),
            a.modified.format("%Y-%m-%d %H:%M")
        ))
        .weak()
        .small(),
    );
}

/// What the analyst chose in an entity picker.
enum Pick<T> {
    Set(Option<T>),
    Create(String),
}

/// A type-ahead picker over entities: the current one, a query field, matches, create.
fn entity_picker(
    ui: &mut Ui,
    project: &Project,
    label: &str,
    current: Option<&EntityId>,
    query: &mut String,
) -> Option<Pick<EntityId>> {
    let mut pick = None;
    ui.horizontal(|ui| {
        ui.label(format!("{label}:"));
        match current {
            Some(id) => {
                ui.label(RichText::new(project.entity_name(id)).strong());
                if ui
                    .small_button("✖")
                    .on_hover_text(format!("Clear the {}", label.to_lowercase()))
                    .clicked()
                {
                    pick = Some(Pick::Set(None));
                }
            }
            None => {
                ui.label(RichText::new("none").weak());
            }
        }
    });
    ui.add(
        egui::TextEdit::singleline(query)
            .hint_text(format!("find or create a {}…", label.to_lowercase())),
    )
    .accessible_name(format!("{label} search"));
    let q = query.trim().to_lowercase();
    if !q.is_empty() {
        let mut exact = false;
        let mut shown = 0;
        for e in project.entities.values() {
            let matches = e.name.to_lowercase().contains(&q)
                || e.aliases.iter().any(|a| a.to_lowercase().contains(&q));
            exact |= e.name.to_lowercase() == q;
            if matches && shown < 8 {
                shown += 1;
                if ui
                    .button(format!("{} ({})", e.name, e.kind.label()))
                    .clicked()
                {
                    pick = Some(Pick::Set(Some(e.id.clone())));
                }
            }
        }
        if !exact && ui.button(format!("+ Create “{}”", query.trim())).clicked() {
            pick = Some(Pick::Create(query.trim().to_string()));
        }
    }
    if pick.is_some() {
        query.clear();
    }
    pick
}

/// An entity id for a new name: readable when free, random otherwise.
fn new_entity_id(project: &Project, name: &str) -> EntityId {
    slug(name)
        .and_then(|s| EntityId::new(s).ok())
        .filter(|id| !project.entities.contains_key(id))
        .unwrap_or_else(EntityId::random)
}

fn resolve(
    project: &Project,
    pick: Pick<EntityId>,
    kind: EntityKind,
) -> (Option<EntityId>, Vec<Command>) {
    match pick {
        Pick::Set(id) => (id, Vec::new()),
        Pick::Create(name) => {
            let id = new_entity_id(project, &name);
            (
                Some(id.clone()),
                vec![Command::PutEntity(Entity::new(id, name, kind))],
            )
        }
    }
}

fn actor(
    view: &View,
    state: &mut InspectorState,
    ui: &mut Ui,
    out: &mut Actions,
    a: &Annotation,
    entity: Option<&EntityId>,
) {
    if state.entity_query.is_empty() && entity.is_none() {
        state.entity_query = a.quote.exact.clone();
    }
    let kind = state.new_entity_kind.get_or_insert(EntityKind::Person);
    ui.horizontal(|ui| {
        ui.label("New entities are:");
        egui::ComboBox::from_id_salt("new-entity-kind")
            .selected_text(kind.label())
            .show_ui(ui, |ui| {
                for k in EntityKind::ALL {
                    ui.selectable_value(kind, k, k.label());
                }
            })
            .response
            .accessible_name("Kind of new entities");
    });
    let kind = *kind;
    if let Some(pick) = entity_picker(ui, view.project, "Entity", entity, &mut state.entity_query) {
        let (id, extra) = resolve(view.project, pick, kind);
        let mut changed = a.clone();
        changed.tag = Tag::Actor { entity: id };
        edit(out, changed, extra, "link actor to entity");
    }
    if let Some(id) = entity {
        let name = a.quote.exact.clone();
        if ui
            .button(format!(
                "Tag every other “{}” in all sources",
                shorten(&name, 40)
            ))
            .on_hover_text(
                "Tags each further mention of these words as this actor, as one step you can undo",
            )
            .clicked()
        {
            let command = tag_every_mention(view.project, id, &name);
            let mentions = match &command {
                Command::Batch(steps) if !steps.is_empty() => count(steps.len(), "mention"),
                _ => String::new(),
            };
            if mentions.is_empty() {
                out.status(format!("No untagged mentions of “{name}” found"));
            } else {
                let label = format!("tag {mentions} of “{}”", shorten(&name, 40));
                out.push(Action::edit(command, label));
                out.status(format!("Tagged {mentions} more of “{name}”"));
            }
        }
    }
}

fn claim(view: &View, state: &mut InspectorState, ui: &mut Ui, out: &mut Actions, a: &Annotation) {
    let mut tag = a.tag.clone();
    let Tag::Claim {
        speaker,
        via,
        group,
        credibility,
    } = &mut tag
    else {
        return;
    };
    let mut changed: Option<(Vec<Command>, &str)> = None;
    if let Some(pick) = entity_picker(
        ui,
        view.project,
        "Speaker",
        speaker.as_ref(),
        &mut state.speaker_query,
    ) {
        let (id, extra) = resolve(view.project, pick, EntityKind::Person);
        *speaker = id;
        changed = Some((extra, "set speaker"));
    }
    ui.add_space(4.0);
    if let Some(pick) = entity_picker(ui, view.project, "Via", via.as_ref(), &mut state.via_query) {
        let (id, extra) = resolve(view.project, pick, EntityKind::Organisation);
        *via = id;
        changed = Some((extra, "set via"));
    }
    ui.add_space(4.0);
    if let Some(pick) = group_picker(ui, view.project, group.as_ref(), &mut state.group_query) {
        let (id, extra) = match pick {
            Pick::Set(id) => (id, Vec::new()),
            Pick::Create(label) => {
                let id = slug(&label)
                    .and_then(|s| ClaimGroupId::new(s).ok())
                    .filter(|id| !view.project.claim_groups.contains_key(id))
                    .unwrap_or_else(ClaimGroupId::random);
                (
                    Some(id.clone()),
                    vec![Command::PutClaimGroup(ClaimGroup::new(id, label))],
                )
            }
        };
        *group = id;
        changed = Some((extra, "set claim group"));
    }
    if let Some(group) = a
        .tag
        .references()
        .1
        .and_then(|g| view.project.claim_groups.get(g))
    {
        group_memo(state, ui, out, group);
    }
    ui.add_space(4.0);
    let reliability = view.project.source(&a.source).and_then(|s| s.reliability);
    if grade_picker(ui, credibility, reliability) {
        changed = Some((Vec::new(), "set credibility"));
    }
    if let Some((extra, label)) = changed {
        let mut c = a.clone();
        c.tag = tag;
        edit(out, c, extra, label);
    }
}

/// The memo of the claim's group: what the analyst notes about the claim across sources.
fn group_memo(state: &mut InspectorState, ui: &mut Ui, out: &mut Actions, group: &ClaimGroup) {
    ui.label("Memo on this claim (all its wordings):");
    let response = ui
        .add(
            egui::TextEdit::multiline(&mut state.group_memo_draft)
                .desired_rows(2)
                .hint_text("what the sources agree on, what is checked"),
        )
        .accessible_name("Claim memo");
    if left_changed(
        &response,
        &mut state.group_memo_focused,
        &mut state.group_memo_draft,
        &group.memo,
    ) {
        let mut changed = group.clone();
        changed.memo = state.group_memo_draft.trim().to_string();
        out.push(Action::edit(
            Command::PutClaimGroup(changed),
            format!("edit the memo of “{}”", shorten(&group.label, 40)),
        ));
    }
}

/// The claim's credibility (1 to 6, or not graded), beside its source's reliability and
/// the grade they make (`B2`); returns whether the analyst changed it.
fn grade_picker(
    ui: &mut Ui,
    credibility: &mut Option<Credibility>,
    reliability: Option<Reliability>,
) -> bool {
    let before = *credibility;
    ui.horizontal(|ui| {
        ui.label("Credibility:");
        let shown = credibility.map_or("not graded".to_string(), |c| {
            format!("{c} — {}", c.meaning())
        });
        egui::ComboBox::from_id_salt("credibility")
            .selected_text(shown)
            .show_ui(ui, |ui| {
                ui.selectable_value(credibility, None, "not graded");
                for c in Credibility::all() {
                    ui.selectable_value(credibility, Some(c), format!("{c} — {}", c.meaning()));
                }
            })
            .response
            .accessible_name("Credibility");
    });
    let source = reliability.map_or("not graded".to_string(), |r| {
        format!("{r} — {}", r.meaning())
    });
    let grade =
        admiralty(reliability, *credibility).map_or(String::new(), |g| format!(" · grade {g}"));
    ui.label(RichText::new(format!("Source reliability: {source}{grade}")).weak());
    *credibility != before
}

fn group_picker(
    ui: &mut Ui,
    project: &Project,
    current: Option<&ClaimGroupId>,
    query: &mut String,
) -> Option<Pick<ClaimGroupId>> {
    let mut pick = None;
    ui.horizontal(|ui| {
        ui.label("Claim group:");
        match current {
            Some(id) => {
                let label = project
                    .claim_groups
                    .get(id)
                    .map_or(id.as_str(), |g| g.label.as_str());
                ui.label(RichText::new(label).strong());
                if ui
                    .small_button("✖")
                    .on_hover_text("Take the claim out of its group")
                    .clicked()
                {
                    pick = Some(Pick::Set(None));
                }
            }
            None => {
                ui.label(RichText::new("none").weak());
            }
        }
    });
    ui.add(egui::TextEdit::singleline(query).hint_text("find or create a claim group…"))
        .accessible_name("Claim group search");
    let q = query.trim().to_lowercase();
    if !q.is_empty() {
        let mut exact = false;
        for g in project
            .claim_groups
            .values()
            .filter(|g| g.label.to_lowercase().contains(&q))
            .take(8)
        {
            exact |= g.label.to_lowercase() == q;
            if ui.button(&g.label).clicked() {
                pick = Some(Pick::Set(Some(g.id.clone())));
            }
        }
        if !exact
            && ui
                .button(format!("+ Create group “{}”", query.trim()))
                .clicked()
        {
            pick = Some(Pick::Create(query.trim().to_string()));
        }
    }
    if pick.is_some() {
        query.clear();
    }
    pick
}

fn date(
    view: &View,
    state: &mut InspectorState,
    ui: &mut Ui,
    out: &mut Actions,
    a: &Annotation,
    value: Option<&DateValue>,
) {
    ui.label("Calendar value:");
    let response = ui
        .add(
            egui::TextEdit::singleline(&mut state.date_draft)
                .hint_text("2025-06-04, 2025-06, 2025 or 2025-05-20/2025-05-31"),
        )
        .accessible_name("Date value");
    let draft = state.date_draft.trim().to_string();
    let parsed = (!draft.is_empty()).then(|| draft.parse::<DateValue>());
    match (&parsed, value) {
        (Some(Ok(v)), _) => {
            ui.label(
                RichText::new(format!(
                    "{} precision, {} to {}",
                    v.precision(),
                    v.first_day(),
                    v.last_day()
                ))
                .weak(),
            );
        }
        (Some(Err(err)), _) => {
            ui.colored_label(ui.visuals().error_fg_color, err.to_string());
        }
        (None, _) => {
            ui.label(RichText::new("not normalised yet").weak());
        }
    }
    if let Some(source) = view.project.source(&a.source).and_then(|s| s.published) {
        ui.label(
            RichText::new(format!(
                "The source was published on {}",
                source.format("%A %-d %B %Y")
            ))
            .weak(),
        );
    }
    let set = ui.button("Set value").clicked();
    let current = value.map(ToString::to_string).unwrap_or_default();
    let left = left_changed(
        &response,
        &mut state.date_focused,
        &mut state.date_draft,
        &current,
    );
    if left || set {
        let new = match parsed {
            Some(Ok(v)) => Some(v),
            None => None,
            Some(Err(err)) => {
                out.error(err.to_string());
                return;
            }
        };
        if new.as_ref() != value {
            let mut changed = a.clone();
            changed.tag = Tag::Date { value: new };
            edit(out, changed, Vec::new(), "set date value");
        }
    }
}
