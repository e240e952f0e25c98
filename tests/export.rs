//! `parallax export` end to end: the real binary on the example project in every format,
//! the brat folder imported back, the refusals (the project file, a symbolic link, a
//! folder that cannot be written) leaving every file byte for byte as it was, and the
//! hostile corpus through every exporter.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn manifest(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn parallax(args: &[&Path]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(args)
        .output()
        .expect("the binary runs")
}

/// Creates a new project and imports a brat folder into it; returns what import said.
fn import_into_new(project: &Path, folder: &Path) -> String {
    ok(&[Path::new("new"), project]);
    ok(&[
        Path::new("import"),
        project,
        Path::new("--format"),
        Path::new("brat"),
        folder,
    ])
}

fn ok(args: &[&Path]) -> String {
    let out = parallax(args);
    assert!(
        out.status.success(),
        "{args:?} failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The one-line error of a command that must fail.
fn fails(args: &[&Path]) -> String {
    let out = parallax(args);
    assert!(!out.status.success(), "{args:?} succeeded");
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.lines().count(), 1, "not one line: {err}");
    assert!(err.starts_with("parallax: error: "), "{err}");
    err
}

/// A copy of a project in a folder of its own.
fn copy_of(project: &str) -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join(Path::new(project).file_name().unwrap());
    fs::copy(manifest(project), &path).unwrap();
    (dir, path)
}

fn export(project: &Path, format: &str, output: &Path) -> String {
    ok(&[
        Path::new("export"),
        project,
        Path::new("--format"),
        Path::new(format),
        Path::new("--output"),
        output,
    ])
}

fn load(path: &Path) -> parallax::model::Project {
    parallax::store::load(path).unwrap().project
}

/// Every file under a folder with its bytes.
fn snapshot(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut folders = vec![dir.to_path_buf()];
    while let Some(folder) = folders.pop() {
        for entry in fs::read_dir(&folder).unwrap() {
            let path = entry.unwrap().path();
            let meta = fs::symlink_metadata(&path).unwrap();
            if meta.is_dir() {
                folders.push(path);
            } else if meta.file_type().is_symlink() {
                let target = fs::read_link(&path).unwrap();
                files.insert(path, target.into_os_string().into_encoded_bytes());
            } else {
                files.insert(path.clone(), fs::read(&path).unwrap());
            }
        }
    }
    files
}

const EXAMPLE: &str = "examples/phone-call.ron";
const HOSTILE: &str = "tests/fixtures/export/hostile.ron";

#[test]
fn html_shows_every_source_and_the_comparison() {
    let (dir, project) = copy_of(EXAMPLE);
    let out = dir.path().join("call.html");
    let said = export(&project, "html", &out);
    assert!(
        said.contains("exported 81 annotations of 3 sources"),
        "{said}"
    );
    let page = fs::read_to_string(&out).unwrap();
    let html = scraper::Html::parse_document(&page);
    let select = |s: &str| scraper::Selector::parse(s).unwrap();
    let p = load(&project);
    for source in &p.sources {
        let heading = html
            .select(&select(&format!("#source-{} h3", source.id)))
            .next()
            .unwrap();
        assert_eq!(heading.text().collect::<String>(), source.title);
        let text = html
            .select(&select(&format!("#text-{}", source.id)))
            .next()
            .unwrap();
        assert_eq!(text.text().collect::<String>(), source.text.as_str());
    }
    assert_eq!(html.select(&select("span.m.first")).count(), 81);
    for heading in [
        "Actors",
        "Claims",
        "Dates",
        "Conflicts",
        "Coverage",
        "Notes",
    ] {
        let found = html
            .select(&select("h2, h3"))
            .any(|h| h.text().collect::<String>() == heading);
        assert!(found, "no {heading} heading");
    }
    // The word diff of the gesture claim: "gesture" against "step".
    assert!(
        html.select(&select("del"))
            .any(|d| d.text().any(|t| t.contains("gesture")))
    );
    assert!(
        html.select(&select("ins"))
            .any(|d| d.text().any(|t| t.contains("step")))
    );
    assert!(
        html.select(&select("script, link, img, iframe"))
            .next()
            .is_none()
    );
    assert!(
        !page.contains("src=") && !page.contains("@import"),
        "nothing is fetched"
    );
}

