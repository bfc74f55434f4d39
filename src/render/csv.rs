//! The ranked export as CSV: stable column names, numbers with two decimals, and text cells
//! that a spreadsheet will not run as formulas.

use std::borrow::Cow;
use std::io::{self, Write};

use crate::report::{ProductResult, Report};
use crate::scoring::{NextStar, Shortfall, Spread};

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
];

/// Writes the report; `bom` starts the file with a UTF-8 byte-order mark for Excel.
pub fn write(out: &mut dyn Write, report: &Report, bom: bool) -> io::Result<()> {
    let mut out = io::BufWriter::with_capacity(64 * 1024, out);
    if bom {
        out.write_all(b"\xEF\xBB\xBF")?;
    }
    let mut w = csv::WriterBuilder::new()
        .buffer_capacity(64 * 1024)
        .from_writer(&mut out);
    let mut header: Vec<Cow<str>> = COLUMNS.iter().map(|c| Cow::Borrowed(*c)).collect();
    header.extend(report.carried.iter().map(|c| safe(c)));
    w.write_record(header.iter().map(|c| c.as_bytes()))
        .map_err(io_error)?;
    w.flush()?;
    drop(w);
    rows(&mut out, report)?;
    out.flush()
}

/// Products per block when rows are rendered by several threads.
const BLOCK: usize = 2048;

/// The rows, in rank order. A large report is rendered in blocks by several threads and
/// written in order: the bytes are the same as one thread's.
fn rows(out: &mut dyn Write, report: &Report) -> io::Result<()> {
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let blocks = report.len().div_ceil(BLOCK);
    if threads < 2 || blocks < 4 {
        for b in 0..blocks {
            out.write_all(&block(report, b))?;
        }
        return Ok(());
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, Vec<u8>)>(threads * 2);
        for _ in 0..threads {
            let (tx, next) = (tx.clone(), &next);
            scope.spawn(move || {
                loop {
                    let b = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    if b >= blocks {
                        break;
                    }
                    if tx.send((b, block(report, b))).is_err() {
                        break; // the writer stopped (a closed pipe)
                    }
                }
            });
        }
        drop(tx);
        // Write blocks in order, holding the few that arrive early.
        let mut pending = std::collections::BTreeMap::new();
        let mut expected = 0;
        for (b, bytes) in rx {
            pending.insert(b, bytes);
            while let Some(bytes) = pending.remove(&expected) {
                out.write_all(&bytes)?;
                expected += 1;
            }
        }
        Ok(())
    })
}

/// Block `b` of the rows (`BLOCK` products from position `b * BLOCK`) as CSV bytes.
fn block(report: &Report, b: usize) -> Vec<u8> {
    let range = b * BLOCK..((b + 1) * BLOCK).min(report.len());
    let mut out = Vec::with_capacity(range.len() * 256);
    let mut buf = String::new();
    for p in report.products_in(range) {
        row(&mut out, &p, &mut buf);
    }
    out
}

/// One product's row.
fn row(out: &mut Vec<u8>, p: &ProductResult<'_>, buf: &mut String) {
    let o = &p.outcome;
    let mut line = Line { out, first: true };
    line.int(p.rank);
    line.text(p.product_id);
    line.text(p.product_name);
    line.int(p.set.number);
    line.int(p.members.len());
    for m in [o.parts[0], o.parts[1], o.parts[2], o.total] {
        line.raw(m.digits(&mut [0; 24]));
    }
    line.int(o.band.get());
    line.int(p.stars);
    line.raw(if p.certified { "true" } else { "false" });
    line.raw(p.status.as_str());
    line.join(buf, &o.held_back);
    line.join(buf, o.spread.as_slice());
    line.join(buf, p.next_star().as_slice());
    line.raw(if p.nominated { "true" } else { "false" });
    line.join(buf, &p.disqualified);
    line.raw(p.set.status.as_str());
    for c in &p.carried {
        line.text(c);
    }
    line.out.push(b'\n');
}

