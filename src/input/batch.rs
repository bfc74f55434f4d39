//! The batch: every product seen so far, stored compactly (text in an arena, the sums the
//! markers need in a slab, members as name ids and totals), so memory grows with products,
//! not rows. A batch read in parallel is made of shards, one per reader; `finish` merges the
//! products that straddle shards and checks what can only be checked at the end.

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::Arc;

use hashbrown::HashTable;
use smallvec::SmallVec;

use super::arena::{Arena, ChunkVec, SEP, Slab, Span};
use super::error::{Loc, Problems};
use crate::criteria::{CriteriaSet, Edition};
use crate::points::{Points, SCALE};

/// Where a row is: file position and line.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct At {
    pub file: u32,
    pub line: u64,
}

impl At {
    fn pack(self) -> u64 {
        (u64::from(self.file) << 48) | (self.line & ((1 << 48) - 1))
    }

    fn unpack(v: u64) -> At {
        At {
            file: (v >> 48) as u32,
            line: v & ((1 << 48) - 1),
        }
    }
}

/// One member's sheet, summed: points by part (hundredths), and each kept criterion's
/// points as `(slot, points)` (see [`Shard::slots`]).
#[derive(Debug, Clone, Default)]
pub struct Sheet {
    pub parts: [u32; 3],
    pub marked: SmallVec<[(u16, u32); 64]>,
}

/// What [`Shard::lookup`] found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lookup {
    Found(usize),
    New,
    /// The product exists under another set (a problem, reported).
    OtherSet,
}

/// The file a reader is reading, for messages.
#[derive(Debug, Clone)]
pub struct FileRef {
    pub index: u32,
    pub name: Arc<str>,
}

#[derive(Debug, Clone, Copy)]
struct Member {
    name: u32,
    total: u32,
}

#[derive(Debug, Clone)]
struct Product {
    /// The product id, then one field per carried column (product_name first).
    text: Span,
    at: u64,
    members: SmallVec<[Member; 5]>,
    /// Sums over members of parts A, B, C (hundredths).
    parts: [u32; 3],
    /// Slab position of the sums of the set's marked criteria.
    sums: u32,
    /// 1 + index of the first rejection reason in `reasons`, or 0.
    reasons: u32,
    /// Position of the set in the edition; the top bit marks a product merged into another.
    set: u16,
    /// Bytes of the id at the start of `text`.
    id_len: u16,
}

const MERGED: u16 = 0x8000;

impl Product {
    fn set(&self) -> usize {
        usize::from(self.set & !MERGED)
    }

    fn alive(&self) -> bool {
        self.set & MERGED == 0
    }

    fn id<'a>(&self, arena: &'a Arena) -> &'a str {
        &arena.get(self.text)[..usize::from(self.id_len)]
    }
}

/// The longest product id accepted, in bytes.
pub const MAX_ID: usize = 1000;

/// Per set: for each scored criterion, its position among the kept sums (or `NONE`): the
/// criteria with a marker, or all of them.
#[derive(Debug, Clone)]
struct Marked {
    slot: Box<[u16]>,
    count: usize,
    /// Sums are kept in units of this many hundredths (100 when every option is a whole
    /// number of points), so that they fit 16 bits.
    grain: u32,
}

const NONE: u16 = u16::MAX;

/// The slot of a criterion whose sum is not kept (see [`Shard::slots`]).
pub const NO_SLOT: u16 = NONE;

/// Adds each `(slot, points)` to its sum, in units of `units(points)`; true when a sum
/// overflows (it is then left as it was).
#[inline(always)]
fn add_units(sums: &mut [u16], marked: &[(u16, u32)], units: impl Fn(u32) -> u32) -> bool {
    let mut overflow = false;
    for &(slot, x) in marked {
        let add = u16::try_from(units(x)).unwrap_or(u16::MAX);
        match sums[usize::from(slot)].checked_add(add) {
            Some(v) => sums[usize::from(slot)] = v,
            None => overflow = true,
        }
    }
    overflow
}

fn gcd(a: u32, b: u32) -> u32 {
    if b == 0 { a } else { gcd(b, a % b) }
}

type Hasher = foldhash::fast::FixedState;

