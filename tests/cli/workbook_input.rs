//! Reading workbooks (`ocop score round.xlsx`): a workbook scores as the CSV saved from it,
//! whatever Excel leaves in it (title rows, numbers stored as text, formulas, trailing
//! cells), sheets are chosen by name, number or all, and every problem is located by sheet
//! and A1 cell. Workbooks are written here with rust_xlsxwriter, with openpyxl
//! (tests/py/make_workbook.py) and converted by LibreOffice headless; the tests that need
//! python3 or soffice fail under `CI=true` without them (see `workbook::have`).

use std::path::Path;
use std::process::Command;

use rust_xlsxwriter::{Chart, ChartType, Format, Formula, Workbook};
use serde_json::{Value, json};

use crate::common::{Workdir, repo_file};
use crate::fixtures::{Sheet, edition, wide};
use crate::workbook::{have, number, python};

/// A cell to write.
#[derive(Clone, Debug)]
enum C {
    N(f64),
    T(String),
    /// A formula and the value Excel cached for it.
    F(String, String),
    Blank,
}

/// The cells of a CSV text: numbers as numbers (as Excel opens a CSV), text as text.
fn cells(csv_text: &str) -> Vec<Vec<C>> {
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv_text.as_bytes());
    r.records()
        .map(|rec| {
            rec.unwrap()
                .iter()
                .map(|f| match f.parse::<f64>() {
                    _ if f.is_empty() => C::Blank,
                    Ok(n) => C::N(n),
                    Err(_) => C::T(f.to_string()),
                })
                .collect()
        })
        .collect()
}

/// Writes a workbook: sheets of cells from row `start` (0-based), and chart sheets.
fn xlsx(path: &Path, sheets: &[(&str, u32, &[Vec<C>])], chart_sheet: Option<&str>) {
    let mut wb = Workbook::new();
    for (name, start, rows) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*name).unwrap();
        for (r, row) in rows.iter().enumerate() {
            let r = start + r as u32;
            for (c, cell) in row.iter().enumerate() {
                let c = c as u16;
                match cell {
                    C::N(n) => ws.write_number(r, c, *n).map(|_| ()),
                    C::T(t) => ws.write_string(r, c, t).map(|_| ()),
                    C::F(f, v) => ws
                        .write_formula(r, c, Formula::new(f).set_result(v))
                        .map(|_| ()),
                    C::Blank => Ok(()),
                }
                .unwrap();
            }
        }
    }
    if let Some(name) = chart_sheet {
        let first = sheets[0].0;
        let mut chart = Chart::new(ChartType::Column);
        chart
            .add_series()
            .set_values(&format!("='{first}'!$A$2:$A$3"));
        let cs = wb.add_chartsheet();
        cs.set_name(name).unwrap();
        cs.insert_chart(0, 0, &chart).unwrap();
    }
    wb.save(path).unwrap();
}

/// Three members' sheets of three products (sets 6 and 11), as the fixtures write them.
fn round() -> Vec<Sheet> {
    let mut sheets = Vec::new();
    let plan: [(&str, u8, [u32; 3], u8); 3] = [
        ("P1", 6, [72, 75, 80], 4),
        ("P2", 6, [50, 55, 61], 3),
        ("P3", 11, [91, 93, 95], 5),
    ];
    for (id, set, totals, markers) in plan {
        for (m, t) in ["An", "Bình", "Cường"].iter().zip(totals) {
            sheets.push(Sheet::with_total(id, set, m, t, markers));
        }
    }
    sheets[4].disqualified = "Hồ sơ không đầy đủ".into();
    sheets
}

