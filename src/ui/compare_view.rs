//! The comparison view: what each source says, names, dates and leaves out, as tables the
//! analyst reads across. It is rebuilt from the project whenever the project changes
//! (within the frame), every cell leads back to its words in the source, and claims are
//! grouped, renamed and split here as undoable steps.

use std::sync::Arc;

use egui::{Color32, RichText, Sense, Stroke, Ui, vec2};

use super::action::{Action, Actions};
use super::view::View;
use crate::compare::{Change, ClaimRow, Comparison, Options, Wording};
use crate::edit::Command;
use crate::model::{AnnotationId, ClaimGroup, ClaimGroupId, SourceId, Tag, admiralty, now};
use crate::wording::{count, shorten};

/// The tables of the comparison view.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CompareTab {
    #[default]
    Actors,
    Claims,
    Dates,
    Coverage,
    Conflicts,
}

impl CompareTab {
    const ALL: [CompareTab; 5] = [
        CompareTab::Actors,
        CompareTab::Claims,
        CompareTab::Dates,
        CompareTab::Coverage,
        CompareTab::Conflicts,
    ];

    fn label(self) -> &'static str {
        match self {
            CompareTab::Actors => "Actors",
            CompareTab::Claims => "Claims",
            CompareTab::Dates => "Dates",
            CompareTab::Coverage => "Coverage",
            CompareTab::Conflicts => "Conflicts",
        }
    }
}

/// The view's state: which table, the diff reference, and the comparison it shows.
#[derive(Debug, Default)]
pub struct CompareState {
    pub tab: CompareTab,
    /// The source every wording of a claim is diffed against (first carrier when unset).
    pub reference: Option<SourceId>,
    /// Unmatched claims ticked to be grouped.
    pub ticked: Vec<AnnotationId>,
    /// Label for the group made from the ticked claims.
    pub new_group: String,
    /// Group labels being edited.
    renaming: Option<(ClaimGroupId, String)>,
    built: Option<(u64, Option<SourceId>, Arc<Comparison>)>,
}

impl CompareState {
    /// The comparison for the project's current state, rebuilt when it changed (shared,
    /// so a frame that shows it copies nothing).
    pub fn comparison(&mut self, project: &crate::model::Project, state: u64) -> Arc<Comparison> {
        let stale = !matches!(&self.built, Some((s, r, _)) if *s == state && *r == self.reference);
        if stale {
            let options = Options {
                reference: self.reference.clone(),
            };
            self.built = Some((
                state,
                self.reference.clone(),
                Arc::new(Comparison::build_with(project, &options)),
            ));
        }
        self.built.as_ref().expect("built above").2.clone()
    }
}

/// What the tables work with: the workbench as read, the view's own state, and the queue
/// for what the analyst asks.
struct Tables<'v, 'a> {
    view: &'v View<'a>,
    state: &'v mut CompareState,
    out: &'v mut Actions,
}

pub fn show(view: &View, state: &mut CompareState, ui: &mut Ui, out: &mut Actions) {
    ui.horizontal(|ui| {
        for tab in CompareTab::ALL {
            ui.selectable_value(&mut state.tab, tab, tab.label());
        }
    });
    ui.separator();
    let comparison = state.comparison(view.project, view.history.state());
    let tab = state.tab;
    let t = &mut Tables { view, state, out };
    if comparison.sources.is_empty() {
        ui.label("Add sources to compare them.");
        return;
    }
    egui::ScrollArea::both()
        .auto_shrink([false, false])
        .show(ui, |ui| match tab {
            CompareTab::Actors => actors(t, ui, &comparison),
            CompareTab::Claims => claims(t, ui, &comparison),
            CompareTab::Dates => dates(t, ui, &comparison),
            CompareTab::Coverage => coverage(ui, &comparison),
            CompareTab::Conflicts => conflicts(t, ui, &comparison),
        });
}