fn hasher() -> Hasher {
    foldhash::fast::FixedState::with_seed(0x0c0b_2026)
}

/// A product in the id index, with 32 bits of its id's hash: the index grows without
/// reading every id again (which would be a cache miss per product).
#[derive(Debug, Clone, Copy)]
struct Indexed {
    product: u32,
    hash: u32,
}

impl Indexed {
    /// What the table sees: the kept bits in both halves (it takes a control byte from the
    /// top and the bucket from the bottom).
    fn table_hash(hash: u32) -> u64 {
        (u64::from(hash) << 32) | u64::from(hash)
    }
}

/// What one reader accumulates.
#[derive(Debug)]
pub struct Shard<'e> {
    edition: &'e Edition,
    products: ChunkVec<Product>,
    index: HashTable<Indexed>,
    hash: Hasher,
    arena: Arena,
    slab: Slab,
    names: Vec<Box<str>>,
    name_index: HashMap<Box<str>, u32>,
    /// Rejection reasons: (text, 1 + next reason of the same product, or 0).
    reasons: Vec<(Span, u32)>,
    /// Long files: the criteria each (product, member) has scored, a bit per criterion.
    seen: HashMap<(u32, u32), SmallVec<[u64; 1]>>,
    marked: Vec<Option<Marked>>,
    /// Keep the sums of every criterion, not only the marked ones (for the JSON report).
    every_sum: bool,
    /// First row of a set whose columns are missing from a file.
    pub(crate) missing_columns: Vec<(u16, At, String)>,
    pub problems: Problems,
    files: Vec<Arc<str>>,
}

impl<'e> Shard<'e> {
    pub fn new(edition: &'e Edition, max_errors: usize) -> Shard<'e> {
        Shard {
            edition,
            products: ChunkVec::default(),
            index: HashTable::new(),
            hash: hasher(),
            arena: Arena::default(),
            slab: Slab::default(),
            names: Vec::new(),
            name_index: HashMap::new(),
            reasons: Vec::new(),
            seen: HashMap::new(),
            marked: vec![None; edition.summaries().len()],
            every_sum: true,
            missing_columns: Vec::new(),
            problems: Problems::new(max_errors),
            files: Vec::new(),
        }
    }

    pub fn edition(&self) -> &'e Edition {
        self.edition
    }

    fn loc(&self, file: &FileRef, at: At) -> Loc {
        Loc::line(file.index as usize, &file.name, at.line)
    }

    /// A location in any file of the batch (for "on line N of other.csv").
    fn loc_any(&self, at: At, here: &FileRef) -> Loc {
        if at.file == here.index {
            return self.loc(here, at);
        }
        let name = self
            .files
            .get(at.file as usize)
            .cloned()
            .unwrap_or_else(|| "?".into());
        Loc::line(at.file as usize, &name, at.line)
    }

    pub fn problem(
        &mut self,
        file: &FileRef,
        at: At,
        column: Option<&str>,
        message: impl Into<String>,
    ) {
        let loc = self.loc(file, at);
        self.problems.push(loc, column, message);
    }

    fn marked(&mut self, set: usize) -> &Marked {
        if self.marked[set].is_none() {
            let s = self.edition.set_at(set);
            let every = self.every_sum;
            let mut count = 0;
            let slot: Box<[u16]> = s
                .leaves
                .iter()
                .map(|l| {
                    if every || l.required.iter().any(Option::is_some) {
                        count += 1;
                        (count - 1) as u16
                    } else {
                        NONE
                    }
                })
                .collect();
            let grain = s
                .leaves
                .iter()
                .zip(slot.iter())
                .filter(|(_, s)| **s != NONE)
                .flat_map(|(l, _)| l.allowed.iter().map(|p| p.hundredths()))
                .fold(0, gcd)
                .max(1);
            self.marked[set] = Some(Marked { slot, count, grain });
        }
        self.marked[set].as_ref().expect("just computed")
    }

    /// 32 bits of the hash of a product id.
    fn id_hash(&self, id: &str) -> u32 {
        (self.hash.hash_one(id) >> 32) as u32
    }