/// LibreOffice converts `input` to `to` (a format, or `format:filter:options`) in `outdir`,
/// with its own profile and a time limit; `infilter` for reading CSV.
fn soffice(wd: &Workdir, input: &Path, to: &str, infilter: Option<&str>, outdir: &Path) {
    let mut cmd = Command::new("timeout");
    cmd.arg("300")
        .arg("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            wd.path("lo-profile").display()
        ))
        .args(["--headless", "--norestore"]);
    if let Some(f) = infilter {
        cmd.arg(format!("--infilter={f}"));
    }
    let out = cmd
        .args(["--convert-to", to, "--outdir"])
        .arg(outdir)
        .arg(input)
        .env("HOME", wd.path("."))
        .output()
        .expect("timeout and soffice run");
    assert!(
        out.status.success(),
        "soffice failed ({}):\n{}\n{}",
        out.status,
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Column letters of a 0-based column.
fn col(c: usize) -> String {
    ocop::input::column_letters(c as u32)
}

#[test]
fn workbooks_libreoffice_saves_from_the_example_score_like_the_csv() {
    if !have(&["soffice"]) {
        return;
    }
    let wd = Workdir::new();
    let csv = wd.path("round.csv");
    std::fs::copy(repo_file("examples/quang-ninh-2026.csv"), &csv).unwrap();
    let direct = wd.run(&["score", "round.csv", "--format", "csv"]).ok();
    let out = wd.path("lo");
    for format in ["xlsx", "ods", "xls"] {
        // Comma, double quote, UTF-8 (76), from row 1.
        soffice(&wd, &csv, format, Some("CSV:44,34,76,1"), &out);
        let book = out.join(format!("round.{format}"));
        let book = book.to_str().unwrap();
        let run = wd.run(&["score", book, "--format", "csv"]).ok();
        assert_eq!(run.stdout, direct.stdout, "{format}");
        // The example's one warning (QN-2026-006's spread), placed by sheet and row.
        let run = wd.run(&["check", book]).ok();
        assert!(
            run.stdout.starts_with(&format!(
                "{book} [round] row 27: warning: product QN-2026-006"
            )),
            "{format}: {}",
            run.stdout
        );
        assert!(
            run.stdout.ends_with("ok: 1 file, 13 products, 5 members, 65 sheets; 1 warning (--strict makes them errors)\n"),
            "{format}: {}",
            run.stdout
        );
    }
}

#[test]
fn fill_in_workbook_round_trips_unfilled_filled_and_recalculated() {
    if !have(&["openpyxl", "soffice"]) {
        return;
    }
    let wd = Workdir::new();
    // Names a spreadsheet would misread: a leading zero, a formula-like name, a comma.
    let products = [
        ("007", "=Gạo tám Hải Hậu", 6u8),
        ("B-2", "Bánh đa, loại 1", 6),
        ("T-1", "+Chè Tân Cương", 11),
    ];
    let mut list = String::from("product_id,product_name,set\n");
    for (id, name, set) in products {
        list.push_str(&format!("{id},\"{name}\",{set}\n"));
    }
    wd.write("products.csv", list);
    let members = ["An", "Bình", "Cường"];
    wd.run(&[
        "template",
        "--products",
        "products.csv",
        "--members",
        &members.join(";"),
        "-o",
        "round.xlsx",
    ])
    .ok();
    // Unfilled: every criterion cell is located as empty, nothing is scored.
    let e = edition();
    let set6 = e.set("6").unwrap();
    let run = wd
        .run(&[
            "check",
            "round.xlsx",
            "--all-sheets",
            "--max-errors",
            "1000",
        ])
        .fails(1);
    let first = format!(
        "round.xlsx [Bộ 6] E2: column {}: empty: criterion {} needs a score",
        set6.leaves[0].code, set6.leaves[0].code
    );
    assert!(run.stdout.starts_with(&first), "{}", run.stdout);
    let empties = run.stdout.lines().filter(|l| l.contains("empty:")).count();
    let set11 = e.set("11").unwrap();
    assert_eq!(
        empties,
        6 * set6.leaves.len() + 3 * set11.leaves.len(),
        "every criterion cell of every row"
    );
    assert!(run.stderr.contains("[Tiêu chí]: skipped"), "{}", run.stderr);

    // Filled by openpyxl, cell by cell.
    let mut sheets = Vec::new();
    let totals = [[72u32, 75, 80], [50, 55, 61], [91, 93, 95]];
    for ((id, name, set), t) in products.iter().zip(totals) {
        for (m, total) in members.iter().zip(t) {
            let mut s = Sheet::with_total(id, *set, m, total, 3);
            s.name = name.to_string();
            sheets.push(s);
        }
    }
    let mut values = serde_json::Map::new();
    for n in [6u8, 11] {
        let set = e.set(&n.to_string()).unwrap();
        let mut rows = serde_json::Map::new();
        for (i, s) in sheets.iter().filter(|s| s.set == n).enumerate() {
            let mut cells = serde_json::Map::new();
            for (leaf, p) in set.leaves.iter().zip(&s.points) {
                cells.insert(leaf.code.clone(), number(*p));
            }
            rows.insert((i + 2).to_string(), Value::Object(cells));
        }
        values.insert(format!("Bộ {n}"), Value::Object(rows));
    }
    wd.write("values.json", Value::Object(values).to_string());
    python(
        "fill_workbook.py",
        &[
            &wd.path("round.xlsx"),
            &wd.path("filled.xlsx"),
            &wd.path("values.json"),
        ],
    );
    wd.write("direct.csv", wide(&sheets));
    let json = |args: &[&str]| -> Value {
        let run = wd.run(args).ok();
        serde_json::from_str(&run.stdout).unwrap()
    };
    let direct = json(&["score", "direct.csv", "--format", "json"]);
    assert_eq!(direct["summary"]["products"], 3);
    let filled = json(&["score", "filled.xlsx", "--all-sheets", "--format", "json"]);
    assert_eq!(filled["products"], direct["products"]);
    assert_eq!(filled["summary"], direct["summary"]);
    // What ocop wrote, ocop reads back unchanged.
    let names: Vec<(&str, &str)> = filled["products"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["product_id"].as_str().unwrap(),
                p["product_name"].as_str().unwrap(),
            )
        })
        .collect();
    for (id, name, _) in products {
        assert!(names.contains(&(id, name)), "{id} {name} in {names:?}");
    }
    // LibreOffice opens, recalculates (openpyxl leaves no cached values) and saves it: the
    // totals are now cached numbers, checked against the criteria.
    let lo = wd.path("lo");
    soffice(&wd, &wd.path("filled.xlsx"), "xlsx", None, &lo);
    let recalculated = lo.join("filled.xlsx");
    let recalculated = recalculated.to_str().unwrap();
    let again = json(&["score", recalculated, "--all-sheets", "--format", "json"]);
    assert_eq!(again["products"], direct["products"]);
}

