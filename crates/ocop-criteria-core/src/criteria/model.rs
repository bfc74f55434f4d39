//! The criteria model: an `Edition` (one legal instrument, e.g. Quyết định 26/2026/QĐ-TTg)
//! holds its star bands and its criteria sets (bộ sản phẩm). Plain data with lookups; it is
//! built and validated by `load`, and serialised (JSON for users, postcard for the embedded
//! editions) as it stands.

use std::fmt;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::points::Points;

/// A star level, 1–5 (hạng sao).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Stars(u8);

impl Stars {
    pub const ONE: Stars = Stars(1);
    pub const THREE: Stars = Stars(3);
    pub const FIVE: Stars = Stars(5);

    pub const fn new(n: u8) -> Option<Stars> {
        if n >= 1 && n <= 5 {
            Some(Stars(n))
        } else {
            None
        }
    }

    pub const fn get(self) -> u8 {
        self.0
    }

    /// The next level up, if any.
    pub fn next(self) -> Option<Stars> {
        Stars::new(self.0 + 1)
    }

    /// Levels that carry minimum-level markers (***, ****, *****).
    pub const MARKED: [Stars; 3] = [Stars(3), Stars(4), Stars(5)];
}

impl Stars {
    /// The number of stars, into any text sink (as [`Display`](fmt::Display) writes it).
    pub fn write_to<W: fmt::Write>(self, w: &mut W) -> fmt::Result {
        w.write_str(itoa::Buffer::new().format(self.0))
    }
}

impl fmt::Display for Stars {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.write_to(f)
    }
}

/// One legal instrument's criteria: its description and bands (`meta`) and its sets.
///
/// Sets are held in slots: an edition read from a file has every set built; an embedded
/// edition decodes a set the first time it is asked for, so a batch pays only for the sets
/// it uses.
#[derive(Debug)]
pub struct Edition {
    pub meta: EditionMeta,
    slots: Vec<SetSlot>,
    /// Every criterion code of every set, lower-cased, sorted: the column names of criteria.
    codes: Vec<String>,
}

/// What an edition says about itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EditionMeta {
    pub id: String,
    pub decision: String,
    /// Date of the decision, `YYYY-MM-DD`.
    pub date: String,
    pub title: String,
    pub title_en: Option<String>,
    pub appendix: Option<String>,
    /// The maximum total (100).
    pub total: Points,
    /// Lower bounds of 1★…5★; each band runs up to, not including, the next (Điều 3.3).
    pub bands: [Points; 5],
    pub bands_text: Option<String>,
    pub star_legend: Option<String>,
    pub source: Option<String>,
    pub notes: Vec<String>,
}

/// A set's identity, known without decoding the set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SetSummary {
    pub number: u8,
    pub code: String,
    pub name: String,
    pub name_en: Option<String>,
    pub status: SetStatus,
    /// Number of scored criteria.
    pub criteria: usize,
}

#[derive(Debug)]
struct SetSlot {
    summary: SetSummary,
    set: OnceLock<CriteriaSet>,
    /// Postcard bytes of the set, for a set not decoded yet.
    encoded: &'static [u8],
}

impl Edition {
    /// An edition whose sets are all built.
    pub fn new(meta: EditionMeta, sets: Vec<CriteriaSet>) -> Edition {
        let mut codes: Vec<String> = sets
            .iter()
            .flat_map(|s| s.criteria())
            .map(|c| c.code.to_lowercase())
            .collect();
        codes.sort();
        codes.dedup();
        let slots = sets
            .into_iter()
            .map(|set| SetSlot {
                summary: set.summary(),
                set: OnceLock::from(set),
                encoded: &[],
            })
            .collect();
        Edition { meta, slots, codes }
    }

