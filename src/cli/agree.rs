//! `parallax agree`: how far the analysts behind several projects agree, as readable
//! tables or as JSON for other tools.

use std::io::Write;
use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::Args;
use serde_json::{Map, Value, json};

use super::CompareFormat;
use crate::agree::{Agreement, LeftOut, PairAgreement, Shared, TagAgreement};
use crate::model::{Project, TagKind};
use crate::store;
use crate::wording::{count, one_line, shorten};

#[derive(Debug, Args)]
pub struct AgreeArgs {
    /// The projects to compare: two or more, each annotated by one analyst.
    #[arg(required = true, num_args = 2.., value_name = "PROJECT")]
    pub projects: Vec<PathBuf>,
    /// How to print the figures.
    #[arg(long, value_enum, default_value_t = CompareFormat::Text)]
    pub format: CompareFormat,
}

/// Loads the projects, measures their agreement and prints it. Fails when they share no
/// source, saying which sources were left out and why.
pub fn agree(args: &AgreeArgs, out: &mut dyn Write) -> Result<()> {
    let mut projects: Vec<Project> = Vec::new();
    for path in &args.projects {
        let loaded = store::load(path)?;
        for note in &loaded.notes {
            eprintln!("{}: note: {note}", path.display());
        }
        projects.push(loaded.project);
    }
    let names: Vec<String> = args
        .projects
        .iter()
        .map(|p| p.display().to_string())
        .collect();
    let refs: Vec<&Project> = projects.iter().collect();
    let agreement = Agreement::measure(&refs);
    if agreement.sources.is_empty() {
        bail!(
            "the projects share no source with the same id and text, so there is nothing to \
             compare: {}",
            left_out_line(&agreement.left_out, &names)
        );
    }
    let text = match args.format {
        CompareFormat::Text => text(&agreement, &names),
        CompareFormat::Json => json(&agreement, &names),
    };
    out.write_all(text.as_bytes())?;
    Ok(())
}

/// A figure with three decimals, or `–` where it is undefined.
fn figure(value: Option<f64>) -> String {
    value.map_or_else(|| "–".to_owned(), |v| format!("{v:.3}"))
}

/// The sources left out, each with why, on one line.
fn left_out_line(left_out: &[LeftOut], names: &[String]) -> String {
    let list = |projects: &[usize]| -> String {
        projects
            .iter()
            .map(|&i| names[i].as_str())
            .collect::<Vec<_>>()
            .join(", ")
    };
    left_out
        .iter()
        .map(|l| {
            let mut why = Vec::new();
            if !l.missing_from.is_empty() {
                why.push(format!("not in {}", list(&l.missing_from)));
            }
            if !l.text_differs_in.is_empty() {
                why.push(format!("its text differs in {}", list(&l.text_differs_in)));
            }
            format!("`{}` ({})", l.source, why.join("; "))
        })
        .collect::<Vec<_>>()
        .join(", ")
}

/// The readable report: the projects by number, the overall figures per tag and pair,
/// the links, then each source's figures and the spans not every project made.
fn text(agreement: &Agreement, names: &[String]) -> String {
    let mut out = format!(
        "Agreement of {} on {}\n",
        count(names.len(), "project"),
        count(agreement.sources.len(), "shared source")
    );
    for (i, name) in names.iter().enumerate() {
        out.push_str(&format!("  [{i}] {name}\n"));
    }
    if !agreement.left_out.is_empty() {
        out.push_str(&format!(
            "left out: {}\n",
            left_out_line(&agreement.left_out, names)
        ));
    }
    out.push('\n');
    tags_text(&mut out, &agreement.tags, "");
    let link = |shared: Shared, what: &str| {
        format!(
            "{} of {} ({})",
            shared.alike,
            count(shared.matched, what),
            figure(shared.share())
        )
    };
    out.push_str(&format!(
        "links: same entity on {}; same speaker on {}\n",
        link(agreement.links.entity, "matched actor"),
        link(agreement.links.speaker, "matched claim")
    ));
    for source in &agreement.by_source {
        out.push_str(&format!("\n{}\n", source.source));
        tags_text(&mut out, &source.tags, "  ");
        for span in &source.unmatched {
            let made_by: Vec<String> = span.made_by.iter().map(|i| format!("[{i}]")).collect();
            out.push_str(&format!(
                "  only {}: {} {}–{} \"{}\"\n",
                made_by.join(" "),
                span.tag.noun(),
                span.span.start,
                span.span.end,
                shorten(&one_line(&span.words), 60)
            ));
        }
    }
    out
}

