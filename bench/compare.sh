#!/usr/bin/env bash
# Times `ocop score` against two yardsticks on synthetic batches, and measures peak memory:
#   - `xsv count FILE`: the floor (parse every record, nothing else);
#   - `xan select 1.1 FILE`: the new floor, a SIMD parse (simd-csv) of every record, one field out;
#   - DuckDB (bench/duckdb_score.py): per-member totals, mean per product, band, ranked CSV.
# Installs what it needs (hyperfine, GNU time, xsv, the duckdb Python module) if missing, builds
# ocop and the generator in release, generates into bench/data/ (skipped when the file is
# there), runs one hyperfine per file, and prints a markdown summary. See BENCHMARKS.md.
#
#   bash bench/compare.sh
#
# Environment (all optional):
#   RUNS=5 WARMUP=1       hyperfine runs per command on the big files (the small example
#                         gets SMALL_RUNS=30 SMALL_WARMUP=3)
#   OCOP=path GEN=path    use these binaries instead of building target/release/{ocop,…/gen}
#   OCOP_ARGS="…"         extra arguments for `ocop score` (e.g. options added later)
#   DUCKDB_VERSION=2.0.1  the duckdb module installed when none is importable
#   DUCKDB_THREADS=N      limit DuckDB's threads (default: all cores, as ocop)
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS=${RUNS:-5}
WARMUP=${WARMUP:-1}
SMALL_RUNS=${SMALL_RUNS:-30}
SMALL_WARMUP=${SMALL_WARMUP:-3}
DUCKDB_VERSION=${DUCKDB_VERSION:-2.0.1}
DATA=bench/data
RESULTS=$DATA/results
OUTDIR=$DATA/out
export PATH="$HOME/.cargo/bin:$PATH"

log() { printf '\n==> %s\n' "$*" >&2; }
die() {
    printf 'compare.sh: %s\n' "$*" >&2
    exit 1
}

# ---------------------------------------------------------------------------------------------
# Tools
# ---------------------------------------------------------------------------------------------

APT_UPDATED=
apt_install() {
    command -v apt-get >/dev/null 2>&1 || return 1
    local sudo=()
    if [ "$(id -u)" -ne 0 ]; then
        command -v sudo >/dev/null 2>&1 || return 1
        sudo=(sudo)
    fi
    if [ -z "$APT_UPDATED" ]; then
        "${sudo[@]}" apt-get update -qq || return 1
        APT_UPDATED=1
    fi
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq "$@" >/dev/null
}

ensure_tools() {
    command -v cargo >/dev/null 2>&1 || die "cargo is needed (install Rust with rustup)"
    if ! command -v hyperfine >/dev/null 2>&1; then
        log "installing hyperfine"
        apt_install hyperfine || cargo install hyperfine --locked
    fi
    if ! /usr/bin/time -v true >/dev/null 2>&1; then
        log "installing GNU time"
        apt_install time || die "GNU time (/usr/bin/time, Debian package 'time') is needed"
    fi
    if ! command -v xsv >/dev/null 2>&1; then
        log "installing xsv"
        cargo install xsv --locked
    fi
    if ! command -v xan >/dev/null 2>&1; then
        log "installing xan"
        cargo install xan --locked
    fi
    if ! command -v python3 >/dev/null 2>&1; then
        log "installing Python 3"
        apt_install python3 python3-pip python3-venv || die "python3 is needed"
    fi
    PY=python3
    if ! "$PY" -c 'import duckdb' >/dev/null 2>&1; then
        if [ -x "$DATA/venv/bin/python" ] && "$DATA/venv/bin/python" -c 'import duckdb' 2>/dev/null; then
            PY=$DATA/venv/bin/python
        else
            log "installing the duckdb Python module ($DUCKDB_VERSION)"
            # A system Python may refuse pip (PEP 668): fall back to a venv under bench/data.
            if ! "$PY" -m pip install --quiet "duckdb==$DUCKDB_VERSION"; then
                mkdir -p "$DATA"
                "$PY" -m venv "$DATA/venv" || {
                    apt_install python3-venv && "$PY" -m venv "$DATA/venv"
                } || die "cannot make a Python venv for duckdb"
                PY=$DATA/venv/bin/python
                "$PY" -m pip install --quiet "duckdb==$DUCKDB_VERSION"
            fi
        fi
    fi
}

# ---------------------------------------------------------------------------------------------
# Build and data
# ---------------------------------------------------------------------------------------------

OCOP_GIVEN=${OCOP:-}
build() {
    if [ -z "${OCOP:-}" ] || [ -z "${GEN:-}" ]; then
        log "building ocop and the generator (release)"
        cargo build --release --locked --bin ocop --example gen
    fi
    OCOP=${OCOP:-target/release/ocop}
    GEN=${GEN:-target/release/examples/gen}
    [ -x "$OCOP" ] || die "no ocop binary at $OCOP"
    [ -x "$GEN" ] || die "no generator at $GEN"
}

