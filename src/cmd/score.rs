//! `ocop score`: read the members' sheets, apply the rules, print or export the ranked report.

use std::io::Write;
use std::process::ExitCode;

use anyhow::Result;
use ocop::l10n::Lang;
use ocop::parallel::Parallel;
use ocop::render::html::{self, adapter::DocMeta};
use ocop::render::json::{JsonProblem, JsonWarning, ProblemsDoc};
use ocop::render::report::View;
use ocop::render::{self, TableStyle};
use ocop::report::{Report, ReportOptions};
use ocop::warnings::Warning;

use super::format::{self, flag};
use super::io::{Output, read_and_score, report_problems, strict_failure};
use super::{UsageError, edition, exit};
use crate::cli::{ReportFormat, ScoreArgs};
use ocop::filter::Filter;
use ocop::render::csv::CsvOptions;

pub fn run(criteria: Option<&str>, lang: Lang, args: ScoreArgs) -> Result<ExitCode> {
    let edition = edition(criteria)?;
    let format = choose_format(&args)?;
    let filter = Filter::parse(
        &edition,
        args.filter.stars.as_deref(),
        &args.filter.status,
        &args.filter.only_set,
    )
    .map_err(UsageError)?;
    // Refuse a bad -o before reading anything.
    let output = Output::create(args.output.as_deref(), &args.input.files)?;
    format::refuse_binary_on_terminal(format, output.is_stdout())?;
    // The JSON report, the document and the workbook use every criterion's mean and each
    // member's sections.
    let detail = matches!(
        format,
        ReportFormat::Json | ReportFormat::Html | ReportFormat::Xlsx
    ) || args.explain
        || args.export.criteria_means;
    let options = ReportOptions {
        council: args.council.into(),
        max_spread: args.max_spread,
    };
    let mut report = match read_and_score(&edition, &args.input, detail, options)? {
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
                    problems: list.iter().map(|p| JsonProblem::new(p, lang)).collect(),
                    warnings: Vec::new(),
                    read: None,
                };
                problems_to_stdout(&doc)?;
            }
            report_problems(problems, NOTHING_WRITTEN);
            return Ok(ExitCode::from(exit::INPUT));
        }
    };
    // The warnings pass only reads the report: when nothing waits for it (no --strict, no
    // filter, not JSON, which embeds them), it runs beside the rendering, on another core
    // (`--threads 1`: none).
    let threads = super::io::Threads::from(&args.input);
    let beside =
        threads.threads() > 1 && !args.strict && filter.is_empty() && format != ReportFormat::Json;
    let early = (!beside).then(|| ocop::warnings::check(&report));
    if let Some(warnings) = early.as_ref().filter(|w| args.strict && !w.is_empty()) {
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
        strict_failure(warnings, lang, NOTHING_WRITTEN, args.input.max_errors);
        return Ok(ExitCode::from(exit::INPUT));
    }
    // Warnings are the whole batch's; the filter chooses what is shown.
    let before = filter.apply(&mut report);
    if !filter.is_empty() {
        eprintln!(
            "ocop: {}",
            ocop::l10n::tr_args(
                lang,
                "note-filtered",
                &[
                    ("shown", report.products.len().into()),
                    ("total", before.into())
                ]
            )
        );
    }
    if format != ReportFormat::Table {
        // The table prints notices in its summary; exports also say them on stderr.
        for n in render::notices(&report, lang) {
            eprintln!(
                "ocop: {}",
                ocop::l10n::tr_args(lang, "notice-line", &[("text", n.into())])
            );
        }
        // Exports keep to their format: the warnings go to standard error (and into JSON).
        if let Some(warnings) = &early {
            super::io::warnings_to_stderr(warnings, lang, false, args.input.max_errors);
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
    let shown = &report;
    let (warnings, written) = std::thread::scope(|s| {
        let mut warnings = Beside::start(s, shown, early);
        let written = match format {
            ReportFormat::Table => {
                render::report::table_view(&mut out, shown, style, args.explain, view).and_then(
                    |()| {
                        let w = warnings.get(shown);
                        table_warnings(&mut out, w, lang, style, args.input.max_errors)
                    },
                )
            }
            ReportFormat::Csv => render::csv::write_in(
                &mut out,
                shown,
                &CsvOptions {
                    bom: args.bom,
                    excel: args.export.excel,
                    members: args.export.members,
                    criteria_means: args.export.criteria_means,
                },
                &threads,
            ),
            ReportFormat::Xlsx => match render::xlsx::ranked(shown, lang) {
                Ok(bytes) => out.write_all(&bytes),
                Err(e) => Err(std::io::Error::other(e)),
            },
            ReportFormat::Json => {
                render::json::write_with(&mut out, shown, warnings.get(shown), lang)
            }
            ReportFormat::Html => {
                let d = &args.document;
                let meta = DocMeta {
                    council_name: d.council_name.clone(),
                    round_name: d.round.clone(),
                    date: d.date.map(|x| (x.year(), x.month() as u8, x.day() as u8)),
                };
                let doc = html::adapter::round_doc_from(shown, &edition, meta);
                out.write_all(html::render(&doc, lang).as_bytes())
            }
        };
        (warnings.take(shown), written)
    });
    if beside && format != ReportFormat::Table {
        super::io::warnings_to_stderr(&warnings, lang, false, args.input.max_errors);
    }
    written
        .and_then(|()| out.flush())
        .map_err(|e| out.error(e))?;
    out.commit()?;
    // The process ends here: freeing every product's result one by one would cost about 8 %
    // of a 200,000-product run (perf), for memory the exit returns anyway.
    std::mem::forget(report);
    Ok(ExitCode::from(exit::OK))
}

/// `--format`, else `-o`'s extension, else the table; a flag that does nothing in that
/// format is refused (exit 2) rather than ignored.
fn choose_format(args: &ScoreArgs) -> Result<ReportFormat> {
    use ReportFormat::{Csv, Html, Table};
    let d = &args.document;
    let flags = [
        flag("--bom", args.bom, &[Csv]),
        flag("--excel", args.export.excel, &[Csv]),
        flag("--members", args.export.members, &[Csv]),
        flag("--criteria-means", args.export.criteria_means, &[Csv]),
        flag("--explain", args.explain, &[Table]),
        flag("--width", args.width.is_some(), &[Table]),
        flag("--ascii", args.ascii, &[Table]),
        flag("--compact", args.compact, &[Table]),
        flag("--summary", args.summary, &[Table]),
        flag("--council-name", !d.council_name.is_empty(), &[Html]),
        flag("--round", !d.round.is_empty(), &[Html]),
        flag("--date", d.date.is_some(), &[Html]),
    ];
    let all = [Table, Csv, ReportFormat::Json, Html, ReportFormat::Xlsx];
    Ok(format::resolve(
        args.format,
        args.output.as_deref(),
        &all,
        &flags,
    )?)
}

const NOTHING_WRITTEN: &str = "outcome-nothing-written";

/// The report's warnings: given, or worked out on a thread of their own while the report
/// is rendered (on this thread when one cannot be started).
struct Beside<'s> {
    ready: Option<Vec<Warning>>,
    pending: Option<std::thread::ScopedJoinHandle<'s, Vec<Warning>>>,
}

impl<'s> Beside<'s> {
    fn start<'e: 's>(
        s: &'s std::thread::Scope<'s, '_>,
        report: &'s Report<'e>,
        ready: Option<Vec<Warning>>,
    ) -> Beside<'s> {
        let pending = match ready {
            Some(_) => None,
            None => std::thread::Builder::new()
                .spawn_scoped(s, || ocop::warnings::check(report))
                .ok(),
        };
        Beside { ready, pending }
    }

    fn get(&mut self, report: &Report<'_>) -> &[Warning] {
        if self.ready.is_none() {
            let w = match self.pending.take() {
                Some(h) => h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)),
                None => ocop::warnings::check(report),
            };
            self.ready = Some(w);
        }
        self.ready.as_deref().unwrap_or_default()
    }

    fn take(mut self, report: &Report<'_>) -> Vec<Warning> {
        self.get(report);
        self.ready.unwrap_or_default()
    }
}

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
    max: usize,
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
    for line in super::io::warning_lines(warnings, lang, false, max) {
        render::paragraph(out, &format!("{bullet} {line}"), style)?;
    }
    Ok(())
}
