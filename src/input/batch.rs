//! The batch: every product read so far with each member's sheet summed (total, parts and,
//! when asked, sections) and the sums over members of the criteria the report needs. It
//! grows with products, not rows. The row checker (`rows`) fills it; `finish` checks what
//! can only be checked at the end; `report::build` consumes it.

use std::collections::HashMap;
use std::hash::BuildHasher;
use std::sync::Arc;

use super::error::{InputError, Loc, Problems};
use crate::chunks::Chunks;
use crate::criteria::{CriteriaSet, Edition, Scoring};
use crate::l10n::Message;
use crate::msg;

/// Product ids are the batch's own text: a fast hash, seeded per run.
type Hasher = foldhash::fast::RandomState;

/// Where a row is: the file's position in the batch and its line (or row).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct At {
    pub file: u32,
    pub line: u64,
}

/// One member's sheet of one product, summed (hundredths).
#[derive(Debug, Clone)]
pub struct Sheet {
    /// Index into [`Batch::members`].
    pub member: u32,
    pub total: u32,
    pub parts: [u32; 3],
}

/// One product and its members' sheets.
#[derive(Debug, Clone)]
pub struct Product {
    /// The id, then each carried value, separated by [`SEP`] (input text never holds it).
    pub(crate) text: Box<str>,
    pub(crate) id_len: u32,
    /// Position of the set in the edition.
    pub(crate) set: u16,
    /// The first row of the product.
    pub(crate) at: At,
    pub(crate) sheets: Vec<Sheet>,
    /// Each sheet's sums per section of the set, in sheet order, one after the other (empty
    /// unless the batch keeps detail). Kept out of [`Sheet`]: a boxed slice in each sheet
    /// cost 16 bytes and an allocation per member even when empty.
    pub(crate) sections: Vec<u32>,
    /// Sums over members of the kept criteria (see [`Kept`]), hundredths.
    pub(crate) sums: Box<[u64]>,
    /// Reasons the dossier was rejected (the `disqualified` column), first-seen order.
    pub(crate) disqualified: Vec<Box<str>>,
}

/// Separates the fields of [`Product::text`]: a control character, refused in input text.
pub const SEP: char = '\u{1f}';

impl Product {
    pub fn id(&self) -> &str {
        &self.text[..self.id_len as usize]
    }

    /// The value of carried column `i` (empty when not given).
    pub fn carried(&self, i: usize) -> &str {
        self.text[self.id_len as usize..]
            .split(SEP)
            .nth(i + 1)
            .unwrap_or("")
    }
}

/// Per set: where each scored criterion's sum is kept, and each criterion's section.
#[derive(Debug, Clone)]
pub struct Kept {
    /// For each leaf of the set, its slot in [`Product::sums`], or `None`.
    pub slot: Box<[Option<u16>]>,
    /// Kept leaves, in slot order.
    pub leaves: Box<[u16]>,
    /// For each leaf, its section's position in the set (parts and sections in sheet order).
    pub section: Box<[u16]>,
    /// For each leaf, its part (A, B, C: 0, 1, 2).
    pub part: Box<[u8]>,
    pub sections: usize,
    /// For each leaf, whether it is on either side of a condition ("5.2 applies only when
    /// 5.1 > 0"): long files remember those rows, to check once every row is read.
    pub in_condition: Box<[bool]>,
}

impl Kept {
    fn new(set: &CriteriaSet, every: bool) -> Kept {
        let section = leaf_sections(set);
        let sections = section
            .iter()
            .map(|&s| usize::from(s) + 1)
            .max()
            .unwrap_or(0);
        let mut slot = vec![None; set.leaves.len()];
        let mut leaves = Vec::new();
        for (i, leaf) in set.leaves.iter().enumerate() {
            if every || leaf.required.iter().any(Option::is_some) {
                slot[i] = Some(leaves.len() as u16);
                leaves.push(i as u16);
            }
        }
        let in_condition = (0..set.leaves.len())
            .map(|i| {
                set.leaves[i].applies_if.is_some()
                    || set.leaves.iter().any(|l| l.applies_if == Some(i))
            })
            .collect();
        Kept {
            part: set.leaves.iter().map(|l| l.part as u8).collect(),
            slot: slot.into(),
            leaves: leaves.into(),
            section: section.into(),
            sections,
            in_condition,
        }
    }
}

