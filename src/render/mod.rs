//! Renderers: turn a model (a criteria set, a scoring report) into text. They compute
//! nothing of their own and write to any `io::Write`; choosing stdout or a file is the
//! binary's job.

pub mod criteria;
pub mod csv;
pub mod html;
pub mod json;
pub mod report;
pub mod xlsx;

use comfy_table::{ContentArrangement, Table, presets};

/// How tables are drawn.
#[derive(Debug, Clone, Copy)]
pub struct TableStyle {
    /// Total width in terminal columns.
    pub width: u16,
    /// ASCII borders and star signs instead of Unicode box drawing and ★.
    pub ascii: bool,
}

impl TableStyle {
    /// A list table: horizontal rules between rows (wrapped names stay readable), no
    /// vertical borders, one space between columns, so that ten columns fit 80 characters.
    pub fn list_table(&self) -> Table {
        let mut t = Table::new();
        t.load_style(if self.ascii {
            presets::ASCII_HORIZONTAL_ONLY
        } else {
            presets::UTF8_HORIZONTAL_ONLY
        });
        t.set_content_arrangement(ContentArrangement::Dynamic);
        t.set_width(self.width);
        t.force_no_tty();
        t
    }

    /// A table that wraps its cells to fit `width`.
    pub fn table(&self) -> Table {
        let mut t = Table::new();
        if self.ascii {
            t.load_style(presets::ASCII_FULL_CONDENSED);
        } else {
            t.load_style(presets::UTF8_FULL_CONDENSED.with_rounded_corners());
        }
        t.set_content_arrangement(ContentArrangement::Dynamic);
        t.set_width(self.width);
        t.force_no_tty();
        t
    }
}

/// The decision's marker sign for a star level: `***`, `****`, `*****`.
pub fn marker(stars: crate::criteria::Stars) -> String {
    "*".repeat(usize::from(stars.get()))
}

/// Stars as glyphs: `★★★☆☆`, or `***--` in ASCII.
pub fn stars(n: u8, ascii: bool) -> String {
    let (full, empty) = if ascii { ('*', '-') } else { ('★', '☆') };
    let n = usize::from(n.min(5));
    std::iter::repeat_n(full, n)
        .chain(std::iter::repeat_n(empty, 5 - n))
        .collect()
}

/// A table, without the trailing spaces comfy-table pads lines with.
pub fn write_table(out: &mut dyn std::io::Write, t: &Table) -> std::io::Result<()> {
    for line in t.lines() {
        writeln!(out, "{}", line.trim_end())?;
    }
    Ok(())
}

/// Prose wrapped to the table's width, continuation lines indented.
pub fn paragraph(
    out: &mut dyn std::io::Write,
    text: &str,
    style: TableStyle,
) -> std::io::Result<()> {
    let opts = textwrap::Options::new(usize::from(style.width)).subsequent_indent("  ");
    for line in textwrap::wrap(text, opts) {
        writeln!(out, "{line}")?;
    }
    Ok(())
}

/// The names carried input columns get in the CSV and JSON exports: a name that is also an
/// output column (`rank`, `stars`, `status`, … any of [`csv::COLUMNS`], compared
/// case-insensitively) becomes `input_<name>`, so no header says the same thing twice.
pub fn carried_names(carried: &[String]) -> Vec<String> {
    let columns: Vec<String> = csv::COLUMNS.iter().map(|c| c.to_string()).collect();
    carried_names_after(&columns, carried)
}

/// The carried columns' names after `columns` (the output's own), renamed as
/// [`carried_names`] does.
pub fn carried_names_after(columns: &[String], carried: &[String]) -> Vec<String> {
    let key = |s: &str| crate::input::clean(s).to_lowercase();
    let mut taken: Vec<String> = columns.iter().map(|c| key(c)).collect();
    let mut out = Vec::with_capacity(carried.len());
    for name in carried {
        let mut n = name.clone();
        while taken.contains(&key(&n)) {
            n = format!("input_{n}");
        }
        taken.push(key(&n));
        out.push(n);
    }
    out
}

/// "spread 12 > 10: highest Lê Thị Hoa 88, lowest Trần Văn Nam 76".
pub fn spread_text(r: &crate::report::Report, s: &crate::scoring::Spread) -> String {
    format!(
        "spread {} > {}: highest {} {}, lowest {} {}",
        s.spread,
        s.limit,
        crate::input::escape_all(r.member_name(s.highest.0)),
        s.highest.1,
        crate::input::escape_all(r.member_name(s.lowest.0)),
        s.lowest.1
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn carried_names_that_are_output_columns_are_renamed() {
        let carried: Vec<String> = ["producer", "Stars", "rank", "input_rank", "status"]
            .map(String::from)
            .to_vec();
        assert_eq!(
            super::carried_names(&carried),
            [
                "producer",
                "input_Stars",
                "input_rank",
                "input_input_rank",
                "input_status"
            ]
        );
    }
}
