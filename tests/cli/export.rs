//! The output side: the ranked workbook (checked by LibreOffice and openpyxl), `--excel` CSV,
//! `--members` and `--criteria-means`, `-o` choosing the format (and refusing conflicts and
//! flags that do nothing), the filters in every format, register listings as workbooks.

use std::collections::HashMap;

use serde_json::{Value, json};

use crate::common::{Workdir, repo_file};
use crate::workbook::{LO_CSV_ALL_SHEETS_AS_SHOWN, facts, have, libreoffice_convert};

const EXAMPLE: &str = "examples/quang-ninh-2026.csv";

fn example() -> String {
    repo_file(EXAMPLE).display().to_string()
}

/// The example with two hostile product names: a formula and an `@` function.
fn hostile(wd: &Workdir) -> String {
    let text = std::fs::read_to_string(repo_file(EXAMPLE)).unwrap();
    let text = text
        .replace(",Trà hoa vàng Ba Chẽ,", ",=1+2,")
        .replace(",Chả mực Hạ Long,", ",@SUM(A1),");
    wd.write("hostile.csv", text).display().to_string()
}

/// A CSV's rows as maps from column name to cell.
fn records(text: &str, delimiter: u8) -> Vec<HashMap<String, String>> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let mut r = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let head: Vec<String> = r.headers().unwrap().iter().map(String::from).collect();
    r.records()
        .map(|rec| {
            head.iter()
                .cloned()
                .zip(rec.unwrap().iter().map(String::from))
                .collect()
        })
        .collect()
}

fn csv_of(wd: &Workdir, args: &[&str]) -> Vec<HashMap<String, String>> {
    let mut all = vec!["score"];
    all.extend_from_slice(args);
    all.extend(["--format", "csv"]);
    records(&wd.run(&all).ok().stdout, b',')
}

/// The ranking sheet, as LibreOffice saves it to CSV, has the values of `--format csv`, in
/// the same order; a product named `=1+2` is shown as that text, not computed.
#[test]
fn ranked_workbook_saved_by_libreoffice_matches_the_csv() {
    if !have(&["soffice"]) {
        return;
    }
    let wd = Workdir::new();
    let input = hostile(&wd);
    wd.run(&["score", &input, "-o", "ranked.xlsx", "--lang", "en"])
        .ok();
    let expected = csv_of(&wd, &[&input]);
    assert_eq!(expected.len(), 13);
    let out = wd.path("lo");
    libreoffice_convert(
        &wd,
        &wd.path("ranked.xlsx"),
        &out,
        LO_CSV_ALL_SHEETS_AS_SHOWN,
    );
    let text = std::fs::read_to_string(out.join("ranked-Ranking.csv")).unwrap();
    let got = records(&text, b',');
    assert_eq!(got.len(), expected.len());
    let pairs = [
        ("Rank", "rank"),
        ("Product id", "product_id"),
        ("Product", "product_name"),
        ("producer", "producer"),
        ("commune", "commune"),
        ("Set", "set"),
        ("Members", "assessors"),
        ("Part A", "part_a"),
        ("Part B", "part_b"),
        ("Part C", "part_c"),
        ("Total", "total"),
        ("Stars", "stars"),
        ("Status code", "status"),
        ("Reason rejected", "disqualified_reason"),
    ];
    for (g, e) in got.iter().zip(&expected) {
        for (sheet_col, csv_col) in pairs {
            // The CSV guards a formula-like cell with `'`; the workbook's string cell needs none.
            let want = e[csv_col].strip_prefix('\'').unwrap_or(&e[csv_col]);
            assert_eq!(g[sheet_col], want, "{sheet_col} of {}", e["product_id"]);
        }
    }
    assert_eq!(got[0]["Product"], "=1+2");
    assert_eq!(got[0]["Total"], "92.40");
    assert_eq!(got[1]["Product"], "@SUM(A1)");
    // The members' sheet: one row per product and member, totals as `--members` gives them.
    let text = std::fs::read_to_string(out.join("ranked-Member totals.csv")).unwrap();
    let members = records(&text, b',');
    let with_members = csv_of(&wd, &[&input, "--members"]);
    let mut n = 0;
    for e in &with_members {
        for i in 1..=5 {
            let name = &e[&format!("member_{i}_name")];
            if name.is_empty() {
                continue;
            }
            let m = &members[n];
            assert_eq!(m["Product id"], e["product_id"]);
            assert_eq!(m["Rank"], e["rank"]);
            assert_eq!(&m["Member"], name);
            assert_eq!(m["Member's total"], e[&format!("member_{i}_total")]);
            n += 1;
        }
    }
    assert_eq!(n, members.len());
}

