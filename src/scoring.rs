//! The scoring rules of the decision, as pure functions: a product's members' sheets in,
//! its score, band, stars, held-back markers, next star and spread out. No I/O, no text
//! parsing; `input` builds the sheets and `report` assembles the results.

use std::cmp::Ordering;
use std::fmt;

use serde::Serialize;

use crate::criteria::{CriteriaSet, Edition, Leaf, Stars};
use crate::points::{Points, SCALE};

/// An exact mean of hundredths: `sum / n`. Means are compared and banded exactly; they are
/// only rounded for display (truncated to two decimals, so a printed figure never reaches a
/// band its value does not).
#[derive(Debug, Clone, Copy)]
pub struct Mean {
    pub sum: u64,
    pub n: u64,
}

impl Mean {
    pub fn new(sum: u64, n: u64) -> Mean {
        assert!(n > 0, "a mean needs at least one member");
        Mean { sum, n }
    }

    /// Whether the mean reaches `p` (≥), exactly.
    pub fn reaches(self, p: Points) -> bool {
        u128::from(self.sum) >= u128::from(p.hundredths()) * u128::from(self.n)
    }

    /// Hundredths, truncated.
    pub fn hundredths(self) -> u64 {
        self.sum / self.n
    }

    /// The mean truncated to two decimals, as a number (for JSON).
    pub fn to_f64(self) -> f64 {
        self.hundredths() as f64 / f64::from(SCALE)
    }

    /// How far below `p` the mean is, rounded up to the hundredth (0 when it reaches `p`):
    /// adding this many points to the mean is enough.
    pub fn short_of(self, p: Points) -> Points {
        let need = u128::from(p.hundredths()) * u128::from(self.n);
        let have = u128::from(self.sum);
        if have >= need {
            return Points::ZERO;
        }
        let n = u128::from(self.n);
        Points(u32::try_from((need - have).div_ceil(n)).unwrap_or(u32::MAX))
    }
}

impl PartialEq for Mean {
    fn eq(&self, other: &Mean) -> bool {
        self.cmp(other) == Ordering::Equal
    }
}

impl Eq for Mean {}

impl PartialOrd for Mean {
    fn partial_cmp(&self, other: &Mean) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for Mean {
    fn cmp(&self, other: &Mean) -> Ordering {
        if self.n == other.n {
            return self.sum.cmp(&other.sum);
        }
        (u128::from(self.sum) * u128::from(other.n))
            .cmp(&(u128::from(other.sum) * u128::from(self.n)))
    }
}

impl fmt::Display for Mean {
    /// Two decimals, truncated: `70.00`, `69.99`. Written as one string (a width pads it):
    /// a 200,000-product export prints a million of these.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let h = self.hundredths();
        let mut int = itoa::Buffer::new();
        let int = int.format(h / 100).as_bytes();
        let mut buf = [0u8; 24];
        buf[..int.len()].copy_from_slice(int);
        let frac = (h % 100) as u8;
        buf[int.len()..int.len() + 3].copy_from_slice(&[b'.', b'0' + frac / 10, b'0' + frac % 10]);
        f.pad(std::str::from_utf8(&buf[..int.len() + 3]).expect("ASCII digits"))
    }
}

impl Serialize for Mean {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_f64(self.to_f64())
    }
}

/// A criterion whose members' mean falls short of a minimum-level marker. Compact (24 bytes:
/// a report holds about five per product, for the next star): the criterion and the level
/// give the code and what the marker needs; the sum and the members' count give the mean.
#[derive(Debug, Clone, Copy)]
pub struct Shortfall<'a> {
    leaf: &'a Leaf,
    /// Sum over members of the criterion's points (hundredths).
    sum: u64,
    n: u32,
    /// The lowest star level whose marker this criterion misses.
    pub stars: Stars,
}

