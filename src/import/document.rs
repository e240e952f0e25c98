//! Reading one document (`.txt`, `.md`, `.html`, `.htm`, `.mhtml`, `.mht`, `.eml`,
//! `.docx`, `.odt`, `.pdf`) into a title, a normalised text and the details the document
//! declares, and making it a new source.

use std::fmt;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::decode::{decode, decode_declared};
use super::html::{Paragraph, join, page_title, parse, read_layout};
use super::mhtml::read_archive;
use super::page_details::{Details, read_details};
use super::page_parser::TooDeep;
use super::{ImportError, article, email, opendocument, origin, pdf, read_limited, word};
use crate::model::{Project, Source};

/// The largest document Parallax imports: 64 MiB.
pub const MAX_DOCUMENT_BYTES: u64 = 64 << 20;

/// The file extensions [`read_document`] understands (compared case-insensitively).
pub const SUPPORTED_EXTENSIONS: &[&str] = &[
    "txt", "md", "html", "htm", "mhtml", "mht", "eml", "docx", "odt", "pdf",
];

/// A document read from a file, ready to become a source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Document {
    /// The document's own title (a page's headline), or the file name without its
    /// extension.
    pub title: String,
    /// The normalised text (see [`normalise`]).
    pub text: String,
    pub path: PathBuf,
    /// Who wrote it, as the document declares (a page's authors, an e-mail's sender, a
    /// Word file's creator, a PDF's author).
    pub author: Option<String>,
    /// The day it was published, as the document declares (a page's day in its own time
    /// zone, an e-mail's date in the sender's, a Word file's creation day).
    pub published: Option<NaiveDate>,
    /// The outlet that published it, as the document declares (a page's site name).
    pub outlet: Option<String>,
    /// Where it was published, as the document declares (a page's canonical address).
    pub url: Option<String>,
    /// The names of the files it carries that were not imported (an e-mail's attachments).
    pub attachments: Vec<String>,
    /// SHA-256 of the file's bytes as they were received, in hex.
    pub file_hash: String,
    /// What of a web page was kept; `None` for other documents.
    pub kept: Option<Kept>,
}

/// What to keep of a web page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Reading {
    /// The article: headline, standfirst, body, subheads, quotes and lists.
    #[default]
    Article,
    /// Every visible word.
    WholePage,
}

/// What of a web page or a PDF became the text, in words.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kept {
    /// The article, and how many words of page furniture were left out.
    Article { words: usize, left_out: usize },
    /// Every visible word, as asked.
    WholePage { words: usize },
    /// Every visible word, because the page has no recognisable article.
    NoArticle { words: usize },
    /// A PDF's text, from its pages, without running heads, feet and page numbers.
    Pages { pages: usize, words: usize },
}

impl fmt::Display for Kept {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Kept::Article { words, left_out } => write!(
                f,
                "article, {}; {} of page furniture left out",
                word_count(words),
                word_count(left_out)
            ),
            Kept::WholePage { words } => write!(f, "the whole page, {}", word_count(words)),
            Kept::NoArticle { words } => write!(
                f,
                "no article recognised, so the page's visible text, {}",
                word_count(words)
            ),
            Kept::Pages { pages, words } => write!(
                f,
                "{} of text, {}; running heads, feet and page numbers left out",
                crate::wording::count(pages, "page"),
                word_count(words)
            ),
        }
    }
}

/// `1 word`, `912 words`, `1,240 words`.
fn word_count(n: usize) -> String {
    let digits = n.to_string();
    let mut grouped = String::new();
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    format!("{grouped} {}", crate::wording::plural(n, "word"))
}

/// How a document's bytes are read, by file extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Text,
    Markdown,
    Html,
    WebArchive,
    Email,
    Word,
    OpenDocument,
    Pdf,
}

