//! How a project file is laid out: the version, the title and the sources one field per
//! line (a source's text keeps its line breaks, so the text reads as written), then
//! entities, claim groups and annotations one per line (`(id: "a-…", source: …),`), so
//! that a change to one of them is a change to one line.
//!
//! Both halves are plain RON written by ron's serializer; a file laid out otherwise
//! (every field on its own line, as Parallax wrote before, or by hand) reads the same.

use std::fmt::Write;

use serde::Serialize;

use super::ron_options;
use crate::model::{Project, Source};
use crate::threads::both;

/// Spaces before a field of the project.
const FIELD_INDENT: &str = "    ";

/// Spaces before an item of a list.
const ITEM_INDENT: &str = "        ";

/// The part of the project written one field per line.
#[derive(Serialize)]
#[serde(rename = "Project")]
struct Head<'a> {
    format_version: u32,
    title: &'a str,
    sources: &'a [Source],
}

/// The project as RON text, laid out as the module documentation describes.
pub(super) fn write(project: &Project) -> String {
    // Naming every field makes a field added to `Project` a compile error here.
    let Project {
        format_version,
        title,
        sources,
        entities,
        claim_groups,
        annotations,
        conflicts,
    } = project;
    let mut out = String::with_capacity(size_hint(project));
    let head = Head {
        format_version: *format_version,
        title,
        sources,
    };
    let pretty = ron::ser::PrettyConfig::new()
        .indentor(FIELD_INDENT)
        .new_line("\n")
        // Texts keep their line breaks, so a project file diffs line by line.
        .escape_strings(false);
    let mut serializer = ron::Serializer::with_options(&mut out, Some(pretty), &ron_options())
        .expect("the layout's indentation and line breaks are whitespace");
    head.serialize(&mut serializer)
        .expect("a project always serializes: it holds only strings, numbers and lists");
    // The head ends with the project's closing parenthesis; the lists come before it.
    let closed = out.pop();
    debug_assert_eq!(closed, Some(')'));
    list(&mut out, "entities", entities.values());
    list(&mut out, "claim_groups", claim_groups.values());
    list(&mut out, "annotations", annotations.values());
    if !conflicts.is_empty() {
        list(&mut out, "conflicts", conflicts.iter());
    }
    out.push_str(")\n");
    out
}

/// From how many items a list is written in two halves side by side.
const HALVES_FROM: usize = 10_000;

/// `    NAME: [` and one item per line. Strings are written as they are (as raw strings,
/// `r#"…"#`, when they hold `"` or `\`); an item whose strings hold a line break is
/// written with its strings escaped instead (`\n`), so that it stays on one line. A long
/// list is written in two halves on two threads.
fn list<'a, T, I>(out: &mut String, name: &str, items: I)
where
    T: Serialize + Sync + 'a,
    I: ExactSizeIterator<Item = &'a T> + Clone + Send + Sync,
{
    let _ = write!(out, "{FIELD_INDENT}{name}: [");
    let count = items.len();
    if count == 0 {
        out.push_str("],\n");
        return;
    }
    out.push('\n');
    if count < HALVES_FROM {
        lines(out, items);
    } else {
        let half = count / 2;
        let room = out.capacity().saturating_sub(out.len()) / 2;
        let second_half = || {
            let mut second = String::with_capacity(room);
            lines(&mut second, items.clone().skip(half));
            second
        };
        let (second, ()) = both(second_half, || lines(out, items.clone().take(half)));
        out.push_str(&second);
    }
    out.push_str(FIELD_INDENT);
    out.push_str("],\n");
}

/// Items, one per line (see [`list`]).
fn lines<'a, T: Serialize + 'a>(out: &mut String, items: impl Iterator<Item = &'a T>) {
    let one_line = ron::ser::PrettyConfig::new().depth_limit(0);
    let as_is = one_line.clone().escape_strings(false);
    let options = ron_options();
    for item in items {
        out.push_str(ITEM_INDENT);
        let start = out.len();
        serialize(item, out, &as_is, &options);
        if out[start..].contains(['\n', '\r']) {
            out.truncate(start);
            serialize(item, out, &one_line, &options);
        }
        out.push_str(",\n");
    }
}

fn serialize<T: Serialize>(
    item: &T,
    out: &mut String,
    config: &ron::ser::PrettyConfig,
    options: &ron::Options,
) {
    let mut serializer = ron::Serializer::with_options(out, Some(config.clone()), options)
        .expect("one-line items have no indentation to check");
    item.serialize(&mut serializer)
        .expect("a project always serializes: it holds only strings, numbers and lists");
}

/// About how many bytes the file takes, a little more rather than less, so that the text
/// is written into one buffer without copying it as it grows.
fn size_hint(project: &Project) -> usize {
    let texts: usize = project
        .sources
        .iter()
        .map(|s| s.text.as_str().len() + 512)
        .sum();
    let annotations: usize = project
        .annotations
        .values()
        .map(|a| {
            2 * (a.quote.exact.len() + a.quote.prefix.len() + a.quote.suffix.len() + a.note.len())
                + 320
        })
        .sum();
    let others = 256 * (project.entities.len() + project.claim_groups.len());
    4096 + texts + annotations + others
}
