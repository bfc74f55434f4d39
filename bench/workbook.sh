#!/usr/bin/env bash
# Reading a workbook (issue 10): a 100,000-row .xlsx (20,000 products × 5 members of set 6,
# made by the generator and saved as .xlsx by LibreOffice) read by `ocop check` and by
# `ocop score --format csv`, against pandas.read_excel (openpyxl engine) reading the same file
# (target: ocop ≤ 0.25× pandas), and ocop's peak memory on it. See BENCHMARKS.md, "Workbooks".
# Called at the end of bench/compare.sh; runs alone too:
#
#   bash bench/workbook.sh
#
# Needs soffice (Debian's libreoffice-calc-nogui), python3 with pandas and openpyxl, hyperfine
# and GNU time. Environment (optional): RUNS=3 WARMUP=0, OCOP=path GEN=path (as compare.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
WARMUP=${WARMUP:-0}
DATA=bench/data
RESULTS=$DATA/results
export PATH="$HOME/.cargo/bin:$PATH"

log() { printf '\n==> %s\n' "$*" >&2; }
die() {
    printf 'workbook.sh: %s\n' "$*" >&2
    exit 1
}

command -v hyperfine >/dev/null 2>&1 || die "hyperfine is needed (bench/compare.sh installs it)"
command -v soffice >/dev/null 2>&1 || die "soffice is needed (apt-get install libreoffice-calc-nogui)"
python3 -c 'import pandas, openpyxl' 2>/dev/null ||
    die "python3 with pandas and openpyxl is needed (pip install pandas openpyxl)"
if [ -z "${OCOP:-}" ] || [ -z "${GEN:-}" ]; then
    log "building ocop and the generator (release)"
    cargo build --release --locked --bin ocop --example gen
fi
OCOP=${OCOP:-target/release/ocop}
GEN=${GEN:-target/release/examples/gen}
mkdir -p "$DATA" "$RESULTS"

GEN_HASH=$(sha256sum bench/gen_core.rs | cut -c1-8)
NAME=qd26-2026-set6-p20000-a5-s1-wide-g$GEN_HASH
BOOK=$DATA/$NAME.xlsx
if [ ! -s "$BOOK" ]; then
    log "generating $BOOK"
    "$GEN" --set 6 --products 20000 --assessors 5 --seed 1 -o "$DATA/$NAME.csv"
    profile=$(mktemp -d)
    # Comma, double quote, UTF-8 (76), from row 1: numbers become number cells, as in Excel.
    soffice "-env:UserInstallation=file://$profile" --headless --norestore \
        --infilter=CSV:44,34,76,1 --convert-to xlsx --outdir "$DATA" "$DATA/$NAME.csv" >&2
    rm -rf "$profile"
fi
"$OCOP" check "$BOOK" >/dev/null || die "$BOOK does not check cleanly"

log "hyperfine: workbook ($BOOK)"
hyperfine -N --warmup "$WARMUP" --runs "$RUNS" \
    --export-json "$RESULTS/workbook.json" --export-markdown "$RESULTS/workbook.md" \
    -n "ocop check" "$OCOP check $BOOK" \
    -n "ocop score" "$OCOP score $BOOK --format csv" \
    -n "pandas" "python3 -c 'import sys, pandas; pandas.read_excel(sys.argv[1], engine=\"openpyxl\")' $BOOK"

rss=$(mktemp)
/usr/bin/time -v -o "$rss" "$OCOP" score "$BOOK" --format csv >/dev/null
RSS_MB=$(awk -F': ' '/Maximum resident set size/ {printf "%.1f", $2/1024}' "$rss")
rm -f "$rss"

python3 - "$RESULTS/workbook.json" "$RSS_MB" "$BOOK" <<'PY'
import json, os, sys
path, rss, book = sys.argv[1], sys.argv[2], sys.argv[3]
r = {x["command"]: x["mean"] for x in json.load(open(path))["results"]}
p = r["pandas"]
print(f"\nWorkbook {os.path.basename(book)} ({os.path.getsize(book)/1e6:.1f} MB, 100,000 rows):")
for k in ("ocop check", "ocop score", "pandas"):
    print(f"- {k}: {r[k]:.3f} s ({r[k]/p:.3f}× pandas)")
ok = "met" if r["ocop score"] <= 0.25 * p else "NOT met"
print(f"- target ocop score ≤ 0.25× pandas.read_excel: {ok}")
print(f"- ocop score peak RSS: {rss} MB")
PY
