//! Invariants of the rules over random councils, through the whole library pipeline
//! (CSV text → batch → report), in process.

use ocop::criteria::Edition;
use ocop::input::{self, ReadOptions};
use ocop::points::Points;
use ocop::report::{self, Report, ReportOptions};
use proptest::prelude::*;

use crate::fixtures::{MEMBERS, Sheet, edition, long, wide};

fn score(e: &Edition, csv: String) -> Report {
    let mut batch = input::Batch::new(e, 50);
    input::read(
        &mut batch,
        input::memory("p.csv", csv.into_bytes()),
        &ReadOptions::default(),
    );
    let (tallies, carried) = batch
        .finish()
        .unwrap_or_else(|p| panic!("{:?}", p.sorted().0));
    report::build(e, tallies, carried, ReportOptions::default())
}

/// A random council: a set, members, and for each member and criterion an allowed value.
fn council() -> impl Strategy<Value = (u8, usize, Vec<u16>)> {
    (
        1u8..=26,
        1usize..=7,
        prop::collection::vec(any::<u16>(), 7 * 40),
    )
}

fn sheets(e: &Edition, set: u8, members: usize, picks: &[u16]) -> Vec<Sheet> {
    let s = e.set(&set.to_string()).unwrap();
    (0..members)
        .map(|m| {
            let points = s
                .leaves
                .iter()
                .enumerate()
                .map(|(i, l)| l.allowed[usize::from(picks[m * 40 + i]) % l.allowed.len()])
                .collect();
            Sheet {
                product: "P".into(),
                name: "Sản phẩm".into(),
                set,
                assessor: MEMBERS[m].into(),
                points,
                disqualified: String::new(),
            }
        })
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn stars_never_exceed_the_band_and_the_total_stays_in_range((set, n, picks) in council()) {
        let e = edition();
        let r = score(&e, wide(&sheets(&e, set, n, &picks)));
        let p = &r.products[0];
        prop_assert!(p.outcome.stars <= p.outcome.band);
        prop_assert!(u64::from(p.stars) <= u64::from(p.outcome.band.get()));
        prop_assert!(p.outcome.total.reaches(Points::ZERO));
        prop_assert!(!p.outcome.total.reaches(Points(10001)), "total above 100");
        prop_assert_eq!(p.certified, p.outcome.stars.get() >= 3);
    }

    #[test]
    fn raising_one_members_points_never_lowers_the_stars(
        (set, n, picks) in council(), member in 0usize..7, leaf in 0usize..40, up in 1usize..4
    ) {
        let e = edition();
        let base = sheets(&e, set, n, &picks);
        let s = e.set(&set.to_string()).unwrap();
        let (m, i) = (member % n, leaf % s.leaves.len());
        let allowed = &s.leaves[i].allowed;
        let at = allowed.iter().position(|v| *v == base[m].points[i]).unwrap();
        let mut raised = base.clone();
        raised[m].points[i] = allowed[(at + up).min(allowed.len() - 1)];
        let before = score(&e, wide(&base)).products[0].outcome.clone();
        let after = score(&e, wide(&raised)).products[0].outcome.clone();
        prop_assert!(after.stars >= before.stars, "{:?} → {:?}", before.stars, after.stars);
        prop_assert!(after.total >= before.total);
    }

    #[test]
    fn wide_and_long_files_score_the_same((set, n, picks) in council()) {
        let e = edition();
        let sh = sheets(&e, set, n, &picks);
        let (a, b) = (score(&e, wide(&sh)), score(&e, long(&sh)));
        let mut ja = Vec::new();
        let mut jb = Vec::new();
        ocop::render::json::write(&mut ja, &a).unwrap();
        ocop::render::json::write(&mut jb, &b).unwrap();
        prop_assert_eq!(String::from_utf8(ja).unwrap(), String::from_utf8(jb).unwrap());
    }
}
