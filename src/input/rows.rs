//! Turning records into sheets: every field of a row checked against the criteria, problems
//! reported with file, line and column; and the fast path that splits plain lines itself.

use std::borrow::Cow;
use std::fs::File;
use std::io::{Read, Seek, SeekFrom};
use std::path::Path;

use smallvec::SmallVec;

use super::batch::{self, At, FileRef, Shard, Sheet};
use super::layout::{Kind, Layout};
use super::records::{self, Record, Records};
use super::{decode, text};
use crate::criteria::{CriteriaSet, Leaf, SetStatus};
use crate::points::{Points, PointsError, SCALE};

/// A control character other than tab, CR, LF: never part of a name or an id.
fn control(s: &str) -> Option<char> {
    s.chars()
        .find(|&c| (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{fffe}')
}

/// A record's fields, from the CSV parser or from the fast splitter of plain lines.
pub(super) trait Fields {
    fn len(&self) -> usize;
    fn get(&self, i: usize) -> Option<&[u8]>;
    /// Byte offset of the record in its input (for messages).
    fn offset(&self) -> u64;
    /// Whether field `i` is empty or spaces only (or absent).
    fn is_empty_at(&self, i: usize) -> bool {
        self.get(i).unwrap_or(b"").trim_ascii().is_empty()
    }
}

/// The points of a cell that is one digit allowed by `digits` (bit `d`: `d` whole points).
fn digit_points(raw: &[u8], digits: u16) -> Option<u32> {
    let [d @ b'0'..=b'9'] = raw else {
        return None;
    };
    let d = u32::from(d - b'0');
    (digits & (1 << d) != 0).then_some(d * SCALE)
}

impl Fields for Record<'_> {
    fn len(&self) -> usize {
        Record::len(self)
    }
    fn get(&self, i: usize) -> Option<&[u8]> {
        Record::get(self, i)
    }
    fn offset(&self) -> u64 {
        self.offset
    }
}

/// A record of spaces and delimiters only: a blank line, skipped.
pub(super) fn is_blank(rec: &impl Fields) -> bool {
    (0..rec.len()).all(|i| rec.is_empty_at(i))
}

/// A line without quotes, split at the delimiter.
struct Plain<'a> {
    line: &'a [u8],
    bounds: &'a [(u32, u32)],
    offset: u64,
}

impl Fields for Plain<'_> {
    fn len(&self) -> usize {
        self.bounds.len()
    }
    fn get(&self, i: usize) -> Option<&[u8]> {
        self.bounds
            .get(i)
            .map(|&(a, b)| &self.line[a as usize..b as usize])
    }
    fn offset(&self) -> u64 {
        self.offset
    }
}

/// How one criterion's cell of a wide row is read on the fast path.
#[derive(Debug, Clone, Copy)]
pub(super) struct Step {
    /// The cell's column.
    col: u32,
    /// Bit `d` set when `d` whole points are an option.
    digits: u16,
    /// 0, 1, 2 for parts A, B, C.
    part: u8,
    /// Where its sum is kept, or [`batch::NO_SLOT`].
    slot: u16,
}

/// Everything needed to turn one file's rows into sheets; cloned for each reader.
#[derive(Clone)]
pub(super) struct Rows {
    pub(super) file: FileRef,
    pub(super) layout: Layout,
    /// (column, batch carried column) for `product_name` and the carried columns.
    pub(super) carried: Vec<(usize, u32)>,
    pub(super) decimal_comma: bool,
    pub(super) default_set: Option<String>,
    pub(super) default_index: Option<usize>,
    pub(super) delimiter: u8,
    /// Scratch space for one row's points.
    pub(super) points: Vec<u32>,
    /// Per set, how a wide row's cells are read when every one is a single digit (see
    /// [`Rows::wide_digits`]); built at the set's first row.
    pub(super) plans: Vec<Option<Box<[Step]>>>,
    /// Member names seen, by their raw bytes, with their shard member id.
    pub(super) members: Vec<(Box<[u8]>, u32)>,
    /// The last `set` cell read, by its raw bytes, and the set it named.
    pub(super) last_set: Option<(Box<[u8]>, usize)>,
    /// The raw id of the last row's product, and that product's set and position.
    pub(super) last_id: Vec<u8>,
    pub(super) last_product: Option<(usize, usize)>,
}

