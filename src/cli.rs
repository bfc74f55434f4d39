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
    /// Print an empty sheet for a round (CSV, or a fill-in .xlsx workbook), ready to fill in
    Template(TemplateArgs),
    /// List the editions and sets, or show one set's criteria
    Criteria(CriteriaArgs),
    /// The certificate register: import rounds, see what is due for re-rating, histories
    Register(RegisterArgs),
    /// Compare two rounds: products up, down, new and gone
    Diff(DiffArgs),
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

    /// Accepted for scripts written for ocop 0.1 (0–256); files are now read by one reader
    #[arg(long, value_name = "N", default_value_t = 0, hide = true,
          value_parser = clap::value_parser!(u16).range(0..=256).map(usize::from))]
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

    /// The council scoring: a provincial council certifies 3★–4★ and nominates 90+ for 5★; the central council certifies 5★
    #[arg(long, value_enum, default_value_t = CouncilArg::Province)]
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

    /// Table: one line per product (rank, id, name cut with …, set, total, stars, status)
    #[arg(long, conflicts_with = "summary")]
    pub compact: bool,

    /// Table: the counts and lists only, no per-product rows
    #[arg(long)]
    pub summary: bool,

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

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CouncilArg {
    /// The ministry's council: 5★ is reported as 5★
    Central,
    /// A provincial council: 5★ is reported as 4★ and nominated for 5★
    Province,
}

impl From<CouncilArg> for ocop::report::Council {
    fn from(c: CouncilArg) -> Self {
        match c {
            CouncilArg::Central => ocop::report::Council::Central,
            CouncilArg::Province => ocop::report::Council::Province,
        }
    }
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
    /// Set numbers (1–26) or classification codes (e.g. I.3.b); with --products, the sets of
    /// its products by default
    #[arg(value_name = "SET")]
    pub sets: Vec<String>,

    /// Number of council members (one row each) when --members is not given
    #[arg(long, value_name = "N", default_value_t = 5, value_parser = clap::value_parser!(u16).range(1..=100))]
    pub assessors: u16,

    /// Council members' names, `;`-separated: one row per product and member
    #[arg(long, value_name = "NAMES", conflicts_with = "assessors")]
    pub members: Option<String>,

    /// Products of the round: a CSV with `product_id`, `product_name`, `set`; other columns
    /// (producer, commune, …) are carried into the sheet
    #[arg(long, value_name = "FILE")]
    pub products: Option<PathBuf>,

    /// Output format (default: xlsx when -o ends in .xlsx, else csv)
    #[arg(long, value_enum)]
    pub format: Option<TemplateFormat>,

    /// Write to this file instead of standard output
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,

    /// Start with a UTF-8 byte-order mark, for Excel on Windows (CSV only)
    #[arg(long)]
    pub bom: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum TemplateFormat {
    /// A wide CSV, one set only
    Csv,
    /// A fill-in workbook: one sheet per set, dropdowns of the allowed points, a total per row
    Xlsx,
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
    },
    /// Print the selected edition as criteria TOML, a starting point for a custom rubric
    Export,
}

/// How a table or document is printed. Global to `ocop criteria`, so the options work
/// before or after the action (`ocop criteria --format json show 6`).
#[derive(Debug, Args, Clone)]
pub struct ViewArgs {
    /// Output format
    #[arg(long, global = true, value_enum, default_value_t = ViewFormat::Table)]
    pub format: ViewFormat,

    /// Table width in columns (default: the terminal's width, or 80 when not a terminal)
    #[arg(long, global = true, value_name = "COLUMNS", value_parser = clap::value_parser!(u16).range(40..))]
    pub width: Option<u16>,

    /// Draw tables with ASCII characters only
    #[arg(long, global = true)]
    pub ascii: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ViewFormat {
    Table,
    Json,
}

// ---------------------------------------------------------------------------------------------
// `ocop register` and `ocop diff` (docs/register.md)
// ---------------------------------------------------------------------------------------------

#[derive(Debug, Args)]
pub struct RegisterArgs {
    #[command(subcommand)]
    pub action: RegisterAction,
}

/// The register file: `--db`, else `OCOP_DB`, else `ocop.db` in the current directory.
#[derive(Debug, Args, Clone)]
pub struct DbArgs {
    /// The register file (SQLite), created when missing
    #[arg(long, value_name = "PATH", env = "OCOP_DB", default_value = "ocop.db")]
    pub db: PathBuf,
}

#[derive(Debug, Subcommand)]
pub enum RegisterAction {
    /// Score files as `ocop score` does and record the round and its certificates
    Import(RegisterImportArgs),
    /// Certificates to renew on a date: re-rating window open or closed, expired, expiring
    Due(RegisterDueArgs),
    /// Each product's latest result (or one round's), with its certificate
    List(RegisterListArgs),
    /// Every round of one product: stars and score over time
    History(RegisterHistoryArgs),
}

#[derive(Debug, Args)]
pub struct RegisterImportArgs {
    #[command(flatten)]
    pub input: InputArgs,

