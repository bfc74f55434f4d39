#!/usr/bin/env python3
"""Generate the example scoring round of Quảng Ninh province (examples/quang-ninh-2026*.csv).

    python3 tools/make_example.py [OCOP_BINARY]      (default: target/release/ocop)

Run from the repository root. It writes the same council sheets in two layouts:

  examples/quang-ninh-2026.csv       wide: one row per product per council member, one column
                                     per criterion code of every set used (a column that is not
                                     a criterion of the row's set is left empty);
  examples/quang-ninh-2026-long.csv  long: one row per product x member x scored criterion.

The criteria (options, points, minimum-level markers) are read from the tool itself with
`ocop criteria show N --format json`, so no option points are written down here. Points are
chosen around a per-product quality target with a fixed random seed (the output is the same on
every run), then nudged until each product shows the outcome it is meant to show: every star
level, a product held back by a marker, one disqualified dossier, a spread warning and a mean
total exactly on a band boundary. The script then scores both files with the tool, checks that
they give the same results and that every outcome is there, prints a summary, and exits 1 if
anything is missing. Standard library only; no network.
"""
import csv
import io
import json
import os
import random
import subprocess
import sys

SEED = 20260522  # the date of Quyết định 26/2026/QĐ-TTg
WIDE = "examples/quang-ninh-2026.csv"
LONG = "examples/quang-ninh-2026-long.csv"
BANDS = [0, 3000, 5000, 7000, 9000]  # lowest mean totals of 1★ … 5★, in hundredths
MAX_SPREAD = 1000  # the tool's default --max-spread (10 points), in hundredths

# The provincial OCOP council (Hội đồng đánh giá, phân hạng sản phẩm OCOP cấp tỉnh).
MEMBERS = ["Nguyễn Văn Hùng", "Trần Thị Mai", "Phạm Quốc Bảo", "Lê Thị Thu Hà", "Vũ Đức Thắng"]

DISQUALIFIED = (
    "Hồ sơ bị loại: giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm đã hết hạn"
)

