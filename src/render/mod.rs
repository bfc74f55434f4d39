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
    /// The language of headers, statuses and prose.
    pub lang: crate::l10n::Lang,
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

/// "spread 12 > 10: highest Lê Thị Hoa 88, lowest Trần Văn Nam 76", in `lang`.
pub fn spread_text_in(
    r: &crate::report::Report,
    s: &crate::scoring::Spread,
    lang: crate::l10n::Lang,
) -> String {
    crate::l10n::tr_args(
        lang,
        "spread-detail",
        &[
            ("spread", s.spread.to_string().into()),
            ("limit", s.limit.to_string().into()),
            (
                "high",
                crate::input::escape_all(r.member_name(s.highest.0))
                    .into_owned()
                    .into(),
            ),
            ("highpoints", s.highest.1.to_string().into()),
            (
                "low",
                crate::input::escape_all(r.member_name(s.lowest.0))
                    .into_owned()
                    .into(),
            ),
            ("lowpoints", s.lowest.1.to_string().into()),
        ],
    )
}

/// "1.5 got 1.40, needs 2 for 4★", in `lang`.
pub fn shortfall_text(s: &crate::scoring::Shortfall, lang: crate::l10n::Lang) -> String {
    crate::l10n::tr_args(
        lang,
        "marker-shortfall",
        &[
            ("code", s.code().to_string().into()),
            ("got", s.got().to_string().into()),
            ("needed", s.needed().to_string().into()),
            ("stars", s.stars.get().into()),
        ],
    )
}

/// "4★: +3.40 points; 1.5 needs 2 (got 1.40)", in `lang`.
pub fn next_star_text(n: &crate::scoring::NextStar, lang: crate::l10n::Lang) -> String {
    use crate::l10n::tr_args;
    let mut parts = Vec::new();
    if n.points_short > crate::points::Points::ZERO {
        let short = crate::scoring::Mean::new(u64::from(n.points_short.hundredths()), 1);
        parts.push(tr_args(
            lang,
            "next-points",
            &[("points", short.to_string().into())],
        ));
    }
    for m in &n.markers {
        parts.push(tr_args(
            lang,
            "next-marker",
            &[
                ("code", m.code().to_string().into()),
                ("needed", m.needed().to_string().into()),
                ("got", m.got().to_string().into()),
            ],
        ));
    }
    format!("{}★: {}", n.stars, parts.join("; "))
}

/// The report's notices in `lang` (the JSON keeps [`crate::report::Report::notices`] in
/// English): a set that could not be checked against the decision's text.
pub fn notices(r: &crate::report::Report, lang: crate::l10n::Lang) -> Vec<String> {
    let mut sets: Vec<&crate::criteria::CriteriaSet> = r
        .products
        .iter()
        .map(|p| p.set)
        .filter(|s| s.status == crate::criteria::SetStatus::Unverified)
        .collect();
    sets.sort_by_key(|s| s.number);
    sets.dedup_by_key(|s| s.number);
    sets.into_iter()
        .map(|s| {
            crate::l10n::tr_args(
                lang,
                "notice-unverified",
                &[
                    ("set", s.number.into()),
                    ("code", s.code.clone().into()),
                    ("edition", r.edition.id().to_string().into()),
                    ("note", s.status_note.clone().unwrap_or_default().into()),
                ],
            )
        })
        .collect()
}

/// "spread 12 > 10: highest Lê Thị Hoa 88, lowest Trần Văn Nam 76" (English: the CSV
/// export's `spread` column).
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