#[test]
fn title_rows_numbers_as_text_formulas_dates_and_trailing_cells() {
    let wd = Workdir::new();
    let sheets = round();
    let text = wide(&sheets);
    wd.write("direct.csv", &text);
    let direct = wd.run(&["score", "direct.csv", "--format", "csv"]).ok();
    let mut rows = cells(&text);
    let width = rows[0].len();
    // What people do to a sheet: criterion cells typed as text (with spaces), one a
    // formula with its cached value, a member's total (a formula) per row.
    let mut i = 0;
    for row in rows.iter_mut().skip(1) {
        for cell in row.iter_mut().skip(4).take(width - 5) {
            if let C::N(n) = cell.clone() {
                i += 1;
                *cell = match i % 4 {
                    0 => C::T(format!(" {n} ")),
                    1 => C::F(format!("={n}*1"), n.to_string()),
                    _ => C::N(n),
                };
            }
        }
    }
    rows[0].push(C::T("Tổng điểm".into()));
    for (row, s) in rows.iter_mut().skip(1).zip(&sheets) {
        let t = s.total();
        row.push(C::F(format!("=SUM(E{0}:Z{0})", 1), t.to_string()));
    }
    let book = wd.path("round.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Phiếu chấm").unwrap();
    let bold = Format::new().set_bold();
    ws.merge_range(0, 0, 0, 7, "HỘI ĐỒNG ĐÁNH GIÁ SẢN PHẨM OCOP", &bold)
        .unwrap();
    ws.write_string(1, 0, "Đợt 1 năm 2026").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32 + 3, c as u16);
            match cell {
                C::N(n) => ws.write_number(r, c, *n).map(|_| ()),
                C::T(t) => ws.write_string(r, c, t).map(|_| ()),
                C::F(f, v) => ws
                    .write_formula(r, c, Formula::new(f).set_result(v))
                    .map(|_| ()),
                C::Blank => Ok(()),
            }
            .unwrap();
        }
    }
    // Formatted but empty cells far right and below: not columns, not rows.
    ws.write_blank(2000, 120, &bold).unwrap();
    ws.write_string(3000, 0, "  ").unwrap();
    wb.save(&book).unwrap();
    let run = wd.run(&["score", "round.xlsx", "--format", "csv"]).ok();
    assert_eq!(run.stdout, direct.stdout);
    assert!(
        run.stderr
            .contains("ocop: round.xlsx [Phiếu chấm]: header on row 4\n"),
        "{}",
        run.stderr
    );
    // A mistyped total is located at its cell.
    let total_col = col(width);
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    let mut bad = rows.clone();
    bad[2][width] = C::F("=SUM(E3:Z3)".into(), "1".into());
    for (r, row) in bad.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            let (r, c) = (r as u32, c as u16);
            match cell {
                C::N(n) => ws.write_number(r, c, *n).map(|_| ()),
                C::T(t) => ws.write_string(r, c, t).map(|_| ()),
                C::F(f, v) => ws
                    .write_formula(r, c, Formula::new(f).set_result(v))
                    .map(|_| ()),
                C::Blank => Ok(()),
            }
            .unwrap();
        }
    }
    wb.save(wd.path("bad.xlsx")).unwrap();
    let run = wd.run(&["check", "bad.xlsx"]).fails(1);
    assert!(
        run.stdout.starts_with(&format!(
            "bad.xlsx [Sheet1] {total_col}3: column Tổng điểm: the row's total 1 differs from \
             the sum of its criteria"
        )),
        "{}",
        run.stdout
    );
}

