//! Reading a PDF file (`.pdf`): the text of its pages in reading order, paragraphs
//! joined, running headers, footers and page numbers left out (see [`layout`]), and the
//! title, author and creation day its document information or XMP metadata declare.
//!
//! An encrypted PDF is refused, and so is one without a text layer (a scan: pages of
//! images), since Parallax does not recognise text in images. A damaged file is read
//! as far as it can be (a missing cross-reference table is rebuilt by scanning the
//! file), or refused with a message naming the file and, where there is one, the page.

mod filters;
mod fonts;
mod layout;
mod objects;
mod text;

use std::collections::HashSet;
use std::path::Path;

use chrono::NaiveDate;

use super::ImportError;
use super::document::{Document, Kept};
use objects::{Damage, Dict, File, Object, Ref, text_string};

/// How many pages a PDF may have.
const MAX_PAGES: usize = 100_000;

/// How deep the tree of pages may go.
const MAX_PAGE_DEPTH: usize = 64;

/// Reads a PDF file's bytes as the file at `path`.
pub(super) fn read_pdf(bytes: &[u8], path: &Path) -> Result<Document, ImportError> {
    let refuse = |problem: String| ImportError::File {
        path: path.to_path_buf(),
        problem,
    };
    let damaged = |Damage(what): Damage| {
        refuse(format!(
            "the PDF is damaged: {what}; open it in a PDF reader and save or print it again"
        ))
    };
    let file = File::open(bytes).map_err(damaged)?;
    if file.trailer.get(b"Encrypt").is_some() {
        return Err(refuse(
            "the PDF is encrypted; open it in a PDF reader, save or print a copy without \
             protection, and add that"
                .into(),
        ));
    }
    let catalogue = file.get(&file.trailer, b"Root").map_err(damaged)?;
    let catalogue = catalogue.as_dict().cloned().unwrap_or_default();
    let pages = page_list(&file, &catalogue).map_err(damaged)?;
    let mut reader = text::Reader::new(&file);
    let mut lines = Vec::with_capacity(pages.len());
    let mut images = false;
    for (number, (page, resources)) in pages.iter().enumerate() {
        let page = reader.page(page, resources).map_err(|Damage(what)| {
            refuse(format!(
                "page {}: {what}; open the PDF in a PDF reader and save or print it again",
                number + 1
            ))
        })?;
        images |= page.images;
        lines.push(layout::lines(&page));
    }
    if reader.glyphs == 0 {
        return Err(refuse(if images {
            "the PDF has no text layer (a scanned document?); Parallax does not recognise \
             text in images: run text recognition (OCR) on it first, or add a text version"
                .into()
        } else if reader.unmapped {
            "the PDF's fonts do not say which letters their glyphs stand for, so its text \
             cannot be read; add a text version of it"
                .into()
        } else {
            "the PDF has no text on its pages".into()
        }));
    }
    let details = details(&file);
    layout::drop_running_lines(&mut lines, details.title.as_deref());
    let groups: Vec<Vec<layout::Line>> =
        lines.into_iter().flat_map(layout::reading_order).collect();
    let text = layout::paragraphs(&groups);
    let kept = Kept::Pages {
        pages: pages.len(),
        words: text.split_whitespace().count(),
    };
    Ok(Document {
        title: details.title.unwrap_or_default(),
        text,
        kept: Some(kept),
        path: path.to_path_buf(),
        author: details.author,
        published: details.created,
        ..Document::default()
    })
}

