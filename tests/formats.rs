//! `parallax add` on e-mail, Word and OpenDocument files made for the project
//! (`tests/fixtures/formats/`): the text kept, scored against the article's own text,
//! the details read, the attachments named, and hostile files refused by name with the
//! project left as it was.
//!
//! The articles were written for the project in Markdown and converted with pandoc;
//! `NAME.txt` is each article's text (pandoc's plain-text rendering of the same
//! Markdown). The score is the article-extraction benchmark's: F1 over the multiset of
//! 4-word shingles. `cargo test --test formats -- --nocapture` prints it.

use std::collections::HashMap;
use std::fs;
use std::path::Path;
use std::process::Command;

use chrono::NaiveDate;
use parallax::model::Source;
use tempfile::TempDir;

fn fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/formats")
        .join(name)
}

/// Runs the binary in `dir`; returns whether it succeeded, and its stdout and stderr.
fn parallax(dir: &Path, args: &[&str]) -> (bool, String, String) {
    let output = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the parallax binary runs");
    (
        output.status.success(),
        String::from_utf8(output.stdout).unwrap(),
        String::from_utf8(output.stderr).unwrap(),
    )
}

/// A new project in a temporary folder.
fn project() -> TempDir {
    let dir = tempfile::tempdir().unwrap();
    let (ok, _, err) = parallax(dir.path(), &["new", "p.ron"]);
    assert!(ok, "{err}");
    dir
}

/// Adds a fixture to a new project; returns the source made and what `add` printed.
fn add(name: &str, options: &[&str]) -> (Source, String) {
    let dir = project();
    let file = fixture(name);
    let mut args = vec!["add", "p.ron", file.to_str().unwrap()];
    args.extend_from_slice(options);
    let (ok, out, err) = parallax(dir.path(), &args);
    assert!(ok, "{name}: {err}");
    let loaded = parallax::store::load(&dir.path().join("p.ron")).unwrap();
    let source = loaded.project.sources.into_iter().next().unwrap();
    (source, out)
}

