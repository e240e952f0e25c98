//! The project and its files: saving and autosaving beside the window, opening another
//! project, starting a new one, closing, and taking back autosaved work.
//!
//! Nothing the analyst made is lost on the way: what follows a save (close, open, new)
//! runs only once the save succeeded; a discard changes nothing until what follows it
//! succeeded; and the recovery file is removed only after a successful save or a
//! completed discard. Saves and autosaves write one at a time, on a thread of their own,
//! from the project as it was when they were asked for.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::{Outcome, ProjectFile, Workbench};
use crate::edit::History;
use crate::model::Project;
use crate::store::{self, Faults, StoreError};
use crate::ui::action::{Action, Dialog, PathPurpose, Then};
use crate::ui::jobs::{Job, Poll};

/// What a save found.
pub(super) enum Saving {
    Saved(store::Saved),
    /// Another program changed the file since it was opened or saved: nothing written.
    ChangedOnDisk,
}

/// A write of the project under way.
pub(super) enum Writing {
    Save {
        job: Job<Result<Saving, StoreError>>,
        path: PathBuf,
        /// The project state (`History::state`) being written.
        state: u64,
        then: Option<Then>,
    },
    Autosave {
        job: Job<Result<(), StoreError>>,
        state: u64,
        /// The time it was asked for.
        at: f64,
    },
}

impl Writing {
    pub(super) fn label(&self) -> &str {
        match self {
            Writing::Save { job, .. } => &job.label,
            Writing::Autosave { job, .. } => &job.label,
        }
    }
}

impl Workbench {
    /// Saves to the project's file, or asks for one.
    pub(super) fn save(
        &mut self,
        then: Option<Then>,
        ctx: &egui::Context,
    ) -> Result<Outcome, String> {
        match self.file.path.clone() {
            Some(path) => self.save_to(path, false, then, ctx),
            None => {
                self.panels
                    .dialog
                    .open_with(Dialog::Path(PathPurpose::SaveAs(then)), String::new());
                Ok(Outcome::Asked)
            }
        }
    }

    /// Starts saving to `path` beside the window; `then` runs once the save succeeded.
    /// Unless `overwrite_changed`, a file another program changed since it was opened is
    /// not overwritten: a dialog asks first.
    pub(super) fn save_to(
        &mut self,
        path: PathBuf,
        overwrite_changed: bool,
        then: Option<Then>,
        ctx: &egui::Context,
    ) -> Result<Outcome, String> {
        if self.writing.is_some() {
            let action = if overwrite_changed {
                Action::SaveOverwriting(path, then)
            } else {
                Action::SaveAs(path, then)
            };
            return self.wait_for_write(action);
        }
        let check_against = if !overwrite_changed && self.file.path.as_deref() == Some(&path) {
            self.file.hash.clone()
        } else {
            None
        };
        let project = Arc::clone(&self.project);
        let faults = self.faults;
        let target = path.clone();
        let wake = ctx.clone();
        let job = Job::start(
            format!("Saving {}", file_name(&path)),
            move |_| write_project(&project, &target, check_against, faults),
            move || wake.request_repaint(),
        );
        self.writing = Some(Writing::Save {
            job,
            path,
            state: self.history.state(),
            then,
        });
        Ok(Outcome::Started)
    }

    /// Runs `action` once the write under way has finished.
    fn wait_for_write(&mut self, action: Action) -> Result<Outcome, String> {
        if self.after_write.is_some() {
            return Err("Wait for the save under way: something already waits for it".into());
        }
        self.after_write = Some(action);
        Ok(Outcome::Started)
    }

    /// Takes in a finished save or autosave, and carries out what waited for it.
    pub(super) fn poll_writing(&mut self) {
        match &self.writing {
            None => return,
            Some(Writing::Save { job, .. }) => {
                let result = match job.poll() {
                    Poll::Running => return,
                    Poll::Done(result) => Some(result),
                    Poll::Failed => None,
                };
                let Some(Writing::Save {
                    path, state, then, ..
                }) = self.writing.take()
                else {
                    return;
                };
                let result = result.unwrap_or_else(|| Err(stopped(&path)));
                self.finish_save(result, path, state, then);
            }
            Some(Writing::Autosave { job, state, at }) => {
                let (state, at) = (*state, *at);
                let result = match job.poll() {
                    Poll::Running => return,
                    Poll::Done(result) => result.map_err(|err| err.to_string()),
                    Poll::Failed => Err("it stopped unexpectedly".to_string()),
                };
                self.writing = None;
                match result {
                    Ok(()) => {
                        self.last_autosave = Some((state, at));
                        self.autosave_failed = None;
                    }
                    Err(why) => {
                        self.autosave_failed = Some(at);
                        self.set_error(format!("Autosave failed: {why}"));
                    }
                }
            }
        }
        if let Some(waiting) = self.after_write.take() {
            self.queue.push(waiting);
        }
    }

