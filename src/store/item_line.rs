//! A fast reader for one item of a list as Parallax writes it: one line of plain RON with
//! no more than structs, enum variants, strings, unsigned integers and booleans.
//!
//! Almost all of a large project file is annotation lines, and ron reads them at about a
//! third of the speed serde_json reads the same data as JSON. This reader takes only the
//! forms Parallax's writer uses there and refuses everything else: an escape other than
//! `\n \r \t \0 \\ \" \'`, a comment, a struct's name, `Some(…)` or `None`, a number
//! written any other way than plain digits, a field no type knows with a value other than
//! a string, number or boolean. A refused line is read by ron instead, so a file reads the
//! same either way (`store/halves.rs` uses it so).
//!
//! Like the project's own options, the reader takes a bare value of an optional field as
//! present (ron's `implicit_some`).

use std::borrow::Cow;
use std::fmt;

use serde::Deserialize;
use serde::de::value::BorrowedStrDeserializer;
use serde::de::{self, DeserializeSeed, EnumAccess, MapAccess, VariantAccess, Visitor};

/// Why a line is left to ron: it holds a form outside what this reader takes.
#[derive(Debug)]
pub(super) struct Refused;

impl fmt::Display for Refused {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a form the fast reader leaves to ron")
    }
}

impl std::error::Error for Refused {}

impl de::Error for Refused {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Refused
    }
}

/// The value one item line holds (without the comma that follows it in a list).
pub(super) fn read<'de, T: Deserialize<'de>>(line: &'de str) -> Result<T, Refused> {
    let mut reader = Reader { text: line, at: 0 };
    let value = T::deserialize(&mut reader)?;
    reader.skip_spaces();
    if reader.at == line.len() {
        Ok(value)
    } else {
        Err(Refused)
    }
}

/// Where reading has got to in a line.
struct Reader<'de> {
    text: &'de str,
    at: usize,
}

