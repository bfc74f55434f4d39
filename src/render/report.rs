//! The ranked table a council files, its summary, and the per-product explanation, in the
//! language of the [`TableStyle`].
//!
//! The table is laid out here rather than by a generic table crate, because its cells are
//! of three kinds that must be treated differently when space runs short: ids, numbers and
//! star ratings are never split; names wrap at spaces (a word wider than its column is cut
//! with `…`); a status phrase wraps only when its column cannot hold it. Widths are measured
//! over the whole report first, then rows are written one at a time (bounded memory for any
//! size of batch). The layout is the widest that fits: id and name side by side with the
//! flags on the status line (wide terminals), then with the flags below the status, then
//! the id above the name, then without the part columns A, B, C (narrow terminals; see
//! `--explain` for the parts).

use std::io::{self, Write};

use super::{TableStyle, stars};
use crate::input::escape_all;
use crate::l10n::{Lang, tr, tr_args};
use crate::points::Points;
use crate::report::{Council, ProductResult, Report, Status};

/// The narrowest a name column gets before names are cut with `…`.
const MIN_NAME: usize = 12;
/// Space between columns (1 when 2 would not fit).
const GAP: usize = 2;

/// What the table shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum View {
    /// Every product with its parts and flags, then the summary.
    #[default]
    Full,
    /// One line per product: rank, id, name (cut with `…`), set, total, stars, status.
    Compact,
    /// The counts and lists only, no per-product rows.
    Summary,
}

/// The ranked table followed by the summary (and, with `explain`, a block per product).
pub fn table(
    out: &mut dyn Write,
    report: &Report,
    style: TableStyle,
    explain: bool,
) -> io::Result<()> {
    table_view(out, report, style, explain, View::Full)
}

/// [`table`] in one of its views.
pub fn table_view(
    out: &mut dyn Write,
    report: &Report,
    style: TableStyle,
    explain: bool,
    view: View,
) -> io::Result<()> {
    match view {
        View::Full => full(out, report, style)?,
        View::Compact => compact(out, report, style)?,
        View::Summary => {}
    }
    summary(out, report, style, view == View::Summary)?;
    if explain {
        for p in &report.products {
            writeln!(out)?;
            explanation(out, report, p, style)?;
        }
    }
    Ok(())
}

/// One piece of a cell, on lines of its own.
#[derive(Debug, Clone)]
enum Piece {
    /// Never split (an id, a number, stars).
    Whole(String),
    /// Wrapped at spaces; a word wider than the column is cut with `…` (a name).
    Wrap(String),
    /// A phrase: on one line when the column allows, else wrapped at spaces (a status).
    Phrase(String),
    /// Always one line, cut with `…` to the column (a name in the compact view).
    Cut(String),
}

impl Piece {
    fn text(&self) -> &str {
        match self {
            Piece::Whole(s) | Piece::Wrap(s) | Piece::Phrase(s) | Piece::Cut(s) => s,
        }
    }
}

type Cell = Vec<Piece>;

fn width(s: &str) -> usize {
    textwrap::core::display_width(s)
}

/// What a column needs (its unsplittable content, or the narrowest sensible width) and
/// what it would like (its content on unwrapped lines).
#[derive(Debug, Clone, Copy, Default)]
struct Need {
    min: usize,
    want: usize,
    /// What the first piece of the cell would like (a status without its flags).
    first: usize,
}

fn need(cell: &Cell) -> Need {
    let mut n = Need {
        first: cell.first().map_or(0, |p| width(p.text())),
        ..Need::default()
    };
    for piece in cell {
        let w = width(piece.text());
        n.want = n.want.max(w);
        n.min = n.min.max(match piece {
            Piece::Whole(_) => w,
            Piece::Wrap(_) | Piece::Cut(_) => w.min(MIN_NAME),
            Piece::Phrase(s) => s.split(' ').map(width).max().unwrap_or(0),
        });
    }
    n
}

