//! The certificate register (sổ theo dõi giấy chứng nhận OCOP): a SQLite file recording each
//! round a council decided, every product's result and, for the certified, the certificate's
//! issue and expiry dates. It takes plain [`RoundInput`] values, not reports, so it does not
//! depend on how a report is built; the date rules are in [`dates`], the reads in [`queries`].

pub mod dates;
pub mod queries;
mod schema;

use std::path::Path;
use std::time::Duration;

use jiff::civil::Date;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

pub use dates::Standing;
pub use queries::{Due, Entry, ListFilter};

/// How long a writer waits for another one to finish (an import of 200,000 products takes
/// about a second).
const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

/// Puts the register in WAL mode. SQLite answers "database is locked" at once, without its
/// busy handler, when another process holds the file while the mode is set (two imports
/// opening a new register together): so this retries, for [`BUSY_TIMEOUT`] like any writer.
fn wal(conn: &Connection) -> rusqlite::Result<()> {
    let start = std::time::Instant::now();
    loop {
        match conn.pragma_update(None, "journal_mode", "WAL") {
            Err(rusqlite::Error::SqliteFailure(e, _))
                if e.code == rusqlite::ErrorCode::DatabaseBusy
                    && start.elapsed() < BUSY_TIMEOUT =>
            {
                std::thread::sleep(Duration::from_millis(5));
            }
            r => return r,
        }
    }
}

/// One round to record: what a council decided, as plain values.
#[derive(Debug, Clone, Default)]
pub struct RoundInput {
    /// Criteria edition id, e.g. `qd26-2026`.
    pub edition_id: String,
    /// The edition's decision, e.g. `26/2026/QĐ-TTg`.
    pub edition_decision: String,
    /// `central` or `province`.
    pub council_level: String,
    pub products: Vec<ProductRecord>,
}

/// One product's result in a round.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProductRecord {
    pub product_id: String,
    pub product_name: String,
    pub set_number: u8,
    pub producer: String,
    pub commune: String,
    /// The mean of the members' totals is `total_sum / members` hundredths, exactly.
    pub total_sum: u64,
    pub members: u32,
    /// As reported: 0 when disqualified.
    pub stars: u8,
    /// Stable code: `certified`, `not_certified`, `disqualified`, `nominated`.
    pub status: String,
    /// Recognised by this council's decision: gets a certificate.
    pub certified: bool,
    /// Each member's name and total (hundredths), in sheet order.
    pub member_totals: Vec<(String, u64)>,
}

/// The decision that records a round.
#[derive(Debug, Clone)]
pub struct RoundMeta {
    /// The round's name in the register (unique); the decision number when not given.
    pub name: String,
    /// e.g. `123/QĐ-UBND`.
    pub decision: String,
    /// The decision's date: the certificates' issue date.
    pub issued: Date,
    /// The files imported.
    pub sources: Vec<String>,
}

/// What an import recorded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Imported {
    pub products: usize,
    pub certificates: usize,
    pub expires: Date,
    /// An earlier round of the same name was replaced.
    pub replaced: bool,
}

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("round {0:?} is already in the register (use --replace to record it again)")]
    RoundExists(String),
    #[error("no round {0:?} in the register")]
    NoSuchRound(String),
    #[error("{path}: not an ocop register: {source}")]
    NotARegister {
        path: String,
        source: rusqlite_migration::Error,
    },
    #[error("register: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("register: corrupt value in column {column}: {value:?}")]
    Corrupt { column: &'static str, value: String },
}

pub type Result<T> = std::result::Result<T, Error>;

pub struct Register {
    conn: Connection,
}

