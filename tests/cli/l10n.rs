//! Issue 11, Vietnamese and English: `--lang vi` (or `OCOP_LANG`, or the locale) turns every
//! line a council reads into Vietnamese; machine formats are the same in every language;
//! Vietnamese column names are read.

use crate::common::{Workdir, repo_file};
use crate::fixtures::{MEMBERS, product, wide};

fn example() -> String {
    repo_file("examples/quang-ninh-2026.csv")
        .to_str()
        .unwrap()
        .to_string()
}

/// Words of the English catalogue that no Vietnamese output may contain.
const ENGLISH: &[&str] = &[
    "certified",
    "nominated",
    "returned",
    "disqualified",
    "Held back",
    "held back",
    "markers",
    "members",
    "Product",
    "Status",
    "Total",
    "Stars",
    "spread",
    "by the bands",
    "next star",
    "result",
    "mean",
    "Notice",
    "scored under",
    "problem",
    "column",
    "expected",
    "is not",
    "empty:",
    "needs",
    "allowed",
    "line ",
    "found",
];

#[track_caller]
fn no_english(text: &str) {
    // A warning's stable code (`[spread]`) is an identifier, the same in every language.
    let mut plain = String::new();
    let mut rest = text;
    while let Some(i) = rest.find(" [") {
        plain.push_str(&rest[..i]);
        match rest[i..].find(']') {
            Some(j)
                if rest[i + 2..i + j]
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c == '_') =>
            {
                rest = &rest[i + j + 1..];
            }
            _ => {
                plain.push_str(" [");
                rest = &rest[i + 2..];
            }
        }
    }
    plain.push_str(rest);
    let text = plain.as_str();
    for w in ENGLISH {
        assert!(!text.contains(w), "English {w:?} in:\n{text}");
    }
}

#[test]
fn the_table_summary_and_explanation_in_vietnamese() {
    let w = Workdir::new();
    let t = w
        .run(&[
            "--lang",
            "vi",
            "score",
            &example(),
            "--width",
            "100",
            "--explain",
        ])
        .ok()
        .stdout;
    for vi in [
        "Sản phẩm",
        "Bộ",
        "TV",
        "Tổng",
        "Hạng sao",
        "Kết quả",
        "Đạt 4 sao",
        "Đạt 3 sao",
        "Đề nghị công nhận 5 sao",
        "Không đạt",
        "Hồ sơ bị loại",
        "chưa đạt tiêu chí bắt buộc 5 sao",
        "bị giới hạn bởi tiêu chí 4.1",
        "chênh lệch 12 điểm",
        "13 sản phẩm được chấm theo 26/2026/QĐ-TTg (qd26-2026), Hội đồng cấp tỉnh",
        "Theo hạng sao:",
        "thành viên hội đồng (5):",
        "theo thang điểm",
        "để lên hạng sao tiếp theo:",
        "cần thêm",
    ] {
        assert!(t.contains(vi), "{vi:?} missing:\n{t}");
    }
    no_english(&t);
    let central = w
        .run(&[
            "--lang",
            "vi",
            "score",
            &example(),
            "--council",
            "central",
            "--explain",
        ])
        .ok()
        .stdout;
    assert!(central.contains("Trả về tỉnh"), "{central}");
    assert!(central.contains("Hội đồng cấp trung ương"), "{central}");
    no_english(&central);
    for view in ["--compact", "--summary"] {
        let t = w
            .run(&["--lang", "vi", "score", &example(), view])
            .ok()
            .stdout;
        no_english(&t);
    }
}

#[test]
fn the_vietnamese_table_and_check_output_as_snapshots() {
    let w = Workdir::new();
    // A relative name: the warning after the table names the file.
    w.write(
        "quang-ninh-2026.csv",
        std::fs::read(example()).expect("the example"),
    );
    let t = w
        .run(&[
            "--lang",
            "vi",
            "score",
            "quang-ninh-2026.csv",
            "--width",
            "100",
        ])
        .ok()
        .stdout;
    insta::assert_snapshot!("example_table_vi_100", t);
    w.write("messy.csv", messy());
    let r = w.run(&["--lang", "vi", "check", "messy.csv"]).fails(1);
    insta::assert_snapshot!("check_vi", r.stdout);
}