impl Kind {
    fn of(path: &Path) -> Result<Kind, ImportError> {
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase());
        match extension.as_deref() {
            Some("txt") => Ok(Kind::Text),
            Some("md") => Ok(Kind::Markdown),
            Some("html" | "htm") => Ok(Kind::Html),
            Some("mhtml" | "mht") => Ok(Kind::WebArchive),
            Some("eml") => Ok(Kind::Email),
            Some("docx") => Ok(Kind::Word),
            Some("odt") => Ok(Kind::OpenDocument),
            Some("pdf") => Ok(Kind::Pdf),
            _ => Err(ImportError::Unsupported {
                path: path.to_path_buf(),
            }),
        }
    }
}

/// Whether the file at `path` is read as a web page (`.html`, `.htm`, `.mhtml`, `.mht`),
/// whose article or whole visible text can be kept (see [`Reading`]).
pub fn is_web_page(path: &Path) -> bool {
    matches!(Kind::of(path), Ok(Kind::Html | Kind::WebArchive))
}

/// The supported extensions as a message lists them: `.txt, .md, .html and .htm files`.
pub(super) fn supported_list() -> String {
    let dotted: Vec<String> = SUPPORTED_EXTENSIONS
        .iter()
        .map(|e| format!(".{e}"))
        .collect();
    match dotted.split_last() {
        Some((last, rest)) if !rest.is_empty() => format!("{} and {last} files", rest.join(", ")),
        _ => format!("{} files", dotted.concat()),
    }
}

/// Reads a document from a file, keeping a web page's article. The extension decides
/// how: `.txt` and `.md` as text, `.html` and `.htm` as a web page, `.mhtml` and `.mht`
/// as a web archive holding one, `.eml` as an e-mail (see [`email`]), `.docx` as Word
/// (see [`word`]), `.odt` as OpenDocument text (see [`opendocument`]) and `.pdf` as PDF
/// (see [`pdf`]); see [`read_document_as`].
pub fn read_document(path: &Path) -> Result<Document, ImportError> {
    read_document_as(path, Reading::Article)
}

/// Reads a document from a file, keeping of a web page what `reading` says.
///
/// Text encodings: UTF-8 with or without a byte-order mark; UTF-16 with a byte-order
/// mark; for web pages, the charset the archive or the page declares; otherwise a
/// legacy encoding when it is detected with confidence. Files over
/// [`MAX_DOCUMENT_BYTES`] are refused before they are read; binary, empty and
/// undecodable files are refused with a message naming them.
pub fn read_document_as(path: &Path, reading: Reading) -> Result<Document, ImportError> {
    Kind::of(path)?;
    let bytes = read_limited(path)?;
    document_from_bytes(&bytes, path, reading)
}

/// Reads a document from bytes as if they were the file at `path` (whose extension
/// decides how they are read); see [`read_document_as`].
pub fn document_from_bytes(
    bytes: &[u8],
    path: &Path,
    reading: Reading,
) -> Result<Document, ImportError> {
    let kind = Kind::of(path)?;
    if bytes.len() as u64 > MAX_DOCUMENT_BYTES {
        return Err(ImportError::TooLarge {
            path: path.to_path_buf(),
            size: bytes.len() as u64,
        });
    }
    let mut document = match kind {
        Kind::Email => email::read_email(bytes, path)?,
        Kind::Word => word::read_word(bytes, path)?,
        Kind::OpenDocument => opendocument::read_opendocument(bytes, path)?,
        Kind::Pdf => pdf::read_pdf(bytes, path)?,
        Kind::Text | Kind::Markdown | Kind::Html | Kind::WebArchive => {
            read_text(bytes, path, kind, reading)?
        }
    };
    // A page's text may begin with U+FEFF or hold a CR (`&#13;` in `<pre>`), and so may
    // the text of an e-mail, a Word file or a PDF.
    document.text = normalise(&document.text);
    document.file_hash = crate::model::bytes_hash(bytes);
    if document.text.trim().is_empty() {
        return Err(ImportError::Empty {
            path: path.to_path_buf(),
        });
    }
    if document.title.trim().is_empty() {
        document.title = file_stem(path);
    }
    Ok(document)
}

