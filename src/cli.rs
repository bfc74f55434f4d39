//! Command-line arguments (clap derive). Parsing only: the work is in `cmd`.

use std::path::PathBuf;

use clap::builder::TypedValueParser;
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

    /// Language of tables, documents and messages: vi or en (default: from LC_ALL,
    /// LC_MESSAGES or LANG, Vietnamese when it begins with `vi`)
    #[arg(long, global = true, value_name = "LANG", env = "OCOP_LANG")]
    pub lang: Option<ocop::l10n::Lang>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Score council members' sheets: stars, ranking, report and exports
    Score(ScoreArgs),
    /// Check assessment files without scoring them; list every problem
    Check(CheckArgs),
    /// Print an empty wide CSV for a set, ready to fill in
    Template(TemplateArgs),
    /// List the editions and sets, or show one set's criteria
    Criteria(CriteriaArgs),
}

/// Reading assessment files.
#[derive(Debug, Args, Clone)]
pub struct InputArgs {
    /// Assessment CSV files (wide or long); `-` or none reads standard input
    #[arg(value_name = "FILE")]
    pub files: Vec<PathBuf>,

    /// Set of rows without a `set` column or value: number (1–26) or code (e.g. I.3.b)
    #[arg(long, value_name = "SET")]
    pub set: Option<String>,

    /// Field delimiter: `,` `;` or `tab` (default: detected from the header line)
    #[arg(short, long, value_name = "DELIM", value_parser = parse_delimiter)]
    pub delimiter: Option<u8>,

    /// Input encoding: utf-8, utf-16le, utf-16be, windows-1258 (default: detected)
    #[arg(long, value_name = "ENCODING")]
    pub encoding: Option<ocop::input::Encoding>,

    /// Threads reading one large UTF-8 file (default: one per core; 1 reads sequentially)
    #[arg(long, value_name = "N", default_value_t = 0, hide_default_value = true)]
    pub threads: usize,

    /// Show at most this many problems, then a count of the rest
    #[arg(long, value_name = "N", default_value_t = 50, value_parser = clap::value_parser!(u64).range(1..).map(|n| n as usize))]
    pub max_errors: usize,
}

#[derive(Debug, Args)]
pub struct ScoreArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Output format [default: table, or html when -o names a .html file]
    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,

    /// Write to this file instead of standard output (written whole, or not at all)
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,

    /// Explain each product: members' totals, what held it back, what the next star takes
    #[arg(long)]
    pub explain: bool,

    /// The council scoring: a provincial council reports a 5★ product as 4★, nominated for 5★
    #[arg(long, value_enum, default_value_t = CouncilArg::Central)]
    pub council: CouncilArg,

    /// Flag a product when its members' totals differ by more than this many points
    #[arg(long, value_name = "POINTS", default_value = "10", value_parser = parse_points)]
    pub max_spread: ocop::points::Points,

    /// Start CSV output with a UTF-8 byte-order mark, so Excel on Windows shows Vietnamese
    #[arg(long)]
    pub bom: bool,

    /// Table width in columns (default: the terminal's width, or 80 when not a terminal)
    #[arg(long, value_name = "COLUMNS", value_parser = clap::value_parser!(u16).range(40..))]
    pub width: Option<u16>,

    /// Draw tables and stars with ASCII characters only (`***--`)
    #[arg(long)]
    pub ascii: bool,

    #[command(flatten)]
    pub document: DocumentArgs,
}

/// What the printed document (`--format html`) says that the sheets do not.
#[derive(Debug, Args, Clone, Default)]
#[command(next_help_heading = "Document (--format html)")]
pub struct DocumentArgs {
    /// The council's name, e.g. "Hội đồng đánh giá, phân hạng sản phẩm OCOP tỉnh Quảng Ninh"
    #[arg(long, value_name = "NAME", default_value = "")]
    pub council_name: String,

    /// The round, e.g. "Đợt 1 năm 2026"
    #[arg(long, value_name = "NAME", default_value = "")]
    pub round: String,

    /// The council's meeting date, YYYY-MM-DD
    #[arg(long, value_name = "YYYY-MM-DD", value_parser = parse_date)]
    pub date: Option<jiff::civil::Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Table,
    Csv,
    Json,
    /// A printable HTML document: the round's summary, the list for the decision, a sheet
    /// per product
    Html,
}

fn parse_date(s: &str) -> Result<jiff::civil::Date, String> {
    let bad = || format!("{s:?}: expected a date YYYY-MM-DD, e.g. 2026-06-15");
    if s.len() != 10 || s.as_bytes()[4] != b'-' || s.as_bytes()[7] != b'-' {
        return Err(bad());
    }
    s.parse::<jiff::civil::Date>().map_err(|_| bad())
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CouncilArg {
    /// The ministry's council: 5★ is reported as 5★
    Central,
    /// A provincial council: 5★ is reported as 4★ and nominated for 5★
    Province,
}

#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Output format
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CheckFormat {
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// Set number (1–26) or classification code (e.g. I.3.b)
    pub set: String,

    /// Number of council members (one row each)
    #[arg(long, value_name = "N", default_value_t = 5, value_parser = clap::value_parser!(u16).range(1..=100))]
    pub assessors: u16,

    /// Write to this file instead of standard output
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,

    /// Start with a UTF-8 byte-order mark, for Excel on Windows
    #[arg(long)]
    pub bom: bool,
}

fn parse_delimiter(s: &str) -> Result<u8, String> {
    match s {
        "," | "comma" => Ok(b','),
        ";" | "semicolon" => Ok(b';'),
        "\t" | "\\t" | "tab" => Ok(b'\t'),
        _ => Err(format!("{s:?}: expected `,`, `;` or `tab`")),
    }
}

fn parse_points(s: &str) -> Result<ocop::points::Points, String> {
    ocop::points::Points::parse(s, true).map_err(|e| format!("{s:?} {e}"))
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
