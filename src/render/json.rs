//! The report as JSON: the same results as the CSV, structured, with stable key names.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;

use crate::report::{Council, ProductResult, Report};
use crate::scoring::{Mean, NextStar, Shortfall, Spread};

#[derive(Serialize)]
struct Doc<'a> {
    edition: &'a str,
    decision: &'a str,
    council: &'static str,
    max_spread: crate::points::Points,
    summary: JsonSummary<'a>,
    notices: &'a [String],
    products: Vec<Product<'a>>,
}

#[derive(Serialize)]
struct JsonSummary<'a> {
    products: usize,
    certified: usize,
    not_certified: usize,
    disqualified: usize,
    held_back: usize,
    spread_flags: usize,
    nominated_5_star: usize,
    by_stars: BTreeMap<String, usize>,
    #[serde(skip)]
    _p: std::marker::PhantomData<&'a ()>,
}

#[derive(Serialize)]
struct Member<'a> {
    assessor: &'a str,
    total: crate::points::Points,
    part_a: crate::points::Points,
    part_b: crate::points::Points,
    part_c: crate::points::Points,
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
    held_back_by: &'a [Shortfall],
    spread_flag: Option<&'a Spread>,
    next_star: Option<&'a NextStar>,
    disqualified_reason: Option<String>,
    members: Vec<Member<'a>>,
    criteria: BTreeMap<&'a str, Mean>,
    carried: BTreeMap<&'a str, &'a str>,
}

fn product<'a>(p: &'a ProductResult, carried: &'a [String]) -> Product<'a> {
    let o = &p.outcome;
    Product {
        rank: p.rank,
        product_id: &p.product_id,
        product_name: &p.product_name,
        set: p.set_number,
        set_code: &p.set_code,
        set_name: &p.set_name,
        set_status: p.set_status.as_str(),
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
            .map(|m| Member {
                assessor: &m.name,
                total: m.total,
                part_a: m.parts[0],
                part_b: m.parts[1],
                part_c: m.parts[2],
            })
            .collect(),
        criteria: p.criteria.iter().map(|(c, m)| (c.as_str(), *m)).collect(),
        carried: carried
            .iter()
            .zip(&p.carried)
            .filter_map(|(name, v)| v.as_deref().map(|v| (name.as_str(), v)))
            .collect(),
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
            _p: std::marker::PhantomData,
        },
        notices: &r.notices,
        products: r.products.iter().map(|p| product(p, &r.carried)).collect(),
    };
    serde_json::to_writer_pretty(&mut *out, &doc)?;
    writeln!(out)
}
