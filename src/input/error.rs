//! Input errors: each names the file, the line and the column (by header name), what was
//! found and what was expected. `Problems` collects them up to a cap and counts the rest.

use std::collections::BinaryHeap;
use std::fmt;
use std::sync::Arc;

/// Where in the input a problem is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Loc {
    /// Position of the file in the batch (for ordering).
    pub file_index: usize,
    pub file: Arc<str>,
    /// 1-based line; `None` for a problem of the whole file.
    pub line: Option<u64>,
}

impl Loc {
    pub fn file(file_index: usize, file: &Arc<str>) -> Loc {
        Loc {
            file_index,
            file: file.clone(),
            line: None,
        }
    }

    pub fn line(file_index: usize, file: &Arc<str>, line: u64) -> Loc {
        Loc {
            file_index,
            file: file.clone(),
            line: Some(line),
        }
    }

    /// `line 4` in the same file, `line 4 of a.csv` in another.
    pub fn describe_from(&self, here: &Loc) -> String {
        match (self.line, self.file_index == here.file_index) {
            (Some(l), true) => format!("line {l}"),
            (Some(l), false) => format!("line {l} of {}", self.file),
            (None, _) => self.file.to_string(),
        }
    }
}

impl fmt::Display for Loc {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.line {
            Some(l) => write!(f, "{}:{l}", self.file),
            None => write!(f, "{}", self.file),
        }
    }
}

/// One problem in the input. Problems order by position, then column and message.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct InputError {
    pub loc: Loc,
    /// The column's header name, as written in the file.
    pub column: Option<String>,
    pub message: String,
}

impl fmt::Display for InputError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: ", self.loc)?;
        if let Some(c) = &self.column {
            write!(f, "column {c}: ")?;
        }
        write!(f, "{}", self.message)
    }
}

/// The problems found: the first `cap` of them in input order, and how many there were.
#[derive(Debug, Clone)]
pub struct Problems {
    /// The earliest problems, a max-heap so the latest kept one is dropped first.
    kept: BinaryHeap<InputError>,
    pub total: usize,
    cap: usize,
    /// False when some problems were found while merging the parts of a split file: their
    /// lines can differ from one reader's, so the file should be read again by one reader.
    exact: bool,
}

impl Problems {
    pub fn new(cap: usize) -> Problems {
        Problems {
            kept: BinaryHeap::new(),
            total: 0,
            cap,
            exact: true,
        }
    }

    pub fn push(&mut self, loc: Loc, column: Option<&str>, message: impl Into<String>) {
        self.add(InputError {
            loc,
            column: column.map(str::to_string),
            message: message.into(),
        });
    }

    fn add(&mut self, e: InputError) {
        self.total += 1;
        if self.kept.len() < self.cap {
            self.kept.push(e);
        } else if self.kept.peek().is_some_and(|latest| e < *latest) {
            self.kept.pop();
            self.kept.push(e);
        }
    }

    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    pub fn cap(&self) -> usize {
        self.cap
    }

    /// Whether these are the problems one sequential reader would report (see `exact`).
    pub fn is_exact(&self) -> bool {
        self.exact
    }

    pub(crate) fn mark_inexact(&mut self) {
        self.exact = false;
    }

    /// Adds another reader's problems (parallel chunks of one batch).
    pub fn merge(&mut self, other: Problems) {
        self.exact &= other.exact;
        let total = self.total + other.total;
        for e in other.kept {
            self.add(e);
        }
        self.total = total;
    }

    /// The kept problems in input order, and the total count.
    pub fn sorted(self) -> (Vec<InputError>, usize) {
        (self.kept.into_sorted_vec(), self.total)
    }
}
