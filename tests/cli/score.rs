//! `ocop score`: the rules at their boundaries, both input formats, and the outputs.

use serde_json::Value;

use crate::common::Workdir;
use crate::fixtures::{Sheet, long, product, wide};

fn json(wd: &Workdir, args: &[&str]) -> Value {
    let run = wd.run(args).ok();
    serde_json::from_str(&run.stdout).unwrap_or_else(|e| panic!("{e}: {}", run.stdout))
}

fn scored(sheets: &[Sheet]) -> Value {
    let wd = Workdir::new();
    wd.write("a.csv", wide(sheets));
    json(&wd, &["score", "a.csv", "--format", "json"])
}

/// The product with this id in a JSON report.
fn find<'a>(v: &'a Value, id: &str) -> &'a Value {
    v["products"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["product_id"] == id)
        .unwrap()
}

#[test]
fn a_mean_of_exactly_70_is_four_stars_with_3_and_7_members() {
    let mut sheets = product("P3", 6, &[69, 70, 71], 4);
    sheets.extend(product("P7", 6, &[67, 68, 69, 70, 71, 72, 73], 4));
    sheets.extend(product("P3-low", 6, &[69, 70, 70], 4));
    let v = scored(&sheets);
    for id in ["P3", "P7"] {
        let p = find(&v, id);
        assert_eq!(p["total"], 70.0, "{id}");
        assert_eq!(
            (p["band_stars"].as_u64(), p["stars"].as_u64()),
            (Some(4), Some(4)),
            "{id}"
        );
    }
    let low = find(&v, "P3-low");
    assert_eq!(low["total"], 69.66);
    assert_eq!(low["stars"], 3);
    assert_eq!(low["next_star"]["points_short"], 0.34);
}

#[test]
fn band_boundaries_29_67_and_30() {
    let mut sheets = product("below", 6, &[29, 30, 30], 1);
    sheets.extend(product("at", 6, &[30, 30, 30], 1));
    let v = scored(&sheets);
    assert_eq!(find(&v, "below")["total"], 29.66);
    assert_eq!(find(&v, "below")["stars"], 1);
    assert_eq!(find(&v, "at")["stars"], 2);
}

#[test]
fn a_marker_just_met_and_just_missed() {
    // Set 6, 1.5 carries **** on 2 points: five members at 2 meet it; one at 1 misses it.
    let met: Vec<Sheet> = product("met", 6, &[80; 5], 4)
        .into_iter()
        .map(|s| s.with("1.5", 2))
        .collect();
    let mut missed = met.clone();
    for s in &mut missed {
        s.product = "missed".into();
    }
    missed[4] = missed[4].clone().with("1.5", 1);
    let v = scored(&[met, missed].concat());
    let met = find(&v, "met");
    assert_eq!(
        (met["band_stars"].as_u64(), met["stars"].as_u64()),
        (Some(4), Some(4))
    );
    assert_eq!(met["held_back_by"], serde_json::json!([]));
    let missed = find(&v, "missed");
    assert_eq!(
        (missed["band_stars"].as_u64(), missed["stars"].as_u64()),
        (Some(4), Some(3))
    );
    assert_eq!(
        missed["held_back_by"],
        serde_json::json!([{"code": "1.5", "stars": 4, "needed": 2, "got": 1.8}])
    );
    assert_eq!(missed["status"], "certified");
}

#[test]
fn ninety_two_points_missing_a_four_star_marker_is_held_back() {
    let sheets: Vec<Sheet> = product("P", 6, &[92; 5], 5)
        .into_iter()
        .map(|s| s.with("1.5", 1))
        .collect();
    let wd = Workdir::new();
    wd.write("a.csv", wide(&sheets));
    let out = wd
        .run(&["score", "a.csv", "--format", "csv", "--council", "central"])
        .ok()
        .stdout;
    let row: Vec<&str> = out.lines().nth(1).unwrap().split(',').collect();
    // total falls by 1.x when 1.5 drops from 3 to 1; band stays 5★; stars 3★.
    assert_eq!(row[9], "5", "band_stars");
    assert_eq!(row[10], "3", "stars");
    assert!(out.contains("\"1.5 got 1.00, needs 2 for 4★\""), "{out}");
    assert!(out.contains(",4★: 1.5 needs 2 (got 1.00),"), "{out}");
    let table = wd
        .run(&["score", "a.csv", "--width", "100", "--council", "central"])
        .ok()
        .stdout;
    assert!(table.contains("held back by 1.5"), "{table}");
}

