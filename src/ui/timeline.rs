//! The timeline above the comparison's dates table: one axis, a lane per source, each
//! date a source gives as a dot (a day) or a bar (a month, a year, a range), each
//! source's publication day as a tick on its lane, and ticks along the axis by day, month
//! or year as the range shown calls for. Hovering a dot or a bar shows its value, its
//! words and its source.

use chrono::{Datelike, Months, NaiveDate};
use egui::{Rect, Sense, Stroke, Ui, pos2, vec2};

use super::theme;
use crate::compare::Comparison;
use crate::model::{Precision, TagKind};

/// Width of the lane names on the left.
pub const NAMES: f32 = 170.0;
/// Height of one lane.
pub const LANE: f32 = 20.0;
/// Room right of the axis.
pub const RIGHT: f32 = 12.0;
/// Fewest points between two labelled ticks.
const TICK_GAP: f32 = 56.0;

/// A labelled mark along the axis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tick {
    pub day: NaiveDate,
    pub label: String,
}

/// The ticks for days `start..=last` on an axis `width` points wide: every day (or every
/// few days) for a range of up to two months, every month (or few months) up to four
/// years, else every year (or few years); as many as fit `TICK_GAP` apart.
pub fn ticks(start: NaiveDate, last: NaiveDate, width: f32) -> Vec<Tick> {
    let days = (last - start).num_days().max(1) as f32;
    let fits = (width / TICK_GAP).max(2.0);
    let mut out = Vec::new();
    if days <= 62.0 {
        let step = (days / fits).ceil().max(1.0) as u64;
        let mut d = start;
        while d <= last {
            out.push(Tick {
                day: d,
                label: d.format("%-d %b").to_string(),
            });
            d = match d.checked_add_days(chrono::Days::new(step)) {
                Some(next) => next,
                None => break,
            };
        }
    } else if days <= 4.0 * 366.0 {
        let months = days / 30.4;
        let step = (months / fits).ceil().max(1.0) as u32;
        let mut d = start.with_day(1).unwrap_or(start);
        if d < start {
            d = d.checked_add_months(Months::new(1)).unwrap_or(start);
        }
        while d <= last {
            let label = if d.month() == 1 || out.is_empty() {
                d.format("%b %Y").to_string()
            } else {
                d.format("%b").to_string()
            };
            out.push(Tick { day: d, label });
            d = match d.checked_add_months(Months::new(step)) {
                Some(next) => next,
                None => break,
            };
        }
    } else {
        let years = days / 365.25;
        let step = (years / fits).ceil().max(1.0) as i32;
        let mut y = start.year() + i32::from(start.ordinal() > 1);
        while let Some(d) = NaiveDate::from_ymd_opt(y, 1, 1).filter(|d| *d <= last) {
            out.push(Tick {
                day: d,
                label: y.to_string(),
            });
            y += step;
        }
    }
    out
}