    fn find(&self, id: &str) -> Option<usize> {
        let h = self.id_hash(id);
        self.index
            .find(Indexed::table_hash(h), |e| {
                e.hash == h && self.products[e.product as usize].id(&self.arena) == id
            })
            .map(|e| e.product as usize)
    }

    /// The id of a council member's name in this shard.
    pub fn member_id(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.name_index.get(name) {
            return i;
        }
        self.names.push(name.into());
        let i = (self.names.len() - 1) as u32;
        self.name_index.insert(name.into(), i);
        i
    }

    fn set_label(&self, set: usize) -> String {
        let s = self.edition.summaries().nth(set).expect("set position");
        format!("{} ({})", s.number, s.code)
    }

    /// The product with this id, if it exists. A product already under another set is a
    /// problem (reported here).
    pub fn lookup(
        &mut self,
        file: &FileRef,
        id: &str,
        set: usize,
        set_column: Option<&str>,
        at: At,
    ) -> Lookup {
        let Some(i) = self.find(id) else {
            return Lookup::New;
        };
        if self.products[i].set() != set {
            self.other_set(file, i, id, set, set_column, at);
            return Lookup::OtherSet;
        }
        Lookup::Found(i)
    }

    /// Reports a product met under another set than the one of its first row.
    fn other_set(
        &mut self,
        file: &FileRef,
        product: usize,
        id: &str,
        set: usize,
        column: Option<&str>,
        at: At,
    ) {
        let p = &self.products[product];
        let (first, first_set) = (At::unpack(p.at), p.set());
        let msg = format!(
            "product {id} is under set {} here, but under set {} on {}; one product is scored \
             against one set",
            self.set_label(set),
            self.set_label(first_set),
            self.loc_any(first, file).describe_from(&self.loc(file, at))
        );
        self.problem(file, at, column, msg);
    }

    /// A new product, at its first row, with the carried values that row gives
    /// (`(carried column, value)`); `None` if it cannot be stored.
    pub fn create(
        &mut self,
        file: &FileRef,
        id: &str,
        set: usize,
        carried: &[(u32, &str)],
        at: At,
    ) -> Option<usize> {
        if id.len() > MAX_ID {
            self.problem(
                file,
                at,
                None,
                format!("the product id is longer than {MAX_ID} bytes"),
            );
            return None;
        }
        let width = carried
            .iter()
            .map(|(c, _)| *c as usize + 2)
            .max()
            .unwrap_or(1);
        let mut fields: SmallVec<[&str; 8]> = smallvec::smallvec![""; width];
        fields[0] = id;
        for &(c, v) in carried {
            fields[c as usize + 1] = v;
        }
        let Ok(text) = self.arena.push(&fields) else {
            self.problem(
                file,
                at,
                None,
                "too much distinct product text for one run (4 GiB)",
            );
            return None;
        };
        let count = self.marked(set).count;
        let sums = self.slab.alloc(count);
        let i = self.products.len();
        self.products.push(Product {
            text,
            at: at.pack(),
            members: SmallVec::new(),
            parts: [0; 3],
            sums,
            reasons: 0,
            set: set as u16,
            id_len: id.len() as u16,
        });
        let hash = self.id_hash(id);
        self.index.insert_unique(
            Indexed::table_hash(hash),
            Indexed {
                product: i as u32,
                hash,
            },
            |e| Indexed::table_hash(e.hash),
        );
        Some(i)
    }

