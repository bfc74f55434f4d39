//! Workbooks (`.xlsx`, `.xlsm`, `.xlsb`, `.xls`, `.ods`), read with calamine. Each sheet read
//! is a [`RecordSource`] like a CSV file: a record per row, numbered as the sheet numbers its
//! rows, a field per column from A, each cell written as the text a person typed (see
//! [`cell_text`]). The header is found below any title rows; the records then go through the
//! same row checker as CSV, so a workbook and the CSV saved from it score the same. The
//! rules are documented in docs/workbooks.md.
//!
//! `.xlsx` sheets are streamed cell by cell (memory grows with products, not rows); the other
//! formats are read a sheet at a time by calamine.

use std::io::{Cursor, Read};
use std::sync::Arc;

use calamine::{
    CellErrorType, Data, DataRef, Range, Reader, SheetType, SheetVisible, Xls, XlsError, Xlsb,
    Xlsx, XlsxCellReader, XlsxError,
};

use super::batch::{At, Batch};
use super::layout::{ASSESSOR, Layout, PRODUCT_ID};
use super::records::{ReadError, Record};
use super::rows::{Rows, is_blank};
use super::source::RecordSource;
use super::{FileInfo, ReadOptions, Source, text};
use crate::l10n::Message;
use crate::msg;

/// File name endings read as workbooks.
pub const EXTENSIONS: [&str; 5] = ["xlsx", "xlsm", "xlsb", "xls", "ods"];

/// The largest workbook file read (it is held in memory: a zip must be seekable).
const MAX_BYTES: u64 = 256 << 20;

/// The header is looked for in this many non-blank rows from the top of a sheet.
const HEADER_SEARCH: usize = 50;

/// Whether a file's name says it is a workbook.
pub fn is_workbook_name(name: &str) -> bool {
    std::path::Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| EXTENSIONS.iter().any(|x| e.eq_ignore_ascii_case(x)))
}

type Bytes = Cursor<Vec<u8>>;

enum Book {
    Xlsx(Xlsx<Bytes>),
    Xlsb(Xlsb<Bytes>),
    Xls(Xls<Bytes>),
    /// Streamed with [`OdsCells`] from the zip; the names of its tables.
    Ods(zip::ZipArchive<Bytes>, Vec<String>),
}

/// Each table's used range in an OpenDocument spreadsheet, (name, rows, columns), read from
/// `content.xml` as a stream: repeated rows and cells are counted, never expanded. (Only the
/// names are used: sheets are then streamed by [`OdsCells`].)
fn ods_used_ranges(bytes: &[u8]) -> Result<Vec<(String, u64, u64)>, String> {
    use quick_xml::events::{BytesStart, Event};
    let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| e.to_string())?;
    let content = zip.by_name("content.xml").map_err(|e| e.to_string())?;
    let mut xml = quick_xml::Reader::from_reader(std::io::BufReader::new(content));
    let attr = |e: &BytesStart<'_>, name: &str| -> Option<String> {
        e.attributes()
            .flatten()
            .find(|a| a.key.as_ref() == name)
            .and_then(|a| {
                a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .ok()
                    .map(|v| v.into_owned())
            })
    };
    let count = |e: &BytesStart<'_>, name: &str| -> u64 {
        attr(e, name)
            .and_then(|v| v.parse().ok())
            .unwrap_or(1u64)
            .max(1)
    };
    let mut out = Vec::new();
    let (mut row, mut col, mut repeat) = (0u64, 0u64, 1u64);
    let (mut rows, mut cols, mut row_used) = (0u64, 0u64, false);
    let mut buf = Vec::new();
    loop {
        let ev = xml.read_event_into(&mut buf).map_err(|e| e.to_string())?;
        match &ev {
            Event::Start(e) | Event::Empty(e) => match e.name().as_ref() {
                "table:table" => {
                    out.push((attr(e, "table:name").unwrap_or_default(), 0, 0));
                    (row, rows, cols) = (0, 0, 0);
                }
                "table:table-row" => {
                    repeat = count(e, "table:number-rows-repeated");
                    (col, row_used) = (0, false);
                    if matches!(ev, Event::Empty(_)) {
                        row = row.saturating_add(repeat);
                    }
                }
                "table:table-cell" | "table:covered-table-cell" => {
                    let n = count(e, "table:number-columns-repeated");
                    let used =
                        matches!(ev, Event::Start(_)) || attr(e, "office:value-type").is_some();
                    if used {
                        row_used = true;
                        cols = cols.max(col.saturating_add(n));
                    }
                    col = col.saturating_add(n);
                }
                _ => {}
            },
            Event::End(e) => match e.name().as_ref() {
                "table:table-row" => {
                    row = row.saturating_add(repeat);
                    if row_used {
                        rows = row;
                    }
                }
                "table:table" => {
                    if let Some(last) = out.last_mut() {
                        (last.1, last.2) = (rows, cols);
                    }
                }
                _ => {}
            },
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(out)
}

/// Why a workbook cannot be read at all: it is encrypted (the message's key).
const ENCRYPTED: &str = "wb-encrypted";

/// Opens the workbook, its format chosen by its first bytes (and its name between the zip
/// formats).
fn open(bytes: Vec<u8>, ext: &str) -> Result<Book, Message> {
    let zip = bytes.starts_with(b"PK\x03\x04");
    let ole = bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0]);
    if ole {
        // An encrypted .xlsx is an OLE file holding an EncryptionInfo stream.
        let marker: Vec<u8> = "EncryptionInfo"
            .encode_utf16()
            .flat_map(u16::to_le_bytes)
            .collect();
        if memchr::memmem::find(&bytes, &marker).is_some() {
            return Err(Message::new(ENCRYPTED));
        }
        return match Xls::new(Cursor::new(bytes)) {
            Ok(b) => Ok(Book::Xls(b)),
            Err(XlsError::Password) => Err(Message::new(ENCRYPTED)),
            Err(e) => Err(msg!("wb-xls-damaged", error = e.to_string())),
        };
    }
    if !zip {
        let start = &bytes[..bytes.len().min(512)];
        let what = if bytes.is_empty() {
            msg!("wb-file-empty")
        } else if start.trim_ascii_start().starts_with(b"<") {
            msg!("wb-html")
        } else if std::str::from_utf8(start).is_ok() || !start.contains(&0) {
            msg!("wb-text", ext = ext)
        } else {
            msg!("wb-not-zip-or-ole")
        };
        return Err(what);
    }
    let damaged = |e: String| msg!("wb-damaged", error = e);
    let xlsx = |bytes: Vec<u8>| Xlsx::new(Cursor::new(bytes)).map(Book::Xlsx);
    let ods = |bytes: Vec<u8>| -> Result<Book, Message> {
        let names = ods_used_ranges(&bytes)
            .map_err(damaged)?
            .into_iter()
            .map(|(n, _, _)| n)
            .collect();
        let zip = zip::ZipArchive::new(Cursor::new(bytes)).map_err(|e| damaged(e.to_string()))?;
        Ok(Book::Ods(zip, names))
    };
    if ext.eq_ignore_ascii_case("ods") {
        return ods(bytes);
    }
    if ext.eq_ignore_ascii_case("xlsb") {
        return Xlsb::new(Cursor::new(bytes))
            .map(Book::Xlsb)
            .map_err(|e| damaged(e.to_string()));
    }
    // An .ods named .xlsx is read as what it is.
    let is_ods = memchr::memmem::find(&bytes[..bytes.len().min(200)], b"opendocument").is_some();
    if is_ods {
        return ods(bytes);
    }
    xlsx(bytes).map_err(|e| match e {
        XlsxError::Zip(z) => damaged(format!("zip: {z}")),
        e => damaged(e.to_string()),
    })
}

