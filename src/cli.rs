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
    after_help = "Exit status: 0 success; 1 the input had errors (or warnings, with --strict); 2 \
                  wrong usage (bad arguments, unknown set or edition, invalid criteria file); 3 \
                  output could not be written. Each subcommand's --help gives its own, and an \
                  example; `ocop man` prints the manual page, `ocop completions SHELL` a \
                  completion script."
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
    #[command(after_help = SCORE_HELP)]
    Score(ScoreArgs),
    /// Check assessment files without scoring them; list every problem and warning
    #[command(after_help = CHECK_HELP)]
    Check(CheckArgs),
    /// Print an empty sheet for a round (CSV, or a fill-in .xlsx workbook), ready to fill in
    #[command(after_help = TEMPLATE_HELP)]
    Template(TemplateArgs),
    /// List the editions and sets, or show one set's criteria
    #[command(after_help = CRITERIA_HELP)]
    Criteria(CriteriaArgs),
    /// The certificate register: import rounds, see what is due for re-rating, histories
    #[command(after_help = REGISTER_HELP)]
    Register(RegisterArgs),
    /// Compare two rounds: products up, down, new and gone
    #[command(after_help = DIFF_HELP)]
    Diff(DiffArgs),
    /// Print a shell completion script (bash, zsh, fish, powershell, elvish)
    #[command(after_help = COMPLETIONS_HELP)]
    Completions {
        /// The shell
        #[arg(value_enum)]
        shell: clap_complete::Shell,
    },
    /// Print the manual page (roff)
    #[command(after_help = MAN_HELP)]
    Man,
}

// Each subcommand's help ends with its exit statuses and an example (`ocop score --help`).
const SCORE_HELP: &str = "Exit status: 0 scored and written; 1 the input had problems, or \
warnings with --strict (nothing written); 2 wrong usage; 3 the output could not be written.

Example:
  ocop score round.csv --format csv -o ranked.csv";
const CHECK_HELP: &str = "Exit status: 0 no problems (warnings are listed, they do not fail \
unless --strict); 1 the input had problems, or warnings with --strict; 2 wrong usage.

Example:
  ocop check round.csv --strict --format json";
const TEMPLATE_HELP: &str = "Exit status: 0 written; 1 the products file had problems; 2 wrong \
usage (unknown set); 3 the output could not be written.

Example:
  ocop template 6 11 --members \"Nguyễn Văn Hùng;Trần Thị Mai;Phạm Quốc Bảo\" -o round.xlsx";
const CRITERIA_HELP: &str = "Exit status: 0 printed; 2 wrong usage (unknown set or edition, \
invalid criteria file); 3 the output could not be written.

Example:
  ocop criteria show 6";
const REGISTER_HELP: &str = "Exit status: 0 done; 1 the input had problems (or warnings with \
--strict), or the round is already recorded; 2 wrong usage (no register, bad date); 3 the \
output could not be written.

Example:
  ocop register import round.csv --decision 123/QĐ-UBND --issued 2026-06-30";
const DIFF_HELP: &str = "Exit status: 0 compared; 1 an input had problems; 2 wrong usage; 3 the \
output could not be written.

Example:
  ocop diff 2025-round.csv 2026-round.csv";
const COMPLETIONS_HELP: &str = "Exit status: 0 printed; 2 wrong usage (unknown shell).

Example:
  ocop completions bash > ~/.local/share/bash-completion/completions/ocop";
const MAN_HELP: &str = "Exit status: 0 printed.

Example:
  ocop man > ocop.1 && man ./ocop.1";

/// Reading assessment files.
#[derive(Debug, Args, Clone)]
pub struct InputArgs {
    /// Assessment files: CSV (wide or long) or workbooks (.xlsx, .xlsm, .xls, .ods); `-` or
    /// none reads standard input (CSV)
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

