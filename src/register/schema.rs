//! The register's schema, as versioned migrations (rusqlite_migration keeps the version in
//! `PRAGMA user_version`). Append a migration; never edit one that has shipped.
//!
//! Two processes opening a new register at once may both read version 0 before either takes
//! the write lock (the library reads the version outside its transaction): so every migration
//! must be idempotent (`IF NOT EXISTS`), and the second one then finds nothing to do.

use rusqlite_migration::{M, Migrations};

const V1: &str = "
-- One council's decision: an import of scored files.
CREATE TABLE IF NOT EXISTS rounds (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE,   -- --round, or the decision number
    decision    TEXT NOT NULL,          -- the recognising decision, e.g. 123/QĐ-UBND
    issued      TEXT NOT NULL,          -- YYYY-MM-DD, the decision's date
    edition_id  TEXT NOT NULL,          -- criteria edition, e.g. qd26-2026
    edition_decision TEXT NOT NULL,     -- e.g. 26/2026/QĐ-TTg
    council     TEXT NOT NULL,          -- central | province
    sources     TEXT NOT NULL,          -- the files imported, one per line
    imported_at TEXT NOT NULL           -- UTC, RFC 3339
) STRICT;

-- One product's result in a round, and its certificate when it got one.
CREATE TABLE IF NOT EXISTS results (
    id           INTEGER PRIMARY KEY,
    round_id     INTEGER NOT NULL REFERENCES rounds(id) ON DELETE CASCADE,
    product_id   TEXT NOT NULL,
    product_name TEXT NOT NULL,
    set_number   INTEGER NOT NULL,
    producer     TEXT NOT NULL,
    commune      TEXT NOT NULL,
    total_sum    INTEGER NOT NULL,      -- the mean is total_sum / members, in hundredths
    members      INTEGER NOT NULL,
    stars        INTEGER NOT NULL,      -- as reported; 0 when disqualified
    status       TEXT NOT NULL,         -- certified | not_certified | disqualified | nominated
    certified    INTEGER NOT NULL,
    member_totals TEXT NOT NULL,        -- JSON: [[name, hundredths], …] in sheet order
    issued       TEXT,                  -- the certificate: NULL when none was issued
    expires      TEXT,                  -- its last valid day (Điều 4.3)
    CHECK ((issued IS NULL) = (expires IS NULL)),
    CHECK ((issued IS NULL) = (certified = 0))
) STRICT;

CREATE INDEX IF NOT EXISTS results_expires ON results(expires) WHERE expires IS NOT NULL;
-- One result per product per round; also a product's history and 'is this the latest'.
CREATE UNIQUE INDEX IF NOT EXISTS results_product ON results(product_id, round_id);
";

pub fn migrations() -> Migrations<'static> {
    Migrations::new(vec![M::up(V1)])
}

#[cfg(test)]
mod tests {
    #[test]
    fn migrations_are_valid() {
        assert!(super::migrations().validate().is_ok());
    }
}
