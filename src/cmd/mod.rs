//! One file per subcommand. Each takes its parsed arguments and returns the exit status;
//! the plumbing they share (choosing the edition, the table width, failures) is here.

pub mod check;
pub mod criteria;
pub mod diff;
pub mod io;
mod listing;
pub mod register;
pub mod score;
pub mod template;

use std::io::IsTerminal;
use std::process::ExitCode;

use anyhow::Result;
use ocop::criteria::embedded::{self, Embedded};
use ocop::criteria::{CriteriaErrors, Edition, load};
use ocop::render::TableStyle;

use crate::cli::{Cli, Command, ViewArgs};

/// Documented exit statuses (README, `ocop --help`).
pub mod exit {
    pub const OK: u8 = 0;
    pub const INPUT: u8 = 1;
    pub const USAGE: u8 = 2;
    pub const OUTPUT: u8 = 3;
}

/// Wrong usage: exit status 2.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

pub fn run(cli: Cli) -> Result<ExitCode> {
    let lang = cli.lang.unwrap_or_else(ocop::l10n::Lang::from_env);
    match cli.command {
        Command::Score(args) => score::run(cli.criteria.as_deref(), lang, args),
        Command::Check(args) => check::run(cli.criteria.as_deref(), lang, args),
        Command::Template(args) => template::run(cli.criteria.as_deref(), lang, args),
        Command::Criteria(args) => criteria::run(cli.criteria.as_deref(), lang, args),
        Command::Register(args) => register::run(cli.criteria.as_deref(), lang, args),
        Command::Diff(args) => diff::run(cli.criteria.as_deref(), lang, args),
    }
}

/// The edition named by `--criteria`: an embedded id, or a TOML file.
pub fn edition(arg: Option<&str>) -> Result<Edition> {
    let arg = arg.unwrap_or(embedded::DEFAULT);
    if let Some(e) = Embedded::find(arg) {
        return Ok(e.load());
    }
    let path = std::path::Path::new(arg);
    if !path.exists() {
        let ids: Vec<&str> = embedded::EDITIONS.iter().map(|e| e.id).collect();
        return Err(UsageError(format!(
            "--criteria {arg}: no such edition or file (editions: {})",
            ids.join(", ")
        ))
        .into());
    }
    let bytes = read_criteria_file(path, arg)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let (line, col) = load::line_col(
            &String::from_utf8_lossy(&e.as_bytes()[..e.utf8_error().valid_up_to()]),
            usize::MAX,
        );
        UsageError(format!(
            "{arg}:{line}:{col}: the criteria file is not valid UTF-8"
        ))
    })?;
    embedded::parse_file(&text, arg).map_err(|errors: CriteriaErrors| {
        UsageError(format!(
            "invalid criteria file ({} problem{}):\n{errors}",
            errors.0.len(),
            plural(errors.0.len())
        ))
        .into()
    })
}

/// A criteria file's bytes, at most [`load::MAX_FILE_BYTES`]; every failure is a usage error
/// (the argument names no readable criteria file), so `/dev/zero` or a directory exits 2.
fn read_criteria_file(path: &std::path::Path, arg: &str) -> Result<Vec<u8>> {
    use std::io::Read;
    let usage = |why: String| UsageError(format!("--criteria {arg}: {why}"));
    if path.is_dir() {
        return Err(
            usage("is a directory; give a criteria TOML file or an edition id".into()).into(),
        );
    }
    let file =
        std::fs::File::open(path).map_err(|e| usage(format!("cannot open criteria file: {e}")))?;
    let mut bytes = Vec::new();
    file.take(load::MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| usage(format!("cannot read criteria file: {e}")))?;
    if bytes.len() as u64 > load::MAX_FILE_BYTES {
        return Err(UsageError(format!(
            "criteria file {arg} is larger than {} MiB, the most ocop reads (the official editions are under 1 MiB)",
            load::MAX_FILE_BYTES / (1024 * 1024)
        ))
        .into());
    }
    Ok(bytes)
}

/// Table width: `--width`, else the terminal's, else 80.
pub fn table_style(view: &ViewArgs, lang: ocop::l10n::Lang) -> TableStyle {
    TableStyle {
        width: view.width.unwrap_or_else(terminal_width),
        ascii: view.ascii,
        lang,
    }
}

/// The terminal's width when standard output is one, else 80.
pub fn terminal_width() -> u16 {
    if std::io::stdout().is_terminal() {
        comfy_table::Table::new().width().unwrap_or(80).max(40)
    } else {
        80
    }
}

pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
