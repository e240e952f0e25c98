//! The document view: one source's text, laid out block by block, with annotations,
//! the selection and find matches painted behind it, suggestions outlined with dashes,
//! and mouse selection across blocks.
//!
//! Only the blocks in view are laid out; each block's layout is cached until the column
//! width or the font changes. Annotations are painted over the cached layout rather than
//! baked into it, so tagging a span costs no new layout at all. Heights of blocks not yet
//! laid out are estimated from their length and corrected once they come into view.

use std::collections::HashMap;
use std::ops::Range;
use std::sync::Arc;

use egui::text::{CCursor, LayoutJob};
use egui::{
    Align2, Color32, FontId, Galley, Pos2, Rect, ScrollArea, Sense, Shape, Stroke, Ui, pos2, vec2,
};

mod handles;

use super::blocks::split_blocks;
use super::spans::{Entry, SourceMarks};
use super::suggestions::SourceSuggestions;
use super::theme;
use crate::anchor::SourceText;
use crate::model::{AnnotationId, TagKind};
use crate::suggest::Suggestion;

/// Width of the margin that holds the annotation bars and letters.
const GUTTER: f32 = 22.0;
/// Space between blocks.
const BLOCK_GAP: f32 = 4.0;
/// Laid-out blocks kept per source before the cache is cleared.
const MAX_CACHED_BLOCKS: usize = 512;

/// What decides how blocks are laid out; a change drops every cached layout.
#[derive(Debug, Clone, Copy, PartialEq)]
struct LayoutKey {
    wrap_width: f32,
    font_size: f32,
    text_color: Color32,
}

/// The layout state of one source's column, kept between frames.
pub struct DocumentLayout {
    text: SourceText,
    blocks: Vec<Range<usize>>,
    heights: Vec<f32>,
    /// Top of every block, and the total height last.
    tops: Vec<f32>,
    tops_stale: bool,
    key: Option<LayoutKey>,
    galleys: HashMap<usize, Arc<Galley>>,
    /// The scroll offset of the last frame.
    pub scroll_y: f32,
    /// The height of the visible part of the column in the last frame.
    pub view_height: f32,
    /// Where the button went down for the selection being dragged (before snapping).
    drag_from: Option<usize>,
    /// A handle of the selected annotation being dragged.
    reshaping: Option<handles::Reshaping>,
    /// Where the selected annotation's handles were drawn in the last frame.
    grips: Vec<(crate::reshape::Edge, Rect)>,
}

/// The selection of text in one source, in code points: where the drag began, where it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextSelection {
    pub anchor: usize,
    pub head: usize,
}

impl TextSelection {
    pub fn range(&self) -> Range<usize> {
        self.anchor.min(self.head)..self.anchor.max(self.head)
    }
}

/// What the view needs to draw a source besides its layout.
pub struct DocumentInput<'a> {
    /// The accessible name of the text area (screen readers, tests).
    pub name: &'a str,
    pub marks: SourceMarks<'a>,
    /// Suggestions waiting for the analyst, drawn as dashed outlines.
    pub suggestions: SourceSuggestions<'a>,
    pub selected_annotation: Option<&'a AnnotationId>,
    /// The span of the selected annotation, when it is in this source: its ends get
    /// handles.
    pub selected_span: Option<Range<usize>>,
    pub finds: &'a [Range<usize>],
    pub current_find: Option<Range<usize>>,
    pub font_size: f32,
    /// The width of the column, margin and scroll bar included.
    pub width: f32,
    /// Scroll so that this position is in view (near the top third).
    pub scroll_to: Option<usize>,
    /// Scroll to this offset (linked scrolling).
    pub scroll_offset: Option<f32>,
    /// Scroll so that this position is in view, only if it is not already.
    pub reveal: Option<usize>,
}

/// What happened in the view this frame.
#[derive(Debug, Default)]
pub struct DocumentOutput {
    /// The pointer was released without dragging at this character.
    pub clicked_at: Option<usize>,
    /// The user scrolled the view.
    pub scrolled: bool,
    /// The annotations under the pointer, innermost first.
    pub hovered: Vec<AnnotationId>,
    /// The character under the pointer.
    pub pointer_at: Option<usize>,
    /// The text area's response, for tooltips.
    pub response: Option<egui::Response>,
    /// A handle of the selected annotation was let go: its new span.
    pub reshaped: Option<Range<usize>>,
}

