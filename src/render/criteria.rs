//! `ocop criteria`: the list of sets and the tree of one set.

use std::io::{self, Write};

use comfy_table::{Cell, CellAlignment};

use super::{TableStyle, marker, paragraph};
use crate::criteria::embedded::EDITIONS;
use crate::criteria::{CriteriaSet, Criterion, Edition, Scoring, SetStatus};

/// The embedded editions, then the sets of `edition`.
pub fn list(out: &mut dyn Write, edition: &Edition, style: TableStyle) -> io::Result<()> {
    let mut t = style.table();
    t.set_header(vec!["Edition", "Decision", "Status"]);
    for e in EDITIONS {
        let sel = if e.id == edition.id() {
            " (selected)"
        } else {
            ""
        };
        t.add_row(vec![
            format!("{}{sel}", e.id),
            e.decision.to_string(),
            e.summary.to_string(),
        ]);
    }
    if !EDITIONS.iter().any(|e| e.id == edition.id()) {
        t.add_row(vec![
            format!("{} (selected)", edition.id()),
            edition.meta.decision.clone(),
            "loaded from a file".to_string(),
        ]);
    }
    super::write_table(out, &t)?;
    writeln!(out)?;
    let m = &edition.meta;
    writeln!(out, "{} — {} ({})", m.id, m.decision, m.date)?;
    let mut t = style.table();
    t.set_header(vec!["Set", "Code", "Name", "Criteria", "Status"]);
    for s in edition.summaries() {
        let name = match &s.name_en {
            Some(en) => format!("{}\n{en}", s.name),
            None => s.name.clone(),
        };
        t.add_row(vec![
            Cell::new(s.number).set_alignment(CellAlignment::Right),
            Cell::new(&s.code),
            Cell::new(name),
            Cell::new(s.criteria).set_alignment(CellAlignment::Right),
            Cell::new(s.status.as_str()),
        ]);
    }
    super::write_table(out, &t)?;
    writeln!(
        out,
        "Show one set with: ocop criteria show <SET>   (number or code, e.g. 6 or I.3.b)"
    )
}

/// One set as a readable tree: parts, sections, criteria, options with points and markers.
pub fn show(
    out: &mut dyn Write,
    edition: &Edition,
    set: &CriteriaSet,
    style: TableStyle,
) -> io::Result<()> {
    let mut head = vec![format!("Bộ {} ({}): {}", set.number, set.code, set.name)];
    head.extend(set.name_en.clone());
    let parts: Vec<String> = set
        .parts
        .iter()
        .map(|p| format!("{} {}", p.id, p.max))
        .collect();
    head.push(format!(
        "{} ({}) · {} scored criteria · {} = {}",
        edition.meta.decision,
        edition.id(),
        set.leaves.len(),
        parts.join(" + "),
        set.parts
            .iter()
            .map(|p| p.max)
            .sum::<crate::points::Points>()
    ));
    head.extend(set.product_line.clone());
    match set.status {
        SetStatus::Verified => {}
        SetStatus::Unverified => head.push(format!(
            "UNVERIFIED: {}",
            set.status_note.as_deref().unwrap_or("")
        )),
        SetStatus::Incomplete => head.push(format!(
            "INCOMPLETE, cannot be scored: {}",
            set.status_note.as_deref().unwrap_or("")
        )),
    }
    head.extend(set.notes.iter().map(|n| format!("• {n}")));
    head.extend(set.editor_notes.iter().map(|n| format!("[editor] {n}")));
    for line in &head {
        paragraph(out, line, style)?;
    }
    let mut t = style.table();
    let min = if style.ascii { "Min *" } else { "Min ★" };
    t.set_header(vec!["Code", "Criterion / option", "Points", min]);
    let row =
        |t: &mut comfy_table::Table, code: &str, text: String, points: String, min: String| {
            t.add_row(vec![
                Cell::new(code),
                Cell::new(text),
                Cell::new(points).set_alignment(CellAlignment::Right),
                Cell::new(min),
            ]);
        };
    for part in &set.parts {
        let mut title = part.title.clone();
        if let Some(en) = &part.name_en {
            title.push_str(&format!("\n({en})"));
        }
        if let Some(n) = &part.editor_note {
            title.push_str(&format!("\n[editor] {n}"));
        }
        row(&mut t, &part.id, title, part.max.to_string(), String::new());
        for sec in &part.sections {
            let mut title = sec.title.clone();
            if let Some(en) = &sec.name_en {
                title.push_str(&format!(" ({en})"));
            }
            for n in &sec.notes {
                title.push_str(&format!("\n› {n}"));
            }
            for n in &sec.editor_notes {
                title.push_str(&format!("\n[editor] {n}"));
            }
            if sec.direct {
                // Scored directly: the section line carries the options.
                let c = &sec.criteria[0];
                title.push_str(&criterion_notes(c));
                row(
                    &mut t,
                    &sec.code,
                    title,
                    sec.max.to_string(),
                    criterion_marker(c),
                );
                options(&mut t, c, style);
            } else {
                row(&mut t, &sec.code, title, sec.max.to_string(), String::new());
                for c in &sec.criteria {
                    criterion(&mut t, c, style);
                }
            }
        }
    }
    super::write_table(out, &t)?;
    paragraph(
        out,
        "Min: the decision's *** / **** / ***** — the least a product must reach on that criterion \
         to be given 3, 4 or 5 stars. 0 points are always allowed (no option applies).",
        style,
    )
}

