//! A large plain CSV file read in parts, one reader per part, side by side. Only a
//! speed-up, and never a different answer: each part is cut at a line end, read with the
//! file's header by the one reader there is (`read_one`), and merged into the part before
//! ([`Batch::merge`]) as if one reader had gone on. Anything a reader of the whole file
//! would report otherwise — a problem in any part, a product under another set, a member's
//! second sheet or a carried value that differs across parts, a part cut inside a quoted
//! field, a long file, an encoding other than UTF-8 — makes [`read_split`] decline, and the
//! caller reads the file again with one reader, which reports it exactly.
//!
//! The library spawns no thread: the caller lends them through [`Parallel`].

use std::fs::File;
use std::io::{self, Read, Seek, SeekFrom};
use std::sync::Arc;

use super::{Batch, Encoding, FileInfo, Kind, ReadOptions, Reading, Source, new_batch, read_one};
use crate::criteria::Edition;
use crate::parallel::Parallel;

/// The least bytes of a part: a smaller file is read by one reader.
pub const MIN_PART: u64 = 8 << 20;

/// How far past a cut a line end is looked for.
const SEEK_LINE: usize = 64 * 1024;

/// Reads the file `name`, open once per part in `files` (each handle is read from its own
/// position), in as many parts as there are handles and [`MIN_PART`]s in the file.
/// `Ok(None)`: not worth it, or declined (see the module): read the file with one reader.
pub fn read_split<'e, P: Parallel>(
    edition: &'e Edition,
    name: Arc<str>,
    files: Vec<File>,
    opts: &ReadOptions,
    parallel: &P,
) -> io::Result<Option<Reading<'e>>> {
    read_in_parts(edition, name, files, opts, parallel, MIN_PART)
}

pub(crate) fn read_in_parts<'e, P: Parallel>(
    edition: &'e Edition,
    name: Arc<str>,
    mut files: Vec<File>,
    opts: &ReadOptions,
    parallel: &P,
    min_part: u64,
) -> io::Result<Option<Reading<'e>>> {
    if !matches!(opts.encoding, None | Some(Encoding::Utf8))
        || !opts.sheets.is_empty()
        || opts.all_sheets
        || super::workbook::is_workbook_name(&name)
        || files.is_empty()
    {
        return Ok(None);
    }
    let len = files[0].metadata()?.len();
    let parts = files
        .len()
        .min(usize::try_from(len / min_part.max(1)).unwrap_or(usize::MAX));
    if parts < 2 {
        return Ok(None);
    }
    files.truncate(parts);
    // The header, given to every part after the first. A quote in it could hide a line
    // end; a file without a line end in its start is not cut.
    let head = read_at(&mut files[0], 0)?;
    let Some(header_end) = memchr::memchr(b'\n', &head).map(|i| i + 1) else {
        return Ok(None);
    };
    let header = head[..header_end].to_vec();
    if header.contains(&b'"') || super::binary_kind(&head).is_some() {
        return Ok(None);
    }
    // Cuts just after a line end past each `len * k / parts`.
    let mut cuts = vec![0u64];
    for (k, file) in files.iter_mut().enumerate().skip(1) {
        let at = len * k as u64 / parts as u64;
        let bytes = read_at(file, at)?;
        let Some(i) = memchr::memchr(b'\n', &bytes) else {
            return Ok(None);
        };
        let cut = at + i as u64 + 1;
        if cut <= *cuts.last().expect("a first cut") || cut <= header_end as u64 || cut >= len {
            return Ok(None);
        }
        cuts.push(cut);
    }
    cuts.push(len);
    let mut jobs: Vec<Box<dyn FnOnce() -> (Batch<'e>, FileInfo) + Send + '_>> = Vec::new();
    for (k, mut file) in files.into_iter().enumerate() {
        let (start, end) = (cuts[k], cuts[k + 1]);
        file.seek(SeekFrom::Start(start))?;
        let part = file.take(end - start);
        let reader: Box<dyn Read + Send> = if k == 0 {
            Box::new(part)
        } else {
            Box::new(io::Cursor::new(header.clone()).chain(part))
        };
        let source = Source {
            name: name.clone(),
            reader,
        };
        jobs.push(Box::new(move || {
            let mut batch = new_batch(edition, opts);
            let info = read_one(&mut batch, source, opts);
            (batch, info)
        }));
    }
    let read = parallel.run(jobs);
    if read.len() != parts {
        return Ok(None);
    }
    let mut read = read.into_iter();
    let (mut batch, mut info) = read.next().expect("a first part");
    if !plain(&info) {
        return Ok(None);
    }
    // Lines before the part read next, less its header line.
    let mut before = info.lines;
    for (b, i) in read {
        if !plain(&i) || i.delimiter != info.delimiter {
            return Ok(None);
        }
        let Some(merged) = batch.merge(b, before - 1) else {
            return Ok(None);
        };
        batch = merged;
        before += i.lines - 1;
        info.rows += i.rows;
    }
    info.lines = before;
    match batch.finish() {
        Ok(batch) => Ok(Some(Reading {
            files: vec![info],
            result: Ok(batch),
        })),
        Err(_) => Ok(None),
    }
}

