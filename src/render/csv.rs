//! The ranked export as CSV: stable column names, numbers with two decimals, and text cells
//! that a spreadsheet will not run as formulas.

use std::borrow::Cow;
use std::io::{self, Write};

use crate::parallel::{InTurn, Parallel};
use crate::report::{ProductResult, Report, Status};

/// The columns before the carried ones, in order. Scripts rely on these names.
pub const COLUMNS: &[&str] = &[
    "rank",
    "product_id",
    "product_name",
    "set",
    "assessors",
    "part_a",
    "part_b",
    "part_c",
    "total",
    "band_stars",
    "stars",
    "certified",
    "status",
    "held_back_by",
    "spread_flag",
    "next_star",
    "nominated_5_star",
    "disqualified_reason",
    "set_status",
    "markers_5_met",
];

/// How the CSV is written, and what it carries beyond [`COLUMNS`] and the carried columns.
#[derive(Debug, Clone, Copy, Default)]
pub struct CsvOptions {
    /// Start with a UTF-8 byte-order mark (Excel on Windows).
    pub bom: bool,
    /// Excel on Vietnamese Windows: `;` between fields, a byte-order mark, decimal commas.
    pub excel: bool,
    /// `member_1_name`, `member_1_total`, … for as many members as the most-scored product.
    pub members: bool,
    /// `mean_CODE` for every criterion code of the report's sets (needs a detailed report).
    pub criteria_means: bool,
}

/// Writes the report; `bom` starts the file with a UTF-8 byte-order mark for Excel.
pub fn write(out: &mut dyn Write, report: &Report, bom: bool) -> io::Result<()> {
    write_with(
        out,
        report,
        &CsvOptions {
            bom,
            ..CsvOptions::default()
        },
    )
}

/// The criterion codes of the report's sets, each once, in the order of the sets'
/// sheets (sets by number), for the `mean_CODE` columns.
pub fn criterion_codes<'e>(report: &Report<'e>) -> Vec<&'e str> {
    let mut sets: Vec<&crate::criteria::CriteriaSet> = Vec::new();
    for p in &report.products {
        if !sets.iter().any(|s| std::ptr::eq(*s, p.set)) {
            sets.push(p.set);
        }
    }
    sets.sort_by_key(|s| s.number);
    let mut codes: Vec<&str> = Vec::new();
    for s in sets {
        for l in &s.leaves {
            if !codes.contains(&l.code.as_str()) {
                codes.push(l.code.as_str());
            }
        }
    }
    codes.sort_by(|a, b| natural(a, b));
    codes
}

/// `1.2` before `1.10`, `9` before `10`, parts compared as numbers when both are.
fn natural(a: &str, b: &str) -> std::cmp::Ordering {
    let mut x = a.split('.');
    let mut y = b.split('.');
    loop {
        match (x.next(), y.next()) {
            (None, None) => return std::cmp::Ordering::Equal,
            (None, Some(_)) => return std::cmp::Ordering::Less,
            (Some(_), None) => return std::cmp::Ordering::Greater,
            (Some(p), Some(q)) => {
                let o = match (p.parse::<u32>(), q.parse::<u32>()) {
                    (Ok(m), Ok(n)) => m.cmp(&n),
                    _ => p.cmp(q),
                };
                if o.is_ne() {
                    return o;
                }
            }
        }
    }
}

/// The header: [`COLUMNS`], the optional columns, then the carried columns, a carried name
/// that is already an output column renamed `input_NAME` (and `input_input_NAME`, …).
pub fn header(report: &Report, opts: &CsvOptions) -> Vec<String> {
    let mut h: Vec<String> = COLUMNS.iter().map(|c| c.to_string()).collect();
    if opts.members {
        for i in 1..=max_members(report) {
            h.push(format!("member_{i}_name"));
            h.push(format!("member_{i}_total"));
        }
    }
    if opts.criteria_means {
        h.extend(criterion_codes(report).iter().map(|c| format!("mean_{c}")));
    }
    let carried = super::carried_names_after(&h, &report.carried);
    h.extend(carried);
    h
}

fn max_members(report: &Report) -> usize {
    report
        .products
        .iter()
        .map(|p| p.members.len())
        .max()
        .unwrap_or(0)
}

