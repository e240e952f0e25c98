//! Reading a web archive (`.mhtml`, `.mht`): the "single file" a browser saves a page
//! as, a MIME message whose parts are the page and its images and styles. The page is the
//! `text/html` part the message starts with (by `Snapshot-Content-Location`, the `start`
//! parameter, or else the first); its bytes are decoded from quoted-printable or base64,
//! and its `charset` says how they are text.

use encoding_rs::Encoding;

/// How deep multipart parts may nest inside one another.
const MAX_NESTING: usize = 4;

/// The page inside a web archive.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct ArchivedPage {
    /// The page's bytes, decoded from their transfer encoding.
    pub bytes: Vec<u8>,
    /// The encoding the archive declares for the page, when it names a known one.
    pub encoding: Option<&'static Encoding>,
    /// The address the page was saved from.
    pub location: Option<String>,
}

/// Why a web archive could not be read; the text completes "the web archive ...".
pub(super) type Problem = &'static str;

/// Finds and decodes the page in a web archive's bytes.
pub(super) fn read_archive(bytes: &[u8]) -> Result<ArchivedPage, Problem> {
    let (headers, body) =
        split_headers(bytes).ok_or("does not begin with MIME headers (From:, Content-Type:)")?;
    let snapshot = header(&headers, "snapshot-content-location").map(str::to_string);
    let part = page_part(&headers, body, snapshot.as_deref(), 0)?;
    let content_type = header(&part.headers, "content-type").unwrap_or("text/html");
    let encoding =
        parameter(content_type, "charset").and_then(|label| Encoding::for_label(label.as_bytes()));
    let transfer = header(&part.headers, "content-transfer-encoding")
        .unwrap_or("8bit")
        .to_ascii_lowercase();
    let bytes = match transfer.trim() {
        "quoted-printable" => quoted_printable(part.body),
        "base64" => base64(part.body).ok_or("holds a page whose base64 encoding is broken")?,
        _ => part.body.to_vec(),
    };
    let location = header(&part.headers, "content-location")
        .map(str::to_string)
        .or(snapshot);
    Ok(ArchivedPage {
        bytes,
        encoding,
        location,
    })
}

/// A part's headers: names in lower case, and values.
type Headers = Vec<(String, String)>;

/// One MIME part: its headers and its body.
struct Part<'b> {
    headers: Headers,
    body: &'b [u8],
}

/// The `text/html` part that is the page, looking into multipart bodies.
fn page_part<'b>(
    headers: &[(String, String)],
    body: &'b [u8],
    snapshot: Option<&str>,
    depth: usize,
) -> Result<Part<'b>, Problem> {
    let content_type = header(headers, "content-type").unwrap_or("text/plain");
    let kind = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    if kind == "text/html" {
        return Ok(Part {
            headers: headers.to_vec(),
            body,
        });
    }
    if !kind.starts_with("multipart/") {
        return Err("holds no web page (no text/html part)");
    }
    if depth >= MAX_NESTING {
        return Err("nests its parts too deeply");
    }
    let boundary = parameter(content_type, "boundary")
        .filter(|b| !b.is_empty())
        .ok_or("is multipart but names no boundary between its parts")?;
    let start = parameter(content_type, "start").map(|s| s.trim_matches(['<', '>']).to_string());
    let parts: Vec<Part<'b>> = split_parts(body, boundary.as_bytes())
        .into_iter()
        .filter_map(|part| split_headers(part).map(|(headers, body)| Part { headers, body }))
        .collect();
    if parts.is_empty() {
        return Err("has no parts between its boundaries");
    }
    let is = |part: &Part<'_>, name: &str, wanted: Option<&str>| {
        wanted.is_some_and(|w| {
            header(&part.headers, name).is_some_and(|v| v.trim_matches(['<', '>']) == w)
        })
    };
    let first = parts
        .iter()
        .position(|p| is(p, "content-location", snapshot) || is(p, "content-id", start.as_deref()));
    let order = first.into_iter().chain(0..parts.len());
    let mut problem = "holds no web page (no text/html part)";
    for i in order {
        let part = &parts[i];
        match page_part(&part.headers, part.body, snapshot, depth + 1) {
            Ok(page) => return Ok(page),
            Err(why) if why != "holds no web page (no text/html part)" => problem = why,
            Err(_) => {}
        }
    }
    Err(problem)
}