impl Book {
    /// The sheets in tab order: name and type.
    fn sheets(&self) -> Vec<(String, SheetType)> {
        self.sheets_visible()
            .into_iter()
            .map(|(n, t, _)| (n, t))
            .collect()
    }

    /// The sheets in tab order: name, type and whether the tab is shown.
    fn sheets_visible(&self) -> Vec<(String, SheetType, bool)> {
        let meta = match self {
            Book::Xlsx(b) => b.sheets_metadata(),
            Book::Xlsb(b) => b.sheets_metadata(),
            Book::Xls(b) => b.sheets_metadata(),
            Book::Ods(_, names) => {
                return names
                    .iter()
                    .map(|n| (n.clone(), SheetType::WorkSheet, true))
                    .collect();
            }
        };
        meta.iter()
            .map(|s| (s.name.clone(), s.typ, s.visible == SheetVisible::Visible))
            .collect()
    }

    /// The cells of a sheet, row by row; the error says why not.
    fn cells(&mut self, name: &str) -> Result<Box<dyn Cells + '_>, Message> {
        fn damaged(e: impl std::fmt::Display) -> Message {
            msg!("wb-sheet-cannot-read", error = e.to_string())
        }
        let whole = |r: Result<Range<Data>, Message>| -> Result<Box<dyn Cells>, Message> {
            let range = r?;
            Ok(Box::new(RangeCells {
                start: range.start().unwrap_or((0, 0)),
                range,
                next: 0,
            }))
        };
        match self {
            Book::Xlsx(b) => b
                .worksheet_cells_reader(name)
                .map(|r| Box::new(r) as Box<dyn Cells>)
                .map_err(damaged),
            Book::Xlsb(b) => {
                let mut r = b.worksheet_cells_reader(name).map_err(damaged)?;
                Ok(Box::new(FnCells(move |buf: &mut String| {
                    let Some(cell) = r.next_cell().map_err(|e| e.to_string())? else {
                        return Ok(None);
                    };
                    let (row, col) = cell.get_position();
                    Ok(Some((row, col, value_text(cell.get_value(), buf))))
                })))
            }
            Book::Xls(b) => whole(b.worksheet_range(name).map_err(damaged)),
            Book::Ods(zip, _) => {
                let content = zip.by_name("content.xml").map_err(damaged)?;
                let cells =
                    OdsCells::new(std::io::BufReader::new(content), name).map_err(damaged)?;
                Ok(Box::new(cells))
            }
        }
    }
}

/// What a cell holds, its text written to a buffer.
enum Kind {
    Empty,
    Text,
    /// An error value (`#DIV/0!`): its text.
    Error,
}

/// A sheet's cells in row order: (row, column) 0-based, the text in `buf`.
trait Cells {
    fn next_cell(&mut self, buf: &mut String) -> Result<Option<(u32, u32, Kind)>, String>;
}

/// A cell's value as text in `buf`, and what it is.
fn value_text(v: &DataRef<'_>, buf: &mut String) -> Kind {
    buf.clear();
    match v {
        DataRef::Empty => return Kind::Empty,
        DataRef::SharedString(s) => buf.push_str(s),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => buf.push_str(s),
        DataRef::Int(i) => buf.push_str(itoa::Buffer::new().format(*i)),
        DataRef::Float(f) => number(*f, buf),
        DataRef::Bool(b) => buf.push_str(if *b { "TRUE" } else { "FALSE" }),
        DataRef::DateTime(d) => date(d, buf),
        DataRef::Error(e) => {
            error(e, buf);
            return Kind::Error;
        }
    }
    Kind::Text
}

