//! Reading assessment CSVs into a `Batch`: decoding, delimiter detection, the header's
//! layout, and every row checked against the criteria. Problems are collected, never
//! thrown: a messy file is reported in one pass.

pub mod batch;
pub mod decode;
pub mod error;
pub mod layout;
pub mod text;

use std::borrow::Cow;
use std::io::{self, BufRead, BufReader, Read};
use std::sync::Arc;

pub use batch::{At, Batch, Tally};
pub use decode::Encoding;
pub use error::{InputError, Loc, Problems};
use layout::{Kind, Layout};

use crate::criteria::SetStatus;
use crate::points::{Points, PointsError};

/// How files are read.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// The set of rows without a set (`--set`): a number or a code.
    pub default_set: Option<String>,
    /// Field delimiter; detected from the header line when `None`.
    pub delimiter: Option<u8>,
    /// Encoding; detected when `None`.
    pub encoding: Option<Encoding>,
}

/// An input: a name for messages and its bytes.
pub struct Source {
    pub name: Arc<str>,
    pub reader: Box<dyn Read + Send>,
}

/// What was learnt about a file while reading it.
#[derive(Debug, Clone)]
pub struct FileInfo {
    pub name: Arc<str>,
    pub encoding: Encoding,
    pub delimiter: u8,
    pub kind: Option<Kind>,
    pub rows: u64,
}

/// Reads one file into the batch.
pub fn read(batch: &mut Batch<'_>, source: Source, opts: &ReadOptions) -> FileInfo {
    let file = batch.add_file(source.name.clone());
    let mut info = FileInfo {
        name: source.name,
        encoding: Encoding::Utf8,
        delimiter: b',',
        kind: None,
        rows: 0,
    };
    let whole = At { file, line: 0 };
    let (encoding, reader) = match decode::decode(source.reader, opts.encoding) {
        Ok(x) => x,
        Err(e) => {
            let loc = Loc::file(file as usize, &info.name);
            batch.problems.push(loc, None, format!("cannot read: {e}"));
            return info;
        }
    };
    info.encoding = encoding;
    let mut buffered = BufReader::with_capacity(64 * 1024, reader);
    let delimiter = match opts.delimiter {
        Some(d) => d,
        None => match buffered.fill_buf() {
            Ok(head) => sniff_delimiter(head),
            Err(e) => {
                let loc = Loc::file(file as usize, &info.name);
                batch.problems.push(loc, None, format!("cannot read: {e}"));
                return info;
            }
        },
    };
    info.delimiter = delimiter;
    let (bounded, boundary) = decode::Bounded::new(buffered, decode::MAX_RECORD);
    let mut csv = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .buffer_capacity(64 * 1024)
        .from_reader(bounded);
    let mut rec = csv::ByteRecord::new();
    let mut reader = RowReader {
        opts,
        decimal_comma: delimiter != b',',
        default_set: None,
        carried: Vec::new(),
        points: Vec::new(),
    };
    if let Some(set) = &opts.default_set {
        reader.default_set = batch.edition().set_index(set);
    }
    let mut layout: Option<Layout> = None;
    loop {
        boundary.set(csv.position().byte());
        let line = csv.position().line();
        match csv.read_byte_record(&mut rec) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let at = At {
                    file,
                    line: line.max(1),
                };
                batch.problem(at, None, read_error(&e));
                if is_fatal(&e) {
                    break;
                }
                continue;
            }
        }
        if rec.iter().all(|f| f.trim_ascii().is_empty()) {
            continue; // blank lines are skipped
        }
        let at = At {
            file,
            line: rec.position().map_or(line, |p| p.line()),
        };
        match &mut layout {
            None => {
                let names = match header_names(&rec) {
                    Ok(n) => n,
                    Err(col) => {
                        batch.problem(
                            at,
                            None,
                            format!("the header is not valid UTF-8 (field {})", col + 1),
                        );
                        return info;
                    }
                };
                let loc = batch.loc(at);
                let edition = batch.edition();
                let has_default = opts.default_set.is_some();
                match Layout::new(names, edition, has_default, &loc, &mut batch.problems) {
                    Some(l) => {
                        info.kind = Some(l.kind);
                        reader.carried = l
                            .carried
                            .iter()
                            .map(|(_, n)| batch.carried_column(n))
                            .collect();
                        layout = Some(l);
                    }
                    None => return info,
                }
            }
            Some(l) => {
                info.rows += 1;
                reader.row(batch, l, &rec, at);
            }
        }
    }
    if layout.is_none() && batch.problems.is_empty() {
        batch.problem(
            whole,
            None,
            "the file is empty: expected a header line and rows",
        );
    }
    info
}

