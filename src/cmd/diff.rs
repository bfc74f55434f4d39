//! `ocop diff OLD NEW`: two rounds compared product by product — up, down, new, gone (and,
//! with `--all`, the same). Each side is a round of the register, a ranked CSV export
//! (`ocop score --format csv`), or an assessment file scored as `ocop score` does.

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, Result};
use ocop::register::{self, Register};
use ocop::report::ReportOptions;

use super::io::score_inputs;
use super::listing::{Column, Listing, Value, col, data, num};
use super::{UsageError, edition, exit};
use crate::cli::{DiffArgs, InputArgs};

/// Human strings, from the catalogues.
mod text {
    use super::super::tr_args;

    pub fn title(old: &str, new: &str) -> String {
        format!("{old} → {new}")
    }
    pub fn counts(c: &[usize; 5]) -> String {
        tr_args(
            "diff-counts",
            &[
                ("up", c[0].into()),
                ("down", c[1].into()),
                ("new", c[2].into()),
                ("gone", c[3].into()),
                ("same", c[4].into()),
            ],
        )
    }
    pub fn not_a_side(arg: &str, path: &str, rounds: Option<String>) -> String {
        let args = [
            ("arg", format!("{arg:?}").into()),
            ("path", path.to_string().into()),
            ("rounds", rounds.clone().unwrap_or_default().into()),
        ];
        if rounds.is_some() {
            tr_args("diff-not-a-side-rounds", &args)
        } else {
            tr_args("diff-not-a-side", &args)
        }
    }
    pub const NOT_SCORED: &str = "outcome-nothing-compared";
}

/// One product's result on one side.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Side {
    pub product_id: String,
    pub product_name: String,
    pub set_number: String,
    /// The mean is `total_sum / members` hundredths.
    pub total_sum: u64,
    pub members: u32,
    pub stars: u8,
    pub status: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Up,
    Down,
    New,
    Gone,
    Same,
}

impl Kind {
    /// The message key of the change, for the table.
    fn label(self) -> &'static str {
        match self {
            Kind::Up => "diff-up",
            Kind::Down => "diff-down",
            Kind::New => "diff-new",
            Kind::Gone => "diff-gone",
            Kind::Same => "diff-same",
        }
    }

    fn code(self) -> &'static str {
        match self {
            Kind::Up => "up",
            Kind::Down => "down",
            Kind::New => "new",
            Kind::Gone => "gone",
            Kind::Same => "same",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    pub kind: Kind,
    pub old: Option<Side>,
    pub new: Option<Side>,
}

/// Pairs the products by id; by kind, then product id.
pub fn compare(old: Vec<Side>, new: Vec<Side>) -> Vec<Change> {
    let mut before: HashMap<String, Side> =
        old.into_iter().map(|s| (s.product_id.clone(), s)).collect();
    let mut out: Vec<Change> = new
        .into_iter()
        .map(|n| match before.remove(&n.product_id) {
            None => Change {
                kind: Kind::New,
                old: None,
                new: Some(n),
            },
            Some(o) => Change {
                kind: match n.stars.cmp(&o.stars) {
                    std::cmp::Ordering::Greater => Kind::Up,
                    std::cmp::Ordering::Less => Kind::Down,
                    std::cmp::Ordering::Equal => Kind::Same,
                },
                old: Some(o),
                new: Some(n),
            },
        })
        .collect();
    out.extend(before.into_values().map(|o| Change {
        kind: Kind::Gone,
        old: Some(o),
        new: None,
    }));
    out.sort_by(|a, b| a.kind.cmp(&b.kind).then_with(|| a.id().cmp(b.id())));
    out
}

impl Change {
    fn id(&self) -> &str {
        let s = self.new.as_ref().or(self.old.as_ref()).expect("a side");
        &s.product_id
    }
}

fn hundredths(s: &Side) -> i64 {
    (s.total_sum / u64::from(s.members.max(1))) as i64
}

fn signed(h: i64) -> String {
    let sign = if h < 0 { "-" } else { "+" };
    format!("{sign}{}.{:02}", h.abs() / 100, h.abs() % 100)
}

const COLUMNS: &[Column] = &[
    col("change", "diff-col-change"),
    col("product_id", "reg-col-product"),
    col("product_name", "reg-col-name"),
    data("set"),
    num("stars_before", "diff-col-stars-before"),
    num("stars_after", "diff-col-stars-after"),
    num("total_before", "diff-col-before"),
    num("total_after", "diff-col-after"),
    num("total_change", "Δ"),
    data("status_before"),
    data("status_after"),
];

