//! Regression tests for the defects found by the adversarial review of 2026-12 (issue "One
//! pipeline a newcomer can follow…"), one per defect, named after it.

use std::process::Stdio;

use crate::common::Workdir;
use crate::fixtures::{product, wide};

fn good() -> String {
    let mut s = product("QN-01", 6, &[80, 82, 81], 4);
    s.extend(product("QN-02", 6, &[60, 61, 62], 3));
    wide(&s)
}

/// Defect 1: one non-UTF-8 byte near the start made the whole file Windows-1258.
#[test]
fn one_bad_byte_in_a_utf8_file_is_a_located_error_not_windows_1258() {
    let w = Workdir::new();
    let text = good();
    let at = text.find("\nQN-02").unwrap() + 1;
    let mut bytes = text.as_bytes()[..at].to_vec();
    bytes.extend(b"\xff\xfe\xfd");
    bytes.extend(&text.as_bytes()[at..]);
    w.write("s6.csv", &bytes);
    let r = w.run(&["check", "s6.csv"]).fails(1);
    assert!(
        r.stdout
            .contains("s6.csv:5: column product_id: not valid UTF-8"),
        "{}",
        r.stdout
    );
    assert!(!r.stderr.contains("Windows-1258"), "{}", r.stderr);
}

/// Defect 2: `--threads` was unbounded.
#[test]
fn threads_beyond_256_is_a_usage_error() {
    let w = Workdir::new();
    w.write("a.csv", good());
    w.run(&["score", "a.csv", "--threads", "30000"]).fails(2);
    w.run(&["score", "a.csv", "--threads", "2"]).ok();
}

/// Defect 4: CR-only line ends (Excel's "CSV (Macintosh)") put every problem on line 1.
#[test]
fn cr_only_line_ends_are_read_with_their_line_numbers() {
    let w = Workdir::new();
    let text = good().replace('\n', "\r");
    let bad = text.replacen("\rQN-02,", "\rQN-02,,", 1);
    w.write("mac.csv", &text);
    let r = w.run(&["check", "mac.csv"]).ok();
    assert!(r.stderr.contains("lone CR"), "{}", r.stderr);
    w.write("bad.csv", &bad);
    let r = w.run(&["check", "bad.csv"]).fails(1);
    assert!(r.stdout.contains("bad.csv:5: has"), "{}", r.stdout);
}

/// Defect 5: header names and input text reached the terminal raw (ESC, bidi controls).
#[test]
fn control_and_bidi_characters_from_input_are_escaped_in_messages() {
    let w = Workdir::new();
    w.write("esc.csv", "name\x1b]0;pwned\x07,x\u{202e}y\nA,B\n");
    let r = w.run(&["check", "esc.csv"]).fails(1);
    assert!(
        !r.stdout.contains('\x1b') && !r.stdout.contains('\u{202e}'),
        "{:?}",
        r.stdout
    );
    assert!(
        r.stdout.contains("name\\u{1b}]0;pwned\\u{7}"),
        "{}",
        r.stdout
    );
    assert!(r.stdout.contains("x\\u{202e}y"), "{}", r.stdout);
}

