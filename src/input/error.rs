//! Input errors: each names the file, the line (or the sheet and cell), the column (by
//! header name), what was found and what was expected, and carries a stable code for
//! pipelines. `Problems` collects them up to a cap and counts the rest.

use std::collections::BinaryHeap;
use std::fmt;
use std::sync::Arc;

use super::text::escape;
use crate::l10n::{Lang, Message, tr_args};
use crate::msg;

/// Where in the input a problem is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Loc {
    /// Position of the file in the batch (for ordering).
    pub file_index: usize,
    pub file: Arc<str>,
    /// The sheet of a workbook; `None` for CSV.
    pub sheet: Option<Arc<str>>,
    /// 1-based line (CSV) or row (workbook); `None` for a problem of the whole file.
    pub line: Option<u64>,
}

impl Loc {
    pub fn file(file_index: usize, file: &Arc<str>) -> Loc {
        Loc {
            file_index,
            file: file.clone(),
            sheet: None,
            line: None,
        }
    }

    pub fn line(file_index: usize, file: &Arc<str>, line: u64) -> Loc {
        Loc {
            file_index,
            file: file.clone(),
            sheet: None,
            line: Some(line),
        }
    }

    /// `line 4` in the same file, `line 4 of a.csv` in another (`row 4 of sheet S` in a
    /// workbook), as a message to put in another.
    pub fn describe_from(&self, here: &Loc) -> Message {
        // The sheets of one workbook are files of their own in the batch.
        let same_file = self.file_index == here.file_index
            || (self.sheet.is_some() && here.sheet.is_some() && self.file == here.file);
        let other_sheet = match &self.sheet {
            Some(s) if here.sheet.as_ref() != Some(s) || !same_file => Some(escape(s).into_owned()),
            _ => None,
        };
        let file = escape(&self.file).into_owned();
        match (self.line, same_file, other_sheet) {
            (None, _, _) => Message::Text(file),
            (Some(l), true, None) if self.sheet.is_some() => msg!("loc-row", line = l),
            (Some(l), true, None) => msg!("loc-line", line = l),
            (Some(l), true, Some(sheet)) => msg!("loc-row-sheet", line = l, sheet = sheet),
            (Some(l), false, Some(sheet)) => {
                msg!("loc-row-sheet-file", line = l, sheet = sheet, file = file)
            }
            (Some(l), false, None) => msg!("loc-line-file", line = l, file = file),
        }
    }
}

impl Loc {
    /// `a.csv:12`, `a.xlsx [Sheet]`, or `a.xlsx [Sheet] row 12` with the word for row in
    /// `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let file = escape(&self.file);
        match (&self.sheet, self.line) {
            (Some(s), Some(l)) => tr_args(
                lang,
                "loc-sheet-row",
                &[
                    ("file", file.into_owned().into()),
                    ("sheet", escape(s).into_owned().into()),
                    ("line", l.into()),
                ],
            ),
            (Some(s), None) => format!("{file} [{}]", escape(s)),
            (None, Some(l)) => format!("{file}:{l}"),
            (None, None) => file.into_owned(),
        }
    }
}

impl fmt::Display for Loc {
    /// In English.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// Spreadsheet column letters of a 0-based column: 0 → A, 26 → AA.
pub fn column_letters(mut col: u32) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).expect("ASCII letters")
}

/// One problem in the input. Problems order by position, then column and message.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct InputError {
    pub loc: Loc,
    /// The sheet column of the cell (0-based), for an A1 reference in a workbook.
    pub cell: Option<u32>,
    /// The column's header name, as written in the file.
    pub column: Option<String>,
    /// What is wrong, rendered in a language when printed ([`InputError::render`]).
    pub message: Message,
    /// A stable identifier of the kind of problem (`invalid_score`, `ragged_row`…), the
    /// same in every language: see docs/json.md.
    pub code: &'static str,
}

impl InputError {
    /// The A1 reference of the cell, in a workbook (`C17`).
    pub fn cell_ref(&self) -> Option<String> {
        match (self.loc.sheet.is_some(), self.cell, self.loc.line) {
            (true, Some(c), Some(l)) => Some(format!("{}{l}", column_letters(c))),
            _ => None,
        }
    }
}

impl InputError {
    /// `a.csv:4: column 1.1: …` in `lang`.
    pub fn render(&self, lang: Lang) -> String {
        let mut s = match (self.cell_ref(), &self.loc.sheet) {
            (Some(r), Some(sheet)) => {
                format!("{} [{}] {r}: ", escape(&self.loc.file), escape(sheet))
            }
            _ => format!("{}: ", self.loc.render(lang)),
        };
        if let Some(c) = &self.column {
            s.push_str(&tr_args(
                lang,
                "input-column",
                &[("column", escape(c).into_owned().into())],
            ));
            s.push_str(": ");
        }
        s.push_str(&self.message.render(lang));
        s
    }

    /// The message alone in `lang`, without the location.
    pub fn message_in(&self, lang: Lang) -> String {
        self.message.render(lang)
    }
}

impl fmt::Display for InputError {
    /// In English.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(Lang::En))
    }
}

/// The problems found: the first `cap` of them in input order, and how many there were.
#[derive(Debug, Clone)]
pub struct Problems {
    /// The earliest problems, a max-heap so the latest kept one is dropped first.
    kept: BinaryHeap<InputError>,
    pub total: usize,
    cap: usize,
}

impl Problems {
    pub fn new(cap: usize) -> Problems {
        Problems {
            kept: BinaryHeap::new(),
            total: 0,
            cap: cap.max(1),
        }
    }

    pub fn add(&mut self, e: InputError) {
        self.total += 1;
        if self.kept.len() < self.cap {
            self.kept.push(e);
        } else if self.kept.peek().is_some_and(|latest| e < *latest) {
            self.kept.pop();
            self.kept.push(e);
        }
    }

    pub fn push(
        &mut self,
        loc: Loc,
        column: Option<&str>,
        code: &'static str,
        message: impl Into<Message>,
    ) {
        self.add(InputError {
            loc,
            cell: None,
            column: column.map(str::to_string),
            message: message.into(),
            code,
        });
    }

    /// A problem of one cell of the line (column `cell`, 0-based): shown by its A1 reference
    /// in a workbook, by the line in CSV.
    pub fn push_cell(
        &mut self,
        loc: Loc,
        cell: usize,
        column: &str,
        code: &'static str,
        message: impl Into<Message>,
    ) {
        self.add(InputError {
            loc,
            cell: Some(cell as u32),
            column: Some(column.to_string()),
            message: message.into(),
            code,
        });
    }

    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    pub fn cap(&self) -> usize {
        self.cap
    }

    /// The kept problems in input order, and the total count.
    pub fn sorted(self) -> (Vec<InputError>, usize) {
        (self.kept.into_sorted_vec(), self.total)
    }
}
