//! CSV records with exact line numbers. `csv_core` parses; this reader feeds it, bounds a
//! record's size, and counts lines itself: the `csv` crate's positions put a record after a
//! blank line, and every record of a CRLF file, on an earlier line than its own.

use std::io::Read;

use super::decode::{MAX_RECORD, Malformed, RecordTooLong};

/// A record: its fields, the line it starts on (1-based, in this reader's input) and the
/// byte offset of its first character.
pub struct Record<'a> {
    out: &'a [u8],
    ends: &'a [usize],
    /// Bytes between one field's end and the next one's start: 0 when `out` holds the fields
    /// alone, 1 when it is the line itself (the delimiter between them).
    gap: usize,
    pub line: u64,
    /// The line the record ends on: later than `line` when a quoted field holds line ends
    /// (or a quote is never closed).
    pub last_line: u64,
    pub offset: u64,
}

impl<'a> Record<'a> {
    #[allow(dead_code)] // for sources other than CSV (workbooks)
    /// A record of `ends.len()` fields: field `i` is `out[ends[i-1]..ends[i]]`.
    pub fn new(out: &'a [u8], ends: &'a [usize], line: u64, last_line: u64, offset: u64) -> Self {
        Record {
            out,
            ends,
            gap: 0,
            line,
            last_line,
            offset,
        }
    }

    pub fn len(&self) -> usize {
        self.ends.len()
    }

    pub fn get(&self, i: usize) -> Option<&[u8]> {
        let end = *self.ends.get(i)?;
        let start = if i == 0 {
            0
        } else {
            self.ends[i - 1] + self.gap
        };
        Some(&self.out[start..end])
    }
}

/// Why reading stopped.
#[derive(Debug)]
pub enum ReadError {
    Io(std::io::Error),
    /// A record longer than [`MAX_RECORD`]; the line it starts on.
    TooLong(u64),
}

pub struct Records<R> {
    inner: R,
    core: csv_core::Reader,
    buf: Box<[u8]>,
    pos: usize,
    len: usize,
    eof: bool,
    /// Newlines consumed so far.
    lines: u64,
    /// Bytes consumed so far.
    offset: u64,
    out: Vec<u8>,
    ends: Vec<usize>,
    /// Field ends of a plain line (see [`Records::plain_line`]).
    plain_ends: Vec<usize>,
    plain_len: usize,
    delimiter: u8,
    /// Every record through `csv_core` (the reference, for tests).
    reference: bool,
}

impl<R: Read> Records<R> {
    pub fn new(inner: R, delimiter: u8) -> Records<R> {
        Records::with_buffer(inner, delimiter, 64 * 1024)
    }

    /// A reader whose buffer holds `size` bytes (small in tests, to cut records).
    fn with_buffer(inner: R, delimiter: u8, size: usize) -> Records<R> {
        Records {
            inner,
            core: csv_core::ReaderBuilder::new().delimiter(delimiter).build(),
            buf: vec![0; size].into_boxed_slice(),
            pos: 0,
            len: 0,
            eof: false,
            lines: 0,
            offset: 0,
            out: vec![0; 4096],
            ends: vec![0; 64],
            plain_ends: Vec::with_capacity(64),
            plain_len: 0,
            delimiter,
            reference: false,
        }
    }

    /// Every record through `csv_core`, without the plain-line fast path: the reference the
    /// fast path is held to (the property test below).
    #[cfg_attr(not(test), allow(dead_code))]
    fn reference(inner: R, delimiter: u8, size: usize) -> Records<R> {
        Records {
            reference: true,
            ..Records::with_buffer(inner, delimiter, size)
        }
    }

    /// Counts byte offsets from `offset` (bytes of the input before this reader's start).
    pub fn starting_at(mut self, offset: u64) -> Records<R> {
        self.offset = offset;
        self
    }

    /// Lines ended so far.
    pub fn lines(&self) -> u64 {
        self.lines
    }

    fn fill(&mut self) -> Result<(), ReadError> {
        if self.pos == self.len && !self.eof {
            self.pos = 0;
            self.len = self.inner.read(&mut self.buf).map_err(ReadError::Io)?;
            self.eof = self.len == 0;
        }
        Ok(())
    }

