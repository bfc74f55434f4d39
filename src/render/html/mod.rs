//! The round as one self-contained HTML document for print (A4): the round's summary with
//! two charts, the list for the Chairman's decision, and one result sheet per product with
//! signature lines. No script, no network: styles and charts (inline SVG) are in the file.
//!
//! [`model`] holds the document's data; [`adapter`] builds it from the report. This file
//! words it in a language (from the `l10n` catalogues) and lays it out as numbers and
//! strings for the template (`templates/round.html`, minijinja, HTML escaping on), so the
//! template only places what it is given.

pub mod adapter;
pub mod model;

use minijinja::value::Kwargs;
use minijinja::{Environment, Error, ErrorKind, Value};
use serde::Serialize;

use crate::l10n::{self, Lang, tr, tr_args};
use model::{MarkerDoc, ProductDoc, Reason, RoundDoc, hundredths, points};

const TEMPLATE: &str = include_str!("templates/round.html");
const STYLE: &str = include_str!("templates/print.css");

/// The document, whole.
pub fn render(doc: &RoundDoc, lang: Lang) -> String {
    let mut env = Environment::new();
    // `.html`: minijinja escapes every value for HTML.
    env.add_template("round.html", TEMPLATE)
        .expect("the template parses (tested)");
    env.add_function(
        "t",
        move |key: &str, kwargs: Kwargs| -> Result<String, Error> {
            let mut args: Vec<(&str, l10n::Value<'static>)> = Vec::new();
            for name in kwargs.args() {
                let v: Value = kwargs.get(name)?;
                let value = match v.as_i64() {
                    Some(n) => l10n::Value::from(n),
                    None => l10n::Value::from(v.to_string()),
                };
                args.push((name, value));
            }
            kwargs.assert_all_used()?;
            Ok(tr_args(lang, key, &args))
        },
    );
    // Bidi and other control characters from the input are shown as `[U+202E]`, never
    // obeyed: a name cannot reorder or hide the text printed around it.
    env.set_formatter(|out, state, value| match value.as_str() {
        Some(s) if s.chars().any(is_hidden_control) => {
            minijinja::escape_formatter(out, state, &Value::from(shown(s)))
        }
        _ => minijinja::escape_formatter(out, state, value),
    });
    let page = Page::new(doc, lang);
    let tmpl = env.get_template("round.html").expect("added above");
    tmpl.render(minijinja::context! { page => minijinja::value::Serde(&page), style => STYLE, lang => lang.code() })
        .map_err(|e| Error::new(ErrorKind::InvalidOperation, e.to_string()))
        .expect("the template renders any document (tested)")
}

/// What the template places: texts and numbers ready to print.
#[derive(Serialize)]
struct Page {
    title: String,
    council: String,
    round: String,
    date: String,
    edition: String,
    decision: String,
    level: String,
    province: bool,
    products: usize,
    star_rows: Vec<(String, usize)>,
    status_rows: Vec<(String, usize)>,
    star_chart: Chart,
    score_chart: Chart,
    proposed: Vec<Group>,
    nominated: Vec<Item>,
    returned: Vec<Item>,
    rejected: Vec<Item>,
    sheets: Vec<Sheet>,
    notices: Vec<String>,
}

#[derive(Serialize)]
struct Group {
    heading: String,
    items: Vec<Item>,
}

#[derive(Serialize)]
struct Item {
    n: usize,
    id: String,
    name: String,
    producer: String,
    commune: String,
    set: String,
    total: String,
    /// For a product not recognised: its status and why.
    result: String,
    reason: String,
}

#[derive(Serialize)]
struct Sheet {
    id: String,
    name: String,
    producer: String,
    commune: String,
    set: String,
    rank: usize,
    members: Vec<String>,
    rows: Vec<Row>,
    mean_parts: String,
    total: String,
    band: String,
    stars: u8,
    status: String,
    status_class: &'static str,
    markers: Vec<MarkerRow>,
    held_back: String,
    spread: String,
    next_star: String,
    disqualified: String,
}

#[derive(Serialize)]
struct Row {
    label: String,
    max: String,
    cells: Vec<String>,
    mean: String,
    /// "section", "part" or "total".
    class: &'static str,
}

#[derive(Serialize)]
struct MarkerRow {
    code: String,
    got: String,
    /// 3★, 4★, 5★: what the marker needs and whether it is met (`None`: no marker).
    levels: [Option<(String, bool)>; 3],
}

#[derive(Serialize, Default)]
struct Chart {
    width: u32,
    height: u32,
    bars: Vec<Bar>,
    lines: Vec<Line>,
    labels: Vec<Label>,
}

#[derive(Serialize)]
struct Bar {
    x: f64,
    y: f64,
    w: f64,
    h: f64,
    class: String,
}

#[derive(Serialize)]
struct Line {
    x1: f64,
    y1: f64,
    x2: f64,
    y2: f64,
    class: &'static str,
}

#[derive(Serialize)]
struct Label {
    x: f64,
    y: f64,
    text: String,
    /// "start", "middle" or "end".
    anchor: &'static str,
    class: &'static str,
}

/// Characters that change how text around them is shown without being seen: bidi
/// embeddings, overrides, isolates and marks, and control characters other than line breaks
/// and tabs.
fn is_hidden_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
        || (c.is_control() && c != '\n' && c != '\t')
}

