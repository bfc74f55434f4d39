//! `ocop check`: read the inputs as `score` would, and list every problem without scoring.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;

use super::io::read_batch;
use super::{edition, exit, plural};
use crate::cli::{CheckArgs, CheckFormat};

#[derive(Serialize)]
struct Problem<'a> {
    file: &'a str,
    line: Option<u64>,
    column: Option<&'a str>,
    message: &'a str,
}

#[derive(Serialize)]
struct Doc<'a> {
    ok: bool,
    problems_total: usize,
    problems: Vec<Problem<'a>>,
}

pub fn run(criteria: Option<&str>, args: CheckArgs) -> Result<ExitCode> {
    let edition = edition(criteria)?;
    let (list, total) = match read_batch(&edition, &args.input, false)? {
        Ok(_) => (Vec::new(), 0),
        Err(problems) => problems.sorted(),
    };
    let mut out = std::io::stdout().lock();
    match args.format {
        CheckFormat::Text => {
            for p in &list {
                writeln!(out, "{p}")?;
            }
            if total > list.len() {
                writeln!(
                    out,
                    "… and {} more (--max-errors to see more)",
                    total - list.len()
                )?;
            }
            if total == 0 {
                writeln!(out, "ok: no problems found")?;
            } else {
                writeln!(out, "{total} problem{} found", plural(total))?;
            }
        }
        CheckFormat::Json => {
            let doc = Doc {
                ok: total == 0,
                problems_total: total,
                problems: list
                    .iter()
                    .map(|p| Problem {
                        file: &p.loc.file,
                        line: p.loc.line,
                        column: p.column.as_deref(),
                        message: &p.message,
                    })
                    .collect(),
            };
            serde_json::to_writer_pretty(&mut out, &doc)?;
            writeln!(out)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::from(if total == 0 {
        exit::OK
    } else {
        exit::INPUT
    }))
}