/// The lines of a cell at `w` columns.
fn lines(cell: &Cell, w: usize) -> Vec<String> {
    let mut out = Vec::new();
    for piece in cell {
        match piece {
            Piece::Whole(s) => out.push(s.clone()),
            Piece::Cut(s) => out.push(cut(s, w)),
            Piece::Wrap(s) | Piece::Phrase(s) => {
                if width(s) <= w {
                    out.push(s.clone());
                    continue;
                }
                let opts = textwrap::Options::new(w.max(1))
                    .break_words(false)
                    .word_splitter(textwrap::WordSplitter::NoHyphenation);
                for line in textwrap::wrap(s, opts) {
                    out.push(cut(&line, w));
                }
            }
        }
    }
    out
}

/// `s` cut to `w` columns with `…` when wider.
fn cut(s: &str, w: usize) -> String {
    if width(s) <= w {
        return s.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for c in s.chars() {
        let cw = width(c.encode_utf8(&mut [0; 4]));
        if used + cw + 1 > w {
            break;
        }
        out.push(c);
        used += cw;
    }
    out.push('…');
    out
}

/// A table's columns: header, alignment, and what the cells need.
struct Grid {
    headers: Vec<String>,
    right: Vec<bool>,
    needs: Vec<Need>,
    gap: usize,
}

impl Grid {
    fn new(headers: Vec<String>, right: Vec<bool>) -> Grid {
        let needs = headers
            .iter()
            .map(|h| {
                let w = width(h);
                Need {
                    min: w,
                    want: w,
                    first: w,
                }
            })
            .collect();
        Grid {
            headers,
            right,
            needs,
            gap: GAP,
        }
    }

    fn measure(&mut self, row: &[Cell]) {
        for (n, cell) in self.needs.iter_mut().zip(row) {
            let c = need(cell);
            n.min = n.min.max(c.min);
            n.want = n.want.max(c.want);
            n.first = n.first.max(c.first);
        }
    }

    /// The space the columns may share at `total` columns.
    fn room(&self, total: usize) -> usize {
        total.saturating_sub(1 + self.gap * (self.headers.len() - 1))
    }

    fn fits_wanted(&self, total: usize) -> bool {
        self.needs.iter().map(|n| n.want).sum::<usize>() <= self.room(total)
    }

    /// Whether every column fits at its minimum with the last (the status) on one line.
    fn fits_status(&self, total: usize) -> bool {
        let n = self.needs.len();
        let others: usize = self.needs[..n - 1].iter().map(|x| x.min).sum();
        let last = &self.needs[n - 1];
        others + last.min.max(last.first) <= self.room(total)
    }

    fn fits_min(&self, total: usize) -> bool {
        self.needs.iter().map(|n| n.min).sum::<usize>() <= self.room(total)
    }

    /// Column widths: every column its minimum, then what is left to the columns that
    /// want more, in `order`: (column, whether up to its first piece only). Statuses come
    /// before names (a phrase cut is worse than a name wrapped), their flags after.
    fn widths(&self, total: usize, order: &[(usize, bool)]) -> Vec<usize> {
        let mut w: Vec<usize> = self.needs.iter().map(|n| n.min).collect();
        let mut left = self.room(total).saturating_sub(w.iter().sum());
        for &(i, first) in order {
            let want = if first {
                self.needs[i].first
            } else {
                self.needs[i].want
            };
            let more = want.saturating_sub(w[i]).min(left);
            w[i] += more;
            left -= more;
        }
        w
    }

    fn write_row(
        &self,
        out: &mut dyn Write,
        cells: &[Vec<String>],
        widths: &[usize],
    ) -> io::Result<()> {
        let height = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
        for l in 0..height {
            let mut line = String::from(" ");
            for (i, (cell, &w)) in cells.iter().zip(widths).enumerate() {
                if i > 0 {
                    line.push_str(&" ".repeat(self.gap));
                }
                let text = cell.get(l).map_or("", String::as_str);
                let pad = " ".repeat(w.saturating_sub(width(text)));
                if self.right[i] {
                    line.push_str(&pad);
                    line.push_str(text);
                } else {
                    line.push_str(text);
                    line.push_str(&pad);
                }
            }
            writeln!(out, "{}", line.trim_end())?;
        }
        Ok(())
    }
}

impl Grid {
    fn total_width(&self, widths: &[usize]) -> usize {
        1 + widths.iter().sum::<usize>() + self.gap * (widths.len() - 1)
    }

    /// One space between columns when two would not let the minimum fit.
    fn tighten(&mut self, total: usize) {
        if !self.fits_min(total) {
            self.gap = 1;
        }
    }
}

/// The layouts of the full table, widest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Layout {
    /// Id and name in columns of their own; flags after the status on its line.
    SideBySideOneLine,
    /// Id and name in columns of their own; each flag on a line below the status.
    SideBySide,
    /// The id above the name.
    Stacked,
    /// The id above the name, without the part columns.
    StackedNoParts,
}

