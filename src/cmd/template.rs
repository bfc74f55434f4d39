//! `ocop template SET…`: the sheet a council fills in. A wide CSV (one set), or with
//! `--format xlsx` / `-o round.xlsx` a fill-in workbook, one sheet per set (see
//! [`ocop::workbook::template`]). `--products` and `--members` pre-fill one row per product
//! and member; without them, `--assessors N` empty rows.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, Result};
use ocop::criteria::{CriteriaSet, Edition};
use ocop::workbook::template::{self as xlsx, Round, Row, SetRows};

use super::io::Output;
use super::{UsageError, edition, exit};
use crate::cli::{TemplateArgs, TemplateFormat};

pub fn run(criteria: Option<&str>, args: TemplateArgs) -> Result<ExitCode> {
    let edition = edition(criteria)?;
    let format = args.format.unwrap_or_else(|| {
        let xlsx = args
            .output
            .as_deref()
            .and_then(Path::extension)
            .is_some_and(|e| e.eq_ignore_ascii_case("xlsx"));
        if xlsx {
            TemplateFormat::Xlsx
        } else {
            TemplateFormat::Csv
        }
    });
    let mut sets = Vec::new();
    for query in &args.sets {
        let set = find_set(&edition, query)?;
        if !sets.contains(&set.number) {
            sets.push(set.number);
        }
    }
    let members = match &args.members {
        Some(list) => Some(members(list)?),
        None => None,
    };
    let products = match &args.products {
        Some(path) => match read_products(&edition, path, &sets)? {
            Ok(p) => Some(p),
            Err(problems) => {
                let mut err = std::io::stderr().lock();
                for p in &problems {
                    let _ = writeln!(err, "{p}");
                }
                let _ = writeln!(
                    err,
                    "ocop: {}",
                    t(
                        "tpl-problems",
                        &[
                            ("n", problems.len().into()),
                            ("file", path.display().to_string().into()),
                        ]
                    )
                );
                return Ok(ExitCode::from(exit::INPUT));
            }
        },
        None => None,
    };
    if sets.is_empty() {
        match &products {
            Some(p) => {
                sets = p.rows.iter().map(|r| r.set).collect();
                sets.sort_unstable();
                sets.dedup();
            }
            None => {
                return Err(UsageError(super::tr("tpl-give-set")).into());
            }
        }
    }
    if sets.is_empty() {
        return Err(UsageError(super::tr("tpl-no-products")).into());
    }
    let chosen: Vec<&CriteriaSet> = sets
        .iter()
        .map(|n| edition.set(&n.to_string()).expect("resolved above"))
        .collect();

    let carried = products
        .as_ref()
        .map(|p| p.carried.clone())
        .unwrap_or_default();
    let assessors: Vec<String> = match members {
        Some(m) => m,
        None => vec![String::new(); usize::from(args.assessors)],
    };
    let sheets = chosen
        .iter()
        .map(|set| {
            let mut rows = Vec::new();
            match &products {
                Some(p) => {
                    for product in p.rows.iter().filter(|r| r.set == set.number) {
                        for a in &assessors {
                            rows.push(Row {
                                assessor: a.clone(),
                                ..product.row.clone()
                            });
                        }
                    }
                }
                None => rows.extend(assessors.iter().map(|a| Row {
                    carried: Vec::new(),
                    assessor: a.clone(),
                    ..Row::default()
                })),
            }
            SetRows { set, rows }
        })
        .collect();
    let round = Round { carried, sheets };

    match format {
        TemplateFormat::Csv => {
            if round.sheets.len() > 1 {
                return Err(UsageError(t(
                    "tpl-sets-need-workbook",
                    &[("n", round.sheets.len().into())],
                ))
                .into());
            }
            let mut out = Output::create(args.output.as_deref(), &[])?;
            if args.bom {
                out.write_all(b"\xEF\xBB\xBF")?;
            }
            write_csv(&mut out, &round.carried, &round.sheets[0])?;
            out.commit()?;
        }
        TemplateFormat::Xlsx => {
            if args.bom {
                return Err(UsageError(super::tr("tpl-bom-xlsx")).into());
            }
            let bytes = xlsx::write(&round).with_context(|| super::tr("tpl-cannot-build"))?;
            let to_stdout = args.output.as_deref().is_none_or(|p| p.as_os_str() == "-");
            if to_stdout && std::io::stdout().is_terminal() {
                return Err(UsageError(super::tr("tpl-xlsx-terminal")).into());
            }
            let mut out = Output::create(args.output.as_deref(), &[])?;
            out.write_all(&bytes)?;
            out.commit()?;
        }
    }
    Ok(ExitCode::from(exit::OK))
}

