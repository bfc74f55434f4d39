//! From raw bytes to UTF-8: BOM and encoding detection, and streaming transcoding that
//! reports undecodable bytes by line and byte offset.

use std::fmt;
use std::io::{self, Read};
use std::str::FromStr;

/// Text encodings an assessment file may come in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Encoding {
    Utf8,
    /// Excel's "Unicode text".
    Utf16Le,
    Utf16Be,
    /// The Vietnamese Windows code page, used by Excel's plain "CSV" there.
    Windows1258,
}

impl Encoding {
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Utf8 => "UTF-8",
            Encoding::Utf16Le => "UTF-16LE",
            Encoding::Utf16Be => "UTF-16BE",
            Encoding::Windows1258 => "Windows-1258",
        }
    }

    fn codec(self) -> &'static encoding_rs::Encoding {
        match self {
            Encoding::Utf8 => encoding_rs::UTF_8,
            Encoding::Utf16Le => encoding_rs::UTF_16LE,
            Encoding::Utf16Be => encoding_rs::UTF_16BE,
            Encoding::Windows1258 => encoding_rs::WINDOWS_1258,
        }
    }
}

impl fmt::Display for Encoding {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Encoding {
    type Err = String;

    fn from_str(s: &str) -> Result<Encoding, String> {
        match s.to_ascii_lowercase().replace('_', "-").as_str() {
            "utf-8" | "utf8" => Ok(Encoding::Utf8),
            "utf-16le" | "utf16le" | "utf-16" | "utf16" => Ok(Encoding::Utf16Le),
            "utf-16be" | "utf16be" => Ok(Encoding::Utf16Be),
            "windows-1258" | "cp1258" | "1258" => Ok(Encoding::Windows1258),
            _ => Err(format!(
                "unknown encoding {s:?}: expected utf-8, utf-16le, utf-16be or windows-1258"
            )),
        }
    }
}

/// How much of the input is looked at to detect its encoding.
const SNIFF: usize = 64 * 1024;

/// What [`decode`] found out about an input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Decoded {
    pub encoding: Encoding,
    /// Bytes of the BOM removed from the start.
    pub bom: u64,
    /// Lines end with a lone CR (Excel's "CSV (Macintosh)"), read as LF.
    pub cr_lines: bool,
}

/// Reads the start of `reader`, decides the encoding (a BOM wins; then UTF-16 by its zero
/// bytes; then UTF-8 or Windows-1258 on the evidence, see [`sniff`]), and returns a reader
/// of UTF-8 bytes with any BOM removed. `forced` overrides detection (a matching BOM is
/// still removed). Lines that end with a lone CR are read as ending with LF.
pub fn decode(
    mut reader: Box<dyn Read + Send>,
    forced: Option<Encoding>,
) -> io::Result<(Decoded, Box<dyn Read + Send>)> {
    let mut head = Vec::with_capacity(SNIFF);
    (&mut reader).take(SNIFF as u64).read_to_end(&mut head)?;
    let (bom, bom_len) = match head.as_slice() {
        [0xEF, 0xBB, 0xBF, ..] => (Some(Encoding::Utf8), 3),
        [0xFF, 0xFE, ..] => (Some(Encoding::Utf16Le), 2),
        [0xFE, 0xFF, ..] => (Some(Encoding::Utf16Be), 2),
        _ => (None, 0),
    };
    let encoding = forced
        .or(bom)
        .unwrap_or_else(|| sniff(&head, head.len() < SNIFF));
    let skip = if bom == Some(encoding) { bom_len } else { 0 };
    head.drain(..skip);
    let rest: Box<dyn Read + Send> = Box::new(io::Cursor::new(head).chain(reader));
    let mut utf8: Box<dyn Read + Send> = if encoding == Encoding::Utf8 {
        // UTF-8 passes through; fields are validated where they are read.
        rest
    } else {
        Box::new(Transcoder::new(rest, encoding, skip as u64))
    };
    // Line ends are decided on the decoded start: CR without any LF means CR-only lines.
    let mut start = Vec::with_capacity(8192);
    // An undecodable byte in the start is reported where the records reach it.
    let failed = (&mut utf8).take(8192).read_to_end(&mut start).err();
    let cr_lines =
        memchr::memchr(b'\n', &start).is_none() && memchr::memchr(b'\r', &start).is_some();
    let rest: Box<dyn Read + Send> = match failed {
        None => Box::new(io::Cursor::new(start).chain(utf8)),
        Some(e) => Box::new(io::Cursor::new(start).chain(Failing(Some(e)))),
    };
    let out: Box<dyn Read + Send> = if cr_lines {
        Box::new(CrToLf(rest))
    } else {
        rest
    };
    Ok((
        Decoded {
            encoding,
            bom: skip as u64,
            cr_lines,
        },
        out,
    ))
}