#[test]
fn ranked_workbook_as_openpyxl_reads_it() {
    if !have(&["openpyxl"]) {
        return;
    }
    let wd = Workdir::new();
    let input = hostile(&wd);
    wd.run(&["score", &input, "-o", "ranked.xlsx", "--lang", "vi"])
        .ok();
    let f = facts(&wd.path("ranked.xlsx"));
    assert_eq!(
        f["sheets"],
        json!(["Xếp hạng", "Điểm thành viên", "Điểm tiêu chí"])
    );
    let s = &f["sheet"]["Xếp hạng"];
    let cells = s["cells"].as_array().unwrap();
    assert_eq!(cells.len(), 14, "a header and 13 products");
    let head: Vec<&str> = cells[0]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            assert_eq!(c[1], "s");
            c[0].as_str().unwrap()
        })
        .collect();
    assert_eq!(
        head,
        [
            "Hạng",
            "Mã sản phẩm",
            "Tên sản phẩm",
            "producer",
            "commune",
            "Bộ",
            "Số thành viên",
            "Phần A",
            "Phần B",
            "Phần C",
            "Tổng điểm",
            "Số sao",
            "Hạng sao",
            "Mã kết quả",
            "Kết quả",
            "Bị giữ lại bởi",
            "Để lên sao",
            "Chênh lệch giữa thành viên",
            "Lý do loại hồ sơ",
        ]
    );
    assert_eq!(s["freeze"], "C2");
    assert_eq!(s["autofilter"], "A1:S14");
    let at = |row: usize, name: &str| &cells[row][head.iter().position(|h| *h == name).unwrap()];
    // Numbers are number cells; text, whatever it starts with, is a string, never a formula.
    assert_eq!(*at(1, "Hạng"), json!([1, "n"]));
    assert_eq!(*at(1, "Tổng điểm"), json!([92.4, "n"]));
    assert_eq!(*at(1, "Phần A"), json!([38.4, "n"]));
    assert_eq!(*at(1, "Số sao"), json!([5, "n"]));
    assert_eq!(*at(1, "Tên sản phẩm"), json!(["=1+2", "s"]));
    assert_eq!(*at(2, "Tên sản phẩm"), json!(["@SUM(A1)", "s"]));
    assert_eq!(*at(1, "Hạng sao"), json!(["★★★★★", "s"]));
    assert_eq!(*at(1, "Mã kết quả"), json!(["nominated", "s"]));
    assert_eq!(*at(1, "Kết quả"), json!(["Đề nghị công nhận 5 sao", "s"]));
    assert_eq!(*at(3, "Kết quả"), json!(["Đạt 4 sao", "s"]));
    assert_eq!(
        *at(2, "Bị giữ lại bởi"),
        json!(["4.1 đạt 3.00, cần 5 cho 5★", "s"])
    );
    assert_eq!(*at(13, "Mã kết quả"), json!(["disqualified", "s"]));
    assert!(
        at(13, "Lý do loại hồ sơ")[0]
            .as_str()
            .unwrap()
            .starts_with("Hồ sơ bị loại")
    );
    for row in &cells[1..] {
        assert!(
            row.as_array().unwrap().iter().all(|c| c[1] != "f"),
            "no formula cell in the ranking: {row:?}"
        );
    }
    for (name, rows, filter) in [("Điểm thành viên", 66, "A1:I66"), ("Điểm tiêu chí", 0, "")]
    {
        let s = &f["sheet"][name];
        let cells = s["cells"].as_array().unwrap();
        if rows > 0 {
            assert_eq!(cells.len(), rows, "{name}");
            assert_eq!(s["autofilter"], filter, "{name}");
        }
        assert_eq!(s["freeze"], "C2", "{name}");
        assert_eq!(cells[1][1], json!(["QN-2026-001", "s"]));
        assert_eq!(cells[1][2], json!(["=1+2", "s"]));
        assert!(cells[1..].iter().all(|r| r[0][1] == "n" && r[3][1] == "n"));
    }
    // Criterion means: one row per product and scored criterion, the mean a number, as
    // `--criteria-means` gives it.
    let means = f["sheet"]["Điểm tiêu chí"]["cells"].as_array().unwrap();
    let csv = csv_of(&wd, &[&input, "--criteria-means"]);
    let first: Vec<&Value> = means[1..]
        .iter()
        .filter(|r| r[1][0] == "QN-2026-001")
        .collect();
    let codes: Vec<(&str, f64)> = first
        .iter()
        .map(|r| (r[4][0].as_str().unwrap(), r[7][0].as_f64().unwrap()))
        .collect();
    assert!(codes.len() > 20, "{codes:?}");
    for (code, mean) in codes {
        let v: f64 = csv[0][&format!("mean_{code}")].parse().unwrap();
        assert_eq!(v, mean, "criterion {code}");
    }
}