#[test]
fn wide_and_long_inputs_give_identical_results() {
    let mut sheets = product("QN-01", 6, &[91, 93, 90, 92, 95], 5);
    sheets.extend(product("QN-02", 21, &[55, 60, 58, 57, 61], 3));
    sheets.extend(product("QN-03", 26, &[40, 38, 45], 1));
    sheets.extend(product("QN-04", 11, &[75, 78, 76, 74, 77], 4));
    let wd = Workdir::new();
    wd.write("wide.csv", wide(&sheets));
    wd.write("long.csv", long(&sheets));
    for format in ["csv", "json", "table"] {
        let a = wd
            .run(&["score", "wide.csv", "--format", format])
            .ok()
            .stdout;
        let b = wd
            .run(&["score", "long.csv", "--format", format])
            .ok()
            .stdout;
        assert_eq!(a, b, "{format}");
    }
}

#[test]
fn one_file_may_mix_sets_and_several_files_are_one_batch() {
    let a = product("A", 6, &[80, 80, 80], 4);
    let b = product("B", 21, &[60, 61, 62], 3);
    let c = product("C", 26, &[95, 95, 95], 5);
    let wd = Workdir::new();
    wd.write("mixed.csv", wide(&[a.clone(), b.clone()].concat()));
    wd.write("c.csv", long(&c));
    let v = json(&wd, &["score", "mixed.csv", "c.csv", "--format", "json"]);
    let ids: Vec<&str> = v["products"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["product_id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["C", "A", "B"]);
    assert_eq!(find(&v, "B")["set"], 21);
    assert_eq!(find(&v, "C")["stars"], 5);
}

#[test]
fn standard_input_is_read_with_dash_or_no_path() {
    let sheets = product("S", 9, &[72, 74, 73], 4);
    let wd = Workdir::new();
    let csv = wide(&sheets);
    let a = wd
        .run_with_stdin(&["score", "--format", "csv"], csv.as_bytes())
        .ok()
        .stdout;
    let b = wd
        .run_with_stdin(&["score", "-", "--format", "csv"], csv.as_bytes())
        .ok()
        .stdout;
    assert_eq!(a, b);
    assert!(a.contains(",S,"), "{a}");
}

#[test]
fn set_comes_from_the_option_when_the_column_is_absent() {
    let sheets = product("S", 9, &[72, 74, 73], 4);
    // Drop the third column (set) from every line.
    let csv: Vec<String> = wide(&sheets)
        .lines()
        .map(|l| {
            let mut cells: Vec<&str> = l.split(',').collect();
            cells.remove(2);
            cells.join(",")
        })
        .collect();
    let csv = csv.join("\n");
    let wd = Workdir::new();
    wd.write("a.csv", &csv);
    let v = json(
        &wd,
        &["score", "a.csv", "--set", "I.4.a", "--format", "json"],
    );
    assert_eq!(find(&v, "S")["set"], 9);
    let run = wd.run(&["score", "a.csv"]).fails(1);
    assert!(
        run.stderr.contains("missing required column: set"),
        "{}",
        run.stderr
    );
}

#[test]
fn a_disqualified_dossier_is_listed_never_certified() {
    let mut sheets = product("D", 6, &[95; 5], 5);
    sheets[2].disqualified = "Hồ sơ bị loại: giả mạo hồ sơ".into();
    let v = scored(&sheets);
    let d = find(&v, "D");
    assert_eq!(d["stars"], 0);
    assert_eq!(d["band_stars"], 5);
    assert_eq!(d["certified"], false);
    assert_eq!(d["status"], "disqualified");
    assert_eq!(d["disqualified_reason"], "Hồ sơ bị loại: giả mạo hồ sơ");
    assert_eq!(d["next_star"], Value::Null);
    assert_eq!(v["summary"]["disqualified"], 1);
}

/// Điều 7.3.e: a province sends products of 90 and above to the ministry; it does not
/// certify them (regression: they were reported as certified 4★).
#[test]
fn a_provincial_council_nominates_products_of_ninety_and_above() {
    let mut sheets = product("F", 6, &[95; 5], 5);
    // 92 points, but 1.5 at 1: the 5★ (and 4★) marker on 1.5 is missed.
    sheets.extend(
        product("H", 6, &[92; 5], 5)
            .into_iter()
            .map(|s| s.with("1.5", 1)),
    );
    sheets.extend(product("G", 6, &[80; 5], 5));
    let wd = Workdir::new();
    wd.write("a.csv", wide(&sheets));
    let v = json(&wd, &["score", "a.csv", "--format", "json"]);
    assert_eq!(v["council"], "province", "the default council");
    let f = find(&v, "F");
    assert_eq!(
        (f["stars"].as_u64(), f["band_stars"].as_u64()),
        (Some(5), Some(5))
    );
    assert_eq!(f["status"], "nominated");
    assert_eq!(f["certified"], false);
    assert_eq!(f["markers_5_met"], true);
    assert_eq!(f["next_star"], Value::Null);
    let h = find(&v, "H");
    assert_eq!(h["status"], "nominated");
    assert_eq!(h["markers_5_met"], false);
    assert_eq!(h["stars"], 3);
    let g = find(&v, "G");
    assert_eq!(
        (g["status"].as_str(), g["certified"].as_bool()),
        (Some("certified"), Some(true))
    );
    assert_eq!(g.get("markers_5_met"), None);
    assert_eq!(v["summary"]["nominated"], 2);
    assert_eq!(v["summary"]["certified"], 1);
    let table = wd.run(&["score", "a.csv", "--width", "100"]).ok().stdout;
    assert!(table.contains("nominated for 5★"), "{table}");
    assert!(table.contains("5★ markers not met"), "{table}");
}

/// Điều 4.1.b, 7.4.g: the central council certifies 5★ and returns the others to the
/// province, which may recognise 3★ or 4★.
#[test]
fn the_central_council_certifies_five_stars_and_returns_the_rest() {
    let mut sheets = product("F", 6, &[95; 5], 5);
    sheets.extend(product("G", 6, &[80; 5], 5));
    sheets.extend(product("L", 6, &[40; 5], 0));
    let wd = Workdir::new();
    wd.write("a.csv", wide(&sheets));
    let v = json(
        &wd,
        &["score", "a.csv", "--format", "json", "--council", "central"],
    );
    let status = |id: &str| {
        let p = find(&v, id);
        (
            p["status"].as_str().map(str::to_string),
            p["certified"].as_bool(),
            p["stars"].as_u64(),
        )
    };
    assert_eq!(status("F"), (Some("certified".into()), Some(true), Some(5)));
    assert_eq!(status("G"), (Some("returned".into()), Some(false), Some(4)));
    assert_eq!(
        status("L"),
        (Some("not_certified".into()), Some(false), Some(2))
    );
    assert_eq!(v["summary"]["returned"], 1);
}

#[test]
fn council_spread_is_a_warning_with_the_members_concerned() {
    let mut sheets = product("W", 6, &[80, 82, 70, 79, 81], 4);
    sheets.extend(product("ok", 6, &[80, 90, 85], 4));
    let v = scored(&sheets);
    let w = find(&v, "W");
    assert_eq!(w["spread_flag"]["spread"], 12);
    assert_eq!(
        w["spread_flag"]["highest"],
        serde_json::json!({"member": "Trần Thị Mai", "total": 82})
    );
    assert_eq!(
        w["spread_flag"]["lowest"],
        serde_json::json!({"member": "Phạm Quốc Bảo", "total": 70})
    );
    assert_eq!(w["stars"], 4, "the score stands");
    assert_eq!(
        find(&v, "ok")["spread_flag"],
        Value::Null,
        "exactly 10 is not flagged"
    );
    let wd = Workdir::new();
    wd.write("a.csv", wide(&sheets));
    let strict = json(
        &wd,
        &["score", "a.csv", "--format", "json", "--max-spread", "9.5"],
    );
    assert_ne!(find(&strict, "ok")["spread_flag"], Value::Null);
}

#[test]
fn ranking_is_stars_then_total_then_id_with_shared_ranks() {
    let mut sheets = product("b", 6, &[75, 75, 75], 4);
    sheets.extend(product("a", 6, &[75, 75, 75], 4));
    sheets.extend(
        product("c", 6, &[92, 92, 92], 3)
            .into_iter()
            .map(|s| s.with("1.5", 0))
            .collect::<Vec<_>>(),
    );
    sheets.extend(product("d", 6, &[80, 80, 80], 4));
    let v = scored(&sheets);
    let order: Vec<(String, u64)> = v["products"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["product_id"].as_str().unwrap().to_string(),
                p["rank"].as_u64().unwrap(),
            )
        })
        .collect();
    let want = [("d", 1), ("a", 2), ("b", 2), ("c", 4)];
    assert_eq!(order, want.map(|(i, r)| (i.to_string(), r)));
}