/// Each leaf's section position: leaves are the tree's scored criteria in sheet order.
pub fn leaf_sections(set: &CriteriaSet) -> Vec<u16> {
    fn count(c: &crate::criteria::Criterion) -> usize {
        match c.scoring {
            Scoring::SumOfChildren => c.sub.iter().map(count).sum(),
            _ => 1,
        }
    }
    let mut out = Vec::with_capacity(set.leaves.len());
    let mut s = 0u16;
    for part in &set.parts {
        for section in &part.sections {
            let n: usize = section.criteria.iter().map(count).sum();
            out.extend(std::iter::repeat_n(s, n));
            s += 1;
        }
    }
    out
}

/// The longest product id accepted, in bytes.
pub const MAX_ID: usize = 1000;

/// Every product of a batch, with what was learnt while reading it.
#[derive(Debug)]
pub struct Batch<'e> {
    pub(crate) edition: &'e Edition,
    /// Names of the files read, by position.
    pub(crate) files: Vec<Arc<str>>,
    /// For each file, the workbook sheet it is (`None`: a CSV file), and the header names of
    /// the sheet's columns (to give a problem's A1 cell).
    pub(crate) sheets: Vec<Option<(Arc<str>, Vec<String>)>>,
    /// Carried column names in first-seen order; `product_name` is always first.
    pub(crate) carried: Vec<String>,
    carried_keys: HashMap<String, u32>,
    /// Member names (NFC, trimmed), by first appearance.
    pub(crate) members: Vec<Box<str>>,
    member_ids: HashMap<Box<str>, u32, Hasher>,
    /// In chunks (see [`Chunks`]): a vector grown by doubling holds up to twice the products
    /// for a moment (and a quarter more at rest), and the report frees a chunk at a time.
    pub(crate) products: Chunks<Product>,
    /// Products by id: each entry is a product's index, hashed and compared by the
    /// product's own id, so no id is stored twice (nor allocated) for the lookup.
    ids: hashbrown::HashTable<u32>,
    hasher: Hasher,
    pub(crate) kept: Vec<Option<Kept>>,
    detail: bool,
    /// Sheets of the product last added to: the room a new product's sheets get.
    members_hint: usize,
    /// Long files: which criteria each (product, member) has given.
    seen: HashMap<(u32, u32), Vec<u64>>,
    /// (set, first row, codes) of sets whose columns a wide file lacks.
    missing_columns: Vec<(u16, At, String)>,
    /// Long files: the rows of criteria in a condition ("5.2 applies only when 5.1 > 0"),
    /// checked when every row is read: (product, member, leaf, points, row, column), the
    /// column an index into `conditional_columns` (a file's points column, named once).
    conditional: Vec<(u32, u32, u16, u32, At, u16)>,
    conditional_columns: Vec<Box<str>>,
    pub(crate) problems: Problems,
    /// `--ignore-column` names (keys) no header has had so far.
    pub(crate) ignored_unused: Vec<String>,
}

/// What [`Batch::lookup`] found.
pub enum Lookup {
    Found(u32),
    New,
    OtherSet,
}

impl<'e> Batch<'e> {
    /// `detail`: keep every criterion's sum and each member's section sums (for documents,
    /// workbooks, JSON and `--explain`); otherwise only what the markers need.
    pub fn new(edition: &'e Edition, max_errors: usize, detail: bool) -> Batch<'e> {
        Batch {
            edition,
            files: Vec::new(),
            sheets: Vec::new(),
            carried: vec![super::layout::PRODUCT_NAME.to_string()],
            carried_keys: HashMap::from([(super::layout::PRODUCT_NAME.to_string(), 0)]),
            members: Vec::new(),
            member_ids: HashMap::default(),
            products: Chunks::default(),
            ids: hashbrown::HashTable::new(),
            hasher: Hasher::default(),
            kept: vec![None; edition.summaries().len()],
            detail,
            members_hint: 0,
            seen: HashMap::new(),
            missing_columns: Vec::new(),
            conditional: Vec::new(),
            conditional_columns: Vec::new(),
            problems: Problems::new(max_errors),
            ignored_unused: Vec::new(),
        }
    }

    pub fn edition(&self) -> &'e Edition {
        self.edition
    }

