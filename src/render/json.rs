//! The report as JSON: the same results as the CSV, structured, with stable key names.

use std::collections::BTreeMap;
use std::io::{self, Write};

use serde::Serialize;
use serde::ser::Serializer;

use crate::input::InputError;
use crate::l10n::Lang;
use crate::points::Points;
use crate::report::{ProductResult, Report};
use crate::scoring::{Mean, NextStar, Shortfall};
use crate::warnings::Warning;

/// The version of the JSON layouts (docs/json.md; docs/schema/*.schema.json): raised when a
/// key changes meaning or goes away; keys may be added within a version.
/// 3: `warnings`; carried columns named as in the CSV (`input_rank`); `check` and `score`
/// with input problems print the problems document with `schema_version`.
pub const SCHEMA_VERSION: u32 = 3;

/// One warning, as `score --format json` and `check --format json` list it.
#[derive(Serialize)]
pub struct JsonWarning<'a> {
    code: &'static str,
    /// In the language of `--lang`; scripts use `code`.
    message: String,
    file: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    sheet: Option<&'a str>,
    line: Option<u64>,
    product_id: Option<&'a str>,
    member: Option<&'a str>,
    column: Option<&'a str>,
    products: &'a [String],
    members: &'a [String],
}

impl<'a> JsonWarning<'a> {
    pub fn new(w: &'a Warning, lang: Lang) -> JsonWarning<'a> {
        JsonWarning {
            code: w.code,
            message: w.message(lang),
            file: w.file.as_deref(),
            sheet: w.sheet.as_deref(),
            line: w.line,
            product_id: w.product_id.as_deref(),
            member: w.member.as_deref(),
            column: w.column.as_deref(),
            products: &w.products,
            members: &w.members,
        }
    }
}

/// One input problem.
#[derive(Serialize)]
pub struct JsonProblem<'a> {
    file: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    sheet: Option<&'a str>,
    line: Option<u64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    cell: Option<String>,
    code: &'static str,
    column: Option<&'a str>,
    /// In the language of `--lang`; scripts use `code`.
    message: String,
}

impl<'a> JsonProblem<'a> {
    pub fn new(p: &'a InputError, lang: Lang) -> JsonProblem<'a> {
        JsonProblem {
            file: &p.loc.file,
            sheet: p.loc.sheet.as_deref(),
            line: p.loc.line,
            cell: p.cell_ref(),
            code: p.code,
            column: p.column.as_deref(),
            message: p.message_in(lang),
        }
    }
}

/// What a readable input held (`check`).
#[derive(Serialize, Clone, Copy, Debug, Default)]
pub struct ReadCounts {
    pub files: usize,
    pub products: usize,
    pub members: usize,
    pub sheets: usize,
}

/// The problems document: `check --format json`, and `score --format json` when the input
/// has problems (or warnings under `--strict`).
#[derive(Serialize)]
pub struct ProblemsDoc<'a> {
    pub schema_version: u32,
    /// No problems (and, under `--strict`, no warnings).
    pub ok: bool,
    pub strict: bool,
    pub problems_total: usize,
    pub problems: Vec<JsonProblem<'a>>,
    pub warnings: Vec<JsonWarning<'a>>,
    /// What was read, when the input had no problems.
    pub read: Option<ReadCounts>,
}

/// Writes the problems document, pretty, and a newline.
pub fn write_problems(out: &mut dyn Write, doc: &ProblemsDoc) -> io::Result<()> {
    let mut text = serde_json::to_vec_pretty(doc)?;
    text.push(b'\n');
    out.write_all(&text)
}

#[derive(Serialize)]
struct Doc<'a> {
    schema_version: u32,
    edition: &'a str,
    decision: &'a str,
    council: &'static str,
    max_spread: Points,
    summary: JsonSummary,
    notices: &'a [String],
    warnings: Vec<JsonWarning<'a>>,
    #[serde(serialize_with = "each_product")]
    products: &'a Report<'a>,
}

