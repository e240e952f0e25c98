//! Find in sources: case-insensitive matches of a phrase in every shown source, the bar
//! that asks for it, and stepping from match to match.

use std::collections::HashMap;
use std::ops::Range;

use egui::{Key, Ui};

use super::action::{Action, Actions};
use super::document::TextSelection;
use super::keys::{self, Does};
use super::view::View;
use crate::anchor::SourceText;
use crate::model::SourceId;
use crate::wording::count;

/// The find bar's state.
#[derive(Debug, Default)]
pub struct FindState {
    pub open: bool,
    /// Give the query field the keyboard on the next frame.
    pub focus: bool,
    pub query: String,
    /// Matches per source, for the query and sources they were computed for.
    pub matches: HashMap<SourceId, Vec<Range<usize>>>,
    computed_for: Option<(String, Vec<SourceId>)>,
    /// The match last stepped to: its source and index among that source's matches.
    pub current: Option<(SourceId, usize)>,
}

impl FindState {
    /// Opens the bar with the keyboard in its field.
    pub fn open_focused(&mut self) {
        self.open = true;
        self.focus = true;
    }

    /// Recomputes matches when the query or the shown sources changed.
    pub fn refresh(&mut self, app_sources: &[(SourceId, SourceText)]) {
        let ids: Vec<SourceId> = app_sources.iter().map(|(id, _)| id.clone()).collect();
        let key = (self.query.clone(), ids);
        if self.computed_for.as_ref() == Some(&key) {
            return;
        }
        self.matches = app_sources
            .iter()
            .map(|(id, text)| (id.clone(), find_all(text, &self.query)))
            .filter(|(_, m)| !m.is_empty())
            .collect();
        self.current = None;
        self.computed_for = Some(key);
    }

    pub fn total(&self) -> usize {
        self.matches.values().map(Vec::len).sum()
    }

    /// The next (or previous) match after the current one, across sources in `order`.
    pub fn step(&mut self, order: &[SourceId], forward: bool) -> Option<(SourceId, Range<usize>)> {
        let all: Vec<(SourceId, usize)> = order
            .iter()
            .flat_map(|id| {
                (0..self.matches.get(id).map_or(0, Vec::len)).map(move |i| (id.clone(), i))
            })
            .collect();
        if all.is_empty() {
            return None;
        }
        let at = self
            .current
            .as_ref()
            .and_then(|c| all.iter().position(|x| x == c));
        let next = match (at, forward) {
            (None, true) => 0,
            (None, false) => all.len() - 1,
            (Some(i), true) => (i + 1) % all.len(),
            (Some(i), false) => (i + all.len() - 1) % all.len(),
        };
        let (id, i) = all[next].clone();
        self.current = Some((id.clone(), i));
        let range = self.matches[&id][i].clone();
        Some((id, range))
    }

    /// The current match, as a range in its source.
    pub fn current_range(&self, source: &SourceId) -> Option<Range<usize>> {
        let (id, i) = self.current.as_ref()?;
        (id == source)
            .then(|| self.matches.get(id)?.get(*i).cloned())
            .flatten()
    }
}

/// The find bar, shown above the columns while find is open.
pub fn bar(view: &View, find: &mut FindState, ui: &mut Ui, out: &mut Actions) {
    if !find.open {
        return;
    }
    let shown = view.shown_sources();
    let texts: Vec<(SourceId, SourceText)> = shown
        .iter()
        .filter_map(|id| {
            view.project
                .source(id)
                .map(|s| (id.clone(), s.text.clone()))
        })
        .collect();
    ui.horizontal(|ui| {
        ui.label("Find:");
        let response = ui
            .add(
                egui::TextEdit::singleline(&mut find.query)
                    .hint_text("a word or phrase, in all shown sources")
                    .desired_width(280.0),
            )
            .accessible_name("Find");
        if find.focus {
            response.request_focus();
            find.focus = false;
        }
        find.refresh(&texts);
        let total = find.total();
        let mut step = None;
        if response.lost_focus() {
            // The field lets go of the keyboard on Enter; it keeps it to step again.
            for forward in [false, true] {
                if keys::pressed(ui.ctx(), Does::FindStep { forward }) {
                    step = Some(forward);
                    response.request_focus();
                }
            }
        }
        if ui
            .add_enabled(total > 0, egui::Button::new("▲"))
            .on_hover_text("Previous match (Shift+Enter)")
            .clicked()
        {
            step = Some(false);
        }
        if ui
            .add_enabled(total > 0, egui::Button::new("▼"))
            .on_hover_text("Next match (Enter)")
            .clicked()
        {
            step = Some(true);
        }
        if let Some(forward) = step
            && let Some((id, range)) = find.step(&shown, forward)
        {
            // The match becomes the selection, so that Esc then A, C or D tags it.
            out.push(Action::ScrollTo(id.clone(), range.start));
            out.push(Action::SetSelection(Some((
                id,
                TextSelection {
                    anchor: range.start,
                    head: range.end,
                },
            ))));
        }
        if find.query.trim().is_empty() {
            ui.label("");
        } else if total == 0 {
            ui.colored_label(ui.visuals().warn_fg_color, "no matches");
        } else {
            let sources = find.matches.len();
            ui.label(format!(
                "{} in {}",
                count(total, "match"),
                count(sources, "source")
            ));
        }
        if ui.button("✖").on_hover_text("Close find (Esc)").clicked()
            || (response.has_focus() && ui.input(|i| i.key_pressed(Key::Escape)))
        {
            find.open = false;
            find.query.clear();
            find.refresh(&texts);
        }
    });
}

/// Folds a character for case-insensitive comparison (one character in, one out, so
/// positions stay code points).
fn fold(c: char) -> char {
    let mut lower = c.to_lowercase();
    match (lower.next(), lower.next()) {
        (Some(l), None) => l,
        _ => c,
    }
}

/// Every non-overlapping, case-insensitive occurrence of `needle` in `text`, as
/// code-point ranges in text order. An empty or blank needle finds nothing.
pub fn find_all(text: &SourceText, needle: &str) -> Vec<Range<usize>> {
    let needle: Vec<char> = needle.chars().map(fold).collect();
    if needle.iter().all(|c| c.is_whitespace()) {
        return Vec::new();
    }
    let hay: Vec<char> = text.as_str().chars().map(fold).collect();
    let mut found = Vec::new();
    let mut i = 0;
    while i + needle.len() <= hay.len() {
        if hay[i] == needle[0] && hay[i..i + needle.len()] == needle[..] {
            found.push(i..i + needle.len());
            i += needle.len();
        } else {
            i += 1;
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_ignore_case_in_any_script() {
        let text = SourceText::new("Путин met the Pope. ПУТИН left. The pope 🌍 stayed.");
        assert_eq!(find_all(&text, "путин"), [0..5, 20..25]);
        let pope: Vec<_> = find_all(&text, "POPE")
            .iter()
            .map(|r| text.slice(r.clone()).to_string())
            .collect();
        assert_eq!(pope, ["Pope", "pope"]);
        assert_eq!(find_all(&text, "stayed"), vec![43..49]);
        assert!(find_all(&text, "  ").is_empty());
        assert!(find_all(&text, "absent").is_empty());
    }

    #[test]
    fn matches_do_not_overlap() {
        assert_eq!(find_all(&SourceText::new("aaaa"), "aa"), [0..2, 2..4]);
    }
}