/// The set named on the command line, refused when unknown or incomplete.
fn find_set<'e>(edition: &'e Edition, query: &str) -> Result<&'e CriteriaSet> {
    let Some(set) = edition.set(query) else {
        return Err(UsageError(t(
            "tpl-no-set",
            &[
                ("set", format!("{query:?}").into()),
                ("edition", edition.id().to_string().into()),
                ("sets", edition.summaries().len().into()),
            ],
        ))
        .into());
    };
    if !set.is_scorable() {
        return Err(UsageError(t(
            "input-incomplete-set",
            &[
                ("set", set.number.into()),
                ("code", set.code.clone().into()),
                ("edition", edition.id().to_string().into()),
                ("note", set.status_note.clone().unwrap_or_default().into()),
            ],
        ))
        .into());
    }
    Ok(set)
}

use super::tr_args as t;

/// "column set", in the run's language.
fn column(name: &str) -> String {
    t("input-column", &[("column", name.to_string().into())])
}

/// `--members "Name A;Name B"`: the names, trimmed, none empty, none twice.
fn members(list: &str) -> Result<Vec<String>> {
    let names: Vec<String> = list
        .split(';')
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(String::from)
        .collect();
    if names.is_empty() {
        return Err(UsageError(t(
            "tpl-members-empty",
            &[("list", format!("{list:?}").into())],
        ))
        .into());
    }
    for (i, n) in names.iter().enumerate() {
        if names[..i].contains(n) {
            return Err(
                UsageError(t("tpl-members-twice", &[("name", format!("{n:?}").into())])).into(),
            );
        }
    }
    Ok(names)
}

fn write_csv(out: &mut Output, carried: &[String], sheet: &SetRows<'_>) -> Result<()> {
    let set = sheet.set;
    let mut w = csv::Writer::from_writer(out);
    let mut header = vec!["product_id", "product_name"];
    header.extend(carried.iter().map(String::as_str));
    header.extend(["set", "assessor"]);
    header.extend(set.leaves.iter().map(|l| l.code.as_str()));
    header.push("disqualified");
    w.write_record(&header)?;
    let number = set.number.to_string();
    for row in &sheet.rows {
        let mut rec = vec![row.product_id.as_str(), row.product_name.as_str()];
        rec.extend(row.carried.iter().map(String::as_str));
        rec.extend([number.as_str(), row.assessor.as_str()]);
        rec.resize(header.len(), "");
        w.write_record(&rec)?;
    }
    w.flush()?;
    Ok(())
}

/// The products of a round, as the products file lists them.
struct Products {
    carried: Vec<String>,
    rows: Vec<Product>,
}

struct Product {
    set: u8,
    row: Row,
}