impl DocumentLayout {
    pub fn new(text: &SourceText) -> Self {
        let blocks = split_blocks(text);
        let n = blocks.len();
        Self {
            text: text.clone(),
            blocks,
            heights: vec![0.0; n],
            tops: Vec::new(),
            tops_stale: true,
            key: None,
            galleys: HashMap::new(),
            scroll_y: 0.0,
            view_height: 0.0,
            drag_from: None,
            reshaping: None,
            grips: Vec::new(),
        }
    }

    /// Whether this is the layout of `text` (a revised source needs a new one).
    pub fn shows(&self, text: &SourceText) -> bool {
        self.text == *text
    }

    /// Resets layouts when width, font or colours change, and estimates block heights.
    fn prepare(&mut self, ui: &Ui, key: LayoutKey) {
        if self.key == Some(key) {
            return;
        }
        self.key = Some(key);
        self.galleys.clear();
        let row_height = ui.fonts_mut(|f| f.row_height(&FontId::proportional(key.font_size)));
        let chars_per_row = (key.wrap_width / (key.font_size * 0.5)).max(8.0);
        for (h, b) in self.heights.iter_mut().zip(&self.blocks) {
            let rows = ((b.end - b.start) as f32 / chars_per_row).ceil().max(1.0);
            *h = rows * row_height + BLOCK_GAP;
        }
        self.tops_stale = true;
    }

    fn refresh_tops(&mut self) {
        if !self.tops_stale {
            return;
        }
        self.tops.clear();
        self.tops.reserve(self.heights.len() + 1);
        let mut y = 0.0;
        for h in &self.heights {
            self.tops.push(y);
            y += h;
        }
        self.tops.push(y);
        self.tops_stale = false;
    }

    fn total_height(&self) -> f32 {
        self.tops.last().copied().unwrap_or(0.0)
    }

    /// How far down the text the view is, from 0 to 1.
    pub fn scroll_fraction(&self) -> f32 {
        let room = (self.total_height() - self.view_height).max(1.0);
        (self.scroll_y / room).clamp(0.0, 1.0)
    }

    /// The scroll offset that puts the view at a fraction of the text.
    pub fn offset_at_fraction(&self, fraction: f32) -> f32 {
        (self.total_height() - self.view_height).max(0.0) * fraction
    }

    /// The block at a height in the content.
    fn block_at_y(&self, y: f32) -> usize {
        self.tops
            .partition_point(|&t| t <= y)
            .saturating_sub(1)
            .min(self.blocks.len().saturating_sub(1))
    }

    /// The block holding a character position (a line break counts to the block before).
    fn block_of_char(&self, pos: usize) -> usize {
        self.blocks
            .partition_point(|b| b.start <= pos)
            .saturating_sub(1)
    }

    fn galley(&mut self, ui: &Ui, i: usize) -> Arc<Galley> {
        if let Some(g) = self.galleys.get(&i) {
            return g.clone();
        }
        if self.galleys.len() >= MAX_CACHED_BLOCKS {
            self.galleys.clear();
        }
        let key = self.key.expect("prepare runs before layout");
        let text = self.text.slice(self.blocks[i].clone()).to_string();
        let job = LayoutJob::simple(
            text,
            FontId::proportional(key.font_size),
            key.text_color,
            key.wrap_width,
        );
        let galley = ui.fonts_mut(|f| f.layout_job(job));
        let height = galley.rect.height() + BLOCK_GAP;
        if (self.heights[i] - height).abs() > 0.5 {
            self.heights[i] = height;
            self.tops_stale = true;
        }
        self.galleys.insert(i, galley.clone());
        galley
    }