    pub fn keeps_detail(&self) -> bool {
        self.detail
    }

    pub fn add_file(&mut self, name: Arc<str>) -> u32 {
        self.files.push(name);
        self.sheets.push(None);
        self.files.len() as u32 - 1
    }

    /// A sheet of a workbook: problems in it are placed by sheet, row and cell.
    pub fn add_worksheet(&mut self, name: Arc<str>, sheet: Arc<str>) -> u32 {
        self.files.push(name);
        self.sheets.push(Some((sheet, Vec::new())));
        self.files.len() as u32 - 1
    }

    /// The header names of a sheet's columns, by sheet column (A = 0), for A1 references.
    pub fn set_sheet_columns(&mut self, file: u32, names: Vec<String>) {
        if let Some(Some((_, columns))) = self.sheets.get_mut(file as usize) {
            *columns = names;
        }
    }

    pub fn loc(&self, at: At) -> Loc {
        let mut loc = Loc::line(at.file as usize, &self.files[at.file as usize], at.line);
        loc.sheet = self.sheet(at.file).map(|(s, _)| s.clone());
        loc
    }

    fn sheet(&self, file: u32) -> Option<&(Arc<str>, Vec<String>)> {
        self.sheets.get(file as usize).and_then(Option::as_ref)
    }

    /// The sheet column of the column named `column` (workbooks only).
    fn cell(&self, file: u32, column: Option<&str>) -> Option<u32> {
        let (_, names) = self.sheet(file)?;
        let column = column?;
        names.iter().position(|n| n == column).map(|c| c as u32)
    }

    /// Records a problem at a row.
    pub fn problem(
        &mut self,
        at: At,
        column: Option<&str>,
        code: &'static str,
        msg: impl Into<Message>,
    ) {
        let loc = self.loc(at);
        let cell = self.cell(at.file, column);
        self.problems.add(InputError {
            loc,
            cell,
            column: column.map(str::to_string),
            message: msg.into(),
            code,
        });
    }

    /// Records a problem at a cell of a sheet (column `cell`, A = 0).
    pub fn cell_problem(
        &mut self,
        at: At,
        cell: u32,
        column: Option<&str>,
        code: &'static str,
        msg: impl Into<Message>,
    ) {
        let loc = self.loc(at);
        self.problems.add(InputError {
            loc,
            cell: Some(cell),
            column: column.map(str::to_string),
            message: msg.into(),
            code,
        });
    }

    /// Records a problem of a whole file.
    pub fn file_problem(&mut self, file: u32, code: &'static str, msg: impl Into<Message>) {
        let mut loc = Loc::file(file as usize, &self.files[file as usize]);
        loc.sheet = self.sheet(file).map(|(s, _)| s.clone());
        self.problems.add(InputError {
            loc,
            cell: None,
            column: None,
            message: msg.into(),
            code,
        });
    }

    /// The position of a carried column, added the first time its name is seen.
    pub fn carried_column(&mut self, name: &str) -> u32 {
        let key = super::text::key(name);
        if let Some(&i) = self.carried_keys.get(&key) {
            return i;
        }
        self.carried.push(name.to_string());
        let i = self.carried.len() as u32 - 1;
        self.carried_keys.insert(key, i);
        i
    }

    pub fn member_id(&mut self, name: &str) -> u32 {
        if let Some(&i) = self.member_ids.get(name) {
            return i;
        }
        self.members.push(name.into());
        let i = self.members.len() as u32 - 1;
        self.member_ids.insert(name.into(), i);
        i
    }

    pub fn kept(&mut self, set: usize) -> &Kept {
        let (edition, detail) = (self.edition, self.detail);
        self.kept[set].get_or_insert_with(|| Kept::new(edition.set_at(set), detail))
    }