impl<'a> Shortfall<'a> {
    /// `got` is the members' mean on the criterion; `stars` a level whose marker it misses.
    pub fn new(leaf: &'a Leaf, stars: Stars, got: Mean) -> Shortfall<'a> {
        assert!(
            leaf.required_for(stars).is_some(),
            "a missed level has a marker"
        );
        Shortfall {
            leaf,
            sum: got.sum,
            n: u32::try_from(got.n).expect("fewer than 4 billion members"),
            stars,
        }
    }

    pub fn code(&self) -> &'a str {
        &self.leaf.code
    }

    /// What the level's marker needs.
    pub fn needed(&self) -> Points {
        self.leaf
            .required_for(self.stars)
            .expect("a missed level has a marker")
    }

    /// The members' mean on the criterion.
    pub fn got(&self) -> Mean {
        Mean::new(self.sum, u64::from(self.n))
    }
}

impl PartialEq for Shortfall<'_> {
    /// The same criterion (the same leaf of the same set), level and mean.
    fn eq(&self, other: &Shortfall<'_>) -> bool {
        std::ptr::eq(self.leaf, other.leaf)
            && self.stars == other.stars
            && self.got() == other.got()
    }
}

impl Eq for Shortfall<'_> {}

impl Serialize for Shortfall<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut st = s.serialize_struct("Shortfall", 4)?;
        st.serialize_field("code", self.code())?;
        st.serialize_field("stars", &self.stars)?;
        st.serialize_field("needed", &self.needed())?;
        st.serialize_field("got", &self.got())?;
        st.end()
    }
}

impl fmt::Display for Shortfall<'_> {
    /// "1.5 got 1.40, needs 2 for 4★".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Piece by piece rather than `write!`: an export prints one or more per product.
        f.write_str(self.code())?;
        f.write_str(" got ")?;
        fmt::Display::fmt(&self.got(), f)?;
        f.write_str(", needs ")?;
        fmt::Display::fmt(&self.needed(), f)?;
        f.write_str(" for ")?;
        fmt::Display::fmt(&self.stars, f)?;
        f.write_str("★")
    }
}

/// What a product lacks for the next star level (rule 9).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct NextStar<'a> {
    pub stars: Stars,
    /// Points the mean total lacks for the next band (0 when the band is already reached).
    pub points_short: Points,
    /// Markers of that level still to reach (a boxed slice: exactly as long as it needs).
    pub markers: Box<[Shortfall<'a>]>,
}

impl fmt::Display for NextStar<'_> {
    /// "4★: +3.40 points; 1.5 needs 2 (got 1.40)".
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Piece by piece rather than `write!`: an export prints one per product.
        fmt::Display::fmt(&self.stars, f)?;
        f.write_str("★:")?;
        let mut sep = " ";
        if self.points_short > Points::ZERO {
            let short = Mean::new(u64::from(self.points_short.hundredths()), 1);
            f.write_str(" +")?;
            fmt::Display::fmt(&short, f)?;
            f.write_str(" points")?;
            sep = "; ";
        }
        for m in &self.markers {
            f.write_str(sep)?;
            f.write_str(m.code())?;
            f.write_str(" needs ")?;
            fmt::Display::fmt(&m.needed(), f)?;
            f.write_str(" (got ")?;
            fmt::Display::fmt(&m.got(), f)?;
            f.write_str(")")?;
            sep = "; ";
        }
        Ok(())
    }
}

/// Members' totals differ by more than the allowed spread (rule 7): a warning. Members are
/// named by the ids the caller gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Spread {
    pub spread: Points,
    pub limit: Points,
    pub highest: (u32, Points),
    pub lowest: (u32, Points),
}

/// A product's score under the rules.
#[derive(Debug, Clone)]
pub struct Outcome<'a> {
    /// Mean of the members' totals (rule 2).
    pub total: Mean,
    /// Means of parts A, B, C.
    pub parts: [Mean; 3],
    /// Stars of the total alone (rule 3).
    pub band: Stars,
    /// Stars allowed by both the band and the markers (rule 4).
    pub stars: Stars,
    /// Markers missed at the band's level, each with the lowest level it misses.
    pub held_back: Box<[Shortfall<'a>]>,
    pub next: Option<NextStar<'a>>,
    pub spread: Option<Spread>,
}

