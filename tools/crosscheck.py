#!/usr/bin/env python3
"""Compare the criteria compiled into `ocop` with an independent JSON transcription.

    python3 tools/crosscheck.py OCOP_BINARY EDITION_ID TRANSCRIPTION.json

For every set it compares, criterion by criterion (sub-criteria included): the code, the
maximum, the scoring kind, each option's points, label and marker (min_star), option cases,
and whole-criterion markers; and per set the number, code, part maxima and status. The JSON
is the shape of the OCOP reference data (sets → parts → sections → criteria → children →
options). It prints every difference and exits 1 if there is any.
"""
import json
import subprocess
import sys


def flatten_ref(ref_set):
    out = {}
    for part in ref_set["parts"]:
        for sec in part["sections"]:
            out[("section", sec["code"])] = {"max": sec["max"]}

            def walk(c):
                out[("criterion", c["code"])] = {
                    "max": c["max"],
                    "scoring": c["scoring"],
                    "min_star": c.get("min_star"),
                    "options": [(o["points"], o["label"], o.get("min_star"), o.get("case")) for o in c["options"]],
                }
                for ch in c.get("children", []):
                    walk(ch)

            for c in sec["criteria"]:
                walk(c)
    return out


def flatten_ocop(s):
    out = {}
    for part in s["parts"]:
        for sec in part["sections"]:
            out[("section", sec["code"])] = {"max": sec["max"]}

            def walk(c):
                out[("criterion", c["code"])] = {
                    "max": c["max"],
                    "scoring": c["scoring"],
                    "min_star": c.get("min_star"),
                    "options": [(o["points"], o["label"], o.get("min_star"), o.get("case")) for o in c["options"]],
                }
                for ch in c.get("sub", []):
                    walk(ch)

            for c in sec["criteria"]:
                walk(c)
    return out


def main():
    binary, edition, path = sys.argv[1:4]
    ref = json.load(open(path, encoding="utf-8"))
    diffs, compared = [], {"sets": 0, "sections": 0, "criteria": 0, "options": 0, "markers": 0}
    for rs in ref["sets"]:
        n = rs["no"]
        got = json.loads(subprocess.run(
            [binary, "--criteria", edition, "criteria", "show", str(n), "--format", "json"],
            check=True, capture_output=True).stdout)
        compared["sets"] += 1
        if got["code"] != rs["code"]:
            diffs.append(f"set {n}: code {got['code']} != {rs['code']}")
        if [p["max"] for p in got["parts"]] != [p["max"] for p in rs["parts"]]:
            diffs.append(f"set {n}: part maxima differ")
        want_status = "incomplete" if rs.get("incomplete") else ("unverified" if rs.get("verified") is False else "verified")
        if got["status"] != want_status:
            diffs.append(f"set {n}: status {got['status']} != {want_status}")
        a, b = flatten_ocop(got), flatten_ref(rs)
        for key in sorted(set(a) | set(b)):
            if key not in a:
                diffs.append(f"set {n}: {key[0]} {key[1]} missing from ocop")
                continue
            if key not in b:
                diffs.append(f"set {n}: {key[0]} {key[1]} not in the transcription")
                continue
            compared[key[0] + "s" if key[0] == "section" else "criteria"] += 1
            x, y = a[key], b[key]
            for field in x:
                if x[field] != y[field]:
                    diffs.append(f"set {n}: {key[0]} {key[1]}: {field} {x[field]!r} != {y[field]!r}")
            if key[0] == "criterion":
                compared["options"] += len(y["options"])
                compared["markers"] += sum(1 for o in y["options"] if o[2]) + (1 if y["min_star"] else 0)
    print(f"{edition}: compared {compared}")
    for d in diffs:
        print("DIFF", d)
    print(f"{len(diffs)} difference(s)")
    sys.exit(1 if diffs else 0)


if __name__ == "__main__":
    main()
