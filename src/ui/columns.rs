//! The sources side by side: one resizable column per shown source, each with its title,
//! outlet and publication date on top and its document view below, with the
//! suggestions waiting in that source. A column's title opens its menu and moves the
//! column when dragged.

use std::collections::HashMap;

use egui::{
    Align, CursorIcon, Id, Layout, Popup, Rect, RichText, Sense, SetOpenCommand, Stroke, Ui,
    UiBuilder, pos2, vec2,
};

use super::action::{Action, Actions, Dialog, PathPurpose, SuggestionStep};
use super::document::{DocumentInput, DocumentLayout, DocumentOutput};
use super::find::FindState;
use super::suggestions::SourceSuggestions;
use super::theme;
use super::view::View;
use crate::edit::Command;
use crate::import::Reading;
use crate::model::{Annotation, Project, Source, SourceId, Tag};
use crate::suggest::Suggestion;
use crate::wording::shorten;

/// Width of the drag handle between two columns.
const HANDLE: f32 = 8.0;
/// The narrowest a column may be dragged, as a share of the widths.
const MIN_WEIGHT: f32 = 0.2;

/// The columns' own state: each source's layout, where to scroll next frame, and the
/// columns' widths.
#[derive(Default)]
pub struct ColumnsState {
    layouts: HashMap<SourceId, DocumentLayout>,
    /// Scroll requests for the next frame: to a character, or to an offset.
    scroll_to: HashMap<SourceId, usize>,
    scroll_offsets: HashMap<SourceId, f32>,
    /// A position to bring into view on the next frame, if it is not in view.
    reveal: Option<(SourceId, usize)>,
    /// Relative widths of the shown columns.
    weights: HashMap<SourceId, f32>,
}

impl ColumnsState {
    /// Scrolls a source to a character position on the next frame.
    pub fn scroll_to(&mut self, source: SourceId, pos: usize) {
        self.scroll_to.insert(source, pos);
    }

    /// Brings a character position of a source into view on the next frame, scrolling
    /// only when it is out of view.
    pub fn reveal(&mut self, source: SourceId, pos: usize) {
        self.reveal = Some((source, pos));
    }

    /// How far a source's column is scrolled, in points.
    pub fn scroll(&self, source: &SourceId) -> f32 {
        self.layouts.get(source).map_or(0.0, |l| l.scroll_y)
    }

    /// Whether a source is laid out with the text it has now.
    pub fn is_laid_out(&self, source: &SourceId) -> bool {
        self.layouts.contains_key(source)
    }

    /// Drops the layouts of texts no longer in the project (a source removed or revised).
    pub fn forget_missing(&mut self, project: &Project) {
        self.layouts
            .retain(|id, layout| project.source(id).is_some_and(|s| layout.shows(&s.text)));
    }
}