    fn finish_save(
        &mut self,
        result: Result<Saving, StoreError>,
        path: PathBuf,
        state: u64,
        then: Option<Then>,
    ) {
        match result {
            Ok(Saving::ChangedOnDisk) => {
                self.ask(Dialog::ChangedOnDisk { path, then });
            }
            Ok(Saving::Saved(saved)) => {
                self.history.mark_saved_as(state);
                if let Some(old) = self.recovery_target()
                    && let Err(err) = store::discard_recovery(&old)
                {
                    self.set_error(format!("Saved, but the old autosave stays: {err}"));
                }
                self.file = ProjectFile {
                    path: Some(path.clone()),
                    hash: Some(saved.file_hash),
                };
                self.prefs.remember(&path);
                self.last_autosave = None;
                self.set_status(format!("Saved {}", path.display()));
                match then {
                    // Changes made while the save was written are not in the file: ask again.
                    Some(then) if self.history.is_dirty() => self.ask(Dialog::Unsaved(then)),
                    Some(then) => self.queue.push(Action::Discard(then)),
                    None => {}
                }
            }
            Err(err) => {
                self.set_error(format!("Not saved: {err}"));
                let follow = match then {
                    Some(Then::Close) => " The window stays open.",
                    Some(_) => " The project stays open.",
                    None => "",
                };
                self.ask(Dialog::Message {
                    title: "The project was not saved".into(),
                    text: format!(
                        "{err}\n\nYour changes are still here and still marked unsaved.{follow} Try again, or save under another name (Ctrl+Shift+S)."
                    ),
                });
            }
        }
    }

    /// Carries on to `then`, asking first when there are unsaved changes.
    pub(super) fn proceed(&mut self, then: Then, ctx: &egui::Context) -> Result<Outcome, String> {
        if self.history.is_dirty() {
            self.ask(Dialog::Unsaved(then));
            Ok(Outcome::Asked)
        } else {
            self.discard(then, ctx)
        }
    }

    /// Carries on to `then` without saving. The unsaved changes (and their recovery
    /// file) are dropped only once `then` has succeeded.
    pub(super) fn discard(&mut self, then: Then, ctx: &egui::Context) -> Result<Outcome, String> {
        // An autosave under way would write the changes back after they were dropped.
        if self.writing.is_some() {
            return self.wait_for_write(Action::Discard(then));
        }
        // The recovery file holds the changes being dropped; a project with none leaves
        // any recovery file for the analyst to restore or decline.
        let recovery = self.recovery_target().filter(|_| self.history.is_dirty());
        match then {
            Then::Close => {
                if let Some(path) = &recovery {
                    let _ = store::discard_recovery(path);
                }
                self.allow_close = true;
                ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                Ok(Outcome::Done)
            }
            Then::Open(path) => {
                let loaded = match store::load(&path) {
                    Ok(loaded) => loaded,
                    Err(err) => {
                        self.prefs.forget(&path);
                        self.ask(Dialog::Message {
                            title: "The project could not be opened".into(),
                            text: err.to_string(),
                        });
                        return Err(err.to_string());
                    }
                };
                if let Some(old) = &recovery {
                    let _ = store::discard_recovery(old);
                }
                let opened = Workbench::opened(&path, loaded, self.prefs.clone());
                self.replace_with(opened);
                if self.status.is_none() {
                    self.set_status(format!("Opened {}", path.display()));
                }
                Ok(Outcome::Done)
            }
            Then::New => {
                if let Some(old) = &recovery {
                    let _ = store::discard_recovery(old);
                }
                let fresh = Workbench::new(
                    Project::new("Untitled"),
                    ProjectFile::default(),
                    self.prefs.clone(),
                );
                self.replace_with(fresh);
                self.set_status(
                    "New project: add sources with File ▸ Add sources… or drop files on the window",
                );
                Ok(Outcome::Done)
            }
        }
    }

