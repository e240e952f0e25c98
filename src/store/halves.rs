//! Reading a large project file on two threads: the file up to the middle of its
//! annotation list on this one, the rest of the list on another.
//!
//! This applies to a file whose last field is its annotation list with one annotation per
//! line (as Parallax writes it). Each half is read by ron on its own, and the result is
//! used only when both halves read without error and the first half's open list is
//! `annotations` (a marker annotation closing the first half is found there); otherwise
//! [`read`] returns `None` and the whole file is read in one pass, which reports any
//! error with its line and column. So a file reads the same either way.

use ron::Options;

use crate::model::{Annotation, AnnotationId, Project};

/// From how many bytes a file is read in two halves.
pub(super) const FROM_BYTES: usize = 4 << 20;

/// The line that opens the annotation list in a file Parallax wrote.
const LIST_OPENS: &str = "\n    annotations: [\n";

/// How an annotation line starts in a file Parallax wrote.
const ITEM_STARTS: &str = "        (";

/// The project in `text`, read in two halves side by side, or `None` when the text is not
/// laid out for it or either half does not read (see the module documentation).
pub(super) fn read(text: &str, options: &Options) -> Option<Project> {
    let list_end = list_end(text)?;
    let items = text.rfind(LIST_OPENS)? + LIST_OPENS.len();
    let split = split_point(text, items, list_end)?;
    let marker = AnnotationId::random();
    // Each thread makes its own half's text, so the copying is shared out too.
    let (first, second) = std::thread::scope(|scope| {
        let reading = std::thread::Builder::new()
            .spawn_scoped(scope, || {
                let second = format!("[{}]", &text[split..list_end]);
                options.from_str::<Vec<Annotation>>(&second).ok()
            })
            .ok()?;
        let mut first = String::with_capacity(split + 400);
        first.push_str(&text[..split]);
        first.push_str(&format!(
            "{ITEM_STARTS}id: \"{marker}\", source: \"{marker}\", start: 0, end: 0, \
             quote: (exact: \"\"), tag: Date(), created: \"1970-01-01T00:00:00Z\", \
             modified: \"1970-01-01T00:00:00Z\"),\n    ],\n)\n"
        ));
        let first = options.from_str::<Project>(&first).ok();
        Some((first, reading.join().ok()?))
    })?;
    let (mut project, second) = (first?, second?);
    project.annotations.remove(&marker)?;
    for annotation in second {
        let id = annotation.id.clone();
        if project.annotations.insert(id, annotation).is_some() {
            return None;
        }
    }
    Some(project)
}

/// Where the closing `]` of the text's last list is, when the text ends with `], )`.
fn list_end(text: &str) -> Option<usize> {
    let rest = text.trim_end().strip_suffix(')')?.trim_end();
    let rest = rest.strip_suffix(',').unwrap_or(rest).trim_end();
    rest.strip_suffix(']').map(str::len)
}

/// The start of the first annotation line after `items` that leaves the second half about
/// as much to read as the first.
fn split_point(text: &str, items: usize, end: usize) -> Option<usize> {
    // The first half also reads the sources, entities and claim groups: it takes fewer
    // annotations (a share found by measuring).
    let middle = text.floor_char_boundary(items + end.checked_sub(items)? * 5 / 12);
    let after = text.get(middle..end)?;
    let line = after.find(&format!("\n{ITEM_STARTS}"))?;
    Some(middle + line + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Source, SourceId, TagKind};
    use crate::store::{ron_options, to_ron};

    /// A project with one source and `n` annotations, one per word.
    fn project(n: usize) -> Project {
        let text: String = (0..n).map(|i| format!("w{i} ")).collect();
        let source = Source::new(SourceId::new("s").unwrap(), "S", text.as_str());
        let mut p = Project::new("halves");
        let mut at = 0;
        for i in 0..n {
            let len = format!("w{i}").len();
            let id = AnnotationId::new(format!("a{i:05}")).unwrap();
            let a = Annotation::new(id, &source, at..at + len, TagKind::Actor.empty_tag());
            p.annotations.insert(a.id.clone(), a);
            at += len + 1;
        }
        p.sources.push(source);
        p
    }

    #[test]
    fn both_halves_together_are_the_whole_project() {
        let p = project(50);
        assert_eq!(read(&to_ron(&p), &ron_options()), Some(p));
    }

    #[test]
    fn duplicate_ids_across_the_halves_are_left_to_the_whole_reading() {
        let p = project(50);
        let text = to_ron(&p).replace("id: \"a00049\"", "id: \"a00000\"");
        assert_eq!(read(&text, &ron_options()), None);
    }

    #[test]
    fn a_split_outside_the_annotation_list_is_refused() {
        // Annotation-shaped items at the end of a list of sources: one pass refuses the
        // file, and so must the halves.
        let p = project(50);
        let text = to_ron(&p);
        let sources_last = text.replace("\n    annotations: [\n", "\n    sources: [\n");
        assert_eq!(read(&sources_last, &ron_options()), None);
        let unknown_last = text.replace("\n    annotations: [\n", "\n    extra: [\n");
        assert_eq!(read(&unknown_last, &ron_options()), None);
    }

    #[test]
    fn a_file_not_ending_with_a_list_is_read_in_one_pass() {
        let text = to_ron(&project(10)).replace("    ],\n)\n", "    ],\n    title: \"x\",\n)\n");
        assert_eq!(read(&text, &ron_options()), None);
    }
}
