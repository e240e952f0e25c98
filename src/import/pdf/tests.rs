//! PDF files made in the tests, object by object, and what reading them gives.

use std::io::Write;
use std::path::Path;

use super::*;

/// A PDF file of `objects` (numbered from 1) with a cross-reference table and a
/// trailer naming object 1 as the catalogue, plus `trailer` entries.
pub(crate) fn pdf(objects: &[&str], trailer: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        write!(out, "{} 0 obj\n{object}\nendobj\n", i + 1).unwrap();
    }
    let xref = out.len();
    write!(out, "xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).unwrap();
    for offset in offsets {
        writeln!(out, "{offset:010} 00000 n ").unwrap();
    }
    write!(
        out,
        "trailer\n<< /Size {} /Root 1 0 R {trailer} >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    )
    .unwrap();
    out
}

/// A stream object holding `content`.
pub(crate) fn stream(content: &str) -> String {
    format!(
        "<< /Length {} >>\nstream\n{content}\nendstream",
        content.len()
    )
}

/// A PDF of pages drawn by `contents` in Helvetica (WinAnsi) as /F1.
pub(crate) fn pages(contents: &[&str], trailer: &str) -> Vec<u8> {
    let n = contents.len();
    let kids: Vec<String> = (0..n).map(|i| format!("{} 0 R", 4 + 2 * i)).collect();
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {n} /Resources << /Font << /F1 3 0 R >> >> /MediaBox [0 0 612 792] >>",
            kids.join(" ")
        ),
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
            .to_string(),
    ];
    for (i, content) in contents.iter().enumerate() {
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /Contents {} 0 R >>",
            5 + 2 * i
        ));
        objects.push(stream(content));
    }
    let refs: Vec<&str> = objects.iter().map(String::as_str).collect();
    pdf(&refs, trailer)
}

fn read(bytes: &[u8]) -> Result<Document, ImportError> {
    read_pdf(bytes, Path::new("report.pdf"))
}

#[test]
fn a_simple_page_is_read() {
    let bytes = pages(
        &["BT /F1 12 Tf 72 720 Td (Hello, world) Tj 0 -14 Td (second line.) Tj ET"],
        "",
    );
    let document = read(&bytes).unwrap();
    assert_eq!(document.text, "Hello, world second line.");
    // What `add` and the window's status bar say was kept.
    assert_eq!(
        document.kept.map(|k| k.to_string()).as_deref(),
        Some("1 page of text, 4 words; running heads, feet and page numbers left out")
    );
}

#[test]
fn details_come_from_the_information_dictionary_or_xmp() {
    let with_info = pages(
        &["BT /F1 12 Tf 72 720 Td (Text) Tj ET"],
        "/Info << /Title (Quotas) /Author (Mara Lindqvist) /CreationDate (D:20250604213000+03'00') >>",
    );
    let document = read(&with_info).unwrap();
    assert_eq!(document.title, "Quotas");
    assert_eq!(document.author.as_deref(), Some("Mara Lindqvist"));
    assert_eq!(document.published, NaiveDate::from_ymd_opt(2025, 6, 4));
    assert_eq!(
        xmp_value(
            "<x><dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">Fish &amp; quotas</rdf:li></rdf:Alt></dc:title></x>",
            "dc:title"
        )
        .as_deref(),
        Some("Fish & quotas")
    );
    assert_eq!(
        day("2025-06-04T21:30:00+03:00"),
        NaiveDate::from_ymd_opt(2025, 6, 4)
    );
    assert_eq!(day("D:2025"), None);
}

/// The message of a refusal, which must name the file.
fn refusal(bytes: &[u8]) -> String {
    let message = read(bytes).unwrap_err().to_string();
    assert!(message.starts_with("report.pdf: "), "{message}");
    message
}

#[test]
fn object_streams_and_cross_reference_streams_are_read() {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-corpus/document_pdf");
    let bytes = std::fs::read(corpus.join("objstm.pdf")).unwrap();
    assert_eq!(
        read(&bytes).unwrap().text,
        "The board will publish the quotas on Thursday."
    );
}

#[test]
fn a_file_without_cross_references_is_read_by_scanning_it() {
    let bytes = pages(&["BT /F1 12 Tf 72 720 Td (Found anyway.) Tj ET"], "");
    let cut = bytes.windows(4).position(|w| w == b"xref").unwrap();
    let mut without = bytes[..cut].to_vec();
    without.extend_from_slice(b"trailer << /Root 1 0 R >>\n%%EOF");
    assert_eq!(read(&without).unwrap().text, "Found anyway.");
    // Wrong offsets and a wrong length are read past too.
    let text = String::from_utf8(bytes.clone()).unwrap();
    let shifted =
        text.replace("/Length ", "/Length 9999999")
            .replacen("0000000009", "0000000001", 1);
    assert_eq!(read(shifted.as_bytes()).unwrap().text, "Found anyway.");
}