    /// Puts another workbench in this one's place, keeping what belongs to the window.
    fn replace_with(&mut self, other: Workbench) {
        let untitled = self.untitled_recovery.take();
        let faults = self.faults;
        *self = other;
        self.untitled_recovery = untitled;
        self.faults = faults;
        if self.file.path.is_none() {
            self.offer_recovery();
        }
    }

    /// The project path recovery files are kept for: the project's file, or for a project
    /// not saved yet, the untitled recovery file.
    pub(super) fn recovery_target(&self) -> Option<PathBuf> {
        self.file
            .path
            .clone()
            .or_else(|| self.untitled_recovery.clone())
    }

    /// Offers back autosaved work found for the project, if any.
    pub fn offer_recovery(&mut self) {
        let Some(path) = self.recovery_target() else {
            return;
        };
        match store::read_recovery(&path) {
            Some(Ok(loaded)) if loaded.project != *self.project => {
                self.ask(Dialog::Recover {
                    path,
                    recovered: Box::new(loaded.project),
                });
            }
            Some(Ok(_)) => {
                let _ = store::discard_recovery(&path);
            }
            Some(Err(err)) => self.set_error(format!(
                "A recovery file was found but could not be read: {err}"
            )),
            None => {}
        }
    }

    /// Takes back an autosaved state as unsaved changes.
    pub(super) fn restore(&mut self, recovered: Project) -> Outcome {
        self.project = Arc::new(recovered);
        self.history = History::default();
        self.history.mark_unsaved();
        self.index = crate::ui::spans::AnnotationIndex::build(&self.project);
        self.panels.columns.forget_missing(&self.project);
        self.forget_missing();
        self.set_status("Restored the autosaved changes; save to keep them");
        Outcome::Done
    }

    pub(super) fn discard_recovery(&mut self, path: &Path) -> Result<Outcome, String> {
        store::discard_recovery(path).map_err(|err| err.to_string())?;
        self.set_status("The autosaved changes were discarded");
        Ok(Outcome::Done)
    }

    /// Starts an autosave when unsaved changes have waited long enough.
    pub(super) fn autosave(&mut self, ctx: &egui::Context) {
        let now = ctx.input(|i| i.time);
        if !self.history.is_dirty() {
            self.dirty_since = None;
            return;
        }
        let since = *self.dirty_since.get_or_insert(now);
        let state = self.history.state();
        if self.last_autosave.is_some_and(|(s, _)| s == state) || self.writing.is_some() {
            return;
        }
        let last = self
            .last_autosave
            .map_or(since, |(_, t)| t)
            .max(self.autosave_failed.unwrap_or(f64::NEG_INFINITY));
        if now - last >= super::AUTOSAVE_SECONDS {
            self.autosave_now(now, ctx);
        } else {
            ctx.request_repaint_after(std::time::Duration::from_secs_f64(
                super::AUTOSAVE_SECONDS - (now - last),
            ));
        }
    }

    /// Starts writing the recovery file now (unless a write is under way).
    pub fn autosave_now(&mut self, now: f64, ctx: &egui::Context) {
        let Some(path) = self.recovery_target() else {
            return;
        };
        if self.writing.is_some() {
            return;
        }
        let project = Arc::clone(&self.project);
        let faults = self.faults;
        let wake = ctx.clone();
        let job = Job::start(
            "Autosaving",
            move |_| store::write_recovery_with(&project, &path, faults),
            move || wake.request_repaint(),
        );
        self.writing = Some(Writing::Autosave {
            job,
            state: self.history.state(),
            at: now,
        });
    }
}

/// Writes the project to `path`, unless the file there no longer has the hash
/// `check_against` (another program changed it).
fn write_project(
    project: &Project,
    path: &Path,
    check_against: Option<String>,
    faults: Faults,
) -> Result<Saving, StoreError> {
    if let Some(known) = check_against {
        let on_disk = store::disk_hash(path).ok().flatten();
        if on_disk.is_some_and(|hash| hash != known) {
            return Ok(Saving::ChangedOnDisk);
        }
    }
    store::save_with(project, path, faults).map(Saving::Saved)
}

fn stopped(path: &Path) -> StoreError {
    StoreError::Save(store::AtomicError {
        path: path.to_path_buf(),
        step: store::Step::Write,
        source: std::io::Error::other("the save stopped unexpectedly"),
    })
}

fn file_name(path: &Path) -> String {
    path.file_name().map_or_else(
        || path.display().to_string(),
        |n| n.to_string_lossy().into_owned(),
    )
}
