//! The ranked workbook (`ocop score … -o ranked.xlsx`), rendered from the report alone:
//! a ranked sheet, each member's totals per product, and the criterion means per product.
//! Numbers are number cells (two decimals shown), text is always a string cell (a product
//! named `=1+2` stays text), headers and human cells follow `--lang`; every sheet has an
//! autofilter and a frozen header. It computes nothing the report does not hold.
//!
//! The members' and criteria sheets are long (one row per product × member, per product ×
//! criterion), not a column per member: members and criteria differ from product to product
//! (sets, councils that change), and a long list filters, sorts and pivots in any spreadsheet.

use rust_xlsxwriter::{Color, Format, FormatAlign, FormatBorder, Workbook, XlsxError};

use crate::l10n::{Lang, Value, tr, tr_args};
use crate::points::{Points, SCALE};
use crate::report::{ProductResult, Report, Status};
use crate::scoring::Mean;

/// Sheet names, by language.
pub fn sheet_names(lang: Lang) -> [String; 3] {
    [
        tr(lang, "xlsx-sheet-ranking"),
        tr(lang, "xlsx-sheet-members"),
        tr(lang, "xlsx-sheet-criteria"),
    ]
}

/// The whole workbook, as the bytes of an .xlsx file.
pub fn ranked(report: &Report, lang: Lang) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let st = Styles::new();
    let [ranking, members, criteria] = sheet_names(lang);
    ranking_sheet(&mut wb, ranking, report, lang, &st)?;
    members_sheet(&mut wb, members, report, lang, &st)?;
    criteria_sheet(&mut wb, criteria, report, lang, &st)?;
    wb.save_to_buffer()
}

struct Styles {
    header: Format,
    points: Format,
    int: Format,
    stars: Format,
    text: Format,
}

impl Styles {
    fn new() -> Styles {
        Styles {
            header: Format::new()
                .set_bold()
                .set_text_wrap()
                .set_background_color(Color::RGB(0xDDEBF7))
                .set_border_bottom(FormatBorder::Thin),
            points: Format::new().set_num_format("0.00"),
            int: Format::new().set_num_format("0"),
            stars: Format::new()
                .set_align(FormatAlign::Center)
                .set_font_color(Color::RGB(0xB8860B)),
            text: Format::new(),
        }
    }
}

/// One cell of a sheet being written.
enum Cell {
    Text(String),
    Int(f64),
    Points(f64),
    Stars(String),
}

fn mean(m: Mean) -> Cell {
    Cell::Points(m.hundredths() as f64 / f64::from(SCALE))
}

fn hundredths(h: u32) -> Cell {
    Cell::Points(f64::from(h) / f64::from(SCALE))
}

fn text(s: impl Into<String>) -> Cell {
    Cell::Text(s.into())
}

/// The most data rows a sheet holds (Excel's 1,048,576 rows, less the header). A longer
/// list continues on a sheet named "NAME (2)", "NAME (3)", … with the same header.
pub const MAX_ROWS: u32 = 1_048_575;

/// Writes one list to the workbook row by row (constant memory: rows go to a temporary
/// file as they are written, so a large batch does not hold every cell twice), with widths
/// that fit its text, an autofilter and a frozen header, continued on further sheets past
/// [`MAX_ROWS`].
struct SheetWriter<'w> {
    wb: &'w mut Workbook,
    name: String,
    header: Vec<String>,
    frozen_cols: u16,
    /// The current sheet's index in the workbook, and how many of them there are so far.
    index: usize,
    part: u32,
    /// Data rows written to the current sheet, and the most it takes.
    rows: u32,
    max_rows: u32,
    widths: Vec<usize>,
}

