//! Issue 13: a real round's messy sheets (warnings, `--strict`, `--ignore-column`, total
//! columns, carried columns named like output columns) and a contract scripts can rely on
//! (JSON documents and codes, completions, the man page, each subcommand's help).

use serde_json::Value;

use crate::common::Workdir;
use crate::fixtures::{MEMBERS, product, wide};

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

/// The codes of a JSON document's warnings.
fn codes(doc: &Value) -> Vec<String> {
    doc["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w["code"].as_str().unwrap().to_string())
        .collect()
}

/// Two products of set 6 scored by five members, the second missing the last member's sheet.
fn missing_sheet() -> String {
    let mut s = product("QN-01", 6, &[80, 82, 81, 79, 80], 4);
    let mut second = product("QN-02", 6, &[60, 61, 62, 60, 61], 3);
    second.pop();
    s.extend(second);
    wide(&s)
}

#[test]
fn a_product_missing_one_members_sheet_is_a_warning_issue_13_finding_1() {
    let wd = Workdir::new();
    wd.write("round.csv", missing_sheet());
    // check: still ok (exit 0), but it says so, located.
    let r = wd.run(&["check", "round.csv"]).ok();
    let missing = MEMBERS[4];
    assert!(
        r.stdout.contains(
            "round.csv:7: warning: product QN-02 was scored by 4 members, other products of set 6 by 5: a member's sheet missing? [fewer_members]"
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.contains(&format!(
            "warning: {missing} scored 1 of the 2 products, not QN-02 [member_missing_products]"
        )),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout.ends_with(
            "ok: 1 file, 2 products, 5 members, 9 sheets; 2 warnings (--strict makes them errors)\n"
        ),
        "{}",
        r.stdout
    );
    // check --format json: the warnings with their codes and locations.
    let doc = json(
        &wd.run(&["check", "round.csv", "--format", "json"])
            .ok()
            .stdout,
    );
    assert_eq!(doc["ok"], true);
    assert_eq!(codes(&doc), ["fewer_members", "member_missing_products"]);
    let w = &doc["warnings"][0];
    assert_eq!(
        (&w["file"], &w["line"], &w["product_id"]),
        (&"round.csv".into(), &7.into(), &"QN-02".into())
    );
    assert_eq!(doc["warnings"][1]["member"], missing);
    assert_eq!(doc["warnings"][1]["products"], serde_json::json!(["QN-02"]));
    assert_eq!(
        doc["read"],
        serde_json::json!({"files": 1, "products": 2, "members": 5, "sheets": 9})
    );
    // score: the table lists them after the report; JSON carries them; CSV says them on
    // standard error and keeps its format.
    let table = wd
        .run(&["score", "round.csv", "--width", "200"])
        .ok()
        .stdout;
    let at = table.find("Warnings (2):").expect("a warnings heading");
    assert!(table[at..].contains("[fewer_members]") && table[at..].contains("QN-02"));
    let doc = json(
        &wd.run(&["score", "round.csv", "--format", "json"])
            .ok()
            .stdout,
    );
    assert_eq!(codes(&doc), ["fewer_members", "member_missing_products"]);
    let r = wd.run(&["score", "round.csv", "--format", "csv"]).ok();
    assert!(!r.stdout.contains("warning"));
    assert!(r.stderr.contains("[fewer_members]"), "{}", r.stderr);
}

#[test]
fn strict_turns_warnings_into_errors_and_writes_nothing() {
    let wd = Workdir::new();
    wd.write("round.csv", missing_sheet());
    for format in ["table", "csv", "json", "html"] {
        let out = format!("out.{format}");
        let r = wd
            .run(&[
                "score",
                "round.csv",
                "--strict",
                "--format",
                format,
                "-o",
                &out,
            ])
            .fails(1);
        assert!(!wd.exists(&out), "{format}: nothing written");
        assert!(
            r.stderr.contains("error (--strict): product QN-02")
                && r.stderr
                    .contains("ocop: 2 warnings with --strict; nothing was written"),
            "{}",
            r.stderr
        );
        if format == "json" {
            // The problems document, on standard output, with the warnings.
            let doc = json(&r.stdout);
            assert_eq!((&doc["ok"], &doc["strict"]), (&false.into(), &true.into()));
            assert_eq!(codes(&doc), ["fewer_members", "member_missing_products"]);
        }
    }
    let r = wd.run(&["check", "round.csv", "--strict"]).fails(1);
    assert!(
        r.stdout.contains("error (--strict)")
            && r.stdout.ends_with(
                "2 warnings, errors with --strict (read: 1 file, 2 products, 5 members, 9 sheets)\n"
            ),
        "{}",
        r.stdout
    );
    let doc = json(
        &wd.run(&["check", "round.csv", "--strict", "--format", "json"])
            .fails(1)
            .stdout,
    );
    assert_eq!((&doc["ok"], &doc["strict"]), (&false.into(), &true.into()));
    // register import: nothing recorded, no register created.
    let r = wd
        .run(&[
            "register",
            "import",
            "round.csv",
            "--db",
            "reg.db",
            "--decision",
            "1/QĐ-UBND",
            "--issued",
            "2026-06-30",
            "--strict",
        ])
        .fails(1);
    assert!(r.stderr.contains("[fewer_members]"), "{}", r.stderr);
    assert!(!wd.exists("reg.db"));
    // Without warnings, --strict changes nothing.
    wd.write("clean.csv", wide(&product("QN-01", 6, &[80, 82, 81], 4)));
    wd.run(&["score", "clean.csv", "--strict"]).ok();
    wd.run(&["check", "clean.csv", "--strict"]).ok();
}

#[test]
fn a_lower_case_id_is_a_similar_id_warning_issue_13_finding_1() {
    let mut s = product("HG-2026-01", 6, &[80, 82, 81, 79], 4);
    let mut typo = product("hg-2026-01", 6, &[80], 4);
    typo[0].assessor = MEMBERS[4].into();
    s.extend(typo);
    let wd = Workdir::new();
    wd.write("round.csv", wide(&s));
    let doc = json(
        &wd.run(&["check", "round.csv", "--format", "json"])
            .ok()
            .stdout,
    );
    let similar: Vec<&Value> = doc["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|w| w["code"] == "similar_ids")
        .collect();
    assert_eq!(similar.len(), 1, "{doc:#}");
    assert_eq!(
        similar[0]["products"],
        serde_json::json!(["HG-2026-01", "hg-2026-01"])
    );
    // Located at the odd one out: the lower-case row, line 6.
    assert_eq!(
        (&similar[0]["product_id"], &similar[0]["line"]),
        (&"hg-2026-01".into(), &6.into())
    );
    let all = codes(&doc);
    for code in ["few_members", "fewer_members", "member_missing_products"] {
        assert!(all.iter().any(|c| c == code), "{code}: {all:?}");
    }
    let text = wd.run(&["check", "round.csv"]).ok().stdout;
    assert!(
        text.contains(
            "product ids HG-2026-01, hg-2026-01 differ only by case, spaces or Unicode form"
        ),
        "{text}"
    );
    // Spaces and full-width letters count as the same id too.
    let mut s = product("HG-2026-01", 6, &[80, 82, 81], 4);
    s.extend(product("ＨＧ-2026-01 ", 6, &[80, 82, 81], 4));
    s.extend(product("HG -2026-01", 6, &[80, 82, 81], 4));
    wd.write("forms.csv", wide(&s));
    let doc = json(
        &wd.run(&["check", "forms.csv", "--format", "json"])
            .ok()
            .stdout,
    );
    assert_eq!(codes(&doc), ["similar_ids"]);
    assert_eq!(doc["warnings"][0]["products"].as_array().unwrap().len(), 3);
}

#[test]
fn member_names_that_differ_only_by_case_are_a_warning() {
    let mut s = product("QN-01", 6, &[80, 82, 81], 4);
    let mut second = product("QN-02", 6, &[60, 61, 62], 3);
    second[0].assessor = MEMBERS[0].to_lowercase();
    s.extend(second);
    let wd = Workdir::new();
    wd.write("round.csv", wide(&s));
    let doc = json(
        &wd.run(&["check", "round.csv", "--format", "json"])
            .ok()
            .stdout,
    );
    let w = doc["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["code"] == "similar_ids")
        .expect("similar member names");
    assert_eq!(
        w["members"],
        serde_json::json!([MEMBERS[0], MEMBERS[0].to_lowercase()])
    );
    assert_eq!(w["products"], serde_json::json!([]));
}

#[test]
fn fewer_than_three_members_is_a_warning() {
    let wd = Workdir::new();
    wd.write("two.csv", wide(&product("QN-01", 6, &[80, 82], 4)));
    let r = wd.run(&["check", "two.csv"]).ok();
    assert!(
        r.stdout.contains(
            "two.csv:2: warning: product QN-01 was scored by 2 members, fewer than 3 [few_members]"
        ),
        "{}",
        r.stdout
    );
    let doc = json(
        &wd.run(&["check", "two.csv", "--format", "json"])
            .ok()
            .stdout,
    );
    assert_eq!(
        codes(&doc),
        ["few_members"],
        "one product: no other to compare"
    );
    wd.write("three.csv", wide(&product("QN-01", 6, &[80, 82, 81], 4)));
    let doc = json(
        &wd.run(&["check", "three.csv", "--format", "json"])
            .ok()
            .stdout,
    );
    assert_eq!(codes(&doc), Vec::<String>::new());
}

#[test]
fn a_spread_above_max_spread_is_a_warning_too() {
    let wd = Workdir::new();
    wd.write("round.csv", wide(&product("QN-01", 6, &[70, 82, 75], 4)));
    let doc = json(
        &wd.run(&["score", "round.csv", "--format", "json"])
            .ok()
            .stdout,
    );
    assert_eq!(codes(&doc), ["spread"]);
    assert!(!doc["products"][0]["spread_flag"].is_null(), "still a flag");
    let w = &doc["warnings"][0];
    assert_eq!((&w["product_id"], &w["line"]), (&"QN-01".into(), &2.into()));
    assert!(
        w["message"]
            .as_str()
            .unwrap()
            .starts_with("product QN-01: members' totals differ by 12 points, more than 10"),
        "{w}"
    );
    let doc = json(
        &wd.run(&[
            "check",
            "round.csv",
            "--format",
            "json",
            "--max-spread",
            "12",
        ])
        .ok()
        .stdout,
    );
    assert_eq!(codes(&doc), Vec::<String>::new());
    wd.run(&["score", "round.csv", "--strict"]).fails(1);
    wd.run(&["score", "round.csv", "--strict", "--max-spread", "15"])
        .ok();
}

#[test]
fn warnings_follow_lang() {
    let wd = Workdir::new();
    wd.write("two.csv", wide(&product("QN-01", 6, &[80, 82], 4)));
    let r = wd.run(&["--lang", "vi", "check", "two.csv"]).ok();
    assert!(
        r.stdout.contains(
            "two.csv:2: cảnh báo: sản phẩm QN-01 chỉ được 2 thành viên chấm, ít hơn 3 [few_members]"
        ),
        "{}",
        r.stdout
    );
    assert!(
        r.stdout
            .contains("ok: 1 tệp, 1 sản phẩm, 2 thành viên, 2 phiếu chấm")
    );
    // The code stays English in every language.
    let doc = json(
        &wd.run(&["--lang", "vi", "check", "two.csv", "--format", "json"])
            .ok()
            .stdout,
    );
    assert_eq!(codes(&doc), ["few_members"]);
}

/// A wide file with one more column, `name`, valued per row by `value(row)`.
fn with_column(csv: &str, name: &str, value: impl Fn(usize) -> String) -> String {
    let mut lines = csv.lines();
    let mut out = format!("{},{name}\n", lines.next().unwrap());
    for (i, l) in lines.enumerate() {
        out.push_str(&format!("{l},{}\n", value(i)));
    }
    out
}

#[test]
fn ignore_column_drops_a_column_from_every_input() {
    let base = wide(&product("QN-01", 6, &[80, 82, 81], 4));
    // Notes that differ per member fail as a carried column…
    let notes = with_column(&base, "Ghi chú", |i| format!("phiếu {i}"));
    let wd = Workdir::new();
    wd.write("notes.csv", &notes);
    let r = wd.run(&["check", "notes.csv"]).fails(1);
    assert!(r.stdout.contains("column Ghi chú:"), "{}", r.stdout);
    // …and are dropped with --ignore-column (matched case-insensitively), carried nowhere.
    wd.run(&["check", "notes.csv", "--ignore-column", "GHI CHÚ"])
        .ok();
    let csv = wd
        .run(&[
            "score",
            "notes.csv",
            "--format",
            "csv",
            "--ignore-column",
            "ghi chú",
        ])
        .ok()
        .stdout;
    assert!(!csv.contains("Ghi chú") && !csv.contains("phiếu"), "{csv}");
    let doc = json(
        &wd.run(&[
            "score",
            "notes.csv",
            "--format",
            "json",
            "--ignore-column",
            "Ghi chú",
        ])
        .ok()
        .stdout,
    );
    assert_eq!(doc["products"][0]["carried"], serde_json::json!({}));
    // A total column ignored is not checked.
    let wrong = with_column(&base, "Tổng điểm", |_| "99".into());
    wd.write("wrong.csv", &wrong);
    wd.run(&["check", "wrong.csv"]).fails(1);
    wd.run(&["check", "wrong.csv", "--ignore-column", "Tổng điểm"])
        .ok();
    // Repeatable; a name no input has is a warning (an error with --strict).
    let r = wd
        .run(&[
            "check",
            "notes.csv",
            "--ignore-column",
            "ghi chú",
            "--ignore-column",
            "Ghi chu",
        ])
        .ok();
    assert!(
        r.stdout.contains(
            "warning: --ignore-column Ghi chu: no input has this column [ignored_column_unused]"
        ),
        "{}",
        r.stdout
    );
    wd.run(&[
        "check",
        "notes.csv",
        "--ignore-column",
        "Ghi chu",
        "--ignore-column",
        "ghi chú",
        "--strict",
    ])
    .fails(1);
    // A column every row needs cannot be ignored.
    let r = wd
        .run(&["check", "notes.csv", "--ignore-column", "Assessor"])
        .fails(2);
    assert!(
        r.stderr
            .contains("--ignore-column Assessor: every row needs this column")
    );
    // Found in one input of several: no warning.
    wd.write("plain.csv", base.replace("QN-01", "QN-02"));
    let doc = json(
        &wd.run(&[
            "check",
            "plain.csv",
            "notes.csv",
            "--ignore-column",
            "ghi chú",
            "--format",
            "json",
        ])
        .ok()
        .stdout,
    );
    assert_eq!(codes(&doc), Vec::<String>::new());
}

#[test]
fn a_total_column_equal_is_fine_different_is_a_located_error_naming_both_sums() {
    let base = wide(&product("QN-01", 6, &[80, 82, 81], 4));
    let wd = Workdir::new();
    for name in ["total", "Total", "Tổng điểm", "TỔNG ĐIỂM"] {
        let good = with_column(&base, name, |i| ["80", "82.00", "81"][i].into());
        wd.write("good.csv", &good);
        wd.run(&["check", "good.csv"]).ok();
        let csv = wd
            .run(&["score", "good.csv", "--format", "csv"])
            .ok()
            .stdout;
        let header = csv.lines().next().unwrap();
        assert_eq!(
            header.matches(",total,").count(),
            1,
            "{name}: the report's own total only: {header}"
        );
        let bad = with_column(&base, name, |i| ["80", "91", "81"][i].into());
        wd.write("bad.csv", &bad);
        let doc = json(
            &wd.run(&["check", "bad.csv", "--format", "json"])
                .fails(1)
                .stdout,
        );
        assert_eq!(doc["problems_total"], 1);
        let p = &doc["problems"][0];
        assert_eq!(
            (&p["line"], &p["column"], &p["code"]),
            (&3.into(), &name.into(), &"total_differs".into()),
            "{p}"
        );
        assert_eq!(
            p["message"],
            "the row's total 91 differs from the sum of its criteria, 82: a criterion or the total was mistyped"
        );
        let nan = with_column(&base, name, |i| ["80", "tám hai", "81"][i].into());
        wd.write("nan.csv", &nan);
        let r = wd.run(&["check", "nan.csv"]).fails(1);
        assert!(
            r.stdout.contains(&format!(
                "nan.csv:3: column {name}: \"tám hai\" is not a number: the row's total (the sum of its criteria is 82)"
            )),
            "{}",
            r.stdout
        );
    }
}

#[test]
fn carried_columns_named_like_output_columns_are_renamed_issue_13_finding_4() {
    let base = wide(&product("QN-01", 6, &[80, 82, 81], 4));
    let mut lines = base.lines();
    let mut csv = format!("{},stars,rank,Status,assessors\n", lines.next().unwrap());
    for l in lines {
        csv.push_str(&format!("{l},5,1,đã duyệt,ba người\n"));
    }
    let wd = Workdir::new();
    wd.write("round.csv", &csv);
    let out = wd
        .run(&["score", "round.csv", "--format", "csv"])
        .ok()
        .stdout;
    let header: Vec<&str> = out.lines().next().unwrap().split(',').collect();
    for name in ["stars", "rank", "status", "assessors"] {
        assert_eq!(
            header
                .iter()
                .filter(|h| h.eq_ignore_ascii_case(name))
                .count(),
            1,
            "{name} once: {header:?}"
        );
    }
    assert!(header.ends_with(&[
        "input_stars",
        "input_rank",
        "input_Status",
        "input_assessors"
    ]));
    let mut reader = csv::Reader::from_reader(out.as_bytes());
    let h = reader.headers().unwrap().clone();
    let row = reader.records().next().unwrap().unwrap();
    let cell = |n: &str| row.get(h.iter().position(|x| x == n).unwrap()).unwrap();
    assert_eq!((cell("stars"), cell("input_stars")), ("4", "5"));
    assert_eq!(cell("input_Status"), "đã duyệt");
    let doc = json(
        &wd.run(&["score", "round.csv", "--format", "json"])
            .ok()
            .stdout,
    );
    assert_eq!(
        doc["products"][0]["carried"],
        serde_json::json!({"input_stars": "5", "input_rank": "1", "input_Status": "đã duyệt", "input_assessors": "ba người"})
    );
}

#[test]
fn score_format_json_prints_input_problems_as_json() {
    let wd = Workdir::new();
    let bad = wide(&product("QN-01", 6, &[80, 82, 81], 4)).replacen(",3,", ",x,", 1);
    wd.write("bad.csv", &bad);
    let r = wd
        .run(&["score", "bad.csv", "--format", "json", "-o", "out.json"])
        .fails(1);
    assert!(!wd.exists("out.json"));
    let doc = json(&r.stdout);
    assert_eq!(doc["schema_version"], ocop::render::json::SCHEMA_VERSION);
    assert_eq!(
        (&doc["ok"], &doc["problems_total"]),
        (&false.into(), &1.into())
    );
    assert_eq!(doc["problems"][0]["code"], "invalid_score");
    assert_eq!(doc["read"], Value::Null);
    assert!(
        r.stderr
            .contains("1 problem in the input; nothing was written")
    );
    // Text formats keep the problems on standard error only.
    let r = wd.run(&["score", "bad.csv"]).fails(1);
    assert!(r.stdout.is_empty());
    assert!(r.stderr.contains("bad.csv:2:"), "{}", r.stderr);
}

#[test]
fn every_json_output_follows_its_schema() {
    // Runs every JSON output once more, explicitly: the report (ok, disqualified,
    // nominated, with warnings), the problems documents, the criteria list and a set.
    let wd = Workdir::new();
    let example = crate::common::repo_file("examples/quang-ninh-2026.csv");
    wd.write("example.csv", std::fs::read(example).unwrap());
    let doc = json(
        &wd.run(&["score", "example.csv", "--format", "json"])
            .ok()
            .stdout,
    );
    let statuses: Vec<&str> = doc["products"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["status"].as_str().unwrap())
        .collect();
    assert!(statuses.contains(&"disqualified") && statuses.contains(&"nominated"));
    assert!(!codes(&doc).is_empty());
    crate::schema::assert_valid("score", &doc);
    let central = json(
        &wd.run(&[
            "score",
            "example.csv",
            "--format",
            "json",
            "--council",
            "central",
        ])
        .ok()
        .stdout,
    );
    crate::schema::assert_valid("score", &central);
    wd.write("round.csv", missing_sheet());
    for args in [
        &["check", "round.csv", "--format", "json"][..],
        &["check", "round.csv", "--format", "json", "--strict"],
        &["score", "round.csv", "--format", "json", "--strict"],
    ] {
        let r = wd.run(args);
        let doc = json(&r.stdout);
        crate::schema::assert_valid("check", &doc);
        crate::schema::assert_valid("score", &doc);
    }
    wd.write("bad.csv", "product_id,set,assessor,1.1\nP,6,A,9\n");
    let doc = json(
        &wd.run(&["check", "bad.csv", "--format", "json"])
            .fails(1)
            .stdout,
    );
    assert!(doc["problems_total"].as_u64().unwrap() > 0);
    crate::schema::assert_valid("check", &doc);
    for args in [
        &["criteria", "--format", "json"][..],
        &["criteria", "show", "6", "--format", "json"],
        &[
            "--criteria",
            "qd148-2023",
            "criteria",
            "show",
            "6",
            "--format",
            "json",
        ],
    ] {
        crate::schema::assert_valid("criteria", &json(&wd.run(args).ok().stdout));
    }
    for n in 1..=26 {
        let set = n.to_string();
        let doc = json(
            &wd.run(&["criteria", "show", &set, "--format", "json"])
                .ok()
                .stdout,
        );
        crate::schema::assert_valid("criteria", &doc);
    }
}

#[test]
fn check_says_what_it_read() {
    let wd = Workdir::new();
    let example = crate::common::repo_file("examples/quang-ninh-2026.csv");
    wd.write("example.csv", std::fs::read(example).unwrap());
    let r = wd.run(&["check", "example.csv", "--max-spread", "20"]).ok();
    assert_eq!(r.stdout, "ok: 1 file, 13 products, 5 members, 65 sheets\n");
    wd.write("a.csv", wide(&product("QN-01", 6, &[80, 82, 81], 4)));
    wd.write("b.csv", wide(&product("QN-02", 6, &[60, 61, 62], 3)));
    let r = wd.run(&["check", "a.csv", "b.csv"]).ok();
    assert_eq!(r.stdout, "ok: 2 files, 2 products, 3 members, 6 sheets\n");
}

#[test]
fn the_criteria_editions_table_has_a_heading_for_every_column_issue_13_finding_10() {
    let wd = Workdir::new();
    let out = wd.run(&["criteria", "--width", "100"]).ok().stdout;
    let heading = out.lines().nth(1).unwrap();
    let cells: Vec<&str> = heading
        .trim_matches(|c| c == '│' || c == ' ')
        .split('┆')
        .map(str::trim)
        .collect();
    assert_eq!(cells, ["Edition", "Decision", "Status"], "{out}");
}

#[test]
fn completions_for_every_shell() {
    let wd = Workdir::new();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let out = wd.run(&["completions", shell]).ok().stdout;
        assert!(out.contains("ocop"), "{shell}");
        for sub in ["score", "check", "template", "criteria", "register", "diff"] {
            assert!(out.contains(sub), "{shell}: {sub}");
        }
        assert!(
            out.contains("ignore-column") && out.contains("strict"),
            "{shell}"
        );
    }
    let bash = wd.run(&["completions", "bash"]).ok().stdout;
    wd.write("ocop.bash", &bash);
    let r = std::process::Command::new("bash")
        .args(["-n", "ocop.bash"])
        .current_dir(wd.path(""))
        .output()
        .expect("bash runs");
    assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    if which("zsh") {
        wd.write("_ocop", wd.run(&["completions", "zsh"]).ok().stdout);
        let r = std::process::Command::new("zsh")
            .args(["-n", "_ocop"])
            .current_dir(wd.path(""))
            .output()
            .unwrap();
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
    }
    wd.run(&["completions", "tcsh"]).fails(2);
}

fn which(tool: &str) -> bool {
    std::process::Command::new("sh")
        .args(["-c", &format!("command -v {tool}")])
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn the_man_page_names_every_subcommand() {
    let wd = Workdir::new();
    let page = wd.run(&["man"]).ok().stdout;
    // clap_mangen's first lines define a string (`.ie`/`.el`); the title comes next.
    let first_macro = page
        .lines()
        .find(|l| !l.starts_with(".ie") && !l.starts_with(".el"))
        .unwrap();
    assert!(first_macro.starts_with(".TH ocop 1"), "{first_macro}");
    assert!(!first_macro.contains("embedded"), "one line of version");
    for sub in [
        "score",
        "check",
        "template",
        "criteria",
        "register",
        "diff",
        "completions",
        "man",
    ] {
        assert!(page.contains(&format!("ocop\\-{sub}")), "listed: {sub}");
        assert!(
            page.contains(&format!(".SH \"OCOP {}\"", sub.to_uppercase())),
            "a section: {sub}"
        );
    }
    for action in ["REGISTER IMPORT", "REGISTER DUE", "CRITERIA SHOW"] {
        assert!(page.contains(&format!(".SH \"OCOP {action}\"")), "{action}");
    }
    assert!(page.contains("Exit status"));
    if which("man") {
        wd.write("ocop.1", &page);
        let r = std::process::Command::new("man")
            .args(["-l", "ocop.1"])
            .env("MANWIDTH", "80")
            .current_dir(wd.path(""))
            .output()
            .unwrap();
        assert!(r.status.success(), "{}", String::from_utf8_lossy(&r.stderr));
        assert!(String::from_utf8_lossy(&r.stdout).contains("OCOP SCORE"));
    }
}

#[test]
fn each_subcommand_help_gives_exit_statuses_and_an_example() {
    let wd = Workdir::new();
    for sub in [
        "score",
        "check",
        "template",
        "criteria",
        "register",
        "diff",
        "completions",
        "man",
    ] {
        let help = wd.run(&[sub, "--help"]).ok().stdout;
        assert!(help.contains("Exit status: 0"), "{sub}:\n{help}");
        assert!(
            help.contains(&format!("Example:\n  ocop {sub}")),
            "{sub}:\n{help}"
        );
    }
    let score = wd.run(&["score", "--help"]).ok().stdout;
    assert!(score.contains("--strict") && score.contains("--ignore-column <NAME>"));
    let top = wd.run(&["--help"]).ok().stdout;
    assert!(top.contains("ocop man") && top.contains("ocop completions"));
}

/// Issue 13 finding 6: reading standard input from a terminal says so on standard error
/// (run under `script`, which gives the child a terminal); from a pipe it says nothing.
#[test]
fn a_hint_when_reading_standard_input_from_a_terminal() {
    let wd = Workdir::new();
    wd.write("a.csv", wide(&product("QN-01", 6, &[80, 82, 81], 4)));
    let piped = wd
        .run_with_stdin(&["score"], wd.read("a.csv").as_bytes())
        .ok();
    assert!(!piped.stderr.contains("standard input"), "{}", piped.stderr);
    if !which("script") {
        assert!(
            std::env::var("CI").is_err(),
            "`script` (util-linux) is needed under CI"
        );
        eprintln!("skipped: no `script` on this machine");
        return;
    }
    use std::io::Read;
    let bin = env!("CARGO_BIN_EXE_ocop");
    let mut child = std::process::Command::new("script")
        .args(["-qfec", &format!("{bin} check"), "/dev/null"])
        .current_dir(wd.path(""))
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::null())
        .spawn()
        .expect("script runs");
    let mut stdout = child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let mut seen = Vec::new();
        let mut buf = [0u8; 256];
        while let Ok(n) = stdout.read(&mut buf) {
            if n == 0 {
                break;
            }
            seen.extend_from_slice(&buf[..n]);
            if seen.windows(14).any(|w| w == b"standard input") {
                break;
            }
        }
        let _ = tx.send(String::from_utf8_lossy(&seen).into_owned());
    });
    let seen = rx
        .recv_timeout(std::time::Duration::from_secs(10))
        .unwrap_or_default();
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        seen.contains("reading the members' sheets from standard input") && seen.contains("Ctrl-D"),
        "{seen:?}"
    );
}