/// A cell's text that leads back to the annotation when clicked.
fn link(t: &mut Tables, ui: &mut Ui, text: impl Into<RichText>, annotation: &AnnotationId) {
    let response = ui
        .add(egui::Label::new(text.into()).sense(Sense::click()))
        .on_hover_text("Show in the source");
    if response.clicked() {
        t.out.push(Action::Reveal(annotation.clone()));
    }
}

fn header(ui: &mut Ui, c: &Comparison, first: &str) {
    ui.strong(first);
    for s in &c.sources {
        ui.strong(s.name.as_str()).on_hover_text(&s.title);
    }
    ui.end_row();
}

fn not_here(ui: &mut Ui) {
    ui.label(RichText::new("—").weak())
        .on_hover_text("This source does not carry it");
}

fn actors(t: &mut Tables, ui: &mut Ui, c: &Comparison) {
    ui.label(RichText::new("Who each source names, how many times, and in what words. ◐ marks actors only some sources name.").weak());
    egui::Grid::new("actors")
        .striped(true)
        .min_col_width(170.0)
        .spacing(vec2(18.0, 6.0))
        .show(ui, |ui| {
            header(ui, c, "Actor");
            for row in &c.actors {
                let mark = if row.named_by_some_only() { "◐ " } else { "" };
                ui.label(RichText::new(format!("{mark}{}", row.name)).strong());
                for cell in &row.cells {
                    if cell.mentions.is_empty() {
                        not_here(ui);
                        continue;
                    }
                    ui.vertical(|ui| {
                        ui.label(RichText::new(count(cell.mentions.len(), "mention")).weak());
                        for form in cell.forms() {
                            let first = &cell.mentions[form.mentions[0]].annotation;
                            let text = if form.mentions.len() > 1 {
                                format!("“{}” ×{}", form.text, form.mentions.len())
                            } else {
                                format!("“{}”", form.text)
                            };
                            link(t, ui, text, first);
                        }
                    });
                }
                ui.end_row();
            }
        });
    let unlinked: usize = c.unlinked_actors.iter().map(Vec::len).sum();
    if unlinked > 0 {
        ui.add_space(8.0);
        ui.label(format!("{unlinked} actor mentions are not linked to an entity yet; link them in the side panel."));
    }
}

fn claims(t: &mut Tables, ui: &mut Ui, c: &Comparison) {
    ui.horizontal(|ui| {
        ui.label("Diff each wording against:");
        let current = t
            .state
            .reference
            .as_ref()
            .and_then(|r| c.column(r))
            .map_or("the first source that carries it".to_string(), |i| {
                c.sources[i].title.clone()
            });
        egui::ComboBox::from_id_salt("diff-reference")
            .selected_text(current)
            .show_ui(ui, |ui| {
                ui.selectable_value(
                    &mut t.state.reference,
                    None,
                    "the first source that carries it",
                );
                for s in &c.sources {
                    ui.selectable_value(&mut t.state.reference, Some(s.id.clone()), &s.title);
                }
            })
            .response
            .accessible_name("Diff reference");
    });
    ui.label(RichText::new("Green words are added, struck-through words are missing, against the reference wording (in bold).").weak());
    ui.add_space(6.0);
    for row in &c.claims {
        claim_row(t, ui, c, row);
        ui.separator();
    }
    unmatched(t, ui, c);
}

