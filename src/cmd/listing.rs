//! A listing of the register (`register due|list|history`, `diff`): typed rows rendered as a
//! table (a chosen few columns, human labels), CSV (every column, stable keys, safe for
//! spreadsheets) or JSON (every column, typed values). The subcommands fill it; this only
//! prints.

use std::io::Write;

use anyhow::Result;
use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets};

use super::io::Output;
use crate::cli::{ListingArgs, ReportFormat};

/// One value of a row.
#[derive(Debug, Clone)]
pub enum Value {
    Text(String),
    Int(i64),
    /// A number printed as given (e.g. `78.50`), a JSON number.
    Num(String),
    Bool(bool),
    /// A stable code (CSV, JSON) shown in the table as its human label.
    Code {
        code: &'static str,
        label: &'static str,
    },
    Null,
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::Text(s.to_string())
    }
}
impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::Text(s)
    }
}
impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Value {
        v.map_or(Value::Null, Into::into)
    }
}
impl From<jiff::civil::Date> for Value {
    fn from(d: jiff::civil::Date) -> Value {
        Value::Text(d.to_string())
    }
}

/// A result's status code (`certified`…) as a value: the code in CSV and JSON, its words in
/// the table.
pub fn status(code: &str) -> Value {
    let known = [
        ("certified", "status-word-certified"),
        ("nominated", "status-word-nominated"),
        ("returned", "status-word-returned"),
        ("not_certified", "status-word-not-certified"),
        ("disqualified", "status-word-disqualified"),
    ];
    match known.iter().find(|(c, _)| *c == code) {
        Some(&(code, label)) => Value::Code { code, label },
        None => Value::Text(code.to_string()),
    }
}

/// A column: its stable key (CSV header, JSON key), its table label, a message key (`None`:
/// not in the table).
pub struct Column {
    pub key: &'static str,
    pub label: Option<&'static str>,
    pub right: bool,
}

pub const fn col(key: &'static str, label: &'static str) -> Column {
    Column {
        key,
        label: Some(label),
        right: false,
    }
}
pub const fn num(key: &'static str, label: &'static str) -> Column {
    Column {
        key,
        label: Some(label),
        right: true,
    }
}
/// A column of the CSV and JSON only.
pub const fn data(key: &'static str) -> Column {
    Column {
        key,
        label: None,
        right: false,
    }
}

pub struct Listing<'c> {
    pub columns: &'c [Column],
    pub rows: Vec<Vec<Value>>,
    /// JSON: the key of the rows' array, and values before it.
    pub rows_key: &'static str,
    pub meta: Vec<(&'static str, Value)>,
    /// Table: lines printed above and below it.
    pub title: Vec<String>,
    pub footer: Vec<String>,
}

impl Listing<'_> {
    /// Writes the listing where `args` say (a file is written whole or not at all).
    pub fn write(&self, args: &ListingArgs) -> Result<()> {
        let mut out = Output::create(args.output.as_deref(), &[])?;
        let width = args.width.unwrap_or_else(|| {
            if out.is_stdout() {
                super::terminal_width()
            } else {
                80
            }
        });
        match args.format {
            ReportFormat::Table => self.table(&mut out, width, args.ascii)?,
            ReportFormat::Csv => self.csv(&mut out, args.bom)?,
            ReportFormat::Json => self.json(&mut out)?,
            ReportFormat::Html => {
                return Err(super::UsageError(super::tr("usage-listing-html")).into());
            }
        }
        out.flush()?;
        out.commit()
    }

    fn table(&self, out: &mut dyn Write, width: u16, ascii: bool) -> Result<()> {
        for line in &self.title {
            writeln!(out, "{line}")?;
        }
        if !self.rows.is_empty() {
            let mut t = Table::new();
            t.load_style(if ascii {
                presets::ASCII_HORIZONTAL_ONLY
            } else {
                presets::UTF8_HORIZONTAL_ONLY
            });
            t.set_content_arrangement(ContentArrangement::Dynamic);
            t.set_width(width);
            t.force_no_tty();
            let shown: Vec<usize> = (0..self.columns.len())
                .filter(|&i| self.columns[i].label.is_some())
                .collect();
            t.set_header(
                shown
                    .iter()
                    .map(|&i| super::tr(self.columns[i].label.unwrap_or_default())),
            );
            for row in &self.rows {
                t.add_row(shown.iter().map(|&i| {
                    let text = match &row[i] {
                        Value::Text(s) | Value::Num(s) => s.clone(),
                        Value::Int(n) => n.to_string(),
                        Value::Bool(b) => super::tr(if *b { "listing-yes" } else { "listing-no" }),
                        Value::Code { label, .. } => super::tr(label),
                        Value::Null => String::new(),
                    };
                    let cell = Cell::new(text);
                    if self.columns[i].right {
                        cell.set_alignment(CellAlignment::Right)
                    } else {
                        cell
                    }
                }));
            }
            for line in t.lines() {
                writeln!(out, "{}", line.trim_end())?;
            }
        }
        for line in &self.footer {
            writeln!(out, "{line}")?;
        }
        Ok(())
    }

    fn csv(&self, out: &mut dyn Write, bom: bool) -> Result<()> {
        if bom {
            out.write_all(b"\xEF\xBB\xBF")?;
        }
        let mut w = csv::Writer::from_writer(out);
        w.write_record(self.columns.iter().map(|c| c.key))?;
        for row in &self.rows {
            w.write_record(row.iter().map(|v| match v {
                Value::Text(s) => ocop::render::csv::safe(s).into_owned(),
                Value::Num(s) => s.clone(),
                Value::Int(n) => n.to_string(),
                Value::Bool(b) => b.to_string(),
                Value::Code { code, .. } => code.to_string(),
                Value::Null => String::new(),
            }))?;
        }
        w.flush()?;
        Ok(())
    }

    fn json(&self, out: &mut dyn Write) -> Result<()> {
        let mut out = std::io::BufWriter::new(out);
        writeln!(out, "{{")?;
        for (k, v) in &self.meta {
            writeln!(out, "  {}: {},", json_str(k), json_value(v))?;
        }
        write!(out, "  {}: [", json_str(self.rows_key))?;
        for (n, row) in self.rows.iter().enumerate() {
            write!(out, "{}\n    {{", if n == 0 { "" } else { "," })?;
            for (i, (c, v)) in self.columns.iter().zip(row).enumerate() {
                let sep = if i == 0 { "" } else { ", " };
                write!(out, "{sep}{}: {}", json_str(c.key), json_value(v))?;
            }
            write!(out, "}}")?;
        }
        if !self.rows.is_empty() {
            write!(out, "\n  ")?;
        }
        writeln!(out, "]\n}}")?;
        out.flush()?;
        Ok(())
    }
}

fn json_str(s: &str) -> String {
    serde_json::to_string(s).expect("a string serialises")
}

fn json_value(v: &Value) -> String {
    match v {
        Value::Text(s) => json_str(s),
        Value::Num(s) => s.clone(),
        Value::Int(n) => n.to_string(),
        Value::Bool(b) => b.to_string(),
        Value::Code { code, .. } => json_str(code),
        Value::Null => "null".to_string(),
    }
}
