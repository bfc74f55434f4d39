//! One file per subcommand. Each takes its parsed arguments and returns the exit status;
//! the plumbing they share (choosing the edition, the table width, failures) is here.

pub mod check;
pub mod criteria;
pub mod diff;
pub mod format;
pub mod io;
mod listing;
pub mod register;
pub mod score;
pub mod template;

use std::io::IsTerminal;
use std::process::ExitCode;

use anyhow::Result;
use clap::CommandFactory;
use ocop::criteria::embedded::{self, Embedded};
use ocop::criteria::{CriteriaErrors, Edition, load};
use ocop::l10n::Lang;
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

/// The language of the run's messages (`--lang`, else the environment), set once by [`run`]
/// for the plumbing that prints (input problems, usage errors, `main`'s failures).
static LANG: std::sync::OnceLock<Lang> = std::sync::OnceLock::new();

/// The language of the run's messages.
pub fn lang() -> Lang {
    LANG.get().copied().unwrap_or_default()
}

/// A message of the catalogue in the run's language.
pub fn tr(key: &str) -> String {
    ocop::l10n::tr(lang(), key)
}

/// A message of the catalogue with arguments, in the run's language.
pub fn tr_args(key: &str, args: &[(&str, ocop::l10n::Value<'static>)]) -> String {
    ocop::l10n::tr_args(lang(), key, args)
}

pub fn run(cli: Cli) -> Result<ExitCode> {
    let lang = cli.lang.unwrap_or_else(Lang::from_env);
    let _ = LANG.set(lang);
    match cli.command {
        Command::Score(args) => score::run(cli.criteria.as_deref(), lang, args),
        Command::Check(args) => check::run(cli.criteria.as_deref(), lang, args),
        Command::Template(args) => template::run(cli.criteria.as_deref(), args),
        Command::Criteria(args) => criteria::run(cli.criteria.as_deref(), lang, args),
        Command::Register(args) => register::run(cli.criteria.as_deref(), lang, args),
        Command::Diff(args) => diff::run(cli.criteria.as_deref(), args),
        Command::Completions { shell } => {
            let mut out = std::io::stdout().lock();
            clap_complete::generate(shell, &mut Cli::command(), "ocop", &mut out);
            std::io::Write::flush(&mut out)?;
            Ok(ExitCode::from(exit::OK))
        }
        Command::Man => {
            let page = man_page()?;
            let mut out = std::io::stdout().lock();
            std::io::Write::write_all(&mut out, &page)?;
            std::io::Write::flush(&mut out)?;
            Ok(ExitCode::from(exit::OK))
        }
    }
}

/// `ocop man`: one page, the program and then a section per subcommand (and per action of
/// `criteria` and `register`), each with its synopsis, options, exit statuses and example.
fn man_page() -> Result<Vec<u8>> {
    // One line of version: `--version` also lists the embedded editions.
    let mut cmd = Cli::command().version(env!("CARGO_PKG_VERSION"));
    cmd.build();
    let mut page = Vec::new();
    clap_mangen::Man::new(cmd.clone()).render(&mut page)?;
    fn section(page: &mut Vec<u8>, sub: &clap::Command, path: &str) -> Result<()> {
        if sub.get_name() == "help" {
            return Ok(());
        }
        let path = format!("{path} {}", sub.get_name());
        let about = sub.get_about().map(|a| a.to_string()).unwrap_or_default();
        let roff_text = |t: &str| t.replace('\\', "\\e").replace('-', "\\-");
        std::io::Write::write_all(
            page,
            format!(".SH \"{}\"\n{}\n", path.to_uppercase(), roff_text(&about)).as_bytes(),
        )?;
        let named = sub
            .clone()
            .bin_name(path.clone())
            .display_name(path.clone());
        let man = clap_mangen::Man::new(named);
        man.render_synopsis_section(page)?;
        man.render_options_section(page)?;
        man.render_extra_section(page)?;
        for s in sub.get_subcommands() {
            section(page, s, &path)?;
        }
        Ok(())
    }
    for sub in cmd.get_subcommands() {
        section(&mut page, sub, "ocop")?;
    }
    Ok(page)
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
        return Err(UsageError(tr_args(
            "usage-no-edition",
            &[
                ("arg", arg.to_string().into()),
                ("editions", ids.join(", ").into()),
            ],
        ))
        .into());
    }
    let bytes = read_criteria_file(path, arg)?;
    let text = String::from_utf8(bytes).map_err(|e| {
        let (line, col) = load::line_col(
            &String::from_utf8_lossy(&e.as_bytes()[..e.utf8_error().valid_up_to()]),
            usize::MAX,
        );
        UsageError(tr_args(
            "usage-criteria-not-utf8",
            &[
                ("arg", arg.to_string().into()),
                ("line", line.into()),
                ("col", col.into()),
            ],
        ))
    })?;
    embedded::parse_file(&text, arg).map_err(|errors: CriteriaErrors| {
        UsageError(tr_args(
            "usage-criteria-invalid",
            &[
                ("n", errors.0.len().into()),
                ("errors", errors.to_string().into()),
            ],
        ))
        .into()
    })
}

/// A criteria file's bytes, at most [`load::MAX_FILE_BYTES`]; every failure is a usage error
/// (the argument names no readable criteria file), so `/dev/zero` or a directory exits 2.
fn read_criteria_file(path: &std::path::Path, arg: &str) -> Result<Vec<u8>> {
    use std::io::Read;
    let usage = |key: &str, error: String| {
        UsageError(tr_args(
            key,
            &[("arg", arg.to_string().into()), ("error", error.into())],
        ))
    };
    if path.is_dir() {
        return Err(usage("usage-criteria-dir", String::new()).into());
    }
    let file = std::fs::File::open(path)
        .map_err(|e| usage("usage-criteria-cannot-open", e.to_string()))?;
    let mut bytes = Vec::new();
    file.take(load::MAX_FILE_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| usage("usage-criteria-cannot-read", e.to_string()))?;
    if bytes.len() as u64 > load::MAX_FILE_BYTES {
        return Err(UsageError(tr_args(
            "usage-criteria-too-large",
            &[
                ("arg", arg.to_string().into()),
                ("mib", (load::MAX_FILE_BYTES / (1024 * 1024)).into()),
            ],
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

/// English plural "s" (messages now choose plural forms in the catalogues).
#[allow(dead_code)]
pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
