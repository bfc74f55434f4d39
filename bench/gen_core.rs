//! Synthetic OCOP batches that are valid under the real criteria, written as CSV.
//!
//! Shared by `examples/gen.rs` (the command-line generator) and `benches/scoring.rs` (which
//! generates its input in memory); both include this file with `#[path]`.
//!
//! Every value is derived from `(seed, product, member, criterion)` alone, never from the
//! order rows are written in: wide, long and shuffled outputs of one seed hold the same batch
//! (and score the same), and a row can be generated without generating the rows before it,
//! which is how `shuffle` streams a random order in constant memory.
//!
//! The model: each product has a latent quality in [0, 1]; each criterion of the product varies
//! a little around it; each member adds a small personal bias and a little noise per criterion
//! and ticks the allowed option nearest to the result. Members therefore agree within a few
//! points, as a council does.

#![allow(dead_code)] // each includer uses part of it

use std::cmp::Ordering;
use std::io::{self, Write};

use ocop::criteria::{CriteriaSet, Leaf};
use ocop::points::Points;
use rand::rngs::SmallRng;
use rand::{RngExt, SeedableRng};

/// The CSV shape.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// One row per product per member, a column per criterion.
    Wide,
    /// One row per product × member × criterion.
    Long,
}

/// What to generate.
#[derive(Debug, Clone)]
pub struct Spec {
    pub products: u64,
    pub assessors: u32,
    pub seed: u64,
    pub format: Format,
    /// Rows in a random order instead of grouped by product.
    pub shuffle: bool,
    /// Product ids are `{id_prefix}-000001`, …
    pub id_prefix: String,
}

/// Share of products with a `disqualified` reason.
pub const DISQUALIFIED_RATE: f64 = 0.01;

/// Share of products whose dossier meets every marker of the band their quality aims at.
pub const MEETS_MARKERS_RATE: f64 = 0.85;

const PRODUCTS: &[&str] = &[
    "Trà hoa vàng",
    "Mật ong rừng",
    "Nước mắm",
    "Miến dong",
    "Bánh gai",
    "Chè Shan tuyết",
    "Rượu mơ",
    "Gạo nếp cái hoa vàng",
    "Chả mực",
    "Sá sùng khô",
    "Ba kích tím",
    "Dầu lạc",
    "Bánh cuốn",
    "Hồng không hạt",
    "Na dai",
    "Vải thiều",
    "Cao sâm",
    "Tinh dầu quế",
    "Nấm linh chi",
    "Bột sắn dây",
    "Mắm ruốc",
    "Tôm khô",
    "Gà đồi",
    "Trà túi lọc",
    "Măng khô",
    "Hạt điều rang muối",
    "Cà phê bột",
    "Bánh đa",
    "Giò chả",
    "Rượu ba kích",
];

const PLACES: &[&str] = &[
    "Ba Chẽ",
    "Tiên Yên",
    "Đầm Hà",
    "Vân Đồn",
    "Cô Tô",
    "Hạ Long",
    "Móng Cái",
    "Quảng Yên",
    "Đông Triều",
    "Uông Bí",
    "Bình Liêu",
    "Hải Hà",
    "Cẩm Phả",
    "Hoành Bồ",
];

const SURNAMES: &[&str] = &[
    "Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ",
    "Hồ", "Ngô", "Dương", "Lý",
];

const MIDDLE: &[&str] = &["Văn", "Thị", "Đức", "Minh", "Quốc", "Thanh", "Ngọc", "Hữu"];

const GIVEN: &[&str] = &[
    "Hùng", "Mai", "Bảo", "Hà", "Lan", "Hương", "Tuấn", "Dũng", "Hải", "Long", "Nam", "Thảo",
    "Trang", "Linh", "Phương", "Sơn", "Thắng", "Yến", "Hiền", "Khánh", "Quang", "Trung", "Vân",
    "Cường", "Hạnh", "Oanh", "Đạt", "Thủy", "Giang", "Bình",
];

const DISQUALIFIED: &[&str] = &[
    "Giả mạo hồ sơ",
    "Không có giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm",
    "Sản phẩm không đạt chỉ tiêu an toàn thực phẩm",
    "Không tuân thủ quy định về nhãn hàng hóa",
];

