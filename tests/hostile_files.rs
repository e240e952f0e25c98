//! Files built to hurt the readers of what Parallax is given: nesting and size bombs, a
//! million brackets, 50 MB files, deeply nested HTML, huge lines, NUL bytes, broken
//! UTF-8, a million tiny strings, overlong escaped strings and numbers, and files over the
//! size limits. Each must be refused with a clear error or read to a sound result, never
//! panic, and finish within a time bound generous for a debug build on a slow machine.

use std::fs::File;
use std::path::Path;
use std::process::Command;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use parallax::import::{self, Document, ImportError, MAX_DOCUMENT_BYTES};
use parallax::model::{
    Annotation, AnnotationId, Entity, EntityId, EntityKind, Project, Source, SourceId, Tag,
};
use parallax::store::{self, Loaded, MAX_NESTING, MAX_PROJECT_BYTES, StoreError};

/// One mebibyte.
const MB: usize = 1 << 20;

/// Runs `work` on a thread of its own (with the default stack of a spawned thread, 2 MiB,
/// smaller than a program's main thread), failing when it panics or takes longer than
/// `seconds`. Prints how long it took.
fn within<T: Send + 'static>(
    seconds: u64,
    what: &str,
    work: impl FnOnce() -> T + Send + 'static,
) -> T {
    let (done, outcome) = mpsc::channel();
    let started = Instant::now();
    std::thread::spawn(move || {
        let _ = done.send(work());
    });
    match outcome.recv_timeout(Duration::from_secs(seconds)) {
        Ok(value) => {
            eprintln!("{what}: {:.2} s", started.elapsed().as_secs_f64());
            value
        }
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("{what} took more than {seconds} s"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("{what} panicked"),
    }
}

fn load(what: &str, seconds: u64, bytes: Vec<u8>) -> Result<Loaded, StoreError> {
    within(seconds, what, move || {
        store::from_bytes(&bytes, Path::new("hostile.ron"))
    })
}

/// Loading must fail with a message that names the file, line and column.
fn refused_at(what: &str, seconds: u64, bytes: Vec<u8>) -> String {
    let message = load(what, seconds, bytes).unwrap_err().to_string();
    assert!(message.starts_with("hostile.ron:"), "{what}: {message}");
    let place: Vec<&str> = message.splitn(4, ':').collect();
    assert!(
        place.len() == 4 && place[1].parse::<usize>().is_ok() && place[2].parse::<usize>().is_ok(),
        "{what}: no line and column in `{message}`"
    );
    assert!(
        message.chars().count() < 400,
        "{what}: a message of {} bytes",
        message.len()
    );
    message
}

fn document(
    what: &str,
    seconds: u64,
    name: &'static str,
    bytes: Vec<u8>,
) -> Result<Document, ImportError> {
    within(seconds, what, move || {
        import::document_from_bytes(&bytes, Path::new(name), import::Reading::Article)
    })
}

fn brat(what: &str, seconds: u64, ann: Vec<u8>, txt: Vec<u8>) -> Result<usize, ImportError> {
    within(seconds, what, move || {
        let project = Project::new("hostile");
        let command = import::brat::import_bytes(&project, Path::new("hostile.ann"), &ann, &txt)?;
        let mut project = project;
        command.apply(&mut project).expect("an import applies");
        Ok(project.annotations.len())
    })
}

/// A current project file holding `body` after its version, as written by hand.
fn project_with(body: &str) -> Vec<u8> {
    format!("(format_version: 2, {body})").into_bytes()
}

// ---- Nesting ----

#[test]
fn a_nesting_bomb_is_refused_at_the_limit() {
    for (what, open) in [
        ("[", "["),
        ("(", "("),
        ("Some(", "Some("),
        ("{", "{\"k\": "),
    ] {
        let body = format!("title: \"t\", extra: {}", open.repeat(1_000_000));
        let message = refused_at(&format!("1,000,000 × {what}"), 10, project_with(&body));
        assert!(
            message.contains(&format!("more than {MAX_NESTING} levels")),
            "{what}: {message}"
        );
    }
    // Nesting inside a field that is read, not skipped.
    let body = format!("sources: [(id: \"s\", text: {}", "[".repeat(1_000_000));
    refused_at("nested inside a source", 10, project_with(&body));
}

#[test]
fn a_million_brackets_are_refused_or_read_as_text() {
    for bracket in ["[", "]", "(", ")", "{", "}", "[]", "()"] {
        let bytes = bracket.repeat(1_000_000).into_bytes();
        refused_at(
            &format!("a project of 1,000,000 × {bracket}"),
            10,
            bytes.clone(),
        );
        let body = format!("title: \"t\", extra: {}", bracket.repeat(1_000_000));
        refused_at(
            &format!("a field of 1,000,000 × {bracket}"),
            10,
            project_with(&body),
        );
        // In a document, brackets are text.
        for name in ["brackets.txt", "brackets.md", "brackets.html"] {
            let doc = document(&format!("{name} of {bracket}"), 20, name, bytes.clone());
            assert_eq!(doc.unwrap().text.len(), bytes.len(), "{name}");
        }
        let err = brat("a .ann of brackets", 10, bytes, b"text".to_vec()).unwrap_err();
        assert!(err.to_string().starts_with("hostile.ann:1:"), "{err}");
    }
}

#[test]
fn deeply_nested_html_is_refused_early_or_read() {
    let shapes = [
        ("<div>", "</div>"),
        ("<div><span>", "</span></div>"),
        ("<span>", "</span>"),
        ("<b>", "</b>"),
        ("<b><i>", "</i></b>"),
        ("<a>", "</a>"),
        ("<table><tr><td>", "</td></tr></table>"),
        ("<ul><li>", "</li></ul>"),
        ("<math><mi>", "</mi></math>"),
        // Hidden content: what is inside is not text to annotate.
        ("<svg><g>", "</g></svg>"),
        ("<template>", "</template>"),
    ];
    for (open, close) in shapes {
        let hidden = matches!(open, "<svg><g>" | "<template>");
        for closed in [true, false] {
            let n = 200_000;
            let closing = if closed {
                close.repeat(n)
            } else {
                String::new()
            };
            let page = format!("{}deep{closing}", open.repeat(n));
            let what = format!("{n} × {open}, closed: {closed}");
            match document(&what, 20, "deep.html", page.into_bytes()) {
                Err(ImportError::TooDeep { path }) => assert_eq!(path, Path::new("deep.html")),
                // Some elements do not nest at all: the parser closes the one before.
                Ok(doc) => assert!(doc.text.contains("deep"), "{what}"),
                Err(ImportError::Empty { .. }) if hidden => {}
                Err(err) => panic!("{what}: {err}"),
            }
        }
        // Nesting as deep as a real page ever goes, and more, is read.
        let page = format!("{}deep{}<p>after", open.repeat(100), close.repeat(100));
        let doc = document(&format!("100 × {open}"), 10, "deep.html", page.into_bytes());
        let text = doc.unwrap().text;
        assert!(
            text.ends_with("after") && text.contains("deep") != hidden,
            "{open}: {text}"
        );
    }
    // End tags that send the parser searching a deep stack, again and again.
    let page = format!("{}{}", "<span>".repeat(400), "</x>".repeat(10_000_000));
    let err = document("40 MB of end tags", 10, "deep.html", page.into_bytes()).unwrap_err();
    assert!(matches!(err, ImportError::TooDeep { .. }), "{err}");
}

// ---- Size ----

#[test]
fn a_50_mb_project_loads() {
    let mut project = Project::new("large");
    let line = "Putin spoke with Leo. Żółć 🇻🇦\n";
    for i in 0..5 {
        let text = line.repeat(10 * MB / line.len());
        let id = SourceId::new(format!("s{i}")).unwrap();
        let source = Source::new(id, "report", text);
        let step = line.chars().count();
        for start in (0..10_000).map(|k| k * step) {
            let id = AnnotationId::random();
            let tag = Tag::Actor { entity: None };
            let annotation = Annotation::new(id, &source, start..start + 5, tag);
            project
                .annotations
                .insert(annotation.id.clone(), annotation);
        }
        project.sources.push(source);
    }
    let bytes = store::to_ron(&project).into_bytes();
    assert!(bytes.len() > 50_000_000, "{}", bytes.len());
    let loaded = load("a 50 MB project", 60, bytes).unwrap();
    assert!(loaded.project == project, "the project changed on the way");
    assert_eq!(loaded.notes, []);
}

#[test]
fn a_50_mb_project_of_junk_is_refused() {
    let n = 50 * MB;
    refused_at("50 MB of letters", 30, vec![b'a'; n]);
    let err = load("50 MB of spaces", 20, vec![b' '; n]).unwrap_err();
    assert!(matches!(err, StoreError::Empty { .. }), "{err}");
    let mut text = "(format_version: 2, title: \"".to_string();
    text.push_str(&"x".repeat(n));
    refused_at("a 50 MB string never closed", 20, text.into_bytes());
    let body = format!("extra: ({})", "a: 1, ".repeat(n / 6));
    let loaded = load(
        "50 MB of fields of an unknown field",
        60,
        project_with(&body),
    );
    assert_eq!(loaded.unwrap().project, Project::new(""));
}

#[test]
fn a_50_mb_document_is_imported() {
    let line = "Putin told Leo it was “a gesture” — Żółć 🇻🇦.\r\n";
    let text = line.repeat(50 * MB / line.len());
    for name in ["large.txt", "large.md"] {
        let doc = document(name, 60, name, text.clone().into_bytes()).unwrap();
        assert_eq!(doc.text.len(), text.len() - text.matches('\r').count());
    }
    // A page is mostly text; one that is mostly tags is read at the parser's pace, a few
    // megabytes a second.
    let paragraph = format!("<p>{}</p>\n", line.repeat(100));
    let page = paragraph.repeat(50 * MB / paragraph.len());
    let doc = document("large.html", 60, "large.html", page.into_bytes()).unwrap();
    assert!(doc.text.starts_with("Putin told Leo"));
    let page = "<p>Putin told <b>Leo</b> it was a <i>gesture</i>.</p>\n".repeat(5 * MB / 50);
    let doc = document("5 MB of tags", 60, "tags.html", page.into_bytes()).unwrap();
    assert!(doc.text.starts_with("Putin told Leo it was a gesture."));
    // Legacy encodings are detected over the whole file.
    let latin = b"Le pr\xE9sident a d\xE9clar\xE9 \xE0 la presse.\n".repeat(50 * MB / 40);
    let doc = document("large windows-1252", 60, "latin.txt", latin).unwrap();
    assert!(doc.text.starts_with("Le président"));
}

#[test]
fn a_huge_single_line_is_read() {
    let line = "word ".repeat(10 * MB);
    let doc = document("a 50 MB line", 60, "line.txt", line.clone().into_bytes()).unwrap();
    assert_eq!(doc.text.len(), line.len());
    let mut project = Project::new("one line");
    project
        .sources
        .push(Source::new(SourceId::new("s").unwrap(), "S", line.clone()));
    let bytes = store::to_ron(&project).into_bytes();
    assert!(bytes.len() > 50_000_000);
    let loaded = load("a project with a 50 MB line", 60, bytes).unwrap();
    assert!(loaded.project == project, "the project changed on the way");
    // An .ann line as long: refused on line 1, with the text shortened in the message.
    let ann = format!("T1\tActor 0 4\t{line}").into_bytes();
    let err = brat("a 50 MB .ann line", 60, ann, line.into_bytes()).unwrap_err();
    let message = err.to_string();
    assert!(message.starts_with("hostile.ann:1:"), "{}", &message[..200]);
    assert!(message.len() < 1_000, "{} bytes", message.len());
}

// ---- Bytes that are no text ----

#[test]
fn a_file_of_nul_bytes_is_refused() {
    let nul = vec![0u8; 10 * MB];
    refused_at("10 MB of NUL as a project", 20, nul.clone());
    for name in ["nul.txt", "nul.md", "nul.html"] {
        let err = document(name, 20, name, nul.clone()).unwrap_err();
        assert!(matches!(err, ImportError::Binary { .. }), "{name}: {err}");
        assert!(err.to_string().starts_with(name), "{err}");
    }
    let err = brat("NUL as an .ann", 20, nul.clone(), b"text".to_vec()).unwrap_err();
    assert!(matches!(err, ImportError::Binary { .. }), "{err}");
    let err = brat("NUL as a .txt", 20, Vec::new(), nul).unwrap_err();
    assert!(matches!(err, ImportError::Binary { .. }), "{err}");
}

#[test]
fn invalid_utf8_in_a_project_is_refused_where_it_is() {
    let mut bytes = b"(\n    format_version: 2,\n    title: \"caf".to_vec();
    bytes.push(0xE9);
    bytes.extend_from_slice(&b"\",\n)".repeat(MB));
    let err = load("invalid UTF-8", 10, bytes).unwrap_err();
    assert!(
        matches!(
            err,
            StoreError::NotUtf8 {
                line: 3,
                column: 16,
                ..
            }
        ),
        "{err}"
    );
    assert_eq!(
        err.to_string(),
        "hostile.ron:3:16: the file is not UTF-8 text; save it as UTF-8 and open it again"
    );
    // Each kind of broken sequence, and a lone byte-order mark's worth of UTF-16.
    for broken in [
        &b"\xFF"[..],
        b"\xC3",
        b"\xED\xA0\x80",
        b"\xF4\x90\x80\x80",
        b"\xFF\xFE(",
    ] {
        let mut bytes = b"(format_version: 2, title: \"".to_vec();
        bytes.extend_from_slice(broken);
        let err = load("a broken sequence", 10, bytes).unwrap_err();
        assert!(
            matches!(err, StoreError::NotUtf8 { .. }),
            "{broken:?}: {err}"
        );
    }
}

// ---- Many small things ----

#[test]
fn a_million_tiny_strings_are_read() {
    let body = format!("extra: [{}]", "\"a\",".repeat(1_000_000));
    let loaded = load(
        "1,000,000 strings in an unknown field",
        30,
        project_with(&body),
    );
    assert_eq!(loaded.unwrap().project, Project::new(""));

    let aliases = "\"a\",".repeat(1_000_000);
    let body = format!("entities: [(id: \"e\", name: \"E\", aliases: [{aliases}])]");
    let loaded = load("1,000,000 aliases", 30, project_with(&body)).unwrap();
    assert_eq!(
        loaded
            .project
            .entities
            .values()
            .next()
            .unwrap()
            .aliases
            .len(),
        1_000_000
    );

    let mut project = Project::new("many");
    for i in 0..100_000 {
        let id = EntityId::new(format!("e{i}")).unwrap();
        project
            .entities
            .insert(id.clone(), Entity::new(id, "E", EntityKind::Person));
    }
    let bytes = store::to_ron(&project).into_bytes();
    let loaded = load("100,000 entities", 30, bytes).unwrap();
    assert_eq!(loaded.project.entities.len(), 100_000);
}

#[test]
fn many_sources_and_annotations_load_in_bounded_time() {
    let mut project = Project::new("many");
    let n = 50_000;
    for i in 0..n {
        let source = Source::new(SourceId::new(format!("s{i}")).unwrap(), "S", "Putin spoke.");
        let id = AnnotationId::random();
        let annotation = Annotation::new(id, &source, 0..5, Tag::Actor { entity: None });
        project
            .annotations
            .insert(annotation.id.clone(), annotation);
        project.sources.push(source);
    }
    let bytes = store::to_ron(&project).into_bytes();
    let loaded = load("50,000 sources with an annotation each", 30, bytes).unwrap();
    assert!(loaded.project == project, "the project changed on the way");
}

// ---- Overlong numbers and escapes ----

/// Parses growing inputs (1, 2, 4 and 8 MB) and prints how long each took; parsing
/// that grows quadratically would take minutes at 8 MB.
fn grows_linearly(what: &str, make: fn(usize) -> String, check: fn(Result<Loaded, StoreError>)) {
    for mb in [1, 2, 4, 8] {
        let bytes = make(mb * MB).into_bytes();
        check(load(&format!("{what}, {mb} MB"), 20, bytes));
    }
}

#[test]
fn one_overlong_float_is_read_in_linear_time() {
    grows_linearly(
        "one float in an unknown field",
        |n| format!("(format_version: 2, extra: 1.{})", "1".repeat(n)),
        |loaded| assert_eq!(loaded.unwrap().project, Project::new("")),
    );
    grows_linearly(
        "one float with an exponent",
        |n| format!("(format_version: 2, extra: 1{}e-5)", "0".repeat(n)),
        |loaded| assert!(loaded.is_ok()),
    );
    grows_linearly(
        "one float where a string belongs",
        |n| format!("(format_version: 2, title: 1.{})", "1".repeat(n)),
        |loaded| assert!(matches!(loaded, Err(StoreError::Parse { .. }))),
    );
    grows_linearly(
        "one float as the version",
        |n| format!("(format_version: 2.{})", "0".repeat(n)),
        |loaded| assert!(loaded.is_err()),
    );
    grows_linearly(
        "one integer as an offset",
        |n| {
            format!(
                "(format_version: 2, sources: [(id: \"s\", content_hash: \"\", text: \"t\")], annotations: [(id: \"a\", source: \"s\", start: 0, end: 1{}, quote: (exact: \"t\"), tag: Date(), created: \"2025-01-01T00:00:00Z\", modified: \"2025-01-01T00:00:00Z\")])",
                "0".repeat(n)
            )
        },
        |loaded| assert!(matches!(loaded, Err(StoreError::Parse { .. }))),
    );
}

#[test]
fn many_numbers_are_read_in_linear_time() {
    grows_linearly(
        "floats in an unknown field",
        |n| format!("(format_version: 2, extra: [{}])", "1.5,".repeat(n / 4)),
        |loaded| assert!(loaded.is_ok()),
    );
    grows_linearly(
        "integers in an unknown field",
        |n| format!("(format_version: 2, extra: [{}])", "15,".repeat(n / 3)),
        |loaded| assert!(loaded.is_ok()),
    );
}

#[test]
fn overlong_escaped_strings_are_read_in_linear_time() {
    grows_linearly(
        "a title of \\u{} escapes",
        |n| {
            format!(
                "(format_version: 2, title: \"{}\")",
                "\\u{1F30D}".repeat(n / 9)
            )
        },
        |loaded| assert!(loaded.unwrap().project.title.starts_with('🌍')),
    );
    grows_linearly(
        "a source text of \\n escapes",
        |n| {
            format!(
                "(format_version: 2, sources: [(id: \"s\", content_hash: \"\", text: \"{}\")])",
                "a\\n".repeat(n / 3)
            )
        },
        |loaded| {
            assert!(
                loaded.unwrap().project.sources[0]
                    .text
                    .as_str()
                    .starts_with("a\na")
            )
        },
    );
    grows_linearly(
        "escapes in an unknown field",
        |n| format!("(format_version: 2, extra: \"{}\")", "\\\"".repeat(n / 2)),
        |loaded| assert!(loaded.is_ok()),
    );
    grows_linearly(
        "many short escaped strings",
        |n| {
            format!(
                "(format_version: 2, extra: [{}])",
                "\"a\\t\",".repeat(n / 6)
            )
        },
        |loaded| assert!(loaded.is_ok()),
    );
    grows_linearly(
        "escapes in a string never closed",
        |n| format!("(format_version: 2, title: \"{}", "\\n".repeat(n / 2)),
        |loaded| assert!(matches!(loaded, Err(StoreError::Parse { .. }))),
    );
    grows_linearly(
        "a string of broken escapes",
        |n| format!("(format_version: 2, title: \"{}\")", "\\u{".repeat(n / 3)),
        |loaded| assert!(matches!(loaded, Err(StoreError::Parse { .. }))),
    );
}

// ---- Limits ----

/// A sparse file of `len` bytes: nothing is written, so the test stays fast.
fn sparse(path: &Path, len: u64) {
    File::create(path).unwrap().set_len(len).unwrap();
}

#[test]
fn a_project_over_the_limit_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("huge.ron");
    sparse(&path, MAX_PROJECT_BYTES + 1);
    let started = Instant::now();
    let err = store::load(&path).unwrap_err();
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "the file was read"
    );
    assert!(matches!(err, StoreError::TooLarge { .. }), "{err}");
    let message = err.to_string();
    assert_eq!(
        message,
        format!(
            "{}: the file is 257 MiB, more than the 256 MiB a project file may have (Parallax \
             never saves a larger one); check that this is a Parallax project, or split its \
             sources across several projects",
            path.display()
        )
    );
    // The limit itself is accepted as a size (and then read as a project of NUL bytes).
    sparse(&path, MAX_PROJECT_BYTES);
    let err = store::load(&path).unwrap_err();
    assert!(!matches!(err, StoreError::TooLarge { .. }), "{err}");
}