# One entry per product. `totals` are the members' intended totals (in MEMBERS order; the
# criteria here give whole points); `band`/`stars` the intended band of their mean and the
# final stars; `miss` the criteria whose marker the council finds unmet, with the star level
# whose marker they miss; `disqualified` the reason a dossier is rejected.
PRODUCTS = [
    dict(id="QN-2026-001", name="Trà hoa vàng Ba Chẽ", set=11,
         producer="HTX Trà hoa vàng Ba Chẽ", commune="xã Ba Chẽ",
         totals=[93, 91, 94, 92, 92], band=5, stars=5,
         role="5★: every 4★ and 5★ marker met, mean total ≥ 90"),
    dict(id="QN-2026-002", name="Nước mắm Cái Rồng", set=9,
         producer="HTX Chế biến hải sản Cái Rồng", commune="đặc khu Vân Đồn",
         totals=[78, 77, 76, 79, 78], band=4, stars=3, miss={"9": 4},
         role="held back 4★ → 3★: criterion 9 (no ISO/HACCP) misses its 4★ marker"),
    dict(id="QN-2026-003", name="Miến dong Bình Liêu", set=6,
         producer="HTX Miến dong Bình Liêu", commune="xã Bình Liêu",
         totals=[81, 83, 80, 79, 83], band=4, stars=4,
         role="4★"),
    dict(id="QN-2026-004", name="Chả mực Hạ Long", set=8,
         producer="Công ty TNHH Thực phẩm Hạ Long Xanh", commune="phường Hồng Gai",
         totals=[91, 92, 90, 93, 91], band=5, stars=4, miss={"4.1": 5},
         role="held back 5★ → 4★: criterion 4.1 (no export market) misses its 5★ marker"),
    dict(id="QN-2026-005", name="Rượu ba kích tím Ba Chẽ", set=14,
         producer="HTX Dược liệu Ba kích Ba Chẽ", commune="xã Lương Minh",
         totals=[71, 69, 70, 72, 68], band=4, stars=4,
         role="4★ exactly on the boundary: mean total 70.00"),
    dict(id="QN-2026-006", name="Gốm men Đông Triều", set=21,
         producer="HTX Gốm sứ Đông Triều", commune="phường Đông Triều",
         totals=[66, 63, 62, 55, 67], band=3, stars=3,
         role="3★ with a spread warning: members' totals differ by 12 points (67 vs 55)"),
    dict(id="QN-2026-007", name="Du lịch cộng đồng bản Lục Nà", set=26,
         producer="HTX Du lịch cộng đồng Lục Nà", commune="xã Lục Hồn",
         totals=[65, 63, 64, 62, 67], band=3, stars=3,
         role="3★"),
    dict(id="QN-2026-008", name="Homestay làng chài Cô Tô", set=26,
         producer="Hộ kinh doanh Homestay Biển Xanh", commune="đặc khu Cô Tô",
         totals=[44, 45, 43, 46, 44], band=2, stars=2,
         role="2★"),
    dict(id="QN-2026-009", name="Cà phê rang xay Hạ Long", set=13,
         producer="Hộ kinh doanh Cà phê Vịnh Xanh", commune="phường Bãi Cháy",
         totals=[41, 43, 42, 43, 40], band=2, stars=2,
         role="2★"),
    dict(id="QN-2026-010", name="Vải chín sớm Phương Nam", set=1,
         producer="HTX Nông nghiệp Phương Nam", commune="phường Uông Bí",
         totals=[60, 58, 57, 56, 61], band=3, stars=3,
         role="3★"),
    dict(id="QN-2026-011", name="Sá sùng khô Quan Lạn", set=8,
         producer="HTX Thủy sản Quan Lạn", commune="đặc khu Vân Đồn",
         totals=[73, 72, 75, 74, 72], band=4, stars=4, disqualified=DISQUALIFIED,
         role="disqualified: food-safety certificate expired (scores 4★ otherwise)"),
    dict(id="QN-2026-012", name="Nếp cái hoa vàng Đông Triều", set=3,
         producer="HTX Nông nghiệp Yên Đức", commune="phường Mạo Khê",
         totals=[68, 65, 67, 69, 66], band=3, stars=3,
         role="3★"),
    dict(id="QN-2026-013", name="Rau bò khai Tiên Yên", set=1,
         producer="Tổ hợp tác Rau rừng Tiên Yên", commune="xã Tiên Yên",
         totals=[27, 26, 25, 28, 27], band=1, stars=1,
         role="1★"),
]


def fail(msg):
    print(f"make_example: {msg}", file=sys.stderr)
    sys.exit(1)


def run(binary, *args):
    p = subprocess.run([binary, *args], capture_output=True)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8")


def hundredths(x):
    return int(round(float(x) * 100))