#[test]
fn csv_has_one_row_per_annotation() {
    let (dir, project) = copy_of(EXAMPLE);
    let out = dir.path().join("call.csv");
    export(&project, "csv", &out);
    let mut reader = csv::Reader::from_path(&out).unwrap();
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(
        &header[..9],
        [
            "annotation",
            "source",
            "source title",
            "outlet",
            "published",
            "tag",
            "start",
            "end",
            "text"
        ]
    );
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let p = load(&project);
    assert_eq!(rows.len(), p.annotations.len());
    assert_eq!(rows.len(), 81);
    for row in &rows {
        let id = parallax::model::AnnotationId::new(&row[0]).unwrap();
        let a = &p.annotations[&id];
        assert_eq!(row[6].parse::<usize>().unwrap(), a.start);
        assert_eq!(row[7].parse::<usize>().unwrap(), a.end);
        assert_eq!(&row[8], a.quote.exact);
        assert_eq!(&row[5], a.kind().label());
    }
}

/// The W3C Web Annotation model's requirements on an annotation, as far as this export
/// uses it: an IRI `id`, the type `Annotation`, a target with a source and both selectors
/// well-formed, bodies with a type and a value or a source, purposes from the model.
fn check_annotation(item: &Value) -> Result<(), String> {
    const PURPOSES: [&str; 13] = [
        "assessing",
        "bookmarking",
        "classifying",
        "commenting",
        "describing",
        "editing",
        "highlighting",
        "identifying",
        "linking",
        "moderating",
        "questioning",
        "replying",
        "tagging",
    ];
    let is_iri = |v: &Value| {
        v.as_str()
            .is_some_and(|s| s.contains(':') && !s.contains(' '))
    };
    if !is_iri(&item["id"]) {
        return Err(format!("no IRI id: {}", item["id"]));
    }
    if item["type"] != "Annotation" {
        return Err("type is not Annotation".into());
    }
    let target = &item["target"];
    if !is_iri(&target["source"]) {
        return Err("the target has no source IRI".into());
    }
    let selectors = target["selector"].as_array().ok_or("no selector list")?;
    let quote = selectors
        .iter()
        .find(|s| s["type"] == "TextQuoteSelector")
        .ok_or("no TextQuoteSelector")?;
    for field in ["exact", "prefix", "suffix"] {
        if !quote[field].is_string() {
            return Err(format!("the quote has no {field}"));
        }
    }
    if quote["exact"].as_str() == Some("") {
        return Err("the quote is empty".into());
    }
    let position = selectors
        .iter()
        .find(|s| s["type"] == "TextPositionSelector")
        .ok_or("no TextPositionSelector")?;
    let (Some(start), Some(end)) = (position["start"].as_u64(), position["end"].as_u64()) else {
        return Err("the position has no start and end".into());
    };
    if start > end {
        return Err("the position is reversed".into());
    }
    let bodies = item["body"].as_array().ok_or("no body list")?;
    for body in bodies {
        match body["type"].as_str() {
            Some("TextualBody") if body["value"].is_string() => {}
            Some("SpecificResource") if is_iri(&body["source"]["id"]) => {}
            _ => return Err(format!("a body without type and value: {body}")),
        }
        if !body["purpose"]
            .as_str()
            .is_some_and(|p| PURPOSES.contains(&p))
        {
            return Err(format!("a purpose outside the model: {}", body["purpose"]));
        }
    }
    Ok(())
}