impl Layout {
    fn side_by_side(self) -> bool {
        matches!(self, Layout::SideBySideOneLine | Layout::SideBySide)
    }

    fn parts(self) -> bool {
        self != Layout::StackedNoParts
    }

    fn headers(self, lang: Lang) -> (Vec<String>, Vec<bool>) {
        let mut h = vec![(tr(lang, "table-col-rank"), true)];
        if self.side_by_side() {
            h.push((tr(lang, "table-col-id"), false));
        }
        h.push((tr(lang, "table-col-product"), false));
        h.push((tr(lang, "table-col-set"), true));
        h.push((tr(lang, "table-col-members"), true));
        if self.parts() {
            for k in ["table-col-a", "table-col-b", "table-col-c"] {
                h.push((tr(lang, k), true));
            }
        }
        h.push((tr(lang, "table-col-total"), true));
        h.push((tr(lang, "table-col-stars"), false));
        h.push((tr(lang, "table-col-status"), false));
        h.into_iter().unzip()
    }

    fn row(self, p: &ProductResult, style: TableStyle, st: &(String, Vec<String>)) -> Vec<Cell> {
        let id = Piece::Whole(escape_all(p.id()).into_owned());
        let name = escape_all(p.name()).into_owned();
        let mut row = vec![vec![Piece::Whole(p.rank.to_string())]];
        if self.side_by_side() {
            row.push(vec![id]);
            row.push(if name.is_empty() {
                vec![]
            } else {
                vec![Piece::Wrap(name)]
            });
        } else if name.is_empty() {
            row.push(vec![id]);
        } else {
            row.push(vec![id, Piece::Wrap(name)]);
        }
        row.push(vec![Piece::Whole(p.set.number.to_string())]);
        row.push(vec![Piece::Whole(p.members.len().to_string())]);
        if self.parts() {
            for part in &p.parts() {
                row.push(vec![Piece::Whole(part.to_string())]);
            }
        }
        row.push(vec![Piece::Whole(p.total.to_string())]);
        row.push(vec![Piece::Whole(stars(p.stars, style.ascii))]);
        let (status, flags) = st;
        let cell = if self == Layout::SideBySideOneLine {
            let mut all = vec![status.clone()];
            all.extend(flags.iter().cloned());
            vec![Piece::Phrase(all.join("  "))]
        } else {
            std::iter::once(status)
                .chain(flags)
                .map(|s| Piece::Phrase(s.clone()))
                .collect()
        };
        row.push(cell);
        row
    }

    /// Columns that take what is left over, in order: the status phrase (the last of `n`
    /// columns), its flags (phrases too), then the name (names wrap).
    fn flexible(self, n: usize) -> Vec<(usize, bool)> {
        let name = if self.side_by_side() { 2 } else { 1 };
        vec![(n - 1, true), (n - 1, false), (name, false)]
    }
}

const LAYOUTS: [Layout; 4] = [
    Layout::SideBySideOneLine,
    Layout::SideBySide,
    Layout::Stacked,
    Layout::StackedNoParts,
];

