//! The Sources window: the project's title, and every source with its details and
//! counts, where the analyst corrects a source's title, outlet, author, address,
//! publication day, reliability and memo, moves it up or down the columns, or removes it
//! (after a confirmation that counts its annotations). Each change is one undoable step.

use egui::{Id, RichText, Ui};

use super::action::{Action, Actions};
use super::view::View;
use crate::edit::{Command, remove_source};
use crate::model::{Reliability, Source, SourceId};
use crate::wording::count;

/// What the window shows and what is being typed in it.
#[derive(Debug, Default)]
pub struct SourcesState {
    pub open: bool,
    /// The source whose details are being edited, with the fields as typed.
    editing: Option<Draft>,
    /// The source the analyst asked to remove, waiting for a confirmation.
    removing: Option<SourceId>,
    /// The project's title as typed, until it is applied.
    title: Option<String>,
}

/// A source's details as typed, before they are applied.
#[derive(Debug, Clone)]
struct Draft {
    id: SourceId,
    title: String,
    outlet: String,
    author: String,
    url: String,
    published: String,
    reliability: Option<Reliability>,
    memo: String,
}

impl Draft {
    fn of(source: &Source) -> Self {
        Self {
            id: source.id.clone(),
            title: source.title.clone(),
            outlet: source.outlet.clone(),
            author: source.author.clone(),
            url: source.url.clone(),
            published: source.published.map(|d| d.to_string()).unwrap_or_default(),
            reliability: source.reliability,
            memo: source.memo.clone(),
        }
    }

    /// The source with these details, or why they cannot be applied.
    fn applied_to(&self, source: &Source) -> Result<Source, String> {
        let mut changed = source.clone();
        changed.title = self.title.trim().to_string();
        changed.outlet = self.outlet.trim().to_string();
        changed.author = self.author.trim().to_string();
        changed.url = self.url.trim().to_string();
        changed.published = match self.published.trim() {
            "" => None,
            day => Some(
                chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").map_err(|_| {
                    format!("“{day}” is not a day: write it as YYYY-MM-DD, or leave it empty")
                })?,
            ),
        };
        changed.reliability = self.reliability;
        changed.memo = self.memo.trim().to_string();
        Ok(changed)
    }
}

impl SourcesState {
    /// Opens the window on a source's details.
    pub fn edit(&mut self, source: &Source) {
        self.open = true;
        self.editing = Some(Draft::of(source));
        self.removing = None;
    }
}

/// Shows the Sources window while it is open.
pub fn show(view: &View, state: &mut SourcesState, ctx: &egui::Context, out: &mut Actions) {
    if !state.open {
        return;
    }
    let mut open = true;
    egui::Window::new("Sources")
        .id(Id::unique("parallax-sources"))
        .open(&mut open)
        .default_width(520.0)
        .show(ctx, |ui| {
            if let Some(draft) = &mut state.editing {
                let keep = details(view, draft, ui, out);
                if !keep {
                    state.editing = None;
                }
                return;
            }
            list(view, state, ui, out);
        });
    state.open &= open;
}

/// The project's title, renamed in one undoable step.
fn project_title(view: &View, state: &mut SourcesState, ui: &mut Ui, out: &mut Actions) {
    let title = &view.project.title;
    ui.horizontal(|ui| {
        ui.strong("Project");
        let mut draft = state.title.clone().unwrap_or_else(|| title.clone());
        let field = ui
            .add(egui::TextEdit::singleline(&mut draft).desired_width(300.0))
            .accessible_name("Project title");
        if field.changed() {
            state.title = Some(draft.clone());
        }
        let renamed = draft.trim();
        let can = !renamed.is_empty() && renamed != title;
        let entered = field.lost_focus() && ui.input(|i| i.key_pressed(egui::Key::Enter));
        if ui
            .add_enabled(can, egui::Button::new("Rename"))
            .on_disabled_hover_text("Type a new title first")
            .clicked()
            || (can && entered)
        {
            out.push(Action::edit(
                Command::SetTitle(renamed.to_string()),
                "rename the project",
            ));
            state.title = None;
        }
    });
    ui.separator();
}

