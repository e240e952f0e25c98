//! What a PDF font says about the glyphs a page shows: how its string bytes split into
//! codes, which letters each code stands for (the font's ToUnicode map, else its
//! encoding and glyph names: WinAnsi, MacRoman, Standard, with Differences) and how wide
//! each glyph is. Ligatures become their letters (`ﬁ` → `fi`).

use std::collections::HashMap;

use super::objects::{Dict, File, Lexer, Object, Token};

/// The most codes a font's maps may hold, together.
const MAX_CODES: usize = 1 << 20;

/// The glyph names of WinAnsiEncoding from code 32 to 255 (`-` where there is none).
const WIN_ANSI_NAMES: &str = "space exclam quotedbl numbersign dollar percent ampersand \
    quotesingle parenleft parenright asterisk plus comma hyphen period slash zero one two \
    three four five six seven eight nine colon semicolon less equal greater question at A B \
    C D E F G H I J K L M N O P Q R S T U V W X Y Z bracketleft backslash bracketright \
    asciicircum underscore grave a b c d e f g h i j k l m n o p q r s t u v w x y z \
    braceleft bar braceright asciitilde - Euro - quotesinglbase florin quotedblbase ellipsis \
    dagger daggerdbl circumflex perthousand Scaron guilsinglleft OE - Zcaron - - quoteleft \
    quoteright quotedblleft quotedblright bullet endash emdash tilde trademark scaron \
    guilsinglright oe - zcaron Ydieresis nbspace exclamdown cent sterling currency yen \
    brokenbar section dieresis copyright ordfeminine guillemotleft logicalnot sfthyphen \
    registered macron degree plusminus twosuperior threesuperior acute mu paragraph \
    periodcentered cedilla onesuperior ordmasculine guillemotright onequarter onehalf \
    threequarters questiondown Agrave Aacute Acircumflex Atilde Adieresis Aring AE Ccedilla \
    Egrave Eacute Ecircumflex Edieresis Igrave Iacute Icircumflex Idieresis Eth Ntilde Ograve \
    Oacute Ocircumflex Otilde Odieresis multiply Oslash Ugrave Uacute Ucircumflex Udieresis \
    Yacute Thorn germandbls agrave aacute acircumflex atilde adieresis aring ae ccedilla \
    egrave eacute ecircumflex edieresis igrave iacute icircumflex idieresis eth ntilde ograve \
    oacute ocircumflex otilde odieresis divide oslash ugrave uacute ucircumflex udieresis \
    yacute thorn ydieresis";

/// Glyph names outside WinAnsiEncoding that text often uses.
const OTHER_NAMES: &[(&str, &str)] = &[
    ("fi", "fi"),
    ("fl", "fl"),
    ("ff", "ff"),
    ("ffi", "ffi"),
    ("ffl", "ffl"),
    ("dotlessi", "ı"),
    ("minus", "−"),
    ("fraction", "⁄"),
    ("Lslash", "Ł"),
    ("lslash", "ł"),
    ("quotedbl", "\""),
];

/// Where StandardEncoding differs from WinAnsiEncoding's letters below 128, and its
/// codes above.
const STANDARD_CODES: &[(u8, char)] = &[
    (0x27, '’'),
    (0x60, '‘'),
    (0xA1, '¡'),
    (0xA2, '¢'),
    (0xA3, '£'),
    (0xA4, '⁄'),
    (0xA5, '¥'),
    (0xA6, 'ƒ'),
    (0xA7, '§'),
    (0xA8, '¤'),
    (0xA9, '\''),
    (0xAA, '“'),
    (0xAB, '«'),
    (0xAC, '‹'),
    (0xAD, '›'),
    (0xB1, '–'),
    (0xB2, '†'),
    (0xB3, '‡'),
    (0xB4, '·'),
    (0xB6, '¶'),
    (0xB7, '•'),
    (0xB8, '‚'),
    (0xB9, '„'),
    (0xBA, '”'),
    (0xBB, '»'),
    (0xBC, '…'),
    (0xBD, '‰'),
    (0xBF, '¿'),
    (0xD0, '—'),
    (0xE1, 'Æ'),
    (0xE9, 'Ø'),
    (0xEA, 'Œ'),
    (0xF1, 'æ'),
    (0xF5, 'ı'),
    (0xF9, 'ø'),
    (0xFA, 'œ'),
    (0xFB, 'ß'),
];