impl<RS: Read + std::io::Seek> Cells for XlsxCellReader<'_, RS> {
    fn next_cell(&mut self, buf: &mut String) -> Result<Option<(u32, u32, Kind)>, String> {
        let Some(cell) = XlsxCellReader::next_cell(self).map_err(|e| e.to_string())? else {
            return Ok(None);
        };
        let (r, c) = cell.get_position();
        Ok(Some((r, c, value_text(cell.get_value(), buf))))
    }
}

/// Cells from a closure (a streaming reader whose type calamine does not name).
struct FnCells<F>(F);

impl<F> Cells for FnCells<F>
where
    F: FnMut(&mut String) -> Result<Option<(u32, u32, Kind)>, String>,
{
    fn next_cell(&mut self, buf: &mut String) -> Result<Option<(u32, u32, Kind)>, String> {
        (self.0)(buf)
    }
}

/// An OpenDocument sheet streamed from `content.xml`: rows and cells repeated with
/// `number-rows-repeated` / `number-columns-repeated` are replayed when they hold a value and
/// skipped when empty, never expanded into a grid (calamine's reader builds every sheet whole).
struct OdsCells<R: std::io::BufRead> {
    xml: quick_xml::Reader<R>,
    buf: Vec<u8>,
    /// The cells of the current row: (column, kind, text).
    cells: Vec<(u32, Kind, String)>,
    next: usize,
    /// The current row (0-based) and how many more times it repeats.
    row: u32,
    repeats: u32,
    /// The row after the current one.
    base: u64,
    done: bool,
}

/// Cells of one row written at most: beyond Excel's 16,384 columns nothing is read.
const MAX_COLUMNS: u32 = 16_384;

impl<R: std::io::BufRead> OdsCells<R> {
    /// Positions the reader on the table named `sheet`.
    fn new(reader: R, sheet: &str) -> Result<OdsCells<R>, String> {
        use quick_xml::events::Event;
        let mut xml = quick_xml::Reader::from_reader(reader);
        let mut buf = Vec::new();
        loop {
            buf.clear();
            match xml.read_event_into(&mut buf).map_err(|e| e.to_string())? {
                Event::Start(e) if e.name().as_ref() == "table:table" => {
                    let name = e
                        .attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == "table:name")
                        .and_then(|a| {
                            a.normalized_value(quick_xml::XmlVersion::Implicit1_0)
                                .ok()
                                .map(|v| v.into_owned())
                        });
                    if name.as_deref() == Some(sheet) {
                        break;
                    }
                }
                Event::Eof => return Err(format!("no table {sheet:?} in content.xml")),
                _ => {}
            }
        }
        Ok(OdsCells {
            xml,
            buf,
            cells: Vec::new(),
            next: 0,
            row: 0,
            repeats: 0,
            base: 0,
            done: false,
        })
    }

    /// Reads rows up to the next one holding a value; false at the end of the table.
    fn read_row(&mut self) -> Result<bool, String> {
        use quick_xml::events::Event;
        loop {
            self.buf.clear();
            let ev = self
                .xml
                .read_event_into(&mut self.buf)
                .map_err(|e| e.to_string())?;
            let (start, repeat) = match &ev {
                Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "table:table-row" => (
                    matches!(ev, Event::Start(_)),
                    count(e, "table:number-rows-repeated"),
                ),
                Event::End(e) if e.name().as_ref() == "table:table" => return Ok(false),
                Event::Eof => return Ok(false),
                _ => continue,
            };
            let base = self.base;
            self.base = self.base.saturating_add(u64::from(repeat));
            if !start {
                continue;
            }
            self.cells.clear();
            self.row_cells()?;
            if !self.cells.is_empty() && base < 1 << 20 {
                self.row = base as u32;
                // Excel's last row is 1,048,576: a repetition past it is not read.
                self.repeats = repeat.min(((1u64 << 20) - base) as u32) - 1;
                self.next = 0;
                return Ok(true);
            }
        }
    }

    /// The cells of a row, to its end.
    fn row_cells(&mut self) -> Result<(), String> {
        use quick_xml::events::Event;
        let mut col = 0u32;
        loop {
            self.buf.clear();
            let ev = self
                .xml
                .read_event_into(&mut self.buf)
                .map_err(|e| e.to_string())?;
            let (e, start) = match &ev {
                Event::Start(e) => (e.clone().into_owned(), true),
                Event::Empty(e) => (e.clone().into_owned(), false),
                Event::End(e) if e.name().as_ref() == "table:table-row" => return Ok(()),
                Event::Eof => return Err("content.xml ends inside a row".to_string()),
                _ => continue,
            };
            let name = e.name();
            if name.as_ref() != "table:table-cell" && name.as_ref() != "table:covered-table-cell" {
                continue;
            }
            let n = count(&e, "table:number-columns-repeated");
            let (mut kind, mut text, mut from_content) = (Kind::Empty, String::new(), false);
            let mut error = false;
            for a in e.attributes().flatten() {
                let v = a
                    .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                    .map_err(|e| e.to_string())?;
                match a.key.as_ref() {
                    "office:value" => {
                        let f: f64 = v.trim().parse().map_err(|_| format!("bad number {v:?}"))?;
                        text.clear();
                        number(f, &mut text);
                        kind = Kind::Text;
                    }
                    "office:date-value" => {
                        text = v.trim_end_matches("T00:00:00").to_string();
                        kind = Kind::Text;
                    }
                    "office:time-value" | "office:string-value" => {
                        text = v.into_owned();
                        kind = Kind::Text;
                    }
                    "office:boolean-value" => {
                        text = if v.eq_ignore_ascii_case("true") {
                            "TRUE"
                        } else {
                            "FALSE"
                        }
                        .to_string();
                        kind = Kind::Text;
                    }
                    "office:value-type" if v == "string" => from_content = true,
                    "calcext:value-type" if v == "error" => error = true,
                    _ => {}
                }
            }
            if start {
                let content = self.cell_content()?;
                if (from_content && matches!(kind, Kind::Empty)) || (error && text.is_empty()) {
                    text = content;
                    kind = Kind::Text;
                }
            }
            if error {
                kind = Kind::Error;
            }
            if !matches!(kind, Kind::Empty) {
                let last = col.saturating_add(n).min(MAX_COLUMNS);
                for c in col..last {
                    let k = match kind {
                        Kind::Error => Kind::Error,
                        _ => Kind::Text,
                    };
                    self.cells.push((c, k, text.clone()));
                }
            }
            col = col.saturating_add(n);
        }
    }

    /// The text of a cell's paragraphs, to the cell's end (notes left out).
    fn cell_content(&mut self) -> Result<String, String> {
        use quick_xml::events::Event;
        let mut s = String::new();
        let mut paragraphs = 0;
        let mut note = 0u32;
        loop {
            self.buf.clear();
            match self
                .xml
                .read_event_into(&mut self.buf)
                .map_err(|e| e.to_string())?
            {
                Event::End(e)
                    if matches!(
                        e.name().as_ref(),
                        "table:table-cell" | "table:covered-table-cell"
                    ) =>
                {
                    return Ok(s);
                }
                Event::Start(e) if e.name().as_ref() == "office:annotation" => note += 1,
                Event::End(e) if e.name().as_ref() == "office:annotation" => {
                    note = note.saturating_sub(1)
                }
                _ if note > 0 => {}
                Event::Text(t) => s.push_str(&t.xml10_content()),
                Event::GeneralRef(r) => {
                    if let Some(x) = quick_xml::escape::resolve_xml_entity(r.as_ref()) {
                        s.push_str(x);
                    } else if let Ok(Some(c)) = r.resolve_char_ref() {
                        s.push(c);
                    }
                }
                Event::Start(e) if e.name().as_ref() == "text:p" => {
                    if paragraphs > 0 {
                        s.push('\n');
                    }
                    paragraphs += 1;
                }
                Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "text:s" => {
                    for _ in 0..count(&e, "text:c").min(1024) {
                        s.push(' ');
                    }
                }
                Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "text:tab" => {
                    s.push('\t')
                }
                Event::Start(e) | Event::Empty(e) if e.name().as_ref() == "text:line-break" => {
                    s.push('\n')
                }
                Event::Eof => return Err("content.xml ends inside a cell".to_string()),
                _ => {}
            }
        }
    }
}