/// The parts between `--boundary` lines, up to `--boundary--`.
fn split_parts<'b>(body: &'b [u8], boundary: &[u8]) -> Vec<&'b [u8]> {
    let mut delimiter = b"--".to_vec();
    delimiter.extend_from_slice(boundary);
    let mut starts = Vec::new();
    let mut at = 0;
    while let Some(found) = find(&body[at..], &delimiter) {
        let position = at + found;
        let at_line_start = position == 0 || body[position - 1] == b'\n';
        at = position + delimiter.len();
        if at_line_start {
            starts.push(position);
        }
    }
    let mut parts = Vec::new();
    for pair in starts.windows(2) {
        let after = pair[0] + delimiter.len();
        if body[after..].starts_with(b"--") {
            break;
        }
        let part = &body[after..pair[1]];
        parts.push(trim_line_end(skip_line(part)));
    }
    if let Some(&last) = starts.last() {
        let after = last + delimiter.len();
        if !body[after..].starts_with(b"--") {
            // No closing delimiter: the last part runs to the end.
            parts.push(skip_line(&body[after..]));
        }
    }
    parts
}

/// The bytes after the first line end.
fn skip_line(bytes: &[u8]) -> &[u8] {
    bytes
        .iter()
        .position(|&b| b == b'\n')
        .map_or(&[][..], |i| &bytes[i + 1..])
}

/// Without the line end before a boundary, which belongs to the boundary.
fn trim_line_end(bytes: &[u8]) -> &[u8] {
    let bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
    bytes.strip_suffix(b"\r").unwrap_or(bytes)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A block of headers (folded lines unfolded) and the body after the blank line.
fn split_headers(bytes: &[u8]) -> Option<(Headers, &[u8])> {
    let mut headers: Headers = Vec::new();
    let mut rest = bytes;
    loop {
        let end = rest.iter().position(|&b| b == b'\n');
        let line = &rest[..end.unwrap_or(rest.len())];
        rest = end.map_or(&[][..], |e| &rest[e + 1..]);
        let line = line.strip_suffix(b"\r").unwrap_or(line);
        if line.is_empty() {
            break;
        }
        let line = String::from_utf8_lossy(line);
        if line.starts_with([' ', '\t']) {
            let (_, value) = headers.last_mut()?;
            value.push(' ');
            value.push_str(line.trim());
        } else {
            let (name, value) = line.split_once(':')?;
            let name = name.trim();
            if name.is_empty() || name.contains(' ') {
                return None;
            }
            headers.push((name.to_ascii_lowercase(), value.trim().to_string()));
        }
        if end.is_none() {
            break;
        }
    }
    (!headers.is_empty()).then_some((headers, rest))
}

fn header<'h>(headers: &'h [(String, String)], name: &str) -> Option<&'h str> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

/// A parameter of a header value: `boundary` in `multipart/related; boundary="x"`.
fn parameter<'v>(value: &'v str, name: &str) -> Option<&'v str> {
    value.split(';').skip(1).find_map(|p| {
        let (key, value) = p.split_once('=')?;
        key.trim()
            .eq_ignore_ascii_case(name)
            .then(|| value.trim().trim_matches('"'))
    })
}

/// Decodes quoted-printable: `=XX` is a byte, `=` at a line end joins the lines.
fn quoted_printable(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b != b'=' {
            out.push(b);
            i += 1;
            continue;
        }
        let next = &bytes[i + 1..];
        if next.starts_with(b"\r\n") {
            i += 3;
        } else if next.starts_with(b"\n") {
            i += 2;
        } else if let (Some(high), Some(low)) = (
            next.first().and_then(|&h| hex(h)),
            next.get(1).and_then(|&l| hex(l)),
        ) {
            out.push(high << 4 | low);
            i += 3;
        } else {
            out.push(b);
            i += 1;
        }
    }
    out
}

fn hex(digit: u8) -> Option<u8> {
    (digit as char).to_digit(16).map(|d| d as u8)
}