/// A font as the text of a page needs it.
#[derive(Debug, Default)]
pub(super) struct Font {
    /// The byte lengths of codes and the ranges each covers; empty: one byte a code.
    codespace: Vec<(usize, u32, u32)>,
    to_unicode: HashMap<u32, String>,
    /// A simple font's letters by code, from its encoding.
    encoding: Option<Vec<Option<String>>>,
    widths: HashMap<u32, f64>,
    /// The width of a glyph the widths do not list, in text space (an em is 1).
    default_width: f64,
}

impl Font {
    /// Reads the font dictionary `dict`. What cannot be read is left out: a glyph
    /// without letters is passed over, a glyph without width gets a default.
    pub(super) fn load(file: &File, dict: &Dict) -> Font {
        let subtype = file.get(dict, b"Subtype").unwrap_or(Object::Null);
        let mut font = Font {
            default_width: 0.5,
            ..Font::default()
        };
        if let Ok(Object::Stream(stream)) = file.get(dict, b"ToUnicode")
            && let Ok(bytes) = file.decode(&stream)
        {
            font.read_cmap(&bytes);
        }
        if subtype.as_name() == Some(b"Type0") {
            font.load_composite(file, dict);
        } else {
            font.load_simple(file, dict, subtype.as_name() == Some(b"Type3"));
        }
        font
    }

    fn load_composite(&mut self, file: &File, dict: &Dict) {
        // Codes are two bytes (Identity-H and the usual CMaps) unless an embedded CMap
        // says otherwise.
        self.codespace.clear();
        if let Ok(Object::Stream(stream)) = file.get(dict, b"Encoding")
            && let Ok(bytes) = file.decode(&stream)
        {
            let mut cmap = Font::default();
            cmap.read_cmap(&bytes);
            self.codespace = cmap.codespace;
        }
        if self.codespace.is_empty() {
            self.codespace.push((2, 0, 0xFFFF));
        }
        self.default_width = 1.0;
        let descendant = match file.get(dict, b"DescendantFonts") {
            Ok(Object::Array(list)) => list.first().and_then(|d| file.resolve(d).ok()),
            _ => None,
        };
        let Some(descendant) = descendant.as_ref().and_then(Object::as_dict) else {
            return;
        };
        if let Some(width) = file.get(descendant, b"DW").ok().and_then(|w| w.as_number()) {
            self.default_width = width / 1000.0;
        }
        let Ok(Object::Array(widths)) = file.get(descendant, b"W") else {
            return;
        };
        let mut items = widths
            .iter()
            .map(|w| file.resolve(w).unwrap_or(Object::Null));
        while let Some(first) = items.next() {
            let Some(first) = first.as_int().and_then(|n| u32::try_from(n).ok()) else {
                break;
            };
            match items.next() {
                Some(Object::Array(list)) => {
                    for (i, w) in list.iter().enumerate() {
                        if let Some(w) = w.as_number() {
                            self.add_width(first.saturating_add(i as u32), w / 1000.0);
                        }
                    }
                }
                Some(last) => {
                    let Some(last) = last.as_int().and_then(|n| u32::try_from(n).ok()) else {
                        break;
                    };
                    let Some(w) = items.next().and_then(|w| w.as_number()) else {
                        break;
                    };
                    for code in first..=last.min(first.saturating_add(0xFFFF)) {
                        self.add_width(code, w / 1000.0);
                    }
                }
                None => break,
            }
        }
    }

    fn add_width(&mut self, code: u32, width: f64) {
        if self.widths.len() < MAX_CODES {
            self.widths.insert(code, width);
        }
    }