/// One line per tag with its alpha, then one per pair of projects.
fn tags_text(
    out: &mut String,
    tags: &std::collections::BTreeMap<TagKind, TagAgreement>,
    indent: &str,
) {
    for (tag, figures) in tags {
        let used = figures.pairs.iter().any(|p| p.exact_f1.is_some());
        if !used {
            out.push_str(&format!(
                "{indent}{:<6} nobody tagged {}\n",
                tag.noun(),
                tag.plural()
            ));
            continue;
        }
        out.push_str(&format!(
            "{indent}{:<6} alpha {}\n",
            tag.noun(),
            figure(figures.alpha)
        ));
        for PairAgreement {
            a,
            b,
            exact_f1,
            overlap_f1,
            kappa,
        } in &figures.pairs
        {
            out.push_str(&format!(
                "{indent}  [{a}]–[{b}]  exact F1 {}  overlap F1 {}  kappa {}\n",
                figure(*exact_f1),
                figure(*overlap_f1),
                figure(*kappa)
            ));
        }
    }
}

/// The JSON document: projects, shared sources, per-tag figures, links and per-source
/// figures with the spans not every project made.
fn json(agreement: &Agreement, names: &[String]) -> String {
    let tags = |tags: &std::collections::BTreeMap<TagKind, TagAgreement>| -> Map<String, Value> {
        tags.iter()
            .map(|(tag, figures)| {
                let pairs: Vec<Value> = figures
                    .pairs
                    .iter()
                    .map(|p| {
                        json!({"a": p.a, "b": p.b, "exact_f1": p.exact_f1,
                               "overlap_f1": p.overlap_f1, "kappa": p.kappa})
                    })
                    .collect();
                (
                    tag.noun().to_owned(),
                    json!({"alpha": figures.alpha, "pairs": pairs}),
                )
            })
            .collect()
    };
    let by_source: Map<String, Value> = agreement
        .by_source
        .iter()
        .map(|source| {
            let mut figures = tags(&source.tags);
            for (tag, value) in figures.iter_mut() {
                let unmatched: Vec<Value> = source
                    .unmatched
                    .iter()
                    .filter(|u| u.tag.noun() == tag)
                    .map(|u| {
                        json!({"start": u.span.start, "end": u.span.end,
                               "words": u.words, "made_by": u.made_by})
                    })
                    .collect();
                value["unmatched"] = Value::Array(unmatched);
            }
            (source.source.to_string(), Value::Object(figures))
        })
        .collect();
    let left_out: Vec<Value> = agreement
        .left_out
        .iter()
        .map(|l| {
            json!({"source": l.source.as_str(), "missing_from": l.missing_from,
                   "text_differs_in": l.text_differs_in})
        })
        .collect();
    let doc = json!({
        "projects": names,
        "sources": agreement.sources.iter().map(|s| s.as_str()).collect::<Vec<_>>(),
        "left_out": left_out,
        "tags": tags(&agreement.tags),
        "links": {
            "entity": agreement.links.entity.share(),
            "speaker": agreement.links.speaker.share(),
        },
        "by_source": by_source,
    });
    let mut text = serde_json::to_string_pretty(&doc).unwrap_or_default();
    text.push('\n');
    text
}
