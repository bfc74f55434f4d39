//! Reading the register: a product's history, a round's results, the latest result of every
//! product, and the certificates due for re-rating on a date (through the index on expiry).

use jiff::ToSpan;
use jiff::civil::Date;
use rusqlite::{Row, params_from_iter, types::Value};

use super::dates::{self, Standing};
use super::{Error, Register, Result, parse_member_json};

/// One product's result in one round, with the round's decision.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub round: String,
    pub decision: String,
    /// The round's decision date.
    pub round_issued: Date,
    pub edition_id: String,
    pub council: String,
    pub product_id: String,
    pub product_name: String,
    pub set_number: u8,
    pub producer: String,
    pub commune: String,
    pub total_sum: u64,
    pub members: u32,
    pub stars: u8,
    pub status: String,
    pub certified: bool,
    /// The certificate's issue and expiry (last valid) days, when one was issued.
    pub certificate: Option<(Date, Date)>,
    /// Each member's total; filled by [`Register::history`] only.
    pub member_totals: Vec<(String, u64)>,
}

impl Entry {
    /// The mean, truncated to hundredths.
    pub fn total(&self) -> String {
        super::format_hundredths(self.total_sum, self.members)
    }

    /// Compares two entries' means exactly.
    pub fn cmp_total(&self, other: &Entry) -> std::cmp::Ordering {
        let a = u128::from(self.total_sum) * u128::from(other.members.max(1));
        let b = u128::from(other.total_sum) * u128::from(self.members.max(1));
        a.cmp(&b)
    }
}

/// A certificate needing attention on a date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Due {
    pub entry: Entry,
    pub standing: Standing,
    pub expires: Date,
    /// The Điều 7.6.a window, both ends included.
    pub window: (Date, Date),
    /// The last day of the Điều 12.3 extension.
    pub extension_end: Date,
    /// Days from the date asked about to the expiry day (negative once expired).
    pub days_to_expiry: i64,
}

/// Which results `register list` shows; `None` is no filter.
#[derive(Debug, Clone, Default)]
pub struct ListFilter {
    /// One round's results; otherwise each product's latest result.
    pub round: Option<String>,
    pub set_number: Option<u8>,
    pub stars: Option<u8>,
    /// Part of the commune's name, case-insensitive.
    pub commune: Option<String>,
    pub status: Option<String>,
}

const COLUMNS: &str = "o.name, o.decision, o.issued, o.edition_id, o.council, r.product_id,
    r.product_name, r.set_number, r.producer, r.commune, r.total_sum, r.members, r.stars,
    r.status, r.certified, r.issued, r.expires";

/// No later round (by decision date, then import order) has a result for the product.
const LATEST: &str = "NOT EXISTS (SELECT 1 FROM results r2 JOIN rounds o2 ON o2.id = r2.round_id
    WHERE r2.product_id = r.product_id AND (o2.issued, o2.id) > (o.issued, o.id))";

fn date(column: &'static str, s: String) -> Result<Date> {
    dates::parse(&s).map_err(|_| Error::Corrupt { column, value: s })
}

/// An entry as read, before its dates are parsed: the certificate's issue and expiry, the
/// round's date.
type RawEntry = (Entry, Option<(String, String)>, String);

fn entry(row: &Row<'_>) -> rusqlite::Result<RawEntry> {
    let issued: Option<String> = row.get(15)?;
    let expires: Option<String> = row.get(16)?;
    Ok((
        Entry {
            round: row.get(0)?,
            decision: row.get(1)?,
            round_issued: Date::constant(1, 1, 1),
            edition_id: row.get(3)?,
            council: row.get(4)?,
            product_id: row.get(5)?,
            product_name: row.get(6)?,
            set_number: row.get(7)?,
            producer: row.get(8)?,
            commune: row.get(9)?,
            total_sum: row.get::<_, i64>(10)? as u64,
            members: row.get(11)?,
            stars: row.get(12)?,
            status: row.get(13)?,
            certified: row.get(14)?,
            certificate: None,
            member_totals: Vec::new(),
        },
        issued.zip(expires),
        row.get(2)?,
    ))
}

/// Finishes an [`entry`]: the dates parsed.
fn finish(raw: RawEntry) -> Result<Entry> {
    let (mut e, cert, round_issued) = raw;
    e.round_issued = date("rounds.issued", round_issued)?;
    e.certificate = match cert {
        Some((i, x)) => Some((date("results.issued", i)?, date("results.expires", x)?)),
        None => None,
    };
    Ok(e)
}

impl Register {
    fn entries(&self, sql: &str, args: Vec<Value>) -> Result<Vec<Entry>> {
        let mut stmt = self.conn().prepare(sql)?;
        let rows = stmt.query_map(params_from_iter(args), entry)?;
        rows.map(|r| finish(r?)).collect()
    }

