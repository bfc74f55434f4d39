//! The fill-in workbook (`ocop template … -o round.xlsx`) checked by real spreadsheet
//! software: openpyxl (tests/py/) reads it back independently of ocop, and LibreOffice Calc,
//! headless, saves a filled copy as CSV that `ocop score` must score like the CSV written
//! directly. `.ci/run` installs both; under `CI=true` a missing tool fails the test, elsewhere
//! the test is skipped with the reason printed.

use std::path::{Path, PathBuf};
use std::process::Command;

use ocop::criteria::CriteriaSet;
use ocop::points::Points;
use serde_json::{Value, json};

use crate::common::{Workdir, repo_file};
use crate::fixtures::{Sheet, edition, wide};

/// LibreOffice's CSV export of every sheet (LO ≥ 7.2): comma, `"`, UTF-8 (76), from row 1,
/// cells as shown, sheet -1 = all sheets, each to `NAME-SHEET.csv`.
const LO_CSV_ALL_SHEETS: &str =
    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";

/// Whether the tools are here. Missing under CI: a failure; elsewhere: a skip, said aloud.
pub(crate) fn have(tools: &[&str]) -> bool {
    let mut missing = Vec::new();
    for &tool in tools {
        let ok = match tool {
            "openpyxl" => Command::new("python3")
                .args(["-c", "import openpyxl"])
                .output()
                .is_ok_and(|o| o.status.success()),
            "soffice" => Command::new("soffice")
                .arg("--version")
                .output()
                .is_ok_and(|o| o.status.success()),
            "msoffcrypto" => Command::new("msoffcrypto-tool")
                .arg("--help")
                .output()
                .is_ok_and(|o| o.status.success()),
            _ => unreachable!("unknown tool {tool}"),
        };
        if !ok {
            missing.push(tool);
        }
    }
    if missing.is_empty() {
        return true;
    }
    let why = format!(
        "missing {} (.ci/run installs python3's openpyxl and msoffcrypto-tool, and Debian's \
         libreoffice-calc-nogui)",
        missing.join(" and ")
    );
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!("CI=true: {why}");
    }
    eprintln!("skipped: {why}");
    false
}

