//! Turning a file's bytes into text: byte-order marks, an HTML page's declared charset,
//! UTF-8, and legacy encodings detected with confidence; binary files are refused.

use std::path::Path;

use encoding_rs::{Encoding, UTF_8};

use super::ImportError;
use super::html::declared_encoding;

/// Above this share of control characters (one in twenty) a file is taken for binary.
const MAX_CONTROL_SHARE: usize = 20;

/// Decodes a file's bytes, without a byte-order mark and otherwise unchanged.
///
/// In order: a byte-order mark (UTF-8, UTF-16 LE or BE) decides; bytes holding NUL are
/// binary; an HTML page's `<meta charset>` or `http-equiv` declaration decides when the
/// bytes are valid in it; valid UTF-8 is UTF-8; UTF-8 with a broken byte is refused
/// where it breaks; anything else is detected with `chardetng` and kept only when the
/// decoded text looks like text.
pub(super) fn decode(bytes: &[u8], path: &Path, html: bool) -> Result<String, ImportError> {
    let text = if let Some((encoding, bom_len)) = Encoding::for_bom(bytes) {
        strict(encoding, &bytes[bom_len..]).ok_or_else(|| ImportError::Undecodable {
            path: path.to_path_buf(),
            encoding: encoding.name(),
        })?
    } else if bytes.contains(&0) {
        return Err(binary(path));
    } else if let Some(text) = html
        .then(|| declared_encoding(bytes))
        .flatten()
        .and_then(|encoding| strict(encoding, bytes))
    {
        text
    } else if let Ok(text) = std::str::from_utf8(bytes) {
        text.to_string()
    } else if looks_binary(&String::from_utf8_lossy(bytes)) {
        return Err(binary(path));
    } else {
        check_not_broken_utf8(bytes, path)?;
        detect(bytes, path)?
    };
    if looks_binary(&text) {
        return Err(binary(path));
    }
    Ok(text)
}

/// Decodes a page in the encoding its container declares (a web archive's part header),
/// as [`decode`] does when the bytes are not valid in it.
pub(super) fn decode_declared(
    bytes: &[u8],
    path: &Path,
    encoding: &'static Encoding,
) -> Result<String, ImportError> {
    match strict(encoding, bytes) {
        Some(text) if !looks_binary(&text) => Ok(text),
        _ => decode(bytes, path, true),
    }
}

fn binary(path: &Path) -> ImportError {
    ImportError::Binary {
        path: path.to_path_buf(),
    }
}

/// Decodes all of `bytes` in `encoding`, or `None` at the first malformed sequence.
fn strict(encoding: &'static Encoding, bytes: &[u8]) -> Option<String> {
    encoding
        .decode_without_bom_handling_and_without_replacement(bytes)
        .map(std::borrow::Cow::into_owned)
}

/// Refuses bytes that are UTF-8 apart from some broken sequence, naming where it breaks:
/// decoding them as a legacy encoding would turn every accented letter into two wrong
/// ones.
fn check_not_broken_utf8(bytes: &[u8], path: &Path) -> Result<(), ImportError> {
    let has_utf8_letters = bytes.utf8_chunks().any(|chunk| !chunk.valid().is_ascii());
    if !has_utf8_letters {
        return Ok(());
    }
    let at = std::str::from_utf8(bytes).map_or_else(|err| err.valid_up_to(), |_| bytes.len());
    let line_start = bytes[..at]
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    Err(ImportError::BrokenUtf8 {
        path: path.to_path_buf(),
        line: bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1,
        column: String::from_utf8_lossy(&bytes[line_start..at])
            .chars()
            .count()
            + 1,
    })
}

/// Detects a legacy encoding; refuses when the guess does not decode to plausible text.
fn detect(bytes: &[u8], path: &Path) -> Result<String, ImportError> {
    let mut detector = chardetng::EncodingDetector::new();
    detector.feed(bytes, true);
    let (encoding, confident) = detector.guess_assess(None, false);
    let unknown = || ImportError::UnknownEncoding {
        path: path.to_path_buf(),
    };
    if !confident || encoding == UTF_8 {
        return Err(unknown());
    }
    strict(encoding, bytes)
        .filter(|text| plausible(text))
        .ok_or_else(unknown)
}

/// Whether a decoded text reads as prose where it is not ASCII. `chardetng` always names
/// some encoding (and its own assessment seldom says no); a wrong one shows as control
/// characters, private-use or replacement characters, box drawing, or other symbols that
/// prose does not use. One such character in a hundred is tolerated.
fn plausible(text: &str) -> bool {
    let mut non_ascii = 0usize;
    let mut odd = 0usize;
    for c in text.chars().filter(|c| !c.is_ascii()) {
        non_ascii += 1;
        if !is_prose_char(c) {
            odd += 1;
        }
    }
    odd * 100 <= non_ascii
}

/// Letters, digits and marks of any script, and the punctuation and symbols of prose.
fn is_prose_char(c: char) -> bool {
    c.is_alphanumeric()
        || matches!(c,
            '\u{00A0}'..='\u{00BF}'   // Latin-1 punctuation and signs: « » ° § £ ©
            | '\u{00D7}' | '\u{00F7}' // × ÷
            | '\u{02B0}'..='\u{036F}' // spacing modifiers and combining accents: ˆ ˜
            | '\u{2000}'..='\u{206F}' // general punctuation: – — ‘ ’ “ ” … • ‰
            | '\u{20A0}'..='\u{20CF}' // currency: €
            | '\u{2100}'..='\u{21FF}' // letterlike and arrows: ™ № →
            | '\u{25A0}'..='\u{26FF}' // shapes and signs of East Asian text: ○ ● ■ ★
            | '\u{3000}'..='\u{303F}' // CJK punctuation
            | '\u{FF00}'..='\u{FFEF}' // full-width forms
        )
}