/// Products serialised one at a time, so a large report is not held twice in memory.
fn each_product<S: Serializer>(r: &&Report<'_>, s: S) -> Result<S::Ok, S::Error> {
    let mut codes: std::collections::HashMap<u8, Vec<(&str, usize)>> =
        std::collections::HashMap::new();
    for p in &r.products {
        codes
            .entry(p.set.number)
            .or_insert_with(|| sorted_keys(section_codes(p.set)));
    }
    let carried = super::carried_names(&r.carried);
    let carried = sorted_keys(carried.iter().map(String::as_str));
    s.collect_seq(
        r.products
            .iter()
            .map(|p| product(r, p, &codes[&p.set.number], &carried)),
    )
}

#[derive(Serialize)]
struct JsonSummary {
    products: usize,
    certified: usize,
    nominated: usize,
    returned: usize,
    not_certified: usize,
    disqualified: usize,
    held_back: usize,
    spread_flags: usize,
    by_stars: BTreeMap<String, usize>,
}

#[derive(Serialize)]
struct Member<'a> {
    member: &'a str,
    total: Points,
    parts: [Points; 3],
    #[serde(skip_serializing_if = "Option::is_none")]
    sections: Option<SectionSums<'a>>,
}

/// A member's section sums as a JSON object whose keys come in the order of `keys` (each
/// section code with the position of its sum): the keys sorted once per set, not a map built
/// per member and product. The object is the one a `BTreeMap` gave.
struct SectionSums<'a> {
    keys: &'a [(&'a str, usize)],
    values: &'a [u32],
}

impl Serialize for SectionSums<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.keys.iter().map(|&(k, i)| (k, Points(self.values[i]))))
    }
}

/// `names` in the order of a `BTreeMap`'s keys, each with its position (a repeated name keeps
/// its last position, as a map does).
fn sorted_keys<'a>(names: impl IntoIterator<Item = &'a str>) -> Vec<(&'a str, usize)> {
    let mut keys: Vec<(&str, usize)> = names.into_iter().enumerate().map(|(i, n)| (n, i)).collect();
    keys.sort();
    keys.reverse();
    keys.dedup_by_key(|k| k.0);
    keys.reverse();
    keys
}

/// The carried values of a product, non-empty ones only, keys in sorted order.
struct Carried<'a> {
    keys: &'a [(&'a str, usize)],
    product: &'a ProductResult<'a>,
}

impl Serialize for Carried<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(
            self.keys
                .iter()
                .map(|&(k, i)| (k, self.product.carried(i)))
                .filter(|(_, v)| !v.is_empty()),
        )
    }
}

#[derive(Serialize)]
struct MemberTotal<'a> {
    member: &'a str,
    total: Points,
}

#[derive(Serialize)]
struct JsonSpread<'a> {
    spread: Points,
    limit: Points,
    highest: MemberTotal<'a>,
    lowest: MemberTotal<'a>,
}

#[derive(Serialize)]
struct Product<'a> {
    rank: u32,
    product_id: &'a str,
    product_name: &'a str,
    set: u8,
    set_code: &'a str,
    set_name: &'a str,
    set_status: &'static str,
    members_count: usize,
    part_a: Mean,
    part_b: Mean,
    part_c: Mean,
    total: Mean,
    band_stars: u8,
    stars: u8,
    certified: bool,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    markers_5_met: Option<bool>,
    held_back_by: &'a [Shortfall<'a>],
    spread_flag: Option<JsonSpread<'a>>,
    next_star: Option<&'a NextStar<'a>>,
    disqualified_reason: Option<String>,
    members: Vec<Member<'a>>,
    #[serde(skip_serializing_if = "Means::is_empty")]
    criteria: Means<'a>,
    carried: Carried<'a>,
}

/// Criterion means as an object in sheet order: `{"1.1": 2.6, …}`.
struct Means<'a>(&'a ProductResult<'a>);

impl Means<'_> {
    fn is_empty(&self) -> bool {
        self.0.criterion_means().len() == 0
    }
}

impl Serialize for Means<'_> {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_map(self.0.criterion_means())
    }
}

