//! Reading assessment files into a [`Batch`]. One path for every row:
//!
//! 1. a source (a file, standard input) is decoded to UTF-8 (`decode`),
//! 2. split into records with their line numbers (`source`: the CSV reader),
//! 3. its header is read into a layout (`layout`),
//! 4. every record is checked and added to the batch by the row checker (`rows`),
//! 5. `Batch::finish` checks what needs the whole batch.
//!
//! Problems are collected, never thrown: a messy file is reported in one pass. The library
//! reads what it is given: opening files is the binary's job.

mod batch;
mod decode;
mod error;
mod layout;
mod records;
mod rows;
mod source;
mod text;

use std::io::{self, BufRead, BufReader, Read};
use std::sync::Arc;

pub use batch::{At, Batch, Product, SEP, Sheet, leaf_sections};
pub use decode::Encoding;
pub use error::{InputError, Loc, Problems, column_letters};
pub use layout::Kind;
pub use rows::{Disqualified, disqualified};
pub use text::{clean, escape, escape_all, is_unsafe};

use crate::criteria::Edition;
use layout::Layout;
use rows::{Rows, is_blank};
use source::RecordSource;

/// How inputs are read.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// The set of rows without a set (`--set`): a number or a code.
    pub default_set: Option<String>,
    /// Field delimiter; detected from the header line when `None`.
    pub delimiter: Option<u8>,
    /// Encoding; detected when `None`.
    pub encoding: Option<Encoding>,
    /// Keep every criterion's sum and each member's section sums (see [`Batch::new`]).
    pub detail: bool,
    /// Problems listed at most (then a count).
    pub max_errors: usize,
}

/// An input: a name for messages and its bytes.
pub struct Source {
    pub name: Arc<str>,
    pub reader: Box<dyn Read + Send>,
}

impl Source {
    /// A source over bytes in memory (tests, fuzzing).
    pub fn memory(name: &str, bytes: Vec<u8>) -> Source {
        Source {
            name: name.into(),
            reader: Box::new(io::Cursor::new(bytes)),
        }
    }
}

/// What was learnt about one input while reading it.
#[derive(Debug, Clone)]
pub struct FileInfo {
    pub name: Arc<str>,
    pub encoding: Encoding,
    /// Lines end with a lone CR (read as LF).
    pub cr_lines: bool,
    pub delimiter: u8,
    pub kind: Option<Kind>,
    /// Records read after the header (blank lines not counted).
    pub rows: u64,
}

/// The result of reading a batch: what each input was, and the batch or its problems.
pub struct Reading<'e> {
    pub files: Vec<FileInfo>,
    pub result: Result<Batch<'e>, Problems>,
}

/// Reads every source as one batch and checks it.
pub fn read<'e>(edition: &'e Edition, sources: Vec<Source>, opts: &ReadOptions) -> Reading<'e> {
    let mut batch = Batch::new(edition, opts.max_errors, opts.detail);
    let files = sources
        .into_iter()
        .map(|s| read_one(&mut batch, s, opts))
        .collect();
    Reading {
        files,
        result: batch.finish(),
    }
}

/// What a file that is not text looks like, by its first bytes: the message's key.
fn binary_kind(head: &[u8]) -> Option<&'static str> {
    match head {
        [b'P', b'K', 3, 4, ..] => Some("input-not-csv-zip"),
        [0xD0, 0xCF, 0x11, 0xE0, ..] => Some("input-not-csv-ole"),
        [b'%', b'P', b'D', b'F', ..] => Some("input-not-csv-pdf"),
        _ => None,
    }
}

