//! What a header says: which column is which, and whether the file is wide (one row per
//! product per member, a column per criterion) or long (one row per criterion).

use super::error::{Loc, Problems};
use super::text;
use crate::criteria::{CriteriaSet, Edition};
use crate::msg;

/// Columns with a meaning of their own; the others are criteria or carried along.
pub const PRODUCT_ID: &str = "product_id";
pub const PRODUCT_NAME: &str = "product_name";
pub const SET: &str = "set";
pub const ASSESSOR: &str = "assessor";
pub const DISQUALIFIED: &str = "disqualified";
/// A member's own sum of the row, as Excel users add it: checked, not carried.
pub const TOTAL: [&str; 2] = ["total", "tổng điểm"];
pub const CRITERION: &str = "criterion";
pub const POINTS: &str = "points";
/// Carried columns the documents and the register know by name.
pub const PRODUCER: &str = "producer";
pub const COMMUNE: &str = "commune";

/// Vietnamese names of the columns (issue 11), lower-cased: `(name, the column it is)`.
/// They match after NFC and lower-casing, like the English names, but letter for letter
/// with their diacritics: `Mã SP` and `MÃ SP` are the product id, `Ma SP` is not (a column
/// without its diacritics is another word, and is carried as it is). `Tiêu chí` and `Điểm`
/// (long files) are an extension beyond the list.
pub const VIETNAMESE: [(&str, &str); 14] = [
    ("mã sản phẩm", PRODUCT_ID),
    ("mã sp", PRODUCT_ID),
    ("tên sản phẩm", PRODUCT_NAME),
    ("bộ sản phẩm", SET),
    ("bộ tiêu chí", SET),
    ("thành viên", ASSESSOR),
    ("thành viên hội đồng", ASSESSOR),
    ("người đánh giá", ASSESSOR),
    ("lý do loại", DISQUALIFIED),
    ("hồ sơ bị loại", DISQUALIFIED),
    ("chủ thể", PRODUCER),
    ("xã", COMMUNE),
    ("tiêu chí", CRITERION),
    ("điểm", POINTS),
];