    /// The round names, in decision order.
    pub fn rounds(&self) -> Result<Vec<String>> {
        let mut stmt = self
            .conn()
            .prepare("SELECT name FROM rounds ORDER BY issued, id")?;
        let names = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(names)
    }

    /// Every result of a round, by product id.
    pub fn round(&self, name: &str) -> Result<Vec<Entry>> {
        if !self.rounds()?.iter().any(|n| n == name) {
            return Err(Error::NoSuchRound(name.to_string()));
        }
        self.entries(
            &format!(
                "SELECT {COLUMNS} FROM results r JOIN rounds o ON o.id = r.round_id
                 WHERE o.name = ?1 ORDER BY r.product_id"
            ),
            vec![Value::Text(name.to_string())],
        )
    }

    /// Every result of a product, oldest round first, with the members' totals.
    pub fn history(&self, product_id: &str) -> Result<Vec<Entry>> {
        let mut stmt = self.conn().prepare(&format!(
            "SELECT {COLUMNS}, r.member_totals FROM results r JOIN rounds o ON o.id = r.round_id
             WHERE r.product_id = ?1 ORDER BY o.issued, o.id"
        ))?;
        let rows = stmt.query_map([product_id], |row| {
            Ok((entry(row)?, row.get::<_, String>(17)?))
        })?;
        rows.map(|r| {
            let (raw, members) = r?;
            let mut e = finish(raw)?;
            e.member_totals = parse_member_json(&members)?;
            Ok(e)
        })
        .collect()
    }

    /// The results the filter selects, by product id.
    pub fn list(&self, filter: &ListFilter) -> Result<Vec<Entry>> {
        let mut conds = Vec::new();
        let mut args = Vec::new();
        match &filter.round {
            Some(name) => {
                if !self.rounds()?.iter().any(|n| n == name) {
                    return Err(Error::NoSuchRound(name.clone()));
                }
                args.push(Value::Text(name.clone()));
                conds.push(format!("o.name = ?{}", args.len()));
            }
            None => conds.push(LATEST.to_string()),
        }
        if let Some(s) = filter.set_number {
            args.push(Value::Integer(s.into()));
            conds.push(format!("r.set_number = ?{}", args.len()));
        }
        if let Some(s) = filter.stars {
            args.push(Value::Integer(s.into()));
            conds.push(format!("r.stars = ?{}", args.len()));
        }
        if let Some(s) = &filter.status {
            args.push(Value::Text(s.clone()));
            conds.push(format!("r.status = ?{}", args.len()));
        }
        let mut out = self.entries(
            &format!(
                "SELECT {COLUMNS} FROM results r JOIN rounds o ON o.id = r.round_id
                 WHERE {} ORDER BY r.product_id, o.issued, o.id",
                conds.join(" AND ")
            ),
            args,
        )?;
        // SQLite's LIKE folds ASCII only: match Vietnamese names here.
        if let Some(c) = &filter.commune {
            let c = c.trim().to_lowercase();
            out.retain(|e| e.commune.to_lowercase().contains(&c));
        }
        Ok(out)
    }

    /// The certificates needing attention on `on`: those whose re-rating window is open,
    /// closed, or past (in the Điều 12.3 extension or beyond), and with `within`, also those
    /// expiring within that many days. Only a product's latest result counts: a later round
    /// (re-rated or not) settles the earlier certificate. By expiry, then product id.
    pub fn due(&self, on: Date, within: Option<u32>) -> Result<Vec<Due>> {
        let mut horizon = i64::from(dates::WINDOW_OPENS_DAYS);
        if let Some(w) = within {
            horizon = horizon.max(i64::from(w));
        }
        // Past jiff's range nothing is stored anyway.
        let upper = on
            .checked_add(horizon.min(1_000_000).days())
            .unwrap_or(Date::MAX);
        let rows = self.entries(
            &format!(
                "SELECT {COLUMNS} FROM results r JOIN rounds o ON o.id = r.round_id
                 WHERE r.expires <= ?1 AND {LATEST} ORDER BY r.expires, r.product_id"
            ),
            vec![Value::Text(upper.to_string())],
        )?;
        let mut out = Vec::with_capacity(rows.len());
        for entry in rows {
            let (_, expires) = entry.certificate.expect("only certificates have an expiry");
            let standing = dates::standing(expires, on);
            let days_to_expiry = dates::days_between(on, expires);
            let wanted = standing != Standing::Valid
                || within.is_some_and(|w| days_to_expiry <= i64::from(w));
            if wanted {
                out.push(Due {
                    entry,
                    standing,
                    expires,
                    window: dates::window(expires),
                    extension_end: dates::extension_end(expires),
                    days_to_expiry,
                });
            }
        }
        Ok(out)
    }
}
