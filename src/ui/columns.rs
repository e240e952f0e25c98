//! The sources side by side: one resizable column per shown source, each with its title,
//! outlet and publication date on top and its document view below, with the
//! suggestions waiting in that source.

use std::collections::HashMap;

use egui::{Align, CursorIcon, Layout, Rect, RichText, Sense, Stroke, Ui, UiBuilder, pos2, vec2};

use super::action::{Action, Actions, Dialog, PathPurpose, SuggestionStep};
use super::document::{DocumentInput, DocumentLayout, DocumentOutput};
use super::find::FindState;
use super::suggestions::SourceSuggestions;
use super::theme;
use super::view::View;
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
        for (i, id) in shown.iter().enumerate() {
            let width = room * weights[i] / sum;
            let rect = Rect::from_min_size(pos2(x, area.min.y), vec2(width, area.height()));
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

/// The column's title, with its menu (revise the text) and the button that hides it.
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
                ui.add(
                    egui::Label::new(RichText::new(source.display_title()).strong().size(16.0))
                        .truncate()
                        .sense(Sense::click()),
                )
                .on_hover_text(format!("{}\nRight-click for more", source.display_title()))
                .context_menu(|ui| {
                    if ui
                        .button("Edit details…")
                        .on_hover_text(
                            "Title, outlet, author, address, publication day, grade, memo",
                        )
                        .clicked()
                    {
                        out.push(Action::EditSource(id.clone()));
                        ui.close();
                    }
                    if ui
                        .button("Revise text from a file…")
                        .on_hover_text(
                            "Replace this source's text with an edited version; \
                             annotations follow their words",
                        )
                        .clicked()
                    {
                        out.push(Action::OpenDialog(Dialog::Path(PathPurpose::Revise(
                            id.clone(),
                        ))));
                        ui.close();
                    }
                });
            });
        });
    });
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
