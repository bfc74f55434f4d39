//! The row checker: every field of a record checked against the layout and the criteria,
//! problems reported with file, line and column, and the row's points added to the batch.
//! Records come from any [`RecordSource`](super::source::RecordSource); this is the only
//! place that turns them into sheets.

use std::borrow::Cow;

use super::batch::{At, Batch, Lookup, MAX_ID};
use super::layout::{Kind, Layout};
use super::records::Record;
use super::text;
use crate::criteria::{CriteriaSet, Leaf, SetStatus};
use crate::l10n::Message;
use crate::msg;
use crate::points::{Points, PointsError, SCALE};

/// A control character other than tab, CR, LF: never part of a name or an id.
fn control(s: &str) -> Option<char> {
    s.chars()
        .find(|&c| (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{fffe}')
}

/// A cell that is one digit among `digits` (a criterion's [`Leaf::digits`]), in hundredths:
/// read without parsing.
fn single_digit(raw: &[u8], digits: u16) -> Option<u32> {
    match raw {
        [d @ b'0'..=b'9'] if digits & (1 << (d - b'0')) != 0 => Some(u32::from(d - b'0') * SCALE),
        _ => None,
    }
}

/// What a `disqualified` cell says (rule 5 of docs/scoring.md).
#[derive(Debug, PartialEq, Eq)]
pub enum Disqualified<'a> {
    No,
    /// A bare "yes" with no reason: a problem.
    YesWithoutReason,
    Reason(&'a str),
}

/// Blank and the words Excel users type for "no" mean not disqualified; a bare "yes" word
/// asks for the reason; any other text is the reason.
pub fn disqualified(cell: &str) -> Disqualified<'_> {
    let t = cell.trim();
    let lower = t.to_lowercase();
    const NO: [&str; 11] = [
        "",
        "không",
        "khong",
        "0",
        "-",
        "false",
        "no",
        "n",
        "sai",
        "không bị loại",
        "none",
    ];
    const YES: [&str; 9] = ["có", "co", "x", "yes", "y", "1", "true", "đúng", "bị loại"];
    if NO.contains(&lower.as_str()) {
        Disqualified::No
    } else if YES.contains(&lower.as_str()) {
        Disqualified::YesWithoutReason
    } else {
        Disqualified::Reason(t)
    }
}

/// Everything needed to turn one file's records into sheets.
pub struct Rows {
    pub layout: Layout,
    /// (column, batch carried column) for `product_name` and the carried columns.
    pub carried: Vec<(usize, u32)>,
    pub decimal_comma: bool,
    pub default_set: Option<String>,
    pub default_index: Option<usize>,
    /// Scratch: one row's points.
    points: Vec<u32>,
    /// Member names seen, by their raw bytes, with their batch id.
    members: std::collections::HashMap<Box<[u8]>, u32, foldhash::fast::RandomState>,
    /// The last `set` cell, by its raw bytes, and the set it named.
    last_set: Option<(Box<[u8]>, usize)>,
    /// The raw id of the last row's product, and that product.
    last_id: Vec<u8>,
    last_product: Option<(usize, u32)>,
    /// The raw carried values of the last row, per entry of `carried`, when they were
    /// accepted: a row of the same product that repeats them needs no other check.
    last_carried: Vec<(bool, Vec<u8>)>,
    pub rows: u64,
}

impl Rows {
    pub fn new(
        batch: &mut Batch<'_>,
        layout: Layout,
        decimal_comma: bool,
        default_set: Option<String>,
    ) -> Rows {
        let mut carried = Vec::new();
        if let Some(c) = layout.product_name {
            carried.push((c, 0));
        }
        for (c, name) in &layout.carried {
            carried.push((*c, batch.carried_column(name)));
        }
        let default_index = default_set
            .as_ref()
            .and_then(|s| batch.edition().set_index(s));
        Rows {
            last_carried: vec![(false, Vec::new()); carried.len()],
            layout,
            carried,
            decimal_comma,
            default_set,
            default_index,
            points: Vec::new(),
            members: Default::default(),
            last_set: None,
            last_id: Vec::new(),
            last_product: None,
            rows: 0,
        }
    }

    fn name(&self, col: usize) -> &str {
        &self.layout.names[col]
    }

    /// A field as text, cleaned; invalid UTF-8 and control characters are reported.
    fn text<'r>(
        &self,
        batch: &mut Batch<'_>,
        rec: &'r Record<'_>,
        col: usize,
        at: At,
    ) -> Option<Cow<'r, str>> {
        let raw = rec.get(col).unwrap_or(b"");
        match std::str::from_utf8(raw) {
            Ok(s) => {
                let t = s.trim();
                if text::is_plain(t) {
                    return Some(Cow::Borrowed(t));
                }
                let s = text::clean(t);
                if let Some(c) = control(&s) {
                    let msg = msg!(
                        "input-control-character",
                        char = format!("U+{:04X}", c as u32)
                    );
                    batch.problem(at, Some(self.name(col)), "control_character", msg);
                    return None;
                }
                Some(s)
            }
            Err(e) => {
                let msg = msg!(
                    "input-invalid-utf8-field",
                    byte = e.valid_up_to() + 1,
                    offset = rec.offset,
                );
                batch.problem(at, Some(self.name(col)), "invalid_utf8", msg);
                None
            }
        }
    }

    /// Checks one record (not blank) and adds what it gives to the batch.
    pub fn row(&mut self, batch: &mut Batch<'_>, rec: &Record<'_>, at: At) {
        self.rows += 1;
        let width = self.layout.names.len();
        if rec.len() != width {
            let msg = if rec.last_line > rec.line {
                msg!(
                    "input-unclosed-quote",
                    from = rec.line,
                    to = rec.last_line,
                    fields = rec.len(),
                    width = width,
                )
            } else {
                msg!("input-ragged-row", fields = rec.len(), width = width)
            };
            let code = if rec.last_line > rec.line {
                "unclosed_quote"
            } else {
                "ragged_row"
            };
            batch.problem(at, None, code, msg);
            return;
        }
        let Some(set) = self.set(batch, rec, at) else {
            return;
        };
        let Some(member) = self.member(batch, rec, at) else {
            return;
        };
        let Some(product) = self.product(batch, rec, at, set) else {
            return;
        };
        if let Some(c) = self.layout.disqualified
            && !rec.get(c).unwrap_or(b"").trim_ascii().is_empty()
            && let Some(cell) = self.text(batch, rec, c, at)
        {
            match disqualified(&cell) {
                Disqualified::No => {}
                Disqualified::Reason(r) => batch.disqualify(product, r),
                Disqualified::YesWithoutReason => {
                    let msg = msg!(
                        "input-disqualified-without-reason",
                        value = format!("{:?}", text::escape(&cell))
                    );
                    batch.problem(at, Some(self.name(c)), "disqualified_without_reason", msg);
                }
            }
        }
        match self.layout.kind {
            Kind::Wide => self.wide(batch, rec, at, product, set, member),
            Kind::Long { criterion, points } => {
                self.long(batch, rec, at, product, set, member, criterion, points)
            }
        }
    }

    /// The row's product: the one of the row before when the id's bytes are the same, else
    /// looked up, or created with the row's carried values. Carried values are checked.
    fn product(
        &mut self,
        batch: &mut Batch<'_>,
        rec: &Record<'_>,
        at: At,
        set: usize,
    ) -> Option<u32> {
        let raw = rec.get(self.layout.product_id).unwrap_or(b"");
        if let Some((last_set, p)) = self.last_product
            && raw == &self.last_id[..]
            && last_set == set
        {
            self.carry(batch, rec, at, p, true);
            return Some(p);
        }
        let col = self.layout.product_id;
        let id = self.text(batch, rec, col, at)?;
        if id.is_empty() {
            let msg = msg!("input-empty-product-id");
            batch.problem(at, Some(self.name(col)), "empty_product_id", msg);
            return None;
        }
        if id.len() > MAX_ID {
            let msg = msg!("input-product-id-too-long", max = MAX_ID);
            batch.problem(at, Some(self.name(col)), "product_id_too_long", msg);
            return None;
        }
        let set_column = self.layout.set.map(|c| self.layout.names[c].as_str());
        let p = match batch.lookup(&id, set, set_column, at) {
            Lookup::OtherSet => return None,
            Lookup::Found(p) => {
                self.carry(batch, rec, at, p, false);
                p
            }
            Lookup::New => {
                let mut values: Vec<(u32, Cow<str>)> = Vec::with_capacity(self.carried.len());
                for &(c, bc) in &self.carried {
                    if let Some(v) = self.text(batch, rec, c, at)
                        && !v.is_empty()
                    {
                        values.push((bc, v));
                    }
                }
                let refs: Vec<(u32, &str)> = values.iter().map(|(c, v)| (*c, &**v)).collect();
                let p = batch.create(&id, set, &refs, at);
                self.forget_carried();
                p
            }
        };
        self.last_id.clear();
        self.last_id.extend_from_slice(raw);
        self.last_product = Some((set, p));
        Some(p)
    }

    /// Checks a known product's carried values against the row's. `same`: the product is
    /// the last row's, whose raw values are remembered.
    fn carry(&mut self, batch: &mut Batch<'_>, rec: &Record<'_>, at: At, p: u32, same: bool) {
        for (k, &(c, bc)) in self.carried.iter().enumerate() {
            let raw = rec.get(c).unwrap_or(b"");
            // Most rows repeat the last row's values, or the product's, exactly: compare
            // bytes first.
            let last = &mut self.last_carried[k];
            if same && last.0 && last.1 == raw {
                continue;
            }
            if raw.trim_ascii().is_empty()
                || batch.product(p).carried(bc as usize).as_bytes() == raw
            {
                last.0 = true;
                last.1.clear();
                last.1.extend_from_slice(raw);
                continue;
            }
            // Cleaned, then set or found different (a problem): not remembered.
            last.0 = false;
            if let Some(v) = self.text(batch, rec, c, at)
                && !v.is_empty()
            {
                batch.carry(p, bc, self.name(c), &v, at);
            }
        }
    }

    /// A new product: the next row's values are compared with the product's.
    fn forget_carried(&mut self) {
        self.last_carried.iter_mut().for_each(|l| l.0 = false);
    }

    /// The member who scored the row. The few names of a council are remembered by their
    /// bytes, so a row's name is cleaned only the first time.
    fn member(&mut self, batch: &mut Batch<'_>, rec: &Record<'_>, at: At) -> Option<u32> {
        let col = self.layout.assessor;
        let raw = rec.get(col).unwrap_or(b"");
        if let Some(&id) = self.members.get(raw) {
            return Some(id);
        }
        let name = self.text(batch, rec, col, at)?;
        if name.is_empty() {
            let msg = msg!("input-empty-member");
            batch.problem(at, Some(self.name(col)), "empty_member", msg);
            return None;
        }
        let id = batch.member_id(&name);
        self.members.insert(raw.into(), id);
        Some(id)
    }

    /// The row's set: its `set` cell, else `--set`. Unknown and incomplete sets are problems.
    fn set(&mut self, batch: &mut Batch<'_>, rec: &Record<'_>, at: At) -> Option<usize> {
        if let (Some(c), Some((raw, index))) = (self.layout.set, &self.last_set)
            && rec.get(c) == Some(&raw[..])
        {
            return Some(*index);
        }
        let index = self.resolve_set(batch, rec, at)?;
        if let Some(c) = self.layout.set {
            self.last_set = Some((rec.get(c).unwrap_or(b"").into(), index));
        }
        Some(index)
    }

    fn resolve_set(&self, batch: &mut Batch<'_>, rec: &Record<'_>, at: At) -> Option<usize> {
        let edition = batch.edition();
        let cell = match self.layout.set {
            Some(c) => self.text(batch, rec, c, at)?,
            None => Cow::Borrowed(""),
        };
        let column = self.layout.set.map(|c| self.layout.names[c].as_str());
        let index = if cell.is_empty() {
            match (&self.default_set, self.default_index) {
                (Some(_), Some(i)) => i,
                (Some(q), None) => {
                    let msg = msg!("input-unknown-default-set", set = q, edition = edition.id());
                    batch.problem(at, column, "unknown_set", msg);
                    return None;
                }
                (None, _) => {
                    let msg = msg!("input-empty-set");
                    batch.problem(at, column, "empty_set", msg);
                    return None;
                }
            }
        } else {
            match edition.set_index(&cell) {
                Some(i) => i,
                None => {
                    let msg = msg!(
                        "input-unknown-set",
                        value = format!("{:?}", text::escape(&cell)),
                        edition = edition.id(),
                        sets = edition.summaries().len(),
                    );
                    batch.problem(at, column, "unknown_set", msg);
                    return None;
                }
            }
        };
        let set = edition.set_at(index);
        if set.status == SetStatus::Incomplete {
            let msg = msg!(
                "input-incomplete-set",
                set = set.number,
                code = set.code.as_str(),
                edition = edition.id(),
                note = set.status_note.as_deref().unwrap_or_default(),
            );
            batch.problem(at, column, "incomplete_set", msg);
            return None;
        }
        Some(index)
    }

    /// A cell's points for `leaf`: a single allowed digit is read without parsing.
    fn points(
        &self,
        batch: &mut Batch<'_>,
        col: usize,
        at: At,
        raw: &[u8],
        leaf: &Leaf,
    ) -> Option<u32> {
        if let Some(p) = single_digit(raw, leaf.digits) {
            return Some(p);
        }
        let text = String::from_utf8_lossy(raw);
        let (code, msg) = match Points::parse(&text, self.decimal_comma) {
            Ok(p) if leaf.is_allowed(p) => return Some(p.hundredths()),
            Ok(p) => (
                "invalid_score",
                msg!(
                    "input-score-not-allowed",
                    value = p.to_string(),
                    code = leaf.code.as_str(),
                    allowed = leaf.allowed_list(),
                ),
            ),
            Err(e) => {
                let t = format!("{:?}", text::escape(text.trim()));
                let (code, what) = match e {
                    PointsError::Empty => (
                        "empty_score",
                        msg!("input-score-empty", code = leaf.code.as_str()),
                    ),
                    PointsError::Negative => {
                        ("invalid_score", msg!("input-score-negative", value = t))
                    }
                    PointsError::NotANumber => {
                        ("invalid_score", msg!("input-score-not-a-number", value = t))
                    }
                    PointsError::TooPrecise => {
                        ("invalid_score", msg!("input-score-too-precise", value = t))
                    }
                    PointsError::TooLarge => {
                        ("invalid_score", msg!("input-score-too-large", value = t))
                    }
                };
                (
                    code,
                    msg!(
                        "input-score-allowed",
                        what = what,
                        allowed = leaf.allowed_list()
                    ),
                )
            }
        };
        batch.problem(at, Some(self.name(col)), code, msg);
        None
    }

    fn wide(
        &mut self,
        batch: &mut Batch<'_>,
        rec: &Record<'_>,
        at: At,
        product: u32,
        set_index: usize,
        member: u32,
    ) {
        let set = batch.edition().set_at(set_index);
        if self.layout.prepare_set(set_index, set) {
            let missing = &self.layout.set_columns(set_index).missing;
            if !missing.is_empty() {
                batch.missing_columns(set_index, at, missing.join(", "));
            }
        }
        let mut points = std::mem::take(&mut self.points);
        points.clear();
        let cols = self.layout.set_columns(set_index);
        let mut ok = cols.missing.is_empty();
        for (k, (col, &digits)) in cols.leaves.iter().zip(&cols.digits).enumerate() {
            let Some(col) = *col else {
                points.push(0);
                continue;
            };
            let raw = rec.get(col).unwrap_or(b"");
            // A single allowed digit, the cell of nearly every sheet, checked against the
            // set's digit masks (without reading the criterion).
            if let Some(p) = single_digit(raw, digits) {
                points.push(p);
                continue;
            }
            match self.points(batch, col, at, raw, &set.leaves[k]) {
                Some(p) => points.push(p),
                None => {
                    ok = false;
                    points.push(0);
                }
            }
        }
        // A criterion that applies only when another scores above 0 ("Chỉ áp dụng khi có
        // câu chuyện sản phẩm": 5.2 needs 5.1).
        let cols = self.layout.set_columns(set_index);
        for &(i, j) in &cols.conditions {
            if points[i] > 0
                && points[j] == 0
                && let Some(col) = cols.leaves[i]
            {
                let msg = conditional(set, i, j);
                batch.problem(
                    at,
                    Some(&self.layout.names[col]),
                    "criterion_not_applicable",
                    msg,
                );
                ok = false;
            }
        }
        let cols = self.layout.set_columns(set_index);
        for &col in &cols.foreign {
            if !rec.get(col).unwrap_or(b"").trim_ascii().is_empty() {
                let msg = foreign_criterion(set, &self.layout.names[col]);
                batch.problem(at, Some(&self.layout.names[col]), "foreign_criterion", msg);
                ok = false;
            }
        }
        if ok
            && let Some(c) = self.layout.total
            && !rec.get(c).unwrap_or(b"").trim_ascii().is_empty()
        {
            let sum = Points(points.iter().fold(0u32, |a, &b| a.saturating_add(b)));
            let raw = String::from_utf8_lossy(rec.get(c).unwrap_or(b""));
            let msg = match Points::parse(&raw, self.decimal_comma) {
                Ok(t) if t == sum => None,
                Ok(t) => Some(msg!(
                    "input-total-differs",
                    total = t.to_string(),
                    sum = sum.to_string()
                )),
                Err(_) => Some(msg!(
                    "input-total-not-a-number",
                    value = format!("{:?}", text::escape(raw.trim())),
                    sum = sum.to_string(),
                )),
            };
            if let Some(msg) = msg {
                batch.problem(at, Some(self.name(c)), "total_differs", msg);
                ok = false;
            }
        }
        if !ok {
            points.iter_mut().for_each(|p| *p = 0);
        }
        // Even a sheet with problems is added, so that a second sheet of the member is found.
        batch.add_sheet(
            product,
            member,
            &points,
            &self.layout.names[self.layout.assessor],
            at,
        );
        self.points = points;
    }

    #[allow(clippy::too_many_arguments)]
    fn long(
        &self,
        batch: &mut Batch<'_>,
        rec: &Record<'_>,
        at: At,
        product: u32,
        set_index: usize,
        member: u32,
        criterion: usize,
        points_col: usize,
    ) {
        let set = batch.edition().set_at(set_index);
        let Some(code) = self.text(batch, rec, criterion, at) else {
            return;
        };
        let column = self.name(criterion);
        let key = code.to_lowercase();
        let Some(leaf) = set.leaves.iter().position(|x| x.code.to_lowercase() == key) else {
            let msg = if code.is_empty() {
                msg!("input-empty-criterion")
            } else if let Some(parent) = set
                .criteria()
                .into_iter()
                .find(|c| c.code.to_lowercase() == key)
            {
                msg!(
                    "input-parent-criterion-row",
                    parent = &*code,
                    set = set.number,
                    code = set.code.as_str(),
                    subs = parent
                        .sub
                        .iter()
                        .map(|s| s.code.as_str())
                        .collect::<Vec<_>>()
                        .join(", "),
                )
            } else {
                msg!(
                    "input-unknown-criterion",
                    value = format!("{:?}", text::escape(&code)),
                    set = set.number,
                    code = set.code.as_str(),
                )
            };
            batch.problem(at, Some(column), "unknown_criterion", msg);
            return;
        };
        let raw = rec.get(points_col).unwrap_or(b"");
        let Some(p) = self.points(batch, points_col, at, raw, &set.leaves[leaf]) else {
            return;
        };
        if batch.add_point(product, member, leaf, p, column, at) {
            batch.conditional_point(product, member, leaf, p, self.name(points_col), at);
        }
    }
}

