//! Reading a large project file on two threads: the file up to its annotation list on this
//! one while another starts on the list, which the two then share.
//!
//! This applies to a file whose last field is its annotation list with one annotation per
//! line (as Parallax writes it). The part before the list is read by ron, closed after an
//! empty list; each annotation line is read by the fast reader ([`item_line`]), or by ron
//! when that reader refuses it. The result is used only when everything reads without
//! error, the part before the list is a project with the list as its last field, and no
//! id comes twice; otherwise [`read`] returns `None` and the whole file is read in one
//! pass, which reports any error with its line and column. So a file reads the same either
//! way.

use std::ops::Range;
use std::sync::atomic::{AtomicUsize, Ordering};

use ron::Options;

use super::item_line;
use crate::model::{Annotation, Project};

/// From how many bytes a file is read in two halves.
pub(super) const FROM_BYTES: usize = 4 << 20;

/// The line that opens the annotation list in a file Parallax wrote.
const LIST_OPENS: &str = "\n    annotations: [\n";

/// How many pieces the annotation lines are cut into, for the two threads to share.
const PIECES: usize = 64;

/// The project in `text`, read on two threads, or `None` when the text is not laid out for
/// it or does not read (see the module documentation).
pub(super) fn read(text: &str, options: &Options) -> Option<Project> {
    // Attributes at the top of a file (`#![enable(…)]`) change how every value reads.
    if text.trim_start().starts_with("#!") {
        return None;
    }
    let list_end = list_end(text)?;
    let items = text.rfind(LIST_OPENS)? + LIST_OPENS.len();
    let pieces = pieces(text, items, list_end);
    // Each thread takes the next piece not yet taken, so they finish together whatever
    // share of the file the part before the list is.
    let next = AtomicUsize::new(0);
    let share = || {
        let mut read = Vec::new();
        loop {
            let at = next.fetch_add(1, Ordering::Relaxed);
            let Some(piece) = pieces.get(at) else {
                return Some(read);
            };
            let last = at + 1 == pieces.len();
            annotations(&text[piece.clone()], !last, options, &mut read)?;
        }
    };
    let (head, mine, theirs) = std::thread::scope(|scope| {
        let reading = std::thread::Builder::new()
            .spawn_scoped(scope, share)
            .ok()?;
        let mut head = String::with_capacity(items + 16);
        head.push_str(&text[..items]);
        head.push_str("    ],\n)\n");
        let head = options.from_str::<Project>(&head).ok();
        let mine = share();
        Some((head, mine, reading.join().ok()?))
    })?;
    let mut project = head?;
    if !project.annotations.is_empty() {
        return None;
    }
    for annotation in mine?.into_iter().chain(theirs?) {
        let id = annotation.id.clone();
        if project.annotations.insert(id, annotation).is_some() {
            return None;
        }
    }
    Some(project)
}

/// The list's lines from `items` to `end`, cut into about [`PIECES`] runs of whole lines.
fn pieces(text: &str, items: usize, end: usize) -> Vec<Range<usize>> {
    let mut pieces = Vec::with_capacity(PIECES);
    let mut start = items;
    for k in 1..PIECES {
        let near = text.floor_char_boundary(items + (end - items) * k / PIECES);
        let Some(line) = text[near.max(start)..end].find('\n') else {
            break;
        };
        let cut = near.max(start) + line + 1;
        // The last piece holds the last line, which alone may go without its comma.
        if text[cut..end].trim_ascii().is_empty() {
            break;
        }
        pieces.push(start..cut);
        start = cut;
    }
    pieces.push(start..end);
    pieces
}

/// Reads the annotations of `lines` into `read`, one per line, each followed by a comma
/// (but for the last when `last_comma` is false); `None` when a line does not read.
fn annotations(
    lines: &str,
    last_comma: bool,
    options: &Options,
    read: &mut Vec<Annotation>,
) -> Option<()> {
    let mut comma_missing = false;
    for line in lines.split('\n') {
        let line = line.trim_ascii();
        if line.is_empty() {
            continue;
        }
        if comma_missing {
            return None;
        }
        let item = line.strip_suffix(',').unwrap_or_else(|| {
            comma_missing = true;
            line
        });
        let annotation = match item_line::read::<Annotation>(item) {
            Ok(annotation) => annotation,
            // ron reads the line with its comma, as a list of one: a comma in a comment
            // (`(…) //,`) is no comma.
            Err(_) => {
                let [annotation] = options
                    .from_str::<Vec<Annotation>>(&format!("[{line}]"))
                    .ok()?
                    .try_into()
                    .ok()?;
                annotation
            }
        };
        read.push(annotation);
    }
    (!(comma_missing && last_comma)).then_some(())
}

/// Where the closing `]` of the text's last list is, when the text ends with `], )`.
fn list_end(text: &str) -> Option<usize> {
    let rest = text.trim_ascii_end().strip_suffix(')')?.trim_ascii_end();
    let rest = rest.strip_suffix(',').unwrap_or(rest).trim_ascii_end();
    rest.strip_suffix(']').map(str::len)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{AnnotationId, Source, SourceId, TagKind};
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
    fn a_line_without_its_comma_is_left_to_the_whole_reading() {
        // Enough lines for a piece to hold several: the first line and one in the middle
        // of the last piece lose their commas.
        let p = project(500);
        let text = to_ron(&p);
        for line_end in [
            text.find("Z\"),\n        (").unwrap(),
            text.rfind("Z\"),\n        (").unwrap(),
        ] {
            let mut broken = text.clone();
            broken.remove(line_end + 3);
            assert!(ron_options().from_str::<Project>(&broken).is_err());
            assert_eq!(read(&broken, &ron_options()), None);
        }
        // The last line may do without.
        let last = text.rfind("),\n    ],").unwrap() + 1;
        let mut without = text.clone();
        without.remove(last);
        assert!(read(&without, &ron_options()) == Some(p), "{without}");
    }

    #[test]
    fn a_comma_in_a_comment_is_no_comma() {
        let p = project(50);
        let text = to_ron(&p);
        let line_end = text.find("Z\"),\n        (").unwrap() + 3;
        let mut commented = text.clone();
        commented.insert_str(line_end, " //");
        assert!(ron_options().from_str::<Project>(&commented).is_err());
        assert_eq!(read(&commented, &ron_options()), None);
    }

    #[test]
    fn a_line_ron_alone_reads_is_read_by_ron() {
        let p = project(50);
        let text = to_ron(&p).replace("tag: Actor()", "tag: Actor(/* none */)");
        assert!(read(&text, &ron_options()) == Some(p), "{text}");
    }

    #[test]
    fn a_file_not_ending_with_a_list_is_read_in_one_pass() {
        let text = to_ron(&project(10)).replace("    ],\n)\n", "    ],\n    title: \"x\",\n)\n");
        assert_eq!(read(&text, &ron_options()), None);
    }
}