#[test]
fn excel_csv_is_semicolons_bom_and_decimal_commas() {
    let wd = Workdir::new();
    let run = wd
        .run(&["score", &example(), "--format", "csv", "--excel"])
        .ok();
    let bytes = run.raw_stdout;
    assert!(bytes.starts_with(b"\xEF\xBB\xBFrank;product_id;product_name;set;"));
    let text = String::from_utf8(bytes).unwrap();
    let first = text.lines().nth(1).unwrap();
    assert!(
        first.starts_with("1;QN-2026-001;Trà hoa vàng Ba Chẽ;11;5;38,40;23,60;30,40;92,40;5;5;"),
        "{first}"
    );
    // Fields holding `;` are quoted; `.` in text (criterion codes) is left alone.
    let rows = records(&text, b';');
    assert_eq!(rows.len(), 13);
    assert_eq!(rows[1]["held_back_by"], "4.1 got 3.00, needs 5 for 5★");
    // `-o x.csv --excel` is the same bytes.
    wd.run(&["score", &example(), "-o", "x.csv", "--excel"])
        .ok();
    assert_eq!(std::fs::read(wd.path("x.csv")).unwrap(), text.as_bytes());
}

#[test]
fn members_and_criteria_means_columns() {
    let wd = Workdir::new();
    let run = wd
        .run(&[
            "score",
            &example(),
            "--format",
            "csv",
            "--members",
            "--criteria-means",
        ])
        .ok();
    let head: Vec<&str> = run.stdout.lines().next().unwrap().split(',').collect();
    let at = |c: &str| head.iter().position(|h| *h == c).unwrap();
    assert_eq!(head[20], "member_1_name");
    assert_eq!(head[21], "member_1_total");
    assert_eq!(head[29], "member_5_total");
    assert_eq!(head[30], "mean_1.1");
    // Criterion codes in their natural order (1.2 before 1.10, 9 before 10).
    let codes: Vec<Vec<u32>> = head
        .iter()
        .filter_map(|h| h.strip_prefix("mean_"))
        .map(|c| c.split('.').map(|n| n.parse().unwrap()).collect())
        .collect();
    assert!(codes.len() > 40, "{codes:?}");
    assert!(codes.windows(2).all(|w| w[0] < w[1]), "{codes:?}");
    assert!(at("mean_6.1.1") < at("mean_6.2"));
    // The carried columns come last, as without the options.
    assert_eq!(&head[head.len() - 2..], ["producer", "commune"]);
    let rows = records(&run.stdout, b',');
    let p = &rows[0];
    assert_eq!(p["member_1_name"], "Nguyễn Văn Hùng");
    assert_eq!(p["member_1_total"], "93.00");
    assert_eq!(p["member_5_name"], "Vũ Đức Thắng");
    assert_eq!(p["mean_1.1"], "2.60");
    // A criterion of another set is blank; every criterion of the product's set has a mean.
    let json: Value = serde_json::from_str(
        &wd.run(&["score", &example(), "--format", "json"])
            .ok()
            .stdout,
    )
    .unwrap();
    for (row, product) in rows.iter().zip(json["products"].as_array().unwrap()) {
        let means = product["criteria"]
            .as_object()
            .expect("criteria means in JSON");
        for (k, v) in row.iter().filter(|(k, _)| k.starts_with("mean_")) {
            let code = &k["mean_".len()..];
            match means.get(code) {
                Some(m) => assert_eq!(
                    v.parse::<f64>().unwrap(),
                    m.as_f64().unwrap(),
                    "{} {code}",
                    row["product_id"]
                ),
                None => assert_eq!(v, "", "{} {code} is not in its set", row["product_id"]),
            }
        }
    }
    // Without the options: the columns are not there.
    let plain = wd
        .run(&["score", &example(), "--format", "csv"])
        .ok()
        .stdout;
    assert!(!plain.lines().next().unwrap().contains("member_"));
}