#[test]
fn a_document_over_the_limit_is_refused_before_it_is_read() {
    let dir = tempfile::tempdir().unwrap();
    for name in ["huge.txt", "huge.md", "huge.html"] {
        let path = dir.path().join(name);
        sparse(&path, MAX_DOCUMENT_BYTES + 1);
        let started = Instant::now();
        let err = import::read_document(&path).unwrap_err();
        assert!(
            started.elapsed() < Duration::from_secs(1),
            "{name} was read"
        );
        assert_eq!(
            err.to_string(),
            format!(
                "{}: the file is 65 MiB, more than the 64 MiB a document may have; split it \
                 into smaller files",
                path.display()
            )
        );
    }
    // A brat .txt or .ann over the limit, likewise.
    let ann = dir.path().join("huge.ann");
    std::fs::write(&ann, "T1\tActor 0 1\tx\n").unwrap();
    let err =
        import::brat::import(&Project::new(""), None, std::slice::from_ref(&ann)).unwrap_err();
    assert!(
        err.to_string().contains("huge.txt: the file is 65 MiB"),
        "{err}"
    );
    std::fs::write(dir.path().join("huge.txt"), "x").unwrap();
    sparse(&ann, MAX_DOCUMENT_BYTES + 1);
    let err = import::brat::import(&Project::new(""), None, &[ann]).unwrap_err();
    assert!(
        err.to_string().contains("huge.ann: the file is 65 MiB"),
        "{err}"
    );
}