/// Reads one source into the batch.
fn read_one(batch: &mut Batch<'_>, source: Source, opts: &ReadOptions) -> FileInfo {
    let file = batch.add_file(source.name.clone());
    let mut info = FileInfo {
        name: source.name,
        encoding: Encoding::Utf8,
        cr_lines: false,
        delimiter: b',',
        kind: None,
        rows: 0,
    };
    let (decoded, reader) = match decode::decode(source.reader, opts.encoding) {
        Ok(x) => x,
        Err(e) => {
            let msg = records::io_message(&e);
            batch.file_problem(file, "cannot_read", msg);
            return info;
        }
    };
    info.encoding = decoded.encoding;
    info.cr_lines = decoded.cr_lines;
    let mut buffered = BufReader::with_capacity(64 * 1024, reader);
    let head = match buffered.fill_buf() {
        Ok(h) => h,
        Err(e) => {
            let msg = records::io_message(&e);
            batch.file_problem(file, "cannot_read", msg);
            return info;
        }
    };
    if let Some(what) = binary_kind(head) {
        batch.file_problem(file, "not_csv", crate::l10n::Message::new(what));
        return info;
    }
    let delimiter = opts.delimiter.unwrap_or_else(|| sniff_delimiter(head));
    info.delimiter = delimiter;
    // Byte offsets in messages count from the start of the file, the BOM included.
    let mut records = source::csv(buffered, delimiter, decoded.bom);
    let Some(mut rows) = header(batch, file, &mut *records, opts, delimiter) else {
        return info;
    };
    info.kind = Some(rows.layout.kind);
    body(batch, file, &mut *records, &mut rows);
    info.rows = rows.rows;
    info
}

/// Every record after the header, through the row checker.
fn body(batch: &mut Batch<'_>, file: u32, records: &mut dyn RecordSource, rows: &mut Rows) {
    loop {
        match records.next_record() {
            Ok(None) => return,
            Ok(Some(rec)) => {
                if is_blank(&rec) {
                    continue;
                }
                let at = At {
                    file,
                    line: rec.line,
                };
                rows.row(batch, &rec, at);
            }
            Err(e) => {
                let at = At {
                    file,
                    line: e.line(records.lines()),
                };
                batch.problem(at, None, e.code(), e.message());
                return;
            }
        }
    }
}

/// Reads up to the header (the first non-blank record) and works out the layout.
fn header(
    batch: &mut Batch<'_>,
    file: u32,
    records: &mut dyn RecordSource,
    opts: &ReadOptions,
    delimiter: u8,
) -> Option<Rows> {
    let (names, line) = loop {
        match records.next_record() {
            Ok(None) => {
                let msg = crate::msg!("input-empty-file");
                batch.file_problem(file, "empty_file", msg);
                return None;
            }
            Ok(Some(rec)) if is_blank(&rec) => continue,
            Ok(Some(rec)) => match header_names(&rec) {
                Ok(names) => break (names, rec.line),
                Err(col) => {
                    let at = At {
                        file,
                        line: rec.line,
                    };
                    let msg = crate::msg!("input-header-not-utf8", field = col + 1);
                    batch.problem(at, None, "invalid_utf8", msg);
                    return None;
                }
            },
            Err(e) => {
                let at = At {
                    file,
                    line: e.line(records.lines()),
                };
                batch.problem(at, None, e.code(), e.message());
                return None;
            }
        }
    };
    let at = At { file, line };
    let loc = batch.loc(at);
    let layout = Layout::new(
        names,
        batch.edition(),
        opts.default_set.is_some(),
        &loc,
        &mut batch.problems,
    )?;
    Some(Rows::new(
        batch,
        layout,
        delimiter != b',',
        opts.default_set.clone(),
    ))
}

/// The delimiter of a header line: the most frequent of `,` `;` tab outside quotes.
pub fn sniff_delimiter(head: &[u8]) -> u8 {
    let line = head.split(|&b| b == b'\n').next().unwrap_or(head);
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in line {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    if counts[best] == 0 {
        b','
    } else {
        [b',', b';', b'\t'][best]
    }
}

fn header_names(rec: &records::Record<'_>) -> Result<Vec<String>, usize> {
    (0..rec.len())
        .map(|i| (i, rec.get(i).unwrap_or(b"")))
        .map(|(i, f)| {
            std::str::from_utf8(f)
                .map(|s| text::clean(s).into_owned())
                .map_err(|_| i)
        })
        .collect()
}