/// The text with each hidden control written out: `[U+202E]`.
fn shown(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    for c in s.chars() {
        if is_hidden_control(c) {
            out.push_str(&format!("[U+{:04X}]", u32::from(c)));
        } else {
            out.push(c);
        }
    }
    out
}

fn stars_text(lang: Lang, n: u8) -> String {
    tr_args(lang, "doc-stars", &[("stars", i64::from(n).into())])
}

fn status_label(lang: Lang, stars: u8, status: &str, nominated: bool) -> String {
    match status {
        "disqualified" => tr(lang, "status-disqualified"),
        _ if nominated => tr(lang, "status-nominated"),
        "returned" => tr_args(
            lang,
            "status-returned",
            &[("stars", i64::from(stars).into())],
        ),
        "certified" => tr_args(
            lang,
            "status-certified",
            &[("stars", i64::from(stars).into())],
        ),
        _ => tr(lang, "status-not-certified"),
    }
}

fn date_text(lang: Lang, date: Option<(i16, u8, u8)>) -> String {
    match date {
        None => String::new(),
        Some((y, m, d)) => match lang {
            Lang::Vi => format!("{d:02}/{m:02}/{y:04}"),
            Lang::En => format!("{y:04}-{m:02}-{d:02}"),
        },
    }
}

impl Page {
    fn new(doc: &RoundDoc, lang: Lang) -> Page {
        let c = &doc.counts;
        let province = doc.level == "province";
        let mut star_rows: Vec<(String, usize)> = (1..=5u8)
            .rev()
            .map(|n| (stars_text(lang, n), c.by_stars[usize::from(n)]))
            .collect();
        if c.disqualified > 0 {
            star_rows.push((tr(lang, "status-disqualified"), c.by_stars[0]));
        }
        let mut status_rows = vec![
            (tr(lang, "count-certified"), c.certified),
            (tr(lang, "count-not-certified"), c.not_certified),
            (tr(lang, "count-disqualified"), c.disqualified),
        ];
        if province {
            status_rows.push((tr(lang, "count-nominated"), c.nominated));
        }
        status_rows.push((tr(lang, "count-held-back"), c.held_back));
        status_rows.push((tr(lang, "count-spread"), c.spread_flags));
        let item = |n: usize, p: &model::ListItem, result: String, reason: String| Item {
            n,
            id: p.id.clone(),
            name: p.name.clone(),
            producer: p.producer.clone(),
            commune: p.commune.clone(),
            set: p.set_code.clone(),
            total: hundredths(p.mean_total),
            result,
            reason,
        };
        let l = &doc.lists;
        Page {
            title: tr(lang, "doc-title"),
            council: doc.council_name.clone(),
            round: doc.round_name.clone(),
            date: date_text(lang, doc.date),
            edition: doc.edition_id.clone(),
            decision: doc.decision.clone(),
            level: tr(
                lang,
                if province {
                    "level-province"
                } else {
                    "level-central"
                },
            ),
            province,
            products: c.products,
            star_rows,
            status_rows,
            star_chart: star_chart(doc, lang),
            score_chart: score_chart(doc, lang),
            proposed: l
                .proposed
                .iter()
                .map(|g| Group {
                    heading: tr_args(
                        lang,
                        "list-proposed-level",
                        &[
                            ("stars", i64::from(g.stars).into()),
                            ("count", (g.products.len() as i64).into()),
                        ],
                    ),
                    items: g
                        .products
                        .iter()
                        .enumerate()
                        .map(|(i, p)| item(i + 1, p, String::new(), String::new()))
                        .collect(),
                })
                .collect(),
            nominated: l
                .nominated
                .iter()
                .enumerate()
                .map(|(i, p)| item(i + 1, p, String::new(), String::new()))
                .collect(),
            returned: l
                .returned
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let Reason::Returned { stars, .. } = r.reason else {
                        unreachable!("the returned list holds returned products")
                    };
                    let result = status_label(lang, stars, "returned", false);
                    item(i + 1, &r.product, result, reason_text(lang, &r.reason))
                })
                .collect(),
            rejected: l
                .not_recognised
                .iter()
                .enumerate()
                .map(|(i, r)| {
                    let result = match r.reason {
                        Reason::Disqualified { .. } => tr(lang, "status-disqualified"),
                        _ => tr(lang, "status-not-certified"),
                    };
                    item(i + 1, &r.product, result, reason_text(lang, &r.reason))
                })
                .collect(),
            sheets: doc.products.iter().map(|p| sheet(p, lang)).collect(),
            notices: doc.notices.clone(),
        }
    }
}