/// Adds a file that must be refused: one line naming it and saying `why`, the project
/// file unchanged.
fn refused(name: &str, bytes: &[u8], why: &str) {
    let dir = project();
    let before = fs::read(dir.path().join("p.ron")).unwrap();
    fs::write(dir.path().join(name), bytes).unwrap();
    let started = std::time::Instant::now();
    let (ok, _, err) = parallax(dir.path(), &["add", "p.ron", name]);
    assert!(started.elapsed().as_secs() < 10, "{name} took too long");
    assert!(!ok, "{name} was added");
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(err.contains(name) && err.contains(why), "{name}: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert_eq!(fs::read(dir.path().join("p.ron")).unwrap(), before);
}

fn shingles(text: &str) -> HashMap<Vec<String>, usize> {
    let words: Vec<String> = text
        .split(|c: char| !(c.is_alphanumeric() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    let mut counts = HashMap::new();
    for window in words.windows(4.min(words.len().max(1))) {
        *counts.entry(window.to_vec()).or_default() += 1;
    }
    counts
}

/// F1 over the multiset of 4-word shingles of `got` against `truth`.
fn shingle_f1(truth: &str, got: &str) -> f64 {
    let (truth, got) = (shingles(truth), shingles(got));
    let common: usize = truth
        .iter()
        .map(|(k, n)| (*n).min(got.get(k).copied().unwrap_or(0)))
        .sum();
    let precision = common as f64 / got.values().sum::<usize>().max(1) as f64;
    let recall = common as f64 / truth.values().sum::<usize>().max(1) as f64;
    if common == 0 {
        return 0.0;
    }
    2.0 * precision * recall / (precision + recall)
}

#[test]
fn word_and_opendocument_articles_keep_their_text() {
    let mut scores = Vec::new();
    for article in ["harbour", "election"] {
        let truth = fs::read_to_string(fixture(&format!("{article}.txt"))).unwrap();
        for extension in ["docx", "odt"] {
            let (source, _) = add(&format!("{article}.{extension}"), &[]);
            let f1 = shingle_f1(&truth, source.text.as_str());
            println!("{article}.{extension}: F1 {f1:.3}");
            scores.push((format!("{article}.{extension}"), f1));
        }
    }
    let mean = scores.iter().map(|(_, f1)| f1).sum::<f64>() / scores.len() as f64;
    println!("mean F1 {mean:.3}");
    for (name, f1) in &scores {
        assert!(*f1 >= 0.95, "{name}: F1 {f1:.3}");
    }
}

#[test]
fn word_keeps_headings_lists_tables_and_footnotes_and_reads_its_properties() {
    for extension in ["docx", "odt"] {
        let (source, _) = add(&format!("harbour.{extension}"), &[]);
        let text = source.text.as_str();
        assert!(text.contains("\n\nWhat was on the table\n\n"), "{text}");
        assert!(
            text.contains("\n\n• joint inspections of trawlers inside the disputed zone;\n\n"),
            "{text}"
        );
        assert!(text.contains("Herring\t48,000\t43,200\nSprat"), "{text}");
        assert!(text.contains("foreign ministry”[1] and"), "{text}");
        assert!(
            text.ends_with("\n\n[1] The phrase was later repeated in a written statement published by her ministry on Thursday."),
            "{text}"
        );
        assert_eq!(
            source.title, "Harbour talks end without agreement on fishing quotas",
            "{extension}"
        );
        assert_eq!(source.author, "Mara Lindqvist", "{extension}");
    }
}

#[test]
fn the_command_line_overrides_the_details_a_file_declares() {
    let (source, _) = add(
        "harbour.docx",
        &[
            "--title",
            "Quotas",
            "--author",
            "Desk",
            "--published",
            "2025-06-05",
        ],
    );
    assert_eq!(source.title, "Quotas");
    assert_eq!(source.author, "Desk");
    assert_eq!(source.published, NaiveDate::from_ymd_opt(2025, 6, 5));
}

#[test]
fn an_email_gives_its_subject_sender_day_and_body_and_names_its_attachments() {
    let (source, out) = add("press-release.eml", &[]);
    assert_eq!(source.title, "Statement on the harbour talks");
    assert_eq!(source.author, "Regional Fisheries Board");
    assert_eq!(source.published, NaiveDate::from_ymd_opt(2025, 6, 5));
    assert!(
        source
            .text
            .as_str()
            .starts_with("The regional fisheries board regrets"),
        "{}",
        source.text.as_str()
    );
    assert!(!source.text.as_str().contains("JVBER"));
    assert!(
        out.contains("not imported, attached to it: quotas-2026.pdf, harbour.jpg"),
        "{out}"
    );
}

#[test]
fn an_html_email_is_read_as_a_page() {
    let (source, out) = add("newsletter.eml", &[]);
    assert_eq!(source.title, "Weekly briefing: elections");
    assert_eq!(source.author, "briefing@example.org");
    let text = source.text.as_str();
    assert!(text.contains("Turnout fell to 52 per cent"), "{text}");
    assert!(
        !text.contains("<p>") && !text.contains("font-family"),
        "{text}"
    );
    assert!(!out.contains("attached"), "{out}");
}

/// A zip holding `entries` (name, bytes), each deflated.
fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    use std::io::Write;
    let mut writer = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, bytes) in entries {
        writer.start_file(*name, options).unwrap();
        writer.write_all(bytes).unwrap();
    }
    writer.finish().unwrap().into_inner()
}

#[test]
fn hostile_word_and_opendocument_files_are_refused_by_name() {
    let article = fs::read(fixture("harbour.docx")).unwrap();
    refused(
        "cut.docx",
        &article[..article.len() / 2],
        "this is not a Word file, or it is damaged",
    );
    refused("text.odt", b"just text", "not an OpenDocument text");
    refused(
        "locked.docx",
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1 and the rest",
        "password-protected",
    );
    refused(
        "empty.docx",
        &zip_of(&[("[Content_Types].xml", b"<Types/>")]),
        "it has no word/document.xml",
    );
    // 64 MiB of one letter packs to about 64 kB: a thousand times smaller.
    let bomb = vec![b'a'; 64 << 20];
    refused(
        "bomb.docx",
        &zip_of(&[("word/document.xml", &bomb)]),
        "possible zip bomb",
    );
    refused(
        "bomb.odt",
        &zip_of(&[("content.xml", &bomb)]),
        "possible zip bomb",
    );
    let names: Vec<String> = (0..10_001).map(|n| format!("f{n}")).collect();
    let many: Vec<(&str, &[u8])> = names.iter().map(|n| (n.as_str(), &b""[..])).collect();
    refused("many.docx", &zip_of(&many), "10001 parts");
    refused(
        "broken.docx",
        &zip_of(&[("word/document.xml", b"<w:document><w:body><w:p>")]),
        "the part word/document.xml is damaged",
    );
    let deep = format!(
        "<w:document><w:body>{}<w:p><w:r><w:t>deep</w:t></w:r></w:p>{}</w:body></w:document>",
        "<w:sdt>".repeat(100_000),
        "</w:sdt>".repeat(100_000)
    );
    let (source, _) = {
        let dir = project();
        fs::write(
            dir.path().join("deep.docx"),
            zip_of(&[("word/document.xml", deep.as_bytes())]),
        )
        .unwrap();
        let (ok, out, err) = parallax(dir.path(), &["add", "p.ron", "deep.docx"]);
        assert!(ok, "{err}");
        let loaded = parallax::store::load(&dir.path().join("p.ron")).unwrap();
        (loaded.project.sources[0].clone(), out)
    };
    assert_eq!(source.text.as_str(), "deep");
}

#[test]
fn hostile_emails_are_refused_by_name() {
    refused(
        "noise.eml",
        b"\x00\x01 not a message at all",
        "this is not an e-mail",
    );
    refused(
        "only-attachment.eml",
        b"Subject: a\r\nContent-Type: multipart/mixed; boundary=b\r\n\r\n--b\r\n\
          Content-Type: application/pdf\r\nContent-Disposition: attachment; filename=x.pdf\r\n\
          \r\nJVBERi0=\r\n--b--\r\n",
        "its attachments (x.pdf) are not imported",
    );
}

#[test]
fn a_refused_file_among_several_adds_none_of_them() {
    let dir = project();
    let before = fs::read(dir.path().join("p.ron")).unwrap();
    fs::write(dir.path().join("cut.odt"), b"PK\x03\x04 cut short").unwrap();
    let good = fixture("harbour.docx");
    let (ok, _, err) = parallax(
        dir.path(),
        &["add", "p.ron", good.to_str().unwrap(), "cut.odt"],
    );
    assert!(!ok);
    assert!(
        err.contains("cut.odt") && err.contains("nothing was added"),
        "{err}"
    );
    assert_eq!(fs::read(dir.path().join("p.ron")).unwrap(), before);
}

fn pdf_fixture(name: &str) -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/pdf")
        .join(name)
}

