//! The official editions, compiled into the binary so `ocop` works with no files around.
//! `build.rs` validates each TOML file at build time and stores the model as postcard bytes;
//! loading one here is a decode, not a parse.

use super::{CriteriaErrors, Edition, EditionMeta, SetSummary, load};

/// An edition shipped inside the binary.
#[derive(Debug, Clone, Copy)]
pub struct Embedded {
    pub id: &'static str,
    pub decision: &'static str,
    pub summary: &'static str,
    toml: &'static str,
    model: &'static [u8],
}

/// The edition used when `--criteria` is not given: the rules in force.
pub const DEFAULT: &str = "qd26-2026";

macro_rules! embedded {
    ($id:literal, $decision:literal, $summary:literal) => {
        Embedded {
            id: $id,
            decision: $decision,
            summary: $summary,
            toml: include_str!(concat!("../../../../criteria/", $id, ".toml")),
            model: include_bytes!(concat!(env!("OUT_DIR"), "/", $id, ".postcard")),
        }
    };
}

/// Every embedded edition, the default first.
pub const EDITIONS: &[Embedded] = &[
    embedded!(
        "qd26-2026",
        "Quyết định 26/2026/QĐ-TTg (22/5/2026)",
        "in force; 26 sets checked against the decision's text"
    ),
    embedded!(
        "qd148-2023",
        "Quyết định 148/QĐ-TTg (24/2/2023)",
        "superseded; unverified transcription, sets 7, 11, 12, 13 incomplete"
    ),
];