#[test]
fn the_command_line_names_the_limits() {
    let dir = tempfile::tempdir().unwrap();
    let run = |args: &[&str]| {
        Command::new(env!("CARGO_BIN_EXE_parallax"))
            .args(args)
            .current_dir(dir.path())
            .output()
            .unwrap()
    };
    let refused = |args: &[&str]| {
        let output = run(args);
        assert!(!output.status.success(), "{args:?} succeeded");
        String::from_utf8(output.stderr).unwrap()
    };
    sparse(&dir.path().join("huge.ron"), MAX_PROJECT_BYTES + 1);
    let message = refused(&["check", "huge.ron"]);
    assert!(
        message.contains("huge.ron: the file is 257 MiB, more than the 256 MiB"),
        "{message}"
    );
    assert!(run(&["new", "call.ron"]).status.success());
    sparse(&dir.path().join("huge.txt"), MAX_DOCUMENT_BYTES + 1);
    let message = refused(&["add", "call.ron", "huge.txt"]);
    assert!(
        message.contains("huge.txt: the file is 65 MiB, more than the 64 MiB"),
        "{message}"
    );
}

#[test]
fn quotes_found_everywhere_are_placed_in_bounded_time() {
    for (n, count) in [(10_000, 1), (20_000, 1), (5_000, 10)] {
        let mut project = Project::new("repeated");
        let source = Source::new(SourceId::new("s").unwrap(), "S", "ab".repeat(n));
        for k in 0..count {
            let id = AnnotationId::random();
            let mut annotation = Annotation::new(id, &source, 1..2, Tag::Date { value: None });
            // The span moved off its word: the word is looked for everywhere.
            annotation.start = 2 * k;
            annotation.end = 2 * k + 1;
            project
                .annotations
                .insert(annotation.id.clone(), annotation);
        }
        project.sources.push(source);
        let bytes = store::to_ron(&project).into_bytes();
        let what = format!("{count} quotes found {n} times each");
        let loaded = load(&what, 60, bytes).unwrap();
        assert_eq!(loaded.notes.len(), count);
    }
}

