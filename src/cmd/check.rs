//! `ocop check`: read the inputs as `score` would, and list every problem without scoring.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use serde::Serialize;

use super::io::read_batch;
use super::{edition, exit};
use crate::cli::{CheckArgs, CheckFormat};

#[derive(Serialize)]
struct Problem<'a> {
    file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    sheet: Option<&'a str>,
    line: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cell: Option<String>,
    code: &'static str,
    column: Option<&'a str>,
    message: String,
}

#[derive(Serialize)]
struct Doc<'a> {
    ok: bool,
    problems_total: usize,
    problems: Vec<Problem<'a>>,
}

pub fn run(criteria: Option<&str>, lang: ocop::l10n::Lang, args: CheckArgs) -> Result<ExitCode> {
    let edition = edition(criteria)?;
    let reading = read_batch(&edition, &args.input, false)?;
    super::io::report_encodings(&reading.files);
    let (list, total) = match reading.result {
        Ok(_) => (Vec::new(), 0),
        Err(problems) => problems.sorted(),
    };
    let mut out = super::io::Output::create(None, &[])?;
    match args.format {
        CheckFormat::Text => {
            for p in &list {
                writeln!(out, "{}", p.render(lang))?;
            }
            if total > list.len() {
                writeln!(out, "{}", super::io::more_problems(total - list.len()))?;
            }
            if total == 0 {
                writeln!(out, "{}", super::tr("check-ok"))?;
            } else {
                writeln!(
                    out,
                    "{}",
                    super::tr_args("check-problems", &[("n", total.into())])
                )?;
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
                        sheet: p.loc.sheet.as_deref(),
                        line: p.loc.line,
                        cell: p.cell_ref(),
                        code: p.code,
                        column: p.column.as_deref(),
                        message: p.message_in(lang),
                    })
                    .collect(),
            };
            serde_json::to_writer_pretty(&mut out, &doc)
                .map_err(std::io::Error::from)
                .and_then(|()| writeln!(out))
                .map_err(|e| out.error(e))?;
        }
    }
    out.flush().map_err(|e| out.error(e))?;
    Ok(ExitCode::from(if total == 0 {
        exit::OK
    } else {
        exit::INPUT
    }))
}