    fn set_label(&self, set: usize) -> String {
        let s = self.edition.set_at(set);
        format!("{} ({})", s.number, s.code)
    }

    /// The product with this id under `set`; an id under another set is a problem.
    pub fn lookup(&mut self, id: &str, set: usize, column: Option<&str>, at: At) -> Lookup {
        let hash = self.hasher.hash_one(id);
        let products = &self.products;
        let Some(&p) = self.ids.find(hash, |&p| products[p as usize].id() == id) else {
            return Lookup::New;
        };
        let first = &self.products[p as usize];
        if usize::from(first.set) == set {
            return Lookup::Found(p);
        }
        let msg = msg!(
            "input-other-set",
            id = super::text::escape(id),
            set = self.set_label(set),
            first = self.set_label(usize::from(first.set)),
            at = self.loc(first.at).describe_from(&self.loc(at)),
        );
        self.problem(at, column, "other_set", msg);
        Lookup::OtherSet
    }

    /// A new product at its first row, with the carried values that row gives.
    pub fn create(&mut self, id: &str, set: usize, carried: &[(u32, &str)], at: At) -> u32 {
        let mut fields = vec![""; self.carried.len()];
        for &(c, v) in carried {
            fields[c as usize] = v;
        }
        let mut text =
            String::with_capacity(id.len() + fields.iter().map(|f| f.len() + 1).sum::<usize>());
        text.push_str(id);
        for f in &fields {
            text.push(SEP);
            text.push_str(f);
        }
        let slots = self.kept(set).leaves.len();
        let p = self.products.len() as u32;
        self.products.push(Product {
            text: text.into(),
            id_len: id.len() as u32,
            set: set as u16,
            at,
            sheets: Vec::new(),
            sections: Vec::new(),
            sums: vec![0; slots].into(),
            disqualified: Vec::new(),
        });
        let hash = self.hasher.hash_one(id);
        let (products, hasher) = (&self.products, &self.hasher);
        self.ids
            .insert_unique(hash, p, |&q| hasher.hash_one(products[q as usize].id()));
        p
    }

    pub fn product(&self, p: u32) -> &Product {
        &self.products[p as usize]
    }

    /// Checks a carried value of a known product against the one it has; gives it the
    /// value when it has none.
    pub fn carry(&mut self, p: u32, column: u32, name: &str, value: &str, at: At) {
        let product = &self.products[p as usize];
        let current = product.carried(column as usize);
        if current == value {
            return;
        }
        if !current.is_empty() {
            let msg = msg!(
                "input-carried-differs",
                value = format!("{:?}", super::text::escape(value)),
                current = format!("{:?}", super::text::escape(current)),
                id = super::text::escape(product.id()),
                at = self.loc(product.at).describe_from(&self.loc(at)),
            );
            self.problem(at, Some(name), "carried_differs", msg);
            return;
        }
        let product = &mut self.products[p as usize];
        let mut fields: Vec<&str> = product.text[product.id_len as usize..]
            .split(SEP)
            .skip(1)
            .collect();
        fields.resize(fields.len().max(column as usize + 1), "");
        fields[column as usize] = value;
        let mut text = product.id().to_string();
        for f in fields {
            text.push(SEP);
            text.push_str(f);
        }
        product.text = text.into();
    }

    /// Rule 5: a reason in the `disqualified` column rejects the dossier.
    pub fn disqualify(&mut self, p: u32, reason: &str) {
        let product = &mut self.products[p as usize];
        if !product.disqualified.iter().any(|r| &**r == reason) {
            product.disqualified.push(reason.into());
        }
    }