fn claim_row(t: &mut Tables, ui: &mut Ui, c: &Comparison, row: &ClaimRow) {
    ui.horizontal(|ui| {
        let editing = matches!(&t.state.renaming, Some((g, _)) if g == &row.group);
        if editing {
            let mut done = false;
            if let Some((_, text)) = &mut t.state.renaming {
                let response = ui
                    .add(egui::TextEdit::singleline(text).desired_width(300.0))
                    .accessible_name("Group label");
                done = response.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
            }
            if (done || ui.button("Done").clicked())
                && let Some((id, label)) = t.state.renaming.take()
                && !label.trim().is_empty()
                && label.trim() != row.label
            {
                let group = ClaimGroup {
                    id,
                    label: label.trim().to_string(),
                    memo: String::new(),
                };
                t.out.push(Action::edit(
                    Command::PutClaimGroup(group),
                    "rename claim group",
                ));
            }
        } else {
            ui.heading(&row.label);
            if ui.small_button("Rename").clicked() {
                t.state.renaming = Some((row.group.clone(), row.label.clone()));
            }
        }
        if !row.missing.is_empty() {
            let names: Vec<&str> = row
                .missing
                .iter()
                .map(|&i| c.sources[i].name.as_str())
                .collect();
            ui.label(
                RichText::new(format!("not in: {}", names.join(", ")))
                    .color(ui.visuals().warn_fg_color),
            );
        }
    });
    egui::Grid::new(("claim", row.group.as_str()))
        .striped(true)
        .spacing(vec2(14.0, 4.0))
        .show(ui, |ui| {
            ui.strong("Source");
            ui.strong("Wording");
            ui.strong("Speaker");
            ui.strong("Via");
            ui.strong("Dates")
                .on_hover_text("The dates inside the claim's words, with their values");
            ui.strong("Grade").on_hover_text(
                "The source's reliability (A to F) and the claim's credibility (1 to 6)",
            );
            ui.label("");
            ui.end_row();
            for (col, cell) in row.cells.iter().enumerate() {
                ui.label(c.sources[col].name.as_str())
                    .on_hover_text(&c.sources[col].title);
                if cell.is_empty() {
                    not_here(ui);
                    ui.end_row();
                    continue;
                }
                for (k, wording) in cell.iter().enumerate() {
                    if k > 0 {
                        ui.label("");
                    }
                    let reference = col == row.reference && k == 0;
                    wording_cell(t, ui, row, wording, reference);
                    ui.label(wording.speaker.as_ref().map_or("—", |e| e.name.as_str()));
                    ui.label(wording.via.as_ref().map_or("—", |e| e.name.as_str()));
                    wording_dates(t, ui, wording);
                    let grade = admiralty(c.sources[col].reliability, wording.credibility);
                    ui.label(grade.as_deref().unwrap_or("—"));
                    if ui
                        .small_button("Split out")
                        .on_hover_text("Move this claim to a group of its own")
                        .clicked()
                    {
                        split_out(t, &wording.annotation, &row.label);
                    }
                    ui.end_row();
                }
            }
        });
}

/// A wording with its word diff against the reference drawn in (the reference in bold).
fn wording_cell(t: &mut Tables, ui: &mut Ui, row: &ClaimRow, wording: &Wording, reference: bool) {
    let font = egui::TextStyle::Body.resolve(ui.style());
    let normal = if reference {
        ui.visuals().strong_text_color()
    } else {
        ui.visuals().text_color()
    };
    let added = if ui.visuals().dark_mode {
        Color32::from_rgb(90, 200, 120)
    } else {
        Color32::from_rgb(0, 120, 40)
    };
    let removed = ui.visuals().error_fg_color;
    let mut job = egui::text::LayoutJob::default();
    let segments = if reference {
        vec![crate::compare::Segment {
            change: Change::Equal,
            text: wording.text.clone(),
        }]
    } else {
        row.diff(wording)
    };
    let mut after_deleted = false;
    for segment in segments {
        let mut format = egui::TextFormat::simple(font.clone(), normal);
        // A little room between what was struck and what replaces it.
        let room = if after_deleted && segment.change == Change::Inserted {
            4.0
        } else {
            0.0
        };
        after_deleted = segment.change == Change::Deleted;
        match segment.change {
            Change::Equal => {}
            Change::Inserted => {
                format.color = added;
                format.underline = Stroke::new(1.0, added);
            }
            Change::Deleted => {
                format.color = removed;
                format.strikethrough = Stroke::new(1.0, removed);
            }
        }
        job.append(&segment.text, room, format);
    }
    job.wrap.max_width = 380.0;
    let galley = ui.fonts_mut(|f| f.layout_job(job));
    let response = ui
        .add(egui::Label::new(galley).sense(Sense::click()))
        .on_hover_text("Show in the source");
    if response.clicked() {
        t.out.push(Action::Reveal(wording.annotation.clone()));
    }
}

