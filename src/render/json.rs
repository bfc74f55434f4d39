//! The report as JSON: the same results as the CSV, structured, with stable key names.
//! Products are written one at a time, so a large report is not held twice in memory.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;
use serde::ser::Serializer;

use crate::points::Points;
use crate::report::{Council, ProductResult, Report};
use crate::scoring::{Mean, NextStar, Shortfall, Spread};

#[derive(Serialize)]
struct Doc<'a> {
    edition: &'a str,
    decision: &'a str,
    council: &'static str,
    max_spread: Points,
    summary: JsonSummary,
    notices: &'a [String],
    #[serde(serialize_with = "each_product")]
    products: &'a Report<'a>,
}

#[derive(Serialize)]
struct JsonSummary {
    products: usize,
    certified: usize,
    not_certified: usize,
    disqualified: usize,
    held_back: usize,
    spread_flags: usize,
    nominated_5_star: usize,
    by_stars: BTreeMap<String, usize>,
}

#[derive(Serialize)]
struct Member<'a> {
    assessor: &'a str,
    total: Points,
}

#[derive(Serialize)]
struct Product<'a> {
    rank: usize,
    product_id: &'a str,
    product_name: &'a str,
    set: u8,
    set_code: &'a str,
    set_name: &'a str,
    set_status: &'static str,
    assessors: usize,
    part_a: Mean,
    part_b: Mean,
    part_c: Mean,
    total: Mean,
    band_stars: u8,
    stars: u8,
    certified: bool,
    status: &'static str,
    nominated_5_star: bool,
    held_back_by: &'a [Shortfall<'a>],
    spread_flag: Option<&'a Spread<'a>>,
    next_star: Option<&'a NextStar<'a>>,
    disqualified_reason: Option<String>,
    members: Vec<Member<'a>>,
    #[serde(skip_serializing_if = "<[_]>::is_empty", serialize_with = "as_map")]
    criteria: &'a [(&'a str, Mean)],
    carried: BTreeMap<&'a str, &'a str>,
}

/// Criterion means as an object in sheet order: `{"1.1": 2.6, …}`.
fn as_map<S: Serializer>(v: &&[(&str, Mean)], s: S) -> Result<S::Ok, S::Error> {
    s.collect_map(v.iter().map(|(k, m)| (*k, m)))
}

fn each_product<S: Serializer>(report: &&Report<'_>, s: S) -> Result<S::Ok, S::Error> {
    let carried = &report.carried;
    s.collect_seq(report.products().map(|p| {
        // Serialise each result while it is alive.
        OneProduct { p, carried }
    }))
}

struct OneProduct<'a, 'r> {
    p: ProductResult<'r>,
    carried: &'a [String],
}

impl Serialize for OneProduct<'_, '_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let p = &self.p;
        let o = &p.outcome;
        Product {
            rank: p.rank,
            product_id: p.product_id,
            product_name: p.product_name,
            set: p.set.number,
            set_code: &p.set.code,
            set_name: &p.set.name,
            set_status: p.set.status.as_str(),
            assessors: p.members.len(),
            part_a: o.parts[0],
            part_b: o.parts[1],
            part_c: o.parts[2],
            total: o.total,
            band_stars: o.band.get(),
            stars: p.stars,
            certified: p.certified,
            status: p.status.as_str(),
            nominated_5_star: p.nominated,
            held_back_by: &o.held_back,
            spread_flag: o.spread.as_ref(),
            next_star: p.next_star(),
            disqualified_reason: (!p.disqualified.is_empty()).then(|| p.disqualified.join("; ")),
            members: p
                .members
                .iter()
                .map(|&(assessor, total)| Member { assessor, total })
                .collect(),
            criteria: &p.criteria,
            carried: self
                .carried
                .iter()
                .zip(&p.carried)
                .filter(|(_, v)| !v.is_empty())
                .map(|(name, v)| (name.as_str(), *v))
                .collect(),
        }
        .serialize(s)
    }
}

pub fn write(out: &mut dyn Write, r: &Report) -> io::Result<()> {
    let s = &r.summary;
    let doc = Doc {
        edition: &r.edition_id,
        decision: &r.decision,
        council: match r.options.council {
            Council::Central => "central",
            Council::Province => "province",
        },
        max_spread: r.options.max_spread,
        summary: JsonSummary {
            products: s.products,
            certified: s.certified,
            not_certified: s.not_certified,
            disqualified: s.disqualified,
            held_back: s.held_back,
            spread_flags: s.spread_flags,
            nominated_5_star: s.nominated,
            by_stars: (0..=5).map(|i| (i.to_string(), s.by_stars[i])).collect(),
        },
        notices: &r.notices,
        products: r,
    };
    let mut w = io::BufWriter::with_capacity(64 * 1024, &mut *out);
    serde_json::to_writer_pretty(&mut w, &doc)?;
    writeln!(w)?;
    w.flush()
}