#[test]
fn dates_and_booleans_are_read_as_text() {
    let wd = Workdir::new();
    let sheets = round();
    let text = wide(&sheets);
    let mut rows = cells(&text);
    rows[0].push(C::T("ngày chấm".into()));
    for row in rows.iter_mut().skip(1) {
        row.push(C::Blank);
    }
    let book = wd.path("d.xlsx");
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Đợt 1").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            match cell {
                C::N(n) => ws.write_number(r as u32, c as u16, *n).map(|_| ()),
                C::T(t) => ws.write_string(r as u32, c as u16, t).map(|_| ()),
                _ => Ok(()),
            }
            .unwrap();
        }
    }
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let last = rows[0].len() as u16 - 1;
    for r in 1..rows.len() as u32 {
        // 46188 is 15 June 2026.
        ws.write_number_with_format(r, last, 46188.0, &date)
            .unwrap();
    }
    wb.save(&book).unwrap();
    let run = wd.run(&["score", "d.xlsx", "--format", "json"]).ok();
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(
        v["products"][0]["carried"]["ngày chấm"], "2026-06-15",
        "{v}"
    );
}

#[test]
fn sheets_by_name_number_or_all_and_one_member_per_sheet() {
    let wd = Workdir::new();
    let sheets = round();
    let text = wide(&sheets);
    wd.write("direct.csv", &text);
    let direct = wd.run(&["score", "direct.csv", "--format", "csv"]).ok();
    // One tab per member, without an assessor column; an instructions sheet; a chart sheet.
    let all = cells(&text);
    let assessor = 3;
    let per_member: Vec<(&str, Vec<Vec<C>>)> = ["An", "Bình", "Cường"]
        .into_iter()
        .map(|m| {
            let rows = all
                .iter()
                .enumerate()
                .filter(|(i, r)| *i == 0 || matches!(&r[assessor], C::T(t) if t == m))
                .map(|(_, r)| {
                    let mut r = r.clone();
                    r.remove(assessor);
                    r
                })
                .collect();
            (m, rows)
        })
        .collect();
    let notes = vec![vec![C::T(
        "Mỗi thành viên chấm trên trang của mình.".into(),
    )]];
    let mut layout: Vec<(&str, u32, &[Vec<C>])> = per_member
        .iter()
        .map(|(m, r)| (*m, 0, r.as_slice()))
        .collect();
    layout.push(("Hướng dẫn", 0, &notes));
    xlsx(&wd.path("council.xlsx"), &layout, Some("Biểu đồ"));

    let run = wd
        .run(&["score", "council.xlsx", "--all-sheets", "--format", "csv"])
        .ok();
    assert_eq!(run.stdout, direct.stdout);
    for note in [
        "ocop: council.xlsx [An]: no assessor column: every row is scored by An (the sheet's name)",
        "ocop: council.xlsx [Hướng dẫn]: skipped: no row naming product_id in its first 50 rows",
        "ocop: council.xlsx [Biểu đồ]: skipped: a chart sheet",
    ] {
        assert!(run.stderr.contains(note), "{note}\n{}", run.stderr);
    }
    // The first sheet by default, said aloud; by name or number.
    let members = |args: &[&str]| -> Value {
        let run = wd.run(args).ok();
        let v: Value = serde_json::from_str(&run.stdout).unwrap();
        v["products"][0]["members"].clone()
    };
    let run = wd.run(&["check", "council.xlsx"]).ok();
    assert!(
        run.stderr.contains(
            "ocop: council.xlsx: read sheet An only, the first of 4 worksheets (An, Bình, \
             Cường, Hướng dẫn, Biểu đồ); give --sheet NAME or --all-sheets to read others"
        ),
        "{}",
        run.stderr
    );
    let one = members(&["score", "council.xlsx", "--sheet", "2", "--format", "json"]);
    assert_eq!(one.as_array().unwrap().len(), 1, "{one}");
    let two = members(&[
        "score",
        "council.xlsx",
        "--sheet",
        "bình",
        "--sheet",
        "Cường",
        "--format",
        "json",
    ]);
    assert_eq!(two.as_array().unwrap().len(), 2, "{two}");
    // A chart sheet or a sheet that is not there: located, exit 1.
    let run = wd
        .run(&[
            "score",
            "council.xlsx",
            "--sheet",
            "Biểu đồ",
            "-o",
            "out.csv",
        ])
        .fails(1);
    assert!(
        run.stderr.contains(
            "council.xlsx: --sheet Biểu đồ: sheet Biểu đồ is a chart sheet, not a worksheet"
        ),
        "{}",
        run.stderr
    );
    let run = wd
        .run(&["score", "council.xlsx", "--sheet", "Dũng", "-o", "out.csv"])
        .fails(1);
    assert!(
        run.stderr.contains(
            "council.xlsx: --sheet Dũng: the workbook has no such sheet (its sheets: An, Bình, \
             Cường, Hướng dẫn, Biểu đồ; or a number 1–5)"
        ),
        "{}",
        run.stderr
    );
    assert!(!wd.exists("out.csv"));
    wd.run(&["score", "council.xlsx", "--sheet", "1", "--all-sheets"])
        .fails(2);
    // A CSV file among the inputs is read whole, and that is said.
    let run = wd.run(&["check", "direct.csv", "--all-sheets"]).ok();
    assert!(
        run.stderr.contains(
            "ocop: direct.csv: --sheet and --all-sheets choose a workbook's sheets; a CSV file \
             is read whole"
        ),
        "{}",
        run.stderr
    );
    // A default tab name is not a member's: the assessor column is missing.
    xlsx(
        &wd.path("plain.xlsx"),
        &[("Sheet1", 0, &per_member[0].1)],
        None,
    );
    let run = wd.run(&["check", "plain.xlsx"]).fails(1);
    assert!(
        run.stdout.starts_with(
            "plain.xlsx [Sheet1] row 1: missing required column: assessor (the header has:"
        ),
        "{}",
        run.stdout
    );
}

