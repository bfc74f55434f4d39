//! Warnings: findings that do not stop scoring, but that a council should look at before
//! it signs (a missing sheet, an id typed twice, a spread). Each has a stable code
//! (snake_case, the same in every language; README, "Warnings") and a location: the first
//! row of the product it is about, the member, or the option. `--strict` makes them errors.
//!
//! [`check`] computes them all, once, over a built report.

use std::sync::Arc;

use unicode_normalization::UnicodeNormalization;

/// Product ids are the batch's own text: a fast hash, seeded per run (as `input::batch`).
type Hasher = foldhash::fast::RandomState;

use crate::l10n::{Lang, Value, tr_args};
use crate::report::Report;

/// The codes, in the order README lists them.
pub const CODES: [&str; 6] = [
    FEWER_MEMBERS,
    FEW_MEMBERS,
    MEMBER_MISSING_PRODUCTS,
    SIMILAR_IDS,
    SPREAD,
    IGNORED_COLUMN_UNUSED,
];
/// A product scored by fewer members than another product of its set in the batch.
pub const FEWER_MEMBERS: &str = "fewer_members";
/// A product scored by fewer than [`MIN_MEMBERS`] members.
pub const FEW_MEMBERS: &str = "few_members";
/// A member who scored some products of the batch and not others (at least half of them:
/// a member who scored fewer is taken for a member of another council in a combined batch).
pub const MEMBER_MISSING_PRODUCTS: &str = "member_missing_products";
/// Product ids, or member names, that differ only by case, spaces or Unicode form.
pub const SIMILAR_IDS: &str = "similar_ids";
/// Members' totals differ by more than `--max-spread`.
pub const SPREAD: &str = "spread";
/// An `--ignore-column` name that no input's header has.
pub const IGNORED_COLUMN_UNUSED: &str = "ignored_column_unused";

/// Fewer members than this is a warning.
pub const MIN_MEMBERS: usize = 3;

/// Most names listed in a message; the JSON lists them all.
const LISTED: usize = 10;

/// Most products a `member_missing_products` warning names in the JSON (the message says
/// how many there are).
pub const MISSING_KEPT: usize = 1000;

/// One warning.
#[derive(Debug, Clone)]
pub struct Warning {
    pub code: &'static str,
    /// The file and line of the product's first row, when about a product.
    pub file: Option<Arc<str>>,
    pub file_index: usize,
    /// The workbook sheet of that row (`None` for CSV).
    pub sheet: Option<Arc<str>>,
    pub line: Option<u64>,
    /// The product it is about.
    pub product_id: Option<String>,
    /// The member it is about.
    pub member: Option<String>,
    /// The column it is about (`--ignore-column`).
    pub column: Option<String>,
    /// The products it names: similar ids, products a member did not score.
    pub products: Vec<String>,
    /// The members it names: similar names.
    pub members: Vec<String>,
    key: &'static str,
    args: Vec<(&'static str, Value<'static>)>,
}

impl Warning {
    fn new(code: &'static str, key: &'static str) -> Warning {
        Warning {
            code,
            file: None,
            file_index: usize::MAX,
            sheet: None,
            line: None,
            product_id: None,
            member: None,
            column: None,
            products: Vec::new(),
            members: Vec::new(),
            key,
            args: Vec::new(),
        }
    }

    fn arg(mut self, name: &'static str, v: impl Into<Value<'static>>) -> Warning {
        self.args.push((name, v.into()));
        self
    }

    fn text(self, name: &'static str, v: &str) -> Warning {
        self.arg(name, crate::input::escape_all(v).into_owned())
    }

    fn at(mut self, r: &Report, p: &crate::report::ProductResult) -> Warning {
        let loc = r.loc(p.at);
        self.file = Some(loc.file);
        self.file_index = loc.file_index;
        self.sheet = loc.sheet;
        self.line = loc.line;
        self.product_id = Some(p.id().to_string());
        self
    }

    /// What it says, in `lang`.
    pub fn message(&self, lang: Lang) -> String {
        tr_args(lang, self.key, &self.args)
    }

    /// `a.csv:12: `, `a.xlsx [Bộ 6] row 12: ` (the word for row in `lang`) or nothing: where
    /// it is, as problems say it.
    pub fn location(&self, lang: Lang) -> String {
        match &self.file {
            Some(f) => {
                let loc = crate::input::Loc {
                    file_index: self.file_index,
                    file: f.clone(),
                    sheet: self.sheet.clone(),
                    line: self.line,
                };
                format!("{}: ", loc.render(lang))
            }
            None => String::new(),
        }
    }

