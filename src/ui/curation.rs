//! The curation window (*File ▸ Compare with another analyst's project…*): the figures of
//! `parallax agree` for this project and theirs, then, per shared source, every span only
//! one of them made or both made differently, side by side. *Take theirs* is one step of
//! this project that Ctrl+Z undoes; *Keep ours* changes nothing and sets the span aside.

use std::collections::HashSet;
use std::sync::Arc;

use egui::{Id, RichText, Ui};

use super::action::{Action, Actions};
use super::view::View;
use crate::agree::{Agreement, Difference, SourceCuration, curate, take_theirs};
use crate::model::{Annotation, Project, Tag, TagKind};
use crate::wording::{count, one_line, shorten};

/// Their project, what the analyst set aside, and the comparison of the project as it
/// was last drawn.
pub struct CurationState {
    theirs: Arc<Project>,
    /// Their project's file name, to name their side.
    name: String,
    /// Differences the analyst kept our side of.
    kept: HashSet<String>,
    /// The comparison with the project it was worked out for.
    worked_out: Option<(Arc<Project>, Agreement, Vec<SourceCuration>)>,
}

impl CurationState {
    pub fn new(theirs: Project, name: String) -> Self {
        Self {
            theirs: Arc::new(theirs),
            name,
            kept: HashSet::new(),
            worked_out: None,
        }
    }
}

/// What identifies a difference while the analyst works: its source, span and ids.
fn key(source: &str, difference: &Difference) -> String {
    let ids = match difference {
        Difference::OnlyOurs(a) => format!("{}|", a.id),
        Difference::OnlyTheirs(a) => format!("|{}", a.id),
        Difference::Differ { ours, theirs } => format!("{}|{}", ours.id, theirs.id),
    };
    let (start, end) = difference.span();
    format!("{source}:{start}-{end}:{ids}")
}

/// Shows the window while there is another analyst's project to compare with.
pub fn show(
    view: &View,
    state: &mut Option<CurationState>,
    ctx: &egui::Context,
    out: &mut Actions,
) {
    let Some(curation) = state else {
        return;
    };
    let fresh = curation
        .worked_out
        .as_ref()
        .is_some_and(|(project, ..)| Arc::ptr_eq(project, view.project));
    if !fresh {
        let agreement = Agreement::measure(&[view.project, &curation.theirs]);
        let sources = curate(view.project, &curation.theirs);
        curation.worked_out = Some((view.project.clone(), agreement, sources));
    }
    let mut open = true;
    egui::Window::new(format!("Compare with {}", curation.name))
        .id(Id::unique("parallax-curation"))
        .open(&mut open)
        .default_width(760.0)
        .default_height(560.0)
        .show(ctx, |ui| body(view, curation, ui, out));
    if !open {
        *state = None;
    }
}

fn body(view: &View, curation: &mut CurationState, ui: &mut Ui, out: &mut Actions) {
    let Some((_, agreement, sources)) = &curation.worked_out else {
        return;
    };
    figures(agreement, ui);
    if sources.is_empty() {
        ui.label(
            "The two projects share no source with the same id and text, so there is \
             nothing to compare.",
        );
        return;
    }
    let alike: usize = sources.iter().map(|s| s.alike).sum();
    ui.label(
        RichText::new(format!(
            "{} you both made alike {} in this project already.",
            count(alike, "span"),
            if alike == 1 { "is" } else { "are" }
        ))
        .weak(),
    );
    ui.separator();
    egui::ScrollArea::vertical().show(ui, |ui| {
        for source in sources {
            let title = view
                .project
                .source(&source.source)
                .map_or(source.source.as_str(), |s| s.display_title());
            let open: Vec<&Difference> = source
                .differences
                .iter()
                .filter(|d| !curation.kept.contains(&key(source.source.as_str(), d)))
                .collect();
            egui::CollapsingHeader::new(format!(
                "{title} — {} alike, {} to settle",
                source.alike,
                open.len()
            ))
            .id_salt(("curation", source.source.as_str()))
            .default_open(true)
            .show(ui, |ui| {
                for difference in open {
                    let kept = row(view, &curation.theirs, &curation.name, difference, ui, out);
                    if kept {
                        curation
                            .kept
                            .insert(key(source.source.as_str(), difference));
                    }
                    ui.separator();
                }
            });
        }
    });
}