/// A repetition count attribute (1 when absent).
fn count(e: &quick_xml::events::BytesStart<'_>, name: &str) -> u32 {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| a.value.trim().parse().ok())
        .unwrap_or(1u32)
        .max(1)
}

impl<R: std::io::BufRead> Cells for OdsCells<R> {
    fn next_cell(&mut self, buf: &mut String) -> Result<Option<(u32, u32, Kind)>, String> {
        loop {
            if self.done {
                return Ok(None);
            }
            if let Some((c, k, t)) = self.cells.get(self.next) {
                self.next += 1;
                buf.clear();
                buf.push_str(t);
                let k = match k {
                    Kind::Error => Kind::Error,
                    Kind::Text => Kind::Text,
                    Kind::Empty => Kind::Empty,
                };
                return Ok(Some((self.row, *c, k)));
            }
            if self.repeats > 0 && !self.cells.is_empty() {
                self.repeats -= 1;
                self.row += 1;
                self.next = 0;
                continue;
            }
            if !self.read_row()? {
                self.done = true;
            }
        }
    }
}

/// A sheet read whole (formats without a streaming reader).
struct RangeCells {
    range: Range<Data>,
    start: (u32, u32),
    /// Next cell, by position in the range.
    next: usize,
}

impl Cells for RangeCells {
    fn next_cell(&mut self, buf: &mut String) -> Result<Option<(u32, u32, Kind)>, String> {
        let (width, height) = (self.range.width().max(1), self.range.height());
        while self.next < width * height {
            let (r, c) = (self.next / width, self.next % width);
            self.next += 1;
            let Some(v) = self.range.get((r, c)) else {
                continue;
            };
            buf.clear();
            let kind = match v {
                Data::Empty => continue,
                Data::String(s) | Data::DateTimeIso(s) | Data::DurationIso(s) => {
                    buf.push_str(s);
                    Kind::Text
                }
                Data::Int(i) => {
                    buf.push_str(itoa::Buffer::new().format(*i));
                    Kind::Text
                }
                Data::Float(f) => {
                    number(*f, buf);
                    Kind::Text
                }
                Data::Bool(b) => {
                    buf.push_str(if *b { "TRUE" } else { "FALSE" });
                    Kind::Text
                }
                Data::DateTime(d) => {
                    date(d, buf);
                    Kind::Text
                }
                Data::Error(e) => {
                    error(e, buf);
                    Kind::Error
                }
            };
            return Ok(Some((
                self.start.0 + r as u32,
                self.start.1 + c as u32,
                kind,
            )));
        }
        Ok(None)
    }
}

/// A number as a person typed it: whole numbers without a decimal point, others to the 15
/// significant digits Excel keeps, in the shortest form (`0.1 + 0.2` is `0.3`).
pub fn number(f: f64, buf: &mut String) {
    use std::fmt::Write;
    if !f.is_finite() {
        let _ = write!(buf, "{f}");
        return;
    }
    if f.fract() == 0.0 && f.abs() < 1e15 {
        let _ = write!(buf, "{}", f as i64);
        return;
    }
    let rounded: f64 = format!("{f:.14e}").parse().unwrap_or(f);
    let _ = write!(buf, "{rounded}");
}