    /// One line: `a.csv:12: warning: … [fewer_members]` (`error` with `--strict`).
    pub fn line_text(&self, lang: Lang, strict: bool) -> String {
        let label = crate::l10n::tr(
            lang,
            if strict {
                "warning-as-error"
            } else {
                "warning-label"
            },
        );
        format!(
            "{}{label}: {} [{}]",
            self.location(lang),
            self.message(lang),
            self.code
        )
    }
}

/// The key two ids or names share when they differ only by case, spaces or Unicode form
/// (NFKC: full-width letters, ligatures, composed or decomposed accents).
pub fn similarity_key(s: &str) -> String {
    let mut key = String::new();
    similarity_key_into(s, &mut key);
    key
}

/// [`similarity_key`] into `key` (cleared first), so a caller can reuse one buffer.
fn similarity_key_into(s: &str, key: &mut String) {
    key.clear();
    if s.is_ascii() {
        // NFKC leaves ASCII alone.
        key.extend(
            s.bytes()
                .filter(|b| !b.is_ascii_whitespace())
                .map(|b| char::from(b.to_ascii_lowercase())),
        );
        return;
    }
    let folded: String = s
        .nfkc()
        .flat_map(char::to_lowercase)
        .filter(|c| !c.is_whitespace())
        .collect();
    key.extend(folded.nfkc());
}

/// Groups of products (indices, in input order) whose ids share a [`similarity_key`], the
/// groups in input order of their first product. The keys are hashed, not kept: only
/// products whose key hash is shared have their keys compared (a 200,000-product batch
/// allocated a key per product).
fn similar_ids(r: &Report, order: &[usize]) -> Vec<Vec<usize>> {
    use std::hash::BuildHasher;
    let hasher = Hasher::default();
    let mut key = String::new();
    let mut hash = |id: &str| -> u64 {
        similarity_key_into(id, &mut key);
        hasher.hash_one(key.as_str())
    };
    // (hash, position in input order): equal hashes end up side by side.
    let mut hashes: Vec<(u64, u32)> = order
        .iter()
        .enumerate()
        .map(|(k, &i)| (hash(r.products[i].id()), k as u32))
        .collect();
    hashes.sort_unstable();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    for run in hashes
        .chunk_by(|a, b| a.0 == b.0)
        .filter(|run| run.len() > 1)
    {
        // A shared hash: group by the keys themselves (in input order, as sorted).
        let mut keyed: Vec<(String, u32)> = run
            .iter()
            .map(|&(_, k)| (similarity_key(r.products[order[k as usize]].id()), k))
            .collect();
        keyed.sort();
        for same in keyed.chunk_by(|a, b| a.0 == b.0).filter(|g| g.len() > 1) {
            groups.push(same.iter().map(|&(_, k)| order[k as usize]).collect());
        }
    }
    groups
}

/// Names listed in a message: the first [`LISTED`], then how many more.
fn listed(names: &[String]) -> String {
    let shown: Vec<String> = names
        .iter()
        .take(LISTED)
        .map(|n| crate::input::escape_all(n).into_owned())
        .collect();
    let mut s = shown.join(", ");
    if names.len() > LISTED {
        s.push_str(&format!(", … +{}", names.len() - LISTED));
    }
    s
}

