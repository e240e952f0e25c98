//! Suggestions in the window: finding them off the window's thread, the list the analyst
//! works through (one suggestion is current), accepting and rejecting them one at a time
//! or all of a kind, the keys for that, the Annotate menu and the side panel's section.
//!
//! Accepting goes through [`Action::edit`] like any edit, as one undoable step however
//! many suggestions it takes. Suggestions an edit takes off the list (accepted, or moot
//! after it) come back when the edit is undone. Rejected suggestions stay hidden for the
//! session, also when suggestions are found again.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use egui::{Button, FocusDirection, Key, KeyboardShortcut, Modifiers, RichText, Ui};

use super::app::{Action, Workbench, short};
use super::jobs::Job;
use super::spans::AnnotationIndex;
use super::theme;
use crate::model::{Project, SourceId, TagKind};
use crate::suggest::{self, Suggestion};

/// The shortcut that finds suggestions.
pub const SUGGEST_SHORTCUT: KeyboardShortcut =
    KeyboardShortcut::new(Modifiers::COMMAND.plus(Modifiers::SHIFT), Key::A);

/// What a search for suggestions found.
pub struct Found {
    suggestions: Vec<Suggestion>,
    /// Sources read, of how many (fewer when the search was cancelled).
    read: usize,
    sources: usize,
}

/// A suggestion as remembered once rejected: where it was and what it proposed.
type Rejected = (SourceId, usize, usize, TagKind);

/// The suggestions waiting for the analyst.
#[derive(Default)]
pub struct SuggestionsState {
    /// Source by source (in the project's order), each in text order.
    list: Vec<Suggestion>,
    /// Per source: where its suggestions are in `list`, and the longest one's length.
    by_source: HashMap<SourceId, (Range<usize>, usize)>,
    /// How many of each tag are listed, in the order of [`TagKind::ALL`].
    counts: [usize; 3],
    current: Option<usize>,
    rejected: HashSet<Rejected>,
    /// The suggestions edits took off the list, by the project state (`History::state`)
    /// each edit started from: undoing back to that state brings them back.
    taken: Vec<(u64, Vec<Suggestion>)>,
    job: Option<Job<Found>>,
    /// The project state (`History::state`) the list was last checked against.
    checked_for: Option<u64>,
    /// A position to bring into view on the next frame.
    pub(crate) reveal: Option<(SourceId, usize)>,
}

/// One source's suggestions, as the document view draws them.
#[derive(Debug, Clone, Copy, Default)]
pub struct SourceSuggestions<'a> {
    /// In text order.
    pub items: &'a [Suggestion],
    /// The current suggestion's position in `items`, if it is in this source.
    pub current: Option<usize>,
    longest: usize,
}

impl<'a> SourceSuggestions<'a> {
    /// The suggestions that meet `range`, with their positions in `items`.
    pub fn overlapping(
        &self,
        range: Range<usize>,
    ) -> impl Iterator<Item = (usize, &'a Suggestion)> + use<'a> {
        super::spans::meeting(self.items, self.longest, range, Suggestion::span)
    }

    /// The shortest suggestion under a character position, with its position in `items`.
    pub fn innermost_at(&self, pos: usize) -> Option<(usize, &'a Suggestion)> {
        self.overlapping(pos..pos + 1)
            .min_by_key(|(_, s)| s.end - s.start)
    }
}

impl SuggestionsState {
    /// The suggestions waiting, source by source, each in text order.
    pub fn listed(&self) -> &[Suggestion] {
        &self.list
    }

    /// The suggestion Enter accepts and Del rejects.
    pub fn current(&self) -> Option<&Suggestion> {
        self.list.get(self.current?)
    }

    /// Whether suggestions are being looked for.
    pub fn is_searching(&self) -> bool {
        self.job.is_some()
    }

    /// The search under way, for the status bar.
    pub fn job(&self) -> Option<&Job<Found>> {
        self.job.as_ref()
    }

