//! The `ocop` binary: parse arguments, run the subcommand, map failures to exit statuses.

mod cli;
mod cmd;

use std::process::ExitCode;

use clap::Parser;

use cmd::{UsageError, exit};

fn main() -> ExitCode {
    let cli = cli::Cli::parse();
    match cmd::run(cli) {
        Ok(code) => code,
        Err(err) => {
            // A closed pipe (`ocop score … | head`) is not a failure.
            if err.chain().any(|e| {
                e.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
            }) {
                return ExitCode::from(exit::OK);
            }
            eprintln!("ocop: {err:#}");
            let code = if err.downcast_ref::<UsageError>().is_some() {
                exit::USAGE
            } else {
                exit::OUTPUT
            };
            ExitCode::from(code)
        }
    }
}
