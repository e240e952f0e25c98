//! Exporting an annotated project for colleagues and other tools: an HTML report, CSV,
//! W3C Web Annotation JSON, a Markdown report, and brat standoff files.
//!
//! [`render`] turns a project into the bytes of one file, or of a folder of files (brat);
//! [`survey`] says what an export to a path would write and what stands in its way; and
//! [`export`] does both and writes, through [`destination`]: it never writes over the
//! project file, does not write through a symbolic link unless forced, and writes
//! atomically, so a failed export leaves nothing half-written.
//!
//! Positions in every format are code points of the source's text, end exclusive.
//! Annotations that are unplaced (their words were lost when a source changed) keep their
//! quote in CSV, JSON and the reports, marked as unplaced, and are left out of brat,
//! whose lines need a true position.

mod brat;
mod csv;
pub mod destination;
mod html;
mod json;
mod markdown;

use std::fmt;
use std::path::{Path, PathBuf};

use crate::model::{Annotation, Project, Source, Tag, slug};
use crate::wording::count;

pub use destination::{ExportError, Survey, survey};

/// The formats a project can be exported to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Format {
    /// One self-contained HTML page: sources side by side, the comparison, the notes.
    Html,
    /// One row per annotation, for spreadsheets.
    Csv,
    /// The W3C Web Annotation data model, in JSON-LD.
    Json,
    /// A readable report in Markdown.
    Markdown,
    /// brat standoff: a folder of `.txt` and `.ann` files and an `annotation.conf`.
    Brat,
}

impl Format {
    pub const ALL: [Format; 5] = [
        Format::Html,
        Format::Csv,
        Format::Json,
        Format::Markdown,
        Format::Brat,
    ];

    /// The name an analyst chooses it by (`--format md`).
    pub fn name(self) -> &'static str {
        match self {
            Format::Html => "html",
            Format::Csv => "csv",
            Format::Json => "json",
            Format::Markdown => "md",
            Format::Brat => "brat",
        }
    }

    /// What it is, for a menu.
    pub fn label(self) -> &'static str {
        match self {
            Format::Html => "HTML report",
            Format::Csv => "CSV table",
            Format::Json => "JSON (W3C Web Annotation)",
            Format::Markdown => "Markdown report",
            Format::Brat => "brat standoff folder",
        }
    }

    /// The file name extension it is written with; `None` for a folder.
    pub fn extension(self) -> Option<&'static str> {
        match self {
            Format::Html => Some("html"),
            Format::Csv => Some("csv"),
            Format::Json => Some("json"),
            Format::Markdown => Some("md"),
            Format::Brat => None,
        }
    }

    /// Whether it is written as a folder of files rather than one file.
    pub fn is_folder(self) -> bool {
        self.extension().is_none()
    }

    /// Where an export goes unless the analyst says otherwise: beside the project file
    /// with its name (`call.ron` gives `call.html`, and the folder `call-brat` for brat);
    /// for a project not saved yet, in the current folder, named after its title.
    pub fn default_output(self, project_path: Option<&Path>, title: &str) -> PathBuf {
        let (folder, stem) = match project_path {
            Some(path) => (
                path.parent().map(Path::to_path_buf).unwrap_or_default(),
                path.file_stem()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_else(|| "project".into()),
            ),
            None => (
                PathBuf::new(),
                slug(title).unwrap_or_else(|| "parallax-export".into()),
            ),
        };
        let name = match self.extension() {
            Some(extension) => format!("{stem}.{extension}"),
            None => format!("{stem}-brat"),
        };
        folder.join(name)
    }
}

impl fmt::Display for Format {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// An export made in memory, ready to be written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rendered {
    File(Vec<u8>),
    /// The files of a folder: names (no separators) and contents, in the order written.
    Folder(Vec<(String, Vec<u8>)>),
}

impl Rendered {
    /// How many files it writes.
    pub fn file_count(&self) -> usize {
        match self {
            Rendered::File(_) => 1,
            Rendered::Folder(files) => files.len(),
        }
    }
}

/// Renders `project` in `format`.
pub fn render(project: &Project, format: Format) -> Rendered {
    match format {
        Format::Html => Rendered::File(html::render(project).into_bytes()),
        Format::Csv => Rendered::File(csv::render(project)),
        Format::Json => Rendered::File(json::render(project).into_bytes()),
        Format::Markdown => Rendered::File(markdown::render(project).into_bytes()),
        Format::Brat => Rendered::Folder(brat::render(project)),
    }
}