/// Regression: a 200,000-product batch printed every one of its 5,600 spread warnings on
/// standard error, and kept every product a member did not score (5 million ids, 250 MB).
/// Warnings are shown up to --max-errors, then counted; the JSON has them all.
#[test]
fn regression_warnings_are_shown_up_to_max_errors_then_counted() {
    let wd = Workdir::new();
    let mut s = Vec::new();
    for i in 0..4 {
        s.extend(product(&format!("QN-0{i}"), 6, &[70, 82, 75], 4));
    }
    wd.write("round.csv", wide(&s));
    let run = wd
        .run(&["score", "round.csv", "--format", "csv", "--max-errors", "2"])
        .ok();
    let lines: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.contains("[spread]"))
        .collect();
    assert_eq!(lines.len(), 2, "{}", run.stderr);
    assert!(
        run.stderr.contains(
            "… and 2 more warnings (--max-errors to see more; --format json lists them all)"
        ),
        "{}",
        run.stderr
    );
    let check = wd.run(&["check", "round.csv", "--max-errors", "3"]).ok();
    assert_eq!(
        check.stdout.matches("[spread]").count(),
        3,
        "{}",
        check.stdout
    );
    assert!(check.stdout.contains("… and 1 more warnings"));
    let table = wd.run(&["score", "round.csv", "--max-errors", "1"]).ok();
    assert_eq!(
        table.stdout.matches("[spread]").count(),
        1,
        "{}",
        table.stdout
    );
    let doc = json(
        &wd.run(&[
            "score",
            "round.csv",
            "--format",
            "json",
            "--max-errors",
            "1",
        ])
        .ok()
        .stdout,
    );
    assert_eq!(codes(&doc), ["spread"; 4]);
}

/// A member who missed many products names the first ones, and says how many.
#[test]
fn a_member_missing_many_products_names_the_first_and_counts_the_rest() {
    let wd = Workdir::new();
    let mut s = Vec::new();
    for i in 0..30 {
        let members: &[u32] = if i < 18 {
            &[80, 81, 80, 82]
        } else {
            &[80, 81, 80]
        };
        s.extend(product(&format!("QN-{i:02}"), 6, members, 4));
    }
    wd.write("round.csv", wide(&s));
    let doc = json(
        &wd.run(&["score", "round.csv", "--format", "json"])
            .ok()
            .stdout,
    );
    let w = doc["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["code"] == "member_missing_products")
        .expect("the fourth member scored 18 products of 30");
    assert_eq!(w["products"].as_array().unwrap().len(), 12);
    let m = w["message"].as_str().unwrap();
    assert!(m.contains("scored 18 of the 30 products"), "{m}");
    assert!(m.ends_with("QN-27, … +2"), "{m}");
}