/// Draws the timeline of `c`'s dates; nothing when no date has a value.
pub fn show(ui: &mut Ui, c: &Comparison) {
    let published = c.sources.iter().filter_map(|s| s.published);
    let firsts = c.dates.iter().map(|d| d.value.first_day());
    let lasts = c.dates.iter().map(|d| d.value.last_day());
    let (Some(start), Some(last)) = (
        firsts.chain(published.clone()).min(),
        lasts.chain(published).max(),
    ) else {
        return;
    };
    if c.dates.is_empty() {
        return;
    }
    let span = ((last - start).num_days().max(1)) as f32;
    let width = ui.available_width().clamp(300.0, 1200.0);
    let (rect, response) = ui.allocate_exact_size(
        vec2(width, LANE * c.sources.len() as f32 + 26.0),
        Sense::hover(),
    );
    response.widget_info(|| {
        egui::WidgetInfo::labeled(egui::Role::Figure, true, "Timeline of the dates")
    });
    let axis = rect.min.x + NAMES..=rect.max.x - RIGHT;
    let x_of = |d: NaiveDate| {
        axis.start() + (d - start).num_days() as f32 / span * (axis.end() - axis.start())
    };
    let painter = ui.painter_at(rect);
    let visuals = ui.visuals();
    let weak = visuals.weak_text_color();
    let small = egui::FontId::proportional(11.0);
    let color = theme::tag_color(TagKind::Date, visuals);
    let lanes_bottom = rect.min.y + LANE * c.sources.len() as f32;
    for tick in ticks(start, last, axis.end() - axis.start()) {
        let x = x_of(tick.day);
        painter.vline(
            x,
            rect.min.y..=lanes_bottom + 3.0,
            Stroke::new(1.0, weak.gamma_multiply(0.3)),
        );
        painter.text(
            pos2(x, lanes_bottom + 12.0),
            egui::Align2::CENTER_CENTER,
            tick.label,
            small.clone(),
            weak,
        );
    }
    // What the pointer is over: the words of a dot or bar, and its source.
    let pointer = response.hover_pos();
    let mut hovered: Option<String> = None;
    for (col, s) in c.sources.iter().enumerate() {
        let y = rect.min.y + LANE * col as f32 + LANE / 2.0;
        let name: String = s.name.chars().take(26).collect();
        painter.text(
            pos2(rect.min.x, y),
            egui::Align2::LEFT_CENTER,
            name,
            small.clone(),
            visuals.text_color(),
        );
        painter.hline(axis.clone(), y, Stroke::new(1.0, weak));
        for row in &c.dates {
            let cell = &row.cells[col];
            if cell.is_empty() {
                continue;
            }
            let (a, b) = (x_of(row.value.first_day()), x_of(row.value.last_day()));
            let shape = match row.value.precision() {
                Precision::Day if row.value.to.is_none() => {
                    painter.circle_filled(pos2(a, y), 4.5, color);
                    Rect::from_center_size(pos2(a, y), vec2(10.0, 10.0))
                }
                _ => {
                    let bar = Rect::from_x_y_ranges(a..=b.max(a + 3.0), y - 4.0..=y + 4.0);
                    painter.rect_filled(bar, 2.0, color.gamma_multiply(0.6));
                    bar.expand2(vec2(2.0, 2.0))
                }
            };
            if pointer.is_some_and(|at| shape.contains(at)) {
                let words: Vec<String> = cell.iter().map(|m| format!("“{}”", m.text)).collect();
                hovered = Some(format!(
                    "{}: {} — {} ({})",
                    s.name,
                    words.join(", "),
                    row.value,
                    row.value.extent()
                ));
            }
        }
    }
    // Publication days last, over the dates they often fall on.
    for (col, s) in c.sources.iter().enumerate() {
        let Some(p) = s.published else {
            continue;
        };
        let (x, y) = (x_of(p), rect.min.y + LANE * col as f32 + LANE / 2.0);
        painter.vline(
            x,
            y - LANE / 2.0 + 1.0..=y + LANE / 2.0 - 1.0,
            Stroke::new(2.0, visuals.strong_text_color()),
        );
        let mark = Rect::from_center_size(pos2(x, y), vec2(4.0, LANE));
        if hovered.is_none() && pointer.is_some_and(|at| mark.contains(at)) {
            hovered = Some(format!("{}: published {p}", s.name));
        }
    }
    if let Some(text) = hovered {
        response.on_hover_ui_at_pointer(|ui| {
            ui.label(text);
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn labels(ticks: &[Tick]) -> Vec<&str> {
        ticks.iter().map(|t| t.label.as_str()).collect()
    }

    #[test]
    fn a_few_days_are_ticked_by_day() {
        let t = ticks(day("2025-06-01"), day("2025-06-05"), 800.0);
        assert_eq!(labels(&t), ["1 Jun", "2 Jun", "3 Jun", "4 Jun", "5 Jun"]);
    }

    #[test]
    fn a_narrow_axis_ticks_every_few_days() {
        let t = ticks(day("2025-06-01"), day("2025-06-30"), 300.0);
        assert!(t.len() <= 6, "{t:?}");
        assert!(t.windows(2).all(|w| (w[1].day - w[0].day).num_days() == 6));
    }

    #[test]
    fn months_are_ticked_by_month_with_the_year_at_january() {
        let t = ticks(day("2024-11-15"), day("2025-06-05"), 1000.0);
        assert_eq!(
            labels(&t),
            ["Dec 2024", "Jan 2025", "Feb", "Mar", "Apr", "May", "Jun"]
        );
    }

    #[test]
    fn years_are_ticked_by_year() {
        let t = ticks(day("2022-01-01"), day("2026-06-05"), 1000.0);
        assert_eq!(labels(&t), ["2022", "2023", "2024", "2025", "2026"]);
        let t = ticks(day("1990-03-01"), day("2025-06-05"), 300.0);
        assert!(t.len() <= 6 && t.len() >= 3, "{t:?}");
    }
}
