//! The files that register Parallax with a Linux desktop agree with the program: the
//! desktop entry opens the file it is given, names the window's app id and the icon, and
//! lists the project files' MIME type; that type is recognised by what a project file
//! starts with, and by nothing else; the icons decode at their sizes; the Debian package
//! ships every one of them. (The packaging scripts themselves are not run by the tests.)

use std::path::Path;

use quick_xml::XmlVersion;
use quick_xml::events::Event;

fn read(path: &str) -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join(path))
        .unwrap_or_else(|e| panic!("{path}: {e}"))
}

/// The `[Desktop Entry]` group's value for `key`.
fn entry<'a>(desktop: &'a str, key: &str) -> Option<&'a str> {
    desktop
        .lines()
        .skip_while(|l| *l != "[Desktop Entry]")
        .take_while(|l| !l.starts_with('[') || *l == "[Desktop Entry]")
        .find_map(|l| l.strip_prefix(key)?.strip_prefix('='))
}

/// One `<match type="string">` of a shared-mime-info magic, with the matches nested in it.
#[derive(Debug)]
struct Match {
    value: Vec<u8>,
    first: usize,
    last: usize,
    inner: Vec<Match>,
}

impl Match {
    /// As shared-mime-info reads it: the value starts at an offset in the range, and one of
    /// the nested matches (if any) holds too.
    fn holds(&self, data: &[u8]) -> bool {
        (self.first..=self.last).any(|at| data[at.min(data.len())..].starts_with(&self.value))
            && (self.inner.is_empty() || self.inner.iter().any(|m| m.holds(data)))
    }
}

/// shared-mime-info's escapes in a string value: `\xHH` and `\\`.
fn unescape(value: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let mut rest = value.as_bytes();
    while let Some((&b, tail)) = rest.split_first() {
        if b == b'\\' && tail.first() == Some(&b'x') {
            let hex = std::str::from_utf8(&tail[1..3]).unwrap();
            out.push(u8::from_str_radix(hex, 16).unwrap());
            rest = &tail[3..];
        } else if b == b'\\' {
            out.push(tail[0]);
            rest = &tail[1..];
        } else {
            out.push(b);
            rest = tail;
        }
    }
    out
}

/// The MIME XML's type name, its globs and its magic.
fn mime_type() -> (String, Vec<String>, Vec<Match>) {
    let xml = read("assets/parallax-mime.xml");
    let mut reader = quick_xml::Reader::from_str(&xml);
    let (mut name, mut globs) = (String::new(), Vec::new());
    let mut open: Vec<Match> = Vec::new();
    let mut magic = Vec::new();
    loop {
        let event = reader.read_event().unwrap();
        let (element, empty) = match &event {
            Event::Start(e) => (e, false),
            Event::Empty(e) => (e, true),
            Event::End(e) if e.name().as_ref() == b"match" => {
                let done = open.pop().unwrap();
                match open.last_mut() {
                    Some(outer) => outer.inner.push(done),
                    None => magic.push(done),
                }
                continue;
            }
            Event::Eof => break,
            _ => continue,
        };
        let attr = |key: &str| {
            element.try_get_attribute(key).unwrap().map(|a| {
                a.normalized_value(XmlVersion::Implicit1_0)
                    .unwrap()
                    .into_owned()
            })
        };
        match element.name().as_ref() {
            b"mime-type" => name = attr("type").unwrap(),
            b"glob" => globs.push(attr("pattern").unwrap()),
            b"match" => {
                assert_eq!(attr("type").as_deref(), Some("string"));
                let offset = attr("offset").unwrap();
                let (first, last) = offset.split_once(':').unwrap_or((&offset, &offset));
                let m = Match {
                    value: unescape(&attr("value").unwrap()),
                    first: first.parse().unwrap(),
                    last: last.parse().unwrap(),
                    inner: Vec::new(),
                };
                if empty {
                    open.last_mut().unwrap().inner.push(m);
                } else {
                    open.push(m);
                }
            }
            _ => {}
        }
    }
    (name, globs, magic)
}

fn recognised(magic: &[Match], data: &[u8]) -> bool {
    magic.iter().any(|m| m.holds(data))
}

