//! The ranked export as CSV: stable column names, numbers with two decimals, and text cells
//! that a spreadsheet will not run as formulas.

use std::borrow::Cow;
use std::io::{self, Write};

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
    let carried = super::carried_names(&report.carried);
    header.extend(carried.iter().map(|c| safe(c)));
    w.write_record(header.iter().map(|c| c.as_bytes()))
        .map_err(io_error)?;
    let mut cells: Vec<String> = Vec::with_capacity(header.len());
    for p in &report.products {
        cells.clear();
        row(&mut cells, report, p);
        for c in &cells {
            w.write_field(safe(c).as_bytes()).map_err(io_error)?;
        }
        w.write_record(None::<&[u8]>).map_err(io_error)?;
    }
    w.flush()?;
    drop(w);
    out.flush()
}

/// One product's cells.
fn row(cells: &mut Vec<String>, r: &Report, p: &ProductResult<'_>) {
    let join = |items: &mut dyn Iterator<Item = String>| items.collect::<Vec<_>>().join("; ");
    cells.push(p.rank.to_string());
    cells.push(p.id().to_string());
    cells.push(p.name().to_string());
    cells.push(p.set.number.to_string());
    cells.push(p.members.len().to_string());
    for m in [p.parts[0], p.parts[1], p.parts[2], p.total] {
        cells.push(m.to_string());
    }
    cells.push(p.band.get().to_string());
    cells.push(p.stars.to_string());
    cells.push(p.certified.to_string());
    cells.push(p.status.as_str().to_string());
    cells.push(join(&mut p.held_back.iter().map(ToString::to_string)));
    cells.push(
        p.spread
            .map(|s| super::spread_text(r, &s))
            .unwrap_or_default(),
    );
    cells.push(p.next_star().map(ToString::to_string).unwrap_or_default());
    cells.push((p.status == Status::Nominated).to_string());
    cells.push(join(&mut p.disqualified.iter().map(|d| d.to_string())));
    cells.push(p.set.status.as_str().to_string());
    cells.push(p.markers_5_met.map(|b| b.to_string()).unwrap_or_default());
    for i in 0..r.carried.len() {
        cells.push(p.carried(i).to_string());
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
