//! Suggestions in the window: finding them off the window's thread, the list the analyst
//! works through (one suggestion is current), what accepting and rejecting them one at a
//! time or all of a kind does to the list, and the keys for that. The Annotate menu and
//! the side panel's section are [`super::suggestion_panel`]'s.
//!
//! Accepting is an edit like any other, one undoable step however many suggestions it
//! takes. Suggestions an edit takes off the list (accepted, or moot after it) come back
//! when the edit is undone. Rejected suggestions stay hidden for the session, also when
//! suggestions are found again.

use std::collections::{HashMap, HashSet};
use std::ops::Range;

use std::sync::Arc;

use super::jobs::{Job, Poll};
use super::spans::AnnotationIndex;
use crate::edit::Command;
use crate::model::{Project, SourceId, TagKind};
use crate::suggest::{self, Suggestion};
use crate::wording::{count, shorten};

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

    /// The current suggestion's position in the list.
    pub fn current_position(&self) -> Option<usize> {
        self.current
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

    /// How many suggestions of a kind are listed.
    pub fn count(&self, kind: TagKind) -> usize {
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

impl SuggestionsState {
    /// Starts looking for suggestions in every source of `project`, off the window's
    /// thread.
    pub fn start(&mut self, project: Arc<Project>, ctx: &egui::Context) -> Result<(), String> {
        if self.job.is_some() {
            return Err("Suggestions are already being looked for; wait for them or cancel".into());
        }
        if project.sources.is_empty() {
            return Err("No sources to suggest annotations in: add sources first".into());
        }
        let wake = ctx.clone();
        self.job = Some(Job::start(
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
        Ok(())
    }

    /// Takes in a finished search: the list it makes (without the suggestions rejected
    /// or no longer open in the project at `state`), and what to tell the analyst.
    /// `None` while there is none; an error when the search failed.
    pub fn take_found(
        &mut self,
        project: &Project,
        index: &AnnotationIndex,
        state: u64,
    ) -> Option<Result<String, String>> {
        let found = match self.job.as_ref()?.poll() {
            Poll::Running => return None,
            Poll::Done(found) => found,
            Poll::Failed => {
                self.job = None;
                return Some(Err(
                    "Looking for suggestions stopped unexpectedly; nothing was found".into(),
                ));
            }
        };
        self.job = None;
        let rejected = &self.rejected;
        let list: Vec<Suggestion> = found
            .suggestions
            .into_iter()
            .filter(|s| !rejected.contains(&rejected_key(s)) && still_open(project, index, s))
            .collect();
        self.set_list(list);
        self.checked_for = Some(state);
        let mut text = if self.list.is_empty() {
            "No suggestions found: every date, actor and claim found is tagged or was rejected"
                .to_string()
        } else {
            format!(
                "Found {}: {}, {}, {}. Tab moves between them, Enter accepts, Del rejects",
                count(self.list.len(), "suggestion"),
                count(self.count(TagKind::Date), "date"),
                count(self.count(TagKind::Actor), "actor"),
                count(self.count(TagKind::Claim), "claim"),
            )
        };
        if found.read < found.sources {
            text.push_str(&format!(
                " (cancelled after {} of {} sources)",
                found.read, found.sources
            ));
        }
        Some(Ok(text))
    }

    /// Follows the project to `state`: drops suggestions its changes made moot (their
    /// source is gone, or the analyst tagged their span with their tag), and brings back
    /// those taken by edits undone since. Returns how many came back.
    pub fn follow(&mut self, project: &Project, index: &AnnotationIndex, state: u64) -> usize {
        let Some(before) = self.checked_for.replace(state) else {
            return 0;
        };
        if before == state {
            return 0;
        }
        let moot = self.remove(|_, s| !still_open(project, index, s));
        self.took(before, moot);
        self.bring_back(state, project, index)
    }

    /// Makes the next (or previous) suggestion current, wrapping around.
    pub fn step(&mut self, forward: bool) {
        let n = self.list.len();
        if n == 0 {
            return;
        }
        self.current = Some(match (self.current, forward) {
            (None, true) => 0,
            (None, false) => n - 1,
            (Some(i), true) => (i + 1) % n,
            (Some(i), false) => (i + n - 1) % n,
        });
    }

    /// Makes a suggestion current: the one at `index` among its source's (a click on it).
    /// Returns whether there is one.
    pub fn make_current(&mut self, source: &SourceId, index: usize) -> bool {
        match self.by_source.get(source) {
            Some((range, _)) if range.start + index < range.end => {
                self.current = Some(range.start + index);
                true
            }
            _ => false,
        }
    }

    /// The positions in the list of every suggestion of a kind.
    pub fn of_kind(&self, kind: TagKind) -> Vec<usize> {
        (0..self.list.len())
            .filter(|&i| self.list[i].kind() == kind)
            .collect()
    }

    /// What accepting the suggestions at these positions does: the edit, its label for
    /// the undo menu, and what the status bar says. `None` when none is listed there.
    pub fn acceptance(
        &self,
        chosen: &[usize],
        project: &Project,
    ) -> Option<(Command, String, String)> {
        let picked: Vec<Suggestion> = chosen
            .iter()
            .filter_map(|&i| self.list.get(i).cloned())
            .collect();
        let [first, ..] = picked.as_slice() else {
            return None;
        };
        let (label, status) = if picked.len() == 1 {
            let kind = first.kind().noun();
            (
                format!("accept {kind} “{}”", shorten(&first.text, 40)),
                format!(
                    "Accepted “{}”: {}",
                    shorten(&first.text, 40),
                    first.proposal.describe(project)
                ),
            )
        } else {
            let kinds: HashSet<TagKind> = picked.iter().map(Suggestion::kind).collect();
            let what = match kinds.iter().next() {
                Some(&kind) if kinds.len() == 1 => {
                    count(picked.len(), &format!("{} suggestion", kind.noun()))
                }
                _ => count(picked.len(), "suggestion"),
            };
            (format!("accept {what}"), format!("Accepted {what}"))
        };
        Some((suggest::accept(project, &picked), label, status))
    }

    /// Takes the accepted suggestions off the list, remembering them for an undo back to
    /// the project state `before` the edit that accepted them.
    pub fn accepted(&mut self, chosen: &[usize], before: u64) {
        let chosen: HashSet<usize> = chosen.iter().copied().collect();
        let accepted = self.remove(|i, _| chosen.contains(&i));
        self.took(before, accepted);
    }

    /// Hides the suggestions at these positions for the rest of the session.
    pub fn reject(&mut self, chosen: &[usize]) {
        let chosen: HashSet<usize> = chosen.iter().copied().collect();
        for &i in &chosen {
            if let Some(s) = self.list.get(i) {
                self.rejected.insert(rejected_key(s));
            }
        }
        self.remove(|i, _| chosen.contains(&i));
    }

    /// Forgets the listed suggestions without rejecting them.
    pub fn clear(&mut self) {
        self.set_list(Vec::new());
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