/// A file with many kinds of problem.
fn messy() -> String {
    let mut s = product("P-1", 6, &[70, 72, 71], 4);
    s.extend(product("P-2", 9, &[60, 60], 3));
    let mut text = wide(&s);
    let lines: Vec<String> = text.lines().map(String::from).collect();
    let mut out = vec![lines[0].clone()];
    for (i, l) in lines[1..].iter().enumerate() {
        let mut f: Vec<String> = l.split(',').map(String::from).collect();
        match i {
            0 => f[5] = "abc".into(),
            1 => f[6] = "-1".into(),
            2 => f[0] = String::new(),
            3 => f[3] = String::new(),
            4 => f[2] = "99".into(),
            _ => {}
        }
        out.push(f.join(","));
    }
    out.push("P-3,x,6".into());
    out.push(out[1].clone());
    text = out.join("\n");
    text.push('\n');
    text
}

#[test]
fn check_and_score_problems_in_vietnamese() {
    let w = Workdir::new();
    w.write("messy.csv", messy());
    let r = w.run(&["--lang", "vi", "check", "messy.csv"]).fails(1);
    for vi in [
        "cột",
        "không phải là số",
        "là số âm",
        "trống:",
        "lỗi",
        "được phép:",
    ] {
        assert!(r.stdout.contains(vi), "{vi:?}:\n{}", r.stdout);
    }
    no_english(&r.stdout);
    let r = w.run(&["--lang", "vi", "score", "messy.csv"]).fails(1);
    assert!(r.stderr.contains("không ghi gì ra"), "{}", r.stderr);
    no_english(&r.stderr);
    // JSON keeps its codes; its messages follow the language.
    let r = w
        .run(&["--lang", "vi", "check", "--format", "json", "messy.csv"])
        .fails(1);
    let v: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let codes: Vec<&str> = v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["code"].as_str().unwrap())
        .collect();
    assert!(
        codes.contains(&"invalid_score") && codes.contains(&"ragged_row"),
        "{codes:?}"
    );
    let en = w.run(&["check", "--format", "json", "messy.csv"]).fails(1);
    let e: serde_json::Value = serde_json::from_str(&en.stdout).unwrap();
    assert_eq!(
        v["problems"].as_array().unwrap().len(),
        e["problems"].as_array().unwrap().len()
    );
    for (a, b) in v["problems"]
        .as_array()
        .unwrap()
        .iter()
        .zip(e["problems"].as_array().unwrap())
    {
        assert_eq!(
            (&a["code"], &a["line"], &a["column"]),
            (&b["code"], &b["line"], &b["column"])
        );
        assert_ne!(a["message"], b["message"]);
    }
    // Wrong usage and an unreadable file.
    let r = w
        .run(&["--lang", "vi", "score", &example(), "--set", "99"])
        .fails(2);
    assert!(r.stderr.contains("không có bộ này"), "{}", r.stderr);
    no_english(&r.stderr);
    let r = w.run(&["--lang", "vi", "check", "nowhere.csv"]).fails(1);
    assert!(r.stdout.contains("không mở được"), "{}", r.stdout);
    let r = w.run(&["--lang", "vi", "check", &example()]).ok();
    assert!(
        r.stdout.ends_with(
            "ok: 1 tệp, 13 sản phẩm, 5 thành viên, 65 phiếu chấm; 1 cảnh báo (--strict coi là lỗi)\n"
        ),
        "{}",
        r.stdout
    );
    no_english(&r.stdout);
}

#[test]
fn the_language_comes_from_ocop_lang_or_the_locale_and_lang_wins() {
    let w = Workdir::new();
    let run = |env: &[(&str, &str)], args: &[&str]| {
        let mut c = w.command(args);
        for (k, v) in env {
            c.env(k, v);
        }
        String::from_utf8(c.output().unwrap().stdout).unwrap()
    };
    let score = ["score", &example(), "--summary"];
    let vi = "13 sản phẩm được chấm";
    assert!(run(&[("OCOP_LANG", "vi")], &score).starts_with(vi));
    assert!(run(&[("LANG", "vi_VN.UTF-8")], &score).starts_with(vi));
    assert!(
        run(
            &[("LC_ALL", "vi_VN.UTF-8"), ("LANG", "en_US.UTF-8")],
            &score
        )
        .starts_with(vi)
    );
    assert!(run(&[("LANG", "en_US.UTF-8")], &score).starts_with("13 products"));
    let mut en = vec!["--lang", "en"];
    en.extend(score);
    assert!(run(&[("OCOP_LANG", "vi")], &en).starts_with("13 products"));
}