/// The names of the files a brat export of `project` writes, in order.
pub fn brat_file_names(project: &Project) -> Vec<String> {
    brat::file_names(project)
}

/// How to export.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Options {
    /// The project's own file, which an export never replaces.
    pub project_path: Option<PathBuf>,
    /// Write to where a symbolic link at the output points, instead of refusing.
    pub force: bool,
}

/// What an export wrote.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Exported {
    pub format: Format,
    pub output: PathBuf,
    pub files: usize,
    pub sources: usize,
    /// The annotations the export holds.
    pub annotations: usize,
    /// Annotations a brat export had to leave out: unplaced ones, and those of sources
    /// without text.
    pub left_out: usize,
}

impl fmt::Display for Exported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let what = match self.format {
            Format::Brat => format!("a folder of {}", count(self.files, "file")),
            _ => self.format.label().to_string(),
        };
        write!(
            f,
            "exported {} of {} as {what} to {}",
            count(self.annotations, "annotation"),
            count(self.sources, "source"),
            self.output.display()
        )?;
        if self.left_out > 0 {
            write!(
                f,
                "; left out {} with no place in a text (place unplaced annotations again first)",
                count(self.left_out, "annotation")
            )?;
        }
        Ok(())
    }
}

/// Exports `project` in `format` to `output`, after the checks of [`survey`]: refused,
/// with nothing written, when the output is the project file, a symbolic link (unless
/// `options.force`), or a place that cannot hold the export.
pub fn export(
    project: &Project,
    format: Format,
    output: &Path,
    options: &Options,
) -> Result<Exported, ExportError> {
    let survey = survey(project, format, output, options.project_path.as_deref());
    survey.allows(options.force)?;
    let rendered = render(project, format);
    destination::write(&survey, &rendered)?;
    let annotations = match format {
        Format::Brat => brat::exported_annotations(project),
        _ => project.annotations.len(),
    };
    Ok(Exported {
        format,
        output: output.to_path_buf(),
        files: rendered.file_count(),
        sources: project.sources.len(),
        annotations,
        left_out: project.annotations.len() - annotations,
    })
}

/// An entity or claim group an annotation links to: its id and its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Named<'p> {
    id: &'p str,
    name: &'p str,
}

/// An annotation with its words and links resolved, as every format writes it.
#[derive(Debug, Clone)]
struct Row<'p> {
    annotation: &'p Annotation,
    source: Option<&'p Source>,
    /// The annotated words: the text of its span, or its quote when it is unplaced.
    text: &'p str,
    entity: Option<Named<'p>>,
    speaker: Option<Named<'p>>,
    via: Option<Named<'p>>,
    group: Option<Named<'p>>,
    date: Option<String>,
    /// A claim's grade: its source's reliability and its credibility (`B2`).
    grade: Option<String>,
}

impl<'p> Row<'p> {
    fn new(project: &'p Project, annotation: &'p Annotation) -> Self {
        let source = project.source(&annotation.source);
        let text = source
            .filter(|_| is_placed(annotation, source))
            .map_or(annotation.quote.exact.as_str(), |s| {
                s.text.slice(annotation.span())
            });
        let entity = |id: &'p Option<crate::model::EntityId>| {
            id.as_ref().map(|id| Named {
                id: id.as_str(),
                name: project.entity_name(id),
            })
        };
        let mut row = Row {
            annotation,
            source,
            text,
            entity: None,
            speaker: None,
            via: None,
            group: None,
            date: None,
            grade: None,
        };
        match &annotation.tag {
            Tag::Actor { entity: e } => row.entity = entity(e),
            Tag::Claim {
                speaker,
                via,
                group,
                credibility,
            } => {
                row.grade =
                    crate::model::admiralty(source.and_then(|s| s.reliability), *credibility);
                row.speaker = entity(speaker);
                row.via = entity(via);
                row.group = group.as_ref().map(|id| Named {
                    id: id.as_str(),
                    name: project
                        .claim_groups
                        .get(id)
                        .map_or(id.as_str(), |g| g.label.as_str()),
                });
            }
            Tag::Date { value } => row.date = value.as_ref().map(ToString::to_string),
        }
        row
    }

    /// Whether its span stands in its source's text.
    fn is_placed(&self) -> bool {
        is_placed(self.annotation, self.source)
    }

    /// Its links by name, as `(link, name)` pairs: `entity`, `speaker`, `via`,
    /// `claim group` and `date`, those it has, in that order.
    fn links(&self) -> Vec<(&'static str, &str)> {
        let named = [
            ("entity", self.entity),
            ("speaker", self.speaker),
            ("via", self.via),
            ("claim group", self.group),
        ];
        let mut links: Vec<(&'static str, &str)> = named
            .into_iter()
            .filter_map(|(link, n)| n.map(|n| (link, n.name)))
            .collect();
        if let Some(date) = &self.date {
            links.push(("date", date.as_str()));
        }
        links
    }
}