/// A carried input column named like an output column is renamed, not repeated.
#[test]
fn carried_columns_colliding_with_output_names_are_renamed() {
    let wd = Workdir::new();
    let text = std::fs::read_to_string(repo_file(EXAMPLE))
        .unwrap()
        .replacen("producer,commune", "stars,rank", 1);
    let input = wd.write("c.csv", text).display().to_string();
    let run = wd.run(&["score", &input, "--format", "csv"]).ok();
    let head = run.stdout.lines().next().unwrap().to_string();
    assert!(head.ends_with(",input_stars,input_rank"), "{head}");
    let rows = records(&run.stdout, b',');
    assert_eq!(rows[0]["stars"], "5");
    assert_eq!(rows[0]["input_stars"], "HTX Trà hoa vàng Ba Chẽ");
}

#[test]
fn output_format_from_the_extension() {
    let wd = Workdir::new();
    let ex = example();
    for (file, starts) in [
        ("r.csv", &b"rank,product_id,"[..]),
        ("r.json", b"{"),
        ("r.txt", "─".as_bytes()),
        ("r.html", b"<!DOCTYPE html>"),
        ("r.htm", b"<!DOCTYPE html>"),
        ("r.xlsx", b"PK\x03\x04"),
        ("r.XLSX", b"PK\x03\x04"),
        ("r.out", "─".as_bytes()),
    ] {
        wd.run(&["score", &ex, "-o", file]).ok();
        let bytes = std::fs::read(wd.path(file)).unwrap();
        assert!(
            bytes.starts_with(starts),
            "{file}: {:?}",
            String::from_utf8_lossy(&bytes[..40.min(bytes.len())])
        );
    }
    // --format says it for an extension that names none, and agrees with one that does.
    wd.run(&["score", &ex, "--format", "csv", "-o", "r.data"])
        .ok();
    assert!(wd.read("r.data").starts_with("rank,"));
    wd.run(&["score", &ex, "--format", "xlsx", "-o", "b.xlsx"])
        .ok();
    let run = wd.run(&["score", &ex, "--format", "xlsx"]).ok();
    assert!(run.raw_stdout.starts_with(b"PK\x03\x04"));
}

