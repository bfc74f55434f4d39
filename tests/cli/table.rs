//! Issue 13 §4, the table: ids, numbers and stars are never split, the terminal's width is
//! used, `--compact` and `--summary`. Each test is named after the finding it guards.

use crate::common::{Workdir, repo_file};
use crate::fixtures::{product, wide};

/// A batch holding `QN-2026-00009` and the real `QN-2026-000009` (the finding's pair), with
/// a long name and a product held back, nominated and spread, so every cell kind appears.
fn batch() -> String {
    let mut s = product("QN-2026-000009", 6, &[93, 92, 94], 4);
    for x in &mut s {
        x.name = "Miến dong Bình Liêu loại đặc biệt đóng gói hút chân không".into();
    }
    s.extend(product("QN-2026-00009", 9, &[70, 88, 71], 3));
    s.extend(product("QN-2026-000010", 1, &[61, 60, 62], 3));
    wide(&s)
}

/// Every id of the batch appears whole on one line of the table.
#[track_caller]
fn ids_whole(table: &str, ids: &[&str]) {
    for id in ids {
        assert!(
            table
                .lines()
                .any(|l| l.split_whitespace().any(|w| w == *id)),
            "{id} is split:\n{table}"
        );
    }
}

fn widest(table: &str) -> usize {
    table.lines().map(|l| l.chars().count()).max().unwrap_or(0)
}

#[test]
fn an_id_is_never_split_at_80_or_60_columns() {
    let w = Workdir::new();
    w.write("b.csv", batch());
    for width in ["80", "60"] {
        for lang in ["en", "vi"] {
            let t = w
                .run(&["--lang", lang, "score", "b.csv", "--width", width])
                .ok()
                .stdout;
            ids_whole(&t, &["QN-2026-000009", "QN-2026-00009", "QN-2026-000010"]);
            // No line of the rows is wider than asked.
            let rows: Vec<&str> = t.lines().take_while(|l| !l.starts_with("3 ")).collect();
            assert!(
                rows.iter()
                    .all(|l| l.chars().count() <= width.parse().unwrap()),
                "--width {width} --lang {lang}:\n{t}"
            );
        }
    }
}

#[test]
fn stars_and_numbers_are_never_split_at_60_columns() {
    let w = Workdir::new();
    w.write("b.csv", batch());
    for ascii in [false, true] {
        let mut args = vec!["score", "b.csv", "--width", "60"];
        if ascii {
            args.push("--ascii");
        }
        let t = w.run(&args).ok().stdout;
        let (full, empty) = if ascii { ('*', '-') } else { ('★', '☆') };
        let runs: Vec<usize> = t
            .lines()
            .flat_map(|l| l.split_whitespace())
            // (Rules of `-` are not stars.)
            .filter(|w| {
                w.chars().all(|c| c == full || c == empty) && (2..10).contains(&w.chars().count())
            })
            .map(|w| w.chars().count())
            .collect();
        assert_eq!(runs, [5, 5, 5], "{t}");
        // The means are whole: 93.00, 76.33, 61.00.
        for n in ["93.00", "76.33", "61.00"] {
            assert!(t.contains(n), "{n}:\n{t}");
        }
        // "nominated for 5★" is not cut between its words and its star.
        assert!(
            !t.lines()
                .any(|l| l.trim() == "5★" || l.trim() == "5*" || l.ends_with(" for")),
            "{t}"
        );
    }
}

#[test]
fn a_200_column_terminal_gets_more_than_113_columns() {
    let w = Workdir::new();
    let example = repo_file("examples/quang-ninh-2026.csv");
    let t = w
        .run(&["score", example.to_str().unwrap(), "--width", "200"])
        .ok()
        .stdout;
    assert!(widest(&t) > 113, "{}", widest(&t));
    assert!(widest(&t) <= 200);
    // Wide enough for id and name side by side: one line per product row.
    assert!(t.contains("QN-2026-001  Trà hoa vàng Ba Chẽ"), "{t}");
    let narrow = w
        .run(&["score", example.to_str().unwrap(), "--width", "80"])
        .ok()
        .stdout;
    assert!(t.lines().count() < narrow.lines().count());
}

