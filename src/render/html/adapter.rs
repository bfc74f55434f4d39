//! The owned report → the document's view model. The one file that knows `crate::report`:
//! when the report changes, only this file follows. Members' part and section sums and every
//! marker are known when the report was built with detail (`read_batch(…, detail = true)`);
//! otherwise the member table shows totals and only the missed markers are known.

use std::collections::HashMap;

use super::model::{
    Counts, MarkerDoc, MemberDoc, NextStarDoc, ProductDoc, RoundDoc, SectionHead, SpreadDoc,
    decision_lists,
};
use crate::criteria::{Edition, Stars};
use crate::report::{ProductResult, Report, Status};
use crate::scoring::{Mean, Shortfall};

/// What the document says that the report does not know.
#[derive(Debug, Clone, Default)]
pub struct DocMeta {
    pub council_name: String,
    pub round_name: String,
    /// Year, month, day.
    pub date: Option<(i16, u8, u8)>,
}

pub fn round_doc_from(report: &Report, edition: &Edition, meta: DocMeta) -> RoundDoc {
    let column = |names: &[&str]| {
        report
            .carried
            .iter()
            .position(|c| names.iter().any(|n| c.eq_ignore_ascii_case(n)))
    };
    let producer = column(&["producer", "chu_the"]);
    let commune = column(&["commune", "xa"]);
    let products: Vec<ProductDoc> = report
        .products
        .iter()
        .map(|p| product_doc(report, p, producer, commune))
        .collect();
    let bands = edition.meta.bands;
    let floor3 = edition.band_floor(Stars::THREE).hundredths();
    let floor5 = edition.band_floor(Stars::FIVE).hundredths();
    let s = &report.summary;
    RoundDoc {
        council_name: meta.council_name,
        round_name: meta.round_name,
        date: meta.date,
        edition_id: report.edition.id().to_string(),
        decision: report.edition.meta.decision.clone(),
        level: report.options.council.as_str().to_string(),
        band_limits: [
            bands[1].hundredths(),
            bands[2].hundredths(),
            bands[3].hundredths(),
            bands[4].hundredths(),
        ],
        max_spread: report.options.max_spread.hundredths(),
        counts: Counts {
            products: s.products,
            by_stars: s.by_stars,
            certified: s.certified,
            not_certified: s.not_certified,
            disqualified: s.disqualified,
            nominated: s.nominated,
            held_back: s.held_back,
            spread_flags: s.spread_flags,
        },
        lists: decision_lists(&products, floor3, floor5),
        products,
        notices: report.notices.clone(),
    }
}

fn product_doc(
    r: &Report,
    p: &ProductResult,
    producer: Option<usize>,
    commune: Option<usize>,
) -> ProductDoc {
    let carried = |i: Option<usize>| i.map_or_else(String::new, |i| p.carried(i).to_string());
    let detail = r.detail;
    let sections: Vec<SectionHead> = if detail {
        p.set
            .parts
            .iter()
            .enumerate()
            .flat_map(|(pi, part)| {
                part.sections.iter().map(move |s| SectionHead {
                    part: pi,
                    code: s.code.clone(),
                    title: s.title.clone(),
                    max: s.max.hundredths(),
                })
            })
            .collect()
    } else {
        Vec::new()
    };
    ProductDoc {
        rank: p.rank as usize,
        id: p.id().to_string(),
        name: p.name().to_string(),
        producer: carried(producer),
        commune: carried(commune),
        set_number: p.set.number,
        set_code: p.set.code.clone(),
        set_name: p.set.name.clone(),
        sections,
        members: p
            .members
            .iter()
            .enumerate()
            .map(|(i, m)| MemberDoc {
                name: r.member_name(m.member).to_string(),
                total: m.total,
                parts: Some(m.parts),
                sections: if detail {
                    p.member_sections(i).to_vec()
                } else {
                    Vec::new()
                },
            })
            .collect(),
        mean_total: p.total.hundredths(),
        mean_parts: p.parts().map(Mean::hundredths),
        band_stars: p.band.get(),
        stars: p.stars,
        status: p.status.as_str().to_string(),
        nominated: p.status == Status::Nominated,
        markers: markers(p),
        held_back: p.held_back.iter().map(|s| s.code().to_string()).collect(),
        spread: p.spread.as_ref().map(|s| SpreadDoc {
            spread: s.spread.hundredths(),
            limit: s.limit.hundredths(),
            highest: (
                r.member_name(s.highest.0).to_string(),
                s.highest.1.hundredths(),
            ),
            lowest: (
                r.member_name(s.lowest.0).to_string(),
                s.lowest.1.hundredths(),
            ),
        }),
        next_star: p.next_star().map(|n| NextStarDoc {
            stars: n.stars.get(),
            points_short: n.points_short.hundredths(),
            markers: n.markers.iter().map(missed).collect(),
        }),
        disqualified_reason: (p.status == Status::Disqualified).then(|| {
            p.disqualified()
                .iter()
                .map(|d| d.to_string())
                .collect::<Vec<_>>()
                .join("; ")
        }),
    }
}

/// Every marker of the set, met or missed, from the criteria's means; without them (a batch
/// read with the marked sums only), the missed markers the outcome names.
fn markers(p: &ProductResult) -> Vec<MarkerDoc> {
    let means: HashMap<&str, Mean> = p.criterion_means().collect();
    if means.is_empty() {
        let mut v: Vec<MarkerDoc> = p.held_back.iter().map(missed).collect();
        if let Some(n) = &p.next {
            v.extend(n.markers.iter().map(missed));
        }
        v.sort_by(|a, b| {
            (p.set.leaf_index(&a.code), a.level).cmp(&(p.set.leaf_index(&b.code), b.level))
        });
        v.dedup();
        return v;
    }
    let mut v = Vec::new();
    for leaf in &p.set.leaves {
        let Some(got) = means.get(leaf.code.as_str()) else {
            continue;
        };
        for level in Stars::MARKED {
            if let Some(needed) = leaf.required_for(level) {
                v.push(MarkerDoc {
                    code: leaf.code.clone(),
                    level: level.get(),
                    needed: needed.hundredths(),
                    got: got.hundredths(),
                    met: got.reaches(needed),
                });
            }
        }
    }
    v
}

fn missed(s: &Shortfall) -> MarkerDoc {
    MarkerDoc {
        code: s.code().to_string(),
        level: s.stars.get(),
        needed: s.needed().hundredths(),
        got: s.got().hundredths(),
        met: false,
    }
}