/// Every source, in column order, with its details, counts and buttons.
fn list(view: &View, state: &mut SourcesState, ui: &mut Ui, out: &mut Actions) {
    project_title(view, state, ui, out);
    let sources = &view.project.sources;
    if sources.is_empty() {
        ui.label("No sources yet: add them with File ▸ Add sources…");
        return;
    }
    for (i, source) in sources.iter().enumerate() {
        let annotations = view.project.annotations_in(&source.id).len();
        ui.horizontal(|ui| {
            ui.strong(format!("{}. {}", i + 1, source.display_title()));
            if let Some(grade) = source.reliability {
                ui.label(RichText::new(grade.to_string()).strong())
                    .on_hover_text(grade.meaning());
            }
        });
        ui.label(RichText::new(facts(source, annotations)).weak());
        if let Some(received) = provenance(source) {
            ui.label(RichText::new(received).weak().small());
        }
        if state.removing.as_ref() == Some(&source.id) {
            ui.horizontal(|ui| {
                ui.colored_label(
                    ui.visuals().warn_fg_color,
                    format!(
                        "Remove “{}” and its {}?",
                        source.display_title(),
                        count(annotations, "annotation")
                    ),
                );
                if ui.button("Remove").clicked() {
                    out.push(Action::edit(
                        remove_source(view.project, &source.id),
                        format!("remove source {}", source.id),
                    ));
                    state.removing = None;
                }
                if ui.button("Keep it").clicked() {
                    state.removing = None;
                }
            });
        }
        ui.horizontal(|ui| {
            if ui.button("Edit details…").clicked() {
                state.editing = Some(Draft::of(source));
            }
            let mut moved = |to: usize| {
                out.push(Action::edit(
                    Command::MoveSource {
                        id: source.id.clone(),
                        to,
                    },
                    format!("move source {}", source.id),
                ));
            };
            if ui
                .add_enabled(i > 0, egui::Button::new("▲"))
                .on_hover_text("Move up (one column left)")
                .clicked()
            {
                moved(i - 1);
            }
            if ui
                .add_enabled(i + 1 < sources.len(), egui::Button::new("▼"))
                .on_hover_text("Move down (one column right)")
                .clicked()
            {
                moved(i + 1);
            }
            if ui.button("Remove…").clicked() {
                state.removing = Some(source.id.clone());
            }
        });
        ui.separator();
    }
}

/// A source's details in one line, with its annotation count.
fn facts(source: &Source, annotations: usize) -> String {
    let mut facts = Vec::new();
    if !source.outlet.is_empty() {
        facts.push(source.outlet.clone());
    }
    facts.push(
        source
            .published
            .map_or("publication date unknown".into(), |d| {
                d.format("%-d %B %Y").to_string()
            }),
    );
    if !source.author.is_empty() {
        facts.push(source.author.clone());
    }
    facts.push(count(annotations, "annotation"));
    facts.join(" · ")
}

/// Where a source came from: its file, when it was added, and the SHA-256 of the file
/// as received.
fn provenance(source: &Source) -> Option<String> {
    let mut parts = Vec::new();
    if let Some(origin) = &source.origin {
        parts.push(format!("from {}", origin.display()));
    }
    if let Some(added) = source.added {
        parts.push(format!("added {}", added.format("%Y-%m-%d %H:%M UTC")));
    }
    if let Some(hash) = &source.file_hash {
        parts.push(format!("file SHA-256 {hash}"));
    }
    (!parts.is_empty()).then(|| parts.join(" · "))
}

/// The form for one source's details; returns whether it stays open.
fn details(view: &View, draft: &mut Draft, ui: &mut Ui, out: &mut Actions) -> bool {
    let Some(source) = view.project.source(&draft.id) else {
        return false;
    };
    ui.heading(format!("Details of “{}”", source.display_title()));
    egui::Grid::new("source-details")
        .num_columns(2)
        .show(ui, |ui| {
            for (label, name, hint, field) in [
                ("Title", "Source title", "", &mut draft.title),
                ("Outlet", "Source outlet", "", &mut draft.outlet),
                ("Author", "Source author", "", &mut draft.author),
                ("Address", "Source address", "https://…", &mut draft.url),
                (
                    "Published",
                    "Publication day",
                    "YYYY-MM-DD",
                    &mut draft.published,
                ),
            ] {
                ui.label(label);
                ui.add(
                    egui::TextEdit::singleline(field)
                        .hint_text(hint)
                        .desired_width(320.0),
                )
                .accessible_name(name);
                ui.end_row();
            }
            ui.label("Grade");
            egui::ComboBox::from_id_salt("source-reliability")
                .selected_text(grade_text(draft.reliability))
                .show_ui(ui, |ui| {
                    ui.selectable_value(&mut draft.reliability, None, grade_text(None));
                    for grade in Reliability::ALL {
                        ui.selectable_value(
                            &mut draft.reliability,
                            Some(grade),
                            grade_text(Some(grade)),
                        );
                    }
                })
                .response
                .accessible_name("Reliability");
            ui.end_row();
        });
    ui.label("Memo:");
    ui.add(
        egui::TextEdit::multiline(&mut draft.memo)
            .desired_rows(3)
            .desired_width(f32::INFINITY),
    )
    .accessible_name("Memo");
    let applied = draft.applied_to(source);
    if let Err(why) = &applied {
        ui.colored_label(ui.visuals().error_fg_color, why);
    }
    let mut keep = true;
    ui.horizontal(|ui| {
        let changed = applied.as_ref().is_ok_and(|s| s != source);
        if ui
            .add_enabled(changed, egui::Button::new("Apply"))
            .clicked()
            && let Ok(changed) = applied
        {
            out.push(Action::edit(
                Command::UpdateSource(changed),
                format!("edit details of {}", source.id),
            ));
            keep = false;
        }
        if ui.button("Back to the list").clicked() {
            keep = false;
        }
    });
    keep
}

fn grade_text(grade: Option<Reliability>) -> String {
    grade.map_or("not graded".into(), |g| format!("{g} — {}", g.meaning()))
}