/// A date cell as ISO 8601: `2026-06-15`, or `2026-06-15T09:30:00` with a time of day.
fn date(d: &calamine::ExcelDateTime, buf: &mut String) {
    use std::fmt::Write;
    if d.is_duration() {
        number(d.as_f64(), buf);
        return;
    }
    let (y, mo, da, h, mi, s, ms) = d.to_ymd_hms_milli();
    let _ = write!(buf, "{y:04}-{mo:02}-{da:02}");
    if (h, mi, s, ms) != (0, 0, 0, 0) {
        let _ = write!(buf, "T{h:02}:{mi:02}:{s:02}");
    }
}

fn error(e: &CellErrorType, buf: &mut String) {
    use std::fmt::Write;
    let _ = write!(buf, "{e}");
}

/// One sheet's records: a field per column from A, up to the header's last column once it
/// is known (`width`), then the member's name when the sheet is one member's (`member`).
struct SheetRecords<'a> {
    cells: Box<dyn Cells + 'a>,
    /// A cell read ahead: the first of the next row.
    pending: Option<(u32, u32, Kind)>,
    pending_text: String,
    text: String,
    out: Vec<u8>,
    ends: Vec<usize>,
    width: Option<usize>,
    member: Option<Box<[u8]>>,
    /// The current record's error cells and cells right of the header: (column, text).
    errors: Vec<(u32, String)>,
    outside: Vec<u32>,
    /// The current record has no cell with text (the member's name aside).
    blank: bool,
    /// The last row read (1-based).
    row: u64,
    done: bool,
}

impl<'a> SheetRecords<'a> {
    fn new(cells: Box<dyn Cells + 'a>) -> SheetRecords<'a> {
        SheetRecords {
            cells,
            pending: None,
            pending_text: String::new(),
            text: String::new(),
            out: Vec::new(),
            ends: Vec::new(),
            width: None,
            member: None,
            errors: Vec::new(),
            outside: Vec::new(),
            blank: true,
            row: 0,
            done: false,
        }
    }

    fn io(e: String) -> ReadError {
        ReadError::Io(std::io::Error::other(Damaged(e)))
    }
}

/// A sheet that breaks off while it is read: what the reader said.
#[derive(Debug)]
struct Damaged(String);

impl std::fmt::Display for Damaged {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the sheet is damaged ({})", self.0)
    }
}

impl std::error::Error for Damaged {}

/// A read error of a sheet as a message for the reader.
fn read_message(e: &ReadError) -> Message {
    match e {
        ReadError::Io(io) => match io.get_ref().and_then(|i| i.downcast_ref::<Damaged>()) {
            Some(Damaged(why)) => msg!("wb-sheet-damaged", error = why.as_str()),
            None => e.message(),
        },
        ReadError::TooLong(_) => e.message(),
    }
}

impl SheetRecords<'_> {
    /// The record read by [`SheetRecords::advance`].
    fn current(&self) -> Record<'_> {
        Record::new(&self.out, &self.ends, self.row, self.row, 0)
    }

    /// Reads the next row that has cells; false at the end.
    fn advance(&mut self) -> Result<bool, ReadError> {
        self.out.clear();
        self.ends.clear();
        self.errors.clear();
        self.outside.clear();
        self.blank = true;
        if self.done {
            return Ok(false);
        }
        let first = match self.pending.take() {
            Some(c) => {
                std::mem::swap(&mut self.text, &mut self.pending_text);
                Some(c)
            }
            None => self.cells.next_cell(&mut self.text).map_err(Self::io)?,
        };
        let Some(mut cell) = first else {
            self.done = true;
            return Ok(false);
        };
        let row = cell.0;
        loop {
            let (_, col, kind) = &cell;
            let col = *col as usize;
            let has_text = !matches!(kind, Kind::Empty) && !self.text.trim().is_empty();
            match self.width {
                Some(w) if col >= w && has_text => self.outside.push(col as u32),
                Some(w) if col >= w => {}
                _ if col >= self.ends.len() => {
                    while self.ends.len() < col {
                        self.ends.push(self.out.len());
                    }
                    if let Kind::Error = kind {
                        self.errors.push((col as u32, self.text.clone()));
                    } else if has_text {
                        self.out.extend_from_slice(self.text.as_bytes());
                    }
                    self.ends.push(self.out.len());
                    if self.out.len() as u64 > super::decode::MAX_RECORD {
                        return Err(ReadError::TooLong(u64::from(row) + 1));
                    }
                }
                // A cell given twice (a damaged file): the first one counts.
                _ => {}
            }
            if has_text || matches!(kind, Kind::Error) {
                self.blank = false;
            }
            match self
                .cells
                .next_cell(&mut self.pending_text)
                .map_err(Self::io)?
            {
                Some(next) if next.0 == row => {
                    std::mem::swap(&mut self.text, &mut self.pending_text);
                    cell = next;
                }
                Some(next) => {
                    self.pending = Some(next);
                    break;
                }
                None => {
                    self.done = true;
                    break;
                }
            }
        }
        if let Some(w) = self.width {
            while self.ends.len() < w {
                self.ends.push(self.out.len());
            }
        }
        if let Some(m) = &self.member {
            self.out.extend_from_slice(m);
            self.ends.push(self.out.len());
        }
        self.row = u64::from(row) + 1;
        Ok(true)
    }
}

impl RecordSource for SheetRecords<'_> {
    fn next_record(&mut self) -> Result<Option<Record<'_>>, ReadError> {
        Ok(if self.advance()? {
            Some(self.current())
        } else {
            None
        })
    }

    fn lines(&self) -> u64 {
        self.row
    }
}

