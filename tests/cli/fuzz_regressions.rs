//! Fuzz regressions: every input kept in `tests/fuzz-regressions/` goes through the same code
//! as the fuzz target its file name starts with (`score_csv-…`, `criteria_toml-…`), and must
//! not panic. The fuzz crate (`fuzz/src/lib.rs`) compiles this very file as its harness, so
//! the targets and these tests cannot drift apart.

use std::sync::OnceLock;

use ocop::criteria::Edition;
use ocop::criteria::embedded::Embedded;
use ocop::criteria::load;
use ocop::input::{self, Encoding, ReadOptions};
use ocop::render::{self, TableStyle};
use ocop::report::{self, Council, ReportOptions};

fn embedded(id: &'static str) -> &'static Edition {
    static QD26: OnceLock<Edition> = OnceLock::new();
    static QD148: OnceLock<Edition> = OnceLock::new();
    let cell = if id == "qd26-2026" { &QD26 } else { &QD148 };
    cell.get_or_init(|| Embedded::find(id).expect("embedded edition").load())
}

/// Target `score_csv`: two option bytes, then the file.
///
/// Byte 0: bits 0–1 delimiter (sniffed, `,`, `;`, tab); bits 2–4 encoding (0–3 detected,
/// 4 UTF-8, 5 UTF-16LE, 6 UTF-16BE, 7 Windows-1258); bit 5 `--set 6`; bit 6 edition
/// 148/2023 instead of 26/2026; bit 7 provincial council.
/// Byte 1: bits 0–3 table width 40 + 8·n; bit 4 also read with detail (criterion means,
/// members' sections), which must give the same CSV report or problems as without; bit 6
/// `--max-errors 1` (else 50); bit 7 ASCII.
pub fn score_csv(data: &[u8]) {
    let [a, b, file @ ..] = data else { return };
    let edition = embedded(if a & 0x40 == 0 {
        "qd26-2026"
    } else {
        "qd148-2023"
    });
    let opts = ReadOptions {
        default_set: (a & 0x20 != 0).then(|| "6".to_string()),
        delimiter: [None, Some(b','), Some(b';'), Some(b'\t')][usize::from(a & 3)],
        encoding: match (a >> 2) & 7 {
            4 => Some(Encoding::Utf8),
            5 => Some(Encoding::Utf16Le),
            6 => Some(Encoding::Utf16Be),
            7 => Some(Encoding::Windows1258),
            _ => None,
        },
        ..ReadOptions::default()
    };
    let council = if a & 0x80 == 0 {
        Council::Central
    } else {
        Council::Province
    };
    let style = TableStyle {
        width: 40 + 8 * u16::from(b & 0x0f),
        ascii: b & 0x80 != 0,
        lang: if b & 0x20 == 0 {
            ocop::l10n::Lang::En
        } else {
            ocop::l10n::Lang::Vi
        },
    };
    let max_errors = if b & 0x40 == 0 { 50 } else { 1 };
    let read = |detail: bool| {
        let opts = ReadOptions {
            detail,
            max_errors,
            ..opts.clone()
        };
        let source = input::Source::memory("fuzz.csv", file.to_vec());
        input::read(edition, vec![source], &opts).result
    };
    let plain = score_and_render(read(false), council, style);
    if b & 0x10 != 0 {
        let detailed = score_and_render(read(true), council, style);
        let csv = |s: &str| s.split_once("\u{feff}").map(|(_, c)| c.to_string());
        assert!(
            csv(&plain) == csv(&detailed),
            "detail changes the result:\n--- plain\n{plain}\n--- detail\n{detailed}"
        );
    }
}

/// Target `criteria_toml`: the input as a criteria file; if it loads, its sets are rendered
/// and its first set scores a small wide file and the same sheets as a long file.
pub fn criteria_toml(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let edition = match load::parse(text, "fuzz.toml") {
        Ok(e) => e,
        Err(errors) => {
            let _ = errors.to_string();
            return;
        }
    };
    let style = TableStyle {
        width: 80,
        ascii: false,
        lang: ocop::l10n::Lang::En,
    };
    let mut out = Vec::new();
    render::criteria::list(&mut out, &edition, style).expect("criteria list");
    for set in edition.sets().take(3) {
        render::criteria::show(&mut out, &edition, set, style).expect("criteria show");
    }
    let Some(set) = edition.sets().next() else {
        return;
    };
    // Three members: every criterion at its top, at 0, and at a value in between.
    let sheets: Vec<(&str, Vec<String>)> = ["A", "B", "C"]
        .iter()
        .enumerate()
        .map(|(m, &name)| {
            let points = set.leaves.iter().enumerate().map(|(i, l)| {
                let pick = match m {
                    0 => l.allowed.len().saturating_sub(1),
                    1 => 0,
                    _ => i % l.allowed.len().max(1),
                };
                l.allowed
                    .get(pick)
                    .map(ToString::to_string)
                    .unwrap_or_default()
            });
            (name, points.collect())
        })
        .collect();
    let number = set.number.to_string();
    let mut wide = csv::Writer::from_writer(Vec::new());
    let mut long = csv::Writer::from_writer(Vec::new());
    let mut header = vec!["product_id", "set", "assessor"];
    header.extend(set.leaves.iter().map(|l| l.code.as_str()));
    wide.write_record(&header).unwrap();
    long.write_record(["product_id", "set", "assessor", "criterion", "points"])
        .unwrap();
    for (name, points) in &sheets {
        let mut row = vec!["P-1", number.as_str(), name];
        row.extend(points.iter().map(String::as_str));
        wide.write_record(&row).unwrap();
        for (l, p) in set.leaves.iter().zip(points) {
            long.write_record(["P-2", &number, name, &l.code, p])
                .unwrap();
        }
    }
    for file in [wide, long] {
        let bytes = file.into_inner().unwrap();
        let opts = ReadOptions {
            detail: true,
            max_errors: 50,
            ..ReadOptions::default()
        };
        let read = input::read(
            &edition,
            vec![input::Source::memory("fuzz.csv", bytes)],
            &opts,
        );
        score_and_render(read.result, Council::Central, style);
    }
}

/// What `ocop score` does after reading: the problems, or the report in every format.
/// Returns the problems, or the JSON and CSV reports, as text.
fn score_and_render(
    read: Result<ocop::input::Batch<'_>, ocop::input::Problems>,
    council: Council,
    style: TableStyle,
) -> String {
    let products = match read {
        Ok(x) => x,
        Err(problems) => {
            let (list, total) = problems.sorted();
            let list: Vec<String> = list.iter().map(ToString::to_string).collect();
            return format!("{total} problems:\n{}", list.join("\n"));
        }
    };
    let options = ReportOptions {
        council,
        ..ReportOptions::default()
    };
    let report = report::build(products, options);
    let mut json = Vec::new();
    render::json::write(&mut json, &report).expect("JSON report");
    serde_json::from_slice::<serde_json::Value>(&json).expect("the JSON report parses");
    let mut csv = Vec::new();
    render::csv::write(&mut csv, &report, true).expect("CSV report");
    let mut table = Vec::new();
    render::report::table(&mut table, &report, style, true).expect("table report");
    String::from_utf8(table).expect("the table is UTF-8");
    let text = |v: Vec<u8>| String::from_utf8_lossy(&v).into_owned();
    text(json) + &text(csv)
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    #[test]
    fn fuzz_regressions_do_not_panic() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz-regressions");
        let mut files: Vec<_> = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        files.sort();
        let mut failed = Vec::new();
        let mut ran = 0;
        for path in files {
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let target: fn(&[u8]) = if name.starts_with("score_csv-") {
                super::score_csv
            } else if name.starts_with("criteria_toml-") {
                super::criteria_toml
            } else {
                continue;
            };
            let data = std::fs::read(&path).unwrap();
            ran += 1;
            if let Err(e) = std::panic::catch_unwind(|| target(&data)) {
                let msg = e
                    .downcast_ref::<String>()
                    .map(String::as_str)
                    .or_else(|| e.downcast_ref::<&str>().copied())
                    .unwrap_or("(not a string)");
                failed.push(format!("{name}: {msg}"));
            }
        }
        assert!(ran > 0, "no inputs in {}", dir.display());
        assert!(failed.is_empty(), "panics:\n{}", failed.join("\n"));
    }
}