    /// Lays out the blocks a viewport shows and returns their indices.
    fn visible_blocks(&mut self, ui: &Ui, viewport: Rect) -> Range<usize> {
        // Laying out corrects estimated heights, which can move later blocks into view.
        for _ in 0..3 {
            self.refresh_tops();
            let first = self.block_at_y(viewport.min.y);
            let mut last = first;
            while last < self.blocks.len() && self.tops[last] < viewport.max.y {
                self.galley(ui, last);
                last += 1;
            }
            if !self.tops_stale {
                return first..last;
            }
        }
        self.refresh_tops();
        let first = self.block_at_y(viewport.min.y);
        let last = self
            .tops
            .partition_point(|&t| t < viewport.max.y)
            .min(self.blocks.len());
        for i in first..last {
            self.galley(ui, i);
        }
        first..last.max(first)
    }

    /// The content height at which a character sits, once its block is laid out.
    fn y_of_char(&mut self, ui: &Ui, pos: usize) -> f32 {
        let i = self.block_of_char(pos);
        let galley = self.galley(ui, i);
        self.refresh_tops();
        let local = pos.saturating_sub(self.blocks[i].start);
        self.tops[i] + galley.pos_from_cursor(CCursor::new(local)).min.y
    }

    /// The character under a point of the content (relative to the text's origin).
    fn char_at(&mut self, ui: &Ui, point: Pos2) -> usize {
        self.refresh_tops();
        let i = self.block_at_y(point.y);
        let galley = self.galley(ui, i);
        let local = vec2(point.x, point.y - self.tops[i]);
        let cursor = galley.cursor_from_pos(local);
        let block = &self.blocks[i];
        (block.start + cursor.index.0).min(block.end)
    }

