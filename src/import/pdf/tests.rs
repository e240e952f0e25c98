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
        write!(out, "{offset:010} 00000 n \n").unwrap();
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
}

#[test]
fn details_come_from_the_information_dictionary_or_xmp() {
    let bytes = pages(
        &["BT /F1 12 Tf 72 720 Td (Text) Tj ET"],
        "/Info << /Title (\u{FE}\u{FF}\0Q\0u\0o\0t\0a\0s) /Author (Mara Lindqvist) /CreationDate (D:20250604213000+03'00') >>",
    );
    let bytes = String::from_utf8_lossy(&bytes).replace('\u{FE}', "\u{FE}");
    let _ = bytes;
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
