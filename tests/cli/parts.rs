//! A large file is read in parts, one thread each (`input::read_split`): never another
//! answer than one reader's (`--threads 1`), clean or messy.

use crate::common::Workdir;
use crate::gen_core::{Format, Generator, Spec};
use ocop::criteria::embedded::Embedded;

/// 25,000 products of set 6 by 5 members (125,000 rows, about 20 MB: two parts of at least
/// `input::MIN_PART`, three would be too small).
fn large() -> Vec<u8> {
    let edition = Embedded::find("qd26-2026").expect("embedded").load();
    let set = edition.set("6").expect("set 6");
    let bytes = Generator::new(
        &[set],
        Spec {
            products: 25_000,
            assessors: 5,
            seed: 3,
            format: Format::Wide,
            shuffle: false,
            id_prefix: "QN-2026".into(),
        },
    )
    .to_vec();
    assert!(bytes.len() as u64 >= 2 * ocop::input::MIN_PART);
    bytes
}

#[test]
fn a_large_file_read_in_parts_scores_as_one_reader_does() {
    let w = Workdir::new();
    w.write("big.csv", large());
    for args in [
        &["score", "big.csv", "--format", "csv"][..],
        &["check", "big.csv", "--format", "json"],
    ] {
        let one = w.run(&[args, &["--threads", "1"]].concat()).ok();
        for threads in ["2", "3", "0"] {
            let parts = w.run(&[args, &["--threads", threads]].concat()).ok();
            assert_eq!(
                parts.raw_stdout, one.raw_stdout,
                "{args:?} --threads {threads}"
            );
            assert_eq!(parts.stderr, one.stderr, "{args:?} --threads {threads}");
        }
    }
}

/// A member's second sheet of a product in the first part, and a product name that
/// differs, placed in the second part: the parts decline, one reader reads the file again,
/// and the problems are exactly its own.
#[test]
fn a_large_messy_file_read_in_parts_reports_what_one_reader_does() {
    let w = Workdir::new();
    let text = String::from_utf8(large()).expect("UTF-8");
    let lines: Vec<&str> = text.lines().collect();
    let mut messy: Vec<String> = lines.iter().map(|l| l.to_string()).collect();
    // The first product's first sheet again, near the end of the file.
    let at = messy.len() - 10;
    messy.insert(at, lines[1].to_string());
    let messy = messy.join("\n") + "\n";
    w.write("messy.csv", messy);
    let one = w.run(&["check", "messy.csv", "--threads", "1"]).fails(1);
    let said = format!("{}{}", one.stdout, one.stderr);
    assert!(
        said.contains("has already scored product QN-2026-000001"),
        "{said}"
    );
    let parts = w.run(&["check", "messy.csv", "--threads", "2"]).fails(1);
    assert_eq!(parts.stderr, one.stderr);
    assert_eq!(parts.stdout, one.stdout);
}
