//! The README stays true: its project file example is exactly what Parallax writes, and
//! its dependency table explains every dependency in `Cargo.toml`.

use std::path::Path;

use parallax::store;

fn read(name: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(name)).unwrap()
}

#[test]
fn the_project_file_example_is_what_parallax_writes() {
    let readme = read("README.md");
    let start = readme
        .find("```ron\n")
        .expect("the README shows a project file")
        + 7;
    let end = start + readme[start..].find("```").unwrap();
    let example = &readme[start..end];
    let loaded = store::from_ron(example, Path::new("README.md")).unwrap();
    let notes: Vec<String> = loaded.notes.iter().map(ToString::to_string).collect();
    assert!(notes.is_empty(), "{notes:#?}");
    assert_eq!(store::to_ron(&loaded.project), example);
}

#[test]
fn every_dependency_is_explained() {
    let readme = read("README.md");
    let table = &readme[readme
        .find("## Dependencies")
        .expect("a Dependencies section")..];
    let manifest = read("Cargo.toml");
    let mut section = "";
    let mut missing = Vec::new();
    for line in manifest.lines() {
        let line = line.trim();
        if line.starts_with('[') {
            section = line;
            continue;
        }
        let listed = section == "[dependencies]" || section == "[dev-dependencies]";
        let Some((name, _)) = line
            .split_once('=')
            .filter(|_| listed && !line.starts_with('#'))
        else {
            continue;
        };
        if !table.contains(&format!("| `{}`", name.trim())) {
            missing.push(name.trim().to_string());
        }
    }
    assert!(
        missing.is_empty(),
        "the README does not explain {missing:?}"
    );
}
