//! Where an export goes: what it would write and what stands in its way ([`survey`]),
//! and writing it atomically ([`write`]).
//!
//! An export never replaces the project file (compared by canonical path, so a symbolic
//! link or a `..` does not hide it) and does not write through a symbolic link unless
//! forced. One file is written with [`write_atomically`]. A folder (brat) is built whole
//! in a temporary folder beside its place and renamed into it; a folder already there is
//! replaced only when it holds nothing but files of the same names, so no other file is
//! ever lost. A failure leaves the old file or folder as it was.

use std::collections::BTreeSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use tempfile::Builder;

use super::{Format, Rendered};
use crate::model::Project;
use crate::store::{AtomicError, WriteOptions, sync_folder, write_atomically};
use crate::wording::count;

/// Why an export was refused or failed. Nothing was written in either case.
#[derive(Debug, thiserror::Error)]
pub enum ExportError {
    #[error(
        "{} is the project file itself; an export never replaces it: choose another output path",
        .path.display()
    )]
    ProjectFile { path: PathBuf },
    #[error(
        "{} is a symbolic link (to {}); export does not write through links: choose another output path, or export with --force to replace what it points to",
        .path.display(),
        .target.display()
    )]
    SymbolicLink { path: PathBuf, target: PathBuf },
    #[error("{}: {problem}", .path.display())]
    Unusable { path: PathBuf, problem: String },
    #[error(transparent)]
    Write(#[from] AtomicError),
    #[error("{}: {what} failed ({source}); nothing was exported", .path.display())]
    Io {
        path: PathBuf,
        what: &'static str,
        source: io::Error,
    },
}

/// What an export to a path would write, and what stands in its way.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Survey {
    pub format: Format,
    pub output: PathBuf,
    /// The files written, as paths under the output for a folder.
    pub files: Vec<PathBuf>,
    /// What will be written, in one sentence.
    pub summary: String,
    /// The output exists and will be replaced (a file, or a folder of the same files).
    pub replaces: bool,
    /// The output is a symbolic link, and where it points.
    pub link: Option<PathBuf>,
    /// Why the export cannot go there, whatever the options.
    pub problem: Option<String>,
}

impl Survey {
    /// Whether an export may go ahead: refused for a problem, or a link unless `force`.
    pub fn allows(&self, force: bool) -> Result<(), ExportError> {
        if let Some(problem) = &self.problem {
            return Err(self.refusal(problem));
        }
        match &self.link {
            Some(target) if !force => Err(ExportError::SymbolicLink {
                path: self.output.clone(),
                target: target.clone(),
            }),
            _ => Ok(()),
        }
    }

    fn refusal(&self, problem: &str) -> ExportError {
        if problem == PROJECT_FILE {
            ExportError::ProjectFile {
                path: self.output.clone(),
            }
        } else {
            ExportError::Unusable {
                path: self.output.clone(),
                problem: problem.to_string(),
            }
        }
    }
}

/// The problem of an output that is (or would write) the project file.
const PROJECT_FILE: &str = "this is the project file itself; choose another output path";

/// Looks at what an export of `project` in `format` to `output` would write.
pub fn survey(
    project: &Project,
    format: Format,
    output: &Path,
    project_path: Option<&Path>,
) -> Survey {
    let names = match format {
        Format::Brat => super::brat_file_names(project),
        _ => Vec::new(),
    };
    let files: Vec<PathBuf> = if format.is_folder() {
        names.iter().map(|n| output.join(n)).collect()
    } else {
        vec![output.to_path_buf()]
    };
    let meta = fs::symlink_metadata(output).ok();
    let link = meta
        .as_ref()
        .filter(|m| m.file_type().is_symlink())
        .map(|_| fs::read_link(output).unwrap_or_default());
    // What is there once links are followed.
    let there = fs::metadata(output).ok();
    let mut survey = Survey {
        format,
        output: output.to_path_buf(),
        summary: summary(format, output, &names),
        replaces: there.is_some(),
        link,
        files,
        problem: None,
    };
    survey.problem = problem(&survey, there.as_ref(), &names, project_path);
    survey
}