/// The columns of every layout, measured in one pass over the report.
fn grids(report: &Report, style: TableStyle, words: &Words) -> Vec<Grid> {
    let mut grids: Vec<Grid> = LAYOUTS
        .iter()
        .map(|l| {
            let (headers, right) = l.headers(style.lang);
            Grid::new(headers, right)
        })
        .collect();
    for p in &report.products {
        let st = status(p, style, words);
        for (g, l) in grids.iter_mut().zip(LAYOUTS) {
            g.measure(&l.row(p, style, &st));
        }
    }
    grids
}

/// The table's words, looked up once rather than for every row: statuses by status and
/// stars, and the flags that take no argument.
struct Words {
    status: Vec<[String; 6]>,
    markers_5: String,
    unverified: String,
    flag: &'static str,
}

impl Words {
    fn new(style: TableStyle) -> Words {
        let lang = style.lang;
        let key = |s: Status| match s {
            Status::Certified => "table-status-certified",
            Status::Nominated => "table-status-nominated",
            Status::Returned => "table-status-returned",
            Status::NotCertified => "table-status-not-certified",
            Status::Disqualified => "table-status-disqualified",
        };
        let flag = if style.ascii { "!" } else { "⚑" };
        let flagged = |k: &str| ascii_if(&format!("{flag} {}", tr(lang, k)), style.ascii);
        Words {
            status: STATUSES
                .iter()
                .map(|&st| {
                    std::array::from_fn(|n| {
                        let text = tr_args(lang, key(st), &[("stars", n.into())]);
                        ascii_if(&text, style.ascii)
                    })
                })
                .collect(),
            markers_5: flagged("table-flag-markers-5"),
            unverified: flagged("table-flag-unverified"),
            flag,
        }
    }
}

const STATUSES: [Status; 5] = [
    Status::Certified,
    Status::Nominated,
    Status::Returned,
    Status::NotCertified,
    Status::Disqualified,
];

fn rule(out: &mut dyn Write, style: TableStyle, w: usize, heavy: bool) -> io::Result<()> {
    let c = match (style.ascii, heavy) {
        (true, true) => "=",
        (true, false) => "-",
        (false, true) => "═",
        (false, false) => "─",
    };
    writeln!(out, "{}", c.repeat(w))
}

fn full(out: &mut dyn Write, report: &Report, style: TableStyle) -> io::Result<()> {
    let total = usize::from(style.width);
    let words = Words::new(style);
    let mut chosen = None;
    for (layout, g) in LAYOUTS.into_iter().zip(grids(report, style, &words)) {
        // Side by side only when nothing wraps; the part columns only when the status
        // phrase keeps its line (they are in `--explain` too).
        let fits = match layout {
            Layout::SideBySideOneLine | Layout::SideBySide => g.fits_wanted(total),
            Layout::Stacked => g.fits_status(total),
            Layout::StackedNoParts => g.fits_min(total),
        };
        if fits || layout == Layout::StackedNoParts {
            let mut g = g;
            g.tighten(total);
            chosen = Some((layout, g));
            break;
        }
    }
    let (layout, g) = chosen.expect("the last layout is always taken");
    let widths = g.widths(total, &layout.flexible(g.headers.len()));
    let w = g.total_width(&widths);
    rule(out, style, w, false)?;
    let headers: Vec<Vec<String>> = g.headers.iter().map(|h| vec![h.clone()]).collect();
    g.write_row(out, &headers, &widths)?;
    rule(out, style, w, true)?;
    for p in &report.products {
        let row = layout.row(p, style, &status(p, style, &words));
        let cells: Vec<Vec<String>> = row.iter().zip(&widths).map(|(c, &w)| lines(c, w)).collect();
        g.write_row(out, &cells, &widths)?;
        rule(out, style, w, false)?;
    }
    Ok(())
}