#[test]
fn json_is_the_web_annotation_model() {
    let (dir, project) = copy_of(EXAMPLE);
    let out = dir.path().join("call.json");
    export(&project, "json", &out);
    let document: Value = serde_json::from_slice(&fs::read(&out).unwrap()).unwrap();
    let context = document["@context"].as_array().unwrap();
    assert!(context.contains(&Value::from("http://www.w3.org/ns/anno.jsonld")));
    assert_eq!(document["type"], "AnnotationCollection");
    assert_eq!(document["total"], 81);
    assert_eq!(document["first"]["type"], "AnnotationPage");
    for iri in [&document["id"], &document["first"]["id"]] {
        assert!(
            iri.as_str()
                .is_some_and(|s| s.starts_with("urn:parallax:collection:")),
            "{iri}"
        );
    }
    let items = document["first"]["items"].as_array().unwrap();
    assert_eq!(items.len(), 81);
    let p = load(&project);
    for item in items {
        check_annotation(item).unwrap_or_else(|e| panic!("{e}: {item}"));
        let id = item["id"].as_str().unwrap().rsplit(':').next().unwrap();
        let a = &p.annotations[&parallax::model::AnnotationId::new(id).unwrap()];
        let source = p.source(&a.source).unwrap();
        assert_eq!(item["target"]["source"], source.url.as_str());
        let selectors = item["target"]["selector"].as_array().unwrap();
        assert_eq!(selectors[0]["exact"], a.quote.exact.as_str());
        assert_eq!(selectors[1]["start"], a.start);
        assert_eq!(selectors[1]["end"], a.end);
    }
    // The check finds what is missing.
    let mut broken = items[0].clone();
    broken["target"]["selector"].as_array_mut().unwrap().pop();
    assert!(check_annotation(&broken).is_err());
}

#[test]
fn markdown_is_a_readable_report() {
    let (dir, project) = copy_of(EXAMPLE);
    let out = dir.path().join("call.md");
    export(&project, "md", &out);
    let md = fs::read_to_string(&out).unwrap();
    let p = load(&project);
    assert!(md.starts_with(&format!("# {}\n", p.title)));
    for heading in [
        "## Sources",
        "## Comparison",
        "### Actors",
        "### Claims",
        "### Dates",
        "### Conflicts",
        "### Coverage",
        "## Annotations by source",
    ] {
        assert!(md.lines().any(|l| l == heading), "no {heading}");
    }
    for source in &p.sources {
        assert!(md.contains(&format!("### {} ({})", source.title, source.id)));
    }
    let annotation_rows = md
        .lines()
        .filter(|l| {
            l.ends_with(" |") && l.split(" | ").last().is_some_and(|id| id.starts_with("a-"))
        })
        .count();
    assert_eq!(annotation_rows, 81);
}

/// The `list` table's counts per source: `(id, [actor, claim, date])`.
fn counts(project: &Path) -> Vec<(String, Vec<String>)> {
    let table = ok(&[Path::new("list"), project]);
    table
        .lines()
        .skip_while(|l| !l.starts_with("ID "))
        .skip(1)
        .map(|l| {
            let cells: Vec<&str> = l.split_whitespace().collect();
            let n = cells.len();
            (
                cells[0].to_string(),
                cells[n - 4..n - 1].iter().map(|c| c.to_string()).collect(),
            )
        })
        .collect()
}

#[test]
fn a_brat_folder_imports_back_into_a_new_project() {
    let (dir, project) = copy_of(EXAMPLE);
    let out = dir.path().join("brat");
    let said = export(&project, "brat", &out);
    assert!(said.contains("a folder of 7 files"), "{said}");
    let mut names: Vec<String> = fs::read_dir(&out)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    assert_eq!(
        names,
        [
            "annotation.conf",
            "aurelian-herald.ann",
            "aurelian-herald.txt",
            "doravia-radio.ann",
            "doravia-radio.txt",
            "meridian-wire.ann",
            "meridian-wire.txt"
        ]
    );
    let fresh = dir.path().join("fresh.ron");
    let imported = import_into_new(&fresh, &out);
    assert!(imported.contains("imported 81 annotations"), "{imported}");
    let mut before = counts(&project);
    let mut after = counts(&fresh);
    before.sort();
    after.sort();
    assert_eq!(after, before);
    // The same spans, tags and links.
    let links = |path: &Path| {
        let p = load(path);
        let mut list: Vec<String> = p
            .annotations
            .values()
            .map(|a| {
                format!(
                    "{} {} {} {:?} {:?}",
                    a.source, a.start, a.end, a.tag, a.note
                )
            })
            .collect();
        list.sort();
        list
    };
    assert_eq!(links(&fresh), links(&project));
}

