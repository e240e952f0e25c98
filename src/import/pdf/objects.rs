//! The object layer of a PDF file: its syntax (numbers, strings, names, arrays,
//! dictionaries, streams, references), its cross-reference tables and streams, object
//! streams, and a stream's bytes decoded (by [`filters`]).
//!
//! Every step is bounded for hostile files: nesting depth, chains of references, the
//! number of cross-reference sections, and what a stream may decode to (in size and in
//! ratio, as for the parts of a Word package). A file whose cross-reference data is
//! missing or damaged is read by scanning it for `N G obj`.

use std::cell::{Cell, RefCell};
use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::rc::Rc;

use super::super::package::{MAX_RATIO, MAX_UNPACKED_BYTES, RATIO_FREE_BYTES};
use super::filters;

/// How deep arrays and dictionaries may nest inside one another.
const MAX_NESTING: usize = 64;

/// How many references may lead one to another before the chain is taken for a loop.
const MAX_CHAIN: u32 = 16;

/// How many cross-reference sections (one per incremental save) a file may chain.
const MAX_SECTIONS: usize = 1_000;

/// What is wrong with a file, in words that finish "the file is damaged: …".
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Damage(pub String);

pub(super) type Parsed<T> = Result<T, Damage>;

fn damage<T>(what: impl Into<String>) -> Parsed<T> {
    Err(Damage(what.into()))
}

/// An object number and generation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) struct Ref(pub u32, pub u16);

/// A dictionary: its keys (names, without the slash) and values, in the file's order.
#[derive(Debug, Clone, Default, PartialEq)]
pub(super) struct Dict(pub Vec<(Vec<u8>, Object)>);

impl Dict {
    pub(super) fn get(&self, key: &[u8]) -> Option<&Object> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }
}

/// A stream: its dictionary and where its (still encoded) bytes lie in the file.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Stream {
    pub dict: Dict,
    pub data: Range<usize>,
}

#[derive(Debug, Clone, PartialEq)]
pub(super) enum Object {
    Null,
    Bool(bool),
    Int(i64),
    Real(f64),
    Name(Vec<u8>),
    String(Vec<u8>),
    Array(Vec<Object>),
    Dict(Dict),
    Stream(Stream),
    Ref(Ref),
}

impl Object {
    pub(super) fn as_number(&self) -> Option<f64> {
        match *self {
            Object::Int(n) => Some(n as f64),
            Object::Real(n) => Some(n),
            _ => None,
        }
    }

    pub(super) fn as_int(&self) -> Option<i64> {
        match *self {
            Object::Int(n) => Some(n),
            _ => None,
        }
    }

    pub(super) fn as_name(&self) -> Option<&[u8]> {
        match self {
            Object::Name(name) => Some(name),
            _ => None,
        }
    }

    pub(super) fn as_dict(&self) -> Option<&Dict> {
        match self {
            Object::Dict(dict) => Some(dict),
            Object::Stream(stream) => Some(&stream.dict),
            _ => None,
        }
    }
}

/// A token of a content stream: an operand or an operator.
#[derive(Debug, PartialEq)]
pub(super) enum Token<'a> {
    Operand(Object),
    Operator(&'a [u8]),
}

fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0C' | b'\0')
}

fn is_delimiter(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn is_regular(b: u8) -> bool {
    !is_white(b) && !is_delimiter(b)
}

/// Reads objects from bytes, one after another.
pub(super) struct Lexer<'a> {
    pub bytes: &'a [u8],
    pub pos: usize,
}