fn reason_text(lang: Lang, r: &Reason) -> String {
    match r {
        Reason::Band { band_stars, floor } => tr_args(
            lang,
            "reason-band",
            &[
                ("stars", i64::from(*band_stars).into()),
                ("floor", points(*floor).into()),
            ],
        ),
        Reason::Markers {
            band_stars,
            stars,
            codes,
        } => tr_args(
            lang,
            "reason-markers",
            &[
                ("band", i64::from(*band_stars).into()),
                ("stars", i64::from(*stars).into()),
                ("codes", codes.join(", ").into()),
            ],
        ),
        Reason::Disqualified { reason } => tr_args(
            lang,
            "reason-disqualified",
            &[("reason", reason.clone().into())],
        ),
        Reason::Returned {
            band_stars: 5,
            codes,
            ..
        } => tr_args(
            lang,
            "reason-returned-markers",
            &[("codes", codes.join(", ").into())],
        ),
        Reason::Returned { floor5, .. } => tr_args(
            lang,
            "reason-returned-band",
            &[("floor", points(*floor5).into())],
        ),
    }
}

fn sheet(p: &ProductDoc, lang: Lang) -> Sheet {
    let n = p.members.len().max(1) as u64;
    let mut rows = Vec::new();
    let have_sections = !p.sections.is_empty()
        && p.members
            .iter()
            .all(|m| m.sections.len() == p.sections.len());
    let have_parts = p.members.iter().all(|m| m.parts.is_some()) && !p.members.is_empty();
    let part_names = ["part-a", "part-b", "part-c"];
    if have_parts {
        for (part, key) in part_names.iter().enumerate() {
            if have_sections {
                for (i, s) in p
                    .sections
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| s.part == part)
                {
                    let sum: u64 = p.members.iter().map(|m| u64::from(m.sections[i])).sum();
                    rows.push(Row {
                        label: format!("{} {}", s.code, s.title),
                        max: points(s.max),
                        cells: p.members.iter().map(|m| points(m.sections[i])).collect(),
                        mean: hundredths(sum / n),
                        class: "section",
                    });
                }
            }
            let max: u32 = p
                .sections
                .iter()
                .filter(|s| s.part == part)
                .map(|s| s.max)
                .sum();
            rows.push(Row {
                label: tr(lang, key),
                max: if max > 0 { points(max) } else { String::new() },
                cells: p
                    .members
                    .iter()
                    .map(|m| points(m.parts.map_or(0, |x| x[part])))
                    .collect(),
                mean: hundredths(p.mean_parts[part]),
                class: "part",
            });
        }
    }
    rows.push(Row {
        label: tr(lang, "sheet-total"),
        max: "100".into(),
        cells: p.members.iter().map(|m| points(m.total)).collect(),
        mean: hundredths(p.mean_total),
        class: "total",
    });
    let mean_parts = if have_parts {
        String::new()
    } else {
        tr_args(
            lang,
            "sheet-mean-parts",
            &[
                ("a", hundredths(p.mean_parts[0]).into()),
                ("b", hundredths(p.mean_parts[1]).into()),
                ("c", hundredths(p.mean_parts[2]).into()),
            ],
        )
    };
    let spread = p.spread.as_ref().map_or_else(String::new, |s| {
        tr_args(
            lang,
            "sheet-spread",
            &[
                ("spread", points(s.spread).into()),
                ("limit", points(s.limit).into()),
                ("high", s.highest.0.clone().into()),
                ("highpoints", points(s.highest.1).into()),
                ("low", s.lowest.0.clone().into()),
                ("lowpoints", points(s.lowest.1).into()),
            ],
        )
    });
    let next_star = p.next_star.as_ref().map_or_else(String::new, |ns| {
        let mut parts = Vec::new();
        if ns.points_short > 0 {
            parts.push(tr_args(
                lang,
                "next-star-points",
                &[("points", hundredths(u64::from(ns.points_short)).into())],
            ));
        }
        for m in &ns.markers {
            parts.push(tr_args(
                lang,
                "next-star-marker",
                &[
                    ("code", m.code.clone().into()),
                    ("needed", points(m.needed).into()),
                    ("got", hundredths(m.got).into()),
                ],
            ));
        }
        tr_args(
            lang,
            "next-star",
            &[
                ("stars", i64::from(ns.stars).into()),
                ("what", parts.join("; ").into()),
            ],
        )
    });
    let status_class = match p.status.as_str() {
        "disqualified" => "bad",
        "certified" => "good",
        _ => "bad",
    };
    Sheet {
        id: p.id.clone(),
        name: p.name.clone(),
        producer: p.producer.clone(),
        commune: p.commune.clone(),
        set: format!("{} ({}) {}", p.set_number, p.set_code, p.set_name),
        rank: p.rank,
        members: p.members.iter().map(|m| m.name.clone()).collect(),
        rows,
        mean_parts,
        total: hundredths(p.mean_total),
        band: stars_text(lang, p.band_stars),
        stars: p.stars,
        status: status_label(lang, p.stars, &p.status, p.nominated),
        status_class,
        markers: marker_rows(&p.markers),
        held_back: if p.held_back.is_empty() {
            String::new()
        } else {
            tr_args(
                lang,
                "sheet-held-back",
                &[
                    ("band", i64::from(p.band_stars).into()),
                    ("codes", p.held_back.join(", ").into()),
                ],
            )
        },
        spread,
        next_star,
        disqualified: p.disqualified_reason.clone().unwrap_or_default(),
    }
}