fn summary(format: Format, output: &Path, names: &[String]) -> String {
    match format {
        Format::Brat => {
            let sources = names.iter().filter(|n| n.ends_with(".ann")).count();
            format!(
                "a folder {} with {}: a .txt and an .ann for each of {}, and annotation.conf",
                output.display(),
                count(names.len(), "file"),
                count(sources, "source")
            )
        }
        _ => format!("one file, {} ({})", output.display(), format.label()),
    }
}

/// Why an export cannot be written where the survey says, if it cannot.
fn problem(
    survey: &Survey,
    there: Option<&fs::Metadata>,
    names: &[String],
    project_path: Option<&Path>,
) -> Option<String> {
    let output = &survey.output;
    if output.as_os_str().is_empty() {
        return Some("no output path was given".into());
    }
    if let Some(project) = project_path
        && survey.files.iter().any(|f| same_file(f, project))
    {
        return Some(PROJECT_FILE.into());
    }
    let folder = parent_of(output);
    if !folder.is_dir() {
        return Some(format!(
            "the folder {} does not exist; create it first or choose another path",
            folder.display()
        ));
    }
    match (survey.format.is_folder(), there) {
        (false, Some(meta)) if meta.is_dir() => Some(format!(
            "this is a folder; give a file name, such as {}",
            output
                .join(format!(
                    "export.{}",
                    survey.format.extension().unwrap_or_default()
                ))
                .display()
        )),
        (true, Some(meta)) if !meta.is_dir() => Some(
            "this is a file, but a brat export is a folder; give the name of a new folder".into(),
        ),
        (true, Some(_)) => foreign_files(output, names),
        _ => None,
    }
}

/// Refuses a folder holding anything an export would not write again, since replacing
/// the folder would lose it.
fn foreign_files(folder: &Path, names: &[String]) -> Option<String> {
    let ours: BTreeSet<&str> = names.iter().map(String::as_str).collect();
    let entries = match fs::read_dir(folder) {
        Ok(entries) => entries,
        Err(err) => return Some(format!("cannot read this folder ({err})")),
    };
    let mut foreign: Vec<String> = entries
        .flatten()
        .filter(|e| {
            let name = e.file_name();
            let is_file = e.file_type().is_ok_and(|t| t.is_file());
            !(is_file && name.to_str().is_some_and(|n| ours.contains(n)))
        })
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    if foreign.is_empty() {
        return None;
    }
    foreign.sort();
    let shown: Vec<&str> = foreign.iter().take(3).map(String::as_str).collect();
    let more = if foreign.len() > shown.len() {
        format!(" and {} more", foreign.len() - shown.len())
    } else {
        String::new()
    };
    Some(format!(
        "this folder holds {} that this export would not write ({}{more}), which replacing the folder would lose; choose a new or empty folder",
        count(foreign.len(), "entry"),
        shown.join(", ")
    ))
}

/// Whether two paths name the same file: compared by canonical path, so links and `..`
/// are seen through; a path that does not exist yet is canonical through its folder.
fn same_file(a: &Path, b: &Path) -> bool {
    match (canonical(a), canonical(b)) {
        (Some(a), Some(b)) => a == b,
        _ => false,
    }
}

fn canonical(path: &Path) -> Option<PathBuf> {
    if let Ok(real) = fs::canonicalize(path) {
        return Some(real);
    }
    // A link to nowhere, or a file not made yet.
    let target = match fs::read_link(path) {
        Ok(target) => parent_of(path).join(target),
        Err(_) => path.to_path_buf(),
    };
    let folder = fs::canonicalize(parent_of(&target)).ok()?;
    Some(folder.join(target.file_name()?))
}

fn parent_of(path: &Path) -> &Path {
    match path.parent() {
        Some(parent) if !parent.as_os_str().is_empty() => parent,
        _ => Path::new("."),
    }
}

/// Writes a rendered export where `survey` says. The caller has checked
/// [`Survey::allows`].
pub fn write(survey: &Survey, rendered: &Rendered) -> Result<(), ExportError> {
    match rendered {
        Rendered::File(bytes) => {
            write_atomically(&survey.output, bytes, &WriteOptions::default())?;
            Ok(())
        }
        Rendered::Folder(files) => write_folder(&survey.output, files),
    }
}

