//! Benchmarks of the scoring library on synthetic batches (see `bench/gen_core.rs`).
//!
//! ```text
//! cargo bench --bench scoring
//! cargo bench --bench scoring -- --warm-up-time 1 --measurement-time 5   # quicker
//! OCOP_BENCH_PRODUCTS=50000 cargo bench --bench scoring -- read           # bigger, one group
//! ```
//!
//! The input is generated in memory before timing: set 6 of qd26-2026, 20,000 products × 5
//! members (100,000 wide rows) unless `OCOP_BENCH_PRODUCTS` says otherwise.

#[path = "../bench/gen_core.rs"]
mod gen_core;

use std::hint::black_box;

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use ocop::criteria::Edition;
use ocop::criteria::embedded::Embedded;
use ocop::input::{self, ReadOptions};
use ocop::render;
use ocop::report::{self, ReportOptions};

use gen_core::{Format, Generator, Spec};

const ASSESSORS: u32 = 5;

fn products() -> u64 {
    std::env::var("OCOP_BENCH_PRODUCTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20_000)
}

/// A batch as CSV bytes, and its number of data rows.
fn generate(edition: &Edition, products: u64, format: Format, shuffle: bool) -> (Vec<u8>, u64) {
    let set = edition.set("6").expect("set 6");
    let g = Generator::new(
        &[set],
        Spec {
            products,
            assessors: ASSESSORS,
            seed: 1,
            format,
            shuffle,
            id_prefix: "QN-2026".into(),
        },
    );
    (g.to_vec(), g.rows())
}

/// `input::read` + `Batch::finish`: what `ocop score` does before scoring. (A macro, so that
/// the finished batch's type need not be named while the reader's internals change.)
macro_rules! read {
    ($edition:expr, $bytes:expr) => {{
        let opts = ReadOptions {
            max_errors: 50,
            ..ReadOptions::default()
        };
        input::read(
            $edition,
            vec![input::Source::memory("gen.csv", $bytes)],
            &opts,
        )
        .result
        .expect("the generated batch is valid")
    }};
}

fn bench_read(c: &mut Criterion) {
    let e = Embedded::find("qd26-2026").unwrap().load();
    let n = products();
    let mut g = c.benchmark_group("read+finish");
    g.sample_size(10);
    let inputs = [
        ("wide", n, Format::Wide, false),
        ("wide-shuffled", n, Format::Wide, true),
        // A long file has a row per criterion: 32 times the rows, so fewer products.
        ("long", n / 10, Format::Long, false),
    ];
    for (name, products, format, shuffle) in inputs {
        let (bytes, rows) = generate(&e, products, format, shuffle);
        g.throughput(Throughput::Elements(rows));
        g.bench_function(
            format!("{name}/{products}x{ASSESSORS} ({rows} rows)"),
            |b| b.iter_batched(|| bytes.clone(), |v| read!(&e, v), BatchSize::LargeInput),
        );
    }
    g.finish();
}

fn bench_report(c: &mut Criterion) {
    let e = Embedded::find("qd26-2026").unwrap().load();
    let n = products();
    let (bytes, _) = generate(&e, n, Format::Wide, false);
    let mut g = c.benchmark_group("report");
    g.sample_size(10);
    g.throughput(Throughput::Elements(n));
    // The batch is read again for each iteration, untimed: the products are consumed.
    g.bench_function(format!("build/{n} products"), |b| {
        b.iter_batched(
            || read!(&e, bytes.clone()),
            |products| report::build(products, ReportOptions::default()),
            BatchSize::LargeInput,
        )
    });
    let report = report::build(read!(&e, bytes), ReportOptions::default());
    let mut out = Vec::with_capacity(64 << 20);
    g.bench_function(format!("render-csv/{n} products"), |b| {
        b.iter(|| {
            out.clear();
            render::csv::write(&mut out, &report, false).unwrap();
            black_box(out.len())
        })
    });
    g.finish();
}

/// What every run pays before reading: decoding the embedded edition and set 6.
fn bench_startup(c: &mut Criterion) {
    c.bench_function("startup/load qd26-2026 + set 6", |b| {
        b.iter(|| {
            let e = Embedded::find(black_box("qd26-2026")).unwrap().load();
            black_box(e.set(black_box("6")).map(|s| s.leaves.len()))
        })
    });
}

criterion_group!(benches, bench_startup, bench_read, bench_report);
criterion_main!(benches);