fn criterion_notes(c: &Criterion) -> String {
    let mut s = String::new();
    for n in &c.notes {
        s.push_str(&format!("\n› {n}"));
    }
    if let Some(n) = &c.editor_note {
        s.push_str(&format!("\n[editor] {n}"));
    }
    if let Some(from) = &c.corrected_from {
        s.push_str(&format!(
            "\n[corrected] printed {from}: {}",
            c.correction.as_deref().unwrap_or("")
        ));
    }
    if c.scoring == Scoring::YesNo {
        s.push_str(&format!("\n(yes/no: no options printed; 0 or {})", c.max));
    }
    if let Some(code) = &c.applies_if {
        s.push_str(&format!("\n(applies only if {code} > 0)"));
    }
    s
}

fn criterion_marker(c: &Criterion) -> String {
    c.min_star
        .map(|m| format!("{} (whole)", marker(m)))
        .unwrap_or_default()
}

fn criterion(t: &mut comfy_table::Table, c: &Criterion, style: TableStyle) {
    let text = format!("{}{}", c.title, criterion_notes(c));
    t.add_row(vec![
        Cell::new(&c.code),
        Cell::new(text),
        Cell::new(c.max).set_alignment(CellAlignment::Right),
        Cell::new(criterion_marker(c)),
    ]);
    for s in &c.sub {
        criterion(t, s, style);
    }
    options(t, c, style);
}

fn options(t: &mut comfy_table::Table, c: &Criterion, style: TableStyle) {
    let tick = if style.ascii { "[ ]" } else { "□" };
    let mut last_case = None;
    for o in &c.options {
        if o.case.is_some() && o.case != last_case {
            let label = c
                .cases
                .iter()
                .find(|k| Some(&k.case) == o.case.as_ref())
                .map_or("", |k| k.label.as_str());
            t.add_row(vec![Cell::new(""), Cell::new(label)]);
            last_case = o.case.clone();
        }
        let mut text = format!("{tick} {}", o.label);
        if let Some(n) = &o.editor_note {
            text.push_str(&format!("\n[editor] {n}"));
        }
        if let Some(from) = &o.corrected_from {
            text.push_str(&format!(
                "\n[corrected] printed {from}: {}",
                o.correction.as_deref().unwrap_or("")
            ));
        }
        t.add_row(vec![
            Cell::new(""),
            Cell::new(text),
            Cell::new(o.points).set_alignment(CellAlignment::Right),
            Cell::new(o.min_star.map(marker).unwrap_or_default()),
        ]);
    }
}