/// The shown sources side by side.
pub fn show(
    view: &View,
    state: &mut ColumnsState,
    find: &FindState,
    ui: &mut Ui,
    out: &mut Actions,
) {
    let shown = view.shown_sources();
    if shown.is_empty() {
        empty_state(view, ui, out);
        return;
    }
    {
        let area = ui.available_rect_before_wrap();
        let weights: Vec<f32> = shown
            .iter()
            .map(|id| *state.weights.get(id).unwrap_or(&1.0))
            .collect();
        let sum: f32 = weights.iter().sum();
        let room = area.width() - HANDLE * (shown.len() - 1) as f32;
        let mut x = area.min.x;
        let mut columns = Vec::with_capacity(shown.len());
        for (i, id) in shown.iter().enumerate() {
            let width = room * weights[i] / sum;
            let rect = Rect::from_min_size(pos2(x, area.min.y), vec2(width, area.height()));
            columns.push((id.clone(), rect));
            let mut child = ui.new_child(
                UiBuilder::new()
                    .max_rect(rect)
                    .layout(Layout::top_down(Align::Min))
                    .id_salt(("column", id.as_str())),
            );
            child.set_clip_rect(rect.intersect(ui.clip_rect()));
            column(view, state, find, &mut child, out, id);
            x += width;
            if i + 1 < shown.len() {
                let handle = Rect::from_min_size(pos2(x, area.min.y), vec2(HANDLE, area.height()));
                let response = ui
                    .interact(handle, ui.scope_id().with(("resize", i)), Sense::drag())
                    .on_hover_cursor(CursorIcon::ResizeHorizontal);
                let stroke = if response.hovered() || response.dragged() {
                    ui.visuals().widgets.active.bg_stroke
                } else {
                    Stroke::new(1.0, ui.visuals().widgets.noninteractive.bg_stroke.color)
                };
                ui.painter()
                    .vline(handle.center().x, handle.y_range(), stroke);
                if response.dragged() {
                    let shift = response.drag_delta().x / room * sum;
                    let (a, b) = (weights[i] + shift, weights[i + 1] - shift);
                    if a >= MIN_WEIGHT * sum / shown.len() as f32
                        && b >= MIN_WEIGHT * sum / shown.len() as f32
                    {
                        state.weights.insert(id.clone(), a);
                        state.weights.insert(shown[i + 1].clone(), b);
                    }
                }
                x += HANDLE;
            }
        }
        drop_column(view, ui, &columns, out);
        ui.advance_cursor_after_rect(area);
    }
}

fn empty_state(view: &View, ui: &mut Ui, out: &mut Actions) {
    ui.vertical_centered(|ui| {
        ui.add_space(ui.available_height() / 3.0);
        if view.project.sources.is_empty() {
            ui.heading("No sources yet");
            ui.label("Add the reports you want to compare: text, Markdown or HTML files.");
        } else {
            ui.heading("All sources are hidden");
            ui.label("Show them again from View ▸ Sources shown.");
        }
        ui.horizontal(|ui| {
            ui.add_space((ui.available_width() - 220.0).max(0.0) / 2.0);
            if ui.button("Add sources…").clicked() {
                out.push(Action::OpenDialog(Dialog::Path(PathPurpose::AddSources)));
            }
            if ui.button("Open project…").clicked() {
                out.push(Action::OpenDialog(Dialog::Path(PathPurpose::Open)));
            }
        });
        ui.label(RichText::new("or drop files on this window").weak());
    });
}

fn column(
    view: &View,
    state: &mut ColumnsState,
    find: &FindState,
    ui: &mut Ui,
    out: &mut Actions,
    id: &SourceId,
) {
    let Some(source) = view.project.source(id) else {
        return;
    };
    let width = ui.available_width();
    header(ui, out, source, width);
    ui.horizontal(|ui| {
        ui.set_max_width(width);
        if source.published.is_none()
            && ui
                .link("set the publication day")
                .on_hover_text("Relative dates in the text get values once it is set")
                .clicked()
        {
            out.push(Action::EditSource(source.id.clone()));
        }
        ui.add(egui::Label::new(RichText::new(facts(source)).weak()).truncate());
    });
    ui.separator();
    document(view, state, find, ui, out, source, width);
}

/// A column being dragged by its title to another place among the columns.
#[derive(Debug, Clone, PartialEq, Eq)]
struct DraggedColumn(SourceId);

