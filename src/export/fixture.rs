//! A hostile project for the exporters' tests: markup, script tags, event-handler
//! attributes, `javascript:` links, `</style>`, spreadsheet formulas, Markdown and brat
//! syntax, emoji, combining marks, right-to-left text, CRLF and byte-order marks in
//! every field a user fills in, overlapping and nested annotations, and one annotation
//! that is unplaced. `tests/fixtures/export/hostile.ron` is this project saved, for the
//! tests that run the binary.

use chrono::{DateTime, NaiveDate, Utc};

use crate::model::{
    Annotation, AnnotationId, ClaimGroup, ClaimGroupId, Entity, EntityId, EntityKind, Project,
    Source, SourceId, Tag,
};

/// Where the saved copy lives, from the package's folder.
pub const SAVED: &str = "tests/fixtures/export/hostile.ron";

pub const MARKUP_TEXT: &str = "<b>Bold</b> claims & <script>alert('x')</script> said \" onmouseover=\"alert(1)\" x=\".\n\
Visit [here](javascript:alert(1)) or <a href=\"javascript:alert(2)\">there</a> &amp; &lt;b&gt;.\n\
</style><style>body{display:none}</style> | pipes | and *stars* _under_ `code` # hash\n\
=SUM(A1:A9) said the sheet, +1 said one, -2 said two, @cmd said three.\n\
\tTabbed line said the tab.\n\
<!-- comment --> ]]> <![CDATA[ x ]]> {{ template }} ${jndi:x}";

pub const SCRIPTS_TEXT: &str = "שלום! The family 👩\u{200d}👩\u{200d}👧 met in Москва on Wednesday.\n\
\n\
مرحبا بالعالم said the Caf\u{e9} owner and the cafe\u{301} owner\u{feff}, flag 🇷🇺 raised.\n\
Zalgo: Z\u{351}\u{36b}\u{343}a\u{30d}\u{352}l\u{334}g\u{301}o\u{334} said nothing.";

pub const PLAIN_TEXT: &str = "A plain report: the minister said talks would resume on Friday.";

fn at() -> DateTime<Utc> {
    DateTime::from_timestamp(1_749_121_331, 0).expect("a valid time")
}

/// The code-point span of the `nth` (from 0) occurrence of `words` in `text`.
pub fn find(text: &str, words: &str, nth: usize) -> std::ops::Range<usize> {
    let (byte, _) = text
        .match_indices(words)
        .nth(nth)
        .unwrap_or_else(|| panic!("`{words}` is not in the text"));
    let start = text[..byte].chars().count();
    start..start + words.chars().count()
}

struct Builder {
    project: Project,
    next: usize,
}

impl Builder {
    fn source(&mut self, id: &str, title: &str, text: &str) -> &mut Source {
        let source = Source::new(SourceId::new(id).expect("a valid id"), title, text);
        self.project.sources.push(source);
        self.project.sources.last_mut().expect("just pushed")
    }

    fn entity(&mut self, id: &str, name: &str, kind: EntityKind) {
        let id = EntityId::new(id).expect("a valid id");
        self.project
            .entities
            .insert(id.clone(), Entity::new(id, name, kind));
    }

    fn group(&mut self, id: &str, label: &str) {
        let id = ClaimGroupId::new(id).expect("a valid id");
        let group = ClaimGroup {
            id: id.clone(),
            label: label.into(),
            memo: String::new(),
        };
        self.project.claim_groups.insert(id, group);
    }

    fn annotate(&mut self, source: &str, words: &str, nth: usize, tag: Tag, note: &str) {
        let index = self
            .project
            .source_index(&SourceId::new(source).expect("a valid id"))
            .expect("a known source");
        let source = &self.project.sources[index];
        let span = find(source.text.as_str(), words, nth);
        self.next += 1;
        let id = AnnotationId::new(format!("h-{:02}", self.next)).expect("a valid id");
        let mut annotation = Annotation::new(id, source, span, tag);
        annotation.note = note.into();
        annotation.created = at();
        annotation.modified = at();
        self.project
            .annotations
            .insert(annotation.id.clone(), annotation);
    }
}

fn actor(entity: Option<&str>) -> Tag {
    Tag::Actor {
        entity: entity.map(|e| EntityId::new(e).expect("a valid id")),
    }
}

fn claim(speaker: Option<&str>, via: Option<&str>, group: Option<&str>) -> Tag {
    let entity = |e: &str| EntityId::new(e).expect("a valid id");
    Tag::Claim {
        speaker: speaker.map(entity),
        via: via.map(entity),
        group: group.map(|g| ClaimGroupId::new(g).expect("a valid id")),
        credibility: None,
    }
}

fn date(value: Option<&str>) -> Tag {
    Tag::Date {
        value: value.map(|v| v.parse().expect("a valid date value")),
    }
}