impl Register {
    /// Opens the register at `path`, creating it or bringing its schema up to date. WAL lets
    /// readers run during an import; a writer waits [`BUSY_TIMEOUT`] for another.
    pub fn open(path: &Path) -> Result<Register> {
        let mut conn = Connection::open(path)?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        // WAL and synchronous=NORMAL: a commit is atomic and the file never corrupt after a
        // crash; a power cut may lose the last commit, never half of one.
        wal(&conn)?;
        conn.pragma_update(None, "synchronous", "NORMAL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        conn.set_transaction_behavior(TransactionBehavior::Immediate);
        schema::migrations()
            .to_latest(&mut conn)
            .map_err(|source| Error::NotARegister {
                path: path.display().to_string(),
                source,
            })?;
        Ok(Register { conn })
    }

    /// Records a round in one transaction: all of it, or (on any error) nothing. A round of
    /// the same name is refused unless `replace`, which deletes it first.
    pub fn import(
        &mut self,
        meta: &RoundMeta,
        round: &RoundInput,
        replace: bool,
    ) -> Result<Imported> {
        let expires = dates::expiry(meta.issued);
        // Rows in product id order fill the id index in order, instead of at random places.
        let mut order: Vec<&ProductRecord> = round.products.iter().collect();
        order.sort_unstable_by(|a, b| a.product_id.cmp(&b.product_id));
        // A large round's pages stay in memory until the commit instead of being spilled to
        // the WAL and read back (64 MiB at most; SQLite's default is 2 MiB).
        self.conn.pragma_update(None, "cache_size", -65536)?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let existing: Option<i64> = tx
            .query_row("SELECT id FROM rounds WHERE name = ?1", [&meta.name], |r| {
                r.get(0)
            })
            .optional()?;
        if let Some(id) = existing {
            if !replace {
                return Err(Error::RoundExists(meta.name.clone()));
            }
            tx.execute("DELETE FROM rounds WHERE id = ?1", [id])?;
        }
        tx.execute(
            "INSERT INTO rounds (name, decision, issued, edition_id, edition_decision, council,
                                 sources, imported_at)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            params![
                meta.name,
                meta.decision,
                meta.issued.to_string(),
                round.edition_id,
                round.edition_decision,
                round.council_level,
                meta.sources.join("\n"),
                jiff::Timestamp::now().to_string(),
            ],
        )?;
        let round_id = tx.last_insert_rowid();
        let (issued_s, expires_s) = (meta.issued.to_string(), expires.to_string());
        let mut certificates = 0;
        {
            let mut insert = tx.prepare(
                "INSERT INTO results (round_id, product_id, product_name, set_number, producer,
                     commune, total_sum, members, stars, status, certified, member_totals,
                     issued, expires)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)",
            )?;
            let mut json = String::new();
            for p in order {
                member_json(&mut json, &p.member_totals);
                let cert = p.certified.then_some((&issued_s, &expires_s));
                certificates += usize::from(p.certified);
                insert.execute(params![
                    round_id,
                    p.product_id,
                    p.product_name,
                    p.set_number,
                    p.producer,
                    p.commune,
                    p.total_sum as i64,
                    p.members,
                    p.stars,
                    p.status,
                    p.certified,
                    json,
                    cert.map(|c| c.0),
                    cert.map(|c| c.1),
                ])?;
            }
        }
        tx.commit()?;
        Ok(Imported {
            products: round.products.len(),
            certificates,
            expires,
            replaced: existing.is_some(),
        })
    }

    /// `PRAGMA integrity_check`: `ok`, or the problems found.
    pub fn integrity_check(&self) -> Result<String> {
        let mut stmt = self.conn.prepare("PRAGMA integrity_check")?;
        let rows: Vec<String> = stmt
            .query_map([], |r| r.get(0))?
            .collect::<rusqlite::Result<_>>()?;
        Ok(rows.join("\n"))
    }

    pub(crate) fn conn(&self) -> &Connection {
        &self.conn
    }
}

/// `[["name",7850],…]`, written by hand: the import's inner loop (serde_json escapes names).
fn member_json(out: &mut String, members: &[(String, u64)]) {
    out.clear();
    out.push('[');
    for (i, (name, total)) in members.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push('[');
        out.push_str(&serde_json::to_string(name).expect("a string serialises"));
        out.push(',');
        out.push_str(itoa::Buffer::new().format(*total));
        out.push(']');
    }
    out.push(']');
}

/// Parses [`member_json`]'s output.
fn parse_member_json(s: &str) -> Result<Vec<(String, u64)>> {
    serde_json::from_str(s).map_err(|_| Error::Corrupt {
        column: "member_totals",
        value: s.to_string(),
    })
}

/// A mean in hundredths, truncated, as `78.50` (as the report prints it).
pub fn format_hundredths(sum: u64, n: u32) -> String {
    let h = if n == 0 { 0 } else { sum / u64::from(n) };
    format!("{}.{:02}", h / 100, h % 100)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn member_json_round_trips() {
        let m = vec![
            ("Nguyễn Văn \"Hùng\"".to_string(), 7850),
            ("Trần\\Mai".to_string(), 0),
        ];
        let mut s = String::new();
        member_json(&mut s, &m);
        assert_eq!(parse_member_json(&s).unwrap(), m);
        member_json(&mut s, &[]);
        assert_eq!(s, "[]");
    }

    #[test]
    fn hundredths_are_truncated() {
        assert_eq!(format_hundredths(23551, 3), "78.50");
        assert_eq!(format_hundredths(10000 * 5, 5), "100.00");
        assert_eq!(format_hundredths(5, 1), "0.05");
    }
}