#[test]
fn machine_formats_are_the_same_in_every_language() {
    let w = Workdir::new();
    for format in ["csv", "json"] {
        let en = w
            .run(&["score", &example(), "--format", format])
            .ok()
            .stdout;
        let vi = w
            .run(&["--lang", "vi", "score", &example(), "--format", format])
            .ok()
            .stdout;
        // Every key and value the same; only the JSON's `message`s follow --lang.
        let strip = |s: &str| -> String {
            s.lines()
                .filter(|l| !l.trim_start().starts_with("\"message\":"))
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert_eq!(strip(&en), strip(&vi), "--format {format}");
        if format == "json" {
            assert_ne!(en, vi, "the warning's message is in Vietnamese");
        }
    }
}

#[test]
fn criteria_tables_in_vietnamese() {
    let w = Workdir::new();
    let t = w
        .run(&["--lang", "vi", "criteria", "show", "6", "--width", "100"])
        .ok()
        .stdout;
    for vi in [
        "Tiêu chí / mức đánh giá",
        "Điểm",
        "Tối thiểu ★",
        "(chỉ áp dụng khi 5.1 > 0)",
        "tiêu chí chấm điểm",
    ] {
        assert!(t.contains(vi), "{vi:?}:\n{t}");
    }
    assert!(
        !t.contains("Criterion") && !t.contains("applies only"),
        "{t}"
    );
    let list = w.run(&["--lang", "vi", "criteria"]).ok().stdout;
    assert!(
        list.contains("Phiên bản tiêu chí") && list.contains("(đang dùng)"),
        "{list}"
    );
    // The status column is in words of the language (the editions' summaries are data).
    assert!(list.contains("Rau, củ, quả, hạt tươi"), "{list}");
    assert!(
        list.contains("đã đối chiếu") && !list.contains("┆ verified"),
        "{list}"
    );
    assert!(
        !list.contains("Fresh vegetables"),
        "English set names are for English: {list}"
    );
}

/// The example's sheets with the Vietnamese column names of issue 11 (NFD on one of them,
/// as some tools write it) score exactly as with the English names.
#[test]
fn vietnamese_column_names_score_as_the_english_ones() {
    use unicode_normalization::UnicodeNormalization;
    let w = Workdir::new();
    let mut s = product("P-1", 6, &[70, 72, 71], 4);
    s.extend(product("P-2", 9, &[60, 60, 61], 3));
    s[0].disqualified = String::new();
    let english = wide(&s);
    let (head, body) = english.split_once('\n').unwrap();
    let head = head
        .replace("product_id", "Mã sản phẩm")
        .replace("product_name", "Tên sản phẩm")
        .replace("set", &"Bộ sản phẩm".nfd().collect::<String>())
        .replace("assessor", "Thành viên hội đồng")
        .replace("disqualified", "Lý do loại");
    w.write("en.csv", &english);
    w.write(
        "vi.csv",
        format!("{head},Chủ thể,Xã\n{}", body.replace('\n', ",HTX A,Xã B\n")),
    );
    let en = w.run(&["score", "en.csv", "--format", "json"]).ok().stdout;
    let vi = w.run(&["score", "vi.csv", "--format", "json"]).ok().stdout;
    let strip = |s: &str| {
        let mut v: serde_json::Value = serde_json::from_str(s).unwrap();
        for p in v["products"].as_array_mut().unwrap() {
            p.as_object_mut().unwrap().remove("carried");
        }
        v
    };
    assert_eq!(strip(&en), strip(&vi));
    // Chủ thể and Xã are the producer and commune the exports and documents know.
    let csv = w.run(&["score", "vi.csv", "--format", "csv"]).ok().stdout;
    let header = csv.lines().next().unwrap();
    assert!(header.ends_with(",producer,commune"), "{header}");
    // The long layout's names too.
    let long = crate::fixtures::long(&s)
        .replacen("product_id", "Mã SP", 1)
        .replacen("assessor", "Người đánh giá", 1)
        .replacen("criterion", "Tiêu chí", 1)
        .replacen("points", "Điểm", 1)
        .replacen(",set,", ",Bộ tiêu chí,", 1);
    w.write("long.csv", long);
    let l = w
        .run(&["score", "long.csv", "--format", "json"])
        .ok()
        .stdout;
    assert_eq!(strip(&l), strip(&en));
    assert!(MEMBERS.len() >= 3);
}

/// Writes a workbook: each sheet a CSV text from row `start` (0-based), numbers as numbers.
fn book(path: &std::path::Path, sheets: &[(&str, u32, &str)]) {
    let mut wb = rust_xlsxwriter::Workbook::new();
    for (name, start, text) in sheets {
        let ws = wb.add_worksheet();
        ws.set_name(*name).unwrap();
        if *start > 0 {
            ws.write_string(0, 0, "HỘI ĐỒNG ĐÁNH GIÁ SẢN PHẨM OCOP")
                .unwrap();
        }
        let mut r = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(text.as_bytes());
        for (i, rec) in r.records().enumerate() {
            for (c, f) in rec.unwrap().iter().enumerate() {
                let (row, col) = (start + i as u32, c as u16);
                match f.parse::<f64>() {
                    _ if f.is_empty() => {}
                    Ok(n) => {
                        ws.write_number(row, col, n).unwrap();
                    }
                    Err(_) => {
                        ws.write_string(row, col, f).unwrap();
                    }
                }
            }
        }
    }
    wb.save(path).unwrap();
}

#[test]
fn workbook_problems_and_notes_in_vietnamese() {
    let w = Workdir::new();
    let text = std::fs::read_to_string(example()).unwrap();
    // Files named as workbooks that are not, and a missing sheet.
    w.write("text.xlsx", &text);
    w.write("empty.ods", b"");
    w.write(
        "page.xls",
        "<html><body><table><tr><td>product_id</td></tr></table></body></html>",
    );
    book(
        &w.path("round.xlsx"),
        &[("Phiếu chấm", 3, &text), ("Khác", 0, "a\n1\n")],
    );
    for (args, vi) in [
        (
            &["score", "text.xlsx"][..],
            "text.xlsx: đây không phải sổ tính (không phải tệp zip hay OLE) mà giống văn bản: nếu \
             là tệp CSV, hãy đặt đuôi .csv (tệp đang có đuôi .xlsx)",
        ),
        (&["score", "empty.ods"], "empty.ods: tệp trống"),
        (
            &["score", "page.xls"],
            "page.xls: đây không phải sổ tính mà là văn bản HTML",
        ),
        (
            &["score", "round.xlsx", "--sheet", "Thiếu"],
            "round.xlsx: --sheet Thiếu: sổ tính không có trang tính này (các trang: Phiếu chấm, \
             Khác; hoặc ghi số thứ tự từ 1 đến 2)",
        ),
    ] {
        let mut all = vec!["--lang", "vi"];
        all.extend_from_slice(args);
        let r = w.run(&all).fails(1);
        assert!(r.stderr.contains(vi), "{vi}\n{}", r.stderr);
        assert!(r.stderr.contains("không ghi gì ra"), "{}", r.stderr);
        no_english(&r.stderr);
    }
    // Title rows above the header, a second sheet, and the example's warning placed by
    // sheet and row: notes and warning in Vietnamese, the scores as the CSV's.
    let r = w
        .run(&["--lang", "vi", "score", "round.xlsx", "--format", "csv"])
        .ok();
    for vi in [
        "ocop: round.xlsx [Phiếu chấm]: dòng tiêu đề ở dòng 4\n",
        "ocop: round.xlsx: chỉ đọc trang Phiếu chấm, trang đầu tiên trong 2 trang tính",
        "round.xlsx [Phiếu chấm] dòng ",
    ] {
        assert!(r.stderr.contains(vi), "{vi}\n{}", r.stderr);
    }
    no_english(&r.stderr);
    let csv = w.run(&["score", &example(), "--format", "csv"]).ok();
    assert_eq!(r.stdout, csv.stdout);
    // English is as it was.
    let en = w.run(&["score", "round.xlsx", "--format", "csv"]).ok();
    assert!(
        en.stderr
            .contains("ocop: round.xlsx [Phiếu chấm]: header on row 4\n")
            && en.stderr.contains("round.xlsx [Phiếu chấm] row "),
        "{}",
        en.stderr
    );
    // A CSV given --sheet; every sheet read, one without a header skipped.
    let r = w
        .run(&["--lang", "vi", "check", &example(), "--sheet", "1"])
        .ok();
    assert!(
        r.stderr.contains("tệp CSV được đọc toàn bộ"),
        "{}",
        r.stderr
    );
    no_english(&r.stderr);
    let r = w
        .run(&["--lang", "vi", "check", "round.xlsx", "--all-sheets"])
        .ok();
    assert!(
        r.stderr
            .contains("round.xlsx [Khác]: bỏ qua: không có dòng nào ghi product_id"),
        "{}",
        r.stderr
    );
    no_english(&r.stderr);
    // One member's sheet (no assessor column): named in the note.
    let mut r = csv::Reader::from_reader(text.as_bytes());
    let mut one = csv::Writer::from_writer(Vec::new());
    let header = r.headers().unwrap().clone();
    let drop = |rec: &csv::StringRecord| {
        rec.iter()
            .enumerate()
            .filter(|(i, _)| *i != 5)
            .map(|(_, f)| f.to_string())
            .collect::<Vec<_>>()
    };
    one.write_record(drop(&header)).unwrap();
    for rec in r.records() {
        let rec = rec.unwrap();
        if &rec[5] == MEMBERS[0] {
            one.write_record(drop(&rec)).unwrap();
        }
    }
    let one = String::from_utf8(one.into_inner().unwrap()).unwrap();
    book(&w.path("one.xlsx"), &[(MEMBERS[0], 0, &one)]);
    let r = w.run(&["--lang", "vi", "check", "one.xlsx"]).ok();
    let note = format!(
        "one.xlsx [{0}]: không có cột assessor: mọi dòng được tính là do {0} chấm",
        MEMBERS[0]
    );
    assert!(r.stderr.contains(&note), "{note}\n{}", r.stderr);
    no_english(&r.stderr);
}

#[test]
fn an_error_cell_and_a_products_workbook_in_vietnamese() {
    let w = Workdir::new();
    let text = wide(&product("P1", 6, &[72, 75, 80], 4));
    let mut rows: Vec<Vec<serde_json::Value>> = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text.as_bytes())
        .records()
        .map(|r| {
            r.unwrap()
                .iter()
                .map(|f| match f.parse::<f64>() {
                    _ if f.is_empty() => serde_json::Value::Null,
                    Ok(n) => serde_json::json!(n),
                    Err(_) => serde_json::json!(f),
                })
                .collect()
        })
        .collect();
    let code = text
        .lines()
        .next()
        .unwrap()
        .split(',')
        .position(|h| h == "1.1")
        .expect("a criterion column");
    rows[2][code] = serde_json::json!("#DIV/0!");
    if crate::workbook::have(&["openpyxl"]) {
        let spec = serde_json::json!({"sheets": [{"name": "Điểm", "rows": rows}]});
        w.write("spec.json", spec.to_string());
        crate::workbook::python(
            "make_workbook.py",
            &[&w.path("spec.json"), &w.path("errors.xlsx")],
        );
        let r = w.run(&["--lang", "vi", "check", "errors.xlsx"]).fails(1);
        let cell = format!("{}3", (b'A' + code as u8) as char);
        let want = format!(
            "errors.xlsx [Điểm] {cell}: cột 1.1: ô chứa giá trị lỗi #DIV/0!: hãy sửa công \
             thức, hoặc gõ trực tiếp giá trị"
        );
        assert!(r.stdout.contains(&want), "{want}\n{}", r.stdout);
        no_english(&r.stdout);
    }
    // A products workbook with a bad set: placed by sheet and row, in Vietnamese.
    book(
        &w.path("products.xlsx"),
        &[(
            "Danh sách",
            2,
            "product_id,product_name,set\nP-01,Gạo tám,6\nP-02,Chè,99\n",
        )],
    );
    let r = w
        .run(&["--lang", "vi", "template", "--products", "products.xlsx"])
        .fails(1);
    assert!(
        r.stderr
            .contains("products.xlsx [Danh sách] dòng 5: cột set: \"99\" không phải là bộ"),
        "{}",
        r.stderr
    );
    no_english(&r.stderr);
}

