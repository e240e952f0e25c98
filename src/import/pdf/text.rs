//! The glyphs a page shows: its content stream (and the forms it draws) run through the
//! text operators (`BT ET Tf Tj TJ ' " Td TD Tm T* TL Tc Tw Tz Ts`, with `cm q Q` for
//! the transformation), each glyph placed on the page with its letters and size.
//!
//! Text marked as an artifact (running headers and footers, page numbers, as tagged
//! PDF marks them) is left out; a span's actual text (a ligature's letters) replaces its
//! glyphs. Images are noted, not decoded, so that a scan can be told from an empty page.

use std::borrow::Cow;
use std::collections::HashMap;
use std::rc::Rc;

use super::fonts::{Font, push_letters};
use super::objects::{Damage, Dict, File, Lexer, Object, Parsed, Ref, Token, text_string};

/// How deep forms may draw other forms.
const MAX_FORM_DEPTH: usize = 8;

/// How deep `q` may save the graphics state; deeper saves are not kept.
const MAX_SAVES: usize = 256;

/// The most glyphs a document may show: ten million.
pub(super) const MAX_GLYPHS: usize = 10_000_000;

/// The most bytes of letters a document may show (a span's actual text may be long, and
/// shown many times): 64 MiB, the most a document may have.
const MAX_LETTER_BYTES: usize = super::super::MAX_DOCUMENT_BYTES as usize;

/// One glyph on a page: where its baseline begins and ends (in points, y upwards), its
/// size, and its letters (a range of [`Page::letters`]).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(super) struct Glyph {
    pub x0: f32,
    pub x1: f32,
    pub y: f32,
    pub size: f32,
    pub start: u32,
    pub end: u32,
}

/// What a page shows.
#[derive(Debug, Default)]
pub(super) struct Page {
    pub letters: String,
    pub glyphs: Vec<Glyph>,
    /// Whether the page draws an image.
    pub images: bool,
}

impl Page {
    pub(super) fn text(&self, glyph: &Glyph) -> &str {
        &self.letters[glyph.start as usize..glyph.end as usize]
    }
}

/// An affine matrix `[a b c d e f]`, applied to row vectors as PDF does.
#[derive(Debug, Clone, Copy, PartialEq)]
struct Matrix([f64; 6]);

impl Matrix {
    const IDENTITY: Matrix = Matrix([1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);

    fn translate(x: f64, y: f64) -> Matrix {
        Matrix([1.0, 0.0, 0.0, 1.0, x, y])
    }

    /// `self` then `other`.
    fn then(&self, other: &Matrix) -> Matrix {
        let [a, b, c, d, e, f] = self.0;
        let [a2, b2, c2, d2, e2, f2] = other.0;
        Matrix([
            a * a2 + b * c2,
            a * b2 + b * d2,
            c * a2 + d * c2,
            c * b2 + d * d2,
            e * a2 + f * c2 + e2,
            e * b2 + f * d2 + f2,
        ])
    }

    fn apply(&self, x: f64, y: f64) -> (f64, f64) {
        let [a, b, c, d, e, f] = self.0;
        (x * a + y * c + e, x * b + y * d + f)
    }

    fn from_operands(operands: &[Object]) -> Option<Matrix> {
        let numbers: Vec<f64> = operands.iter().filter_map(Object::as_number).collect();
        let numbers: [f64; 6] = numbers.try_into().ok()?;
        numbers
            .iter()
            .all(|n| n.is_finite())
            .then_some(Matrix(numbers))
    }
}

/// The graphics state the text needs.
#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f64,
    char_spacing: f64,
    word_spacing: f64,
    scale: f64,
    leading: f64,
    rise: f64,
}

/// A marked-content sequence being drawn: whether it is an artifact, and its actual
/// text with the glyph that shows it once a glyph was drawn.
struct Marked {
    artifact: bool,
    actual: Option<(String, Option<usize>)>,
}

/// Reads the glyphs of pages, keeping the fonts it has read.
pub(super) struct Reader<'f, 'a> {
    file: &'f File<'a>,
    fonts: HashMap<Ref, Rc<Font>>,
    /// Glyphs shown so far, in all pages, and the bytes of their letters.
    pub glyphs: usize,
    letter_bytes: usize,
    /// Whether some glyph's letters were unknown.
    pub unmapped: bool,
}