/// Defect 6: a closed pipe exited 3 for `check --format json | head -c 10`.
#[test]
fn a_closed_pipe_after_check_json_exits_0() {
    let w = Workdir::new();
    let mut text = good();
    for i in 0..3000 {
        text.push_str(&format!("X{i},6,M,9,9,9\n"));
    }
    w.write("many.csv", text);
    let mut child = w
        .command(&[
            "check",
            "many.csv",
            "--format",
            "json",
            "--max-errors",
            "100000",
        ])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader goes away at once
    let out = child.wait_with_output().unwrap();
    // A closed pipe is not a failure (README, "Exit status"): 0, never 3.
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Defect 8: `/dev/full` errors did not name the path; output failures exit 3.
#[test]
fn an_output_that_cannot_be_written_names_the_path_and_exits_3() {
    let w = Workdir::new();
    w.write("a.csv", good());
    let r = w.run(&["score", "a.csv", "-o", "/dev/full"]).fails(3);
    assert!(r.stderr.contains("cannot write /dev/full"), "{}", r.stderr);
}

/// Defect 9: `-o` replaced a read-only file, and its own input given on standard input.
#[test]
fn output_over_a_read_only_file_or_the_standard_input_is_refused() {
    use std::os::unix::fs::PermissionsExt;
    let w = Workdir::new();
    let ro = w.write("ro.csv", "keep");
    std::fs::set_permissions(&ro, std::fs::Permissions::from_mode(0o444)).unwrap();
    w.write("a.csv", good());
    let r = w.run(&["score", "a.csv", "-o", "ro.csv"]).fails(2);
    assert!(r.stderr.contains("read-only"), "{}", r.stderr);
    assert_eq!(w.read("ro.csv"), "keep");
    let input = std::fs::File::open(w.path("a.csv")).unwrap();
    let out = w
        .command(&["score", "-", "-o", "a.csv"])
        .stdin(input)
        .output()
        .unwrap();
    assert_eq!(
        out.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(w.read("a.csv"), good(), "the input is untouched");
}

/// Defect 10: a message repeated a 900 KB name in full.
#[test]
fn huge_input_is_cut_in_messages() {
    let w = Workdir::new();
    let long = "x".repeat(900_000);
    w.write("big.csv", format!("{long},1.1\nA,1\n"));
    let r = w.run(&["check", "big.csv"]).fails(1);
    assert!(r.stdout.len() < 2_000, "{} bytes", r.stdout.len());
    assert!(
        r.stdout.contains("more characters)"),
        "{}",
        &r.stdout[..200.min(r.stdout.len())]
    );
}

/// Defect 11: an unclosed quote was reported as a ragged row.
#[test]
fn an_unclosed_quote_is_reported_as_one() {
    let w = Workdir::new();
    let text = good().replacen("\nQN-02,", "\n\"QN-02,", 1);
    w.write("q.csv", text);
    let r = w.run(&["check", "q.csv"]).fails(1);
    assert!(r.stdout.contains("an unclosed quote?"), "{}", r.stdout);
}

/// A workbook given as CSV said nothing useful (its zip bytes became a header).
#[test]
fn a_workbook_named_csv_is_said_to_be_a_workbook() {
    let w = Workdir::new();
    w.write("book.csv", b"PK\x03\x04\x14\x00\x00\x00rest of a zip");
    let r = w.run(&["check", "book.csv"]).fails(1);
    assert!(
        r.stdout.contains("zip archive (an Excel .xlsx"),
        "{}",
        r.stdout
    );
}

/// Issue 11: what Excel users type for "no" in `disqualified` does not disqualify; a bare
/// "yes" asks for the reason.
#[test]
fn no_words_in_disqualified_do_not_disqualify_and_yes_asks_for_a_reason() {
    let w = Workdir::new();
    let mut s = product("P", 6, &[80, 82, 81], 4);
    s[0].disqualified = "không".into();
    s[1].disqualified = "FALSE".into();
    s[2].disqualified = "-".into();
    w.write("no.csv", wide(&s));
    let out = w.run(&["score", "no.csv", "--format", "csv"]).ok().stdout;
    assert!(out.contains(",certified,"), "{out}");
    s[0].disqualified = "có".into();
    w.write("yes.csv", wide(&s));
    let r = w.run(&["check", "yes.csv"]).fails(1);
    assert!(
        r.stdout
            .contains("does not say why the dossier is rejected"),
        "{}",
        r.stdout
    );
}

/// Issue 11: "Chỉ áp dụng khi có câu chuyện sản phẩm" — 5.2 may not score when 5.1 is 0, in
/// every set that prints it; the error is on the 5.2 cell.
#[test]
fn a_story_structure_without_a_story_is_refused_in_every_set_that_prints_it() {
    let e = crate::fixtures::edition();
    let mut refused = Vec::new();
    for set in e.sets().filter(|s| s.is_scorable()) {
        let (Some(i), Some(j)) = (set.leaf_index("5.2"), set.leaf_index("5.1")) else {
            continue;
        };
        if set.leaves[i].applies_if != Some(j) {
            continue;
        }
        let mut sheets = product("P", set.number, &[60, 60, 60], 0);
        for s in &mut sheets {
            s.points[j] = ocop::points::Points::ZERO;
        }
        let max = set.leaves[i].max;
        sheets[1].points[i] = max;
        let w = Workdir::new();
        w.write("a.csv", wide(&sheets));
        let r = w.run(&["check", "a.csv"]).fails(1);
        assert!(
            r.stdout.contains(
                "a.csv:3: column 5.2: criterion 5.2 applies only when 5.1 scores above 0"
            ),
            "set {}: {}",
            set.number,
            r.stdout
        );
        // Long files too: the member's sheet is whole only at the end of the file; the
        // error is on the 5.2 row of the second member, its points cell.
        let long = crate::fixtures::long(&sheets);
        let line = 1 + long
            .lines()
            .position(|l| l.contains(crate::fixtures::MEMBERS[1]) && l.contains(",5.2,"))
            .unwrap();
        w.write("long.csv", &long);
        let r = w.run(&["check", "long.csv"]).fails(1);
        let want = format!(
            "long.csv:{line}: column points: criterion 5.2 applies only when 5.1 scores above 0"
        );
        assert!(r.stdout.contains(&want), "set {}: {}", set.number, r.stdout);
        // And nothing is refused when 5.1 scores.
        let mut fine = sheets.clone();
        for s in &mut fine {
            s.points[j] = set.leaves[j].max;
        }
        w.write("fine.csv", crate::fixtures::long(&fine));
        w.run(&["check", "fine.csv"]).ok();
        refused.push(set.number);
    }
    assert_eq!(refused, (1..=25).collect::<Vec<u8>>());
}

/// Issue 13: a per-member "Tổng điểm" column failed as a carried column; it is now the
/// member's own sum, checked.
#[test]
fn a_total_column_is_checked_against_the_criteria_not_carried() {
    let s = product("P", 6, &[80, 82, 81], 4);
    let csv = wide(&s);
    let mut lines = csv.lines();
    let mut out = format!("{},Tổng điểm\n", lines.next().unwrap());
    for (l, total) in lines.zip([80, 82, 81]) {
        out.push_str(&format!("{l},{total}\n"));
    }
    let w = Workdir::new();
    w.write("t.csv", &out);
    let r = w.run(&["score", "t.csv", "--format", "csv"]).ok();
    assert!(
        !r.stdout.lines().next().unwrap().contains("Tổng điểm"),
        "{}",
        r.stdout
    );
    let wrong = out.replacen(",82\n", ",91\n", 1);
    w.write("wrong.csv", &wrong);
    let r = w.run(&["check", "wrong.csv"]).fails(1);
    assert!(
        r.stdout.contains("wrong.csv:3: column Tổng điểm: the row's total 91 differs from the sum of its criteria, 82"),
        "{}",
        r.stdout
    );
}

/// Regression: a nominated product was also listed as "not recognised" in the document.
#[test]
fn a_nominated_product_is_listed_once_in_the_document_besides_its_page() {
    let w = Workdir::new();
    let example = crate::common::repo_file("examples/quang-ninh-2026.csv");
    w.run(&["score", example.to_str().unwrap(), "-o", "round.html"])
        .ok();
    let html = w.read("round.html");
    // The nominated-for-5★ list and the product's own page.
    assert_eq!(html.matches("QN-2026-001").count(), 2);
}