impl Rows {
    /// Reads records until the end of `csv`; `base` is the number of lines before it.
    pub(super) fn read<R: Read>(
        &mut self,
        shard: &mut Shard<'_>,
        records: &mut Records<R>,
        base: u64,
    ) -> u64 {
        let mut rows = 0;
        loop {
            match records.next_record() {
                Ok(None) => break,
                Ok(Some(rec)) => {
                    if is_blank(&rec) {
                        continue; // blank lines are skipped
                    }
                    let at = At {
                        file: self.file.index,
                        line: base + rec.line,
                    };
                    rows += 1;
                    self.row(shard, &rec, at);
                }
                Err(e) => {
                    let line = match e {
                        records::ReadError::TooLong(l) => l,
                        records::ReadError::Io(_) => records.lines() + 1,
                    };
                    shard.problem(
                        &self.file,
                        At {
                            file: self.file.index,
                            line: base + line,
                        },
                        None,
                        e.to_string(),
                    );
                    break;
                }
            }
        }
        rows
    }

    /// Reads the records of `[start, end)` of a file (starting at a record boundary).
    fn read_range(
        &mut self,
        shard: &mut Shard<'_>,
        path: &Path,
        start: u64,
        end: u64,
        base: u64,
    ) -> u64 {
        let Some(f) = self.open_at(shard, path, start, base) else {
            return 0;
        };
        let mut records = Records::new(f.take(end - start), self.delimiter).starting_at(start);
        self.read(shard, &mut records, base)
    }

    /// The file opened at byte `start` (after `base` lines), or a problem reported.
    fn open_at(&self, shard: &mut Shard<'_>, path: &Path, start: u64, base: u64) -> Option<File> {
        match File::open(path).and_then(|mut f| f.seek(SeekFrom::Start(start)).map(|_| f)) {
            Ok(f) => Some(f),
            Err(e) => {
                let at = At {
                    file: self.file.index,
                    line: base + 1,
                };
                shard.problem(&self.file, at, None, format!("cannot read: {e}"));
                None
            }
        }
    }

    /// Reads `[start, end)` of a file (starting at a record boundary) line by line, splitting
    /// plain lines itself, which is several times faster than a CSV parser. At the first line
    /// with a quote or a stray carriage return, the CSV parser takes the rest of the range;
    /// but when the range is a part of a split file (`split`), it stops and gives `None`: the
    /// split assumed there were no quoted line ends. `base` is the number of lines before
    /// `start`.
    pub(super) fn read_range_fast(
        &mut self,
        shard: &mut Shard<'_>,
        path: &Path,
        start: u64,
        end: u64,
        base: u64,
        split: bool,
    ) -> Option<u64> {
        let Some(f) = self.open_at(shard, path, start, base) else {
            return Some(0);
        };
        let mut input = f.take(end - start);
        const BLOCK: usize = 1 << 20;
        let mut buf = vec![0u8; BLOCK + decode::MAX_RECORD as usize + 2];
        let (mut filled, mut pos, mut offset) = (0usize, 0usize, start);
        let mut line = base;
        let mut bounds: Vec<(u32, u32)> = Vec::with_capacity(self.layout.names.len() + 1);
        let mut rows = 0;
        let mut eof = false;
        loop {
            loop {
                let (raw, next) = match memchr::memchr(b'\n', &buf[pos..filled]) {
                    Some(i) => (&buf[pos..pos + i], pos + i + 1),
                    None if eof && pos < filled => (&buf[pos..filled], filled),
                    None => break,
                };
                let text = raw.strip_suffix(b"\r").unwrap_or(raw);
                if memchr::memchr2(b'"', b'\r', text).is_some() {
                    let at = offset + pos as u64;
                    if split {
                        return None;
                    }
                    return Some(rows + self.read_range(shard, path, at, end, line));
                }
                line += 1;
                // Blank lines (spaces and delimiters only) are skipped.
                if text
                    .iter()
                    .any(|&b| b != self.delimiter && !b.is_ascii_whitespace())
                {
                    split_fields(text, self.delimiter, &mut bounds);
                    let rec = Plain {
                        line: text,
                        bounds: &bounds,
                        offset: offset + pos as u64,
                    };
                    rows += 1;
                    self.row(
                        shard,
                        &rec,
                        At {
                            file: self.file.index,
                            line,
                        },
                    );
                }
                pos = next;
            }
            if eof {
                return Some(rows);
            }
            if filled - pos > decode::MAX_RECORD as usize {
                let msg = decode::RecordTooLong.to_string();
                shard.problem(
                    &self.file,
                    At {
                        file: self.file.index,
                        line: line + 1,
                    },
                    None,
                    msg,
                );
                return Some(rows);
            }
            buf.copy_within(pos..filled, 0);
            offset += pos as u64;
            filled -= pos;
            pos = 0;
            match input.read(&mut buf[filled..]) {
                Ok(0) => eof = true,
                Ok(n) => filled += n,
                Err(e) => {
                    shard.problem(
                        &self.file,
                        At {
                            file: self.file.index,
                            line: line + 1,
                        },
                        None,
                        format!("cannot read: {e}"),
                    );
                    return Some(rows);
                }
            }
        }
    }