/// The column's title, with its menu (a click or a right-click opens it), a grip to drag
/// it to another place among the columns, and the button that hides it.
fn header(ui: &mut Ui, out: &mut Actions, source: &Source, width: f32) {
    let id = &source.id;
    ui.horizontal(|ui| {
        ui.set_max_width(width);
        ui.with_layout(Layout::right_to_left(Align::Center), |ui| {
            if ui
                .small_button("✖")
                .on_hover_text("Hide this source (View ▸ Sources shown)")
                .clicked()
            {
                out.push(Action::Hide(id.clone()));
            }
            ui.with_layout(Layout::left_to_right(Align::Center), |ui| {
                let (grip, grip_response) = ui.allocate_exact_size(vec2(10.0, 16.0), Sense::drag());
                grip_response.widget_info(|| {
                    egui::WidgetInfo::labeled(
                        egui::Role::Button,
                        true,
                        format!("Move “{}”", source.display_title()),
                    )
                });
                let grip_response = grip_response
                    .on_hover_text("Drag to move this column")
                    .on_hover_cursor(CursorIcon::Grab);
                paint_grip(ui, grip, grip_response.hovered() || grip_response.dragged());
                drag_source(&grip_response, id);
                let title = ui
                    .add(
                        egui::Label::new(RichText::new(source.display_title()).strong().size(16.0))
                            .truncate()
                            .selectable(false)
                            .sense(Sense::click_and_drag()),
                    )
                    .on_hover_text("Click for its menu; drag to move the column")
                    .on_hover_cursor(CursorIcon::Grab);
                drag_source(&title, id);
                let open = if title.clicked() {
                    Some(SetOpenCommand::Toggle)
                } else if title.secondary_clicked() {
                    Some(SetOpenCommand::Bool(true))
                } else {
                    None
                };
                Popup::menu(&title)
                    .open_memory(open)
                    .show(|ui| menu(ui, out, source));
            });
        });
    });
}

/// Six dots left of the title: where to take the column to move it.
fn paint_grip(ui: &Ui, rect: Rect, active: bool) {
    let color = if active {
        ui.visuals().strong_text_color()
    } else {
        ui.visuals().weak_text_color()
    };
    for row in 0..3 {
        for col in 0..2 {
            let centre = rect.center() + vec2(-2.5 + 5.0 * col as f32, -5.0 + 5.0 * row as f32);
            ui.painter().circle_filled(centre, 1.3, color);
        }
    }
}

/// Starts dragging a column when its title or grip is dragged.
fn drag_source(response: &egui::Response, id: &SourceId) {
    if response.drag_started() {
        egui::DragAndDrop::set_payload(&response.ctx, DraggedColumn(id.clone()));
    }
    if response.dragged() {
        response.ctx.set_cursor_icon(CursorIcon::Grabbing);
    }
}

/// Where a dragged column goes: the column under the pointer takes it in its place, with a
/// bar on the side it goes to; releasing it there moves it, one undoable step.
fn drop_column(view: &View, ui: &Ui, columns: &[(SourceId, Rect)], out: &mut Actions) {
    let Some(dragged) = egui::DragAndDrop::payload::<DraggedColumn>(ui.ctx()) else {
        return;
    };
    let Some(pointer) = ui.ctx().pointer_latest_pos() else {
        return;
    };
    let title = view
        .project
        .source(&dragged.0)
        .map_or(dragged.0.as_str(), Source::display_title);
    egui::Tooltip::always_open(
        ui.ctx().clone(),
        ui.layer_id(),
        Id::unique("parallax-column-drag"),
        egui::PopupAnchor::Pointer,
    )
    .show(|ui| ui.label(format!("Moving “{}”", shorten(title, 40))));
    let Some((target, rect)) = columns.iter().find(|(_, rect)| rect.contains(pointer)) else {
        return;
    };
    let (Some(from), Some(to)) = (
        view.project.source_index(&dragged.0),
        view.project.source_index(target),
    ) else {
        return;
    };
    if from == to {
        return;
    }
    let x = if from < to { rect.right() } else { rect.left() };
    ui.painter().vline(
        x.clamp(ui.clip_rect().left() + 2.0, ui.clip_rect().right() - 2.0),
        rect.y_range(),
        Stroke::new(4.0, ui.visuals().selection.bg_fill),
    );
    if ui.input(|i| i.pointer.any_released()) {
        egui::DragAndDrop::clear_payload(ui.ctx());
        out.push(Action::edit(
            Command::MoveSource {
                id: dragged.0.clone(),
                to,
            },
            format!("move {} to column {}", shorten(title, 30), to + 1),
        ));
    }
}