impl<'a> Lexer<'a> {
    /// A lexer at `pos` (a position past the end is the end).
    pub(super) fn new(bytes: &'a [u8], pos: usize) -> Self {
        Lexer {
            bytes,
            pos: pos.min(bytes.len()),
        }
    }

    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    pub(super) fn skip_white(&mut self) {
        while let Some(b) = self.peek() {
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while let Some(b) = self.peek() {
                    if b == b'\n' || b == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    /// The run of regular characters at the position (a number or a keyword).
    fn word(&mut self) -> &'a [u8] {
        let start = self.pos;
        while self.peek().is_some_and(is_regular) {
            self.pos += 1;
        }
        &self.bytes[start..self.pos]
    }

    /// Skips white space and reads `keyword` when it comes next.
    pub(super) fn keyword(&mut self, keyword: &[u8]) -> bool {
        self.skip_white();
        let save = self.pos;
        if self.word() == keyword {
            true
        } else {
            self.pos = save;
            false
        }
    }

    /// Reads an unsigned integer when one comes next.
    pub(super) fn unsigned(&mut self) -> Option<u64> {
        self.skip_white();
        let save = self.pos;
        let word = self.word();
        let parsed = std::str::from_utf8(word).ok().and_then(|w| w.parse().ok());
        if parsed.is_none() {
            self.pos = save;
        }
        parsed
    }

    /// The next token of a content stream, or `None` at the end.
    pub(super) fn token(&mut self) -> Option<Parsed<Token<'a>>> {
        self.skip_white();
        let b = self.peek()?;
        if is_regular(b) && !matches!(b, b'0'..=b'9' | b'+' | b'-' | b'.') {
            let word = self.word();
            return Some(Ok(match word {
                b"true" => Token::Operand(Object::Bool(true)),
                b"false" => Token::Operand(Object::Bool(false)),
                b"null" => Token::Operand(Object::Null),
                operator => Token::Operator(operator),
            }));
        }
        if matches!(b, b')' | b'>' | b']' | b'}' | b'{') {
            self.pos += 1;
            return Some(damage(format!("an unexpected `{}`", b as char)));
        }
        Some(self.object(0, false).map(Token::Operand))
    }

    /// Reads one object; `refs` says whether `N G R` is a reference (not in content
    /// streams).
    pub(super) fn object(&mut self, depth: usize, refs: bool) -> Parsed<Object> {
        if depth > MAX_NESTING {
            return damage(format!(
                "arrays or dictionaries nest more than {MAX_NESTING} deep"
            ));
        }
        self.skip_white();
        let Some(b) = self.peek() else {
            return damage("it ends in the middle of an object");
        };
        match b {
            b'/' => {
                self.pos += 1;
                Ok(Object::Name(self.name()))
            }
            b'(' => {
                self.pos += 1;
                self.literal_string().map(Object::String)
            }
            b'<' if self.bytes.get(self.pos + 1) == Some(&b'<') => {
                self.pos += 2;
                self.dictionary(depth, refs).map(Object::Dict)
            }
            b'<' => {
                self.pos += 1;
                self.hex_string().map(Object::String)
            }
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_white();
                    match self.peek() {
                        None => return damage("an array is not closed"),
                        Some(b']') => {
                            self.pos += 1;
                            return Ok(Object::Array(items));
                        }
                        _ => items.push(self.object(depth + 1, refs)?),
                    }
                }
            }
            b'0'..=b'9' | b'+' | b'-' | b'.' => self.number(refs),
            _ if is_regular(b) => match self.word() {
                b"true" => Ok(Object::Bool(true)),
                b"false" => Ok(Object::Bool(false)),
                b"null" => Ok(Object::Null),
                word => damage(format!(
                    "an unexpected word `{}`",
                    String::from_utf8_lossy(&word[..word.len().min(20)])
                )),
            },
            _ => {
                self.pos += 1;
                damage(format!("an unexpected `{}`", b as char))
            }
        }
    }

    fn dictionary(&mut self, depth: usize, refs: bool) -> Parsed<Dict> {
        let mut entries = Vec::new();
        loop {
            self.skip_white();
            match self.peek() {
                None => return damage("a dictionary is not closed"),
                Some(b'>') => {
                    self.pos += 1;
                    if self.peek() == Some(b'>') {
                        self.pos += 1;
                    }
                    return Ok(Dict(entries));
                }
                Some(b'/') => {
                    self.pos += 1;
                    let key = self.name();
                    let value = self.object(depth + 1, refs)?;
                    entries.push((key, value));
                }
                Some(_) => {
                    // A value without a key: read it and let it go.
                    self.object(depth + 1, refs)?;
                }
            }
        }
    }

    fn name(&mut self) -> Vec<u8> {
        let mut name = Vec::new();
        while let Some(b) = self.peek().filter(|&b| is_regular(b)) {
            self.pos += 1;
            if b == b'#'
                && let Some(byte) = self
                    .bytes
                    .get(self.pos..self.pos + 2)
                    .and_then(|h| u8::from_str_radix(std::str::from_utf8(h).ok()?, 16).ok())
            {
                self.pos += 2;
                name.push(byte);
                continue;
            }
            name.push(b);
        }
        name
    }

    fn number(&mut self, refs: bool) -> Parsed<Object> {
        let word = self.word();
        let text = std::str::from_utf8(word).unwrap_or("");
        if let Ok(n) = text.parse::<i64>() {
            if refs && n >= 0 {
                let save = self.pos;
                if let Some(generation) = self.unsigned()
                    && self.keyword(b"R")
                {
                    return Ok(Object::Ref(Ref(
                        u32::try_from(n).unwrap_or(u32::MAX),
                        u16::try_from(generation).unwrap_or(u16::MAX),
                    )));
                }
                self.pos = save;
            }
            return Ok(Object::Int(n));
        }
        if let Ok(value) = text.parse::<f64>()
            && value.is_finite()
            && !text.contains(['e', 'E', 'n', 'N', 'i', 'I'])
        {
            return Ok(Object::Real(value));
        }
        // Reals, and the malformed numbers writers produce (`--5`, `1.2.3`, `5-`).
        let cleaned: String = text
            .trim_start_matches(['+', '-'])
            .chars()
            .take_while(|c| c.is_ascii_digit() || *c == '.')
            .collect();
        let mut parts = cleaned.splitn(3, '.');
        let whole = parts.next().unwrap_or("");
        let fraction = parts.next().unwrap_or("");
        let value: f64 = format!("0{whole}.{fraction}0").parse().unwrap_or(0.0);
        let value = if text.starts_with('-') { -value } else { value };
        if value.is_finite() {
            Ok(Object::Real(value))
        } else {
            Ok(Object::Real(0.0))
        }
    }

    fn literal_string(&mut self) -> Parsed<Vec<u8>> {
        let mut out = Vec::new();
        let mut depth = 1usize;
        while let Some(b) = self.peek() {
            self.pos += 1;
            match b {
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return Ok(out);
                    }
                    out.push(b);
                }
                b'\\' => {
                    let Some(e) = self.peek() else { break };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'0'..=b'7' => {
                            let mut value = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.peek() {
                                    Some(d @ b'0'..=b'7') => {
                                        self.pos += 1;
                                        value = value * 8 + u32::from(d - b'0');
                                    }
                                    _ => break,
                                }
                            }
                            out.push(value as u8);
                        }
                        b'\r' => {
                            if self.peek() == Some(b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        other => out.push(other),
                    }
                }
                _ => out.push(b),
            }
        }
        damage("a string is not closed")
    }

    fn hex_string(&mut self) -> Parsed<Vec<u8>> {
        let mut out = Vec::new();
        let mut high: Option<u8> = None;
        while let Some(b) = self.peek() {
            self.pos += 1;
            let digit = match b {
                b'>' => {
                    if let Some(h) = high {
                        out.push(h << 4);
                    }
                    return Ok(out);
                }
                b'0'..=b'9' => b - b'0',
                b'a'..=b'f' => b - b'a' + 10,
                b'A'..=b'F' => b - b'A' + 10,
                _ if is_white(b) => continue,
                _ => return damage("a hexadecimal string holds other characters"),
            };
            match high.take() {
                Some(h) => out.push(h << 4 | digit),
                None => high = Some(digit),
            }
        }
        damage("a hexadecimal string is not closed")
    }
}