pub fn run(criteria: Option<&str>, args: DiffArgs) -> Result<ExitCode> {
    let Some(old) = side(criteria, &args, &args.old)? else {
        return Ok(ExitCode::from(exit::INPUT));
    };
    let Some(new) = side(criteria, &args, &args.new)? else {
        return Ok(ExitCode::from(exit::INPUT));
    };
    let changes = compare(old, new);
    let mut counts = [0usize; 5];
    for c in &changes {
        counts[c.kind as usize] += 1;
    }
    let rows = changes
        .iter()
        .filter(|c| args.all || c.kind != Kind::Same)
        .map(|c| {
            let any = c.new.as_ref().or(c.old.as_ref()).expect("a side");
            let total = |s: &Option<Side>| {
                s.as_ref()
                    .map(|s| Value::Num(register::format_hundredths(s.total_sum, s.members)))
                    .into()
            };
            let delta = match (&c.old, &c.new) {
                (Some(o), Some(n)) => Value::Num(signed(hundredths(n) - hundredths(o))),
                _ => Value::Null,
            };
            vec![
                Value::Code {
                    code: c.kind.code(),
                    label: c.kind.label(),
                },
                any.product_id.as_str().into(),
                any.product_name.as_str().into(),
                any.set_number.as_str().into(),
                c.old.as_ref().map(|s| Value::Int(s.stars.into())).into(),
                c.new.as_ref().map(|s| Value::Int(s.stars.into())).into(),
                total(&c.old),
                total(&c.new),
                delta,
                c.old
                    .as_ref()
                    .map_or(Value::Null, |s| super::listing::status(&s.status)),
                c.new
                    .as_ref()
                    .map_or(Value::Null, |s| super::listing::status(&s.status)),
            ]
        })
        .collect();
    Listing {
        columns: COLUMNS,
        rows,
        rows_key: "products",
        meta: vec![
            ("old", args.old.as_str().into()),
            ("new", args.new.as_str().into()),
            ("up", Value::Int(counts[0] as i64)),
            ("down", Value::Int(counts[1] as i64)),
            ("new_products", Value::Int(counts[2] as i64)),
            ("gone", Value::Int(counts[3] as i64)),
            ("same", Value::Int(counts[4] as i64)),
        ],
        title: vec![text::title(&args.old, &args.new), text::counts(&counts)],
        footer: Vec::new(),
    }
    .write(&args.listing)?;
    Ok(ExitCode::from(exit::OK))
}

/// One side's results; `None` when an assessment file had problems (printed).
fn side(criteria: Option<&str>, args: &DiffArgs, arg: &str) -> Result<Option<Vec<Side>>> {
    let path = Path::new(arg);
    if path.is_file() {
        let header = first_line(path)?;
        if ["rank", "product_id", "stars", "total"]
            .iter()
            .all(|c| header.contains(&c.to_string()))
        {
            return ranked_export(path).map(Some);
        }
        return assessments(criteria, args, path);
    }
    if args.db.db.exists() {
        let reg = Register::open(&args.db.db)?;
        if reg.rounds()?.iter().any(|r| r == arg) {
            return Ok(Some(
                reg.round(arg)?
                    .into_iter()
                    .map(|e| Side {
                        product_id: e.product_id,
                        product_name: e.product_name,
                        set_number: e.set_number.to_string(),
                        total_sum: e.total_sum,
                        members: e.members,
                        stars: e.stars,
                        status: e.status,
                    })
                    .collect(),
            ));
        }
        return Err(UsageError(text::not_a_side(
            arg,
            &args.db.db.display().to_string(),
            Some(reg.rounds()?.join(", ")),
        ))
        .into());
    }
    Err(UsageError(text::not_a_side(
        arg,
        &args.db.db.display().to_string(),
        None,
    ))
    .into())
}

/// The delimiter of a ranked export: `;` for `--excel`'s, else `,`.
fn delimiter(path: &Path) -> Result<u8> {
    use std::io::{BufRead, Read};
    let file = std::fs::File::open(path).with_context(|| {
        super::tr_args(
            "diff-cannot-read",
            &[("file", path.display().to_string().into())],
        )
    })?;
    let mut line = Vec::new();
    std::io::BufReader::new(file.take(64 * 1024)).read_until(b'\n', &mut line)?;
    let count = |b: u8| line.iter().filter(|&&c| c == b).count();
    Ok(if count(b';') > count(b',') {
        b';'
    } else {
        b','
    })
}

/// The header's fields (a byte-order mark dropped).
fn first_line(path: &Path) -> Result<Vec<String>> {
    let file = std::fs::File::open(path).with_context(|| {
        super::tr_args(
            "diff-cannot-read",
            &[("file", path.display().to_string().into())],
        )
    })?;
    let mut r = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(path)?)
        .from_reader(file);
    let mut rec = csv::ByteRecord::new();
    if !r.read_byte_record(&mut rec).unwrap_or(false) {
        return Ok(Vec::new());
    }
    Ok(rec
        .iter()
        .enumerate()
        .map(|(i, f)| {
            let f = if i == 0 {
                f.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(f)
            } else {
                f
            };
            String::from_utf8_lossy(f).trim().to_string()
        })
        .collect())
}

/// "column total", in the run's language.
fn column(name: &str) -> String {
    super::tr_args("input-column", &[("column", name.to_string().into())])
}