# gen_file NAME ARGS…: generates bench/data/NAME-<generator hash>.csv unless it is there.
# The name carries the parameters; the hash of bench/gen_core.rs makes a changed generator
# produce a new file instead of silently reusing an old one.
gen_file() {
    local name=$1
    shift
    local path=$DATA/$name-g$GEN_HASH.csv
    if [ -s "$path" ]; then
        log "have $path"
    else
        log "generating $path"
        "$GEN" "$@" -o "$path.tmp"
        mv "$path.tmp" "$path"
    fi
    printf '%s' "$path"
}

# ---------------------------------------------------------------------------------------------
# Measurements
# ---------------------------------------------------------------------------------------------

# The commands compared on FILE, as `label|command` lines. ocop's CSV goes to standard output,
# which hyperfine sends to /dev/null: never `-o /dev/null` (ocop writes a temporary file beside
# the target and renames it over the target, which would replace the device).
commands() {
    local file=$1 tag=$2
    printf '%s|%s\n' \
        "ocop" "$OCOP score $file --format csv${OCOP_ARGS:+ $OCOP_ARGS}" \
        "xsv count" "xsv count $file" \
        "xan select" "xan select 1.1 $file" \
        "duckdb" "$PY bench/duckdb_score.py $file $OUTDIR/duckdb-$tag.csv"
}

# hyperfine_file TAG FILE RUNS WARMUP: one hyperfine run of the three commands.
hyperfine_file() {
    local tag=$1 file=$2 runs=$3 warmup=$4
    local args=()
    while IFS='|' read -r label cmd; do
        args+=(-n "$label" "$cmd")
    done < <(commands "$file" "$tag")
    log "hyperfine: $tag ($file)"
    commands "$file" "$tag" >"$RESULTS/$tag.commands"
    hyperfine -N --warmup "$warmup" --runs "$runs" \
        --export-json "$RESULTS/$tag.json" --export-markdown "$RESULTS/$tag.md" "${args[@]}"
}

# max_rss CMD…: peak resident set size of a command, in KiB (GNU time -v), output discarded.
max_rss() {
    local log_file
    log_file=$(mktemp)
    if ! /usr/bin/time -v -o "$log_file" "$@" >/dev/null 2>&1; then
        rm -f "$log_file"
        die "failed: $*"
    fi
    awk -F': ' '/Maximum resident set size/ {print $2}' "$log_file"
    rm -f "$log_file"
}

# rss_file TAG FILE: peak RSS of each command on FILE, into $RESULTS/TAG.rss (label<TAB>KiB).
rss_file() {
    local tag=$1 file=$2
    : >"$RESULTS/$tag.rss"
    while IFS='|' read -r label cmd; do
        # shellcheck disable=SC2086 # the command is split on spaces, as hyperfine -N does
        printf '%s\t%s\n' "$label" "$(max_rss $cmd)" >>"$RESULTS/$tag.rss"
    done < <(commands "$file" "$tag")
}

summary() {
    "$PY" - "$RESULTS" "$@" <<'EOF'
import json, os, sys

results, tags = sys.argv[1], sys.argv[2:]
ratios = {}

def rss(tag):
    out = {}
    path = os.path.join(results, tag + ".rss")
    if os.path.exists(path):
        for line in open(path):
            label, kib = line.rstrip("\n").split("\t")
            out[label] = int(kib) / 1024
    return out

def size(b):
    return f"{b/1e6:.1f} MB" if b >= 1e6 else f"{b/1e3:.1f} kB"

def fmt(r):
    return f"{r['mean']*1000:.1f} ± {r['stddev']*1000:.1f} ms" if r["mean"] < 1 else \
           f"{r['mean']:.3f} ± {r['stddev']:.3f} s"

print()
print("| file | rows | size | ocop | xsv count | xan select | duckdb | ocop / xsv | ocop / xan "
      "| ocop / duckdb | peak RSS ocop / xsv / duckdb (MB) |")
print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|")
for tag in tags:
    path = os.path.join(results, tag + ".json")
    if not os.path.exists(path):
        continue
    meta = json.load(open(os.path.join(results, tag + ".meta")))
    r = {x["command"]: x for x in json.load(open(path))["results"]}
    o, x, d = r["ocop"], r["xsv count"], r["duckdb"]
    a = r["xan select"]
    m = rss(tag)
    ratios[tag] = (o["mean"] / x["mean"], o["mean"] / d["mean"], o["mean"] / a["mean"])
    print(f"| {tag} | {meta['rows']:,} | {size(meta['bytes'])} | {fmt(o)} | {fmt(x)} | {fmt(a)} "
          f"| {fmt(d)} | {o['mean']/x['mean']:.2f}× | {o['mean']/a['mean']:.2f}× "
          f"| {o['mean']/d['mean']:.2f}× "
          f"| {m.get('ocop', 0):.1f} / {m.get('xsv count', 0):.1f} / {m.get('duckdb', 0):.1f} |")
for tag in tags:
    m = rss(tag)
    if m and not os.path.exists(os.path.join(results, tag + ".json")):
        meta = json.load(open(os.path.join(results, tag + ".meta")))
        print(f"\nMemory scaling ({tag}: {meta['rows']:,} rows, {size(meta['bytes'])}): "
              "peak RSS " + ", ".join(f"{k} {v:.1f} MB" for k, v in m.items()))

def check(ok):
    return "met" if ok else "NOT met"

print("\nTargets:")
if "standard" in ratios:
    xr, dr, ar = ratios["standard"]
    print(f"- standard file: ocop / xsv count = {xr:.2f}× (target ≤ 1.0×: {check(xr <= 1.0)}); "
          f"ocop / xan select = {ar:.2f}× (target ≤ 2.5×: {check(ar <= 2.5)}); "
          f"ocop / duckdb = {dr:.2f}× (target ≤ 0.3×: {check(dr <= 0.3)})")
std_rss = rss("standard").get("ocop", 0)
print(f"- ocop peak RSS on the standard file: {std_rss:.1f} MB (target ≤ 60 MB: {check(std_rss <= 60)})")
others = ", ".join(f"{t} {rss(t).get('ocop', 0):.1f} MB" for t in tags if t != "standard" and rss(t))
print(f"  (for information: {others})")
if "example" in ratios:
    xr = ratios["example"][0]
    print(f"- small example: ocop / xsv count = {xr:.2f}× (target ≤ 2×: {check(xr <= 2.0)})")
EOF
}

