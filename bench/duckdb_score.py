#!/usr/bin/env python3
"""The simpler part of `ocop score`, in DuckDB: the yardstick of bench/compare.sh.

    python3 bench/duckdb_score.py BATCH.csv OUT.csv

Reads a wide batch, sums each member's criterion columns (the columns whose name starts with a
digit: `1.1`, `6.1.2`, `11`), takes the mean per product, bands it (<30 → 1, <50 → 2, <70 → 3,
<90 → 4, else 5 stars) and writes the ranked products as CSV. No option checks, no markers, no
knock-outs: far less than `ocop score` does, which is the point of the comparison.

OUT must be a regular file path: DuckDB may write beside it and rename over it, which would
replace a device such as /dev/null. DUCKDB_THREADS limits DuckDB's threads (default: all cores).
"""

import csv
import os
import sys

import duckdb


def ident(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def literal(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    src, out = sys.argv[1], sys.argv[2]
    if os.path.exists(out) and not os.path.isfile(out):
        sys.exit(f"duckdb_score: {out} is not a regular file")
    with open(src, newline="", encoding="utf-8-sig") as f:
        header = next(csv.reader(f))
    criteria = [h for h in header if h[:1].isdigit()]
    if not criteria:
        sys.exit(f"duckdb_score: {src}: no criterion columns")
    # Cells of criteria outside a row's set are empty (NULL); a column empty in DuckDB's
    # sample is read as VARCHAR, hence the cast.
    total = " + ".join(f"coalesce(CAST({ident(c)} AS DOUBLE), 0)" for c in criteria)
    sql = f"""
    COPY (
        WITH sheets AS (
            SELECT product_id, product_name, "set", {total} AS total
            FROM read_csv({literal(src)}, all_varchar = false, header = true)
        ),
        products AS (
            SELECT product_id, any_value(product_name) AS product_name,
                   any_value("set") AS "set", count(*) AS assessors, avg(total) AS mean
            FROM sheets
            GROUP BY product_id
        ),
        banded AS (
            SELECT *, CASE WHEN mean < 30 THEN 1 WHEN mean < 50 THEN 2 WHEN mean < 70 THEN 3
                           WHEN mean < 90 THEN 4 ELSE 5 END AS stars
            FROM products
        )
        SELECT rank() OVER (ORDER BY stars DESC, mean DESC) AS rank, product_id, product_name,
               "set", assessors, round(mean, 2) AS total, stars
        FROM banded
        ORDER BY stars DESC, mean DESC, product_id
    ) TO {literal(out)} (FORMAT CSV, HEADER)
    """
    con = duckdb.connect()
    threads = os.environ.get("DUCKDB_THREADS")
    if threads:
        con.execute(f"SET threads = {int(threads)}")
    con.execute(sql)


if __name__ == "__main__":
    main()