/// Whether an annotation's span can be shown in its source: not unplaced, and inside the
/// text on character boundaries.
fn is_placed(annotation: &Annotation, source: Option<&Source>) -> bool {
    !annotation.unplaced && source.is_some_and(|s| s.text.check_span(&annotation.span()).is_ok())
}

/// Every annotation, source by source in the project's order and in text order within a
/// source; annotations of sources the project lacks come last, by id.
fn rows(project: &Project) -> Vec<Row<'_>> {
    let mut rows: Vec<Row<'_>> = project
        .sources
        .iter()
        .flat_map(|s| project.annotations_in(&s.id))
        .map(|a| Row::new(project, a))
        .collect();
    rows.extend(
        project
            .annotations
            .values()
            .filter(|a| project.source(&a.source).is_none())
            .map(|a| Row::new(project, a)),
    );
    rows
}

/// A source's URL when it is a web address (`http` or `https`): only such a URL becomes
/// a link or a target, never a `javascript:` or `data:` one.
fn web_url(url: &str) -> Option<&str> {
    let url = url.trim();
    let scheme = url.split_once("://").map(|(s, _)| s.to_ascii_lowercase());
    matches!(scheme.as_deref(), Some("http" | "https")).then_some(url)
}

/// An entity's memo, when it has one, for the reports' actor tables.
fn entity_memo<'p>(project: &'p Project, id: &crate::model::EntityId) -> Option<&'p str> {
    project
        .entities
        .get(id)
        .map(|e| e.memo.trim())
        .filter(|m| !m.is_empty())
}