/// One line per product.
fn compact(out: &mut dyn Write, report: &Report, style: TableStyle) -> io::Result<()> {
    let lang = style.lang;
    let headers = [
        "table-col-rank",
        "table-col-id",
        "table-col-product",
        "table-col-set",
        "table-col-total",
        "table-col-stars",
        "table-col-status",
    ]
    .map(|k| tr(lang, k))
    .to_vec();
    let right = vec![true, false, false, true, true, false, false];
    let flag = if style.ascii { "!" } else { "⚑" };
    let words = Words::new(style);
    let row = |p: &ProductResult| -> Vec<Cell> {
        let (status, flags) = status(p, style, &words);
        let status = if flags.is_empty() {
            status
        } else {
            format!("{status} {flag}")
        };
        vec![
            vec![Piece::Whole(p.rank.to_string())],
            vec![Piece::Whole(escape_all(p.id()).into_owned())],
            vec![Piece::Cut(escape_all(p.name()).into_owned())],
            vec![Piece::Whole(p.set.number.to_string())],
            vec![Piece::Whole(p.total.to_string())],
            vec![Piece::Whole(stars(p.stars, style.ascii))],
            vec![Piece::Whole(status)],
        ]
    };
    let mut g = Grid::new(headers, right);
    for p in &report.products {
        g.measure(&row(p));
    }
    // The name gets what is left: at least a few letters, cut with `…`.
    let total = usize::from(style.width);
    g.needs[2].min = g.needs[2].want.min(6);
    g.tighten(total);
    let widths = g.widths(total, &[(2, false)]);
    let w = g.total_width(&widths);
    let headers: Vec<Vec<String>> = g.headers.iter().map(|h| vec![h.clone()]).collect();
    g.write_row(out, &headers, &widths)?;
    rule(out, style, w, false)?;
    for p in &report.products {
        let cells: Vec<Vec<String>> = row(p)
            .iter()
            .zip(&widths)
            .map(|(c, &w)| lines(c, w))
            .collect();
        g.write_row(out, &cells, &widths)?;
    }
    rule(out, style, w, false)?;
    Ok(())
}

/// The status of a product as the table words it, and the flags the reader must look at.
fn status(p: &ProductResult, style: TableStyle, words: &Words) -> (String, Vec<String>) {
    let lang = style.lang;
    let i = STATUSES
        .iter()
        .position(|&s| s == p.status)
        .expect("a status");
    let status = words.status[i][usize::from(p.stars.min(5))].clone();
    let mut flags = Vec::new();
    let flagged = |text: String| ascii_if(&format!("{} {text}", words.flag), style.ascii);
    if p.markers_5_met == Some(false) {
        flags.push(words.markers_5.clone());
    }
    if p.is_held_back() {
        let codes: Vec<&str> = p.held_back.iter().map(|s| s.code()).collect();
        flags.push(flagged(tr_args(
            lang,
            "table-flag-held-back",
            &[("codes", codes.join(", ").into())],
        )));
    }
    if let Some(s) = &p.spread {
        flags.push(flagged(tr_args(
            lang,
            "table-flag-spread",
            &[("spread", s.spread.to_string().into())],
        )));
    }
    if p.set.status == crate::criteria::SetStatus::Unverified {
        flags.push(words.unverified.clone());
    }
    (status, flags)
}

/// In ASCII mode the star, flag and punctuation glyphs become ASCII.
fn ascii_if(text: &str, ascii: bool) -> String {
    if ascii {
        text.replace('★', "*")
            .replace('⚑', "!")
            .replace('•', "-")
            .replace('→', "->")
            .replace('—', "-")
            .replace('·', "|")
            .replace('…', "...")
    } else {
        text.to_string()
    }
}

/// Prose wrapped to the width; in ASCII mode the glyphs become ASCII.
fn paragraph(out: &mut dyn Write, text: &str, style: TableStyle) -> io::Result<()> {
    super::paragraph(out, &ascii_if(text, style.ascii), style)
}

fn heading(out: &mut dyn Write, text: &str, style: TableStyle) -> io::Result<()> {
    paragraph(out, text, style)
}

