//! Today's report → the document's view model. The one file that knows `crate::report`: when
//! the report changes, only this file follows.
//!
//! What today's report does not keep is left out of the model: each member's part and
//! section sums (the member table then shows each member's total, and the means of the
//! parts). The markers are complete when the batch was read with every criterion's sum
//! (`read_batch(…, every_sum = true)`); otherwise only the missed ones are known.

use std::collections::HashMap;

use super::model::{
    Counts, MarkerDoc, MemberDoc, NextStarDoc, ProductDoc, RoundDoc, SectionHead, SpreadDoc,
    decision_lists,
};
use crate::criteria::{Edition, Stars};
use crate::report::{Council, ProductResult, Report, Status};
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
        .products()
        .map(|p| product_doc(&p, producer, commune))
        .collect();
    let bands = edition.meta.bands;
    let floor3 = edition.band_floor(Stars::THREE).hundredths();
    let s = &report.summary;
    RoundDoc {
        council_name: meta.council_name,
        round_name: meta.round_name,
        date: meta.date,
        edition_id: report.edition_id.clone(),
        decision: report.decision.clone(),
        level: match report.options.council {
            Council::Province => "province",
            Council::Central => "central",
        }
        .to_string(),
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
        lists: decision_lists(&products, floor3),
        products,
        notices: report.notices.clone(),
    }
}

fn product_doc(p: &ProductResult, producer: Option<usize>, commune: Option<usize>) -> ProductDoc {
    let carried = |i: Option<usize>| {
        i.and_then(|i| p.carried.get(i))
            .map_or_else(String::new, |s| (*s).to_string())
    };
    let o = &p.outcome;
    ProductDoc {
        rank: p.rank,
        id: p.product_id.to_string(),
        name: p.product_name.to_string(),
        producer: carried(producer),
        commune: carried(commune),
        set_number: p.set.number,
        set_code: p.set.code.clone(),
        set_name: p.set.name.clone(),
        // Today's report keeps no member's section sums.
        sections: Vec::<SectionHead>::new(),
        members: p
            .members
            .iter()
            .map(|(name, total)| MemberDoc {
                name: (*name).to_string(),
                total: total.hundredths(),
                parts: None,
                sections: Vec::new(),
            })
            .collect(),
        mean_total: o.total.hundredths(),
        mean_parts: o.parts.map(Mean::hundredths),
        band_stars: o.band.get(),
        stars: p.stars,
        status: p.status.as_str().to_string(),
        nominated: p.nominated,
        markers: markers(p),
        held_back: o.held_back.iter().map(|s| s.code.to_string()).collect(),
        spread: o.spread.as_ref().map(|s| SpreadDoc {
            spread: s.spread.hundredths(),
            limit: s.limit.hundredths(),
            highest: (s.highest.0.to_string(), s.highest.1.hundredths()),
            lowest: (s.lowest.0.to_string(), s.lowest.1.hundredths()),
        }),
        next_star: p.next_star().map(|n| NextStarDoc {
            stars: n.stars.get(),
            points_short: n.points_short.hundredths(),
            markers: n.markers.iter().map(missed).collect(),
        }),
        disqualified_reason: (p.status == Status::Disqualified).then(|| p.disqualified.join("; ")),
    }
}

/// Every marker of the set, met or missed, from the criteria's means; without them (a batch
/// read with the marked sums only), the missed markers the outcome names.
fn markers(p: &ProductResult) -> Vec<MarkerDoc> {
    if p.criteria.is_empty() {
        let o = &p.outcome;
        let mut v: Vec<MarkerDoc> = o.held_back.iter().map(missed).collect();
        if let Some(n) = &o.next {
            v.extend(n.markers.iter().map(missed));
        }
        v.sort_by(|a, b| {
            (p.set.leaf_index(&a.code), a.level).cmp(&(p.set.leaf_index(&b.code), b.level))
        });
        v.dedup();
        return v;
    }
    let means: HashMap<&str, Mean> = p.criteria.iter().copied().collect();
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
        code: s.code.to_string(),
        level: s.stars.get(),
        needed: s.needed.hundredths(),
        got: s.got.hundredths(),
        met: false,
    }
}