/// Every page in order, with its resources (its own, or those it inherits).
fn page_list(file: &File, catalogue: &Dict) -> Result<Vec<(Dict, Dict)>, Damage> {
    let mut pages = Vec::new();
    let mut seen: HashSet<Ref> = HashSet::new();
    let root = catalogue.get(b"Pages").cloned().unwrap_or(Object::Null);
    // Nodes still to visit, last first: the node, the resources it inherits, its depth.
    let mut stack = vec![(root, Dict::default(), 0usize)];
    while let Some((node, inherited, depth)) = stack.pop() {
        if let Object::Ref(r) = node
            && !seen.insert(r)
        {
            return Err(Damage(
                "its tree of pages refers to itself in a loop".into(),
            ));
        }
        if depth > MAX_PAGE_DEPTH {
            return Err(Damage(format!(
                "its tree of pages is more than {MAX_PAGE_DEPTH} deep"
            )));
        }
        let Some(dict) = file.resolve(&node)?.as_dict().cloned() else {
            continue;
        };
        let resources = match file.get(&dict, b"Resources")? {
            Object::Dict(resources) => resources,
            _ => inherited,
        };
        match file.get(&dict, b"Kids")? {
            Object::Array(kids) => {
                for kid in kids.into_iter().rev() {
                    stack.push((kid, resources.clone(), depth + 1));
                }
            }
            _ => {
                pages.push((dict, resources));
                if pages.len() > MAX_PAGES {
                    return Err(Damage(format!("it has more than {MAX_PAGES} pages")));
                }
            }
        }
    }
    Ok(pages)
}

/// What a PDF declares about itself.
#[derive(Debug, Default, PartialEq)]
struct Details {
    title: Option<String>,
    author: Option<String>,
    created: Option<NaiveDate>,
}

/// The title, author and creation day of the document information dictionary, else of
/// the XMP metadata.
fn details(file: &File) -> Details {
    let info = file
        .get(&file.trailer, b"Info")
        .ok()
        .and_then(|i| i.as_dict().cloned())
        .unwrap_or_default();
    let text = |key: &[u8]| match file.get(&info, key) {
        Ok(Object::String(bytes)) => {
            Some(text_string(&bytes).trim().to_string()).filter(|t| !t.is_empty())
        }
        _ => None,
    };
    let mut details = Details {
        title: text(b"Title"),
        author: text(b"Author"),
        created: text(b"CreationDate").and_then(|d| day(&d)),
    };
    if details.title.is_some() && details.author.is_some() && details.created.is_some() {
        return details;
    }
    let xmp = file
        .get(&file.trailer, b"Root")
        .ok()
        .and_then(|root| root.as_dict().cloned())
        .and_then(|root| match file.get(&root, b"Metadata") {
            Ok(Object::Stream(stream)) => file.decode(&stream).ok(),
            _ => None,
        })
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
        .unwrap_or_default();
    details.title = details.title.or_else(|| xmp_value(&xmp, "dc:title"));
    details.author = details.author.or_else(|| xmp_value(&xmp, "dc:creator"));
    details.created = details
        .created
        .or_else(|| xmp_value(&xmp, "xmp:CreateDate").and_then(|d| day(&d)));
    details
}

/// The day a PDF date (`D:20250604213000+03'00'`) or an XMP date (`2025-06-04T21:30`)
/// names, in its own time zone.
fn day(date: &str) -> Option<NaiveDate> {
    let digits: String = date
        .trim()
        .trim_start_matches("D:")
        .chars()
        .filter(|c| *c != '-')
        .take(8)
        .collect();
    NaiveDate::parse_from_str(digits.get(..8)?, "%Y%m%d").ok()
}

/// The text of an XMP property: of its first `rdf:li` when it holds a list.
fn xmp_value(xmp: &str, property: &str) -> Option<String> {
    let start = xmp.find(&format!("<{property}"))?;
    let end = start + xmp[start..].find(&format!("</{property}>"))?;
    let mut inner = &xmp[start..end];
    inner = &inner[inner.find('>')? + 1..];
    if let Some(item) = inner.find("<rdf:li") {
        inner = &inner[item..];
        inner = &inner[inner.find('>')? + 1..];
        inner = &inner[..inner.find("</rdf:li>").unwrap_or(inner.len())];
    }
    let value = inner
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&");
    let value = value.trim();
    (!value.is_empty() && !value.contains('<')).then(|| value.to_string())
}

#[cfg(test)]
pub(crate) mod tests;