/// One row per criterion, its 3★/4★/5★ markers side by side, in the markers' order.
fn marker_rows(markers: &[MarkerDoc]) -> Vec<MarkerRow> {
    let mut rows: Vec<MarkerRow> = Vec::new();
    for m in markers {
        let i = match rows.iter().position(|r| r.code == m.code) {
            Some(i) => i,
            None => {
                rows.push(MarkerRow {
                    code: m.code.clone(),
                    got: hundredths(m.got),
                    levels: [None, None, None],
                });
                rows.len() - 1
            }
        };
        if (3..=5).contains(&m.level) {
            rows[i].levels[usize::from(m.level - 3)] = Some((points(m.needed), m.met));
        }
    }
    rows
}

/// Products by reported stars: a bar per level (and the disqualified, if any).
fn star_chart(doc: &RoundDoc, lang: Lang) -> Chart {
    let c = &doc.counts;
    let mut levels: Vec<(String, usize, String)> = (1..=5u8)
        .map(|n| (format!("{n}★"), c.by_stars[usize::from(n)], format!("s{n}")))
        .collect();
    if c.by_stars[0] > 0 {
        levels.insert(
            0,
            (tr(lang, "chart-disqualified"), c.by_stars[0], "s0".into()),
        );
    }
    let (width, height) = (320u32, 190u32);
    let (left, bottom, top) = (30.0, 160.0, 20.0);
    let max = levels.iter().map(|l| l.1).max().unwrap_or(0).max(1) as f64;
    let slot = (f64::from(width) - left - 10.0) / levels.len() as f64;
    let mut chart = Chart {
        width,
        height,
        ..Chart::default()
    };
    chart.lines.push(Line {
        x1: left,
        y1: bottom,
        x2: f64::from(width) - 10.0,
        y2: bottom,
        class: "axis",
    });
    for (i, (label, count, class)) in levels.into_iter().enumerate() {
        let h = (bottom - top) * count as f64 / max;
        let x = left + slot * i as f64 + slot * 0.2;
        let w = slot * 0.6;
        chart.bars.push(Bar {
            x: r1(x),
            y: r1(bottom - h),
            w: r1(w),
            h: r1(h),
            class,
        });
        chart.labels.push(Label {
            x: r1(x + w / 2.0),
            y: r1(bottom - h - 4.0),
            text: count.to_string(),
            anchor: "middle",
            class: "value",
        });
        chart.labels.push(Label {
            x: r1(x + w / 2.0),
            y: bottom + 16.0,
            text: label,
            anchor: "middle",
            class: "tick",
        });
    }
    chart
}