#[test]
fn the_project_file_is_never_overwritten() {
    let (dir, project) = copy_of(EXAMPLE);
    fs::create_dir(dir.path().join("sub")).unwrap();
    let link = dir.path().join("link.ron");
    #[cfg(unix)]
    std::os::unix::fs::symlink("phone-call.ron", &link).unwrap();
    let before = snapshot(dir.path());
    let roundabout = dir.path().join("sub/../phone-call.ron");
    let mut outputs = vec![project.clone(), roundabout];
    if cfg!(unix) {
        outputs.push(link.clone());
    }
    for output in &outputs {
        for format in ["html", "csv", "json", "md"] {
            let err = fails(&[
                Path::new("export"),
                &project,
                Path::new("--format"),
                Path::new(format),
                Path::new("--output"),
                output,
                Path::new("--force"),
            ]);
            assert!(err.contains("project file itself"), "{err}");
        }
    }
    assert_eq!(snapshot(dir.path()), before);
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_is_refused_unless_forced() {
    let (dir, project) = copy_of(EXAMPLE);
    let real = dir.path().join("real.csv");
    fs::write(&real, "old,contents\n").unwrap();
    let link = dir.path().join("out.csv");
    std::os::unix::fs::symlink("real.csv", &link).unwrap();
    let folder_link = dir.path().join("brat-link");
    fs::create_dir(dir.path().join("brat-real")).unwrap();
    std::os::unix::fs::symlink("brat-real", &folder_link).unwrap();
    let before = snapshot(dir.path());
    for (format, output) in [("csv", &link), ("brat", &folder_link)] {
        let err = fails(&[
            Path::new("export"),
            &project,
            Path::new("--format"),
            Path::new(format),
            Path::new("--output"),
            output,
        ]);
        assert!(
            err.contains("symbolic link") && err.contains("--force"),
            "{err}"
        );
    }
    assert_eq!(snapshot(dir.path()), before);
    ok(&[
        Path::new("export"),
        &project,
        Path::new("--format"),
        Path::new("csv"),
        Path::new("--output"),
        &link,
        Path::new("--force"),
    ]);
    assert!(
        fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink()
    );
    assert!(
        fs::read_to_string(&real)
            .unwrap()
            .starts_with("annotation,")
    );
}

/// A folder no file can be created in: a read-only one, or `/proc` for a user (root)
/// whom permissions do not stop.
fn unwritable_folder(dir: &Path) -> PathBuf {
    let folder = dir.join("read-only");
    fs::create_dir(&folder).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&folder, fs::Permissions::from_mode(0o555)).unwrap();
    }
    if fs::write(folder.join("probe"), "x").is_ok() {
        fs::remove_file(folder.join("probe")).unwrap();
        return PathBuf::from("/proc");
    }
    folder
}

#[test]
fn a_folder_that_cannot_be_written_leaves_everything_as_it_was() {
    let (dir, project) = copy_of(EXAMPLE);
    let folder = unwritable_folder(dir.path());
    let before = snapshot(dir.path());
    for (format, name) in [
        ("html", "call.html"),
        ("json", "call.json"),
        ("brat", "call-brat"),
    ] {
        let output = folder.join(name);
        let err = fails(&[
            Path::new("export"),
            &project,
            Path::new("--format"),
            Path::new(format),
            Path::new("--output"),
            &output,
        ]);
        assert!(
            err.contains(&output.display().to_string())
                || err.contains(&folder.display().to_string()),
            "{err}"
        );
        assert!(!output.exists());
    }
    assert_eq!(snapshot(dir.path()), before);
}