/// A member's name: distinct for every `i`.
pub fn member_name(i: u64, out: &mut String) {
    let (s, m, g) = (
        SURNAMES.len() as u64,
        MIDDLE.len() as u64,
        GIVEN.len() as u64,
    );
    let pool = s * m * g;
    out.clear();
    out.push_str(SURNAMES[(i % s) as usize]);
    out.push(' ');
    out.push_str(MIDDLE[((i / s) % m) as usize]);
    out.push(' ');
    out.push_str(GIVEN[((i / (s * m)) % g) as usize]);
    if i >= pool {
        out.push_str(&format!(" {}", i / pool + 1));
    }
}

/// SplitMix64's finaliser: a good 64-bit mix, used as a counter-based generator.
fn mix(mut z: u64) -> u64 {
    z = z.wrapping_add(0x9E37_79B9_7F4A_7C15);
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

fn key(seed: u64, parts: &[u64]) -> u64 {
    parts.iter().fold(mix(seed), |h, &p| mix(h ^ p))
}

/// A uniform number in [0, 1) from a key.
fn unit(k: u64) -> f64 {
    (k >> 11) as f64 * (1.0 / (1u64 << 53) as f64)
}

/// A uniform number in [-1, 1) from a key.
fn signed(k: u64) -> f64 {
    unit(k) * 2.0 - 1.0
}

/// A scored criterion, ready for generation.
struct LeafPlan {
    code: String,
    max: f64,
    /// The options a member ticks (the printed ones; 0 and the maximum for a yes/no item),
    /// ascending, and as written.
    options: Vec<f64>,
    text: Vec<String>,
    /// The minimum points for 3★, 4★, 5★ (the markers).
    required: [Option<f64>; 3],
    /// The leaf this one applies only after (5.2 needs a story, 5.1 > 0): a member who
    /// ticks 0 there ticks 0 here.
    applies_if: Option<usize>,
}

impl LeafPlan {
    fn new(set: &CriteriaSet, leaf: &Leaf) -> LeafPlan {
        let printed: Vec<Points> = set
            .criterion(&leaf.code)
            .map(|c| c.options.iter().map(|o| o.points).collect())
            .unwrap_or_default();
        // Every printed option is allowed; keep the allowed order (ascending, no repeats).
        let mut options: Vec<Points> = leaf
            .allowed
            .iter()
            .copied()
            .filter(|p| printed.contains(p))
            .collect();
        if options.is_empty() {
            options = leaf.allowed.clone();
        }
        // A conditional criterion must be able to say "does not apply": 0 (always allowed).
        if leaf.applies_if.is_some() && !options.contains(&Points::ZERO) {
            options.insert(0, Points::ZERO);
        }
        let f = |p: Points| f64::from(p.hundredths()) / 100.0;
        LeafPlan {
            code: leaf.code.clone(),
            max: f(leaf.max),
            options: options.iter().map(|&p| f(p)).collect(),
            text: options.iter().map(|p| p.to_string()).collect(),
            required: leaf.required.map(|r| r.map(f)),
            applies_if: leaf.applies_if,
        }
    }

    /// The option nearest to `target` points (the lower one on a tie).
    fn choose(&self, target: f64) -> usize {
        let mut best = 0;
        for (i, &a) in self.options.iter().enumerate() {
            if (a - target).abs() < (self.options[best] - target).abs() {
                best = i;
            }
        }
        best
    }
}

struct SetPlan {
    number: u8,
    leaves: Vec<LeafPlan>,
    /// Wide: for each criterion column of the header, the leaf it holds in this set.
    columns: Vec<Option<usize>>,
    /// Rows of one product.
    rows: u64,
}

/// One product's identity, derived from the seed and its position.
struct ProductData {
    set: usize,
    quality: f64,
    /// The marker levels the product's dossier is built to meet: 0 none, 1 for 3★, 2 for
    /// 3★ and 4★, 3 for all. Most products that reach a band meet its markers.
    meets: usize,
    name: String,
    producer: String,
    disqualified: Option<&'static str>,
    /// Index of the product's first member in the name pool (the council).
    council: u64,
}

/// A generator for one spec over some sets.
pub struct Generator {
    spec: Spec,
    sets: Vec<SetPlan>,
    /// Wide: the criterion columns, in natural code order.
    columns: Vec<String>,
    /// Rows of one round-robin cycle (one product of each set), and their prefix sums.
    cycle: u64,
    prefix: Vec<u64>,
}

/// Orders criterion codes as a person would: `1.2` < `1.10` < `2` < `6.1` < `6.1.1`.
pub fn natural(a: &str, b: &str) -> Ordering {
    let mut x = a.split('.');
    let mut y = b.split('.');
    loop {
        match (x.next(), y.next()) {
            (None, None) => return Ordering::Equal,
            (None, Some(_)) => return Ordering::Less,
            (Some(_), None) => return Ordering::Greater,
            (Some(p), Some(q)) => {
                let o = match (p.parse::<u64>(), q.parse::<u64>()) {
                    (Ok(m), Ok(n)) => m.cmp(&n),
                    (Ok(_), Err(_)) => Ordering::Less,
                    (Err(_), Ok(_)) => Ordering::Greater,
                    (Err(_), Err(_)) => p.cmp(q),
                };
                if o != Ordering::Equal {
                    return o;
                }
            }
        }
    }
}

impl Generator {
    /// `sets` are used round-robin: product `i` is under `sets[i % sets.len()]`.
    pub fn new(sets: &[&CriteriaSet], spec: Spec) -> Generator {
        assert!(!sets.is_empty(), "at least one set");
        assert!(spec.assessors > 0, "at least one assessor");
        let mut columns: Vec<String> = Vec::new();
        for s in sets {
            for l in &s.leaves {
                if !columns.contains(&l.code) {
                    columns.push(l.code.clone());
                }
            }
        }
        columns.sort_by(|a, b| natural(a, b));
        let a = u64::from(spec.assessors);
        let plans: Vec<SetPlan> = sets
            .iter()
            .map(|s| {
                let leaves: Vec<LeafPlan> = s.leaves.iter().map(|l| LeafPlan::new(s, l)).collect();
                let cols = columns
                    .iter()
                    .map(|c| leaves.iter().position(|l| &l.code == c))
                    .collect();
                let rows = match spec.format {
                    Format::Wide => a,
                    Format::Long => a * leaves.len() as u64,
                };
                SetPlan {
                    number: s.number,
                    leaves,
                    columns: cols,
                    rows,
                }
            })
            .collect();
        let mut prefix = vec![0];
        for p in &plans {
            prefix.push(prefix.last().unwrap() + p.rows);
        }
        Generator {
            spec,
            cycle: *prefix.last().unwrap(),
            prefix,
            sets: plans,
            columns,
        }
    }

    /// Data rows the output will have (not counting the header).
    pub fn rows(&self) -> u64 {
        let n = self.sets.len() as u64;
        let full = self.spec.products / n;
        let rest = (self.spec.products % n) as usize;
        full * self.cycle + self.prefix[rest]
    }

    /// The header's names.
    pub fn header(&self) -> Vec<String> {
        let mut h: Vec<String> = ["product_id", "product_name", "producer", "set", "assessor"]
            .map(String::from)
            .to_vec();
        match self.spec.format {
            Format::Wide => h.extend(self.columns.iter().cloned()),
            Format::Long => h.extend(["criterion", "points"].map(String::from)),
        }
        h.push("disqualified".into());
        h
    }

    fn product(&self, p: u64) -> ProductData {
        let mut rng = SmallRng::seed_from_u64(key(self.spec.seed, &[p, 1]));
        // The mean of three uniforms: a bell over [0, 1], centred on 0.5.
        let bell = (rng.random::<f64>() + rng.random::<f64>() + rng.random::<f64>()) / 3.0;
        let quality = 0.23 + 0.75 * bell;
        let kind = PRODUCTS[rng.random_range(0..PRODUCTS.len())];
        let place = PLACES[rng.random_range(0..PLACES.len())];
        let producer = match rng.random_range(0..4u8) {
            0 => format!("HTX {kind} {place}"),
            1 => format!("Công ty TNHH {kind} {place}"),
            2 => format!("Cơ sở sản xuất {kind} {place}"),
            _ => {
                let mut owner = String::new();
                member_name(rng.random_range(0..3840), &mut owner);
                format!("Hộ kinh doanh {owner}")
            }
        };
        // The band the quality aims at (with a little margin), and whether the dossier has
        // what that band's markers ask for (certificates, a brand, …): most do.
        let aim = match quality + 0.03 {
            q if q >= 0.9 => 3,
            q if q >= 0.7 => 2,
            q if q >= 0.5 => 1,
            _ => 0,
        };
        let meets = if rng.random_bool(MEETS_MARKERS_RATE) {
            aim
        } else {
            rng.random_range(0..=aim)
        };
        let disqualified = rng
            .random_bool(DISQUALIFIED_RATE)
            .then(|| DISQUALIFIED[rng.random_range(0..DISQUALIFIED.len())]);
        // A handful of councils (one per district), each scoring a run of products.
        let council = (p / 40) % 6 * u64::from(self.spec.assessors);
        ProductData {
            set: (p % self.sets.len() as u64) as usize,
            quality,
            meets,
            name: format!("{kind} {place}"),
            producer,
            disqualified,
            council,
        }
    }

    /// The option member `m` ticks on leaf `l` of product `p`.
    fn choice(&self, p: u64, d: &ProductData, m: u32, l: usize) -> usize {
        let seed = self.spec.seed;
        let leaf = &self.sets[d.set].leaves[l];
        if let Some(j) = leaf.applies_if
            && self.sets[d.set].leaves[j].options[self.choice(p, d, m, j)] == 0.0
        {
            return 0;
        }
        // The product is stronger on some criteria than others…
        let mut truth =
            (d.quality + 0.10 * signed(key(seed, &[p, 2, l as u64]))).clamp(0.0, 1.0) * leaf.max;
        // …and meets the markers its dossier was built for…
        for r in leaf.required[..d.meets].iter().flatten() {
            truth = truth.max(*r);
        }
        // …each member is a little stricter or kinder, and hesitates a little on each.
        let bias = 0.03 * signed(key(seed, &[p, 3, u64::from(m)]));
        let noise = 0.05 * signed(key(seed, &[p, 4, u64::from(m), l as u64]));
        leaf.choose(truth + (bias + noise) * leaf.max)
    }

    /// Writes the header and every row; returns the number of data rows.
    pub fn write(&self, out: &mut dyn Write) -> io::Result<u64> {
        write_record(out, self.header().iter().map(String::as_str))?;
        let total = self.rows();
        let mut name = String::new();
        if self.spec.shuffle {
            let perm = Permutation::new(total, self.spec.seed);
            for k in 0..total {
                let (p, m, l) = self.locate(perm.get(k));
                let d = self.product(p);
                self.row(out, p, &d, m, l, &mut name)?;
            }
        } else {
            for p in 0..self.spec.products {
                let d = self.product(p);
                let leaves = self.sets[d.set].leaves.len();
                for m in 0..self.spec.assessors {
                    match self.spec.format {
                        Format::Wide => self.row(out, p, &d, m, 0, &mut name)?,
                        Format::Long => {
                            for l in 0..leaves {
                                self.row(out, p, &d, m, l, &mut name)?;
                            }
                        }
                    }
                }
            }
        }
        Ok(total)
    }

    /// Everything in memory (benchmarks, tests).
    pub fn to_vec(&self) -> Vec<u8> {
        let mut v = Vec::new();
        self.write(&mut v).expect("writing to memory");
        v
    }

    /// Row `r` of the grouped order: (product, member, leaf; leaf is 0 for wide rows).
    fn locate(&self, r: u64) -> (u64, u32, usize) {
        let n = self.sets.len() as u64;
        let (cycle, off) = (r / self.cycle, r % self.cycle);
        let s = self.prefix.partition_point(|&x| x <= off) - 1;
        let p = cycle * n + s as u64;
        let within = off - self.prefix[s];
        match self.spec.format {
            Format::Wide => (p, within as u32, 0),
            Format::Long => {
                let leaves = self.sets[s].leaves.len() as u64;
                (p, (within / leaves) as u32, (within % leaves) as usize)
            }
        }
    }

    fn row(
        &self,
        out: &mut dyn Write,
        p: u64,
        d: &ProductData,
        m: u32,
        l: usize,
        name: &mut String,
    ) -> io::Result<()> {
        let set = &self.sets[d.set];
        write!(out, "{}-{:06},", self.spec.id_prefix, p + 1)?;
        field(out, &d.name)?;
        out.write_all(b",")?;
        field(out, &d.producer)?;
        write!(out, ",{},", set.number)?;
        member_name(d.council + u64::from(m), name);
        field(out, name)?;
        match self.spec.format {
            Format::Wide => {
                for c in &set.columns {
                    out.write_all(b",")?;
                    if let Some(l) = *c {
                        let i = self.choice(p, d, m, l);
                        out.write_all(set.leaves[l].text[i].as_bytes())?;
                    }
                }
            }
            Format::Long => {
                let leaf = &set.leaves[l];
                let i = self.choice(p, d, m, l);
                write!(out, ",{},{}", leaf.code, leaf.text[i])?;
            }
        }
        out.write_all(b",")?;
        if let Some(r) = d.disqualified {
            field(out, r)?;
        }
        out.write_all(b"\n")
    }
}

/// A CSV field, quoted when it has to be.
fn field(out: &mut dyn Write, s: &str) -> io::Result<()> {
    if s.contains([',', '"', '\n', '\r']) || s.starts_with(' ') || s.ends_with(' ') {
        write!(out, "\"{}\"", s.replace('"', "\"\""))
    } else {
        out.write_all(s.as_bytes())
    }
}

fn write_record<'a>(out: &mut dyn Write, fields: impl Iterator<Item = &'a str>) -> io::Result<()> {
    for (i, f) in fields.enumerate() {
        if i > 0 {
            out.write_all(b",")?;
        }
        field(out, f)?;
    }
    out.write_all(b"\n")
}

