#!/usr/bin/env python3
"""Writes the hand-made seed corpora under fuzz/seeds/<target>/ (run from the repo root).

    python3 fuzz/seeds/make_seeds.py [path/to/ocop]

`ocop` (default target/debug/ocop) is only asked for set templates and criteria as JSON.
score_csv seeds start with the harness's two option bytes (see tests/cli/fuzz_regressions.rs).
"""
import json
import pathlib
import re
import subprocess
import sys
import unicodedata

OCOP = sys.argv[1] if len(sys.argv) > 1 else "target/debug/ocop"
ROOT = pathlib.Path(__file__).resolve().parents[2]
CSV_DIR = ROOT / "fuzz/seeds/score_csv"
TOML_DIR = ROOT / "fuzz/seeds/criteria_toml"


def ocop(*args):
    return subprocess.run([OCOP, *args], check=True, capture_output=True, cwd=ROOT).stdout.decode()


def leaves(edition, number):
    """(code, allowed points) of a set's scored criteria, in sheet order."""
    tree = json.loads(ocop("--criteria", edition, "criteria", "show", str(number), "--format", "json"))
    out = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("scoring") in ("choose_one", "yes_no") and "code" in node:
                pts = [0] + [o["points"] for o in node.get("options", [])]
                if node["scoring"] == "yes_no":
                    pts = [0, node["max"]]
                out.append((node["code"], sorted(set(pts))))
                return
            for v in node.values():
                walk(v)
        elif isinstance(node, list):
            for v in node:
                walk(v)

    walk(tree["parts"])
    return out


MEMBERS = ["Nguyễn Văn Hùng", "Trần Thị Mai", "Phạm Quốc Bảo", "Lê Thị Thu Hà", "Vũ Đức Thắng"]


def fmt(p):
    return str(p).rstrip("0").rstrip(".") if isinstance(p, float) else str(p)


def wide(edition, number, products=2, members=3, with_set=True, pick=lambda i, m, a: a[-1 - (i + m) % 2 if len(a) > 1 else 0]):
    ls = leaves(edition, number)
    head = ["product_id", "product_name"] + (["set"] if with_set else []) + ["assessor"]
    head += [c for c, _ in ls] + ["producer", "disqualified"]
    rows = [head]
    for p in range(products):
        for m in range(members):
            r = [f"P-{number}-{p}", f"Sản phẩm số {p}"] + ([str(number)] if with_set else []) + [MEMBERS[m]]
            r += [fmt(pick(i + p, m, a)) for i, (_, a) in enumerate(ls)]
            r += ["HTX Ba Chẽ", ""]
            rows.append(r)
    return rows


def long(edition, number, products=1, members=3):
    ls = leaves(edition, number)
    rows = [["product_id", "set", "assessor", "criterion", "points", "disqualified"]]
    for p in range(products):
        for m in range(members):
            for i, (c, a) in enumerate(ls):
                rows.append([f"L-{p}", str(number), MEMBERS[m], c, fmt(a[(i + m) % len(a)]), ""])
    return rows


def join(rows, d=","):
    def cell(c):
        return '"' + c.replace('"', '""') + '"' if any(x in c for x in (d, '"', "\n")) else c
    return "".join(d.join(cell(c) for c in r) + "\r\n" for r in rows)


def cp1258(text):
    out = bytearray()
    for ch in text:
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        parts = unicodedata.normalize("NFD", ch)
        base, rest = parts[0], parts[1:]
        if rest:
            comp = unicodedata.normalize("NFC", base + rest[0])
            try:
                comp.encode("cp1258")
                base, rest = comp, rest[1:]
            except UnicodeEncodeError:
                pass
        out += base.encode("cp1258") + rest.encode("cp1258")
    return bytes(out)


def seed(name, opts, body):
    (CSV_DIR / name).write_bytes(bytes(opts) + body)