/// Writes the report with `opts`.
pub fn write_with(out: &mut dyn Write, report: &Report, opts: &CsvOptions) -> io::Result<()> {
    write_in(out, report, opts, &InTurn)
}

/// [`write_with`], the rows of the report's chunks of products (4,096 each: about 1.2 MB of
/// CSV) rendered side by side on the threads `parallel` lends and written in order: the same
/// bytes.
pub fn write_in<P: Parallel>(
    out: &mut dyn Write,
    report: &Report,
    opts: &CsvOptions,
    parallel: &P,
) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(64 * 1024, out);
    if opts.bom || opts.excel {
        out.write_all(b"\xEF\xBB\xBF")?;
    }
    let header = header(report, opts);
    let mut w = writer(opts, &mut out);
    w.write_record(header.iter().map(|c| safe(c).into_owned().into_bytes()))
        .map_err(io_error)?;
    w.flush()?;
    drop(w);
    let layout = Layout {
        members: if opts.members { max_members(report) } else { 0 },
        codes: if opts.criteria_means {
            criterion_codes(report)
        } else {
            Vec::new()
        },
    };
    let mut blocks = report.products.blocks().peekable();
    while blocks.peek().is_some() {
        let jobs: Vec<Box<dyn FnOnce() -> io::Result<Vec<u8>> + Send + '_>> = blocks
            .by_ref()
            .take(parallel.threads().max(1))
            .map(|block| {
                let layout = &layout;
                Box::new(move || rows(block, report, opts, layout))
                    as Box<dyn FnOnce() -> io::Result<Vec<u8>> + Send + '_>
            })
            .collect();
        for rendered in parallel.run(jobs) {
            out.write_all(&rendered?)?;
        }
    }
    out.flush()
}

fn writer<W: Write>(opts: &CsvOptions, out: W) -> csv::Writer<W> {
    csv::WriterBuilder::new()
        .buffer_capacity(64 * 1024)
        .delimiter(if opts.excel { b';' } else { b',' })
        .from_writer(out)
}

/// The optional columns every row has.
struct Layout<'e> {
    /// Members' name and total columns (`--members`).
    members: usize,
    /// Criteria of the `mean_CODE` columns (`--criteria-means`).
    codes: Vec<&'e str>,
}

