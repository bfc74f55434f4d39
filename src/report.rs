//! The report: every product's result, computed once and owned, ranked, with counts over
//! the batch. `build` consumes the batch; the renderers (table, CSV, JSON, workbook,
//! documents) only read the report.

use serde::Serialize;

use crate::chunks::Chunks;
use crate::criteria::{CriteriaSet, Edition, SetStatus, Stars};
use crate::input::{At, Batch, Kept, Loc, Product, SEP, Sheet};
use crate::parallel::{InTurn, Parallel};
use crate::points::Points;
use crate::scoring::{self, Mean, NextStar, Shortfall, Spread};

/// Which council scores the round (Điều 4.1 of 26/2026/QĐ-TTg).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Council {
    /// A provincial council (the default): it certifies 3★ and 4★ and nominates products of
    /// 90 points and above for 5★, which the ministry's council decides (Điều 4.1.a, 7.3.e).
    #[default]
    Province,
    /// The central (ministry) council: it certifies 5★; a product that does not reach it is
    /// returned to the province, which may recognise 3★ or 4★ (Điều 4.1.b, 7.4.g).
    Central,
}

impl Council {
    pub fn as_str(self) -> &'static str {
        match self {
            Council::Province => "province",
            Council::Central => "central",
        }
    }
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
            council: Council::Province,
            max_spread: Points::whole(10),
        }
    }
}

/// What the council's result means for a product. The codes are stable (CSV, JSON).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Recognised at its stars by this council (3★–4★ by a province, 5★ centrally).
    Certified,
    /// 90 points or more at a provincial council: sent to the ministry for 5★ (Điều 7.3.e).
    Nominated,
    /// Below 5★ at the central council: returned to the province, which may recognise the
    /// stars reached (3★ or 4★) (Điều 7.4.g).
    Returned,
    /// Fewer than 3 stars: not recognised.
    NotCertified,
    /// The dossier was rejected (rule 5).
    Disqualified,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Certified => "certified",
            Status::Nominated => "nominated",
            Status::Returned => "returned",
            Status::NotCertified => "not_certified",
            Status::Disqualified => "disqualified",
        }
    }

    pub const ALL: [Status; 5] = [
        Status::Certified,
        Status::Nominated,
        Status::Returned,
        Status::NotCertified,
        Status::Disqualified,
    ];
}

/// One product's result.
#[derive(Debug, Clone)]
pub struct ProductResult<'e> {
    /// 1-based; products equal in stars and total share a rank.
    pub rank: u32,
    /// The id, then the carried values (`product_name` first), separated by [`SEP`].
    text: Box<str>,
    id_len: u32,
    pub set: &'e CriteriaSet,
    /// Each member's sheet, summed, in first-seen order.
    pub members: Box<[Sheet]>,
    /// Mean of the members' totals (rule 2).
    pub total: Mean,
    /// Sums over members of parts A, B, C (see [`Self::parts`]): kept, as rendering in
    /// rank order would otherwise read every product's sheets (a cache miss each).
    part_sums: [u64; 3],
    /// Stars of the total alone (rule 3).
    pub band: Stars,
    /// Stars the band and the markers allow (rule 4).
    pub reached: Stars,
    /// Stars as reported: `reached`, or 0 when disqualified.
    pub stars: u8,
    pub status: Status,
    /// Recognised by this council's decision.
    pub certified: bool,
    /// For a nominated product: whether its 5★ markers are met.
    pub markers_5_met: Option<bool>,
    /// Markers missed at the band's level, each with the lowest level it misses.
    pub held_back: Box<[Shortfall<'e>]>,
    pub next: Option<NextStar<'e>>,
    /// Members are named by their index in [`Report::members`]. Boxed: few products
    /// have one, and the result is 20 bytes smaller.
    pub spread: Option<Box<Spread>>,
    /// What few products have, or only a report with detail: none for most.
    extra: Option<Box<Extra>>,
    /// The product's first row (see [`Report::loc`]).
    pub at: At,
}

/// The rarer parts of a result, out of line (see [`ProductResult::extra`]).
#[derive(Debug, Clone, Default)]
struct Extra {
    /// Each member's section sums, one sheet after the other (see
    /// [`ProductResult::member_sections`]; empty without detail).
    sections: Box<[u32]>,
    /// Sums over members of every criterion, in sheet order (empty without detail).
    criteria: Box<[u64]>,
    /// Reasons the dossier was rejected.
    disqualified: Box<[Box<str>]>,
}