/// Where an object lies.
#[derive(Debug, Clone, Copy)]
enum Place {
    /// At this offset in the file.
    At(usize),
    /// The `index`th object of this object stream.
    InStream(u32, usize),
}

/// An object stream, decoded: its bytes, and each object's number and offset in them.
struct ObjectStream {
    bytes: Vec<u8>,
    objects: Vec<(u32, usize)>,
}

/// A PDF file opened for reading: its cross-reference data and trailer, and what has
/// been decoded so far.
pub(super) struct File<'a> {
    bytes: &'a [u8],
    places: HashMap<u32, Place>,
    pub trailer: Dict,
    object_streams: RefCell<HashMap<u32, Rc<ObjectStream>>>,
    /// How many references are being followed at once, to find loops.
    following: Cell<u32>,
    /// How many more bytes streams may decode to.
    budget: Cell<u64>,
}

impl<'a> File<'a> {
    /// Opens a file: reads its cross-reference data, or scans it for objects when that
    /// data is missing or damaged.
    pub(super) fn open(bytes: &'a [u8]) -> Parsed<File<'a>> {
        let Some(header) = find(bytes, b"%PDF-", 0) else {
            return damage("it does not begin as a PDF file does (`%PDF-`)");
        };
        if header > 1024 {
            return damage("it does not begin as a PDF file does (`%PDF-`)");
        }
        let mut file = File {
            bytes,
            places: HashMap::new(),
            trailer: Dict::default(),
            object_streams: RefCell::new(HashMap::new()),
            following: Cell::new(0),
            budget: Cell::new(MAX_UNPACKED_BYTES),
        };
        let read = file.read_cross_references();
        let sound = read.is_ok() && file.root_is_readable();
        if !sound {
            file.places.clear();
            file.object_streams.borrow_mut().clear();
            file.scan();
            if !file.root_is_readable() {
                return damage(
                    "it has no readable catalogue (its cross-reference table is missing or \
                     broken, and no catalogue object was found)",
                );
            }
        }
        Ok(file)
    }

    fn root_is_readable(&self) -> bool {
        let root = self.trailer.get(b"Root").cloned().unwrap_or(Object::Null);
        matches!(self.resolve(&root), Ok(Object::Dict(_)))
    }

    fn read_cross_references(&mut self) -> Parsed<()> {
        let tail_start = self.bytes.len().saturating_sub(2048);
        let Some(at) = rfind(&self.bytes[tail_start..], b"startxref") else {
            return damage("it has no `startxref`");
        };
        let mut lexer = Lexer::new(self.bytes, tail_start + at + 9);
        let mut next = lexer.unsigned().map(|n| n as usize);
        let mut seen = HashSet::new();
        let mut first = true;
        while let Some(offset) = next {
            if !seen.insert(offset) || seen.len() > MAX_SECTIONS || offset >= self.bytes.len() {
                break;
            }
            let trailer = self.read_section(offset)?;
            if let Some(Object::Int(stream_at)) = trailer.get(b"XRefStm")
                && let Ok(stream_at) = usize::try_from(*stream_at)
                && seen.insert(stream_at)
            {
                self.read_section(stream_at)?;
            }
            next = trailer
                .get(b"Prev")
                .and_then(Object::as_int)
                .and_then(|n| usize::try_from(n).ok());
            if first {
                self.trailer = trailer;
                first = false;
            }
        }
        if first {
            return damage("its cross-reference table cannot be found");
        }
        Ok(())
    }

    /// Reads one cross-reference table or stream; returns its trailer dictionary. Entries
    /// already known (from a later save) are kept.
    fn read_section(&mut self, offset: usize) -> Parsed<Dict> {
        let mut lexer = Lexer::new(self.bytes, offset);
        if lexer.keyword(b"xref") {
            loop {
                let save = lexer.pos;
                let (Some(start), Some(count)) = (lexer.unsigned(), lexer.unsigned()) else {
                    lexer.pos = save;
                    break;
                };
                let left = (self.bytes.len() - lexer.pos) as u64 / 18;
                if count > left {
                    return damage(
                        "a cross-reference table lists more entries than the file holds",
                    );
                }
                for number in start..start.saturating_add(count) {
                    let (Some(place), Some(_generation)) = (lexer.unsigned(), lexer.unsigned())
                    else {
                        return damage("a cross-reference entry is damaged");
                    };
                    let in_use = lexer.keyword(b"n");
                    if !in_use && !lexer.keyword(b"f") {
                        return damage("a cross-reference entry is damaged");
                    }
                    if let Ok(number) = u32::try_from(number)
                        && in_use
                        && place > 0
                    {
                        self.places
                            .entry(number)
                            .or_insert(Place::At(place as usize));
                    }
                }
            }
            if !lexer.keyword(b"trailer") {
                return damage("a cross-reference table has no trailer");
            }
            return match lexer.object(0, true)? {
                Object::Dict(dict) => Ok(dict),
                _ => damage("a trailer is not a dictionary"),
            };
        }
        let Object::Stream(stream) = self.indirect_at(offset)? else {
            return damage("the cross-reference data is neither a table nor a stream");
        };
        self.read_xref_stream(&stream)?;
        Ok(stream.dict)
    }

    fn read_xref_stream(&mut self, stream: &Stream) -> Parsed<()> {
        let widths: Vec<usize> = match stream.dict.get(b"W") {
            Some(Object::Array(w)) if w.len() == 3 => w
                .iter()
                .map(|n| {
                    n.as_int()
                        .and_then(|n| usize::try_from(n).ok())
                        .unwrap_or(99)
                })
                .collect(),
            _ => return damage("a cross-reference stream has no field widths"),
        };
        if widths.iter().any(|&w| w > 8) {
            return damage("a cross-reference stream has impossible field widths");
        }
        let row: usize = widths.iter().sum();
        let data = self.decode(stream)?;
        if row == 0 {
            return Ok(());
        }
        let size = stream
            .dict
            .get(b"Size")
            .and_then(Object::as_int)
            .unwrap_or(0);
        let ranges: Vec<(i64, i64)> = match stream.dict.get(b"Index") {
            Some(Object::Array(index)) => index
                .chunks(2)
                .filter_map(|pair| Some((pair.first()?.as_int()?, pair.get(1)?.as_int()?)))
                .collect(),
            _ => vec![(0, size)],
        };
        let field = |bytes: &[u8]| bytes.iter().fold(0u64, |n, &b| n << 8 | u64::from(b));
        let mut rows = data.chunks_exact(row);
        for (start, count) in ranges {
            for number in start..start.saturating_add(count.max(0)) {
                let Some(entry) = rows.next() else {
                    return Ok(());
                };
                let (a, rest) = entry.split_at(widths[0]);
                let (b, c) = rest.split_at(widths[1]);
                let kind = if widths[0] == 0 { 1 } else { field(a) };
                let Ok(number) = u32::try_from(number) else {
                    continue;
                };
                let place = match kind {
                    1 => Place::At(field(b) as usize),
                    2 => Place::InStream(
                        u32::try_from(field(b)).unwrap_or(u32::MAX),
                        field(c) as usize,
                    ),
                    _ => continue,
                };
                self.places.entry(number).or_insert(place);
            }
        }
        Ok(())
    }

    /// Finds every `N G obj` in the file (the last of a number wins) and the objects of
    /// the object streams among them; the trailer is the last `trailer` dictionary, or
    /// one made with the catalogue found.
    fn scan(&mut self) {
        let bytes = self.bytes;
        let mut at = 0;
        let mut streams = Vec::new();
        while let Some(found) = find(bytes, b"obj", at) {
            at = found + 3;
            if bytes.get(at).is_some_and(|&b| is_regular(b)) {
                continue;
            }
            if let Some((number, start)) = object_header_before(bytes, found) {
                self.places.insert(number, Place::At(start));
                streams.push(number);
            }
        }
        let mut trailer = Dict::default();
        let mut at = 0;
        while let Some(found) = find(bytes, b"trailer", at) {
            at = found + 7;
            if let Ok(Object::Dict(dict)) = Lexer::new(bytes, at).object(0, true) {
                trailer = dict;
            }
        }
        let numbers: Vec<u32> = self.places.keys().copied().collect();
        let mut catalogue = None;
        for number in numbers {
            let Ok(object) = self.object(number) else {
                continue;
            };
            let kind = object.as_dict().and_then(|d| d.get(b"Type")).cloned();
            match kind.as_ref().and_then(Object::as_name) {
                Some(b"ObjStm") => {
                    if let Ok(stream) = self.object_stream(number) {
                        for (index, &(inner, _)) in stream.objects.iter().enumerate() {
                            self.places
                                .entry(inner)
                                .or_insert(Place::InStream(number, index));
                        }
                    }
                }
                Some(b"Catalog") => catalogue = Some(number),
                Some(b"XRef") if trailer.get(b"Root").is_none() => {
                    if let Some(dict) = object.as_dict() {
                        trailer = dict.clone();
                    }
                }
                _ => {}
            }
        }
        let root_ok = trailer.get(b"Root").is_some();
        if !root_ok && let Some(number) = catalogue.or_else(|| self.find_catalogue()) {
            trailer
                .0
                .push((b"Root".to_vec(), Object::Ref(Ref(number, 0))));
        }
        self.trailer = trailer;
    }

    /// A catalogue among the objects of object streams.
    fn find_catalogue(&self) -> Option<u32> {
        let numbers: Vec<u32> = self.places.keys().copied().collect();
        numbers.into_iter().find(|&n| {
            self.object(n).ok().is_some_and(|o| {
                o.as_dict()
                    .and_then(|d| d.get(b"Type"))
                    .and_then(Object::as_name)
                    == Some(b"Catalog")
            })
        })
    }

    /// The object a reference points to; `Null` when there is none.
    fn object(&self, number: u32) -> Parsed<Object> {
        match self.places.get(&number) {
            None => Ok(Object::Null),
            Some(&Place::At(offset)) => self.indirect_at(offset),
            Some(&Place::InStream(stream, index)) => {
                let stream = self.object_stream(stream)?;
                let Some(&(_, offset)) = stream.objects.get(index) else {
                    return Ok(Object::Null);
                };
                Lexer::new(&stream.bytes, offset).object(0, true)
            }
        }
    }

    fn object_stream(&self, number: u32) -> Parsed<Rc<ObjectStream>> {
        if let Some(stream) = self.object_streams.borrow().get(&number) {
            return Ok(stream.clone());
        }
        let Object::Stream(stream) = self.follow(|file| file.object(number))? else {
            return damage(format!("object stream {number} is not a stream"));
        };
        let count = stream.dict.get(b"N").and_then(Object::as_int).unwrap_or(0);
        let first = stream
            .dict
            .get(b"First")
            .and_then(Object::as_int)
            .unwrap_or(0);
        let bytes = self.decode(&stream)?;
        let first = usize::try_from(first).unwrap_or(usize::MAX);
        let mut lexer = Lexer::new(&bytes, 0);
        let mut objects = Vec::new();
        for _ in 0..count.clamp(0, bytes.len() as i64 / 4 + 1) {
            let (Some(inner), Some(offset)) = (lexer.unsigned(), lexer.unsigned()) else {
                break;
            };
            let (Ok(inner), Some(offset)) = (
                u32::try_from(inner),
                first
                    .checked_add(offset as usize)
                    .filter(|&o| o < bytes.len()),
            ) else {
                continue;
            };
            objects.push((inner, offset));
        }
        let stream = Rc::new(ObjectStream { bytes, objects });
        self.object_streams
            .borrow_mut()
            .insert(number, stream.clone());
        Ok(stream)
    }

    /// Runs `step` as one more reference followed; refuses a chain that loops.
    fn follow<T>(&self, step: impl FnOnce(&Self) -> Parsed<T>) -> Parsed<T> {
        if self.following.get() >= MAX_CHAIN {
            return damage("its objects refer to one another in a loop");
        }
        self.following.set(self.following.get() + 1);
        let result = step(self);
        self.following.set(self.following.get() - 1);
        result
    }

    /// Reads the object `N G obj … endobj` at `offset`.
    fn indirect_at(&self, offset: usize) -> Parsed<Object> {
        let mut lexer = Lexer::new(self.bytes, offset);
        if lexer.unsigned().is_none() || lexer.unsigned().is_none() || !lexer.keyword(b"obj") {
            return damage(format!("no object begins at byte {offset}"));
        }
        let object = lexer.object(0, true)?;
        let Object::Dict(dict) = object else {
            return Ok(object);
        };
        if !lexer.keyword(b"stream") {
            return Ok(Object::Dict(dict));
        }
        // The data begin after the end of the line that `stream` ends.
        let mut start = lexer.pos;
        if self.bytes.get(start) == Some(&b'\r') {
            start += 1;
        }
        if self.bytes.get(start) == Some(&b'\n') {
            start += 1;
        }
        let declared = match dict.get(b"Length") {
            Some(Object::Ref(r)) => {
                let r = *r;
                self.follow(|file| file.object(r.0))
                    .ok()
                    .and_then(|o| o.as_int())
            }
            other => other.and_then(Object::as_int),
        };
        let end = declared
            .and_then(|n| usize::try_from(n).ok())
            .and_then(|n| start.checked_add(n))
            .filter(|&end| {
                let mut after = Lexer::new(self.bytes, end);
                end <= self.bytes.len() && after.keyword(b"endstream")
            })
            .or_else(|| {
                find(self.bytes, b"endstream", start).map(|at| {
                    let mut end = at;
                    if end > start && self.bytes[end - 1] == b'\n' {
                        end -= 1;
                    }
                    if end > start && self.bytes[end - 1] == b'\r' {
                        end -= 1;
                    }
                    end
                })
            });
        let Some(end) = end else {
            return damage(format!(
                "the stream of the object at byte {offset} has no end"
            ));
        };
        Ok(Object::Stream(Stream {
            dict,
            data: start..end,
        }))
    }

    /// The object itself, or the one a reference (or a chain of them) points to.
    pub(super) fn resolve(&self, object: &Object) -> Parsed<Object> {
        match object {
            Object::Ref(r) => {
                let r = *r;
                self.follow(|file| {
                    let target = file.object(r.0)?;
                    file.resolve(&target)
                })
            }
            other => Ok(other.clone()),
        }
    }

    /// The value of `key` in `dict`, resolved; `Null` when it is missing.
    pub(super) fn get(&self, dict: &Dict, key: &[u8]) -> Parsed<Object> {
        match dict.get(key) {
            Some(value) => self.resolve(value),
            None => Ok(Object::Null),
        }
    }

    /// A stream's bytes, decoded by its filters, within the file's decoding budget.
    pub(super) fn decode(&self, stream: &Stream) -> Parsed<Vec<u8>> {
        let encoded = &self.bytes[stream.data.clone()];
        let filters = match self.get(&stream.dict, b"Filter")? {
            Object::Name(name) => vec![name],
            Object::Array(names) => names
                .iter()
                .map(|n| match self.resolve(n)? {
                    Object::Name(name) => Ok(name),
                    _ => damage("a stream's filter is not a name"),
                })
                .collect::<Parsed<_>>()?,
            _ => Vec::new(),
        };
        let parameters = match self.get(&stream.dict, b"DecodeParms")? {
            Object::Array(list) => list
                .iter()
                .map(|p| self.resolve(p).map(|p| p.as_dict().cloned()))
                .collect::<Parsed<_>>()?,
            Object::Dict(dict) => vec![Some(dict)],
            _ => Vec::new(),
        };
        let limit = (encoded.len() as u64)
            .saturating_mul(MAX_RATIO)
            .max(RATIO_FREE_BYTES)
            .min(self.budget.get());
        let data = filters::decode(encoded, &filters, &parameters, limit)?;
        self.budget
            .set(self.budget.get().saturating_sub(data.len() as u64));
        Ok(data)
    }
}

/// A text string (a title, an author, a span's actual text): UTF-16 with a byte-order
/// mark, UTF-8 with one, or else PDFDocEncoding (read as Windows-1252, which it
/// matches in the letters text uses).
pub(super) fn text_string(bytes: &[u8]) -> String {
    if let Some(utf16) = bytes.strip_prefix(b"\xFE\xFF") {
        let units = utf16
            .chunks(2)
            .map(|p| u16::from_be_bytes([p[0], p.get(1).copied().unwrap_or(0)]));
        return char::decode_utf16(units)
            .map(|c| c.unwrap_or('\u{FFFD}'))
            .collect();
    }
    if let Some(utf8) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return String::from_utf8_lossy(utf8).into_owned();
    }
    encoding_rs::WINDOWS_1252.decode(bytes).0.into_owned()
}

