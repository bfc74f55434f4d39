//! `ocop criteria`: the list of sets and the tree of one set.

use std::io::{self, Write};

use comfy_table::{Cell, CellAlignment};

use super::{TableStyle, marker, paragraph};
use crate::criteria::embedded::EDITIONS;
use crate::criteria::{CriteriaSet, Criterion, Edition, Scoring, SetStatus};
use crate::l10n::{Lang, tr, tr_args};

/// A set's status in words.
fn status_word(status: SetStatus, lang: Lang) -> String {
    tr(
        lang,
        match status {
            SetStatus::Verified => "crit-status-verified",
            SetStatus::Unverified => "crit-status-unverified",
            SetStatus::Incomplete => "crit-status-incomplete",
        },
    )
}

/// An editor's note, labelled.
fn editor(note: &str, lang: Lang) -> String {
    tr_args(lang, "crit-editor", &[("note", note.to_string().into())])
}

/// An official correction of the printed text, labelled.
fn corrected(from: &str, why: Option<&str>, lang: Lang) -> String {
    tr_args(
        lang,
        "crit-corrected",
        &[
            ("from", from.to_string().into()),
            ("why", why.unwrap_or("").to_string().into()),
        ],
    )
}

/// The embedded editions, then the sets of `edition`.
pub fn list(out: &mut dyn Write, edition: &Edition, style: TableStyle) -> io::Result<()> {
    let lang = style.lang;
    let selected = |id: &str| tr_args(lang, "crit-selected", &[("id", id.to_string().into())]);
    let mut t = style.table();
    t.set_header(vec![
        tr(lang, "crit-col-edition"),
        tr(lang, "crit-col-decision"),
        tr(lang, "crit-col-summary"),
    ]);
    for e in EDITIONS {
        let id = if e.id == edition.id() {
            selected(e.id)
        } else {
            e.id.to_string()
        };
        t.add_row(vec![id, e.decision.to_string(), e.summary.to_string()]);
    }
    if !EDITIONS.iter().any(|e| e.id == edition.id()) {
        t.add_row(vec![
            selected(edition.id()),
            edition.meta.decision.clone(),
            tr(lang, "crit-from-file"),
        ]);
    }
    super::write_table(out, &t)?;
    writeln!(out)?;
    let m = &edition.meta;
    writeln!(out, "{} — {} ({})", m.id, m.decision, m.date)?;
    let mut t = style.table();
    t.set_header(
        [
            "crit-col-set",
            "crit-col-code",
            "crit-col-name",
            "crit-col-criteria",
            "crit-col-status",
        ]
        .map(|k| tr(lang, k))
        .to_vec(),
    );
    for s in edition.summaries() {
        // The English names are for readers of English.
        let name = match (&s.name_en, lang) {
            (Some(en), Lang::En) => format!("{}\n{en}", s.name),
            _ => s.name.clone(),
        };
        t.add_row(vec![
            Cell::new(s.number).set_alignment(CellAlignment::Right),
            Cell::new(&s.code),
            Cell::new(name),
            Cell::new(s.criteria).set_alignment(CellAlignment::Right),
            Cell::new(status_word(s.status, lang)),
        ]);
    }
    super::write_table(out, &t)?;
    writeln!(out, "{}", tr(lang, "crit-show-hint"))
}

