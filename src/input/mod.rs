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
//!
//! A large file may be read in parts side by side (`split`, on threads the binary lends), a
//! speed-up that declines whenever one reader would answer otherwise.

mod batch;
mod decode;
mod error;
mod layout;
mod records;
mod rows;
mod source;
mod split;
mod text;
mod workbook;

use std::io::{self, BufRead, BufReader, Read};
use std::sync::Arc;

pub(crate) use batch::Kept;
pub use batch::{At, Batch, Product, SEP, Sheet, leaf_sections};
pub use decode::Encoding;
pub use error::{InputError, Loc, Problems, column_letters};
pub use layout::Kind;
pub use rows::{Disqualified, disqualified};
pub use split::{MIN_PART, read_split};
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
    /// Lines read, the header's included (CSV; 0 for a workbook).
    pub lines: u64,
    /// What is worth saying about how the input was read (a workbook's header row, the
    /// sheets read or skipped), one line each, for standard error: rendered in the run's
    /// language when printed.
    pub notes: Vec<crate::l10n::Message>,
}

/// The result of reading a batch: what each input was, and the batch or its problems.
pub struct Reading<'e> {
    pub files: Vec<FileInfo>,
    pub result: Result<Batch<'e>, Problems>,
}

/// Reads every source as one batch and checks it.
pub fn read<'e>(edition: &'e Edition, sources: Vec<Source>, opts: &ReadOptions) -> Reading<'e> {
    let mut batch = new_batch(edition, opts);
    let files = sources
        .into_iter()
        .map(|s| read_one(&mut batch, s, opts))
        .collect();
    Reading {
        files,
        result: batch.finish(),
    }
}

/// An empty batch for `opts`, every `--ignore-column` name unused so far.
fn new_batch<'e>(edition: &'e Edition, opts: &ReadOptions) -> Batch<'e> {
    let mut batch = Batch::new(edition, opts.max_errors, opts.detail);
    for name in &opts.ignore_columns {
        let key = text::key(name);
        if !batch.ignored_unused.iter().any(|n| text::key(n) == key) {
            batch.ignored_unused.push(name.clone());
        }
    }
    batch
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
    let mut info = FileInfo {
        name: source.name.clone(),
        encoding: Encoding::Utf8,
        cr_lines: false,
        delimiter: b',',
        kind: None,
        rows: 0,
        lines: 0,
        notes: Vec::new(),
    };
    // A workbook by its name (`.xlsx`…); its content then says which kind (see `workbook`).
    if workbook::is_workbook_name(&source.name) {
        workbook::read(batch, source, opts, &mut info);
        return info;
    }
    if !opts.sheets.is_empty() || opts.all_sheets {
        info.notes.push(crate::msg!(
            "note-csv-read-whole",
            file = text::escape(&source.name)
        ));
    }
    let file = batch.add_file(source.name.clone());
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
        // A workbook is read by its name: say so, or that stdin cannot hold one.
        let key = match (what, &*info.name == "<stdin>") {
            ("input-not-csv-zip", false) => "input-not-csv-zip-rename",
            ("input-not-csv-zip", true) => "input-not-csv-zip-stdin",
            ("input-not-csv-ole", false) => "input-not-csv-ole-rename",
            ("input-not-csv-ole", true) => "input-not-csv-ole-stdin",
            (other, _) => other,
        };
        batch.file_problem(file, "not_csv", crate::l10n::Message::new(key));
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
    info.lines = records.lines();
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::criteria::embedded::EDITIONS;
    use crate::points::Points;

    /// Three members' sheets of one product of `set`, wide or long: every criterion 0
    /// except criterion `i`, which the second member scores at its maximum.
    fn sheets(set: &crate::criteria::CriteriaSet, i: usize, long: bool) -> String {
        let members = ["An", "Bình", "Chi"];
        let mut out = String::new();
        if long {
            out.push_str("product_id,set,assessor,criterion,points\n");
            for m in members {
                for (k, leaf) in set.leaves.iter().enumerate() {
                    let p = if k == i && m == "Bình" {
                        leaf.max
                    } else {
                        Points::ZERO
                    };
                    out.push_str(&format!("P,{},{m},{},{p}\n", set.number, leaf.code));
                }
            }
        } else {
            let codes: Vec<&str> = set.leaves.iter().map(|l| l.code.as_str()).collect();
            out.push_str(&format!("product_id,set,assessor,{}\n", codes.join(",")));
            for m in members {
                let pts: Vec<String> = set
                    .leaves
                    .iter()
                    .enumerate()
                    .map(|(k, l)| {
                        if k == i && m == "Bình" {
                            l.max
                        } else {
                            Points::ZERO
                        }
                        .to_string()
                    })
                    .collect();
                out.push_str(&format!("P,{},{m},{}\n", set.number, pts.join(",")));
            }
        }
        out
    }

    /// Issue 11: a criterion that applies only when another scores above 0 ("Chỉ áp dụng
    /// khi có câu chuyện sản phẩm") is refused when that one is 0, in every set of every
    /// embedded edition that has the condition, in wide and long files alike, with the
    /// error on the criterion's row and cell.
    #[test]
    fn conditional_criteria_in_wide_and_long_files_of_every_edition() {
        let mut checked = 0;
        for e in EDITIONS {
            let edition = e.load();
            for set in edition.sets().filter(|s| s.is_scorable()) {
                for (i, leaf) in set.leaves.iter().enumerate() {
                    let Some(j) = leaf.applies_if else { continue };
                    for long in [false, true] {
                        let text = sheets(set, i, long);
                        let src = Source::memory("a.csv", text.clone().into_bytes());
                        let opts = ReadOptions {
                            max_errors: 50,
                            ..ReadOptions::default()
                        };
                        let Err(problems) = read(&edition, vec![src], &opts).result else {
                            panic!("{} set {} {}: accepted", e.id, set.number, leaf.code);
                        };
                        let (list, total) = problems.sorted();
                        assert_eq!(total, 1, "{list:?}");
                        let p = &list[0];
                        assert_eq!(p.code, "criterion_not_applicable");
                        let line = if long {
                            // The second member's row of the criterion.
                            2 + set.leaves.len() + i
                        } else {
                            3
                        };
                        assert_eq!(p.loc.line, Some(line as u64), "{text}");
                        let column = if long { "points" } else { leaf.code.as_str() };
                        assert_eq!(p.column.as_deref(), Some(column));
                        let want = format!(
                            "criterion {} applies only when {} scores above 0",
                            leaf.code, set.leaves[j].code
                        );
                        assert!(p.to_string().contains(&want), "{p}");
                        checked += 1;
                    }
                }
            }
        }
        // 26/2026: 5.2 → 5.1 in sets 1–25; 148: 5.b → 5.a in sets 1–25 less the four
        // incomplete ones (7, 11, 12, 13), 5.c → 5.a in sets 1, 2, 3, 5, 6. Both layouts.
        assert_eq!(checked, 2 * (25 + 21 + 5));
    }
}
