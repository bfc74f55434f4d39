//! `ocop score`: read the members' sheets, apply the rules, print or export the ranked report.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use ocop::l10n::Lang;
use ocop::render::html::{self, adapter::DocMeta};
use ocop::render::report::View;
use ocop::render::{self, TableStyle};
use ocop::report::ReportOptions;

use super::io::{Output, score_inputs};
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
    if format != ReportFormat::Table && (args.compact || args.summary) {
        let flag = if args.compact {
            "--compact"
        } else {
            "--summary"
        };
        return Err(super::UsageError(super::tr_args(
            "usage-table-only",
            &[("flag", flag.into())],
        ))
        .into());
    }
    // Refuse a bad -o before reading anything.
    let output = Output::create(args.output.as_deref(), &args.input.files)?;
    // The JSON report and the document use every criterion's mean and each member's sections.
    let detail = matches!(format, ReportFormat::Json | ReportFormat::Html) || args.explain;
    let options = ReportOptions {
        council: args.council.into(),
        max_spread: args.max_spread,
    };
    let Some(report) = score_inputs(
        &edition,
        &args.input,
        detail,
        options,
        "outcome-nothing-written",
    )?
    else {
        return Ok(ExitCode::from(exit::INPUT));
    };
    if format != ReportFormat::Table {
        // The table prints notices in its summary; exports also say them on stderr.
        for n in render::notices(&report, lang) {
            eprintln!(
                "ocop: {}",
                ocop::l10n::tr_args(lang, "notice-line", &[("text", n.into())])
            );
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
        lang,
    };
    let view = if args.compact {
        View::Compact
    } else if args.summary {
        View::Summary
    } else {
        View::Full
    };
    let written = match format {
        ReportFormat::Table => {
            render::report::table_view(&mut out, &report, style, args.explain, view)
        }
        ReportFormat::Csv => render::csv::write(&mut out, &report, args.bom),
        ReportFormat::Json => render::json::write(&mut out, &report),
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
