//! A type-ahead search over named things (entities, claim groups): the matches follow
//! what is typed, Down and Up move the highlight, Enter takes the highlighted match (the
//! first unless moved) or creates the typed name when nothing matches, and the field's
//! text is selected whenever it gets the keyboard, so typing replaces it.

use egui::text::{CCursor, CCursorRange};
use egui::{Id, Response, Ui};

use super::keys::{self, Does};

/// What the analyst chose.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pick<T> {
    /// This one, or none (cleared).
    Set(Option<T>),
    /// A new one with this name.
    Create(String),
}

/// One thing the search offers.
pub struct Choice<T> {
    pub label: String,
    pub pick: Pick<T>,
}

/// A search's text and highlight, kept between frames.
#[derive(Debug, Default, Clone)]
pub struct Search {
    pub query: String,
    /// The highlighted choice, counted from the first.
    highlight: usize,
}

impl Search {
    /// A search that starts from these words (the annotation's, say).
    pub fn with(query: impl Into<String>) -> Self {
        Self {
            query: query.into(),
            highlight: 0,
        }
    }
}

/// How a search is labelled and what it offers.
pub struct Field<'a> {
    /// The field's accessible name (`Entity search`).
    pub name: &'a str,
    pub hint: &'a str,
    /// Give the field the keyboard this frame.
    pub focus: bool,
}

/// The search field and its choices; `choices` lists what matches a query (the matches,
/// then a choice to create the name when none matches it exactly). Returns what was
/// picked (the query is cleared then) and the field's response.
pub fn show<T: Clone>(
    ui: &mut Ui,
    field: &Field<'_>,
    search: &mut Search,
    choices: impl Fn(&str) -> Vec<Choice<T>>,
) -> (Option<Pick<T>>, Response) {
    let id = ui.make_persistent_id(("picker", field.name));
    if field.focus {
        // Before the field is drawn, so that it takes what is typed in this very frame.
        take_keyboard(ui, id, &search.query);
    }
    let mut picked = None;
    if ui.memory(|m| m.has_focus(id)) {
        let offered = choices(&search.query);
        let down = keys::count(ui.ctx(), Does::PickerMove { down: true });
        let up = keys::count(ui.ctx(), Does::PickerMove { down: false });
        let last = offered.len().saturating_sub(1);
        search.highlight = (search.highlight + down).saturating_sub(up).min(last);
        if keys::pressed(ui.ctx(), Does::PickerTake)
            && let Some(choice) = offered.into_iter().nth(search.highlight)
        {
            picked = Some(choice.pick);
        }
    }
    let before = search.query.clone();
    let response = ui
        .add(
            egui::TextEdit::singleline(&mut search.query)
                .id(id)
                .hint_text(field.hint)
                .desired_width(ui.available_width()),
        )
        .accessible_name(field.name);
    select_all_on_focus(ui, &response, &search.query);
    if search.query != before {
        search.highlight = 0;
    }
    let offered = choices(&search.query);
    for (i, choice) in offered.into_iter().enumerate() {
        let button = egui::Button::selectable(i == search.highlight, choice.label).wrap();
        if ui.add(button).clicked() {
            picked = Some(choice.pick);
        }
    }
    if picked.is_some() {
        *search = Search::default();
    }
    (picked, response)
}

/// Selects the whole text of a field as it gets the keyboard, so that what is typed
/// replaces it. Whether the field had the keyboard is remembered frame to frame, so the
/// text is selected once, not again after the first letter is typed.
pub fn select_all_on_focus(ui: &Ui, response: &Response, text: &str) {
    let has = response.has_focus();
    if has && !had_keyboard(ui, response.id) {
        select_all(ui, response.id, text);
    }
    remember_keyboard(ui, response.id, has);
}

fn had_keyboard(ui: &Ui, id: Id) -> bool {
    ui.data(|d| d.get_temp::<bool>(id.with("had the keyboard")))
        .unwrap_or(false)
}

fn remember_keyboard(ui: &Ui, id: Id, has: bool) {
    ui.data_mut(|d| d.insert_temp(id.with("had the keyboard"), has));
}

/// Gives the keyboard to the field `id`, its text selected; call it before the field is
/// drawn, so that the field takes what is typed in the same frame.
pub fn take_keyboard(ui: &Ui, id: Id, text: &str) {
    ui.memory_mut(|m| m.request_focus(id));
    select_all(ui, id, text);
    remember_keyboard(ui, id, true);
}

/// Selects the whole text of the field `id`, so that what is typed next replaces it.
fn select_all(ui: &Ui, id: Id, text: &str) {
    let mut state = egui::TextEdit::load_state(ui.ctx(), id).unwrap_or_default();
    let all = CCursorRange::two(CCursor::new(0), CCursor::new(text.chars().count()));
    state.cursor.set_char_range(Some(all));
    egui::TextEdit::store_state(ui.ctx(), id, state);
}

/// The choices of a search over `(label, id, aliases)`: those whose label or an alias
/// holds the query (case aside), at most eight, then `create` for the typed name when no
/// label is exactly it. An empty query offers nothing.
pub fn matching<'a, T: Clone + 'a>(
    query: &str,
    items: impl Iterator<Item = (String, &'a T, Vec<&'a str>)>,
    create: impl Fn(&str) -> String,
) -> Vec<Choice<T>> {
    let q = query.trim().to_lowercase();
    if q.is_empty() {
        return Vec::new();
    }
    let mut exact = false;
    let mut offered = Vec::new();
    for (label, id, aliases) in items {
        let lower = label.to_lowercase();
        exact |= lower == q;
        let hit = lower.contains(&q) || aliases.iter().any(|a| a.to_lowercase().contains(&q));
        if hit && offered.len() < 8 {
            offered.push(Choice {
                label,
                pick: Pick::Set(Some(id.clone())),
            });
        }
    }
    if !exact {
        offered.push(Choice {
            label: create(query.trim()),
            pick: Pick::Create(query.trim().to_string()),
        });
    }
    offered
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn matches_come_first_and_creating_the_name_last() {
        let names = [
            ("Captain Vosk".to_string(), 1, vec!["Vosk"]),
            ("Ada Brink".to_string(), 2, vec![]),
        ];
        let items = || names.iter().map(|(l, id, a)| (l.clone(), id, a.clone()));
        let offered = matching("vosk", items(), |q| format!("+ Create “{q}”"));
        let picks: Vec<_> = offered.iter().map(|c| c.pick.clone()).collect();
        assert_eq!(picks, [Pick::Set(Some(1)), Pick::Create("vosk".into())]);
        let offered = matching("ada brink", items(), |q| q.to_string());
        assert_eq!(offered.len(), 1, "the exact name needs no creating");
        assert!(matching("  ", items(), |q| q.to_string()).is_empty());
    }
}
