//! Importing a saved news page: a seeded synthetic page of about 300 kB, as a browser
//! saves one (head with JSON-LD and OpenGraph, scripts, navigation, a cookie notice, the
//! article with subheads and quotes, related links, a long comment thread, a footer),
//! read from its bytes to the article's text and details. And a 100-page PDF written as
//! Chromium prints (a compressed content stream per page, each glyph shown on its own
//! with a two-byte code and a ToUnicode map, headers and footers marked as artifacts),
//! read to its text.

use std::fmt::Write as _;
use std::io::Write as _;
use std::path::Path;
use std::time::Instant;

use parallax::import::{self, Kept, Reading};

use crate::median;
use crate::synthetic::{Rng, prose};

/// The size of the page, in bytes.
pub const PAGE_BYTES: usize = 300_000;

/// A news page of about `bytes` bytes made from a seed.
pub fn page(seed: u64, bytes: usize) -> String {
    let mut rng = Rng::new(seed);
    let mut html = String::with_capacity(bytes + 8192);
    html.push_str(
        r#"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Ministry and agency trade claims over the call - The Daily Bench</title>
<meta property="og:site_name" content="The Daily Bench">
<meta property="og:title" content="Ministry and agency trade claims over the call">
<meta property="article:published_time" content="2025-06-04T21:30:00+03:00">
<link rel="canonical" href="https://bench.example/news/call">
<script type="application/ld+json">{"@context":"https://schema.org","@type":"NewsArticle",
"headline":"Ministry and agency trade claims over the call","datePublished":"2025-06-04T18:30:00Z",
"author":[{"@type":"Person","name":"A. Writer"}],"publisher":{"@type":"Organization","name":"Daily Bench Ltd"}}</script>
"#,
    );
    let _ = write!(
        html,
        "<script>var config = {{\"data\": \"{}\"}};</script><style>{}</style></head><body>",
        "x".repeat(bytes / 30),
        ".nav a { color: blue } ".repeat(bytes / 200)
    );
    html.push_str(r#"<div class="cookie-banner"><p>We use cookies to improve the site, as every site says.</p><button>Accept</button></div><header><nav><ul>"#);
    for i in 0..120 {
        let _ = write!(html, r#"<li><a href="/section/{i}">Section {i}</a></li>"#);
    }
    html.push_str(r#"</ul></nav></header><main><article><h1>Ministry and agency trade claims over the call</h1><p class="standfirst">"#);
    html.push_str(&prose(&mut rng, 200, true));
    html.push_str(r#"</p><div class="share"><a href="/s">Share</a> <a href="/m">Email</a></div><div class="article-body">"#);
    let article_end = bytes / 2;
    let mut n = 0;
    while html.len() < article_end {
        n += 1;
        match n % 9 {
            0 => {
                let _ = write!(
                    html,
                    "<h2>{}</h2>",
                    prose(&mut rng, 40, true).trim_end_matches(". ")
                );
            }
            4 => {
                let _ = write!(
                    html,
                    "<blockquote><p>{}</p></blockquote>",
                    prose(&mut rng, 300, true)
                );
            }
            _ => {
                let _ = write!(html, "<p>{}</p>", prose(&mut rng, 600, true));
            }
        }
    }
    html.push_str(r#"</div></article><section class="related"><h2>Related</h2><ul>"#);
    for i in 0..40 {
        let _ = write!(
            html,
            r#"<li><a href="/news/{i}">{}</a></li>"#,
            prose(&mut rng, 60, true)
        );
    }
    html.push_str(r#"</ul></section><section id="comments">"#);
    while html.len() < bytes - 2_000 {
        let _ = write!(
            html,
            r#"<div class="comment"><p class="comment-author">reader{}</p><p>{}</p></div>"#,
            rng.below(1000),
            prose(&mut rng, 250, true)
        );
    }
    html.push_str(r#"</section></main><footer><p>© The Daily Bench. All rights reserved.</p></footer></body></html>"#);
    html
}

/// The median time to import the page, in milliseconds, over `runs` runs; checks that
/// the article was found.
pub fn import_ms(runs: usize) -> f64 {
    let page = page(7, PAGE_BYTES);
    let path = Path::new("page.html");
    let samples = (0..runs)
        .map(|_| {
            let started = Instant::now();
            let document = import::document_from_bytes(page.as_bytes(), path, Reading::Article)
                .expect("the synthetic page imports");
            let elapsed = started.elapsed().as_secs_f64() * 1000.0;
            assert!(
                matches!(document.kept, Some(Kept::Article { .. })),
                "{:?}",
                document.kept
            );
            elapsed
        })
        .collect();
    median(samples)
}

/// The number of pages of the PDF.
pub const PDF_PAGES: usize = 100;

/// A PDF of `pages` pages of prose made from a seed, as Chromium prints one.
pub fn pdf(seed: u64, pages: usize) -> Vec<u8> {
    let mut rng = Rng::new(seed);
    // One code per byte value; the ToUnicode map gives each its letter.
    let cmap = "1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
                1 beginbfrange <0020> <007E> <0020> endbfrange";
    let mut objects = vec![
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        String::new(),
        "<< /Type /Font /Subtype /Type0 /BaseFont /Serif /Encoding /Identity-H \
         /DescendantFonts [4 0 R] /ToUnicode 5 0 R >>"
            .to_string(),
        "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Serif /DW 500 >>".to_string(),
        format!("<< /Length {} >>\nstream\n{cmap}\nendstream", cmap.len()),
    ];
    let mut kids = Vec::new();
    for page in 1..=pages {
        let mut content = format!(
            "/Artifact BMC BT /F1 8 Tf 1 0 0 1 560 20 Tm <{:04X}> Tj ET EMC\n",
            u32::from(b'0') + (page % 10) as u32
        );
        for line in 0..48 {
            let text = prose(&mut rng, 90, true);
            let y = 760 - line * 15;
            let _ = write!(content, "BT /F1 11 Tf 1 0 0 1 50 {y} Tm");
            for (i, byte) in text
                .bytes()
                .filter(|b| (0x20..0x7F).contains(b))
                .enumerate()
            {
                if i > 0 {
                    content.push_str(" 5.5 0 Td");
                }
                let _ = write!(content, " <{:04X}> Tj", u32::from(byte));
            }
            content.push_str(" ET\n");
        }
        let mut packed = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        packed
            .write_all(content.as_bytes())
            .expect("writes to memory");
        let packed = packed.finish().expect("writes to memory");
        kids.push(format!("{} 0 R", objects.len() + 1));
        objects.push(format!(
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {} 0 R >>",
            objects.len() + 2
        ));
        // The packed bytes are written as Latin-1 characters, one per byte.
        let latin1: String = packed.iter().map(|&b| char::from(b)).collect();
        objects.push(format!(
            "<< /Length {} /Filter /FlateDecode >>\nstream\n{latin1}\nendstream",
            packed.len()
        ));
    }
    objects[1] = format!(
        "<< /Type /Pages /Kids [{}] /Count {pages} /Resources << /Font << /F1 3 0 R >> >> >>",
        kids.join(" ")
    );
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, object) in objects.iter().enumerate() {
        offsets.push(out.len());
        let _ = writeln!(out, "{} 0 obj", i + 1);
        out.extend(object.chars().map(|c| c as u32 as u8));
        out.extend_from_slice(b"\nendobj\n");
    }
    let xref = out.len();
    let _ = write!(out, "xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1);
    for offset in offsets {
        let _ = writeln!(out, "{offset:010} 00000 n ");
    }
    let _ = write!(
        out,
        "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
        objects.len() + 1
    );
    out
}

/// The median time to import the PDF, in milliseconds, over `runs` runs; checks that
/// every page's text was read and the page numbers left out.
pub fn import_pdf_ms(runs: usize) -> f64 {
    let pdf = pdf(11, PDF_PAGES);
    let path = Path::new("report.pdf");
    let samples = (0..runs)
        .map(|_| {
            let started = Instant::now();
            let document = import::document_from_bytes(&pdf, path, Reading::Article)
                .expect("the synthetic PDF imports");
            let elapsed = started.elapsed().as_secs_f64() * 1000.0;
            let words = document.text.split_whitespace().count();
            assert!(words > PDF_PAGES * 48 * 10, "{words} words");
            elapsed
        })
        .collect();
    median(samples)
}