    /// A member's whole sheet (a wide row): `points` per leaf of the set, hundredths. A
    /// member who has already scored the product is a problem.
    pub fn add_sheet(&mut self, p: u32, member: u32, points: &[u32], column: &str, at: At) {
        if self.products[p as usize]
            .sheets
            .iter()
            .any(|s| s.member == member)
        {
            self.duplicate(p, member, column, at);
            return;
        }
        let set = usize::from(self.products[p as usize].set);
        let detail = self.detail;
        let edition = self.edition;
        let kept = self.kept[set].get_or_insert_with(|| Kept::new(edition.set_at(set), detail));
        let mut sheet = Sheet {
            member,
            total: 0,
            parts: [0; 3],
        };
        let product = &mut self.products[p as usize];
        if product.sheets.capacity() == 0 {
            // Room for as many members as the product before had: a council scores its
            // products together, and a grown Vec would hold 8 sheets for 5 members.
            product.sheets.reserve_exact(self.members_hint.max(1));
        }
        let first = product.sections.len();
        if detail {
            product.sections.resize(first + kept.sections, 0);
        }
        for (i, &x) in points.iter().enumerate() {
            let part = usize::from(kept.part[i]);
            sheet.parts[part] = sheet.parts[part].saturating_add(x);
            if detail {
                let s = first + usize::from(kept.section[i]);
                product.sections[s] = product.sections[s].saturating_add(x);
            }
            if let Some(slot) = kept.slot[i] {
                product.sums[usize::from(slot)] += u64::from(x);
            }
        }
        sheet.total = sheet.parts.iter().fold(0u32, |a, &b| a.saturating_add(b));
        product.sheets.push(sheet);
        self.members_hint = product.sheets.len();
    }

    /// One criterion's points from a long file's row; false when they were refused (a
    /// second row for the criterion, or a wide sheet of the member already).
    pub fn add_point(
        &mut self,
        p: u32,
        member: u32,
        leaf: usize,
        x: u32,
        column: &str,
        at: At,
    ) -> bool {
        let set_index = usize::from(self.products[p as usize].set);
        let set = self.edition.set_at(set_index);
        let words = set.leaves.len().div_ceil(64);
        // Each sheet's section sums in the product's `sections` (none without detail).
        let per_sheet = if self.detail {
            self.kept(set_index).sections
        } else {
            0
        };
        let has_sheet = self.products[p as usize]
            .sheets
            .iter()
            .any(|s| s.member == member);
        let seen = self.seen.get_mut(&(p, member));
        match (has_sheet, seen) {
            // A wide sheet of this member already: a second sheet.
            (true, None) => {
                self.duplicate(p, member, column, at);
                return false;
            }
            (_, Some(bits)) if bits[leaf / 64] & (1 << (leaf % 64)) != 0 => {
                let msg = msg!(
                    "input-duplicate-criterion",
                    member = super::text::escape(&self.members[member as usize]),
                    code = set.leaves[leaf].code.as_str(),
                    id = super::text::escape(self.products[p as usize].id()),
                );
                self.problem(at, Some(column), "duplicate_criterion", msg);
                return false;
            }
            (_, Some(bits)) => bits[leaf / 64] |= 1 << (leaf % 64),
            (false, None) => {
                let mut bits = vec![0u64; words];
                bits[leaf / 64] |= 1 << (leaf % 64);
                self.seen.insert((p, member), bits);
                let product = &mut self.products[p as usize];
                product.sheets.push(Sheet {
                    member,
                    total: 0,
                    parts: [0; 3],
                });
                let first = product.sections.len();
                product.sections.resize(first + per_sheet, 0);
            }
        }
        let kept = self.kept(set_index).slot_and_section(leaf);
        let product = &mut self.products[p as usize];
        let index = product
            .sheets
            .iter()
            .position(|s| s.member == member)
            .expect("the member's sheet exists");
        let sheet = &mut product.sheets[index];
        let part = set.leaves[leaf].part;
        sheet.parts[part] = sheet.parts[part].saturating_add(x);
        sheet.total = sheet.total.saturating_add(x);
        if per_sheet > 0 {
            let s = index * per_sheet + usize::from(kept.1);
            product.sections[s] = product.sections[s].saturating_add(x);
        }
        if let Some(slot) = kept.0 {
            product.sums[usize::from(slot)] += u64::from(x);
        }
        true
    }

