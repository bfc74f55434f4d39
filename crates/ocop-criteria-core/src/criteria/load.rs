//! Reads a criteria TOML file into a validated `Edition`. Every rule of the format is checked
//! here, once, at load; each failure names the file, line, set and criterion, with the numbers.

use std::collections::HashSet;
use std::fmt;
use std::ops::Range;

use serde::Deserialize;

use super::file::{CriterionFile, EditionFile, File, OptionFile, SectionFile, SetFile};
use super::{
    Case, Choice, Classification, CriteriaSet, Criterion, Edition, EditionMeta, Leaf, Part,
    Scoring, Section, SetStatus, Stars,
};
use crate::points::Points;

/// The criteria format version this build reads.
pub const FORMAT: u32 = 1;

/// The most scored criteria a set may have (OCOP's have 25 to 34).
pub const MAX_CRITERIA: usize = 1000;

/// The largest edition total accepted (OCOP's is 100).
pub const MAX_TOTAL: Points = Points::whole(1_000_000);

/// Column names of assessment files; a criterion code must not take one of them.
pub const RESERVED_CODES: &[&str] = &[
    "product_id",
    "product_name",
    "set",
    "assessor",
    "criterion",
    "points",
    "disqualified",
];

/// One problem in a criteria file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CriteriaError {
    /// The file (or `embedded:qd26-2026`).
    pub origin: String,
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
}

impl fmt::Display for CriteriaError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.origin)?;
        if let Some(line) = self.line {
            write!(f, ":{line}")?;
            if let Some(col) = self.column {
                write!(f, ":{col}")?;
            }
        }
        write!(f, ": {}", self.message)
    }
}

/// Every problem found in one criteria file (at least one).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CriteriaErrors(pub Vec<CriteriaError>);

impl fmt::Display for CriteriaErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, e) in self.0.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{e}")?;
        }
        Ok(())
    }
}

impl std::error::Error for CriteriaErrors {}

/// The largest criteria file read (16 MiB; the official editions are about 0.6 MB each).
/// Callers reading a file stop there, so `--criteria /dev/zero` is an error, not a hang.
pub const MAX_FILE_BYTES: u64 = 16 * 1024 * 1024;

/// Parses and validates a criteria file. `origin` names it in messages.
pub fn parse(text: &str, origin: &str) -> Result<Edition, CriteriaErrors> {
    parse_reserving(text, origin, &[])
}

/// Like [`parse`], but refuses an edition whose id is one of `reserved` (the embedded
/// editions' ids: a custom file must not pass itself off as an official edition).
pub fn parse_reserving(
    text: &str,
    origin: &str,
    reserved: &[&str],
) -> Result<Edition, CriteriaErrors> {
    let mut cx = Cx {
        origin,
        text,
        errors: Vec::new(),
        applies_if_spans: Vec::new(),
    };
    let root = match toml::de::DeTable::parse(text) {
        Ok(root) => root,
        Err(e) => {
            let msg = e.message().trim_end().to_string();
            cx.error(e.span(), msg);
            return Err(CriteriaErrors(cx.errors));
        }
    };
    // Every key and string of the file, before anything echoes one in a message.
    cx.check_text_table(root.get_ref());
    if !cx.errors.is_empty() {
        return Err(CriteriaErrors(cx.errors));
    }
    let file = match File::deserialize(toml::de::Deserializer::from(root)) {
        Ok(f) => f,
        Err(e) => {
            let msg = e.message().trim_end().to_string();
            cx.error(e.span(), msg);
            return Err(CriteriaErrors(cx.errors));
        }
    };
    if let Some(r) = reserved
        .iter()
        .find(|r| **r == file.edition.id.get_ref().as_str())
    {
        cx.error(
            Some(file.edition.id.span()),
            format!(
                "edition id {r:?} is reserved for the embedded official edition; give a custom criteria file an id of its own"
            ),
        );
    }
    let edition = cx.edition(file);
    if cx.errors.is_empty() {
        Ok(edition)
    } else {
        Err(CriteriaErrors(cx.errors))
    }
}

struct Cx<'a> {
    origin: &'a str,
    text: &'a str,
    errors: Vec<CriteriaError>,
    /// The `applies_if` keys of the set being read: the criterion's code and the key's span.
    applies_if_spans: Vec<(String, Range<usize>)>,
}

/// Why a character may not appear in a criteria file's text, if it may not: control
/// characters (C0 including tab and line breaks, DEL, C1) and bidirectional formatting
/// characters, which would reach terminals, tables and workbooks as they are.
pub fn forbidden_char(c: char) -> Option<&'static str> {
    match c {
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => Some("control character"),
        '\u{200e}'
        | '\u{200f}'
        | '\u{061c}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}' => Some("bidirectional formatting character"),
        _ => None,
    }
}

