//! The ranked table a council files, its summary, and the per-product explanation.

use std::io::{self, Write};

use comfy_table::{Cell, CellAlignment};

use super::{TableStyle, stars};
use crate::input::escape_all;
use crate::points::Points;
use crate::report::{Council, ProductResult, Report, Status};

/// Products per table page: a report of any size is drawn a page at a time, in bounded
/// memory, with the same column widths on every page.
const PAGE: usize = 500;

const HEADER: [&str; 10] = [
    "#", "Product", "Set", "Mem", "A", "B", "C", "Total", "Stars", "Status",
];
const RIGHT: [bool; 10] = [
    true, false, true, true, true, true, true, true, false, false,
];

/// The ranked table followed by the summary (and, with `explain`, a block per product).
pub fn table(
    out: &mut dyn Write,
    report: &Report,
    style: TableStyle,
    explain: bool,
) -> io::Result<()> {
    let n = report.products.len();
    // For several pages, every column gets the width of its widest cell, if they all fit.
    let widths = (n > PAGE)
        .then(|| column_widths(report, style))
        .filter(|w| {
            let content: usize = w.iter().map(|&x| x as usize).sum();
            content + HEADER.len() < usize::from(style.width)
        });
    for (page, start) in (0..n.max(1)).step_by(PAGE).enumerate() {
        let mut t = style.list_table();
        if page == 0 {
            t.set_header(
                HEADER
                    .iter()
                    .zip(RIGHT)
                    .map(|(h, r)| cell(h.to_string(), r))
                    .collect::<Vec<_>>(),
            );
        }
        for p in &report.products[start..(start + PAGE).min(n)] {
            t.add_row(
                row_texts(p, style.ascii)
                    .into_iter()
                    .zip(RIGHT)
                    .map(|(s, r)| cell(s, r))
                    .collect::<Vec<_>>(),
            );
        }
        for (i, col) in t.column_iter_mut().enumerate() {
            col.set_padding(if i == 0 { (1, 1) } else { (0, 1) });
            if let Some(w) = &widths {
                let pad = if i == 0 { 2 } else { 1 };
                col.set_constraint(comfy_table::ColumnConstraint::Absolute(
                    comfy_table::Width::Fixed(w[i] + pad),
                ));
            }
        }
        super::write_table(out, &t)?;
    }
    summary(out, report, style)?;
    if explain {
        for p in &report.products {
            writeln!(out)?;
            explanation(out, report, p, style)?;
        }
    }
    Ok(())
}

fn cell(text: String, right: bool) -> Cell {
    let c = Cell::new(text);
    if right {
        c.set_alignment(CellAlignment::Right)
    } else {
        c
    }
}

/// The texts of a product's row.
fn row_texts(p: &ProductResult, ascii: bool) -> [String; 10] {
    let product = if p.name().is_empty() {
        escape_all(p.id()).into_owned()
    } else {
        format!("{}\n{}", escape_all(p.id()), escape_all(p.name()))
    };
    [
        p.rank.to_string(),
        product,
        p.set.number.to_string(),
        p.members.len().to_string(),
        p.parts[0].to_string(),
        p.parts[1].to_string(),
        p.parts[2].to_string(),
        p.total.to_string(),
        stars(p.stars, ascii),
        status(p, ascii),
    ]
}

/// The widest line of each column over the whole report, the header included.
fn column_widths(report: &Report, style: TableStyle) -> [u16; 10] {
    let width = |s: &str| {
        s.lines()
            .map(textwrap::core::display_width)
            .max()
            .unwrap_or(0)
    };
    let mut w = HEADER.map(|h| width(h) as u16);
    for p in &report.products {
        for (i, text) in row_texts(p, style.ascii).iter().enumerate() {
            w[i] = w[i].max(width(text).min(usize::from(u16::MAX)) as u16);
        }
    }
    w
}

/// The status cell: the outcome, then what the reader must look at.
fn status(p: &ProductResult, ascii: bool) -> String {
    let flag = if ascii { "!" } else { "⚑" };
    let mut lines = vec![match p.status {
        Status::Certified => "certified".to_string(),
        Status::Nominated => format!("nominated for {}", if ascii { "5*" } else { "5★" }),
        Status::Returned => "returned".to_string(),
        Status::NotCertified => "not certified".to_string(),
        Status::Disqualified => "disqualified".to_string(),
    }];
    if p.markers_5_met == Some(false) {
        lines.push(format!("{flag} 5★ markers not met"));
    }
    if p.is_held_back() {
        let codes: Vec<&str> = p.held_back.iter().map(|s| s.code).collect();
        lines.push(format!("{flag} held back by {}", codes.join(", ")));
    }
    if let Some(s) = &p.spread {
        lines.push(format!("{flag} spread {}", s.spread));
    }
    if p.set.status == crate::criteria::SetStatus::Unverified {
        lines.push(format!("{flag} unverified set"));
    }
    lines.join("\n")
}

/// Prose wrapped to the width; in ASCII mode the star and flag glyphs become `*` and `!`.
fn paragraph(out: &mut dyn Write, text: &str, style: TableStyle) -> io::Result<()> {
    if style.ascii {
        let ascii: String = text
            .replace('★', "*")
            .replace('⚑', "!")
            .replace('•', "-")
            .replace('→', "->")
            .replace('—', "-")
            .replace('·', "|")
            .replace('…', "...");
        super::paragraph(out, &ascii, style)
    } else {
        super::paragraph(out, text, style)
    }
}