    /// Long files: remembers a row of a criterion that a condition names (either side of
    /// "5.2 applies only when 5.1 > 0"), to check once the member's sheet is complete.
    pub fn conditional_point(
        &mut self,
        p: u32,
        member: u32,
        leaf: usize,
        x: u32,
        column: &str,
        at: At,
    ) {
        let set = usize::from(self.products[p as usize].set);
        if !self.kept(set).in_condition[leaf] {
            return;
        }
        let c = match self.conditional_columns.iter().position(|c| **c == *column) {
            Some(c) => c,
            None => {
                self.conditional_columns.push(column.into());
                self.conditional_columns.len() - 1
            }
        };
        self.conditional
            .push((p, member, leaf as u16, x, at, c as u16));
    }

    /// Long files: a criterion scored above 0 while the one it applies under scored 0, a
    /// problem on the criterion's row (its points cell).
    fn check_conditions(&mut self) {
        let mut rows = std::mem::take(&mut self.conditional);
        rows.sort_unstable_by_key(|&(p, m, leaf, ..)| (p, m, leaf));
        let columns = std::mem::take(&mut self.conditional_columns);
        for &(p, m, leaf, x, at, column) in &rows {
            let set = self
                .edition
                .set_at(usize::from(self.products[p as usize].set));
            let Some(j) = set.leaves[usize::from(leaf)].applies_if else {
                continue;
            };
            // Sorted: the condition's row of the same sheet is found by bisection.
            let condition = rows
                .binary_search_by_key(&(p, m, j as u16), |&(p, m, leaf, ..)| (p, m, leaf))
                .map(|i| rows[i].3);
            if x > 0 && condition == Ok(0) {
                let msg = super::rows::conditional(set, usize::from(leaf), j);
                self.problem(
                    at,
                    Some(&columns[usize::from(column)]),
                    "criterion_not_applicable",
                    msg,
                );
            }
        }
    }

    fn duplicate(&mut self, p: u32, member: u32, column: &str, at: At) {
        let product = &self.products[p as usize];
        let msg = msg!(
            "input-duplicate-member",
            member = super::text::escape(&self.members[member as usize]),
            id = super::text::escape(product.id()),
            at = self.loc(product.at).describe_from(&self.loc(at)),
        );
        self.problem(at, Some(column), "duplicate_member", msg);
    }

    /// Records that a file lacks columns of a set (reported once per file and set).
    pub fn missing_columns(&mut self, set: usize, at: At, codes: String) {
        if !self
            .missing_columns
            .iter()
            .any(|(s, a, _)| usize::from(*s) == set && a.file == at.file)
        {
            self.missing_columns.push((set as u16, at, codes));
        }
    }