/// A pseudo-random permutation of `0..n` in constant memory: a four-round Feistel network
/// over the smallest even power of two ≥ n, with cycle walking back into `0..n`.
struct Permutation {
    n: u64,
    half: u32,
    keys: [u64; 4],
}

impl Permutation {
    fn new(n: u64, seed: u64) -> Permutation {
        let bits = 64 - n.saturating_sub(1).leading_zeros();
        let half = bits.div_ceil(2);
        let keys = [1, 2, 3, 4].map(|r| key(seed, &[0x0FE1_57E1, r]));
        Permutation { n, half, keys }
    }

    fn round(&self, x: u64) -> u64 {
        let mask = (1u64 << self.half) - 1;
        let (mut l, mut r) = (x >> self.half, x & mask);
        for k in self.keys {
            let f = mix(r ^ k) & mask;
            (l, r) = (r, l ^ f);
        }
        (l << self.half) | r
    }

    fn get(&self, i: u64) -> u64 {
        debug_assert!(i < self.n);
        let mut x = self.round(i);
        while x >= self.n {
            x = self.round(x);
        }
        x
    }
}

#[cfg(test)]
mod tests {
    #[allow(unused_imports)] // a bench target compiles this module without its tests
    use super::*;

    #[test]
    fn permutation_is_a_bijection() {
        for n in [1u64, 2, 3, 5, 16, 17, 1000, 4097] {
            let p = Permutation::new(n, 9);
            let mut seen = vec![false; n as usize];
            for i in 0..n {
                let x = p.get(i) as usize;
                assert!(!seen[x]);
                seen[x] = true;
            }
        }
    }