#[test]
fn csv_export_has_the_stable_columns_and_carries_extra_ones() {
    let sheets = product("P", 6, &[72, 74, 73], 4);
    let csv: Vec<String> = wide(&sheets)
        .lines()
        .enumerate()
        .map(|(i, l)| format!("{}{l}", if i == 0 { "producer," } else { "HTX Ba Chẽ," }))
        .collect();
    let csv = csv.join("\n");
    let wd = Workdir::new();
    wd.write("a.csv", &csv);
    wd.run(&["score", "a.csv", "--format", "csv", "-o", "out.csv"])
        .ok();
    let out = wd.read("out.csv");
    assert_eq!(
        out.lines().next().unwrap(),
        "rank,product_id,product_name,set,assessors,part_a,part_b,part_c,total,band_stars,stars,\
         certified,status,held_back_by,spread_flag,next_star,nominated_5_star,disqualified_reason,\
         set_status,markers_5_met,producer"
    );
    assert!(
        out.lines()
            .nth(1)
            .unwrap()
            .ends_with(",verified,,HTX Ba Chẽ"),
        "{out}"
    );
    assert_eq!(out.lines().count(), 2);
    assert!(out.contains(",73.00,4,4,true,certified,"), "{out}");
}

#[test]
fn input_errors_exit_1_and_write_nothing() {
    let sheets = product("P", 6, &[72, 74, 73], 4);
    let csv = wide(&sheets);
    let mut lines: Vec<String> = csv.lines().map(String::from).collect();
    let header: Vec<&str> = lines[0].split(',').collect();
    let col = header.iter().position(|h| *h == "1.3").unwrap();
    let mut cells: Vec<String> = lines[2].split(',').map(String::from).collect();
    cells[col] = "4".into();
    lines[2] = cells.join(",");
    let wd = Workdir::new();
    wd.write("bad.csv", lines.join("\n"));
    let run = wd
        .run(&["score", "bad.csv", "--format", "csv", "-o", "out.csv"])
        .fails(1);
    assert!(
        run.stderr.contains(
            "bad.csv:3: column 1.3: 4 is not a valid score for criterion 1.3 (allowed: 0, 1, 2, 3)"
        ),
        "{}",
        run.stderr
    );
    assert!(run.stdout.is_empty());
    assert_eq!(wd.files(), ["bad.csv"], "no output, no temporary file left");
}