    #[command(flatten)]
    pub db: DbArgs,

    /// The recognising decision's number, e.g. "123/QĐ-UBND"
    #[arg(long, value_name = "NUMBER")]
    pub decision: String,

    /// The decision's date, the certificates' issue date (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub issued: jiff::civil::Date,

    /// The round's name in the register (default: the decision number)
    #[arg(long, value_name = "NAME")]
    pub round: Option<String>,

    /// Replace a round of the same name already in the register
    #[arg(long)]
    pub replace: bool,

    /// The council scoring: a provincial council reports a 5★ product as 4★, nominated for 5★
    #[arg(long, value_enum, default_value_t = CouncilArg::Province)]
    pub council: CouncilArg,

    /// Flag a product when its members' totals differ by more than this many points
    #[arg(long, value_name = "POINTS", default_value = "10", value_parser = parse_points)]
    pub max_spread: ocop::points::Points,
}

/// How a register listing is printed.
#[derive(Debug, Args, Clone)]
pub struct ListingArgs {
    /// Output format
    #[arg(long, value_enum, default_value_t = ReportFormat::Table)]
    pub format: ReportFormat,

    /// Write to this file instead of standard output (written whole, or not at all)
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,

    /// Start CSV output with a UTF-8 byte-order mark, so Excel on Windows shows Vietnamese
    #[arg(long)]
    pub bom: bool,

    /// Table width in columns (default: the terminal's width, or 80 when not a terminal)
    #[arg(long, value_name = "COLUMNS", value_parser = clap::value_parser!(u16).range(40..))]
    pub width: Option<u16>,

    /// Draw tables with ASCII characters only
    #[arg(long)]
    pub ascii: bool,
}

#[derive(Debug, Args)]
pub struct RegisterDueArgs {
    #[command(flatten)]
    pub db: DbArgs,

    /// The date asked about (YYYY-MM-DD; default: today)
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    pub on: Option<jiff::civil::Date>,

    /// Also list valid certificates expiring within this many days
    #[arg(long, value_name = "DAYS", value_parser = clap::value_parser!(u32).range(..=36600))]
    pub within: Option<u32>,

    /// Only these standings: window_open, window_closed, extension, expired, valid
    #[arg(long, value_name = "STATUS", value_delimiter = ',')]
    pub status: Vec<String>,

    #[command(flatten)]
    pub listing: ListingArgs,
}

#[derive(Debug, Args)]
pub struct RegisterListArgs {
    #[command(flatten)]
    pub db: DbArgs,

    /// One round's results (default: each product's latest result)
    #[arg(long, value_name = "NAME")]
    pub round: Option<String>,

    /// Only this set: number (1–26) or code (e.g. I.3.b)
    #[arg(long, value_name = "SET")]
    pub set: Option<String>,

    /// Only products with these stars as reported (0 for disqualified)
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u8).range(0..=5))]
    pub stars: Option<u8>,

    /// Only communes whose name contains this (case-insensitive)
    #[arg(long, value_name = "TEXT")]
    pub commune: Option<String>,

    /// Only this result status: certified, not_certified, disqualified, nominated
    #[arg(long, value_name = "STATUS")]
    pub status: Option<String>,

    #[command(flatten)]
    pub listing: ListingArgs,
}

#[derive(Debug, Args)]
pub struct RegisterHistoryArgs {
    /// The product id
    pub product: String,

    #[command(flatten)]
    pub db: DbArgs,

    #[command(flatten)]
    pub listing: ListingArgs,
}

#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The earlier round: a register round's name, a ranked CSV export, or assessment files
    pub old: String,

    /// The later round, as OLD
    pub new: String,

    /// Also list products whose stars did not change
    #[arg(long)]
    pub all: bool,

    /// Set of assessment rows without a `set` column (as `ocop score --set`)
    #[arg(long, value_name = "SET")]
    pub set: Option<String>,

    /// The council scoring assessment files (as `ocop score --council`)
    #[arg(long, value_enum, default_value_t = CouncilArg::Province)]
    pub council: CouncilArg,

    #[command(flatten)]
    pub db: DbArgs,

    #[command(flatten)]
    pub listing: ListingArgs,
}

fn parse_date(s: &str) -> Result<jiff::civil::Date, String> {
    ocop::register::dates::parse(s)
}