impl<'e> ProductResult<'e> {
    pub fn id(&self) -> &str {
        &self.text[..self.id_len as usize]
    }

    fn field(&self, i: usize) -> &str {
        self.text[self.id_len as usize..]
            .split(SEP)
            .nth(i + 1)
            .unwrap_or("")
    }

    /// Empty when the input gives none.
    pub fn name(&self) -> &str {
        self.field(0)
    }

    /// The value of the report's carried column `i` (see [`Report::carried`]).
    pub fn carried(&self, i: usize) -> &str {
        self.field(i + 1)
    }

    /// The members' mean on each scored criterion, in sheet order (empty when the report
    /// was built without detail).
    pub fn criterion_means(&self) -> impl ExactSizeIterator<Item = (&'e str, Mean)> + '_ {
        let n = self.members.len() as u64;
        let criteria = self.extra.as_ref().map_or(&[][..], |x| &x.criteria[..]);
        criteria
            .iter()
            .zip(&self.set.leaves)
            .map(move |(&s, leaf)| (leaf.code.as_str(), Mean::new(s, n)))
    }

    /// The next star is only worth telling a product that can still get it from this council.
    pub fn next_star(&self) -> Option<&NextStar<'e>> {
        match self.status {
            Status::Disqualified | Status::Nominated => None,
            _ => self.next.as_ref(),
        }
    }

    /// Means of parts A, B, C.
    pub fn parts(&self) -> [Mean; 3] {
        let n = self.total.n;
        self.part_sums.map(|s| Mean::new(s, n))
    }

    /// Member `i`'s sums per section of the set, in sheet order (empty when the report was
    /// built without detail).
    pub fn member_sections(&self, i: usize) -> &[u32] {
        let sections = self.extra.as_ref().map_or(&[][..], |x| &x.sections[..]);
        let n = sections.len() / self.members.len().max(1);
        sections.get(i * n..(i + 1) * n).unwrap_or(&[])
    }

    /// Reasons the dossier was rejected (rule 5), first-seen order; empty when it was not.
    pub fn disqualified(&self) -> &[Box<str>] {
        self.extra.as_ref().map_or(&[], |x| &x.disqualified[..])
    }

    pub fn is_held_back(&self) -> bool {
        !self.held_back.is_empty()
    }
}

/// Counts over the batch.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Summary {
    pub products: usize,
    /// Products by reported stars; index 0 counts the disqualified.
    pub by_stars: [usize; 6],
    pub certified: usize,
    pub nominated: usize,
    pub returned: usize,
    pub not_certified: usize,
    pub disqualified: usize,
    pub held_back: usize,
    pub spread_flags: usize,
}

#[derive(Debug)]
pub struct Report<'e> {
    pub edition: &'e Edition,
    pub options: ReportOptions,
    /// Names of the carried columns, in first-seen order (`product_name` not included).
    pub carried: Vec<String>,
    /// Council members' names; [`Sheet::member`] indexes this.
    pub members: Vec<Box<str>>,
    /// The results in rank order.
    pub products: Chunks<ProductResult<'e>>,
    pub summary: Summary,
    /// Things the reader must know, e.g. a set that could not be checked against the text.
    pub notices: Vec<String>,
    /// Whether criterion means and members' section sums are in the report.
    pub detail: bool,
    /// Names of the files read, by position (for [`Report::loc`]).
    pub files: Vec<std::sync::Arc<str>>,
    /// `--ignore-column` names that no input's header has (a warning: see `warnings`).
    pub ignored_unused: Vec<String>,
    /// How many members' sheets were read, over every product.
    pub sheets: usize,
    /// For each file read, the workbook sheet it is (`None` for CSV), for [`Report::loc`].
    pub file_sheets: Vec<Option<std::sync::Arc<str>>>,
}

impl Report<'_> {
    pub fn member_name(&self, member: u32) -> &str {
        &self.members[member as usize]
    }

    /// Where a row is, for messages: the file (and sheet) and line of `at`.
    pub fn loc(&self, at: At) -> Loc {
        let mut loc = Loc::line(at.file as usize, &self.files[at.file as usize], at.line);
        loc.sheet = self.file_sheets.get(at.file as usize).cloned().flatten();
        loc
    }
}