/// The dates inside a wording, each its value and words, leading back to the date.
fn wording_dates(t: &mut Tables, ui: &mut Ui, wording: &Wording) {
    if wording.dates.is_empty() {
        ui.label("—");
        return;
    }
    ui.vertical(|ui| {
        for d in &wording.dates {
            let text = format!("{} ({})", d.value, d.text);
            let label = egui::Label::new(text)
                .wrap_mode(egui::TextWrapMode::Extend)
                .sense(Sense::click());
            if ui.add(label).on_hover_text("Show in the source").clicked() {
                t.out.push(Action::Reveal(d.annotation.clone()));
            }
        }
    });
}

/// Moves one claim into a new group of its own, as one step.
fn split_out(t: &mut Tables, annotation: &AnnotationId, label: &str) {
    let Some(a) = t.view.project.annotations.get(annotation) else {
        return;
    };
    let group = ClaimGroup {
        id: ClaimGroupId::random(),
        label: format!("{label} (split)"),
        memo: String::new(),
    };
    let mut changed = a.clone();
    if let Tag::Claim { group: g, .. } = &mut changed.tag {
        *g = Some(group.id.clone());
    }
    changed.modified = now();
    t.out.push(Action::edit(
        Command::Batch(vec![
            Command::PutClaimGroup(group),
            Command::PutAnnotation(changed),
        ]),
        "split claim out of its group",
    ));
}

fn unmatched(t: &mut Tables, ui: &mut Ui, c: &Comparison) {
    let total: usize = c.unmatched_claims.iter().map(Vec::len).sum();
    if total == 0 {
        return;
    }
    ui.heading("Claims in no group");
    ui.label(
        RichText::new("Tick the same claim in two or more sources, name it, and group them.")
            .weak(),
    );
    for (col, cell) in c.unmatched_claims.iter().enumerate() {
        if cell.is_empty() {
            continue;
        }
        ui.strong(c.sources[col].name.as_str());
        for wording in cell {
            ui.horizontal(|ui| {
                let mut ticked = t.state.ticked.contains(&wording.annotation);
                if ui
                    .checkbox(&mut ticked, "")
                    .on_hover_text("Tick to group")
                    .accessible_name(format!("Tick “{}”", shorten(&wording.text, 40)))
                    .changed()
                {
                    if ticked {
                        t.state.ticked.push(wording.annotation.clone());
                    } else {
                        t.state.ticked.retain(|a| a != &wording.annotation);
                    }
                }
                link(t, ui, format!("“{}”", wording.text), &wording.annotation);
            });
        }
    }
    let ticked = t.state.ticked.len();
    ui.horizontal(|ui| {
        ui.add(
            egui::TextEdit::singleline(&mut t.state.new_group)
                .hint_text("label of the claim")
                .desired_width(260.0),
        )
        .accessible_name("New group label");
        let can = ticked >= 2 && !t.state.new_group.trim().is_empty();
        if ui
            .add_enabled(can, egui::Button::new(format!("Group {ticked} claims")))
            .clicked()
        {
            group_ticked(t);
        }
    });
}