/// Why criterion `i` of `set` may not score while `j` scores 0.
pub(super) fn conditional(set: &CriteriaSet, i: usize, j: usize) -> Message {
    msg!(
        "input-criterion-not-applicable",
        code = set.leaves[i].code.as_str(),
        condition = set.leaves[j].code.as_str(),
        set = set.number,
    )
}

/// Why a criterion column must stay empty in a row of `set`.
fn foreign_criterion(set: &CriteriaSet, column: &str) -> Message {
    let key = column.to_lowercase();
    match set
        .criteria()
        .into_iter()
        .find(|c| c.code.to_lowercase() == key)
    {
        Some(parent) => msg!(
            "input-parent-criterion-cell",
            parent = parent.code.as_str(),
            set = set.number,
            code = set.code.as_str(),
            subs = parent
                .sub
                .iter()
                .map(|s| s.code.as_str())
                .collect::<Vec<_>>()
                .join(", "),
        ),
        None => msg!(
            "input-foreign-criterion",
            set = set.number,
            code = set.code.as_str(),
            column = text::escape(column),
        ),
    }
}

/// A record of spaces and delimiters only: a blank line, skipped.
pub fn is_blank(rec: &Record<'_>) -> bool {
    (0..rec.len()).all(|i| rec.get(i).unwrap_or(b"").trim_ascii().is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_words_do_not_disqualify_and_yes_words_ask_for_a_reason() {
        for no in [
            "", " ", "không", "Không", "KHÔNG", "0", "-", "FALSE", "false", "no", "No",
        ] {
            assert_eq!(disqualified(no), Disqualified::No, "{no:?}");
        }
        for yes in ["có", "Có", "x", "X", "yes", "1", "TRUE"] {
            assert_eq!(disqualified(yes), Disqualified::YesWithoutReason, "{yes:?}");
        }
        assert_eq!(
            disqualified(" Hồ sơ bị loại: giấy chứng nhận hết hạn "),
            Disqualified::Reason("Hồ sơ bị loại: giấy chứng nhận hết hạn")
        );
    }
}
