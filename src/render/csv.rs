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
    if bom {
        out.write_all(b"\xEF\xBB\xBF")?;
    }
    let mut w = csv::Writer::from_writer(out);
    let mut header: Vec<Cow<str>> = COLUMNS.iter().map(|c| Cow::Borrowed(*c)).collect();
    header.extend(report.carried.iter().map(|c| safe(c)));
    w.write_record(header.iter().map(|c| c.as_bytes()))
        .map_err(io_error)?;
    for p in &report.products {
        w.write_record(row(p).iter().map(|c| c.as_bytes()))
            .map_err(io_error)?;
    }
    w.flush()
}

/// The I/O error under a CSV writer's error, so a closed pipe is still seen as one.
pub fn io_error(e: csv::Error) -> io::Error {
    match e.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

fn row(p: &ProductResult) -> Vec<Cow<'_, str>> {
    let o = &p.outcome;
    let joined = |v: Vec<String>| v.join("; ");
    let mut r: Vec<Cow<str>> = vec![
        p.rank.to_string().into(),
        safe(&p.product_id),
        safe(&p.product_name),
        p.set_number.to_string().into(),
        p.members.len().to_string().into(),
        o.parts[0].to_string().into(),
        o.parts[1].to_string().into(),
        o.parts[2].to_string().into(),
        o.total.to_string().into(),
        o.band.get().to_string().into(),
        p.stars.to_string().into(),
        p.certified.to_string().into(),
        p.status.as_str().into(),
        safe(&joined(
            o.held_back.iter().map(ToString::to_string).collect(),
        ))
        .into_owned()
        .into(),
        o.spread
            .as_ref()
            .map(|s| safe(&s.to_string()).into_owned())
            .unwrap_or_default()
            .into(),
        p.next_star()
            .map(|n| n.to_string())
            .unwrap_or_default()
            .into(),
        p.nominated.to_string().into(),
        safe(&p.disqualified.join("; ")).into_owned().into(),
        p.set_status.as_str().into(),
    ];
    r.extend(p.carried.iter().map(|c| safe(c.as_deref().unwrap_or(""))));
    r
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