#[test]
fn problems_are_located_by_sheet_cell_and_column() {
    let wd = Workdir::new();
    let sheets = round();
    let text = wide(&sheets);
    let mut rows = cells(&text);
    let header: Vec<String> = rows[0]
        .iter()
        .map(|c| match c {
            C::T(t) => t.clone(),
            C::N(n) => n.to_string(),
            _ => String::new(),
        })
        .collect();
    let c13 = header.iter().position(|h| h == "1.3").unwrap();
    let e = edition();
    let leaf = &e.set("6").unwrap().leaves[2];
    assert_eq!(leaf.code, "1.3");
    let k = rows.len() - 1;
    rows[k][c13] = C::N(4.0);
    // A value right of the header.
    rows[2].push(C::Blank);
    rows[2].push(C::T("ghi chú".into()));
    xlsx(&wd.path("round.xlsx"), &[("Bộ 6", 2, &rows)], None);
    let run = wd.run(&["check", "round.xlsx"]).fails(1);
    let r = k + 3;
    let want = format!(
        "round.xlsx [Bộ 6] {}{r}: column 1.3: 4 is not a valid score for criterion 1.3 (allowed: {})",
        col(c13),
        leaf.allowed_list()
    );
    assert!(run.stdout.contains(&want), "{want}\n{}", run.stdout);
    let outside = format!(
        "round.xlsx [Bộ 6] {}5: a value right of the header's last column ({})",
        col(header.len() + 1),
        col(header.len() - 1)
    );
    assert!(run.stdout.contains(&outside), "{outside}\n{}", run.stdout);
    let run = wd
        .run(&["check", "round.xlsx", "--format", "json"])
        .fails(1);
    let v: Value = serde_json::from_str(&run.stdout).unwrap();
    let p = v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["code"] == "invalid_score")
        .unwrap();
    assert_eq!(
        (&p["sheet"], &p["line"], &p["cell"], &p["column"]),
        (
            &json!("Bộ 6"),
            &json!(r),
            &json!(format!("{}{r}", col(c13))),
            &json!("1.3")
        )
    );
}