#[test]
fn names_wrap_and_are_cut_with_an_ellipsis_when_a_word_does_not_fit() {
    let mut s = product("P-1", 6, &[70, 70, 70], 4);
    for x in &mut s {
        x.name = "Siêu-thực-phẩm-không-có-dấu-cách-nào-cả tươi".into();
    }
    let w = Workdir::new();
    w.write("n.csv", wide(&s));
    let t = w.run(&["score", "n.csv", "--width", "80"]).ok().stdout;
    assert!(t.contains('…'), "{t}");
    assert!(t.contains("tươi"), "{t}");
}

#[test]
fn compact_is_one_line_per_product() {
    let w = Workdir::new();
    w.write("b.csv", batch());
    for width in ["60", "80", "120"] {
        let t = w
            .run(&["score", "b.csv", "--compact", "--width", width])
            .ok()
            .stdout;
        let rows: Vec<&str> = t
            .lines()
            .filter(|l| l.trim_start().starts_with(|c: char| c.is_ascii_digit()))
            .filter(|l| l.contains("QN-"))
            .collect();
        assert_eq!(rows.len(), 3, "{t}");
        ids_whole(&t, &["QN-2026-000009", "QN-2026-00009", "QN-2026-000010"]);
        assert!(
            rows.iter()
                .all(|l| l.chars().count() <= width.parse().unwrap()),
            "{t}"
        );
        if width == "60" {
            assert!(t.contains('…'), "the long name is cut:\n{t}");
        }
    }
    let t = w
        .run(&[
            "--lang",
            "vi",
            "score",
            "b.csv",
            "--compact",
            "--width",
            "80",
        ])
        .ok()
        .stdout;
    assert!(
        t.contains("Hạng sao") && t.contains("Đề nghị công nhận 5 sao"),
        "{t}"
    );
}

#[test]
fn summary_has_counts_and_lists_and_no_product_rows() {
    let w = Workdir::new();
    let example = repo_file("examples/quang-ninh-2026.csv");
    let t = w
        .run(&["score", example.to_str().unwrap(), "--summary"])
        .ok()
        .stdout;
    assert!(!t.contains("════") && !t.contains("Status"), "{t}");
    assert!(t.starts_with("13 products scored under"), "{t}");
    assert!(t.contains("Nominated for 5★"), "{t}");
    assert!(
        t.contains("• QN-2026-001 Trà hoa vàng Ba Chẽ: 92.40 · nominated for 5★"),
        "{t}"
    );
    assert!(t.contains("Disqualified dossiers"), "{t}");
    w.run(&["score", example.to_str().unwrap(), "--summary", "--compact"])
        .fails(2);
    let r = w
        .run(&[
            "score",
            example.to_str().unwrap(),
            "--summary",
            "--format",
            "csv",
        ])
        .fails(2);
    assert!(
        r.stderr
            .contains("--summary applies to --format table only; the output is csv"),
        "{}",
        r.stderr
    );
}

/// Statuses are phrases: at 80 columns they keep their line in both languages (the part
/// columns give way first, `--explain` has them).
#[test]
fn a_status_phrase_is_not_wrapped_when_dropping_the_parts_avoids_it() {
    let w = Workdir::new();
    let example = repo_file("examples/quang-ninh-2026.csv");
    let example = example.to_str().unwrap();
    for (lang, phrases) in [
        (
            "en",
            &["nominated for 5★", "not certified", "disqualified"][..],
        ),
        (
            "vi",
            &["Đề nghị công nhận 5 sao", "Hồ sơ bị loại", "Không đạt"][..],
        ),
    ] {
        let t = w.run(&["--lang", lang, "score", example]).ok().stdout;
        for p in phrases {
            assert!(t.lines().any(|l| l.contains(p)), "{p:?} wrapped:\n{t}");
        }
        assert!(t.lines().all(|l| l.chars().count() <= 80), "{t}");
    }
    // English keeps its part columns at 80; Vietnamese, with its longer statuses, does not.
    let en = w.run(&["score", example]).ok().stdout;
    assert!(en.lines().nth(1).unwrap().contains("  A  "), "{en}");
}