    /// One source's suggestions.
    pub fn of_source(&self, source: &SourceId) -> SourceSuggestions<'_> {
        let Some((range, longest)) = self.by_source.get(source) else {
            return SourceSuggestions::default();
        };
        SourceSuggestions {
            items: &self.list[range.clone()],
            current: self
                .current
                .filter(|c| range.contains(c))
                .map(|c| c - range.start),
            longest: *longest,
        }
    }

    fn count(&self, kind: TagKind) -> usize {
        TagKind::ALL
            .iter()
            .position(|&k| k == kind)
            .map_or(0, |i| self.counts[i])
    }

    fn set_list(&mut self, list: Vec<Suggestion>) {
        self.list = list;
        self.current = (!self.list.is_empty()).then_some(0);
        self.index_sources();
    }

    /// Brings `by_source` and `counts` up to date with the list.
    fn index_sources(&mut self) {
        self.counts = TagKind::ALL.map(|k| self.list.iter().filter(|s| s.kind() == k).count());
        self.by_source.clear();
        let mut i = 0;
        while i < self.list.len() {
            let source = self.list[i].source.clone();
            let start = i;
            let mut longest = 0;
            while i < self.list.len() && self.list[i].source == source {
                longest = longest.max(self.list[i].end - self.list[i].start);
                i += 1;
            }
            self.by_source.insert(source, (start..i, longest));
        }
    }

    /// Takes out the suggestions `drop` picks, and returns them; the current one becomes
    /// the first one left at or after it (or the first of all).
    fn remove(&mut self, drop: impl Fn(usize, &Suggestion) -> bool) -> Vec<Suggestion> {
        let current = self.current.unwrap_or(0);
        let mut next = None;
        let mut kept = Vec::with_capacity(self.list.len());
        let mut dropped = Vec::new();
        for (i, s) in std::mem::take(&mut self.list).into_iter().enumerate() {
            if drop(i, &s) {
                dropped.push(s);
                continue;
            }
            if i >= current && next.is_none() {
                next = Some(kept.len());
            }
            kept.push(s);
        }
        self.list = kept;
        self.current = if self.list.is_empty() {
            None
        } else {
            Some(next.unwrap_or(0))
        };
        self.index_sources();
        dropped
    }

    /// Remembers suggestions an edit from the project state `before` took off the list.
    fn took(&mut self, before: u64, gone: Vec<Suggestion>) {
        if gone.is_empty() {
            return;
        }
        match self.taken.iter_mut().find(|(state, _)| *state == before) {
            Some((_, list)) => list.extend(gone),
            None => self.taken.push((before, gone)),
        }
    }

    /// Puts back the suggestions edits from the project state `state` took, now that the
    /// project is in that state again, where they are still open and neither rejected nor
    /// listed already. The first one put back becomes current; returns how many were.
    fn bring_back(&mut self, state: u64, project: &Project, index: &AnnotationIndex) -> usize {
        let Some(at) = self.taken.iter().position(|(s, _)| *s == state) else {
            return 0;
        };
        let (_, taken) = self.taken.swap_remove(at);
        let listed: HashSet<Rejected> = self.list.iter().map(rejected_key).collect();
        let back: Vec<Suggestion> = taken
            .into_iter()
            .filter(|s| {
                let key = rejected_key(s);
                !self.rejected.contains(&key)
                    && !listed.contains(&key)
                    && still_open(project, index, s)
            })
            .collect();
        let (Some(first), n) = (back.first().map(rejected_key), back.len()) else {
            return 0;
        };
        self.list.extend(back);
        // Source by source in the project's order, each in text order; a stable sort
        // keeps the engine's order among suggestions that start together. Each key is
        // found once: finding a source's column walks the sources.
        self.list.sort_by_cached_key(|s| {
            let column = project.source_index(&s.source).unwrap_or(usize::MAX);
            (column, s.start)
        });
        self.current = self.list.iter().position(|s| rejected_key(s) == first);
        self.index_sources();
        n
    }
}

fn rejected_key(s: &Suggestion) -> Rejected {
    (s.source.clone(), s.start, s.end, s.kind())
}

fn plural(kind: TagKind) -> &'static str {
    match kind {
        TagKind::Actor => "actors",
        TagKind::Claim => "claims",
        TagKind::Date => "dates",
    }
}