#[test]
fn error_cells_are_located() {
    if !have(&["openpyxl"]) {
        return;
    }
    let wd = Workdir::new();
    let text = wide(&round());
    let mut rows: Vec<Vec<Value>> = cells(&text)
        .into_iter()
        .map(|r| {
            r.into_iter()
                .map(|c| match c {
                    C::N(n) => json!(n),
                    C::T(t) => json!(t),
                    _ => Value::Null,
                })
                .collect()
        })
        .collect();
    rows[1][4] = json!("#DIV/0!");
    rows[3][5] = json!("#N/A");
    let spec = json!({"sheets": [{"name": "Điểm", "rows": rows}]});
    wd.write("spec.json", spec.to_string());
    python(
        "make_workbook.py",
        &[&wd.path("spec.json"), &wd.path("errors.xlsx")],
    );
    let run = wd
        .run(&["score", "errors.xlsx", "-o", "ranked.csv"])
        .fails(1);
    let h = |i: usize| rows[0][i].to_string().trim_matches('"').to_string();
    for line in [
        format!(
            "errors.xlsx [Điểm] E2: column {}: the cell holds the error #DIV/0!: correct its \
             formula, or type the value",
            h(4)
        ),
        format!(
            "errors.xlsx [Điểm] F4: column {}: the cell holds the error #N/A",
            h(5)
        ),
    ] {
        assert!(run.stderr.contains(&line), "{line}\n{}", run.stderr);
    }
    assert!(run.stderr.contains("nothing was written"));
    assert!(!wd.exists("ranked.csv"));
}

