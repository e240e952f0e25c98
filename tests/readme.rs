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

/// The README's Keys section as the sheet of keys (*Help ▸ Keys*) lists them: both come
/// from the one table the key handling reads.
fn keys_section() -> String {
    use parallax::ui::keys::{PARTS, heading, row_keys, rows};
    let mut text = String::from(
        "### Keys\n\n*Help ▸ Keys* (F1) shows this sheet in the window; the key handling reads the same table.\n",
    );
    for when in PARTS {
        text.push_str(&format!(
            "\n**{}**\n\n| key | does |\n|-----|------|\n",
            heading(when)
        ));
        for row in rows(when) {
            text.push_str(&format!("| {} | {} |\n", row_keys(row), row.what));
        }
    }
    text
}

#[test]
fn the_keys_section_is_the_sheet_of_keys() {
    let readme = read("README.md");
    let start = readme.find("### Keys\n").expect("a Keys section");
    let end = start
        + readme[start..]
            .find("\n### ")
            .expect("a section after Keys")
        + 1;
    let expected = keys_section();
    assert!(
        readme[start..end].trim_end() == expected.trim_end(),
        "the README's Keys section should read:\n{expected}"
    );
}