def main():
    CSV_DIR.mkdir(parents=True, exist_ok=True)
    TOML_DIR.mkdir(parents=True, exist_ok=True)
    ex = (ROOT / "examples/quang-ninh-2026.csv").read_bytes()
    seed("qn-wide-head", [0, 0], b"".join(ex.splitlines(keepends=True)[:16]))
    seed("qn-wide-province", [0x80, 0x05], ex)
    lg = (ROOT / "examples/quang-ninh-2026-long.csv").read_bytes()
    seed("qn-long-head", [0, 0], b"".join(lg.splitlines(keepends=True)[:120]))
    w6 = join(wide("qd26-2026", 6))
    seed("set6-wide", [0, 0], w6.encode())
    seed("set6-wide-noset", [0x20, 0x10], join(wide("qd26-2026", 6, with_set=False)).encode())
    seed("set6-long", [0, 0x40], join(long("qd26-2026", 6)).encode())
    seed("set6-semicolon", [0, 0], join(wide("qd26-2026", 6), ";").encode())
    seed("set6-semicolon-forced", [0x02, 0x80], join(wide("qd26-2026", 6), ";").encode())
    seed("set6-tab", [0x03, 0x3f], join(wide("qd26-2026", 6), "\t").encode())
    seed("set6-bom8", [0, 0], b"\xef\xbb\xbf" + w6.encode())
    seed("set6-utf16le-bom", [0, 0], b"\xff\xfe" + join(wide("qd26-2026", 6), "\t").encode("utf-16-le"))
    seed("set6-utf16be-bom", [0, 0], b"\xfe\xff" + w6.encode("utf-16-be"))
    seed("set6-utf16le-nobom", [0, 0], w6.encode("utf-16-le"))
    seed("set6-utf16le-forced", [0x14, 0], w6.encode("utf-16-le"))
    seed("set6-cp1258", [0, 0], cp1258(w6))
    seed("set6-cp1258-forced", [0x1c, 0], cp1258(join(wide("qd26-2026", 6), ";")))
    seed("set26-cases", [0, 0], join(wide("qd26-2026", 26)).encode())
    seed("set11-sub", [0, 0], join(long("qd26-2026", 11)).encode())
    seed("qd148-set1", [0x40, 0], join(wide("qd148-2023", 1)).encode())
    seed("qd148-set11-incomplete", [0x40, 0], join(wide("qd148-2023", 11, products=1)).encode())
    seed("qd148-set2-unverified", [0x40, 0], join(long("qd148-2023", 2)).encode())
    # Problems of every kind in one file: bad numbers, ragged rows, quotes, unknown sets,
    # a product under two sets, a member twice, foreign criteria.
    rows = wide("qd26-2026", 6, products=1)
    bad = [list(rows[1]) for _ in range(8)]
    bad[0][5] = "2,5"; bad[1][5] = "-1"; bad[2][5] = "1e3"; bad[3][5] = "NaN"
    bad[4][2] = "99"; bad[5][2] = "I.3.b"; bad[6][3] = ""; bad[7][5] = "99999999999"
    dup = list(rows[1]); dup[2] = "7"
    text = join(rows + bad + [dup]) + 'P-x,"multi\nline",6,"A ""quoted""",1\r\n,,,\r\n\r\n'
    seed("set6-problems", [0, 0], text.encode())
    seed("set6-problems-cap1", [0, 0x40], text.encode())
    # The same UTF-8 files also read by the fast path (byte 1, bits 4–5: 1 or 3 readers).
    for name in ("qn-wide-head", "qn-long-head", "set6-wide", "set6-long", "set6-semicolon",
                 "set6-bom8", "set6-problems", "set26-cases"):
        data = (CSV_DIR / name).read_bytes()
        seed(f"{name}-fast1", [data[0], data[1] & 0xcf | 0x20], data[2:])
        seed(f"{name}-fast3", [data[0], data[1] & 0xcf | 0x30], data[2:])
    (CSV_DIR / "template-148").write_bytes(bytes([0x40, 0]) + ocop("--criteria", "qd148-2023", "template", "1", "--assessors", "2").encode())

    doc = (ROOT / "docs/criteria-format.md").read_text()
    example = re.search(r"```toml\n(.*?)```", doc, re.S).group(1)
    (TOML_DIR / "docs-example.toml").write_text(example)
    for status in ("unverified", "incomplete"):
        (TOML_DIR / f"docs-example-{status}.toml").write_text(example.replace(
            'name_en = "Herbal tea"\n',
            f'name_en = "Herbal tea"\nstatus = "{status}"\nstatus_note = "not checked"\n', 1))
    # A second set (every criterion yes/no, one with a marker) after the documented one.
    second = """
[[set]]
number = 2
code = "P.2"
name = "Hai"
[[set.part]]
id = "A"
title = "A"
max = 40
[[set.part.section]]
code = "1"
title = "S"
max = 40
[[set.part.section.criterion]]
code = "1.1"
title = "x"
max = 40
yes_no = true
min_star = 4
[[set.part]]
id = "B"
title = "B"
max = 25
[[set.part.section]]
code = "2"
title = "S"
max = 25
yes_no = true
[[set.part]]
id = "C"
title = "C"
max = 35
[[set.part.section]]
code = "3"
title = "S"
max = 35
options = [{ points = 0.5, label = "a" }, { points = 35, label = "b", min_star = 3 }]
"""
    (TOML_DIR / "docs-example-two-sets.toml").write_text(example + second)
    # Every number ×100,000: still valid, but one inserted digit overflows a u32 sum.
    large = re.sub(r"(\b(?:total|max|points|A|B|C) = )([0-9.]+)",
                   lambda m: m.group(1) + f"{round(float(m.group(2)) * 100000)}", example)
    large = re.sub(r"bands = \[[^\]]*\]", "bands = [0, 3000000, 5000000, 7000000, 9000000]", large)
    (TOML_DIR / "docs-example-large.toml").write_text(large)
    for ed, sets in (("qd26-2026", [1, 11, 26]), ("qd148-2023", [1, 11, 26])):
        text = (ROOT / f"criteria/{ed}.toml").read_text()
        chunks = re.split(r"(?m)^(?=\[\[set\]\]\n)", text)
        head = chunks[0]
        for n in sets:
            body = chunks[n]
            # Drop descriptive text to keep seeds small: multi-line arrays, then one-liners.
            body = re.sub(r"(?ms)^(notes|editor_notes) = \[\n.*?^\]\n", "", body)
            body = re.sub(r"(?m)^(notes|editor_notes) = \[.*\]\n", "", body)
            body = re.sub(r'(?m)^(editor_note|source|bands_text|star_legend) = ".*"\n', "", body)
            (TOML_DIR / f"{ed}-set{n}.toml").write_text(head + body)
        if ed == "qd26-2026":
            (TOML_DIR / f"{ed}-set1-set26.toml").write_text(head + chunks[1] + chunks[26])

if __name__ == "__main__":
    main()
