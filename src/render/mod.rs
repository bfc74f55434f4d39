//! Renderers: turn a model (a criteria set, a scoring report) into text. They compute
//! nothing of their own and write to any `io::Write`; choosing stdout or a file is the
//! binary's job.

pub mod criteria;

use comfy_table::{ContentArrangement, Table, presets};

/// How tables are drawn.
#[derive(Debug, Clone, Copy)]
pub struct TableStyle {
    /// Total width in terminal columns.
    pub width: u16,
    /// ASCII borders and star signs instead of Unicode box drawing and ★.
    pub ascii: bool,
}

impl TableStyle {
    /// A table that wraps its cells to fit `width`.
    pub fn table(&self) -> Table {
        let mut t = Table::new();
        if self.ascii {
            t.load_style(presets::ASCII_FULL_CONDENSED);
        } else {
            t.load_style(presets::UTF8_FULL_CONDENSED.with_rounded_corners());
        }
        t.set_content_arrangement(ContentArrangement::Dynamic);
        t.set_width(self.width);
        t.force_no_tty();
        t
    }
}

/// The decision's marker sign for a star level: `***`, `****`, `*****`.
pub fn marker(stars: crate::criteria::Stars) -> String {
    "*".repeat(usize::from(stars.get()))
}
