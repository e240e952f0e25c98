//! Replays the checked-in fuzz corpus on stable Rust: every file under
//! `tests/fuzz-corpus/<target>/` goes through the same function as the fuzz target
//! `fuzz/fuzz_targets/<target>.rs` (see `parallax::fuzzing`), which panics when a reader
//! panics or returns something that does not hold together. The corpus holds the inputs
//! the fuzzers kept for the code they reach, and every input that ever made one fail.

use std::collections::BTreeSet;
use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};

use parallax::fuzzing::TARGETS;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

fn names_in(folder: &Path, extension: Option<&str>) -> BTreeSet<String> {
    fs::read_dir(folder)
        .unwrap_or_else(|err| panic!("{}: {err}", folder.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|path| extension.is_none_or(|e| path.extension().is_some_and(|x| x == e)))
        .map(|path| path.file_stem().unwrap().to_string_lossy().into_owned())
        .collect()
}

#[test]
fn every_fuzz_target_has_a_corpus_and_a_body() {
    let bodies: BTreeSet<String> = TARGETS.iter().map(|(name, _)| name.to_string()).collect();
    let targets = names_in(&root().join("fuzz/fuzz_targets"), Some("rs"));
    let corpora = names_in(&root().join("tests/fuzz-corpus"), None);
    assert_eq!(
        targets, bodies,
        "fuzz/fuzz_targets and parallax::fuzzing::TARGETS"
    );
    assert_eq!(
        corpora, bodies,
        "tests/fuzz-corpus and parallax::fuzzing::TARGETS"
    );
}

#[test]
fn every_corpus_input_is_read_or_refused_soundly() {
    let mut failed: Vec<PathBuf> = Vec::new();
    for (name, target) in TARGETS {
        let folder = root().join("tests/fuzz-corpus").join(name);
        let mut inputs: Vec<PathBuf> = fs::read_dir(&folder)
            .unwrap()
            .map(|entry| entry.unwrap().path())
            .collect();
        inputs.sort();
        assert!(inputs.len() >= 5, "{}: too few inputs", folder.display());
        for input in inputs {
            let bytes = fs::read(&input).unwrap();
            if catch_unwind(AssertUnwindSafe(|| target(&bytes))).is_err() {
                failed.push(input);
            }
        }
    }
    assert!(
        failed.is_empty(),
        "these inputs failed (messages above): {failed:#?}"
    );
}