/// Every warning of a report, in input order (then those of the whole batch).
pub fn check(r: &Report) -> Vec<Warning> {
    let mut out = Vec::new();

    // Input order: the products' first rows (each product's is its own).
    let mut keyed: Vec<(crate::input::At, u32)> = r
        .products
        .iter()
        .enumerate()
        .map(|(i, p)| (p.at, i as u32))
        .collect();
    keyed.sort_unstable();
    let order: Vec<usize> = keyed.into_iter().map(|(_, i)| i as usize).collect();
    // The most members of a product of each set, by set number.
    let mut most = vec![0usize; 256];
    for p in &r.products {
        let m = &mut most[usize::from(p.set.number)];
        *m = (*m).max(p.members.len());
    }
    for &i in &order {
        let p = &r.products[i];
        let n = p.members.len();
        let set_most = most[usize::from(p.set.number)];
        if n < set_most {
            out.push(
                Warning::new(FEWER_MEMBERS, "warn-fewer-members")
                    .at(r, p)
                    .text("product", p.id())
                    .arg("members", n)
                    .arg("set", u32::from(p.set.number))
                    .arg("most", set_most),
            );
        }
        if n < MIN_MEMBERS {
            out.push(
                Warning::new(FEW_MEMBERS, "warn-few-members")
                    .at(r, p)
                    .text("product", p.id())
                    .arg("members", n)
                    .arg("least", MIN_MEMBERS),
            );
        }
        if let Some(s) = &p.spread {
            out.push(
                Warning::new(SPREAD, "warn-spread")
                    .at(r, p)
                    .text("product", p.id())
                    .arg("spread", s.spread.to_string())
                    .arg("limit", s.limit.to_string())
                    .text("highest", r.member_name(s.highest.0))
                    .arg("high", s.highest.1.to_string())
                    .text("lowest", r.member_name(s.lowest.0))
                    .arg("low", s.lowest.1.to_string()),
            );
        }
    }
    // Products ids that differ only by case, spaces or Unicode form.
    let mut similar = similar_ids(r, &order);
    similar.sort_by_key(|g| r.products[g[0]].at);
    for g in &similar {
        let ids: Vec<String> = g.iter().map(|&i| r.products[i].id().to_string()).collect();
        // Located at the odd one out: the product with the fewest members (the later on a tie).
        let odd = g
            .iter()
            .copied()
            .rev()
            .min_by_key(|&i| r.products[i].members.len())
            .expect("a group of two or more");
        let mut w = Warning::new(SIMILAR_IDS, "warn-similar-ids")
            .at(r, &r.products[odd])
            .arg("ids", listed(&ids));
        w.products = ids;
        out.push(w);
    }
    // Member names that differ only by case, spaces or Unicode form.
    let mut groups: Vec<(String, Vec<String>)> = Vec::new();
    for m in &r.members {
        let k = similarity_key(m);
        match groups.iter_mut().find(|(g, _)| *g == k) {
            Some((_, names)) => names.push(m.to_string()),
            None => groups.push((k, vec![m.to_string()])),
        }
    }
    for (_, names) in groups.into_iter().filter(|(_, n)| n.len() > 1) {
        let mut w = Warning::new(SIMILAR_IDS, "warn-similar-members").arg("names", listed(&names));
        w.members = names;
        out.push(w);
    }
    // Members who scored some products and not others.
    if r.products.len() > 1 {
        let total = r.products.len();
        let mut count = vec![0usize; r.members.len()];
        for p in &r.products {
            for s in &p.members {
                count[s.member as usize] += 1;
            }
        }
        for (m, &count) in count.iter().enumerate() {
            // A member who scored at least half the batch and missed the rest: a sheet
            // missing. One who scored fewer sits on another council of a combined batch.
            if count == total || count * 2 < total {
                continue;
            }
            // The first products not scored, not every one: a member of one of several
            // councils in a 200,000-product batch misses most of them.
            let missing: Vec<String> = order
                .iter()
                .filter(|&&i| !r.products[i].members.iter().any(|s| s.member == m as u32))
                .take(MISSING_KEPT)
                .map(|&i| r.products[i].id().to_string())
                .collect();
            let name = r.member_name(m as u32);
            let total_missing = total - count;
            let mut shown = listed(&missing[..LISTED.min(missing.len())]);
            if total_missing > LISTED {
                shown.push_str(&format!(", … +{}", total_missing - LISTED));
            }
            let mut w = Warning::new(MEMBER_MISSING_PRODUCTS, "warn-member-missing-products")
                .text("member", name)
                .arg("scored", count)
                .arg("total", total)
                .arg("missing", shown);
            w.member = Some(name.to_string());
            w.products = missing;
            out.push(w);
        }
    }
    for name in &r.ignored_unused {
        let mut w =
            Warning::new(IGNORED_COLUMN_UNUSED, "warn-ignored-column-unused").text("column", name);
        w.column = Some(name.clone());
        out.push(w);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn similar_ids_differ_by_case_spaces_or_form() {
        let k = similarity_key("HG-2026-01");
        assert_eq!(similarity_key("hg-2026-01"), k);
        assert_eq!(similarity_key(" HG - 2026-01"), k);
        assert_eq!(similarity_key("ＨＧ-2026-01"), k, "full-width letters");
        assert_ne!(similarity_key("HG-2026-001"), k);
        assert_eq!(
            similarity_key("Nguyễn Văn Hùng"),
            similarity_key("nguye\u{0302}\u{0303}n  văn hùng")
        );
    }

    #[test]
    fn every_code_is_snake_case_and_has_both_messages() {
        for code in CODES {
            assert!(code.chars().all(|c| c.is_ascii_lowercase() || c == '_'));
        }
        for key in [
            "warn-fewer-members",
            "warn-few-members",
            "warn-spread",
            "warn-similar-ids",
            "warn-similar-members",
            "warn-member-missing-products",
            "warn-ignored-column-unused",
            "warning-label",
            "warning-as-error",
        ] {
            for lang in Lang::ALL {
                assert!(crate::l10n::has(lang, key), "{key} in {lang}");
            }
        }
    }
}
