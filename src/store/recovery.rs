//! Autosave and recovery: the project as last autosaved, kept beside the project file as
//! `.NAME.ron.recovery` until the analyst saves or discards their changes.

use std::path::{Path, PathBuf};

use super::{Faults, Loaded, StoreError, WriteOptions, load, to_ron, write_atomically};
use crate::model::Project;

/// Where the autosaved state of the project at `project_path` is kept.
pub fn recovery_path(project_path: &Path) -> PathBuf {
    let name = project_path
        .file_name()
        .map_or_else(|| "project".into(), |n| n.to_string_lossy());
    project_path.with_file_name(format!(".{name}.recovery"))
}

/// Autosaves a project (atomically) beside the file it belongs to.
pub fn write_recovery(project: &Project, project_path: &Path) -> Result<(), StoreError> {
    write_recovery_with(project, project_path, Faults::NONE)
}

/// [`write_recovery`], with failures injected at the given steps (for tests).
pub fn write_recovery_with(
    project: &Project,
    project_path: &Path,
    faults: Faults,
) -> Result<(), StoreError> {
    let text = to_ron(project);
    let options = WriteOptions {
        keep_backup: false,
        faults,
    };
    write_atomically(&recovery_path(project_path), text.as_bytes(), &options)
        .map_err(StoreError::Autosave)
}

/// The autosaved state of a project, if there is one.
pub fn read_recovery(project_path: &Path) -> Option<Result<Loaded, StoreError>> {
    let path = recovery_path(project_path);
    match load(&path) {
        Err(StoreError::NotFound { .. }) => None,
        loaded => Some(loaded),
    }
}

/// Removes the autosaved state (after a save, or when the analyst declines to recover it).
pub fn discard_recovery(project_path: &Path) -> Result<(), StoreError> {
    let path = recovery_path(project_path);
    match std::fs::remove_file(&path) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
            Err(StoreError::Remove { path, source: e })
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Source, SourceId};

    #[test]
    fn recovery_is_written_read_and_discarded() {
        let dir = tempfile::tempdir().unwrap();
        let project_path = dir.path().join("call.ron");
        assert_eq!(
            recovery_path(&project_path),
            dir.path().join(".call.ron.recovery")
        );
        assert!(read_recovery(&project_path).is_none());

        let mut project = Project::new("Phone call");
        project.sources.push(Source::new(
            SourceId::new("tass").unwrap(),
            "TASS",
            "Putin spoke.",
        ));
        write_recovery(&project, &project_path).unwrap();
        project.title = "Phone call, revised".into();
        write_recovery(&project, &project_path).unwrap();
        let recovered = read_recovery(&project_path).unwrap().unwrap();
        assert_eq!(recovered.project, project);
        assert!(recovered.notes.is_empty());
        assert!(
            !project_path.exists(),
            "autosave must not touch the project file"
        );

        discard_recovery(&project_path).unwrap();
        assert!(read_recovery(&project_path).is_none());
        discard_recovery(&project_path).unwrap();
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert!(names.is_empty(), "{names:?}");
    }

    #[test]
    fn a_damaged_recovery_file_is_reported_by_its_name() {
        let dir = tempfile::tempdir().unwrap();
        let project_path = dir.path().join("call.ron");
        std::fs::write(recovery_path(&project_path), "(format_version: 2, title: ").unwrap();
        let err = read_recovery(&project_path).unwrap().unwrap_err();
        assert!(err.to_string().contains(".call.ron.recovery:1:"), "{err}");
    }
}