/// The rows of `products`, as CSV.
fn rows(
    products: &[ProductResult<'_>],
    report: &Report,
    opts: &CsvOptions,
    layout: &Layout<'_>,
) -> io::Result<Vec<u8>> {
    let mut w = writer(opts, Vec::with_capacity(products.len() * 320));
    let mut cells = Cells::default();
    let mut means: Vec<(&str, crate::scoring::Mean)> = Vec::new();
    for p in products {
        cells.clear();
        row(&mut cells, report, p, opts.excel);
        for i in 0..layout.members {
            match p.members.get(i) {
                Some(m) => {
                    cells.put(report.member_name(m.member));
                    let total = crate::scoring::Mean::new(u64::from(m.total), 1);
                    cells.number(total, opts.excel);
                }
                None => {
                    cells.put("");
                    cells.put("");
                }
            }
        }
        if !layout.codes.is_empty() {
            means.clear();
            means.extend(p.criterion_means());
            for code in &layout.codes {
                match means.iter().find(|(c, _)| c == code) {
                    Some((_, m)) => cells.number(*m, opts.excel),
                    None => cells.put(""),
                }
            }
        }
        for i in 0..report.carried.len() {
            cells.put(p.carried(i));
        }
        for c in cells.iter() {
            w.write_field(safe(c).as_bytes()).map_err(io_error)?;
        }
        w.write_record(None::<&[u8]>).map_err(io_error)?;
    }
    w.into_inner().map_err(|e| io::Error::other(e.to_string()))
}

/// One row's cells, their buffers kept from row to row: writing 200,000 rows allocated
/// some twenty strings each (a third of a 1M-row `score --format csv`, perf).
#[derive(Default)]
struct Cells {
    bufs: Vec<String>,
    n: usize,
}

impl Cells {
    fn clear(&mut self) {
        self.n = 0;
    }

    /// The next cell, empty.
    fn next(&mut self) -> &mut String {
        if self.n == self.bufs.len() {
            self.bufs.push(String::new());
        }
        let s = &mut self.bufs[self.n];
        self.n += 1;
        s.clear();
        s
    }

    fn put(&mut self, text: &str) {
        self.next().push_str(text);
    }

    fn int(&mut self, value: impl itoa::Integer) {
        self.put(itoa::Buffer::new().format(value));
    }

    fn flag(&mut self, b: bool) {
        self.put(if b { "true" } else { "false" });
    }

    fn show(&mut self, value: impl std::fmt::Display) {
        use std::fmt::Write as _;
        let _ = write!(self.next(), "{value}");
    }

    /// Points with two decimals; a decimal comma for `--excel`.
    fn number(&mut self, value: impl std::fmt::Display, comma: bool) {
        self.show(value);
        if comma {
            let s = &mut self.bufs[self.n - 1];
            if let Some(i) = s.find('.') {
                s.replace_range(i..i + 1, ",");
            }
        }
    }

    /// Items joined by "; ".
    fn join<T: std::fmt::Display>(&mut self, items: impl IntoIterator<Item = T>) {
        use std::fmt::Write as _;
        let s = self.next();
        for (i, item) in items.into_iter().enumerate() {
            let _ = write!(s, "{}{item}", if i == 0 { "" } else { "; " });
        }
    }

    fn iter(&self) -> impl Iterator<Item = &str> {
        self.bufs[..self.n].iter().map(String::as_str)
    }
}

/// One product's cells, up to the optional and carried columns.
fn row(cells: &mut Cells, r: &Report, p: &ProductResult<'_>, comma: bool) {
    cells.int(p.rank);
    cells.put(p.id());
    cells.put(p.name());
    cells.int(p.set.number);
    cells.int(p.members.len());
    let [a, b, c] = p.parts();
    for m in [a, b, c, p.total] {
        cells.number(m, comma);
    }
    cells.int(p.band.get());
    cells.int(p.stars);
    cells.flag(p.certified);
    cells.put(p.status.as_str());
    cells.join(&p.held_back);
    match p.spread.as_deref() {
        Some(s) => cells.put(&super::spread_text(r, s)),
        None => cells.put(""),
    }
    match p.next_star() {
        Some(n) => cells.show(n),
        None => cells.put(""),
    }
    cells.flag(p.status == Status::Nominated);
    cells.join(p.disqualified());
    cells.put(p.set.status.as_str());
    match p.markers_5_met {
        Some(b) => cells.flag(b),
        None => cells.put(""),
    }
}

/// The I/O error under a CSV writer's error, so a closed pipe is still seen as one.
pub fn io_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

/// A text cell a spreadsheet would read as a formula (`=`, `+`, `-`, `@`, tab, CR first)
/// gets a leading apostrophe; plain numbers are left alone.
pub fn safe(cell: &str) -> Cow<'_, str> {
    let risky = cell.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky && !is_number(cell) {
        Cow::Owned(format!("'{cell}"))
    } else {
        Cow::Borrowed(cell)
    }
}

fn is_number(s: &str) -> bool {
    let digits = s.strip_prefix(['+', '-']).unwrap_or(s);
    let mut seps = 0;
    !digits.is_empty()
        && digits.chars().all(|c| {
            if c == '.' || c == ',' {
                seps += 1;
                seps == 1
            } else {
                c.is_ascii_digit()
            }
        })
        && digits.chars().any(|c| c.is_ascii_digit())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_neutralised_numbers_are_not() {
        assert_eq!(safe("=HYPERLINK(\"x\")"), "'=HYPERLINK(\"x\")");
        assert_eq!(safe("+cmd|' /C calc'!A0"), "'+cmd|' /C calc'!A0");
        assert_eq!(safe("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(safe("\t=1"), "'\t=1");
        assert_eq!(safe("\r=1"), "'\r=1");
        assert_eq!(safe("-5"), "-5");
        assert_eq!(safe("+84.5"), "+84.5");
        assert_eq!(safe("-1,5"), "-1,5");
        assert_eq!(safe("-"), "'-");
        assert_eq!(safe("Trà hoa vàng"), "Trà hoa vàng");
        assert_eq!(safe(""), "");
    }
}
