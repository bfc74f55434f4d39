#!/usr/bin/env bash
# The certificate register on the standard batch (200,000 products × 5 members, 1M rows):
#   1. `ocop register import` into a fresh register against `ocop score --format csv` (target:
#      import ≤ 3× score);
#   2. `ocop register due` on a register of the standard batch imported as three rounds a year
#      apart (the certificates of every round stay in the register), on a date where nothing
#      is due and on one where the whole latest round is in its window (target: < 50 ms).
# Called at the end of bench/compare.sh; runs alone too (it builds and generates what it needs):
#
#   bash bench/register.sh
#
# Environment (optional): RUNS=5 WARMUP=1, OCOP=path GEN=path (as compare.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
WARMUP=${WARMUP:-1}
DATA=bench/data
RESULTS=$DATA/results
export PATH="$HOME/.cargo/bin:$PATH"

log() { printf '\n==> %s\n' "$*" >&2; }
die() {
    printf 'register.sh: %s\n' "$*" >&2
    exit 1
}

command -v hyperfine >/dev/null 2>&1 || die "hyperfine is needed (bench/compare.sh installs it)"
if [ -z "${OCOP:-}" ] || [ -z "${GEN:-}" ]; then
    log "building ocop and the generator (release)"
    cargo build --release --locked --bin ocop --example gen
fi
OCOP=${OCOP:-target/release/ocop}
GEN=${GEN:-target/release/examples/gen}
mkdir -p "$DATA" "$RESULTS"

# The standard file, named as compare.sh names it.
GEN_HASH=$(sha256sum bench/gen_core.rs | cut -c1-8)
STANDARD=$DATA/qd26-2026-set6-p200000-a5-s1-wide-g$GEN_HASH.csv
if [ ! -s "$STANDARD" ]; then
    log "generating $STANDARD"
    "$GEN" --set 6 --products 200000 --assessors 5 --seed 1 -o "$STANDARD.tmp"
    mv "$STANDARD.tmp" "$STANDARD"
fi

WORK=$(mktemp -d "$DATA/register.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
DB=$WORK/import.db

log "hyperfine: import against score ($STANDARD)"
hyperfine -N --warmup "$WARMUP" --runs "$RUNS" \
    --prepare "rm -f $DB $DB-wal $DB-shm" \
    --export-json "$RESULTS/register-import.json" --export-markdown "$RESULTS/register-import.md" \
    -n "ocop score" "$OCOP score $STANDARD --format csv" \
    -n "ocop register import" \
    "$OCOP register import $STANDARD --db $DB --decision 1/QĐ-UBND --issued 2026-06-30"

log "a register of three rounds of the standard batch"
DUE_DB=$WORK/due.db
for year in 2026 2027 2028; do
    "$OCOP" register import "$STANDARD" --db "$DUE_DB" --decision "$year/QĐ-UBND" \
        --issued "$year-06-30" >&2
done
CERTS=$("$OCOP" register list --db "$DUE_DB" --round 2028/QĐ-UBND --status certified --format csv | tail -n +2 | wc -l)
log "$CERTS certificates in each round, $((3 * CERTS)) in the register"

# 2027-07-01: no certificate of any round is in its window yet. 2031-02-01: every latest
# certificate (expiring 2031-06-30) is in its window, and all of them are printed.
hyperfine -N --warmup "$WARMUP" --runs "$((RUNS * 4))" \
    --export-json "$RESULTS/register-due.json" --export-markdown "$RESULTS/register-due.md" \
    -n "due, nothing due" "$OCOP register due --db $DUE_DB --on 2027-07-01 --format csv" \
    -n "due, the whole round due" "$OCOP register due --db $DUE_DB --on 2031-02-01 --format csv" \
    -n "due, whole round found, none printed (--status expired)" "$OCOP register due --db $DUE_DB --on 2031-02-01 --status expired --format csv"

python3 - "$RESULTS" "$CERTS" <<'EOF'
import json, os, sys
results, certs = sys.argv[1], int(sys.argv[2])
def load(tag):
    return {r["command"]: r for r in json.load(open(os.path.join(results, tag + ".json")))["results"]}
def ms(r):
    return f"{r['mean']*1000:.1f} ± {r['stddev']*1000:.1f} ms"
imp = load("register-import")
s, i = imp["ocop score"], imp["ocop register import"]
print("\n| register | time |\n|---|---:|")
print(f"| `ocop score` standard file (CSV to /dev/null) | {ms(s)} |")
print(f"| `ocop register import` standard file, fresh register | {ms(i)} |")
due = load("register-due")
for k, r in due.items():
    print(f"| `register due` ({k}), {3*certs:,} certificates | {ms(r)} |")
ratio = i["mean"] / s["mean"]
print(f"\nTargets: import / score = {ratio:.2f}× (target ≤ 3×: {'met' if ratio <= 3 else 'NOT met'}); "
      f"due with nothing due {due['due, nothing due']['mean']*1000:.1f} ms "
      f"(target < 50 ms: {'met' if due['due, nothing due']['mean'] < 0.05 else 'NOT met'})")
EOF