impl<'w> SheetWriter<'w> {
    fn new(
        wb: &'w mut Workbook,
        name: String,
        header: Vec<String>,
        frozen_cols: u16,
        st: &Styles,
    ) -> Result<SheetWriter<'w>, XlsxError> {
        let mut w = SheetWriter {
            index: 0,
            part: 0,
            rows: 0,
            max_rows: MAX_ROWS,
            widths: Vec::new(),
            wb,
            name,
            header,
            frozen_cols,
        };
        w.start(st)?;
        Ok(w)
    }

    fn start(&mut self, st: &Styles) -> Result<(), XlsxError> {
        self.part += 1;
        let name = if self.part == 1 {
            self.name.clone()
        } else {
            format!("{} ({})", self.name, self.part)
        };
        let ws = self.wb.add_worksheet_with_constant_memory()?;
        ws.set_name(name)?;
        ws.set_row_height(0, 30)?;
        for (c, h) in self.header.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, h, &st.header)?;
        }
        self.index = self.wb.worksheets().len() - 1;
        self.rows = 0;
        self.widths = self.header.iter().map(|h| longest_word(h)).collect();
        Ok(())
    }

    fn row(&mut self, cells: &[Cell], st: &Styles) -> Result<(), XlsxError> {
        if self.rows == self.max_rows {
            self.finish_sheet()?;
            self.start(st)?;
        }
        self.rows += 1;
        let r = self.rows;
        let ws = self.wb.worksheet_from_index(self.index)?;
        for (c, cell) in cells.iter().enumerate() {
            let col = c as u16;
            let shown = match cell {
                // Always a string cell, never a formula, whatever the text starts with.
                Cell::Text(s) if s.is_empty() => 0,
                Cell::Text(s) => {
                    ws.write_string_with_format(r, col, s, &st.text)?;
                    s.chars().count()
                }
                Cell::Int(n) => {
                    ws.write_number_with_format(r, col, *n, &st.int)?;
                    format!("{n}").len()
                }
                Cell::Points(n) => {
                    ws.write_number_with_format(r, col, *n, &st.points)?;
                    format!("{n:.2}").len()
                }
                Cell::Stars(s) => {
                    ws.write_string_with_format(r, col, s, &st.stars)?;
                    s.chars().count()
                }
            };
            if let Some(w) = self.widths.get_mut(c) {
                *w = (*w).max(shown);
            }
        }
        Ok(())
    }

    fn finish_sheet(&mut self) -> Result<(), XlsxError> {
        let ws = self.wb.worksheet_from_index(self.index)?;
        // Character widths: Vietnamese letters with their marks are as wide as Latin ones in
        // the default fonts; a little room for the filter button, long text capped.
        for (c, w) in self.widths.iter().enumerate() {
            ws.set_column_width(c as u16, (*w as f64 + 3.0).clamp(6.0, 60.0))?;
        }
        let last_col = self.header.len().saturating_sub(1) as u16;
        ws.autofilter(0, 0, self.rows, last_col)?;
        ws.set_freeze_panes(1, self.frozen_cols)?;
        Ok(())
    }

    fn finish(mut self) -> Result<(), XlsxError> {
        self.finish_sheet()
    }
}

/// The longest word of a header, so a wrapped header needs no wider column than that.
fn longest_word(h: &str) -> usize {
    h.split_whitespace()
        .map(|w| w.chars().count())
        .max()
        .unwrap_or(0)
}

fn col(lang: Lang, key: &str) -> String {
    tr(lang, key)
}

/// The status in words: "Đạt 4★", "Đề nghị công nhận 5★", "Trả về tỉnh", …
pub fn status_label(lang: Lang, p: &ProductResult<'_>) -> String {
    match p.status {
        Status::Certified => tr_args(
            lang,
            "status-certified",
            &[("stars", i64::from(p.stars).into())],
        ),
        Status::Nominated => tr(lang, "status-nominated"),
        Status::Returned => tr_args(
            lang,
            "xlsx-status-returned",
            &[("stars", i64::from(p.stars).into())],
        ),
        Status::NotCertified => tr(lang, "status-not-certified"),
        Status::Disqualified => tr(lang, "status-disqualified"),
    }
}

fn points(p: Points) -> Value<'static> {
    Value::from(p.to_string())
}

fn mean_text(m: Mean) -> Value<'static> {
    Value::from(m.to_string())
}