fn count_words(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Starts looking for suggestions in every source, off the window's thread.
pub fn start(app: &mut Workbench, ctx: &egui::Context) {
    if app.suggestions.job.is_some() {
        app.set_error("Suggestions are already being looked for; wait for them or cancel");
        return;
    }
    if app.project.sources.is_empty() {
        app.set_status("No sources to suggest annotations in: add sources first");
        return;
    }
    let project = app.project.clone();
    let wake = ctx.clone();
    app.suggestions.job = Some(Job::start(
        "Finding suggestions",
        move |progress| {
            let sources = project.sources.len();
            progress.set_total(sources);
            let mut found = Found {
                suggestions: Vec::new(),
                read: 0,
                sources,
            };
            suggest::suggest_each(&project, |list| {
                found.suggestions.extend(list);
                found.read += 1;
                progress.advance();
                !progress.is_cancelled()
            });
            found
        },
        move || wake.request_repaint(),
    ));
}

/// Takes in a finished search, and drops suggestions the project's changes made moot
/// (their source is gone, or the analyst tagged their span with their tag).
pub fn poll(app: &mut Workbench) {
    if let Some(job) = &app.suggestions.job {
        match job.poll() {
            super::jobs::Poll::Running => {}
            super::jobs::Poll::Failed => {
                app.suggestions.job = None;
                app.set_error("Looking for suggestions stopped unexpectedly; nothing was found");
            }
            super::jobs::Poll::Done(found) => {
                app.suggestions.job = None;
                finish(app, found);
            }
        }
    }
    let state = app.history.state();
    let Some(before) = app.suggestions.checked_for.replace(state) else {
        return;
    };
    if before == state {
        return;
    }
    let (project, index) = (&app.project, &app.index);
    let moot = app
        .suggestions
        .remove(|_, s| !still_open(project, index, s));
    app.suggestions.took(before, moot);
    let back = app.suggestions.bring_back(state, project, index);
    if back > 0 {
        let again = format!(
            "{} listed again",
            count_words(back, "suggestion", "suggestions")
        );
        match &mut app.status {
            Some(status) if !status.is_error => status.text = format!("{}; {again}", status.text),
            _ => app.set_status(again),
        }
        reveal_current(app);
    }
}

/// Whether a suggestion is still there to accept: its source is in the project with the
/// suggested words still at its span (a revised text moves them), and no annotation of
/// its tag covers any of them.
fn still_open(project: &Project, index: &AnnotationIndex, s: &Suggestion) -> bool {
    let Some(source) = project.source(&s.source) else {
        return false;
    };
    let words_there =
        source.text.check_span(&s.span()).is_ok() && source.text.slice(s.span()) == s.text;
    words_there
        && index.source_position(&s.source).is_some_and(|p| {
            !index
                .of_source(p)
                .overlapping(s.span())
                .any(|m| m.kind == s.kind())
        })
}

fn finish(app: &mut Workbench, found: Found) {
    let rejected = &app.suggestions.rejected;
    let (project, index) = (&app.project, &app.index);
    let list: Vec<Suggestion> = found
        .suggestions
        .into_iter()
        .filter(|s| !rejected.contains(&rejected_key(s)) && still_open(project, index, s))
        .collect();
    app.suggestions.set_list(list);
    app.suggestions.checked_for = Some(app.history.state());
    let s = &app.suggestions;
    let mut text = if s.list.is_empty() {
        "No suggestions found: every date, actor and claim found is tagged or was rejected"
            .to_string()
    } else {
        format!(
            "Found {}: {}, {}, {}. Tab moves between them, Enter accepts, Del rejects",
            count_words(s.list.len(), "suggestion", "suggestions"),
            count_words(s.count(TagKind::Date), "date", "dates"),
            count_words(s.count(TagKind::Actor), "actor", "actors"),
            count_words(s.count(TagKind::Claim), "claim", "claims"),
        )
    };
    if found.read < found.sources {
        text.push_str(&format!(
            " (cancelled after {} of {} sources)",
            found.read, found.sources
        ));
    }
    app.set_status(text);
    reveal_current(app);
}

/// Shows the current suggestion's source (and the sources view) and scrolls it into view.
fn reveal_current(app: &mut Workbench) {
    let Some(s) = app.suggestions.current() else {
        return;
    };
    let (source, start) = (s.source.clone(), s.start);
    app.compare.open = false;
    app.hidden.retain(|h| h != &source);
    app.selected = None;
    app.suggestions.reveal = Some((source, start));
}

/// Makes the next (or previous) suggestion current, wrapping around.
pub fn step(app: &mut Workbench, forward: bool) {
    let n = app.suggestions.list.len();
    if n == 0 {
        return;
    }
    let next = match (app.suggestions.current, forward) {
        (None, true) => 0,
        (None, false) => n - 1,
        (Some(i), true) => (i + 1) % n,
        (Some(i), false) => (i + n - 1) % n,
    };
    app.suggestions.current = Some(next);
    reveal_current(app);
}

/// Makes a suggestion current: the one at `index` among its source's (a click on it).
pub fn make_current(app: &mut Workbench, source: &SourceId, index: usize) {
    if let Some((range, _)) = app.suggestions.by_source.get(source)
        && range.start + index < range.end
    {
        app.suggestions.current = Some(range.start + index);
        app.selected = None;
        app.selection = None;
    }
}

/// Accepts the suggestions at these positions of the list as one undoable step.
fn accept(app: &mut Workbench, chosen: &[usize]) {
    let picked: Vec<Suggestion> = chosen
        .iter()
        .filter_map(|&i| app.suggestions.list.get(i).cloned())
        .collect();
    let [first, ..] = picked.as_slice() else {
        return;
    };
    let (label, status) = if picked.len() == 1 {
        let kind = first.kind().label().to_lowercase();
        (
            format!("accept {kind} “{}”", short(&first.text)),
            format!(
                "Accepted “{}”: {}",
                short(&first.text),
                first.proposal.describe(&app.project)
            ),
        )
    } else {
        let kinds: HashSet<TagKind> = picked.iter().map(Suggestion::kind).collect();
        let what = match kinds.iter().next() {
            Some(&kind) if kinds.len() == 1 => {
                format!(
                    "{} {} suggestions",
                    picked.len(),
                    kind.label().to_lowercase()
                )
            }
            _ => format!("{} suggestions", picked.len()),
        };
        (format!("accept {what}"), format!("Accepted {what}"))
    };
    let command = suggest::accept(&app.project, &picked);
    let before = app.history.state();
    app.act(Action::edit(command, label));
    let chosen: HashSet<usize> = chosen.iter().copied().collect();
    let accepted = app.suggestions.remove(|i, _| chosen.contains(&i));
    app.suggestions.took(before, accepted);
    let left = app.suggestions.list.len();
    app.set_status(format!(
        "{status} ({} left; Ctrl+Z undoes)",
        count_words(left, "suggestion", "suggestions")
    ));
    reveal_current(app);
}

/// Hides the suggestions at these positions for the rest of the session.
fn reject(app: &mut Workbench, chosen: &[usize], what: String) {
    if chosen.is_empty() {
        return;
    }
    let chosen: HashSet<usize> = chosen.iter().copied().collect();
    for &i in &chosen {
        if let Some(s) = app.suggestions.list.get(i) {
            app.suggestions.rejected.insert(rejected_key(s));
        }
    }
    app.suggestions.remove(|i, _| chosen.contains(&i));
    let left = app.suggestions.list.len();
    app.set_status(format!(
        "Rejected {what} ({} left)",
        count_words(left, "suggestion", "suggestions")
    ));
    reveal_current(app);
}

pub fn accept_current(app: &mut Workbench) {
    if let Some(i) = app.suggestions.current {
        accept(app, &[i]);
    }
}

pub fn reject_current(app: &mut Workbench) {
    if let Some(s) = app.suggestions.current() {
        let what = format!("“{}”", short(&s.text));
        let i = app.suggestions.current.unwrap_or(0);
        reject(app, &[i], what);
    }
}

fn of_kind(app: &Workbench, kind: TagKind) -> Vec<usize> {
    (0..app.suggestions.list.len())
        .filter(|&i| app.suggestions.list[i].kind() == kind)
        .collect()
}

/// Accepts every listed suggestion of a kind, as one undoable step.
pub fn accept_all(app: &mut Workbench, kind: TagKind) {
    let chosen = of_kind(app, kind);
    accept(app, &chosen);
}

/// Rejects every listed suggestion of a kind.
pub fn reject_all(app: &mut Workbench, kind: TagKind) {
    let chosen = of_kind(app, kind);
    let what = count_words(
        chosen.len(),
        &format!("{} suggestion", kind.label().to_lowercase()),
        &format!("{} suggestions", kind.label().to_lowercase()),
    );
    reject(app, &chosen, what);
}

/// Forgets the listed suggestions without rejecting them.
pub fn clear(app: &mut Workbench) {
    app.suggestions.set_list(Vec::new());
    app.set_status("Suggestions cleared; Annotate ▸ Suggest annotations finds them again");
}

/// The suggestion keys. `busy` says a dialog or a text field has the keyboard: then only
/// the shortcut that finds suggestions works. Tab and Shift+Tab move between suggestions
/// (instead of moving the keyboard focus), Enter accepts the current one and Del (or
/// Backspace) rejects it, unless an annotation is selected: then Del deletes it.
pub fn handle_keys(app: &mut Workbench, ctx: &egui::Context, busy: bool) {
    if ctx.input_mut(|i| i.consume_shortcut(&SUGGEST_SHORTCUT)) {
        start(app, ctx);
    }
    let focused = ctx.memory(|m| m.focused().is_some());
    if busy || focused || app.suggestions.list.is_empty() {
        return;
    }
    let pressed = |m: Modifiers, k: Key| ctx.input_mut(|i| i.consume_key(m, k));
    // Shift+Tab first: a plain Tab shortcut would take it too. Each press counts, even
    // several within one frame.
    let count = |m: Modifiers| ctx.input_mut(|i| i.count_and_consume_key(m, Key::Tab));
    let (back, forth) = (count(Modifiers::SHIFT), count(Modifiers::NONE));
    if back + forth > 0 {
        ctx.memory_mut(|m| m.move_focus(FocusDirection::None));
    }
    for _ in 0..back {
        step(app, false);
    }
    for _ in 0..forth {
        step(app, true);
    }
    if app.suggestions.current.is_none() {
        return;
    }
    if pressed(Modifiers::NONE, Key::Enter) {
        accept_current(app);
    }
    if app.selected.is_none()
        && (pressed(Modifiers::NONE, Key::Delete) || pressed(Modifiers::NONE, Key::Backspace))
    {
        reject_current(app);
    }
}

/// The Annotate menu.
pub fn menu(app: &mut Workbench, ui: &mut Ui) {
    let searching = app.suggestions.job.is_some();
    if ui
        .add_enabled(
            !searching,
            Button::new("Suggest annotations")
                .shortcut_text(ui.ctx().format_shortcut(&SUGGEST_SHORTCUT)),
        )
        .on_hover_text("Find dates, actors and claims in every source, for you to accept or reject")
        .clicked()
    {
        start(app, ui.ctx());
    }
    let any = !app.suggestions.list.is_empty();
    let current = app.suggestions.current.is_some();
    ui.separator();
    if ui
        .add_enabled(any, Button::new("Next suggestion").shortcut_text("Tab"))
        .clicked()
    {
        step(app, true);
    }
    if ui
        .add_enabled(
            any,
            Button::new("Previous suggestion").shortcut_text("Shift+Tab"),
        )
        .clicked()
    {
        step(app, false);
    }
    if ui
        .add_enabled(
            current,
            Button::new("Accept suggestion").shortcut_text("Enter"),
        )
        .clicked()
    {
        accept_current(app);
    }
    if ui
        .add_enabled(
            current,
            Button::new("Reject suggestion").shortcut_text("Del"),
        )
        .clicked()
    {
        reject_current(app);
    }
    ui.separator();
    for kind in TagKind::ALL {
        let n = app.suggestions.count(kind);
        if ui
            .add_enabled(n > 0, Button::new(format!("Accept all {}", plural(kind))))
            .clicked()
        {
            accept_all(app, kind);
        }
    }
    for kind in TagKind::ALL {
        let n = app.suggestions.count(kind);
        if ui
            .add_enabled(n > 0, Button::new(format!("Reject all {}", plural(kind))))
            .clicked()
        {
            reject_all(app, kind);
        }
    }
    ui.separator();
    if ui
        .add_enabled(any, Button::new("Clear suggestions"))
        .clicked()
    {
        clear(app);
    }
}

/// The side panel's section on suggestions: what the current one proposes, with buttons
/// to accept or reject it or all of a kind.
pub fn panel(app: &mut Workbench, ui: &mut Ui) {
    if app.suggestions.job.is_some() {
        ui.heading("Suggestions");
        ui.horizontal(|ui| {
            ui.spinner();
            ui.label("Looking for dates, actors and claims…");
        });
        ui.separator();
        return;
    }
    if app.suggestions.list.is_empty() {
        if ui
            .button("Suggest annotations")
            .on_hover_text(format!(
                "Find dates, actors and claims to accept or reject ({})",
                ui.ctx().format_shortcut(&SUGGEST_SHORTCUT)
            ))
            .clicked()
        {
            start(app, ui.ctx());
        }
        ui.separator();
        return;
    }
    ui.horizontal(|ui| {
        ui.heading("Suggestions");
        if ui
            .small_button("✖")
            .on_hover_text("Clear the suggestions (Annotate ▸ Clear suggestions)")
            .clicked()
        {
            clear(app);
        }
    });
    let n = app.suggestions.list.len();
    let counts: Vec<String> = TagKind::ALL
        .iter()
        .map(|&k| format!("{} {}", app.suggestions.count(k), plural(k)))
        .collect();
    ui.label(RichText::new(format!("{n} left: {}", counts.join(", "))).weak());
    if let (Some(i), Some(s)) = (app.suggestions.current, app.suggestions.current().cloned()) {
        let kind = s.kind();
        let color = theme::tag_color(kind, ui.visuals());
        ui.horizontal(|ui| {
            ui.label(
                RichText::new(format!(
                    "{} Suggested {}",
                    theme::tag_letter(kind),
                    kind.label().to_lowercase()
                ))
                .color(color)
                .strong(),
            );
            ui.label(RichText::new(format!("{} of {n}", i + 1)).weak());
        });
        let source = app
            .project
            .source(&s.source)
            .map_or(s.source.as_str(), |src| src.display_title());
        ui.label(RichText::new(format!("in {source}")).weak());
        ui.label(RichText::new(format!("“{}”", s.text)).italics());
        ui.label(s.proposal.describe(&app.project));
        ui.horizontal(|ui| {
            if ui.button("Accept").on_hover_text("Enter").clicked() {
                accept_current(app);
            }
            if ui.button("Reject").on_hover_text("Del").clicked() {
                reject_current(app);
            }
            if ui
                .button("◀")
                .on_hover_text("Previous suggestion (Shift+Tab)")
                .clicked()
            {
                step(app, false);
            }
            if ui
                .button("▶")
                .on_hover_text("Next suggestion (Tab)")
                .clicked()
            {
                step(app, true);
            }
        });
    }
    ui.label("All of a kind:");
    egui::Grid::new("suggestions-of-a-kind").show(ui, |ui| {
        for kind in TagKind::ALL {
            let count = app.suggestions.count(kind);
            let color = theme::tag_color(kind, ui.visuals());
            ui.label(RichText::new(format!("{count} {}", plural(kind))).color(color));
            if ui
                .add_enabled(
                    count > 0,
                    Button::new(format!("Accept all {}", plural(kind))),
                )
                .clicked()
            {
                accept_all(app, kind);
            }
            if ui
                .add_enabled(
                    count > 0,
                    Button::new(format!("Reject all {}", plural(kind))),
                )
                .clicked()
            {
                reject_all(app, kind);
            }
            ui.end_row();
        }
    });
    ui.label(
        RichText::new("Tab and Shift+Tab move, Enter accepts, Del rejects; click a dashed span to make it current.")
            .weak()
            .small(),
    );
    ui.separator();
}