/// The column's menu: edit the details, revise the text, re-read a web page.
fn menu(ui: &mut Ui, out: &mut Actions, source: &Source) {
    let id = &source.id;
    if ui
        .button("Edit details…")
        .on_hover_text("Title, outlet, author, address, publication day, grade, memo")
        .clicked()
    {
        out.push(Action::EditSource(id.clone()));
        ui.close();
    }
    if ui
        .button("Revise text from a file…")
        .on_hover_text(
            "Replace this source's text with an edited version; annotations follow their words",
        )
        .clicked()
    {
        out.push(Action::OpenDialog(Dialog::Path(PathPurpose::Revise(
            id.clone(),
        ))));
        ui.close();
    }
    // A source whose file is unknown may have come from a web page: the analyst is asked
    // for the page.
    if source
        .origin
        .as_deref()
        .is_none_or(crate::import::is_web_page)
    {
        ui.separator();
        for (reading, label, hint) in [
            (
                Reading::WholePage,
                "Re-read as the whole page",
                "Read the saved page again keeping every visible word; annotations follow \
                 their words",
            ),
            (
                Reading::Article,
                "Re-read as the article",
                "Read the saved page again keeping only its article; annotations follow \
                 their words",
            ),
        ] {
            if ui.button(label).on_hover_text(hint).clicked() {
                out.push(Action::Reread(id.clone(), reading, None));
                ui.close();
            }
        }
    }
}

/// The line under a column's title: outlet, publication day, author and reliability.
fn facts(source: &Source) -> String {
    let mut facts: Vec<String> = Vec::new();
    if !source.outlet.is_empty() {
        facts.push(source.outlet.clone());
    }
    match source.published {
        Some(d) => facts.push(d.format("%-d %B %Y").to_string()),
        None => facts.push("publication date unknown".into()),
    }
    if !source.author.is_empty() {
        facts.push(source.author.clone());
    }
    if let Some(grade) = source.reliability {
        facts.push(format!("reliability {grade}"));
    }
    facts.join(" · ")
}

/// The source's text with its annotations, suggestions and find matches, and what the
/// analyst does in it: select, click, scroll, hover.
fn document(
    view: &View,
    state: &mut ColumnsState,
    find: &FindState,
    ui: &mut Ui,
    out: &mut Actions,
    source: &Source,
    width: f32,
) {
    let id = &source.id;
    let name = format!("Text of {}", source.display_title());
    let marks = view
        .index
        .source_position(id)
        .map(|i| view.index.of_source(i))
        .unwrap_or_default();
    let selection = match view.selection {
        Some((s, sel)) if s == id => Some(*sel),
        _ => None,
    };
    let reveal = match &state.reveal {
        Some((s, pos)) if s == id => Some(*pos),
        _ => None,
    };
    if reveal.is_some() {
        state.reveal = None;
    }
    let suggestions = view.suggestions.of_source(id);
    let input = DocumentInput {
        name: &name,
        marks,
        suggestions,
        selected_annotation: view.selected,
        selected_span: view
            .selected
            .and_then(|a| view.project.annotations.get(a))
            .filter(|a| &a.source == id && !a.unplaced)
            .map(Annotation::span),
        finds: find.matches.get(id).map_or(&[], Vec::as_slice),
        current_find: find.current_range(id),
        font_size: view.prefs.font_size,
        width,
        scroll_to: state.scroll_to.remove(id),
        scroll_offset: state.scroll_offsets.remove(id),
        reveal,
    };
    let layout = state
        .layouts
        .entry(id.clone())
        .or_insert_with(|| DocumentLayout::new(&source.text));
    let mut selected = selection;
    let output = layout.show(ui, id.as_str(), &input, &mut selected);
    if selected != selection {
        out.push(Action::SetSelection(selected.map(|s| (id.clone(), s))));
    }
    if let (Some(span), Some(annotation)) = (output.reshaped.clone(), view.selected) {
        out.push(Action::Reshape(annotation.clone(), span));
    }
    clicks(&output, &input, out, id);
    if output.scrolled && view.prefs.linked_scrolling {
        link_scrolling(view, state, id);
    }
    tooltip(view.project, output, &suggestions);
}