    /// Shows the view and handles the mouse; `selection` is this source's text selection.
    pub fn show(
        &mut self,
        ui: &mut Ui,
        id_salt: &str,
        input: &DocumentInput<'_>,
        selection: &mut Option<TextSelection>,
    ) -> DocumentOutput {
        let mut output = DocumentOutput::default();
        let wrap_width = (input.width - GUTTER - 14.0).max(60.0);
        let key = LayoutKey {
            wrap_width: wrap_width.round(),
            font_size: input.font_size,
            text_color: ui.visuals().text_color(),
        };
        self.prepare(ui, key);
        self.refresh_tops();

        let mut area = ScrollArea::vertical()
            .id_salt(id_salt)
            .auto_shrink([false, false]);
        if let Some(pos) = input.scroll_to {
            let y = self.y_of_char(ui, pos);
            let view = self.view_height.max(100.0);
            area = area.vertical_scroll_offset((y - view / 3.0).max(0.0));
        } else if let Some(offset) = input.scroll_offset {
            area = area.vertical_scroll_offset(offset);
        } else if let Some(pos) = input.reveal {
            let y = self.y_of_char(ui, pos);
            let view = self.view_height.max(100.0);
            let margin = input.font_size * 3.0;
            if y < self.scroll_y || y > self.scroll_y + view - margin {
                area = area.vertical_scroll_offset((y - view / 3.0).max(0.0));
            }
        }
        let previous_scroll = self.scroll_y;
        let scroll = area.show_viewport(ui, |ui, viewport| {
            let visible = self.visible_blocks(ui, viewport);
            let width = wrap_width + GUTTER;
            let (rect, response) = ui.allocate_exact_size(
                vec2(width, self.total_height().max(viewport.height())),
                Sense::click_and_drag(),
            );
            response
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Document, true, input.name));
            let origin = rect.min + vec2(GUTTER, 0.0);
            let shown = self.reshaping.as_ref().map(|r| r.span.clone());
            let painted = shown.or(selection.map(|s| s.range()));
            self.paint(ui, origin, visible.clone(), input, painted);
            self.handle_pointer(ui, &response, origin, input, selection, &mut output);
            self.handles(ui, origin, visible, input);
            output.response = Some(response);
        });
        self.scroll_y = scroll.state.clamped_offset().y;
        self.view_height = scroll.inner_rect.height();
        output.scrolled = (self.scroll_y - previous_scroll).abs() > 0.5
            && input.scroll_offset.is_none()
            && input.scroll_to.is_none()
            && input.reveal.is_none();
        output
    }

    fn handle_pointer(
        &mut self,
        ui: &Ui,
        response: &egui::Response,
        origin: Pos2,
        input: &DocumentInput<'_>,
        selection: &mut Option<TextSelection>,
        output: &mut DocumentOutput,
    ) {
        let to_local = |p: Pos2| pos2(p.x - origin.x, p.y - origin.y);
        if let Some(hover) = response.hover_pos() {
            let pos = self.char_at(ui, to_local(hover));
            output.pointer_at = Some(pos);
            let mut under: Vec<&Entry> = input.marks.overlapping(pos..pos + 1).collect();
            under.sort_by_key(|m| m.end - m.start);
            output.hovered = under.iter().map(|m| m.id.clone()).collect();
        }
        let shift = ui.input(|i| i.modifiers.shift);
        if response.is_pointer_button_down_on() {
            // Pressing on the text takes the keyboard back from any field, so the tag
            // keys work at once.
            ui.memory_mut(|m| {
                if let Some(id) = m.focused() {
                    m.surrender_focus(id);
                }
            });
        }
        if response.double_clicked() {
            if let Some(p) = response.interact_pointer_pos() {
                let pos = self.char_at(ui, to_local(p));
                let word = crate::reshape::word_at(&self.text, pos);
                *selection = Some(TextSelection {
                    anchor: word.start,
                    head: word.end,
                });
            }
            return;
        }
        if self.reshaping.is_some() && (response.dragged() || response.drag_stopped()) {
            self.drag_handle(ui, response, origin, output);
            return;
        }
        if response.drag_started() {
            // The drag began where the button went down, not where it was noticed.
            let press = ui.input(|i| i.pointer.press_origin());
            if let Some(p) = press.or(response.interact_pointer_pos()) {
                if self.grab(p, input) {
                    self.drag_handle(ui, response, origin, output);
                    return;
                }
                let pos = self.char_at(ui, to_local(p));
                let from = match (*selection, shift) {
                    (Some(s), true) => s.anchor,
                    _ => pos,
                };
                self.drag_from = Some(from);
                *selection = Some(TextSelection {
                    anchor: from,
                    head: pos,
                });
            }
        } else if response.dragged() {
            if let (Some(p), Some(from)) = (response.interact_pointer_pos(), self.drag_from) {
                let head = self.char_at(ui, to_local(p));
                // Whole words unless Alt is held.
                let by_character = ui.input(|i| i.modifiers.alt);
                let range = from.min(head)..from.max(head);
                let range = if by_character {
                    range
                } else {
                    crate::reshape::snap_to_words(&self.text, range)
                };
                *selection = Some(if head >= from {
                    TextSelection {
                        anchor: range.start,
                        head: range.end,
                    }
                } else {
                    TextSelection {
                        anchor: range.end,
                        head: range.start,
                    }
                });
                // Keep the pointer's edge in view while dragging past it.
                ui.scroll_to_rect(Rect::from_center_size(p, vec2(1.0, 1.0)), None);
            }
        } else if response.clicked()
            && let Some(p) = response.interact_pointer_pos()
        {
            let pos = self.char_at(ui, to_local(p));
            match (*selection, shift) {
                (Some(s), true) => {
                    *selection = Some(TextSelection {
                        anchor: s.anchor,
                        head: pos,
                    });
                }
                _ => {
                    *selection = None;
                    output.clicked_at = Some(pos);
                }
            }
        }
    }

    fn paint(
        &mut self,
        ui: &Ui,
        origin: Pos2,
        visible: Range<usize>,
        input: &DocumentInput<'_>,
        selection: Option<Range<usize>>,
    ) {
        let visuals = ui.visuals().clone();
        for i in visible {
            let galley = self.galley(ui, i);
            let block = self.blocks[i].clone();
            let p = Painting {
                painter: ui.painter(),
                visuals: &visuals,
                galley: &galley,
                block: &block,
                top: origin + vec2(0.0, self.tops[i]),
                gutter: origin.x - GUTTER,
            };
            let marks: Vec<&Entry> = input.marks.overlapping(block.clone()).collect();
            let suggested: Vec<(usize, &Suggestion)> =
                input.suggestions.overlapping(block.clone()).collect();
            // Under the text: find matches, annotation fills, the current suggestion and
            // the selection.
            p.finds(input);
            p.fills(&marks, &suggested, input);
            if let Some(sel) = &selection {
                p.selection(sel);
            }
            p.painter
                .galley(p.top, galley.clone(), visuals.text_color());
            // Over the text: suggestions' outlines, underlines by layer, and margin bars
            // with letters.
            p.outlines(&suggested, input);
            p.underlines(&marks, input);
        }
    }
}