/// Adds a PDF of `tests/fixtures/pdf/`; returns the source made.
fn add_pdf(name: &str) -> Source {
    let dir = project();
    let file = pdf_fixture(name);
    let (ok, out, err) = parallax(dir.path(), &["add", "p.ron", file.to_str().unwrap()]);
    assert!(ok, "{name}: {err}");
    assert!(
        out.contains(" of text, ") && out.contains(" words; running heads, feet"),
        "{name}: {out}"
    );
    let loaded = parallax::store::load(&dir.path().join("p.ron")).unwrap();
    loaded.project.sources.into_iter().next().unwrap()
}

#[test]
fn pdf_articles_printed_by_a_browser_keep_their_text_in_reading_order() {
    for article in ["bridge", "ferry"] {
        let truth = fs::read_to_string(pdf_fixture(&format!("{article}.txt"))).unwrap();
        // Chromium tags its headers and footers as artifacts; the untagged copies (the
        // tags taken out with qpdf) show that they go without the tags too.
        // `ferry-hyphens` is set in three columns with soft hyphens in its long words,
        // where Chromium breaks lines with a hyphen.
        let mut files = vec![
            (format!("{article}.pdf"), 0.97),
            (format!("{article}-headers.pdf"), 0.95),
            (format!("{article}-headers-untagged.pdf"), 0.95),
        ];
        if article == "ferry" {
            files.push(("ferry-hyphens.pdf".to_string(), 0.97));
        }
        for (name, target) in files {
            let source = add_pdf(&name);
            let text = source.text.as_str();
            let f1 = shingle_f1(&truth, text);
            println!("{name}: F1 {f1:.3}");
            assert!(f1 >= target, "{name}: F1 {f1:.3}\n{text}");
            // Every paragraph is whole and in place, across columns and pages; list
            // items (whose bullets the browser draws) run on.
            let mut from = 0;
            for paragraph in truth.split("\n\n").filter(|p| !p.starts_with([' ', '-'])) {
                let at = text[from..].find(paragraph.trim());
                assert!(
                    at.is_some(),
                    "{name}: not whole or out of order: {paragraph}\n{text}"
                );
                from += at.unwrap();
            }
            for furniture in [
                "file://",
                "Coast Herald",
                "Halden Tribune",
                "1/2",
                "2/2",
                "1/1",
                "\u{AD}",
                "\u{2010}",
            ] {
                assert!(!text.contains(furniture), "{name}: {furniture}\n{text}");
            }
        }
    }
}

#[test]
fn a_pdf_gives_its_title_and_creation_day() {
    let source = add_pdf("ferry-headers.pdf");
    assert_eq!(
        source.title,
        "Island ferry service cut to two sailings a day - Coast Herald"
    );
    // The day Chromium printed it, as its document information says.
    assert_eq!(source.published, NaiveDate::from_ymd_opt(2026, 12, 3));
}

#[test]
fn scanned_encrypted_and_damaged_pdfs_are_refused_by_name() {
    let read = |name: &str| fs::read(pdf_fixture(name)).unwrap();
    refused(
        "scan.pdf",
        &read("scan.pdf"),
        "the PDF has no text layer (a scanned document?); Parallax does not recognise text in images",
    );
    refused("locked.pdf", &read("locked.pdf"), "the PDF is encrypted");
    refused(
        "notes.pdf",
        b"plain notes, not a PDF",
        "does not begin as a PDF file",
    );
    let article = read("bridge.pdf");
    refused(
        "cut.pdf",
        &article[..article.len() / 3],
        "the PDF is damaged",
    );
}