    fn load_simple(&mut self, file: &File, dict: &Dict, type3: bool) {
        let scale = if type3 {
            match file.get(dict, b"FontMatrix") {
                Ok(Object::Array(m)) => m.first().and_then(Object::as_number).unwrap_or(0.001),
                _ => 0.001,
            }
        } else {
            0.001
        };
        let base_font = file.get(dict, b"BaseFont").unwrap_or(Object::Null);
        let base_font = base_font.as_name().unwrap_or_default();
        if base_font.windows(7).any(|w| w == b"Courier") {
            self.default_width = 0.6;
        }
        let first = file
            .get(dict, b"FirstChar")
            .ok()
            .and_then(|f| f.as_int())
            .unwrap_or(0);
        if let Ok(Object::Array(widths)) = file.get(dict, b"Widths") {
            for (i, w) in widths.iter().take(256).enumerate() {
                if let (Some(w), Ok(code)) = (
                    file.resolve(w).ok().and_then(|w| w.as_number()),
                    u32::try_from(first.saturating_add(i as i64)),
                ) {
                    self.add_width(code, w * scale);
                }
            }
        }
        let symbolic = base_font.ends_with(b"Symbol") || base_font.ends_with(b"Dingbats");
        let (base, differences) = match file.get(dict, b"Encoding") {
            Ok(Object::Name(name)) => (Some(name), None),
            Ok(Object::Dict(encoding)) => (
                file.get(&encoding, b"BaseEncoding")
                    .ok()
                    .and_then(|n| n.as_name().map(<[u8]>::to_vec)),
                match file.get(&encoding, b"Differences") {
                    Ok(Object::Array(list)) => Some(list),
                    _ => None,
                },
            ),
            _ => (None, None),
        };
        let mut letters: Vec<Option<String>> = if symbolic && base.is_none() {
            vec![None; 256]
        } else {
            base_encoding(
                base.as_deref()
                    .unwrap_or(if type3 { b"" } else { b"StandardEncoding" }),
            )
        };
        if let Some(differences) = differences {
            let mut code = 0usize;
            for item in differences {
                match file.resolve(&item).unwrap_or(Object::Null) {
                    Object::Int(n) => code = usize::try_from(n).unwrap_or(256),
                    Object::Name(name) => {
                        if let Some(slot) = letters.get_mut(code) {
                            *slot = glyph_letters(&String::from_utf8_lossy(&name));
                        }
                        code += 1;
                    }
                    _ => {}
                }
            }
        }
        self.encoding = Some(letters);
    }

    /// Reads a CMap: its code space, and the letters of its `bfchar` and `bfrange`
    /// entries.
    fn read_cmap(&mut self, bytes: &[u8]) {
        let mut lexer = Lexer::new(bytes, 0);
        let mut operands: Vec<Object> = Vec::new();
        while let Some(token) = lexer.token() {
            match token {
                Ok(Token::Operand(object)) => {
                    if operands.len() < 3 * 256 {
                        operands.push(object);
                    }
                }
                Ok(Token::Operator(b"endcodespacerange")) => {
                    for pair in operands.chunks(2) {
                        if let [Object::String(low), Object::String(high)] = pair {
                            self.codespace.push((low.len(), number(low), number(high)));
                        }
                    }
                    operands.clear();
                }
                Ok(Token::Operator(b"endbfchar")) => {
                    for pair in operands.chunks(2) {
                        if let [Object::String(code), target] = pair
                            && let Some(letters) = target_letters(target)
                        {
                            self.map(number(code), letters);
                        }
                    }
                    operands.clear();
                }
                Ok(Token::Operator(b"endbfrange")) => {
                    for triple in operands.chunks(3) {
                        if let [Object::String(low), Object::String(high), target] = triple {
                            self.map_range(number(low), number(high), target);
                        }
                    }
                    operands.clear();
                }
                Ok(Token::Operator(_)) => operands.clear(),
                Err(_) => {}
            }
        }
        self.codespace.retain(|&(len, _, _)| (1..=4).contains(&len));
    }

    fn map(&mut self, code: u32, letters: String) {
        if self.to_unicode.len() < MAX_CODES {
            self.to_unicode.insert(code, letters);
        }
    }