def fmt(h):
    """Hundredths as the shortest decimal: 3, 2.5, 12.25."""
    if h % 100 == 0:
        return str(h // 100)
    return f"{h // 100}.{h % 100:02d}".rstrip("0")


# ---------------------------------------------------------------------------------------
# Criteria


class Leaf:
    """A scored criterion: its code, allowed points, and the minimum mean per star level."""

    def __init__(self, c):
        self.code = c["code"]
        self.max = hundredths(c["max"])
        if c["scoring"] == "yes_no":
            options = [0, self.max]
            lowest = self.max
        else:
            options = sorted({hundredths(o["points"]) for o in c["options"]})
            lowest = min(options)
        # What a member ticks: the options (yes/no: 0 or the maximum); 0 is always allowed.
        self.options = options
        # A 1-point yes/no fact (bilingual label, legal representative a woman or of an ethnic
        # minority, …): the whole council sees the same dossier, so every member agrees.
        self.factual = self.max <= 100
        self.allowed = sorted(set(options) | {0})
        self.required = {}
        for level in (3, 4, 5):
            marked = [hundredths(o["points"]) for o in c["options"]
                      if o.get("min_star") is not None and o["min_star"] <= level]
            need = max(marked) if marked else None
            if c.get("min_star") is not None and c["min_star"] <= level:
                need = lowest if need is None else max(need, lowest)
            self.required[level] = need

    def need(self, level):
        return self.required.get(level)


def load_set(binary, number):
    code, out, err = run(binary, "criteria", "show", str(number), "--format", "json")
    if code != 0:
        fail(f"`{binary} criteria show {number} --format json` failed: {err.strip()}")
    data = json.loads(out)
    leaves = []

    def walk(c):
        if c["scoring"] == "sum_of_children":
            for s in c["sub"]:
                walk(s)
        else:
            leaves.append(Leaf(c))

    for part in data["parts"]:
        for sec in part["sections"]:
            for c in sec["criteria"]:
                walk(c)
    return leaves


def code_key(code):
    return [(0, int(p), "") if p.isdigit() else (1, 0, p) for p in code.split(".")]


# ---------------------------------------------------------------------------------------
# Scores


def level_of(mean_sum, n):
    """Band of a mean total given as the sum of the members' totals (hundredths) over n."""
    stars = 1
    for s, floor in enumerate(BANDS, start=1):
        if mean_sum >= floor * n:
            stars = s
    return stars


def outcome(leaves, sheets):
    """The rules as the brief states them: band, stars, held-back codes, spread."""
    n = len(sheets)
    totals = [sum(s) for s in sheets]
    band = level_of(sum(totals), n)

    def misses(level):
        out = []
        for i, leaf in enumerate(leaves):
            need = leaf.need(level) if level >= 3 else None
            if need is not None and sum(s[i] for s in sheets) < need * n:
                out.append(leaf.code)
        return out

    stars = band
    while stars > 1 and misses(stars):
        stars -= 1
    held = misses(band) if stars < band else []
    return dict(totals=totals, mean=sum(totals) / n / 100, band=band, stars=stars, held=held,
                spread=max(totals) - min(totals))


def generate(spec, leaves, rng):
    """Points per member per leaf (hundredths), meeting the spec's outcome."""
    n = len(MEMBERS)
    band, miss = spec["band"], spec.get("miss", {})
    # Floors and caps per leaf: every marker of the band is met, except the missed ones,
    # which stay just under their marker (yet meet the markers of the final stars).
    floor, cap = [], []
    for leaf in leaves:
        lo = leaf.need(band) if band >= 3 else None
        hi = leaf.max
        if leaf.code in miss:
            level = miss[leaf.code]
            lo = leaf.need(spec["stars"]) if spec["stars"] >= 3 else None
            hi = max(p for p in leaf.allowed if p < leaf.need(level))
        floor.append(lo or 0)
        cap.append(hi)
    # The council's common view of each criterion, from the product's quality ...
    q = sum(spec["totals"]) / len(spec["totals"]) / 100
    common = []
    for i, leaf in enumerate(leaves):
        opts = [p for p in leaf.options if floor[i] <= p <= cap[i]] or [floor[i]]
        pos = round(min(1.0, max(0.0, q + rng.uniform(-0.2, 0.2))) * (len(opts) - 1))
        common.append(pos)
    # ... and each member's sheet around it, a step up or down now and then.
    sheets = []
    for m in range(n):
        sheet = []
        for i, leaf in enumerate(leaves):
            opts = [p for p in leaf.options if floor[i] <= p <= cap[i]] or [floor[i]]
            pos = common[i]
            r = rng.random()
            if leaf.factual:
                pass
            elif r < 0.12:
                pos -= 1
            elif r < 0.24:
                pos += 1
            sheet.append(opts[max(0, min(len(opts) - 1, pos))])
        sheets.append(sheet)
    # Nudge each member to their intended total.
    targets = [hundredths(t) for t in spec["totals"]]
    for m in range(n):
        sheet = sheets[m]
        tick = True
        for _ in range(2000):
            diff = targets[m] - sum(sheet)
            if diff == 0:
                break
            moves = []
            # A member ticks an option; "none ticked" (0 points, where 0 is no option) only
            # when no option is left to move to.
            for i, leaf in enumerate(leaves):
                if leaf.factual:
                    continue
                steps = [p for p in (leaf.options if tick else leaf.allowed) if floor[i] <= p <= cap[i]]
                j = steps.index(sheet[i]) if sheet[i] in steps else None
                if j is None:
                    continue
                k = j + (1 if diff > 0 else -1)
                if 0 <= k < len(steps):
                    step = steps[k] - sheet[i]
                    # How far this member is from the others on the criterion.
                    others = sorted(s[i] for mm, s in enumerate(sheets) if mm != m)
                    median = others[len(others) // 2]
                    agree = (sheet[i] - median) * (1 if diff > 0 else -1)
                    # Then the criterion this member rated best (to lower) or worst (to
                    # raise) for its maximum, so a sheet keeps an even profile.
                    share = sheet[i] / leaf.max * (1 if diff > 0 else -1) + rng.uniform(0, 0.35)
                    moves.append((abs(step) > abs(diff), agree, share, i, steps[k]))
            if not moves and tick:
                tick = False
                continue
            if not moves:
                fail(f"{spec['id']}: cannot reach a total of {fmt(targets[m])}")
            moves.sort()
            _, _, _, i, p = moves[0]
            sheet[i] = p
        if sum(sheet) != targets[m]:
            fail(f"{spec['id']}: member {m + 1} ends at {fmt(sum(sheet))}, not {fmt(targets[m])}")
    return sheets


# ---------------------------------------------------------------------------------------
# Files


def write_csv(path, header, rows):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")
    w.writerow(header)
    w.writerows(rows)
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write(buf.getvalue())


def main():
    binary = sys.argv[1] if len(sys.argv) > 1 else "target/release/ocop"
    if not os.path.exists(binary):
        fail(f"{binary} not found: build it with `cargo build --release`, or give its path")
    sets = {}
    for spec in PRODUCTS:
        if spec["set"] not in sets:
            sets[spec["set"]] = load_set(binary, spec["set"])

    rng = random.Random(SEED)
    scored = []
    for spec in PRODUCTS:
        leaves = sets[spec["set"]]
        sheets = generate(spec, leaves, rng)
        got = outcome(leaves, sheets)
        want = (spec["band"], spec["stars"])
        if (got["band"], got["stars"]) != want:
            fail(f"{spec['id']}: generated band/stars {got['band']}/{got['stars']}, meant {want}")
        if sorted(got["held"]) != sorted(spec.get("miss", {})):
            fail(f"{spec['id']}: held back by {got['held']}, meant {sorted(spec.get('miss', {}))}")
        scored.append((spec, leaves, sheets, got))

    codes = sorted({leaf.code for leaves in sets.values() for leaf in leaves}, key=code_key)
    carried = ["product_name", "producer", "commune"]
    wide_rows, long_rows = [], []
    for spec, leaves, sheets, _ in scored:
        dq = spec.get("disqualified", "")
        base = [spec["id"], spec["name"], spec["producer"], spec["commune"], str(spec["set"])]
        for member, sheet in zip(MEMBERS, sheets):
            by_code = {leaf.code: fmt(p) for leaf, p in zip(leaves, sheet)}
            wide_rows.append(base + [member] + [by_code.get(c, "") for c in codes] + [dq])
            for leaf, p in zip(leaves, sheet):
                long_rows.append(base + [member, leaf.code, fmt(p), dq])
    head = ["product_id", *carried, "set", "assessor"]
    write_csv(WIDE, head + codes + ["disqualified"], wide_rows)
    write_csv(LONG, head + ["criterion", "points", "disqualified"], long_rows)
    print(f"wrote {WIDE} ({len(wide_rows)} rows) and {LONG} ({len(long_rows)} rows)")

    verify(binary, scored)


# ---------------------------------------------------------------------------------------
# Verification with the tool


def verify(binary, scored):
    problems = []
    for path in (WIDE, LONG):
        code, out, err = run(binary, "check", path)
        if code != 0:
            problems.append(f"`ocop check {path}` exited {code}: {(out + err).strip()}")
    results = {}
    for fmt_ in ("json", "csv"):
        for path in (WIDE, LONG):
            code, out, err = run(binary, "score", path, "--format", fmt_)
            if code != 0:
                fail(f"`ocop score {path} --format {fmt_}` exited {code}: {err.strip()}")
            results[(fmt_, path)] = out
    for fmt_ in ("json", "csv"):
        if results[(fmt_, WIDE)] != results[(fmt_, LONG)]:
            problems.append(f"the wide and long files score differently (--format {fmt_})")
    report = json.loads(results[("json", WIDE)])
    by_id = {p["product_id"]: p for p in report["products"]}

    seen = {"stars": set(), "held": [], "dq": [], "spread": [], "boundary": []}
    print()
    print(f"{'product':12} {'set':>3} {'mean':>6} {'band':>4} {'stars':>5}  outcome")
    for spec, leaves, sheets, mine in scored:
        p = by_id.get(spec["id"])
        if p is None:
            problems.append(f"{spec['id']} missing from the tool's report")
            continue
        dq = bool(spec.get("disqualified"))
        want_stars = 0 if dq else spec["stars"]
        if p["stars"] != want_stars or p["band_stars"] != spec["band"]:
            problems.append(f"{spec['id']}: tool says band {p['band_stars']}, stars {p['stars']}; "
                            f"meant band {spec['band']}, stars {want_stars}")
        held = sorted(h["code"] for h in p["held_back_by"])
        if not dq and held != sorted(spec.get("miss", {})):
            problems.append(f"{spec['id']}: tool says held back by {held}")
        flagged = p["spread_flag"] is not None
        if flagged != (mine["spread"] > MAX_SPREAD):
            problems.append(f"{spec['id']}: spread flag {flagged}, but totals differ by "
                            f"{fmt(mine['spread'])}")
        if abs(p["total"] - mine["mean"]) > 0.011:
            problems.append(f"{spec['id']}: tool's mean {p['total']} ≠ {mine['mean']:.2f}")
        if dq:
            if p["status"] == "disqualified":
                seen["dq"].append(spec["id"])
        else:
            seen["stars"].add(p["stars"])
            if p["band_stars"] > p["stars"]:
                seen["held"].append(spec["id"])
            if flagged and not held and p["band_stars"] == p["stars"]:
                seen["spread"].append(spec["id"])
            if any(round(p["total"] * 100) == f for f in BANDS[1:]):
                seen["boundary"].append(spec["id"])
        print(f"{spec['id']:12} {spec['set']:>3} {p['total']:6.2f} {p['band_stars']:>3}★ "
              f"{p['stars']:>4}★  {spec['role']}")
    print()
    print(f"star levels reached:  {', '.join(f'{s}★' for s in sorted(seen['stars']))}")
    print(f"held back by markers: {', '.join(seen['held']) or '-'}")
    print(f"disqualified:         {', '.join(seen['dq']) or '-'}")
    print(f"spread warnings:      {', '.join(seen['spread']) or '-'}")
    print(f"on a band boundary:   {', '.join(seen['boundary']) or '-'}")
    print(f"wide and long files:  {'same results' if results[('csv', WIDE)] == results[('csv', LONG)] else 'DIFFERENT'}")

    if not {1, 2, 3, 4, 5} <= seen["stars"]:
        problems.append(f"star levels missing: {sorted({1, 2, 3, 4, 5} - seen['stars'])}")
    if not seen["held"]:
        problems.append("no product held back by a marker")
    if len(seen["dq"]) != 1 or report["summary"]["disqualified"] != 1:
        problems.append(f"expected exactly one disqualified product, got {seen['dq']}")
    if not seen["spread"]:
        problems.append("no spread warning on an otherwise unremarkable product")
    if problems:
        print()
        for msg in problems:
            print(f"MISSING/WRONG: {msg}", file=sys.stderr)
        sys.exit(1)
    print("all outcomes present")


if __name__ == "__main__":
    main()