/// Scores every product of the batch and ranks the results: stars, then total (both
/// descending), then product id.
pub fn build(batch: Batch<'_>, options: ReportOptions) -> Report<'_> {
    build_with(batch, options, &InTurn)
}

/// One job of [`build_with`]: scores a run of the batch's chunks, chunk by chunk.
type Job<'a, 'e> = Box<dyn FnOnce() -> (Vec<Vec<ProductResult<'e>>>, Tally) + Send + 'a>;

/// [`build`], the products scored side by side on the threads `parallel` lends (the same
/// report: each result is the product's alone, and the ranking orders them all).
pub fn build_with<'e, P: Parallel>(
    batch: Batch<'e>,
    options: ReportOptions,
    parallel: &P,
) -> Report<'e> {
    let edition = batch.edition;
    let detail = batch.keeps_detail();
    let kept = batch.kept;
    // Each job scores a run of the batch's chunks, one chunk after the other, each freed
    // once scored: the batch and the report never both hold every product (200,000
    // products: 34 MB of results). The ranking puts the results in order afterwards.
    let chunks = batch.products.into_chunks();
    let per_job = chunks.len().div_ceil(parallel.threads().max(1)).max(1);
    let mut jobs: Vec<Job<'_, 'e>> = Vec::new();
    let mut chunks = chunks.into_iter().peekable();
    while chunks.peek().is_some() {
        let group: Vec<Vec<Product>> = chunks.by_ref().take(per_job).collect();
        let kept = &kept;
        jobs.push(Box::new(move || {
            let mut tally = Tally::default();
            let mut work = Work::default();
            let scored = group
                .into_iter()
                .map(|chunk| {
                    chunk
                        .into_iter()
                        .map(|p| work.score(edition, kept, options, detail, p, &mut tally))
                        .collect()
                })
                .collect();
            (scored, tally)
        }));
    }
    let mut tally = Tally::default();
    let mut scored = Vec::new();
    for (chunks, t) in parallel.run(jobs) {
        scored.extend(chunks);
        tally.add(t);
    }
    let Tally {
        summary,
        mut unverified,
        sheets,
    } = tally;
    // The jobs' runs, in order, are the batch's chunks: each full but the last.
    let mut products = Chunks::from_chunks(scored);
    rank_order(&mut products);
    for i in 0..products.len() {
        let same = i > 0
            && products[i - 1].stars == products[i].stars
            && products[i - 1].total == products[i].total;
        products[i].rank = if same {
            products[i - 1].rank
        } else {
            i as u32 + 1
        };
    }
    unverified.sort_unstable();
    let notices: Vec<String> = unverified
        .into_iter()
        .map(|n| {
            let set = edition.set(&n.to_string()).expect("a set of the edition");
            format!(
                "set {n} ({}) of {} is unverified: {}",
                set.code,
                edition.id(),
                set.status_note.as_deref().unwrap_or_default()
            )
        })
        .collect();
    Report {
        edition,
        options,
        carried: batch.carried[1..].to_vec(),
        members: batch.members,
        products,
        summary,
        notices,
        detail,
        files: batch.files,
        ignored_unused: batch.ignored_unused,
        sheets,
        file_sheets: batch
            .sheets
            .into_iter()
            .map(|s| s.map(|(name, _)| name))
            .collect(),
    }
}

/// What the jobs of [`build_with`] count, added up afterwards.
#[derive(Default)]
struct Tally {
    summary: Summary,
    /// Numbers of the unverified sets met.
    unverified: Vec<u8>,
    sheets: usize,
}

impl Tally {
    fn add(&mut self, other: Tally) {
        let (s, o) = (&mut self.summary, other.summary);
        s.products += o.products;
        for (a, b) in s.by_stars.iter_mut().zip(o.by_stars) {
            *a += b;
        }
        s.certified += o.certified;
        s.nominated += o.nominated;
        s.returned += o.returned;
        s.not_certified += o.not_certified;
        s.disqualified += o.disqualified;
        s.held_back += o.held_back;
        s.spread_flags += o.spread_flags;
        for n in other.unverified {
            if !self.unverified.contains(&n) {
                self.unverified.push(n);
            }
        }
        self.sheets += other.sheets;
    }
}