/// Decodes base64, ignoring white space; `None` when a character is not base64.
fn base64(bytes: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(bytes.len() / 4 * 3);
    let mut bits = 0u32;
    let mut held = 0;
    for &b in bytes {
        let value = match b {
            b'A'..=b'Z' => b - b'A',
            b'a'..=b'z' => b - b'a' + 26,
            b'0'..=b'9' => b - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' => break,
            b' ' | b'\t' | b'\r' | b'\n' => continue,
            _ => return None,
        };
        bits = bits << 6 | u32::from(value);
        held += 6;
        if held >= 8 {
            held -= 8;
            out.push((bits >> held) as u8);
            bits &= (1 << held) - 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ARCHIVE: &str = "From: <Saved by Blink>\r\n\
Snapshot-Content-Location: https://post.example/bridge\r\n\
Subject: Bridge to reopen\r\n\
MIME-Version: 1.0\r\n\
Content-Type: multipart/related;\r\n\
\ttype=\"text/html\";\r\n\
\tboundary=\"----MultipartBoundary--abc----\"\r\n\
\r\n\
------MultipartBoundary--abc----\r\n\
Content-Type: text/css\r\n\
Content-Location: https://post.example/site.css\r\n\
\r\n\
p { color: black }\r\n\
------MultipartBoundary--abc----\r\n\
Content-Type: text/html; charset=\"windows-1252\"\r\n\
Content-Transfer-Encoding: quoted-printable\r\n\
Content-Location: https://post.example/bridge\r\n\
\r\n\
<p>Caf=E9 by the bridge, a long line that the archive br=\r\n\
eaks softly =3D kept</p>\r\n\
------MultipartBoundary--abc------\r\n";

    #[test]
    fn the_page_is_found_and_decoded() {
        let page = read_archive(ARCHIVE.as_bytes()).unwrap();
        assert_eq!(
            page.bytes,
            b"<p>Caf\xE9 by the bridge, a long line that the archive breaks softly = kept</p>"
        );
        assert_eq!(page.encoding, Some(encoding_rs::WINDOWS_1252));
        assert_eq!(
            page.location.as_deref(),
            Some("https://post.example/bridge")
        );
    }

    #[test]
    fn base64_pages_are_decoded() {
        let archive = "Content-Type: multipart/related; boundary=b\n\n--b\n\
Content-Type: text/html\nContent-Transfer-Encoding: base64\n\n\
PHA+SGVs\nbG88L3A+\n--b--\n";
        let page = read_archive(archive.as_bytes()).unwrap();
        assert_eq!(page.bytes, b"<p>Hello</p>");
        assert_eq!(page.encoding, None);
        assert_eq!(base64(b"aGk="), Some(b"hi".to_vec()));
        assert_eq!(base64(b"a*b"), None);
    }

    #[test]
    fn broken_archives_say_what_is_wrong() {
        assert!(read_archive(b"<html><p>not mime</p>").is_err());
        assert!(read_archive(b"").is_err());
        let no_boundary = "Content-Type: multipart/related\n\n--x\n\n<p>a</p>";
        assert_eq!(
            read_archive(no_boundary.as_bytes()),
            Err("is multipart but names no boundary between its parts")
        );
        let no_html = "Content-Type: multipart/related; boundary=x\n\n--x\nContent-Type: image/png\n\nPNG\n--x--";
        assert_eq!(
            read_archive(no_html.as_bytes()),
            Err("holds no web page (no text/html part)")
        );
        let bad_base64 = "Content-Type: text/html\nContent-Transfer-Encoding: base64\n\n<p>";
        assert_eq!(
            read_archive(bad_base64.as_bytes()),
            Err("holds a page whose base64 encoding is broken")
        );
        // An unclosed last part runs to the end; `=` without hex digits is kept.
        let open = "Content-Type: multipart/related; boundary=x\n\n--x\nContent-Type: text/html\nContent-Transfer-Encoding: quoted-printable\n\n<p>a=zz</p>";
        assert_eq!(read_archive(open.as_bytes()).unwrap().bytes, b"<p>a=zz</p>");
    }
}