    fn map_range(&mut self, low: u32, high: u32, target: &Object) {
        let high = high.min(low.saturating_add(0xFFFF));
        match target {
            Object::String(first) if first.len() >= 2 => {
                let mut units: Vec<u16> = first
                    .chunks(2)
                    .map(|p| u16::from_be_bytes([p[0], p.get(1).copied().unwrap_or(0)]))
                    .collect();
                for code in low..=high {
                    self.map(
                        code,
                        char::decode_utf16(units.iter().copied())
                            .map(|c| c.unwrap_or('\u{FFFD}'))
                            .collect(),
                    );
                    if let Some(last) = units.last_mut() {
                        *last = last.wrapping_add(1);
                    }
                }
            }
            Object::Array(list) => {
                for (code, target) in (low..=high).zip(list) {
                    if let Some(letters) = target_letters(target) {
                        self.map(code, letters);
                    }
                }
            }
            _ => {}
        }
    }

    /// The codes in a string's bytes.
    pub(super) fn codes(&self, bytes: &[u8]) -> Vec<(u32, bool)> {
        let mut codes = Vec::with_capacity(bytes.len());
        let mut at = 0;
        while at < bytes.len() {
            let length = if self.codespace.is_empty() {
                1
            } else {
                (1..=4)
                    .find(|&len| {
                        at + len <= bytes.len()
                            && self.codespace.iter().any(|&(l, low, high)| {
                                l == len && (low..=high).contains(&number(&bytes[at..at + len]))
                            })
                    })
                    .unwrap_or_else(|| self.codespace[0].0.min(bytes.len() - at))
            };
            let code = number(&bytes[at..at + length]);
            // Word spacing applies to the single-byte code 32 only.
            codes.push((code, length == 1 && code == 32));
            at += length;
        }
        codes
    }

    /// The letters a code stands for; `None` when the font does not say.
    pub(super) fn letters(&self, code: u32) -> Option<&str> {
        self.to_unicode.get(&code).map(String::as_str).or_else(|| {
            self.encoding
                .as_ref()
                .and_then(|e| e.get(code as usize))
                .and_then(|l| l.as_deref())
        })
    }

    /// A glyph's width in text space (an em is 1).
    pub(super) fn width(&self, code: u32) -> f64 {
        self.widths
            .get(&code)
            .copied()
            .unwrap_or(self.default_width)
    }
}

/// The big-endian number in up to four bytes.
fn number(bytes: &[u8]) -> u32 {
    bytes
        .iter()
        .take(4)
        .fold(0u32, |n, &b| n << 8 | u32::from(b))
}

/// The letters a CMap entry maps to: UTF-16BE bytes, or a glyph name.
fn target_letters(target: &Object) -> Option<String> {
    match target {
        Object::String(bytes) => {
            let units = bytes
                .chunks(2)
                .map(|p| u16::from_be_bytes([p[0], p.get(1).copied().unwrap_or(0)]));
            Some(
                char::decode_utf16(units)
                    .map(|c| c.unwrap_or('\u{FFFD}'))
                    .collect(),
            )
        }
        Object::Name(name) => glyph_letters(&String::from_utf8_lossy(name)),
        _ => None,
    }
}

/// The letters of a base encoding, by code.
fn base_encoding(name: &[u8]) -> Vec<Option<String>> {
    let decoder = match name {
        b"WinAnsiEncoding" | b"StandardEncoding" => Some(encoding_rs::WINDOWS_1252),
        b"MacRomanEncoding" => Some(encoding_rs::MACINTOSH),
        _ => None,
    };
    let mut letters: Vec<Option<String>> = (0..=255u8)
        .map(|code| {
            let decoder = decoder?;
            if code < 32 || (name == b"StandardEncoding" && code >= 0x7F) {
                return None;
            }
            let byte = [code];
            let (text, _, bad) = decoder.decode(&byte);
            (!bad).then(|| text.into_owned())
        })
        .collect();
    if name == b"StandardEncoding" {
        for &(code, letter) in STANDARD_CODES {
            letters[code as usize] = Some(letter.to_string());
        }
    }
    letters
}