/// Builds the folder beside its place and renames it in; an old folder is moved aside
/// first and removed once the new one is in place, or moved back when that fails.
fn write_folder(output: &Path, files: &[(String, Vec<u8>)]) -> Result<(), ExportError> {
    let io_error = |what: &'static str| {
        move |source: io::Error| ExportError::Io {
            path: output.to_path_buf(),
            what,
            source,
        }
    };
    // Through a link the caller allowed, the folder replaced is the one it points to.
    let place = match fs::symlink_metadata(output) {
        Ok(meta) if meta.file_type().is_symlink() => {
            fs::canonicalize(output).map_err(io_error("following the symbolic link"))?
        }
        _ => output.to_path_buf(),
    };
    let parent = parent_of(&place).to_path_buf();
    let name = place
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "export".into());
    let prefix = format!(".{name}.");
    let old = fs::metadata(&place).ok();
    let mut builder = Builder::new();
    builder.prefix(&prefix).suffix(".tmp");
    #[cfg(unix)]
    {
        // A new folder gets the usual permissions: what the umask leaves of 0o777.
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(fs::Permissions::from_mode(0o777));
    }
    let built = builder
        .tempdir_in(&parent)
        .map_err(io_error("creating a temporary folder beside it"))?;
    for (file, bytes) in files {
        write_atomically(&built.path().join(file), bytes, &WriteOptions::default())?;
    }
    if let Some(meta) = &old {
        fs::set_permissions(built.path(), meta.permissions())
            .map_err(io_error("giving the new folder the old one's permissions"))?;
    }
    sync_folder(built.path()).map_err(io_error("syncing the new folder"))?;
    let aside = match old {
        Some(_) => {
            let holder = Builder::new()
                .prefix(&prefix)
                .suffix(".old")
                .tempdir_in(&parent)
                .map_err(io_error("creating a temporary folder beside it"))?;
            let aside = holder.path().join(&name);
            fs::rename(&place, &aside).map_err(io_error("moving the old folder aside"))?;
            Some((holder, aside))
        }
        None => None,
    };
    if let Err(err) = fs::rename(built.path(), &place) {
        if let Some((_, aside)) = &aside {
            let _ = fs::rename(aside, &place);
        }
        return Err(io_error("moving the new folder into place")(err));
    }
    // In place now: the temporary folder must not be removed with its guard.
    let _ = built.keep();
    // The old folder goes when its holder is dropped.
    drop(aside);
    sync_folder(&parent).map_err(io_error("syncing the folder it is in"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::{Options, export, fixture};
    use crate::store::names_in;

    fn options(project_path: &Path) -> Options {
        Options {
            project_path: Some(project_path.to_path_buf()),
            force: false,
        }
    }

    #[test]
    fn the_project_file_is_never_the_output() {
        let dir = tempfile::tempdir().unwrap();
        let project = fixture::hostile();
        let path = dir.path().join("p.ron");
        fs::write(&path, "project").unwrap();
        fs::create_dir(dir.path().join("sub")).unwrap();
        let roundabout = dir.path().join("sub/../p.ron");
        for output in [path.clone(), roundabout] {
            let err = export(&project, Format::Csv, &output, &options(&path)).unwrap_err();
            assert!(matches!(err, ExportError::ProjectFile { .. }), "{err}");
            assert!(err.to_string().contains("project file"), "{err}");
        }
        #[cfg(unix)]
        {
            let link = dir.path().join("link.html");
            std::os::unix::fs::symlink("p.ron", &link).unwrap();
            let forced = Options {
                force: true,
                ..options(&path)
            };
            let err = export(&project, Format::Html, &link, &forced).unwrap_err();
            assert!(matches!(err, ExportError::ProjectFile { .. }), "{err}");
        }
        assert_eq!(fs::read_to_string(&path).unwrap(), "project");
    }

    #[test]
    fn a_brat_file_that_would_be_the_project_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out");
        fs::create_dir(&out).unwrap();
        let path = out.join("plain.txt");
        fs::write(&path, "project").unwrap();
        let err = export(&fixture::hostile(), Format::Brat, &out, &options(&path)).unwrap_err();
        assert!(matches!(err, ExportError::ProjectFile { .. }), "{err}");
        assert_eq!(names_in(&out), ["plain.txt"]);
    }

    #[cfg(unix)]
    #[test]
    fn symbolic_links_are_refused_unless_forced() {
        let dir = tempfile::tempdir().unwrap();
        let project = fixture::hostile();
        let real = dir.path().join("real.json");
        fs::write(&real, "old").unwrap();
        let link = dir.path().join("link.json");
        std::os::unix::fs::symlink("real.json", &link).unwrap();
        let err = export(&project, Format::Json, &link, &Options::default()).unwrap_err();
        let message = err.to_string();
        assert!(
            message.contains("symbolic link") && message.contains("--force"),
            "{message}"
        );
        assert_eq!(fs::read_to_string(&real).unwrap(), "old");
        let forced = Options {
            force: true,
            ..Options::default()
        };
        export(&project, Format::Json, &link, &forced).unwrap();
        assert!(
            fs::symlink_metadata(&link)
                .unwrap()
                .file_type()
                .is_symlink()
        );
        assert!(fs::read_to_string(&real).unwrap().starts_with('{'));
    }

    #[test]
    fn a_folder_is_built_whole_and_replaced_whole() {
        let dir = tempfile::tempdir().unwrap();
        let project = fixture::hostile();
        let out = dir.path().join("brat");
        export(&project, Format::Brat, &out, &Options::default()).unwrap();
        let expected = {
            let mut names = crate::export::brat_file_names(&project);
            names.sort();
            names
        };
        assert_eq!(names_in(&out), expected);
        assert_eq!(
            names_in(dir.path()),
            ["brat"],
            "no temporary folder is left"
        );
        // Again, over the first export: replaced, nothing else left behind.
        fs::write(out.join("plain.ann"), "stale").unwrap();
        export(&project, Format::Brat, &out, &Options::default()).unwrap();
        assert_eq!(names_in(&out), expected);
        assert_ne!(fs::read_to_string(out.join("plain.ann")).unwrap(), "stale");
        assert_eq!(names_in(dir.path()), ["brat"]);
    }

    #[test]
    fn a_folder_with_other_files_is_not_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("brat");
        fs::create_dir(&out).unwrap();
        fs::write(out.join("mine.pdf"), "keep").unwrap();
        fs::write(out.join("plain.ann"), "old").unwrap();
        let err = export(&fixture::hostile(), Format::Brat, &out, &Options::default())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("mine.pdf") && err.contains("new or empty folder"),
            "{err}"
        );
        assert_eq!(names_in(&out), ["mine.pdf", "plain.ann"]);
        assert_eq!(fs::read_to_string(out.join("plain.ann")).unwrap(), "old");
    }

    #[test]
    fn files_and_folders_are_not_confused() {
        let dir = tempfile::tempdir().unwrap();
        let project = fixture::hostile();
        let err = export(&project, Format::Html, dir.path(), &Options::default())
            .unwrap_err()
            .to_string();
        assert!(
            err.contains("is a folder") || err.contains("this is a folder"),
            "{err}"
        );
        let file = dir.path().join("file");
        fs::write(&file, "x").unwrap();
        let err = export(&project, Format::Brat, &file, &Options::default())
            .unwrap_err()
            .to_string();
        assert!(err.contains("a brat export is a folder"), "{err}");
        let missing = dir.path().join("nowhere/out.csv");
        let err = export(&project, Format::Csv, &missing, &Options::default())
            .unwrap_err()
            .to_string();
        assert!(err.contains("does not exist"), "{err}");
        assert_eq!(names_in(dir.path()), ["file"]);
    }

    #[test]
    fn the_survey_says_what_will_be_written() {
        let dir = tempfile::tempdir().unwrap();
        let project = fixture::hostile();
        let html = dir.path().join("r.html");
        let s = survey(&project, Format::Html, &html, None);
        assert!(s.summary.starts_with("one file, "), "{}", s.summary);
        assert!(!s.replaces && s.link.is_none() && s.problem.is_none());
        fs::write(&html, "old").unwrap();
        assert!(survey(&project, Format::Html, &html, None).replaces);
        let s = survey(&project, Format::Brat, &dir.path().join("b"), None);
        assert!(
            s.summary.contains("with 7 files") && s.summary.contains("3 sources"),
            "{}",
            s.summary
        );
        assert_eq!(s.files.len(), 7);
    }
}