    /// Checks what can only be checked once everything is read: columns missing for a set,
    /// and, in long files, criteria a member gave no points for.
    pub fn finish(mut self) -> Result<Batch<'e>, Problems> {
        self.check_conditions();
        for (set, at, codes) in std::mem::take(&mut self.missing_columns) {
            let s = self.edition.set_at(usize::from(set));
            let msg = msg!(
                "input-missing-criterion-columns",
                set = s.number,
                code = s.code.as_str(),
                codes = codes,
            );
            self.problem(at, None, "missing_criterion_columns", msg);
        }
        let mut seen: Vec<_> = std::mem::take(&mut self.seen).into_iter().collect();
        seen.sort_unstable_by_key(|&((p, m), _)| (p, m));
        for ((p, m), bits) in seen {
            let product = &self.products[p as usize];
            let set = self.edition.set_at(usize::from(product.set));
            let missing: Vec<&str> = set
                .leaves
                .iter()
                .enumerate()
                .filter(|(i, _)| bits[i / 64] & (1 << (i % 64)) == 0)
                .map(|(_, l)| l.code.as_str())
                .collect();
            if !missing.is_empty() {
                let msg = msg!(
                    "input-missing-points",
                    member = super::text::escape(&self.members[m as usize]),
                    id = super::text::escape(product.id()),
                    n = missing.len(),
                    set = set.number,
                    code = set.code.as_str(),
                    codes = missing.join(", "),
                );
                let at = product.at;
                self.problem(at, None, "missing_points", msg);
            }
        }
        if self.problems.is_empty() {
            // Reading is over: the lookup of products by id is not needed to score, and
            // freeing it now lowers the peak while the report is built (200,000 products: 2 MB).
            self.ids = hashbrown::HashTable::new();
            self.member_ids = HashMap::default();
            Ok(self)
        } else {
            Err(self.problems)
        }
    }

    pub fn len(&self) -> usize {
        self.products.len()
    }

    /// Adds `later`, the batch of a later part of the same file (read by its own reader
    /// with the file's header), as if one reader had gone on reading: its products, members
    /// and sheets after this batch's, its lines `lines` further on. `None` when the parts
    /// meet in something only a reader of the whole file reports as it should (a product
    /// under another set, a member's second sheet, a carried value that differs), or when
    /// either part has a problem or is a long file: the caller reads the file again with
    /// one reader. Both batches are unfinished (see [`Batch::finish`]).
    pub(crate) fn merge(mut self, later: Batch<'e>, lines: u64) -> Option<Batch<'e>> {
        let clean = |b: &Batch<'_>| {
            b.problems.is_empty()
                && b.seen.is_empty()
                && b.conditional.is_empty()
                && b.missing_columns.is_empty()
                && b.files.len() == 1
                && b.sheets.iter().all(Option::is_none)
        };
        if !clean(&self) || !clean(&later) || self.files != later.files {
            return None;
        }
        // One header, so the same carried columns in the same order.
        if self.carried != later.carried || self.detail != later.detail {
            return None;
        }
        let members: Vec<u32> = later.members.iter().map(|m| self.member_id(m)).collect();
        for (k, kept) in later.kept.into_iter().enumerate() {
            if self.kept[k].is_none() {
                self.kept[k] = kept;
            }
        }
        for chunk in later.products.into_chunks() {
            for mut q in chunk {
                for s in &mut q.sheets {
                    s.member = members[s.member as usize];
                }
                q.at.line += lines;
                let hash = self.hasher.hash_one(q.id());
                let products = &self.products;
                let found = self
                    .ids
                    .find(hash, |&p| products[p as usize].id() == q.id())
                    .copied();
                match found {
                    None => {
                        let p = self.products.len() as u32;
                        self.products.push(q);
                        let (products, hasher) = (&self.products, &self.hasher);
                        self.ids.insert_unique(hash, p, |&r| {
                            hasher.hash_one(products[r as usize].id())
                        });
                    }
                    Some(p) => self.merge_product(p, q)?,
                }
            }
        }
        Some(self)
    }

    /// A product of a later part into the same product here (see [`Batch::merge`]).
    fn merge_product(&mut self, p: u32, q: Product) -> Option<()> {
        let carried = self.carried.len();
        let product = &mut self.products[p as usize];
        if product.set != q.set
            || q.sheets
                .iter()
                .any(|s| product.sheets.iter().any(|t| t.member == s.member))
        {
            return None;
        }
        // A carried value is the first one given; a different one later is a problem.
        let mut fields: Vec<&str> = Vec::with_capacity(carried);
        let mut changed = false;
        for c in 0..carried {
            let (a, b) = (product.carried(c), q.carried(c));
            if b.is_empty() || a == b {
                fields.push(a);
            } else if a.is_empty() {
                fields.push(b);
                changed = true;
            } else {
                return None;
            }
        }
        if changed {
            let mut text = product.id().to_string();
            for f in fields {
                text.push(SEP);
                text.push_str(f);
            }
            product.text = text.into();
        }
        product.sheets.extend(q.sheets);
        product.sections.extend(q.sections);
        for (a, b) in product.sums.iter_mut().zip(&q.sums) {
            *a += b;
        }
        for r in q.disqualified {
            if !product.disqualified.contains(&r) {
                product.disqualified.push(r);
            }
        }
        Some(())
    }

    pub fn is_empty(&self) -> bool {
        self.products.len() == 0
    }
}

impl Kept {
    /// A leaf's slot and section.
    fn slot_and_section(&self, leaf: usize) -> (Option<u16>, u16) {
        (self.slot[leaf], self.section[leaf])
    }
}