impl Cx<'_> {
    fn check_text_table(&mut self, table: &toml::de::DeTable<'_>) {
        for (key, value) in table.iter() {
            self.check_text(key.get_ref(), key.span(), "key");
            self.check_text_value(value);
        }
    }

    fn check_text_value(&mut self, value: &toml::Spanned<toml::de::DeValue<'_>>) {
        match value.get_ref() {
            toml::de::DeValue::String(s) => self.check_text(s, value.span(), "text"),
            toml::de::DeValue::Array(a) => {
                for v in a.iter() {
                    self.check_text_value(v);
                }
            }
            toml::de::DeValue::Table(t) => self.check_text_table(t),
            _ => {}
        }
    }

    fn check_text(&mut self, s: &str, span: Range<usize>, what: &str) {
        if let Some((c, why)) = s.chars().find_map(|c| forbidden_char(c).map(|w| (c, w))) {
            self.error(
                Some(span),
                format!(
                    "{what} contains the {why} U+{:04X}; criteria text must not contain control or bidirectional formatting characters",
                    u32::from(c)
                ),
            );
        }
    }

    fn error(&mut self, span: Option<Range<usize>>, message: String) {
        let (line, column) = match span {
            Some(span) => {
                let (l, c) = line_col(self.text, span.start);
                (Some(l), Some(c))
            }
            None => (None, None),
        };
        self.errors.push(CriteriaError {
            origin: self.origin.to_string(),
            line,
            column,
            message,
        });
    }

    fn edition(&mut self, file: File) -> Edition {
        if *file.format.get_ref() != FORMAT {
            self.error(
                Some(file.format.span()),
                format!(
                    "format {} is not supported: this ocop reads criteria format {FORMAT}",
                    file.format.get_ref()
                ),
            );
        }
        let EditionFile {
            id,
            decision,
            date,
            title,
            title_en,
            appendix,
            total,
            bands,
            part_max,
            bands_text,
            star_legend,
            source,
            notes,
        } = file.edition;
        let id_ok = !id.get_ref().is_empty()
            && id
                .get_ref()
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-' || b == b'_');
        if !id_ok {
            self.error(
                Some(id.span()),
                format!(
                    "edition id {:?} must be lower-case letters, digits, '-' or '_'",
                    id.get_ref()
                ),
            );
        }
        if !is_iso_date(date.get_ref()) {
            self.error(
                Some(date.span()),
                format!(
                    "date {:?} must be a real calendar date written YYYY-MM-DD",
                    date.get_ref()
                ),
            );
        }
        let total_span = total.span();
        let total = total.into_inner();
        if total == Points::ZERO {
            self.error(Some(total_span), "total must be more than 0".into());
        } else if total > MAX_TOTAL {
            // Keeps every sum of a set, and of a member's sheet, far from overflowing.
            self.error(
                Some(total_span),
                format!("total {total} is above the largest allowed, {MAX_TOTAL}"),
            );
        }
        let bands_span = bands.span();
        let bands_v = bands.into_inner();
        let mut band_arr = [Points::ZERO; 5];
        if bands_v.len() != 5 {
            self.error(
                Some(bands_span),
                format!(
                    "bands must list the lowest totals of 1, 2, 3, 4 and 5 stars (5 numbers), found {}",
                    bands_v.len()
                ),
            );
        } else {
            band_arr.copy_from_slice(&bands_v);
            if band_arr[0] != Points::ZERO {
                self.error(
                    Some(bands_span.clone()),
                    format!("bands must start at 0 (1 star), found {}", band_arr[0]),
                );
            }
            for w in band_arr.windows(2) {
                if w[1] <= w[0] {
                    self.error(
                        Some(bands_span.clone()),
                        format!("bands must increase: {} is followed by {}", w[0], w[1]),
                    );
                }
            }
            if band_arr[4] > total {
                self.error(
                    Some(bands_span),
                    format!(
                        "the 5-star band starts at {} above the total {total}",
                        band_arr[4]
                    ),
                );
            }
        }
        let part_max = part_max.map(|pm| {
            let span = pm.span();
            let pm = pm.into_inner();
            let arr = [pm.A, pm.B, pm.C];
            let sum: Points = arr.iter().copied().sum();
            if sum != total {
                self.error(
                    Some(span),
                    format!(
                        "part_max adds up to {} ({} + {} + {}), but the total is {total}",
                        shown(sum),
                        arr[0],
                        arr[1],
                        arr[2]
                    ),
                );
            }
            arr
        });
        if file.set.is_empty() {
            self.error(None, "the edition has no [[set]]".into());
        }
        let mut numbers = HashSet::new();
        let mut codes = HashSet::new();
        let mut sets = Vec::with_capacity(file.set.len());
        for raw in file.set {
            if !numbers.insert(*raw.number.get_ref()) {
                self.error(
                    Some(raw.number.span()),
                    format!("set number {} is used twice", raw.number.get_ref()),
                );
            }
            if !codes.insert(raw.code.get_ref().to_ascii_uppercase()) {
                self.error(
                    Some(raw.code.span()),
                    format!("set code {} is used twice", raw.code.get_ref()),
                );
            }
            if let Some(set) = self.set(raw, total, part_max) {
                sets.push(set);
            }
        }
        sets.sort_by_key(|s| s.number);
        let meta = EditionMeta {
            id: id.into_inner(),
            decision,
            date: date.into_inner(),
            title,
            title_en,
            appendix,
            total,
            bands: band_arr,
            bands_text,
            star_legend,
            source,
            notes,
        };
        Edition::new(meta, sets)
    }

    fn set(
        &mut self,
        raw: SetFile,
        total: Points,
        part_max: Option<[Points; 3]>,
    ) -> Option<CriteriaSet> {
        let number_span = raw.number.span();
        let number = match u8::try_from(*raw.number.get_ref()) {
            Ok(n) if n >= 1 => n,
            _ => {
                self.error(
                    Some(number_span),
                    format!(
                        "set number {} must be between 1 and 255",
                        raw.number.get_ref()
                    ),
                );
                return None;
            }
        };
        let code = raw.code.get_ref().clone();
        let here = format!("set {number}");
        if code.trim().is_empty() || code.trim() != code {
            self.error(
                Some(raw.code.span()),
                format!("{here}: code {code:?} must be non-empty, without surrounding spaces"),
            );
        }
        let status = match raw.status.as_ref().map(|s| s.get_ref().as_str()) {
            None | Some("verified") => SetStatus::Verified,
            Some("unverified") => SetStatus::Unverified,
            Some("incomplete") => SetStatus::Incomplete,
            Some(other) => {
                let span = raw.status.as_ref().map(|s| s.span());
                self.error(
                    span,
                    format!(
                        "{here}: status {other:?} is not one of \"verified\", \"unverified\", \"incomplete\""
                    ),
                );
                SetStatus::Verified
            }
        };
        if status != SetStatus::Verified
            && raw
                .status_note
                .as_deref()
                .is_none_or(|n| n.trim().is_empty())
        {
            self.error(
                Some(number_span.clone()),
                format!(
                    "{here}: status \"{}\" needs a status_note saying why",
                    status.as_str()
                ),
            );
        }
        // A set known not to add up is exempt from the sums: it is refused when scored.
        let sums = status != SetStatus::Incomplete;
        let ids: Vec<&str> = raw.part.iter().map(|p| p.id.get_ref().as_str()).collect();
        if ids != ["A", "B", "C"] {
            self.error(
                Some(number_span.clone()),
                format!(
                    "{here}: parts must be A, B and C in that order, found [{}]",
                    ids.join(", ")
                ),
            );
            return None;
        }
        let mut seen_codes = HashSet::new();
        self.applies_if_spans.clear();
        let mut parts = Vec::with_capacity(3);
        for (pi, rp) in raw.part.into_iter().enumerate() {
            let part_here = format!("{here}, part {}", rp.id.get_ref());
            if rp.max == Points::ZERO {
                self.error(
                    Some(rp.id.span()),
                    format!("{part_here}: max must be more than 0"),
                );
            }
            if let Some(pm) = part_max
                && rp.max != pm[pi]
            {
                self.error(
                    Some(rp.id.span()),
                    format!(
                        "{part_here}: max is {}, but the edition's part_max gives {} {}",
                        rp.max,
                        rp.id.get_ref(),
                        pm[pi]
                    ),
                );
            }
            let mut sections = Vec::with_capacity(rp.section.len());
            for rs in rp.section {
                sections.push(self.section(&here, rs, sums, &mut seen_codes));
            }
            let sum: Points = sections.iter().map(|s| s.max).sum();
            if sums && sum != rp.max {
                self.error(
                    Some(rp.id.span()),
                    format!(
                        "{part_here}: sections add up to {} ({}), but the part's max is {}",
                        shown(sum),
                        join_sum(sections.iter().map(|s| s.max)),
                        rp.max
                    ),
                );
            }
            parts.push(Part {
                id: rp.id.into_inner(),
                title: rp.title,
                name_en: rp.name_en,
                max: rp.max,
                editor_note: rp.editor_note,
                sections,
            });
        }
        let sum: Points = parts.iter().map(|p| p.max).sum();
        if sums && sum != total {
            self.error(
                Some(number_span.clone()),
                format!(
                    "{here}: parts add up to {} ({}), but the edition's total is {total}",
                    shown(sum),
                    join_sum(parts.iter().map(|p| p.max))
                ),
            );
        }
        let leaves = derive_leaves(&parts);
        self.check_applies_if(&here, &parts, &leaves);
        if leaves.len() > MAX_CRITERIA {
            self.error(
                Some(number_span.clone()),
                format!(
                    "{here}: has {} scored criteria; at most {MAX_CRITERIA} are allowed",
                    leaves.len()
                ),
            );
        }
        Some(CriteriaSet {
            number,
            code,
            name: raw.name,
            name_en: raw.name_en,
            heading: raw.heading,
            product_line: raw.product_line,
            classification: raw.classification.map(|c| Classification {
                nganh: c.nganh,
                nhom: c.nhom,
                phan_nhom: c.phan_nhom,
                co_quan_chu_tri: c.co_quan_chu_tri,
            }),
            status,
            status_note: raw.status_note,
            notes: raw.notes,
            editor_notes: raw.editor_notes,
            parts,
            leaves,
        })
    }

    fn section(
        &mut self,
        set_here: &str,
        rs: SectionFile,
        sums: bool,
        seen: &mut HashSet<String>,
    ) -> Section {
        let code_span = rs.code.span();
        let code = rs.code.get_ref().clone();
        let here = format!("{set_here}, section {code}");
        let has_scoring =
            !rs.options.is_empty() || rs.yes_no || !rs.cases.is_empty() || rs.min_star.is_some();
        let mut editor_notes = rs.editor_notes;
        if rs.criterion.is_empty() {
            // Scored directly: the section is its own single criterion.
            if !has_scoring {
                self.error(
                    Some(code_span),
                    format!("{here}: has no criteria; a section scored directly needs options or yes_no = true"),
                );
            }
            let crit = CriterionFile {
                code: rs.code,
                title: rs.title.clone(),
                max: rs.max,
                notes: rs.notes,
                editor_note: rs.editor_note,
                corrected_from: rs.corrected_from,
                correction: rs.correction,
                sub: Vec::new(),
                options: rs.options,
                yes_no: rs.yes_no,
                cases: rs.cases,
                min_star: rs.min_star,
                applies_if: rs.applies_if,
            };
            let c = self.criterion(set_here, crit, sums, seen);
            return Section {
                code,
                title: rs.title,
                name_en: rs.name_en,
                max: rs.max,
                notes: Vec::new(),
                editor_notes,
                direct: true,
                criteria: vec![c],
            };
        }
        if has_scoring || rs.applies_if.is_some() {
            self.error(
                Some(code_span.clone()),
                format!(
                    "{here}: has criteria and also options/yes_no/applies_if of its own; give one or the other"
                ),
            );
        }
        if rs.corrected_from.is_some() || rs.correction.is_some() {
            self.error(
                Some(code_span.clone()),
                format!("{here}: corrected_from/correction belong on the criterion or option that was corrected"),
            );
        }
        if !is_code(&code) {
            self.error(
                Some(code_span.clone()),
                format!("{set_here}: section code {code:?} {CODE_RULE}"),
            );
        }
        if !seen.insert(code.clone()) {
            self.error(
                Some(code_span.clone()),
                format!("{set_here}: code {code} is used twice"),
            );
        }
        editor_notes.extend(rs.editor_note);
        let criteria: Vec<Criterion> = rs
            .criterion
            .into_iter()
            .map(|c| self.criterion(set_here, c, sums, seen))
            .collect();
        let sum: Points = criteria.iter().map(|c| c.max).sum();
        if sums && sum != rs.max {
            self.error(
                Some(code_span),
                format!(
                    "{here}: criteria add up to {} ({}), but the section's max is {}",
                    shown(sum),
                    join_sum(criteria.iter().map(|c| c.max)),
                    rs.max
                ),
            );
        }
        Section {
            code,
            title: rs.title,
            name_en: rs.name_en,
            max: rs.max,
            notes: rs.notes,
            editor_notes,
            direct: false,
            criteria,
        }
    }

    fn criterion(
        &mut self,
        set_here: &str,
        rc: CriterionFile,
        sums: bool,
        seen: &mut HashSet<String>,
    ) -> Criterion {
        let span = rc.code.span();
        let code = rc.code.into_inner();
        let here = format!("{set_here}, criterion {code}");
        if code.is_empty() || code.trim() != code || code.chars().any(char::is_control) {
            self.error(
                Some(span.clone()),
                format!("{set_here}: criterion code {code:?} must be non-empty, without surrounding spaces"),
            );
        } else if RESERVED_CODES.iter().any(|r| r.eq_ignore_ascii_case(&code)) {
            self.error(
                Some(span.clone()),
                format!("{set_here}: criterion code {code:?} is a reserved column name of assessment files"),
            );
        } else if !is_code(&code) {
            self.error(
                Some(span.clone()),
                format!("{set_here}: criterion code {code:?} {CODE_RULE}"),
            );
        }
        if !seen.insert(code.clone()) {
            self.error(
                Some(span.clone()),
                format!("{set_here}: code {code} is used twice"),
            );
        }
        if rc.max == Points::ZERO {
            self.error(
                Some(span.clone()),
                format!("{here}: max must be more than 0"),
            );
        }
        let min_star = rc.min_star.and_then(|m| self.marker(&span, &here, m));
        let applies_if = rc.applies_if.map(|a| {
            self.applies_if_spans.push((code.clone(), a.span()));
            a.into_inner()
        });
        let kinds = [!rc.options.is_empty(), rc.yes_no, !rc.sub.is_empty()];
        if !kinds[0] && !rc.cases.is_empty() {
            self.error(
                Some(span.clone()),
                format!("{here}: cases are only allowed with options"),
            );
        }
        let (mut options, mut cases, mut sub) = (Vec::new(), Vec::new(), Vec::new());
        let scoring = match kinds {
            [true, false, false] => {
                options = self.options(&span, &here, rc.max, rc.options, &rc.cases, sums);
                cases = rc
                    .cases
                    .into_iter()
                    .map(|c| Case {
                        case: c.case,
                        label: c.label,
                    })
                    .collect();
                Scoring::ChooseOne
            }
            [false, true, false] => Scoring::YesNo,
            [false, false, true] => {
                if min_star.is_some() {
                    self.error(
                        Some(span.clone()),
                        format!("{here}: a marker on a criterion with sub-criteria is not supported; put it on a sub-criterion"),
                    );
                }
                if applies_if.is_some() {
                    self.error(
                        Some(span.clone()),
                        format!("{here}: applies_if on a criterion with sub-criteria is not supported; put it on the sub-criteria"),
                    );
                }
                sub = rc
                    .sub
                    .into_iter()
                    .map(|c| self.criterion(set_here, c, sums, seen))
                    .collect();
                let sum: Points = sub.iter().map(|c| c.max).sum();
                if sums && sum != rc.max {
                    self.error(
                        Some(span.clone()),
                        format!(
                            "{here}: sub-criteria add up to {} ({}), but its max is {}",
                            shown(sum),
                            join_sum(sub.iter().map(|c| c.max)),
                            rc.max
                        ),
                    );
                }
                Scoring::SumOfChildren
            }
            [false, false, false] => {
                self.error(
                    Some(span.clone()),
                    format!("{here}: has no options; give options, sub-criteria ([[…criterion.sub]]), or yes_no = true"),
                );
                Scoring::YesNo
            }
            _ => {
                self.error(
                    Some(span.clone()),
                    format!("{here}: give only one of options, sub-criteria and yes_no = true"),
                );
                Scoring::YesNo
            }
        };
        Criterion {
            code,
            title: rc.title,
            max: rc.max,
            notes: rc.notes,
            editor_note: rc.editor_note,
            corrected_from: rc.corrected_from,
            correction: rc.correction,
            min_star,
            applies_if,
            scoring,
            options,
            cases,
            sub,
        }
    }

    /// Every `applies_if` of a set names another scored criterion of it, and no chain loops.
    fn check_applies_if(&mut self, here: &str, parts: &[Part], leaves: &[Leaf]) {
        let spans = std::mem::take(&mut self.applies_if_spans);
        let mut all = Vec::new();
        for c in parts
            .iter()
            .flat_map(|p| &p.sections)
            .flat_map(|s| &s.criteria)
        {
            walk_all(c, &mut all);
        }
        let mut ok = true;
        for (code, span) in &spans {
            let Some(target) = all
                .iter()
                .find(|c| &c.code == code)
                .and_then(|c| c.applies_if.as_deref())
            else {
                continue;
            };
            let problem = if target == code {
                Some("names the criterion itself".to_string())
            } else {
                match all.iter().find(|c| c.code == target) {
                    None => Some(format!(
                        "names {target:?}, which is not a criterion of this set"
                    )),
                    Some(t) if t.scoring == Scoring::SumOfChildren => Some(format!(
                        "names {target}, which is not scored itself (it is the sum of its sub-criteria); name one of them"
                    )),
                    Some(_) => None,
                }
            };
            if let Some(p) = problem {
                ok = false;
                self.error(
                    Some(span.clone()),
                    format!("{here}, criterion {code}: applies_if {p}"),
                );
            }
        }
        if !ok {
            return;
        }
        // Follow each chain; one longer than the set has leaves goes round in a loop.
        for (i, leaf) in leaves.iter().enumerate() {
            let mut at = leaf.applies_if;
            let mut chain = vec![leaf.code.as_str()];
            while let Some(j) = at {
                chain.push(leaves[j].code.as_str());
                if j == i {
                    let span = spans
                        .iter()
                        .find(|(c, _)| c == &leaf.code)
                        .map(|(_, s)| s.clone());
                    // Report each loop once, at its first criterion in sheet order.
                    if chain[..chain.len() - 1]
                        .iter()
                        .all(|c| leaves.iter().position(|l| l.code == *c).unwrap_or(i) >= i)
                    {
                        self.error(
                            span,
                            format!(
                                "{here}, criterion {}: applies_if goes round in a loop ({})",
                                leaf.code,
                                chain.join(" → ")
                            ),
                        );
                    }
                    break;
                }
                if chain.len() > leaves.len() + 1 {
                    break;
                }
                at = leaves[j].applies_if;
            }
        }
    }

    fn marker(&mut self, span: &Range<usize>, here: &str, m: u8) -> Option<Stars> {
        if (3..=5).contains(&m) {
            Stars::new(m)
        } else {
            self.error(
                Some(span.clone()),
                format!("{here}: min_star {m} must be 3, 4 or 5 (the decision's ***, ****, *****)"),
            );
            None
        }
    }

    fn options(
        &mut self,
        span: &Range<usize>,
        here: &str,
        max: Points,
        raw: Vec<OptionFile>,
        cases: &[super::file::CaseFile],
        sums: bool,
    ) -> Vec<Choice> {
        let mut case_names = HashSet::new();
        for c in cases {
            if !case_names.insert(c.case.as_str()) {
                self.error(
                    Some(span.clone()),
                    format!("{here}: case {:?} is declared twice", c.case),
                );
            }
        }
        let mut out = Vec::with_capacity(raw.len());
        // Each option's `same_points` and the span of its points.
        let mut same: Vec<(bool, Range<usize>)> = Vec::with_capacity(raw.len());
        for o in raw {
            let ospan = o.points.span();
            same.push((o.same_points, ospan.clone()));
            let points = o.points.into_inner();
            if points > max {
                self.error(
                    Some(ospan.clone()),
                    format!("{here}: option {:?} gives {points} points, above the criterion's max {max}", o.label),
                );
            }
            match (&o.case, cases.is_empty()) {
                (Some(c), true) => self.error(
                    Some(ospan.clone()),
                    format!("{here}: option {:?} names case {c:?}, but the criterion declares no cases", o.label),
                ),
                (Some(c), false) if !case_names.contains(c.as_str()) => self.error(
                    Some(ospan.clone()),
                    format!("{here}: option {:?} names case {c:?}, which the criterion does not declare", o.label),
                ),
                (None, false) => self.error(
                    Some(ospan.clone()),
                    format!("{here}: option {:?} must name one of the criterion's cases", o.label),
                ),
                _ => {}
            }
            let min_star = o.min_star.and_then(|m| self.marker(&ospan, here, m));
            out.push(Choice {
                points,
                label: o.label,
                min_star,
                case: o.case,
                editor_note: o.editor_note,
                corrected_from: o.corrected_from,
                correction: o.correction,
            });
        }
        // Each ladder (the whole list, or each case) must climb to the maximum.
        let ladders: Vec<Option<&str>> = if cases.is_empty() {
            vec![None]
        } else {
            cases.iter().map(|c| Some(c.case.as_str())).collect()
        };
        for ladder in ladders {
            let pts: Vec<Points> = out
                .iter()
                .filter(|o| ladder.is_none() || o.case.as_deref() == ladder)
                .map(|o| o.points)
                .collect();
            let which = ladder.map(|c| format!(" (case {c})")).unwrap_or_default();
            // Two options of one ladder with the same points: refused unless the later one
            // says `same_points = true` (the decision prints 1/1/3/5 in set 23 of 26/2026).
            let idx: Vec<usize> = (0..out.len())
                .filter(|&i| ladder.is_none() || out[i].case.as_deref() == ladder)
                .collect();
            for (k, &i) in idx.iter().enumerate() {
                let earlier = idx[..k].iter().find(|&&j| out[j].points == out[i].points);
                match (earlier, same[i].0) {
                    (Some(&j), false) => self.error(
                        Some(same[i].1.clone()),
                        format!(
                            "{here}: options {:?} and {:?}{which} both give {} points; give each option its own points, or mark the later one same_points = true if the text prints it so",
                            out[j].label, out[i].label, out[i].points
                        ),
                    ),
                    (None, true) => self.error(
                        Some(same[i].1.clone()),
                        format!(
                            "{here}: option {:?} has same_points = true, but no earlier option{which} gives {} points",
                            out[i].label, out[i].points
                        ),
                    ),
                    _ => {}
                }
            }
            if let Some(w) = pts.windows(2).find(|w| w[1] < w[0]) {
                self.error(
                    Some(span.clone()),
                    format!(
                        "{here}: option points{which} decrease ({}): {} is followed by {}",
                        join_list(&pts),
                        w[0],
                        w[1]
                    ),
                );
            }
            match pts.last() {
                Some(&top) if sums && top != max => self.error(
                    Some(span.clone()),
                    format!(
                        "{here}: top option{which} gives {top}, but the max is {max} (options: {})",
                        join_list(&pts)
                    ),
                ),
                None => self.error(
                    Some(span.clone()),
                    format!("{here}: case{which} has no options"),
                ),
                _ => {}
            }
        }
        out
    }
}

