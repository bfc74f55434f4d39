//! The batch: every product seen so far, with its members' running totals and the sums the
//! markers need. It grows with the number of products, not rows; two batches read from
//! different parts of the input merge into one.

use std::collections::HashMap;
use std::sync::Arc;

use super::error::{Loc, Problems};
use crate::criteria::{CriteriaSet, Edition};
use crate::points::Points;
use crate::scoring::MemberSheet;

/// Where a row is: file position and line (kept compact; rebuilt into a `Loc` for messages).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct At {
    pub file: u32,
    pub line: u64,
}

#[derive(Debug, Clone)]
struct Member {
    name: u32,
    total: u32,
    parts: [u32; 3],
    at: At,
    /// Long files: which criteria this member has scored (a bit per scored criterion).
    seen: Option<Box<[u64]>>,
    /// A second sheet of this member was reported (once is enough for a long file's rows).
    reported: bool,
}

#[derive(Debug, Clone)]
struct Product {
    id: Box<str>,
    set: u32,
    at: At,
    name: Option<(Box<str>, At)>,
    members: Vec<Member>,
    /// Per scored criterion, the sum of the members' points (hundredths).
    sums: Box<[u32]>,
    carried: Vec<(u32, Box<str>, At)>,
    disqualified: Vec<(Box<str>, At)>,
}

/// One product ready for scoring.
#[derive(Debug, Clone)]
pub struct Tally {
    pub product_id: String,
    pub product_name: Option<String>,
    /// Position of the set in the edition.
    pub set: usize,
    pub members: Vec<MemberSheet>,
    pub sums: Vec<u64>,
    /// Values of the batch's carried columns (see [`Batch::carried_names`]).
    pub carried: Vec<Option<String>>,
    /// Reasons the dossier was rejected, in input order.
    pub disqualified: Vec<String>,
}

/// Everything read so far.
#[derive(Debug)]
pub struct Batch<'e> {
    edition: &'e Edition,
    files: Vec<Arc<str>>,
    products: Vec<Product>,
    index: HashMap<Box<str>, u32>,
    member_names: Vec<Box<str>>,
    member_index: HashMap<Box<str>, u32>,
    carried_names: Vec<String>,
    carried_index: HashMap<String, u32>,
    pub problems: Problems,
}

impl<'e> Batch<'e> {
    pub fn new(edition: &'e Edition, max_errors: usize) -> Batch<'e> {
        Batch {
            edition,
            files: Vec::new(),
            products: Vec::new(),
            index: HashMap::new(),
            member_names: Vec::new(),
            member_index: HashMap::new(),
            carried_names: Vec::new(),
            carried_index: HashMap::new(),
            problems: Problems::new(max_errors),
        }
    }

    pub fn edition(&self) -> &'e Edition {
        self.edition
    }

    /// Registers a file; its position orders problems and names it in messages.
    pub fn add_file(&mut self, name: Arc<str>) -> u32 {
        self.files.push(name);
        (self.files.len() - 1) as u32
    }

    pub fn file_name(&self, file: u32) -> &Arc<str> {
        &self.files[file as usize]
    }

    pub fn loc(&self, at: At) -> Loc {
        Loc::line(at.file as usize, &self.files[at.file as usize], at.line)
    }

    pub fn problem(&mut self, at: At, column: Option<&str>, message: impl Into<String>) {
        let loc = self.loc(at);
        self.problems.push(loc, column, message);
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

    pub fn carried_names(&self) -> &[String] {
        &self.carried_names
    }

    fn member_id(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.member_index.get(name) {
            return i;
        }
        self.member_names.push(name.into());
        let i = (self.member_names.len() - 1) as u32;
        self.member_index.insert(name.into(), i);
        i
    }

    /// The product with this id, created at its first row. A product seen under another set
    /// is a problem (reported here, with the column); the product keeps its first set.
    pub fn product(&mut self, id: &str, set: usize, set_column: Option<&str>, at: At) -> usize {
        if let Some(&i) = self.index.get(id) {
            let p = &self.products[i as usize];
            if p.set as usize != set {
                let (first, first_set) = (p.at, p.set as usize);
                let here = self.loc(at);
                let msg = format!(
                    "product {id} is under set {} here, but under set {} on {}; one product is \
                     scored against one set",
                    self.set_label(set),
                    self.set_label(first_set),
                    self.loc(first).describe_from(&here)
                );
                self.problem(at, set_column, msg);
            }
            return i as usize;
        }
        let leaves = self.edition.set_at(set).leaves.len();
        self.products.push(Product {
            id: id.into(),
            set: set as u32,
            at,
            name: None,
            members: Vec::new(),
            sums: vec![0; leaves].into_boxed_slice(),
            carried: Vec::new(),
            disqualified: Vec::new(),
        });
        let i = self.products.len() - 1;
        self.index.insert(id.into(), i as u32);
        i
    }

    fn set_label(&self, set: usize) -> String {
        let s = self.edition.summaries().nth(set).expect("set position");
        format!("{} ({})", s.number, s.code)
    }

    /// The set a product is scored against.
    pub fn product_set(&self, product: usize) -> &'e CriteriaSet {
        self.edition.set_at(self.products[product].set as usize)
    }