/// One run of a content stream: the page being filled and the state of the text.
struct Run<'p> {
    page: &'p mut Page,
    state: State,
    saved: Vec<State>,
    text: Matrix,
    line: Matrix,
    marked: Vec<Marked>,
}

impl<'f, 'a> Reader<'f, 'a> {
    pub(super) fn new(file: &'f File<'a>) -> Self {
        Reader {
            file,
            fonts: HashMap::new(),
            glyphs: 0,
            letter_bytes: 0,
            unmapped: false,
        }
    }

    /// The glyphs of the page `dict` with the resources `resources` (inherited ones
    /// included).
    pub(super) fn page(&mut self, dict: &Dict, resources: &Dict) -> Parsed<Page> {
        let mut content = Vec::new();
        match self.file.get(dict, b"Contents")? {
            Object::Stream(stream) => content = self.file.decode(&stream)?,
            Object::Array(parts) => {
                for part in parts {
                    if let Object::Stream(stream) = self.file.resolve(&part)? {
                        content.extend_from_slice(&self.file.decode(&stream)?);
                        content.push(b'\n');
                    }
                }
            }
            _ => {}
        }
        let mut page = Page::default();
        let mut run = Run {
            page: &mut page,
            state: State {
                ctm: Matrix::IDENTITY,
                font: None,
                size: 0.0,
                char_spacing: 0.0,
                word_spacing: 0.0,
                scale: 1.0,
                leading: 0.0,
                rise: 0.0,
            },
            saved: Vec::new(),
            text: Matrix::IDENTITY,
            line: Matrix::IDENTITY,
            marked: Vec::new(),
        };
        self.run(&content, resources, &mut run, 0)?;
        Ok(page)
    }

    fn run(&mut self, content: &[u8], resources: &Dict, run: &mut Run, depth: usize) -> Parsed<()> {
        let mut lexer = Lexer::new(content, 0);
        let mut operands: Vec<Object> = Vec::new();
        while let Some(token) = lexer.token() {
            let operator = match token {
                Ok(Token::Operand(object)) => {
                    if operands.len() < 64 {
                        operands.push(object);
                    }
                    continue;
                }
                Ok(Token::Operator(operator)) => operator,
                // A damaged operand: what follows may still be read.
                Err(_) => {
                    operands.clear();
                    continue;
                }
            };
            match operator {
                b"BI" => {
                    skip_inline_image(&mut lexer);
                    run.page.images = true;
                }
                b"Do" => {
                    if let Some(Object::Name(name)) = operands.last() {
                        self.draw_object(name, resources, run, depth)?;
                    }
                }
                _ => self.operate(operator, &operands, resources, run)?,
            }
            operands.clear();
        }
        Ok(())
    }