/// Runs a script of tests/py and returns its standard output.
pub(crate) fn python(script: &str, args: &[&Path]) -> String {
    let out = Command::new("python3")
        .arg(repo_file(&format!("tests/py/{script}")))
        .args(args)
        .output()
        .expect("python3 runs");
    assert!(
        out.status.success(),
        "{script} failed:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).expect("UTF-8 output")
}

/// What openpyxl sees in a workbook (see tests/py/workbook_facts.py).
pub(crate) fn facts(book: &Path) -> Value {
    serde_json::from_str(&python("workbook_facts.py", &[book])).expect("JSON facts")
}

/// LibreOffice converts `book` to one CSV per sheet in `outdir`, with its own profile
/// directory (tests run in parallel) and a time limit.
pub(crate) fn libreoffice_csv(wd: &Workdir, book: &Path, outdir: &Path) {
    libreoffice_convert(wd, book, outdir, LO_CSV_ALL_SHEETS);
}

/// LibreOffice's CSV export of every sheet as `libreoffice_csv`, but each cell as shown
/// (its number format applied: `92.40`, not `92.4`).
pub(crate) const LO_CSV_ALL_SHEETS_AS_SHOWN: &str =
    "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,true,false,false,-1";

/// LibreOffice converts `book` with the filter `to` into `outdir`.
pub(crate) fn libreoffice_convert(wd: &Workdir, book: &Path, outdir: &Path, to: &str) {
    let profile = wd.path("lo-profile");
    let out = Command::new("timeout")
        .arg("300")
        .arg("soffice")
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--norestore", "--convert-to", to, "--outdir"])
        .arg(outdir)
        .arg(book)
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

/// Spreadsheet column letters of a 0-based column.
fn col(mut c: usize) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap()
}

pub(crate) fn number(p: Points) -> Value {
    if p.hundredths().is_multiple_of(100) {
        json!(p.hundredths() / 100)
    } else {
        json!(f64::from(p.hundredths()) / 100.0)
    }
}

const PRODUCTS: &str = "product_id,product_name,producer,commune,set\n\
    007,=Gạo tám Hải Hậu,HTX Hải Hậu,xã Hải Hậu,6\n\
    B-2,\"Bánh đa, loại 1\",Hộ Lê Văn Tư,xã Kép,6\n\
    T-1,+Chè Tân Cương,HTX Tân Cương,xã Tân Cương,11\n";
const MEMBERS: &str = "Nguyễn Văn An;Trần Thị Bình;Lê Cường";

fn header(set: &CriteriaSet) -> Vec<String> {
    let mut h: Vec<String> = [
        "product_id",
        "product_name",
        "producer",
        "commune",
        "set",
        "assessor",
    ]
    .map(String::from)
    .to_vec();
    h.extend(set.leaves.iter().map(|l| l.code.clone()));
    h.extend(["total".to_string(), "disqualified".to_string()]);
    h
}

#[test]
fn fill_in_workbook_as_openpyxl_reads_it() {
    if !have(&["openpyxl"]) {
        return;
    }
    let wd = Workdir::new();
    wd.write("products.csv", PRODUCTS);
    wd.run(&[
        "template",
        "--products",
        "products.csv",
        "--members",
        MEMBERS,
        "-o",
        "round.xlsx",
    ])
    .ok();
    let f = facts(&wd.path("round.xlsx"));
    assert_eq!(f["sheets"], json!(["Bộ 6", "Bộ 11", "Tiêu chí"]));
    let e = edition();
    let products: [&[(&str, &str)]; 2] = [
        &[("007", "=Gạo tám Hải Hậu"), ("B-2", "Bánh đa, loại 1")],
        &[("T-1", "+Chè Tân Cương")],
    ];
    for (n, products) in [6u8, 11].into_iter().zip(products) {
        let set = e.set(&n.to_string()).unwrap();
        let s = &f["sheet"][format!("Bộ {n}")];
        let cells = s["cells"].as_array().unwrap();
        // Row 1: exactly the names the CSV reader expects, all text.
        let head: Vec<&str> = cells[0]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                assert_eq!(c[1], "s", "header cell {c}");
                c[0].as_str().unwrap()
            })
            .collect();
        assert_eq!(head, header(set));
        // One row per product and member, in the products file's order.
        assert_eq!(cells.len(), 1 + products.len() * 3, "set {n}");
        let first = 6;
        let last = first + set.leaves.len() - 1;
        for (i, row) in cells[1..].iter().enumerate() {
            let r = i + 2;
            let (id, name) = products[i / 3];
            // Text is text, never a formula, whatever it starts with.
            assert_eq!(row[0], json!([id, "s"]), "row {r}");
            assert_eq!(row[1], json!([name, "s"]), "row {r}");
            assert_eq!(row[4], json!([n, "n"]), "row {r}");
            assert_eq!(row[5][0], MEMBERS.split(';').nth(i % 3).unwrap());
            for c in first..=last {
                assert_eq!(row[c][0], Value::Null, "criterion cells start empty");
            }
            assert_eq!(
                row[last + 1],
                json!([format!("=SUM({}{r}:{}{r})", col(first), col(last)), "f"]),
                "the total of row {r} is a formula over its criteria"
            );
        }
        // Header row and id columns (through assessor) frozen.
        assert_eq!(s["freeze"], "G2");
        // Every criterion column: a list of exactly its allowed points, errors refused.
        let rows = cells.len();
        let validations = s["validations"].as_array().unwrap();
        assert_eq!(validations.len(), set.leaves.len(), "one per criterion");
        for (i, leaf) in set.leaves.iter().enumerate() {
            let c = col(first + i);
            let range = format!("{c}2:{c}{rows}");
            let v = validations
                .iter()
                .find(|v| v["sqref"] == range.as_str())
                .unwrap_or_else(|| panic!("no validation on {range} ({})", leaf.code));
            let allowed: Vec<String> = leaf.allowed.iter().map(Points::to_string).collect();
            assert_eq!(v["type"], "list", "{}", leaf.code);
            assert_eq!(v["formula1"], format!("\"{}\"", allowed.join(",")));
            assert!(
                allowed.starts_with(&["0".to_string()]),
                "0 is always allowed"
            );
            assert_eq!(v["show_error"], true, "{}", leaf.code);
            assert_eq!(v["error_style"], "stop", "{}", leaf.code);
            // The header's note names the criterion and its maximum.
            let note = s["notes"][format!("{c}1")].as_str().unwrap_or_default();
            let title = &set.criterion(&leaf.code).unwrap().title;
            assert!(
                note.starts_with(&format!(
                    "{} {}",
                    leaf.code,
                    title.chars().take(20).collect::<String>()
                )) && note.contains(&format!("Tối đa {} điểm", leaf.max)),
                "note of {c}1: {note:?}"
            );
        }
    }
    // The criteria sheet: a row per scored criterion with its allowed points, the options
    // with their points and star markers.
    let t = f["sheet"]["Tiêu chí"]["cells"].as_array().unwrap();
    assert_eq!(t[0][0][0], "Bộ");
    for n in [6u8, 11] {
        let set = e.set(&n.to_string()).unwrap();
        for leaf in &set.leaves {
            assert!(
                t.iter().any(|r| r[0][0] == json!(n)
                    && r[1][0] == leaf.code.as_str()
                    && r[4][0] == leaf.allowed_list().as_str()),
                "set {n} criterion {} missing from Tiêu chí",
                leaf.code
            );
        }
        let marked = set
            .criteria()
            .into_iter()
            .flat_map(|c| &c.options)
            .filter(|o| o.min_star.is_some())
            .count();
        let shown = t
            .iter()
            .filter(|r| r[0][0] == json!(n) && r[2][0].as_str().is_some_and(|s| s.starts_with('□')))
            .filter(|r| r[5][0].as_str().is_some_and(|s| s.starts_with("***")))
            .count();
        assert_eq!(shown, marked, "set {n}: options with star markers");
    }
}