/// A reader that fails once with the error it holds, then ends.
struct Failing(Option<io::Error>);

impl Read for Failing {
    fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
        match self.0.take() {
            Some(e) => Err(e),
            None => Ok(0),
        }
    }
}

/// Reads lone-CR line ends as LF (the file has no LF at all).
struct CrToLf(Box<dyn Read + Send>);

impl Read for CrToLf {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.0.read(buf)?;
        for b in &mut buf[..n] {
            if *b == b'\r' {
                *b = b'\n';
            }
        }
        Ok(n)
    }
}

/// The encoding of a start of file without a BOM. UTF-8 unless the evidence says otherwise:
/// a start that is valid UTF-8 is UTF-8; one with invalid bytes is still UTF-8 (whose bad
/// bytes are then reported where they stand) when it also holds well-formed multi-byte UTF-8
/// sequences at least as often as bad ones, or when Windows-1258 would decode it to control
/// characters. Only a start whose high bytes never form UTF-8 and all decode to text is
/// Windows-1258.
fn sniff(head: &[u8], complete: bool) -> Encoding {
    let zeros_even = head.iter().step_by(2).filter(|&&b| b == 0).count();
    let zeros_odd = head.iter().skip(1).step_by(2).filter(|&&b| b == 0).count();
    let half = head.len() / 2;
    if half > 0 && zeros_odd * 4 > half && zeros_even * 4 < half {
        return Encoding::Utf16Le;
    }
    if half > 0 && zeros_even * 4 > half && zeros_odd * 4 < half {
        return Encoding::Utf16Be;
    }
    let (mut good, mut bad) = (0usize, 0usize);
    let mut rest = head;
    loop {
        match std::str::from_utf8(rest) {
            Ok(s) => {
                good += s.bytes().filter(|&b| b >= 0xC0).count();
                break;
            }
            Err(e) => {
                let valid = &rest[..e.valid_up_to()];
                good += valid.iter().filter(|&&b| b >= 0xC0).count();
                match e.error_len() {
                    Some(n) => {
                        bad += 1;
                        rest = &rest[e.valid_up_to() + n..];
                    }
                    // A character cut by the end of the sniffed part is not an error.
                    None if !complete => break,
                    None => {
                        bad += 1;
                        break;
                    }
                }
            }
        }
    }
    if bad == 0 || good >= bad {
        return Encoding::Utf8;
    }
    let (text, _) = encoding_rs::WINDOWS_1258.decode_without_bom_handling(head);
    let c1 = text.chars().any(|c| ('\u{80}'..='\u{9f}').contains(&c));
    if c1 {
        Encoding::Utf8
    } else {
        Encoding::Windows1258
    }
}

/// Streams `inner` decoded from `encoding` to UTF-8; a malformed sequence is an
/// `InvalidData` error naming the line and the byte offset in the original file.
struct Transcoder {
    inner: Box<dyn Read + Send>,
    encoding: Encoding,
    decoder: encoding_rs::Decoder,
    input: Vec<u8>,
    start: usize,
    end: usize,
    eof: bool,
    /// Bytes of the original input consumed so far.
    offset: u64,
    /// Lines completed in the output so far.
    lines: u64,
    done: bool,
}

