"""Writes a workbook as openpyxl does (no cached formula values), for the reading tests.

Usage: python3 make_workbook.py SPEC.json OUT.xlsx
SPEC.json: {"sheets": [{"name": "S", "rows": [[cell, ...], ...]}, ...]}
A cell: a JSON number (a number cell), a string (a text cell; "#DIV/0!", "#N/A"… are error
cells, "=…" a formula), or null (no cell).
"""

import json
import sys

import openpyxl


def main(spec_path, dst):
    with open(spec_path, encoding="utf-8") as f:
        spec = json.load(f)
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for sheet in spec["sheets"]:
        ws = wb.create_sheet(sheet["name"])
        for r, row in enumerate(sheet["rows"], start=1):
            for c, value in enumerate(row, start=1):
                if value is not None:
                    ws.cell(row=r, column=c).value = value
    wb.save(dst)


if __name__ == "__main__":
    main(*sys.argv[1:3])
