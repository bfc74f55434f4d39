//! `ocop score`: read the members' sheets, apply the rules, print or export the ranked report.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use ocop::render::{self, TableStyle};
use ocop::report::{self, Council, ReportOptions};

use super::io::{Output, read_batch, report_encodings, report_problems};
use super::{edition, exit};
use crate::cli::{CouncilArg, ReportFormat, ScoreArgs};

pub fn run(criteria: Option<&str>, args: ScoreArgs) -> Result<ExitCode> {
    let edition = edition(criteria)?;
    // Refuse a bad -o before reading anything.
    let output = Output::create(args.output.as_deref(), &args.input.files)?;
    // The JSON report lists every criterion's mean and each member's sections.
    let detail = args.format == ReportFormat::Json || args.explain;
    let reading = read_batch(&edition, &args.input, detail)?;
    report_encodings(&reading.files);
    let batch = match reading.result {
        Ok(x) => x,
        Err(problems) => {
            report_problems(problems, "nothing was written");
            return Ok(ExitCode::from(exit::INPUT));
        }
    };
    let options = ReportOptions {
        council: match args.council {
            CouncilArg::Central => Council::Central,
            CouncilArg::Province => Council::Province,
        },
        max_spread: args.max_spread,
    };
    let report = report::build(batch, options);
    if args.format != ReportFormat::Table {
        // The table prints notices in its summary; exports also say them on stderr.
        for n in &report.notices {
            eprintln!("ocop: notice: {n}");
        }
    }
    let mut out = output;
    let style = TableStyle {
        width: args.width.unwrap_or_else(|| {
            if out.is_stdout() {
                super::terminal_width()
            } else {
                80
            }
        }),
        ascii: args.ascii,
    };
    let written = match args.format {
        ReportFormat::Table => render::report::table(&mut out, &report, style, args.explain),
        ReportFormat::Csv => render::csv::write(&mut out, &report, args.bom),
        ReportFormat::Json => render::json::write(&mut out, &report),
    };
    written
        .and_then(|()| out.flush())
        .map_err(|e| out.error(e))?;
    out.commit()?;
    Ok(ExitCode::from(exit::OK))
}
