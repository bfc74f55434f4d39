//! The fill-in workbook of a round (`ocop template … -o round.xlsx`): one sheet per set with
//! the wide layout `ocop score` reads, a dropdown of exactly the allowed points in every
//! criterion cell, a total formula per row, and a "Tiêu chí" sheet listing the criteria.
//!
//! Row 1 of a set's sheet is the machine header (`product_id`, …, criterion codes, `total`,
//! `disqualified`), so the sheet saved as CSV is an assessment file; the criteria's names and
//! maxima are cell notes on that header, never a second header row. Text is always written as
//! a string, never as a formula, whatever it starts with.

use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, Format, FormatAlign, FormatBorder, Formula,
    Note, Workbook, Worksheet, XlsxError, utility::column_number_to_name,
};

use crate::criteria::{CriteriaSet, Criterion, Stars};
use crate::points::{Points, SCALE};

/// The rows of a round, sheet by sheet.
#[derive(Debug, Clone, Default)]
pub struct Round<'a> {
    /// Names of the products file's other columns (producer, commune, …), carried into every
    /// sheet between `product_name` and `set`.
    pub carried: Vec<String>,
    pub sheets: Vec<SetRows<'a>>,
}

/// One set's sheet: its criteria and the rows to pre-fill.
#[derive(Debug, Clone)]
pub struct SetRows<'a> {
    pub set: &'a CriteriaSet,
    pub rows: Vec<Row>,
}

/// One member's row for one product; empty strings leave a cell blank.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Row {
    pub product_id: String,
    pub product_name: String,
    /// Values of [`Round::carried`], in that order.
    pub carried: Vec<String>,
    pub assessor: String,
}

/// The name of a set's sheet: "Bộ 6" (well inside Excel's 31 characters, no `[]:*?/\`).
pub fn sheet_name(set: &CriteriaSet) -> String {
    format!("Bộ {}", set.number)
}

/// Name of the sheet listing the criteria.
pub const CRITERIA_SHEET: &str = "Tiêu chí";

/// The column names of a set's sheet, in order (row 1).
pub fn header<'s>(round: &'s Round<'_>, set: &'s CriteriaSet) -> Vec<&'s str> {
    let mut h = vec!["product_id", "product_name"];
    h.extend(round.carried.iter().map(String::as_str));
    h.extend(["set", "assessor"]);
    h.extend(set.leaves.iter().map(|l| l.code.as_str()));
    h.extend(["total", "disqualified"]);
    h
}

/// The whole workbook, as the bytes of an .xlsx file.
pub fn write(round: &Round<'_>) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let styles = Styles::new();
    for sheet in &round.sheets {
        let ws = wb.add_worksheet();
        set_sheet(ws, round, sheet, &styles)?;
    }
    let ws = wb.add_worksheet();
    criteria_sheet(ws, round, &styles)?;
    wb.save_to_buffer()
}

struct Styles {
    header: Format,
    code: Format,
    text: Format,
    centre: Format,
    total: Format,
    title: Format,
    bold: Format,
    wrap: Format,
}

impl Styles {
    fn new() -> Styles {
        let header = Format::new()
            .set_bold()
            .set_background_color(Color::RGB(0xDDEBF7))
            .set_border_bottom(FormatBorder::Thin);
        Styles {
            code: header.clone().set_align(FormatAlign::Center),
            header,
            text: Format::new().set_num_format("@"),
            centre: Format::new().set_align(FormatAlign::Center),
            total: Format::new()
                .set_bold()
                .set_background_color(Color::RGB(0xF2F2F2)),
            title: Format::new().set_bold().set_font_size(13),
            bold: Format::new().set_bold().set_text_wrap(),
            wrap: Format::new().set_text_wrap(),
        }
    }
}

fn number(p: Points) -> f64 {
    f64::from(p.hundredths()) / f64::from(SCALE)
}

fn stars(s: Stars) -> String {
    "*".repeat(usize::from(s.get()))
}

/// Cuts `s` to at most `max` characters, with an ellipsis when cut.
fn cut(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(max - 1).collect();
        t.push('…');
        t
    }
}