    /// An edition whose sets are decoded on first use from postcard bytes (see `embedded`).
    pub fn lazy(
        meta: EditionMeta,
        codes: Vec<String>,
        sets: Vec<(SetSummary, &'static [u8])>,
    ) -> Edition {
        let slots = sets
            .into_iter()
            .map(|(summary, encoded)| SetSlot {
                summary,
                set: OnceLock::new(),
                encoded,
            })
            .collect();
        Edition { meta, slots, codes }
    }

    /// Every criterion code of every set, lower-cased and sorted.
    pub fn codes(&self) -> &[String] {
        &self.codes
    }

    /// Whether `key` (lower-cased) is the code of a criterion in some set.
    pub fn is_code(&self, key: &str) -> bool {
        self.codes.binary_search_by(|c| c.as_str().cmp(key)).is_ok()
    }

    pub fn id(&self) -> &str {
        &self.meta.id
    }

    /// The sets' identities, in set-number order, without decoding them.
    pub fn summaries(&self) -> impl ExactSizeIterator<Item = &SetSummary> {
        self.slots.iter().map(|s| &s.summary)
    }

    /// Every set, in set-number order.
    pub fn sets(&self) -> impl ExactSizeIterator<Item = &CriteriaSet> {
        (0..self.slots.len()).map(|i| self.set_at(i))
    }

    /// The set at a position of [`Edition::summaries`].
    pub fn set_at(&self, index: usize) -> &CriteriaSet {
        let slot = &self.slots[index];
        slot.set.get_or_init(|| {
            let mut set: CriteriaSet = postcard::from_bytes(slot.encoded)
                .expect("embedded sets are encoded by build.rs from these types");
            set.leaves = super::load::derive_leaves(&set.parts);
            set
        })
    }

    /// Finds a set by its number (`6`, `06`) or its classification code (`I.3.b`, any case).
    pub fn set(&self, query: &str) -> Option<&CriteriaSet> {
        self.set_index(query).map(|i| self.set_at(i))
    }

    /// Position of the set named by `query` (see [`Edition::set`]).
    pub fn set_index(&self, query: &str) -> Option<usize> {
        let q = query.trim();
        if let Ok(n) = q.parse::<u32>() {
            return self
                .slots
                .iter()
                .position(|s| u32::from(s.summary.number) == n);
        }
        self.slots
            .iter()
            .position(|s| s.summary.code.eq_ignore_ascii_case(q))
    }

    /// The band a mean total falls in. `sum` is the sum of `members` totals, compared exactly.
    pub fn band(&self, sum: u64, members: u64) -> Stars {
        let mut stars = Stars::ONE;
        for (i, lower) in self.meta.bands.iter().enumerate() {
            if sum >= u64::from(lower.0) * members {
                stars = Stars(i as u8 + 1);
            }
        }
        stars
    }

    /// The lowest total of a star level's band.
    pub fn band_floor(&self, stars: Stars) -> Points {
        self.meta.bands[usize::from(stars.0 - 1)]
    }
}

impl Serialize for Edition {
    /// The whole model: the meta fields, then `sets` in full.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct View<'a> {
            #[serde(flatten)]
            meta: &'a EditionMeta,
            sets: Vec<&'a CriteriaSet>,
        }
        View {
            meta: &self.meta,
            sets: self.sets().collect(),
        }
        .serialize(s)
    }
}

/// Whether a set can be trusted and scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SetStatus {
    /// Checked against the decision's text.
    Verified,
    /// Scored, with a notice that it could not be checked against an official text.
    Unverified,
    /// Known not to add up: refused, never repaired by guesswork.
    Incomplete,
}

impl SetStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            SetStatus::Verified => "verified",
            SetStatus::Unverified => "unverified",
            SetStatus::Incomplete => "incomplete",
        }
    }
}

/// A criteria set (bộ sản phẩm): one product kind's sheet.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CriteriaSet {
    pub number: u8,
    /// Product classification code from Phụ lục I (I.3.b, VI.1, …).
    pub code: String,
    pub name: String,
    pub name_en: Option<String>,
    pub heading: Option<String>,
    pub product_line: Option<String>,
    pub classification: Option<Classification>,
    pub status: SetStatus,
    pub status_note: Option<String>,
    /// The decision's notes: knock-out conditions ("Hồ sơ bị loại khi …"), the star legend.
    pub notes: Vec<String>,
    pub editor_notes: Vec<String>,
    pub parts: Vec<Part>,
    /// The scored criteria, flattened in sheet order (derived at load).
    #[serde(skip)]
    pub leaves: Vec<Leaf>,
}

impl CriteriaSet {
    /// Index into `leaves` of the scored criterion with this code.
    pub fn leaf_index(&self, code: &str) -> Option<usize> {
        self.leaves.iter().position(|l| l.code == code)
    }

    /// Number of criteria a member scores.
    pub fn leaf_count(&self) -> usize {
        self.leaves.len()
    }

    pub fn is_scorable(&self) -> bool {
        self.status != SetStatus::Incomplete
    }

    /// Every criterion of the set, parents before their sub-criteria, in sheet order.
    pub fn criteria(&self) -> Vec<&Criterion> {
        fn walk<'a>(c: &'a Criterion, out: &mut Vec<&'a Criterion>) {
            out.push(c);
            for s in &c.sub {
                walk(s, out);
            }
        }
        let mut out = Vec::new();
        for c in self
            .parts
            .iter()
            .flat_map(|p| &p.sections)
            .flat_map(|s| &s.criteria)
        {
            walk(c, &mut out);
        }
        out
    }

    /// The criterion with this code (leaf or parent).
    pub fn criterion(&self, code: &str) -> Option<&Criterion> {
        self.criteria().into_iter().find(|c| c.code == code)
    }

    pub fn summary(&self) -> SetSummary {
        SetSummary {
            number: self.number,
            code: self.code.clone(),
            name: self.name.clone(),
            name_en: self.name_en.clone(),
            status: self.status,
            criteria: self.leaves.len(),
        }
    }

    /// Short display name, `6 (I.3.b) Chế biến từ gạo, ngũ cốc`.
    pub fn title(&self) -> String {
        format!("{} ({}) {}", self.number, self.code, self.name)
    }
}