meta() {
    local tag=$1 file=$2
    printf '{"file": "%s", "rows": %s, "bytes": %s}\n' "$file" \
        "$(($(wc -l <"$file") - 1))" "$(wc -c <"$file")" >"$RESULTS/$tag.meta"
}

# ---------------------------------------------------------------------------------------------

ensure_tools
build
mkdir -p "$DATA" "$RESULTS" "$OUTDIR"
GEN_HASH=$(sha256sum bench/gen_core.rs | cut -c1-8)

STANDARD=$(gen_file qd26-2026-set6-p200000-a5-s1-wide \
    --set 6 --products 200000 --assessors 5 --seed 1)
SHUFFLED=$(gen_file qd26-2026-set6-p200000-a5-s1-wide-shuffled \
    --set 6 --products 200000 --assessors 5 --seed 1 --shuffle)
WIDE_COUNCIL=$(gen_file qd26-2026-set6-p1000-a1000-s1-wide \
    --set 6 --products 1000 --assessors 1000 --seed 1)
EXAMPLE=examples/quang-ninh-2026.csv

log "versions"
{
    if [ -n "$OCOP_GIVEN" ]; then
        echo "ocop: $OCOP ($("$OCOP" --version | head -1))"
    else
        echo "ocop: $("$OCOP" --version | head -1), commit $(git rev-parse --short HEAD 2>/dev/null || echo '?')$(git diff --quiet HEAD -- src 2>/dev/null || echo ' with src/ modified')"
    fi
    hyperfine --version
    echo "xsv $(xsv --version)"
    echo "$(xan --version)"
    echo "duckdb $("$PY" -c 'import duckdb; print(duckdb.__version__)')"
    echo "$(nproc) cores: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //')"
} | tee "$RESULTS/versions.txt"

# Every file must score cleanly first: a benchmark of error reporting would be another one.
for f in "$STANDARD" "$SHUFFLED" "$WIDE_COUNCIL"; do
    "$OCOP" check "$f" >/dev/null || die "$f does not check cleanly"
done

TAGS=()
meta standard "$STANDARD"
hyperfine_file standard "$STANDARD" "$RUNS" "$WARMUP"
rss_file standard "$STANDARD"
TAGS+=(standard)

meta shuffled "$SHUFFLED"
hyperfine_file shuffled "$SHUFFLED" "$RUNS" "$WARMUP"
rss_file shuffled "$SHUFFLED"
TAGS+=(shuffled)

if [ -f "$EXAMPLE" ]; then
    meta example "$EXAMPLE"
    hyperfine_file example "$EXAMPLE" "$SMALL_RUNS" "$SMALL_WARMUP"
    rss_file example "$EXAMPLE"
    TAGS+=(example)
else
    log "no $EXAMPLE yet: skipping the small example"
fi

log "memory scaling: 1,000 products × 1,000 members"
meta council-1000 "$WIDE_COUNCIL"
rss_file council-1000 "$WIDE_COUNCIL"
TAGS+=(council-1000)

log "summary (targets: ocop ≤ 1.0× xsv count and ≤ 0.3× duckdb on the standard file; peak RSS ≤ 60 MB; example ≤ 2× xsv count)"
summary "${TAGS[@]}" | tee "$RESULTS/summary.md"

# The certificate register: import against score, and `register due` (bench/register.sh).
log "register"
OCOP=$OCOP GEN=$GEN RUNS=$RUNS WARMUP=$WARMUP bash bench/register.sh | tee "$RESULTS/register.md"

# Reading a 100,000-row workbook against pandas.read_excel (bench/workbook.sh, issue 10).
log "workbook"
OCOP=$OCOP GEN=$GEN bash bench/workbook.sh | tee "$RESULTS/workbook-summary.md"