    /// The set a product is scored against.
    pub fn product_set(&self, product: usize) -> &'e CriteriaSet {
        self.edition.set_at(self.products[product].set())
    }

    fn duplicate(&mut self, file: &FileRef, product: usize, member: &str, column: &str, at: At) {
        let first = At::unpack(self.products[product].at);
        let msg = format!(
            "{member} has already scored product {} (its rows start on {}); each member scores \
             a product once",
            self.products[product].id(&self.arena),
            self.loc_any(first, file).describe_from(&self.loc(file, at))
        );
        self.problem(file, at, Some(column), msg);
    }

    fn add_sums(
        &mut self,
        file: &FileRef,
        product: usize,
        at: At,
        parts: [u32; 3],
        marked: &[(u16, u32)],
    ) {
        let p = &mut self.products[product];
        let mut overflow = false;
        for (s, x) in p.parts.iter_mut().zip(parts) {
            match s.checked_add(x) {
                Some(v) => *s = v,
                None => overflow = true,
            }
        }
        let (count, grain) = self.marked[p.set()]
            .as_ref()
            .map_or((0, 1), |m| (m.count, m.grain));
        let sums = self.slab.get_mut(p.sums, count);
        // Whole points (every official edition) divide by a constant, which is a
        // multiplication: a loop of its own, so that the compiler keeps it one.
        overflow |= if grain == SCALE {
            add_units(sums, marked, |x| x / SCALE)
        } else {
            add_units(sums, marked, |x| x / grain)
        };
        if overflow {
            self.problem(
                file,
                at,
                None,
                "too many members for one product: the sums overflow",
            );
        }
    }

    /// A wide row's points summed into a [`Sheet`]; `points[i]` is for the set's i-th scored
    /// criterion.
    pub fn sum_sheet(&self, set_index: usize, points: &[u32]) -> Sheet {
        let set = self.edition.set_at(set_index);
        let slots = &self.marked[set_index]
            .as_ref()
            .expect("computed when the product was created")
            .slot;
        let mut sheet = Sheet::default();
        for ((leaf, &p), &slot) in set.leaves.iter().zip(points).zip(slots.iter()) {
            sheet.parts[leaf.part] += p;
            if slot != NONE {
                sheet.marked.push((slot, p));
            }
        }
        sheet
    }

    /// A member's whole sheet (a wide row), added to the product; a member who already
    /// scored it is reported in `column`.
    pub fn add_sheet(
        &mut self,
        file: &FileRef,
        product: usize,
        name: u32,
        column: &str,
        at: At,
        sheet: &Sheet,
    ) {
        if self.products[product]
            .members
            .iter()
            .any(|m| m.name == name)
        {
            let member = self.names[name as usize].to_string();
            self.duplicate(file, product, &member, column, at);
            return;
        }
        let total = sheet.parts.iter().sum();
        self.products[product].members.push(Member { name, total });
        self.add_sums(file, product, at, sheet.parts, &sheet.marked);
    }

    /// For each scored criterion of a set, its slot among a product's kept sums, or
    /// [`NO_SLOT`] when the batch does not keep its sum.
    pub fn slots(&mut self, set: usize) -> &[u16] {
        &self.marked(set).slot
    }

    /// A long row: one member's points on one criterion (`leaf`: position in the set).
    #[allow(clippy::too_many_arguments)]
    pub fn add_point(
        &mut self,
        file: &FileRef,
        product: usize,
        name: u32,
        leaf: usize,
        points: u32,
        at: At,
        criterion_column: &str,
        assessor_column: &str,
    ) {
        let member = &self.names[name as usize].to_string();
        let set = self.product_set(product);
        let words = set.leaves.len().div_ceil(64);
        let key = (product as u32, name);
        let known = self.products[product]
            .members
            .iter()
            .position(|m| m.name == name);
        match (known, self.seen.contains_key(&key)) {
            (Some(_), false) => {
                // Scored as a whole sheet in a wide file already: say so once.
                self.seen.insert(key, SmallVec::from_elem(u64::MAX, words));
                self.duplicate(file, product, member, assessor_column, at);
                return;
            }
            (None, _) => {
                self.products[product]
                    .members
                    .push(Member { name, total: 0 });
                self.seen.insert(key, SmallVec::from_elem(0, words));
            }
            _ => {}
        }
        let bits = self.seen.get_mut(&key).expect("inserted");
        let (w, bit) = (leaf / 64, 1u64 << (leaf % 64));
        if bits[w] & bit != 0 {
            if bits.iter().all(|&b| b == u64::MAX) {
                return; // a wide sheet already reported
            }
            let msg = format!(
                "{member} has already given points on {} for product {}; one row per criterion",
                set.leaves[leaf].code,
                self.products[product].id(&self.arena),
            );
            self.problem(file, at, Some(criterion_column), msg);
            return;
        }
        bits[w] |= bit;
        let m = self.products[product]
            .members
            .iter_mut()
            .find(|m| m.name == name)
            .expect("member");
        m.total += points;
        let slot = self.marked(self.products[product].set()).slot[leaf];
        let mut parts = [0; 3];
        parts[set.leaves[leaf].part] = points;
        let marked: SmallVec<[(u16, u32); 1]> = if slot == NONE {
            SmallVec::new()
        } else {
            smallvec::smallvec![(slot, points)]
        };
        self.add_sums(file, product, at, parts, &marked);
    }

    /// Whether carried column `column` of the product holds exactly these bytes already.
    pub fn carried_is(&self, product: usize, column: u32, raw: &[u8]) -> bool {
        self.arena
            .field(self.products[product].text, column as usize + 1)
            .as_bytes()
            == raw
    }

    /// A carried column's value (`column` 0 is `product_name`); a different value on
    /// another row is a problem.
    pub fn set_carried(
        &mut self,
        file: &FileRef,
        product: usize,
        column: u32,
        name: &str,
        value: &str,
        at: At,
    ) {
        let text = self.products[product].text;
        let record = self.arena.get(text);
        let field = column as usize + 1;
        let current = record.split(SEP).nth(field).unwrap_or("");
        if current == value {
            return;
        }
        if !current.is_empty() {
            let first = At::unpack(self.products[product].at);
            let msg = format!(
                "{value:?} differs from {current:?} given for product {} (its rows start on {})",
                self.products[product].id(&self.arena),
                self.loc_any(first, file).describe_from(&self.loc(file, at))
            );
            self.problem(file, at, Some(name), msg);
            return;
        }
        let mut fields: Vec<&str> = record.split(SEP).collect();
        if fields.len() <= field {
            fields.resize(field + 1, "");
        }
        fields[field] = value;
        let fields: Vec<String> = fields.iter().map(|f| f.to_string()).collect();
        let refs: Vec<&str> = fields.iter().map(String::as_str).collect();
        match self.arena.push(&refs) {
            Ok(span) => self.products[product].text = span,
            Err(_) => self.problem(
                file,
                at,
                None,
                "too much distinct product text for one run (4 GiB)",
            ),
        }
    }

    /// Rule 5: text in the `disqualified` column rejects the dossier, with that reason.
    pub fn disqualify(&mut self, product: usize, reason: &str) {
        let mut link = self.products[product].reasons;
        let mut last = None;
        while link != 0 {
            let (span, next) = self.reasons[link as usize - 1];
            if self.arena.get(span) == reason {
                return;
            }
            last = Some(link as usize - 1);
            link = next;
        }
        let Ok(span) = self.arena.push(&[reason]) else {
            return;
        };
        self.reasons.push((span, 0));
        let new = self.reasons.len() as u32;
        match last {
            None => self.products[product].reasons = new,
            Some(i) => self.reasons[i].1 = new,
        }
    }

    /// Records that a file lacks columns of a set (reported once per file and set at the end).
    pub fn missing_columns(&mut self, set: usize, at: At, codes: String) {
        if !self
            .missing_columns
            .iter()
            .any(|(s, a, _)| usize::from(*s) == set && a.file == at.file)
        {
            self.missing_columns.push((set as u16, at, codes));
        }
    }

    /// Moves product `index` of `from` into this shard's product with the same id, if any.
    fn absorb(&mut self, from: &mut Shard<'e>, index: usize, carried_names: &[String]) {
        let id = from.products[index].id(&from.arena).to_string();
        let Some(p) = self.find(&id) else { return };
        let src = from.products[index].clone();
        from.products[index].set |= MERGED;
        let at = At::unpack(src.at);
        let file = FileRef {
            index: at.file,
            name: self
                .files
                .get(at.file as usize)
                .cloned()
                .unwrap_or_else(|| "?".into()),
        };
        if self.products[p].set != src.set {
            self.other_set(&file, p, &id, src.set(), Some(super::layout::SET), at);
            return;
        }
        let set = self.product_set(p);
        for m in &src.members {
            let name = from.names[m.name as usize].to_string();
            let local = self.member_id(&name);
            let theirs = from.seen.remove(&(index as u32, m.name));
            let mine_pos = self.products[p]
                .members
                .iter()
                .position(|x| x.name == local);
            match (mine_pos, theirs) {
                (None, theirs) => {
                    self.products[p].members.push(Member {
                        name: local,
                        total: m.total,
                    });
                    if let Some(bits) = theirs {
                        self.seen.insert((p as u32, local), bits);
                    }
                }
                (Some(i), Some(bits)) if self.seen.contains_key(&(p as u32, local)) => {
                    // A long file's rows of one member on both sides of the split.
                    let mine = self.seen.get_mut(&(p as u32, local)).expect("checked");
                    let overlap: Vec<usize> = (0..set.leaves.len())
                        .filter(|&l| mine[l / 64] & bits[l / 64] & (1 << (l % 64)) != 0)
                        .collect();
                    for (w, b) in mine.iter_mut().zip(bits.iter()) {
                        *w |= *b;
                    }
                    self.products[p].members[i].total += m.total;
                    for l in overlap {
                        let msg = format!(
                            "{name} has already given points on {} for product {id}; one row per criterion",
                            set.leaves[l].code
                        );
                        self.problem(&file, at, Some(super::layout::CRITERION), msg);
                    }
                }
                _ => self.duplicate(&file, p, &name, super::layout::ASSESSOR, at),
            }
        }
        let (count, grain) = {
            let m = self.marked(src.set());
            (m.count, m.grain)
        };
        let theirs: Vec<(u16, u32)> = from
            .slab
            .get(src.sums, count)
            .iter()
            .enumerate()
            .map(|(i, &v)| (i as u16, u32::from(v) * grain))
            .collect();
        self.add_sums(&file, p, at, src.parts, &theirs);
        let record = from.arena.get(src.text).to_string();
        for (i, v) in record.split(SEP).enumerate().skip(1) {
            if !v.is_empty() {
                let name = carried_names.get(i - 1).map_or("?", String::as_str);
                self.set_carried(&file, p, (i - 1) as u32, name, v, at);
            }
        }
        let mut link = src.reasons;
        while link != 0 {
            let (span, next) = from.reasons[link as usize - 1];
            let reason = from.arena.get(span).to_string();
            self.disqualify(p, &reason);
            link = next;
        }
    }
}