/// The products' mean totals in 5-point bins from 0 to 100, against the band limits.
fn score_chart(doc: &RoundDoc, lang: Lang) -> Chart {
    const BINS: usize = 20;
    let mut bins = [0usize; BINS];
    for p in &doc.products {
        let b = (p.mean_total / 500) as usize;
        bins[b.min(BINS - 1)] += 1;
    }
    let (width, height) = (440u32, 190u32);
    let (left, right, bottom, top) = (30.0, 430.0, 160.0, 26.0);
    let x_of = |points: f64| left + (right - left) * points / 100.0;
    let max = bins.iter().copied().max().unwrap_or(0).max(1) as f64;
    let mut chart = Chart {
        width,
        height,
        ..Chart::default()
    };
    let limits = doc.band_limits;
    let band_of = |points: u32| 1 + limits.iter().filter(|&&l| points >= l).count();
    for (i, &count) in bins.iter().enumerate() {
        if count == 0 {
            continue;
        }
        let h = (bottom - top) * count as f64 / max;
        let x0 = x_of(i as f64 * 5.0);
        let x1 = x_of(i as f64 * 5.0 + 5.0);
        chart.bars.push(Bar {
            x: r1(x0 + 1.0),
            y: r1(bottom - h),
            w: r1(x1 - x0 - 2.0),
            h: r1(h),
            class: format!("s{}", band_of(i as u32 * 500)),
        });
        chart.labels.push(Label {
            x: r1((x0 + x1) / 2.0),
            y: r1(bottom - h - 4.0),
            text: count.to_string(),
            anchor: "middle",
            class: "value",
        });
    }
    chart.lines.push(Line {
        x1: left,
        y1: bottom,
        x2: right,
        y2: bottom,
        class: "axis",
    });
    for tick in [0u32, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100] {
        chart.labels.push(Label {
            x: r1(x_of(f64::from(tick))),
            y: bottom + 14.0,
            text: tick.to_string(),
            anchor: "middle",
            class: "tick",
        });
    }
    let mut edges = vec![0.0];
    for &limit in &limits {
        let x = x_of(f64::from(limit) / 100.0);
        edges.push(f64::from(limit) / 100.0);
        chart.lines.push(Line {
            x1: r1(x),
            y1: top - 12.0,
            x2: r1(x),
            y2: bottom,
            class: "limit",
        });
    }
    edges.push(100.0);
    for (i, w) in edges.windows(2).enumerate() {
        chart.labels.push(Label {
            x: r1(x_of((w[0] + w[1]) / 2.0)),
            y: top - 14.0,
            text: format!("{}★", i + 1),
            anchor: "middle",
            class: "band",
        });
    }
    chart.labels.push(Label {
        x: right,
        y: bottom + 28.0,
        text: tr(lang, "chart-points-axis"),
        anchor: "end",
        class: "tick",
    });
    chart
}

fn r1(x: f64) -> f64 {
    (x * 10.0).round() / 10.0
}

#[cfg(test)]
mod tests {
    use super::model::*;
    use super::*;