#[test]
fn bad_workbooks_are_located_exit_1_and_nothing_is_written() {
    let wd = Workdir::new();
    let text = wide(&round());
    xlsx(&wd.path("good.xlsx"), &[("S", 0, &cells(&text))], None);
    let good = std::fs::read(wd.path("good.xlsx")).unwrap();
    wd.write("cut.xlsx", &good[..good.len() / 2]);
    wd.write("junk.xlsx", b"PK\x03\x04 not really a zip");
    wd.write("text.xlsx", &text);
    wd.write(
        "page.xls",
        "<html><body><table><tr><td>product_id</td></tr></table></body></html>",
    );
    wd.write("empty.ods", b"");
    wd.write("book.csv", &good);
    let cases: [(&str, &str); 6] = [
        (
            "cut.xlsx",
            "cut.xlsx: cannot read the workbook: it is damaged or not a workbook (zip:",
        ),
        (
            "junk.xlsx",
            "junk.xlsx: cannot read the workbook: it is damaged or not a workbook (zip:",
        ),
        (
            "text.xlsx",
            "text.xlsx: it is not a workbook (not a zip or OLE file) but looks like text: if it \
             is a CSV file, name it .csv (it is named .xlsx)",
        ),
        (
            "page.xls",
            "page.xls: it is not a workbook but HTML or XML text",
        ),
        ("empty.ods", "empty.ods: the file is empty"),
        (
            "book.csv",
            "book.csv: this is a zip archive (an Excel .xlsx/.xlsm or LibreOffice .ods \
             workbook?), not a CSV file: ocop reads workbooks by their name; rename it .xlsx",
        ),
    ];
    for (file, message) in cases {
        let run = wd.run(&["score", file, "-o", "out.csv"]).fails(1);
        assert!(run.stderr.contains(message), "{file}: {}", run.stderr);
        assert!(!wd.exists("out.csv"), "{file}");
    }
    let run = wd
        .run_with_stdin(&["score", "-o", "out.csv"], &good)
        .fails(1);
    assert!(
        run.stderr
            .contains("workbooks are not read from standard input; save it as a file named .xlsx"),
        "{}",
        run.stderr
    );
    assert!(!wd.exists("out.csv"));
}

#[test]
fn a_sheet_to_row_1048576_is_streamed_and_its_last_row_located() {
    let wd = Workdir::new();
    let text = wide(&round());
    let rows = cells(&text);
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            match cell {
                C::N(n) => ws.write_number(r as u32, c as u16, *n).map(|_| ()),
                C::T(t) => ws.write_string(r as u32, c as u16, t).map(|_| ()),
                _ => Ok(()),
            }
            .unwrap();
        }
    }
    // Excel's last row holds a stray id; every column is formatted down to it.
    ws.write_string(1_048_575, 0, "P9").unwrap();
    let fmt = Format::new().set_bold();
    for r in (rows.len() as u32..1_048_575).step_by(4096) {
        ws.write_blank(r, 30, &fmt).unwrap();
    }
    wb.save(wd.path("tall.xlsx")).unwrap();
    let started = std::time::Instant::now();
    let run = wd.run(&["score", "tall.xlsx", "-o", "out.csv"]).fails(1);
    assert!(
        run.stderr
            .contains("tall.xlsx [Sheet1] C1048576: column set: empty: every row needs its set"),
        "{}",
        run.stderr
    );
    assert!(!wd.exists("out.csv"));
    assert!(
        started.elapsed() < std::time::Duration::from_secs(30),
        "{:?}",
        started.elapsed()
    );
}

