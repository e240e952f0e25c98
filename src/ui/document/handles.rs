//! The handles at the ends of the selected annotation: drag one to move that edge. The
//! edge snaps to whole words unless Alt is held, and never splits a character; the new
//! span is reported when the handle is let go, so the change is one step to undo.
//!
//! A handle is part of the text area, not a widget of its own: a drag that begins on a
//! handle's grip moves the edge, and clicks near it still reach the text.

use std::ops::Range;

use egui::text::CCursor;
use egui::{CursorIcon, Pos2, Rect, Response, Sense, Stroke, Ui, pos2, vec2};

use super::{DocumentInput, DocumentLayout, DocumentOutput};
use crate::reshape::{Edge, snap_to_words};

/// A handle being dragged, and the span the annotation would have if it were let go now.
#[derive(Debug, Clone)]
pub(super) struct Reshaping {
    edge: Edge,
    /// The span when the drag began.
    from: Range<usize>,
    pub span: Range<usize>,
}

/// The accessible name of a handle (screen readers, tests).
fn handle_name(edge: Edge) -> &'static str {
    match edge {
        Edge::Start => "Start of the selected annotation",
        Edge::End => "End of the selected annotation",
    }
}

impl DocumentLayout {
    /// The caret before character `pos` on the screen, its block laid out.
    fn caret(&mut self, ui: &Ui, origin: Pos2, pos: usize) -> Rect {
        let i = self.block_of_char(pos);
        let galley = self.galley(ui, i);
        self.refresh_tops();
        let local = pos.saturating_sub(self.blocks[i].start);
        galley
            .pos_from_cursor(CCursor::new(local))
            .translate(origin.to_vec2() + vec2(0.0, self.tops[i]))
    }

    /// Draws the selected annotation's handles (in the blocks in view) and remembers
    /// their grips for the next frame's pointer.
    pub(super) fn handles(
        &mut self,
        ui: &Ui,
        origin: Pos2,
        visible: Range<usize>,
        input: &DocumentInput<'_>,
    ) {
        self.grips.clear();
        let Some(span) = input.selected_span.clone() else {
            self.reshaping = None;
            return;
        };
        let shown = self
            .reshaping
            .as_ref()
            .map_or(span.clone(), |r| r.span.clone());
        let color = ui.visuals().selection.stroke.color;
        let pointer = ui.input(|i| i.pointer.hover_pos());
        for edge in [Edge::Start, Edge::End] {
            let pos = match edge {
                Edge::Start => shown.start,
                Edge::End => shown.end,
            };
            // The end belongs to the block of its last character.
            let last = match edge {
                Edge::Start => pos,
                Edge::End => pos.saturating_sub(1),
            };
            if !visible.contains(&self.block_of_char(last)) {
                continue;
            }
            let caret = self.caret(ui, origin, pos);
            // The grip lies outside the span, so that a click on its first or last word
            // still selects that word.
            let x = caret.center().x;
            let (left, right) = match edge {
                Edge::Start => (x - 6.0, x + 1.0),
                Edge::End => (x - 1.0, x + 6.0),
            };
            let grip = Rect::from_x_y_ranges(left..=right, caret.min.y - 5.0..=caret.max.y + 5.0);
            self.grips.push((edge, grip));
            let id = ui
                .scope_id()
                .with(("annotation handle", edge == Edge::Start));
            ui.interact(grip, id, Sense::hover()).widget_info(|| {
                egui::WidgetInfo::labeled(egui::Role::Button, true, handle_name(edge))
            });
            let hovered = pointer.is_some_and(|p| grip.contains(p));
            if hovered {
                ui.ctx().set_cursor_icon(CursorIcon::ResizeHorizontal);
            }
            let stroke = Stroke::new(if hovered { 3.0 } else { 2.0 }, color);
            let (top, bottom) = (caret.min.y, caret.max.y);
            let painter = ui.painter();
            painter.line_segment([pos2(x, top - 2.0), pos2(x, bottom + 2.0)], stroke);
            let knob = match edge {
                Edge::Start => pos2(x, top - 3.0),
                Edge::End => pos2(x, bottom + 3.0),
            };
            painter.circle_filled(knob, 3.5, color);
        }
    }

    /// Starts moving an edge when a drag begins on a handle's grip; returns whether it
    /// did.
    pub(super) fn grab(&mut self, press: Pos2, input: &DocumentInput<'_>) -> bool {
        let Some(span) = input.selected_span.clone() else {
            return false;
        };
        let Some(&(edge, _)) = self.grips.iter().find(|(_, g)| g.contains(press)) else {
            return false;
        };
        self.reshaping = Some(Reshaping {
            edge,
            from: span.clone(),
            span,
        });
        true
    }

    /// Follows the drag of a handle: returns whether one is being dragged; when it is let
    /// go, its new span goes to `output`.
    pub(super) fn drag_handle(
        &mut self,
        ui: &Ui,
        response: &Response,
        origin: Pos2,
        output: &mut DocumentOutput,
    ) -> bool {
        let Some(reshaping) = self.reshaping.clone() else {
            return false;
        };
        if let Some(p) = response.interact_pointer_pos() {
            let at = self.char_at(ui, pos2(p.x - origin.x, p.y - origin.y));
            let by_character = ui.input(|i| i.modifiers.alt);
            if let Some(moved) = self.moved(&reshaping.from, reshaping.edge, at, by_character)
                && let Some(r) = self.reshaping.as_mut()
            {
                r.span = moved;
            }
        }
        if !response.dragged() {
            let done = self.reshaping.take().expect("a handle is being dragged");
            if done.span != done.from {
                output.reshaped = Some(done.span);
            }
        }
        true
    }

    /// `span` with `edge` moved to the character position `at` (snapped to the word
    /// around it unless `by_character`), trimmed of whitespace and whole in graphemes;
    /// `None` when nothing would be left.
    fn moved(
        &self,
        span: &Range<usize>,
        edge: Edge,
        at: usize,
        by_character: bool,
    ) -> Option<Range<usize>> {
        let wanted = match edge {
            Edge::Start => at.min(span.end.saturating_sub(1))..span.end,
            Edge::End => span.start..at.max(span.start + 1),
        };
        // Only the moved edge snaps; the other stays where it is, mid-word or not.
        let snapped = match (by_character, edge) {
            (true, _) => wanted,
            (false, Edge::Start) => snap_to_words(&self.text, wanted.clone()).start..wanted.end,
            (false, Edge::End) => wanted.start..snap_to_words(&self.text, wanted.clone()).end,
        };
        self.text.span_to_tag(snapped)
    }
}