/// Phụ lục I classification of a set.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Classification {
    pub nganh: String,
    pub nhom: String,
    pub phan_nhom: String,
    pub co_quan_chu_tri: String,
}

/// Part A, B or C (phần).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Part {
    pub id: String,
    pub title: String,
    pub name_en: Option<String>,
    pub max: Points,
    pub editor_note: Option<String>,
    pub sections: Vec<Section>,
}

/// A group of criteria (nhóm tiêu chí, "1. TỔ CHỨC SẢN XUẤT").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Section {
    pub code: String,
    pub title: String,
    pub name_en: Option<String>,
    pub max: Points,
    pub notes: Vec<String>,
    pub editor_notes: Vec<String>,
    /// Scored directly ("7. TÍNH ĐỘC ĐÁO"): `criteria` holds one criterion with the section's
    /// own code, title and maximum.
    pub direct: bool,
    pub criteria: Vec<Criterion>,
}

/// A criterion (tiêu chí). Leaves are scored; a parent is the sum of its sub-criteria.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Criterion {
    /// The code exactly as printed ("1.1", "6.1.2", "7").
    pub code: String,
    pub title: String,
    pub max: Points,
    pub notes: Vec<String>,
    pub editor_note: Option<String>,
    pub corrected_from: Option<String>,
    pub correction: Option<String>,
    /// A marker on the whole criterion: it must reach its lowest option for this many stars.
    pub min_star: Option<Stars>,
    /// The code of another scored criterion of the set: this one applies only when that one
    /// scores above 0 (26/2026, sets 1–25: 5.2 "Cấu trúc câu chuyện sản phẩm" — "Chỉ áp dụng
    /// khi có câu chuyện sản phẩm" — on 5.1). Validated at load: it names a scored criterion
    /// of the same set, not itself, and no chain of them loops.
    pub applies_if: Option<String>,
    pub scoring: Scoring,
    /// The options of a `choose_one` criterion, in printed order.
    pub options: Vec<Choice>,
    /// Alternative option ladders ("Lựa chọn một trong hai trường hợp sau", set 26).
    pub cases: Vec<Case>,
    /// The sub-criteria of a `sum_of_children` criterion (sets 11 and 13: 6.1 → 6.1.1, 6.1.2).
    pub sub: Vec<Criterion>,
}

/// How a criterion is scored.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Scoring {
    /// The member ticks one option (or none: 0 points).
    ChooseOne,
    /// No options printed: 0 or the maximum (e.g. 2.4, bilingual label).
    YesNo,
    /// The sum of its sub-criteria.
    SumOfChildren,
}

/// One alternative option ladder of a criterion.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Case {
    pub case: String,
    pub label: String,
}

/// An option (mức đánh giá) a member can tick.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Choice {
    pub points: Points,
    pub label: String,
    /// The decision's ***, ****, ***** sign: the minimum for that many stars.
    pub min_star: Option<Stars>,
    pub case: Option<String>,
    pub editor_note: Option<String>,
    pub corrected_from: Option<String>,
    pub correction: Option<String>,
}

/// A scored criterion as the scoring needs it, derived from the tree at load.
#[derive(Debug, Clone, PartialEq)]
pub struct Leaf {
    pub code: String,
    /// 0, 1, 2 for parts A, B, C.
    pub part: usize,
    pub max: Points,
    /// The points a member may give: 0 and every option's points, ascending, no repeats.
    pub allowed: Vec<Points>,
    /// Minimum mean points for 3★, 4★, 5★ (`None` where no marker applies).
    pub required: [Option<Points>; 3],
    /// Bit `d` is set when `d` whole points are allowed (`d` ≤ 9): the common cell, checked
    /// without a search.
    pub digits: u16,
    /// The criterion this one depends on, as an index into the set's `leaves`: this one
    /// applies only when that one scores above 0 (`Criterion::applies_if`). A member's sheet
    /// giving this one more than 0 while that one has 0 is inconsistent.
    pub applies_if: Option<usize>,
}

impl Leaf {
    pub fn is_allowed(&self, p: Points) -> bool {
        self.allowed.binary_search(&p).is_ok()
    }

    /// The minimum this criterion needs for `stars`, if a marker applies.
    pub fn required_for(&self, stars: Stars) -> Option<Points> {
        match stars.get() {
            3..=5 => self.required[usize::from(stars.get() - 3)],
            _ => None,
        }
    }

    /// The allowed values, written for a message: `0, 1, 2, 3`.
    pub fn allowed_list(&self) -> String {
        let v: Vec<String> = self.allowed.iter().map(Points::to_string).collect();
        v.join(", ")
    }
}