/// A part read as a plain UTF-8 wide file, line ends LF or CRLF.
fn plain(info: &FileInfo) -> bool {
    info.encoding == Encoding::Utf8 && !info.cr_lines && info.kind == Some(Kind::Wide)
}

/// Up to [`SEEK_LINE`] bytes from `at`.
fn read_at(file: &mut File, at: u64) -> io::Result<Vec<u8>> {
    file.seek(SeekFrom::Start(at))?;
    let mut bytes = Vec::with_capacity(SEEK_LINE);
    file.take(SEEK_LINE as u64).read_to_end(&mut bytes)?;
    Ok(bytes)
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use proptest::prelude::*;

    use super::*;
    use crate::criteria::embedded::Embedded;
    use crate::l10n::Lang;
    use crate::parallel::InTurn;
    use crate::points::Points;
    use crate::report::{self, ReportOptions};

    fn opts() -> ReadOptions {
        ReadOptions {
            max_errors: 50,
            detail: true,
            ..ReadOptions::default()
        }
    }

    /// The report of a reading as JSON (every product, member, sheet and criterion mean),
    /// with the file's rows and lines.
    fn rendered(reading: Reading<'_>) -> Result<String, String> {
        let info = (reading.files[0].rows, reading.files[0].lines);
        let batch = reading.result.map_err(|p| format!("{:?}", p.sorted()))?;
        let r = report::build(batch, ReportOptions::default());
        let warnings = crate::warnings::check(&r);
        let mut out = Vec::new();
        crate::render::json::write_with(&mut out, &r, &warnings, Lang::En).expect("in memory");
        Ok(format!(
            "{info:?}\n{}",
            String::from_utf8(out).expect("UTF-8")
        ))
    }

    /// `bytes` read by one reader, and in `parts` parts (`None`: declined).
    fn both(bytes: &[u8], parts: usize) -> (Result<String, String>, Option<String>) {
        let edition = Embedded::find("qd26-2026").expect("embedded").load();
        let edition = Box::leak(Box::new(edition));
        let one = rendered(crate::input::read(
            edition,
            vec![Source::memory("a.csv", bytes.to_vec())],
            &opts(),
        ));
        let mut tmp = tempfile::NamedTempFile::new().expect("a temporary file");
        tmp.write_all(bytes).expect("written");
        let files = (0..parts)
            .map(|_| File::open(tmp.path()).expect("opened"))
            .collect();
        let split = read_in_parts(edition, "a.csv".into(), files, &opts(), &InTurn, 1)
            .expect("read")
            .map(|r| rendered(r).expect("a merged reading has no problems"));
        (one, split)
    }

    /// A wide file of set 6: `rows` are (product, member, name given, disqualified, bits);
    /// each criterion scores 0 or its maximum by its bit (0 where its condition is 0).
    fn file(rows: &[(u8, u8, bool, bool, u64)]) -> Vec<u8> {
        let edition = Embedded::find("qd26-2026").expect("embedded").load();
        let set = edition.set("6").expect("set 6");
        let codes: Vec<&str> = set.leaves.iter().map(|l| l.code.as_str()).collect();
        let mut out = format!(
            "product_id,product_name,set,assessor,disqualified,{}\n",
            codes.join(",")
        );
        for &(p, m, named, dq, bits) in rows {
            let mut points = vec![Points::ZERO; set.leaves.len()];
            for (i, leaf) in set.leaves.iter().enumerate() {
                if bits >> (i % 64) & 1 == 1 {
                    points[i] = leaf.max;
                }
            }
            for (i, leaf) in set.leaves.iter().enumerate() {
                if let Some(j) = leaf.applies_if
                    && points[j] == Points::ZERO
                {
                    points[i] = Points::ZERO;
                }
            }
            let name = if named {
                format!("Sản phẩm {p}")
            } else {
                String::new()
            };
            let dq = if dq { "thiếu hồ sơ" } else { "" };
            let cells: Vec<String> = points.iter().map(Points::to_string).collect();
            out.push_str(&format!(
                "P-{p:03},{name},6,Thành viên {m},{dq},{}\n",
                cells.join(",")
            ));
        }
        out.into_bytes()
    }

    /// Every (product, member) once, named on its first row at least, in a shuffled order.
    fn clean_rows() -> impl Strategy<Value = Vec<(u8, u8, bool, bool, u64)>> {
        (1u8..25, 1u8..6)
            .prop_flat_map(|(products, members)| {
                let n = usize::from(products) * usize::from(members);
                (
                    Just((products, members)),
                    prop::collection::vec(
                        (any::<bool>(), prop::bool::weighted(0.05), any::<u64>()),
                        n,
                    ),
                    Just((0..n).collect::<Vec<_>>()).prop_shuffle(),
                )
            })
            .prop_map(|((_, members), cells, order)| {
                let m = usize::from(members);
                let mut rows: Vec<_> = order
                    .into_iter()
                    .map(|k| {
                        let (named, dq, bits) = cells[k];
                        ((k / m) as u8, (k % m) as u8, named, dq, bits)
                    })
                    .collect();
                // A name on each product's first row, so no row gives one the first lacks.
                let mut seen = std::collections::HashSet::new();
                for r in &mut rows {
                    if seen.insert(r.0) {
                        r.2 = true;
                    }
                }
                rows
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(64))]

        /// Cut anywhere, a clean file read in parts gives what one reader gives.
        #[test]
        fn a_file_read_in_parts_is_the_file_read_by_one_reader(rows in clean_rows(), parts in 2usize..4) {
            let bytes = file(&rows);
            let (one, split) = both(&bytes, parts);
            let one = one.expect("a clean file");
            // Too few lines to cut into `parts`: one reader (declined) is right too.
            if rows.len() >= 2 * parts || split.is_some() {
                prop_assert_eq!(split, Some(one));
            }
        }

        /// A messy file (a member's second sheet, a name that differs) is declined by the
        /// parts, or read as one reader reads it: never another answer.
        #[test]
        fn a_messy_file_read_in_parts_is_declined_or_the_same(
            rows in clean_rows(), extra in (0u8..25, 0u8..6, any::<u64>()), parts in 2usize..4,
        ) {
            let mut rows = rows;
            let at = usize::from(extra.0) % (rows.len() + 1);
            rows.insert(at, (extra.0, extra.1, true, false, extra.2));
            let bytes = file(&rows);
            let text = String::from_utf8(bytes.clone()).expect("UTF-8");
            let bytes = text.replacen("Sản phẩm 1,", "Sản phẩm khác,", 1).into_bytes();
            let (one, split) = both(&bytes, parts);
            match (one, split) {
                (Ok(one), Some(split)) => prop_assert_eq!(split, one),
                (_, None) => {}
                (Err(p), Some(_)) => prop_assert!(false, "parts accepted what one reader refuses: {}", p),
            }
        }
    }

    /// A quoted field across the cut: the first part ends inside it, so the parts decline.
    #[test]
    fn a_cut_inside_a_quoted_field_declines() {
        let mut bytes = file(&[(1, 1, true, false, 0), (2, 1, true, false, 0)]);
        let text = String::from_utf8(bytes.clone()).expect("UTF-8");
        let lines: Vec<&str> = text.lines().collect();
        let long = format!("\"{}\"", "x\n".repeat(400));
        bytes = format!(
            "{}\n{}\n{}\n",
            lines[0],
            lines[1].replacen("Sản phẩm 1", &long, 1),
            lines[2]
        )
        .into_bytes();
        let (one, split) = both(&bytes, 2);
        assert!(one.is_ok(), "{one:?}");
        assert_eq!(split, None);
    }

    /// A member's sheets of one product in both parts: one reader reports the second sheet;
    /// the parts decline, so it is reported.
    #[test]
    fn a_second_sheet_across_the_cut_declines() {
        let mut rows: Vec<_> = (0..40).map(|p| (p, 1, true, false, 7)).collect();
        rows.push((0, 1, true, false, 7));
        let (one, split) = both(&file(&rows), 2);
        assert!(
            one.expect_err("a second sheet")
                .contains("duplicate_member")
        );
        assert_eq!(split, None);
    }
}