/// Reads `--products`: a CSV (`,` `;` or tab, UTF-8 with or without a BOM) with a
/// `product_id` column, optionally `product_name` and `set` (needed unless exactly one SET is
/// given); other columns are carried. Problems are returned located (`file:line: column …`).
fn read_products(
    edition: &Edition,
    path: &Path,
    sets: &[u8],
) -> Result<Result<Products, Vec<String>>> {
    let name = path.display();
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            return Ok(Err(vec![format!(
                "{name}: {}",
                t("tpl-cannot-read", &[("error", e.to_string().into())])
            )]));
        }
    };
    // A workbook: its first sheet, from its header row; messages by sheet and row.
    let (bytes, sheet, first_row) = if ocop::input::is_workbook_name(&path.to_string_lossy()) {
        match ocop::input::sheet_as_csv(&path.to_string_lossy(), bytes) {
            Ok(s) => (s.csv, Some(s.sheet), s.header_row as usize),
            // `[sheet] C4: …` follows the name; a whole workbook's problem after a colon.
            Err(e) => {
                let sep = match e.key() {
                    Some("wb-in-sheet" | "wb-in-cell") => " ",
                    _ => ": ",
                };
                return Ok(Err(vec![format!("{name}{sep}{}", e.render(super::lang()))]));
            }
        }
    } else {
        (bytes, None, 1)
    };
    let at = |line: usize| match &sheet {
        Some(s) => t(
            "loc-sheet-row",
            &[
                ("file", name.to_string().into()),
                ("sheet", ocop::input::escape(s).into_owned().into()),
                ("line", (line + first_row - 1).into()),
            ],
        ),
        None => format!("{name}:{line}"),
    };
    let h = at(1);
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(&bytes);
    let Ok(text) = std::str::from_utf8(bytes) else {
        return Ok(Err(vec![format!("{name}: {}", super::tr("tpl-not-utf8"))]));
    };
    let first = text.lines().next().unwrap_or("");
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| first.bytes().filter(|b| b == d).count())
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header: Vec<String> = match records.next() {
        Some(Ok(h)) => h.iter().map(|s| s.trim().to_string()).collect(),
        Some(Err(e)) => return Ok(Err(vec![format!("{h}: {e}")])),
        None => return Ok(Err(vec![format!("{name}: {}", super::tr("tpl-empty"))])),
    };
    let keys: Vec<String> = header.iter().map(|h| h.to_lowercase()).collect();
    let find = |k: &str| keys.iter().position(|h| h == k);
    let mut problems = Vec::new();
    let Some(id_col) = find("product_id") else {
        return Ok(Err(vec![format!(
            "{h}: {}",
            t("tpl-missing-id", &[("header", header.join(", ").into())])
        )]));
    };
    let name_col = find("product_name");
    let set_col = find("set");
    if set_col.is_none() && sets.len() != 1 {
        return Ok(Err(vec![format!("{h}: {}", super::tr("tpl-missing-set"))]));
    }
    let mut carried = Vec::new();
    for (i, k) in keys.iter().enumerate() {
        if Some(i) == set_col || i == id_col || Some(i) == name_col || k.is_empty() {
            continue;
        }
        if ["assessor", "disqualified", "total", "criterion", "points"].contains(&k.as_str())
            || edition.is_code(k)
        {
            problems.push(format!(
                "{h}: {}: {}",
                column(&header[i]),
                super::tr("tpl-not-products")
            ));
        } else if keys[..i].contains(k) {
            problems.push(format!(
                "{h}: {}: {}",
                column(&header[i]),
                super::tr("tpl-column-twice")
            ));
        } else {
            carried.push(i);
        }
    }
    let mut rows: Vec<Product> = Vec::new();
    for (n, rec) in records.enumerate() {
        let line = n + 2;
        let l = at(line);
        let rec = match rec {
            Ok(r) => r,
            Err(e) => {
                problems.push(format!("{l}: {e}"));
                continue;
            }
        };
        if rec.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let field = |i: usize| rec.get(i).unwrap_or("").trim().to_string();
        let id = field(id_col);
        if id.is_empty() {
            problems.push(format!(
                "{l}: {}: {}",
                column("product_id"),
                super::tr("tpl-empty-id")
            ));
            continue;
        }
        if let Some(prev) = rows.iter().position(|p| p.row.product_id == id) {
            problems.push(format!(
                "{l}: {}: {}",
                column("product_id"),
                t(
                    "tpl-id-twice",
                    &[
                        ("id", format!("{id:?}").into()),
                        ("first", (prev + 1).into())
                    ]
                )
            ));
            continue;
        }
        let set = match set_col {
            None => sets[0],
            Some(c) => {
                let q = field(c);
                match edition.set(&q) {
                    None => {
                        problems.push(format!(
                            "{l}: {}: {}",
                            column("set"),
                            t(
                                "tpl-unknown-set",
                                &[
                                    ("value", format!("{q:?}").into()),
                                    ("edition", edition.id().to_string().into()),
                                    ("sets", edition.summaries().len().into()),
                                ]
                            )
                        ));
                        continue;
                    }
                    Some(s) if !s.is_scorable() => {
                        problems.push(format!(
                            "{l}: {}: {}",
                            column("set"),
                            t(
                                "tpl-incomplete-set",
                                &[
                                    ("set", s.number.into()),
                                    ("code", s.code.clone().into()),
                                    ("edition", edition.id().to_string().into()),
                                ]
                            )
                        ));
                        continue;
                    }
                    Some(s) if !sets.is_empty() && !sets.contains(&s.number) => {
                        let asked: Vec<String> = sets.iter().map(u8::to_string).collect();
                        problems.push(format!(
                            "{l}: {}: {}",
                            column("set"),
                            t(
                                "tpl-set-not-asked",
                                &[
                                    ("id", id.clone().into()),
                                    ("set", s.number.into()),
                                    ("asked", asked.join(", ").into()),
                                ]
                            )
                        ));
                        continue;
                    }
                    Some(s) => s.number,
                }
            }
        };
        rows.push(Product {
            set,
            row: Row {
                product_id: id,
                product_name: name_col.map(field).unwrap_or_default(),
                carried: carried.iter().map(|&c| field(c)).collect(),
                assessor: String::new(),
            },
        });
    }
    if !problems.is_empty() {
        return Ok(Err(problems));
    }
    Ok(Ok(Products {
        carried: carried.iter().map(|&i| header[i].clone()).collect(),
        rows,
    }))
}