/// The object number and start of an `N G obj` whose `obj` is at `at`.
fn object_header_before(bytes: &[u8], at: usize) -> Option<(u32, usize)> {
    let mut i = at;
    let skip_white = |i: &mut usize| {
        while *i > 0 && is_white(bytes[*i - 1]) {
            *i -= 1;
        }
    };
    let skip_digits = |i: &mut usize| {
        let end = *i;
        while *i > 0 && bytes[*i - 1].is_ascii_digit() {
            *i -= 1;
        }
        *i < end
    };
    skip_white(&mut i);
    if !skip_digits(&mut i) {
        return None;
    }
    skip_white(&mut i);
    let number_end = i;
    if !skip_digits(&mut i) {
        return None;
    }
    let number = std::str::from_utf8(&bytes[i..number_end])
        .ok()?
        .parse()
        .ok()?;
    Some((number, i))
}

pub(super) fn find(haystack: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    haystack
        .get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

fn rfind(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).rposition(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Parsed<Object> {
        Lexer::new(text.as_bytes(), 0).object(0, true)
    }

    #[test]
    fn objects_are_parsed() {
        assert_eq!(parse("42").unwrap(), Object::Int(42));
        assert_eq!(parse("-.5").unwrap(), Object::Real(-0.5));
        assert_eq!(parse("--3").unwrap(), Object::Real(-3.0));
        assert_eq!(parse("/A#20B").unwrap(), Object::Name(b"A B".to_vec()));
        assert_eq!(
            parse("(a (b) \\(c\\051\\n)").unwrap(),
            Object::String(b"a (b) (c)\n".to_vec())
        );
        assert_eq!(parse("<48 656>").unwrap(), Object::String(b"He`".to_vec()));
        assert_eq!(parse("12 0 R").unwrap(), Object::Ref(Ref(12, 0)));
        let dict = parse("<</Kids [1 0 R 2 0 R] /Count 2 /Flag true>>").unwrap();
        let dict = dict.as_dict().unwrap();
        assert_eq!(
            dict.get(b"Kids"),
            Some(&Object::Array(vec![
                Object::Ref(Ref(1, 0)),
                Object::Ref(Ref(2, 0))
            ]))
        );
        assert_eq!(dict.get(b"Flag"), Some(&Object::Bool(true)));
    }

    #[test]
    fn broken_objects_are_damage_not_panics() {
        for text in ["(open", "<4G>", "[1 2", "<</A", "", ")", "<<"] {
            assert!(parse(text).is_err(), "{text}");
        }
        let deep = "[".repeat(100_000);
        let err = parse(&deep).unwrap_err();
        assert!(err.0.contains("nest more than"), "{err:?}");
    }
}