/// A click selects the annotation under it, or makes the suggestion under it current
/// (unless an annotation inside it is shorter).
fn clicks(output: &DocumentOutput, input: &DocumentInput<'_>, out: &mut Actions, id: &SourceId) {
    let Some(pos) = output.clicked_at else {
        return;
    };
    let clicked = input.marks.innermost_at(pos);
    let clicked_suggestion = input
        .suggestions
        .innermost_at(pos)
        .filter(|(_, s)| clicked.is_none_or(|m| s.end - s.start <= m.end - m.start))
        .map(|(i, _)| i);
    out.push(match clicked_suggestion {
        Some(index) => Action::Suggestion(SuggestionStep::MakeCurrent {
            source: id.clone(),
            index,
        }),
        None => Action::SelectAnnotation(clicked.map(|m| m.id.clone())),
    });
}

/// Scrolls every other shown column to the same share of its text as `id`'s.
fn link_scrolling(view: &View, state: &mut ColumnsState, id: &SourceId) {
    let fraction = state.layouts[id].scroll_fraction();
    for other in view.shown_sources() {
        if &other != id
            && let Some(layout) = state.layouts.get(&other)
        {
            let offset = layout.offset_at_fraction(fraction);
            state.scroll_offsets.insert(other, offset);
        }
    }
}

/// What the pointer is over: the suggestion and the annotations under it.
fn tooltip(project: &Project, output: DocumentOutput, suggestions: &SourceSuggestions<'_>) {
    let hovered_suggestion = output
        .pointer_at
        .and_then(|pos| suggestions.innermost_at(pos))
        .map(|(_, s)| s);
    let Some(response) = output.response else {
        return;
    };
    if output.hovered.is_empty() && hovered_suggestion.is_none() {
        return;
    }
    response.on_hover_ui_at_pointer(|ui| {
        if let Some(s) = hovered_suggestion {
            describe_suggestion(ui, project, s);
            if !output.hovered.is_empty() {
                ui.separator();
            }
        }
        for id in &output.hovered {
            if let Some(a) = project.annotations.get(id) {
                describe(ui, project, a);
            }
        }
    });
}

/// A suggestion as a tooltip shows it: what it proposes and how to take it.
fn describe_suggestion(ui: &mut Ui, project: &Project, s: &Suggestion) {
    theme::suggested_heading(ui, s.kind());
    ui.label(s.proposal.describe(project));
    ui.label(RichText::new("Click it, then Enter accepts and Del rejects").weak());
}

/// One annotation as a tooltip shows it: tag, quote, links and note.
pub fn describe(ui: &mut Ui, project: &Project, a: &Annotation) {
    theme::tag_heading(ui, a.kind());
    ui.label(format!("“{}”", shorten(&a.quote.exact, 40)));
    match &a.tag {
        Tag::Actor { entity } => {
            let name = entity
                .as_ref()
                .map_or("not linked to an entity", |e| project.entity_name(e));
            ui.label(format!("Entity: {name}"));
        }
        Tag::Claim {
            speaker,
            via,
            group,
            ..
        } => {
            let name = |e: &Option<crate::model::EntityId>| {
                e.as_ref()
                    .map_or("—".to_string(), |e| project.entity_name(e).to_string())
            };
            ui.label(format!("Speaker: {}", name(speaker)));
            ui.label(format!("Via: {}", name(via)));
            let group = group.as_ref().map_or("—".to_string(), |g| {
                project
                    .claim_groups
                    .get(g)
                    .map_or(g.to_string(), |g| g.label.clone())
            });
            ui.label(format!("Claim group: {group}"));
        }
        Tag::Date { value } => {
            let value = value.map_or("not normalised".to_string(), |v| {
                format!("{v} ({})", v.extent())
            });
            ui.label(format!("Value: {value}"));
        }
    }
    if !a.note.is_empty() {
        ui.label(RichText::new(format!("Note: {}", a.note)).italics());
    }
}