/// Flattens the tree into the scored criteria, with their allowed points and marker minima.
pub fn derive_leaves(parts: &[Part]) -> Vec<Leaf> {
    fn walk(c: &Criterion, part: usize, out: &mut Vec<Leaf>) {
        let (allowed, lowest) = match c.scoring {
            Scoring::SumOfChildren => {
                for s in &c.sub {
                    walk(s, part, out);
                }
                return;
            }
            Scoring::YesNo => (vec![Points::ZERO, c.max], c.max),
            Scoring::ChooseOne => {
                let mut v: Vec<Points> = c.options.iter().map(|o| o.points).collect();
                v.push(Points::ZERO);
                v.sort_unstable();
                v.dedup();
                let lowest = c
                    .options
                    .iter()
                    .map(|o| o.points)
                    .min()
                    .unwrap_or(Points::ZERO);
                (v, lowest)
            }
        };
        let mut required = [None; 3];
        for (i, level) in Stars::MARKED.iter().enumerate() {
            // Rule 4: the highest option whose marker level is at most this level.
            let mut need = c
                .options
                .iter()
                .filter(|o| o.min_star.is_some_and(|m| m <= *level))
                .map(|o| o.points)
                .max();
            // A marker on the whole criterion: at least its lowest option.
            if c.min_star.is_some_and(|m| m <= *level) {
                need = Some(need.map_or(lowest, |n| n.max(lowest)));
            }
            required[i] = need;
        }
        let digits = (0..10u32)
            .filter(|&d| allowed.binary_search(&Points::whole(d)).is_ok())
            .fold(0u16, |m, d| m | (1 << d));
        out.push(Leaf {
            code: c.code.clone(),
            part,
            max: c.max,
            allowed,
            required,
            digits,
            applies_if: None,
        });
    }
    let mut out = Vec::new();
    let mut depends = Vec::new();
    for (pi, p) in parts.iter().enumerate() {
        for s in &p.sections {
            for c in &s.criteria {
                walk(c, pi, &mut out);
                let mut all = Vec::new();
                walk_all(c, &mut all);
                depends.extend(
                    all.into_iter()
                        .filter_map(|c| Some((c.code.as_str(), c.applies_if.as_deref()?))),
                );
            }
        }
    }
    // `applies_if` codes become leaf indices (a code naming no leaf stays `None`; load refuses
    // such a file).
    for (code, target) in depends {
        let at = |code: &str| out.iter().position(|l| l.code == code);
        if let (Some(i), Some(j)) = (at(code), at(target)) {
            out[i].applies_if = Some(j);
        }
    }
    out
}