/// One block being painted: its galley, where it stands, and the characters it holds.
struct Painting<'a> {
    painter: &'a egui::Painter,
    visuals: &'a egui::Visuals,
    galley: &'a Galley,
    block: &'a Range<usize>,
    top: Pos2,
    /// Where the margin starts, left of the text.
    gutter: f32,
}

impl Painting<'_> {
    /// Rectangles on the screen covering a character range of the block, one per row.
    fn rects(&self, range: Range<usize>) -> Vec<Rect> {
        range_rects(self.galley, self.block, range)
            .into_iter()
            .map(|r| r.translate(self.top.to_vec2()))
            .collect()
    }

    fn finds(&self, input: &DocumentInput<'_>) {
        for m in input.finds {
            if m.end > self.block.start && m.start < self.block.end {
                let fill = if input.current_find.as_ref() == Some(m) {
                    self.visuals.warn_fg_color.gamma_multiply(0.6)
                } else {
                    theme::find_fill(self.visuals)
                };
                for r in self.rects(m.clone()) {
                    self.painter.rect_filled(r, 2.0, fill);
                }
            }
        }
    }

    fn fills(
        &self,
        marks: &[&Entry],
        suggested: &[(usize, &Suggestion)],
        input: &DocumentInput<'_>,
    ) {
        for mark in marks {
            let fill = theme::tag_fill(mark.kind, self.visuals);
            for r in self.rects(mark.start..mark.end) {
                self.painter.rect_filled(r, 0.0, fill);
            }
        }
        for &(i, s) in suggested {
            if input.suggestions.current == Some(i) {
                let fill = theme::suggestion_fill(s.kind(), self.visuals);
                for r in self.rects(s.span()) {
                    self.painter.rect_filled(r, 2.0, fill);
                }
            }
        }
    }

    fn selection(&self, sel: &Range<usize>) {
        if sel.end <= self.block.start || sel.start > self.block.end {
            return;
        }
        let fill = theme::selection_fill(self.visuals);
        let stroke = Stroke::new(1.0, self.visuals.selection.stroke.color);
        for r in self.rects(sel.clone()) {
            self.painter.rect_filled(r, 0.0, fill);
            self.painter
                .rect_stroke(r, 0.0, stroke, egui::StrokeKind::Outside);
        }
    }

    /// Each suggestion's dashed outline, and a ▶ in the margin for the current one.
    fn outlines(&self, suggested: &[(usize, &Suggestion)], input: &DocumentInput<'_>) {
        for &(i, s) in suggested {
            let current = input.suggestions.current == Some(i);
            let stroke = Stroke::new(
                if current { 2.0 } else { 1.0 },
                theme::tag_color(s.kind(), self.visuals),
            );
            // Claims hold names and dates: their outline sits a little further out.
            let pad = if s.kind() == TagKind::Claim {
                vec2(3.0, 1.0)
            } else {
                vec2(1.0, 0.0)
            };
            let rects = self.rects(s.span());
            for r in &rects {
                dashed_outline(self.painter, r.expand2(pad), stroke);
            }
            if current
                && s.start >= self.block.start
                && let Some(first) = rects.first()
            {
                self.painter.text(
                    pos2(self.gutter, first.center().y),
                    Align2::LEFT_CENTER,
                    "▶",
                    FontId::proportional(11.0),
                    stroke.color,
                );
            }
        }
    }

    /// Each annotation's underline (lower for each layer beneath), a frame round the
    /// selected one, and its bar and letter in the margin.
    fn underlines(&self, marks: &[&Entry], input: &DocumentInput<'_>) {
        let mut letters_on_row: Vec<i64> = Vec::new();
        for mark in marks {
            let depth = input.marks.depth(mark);
            let color = theme::tag_color(mark.kind, self.visuals);
            let selected = input.selected_annotation == Some(&mark.id);
            let width = if selected { 2.5 } else { 1.5 };
            let rects = self.rects(mark.start..mark.end);
            for r in &rects {
                let y = r.max.y - 1.0 - 3.0 * depth.min(4) as f32;
                underline(
                    self.painter,
                    r.min.x,
                    r.max.x,
                    y,
                    Stroke::new(width, color),
                    theme::tag_underline(mark.kind),
                );
                if selected {
                    self.painter.rect_stroke(
                        *r,
                        2.0,
                        Stroke::new(1.5, color),
                        egui::StrokeKind::Outside,
                    );
                }
            }
            let (Some(first), Some(last)) = (rects.first(), rects.last()) else {
                continue;
            };
            let x = self.gutter + 2.0 + 4.0 * depth.min(3) as f32;
            let (y0, y1) = (first.min.y, last.max.y);
            self.painter
                .line_segment([pos2(x, y0), pos2(x, y1)], Stroke::new(2.0, color));
            if mark.start >= self.block.start {
                // Letters of marks that start on the same row stand side by side.
                let row_key = (y0 * 2.0).round() as i64;
                let slot = letters_on_row.iter().filter(|&&y| y == row_key).count();
                letters_on_row.push(row_key);
                self.painter.text(
                    pos2(self.gutter + GUTTER - 2.0 - 6.0 * slot.min(2) as f32, y0),
                    Align2::RIGHT_TOP,
                    mark.kind.letter(),
                    FontId::monospace(9.0),
                    color,
                );
            }
        }
    }
}

