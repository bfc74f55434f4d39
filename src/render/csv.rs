//! The ranked export as CSV: stable column names, numbers with two decimals, and text cells
//! that a spreadsheet will not run as formulas.

use std::borrow::Cow;
use std::io::{self, Write};

use crate::report::{ProductResult, Report};

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
            out.write_all(&block(
                report,
                b * BLOCK..((b + 1) * BLOCK).min(report.len()),
            )?)?;
        }
        return Ok(());
    }
    let next = std::sync::atomic::AtomicUsize::new(0);
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<(usize, io::Result<Vec<u8>>)>(threads * 2);
        for _ in 0..threads {
            let (tx, next) = (tx.clone(), &next);
            scope.spawn(move || {
                loop {
                    let b = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                    if b >= blocks {
                        break;
                    }
                    let range = b * BLOCK..((b + 1) * BLOCK).min(report.len());
                    if tx.send((b, block(report, range))).is_err() {
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
                out.write_all(&bytes?)?;
                expected += 1;
            }
        }
        Ok(())
    })
}

/// Some rows of the report as CSV bytes.
fn block(report: &Report, range: std::ops::Range<usize>) -> io::Result<Vec<u8>> {
    let mut w = csv::WriterBuilder::new()
        .buffer_capacity(16 * 1024)
        .from_writer(Vec::with_capacity(range.len() * 200));
    let mut buf = String::new();
    for i in range {
        row(&mut w, &report.product(i), &mut buf).map_err(io_error)?;
    }
    w.into_inner().map_err(|e| io::Error::other(e.to_string()))
}

/// One product's fields, written one by one through a reused buffer.
fn row<W: Write>(
    w: &mut csv::Writer<W>,
    p: &ProductResult<'_>,
    buf: &mut String,
) -> csv::Result<()> {
    use std::fmt::Write as _;
    let o = &p.outcome;
    let mut field = |w: &mut csv::Writer<W>, f: &dyn Fn(&mut String)| {
        buf.clear();
        f(buf);
        w.write_field(safe(buf).as_bytes())
    };
    field(w, &|b| {
        let _ = write!(b, "{}", p.rank);
    })?;
    w.write_field(safe(p.product_id).as_bytes())?;
    w.write_field(safe(p.product_name).as_bytes())?;
    field(w, &|b| {
        let _ = write!(b, "{}", p.set.number);
    })?;
    field(w, &|b| {
        let _ = write!(b, "{}", p.members.len());
    })?;
    for m in [o.parts[0], o.parts[1], o.parts[2], o.total] {
        field(w, &|b| {
            let _ = write!(b, "{m}");
        })?;
    }
    field(w, &|b| {
        let _ = write!(b, "{}", o.band.get());
    })?;
    field(w, &|b| {
        let _ = write!(b, "{}", p.stars);
    })?;
    w.write_field(if p.certified { "true" } else { "false" })?;
    w.write_field(p.status.as_str())?;
    field(w, &|b| {
        for (i, s) in o.held_back.iter().enumerate() {
            let _ = write!(b, "{}{s}", if i > 0 { "; " } else { "" });
        }
    })?;
    field(w, &|b| {
        if let Some(s) = &o.spread {
            let _ = write!(b, "{s}");
        }
    })?;
    field(w, &|b| {
        if let Some(n) = p.next_star() {
            let _ = write!(b, "{n}");
        }
    })?;
    w.write_field(if p.nominated { "true" } else { "false" })?;
    field(w, &|b| {
        for (i, r) in p.disqualified.iter().enumerate() {
            let _ = write!(b, "{}{r}", if i > 0 { "; " } else { "" });
        }
    })?;
    w.write_field(p.set.status.as_str())?;
    for c in &p.carried {
        w.write_field(safe(c).as_bytes())?;
    }
    w.write_record(None::<&[u8]>)
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