/// Scores one product.
///
/// `members`: each member's name and total; `parts`: sums over members of parts A, B, C
/// (hundredths); `marked`: for scored criteria of `set` (at least every one that carries a
/// marker), the position in `set.leaves` and the sum over members of its points (hundredths).
pub fn score<'a>(
    edition: &Edition,
    set: &'a CriteriaSet,
    members: &[(u32, Points)],
    parts: [u64; 3],
    marked: &[(usize, u64)],
    max_spread: Points,
) -> Outcome<'a> {
    assert!(
        !members.is_empty(),
        "a product is scored from at least one member"
    );
    let n = members.len() as u64;
    let total = Mean::new(members.iter().map(|m| u64::from(m.1.hundredths())).sum(), n);
    let parts = parts.map(|s| Mean::new(s, n));
    let band = edition.band(total.sum, n);
    // Boxed slices, exactly as long as they need: a Vec's first push makes room for four
    // (160 bytes for one shortfall), and a report holds two of these per product.
    let misses = |level: Stars| -> Box<[Shortfall<'a>]> {
        marked
            .iter()
            .filter_map(|&(i, sum)| {
                let leaf = &set.leaves[i];
                let got = Mean::new(sum, n);
                if got.reaches(leaf.required_for(level)?) {
                    return None;
                }
                // Report the first level this criterion stops (and so what that level needs).
                Some(Shortfall::new(leaf, lowest_missed(leaf, got), got))
            })
            .collect()
    };
    let any_miss = |level: Stars| {
        marked.iter().any(|&(i, sum)| {
            set.leaves[i]
                .required_for(level)
                .is_some_and(|need| !Mean::new(sum, n).reaches(need))
        })
    };
    // Marker minima only grow with the level, so the allowed levels are 1..=k for some k.
    let mut stars = band;
    while stars > Stars::ONE && any_miss(stars) {
        stars = Stars::new(stars.get() - 1).expect("above one star");
    }
    let held_back = if stars < band {
        misses(band)
    } else {
        Box::default()
    };
    let next = stars.next().map(|target| NextStar {
        stars: target,
        points_short: total.short_of(edition.band_floor(target)),
        markers: misses(target),
    });
    Outcome {
        total,
        parts,
        band,
        stars,
        held_back,
        next,
        spread: spread(members, max_spread),
    }
}

/// The lowest star level whose marker `got` misses on this criterion.
fn lowest_missed(leaf: &crate::criteria::Leaf, got: Mean) -> Stars {
    Stars::MARKED
        .into_iter()
        .find(|&s| leaf.required_for(s).is_some_and(|r| !got.reaches(r)))
        .unwrap_or(Stars::FIVE)
}