    /// The next record, or `None` at the end.
    pub fn next_record(&mut self) -> Result<Option<Record<'_>>, ReadError> {
        // Line ends and blank lines before the record are skipped here, and counted.
        loop {
            self.fill()?;
            if self.pos == self.len {
                break;
            }
            match self.buf[self.pos] {
                b'\n' => self.lines += 1,
                b'\r' => {}
                _ => break,
            }
            self.pos += 1;
            self.offset += 1;
        }
        let (line, start) = (self.lines + 1, self.offset);
        if !self.reference && self.plain_line() {
            let ends = &self.plain_ends;
            let len = ends.last().copied().unwrap_or(0);
            return Ok(Some(Record {
                out: &self.buf[self.pos - self.plain_len..][..len],
                ends,
                gap: 1,
                line,
                last_line: line,
                offset: start,
            }));
        }
        let (mut nout, mut nend) = (0, 0);
        let mut newlines = 0;
        loop {
            self.fill()?;
            let input = &self.buf[self.pos..self.len];
            let (res, nin, o, e) =
                self.core
                    .read_record(input, &mut self.out[nout..], &mut self.ends[nend..]);
            let nl = memchr::memchr_iter(b'\n', &input[..nin]).count() as u64;
            self.lines += nl;
            newlines += nl;
            self.pos += nin;
            self.offset += nin as u64;
            nout += o;
            nend += e;
            if self.offset - start > MAX_RECORD {
                return Err(ReadError::TooLong(line));
            }
            match res {
                csv_core::ReadRecordResult::InputEmpty => continue,
                csv_core::ReadRecordResult::OutputFull => {
                    let n = self.out.len() * 2;
                    self.out.resize(n, 0);
                }
                csv_core::ReadRecordResult::OutputEndsFull => {
                    let n = self.ends.len() * 2;
                    self.ends.resize(n, 0);
                }
                csv_core::ReadRecordResult::Record => {
                    let ended = self.pos > 0 && self.buf[self.pos - 1] == b'\n';
                    return Ok(Some(Record {
                        last_line: line + newlines - u64::from(ended && newlines > 0),
                        out: &self.out[..nout],
                        ends: &self.ends[..nend],
                        gap: 0,
                        line,
                        offset: start,
                    }));
                }
                csv_core::ReadRecordResult::End => return Ok(None),
            }
        }
    }
}

/// The CSV quote (named: a quote character here would confuse the catalogue check's
/// scan of this file for message keys, `l10n::tests`).
const QUOTE: u8 = 0x22;

impl<R: Read> Records<R> {
    /// The fast path, for the records of nearly every sheet: a whole line in the buffer with
    /// no quote and no CR but its ending is split on the delimiter here, as `csv_core` would
    /// split it, without copying. Anything else (a quote, a CR, a line across the buffer's
    /// end, the last line without a line end) goes to `csv_core`. On success the line is
    /// consumed, `plain_ends` holds the field ends, `plain_len` the bytes consumed.
    fn plain_line(&mut self) -> bool {
        let input = &self.buf[self.pos..self.len];
        let Some(nl) = memchr::memchr(b'\n', input) else {
            return false;
        };
        let text = match input[..nl] {
            [ref t @ .., b'\r'] => t,
            ref t => t,
        };
        self.plain_ends.clear();
        if !split_plain(text, self.delimiter, &mut self.plain_ends) {
            return false;
        }
        self.plain_ends.push(text.len());
        self.plain_len = nl + 1;
        self.pos += nl + 1;
        self.offset += nl as u64 + 1;
        self.lines += 1;
        true
    }
}

/// Pushes the position of every `delimiter` in `text` onto `ends`; false (with `ends` left
/// partly filled) when `text` holds a quote or a CR. One pass, 32 bytes at a time: each
/// block's bytes are compared into bit masks (a loop the compiler turns into vector
/// compares), then the delimiters' bits are walked. A sheet's line has a delimiter every
/// 2–3 bytes, where a `memchr` call per field and two more passes over the line cost more.
fn split_plain(text: &[u8], delimiter: u8, ends: &mut Vec<usize>) -> bool {
    const BLOCK: usize = 32;
    let mut blocks = text.chunks_exact(BLOCK);
    let mut base = 0;
    for block in &mut blocks {
        let block: &[u8; BLOCK] = block.try_into().expect("a whole block");
        let (mut delims, mut special) = (0u32, 0u32);
        for (i, &b) in block.iter().enumerate() {
            delims |= u32::from(b == delimiter) << i;
            special |= u32::from(b == QUOTE || b == b'\r') << i;
        }
        if special != 0 {
            return false;
        }
        while delims != 0 {
            ends.push(base + delims.trailing_zeros() as usize);
            delims &= delims - 1;
        }
        base += BLOCK;
    }
    for (i, &b) in blocks.remainder().iter().enumerate() {
        if b == QUOTE || b == b'\r' {
            return false;
        }
        if b == delimiter {
            ends.push(base + i);
        }
    }
    true
}

impl ReadError {
    /// The error as a message for the reader.
    pub fn message(&self) -> crate::l10n::Message {
        let too_long = || crate::msg!("input-record-too-long", mib = MAX_RECORD >> 20);
        match self {
            ReadError::Io(e) => io_message(e),
            ReadError::TooLong(_) => too_long(),
        }
    }
}

