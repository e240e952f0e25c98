//! `parallax add` on saved news pages written for the project (`tests/fixtures/pages/`):
//! the article is kept and the page furniture left out, the page's declared details
//! become the source's, `--whole-page` keeps every visible word, a page without an
//! article falls back to its visible text and says so, and a web archive (`.mhtml`)
//! reads as the page it holds.

use std::fs;
use std::path::Path;
use std::process::Command;

use tempfile::TempDir;

fn pages() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/pages"))
}

/// Runs the binary in `dir`; returns stdout, or panics with stderr.
fn parallax(dir: &Path, args: &[&str]) -> Result<String, String> {
    let output = Command::new(env!("CARGO_BIN_EXE_parallax"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("the parallax binary runs");
    let stdout = String::from_utf8(output.stdout).unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    if output.status.success() {
        Ok(stdout)
    } else {
        Err(stderr)
    }
}

/// A source added from one page: what `add` printed, its text, and the saved project.
struct Added {
    said: String,
    text: String,
    project: String,
    _dir: TempDir,
}

fn add(page: &str, extra: &[&str]) -> Added {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    fs::copy(pages().join(page), d.join(page)).unwrap();
    parallax(d, &["new", "p.ron"]).unwrap();
    let mut args = vec!["add", "p.ron", page, "--id", "page"];
    args.extend(extra);
    let said = parallax(d, &args).unwrap();
    parallax(
        d,
        &["export", "p.ron", "--format", "brat", "--output", "texts"],
    )
    .unwrap();
    Added {
        said,
        text: fs::read_to_string(d.join("texts/page.txt")).unwrap(),
        project: fs::read_to_string(d.join("p.ron")).unwrap(),
        _dir: dir,
    }
}

fn assert_has(text: &str, wanted: &[&str]) {
    for w in wanted {
        assert!(text.contains(w), "`{w}` missing from\n{text}");
    }
}

fn assert_lacks(text: &str, unwanted: &[&str]) {
    for u in unwanted {
        assert!(!text.contains(u), "`{u}` kept in\n{text}");
    }
}

/// Page furniture of the Harbour Post's page.
const HARBOUR_FURNITURE: &[&str] = &[
    "Skip to content",
    "We use cookies",
    "Accept all",
    "Subscribe from",
    "Advertisement",
    "Share on",
    "Email this story",
    "Photo: Harbour Post",
    "daily briefing",
    "Sign up",
    "Related stories",
    "Ferry timetable cut",
    "Comments (3)",
    "Ridiculous",
    "Most read",
    "Storm warning",
    "Privacy policy",
    "All rights reserved",
    "dataLayer",
    "Transport",
];

#[test]
fn a_news_page_gives_its_article_in_reading_order() {
    let added = add("harbour-post.html", &[]);
    let text = &added.text;
    assert!(
        text.starts_with(
            "Old harbour bridge to reopen to buses in July\n\n\
             Councillors voted to end two years of closure"
        ),
        "{text}"
    );
    assert_has(
        text,
        &[
            "\n\nThe old harbour bridge will reopen",
            "\n\nCars in the autumn\n\n",
            "\n\nWe understand the frustration",
            "\n\n£11.8 million for the girders and the deck;\n\n",
            "\"a patch on a patch\"",
        ],
    );
    assert!(
        text.ends_with("will keep running until the end of July."),
        "{text}"
    );
    assert_lacks(text, HARBOUR_FURNITURE);
    let said = &added.said;
    assert!(said.contains(": article, "), "{said}");
    assert!(said.contains(" words of page furniture left out"), "{said}");
}

#[test]
fn the_pages_details_become_the_sources() {
    let project = add("harbour-post.html", &[]).project;
    assert_has(
        &project,
        &[
            r#"title: "Old harbour bridge to reopen to buses in July""#,
            r#"outlet: "The Harbour Post""#,
            r#"author: "Ana Ruiz, Tom Okafor""#,
            r#"url: "https://harbourpost.example/news/local/old-harbour-bridge-reopen""#,
            // 22:45 in the page's zone (UTC-4) on the 4th, though 02:45 UTC on the 5th.
            r#"published: "2025-06-04""#,
        ],
    );
    let project = add("meridian-wire.html", &[]).project;
    assert_has(
        &project,
        &[
            r#"title: "Grain ships leave port as talks resume""#,
            r#"outlet: "Meridian Wire""#,
            r#"author: "Marta Ilić""#,
            r#"url: "https://wire.example/world/grain-ships-talks""#,
            r#"published: "2025-06-05""#,
        ],
    );
    let project = add("valley-courier.html", &[]).project;
    assert_has(
        &project,
        &[
            r#"title: "Floods close the mill road for a second week""#,
            r#"outlet: "Valley Courier""#,
            r#"author: "Ivo Marsh""#,
            r#"published: "2024-02-12""#,
        ],
    );
}

#[test]
fn details_on_the_command_line_win_over_the_pages() {
    let project = add(
        "harbour-post.html",
        &[
            "--title",
            "Bridge vote",
            "--outlet",
            "HP",
            "--published",
            "2025-06-06",
        ],
    )
    .project;
    assert_has(
        &project,
        &[
            r#"title: "Bridge vote""#,
            r#"outlet: "HP""#,
            r#"published: "2025-06-06""#,
            r#"author: "Ana Ruiz, Tom Okafor""#,
        ],
    );
}

#[test]
fn pages_of_other_shapes_give_their_articles() {
    let wire = add("meridian-wire.html", &[]).text;
    assert!(
        wire.starts_with("Grain ships leave port as talks resume\n\nODESSA, June 5"),
        "{wire}"
    );
    assert_has(
        &wire,
        &[
            "\n\nTalks in Istanbul\n\n",
            "many of them already hit by drought.",
        ],
    );
    assert_lacks(
        &wire,
        &[
            "Sign in",
            "Europe",
            "Facebook",
            "Advertisement",
            "More on this story",
            "Most read",
            "Morning Briefing",
            "Terms of use",
        ],
    );
    let courier = add("valley-courier.html", &[]).text;
    assert!(
        courier.starts_with("Floods close the mill road for a second week\n\n"),
        "{courier}"
    );
    assert_has(
        &courier,
        &[
            "past the Café Rosé",
            "“We know how hard",
            "finished in the spring.",
        ],
    );
    assert_lacks(
        &courier,
        &[
            "Front page",
            "Obituaries",
            "Serving the valley",
            "Mill road closed as river rises",
            "Copyright",
        ],
    );
}

#[test]
fn whole_page_keeps_every_visible_word() {
    let added = add("harbour-post.html", &["--whole-page"]);
    assert_has(
        &added.text,
        &[
            "Skip to content",
            "We use cookies",
            "The old harbour bridge will reopen",
            "Ridiculous",
            "All rights reserved",
        ],
    );
    assert_lacks(&added.text, &["dataLayer", "position: fixed"]);
    assert!(added.said.contains(": the whole page, "), "{}", added.said);
}

#[test]
fn a_page_without_an_article_keeps_its_visible_text_and_says_so() {
    let added = add("section-front.html", &[]);
    assert_has(
        &added.text,
        &["Local news", "Fish market to move in 2026", "© 2025"],
    );
    assert!(
        added
            .said
            .contains(": no article recognised, so the page's visible text, "),
        "{}",
        added.said
    );
    assert_has(
        &added.project,
        &[r#"outlet: "The Harbour Post""#, r#"title: "Local news""#],
    );
}

#[test]
fn a_web_archive_reads_as_the_page_it_holds() {
    let page = add("harbour-post.html", &[]);
    let archive = add("harbour-post.mhtml", &[]);
    assert_eq!(archive.text, page.text);
    assert_has(
        &archive.project,
        &[
            r#"outlet: "The Harbour Post""#,
            r#"url: "https://harbourpost.example/news/local/old-harbour-bridge-reopen""#,
            r#"published: "2025-06-04""#,
        ],
    );
    assert!(archive.said.contains(": article, "), "{}", archive.said);
}

#[test]
fn a_broken_web_archive_is_refused_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    parallax(d, &["new", "p.ron"]).unwrap();
    let before = fs::read(d.join("p.ron")).unwrap();
    fs::write(d.join("cut.mhtml"), "Content-Type: multipart/related; boundary=b\r\n\r\n--b\r\nContent-Type: image/png\r\n\r\nPNG").unwrap();
    let err = parallax(d, &["add", "p.ron", "cut.mhtml"]).unwrap_err();
    assert_has(
        &err,
        &["cut.mhtml", "holds no web page", "nothing was added"],
    );
    assert_eq!(fs::read(d.join("p.ron")).unwrap(), before);
}
