//! The `ocop` binary: parse arguments, run the subcommand, map failures to exit statuses.

mod cli;
mod cmd;

use std::process::ExitCode;

use clap::Parser;

use cmd::{UsageError, exit};

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    cmd::io::remove_on_signal();
    match cmd::run(cli) {
        Ok(code) => code,
        Err(err) => ExitCode::from(failure(&err)),
    }
}

/// The one place failures become exit statuses (README, "Exit status"): wrong usage 2; the
/// output could not be written 3, except a closed pipe (`ocop score … | head`), which is
/// not a failure. Input problems never get here: the subcommands list them and return 1.
fn failure(err: &anyhow::Error) -> u8 {
    let io = err.chain().find_map(|e| e.downcast_ref::<std::io::Error>());
    if io.is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe) {
        return exit::OK;
    }
    if err.downcast_ref::<UsageError>().is_some() {
        eprintln!("ocop: {err:#}");
        return exit::USAGE;
    }
    if err.downcast_ref::<cmd::io::OutputError>().is_some() || io.is_some() {
        eprintln!("ocop: {err:#}");
        return exit::OUTPUT;
    }
    eprintln!(
        "ocop: {}",
        cmd::tr_args("internal-error", &[("error", format!("{err:#}").into())])
    );
    exit::OUTPUT
}