#[test]
fn format_conflicts_and_flags_that_do_not_apply_are_usage_errors() {
    let wd = Workdir::new();
    let ex = example();
    let cases: &[(&[&str], &str)] = &[
        (
            &["--format", "csv", "-o", "a.json"],
            "--format csv conflicts with -o a.json, which names a json file",
        ),
        (
            &["--format", "table", "-o", "a.xlsx"],
            "--format table conflicts with -o a.xlsx",
        ),
        (
            &["--format", "json", "-o", "a.csv"],
            "--format json conflicts with -o a.csv",
        ),
        (
            &["-o", "a.json", "--bom"],
            "--bom applies to --format csv only; the output is json (from -o a.json)",
        ),
        (
            &["--excel"],
            "--excel applies to --format csv only; the output is table (the default)",
        ),
        (
            &["-o", "a.xlsx", "--members"],
            "--members applies to --format csv only",
        ),
        (
            &["--format", "json", "--criteria-means"],
            "--criteria-means applies to --format csv only",
        ),
        (
            &["-o", "a.csv", "--explain"],
            "--explain applies to --format table only; the output is csv (from -o a.csv)",
        ),
        (
            &["--format", "csv", "--width", "100"],
            "--width applies to --format table only",
        ),
        (
            &["-o", "a.html", "--ascii"],
            "--ascii applies to --format table only",
        ),
        (
            &["-o", "a.csv", "--council-name", "X"],
            "--council-name applies to --format html only",
        ),
        (&["--stars", "6"], "--stars 6: expected a number 0–5"),
        (&["--stars", "5..3"], "--stars 5..3: the range is empty"),
        (
            &["--status", "gold"],
            "--status gold: expected one of certified, nominated",
        ),
        (
            &["--only-set", "99"],
            "--only-set 99: no such set in qd26-2026",
        ),
    ];
    for (args, msg) in cases {
        let mut all = vec!["score", &ex];
        all.extend_from_slice(args);
        let run = wd.run(&all).fails(2);
        assert!(run.stderr.contains(msg), "{args:?}: {}", run.stderr);
        assert!(run.stdout.is_empty(), "{args:?}");
    }
    assert_eq!(wd.files(), Vec::<String>::new(), "nothing written");
    // Flags that apply are accepted.
    wd.run(&["score", &ex, "-o", "a.csv", "--bom", "--members"])
        .ok();
    wd.run(&[
        "score",
        &ex,
        "-o",
        "a.txt",
        "--explain",
        "--width",
        "100",
        "--ascii",
    ])
    .ok();
    wd.run(&["score", &ex, "-o", "a.html", "--round", "Đợt 1"])
        .ok();
}

/// Each format shows the filtered products only, with their ranks in the whole batch.
#[test]
fn filters_in_every_format() {
    let wd = Workdir::new();
    let ex = example();
    let all = csv_of(&wd, &[&ex]);
    let rank_of = |id: &str| {
        all.iter()
            .find(|r| r["product_id"] == id)
            .map(|r| r["rank"].clone())
            .unwrap()
    };
    let cases: &[(&[&str], &[&str])] = &[
        (
            &["--stars", "4..5"],
            &["QN-2026-001", "QN-2026-004", "QN-2026-003", "QN-2026-005"],
        ),
        (
            &["--stars", "4"],
            &["QN-2026-004", "QN-2026-003", "QN-2026-005"],
        ),
        (&["--stars", "..1"], &["QN-2026-013", "QN-2026-011"]),
        (
            &["--status", "nominated,disqualified"],
            &["QN-2026-001", "QN-2026-004", "QN-2026-011"],
        ),
        (
            &["--only-set", "26,I.3.b"],
            &["QN-2026-003", "QN-2026-007", "QN-2026-008"],
        ),
        (
            &["--stars", "3..", "--status", "certified", "--only-set", "1"],
            &["QN-2026-010"],
        ),
        (&["--stars", "5", "--status", "certified"], &[]),
    ];
    for (args, ids) in cases {
        // CSV: the rows, their batch ranks.
        let mut a = args.to_vec();
        a.insert(0, &ex);
        let rows = csv_of(&wd, &a);
        let got: Vec<&str> = rows.iter().map(|r| r["product_id"].as_str()).collect();
        assert_eq!(&got, ids, "{args:?}");
        for r in &rows {
            assert_eq!(r["rank"], rank_of(&r["product_id"]), "{args:?}");
        }
        let run = |fmt: &str| {
            let mut all = vec!["score", &ex, "--format", fmt];
            all.extend_from_slice(args);
            wd.run(&all).ok()
        };
        // JSON: the same products; the summary counts the whole batch.
        let json: Value = serde_json::from_str(&run("json").stdout).unwrap();
        let got: Vec<&str> = json["products"]
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["product_id"].as_str().unwrap())
            .collect();
        assert_eq!(&got, ids, "json {args:?}");
        assert_eq!(json["summary"]["products"], 13);
        // The table and the document name the products shown, not the others.
        let table = run("table");
        assert!(
            table
                .stderr
                .contains(&format!("{} of 13 products shown", ids.len())),
            "{}",
            table.stderr
        );
        let html = run("html").stdout;
        for r in &all {
            let id = r["product_id"].as_str();
            let shown = ids.contains(&id);
            // The warnings after the table are the whole batch's (README, "Filters").
            let body = table.stdout.split("Warnings (").next().unwrap();
            assert_eq!(body.contains(id), shown, "table {args:?} {id}");
            assert_eq!(
                html.contains(&format!("{id}</")) || html.contains(&format!("{id} ")),
                shown,
                "html {args:?} {id}"
            );
        }
    }
    // The workbook: the ranking sheet's rows.
    if have(&["openpyxl"]) {
        wd.run(&[
            "score", &ex, "-o", "f.xlsx", "--stars", "4..5", "--lang", "en",
        ])
        .ok();
        let f = facts(&wd.path("f.xlsx"));
        let cells = f["sheet"]["Ranking"]["cells"].as_array().unwrap();
        let got: Vec<(i64, &str)> = cells[1..]
            .iter()
            .map(|r| (r[0][0].as_i64().unwrap(), r[1][0].as_str().unwrap()))
            .collect();
        assert_eq!(
            got,
            [
                (1, "QN-2026-001"),
                (2, "QN-2026-004"),
                (3, "QN-2026-003"),
                (4, "QN-2026-005")
            ]
        );
        assert_eq!(f["sheet"]["Ranking"]["autofilter"], "A1:S5");
        let members = f["sheet"]["Member totals"]["cells"].as_array().unwrap();
        assert_eq!(members.len(), 1 + 4 * 5);
    }
}