impl Embedded {
    pub fn find(id: &str) -> Option<&'static Embedded> {
        EDITIONS.iter().find(|e| e.id == id)
    }

    /// The TOML source as shipped: a starting point for a custom rubric.
    pub fn toml(&self) -> &'static str {
        self.toml
    }

    /// The edition, validated at build time; its sets are decoded on first use.
    pub fn load(&self) -> Edition {
        type Encoded = (EditionMeta, Vec<String>, Vec<(SetSummary, &'static [u8])>);
        let (meta, codes, sets): Encoded = postcard::from_bytes(self.model)
            .expect("build.rs encoded this model with the same types");
        Edition::lazy(meta, codes, sets)
    }
}

/// Loads a criteria file given by the user. The embedded editions' ids are reserved: a file
/// that uses one must be that edition's shipped TOML unchanged (what `ocop criteria export`
/// prints), and is then that edition; an edited copy must take an id of its own, so a report
/// never names an official edition for rules that are not its own.
pub fn parse_file(text: &str, origin: &str) -> Result<Edition, CriteriaErrors> {
    if let Some(e) = EDITIONS.iter().find(|e| e.toml == text) {
        return Ok(e.load());
    }
    let ids: Vec<&str> = EDITIONS.iter().map(|e| e.id).collect();
    load::parse_reserving(text, origin, &ids)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::criteria::{Criterion, Scoring, SetStatus, load};
    use crate::points::Points;

    /// Leaf maxima of a criterion, summed independently of the loader.
    fn leaf_sum(c: &Criterion) -> Points {
        match c.scoring {
            Scoring::SumOfChildren => c.sub.iter().map(leaf_sum).sum(),
            _ => c.max,
        }
    }

    fn walk<'a>(c: &'a Criterion, out: &mut Vec<&'a Criterion>) {
        out.push(c);
        for s in &c.sub {
            walk(s, out);
        }
    }

    struct Counts {
        leaves: usize,
        options: usize,
        markers: [usize; 3],
        whole: usize,
    }

    /// Checks every set's totals without trusting the loader, and counts what it holds.
    fn check_totals(e: &Edition, incomplete: &[u8]) -> Counts {
        let mut n = Counts {
            leaves: 0,
            options: 0,
            markers: [0; 3],
            whole: 0,
        };
        assert_eq!(e.summaries().len(), 26);
        for (i, set) in e.sets().enumerate() {
            assert_eq!(usize::from(set.number), i + 1);
            let part_sums: Vec<Points> = set
                .parts
                .iter()
                .map(|p| {
                    p.sections
                        .iter()
                        .flat_map(|s| &s.criteria)
                        .map(leaf_sum)
                        .sum()
                })
                .collect();
            let maxima: Vec<Points> = set.parts.iter().map(|p| p.max).collect();
            assert_eq!(
                maxima,
                [Points::whole(40), Points::whole(25), Points::whole(35)],
                "set {}",
                set.number
            );
            let adds_up = part_sums == maxima;
            if incomplete.contains(&set.number) {
                assert_eq!(set.status, SetStatus::Incomplete, "set {}", set.number);
                assert!(set.status_note.is_some());
            } else {
                assert!(adds_up, "set {}: parts sum to {part_sums:?}", set.number);
                assert_ne!(set.status, SetStatus::Incomplete);
            }
            let mut all = Vec::new();
            for c in set
                .parts
                .iter()
                .flat_map(|p| &p.sections)
                .flat_map(|s| &s.criteria)
            {
                walk(c, &mut all);
            }
            for c in all {
                n.options += c.options.len();
                n.whole += usize::from(c.min_star.is_some());
                for o in &c.options {
                    if let Some(m) = o.min_star {
                        n.markers[usize::from(m.get() - 3)] += 1;
                    }
                }
            }
            n.leaves += set.leaves.len();
        }
        n
    }

    #[test]
    fn qd26_2026_every_set_adds_up() {
        let e = Embedded::find("qd26-2026").unwrap().load();
        let n = check_totals(&e, &[]);
        assert!(e.sets().all(|s| s.status == SetStatus::Verified));
        // The figures of the decision's Phụ lục II (shared data README, CORRECTIONS.md §3.1).
        assert_eq!(n.leaves, 787);
        assert_eq!(n.options, 2535);
        assert_eq!(n.markers, [179, 290, 106]);
        assert_eq!(n.whole, 0);
    }

    #[test]
    fn qd148_2023_is_unverified_and_four_sets_are_incomplete() {
        let e = Embedded::find("qd148-2023").unwrap().load();
        let n = check_totals(&e, &[7, 11, 12, 13]);
        for s in e.sets() {
            let expected = if [7, 11, 12, 13].contains(&s.number) {
                SetStatus::Incomplete
            } else {
                SetStatus::Unverified
            };
            assert_eq!(s.status, expected, "set {}", s.number);
        }
        assert_eq!(n.leaves, 795);
        assert_eq!(n.options, 2632);
        assert_eq!(n.markers, [83, 261, 199]);
        assert_eq!(n.whole, 26);
    }

    #[test]
    fn embedded_model_is_the_toml_source() {
        for e in EDITIONS {
            let parsed = load::parse(e.toml(), e.id).expect("the shipped TOML is valid");
            let decoded = e.load();
            assert_eq!(
                serde_json::to_value(&parsed).unwrap(),
                serde_json::to_value(&decoded).unwrap(),
                "{}",
                e.id
            );
            assert_eq!(parsed.codes(), decoded.codes());
            let probes = if e.id == DEFAULT {
                ["2.1", "6.1.2"]
            } else {
                ["2.a", "6.a.1"]
            };
            assert!(probes.iter().all(|p| decoded.is_code(p)) && !decoded.is_code("1.99"));
            for (a, b) in parsed.sets().zip(decoded.sets()) {
                assert_eq!(a.leaves, b.leaves);
            }
        }
    }

    #[test]
    fn set_lookup_by_number_or_code() {
        let e = Embedded::find(DEFAULT).unwrap().load();
        assert_eq!(e.set("6").unwrap().code, "I.3.b");
        assert_eq!(e.set("06").unwrap().code, "I.3.b");
        assert_eq!(e.set("i.3.B").unwrap().number, 6);
        assert_eq!(e.set("VI.1").unwrap().number, 26);
        assert!(e.set("27").is_none());
        assert!(e.set("I.9").is_none());
    }

    #[test]
    fn markers_become_minimum_means_per_star_level() {
        let e = Embedded::find(DEFAULT).unwrap().load();
        let set = e.set("6").unwrap();
        let leaf = |c: &str| &set.leaves[set.leaf_index(c).unwrap()];
        // 1.5: **** on 2 points, ***** on 3.
        assert_eq!(
            leaf("1.5").required,
            [None, Some(Points::whole(2)), Some(Points::whole(3))]
        );
        // 1.6: **** on the lowest option (1), nothing higher marked.
        assert_eq!(
            leaf("1.6").required,
            [None, Some(Points::whole(1)), Some(Points::whole(1))]
        );
        // 1.1: *** on 2.
        assert_eq!(leaf("1.1").required, [Some(Points::whole(2)); 3]);
        // The bilingual label item is yes/no.
        assert_eq!(leaf("2.4").allowed, [Points::ZERO, Points::whole(1)]);
        // 148: the whole-criterion marker on 3.e needs its lowest option (1) from 4★.
        let old = Embedded::find("qd148-2023").unwrap().load();
        let set = old.set("1").unwrap();
        let l = &set.leaves[set.leaf_index("3.e").unwrap()];
        assert_eq!(
            l.required,
            [None, Some(Points::whole(1)), Some(Points::whole(1))]
        );
    }

    /// `(set number, criterion, the criterion it applies only after)` of every `applies_if`.
    fn conditional(e: &Edition) -> Vec<(u8, String, String)> {
        let mut v = Vec::new();
        for set in e.sets() {
            for (i, leaf) in set.leaves.iter().enumerate() {
                if let Some(j) = leaf.applies_if {
                    assert_ne!(i, j);
                    let c = set.criterion(&leaf.code).unwrap();
                    assert_eq!(c.applies_if.as_deref(), Some(set.leaves[j].code.as_str()));
                    v.push((set.number, leaf.code.clone(), set.leaves[j].code.clone()));
                }
            }
        }
        v
    }

    /// Derived from shared/ocop/qd26-2026-text.txt: the row "Chỉ áp dụng khi có câu chuyện
    /// sản phẩm" is printed 25 times, each directly under "5.2. Cấu trúc câu chuyện sản
    /// phẩm", in the sheets of sets 1 to 25 (found by scanning the text for the phrase and
    /// taking the last "N. Bộ sản phẩm" / "N. Sản phẩm" heading and the last criterion row
    /// above each hit; sets 12 and 13 are headed "12. Sản phẩm trà…", "13. Sản phẩm cà
    /// phê…"). Set 26 (du lịch) has no such row: its 5.2 is "Trình bày câu chuyện sản phẩm".
    /// In each of those sets 5.1 is "Câu chuyện sản phẩm", whose 0-point option is "Không có
    /// câu chuyện sản phẩm"; so 5.2 applies only if 5.1 > 0.
    #[test]
    fn qd26_2026_story_structure_applies_only_with_a_story() {
        let e = Embedded::find("qd26-2026").unwrap().load();
        let expected: Vec<(u8, String, String)> =
            (1..=25).map(|n| (n, "5.2".into(), "5.1".into())).collect();
        assert_eq!(conditional(&e), expected);
        let set = e.set("6").unwrap();
        assert_eq!(set.criterion("5.1").unwrap().title, "Câu chuyện sản phẩm");
        assert!(
            set.criterion("5.2").unwrap().notes[0].starts_with("Chỉ áp dụng khi có câu chuyện")
        );
    }

    /// Derived from shared/ocop/qd148-2023_criteria.json: the phrase "Chỉ áp dụng khi có câu
    /// chuyện" is printed on 5.b "Trí tuệ/bản sắc địa phương" in sets 1–25 and on 5.c "Cấu
    /// trúc câu chuyện" in sets 1, 2, 3, 5 and 6 only (30 times; found by walking the JSON for
    /// the phrase and noting each hit's set `no` and criterion `code`); 5.a is "Câu chuyện về
    /// sản phẩm", whose 0-point option is "Không có câu chuyện, hoặc có nhưng không được tư
    /// liệu hóa". Where the data does not print the phrase (5.c of sets 4, 7–25) nothing is
    /// added.
    #[test]
    fn qd148_2023_story_criteria_apply_only_with_a_story() {
        let e = Embedded::find("qd148-2023").unwrap().load();
        let mut expected = Vec::new();
        for n in 1..=25u8 {
            expected.push((n, "5.b".to_string(), "5.a".to_string()));
            if [1, 2, 3, 5, 6].contains(&n) {
                expected.push((n, "5.c".to_string(), "5.a".to_string()));
            }
        }
        assert_eq!(conditional(&e), expected);
    }

    /// The decision recorded in docs/scoring.md ("Where the decision is silent"): 148's
    /// "Sở hữu trí tuệ****" marks the whole criterion, so from 4★ the members' mean on it
    /// must reach its lowest option (1 point: a registered trademark), not its top (2).
    #[test]
    fn qd148_whole_criterion_marker_is_met_by_the_lowest_option() {
        let e = Embedded::find("qd148-2023").unwrap().load();
        let mut n = 0;
        for set in e.sets() {
            for c in set.criteria() {
                let Some(m) = c.min_star else { continue };
                n += 1;
                assert_eq!(c.title, "Sở hữu trí tuệ", "set {}", set.number);
                assert_eq!(m.get(), 4);
                let leaf = &set.leaves[set.leaf_index(&c.code).unwrap()];
                let lowest = c.options.iter().map(|o| o.points).min().unwrap();
                assert_eq!(lowest, Points::whole(1), "set {} {}", set.number, c.code);
                assert!(leaf.max > lowest);
                assert_eq!(leaf.required, [None, Some(lowest), Some(lowest)]);
            }
        }
        assert_eq!(n, 26);
    }
}