#[test]
fn large_and_broken_web_archives_are_read_or_refused_in_bounded_time() {
    let head = "Content-Type: multipart/related; boundary=\"b\"\r\n\r\n";
    let page = format!(
        "<article>{}</article>",
        "<p>Putin told Leo it was =E2=80=9Ca gesture=E2=80=9D, the Kremlin said, on Wednes=\r\nday.</p>\r\n"
            .repeat(40 * MB / 90)
    );
    let archive = format!(
        "{head}--b\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: quoted-printable\r\n\r\n{page}\r\n--b--\r\n"
    );
    let doc = document("40 MB archive", 60, "large.mhtml", archive.into_bytes()).unwrap();
    assert!(
        doc.text
            .starts_with("Putin told Leo it was “a gesture”, the Kremlin said, on Wednesday.")
    );
    // A hundred thousand parts, none of them a page.
    let parts = "--b\r\nContent-Type: image/png\r\n\r\nPNG\r\n".repeat(100_000);
    let err = document(
        "100,000 parts",
        30,
        "parts.mhtml",
        format!("{head}{parts}").into_bytes(),
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("parts.mhtml: the web archive holds no web page"),
        "{err}"
    );
    // Boundaries nested as deep as they go.
    let nested: String = (0..10_000)
        .map(|i| {
            format!(
                "--b{i}\r\nContent-Type: multipart/related; boundary=b{}\r\n\r\n",
                i + 1
            )
        })
        .collect();
    let err = document(
        "nested parts",
        30,
        "nested.mhtml",
        format!("Content-Type: multipart/related; boundary=b0\r\n\r\n{nested}").into_bytes(),
    )
    .unwrap_err();
    assert!(
        err.to_string()
            .starts_with("nested.mhtml: the web archive "),
        "{err}"
    );
}
