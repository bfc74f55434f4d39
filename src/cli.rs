//! Command-line arguments (clap derive). Parsing only: the work is in `cmd`.

use clap::{Args, Parser, Subcommand, ValueEnum};

/// `ocop --version`: the program and the editions compiled into it.
const VERSION: &str = concat!(
    env!("CARGO_PKG_VERSION"),
    "\nembedded criteria editions:",
    "\n  qd26-2026   Quyết định 26/2026/QĐ-TTg (22/5/2026), in force (default)",
    "\n  qd148-2023  Quyết định 148/QĐ-TTg (24/2/2023), superseded"
);

#[derive(Debug, Parser)]
#[command(
    name = "ocop",
    version = VERSION,
    about = "Score OCOP products (Mỗi xã một sản phẩm) and classify them into 1–5 stars",
    long_about = "Score OCOP products (Mỗi xã một sản phẩm) from council members' sheets and \
                  classify them into 1–5 stars under Quyết định 26/2026/QĐ-TTg (or 148/QĐ-TTg).",
    after_help = "Exit status: 0 success; 1 the input had errors; 2 wrong usage (bad arguments, \
                  unknown set or edition, invalid criteria file); 3 output could not be written."
)]
pub struct Cli {
    /// Criteria edition: an embedded edition id (qd26-2026, qd148-2023) or a criteria TOML file
    #[arg(
        long,
        global = true,
        value_name = "EDITION|FILE",
        env = "OCOP_CRITERIA"
    )]
    pub criteria: Option<String>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// List the editions and sets, or show one set's criteria
    Criteria(CriteriaArgs),
}

#[derive(Debug, Args)]
pub struct CriteriaArgs {
    #[command(subcommand)]
    pub action: Option<CriteriaAction>,

    #[command(flatten)]
    pub view: ViewArgs,
}

#[derive(Debug, Subcommand)]
pub enum CriteriaAction {
    /// Show one set as a tree of parts, sections, criteria and options
    Show {
        /// Set number (1–26) or classification code (e.g. I.3.b)
        set: String,
        #[command(flatten)]
        view: ViewArgs,
    },
    /// Print the selected edition as criteria TOML, a starting point for a custom rubric
    Export,
}

/// How a table or document is printed.
#[derive(Debug, Args, Clone)]
pub struct ViewArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = ViewFormat::Table)]
    pub format: ViewFormat,

    /// Table width in columns (default: the terminal's width, or 80 when not a terminal)
    #[arg(long, value_name = "COLUMNS", value_parser = clap::value_parser!(u16).range(40..))]
    pub width: Option<u16>,

    /// Draw tables with ASCII characters only
    #[arg(long)]
    pub ascii: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ViewFormat {
    Table,
    Json,
}