    /// A wide row: one member's whole sheet. `points[i]` is for the set's i-th scored criterion.
    /// Returns false if the member had already scored the product.
    pub fn add_sheet(
        &mut self,
        product: usize,
        member: &str,
        assessor_column: &str,
        at: At,
        points: &[u32],
    ) -> bool {
        let name = self.member_id(member);
        if let Some(prev) = self.products[product]
            .members
            .iter()
            .find(|m| m.name == name)
        {
            let prev = prev.at;
            self.duplicate_member(product, member, assessor_column, at, prev);
            return false;
        }
        let set = self.product_set(product);
        let mut parts = [0u32; 3];
        for (leaf, &p) in set.leaves.iter().zip(points) {
            parts[leaf.part] += p;
        }
        let p = &mut self.products[product];
        let mut overflow = false;
        for (s, &x) in p.sums.iter_mut().zip(points) {
            match s.checked_add(x) {
                Some(v) => *s = v,
                None => overflow = true,
            }
        }
        p.members.push(Member {
            name,
            total: parts.iter().sum(),
            parts,
            at,
            seen: None,
            reported: false,
        });
        if overflow {
            self.problem(
                at,
                None,
                "too many members for one product: the sums overflow",
            );
        }
        true
    }

    fn duplicate_member(&mut self, product: usize, member: &str, column: &str, at: At, prev: At) {
        let here = self.loc(at);
        let msg = format!(
            "{member} has already scored product {} on {}; each member scores a product once",
            self.products[product].id,
            self.loc(prev).describe_from(&here)
        );
        self.problem(at, Some(column), msg);
    }

    /// A long row: one member's points on one criterion (`leaf`: position in the set).
    #[allow(clippy::too_many_arguments)]
    pub fn add_point(
        &mut self,
        product: usize,
        member: &str,
        leaf: usize,
        points: u32,
        at: At,
        criterion_column: &str,
        assessor_column: &str,
    ) {
        let name = self.member_id(member);
        let set = self.product_set(product);
        let part = set.leaves[leaf].part;
        let words = set.leaves.len().div_ceil(64);
        let pos = self.products[product]
            .members
            .iter()
            .position(|m| m.name == name);
        let m = match pos {
            Some(i) => i,
            None => {
                let p = &mut self.products[product];
                p.members.push(Member {
                    name,
                    total: 0,
                    parts: [0; 3],
                    at,
                    seen: Some(vec![0; words].into_boxed_slice()),
                    reported: false,
                });
                p.members.len() - 1
            }
        };
        let member_at = self.products[product].members[m].at;
        let mem = &mut self.products[product].members[m];
        let Some(seen) = mem.seen.as_mut() else {
            // Scored as a whole sheet in a wide file already: say so once, not for every row.
            if !mem.reported {
                mem.reported = true;
                self.duplicate_member(product, member, assessor_column, at, member_at);
            }
            return;
        };
        let (w, bit) = (leaf / 64, 1u64 << (leaf % 64));
        if seen[w] & bit != 0 {
            let code = set.leaves[leaf].code.clone();
            let here = self.loc(at);
            let msg = format!(
                "{member} has already given points on {code} for product {} (rows of this member \
                 start on {}); one row per criterion",
                self.products[product].id,
                self.loc(member_at).describe_from(&here)
            );
            self.problem(at, Some(criterion_column), msg);
            return;
        }
        seen[w] |= bit;
        let p = &mut self.products[product];
        let mem = &mut p.members[m];
        mem.total += points;
        mem.parts[part] += points;
        match p.sums[leaf].checked_add(points) {
            Some(v) => p.sums[leaf] = v,
            None => self.problem(
                at,
                None,
                "too many members for one product: the sums overflow",
            ),
        }
    }

    /// The product's name; a different name on another row is a problem.
    pub fn set_name(&mut self, product: usize, name: &str, column: &str, at: At) {
        match &self.products[product].name {
            None => self.products[product].name = Some((name.into(), at)),
            Some((first, first_at)) if &**first != name => {
                let (first, first_at) = (first.to_string(), *first_at);
                self.conflict(product, column, name, &first, at, first_at);
            }
            _ => {}
        }
    }

    fn conflict(
        &mut self,
        product: usize,
        column: &str,
        value: &str,
        first: &str,
        at: At,
        first_at: At,
    ) {
        let here = self.loc(at);
        let msg = format!(
            "{value:?} differs from {first:?} given for product {} on {}",
            self.products[product].id,
            self.loc(first_at).describe_from(&here)
        );
        self.problem(at, Some(column), msg);
    }