/// A job's buffers, kept from product to product.
#[derive(Default)]
struct Work {
    marked: Vec<(usize, u64)>,
    members: Vec<(u32, Points)>,
}

impl Work {
    /// One product's result (rules 2–7 and the council's status), counted in `tally`.
    fn score<'e>(
        &mut self,
        edition: &'e Edition,
        kept: &[Option<Kept>],
        options: ReportOptions,
        detail: bool,
        p: Product,
        tally: &mut Tally,
    ) -> ProductResult<'e> {
        tally.sheets += p.sheets.len();
        let set_index = usize::from(p.set);
        let set = edition.set_at(set_index);
        let slots = kept[set_index]
            .as_ref()
            .expect("a product's set has kept slots");
        self.marked.clear();
        self.marked.extend(
            slots
                .leaves
                .iter()
                .zip(&p.sums)
                .map(|(&l, &s)| (usize::from(l), s)),
        );
        self.members.clear();
        self.members
            .extend(p.sheets.iter().map(|s| (s.member, Points(s.total))));
        let outcome = scoring::score(
            edition,
            set,
            &self.members,
            part_sums(&p.sheets),
            &self.marked,
            options.max_spread,
        );
        let rejected = !p.disqualified.is_empty();
        let (status, certified, markers_5_met) = status(options.council, rejected, &outcome);
        let stars = if rejected { 0 } else { outcome.stars.get() };
        tally.summary.products += 1;
        tally.summary.by_stars[usize::from(stars)] += 1;
        match status {
            Status::Certified => tally.summary.certified += 1,
            Status::Nominated => tally.summary.nominated += 1,
            Status::Returned => tally.summary.returned += 1,
            Status::NotCertified => tally.summary.not_certified += 1,
            Status::Disqualified => tally.summary.disqualified += 1,
        }
        tally.summary.held_back += usize::from(!outcome.held_back.is_empty());
        tally.summary.spread_flags += usize::from(outcome.spread.is_some());
        if set.status == SetStatus::Unverified && !tally.unverified.contains(&set.number) {
            tally.unverified.push(set.number);
        }
        ProductResult {
            rank: 0,
            text: p.text,
            id_len: p.id_len,
            set,
            members: p.sheets.into_boxed_slice(),
            total: outcome.total,
            band: outcome.band,
            reached: outcome.stars,
            stars,
            status,
            certified,
            markers_5_met,
            held_back: outcome.held_back,
            next: outcome.next,
            part_sums: outcome.parts.map(|m| m.sum),
            spread: outcome.spread.map(Box::new),
            extra: extra(
                p.sections,
                if detail { p.sums } else { Box::default() },
                p.disqualified,
            ),
            at: p.at,
        }
    }
}

/// Sorts the results by stars, then total (both descending), then product id. The sort
/// moves small keys, then each result moves once into its place: sorting the results
/// themselves (270 bytes each then) was a tenth of a 1M-row `score` (perf).
fn rank_order(products: &mut Chunks<ProductResult<'_>>) {
    // Many products share stars and total: the id's first 16 bytes, in the key, order
    // nearly all of them without reading the ids.
    let mut keys: Vec<(u8, Mean, u128, u32)> = products
        .iter()
        .enumerate()
        .map(|(i, p)| (p.stars, p.total, id_prefix(p.id()), i as u32))
        .collect();
    keys.sort_unstable_by(|a, b| {
        b.0.cmp(&a.0)
            .then_with(|| b.1.cmp(&a.1))
            .then_with(|| a.2.cmp(&b.2))
            .then_with(|| products[a.3 as usize].id().cmp(products[b.3 as usize].id()))
    });
    let mut order: Vec<u32> = keys.into_iter().map(|k| k.3).collect();
    permute(products, &mut order);
}

/// The first 16 bytes of an id, big-endian, zero-padded: ordered as the ids are where they
/// differ (an id holds no NUL: control characters are refused).
fn id_prefix(id: &str) -> u128 {
    let mut b = [0u8; 16];
    let n = id.len().min(16);
    b[..n].copy_from_slice(&id.as_bytes()[..n]);
    u128::from_be_bytes(b)
}