fn star_word(n: u8, ascii: bool) -> String {
    if ascii {
        format!("{n}*")
    } else {
        format!("{n}★")
    }
}

fn count(lang: Lang, key: &str, n: usize) -> String {
    tr_args(lang, key, &[("n", n.into())])
}

fn summary(out: &mut dyn Write, r: &Report, style: TableStyle, lists: bool) -> io::Result<()> {
    let s = &r.summary;
    let lang = style.lang;
    let ascii = style.ascii;
    let council = match r.options.council {
        Council::Province => tr(lang, "summary-council-province"),
        Council::Central => tr(lang, "summary-council-central"),
    };
    let mut first = vec![tr_args(
        lang,
        "summary-scored",
        &[
            ("products", s.products.into()),
            ("decision", r.edition.meta.decision.clone().into()),
            ("edition", r.edition.id().to_string().into()),
            ("council", council.into()),
        ],
    )];
    first.push(count(lang, "summary-certified", s.certified));
    if s.nominated > 0 {
        first.push(count(lang, "summary-nominated", s.nominated));
    }
    if s.returned > 0 {
        first.push(count(lang, "summary-returned", s.returned));
    }
    first.push(count(lang, "summary-not-certified", s.not_certified));
    first.push(count(lang, "summary-disqualified", s.disqualified));
    paragraph(out, &first.join(" · "), style)?;
    let levels: Vec<String> = (1..=5u8)
        .rev()
        .map(|n| format!("{} {}", star_word(n, ascii), s.by_stars[usize::from(n)]))
        .collect();
    paragraph(
        out,
        &tr_args(
            lang,
            "summary-by-stars",
            &[("levels", levels.join(" · ").into())],
        ),
        style,
    )?;
    let named = |p: &ProductResult| {
        if p.name().is_empty() {
            escape_all(p.id()).into_owned()
        } else {
            format!("{} {}", escape_all(p.id()), escape_all(p.name()))
        }
    };
    if lists {
        let words = Words::new(style);
        for (status, key) in [
            (Status::Nominated, "summary-list-nominated"),
            (Status::Returned, "summary-list-returned"),
        ] {
            let these: Vec<&ProductResult> =
                r.products.iter().filter(|p| p.status == status).collect();
            if these.is_empty() {
                continue;
            }
            heading(out, &tr(lang, key), style)?;
            for p in these {
                let (status, flags) = self::status(p, style, &words);
                let mut line = format!("• {}: {} · {}", named(p), p.total, status);
                for f in flags {
                    line.push_str(" · ");
                    line.push_str(&f);
                }
                paragraph(out, &line, style)?;
            }
        }
    }
    let held: Vec<&ProductResult> = r.products.iter().filter(|p| p.is_held_back()).collect();
    if !held.is_empty() {
        heading(out, &tr(lang, "summary-held-back"), style)?;
        for p in &held {
            let why: Vec<String> = p
                .held_back
                .iter()
                .map(|s| super::shortfall_text(s, lang))
                .collect();
            let line = tr_args(
                lang,
                "summary-held-back-item",
                &[
                    ("product", named(p).into()),
                    ("total", p.total.to_string().into()),
                    ("band", star_word(p.band.get(), ascii).into()),
                    ("reached", star_word(p.reached.get(), ascii).into()),
                    ("why", why.join("; ").into()),
                ],
            );
            paragraph(out, &format!("• {line}"), style)?;
        }
    }
    let spread: Vec<&ProductResult> = r.products.iter().filter(|p| p.spread.is_some()).collect();
    if !spread.is_empty() {
        heading(
            out,
            &tr_args(
                lang,
                "summary-spread",
                &[("limit", r.options.max_spread.to_string().into())],
            ),
            style,
        )?;
        for p in &spread {
            let s = p.spread.as_ref().expect("filtered");
            paragraph(
                out,
                &format!("• {}: {}", named(p), super::spread_text_in(r, s, lang)),
                style,
            )?;
        }
    }
    let dq: Vec<&ProductResult> = r
        .products
        .iter()
        .filter(|p| p.status == Status::Disqualified)
        .collect();
    if !dq.is_empty() {
        heading(out, &tr(lang, "summary-disqualified-list"), style)?;
        for p in &dq {
            paragraph(out, &format!("• {}: {}", named(p), reasons(p)), style)?;
        }
    }
    for n in super::notices(r, lang) {
        paragraph(
            out,
            &tr_args(lang, "summary-notice", &[("text", n.into())]),
            style,
        )?;
    }
    Ok(())
}

