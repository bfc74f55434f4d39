//! `ocop check`: read the inputs as `score` would, and list every problem and warning; on
//! success, say what was read.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use ocop::l10n::{Lang, tr_args};
use ocop::render::json::{self, JsonProblem, JsonWarning, ProblemsDoc, ReadCounts};
use ocop::report::ReportOptions;

use super::io::read_batch;
use super::{edition, exit};
use crate::cli::{CheckArgs, CheckFormat};

pub fn run(criteria: Option<&str>, lang: Lang, args: CheckArgs) -> Result<ExitCode> {
    let edition = edition(criteria)?;
    let reading = read_batch(&edition, &args.input, false)?;
    super::io::report_encodings(&reading.files);
    let files = reading.files.len();
    let (list, total, report) = match reading.result {
        Ok(batch) => {
            let options = ReportOptions {
                max_spread: args.max_spread,
                ..ReportOptions::default()
            };
            let threads = super::io::Threads::from(&args.input);
            let report = ocop::report::build_with(batch, options, &threads);
            (Vec::new(), 0, Some(report))
        }
        Err(problems) => {
            let (list, total) = problems.sorted();
            (list, total, None)
        }
    };
    let warnings = report
        .as_ref()
        .map(ocop::warnings::check)
        .unwrap_or_default();
    let read = report.as_ref().map(|r| ReadCounts {
        files,
        products: r.products.len(),
        members: r.members.len(),
        sheets: r.sheets,
    });
    let failed = total > 0 || (args.strict && !warnings.is_empty());
    let mut out = super::io::Output::create(None, &[])?;
    match args.format {
        CheckFormat::Text => {
            for p in &list {
                writeln!(out, "{}", p.render(lang))?;
            }
            if total > list.len() {
                writeln!(out, "{}", super::io::more_problems(total - list.len()))?;
            }
            let max = args.input.max_errors;
            for line in super::io::warning_lines(&warnings, lang, args.strict, max) {
                writeln!(out, "{line}")?;
            }
            let count = warnings.len();
            if let Some(read) = read {
                let read = tr_args(
                    lang,
                    "check-read",
                    &[
                        ("files", read.files.into()),
                        ("products", read.products.into()),
                        ("members", read.members.into()),
                        ("sheets", read.sheets.into()),
                    ],
                );
                let key = match (count, args.strict) {
                    (0, _) => "check-ok",
                    (_, false) => "check-ok-warnings",
                    (_, true) => "check-strict-failed",
                };
                let args = [("read", read.into()), ("count", count.into())];
                writeln!(out, "{}", tr_args(lang, key, &args))?;
            } else {
                writeln!(
                    out,
                    "{}",
                    super::tr_args("check-problems", &[("n", total.into())])
                )?;
            }
        }
        CheckFormat::Json => {
            let doc = ProblemsDoc {
                schema_version: json::SCHEMA_VERSION,
                ok: !failed,
                strict: args.strict,
                problems_total: total,
                problems: list.iter().map(|p| JsonProblem::new(p, lang)).collect(),
                warnings: warnings.iter().map(|w| JsonWarning::new(w, lang)).collect(),
                read,
            };
            json::write_problems(&mut out, &doc).map_err(|e| out.error(e))?;
        }
    }
    out.flush().map_err(|e| out.error(e))?;
    Ok(ExitCode::from(if failed { exit::INPUT } else { exit::OK }))
}
