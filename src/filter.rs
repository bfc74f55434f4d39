//! Which products of a report are shown (`ocop score --stars 4..5 --status certified
//! --only-set 6`): one filter over the report, applied before any renderer, so the table, CSV,
//! JSON, workbook and document show the same rows. Ranks stay those of the whole batch, and
//! the report's summary keeps counting the whole batch (docs: "Filters").

use crate::criteria::Edition;
use crate::report::{ProductResult, Report, Status};

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Filter {
    /// Reported stars, both ends included (0 is disqualified).
    pub stars: Option<(u8, u8)>,
    /// Empty: any status.
    pub status: Vec<Status>,
    /// Set numbers; empty: any set.
    pub sets: Vec<u8>,
}

impl Filter {
    /// Parses the command line's values; the error says what was expected.
    pub fn parse(
        edition: &Edition,
        stars: Option<&str>,
        status: &[String],
        sets: &[String],
    ) -> Result<Filter, String> {
        let stars = stars.map(parse_stars).transpose()?;
        let status = status
            .iter()
            .map(|s| {
                let s = s.trim();
                Status::ALL
                    .into_iter()
                    .find(|st| st.as_str() == s)
                    .ok_or_else(|| {
                        let codes: Vec<&str> = Status::ALL.iter().map(|s| s.as_str()).collect();
                        format!("--status {s}: expected one of {}", codes.join(", "))
                    })
            })
            .collect::<Result<Vec<_>, _>>()?;
        let sets = sets
            .iter()
            .map(|s| {
                edition.set(s.trim()).map(|set| set.number).ok_or_else(|| {
                    format!(
                        "--only-set {s}: no such set in {} (a number 1–{} or a code such as I.3.b)",
                        edition.id(),
                        edition.summaries().len()
                    )
                })
            })
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Filter {
            stars,
            status,
            sets,
        })
    }

    pub fn is_empty(&self) -> bool {
        self.stars.is_none() && self.status.is_empty() && self.sets.is_empty()
    }

    pub fn keeps(&self, p: &ProductResult<'_>) -> bool {
        self.stars
            .is_none_or(|(lo, hi)| (lo..=hi).contains(&p.stars))
            && (self.status.is_empty() || self.status.contains(&p.status))
            && (self.sets.is_empty() || self.sets.contains(&p.set.number))
    }

    /// Keeps the products the filter lets through, in rank order, their ranks unchanged.
    /// Returns how many there were before.
    pub fn apply(&self, report: &mut Report<'_>) -> usize {
        let before = report.products.len();
        if !self.is_empty() {
            report.products.retain(|p| self.keeps(p));
        }
        before
    }
}

/// `4`, `4..5`, `3..`, `..2`, each end 0–5.
pub fn parse_stars(s: &str) -> Result<(u8, u8), String> {
    let bad = || format!("--stars {s}: expected a number 0–5 or a range such as 4..5, 3.. or ..2");
    let end = |t: &str, default: u8| -> Result<u8, String> {
        let t = t.trim();
        if t.is_empty() {
            return Ok(default);
        }
        t.parse::<u8>().ok().filter(|n| *n <= 5).ok_or_else(bad)
    };
    let t = s.trim();
    let (lo, hi) = match t.split_once("..") {
        Some((a, b)) => {
            if a.trim().is_empty() && b.trim().is_empty() {
                return Err(bad());
            }
            (end(a, 0)?, end(b, 5)?)
        }
        None if t.is_empty() => return Err(bad()),
        None => {
            let n = end(t, 0)?;
            (n, n)
        }
    };
    if lo > hi {
        return Err(format!(
            "--stars {s}: the range is empty ({lo} is above {hi})"
        ));
    }
    Ok((lo, hi))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn star_ranges() {
        assert_eq!(parse_stars("4"), Ok((4, 4)));
        assert_eq!(parse_stars("4..5"), Ok((4, 5)));
        assert_eq!(parse_stars("3.."), Ok((3, 5)));
        assert_eq!(parse_stars("..2"), Ok((0, 2)));
        assert_eq!(parse_stars(" 3..4 "), Ok((3, 4)));
        for bad in ["", "..", "6", "x", "5..4", "1..9", "-1", "3-4"] {
            assert!(parse_stars(bad).is_err(), "{bad:?}");
        }
    }
}