/// `--explain`: how one product got its stars, and what the next star takes.
fn explanation(
    out: &mut dyn Write,
    r: &Report,
    p: &ProductResult,
    style: TableStyle,
) -> io::Result<()> {
    let ascii = style.ascii;
    let lang = style.lang;
    let mut lines = vec![tr_args(
        lang,
        "explain-heading",
        &[
            (
                "product",
                if p.name().is_empty() {
                    escape_all(p.id()).into_owned()
                } else {
                    format!("{} {}", escape_all(p.id()), escape_all(p.name()))
                }
                .into(),
            ),
            ("set", p.set.number.into()),
            ("code", p.set.code.clone().into()),
            ("setname", p.set.name.clone().into()),
        ],
    )];
    let members: Vec<String> = p
        .members
        .iter()
        .map(|m| {
            format!(
                "{} {}",
                escape_all(r.member_name(m.member)),
                Points(m.total)
            )
        })
        .collect();
    lines.push(tr_args(
        lang,
        "explain-members",
        &[
            ("n", p.members.len().into()),
            ("list", members.join(", ").into()),
        ],
    ));
    let [a, b, c] = p.parts();
    lines.push(tr_args(
        lang,
        "explain-mean",
        &[
            ("a", a.to_string().into()),
            ("b", b.to_string().into()),
            ("c", c.to_string().into()),
            ("total", p.total.to_string().into()),
            ("band", star_word(p.band.get(), ascii).into()),
        ],
    ));
    if !p.held_back.is_empty() {
        let why: Vec<String> = p
            .held_back
            .iter()
            .map(|s| super::shortfall_text(s, lang))
            .collect();
        lines.push(tr_args(
            lang,
            "explain-markers",
            &[
                ("stars", star_word(p.reached.get(), ascii).into()),
                ("why", why.join("; ").into()),
            ],
        ));
    }
    let stars_arg = [("stars", star_word(p.stars, ascii).into())];
    lines.push(match p.status {
        Status::Disqualified => tr_args(
            lang,
            "explain-disqualified",
            &[("reasons", reasons(p).into())],
        ),
        Status::Nominated => tr_args(
            lang,
            if p.markers_5_met == Some(true) {
                "explain-nominated-met"
            } else {
                "explain-nominated-unmet"
            },
            &[
                (
                    "floor",
                    r.edition
                        .band_floor(crate::criteria::Stars::FIVE)
                        .to_string()
                        .into(),
                ),
                ("five", star_word(5, ascii).into()),
            ],
        ),
        Status::Returned => tr_args(lang, "explain-returned", &stars_arg),
        _ if p.certified => tr_args(lang, "explain-certified", &stars_arg),
        _ => tr_args(lang, "explain-not-certified", &stars_arg),
    });
    if let Some(next) = p.next_star() {
        lines.push(tr_args(
            lang,
            "explain-next",
            &[("next", super::next_star_text(next, lang).into())],
        ));
    }
    if let Some(s) = &p.spread {
        lines.push(super::spread_text_in(r, s, lang));
    }
    for (i, l) in lines.into_iter().enumerate() {
        let l = if i == 0 { l } else { format!("  {l}") };
        paragraph(out, &l, style)?;
    }
    Ok(())
}

/// The rejection reasons of a dossier, joined.
fn reasons(p: &ProductResult) -> String {
    let v: Vec<String> = p
        .disqualified()
        .iter()
        .map(|r| escape_all(r).into_owned())
        .collect();
    v.join("; ")
}