#[test]
fn an_encrypted_workbook_says_so() {
    if !have(&["msoffcrypto"]) {
        return;
    }
    let wd = Workdir::new();
    xlsx(
        &wd.path("plain.xlsx"),
        &[("S", 0, &cells(&wide(&round())))],
        None,
    );
    let out = Command::new("msoffcrypto-tool")
        .args(["-e", "-p", "mật khẩu"])
        .arg(wd.path("plain.xlsx"))
        .arg(wd.path("locked.xlsx"))
        .output()
        .expect("msoffcrypto-tool runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let run = wd.run(&["score", "locked.xlsx", "-o", "out.csv"]).fails(1);
    assert!(
        run.stderr.contains(
            "locked.xlsx: the workbook is encrypted (password-protected): open it in Excel, \
             remove the password"
        ),
        "{}",
        run.stderr
    );
    assert!(!wd.exists("out.csv"));
}

#[test]
fn a_products_workbook_prefills_the_template_like_its_csv() {
    let wd = Workdir::new();
    let csv_text = "product_id,product_name,producer,set\n\
        P-01,Gạo tám,HTX Hải Hậu,6\n\
        P-02,\"Bánh đa, loại 1\",Hộ Lê Văn Tư,6\n\
        T-1,Chè Tân Cương,HTX Tân Cương,6\n";
    wd.write("products.csv", csv_text);
    let rows = cells(csv_text);
    // A title above the header of the first sheet.
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Danh sách").unwrap();
    ws.write_string(0, 0, "Danh sách sản phẩm đợt 1").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            match cell {
                C::N(n) => ws.write_number(r as u32 + 2, c as u16, *n).map(|_| ()),
                C::T(t) => ws.write_string(r as u32 + 2, c as u16, t).map(|_| ()),
                _ => Ok(()),
            }
            .unwrap();
        }
    }
    wb.save(wd.path("products.xlsx")).unwrap();
    let args = |file: &str| {
        wd.run(&["template", "--products", file, "--members", "An;Bình", "6"])
            .ok()
            .stdout
    };
    assert_eq!(args("products.xlsx"), args("products.csv"));
    // Its problems are placed by sheet and row.
    let mut bad = rows.clone();
    bad[2][3] = C::N(99.0);
    xlsx(&wd.path("bad.xlsx"), &[("Danh sách", 2, &bad)], None);
    let run = wd
        .run(&["template", "--products", "bad.xlsx", "-o", "round.xlsx"])
        .fails(1);
    assert!(
        run.stderr
            .contains("bad.xlsx [Danh sách] row 5: column set: \"99\" is not a set of"),
        "{}",
        run.stderr
    );
    assert!(!wd.exists("round.xlsx"));
}

#[test]
fn ods_sheets_are_streamed_to_row_1048576_and_error_cells_located() {
    if !have(&["soffice", "openpyxl"]) {
        return;
    }
    let wd = Workdir::new();
    let rows = cells(&wide(&round()));
    // openpyxl leaves no cached value: LibreOffice computes the formula, an error cell.
    let spec: Vec<Vec<Value>> = rows
        .iter()
        .enumerate()
        .map(|(r, row)| {
            row.iter()
                .enumerate()
                .map(|(c, cell)| match cell {
                    _ if (r, c) == (2, 5) => json!("=1/0"),
                    C::N(n) => json!(n),
                    C::T(t) => json!(t),
                    _ => Value::Null,
                })
                .collect()
        })
        .collect();
    let spec = json!({"sheets": [{"name": "Điểm", "rows": spec}]});
    wd.write("spec.json", spec.to_string());
    python(
        "make_workbook.py",
        &[&wd.path("spec.json"), &wd.path("errors.xlsx")],
    );
    let out = wd.path("lo");
    soffice(&wd, &wd.path("errors.xlsx"), "ods", None, &out);
    let run = wd
        .run(&["check", out.join("errors.ods").to_str().unwrap()])
        .fails(1);
    let head = |i: usize| match &rows[0][i] {
        C::T(t) => t.clone(),
        C::N(n) => n.to_string(),
        _ => String::new(),
    };
    let line = format!(
        "errors.ods [Điểm] F3: column {}: the cell holds the error #DIV/0!",
        head(5)
    );
    assert!(run.stdout.contains(&line), "{line}\n{}", run.stdout);
    // Row 1,048,576, streamed.
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("Điểm").unwrap();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            match cell {
                C::N(n) => ws.write_number(r as u32, c as u16, *n).map(|_| ()),
                C::T(t) => ws.write_string(r as u32, c as u16, t).map(|_| ()),
                _ => Ok(()),
            }
            .unwrap();
        }
    }
    ws.write_string(1_048_575, 0, "P9").unwrap();
    wb.save(wd.path("tall.xlsx")).unwrap();
    soffice(&wd, &wd.path("tall.xlsx"), "ods", None, &out);
    std::fs::rename(out.join("tall.ods"), wd.path("tall.ods")).unwrap();
    let started = std::time::Instant::now();
    let run = wd.run(&["score", "tall.ods", "-o", "out.csv"]).fails(1);
    assert!(
        run.stderr
            .contains("tall.ods [Điểm] C1048576: column set: empty: every row needs its set"),
        "{}",
        run.stderr
    );
    assert!(!wd.exists("out.csv"));
    assert!(started.elapsed() < std::time::Duration::from_secs(30));
}
