//! Generates a realistic synthetic OCOP batch, valid under the real criteria, as CSV.
//!
//! ```text
//! cargo run --release --example gen -- --set 6 --products 200000 --assessors 5 --seed 1 -o big.csv
//! cargo run --release --example gen -- --set all --format long --shuffle --products 1000
//! ```
//!
//! The output streams (constant memory at any size). The same seed gives the same batch in
//! every format and order, so wide, long and shuffled files of one seed score the same.

#[path = "../bench/gen_core.rs"]
mod gen_core;

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, ValueEnum};
use ocop::criteria::embedded::Embedded;
use ocop::criteria::{CriteriaSet, Edition};

use gen_core::{Format, Generator, Spec};

#[derive(Debug, Parser)]
#[command(
    name = "gen",
    about = "Generate a synthetic OCOP assessment batch (CSV) valid under the real criteria"
)]
struct Args {
    /// Criteria set: a number (1–26) or a code (I.3.b); repeat it, or give `all`, to mix sets
    /// round-robin (incomplete sets are skipped by `all`)
    #[arg(long = "set", value_name = "N|CODE|all", default_value = "6")]
    sets: Vec<String>,

    /// Number of products
    #[arg(long, value_name = "N", default_value_t = 1000)]
    products: u64,

    /// Council members scoring each product
    #[arg(long, value_name = "N", default_value_t = 5,
          value_parser = clap::value_parser!(u32).range(1..))]
    assessors: u32,

    /// Random seed: the same seed gives the same batch
    #[arg(long, value_name = "N", default_value_t = 1)]
    seed: u64,

    /// CSV shape: wide (a column per criterion) or long (a row per criterion)
    #[arg(long, value_enum, default_value_t = FormatArg::Wide)]
    format: FormatArg,

    /// Write rows in a random order instead of grouped by product
    #[arg(long)]
    shuffle: bool,

    /// Criteria edition
    #[arg(long, value_name = "EDITION", default_value = "qd26-2026",
          value_parser = ["qd26-2026", "qd148-2023"])]
    criteria: String,

    /// Write to this file instead of standard output
    #[arg(short, long, value_name = "PATH")]
    output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FormatArg {
    Wide,
    Long,
}

/// The sets named on the command line, in order; `all` is every scorable set.
fn resolve<'e>(edition: &'e Edition, queries: &[String]) -> Result<Vec<&'e CriteriaSet>, String> {
    let mut sets: Vec<&CriteriaSet> = Vec::new();
    for q in queries {
        if q.eq_ignore_ascii_case("all") {
            for s in edition.sets().filter(|s| s.is_scorable()) {
                if !sets.iter().any(|x| x.number == s.number) {
                    sets.push(s);
                }
            }
            continue;
        }
        let Some(s) = edition.set(q) else {
            return Err(format!(
                "--set {q}: no such set in {} (1–{} or a code such as I.3.b)",
                edition.id(),
                edition.summaries().len()
            ));
        };
        if !s.is_scorable() {
            return Err(format!(
                "--set {q}: set {} ({}) of {} is incomplete and cannot be scored",
                s.number,
                s.code,
                edition.id()
            ));
        }
        if !sets.iter().any(|x| x.number == s.number) {
            sets.push(s);
        }
    }
    Ok(sets)
}

fn main() -> ExitCode {
    let args = Args::parse();
    let edition = Embedded::find(&args.criteria)
        .expect("clap checked the edition")
        .load();
    let sets = match resolve(&edition, &args.sets) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("gen: {e}");
            return ExitCode::from(2);
        }
    };
    let year = args
        .criteria
        .rsplit('-')
        .next()
        .unwrap_or("2026")
        .to_string();
    let spec = Spec {
        products: args.products,
        assessors: args.assessors,
        seed: args.seed,
        format: match args.format {
            FormatArg::Wide => Format::Wide,
            FormatArg::Long => Format::Long,
        },
        shuffle: args.shuffle,
        id_prefix: format!("QN-{year}"),
    };
    let generator = Generator::new(&sets, spec);
    let result = match &args.output {
        Some(path) => File::create(path).and_then(|f| {
            let mut out = BufWriter::with_capacity(1 << 20, f);
            generator.write(&mut out)?;
            out.flush()
        }),
        None => {
            let stdout = io::stdout();
            let mut out = BufWriter::with_capacity(1 << 20, stdout.lock());
            generator.write(&mut out).and_then(|_| out.flush())
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // `gen … | head` is not a failure.
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
        Err(e) => {
            let to = args
                .output
                .as_ref()
                .map_or("standard output".to_string(), |p| p.display().to_string());
            eprintln!("gen: cannot write {to}: {e}");
            ExitCode::from(3)
        }
    }
}