/// Everything read in one run: the shards of its readers.
#[derive(Debug)]
pub struct Batch<'e> {
    edition: &'e Edition,
    files: Vec<Arc<str>>,
    carried_names: Vec<String>,
    carried_index: HashMap<String, u32>,
    shards: Vec<Shard<'e>>,
    /// Problems found outside any reader (unreadable files, …).
    pub problems: Problems,
    max_errors: usize,
}

impl<'e> Batch<'e> {
    pub fn new(edition: &'e Edition, max_errors: usize) -> Batch<'e> {
        let mut b = Batch {
            edition,
            files: Vec::new(),
            carried_names: Vec::new(),
            carried_index: HashMap::new(),
            shards: vec![Shard::new(edition, max_errors)],
            problems: Problems::new(max_errors),
            max_errors,
        };
        b.carried_column(super::layout::PRODUCT_NAME);
        b
    }

    pub fn edition(&self) -> &'e Edition {
        self.edition
    }

    /// Registers a file; its position orders problems and names it in messages.
    pub fn add_file(&mut self, name: Arc<str>) -> FileRef {
        self.files.push(name.clone());
        for s in &mut self.shards {
            s.files = self.files.clone();
        }
        FileRef {
            index: (self.files.len() - 1) as u32,
            name,
        }
    }