fn held_back(lang: Lang, p: &ProductResult<'_>) -> String {
    p.held_back
        .iter()
        .map(|s| {
            tr_args(
                lang,
                "xlsx-held-back",
                &[
                    ("code", s.code().to_string().into()),
                    ("got", mean_text(s.got())),
                    ("needed", points(s.needed())),
                    ("stars", i64::from(s.stars.get()).into()),
                ],
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

fn next_star(lang: Lang, p: &ProductResult<'_>) -> String {
    let Some(ns) = p.next_star() else {
        return String::new();
    };
    let mut parts = Vec::new();
    if ns.points_short > Points::ZERO {
        let short = Mean::new(u64::from(ns.points_short.hundredths()), 1);
        parts.push(tr_args(
            lang,
            "next-star-points",
            &[("points", mean_text(short))],
        ));
    }
    for m in &ns.markers {
        parts.push(tr_args(
            lang,
            "next-star-marker",
            &[
                ("code", m.code().to_string().into()),
                ("needed", points(m.needed())),
                ("got", mean_text(m.got())),
            ],
        ));
    }
    tr_args(
        lang,
        "next-star",
        &[
            ("stars", i64::from(ns.stars.get()).into()),
            ("what", parts.join("; ").into()),
        ],
    )
}

fn spread(lang: Lang, r: &Report, p: &ProductResult<'_>) -> String {
    let Some(s) = &p.spread else {
        return String::new();
    };
    tr_args(
        lang,
        "xlsx-spread",
        &[
            ("spread", points(s.spread)),
            ("limit", points(s.limit)),
            ("high", r.member_name(s.highest.0).to_string().into()),
            ("highpoints", points(s.highest.1)),
            ("low", r.member_name(s.lowest.0).to_string().into()),
            ("lowpoints", points(s.lowest.1)),
        ],
    )
}

fn ranking_sheet(
    wb: &mut Workbook,
    name: String,
    r: &Report,
    lang: Lang,
    st: &Styles,
) -> Result<(), XlsxError> {
    let mut header: Vec<String> = ["xlsx-col-rank", "xlsx-col-id", "xlsx-col-name"]
        .map(|k| col(lang, k))
        .to_vec();
    header.extend(r.carried.iter().cloned());
    header.extend(
        [
            "xlsx-col-set",
            "xlsx-col-members",
            "xlsx-col-part-a",
            "xlsx-col-part-b",
            "xlsx-col-part-c",
            "xlsx-col-total",
            "xlsx-col-stars",
            "xlsx-col-stars-shown",
            "xlsx-col-status-code",
            "xlsx-col-status",
            "xlsx-col-held-back",
            "xlsx-col-next-star",
            "xlsx-col-spread",
            "xlsx-col-disqualified",
        ]
        .map(|k| col(lang, k)),
    );
    let mut w = SheetWriter::new(wb, name, header, 2, st)?;
    let mut row = Vec::new();
    for p in &r.products {
        row.clear();
        row.extend([Cell::Int(f64::from(p.rank)), text(p.id()), text(p.name())]);
        row.extend((0..r.carried.len()).map(|i| text(p.carried(i))));
        let [a, b, c] = p.parts();
        row.extend([
            Cell::Int(f64::from(p.set.number)),
            Cell::Int(p.members.len() as f64),
            mean(a),
            mean(b),
            mean(c),
            mean(p.total),
            Cell::Int(f64::from(p.stars)),
            Cell::Stars(super::stars(p.stars, false)),
            text(p.status.as_str()),
            text(status_label(lang, p)),
            text(held_back(lang, p)),
            text(next_star(lang, p)),
            text(spread(lang, r, p)),
            text(
                p.disqualified()
                    .iter()
                    .map(|d| d.as_ref())
                    .collect::<Vec<_>>()
                    .join("; "),
            ),
        ]);
        w.row(&row, st)?;
    }
    w.finish()
}

fn members_sheet(
    wb: &mut Workbook,
    name: String,
    r: &Report,
    lang: Lang,
    st: &Styles,
) -> Result<(), XlsxError> {
    let header = [
        "xlsx-col-rank",
        "xlsx-col-id",
        "xlsx-col-name",
        "xlsx-col-set",
        "xlsx-col-member",
        "xlsx-col-member-total",
        "xlsx-col-part-a",
        "xlsx-col-part-b",
        "xlsx-col-part-c",
    ]
    .map(|k| col(lang, k))
    .to_vec();
    let mut w = SheetWriter::new(wb, name, header, 2, st)?;
    for p in &r.products {
        for m in &p.members {
            w.row(
                &[
                    Cell::Int(f64::from(p.rank)),
                    text(p.id()),
                    text(p.name()),
                    Cell::Int(f64::from(p.set.number)),
                    text(r.member_name(m.member)),
                    hundredths(m.total),
                    hundredths(m.parts[0]),
                    hundredths(m.parts[1]),
                    hundredths(m.parts[2]),
                ],
                st,
            )?;
        }
    }
    w.finish()
}

fn criteria_sheet(
    wb: &mut Workbook,
    name: String,
    r: &Report,
    lang: Lang,
    st: &Styles,
) -> Result<(), XlsxError> {
    let header = [
        "xlsx-col-rank",
        "xlsx-col-id",
        "xlsx-col-name",
        "xlsx-col-set",
        "xlsx-col-criterion",
        "xlsx-col-criterion-title",
        "xlsx-col-max",
        "xlsx-col-mean",
    ]
    .map(|k| col(lang, k))
    .to_vec();
    let mut w = SheetWriter::new(wb, name, header, 2, st)?;
    for p in &r.products {
        for ((code, m), leaf) in p.criterion_means().zip(&p.set.leaves) {
            let title = p.set.criterion(code).map_or("", |c| c.title.as_str());
            w.row(
                &[
                    Cell::Int(f64::from(p.rank)),
                    text(p.id()),
                    text(p.name()),
                    Cell::Int(f64::from(p.set.number)),
                    text(code),
                    text(title),
                    hundredths(leaf.max.hundredths()),
                    mean(m),
                ],
                st,
            )?;
        }
    }
    w.finish()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A list longer than a sheet continues on "NAME (2)", … each with the header, its
    /// autofilter and frozen panes.
    #[test]
    fn long_lists_continue_on_further_sheets() {
        let mut wb = Workbook::new();
        let st = Styles::new();
        let header = vec!["A".to_string(), "B".to_string()];
        let mut w = SheetWriter::new(&mut wb, "List".into(), header, 1, &st).unwrap();
        w.max_rows = 2;
        for i in 0..5 {
            w.row(&[Cell::Int(f64::from(i)), text(format!("=row {i}"))], &st)
                .unwrap();
        }
        w.finish().unwrap();
        let names: Vec<String> = wb.worksheets().iter().map(|ws| ws.name()).collect();
        assert_eq!(names, ["List", "List (2)", "List (3)"]);
        assert!(wb.save_to_buffer().unwrap().starts_with(b"PK"));
    }
}