impl Transcoder {
    /// `offset`: bytes of the file before `inner` (a removed BOM), for error positions.
    fn new(inner: Box<dyn Read + Send>, encoding: Encoding, offset: u64) -> Transcoder {
        Transcoder {
            inner,
            encoding,
            decoder: encoding.codec().new_decoder_without_bom_handling(),
            input: vec![0; 64 * 1024],
            start: 0,
            end: 0,
            eof: false,
            offset,
            lines: 0,
            done: false,
        }
    }
}

impl Read for Transcoder {
    fn read(&mut self, out: &mut [u8]) -> io::Result<usize> {
        if self.done || out.is_empty() {
            return Ok(0);
        }
        loop {
            if self.start == self.end && !self.eof {
                self.start = 0;
                self.end = 0;
                let n = self.inner.read(&mut self.input)?;
                self.end = n;
                self.eof = n == 0;
            }
            // Leave room: one decoded character may take 4 bytes.
            if out.len() < 4 {
                let mut tmp = [0u8; 4];
                let n = self.read(&mut tmp)?;
                let k = n.min(out.len());
                out[..k].copy_from_slice(&tmp[..k]);
                return Ok(k);
            }
            let (result, read, written) = self.decoder.decode_to_utf8_without_replacement(
                &self.input[self.start..self.end],
                out,
                self.eof,
            );
            self.lines += out[..written].iter().filter(|&&b| b == b'\n').count() as u64;
            self.start += read;
            self.offset += read as u64;
            match result {
                encoding_rs::DecoderResult::Malformed(bad, _) => {
                    let at = self.offset - u64::from(bad);
                    return Err(io::Error::new(
                        io::ErrorKind::InvalidData,
                        Malformed {
                            line: self.lines + 1,
                            offset: at,
                            encoding: self.encoding,
                        },
                    ));
                }
                encoding_rs::DecoderResult::InputEmpty if self.eof && written == 0 => {
                    self.done = true;
                    return Ok(0);
                }
                _ if written > 0 => return Ok(written),
                _ => continue,
            }
        }
    }
}

/// The longest record accepted, in bytes.
pub const MAX_RECORD: u64 = 1024 * 1024;

/// A record longer than [`MAX_RECORD`].
#[derive(Debug)]
pub struct RecordTooLong;

impl fmt::Display for RecordTooLong {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "a record is longer than {} MiB (binary data, or an unclosed quote?)",
            MAX_RECORD >> 20
        )
    }
}

impl std::error::Error for RecordTooLong {}

/// Bytes that are not valid in the file's encoding.
#[derive(Debug)]
pub struct Malformed {
    pub line: u64,
    pub offset: u64,
    pub encoding: Encoding,
}

impl Malformed {
    pub fn message(&self) -> crate::l10n::Message {
        crate::msg!(
            "input-malformed",
            line = self.line,
            offset = self.offset,
            encoding = self.encoding.to_string(),
        )
    }
}

impl fmt::Display for Malformed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message().to_string())
    }
}

