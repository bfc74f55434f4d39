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
mod workbook;

use std::io::{self, BufRead, BufReader, Read};
use std::sync::Arc;

pub use batch::{At, Batch, Product, SEP, Sheet, leaf_sections};
pub use decode::Encoding;
pub use error::{InputError, Loc, Problems, column_letters};
pub use layout::Kind;
pub use rows::{Disqualified, disqualified};
pub use text::{clean, escape, escape_all, is_unsafe};
pub use workbook::{SheetCsv, is_workbook_name, sheet_as_csv};

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
    /// Columns dropped from every input (`--ignore-column`): not carried, not criteria, not
    /// checked. Matched as header names are (trimmed, NFC, case-insensitive).
    pub ignore_columns: Vec<String>,
    /// Workbooks: the sheets to read, by name or 1-based number (`--sheet`); none: the first.
    pub sheets: Vec<String>,
    /// Workbooks: read every worksheet (`--all-sheets`).
    pub all_sheets: bool,
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
    /// What is worth saying about how the input was read (a workbook's header row, the
    /// sheets read or skipped), one line each, for standard error.
    pub notes: Vec<String>,
}

/// The result of reading a batch: what each input was, and the batch or its problems.
pub struct Reading<'e> {
    pub files: Vec<FileInfo>,
    pub result: Result<Batch<'e>, Problems>,
}

/// Reads every source as one batch and checks it.
pub fn read<'e>(edition: &'e Edition, sources: Vec<Source>, opts: &ReadOptions) -> Reading<'e> {
    let mut batch = Batch::new(edition, opts.max_errors, opts.detail);
    for name in &opts.ignore_columns {
        let key = text::key(name);
        if !batch.ignored_unused.iter().any(|n| text::key(n) == key) {
            batch.ignored_unused.push(name.clone());
        }
    }
    let files = sources
        .into_iter()
        .map(|s| read_one(&mut batch, s, opts))
        .collect();
    Reading {
        files,
        result: batch.finish(),
    }
}

/// What a file that is not text looks like, by its first bytes.
fn binary_kind(head: &[u8]) -> Option<&'static str> {
    match head {
        [b'P', b'K', 3, 4, ..] => Some(
            "a zip archive (an Excel .xlsx/.xlsm or LibreOffice .ods workbook?), not a CSV file",
        ),
        [0xD0, 0xCF, 0x11, 0xE0, ..] => {
            Some("an OLE compound file (an Excel 97–2003 .xls workbook?), not a CSV file")
        }
        [b'%', b'P', b'D', b'F', ..] => Some("a PDF document, not a CSV file"),
        _ => None,
    }
}

/// Reads one source into the batch.
fn read_one(batch: &mut Batch<'_>, source: Source, opts: &ReadOptions) -> FileInfo {
    let mut info = FileInfo {
        name: source.name.clone(),
        encoding: Encoding::Utf8,
        cr_lines: false,
        delimiter: b',',
        kind: None,
        rows: 0,
        notes: Vec::new(),
    };
    // A workbook by its name (`.xlsx`…); its content then says which kind (see `workbook`).
    if workbook::is_workbook_name(&source.name) {
        workbook::read(batch, source, opts, &mut info);
        return info;
    }
    if !opts.sheets.is_empty() || opts.all_sheets {
        info.notes.push(format!(
            "{}: --sheet and --all-sheets choose a workbook's sheets; a CSV file is read whole",
            text::escape(&source.name)
        ));
    }
    let file = batch.add_file(source.name.clone());
    let (decoded, reader) = match decode::decode(source.reader, opts.encoding) {
        Ok(x) => x,
        Err(e) => {
            batch.file_problem(file, "cannot_read", format!("cannot read: {e}"));
            return info;
        }
    };
    info.encoding = decoded.encoding;
    info.cr_lines = decoded.cr_lines;
    let mut buffered = BufReader::with_capacity(64 * 1024, reader);
    let head = match buffered.fill_buf() {
        Ok(h) => h,
        Err(e) => {
            batch.file_problem(file, "cannot_read", format!("cannot read: {e}"));
            return info;
        }
    };
    if let Some(what) = binary_kind(head) {
        let workbook = matches!(head, [b'P', b'K', 3, 4, ..] | [0xD0, 0xCF, 0x11, 0xE0, ..]);
        let hint = match (workbook, &*info.name) {
            (false, _) => "",
            (true, "<stdin>") => {
                ": workbooks are not read from standard input; save it as a file named .xlsx \
                 (or .xls, .ods) and name that file"
            }
            (true, _) => {
                ": ocop reads workbooks by their name; rename it .xlsx (or .xls, .ods) to read \
                 it as one"
            }
        };
        batch.file_problem(file, "not_csv", format!("this is {what}{hint}"));
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
                batch.problem(at, None, e.code(), e.to_string());
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
                let msg = "the file is empty: expected a header line and rows".to_string();
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
                    let msg = format!(
                        "the header is not valid UTF-8 (field {}): is this a CSV file? Give \
                         --encoding if it is one in another encoding",
                        col + 1
                    );
                    batch.problem(at, None, "invalid_utf8", msg);
                    return None;
                }
            },
            Err(e) => {
                let at = At {
                    file,
                    line: e.line(records.lines()),
                };
                batch.problem(at, None, e.code(), e.to_string());
                return None;
            }
        }
    };
    let at = At { file, line };
    let loc = batch.loc(at);
    let ignored = ignored_columns(batch, &names, opts);
    let layout = Layout::new(
        names,
        batch.edition(),
        opts.default_set.is_some(),
        &ignored,
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
/// The `--ignore-column` keys for a header of `names`, which are no longer unused.
fn ignored_columns(batch: &mut Batch<'_>, names: &[String], opts: &ReadOptions) -> Vec<String> {
    let present: Vec<String> = names.iter().map(|n| text::key(n)).collect();
    batch
        .ignored_unused
        .retain(|n| !present.contains(&text::key(n)));
    opts.ignore_columns.iter().map(|n| text::key(n)).collect()
}

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
