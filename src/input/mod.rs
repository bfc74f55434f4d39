//! Reading assessment CSVs into a `Batch`: decoding, delimiter detection, the header's
//! layout, and every row checked against the criteria. Problems are collected, never
//! thrown: a messy file is reported in one pass. A large UTF-8 file is read by several
//! threads, each from its own part of the file; the result does not depend on how many.

pub mod arena;
pub mod batch;
pub mod decode;
pub mod error;
pub mod layout;
pub mod records;
mod rows;
mod split;
pub mod text;

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use batch::{At, Batch, FileRef, ProductKey, ProductRef, Products, Shard};
pub use decode::Encoding;
pub use error::{InputError, Loc, Problems};
use layout::{Kind, Layout};

use crate::criteria::Edition;
use records::{Record, Records};
use rows::{Rows, is_blank};
use split::{plan_parallel, split};

/// How files are read.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// The set of rows without a set (`--set`): a number or a code.
    pub default_set: Option<String>,
    /// Field delimiter; detected from the header line when `None`.
    pub delimiter: Option<u8>,
    /// Encoding; detected when `None`.
    pub encoding: Option<Encoding>,
    /// Readers for one large file; 0 means one per available core.
    pub threads: usize,
    /// Files at least this large are read by the fast path, split among the readers
    /// (default [`PARALLEL_MIN`]; tests lower it).
    pub split_above: Option<u64>,
}

/// An input: a name for messages and its bytes.
pub struct Source {
    pub name: Arc<str>,
    pub reader: Box<dyn Read + Send>,
}

/// What was learnt about a file while reading it.
#[derive(Debug, Clone)]
pub struct FileInfo {
    pub name: Arc<str>,
    pub encoding: Encoding,
    pub delimiter: u8,
    pub kind: Option<Kind>,
    pub rows: u64,
    /// Readers that shared the file.
    pub readers: usize,
}

/// A file smaller than this is read by the plain CSV path, by one thread.
pub const PARALLEL_MIN: u64 = 4 << 20;

/// Reads one input into the batch, sequentially.
pub fn read(batch: &mut Batch<'_>, source: Source, opts: &ReadOptions) -> FileInfo {
    let file = batch.add_file(source.name.clone());
    let mut info = FileInfo {
        name: source.name,
        encoding: Encoding::Utf8,
        delimiter: b',',
        kind: None,
        rows: 0,
        readers: 1,
    };
    let cannot_read = |batch: &mut Batch<'_>, e: io::Error| {
        let loc = Loc::file(file.index as usize, &file.name);
        batch
            .main_shard()
            .problems
            .push(loc, None, format!("cannot read: {e}"));
    };
    let (encoding, reader, bom) = match decode::decode(source.reader, opts.encoding) {
        Ok(x) => x,
        Err(e) => {
            cannot_read(batch, e);
            return info;
        }
    };
    info.encoding = encoding;
    let mut buffered = BufReader::with_capacity(64 * 1024, reader);
    let delimiter = match opts.delimiter {
        Some(d) => d,
        None => match buffered.fill_buf() {
            Ok(head) => sniff_delimiter(head),
            Err(e) => {
                cannot_read(batch, e);
                return info;
            }
        },
    };
    info.delimiter = delimiter;
    // Byte offsets in messages count from the start of the file, the BOM included.
    let mut records = Records::new(buffered, delimiter).starting_at(bom);
    let Some(mut rows) = header(batch, &file, &mut records, opts, delimiter) else {
        return info;
    };
    info.kind = Some(rows.layout.kind);
    info.rows = rows.read(batch.main_shard(), &mut records, 0);
    info
}

