//! The report: every product's result, ranked, with a summary. Built once from the scored
//! tallies; the table, CSV and JSON renderers only read it.

use std::cmp::Ordering;

use crate::criteria::{Edition, SetStatus, Stars};
use crate::input::Tally;
use crate::points::Points;
use crate::scoring::{self, Mean, MemberSheet, Outcome};

/// Which council decides (rule 6).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Council {
    /// The central (ministry) council: 5★ is shown as 5★.
    #[default]
    Central,
    /// A provincial council: a product that qualifies for 5★ is reported as 4★ and nominated
    /// for 5★, which the ministry's council decides (Điều 4.1, 7.3.e).
    Province,
}

#[derive(Debug, Clone, Copy)]
pub struct ReportOptions {
    pub council: Council,
    /// Rule 7: members' totals may differ by this much before the product is flagged.
    pub max_spread: Points,
}

impl Default for ReportOptions {
    fn default() -> Self {
        ReportOptions {
            council: Council::Central,
            max_spread: Points::whole(10),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    Certified,
    NotCertified,
    Disqualified,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Certified => "certified",
            Status::NotCertified => "not_certified",
            Status::Disqualified => "disqualified",
        }
    }
}

/// One product's result.
#[derive(Debug, Clone)]
pub struct ProductResult {
    /// 1-based; products equal in stars and total share a rank.
    pub rank: usize,
    pub product_id: String,
    pub product_name: String,
    pub set_number: u8,
    pub set_code: String,
    pub set_name: String,
    pub set_status: SetStatus,
    pub members: Vec<MemberSheet>,
    /// The rules' result: total, parts, band, stars allowed by the markers, next star, spread.
    pub outcome: Outcome,
    /// Stars as reported: 0 when disqualified, 4 when nominated for 5★ by a provincial council.
    pub stars: u8,
    pub certified: bool,
    pub status: Status,
    /// Qualifies for 5★, which a provincial council only nominates (rule 6).
    pub nominated: bool,
    /// Reasons the dossier was rejected (rule 5).
    pub disqualified: Vec<String>,
    /// The members' mean on each scored criterion, in sheet order.
    pub criteria: Vec<(String, Mean)>,
    /// Values of the report's carried columns.
    pub carried: Vec<Option<String>>,
}

impl ProductResult {
    /// The next star is only worth telling a product that can still get it from this council.
    pub fn next_star(&self) -> Option<&scoring::NextStar> {
        if self.status == Status::Disqualified || self.nominated {
            return None;
        }
        self.outcome.next.as_ref()
    }

    pub fn held_back(&self) -> bool {
        !self.outcome.held_back.is_empty()
    }
}

/// Counts over the batch.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Summary {
    pub products: usize,
    /// Products by reported stars; index 0 counts the disqualified.
    pub by_stars: [usize; 6],
    pub certified: usize,
    pub not_certified: usize,
    pub disqualified: usize,
    pub held_back: usize,
    pub spread_flags: usize,
    pub nominated: usize,
}

#[derive(Debug, Clone)]
pub struct Report {
    pub edition_id: String,
    pub decision: String,
    pub options: ReportOptions,
    pub products: Vec<ProductResult>,
    /// Names of the carried columns, in first-seen order.
    pub carried: Vec<String>,
    pub summary: Summary,
    /// Things the reader must know, e.g. a set that could not be checked against the text.
    pub notices: Vec<String>,
}

/// Scores every tally and ranks the results.
pub fn build(
    edition: &Edition,
    tallies: Vec<Tally>,
    carried: Vec<String>,
    options: ReportOptions,
) -> Report {
    let mut products: Vec<ProductResult> = tallies
        .into_iter()
        .map(|t| result(edition, t, options))
        .collect();
    products.sort_by(rank_order);
    for i in 0..products.len() {
        products[i].rank = if i > 0 && same_rank(&products[i - 1], &products[i]) {
            products[i - 1].rank
        } else {
            i + 1
        };
    }
    let mut summary = Summary {
        products: products.len(),
        ..Summary::default()
    };
    let mut unverified: Vec<(u8, String)> = Vec::new();
    for p in &products {
        summary.by_stars[usize::from(p.stars)] += 1;
        match p.status {
            Status::Certified => summary.certified += 1,
            Status::NotCertified => summary.not_certified += 1,
            Status::Disqualified => summary.disqualified += 1,
        }
        summary.held_back += usize::from(p.held_back());
        summary.spread_flags += usize::from(p.outcome.spread.is_some());
        summary.nominated += usize::from(p.nominated);
        if p.set_status == SetStatus::Unverified
            && !unverified.iter().any(|(n, _)| *n == p.set_number)
        {
            unverified.push((p.set_number, p.set_code.clone()));
        }
    }
    unverified.sort();
    let notices = unverified
        .into_iter()
        .map(|(n, code)| {
            let note = edition
                .set(&n.to_string())
                .and_then(|s| s.status_note.clone())
                .unwrap_or_default();
            format!("set {n} ({code}) of {} is unverified: {note}", edition.id())
        })
        .collect();
    Report {
        edition_id: edition.id().to_string(),
        decision: edition.meta.decision.clone(),
        options,
        products,
        carried,
        summary,
        notices,
    }
}

fn result(edition: &Edition, t: Tally, options: ReportOptions) -> ProductResult {
    let set = edition.set_at(t.set);
    let outcome = scoring::score(edition, set, &t.members, &t.sums, options.max_spread);
    let n = t.members.len() as u64;
    let criteria = set
        .leaves
        .iter()
        .zip(&t.sums)
        .map(|(l, &s)| (l.code.clone(), Mean::new(s, n)))
        .collect();
    let disqualified = !t.disqualified.is_empty();
    let nominated =
        !disqualified && options.council == Council::Province && outcome.stars == Stars::FIVE;
    let stars = match () {
        _ if disqualified => 0,
        _ if nominated => 4,
        _ => outcome.stars.get(),
    };
    let certified = !disqualified && outcome.stars >= Stars::THREE;
    ProductResult {
        rank: 0,
        product_id: t.product_id,
        product_name: t.product_name.unwrap_or_default(),
        set_number: set.number,
        set_code: set.code.clone(),
        set_name: set.name.clone(),
        set_status: set.status,
        members: t.members,
        outcome,
        stars,
        certified,
        status: if disqualified {
            Status::Disqualified
        } else if certified {
            Status::Certified
        } else {
            Status::NotCertified
        },
        nominated,
        disqualified: t.disqualified,
        criteria,
        carried: t.carried,
    }
}

/// Stars, then total (both descending), then product id.
fn rank_order(a: &ProductResult, b: &ProductResult) -> Ordering {
    b.stars
        .cmp(&a.stars)
        .then_with(|| b.outcome.total.cmp(&a.outcome.total))
        .then_with(|| a.product_id.cmp(&b.product_id))
}

fn same_rank(a: &ProductResult, b: &ProductResult) -> bool {
    a.stars == b.stars && a.outcome.total == b.outcome.total
}
