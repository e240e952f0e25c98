//! The side panel for the selected annotation: retag or delete it, link an actor to an
//! entity (type to find one or create it, then tag every other mention in one step), set a
//! claim's speaker, via and claim group, a date's value, and a note.

use std::ops::Range;

use egui::{RichText, Ui};

use super::action::{Action, Actions};
use super::picker::{self, Field, Pick, Search};
use super::theme;
use super::view::View;
use crate::edit::{Command, tag_every_mention};
use crate::model::{
    Annotation, AnnotationId, ClaimGroup, ClaimGroupId, Credibility, DateValue, Entity, EntityId,
    EntityKind, Project, Reliability, Tag, TagKind, admiralty, now, slug,
};
use crate::suggest::{DateProposal, date_value, kind_of_name};
use crate::wording::{count, shorten};

/// A field of the panel the keyboard can be sent to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PanelField {
    /// The first field of the selected annotation: its entity, speaker or date value.
    First,
    Note,
}

/// Text being typed in the panel, kept between frames.
#[derive(Debug, Default)]
pub struct InspectorState {
    /// The annotation the drafts belong to.
    for_annotation: Option<AnnotationId>,
    entity: Search,
    speaker: Search,
    via: Search,
    group: Search,
    /// The kind the analyst chose for new entities; `None` while it follows the words.
    new_entity_kind: Option<EntityKind>,
    date_draft: String,
    date_focused: bool,
    /// What the engine reads in the date's words, for the span it was read for.
    date_proposal: Option<(Range<usize>, Result<DateProposal, String>)>,
    note_draft: String,
    note_focused: bool,
    /// The memo of the claim's group, as typed.
    group_memo_draft: String,
    group_memo_focused: bool,
    /// A field to give the keyboard to on the next frame.
    pub focus: Option<PanelField>,
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
                entity: match &a.tag {
                    Tag::Actor { entity: None } => Search::with(a.quote.exact.clone()),
                    _ => Search::default(),
                },
                date_draft: match &a.tag {
                    Tag::Date { value: Some(v) } => v.to_string(),
                    _ => String::new(),
                },
                note_draft: a.note.clone(),
                focus: self.focus.take(),
                ..Default::default()
            };
        }
    }
}

/// The panel's width when first shown, and the least and most it may have (the most
/// as a share of the window, so that a width saved on a larger screen fits this one).
const WIDTH: f32 = 300.0;
const MIN_WIDTH: f32 = 240.0;
const MAX_SHARE: f32 = 0.45;

pub fn show(view: &View, state: &mut InspectorState, ui: &mut Ui, out: &mut Actions) {
    let most = (ui.available_width() * MAX_SHARE).max(MIN_WIDTH);
    egui::Panel::right("inspector")
        .resizable(true)
        .default_size(WIDTH)
        .size_range(MIN_WIDTH..=most)
        .show(ui, |ui| {
            // What the panel holds never widens it: the contents get the panel's width,
            // long words wrap, and what cannot wrap is clipped. So the columns beside it
            // hold still whatever label the analyst types.
            let room = ui.available_rect_before_wrap();
            let mut inner = ui.new_child(
                egui::UiBuilder::new()
                    .max_rect(room)
                    .layout(egui::Layout::top_down(egui::Align::Min)),
            );
            inner.set_clip_rect(room.intersect(ui.clip_rect()));
            egui::ScrollArea::vertical()
                .auto_shrink([false, false])
                .show(&mut inner, |ui| {
                    super::suggestion_panel::panel(view, ui, out);
                    match view
                        .selected
                        .and_then(|id| view.project.annotations.get(id))
                    {
                        Some(a) => annotation(view, state, ui, out, a),
                        None => help(ui),
                    }
                });
            ui.advance_cursor_after_rect(room);
        });
}