    /// A carried column's value; a different value on another row is a problem.
    pub fn set_carried(&mut self, product: usize, column: u32, value: &str, at: At) {
        let p = &mut self.products[product];
        match p.carried.iter().find(|(c, _, _)| *c == column) {
            None => p.carried.push((column, value.into(), at)),
            Some((_, first, first_at)) if &**first != value => {
                let (first, first_at) = (first.to_string(), *first_at);
                let name = self.carried_names[column as usize].clone();
                self.conflict(product, &name, value, &first, at, first_at);
            }
            _ => {}
        }
    }

    /// Rule 5: text in the `disqualified` column rejects the dossier, with that reason.
    pub fn disqualify(&mut self, product: usize, reason: &str, at: At) {
        let p = &mut self.products[product];
        if !p.disqualified.iter().any(|(r, _)| &**r == reason) {
            p.disqualified.push((reason.into(), at));
        }
    }

    /// Adds a batch read from another part of the input (same edition, same files).
    pub fn merge(&mut self, other: Batch<'e>) {
        self.problems.merge(other.problems);
        let carried_map: Vec<u32> = other
            .carried_names
            .iter()
            .map(|n| self.carried_column(n))
            .collect();
        for mut op in other.products {
            for m in &mut op.members {
                let name = &other.member_names[m.name as usize];
                m.name = self.member_id(name);
            }
            for c in &mut op.carried {
                c.0 = carried_map[c.0 as usize];
            }
            match self.index.get(&*op.id) {
                None => {
                    self.index.insert(op.id.clone(), self.products.len() as u32);
                    self.products.push(op);
                }
                Some(&i) => self.merge_product(i as usize, op),
            }
        }
    }

    fn merge_product(&mut self, i: usize, op: Product) {
        let set_column = None;
        let _ = self.product(&op.id.clone(), op.set as usize, set_column, op.at);
        if self.products[i].set != op.set {
            return;
        }
        for m in op.members {
            let name = self.member_names[m.name as usize].to_string();
            if let Some(prev) = self.products[i].members.iter().find(|x| x.name == m.name) {
                let prev = prev.at;
                let (first, later) = if prev < m.at {
                    (prev, m.at)
                } else {
                    (m.at, prev)
                };
                self.duplicate_member(i, &name, super::layout::ASSESSOR, later, first);
                continue;
            }
            self.products[i].members.push(m);
        }
        let p = &mut self.products[i];
        for (s, x) in p.sums.iter_mut().zip(op.sums.iter()) {
            *s = s.saturating_add(*x);
        }
        if let Some((name, at)) = op.name {
            self.set_name(i, &name, super::layout::PRODUCT_NAME, at);
        }
        for (c, v, at) in op.carried {
            self.set_carried(i, c, &v, at);
        }
        for (r, at) in op.disqualified {
            self.disqualify(i, &r, at);
        }
    }

    /// The products ready for scoring, or every problem found.
    pub fn finish(mut self) -> Result<(Vec<Tally>, Vec<String>), Problems> {
        // Long files: every member must have scored every criterion of the set.
        let mut incomplete = Vec::new();
        for p in &self.products {
            let set = self.edition.set_at(p.set as usize);
            for m in &p.members {
                let Some(seen) = &m.seen else { continue };
                let missing: Vec<&str> = set
                    .leaves
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| seen[i / 64] & (1 << (i % 64)) == 0)
                    .map(|(_, l)| l.code.as_str())
                    .collect();
                if !missing.is_empty() {
                    incomplete.push((
                        m.at,
                        format!(
                            "{} has no points for product {} on {} of set {} ({}): {}",
                            self.member_names[m.name as usize],
                            p.id,
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
        }
        for (at, msg) in incomplete {
            self.problem(at, None, msg);
        }
        if !self.problems.is_empty() {
            return Err(self.problems);
        }
        let ncarried = self.carried_names.len();
        let tallies = self
            .products
            .into_iter()
            .map(|p| {
                let mut carried = vec![None; ncarried];
                for (c, v, _) in p.carried {
                    carried[c as usize] = Some(v.into());
                }
                let mut disqualified = p.disqualified;
                disqualified.sort_by_key(|(_, at)| *at);
                Tally {
                    product_id: p.id.into(),
                    product_name: p.name.map(|(n, _)| n.into()),
                    set: p.set as usize,
                    members: p
                        .members
                        .iter()
                        .map(|m| MemberSheet {
                            name: self.member_names[m.name as usize].to_string(),
                            total: Points(m.total),
                            parts: m.parts.map(Points),
                        })
                        .collect(),
                    sums: p.sums.iter().map(|&s| u64::from(s)).collect(),
                    carried,
                    disqualified: disqualified.into_iter().map(|(r, _)| r.into()).collect(),
                }
            })
            .collect();
        Ok((tallies, self.carried_names))
    }
}