fn star_word(n: u8, ascii: bool) -> String {
    if ascii {
        format!("{n}*")
    } else {
        format!("{n}★")
    }
}

fn summary(out: &mut dyn Write, r: &Report, style: TableStyle) -> io::Result<()> {
    let s = &r.summary;
    let ascii = style.ascii;
    let mut lines = Vec::new();
    lines.push(format!(
        "{} product{} scored under {} ({}), {} council · certified: {}{}{} · not certified: {} · disqualified: {}",
        s.products,
        if s.products == 1 { "" } else { "s" },
        r.edition.meta.decision,
        r.edition.id(),
        if r.options.council == Council::Province { "provincial" } else { "central" },
        s.certified,
        if s.nominated > 0 { format!(" · nominated for 5★: {}", s.nominated) } else { String::new() },
        if s.returned > 0 { format!(" · returned to the province: {}", s.returned) } else { String::new() },
        s.not_certified,
        s.disqualified
    ));
    let levels: Vec<String> = (1..=5u8)
        .rev()
        .map(|n| format!("{} {}", star_word(n, ascii), s.by_stars[usize::from(n)]))
        .collect();
    lines.push(format!("By stars: {}", levels.join(" · ")));
    for l in lines {
        paragraph(out, &l, style)?;
    }
    let named = |p: &ProductResult| {
        if p.name().is_empty() {
            escape_all(p.id()).into_owned()
        } else {
            format!("{} {}", escape_all(p.id()), escape_all(p.name()))
        }
    };
    let held: Vec<&ProductResult> = r.products.iter().filter(|p| p.is_held_back()).collect();
    if !held.is_empty() {
        writeln!(
            out,
            "Held back by minimum-level markers (***, ****, *****):"
        )?;
        for p in &held {
            let why: Vec<String> = p.held_back.iter().map(ToString::to_string).collect();
            let line = format!(
                "• {}: total {} is {} by the bands, given {}: {}",
                named(p),
                p.total,
                star_word(p.band.get(), ascii),
                star_word(p.reached.get(), ascii),
                why.join("; ")
            );
            paragraph(out, &line, style)?;
        }
    }
    let spread: Vec<&ProductResult> = r.products.iter().filter(|p| p.spread.is_some()).collect();
    if !spread.is_empty() {
        writeln!(
            out,
            "Council spread above {} points (a warning; the score stands):",
            r.options.max_spread
        )?;
        for p in &spread {
            let s = p.spread.as_ref().expect("filtered");
            paragraph(
                out,
                &format!("• {}: {}", named(p), super::spread_text(r, s)),
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
        writeln!(out, "Disqualified dossiers (never certified):")?;
        for p in &dq {
            paragraph(out, &format!("• {}: {}", named(p), reasons(p)), style)?;
        }
    }
    for n in &r.notices {
        paragraph(out, &format!("Notice: {n}"), style)?;
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
    let mut lines = vec![format!(
        "{} {} — set {} ({}) {}",
        escape_all(p.id()),
        escape_all(p.name()),
        p.set.number,
        p.set.code,
        p.set.name
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
    lines.push(format!(
        "  members ({}): {}",
        p.members.len(),
        members.join(", ")
    ));
    lines.push(format!(
        "  mean: A {} + B {} + C {} = {} → {} by the bands",
        p.parts[0],
        p.parts[1],
        p.parts[2],
        p.total,
        star_word(p.band.get(), ascii)
    ));
    if !p.held_back.is_empty() {
        let why: Vec<String> = p.held_back.iter().map(ToString::to_string).collect();
        lines.push(format!(
            "  markers allow {}: {}",
            star_word(p.reached.get(), ascii),
            why.join("; ")
        ));
    }
    match p.status {
        Status::Disqualified => lines.push(format!("  disqualified: {}", reasons(p))),
        Status::Nominated => lines.push(format!(
            "  {} points or more: nominated to the ministry's council for {} ({})",
            r.edition.band_floor(crate::criteria::Stars::FIVE),
            star_word(5, ascii),
            if p.markers_5_met == Some(true) {
                "its 5★ markers are met"
            } else {
                "its 5★ markers are not all met"
            }
        )),
        Status::Returned => lines.push(format!(
            "  result: {}, returned to the province, which may recognise it",
            star_word(p.stars, ascii)
        )),
        _ => lines.push(format!(
            "  result: {} ({})",
            star_word(p.stars, ascii),
            if p.certified {
                "certified OCOP product"
            } else {
                "not certified"
            }
        )),
    }
    if let Some(next) = p.next_star() {
        lines.push(format!("  next star: {next}"));
    }
    if let Some(s) = &p.spread {
        lines.push(format!("  {}", super::spread_text(r, s)));
    }
    for l in lines {
        paragraph(out, &l, style)?;
    }
    Ok(())
}

/// The rejection reasons of a dossier, joined.
fn reasons(p: &ProductResult) -> String {
    let v: Vec<String> = p
        .disqualified
        .iter()
        .map(|r| escape_all(r).into_owned())
        .collect();
    v.join("; ")
}