/// Rectangles (relative to the block's galley) covering a character range, one per row.
fn range_rects(galley: &Galley, block: &Range<usize>, range: Range<usize>) -> Vec<Rect> {
    let from = range.start.max(block.start) - block.start;
    let to = range.end.min(block.end) - block.start;
    let mut rects = Vec::new();
    let mut row_start = 0;
    for row in &galley.rows {
        let count = row.char_count_excluding_newline().0;
        let row_end = row_start + count;
        if to > row_start && from < row_end.max(row_start + 1) {
            let a = from.max(row_start) - row_start;
            let b = to.min(row_end) - row_start;
            let x0 = row.pos.x + row.x_offset(egui::text::CharIndex(a));
            let x1 = row.pos.x + row.x_offset(egui::text::CharIndex(b));
            let r = row.rect();
            rects.push(Rect::from_x_y_ranges(
                x0..=x1.max(x0 + 2.0),
                r.min.y..=r.max.y,
            ));
        }
        row_start += row.char_count_including_newline().0;
        if row_start >= to {
            break;
        }
    }
    rects
}

/// A dashed rectangle: how a suggestion is told from an annotation.
fn dashed_outline(painter: &egui::Painter, r: Rect, stroke: Stroke) {
    let corners = [
        r.left_top(),
        r.right_top(),
        r.right_bottom(),
        r.left_bottom(),
        r.left_top(),
    ];
    painter.extend(Shape::dashed_line(&corners, stroke, 4.0, 3.0));
}

fn underline(
    painter: &egui::Painter,
    x0: f32,
    x1: f32,
    y: f32,
    stroke: Stroke,
    style: theme::Underline,
) {
    let (dash, gap) = match style {
        theme::Underline::Solid => {
            painter.line_segment([pos2(x0, y), pos2(x1, y)], stroke);
            return;
        }
        theme::Underline::Dashed => (5.0, 3.0),
        theme::Underline::Dotted => (1.5, 2.5),
    };
    let mut x = x0;
    while x < x1 {
        painter.line_segment([pos2(x, y), pos2((x + dash).min(x1), y)], stroke);
        x += dash + gap;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_out_of_view_are_not_laid_out() {
        let text = SourceText::new("A paragraph of some length.\n".repeat(5000));
        let mut layout = DocumentLayout::new(&text);
        let ctx = egui::Context::default();
        let mut output = ctx.run_ui(egui::RawInput::default(), |ui| {
            let key = LayoutKey {
                wrap_width: 400.0,
                font_size: 14.0,
                text_color: Color32::BLACK,
            };
            layout.prepare(ui, key);
            let shown =
                layout.visible_blocks(ui, Rect::from_min_size(Pos2::ZERO, vec2(400.0, 600.0)));
            assert!(shown.len() >= 10 && shown.len() < 100, "{shown:?}");
            assert_eq!(layout.galleys.len(), shown.len());
        });
        output.textures_delta.clear();
    }
}