/// A CSV line being written, as the `csv` crate writes one: fields separated by commas and
/// quoted only when they hold a comma, a quote or a line end, quotes doubled.
struct Line<'o> {
    out: &'o mut Vec<u8>,
    first: bool,
}

impl Line<'_> {
    fn next(&mut self) {
        if !self.first {
            self.out.push(b',');
        }
        self.first = false;
    }

    /// A field known to need neither quotes nor neutralising (numbers, fixed words).
    fn raw(&mut self, s: &str) {
        self.next();
        self.out.extend_from_slice(s.as_bytes());
    }

    fn int(&mut self, n: impl itoa::Integer) {
        self.raw(itoa::Buffer::new().format(n));
    }

    /// A text cell: neutralised (see [`safe`]) and quoted when needed.
    fn text(&mut self, s: &str) {
        self.next();
        let s = safe(s);
        let b = s.as_bytes();
        // No early exit: the compiler tests many bytes at a time.
        let quote = b
            .iter()
            .fold(false, |q, c| q | matches!(c, b',' | b'"' | b'\r' | b'\n'));
        if !quote {
            self.out.extend_from_slice(b);
            return;
        }
        self.out.push(b'"');
        for &c in b {
            if c == b'"' {
                self.out.push(b'"');
            }
            self.out.push(c);
        }
        self.out.push(b'"');
    }

    /// Items as one text cell, separated by `; `.
    fn join<T: Cell>(&mut self, buf: &mut String, items: &[T]) {
        buf.clear();
        for (i, item) in items.iter().enumerate() {
            if i > 0 {
                buf.push_str("; ");
            }
            item.write(buf);
        }
        self.text(buf);
    }
}

/// What a text cell is made of, written without `fmt`'s dynamic calls.
trait Cell {
    fn write(&self, out: &mut String);
}

impl Cell for Shortfall<'_> {
    fn write(&self, out: &mut String) {
        let _ = self.write_to(out);
    }
}

impl<T: Cell + ?Sized> Cell for &T {
    fn write(&self, out: &mut String) {
        (**self).write(out);
    }
}

impl Cell for str {
    fn write(&self, out: &mut String) {
        out.push_str(self);
    }
}

impl Cell for NextStar<'_> {
    fn write(&self, out: &mut String) {
        let _ = self.write_to(out);
    }
}

impl Cell for Spread<'_> {
    fn write(&self, out: &mut String) {
        let _ = self.write_to(out);
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

    /// The `csv` crate's bytes for one record of text cells.
    fn csv_crate(cells: &[String]) -> Vec<u8> {
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(cells.iter().map(|c| safe(c).into_owned()))
            .unwrap();
        w.into_inner().unwrap()
    }

    fn line(cells: &[String]) -> Vec<u8> {
        let mut out = Vec::new();
        let mut line = Line {
            out: &mut out,
            first: true,
        };
        for c in cells {
            line.text(c);
        }
        out.push(b'\n');
        out
    }

    #[test]
    fn lines_are_written_as_the_csv_crate_writes_them() {
        let cells: Vec<String> = [
            "Trà hoa vàng Ba Chẽ",
            "a,b",
            "say \"hi\"",
            "two\nlines",
            "cr\r",
            "=1+2",
            "-5",
            "",
            " spaced ",
            "\"",
        ]
        .map(String::from)
        .to_vec();
        assert_eq!(line(&cells), csv_crate(&cells));
        assert_eq!(
            String::from_utf8(line(&cells[1..4])).unwrap(),
            "\"a,b\",\"say \"\"hi\"\"\",\"two\nlines\"\n"
        );
    }

    proptest::proptest! {
        #[test]
        fn any_cells_are_written_as_the_csv_crate_writes_them(
            cells in proptest::collection::vec("[a-z,\"\r\n=+@ \t-]{0,6}|\\PC{0,8}", 2..6)
        ) {
            proptest::prop_assert_eq!(line(&cells), csv_crate(&cells));
        }
    }
}