/// Imports the example round into `reg.db`.
fn import(wd: &Workdir) {
    wd.run(&[
        "register",
        "import",
        &example(),
        "--db",
        "reg.db",
        "--decision",
        "123/QĐ-UBND",
        "--issued",
        "2026-06-30",
    ])
    .ok();
}

#[test]
fn register_listings_and_diff_as_workbooks() {
    let wd = Workdir::new();
    import(&wd);
    let db = ["--db", "reg.db"];
    let listings: [(&[&str], &str); 4] = [
        (&["register", "due", "--on", "2029-03-01"], "due"),
        (&["register", "list"], "list"),
        (&["register", "history", "QN-2026-003"], "history"),
        (&["diff", &example(), &example(), "--all"], "diff"),
    ];
    for (args, name) in listings {
        let mut csv_args = args.to_vec();
        csv_args.extend_from_slice(&db);
        let mut xlsx_args = csv_args.clone();
        csv_args.extend(["--format", "csv"]);
        let book = format!("{name}.xlsx");
        xlsx_args.extend(["-o", &book]);
        let csv = wd.run(&csv_args).ok().stdout;
        wd.run(&xlsx_args).ok();
        assert!(
            std::fs::read(wd.path(&book))
                .unwrap()
                .starts_with(b"PK\x03\x04")
        );
        // --excel for the listing's CSV too.
        let mut excel = args.to_vec();
        excel.extend_from_slice(&db);
        excel.extend(["--format", "csv", "--excel"]);
        let ex = wd.run(&excel).ok().raw_stdout;
        assert!(ex.starts_with(b"\xEF\xBB\xBF"), "{name}");
        let ex = String::from_utf8(ex).unwrap();
        assert_eq!(
            ex.lines().next().unwrap().trim_start_matches('\u{feff}'),
            csv.lines().next().unwrap().replace(',', ";"),
            "{name}"
        );
        if !have(&["openpyxl"]) {
            continue;
        }
        let f = facts(&wd.path(&book));
        let sheet = f["sheets"][0].as_str().unwrap().to_string();
        let s = &f["sheet"][&sheet];
        let cells = s["cells"].as_array().unwrap();
        let rows = records(&csv, b',');
        assert!(!rows.is_empty(), "{name}: rows to compare");
        assert_eq!(cells.len(), rows.len() + 1, "{name}");
        let head: Vec<&str> = cells[0].iter_strs();
        let csv_head: Vec<&str> = csv.lines().next().unwrap().split(',').collect();
        assert_eq!(head, csv_head, "{name}: row 1 is the CSV's columns");
        assert_eq!(s["freeze"], "A2", "{name}");
        assert!(s["autofilter"].as_str().unwrap().starts_with("A1:"));
        for (cells, row) in cells[1..].iter().zip(&rows) {
            for (c, key) in head.iter().enumerate() {
                let cell = &cells[c];
                let want = &row[*key];
                match cell[1].as_str().unwrap() {
                    "n" if cell[0].is_null() => assert_eq!(want, "", "{name} {key}"),
                    "n" => assert_eq!(
                        cell[0].as_f64().unwrap(),
                        want.parse::<f64>().unwrap(),
                        "{name} {key}"
                    ),
                    "s" => assert_eq!(cell[0].as_str().unwrap(), want, "{name} {key}"),
                    "b" => assert_eq!(cell[0].as_bool().unwrap().to_string(), *want),
                    other => panic!("{name} {key}: a {other} cell"),
                }
            }
        }
        // A total is a number cell.
        if let Some(c) = head.iter().position(|h| h.starts_with("total")) {
            assert!(cells[1..].iter().any(|r| r[c][1] == "n"), "{name}");
        }
    }
    // Listings refuse what they cannot print, and conflicts.
    let run = wd
        .run(&["register", "list", "--db", "reg.db", "--format", "html"])
        .fails(2);
    assert!(
        run.stderr
            .contains("this command prints table, csv, json, xlsx"),
        "{}",
        run.stderr
    );
    let run = wd
        .run(&[
            "register", "list", "--db", "reg.db", "--format", "csv", "-o", "l.xlsx",
        ])
        .fails(2);
    assert!(
        run.stderr.contains("--format csv conflicts with -o l.xlsx"),
        "{}",
        run.stderr
    );
    let run = wd
        .run(&[
            "register", "list", "--db", "reg.db", "-o", "l.json", "--bom",
        ])
        .fails(2);
    assert!(
        run.stderr.contains("--bom applies to --format csv only"),
        "{}",
        run.stderr
    );
    wd.run(&["register", "list", "--db", "reg.db", "-o", "l.json"])
        .ok();
    assert!(wd.read("l.json").starts_with('{'));
}