fn help(ui: &mut Ui) {
    ui.heading("Annotation");
    ui.label("Select text in a source with the mouse (or Find it, Enter, Esc), then press A (actor), C (claim) or D (date), or use the buttons above.");
    ui.label("Click an annotation to edit it here, or step through them with ] and [.");
    ui.add_space(8.0);
    ui.label(RichText::new("Help ▸ Keys (F1) lists every key.").weak());
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
    let focus = state.focus.take();
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
    ui.horizontal_wrapped(|ui| {
        ui.label("Tag:");
        for k in TagKind::ALL {
            if ui.selectable_label(k == kind, k.label()).clicked()
                && k != kind
                && let Some(source) = view.project.source(&a.source)
            {
                let mut changed = a.clone();
                changed.tag = crate::suggest::tag_for(source, a.span(), k);
                edit(out, changed, Vec::new(), &format!("retag as {}", k.noun()));
            }
        }
        if ui
            .button("Delete")
            .on_hover_text(format!(
                "Delete this annotation ({})",
                super::keys::menu_text(super::keys::Does::Delete)
            ))
            .clicked()
        {
            out.push(Action::DeleteSelected);
        }
    });
    ui.separator();
    let first = focus == Some(PanelField::First);
    match &a.tag {
        Tag::Actor { entity } => actor(view, state, ui, out, a, entity.as_ref(), first),
        Tag::Claim { .. } => claim(view, state, ui, out, a, first),
        Tag::Date { value } => date(view, state, ui, out, a, value.as_ref(), first),
    }
    ui.separator();
    let note = ui.make_persistent_id("note");
    if focus == Some(PanelField::Note) {
        // Before the field is drawn, so that it takes what is typed in the same frame;
        // the cursor goes after the note, which typing adds to.
        ui.memory_mut(|m| m.request_focus(note));
    }
    let response = ui
        .add(
            egui::TextEdit::multiline(&mut state.note_draft)
                .id(note)
                .desired_rows(2)
                .desired_width(ui.available_width())
                .hint_text("a note for this annotation (N)"),
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

/// A label and a value on one line that wraps inside the panel.
fn labelled(ui: &mut Ui, label: &str, value: RichText) -> bool {
    let mut clear = false;
    ui.horizontal_wrapped(|ui| {
        ui.label(format!("{label}:"));
        ui.add(egui::Label::new(value).wrap());
        clear = ui
            .small_button("✖")
            .on_hover_text(format!("Clear the {}", label.to_lowercase()))
            .clicked();
    });
    clear
}

/// A type-ahead picker over entities: the current one, a search field, matches, create.
fn entity_picker(
    ui: &mut Ui,
    project: &Project,
    label: &str,
    current: Option<&EntityId>,
    search: &mut Search,
    focus: bool,
) -> Option<Pick<EntityId>> {
    let mut pick = None;
    match current {
        Some(id) => {
            if labelled(ui, label, RichText::new(project.entity_name(id)).strong()) {
                pick = Some(Pick::Set(None));
            }
        }
        None => {
            ui.label(format!("{label}: none"));
        }
    }
    let name = format!("{label} search");
    let hint = format!("find or create a {}…", label.to_lowercase());
    let field = Field {
        name: &name,
        hint: &hint,
        focus,
    };
    let (picked, _) = picker::show(ui, &field, search, |q| {
        let items = project.entities.values().map(|e| {
            (
                e.name.clone(),
                &e.id,
                e.aliases.iter().map(String::as_str).collect(),
            )
        });
        let mut offered = picker::matching(q, items, |q| format!("+ Create “{q}”"));
        for c in &mut offered {
            if let Pick::Set(Some(id)) = &c.pick
                && let Some(e) = project.entities.get(id)
            {
                c.label = format!("{} ({})", e.name, e.kind.label());
            }
        }
        offered
    });
    pick.or(picked)
}

/// An entity id for a new name: readable when free, random otherwise.
fn new_entity_id(project: &Project, name: &str) -> EntityId {
    slug(name)
        .and_then(|s| EntityId::new(s).ok())
        .filter(|id| !project.entities.contains_key(id))
        .unwrap_or_else(EntityId::random)
}

/// What a pick links to, with the new entity to create first (of `kind`, or the kind its
/// words propose).
fn resolve(
    project: &Project,
    pick: Pick<EntityId>,
    kind: Option<EntityKind>,
) -> (Option<EntityId>, Vec<Command>) {
    match pick {
        Pick::Set(id) => (id, Vec::new()),
        Pick::Create(name) => {
            let id = new_entity_id(project, &name);
            let kind = kind.unwrap_or_else(|| kind_of_name(&name));
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
    focus: bool,
) {
    let proposed = kind_of_name(&state.entity.query);
    let mut kind = state.new_entity_kind.unwrap_or(proposed);
    ui.horizontal_wrapped(|ui| {
        ui.label("A new entity is a");
        egui::ComboBox::from_id_salt("new-entity-kind")
            .selected_text(kind.label())
            .show_ui(ui, |ui| {
                for k in EntityKind::ALL {
                    ui.selectable_value(&mut kind, k, k.label());
                }
            })
            .response
            .accessible_name("Kind of new entities")
            .on_hover_text("Proposed from the words; choose another to override");
    });
    if kind != state.new_entity_kind.unwrap_or(proposed) {
        state.new_entity_kind = Some(kind);
    }
    if let Some(pick) = entity_picker(ui, view.project, "Entity", entity, &mut state.entity, focus)
    {
        let (id, extra) = resolve(view.project, pick, Some(kind));
        let mut changed = a.clone();
        changed.tag = Tag::Actor { entity: id };
        edit(out, changed, extra, "link actor to entity");
        state.new_entity_kind = None;
    }
    if let Some(id) = entity {
        let name = a.quote.exact.clone();
        if ui
            .add(
                egui::Button::new(format!(
                    "Tag every other “{}” in all sources",
                    shorten(&name, 40)
                ))
                .wrap(),
            )
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

fn claim(
    view: &View,
    state: &mut InspectorState,
    ui: &mut Ui,
    out: &mut Actions,
    a: &Annotation,
    focus: bool,
) {
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
        &mut state.speaker,
        focus,
    ) {
        let (id, extra) = resolve(view.project, pick, None);
        *speaker = id;
        changed = Some((extra, "set speaker"));
    }
    if let Some(pick) = entity_picker(ui, view.project, "Via", via.as_ref(), &mut state.via, false)
    {
        let (id, extra) = resolve(view.project, pick, None);
        *via = id;
        changed = Some((extra, "set via"));
    }
    if let Some(pick) = group_picker(ui, view.project, group.as_ref(), &mut state.group) {
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
    let response = ui
        .add(
            egui::TextEdit::multiline(&mut state.group_memo_draft)
                .desired_rows(1)
                .desired_width(ui.available_width())
                .hint_text("memo on this claim in all its wordings"),
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
    ui.horizontal_wrapped(|ui| {
        ui.label("Credibility:");
        let shown = credibility.map_or("not graded".to_string(), |c| {
            format!("{c} — {}", c.meaning())
        });
        egui::ComboBox::from_id_salt("credibility")
            .selected_text(shown)
            .truncate()
            .width(ui.available_width().min(180.0))
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
    search: &mut Search,
) -> Option<Pick<ClaimGroupId>> {
    let mut pick = None;
    match current {
        Some(id) => {
            let label = project
                .claim_groups
                .get(id)
                .map_or(id.as_str(), |g| g.label.as_str());
            if labelled(ui, "Claim group", RichText::new(label).strong()) {
                pick = Some(Pick::Set(None));
            }
        }
        None => {
            ui.label("Claim group: none");
        }
    }
    let field = Field {
        name: "Claim group search",
        hint: "find or create a claim group…",
        focus: false,
    };
    let (picked, _) = picker::show(ui, &field, search, |q| {
        let items = project
            .claim_groups
            .values()
            .map(|g| (g.label.clone(), &g.id, Vec::new()));
        picker::matching(q, items, |q| format!("+ Create group “{q}”"))
    });
    pick.or(picked)
}

fn date(
    view: &View,
    state: &mut InspectorState,
    ui: &mut Ui,
    out: &mut Actions,
    a: &Annotation,
    value: Option<&DateValue>,
    focus: bool,
) {
    ui.label("Calendar value:");
    let field = ui.make_persistent_id("date value");
    if focus {
        picker::take_keyboard(ui, field, &state.date_draft);
    }
    let response = ui
        .add(
            egui::TextEdit::singleline(&mut state.date_draft)
                .id(field)
                .desired_width(ui.available_width())
                .hint_text("2025-06-04, 2025-06, 2025 or 2025-05-20/2025-05-31"),
        )
        .accessible_name("Date value");
    picker::select_all_on_focus(ui, &response, &state.date_draft);
    let draft = state.date_draft.trim().to_string();
    let parsed = (!draft.is_empty()).then(|| draft.parse::<DateValue>());
    match &parsed {
        Some(Ok(v)) => {
            ui.label(
                RichText::new(if v.first_day() == v.last_day() {
                    format!("a day, {}", v.first_day())
                } else {
                    format!("a {}, {} to {}", v.extent(), v.first_day(), v.last_day())
                })
                .weak(),
            );
        }
        Some(Err(err)) => {
            ui.colored_label(ui.visuals().error_fg_color, err.to_string());
        }
        None => {
            ui.label(RichText::new("not normalised yet").weak());
        }
    }
    let set = ui.button("Set value").clicked();
    let current = value.map(ToString::to_string).unwrap_or_default();
    if let Some(proposed) = proposal(view, state, a) {
        match proposed {
            Ok(p) if Some(&p.value) == value => {
                ui.label(RichText::new(format!("Proposed: {}", p.reason)).weak());
            }
            Ok(p) => {
                ui.label(RichText::new(format!("The words give {}: {}", p.value, p.reason)).weak());
                if ui.button(format!("Use {}", p.value)).clicked() {
                    let mut changed = a.clone();
                    changed.tag = Tag::Date {
                        value: Some(p.value),
                    };
                    edit(out, changed, Vec::new(), "set date value");
                }
            }
            Err(why) => {
                ui.label(RichText::new(format!("No value proposed: {why}")).weak());
            }
        }
    }
    let left = left_changed(
        &response,
        &mut state.date_focused,
        &mut state.date_draft,
        &current,
    );
    if left || set {
        let draft = state.date_draft.trim();
        let new = match (!draft.is_empty()).then(|| draft.parse::<DateValue>()) {
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

/// What the suggestion engine reads in a date's words, worked out once per span.
fn proposal(
    view: &View,
    state: &mut InspectorState,
    a: &Annotation,
) -> Option<Result<DateProposal, String>> {
    let source = view.project.source(&a.source)?;
    if state.date_proposal.as_ref().map(|(span, _)| span) != Some(&a.span()) {
        state.date_proposal = Some((a.span(), date_value(source, a.span())));
    }
    state.date_proposal.as_ref().map(|(_, p)| p.clone())
}