fn product<'a>(
    r: &'a Report<'a>,
    p: &'a ProductResult<'a>,
    sections: &'a [(&'a str, usize)],
    carried: &'a [(&'a str, usize)],
) -> Product<'a> {
    let member = |id: u32, total: Points| MemberTotal {
        member: r.member_name(id),
        total,
    };
    let [part_a, part_b, part_c] = p.parts();
    Product {
        rank: p.rank,
        product_id: p.id(),
        product_name: p.name(),
        set: p.set.number,
        set_code: &p.set.code,
        set_name: &p.set.name,
        set_status: p.set.status.as_str(),
        members_count: p.members.len(),
        part_a,
        part_b,
        part_c,
        total: p.total,
        band_stars: p.band.get(),
        stars: p.stars,
        certified: p.certified,
        status: p.status.as_str(),
        markers_5_met: p.markers_5_met,
        held_back_by: &p.held_back,
        spread_flag: p.spread.as_deref().map(|s| JsonSpread {
            spread: s.spread,
            limit: s.limit,
            highest: member(s.highest.0, s.highest.1),
            lowest: member(s.lowest.0, s.lowest.1),
        }),
        next_star: p.next_star(),
        disqualified_reason: (!p.disqualified().is_empty()).then(|| p.disqualified().join("; ")),
        members: p
            .members
            .iter()
            .enumerate()
            .map(|(i, m)| Member {
                member: r.member_name(m.member),
                total: Points(m.total),
                parts: m.parts.map(Points),
                sections: (!p.member_sections(i).is_empty()).then(|| SectionSums {
                    keys: sections,
                    values: p.member_sections(i),
                }),
            })
            .collect(),
        criteria: Means(p),
        carried: Carried {
            keys: carried,
            product: p,
        },
    }
}

/// The codes of a set's sections, in sheet order.
pub fn section_codes(set: &crate::criteria::CriteriaSet) -> Vec<&str> {
    set.parts
        .iter()
        .flat_map(|p| p.sections.iter().map(|s| s.code.as_str()))
        .collect()
}

/// The report with its warnings, messages in English.
pub fn write(out: &mut dyn Write, r: &Report) -> io::Result<()> {
    write_with(out, r, &crate::warnings::check(r), Lang::En)
}

/// The report with `warnings` (see [`crate::warnings::check`]), their messages in `lang`.
pub fn write_with(
    out: &mut dyn Write,
    r: &Report,
    warnings: &[Warning],
    lang: Lang,
) -> io::Result<()> {
    let s = &r.summary;
    let doc = Doc {
        schema_version: SCHEMA_VERSION,
        edition: r.edition.id(),
        decision: &r.edition.meta.decision,
        council: r.options.council.as_str(),
        max_spread: r.options.max_spread,
        summary: JsonSummary {
            products: s.products,
            certified: s.certified,
            nominated: s.nominated,
            returned: s.returned,
            not_certified: s.not_certified,
            disqualified: s.disqualified,
            held_back: s.held_back,
            spread_flags: s.spread_flags,
            by_stars: (0..=5).map(|i| (i.to_string(), s.by_stars[i])).collect(),
        },
        notices: &r.notices,
        warnings: warnings.iter().map(|w| JsonWarning::new(w, lang)).collect(),
        products: r,
    };
    let mut w = io::BufWriter::with_capacity(64 * 1024, &mut *out);
    serde_json::to_writer_pretty(&mut w, &doc)?;
    writeln!(w)?;
    w.flush()
}

#[cfg(test)]
mod tests {
    use super::sorted_keys;
    use proptest::prelude::*;

    proptest! {
        /// The keys come in a `BTreeMap`'s order, each with the position a map would keep
        /// (the last, for a repeated name).
        #[test]
        fn sorted_keys_are_a_btreemaps(names in proptest::collection::vec("[a-c0-9.]{0,3}", 0..12)) {
            let map: std::collections::BTreeMap<&str, usize> =
                names.iter().enumerate().map(|(i, n)| (n.as_str(), i)).collect();
            let want: Vec<(&str, usize)> = map.into_iter().collect();
            prop_assert_eq!(sorted_keys(names.iter().map(String::as_str)), want);
        }
    }
}