/// A criterion and its sub-criteria, parents first.
fn walk_all<'a>(c: &'a Criterion, out: &mut Vec<&'a Criterion>) {
    out.push(c);
    for s in &c.sub {
        walk_all(s, out);
    }
}

/// A sum for a message; a saturated one says so.
fn shown(sum: Points) -> String {
    if sum == Points(u32::MAX) {
        format!("more than {sum}")
    } else {
        sum.to_string()
    }
}

fn join_sum(it: impl Iterator<Item = Points>) -> String {
    let v: Vec<String> = it.map(|p| p.to_string()).collect();
    v.join(" + ")
}

fn join_list(v: &[Points]) -> String {
    let v: Vec<String> = v.iter().map(|p| p.to_string()).collect();
    v.join(", ")
}

/// Whether `s` is a real calendar date written `YYYY-MM-DD` (2026-02-30 is not).
fn is_iso_date(s: &str) -> bool {
    let b = s.as_bytes();
    if !(b.len() == 10
        && b[4] == b'-'
        && b[7] == b'-'
        && b.iter()
            .enumerate()
            .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit()))
    {
        return false;
    }
    let (Ok(year), Ok(month), Ok(day)) = (
        s[0..4].parse::<u32>(),
        s[5..7].parse::<u32>(),
        s[8..10].parse::<u32>(),
    ) else {
        return false;
    };
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return false,
    };
    (1..=days).contains(&day)
}

