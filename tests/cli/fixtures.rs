//! Assessment files built from the real criteria, so tests say what they mean: "a member
//! whose total is 70 and who meets every 4★ marker", not a wall of numbers.

use ocop::criteria::embedded::Embedded;
use ocop::criteria::{CriteriaSet, Edition, Stars};
use ocop::points::Points;

pub fn edition() -> Edition {
    Embedded::find("qd26-2026").unwrap().load()
}

/// One member's sheet for one product.
#[derive(Clone, Debug)]
pub struct Sheet {
    pub product: String,
    pub name: String,
    pub set: u8,
    pub assessor: String,
    /// Points per scored criterion of the set, in sheet order.
    pub points: Vec<Points>,
    pub disqualified: String,
}

impl Sheet {
    /// A sheet totalling `total` whole points that meets every marker up to `markers` stars.
    pub fn with_total(product: &str, set: u8, assessor: &str, total: u32, markers: u8) -> Sheet {
        let e = edition();
        let s = e.set(&set.to_string()).unwrap();
        Sheet {
            product: product.into(),
            name: format!("Sản phẩm {product}"),
            set,
            assessor: assessor.into(),
            points: points_for_total(s, Points::whole(total), markers),
            disqualified: String::new(),
        }
    }

    /// Sets the points of one criterion, keeping the rest.
    pub fn with(mut self, code: &str, points: u32) -> Sheet {
        let e = edition();
        let s = e.set(&self.set.to_string()).unwrap();
        self.points[s.leaf_index(code).unwrap()] = Points::whole(points);
        self
    }

    pub fn total(&self) -> Points {
        self.points.iter().copied().sum()
    }
}

/// Points per criterion summing to `total`, at least each marker's minimum up to `markers`★.
pub fn points_for_total(set: &CriteriaSet, total: Points, markers: u8) -> Vec<Points> {
    let level = Stars::new(markers.clamp(1, 5)).unwrap();
    let mut pts: Vec<Points> = set
        .leaves
        .iter()
        .map(|l| {
            if markers >= 3 {
                l.required_for(level).unwrap_or(Points::ZERO)
            } else {
                Points::ZERO
            }
        })
        .collect();
    let base: Points = pts.iter().copied().sum();
    assert!(
        base <= total,
        "set {}: the {markers}★ markers alone need {base}",
        set.number
    );
    let mut remaining = total.hundredths() - base.hundredths();
    for (i, leaf) in set.leaves.iter().enumerate() {
        let cur = pts[i];
        let best = leaf
            .allowed
            .iter()
            .copied()
            .filter(|v| *v >= cur && v.hundredths() - cur.hundredths() <= remaining)
            .max()
            .unwrap();
        remaining -= best.hundredths() - cur.hundredths();
        pts[i] = best;
    }
    assert_eq!(
        remaining, 0,
        "set {}: cannot reach {total} exactly",
        set.number
    );
    pts
}

/// The union of the sets' criterion codes, in set then sheet order.
fn codes(sheets: &[Sheet]) -> Vec<String> {
    let e = edition();
    let mut sets: Vec<u8> = sheets.iter().map(|s| s.set).collect();
    sets.sort();
    sets.dedup();
    let mut out: Vec<String> = Vec::new();
    for n in sets {
        for l in &e.set(&n.to_string()).unwrap().leaves {
            if !out.contains(&l.code) {
                out.push(l.code.clone());
            }
        }
    }
    out
}

/// A wide file: one row per sheet, a column per criterion (empty where not the row's set).
pub fn wide(sheets: &[Sheet]) -> String {
    let e = edition();
    let codes = codes(sheets);
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut header = vec![
        "product_id".to_string(),
        "product_name".into(),
        "set".into(),
        "assessor".into(),
    ];
    header.extend(codes.iter().cloned());
    header.push("disqualified".into());
    w.write_record(&header).unwrap();
    for s in sheets {
        let set = e.set(&s.set.to_string()).unwrap();
        let mut row = vec![
            s.product.clone(),
            s.name.clone(),
            s.set.to_string(),
            s.assessor.clone(),
        ];
        for c in &codes {
            row.push(
                set.leaf_index(c)
                    .map(|i| s.points[i].to_string())
                    .unwrap_or_default(),
            );
        }
        row.push(s.disqualified.clone());
        w.write_record(&row).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

/// The same sheets as a long file: one row per criterion.
pub fn long(sheets: &[Sheet]) -> String {
    let e = edition();
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "product_id",
        "product_name",
        "set",
        "assessor",
        "criterion",
        "points",
        "disqualified",
    ])
    .unwrap();
    for s in sheets {
        let set = e.set(&s.set.to_string()).unwrap();
        for (l, p) in set.leaves.iter().zip(&s.points) {
            w.write_record([
                s.product.as_str(),
                &s.name,
                &s.set.to_string(),
                &s.assessor,
                &l.code,
                &p.to_string(),
                &s.disqualified,
            ])
            .unwrap();
        }
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

pub const MEMBERS: [&str; 7] = [
    "Nguyễn Văn Hùng",
    "Trần Thị Mai",
    "Phạm Quốc Bảo",
    "Lê Thị Thu Hà",
    "Vũ Đức Thắng",
    "Đặng Minh Châu",
    "Hoàng Văn Sơn",
];

/// A product scored by members with these totals (meeting markers up to `markers`★).
pub fn product(id: &str, set: u8, totals: &[u32], markers: u8) -> Vec<Sheet> {
    totals
        .iter()
        .enumerate()
        .map(|(i, &t)| Sheet::with_total(id, set, MEMBERS[i], t, markers))
        .collect()
}

/// Text as Excel's plain "CSV" saves it on Vietnamese Windows: Windows-1258, where vowels
/// with a circumflex, breve or horn are single bytes and tone marks are combining bytes.
pub fn windows_1258(text: &str) -> Vec<u8> {
    use unicode_normalization::UnicodeNormalization;
    let enc = encoding_rs::WINDOWS_1258;
    let encode = |s: &str| {
        let (bytes, _, bad) = enc.encode(s);
        (!bad).then(|| bytes.into_owned())
    };
    let mut out = Vec::new();
    for c in text.chars() {
        let s = c.to_string();
        if let Some(b) = encode(&s) {
            out.extend(b);
            continue;
        }
        let parts: Vec<char> = s.nfd().collect();
        let mut rest = &parts[1..];
        let mut base = parts[0].to_string();
        if let Some(first) = rest.first() {
            let composed: String = [parts[0], *first]
                .iter()
                .collect::<String>()
                .nfc()
                .collect();
            if composed.chars().count() == 1 && encode(&composed).is_some() {
                base = composed;
                rest = &rest[1..];
            }
        }
        out.extend(encode(&base).expect("base letter in Windows-1258"));
        for m in rest {
            out.extend(encode(&m.to_string()).expect("tone mark in Windows-1258"));
        }
    }
    out
}

/// UTF-16LE with a BOM, as Excel's "Unicode text" saves.
pub fn utf16le(text: &str) -> Vec<u8> {
    let mut v = vec![0xFF, 0xFE];
    for u in text.encode_utf16() {
        v.extend(u.to_le_bytes());
    }
    v
}
