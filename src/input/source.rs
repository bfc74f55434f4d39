//! The input seam: a source of records, each with its fields as bytes and its line (or
//! row). The CSV reader here is the reference; a workbook reader yields the same records.

use std::io::Read;

pub use super::records::{ReadError, Record, Records};

/// Anything that yields records one at a time, in order.
pub trait RecordSource {
    /// The next record, `None` at the end.
    fn next_record(&mut self) -> Result<Option<Record<'_>>, ReadError>;
    /// Lines read so far (to place an I/O error).
    fn lines(&self) -> u64;
}

impl<R: Read> RecordSource for Records<R> {
    fn next_record(&mut self) -> Result<Option<Record<'_>>, ReadError> {
        Records::next_record(self)
    }

    fn lines(&self) -> u64 {
        Records::lines(self)
    }
}

/// The CSV records of a decoded input; `offset`: bytes before it (a removed BOM).
pub fn csv<'a, R: Read + 'a>(input: R, delimiter: u8, offset: u64) -> Box<dyn RecordSource + 'a> {
    Box::new(Records::new(input, delimiter).starting_at(offset))
}

impl ReadError {
    /// The line to report the error on.
    pub fn line(&self, lines_read: u64) -> u64 {
        match self {
            ReadError::TooLong(l) => *l,
            ReadError::Io(_) => lines_read + 1,
        }
    }

    /// The problem's stable code.
    pub fn code(&self) -> &'static str {
        match self {
            ReadError::TooLong(_) => "record_too_long",
            ReadError::Io(e) if e.kind() == std::io::ErrorKind::InvalidData => "invalid_encoding",
            ReadError::Io(_) => "cannot_read",
        }
    }
}