/// Whether a text holds NUL or a large share of other control characters.
fn looks_binary(text: &str) -> bool {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars() {
        total += 1;
        if c == '\0' {
            return true;
        }
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{000C}') {
            control += 1;
        }
    }
    control * MAX_CONTROL_SHARE > total
}

#[cfg(test)]
mod tests {
    use super::*;

    fn txt(bytes: &[u8]) -> Result<String, ImportError> {
        decode(bytes, Path::new("report.txt"), false)
    }

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut bytes = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for unit in text.encode_utf16() {
            let pair = if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            };
            bytes.extend(pair);
        }
        bytes
    }

    #[test]
    fn utf8_with_and_without_bom() {
        assert_eq!(txt("Café 🌍".as_bytes()).unwrap(), "Café 🌍");
        assert_eq!(txt(b"\xEF\xBB\xBFCaf\xC3\xA9").unwrap(), "Café");
    }

    #[test]
    fn utf16_with_bom_in_both_byte_orders() {
        let text = "Putin — «Leo» 🌍\r\nline two";
        assert_eq!(txt(&utf16(text, false)).unwrap(), text);
        assert_eq!(txt(&utf16(text, true)).unwrap(), text);
        let mut odd = utf16("ab", false);
        odd.push(0x41);
        let err = txt(&odd).unwrap_err();
        assert!(
            matches!(
                err,
                ImportError::Undecodable {
                    encoding: "UTF-16LE",
                    ..
                }
            ),
            "{err}"
        );
        assert!(err.to_string().contains("save it again as UTF-8"), "{err}");
    }

    #[test]
    fn windows_1252_is_detected() {
        let bytes =
            b"Le pr\xE9sident a d\xE9clar\xE9 \xE0 la presse: \x93un geste\x94 \x96 voil\xE0.";
        assert_eq!(
            txt(bytes).unwrap(),
            "Le président a déclaré à la presse: “un geste” – voilà."
        );
        assert_eq!(txt(b"Caf\xE9").unwrap(), "Café");
    }

    #[test]
    fn windows_1251_is_detected() {
        let (bytes, _, _) =
            encoding_rs::WINDOWS_1251.encode("Президент заявил, что встреча состоится в среду.");
        assert_eq!(
            txt(&bytes).unwrap(),
            "Президент заявил, что встреча состоится в среду."
        );
    }

    #[test]
    fn undetectable_encodings_are_refused() {
        // Every byte above ASCII once: no encoding makes prose of that.
        let mut bytes = b"Report: ".to_vec();
        bytes.extend(0x80..=0xFF);
        let err = txt(&bytes).unwrap_err();
        assert!(matches!(err, ImportError::UnknownEncoding { .. }), "{err}");
        let message = err.to_string();
        assert!(message.starts_with("report.txt: "), "{message}");
        assert!(message.contains("convert the file to UTF-8"), "{message}");
    }

    #[test]
    fn broken_utf8_is_refused_where_it_breaks() {
        let mut bytes = "first line\nPrésident é".as_bytes().to_vec();
        bytes.extend([0xFF, b'x']);
        match txt(&bytes).unwrap_err() {
            ImportError::BrokenUtf8 { line, column, .. } => assert_eq!((line, column), (2, 12)),
            other => panic!("{other}"),
        }
    }

    #[test]
    fn binary_files_are_refused() {
        let png = b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR";
        assert!(matches!(txt(png), Err(ImportError::Binary { .. })));
        // Many control characters but no NUL.
        let controls: Vec<u8> = (0..200u8)
            .map(|i| if i % 3 == 0 { 0x01 } else { b'a' })
            .collect();
        assert!(matches!(txt(&controls), Err(ImportError::Binary { .. })));
        // UTF-16 without a byte-order mark holds NUL bytes.
        let bare: Vec<u8> = utf16("plain", false)[2..].to_vec();
        let err = txt(&bare).unwrap_err();
        assert!(err.to_string().contains("binary"), "{err}");
        // A form feed or a tab is text.
        assert_eq!(
            txt(b"page one\x0cpage\ttwo").unwrap(),
            "page one\x0cpage\ttwo"
        );
    }

    #[test]
    fn html_declarations_decide_the_encoding() {
        let (cyrillic, _, _) = encoding_rs::WINDOWS_1251.encode("Москва");
        let mut page =
            b"<html><head><meta charset=\"windows-1251\"><title>t</title></head><body>".to_vec();
        page.extend_from_slice(&cyrillic);
        let text = decode(&page, Path::new("p.html"), true).unwrap();
        assert!(text.ends_with("<body>Москва"), "{text}");

        let latin = b"<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=ISO-8859-1\"></head><body>caf\xE9 \x80</body>";
        let text = decode(latin, Path::new("p.htm"), true).unwrap();
        // ISO-8859-1 is read as windows-1252, as browsers do.
        assert!(text.contains("café €"), "{text}");

        // A declaration that the bytes contradict gives way to what the bytes are.
        let wrong = b"<meta charset=\"utf-8\"><p>Le pr\xE9sident, caf\xE9 cr\xE8me</p>";
        let text = decode(wrong, Path::new("p.html"), true).unwrap();
        assert!(text.contains("Le président, café crème"), "{text}");
    }
}