/// Tab names spreadsheet programs give new sheets: never a member's name.
fn default_sheet_name(name: &str) -> bool {
    let lower = name.trim().to_lowercase();
    let word = lower.trim_end_matches(|c: char| c.is_ascii_digit() || c == ' ');
    word.len() < lower.len()
        && [
            "sheet",
            "trang tính",
            "tờ",
            "feuille",
            "tabelle",
            "hoja",
            "foglio",
            "blad",
        ]
        .contains(&word)
}

/// Reads a workbook source into the batch: the sheets chosen by `opts`.
pub(super) fn read(batch: &mut Batch<'_>, source: Source, opts: &ReadOptions, info: &mut FileInfo) {
    let name = source.name.clone();
    let file = batch.add_file(name.clone());
    let ext = std::path::Path::new(&*name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_string();
    let mut bytes = Vec::new();
    if let Err(e) = source.reader.take(MAX_BYTES + 1).read_to_end(&mut bytes) {
        let msg = msg!("input-cannot-read", error = e.to_string());
        batch.file_problem(file, "cannot_read", msg);
        return;
    }
    if bytes.len() as u64 > MAX_BYTES {
        let msg = msg!("wb-too-large", mib = MAX_BYTES >> 20);
        batch.file_problem(file, "workbook_too_large", msg);
        return;
    }
    let mut book = match open(bytes, &ext) {
        Ok(b) => b,
        Err(msg) => {
            let code = if msg.key() == Some(ENCRYPTED) {
                "workbook_encrypted"
            } else {
                "bad_workbook"
            };
            batch.file_problem(file, code, msg);
            return;
        }
    };
    let visible = book.sheets_visible();
    let sheets = book.sheets();
    let listing = || {
        sheets
            .iter()
            .map(|(n, _)| text::escape(n).into_owned())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let worksheets: Vec<usize> = (0..sheets.len())
        .filter(|&i| sheets[i].1 == SheetType::WorkSheet)
        .collect();
    // (sheet, whether a sheet without a header is skipped rather than an error)
    let mut chosen: Vec<(usize, bool)> = Vec::new();
    if opts.all_sheets {
        for (i, (n, typ)) in sheets.iter().enumerate() {
            if *typ == SheetType::WorkSheet {
                chosen.push((i, true));
            } else {
                info.notes.push(msg!(
                    "note-wb-skipped-kind",
                    file = text::escape(&name),
                    sheet = text::escape(n),
                    kind = kind_of(*typ)
                ));
            }
        }
    } else if opts.sheets.is_empty() {
        // The first worksheet shown (a hidden one is a lookup list, not the members').
        let shown = worksheets
            .iter()
            .find(|&&i| visible[i].2)
            .or(worksheets.first());
        let Some(&first) = shown else {
            let msg = msg!("wb-no-worksheet-among", sheets = listing());
            batch.file_problem(file, "no_worksheet", msg);
            return;
        };
        chosen.push((first, false));
        if worksheets.len() > 1 {
            info.notes.push(msg!(
                "note-wb-first-sheet",
                file = text::escape(&name),
                sheet = text::escape(&sheets[first].0),
                n = worksheets.len(),
                sheets = listing()
            ));
        }
    } else {
        let mut ok = true;
        for q in &opts.sheets {
            let found = sheets
                .iter()
                .position(|(n, _)| n == q)
                .or_else(|| {
                    let key = text::key(q);
                    sheets.iter().position(|(n, _)| text::key(n) == key)
                })
                .or_else(|| {
                    q.trim()
                        .parse::<usize>()
                        .ok()
                        .filter(|&n| (1..=sheets.len()).contains(&n))
                        .map(|n| n - 1)
                });
            match found {
                None => {
                    let msg = msg!(
                        "wb-no-such-sheet",
                        sheet = text::escape(q),
                        sheets = listing(),
                        n = sheets.len()
                    );
                    batch.file_problem(file, "no_such_sheet", msg);
                    ok = false;
                }
                Some(i) if sheets[i].1 != SheetType::WorkSheet => {
                    let msg = msg!(
                        "wb-not-a-worksheet",
                        arg = text::escape(q),
                        sheet = text::escape(&sheets[i].0),
                        kind = kind_of(sheets[i].1)
                    );
                    batch.file_problem(file, "not_a_worksheet", msg);
                    ok = false;
                }
                Some(i) => {
                    if !chosen.iter().any(|&(j, _)| j == i) {
                        chosen.push((i, false));
                    }
                }
            }
        }
        if !ok {
            return;
        }
    }
    let mut read_any = false;
    for (i, skippable) in chosen {
        let sheet: Arc<str> = sheets[i].0.as_str().into();
        read_any |= read_sheet(batch, &mut book, &name, sheet, skippable, opts, info);
    }
    if opts.all_sheets && !read_any {
        let msg = msg!("wb-no-header", id = PRODUCT_ID, sheets = listing());
        batch.file_problem(file, "no_header", msg);
    }
}

/// What a sheet that is not a worksheet is, as a message.
fn kind_of(typ: SheetType) -> Message {
    Message::new(match typ {
        SheetType::ChartSheet => "wb-kind-chart",
        SheetType::DialogSheet => "wb-kind-dialog",
        SheetType::MacroSheet => "wb-kind-macro",
        SheetType::Vba => "wb-kind-vba",
        SheetType::WorkSheet => "wb-kind-worksheet",
    })
}

/// Reads one sheet; false when it was skipped (`skippable` and no header naming the id).
fn read_sheet(
    batch: &mut Batch<'_>,
    book: &mut Book,
    name: &Arc<str>,
    sheet: Arc<str>,
    skippable: bool,
    opts: &ReadOptions,
    info: &mut FileInfo,
) -> bool {
    let file = batch.add_worksheet(name.clone(), sheet.clone());
    let (file_shown, sheet_shown) = (text::escape(name), text::escape(&sheet));
    let cells = match book.cells(&sheet) {
        Ok(c) => c,
        Err(msg) => {
            batch.file_problem(file, "bad_workbook", msg);
            return true;
        }
    };
    let mut records = SheetRecords::new(cells);
    // The header: the first row naming product_id; else the first non-blank row.
    let mut first: Option<(Vec<String>, u64)> = None;
    let mut seen = 0;
    let header = loop {
        match records.next_record() {
            Ok(None) => break None,
            Ok(Some(rec)) if is_blank(&rec) => continue,
            Ok(Some(rec)) => {
                let line = rec.line;
                // Cells are UTF-8 text: the header's names cannot fail to decode.
                let names = super::header_names(&rec).unwrap_or_default();
                if names.iter().any(|n| text::key(n) == PRODUCT_ID) {
                    break Some((names, line));
                }
                if first.is_none() {
                    first = Some((names, line));
                }
                seen += 1;
                if seen >= HEADER_SEARCH {
                    break None;
                }
            }
            Err(e) => {
                let at = At {
                    file,
                    line: e.line(records.lines()),
                };
                batch.problem(at, None, e.code(), read_message(&e));
                return true;
            }
        }
    };
    let (mut names, line) = match (header, first) {
        (Some(h), _) => h,
        (None, _) if skippable => {
            info.notes.push(msg!(
                "note-wb-skipped-no-header",
                file = &*file_shown,
                sheet = &*sheet_shown,
                id = PRODUCT_ID,
                n = HEADER_SEARCH
            ));
            return false;
        }
        (None, Some(f)) => f,
        (None, None) => {
            let msg = msg!("wb-sheet-empty");
            batch.file_problem(file, "empty_file", msg);
            return true;
        }
    };
    if line != 1 {
        info.notes.push(msg!(
            "note-wb-header-row",
            file = &*file_shown,
            sheet = &*sheet_shown,
            line = line
        ));
    }
    while names.last().is_some_and(String::is_empty) {
        names.pop();
    }
    let width = names.len();
    batch.set_sheet_columns(file, names.clone());
    // A sheet without an assessor column is one member's: the sheet's name.
    let has_assessor = names.iter().any(|n| text::key(n) == ASSESSOR);
    let has_id = names.iter().any(|n| text::key(n) == PRODUCT_ID);
    if has_id && !has_assessor && !default_sheet_name(&sheet) {
        let member = text::clean(sheet.trim()).into_owned();
        records.member = Some(member.into_bytes().into());
        names.push(ASSESSOR.to_string());
        info.notes.push(msg!(
            "note-wb-one-member",
            file = &*file_shown,
            sheet = &*sheet_shown,
            column = ASSESSOR
        ));
    }
    records.width = Some(width);
    let at = At { file, line };
    let loc = batch.loc(at);
    let ignored = super::ignored_columns(batch, &names, opts);
    let Some(layout) = Layout::new(
        names,
        batch.edition(),
        opts.default_set.is_some(),
        &ignored,
        &loc,
        &mut batch.problems,
    ) else {
        return true;
    };
    info.kind = Some(layout.kind);
    let mut rows = Rows::new(batch, layout, false, opts.default_set.clone());
    let spare: Vec<usize> = [rows.layout.set, rows.layout.total]
        .into_iter()
        .flatten()
        .collect();
    loop {
        match records.advance() {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let at = At {
                    file,
                    line: e.line(records.lines()),
                };
                batch.problem(at, None, e.code(), read_message(&e));
                break;
            }
        }
        let rec = records.current();
        let at = At {
            file,
            line: rec.line,
        };
        if !records.errors.is_empty() || !records.outside.is_empty() {
            for (c, e) in &records.errors {
                let column = rows.layout.names.get(*c as usize).map(String::as_str);
                let msg = msg!("wb-cell-error", error = e);
                batch.cell_problem(at, *c, column, "cell_error", msg);
            }
            for &c in &records.outside {
                let msg = msg!(
                    "wb-unnamed-column",
                    last = super::column_letters(width.saturating_sub(1) as u32),
                    row = line
                );
                batch.cell_problem(at, c, None, "unnamed_column", msg);
            }
            continue;
        }
        if records.blank {
            continue;
        }
        // A template's spare row: nothing in it but the set's number and the total formula.
        let spare_row = (0..width)
            .filter(|c| !spare.contains(c))
            .all(|c| rec.get(c).unwrap_or(b"").trim_ascii().is_empty());
        if spare_row {
            continue;
        }
        rows.row(batch, &rec, at);
    }
    info.rows += rows.rows;
    true
}

/// A workbook's first shown worksheet as CSV, from its header row (the first naming
/// `product_id`, as [`read`] finds it) on, one record per sheet row: for lists read outside
/// the scoring (the products file of `ocop template`).
pub struct SheetCsv {
    pub sheet: String,
    /// The sheet row of the header (1-based): record `n` of `csv` is row `header_row + n`.
    pub header_row: u64,
    pub csv: Vec<u8>,
}

/// Reads the first shown worksheet of a workbook named `name` as CSV (see [`SheetCsv`]). An
/// error cell is an error naming the sheet and cell; the error is to follow the file's name.
pub fn sheet_as_csv(name: &str, bytes: Vec<u8>) -> Result<SheetCsv, Message> {
    let ext = std::path::Path::new(name)
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_string();
    let mut book = open(bytes, &ext)?;
    let visible = book.sheets_visible();
    let sheet = visible
        .iter()
        .find(|s| s.1 == SheetType::WorkSheet && s.2)
        .or_else(|| visible.iter().find(|s| s.1 == SheetType::WorkSheet))
        .map(|s| s.0.clone())
        .ok_or_else(|| msg!("wb-no-worksheet"))?;
    let shown = text::escape(&sheet).into_owned();
    let in_sheet = |m: Message| msg!("wb-in-sheet", sheet = &shown, message = m);
    let cells = book.cells(&sheet).map_err(in_sheet)?;
    let mut records = SheetRecords::new(cells);
    let mut rows: Vec<(u64, Vec<String>)> = Vec::new();
    let mut header: Option<usize> = None;
    while records.advance().map_err(|e| in_sheet(read_message(&e)))? {
        if let Some((c, e)) = records.errors.first() {
            return Err(msg!(
                "wb-in-cell",
                sheet = &shown,
                cell = format!("{}{}", super::column_letters(*c), records.row),
                message = msg!("wb-cell-error", error = e)
            ));
        }
        let rec = records.current();
        if records.blank {
            continue;
        }
        let fields: Vec<String> = (0..rec.len())
            .map(|i| String::from_utf8_lossy(rec.get(i).unwrap_or(b"")).into_owned())
            .collect();
        if header.is_none() && fields.iter().any(|f| text::key(f) == PRODUCT_ID) {
            header = Some(rows.len());
        }
        rows.push((rec.line, fields));
    }
    let start = match header {
        Some(h) => h,
        None if rows.is_empty() => return Err(in_sheet(msg!("wb-sheet-empty-plain"))),
        None => 0,
    };
    let header_row = rows[start].0;
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .from_writer(Vec::new());
    let mut next = header_row;
    for (row, fields) in &rows[start..] {
        // Rows without cells stay records, so that record n is row header_row + n.
        while next < *row {
            w.write_record(["", ""])
                .map_err(|e| Message::Text(e.to_string()))?;
            next += 1;
        }
        w.write_record(fields)
            .map_err(|e| Message::Text(e.to_string()))?;
        next += 1;
    }
    let csv = w.into_inner().map_err(|e| Message::Text(e.to_string()))?;
    Ok(SheetCsv {
        sheet,
        header_row,
        csv,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn n(f: f64) -> String {
        let mut s = String::new();
        number(f, &mut s);
        s
    }

    #[test]
    fn numbers_read_as_typed() {
        assert_eq!(n(1.0), "1");
        assert_eq!(n(0.5), "0.5");
        assert_eq!(n(2.25), "2.25");
        assert_eq!(n(0.1 + 0.2), "0.3");
        assert_eq!(n(-3.0), "-3");
        assert_eq!(n(12345678.9), "12345678.9");
        assert_eq!(n(1e20), "100000000000000000000");
        assert_eq!(n(0.000001), "0.000001");
    }

    #[test]
    fn ods_rows_and_cells_repeated_with_a_value_are_replayed_and_empty_ones_skipped() {
        let xml = r#"<office:document-content><office:body><office:spreadsheet>
            <table:table table:name="Khác"><table:table-row><table:table-cell
              office:value-type="float" office:value="9"/></table:table-row></table:table>
            <table:table table:name="A &amp; B">
            <table:table-row><table:table-cell office:value-type="string"><text:p>a<text:s
              text:c="2"/>b &amp; c</text:p><text:p>d</text:p></table:table-cell>
              <table:covered-table-cell/><table:table-cell table:number-columns-repeated="2"
              office:value-type="float" office:value="0.30000000000000004"/>
              <table:table-cell table:number-columns-repeated="16000"/></table:table-row>
            <table:table-row table:number-rows-repeated="1000000"><table:table-cell
              table:number-columns-repeated="1024"/></table:table-row>
            <table:table-row table:number-rows-repeated="2"><table:table-cell
              office:value-type="date" office:date-value="2026-06-15T00:00:00"/>
              <table:table-cell office:value-type="boolean" office:boolean-value="true"/>
              <table:table-cell office:value-type="string" office:string-value=""
              calcext:value-type="error"><text:p>#N/A</text:p></table:table-cell>
            </table:table-row></table:table></office:spreadsheet></office:body>
            </office:document-content>"#;
        let mut cells = OdsCells::new(xml.as_bytes(), "A & B").unwrap();
        let mut buf = String::new();
        let mut got = Vec::new();
        while let Some((r, c, k)) = cells.next_cell(&mut buf).unwrap() {
            let k = match k {
                Kind::Error => "error",
                Kind::Text => "text",
                Kind::Empty => "empty",
            };
            got.push((r, c, k, buf.clone()));
        }
        let t = |r, c, k, s: &str| (r, c, k, s.to_string());
        assert_eq!(
            got,
            [
                t(0, 0, "text", "a  b & c\nd"),
                t(0, 2, "text", "0.3"),
                t(0, 3, "text", "0.3"),
                t(1_000_001, 0, "text", "2026-06-15"),
                t(1_000_001, 1, "text", "TRUE"),
                t(1_000_001, 2, "error", "#N/A"),
                t(1_000_002, 0, "text", "2026-06-15"),
                t(1_000_002, 1, "text", "TRUE"),
                t(1_000_002, 2, "error", "#N/A"),
            ]
        );
    }

    #[test]
    fn default_tab_names_are_not_members() {
        assert!(default_sheet_name("Sheet1") && default_sheet_name("Trang tính 2"));
        assert!(!default_sheet_name("Nguyễn Văn An") && !default_sheet_name("Sheet"));
    }
}