/// Reads a document of text, Markdown, HTML or a web archive; its title is empty when it
/// has none.
fn read_text(
    bytes: &[u8],
    path: &Path,
    kind: Kind,
    reading: Reading,
) -> Result<Document, ImportError> {
    let (title, text, details, kept) = match kind {
        Kind::Markdown => {
            let text = normalise(&decode(bytes, path, false)?);
            (markdown_title(&text), text, Details::default(), None)
        }
        Kind::Html => {
            let page = normalise(&decode(bytes, path, true)?);
            web_page(&page, path, reading)?
        }
        Kind::WebArchive => {
            let archived = read_archive(bytes).map_err(|problem| ImportError::File {
                path: path.to_path_buf(),
                problem: format!(
                    "the web archive {problem}; save the page again from the browser, or as \
                     .html"
                ),
            })?;
            let page = match archived.encoding {
                Some(encoding) => decode_declared(&archived.bytes, path, encoding)?,
                None => decode(&archived.bytes, path, true)?,
            };
            let (title, text, mut details, kept) = web_page(&normalise(&page), path, reading)?;
            let saved_from = archived.location.filter(|l| l.starts_with("http"));
            details.url = details.url.or(saved_from);
            (title, text, details, kept)
        }
        _ => (
            None,
            normalise(&decode(bytes, path, false)?),
            Details::default(),
            None,
        ),
    };
    Ok(Document {
        title: title.unwrap_or_default(),
        text,
        path: path.to_path_buf(),
        author: details.author,
        published: details.published,
        outlet: details.outlet,
        url: details.url,
        kept,
        ..Document::default()
    })
}

/// Reads HTML that came inside another file (an e-mail's HTML body) as a page at `path`
/// is read, keeping its article, whatever charset the HTML declares: it is text already.
pub(super) fn read_html(html: &str, path: &Path) -> Result<Document, ImportError> {
    let marked = ["\u{FEFF}", html].concat();
    read_text(marked.as_bytes(), path, Kind::Html, Reading::Article)
}

impl Document {
    /// The document as a new source of `project`: its id made from the file's name and
    /// free in the project, its title and text, and where it came from (see [`origin`],
    /// with `project_file` the project's file, `None` for a project not saved yet). The
    /// source is not added; its details (outlet, author, URL, publication day) are the
    /// ones the document declares, and it keeps the hash of the file as received and
    /// when it was added.
    pub fn into_source(self, project: &Project, project_file: Option<&Path>) -> Source {
        let id = project.fresh_source_id(&file_stem(&self.path));
        let mut source = Source::new(id, self.title, self.text);
        source.origin = Some(origin(project_file, &self.path));
        source.author = self.author.unwrap_or_default();
        source.published = self.published;
        source.outlet = self.outlet.unwrap_or_default();
        source.url = self.url.unwrap_or_default();
        source.file_hash = Some(self.file_hash).filter(|h| !h.is_empty());
        source.added = Some(crate::model::now());
        source
    }
}