    /// The batch-wide position of a carried column, by name (case-insensitive).
    pub fn carried_column(&mut self, name: &str) -> u32 {
        let key = super::text::key(name);
        if let Some(&i) = self.carried_index.get(&key) {
            return i;
        }
        self.carried_names.push(name.to_string());
        let i = (self.carried_names.len() - 1) as u32;
        self.carried_index.insert(key, i);
        i
    }

    /// The shard sequential readers write to.
    pub fn main_shard(&mut self) -> &mut Shard<'e> {
        &mut self.shards[0]
    }

    /// A new, empty shard for a parallel reader; give it back with [`Batch::add_shard`].
    pub fn new_shard(&self) -> Shard<'e> {
        let mut s = Shard::new(self.edition, self.max_errors);
        s.files = self.files.clone();
        s.every_sum = self.shards[0].every_sum;
        s
    }

    /// Keep only the sums the markers need, not every criterion's (the report then has no
    /// per-criterion means): less memory for a large batch. Call before reading.
    pub fn marked_sums_only(&mut self) {
        for s in &mut self.shards {
            s.every_sum = false;
        }
    }

    pub fn add_shard(&mut self, shard: Shard<'e>) {
        self.shards.push(shard);
    }

    /// Merges the shards, runs the end-of-input checks, and returns the products, or every
    /// problem found.
    pub fn finish(mut self) -> Result<Products<'e>, Problems> {
        // Products that straddle shards join the earliest shard that has them.
        let mut merged = false;
        for s in 1..self.shards.len() {
            let (head, tail) = self.shards.split_at_mut(s);
            let from = &mut tail[0];
            for i in 0..from.products.len() {
                if let Some(dst) = head
                    .iter_mut()
                    .find(|d| d.find(from.products[i].id(&from.arena)).is_some())
                {
                    dst.absorb(from, i, &self.carried_names);
                    merged = true;
                }
            }
        }
        // Columns missing for a set: once per file and set, at its first row.
        let mut missing: Vec<(u16, At, String)> = self
            .shards
            .iter_mut()
            .flat_map(|s| std::mem::take(&mut s.missing_columns))
            .collect();
        missing.sort_by_key(|(s, at, _)| (at.file, *s, at.line));
        missing.dedup_by_key(|(s, at, _)| (at.file, *s));
        for (set, at, codes) in missing {
            let s = self.edition.summaries().nth(usize::from(set)).expect("set");
            let loc = Loc::line(at.file as usize, &self.files[at.file as usize], at.line);
            self.problems.push(
                loc,
                None,
                format!(
                    "set {} ({}) needs a column for every criterion; missing: {codes}",
                    s.number, s.code
                ),
            );
        }
        // Long files: every member must have scored every criterion of the set.
        for shard in &mut self.shards {
            let mut found = Vec::new();
            for (&(p, m), bits) in &shard.seen {
                let prod = &shard.products[p as usize];
                if !prod.alive() {
                    continue;
                }
                let set = shard.edition.set_at(prod.set());
                let missing: Vec<&str> = set
                    .leaves
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| bits[i / 64] & (1 << (i % 64)) == 0)
                    .map(|(_, l)| l.code.as_str())
                    .collect();
                if !missing.is_empty() {
                    found.push((
                        At::unpack(prod.at),
                        format!(
                            "{} has no points for product {} on {} of set {} ({}): {}",
                            shard.names[m as usize],
                            prod.id(&shard.arena),
                            if missing.len() == 1 {
                                "criterion"
                            } else {
                                "criteria"
                            },
                            set.number,
                            set.code,
                            missing.join(", ")
                        ),
                    ));
                }
            }
            for (at, msg) in found {
                let loc = Loc::line(at.file as usize, &self.files[at.file as usize], at.line);
                shard.problems.push(loc, None, msg);
            }
            shard.seen = HashMap::new();
        }
        for shard in &mut self.shards {
            let p = std::mem::replace(&mut shard.problems, Problems::new(self.max_errors));
            self.problems.merge(p);
        }
        if !self.problems.is_empty() {
            if merged {
                // A problem of a product that straddles parts names the lines a part saw
                // (its first row there, say), which one reader would name differently.
                self.problems.mark_inexact();
            }
            return Err(self.problems);
        }
        Ok(Products {
            edition: self.edition,
            shards: self.shards,
            carried_names: self.carried_names,
        })
    }
}