/// Puts `v[order[i]]` at `i` for every `i`, following each cycle of the permutation
/// (`order` is used up: its entries are marked as they are placed).
fn permute<T>(v: &mut Chunks<T>, order: &mut [u32]) {
    const DONE: u32 = u32::MAX;
    for i in 0..v.len() {
        let mut j = i;
        loop {
            let k = order[j];
            if k == DONE {
                break;
            }
            order[j] = DONE;
            if k as usize == i {
                break;
            }
            v.swap(j, k as usize);
            j = k as usize;
        }
    }
}

/// The rarer parts of a result, boxed when there is any.
fn extra(
    sections: Vec<u32>,
    criteria: Box<[u64]>,
    disqualified: Vec<Box<str>>,
) -> Option<Box<Extra>> {
    if sections.is_empty() && criteria.is_empty() && disqualified.is_empty() {
        return None;
    }
    Some(Box::new(Extra {
        sections: sections.into_boxed_slice(),
        criteria,
        disqualified: disqualified.into_boxed_slice(),
    }))
}

fn part_sums(sheets: &[Sheet]) -> [u64; 3] {
    let mut s = [0u64; 3];
    for sheet in sheets {
        for (a, &b) in s.iter_mut().zip(&sheet.parts) {
            *a += u64::from(b);
        }
    }
    s
}

/// The council rules (docs/scoring.md, "The council's level"): status, whether this
/// council's decision recognises the stars, and for a nominated product whether its 5★
/// markers are met.
fn status(
    council: Council,
    rejected: bool,
    o: &scoring::Outcome<'_>,
) -> (Status, bool, Option<bool>) {
    if rejected {
        return (Status::Disqualified, false, None);
    }
    match council {
        // Điều 7.3.e: "có tiềm năng đạt 5 sao (đạt từ 90 trở lên)" — sent on the score.
        Council::Province if o.band == Stars::FIVE => {
            (Status::Nominated, false, Some(o.stars == Stars::FIVE))
        }
        Council::Province if o.stars >= Stars::THREE => (Status::Certified, true, None),
        Council::Central if o.stars == Stars::FIVE => (Status::Certified, true, None),
        Council::Central if o.stars >= Stars::THREE => (Status::Returned, false, None),
        _ => (Status::NotCertified, false, None),
    }
}

#[cfg(test)]
mod tests {
    use super::{ReportOptions, build, build_with, id_prefix, permute};
    use crate::criteria::embedded::Embedded;
    use crate::input::{self, ReadOptions, Source};
    use crate::parallel::Parallel;
    use proptest::prelude::*;

    /// Runs the last job first: the report must not depend on the jobs' order.
    struct Backwards;

    impl Parallel for Backwards {
        fn threads(&self) -> usize {
            3
        }

        fn run<'a, R: Send + 'a>(&self, jobs: Vec<Box<dyn FnOnce() -> R + Send + 'a>>) -> Vec<R> {
            let mut out: Vec<R> = jobs.into_iter().rev().map(|j| j()).collect();
            out.reverse();
            out
        }
    }

