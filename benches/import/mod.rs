//! Importing a saved news page: a seeded synthetic page of about 300 kB, as a browser
//! saves one (head with JSON-LD and OpenGraph, scripts, navigation, a cookie notice, the
//! article with subheads and quotes, related links, a long comment thread, a footer),
//! read from its bytes to the article's text and details.

use std::fmt::Write as _;
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
