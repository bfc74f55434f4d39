//! `ocop score`: read the members' sheets, apply the rules, print or export the ranked report.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use ocop::l10n::Lang;
use ocop::render::html::{self, adapter::DocMeta};
use ocop::render::json::{JsonProblem, JsonWarning, ProblemsDoc};
use ocop::render::{self, TableStyle};
use ocop::report::ReportOptions;

use super::io::{Output, read_and_score, report_problems, strict_failure};
use super::{edition, exit};
use crate::cli::{ReportFormat, ScoreArgs};

pub fn run(criteria: Option<&str>, lang: Lang, args: ScoreArgs) -> Result<ExitCode> {
    let edition = edition(criteria)?;
    let is_html = |p: &std::path::Path| {
        p.extension()
            .is_some_and(|e| e.eq_ignore_ascii_case("html") || e.eq_ignore_ascii_case("htm"))
    };
    let format = args.format.unwrap_or(match &args.output {
        Some(p) if is_html(p) => ReportFormat::Html,
        _ => ReportFormat::Table,
    });
    // Refuse a bad -o before reading anything.
    let output = Output::create(args.output.as_deref(), &args.input.files)?;
    // The JSON report and the document use every criterion's mean and each member's sections.
    let detail = matches!(format, ReportFormat::Json | ReportFormat::Html) || args.explain;
    let options = ReportOptions {
        council: args.council.into(),
        max_spread: args.max_spread,
    };
    let report = match read_and_score(&edition, &args.input, detail, options)? {
        Ok(report) => report,
        Err(problems) => {
            // `--format json`: the problems as the problems document (docs/json.md), on
            // standard output; the output file is not written.
            if format == ReportFormat::Json {
                let (list, total) = problems.clone().sorted();
                let doc = ProblemsDoc {
                    schema_version: render::json::SCHEMA_VERSION,
                    ok: false,
                    strict: args.strict,
                    problems_total: total,
                    problems: list.iter().map(JsonProblem::new).collect(),
                    warnings: Vec::new(),
                    read: None,
                };
                problems_to_stdout(&doc)?;
            }
            report_problems(problems, NOTHING_WRITTEN);
            return Ok(ExitCode::from(exit::INPUT));
        }
    };
    let warnings = ocop::warnings::check(&report);
    if args.strict && !warnings.is_empty() {
        if format == ReportFormat::Json {
            let doc = ProblemsDoc {
                schema_version: render::json::SCHEMA_VERSION,
                ok: false,
                strict: true,
                problems_total: 0,
                problems: Vec::new(),
                warnings: warnings.iter().map(|w| JsonWarning::new(w, lang)).collect(),
                read: None,
            };
            problems_to_stdout(&doc)?;
        }
        strict_failure(&warnings, lang, NOTHING_WRITTEN);
        return Ok(ExitCode::from(exit::INPUT));
    }
    if format != ReportFormat::Table {
        // The table prints notices in its summary; exports also say them on stderr.
        for n in &report.notices {
            eprintln!("ocop: notice: {n}");
        }
        // Exports keep to their format: the warnings go to standard error (and into JSON).
        super::io::warnings_to_stderr(&warnings, lang, false);
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
    let written = match format {
        ReportFormat::Table => render::report::table(&mut out, &report, style, args.explain)
            .and_then(|()| table_warnings(&mut out, &warnings, lang, style)),
        ReportFormat::Csv => render::csv::write(&mut out, &report, args.bom),
        ReportFormat::Json => render::json::write_with(&mut out, &report, &warnings, lang),
        ReportFormat::Html => {
            let d = &args.document;
            let meta = DocMeta {
                council_name: d.council_name.clone(),
                round_name: d.round.clone(),
                date: d.date.map(|x| (x.year(), x.month() as u8, x.day() as u8)),
            };
            let doc = html::adapter::round_doc_from(&report, &edition, meta);
            out.write_all(html::render(&doc, lang).as_bytes())
        }
    };
    written
        .and_then(|()| out.flush())
        .map_err(|e| out.error(e))?;
    out.commit()?;
    Ok(ExitCode::from(exit::OK))
}

const NOTHING_WRITTEN: &str = "nothing was written";

/// The problems document on standard output (a closed pipe is no failure: `main`).
fn problems_to_stdout(doc: &ProblemsDoc) -> Result<()> {
    let mut stdout = std::io::stdout().lock();
    render::json::write_problems(&mut stdout, doc)?;
    stdout.flush()?;
    Ok(())
}

/// The table's warnings, after the report (and its explanations): a heading, one a line.
fn table_warnings(
    out: &mut dyn Write,
    warnings: &[ocop::warnings::Warning],
    lang: Lang,
    style: TableStyle,
) -> std::io::Result<()> {
    if warnings.is_empty() {
        return Ok(());
    }
    writeln!(out)?;
    let heading = ocop::l10n::tr_args(
        lang,
        "warnings-heading",
        &[("count", warnings.len().into())],
    );
    render::paragraph(out, &heading, style)?;
    let bullet = if style.ascii { "-" } else { "•" };
    for w in warnings {
        render::paragraph(
            out,
            &format!("{bullet} {}", w.line_text(lang, false)),
            style,
        )?;
    }
    Ok(())
}
