//! A listing of the register (`register due|list|history`, `diff`): typed rows rendered as a
//! table (a chosen few columns, human labels), CSV (every column, stable keys, safe for
//! spreadsheets) or JSON (every column, typed values). The subcommands fill it; this only
//! prints.

use std::io::Write;

use anyhow::Result;
use comfy_table::{Cell, CellAlignment, ContentArrangement, Table, presets};

use super::format::flag;
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
        use ReportFormat::{Csv, Json, Table, Xlsx};
        let format = super::format::resolve(
            args.format,
            args.output.as_deref(),
            &[Table, Csv, Json, Xlsx],
            &[
                flag("--bom", args.bom, &[Csv]),
                flag("--excel", args.excel, &[Csv]),
                flag("--width", args.width.is_some(), &[Table]),
                flag("--ascii", args.ascii, &[Table]),
            ],
        )?;
        let mut out = Output::create(args.output.as_deref(), &[])?;
        super::format::refuse_binary_on_terminal(format, out.is_stdout())?;
        let width = args.width.unwrap_or_else(|| {
            if out.is_stdout() {
                super::terminal_width()
            } else {
                80
            }
        });
        match format {
            Table => self.table(&mut out, width, args.ascii)?,
            Csv => self.csv(&mut out, args.bom, args.excel)?,
            Json => self.json(&mut out)?,
            Xlsx => {
                let bytes = self.xlsx().map_err(std::io::Error::other)?;
                out.write_all(&bytes).map_err(|e| out.error(e))?;
            }
            ReportFormat::Html => unreachable!("refused by format::resolve"),
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

    /// `excel`: `;` between fields, a byte-order mark, decimal commas.
    fn csv(&self, out: &mut dyn Write, bom: bool, excel: bool) -> Result<()> {
        if bom || excel {
            out.write_all(b"\xEF\xBB\xBF")?;
        }
        let mut w = csv::WriterBuilder::new()
            .delimiter(if excel { b';' } else { b',' })
            .from_writer(out);
        w.write_record(self.columns.iter().map(|c| c.key))?;
        for row in &self.rows {
            w.write_record(row.iter().map(|v| match v {
                Value::Text(s) => ocop::render::csv::safe(s).into_owned(),
                Value::Num(s) if excel => s.replace('.', ","),
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

    /// One sheet: row 1 the stable column keys (as the CSV), numbers as number cells, text
    /// always as string cells, codes as codes; autofilter, frozen header, widths that fit.
    fn xlsx(&self) -> Result<Vec<u8>, rust_xlsxwriter::XlsxError> {
        use rust_xlsxwriter::{Color, Format, FormatBorder, Workbook};
        let header = Format::new()
            .set_bold()
            .set_background_color(Color::RGB(0xDDEBF7))
            .set_border_bottom(FormatBorder::Thin);
        let decimals = Format::new().set_num_format("0.00");
        let mut wb = Workbook::new();
        let ws = wb
            .add_worksheet_with_constant_memory()?
            .set_name(self.rows_key)?;
        let mut widths: Vec<usize> = self.columns.iter().map(|c| c.key.len()).collect();
        for (c, col) in self.columns.iter().enumerate() {
            ws.write_string_with_format(0, c as u16, col.key, &header)?;
        }
        for (r, row) in self.rows.iter().enumerate() {
            let r = r as u32 + 1;
            for (c, v) in row.iter().enumerate() {
                let col = c as u16;
                let shown = match v {
                    Value::Text(s) if s.is_empty() => 0,
                    Value::Text(s) => {
                        ws.write_string(r, col, s)?;
                        s.chars().count()
                    }
                    Value::Num(s) => {
                        match s.parse::<f64>() {
                            Ok(n) => ws.write_number_with_format(r, col, n, &decimals)?,
                            Err(_) => ws.write_string(r, col, s)?,
                        };
                        s.len()
                    }
                    Value::Int(n) => {
                        ws.write_number(r, col, *n as f64)?;
                        n.to_string().len()
                    }
                    Value::Bool(b) => {
                        ws.write_boolean(r, col, *b)?;
                        5
                    }
                    Value::Code { code, .. } => {
                        ws.write_string(r, col, *code)?;
                        code.len()
                    }
                    Value::Null => 0,
                };
                if let Some(w) = widths.get_mut(c) {
                    *w = (*w).max(shown);
                }
            }
        }
        for (c, w) in widths.iter().enumerate() {
            ws.set_column_width(c as u16, (*w as f64 + 3.0).clamp(6.0, 60.0))?;
        }
        let last = self.columns.len().saturating_sub(1) as u16;
        ws.autofilter(0, 0, self.rows.len() as u32, last)?;
        ws.set_freeze_panes(1, 0)?;
        wb.save_to_buffer()
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