/// The letters a glyph name stands for: names of the Adobe Glyph List that text uses,
/// `uniXXXX`, `uXXXX`, names of ligatures joined by `_`, and variants after a `.`.
pub(super) fn glyph_letters(name: &str) -> Option<String> {
    let name = name.split('.').next().unwrap_or(name);
    if name.contains('_') {
        let parts: Option<String> = name.split('_').map(glyph_letters).collect();
        return parts;
    }
    if let Some(hex) = name.strip_prefix("uni")
        && hex.len() >= 4
        && hex.len() % 4 == 0
    {
        let units: Option<Vec<u16>> = (0..hex.len() / 4)
            .map(|i| u16::from_str_radix(hex.get(i * 4..i * 4 + 4)?, 16).ok())
            .collect();
        return units.map(|u| {
            char::decode_utf16(u)
                .map(|c| c.unwrap_or('\u{FFFD}'))
                .collect()
        });
    }
    if let Some(hex) = name.strip_prefix('u')
        && (4..=6).contains(&hex.len())
        && let Some(c) = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32)
    {
        return Some(c.to_string());
    }
    if let Some(&(_, letters)) = OTHER_NAMES.iter().find(|(n, _)| *n == name) {
        return Some(letters.to_string());
    }
    let code = WIN_ANSI_NAMES.split_whitespace().position(|n| n == name)?;
    let byte = [(code + 32) as u8];
    let (text, _, _) = encoding_rs::WINDOWS_1252.decode(&byte);
    Some(text.into_owned())
}

/// Ligatures as their letters (`ﬁ` → `fi`): the compatibility decomposition of the
/// Latin ligatures, and nothing else.
pub(super) fn push_letters(out: &mut String, letters: &str) {
    for c in letters.chars() {
        match c {
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn glyph_names_give_letters() {
        assert_eq!(glyph_letters("a").as_deref(), Some("a"));
        assert_eq!(glyph_letters("eacute").as_deref(), Some("é"));
        assert_eq!(glyph_letters("quoteright").as_deref(), Some("’"));
        assert_eq!(glyph_letters("Euro").as_deref(), Some("€"));
        assert_eq!(glyph_letters("uni00660069").as_deref(), Some("fi"));
        assert_eq!(glyph_letters("u1F30D").as_deref(), Some("🌍"));
        assert_eq!(glyph_letters("f_f_i").as_deref(), Some("ffi"));
        assert_eq!(glyph_letters("a.sc").as_deref(), Some("a"));
        assert_eq!(glyph_letters("g123"), None);
    }

    #[test]
    fn encodings_give_letters() {
        let win = base_encoding(b"WinAnsiEncoding");
        assert_eq!(win[0x93].as_deref(), Some("“"));
        assert_eq!(win[0xE9].as_deref(), Some("é"));
        let standard = base_encoding(b"StandardEncoding");
        assert_eq!(standard[0x27].as_deref(), Some("’"));
        assert_eq!(standard[0xAE], None);
        let mac = base_encoding(b"MacRomanEncoding");
        assert_eq!(mac[0x8E].as_deref(), Some("é"));
    }

    #[test]
    fn a_to_unicode_cmap_is_read() {
        let mut font = Font::default();
        font.read_cmap(
            b"1 begincodespacerange <0000> <FFFF> endcodespacerange\n\
              2 beginbfchar <0003> <0020> <13B2> <00660069> endbfchar\n\
              2 beginbfrange <0044> <0046> <0061> <0050> <0051> [<FB01> /eacute] endbfrange",
        );
        assert_eq!(
            font.codes(&[0x00, 0x44, 0x13, 0xB2]),
            vec![(0x44, false), (0x13B2, false)]
        );
        assert_eq!(font.letters(0x46), Some("c"));
        assert_eq!(font.letters(0x13B2), Some("fi"));
        assert_eq!(font.letters(0x51), Some("é"));
        assert_eq!(font.letters(0x99), None);
        let mut out = String::new();
        push_letters(&mut out, "\u{FB01}nd \u{FB04}");
        assert_eq!(out, "find ffl");
    }
}