fn set_sheet(
    ws: &mut Worksheet,
    round: &Round<'_>,
    sheet: &SetRows<'_>,
    st: &Styles,
) -> Result<(), XlsxError> {
    let set = sheet.set;
    ws.set_name(sheet_name(set))?;
    let header = header(round, set);
    let carried = round.carried.len() as u16;
    let set_col = 2 + carried;
    let assessor_col = set_col + 1;
    let first = assessor_col + 1;
    let last = first + set.leaves.len() as u16 - 1;
    let total_col = last + 1;
    let disq_col = total_col + 1;

    for (c, name) in header.iter().enumerate() {
        let c = c as u16;
        let f = if (first..=last).contains(&c) {
            &st.code
        } else {
            &st.header
        };
        ws.write_string_with_format(0, c, *name, f)?;
    }
    // Widths in characters: names and members wide, criteria narrow.
    ws.set_column_width(0, 14)?;
    ws.set_column_width(1, 30)?;
    for c in 0..carried {
        ws.set_column_width(2 + c, 26)?;
    }
    ws.set_column_width(set_col, 5)?;
    ws.set_column_width(assessor_col, 22)?;
    for (i, leaf) in set.leaves.iter().enumerate() {
        ws.set_column_width(first + i as u16, (leaf.code.len() as f64 + 2.5).max(5.5))?;
    }
    ws.set_column_width(total_col, 7)?;
    ws.set_column_width(disq_col, 28)?;

    let notes = [
        (0, "Mã sản phẩm (product_id)".to_string()),
        (1, "Tên sản phẩm".to_string()),
        (set_col, format!("Bộ tiêu chí {}", set.title())),
        (assessor_col, "Thành viên hội đồng chấm điểm".to_string()),
        (
            total_col,
            "Tổng điểm của thành viên (công thức, tự tính)".to_string(),
        ),
        (
            disq_col,
            "Ghi lý do nếu hồ sơ bị loại; để trống nếu không".to_string(),
        ),
    ];
    for (c, text) in notes {
        ws.insert_note(0, c, &note(text, 220, 60))?;
    }
    for (i, leaf) in set.leaves.iter().enumerate() {
        let col = first + i as u16;
        let title = set
            .criterion(&leaf.code)
            .map_or("", |c: &Criterion| c.title.as_str());
        let text = format!(
            "{} {}\nTối đa {} điểm\nĐiểm: {}",
            leaf.code,
            cut(title, 200),
            leaf.max,
            leaf.allowed_list()
        );
        ws.insert_note(0, col, &note(text, 280, 110))?;
    }

    let rows = sheet.rows.len().max(1) as u32;
    for (r, row) in sheet.rows.iter().enumerate() {
        let r = r as u32 + 1;
        text(ws, r, 0, &row.product_id, st)?;
        text(ws, r, 1, &row.product_name, st)?;
        for (c, v) in row.carried.iter().enumerate() {
            text(ws, r, 2 + c as u16, v, st)?;
        }
        text(ws, r, assessor_col, &row.assessor, st)?;
    }
    for r in 1..=rows {
        ws.write_number_with_format(r, set_col, f64::from(set.number), &st.centre)?;
        let formula = format!(
            "=SUM({}{}:{}{})",
            column_number_to_name(first),
            r + 1,
            column_number_to_name(last),
            r + 1
        );
        ws.write_formula_with_format(
            r,
            total_col,
            Formula::new(formula).set_result("0"),
            &st.total,
        )?;
        ws.write_blank(r, disq_col, &st.text)?;
    }
    for (i, leaf) in set.leaves.iter().enumerate() {
        let col = first + i as u16;
        let values: Vec<String> = leaf.allowed.iter().map(Points::to_string).collect();
        let list = values.join(", ");
        let dv = DataValidation::new()
            .allow_list_strings(&values)?
            .set_input_title(cut(&leaf.code, 32))?
            .set_input_message(format!("Tối đa {}. Điểm: {list}", leaf.max))?
            .set_error_style(DataValidationErrorStyle::Stop)
            .set_error_title("Điểm không hợp lệ")?
            .set_error_message(format!("Tiêu chí {} chỉ nhận: {list}", leaf.code))?;
        ws.add_data_validation(1, col, rows, col, &dv)?;
    }
    ws.set_freeze_panes(1, first)?;
    ws.autofilter(0, 0, rows, disq_col)?;
    // Printed for the meeting: A4 landscape, one page wide, the header on every page.
    ws.set_paper_size(9)
        .set_landscape()
        .set_print_fit_to_pages(1, 0)
        .set_print_gridlines(true)
        .set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3)
        .set_header(format!("&L&BBộ {}", set.title().replace('&', "&&")))
        .set_footer("&RTrang &P/&N");
    ws.set_repeat_rows(0, 0)?;
    Ok(())
}