/// A file's name without its extension.
fn file_stem(path: &Path) -> String {
    path.file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// A web page's title, text, details and what was kept of it.
type WebPage = (Option<String>, String, Details, Option<Kept>);

/// Reads a decoded web page: its article (or all its visible text) and its details.
fn web_page(page: &str, path: &Path, reading: Reading) -> Result<WebPage, ImportError> {
    let html = parse(page).map_err(|TooDeep| ImportError::TooDeep {
        path: path.to_path_buf(),
    })?;
    let layout = read_layout(html.root_element());
    let words = |paragraphs: &mut dyn Iterator<Item = &Paragraph>| -> usize {
        paragraphs.map(|p| p.words).sum()
    };
    let all_words = words(&mut layout.paragraphs.iter());
    let article = match reading {
        Reading::Article => article::find(&layout),
        Reading::WholePage => None,
    };
    let (text, kept) = match (article, reading) {
        (Some(kept), _) => {
            let article_words = words(&mut kept.iter().map(|&i| &layout.paragraphs[i]));
            let text = join(kept.iter().map(|&i| &layout.paragraphs[i]));
            let kept = Kept::Article {
                words: article_words,
                left_out: all_words.saturating_sub(article_words),
            };
            (text, kept)
        }
        (None, Reading::WholePage) => (layout.text(), Kept::WholePage { words: all_words }),
        (None, Reading::Article) => (layout.text(), Kept::NoArticle { words: all_words }),
    };
    let fallback_title = page_title(&html);
    let mut details = read_details(&html, fallback_title.as_deref());
    let title = details.title.take();
    // The page's text may begin with U+FEFF or hold a CR (`&#13;` in `<pre>`).
    Ok((title, normalise(&text), details, Some(kept)))
}

/// The normalisation every imported text gets, and the only change Parallax ever makes
/// to a source's text: leading byte-order marks are removed, and CRLF and lone CR line
/// ends become LF.
///
/// All leading marks go, not only the first: a text that began with U+FEFF would lose it
/// the next time it was read from a file (an export, a re-import), which would take it
/// for a byte-order mark, and every position after it would move.
pub fn normalise(text: &str) -> String {
    let text = text.trim_start_matches('\u{FEFF}');
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('\r') {
        out.push_str(&rest[..at]);
        out.push('\n');
        rest = &rest[at + 1..];
        if let Some(after) = rest.strip_prefix('\n') {
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// A Markdown document's title: its first non-empty line when that is a `# heading`.
fn markdown_title(text: &str) -> Option<String> {
    let first = text.lines().find(|l| !l.trim().is_empty())?.trim();
    let heading = first.strip_prefix('#')?;
    if !(heading.is_empty() || heading.starts_with([' ', '\t'])) {
        return None;
    }
    // A closing sequence of `#` is not part of the heading.
    let heading = heading.trim();
    let heading = match heading.trim_end_matches('#') {
        inner if inner.is_empty() || inner.ends_with([' ', '\t']) => inner.trim(),
        _ => heading,
    };
    (!heading.is_empty()).then(|| heading.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(name: &str, bytes: &[u8]) -> Result<Document, ImportError> {
        document_from_bytes(bytes, Path::new(name), Reading::WholePage)
    }

    #[test]
    fn line_ends_and_bom_are_normalised() {
        assert_eq!(normalise("\u{FEFF}a\r\nb\rc\n\r\nd\r"), "a\nb\nc\n\nd\n");
        assert_eq!(normalise("no change 🌍\n"), "no change 🌍\n");
        assert_eq!(normalise("\r\r\n"), "\n\n");
        // Every leading mark goes, so that normalising twice changes nothing.
        assert_eq!(normalise("\u{FEFF}\u{FEFF}a\u{FEFF}"), "a\u{FEFF}");
        let doc = read("marks.md", "\u{FEFF}\u{FEFF}\u{FEFF}".as_bytes()).unwrap_err();
        assert!(matches!(doc, ImportError::Empty { .. }), "{doc}");
        let page = read(
            "p.html",
            "<p>\u{FEFF}text&#13;</p><pre>a&#13;b</pre>".as_bytes(),
        );
        assert_eq!(page.unwrap().text, "text\n\na\nb");
        // Only a leading mark goes; one inside the text is the text's own.
        assert_eq!(normalise("a\u{FEFF}b"), "a\u{FEFF}b");
        let doc = read("call.txt", b"\xEF\xBB\xBFline one\r\nline two\rline three").unwrap();
        assert_eq!(doc.text, "line one\nline two\nline three");
    }

    #[test]
    fn text_files_keep_their_text_and_take_the_file_name_as_title() {
        let doc = read(
            "reports/Kremlin Readout.TXT",
            "  Putin spoke.\n\n— Leo\n".as_bytes(),
        )
        .unwrap();
        assert_eq!(doc.text, "  Putin spoke.\n\n— Leo\n");
        assert_eq!(doc.title, "Kremlin Readout");
        assert_eq!(doc.path, Path::new("reports/Kremlin Readout.TXT"));
    }

    #[test]
    fn markdown_titles_come_from_a_first_heading() {
        let doc = read("notes.md", b"\n# The phone call #\n\nBody.").unwrap();
        assert_eq!(doc.title, "The phone call");
        assert_eq!(doc.text, "\n# The phone call #\n\nBody.");
        assert_eq!(
            read("notes.md", b"## Second level\nBody").unwrap().title,
            "notes"
        );
        assert_eq!(
            read("notes.md", b"#hashtag first\nBody").unwrap().title,
            "notes"
        );
        assert_eq!(
            read("notes.md", b"Intro\n# Later heading").unwrap().title,
            "notes"
        );
        assert_eq!(read("notes.md", b"# C# #\nBody").unwrap().title, "C#");
    }

    #[test]
    fn empty_files_are_refused() {
        for bytes in [&b""[..], b"  \n\t\r\n", b"\xEF\xBB\xBF", b"\xFF\xFE"] {
            let err = read("empty.txt", bytes).unwrap_err();
            assert!(matches!(err, ImportError::Empty { .. }), "{bytes:?}: {err}");
            assert!(
                err.to_string().starts_with("empty.txt: there is no text"),
                "{err}"
            );
        }
        let err = read(
            "blank.html",
            b"<html><head><title>T</title><script>x()</script></head><body> </body>",
        )
        .unwrap_err();
        assert!(matches!(err, ImportError::Empty { .. }), "{err}");
    }

    #[test]
    fn binary_files_are_refused_by_name() {
        let err = read("photo.txt", b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").unwrap_err();
        assert!(matches!(err, ImportError::Binary { .. }));
        assert!(
            err.to_string()
                .starts_with("photo.txt: this looks like a binary file"),
            "{err}"
        );
    }

    #[test]
    fn unknown_extensions_are_refused_listing_the_supported_ones() {
        let err = read("report.xlsx", b"PK").unwrap_err();
        assert_eq!(
            err.to_string(),
            "report.xlsx: Parallax cannot import this kind of file; it imports .txt, .md, .html, .htm, .mhtml, .mht, .eml, .docx, .odt and .pdf files"
        );
        assert!(matches!(
            read("README", b"text"),
            Err(ImportError::Unsupported { .. })
        ));
        // The extension is checked before the file is looked for.
        let err = read_document(Path::new("/nowhere/report.doc")).unwrap_err();
        assert!(matches!(err, ImportError::Unsupported { .. }), "{err}");
    }

    #[test]
    fn documents_are_read_from_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("vatican.htm");
        std::fs::write(&path, "<title>Vatican News</title><p>Pope Leo&nbsp;XIV</p>").unwrap();
        let doc = read_document(&path).unwrap();
        assert_eq!(doc.title, "Vatican News");
        assert_eq!(doc.text, "Pope Leo\u{A0}XIV");
        assert_eq!(doc.path, path);
    }

    #[test]
    fn html_keeps_the_visible_text_in_paragraphs() {
        let page = r#"<!DOCTYPE html>
<html><head>
  <title>  Putin &amp; Leo
     speak </title>
  <style>p { color: red }</style>
  <script>var hidden = "no";</script>
</head>
<body>
  <header><nav><a href="/">Home</a> | <a href="/world">World</a></nav></header>
  <h1>The   call</h1>
  <p>Putin told <b>Leo</b> it was &ldquo;a gesture&rdquo;
     &mdash; the Kremlin&#39;s words.</p>
  <script>document.write("not this")</script>
  <noscript>Enable JavaScript</noscript>
  <template><p>Template text</p></template>
  <div hidden>Hidden text</div>
  <div>First<br>second<div>nested</div>tail</div>
  <ul><li>one</li><li>two</li></ul>
  <table><tr><td>Moscow</td><td>June 4</td></tr></table>
  <pre>
  code   kept
    as is</pre>
  <p>&lt;not a tag&gt; &#x1F30D;</p>
</body></html>"#;
        let doc = read("call.html", page.as_bytes()).unwrap();
        assert_eq!(doc.title, "Putin & Leo speak");
        assert_eq!(
            doc.text,
            "Home | World\n\nThe call\n\nPutin told Leo it was “a gesture” — the Kremlin's words.\n\n\
             First\n\nsecond\n\nnested\n\ntail\n\none\n\ntwo\n\nMoscow June 4\n\n  code   kept\n    as is\n\n\
             <not a tag> 🌍"
        );
    }

    #[test]
    fn html_titles_fall_back_to_the_first_heading_then_the_file_name() {
        let doc = read(
            "page.html",
            b"<body><h1><span>Breaking</span>: call</h1><h1>Other</h1><p>Text</p>",
        )
        .unwrap();
        assert_eq!(doc.title, "Breaking: call");
        let doc = read("page.html", b"<body><h2>Sub</h2><p>Text</p>").unwrap();
        assert_eq!(doc.title, "page");
        // An SVG's <title> is not the page's.
        let doc = read(
            "page.html",
            b"<body><svg><title>icon</title></svg><p>Text</p>",
        )
        .unwrap();
        assert_eq!(doc.title, "page");
        assert_eq!(doc.text, "Text");
    }

    #[test]
    fn html_in_a_declared_encoding() {
        let (body, _, _) = encoding_rs::WINDOWS_1251.encode("<p>Москва, 4 июня</p>");
        let mut page = b"<head><meta http-equiv=\"content-type\" content=\"text/html; charset='windows-1251'\"></head>".to_vec();
        page.extend_from_slice(&body);
        assert_eq!(read("ru.html", &page).unwrap().text, "Москва, 4 июня");
    }

    #[test]
    fn web_pages_keep_their_article_and_say_what_was_kept() {
        let body = "<p>The council voted on Tuesday, after a long debate, to reopen the old \
                    harbour bridge to buses, cyclists and people on foot.</p>"
            .repeat(4);
        let page = format!(
            "<title>Bridge to reopen | Post</title><meta property=\"og:site_name\" content=\"Post\">\
             <nav><a href=\"/\">Home</a> <a href=\"/n\">News</a></nav><article><h1>Bridge to reopen</h1>{body}</article>\
             <footer>About us</footer>"
        );
        let doc =
            document_from_bytes(page.as_bytes(), Path::new("p.html"), Reading::Article).unwrap();
        assert_eq!(doc.title, "Bridge to reopen");
        assert_eq!(doc.outlet.as_deref(), Some("Post"));
        assert!(
            doc.text.starts_with("Bridge to reopen\n\nThe council"),
            "{}",
            doc.text
        );
        assert!(!doc.text.contains("Home") && !doc.text.contains("About us"));
        assert_eq!(
            doc.kept,
            Some(Kept::Article {
                words: 91,
                left_out: 4
            })
        );
        let whole =
            document_from_bytes(page.as_bytes(), Path::new("p.html"), Reading::WholePage).unwrap();
        assert!(
            whole.text.starts_with("Home News\n\nBridge to reopen"),
            "{}",
            whole.text
        );
        assert_eq!(whole.kept, Some(Kept::WholePage { words: 95 }));
        let links =
            document_from_bytes(b"<a href=x>Home</a>", Path::new("p.html"), Reading::Article)
                .unwrap();
        assert_eq!(links.kept, Some(Kept::NoArticle { words: 1 }));
        // Other documents keep all their text and say nothing of it.
        let text = document_from_bytes(b"plain", Path::new("p.txt"), Reading::Article).unwrap();
        assert_eq!(text.kept, None);
    }

    #[test]
    fn what_was_kept_is_said_in_words() {
        let kept = Kept::Article {
            words: 912,
            left_out: 1240,
        };
        assert_eq!(
            kept.to_string(),
            "article, 912 words; 1,240 words of page furniture left out"
        );
        assert_eq!(
            Kept::WholePage { words: 1 }.to_string(),
            "the whole page, 1 word"
        );
        assert_eq!(
            Kept::NoArticle { words: 1_234_567 }.to_string(),
            "no article recognised, so the page's visible text, 1,234,567 words"
        );
    }

    #[test]
    fn web_archives_are_read_as_their_page_or_refused_by_name() {
        let archive = "Content-Type: multipart/related; boundary=b\r\n\r\n--b\r\n\
                       Content-Type: text/html; charset=windows-1252\r\n\
                       Content-Transfer-Encoding: quoted-printable\r\n\
                       Content-Location: https://post.example/bridge\r\n\r\n\
                       <title>Caf=E9</title><p>Caf=E9 cr=E8me</p>\r\n--b--\r\n";
        let doc = read("saved.mht", archive.as_bytes()).unwrap();
        assert_eq!(doc.text, "Café crème");
        assert_eq!(doc.title, "Café");
        assert_eq!(doc.url.as_deref(), Some("https://post.example/bridge"));
        let err = read("broken.mhtml", b"<p>just a page</p>").unwrap_err();
        assert_eq!(
            err.to_string(),
            "broken.mhtml: the web archive does not begin with MIME headers (From:, \
             Content-Type:); save the page again from the browser, or as .html"
        );
    }

    #[test]
    fn html_crlf_becomes_lf_in_preformatted_text() {
        let doc = read("p.html", b"<pre>a\r\nb\rc</pre>").unwrap();
        assert_eq!(doc.text, "a\nb\nc");
    }

    #[test]
    fn deeply_nested_html_is_read_up_to_a_limit() {
        let nest = |depth| {
            format!(
                "{}deep{}",
                "<div><span>".repeat(depth),
                "</span></div>".repeat(depth)
            )
        };
        assert_eq!(
            read("deep.html", nest(250).as_bytes()).unwrap().text,
            "deep"
        );
        let err = read("deeper.html", nest(20_000).as_bytes()).unwrap_err();
        assert!(matches!(err, ImportError::TooDeep { .. }), "{err}");
        assert!(
            err.to_string()
                .starts_with("deeper.html: the page nests its elements more than 512 deep"),
            "{err}"
        );
        assert!(err.to_string().ends_with("import the .txt file"), "{err}");
    }

    proptest::proptest! {
        #[test]
        fn any_bytes_are_read_or_refused_without_panic(
            bytes in proptest::collection::vec(proptest::prelude::any::<u8>(), 0..400),
            extension in "(txt|md|html|mhtml)",
        ) {
            let path = PathBuf::from(format!("any.{extension}"));
            let bom = '\u{FEFF}';
            if let Ok(doc) = document_from_bytes(&bytes, &path, Reading::Article) {
                proptest::prop_assert!(!doc.text.contains('\r'));
                proptest::prop_assert!(!doc.text.starts_with(bom));
                proptest::prop_assert!(!doc.text.trim().is_empty());
            }
        }

        #[test]
        fn text_survives_import_apart_from_line_ends(text in "\\PC{1,200}") {
            let bom = '\u{FEFF}';
            proptest::prop_assume!(!text.trim().is_empty() && !text.starts_with(bom));
            let doc = document_from_bytes(text.as_bytes(), Path::new("any.txt"), Reading::Article).unwrap();
            proptest::prop_assert_eq!(doc.text, text.replace("\r\n", "\n").replace('\r', "\n"));
        }
    }
}