/// The hostile project.
pub fn hostile() -> Project {
    let mut b = Builder {
        project: Project::new(
            "<script>alert(\"title\")</script> & </title> \u{feff}Report\r\nof “hostile” text 👩\u{200d}👩\u{200d}👧",
        ),
        next: 0,
    };
    {
        let s = b.source(
            "markup",
            "<img src=x onerror=alert(1)> </style> \" onmouseover=\"alert(1)\r\nline two",
            MARKUP_TEXT,
        );
        s.outlet = "\" onmouseover=\"alert('outlet') | =cmd".into();
        s.author = "=HYPERLINK(\"http://evil.example\",\"click\")".into();
        s.url = "javascript:alert(document.cookie)".into();
        s.published = NaiveDate::from_ymd_opt(2025, 6, 4);
    }
    {
        let s = b.source("scripts", "שלום עולם — مرحبا | e\u{301} 🇷🇺", SCRIPTS_TEXT);
        s.outlet = "@Outlet\tTabbed".into();
        s.url = "https://example.org/a?b=1&c=<2>\"".into();
        s.published = NaiveDate::from_ymd_opt(2025, 6, 5);
    }
    b.source("plain", "-Plain report", PLAIN_TEXT);

    b.entity(
        "img",
        "<img src=x onerror=alert(1)> | Ana",
        EntityKind::Person,
    );
    b.entity("sheet", "=SUM(A1:A9)", EntityKind::Organisation);
    b.entity("crlf", "Line one\r\nLine two", EntityKind::Other);
    b.entity(
        "rtl",
        "مرحبا e\u{301} 👩\u{200d}👩\u{200d}👧",
        EntityKind::Place,
    );
    b.entity("minister", "-the Minister", EntityKind::Person);
    b.group("g-svg", "\"><svg onload=alert(1)> *bold* | pipe");
    b.group("g-plain", "Talks resume\nsoon");

    // Nested and crossing spans in the markup source.
    b.annotate(
        "markup",
        "<b>Bold</b> claims & <script>alert('x')</script>",
        0,
        claim(Some("img"), Some("sheet"), Some("g-svg")),
        "</textarea><script>alert('note')</script>\r\nsecond line\nthird | line",
    );
    b.annotate("markup", "<b>Bold</b>", 0, actor(Some("img")), "=1+1");
    b.annotate(
        "markup",
        "<script>alert('x')</script> said \" onmouseover=\"alert(1)\"",
        0,
        actor(Some("crlf")),
        "\u{feff}BOM note \" onmouseover=\"x\"",
    );
    b.annotate(
        "markup",
        "[here](javascript:alert(1)) or <a href=\"javascript:alert(2)\">there</a>",
        0,
        claim(None, Some("img"), None),
        "\ttab note",
    );
    b.annotate(
        "markup",
        "</style><style>body{display:none}</style> | pipes |",
        0,
        actor(None),
        "\rcarriage return note",
    );
    b.annotate(
        "markup",
        "*stars* _under_ `code` # hash\n=SUM(A1:A9)",
        0,
        date(Some("2025-05-20/2025-05-31")),
        "+plus note",
    );
    b.annotate(
        "markup",
        "=SUM(A1:A9)",
        0,
        actor(Some("sheet")),
        "-minus note",
    );
    b.annotate(
        "markup",
        "+1 said one",
        0,
        date(Some("2025-06")),
        "@at note",
    );
    b.annotate("markup", "-2", 0, date(Some("2025")), "");
    b.annotate("markup", "@cmd", 0, actor(None), "back\\slash \\| pipe \\");
    b.annotate("markup", "\tTabbed", 0, actor(None), "");
    b.annotate(
        "markup",
        "<!-- comment --> ]]> <![CDATA[ x ]]> {{ template }} ${jndi:x}",
        0,
        claim(Some("crlf"), None, Some("g-svg")),
        "",
    );

    // Scripts, emoji and combining marks.
    b.annotate("scripts", "שלום!", 0, actor(Some("rtl")), "עברית note");
    b.annotate(
        "scripts",
        "👩\u{200d}👩\u{200d}👧",
        0,
        actor(Some("rtl")),
        "family 👩\u{200d}👩\u{200d}👧",
    );
    b.annotate("scripts", "Wednesday", 0, date(Some("2025-06-04")), "");
    b.annotate(
        "scripts",
        "مرحبا بالعالم said the Caf\u{e9} owner and the cafe\u{301} owner\u{feff}",
        0,
        claim(Some("rtl"), Some("rtl"), Some("g-plain")),
        "مرحبا\nmulti-line",
    );
    b.annotate("scripts", "cafe\u{301}", 0, actor(Some("minister")), "");
    b.annotate("scripts", "🇷🇺", 0, actor(None), "flag");
    b.annotate(
        "scripts",
        "Z\u{351}\u{36b}\u{343}a\u{30d}\u{352}l\u{334}g\u{301}o\u{334}",
        0,
        actor(Some("img")),
        "",
    );
    b.annotate(
        "scripts",
        "Москва on Wednesday.\n\nمرحبا",
        0,
        claim(None, None, None),
        "across paragraphs",
    );

    // A plain source, and an annotation whose words are gone.
    b.annotate("plain", "the minister", 0, actor(Some("minister")), "");
    b.annotate(
        "plain",
        "talks would resume on Friday",
        0,
        claim(Some("minister"), Some("sheet"), Some("g-plain")),
        "",
    );
    b.annotate("plain", "on Friday", 0, date(Some("2025-06-06")), "");
    b.annotate("plain", "A plain report", 0, actor(None), "lost words");
    let lost = AnnotationId::new(format!("h-{:02}", b.next)).expect("a valid id");
    let lost = b.project.annotations.get_mut(&lost).expect("just added");
    lost.unplaced = true;
    lost.quote.exact = "words that are gone".into();
    b.project
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_saved_copy_is_this_project() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(SAVED);
        let expected = crate::store::to_ron(&hostile());
        if std::env::var_os("PARALLAX_WRITE_FIXTURES").is_some() {
            std::fs::write(&path, &expected).unwrap();
        }
        let saved = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(
            saved == expected,
            "{} is not the hostile project of src/export/fixture.rs; write it again with \
             PARALLAX_WRITE_FIXTURES=1 cargo test --lib export::fixture",
            path.display()
        );
        let loaded = crate::store::from_ron(&saved, &path).unwrap();
        assert!(loaded.notes.is_empty(), "{:?}", loaded.notes);
        assert_eq!(loaded.project, hostile());
    }
}