    #[test]
    fn member_names_are_distinct() {
        let mut seen = std::collections::HashSet::new();
        let mut s = String::new();
        for i in 0..10_000 {
            member_name(i, &mut s);
            assert!(seen.insert(s.clone()), "{s}");
        }
    }

    /// A member who gives a conditional criterion's condition 0 (no product story, 5.1)
    /// gives the criterion 0 too (5.2): the generator once wrote 5.2 > 0 with 5.1 = 0,
    /// which `ocop` rightly refuses, about once in a 1M-row batch.
    #[test]
    fn regression_conditional_criterion_scored_without_its_condition() {
        use ocop::criteria::embedded::Embedded;
        let edition = Embedded::find("qd26-2026").unwrap().load();
        // The batch that showed it: set 6, 200,000 products, seed 1 (line 633,831).
        let sets = vec![edition.set("6").unwrap()];
        let spec = Spec {
            products: 200_000,
            assessors: 5,
            seed: 1,
            format: Format::Wide,
            shuffle: false,
            id_prefix: "T".into(),
        };
        let g = Generator::new(&sets, spec);
        let mut conditional = 0;
        for p in 0..200_000 {
            let d = g.product(p);
            for (l, leaf) in g.sets[d.set].leaves.iter().enumerate() {
                let Some(j) = leaf.applies_if else { continue };
                conditional += 1;
                for m in 0..5 {
                    let cond = g.sets[d.set].leaves[j].options[g.choice(p, &d, m, j)];
                    let this = leaf.options[g.choice(p, &d, m, l)];
                    assert!(cond > 0.0 || this == 0.0, "product {p} member {m}");
                }
            }
        }
        assert!(conditional > 0);
    }
}