    fn operate(
        &mut self,
        operator: &[u8],
        operands: &[Object],
        resources: &Dict,
        run: &mut Run,
    ) -> Parsed<()> {
        let number = |i: usize| {
            operands
                .get(i)
                .and_then(Object::as_number)
                .filter(|n| n.is_finite())
        };
        let state = &mut run.state;
        match operator {
            b"q" if run.saved.len() < MAX_SAVES => run.saved.push(state.clone()),
            b"Q" => {
                if let Some(saved) = run.saved.pop() {
                    *state = saved;
                }
            }
            b"cm" => {
                if let Some(m) = Matrix::from_operands(operands) {
                    state.ctm = m.then(&state.ctm);
                }
            }
            b"BT" => {
                run.text = Matrix::IDENTITY;
                run.line = Matrix::IDENTITY;
            }
            b"Tf" => {
                if let (Some(Object::Name(name)), Some(size)) = (operands.first(), number(1)) {
                    state.font = self.font(resources, name);
                    state.size = size;
                }
            }
            b"Tc" => state.char_spacing = number(0).unwrap_or(0.0),
            b"Tw" => state.word_spacing = number(0).unwrap_or(0.0),
            b"Tz" => state.scale = number(0).unwrap_or(100.0) / 100.0,
            b"TL" => state.leading = number(0).unwrap_or(0.0),
            b"Ts" => state.rise = number(0).unwrap_or(0.0),
            b"Td" | b"TD" => {
                let (x, y) = (number(0).unwrap_or(0.0), number(1).unwrap_or(0.0));
                if operator == b"TD" {
                    state.leading = -y;
                }
                run.line = Matrix::translate(x, y).then(&run.line);
                run.text = run.line;
            }
            b"Tm" => {
                if let Some(m) = Matrix::from_operands(operands) {
                    run.line = m;
                    run.text = m;
                }
            }
            b"T*" => next_line(run),
            b"Tj" => {
                if let Some(Object::String(bytes)) = operands.first() {
                    self.show(bytes, run)?;
                }
            }
            b"'" => {
                next_line(run);
                if let Some(Object::String(bytes)) = operands.first() {
                    self.show(bytes, run)?;
                }
            }
            b"\"" => {
                state.word_spacing = number(0).unwrap_or(0.0);
                state.char_spacing = number(1).unwrap_or(0.0);
                next_line(run);
                if let Some(Object::String(bytes)) = operands.get(2) {
                    self.show(bytes, run)?;
                }
            }
            b"TJ" => {
                if let Some(Object::Array(items)) = operands.first() {
                    for item in items {
                        match item {
                            Object::String(bytes) => self.show(bytes, run)?,
                            other => {
                                let shift = other.as_number().filter(|n| n.is_finite());
                                let state = &run.state;
                                let x = -shift.unwrap_or(0.0) / 1000.0 * state.size * state.scale;
                                run.text = Matrix::translate(x, 0.0).then(&run.text);
                            }
                        }
                    }
                }
            }
            b"BMC" | b"BDC" => {
                let artifact = operands.first().and_then(Object::as_name) == Some(b"Artifact");
                let properties = match operands.get(1) {
                    Some(Object::Dict(dict)) => Some(dict.clone()),
                    Some(Object::Name(name)) => self
                        .resource(resources, b"Properties", name)
                        .and_then(|p| p.as_dict().cloned()),
                    _ => None,
                };
                let actual = properties
                    .and_then(|p| match self.file.get(&p, b"ActualText") {
                        Ok(Object::String(text)) => Some(text_string(&text)),
                        _ => None,
                    })
                    .map(|text| (text, None));
                run.marked.push(Marked { artifact, actual });
            }
            b"EMC" => {
                run.marked.pop();
            }
            _ => {}
        }
        Ok(())
    }

    /// Draws the XObject `name`: a form's content is run, an image noted.
    fn draw_object(
        &mut self,
        name: &[u8],
        resources: &Dict,
        run: &mut Run,
        depth: usize,
    ) -> Parsed<()> {
        let Some(Object::Stream(stream)) = self.resource(resources, b"XObject", name) else {
            return Ok(());
        };
        match self.file.get(&stream.dict, b"Subtype")?.as_name() {
            Some(b"Image") => run.page.images = true,
            Some(b"Form") if depth < MAX_FORM_DEPTH => {
                let content = self.file.decode(&stream)?;
                let inner = match self.file.get(&stream.dict, b"Resources")? {
                    Object::Dict(dict) => dict,
                    _ => resources.clone(),
                };
                let saved = (run.state.clone(), run.text, run.line);
                if let Ok(Object::Array(m)) = self.file.get(&stream.dict, b"Matrix")
                    && let Some(m) = Matrix::from_operands(&m)
                {
                    run.state.ctm = m.then(&run.state.ctm);
                }
                let depth_saved = run.saved.len();
                self.run(&content, &inner, run, depth + 1)?;
                run.saved.truncate(depth_saved);
                (run.state, run.text, run.line) = saved;
            }
            _ => {}
        }
        Ok(())
    }

    /// An entry of a kind of resource (`Font`, `XObject`, `Properties`), resolved.
    fn resource(&self, resources: &Dict, kind: &[u8], name: &[u8]) -> Option<Object> {
        let Ok(Object::Dict(of_kind)) = self.file.get(resources, kind) else {
            return None;
        };
        self.file.get(&of_kind, name).ok()
    }

