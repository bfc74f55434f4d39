//! Bad input, Excel-made files and safe output: every class of problem is reported with its
//! file, line and column, the exit status is 1, and no output file appears.

use crate::common::{Run, Workdir};
use crate::fixtures::{Sheet, product, utf16le, wide, windows_1258};

/// A valid wide file of two products (sets 6 and 21) to spoil.
fn good() -> String {
    let mut s = product("QN-01", 6, &[80, 82, 81], 4);
    s.extend(product("QN-02", 21, &[60, 61, 62], 3));
    wide(&s)
}

fn header(csv: &str) -> Vec<String> {
    csv.lines()
        .next()
        .unwrap()
        .split(',')
        .map(String::from)
        .collect()
}

/// `csv` with the cell at (line, column name) replaced.
fn set_cell(csv: &str, line: usize, column: &str, value: &str) -> String {
    let col = header(csv).iter().position(|h| h == column).unwrap();
    csv.lines()
        .enumerate()
        .map(|(i, l)| {
            if i + 1 == line {
                let mut cells: Vec<&str> = l.split(',').collect();
                cells[col] = value;
                cells.join(",")
            } else {
                l.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// Scores `csv` to `-o out.csv`: expects exit 1, no output file, and `expected` in stderr.
#[track_caller]
fn refused(csv: impl AsRef<[u8]>, expected: &[&str]) -> Run {
    let wd = Workdir::new();
    wd.write("in.csv", csv);
    let run = wd
        .run(&["score", "in.csv", "--format", "csv", "-o", "out.csv"])
        .fails(1);
    for e in expected {
        assert!(run.stderr.contains(e), "expected {e:?} in:\n{}", run.stderr);
    }
    assert_eq!(wd.files(), ["in.csv"], "no output and no temporary file");
    assert!(run.stdout.is_empty());
    // `check` finds the same problems.
    let check = wd.run(&["check", "in.csv"]).fails(1);
    for e in expected {
        assert!(
            check.stdout.contains(e),
            "check: expected {e:?} in:\n{}",
            check.stdout
        );
    }
    run
}

#[test]
fn ragged_row() {
    let csv = good().replacen("\nQN-01,", "\nQN-01,extra,", 1);
    refused(
        csv,
        &[
            "in.csv:2: has 38 fields, but the header has 37: a ragged row (a missing or extra delimiter?)",
        ],
    );
}

#[test]
fn missing_required_columns_are_all_listed() {
    let csv = good().replacen(
        "product_id,product_name,set,assessor",
        "id,product_name,set,member",
        1,
    );
    refused(
        csv,
        &[
            "in.csv:1: missing required columns: product_id, assessor (the header has: id, product_name, set, member,",
        ],
    );
}

#[test]
fn duplicate_header() {
    let csv = good().replacen("product_name", "Assessor", 1);
    refused(
        csv,
        &[
            "in.csv:1: column assessor: duplicate column: columns 2 and 4 are both named \"assessor\"",
        ],
    );
}

#[test]
fn criterion_column_not_in_the_rows_set() {
    // 1.7 is a criterion of set 6 but not of set 21, whose rows are lines 5–7.
    let csv = set_cell(&good(), 5, "1.7", "1");
    refused(
        csv,
        &[
            "in.csv:5: column 1.7: set 21 (IV.1) has no criterion 1.7; leave this cell empty in its rows",
        ],
    );
}

#[test]
fn empty_cell_for_a_needed_criterion() {
    let csv = set_cell(&good(), 3, "2.2", "");
    refused(
        csv,
        &["in.csv:3: column 2.2: empty: criterion 2.2 needs a score (allowed: 0, 1, 2, 3)"],
    );
}

#[test]
fn non_numeric_negative_nan_and_infinite_points() {
    let csv = set_cell(&good(), 2, "1.1", "ba");
    let csv = set_cell(&csv, 3, "1.1", "-1");
    let csv = set_cell(&csv, 4, "1.1", "NaN");
    let csv = set_cell(&csv, 5, "1.1", "inf");
    refused(
        csv,
        &[
            "in.csv:2: column 1.1: \"ba\" is not a number (allowed: 0, 1, 2, 3)",
            "in.csv:3: column 1.1: \"-1\" is negative (allowed: 0, 1, 2, 3)",
            "in.csv:4: column 1.1: \"NaN\" is not a number",
            "in.csv:5: column 1.1: \"inf\" is not a number",
        ],
    );
}

#[test]
fn points_that_are_not_an_option() {
    // Set 6, 2.1 has options 0, 1, 2, 3? No: its ladder; 2.5 is never an option.
    let csv = set_cell(&good(), 2, "1.5", "2.5");
    refused(
        csv,
        &["in.csv:2: column 1.5: 2.5 is not a valid score for criterion 1.5 (allowed: 0, 1, 2, 3)"],
    );
}

#[test]
fn unknown_set() {
    let csv = set_cell(&good(), 2, "set", "27");
    let csv = set_cell(&csv, 3, "set", "I.9");
    refused(
        csv,
        &[
            "in.csv:2: column set: \"27\" is not a set of qd26-2026: expected a number 1–26 or a code such as I.3.b",
            "in.csv:3: column set: \"I.9\" is not a set of qd26-2026",
        ],
    );
}

#[test]
fn the_same_member_twice_for_one_product() {
    let csv = set_cell(&good(), 3, "assessor", "Nguyễn Văn Hùng");
    refused(
        csv,
        &[
            "in.csv:3: column assessor: Nguyễn Văn Hùng has already scored product QN-01 (its rows start on line 2); each member scores a product once",
        ],
    );
}

#[test]
fn the_same_member_typed_in_another_unicode_form_is_still_the_same() {
    use unicode_normalization::UnicodeNormalization;
    let decomposed: String = "Nguyễn Văn Hùng".nfd().collect();
    let csv = set_cell(&good(), 3, "assessor", &decomposed);
    refused(
        csv,
        &[
            "in.csv:3: column assessor:",
            "has already scored product QN-01 (its rows start on line 2)",
        ],
    );
}

#[test]
fn one_product_under_two_sets() {
    let mut s = product("QN-01", 6, &[80, 82], 4);
    s.extend(product("QN-01", 21, &[60], 3).into_iter().map(|mut x| {
        x.assessor = "Vũ Đức Thắng".into();
        x
    }));
    refused(
        wide(&s),
        &[
            "in.csv:4: column set: product QN-01 is under set 21 (IV.1) here, but under set 6 (I.3.b) on line 2; one product is scored against one set",
        ],
    );
}

#[test]
fn a_set_marked_incomplete_is_refused_with_why() {
    let wd = Workdir::new();
    wd.write("in.csv", "product_id,set,assessor,1.a\nT1,13,A,1\n");
    let run = wd
        .run(&["--criteria", "qd148-2023", "score", "in.csv"])
        .fails(1);
    assert!(
        run.stderr.contains("in.csv:2: column set: set 13 (I.6) of qd148-2023 is incomplete and cannot be scored: The transcription does not add up (part C: sections sum to 33, part max 35)"),
        "{}",
        run.stderr
    );
}

#[test]
fn blank_lines_are_skipped() {
    let csv = good()
        .replace('\n', "\n\n")
        .replacen("\n\n", "\n,,,\n   \n", 1);
    let wd = Workdir::new();
    wd.write("in.csv", &csv);
    let blank = wd.run(&["score", "in.csv", "--format", "csv"]).ok().stdout;
    wd.write("plain.csv", good());
    assert_eq!(
        blank,
        wd.run(&["score", "plain.csv", "--format", "csv"])
            .ok()
            .stdout
    );
}

#[test]
fn long_file_problems() {
    let wd = Workdir::new();
    wd.write(
        "in.csv",
        "product_id,set,assessor,criterion,points\n\
         P,6,A,1.1,2\n\
         P,6,A,1.1,3\n\
         P,6,A,9.9,1\n\
         P,11,B,6.1,1\n",
    );
    let run = wd.run(&["check", "in.csv"]).fails(1);
    let out = run.stdout;
    assert!(
        out.contains(
            "in.csv:2: A has no points for product P on criteria of set 6 (I.3.b): 1.2, 1.3,"
        ),
        "{out}"
    );
    assert!(out.contains("in.csv:3: column criterion: A has already given points on 1.1 for product P; one row per criterion"), "{out}");
    assert!(
        out.contains("in.csv:4: column criterion: \"9.9\" is not a criterion of set 6 (I.3.b)"),
        "{out}"
    );
    assert!(out.contains("in.csv:5: column set: product P is under set 11 (I.5.a) here, but under set 6 (I.3.b) on line 2"), "{out}");
}

#[test]
fn a_parent_criterion_column_must_stay_empty() {
    // In set 11, 6.1 is the sum of 6.1.1 and 6.1.2.
    let mut s = product("T", 11, &[70, 71], 4);
    s.extend(product("R", 6, &[70], 4));
    let csv = set_cell(&wide(&s), 2, "6.1", "2");
    refused(
        csv,
        &[
            "in.csv:2: column 6.1: 6.1 is the sum of its sub-criteria in set 11 (I.5.a); give points for 6.1.1, 6.1.2 and leave this cell empty",
        ],
    );
}

#[test]
fn invalid_utf8_after_the_detection_window_names_the_row() {
    let mut s = Vec::new();
    for i in 0..400 {
        s.extend(product(&format!("P{i:04}"), 6, &[70, 71, 72], 4));
    }
    let mut bytes = wide(&s).into_bytes();
    assert!(bytes.len() > 70_000);
    let at = bytes.len() - 20;
    let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
    // Put a Windows-1258 byte into the last product's id.
    let row_start = bytes[..at].iter().rposition(|&b| b == b'\n').unwrap() + 1;
    bytes.insert(row_start + 1, 0xEA);
    let run = refused(
        bytes,
        &[&format!(
            "in.csv:{line}: column product_id: not valid UTF-8"
        )],
    );
    assert!(
        run.stderr.contains("give --encoding windows-1258"),
        "{}",
        run.stderr
    );
}

#[test]
fn undecodable_utf16_names_line_and_byte_offset() {
    let mut bytes = utf16le("product_id\tset\tassessor\t1.1\nP\t6\tA\t1\n");
    bytes.extend([0x00, 0xD8, b'x', 0x00]);
    // BOM 2 bytes + 36 characters × 2 bytes: the bad unit starts at byte 74.
    refused(
        bytes,
        &["in.csv: cannot read: line 3, byte offset 74: not valid UTF-16LE"],
    );
}

#[test]
fn a_huge_field_or_binary_garbage_is_an_error_not_a_crash() {
    // good() ends with a line end: line 8 is blank, the huge record is on line 9.
    let mut csv = good();
    csv.push_str(&format!("\nQN-03,{},6,A", "x".repeat(10 * 1024 * 1024)));
    refused(
        csv,
        &["in.csv:9: a record is longer than 1 MiB (binary data, or an unclosed quote?)"],
    );
    let mut garbage = good().into_bytes();
    garbage.push(b'\n');
    garbage.extend(
        (0..3_000_000u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8 | 1)
            .filter(|&b| b != b'\n'),
    );
    let wd = Workdir::new();
    wd.write("in.csv", garbage);
    let run = wd.run(&["check", "in.csv"]).fails(1);
    // Line 8 is blank; the garbage is line 9 (its stray CRs end records, all on that line).
    assert!(run.stdout.starts_with("in.csv:9: "), "{}", run.stdout);
    assert!(
        run.stdout
            .lines()
            .all(|l| !l.starts_with("in.csv:") || l.starts_with("in.csv:9: "))
    );
}

#[test]
fn check_lists_every_problem_of_a_messy_file_in_one_run() {
    let csv = set_cell(&good(), 2, "1.1", "x");
    let csv = set_cell(&csv, 3, "set", "99");
    let csv = set_cell(&csv, 4, "assessor", "");
    let csv = set_cell(&csv, 6, "1.3", "7");
    let csv = set_cell(&csv, 7, "product_id", "");
    let wd = Workdir::new();
    wd.write("messy.csv", &csv);
    let run = wd.run(&["check", "messy.csv"]).fails(1);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 6, "{}", run.stdout);
    assert!(lines[0].starts_with("messy.csv:2: column 1.1:"));
    assert!(lines[1].starts_with("messy.csv:3: column set:"));
    assert!(lines[2].starts_with("messy.csv:4: column assessor: empty"));
    assert!(lines[3].starts_with("messy.csv:6: column 1.3:"));
    assert!(lines[4].starts_with("messy.csv:7: column product_id: empty"));
    assert_eq!(lines[5], "5 problems found");
    let capped = wd
        .run(&["check", "messy.csv", "--max-errors", "2"])
        .fails(1)
        .stdout;
    assert!(
        capped.contains("… and 3 more (--max-errors to see more)"),
        "{capped}"
    );
    let json: serde_json::Value = serde_json::from_str(
        &wd.run(&["check", "messy.csv", "--format", "json"])
            .fails(1)
            .stdout,
    )
    .unwrap();
    assert_eq!(json["ok"], false);
    assert_eq!(json["problems_total"], 5);
    assert_eq!(
        json["problems"][0],
        serde_json::json!({"file": "messy.csv", "line": 2, "column": "1.1", "code": "invalid_score", "message": "\"x\" is not a number (allowed: 0, 1, 2, 3)"})
    );
    wd.write("good.csv", good());
    let ok = wd.run(&["check", "good.csv"]).ok().stdout;
    assert_eq!(ok, "ok: 1 file, 2 products, 3 members, 6 sheets\n");
}

#[test]
fn a_missing_input_file_is_an_input_problem() {
    let wd = Workdir::new();
    let run = wd.run(&["score", "nope.csv"]).fails(1);
    assert!(
        run.stderr
            .contains("nope.csv: cannot open: No such file or directory"),
        "{}",
        run.stderr
    );
}

#[test]
fn the_same_batch_in_every_encoding_and_delimiter_scores_the_same() {
    let mut s: Vec<Sheet> = product("QN-01", 6, &[80, 82, 81], 4);
    s.extend(product("QN-02", 21, &[60, 61, 62], 3));
    for x in &mut s {
        x.name = "Nếp cái hoa vàng Đông Triều".into();
    }
    let csv = wide(&s);
    let wd = Workdir::new();
    wd.write("utf8.csv", &csv);
    let expected = wd
        .run(&["score", "utf8.csv", "--format", "csv"])
        .ok()
        .stdout;
    assert!(expected.contains("Nếp cái hoa vàng Đông Triều"));
    for (delim, sep) in [(',', ","), (';', ";"), ('\t', "\t")] {
        let text = csv.replace(',', sep);
        let variants: [(&str, Vec<u8>); 4] = [
            ("utf8", text.clone().into_bytes()),
            ("utf8-bom", [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat()),
            ("utf16", utf16le(&text)),
            ("cp1258", windows_1258(&text)),
        ];
        for (name, bytes) in variants {
            let file = format!("{name}-{}.csv", delim as u32);
            wd.write(&file, bytes);
            let got = wd.run(&["score", &file, "--format", "csv"]).ok().stdout;
            assert_eq!(got, expected, "{file}");
        }
    }
}

#[test]
fn a_decimal_comma_is_read_where_the_delimiter_is_not_a_comma() {
    let wd = Workdir::new();
    // The documented pilot rubric has a 12.5-point option.
    let doc = std::fs::read_to_string(crate::common::repo_file("docs/criteria-format.md")).unwrap();
    let start = doc.find("```toml\n").unwrap() + 8;
    let rubric = &doc[start..start + doc[start..].find("```").unwrap()];
    wd.write("pilot.toml", rubric);
    wd.write(
        "semi.csv",
        "product_id;set;assessor;1.1;1.2;2.1;2.2;3.1.1;3.1.2;4\nP;1;A;20;12,5;24;1;10;10;15\n",
    );
    let out = wd
        .run(&[
            "--criteria",
            "pilot.toml",
            "score",
            "semi.csv",
            "--format",
            "csv",
        ])
        .ok()
        .stdout;
    assert!(out.contains(",92.50,5,5,"), "{out}");
    wd.write(
        "comma.csv",
        "product_id,set,assessor,1.1,1.2,2.1,2.2,3.1.1,3.1.2,4\nP,1,A,20,\"12,5\",24,1,10,10,15\n",
    );
    let run = wd
        .run(&["--criteria", "pilot.toml", "score", "comma.csv"])
        .fails(1);
    assert!(
        run.stderr.contains("column 1.2: \"12,5\" is not a number"),
        "{}",
        run.stderr
    );
    wd.write(
        "dot.csv",
        "product_id,set,assessor,1.1,1.2,2.1,2.2,3.1.1,3.1.2,4\nP,1,A,20,12.5,24,1,10,10,15\n",
    );
    wd.run(&["--criteria", "pilot.toml", "score", "dot.csv"])
        .ok();
}

#[test]
fn headers_and_fields_are_trimmed_and_case_insensitive() {
    let csv = good();
    let mut lines: Vec<String> = csv.lines().map(String::from).collect();
    lines[0] = lines[0]
        .replace("product_id", " Product_ID ")
        .replace("assessor", "ASSESSOR ");
    lines[1] = format!("  QN-01 ,{}", lines[1].split_once(',').unwrap().1);
    let wd = Workdir::new();
    wd.write("spaced.csv", lines.join("\n"));
    wd.write("plain.csv", &csv);
    assert_eq!(
        wd.run(&["score", "spaced.csv", "--format", "csv"])
            .ok()
            .stdout,
        wd.run(&["score", "plain.csv", "--format", "csv"])
            .ok()
            .stdout
    );
}

#[test]
fn output_is_written_whole_and_never_over_an_input() {
    let wd = Workdir::new();
    wd.write("in.csv", good());
    let run = wd
        .run(&["score", "in.csv", "--format", "csv", "-o", "in.csv"])
        .fails(2);
    assert!(
        run.stderr
            .contains("-o in.csv: refusing to write over an input file"),
        "{}",
        run.stderr
    );
    assert_eq!(wd.read("in.csv"), good());
    let run = wd.run(&["score", "in.csv", "-o", "./in.csv"]).fails(2);
    assert!(run.stderr.contains("refusing to write over an input file"));
    wd.run(&["score", "in.csv", "--format", "csv", "-o", "out.csv"])
        .ok();
    assert_eq!(wd.files(), ["in.csv", "out.csv"]);
    // A failed run leaves an existing report untouched.
    let before = wd.read("out.csv");
    wd.write("bad.csv", set_cell(&good(), 2, "1.1", "x"));
    wd.run(&["score", "bad.csv", "--format", "csv", "-o", "out.csv"])
        .fails(1);
    assert_eq!(wd.read("out.csv"), before);
    assert_eq!(wd.files(), ["bad.csv", "in.csv", "out.csv"]);
}

#[test]
fn bom_and_formula_injection_in_the_csv_export() {
    let mut s = product("=HYPERLINK(\"http://x\")", 6, &[80, 82, 81], 4);
    for x in &mut s {
        x.name = "@SUM(A1:A9)".into();
    }
    let wd = Workdir::new();
    wd.write("in.csv", wide(&s));
    let out = wd
        .run(&["score", "in.csv", "--format", "csv", "--bom"])
        .ok()
        .raw_stdout;
    assert!(out.starts_with(b"\xEF\xBB\xBFrank,"));
    let text = String::from_utf8(out).unwrap();
    assert!(
        text.contains("\"'=HYPERLINK(\"\"http://x\"\")\",'@SUM(A1:A9),6,3,"),
        "{text}"
    );
    // Numbers stay numbers.
    assert!(text.contains(",81.00,4,4,true,"), "{text}");
}

#[test]
fn a_closed_pipe_ends_quietly_with_status_0() {
    let mut s = Vec::new();
    for i in 0..3000 {
        s.extend(product(&format!("P{i:05}"), 6, &[70, 71, 72], 4));
    }
    let wd = Workdir::new();
    wd.write("big.csv", wide(&s));
    let mut child = wd
        .command(&["score", "big.csv", "--format", "csv"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdout = child.stdout.take().unwrap();
    let mut first = [0u8; 64];
    std::io::Read::read_exact(&mut stdout, &mut first).unwrap();
    drop(stdout);
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

/// Regression: the `csv` crate put a record of a CRLF file (as Excel saves) on an earlier
/// line than its own, and a record after a blank line on the blank line.
#[test]
fn line_numbers_are_exact_in_crlf_files_and_after_blank_lines() {
    let csv = set_cell(&good(), 5, "1.1", "x")
        .replace('\n', "\r\n")
        .replacen("\r\n", "\r\n\r\n", 1);
    // The second replacement adds a blank line after the header: the bad row is now line 6.
    refused(csv, &["in.csv:6: column 1.1: \"x\" is not a number"]);
}

/// Regression: `-o` to a device or pipe (`-o /dev/null`, a FIFO) renamed a temporary file over
/// it, replacing it with a regular file.
#[cfg(unix)]
#[test]
fn output_to_a_pipe_writes_into_it_and_leaves_it_a_pipe() {
    use std::os::unix::fs::FileTypeExt;
    let wd = Workdir::new();
    wd.write("in.csv", good());
    let fifo = wd.path("pipe");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read_to_string(fifo).unwrap())
    };
    wd.run(&["score", "in.csv", "--format", "csv", "-o", "pipe"])
        .ok();
    let got = reader.join().unwrap();
    assert!(got.starts_with("rank,product_id,"), "{got}");
    assert!(std::fs::metadata(&fifo).unwrap().file_type().is_fifo());
    wd.run(&["score", "in.csv", "--format", "csv", "-o", "/dev/null"])
        .ok();
    assert!(
        std::fs::metadata("/dev/null")
            .unwrap()
            .file_type()
            .is_char_device()
    );
}

/// A report written with `-o` is readable like any file (not 0600 like a temporary file).
#[cfg(unix)]
#[test]
fn output_files_get_ordinary_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let wd = Workdir::new();
    wd.write("in.csv", good());
    wd.run(&["score", "in.csv", "--format", "csv", "-o", "out.csv"])
        .ok();
    let mode = std::fs::metadata(wd.path("out.csv"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o700, 0o600);
    assert_ne!(mode & 0o044, 0, "readable by group and others: {mode:o}");
}

/// The row checker remembers the last row's accepted carried values; a differing name that
/// later rows repeat is still a problem on each of those rows, and a name that returns to
/// the product's is fine again.
#[test]
fn every_row_repeating_a_differing_name_is_a_problem() {
    let mut s = product("QN-01", 6, &[80, 82, 81, 79], 4);
    s.extend(product("QN-02", 21, &[60, 61, 62], 3));
    let csv = wide(&s);
    let name_of_row2 = header(&csv)
        .iter()
        .position(|h| h == "product_name")
        .map(|c| {
            csv.lines()
                .nth(1)
                .unwrap()
                .split(',')
                .nth(c)
                .unwrap()
                .to_string()
        })
        .unwrap();
    let csv = set_cell(&csv, 3, "product_name", "Tên khác");
    let csv = set_cell(&csv, 4, "product_name", "Tên khác");
    let csv = set_cell(&csv, 5, "product_name", &name_of_row2);
    let wd = Workdir::new();
    wd.write("names.csv", &csv);
    let r = wd.run(&["check", "names.csv", "--format", "json"]).fails(1);
    let doc: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    let lines: Vec<u64> = doc["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["code"] == "carried_differs")
        .map(|p| p["line"].as_u64().unwrap())
        .collect();
    assert_eq!(lines, [3, 4], "{}", r.stdout);
}