/// The products of a batch that read without problems, ready for scoring.
#[derive(Debug)]
pub struct Products<'e> {
    edition: &'e Edition,
    shards: Vec<Shard<'e>>,
    carried_names: Vec<String>,
}

/// Where a product is among the shards.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProductKey {
    shard: u16,
    index: u32,
}

/// One product, read from the batch.
#[derive(Debug, Clone, Copy)]
pub struct ProductRef<'a, 'e> {
    shard: &'a Shard<'e>,
    product: &'a Product,
}

impl<'e> Products<'e> {
    pub fn edition(&self) -> &'e Edition {
        self.edition
    }

    /// Names of the carried columns; the first is `product_name`.
    pub fn carried_names(&self) -> &[String] {
        &self.carried_names
    }

    pub fn keys(&self) -> impl Iterator<Item = ProductKey> + '_ {
        self.shards.iter().enumerate().flat_map(|(s, shard)| {
            shard
                .products
                .iter()
                .enumerate()
                .filter(|(_, p)| p.alive())
                .map(move |(i, _)| ProductKey {
                    shard: s as u16,
                    index: i as u32,
                })
        })
    }

    pub fn get(&self, key: ProductKey) -> ProductRef<'_, 'e> {
        let shard = &self.shards[usize::from(key.shard)];
        ProductRef {
            shard,
            product: &shard.products[key.index as usize],
        }
    }

    /// Bytes held for the products (for the benchmarks' memory accounting).
    pub fn bytes(&self) -> usize {
        self.shards
            .iter()
            .map(|s| s.arena.bytes() + s.slab.bytes() + s.products.capacity_bytes())
            .sum()
    }
}