#[test]
fn format_and_register_usage_errors_in_vietnamese() {
    let w = Workdir::new();
    let ex = example();
    for (args, vi) in [
        (
            &["score", &ex, "--format", "csv", "-o", "out.json"][..],
            "--format csv mâu thuẫn với -o out.json",
        ),
        (
            &["score", &ex, "--bom", "-o", "out.json"],
            "--bom chỉ dùng với --format csv; đầu ra ở đây là json (theo -o out.json)",
        ),
        (
            &["score", &ex, "--bom"],
            "--bom chỉ dùng với --format csv; đầu ra ở đây là table (mặc định)",
        ),
    ] {
        let mut all = vec!["--lang", "vi"];
        all.extend_from_slice(args);
        let r = w.run(&all).fails(2);
        assert!(r.stderr.contains(vi), "{vi}\n{}", r.stderr);
        no_english(&r.stderr);
        assert!(!w.exists("out.json"));
    }
    w.write("notes.txt", "not a database\n");
    let r = w
        .run(&["--lang", "vi", "register", "list", "--db", "notes.txt"])
        .fails(2);
    assert!(
        r.stderr
            .contains("--db notes.txt: không phải sổ đăng ký của ocop"),
        "{}",
        r.stderr
    );
    no_english(&r.stderr);
    let r = w.run(&["register", "list", "--db", "notes.txt"]).fails(2);
    assert!(
        r.stderr.contains("--db notes.txt: not an ocop register"),
        "{}",
        r.stderr
    );
}