#[test]
fn filled_workbook_saved_as_csv_by_libreoffice_scores_like_the_csv() {
    if !have(&["openpyxl", "soffice"]) {
        return;
    }
    let wd = Workdir::new();
    // The names the fixtures give, so that the direct CSV and the workbook agree.
    wd.write(
        "products.csv",
        "product_id,product_name,set\nP1,Sản phẩm P1,6\nP2,Sản phẩm P2,6\nP3,Sản phẩm P3,11\n",
    );
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
    let plan: [(&str, u8, [u32; 3], u8); 3] = [
        ("P1", 6, [72, 75, 80], 4),
        ("P2", 6, [50, 55, 61], 3),
        ("P3", 11, [91, 93, 95], 5),
    ];
    let mut sheets = Vec::new();
    for (id, set, totals, markers) in plan {
        for (m, t) in members.iter().zip(totals) {
            sheets.push(Sheet::with_total(id, set, m, t, markers));
        }
    }
    sheets[4].disqualified = "Hồ sơ không đầy đủ".into();
    // The members' values, typed into the workbook cell by cell.
    let e = edition();
    let mut values = serde_json::Map::new();
    for n in [6u8, 11] {
        let set = e.set(&n.to_string()).unwrap();
        let mut rows = serde_json::Map::new();
        for (i, s) in sheets.iter().filter(|s| s.set == n).enumerate() {
            let mut cells = serde_json::Map::new();
            for (leaf, p) in set.leaves.iter().zip(&s.points) {
                cells.insert(leaf.code.clone(), number(*p));
            }
            if !s.disqualified.is_empty() {
                cells.insert("disqualified".into(), json!(s.disqualified));
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
    let out = wd.path("lo");
    libreoffice_csv(&wd, &wd.path("filled.xlsx"), &out);

    let mut scored: Vec<PathBuf> = Vec::new();
    for n in [6u8, 11] {
        let path = out.join(format!("filled-Bộ {n}.csv"));
        let text =
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let mut r = csv::Reader::from_reader(text.as_bytes());
        let head = r.headers().unwrap().clone();
        let set = e.set(&n.to_string()).unwrap();
        assert_eq!(
            head.iter().collect::<Vec<_>>(),
            [
                &["product_id", "product_name", "set", "assessor"][..],
                &set.leaves
                    .iter()
                    .map(|l| l.code.as_str())
                    .collect::<Vec<_>>(),
                &["total", "disqualified"],
            ]
            .concat()
        );
        let total = head.iter().position(|h| h == "total").unwrap();
        let expected: Vec<&Sheet> = sheets.iter().filter(|s| s.set == n).collect();
        let mut w = csv::Writer::from_writer(Vec::new());
        w.write_record(
            head.iter()
                .enumerate()
                .filter(|(i, _)| *i != total)
                .map(|(_, h)| h),
        )
        .unwrap();
        let mut count = 0;
        for (rec, s) in r.records().map(Result::unwrap).zip(&expected) {
            // LibreOffice computed each member's total with the sheet's formula.
            assert_eq!(
                rec[total],
                s.total().to_string(),
                "{} {}",
                s.product,
                s.assessor
            );
            assert_eq!(rec[0], *s.product);
            assert_eq!(rec[3], *s.assessor);
            // Until the reader knows a `total` column (issue 10, reading workbooks) it would
            // be a carried column whose values differ between members: leave it out.
            w.write_record(
                rec.iter()
                    .enumerate()
                    .filter(|(i, _)| *i != total)
                    .map(|(_, v)| v),
            )
            .unwrap();
            count += 1;
        }
        assert_eq!(count, expected.len(), "rows of set {n}");
        let p = wd.write(&format!("lo-{n}.csv"), w.into_inner().unwrap());
        scored.push(p);
    }
    wd.write("direct.csv", wide(&sheets));
    let report = |args: &[&str]| -> Value {
        let run = wd.run(args).ok();
        serde_json::from_str(&run.stdout).unwrap()
    };
    let direct = report(&["score", "direct.csv", "--format", "json"]);
    let via_lo = report(&["score", "lo-6.csv", "lo-11.csv", "--format", "json"]);
    assert_eq!(via_lo["products"], direct["products"]);
    assert_eq!(via_lo["summary"], direct["summary"]);
    assert_eq!(direct["summary"]["products"], 3);
    assert_eq!(direct["summary"]["disqualified"], 1);
}

#[test]
fn template_xlsx_format_and_refusals() {
    let wd = Workdir::new();
    // `-o *.xlsx` infers the format; `--format xlsx` says it.
    wd.run(&["template", "6", "-o", "a.xlsx"]).ok();
    assert!(
        std::fs::read(wd.path("a.xlsx"))
            .unwrap()
            .starts_with(b"PK\x03\x04")
    );
    wd.run(&["template", "6", "--format", "xlsx", "-o", "b.bin"])
        .ok();
    assert!(
        std::fs::read(wd.path("b.bin"))
            .unwrap()
            .starts_with(b"PK\x03\x04")
    );
    // Several sets need a workbook.
    let run = wd.run(&["template", "6", "11", "-o", "c.csv"]).fails(2);
    assert!(run.stderr.contains("--format xlsx"), "{}", run.stderr);
    wd.run(&["template", "6", "-o", "d.xlsx", "--bom"]).fails(2);
    wd.run(&["template", "6", "--members", " ; "]).fails(2);
    wd.run(&["template", "6", "--members", "A;B;A"]).fails(2);
    wd.run(&["template"]).fails(2);
    assert!(!wd.exists("c.csv") && !wd.exists("d.xlsx"));
}

#[test]
fn template_csv_prefilled_from_products_and_members() {
    let wd = Workdir::new();
    wd.write(
        "p.csv",
        "\u{feff}product_id;product_name;commune\n001;Mắm;xã A\n002;=Nem;xã B\n",
    );
    let t = wd
        .run(&[
            "template",
            "6",
            "--products",
            "p.csv",
            "--members",
            "An; Bình",
        ])
        .ok()
        .stdout;
    let lines: Vec<&str> = t.lines().collect();
    assert!(lines[0].starts_with("product_id,product_name,commune,set,assessor,1.1,"));
    assert!(lines[0].ends_with(",11,disqualified"));
    assert_eq!(lines.len(), 5);
    assert!(lines[1].starts_with("001,Mắm,xã A,6,An,,"));
    assert!(lines[2].starts_with("001,Mắm,xã A,6,Bình,,"));
    assert!(lines[4].starts_with("002,=Nem,xã B,6,Bình,,"));
}

#[test]
fn template_products_file_problems_are_located_and_nothing_is_written() {
    let wd = Workdir::new();
    wd.write(
        "p.csv",
        "product_id,product_name,set,assessor\n,Mắm,6,\nP1,Nem,99,\nP2,Chè,11,\nP3,Gạo,6,\nP3,Gạo,6,\n",
    );
    let run = wd
        .run(&["template", "6", "--products", "p.csv", "-o", "r.xlsx"])
        .fails(1);
    for msg in [
        "p.csv:1: column assessor: a products file lists the products",
        "p.csv:2: column product_id: empty",
        "p.csv:3: column set: \"99\" is not a set of qd26-2026",
        "p.csv:4: column set: product P2 is in set 11, not among the sets asked for (6)",
        "p.csv:6: column product_id: \"P3\" is listed twice",
    ] {
        assert!(run.stderr.contains(msg), "{msg}\n{}", run.stderr);
    }
    assert!(!wd.exists("r.xlsx"));
    wd.write("q.csv", "product_id,product_name\nP1,Mắm\n");
    let run = wd
        .run(&["template", "6", "11", "--products", "q.csv", "-o", "r.xlsx"])
        .fails(1);
    assert!(
        run.stderr.contains("q.csv:1: missing column set"),
        "{}",
        run.stderr
    );
    let run = wd
        .run(&["template", "6", "--products", "none.csv", "-o", "r.xlsx"])
        .fails(1);
    assert!(
        run.stderr
            .contains("none.csv: cannot read the products file"),
        "{}",
        run.stderr
    );
    assert!(!wd.exists("r.xlsx"));
}
