#!/usr/bin/env bash
# Renders the README's pictures of the printed round: docs/round-summary.png (page 1) and
# docs/product-page.png (the first product's sheet, page 3), as headless Chromium prints
# examples/quang-ninh-2026.csv to A4. Needs chromium and poppler-utils (Debian packages).
# Usage: tools/screenshot-documents.sh   (from anywhere; rerun after changing the document)
set -euo pipefail
cd "$(dirname "$0")/.."

for tool in chromium pdftoppm; do
  command -v "$tool" >/dev/null || { echo "needs $tool: apt-get install chromium poppler-utils" >&2; exit 1; }
done

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

cargo run --release --quiet -- score examples/quang-ninh-2026.csv --council province --lang vi \
  --council-name "Hội đồng đánh giá, phân hạng sản phẩm OCOP tỉnh Quảng Ninh" \
  --round "Đợt 1 năm 2026" --date 2026-06-15 -o "$work/round.html"

timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
  --disable-background-networking --disable-component-update --disable-sync \
  --user-data-dir="$work/profile" --no-pdf-header-footer \
  --print-to-pdf="$work/round.pdf" "file://$work/round.html" >/dev/null 2>&1

mkdir -p docs
# Page 1: the round's summary; page 2: the list for the decision; page 3: the first product.
pdftoppm -png -r 70 -f 1 -l 1 -singlefile "$work/round.pdf" docs/round-summary
pdftoppm -png -r 70 -f 3 -l 3 -singlefile "$work/round.pdf" docs/product-page
ls -l docs/round-summary.png docs/product-page.png