    /// 9,000 products (three chunks of the batch) of three members, each scored a little
    /// differently, some disqualified: scored in three jobs, the report is one job's.
    #[test]
    fn a_batch_scored_in_jobs_is_the_batch_scored_in_turn() {
        let edition = Embedded::find("qd26-2026").expect("embedded").load();
        let set = edition.set("6").expect("set 6");
        let codes: Vec<&str> = set.leaves.iter().map(|l| l.code.as_str()).collect();
        let mut text = format!("product_id,set,assessor,disqualified,{}\n", codes.join(","));
        for p in 0..9000u32 {
            for m in 0..3u32 {
                let mut points: Vec<_> = set
                    .leaves
                    .iter()
                    .enumerate()
                    .map(|(i, l)| {
                        let mut ok = l.allowed.clone();
                        ok.sort();
                        ok[(p as usize * 7 + m as usize * 3 + i) % ok.len()]
                    })
                    .collect();
                // "5.2 applies only when 5.1 > 0".
                for (i, l) in set.leaves.iter().enumerate() {
                    if let Some(j) = l.applies_if
                        && points[j].hundredths() == 0
                    {
                        points[i] = crate::points::Points::ZERO;
                    }
                }
                let cells: Vec<String> = points.iter().map(ToString::to_string).collect();
                let dq = if p % 97 == 0 { "late" } else { "" };
                text.push_str(&format!("P{p},6,M{m},{dq},{}\n", cells.join(",")));
            }
        }
        let opts = ReadOptions {
            max_errors: 5,
            detail: true,
            ..ReadOptions::default()
        };
        let json = |r: &super::Report<'_>| {
            let mut out = Vec::new();
            crate::render::json::write_with(&mut out, r, &[], crate::l10n::Lang::En)
                .expect("in memory");
            out
        };
        let read = || {
            let src = Source::memory("a.csv", text.clone().into_bytes());
            match input::read(&edition, vec![src], &opts).result {
                Ok(batch) => batch,
                Err(p) => panic!("{:?}", p.sorted()),
            }
        };
        let one = build(read(), ReportOptions::default());
        let jobs = build_with(read(), ReportOptions::default(), &Backwards);
        assert_eq!(one.summary, jobs.summary);
        // The counts are the results' (the jobs' tallies added up).
        let count = |f: &dyn Fn(&super::ProductResult<'_>) -> bool| {
            jobs.products.iter().filter(|p| f(p)).count()
        };
        let s = &jobs.summary;
        assert_eq!(s.products, 9000);
        assert_eq!(s.held_back, count(&|p| p.is_held_back()));
        assert_eq!(s.spread_flags, count(&|p| p.spread.is_some()));
        assert_eq!(s.disqualified, count(&|p| !p.disqualified().is_empty()));
        assert!(s.disqualified > 0 && s.held_back > 0);
        for (stars, &n) in s.by_stars.iter().enumerate() {
            assert_eq!(n, count(&|p| usize::from(p.stars) == stars));
        }
        for status in super::Status::ALL {
            let n = match status {
                super::Status::Certified => s.certified,
                super::Status::Nominated => s.nominated,
                super::Status::Returned => s.returned,
                super::Status::NotCertified => s.not_certified,
                super::Status::Disqualified => s.disqualified,
            };
            assert_eq!(n, count(&|p| p.status == status), "{status:?}");
        }
        assert_eq!(one.sheets, jobs.sheets);
        assert!(json(&one) == json(&jobs), "the reports differ");
        // The CSV rendered in blocks side by side is the CSV rendered in turn.
        let csv = |r: &super::Report<'_>, parallel: &dyn Fn(&mut Vec<u8>, &super::Report<'_>)| {
            let mut out = Vec::new();
            parallel(&mut out, r);
            out
        };
        let opts = crate::render::csv::CsvOptions {
            members: true,
            criteria_means: true,
            ..Default::default()
        };
        let in_turn = csv(&jobs, &|out, r| {
            crate::render::csv::write_with(out, r, &opts).expect("in memory")
        });
        let blocks = csv(&jobs, &|out, r| {
            crate::render::csv::write_in(out, r, &opts, &Backwards).expect("in memory")
        });
        assert_eq!(in_turn.iter().filter(|&&b| b == b'\n').count(), 9001);
        assert!(in_turn == blocks, "the CSV differs");
    }

    proptest! {
        /// Where two ids' prefixes differ, they order the ids as the ids do.
        #[test]
        fn id_prefixes_order_as_the_ids(a in "[A-Za-z0-9_.-]{0,20}", b in "[A-Za-z0-9_.-]{0,20}") {
            let (pa, pb) = (id_prefix(&a), id_prefix(&b));
            if pa != pb {
                prop_assert_eq!(pa.cmp(&pb), a.cmp(&b));
            }
        }

        /// The in-place permutation gives what gathering `v[order[i]]` into a new vector does.
        #[test]
        fn permute_places_each_item_where_the_order_says(
            order in (0usize..9000).prop_flat_map(|n| Just((0..n as u32).collect::<Vec<_>>()).prop_shuffle())
        ) {
            let v: Vec<u32> = (0..order.len() as u32).map(|x| x * 7 + 1).collect();
            let want: Vec<u32> = order.iter().map(|&i| v[i as usize]).collect();
            let mut got: crate::chunks::Chunks<u32> = v.iter().copied().collect();
            let mut o = order.clone();
            permute(&mut got, &mut o);
            prop_assert_eq!(got.iter().copied().collect::<Vec<_>>(), want);
        }
    }
}