#[test]
fn without_output_the_export_goes_beside_the_project() {
    let (dir, project) = copy_of(EXAMPLE);
    let said = ok(&[
        Path::new("export"),
        &project,
        Path::new("--format"),
        Path::new("md"),
    ]);
    assert!(dir.path().join("phone-call.md").is_file(), "{said}");
}

#[test]
fn the_hostile_corpus_goes_through_every_exporter() {
    let (dir, project) = copy_of(HOSTILE);
    let p = load(&project);

    let html = dir.path().join("h.html");
    export(&project, "html", &html);
    let page = scraper::Html::parse_document(&fs::read_to_string(&html).unwrap());
    let any = |s: &str| {
        page.select(&scraper::Selector::parse(s).unwrap())
            .next()
            .is_some()
    };
    assert!(!any(
        "script, img, svg, style + style, textarea, [onmouseover], [onerror], [onload]"
    ));
    assert!(!any("a[href^=javascript], a[href^=JAVASCRIPT]"));
    for source in &p.sources {
        let text = page
            .select(&scraper::Selector::parse(&format!("#text-{}", source.id)).unwrap())
            .next()
            .unwrap();
        assert_eq!(text.text().collect::<String>(), source.text.as_str());
    }

    let table = dir.path().join("h.csv");
    export(&project, "csv", &table);
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_path(&table)
        .unwrap();
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), p.annotations.len() + 1);
    for cell in records
        .iter()
        .flat_map(|r| r.iter().map(String::from).collect::<Vec<_>>())
    {
        assert!(
            !cell.starts_with(['=', '+', '-', '@', '\t', '\r']),
            "a formula: {cell:?}"
        );
    }

    let json = dir.path().join("h.json");
    export(&project, "json", &json);
    let document: Value = serde_json::from_slice(&fs::read(&json).unwrap()).unwrap();
    let items = document["first"]["items"].as_array().unwrap();
    assert_eq!(items.len(), p.annotations.len());
    let placed: Vec<&Value> = items
        .iter()
        .filter(|i| i["target"]["selector"].as_array().unwrap().len() == 2)
        .collect();
    assert_eq!(
        placed.len(),
        p.annotations.len() - 1,
        "all but the unplaced one"
    );
    for item in placed {
        check_annotation(item).unwrap_or_else(|e| panic!("{e}: {item}"));
    }

    let md = dir.path().join("h.md");
    export(&project, "md", &md);
    let text = fs::read_to_string(&md).unwrap();
    // Every `<` is escaped, but for the report's own tags and a web address's autolink.
    let own = ["<br>", "<del>", "</del>", "<ins>", "</ins>", "<https://"];
    for (at, _) in text.match_indices('<') {
        let escaped = text[..at].ends_with('\\');
        let ours = own.iter().any(|tag| text[at..].starts_with(tag));
        assert!(
            escaped || ours,
            "raw markup: {}",
            text[at..].chars().take(20).collect::<String>()
        );
    }
    assert!(text.contains("\\<script\\>"));

    let brat = dir.path().join("brat");
    let said = export(&project, "brat", &brat);
    assert!(
        said.contains("left out 1 annotation with no place in a text"),
        "{said}"
    );
    let fresh = dir.path().join("fresh.ron");
    let imported = import_into_new(&fresh, &brat);
    let expected = p.annotations.len() - 1;
    assert!(
        imported.contains(&format!("imported {expected} annotations")),
        "{imported}"
    );
    let back = load(&fresh);
    for source in &p.sources {
        assert_eq!(
            back.source(&source.id).unwrap().text.as_str(),
            source.text.as_str()
        );
    }
}