#[cfg(test)]
pub(crate) mod fixture;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_outputs_sit_beside_the_project() {
        let project = Path::new("work/call.ron");
        let outputs: Vec<PathBuf> = Format::ALL
            .iter()
            .map(|f| f.default_output(Some(project), "ignored"))
            .collect();
        let expected = [
            "work/call.html",
            "work/call.csv",
            "work/call.json",
            "work/call.md",
            "work/call-brat",
        ];
        assert_eq!(outputs, expected.map(PathBuf::from));
        assert_eq!(
            Format::Csv.default_output(None, "Phone call, June"),
            PathBuf::from("phone-call-june.csv")
        );
        assert_eq!(
            Format::Html.default_output(None, "«»"),
            PathBuf::from("parallax-export.html")
        );
    }

    #[test]
    fn only_web_addresses_are_links() {
        assert_eq!(
            web_url(" https://a.example/x "),
            Some("https://a.example/x")
        );
        assert_eq!(web_url("HTTP://a.example"), Some("HTTP://a.example"));
        for url in [
            "javascript:alert(1)",
            "data:text/html,x",
            "",
            "a.example",
            "java\nscript://x",
        ] {
            assert_eq!(web_url(url), None, "{url}");
        }
    }

    #[test]
    fn rows_follow_sources_then_text_and_resolve_links() {
        let project = fixture::hostile();
        let rows = rows(&project);
        assert_eq!(rows.len(), project.annotations.len());
        let order: Vec<(usize, usize)> = rows
            .iter()
            .map(|r| {
                let s = project.source_index(&r.annotation.source).unwrap();
                (s, r.annotation.start)
            })
            .collect();
        let mut sorted = order.clone();
        sorted.sort();
        assert_eq!(order, sorted);
        let claim = rows
            .iter()
            .find(|r| r.speaker.is_some() && r.via.is_some())
            .expect("a claim with speaker and via");
        assert_eq!(
            claim.speaker.unwrap().name,
            project.entity_name(&crate::model::EntityId::new(claim.speaker.unwrap().id).unwrap())
        );
        let unplaced = rows.iter().find(|r| r.annotation.unplaced).unwrap();
        assert!(!unplaced.is_placed());
        assert_eq!(unplaced.text, unplaced.annotation.quote.exact);
    }

    #[test]
    fn every_export_carries_the_grades_and_memos() {
        let mut project = fixture::hostile();
        project.sources[0].reliability = Some(crate::model::Reliability::C);
        project.sources[0].memo = "Reads the ministry's statements verbatim.".into();
        let source = project.sources[0].id.clone();
        let claim = project
            .annotations
            .values_mut()
            .find(|a| a.source == source && matches!(a.tag, Tag::Claim { group: Some(_), .. }))
            .expect("the fixture has a grouped claim in its first source");
        let Tag::Claim {
            credibility, group, ..
        } = &mut claim.tag
        else {
            unreachable!()
        };
        *credibility = crate::model::Credibility::try_from(4).ok();
        let group = group.clone().unwrap();
        let id = claim.id.to_string();
        project.claim_groups.get_mut(&group).unwrap().memo = "Checked against the readout.".into();
        let img = crate::model::EntityId::new("img").unwrap();
        project.entities.get_mut(&img).unwrap().memo = "<script>x()</script> | Ana\nline".into();
        let csv = csv::render(&project);
        let records: Vec<::csv::StringRecord> = ::csv::ReaderBuilder::new()
            .from_reader(csv.as_slice())
            .records()
            .map(Result::unwrap)
            .collect();
        let row = records.iter().find(|r| &r[0] == id.as_str()).unwrap();
        assert_eq!((&row[20], &row[21]), ("C", "C4"));
        assert_eq!(
            (&row[22], &row[24]),
            (
                "Reads the ministry's statements verbatim.",
                "Checked against the readout."
            )
        );
        let img_row = records
            .iter()
            .find(|r| &r[16] == "img" && &r[5] == "Actor")
            .unwrap();
        assert_eq!(&img_row[23], "<script>x()</script> | Ana\nline");
        let json = json::render(&project);
        assert!(json.contains("\"purpose\": \"assessing\""), "{json}");
        assert!(json.contains("\"value\": \"C4\""));
        let parsed: serde_json::Value = serde_json::from_str(&json).unwrap();
        let memos: Vec<(String, String)> = parsed["first"]["items"]
            .as_array()
            .unwrap()
            .iter()
            .flat_map(|item| item["body"].as_array().unwrap().iter())
            .filter(|b| b["role"].as_str().is_some_and(|r| r.ends_with("-memo")))
            .map(|b| {
                let text = |v: &serde_json::Value| v.as_str().unwrap_or_default().to_string();
                (text(&b["role"]), text(&b["value"]))
            })
            .collect();
        for wanted in [
            ("source-memo", "Reads the ministry's statements verbatim."),
            ("entity-memo", "<script>x()</script> | Ana\nline"),
            ("claim-group-memo", "Checked against the readout."),
        ] {
            assert!(
                memos
                    .iter()
                    .any(|(r, v)| (r.as_str(), v.as_str()) == wanted),
                "{wanted:?} in {memos:?}"
            );
        }
        let md = markdown::render(&project);
        assert!(md.contains("| C (fairly reliable) | Reads the ministry's statements verbatim. |"));
        assert!(md.contains("Memo: Checked against the readout."));
        assert!(md.contains("| C4 |"), "{md}");
        assert!(
            md.contains("<br>Memo: \\<script\\>x()\\</script\\> \\| Ana<br>line"),
            "{md}"
        );
        let html = html::render(&project);
        assert!(html.contains("<dt>Reliability</dt><dd>C (fairly reliable)</dd>"));
        assert!(
            html.contains("Reads the ministry&#39;s statements verbatim.")
                || html.contains("Reads the ministry's statements verbatim.")
        );
        assert!(html.contains("Memo: Checked against the readout."));
        assert!(html.contains("<td>C4</td>"));
        assert!(
            html.contains(
                "<small class=\"memo\">Memo: &lt;script&gt;x()&lt;/script&gt; | Ana\nline</small>"
            ),
            "{html}"
        );
    }
}