/// A ranked export of `ocop score --format csv` (or `--excel`'s, `;` and decimal commas),
/// read by its stable column names.
fn ranked_export(path: &Path) -> Result<Vec<Side>> {
    let name = path.display();
    let file = std::fs::File::open(path).with_context(|| {
        super::tr_args("diff-cannot-read", &[("file", name.to_string().into())])
    })?;
    let mut r = csv::ReaderBuilder::new()
        .delimiter(delimiter(path)?)
        .from_reader(file);
    let header: Vec<String> = r
        .headers()?
        .iter()
        .map(|h| h.trim_start_matches('\u{feff}').to_string())
        .collect();
    let at = |c: &str| header.iter().position(|h| h == c);
    let need = |c: &str| {
        at(c).ok_or_else(|| {
            UsageError(format!(
                "{name}: {}",
                super::tr_args("diff-no-column", &[("column", format!("{c:?}").into())])
            ))
        })
    };
    let (id, stars, total) = (need("product_id")?, need("stars")?, need("total")?);
    let (pname, set, status) = (at("product_name"), at("set"), at("status"));
    let mut out = Vec::new();
    for (n, rec) in r.records().enumerate() {
        let line = n + 2;
        let rec = rec.with_context(|| format!("{name}:{line}: {}", super::tr("diff-not-csv")))?;
        let get = |i: Option<usize>| i.and_then(|i| rec.get(i)).unwrap_or("").to_string();
        let cell = |c: &str, i: usize| -> Result<String> {
            Ok(rec
                .get(i)
                .ok_or_else(|| {
                    UsageError(format!(
                        "{name}:{line}: {}: {}",
                        column(c),
                        super::tr("diff-missing")
                    ))
                })?
                .to_string())
        };
        let stars_s = cell("stars", stars)?;
        let stars_v: u8 = stars_s.parse().ok().filter(|s| *s <= 5).ok_or_else(|| {
            UsageError(format!(
                "{name}:{line}: {}: {}",
                column("stars"),
                super::tr_args(
                    "diff-bad-stars",
                    &[("value", format!("{stars_s:?}").into())]
                )
            ))
        })?;
        let total_s = cell("total", total)?;
        let points = ocop::points::Points::parse(&total_s, true).map_err(|e| {
            use ocop::points::PointsError as E;
            let key = match e {
                E::Empty => "diff-total-empty",
                E::Negative => "input-score-negative",
                E::NotANumber => "input-score-not-a-number",
                E::TooPrecise => "input-score-too-precise",
                E::TooLarge => "input-score-too-large",
            };
            UsageError(format!(
                "{name}:{line}: {}: {}",
                column("total"),
                super::tr_args(key, &[("value", format!("{total_s:?}").into())])
            ))
        })?;
        out.push(Side {
            product_id: cell("product_id", id)?,
            product_name: get(pname),
            set_number: get(set),
            total_sum: u64::from(points.hundredths()),
            members: 1,
            stars: stars_v,
            status: get(status),
        });
    }
    Ok(out)
}

/// An assessment file scored as `ocop score` would.
fn assessments(criteria: Option<&str>, args: &DiffArgs, path: &Path) -> Result<Option<Vec<Side>>> {
    let edition = edition(criteria)?;
    let input = InputArgs {
        files: vec![PathBuf::from(path)],
        set: args.set.clone(),
        delimiter: None,
        encoding: None,
        threads: 0,
        max_errors: 50,
        ignore_columns: Vec::new(),
        sheet: Vec::new(),
        all_sheets: false,
    };
    let options = ReportOptions {
        council: args.council.into(),
        ..ReportOptions::default()
    };
    let Some(report) = score_inputs(&edition, &input, false, options, text::NOT_SCORED)? else {
        return Ok(None);
    };
    let round = super::register::round_from_report(&report);
    Ok(Some(
        round
            .products
            .into_iter()
            .map(|p| Side {
                product_id: p.product_id,
                product_name: p.product_name,
                set_number: p.set_number.to_string(),
                total_sum: p.total_sum,
                members: p.members,
                stars: p.stars,
                status: p.status,
            })
            .collect(),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(id: &str, stars: u8, total: u64) -> Side {
        Side {
            product_id: id.into(),
            product_name: String::new(),
            set_number: "6".into(),
            total_sum: total,
            members: 1,
            stars,
            status: "certified".into(),
        }
    }

    #[test]
    fn compare_pairs_by_id() {
        let old = vec![
            s("A", 3, 6000),
            s("B", 4, 7500),
            s("C", 3, 5500),
            s("D", 2, 4000),
        ];
        let new = vec![
            s("A", 4, 7100),
            s("B", 3, 6900),
            s("C", 3, 6900),
            s("E", 5, 9000),
        ];
        let kinds: Vec<(Kind, &str)> = compare(old, new)
            .iter()
            .map(|c| (c.kind, if c.kind == Kind::Gone { "D" } else { "" }))
            .collect();
        assert_eq!(
            kinds.iter().map(|k| k.0).collect::<Vec<_>>(),
            vec![Kind::Up, Kind::Down, Kind::New, Kind::Gone, Kind::Same]
        );
    }

    #[test]
    fn signed_deltas() {
        assert_eq!(signed(125), "+1.25");
        assert_eq!(signed(-5), "-0.05");
        assert_eq!(signed(0), "+0.00");
    }
}