impl std::error::Error for Malformed {}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(bytes: &[u8], forced: Option<Encoding>) -> (Encoding, io::Result<String>) {
        let (d, mut r) = decode(Box::new(io::Cursor::new(bytes.to_vec())), forced).unwrap();
        let enc = d.encoding;
        let mut out = Vec::new();
        let res = r
            .read_to_end(&mut out)
            .map(|_| String::from_utf8_lossy(&out).into_owned());
        (enc, res)
    }

    fn utf16(s: &str, le: bool) -> Vec<u8> {
        let mut v = if le {
            vec![0xFF, 0xFE]
        } else {
            vec![0xFE, 0xFF]
        };
        for u in s.encode_utf16() {
            v.extend(if le { u.to_le_bytes() } else { u.to_be_bytes() });
        }
        v
    }

    #[test]
    fn detects_boms_and_strips_them() {
        let text = "product_id,assessor\nQN-01,Nguyễn Văn A\n";
        assert_eq!(run(text.as_bytes(), None).0, Encoding::Utf8);
        let with_bom = [&[0xEF, 0xBB, 0xBF][..], text.as_bytes()].concat();
        assert_eq!(run(&with_bom, None).1.unwrap(), text);
        let (e, t) = run(&utf16(text, true), None);
        assert_eq!((e, t.unwrap().as_str()), (Encoding::Utf16Le, text));
        let (e, t) = run(&utf16(text, false), None);
        assert_eq!((e, t.unwrap().as_str()), (Encoding::Utf16Be, text));
    }

    #[test]
    fn utf16_without_bom_is_recognised_by_its_zero_bytes() {
        let text = "product_id\tassessor\nQN-01\tA\n";
        let le: Vec<u8> = utf16(text, true)[2..].to_vec();
        let (e, t) = run(&le, None);
        assert_eq!((e, t.unwrap().as_str()), (Encoding::Utf16Le, text));
    }

    #[test]
    fn invalid_utf8_is_read_as_windows_1258() {
        // "Nguyễn" in Windows-1258: N g u y ê (0xEA) + combining tilde (0xDE) n
        let bytes = b"assessor\nNguy\xea\xden\n";
        let (e, t) = run(bytes, None);
        assert_eq!(e, Encoding::Windows1258);
        assert_eq!(t.unwrap(), "assessor\nNguy\u{ea}\u{303}n\n");
        let (e, t) = run(bytes, Some(Encoding::Utf8));
        assert_eq!(e, Encoding::Utf8, "--encoding wins");
        assert!(t.unwrap().contains('\u{FFFD}'), "passed through undecoded");
    }

    #[test]
    fn malformed_utf16_names_line_and_offset() {
        let mut bytes = utf16("a\nb\n", true);
        bytes.extend([0x00, 0xD8, 0x41, 0x00]); // an unpaired high surrogate, then 'A'
        let (_, res) = run(&bytes, None);
        let err = res.unwrap_err().to_string();
        assert!(
            err.contains("line 3, byte offset 10: not valid UTF-16LE"),
            "{err}"
        );
    }

    /// Regression (review of 2026-12): one bad byte in an otherwise UTF-8 start made the
    /// whole file read as Windows-1258.
    #[test]
    fn utf8_with_a_few_bad_bytes_stays_utf8() {
        let mut bytes = "product_id,assessor\nQN-01,Nguyễn Văn Hùng\n"
            .as_bytes()
            .to_vec();
        bytes.extend(b"\xff\xfe\xfd");
        bytes.extend("QN-02,Trần Thị Mai\n".as_bytes());
        assert_eq!(run(&bytes, None).0, Encoding::Utf8);
        // Windows-1258 text with no UTF-8 sequence at all is still recognised.
        assert_eq!(
            run(b"assessor\nNguy\xea\xden\nTr\xe2\xccn\n", None).0,
            Encoding::Windows1258
        );
        // Bytes Windows-1258 leaves undefined (C1 controls) are not Windows-1258.
        assert_eq!(run(b"a\n\x81\x8d\x8f\n", None).0, Encoding::Utf8);
    }

    #[test]
    fn cr_only_line_ends_read_as_lf() {
        let (d, mut r) =
            decode(Box::new(io::Cursor::new(b"a,b\r1,2\r3,4\r".to_vec())), None).unwrap();
        let mut out = String::new();
        r.read_to_string(&mut out).unwrap();
        assert!(d.cr_lines);
        assert_eq!(out, "a,b\n1,2\n3,4\n");
        let (d, _) = decode(Box::new(io::Cursor::new(b"a,b\r\n1,2\r\n".to_vec())), None).unwrap();
        assert!(!d.cr_lines);
    }

    #[test]
    fn encoding_names_parse() {
        assert_eq!("windows-1258".parse(), Ok(Encoding::Windows1258));
        assert_eq!("CP1258".parse(), Ok(Encoding::Windows1258));
        assert_eq!("utf-16".parse(), Ok(Encoding::Utf16Le));
        assert!("latin1".parse::<Encoding>().is_err());
    }
}