/// A text cell, always a string (a name starting with `=` stays text); blank when empty.
fn text(ws: &mut Worksheet, r: u32, c: u16, v: &str, st: &Styles) -> Result<(), XlsxError> {
    if v.is_empty() {
        ws.write_blank(r, c, &st.text)?;
    } else {
        ws.write_string_with_format(r, c, v, &st.text)?;
    }
    Ok(())
}

fn note(text: String, width: u32, height: u32) -> Note {
    Note::new(text)
        .add_author_prefix(false)
        .set_width(width)
        .set_height(height)
}

/// The "Tiêu chí" sheet: every set of the round, its parts, sections, criteria and options,
/// with points and star markers.
fn criteria_sheet(ws: &mut Worksheet, round: &Round<'_>, st: &Styles) -> Result<(), XlsxError> {
    ws.set_name(CRITERIA_SHEET)?;
    let head = [
        "Bộ",
        "Mã",
        "Tiêu chí / mức đánh giá",
        "Tối đa",
        "Điểm",
        "Hạng sao tối thiểu",
    ];
    for (c, h) in head.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, *h, &st.header)?;
    }
    ws.set_column_width(0, 5)?;
    ws.set_column_width(1, 8)?;
    ws.set_column_width(2, 80)?;
    ws.set_column_width(3, 7)?;
    ws.set_column_width(4, 14)?;
    ws.set_column_width(5, 10)?;
    ws.set_freeze_panes(1, 0)?;
    let mut r = 1u32;
    for sheet in &round.sheets {
        let set = sheet.set;
        let n = f64::from(set.number);
        ws.write_number(r, 0, n)?;
        ws.write_string_with_format(
            r,
            2,
            format!("Bộ {} ({}) {}", set.number, set.code, set.name),
            &st.title,
        )?;
        r += 1;
        for part in &set.parts {
            ws.write_number(r, 0, n)?;
            ws.write_string_with_format(r, 1, &part.id, &st.bold)?;
            ws.write_string_with_format(r, 2, &part.title, &st.bold)?;
            ws.write_number(r, 3, number(part.max))?;
            r += 1;
            for sec in &part.sections {
                if sec.direct {
                    criterion(ws, &mut r, set, &sec.criteria[0], st)?;
                    continue;
                }
                ws.write_number(r, 0, n)?;
                ws.write_string_with_format(r, 1, &sec.code, &st.bold)?;
                ws.write_string_with_format(r, 2, &sec.title, &st.bold)?;
                ws.write_number(r, 3, number(sec.max))?;
                r += 1;
                for c in &sec.criteria {
                    criterion(ws, &mut r, set, c, st)?;
                }
            }
        }
        for note in &set.notes {
            ws.write_number(r, 0, n)?;
            ws.write_string_with_format(r, 2, note, &st.wrap)?;
            r += 1;
        }
        r += 1;
    }
    ws.autofilter(0, 0, r.saturating_sub(1).max(1), 5)?;
    Ok(())
}

/// A criterion's row (its allowed points when it is scored), then one row per option.
fn criterion(
    ws: &mut Worksheet,
    r: &mut u32,
    set: &CriteriaSet,
    c: &Criterion,
    st: &Styles,
) -> Result<(), XlsxError> {
    let n = f64::from(set.number);
    ws.write_number(*r, 0, n)?;
    ws.write_string_with_format(*r, 1, &c.code, &st.bold)?;
    ws.write_string_with_format(*r, 2, &c.title, &st.bold)?;
    ws.write_number(*r, 3, number(c.max))?;
    if let Some(leaf) = set.leaf_index(&c.code).map(|i| &set.leaves[i]) {
        ws.write_string(*r, 4, leaf.allowed_list())?;
    }
    if let Some(s) = c.min_star {
        ws.write_string(*r, 5, stars(s))?;
    }
    *r += 1;
    for o in &c.options {
        ws.write_number(*r, 0, n)?;
        let label = match &o.case {
            Some(case) => format!("[{case}] {}", o.label),
            None => o.label.clone(),
        };
        ws.write_string_with_format(*r, 2, format!("□ {label}"), &st.wrap)?;
        ws.write_number(*r, 4, number(o.points))?;
        if let Some(s) = o.min_star {
            ws.write_string(*r, 5, stars(s))?;
        }
        *r += 1;
    }
    for sub in &c.sub {
        criterion(ws, r, set, sub, st)?;
    }
    Ok(())
}
