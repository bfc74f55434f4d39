//! The document's view model: plain owned data, everything the printed round needs and
//! nothing of how it was computed. Numbers are exact hundredths (`7025` is 70.25), printed
//! with two decimals, truncated, as ocop prints means. Texts from the input are kept as
//! given; the renderer escapes them. Language-dependent texts (statuses, reasons, the next
//! star) are not here: the renderer words them from the codes and numbers.

use serde::Serialize;

/// One round of a council: the summary, the list for the decision and every product.
#[derive(Debug, Clone, Default, Serialize)]
pub struct RoundDoc {
    /// `--council-name`, e.g. "Hội đồng đánh giá, phân hạng sản phẩm OCOP tỉnh Quảng Ninh".
    pub council_name: String,
    /// `--round`, e.g. "Đợt 1 năm 2026".
    pub round_name: String,
    /// `--date` as year, month, day.
    pub date: Option<(i16, u8, u8)>,
    pub edition_id: String,
    /// The legal instrument, e.g. "26/2026/QĐ-TTg".
    pub decision: String,
    /// "province" or "central".
    pub level: String,
    /// The band floors of 2★ … 5★ (hundredths), e.g. 3000, 5000, 7000, 9000.
    pub band_limits: [u32; 4],
    /// Rule 7's allowed spread of members' totals (hundredths).
    pub max_spread: u32,
    pub counts: Counts,
    /// In rank order.
    pub products: Vec<ProductDoc>,
    pub lists: DecisionLists,
    /// Things the reader must know (e.g. an unverified criteria set), as the report says them.
    pub notices: Vec<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Counts {
    pub products: usize,
    /// By reported stars; index 0 counts the disqualified.
    pub by_stars: [usize; 6],
    pub certified: usize,
    pub not_certified: usize,
    pub disqualified: usize,
    pub nominated: usize,
    pub held_back: usize,
    pub spread_flags: usize,
}

/// One product's result sheet.
#[derive(Debug, Clone, Default, Serialize)]
pub struct ProductDoc {
    pub rank: usize,
    pub id: String,
    pub name: String,
    pub producer: String,
    pub commune: String,
    pub set_number: u8,
    pub set_code: String,
    pub set_name: String,
    /// The set's sections in sheet order (empty when the members' section sums are not known).
    pub sections: Vec<SectionHead>,
    /// In the order the sheets were read.
    pub members: Vec<MemberDoc>,
    /// Mean of the members' totals and of parts A, B, C (hundredths, truncated).
    pub mean_total: u64,
    pub mean_parts: [u64; 3],
    /// Stars by the total alone, and as reported (0 when disqualified, 4 when nominated).
    pub band_stars: u8,
    pub stars: u8,
    /// "certified", "not_certified" or "disqualified".
    pub status: String,
    /// Qualifies for 5★, which a provincial council nominates to the ministry's.
    pub nominated: bool,
    /// Every minimum-level marker of the set's scored criteria, met or missed.
    pub markers: Vec<MarkerDoc>,
    /// Codes of the markers that hold the product below its band.
    pub held_back: Vec<String>,
    pub spread: Option<SpreadDoc>,
    pub next_star: Option<NextStarDoc>,
    pub disqualified_reason: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SectionHead {
    /// 0, 1, 2 for parts A, B, C.
    pub part: usize,
    pub code: String,
    pub title: String,
    pub max: u32,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MemberDoc {
    pub name: String,
    pub total: u32,
    /// Points in parts A, B, C (`None` when not known).
    pub parts: Option<[u32; 3]>,
    /// Points per section, as `ProductDoc::sections` (empty when not known).
    pub sections: Vec<u32>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct MarkerDoc {
    /// The criterion, e.g. "1.5".
    pub code: String,
    /// 3, 4 or 5.
    pub level: u8,
    /// What the marker needs of the members' mean, and the mean (hundredths).
    pub needed: u32,
    pub got: u64,
    pub met: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct SpreadDoc {
    pub spread: u32,
    pub limit: u32,
    pub highest: (String, u32),
    pub lowest: (String, u32),
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct NextStarDoc {
    pub stars: u8,
    /// Points the mean total lacks (0 when the band is reached).
    pub points_short: u32,
    /// Markers of that level still to reach.
    pub markers: Vec<MarkerDoc>,
}

/// The lists the council sends for the Chairman's decision (Điều 7.3.d–e).
#[derive(Debug, Clone, Default, Serialize)]
pub struct DecisionLists {
    /// Certified products by reported stars, highest first; levels with none left out.
    /// A nominated product is in `nominated`, not here.
    pub proposed: Vec<StarGroup>,
    /// Proposed to the ministry's council for 5★ (provincial councils).
    pub nominated: Vec<ListItem>,
    /// Below 5★ at the central council: returned to the province, which may recognise the
    /// stars reached (Điều 7.4.g).
    pub returned: Vec<Rejected>,
    pub not_recognised: Vec<Rejected>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct StarGroup {
    pub stars: u8,
    pub products: Vec<ListItem>,
}

#[derive(Debug, Clone, Default, Serialize)]
pub struct ListItem {
    pub rank: usize,
    pub id: String,
    pub name: String,
    pub producer: String,
    pub commune: String,
    pub set_code: String,
    pub mean_total: u64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Rejected {
    pub product: ListItem,
    pub reason: Reason,
}

/// Why a product is not recognised.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Reason {
    /// The total's band is below 3★.
    Band { band_stars: u8, floor: u32 },
    /// The band reaches 3★ or more, but minimum-level markers hold the product below 3★.
    Markers {
        band_stars: u8,
        stars: u8,
        codes: Vec<String>,
    },
    /// The dossier was rejected (rule 5).
    Disqualified { reason: String },
    /// Central council, below 5★ (Điều 7.4.g): by the score, or held back by 5★ markers.
    Returned {
        stars: u8,
        band_stars: u8,
        floor5: u32,
        codes: Vec<String>,
    },
}

impl ProductDoc {
    pub fn list_item(&self) -> ListItem {
        ListItem {
            rank: self.rank,
            id: self.id.clone(),
            name: self.name.clone(),
            producer: self.producer.clone(),
            commune: self.commune.clone(),
            set_code: self.set_code.clone(),
            mean_total: self.mean_total,
        }
    }
}

/// The lists for the decision, out of the products (in rank order). `floor3` is the 3★
/// band floor (hundredths).
pub fn decision_lists(products: &[ProductDoc], floor3: u32, floor5: u32) -> DecisionLists {
    let mut lists = DecisionLists::default();
    for stars in (3..=5u8).rev() {
        let group: Vec<ListItem> = products
            .iter()
            .filter(|p| p.status == "certified" && !p.nominated && p.stars == stars)
            .map(ProductDoc::list_item)
            .collect();
        if !group.is_empty() {
            lists.proposed.push(StarGroup {
                stars,
                products: group,
            });
        }
    }
    lists.nominated = products
        .iter()
        .filter(|p| p.nominated)
        .map(ProductDoc::list_item)
        .collect();
    lists.returned = products
        .iter()
        .filter(|p| p.status == "returned")
        .map(|p| Rejected {
            product: p.list_item(),
            reason: Reason::Returned {
                stars: p.stars,
                band_stars: p.band_stars,
                floor5,
                codes: p.held_back.clone(),
            },
        })
        .collect();
    lists.not_recognised = products
        .iter()
        // A nominated product is listed for the ministry, a returned one for the province.
        .filter(|p| p.status != "certified" && p.status != "returned" && !p.nominated)
        .map(|p| Rejected {
            product: p.list_item(),
            reason: match &p.disqualified_reason {
                Some(r) => Reason::Disqualified { reason: r.clone() },
                None if p.band_stars >= 3 => Reason::Markers {
                    band_stars: p.band_stars,
                    stars: p.stars,
                    codes: p.held_back.clone(),
                },
                None => Reason::Band {
                    band_stars: p.band_stars,
                    floor: floor3,
                },
            },
        })
        .collect();
    lists
}

/// Hundredths as printed: two decimals, truncated (`7025` → `70.25`, `5` → `0.05`).
pub fn hundredths(h: u64) -> String {
    format!("{}.{:02}", h / 100, h % 100)
}

/// Points as the criteria print them: as few decimals as they need (`3`, `2.5`, `0.25`).
pub fn points(h: u32) -> String {
    let (whole, frac) = (h / 100, h % 100);
    match frac {
        0 => whole.to_string(),
        f if f % 10 == 0 => format!("{whole}.{}", f / 10),
        f => format!("{whole}.{f:02}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_as_printed() {
        assert_eq!(hundredths(7025), "70.25");
        assert_eq!(hundredths(6999), "69.99");
        assert_eq!(hundredths(5), "0.05");
        assert_eq!(hundredths(10000), "100.00");
        assert_eq!(points(300), "3");
        assert_eq!(points(250), "2.5");
        assert_eq!(points(25), "0.25");
    }

    fn product(id: &str, status: &str, band: u8, stars: u8) -> ProductDoc {
        ProductDoc {
            id: id.into(),
            status: status.into(),
            band_stars: band,
            stars,
            ..ProductDoc::default()
        }
    }

    #[test]
    fn lists_for_the_decision() {
        let mut nominated = product("N", "certified", 5, 4);
        nominated.nominated = true;
        let mut held = product("H", "not_certified", 4, 2);
        held.held_back = vec!["1.5".into()];
        let mut dq = product("D", "disqualified", 4, 0);
        dq.disqualified_reason = Some("hồ sơ giả".into());
        let products = vec![
            nominated,
            product("F", "certified", 4, 4),
            product("T", "certified", 3, 3),
            product("U", "certified", 3, 3),
            held,
            product("B", "not_certified", 2, 2),
            dq,
        ];
        let l = decision_lists(&products, 5000, 9000);
        let groups: Vec<(u8, Vec<&str>)> = l
            .proposed
            .iter()
            .map(|g| (g.stars, g.products.iter().map(|p| p.id.as_str()).collect()))
            .collect();
        assert_eq!(groups, vec![(4, vec!["F"]), (3, vec!["T", "U"])]);
        assert_eq!(l.nominated.len(), 1);
        let reasons: Vec<(&str, &Reason)> = l
            .not_recognised
            .iter()
            .map(|r| (r.product.id.as_str(), &r.reason))
            .collect();
        assert_eq!(
            reasons,
            vec![
                (
                    "H",
                    &Reason::Markers {
                        band_stars: 4,
                        stars: 2,
                        codes: vec!["1.5".into()]
                    }
                ),
                (
                    "B",
                    &Reason::Band {
                        band_stars: 2,
                        floor: 5000
                    }
                ),
                (
                    "D",
                    &Reason::Disqualified {
                        reason: "hồ sơ giả".into()
                    }
                ),
            ]
        );
    }
}