impl<'de> Reader<'de> {
    fn rest(&self) -> &'de [u8] {
        &self.text.as_bytes()[self.at..]
    }

    fn skip_spaces(&mut self) {
        while matches!(self.rest().first(), Some(b' ' | b'\t')) {
            self.at += 1;
        }
    }

    /// The next byte after any spaces, without taking it.
    fn peek(&mut self) -> Option<u8> {
        self.skip_spaces();
        self.rest().first().copied()
    }

    fn take(&mut self, byte: u8) -> Result<(), Refused> {
        if self.peek() == Some(byte) {
            self.at += 1;
            Ok(())
        } else {
            Err(Refused)
        }
    }

    /// A plain ASCII identifier: a field's or a variant's name, `true` or `false`.
    fn identifier(&mut self) -> Result<&'de str, Refused> {
        self.skip_spaces();
        let rest = self.rest();
        let len = rest
            .iter()
            .position(|b| !(b.is_ascii_alphanumeric() || *b == b'_'))
            .unwrap_or(rest.len());
        // `r#name` (a raw identifier) stops at the `#`, and is refused where it is used.
        if len == 0 || rest[0].is_ascii_digit() {
            return Err(Refused);
        }
        let name = &self.text[self.at..self.at + len];
        self.at += len;
        Ok(name)
    }

    /// A string (`"…"`, with the simple escapes `\n \r \t \0 \\ \" \'`) or a raw
    /// string (`r#"…"#`).
    fn string(&mut self) -> Result<Cow<'de, str>, Refused> {
        self.skip_spaces();
        match self.rest().first() {
            Some(b'"') => self.quoted(),
            Some(b'r') => self.raw().map(Cow::Borrowed),
            _ => Err(Refused),
        }
    }

    fn quoted(&mut self) -> Result<Cow<'de, str>, Refused> {
        let mut unescaped: Option<String> = None;
        self.at += 1;
        loop {
            let rest = self.rest();
            let len = rest
                .iter()
                .position(|b| *b == b'"' || *b == b'\\')
                .ok_or(Refused)?;
            let piece = &self.text[self.at..self.at + len];
            if rest[len] == b'"' {
                self.at += len + 1;
                return Ok(match unescaped {
                    None => Cow::Borrowed(piece),
                    Some(mut text) => {
                        text.push_str(piece);
                        Cow::Owned(text)
                    }
                });
            }
            let escaped = match rest.get(len + 1) {
                Some(b'n') => '\n',
                Some(b'r') => '\r',
                Some(b't') => '\t',
                Some(b'0') => '\0',
                Some(b'\\') => '\\',
                Some(b'"') => '"',
                Some(b'\'') => '\'',
                // `\x`, `\u{…}` and a line continuation are left to ron.
                _ => return Err(Refused),
            };
            let text = unescaped.get_or_insert_with(String::new);
            text.push_str(piece);
            text.push(escaped);
            self.at += len + 2;
        }
    }

    fn raw(&mut self) -> Result<&'de str, Refused> {
        let rest = self.rest();
        let hashes = rest[1..].iter().take_while(|b| **b == b'#').count();
        let open = hashes + 2;
        if rest.get(open - 1) != Some(&b'"') {
            return Err(Refused);
        }
        let body = &rest[open..];
        let closes = |at: usize| {
            body[at] == b'"'
                && body
                    .get(at + 1..at + 1 + hashes)
                    .is_some_and(|h| h.iter().all(|b| *b == b'#'))
        };
        let len = (0..body.len()).find(|at| closes(*at)).ok_or(Refused)?;
        let value = &self.text[self.at + open..self.at + open + len];
        self.at += open + len + 1 + hashes;
        Ok(value)
    }

    /// Plain decimal digits, without a sign, separators or leading zeros.
    fn unsigned(&mut self) -> Result<u64, Refused> {
        self.skip_spaces();
        let rest = self.rest();
        let len = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        let ends = matches!(rest.get(len), None | Some(b',' | b')' | b' ' | b'\t'));
        if len == 0 || !ends || (len > 1 && rest[0] == b'0') {
            return Err(Refused);
        }
        let value = rest[..len].iter().try_fold(0u64, |n, digit| {
            n.checked_mul(10)?.checked_add(u64::from(digit - b'0'))
        });
        self.at += len;
        value.ok_or(Refused)
    }

    fn boolean(&mut self) -> Result<bool, Refused> {
        match self.identifier()? {
            "true" => Ok(true),
            "false" => Ok(false),
            _ => Err(Refused),
        }
    }

    /// The fields of a struct, from after its `(` up to its `)`.
    fn fields<V: Visitor<'de>>(&mut self, visitor: V) -> Result<V::Value, Refused> {
        self.take(b'(')?;
        let value = visitor.visit_map(Fields {
            reader: self,
            first: true,
        })?;
        self.take(b')')?;
        Ok(value)
    }
}

macro_rules! refused {
    ($($method:ident($($arg:ty),*)),* $(,)?) => {
        $(
            fn $method<V: Visitor<'de>>(self, $(_: $arg,)* _: V) -> Result<V::Value, Refused> {
                Err(Refused)
            }
        )*
    };
}

