//! The filters that decode a PDF stream's bytes: Flate (zlib or raw deflate, with the PNG
//! and TIFF predictors), ASCIIHex and ASCII85. Inflating stops at a limit, so that a
//! small stream that would unpack to gigabytes (a decompression bomb) is refused early.

use flate2::{Decompress, FlushDecompress, Status};

use super::super::package::{MAX_RATIO, MAX_UNPACKED_BYTES};
use super::objects::{Damage, Dict, Object, Parsed};

fn too_large() -> Damage {
    Damage(format!(
        "a stream unpacks to more than {MAX_RATIO} times its packed size or past {} MiB in \
         all; the file is refused as a possible decompression bomb",
        MAX_UNPACKED_BYTES >> 20
    ))
}

/// Decodes `encoded` by `filters` in turn, each with its parameters, refusing more than
/// `limit` bytes.
pub(super) fn decode(
    encoded: &[u8],
    filters: &[Vec<u8>],
    parameters: &[Option<Dict>],
    limit: u64,
) -> Parsed<Vec<u8>> {
    let mut data = encoded.to_vec();
    for (i, filter) in filters.iter().enumerate() {
        data = match filter.as_slice() {
            b"FlateDecode" | b"Fl" => {
                let inflated = inflate(&data, limit)?;
                match parameters.get(i).cloned().flatten() {
                    Some(parameters) => unpredict(inflated, &parameters)?,
                    None => inflated,
                }
            }
            b"ASCIIHexDecode" | b"AHx" => ascii_hex(&data),
            b"ASCII85Decode" | b"A85" => ascii_85(&data),
            other => {
                return Err(Damage(format!(
                    "a stream is encoded with {}, which Parallax does not decode",
                    String::from_utf8_lossy(other)
                )));
            }
        };
        if data.len() as u64 > limit {
            return Err(too_large());
        }
    }
    Ok(data)
}

/// Inflates zlib (or raw deflate) data, refusing more than `limit` bytes. Data cut short
/// give what they hold.
fn inflate(data: &[u8], limit: u64) -> Parsed<Vec<u8>> {
    let zlib = data.len() >= 2
        && data[0] & 0x0F == 8
        && u16::from_be_bytes([data[0], data[1]]).is_multiple_of(31);
    let mut inflater = Decompress::new(zlib);
    let mut out: Vec<u8> = Vec::with_capacity((data.len() * 4).min(limit as usize + 1));
    loop {
        if out.len() as u64 > limit {
            return Err(too_large());
        }
        if out.capacity() - out.len() < 32 * 1024 {
            out.reserve(64 * 1024);
        }
        let consumed = inflater.total_in() as usize;
        let before = out.len();
        let status = inflater.decompress_vec(&data[consumed..], &mut out, FlushDecompress::None);
        let progressed = out.len() > before || inflater.total_in() as usize > consumed;
        match status {
            Ok(Status::StreamEnd) => break,
            Ok(_) if progressed => {}
            Ok(_) | Err(_) if !out.is_empty() => break,
            _ => return Err(Damage("a compressed stream cannot be unpacked".into())),
        }
    }
    if out.len() as u64 > limit {
        return Err(too_large());
    }
    Ok(out)
}

/// Undoes the PNG or TIFF predictor a compressed stream was encoded with.
fn unpredict(data: Vec<u8>, parameters: &Dict) -> Parsed<Vec<u8>> {
    let number = |key: &[u8], default: i64| {
        parameters
            .get(key)
            .and_then(Object::as_int)
            .unwrap_or(default)
    };
    let predictor = number(b"Predictor", 1);
    if predictor < 2 {
        return Ok(data);
    }
    let colors = number(b"Colors", 1).clamp(1, 32) as usize;
    let bits = number(b"BitsPerComponent", 8).clamp(1, 16) as usize;
    let columns = number(b"Columns", 1).clamp(1, 1 << 20) as usize;
    let pixel = (colors * bits).div_ceil(8);
    let row = (colors * bits * columns).div_ceil(8);
    if predictor == 2 {
        if bits != 8 {
            return Err(Damage(
                "a stream uses a TIFF predictor Parallax does not decode".into(),
            ));
        }
        let mut data = data;
        for line in data.chunks_mut(row) {
            for i in pixel..line.len() {
                line[i] = line[i].wrapping_add(line[i - pixel]);
            }
        }
        return Ok(data);
    }
    let mut out = Vec::with_capacity(data.len());
    let mut previous = vec![0u8; row];
    for line in data.chunks(row + 1) {
        let (kind, line) = (line[0], &line[1..]);
        let mut current = line.to_vec();
        current.resize(row, 0);
        for i in 0..row {
            let left = if i >= pixel { current[i - pixel] } else { 0 };
            let up = previous[i];
            let up_left = if i >= pixel { previous[i - pixel] } else { 0 };
            current[i] = current[i].wrapping_add(match kind {
                1 => left,
                2 => up,
                3 => ((u16::from(left) + u16::from(up)) / 2) as u8,
                4 => paeth(left, up, up_left),
                _ => 0,
            });
        }
        out.extend_from_slice(&current[..line.len().min(row)]);
        previous = current;
    }
    Ok(out)
}