    /// A field as text, cleaned; invalid UTF-8 and control characters are reported.
    fn text<'r, R: Fields>(
        &self,
        shard: &mut Shard<'_>,
        rec: &'r R,
        col: usize,
        at: At,
    ) -> Option<Cow<'r, str>> {
        let raw = rec.get(col).unwrap_or(b"");
        let column = Some(self.layout.names[col].as_str());
        match std::str::from_utf8(raw) {
            Ok(s) => {
                let t = s.trim();
                if text::is_plain(t) {
                    return Some(Cow::Borrowed(t));
                }
                let s = text::clean(t);
                if let Some(c) = control(&s) {
                    shard.problem(
                        &self.file,
                        at,
                        column,
                        format!("contains a control character (U+{:04X}): binary data, or a damaged file?", c as u32),
                    );
                    return None;
                }
                Some(s)
            }
            Err(e) => {
                let offset = rec.offset();
                shard.problem(
                    &self.file,
                    at,
                    column,
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

    fn row<R: Fields>(&mut self, shard: &mut Shard<'_>, rec: &R, at: At) {
        let l = &self.layout;
        let width = l.names.len();
        if rec.len() != width {
            shard.problem(
                &self.file,
                at,
                None,
                format!(
                    "has {} fields, but the header has {width}: a ragged row (a missing or extra delimiter?)",
                    rec.len()
                ),
            );
            return;
        }
        // Rows of one product usually follow each other: the id's bytes of the row before
        // give the product without cleaning, hashing and looking the id up again.
        let raw_id = rec.get(l.product_id).unwrap_or(b"");
        let same_id = self.last_product.is_some() && raw_id == &self.last_id[..];
        let pid = if same_id {
            None
        } else {
            let Some(pid) = self.text(shard, rec, l.product_id, at) else {
                return;
            };
            if pid.is_empty() {
                shard.problem(
                    &self.file,
                    at,
                    Some(&l.names[l.product_id]),
                    "empty: every row needs a product id",
                );
                return;
            }
            Some(pid)
        };
        let Some(set) = self.set(shard, rec, at) else {
            return;
        };
        let Some(member) = self.member(shard, rec, at) else {
            return;
        };
        let l = &self.layout;
        let set_column = l.set.map(|c| l.names[c].as_str());
        let product = match (pid, self.last_product) {
            (None, Some((last_set, product))) if last_set == set => {
                self.update_carried(shard, rec, at, product);
                product
            }
            (pid, _) => {
                let pid = match pid {
                    Some(p) => p,
                    None => match self.text(shard, rec, l.product_id, at) {
                        Some(p) => p,
                        None => return,
                    },
                };
                let product = match shard.lookup(&self.file, &pid, set, set_column, at) {
                    batch::Lookup::OtherSet => return,
                    batch::Lookup::Found(product) => {
                        self.update_carried(shard, rec, at, product);
                        product
                    }
                    // The first row: the product is stored with all its values at once.
                    batch::Lookup::New => match self.create(shard, rec, at, &pid, set) {
                        Some(product) => product,
                        None => return,
                    },
                };
                self.remember(raw_id, set, product);
                product
            }
        };
        self.finish_row(shard, rec, at, product, set, member);
    }

    /// Checks a known product's carried values against the row's.
    fn update_carried<R: Fields>(&self, shard: &mut Shard<'_>, rec: &R, at: At, product: usize) {
        for &(c, batch_col) in &self.carried {
            let raw = rec.get(c).unwrap_or(b"");
            // Most rows repeat the product's values exactly: compare bytes first.
            if raw.is_empty() || shard.carried_is(product, batch_col, raw) {
                continue;
            }
            if let Some(v) = self.text(shard, rec, c, at)
                && !v.is_empty()
            {
                shard.set_carried(
                    &self.file,
                    product,
                    batch_col,
                    &self.layout.names[c],
                    &v,
                    at,
                );
            }
        }
    }

    fn remember(&mut self, raw_id: &[u8], set: usize, product: usize) {
        self.last_id.clear();
        self.last_id.extend_from_slice(raw_id);
        self.last_product = Some((set, product));
    }

    /// A product at its first row, stored with all the row's values at once.
    fn create<R: Fields>(
        &self,
        shard: &mut Shard<'_>,
        rec: &R,
        at: At,
        pid: &str,
        set: usize,
    ) -> Option<usize> {
        let mut values: SmallVec<[(u32, Cow<str>); 4]> = SmallVec::new();
        for &(c, batch_col) in &self.carried {
            if let Some(v) = self.text(shard, rec, c, at)
                && !v.is_empty()
            {
                values.push((batch_col, v));
            }
        }
        let refs: SmallVec<[(u32, &str); 4]> = values.iter().map(|(c, v)| (*c, &**v)).collect();
        shard.create(&self.file, pid, set, &refs, at)
    }

    /// What a row gives a known product: its rejection reason and its member's points.
    fn finish_row<R: Fields>(
        &mut self,
        shard: &mut Shard<'_>,
        rec: &R,
        at: At,
        product: usize,
        set: usize,
        member: u32,
    ) {
        if let Some(c) = self.layout.disqualified
            && !rec.is_empty_at(c)
            && let Some(reason) = self.text(shard, rec, c, at)
            && !reason.is_empty()
        {
            shard.disqualify(product, &reason);
        }
        match self.layout.kind {
            Kind::Wide => self.wide(shard, rec, at, product, set, member),
            Kind::Long { criterion, points } => {
                self.long(shard, rec, at, product, member, criterion, points)
            }
        }
    }

    /// The member who scored the row, as a shard member id. The few names of a council are
    /// remembered by their bytes, so a row's name is cleaned only the first time.
    fn member<R: Fields>(&mut self, shard: &mut Shard<'_>, rec: &R, at: At) -> Option<u32> {
        let raw = rec.get(self.layout.assessor).unwrap_or(b"");
        if let Some((_, id)) = self.members.iter().find(|(r, _)| **r == *raw) {
            return Some(*id);
        }
        let name = self.text(shard, rec, self.layout.assessor, at)?;
        if name.is_empty() {
            shard.problem(
                &self.file,
                at,
                Some(&self.layout.names[self.layout.assessor]),
                "empty: every row needs the council member who scored it",
            );
            return None;
        }
        let id = shard.member_id(&name);
        if self.members.len() < 256 {
            self.members.push((raw.into(), id));
        }
        Some(id)
    }

    /// The row's set: its `set` cell, else `--set`. Unknown and incomplete sets are problems.
    fn set<R: Fields>(&mut self, shard: &mut Shard<'_>, rec: &R, at: At) -> Option<usize> {
        if let (Some(c), Some((raw, index))) = (self.layout.set, &self.last_set)
            && rec.get(c) == Some(&raw[..])
        {
            return Some(*index);
        }
        let index = self.resolve_set(shard, rec, at)?;
        if let Some(c) = self.layout.set {
            self.last_set = Some((rec.get(c).unwrap_or(b"").into(), index));
        }
        Some(index)
    }

    fn resolve_set<R: Fields>(&self, shard: &mut Shard<'_>, rec: &R, at: At) -> Option<usize> {
        let edition = shard.edition();
        let l = &self.layout;
        let cell = match l.set {
            Some(c) => self.text(shard, rec, c, at)?,
            None => Cow::Borrowed(""),
        };
        let column = l.set.map(|c| l.names[c].as_str());
        let index = if cell.is_empty() {
            match (&self.default_set, self.default_index) {
                (Some(_), Some(i)) => i,
                (Some(q), None) => {
                    shard.problem(
                        &self.file,
                        at,
                        column,
                        format!("--set {q}: no such set in {}", edition.id()),
                    );
                    return None;
                }
                (None, _) => {
                    shard.problem(
                        &self.file,
                        at,
                        column,
                        "empty: every row needs its set (1–26 or a code such as I.3.b), or give --set",
                    );
                    return None;
                }
            }
        } else {
            match edition.set_index(&cell) {
                Some(i) => i,
                None => {
                    shard.problem(
                        &self.file,
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
            shard.problem(
                &self.file,
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
        shard: &mut Shard<'_>,
        column: &str,
        at: At,
        raw: &[u8],
        leaf: &Leaf,
    ) -> Option<u32> {
        // The common case: one digit that is an option.
        if let Some(p) = digit_points(raw, leaf.digits) {
            return Some(p);
        }
        let text = String::from_utf8_lossy(raw);
        let problem = match Points::parse(&text, self.decimal_comma) {
            Ok(p) if leaf.is_allowed(p) => return Some(p.hundredths()),
            Ok(p) => format!(
                "{p} is not a valid score for criterion {} (allowed: {})",
                leaf.code,
                leaf.allowed_list()
            ),
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
                format!("{what} (allowed: {})", leaf.allowed_list())
            }
        };
        shard.problem(&self.file, at, Some(column), problem);
        None
    }

    /// How a wide row of the set is read on the fast path: each criterion's column, allowed
    /// digits, part and slot. Empty when a criterion has no column (no fast path then).
    fn plan(&self, shard: &mut Shard<'_>, set_index: usize) -> Box<[Step]> {
        let set = shard.edition().set_at(set_index);
        let cols = self.layout.set_columns(set_index);
        if !cols.missing.is_empty() {
            return Box::default();
        }
        set.leaves
            .iter()
            .zip(&cols.leaves)
            .zip(shard.slots(set_index))
            .map(|((leaf, col), &slot)| Step {
                col: col.expect("no column is missing") as u32,
                digits: leaf.digits,
                part: leaf.part as u8,
                slot,
            })
            .collect()
    }

    /// The common wide row, in one pass: every cell of the set's criteria is one digit
    /// that is an option of its criterion, and no other criterion's column is filled. The
    /// cells are checked and summed by part and into the kept sums at once. `None` for any
    /// other row: [`Rows::wide`] then checks it cell by cell and reports what is wrong.
    fn digit_sheet<R: Fields>(
        &mut self,
        shard: &mut Shard<'_>,
        rec: &R,
        set_index: usize,
    ) -> Option<Sheet> {
        if self.plans.len() <= set_index {
            self.plans.resize(set_index + 1, None);
        }
        if self.plans[set_index].is_none() {
            self.plans[set_index] = Some(self.plan(shard, set_index));
        }
        let plan = self.plans[set_index].as_deref().expect("just built");
        if plan.is_empty() {
            return None;
        }
        let mut sheet = Sheet::default();
        for step in plan {
            let p = digit_points(rec.get(step.col as usize).unwrap_or(b""), step.digits)?;
            sheet.parts[usize::from(step.part)] += p;
            if step.slot != batch::NO_SLOT {
                sheet.marked.push((step.slot, p));
            }
        }
        let cols = self.layout.set_columns(set_index);
        cols.foreign
            .iter()
            .all(|&c| rec.is_empty_at(c))
            .then_some(sheet)
    }

    fn wide<R: Fields>(
        &mut self,
        shard: &mut Shard<'_>,
        rec: &R,
        at: At,
        product: usize,
        set_index: usize,
        member: u32,
    ) {
        let set = shard.edition().set_at(set_index);
        if self.layout.prepare_set(set_index, set) {
            let missing = &self.layout.set_columns(set_index).missing;
            if !missing.is_empty() {
                shard.missing_columns(set_index, at, missing.join(", "));
            }
        }
        let sheet = match self.digit_sheet(shard, rec, set_index) {
            Some(sheet) => sheet,
            None => self.checked_sheet(shard, rec, at, set_index),
        };
        shard.add_sheet(
            &self.file,
            product,
            member,
            &self.layout.names[self.layout.assessor],
            at,
            &sheet,
        );
    }

    /// A wide row checked cell by cell, every problem reported. A row with problems still
    /// gives a sheet (of zeros), so that a second row of the same member is still caught.
    fn checked_sheet<R: Fields>(
        &mut self,
        shard: &mut Shard<'_>,
        rec: &R,
        at: At,
        set_index: usize,
    ) -> Sheet {
        let set = shard.edition().set_at(set_index);
        let cols = self.layout.set_columns(set_index);
        let mut ok = cols.missing.is_empty();
        let mut points = std::mem::take(&mut self.points);
        points.clear();
        for (leaf, col) in set.leaves.iter().zip(&cols.leaves) {
            let Some(col) = *col else { continue };
            match self.points(
                shard,
                &self.layout.names[col],
                at,
                rec.get(col).unwrap_or(b""),
                leaf,
            ) {
                Some(p) => points.push(p),
                None => ok = false,
            }
        }
        for &col in &cols.foreign {
            if !rec.is_empty_at(col) {
                shard.problem(
                    &self.file,
                    at,
                    Some(&self.layout.names[col]),
                    foreign_criterion(set, &self.layout.names[col]),
                );
                ok = false;
            }
        }
        if !ok {
            points.clear();
            points.resize(set.leaves.len(), 0);
        }
        let sheet = shard.sum_sheet(set_index, &points);
        self.points = points;
        sheet
    }

    #[allow(clippy::too_many_arguments)]
    fn long<R: Fields>(
        &self,
        shard: &mut Shard<'_>,
        rec: &R,
        at: At,
        product: usize,
        member: u32,
        criterion: usize,
        points_col: usize,
    ) {
        let set = shard.product_set(product);
        let Some(code) = self.text(shard, rec, criterion, at) else {
            return;
        };
        let column = &self.layout.names[criterion];
        let key = code.to_lowercase();
        let Some(leaf) = set.leaves.iter().position(|x| x.code.to_lowercase() == key) else {
            let msg = if code.is_empty() {
                "empty: every row of a long file names a criterion".to_string()
            } else if let Some(parent) = set
                .criteria()
                .into_iter()
                .find(|c| c.code.to_lowercase() == key)
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
            shard.problem(&self.file, at, Some(column), msg);
            return;
        };
        let raw = rec.get(points_col).unwrap_or(b"");
        let Some(p) = self.points(
            shard,
            &self.layout.names[points_col],
            at,
            raw,
            &set.leaves[leaf],
        ) else {
            return;
        };
        shard.add_point(
            &self.file,
            product,
            member,
            leaf,
            p,
            at,
            column,
            &self.layout.names[self.layout.assessor],
        );
    }
}

/// Why a criterion column must stay empty in a row of `set`.
fn foreign_criterion(set: &CriteriaSet, column: &str) -> String {
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
/// The fields of a line without quotes, as `(start, end)` byte ranges, cut at `delimiter`.
/// Fields are short and dense (a point is one or two bytes): eight bytes are tested at a
/// time for the delimiter, which beats both a byte loop and a vectorised search per field.
fn split_fields(text: &[u8], delimiter: u8, bounds: &mut Vec<(u32, u32)>) {
    const LOW: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    let pattern = u64::from_ne_bytes([delimiter; 8]);
    bounds.clear();
    let mut from = 0u32;
    let mut words = text.chunks_exact(8);
    let mut base = 0u32;
    for word in &mut words {
        let x = u64::from_le_bytes(word.try_into().expect("8 bytes")) ^ pattern;
        // The top bit of each byte of `x` that is zero (a delimiter), exactly: no carry
        // crosses bytes.
        let mut hits = !(((x & LOW) + LOW) | x | LOW);
        while hits != 0 {
            let i = base + hits.trailing_zeros() / 8;
            bounds.push((from, i));
            from = i + 1;
            hits &= hits - 1;
        }
        base += 8;
    }
    for (k, &b) in words.remainder().iter().enumerate() {
        if b == delimiter {
            let i = base + k as u32;
            bounds.push((from, i));
            from = i + 1;
        }
    }
    bounds.push((from, text.len() as u32));
}