#[test]
fn the_desktop_entry_opens_the_file_it_is_given_with_the_windows_icon_and_type() {
    let desktop = read("assets/parallax.desktop");
    assert_eq!(entry(&desktop, "Type"), Some("Application"));
    assert_eq!(entry(&desktop, "Name"), Some("Parallax"));
    // The file manager puts the file's path for %f; `parallax PATH` opens it.
    assert_eq!(entry(&desktop, "Exec"), Some("parallax %f"));
    assert_eq!(entry(&desktop, "Terminal"), Some("false"));
    assert_eq!(entry(&desktop, "Icon"), Some("parallax"));
    assert_eq!(
        entry(&desktop, "StartupWMClass"),
        Some(parallax::ui::APP_ID)
    );
    let (name, _, _) = mime_type();
    assert_eq!(
        entry(&desktop, "MimeType"),
        Some(format!("{name};").as_str())
    );
}

#[test]
fn the_mime_type_knows_project_files_by_their_start_and_claims_no_other_ron_file() {
    let (name, globs, magic) = mime_type();
    assert_eq!(name, "application/x-parallax-project");
    assert!(
        globs.is_empty(),
        "a name would claim other files: {globs:?}"
    );

    let example = parallax::store::to_ron(&parallax::example::example().project);
    let empty = parallax::store::to_ron(&parallax::model::Project::new("Call"));
    for project in [
        example.as_str(),
        empty.as_str(),
        "(format_version: 2, title: \"Written by hand\", sources: [])\n",
        "\u{feff}(\n    format_version: 3,\n    title: \"Saved with a BOM\",\n",
    ] {
        assert!(recognised(&magic, project.as_bytes()), "{project:.60}");
    }
    for other in [
        "(\n    window_size: (800, 600),\n    theme: \"dark\",\n)\n",
        "Config(\n    format_version: 1,\n)\n",
        "[1, 2, 3]\n",
        "(\n    name: \"Another program's file\",\n    format_version: 1,\n)\n",
        "format_version: 3\n",
        "",
    ] {
        assert!(!recognised(&magic, other.as_bytes()), "{other:?}");
    }
}

#[test]
fn every_icon_decodes_at_the_size_its_name_gives() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/icons");
    let mut sizes = Vec::new();
    for file in std::fs::read_dir(&dir).unwrap() {
        let path = file.unwrap().path();
        let name = path.file_name().unwrap().to_str().unwrap().to_string();
        let Some(size) = name
            .strip_prefix("parallax-")
            .and_then(|n| n.strip_suffix(".png"))
        else {
            continue;
        };
        let size: u32 = size.parse().unwrap();
        let icon = eframe::icon_data::from_png_bytes(&std::fs::read(&path).unwrap()).unwrap();
        assert_eq!((icon.width, icon.height), (size, size), "{name}");
        sizes.push(size);
    }
    sizes.sort_unstable();
    assert_eq!(sizes, [16, 32, 48, 64, 128, 256, 512]);
    let svg = read("assets/icons/parallax.svg");
    assert!(svg.contains("viewBox=\"0 0 256 256\""), "a square icon");
}

#[test]
fn the_debian_package_ships_every_desktop_file_where_the_desktop_looks() {
    let manifest = read("Cargo.toml");
    let deb = &manifest[manifest
        .find("[package.metadata.deb]")
        .expect("Debian package metadata")..];
    let shipped = |from: &str, to: &str| deb.contains(&format!("[\"{from}\", \"{to}\""));
    assert!(shipped("target/release/parallax", "usr/bin/"));
    assert!(shipped(
        "assets/parallax.desktop",
        "usr/share/applications/parallax.desktop"
    ));
    assert!(shipped(
        "assets/parallax-mime.xml",
        "usr/share/mime/packages/parallax.xml"
    ));
    assert!(shipped(
        "assets/icons/parallax.svg",
        "usr/share/icons/hicolor/scalable/apps/parallax.svg"
    ));
    for size in [16, 32, 48, 64, 128, 256, 512] {
        assert!(
            shipped(
                &format!("assets/icons/parallax-{size}.png"),
                &format!("usr/share/icons/hicolor/{size}x{size}/apps/parallax.png"),
            ),
            "{size}"
        );
    }
}