/// An error reading the input, as a message for the reader.
pub fn io_message(e: &std::io::Error) -> crate::l10n::Message {
    let inner = e.get_ref();
    if inner.is_some_and(|i| i.is::<RecordTooLong>()) {
        crate::msg!("input-record-too-long", mib = MAX_RECORD >> 20)
    } else if let Some(m) = inner.and_then(|i| i.downcast_ref::<Malformed>()) {
        crate::msg!("input-cannot-read", error = m.message())
    } else {
        crate::msg!("input-cannot-read", error = e.to_string())
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ReadError::Io(e) => match e.get_ref().and_then(|i| i.downcast_ref::<RecordTooLong>()) {
                Some(t) => write!(f, "{t}"),
                None => write!(f, "cannot read: {e}"),
            },
            ReadError::TooLong(_) => write!(f, "{RecordTooLong}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lines(text: &str) -> Vec<(String, u64, u64)> {
        let mut r = Records::new(text.as_bytes(), b',');
        let mut out = Vec::new();
        while let Some(rec) = r.next_record().unwrap() {
            let fields: Vec<String> = (0..rec.len())
                .map(|i| String::from_utf8_lossy(rec.get(i).unwrap()).into_owned())
                .collect();
            out.push((fields.join("|"), rec.line, rec.offset));
        }
        out
    }

    #[test]
    fn line_numbers_are_exact_after_blank_lines_and_with_crlf() {
        let want = |v: &[(&str, u64)]| {
            v.iter()
                .map(|(f, l)| (f.to_string(), *l))
                .collect::<Vec<_>>()
        };
        let strip =
            |v: Vec<(String, u64, u64)>| v.into_iter().map(|(f, l, _)| (f, l)).collect::<Vec<_>>();
        assert_eq!(
            strip(lines("a,b\n\n\nc,d\ne,f")),
            want(&[("a|b", 1), ("c|d", 4), ("e|f", 5)])
        );
        assert_eq!(
            strip(lines("a,b\r\n\r\nc,d\r\ne,f\r\n")),
            want(&[("a|b", 1), ("c|d", 3), ("e|f", 4)])
        );
        assert_eq!(
            strip(lines("a,b\n\"x\ny\",z\n\nq,r\n")),
            want(&[("a|b", 1), ("x\ny|z", 2), ("q|r", 5)])
        );
        assert_eq!(strip(lines("\n\na\n\n")), want(&[("a", 3)]));
        assert_eq!(
            lines("ab,c\r\nd\n")[1].2,
            6,
            "byte offset of the record's first character"
        );
    }

    #[test]
    fn a_record_longer_than_the_limit_is_an_error() {
        let big = format!("a,b\nx,{}\n", "y".repeat(MAX_RECORD as usize + 10));
        let mut r = Records::new(big.as_bytes(), b',');
        assert!(r.next_record().unwrap().is_some());
        assert!(matches!(r.next_record(), Err(ReadError::TooLong(2))));
    }

    /// Every record, as fields, lines and offsets.
    fn all<R: Read>(mut r: Records<R>) -> Vec<(Vec<Vec<u8>>, u64, u64, u64)> {
        let mut out = Vec::new();
        while let Some(rec) = r.next_record().unwrap() {
            let fields = (0..rec.len())
                .map(|i| rec.get(i).unwrap().to_vec())
                .collect();
            out.push((fields, rec.line, rec.last_line, rec.offset));
        }
        out.push((Vec::new(), r.lines(), 0, 0));
        out
    }

    proptest::proptest! {
        /// The plain-line fast path gives exactly what `csv_core` alone gives: fields, lines,
        /// last lines, offsets, for any bytes, cut at any buffer size.
        #[test]
        fn the_fast_path_is_the_reference(
            text in proptest::collection::vec(proptest::sample::select(
                vec![b'a', b'7', b',', b';', b'"', b'\n', b'\r', b' ', 0xC3, 0xA9]), 0..400),
            size in 1usize..64,
            semicolon in proptest::bool::ANY,
        ) {
            let d = if semicolon { b';' } else { b',' };
            let fast = all(Records::with_buffer(&text[..], d, size));
            let reference = all(Records::reference(&text[..], d, size));
            proptest::prop_assert_eq!(fast, reference);
            let big = all(Records::new(&text[..], d));
            let reference = all(Records::reference(&text[..], d, 64 * 1024));
            proptest::prop_assert_eq!(big, reference);
        }

        /// The same on long lines that are mostly plain (a quote or CR now and then): the
        /// fast path's 32-byte blocks, with a quote or CR in any block or in the remainder.
        #[test]
        fn the_fast_path_is_the_reference_on_long_lines(
            text in proptest::collection::vec(proptest::sample::select({
                let mut bytes = b"abc,,,;;7".repeat(8);
                bytes.extend([b'\n', b'\n', b'"', b'\r', 0xC3, 0xA9]);
                bytes
            }), 0..2000),
            size in proptest::sample::select(vec![7usize, 33, 64, 100, 4096]),
            semicolon in proptest::bool::ANY,
        ) {
            let d = if semicolon { b';' } else { b',' };
            let fast = all(Records::with_buffer(&text[..], d, size));
            let reference = all(Records::reference(&text[..], d, size));
            proptest::prop_assert_eq!(fast, reference);
        }
    }
}