#[test]
fn explain_says_what_the_next_star_takes() {
    // 86 with 1.5 at its maximum 3; at 2 instead, 85.
    let sheets: Vec<Sheet> = product("P", 6, &[86; 5], 4)
        .into_iter()
        .map(|s| s.with("1.5", 2))
        .collect();
    assert_eq!(sheets[0].total(), ocop::points::Points::whole(85));
    let wd = Workdir::new();
    wd.write("a.csv", wide(&sheets));
    let out = wd
        .run(&["score", "a.csv", "--explain", "--width", "100"])
        .ok()
        .stdout;
    assert!(
        out.contains("next star: 5★: +5.00 points; 1.5 needs 3 (got 2.00)"),
        "{out}"
    );
    let ascii = wd
        .run(&["score", "a.csv", "--explain", "--ascii", "--width", "100"])
        .ok()
        .stdout;
    assert!(ascii.contains("next star: 5*: +5.00 points"), "{ascii}");
    assert!(ascii.contains("****-"));
    assert!(!ascii.contains('★'));
}

#[test]
fn the_2023_edition_scores_unverified_sets_with_a_notice_and_refuses_incomplete_ones() {
    let wd = Workdir::new();
    let e = ocop::criteria::embedded::Embedded::find("qd148-2023")
        .unwrap()
        .load();
    let set1 = e.set("1").unwrap();
    let mut csv = String::from("product_id,set,assessor,");
    csv.push_str(
        &set1
            .leaves
            .iter()
            .map(|l| l.code.as_str())
            .collect::<Vec<_>>()
            .join(","),
    );
    csv.push('\n');
    for m in ["A", "B", "C"] {
        let pts: Vec<String> = set1.leaves.iter().map(|l| l.max.to_string()).collect();
        csv.push_str(&format!("P1,1,{m},{}\n", pts.join(",")));
    }
    wd.write("old.csv", &csv);
    let run = wd
        .run(&[
            "--criteria",
            "qd148-2023",
            "score",
            "old.csv",
            "--format",
            "csv",
        ])
        .ok();
    assert!(
        run.stderr
            .contains("notice: set 1 (I.1.a) of qd148-2023 is unverified"),
        "{}",
        run.stderr
    );
    assert!(run.stdout.contains(",unverified"));
    let table = wd
        .run(&[
            "--criteria",
            "qd148-2023",
            "score",
            "old.csv",
            "--width",
            "100",
        ])
        .ok()
        .stdout;
    assert!(
        table.contains("Notice: set 1 (I.1.a) of qd148-2023 is unverified"),
        "{table}"
    );
    wd.write("tea.csv", "product_id,set,assessor,1.a\nT1,11,A,1\n");
    let run = wd
        .run(&["--criteria", "qd148-2023", "score", "tea.csv"])
        .fails(1);
    assert!(
        run.stderr.contains("tea.csv:2: column set: set 11 (I.5.a) of qd148-2023 is incomplete and cannot be scored: The transcription does not add up"),
        "{}",
        run.stderr
    );
}