fn paeth(a: u8, b: u8, c: u8) -> u8 {
    let p = i16::from(a) + i16::from(b) - i16::from(c);
    let (pa, pb, pc) = (
        (p - i16::from(a)).abs(),
        (p - i16::from(b)).abs(),
        (p - i16::from(c)).abs(),
    );
    if pa <= pb && pa <= pc {
        a
    } else if pb <= pc {
        b
    } else {
        c
    }
}

fn ascii_hex(data: &[u8]) -> Vec<u8> {
    let digits: Vec<u8> = data
        .iter()
        .take_while(|&&b| b != b'>')
        .filter_map(|&b| (b as char).to_digit(16).map(|d| d as u8))
        .collect();
    digits
        .chunks(2)
        .map(|pair| pair[0] << 4 | pair.get(1).copied().unwrap_or(0))
        .collect()
}

fn ascii_85(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() * 4 / 5);
    let mut group = Vec::with_capacity(5);
    let flush = |group: &[u8], out: &mut Vec<u8>| {
        if group.len() < 2 {
            return;
        }
        let mut padded = [b'u' - b'!'; 5];
        padded[..group.len()].copy_from_slice(group);
        let value = padded.iter().fold(0u64, |n, &d| n * 85 + u64::from(d)) as u32;
        out.extend_from_slice(&value.to_be_bytes()[..group.len() - 1]);
    };
    for &b in data {
        match b {
            b'~' => break,
            b'z' if group.is_empty() => out.extend_from_slice(&[0; 4]),
            b'!'..=b'u' => {
                group.push(b - b'!');
                if group.len() == 5 {
                    flush(&group, &mut out);
                    group.clear();
                }
            }
            _ => {}
        }
    }
    flush(&group, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn filters_decode_and_bombs_are_refused() {
        assert_eq!(ascii_hex(b"48 65 6C6C6F>"), b"Hello");
        assert_eq!(ascii_85(b"87cURD]i,\"Ebo80~>"), b"Hello World!");
        use std::io::Write;
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        encoder.write_all(&vec![b'a'; 8 << 20]).unwrap();
        let packed = encoder.finish().unwrap();
        assert_eq!(inflate(&packed, 16 << 20).unwrap().len(), 8 << 20);
        let err = inflate(&packed, 4 << 20).unwrap_err();
        assert!(err.0.contains("decompression bomb"), "{err:?}");
        // Data cut short give what they hold.
        let mut encoder = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
        encoder.write_all(b"BT /F1 12 Tf (Hello) Tj ET").unwrap();
        let packed = encoder.finish().unwrap();
        let cut = inflate(&packed[..packed.len() - 6], 1 << 20).unwrap();
        assert!(b"BT /F1 12 Tf (Hello) Tj ET".starts_with(&cut), "{cut:?}");
        assert!(inflate(b"not deflate at all", 1 << 20).is_err());
    }

    #[test]
    fn png_predictors_are_undone() {
        let mut parameters = Dict::default();
        parameters.0.push((b"Predictor".to_vec(), Object::Int(12)));
        parameters.0.push((b"Columns".to_vec(), Object::Int(3)));
        // Row one "Up" from zeros, row two "Up" from row one.
        let data = vec![2, 1, 2, 3, 2, 1, 1, 1];
        assert_eq!(
            unpredict(data, &parameters).unwrap(),
            vec![1, 2, 3, 2, 3, 4]
        );
    }
}