/// Rule 7: the highest and lowest member when their totals differ by more than `limit`.
pub fn spread(members: &[(u32, Points)], limit: Points) -> Option<Spread> {
    let hi = members
        .iter()
        .max_by(|a, b| a.1.cmp(&b.1).then_with(|| b.0.cmp(&a.0)))?;
    let lo = members
        .iter()
        .min_by(|a, b| a.1.cmp(&b.1).then_with(|| a.0.cmp(&b.0)))?;
    let spread = Points(hi.1.hundredths() - lo.1.hundredths());
    (spread > limit).then_some(Spread {
        spread,
        limit,
        highest: *hi,
        lowest: *lo,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::criteria::embedded::Embedded;

    fn edition() -> &'static Edition {
        static E: std::sync::LazyLock<Edition> =
            std::sync::LazyLock::new(|| Embedded::find("qd26-2026").unwrap().load());
        &E
    }

    fn p(x: f64) -> Points {
        Points::from_f64(x).unwrap()
    }

    fn sheets(totals: &[f64]) -> Vec<(u32, Points)> {
        totals
            .iter()
            .enumerate()
            .map(|(i, &t)| (i as u32, p(t)))
            .collect()
    }

    fn parts(members: &[(u32, Points)]) -> [u64; 3] {
        [
            members.iter().map(|m| u64::from(m.1.hundredths())).sum(),
            0,
            0,
        ]
    }

    /// The marked criteria's sums out of per-criterion sums.
    fn marked(set: &CriteriaSet, sums: &[u64]) -> Vec<(usize, u64)> {
        set.leaves
            .iter()
            .enumerate()
            .filter(|(_, l)| l.required.iter().any(Option::is_some))
            .map(|(i, _)| (i, sums[i]))
            .collect()
    }

    /// Every criterion at its maximum for every member: no marker can hold the product back.
    fn full_sums(set: &CriteriaSet, n: usize) -> Vec<u64> {
        set.leaves
            .iter()
            .map(|l| u64::from(l.max.hundredths()) * n as u64)
            .collect()
    }

    fn stars_of(totals: &[f64]) -> u8 {
        let e = edition();
        let set = e.set("6").unwrap();
        let m = sheets(totals);
        let sums = full_sums(set, totals.len());
        score(e, set, &m, parts(&m), &marked(set, &sums), p(100.0))
            .stars
            .get()
    }

    #[test]
    fn bands_are_half_open_at_every_boundary() {
        assert_eq!(stars_of(&[0.0]), 1);
        assert_eq!(stars_of(&[29.99]), 1);
        assert_eq!(stars_of(&[30.0]), 2);
        assert_eq!(stars_of(&[49.99]), 2);
        assert_eq!(stars_of(&[50.0]), 3);
        assert_eq!(stars_of(&[69.99]), 3);
        assert_eq!(stars_of(&[70.0]), 4);
        assert_eq!(stars_of(&[89.99]), 4);
        assert_eq!(stars_of(&[90.0]), 5);
        assert_eq!(stars_of(&[100.0]), 5);
    }

    #[test]
    fn a_mean_of_exactly_70_is_four_stars_with_any_number_of_members() {
        // Totals whose float sum is not exactly 70 × n.
        assert_eq!(stars_of(&[69.67, 70.33, 70.0]), 4);
        assert_eq!(stars_of(&[70.1, 69.9, 70.2, 69.8, 70.3, 69.7, 70.0]), 4);
        assert_eq!(stars_of(&[70.0; 7]), 4);
        // One hundredth less in the sum: the mean is below 70.
        assert_eq!(stars_of(&[69.66, 70.33, 70.0]), 3);
        assert_eq!(stars_of(&[70.1, 69.9, 70.2, 69.8, 70.3, 69.7, 69.99]), 3);
        for n in 1..=15 {
            assert_eq!(stars_of(&vec![70.0; n]), 4, "{n} members");
            let mut t = vec![70.0; n];
            t[0] = 69.99;
            assert_eq!(stars_of(&t), 3, "{n} members, one at 69.99");
        }
    }

    #[test]
    fn means_print_truncated_so_they_never_cross_a_band() {
        let m = Mean::new(20999, 3); // 69.996…
        assert_eq!(m.to_string(), "69.99");
        assert!(!m.reaches(p(70.0)));
        assert_eq!(Mean::new(21000, 3).to_string(), "70.00");
        assert_eq!(Mean::new(21000, 3).to_f64(), 70.0);
        assert_eq!(Mean::new(20500, 3).to_string(), "68.33");
        assert_eq!(Mean::new(5, 1).to_string(), "0.05");
        assert_eq!(Mean::new(0, 4).to_string(), "0.00");
        assert_eq!(Mean::new(1_234_567_800, 1).to_string(), "12345678.00");
        assert_eq!(Mean::new(20500, 3).short_of(p(70.0)), p(1.67));
        assert_eq!(Mean::new(21000, 3).short_of(p(70.0)), Points::ZERO);
    }

    /// Set 6, five members with every criterion at its maximum except 1.5, whose per-member
    /// points are given; 1.5 carries **** on 2 points and ***** on 3.
    fn with_1_5(total: f64, points_1_5: &[u32]) -> Outcome<'static> {
        let e = edition();
        let set = e.set("6").unwrap();
        let mut sums = full_sums(set, points_1_5.len());
        let i = set.leaf_index("1.5").unwrap();
        sums[i] = points_1_5.iter().map(|&x| u64::from(x) * 100).sum();
        let m = sheets(&vec![total; points_1_5.len()]);
        score(e, set, &m, parts(&m), &marked(set, &sums), p(10.0))
    }

    #[test]
    fn a_marker_just_met_allows_the_band() {
        let o = with_1_5(85.0, &[2, 2, 2, 2, 2]);
        assert_eq!((o.band.get(), o.stars.get()), (4, 4));
        assert!(o.held_back.is_empty());
        // 5★ would need a mean of 3 on 1.5, and 5 more points.
        let next = o.next.unwrap();
        assert_eq!(next.stars.get(), 5);
        assert_eq!(next.points_short, p(5.0));
        assert_eq!(next.markers.len(), 1);
        assert_eq!(next.to_string(), "5★: +5.00 points; 1.5 needs 3 (got 2.00)");
    }

    #[test]
    fn a_marker_just_missed_holds_the_product_back() {
        let o = with_1_5(85.0, &[2, 2, 2, 2, 1]); // mean 1.8 < 2
        assert_eq!((o.band.get(), o.stars.get()), (4, 3));
        assert_eq!(o.held_back.len(), 1);
        assert_eq!(o.held_back[0].to_string(), "1.5 got 1.80, needs 2 for 4★");
        let next = o.next.unwrap();
        assert_eq!((next.stars.get(), next.points_short), (4, Points::ZERO));
        assert_eq!(next.to_string(), "4★: 1.5 needs 2 (got 1.80)");
    }

    #[test]
    fn ninety_two_points_missing_a_four_star_marker_is_three_stars() {
        let o = with_1_5(92.0, &[1, 1, 1, 1, 1]);
        assert_eq!((o.band.get(), o.stars.get()), (5, 3));
        // Held back from the band (5★): 1.5 first misses the 4★ marker, which needs 2.
        assert_eq!(o.held_back[0].code(), "1.5");
        assert_eq!(o.held_back[0].stars.get(), 4);
        assert_eq!(o.held_back[0].needed(), p(2.0));
        assert_eq!(o.held_back[0].to_string(), "1.5 got 1.00, needs 2 for 4★");
    }

    #[test]
    fn stars_below_three_ignore_markers() {
        let o = with_1_5(45.0, &[0, 0, 0, 0, 0]);
        assert_eq!((o.band.get(), o.stars.get()), (2, 2));
        let next = o.next.unwrap();
        assert_eq!(next.points_short, p(5.0));
        assert!(next.markers.is_empty(), "1.5 has no *** marker");
    }

    #[test]
    fn five_stars_has_no_next_star() {
        let o = with_1_5(95.0, &[3, 3, 3, 3, 3]);
        assert_eq!(o.stars.get(), 5);
        assert!(o.next.is_none());
    }

    #[test]
    fn spread_is_flagged_only_above_the_limit() {
        let limit = p(10.0);
        assert!(spread(&sheets(&[80.0, 70.0, 75.0]), limit).is_none());
        let s = spread(&sheets(&[80.01, 70.0, 75.0]), limit).unwrap();
        assert_eq!(s.spread, p(10.01));
        assert_eq!(s.highest, (0, p(80.01)));
        assert_eq!(s.lowest, (1, p(70.0)));
        assert_eq!(s.limit, limit);
        assert!(spread(&sheets(&[80.0]), limit).is_none());
    }

    #[test]
    fn means_compare_exactly() {
        assert!(Mean::new(21000, 3) == Mean::new(7000, 1));
        assert!(Mean::new(20999, 3) < Mean::new(7000, 1));
        assert!(Mean::new(u64::MAX / 2, 7) > Mean::new(1, 1));
    }
}