/// The column a header key names: a Vietnamese name becomes its English one.
fn canonical(key: String) -> String {
    match VIETNAMESE.iter().find(|(vi, _)| *vi == key) {
        Some((_, en)) => (*en).to_string(),
        None => key,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// One row per product per member; `criteria` columns.
    Wide,
    /// One row per product × member × criterion.
    Long { criterion: usize, points: usize },
}

/// A criterion column's place for one set.
#[derive(Debug, Clone)]
pub struct SetColumns {
    /// For each scored criterion of the set, its column.
    pub leaves: Vec<Option<usize>>,
    /// Criterion columns that are not scored criteria of this set: they must stay empty.
    pub foreign: Vec<usize>,
    /// Codes of the set with no column.
    pub missing: Vec<String>,
    /// For each scored criterion, the single digits it allows ([`Leaf::digits`]), side by
    /// side so a row's cells are checked without reading the criteria.
    ///
    /// [`Leaf::digits`]: crate::criteria::Leaf::digits
    pub digits: Vec<u16>,
    /// (criterion, criterion it applies under) for each conditional criterion whose both
    /// columns are in the file ("5.2 applies only when 5.1 > 0").
    pub conditions: Vec<(usize, usize)>,
}

#[derive(Debug, Clone)]
pub struct Layout {
    pub kind: Kind,
    /// Header names as written (trimmed, NFC).
    pub names: Vec<String>,
    pub product_id: usize,
    pub set: Option<usize>,
    pub assessor: usize,
    pub product_name: Option<usize>,
    pub disqualified: Option<usize>,
    /// A `total` / `Tổng điểm` column: the member's own sum, checked against the criteria.
    pub total: Option<usize>,
    /// Wide files: criterion columns and their lower-cased codes.
    pub criteria: Vec<(usize, String)>,
    /// Other columns, kept and carried to the output: (column, name).
    pub carried: Vec<(usize, String)>,
    /// Wide files: criterion columns per set, by set position in the edition.
    set_columns: Vec<Option<SetColumns>>,
}

/// A header that looks like a criterion code (`1.1`, `6.1.2`, `11`, `3.đ`).
fn looks_like_code(key: &str) -> bool {
    key.starts_with(|c: char| c.is_ascii_digit())
        && key.chars().count() <= 12
        && key
            .chars()
            .all(|c| c.is_ascii_digit() || c == '.' || c.is_alphabetic())
}

impl Layout {
    /// Reads a header. Problems go to `problems`; `None` if the file cannot be read on.
    /// Columns whose key is in `ignored` (`--ignore-column`, as keys) are dropped: they
    /// count as unnamed columns, so they are neither criteria nor carried nor checked.
    pub fn new(
        names: Vec<String>,
        edition: &Edition,
        default_set: bool,
        ignored: &[String],
        loc: &Loc,
        problems: &mut Problems,
    ) -> Option<Layout> {
        let keys: Vec<String> = names
            .iter()
            .map(|n| text::key(n))
            .map(|k| {
                if ignored.contains(&k) {
                    String::new()
                } else {
                    canonical(k)
                }
            })
            .collect();
        let mut ok = true;
        let mut first_of: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        for (i, k) in keys.iter().enumerate() {
            if k.is_empty() {
                continue;
            }
            let j = *first_of.entry(k.as_str()).or_insert(i);
            if j != i {
                problems.push_cell(
                    loc.clone(),
                    i,
                    &names[i],
                    "duplicate_column",
                    msg!(
                        "input-duplicate-column",
                        first = j + 1,
                        second = i + 1,
                        name = format!("{:?}", text::escape(&names[i])),
                    ),
                );
                ok = false;
            }
        }
        let find = |name: &str| keys.iter().position(|k| k == name);
        let (product_id, set, assessor) = (find(PRODUCT_ID), find(SET), find(ASSESSOR));
        let (criterion, points) = (find(CRITERION), find(POINTS));
        let kind = match (criterion, points) {
            (Some(c), Some(p)) => Some(Kind::Long {
                criterion: c,
                points: p,
            }),
            (None, None) => Some(Kind::Wide),
            _ => None,
        };
        let mut missing = Vec::new();
        if product_id.is_none() {
            missing.push(PRODUCT_ID);
        }
        if set.is_none() && !default_set {
            missing.push(SET);
        }
        if assessor.is_none() {
            missing.push(ASSESSOR);
        }
        match (criterion, points) {
            (Some(_), None) => missing.push(POINTS),
            (None, Some(_)) => missing.push(CRITERION),
            _ => {}
        }
        let mut criteria = Vec::new();
        let mut carried = Vec::new();
        let known = [
            PRODUCT_ID,
            PRODUCT_NAME,
            SET,
            ASSESSOR,
            DISQUALIFIED,
            CRITERION,
            POINTS,
        ];
        for (i, k) in keys.iter().enumerate() {
            if known.contains(&k.as_str()) || TOTAL.contains(&k.as_str()) || k.is_empty() {
                continue;
            }
            if kind == Some(Kind::Wide) && edition.is_code(k) {
                criteria.push((i, k.clone()));
            } else if kind == Some(Kind::Wide) && looks_like_code(k) {
                problems.push_cell(
                    loc.clone(),
                    i,
                    &names[i],
                    "unknown_criterion_column",
                    msg!(
                        "input-unknown-criterion-column",
                        name = format!("{:?}", text::escape(&names[i])),
                        edition = edition.id(),
                    ),
                );
                ok = false;
            } else if first_of.get(k.as_str()) == Some(&i) {
                // `Chủ thể` and `Xã` are carried as `producer` and `commune`, the names the
                // documents, the register and the CSV export use.
                let name = if k == PRODUCER || k == COMMUNE {
                    k.clone()
                } else {
                    names[i].clone()
                };
                carried.push((i, name));
            }
        }
        if !missing.is_empty() {
            let found: Vec<String> = names
                .iter()
                .filter(|n| !n.is_empty())
                .take(40)
                .map(|n| text::escape(n).into_owned())
                .collect();
            let more = names
                .iter()
                .filter(|n| !n.is_empty())
                .count()
                .saturating_sub(40);
            let mut msg = msg!(
                "input-missing-columns",
                n = missing.len(),
                missing = missing.join(", "),
                found = found.join(", "),
                more = more,
            );
            if missing.contains(&SET) {
                msg = msg!("input-missing-set-column", missing = msg);
            }
            problems.push(loc.clone(), None, "missing_columns", msg);
            return None;
        }
        if kind == Some(Kind::Wide) && criteria.is_empty() {
            problems.push(
                loc.clone(),
                None,
                "no_criterion_columns",
                msg!("input-no-criterion-columns"),
            );
            return None;
        }
        if !ok {
            return None;
        }
        Some(Layout {
            kind: kind?,
            names,
            product_id: product_id?,
            set,
            assessor: assessor?,
            product_name: find(PRODUCT_NAME),
            disqualified: find(DISQUALIFIED),
            total: keys.iter().position(|k| TOTAL.contains(&k.as_str())),
            criteria,
            carried,
            set_columns: vec![None; edition.summaries().len()],
        })
    }

    /// Works out the criterion columns of a set (wide files) the first time it is seen;
    /// returns true that first time, when missing columns should be reported.
    pub fn prepare_set(&mut self, index: usize, set: &CriteriaSet) -> bool {
        if self.set_columns[index].is_some() {
            return false;
        }
        let mut leaves = Vec::with_capacity(set.leaves.len());
        let mut missing = Vec::new();
        let by_code: std::collections::HashMap<&str, usize> = self
            .criteria
            .iter()
            .map(|(c, k)| (k.as_str(), *c))
            .collect();
        for leaf in &set.leaves {
            let code = leaf.code.to_lowercase();
            let col = by_code.get(code.as_str()).copied();
            if col.is_none() {
                missing.push(leaf.code.clone());
            }
            leaves.push(col);
        }
        let used: std::collections::HashSet<usize> = leaves.iter().flatten().copied().collect();
        let foreign = self
            .criteria
            .iter()
            .map(|(c, _)| *c)
            .filter(|c| !used.contains(c))
            .collect();
        let digits = set.leaves.iter().map(|l| l.digits).collect();
        let conditions = set
            .leaves
            .iter()
            .enumerate()
            .filter_map(|(i, l)| Some((i, l.applies_if?)))
            .filter(|&(i, j)| leaves[i].is_some() && leaves[j].is_some())
            .collect();
        self.set_columns[index] = Some(SetColumns {
            leaves,
            foreign,
            missing,
            digits,
            conditions,
        });
        true
    }

    /// The criterion columns of a set prepared with [`Layout::prepare_set`].
    pub fn set_columns(&self, index: usize) -> &SetColumns {
        self.set_columns[index].as_ref().expect("prepare_set first")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::criteria::embedded::Embedded;
    use std::sync::Arc;

    fn layout(header: &str, default_set: bool) -> (Option<Layout>, Vec<String>) {
        let e = Embedded::find("qd26-2026").unwrap().load();
        let names = header.split(',').map(str::to_string).collect();
        let mut p = Problems::new(50);
        let file: Arc<str> = "a.csv".into();
        let l = Layout::new(names, &e, default_set, &[], &Loc::line(0, &file, 1), &mut p);
        (l, p.sorted().0.iter().map(ToString::to_string).collect())
    }

    #[test]
    fn wide_header_with_carried_columns() {
        let (l, errs) = layout(
            "Product_ID,product_name,set,assessor,1.1,1.2,producer,commune",
            false,
        );
        assert!(errs.is_empty(), "{errs:?}");
        let l = l.unwrap();
        assert_eq!(l.kind, Kind::Wide);
        assert_eq!(l.criteria, [(4, "1.1".to_string()), (5, "1.2".to_string())]);
        assert_eq!(
            l.carried,
            [(6, "producer".to_string()), (7, "commune".to_string())]
        );
    }

    #[test]
    fn long_header() {
        let (l, _) = layout("product_id,set,assessor,criterion,points", false);
        assert_eq!(
            l.unwrap().kind,
            Kind::Long {
                criterion: 3,
                points: 4
            }
        );
    }

    #[test]
    fn all_missing_columns_are_listed() {
        let (l, errs) = layout("name,1.1", false);
        assert!(l.is_none());
        assert_eq!(
            errs,
            [
                "a.csv:1: missing required columns: product_id, set, assessor (the header has: name, 1.1); without a set column, give --set"
            ]
        );
        let (l, _) = layout("product_id,assessor,1.1", true);
        assert!(l.is_some(), "--set stands in for the set column");
    }

    #[test]
    fn duplicate_and_unknown_criterion_columns() {
        let (l, errs) = layout("product_id,set,assessor,1.1,1.99,1.1", false);
        assert!(l.is_none());
        assert_eq!(errs.len(), 2, "{errs:?}");
        assert!(
            errs.iter()
                .any(|e| e.contains("column 1.1: duplicate column: columns 4 and 6"))
        );
        assert!(errs.iter().any(|e| {
            e.contains("column 1.99: \"1.99\" is not a criterion of any set of qd26-2026")
        }));
    }

    #[test]
    fn ignored_columns_are_dropped() {
        let e = Embedded::find("qd26-2026").unwrap().load();
        let names = "product_id,set,assessor,1.1,Ghi chú,Tổng điểm,ghi chú"
            .split(',')
            .map(str::to_string)
            .collect();
        let mut p = Problems::new(50);
        let file: Arc<str> = "a.csv".into();
        let ignored = ["ghi chú".to_string(), "tổng điểm".to_string()];
        let l = Layout::new(names, &e, false, &ignored, &Loc::line(0, &file, 1), &mut p)
            .expect("a duplicate ignored column is no problem");
        assert!(p.is_empty());
        assert!(l.carried.is_empty() && l.total.is_none());
        assert_eq!(l.criteria, [(3, "1.1".to_string())]);
    }

    #[test]
    fn vietnamese_column_names() {
        let (l, errs) = layout(
            "Mã sản phẩm,Tên sản phẩm,Bộ sản phẩm,Thành viên hội đồng,Lý do loại,Chủ thể,Xã,1.1",
            false,
        );
        assert!(errs.is_empty(), "{errs:?}");
        let l = l.unwrap();
        assert_eq!(
            (
                l.product_id,
                l.product_name,
                l.set,
                l.assessor,
                l.disqualified
            ),
            (0, Some(1), Some(2), 3, Some(4))
        );
        assert_eq!(
            l.carried,
            [(5, "producer".to_string()), (6, "commune".to_string())]
        );
        for (header, want) in [
            ("Mã SP,Bộ tiêu chí,Thành viên,1.1", (0, 1, 2)),
            ("MÃ SP,BỘ TIÊU CHÍ,NGƯỜI ĐÁNH GIÁ,1.1", (0, 1, 2)),
            (
                "Người đánh giá,Mã SP,Bộ sản phẩm,Hồ sơ bị loại,1.1",
                (1, 2, 0),
            ),
        ] {
            let (l, errs) = layout(header, false);
            assert!(errs.is_empty(), "{header}: {errs:?}");
            let l = l.unwrap();
            assert_eq!((l.product_id, l.set.unwrap(), l.assessor), want, "{header}");
        }
        // Decomposed (NFD) headers, as some Mac tools write them, are the same names.
        use unicode_normalization::UnicodeNormalization;
        let nfd: String = "Mã sản phẩm,Bộ sản phẩm,Thành viên,1.1".nfd().collect();
        assert_ne!(nfd, "Mã sản phẩm,Bộ sản phẩm,Thành viên,1.1");
        let (l, errs) = layout(&nfd, false);
        assert!(errs.is_empty() && l.is_some(), "{errs:?}");
        // Without diacritics a name is another word: carried, and the column is missing.
        let (l, errs) = layout("Ma san pham,Bộ sản phẩm,Thành viên,1.1", false);
        assert!(l.is_none());
        assert!(
            errs[0].contains("missing required column: product_id"),
            "{errs:?}"
        );
        // Long files: Tiêu chí and Điểm.
        let (l, _) = layout("Mã SP,Bộ,Thành viên,Tiêu chí,Điểm", true);
        assert_eq!(
            l.unwrap().kind,
            Kind::Long {
                criterion: 3,
                points: 4
            }
        );
        // A Vietnamese name and its English one in one header are one column twice.
        let (l, errs) = layout("product_id,Mã SP,set,assessor,1.1", false);
        assert!(l.is_none());
        assert!(
            errs[0].contains("duplicate column: columns 1 and 2"),
            "{errs:?}"
        );
    }

    #[test]
    fn code_lookalikes() {
        assert!(looks_like_code("6.1.2") && looks_like_code("11") && looks_like_code("3.đ"));
        assert!(!looks_like_code("2nd_phone") && !looks_like_code("x1") && !looks_like_code(""));
    }
}