impl<'de> de::Deserializer<'de> for &mut Reader<'de> {
    type Error = Refused;

    /// Strings, numbers and booleans only: any other value is left to ron.
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        match self.peek() {
            Some(b'"' | b'r') => self.deserialize_str(visitor),
            Some(b'0'..=b'9') => visitor.visit_u64(self.unsigned()?),
            Some(b't' | b'f') => visitor.visit_bool(self.boolean()?),
            _ => Err(Refused),
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        visitor.visit_bool(self.boolean()?)
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        visitor.visit_u64(self.unsigned()?)
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        visitor.visit_u64(self.unsigned()?)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        visitor.visit_u64(self.unsigned()?)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        visitor.visit_u64(self.unsigned()?)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        match self.string()? {
            Cow::Borrowed(text) => visitor.visit_borrowed_str(text),
            Cow::Owned(text) => visitor.visit_string(text),
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        self.deserialize_str(visitor)
    }

    /// A bare value is present; `None` and `Some(…)` are left to ron.
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        self.skip_spaces();
        let rest = self.rest();
        let word = rest
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || **b == b'_');
        if matches!(word.count(), 4) && matches!(&rest[..4], b"None" | b"Some") {
            return Err(Refused);
        }
        visitor.visit_some(self)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Refused> {
        self.fields(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Refused> {
        let variant = self.identifier()?;
        visitor.visit_enum(Variant {
            reader: self,
            name: variant,
        })
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        visitor.visit_borrowed_str(self.identifier()?)
    }

    /// An unknown field's value, when it is a string, a number or a boolean.
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Refused> {
        self.deserialize_any(visitor)
    }

    refused! {
        deserialize_i8(), deserialize_i16(), deserialize_i32(), deserialize_i64(),
        deserialize_i128(), deserialize_u128(), deserialize_f32(), deserialize_f64(),
        deserialize_char(), deserialize_bytes(), deserialize_byte_buf(), deserialize_unit(),
        deserialize_unit_struct(&'static str), deserialize_newtype_struct(&'static str),
        deserialize_seq(), deserialize_tuple(usize),
        deserialize_tuple_struct(&'static str, usize), deserialize_map(),
    }
}

/// The fields of a struct, `name: value` separated by commas (a last comma allowed).
struct Fields<'a, 'de> {
    reader: &'a mut Reader<'de>,
    first: bool,
}

impl<'de> MapAccess<'de> for Fields<'_, 'de> {
    type Error = Refused;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Refused> {
        if !std::mem::take(&mut self.first) && self.reader.peek() != Some(b')') {
            self.reader.take(b',')?;
        }
        if self.reader.peek() == Some(b')') {
            return Ok(None);
        }
        let name = self.reader.identifier()?;
        self.reader.take(b':')?;
        seed.deserialize(BorrowedStrDeserializer::new(name))
            .map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Refused> {
        seed.deserialize(&mut *self.reader)
    }
}

/// An enum's variant, named, with its fields if it has any.
struct Variant<'a, 'de> {
    reader: &'a mut Reader<'de>,
    name: &'de str,
}

impl<'a, 'de> EnumAccess<'de> for Variant<'a, 'de> {
    type Error = Refused;
    type Variant = &'a mut Reader<'de>;

    fn variant_seed<S: DeserializeSeed<'de>>(
        self,
        seed: S,
    ) -> Result<(S::Value, Self::Variant), Refused> {
        let variant = seed.deserialize(BorrowedStrDeserializer::new(self.name))?;
        Ok((variant, self.reader))
    }
}

impl<'de> VariantAccess<'de> for &mut Reader<'de> {
    type Error = Refused;

    fn unit_variant(self) -> Result<(), Refused> {
        match self.peek() {
            Some(b'(') => Err(Refused),
            _ => Ok(()),
        }
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, _: S) -> Result<S::Value, Refused> {
        Err(Refused)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value, Refused> {
        Err(Refused)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Refused> {
        self.fields(visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Annotation;
    use crate::store::ron_options;

    /// An annotation line as Parallax writes it, with `tag` and `rest` after its quote.
    fn line(quote: &str, tag: &str, rest: &str) -> String {
        format!(
            "(id: \"a-1\", source: \"s\", start: 3, end: 9, quote: {quote}, tag: {tag}, \
             created: \"2025-06-04T10:00:00Z\", modified: \"2025-06-04T10:00:00.5+02:00\"{rest})"
        )
    }

    fn by_ron(line: &str) -> Annotation {
        ron_options()
            .from_str(line)
            .unwrap_or_else(|e| panic!("{e}: {line}"))
    }

    #[test]
    fn reads_every_form_the_writer_uses_as_ron_does() {
        let lines = [
            line(r#"(exact: "Putin")"#, "Actor()", ""),
            line(r#"(exact: "Putin")"#, r#"Actor(entity: "e-1")"#, ""),
            line(
                r#"(exact: "said", prefix: "Bruni ", suffix: " that")"#,
                r#"Claim(speaker: "e-1", via: "e-2", group: "g-1")"#,
                r#", note: "Ειρήνη — “quoted” 🙂""#,
            ),
            line(
                r#"(exact: "June 4")"#,
                r#"Date(value: "2025-06")"#,
                ", unplaced: true",
            ),
            line(r#"(exact: "x",)"#, "Date()", ", unplaced: false,"),
            // Raw strings, as the writer uses for `"` and `\`.
            line(
                r###"(exact: r#"said: "no""#, prefix: r"C:\", suffix: r##"a"#b"##)"###,
                "Actor()",
                "",
            ),
            // Escapes, as the writer uses for line breaks.
            line(
                r#"(exact: "a\n\nb", prefix: "\t\r\0\\ \" \'", suffix: "")"#,
                "Actor()",
                "",
            ),
            // Spaces where a person might put them.
            line(r#"( exact :"x" , )"#, "Actor ( entity : \"e-1\" )", " "),
        ];
        for line in &lines {
            let fast: Annotation = read(line).unwrap_or_else(|_| panic!("refused: {line}"));
            assert_eq!(fast, by_ron(line), "{line}");
        }
    }

    #[test]
    fn leaves_every_other_form_to_ron() {
        // Each line is valid RON that ron reads; the fast reader must refuse it rather
        // than read it differently.
        let lines = [
            line(r#"(exact: "caf\u{e9}")"#, "Actor()", ""),
            line(r#"(exact: "caf\x41")"#, "Actor()", ""),
            line(r#"(exact: "x")"#, r#"Actor(entity: Some("e-1"))"#, ""),
            line(r#"(exact: "x")"#, "Actor(entity: None)", ""),
            line(r#"Quote(exact: "x")"#, "Actor()", ""),
            line(r#"(exact: "x") /* a comment */"#, "Actor()", ""),
            line(r#"(exact: "x")"#, "Actor()", ", r#unplaced: true"),
            line(r#"(exact: "x")"#, "Actor()", ", extra: [1, 2]"),
            line(r#"(exact: "x")"#, "Actor()", ", extra: (a: 1)"),
            line(r#"(exact: "x")"#, "Actor()", ", extra: -1"),
            line(r#"(exact: "x")"#, "Actor()", ", extra: 1.5"),
            "(id: \"a-1\", source: \"s\", start: 0x3, end: 9, quote: (exact: \"x\"), \
             tag: Actor(), created: \"2025-06-04T10:00:00Z\", \
             modified: \"2025-06-04T10:00:00Z\")"
                .to_string(),
            "(id: \"a-1\", source: \"s\", start: 3, end: 1_0, quote: (exact: \"x\"), \
             tag: Actor(), created: \"2025-06-04T10:00:00Z\", \
             modified: \"2025-06-04T10:00:00Z\")"
                .to_string(),
        ];
        for line in &lines {
            by_ron(line);
            assert!(read::<Annotation>(line).is_err(), "read fast: {line}");
        }
    }

    #[test]
    fn unknown_plain_fields_are_passed_over_as_ron_does() {
        let line = line(
            r#"(exact: "x", later: "y")"#,
            "Actor()",
            ", later: 12, also: true",
        );
        assert_eq!(read::<Annotation>(&line).unwrap(), by_ron(&line));
    }

    #[test]
    fn refuses_what_ron_refuses() {
        let good = line(r#"(exact: "x")"#, "Actor()", "");
        for broken in [
            good.replace("start: 3", "start: 99999999999999999999999"),
            good.replace(r#"exact: "x""#, r#"exact: "x"#),
            good.replace(r#"exact: "x""#, r#"exact: r#"x""#),
            good.replace(r#"exact: "x""#, r#"exact: "x\q""#),
            good.replace("Actor()", "Actor"),
            good.replace("Actor()", "Speaker()"),
            good.replace(", end: 9", ""),
            good.replace(", end: 9", ", end: 9, end: 9"),
            good.replace("id: \"a-1\"", "id: \"a 1\""),
            good.replace("2025-06-04T10:00:00Z", "yesterday"),
            format!("{good} ,"),
            format!("{good} x"),
            good.replace(')', ""),
        ] {
            assert!(read::<Annotation>(&broken).is_err(), "read: {broken}");
            assert!(
                ron_options().from_str::<Annotation>(&broken).is_err() || broken.ends_with(" ,"),
                "ron reads: {broken}"
            );
        }
    }
}