/// What a criterion or section code must look like, for messages.
const CODE_RULE: &str = "must be numbers separated by dots (1, 1.2, 6.1.2), where a part after the first may be one lower-case letter (2.a, 6.đ, 6.a.1, as 148/QĐ-TTg prints them)";

/// Whether `code` has the shape of the official editions' codes: a number, then parts
/// separated by dots, each a number or one lower-case letter (`7`, `1.2`, `6.1.2`, `2.đ`,
/// `6.a.1`). No empty part, no leading `+`, `=`, spaces or commas.
pub fn is_code(code: &str) -> bool {
    let mut parts = code.split('.');
    let number = |p: &str| !p.is_empty() && p.len() <= 3 && p.bytes().all(|b| b.is_ascii_digit());
    let letter = |p: &str| {
        let mut cs = p.chars();
        matches!((cs.next(), cs.next()), (Some(c), None) if c.is_ascii_lowercase() || c == 'đ')
    };
    parts.next().is_some_and(number) && parts.all(|p| number(p) || letter(p))
}

/// 1-based line and column (in characters) of a byte offset.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = offset.min(text.len());
    let before = &text.as_bytes()[..offset];
    let line = before.iter().filter(|&&b| b == b'\n').count() + 1;
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    let col = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    (line, col)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The complete example of docs/criteria-format.md.
    fn example() -> String {
        let doc = include_str!("../../../../docs/criteria-format.md");
        let start = doc.find("```toml\n").expect("the doc has a toml example") + 8;
        let len = doc[start..].find("```").expect("the example is closed");
        doc[start..start + len].to_string()
    }

    /// The example with `from` replaced by `to` (which must occur exactly once).
    fn with(from: &str, to: &str) -> String {
        let text = example();
        assert_eq!(
            text.matches(from).count(),
            1,
            "{from:?} must occur once in the example"
        );
        text.replacen(from, to, 1)
    }

    /// The messages of a file that must fail.
    fn errors(text: &str) -> Vec<String> {
        match parse(text, "t.toml") {
            Ok(_) => panic!("expected the file to be refused"),
            Err(e) => e.0.iter().map(ToString::to_string).collect(),
        }
    }

    fn assert_error(text: &str, expected: &str) {
        let errs = errors(text);
        assert!(
            errs.iter().any(|e| e.contains(expected)),
            "expected an error containing {expected:?}, got:\n{}",
            errs.join("\n")
        );
    }

    #[test]
    fn documented_example_loads() {
        let e = parse(&example(), "example").unwrap();
        assert_eq!(e.id(), "otop-pilot");
        let set = e.set("P.1").unwrap();
        let codes: Vec<&str> = set.leaves.iter().map(|l| l.code.as_str()).collect();
        assert_eq!(codes, ["1.1", "1.2", "2.1", "2.2", "3.1.1", "3.1.2", "4"]);
        let l = |c: &str| &set.leaves[set.leaf_index(c).unwrap()];
        // Rule 4: the highest option marked with a level at most N.
        assert_eq!(
            l("1.1").required,
            [Some(Points(1000)), Some(Points(1000)), Some(Points(2000))]
        );
        assert_eq!(
            l("1.2").required,
            [None, Some(Points(1250)), Some(Points(1250))]
        );
        assert_eq!(l("2.1").required, [None, None, None]);
        assert_eq!(l("4").required, [None, None, Some(Points(1500))]);
        assert_eq!(l("2.2").allowed, [Points(0), Points(100)]);
        assert_eq!(l("1.2").allowed, [Points(0), Points(1250), Points(2000)]);
        // Both case ladders' points are allowed.
        assert_eq!(
            l("4").allowed,
            [Points(0), Points(500), Points(1000), Points(1500)]
        );
        assert_eq!(l("3.1.2").part, 2);
        assert!(set.parts[2].sections[1].direct);
    }

    #[test]
    fn sub_criteria_must_add_up_to_their_criterion() {
        let text = with(
            "code = \"3.1\"\ntitle = \"Ngoại hình\"\nmax = 20",
            "code = \"3.1\"\ntitle = \"Ngoại hình\"\nmax = 21",
        );
        assert_error(
            &text,
            "set 1, criterion 3.1: sub-criteria add up to 20 (10 + 10), but its max is 21",
        );
    }

    #[test]
    fn criteria_must_add_up_to_their_section() {
        let text = with(
            "code = \"2\"\ntitle = \"TIẾP THỊ\"\nmax = 25",
            "code = \"2\"\ntitle = \"TIẾP THỊ\"\nmax = 26",
        );
        assert_error(
            &text,
            "set 1, section 2: criteria add up to 25 (24 + 1), but the section's max is 26",
        );
    }

    #[test]
    fn sections_must_add_up_to_their_part() {
        let text = with(
            "title = \"Phần B: KHẢ NĂNG TIẾP THỊ\"\nmax = 25",
            "title = \"Phần B: KHẢ NĂNG TIẾP THỊ\"\nmax = 24",
        );
        assert_error(
            &text,
            "set 1, part B: sections add up to 25 (25), but the part's max is 24",
        );
    }

    #[test]
    fn parts_must_add_up_to_the_total() {
        let text =
            with("total = 100", "total = 101").replace("part_max = { A = 40, B = 25, C = 35 }", "");
        assert_error(
            &text,
            "set 1: parts add up to 100 (40 + 25 + 35), but the edition's total is 101",
        );
    }

    #[test]
    fn parts_must_have_the_editions_part_max() {
        let text = with(
            "part_max = { A = 40, B = 25, C = 35 }",
            "part_max = { A = 35, B = 25, C = 40 }",
        );
        assert_error(
            &text,
            "set 1, part A: max is 40, but the edition's part_max gives A 35",
        );
    }

    #[test]
    fn option_points_must_not_exceed_the_max() {
        let text = with(
            "{ points = 24, label = \"Xuất khẩu\" }",
            "{ points = 25, label = \"Xuất khẩu\" }",
        );
        assert_error(
            &text,
            "criterion 2.1: option \"Xuất khẩu\" gives 25 points, above the criterion's max 24",
        );
    }

    #[test]
    fn option_points_must_not_decrease() {
        let text = with(
            "{ points = 5, label = \"Dưới 50% nguyên liệu địa phương\" }",
            "{ points = 15, label = \"Dưới 50% nguyên liệu địa phương\" }",
        );
        assert_error(
            &text,
            "criterion 1.1: option points decrease (15, 10, 20): 15 is followed by 10",
        );
    }

    #[test]
    fn top_option_must_equal_the_max() {
        let text = with(
            "{ points = 24, label = \"Xuất khẩu\" }",
            "{ points = 23, label = \"Xuất khẩu\" }",
        );
        assert_error(
            &text,
            "criterion 2.1: top option gives 23, but the max is 24 (options: 8, 16, 23)",
        );
    }

    #[test]
    fn each_case_is_its_own_ladder() {
        // The example's ladders are 5/15 and 10/15: fine on their own, though 15 → 10 across them.
        parse(&example(), "example").unwrap();
        let text = with(
            "{ points = 15, label = \"Sáng tạo, độc đáo\", case = \"b\" }",
            "{ points = 9, label = \"Sáng tạo, độc đáo\", case = \"b\" }",
        );
        let errs = errors(&text).join("\n");
        assert!(
            errs.contains(
                "criterion 4: option points (case b) decrease (10, 9): 10 is followed by 9"
            ),
            "{errs}"
        );
        assert!(
            errs.contains("criterion 4: top option (case b) gives 9, but the max is 15"),
            "{errs}"
        );
        assert!(!errs.contains("(case a)"), "{errs}");
    }

    #[test]
    fn options_must_name_a_declared_case() {
        let text = with(
            "{ points = 10, label = \"Có cải tiến\", case = \"b\" }",
            "{ points = 10, label = \"Có cải tiến\", case = \"c\" }",
        );
        assert_error(
            &text,
            "criterion 4: option \"Có cải tiến\" names case \"c\", which the criterion does not declare",
        );
        let text = with(
            "{ points = 8, label = \"Trong tỉnh\" }",
            "{ points = 8, label = \"Trong tỉnh\", case = \"a\" }",
        );
        assert_error(
            &text,
            "criterion 2.1: option \"Trong tỉnh\" names case \"a\", but the criterion declares no cases",
        );
    }

    #[test]
    fn markers_must_be_three_four_or_five() {
        let text = with(
            "{ points = 10, label = \"Từ 50% đến dưới 75%\", min_star = 3 }",
            "{ points = 10, label = \"Từ 50% đến dưới 75%\", min_star = 2 }",
        );
        assert_error(&text, "criterion 1.1: min_star 2 must be 3, 4 or 5");
        let text = with(
            "{ points = 20, label = \"Từ 75% đến 100%\", min_star = 5 }",
            "{ points = 20, label = \"Từ 75% đến 100%\", min_star = 6 }",
        );
        assert_error(&text, "criterion 1.1: min_star 6 must be 3, 4 or 5");
    }

    #[test]
    fn codes_must_be_unique_within_a_set() {
        let text = with("code = \"1.2\"", "code = \"1.1\"");
        assert_error(&text, "set 1: code 1.1 is used twice");
    }

    #[test]
    fn codes_must_not_be_column_names() {
        let text = with("code = \"1.2\"", "code = \"Assessor\"");
        assert_error(
            &text,
            "criterion code \"Assessor\" is a reserved column name",
        );
    }

    #[test]
    fn the_total_is_bounded() {
        let text = with("total = 100", "total = 42949672.95")
            .replace("part_max = { A = 40, B = 25, C = 35 }", "");
        assert_error(
            &text,
            "total 42949672.95 is above the largest allowed, 1000000",
        );
    }

    #[test]
    fn the_number_of_criteria_is_bounded() {
        let mut extra = String::new();
        for i in 0..1000 {
            extra.push_str(&format!("\n[[set.part.section.criterion]]\ncode = \"9.{i}\"\ntitle = \"x\"\nmax = 1\nyes_no = true\n"));
        }
        let text = example()
            + "\n[[set.part.section]]\ncode = \"9\"\ntitle = \"s\"\nmax = 1000\n"
            + &extra;
        assert_error(
            &text,
            "set 1: has 1007 scored criteria; at most 1000 are allowed",
        );
    }

    #[test]
    fn bands_must_increase() {
        let text = with("bands = [0, 30, 50, 70, 90]", "bands = [0, 50, 30, 70, 90]");
        let line = text.lines().position(|l| l.starts_with("bands =")).unwrap() + 1;
        assert_error(
            &text,
            &format!("t.toml:{line}:9: bands must increase: 50 is followed by 30"),
        );
        let text = with("bands = [0, 30, 50, 70, 90]", "bands = [0, 30, 50, 70, 70]");
        assert_error(&text, "bands must increase: 70 is followed by 70");
    }

    #[test]
    fn bands_are_five_from_zero_to_at_most_the_total() {
        assert_error(
            &with("bands = [0, 30, 50, 70, 90]", "bands = [0, 30, 50, 70]"),
            "5 numbers), found 4",
        );
        assert_error(
            &with(
                "bands = [0, 30, 50, 70, 90]",
                "bands = [10, 30, 50, 70, 90]",
            ),
            "bands must start at 0",
        );
        assert_error(
            &with(
                "bands = [0, 30, 50, 70, 90]",
                "bands = [0, 30, 50, 70, 101]",
            ),
            "the 5-star band starts at 101 above the total 100",
        );
    }

    #[test]
    fn unknown_keys_are_refused_with_their_position() {
        let text = with("code = \"2.1\"", "code = \"2.1\"\nmaxx = 3");
        let line = text.lines().position(|l| l == "maxx = 3").unwrap() + 1;
        let errs = errors(&text);
        assert_eq!(errs.len(), 1);
        assert!(
            errs[0].starts_with(&format!("t.toml:{line}:1: unknown field `maxx`")),
            "{}",
            errs[0]
        );
    }

    #[test]
    fn syntax_errors_point_at_the_line() {
        let text = with("total = 100", "total = = 100");
        let errs = errors(&text);
        assert!(errs[0].starts_with("t.toml:8:"), "{}", errs[0]);
    }

    #[test]
    fn semantic_errors_point_at_the_criterion_line() {
        let text = with(
            "{ points = 24, label = \"Xuất khẩu\" }",
            "{ points = 23, label = \"Xuất khẩu\" }",
        );
        let line = text.lines().position(|l| l == "code = \"2.1\"").unwrap() + 1;
        assert_error(
            &text,
            &format!("t.toml:{line}:8: set 1, criterion 2.1: top option"),
        );
    }

    #[test]
    fn an_incomplete_set_is_exempt_from_the_sums_only() {
        let broken = with(
            "{ points = 24, label = \"Xuất khẩu\" }",
            "{ points = 23, label = \"Xuất khẩu\" }",
        );
        let exempt = broken.replace(
            "name_en = \"Herbal tea\"",
            "name_en = \"Herbal tea\"\nstatus = \"incomplete\"\nstatus_note = \"2.1 does not reach its max\"",
        );
        let e = parse(&exempt, "t").unwrap();
        assert!(!e.set("1").unwrap().is_scorable());
        // Structural rules still apply.
        let bad_marker = exempt.replace("min_star = 3", "min_star = 7");
        assert_error(&bad_marker, "min_star 7 must be 3, 4 or 5");
    }

    #[test]
    fn a_status_other_than_verified_needs_a_reason() {
        let text = with(
            "name_en = \"Herbal tea\"",
            "name_en = \"Herbal tea\"\nstatus = \"unverified\"",
        );
        assert_error(
            &text,
            "set 1: status \"unverified\" needs a status_note saying why",
        );
        let text = with(
            "name_en = \"Herbal tea\"",
            "name_en = \"Herbal tea\"\nstatus = \"draft\"",
        );
        assert_error(&text, "status \"draft\" is not one of");
    }

    #[test]
    fn parts_are_a_b_c_in_order() {
        let text = with("id = \"B\"", "id = \"D\"");
        assert_error(
            &text,
            "set 1: parts must be A, B and C in that order, found [A, D, C]",
        );
    }

    #[test]
    fn a_criterion_is_scored_exactly_one_way() {
        let text = with("max = 1\nyes_no = true", "max = 1");
        assert_error(
            &text,
            "criterion 2.2: has no options; give options, sub-criteria",
        );
        let text = with(
            "max = 1\nyes_no = true",
            "max = 1\nyes_no = true\noptions = [{ points = 1, label = \"x\" }]",
        );
        assert_error(
            &text,
            "criterion 2.2: give only one of options, sub-criteria and yes_no = true",
        );
    }

    #[test]
    fn set_numbers_and_codes_are_unique() {
        let text = example();
        let set_start = text.find("[[set]]").unwrap();
        let twice = format!("{text}\n{}", &text[set_start..]);
        let errs = errors(&twice).join("\n");
        assert!(errs.contains("set number 1 is used twice"), "{errs}");
        assert!(errs.contains("set code P.1 is used twice"), "{errs}");
    }

    #[test]
    fn format_version_is_checked() {
        assert_error(
            &with("format = 1", "format = 2"),
            "format 2 is not supported",
        );
    }

    #[test]
    fn points_have_at_most_two_decimals() {
        let text = with("points = 12.5,", "points = 12.555,");
        assert_error(&text, "12.555 has more than two decimals");
    }

    #[test]
    fn a_date_that_is_not_in_the_calendar_is_refused() {
        assert_error(
            &with("date = \"2026-09-01\"", "date = \"2026-02-30\""),
            "date \"2026-02-30\" must be a real calendar date written YYYY-MM-DD",
        );
        assert_error(
            &with("date = \"2026-09-01\"", "date = \"2026-02-29\""),
            "must be a real calendar date",
        );
        assert_error(
            &with("date = \"2026-09-01\"", "date = \"2026-04-31\""),
            "must be a real calendar date",
        );
        assert_error(
            &with("date = \"2026-09-01\"", "date = \"1900-02-29\""),
            "must be a real calendar date",
        );
        parse(&with("date = \"2026-09-01\"", "date = \"2024-02-29\""), "t").unwrap();
        parse(&with("date = \"2026-09-01\"", "date = \"2000-02-29\""), "t").unwrap();
        assert!(
            is_iso_date("2026-12-31") && !is_iso_date("2026-13-01") && !is_iso_date("2026-1-01")
        );
    }

    #[test]
    fn an_embedded_edition_id_is_reserved_for_a_custom_file() {
        let text = with("id = \"otop-pilot\"", "id = \"qd26-2026\"");
        let line = text
            .lines()
            .position(|l| l == "id = \"qd26-2026\"")
            .unwrap()
            + 1;
        let errs = match parse_reserving(&text, "t.toml", &["qd26-2026", "qd148-2023"]) {
            Ok(_) => panic!("a reserved id must be refused"),
            Err(e) => e.to_string(),
        };
        assert!(
            errs.contains(&format!(
                "t.toml:{line}:6: edition id \"qd26-2026\" is reserved for the embedded official edition"
            )),
            "{errs}"
        );
        // `parse` (the build script's) reserves nothing.
        parse(&text, "t").unwrap();
    }

    #[test]
    fn criterion_codes_like_formulas_or_lists_are_refused() {
        for bad in [
            "=1+2", "1,2", "1.", ".1", "1..2", "a.1", "1.ab", "1.A", "+1", "1 .2", "1.2-3",
        ] {
            let text = with("code = \"1.2\"", &format!("code = {bad:?}"));
            assert_error(
                &text,
                &format!("criterion code {bad:?} must be numbers separated by dots"),
            );
        }
        let text = with(
            "code = \"2\"\ntitle = \"TIẾP THỊ\"",
            "code = \"=2\"\ntitle = \"TIẾP THỊ\"",
        );
        assert_error(
            &text,
            "section code \"=2\" must be numbers separated by dots",
        );
        // The shapes the official editions use.
        for good in ["7", "1.2", "6.1.2", "2.a", "6.đ", "6.a.1", "10.12"] {
            assert!(is_code(good), "{good}");
        }
    }

    #[test]
    fn two_options_with_the_same_points_are_refused_naming_both() {
        let text = with(
            "{ points = 16, label = \"Toàn quốc\" }",
            "{ points = 8, label = \"Toàn quốc\" }",
        );
        assert_error(
            &text,
            "set 1, criterion 2.1: options \"Trong tỉnh\" and \"Toàn quốc\" both give 8 points",
        );
        // As printed (26/2026, set 23, 6.2: 1/1/3/5): allowed when the later one says so.
        let text = with(
            "{ points = 16, label = \"Toàn quốc\" }",
            "{ points = 8, same_points = true, label = \"Toàn quốc\" }",
        );
        let e = parse(&text, "t").unwrap();
        let set = e.set("1").unwrap();
        let leaf = &set.leaves[set.leaf_index("2.1").unwrap()];
        assert_eq!(leaf.allowed, [Points(0), Points(800), Points(2400)]);
        // same_points where nothing is the same is refused too.
        let text = with(
            "{ points = 16, label = \"Toàn quốc\" }",
            "{ points = 16, same_points = true, label = \"Toàn quốc\" }",
        );
        assert_error(
            &text,
            "option \"Toàn quốc\" has same_points = true, but no earlier option gives 16 points",
        );
        // Different cases are different ladders: 15 in case a and 15 in case b is fine.
        parse(&example(), "t").unwrap();
    }

    #[test]
    fn control_and_bidi_characters_in_text_are_refused_with_their_position() {
        for (raw, code) in [
            ("\\u001b[31m", "U+001B"),
            ("\\u202e", "U+202E"),
            ("\\u2066", "U+2066"),
            ("\\u200f", "U+200F"),
            ("\\u061c", "U+061C"),
            ("\\u0085", "U+0085"),
            ("\\u007f", "U+007F"),
            ("\\t", "U+0009"),
            ("\\n", "U+000A"),
        ] {
            let text = with(
                "name = \"Trà thảo mộc\"",
                &format!("name = \"Trà {raw}thảo mộc\""),
            );
            let line = text
                .lines()
                .position(|l| l.starts_with("name = \"Trà "))
                .unwrap()
                + 1;
            assert_error(&text, &format!("t.toml:{line}:8: text contains the "));
            assert_error(
                &text,
                &format!("character {code}; criteria text must not contain"),
            );
        }
        // Raw (unescaped) in a label, in a key, and in the edition title.
        assert_error(
            &with("label = \"Trong tỉnh\"", "label = \"Trong \u{202e}tỉnh\""),
            "text contains the bidirectional formatting character U+202E",
        );
        assert_error(
            &with("total = 100", "\"to\\u001btal\" = 100"),
            "key contains the control character U+001B",
        );
    }

    /// The example with `applies_if` lines added after the given criterion codes.
    fn with_applies_if(pairs: &[(&str, &str)]) -> String {
        let mut text = example();
        for (code, target) in pairs {
            let at = format!("code = \"{code}\"\n");
            assert_eq!(text.matches(&at).count(), 1, "{code}");
            text = text.replacen(&at, &format!("{at}applies_if = \"{target}\"\n"), 1);
        }
        text
    }

    #[test]
    fn applies_if_becomes_a_leaf_index() {
        let e = parse(&with_applies_if(&[("1.2", "1.1"), ("3.1.2", "3.1.1")]), "t").unwrap();
        let set = e.set("1").unwrap();
        let l = |c: &str| &set.leaves[set.leaf_index(c).unwrap()];
        assert_eq!(l("1.2").applies_if, set.leaf_index("1.1"));
        assert_eq!(l("1.2").applies_if, Some(0));
        assert_eq!(l("3.1.2").applies_if, set.leaf_index("3.1.1"));
        assert_eq!(l("1.1").applies_if, None);
        assert_eq!(
            set.criterion("1.2").unwrap().applies_if.as_deref(),
            Some("1.1")
        );
        // A chain is fine, and a direct section may carry it.
        let e = parse(&with_applies_if(&[("4", "2.1"), ("2.1", "1.1")]), "t").unwrap();
        let set = e.set("1").unwrap();
        assert_eq!(
            set.leaves[set.leaf_index("4").unwrap()].applies_if,
            set.leaf_index("2.1")
        );
    }

    #[test]
    fn applies_if_must_name_another_scored_criterion_of_the_set() {
        assert_error(
            &with_applies_if(&[("1.2", "1.9")]),
            "set 1, criterion 1.2: applies_if names \"1.9\", which is not a criterion of this set",
        );
        assert_error(
            &with_applies_if(&[("1.2", "1.2")]),
            "set 1, criterion 1.2: applies_if names the criterion itself",
        );
        assert_error(
            &with_applies_if(&[("2.1", "3.1")]),
            "set 1, criterion 2.1: applies_if names 3.1, which is not scored itself",
        );
        assert_error(
            &with_applies_if(&[("3.1", "1.1")]),
            "criterion 3.1: applies_if on a criterion with sub-criteria is not supported",
        );
        assert_error(
            &with_applies_if(&[("1", "1.1")]),
            "section 1: has criteria and also options/yes_no/applies_if of its own",
        );
        // A section code is not a criterion.
        assert_error(
            &with_applies_if(&[("2.1", "1")]),
            "applies_if names \"1\", which is not a criterion of this set",
        );
    }

    #[test]
    fn applies_if_must_not_loop() {
        let errs = errors(&with_applies_if(&[
            ("1.1", "2.1"),
            ("2.1", "1.2"),
            ("1.2", "1.1"),
        ]));
        let loops: Vec<&String> = errs.iter().filter(|e| e.contains("loop")).collect();
        assert_eq!(loops.len(), 1, "{errs:?}");
        assert!(
            loops[0].contains(
                "set 1, criterion 1.1: applies_if goes round in a loop (1.1 → 2.1 → 1.2 → 1.1)"
            ),
            "{}",
            loops[0]
        );
        assert_error(
            &with_applies_if(&[("1.1", "1.2"), ("1.2", "1.1")]),
            "applies_if goes round in a loop (1.1 → 1.2 → 1.1)",
        );
    }

    #[test]
    fn line_col_counts_characters() {
        assert_eq!(line_col("ab\ncđe", 0), (1, 1));
        assert_eq!(line_col("ab\ncđe", 3), (2, 1));
        assert_eq!(line_col("ab\ncđe", 6), (2, 3));
    }
}