impl<'a, 'e> ProductRef<'a, 'e> {
    /// Reads a word of each place in memory that holds the product (its record, its text,
    /// its sums) and combines them. Visiting products in an order that jumps around memory
    /// (the ranking), a caller touches a few dozen first: the loads do not depend on one
    /// another, so the processor fetches them together instead of one cache miss at a time.
    pub fn touch(&self) -> u64 {
        let p = self.product;
        let text = self.shard.arena.get(p.text).as_bytes();
        let count = self.shard.marked[self.set_index()]
            .as_ref()
            .map_or(0, |m| m.count);
        let sums = self.shard.slab.get(p.sums, count);
        u64::from(text.first().copied().unwrap_or(0))
            ^ u64::from(sums.first().copied().unwrap_or(0))
            ^ u64::from(p.members.first().map_or(0, |m| m.total))
    }

    pub fn id(&self) -> &'a str {
        self.product.id(&self.shard.arena)
    }

    /// Value of carried column `i` (0 is `product_name`); empty when not given.
    pub fn carried(&self, i: usize) -> &'a str {
        self.shard.arena.field(self.product.text, i + 1)
    }

    pub fn set_index(&self) -> usize {
        self.product.set()
    }

    pub fn set(&self) -> &'e CriteriaSet {
        self.shard.edition.set_at(self.set_index())
    }

    /// Whether [`ProductRef::sums`] covers every criterion of the set.
    pub fn has_every_sum(&self) -> bool {
        let marked = self.shard.marked[self.set_index()]
            .as_ref()
            .expect("set seen");
        marked.count == marked.slot.len()
    }

    pub fn member_count(&self) -> usize {
        self.product.members.len()
    }

    /// Members' names and totals, in first-seen order.
    pub fn members(&self) -> impl Iterator<Item = (&'a str, Points)> + 'a {
        let shard = self.shard;
        self.product
            .members
            .iter()
            .map(move |m| (&*shard.names[m.name as usize], Points(m.total)))
    }

    /// Sums over members of parts A, B, C (hundredths).
    pub fn part_sums(&self) -> [u64; 3] {
        self.product.parts.map(u64::from)
    }

    /// `(leaf position, sum over members)` for each criterion kept: every criterion of the
    /// set, or those with a marker (see [`Batch::marked_sums_only`]).
    pub fn sums(&self) -> impl Iterator<Item = (usize, u64)> + 'a {
        let marked = self.shard.marked[self.set_index()]
            .as_ref()
            .expect("set seen");
        let sums = self.shard.slab.get(self.product.sums, marked.count);
        let grain = u64::from(marked.grain);
        marked
            .slot
            .iter()
            .enumerate()
            .filter(|(_, s)| **s != NONE)
            .map(move |(leaf, &s)| (leaf, u64::from(sums[usize::from(s)]) * grain))
    }

    /// Reasons the dossier was rejected, in the order first given.
    pub fn disqualified(&self) -> Vec<&'a str> {
        let mut out = Vec::new();
        let mut link = self.product.reasons;
        while link != 0 {
            let (span, next) = self.shard.reasons[link as usize - 1];
            out.push(self.shard.arena.get(span));
            link = next;
        }
        out
    }
}