fn read_error(e: &csv::Error) -> String {
    match e.kind() {
        csv::ErrorKind::Io(io) => match io
            .get_ref()
            .and_then(|i| i.downcast_ref::<decode::RecordTooLong>())
        {
            Some(too_long) => too_long.to_string(),
            None => format!("cannot read: {io}"),
        },
        _ => format!("cannot read: {e}"),
    }
}

fn is_fatal(e: &csv::Error) -> bool {
    matches!(e.kind(), csv::ErrorKind::Io(_))
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

fn header_names(rec: &csv::ByteRecord) -> Result<Vec<String>, usize> {
    rec.iter()
        .enumerate()
        .map(|(i, f)| {
            std::str::from_utf8(f)
                .map(|s| text::clean(s).into_owned())
                .map_err(|_| i)
        })
        .collect()
}

/// Per-file state for turning rows into sheets.
struct RowReader<'o> {
    opts: &'o ReadOptions,
    decimal_comma: bool,
    /// `--set`, resolved.
    default_set: Option<usize>,
    /// Batch positions of the file's carried columns (in `Layout::carried` order).
    carried: Vec<u32>,
    /// Scratch space for one row's points.
    points: Vec<u32>,
}

impl RowReader<'_> {
    /// A field as text, cleaned; invalid UTF-8 is reported and gives `None`.
    fn text<'r>(
        &self,
        batch: &mut Batch<'_>,
        l: &Layout,
        rec: &'r csv::ByteRecord,
        col: usize,
        at: At,
    ) -> Option<Cow<'r, str>> {
        let raw = rec.get(col).unwrap_or(b"");
        match std::str::from_utf8(raw) {
            Ok(s) => Some(text::clean(s)),
            Err(e) => {
                let offset = rec.position().map_or(0, |p| p.byte());
                batch.problem(
                    at,
                    Some(&l.names[col]),
                    format!(
                        "not valid UTF-8 (byte {} of the field; the row starts at byte offset {offset}): \
                         save the file as UTF-8, or give --encoding windows-1258",
                        e.valid_up_to() + 1
                    ),
                );
                None
            }
        }
    }

    fn row(&mut self, batch: &mut Batch<'_>, l: &mut Layout, rec: &csv::ByteRecord, at: At) {
        let width = l.names.len();
        if rec.len() != width {
            batch.problem(
                at,
                None,
                format!("has {} fields, but the header has {width}: a ragged row (a missing or extra delimiter?)", rec.len()),
            );
            return;
        }
        let Some(pid) = self.text(batch, l, rec, l.product_id, at) else {
            return;
        };
        if pid.is_empty() {
            batch.problem(
                at,
                Some(&l.names[l.product_id]),
                "empty: every row needs a product id",
            );
            return;
        }
        let Some(set) = self.set(batch, l, rec, at) else {
            return;
        };
        let Some(assessor) = self.text(batch, l, rec, l.assessor, at) else {
            return;
        };
        if assessor.is_empty() {
            batch.problem(
                at,
                Some(&l.names[l.assessor]),
                "empty: every row needs the council member who scored it",
            );
            return;
        }
        let product = batch.product(&pid, set, l.set.map(|c| l.names[c].as_str()), at);
        if batch.product_set(product).number != batch.edition().set_at(set).number {
            return; // under another set: reported
        }
        if let Some(c) = l.product_name
            && let Some(name) = self.text(batch, l, rec, c, at)
            && !name.is_empty()
        {
            batch.set_name(product, &name, &l.names[c], at);
        }
        if let Some(c) = l.disqualified
            && let Some(reason) = self.text(batch, l, rec, c, at)
            && !reason.is_empty()
        {
            batch.disqualify(product, &reason, at);
        }
        for (i, &(c, _)) in l.carried.iter().enumerate() {
            if let Some(v) = self.text(batch, l, rec, c, at)
                && !v.is_empty()
            {
                batch.set_carried(product, self.carried[i], &v, at);
            }
        }
        match l.kind {
            Kind::Wide => self.wide(batch, l, rec, at, product, set, &assessor),
            Kind::Long { criterion, points } => {
                self.long(batch, l, rec, at, product, &assessor, criterion, points)
            }
        }
    }

    /// The row's set: its `set` cell, else `--set`. Unknown and incomplete sets are problems.
    fn set(
        &self,
        batch: &mut Batch<'_>,
        l: &Layout,
        rec: &csv::ByteRecord,
        at: At,
    ) -> Option<usize> {
        let edition = batch.edition();
        let cell = match l.set {
            Some(c) => self.text(batch, l, rec, c, at)?,
            None => Cow::Borrowed(""),
        };
        let column = l.set.map(|c| l.names[c].as_str());
        let index = if cell.is_empty() {
            match (&self.opts.default_set, self.default_set) {
                (Some(_), Some(i)) => i,
                (Some(q), None) => {
                    batch.problem(
                        at,
                        column,
                        format!("--set {q}: no such set in {}", edition.id()),
                    );
                    return None;
                }
                (None, _) => {
                    batch.problem(at, column, "empty: every row needs its set (1–26 or a code such as I.3.b), or give --set");
                    return None;
                }
            }
        } else {
            match edition.set_index(&cell) {
                Some(i) => i,
                None => {
                    batch.problem(
                        at,
                        column,
                        format!(
                            "{cell:?} is not a set of {}: expected a number 1–{} or a code such as I.3.b",
                            edition.id(),
                            edition.summaries().len()
                        ),
                    );
                    return None;
                }
            }
        };
        let summary = edition.summaries().nth(index).expect("set position");
        if summary.status == SetStatus::Incomplete {
            let note = edition
                .set_at(index)
                .status_note
                .clone()
                .unwrap_or_default();
            batch.problem(
                at,
                column,
                format!(
                    "set {} ({}) of {} is incomplete and cannot be scored: {note}",
                    summary.number,
                    summary.code,
                    edition.id()
                ),
            );
            return None;
        }
        Some(index)
    }

    /// Points in a cell, checked against the criterion's options.
    fn points(
        &self,
        batch: &mut Batch<'_>,
        column: &str,
        at: At,
        raw: &[u8],
        leaf: &crate::criteria::Leaf,
    ) -> Option<u32> {
        let text = String::from_utf8_lossy(raw);
        match Points::parse(&text, self.decimal_comma) {
            Ok(p) if leaf.is_allowed(p) => Some(p.hundredths()),
            Ok(p) => {
                batch.problem(
                    at,
                    Some(column),
                    format!(
                        "{p} is not a valid score for criterion {} (allowed: {})",
                        leaf.code,
                        leaf.allowed_list()
                    ),
                );
                None
            }
            Err(e) => {
                let what = match e {
                    PointsError::Empty => format!("empty: criterion {} needs a score", leaf.code),
                    PointsError::Negative => format!("{:?} is negative", text.trim()),
                    PointsError::NotANumber => format!("{:?} is not a number", text.trim()),
                    PointsError::TooPrecise => {
                        format!("{:?} has more than two decimals", text.trim())
                    }
                    PointsError::TooLarge => format!("{:?} is too large", text.trim()),
                };
                batch.problem(
                    at,
                    Some(column),
                    format!("{what} (allowed: {})", leaf.allowed_list()),
                );
                None
            }
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn wide(
        &mut self,
        batch: &mut Batch<'_>,
        l: &mut Layout,
        rec: &csv::ByteRecord,
        at: At,
        product: usize,
        set_index: usize,
        assessor: &str,
    ) {
        let set = batch.edition().set_at(set_index);
        let first = l.prepare_set(set_index, set);
        let l: &Layout = l;
        let cols = l.set_columns(set_index);
        if first && !cols.missing.is_empty() {
            batch.problem(
                at,
                None,
                format!(
                    "set {} ({}) needs a column for every criterion; missing: {}",
                    set.number,
                    set.code,
                    cols.missing.join(", ")
                ),
            );
        }
        let mut ok = cols.missing.is_empty();
        let mut points = std::mem::take(&mut self.points);
        points.clear();
        for (leaf, col) in set.leaves.iter().zip(&cols.leaves) {
            let Some(col) = *col else { continue };
            match self.points(batch, &l.names[col], at, rec.get(col).unwrap_or(b""), leaf) {
                Some(p) => points.push(p),
                None => ok = false,
            }
        }
        for &col in &cols.foreign {
            let cell = rec.get(col).unwrap_or(b"").trim_ascii();
            if !cell.is_empty() {
                batch.problem(
                    at,
                    Some(&l.names[col]),
                    foreign_criterion(set, &l.names[col]),
                );
                ok = false;
            }
        }
        if !ok {
            // Register the member anyway so that a second row of theirs is still caught.
            points.clear();
            points.resize(set.leaves.len(), 0);
        }
        batch.add_sheet(product, assessor, &l.names[l.assessor], at, &points);
        self.points = points;
    }

    #[allow(clippy::too_many_arguments)]
    fn long(
        &self,
        batch: &mut Batch<'_>,
        l: &Layout,
        rec: &csv::ByteRecord,
        at: At,
        product: usize,
        assessor: &str,
        criterion: usize,
        points_col: usize,
    ) {
        let set = batch.product_set(product);
        let Some(code) = self.text(batch, l, rec, criterion, at) else {
            return;
        };
        let column = &l.names[criterion];
        let leaf = set
            .leaves
            .iter()
            .position(|x| x.code.to_lowercase() == code.to_lowercase());
        let Some(leaf) = leaf else {
            let msg = if code.is_empty() {
                "empty: every row of a long file names a criterion".to_string()
            } else if let Some(parent) = set
                .criteria()
                .into_iter()
                .find(|c| c.code.to_lowercase() == code.to_lowercase())
            {
                format!(
                    "{code} is the sum of its sub-criteria in set {} ({}); give rows for {} instead",
                    set.number,
                    set.code,
                    parent
                        .sub
                        .iter()
                        .map(|s| s.code.as_str())
                        .collect::<Vec<_>>()
                        .join(", ")
                )
            } else {
                format!(
                    "{code:?} is not a criterion of set {} ({})",
                    set.number, set.code
                )
            };
            batch.problem(at, Some(column), msg);
            return;
        };
        let raw = rec.get(points_col).unwrap_or(b"");
        let Some(p) = self.points(batch, &l.names[points_col], at, raw, &set.leaves[leaf]) else {
            return;
        };
        batch.add_point(product, assessor, leaf, p, at, column, &l.names[l.assessor]);
    }
}

/// Why a criterion column must stay empty in a row of `set`.
fn foreign_criterion(set: &crate::criteria::CriteriaSet, column: &str) -> String {
    let key = column.to_lowercase();
    match set
        .criteria()
        .into_iter()
        .find(|c| c.code.to_lowercase() == key)
    {
        Some(parent) => format!(
            "{} is the sum of its sub-criteria in set {} ({}); give points for {} and leave this cell empty",
            parent.code,
            set.number,
            set.code,
            parent
                .sub
                .iter()
                .map(|s| s.code.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        ),
        None => format!(
            "set {} ({}) has no criterion {column}; leave this cell empty in its rows",
            set.number, set.code
        ),
    }
}

/// Reads several sources as one batch.
pub fn read_all<'e>(
    edition: &'e crate::criteria::Edition,
    sources: Vec<Source>,
    opts: &ReadOptions,
    max_errors: usize,
) -> (Batch<'e>, Vec<FileInfo>) {
    let mut batch = Batch::new(edition, max_errors);
    let infos = sources
        .into_iter()
        .map(|s| read(&mut batch, s, opts))
        .collect();
    (batch, infos)
}

/// A source over bytes in memory (tests, fuzzing).
pub fn memory(name: &str, bytes: Vec<u8>) -> Source {
    Source {
        name: name.into(),
        reader: Box::new(io::Cursor::new(bytes)),
    }
}