/// The agreement figures, one line per tag, and the links.
fn figures(agreement: &Agreement, ui: &mut Ui) {
    let figure = |v: Option<f64>| v.map_or_else(|| "–".to_owned(), |v| format!("{v:.2}"));
    egui::Grid::new("curation-figures")
        .striped(true)
        .show(ui, |ui| {
            for heading in ["", "alpha", "exact F1", "overlap F1", "kappa"] {
                ui.strong(heading);
            }
            ui.end_row();
            for (tag, figures) in &agreement.tags {
                let pair = figures.pairs.first();
                ui.label(tag.plural());
                ui.label(figure(figures.alpha));
                ui.label(figure(pair.and_then(|p| p.exact_f1)));
                ui.label(figure(pair.and_then(|p| p.overlap_f1)));
                ui.label(figure(pair.and_then(|p| p.kappa)));
                ui.end_row();
            }
        });
    let share = |s: crate::agree::Shared| format!("{} of {}", s.alike, s.matched);
    ui.label(format!(
        "Same entity on {} matched actors; same speaker on {} matched claims.",
        share(agreement.links.entity),
        share(agreement.links.speaker)
    ));
}

/// One difference with both sides and the choices; returns whether the analyst kept ours.
fn row(
    view: &View,
    theirs: &Project,
    name: &str,
    difference: &Difference,
    ui: &mut Ui,
    out: &mut Actions,
) -> bool {
    let (what, ours, other) = match difference {
        Difference::OnlyOurs(a) => ("only you", Some(a), None),
        Difference::OnlyTheirs(a) => ("only they", None, Some(a)),
        Difference::Differ { ours, theirs } => {
            ("both, differently", Some(ours), Some(theirs.as_ref()))
        }
    };
    let words = ours
        .or(other)
        .map_or_else(String::new, |a| a.quote.exact.clone());
    ui.horizontal_wrapped(|ui| {
        ui.label(RichText::new(format!("“{}”", shorten(&one_line(&words), 60))).strong());
        ui.label(RichText::new(format!("marked by {what}")).weak());
        if let Some(a) = ours {
            if ui.small_button("Show").clicked() {
                out.push(Action::Reveal(a.id.clone()));
            }
        } else if let Some(a) = other
            && ui.small_button("Show").clicked()
        {
            out.push(Action::ScrollTo(a.source.clone(), a.start));
        }
    });
    ui.columns(2, |columns| {
        columns[0].label(RichText::new("You").strong());
        columns[0].label(ours.map_or("nothing".to_owned(), |a| describe(view.project, a)));
        columns[1].label(RichText::new(name).strong());
        columns[1].label(other.map_or("nothing".to_owned(), |a| describe(theirs, a)));
    });
    let mut kept = false;
    ui.horizontal(|ui| {
        if ui
            .button("Keep ours")
            .on_hover_text("Keep this project as it is here and set the span aside")
            .clicked()
        {
            kept = true;
        }
        if ui
            .button("Take theirs")
            .on_hover_text("Make this project's span what they made of it")
            .clicked()
        {
            out.push(Action::edit(
                take_theirs(view.project, theirs, difference),
                format!("take {name}'s reading of “{}”", shorten(&words, 30)),
            ));
        }
    });
    kept
}

/// An annotation's tag and links in words, names from its own project.
fn describe(project: &Project, a: &Annotation) -> String {
    let name =
        |e: &Option<crate::model::EntityId>| e.as_ref().map(|e| project.entity_name(e).to_owned());
    let mut text = match &a.tag {
        Tag::Actor { entity } => match name(entity) {
            Some(n) => format!("actor: {n}"),
            None => "actor, linked to no entity".to_owned(),
        },
        Tag::Claim {
            speaker,
            via,
            group,
            ..
        } => {
            let mut text = TagKind::Claim.noun().to_owned();
            if let Some(s) = name(speaker) {
                text.push_str(&format!(" by {s}"));
            }
            if let Some(v) = name(via) {
                text.push_str(&format!(" via {v}"));
            }
            if let Some(g) = group {
                let label = project.claim_groups.get(g).map_or(g.as_str(), |g| &g.label);
                text.push_str(&format!(", in “{label}”"));
            }
            text
        }
        Tag::Date { value } => match value {
            Some(v) => format!("date: {v}"),
            None => "date without a value".to_owned(),
        },
    };
    if !a.note.is_empty() {
        text.push_str(&format!("\nnote: {}", shorten(&one_line(&a.note), 60)));
    }
    text
}
