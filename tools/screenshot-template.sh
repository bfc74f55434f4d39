#!/usr/bin/env bash
# Makes docs/template.png: the fill-in workbook of the example round (examples/
# quang-ninh-2026.csv: its products and members) as LibreOffice Calc renders its first sheet.
# Needs soffice (Debian's libreoffice-calc-nogui) and pdftoppm (poppler-utils).
set -euo pipefail
cd "$(dirname "$0")/.."

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo build --release --locked --quiet
ocop=target/release/ocop

# The example's products (one row each) and members, in the order they first appear.
python3 - examples/quang-ninh-2026.csv "$work/products.csv" "$work/members.txt" <<'PY'
import csv, sys
src, products, members = sys.argv[1:4]
with open(src, encoding="utf-8-sig", newline="") as f:
    rows = list(csv.DictReader(f))
seen, names = {}, []
for r in rows:
    seen.setdefault(r["product_id"], r)
    if r["assessor"] not in names:
        names.append(r["assessor"])
with open(products, "w", encoding="utf-8", newline="") as f:
    w = csv.writer(f)
    w.writerow(["product_id", "product_name", "producer", "commune", "set"])
    for r in seen.values():
        w.writerow([r["product_id"], r["product_name"], r["producer"], r["commune"], r["set"]])
with open(members, "w", encoding="utf-8") as f:
    f.write(";".join(names))
PY

"$ocop" template --products "$work/products.csv" --members "$(cat "$work/members.txt")" \
    -o "$work/round.xlsx"

timeout 300 soffice "-env:UserInstallation=file://$work/profile" --headless --norestore \
    --convert-to pdf --outdir "$work" "$work/round.xlsx" >/dev/null
# The page is fitted to one A4 width: render it large and keep the top left, where the
# header, the id columns and the first criteria are, as a screen would show them.
pdftoppm -png -r 240 -f 1 -l 1 -x 60 -y 60 -W 1560 -H 270 -singlefile "$work/round.pdf" "$work/template"
mkdir -p docs
cp "$work/template.png" docs/template.png
ls -l docs/template.png