    /// A round of two products, one with every member's sections.
    pub(crate) fn sample() -> RoundDoc {
        let sections = vec![
            SectionHead {
                part: 0,
                code: "1".into(),
                title: "Tổ chức sản xuất".into(),
                max: 1800,
            },
            SectionHead {
                part: 1,
                code: "4".into(),
                title: "Sức mạnh cộng đồng".into(),
                max: 2500,
            },
            SectionHead {
                part: 2,
                code: "7".into(),
                title: "Chất lượng".into(),
                max: 3500,
            },
        ];
        let member = |name: &str, s: [u32; 3]| MemberDoc {
            name: name.into(),
            total: s.iter().sum(),
            parts: Some(s),
            sections: s.to_vec(),
        };
        let a = ProductDoc {
            rank: 1,
            id: "P-1".into(),
            name: "Trà <hoa> vàng & \"mật\"".into(),
            producer: "HTX Ba Chẽ".into(),
            commune: "xã Ba Chẽ".into(),
            set_number: 11,
            set_code: "I.3.b".into(),
            set_name: "Chè".into(),
            sections,
            members: vec![
                member("Nguyễn Văn Hùng", [1500, 2000, 3000]),
                member("Trần Thị Mai", [1400, 2100, 3200]),
            ],
            mean_total: 6600,
            mean_parts: [1450, 2050, 3100],
            band_stars: 3,
            stars: 3,
            status: "certified".into(),
            markers: vec![
                MarkerDoc {
                    code: "1.5".into(),
                    level: 3,
                    needed: 200,
                    got: 250,
                    met: true,
                },
                MarkerDoc {
                    code: "1.5".into(),
                    level: 4,
                    needed: 300,
                    got: 250,
                    met: false,
                },
            ],
            next_star: Some(NextStarDoc {
                stars: 4,
                points_short: 400,
                markers: vec![MarkerDoc {
                    code: "1.5".into(),
                    level: 4,
                    needed: 300,
                    got: 250,
                    met: false,
                }],
            }),
            spread: Some(SpreadDoc {
                spread: 1200,
                limit: 1000,
                highest: ("Trần Thị Mai".into(), 6700),
                lowest: ("Nguyễn Văn Hùng".into(), 6500),
            }),
            ..ProductDoc::default()
        };
        let b = ProductDoc {
            rank: 2,
            id: "P-2".into(),
            name: "Mắm".into(),
            members: vec![MemberDoc {
                name: "Lê Văn A".into(),
                total: 4000,
                parts: None,
                sections: vec![],
            }],
            mean_total: 4000,
            band_stars: 2,
            stars: 2,
            status: "not_certified".into(),
            ..ProductDoc::default()
        };
        let products = vec![a, b];
        RoundDoc {
            council_name: "Hội đồng tỉnh Quảng Ninh".into(),
            round_name: "Đợt 1 năm 2026".into(),
            date: Some((2026, 6, 5)),
            edition_id: "qd26-2026".into(),
            decision: "26/2026/QĐ-TTg".into(),
            level: "province".into(),
            band_limits: [3000, 5000, 7000, 9000],
            max_spread: 1000,
            counts: Counts {
                products: 2,
                by_stars: [0, 0, 1, 1, 0, 0],
                certified: 1,
                not_certified: 1,
                ..Counts::default()
            },
            lists: decision_lists(&products, 5000, 9000),
            products,
            notices: vec![],
        }
    }

    #[test]
    fn renders_in_both_languages_escaped() {
        let doc = sample();
        let vi = render(&doc, Lang::Vi);
        assert!(vi.starts_with("<!DOCTYPE html>"));
        assert!(vi.contains("<html lang=\"vi\">"));
        assert!(
            vi.contains("Trà &lt;hoa&gt; vàng &amp; &quot;mật&quot;"),
            "{vi}"
        );
        assert!(!vi.contains("<hoa>"));
        // minijinja escapes `/` too.
        assert!(vi.contains("05&#x2f;06&#x2f;2026"));
        assert!(vi.contains("Đạt 3 sao"));
        assert!(vi.contains("Không đạt"));
        assert!(vi.contains("Thư ký") || vi.contains("THƯ KÝ"));
        assert!(vi.contains("Tổ chức sản xuất"));
        assert!(!vi.contains(['\u{2068}', '\u{2069}']));
        assert!(!vi.contains("<script"));
        assert!(!vi.contains("http://") && !vi.contains("https://"));
        let en = render(&doc, Lang::En);
        assert!(en.contains("<html lang=\"en\">"));
        assert!(en.contains("2026-06-05"));
        assert!(
            en.contains("Recognised 3★") || en.contains("3 stars"),
            "{en}"
        );
    }

    #[test]
    fn an_empty_round_renders() {
        let doc = RoundDoc {
            band_limits: [3000, 5000, 7000, 9000],
            level: "central".into(),
            ..RoundDoc::default()
        };
        let html = render(&doc, Lang::Vi);
        assert!(html.contains("</html>"));
    }

    #[test]
    fn marker_rows_put_levels_side_by_side() {
        let rows = marker_rows(&sample().products[0].markers);
        assert_eq!(rows.len(), 1);
        assert_eq!(rows[0].levels[0], Some(("2".into(), true)));
        assert_eq!(rows[0].levels[1], Some(("3".into(), false)));
        assert_eq!(rows[0].levels[2], None);
    }
}
