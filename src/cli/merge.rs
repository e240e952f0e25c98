//! `parallax merge`, `parallax merge-driver` and `parallax git-setup`: two analysts'
//! versions of a project merged by meaning, by hand or by git.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, Result, bail};
use clap::Args;

use crate::merge::{Merged, merge};
use crate::model::Project;
use crate::store;
use crate::wording::count;

#[derive(Debug, Args)]
pub struct MergeArgs {
    /// The version both sides started from.
    pub base: PathBuf,
    /// Our version.
    pub ours: PathBuf,
    /// Their version.
    pub theirs: PathBuf,
    /// Where to write the merged project; by default over OURS.
    #[arg(long, value_name = "OUT")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Args)]
pub struct MergeDriverArgs {
    /// The common ancestor's version (git's %O).
    pub base: PathBuf,
    /// Our version, replaced by the merge (git's %A).
    pub ours: PathBuf,
    /// Their version (git's %B).
    pub theirs: PathBuf,
    /// The project file's path in the repository (git's %P), for messages.
    pub path: PathBuf,
}

#[derive(Debug, Args)]
pub struct GitSetupArgs {
    /// The repository; by default the one the current folder is in.
    #[arg(value_name = "REPO")]
    pub repo: Option<PathBuf>,
}

/// `parallax merge`: merges, writes the result atomically, and fails (exit 1) while it
/// left conflicts, listing them.
pub fn merge_files(args: &MergeArgs, out: &mut dyn Write) -> Result<()> {
    let load = |path: &Path| -> Result<Project> {
        Ok(store::load(path)
            .with_context(|| "nothing was merged".to_owned())?
            .project)
    };
    let (base, ours, theirs) = (load(&args.base)?, load(&args.ours)?, load(&args.theirs)?);
    let output = args.output.as_ref().unwrap_or(&args.ours);
    let merged = merge(&base, &ours, &theirs);
    store::save(&merged.project, output)?;
    report(&merged, output, out)
}

/// `parallax merge-driver`: what git runs for a conflicting project file. A file that is
/// not a Parallax project is merged line by line as git would (`git merge-file`).
pub fn merge_driver(args: &MergeDriverArgs, out: &mut dyn Write) -> Result<()> {
    let read = |file: &Path| -> Result<Project, store::StoreError> {
        let bytes = std::fs::read(file).map_err(|source| store::StoreError::Read {
            path: args.path.clone(),
            source,
        })?;
        if bytes.iter().all(u8::is_ascii_whitespace) {
            // A file both sides added has an empty common ancestor.
            return Ok(Project::new(""));
        }
        store::from_bytes(&bytes, &args.path).map(|loaded| loaded.project)
    };
    let (base, ours, theirs) = match (read(&args.base), read(&args.ours), read(&args.theirs)) {
        (Ok(base), Ok(ours), Ok(theirs)) => (base, ours, theirs),
        (base, ours, theirs) => {
            let why = [base.err(), ours.err(), theirs.err()]
                .into_iter()
                .flatten()
                .next()
                .map(|e| e.to_string())
                .unwrap_or_default();
            writeln!(
                out,
                "{}: not read as a Parallax project ({why}); merged line by line",
                args.path.display()
            )?;
            return merge_lines(args);
        }
    };
    let merged = merge(&base, &ours, &theirs);
    store::save(&merged.project, &args.ours)?;
    report(&merged, &args.path, out)
}

/// git's own line merge, for files that are not projects: conflict markers in OURS.
fn merge_lines(args: &MergeDriverArgs) -> Result<()> {
    let status = Command::new("git")
        .args(["merge-file", "-L", "ours", "-L", "base", "-L", "theirs"])
        .arg(&args.ours)
        .arg(&args.base)
        .arg(&args.theirs)
        .status()
        .context("git merge-file could not be run")?;
    if !status.success() {
        bail!(
            "{}: merged line by line with conflicts marked in the file",
            args.path.display()
        );
    }
    Ok(())
}

/// Prints what the merge did; fails while it left conflicts.
fn report(merged: &Merged, written: &Path, out: &mut dyn Write) -> Result<()> {
    for note in &merged.notes {
        writeln!(out, "{}: {note}", written.display())?;
    }
    if merged.project.conflicts.is_empty() {
        writeln!(out, "merged into {}", written.display())?;
        return Ok(());
    }
    for conflict in &merged.project.conflicts {
        writeln!(
            out,
            "{}: conflict: {}",
            written.display(),
            conflict.describe()
        )?;
    }
    bail!(
        "merged into {} with {} to settle: the file keeps our version of each and records \
         both; open it in Parallax and settle them in the Conflicts panel",
        written.display(),
        count(merged.project.conflicts.len(), "conflict")
    )
}

/// `parallax git-setup`: registers the merge driver in the repository's configuration
/// and `*.ron` in its `.gitattributes`; changes nothing that is already so.
pub fn git_setup(args: &GitSetupArgs, out: &mut dyn Write) -> Result<()> {
    let repo = args.repo.clone().unwrap_or_else(|| PathBuf::from("."));
    let git = |arguments: &[&str]| -> Result<(bool, String)> {
        let output = Command::new("git")
            .arg("-C")
            .arg(&repo)
            .args(arguments)
            .output()
            .context("git could not be run; is it installed?")?;
        Ok((
            output.status.success(),
            String::from_utf8_lossy(&output.stdout).trim().to_owned(),
        ))
    };
    let (inside, top) = git(&["rev-parse", "--show-toplevel"])?;
    if !inside {
        bail!("{} is not in a git repository", repo.display());
    }
    let exe = std::env::current_exe().context("the path of parallax itself is unknown")?;
    let driver = format!(
        "'{}' merge-driver %O %A %B %P",
        exe.display().to_string().replace('\'', "'\\''")
    );
    let wanted = [
        (
            "merge.parallax.name",
            "Parallax project files, merged by meaning",
        ),
        ("merge.parallax.driver", driver.as_str()),
    ];
    let mut changed = false;
    for (key, value) in wanted {
        let (_, now) = git(&["config", "--local", "--get", key])?;
        if now != value {
            let (ok, _) = git(&["config", "--local", key, value])?;
            if !ok {
                bail!("git could not set {key} in {}", repo.display());
            }
            writeln!(out, "set {key} = {value}")?;
            changed = true;
        }
    }
    let attributes = Path::new(&top).join(".gitattributes");
    let line = "*.ron merge=parallax";
    let text = match std::fs::read_to_string(&attributes) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => String::new(),
        Err(e) => {
            return Err(e).with_context(|| format!("{} could not be read", attributes.display()));
        }
    };
    if !text.lines().any(|l| l.trim() == line) {
        let mut new = text.clone();
        if !new.is_empty() && !new.ends_with('\n') {
            new.push('\n');
        }
        new.push_str(line);
        new.push('\n');
        store::write_atomically(&attributes, new.as_bytes(), &store::WriteOptions::default())
            .with_context(|| format!("{} could not be written", attributes.display()))?;
        writeln!(out, "added `{line}` to {}", attributes.display())?;
        changed = true;
    }
    if !changed {
        writeln!(
            out,
            "already set up: project files in {top} merge by meaning"
        )?;
    }
    Ok(())
}
