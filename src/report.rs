//! The report: every product's result, ranked, with a summary. `build` scores each product
//! once to rank it; `products()` gives each result in rank order, scoring it again on the
//! way (cheap), so that a report of 200,000 products keeps only what ranking needs. The
//! table, CSV and JSON renderers only read it.

use smallvec::SmallVec;

use crate::criteria::{CriteriaSet, Edition, SetStatus, Stars};
use crate::input::{ProductKey, ProductRef, Products};
use crate::points::Points;
use crate::scoring::{self, Mean, NextStar, Outcome};

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
pub struct ProductResult<'r> {
    /// 1-based; products equal in stars and total share a rank.
    pub rank: usize,
    pub product_id: &'r str,
    /// Empty when the input gives none.
    pub product_name: &'r str,
    pub set: &'r CriteriaSet,
    /// Each member's name and total, in first-seen order.
    pub members: SmallVec<[(&'r str, Points); 8]>,
    /// The rules' result: total, parts, band, stars allowed by the markers, next star, spread.
    pub outcome: Outcome<'r>,
    /// Stars as reported: 0 when disqualified, 4 when nominated for 5★ by a provincial council.
    pub stars: u8,
    pub certified: bool,
    pub status: Status,
    /// Qualifies for 5★, which a provincial council only nominates (rule 6).
    pub nominated: bool,
    /// Reasons the dossier was rejected (rule 5).
    pub disqualified: Vec<&'r str>,
    /// The members' mean on each scored criterion, in sheet order (empty when the batch kept
    /// only the marked criteria' sums).
    pub criteria: Vec<(&'r str, Mean)>,
    /// Values of the report's carried columns (empty when not given).
    pub carried: SmallVec<[&'r str; 4]>,
}

impl<'r> ProductResult<'r> {
    /// The next star is only worth telling a product that can still get it from this council.
    pub fn next_star(&self) -> Option<&NextStar<'r>> {
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

/// Products touched at a time before they are visited in rank order (see
/// [`Report::products_in`]).
const TOUCH_AHEAD: usize = 16;

/// What ranking needs of a product (32 bytes: a report may rank hundreds of thousands).
#[derive(Debug, Clone, Copy)]
struct Ranked {
    /// Sum of the members' totals (hundredths) and the number of members: the exact mean.
    sum: u64,
    members: u32,
    rank: u32,
    key: ProductKey,
    stars: u8,
}

const _: () = assert!(std::mem::size_of::<Ranked>() == 32);

impl Ranked {
    fn total(&self) -> Mean {
        Mean::new(self.sum, u64::from(self.members))
    }
}

#[derive(Debug)]
pub struct Report<'e> {
    pub edition_id: String,
    pub decision: String,
    pub options: ReportOptions,
    /// Names of the carried columns, in first-seen order (`product_name` not included).
    pub carried: Vec<String>,
    pub summary: Summary,
    /// Things the reader must know, e.g. a set that could not be checked against the text.
    pub notices: Vec<String>,
    products: Products<'e>,
    ranked: Vec<Ranked>,
}

/// Scores every product and ranks the results. Scoring is split among threads for a large
/// batch; the result does not depend on how many.
pub fn build(products: Products<'_>, options: ReportOptions) -> Report<'_> {
    let edition = products.edition();
    let count = products.keys().count();
    let mut ranked: Vec<Ranked> = Vec::with_capacity(count);
    ranked.extend(products.keys().map(|key| Ranked {
        sum: 0,
        members: 0,
        rank: 0,
        key,
        stars: 0,
    }));
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    let parts = threads.min(count / 4096).max(1);
    let chunk = count.div_ceil(parts).max(1);
    let tallies: Vec<(Summary, Vec<u8>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = ranked
            .chunks_mut(chunk)
            .map(|part| {
                let products = &products;
                scope.spawn(move || tally(edition, products, part, options))
            })
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("scoring does not panic"))
            .collect()
    });
    let mut summary = Summary::default();
    let mut unverified: Vec<u8> = Vec::new();
    for (s, u) in tallies {
        summary.add(&s);
        unverified.extend(u);
    }
    // Stars, then total (both descending), then product id: the id order is worked out once,
    // so that sorting compares integers.
    id_ranks(&products, &mut ranked);
    ranked.sort_unstable_by(|a, b| {
        b.stars
            .cmp(&a.stars)
            .then_with(|| b.total().cmp(&a.total()))
            .then(a.rank.cmp(&b.rank))
    });
    for i in 0..ranked.len() {
        let same = i > 0
            && ranked[i - 1].stars == ranked[i].stars
            && ranked[i - 1].total() == ranked[i].total();
        ranked[i].rank = if same {
            ranked[i - 1].rank
        } else {
            i as u32 + 1
        };
    }
    unverified.sort();
    unverified.dedup();
    let notices = unverified
        .into_iter()
        .map(|n| {
            let set = edition.set(&n.to_string()).expect("a set of the edition");
            let note = set.status_note.as_deref().unwrap_or_default();
            format!(
                "set {n} ({}) of {} is unverified: {note}",
                set.code,
                edition.id()
            )
        })
        .collect();
    Report {
        edition_id: edition.id().to_string(),
        decision: edition.meta.decision.clone(),
        options,
        carried: products.carried_names()[1..].to_vec(),
        summary,
        notices,
        products,
        ranked,
    }
}

/// Scores some products, filling in what ranking needs; returns the counts and the
/// unverified sets used.
fn tally(
    edition: &Edition,
    products: &Products<'_>,
    part: &mut [Ranked],
    options: ReportOptions,
) -> (Summary, Vec<u8>) {
    let mut summary = Summary::default();
    let mut unverified = Vec::new();
    for entry in part {
        let r = result(edition, products.get(entry.key), 0, options);
        summary.products += 1;
        summary.by_stars[usize::from(r.stars)] += 1;
        match r.status {
            Status::Certified => summary.certified += 1,
            Status::NotCertified => summary.not_certified += 1,
            Status::Disqualified => summary.disqualified += 1,
        }
        summary.held_back += usize::from(r.held_back());
        summary.spread_flags += usize::from(r.outcome.spread.is_some());
        summary.nominated += usize::from(r.nominated);
        if r.set.status == SetStatus::Unverified && !unverified.contains(&r.set.number) {
            unverified.push(r.set.number);
        }
        entry.sum = r.outcome.total.sum;
        entry.members = r.outcome.total.n as u32;
        entry.stars = r.stars;
    }
    (summary, unverified)
}

/// Sets each entry's `rank` to its product id's position in id order. Products are usually
/// read in id order; then this is one pass of comparisons.
fn id_ranks(products: &Products<'_>, ranked: &mut [Ranked]) {
    let id = |r: &Ranked| products.get(r.key).id();
    if ranked.windows(2).all(|w| id(&w[0]) < id(&w[1])) {
        for (i, r) in ranked.iter_mut().enumerate() {
            r.rank = i as u32;
        }
        return;
    }
    let mut order: Vec<u32> = (0..ranked.len() as u32).collect();
    order.sort_unstable_by(|&a, &b| id(&ranked[a as usize]).cmp(id(&ranked[b as usize])));
    for (pos, &i) in order.iter().enumerate() {
        ranked[i as usize].rank = pos as u32;
    }
}

impl Summary {
    fn add(&mut self, o: &Summary) {
        self.products += o.products;
        for (a, b) in self.by_stars.iter_mut().zip(o.by_stars) {
            *a += b;
        }
        self.certified += o.certified;
        self.not_certified += o.not_certified;
        self.disqualified += o.disqualified;
        self.held_back += o.held_back;
        self.spread_flags += o.spread_flags;
        self.nominated += o.nominated;
    }
}

fn result<'r>(
    edition: &Edition,
    p: ProductRef<'r, '_>,
    rank: usize,
    options: ReportOptions,
) -> ProductResult<'r> {
    let set = p.set();
    let members: SmallVec<[(&'r str, Points); 8]> = p.members().collect();
    let sums: SmallVec<[(usize, u64); 64]> = p.sums().collect();
    let outcome = scoring::score(
        edition,
        set,
        &members,
        p.part_sums(),
        &sums,
        options.max_spread,
    );
    let n = members.len() as u64;
    let criteria = if p.has_every_sum() {
        sums.iter()
            .map(|&(i, s)| (set.leaves[i].code.as_str(), Mean::new(s, n)))
            .collect()
    } else {
        Vec::new()
    };
    let disqualified = p.disqualified();
    let rejected = !disqualified.is_empty();
    let nominated =
        !rejected && options.council == Council::Province && outcome.stars == Stars::FIVE;
    let stars = match () {
        _ if rejected => 0,
        _ if nominated => 4,
        _ => outcome.stars.get(),
    };
    let certified = !rejected && outcome.stars >= Stars::THREE;
    ProductResult {
        rank,
        product_id: p.id(),
        product_name: p.carried(0),
        set,
        members,
        outcome,
        stars,
        certified,
        status: if rejected {
            Status::Disqualified
        } else if certified {
            Status::Certified
        } else {
            Status::NotCertified
        },
        nominated,
        disqualified,
        criteria,
        carried: SmallVec::new(),
    }
}

impl<'e> Report<'e> {
    /// The results in rank order.
    pub fn products(&self) -> impl ExactSizeIterator<Item = ProductResult<'_>> + '_ {
        self.products_in(0..self.ranked.len())
    }

    /// The results at some positions of the ranking (0 is the first), in order. Visiting
    /// products in rank order jumps around memory: each [`TOUCH_AHEAD`] products are first
    /// touched together (see [`ProductRef::touch`]), then scored.
    pub fn products_in(
        &self,
        positions: std::ops::Range<usize>,
    ) -> impl ExactSizeIterator<Item = ProductResult<'_>> + '_ {
        let (start, end) = (positions.start, positions.end);
        positions.map(move |i| {
            if (i - start) % TOUCH_AHEAD == 0 {
                let mut x = 0;
                for r in &self.ranked[i..(i + TOUCH_AHEAD).min(end)] {
                    x ^= self.products.get(r.key).touch();
                }
                std::hint::black_box(x);
            }
            self.product(i)
        })
    }

    /// The result at a position of the ranking (0 is the first).
    pub fn product(&self, position: usize) -> ProductResult<'_> {
        let r = &self.ranked[position];
        let p = self.products.get(r.key);
        let mut out = result(self.products.edition(), p, r.rank as usize, self.options);
        out.carried = (1..=self.carried.len()).map(|i| p.carried(i)).collect();
        out
    }

    pub fn len(&self) -> usize {
        self.ranked.len()
    }

    pub fn is_empty(&self) -> bool {
        self.ranked.is_empty()
    }
}
