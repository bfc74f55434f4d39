//! The criteria TOML format as it is written (docs/criteria-format.md): plain serde structs
//! that reject unknown keys. Nothing here checks arithmetic; `load` turns a `File` into a
//! validated `Edition`.

use serde::Deserialize;
use toml::Spanned;

use crate::points::Points;

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct File {
    pub format: Spanned<u32>,
    pub edition: EditionFile,
    #[serde(default)]
    pub set: Vec<SetFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EditionFile {
    pub id: Spanned<String>,
    pub decision: String,
    pub date: Spanned<String>,
    pub title: String,
    #[serde(default)]
    pub title_en: Option<String>,
    #[serde(default)]
    pub appendix: Option<String>,
    pub total: Spanned<Points>,
    pub bands: Spanned<Vec<Points>>,
    #[serde(default)]
    pub part_max: Option<Spanned<PartMax>>,
    #[serde(default)]
    pub bands_text: Option<String>,
    #[serde(default)]
    pub star_legend: Option<String>,
    #[serde(default)]
    pub source: Option<String>,
    #[serde(default)]
    pub notes: Vec<String>,
}

/// The maxima every set's parts must have (Điều 3.1: A 40, B 25, C 35).
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
#[allow(non_snake_case)]
pub struct PartMax {
    pub A: Points,
    pub B: Points,
    pub C: Points,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SetFile {
    pub number: Spanned<u32>,
    pub code: Spanned<String>,
    pub name: String,
    #[serde(default)]
    pub name_en: Option<String>,
    #[serde(default)]
    pub heading: Option<String>,
    #[serde(default)]
    pub product_line: Option<String>,
    #[serde(default)]
    pub status: Option<Spanned<String>>,
    #[serde(default)]
    pub status_note: Option<String>,
    #[serde(default)]
    pub notes: Vec<String>,
    #[serde(default)]
    pub editor_notes: Vec<String>,
    #[serde(default)]
    pub classification: Option<ClassificationFile>,
    #[serde(default)]
    pub part: Vec<PartFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClassificationFile {
    pub nganh: String,
    pub nhom: String,
    #[serde(default)]
    pub phan_nhom: String,
    #[serde(default)]
    pub co_quan_chu_tri: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PartFile {
    pub id: Spanned<String>,
    pub title: String,
    #[serde(default)]
    pub name_en: Option<String>,
    pub max: Points,
    #[serde(default)]
    pub editor_note: Option<String>,
    #[serde(default)]
    pub section: Vec<SectionFile>,
}

/// A section either holds criteria, or is scored directly (e.g. "7. TÍNH ĐỘC ĐÁO") and then
/// carries the scoring keys of a criterion itself.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionFile {
    pub code: Spanned<String>,
    pub title: String,
    #[serde(default)]
    pub name_en: Option<String>,
    pub max: Points,
    #[serde(default)]
    pub notes: Vec<String>,
    #[serde(default)]
    pub editor_note: Option<String>,
    #[serde(default)]
    pub editor_notes: Vec<String>,
    #[serde(default)]
    pub corrected_from: Option<String>,
    #[serde(default)]
    pub correction: Option<String>,
    #[serde(default)]
    pub criterion: Vec<CriterionFile>,
    #[serde(default)]
    pub options: Vec<OptionFile>,
    #[serde(default)]
    pub yes_no: bool,
    #[serde(default)]
    pub cases: Vec<CaseFile>,
    /// A marker on the whole criterion (148/QĐ-TTg: "Sở hữu trí tuệ****").
    #[serde(default)]
    pub min_star: Option<u8>,
    /// The code of another scored criterion of the set: this one applies only when that one
    /// scores above 0 ("Chỉ áp dụng khi có câu chuyện sản phẩm", 5.2 on 5.1).
    #[serde(default)]
    pub applies_if: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CriterionFile {
    pub code: Spanned<String>,
    pub title: String,
    pub max: Points,
    #[serde(default)]
    pub notes: Vec<String>,
    #[serde(default)]
    pub editor_note: Option<String>,
    #[serde(default)]
    pub corrected_from: Option<String>,
    #[serde(default)]
    pub correction: Option<String>,
    #[serde(default)]
    pub sub: Vec<CriterionFile>,
    #[serde(default)]
    pub options: Vec<OptionFile>,
    #[serde(default)]
    pub yes_no: bool,
    #[serde(default)]
    pub cases: Vec<CaseFile>,
    /// A marker on the whole criterion (148/QĐ-TTg: "Sở hữu trí tuệ****").
    #[serde(default)]
    pub min_star: Option<u8>,
    /// The code of another scored criterion of the set: this one applies only when that one
    /// scores above 0 ("Chỉ áp dụng khi có câu chuyện sản phẩm", 5.2 on 5.1).
    #[serde(default)]
    pub applies_if: Option<Spanned<String>>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CaseFile {
    pub case: String,
    pub label: String,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OptionFile {
    pub points: Spanned<Points>,
    pub label: String,
    #[serde(default)]
    pub min_star: Option<u8>,
    /// This option gives the same points as an earlier one of its ladder, as printed.
    #[serde(default)]
    pub same_points: bool,
    #[serde(default)]
    pub case: Option<String>,
    #[serde(default)]
    pub editor_note: Option<String>,
    #[serde(default)]
    pub corrected_from: Option<String>,
    #[serde(default)]
    pub correction: Option<String>,
}