    fn font(&mut self, resources: &Dict, name: &[u8]) -> Option<Rc<Font>> {
        let Ok(Object::Dict(fonts)) = self.file.get(resources, b"Font") else {
            return None;
        };
        let reference = match fonts.get(name) {
            Some(Object::Ref(r)) => Some(*r),
            _ => None,
        };
        if let Some(font) = reference.and_then(|r| self.fonts.get(&r)) {
            return Some(font.clone());
        }
        let dict = self.file.get(&fonts, name).ok()?;
        let font = Rc::new(Font::load(self.file, dict.as_dict()?));
        if let Some(r) = reference {
            self.fonts.insert(r, font.clone());
        }
        Some(font)
    }

    /// Shows a string: each of its glyphs placed, the text position moved past it.
    fn show(&mut self, bytes: &[u8], run: &mut Run) -> Parsed<()> {
        let Some(font) = run.state.font.clone() else {
            return Ok(());
        };
        let artifact = run.marked.iter().any(|m| m.artifact);
        let state = &run.state;
        for (code, is_space) in font.codes(bytes) {
            let to_page = run.text.then(&state.ctm);
            let width = font.width(code) * state.size * state.scale;
            let (x0, y) = to_page.apply(0.0, state.rise);
            let (x1, _) = to_page.apply(width, state.rise);
            let size = state.size.abs() * (to_page.0[2].powi(2) + to_page.0[3].powi(2)).sqrt();
            let mut advance = font.width(code) * state.size + state.char_spacing;
            if is_space {
                advance += state.word_spacing;
            }
            run.text = Matrix::translate(advance * state.scale, 0.0).then(&run.text);
            if artifact {
                continue;
            }
            let page = &mut *run.page;
            let (x0, x1) = (x0.min(x1) as f32, x0.max(x1) as f32);
            // Inside a span with actual text, the first glyph shows it and the others
            // widen that glyph.
            let letters = match run.marked.iter_mut().rev().find_map(|m| m.actual.as_mut()) {
                Some((_, Some(shown))) => {
                    let glyph = &mut page.glyphs[*shown];
                    glyph.x0 = glyph.x0.min(x0);
                    glyph.x1 = glyph.x1.max(x1);
                    continue;
                }
                Some((text, shown)) => {
                    *shown = Some(page.glyphs.len());
                    Cow::Owned(text.clone())
                }
                None => match font.letters(code) {
                    Some(letters) => Cow::Borrowed(letters),
                    None => {
                        self.unmapped = true;
                        continue;
                    }
                },
            };
            self.glyphs += 1;
            self.letter_bytes += letters.len();
            if self.glyphs > MAX_GLYPHS || self.letter_bytes > MAX_LETTER_BYTES {
                return Err(Damage(format!(
                    "its pages show more than {MAX_GLYPHS} characters or {} MiB of text; split \
                     it into smaller files",
                    MAX_LETTER_BYTES >> 20
                )));
            }
            let start = page.letters.len() as u32;
            push_letters(&mut page.letters, &letters);
            page.glyphs.push(Glyph {
                x0,
                x1,
                y: y as f32,
                size: size as f32,
                start,
                end: page.letters.len() as u32,
            });
        }
        Ok(())
    }
}

fn next_line(run: &mut Run) {
    run.line = Matrix::translate(0.0, -run.state.leading).then(&run.line);
    run.text = run.line;
}

/// Skips an inline image (`BI … ID data EI`), which the lexer is just past `BI` of.
fn skip_inline_image(lexer: &mut Lexer) {
    while let Some(token) = lexer.token() {
        if matches!(token, Ok(Token::Operator(b"ID"))) {
            break;
        }
    }
    let bytes = lexer.bytes;
    let mut at = lexer.pos + 1;
    while at + 2 <= bytes.len() {
        if &bytes[at..at + 2] == b"EI"
            && bytes[at - 1].is_ascii_whitespace()
            && bytes.get(at + 2).is_none_or(|b| b.is_ascii_whitespace())
        {
            lexer.pos = at + 2;
            return;
        }
        at += 1;
    }
    lexer.pos = bytes.len();
}