/// Puts the ticked claims in a new group, as one step.
fn group_ticked(t: &mut Tables) {
    let label = t.state.new_group.trim().to_string();
    let id = crate::model::slug(&label)
        .and_then(|s| ClaimGroupId::new(s).ok())
        .filter(|id| !t.view.project.claim_groups.contains_key(id))
        .unwrap_or_else(ClaimGroupId::random);
    let mut steps = vec![Command::PutClaimGroup(ClaimGroup {
        id: id.clone(),
        label,
        memo: String::new(),
    })];
    for annotation in std::mem::take(&mut t.state.ticked) {
        if let Some(a) = t.view.project.annotations.get(&annotation) {
            let mut changed = a.clone();
            if let Tag::Claim { group, .. } = &mut changed.tag {
                *group = Some(id.clone());
                changed.modified = now();
                steps.push(Command::PutAnnotation(changed));
            }
        }
    }
    t.state.new_group.clear();
    t.out
        .push(Action::edit(Command::Batch(steps), "group claims"));
}

fn dates(t: &mut Tables, ui: &mut Ui, c: &Comparison) {
    ui.label(RichText::new("Dates on a timeline: a dot is a day, a bar a month, a year or a range, and the upright stroke on a lane is the source's publication day; point at one to read it. Different wordings of one day stand side by side.").weak());
    super::timeline::show(ui, c);
    ui.add_space(8.0);
    egui::Grid::new("dates")
        .striped(true)
        .min_col_width(170.0)
        .spacing(vec2(18.0, 6.0))
        .show(ui, |ui| {
            header(ui, c, "Date");
            for row in &c.dates {
                ui.label(RichText::new(format!("{} ({})", row.value, row.value.extent())).strong());
                for cell in &row.cells {
                    if cell.is_empty() {
                        not_here(ui);
                        continue;
                    }
                    ui.vertical(|ui| {
                        for mention in cell {
                            link(t, ui, format!("“{}”", mention.text), &mention.annotation);
                        }
                    });
                }
                ui.end_row();
            }
        });
    let undated: usize = c.undated.iter().map(Vec::len).sum();
    if undated > 0 {
        ui.label(format!(
            "{undated} dates have no calendar value yet; set them in the side panel."
        ));
    }
}

fn coverage(ui: &mut Ui, c: &Comparison) {
    let group_label = |id: &ClaimGroupId| {
        c.claims
            .iter()
            .find(|r| &r.group == id)
            .map_or(id.to_string(), |r| r.label.clone())
    };
    let actor_name = |id: &crate::model::EntityId| {
        c.actors
            .iter()
            .find(|r| &r.entity == id)
            .map_or(id.to_string(), |r| r.name.clone())
    };
    for (col, s) in c.sources.iter().enumerate() {
        let cov = &c.coverage[col];
        ui.heading(s.name.as_str()).on_hover_text(&s.title);
        let list = |carried: &crate::compare::Carried| {
            let mut parts = Vec::new();
            parts.extend(
                carried
                    .claims
                    .iter()
                    .map(|g| format!("claim “{}”", group_label(g))),
            );
            parts.extend(
                carried
                    .actors
                    .iter()
                    .map(|e| format!("actor {}", actor_name(e))),
            );
            parts.extend(carried.dates.iter().map(|d| format!("date {d}")));
            if parts.is_empty() {
                "nothing".to_string()
            } else {
                parts.join("; ")
            }
        };
        ui.label(format!("Carries alone: {}", list(&cov.only_here)));
        ui.label(format!("Lacks what others carry: {}", list(&cov.lacking)));
        ui.add_space(6.0);
    }
}

fn conflicts(t: &mut Tables, ui: &mut Ui, c: &Comparison) {
    if c.conflicts.is_empty() {
        ui.label("The sources do not disagree on the dates or speakers of any grouped claim.");
        return;
    }
    for conflict in &c.conflicts {
        ui.horizontal_wrapped(|ui| {
            ui.label(
                RichText::new(conflict.kind.label())
                    .color(ui.visuals().warn_fg_color)
                    .strong(),
            );
            ui.label(&conflict.detail);
            if let Some(first) = conflict.annotations.first() {
                link(t, ui, RichText::new("show").underline(), first);
            }
        });
    }
}