/// One set as a readable tree: parts, sections, criteria, options with points and markers.
pub fn show(
    out: &mut dyn Write,
    edition: &Edition,
    set: &CriteriaSet,
    style: TableStyle,
) -> io::Result<()> {
    let lang = style.lang;
    let english = lang == Lang::En;
    let mut head = vec![tr_args(
        lang,
        "crit-set-heading",
        &[
            ("set", set.number.into()),
            ("code", set.code.clone().into()),
            ("name", set.name.clone().into()),
        ],
    )];
    head.extend(set.name_en.clone().filter(|_| english));
    let parts: Vec<String> = set
        .parts
        .iter()
        .map(|p| format!("{} {}", p.id, p.max))
        .collect();
    head.push(tr_args(
        lang,
        "crit-show-summary",
        &[
            ("decision", edition.meta.decision.clone().into()),
            ("edition", edition.id().to_string().into()),
            ("n", set.leaves.len().into()),
            ("parts", parts.join(" + ").into()),
            (
                "max",
                set.parts
                    .iter()
                    .map(|p| p.max)
                    .sum::<crate::points::Points>()
                    .to_string()
                    .into(),
            ),
        ],
    ));
    head.extend(set.product_line.clone());
    match set.status {
        SetStatus::Verified => {}
        SetStatus::Unverified | SetStatus::Incomplete => head.push(tr_args(
            lang,
            if set.status == SetStatus::Unverified {
                "crit-unverified"
            } else {
                "crit-incomplete"
            },
            &[("note", set.status_note.clone().unwrap_or_default().into())],
        )),
    }
    head.extend(set.notes.iter().map(|n| format!("• {n}")));
    head.extend(set.editor_notes.iter().map(|n| editor(n, lang)));
    for line in &head {
        paragraph(out, line, style)?;
    }
    let mut t = style.table();
    let min = tr_args(
        lang,
        "crit-col-min",
        &[("star", if style.ascii { "*" } else { "★" }.into())],
    );
    t.set_header(vec![
        tr(lang, "crit-col-code"),
        tr(lang, "crit-col-criterion"),
        tr(lang, "crit-col-points"),
        min,
    ]);
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
        if let Some(en) = part.name_en.as_ref().filter(|_| english) {
            title.push_str(&format!("\n({en})"));
        }
        if let Some(n) = &part.editor_note {
            title.push('\n');
            title.push_str(&editor(n, lang));
        }
        row(&mut t, &part.id, title, part.max.to_string(), String::new());
        for sec in &part.sections {
            let mut title = sec.title.clone();
            if let Some(en) = sec.name_en.as_ref().filter(|_| english) {
                title.push_str(&format!(" ({en})"));
            }
            for n in &sec.notes {
                title.push_str(&format!("\n› {n}"));
            }
            for n in &sec.editor_notes {
                title.push('\n');
                title.push_str(&editor(n, lang));
            }
            if sec.direct {
                // Scored directly: the section line carries the options.
                let c = &sec.criteria[0];
                title.push_str(&criterion_notes(c, lang));
                row(
                    &mut t,
                    &sec.code,
                    title,
                    sec.max.to_string(),
                    criterion_marker(c, lang),
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
    paragraph(out, &tr(lang, "crit-min-legend"), style)
}

fn criterion_notes(c: &Criterion, lang: Lang) -> String {
    let mut s = String::new();
    for n in &c.notes {
        s.push_str(&format!("\n› {n}"));
    }
    if let Some(n) = &c.editor_note {
        s.push('\n');
        s.push_str(&editor(n, lang));
    }
    if let Some(from) = &c.corrected_from {
        s.push('\n');
        s.push_str(&corrected(from, c.correction.as_deref(), lang));
    }
    if c.scoring == Scoring::YesNo {
        s.push('\n');
        s.push_str(&tr_args(
            lang,
            "crit-yes-no",
            &[("max", c.max.to_string().into())],
        ));
    }
    if let Some(code) = &c.applies_if {
        s.push('\n');
        s.push_str(&tr_args(
            lang,
            "crit-applies-if",
            &[("code", code.clone().into())],
        ));
    }
    s
}

fn criterion_marker(c: &Criterion, lang: Lang) -> String {
    c.min_star
        .map(|m| tr_args(lang, "crit-whole", &[("marker", marker(m).into())]))
        .unwrap_or_default()
}

fn criterion(t: &mut comfy_table::Table, c: &Criterion, style: TableStyle) {
    let text = format!("{}{}", c.title, criterion_notes(c, style.lang));
    t.add_row(vec![
        Cell::new(&c.code),
        Cell::new(text),
        Cell::new(c.max).set_alignment(CellAlignment::Right),
        Cell::new(criterion_marker(c, style.lang)),
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
            text.push('\n');
            text.push_str(&editor(n, style.lang));
        }
        if let Some(from) = &o.corrected_from {
            text.push('\n');
            text.push_str(&corrected(from, o.correction.as_deref(), style.lang));
        }
        t.add_row(vec![
            Cell::new(""),
            Cell::new(text),
            Cell::new(o.points).set_alignment(CellAlignment::Right),
            Cell::new(o.min_star.map(marker).unwrap_or_default()),
        ]);
    }
}