#[test]
fn ligatures_actual_text_and_artifacts_are_read_as_meant() {
    let bytes = pages(
        &[
            "/Artifact BMC BT /F1 8 Tf 300 770 Td (Page 1 of 1) Tj ET EMC \
           BT /F1 12 Tf 72 720 Td (the ) Tj /Span << /ActualText (fi) >> BDC (X) Tj EMC (rst ) Tj \
           [(\\223Win) 120 (Ansi\\224)] TJ ET",
        ],
        "",
    );
    assert_eq!(read(&bytes).unwrap().text, "the first “WinAnsi”");
}

#[test]
fn hostile_files_are_refused_by_name_or_read_soundly() {
    assert!(refusal(b"just some text").contains("does not begin as a PDF file"));
    let looped = pdf(
        &[
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [2 0 R] >>",
        ],
        "",
    );
    assert!(refusal(&looped).contains("in a loop"));
    let chained = pdf(&["3 0 R", "1 0 R", "2 0 R"], "");
    assert!(refusal(&chained).contains("damaged"));
    let deep = format!("<< /Type /Catalog /Pages {} >>", "[".repeat(10_000));
    assert!(refusal(&pdf(&[&deep], "")).contains("damaged"));
    let unreadable = pdf(
        &[
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /Font /Subtype /Type0 /Encoding /Identity-H >>",
            &stream("BT /F1 12 Tf 72 720 Td <00410042> Tj ET"),
        ],
        "",
    );
    assert!(refusal(&unreadable).contains("do not say which letters their glyphs stand for"));
    let encrypted = pages(&["BT ET"], "/Encrypt << /Filter /Standard >>");
    assert!(refusal(&encrypted).contains("the PDF is encrypted"));
    let image = pdf(
        &[
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Resources << /XObject << /Im1 4 0 R >> >> /Contents 5 0 R >>",
            "<< /Type /XObject /Subtype /Image /Width 1 /Height 1 /Length 1 >>\nstream\n\0\nendstream",
            &stream("q 600 0 0 800 0 0 cm /Im1 Do Q BI /W 1 /H 1 ID \0 EI"),
        ],
        "",
    );
    assert!(refusal(&image).contains("has no text layer (a scanned document?)"));
    // A decompression bomb: 64 MiB of spaces packed a thousand times smaller.
    let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(&vec![b' '; 64 << 20]).unwrap();
    let packed = encoder.finish().unwrap();
    let mut bomb = pages(&["BT ET"], "");
    let content = format!(
        "5 0 obj\n<< /Length {} /Filter /FlateDecode >>\nstream\n",
        packed.len()
    );
    let at = bomb.windows(8).position(|w| w == b"5 0 obj\n").unwrap();
    let tail = bomb.split_off(at);
    let after = &tail[tail.windows(6).position(|w| w == b"endobj").unwrap() + 6..];
    bomb.extend_from_slice(content.as_bytes());
    bomb.extend_from_slice(&packed);
    bomb.extend_from_slice(b"\nendstream\nendobj");
    bomb.extend_from_slice(after);
    let message = refusal(&bomb);
    assert!(
        message.contains("page 1: ") && message.contains("decompression bomb"),
        "{message}"
    );
    // Every cut of a real file is read or refused, never a panic.
    let whole = pages(
        &["BT /F1 12 Tf 72 720 Td (Cut anywhere.) Tj ET"],
        "/Info << /Title (T) >>",
    );
    for end in (0..whole.len()).step_by(7) {
        let _ = read(&whole[..end]);
    }
}

#[test]
fn a_page_of_many_lines_side_by_side_is_read_whole() {
    // 3,000 rows of two cells each: past the lines whose columns are looked for.
    let mut content = String::from("BT /F1 10 Tf 72 780 Td 14 TL");
    for row in 0..3_000 {
        content.push_str(&format!(
            " (left{row}) Tj 200 0 Td (right{row}) Tj -200 0 Td T*"
        ));
    }
    content.push_str(" ET");
    let text = read(&pages(&[&content], "")).unwrap().text;
    let words: Vec<&str> = text.split_whitespace().collect();
    assert_eq!(words.len(), 6_000);
    assert_eq!(&words[..2], ["left0", "right0"]);
}
