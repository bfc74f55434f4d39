//! Splitting a large file among readers: whether it can be split (a regular UTF-8 file
//! above a size), and where each part starts (a line end outside quotes), with the number of
//! lines before it so that every reader names lines exactly.

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read, Seek, SeekFrom};
use std::path::Path;

use super::{Encoding, PARALLEL_MIN, ReadOptions, decode, sniff_delimiter};

/// When a file can be split: its size, where the header starts, and its delimiter.
pub(super) struct Plan {
    pub size: u64,
    pub start: u64,
    pub delimiter: u8,
}

pub(super) fn plan_parallel(path: &Path, opts: &ReadOptions) -> Option<Plan> {
    let mut f = File::open(path).ok()?;
    let meta = f.metadata().ok()?;
    if !meta.is_file() || meta.len() < opts.split_above.unwrap_or(PARALLEL_MIN) {
        return None;
    }
    if !matches!(opts.encoding, None | Some(Encoding::Utf8)) {
        return None;
    }
    let mut head = vec![0u8; 64 * 1024];
    let n = f.read(&mut head).ok()?;
    head.truncate(n);
    let start = if head.starts_with(b"\xEF\xBB\xBF") {
        3
    } else {
        0
    };
    if opts.encoding.is_none() {
        // Only UTF-8 is split; anything else is transcoded by one reader.
        let (enc, _, _) = decode::decode(Box::new(io::Cursor::new(head.clone())), None).ok()?;
        if enc != Encoding::Utf8 {
            return None;
        }
    }
    let delimiter = opts
        .delimiter
        .unwrap_or_else(|| sniff_delimiter(&head[start as usize..]));
    Some(Plan {
        size: meta.len(),
        start,
        delimiter,
    })
}

/// Splits `[start, end)` into `n` ranges that begin at a record boundary: a newline outside
/// quotes. Returns `(start, end, lines before start)` for each, lines counted from `start`.
pub(super) fn split(
    path: &Path,
    start: u64,
    end: u64,
    n: usize,
) -> io::Result<Vec<(u64, u64, u64)>> {
    let mut f = BufReader::with_capacity(1 << 20, File::open(path)?);
    f.seek(SeekFrom::Start(start))?;
    let mut cuts = vec![(start, 0u64)];
    let (mut pos, mut lines, mut quotes) = (start, 0u64, 0u64);
    for k in 1..n {
        let target = start + (end - start) * k as u64 / n as u64;
        // Count up to the target in bulk.
        while pos < target {
            let buf = f.fill_buf()?;
            if buf.is_empty() {
                break;
            }
            let take = buf.len().min((target - pos) as usize);
            lines += memchr::memchr_iter(b'\n', &buf[..take]).count() as u64;
            quotes += memchr::memchr_iter(b'"', &buf[..take]).count() as u64;
            f.consume(take);
            pos += take as u64;
        }
        // Then byte by byte to the next newline outside quotes.
        loop {
            let buf = f.fill_buf()?;
            if buf.is_empty() {
                break;
            }
            let b = buf[0];
            f.consume(1);
            pos += 1;
            if b == b'"' {
                quotes += 1;
            } else if b == b'\n' {
                lines += 1;
                if quotes % 2 == 0 {
                    break;
                }
            }
        }
        if pos >= end {
            break;
        }
        if pos > cuts.last().expect("a cut").0 {
            cuts.push((pos, lines));
        }
    }
    let mut out = Vec::with_capacity(cuts.len());
    for (i, &(s, l)) in cuts.iter().enumerate() {
        let e = cuts.get(i + 1).map_or(end, |c| c.0);
        out.push((s, e, l));
    }
    Ok(out)
}