#[test]
fn template_prints_a_sheet_that_scores_once_filled() {
    let wd = Workdir::new();
    let t = wd.run(&["template", "21", "--assessors", "3"]).ok().stdout;
    let lines: Vec<&str> = t.lines().collect();
    assert_eq!(lines.len(), 4);
    assert!(lines[0].starts_with("product_id,product_name,set,assessor,1.1,1.2,"));
    assert!(lines[0].ends_with(",9,disqualified"));
    assert!(lines[1].starts_with(",,21,,"));
    // Filled with each criterion's maximum, it scores 100.
    let e = crate::fixtures::edition();
    let set = e.set("21").unwrap();
    let mut filled = vec![lines[0].to_string()];
    for (i, m) in ["A", "B", "C"].iter().enumerate() {
        let pts: Vec<String> = set.leaves.iter().map(|l| l.max.to_string()).collect();
        filled.push(format!("T{i},Gốm,21,{m},{},", pts.join(",")));
    }
    wd.write("t.csv", filled.join("\n"));
    let v = json(&wd, &["score", "t.csv", "--format", "json"]);
    assert_eq!(v["products"][0]["total"], 100.0);
    wd.run(&["template", "99"]).fails(2);
}

/// The shipped example round: the table a council files and the JSON, as snapshots, and
/// every outcome the README promises.
#[test]
fn the_example_round_shows_every_outcome() {
    let wd = Workdir::new();
    // Copied, so that the warnings' locations name the file as the README does.
    for f in ["quang-ninh-2026.csv", "quang-ninh-2026-long.csv"] {
        let path = crate::common::repo_file(&format!("examples/{f}"));
        wd.write(f, std::fs::read(path).unwrap());
    }
    let (wide, long) = ("quang-ninh-2026.csv", "quang-ninh-2026-long.csv");
    let table = wd.run(&["score", wide, "--width", "100"]).ok().stdout;
    insta::assert_snapshot!("example_table_100", table);
    let ascii = wd
        .run(&["score", wide, "--width", "80", "--ascii", "--explain"])
        .ok()
        .stdout;
    insta::assert_snapshot!("example_explain_ascii_80", ascii);
    let json_text = wd.run(&["score", wide, "--format", "json"]).ok().stdout;
    insta::assert_snapshot!("example_json", json_text);
    // The same report from the long file; only the warnings' locations differ.
    let without_warnings = |text: &str| {
        let mut v: Value = serde_json::from_str(text).unwrap();
        assert_eq!(v["warnings"][0]["code"], "spread");
        v["warnings"] = Value::Null;
        v
    };
    assert_eq!(
        without_warnings(&json_text),
        without_warnings(&wd.run(&["score", long, "--format", "json"]).ok().stdout)
    );
    let v: Value = serde_json::from_str(&json_text).unwrap();
    let products = v["products"].as_array().unwrap();
    for stars in 1..=5 {
        assert!(products.iter().any(|p| p["stars"] == stars), "{stars}★");
    }
    assert!(
        products.iter().any(
            |p| p["stars"].as_u64() < p["band_stars"].as_u64() && p["status"] != "disqualified"
        )
    );
    assert_eq!(
        products
            .iter()
            .filter(|p| p["status"] == "disqualified")
            .count(),
        1
    );
    assert!(products.iter().any(|p| !p["spread_flag"].is_null()));
}