trait Strs {
    fn iter_strs(&self) -> Vec<&str>;
}

impl Strs for Value {
    fn iter_strs(&self) -> Vec<&str> {
        self.as_array()
            .unwrap()
            .iter()
            .map(|c| c[0].as_str().unwrap())
            .collect()
    }
}

#[test]
fn excel_members_csv_snapshot() {
    let wd = Workdir::new();
    let run = wd
        .run(&[
            "score",
            &example(),
            "--format",
            "csv",
            "--excel",
            "--members",
            "--stars",
            "4..5",
        ])
        .ok();
    insta::assert_snapshot!(run.stdout);
}

/// `diff` reads a ranked export written with `--excel` (`;`, a BOM, decimal commas) as it
/// reads the plain one.
#[test]
fn diff_reads_an_excel_ranked_export() {
    let wd = Workdir::new();
    wd.run(&["score", &example(), "--excel", "-o", "old.csv"])
        .ok();
    wd.run(&["score", &example(), "-o", "new.csv"]).ok();
    let run = wd
        .run(&["diff", "old.csv", "new.csv", "--all", "--format", "csv"])
        .ok();
    let rows = records(&run.stdout, b',');
    assert_eq!(rows.len(), 13);
    for r in &rows {
        assert_eq!(r["change"], "same", "{r:?}");
        assert_eq!(r["total_before"], r["total_after"]);
        assert_eq!(r["total_change"], "+0.00");
    }
    assert!(rows.iter().any(|r| r["total_after"] == "92.40"));
}