    /// Readers of one large CSV file (at least 8 MiB a reader), side by side: 0 one per
    /// core, 1 one reader. The answer is the same (0–256)
    #[arg(long, value_name = "N", default_value_t = 0,
          value_parser = clap::value_parser!(u16).range(0..=256).map(usize::from))]
    pub threads: usize,

    /// Show at most this many problems, then a count of the rest
    #[arg(long, value_name = "N", default_value_t = 50, value_parser = clap::value_parser!(u64).range(1..).map(|n| n as usize))]
    pub max_errors: usize,

    /// Drop this column from every input: not carried, not a criterion, not checked
    /// (repeatable; matched case-insensitively). A name no input has is a warning
    #[arg(long = "ignore-column", value_name = "NAME")]
    pub ignore_columns: Vec<String>,
    /// Workbooks (.xlsx, .xls, .ods): read this sheet, by name or number from 1 (repeatable;
    /// default: the first worksheet)
    #[arg(long, value_name = "NAME|N")]
    pub sheet: Vec<String>,

    /// Workbooks: read every worksheet as one batch (sheets without a product_id header are
    /// skipped, with a note)
    #[arg(long, conflicts_with = "sheet")]
    pub all_sheets: bool,
}

#[derive(Debug, Args)]
pub struct ScoreArgs {
    #[command(flatten)]
    pub input: InputArgs,

    /// Output format [default: from -o's extension (.csv, .json, .txt, .html, .xlsx), else table]
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

    /// Treat warnings (README, "Warnings") as errors: exit 1 and write nothing
    #[arg(long)]
    pub strict: bool,
    /// Table: one line per product (rank, id, name cut with …, set, total, stars, status)
    #[arg(long, conflicts_with = "summary")]
    pub compact: bool,

    /// Table: the counts and lists only, no per-product rows
    #[arg(long)]
    pub summary: bool,

    #[command(flatten)]
    pub document: DocumentArgs,

    #[command(flatten)]
    pub export: ExportArgs,

    #[command(flatten)]
    pub filter: FilterArgs,
}

/// What the CSV export carries beyond the ranked columns, and how it is written.
#[derive(Debug, Args, Clone, Default)]
#[command(next_help_heading = "CSV export (--format csv)")]
pub struct ExportArgs {
    /// CSV for Excel on Vietnamese Windows: `;`-separated, a UTF-8 byte-order mark, decimal
    /// commas (`92,40`)
    #[arg(long)]
    pub excel: bool,

    /// Add each member's total: member_1_name, member_1_total, member_2_name, … (members in
    /// the order their sheets came)
    #[arg(long)]
    pub members: bool,

    /// Add one column per criterion code, mean_CODE, with the members' mean (blank when the
    /// criterion is not in the product's set)
    #[arg(long)]
    pub criteria_means: bool,
}

/// Which products are shown, in every format; ranks stay those of the whole batch.
#[derive(Debug, Args, Clone, Default)]
#[command(next_help_heading = "Filters (every format)")]
pub struct FilterArgs {
    /// Only products with these stars as reported: 4, 4..5, 3.. or ..2 (0 is disqualified)
    #[arg(long, value_name = "N|A..B")]
    pub stars: Option<String>,

    /// Only these statuses: certified, nominated, returned, not_certified, disqualified
    #[arg(long, value_name = "STATUS", value_delimiter = ',')]
    pub status: Vec<String>,

    /// Only products of these sets: numbers (1–26) or codes (e.g. 6,I.3.b)
    #[arg(long, value_name = "SET", value_delimiter = ',')]
    pub only_set: Vec<String>,
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
    /// A workbook (.xlsx) for Excel or LibreOffice: numbers as numbers, autofilter, frozen header
    Xlsx,
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

    /// Treat warnings (README, "Warnings") as errors: exit 1
    #[arg(long)]
    pub strict: bool,

    /// Warn when a product's members' totals differ by more than this many points
    #[arg(long, value_name = "POINTS", default_value = "10", value_parser = parse_points)]
    pub max_spread: ocop::points::Points,
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

    /// Treat warnings (README, "Warnings") as errors: exit 1 and record nothing
    #[arg(long)]
    pub strict: bool,
}

/// How a register listing is printed.
#[derive(Debug, Args, Clone)]
pub struct ListingArgs {
    /// Output format: table, csv, json or xlsx [default: from -o's extension, else table]
    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,

    /// Write to this file instead of standard output (written whole, or not at all)
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,

    /// Start CSV output with a UTF-8 byte-order mark, so Excel on Windows shows Vietnamese
    #[arg(long)]
    pub bom: bool,

    /// CSV for Excel on Vietnamese Windows: `;`-separated, a byte-order mark, decimal commas
    #[arg(long)]
    pub excel: bool,

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
