//! Invariants of the rules over random councils, through the whole library pipeline
//! (CSV text → batch → report), in process.

use ocop::criteria::Edition;
use ocop::input::{self, ReadOptions};
use ocop::points::Points;
use ocop::report::{self, Report, ReportOptions};
use proptest::prelude::*;

use crate::fixtures::{MEMBERS, Sheet, edition, long, wide};

fn read<'e>(e: &'e Edition, name: &str, csv: String) -> Result<input::Batch<'e>, input::Problems> {
    let opts = ReadOptions {
        detail: true,
        max_errors: 1000,
        ..ReadOptions::default()
    };
    input::read(
        e,
        vec![input::Source::memory(name, csv.into_bytes())],
        &opts,
    )
    .result
}

fn score(e: &Edition, csv: String) -> Report<'_> {
    let batch = read(e, "p.csv", csv).unwrap_or_else(|p| panic!("{:?}", p.sorted().0));
    report::build(batch, ReportOptions::default())
}

/// Stars and total of the only product.
fn stars_and_total(e: &Edition, csv: String) -> (ocop::criteria::Stars, ocop::scoring::Mean) {
    let r = score(e, csv);
    let p = &r.products[0];
    (p.reached, p.total)
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
            let mut points: Vec<Points> = s
                .leaves
                .iter()
                .enumerate()
                .map(|(i, l)| l.allowed[usize::from(picks[m * 40 + i]) % l.allowed.len()])
                .collect();
            // A criterion that applies only when another scores (5.2 needs 5.1) is 0 without it.
            for (i, l) in s.leaves.iter().enumerate() {
                if l.applies_if.is_some_and(|j| points[j] == Points::ZERO) {
                    points[i] = Points::ZERO;
                }
            }
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
        prop_assert!(p.reached <= p.band);
        prop_assert!(u64::from(p.stars) <= u64::from(p.band.get()));
        prop_assert!(p.total.reaches(Points::ZERO));
        prop_assert!(!p.total.reaches(Points(10001)), "total above 100");
        // A provincial council certifies 3★ and 4★ and nominates 90 points and above.
        prop_assert_eq!(p.certified, p.reached.get() >= 3 && p.band.get() < 5);
        prop_assert_eq!(p.status == ocop::report::Status::Nominated, p.band.get() == 5);
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
        // 5.2 cannot score while 5.1 is 0 (it is refused as input, not scored).
        prop_assume!(s.leaves[i].applies_if.is_none_or(|j| raised[m].points[j] > Points::ZERO));
        let before = stars_and_total(&e, wide(&base));
        let after = stars_and_total(&e, wide(&raised));
        prop_assert!(after.0 >= before.0, "{:?} → {:?}", before.0, after.0);
        prop_assert!(after.1 >= before.1);
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

/// A batch as CSV text: random products of random sets, rows shuffled or grouped, with
/// random line endings, blank lines, quoted names, and (optionally) some bad cells.
fn batch_text(seed: &[u16], shuffle: bool, crlf: bool, bad: bool, long_format: bool) -> String {
    let e = edition();
    let mut sheets = Vec::new();
    let products = 3 + usize::from(seed[0]) % 40;
    for p in 0..products {
        let set = 1 + (usize::from(seed[p % seed.len()]) % 26) as u8;
        let members = 1 + usize::from(seed[(p + 1) % seed.len()]) % 6;
        let picks: Vec<u16> = (0..7 * 40)
            .map(|i| {
                seed[(p * 7 + i) % seed.len()]
                    .wrapping_mul(31)
                    .wrapping_add(i as u16)
            })
            .collect();
        let mut s = sheets_for(&e, set, members, &picks);
        for (m, sh) in s.iter_mut().enumerate() {
            sh.product = format!("P{p:03}");
            sh.name = if p % 5 == 0 {
                format!("Sản phẩm, loại {p}")
            } else {
                format!("Sản phẩm {p}")
            };
            if bad && (p + m) % 7 == 3 {
                sh.points[0] = Points(12345);
            }
        }
        sheets.extend(s);
    }
    if shuffle {
        let n = sheets.len();
        for i in 0..n {
            let j = usize::from(seed[i % seed.len()]) % n;
            sheets.swap(i, j);
        }
    }
    let text = if long_format {
        long(&sheets)
    } else {
        wide(&sheets)
    };
    let mut out = String::new();
    for (i, line) in text.lines().enumerate() {
        out.push_str(line);
        out.push_str(if crlf { "\r\n" } else { "\n" });
        if i % 11 == 5 {
            out.push_str(if crlf { "\r\n" } else { "\n" });
        }
    }
    out
}

fn sheets_for(e: &Edition, set: u8, members: usize, picks: &[u16]) -> Vec<Sheet> {
    sheets(e, set, members.min(7), picks)
}

/// The report as JSON, or the problems, from reading a batch's text.
fn outcome(e: &Edition, text: String) -> String {
    match read(e, "b.csv", text) {
        Ok(batch) => {
            let report = report::build(batch, ReportOptions::default());
            let mut out = Vec::new();
            ocop::render::json::write(&mut out, &report).unwrap();
            String::from_utf8(out).unwrap()
        }
        Err(p) => {
            let (list, total) = p.sorted();
            let lines: Vec<String> = list.iter().map(ToString::to_string).collect();
            format!("{total} problems:\n{}", lines.join("\n"))
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(60))]

    /// LF, CRLF and lone-CR line ends (Excel's "CSV (Macintosh)") give the same results and
    /// the same problems on the same lines.
    #[test]
    fn line_endings_do_not_change_the_outcome(
        seed in prop::collection::vec(any::<u16>(), 64),
        shuffle in any::<bool>(),
        bad in any::<bool>(),
        long_format in any::<bool>(),
    ) {
        let e = edition();
        let lf = batch_text(&seed, shuffle, false, bad, long_format);
        let expected = outcome(&e, lf.clone());
        prop_assert_eq!(&outcome(&e, batch_text(&seed, shuffle, true, bad, long_format)), &expected);
        prop_assert_eq!(&outcome(&e, lf.replace('\n', "\r")), &expected);
    }
}

/// Every scorable set of both editions, through the whole pipeline: every criterion at its
/// top is 100 points and 5★ (every marker met); nothing ticked is 0 and 1★; one point short of
/// 90 is 4★ at most; and the total is always the sum of the members' points.
#[test]
fn every_set_of_both_editions_scores_by_the_rules() {
    use ocop::criteria::embedded::EDITIONS;
    for embedded in EDITIONS {
        let e = embedded.load();
        for set in e.sets().filter(|s| s.is_scorable()) {
            let leaves = &set.leaves;
            let row = |points: &dyn Fn(usize) -> Points| -> String {
                leaves
                    .iter()
                    .enumerate()
                    .map(|(i, _)| points(i).to_string())
                    .collect::<Vec<_>>()
                    .join(",")
            };
            let header: Vec<&str> = leaves.iter().map(|l| l.code.as_str()).collect();
            let top = row(&|i| leaves[i].max);
            let zero = row(&|_| Points::ZERO);
            // 89 points: the top everywhere, then take points off until 89 is left.
            let mut near: Vec<Points> = leaves.iter().map(|l| l.max).collect();
            let mut excess = Points::whole(11).hundredths();
            for (i, l) in leaves.iter().enumerate() {
                // The lowest allowed value within what is left to take off.
                let lower = l
                    .allowed
                    .iter()
                    .find(|p| near[i].hundredths() - p.hundredths() <= excess);
                if let Some(&p) = lower {
                    excess -= near[i].hundredths() - p.hundredths();
                    near[i] = p;
                }
            }
            assert_eq!(
                excess,
                0,
                "{} set {}: 89 points reachable",
                e.id(),
                set.number
            );
            let near = Some(row(&|i| near[i]));
            let mut csv = format!("product_id,set,assessor,{}\n", header.join(","));
            for m in ["A", "B", "C"] {
                csv.push_str(&format!("top,{},{m},{top}\n", set.number));
                csv.push_str(&format!("zero,{},{m},{zero}\n", set.number));
                if let Some(near) = &near {
                    csv.push_str(&format!("near,{},{m},{near}\n", set.number));
                }
            }
            let batch = read(&e, "s.csv", csv)
                .unwrap_or_else(|p| panic!("{} set {}: {:?}", e.id(), set.number, p.sorted().0));
            let report = report::build(batch, ReportOptions::default());
            for p in &report.products {
                let where_ = format!("{} set {} {}", e.id(), set.number, p.id());
                match p.id() {
                    "top" => {
                        assert_eq!(p.total.to_string(), "100.00", "{where_}");
                        assert_eq!((p.band.get(), p.reached.get()), (5, 5), "{where_}");
                    }
                    "zero" => {
                        assert_eq!(p.total.to_string(), "0.00", "{where_}");
                        assert_eq!(p.stars, 1, "{where_}");
                    }
                    _ => {
                        assert_eq!(p.total.to_string(), "89.00", "{where_}");
                        assert_eq!(p.band.get(), 4, "{where_}");
                        assert!(p.stars <= 4, "{where_}");
                    }
                }
                let parts: u64 = p.parts().iter().map(|m| m.hundredths()).sum();
                assert_eq!(parts, p.total.hundredths(), "{where_}: A + B + C = total");
            }
        }
    }
}