#[test]
fn points_written_in_other_forms_score_as_single_digits_do() {
    // Rows whose cells are all single digits take a fast path; any other form ("3.0",
    // " 2 ", "10") goes cell by cell. Both must give the same report.
    let mut sheets = product("QN-01", 6, &[91, 93, 90, 92, 95], 5);
    sheets.extend(product("QN-02", 21, &[55, 60, 58, 57, 61], 3));
    sheets.extend(product("QN-03", 11, &[75, 78, 76, 74, 77], 4));
    let plain = wide(&sheets);
    let mut lines = plain.lines();
    let header = lines.next().unwrap();
    let first_criterion = header.split(',').position(|h| h == "1.1").unwrap();
    let mut other = format!("{header}\n");
    for (i, line) in lines.enumerate() {
        let cells: Vec<String> = line
            .split(',')
            .enumerate()
            .map(|(c, cell)| match (c >= first_criterion, i % 3) {
                (true, 0) if !cell.is_empty() => format!("{cell}.0"),
                (true, 1) if !cell.is_empty() => format!(" {cell} "),
                _ => cell.to_string(),
            })
            .collect();
        other.push_str(&cells.join(","));
        other.push('\n');
    }
    assert_ne!(plain, other);
    let wd = Workdir::new();
    wd.write("plain.csv", &plain);
    wd.write("other.csv", &other);
    for format in ["csv", "json"] {
        let a = wd.run(&["score", "plain.csv", "--format", format]).ok();
        let b = wd.run(&["score", "other.csv", "--format", format]).ok();
        assert_eq!(a.stdout, b.stdout, "{format}");
    }
}

/// Regression: in long files the 5.2-needs-5.1 check looked for each row's condition by
/// scanning every remembered row (16,000 products: 13 s instead of under 2 s). Now the rows
/// are sorted and bisected; the check still finds the one sheet with 5.2 > 0 and 5.1 = 0,
/// with the rows in reverse order (5.2 read before 5.1), and only that one.
#[test]
fn regression_long_file_conditions_found_in_any_row_order() {
    let wd = Workdir::new();
    let text = std::fs::read_to_string(crate::common::repo_file(
        "examples/quang-ninh-2026-long.csv",
    ))
    .unwrap();
    let mut lines: Vec<String> = text.lines().map(String::from).collect();
    let story = lines
        .iter()
        .position(|l| l.starts_with("QN-2026-001,") && l.contains(",Nguyễn Văn Hùng,5.1,"))
        .expect("the first product's story row");
    lines[story] = lines[story].replace(",Nguyễn Văn Hùng,5.1,5,", ",Nguyễn Văn Hùng,5.1,0,");
    let header = lines.remove(0);
    lines.reverse();
    let n = lines.len();
    // The 5.2 row of the same sheet, after reversing: its line in the new file.
    let structure = lines
        .iter()
        .position(|l| l.starts_with("QN-2026-001,") && l.contains(",Nguyễn Văn Hùng,5.2,"))
        .unwrap();
    assert!(structure < n - story, "5.2 now comes before 5.1");
    wd.write("long.csv", format!("{header}\n{}\n", lines.join("\n")));
    let run = wd.run(&["check", "long.csv", "--format", "json"]).fails(1);
    let doc: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let problems = doc["problems"].as_array().unwrap();
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert_eq!(problems[0]["code"], "criterion_not_applicable");
    assert_eq!(problems[0]["line"], structure as u64 + 2);
    assert_eq!(problems[0]["column"], "points");
}