/// Reads a file into the batch; a large UTF-8 file is split among threads and read by the
/// fast path.
pub fn read_path(
    batch: &mut Batch<'_>,
    path: &Path,
    name: Arc<str>,
    opts: &ReadOptions,
) -> FileInfo {
    let threads = match opts.threads {
        0 => std::thread::available_parallelism().map_or(1, |n| n.get()),
        n => n,
    };
    let open = || File::open(path);
    let plan = plan_parallel(path, opts);
    let Some(plan) = plan else {
        return match open() {
            Ok(f) => read(
                batch,
                Source {
                    name,
                    reader: Box::new(f),
                },
                opts,
            ),
            Err(e) => {
                let file = batch.add_file(name.clone());
                let loc = Loc::file(file.index as usize, &name);
                batch
                    .main_shard()
                    .problems
                    .push(loc, None, format!("cannot open: {e}"));
                FileInfo {
                    name,
                    encoding: Encoding::Utf8,
                    delimiter: b',',
                    kind: None,
                    rows: 0,
                    readers: 1,
                }
            }
        };
    };
    let file = batch.add_file(name.clone());
    let mut info = FileInfo {
        name: name.clone(),
        encoding: Encoding::Utf8,
        delimiter: plan.delimiter,
        kind: None,
        rows: 0,
        readers: 1,
    };
    // The header, read sequentially.
    let Ok(mut f) = open() else { return info };
    if f.seek(SeekFrom::Start(plan.start)).is_err() {
        return info;
    }
    let mut records = Records::new(f, plan.delimiter).starting_at(plan.start);
    let Some(rows) = header(batch, &file, &mut records, opts, plan.delimiter) else {
        return info;
    };
    info.kind = Some(rows.layout.kind);
    let body = records.offset();
    let first_line = records.lines();
    let parts = match split(path, body, plan.size, threads) {
        Ok(p) => p,
        Err(_) => vec![(body, plan.size, 0)],
    };
    let mut rows = rows;
    if let [(start, end, lines)] = parts[..] {
        info.rows = rows
            .read_range_fast(
                batch.main_shard(),
                path,
                start,
                end,
                first_line + lines,
                false,
            )
            .unwrap_or(0);
        return info;
    }
    // Each part into a shard of its own, so that a failed split can be thrown away.
    let shards: Vec<Shard<'_>> = parts.iter().map(|_| batch.new_shard()).collect();
    let results: Vec<(Shard<'_>, Option<u64>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = shards
            .into_iter()
            .zip(&parts)
            .map(|(mut shard, &(start, end, lines))| {
                let mut rows = rows.clone();
                scope.spawn(move || {
                    let n = rows.read_range_fast(
                        &mut shard,
                        path,
                        start,
                        end,
                        first_line + lines,
                        true,
                    );
                    (shard, n)
                })
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a reader thread does not panic"))
            .collect()
    });
    if results.iter().any(|(_, n)| n.is_none()) {
        // A quote: only a CSV parser knows where a record ends, so the parts may not start
        // at records. The file is read again, whole, by one reader.
        drop(results);
        let reread = File::open(path).and_then(|mut f| f.seek(SeekFrom::Start(body)).map(|_| f));
        match reread {
            Ok(f) => {
                info.rows = rows.read(
                    batch.main_shard(),
                    &mut Records::new(f, plan.delimiter).starting_at(body),
                    first_line,
                )
            }
            Err(e) => {
                let at = At {
                    file: file.index,
                    line: first_line + 1,
                };
                batch
                    .main_shard()
                    .problem(&file, at, None, format!("cannot read: {e}"));
            }
        }
        return info;
    }
    info.readers = parts.len();
    for (shard, n) in results {
        info.rows += n.unwrap_or(0);
        batch.add_shard(shard);
    }
    info
}

/// Reads up to the header (the first non-blank record) and works out the layout.
fn header<R: Read>(
    batch: &mut Batch<'_>,
    file: &FileRef,
    records: &mut Records<R>,
    opts: &ReadOptions,
    delimiter: u8,
) -> Option<Rows> {
    let (names, line) = loop {
        match records.next_record() {
            Ok(None) => {
                let shard = batch.main_shard();
                if shard.problems.is_empty() {
                    let loc = Loc::file(file.index as usize, &file.name);
                    shard.problems.push(
                        loc,
                        None,
                        "the file is empty: expected a header line and rows",
                    );
                }
                return None;
            }
            Ok(Some(rec)) if is_blank(&rec) => continue,
            Ok(Some(rec)) => match header_names(&rec) {
                Ok(names) => break (names, rec.line),
                Err(col) => {
                    let at = At {
                        file: file.index,
                        line: rec.line,
                    };
                    let msg = format!("the header is not valid UTF-8 (field {})", col + 1);
                    batch.main_shard().problem(file, at, None, msg);
                    return None;
                }
            },
            Err(e) => {
                let line = match e {
                    records::ReadError::TooLong(l) => l,
                    records::ReadError::Io(_) => records.lines() + 1,
                };
                batch.main_shard().problem(
                    file,
                    At {
                        file: file.index,
                        line,
                    },
                    None,
                    e.to_string(),
                );
                return None;
            }
        }
    };
    let at = At {
        file: file.index,
        line,
    };
    let edition = batch.edition();
    let loc = Loc::line(file.index as usize, &file.name, at.line);
    let layout = Layout::new(
        names,
        edition,
        opts.default_set.is_some(),
        &loc,
        &mut batch.main_shard().problems,
    )?;
    let mut carried: Vec<(usize, u32)> = Vec::new();
    if let Some(c) = layout.product_name {
        carried.push((c, batch.carried_column(layout::PRODUCT_NAME)));
    }
    for (c, name) in &layout.carried {
        carried.push((*c, batch.carried_column(name)));
    }
    Some(Rows {
        file: file.clone(),
        layout,
        carried,
        decimal_comma: delimiter != b',',
        default_set: opts.default_set.clone(),
        default_index: opts.default_set.as_ref().and_then(|s| edition.set_index(s)),
        delimiter,
        points: Vec::new(),
        plans: Vec::new(),
        members: Vec::new(),
        last_set: None,
        last_id: Vec::new(),
        last_product: None,
    })
}

/// The delimiter of a header line: the most frequent of `,` `;` tab outside quotes.
pub fn sniff_delimiter(head: &[u8]) -> u8 {
    let line = head.split(|&b| b == b'\n').next().unwrap_or(head);
    let mut counts = [0usize; 3];
    let mut quoted = false;
    for &b in line {
        match b {
            b'"' => quoted = !quoted,
            b',' if !quoted => counts[0] += 1,
            b';' if !quoted => counts[1] += 1,
            b'\t' if !quoted => counts[2] += 1,
            _ => {}
        }
    }
    let best = (0..3).max_by_key(|&i| (counts[i], 3 - i)).unwrap_or(0);
    if counts[best] == 0 {
        b','
    } else {
        [b',', b';', b'\t'][best]
    }
}

fn header_names(rec: &Record<'_>) -> Result<Vec<String>, usize> {
    (0..rec.len())
        .map(|i| (i, rec.get(i).unwrap_or(b"")))
        .map(|(i, f)| {
            std::str::from_utf8(f)
                .map(|s| text::clean(s).into_owned())
                .map_err(|_| i)
        })
        .collect()
}

/// Reads every input as one batch and checks it: the files named (a large one split among
/// threads), `-` for standard input. Problems found only in merging the parts of a split file
/// could be located differently from one reader's, so then the files are read again by one
/// reader: the problems, like the results, never depend on the number of threads.
pub fn read_inputs<'e>(
    edition: &'e Edition,
    paths: &[PathBuf],
    opts: &ReadOptions,
    max_errors: usize,
    every_sum: bool,
) -> Result<Products<'e>, Problems> {
    let stdin = paths.iter().any(|p| p.as_os_str() == "-");
    let attempt = |opts: &ReadOptions| {
        let mut batch = Batch::new(edition, max_errors);
        if !every_sum {
            batch.marked_sums_only();
        }
        for path in paths {
            if path.as_os_str() == "-" {
                read(
                    &mut batch,
                    Source {
                        name: "<stdin>".into(),
                        reader: Box::new(io::stdin()),
                    },
                    opts,
                );
            } else {
                read_path(&mut batch, path, path.display().to_string().into(), opts);
            }
        }
        batch.finish()
    };
    // Standard input cannot be read twice: with it, every file is read by one reader.
    let single = ReadOptions {
        threads: 1,
        ..opts.clone()
    };
    match attempt(if stdin { &single } else { opts }) {
        Err(problems) if !problems.is_exact() => attempt(&single),
        result => result,
    }
}

/// A source over bytes in memory (tests, fuzzing).
pub fn memory(name: &str, bytes: Vec<u8>) -> Source {
    Source {
        name: name.into(),
        reader: Box::new(io::Cursor::new(bytes)),
    }
}
